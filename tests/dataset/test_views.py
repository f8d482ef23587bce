"""The sentence, BIO and facts views on small hand-made documents."""

from __future__ import annotations

from econfacts.dataset import views
from econfacts.schema.inventory import load_inventory


def span(sid, text, part, label, attributes=None, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"id": sid, "start": start, "end": start + len(part), "label": label, "text": part,
            "attributes": attributes or {}}


def percent(number):
    return {"kind": "change", "direction": "increase", "basis": "year_on_year", "modality": "actual",
            "bound": "exact", "number": number, "unit": "%"}


TEXT = "In 2023, output value rose by 5.3% in Dalian. Profit fell.\nExports grew 3 to 4 times."


def doc(spans, relations=()):
    return {"id": "d1", "text": TEXT, "spans": spans, "relations": list(relations)}


def test_bio_tags_cover_each_span_and_sentences_keep_document_offsets():
    d = doc([span("T1", TEXT, "output value", "INDICATOR"), span("T2", TEXT, "5.3%", "PERCENT", percent(5.3))])
    rows, report = views.sentence_rows(d)
    assert [r["text"] for r in rows] == ["In 2023, output value rose by 5.3% in Dalian.", "Profit fell.",
                                         "Exports grew 3 to 4 times."]
    first = rows[0]
    tagged = [(t, g) for t, g in zip(first["tokens"], first["ner_tags"], strict=True) if g != "O"]
    assert tagged == [("output", "B-INDICATOR"), ("value", "I-INDICATOR"), ("5.3", "B-PERCENT"),
                      ("%", "I-PERCENT")]
    for row in rows:
        for tok, s, e in zip(row["tokens"], row["token_starts"], row["token_ends"], strict=True):
            assert TEXT[s:e] == tok
    assert report.misaligned == [] and report.merged == []


def test_span_off_token_boundaries_is_reported_and_still_tagged():
    d = doc([{"id": "T1", "start": 10, "end": 15, "label": "INDICATOR", "text": TEXT[10:15], "attributes": {}}])
    assert TEXT[10:15] == "utput"  # starts inside the token "output"
    rows, report = views.sentence_rows(d)
    assert report.misaligned == [("d1", "T1")]
    assert "B-INDICATOR" in rows[0]["ner_tags"]


def test_span_across_a_sentence_end_merges_the_sentences():
    part = "Profit fell.\nExports"
    d = doc([span("T1", TEXT, part, "INDICATOR")])
    rows, report = views.sentence_rows(d)
    assert report.merged == [("d1", "T1")]
    assert [r["text"] for r in rows] == ["In 2023, output value rose by 5.3% in Dalian.",
                                         "Profit fell.\nExports grew 3 to 4 times."]
    tags = rows[1]["ner_tags"]
    assert tags[0] == "B-INDICATOR" and tags.count("B-INDICATOR") == 1
    assert [r["sentence_index"] for r in rows] == [0, 1]


def test_facts_resolve_roles_attributes_and_ranges():
    spans = [
        span("T1", TEXT, "2023", "TIME", {"value": "2023"}),
        span("T2", TEXT, "output value", "INDICATOR"),
        span("T3", TEXT, "5.3%", "PERCENT", percent(5.3)),
        span("T4", TEXT, "Dalian", "LOCATION", {"canonical": "Dalian"}),
        span("T5", TEXT, "3 to 4", "QUANTITY", {**percent([3, 4]), "unit": "count"}),
        span("T6", TEXT, "Exports", "INDICATOR"),
    ]
    relations = [{"head": "T3", "tail": "T2", "label": "value_of"}, {"head": "T3", "tail": "T1", "label": "period"},
                 {"head": "T3", "tail": "T4", "label": "location"}, {"head": "T5", "tail": "T6", "label": "value_of"}]
    rows = views.fact_rows(doc(spans, relations))
    assert [r["span_id"] for r in rows] == ["T3", "T5"]
    first, second = rows
    assert first["value_of"] == ["output value"] and first["period_value"] == ["2023"]
    assert first["location"] == ["Dalian"] and first["location_canonical"] == ["Dalian"]
    assert first["number"] == 5.3 and first["number_low"] == first["number_high"] == 5.3
    assert first["sentence"] == "In 2023, output value rose by 5.3% in Dalian."
    assert second["number"] is None and (second["number_low"], second["number_high"]) == (3.0, 4.0)
    assert second["period"] == [] and second["value_of"] == ["Exports"]


def test_fact_columns_follow_the_inventory():
    inv = load_inventory()
    names = [name for name, _, _ in views.fact_columns(inv)]
    for rel in views.role_relations(inv):
        assert rel.name in names
    assert all(set(r.signatures[0][0]) & set(inv.value_labels) for r in views.role_relations(inv))


def test_bio_names_are_o_then_b_i_per_label():
    names = views.bio_names()
    inv = load_inventory()
    assert names[0] == "O" and len(names) == 1 + 2 * len(inv.label_names)
