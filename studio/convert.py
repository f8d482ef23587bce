"""Documents <-> Label Studio tasks and full JSON exports. Pure functions: no server, no SDK.

The shapes mirror what the Label Studio 1.23 frontend writes (see the reference notes):
- a span is a `labels` result whose region `id` is the document span id;
- an attribute is a per-region `choices` or `textarea` result with the same `id` as its span;
- a relation is a `relation` result from the head region to the tail region, direction `right`.

Text forms of attributes in a TextArea (documented for annotators in README.md's annotator section):
- `number`: a JSON number (`45000000000`, `5.3`, `1e-05`), a range `low..high` of two JSON numbers,
  or `null`. Integers stay integers and floats stay floats, so a document survives the round trip.
- text attributes: the value itself; for a nullable attribute the word `null` means null.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

from econfacts.errors import InputError
from econfacts.jsonl import is_finite_number
from econfacts.schema.inventory import Attribute, Inventory, load_inventory
from econfacts.studio.config import LABELS_NAME, NULL_TEXT, TEXT_NAME

DIRECTIONS = ("right", "left", "bi")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
RANGE_SEPARATOR = ".."


# ---------------------------------------------------------------- attribute text forms


def _number_text(value: object) -> str:
    if not is_finite_number(value):
        raise ValueError(f"{value!r} is not a finite number")
    return json.dumps(value)


def format_number(value: object) -> str:
    """The TextArea form of a `number` attribute: `45000000000`, `5.3`, `low..high` or `null`."""
    if value is None:
        return NULL_TEXT
    if isinstance(value, list):
        if len(value) != 2:
            raise ValueError("a range must be [low, high]")
        return _number_text(value[0]) + RANGE_SEPARATOR + _number_text(value[1])
    return _number_text(value)


def _parse_one_number(text: str) -> int | float:
    text = text.strip()
    if not _JSON_NUMBER.fullmatch(text):
        raise ValueError(f"{text!r} is not a number (write digits with a dot for decimals, e.g. 45000000000 or 5.3)")
    value = json.loads(text)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{text!r} is too large")
    return value


def parse_number(text: str) -> int | float | list | None:
    """Inverse of format_number; raises ValueError with a reason an annotator understands."""
    text = text.strip()
    if text == NULL_TEXT:
        return None
    if RANGE_SEPARATOR in text:
        low, _, high = text.partition(RANGE_SEPARATOR)
        return [_parse_one_number(low), _parse_one_number(high)]
    return _parse_one_number(text)


def attribute_result_value(attr: Attribute, value: object) -> tuple[str, dict]:
    """(result type, the part of `value` that holds the attribute) for one attribute value."""
    if attr.type == "choice":
        if value not in attr.values:
            raise ValueError(f"{value!r} is not one of {', '.join(attr.values)}")
        return "choices", {"choices": [value]}
    if attr.type == "number":
        return "textarea", {"text": [format_number(value)]}
    if value is None:
        if not attr.nullable:
            raise ValueError("must not be null")
        return "textarea", {"text": [NULL_TEXT]}
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a non-empty string")
    if value != value.strip():
        raise ValueError(f"{value!r} begins or ends with whitespace, which a text box cannot keep")
    if attr.nullable and value == NULL_TEXT:
        raise ValueError(f"the text {NULL_TEXT!r} would read back as null")
    return "textarea", {"text": [value]}


def parse_attribute(attr: Attribute, kind: str, value: dict) -> tuple[bool, object]:
    """(present, value) of one per-region result; an empty text box is absent. Raises ValueError."""
    if attr.type == "choice":
        if kind != "choices":
            raise ValueError(f"attribute {attr.name} must be a choices result, not {kind}")
        chosen = value.get("choices")
        if not isinstance(chosen, list) or len(chosen) > 1:
            raise ValueError("must be a list with one choice")
        if not chosen:
            return False, None
        if chosen[0] not in attr.values:
            raise ValueError(f"{chosen[0]!r} is not one of {', '.join(attr.values)}")
        return True, chosen[0]
    if kind != "textarea":
        raise ValueError(f"attribute {attr.name} must be a textarea result, not {kind}")
    texts = value.get("text")
    if isinstance(texts, str):
        texts = [texts]
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ValueError("must be a list of strings")
    texts = [t for t in texts if t.strip()]
    if not texts:
        return False, None
    if len(texts) > 1:
        raise ValueError(f"holds {len(texts)} texts; keep one")
    text = texts[0].strip()
    if attr.type == "number":
        return True, parse_number(text)
    if attr.nullable and text == NULL_TEXT:
        return True, None
    return True, text


# ---------------------------------------------------------------- documents -> tasks


def _span_value(text: str, span: dict) -> dict:
    return {"start": span["start"], "end": span["end"], "text": text[span["start"] : span["end"]]}


def document_result(doc: dict, *, inv: Inventory | None = None, text: str | None = None, where: str = "") -> list[dict]:
    """The Label Studio result items of one document (or submission record, given the gold `text`)."""
    inv = inv or load_inventory()
    text = doc["text"] if text is None else text
    result: list[dict] = []
    for i, span in enumerate(doc.get("spans", [])):
        base = {"id": span["id"], "to_name": TEXT_NAME}
        result.append(
            {
                **base,
                "from_name": LABELS_NAME,
                "type": "labels",
                "value": {**_span_value(text, span), "labels": [span["label"]]},
            }
        )
        for name, value in (span.get("attributes") or {}).items():
            attr = inv.attribute(name)
            try:
                if attr is None or span["label"] not in attr.labels:
                    raise ValueError(f"attribute {name!r} does not apply to {span['label']}")
                kind, part = attribute_result_value(attr, value)
            except ValueError as exc:
                raise InputError(str(exc), record=where or None, field=f"spans[{i}].attributes.{name}") from None
            result.append({**base, "from_name": name, "type": kind, "value": {**_span_value(text, span), **part}})
    for rel in doc.get("relations", []):
        result.append(
            {
                "type": "relation",
                "from_id": rel["head"],
                "to_id": rel["tail"],
                "direction": "right",
                "labels": [rel["label"]],
            }
        )
    return result


def documents_to_tasks(
    docs: Iterable[dict],
    *,
    ground_truth: bool = False,
    predictions: Iterable[dict] | None = None,
    model_version: str | None = None,
    inv: Inventory | None = None,
) -> list[dict]:
    """Label Studio tasks for validated documents: data {"doc_id", "text"}, the document's spans and
    relations as one annotation (none when it has neither), `metadata` in the task's `meta`, and the
    submission record of the same id from `predictions` as a prediction of `model_version`."""
    inv = inv or load_inventory()
    docs = list(docs)
    texts = {doc["id"]: doc["text"] for doc in docs}
    predicted: dict[str, dict] = {}
    if predictions is not None:
        if not model_version:
            raise InputError("predictions need a model version", field="model_version")
        for record in predictions:
            if record["id"] not in texts:
                raise InputError(f"prediction for unknown document {record['id']!r}", record=f"document {record['id']}")
            predicted[record["id"]] = record
    tasks = []
    for doc in docs:
        where = f"document {doc['id']}"
        task: dict = {"data": {"doc_id": doc["id"], TEXT_NAME: doc["text"]}}
        if "metadata" in doc:
            task["meta"] = {"metadata": doc["metadata"]}
        if doc.get("spans") or doc.get("relations"):
            task["annotations"] = [
                {
                    "result": document_result(doc, inv=inv, where=where),
                    "ground_truth": ground_truth,
                    "was_cancelled": False,
                }
            ]
        if doc["id"] in predicted:
            result = document_result(predicted[doc["id"]], inv=inv, text=doc["text"], where=f"prediction {doc['id']}")
            task["predictions"] = [{"model_version": model_version, "result": result}]
        tasks.append(task)
    return tasks


# ---------------------------------------------------------------- export -> documents


def _is_int(value: object) -> bool:
    return type(value) is int


class _Task:
    """One exported task being read; every error names the file, the task and the field."""

    def __init__(self, task: object, index: int, source: str):
        self.source = source
        self.record = f"task {index}"
        if not isinstance(task, dict):
            self.fail("(task)", f"must be a JSON object, not {type(task).__name__}")
        self.task = task
        if "id" in task:
            self.record = f"task {task['id']}"
        data = task.get("data")
        if not isinstance(data, dict):
            self.fail("data", "is missing or not an object")
        doc_id, text = data.get("doc_id"), data.get(TEXT_NAME)
        if not isinstance(doc_id, str) or not doc_id:
            self.fail("data.doc_id", "is missing or not a non-empty string")
        if not isinstance(text, str):
            self.fail(f"data.{TEXT_NAME}", "is missing or not a string")
        self.record = f"{self.record} (doc {doc_id})"
        self.doc_id, self.text = doc_id, text

    def fail(self, field: str, reason: str):
        raise InputError(reason, file=self.source, record=self.record, field=field)

    def chosen_result(self, predictions: str | None) -> tuple[str, list] | None:
        """(field, result) of the annotation that counts, or of the prediction of that model version."""
        key = "predictions" if predictions is not None else "annotations"
        entries = self.task.get(key, [])
        if not isinstance(entries, list):
            self.fail(key, "must be a list")
        live = []
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                hint = (
                    " (a quick export holds prediction ids only: pull a full snapshot)" if key == "predictions" else ""
                )
                self.fail(f"{key}[{i}]", f"must be an object{hint}")
            if not isinstance(entry.get("result"), list):
                self.fail(f"{key}[{i}].result", "is missing or not a list")
            if predictions is not None:
                if entry.get("model_version") == predictions:
                    live.append(i)
            elif not entry.get("was_cancelled"):
                live.append(i)
        if not live:
            return None
        if len(live) > 1:
            if predictions is not None:
                self.fail(key, f"{len(live)} predictions of model version {predictions!r}")
            truth = [i for i in live if entries[i].get("ground_truth") is True]
            if len(truth) != 1:
                why = "none is" if not truth else f"{len(truth)} are"
                self.fail(key, f"{len(live)} submitted annotations and {why} marked ground truth; mark exactly one")
            live = truth
        return f"{key}[{live[0]}].result", entries[live[0]]["result"]

    def document(self, predictions: str | None, inv: Inventory) -> dict:
        doc: dict = {"id": self.doc_id, "text": self.text, "spans": [], "relations": []}
        meta = self.task.get("meta")
        if isinstance(meta, dict) and "metadata" in meta:
            doc["metadata"] = meta["metadata"]
        chosen = self.chosen_result(predictions)
        if chosen is not None:
            doc["spans"], doc["relations"] = self.read_result(*chosen, inv)
        return doc

    def read_result(self, field: str, result: list, inv: Inventory) -> tuple[list, list]:
        spans: dict[str, dict] = {}
        later: list[tuple[int, dict]] = []
        for j, item in enumerate(result):
            where = f"{field}[{j}]"
            if not isinstance(item, dict):
                self.fail(where, "must be an object")
            kind = item.get("type")
            if kind == "relation":
                later.append((j, item))
                continue
            if not isinstance(item.get("id"), str) or not item["id"]:
                self.fail(f"{where}.id", "is missing: every region needs an id")
            if item.get("to_name", TEXT_NAME) != TEXT_NAME:
                self.fail(f"{where}.to_name", f"{item.get('to_name')!r} is not the text object {TEXT_NAME!r}")
            if not isinstance(item.get("value"), dict):
                self.fail(f"{where}.value", "is missing or not an object")
            if kind == "labels":
                spans[item["id"]] = self.read_span(where, item, spans, inv)
            elif kind in ("choices", "textarea"):
                later.append((j, item))
            else:
                self.fail(f"{where}.type", f"unsupported result type {kind!r}")
        relations: list[dict] = []
        for j, item in later:
            where = f"{field}[{j}]"
            if item["type"] == "relation":
                relations.extend(self.read_relation(where, item, spans, inv))
            else:
                self.read_attribute(where, item, spans, inv)
        return list(spans.values()), relations

    def read_span(self, where: str, item: dict, spans: dict, inv: Inventory) -> dict:
        if item.get("from_name") != LABELS_NAME:
            self.fail(f"{where}.from_name", f"{item.get('from_name')!r} is not the labels control {LABELS_NAME!r}")
        if item["id"] in spans:
            self.fail(f"{where}.id", f"region {item['id']!r} has two labels results")
        value = item["value"]
        start, end = value.get("start"), value.get("end")
        if not _is_int(start) or not _is_int(end):
            self.fail(f"{where}.value.start", "start and end must be integer offsets")
        if not 0 <= start < end:
            self.fail(f"{where}.value.end", f"offsets {start}-{end} do not make a non-empty span")
        if end > len(self.text):
            self.fail(f"{where}.value.end", f"end {end} is past the end of the text ({len(self.text)} characters)")
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1:
            self.fail(f"{where}.value.labels", "a span needs exactly one label")
        if labels[0] not in inv.label_names:
            self.fail(f"{where}.value.labels", f"unknown label {labels[0]!r}")
        # Offsets index the task text; the exported `text` is what the browser displayed and may differ.
        return {
            "id": item["id"],
            "start": start,
            "end": end,
            "label": labels[0],
            "text": self.text[start:end],
            "attributes": {},
        }

    def read_relation(self, where: str, item: dict, spans: dict, inv: Inventory) -> list[dict]:
        ends = []
        for key in ("from_id", "to_id"):
            if item.get(key) not in spans:
                self.fail(f"{where}.{key}", f"relation refers to a missing region {item.get(key)!r}")
            ends.append(item[key])
        direction = item.get("direction", "right")
        if direction not in DIRECTIONS:
            self.fail(f"{where}.direction", f"{direction!r} is not one of {', '.join(DIRECTIONS)}")
        if direction == "bi":
            self.fail(f"{where}.direction", "relations are directed: set the arrow to point from head to tail")
        head, tail = ends if direction == "right" else ends[::-1]
        labels = item.get("labels")
        if not isinstance(labels, list) or not labels:
            self.fail(f"{where}.labels", f"relation {head} -> {tail} has no label")
        for label in labels:
            if label not in inv.relation_names:
                self.fail(f"{where}.labels", f"unknown relation label {label!r}")
        return [{"head": head, "tail": tail, "label": label} for label in labels]

    def read_attribute(self, where: str, item: dict, spans: dict, inv: Inventory) -> None:
        name = item.get("from_name")
        attr = inv.attribute(name) if isinstance(name, str) else None
        if attr is None:
            self.fail(f"{where}.from_name", f"unknown control {name!r}")
        span = spans.get(item["id"])
        if span is None:
            self.fail(f"{where}.id", f"attribute {name} refers to a missing region {item['id']!r}")
        if span["label"] not in attr.labels:
            self.fail(f"{where}.from_name", f"attribute {name} does not apply to {span['label']} region {item['id']}")
        if name in span["attributes"]:
            self.fail(f"{where}.from_name", f"region {item['id']} has two {name} results")
        try:
            present, value = parse_attribute(attr, item["type"], item["value"])
        except ValueError as exc:
            self.fail(f"{where}.value", f"{name} of region {item['id']}: {exc}")
        if present:
            span["attributes"][name] = value


def export_to_documents(
    tasks: list[dict], *, source: str, predictions: str | None = None, inv: Inventory | None = None
) -> list[dict]:
    """Documents from a full JSON export, sorted by id. Per task the one submitted annotation counts,
    or the ground-truth one among several; with `predictions`, the prediction of that model version.
    Raises InputError naming `source`, the task and the field for anything malformed."""
    inv = inv or load_inventory()
    if not isinstance(tasks, list):
        raise InputError("a full JSON export must be a list of tasks", file=source)
    docs: dict[str, dict] = {}
    for index, raw in enumerate(tasks):
        task = _Task(raw, index, source)
        if task.doc_id in docs:
            task.fail("data.doc_id", f"document {task.doc_id!r} appears in two tasks")
        docs[task.doc_id] = task.document(predictions, inv)
    return [docs[doc_id] for doc_id in sorted(docs)]
