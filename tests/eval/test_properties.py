"""Property tests: gold against itself is perfect, order never matters, every score lies in [0, 1]."""

import copy
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from econfacts.eval import score
from econfacts.eval.synthetic import corpus

seeds = st.integers(min_value=0, max_value=2**32 - 1)
sizes = st.tuples(st.integers(1, 4), st.integers(1, 20))
FAST = settings(max_examples=25, deadline=None)


def _numbers(node, path=""):
    """Every float in the report that is a score (not a count or a label)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _numbers(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _numbers(v, f"{path}[{i}]")
    elif isinstance(node, float) and path.rsplit(".", 1)[-1].split("[")[0] in {
        "precision", "recall", "f1", "accuracy", "ci95"
    }:
        yield path, node


@FAST
@given(seed=seeds, size=sizes)
def test_gold_against_itself_is_perfect(seed, size):
    gold, _ = corpus(*size, seed=seed)
    report = score(gold, copy.deepcopy(gold), bootstrap=20, seed=seed % 1000)
    for scheme, block in report["spans"].items():
        assert block["micro"]["f1"] == 1.0, scheme
        # One document has no interval (see eval/bootstrap.py); more documents give a point at 1.0.
        assert block["micro"]["ci95"] == ([1.0, 1.0] if len(gold) > 1 else None)
        for label, row in block["per_label"].items():
            if row["tp"] + row["fn"]:
                assert row["f1"] == 1.0, (scheme, label)
    for mode, block in report["relations"].items():
        if block["micro"]["tp"] + block["micro"]["fn"]:
            assert block["micro"]["f1"] == 1.0, mode
    for name, a in report["attributes"].items():
        assert a["accuracy"] in (1.0, None), name
    if report["facts"]["tp"]:
        assert report["facts"]["f1"] == 1.0
    assert all(r["accuracy"] in (1.0, None) for r in report["facts"]["roles"].values())


@FAST
@given(seed=seeds, size=sizes, shuffle_seed=seeds)
def test_order_of_predictions_and_documents_changes_nothing(seed, size, shuffle_seed):
    gold, pred = corpus(*size, seed=seed, noise=0.4)
    rng = random.Random(shuffle_seed)
    shuffled_pred, shuffled_gold = copy.deepcopy(pred), copy.deepcopy(gold)
    for doc in shuffled_pred + shuffled_gold:
        rng.shuffle(doc["spans"])
        rng.shuffle(doc["relations"])
    rng.shuffle(shuffled_pred)
    rng.shuffle(shuffled_gold)
    assert score(shuffled_gold, shuffled_pred, bootstrap=50) == score(gold, pred, bootstrap=50)


@FAST
@given(seed=seeds, size=sizes, noise=st.floats(0.0, 1.0))
def test_every_score_is_in_the_unit_interval(seed, size, noise):
    gold, pred = corpus(*size, seed=seed, noise=noise)
    report = score(gold, pred, bootstrap=30)
    found = list(_numbers(report))
    assert found
    for path, x in found:
        assert 0.0 <= x <= 1.0, path
    for block in list(report["spans"].values()) + list(report["relations"].values()):
        ci = block["micro"]["ci95"]
        assert (ci is None) == (len(gold) < 2)
        assert ci is None or ci[0] <= ci[1]
