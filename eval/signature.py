"""A sacrebleu-style signature: every setting that changes a score, printed and stored with the score.

Example: `scorer:1.0|schema:1.0.0|split:test|docs:1|gold:3f2a9c1e|match:maxweight|partial:0.5|
rel:strict,boundaries|num:rtol1e-6|text:casefold|zd:0|bs:1000|rs:12345|ci:pct95|version:0.1.0`.
`version` (the econfacts package) always comes last; settings that do not apply are left out.
"""

from __future__ import annotations

import hashlib
import json
from itertools import compress, repeat
from operator import is_, not_

import numpy as np

from econfacts import __version__
from econfacts.eval.attrcolumns import FLOAT, OTHER, AttributeColumns, Numbers
from econfacts.eval.attributes import MISSING
from econfacts.eval.columns import CHUNK, Coder, Side, columns, read
from econfacts.schema.inventory import Inventory, load_inventory

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


class GoldFingerprint:
    """First 8 hex digits of the SHA-256 of what the scorer reads from the gold, in a canonical compact
    encoding, fed chunk by chunk (CHUNK documents in id order, as the scorer reads them): document ids and
    texts; spans by (start, end, label) with the attributes that the inventory gives their label (key order
    ignored; a missing key differs from null); relations by (head, tail, label) over those span positions.
    Span ids, span `text` copies, attributes the inventory does not give a label and other document fields
    do not affect a score and are left out."""

    def __init__(self) -> None:
        self._h = hashlib.sha256(_json(["econfacts-gold-v4", CHUNK]))

    def update(self, ids: list[str], texts: list[str], side: Side, label_names: list[str],
               relation_names: list[str], attributes: AttributeColumns) -> None:
        """One chunk: `side` holds its documents in id order (columns.py), `attributes` its values."""
        h = self._h
        labels, own_names = _own_codes(side.label, label_names)
        rel_labels, own_relation_names = _own_codes(side.rel_label, relation_names)
        h.update(_json(["chunk", ids, own_names, own_relation_names]))
        # Texts by their lengths and their concatenation: JSON-escaping megabytes of text cost more.
        h.update(_int64(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))))
        h.update("".join(texts).encode("utf-8", "surrogatepass"))
        for arr in (np.bincount(side.doc, minlength=len(ids)), side.start, side.end, labels):
            h.update(_int64(arr))
        order = np.lexsort((rel_labels, side.rel_tail, side.rel_head, side.rel_doc))
        for arr in (np.bincount(side.rel_doc, minlength=len(ids)), side.rel_head[order], side.rel_tail[order],
                    rel_labels[order]):
            h.update(_int64(arr))
        _hash_attributes(h, attributes, label_names)

    def hexdigest(self) -> str:
        return self._h.hexdigest()[:8]


def _hash_attributes(h, attributes: AttributeColumns, label_names: list[str]) -> None:
    """Label by label (in name order, gold labels only), one column per attribute in name order: the i-th
    value belongs to the label's i-th span in sorted order."""
    for k in sorted(attributes.gold):
        values = attributes.gold[k]
        if not len(values.positions):
            continue
        h.update(_json(["label", label_names[k], len(values.positions), list(values.columns)]))
        for name, col in values.columns.items():
            codes = attributes.codes.get((k, name))
            if codes is not None and codes.gold is not None:
                keys = [_MISSING_MARK if v is MISSING else v for v in codes.gold_keys]
                h.update(_json(["s", keys]))
                h.update(_int64(codes.gold))
            elif (k, name) in attributes.codes:  # text or choice values that cannot be coded
                _hash_column(h, col)
            else:
                _hash_numbers(h, attributes.numbers("gold", k, name), col)


_MISSING_MARK = {"missing": True}  # a coded column holds only strings, nulls and MISSING: no dict collides


def _hash_numbers(h, numbers: Numbers, col: tuple) -> None:
    """Floats and ranges of floats as float64 bytes (JSON of float repr cost most of the fingerprint)."""
    if (numbers.kind == OTHER).any():
        _hash_column(h, col)
    elif (numbers.kind == FLOAT).all():
        h.update(_json(["f", len(col)]))
        h.update(numbers.low.astype("<f8").tobytes())
    else:
        h.update(_json(["r", len(col)]))
        for arr in (numbers.kind.astype("<i1"), numbers.low.astype("<f8"), numbers.high.astype("<f8")):
            h.update(arr.tobytes())


def _hash_column(h, col: tuple) -> None:
    """Floats as their float64 bytes (JSON of float repr cost most of the fingerprint); anything else as
    JSON, with the positions of the missing values apart."""
    is_float = list(map(is_, map(type, col), repeat(float)))
    if all(is_float):
        h.update(_json(["f", len(col)]))
    else:
        others = list(compress(range(len(col)), map(not_, is_float)))
        missing = [k for k in others if col[k] is MISSING]
        rest = [col[k] for k in others if col[k] is not MISSING]
        h.update(_json(["m", len(col), others, missing, rest]))
    h.update(np.array(list(compress(col, is_float)), dtype="<f8").tobytes())


def gold_fingerprint(gold_docs: list[dict], inv: Inventory | None = None) -> str:
    """`GoldFingerprint` of gold documents given in any order: only a change of the annotation changes it."""
    inv = inv or load_inventory()
    docs = sorted(gold_docs, key=lambda d: d["id"])
    fp = GoldFingerprint()
    for i in range(0, max(len(docs), 1), CHUNK):  # an empty corpus is one empty chunk, as the scorer reads it
        chunk = docs[i : i + CHUNK]
        labels, relation_labels = Coder(), Coder()
        raw = read(chunk, labels, relation_labels, lenient=True)
        names, label_code = labels.finish()
        relation_names, relation_code = relation_labels.finish()
        side = columns(raw, label_code, relation_code)
        fp.update([d["id"] for d in chunk], [d.get("text", "") for d in chunk], side, names, relation_names,
                  AttributeColumns(side, None, names, inv))
    return fp.hexdigest()


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
