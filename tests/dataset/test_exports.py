"""CoNLL and spaCy-style exports: export, read back, and get the same spans (and relations)."""

from __future__ import annotations

import pytest

from econfacts.dataset import exports
from econfacts.errors import InputError


def _spans(doc):
    return sorted((s["start"], s["end"], s["label"], s["text"]) for s in doc["spans"])


def test_conll_round_trip_gives_identical_spans(fixture_docs, tmp_path):
    path = tmp_path / "all.conll"
    path.write_text(exports.to_conll(fixture_docs), encoding="utf-8")
    back = exports.read_conll(str(path), {d["id"]: d["text"] for d in fixture_docs})
    assert list(back) == [d["id"] for d in fixture_docs]
    for doc in fixture_docs:
        assert sorted((s["start"], s["end"], s["label"], s["text"]) for s in back[doc["id"]]) == _spans(doc)


def test_conll_keeps_adjacent_spans_of_one_label_apart(tmp_path):
    text = "Shandong Liaoning grew."
    doc = {"id": "x", "text": text, "relations": [], "spans": [
        {"id": "a", "start": 0, "end": 8, "label": "LOCATION", "text": "Shandong", "attributes": {}},
        {"id": "b", "start": 9, "end": 17, "label": "LOCATION", "text": "Liaoning", "attributes": {}}]}
    conll = exports.to_conll([doc])
    assert "Shandong\tB-LOCATION\nLiaoning\tB-LOCATION\n" in conll
    path = tmp_path / "x.conll"
    path.write_text(conll, encoding="utf-8")
    assert [(s["start"], s["end"]) for s in exports.read_conll(str(path), {"x": text})["x"]] == [(0, 8), (9, 17)]


def test_conll_reader_names_the_problem(tmp_path, fixture_docs):
    texts = {d["id"]: d["text"] for d in fixture_docs}
    path = tmp_path / "bad.conll"
    path.write_text("# doc_id = 000_afb7d2848b57d20a\n\nGrassroots\tO\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.conll:000_afb7d2848b57d20a: token 0: 'Grassroots' does not match"):
        exports.read_conll(str(path), texts)
    first = texts["000_afb7d2848b57d20a"].split()[0].strip("(")
    path.write_text(f"# doc_id = 000_afb7d2848b57d20a\n\n(\tO\n{first}\tB-NOPE\n", encoding="utf-8")
    with pytest.raises(InputError, match="token 1: tag 'B-NOPE' is not"):
        exports.read_conll(str(path), texts)
    path.write_text(f"# doc_id = 000_afb7d2848b57d20a\n\n(\tO\n{first}\tO\n", encoding="utf-8")
    with pytest.raises(InputError, match="has 2 tokens, the text has"):
        exports.read_conll(str(path), texts)
    path.write_text("token-without-tag\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: expected `token<TAB>tag`"):
        exports.read_conll(str(path), texts)


def test_spacy_jsonl_round_trip_gives_identical_spans_and_relations(fixture_docs, tmp_path):
    path = tmp_path / "all.jsonl"
    path.write_text(exports.to_spacy_jsonl(fixture_docs), encoding="utf-8")
    back = exports.read_spacy_jsonl(str(path))
    for doc in fixture_docs:
        assert sorted((s["start"], s["end"], s["label"], s["text"]) for s in back[doc["id"]]["spans"]) == _spans(doc)
        by_id = {s["id"]: s for s in doc["spans"]}
        expected = sorted((by_id[r["head"]]["start"], by_id[r["head"]]["end"], r["label"], by_id[r["tail"]]["start"],
                           by_id[r["tail"]]["end"]) for r in doc["relations"])
        assert sorted(back[doc["id"]]["relations"]) == expected


def test_spacy_records_carry_token_indices(fixture_docs):
    record = exports.spacy_record(fixture_docs[0])
    for span in record["spans"]:
        first, last = record["tokens"][span["token_start"]], record["tokens"][span["token_end"]]
        assert (first["start"], last["end"]) == (span["start"], span["end"])


def test_spacy_reader_rejects_a_record_without_meta(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "a", "spans": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:line 1: missing or malformed field"):
        exports.read_spacy_jsonl(str(path))
