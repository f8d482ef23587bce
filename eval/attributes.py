"""Attribute accuracy over the spans that match gold strictly (same boundaries and label).

How two values compare: choice attributes by equality; numbers with a relative tolerance of 1e-6 (a range
[low, high] agrees when both ends do); text attributes with a fixed format (a pattern or enum in
labels.json, e.g. unit, TIME value) exactly; free text (e.g. LOCATION canonical) case-insensitively with
whitespace collapsed. A missing attribute agrees only with a missing one.
"""

from __future__ import annotations

import math

from econfacts.eval.counts import Tally
from econfacts.eval.documents import Prepared, normalise_text
from econfacts.schema.inventory import Attribute, Inventory

REL_TOL = 1e-6
MISSING = object()


def _number_close(a: object, b: object) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_number_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool | list):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0)
    return False


def same_value(attr: Attribute, label: str, a: object, b: object) -> bool:
    if a is MISSING or b is MISSING or a is None or b is None:
        return a is b
    if attr.type == "number":
        return _number_close(a, b)
    if attr.type == "text" and not attr.constraint_for(label) and isinstance(a, str) and isinstance(b, str):
        return normalise_text(a) == normalise_text(b)
    return a == b


def agree(attr: Attribute, label: str, a: object, b: object) -> bool:
    """Whether a gold and a predicted value of `attr` agree: a choice also needs the same type (2 is not 2.0)."""
    return (a == b and type(a) is type(b)) if attr.type == "choice" else same_value(attr, label, a, b)


def strict_pairs(gold: Prepared, pred: Prepared) -> list[tuple[tuple, dict, dict]]:
    """(span, gold attributes, predicted attributes) for every strictly matched span."""
    pred_attrs = {span: attrs for span, attrs in pred.by_id.values()}
    return [(span, attrs, pred_attrs[span]) for span, attrs in gold.by_id.values() if span in pred_attrs]


_BY_LABEL: dict[int, tuple[Inventory, dict]] = {}


def _attributes_by_label(inv: Inventory) -> dict[str, tuple[Attribute, ...]]:
    # Keyed by identity: hashing the whole inventory on every call would cost more than the scoring.
    hit = _BY_LABEL.get(id(inv))
    if hit is None or hit[0] is not inv:
        hit = _BY_LABEL[id(inv)] = (inv, {label: inv.attributes_for(label) for label in inv.label_names})
    return hit[1]


def attribute_tallies(pairs, inv: Inventory) -> dict[str, Tally]:
    """attribute -> agreements over the strictly matched spans that carry it."""
    rows: dict[str, list[int]] = {a.name: [0, 0] for a in inv.attributes}
    by_label = _attributes_by_label(inv)
    for span, g, p in pairs:
        label = span[2]
        for attr in by_label.get(label, ()):
            row = rows[attr.name]
            row[1] += 1
            row[0] += agree(attr, label, g.get(attr.name, MISSING), p.get(attr.name, MISSING))
    return {name: Tally(*row) for name, row in rows.items()}
