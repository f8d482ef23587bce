"""Bootstrap confidence intervals over documents (Koehn 2004; sacrebleu's significance.py).

Documents are resampled with replacement, their cached (tp, fp, fn) are summed and F1 is recomputed from
the sums; per-document F1s are never averaged. Nothing is re-read or re-matched.
"""

from __future__ import annotations

import numpy as np

from econfacts.eval.counts import f1_array

# Bounds the temporary (resamples, documents, statistics) array of one chunk to a few tens of megabytes.
_CHUNK_CELLS = 4_000_000


def resampled_sums(stats: np.ndarray, *, resamples: int, seed: int) -> np.ndarray:
    """(resamples, *stats.shape[1:]) sums of `stats` (documents first) over bootstrap samples of documents."""
    n = stats.shape[0]
    rng = np.random.default_rng(seed)
    flat = stats.reshape(n, -1)
    rows = max(1, _CHUNK_CELLS // max(1, n * flat.shape[1]))
    out = np.empty((resamples, flat.shape[1]))
    for lo in range(0, resamples, rows):
        hi = min(resamples, lo + rows)
        idx = rng.integers(0, n, size=(hi - lo, n))
        out[lo:hi] = flat[idx].sum(axis=1)
    return out.reshape((resamples, *stats.shape[1:]))


def f1_intervals(
    stats: np.ndarray, *, resamples: int, seed: int, zero_division: float, level: float = 0.95
) -> list[tuple[float, float]]:
    """Percentile interval of micro F1 for each metric of a (documents, metrics, 3) statistics array."""
    # With one document every resample is that document: the "interval" would be a point and claim a
    # certainty that one document cannot give. No interval is reported; the folds' spread is the guide.
    if resamples <= 0 or stats.shape[0] < 2:
        return [(float("nan"), float("nan"))] * stats.shape[1]
    f1 = f1_array(resampled_sums(stats, resamples=resamples, seed=seed), zero_division=zero_division)
    tail = (1 - level) / 2 * 100
    low = np.percentile(f1, tail, axis=0)
    high = np.percentile(f1, 100 - tail, axis=0)
    return [(float(lo), float(hi)) for lo, hi in zip(low, high, strict=True)]
