"""Span counts in the four SemEval-2013 Task 9.1 schemes, for one document.

- strict: same boundaries and label.
- exact: same boundaries, label ignored.
- partial: any overlap, label ignored; same boundaries earn 1, another overlap earns 0.5.
- type: any overlap with the same label earns 1.

Each gold span and each prediction takes part in at most one match, and the matching maximises the credit
(`matching.max_weight_matching`), so neither the order of the predictions nor a greedy scan changes a count.
Precision is credit / predictions and recall credit / gold, as in SemEval's COR + 0.5 PAR over ACT and POS.

Per label: strict and type matches pair spans of one label. The label-blind schemes (exact, partial)
credit a match to the label of its gold span, whose precision also loses the credit a partial match did
not earn; an unmatched prediction counts against its own label. So the per-label counts always add up to
the micro counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from econfacts.eval.counts import Counts
from econfacts.eval.matching import max_weight_matching

SCHEMES = ("strict", "exact", "partial", "type")
PARTIAL_CREDIT = 0.5

Span = tuple[int, int, str]  # (start, end exclusive, label)


def overlapping_pairs(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """(gold index, pred index) for every overlapping pair, by one sweep over the sorted starts."""
    events = sorted(
        [(s, 0, e, i) for i, (s, e, _) in enumerate(gold)] + [(s, 1, e, j) for j, (s, e, _) in enumerate(pred)]
    )
    active: tuple[list, list] = ([], [])
    pairs = []
    for start, side, end, idx in events:
        other = [a for a in active[1 - side] if a[0] > start]
        active = (other, active[1]) if side == 1 else (active[0], other)
        for _, j in other:
            pairs.append((j, idx) if side == 1 else (idx, j))
        mine = [a for a in active[side] if a[0] > start]
        mine.append((end, idx))
        active = (mine, active[1]) if side == 0 else (active[0], mine)
    pairs.sort()
    return pairs


def span_counts(gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, dict[str, Counts]]:
    """scheme -> label -> Counts for one document; spans are sorted (start, end, label) tuples."""
    n_gold = Counter(label for _, _, label in gold)
    n_pred = Counter(label for _, _, label in pred)
    out: dict[str, dict[str, Counts]] = {}

    # strict: equality is an equivalence, so the multiset intersection is a maximum matching.
    hit = Counter()
    for (_, _, label), k in (Counter(gold) & Counter(pred)).items():
        hit[label] += k
    out["strict"] = _same_label_counts(hit, n_gold, n_pred)

    out["exact"] = _blind_counts(_exact_pairs(gold, pred), gold, pred)

    pairs = overlapping_pairs(gold, pred)
    partial_edges = [
        (i, j, 1.0 if gold[i][:2] == pred[j][:2] else PARTIAL_CREDIT) for i, j in pairs
    ]
    out["partial"] = _blind_counts(max_weight_matching(partial_edges, len(gold)), gold, pred)

    type_edges = [(i, j, 1.0) for i, j in pairs if gold[i][2] == pred[j][2]]
    hit = Counter()
    for i, _, _ in max_weight_matching(type_edges, len(gold)):
        hit[gold[i][2]] += 1
    out["type"] = _same_label_counts(hit, n_gold, n_pred)
    return out


def _exact_pairs(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int, float]]:
    by_bounds: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (s, e, _) in enumerate(gold):
        by_bounds[(s, e)].append(i)
    matched = []
    taken: Counter = Counter()
    for j, (s, e, _) in enumerate(pred):
        cands = by_bounds.get((s, e))
        if cands and taken[(s, e)] < len(cands):
            matched.append((cands[taken[(s, e)]], j, 1.0))
            taken[(s, e)] += 1
    return matched


def _same_label_counts(hit: Counter, n_gold: Counter, n_pred: Counter) -> dict[str, Counts]:
    return {
        label: Counts(hit[label], n_pred[label] - hit[label], n_gold[label] - hit[label])
        for label in sorted(set(n_gold) | set(n_pred))
    }


def _blind_counts(matched, gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, Counts]:
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    gold_hit, pred_hit = set(), set()
    for i, j, w in matched:
        row = acc[gold[i][2]]
        row[0] += w
        row[1] += 1 - w
        row[2] += 1 - w
        gold_hit.add(i)
        pred_hit.add(j)
    for i, (_, _, label) in enumerate(gold):
        if i not in gold_hit:
            acc[label][2] += 1
    for j, (_, _, label) in enumerate(pred):
        if j not in pred_hit:
            acc[label][1] += 1
    return {label: Counts(*acc[label]) for label in sorted(acc)}
