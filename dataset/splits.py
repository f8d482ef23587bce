"""The fixed splits and the leave-one-document-out folds, and loading gold documents by split."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from econfacts.errors import InputError

DATASET_DIR = Path(__file__).parent
GOLD_FILE = DATASET_DIR / "gold" / "gold.jsonl"


@cache
def split_table() -> dict:
    return json.loads((DATASET_DIR / "splits" / "splits.json").read_text(encoding="utf-8"))


def split_names() -> list[str]:
    """train, validation, test, then fold0/train, fold0/test, ... for every fold."""
    table = split_table()
    names = list(table["splits"])
    for fold, parts in table["folds"].items():
        names += [f"{fold}/{part}" for part in parts]
    return names


def split_ids(name: str) -> list[str]:
    table = split_table()
    if name in table["splits"]:
        return list(table["splits"][name])
    fold, _, part = name.partition("/")
    if fold in table["folds"] and part in table["folds"][fold]:
        return list(table["folds"][fold][part])
    raise InputError(f"unknown split {name!r} (known: {', '.join(split_names())})", field="split")


def load_gold(path: str | Path | None = None) -> list[dict]:
    """All adjudicated gold documents, validated; `path` reads another documents file instead."""
    from econfacts.schema.validate import validate_file

    path = Path(path) if path else GOLD_FILE
    if not path.exists():
        raise InputError("gold documents not found; run `econfacts build`", file=str(path))
    records, problems = validate_file(path)
    if problems:
        raise InputError(problems[0].reason, file=problems[0].file, record=problems[0].record, field=problems[0].field)
    return records


def load_split(name: str, path: str | Path | None = None) -> list[dict]:
    """The gold documents of one split (or `foldK/train`, `foldK/test`), in split order."""
    wanted = split_ids(name)
    by_id = {d["id"]: d for d in load_gold(path)}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        raise InputError(f"split {name} needs documents missing from the gold: {', '.join(missing)}", field="split")
    return [by_id[i] for i in wanted]
