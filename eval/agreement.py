"""Inter-annotator agreement between two annotation passes, computed with the scorer's own code.

Pass B is scored against pass A: span F1 (strict and partial) and relation F1 (strict) are symmetric in the
two passes. On the value spans that both passes share (same boundaries and label): Cohen's kappa for each
categorical attribute (type "choice" in labels.json) and the exact-match rate of the others (number with a
relative tolerance of 1e-6, unit, TIME value, LOCATION canonical), compared as attributes.same_value does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from econfacts.errors import InputError
from econfacts.eval.attributes import MISSING, same_value, strict_pairs
from econfacts.eval.counts import Counts, prf, total
from econfacts.eval.docscore import corpus, pair_documents, score_document
from econfacts.eval.signature import gold_fingerprint, signature
from econfacts.schema.inventory import load_inventory


def cohen_kappa(a: Sequence, b: Sequence) -> float | None:
    """Cohen's kappa of two equally long label sequences; None when undefined (no items, or chance
    agreement is 1 because both passes used one and the same value throughout)."""
    if len(a) != len(b):
        raise ValueError("kappa needs two sequences of the same length")
    if not a:
        return None
    values = sorted({*map(repr, a), *map(repr, b)})
    index = {v: i for i, v in enumerate(values)}
    confusion = np.zeros((len(values), len(values)))
    np.add.at(confusion, ([index[repr(x)] for x in a], [index[repr(y)] for y in b]), 1)
    n = confusion.sum()
    observed = np.trace(confusion) / n
    expected = float(confusion.sum(axis=1) @ confusion.sum(axis=0)) / n**2
    if expected >= 1.0:
        return None
    return float((observed - expected) / (1 - expected))


def _f1_table(per_label: dict[str, Counts], labels) -> dict:
    rows = {}
    for label in labels:
        c = per_label.get(label, Counts())
        rows[label] = {"a": c.n_gold, "b": c.n_pred, **prf(c, zero_division=0.0)}
    micro = total(per_label.values())
    return {"micro": {"a": micro.n_gold, "b": micro.n_pred, **prf(micro, zero_division=0.0)}, "per_label": rows}


def agreement(pass_a: list[dict], pass_b: list[dict]) -> dict:
    inv = load_inventory()
    texts_b = {d["id"]: d.get("text") for d in pass_b}
    for d in pass_a:
        if d["id"] in texts_b and texts_b[d["id"]] != d["text"]:
            raise InputError("the two passes have different texts", record=f"id {d['id']}", field="text")
    pairs = pair_documents(pass_a, pass_b)
    summed = corpus([score_document(a, b, inv) for a, b in pairs])
    shared = [p for a, b in pairs for p in strict_pairs(a, b)]
    kappa, exact = {}, {}
    for attr in inv.attributes:
        items = [(span[2], ga.get(attr.name, MISSING), gb.get(attr.name, MISSING))
                 for span, ga, gb in shared if span[2] in attr.labels]
        if attr.type == "choice":
            a = [x for _, x, _ in items]
            b = [y for _, _, y in items]
            observed = sum(x == y for x, y in zip(a, b, strict=True))
            kappa[attr.name] = {"kappa": cohen_kappa(a, b), "n": len(items),
                                "observed_agreement": observed / len(items) if items else None}
        else:
            agree = sum(same_value(attr, label, x, y) for label, x, y in items)
            exact[attr.name] = {"rate": agree / len(items) if items else None, "agree": agree, "total": len(items),
                                "labels": list(attr.labels)}
    sig = signature(
        schema_version=inv.version, split="agreement", n_docs=len(pairs), gold=gold_fingerprint(pass_a),
        zero_division=0.0, resamples=0, seed=None, extra={"b": gold_fingerprint(pass_b)},
    )
    return {
        "signature": sig,
        "documents": len(pairs),
        "spans": {s: _f1_table(summed.spans.get(s, {}), inv.label_names) for s in ("strict", "partial")},
        "relations": {"strict": _f1_table(summed.relations.get("strict", {}), inv.relation_names)},
        "shared_spans": len(shared),
        "attributes": {"kappa": kappa, "exact_match": exact},
    }


def agreement_files(path_a: str | Path, path_b: str | Path) -> dict:
    from econfacts.dataset.splits import load_gold

    result = agreement(load_gold(path_a), load_gold(path_b))
    return {"pass_a": str(path_a), "pass_b": str(path_b), **result}


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}"


def render_markdown(result: dict) -> str:
    """Tables for DATASHEET.md: spans, relations, attributes (F1 and rates in percent)."""
    out = [f"Agreement between two annotation passes over {result['documents']} documents "
           f"(pass B scored against pass A with `econfacts agree`).", "",
           "| Span label | spans A | spans B | strict F1 | partial F1 |", "|---|---:|---:|---:|---:|"]
    strict, partial = result["spans"]["strict"], result["spans"]["partial"]
    for label, row in strict["per_label"].items():
        if row["a"] or row["b"]:
            out.append(f"| {label} | {row['a']:g} | {row['b']:g} | {_pct(row['f1'])} | "
                       f"{_pct(partial['per_label'][label]['f1'])} |")
    m = strict["micro"]
    out.append(f"| **all (micro)** | {m['a']:g} | {m['b']:g} | **{_pct(m['f1'])}** | "
               f"**{_pct(partial['micro']['f1'])}** |")
    out += ["", "| Relation | relations A | relations B | strict F1 |", "|---|---:|---:|---:|"]
    rel = result["relations"]["strict"]
    for label, row in rel["per_label"].items():
        if row["a"] or row["b"]:
            out.append(f"| {label} | {row['a']:g} | {row['b']:g} | {_pct(row['f1'])} |")
    m = rel["micro"]
    out.append(f"| **all (micro)** | {m['a']:g} | {m['b']:g} | **{_pct(m['f1'])}** |")
    out += ["", f"On the {result['shared_spans']} spans both passes share (same boundaries and label):", "",
            "| Attribute | measure | value | spans |", "|---|---|---:|---:|"]
    for name, k in result["attributes"]["kappa"].items():
        value = "n/a" if k["kappa"] is None else f"{k['kappa']:.3f}"
        out.append(f"| {name} | Cohen's κ | {value} | {k['n']} |")
    for name, e in result["attributes"]["exact_match"].items():
        shown = f"{e['labels'][0]} {name}" if len(e["labels"]) == 1 else name
        out.append(f"| {shown} | exact match (%) | {_pct(e['rate'])} | {e['total']} |")
    out += ["", f"Signature: `{result['signature']}`"]
    return "\n".join(out) + "\n"
