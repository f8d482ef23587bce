"""Hand-computed span counts for every scheme: (tp, fp, fn) summed over labels."""

import pytest

from econfacts.eval.counts import Counts, prf, total
from econfacts.eval.spans import SCHEMES, span_counts

A, B = "ORGANIZATION", "LOCATION"

CASES = {
    # name: (gold, pred, {scheme: (tp, fp, fn)})
    "identical": ([(0, 5, A)], [(0, 5, A)], dict(strict=(1, 0, 0), exact=(1, 0, 0), partial=(1, 0, 0), type=(1, 0, 0))),
    "type confusion": (
        [(0, 5, A)], [(0, 5, B)], dict(strict=(0, 1, 1), exact=(1, 0, 0), partial=(1, 0, 0), type=(0, 1, 1))
    ),
    "shorter, same label": (
        [(0, 10, A)], [(0, 5, A)], dict(strict=(0, 1, 1), exact=(0, 1, 1), partial=(0.5, 0.5, 0.5), type=(1, 0, 0))
    ),
    "overlap, wrong label": (
        [(0, 10, A)], [(2, 12, B)], dict(strict=(0, 1, 1), exact=(0, 1, 1), partial=(0.5, 0.5, 0.5), type=(0, 1, 1))
    ),
    "split span": (
        [(0, 10, A)],
        [(0, 4, A), (5, 10, A)],
        dict(strict=(0, 2, 1), exact=(0, 2, 1), partial=(0.5, 1.5, 0.5), type=(1, 1, 0)),
    ),
    "merged spans": (
        [(0, 4, A), (5, 10, B)],
        [(0, 10, A)],
        dict(strict=(0, 1, 2), exact=(0, 1, 2), partial=(0.5, 0.5, 1.5), type=(1, 0, 1)),
    ),
    "missed and spurious": (
        [(0, 3, A)], [(5, 8, A)], dict(strict=(0, 1, 1), exact=(0, 1, 1), partial=(0, 1, 1), type=(0, 1, 1))
    ),
    # A greedy left-to-right scan matches (3, 8) to the first gold and leaves (0, 2) spurious.
    "maximum matching beats greedy": (
        [(0, 5, A), (6, 10, A)],
        [(3, 8, A), (0, 2, A)],
        dict(strict=(0, 2, 2), exact=(0, 2, 2), partial=(1, 1, 1), type=(2, 0, 0)),
    ),
    # nervaluate's order bug: gold [0,3), predictions [0,2) and [0,3) (overlapping, API only).
    "exact match preferred over earlier overlap": (
        [(0, 3, A)],
        [(0, 2, A), (0, 3, A)],
        dict(strict=(1, 1, 0), exact=(1, 1, 0), partial=(1, 1, 0), type=(1, 1, 0)),
    ),
    "adjacent spans": (
        [(0, 3, A), (3, 6, A)],
        [(0, 6, A)],
        dict(strict=(0, 1, 2), exact=(0, 1, 2), partial=(0.5, 0.5, 1.5), type=(1, 0, 1)),
    ),
    "nothing": ([], [], dict(strict=(0, 0, 0), exact=(0, 0, 0), partial=(0, 0, 0), type=(0, 0, 0))),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("reverse", [False, True])
def test_hand_computed(name, reverse):
    gold, pred, expected = CASES[name]
    pred = list(reversed(pred)) if reverse else pred
    got = span_counts(sorted(gold), sorted(pred))
    for scheme in SCHEMES:
        assert total(got[scheme].values()).as_tuple() == pytest.approx(expected[scheme]), scheme


def test_partial_credit_goes_to_the_gold_label():
    got = span_counts([(0, 10, A)], [(0, 5, B)])
    assert got["partial"] == {A: Counts(0.5, 0.5, 0.5)}
    assert got["strict"] == {A: Counts(0, 0, 1), B: Counts(0, 1, 0)}


def test_scores_from_counts():
    s = prf(Counts(0.5, 1.5, 0.5), zero_division=0.0)
    assert s["precision"] == pytest.approx(0.25)
    assert s["recall"] == pytest.approx(0.5)
    assert s["f1"] == pytest.approx(2 * 0.25 * 0.5 / 0.75)


@pytest.mark.parametrize("zd", [0.0, 1.0])
def test_zero_division_is_explicit(zd):
    assert prf(Counts(), zero_division=zd)["f1"] == zd
    assert prf(Counts(0, 0, 3), zero_division=zd)["precision"] == zd
    assert prf(Counts(0, 0, 3), zero_division=zd)["recall"] == 0.0
