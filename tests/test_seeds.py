"""The seeds are byte-identical to the originals and the manifest describes them truthfully."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from econfacts.corpus import manifest, seed_text

SEEDS = Path(__file__).parent.parent / "seeds"
# The sha256 of every source article as received; a changed byte anywhere fails here.
ORIGINAL_SHA256 = {
    "000_afb7d2848b57d20a": "9d5607f5b0fa139e35c1c6158e34327a4760b9d541debe7525938abc18147750",
    "001_38f9ef412d29520c": "2ca04538fcc5f543c37663c10e8a4678159c08b185664be462e905ab9b12df40",
    "002_9aae8902d38589ae": "4cf07a17c3ae7506bfbd62d0ac786c37109ad97c6db08c6b7d1d9de64c20b0d8",
    "003_82bf0417b1e743d6": "841ba68d43c07929437de67ba921f0afcd927a59e1bec96699fdf4337bc69e85",
    "004_8137d2f7bf9e3325": "16156dacd7eb36c6b21895714c569c5657f9382a0d9bb9a267c967bd890bcf52",
}


def test_exactly_the_five_seeds():
    assert sorted(p.stem for p in SEEDS.glob("*.txt")) == sorted(ORIGINAL_SHA256)


@pytest.mark.parametrize("doc_id", sorted(ORIGINAL_SHA256))
def test_seed_bytes_unchanged(doc_id):
    data = (SEEDS / f"{doc_id}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == ORIGINAL_SHA256[doc_id]


@pytest.mark.parametrize("doc_id", sorted(ORIGINAL_SHA256))
def test_seed_matches_shared_original_when_present(doc_id):
    original = SEEDS.parent.parent / "shared" / "seeds" / f"{doc_id}.txt"
    if not original.exists():
        pytest.skip("the shared originals are not beside this checkout")
    assert (SEEDS / f"{doc_id}.txt").read_bytes() == original.read_bytes()


def test_manifest_describes_each_seed():
    docs = {d["id"]: d for d in manifest()["documents"]}
    assert sorted(docs) == sorted(ORIGINAL_SHA256)
    for doc_id, entry in docs.items():
        text = seed_text(doc_id)
        assert entry["sha256"] == ORIGINAL_SHA256[doc_id]
        assert entry["words"] == len(text.split())
        assert entry["characters"] == len(text)
        assert entry["title"] in text
        assert entry["province"] in text
        for key in ("outlet", "publication_date", "date_as_stated"):
            assert entry[key] is None or entry[key] in text, (doc_id, key)


def test_test_article_is_the_liaoning_one():
    docs = {d["id"]: d for d in manifest()["documents"]}
    assert docs["004_8137d2f7bf9e3325"]["province"] == "Liaoning"
    assert {d["province"] for i, d in docs.items() if not i.startswith("004")} == {"Shandong"}
