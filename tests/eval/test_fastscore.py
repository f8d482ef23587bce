"""The columnar scorer (fastscore) gives exactly the report of the per-document reference path."""

import copy
import json
import random

import pytest

from econfacts.errors import InputError
from econfacts.eval.scorer import reference_score, score
from econfacts.eval.signature import gold_fingerprint
from econfacts.eval.synthetic import corpus


def _same_report(gold, pred, bootstrap=40):
    fast = score(gold, pred, bootstrap=bootstrap)
    ref = reference_score(gold, pred, bootstrap=bootstrap)
    # JSON text, so that an int where the reference has a float also counts as a difference.
    assert json.dumps(fast, sort_keys=True) == json.dumps(ref, sort_keys=True)
    return fast


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("noise", [0.05, 0.4, 0.9])
def test_random_corpora(seed, noise):
    gold, pred = corpus(6, 40, seed=seed, noise=noise, relations_per_span=4.0)
    report = _same_report(gold, pred)
    assert report["relations"]["strict"]["micro"]["tp"] > 0


def _odd(doc, rng):
    """Documents the columnar path hands to the reference path: each kind of irregularity once."""
    spans = doc["spans"]
    kind = rng.randrange(6)
    if kind == 0 and spans:  # a span id used twice
        spans.append({**copy.deepcopy(spans[0]), "start": spans[0]["start"], "end": spans[0]["end"]})
    elif kind == 1 and spans:  # the same span twice under two ids
        spans.append({**copy.deepcopy(spans[-1]), "id": "dup"})
    elif kind == 2 and len(spans) > 1:  # overlapping spans
        spans.append({**copy.deepcopy(spans[1]), "id": "wide", "start": spans[0]["start"]})
    elif kind == 3 and spans:  # no attributes key / null attributes
        spans[0].pop("attributes", None)
        spans[-1]["attributes"] = None
    elif kind == 4 and spans:  # a label outside the inventory
        spans[0]["label"] = "ZZZ_UNKNOWN"
    elif kind == 5:
        doc["spans"], doc["relations"] = [], []


@pytest.mark.parametrize("seed", range(10))
def test_irregular_documents_go_to_the_reference_path_and_agree(seed):
    rng = random.Random(seed)
    gold, pred = corpus(8, 20, seed=seed, noise=0.4, relations_per_span=3.0)
    for doc in rng.sample(gold, 3) + rng.sample(pred, 3):
        _odd(doc, rng)
    _same_report(gold, pred)


def test_corpora_of_several_chunks_merge_to_the_reference_counts():
    from econfacts.eval.columns import CHUNK

    rng = random.Random(7)
    gold, pred = corpus(2 * CHUNK + 17, 6, seed=7, noise=0.4, relations_per_span=3.0)
    for doc in rng.sample(gold[:CHUNK], 3) + rng.sample(pred[CHUNK:], 3):
        _odd(doc, rng)
    pred[-1]["spans"][0]["label"] = "ZZZ_ONLY_IN_THE_LAST_CHUNK"  # the chunks' label sets differ
    report = _same_report(gold, pred)
    shuffled = copy.deepcopy(gold)
    rng.shuffle(shuffled)
    assert gold_fingerprint(shuffled) == report["signature"].split("gold:")[1].split("|")[0]


ODD_VALUES = [float("nan"), float("inf"), -0.0, 0.0, 2, True, None, [1.0, 2.0], [1, 2.0], [1.0, 2.0, 3.0], [1.0],
              "7", {"x": 1}, 1e-300, 1.0000001]
# Gold and predicted values of one attribute that look alike: the reference agrees on some, not on others.
ODD_PAIRS = [(2.0, 2), (2, 2), (True, 1.0), (True, True), (float("nan"), float("nan")), (float("inf"), float("inf")),
             (-0.0, 0.0), ([1.0, 2.0], [1, 2.0]), ([1.0, 2.0], [1.0, 2.0000001]), ([1.0, 2.0], [1.0, 2.1]),
             ([1.0], [1.0]), (1.0, [1.0, 2.0]), ([1.0, 1.0], 1.0), ("7", "7"), ("Share", "share"), (" a  b ", "A B"),
             ({"x": 1}, {"x": 1}), (None, "gone")]


