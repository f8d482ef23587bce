"""The public scoring entry points: documents in, a JSON-able report (with its signature) out.

Headline keys, stable across versions of the scorer:
    report["spans"]["strict"]["micro"]["f1"]       report["spans"][scheme]["micro"]["ci95"] = [low, high]
    report["relations"]["strict"]["micro"]["f1"]   (and "boundaries")
    report["facts"]["f1"], report["facts"]["ci95"]
    report["signature"]
"""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np

from econfacts.eval.bootstrap import f1_intervals
from econfacts.eval.docscore import HEADLINE, DocScore, corpus, pair_documents, score_document
from econfacts.eval.fastscore import corpus_counts
from econfacts.eval.report import build_report
from econfacts.eval.signature import gold_fingerprint, signature
from econfacts.schema.inventory import Inventory, load_inventory

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 12345


def _without_gc(fn, *args):
    """Counting allocates millions of short-lived acyclic tuples; the cyclic collector would re-scan the
    (large) live documents again and again for nothing, a third of the time on big corpora (measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return fn(*args)
    finally:
        if enabled:
            gc.enable()


def stats_matrix(doc_scores: list[DocScore]) -> np.ndarray:
    """(documents, headline metrics, 3): the cached statistics that bootstrap and significance resample."""
    if not doc_scores:
        return np.zeros((0, len(HEADLINE), 3))
    return np.stack([d.headline_stats() for d in doc_scores])


def score(
    gold_docs: list[dict],
    pred_docs: list[dict],
    *,
    split: str = "custom",
    bootstrap: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    zero_division: float = 0.0,
    inv: Inventory | None = None,
) -> dict:
    """Score predictions against gold documents; `bootstrap=0` skips the confidence intervals."""
    inv = inv or load_inventory()
    counts = _without_gc(corpus_counts, gold_docs, pred_docs, inv)
    return _report(counts.total(), counts.stats(), counts.gold_fingerprint, len(gold_docs), inv, split=split,
                   bootstrap=bootstrap, seed=seed, zero_division=zero_division)


def reference_score(
    gold_docs: list[dict],
    pred_docs: list[dict],
    *,
    split: str = "custom",
    bootstrap: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    zero_division: float = 0.0,
    inv: Inventory | None = None,
) -> dict:
    """`score` by the per-document path (spans, relations, attributes and facts counted document by
    document, then summed): slower, kept as the reference that tests hold the columnar path to."""
    inv = inv or load_inventory()
    per_doc = [score_document(g, p, inv) for g, p in pair_documents(gold_docs, pred_docs)]
    return _report(corpus(per_doc), stats_matrix(per_doc), gold_fingerprint(gold_docs, inv), len(gold_docs), inv,
                   split=split, bootstrap=bootstrap, seed=seed, zero_division=zero_division)


def _report(total: DocScore, stats: np.ndarray, fingerprint: str, n_docs: int, inv: Inventory, *, split: str,
            bootstrap: int, seed: int, zero_division: float) -> dict:
    """The report of summed counts, with bootstrap intervals over the per-document `stats` and the signature."""
    intervals = None
    if bootstrap:
        ci = f1_intervals(stats, resamples=bootstrap, seed=seed, zero_division=zero_division)
        intervals = dict(zip(HEADLINE, ci, strict=True))
    sig = signature(schema_version=inv.version, split=split, n_docs=n_docs, gold=fingerprint,
                    zero_division=zero_division, resamples=bootstrap, seed=seed)
    return build_report(total, inv, intervals=intervals, zero_division=zero_division, signature=sig)


def load_gold_for(*, gold_path: str | Path | None, split: str | None) -> tuple[list[dict], str]:
    """Gold documents and the split name for the signature: a split of the bundled gold, a whole
    documents file (`gold_path`), or a split of that file (both given)."""
    from econfacts.dataset.splits import load_gold, load_split

    if gold_path is not None and split is None:
        return load_gold(gold_path), f"file={Path(gold_path).name}"
    split = split or "test"
    return load_split(split, gold_path), split


def load_submission(submission_path: str | Path, gold_docs: list[dict]) -> list[dict]:
    """Validated submission records; every problem is collected and summarised in one InputError."""
    from econfacts.eval.submission import validate_submission

    return validate_submission(submission_path, gold_docs)


def score_file(
    submission_path: str | Path,
    *,
    gold_path: str | Path | None = None,
    split: str | None = "test",
    bootstrap: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> dict:
    """Validate a submission file, then score it. `split=None` with `gold_path` scores every gold document."""
    gold_docs, split_name = load_gold_for(gold_path=gold_path, split=split)
    preds = load_submission(submission_path, gold_docs)
    return score(gold_docs, preds, split=split_name, bootstrap=bootstrap, seed=seed)
