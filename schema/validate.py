"""Validation of documents and submissions: JSON Schema first, then the rules JSON Schema cannot say.

Every problem is reported, one per line, as `file:record: field: reason`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from econfacts.errors import InputError, format_problem
from econfacts.jsonl import iter_jsonl
from econfacts.schema.inventory import Inventory, load_inventory, schema_file


@dataclass(frozen=True)
class Problem:
    file: str | None
    record: str | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        return format_problem(self.file, self.record, self.field, self.reason)


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads(schema_file(f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _field_path(path: Iterable) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _explain(alternatives: list) -> object:
    # "is not of type 'null'" is true of every wrong non-null value and explains nothing.
    informative = [e for e in alternatives if not (e.validator == "type" and e.validator_value == "null")]
    return best_match(informative or alternatives)


def _schema_problems(obj: object, kind: str) -> list[tuple[str, str]]:
    found = []
    for err in _validator(kind).iter_errors(obj):
        # For anyOf/oneOf, the most relevant alternative explains the failure better than the wrapper.
        for leaf in [_explain(err.context)] if err.context else [err]:
            path = _field_path(leaf.absolute_path)
            message = leaf.message
            if leaf.validator == "required":
                missing = message.split("'")[1] if "'" in message else message
                path = f"{path}.{missing}" if path else missing
                message = "is required"
            elif leaf.validator == "additionalProperties":
                message = message.replace("Additional properties are not allowed", "unknown field")
            found.append((path or "(record)", message))
    return sorted(set(found))


def _as_int(value: object) -> int | None:
    return value if type(value) is int else None


def check_record(
    obj: object, *, submission: bool = False, text: str | None = None, inv: Inventory | None = None
) -> list[tuple[str, str]]:
    """(field, reason) for every problem of one record. `text` overrides the record's own text
    (a submission is checked against the gold text)."""
    inv = inv or load_inventory()
    if not isinstance(obj, dict):
        return [("(record)", f"must be a JSON object, not {type(obj).__name__}")]
    if submission and isinstance(obj.get("metadata"), dict):
        # A gold document is a valid submission: its metadata is carried, not scored.
        obj = {k: v for k, v in obj.items() if k != "metadata"}
    problems = _schema_problems(obj, "submission" if submission else "document")
    if problems:
        return problems
    if text is None:
        text = obj.get("text")
    elif "text" in obj and obj["text"] != text:
        problems.append(("text", "differs from the gold text of this document"))
    spans = obj["spans"]
    by_id: dict[str, dict] = {}
    for i, span in enumerate(spans):
        where = f"spans[{i}]"
        sid = span["id"]
        if sid in by_id:
            problems.append((f"{where}.id", f"duplicate span id {sid!r}"))
        by_id.setdefault(sid, span)
        start, end = _as_int(span["start"]), _as_int(span["end"])
        if start is None or end is None:
            problems.append((f"{where}.start", "start and end must be integers"))
            continue
        if start >= end:
            problems.append((f"{where}.end", f"end {end} is not after start {start}"))
            continue
        if text is not None and end > len(text):
            problems.append((f"{where}.end", f"end {end} is past the end of the text ({len(text)} characters)"))
            continue
        if text is not None:
            covered = text[start:end]
            if "text" in span and span["text"] != covered:
                problems.append((f"{where}.text", f"{span['text']!r} differs from text[{start}:{end}] = {covered!r}"))
            if covered != covered.strip():
                problems.append((f"{where}.start", f"span {covered!r} begins or ends with whitespace"))
        for name, value in span.get("attributes", {}).items():
            attr = inv.attribute(name)
            reason = attr.check(span["label"], value) if attr else "unknown attribute"
            if reason:
                problems.append((f"{where}.attributes.{name}", reason))
    ordered = sorted(
        ((s["start"], s["end"], i) for i, s in enumerate(spans) if _as_int(s["start"]) is not None),
    )
    reach = None  # the span seen so far that ends last: a later span overlaps it or nothing before
    for s2, e2, i2 in ordered:
        if reach and s2 < reach[1]:
            s1, e1, i1 = reach
            problems.append((f"spans[{i2}]", f"overlaps spans[{i1}] ({s1}-{e1} and {s2}-{e2}); spans must be flat"))
        if reach is None or e2 > reach[1]:
            reach = (s2, e2, i2)
    seen: set[tuple[str, str, str]] = set()
    for i, rel in enumerate(obj["relations"]):
        where = f"relations[{i}]"
        key = (rel["head"], rel["tail"], rel["label"])
        if key in seen:
            problems.append((where, f"duplicate relation {rel['label']} {rel['head']} -> {rel['tail']}"))
        seen.add(key)
        head, tail = by_id.get(rel["head"]), by_id.get(rel["tail"])
        if head is None:
            problems.append((f"{where}.head", f"no span with id {rel['head']!r}"))
        if tail is None:
            problems.append((f"{where}.tail", f"no span with id {rel['tail']!r}"))
        if rel["head"] == rel["tail"]:
            problems.append((where, "a relation cannot link a span to itself"))
        if head and tail:
            relation = inv.relation(rel["label"])
            if not relation.allows(head["label"], tail["label"]):
                problems.append(
                    (
                        f"{where}.label",
                        f"{rel['label']} does not allow {head['label']} -> {tail['label']} "
                        f"(allowed: {relation.describe()})",
                    )
                )
    return problems


def record_name(lineno: int, obj: object) -> str:
    doc_id = obj.get("id") if isinstance(obj, dict) else None
    return f"line {lineno} (id {doc_id})" if isinstance(doc_id, str) else f"line {lineno}"


def validate_file(
    path, *, submission: bool = False, texts: dict[str, str] | None = None, max_problems: int | None = None
) -> tuple[list[dict], list[Problem]]:
    """Read and check a JSON Lines file. `texts` (id -> gold text) checks a submission against gold.

    Returns the records and every problem; unreadable files give a single problem. With `max_problems`,
    reading stops once that many problems are found (a file that is not a submission at all).
    """
    file = str(path)
    records: list[dict] = []
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    try:
        for lineno, obj in iter_jsonl(path):
            rec = record_name(lineno, obj)
            gold_text = None
            if texts is not None and isinstance(obj, dict) and isinstance(obj.get("id"), str):
                gold_text = texts.get(obj["id"])
                if gold_text is None:
                    problems.append(Problem(file, rec, "id", f"unknown document id {obj['id']!r}"))
                    continue
            found = check_record(obj, submission=submission, text=gold_text)
            problems.extend(Problem(file, rec, f, r) for f, r in found)
            if isinstance(obj, dict) and isinstance(obj.get("id"), str):
                if obj["id"] in ids:
                    problems.append(Problem(file, rec, "id", f"duplicate document id (first on line {ids[obj['id']]})"))
                ids.setdefault(obj["id"], lineno)
            if not found:
                records.append(obj)
            if max_problems is not None and len(problems) >= max_problems:
                return records, problems
    except InputError as exc:
        problems.append(Problem(exc.file, exc.record, exc.field, exc.reason))
    if texts is not None and not any(
        p.record is None or (p.record.startswith("line") and p.field is None) for p in problems
    ):
        for doc_id in sorted(set(texts) - set(ids)):
            problems.append(Problem(file, None, "id", f"document {doc_id!r} is missing from the submission"))
    return records, problems
