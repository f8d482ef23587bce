"""The whole corpus scored at once on numpy columns: spans, relations, attributes and facts.

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
from operator import and_, eq, getitem, is_, itemgetter

import numpy as np

from econfacts.eval.attributes import MISSING, REL_TOL, _attributes_by_label, same_value
from econfacts.eval.columns import Side, UnknownArgument, attrs, codes, columns, duplicate_spans, read
from econfacts.eval.counts import Counts, Tally
from econfacts.eval.docscore import HEADLINE, DocScore, pair_documents, paired, score_document
from econfacts.eval.documents import normalise_text, prepare
from econfacts.eval.facts import _plan
from econfacts.eval.fastspans import not_flat, span_tables
from econfacts.eval.relations import MODES
from econfacts.eval.signature import fingerprint
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
    pairs = paired(gold_docs, pred_docs)
    gold = [g for g, _ in pairs]
    try:
        raw_g, raw_p = read(gold), read([p for _, p in pairs])
    except UnknownArgument:
        pair_documents(gold_docs, pred_docs)  # words the first error exactly as the reference path does
        raise
    names, label_code = codes(raw_g.labels, raw_p.labels)
    relation_names, relation_code = codes(raw_g.rel_labels, raw_p.rel_labels)
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
    gold_columns: dict = {}  # the fingerprint reads every gold attribute; the tallies reuse its columns

    out = CorpusCounts(
        labels=names,
        relation_labels=relation_names,
        spans={s: tables[s].astype(float) for s in SCHEMES},
        relations=_relation_tables(g, p, strict, exact, is_slow, n_docs, len(relation_names)),
        facts=np.zeros((n_docs, 3)),
        attributes={a.name: [0, 0] for a in inv.attributes},
        roles={},
        gold_fingerprint=fingerprint([d["id"] for d in gold], texts, g, names, relation_names, gold_columns),
    )
    _attribute_tallies(g, p, strict, names, inv, out.attributes, gold_columns)
    out.facts, out.roles = _facts(g, p, strict, is_slow, names, relation_names, texts, inv)
    for d in sorted(slow):
        gp = prepare(gold[d])
        _put(out, d, score_document(gp, prepare(pairs[d][1], gp.text), inv), label_code, relation_code)
    return out


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


def _values(dicts: list[dict], names: list[str]) -> list[tuple]:
    """The columns of `names` over `dicts`, MISSING where a key is absent (one C-level pass per dict)."""
    if not dicts:
        return [() for _ in names]
    try:
        rows = list(map(itemgetter(*names), dicts))
    except (KeyError, TypeError):  # a key absent, or null attributes
        rows = [tuple(attrs(d).get(n, MISSING) for n in names) for d in dicts]
        return list(zip(*rows, strict=True))
    return [tuple(rows)] if len(names) == 1 else list(zip(*rows, strict=True))


def _gold_values(g: Side, positions: np.ndarray, label: str, names: list[str], gold_columns: dict):
    """`_values` of the gold spans at these sorted positions, taken from the fingerprint's columns; None when
    the label's spans lack one of `names` (then `_values` reads them, MISSING included)."""
    hit = gold_columns.get(label)
    if hit is None or not set(names) <= set(hit[1]):
        return None
    where, keys, cols = hit
    local = np.searchsorted(where, positions)  # `where` is sorted: each position's index in its label's columns
    if len(local) < 2:  # itemgetter of one index gives the value, not a tuple
        return [tuple(cols[keys.index(n)][i] for i in local.tolist()) for n in names]
    take = itemgetter(*local.tolist())
    return [take(cols[keys.index(n)]) for n in names]


def _float_pairs(a_col: tuple, b_col: tuple) -> np.ndarray:
    """Where both values are floats (type exactly float: bools, ints, ranges and nulls are not)."""
    a_float = map(is_, map(type, a_col), repeat(float))
    b_float = map(is_, map(type, b_col), repeat(float))
    return np.fromiter(map(and_, a_float, b_float), dtype=bool, count=len(a_col))


def _numbers_close(a_col: tuple, b_col: tuple, attr, label: str) -> int:
    """`same_value` for a number attribute: pairs of floats with numpy (math.isclose's rule, rel_tol only),
    anything else (ints, ranges, null, missing) one by one."""
    both = _float_pairs(a_col, b_col)
    a = np.array(list(compress(a_col, both)), dtype=float)
    b = np.array(list(compress(b_col, both)), dtype=float)
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(b - a)
        close = (a == b) | (np.isfinite(a) & np.isfinite(b) & ((diff <= np.abs(REL_TOL * b)) |
                                                                (diff <= np.abs(REL_TOL * a))))
    rest = ~both
    rest_a, rest_b = compress(a_col, rest), compress(b_col, rest)
    return int(close.sum()) + sum(map(same_value, repeat(attr), repeat(label), rest_a, rest_b))


_STR_OR_NULL = {str, type(None)}


def _free_text_agree(a_col: tuple, b_col: tuple, attr, label: str) -> int:
    """`same_value` for free text: with strings and nulls only, each distinct string is normalised once and
    the pairs compare as codes (null: -1, agreeing only with null); anything else one by one."""
    if set(map(type, a_col)) | set(map(type, b_col)) <= _STR_OR_NULL:
        distinct = dict.fromkeys(a_col + b_col)
        normal: dict = {}
        for text in distinct:
            distinct[text] = -1 if text is None else normal.setdefault(normalise_text(text), len(normal))
        return sum(map(eq, map(distinct.__getitem__, a_col), map(distinct.__getitem__, b_col)))
    return sum(map(same_value, repeat(attr), repeat(label), a_col, b_col))


