from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def gold_path() -> Path:
    return FIXTURES / "gold.jsonl"


@pytest.fixture
def gold_docs(gold_path) -> list[dict]:
    from econfacts.jsonl import read_jsonl

    return [obj for _, obj in read_jsonl(gold_path)]
