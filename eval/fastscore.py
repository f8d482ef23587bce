"""The corpus scored on numpy columns, CHUNK documents at a time: spans, relations, attributes and facts.

Same rules and exactly the same counts as the per-document reference path (`docscore.score_document`);
tests compare the two on random corpora. This path exists for speed: Python touches each span and relation
dict a few times, only the attribute and fact-role comparisons stay per item, and everything else is
array arithmetic.

How spans are identified across gold and predictions: a gold span is its sorted position; a prediction
that has a gold span with the same boundaries and label takes that gold position (its strict code),
otherwise a position of its own. Relation keys and fact heads are built from these codes, so multiset and
set comparisons become comparisons of integers. Boundaries mode uses the same scheme with "same
boundaries" (the exact pairs).

Documents this cannot score exactly go to the reference path, one by one: overlapping, duplicate, empty
or reversed spans on either side, or a span id used twice in a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress, repeat
from operator import getitem

import numpy as np

from econfacts.eval.attrcolumns import AttributeColumns
from econfacts.eval.columns import CHUNK, Coder, Side, UnknownArgument, columns, duplicate_spans, read
from econfacts.eval.counts import Counts, Tally
from econfacts.eval.docscore import HEADLINE, DocScore, pair_documents, paired, score_document
from econfacts.eval.documents import normalise_text, prepare
from econfacts.eval.facts import _plan
from econfacts.eval.fastattributes import attribute_tallies
from econfacts.eval.fastspans import not_flat, span_tables
from econfacts.eval.relations import MODES
from econfacts.eval.signature import GoldFingerprint
from econfacts.eval.spans import SCHEMES
from econfacts.schema.inventory import Inventory


@dataclass
class CorpusCounts:
    """Per-document count arrays, documents in id order (the order the bootstrap draws from)."""

    labels: list[str]
    relation_labels: list[str]
    spans: dict[str, np.ndarray]  # scheme -> (documents, labels, 3) of (tp, fp, fn)
    relations: dict[str, np.ndarray]  # mode -> (documents, relation labels, 3)
    facts: np.ndarray  # (documents, 3)
    attributes: dict[str, list[int]]  # name -> [agree, total], summed over the corpus
    roles: dict[str, list[int]]
    gold_fingerprint: str

    def stats(self) -> np.ndarray:
        """(documents, len(HEADLINE), 3): the micro statistics that bootstrap and significance resample."""
        n_docs = self.facts.shape[0]
        parts = {"spans": self.spans, "relations": self.relations}
        cols = [self.facts if p == "facts" else parts[p][m].sum(axis=1) for p, m in HEADLINE]
        return np.stack(cols, axis=1) if n_docs else np.zeros((0, len(HEADLINE), 3))

    def total(self) -> DocScore:
        """The corpus sums, as the reference path's summed DocScore gives them (float counts, int tallies)."""

        def per_label(table, names):
            sums = table.sum(axis=0).tolist()
            return {name: Counts(*map(float, sums[k])) for k, name in enumerate(names)}

        return DocScore(
            spans={s: per_label(t, self.labels) for s, t in self.spans.items()},
            relations={m: per_label(t, self.relation_labels) for m, t in self.relations.items()},
            attributes={name: Tally(*row) for name, row in self.attributes.items()},
            facts=Counts(*map(float, self.facts.sum(axis=0).tolist())),
            roles={name: Tally(*row) for name, row in self.roles.items()},
        )


def corpus_counts(gold_docs: list[dict], pred_docs: list[dict], inv: Inventory) -> CorpusCounts:
    """The counts of every document, CHUNK documents at a time (in id order), merged."""
    pairs = paired(gold_docs, pred_docs)
    fp = GoldFingerprint()
    parts = []
    for i in range(0, max(len(pairs), 1), CHUNK):
        try:
            parts.append(_chunk_counts(pairs[i : i + CHUNK], inv, fp))
        except UnknownArgument:
            pair_documents(gold_docs, pred_docs)  # words the first error exactly as the reference path does
            raise
    out = parts[0] if len(parts) == 1 else _merge(parts)
    out.gold_fingerprint = fp.hexdigest()
    return out