@pytest.mark.parametrize("seed", range(6))
def test_unusual_attribute_values_agree_with_the_reference(seed):
    """Values that the coded and float columns cannot take (ints, bools, odd ranges, unhashable or
    non-finite values, missing keys) must be compared exactly as the reference path compares them."""
    rng = random.Random(seed)
    gold, pred = corpus(6, 40, seed=seed, noise=0.2, relations_per_span=3.0)
    pred = copy.deepcopy(pred)  # predictions may share attribute dicts with the gold
    for doc in gold + pred:
        for span in doc["spans"]:
            attrs = span["attributes"]
            for name in list(attrs):
                roll = rng.random()
                if roll < 0.1:
                    attrs[name] = rng.choice(ODD_VALUES)
                elif roll < 0.15:
                    del attrs[name]
    gold_spans = {(d["id"], s["id"]): s for d in gold for s in d["spans"]}
    for doc in pred:  # predictions keep gold span ids: give some pairs look-alike values
        for span in doc["spans"]:
            twin = gold_spans.get((doc["id"], span["id"]))
            if twin is not None and twin["attributes"] and rng.random() < 0.4:
                name = rng.choice(sorted(twin["attributes"]))
                twin["attributes"][name], value = rng.choice(ODD_PAIRS)
                if value == "gone":
                    span["attributes"].pop(name, None)
                else:
                    span["attributes"][name] = value
    _same_report(gold, pred)


def test_every_look_alike_pair_on_every_attribute_agrees_with_the_reference():
    """Each pair of ODD_PAIRS on each attribute of a strictly matched span, once (cycling through them)."""
    gold, pred = corpus(12, 60, seed=11, noise=0.0, relations_per_span=1.0)
    pred = copy.deepcopy(pred)  # predictions may share attribute dicts with the gold
    combos = [(name, pair) for name in ("number", "kind", "unit", "canonical", "value") for pair in ODD_PAIRS]
    left = list(combos)
    gold_spans = {(d["id"], s["id"]): s for d in gold for s in d["spans"]}
    for doc in pred:
        for span in doc["spans"]:
            twin = gold_spans[(doc["id"], span["id"])]
            todo = [c for c in left if c[0] in twin["attributes"]]
            if not todo:
                continue
            name, (twin["attributes"][name], value) = todo[0]
            left.remove(todo[0])
            if value == "gone":
                span["attributes"].pop(name, None)
            else:
                span["attributes"][name] = value
    assert not left  # every combination was placed
    _same_report(gold, pred)


def test_empty_corpus():
    _same_report([], [])


def test_dangling_relation_gives_the_reference_error():
    gold, pred = corpus(4, 10, seed=1, relations_per_span=3.0)
    pred[2]["relations"].append({"head": "nope", "tail": pred[2]["spans"][0]["id"], "label": "period"})
    gold[3]["relations"].append({"head": "nope", "tail": gold[3]["spans"][0]["id"], "label": "period"})
    with pytest.raises(InputError) as fast:
        score(gold, pred, bootstrap=0)
    with pytest.raises(InputError) as ref:
        reference_score(gold, pred, bootstrap=0)
    assert str(fast.value) == str(ref.value)


def test_fingerprint_ignores_order_but_not_annotation():
    gold, _ = corpus(5, 20, seed=3, relations_per_span=3.0)
    shuffled = copy.deepcopy(gold)
    rng = random.Random(0)
    rng.shuffle(shuffled)
    for doc in shuffled:
        rng.shuffle(doc["spans"])
        rng.shuffle(doc["relations"])
        for s in doc["spans"]:
            items = list(s["attributes"].items())
            rng.shuffle(items)
            s["attributes"] = dict(items)
    assert gold_fingerprint(shuffled) == gold_fingerprint(gold)
    changed = copy.deepcopy(gold)
    value = next(s for d in changed for s in d["spans"] if "number" in s["attributes"])
    value["attributes"]["number"] = 123456.5
    assert gold_fingerprint(changed) != gold_fingerprint(gold)
    moved = copy.deepcopy(gold)
    moved[0]["relations"][0]["label"] = "other"
    assert gold_fingerprint(moved) != gold_fingerprint(gold)


