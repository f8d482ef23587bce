"""A build of the hand-made fixture gold into a temporary folder, shared by the dataset tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from econfacts.dataset import build
from econfacts.dataset.splits import DATASET_DIR
from econfacts.jsonl import read_jsonl

FIXTURES = Path(__file__).parent / "fixtures"
COMMITTED_GOLD = DATASET_DIR / "gold" / "gold.jsonl"


def fixture_documents() -> list[dict]:
    return [doc for _, doc in read_jsonl(FIXTURES / "documents.jsonl")]


@pytest.fixture(scope="session")
def fixture_docs() -> list[dict]:
    return fixture_documents()


@pytest.fixture(scope="session")
def built(tmp_path_factory, fixture_docs):
    """(build result, folder it was written to) for the fixture gold."""
    result = build.build(documents={"gold": fixture_docs}, card_prose=DATASET_DIR / "README.md")
    folder = tmp_path_factory.mktemp("dataset")
    build.write(result, folder)
    return result, folder


@pytest.fixture(scope="session")
def hf_cache(tmp_path_factory):
    """Offline `datasets` with its caches in a temporary folder, for the whole session."""
    mp = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("hf_home")
    mp.setenv("HF_HUB_OFFLINE", "1")
    mp.setenv("HF_DATASETS_OFFLINE", "1")
    mp.setenv("HF_HOME", str(home))
    import datasets

    datasets.disable_progress_bars()
    yield home / "datasets"
    mp.undo()
