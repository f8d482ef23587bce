"""On token-aligned spans, strict span micro-F1 equals seqeval's strict IOB2 F1 (mode AND scheme given)."""

import pytest
from seqeval.metrics import f1_score
from seqeval.scheme import IOB2

from econfacts.eval import score
from econfacts.eval.synthetic import corpus, token_spans


def iob2(doc: dict) -> list[str]:
    tokens, spans = token_spans(doc)
    tags = ["O"] * len(tokens)
    for a, b, label in spans:
        tags[a] = f"B-{label}"
        tags[a + 1 : b] = [f"I-{label}"] * (b - a - 1)
    return tags


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("noise", [0.1, 0.5])
def test_strict_micro_f1_equals_seqeval(seed, noise):
    gold, pred = corpus(n_docs=6, spans_per_doc=25, seed=seed, noise=noise)
    ours = score(gold, pred, bootstrap=0)["spans"]["strict"]["micro"]["f1"]
    by_id = {d["id"]: d for d in pred}
    theirs = f1_score([iob2(g) for g in gold], [iob2(by_id[g["id"]]) for g in gold], mode="strict", scheme=IOB2)
    assert ours == pytest.approx(theirs, abs=1e-12)
    assert ours < 1.0  # the noise did change something, so the comparison is not trivial
