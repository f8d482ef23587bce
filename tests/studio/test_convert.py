"""Conversion both ways without a server: property tests on random documents, and the export rules."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from econfacts.errors import InputError
from econfacts.jsonl import dumps
from econfacts.schema.inventory import load_inventory
from econfacts.studio.convert import documents_to_tasks, export_to_documents, format_number, parse_number
from econfacts.studio.samples import TEXT_SAMPLES, inventory_documents

INV = load_inventory()
finite = st.floats(allow_nan=False, allow_infinity=False)
numbers = st.one_of(st.integers(-(10**15), 10**15), finite)
chunks = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=8),
    st.sampled_from(["\r\n", "\n", "\r", "😀", "𝔼", " ", "\U0010ffff"]),
)


def as_export(tasks: list[dict]) -> list[dict]:
    """What the server hands back: ids on tasks; imported entries keep their fields."""
    return [{**copy.deepcopy(t), "id": i + 1} for i, t in enumerate(tasks)]


def round_trip(docs: list[dict], **kw) -> list[str]:
    return [dumps(d) for d in export_to_documents(as_export(documents_to_tasks(docs)), source="export.json", **kw)]


def canonical(docs: list[dict]) -> list[str]:
    return [dumps(d) for d in sorted(docs, key=lambda d: d["id"])]


@st.composite
def attribute_values(draw, label: str) -> dict:
    values = {}
    for attr in INV.attributes_for(label):
        if not draw(st.booleans()):
            continue  # annotations in progress leave attributes out
        if attr.type == "choice":
            options = st.sampled_from(attr.values)
        elif attr.type == "number":
            options = st.one_of(numbers, st.lists(numbers, min_size=2, max_size=2).map(sorted), st.none())
        else:
            fitting = [v for v in TEXT_SAMPLES if attr.check(label, v) is None]
            free = st.text(min_size=1, max_size=10).filter(
                lambda v, a=attr: v == v.strip() and v != "null" and a.check(label, v) is None
            )
            options = st.one_of(st.sampled_from(fitting), free, *([st.none()] if attr.nullable else []))
        values[attr.name] = draw(options)
    return values


@st.composite
def documents(draw, doc_id: str) -> dict:
    text = "".join(draw(st.lists(chunks, max_size=25)))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=12)))
    spans = []
    ids = draw(st.lists(st.text(min_size=1, max_size=6), min_size=len(cuts), max_size=len(cuts), unique=True))
    for i, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        covered = text[start:end]
        if covered and covered == covered.strip():
            label = draw(st.sampled_from(INV.label_names))
            spans.append(
                {"id": ids[i], "start": start, "end": end, "label": label, "text": covered,
                 "attributes": draw(attribute_values(label))}
            )  # fmt: skip
    relations = []
    if len(spans) >= 2:
        for _ in range(draw(st.integers(0, 4))):
            head, tail = draw(st.lists(st.sampled_from(spans), min_size=2, max_size=2, unique_by=lambda s: s["id"]))
            relations.append(
                {"head": head["id"], "tail": tail["id"], "label": draw(st.sampled_from(INV.relation_names))}
            )
    doc = {"id": doc_id, "text": text, "spans": spans, "relations": relations}
    if draw(st.booleans()):
        doc["metadata"] = {"source": draw(st.text(max_size=5))}
    return doc


corpora = st.lists(st.text(min_size=1, max_size=5), max_size=4, unique=True).flatmap(
    lambda ids: st.tuples(*[documents(i) for i in ids]).map(list)
)


@settings(max_examples=150, deadline=None)
@given(corpora)
def test_documents_survive_tasks_and_export(docs):
    assert round_trip(docs) == canonical(docs)


@settings(max_examples=60, deadline=None)
@given(corpora)
def test_documents_as_predictions_come_back_from_predictions_only(docs):
    submission = [{"id": d["id"], "spans": d["spans"], "relations": d["relations"]} for d in docs]
    bare = [{**d, "spans": [], "relations": []} for d in docs]
    tasks = as_export(documents_to_tasks(bare, predictions=submission, model_version="m1"))
    assert canonical(export_to_documents(tasks, source="e")) == canonical(bare)
    assert [dumps(d) for d in export_to_documents(tasks, source="e", predictions="m1")] == canonical(docs)


@given(st.one_of(numbers, st.lists(numbers, min_size=2, max_size=2), st.none()))
def test_number_text_form_keeps_value_and_type(value):
    assert dumps(parse_number(format_number(value))) == dumps(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("45000000000", 45000000000), ("5.3", 5.3), (" 1600000000..1900000000 ", [1600000000, 1900000000]),
     ("-2.5..-1", [-2.5, -1]), ("null", None), ("1e-05", 1e-05)],
)  # fmt: skip
def test_number_text_forms_that_annotators_type(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["45,000", "45 billion", "1..2..3", "..", "NaN", "1e999", "0x10", ""])
def test_number_text_forms_that_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_inventory_fixture_round_trips_and_covers_everything():
    docs = inventory_documents()
    assert round_trip(docs) == canonical(docs)
    spans = [s for d in docs for s in d["spans"]]
    assert {s["label"] for s in spans} == set(INV.label_names)
    assert {r["label"] for d in docs for r in d["relations"]} == set(INV.relation_names)
    for attr in INV.attributes:
        seen = [s["attributes"][attr.name] for s in spans if attr.name in s["attributes"]]
        assert seen, attr.name
        if attr.type == "choice":
            assert set(seen) == set(attr.values)
        if attr.nullable:
            assert None in seen


def annotated(result, **fields):
    return {"result": result, "was_cancelled": False, "ground_truth": False, **fields}


def span_item(region, start, end, label):
    return {"id": region, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "labels": [label]}}  # fmt: skip


LABEL_A, LABEL_B = INV.label_names[:2]
RELATION = INV.relation_names[0]


def task_with(*annotations, text="alpha beta gamma"):
    return {"id": 7, "data": {"doc_id": "d1", "text": text}, "annotations": list(annotations), "predictions": []}


def test_the_ground_truth_annotation_wins_and_cancelled_ones_are_ignored():
    gold = annotated([span_item("a", 0, 5, LABEL_A)], ground_truth=True)
    other = annotated([span_item("b", 6, 10, LABEL_B)])
    cancelled = annotated([], was_cancelled=True, ground_truth=True)
    [doc] = export_to_documents([task_with(other, gold, cancelled)], source="e")
    assert [(s["id"], s["text"]) for s in doc["spans"]] == [("a", "alpha")]


def test_relation_directions_left_and_right():
    items = [span_item("a", 0, 5, LABEL_A), span_item("b", 6, 10, LABEL_B)]
    left = {"type": "relation", "from_id": "a", "to_id": "b", "direction": "left", "labels": [RELATION]}
    right = {**left, "direction": "right"}
    [doc] = export_to_documents([task_with(annotated([*items, left, right]))], source="e")
    assert doc["relations"] == [
        {"head": "b", "tail": "a", "label": RELATION},
        {"head": "a", "tail": "b", "label": RELATION},
    ]


def test_offsets_come_from_start_end_not_from_the_displayed_text():
    item = span_item("a", 0, 5, LABEL_A)
    item["value"]["text"] = "alph a"  # what a browser that collapses whitespace might send
    [doc] = export_to_documents([task_with(annotated([item]), text="al\r\nha beta")], source="e")
    assert doc["spans"][0]["text"] == "al\r\nh"


def test_a_literal_null_text_is_refused_on_push_for_nullable_attributes():
    attr = next(a for a in INV.attributes if a.nullable and a.type == "text")
    label = attr.labels[0]
    span = {"id": "s", "start": 0, "end": 3, "label": label, "text": "abc", "attributes": {attr.name: "null"}}
    doc = {"id": "d", "text": "abc", "relations": [], "spans": [span]}
    with pytest.raises(InputError, match="null"):
        documents_to_tasks([doc])
