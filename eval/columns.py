"""One side of a corpus (gold or predictions) read once into flat numpy columns.

The columnar scorer (fastscore.py) and the gold fingerprint (signature.py) work on these columns instead of
on per-document objects: each span and relation dict is touched a fixed, small number of times, by
C-level iteration where possible. Spans are put in the reference order of `documents.prepare` (by document,
then start, end and label name), so that every tie is broken as the per-document path breaks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, repeat
from operator import is_, itemgetter

import numpy as np

_LABEL = itemgetter("label")
_HEAD, _TAIL = itemgetter("head"), itemgetter("tail")
# One C-level pass per dict: on large corpora each separate pass over the dicts costs a cache miss per dict.
_SPAN = itemgetter("start", "end", "label", "id", "attributes")
_RELATION = itemgetter("head", "tail", "label")
_EMPTY: dict = {}  # shared, never written to


class UnknownArgument(Exception):
    """A relation names a span id that its document does not have (the reference path words the error)."""


@dataclass
class Raw:
    """What `read` collects before the label codes of both sides are known."""

    spans: list[dict]  # flat, in input order
    n: np.ndarray  # spans per document
    start: tuple[int, ...]
    end: tuple[int, ...]
    labels: tuple[str, ...]
    attributes: list[dict] | tuple[dict, ...]  # `attributes` of each span, {} when missing or null
    rel_n: np.ndarray  # relations per document
    rel_labels: list[str]
    rel_head: np.ndarray  # flat span index of each relation's head
    rel_tail: np.ndarray
    odd: set[int]  # documents with a duplicate span id (the reference keeps the last one)


def read(docs: list[dict], *, lenient: bool = False) -> Raw:
    """Flatten the spans and relations of `docs` (in the order given); UnknownArgument on a dangling relation,
    or with `lenient` (for the fingerprint) -1 in its place."""
    per_doc = [d.get("spans", ()) for d in docs]
    n = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(docs))
    spans = list(chain.from_iterable(per_doc))
    try:
        start, end, labels, ids, attributes = zip(*map(_SPAN, spans), strict=True) if spans else ((),) * 5
    except KeyError:  # a span without "attributes" (optional): the same, key by key
        start, end, labels, ids = zip(*map(itemgetter("start", "end", "label", "id"), spans), strict=True)
        attributes = [s.get("attributes") for s in spans]
    if any(map(is_, attributes, repeat(None))):  # pointer comparisons: no pass over the dicts themselves
        attributes = [a or _EMPTY for a in attributes]
    rels_per_doc = [d.get("relations", ()) for d in docs]
    rel_n = np.fromiter(map(len, rels_per_doc), dtype=np.int64, count=len(docs))
    rel_labels, heads, tails, odd = [], [], [], set()
    offset = 0
    for d, (k, rels) in enumerate(zip(n.tolist(), rels_per_doc, strict=True)):
        index = dict(zip(ids[offset : offset + k], range(offset, offset + k), strict=True))
        if len(index) != k:
            odd.add(d)
        if rels:
            try:
                h, t, lab = zip(*map(_RELATION, rels), strict=True)
                if lenient:
                    heads.extend(index.get(x, -1) for x in h)
                    tails.extend(index.get(x, -1) for x in t)
                else:
                    heads.extend(map(index.__getitem__, h))
                    tails.extend(map(index.__getitem__, t))
            except KeyError as exc:
                raise UnknownArgument(d) from exc
            rel_labels.extend(lab)
        offset += k
    return Raw(
        spans, n, start, end, labels, attributes, rel_n, rel_labels,
        np.array(heads, dtype=np.int64), np.array(tails, dtype=np.int64), odd,
    )


def codes(*lists: list[str]) -> tuple[list[str], dict[str, int]]:
    """Names in sorted order and their codes, so that comparing codes compares the names."""
    names = sorted(set().union(*map(set, lists)))
    return names, {name: i for i, name in enumerate(names)}


@dataclass
class Side:
    spans: list[dict]  # flat, in input order
    attributes: list[dict]  # flat, in input order, {} for none
    doc: np.ndarray  # sorted columns: document, start, end, label code
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray
    row: np.ndarray  # sorted position -> index into `spans`
    offset: np.ndarray  # first sorted position of each document
    rel_doc: np.ndarray  # relations: document, label code, head and tail as sorted positions
    rel_label: np.ndarray
    rel_head: np.ndarray
    rel_tail: np.ndarray
    odd: set[int]


def columns(raw: Raw, label_code: dict[str, int], relation_code: dict[str, int]) -> Side:
    n_docs = len(raw.n)
    total = int(raw.n.sum())
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), raw.n)
    start = np.array(raw.start, dtype=np.int64).reshape(total)
    end = np.array(raw.end, dtype=np.int64).reshape(total)
    label = np.fromiter(map(label_code.__getitem__, raw.labels), dtype=np.int64, count=total)
    row = _sort_order(doc, start, end, label)
    position = np.empty_like(row)
    position[row] = np.arange(total, dtype=np.int64)
    offset = np.concatenate([[0], np.cumsum(raw.n)[:-1]]).astype(np.int64) if n_docs else np.zeros(0, np.int64)
    n_rel = len(raw.rel_labels)
    return Side(
        spans=raw.spans,
        attributes=raw.attributes,
        doc=doc,
        start=start[row],
        end=end[row],
        label=label[row],
        row=row,
        offset=offset,
        rel_doc=np.repeat(np.arange(n_docs, dtype=np.int64), raw.rel_n),
        rel_label=np.fromiter(map(relation_code.__getitem__, raw.rel_labels), dtype=np.int64, count=n_rel),
        rel_head=_positions(position, raw.rel_head),
        rel_tail=_positions(position, raw.rel_tail),
        odd=raw.odd,
    )


def _sort_order(doc, start, end, label) -> np.ndarray:
    """The stable order by (document, start, end, label). Files usually list spans in that order already,
    and one pass that checks it costs a fraction of the sort (a third of building the columns)."""
    same_doc, same_start, same_end = doc[1:] == doc[:-1], start[1:] == start[:-1], end[1:] == end[:-1]
    ordered = (doc[1:] > doc[:-1]) | (same_doc & ((start[1:] > start[:-1]) | (same_start & (
        (end[1:] > end[:-1]) | (same_end & (label[1:] >= label[:-1]))))))
    if ordered.all():
        return np.arange(len(doc), dtype=np.int64)
    return np.lexsort((label, end, start, doc))  # stable: equal spans keep their input order


def _positions(position: np.ndarray, flat: np.ndarray) -> np.ndarray:
    if not len(flat):
        return np.zeros(0, np.int64)
    return np.where(flat >= 0, position[np.maximum(flat, 0)] if len(position) else -1, -1)


def duplicate_spans(side: Side) -> set[int]:
    """Documents where two spans have the same boundaries and label, or a span is empty or reversed."""
    same = (side.doc[1:] == side.doc[:-1]) & (side.start[1:] == side.start[:-1]) & (side.end[1:] == side.end[:-1])
    same &= side.label[1:] == side.label[:-1]
    bad = set(side.doc[1:][same].tolist())
    bad.update(side.doc[side.end <= side.start].tolist())
    return bad
