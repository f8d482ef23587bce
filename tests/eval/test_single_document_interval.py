"""A split of one document gets no bootstrap interval rather than a zero-width one."""

from __future__ import annotations

import json
from pathlib import Path

from econfacts.eval import score

FIXTURE = Path(__file__).parent.parent / "fixtures" / "valid_document.jsonl"


def _doc(doc_id: str) -> dict:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["id"] = doc_id
    return doc


def _imperfect(doc: dict) -> dict:
    return {**doc, "spans": doc["spans"][1:], "relations": [r for r in doc["relations"] if r["tail"] != "T1"]}


def test_one_document_has_no_interval():
    gold = [_doc("a")]
    report = score(gold, [_imperfect(gold[0])], bootstrap=200, seed=1)
    assert 0 < report["spans"]["strict"]["micro"]["f1"] < 1
    assert report["spans"]["strict"]["micro"]["ci95"] is None
    assert report["facts"]["ci95"] is None


def test_two_documents_have_an_interval():
    gold = [_doc("a"), _doc("b")]
    report = score(gold, [_imperfect(gold[0]), gold[1]], bootstrap=200, seed=1)
    low, high = report["spans"]["strict"]["micro"]["ci95"]
    assert low < report["spans"]["strict"]["micro"]["f1"] <= high
