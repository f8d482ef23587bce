"""The JSON Schemas (2020-12) for a document and a submission, generated from the label inventory.

The committed files schema/document.schema.json and schema/submission.schema.json are this module's
output; a test fails when they drift from labels.json.
"""

from __future__ import annotations

import json

from econfacts.schema.inventory import Attribute, Inventory

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://econfacts.org/schema/1/"


def _attribute_schema(attr: Attribute, label: str) -> dict:
    if attr.type == "choice":
        schema: dict = {"enum": list(attr.values)}
    elif attr.type == "number":
        finite = {"type": "number"}
        schema = {"oneOf": [finite, {"type": "array", "prefixItems": [finite, finite], "minItems": 2, "maxItems": 2}]}
    else:
        schema = {"type": "string", "minLength": 1}
        schema.update(attr.constraint_for(label))
    if attr.nullable:
        schema = {"anyOf": [schema, {"type": "null"}]}
    schema["description"] = attr.definition
    return schema


def _per_label_attributes(inv: Inventory, *, submission: bool) -> list[dict]:
    rules = []
    for label in inv.label_names:
        attrs = inv.attributes_for(label)
        body: dict = {
            "type": "object",
            "properties": {a.name: _attribute_schema(a, label) for a in attrs},
            "additionalProperties": False,
        }
        if not submission:
            body["required"] = [a.name for a in attrs if a.required]
        rules.append(
            {
                "if": {"properties": {"label": {"const": label}}, "required": ["label"]},
                "then": {"properties": {"attributes": body}},
            }
        )
    return rules


def build_schema(inv: Inventory, *, submission: bool) -> dict:
    span_required = (
        ["id", "start", "end", "label"] if submission else ["id", "start", "end", "label", "text", "attributes"]
    )
    span = {
        "type": "object",
        "required": span_required,
        "additionalProperties": False,
        "properties": {
            "id": {
                "type": "string",
                "minLength": 1,
                "description": "Unique within the document; relations refer to it.",
            },
            "start": {"type": "integer", "minimum": 0, "description": "Code-point offset of the first character."},
            "end": {"type": "integer", "minimum": 1, "description": "Code-point offset after the last character."},
            "label": {"enum": list(inv.label_names)},
            "text": {"type": "string", "minLength": 1, "description": "Must equal text[start:end]."},
            "attributes": {"type": "object"},
        },
        "allOf": _per_label_attributes(inv, submission=submission),
    }
    relation = {
        "type": "object",
        "required": ["head", "tail", "label"],
        "additionalProperties": False,
        "properties": {
            "head": {"type": "string", "minLength": 1},
            "tail": {"type": "string", "minLength": 1},
            "label": {"enum": list(inv.relation_names)},
        },
    }
    properties = {
        "id": {"type": "string", "minLength": 1, "description": "Document id: the seed file stem."},
        "text": {"type": "string"},
        "spans": {"type": "array", "items": {"$ref": "#/$defs/span"}},
        "relations": {"type": "array", "items": {"$ref": "#/$defs/relation"}},
    }
    required = ["id", "spans", "relations"] if submission else ["id", "text", "spans", "relations"]
    if not submission:
        properties["metadata"] = {"type": "object"}
    name = "submission" if submission else "document"
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{BASE_ID}{name}.schema.json",
        "title": f"EconFacts {name} record (label schema {inv.version})",
        "description": (
            "One line of a JSON Lines submission: predicted spans and relations for one document."
            if submission
            else "One line of a JSON Lines documents file: a text with its spans, relations and attributes."
        ),
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
        "$defs": {"span": span, "relation": relation},
    }


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
