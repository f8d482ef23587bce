"""The adjudicated gold: valid, complete over the five seeds, every number covered or excluded for a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from econfacts.corpus import document_ids, seed_text
from econfacts.schema.coverage import check_exclusions, uncovered_numbers
from econfacts.schema.validate import validate_file

DATASET = Path(__file__).parent.parent.parent / "dataset"
GOLD = DATASET / "gold" / "gold.jsonl"
EXCLUSIONS = DATASET / "gold" / "exclusions.jsonl"
PASSES = [DATASET / "passes" / "pass_a.jsonl", DATASET / "passes" / "pass_b.jsonl"]

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="the adjudicated gold has not been built yet")


@pytest.fixture(scope="module")
def gold() -> dict[str, dict]:
    records, problems = validate_file(GOLD)
    assert not problems, "\n".join(map(str, problems))
    return {d["id"]: d for d in records}


@pytest.fixture(scope="module")
def exclusions() -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = {}
    for line in EXCLUSIONS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            by_doc.setdefault(entry["doc_id"], []).append(entry)
    return by_doc


def test_gold_covers_exactly_the_seeds(gold):
    assert sorted(gold) == sorted(document_ids())
    for doc_id, doc in gold.items():
        assert doc["text"] == seed_text(doc_id)


@pytest.mark.parametrize("doc_id", document_ids())
def test_every_number_is_covered_or_excluded(gold, exclusions, doc_id):
    doc = gold[doc_id]
    missing = uncovered_numbers(doc, exclusions.get(doc_id, []))
    shown = [f"{doc['text'][s:e]!r} at {s}: …{doc['text'][max(0, s - 30) : e + 30]!r}…" for s, e in missing]
    assert not missing, "\n".join(shown)


@pytest.mark.parametrize("doc_id", document_ids())
def test_exclusions_are_well_formed(gold, exclusions, doc_id):
    assert check_exclusions(gold[doc_id], exclusions.get(doc_id, [])) == []


def test_exclusions_name_known_documents(exclusions):
    assert set(exclusions) <= set(document_ids())


def test_gold_has_every_label_and_relation(gold):
    from econfacts.schema.inventory import load_inventory

    inv = load_inventory()
    labels = {s["label"] for d in gold.values() for s in d["spans"]}
    relations = {r["label"] for d in gold.values() for r in d["relations"]}
    assert labels == set(inv.label_names)
    assert relations == set(inv.relation_names)


@pytest.mark.parametrize("path", PASSES, ids=lambda p: p.stem)
def test_both_independent_passes_are_kept_and_valid(path):
    records, problems = validate_file(path)
    assert not problems, "\n".join(map(str, problems))
    assert sorted(d["id"] for d in records) == sorted(document_ids())
