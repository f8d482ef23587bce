"""`econfacts baseline` and `econfacts benchmark`. Heavy imports happen inside the handlers."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "baseline",
        help="train one baseline on a split and write its predictions for another split as a submission",
        description="Train baseline NAME on the gold documents of --train and write a validated submission "
        "for the documents of --predict.",
    )
    p.add_argument("name", metavar="NAME", help="rules+heuristic, rules+learned, crf+heuristic, crf+learned, "
                   "transformer+learned")  # fmt: skip
    p.add_argument("--train", default="train", help="split to train on (train, validation, fold0/train, ...; "
                   "several joined with +, e.g. train+validation)")  # fmt: skip
    p.add_argument("--predict", default="test", help="split to predict")
    p.add_argument("--out", required=True, help="submission file to write (JSON Lines)")
    p.add_argument("--gold", help="documents file to read splits from (default: the released gold)")
    p.add_argument("--seed", type=int, default=0, help="random_state of the learned components")
    p.add_argument("--model", help="transformer checkpoint: a local folder or hub id (default: bundled MiniLM)")
    p.add_argument("--epochs", type=int, help="transformer training epochs")
    p.set_defaults(func=_baseline)

    b = sub.add_parser(
        "benchmark",
        help="train and score every baseline on the official split and in cross-validation; write the leaderboard",
    )
    b.add_argument("--quick", action="store_true", help="one seed, one transformer epoch, no cross-validation "
                   "of the transformer: a smoke run, not leaderboard numbers")  # fmt: skip
    b.add_argument("--out", default="baselines/results", help="folder for results.json, error_analysis.md and "
                   "the submissions (default: baselines/results)")  # fmt: skip
    b.add_argument("--leaderboard", default="eval", help="folder of leaderboard.json/.md/.png (default: eval)")
    b.add_argument("--gold", help="documents file (default: the released gold)")
    b.add_argument("--seeds", type=int, default=3, help="seeds for seeded baselines (default 3)")
    b.add_argument("--only", action="append", help="run only this baseline (repeatable)")
    b.add_argument("--model", help="transformer checkpoint (default: bundled MiniLM)")
    b.set_defaults(func=_benchmark)


def load_docs(spec: str, gold: str | None) -> list[dict]:
    """Documents of one split, or of several joined with '+'."""
    from econfacts.dataset.splits import load_split

    docs: list[dict] = []
    for name in spec.split("+"):
        docs += [d for d in load_split(name, gold) if d["id"] not in {x["id"] for x in docs}]
    return docs


def blind(docs: list[dict]) -> list[dict]:
    """The documents without their annotations, so that prediction cannot read gold."""
    return [{k: d[k] for k in ("id", "text", "metadata") if k in d} for d in docs]


def _baseline(args) -> int:
    from econfacts.baselines.base import submission_problems
    from econfacts.baselines.registry import build
    from econfacts.jsonl import write_jsonl

    model = build(args.name, random_state=args.seed, model=args.model, epochs=args.epochs)
    train, test = load_docs(args.train, args.gold), load_docs(args.predict, args.gold)
    print(f"training {args.name} on {args.train} ({len(train)} documents)", file=sys.stderr)
    model.fit(train)
    records = model.predict(blind(test))
    problems = submission_problems(records, test)
    if problems:
        raise RuntimeError(f"baseline {args.name} produced an invalid submission: {problems[0]}")
    write_jsonl(args.out, records)
    n_spans = sum(len(r["spans"]) for r in records)
    n_rel = sum(len(r["relations"]) for r in records)
    print(f"wrote {Path(args.out)}: {len(records)} documents, {n_spans} spans, {n_rel} relations", file=sys.stderr)
    return 0


def _benchmark(args) -> int:
    from econfacts.baselines.benchmark import run_benchmark

    return run_benchmark(
        quick=args.quick,
        out_dir=Path(args.out),
        leaderboard_dir=Path(args.leaderboard),
        gold=args.gold,
        seeds=args.seeds,
        only=args.only,
        model=args.model,
    )
