"""The corpus-level numpy path gives exactly the counts of the per-document reference path."""

import pytest

from econfacts.eval.counts import Counts
from econfacts.eval.documents import prepare
from econfacts.eval.fastspans import corpus_span_counts
from econfacts.eval.spans import SCHEMES, span_counts
from econfacts.eval.synthetic import corpus


def _same(fast: dict, ref: dict):
    for scheme in SCHEMES:
        for label in set(fast[scheme]) | set(ref[scheme]):
            assert fast[scheme].get(label, Counts()) == ref[scheme].get(label, Counts()), (scheme, label)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("noise", [0.2, 0.8])
def test_same_counts_as_reference(seed, noise):
    gold, pred = corpus(25, 30, seed=seed, noise=noise)
    g = [prepare(d).spans for d in gold]
    p = [prepare(d).spans for d in pred]
    for fast, a, b in zip(corpus_span_counts(g, p), g, p, strict=True):
        _same(fast, span_counts(a, b))


def test_hand_computed_cases_including_overlapping_predictions():
    from importlib import util
    from pathlib import Path

    spec = util.spec_from_file_location("cases", Path(__file__).with_name("test_spans.py"))
    cases = util.module_from_spec(spec)
    spec.loader.exec_module(cases)
    gold = [sorted(g) for g, _, _ in cases.CASES.values()]
    pred = [sorted(p) for _, p, _ in cases.CASES.values()]
    for fast, a, b in zip(corpus_span_counts(gold, pred), gold, pred, strict=True):
        _same(fast, span_counts(a, b))


def test_empty_corpus_and_empty_documents():
    assert corpus_span_counts([], []) == []
    assert corpus_span_counts([[]], [[]]) == [{s: {} for s in SCHEMES}]
