"""One side of a corpus (gold or predictions) read once into flat numpy columns.

The columnar scorer (fastscore.py) and the gold fingerprint (signature.py) work on these columns instead of
on per-document objects: each span and relation dict is touched a fixed, small number of times, by
C-level iteration where possible. Spans are put in the reference order of `documents.prepare` (by document,
then start, end and label name), so that every tie is broken as the per-document path breaks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

import numpy as np

# One C-level pass per dict: on large corpora each separate pass over the dicts costs a cache miss per dict.
_SPAN = itemgetter("start", "end", "label", "id", "attributes")
_SPAN_REQUIRED = itemgetter("start", "end", "label", "id")
_RELATION = itemgetter("head", "tail", "label")
EMPTY: dict = {}  # shared, never written to
# Documents read and scored together. A chunk's dicts and arrays stay in the CPU cache between the passes
# over them, so that the time grows linearly with the corpus. Chosen by a one-off timing of 32 documents to
# the whole corpus on 200,000 JSON-parsed spans (not re-run by any script): 64 and 128 were fastest, 256
# about a tenth slower, one chunk about a quarter. The gold fingerprint is hashed chunk by chunk: changing
# this changes every fingerprint.
CHUNK = 128


def attrs(a) -> dict:
    """A span's attributes as the reference path reads them (`or {}`). Readers take the dicts as given and
    fall back to this on a TypeError, so that the common case costs no extra pass over the dicts."""
    return a or EMPTY


class UnknownArgument(Exception):
    """A relation names a span id that its document does not have (the reference path words the error)."""


@dataclass
class Raw:
    """What `read` collects before the label codes of both sides are known."""

    n: np.ndarray  # spans per document
    start: np.ndarray
    end: np.ndarray
    labels: np.ndarray  # Coder codes of the span labels
    attributes: list  # `attributes` of each span as given: a dict, or None (or missing) read as {} (`attrs`)
    rel_n: np.ndarray  # relations per document
    rel_labels: np.ndarray  # Coder codes of the relation labels
    rel_head: np.ndarray  # flat span index of each relation's head
    rel_tail: np.ndarray
    odd: set[int]  # documents with a duplicate span id (the reference keeps the last one)


class Coder:
    """Integer codes for strings (labels) in order of first occurrence, one dict lookup per string (a
    corpus has a handful of labels, so new ones are rare). `finish` gives the names in sorted order and turns
    the codes into positions in that order, so that comparing codes compares the names. One Coder serves
    both sides of a chunk, so that their codes agree."""

    def __init__(self) -> None:
        self.table: dict[str, int] = {}

    def extend(self, codes: list[int], names: tuple[str, ...]) -> None:
        """Append the code of each name to `codes`."""
        before = len(codes)
        try:
            codes += map(self.table.__getitem__, names)
        except KeyError:  # a name not seen before: the partial extension is undone
            del codes[before:]
            for name in names:
                self.table.setdefault(name, len(self.table))
            codes += map(self.table.__getitem__, names)

    def finish(self) -> tuple[list[str], Callable[[np.ndarray], np.ndarray]]:
        keys = list(self.table)  # in order of first occurrence, so their codes increase
        first = np.fromiter(self.table.values(), np.int64, len(keys))
        names = sorted(keys)
        rank = np.array([names.index(key) for key in keys], dtype=np.int64)

        def dense(codes: np.ndarray) -> np.ndarray:
            return rank[np.searchsorted(first, codes)] if len(codes) else np.zeros(0, np.int64)

        return names, dense


def read(docs: list[dict], labels: Coder, relation_labels: Coder, *, lenient: bool = False) -> Raw:
    """Flatten the spans and relations of `docs` (in the order given); UnknownArgument on a dangling relation,
    or with `lenient` (for the fingerprint) -1 in its place. Document by document: a document's dicts are
    still in the cache when its relations are resolved, and the temporary tuples stay small (measured: a
    third faster than flattening the corpus first)."""
    start: list[np.ndarray] = []
    end: list[np.ndarray] = []
    label_codes: list[int] = []
    attributes: list = []
    n, rel_n, rel_codes, heads, tails, odd = [], [], [], [], [], set()
    for d, doc in enumerate(docs):
        spans = doc.get("spans", ())
        k = len(spans)
        ids: tuple = ()
        if k:
            try:
                s, e, lab, ids, a = zip(*map(_SPAN, spans), strict=True)
            except KeyError:  # a span without "attributes" (optional): the same, key by key
                s, e, lab, ids = zip(*map(_SPAN_REQUIRED, spans), strict=True)
                a = [x.get("attributes") for x in spans]
            start.append(np.array(s, dtype=np.int64))  # now, while the int objects are in the cache
            end.append(np.array(e, dtype=np.int64))
            labels.extend(label_codes, lab)
            attributes += a
        # Indices within the document (small ints are shared objects, not allocated); the document's offset
        # is added to all relations at once below.
        index = dict(zip(ids, range(k), strict=True))
        if len(index) != k:
            odd.add(d)
        rels = doc.get("relations", ())
        rel_n.append(len(rels))
        if rels:
            try:
                h, t, lab = zip(*map(_RELATION, rels), strict=True)
                if lenient:
                    heads += map(index.get, h, repeat(-1))
                    tails += map(index.get, t, repeat(-1))
                else:
                    heads += map(index.__getitem__, h)
                    tails += map(index.__getitem__, t)
            except KeyError as exc:
                raise UnknownArgument(d) from exc
            relation_labels.extend(rel_codes, lab)
        n.append(k)
    sizes, rel_sizes = np.array(n, dtype=np.int64), np.array(rel_n, dtype=np.int64)
    first = np.repeat(np.cumsum(sizes) - sizes, rel_sizes)  # each relation's document offset

    def flat(local: list[int]) -> np.ndarray:
        local = np.array(local, dtype=np.int64)
        return np.where(local >= 0, local + first, -1)  # -1 (lenient: no such span) stays -1

    return Raw(
        sizes, _concatenate(start), _concatenate(end), np.array(label_codes, dtype=np.int64),
        attributes, rel_sizes, np.array(rel_codes, dtype=np.int64), flat(heads), flat(tails), odd,
    )


def _concatenate(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


@dataclass
class Side:
    attributes: list  # flat, in input order, as given: `attrs(a)` reads None (or missing) as {}
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


def columns(raw: Raw, label_code: Callable[[np.ndarray], np.ndarray],
            relation_code: Callable[[np.ndarray], np.ndarray]) -> Side:
    """The sorted columns of one side; `label_code` and `relation_code` (from `Coder.finish`) turn the raw
    codes into positions in the sorted names."""
    n_docs = len(raw.n)
    total = int(raw.n.sum())
    doc = np.repeat(np.arange(n_docs, dtype=np.int64), raw.n)
    start = np.asarray(raw.start, dtype=np.int64).reshape(total)
    end = np.asarray(raw.end, dtype=np.int64).reshape(total)
    label = label_code(raw.labels)
    row = _sort_order(doc, start, end, label)
    position = np.empty_like(row)
    position[row] = np.arange(total, dtype=np.int64)
    offset = np.concatenate([[0], np.cumsum(raw.n)[:-1]]).astype(np.int64) if n_docs else np.zeros(0, np.int64)
    return Side(
        attributes=raw.attributes,
        doc=doc,
        start=start[row],
        end=end[row],
        label=label[row],
        row=row,
        offset=offset,
        rel_doc=np.repeat(np.arange(n_docs, dtype=np.int64), raw.rel_n),
        rel_label=relation_code(raw.rel_labels),
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
