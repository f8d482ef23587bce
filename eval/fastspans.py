"""The span counts of `spans.span_counts` for a whole corpus at once, with numpy.

Same rules, same results (a test compares the two on random corpora); this path exists for speed. It
relies on flat spans (what validation guarantees): sorted by start, the gold spans that overlap a
prediction are then one contiguous run, found with two binary searches. A gold-prediction pair that
overlaps nothing else is a component of its own and is matched directly; the few larger components go to
`matching.max_weight_matching`. A document with overlapping spans on either side is scored by
`spans.span_counts` instead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from econfacts.eval.counts import Counts
from econfacts.eval.matching import max_weight_matching
from econfacts.eval.spans import PARTIAL_CREDIT, Span, span_counts


def _columns(docs: Sequence[Sequence[Span]], label_index: dict[str, int]):
    n = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
    total = int(n.sum())
    flat = [t for d in docs for t in d]
    start = np.fromiter((t[0] for t in flat), dtype=np.int64, count=total)
    end = np.fromiter((t[1] for t in flat), dtype=np.int64, count=total)
    label = np.fromiter((label_index.setdefault(t[2], len(label_index)) for t in flat), dtype=np.int64, count=total)
    doc = np.repeat(np.arange(len(docs), dtype=np.int64), n)
    offset = np.concatenate([[0], np.cumsum(n)[:-1]]) if len(docs) else np.zeros(0, dtype=np.int64)
    return doc, start, end, label, offset


def _not_flat(doc, start, end) -> set[int]:
    same = doc[1:] == doc[:-1]
    return set(doc[1:][same & (start[1:] < end[:-1])].tolist())


def _isolated_then_rest(g_idx, p_idx, w, n_gold, n_pred, g_doc, g_off, p_off):
    """Matched (gold, pred, weight) arrays: isolated pairs directly, larger components exactly."""
    deg_g = np.bincount(g_idx, minlength=n_gold)
    deg_p = np.bincount(p_idx, minlength=n_pred)
    iso = (deg_g[g_idx] == 1) & (deg_p[p_idx] == 1)
    mg, mp, mw = [g_idx[iso]], [p_idx[iso]], [w[iso]]
    rest = ~iso
    if rest.any():
        rg, rp, rw = g_idx[rest], p_idx[rest], w[rest]
        rd = g_doc[rg]
        bounds = np.flatnonzero(np.diff(rd)) + 1
        for lo, hi in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(rd)]]), strict=True):
            d = rd[lo]
            go, po = g_off[d], p_off[d]
            edges = list(zip((rg[lo:hi] - go).tolist(), (rp[lo:hi] - po).tolist(), rw[lo:hi].tolist(), strict=True))
            n_local = int(deg_g.size)  # an upper bound on local gold indices is enough for the node numbering
            matched = max_weight_matching(edges, n_local)
            if matched:
                a = np.array(matched, dtype=float)
                mg.append(a[:, 0].astype(np.int64) + go)
                mp.append(a[:, 1].astype(np.int64) + po)
                mw.append(a[:, 2])
    return np.concatenate(mg), np.concatenate(mp), np.concatenate(mw)


def span_tables(gd, gs, ge, gl, g_off, pd, ps, pe, pl, p_off, n_docs: int, n_labels: int):
    """The counts of every document as arrays, from sorted span columns (document, start, end, label code).

    Returns (tables, strict, exact): tables maps scheme -> (documents, labels, 3) arrays of (tp, fp, fn);
    strict and exact are (gold rows, predicted rows) of the pairs with the same label and boundaries, and
    with the same boundaries. Documents with overlapping spans on either side are wrong here: the caller
    finds them with `not_flat` and scores them by the reference path.
    """
    big = int(max(ge.max(initial=0), pe.max(initial=0))) + 1
    gold_start_key, gold_end_key = gd * big + gs, gd * big + ge
    lo = np.searchsorted(gold_end_key, pd * big + ps, side="right")
    hi = np.searchsorted(gold_start_key, pd * big + pe, side="left")
    cnt = np.maximum(hi - lo, 0)
    p_idx = np.repeat(np.arange(len(ps)), cnt)
    first = np.repeat(np.cumsum(cnt) - cnt, cnt)
    g_idx = lo[p_idx] + (np.arange(len(p_idx)) - first)
    same_bounds = (gs[g_idx] == ps[p_idx]) & (ge[g_idx] == pe[p_idx])
    same_label = gl[g_idx] == pl[p_idx]
    n_gold, n_pred = len(gs), len(ps)

    def cells(doc, label, weights=None):
        return np.bincount(doc * n_labels + label, weights=weights, minlength=n_docs * n_labels).reshape(
            n_docs, n_labels
        )

    gold_n, pred_n = cells(gd, gl), cells(pd, pl)

    def same_label_table(mg):
        tp = cells(gd[mg], gl[mg])
        return np.stack([tp, pred_n - tp, gold_n - tp], axis=-1)

    def blind_table(mg, mp, mw):
        tp = cells(gd[mg], gl[mg], mw)
        pairs = cells(gd[mg], gl[mg])
        pred_hit = cells(pd[mp], pl[mp])
        return np.stack([tp, pairs - tp + pred_n - pred_hit, gold_n - tp], axis=-1)

    exact = same_bounds  # with flat spans, same boundaries is an isolated pair
    strict = exact & same_label
    tables = {
        "strict": same_label_table(g_idx[strict]),
        "exact": blind_table(g_idx[exact], p_idx[exact], np.ones(int(exact.sum()))),
        "partial": blind_table(
            *_isolated_then_rest(g_idx, p_idx, np.where(same_bounds, 1.0, PARTIAL_CREDIT), n_gold, n_pred, gd, g_off,
                                 p_off)
        ),
        "type": same_label_table(
            _isolated_then_rest(g_idx[same_label], p_idx[same_label], np.ones(int(same_label.sum())), n_gold,
                                n_pred, gd, g_off, p_off)[0]
        ),
    }
    return tables, (g_idx[strict], p_idx[strict]), (g_idx[exact], p_idx[exact])


def not_flat(doc, start, end) -> set[int]:
    """Documents (of sorted columns) where two spans overlap."""
    return _not_flat(doc, start, end)


def corpus_span_counts(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> list[dict]:
    """Per document, scheme -> label -> Counts, exactly as `span_counts` gives them."""
    n_docs = len(gold)
    label_index: dict[str, int] = {}
    gd, gs, ge, gl, g_off = _columns(gold, label_index)
    pd, ps, pe, pl, p_off = _columns(pred, label_index)
    slow = _not_flat(gd, gs, ge) | _not_flat(pd, ps, pe)
    n_labels = len(label_index)
    names = sorted(label_index, key=label_index.get)
    tables, _, _ = span_tables(gd, gs, ge, gl, g_off, pd, ps, pe, pl, p_off, n_docs, n_labels)
    strict = tables["strict"]
    present = strict.sum(axis=-1) + strict[..., 0] > 0  # tp + fp + fn + tp: gold or predicted spans
    out = []
    for d in range(n_docs):
        if d in slow:
            out.append(span_counts(gold[d], pred[d]))
            continue
        labels = np.flatnonzero(present[d]).tolist()
        out.append({
            scheme: {names[k]: Counts(*t[d, k].tolist()) for k in labels} for scheme, t in tables.items()
        })
    return out
