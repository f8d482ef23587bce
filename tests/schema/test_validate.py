"""`econfacts validate`: a valid hand-made document passes; each kind of broken document is rejected
with one line naming the file, the record and the field, and exit code 2."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from econfacts.cli import main

FIXTURE = Path(__file__).parent.parent / "fixtures" / "valid_document.jsonl"


def valid() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def span(doc: dict, span_id: str) -> dict:
    return next(s for s in doc["spans"] if s["id"] == span_id)


def run(tmp_path, content: str | bytes, capsys, *extra):
    path = tmp_path / "docs.jsonl"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    code = main(["validate", *extra, str(path)])
    captured = capsys.readouterr()
    return code, captured.err.strip().splitlines(), path


def test_valid_document_passes(tmp_path, capsys):
    code, err, _ = run(tmp_path, FIXTURE.read_text(encoding="utf-8"), capsys)
    assert code == 0, err
    assert err == []


def test_bom_and_crlf_are_accepted(tmp_path, capsys):
    line = FIXTURE.read_text(encoding="utf-8").strip()
    code, err, _ = run(tmp_path, b"\xef\xbb\xbf" + line.encode() + b"\r\n\r\n", capsys)
    assert code == 0, err


def mutate(fn):
    def build():
        doc = valid()
        fn(doc)
        return json.dumps(doc, ensure_ascii=False) + "\n"

    return build


def _parent(doc: dict, path: list):
    """The container of the last key of `path`; keys starting with T name spans by id."""
    target = doc
    for key in path[:-1]:
        target = span(target, key) if isinstance(key, str) and key.startswith("T") else target[key]
    return target


def _set(path: list, value):
    return mutate(lambda doc: _parent(doc, path).__setitem__(path[-1], value))


def _del(path: list):
    return mutate(lambda doc: _parent(doc, path).__delitem__(path[-1]))


def _shift(span_id, start, end):
    def fn(doc):
        s = span(doc, span_id)
        s["start"], s["end"] = start, end
        s["text"] = doc["text"][start:end]

    return mutate(fn)


def _append(key, value):
    return mutate(lambda doc: doc[key].append(value))


def _duplicate_line():
    line = FIXTURE.read_text(encoding="utf-8").strip()
    return lambda: f"{line}\n{line}\n"


# (case id, content builder, field expected in the message, words expected in the message)
BROKEN = [
    ("invalid-json", lambda: '{"id": "x", "text": \n', "line 1", "invalid JSON"),
    ("not-an-object", lambda: "[1, 2, 3]\n", "(record)", "JSON object"),
    ("nan-number", lambda: valid_text().replace('"number":5.3', '"number":NaN'), "line 1", "NaN"),
    ("missing-id", _del(["id"]), "id", "required"),
    ("empty-id", _set(["id"], ""), "id", "non-empty"),
    ("id-not-string", _set(["id"], 7), "id", "string"),
    ("missing-text", _del(["text"]), "text", "required"),
    ("spans-not-list", _set(["spans"], {}), "spans", "array"),
    ("unknown-top-level-field", _set(["extra"], 1), "(record)", "unknown field"),
    ("span-missing-end", _del(["T1", "end"]), "spans[0].end", "required"),
    ("start-not-integer", _set(["T1", "start"], "3"), "spans[0].start", "integer"),
    ("start-negative", _set(["T1", "start"], -1), "spans[0].start", "minimum"),
    ("end-past-text", _shift("T6", 120, 500), "spans[5].end", "past the end"),
    ("reversed-offsets", _set(["T1", "end"], 2), "spans[0].end", "not after start"),
    ("span-text-mismatch", _set(["T2", "text"], "Shandong"), "spans[1].text", "differs"),
    ("span-with-whitespace-edge", _shift("T2", 21, 31), "spans[1].start", "whitespace"),
    ("unknown-span-label", _set(["T3", "label"], "METRIC"), "spans[2].label", "is not one of"),
    ("duplicate-span-id", _set(["T2", "id"], "T1"), "spans[1].id", "duplicate span id"),
    (
        "overlapping-spans",
        _append(
            "spans", {"id": "T9", "start": 32, "end": 42, "label": "SECTOR", "text": "industrial", "attributes": {}}
        ),
        "spans[6]",
        "overlaps",
    ),
    ("attribute-not-for-label", _set(["T3", "attributes"], {"kind": "level"}), "spans[2].attributes", "unknown field"),
    ("missing-required-attribute", _del(["T4", "attributes", "kind"]), "spans[3].attributes.kind", "required"),
    (
        "choice-value-not-allowed",
        _set(["T4", "attributes", "direction"], "up"),
        "spans[3].attributes.direction",
        "is not one of",
    ),
    ("number-not-a-number", _set(["T4", "attributes", "number"], "5.3"), "spans[3].attributes.number", "valid"),
    (
        "range-low-above-high",
        _set(["T6", "attributes", "number"], [2e10, 1e10]),
        "spans[5].attributes.number",
        "greater than high",
    ),
    ("money-unit-not-iso", _set(["T6", "attributes", "unit"], "yuan"), "spans[5].attributes.unit", "does not match"),
    ("percent-unit-wrong", _set(["T4", "attributes", "unit"], "percent"), "spans[3].attributes.unit", "is not one of"),
    (
        "time-value-malformed",
        _set(["T1", "attributes", "value"], "Q1 2024"),
        "spans[0].attributes.value",
        "does not match",
    ),
    ("canonical-empty", _set(["T2", "attributes", "canonical"], ""), "spans[1].attributes.canonical", "non-empty"),
    (
        "unknown-relation-label",
        _append("relations", {"head": "T6", "tail": "T1", "label": "happens_in"}),
        "relations[4].label",
        "is not one of",
    ),
    (
        "relation-to-missing-span",
        _append("relations", {"head": "T6", "tail": "T99", "label": "period"}),
        "relations[4].tail",
        "no span",
    ),
    (
        "relation-wrong-argument-labels",
        _append("relations", {"head": "T3", "tail": "T1", "label": "period"}),
        "relations[4].label",
        "does not allow",
    ),
    (
        "relation-to-itself",
        _append("relations", {"head": "T5", "tail": "T5", "label": "part_of"}),
        "relations[4]",
        "itself",
    ),
    (
        "duplicate-relation",
        _append("relations", {"head": "T4", "tail": "T3", "label": "value_of"}),
        "relations[4]",
        "duplicate relation",
    ),
    ("duplicate-document-id", _duplicate_line(), "id", "duplicate document id"),
    ("empty-file", lambda: "", None, "no records"),
    ("not-utf8", lambda: b'{"id": "\xff"}\n', "line 1", "not UTF-8"),
    ("deeply-nested", lambda: "[" * 100_000 + "]" * 100_000 + "\n", "line 1", "nested too deeply"),
]


def valid_text() -> str:
    return json.dumps(valid(), ensure_ascii=False, separators=(",", ":")) + "\n"


@pytest.mark.parametrize(("case", "build", "field", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_document_is_rejected_with_one_line(tmp_path, capsys, case, build, field, words):
    code, err, path = run(tmp_path, build(), capsys)
    assert code == 2
    assert err, "expected an error message"
    assert not any("Traceback" in line for line in err)
    matching = [line for line in err if words.lower() in line.lower()]
    assert matching, f"{case}: no line mentions {words!r}: {err}"
    line = matching[0]
    assert line.startswith(f"{path}:"), line
    if field is not None:
        assert field in line, line


def test_broken_kinds_are_distinct():
    assert len({case for case, *_ in BROKEN}) == len(BROKEN) >= 20


def test_each_problem_is_reported(tmp_path, capsys):
    doc = valid()
    span(doc, "T2")["text"] = "Shandong"
    doc["relations"].append({"head": "T6", "tail": "T99", "label": "period"})
    other = copy.deepcopy(valid())
    other["id"] = "sample-2"
    span(other, "T1")["end"] = 2
    content = json.dumps(doc) + "\n" + json.dumps(other) + "\n"
    code, err, _ = run(tmp_path, content, capsys)
    assert code == 2
    assert len(err) == 3, err
    assert any("sample-2" in line for line in err)
