"""A sacrebleu-style signature: every setting that changes a score, printed and stored with the score.

Example: `scorer:1.0|schema:1.0.0|split:test|docs:1|gold:3f2a9c1e|match:maxweight|partial:0.5|
rel:strict,boundaries|num:rtol1e-6|text:casefold|zd:0|bs:1000|rs:12345|ci:pct95|version:0.1.0`.
`version` (the econfacts package) always comes last; settings that do not apply are left out.
"""

from __future__ import annotations

import hashlib
import json
from operator import itemgetter

import numpy as np

from econfacts import __version__
from econfacts.eval.columns import Side, codes, columns, read

# Bump when any scoring rule changes, so that scores with different rules never share a signature.
SCORER_VERSION = "1.0"


def _json(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=repr).encode()


def _int64(arr) -> bytes:
    return np.ascontiguousarray(arr, dtype="<i8").tobytes()


def _own_codes(codes: np.ndarray, names: list[str]) -> tuple[np.ndarray, list[str]]:
    """Codes renumbered over the names this side uses, so that the other side's labels change nothing."""
    used = np.unique(codes)
    return np.searchsorted(used, codes), [names[i] for i in used.tolist()]


def fingerprint(ids: list[str], texts: list[str], side: Side, label_names: list[str],
                relation_names: list[str]) -> str:
    """First 8 hex digits of the SHA-256 of what the scorer reads from the gold, in a canonical compact
    encoding: document ids and texts in id order; spans by (start, end, label) with their attributes (key
    order ignored); relations by (head, tail, label) over those span positions. Span ids, span `text`
    copies and other document fields do not affect a score and are left out. `side` holds the documents in
    id order (columns.py)."""
    h = hashlib.sha256()
    labels, label_names = _own_codes(side.label, label_names)
    rel_labels, relation_names = _own_codes(side.rel_label, relation_names)
    h.update(_json(["econfacts-gold-v2", ids, texts, label_names, relation_names]))
    for arr in (np.bincount(side.doc, minlength=len(ids)), side.start, side.end, labels):
        h.update(_int64(arr))
    order = np.lexsort((rel_labels, side.rel_tail, side.rel_head, side.rel_doc))
    for arr in (np.bincount(side.rel_doc, minlength=len(ids)), side.rel_head[order], side.rel_tail[order],
                rel_labels[order]):
        h.update(_int64(arr))
    # Attributes grouped by their key set, each group's values in sorted key order: a few C-level passes
    # over the dicts instead of one canonical JSON encoding per span.
    attrs = side.attributes
    ordered = [attrs[i] for i in side.row.tolist()]
    where = [k for k, a in enumerate(ordered) if a]
    present = [ordered[k] for k in where]
    key_sets = list(map(tuple, present))
    by_sorted: dict[tuple, list[tuple]] = {}
    for keys in set(key_sets):  # a handful: one per label's attribute list, in the order files give them
        by_sorted.setdefault(tuple(sorted(keys)), []).append(keys)
    for keys in sorted(by_sorted):
        orders = set(by_sorted[keys])
        member = [t in orders for t in key_sets]
        positions = [k for k, m in zip(where, member, strict=True) if m]
        dicts = [a for a, m in zip(present, member, strict=True) if m]
        values = list(map(itemgetter(*keys), dicts))  # in sorted key order, whatever order each dict has
        h.update(_json([keys, positions, values]))
    return h.hexdigest()[:8]


def gold_fingerprint(gold_docs: list[dict]) -> str:
    """`fingerprint` of gold documents given in any order: only a change of the annotation changes it."""
    docs = sorted(gold_docs, key=lambda d: d["id"])
    raw = read(docs, lenient=True)
    names, label_code = codes(raw.labels)
    relation_names, relation_code = codes(raw.rel_labels)
    side = columns(raw, label_code, relation_code)
    return fingerprint([d["id"] for d in docs], [d.get("text", "") for d in docs], side, names, relation_names)


def signature(
    *,
    schema_version: str,
    split: str,
    n_docs: int,
    gold: str,
    zero_division: float,
    resamples: int,
    seed: int | None,
    extra: dict | None = None,
) -> str:
    fields = {
        "scorer": SCORER_VERSION,
        "schema": schema_version,
        "split": split,
        "docs": n_docs,
        "gold": gold,
        "match": "maxweight",
        "partial": 0.5,
        "rel": "strict,boundaries",
        "num": "rtol1e-6",
        "text": "casefold",
        "zd": f"{zero_division:g}",
        "bs": resamples if resamples else "no",
        "rs": seed if resamples else None,
        "ci": "pct95" if resamples else None,
        **(extra or {}),
        "version": __version__,
    }
    return "|".join(f"{k}:{v}" for k, v in fields.items() if v is not None)


def parse_signature(text: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in text.split("|"))