def _attribute_tallies(g: Side, p: Side, strict, names, inv: Inventory, rows: dict[str, list[int]],
                       gold_columns: dict) -> None:
    """`attributes.attribute_tallies` over the strict pairs, one label and one attribute at a time.
    `gold_columns` (from the fingerprint): label -> (sorted positions, keys, value columns) of the gold."""
    by_label = _attributes_by_label(inv)
    gi, pi = strict
    label = g.label[gi]
    g_rows, p_rows = g.row[gi], p.row[pi]
    for k, name in enumerate(names):
        attrs = by_label.get(name, ())
        sel = label == k
        n = int(sel.sum())
        if not attrs or not n:
            continue
        a_cols = _gold_values(g, gi[sel], name, [a.name for a in attrs], gold_columns)
        if a_cols is None:
            a_cols = _values(list(map(g.attributes.__getitem__, g_rows[sel].tolist())), [a.name for a in attrs])
        b_cols = _values(list(map(p.attributes.__getitem__, p_rows[sel].tolist())), [a.name for a in attrs])
        for attr, a_col, b_col in zip(attrs, a_cols, b_cols, strict=True):
            row = rows[attr.name]
            row[1] += n
            if attr.type == "choice":
                row[0] += sum(map(and_, map(eq, a_col, b_col), map(is_, map(type, a_col), map(type, b_col))))
            elif attr.type == "number":
                row[0] += _numbers_close(a_col, b_col, attr, name)
            elif attr.type == "text" and attr.constraint_for(name):
                row[0] += sum(map(eq, a_col, b_col))  # same_value's rule: null and missing agree only with themselves
            else:
                row[0] += _free_text_agree(a_col, b_col, attr, name)


def _fillers(side: Side, keep: np.ndarray, texts: list[str], names: list[str], normaliser: dict,
             filler_code: dict) -> np.ndarray:
    """Filler code of the tail of each kept relation, as `facts._filler` words it (texts: the gold texts).
    C-level passes over the tails; only the distinct raw values are normalised in Python."""
    tails = side.rel_tail[keep]
    rows = side.row[tails].tolist()
    by_code = [normaliser.get(name) for name in names]
    label = side.label[tails]
    attr_names = list(map(by_code.__getitem__, label.tolist()))
    # dict.get(None) is None: a label without a normalising attribute reads as "no value"
    try:
        values = list(map(dict.get, map(side.attributes.__getitem__, rows), attr_names))
    except TypeError:  # null attributes
        values = list(map(dict.get, map(attrs, map(side.attributes.__getitem__, rows)), attr_names))
    is_str = np.fromiter(map(isinstance, values, repeat(str)), dtype=bool, count=len(values))
    out = np.empty(len(values), dtype=np.int64)
    # Grouped by attribute name, so that the distinct values are plain strings (hashed once, when made).
    attr_list = sorted({n for n in by_code if n})
    name_code = np.array([attr_list.index(n) if n else -1 for n in by_code] + [-1], dtype=np.int64)[label]
    for j, name in enumerate(attr_list):
        these = is_str & (name_code == j)
        word = f"{name}={{}}".format
        out[these] = _intern(list(compress(values, these)), lambda raw, w=word: w(normalise_text(raw)), filler_code)
    is_text = ~is_str
    docs = side.rel_doc[keep][is_text].tolist()
    bounds = map(slice, side.start[tails][is_text].tolist(), side.end[tails][is_text].tolist())
    by_text = list(map(getitem, map(texts.__getitem__, docs), bounds))
    out[is_text] = _intern(by_text, lambda raw: f"text={normalise_text(raw)}", filler_code)
    return out


def _intern(raws: list, word, filler_code: dict) -> np.ndarray:
    """Codes of `word(raw)` for each raw value, normalising each distinct raw value once."""
    distinct = dict.fromkeys(raws)
    for raw in distinct:
        distinct[raw] = filler_code.setdefault(word(raw), len(filler_code))
    return np.fromiter(map(distinct.__getitem__, raws), dtype=np.int64, count=len(raws))


def _facts(g, p, strict, is_slow, names, relation_names, texts, inv: Inventory):
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
    for side, head_code in ((g, np.arange(len(g.start), dtype=np.int64)), (p, code)):
        keep = ~is_slow[side.rel_doc] & (role_of[side.rel_label] >= 0) & is_value[side.label[side.rel_head]]
        # Roles count only on matched value spans: the fillers of any other head are never compared.
        keep &= is_matched[np.minimum(head_code[side.rel_head], len(g.start))]
        fill = _fillers(side, keep, texts, names, plan.normaliser, filler_code)
        rows.append((head_code[side.rel_head[keep]], role_of[side.rel_label[keep]], fill))
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


def _put(out: CorpusCounts, d: int, score: DocScore, label_code: dict, relation_code: dict) -> None:
    """Write one document's reference DocScore into the corpus arrays."""
    for scheme, table in out.spans.items():
        table[d] = 0.0
        for label, c in score.spans.get(scheme, {}).items():
            table[d, label_code[label]] = c.as_tuple()
    for mode, table in out.relations.items():
        table[d] = 0.0
        for label, c in score.relations.get(mode, {}).items():
            table[d, relation_code[label]] = c.as_tuple()
    out.facts[d] = score.facts.as_tuple()
    for name, t in score.attributes.items():
        row = out.attributes.setdefault(name, [0, 0])
        row[0] += t.agree
        row[1] += t.total
    for name, t in score.roles.items():
        row = out.roles.setdefault(name, [0, 0])
        row[0] += t.agree
        row[1] += t.total
