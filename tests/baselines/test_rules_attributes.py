"""Rule tagger and rule attributes on sentences modelled on the training articles (000-003)."""

import pytest

from econfacts.baselines.attributes import RuleAttributes, canonical_place
from econfacts.baselines.rules import RuleTagger


def _tag(text, ref_year=2023, province="Shandong"):
    doc = {"id": "x", "text": text, "metadata": {"reference_year": ref_year, "province": province}}
    spans = RuleTagger().fit([]).predict_spans([doc])[0]
    spans = RuleAttributes().fit([]).annotate(doc, spans)
    return {text[s["start"] : s["end"]]: (s["label"], s.get("attributes", {})) for s in spans}


def test_values_times_and_places():
    got = _tag("As of January 31 this year, the operating rate of 34,000 regulated industrial enterprises in "
               "Shandong exceeded 90%. This year, there are 602 major projects in the province with a total "
               "investment of 2.5 trillion yuan.")  # fmt: skip
    assert got["January 31 this year"] == ("TIME", {"value": "2023-01-31"})
    assert got["90%"][0] == "PERCENT" and got["90%"][1]["bound"] == "at_least" and got["90%"][1]["kind"] == "level"
    assert got["34,000"][0] == "QUANTITY" and got["34,000"][1]["unit"] == "count"
    assert got["2.5 trillion yuan"][1]["number"] == 2.5e12
    assert got["province"] == ("LOCATION", {"canonical": "Shandong"})
    assert got["Shandong"] == ("LOCATION", {"canonical": "Shandong"})


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("the added value of high-tech manufacturing increased by 15.1% year-on-year.", "15.1%",
         {"kind": "change", "direction": "increase", "basis": "year_on_year", "modality": "actual"}),
        ("the main targets are: increase GDP by more than 5.5%.", "5.5%",
         {"kind": "change", "direction": "increase", "basis": "none", "modality": "target", "bound": "at_least"}),
        ("the fuel supply system has reduced gas consumption by 320 cubic meters per ton.", "320 cubic meters per ton",
         {"kind": "change", "direction": "decrease", "unit": "m3/t"}),
        ("the four new economic investment increased by 16.8%, accounting for 52.8% of the total investment.", "52.8%",
         {"kind": "share", "direction": "none", "basis": "none"}),
        ("It is estimated that after it is put into operation, it can realize an annual output value of 45 billion "
         "yuan.", "45 billion yuan", {"kind": "level", "modality": "forecast", "unit": "CNY"}),
    ],
)  # fmt: skip
def test_value_attributes(text, value, expected):
    label, attrs = _tag(text)[value]
    assert label in ("MONEY", "PERCENT", "QUANTITY")
    assert {k: attrs[k] for k in expected} == expected


def test_names():
    got = _tag("Liu Conggang, deputy general manager of Tianma Glass Products Co., Ltd., is supervising. "
               "Weichai Group is located in Weifang City, Shandong Province.")  # fmt: skip
    assert got["Liu Conggang"][0] == "PERSON"
    assert got["Tianma Glass Products Co., Ltd."][0] == "ORGANIZATION"
    assert got["Weichai Group"][0] == "ORGANIZATION"
    assert got["Weifang City"] == ("LOCATION", {"canonical": "Weifang"})


def test_canonical_place():
    assert canonical_place("our province", "Hebei") == "Hebei"
    assert canonical_place("country", None) == "China"
    assert canonical_place("Laishan District", None) == "Laishan District"
    assert canonical_place("city", "Hebei") is None


def test_lexicon_learned_from_training_spans(train_docs):
    tagger = RuleTagger().fit(train_docs)
    surfaces = set(tagger.lexicon_)
    assert "Northstar Group" in surfaces or "Redhill Steel Group" in surfaces
    assert all(lab not in ("MONEY", "PERCENT", "QUANTITY", "TIME") for lab in tagger.lexicon_.values())
