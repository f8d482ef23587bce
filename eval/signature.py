"""A sacrebleu-style signature: every setting that changes a score, printed and stored with the score.

Example: `scorer:1.0|schema:1.0.0|split:test|docs:1|gold:3f2a9c1e|match:maxweight|partial:0.5|
rel:strict,boundaries|num:rtol1e-6|text:casefold|zd:0|bs:1000|rs:12345|ci:pct95|version:0.1.0`.
`version` (the econfacts package) always comes last; settings that do not apply are left out.
"""

from __future__ import annotations

import hashlib

from econfacts import __version__
from econfacts.jsonl import dumps

# Bump when any scoring rule changes, so that scores with different rules never share a signature.
SCORER_VERSION = "1.0"


def gold_fingerprint(gold_docs: list[dict]) -> str:
    """First 8 hex digits of the SHA-256 of the gold documents in canonical JSON: documents in id order,
    spans by offsets, relations sorted, so that only a change of the annotation changes it."""
    h = hashlib.sha256()
    for doc in sorted(gold_docs, key=lambda d: d["id"]):
        doc = {
            **doc,
            "spans": sorted(doc.get("spans", ()), key=lambda s: (s["start"], s["end"], s["label"], s["id"])),
            "relations": sorted(doc.get("relations", ()), key=lambda r: (r["head"], r["tail"], r["label"])),
        }
        h.update(dumps(doc).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()[:8]


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
