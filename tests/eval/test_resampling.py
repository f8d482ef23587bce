"""Bootstrap intervals and paired tests resample cached per-document counts, reproducibly."""

import numpy as np
import pytest

from econfacts.eval import score
from econfacts.eval.bootstrap import f1_intervals, resampled_sums
from econfacts.eval.compare import compare
from econfacts.eval.counts import f1_array
from econfacts.eval.signature import parse_signature
from econfacts.eval.significance import approximate_randomization, paired_bootstrap
from econfacts.eval.synthetic import corpus


def test_resampled_sums_match_a_plain_loop():
    rng = np.random.default_rng(0)
    stats = rng.integers(0, 5, size=(7, 2, 3)).astype(float)
    got = resampled_sums(stats, resamples=50, seed=3)
    idx = np.random.default_rng(3).integers(0, 7, size=(50, 7))
    want = np.stack([stats[row].sum(axis=0) for row in idx])
    np.testing.assert_array_equal(got, want)


def test_interval_is_reproducible_and_seed_dependent():
    gold, pred = corpus(12, 15, seed=4)
    a = score(gold, pred, bootstrap=200, seed=1)
    b = score(gold, pred, bootstrap=200, seed=1)
    c = score(gold, pred, bootstrap=200, seed=2)
    ci = a["spans"]["strict"]["micro"]["ci95"]
    assert ci == b["spans"]["strict"]["micro"]["ci95"]
    assert ci != c["spans"]["strict"]["micro"]["ci95"]
    assert ci[0] <= a["spans"]["strict"]["micro"]["f1"] <= ci[1]
    sig = parse_signature(a["signature"])
    assert (sig["bs"], sig["rs"], list(sig)[-1]) == ("200", "1", "version")


def test_no_bootstrap_gives_no_interval():
    gold, pred = corpus(3, 5, seed=1)
    r = score(gold, pred, bootstrap=0)
    assert r["facts"]["ci95"] is None and r["spans"]["strict"]["micro"]["ci95"] is None
    assert "bs:no" in r["signature"] and "rs:" not in r["signature"]


def test_one_document_gives_no_interval():
    stats = np.array([[[3.0, 1.0, 2.0]]])
    ((low, high),) = f1_intervals(stats, resamples=100, seed=0, zero_division=0.0)
    assert np.isnan(low) and np.isnan(high)


def test_f1_array_zero_division():
    out = f1_array(np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 0.0]]), zero_division=1.0)
    np.testing.assert_allclose(out, [1.0, 2 / 3])


def test_identical_systems_are_not_different():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 9, size=(20, 3, 3)).astype(float)
    assert np.all(paired_bootstrap(a, a.copy(), resamples=300, seed=0, zero_division=0.0) == 1.0)
    assert np.all(approximate_randomization(a, a.copy(), trials=300, seed=0, zero_division=0.0) == 1.0)


def test_clearly_better_system_is_significant():
    gold, good = corpus(30, 20, seed=7, noise=0.05)
    _, bad = corpus(30, 20, seed=7, noise=0.6)
    result = compare(gold, bad, good, resamples=300, trials=300, seed=5)
    m = result["metrics"]["spans.strict"]
    assert m["delta"] > 0.2
    assert m["p_bootstrap"] < 0.01 and m["p_randomization"] < 0.01
    # Swapping the roles flips the sign, not the p-values of the randomization test.
    back = compare(gold, good, bad, resamples=300, trials=300, seed=5)["metrics"]["spans.strict"]
    assert back["delta"] == pytest.approx(-m["delta"])
    assert back["p_randomization"] == pytest.approx(m["p_randomization"])