@pytest.mark.parametrize("seed", range(5))
def test_sort_order_is_the_stable_lexicographic_order(seed):
    import numpy as np

    from econfacts.eval.columns import _sort_order

    rng = np.random.default_rng(seed)
    n = 300
    doc = np.sort(rng.integers(0, 5, n))
    cols = [doc] + [rng.integers(0, 4, n) for _ in range(3)]
    assert (_sort_order(*cols) == np.lexsort(cols[::-1])).all()
    order = np.lexsort(cols[::-1])
    presorted = [c[order] for c in cols]  # already in order, ties included: the identity
    assert (_sort_order(*presorted) == np.arange(n)).all()


def test_spans_listed_out_of_order_score_as_in_order():
    gold, pred = corpus(5, 30, seed=4, noise=0.4, relations_per_span=3.0)
    rng = random.Random(2)
    for doc in gold[:2] + pred[1:4]:
        rng.shuffle(doc["spans"])
    _same_report(gold, pred)


def _edited(gold, edit):
    changed = copy.deepcopy(gold)
    edit(next(s for d in changed for s in d["spans"] if "number" in s["attributes"]))
    return changed


@pytest.mark.parametrize("edit", [
    lambda s: s["attributes"].pop("unit"),
    lambda s: s["attributes"].update(number=0.25),  # generated numbers are at least 1
    lambda s: s["attributes"].update(number=[1.0, 2.0]),
    lambda s: s["attributes"].update(number=None),
    lambda s: s["attributes"].update(unit=s["attributes"]["unit"] + "x"),
    lambda s: s.update(attributes=None),
])
def test_fingerprint_sees_every_attribute_change(edit):
    gold, _ = corpus(5, 20, seed=3, relations_per_span=3.0)
    assert gold_fingerprint(_edited(gold, edit)) != gold_fingerprint(gold)


def test_fingerprint_tells_a_missing_attribute_from_a_null_one():
    gold, _ = corpus(5, 20, seed=3, relations_per_span=3.0)
    missing = _edited(gold, lambda s: s["attributes"].pop("unit"))
    null = _edited(gold, lambda s: s["attributes"].update(unit=None))
    assert gold_fingerprint(missing) != gold_fingerprint(null)


def test_fingerprint_ignores_attributes_the_scorer_never_reads():
    gold, pred = corpus(5, 20, seed=3, noise=0.4, relations_per_span=3.0)
    extra = _edited(gold, lambda s: s["attributes"].update(extra="x"))  # not an attribute of any label
    bare = next(s for d in extra for s in d["spans"] if not s["attributes"])
    bare["attributes"] = {"kind": "level"}  # a label that has no attributes in the inventory
    assert gold_fingerprint(extra) == gold_fingerprint(gold)
    assert score(extra, pred, bootstrap=0) == score(gold, pred, bootstrap=0)


def test_fingerprint_tells_int_from_float():
    gold, _ = corpus(5, 20, seed=3, relations_per_span=3.0)
    base = _edited(gold, lambda s: s["attributes"].update(number=2.0))
    as_int = _edited(gold, lambda s: s["attributes"].update(number=2))
    assert gold_fingerprint(base) != gold_fingerprint(as_int)


def test_fingerprint_reads_null_attributes_as_empty():
    gold, _ = corpus(5, 20, seed=3, relations_per_span=3.0)
    bare = next(s for d in gold for s in d["spans"] if not s["attributes"])
    nulled = copy.deepcopy(gold)
    next(s for d in nulled for s in d["spans"] if s["id"] == bare["id"] and not s["attributes"])["attributes"] = None
    assert gold_fingerprint(nulled) == gold_fingerprint(gold)
