"""Speed benchmark of the scorer (prints figures; nothing here is asserted by the tests).

    python -m econfacts.eval.speed [--spans 200000] [--large 2000000] [--spans-per-doc N] [--relations-per-doc N]

1. Synthetic gold documents with N gold spans and noisy predictions, each document passed through JSON text
   as a JSON Lines file would give it (generation is not timed). By default
   the documents have the mean size of the EconFacts gold (spans and relations per document of
   dataset/passes/pass_a.jsonl); the same figures at 100 spans per document follow, for comparison.
2. The full scoring without bootstrap (four span schemes, relations, attributes, facts, gold fingerprint)
   against nervaluate 1.2.1 (its four schemes, overall and per label) on the same spans, side by side.
3. The same scoring on the large corpus, to show that the time grows linearly, beside a bare pass that only
   reads each span's and relation's fields and every attribute value: its rate ratio between the sizes is
   what the machine's memory allows.
4. The bootstrap (1000 resamples over the cached per-document counts), timed on its own.

Each corpus size runs in a fresh Python process, so that one run's memory (heap growth, allocator state)
does not slow the next. Times are CPU seconds of that process (on a shared machine wall time mostly
measures the neighbours); wall seconds are printed beside them, and each process's peak resident memory.
The two scorers run in turn, --repeat rounds (3 by default), so that both meet the same spells of the
machine's other work; the speed-up compares the best runs, as timeit advises (the slower runs measure the
neighbours), and each round's ratio is printed beside it.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from itertools import chain
from operator import itemgetter
from pathlib import Path

from econfacts.eval.bootstrap import f1_intervals
from econfacts.eval.fastscore import corpus_counts
from econfacts.eval.scorer import _without_gc, score
from econfacts.eval.synthetic import corpus
from econfacts.schema.inventory import load_inventory

GOLD_PASS = Path(__file__).resolve().parents[1] / "dataset" / "passes" / "pass_a.jsonl"


def _timed(fn):
    """(result, CPU seconds); the wall seconds are left in _timed.wall."""
    gc.collect()
    t0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    _timed.wall = time.perf_counter() - w0
    return out, time.process_time() - t0


def _as_parsed(gold: list[dict], pred: list[dict]) -> tuple[list[dict], list[dict]]:
    """The documents as JSON Lines files give them: every object its own (the generator shares attribute
    dicts, relation dicts and strings between gold and predictions, which would flatter the scorer's cache
    use and its dict lookups), one `json.loads` per document."""
    return [[json.loads(json.dumps(d)) for d in docs] for docs in (gold, pred)]


def _touch(docs: list[dict]) -> int:
    """Read each span's and relation's fields and every attribute value once, and do nothing with them: how
    fast this machine walks these objects."""
    span = itemgetter("start", "end", "label", "id", "attributes")
    relation = itemgetter("head", "tail", "label")
    attributes = itemgetter("attributes")
    n = 0
    for doc in docs:
        spans = doc["spans"]
        n += len(list(map(span, spans))) + len(list(map(relation, doc["relations"])))
        n += len(list(chain.from_iterable(map(dict.values, filter(None, map(attributes, spans))))))
    return n


def _interleaved(jobs: dict, rounds: int) -> tuple[dict, dict[str, list[float]], dict[str, list[float]]]:
    """Each job once per round, in turn, so that every job meets the same spells of the machine's other
    work: (each job's first result, its CPU seconds per round, its wall seconds per round)."""
    results: dict = {}
    cpu: dict[str, list[float]] = {name: [] for name in jobs}
    wall: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, fn in jobs.items():
            out, t = _timed(fn)
            results.setdefault(name, out)
            cpu[name].append(t)
            wall[name].append(_timed.wall)
    return results, cpu, wall


def _runs(times: list[float]) -> str:
    """Best, then every run in order: `0.62 s (0.70 0.63 0.62)`."""
    each = " ".join(f"{t:.2f}" for t in times)
    return f"{min(times):7.2f} s" + (f" ({each})" if len(times) > 1 else "")


def _nervaluate(gold: list[dict], pred: list[dict], tags: list[str]) -> dict:
    from nervaluate import Evaluator

    by_id = {p["id"]: p for p in pred}

    def ents(doc):  # nervaluate's spans have inclusive ends
        return [{"label": s["label"], "start": s["start"], "end": s["end"] - 1} for s in doc["spans"]]

    true = [ents(g) for g in gold]
    predicted = [ents(by_id[g["id"]]) for g in gold]
    return Evaluator(true, predicted, tags=tags, loader="dict").evaluate()


def gold_size(path: Path = GOLD_PASS) -> tuple[float, float] | None:
    """Mean spans and relations per document of an annotated documents file, or None without the file."""
    if not path.exists():
        return None
    from econfacts.jsonl import read_jsonl

    docs = [d for _, d in read_jsonl(path)]
    if not docs:
        return None
    return sum(len(d["spans"]) for d in docs) / len(docs), sum(len(d["relations"]) for d in docs) / len(docs)


def relation_rate(spans_per_doc: int, relations_per_doc: float, seed: int) -> float:
    """Relation attempts per span that give about `relations_per_doc` gold relations (from a small pilot)."""
    rate = 0.8
    for _ in range(3):
        gold, _ = corpus(20, spans_per_doc, seed=seed + 1, relations_per_span=rate)
        got = sum(len(d["relations"]) for d in gold) / len(gold)
        rate *= relations_per_doc / max(got, 1e-9)
    return rate


def _run(n_spans: int, spans_per_doc: int, rate: float, args, inv, with_nervaluate: bool) -> float:
    n_docs = max(1, round(n_spans / spans_per_doc))
    (gold, pred), t_gen = _timed(
        lambda: _as_parsed(*corpus(n_docs, spans_per_doc, seed=args.seed, relations_per_span=rate))
    )
    n_gold = sum(len(d["spans"]) for d in gold)
    n_pred = sum(len(d["spans"]) for d in pred)
    n_rel = sum(len(d["relations"]) for d in gold)
    n_rel_pred = sum(len(d["relations"]) for d in pred)
    print(f"\n{n_docs} documents, {n_gold} gold spans, {n_pred} predicted spans, {n_rel} gold relations, "
          f"{n_rel_pred} predicted relations ({n_gold / n_docs:.1f} spans, {n_rel / n_docs:.1f} relations per "
          f"gold document; generated in {t_gen:.1f} s)")
    jobs = {"econfacts": lambda: score(gold, pred, bootstrap=0), "touch": lambda: _touch(gold) + _touch(pred)}
    if with_nervaluate:
        jobs["nervaluate"] = lambda: _nervaluate(gold, pred, list(inv.label_names))
    results, cpu, wall = _interleaved(jobs, args.repeat)
    report, ours = results["econfacts"], cpu["econfacts"]
    strict_f1, fact_f1 = report["spans"]["strict"]["micro"]["f1"], report["facts"]["f1"]
    print(f"  econfacts, full scoring, no bootstrap:   {_runs(ours)} {n_gold / min(ours):12,.0f} gold spans/s"
          f"   (wall {_runs(wall['econfacts'])}; strict span F1 {strict_f1:.4f}, fact F1 {fact_f1:.4f})")
    print(f"  bare pass over the same dicts (each span's and relation's fields, every attribute value, once):"
          f" {_runs(cpu['touch'])} {n_gold / min(cpu['touch']):12,.0f} gold spans/s")
    if with_nervaluate:
        ner = cpu["nervaluate"]
        strict = results["nervaluate"]["overall"]["strict"]
        print(f"  nervaluate 1.2.1 (4 schemes, per label): {_runs(ner)} {n_gold / min(ner):12,.0f} gold spans/s"
              f"   (wall {_runs(wall['nervaluate'])}; strict F1 {strict.f1:.4f})")
        rounds = [n / o for n, o in zip(ner, ours, strict=True)]
        print(f"  speed-up on the same spans, CPU time: {min(ner) / min(ours):.1f}x best against best; "
              f"each round {' '.join(f'{r:.1f}x' for r in rounds)} (median {statistics.median(rounds):.1f}x); "
              f"wall time, best against best: {min(wall['nervaluate']) / min(wall['econfacts']):.1f}x")
    counts = _without_gc(corpus_counts, gold, pred, inv)
    stats = counts.stats()
    _, t_bs = _timed(lambda: f1_intervals(stats, resamples=args.resamples, seed=12345, zero_division=0.0))
    print(f"  bootstrap alone, {args.resamples} resamples over {n_docs} documents: {t_bs:7.2f} s CPU"
          f"   (wall {_timed.wall:.2f} s)")
    return {"rate": n_gold / min(ours), "touch": n_gold / min(cpu["touch"])}


def _in_fresh_process(n_spans: int, spans_per_doc: int, rate: float, args, with_nervaluate: bool) -> dict:
    """`_run` in a child process; its report is echoed, its spans/s rates (scorer, bare pass) returned."""
    cmd = [sys.executable, "-m", "econfacts.eval.speed", "--single", str(n_spans), "--spans-per-doc",
           str(spans_per_doc), "--rate", repr(rate), "--resamples", str(args.resamples), "--seed", str(args.seed),
           "--repeat", str(args.repeat)]
    if not with_nervaluate:
        cmd.append("--skip-nervaluate")
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"speed run for {n_spans} spans failed:\n{done.stderr}")
    lines = done.stdout.splitlines()
    print("\n".join(lines[:-1]), flush=True)
    return json.loads(lines[-1])


