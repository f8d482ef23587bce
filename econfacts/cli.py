"""The `econfacts` command: a thin dispatcher. Each concern registers its own subcommands.

Command modules import heavy libraries inside their handlers, so `econfacts --help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from econfacts import __version__
from econfacts.errors import InputError

COMMAND_MODULES = (
    "econfacts.schema.commands",
    "econfacts.eval.commands",
    "econfacts.dataset.commands",
    "econfacts.studio.commands",
    "econfacts.baselines.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="econfacts",
        description="EconFacts: economic information extraction benchmark (validate, score, annotate, build, train).",
    )
    parser.add_argument("--version", action="version", version=f"econfacts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"econfacts: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