def _chunk_counts(pairs: list[tuple[dict, dict]], inv: Inventory, fp: GoldFingerprint) -> CorpusCounts:
    gold = [g for g, _ in pairs]
    labels, relation_labels = Coder(), Coder()
    raw_g = read(gold, labels, relation_labels)
    raw_p = read([p for _, p in pairs], labels, relation_labels)
    names, label_code = labels.finish()
    relation_names, relation_code = relation_labels.finish()
    g, p = columns(raw_g, label_code, relation_code), columns(raw_p, label_code, relation_code)
    n_docs = len(pairs)
    tables, strict, exact = span_tables(
        g.doc, g.start, g.end, g.label, g.offset, p.doc, p.start, p.end, p.label, p.offset, n_docs, len(names)
    )
    slow = not_flat(g.doc, g.start, g.end) | not_flat(p.doc, p.start, p.end)
    slow |= duplicate_spans(g) | duplicate_spans(p) | g.odd | p.odd
    is_slow = np.zeros(n_docs, dtype=bool)
    is_slow[list(slow)] = True
    strict = _fast_only(strict, g, is_slow)
    exact = _fast_only(exact, g, is_slow)
    texts = [d.get("text", "") for d in gold]
    # The predicted attributes that are compared: those of strict pairs, and the normalising attribute of a
    # relation tail (a fact filler).
    needed = np.zeros(len(p.start), dtype=bool)
    needed[strict[1]] = True
    normalised = np.array([bool(_plan(inv).normaliser.get(n)) for n in names] + [False])
    needed[p.rel_tail[normalised[p.label[p.rel_tail]]]] = True
    attributes = AttributeColumns(g, p, names, inv, needed)
    out = CorpusCounts(
        labels=names,
        relation_labels=relation_names,
        spans={s: tables[s].astype(float) for s in SCHEMES},
        relations=_relation_tables(g, p, strict, exact, is_slow, n_docs, len(relation_names)),
        facts=np.zeros((n_docs, 3)),
        attributes={a.name: [0, 0] for a in inv.attributes},
        roles={},
        gold_fingerprint="",
    )
    fp.update([d["id"] for d in gold], texts, g, names, relation_names, attributes)
    attribute_tallies(attributes, strict, g.label, names, out.attributes)
    out.facts, out.roles = _facts(g, p, strict, exact, is_slow, names, relation_names, texts, inv, attributes)
    label_index = {name: i for i, name in enumerate(names)}
    relation_index = {name: i for i, name in enumerate(relation_names)}
    for d in sorted(slow):
        gp = prepare(gold[d])
        _put(out, d, score_document(gp, prepare(pairs[d][1], gp.text), inv), label_index, relation_index)
    return out


