"""One-to-one maximum-weight matching between gold and predicted spans.

The graph links a gold and a predicted span when they overlap. It is solved one connected component at a
time, so the cost follows the size of the components, not of the document.

Why a tree DP is exact here: spans are flat on each side (validation rejects overlaps), and two disjoint
predictions cannot both overlap two disjoint gold spans (both gold spans would have to cover the gap between
the predictions, and so overlap each other). The overlap graph therefore has no cycle: every component is
a tree, where the textbook two-state DP finds a maximum-weight matching in linear time. Components with a
cycle (only possible for overlapping spans passed through the Python API) go to the Hungarian algorithm.

Ties are broken by the order of the node indices, and callers sort spans canonically first, so the
matching (and the per-label attribution that follows it) never depends on the order of the input.
"""

from __future__ import annotations

from collections.abc import Sequence

Edge = tuple[int, int, float]  # (gold index, predicted index, weight > 0)


def max_weight_matching(edges: Sequence[Edge], n_gold: int) -> list[Edge]:
    """Matched (gold, pred, weight) pairs of a maximum-weight one-to-one matching."""
    if not edges:
        return []
    adj: dict[int, list[tuple[int, float]]] = {}
    for g, p, w in sorted(edges):
        gn, pn = g, n_gold + p
        adj.setdefault(gn, []).append((pn, w))
        adj.setdefault(pn, []).append((gn, w))
    seen: set[int] = set()
    out: list[Edge] = []
    for root in sorted(adj):
        if root in seen:
            continue
        nodes, n_edges = _component(root, adj, seen)
        if len(nodes) == 2:
            (other, w), = adj[root]
            pair = (root, other) if root < n_gold else (other, root)
            out.append((pair[0], pair[1] - n_gold, w))
            continue
        is_tree = n_edges == len(nodes) - 1
        pairs = _tree_matching(root, adj) if is_tree else _hungarian_matching(nodes, adj, n_gold)
        for a, b, w in pairs:
            g, p = (a, b) if a < n_gold else (b, a)
            out.append((g, p - n_gold, w))
    out.sort()
    return out


def _component(root: int, adj: dict, seen: set[int]) -> tuple[list[int], int]:
    nodes, stack, degree = [], [root], 0
    seen.add(root)
    while stack:
        v = stack.pop()
        nodes.append(v)
        degree += len(adj[v])
        for u, _ in adj[v]:
            if u not in seen:
                seen.add(u)
                stack.append(u)
    return sorted(nodes), degree // 2


def _tree_matching(root: int, adj: dict) -> list[Edge]:
    order, parent = [root], {root: None}
    for v in order:  # breadth-first; `order` grows while it is read
        for u, _ in adj[v]:
            if u not in parent:
                parent[u] = v
                order.append(u)
    children: dict[int, list[tuple[int, float]]] = {v: [] for v in order}
    for v in order[1:]:
        w = next(w for u, w in adj[v] if u == parent[v])
        children[parent[v]].append((v, w))
    free: dict[int, float] = {}  # best weight in the subtree with v left for its parent
    best: dict[int, float] = {}  # best weight in the subtree
    choice: dict[int, tuple[int, float] | None] = {}
    for v in reversed(order):
        f = sum(best[c] for c, _ in children[v])
        b, pick = f, None
        for c, w in children[v]:
            cand = f - best[c] + free[c] + w
            if cand > b + 1e-12:
                b, pick = cand, (c, w)
        free[v], best[v], choice[v] = f, b, pick
    pairs: list[Edge] = []
    stack = [(root, True)]
    while stack:
        v, may_match = stack.pop()
        pick = choice[v] if may_match else None
        if pick:
            pairs.append((v, pick[0], pick[1]))
        for c, _ in children[v]:
            stack.append((c, not (pick and pick[0] == c)))
    return pairs


def _hungarian_matching(nodes: list[int], adj: dict, n_gold: int) -> list[Edge]:
    golds = [v for v in nodes if v < n_gold]
    preds = [v for v in nodes if v >= n_gold]
    n = max(len(golds), len(preds))
    col = {p: j for j, p in enumerate(preds)}
    weight = [[0.0] * n for _ in range(n)]
    for i, g in enumerate(golds):
        for p, w in adj[g]:
            weight[i][col[p]] = w
    assignment = hungarian([[-w for w in row] for row in weight])
    return [
        (golds[i], preds[j], weight[i][j])
        for i, j in enumerate(assignment)
        if i < len(golds) and j < len(preds) and weight[i][j] > 0
    ]


def hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of a square matrix (row i -> column result[i]), O(n^3) Kuhn-Munkres."""
    n = len(cost)
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    p, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    result = [0] * n
    for j in range(1, n + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result
