"""Attribute values read once per side into one column per label and attribute, and coded for comparison.

The gold fingerprint, the attribute tallies and the fact fillers all read the same values; reading each
span's attribute dict once (one C-level pass per label) and comparing integer codes instead of objects is
what keeps the columnar scorer fast. Only the attributes that the inventory gives a label are read: those
are the only ones the scorer compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, repeat
from operator import is_, itemgetter

import numpy as np

from econfacts.eval.attributes import MISSING, _attributes_by_label
from econfacts.eval.columns import Side, attrs
from econfacts.schema.inventory import Inventory

_PLAIN = (str, type(None))


@dataclass
class LabelValues:
    """One label's spans on one side: their sorted positions and, per attribute, their values."""

    positions: np.ndarray
    columns: dict[str, tuple]  # attribute -> one value per span (MISSING where the span lacks it)


def label_values(side: Side, keys_by_label: dict[int, tuple[str, ...]],
                 only: np.ndarray | None = None) -> dict[int, LabelValues]:
    """The values of `keys_by_label` (label code -> attribute names) for the spans of those labels (those
    where the mask `only` over sorted positions is set, when given)."""
    out = {}
    for k, keys in keys_by_label.items():
        positions = np.flatnonzero(side.label == k if only is None else (side.label == k) & only)
        rows = side.row[positions].tolist()
        try:
            values = list(map(itemgetter(*keys), map(side.attributes.__getitem__, rows)))
        except (KeyError, TypeError):  # a key absent, or null attributes
            values = [tuple(attrs(side.attributes[r]).get(key, MISSING) for key in keys) for r in rows]
            if len(keys) == 1:
                values = [v[0] for v in values]
        if len(keys) == 1:  # itemgetter of one key gives the value, not a tuple
            cols = [tuple(values)]
        elif values:
            cols = list(zip(*values, strict=True))
        else:
            cols = [() for _ in keys]
        out[k] = LabelValues(positions, dict(zip(keys, cols, strict=True)))
    return out


class ValueCodes:
    """Integer codes for one attribute's values, gold first, then predictions: equal codes mean equal values
    of the same type. Codes count the distinct values in order of first occurrence, gold before
    predictions, so the gold's codes depend on the gold alone. `gold` (and what `pred` returns) is None
    when a value cannot be coded exactly: unhashable, or of a type other than str and null (1, 1.0 and True
    hash alike but compare differently); callers then compare those values one by one."""

    def __init__(self, gold: tuple):
        self._table: dict = {}
        self.gold = self._code(gold)
        self.gold_keys = list(self._table) if self.gold is not None else None

    def _code(self, values: tuple) -> np.ndarray | None:
        table = self._table
        before = len(table)
        try:
            try:  # the usual case: every value seen before, one lookup each
                return np.fromiter(map(table.__getitem__, values), np.int64, len(values))
            except KeyError:
                for value in dict.fromkeys(values):
                    table.setdefault(value, len(table))
            if not all(type(v) in _PLAIN or v is MISSING for v in list(table)[before:]):
                return None
            return np.fromiter(map(table.__getitem__, values), np.int64, len(values))
        except TypeError:  # unhashable
            return None

    def pred(self, values: tuple) -> np.ndarray | None:
        if self.gold is None:
            return None
        return self._code(values)

    def keys(self) -> dict:
        """value -> code, for every value coded so far."""
        return self._table


FLOAT, RANGE, OTHER = 0, 1, 2


@dataclass
class Numbers:
    """A number attribute's values as arrays: kind (FLOAT: a float; RANGE: a list of two floats; OTHER:
    anything else, an int or null included), the float or the range's low end, and the range's high end."""

    kind: np.ndarray
    low: np.ndarray
    high: np.ndarray


def numbers(values: tuple) -> Numbers:
    types = list(map(type, values))
    n = len(values)
    if set(types) == {float}:  # the usual case, in one step
        return Numbers(np.zeros(n, dtype=np.int8), np.array(values, dtype=float), np.zeros(n))
    is_float = np.fromiter(map(is_, types, repeat(float)), dtype=bool, count=n)
    kind = np.where(is_float, FLOAT, OTHER).astype(np.int8)
    low, high = np.zeros(n), np.zeros(n)
    low[is_float] = np.fromiter(compress(values, is_float.tolist()), float, int(is_float.sum()))
    lists = np.flatnonzero(np.fromiter(map(is_, types, repeat(list)), dtype=bool, count=n)).tolist()
    ranges = [i for i in lists if len(values[i]) == 2 and type(values[i][0]) is float and type(values[i][1]) is float]
    if ranges:
        kind[ranges] = RANGE
        low[ranges], high[ranges] = zip(*map(values.__getitem__, ranges), strict=True)
    return Numbers(kind, low, high)


class AttributeColumns:
    """Both sides' attribute values, by label code and attribute name, with one ValueCodes per attribute
    that is not a number (numbers are compared as floats). `pred` may be None (the gold fingerprint alone).
    The gold is read whole (the fingerprint hashes it); of the predictions, only the spans in `pred_needed`
    (a mask over sorted positions): the scorer compares no other predicted attribute."""

    def __init__(self, gold: Side, pred: Side | None, names: list[str], inv: Inventory,
                 pred_needed: np.ndarray | None = None):
        by_label = _attributes_by_label(inv)
        self.attributes = {k: by_label[n] for k, n in enumerate(names) if by_label.get(n)}
        self.gold: dict[int, LabelValues] = {}
        self.pred: dict[int, LabelValues] | None = None if pred is None else {}
        self.codes: dict[tuple[int, str], ValueCodes] = {}
        self._pred_codes: dict[tuple[int, str], np.ndarray | None] = {}
        self._numbers: dict[tuple[str, int, str], Numbers] = {}
        # Label by label, each column coded right after it is read, while its values are still in the cache.
        for k, label_attributes in self.attributes.items():
            keys = {k: tuple(sorted(a.name for a in label_attributes))}
            self.gold.update(label_values(gold, keys))
            if pred is not None:
                self.pred.update(label_values(pred, keys, pred_needed))
            for a in label_attributes:
                if a.type == "number":
                    for side in ("gold", "pred")[: 1 + (pred is not None)]:
                        self.numbers(side, k, a.name)
                    continue
                self.codes[(k, a.name)] = ValueCodes(self.gold[k].columns[a.name])
                if pred is not None:
                    self.pred_codes(k, a.name)

    def pred_codes(self, k: int, name: str) -> np.ndarray | None:
        key = (k, name)
        if key not in self._pred_codes:
            self._pred_codes[key] = self.codes[key].pred(self.pred[k].columns[name])
        return self._pred_codes[key]

    def numbers(self, side: str, k: int, name: str) -> Numbers:
        """`numbers` of a number attribute on the "gold" or "pred" side, computed once."""
        key = (side, k, name)
        if key not in self._numbers:
            self._numbers[key] = numbers(getattr(self, side)[k].columns[name])
        return self._numbers[key]
