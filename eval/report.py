"""The report: a JSON-able dict built from summed counts, and the readable table printed from it."""

from __future__ import annotations

import math

from econfacts.eval.counts import Counts, Tally, prf
from econfacts.eval.docscore import HEADLINE, DocScore, headline_name
from econfacts.eval.facts import fact_roles
from econfacts.eval.relations import MODES
from econfacts.eval.spans import SCHEMES
from econfacts.schema.inventory import Inventory


def _ci(intervals, key) -> list[float] | None:
    if intervals is None:
        return None
    low, high = intervals[key]
    return None if math.isnan(low) else [low, high]


def _block(per_label: dict[str, Counts], labels, zero_division: float, ci) -> dict:
    micro = Counts()
    for c in per_label.values():
        micro = micro + c
    table = {label: prf(per_label.get(label, Counts()), zero_division=zero_division) for label in labels}
    scored = [table[label] for label in labels if per_label.get(label, Counts()) != Counts()]
    macro = {
        m: (sum(row[m] for row in scored) / len(scored) if scored else zero_division)
        for m in ("precision", "recall", "f1")
    }
    macro["labels"] = len(scored)
    return {"micro": {**prf(micro, zero_division=zero_division), "ci95": ci}, "macro": macro, "per_label": table}


def build_report(
    total: DocScore, inv: Inventory, *, intervals: dict | None, zero_division: float, signature: str
) -> dict:
    facts = {**prf(total.facts, zero_division=zero_division), "ci95": _ci(intervals, ("facts", ""))}
    facts["roles"] = {
        role: {"accuracy": t.rate(zero_division=None), "agree": t.agree, "total": t.total}
        for role in fact_roles(inv)
        for t in [total.roles.get(role) or Tally()]
    }
    return {
        "signature": signature,
        "zero_division": zero_division,
        "spans": {
            s: _block(total.spans.get(s, {}), inv.label_names, zero_division, _ci(intervals, ("spans", s)))
            for s in SCHEMES
        },
        "relations": {
            m: _block(total.relations.get(m, {}), inv.relation_names, zero_division, _ci(intervals, ("relations", m)))
            for m in MODES
        },
        "attributes": {
            a.name: {"accuracy": t.rate(zero_division=None), "agree": t.agree, "total": t.total}
            for a in inv.attributes
            for t in [total.attributes.get(a.name) or Tally()]
        },
        "facts": facts,
    }


def headline(report: dict) -> dict[str, dict]:
    """name -> {"f1", "ci95"} for the micro scores that carry intervals (spans.strict, ..., facts)."""
    out = {}
    for part, mode in HEADLINE:
        block = report["facts"] if part == "facts" else report[part][mode]["micro"]
        out[headline_name((part, mode))] = {"f1": block["f1"], "ci95": block["ci95"]}
    return out


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def _ci_text(ci) -> str:
    return f"[{100 * ci[0]:5.1f}, {100 * ci[1]:5.1f}]" if ci else ""


def render_text(report: dict) -> str:
    """The readable table printed by `econfacts eval` (scores in percent)."""
    lines = [f"EconFacts evaluation   signature: {report['signature']}", ""]
    lines.append(f"{'Spans (micro)':<22}{'P':>6}{'R':>6}{'F1':>6}  95% CI          macro F1")
    for scheme, block in report["spans"].items():
        m = block["micro"]
        lines.append(
            f"  {scheme:<20}{_pct(m['precision']):>6}{_pct(m['recall']):>6}{_pct(m['f1']):>6}  "
            f"{_ci_text(m['ci95']):<16}{_pct(block['macro']['f1']):>6}"
        )
    lines += ["", f"{'Spans per label':<22}" + "".join(f"{s:>9}" for s in SCHEMES) + "   gold   pred  (F1)"]
    for label in report["spans"]["strict"]["per_label"]:
        row = report["spans"]["strict"]["per_label"][label]
        empty = row["tp"] + row["fp"] + row["fn"] == 0
        f1s = "".join(
            f"{'-' if empty else _pct(report['spans'][s]['per_label'][label]['f1']):>9}" for s in SCHEMES
        )
        lines.append(f"  {label:<20}{f1s}{row['tp'] + row['fn']:>7g}{row['tp'] + row['fp']:>7g}")
    lines += ["", f"{'Relations':<22}{'P':>6}{'R':>6}{'F1':>6}  95% CI          gold   pred"]
    for mode in MODES:
        m = report["relations"][mode]["micro"]
        lines.append(
            f"  {mode + ' (micro)':<20}{_pct(m['precision']):>6}{_pct(m['recall']):>6}{_pct(m['f1']):>6}  "
            f"{_ci_text(m['ci95']):<16}{m['tp'] + m['fn']:>5g}{m['tp'] + m['fp']:>7g}"
        )
    for label, row in report["relations"]["strict"]["per_label"].items():
        if row["tp"] + row["fp"] + row["fn"] == 0:
            continue
        lines.append(
            f"  {label:<20}{_pct(row['precision']):>6}{_pct(row['recall']):>6}{_pct(row['f1']):>6}  "
            f"{'(strict)':<16}{row['tp'] + row['fn']:>5g}{row['tp'] + row['fp']:>7g}"
        )
    lines += ["", "Attributes (accuracy on strictly matched spans)"]
    for name, a in report["attributes"].items():
        lines.append(f"  {name:<20}{_pct(a['accuracy']):>6}  ({a['agree']}/{a['total']})")
    f = report["facts"]
    lines += [
        "",
        f"{'Facts':<22}{'P':>6}{'R':>6}{'F1':>6}  95% CI",
        f"  {'value + all roles':<20}{_pct(f['precision']):>6}{_pct(f['recall']):>6}{_pct(f['f1']):>6}  "
        f"{_ci_text(f['ci95'])}",
    ]
    for role, r in f["roles"].items():
        lines.append(f"  role {role:<15}{_pct(r['accuracy']):>6}  ({r['agree']}/{r['total']} matched values agree)")
    lines += ["", f"signature: {report['signature']}"]
    return "\n".join(lines) + "\n"
