"""The bundled seed articles and their manifest."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import econfacts


def _seeds() -> Path:
    """seeds/ is a data folder: inside an installed wheel it sits in the package, in a checkout beside it."""
    package = Path(econfacts.__file__).parent
    installed = package / "seeds"
    return installed if installed.is_dir() else package.parent / "seeds"


@cache
def manifest() -> dict:
    return json.loads(_seeds().joinpath("manifest.json").read_text(encoding="utf-8"))


def document_ids() -> list[str]:
    return [d["id"] for d in manifest()["documents"]]


@cache
def seed_text(doc_id: str) -> str:
    """The article text exactly as stored (no newline translation: offsets index this string)."""
    return _seeds().joinpath(f"{doc_id}.txt").read_bytes().decode("utf-8")


def seed_texts() -> dict[str, str]:
    return {doc_id: seed_text(doc_id) for doc_id in document_ids()}
