"""Fact frames: a value span (a span label marked "value" in labels.json: MONEY, PERCENT, QUANTITY) with the
spans that its role relations point to. The roles are the relations whose head may be a value span
(value_of, period, location, subject); both lists are read from the inventory.

A role filler is compared by its label's one normalising attribute when the inventory gives that label
exactly one attribute (TIME by `value`, LOCATION by `canonical`), otherwise, or when that attribute is null
or missing, by its text, case-insensitively with whitespace collapsed. A value may fill a role several
times; the sets of fillers are compared, and a role absent from both agrees.

A predicted fact matches a gold fact when its value span matches strictly and every role agrees.
Attributes of the value are scored separately (attributes.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from econfacts.eval.counts import Counts, Tally
from econfacts.eval.documents import Prepared, normalise_text
from econfacts.schema.inventory import Inventory


def fact_roles(inv: Inventory) -> tuple[str, ...]:
    return _plan(inv).roles


@dataclass(frozen=True)
class _Plan:
    values: frozenset[str]
    roles: tuple[str, ...]
    normaliser: dict[str, str | None]  # label -> the one attribute that normalises it, if any


_PLANS: dict[int, tuple[Inventory, _Plan]] = {}


def _plan(inv: Inventory) -> _Plan:
    # Keyed by identity: hashing the whole inventory on every call would cost more than the scoring.
    hit = _PLANS.get(id(inv))
    if hit is None or hit[0] is not inv:
        values = frozenset(inv.value_labels)
        roles = tuple(r.name for r in inv.relations if any(head & values for head, _ in r.signatures))
        normaliser = {}
        for label in inv.label_names:
            attrs = inv.attributes_for(label)
            normaliser[label] = attrs[0].name if len(attrs) == 1 else None
        hit = _PLANS[id(inv)] = (inv, _Plan(values, roles, normaliser))
    return hit[1]


def _filler(doc: Prepared, span_id: str, normaliser: dict) -> str:
    span, attrs = doc.by_id[span_id]
    name = normaliser.get(span[2])
    value = attrs.get(name) if name else None
    if isinstance(value, str):
        return f"{name}={normalise_text(value)}"
    return f"text={normalise_text(doc.span_text(span))}"


def facts(doc: Prepared, inv: Inventory) -> dict[tuple, dict[str, frozenset]]:
    """value span -> role -> set of normalised fillers (roles without a filler left out)."""
    plan = _plan(inv)
    values, roles = plan.values, plan.roles
    out: dict[tuple, dict[str, set]] = {span: {} for span, _ in doc.by_id.values() if span[2] in values}
    for label, head, tail in doc.relations:
        span = doc.by_id[head][0]
        if label in roles and span in out:
            out[span].setdefault(label, set()).add(_filler(doc, tail, plan.normaliser))
    return {span: {r: frozenset(v) for r, v in rs.items()} for span, rs in out.items()}


def fact_counts(gold: Prepared, pred: Prepared, inv: Inventory) -> tuple[Counts, dict[str, Tally]]:
    """Fact counts and, over the strictly matched value spans, the agreement of each role."""
    g, p = facts(gold, inv), facts(pred, inv)
    roles = fact_roles(inv)
    tp = 0
    role_rows = {r: [0, 0] for r in roles}
    for span, g_roles in g.items():
        p_roles = p.get(span)
        if p_roles is None:
            continue
        all_agree = True
        for r in roles:
            same = g_roles.get(r, frozenset()) == p_roles.get(r, frozenset())
            role_rows[r][0] += same
            role_rows[r][1] += 1
            all_agree &= same
        tp += all_agree
    return Counts(tp, len(p) - tp, len(g) - tp), {r: Tally(*row) for r, row in role_rows.items()}
