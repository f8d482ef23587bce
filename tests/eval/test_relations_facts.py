"""Hand-computed relation, attribute and fact scores on the fixture documents."""

import copy

import pytest

from econfacts.eval import score


def _doc(docs, doc_id):
    return next(d for d in docs if d["id"] == doc_id)


def _span(doc, sid):
    return next(s for s in doc["spans"] if s["id"] == sid)


def _score(gold, pred):
    return score(gold, pred, bootstrap=0)


def test_identical_is_perfect(gold_docs):
    r = _score(gold_docs, copy.deepcopy(gold_docs))
    assert r["relations"]["strict"]["micro"]["f1"] == 1.0
    assert r["facts"]["f1"] == 1.0 and r["facts"]["tp"] == 6
    assert all(a["accuracy"] == 1.0 for a in r["attributes"].values())


def test_argument_label_matters_only_in_strict(gold_docs):
    pred = copy.deepcopy(gold_docs)
    # doc-a: relation subject T6 -> T5; T5 relabelled PROJECT, same boundaries.
    _span(_doc(pred, "doc-a"), "T5")["label"] = "PROJECT"
    r = _score(gold_docs, pred)
    strict, bounds = r["relations"]["strict"]["micro"], r["relations"]["boundaries"]["micro"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (15, 1, 1)
    assert (bounds["tp"], bounds["fp"], bounds["fn"]) == (16, 0, 0)
    assert r["relations"]["strict"]["per_label"]["subject"]["fn"] == 1


def test_direction_and_label_matter(gold_docs):
    pred = copy.deepcopy(gold_docs)
    rels = _doc(pred, "doc-b")["relations"]
    rels[6] = {"head": "S3", "tail": "S1", "label": "develops"}  # reversed S1 -> S3
    rels[4] = {"head": "S7", "tail": "S8", "label": "part_of"}  # was affiliation
    r = _score(gold_docs, pred)
    for mode in ("strict", "boundaries"):
        m = r["relations"][mode]["micro"]
        assert (m["tp"], m["fp"], m["fn"]) == (14, 2, 2)


def test_time_role_compared_by_normalised_value(gold_docs):
    pred = copy.deepcopy(gold_docs)
    b = _doc(pred, "doc-b")
    # S2's period points at "2021" instead of "2022": the fact breaks ...
    b["relations"][1] = {"head": "S2", "tail": "S6", "label": "period"}
    r = _score(gold_docs, pred)
    assert r["facts"]["tp"] == 5
    assert r["facts"]["roles"]["period"]["agree"] == 5 and r["facts"]["roles"]["period"]["total"] == 6
    # ... unless "2021" is normalised to the same period as "2022" was.
    _span(b, "S6")["attributes"]["value"] = "2022"
    r = _score(gold_docs, pred)
    assert r["facts"]["tp"] == 6
    assert r["relations"]["strict"]["micro"]["fp"] == 1  # the relation itself is still wrong


def test_location_role_compared_by_canonical(gold_docs):
    pred = copy.deepcopy(gold_docs)
    c = _doc(pred, "doc-c")
    c["relations"][2] = {"head": "C2", "tail": "C5", "label": "location"}  # "our province", also Liaoning
    _span(c, "C5")["attributes"]["canonical"] = "  liaoning "
    r = _score(gold_docs, pred)
    assert r["facts"]["f1"] == 1.0
    _span(c, "C5")["attributes"]["canonical"] = "Shandong"
    r = _score(gold_docs, pred)
    # C2 breaks, and so does C7, whose location is C5 in both gold and prediction.
    assert (r["facts"]["tp"], r["facts"]["fp"], r["facts"]["fn"]) == (4, 2, 2)


def test_missing_extra_and_repeated_roles(gold_docs):
    pred = copy.deepcopy(gold_docs)
    a = _doc(pred, "doc-a")
    a["relations"].pop(1)  # T4 loses its period
    a["relations"].append({"head": "T6", "tail": "T2", "label": "location"})  # T6 gains a location
    r = _score(gold_docs, pred)
    assert (r["facts"]["tp"], r["facts"]["fp"], r["facts"]["fn"]) == (4, 2, 2)
    assert r["facts"]["roles"]["period"]["agree"] == 5
    assert r["facts"]["roles"]["location"]["agree"] == 5
    # A second subject of the same value: the sets differ.
    pred = copy.deepcopy(gold_docs)
    _doc(pred, "doc-b")["relations"].append({"head": "S2", "tail": "S1", "label": "subject"})
    r = _score(gold_docs, pred)
    assert r["facts"]["tp"] == 5
    gold2 = copy.deepcopy(pred)
    assert _score(gold2, copy.deepcopy(pred))["facts"]["f1"] == 1.0


def test_fact_needs_the_value_span_strictly(gold_docs):
    pred = copy.deepcopy(gold_docs)
    s = _span(_doc(pred, "doc-a"), "T6")
    s["start"] += 3  # "billion yuan"
    s["text"] = _doc(pred, "doc-a")["text"][s["start"] : s["end"]]
    r = _score(gold_docs, pred)
    assert (r["facts"]["tp"], r["facts"]["fp"], r["facts"]["fn"]) == (5, 1, 1)


@pytest.mark.parametrize(
    ("value", "agrees"),
    [(5.3, True), (5.3 * (1 + 5e-7), True), (5.3 * (1 + 2e-6), False), (None, False), ([5.3, 5.3], False)],
)
def test_number_tolerance(gold_docs, value, agrees):
    pred = copy.deepcopy(gold_docs)
    _span(_doc(pred, "doc-a"), "T4")["attributes"]["number"] = value
    r = _score(gold_docs, pred)
    assert r["attributes"]["number"]["agree"] == 6 - (not agrees)
    assert r["attributes"]["number"]["total"] == 6


@pytest.mark.parametrize(
    ("value", "agrees"), [([3e9, 5e9 * (1 + 1e-7)], True), ([3e9, 5.1e9], False), ([3.1e9, 5e9], False), (4e9, False)]
)
def test_ranges_compare_both_ends(gold_docs, value, agrees):
    pred = copy.deepcopy(gold_docs)
    _span(_doc(pred, "doc-c"), "C2")["attributes"]["number"] = value
    assert _score(gold_docs, pred)["attributes"]["number"]["agree"] == 6 - (not agrees)


def test_missing_attribute_and_wrong_choice(gold_docs):
    pred = copy.deepcopy(gold_docs)
    del _span(_doc(pred, "doc-a"), "T4")["attributes"]["kind"]
    _span(_doc(pred, "doc-b"), "S2")["attributes"]["bound"] = "approximate"
    _span(_doc(pred, "doc-a"), "T2")["attributes"]["canonical"] = "LIAONING"
    r = _score(gold_docs, pred)
    assert r["attributes"]["kind"] == {"accuracy": 5 / 6, "agree": 5, "total": 6}
    assert r["attributes"]["bound"]["agree"] == 5
    assert r["attributes"]["canonical"]["accuracy"] == 1.0  # free text: case-insensitive
    assert r["attributes"]["value"]["total"] == 4


def test_attributes_only_on_strict_matches(gold_docs):
    pred = copy.deepcopy(gold_docs)
    _span(_doc(pred, "doc-a"), "T4")["label"] = "QUANTITY"
    r = _score(gold_docs, pred)
    assert r["attributes"]["kind"]["total"] == 5