def _merge(parts: list[CorpusCounts]) -> CorpusCounts:
    """One CorpusCounts of the chunks' documents, in order, over the union of their labels."""
    labels = sorted(set().union(*(part.labels for part in parts)))
    relation_labels = sorted(set().union(*(part.relation_labels for part in parts)))

    def stacked(tables: list[np.ndarray], names_of: list[list[str]], names: list[str]) -> np.ndarray:
        where = {name: i for i, name in enumerate(names)}
        out = []
        for table, own in zip(tables, names_of, strict=True):
            full = np.zeros((table.shape[0], len(names), 3))
            full[:, [where[n] for n in own]] = table
            out.append(full)
        return np.concatenate(out)

    def summed(rows_of: list[dict[str, list[int]]]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for rows in rows_of:
            for name, (agree, total) in rows.items():
                _add(out, name, agree, total)
        return out

    return CorpusCounts(
        labels=labels,
        relation_labels=relation_labels,
        spans={s: stacked([p.spans[s] for p in parts], [p.labels for p in parts], labels) for s in SCHEMES},
        relations={m: stacked([p.relations[m] for p in parts], [p.relation_labels for p in parts], relation_labels)
                   for m in MODES},
        facts=np.concatenate([p.facts for p in parts]),
        attributes=summed([p.attributes for p in parts]),
        roles=summed([p.roles for p in parts]),
        gold_fingerprint="",
    )


def _fast_only(pairs, g: Side, is_slow: np.ndarray):
    gi, pi = pairs
    keep = ~is_slow[g.doc[gi]]
    return gi[keep], pi[keep]


def _codes(g: Side, p: Side, pairs) -> np.ndarray:
    """Codes of the predicted spans: the gold position they pair with, else a position after the gold ones."""
    n_g = len(g.start)
    code = np.arange(n_g, n_g + len(p.start), dtype=np.int64)
    code[pairs[1]] = pairs[0]
    return code


def _pack(columns: list[np.ndarray], sizes: list[int]) -> np.ndarray:
    """One int64 key per row of the given columns (each value < its size), mixed radix, so that equal rows
    have equal keys and a key divided by the product of the trailing sizes gives the leading columns."""
    if np.prod([float(s) for s in sizes]) >= 2**62:
        raise ValueError(f"corpus too large for 64-bit keys ({sizes})")
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for col, size in zip(columns, sizes, strict=True):
        key = key * size + col
    return key


def _relation_tables(g, p, strict, exact, is_slow, n_docs, n_rel) -> dict[str, np.ndarray]:
    keep_g, keep_p = ~is_slow[g.rel_doc], ~is_slow[p.rel_doc]
    size = len(g.start) + len(p.start)
    out = {}
    for mode, pairs in zip(MODES, (strict, exact), strict=True):
        code = _codes(g, p, pairs)
        cols_g = [g.rel_label[keep_g], g.rel_head[keep_g], g.rel_tail[keep_g]]
        cols_p = [p.rel_label[keep_p], code[p.rel_head[keep_p]], code[p.rel_tail[keep_p]]]
        both = _pack([np.concatenate([a, b]) for a, b in zip(cols_g, cols_p, strict=True)], [n_rel, size, size])
        key_g, key_p = both[: len(cols_g[0])], both[len(cols_g[0]) :]
        ug, first_g, cg = np.unique(key_g, return_index=True, return_counts=True)
        up, cp = np.unique(key_p, return_counts=True)
        _, ig, ip = np.intersect1d(ug, up, assume_unique=True, return_indices=True)
        hit_rows = first_g[ig]  # a gold relation of each shared key: its document and label

        def cells(doc, label, weights=None):
            return np.bincount(doc * n_rel + label, weights=weights, minlength=n_docs * n_rel).reshape(n_docs, n_rel)

        gd, gl = g.rel_doc[keep_g], cols_g[0]
        tp = cells(gd[hit_rows], gl[hit_rows], np.minimum(cg[ig], cp[ip]).astype(float))
        n_gold = cells(gd, gl)
        n_pred = cells(p.rel_doc[keep_p], cols_p[0])
        out[mode] = np.stack([tp, n_pred - tp, n_gold - tp], axis=-1).astype(float)
    return out


def _fillers(side: Side, keep: np.ndarray, names: list[str], normaliser: dict, filler_code: dict, values: dict,
             codes_of) -> np.ndarray:
    """Filler code of the tail of each kept relation, as `facts._filler` words it, for the tails whose label
    has a normalising attribute with a string value (taken from the coded columns, each distinct value
    normalised once); -1 for the others, which are compared by their text (`_text_fillers`)."""
    tails = side.rel_tail[keep]
    label = side.label[tails]
    out = np.full(len(tails), -1, dtype=np.int64)
    for k, name in enumerate(names):
        attr = normaliser.get(name)
        these = np.flatnonzero(label == k) if attr else ()
        if not len(these):
            continue
        local = np.searchsorted(values[k].positions, tails[these])
        codes, table = codes_of(k, attr)
        word = f"{attr}={{}}".format
        if codes is not None:
            by_code = np.full(max(table.values(), default=0) + 1, -1, dtype=np.int64)
            for value, code in table.items():
                if isinstance(value, str):
                    by_code[code] = filler_code.setdefault(word(normalise_text(value)), len(filler_code))
            out[these] = by_code[codes[local]]
        else:  # values that cannot be coded: one by one
            raws = list(map(values[k].columns[attr].__getitem__, local.tolist()))
            is_str = np.fromiter(map(isinstance, raws, repeat(str)), dtype=bool, count=len(raws))
            out[these[is_str]] = _intern(list(compress(raws, is_str.tolist())),
                                         lambda raw, w=word: w(normalise_text(raw)), filler_code)
    return out


def _text_fillers(g: Side, p: Side, exact, tails_g: np.ndarray, tails_p: np.ndarray, texts: list[str],
                  filler_code: dict) -> tuple[np.ndarray, np.ndarray]:
    """Text filler codes of gold and predicted tails (sorted positions). Each distinct span is sliced and
    normalised once, and a predicted span with the boundaries of a gold span (an `exact` pair) counts as
    that gold span: the same boundaries in the same text are the same text."""
    n_g = len(g.start)
    as_gold = np.arange(n_g, n_g + len(p.start), dtype=np.int64)
    as_gold[exact[1]] = exact[0]
    spans, inverse = np.unique(np.concatenate([tails_g, as_gold[tails_p]]), return_inverse=True)
    gold, pred = spans[spans < n_g], spans[spans >= n_g] - n_g  # `spans` is sorted: gold ones first
    docs = np.concatenate([g.doc[gold], p.doc[pred]]).tolist()
    bounds = map(slice, np.concatenate([g.start[gold], p.start[pred]]).tolist(),
                 np.concatenate([g.end[gold], p.end[pred]]).tolist())
    raws = list(map(getitem, map(texts.__getitem__, docs), bounds))
    codes = _intern(raws, lambda raw: f"text={normalise_text(raw)}", filler_code)[inverse.reshape(-1)]
    return codes[: len(tails_g)], codes[len(tails_g) :]


def _intern(raws: list, word, filler_code: dict) -> np.ndarray:
    """Codes of `word(raw)` for each raw value, normalising each distinct raw value once."""
    distinct = dict.fromkeys(raws)
    for raw in distinct:
        distinct[raw] = filler_code.setdefault(word(raw), len(filler_code))
    return np.fromiter(map(distinct.__getitem__, raws), dtype=np.int64, count=len(raws))


def _facts(g, p, strict, exact, is_slow, names, relation_names, texts, inv: Inventory, attributes):
    plan = _plan(inv)
    roles = plan.roles
    n_docs, n_roles = len(is_slow), len(roles)
    is_value = np.array([n in plan.values for n in names] + [False])
    role_of = np.array([roles.index(r) if r in roles else -1 for r in relation_names] + [-1], dtype=np.int64)
    code = _codes(g, p, strict)
    filler_code: dict[str, int] = {}
    rows = []
    gi = strict[0]
    matched = gi[is_value[g.label[gi]]]  # gold value spans with a strict match (codes = gold positions)
    is_matched = np.zeros(len(g.start) + 1, dtype=bool)
    is_matched[matched] = True
    by_text = []

    def gold_codes(k, attr):  # a number attribute has no codes: its fillers are read one by one
        codes = attributes.codes.get((k, attr))
        return (None, {}) if codes is None else (codes.gold, codes.keys())

    def pred_codes(k, attr):
        codes = attributes.codes.get((k, attr))
        return (None, {}) if codes is None else (attributes.pred_codes(k, attr), codes.keys())

    for side, head_code, values, codes_of in ((g, np.arange(len(g.start), dtype=np.int64), attributes.gold,
                                               gold_codes), (p, code, attributes.pred, pred_codes)):
        keep = ~is_slow[side.rel_doc] & (role_of[side.rel_label] >= 0) & is_value[side.label[side.rel_head]]
        # Roles count only on matched value spans: the fillers of any other head are never compared.
        keep &= is_matched[np.minimum(head_code[side.rel_head], len(g.start))]
        fill = _fillers(side, keep, names, plan.normaliser, filler_code, values, codes_of)
        rows.append((head_code[side.rel_head[keep]], role_of[side.rel_label[keep]], fill))
        by_text.append((fill < 0, side.rel_tail[keep][fill < 0]))
    (text_g, tails_g), (text_p, tails_p) = by_text
    rows[0][2][text_g], rows[1][2][text_p] = _text_fillers(g, p, exact, tails_g, tails_p, texts, filler_code)
    size = [len(g.start) + len(p.start), max(n_roles, 1), max(len(filler_code), 1)]
    # Sets of fillers per (head, role): distinct rows on each side, then a (head, role) group agrees when
    # both sides have it with the same number of fillers, all of them shared.
    sets = [np.unique(_pack(list(r), size)) for r in rows]
    shared = np.intersect1d(sets[0], sets[1], assume_unique=True)
    groups = [np.unique(s // size[2], return_counts=True) for s in sets]
    all_groups = np.union1d(groups[0][0], groups[1][0])

    def per_group(found, keys):
        out = np.zeros(len(all_groups), dtype=np.int64)
        out[np.searchsorted(all_groups, keys)] = found
        return out

    n_g = per_group(groups[0][1], groups[0][0])
    n_p = per_group(groups[1][1], groups[1][0])
    sg, sc = np.unique(shared // size[2], return_counts=True)
    n_s = per_group(sc, sg)
    disagree = all_groups[(n_g != n_s) | (n_p != n_s)]  # (head, role) keys

    d_head, d_role = disagree // size[1], disagree % size[1]
    d_keep = is_matched[np.minimum(d_head, len(g.start))]
    d_head, d_role = d_head[d_keep], d_role[d_keep]
    role_rows = {}
    bad_by_role = np.bincount(d_role, minlength=n_roles).tolist()
    for r, role in enumerate(roles):
        role_rows[role] = [len(matched) - bad_by_role[r], len(matched)]
    bad_heads = np.unique(d_head)
    tp = np.bincount(g.doc[matched], minlength=n_docs) - np.bincount(g.doc[bad_heads], minlength=n_docs)
    value_g = ~is_slow[g.doc] & is_value[g.label]
    value_p = ~is_slow[p.doc] & is_value[p.label]
    n_gold = np.bincount(g.doc[value_g], minlength=n_docs)
    n_pred = np.bincount(p.doc[value_p], minlength=n_docs)
    return np.stack([tp, n_pred - tp, n_gold - tp], axis=-1).astype(float), role_rows


def _put(out: CorpusCounts, d: int, score: DocScore, label_index: dict, relation_index: dict) -> None:
    """Write one document's reference DocScore into the corpus arrays."""
    for scheme, table in out.spans.items():
        table[d] = 0.0
        for label, c in score.spans.get(scheme, {}).items():
            table[d, label_index[label]] = c.as_tuple()
    for mode, table in out.relations.items():
        table[d] = 0.0
        for label, c in score.relations.get(mode, {}).items():
            table[d, relation_index[label]] = c.as_tuple()
    out.facts[d] = score.facts.as_tuple()
    for name, t in score.attributes.items():
        _add(out.attributes, name, t.agree, t.total)
    for name, t in score.roles.items():
        _add(out.roles, name, t.agree, t.total)


def _add(rows: dict[str, list[int]], name: str, agree: int, total: int) -> None:
    row = rows.setdefault(name, [0, 0])
    row[0] += agree
    row[1] += total
