"""The exact matching against brute force: tree components (the flat case) and cyclic ones (Hungarian)."""

import itertools
import random

import pytest

from econfacts.eval.matching import hungarian, max_weight_matching


def brute_force(edges, n_gold):
    best = 0.0
    for k in range(len(edges) + 1):
        for subset in itertools.combinations(edges, k):
            gs = [g for g, _, _ in subset]
            ps = [p for _, p, _ in subset]
            if len(set(gs)) == len(gs) and len(set(ps)) == len(ps):
                best = max(best, sum(w for _, _, w in subset))
    return best


def check(edges, n_gold):
    got = max_weight_matching(sorted(edges), n_gold)
    assert len({g for g, _, _ in got}) == len(got) and len({p for _, p, _ in got}) == len(got)
    assert set(got) <= set(edges)
    assert sum(w for *_, w in got) == pytest.approx(brute_force(edges, n_gold))


@pytest.mark.parametrize("seed", range(60))
def test_random_graphs(seed):
    rng = random.Random(seed)
    n_gold, n_pred = rng.randint(1, 5), rng.randint(1, 5)
    pairs = [(g, p) for g in range(n_gold) for p in range(n_pred) if rng.random() < 0.45]
    check([(g, p, rng.choice((0.5, 1.0))) for g, p in pairs], n_gold)


@pytest.mark.parametrize("seed", range(30))
def test_random_interval_forests(seed):
    """Flat gold and flat predictions on a line: every component is a tree."""
    from econfacts.eval.spans import overlapping_pairs

    rng = random.Random(seed)

    def flat(n):
        cuts = sorted(rng.sample(range(40), 2 * n))
        return [(cuts[2 * i], cuts[2 * i + 1], "X") for i in range(n)]

    gold, pred = flat(rng.randint(1, 6)), flat(rng.randint(1, 6))
    pairs = overlapping_pairs(gold, pred)
    for g, p in pairs:
        assert gold[g][0] < pred[p][1] and pred[p][0] < gold[g][1]
    assert len(pairs) == sum(1 for g in gold for p in pred if g[0] < p[1] and p[0] < g[1])
    check([(g, p, 1.0 if gold[g][:2] == pred[p][:2] else 0.5) for g, p in pairs], len(gold))


@pytest.mark.parametrize("seed", range(20))
def test_hungarian_is_optimal(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 6)
    cost = [[rng.randint(-5, 5) for _ in range(n)] for _ in range(n)]
    got = hungarian(cost)
    assert sorted(got) == list(range(n))
    best = min(sum(cost[i][p[i]] for i in range(n)) for p in itertools.permutations(range(n)))
    assert sum(cost[i][got[i]] for i in range(n)) == best


def test_star_component_is_linear():
    """One prediction over 5,000 gold spans: solved by the tree DP, not a cubic algorithm."""
    edges = [(g, 0, 0.5) for g in range(5000)]
    got = max_weight_matching(edges, 5000)
    assert len(got) == 1 and got[0][1:] == (0, 0.5)
    assert max_weight_matching(list(reversed(edges)), 5000) == got
