"""Paired significance tests between two systems on the same documents (sacrebleu's PairedTest).

Both tests work on cached per-document (tp, fp, fn) of each metric; `a` is the baseline.

- Paired bootstrap (Koehn 2004): both systems are scored on the same resamples; the differences are centred
  on their mean (the null hypothesis of no difference) and p = (#{|centred| >= |observed|} + 1) / (B + 1).
- Approximate randomization (Riezler and Maxwell 2005): each document's statistics are swapped between the
  systems with probability 1/2; p = (#{|shuffled difference| >= |observed|} + 1) / (R + 1).
"""

from __future__ import annotations

import numpy as np

from econfacts.eval.bootstrap import _CHUNK_CELLS
from econfacts.eval.counts import f1_array


def _observed(a: np.ndarray, b: np.ndarray, zero_division: float) -> np.ndarray:
    return f1_array(b.sum(axis=0), zero_division=zero_division) - f1_array(a.sum(axis=0), zero_division=zero_division)


def paired_bootstrap(a: np.ndarray, b: np.ndarray, *, resamples: int, seed: int, zero_division: float) -> np.ndarray:
    """p-value per metric for (documents, metrics, 3) statistics of two systems."""
    n = a.shape[0]
    observed = _observed(a, b, zero_division)
    both = np.concatenate([a, b], axis=1).reshape(n, -1)
    rng = np.random.default_rng(seed)
    rows = max(1, _CHUNK_CELLS // max(1, n * both.shape[1]))
    diffs = np.empty((resamples, a.shape[1]))
    for lo in range(0, resamples, rows):
        hi = min(resamples, lo + rows)
        sums = both[rng.integers(0, n, size=(hi - lo, n))].sum(axis=1).reshape(hi - lo, 2, *a.shape[1:])
        diffs[lo:hi] = f1_array(sums[:, 1], zero_division=zero_division) - f1_array(
            sums[:, 0], zero_division=zero_division
        )
    centred = diffs - diffs.mean(axis=0)
    return ((np.abs(centred) >= np.abs(observed) - 1e-12).sum(axis=0) + 1) / (resamples + 1)


def approximate_randomization(
    a: np.ndarray, b: np.ndarray, *, trials: int, seed: int, zero_division: float
) -> np.ndarray:
    n = a.shape[0]
    observed = _observed(a, b, zero_division)
    delta = (b - a).reshape(n, -1)
    sum_a, sum_b = a.sum(axis=0).reshape(-1), b.sum(axis=0).reshape(-1)
    rng = np.random.default_rng(seed)
    rows = max(1, _CHUNK_CELLS // max(1, n))
    hits = np.zeros(a.shape[1])
    for lo in range(0, trials, rows):
        hi = min(trials, lo + rows)
        swap = (rng.random((hi - lo, n)) < 0.5).astype(float)
        moved = swap @ delta  # what the swapped documents move from b to a
        new_a = (sum_a + moved).reshape(hi - lo, *a.shape[1:])
        new_b = (sum_b - moved).reshape(hi - lo, *a.shape[1:])
        diff = f1_array(new_b, zero_division=zero_division) - f1_array(new_a, zero_division=zero_division)
        hits += (np.abs(diff) >= np.abs(observed) - 1e-12).sum(axis=0)
    return (hits + 1) / (trials + 1)