def _single(args, inv) -> int:
    rate = _run(args.single, args.spans_per_doc, args.rate, args, inv, not args.skip_nervaluate)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"  peak resident memory of this process: {peak:,.0f} MiB")
    print(json.dumps(rate))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m econfacts.eval.speed", description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=int, default=200_000, help="gold spans of the side-by-side run")
    parser.add_argument("--large", type=int, default=2_000_000, help="gold spans of the scaling run (0: skip)")
    parser.add_argument("--spans-per-doc", type=int, help="default: the mean of the EconFacts gold")
    parser.add_argument("--relations-per-doc", type=float, help="default: the mean of the EconFacts gold")
    parser.add_argument("--also-spans-per-doc", type=int, default=100, help="second side-by-side run (0: skip)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each scorer; the best is compared")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-nervaluate", action="store_true")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)  # one size, in this process
    parser.add_argument("--rate", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    inv = load_inventory()
    if args.single:
        return _single(args, inv)
    from importlib.metadata import version

    import nervaluate  # noqa: F401  (fail early when the test extra is missing)

    real = gold_size()
    spans_per_doc = args.spans_per_doc or (round(real[0]) if real else 145)
    relations_per_doc = args.relations_per_doc or (real[1] if real else 100.0)
    source = f"mean of {GOLD_PASS.parent.name}/{GOLD_PASS.name}" if real else "built-in default"
    print(f"nervaluate {version('nervaluate')}; times are CPU seconds of this process, wall seconds beside them")
    if real:
        print(f"EconFacts gold ({source}): {real[0]:.1f} spans and {real[1]:.1f} relations per document")
    density = relations_per_doc / spans_per_doc
    print(f"synthetic documents: {spans_per_doc} gold spans and about {relations_per_doc:.0f} gold relations "
          f"per document ({density:.2f} relations per span)")
    rates = {}
    rate = relation_rate(spans_per_doc, relations_per_doc, args.seed)
    rates["small"] = _in_fresh_process(args.spans, spans_per_doc, rate, args, not args.skip_nervaluate)
    if args.large:
        rates["large"] = _in_fresh_process(args.large, spans_per_doc, rate, args, False)
        small, large = rates["small"], rates["large"]
        print(f"\nscaling: {args.spans:,} gold spans at {small['rate']:,.0f} spans/s, {args.large:,} at "
              f"{large['rate']:,.0f} spans/s: {args.large / args.spans:.0f}x the spans at "
              f"{large['rate'] / small['rate']:.2f}x the spans/s rate (1.00 = linear); the bare pass over the "
              f"same dicts: {large['touch'] / small['touch']:.2f}x (what this machine's memory allows)")
    if args.also_spans_per_doc:
        other = args.also_spans_per_doc
        print(f"\nfor comparison, {other} gold spans per document (same {density:.2f} relations per span):")
        _in_fresh_process(args.spans, other, relation_rate(other, density * other, args.seed), args,
                          not args.skip_nervaluate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
