"""`econfacts eval`, `compare`, `leaderboard` and `agree`: thin wrappers over econfacts.eval functions."""

from __future__ import annotations

import sys
from pathlib import Path

DEFAULT_LEADERBOARD = Path(__file__).parent / "leaderboard.json"


def _gold_args(p) -> None:
    p.add_argument("--gold", type=Path, default=None, metavar="DOCS.jsonl",
                   help="score against this documents file (all of it, or the --split of it)")
    p.add_argument("--split", default=None, metavar="NAME",
                   help="split of the gold: train, validation, test (default), foldK/train, foldK/test")


def _bootstrap_args(p) -> None:
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (0: no intervals)")
    p.add_argument("--seed", type=int, default=12345, help="seed of the resampling")


def register(sub) -> None:
    p = sub.add_parser("eval", help="validate a submission and score it (spans, relations, attributes, facts)")
    p.add_argument("submission", type=Path, metavar="SUBMISSION")
    _gold_args(p)
    _bootstrap_args(p)
    p.add_argument("--json", type=Path, default=None, metavar="OUT", help="also write the scores as JSON")
    p.set_defaults(func=run_eval)

    p = sub.add_parser("compare", help="paired bootstrap and approximate randomization between two submissions")
    p.add_argument("baseline", type=Path, metavar="A")
    p.add_argument("system", type=Path, metavar="B")
    _gold_args(p)
    _bootstrap_args(p)
    p.add_argument("--trials", type=int, default=10000, help="approximate-randomization trials")
    p.add_argument("--json", type=Path, default=None, metavar="OUT")
    p.set_defaults(func=run_compare)

    p = sub.add_parser("leaderboard", help="add a scored submission to the leaderboard, or show it")
    lsub = p.add_subparsers(dest="leaderboard_command", metavar="ACTION", required=True)
    a = lsub.add_parser("add", help="score SUBMISSION and record it")
    a.add_argument("submission", type=Path, metavar="SUBMISSION")
    a.add_argument("--name", required=True)
    a.add_argument("--url", default=None)
    a.add_argument("--notes", default=None)
    a.add_argument("--kind", choices=("system", "ceiling"), default="system")
    _gold_args(a)
    _bootstrap_args(a)
    a.add_argument("--file", type=Path, default=DEFAULT_LEADERBOARD, help="leaderboard JSON file")
    a.set_defaults(func=run_leaderboard_add)
    s = lsub.add_parser("show", help="print the Markdown table; write it and a PNG chart beside the file")
    s.add_argument("--file", type=Path, default=DEFAULT_LEADERBOARD, help="leaderboard JSON file")
    s.set_defaults(func=run_leaderboard_show)

    p = sub.add_parser("agree", help="inter-annotator agreement between two annotation passes (documents files)")
    p.add_argument("pass_a", type=Path, metavar="PASS_A")
    p.add_argument("pass_b", type=Path, metavar="PASS_B")
    p.add_argument("--json", type=Path, default=None, metavar="OUT")
    p.add_argument("--markdown", type=Path, default=None, metavar="OUT", help="write the DATASHEET table here")
    p.set_defaults(func=run_agree)


def _write_json(path: Path | None, data: dict) -> None:
    if path is not None:
        import json

        from econfacts.jsonl import atomic_write_text

        atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")


def run_eval(args) -> int:
    from econfacts.eval.report import render_text
    from econfacts.eval.scorer import score_file

    # --gold alone scores the whole file; otherwise the split (test by default) of the gold.
    split = args.split if args.gold else (args.split or "test")
    report = score_file(args.submission, gold_path=args.gold, split=split, bootstrap=args.resamples, seed=args.seed)
    sys.stdout.write(render_text(report))
    _write_json(args.json, report)
    return 0


def run_compare(args) -> int:
    from econfacts.eval.compare import compare_files, render_comparison

    result = compare_files(args.baseline, args.system, gold_path=args.gold, split=args.split,
                           resamples=args.resamples, trials=args.trials, seed=args.seed)
    sys.stdout.write(render_comparison(result))
    _write_json(args.json, result)
    return 0


def run_leaderboard_add(args) -> int:
    from econfacts.eval.leaderboard import add_submission

    entry = add_submission(args.file, args.submission, name=args.name, url=args.url, notes=args.notes,
                           kind=args.kind, gold_path=args.gold, split=args.split,
                           resamples=args.resamples, seed=args.seed)
    print(f"added {entry['name']!r} to {args.file} (fact F1 {100 * entry['scores']['facts']['f1']:.1f})")
    return 0


def run_leaderboard_show(args) -> int:
    from econfacts.eval.leaderboard import show

    sys.stdout.write(show(args.file))
    return 0


def run_agree(args) -> int:
    from econfacts.eval.agreement import agreement_files, render_markdown

    result = agreement_files(args.pass_a, args.pass_b)
    table = render_markdown(result)
    sys.stdout.write(table)
    _write_json(args.json, result)
    if args.markdown is not None:
        from econfacts.jsonl import atomic_write_text

        atomic_write_text(args.markdown, table)
    return 0
