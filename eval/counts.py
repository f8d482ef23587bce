"""Counts of true positives, false positives and false negatives, and the scores computed from their sums.

Partial-credit schemes count fractional true positives (an overlap is worth 0.5), so the fields are floats.
Micro averages are sums of counts, never averages of scores. An undefined ratio (0/0) takes the value of
`zero_division`, which every caller passes explicitly and the signature records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Counts:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def n_pred(self) -> float:
        return self.tp + self.fp

    @property
    def n_gold(self) -> float:
        return self.tp + self.fn

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.tp, self.fp, self.fn)


ZERO = Counts()


def _ratio(num: float, den: float, zero_division: float) -> float:
    return num / den if den else zero_division


def prf(c: Counts, *, zero_division: float) -> dict:
    """Precision, recall and F1 of summed counts; the counts are included so that a report can be re-added."""
    p = _ratio(c.tp, c.tp + c.fp, zero_division)
    r = _ratio(c.tp, c.tp + c.fn, zero_division)
    # 2tp / (2tp + fp + fn) is the harmonic mean of P and R whenever both are defined.
    f = _ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn, zero_division)
    return {"precision": p, "recall": r, "f1": f, "tp": c.tp, "fp": c.fp, "fn": c.fn}


def total(counts: Iterable[Counts]) -> Counts:
    out = ZERO
    for c in counts:
        out = out + c
    return out


def add_by_key(a: Mapping[str, Counts], b: Mapping[str, Counts]) -> dict[str, Counts]:
    out = dict(a)
    for k, c in b.items():
        out[k] = out.get(k, ZERO) + c
    return out


def f1_array(stats: np.ndarray, *, zero_division: float) -> np.ndarray:
    """Vectorised F1 over the last axis of (…, 3) arrays of (tp, fp, fn) sums."""
    tp, fp, fn = stats[..., 0], stats[..., 1], stats[..., 2]
    den = 2 * tp + fp + fn
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(den > 0, 2 * tp / np.where(den > 0, den, 1), zero_division)
    return f


@dataclass(frozen=True, slots=True)
class Tally:
    """Agreements out of comparisons, for accuracies (attributes, fact roles) and agreement rates."""

    agree: int = 0
    total: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.agree + other.agree, self.total + other.total)

    def rate(self, *, zero_division: float | None) -> float | None:
        return self.agree / self.total if self.total else zero_division
