"""The label inventory is consistent, and the committed JSON Schemas are exactly what it generates."""

from __future__ import annotations

import json

from econfacts.schema.inventory import load_inventory, schema_file
from econfacts.schema.jsonschemas import build_schema, render


def test_version_is_semantic():
    parts = load_inventory().version.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)


def test_relations_and_attributes_refer_to_known_labels():
    inv = load_inventory()
    labels = set(inv.label_names)
    for rel in inv.relations:
        for heads, tails in rel.signatures:
            assert heads <= labels and tails <= labels, rel.name
    for attr in inv.attributes:
        assert set(attr.labels) <= labels, attr.name
        assert attr.type in {"choice", "number", "text"}
        assert (attr.type == "choice") == bool(attr.values), attr.name


def test_names_hotkeys_and_colours_are_unique():
    inv = load_inventory()
    for values in (inv.label_names, inv.relation_names, [a.name for a in inv.attributes]):
        assert len(values) == len(set(values))
    assert len({s.hotkey for s in inv.span_labels}) == len(inv.span_labels)
    assert len({s.color for s in inv.span_labels}) == len(inv.span_labels)


def test_every_entry_has_a_one_sentence_definition():
    inv = load_inventory()
    for entry in (*inv.span_labels, *inv.relations, *inv.attributes):
        assert entry.definition.endswith(".") and len(entry.definition) > 10, entry.name


def test_committed_json_schemas_match_the_inventory():
    inv = load_inventory()
    for name, submission in (("document", False), ("submission", True)):
        committed = schema_file(f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == render(build_schema(inv, submission=submission)), f"run `econfacts schema` ({name})"
        assert json.loads(committed)["$schema"].endswith("2020-12/schema")


def test_time_value_pattern_accepts_the_documented_forms():
    value = load_inventory().attribute("value")
    for good in ("2023", "2023-01", "2024-Q1", "2024-H1", "2023-01-31", "2023-01/2023-05", "2022/2023"):
        assert value.check("TIME", good) is None, good
    for bad in ("23", "2023-13", "2023-Q5", "Q1 2024", "2023-01-32", "2023/"):
        assert value.check("TIME", bad) is not None, bad
