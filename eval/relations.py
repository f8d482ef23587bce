"""Relation counts for one document, in the two settings of Bekoulis et al. (2018) / Taillé et al. (2020).

- strict: relation label, direction, and both argument spans with their boundaries and labels.
- boundaries: relation label, direction and both argument boundaries; argument labels ignored.

Relations are compared as multisets, so a duplicate can never be counted twice as correct (validation
rejects duplicates in submissions anyway).
"""

from __future__ import annotations

from collections import Counter

from econfacts.eval.counts import Counts
from econfacts.eval.documents import Prepared

MODES = ("strict", "boundaries")


def _keys(doc: Prepared, mode: str) -> Counter:
    keys = Counter()
    for label, head, tail in doc.relations:
        h, t = doc.by_id[head][0], doc.by_id[tail][0]
        keys[(label, h, t) if mode == "strict" else (label, h[:2], t[:2])] += 1
    return keys


def relation_counts(gold: Prepared, pred: Prepared) -> dict[str, dict[str, Counts]]:
    """mode -> relation label -> Counts."""
    out = {}
    for mode in MODES:
        g, p = _keys(gold, mode), _keys(pred, mode)
        hit, n_gold, n_pred = Counter(), Counter(), Counter()
        for key, k in (g & p).items():
            hit[key[0]] += k
        for key, k in g.items():
            n_gold[key[0]] += k
        for key, k in p.items():
            n_pred[key[0]] += k
        out[mode] = {
            label: Counts(hit[label], n_pred[label] - hit[label], n_gold[label] - hit[label])
            for label in sorted(set(n_gold) | set(n_pred))
        }
    return out
