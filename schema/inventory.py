"""Typed access to schema/labels.json, the single source of labels, relations and attributes."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Attribute:
    name: str
    definition: str
    labels: tuple[str, ...]
    type: str  # "choice" | "number" | "text"
    values: tuple[str, ...] = ()
    required: bool = True
    nullable: bool = False
    pattern: str | None = None
    per_label: dict = field(default_factory=dict, hash=False, compare=False)

    def constraint_for(self, label: str) -> dict:
        """The pattern or enum that a text attribute must satisfy on spans of this label."""
        rule = dict(self.per_label.get(label, {}))
        if self.pattern and "pattern" not in rule:
            rule["pattern"] = self.pattern
        return rule

    def check(self, label: str, value: object) -> str | None:
        """Return why `value` is not allowed on a span of `label`, or None when it is."""
        from econfacts.jsonl import is_finite_number

        if value is None:
            return None if self.nullable else "must not be null"
        if self.type == "choice":
            if value not in self.values:
                return f"{value!r} is not one of {', '.join(self.values)}"
        elif self.type == "number":
            if isinstance(value, list):
                if len(value) != 2 or not all(is_finite_number(v) for v in value):
                    return "a range must be [low, high] with two finite numbers"
                if value[0] > value[1]:
                    return f"range low {value[0]} is greater than high {value[1]}"
            elif not is_finite_number(value):
                return f"{value!r} is not a finite number or [low, high] range"
        elif self.type == "text":
            if not isinstance(value, str) or not value.strip():
                return "must be a non-empty string"
            rule = self.constraint_for(label)
            if "enum" in rule and value not in rule["enum"]:
                return f"{value!r} is not one of {', '.join(rule['enum'])} for {label}"
            if "pattern" in rule and not re.fullmatch(rule["pattern"], value):
                return f"{value!r} does not match the {self.name} format for {label}"
        return None


@dataclass(frozen=True)
class Relation:
    name: str
    definition: str
    signatures: tuple[tuple[frozenset, frozenset], ...]

    def allows(self, head_label: str, tail_label: str) -> bool:
        return any(head_label in h and tail_label in t for h, t in self.signatures)

    def describe(self) -> str:
        return " or ".join(f"{'|'.join(sorted(h))} -> {'|'.join(sorted(t))}" for h, t in self.signatures)


@dataclass(frozen=True)
class SpanLabel:
    name: str
    definition: str
    color: str
    hotkey: str
    is_value: bool
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Inventory:
    version: str
    span_labels: tuple[SpanLabel, ...]
    relations: tuple[Relation, ...]
    attributes: tuple[Attribute, ...]
    raw: dict = field(hash=False, compare=False, repr=False)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.span_labels)

    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.relations)

    @property
    def value_labels(self) -> tuple[str, ...]:
        """Labels whose spans are values that carry a fact (MONEY, PERCENT, QUANTITY)."""
        return tuple(s.name for s in self.span_labels if s.is_value)

    def relation(self, name: str) -> Relation | None:
        return next((r for r in self.relations if r.name == name), None)

    def attributes_for(self, label: str) -> tuple[Attribute, ...]:
        return tuple(a for a in self.attributes if label in a.labels)

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


def parse_inventory(data: dict) -> Inventory:
    return Inventory(
        version=data["version"],
        span_labels=tuple(
            SpanLabel(
                name=s["name"],
                definition=s["definition"],
                color=s["color"],
                hotkey=s["hotkey"],
                is_value=bool(s.get("value", False)),
                examples=tuple(s.get("examples", ())),
            )
            for s in data["span_labels"]
        ),
        relations=tuple(
            Relation(
                name=r["name"],
                definition=r["definition"],
                signatures=tuple((frozenset(s["head"]), frozenset(s["tail"])) for s in r["signatures"]),
            )
            for r in data["relation_labels"]
        ),
        attributes=tuple(
            Attribute(
                name=a["name"],
                definition=a["definition"],
                labels=tuple(a["labels"]),
                type=a["type"],
                values=tuple(a.get("values", ())),
                required=a.get("required", True),
                nullable=a.get("nullable", False),
                pattern=a.get("pattern"),
                per_label=a.get("per_label", {}),
            )
            for a in data["attributes"]
        ),
        raw=data,
    )


def schema_file(name: str):
    return resources.files("econfacts.schema").joinpath(name)


@cache
def load_inventory() -> Inventory:
    return parse_inventory(json.loads(schema_file("labels.json").read_text(encoding="utf-8")))
