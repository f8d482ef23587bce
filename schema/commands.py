"""`econfacts validate` and `econfacts schema`."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("validate", help="check documents (or submissions) files; every problem on its own line")
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON Lines files")
    p.add_argument("--submission", action="store_true", help="check as submissions (text and attributes optional)")
    p.set_defaults(func=run_validate)

    p = sub.add_parser("schema", help="write the JSON Schemas generated from schema/labels.json")
    p.add_argument("--out", type=Path, default=None, help="folder to write into (default: the schema folder)")
    p.set_defaults(func=run_schema)


def run_validate(args) -> int:
    from econfacts.schema.validate import validate_file

    bad = 0
    for path in args.files:
        records, problems = validate_file(path, submission=args.submission)
        for problem in problems:
            print(problem, file=sys.stderr)
        bad += len(problems)
        if not problems:
            print(f"{path}: {len(records)} records OK")
    return 2 if bad else 0


def run_schema(args) -> int:
    from econfacts.jsonl import atomic_write_text
    from econfacts.schema.inventory import load_inventory
    from econfacts.schema.jsonschemas import build_schema, render

    out = args.out or Path(__file__).parent
    inv = load_inventory()
    for name, submission in (("document", False), ("submission", True)):
        atomic_write_text(out / f"{name}.schema.json", render(build_schema(inv, submission=submission)))
        print(out / f"{name}.schema.json")
    return 0
