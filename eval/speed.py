"""Speed benchmark of the scorer (prints figures; nothing here is asserted by the tests).

    python -m econfacts.eval.speed [--spans 200000] [--large 2000000] [--spans-per-doc 100]

1. Synthetic gold documents with N gold spans and noisy predictions (generation is not timed).
2. The full scoring without bootstrap (four span schemes, relations, attributes, facts) against
   nervaluate 1.2.1 (its four schemes, overall and per label) on the same spans, side by side.
3. The same scoring on the large corpus, to show that the time grows linearly.
4. The bootstrap (1000 resamples over the cached per-document counts), timed on its own.
"""

from __future__ import annotations

import argparse
import gc
import time

from econfacts.eval.bootstrap import f1_intervals
from econfacts.eval.docscore import corpus as sum_scores
from econfacts.eval.docscore import document_scores
from econfacts.eval.scorer import _without_gc, score, stats_matrix
from econfacts.eval.synthetic import corpus
from econfacts.schema.inventory import load_inventory


def _timed(fn):
    """CPU seconds of this process: on a shared machine, wall time mostly measures the neighbours."""
    gc.collect()
    t0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    _timed.wall = time.perf_counter() - w0
    return out, time.process_time() - t0


def _nervaluate(gold: list[dict], pred: list[dict], tags: list[str]) -> dict:
    from nervaluate import Evaluator

    by_id = {p["id"]: p for p in pred}

    def ents(doc):  # nervaluate's spans have inclusive ends
        return [{"label": s["label"], "start": s["start"], "end": s["end"] - 1} for s in doc["spans"]]

    true = [ents(g) for g in gold]
    predicted = [ents(by_id[g["id"]]) for g in gold]
    return Evaluator(true, predicted, tags=tags, loader="dict").evaluate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m econfacts.eval.speed", description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=int, default=200_000, help="gold spans of the side-by-side run")
    parser.add_argument("--large", type=int, default=2_000_000, help="gold spans of the scaling run (0: skip)")
    parser.add_argument("--spans-per-doc", type=int, default=100)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-nervaluate", action="store_true")
    args = parser.parse_args(argv)
    inv = load_inventory()
    from importlib.metadata import version

    import nervaluate  # noqa: F401  (fail early when the test extra is missing)

    print(f"nervaluate {version('nervaluate')}; {args.spans_per_doc} gold spans per document; times are CPU seconds")
    rates = {}
    for n_spans in [args.spans] + ([args.large] if args.large else []):
        n_docs = max(1, n_spans // args.spans_per_doc)
        (gold, pred), t_gen = _timed(lambda n_docs=n_docs: corpus(n_docs, args.spans_per_doc, seed=args.seed))
        n_gold = sum(len(d["spans"]) for d in gold)
        n_pred = sum(len(d["spans"]) for d in pred)
        n_rel = sum(len(d["relations"]) for d in gold)
        print(f"\n{n_docs} documents, {n_gold} gold spans, {n_pred} predicted spans, {n_rel} gold relations "
              f"(generated in {t_gen:.1f} s)")
        report, t_ours = _timed(lambda gold=gold, pred=pred: score(gold, pred, bootstrap=0))
        rates[n_spans] = n_gold / t_ours
        strict_f1, fact_f1 = report["spans"]["strict"]["micro"]["f1"], report["facts"]["f1"]
        print(f"  econfacts, full scoring, no bootstrap: {t_ours:8.2f} s  {n_gold / t_ours:12,.0f} gold spans/s"
              f"   (wall {_timed.wall:.2f} s; strict span F1 {strict_f1:.4f}, fact F1 {fact_f1:.4f})")
        per_doc, t_docs = _timed(lambda gold=gold, pred=pred: _without_gc(document_scores, gold, pred, inv))
        _, t_sum = _timed(lambda per_doc=per_doc: sum_scores(per_doc))
        stats = stats_matrix(per_doc)
        _, t_bs = _timed(
            lambda stats=stats: f1_intervals(stats, resamples=args.resamples, seed=12345, zero_division=0.0)
        )
        print(f"  (of which per-document counting {t_docs:.2f} s, summing {t_sum:.2f} s)")
        print(f"  bootstrap alone, {args.resamples} resamples over {len(per_doc)} documents: {t_bs:8.2f} s")
        if n_spans == args.spans and not args.skip_nervaluate:
            results, t_ner = _timed(lambda gold=gold, pred=pred: _nervaluate(gold, pred, list(inv.label_names)))
            strict = results["overall"]["strict"]
            print(f"  nervaluate 1.2.1 (4 schemes, per label):  {t_ner:8.2f} s  {n_gold / t_ner:12,.0f} gold spans/s"
                  f"   (wall {_timed.wall:.2f} s; strict F1 {strict.f1:.4f})")
            print(f"  speed-up: econfacts is {t_ner / t_ours:.1f}x faster than nervaluate on the same spans")
        del gold, pred, report, per_doc
    if args.large:
        small, large = rates[args.spans], rates[args.large]
        print(f"\nscaling: {args.large / args.spans:.0f}x the spans at {large / small:.2f}x the rate "
              f"(1.00 = linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
