import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import make_corpus

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def train_docs():
    return make_corpus([f"train-{i}" for i in range(4)], seed=1, n_sentences=8)


@pytest.fixture(scope="session")
def test_docs():
    return make_corpus([f"test-{i}" for i in range(2)], seed=2, n_sentences=6)


@pytest.fixture(scope="session")
def gold_file():
    """Synthetic documents under the real split ids, so that split loading runs without the released gold."""
    return FIXTURES / "synthetic_gold.jsonl"
