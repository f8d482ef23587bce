"""A sacrebleu-style signature: every setting that changes a score, printed and stored with the score.

Example: `scorer:1.0|schema:1.0.0|split:test|docs:1|gold:3f2a9c1e|match:maxweight|partial:0.5|
rel:strict,boundaries|num:rtol1e-6|text:casefold|zd:0|bs:1000|rs:12345|ci:pct95|version:0.1.0`.
`version` (the econfacts package) always comes last; settings that do not apply are left out.
"""

from __future__ import annotations

import hashlib
import json
from itertools import compress, repeat
from operator import is_, itemgetter

import numpy as np

from econfacts import __version__
from econfacts.eval.columns import Side, attrs, codes, columns, read

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
                relation_names: list[str], columns_out: dict | None = None) -> str:
    """First 8 hex digits of the SHA-256 of what the scorer reads from the gold, in a canonical compact
    encoding: document ids and texts in id order; spans by (start, end, label) with their attributes (key
    order ignored); relations by (head, tail, label) over those span positions. Span ids, span `text`
    copies and other document fields do not affect a score and are left out. `side` holds the documents in
    id order (columns.py). `columns_out`, when given, receives the attribute columns read on the way:
    label -> (sorted positions, keys, one value column per key), for labels whose spans share one key set."""
    h = hashlib.sha256()
    labels, label_names = _own_codes(side.label, label_names)
    rel_labels, relation_names = _own_codes(side.rel_label, relation_names)
    h.update(_json(["econfacts-gold-v3", ids, label_names, relation_names]))
    # Texts by their lengths and their concatenation: JSON-escaping megabytes of text cost more.
    h.update(_int64(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))))
    h.update("".join(texts).encode("utf-8", "surrogatepass"))
    for arr in (np.bincount(side.doc, minlength=len(ids)), side.start, side.end, labels):
        h.update(_int64(arr))
    order = np.lexsort((rel_labels, side.rel_tail, side.rel_head, side.rel_doc))
    for arr in (np.bincount(side.rel_doc, minlength=len(ids)), side.rel_head[order], side.rel_tail[order],
                rel_labels[order]):
        h.update(_int64(arr))
    _hash_attributes(h, side, labels, label_names, {} if columns_out is None else columns_out)
    return h.hexdigest()[:8]


def _hash_column(h, col: tuple) -> None:
    """One attribute's values. JSON (float repr above all) cost most of the fingerprint, so: only floats,
    their float64 bytes; only strings and nulls, the distinct values in order of appearance and each value's
    index among them; anything else, JSON for the values that are not floats."""
    kinds = set(map(type, col))
    if kinds == {float}:
        h.update(_json(["f", len(col)]))
        h.update(np.array(col, dtype="<f8").tobytes())
        return
    if kinds <= {str, type(None)}:
        distinct = dict.fromkeys(col)
        index = dict(zip(distinct, range(len(distinct)), strict=True))
        h.update(_json(["s", len(col), list(distinct)]))
        h.update(_int64(np.fromiter(map(index.__getitem__, col), dtype=np.int64, count=len(col))))
        return
    is_float = list(map(is_, map(type, col), repeat(float)))
    others = [k for k, f in enumerate(is_float) if not f]
    h.update(_json(["m", len(col), others, [col[k] for k in others]]))
    h.update(np.array(list(compress(col, is_float)), dtype="<f8").tobytes())


def _hash_attributes(h, side: Side, labels: np.ndarray, label_names: list[str], columns_out: dict) -> None:
    """Attributes label by label, spans in sorted order: when all spans of a label have the same key set
    (the usual case), one value column per key in sorted key order; otherwise the spans grouped by key set."""
    by_label = np.argsort(labels, kind="stable")
    sizes = np.bincount(labels, minlength=len(label_names)).tolist()
    given = side.attributes
    rows_all = side.row[by_label].tolist()
    lo = 0
    for k, size in enumerate(sizes):
        rows, lo = rows_all[lo : lo + size], lo + size
        keys = tuple(sorted(attrs(given[rows[0]]))) if rows else ()
        try:
            if not keys:
                if set(map(len, map(given.__getitem__, rows))) <= {0}:
                    h.update(_json(["none", label_names[k], size]))
                    continue
                raise KeyError
            # Each dict's size and values in lockstep: the second look at a dict finds it in the cache.
            dicts = map(given.__getitem__, rows), map(given.__getitem__, rows)
            sizes_values = list(zip(map(len, dicts[0]), map(itemgetter(*keys), dicts[1]), strict=True))
            counts, values = zip(*sizes_values, strict=True)
            same = set(counts) == {len(keys)}
        except (KeyError, TypeError):  # a key absent, or null attributes
            same = False
        if not same:
            dicts = list(map(attrs, map(given.__getitem__, rows)))
            if not keys and set(map(len, dicts)) <= {0}:  # null attributes read as {}: the same fingerprint
                h.update(_json(["none", label_names[k], size]))
            else:
                _hash_mixed(h, label_names[k], dicts)
            continue
        h.update(_json(["same", label_names[k], keys, size]))
        cols = list(zip(*values, strict=True)) if len(keys) > 1 else [tuple(values)]
        for col in cols:
            _hash_column(h, col)
        columns_out[label_names[k]] = (by_label[lo - size : lo], keys, cols)


def _hash_mixed(h, label: str, dicts: list[dict]) -> None:
    key_sets = list(map(tuple, dicts))
    by_sorted: dict[tuple, list[tuple]] = {}
    for keys in set(key_sets):  # a handful: the orders that files give one key set in
        by_sorted.setdefault(tuple(sorted(keys)), []).append(keys)
    h.update(_json(["mixed", label, len(dicts), len(by_sorted)]))
    for keys in sorted(by_sorted):
        orders = set(by_sorted[keys])
        member = [t in orders for t in key_sets]
        positions = [k for k, m in enumerate(member) if m]
        values = list(map(itemgetter(*keys), compress(dicts, member))) if keys else []
        h.update(_json([keys, positions, values]))


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
