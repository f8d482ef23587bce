"""The Label Studio labeling config, generated from schema/labels.json (nothing in it is typed by hand).

Names used in results: the span labels are the `label` control on the `text` object; each attribute is
a per-region control named after the attribute. The attribute controls of a group of labels sit in a
View that Label Studio shows only while a region carrying one of those labels is selected
(`visibleWhen="region-selected" whenLabelValue="A,B"`: the frontend splits the value on commas).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from econfacts.schema.inventory import Attribute, Inventory, load_inventory

LABELS_NAME = "label"
TEXT_NAME = "text"
RESERVED_NAMES = (LABELS_NAME, TEXT_NAME, "doc_id")

# The text form of a `number` attribute in its TextArea (see README.md's annotator section).
NUMBER_HINT = "a number such as 45000000000 or 5.3, a range low..high, or null"
NULL_TEXT = "null"


def attribute_hint(attr: Attribute) -> str:
    if attr.type == "number":
        return NUMBER_HINT
    return attr.definition


def attribute_groups(inv: Inventory) -> list[tuple[tuple[str, ...], list[Attribute]]]:
    """Attributes grouped by the exact set of labels they apply to, in inventory order."""
    groups: dict[tuple[str, ...], list[Attribute]] = {}
    for attr in inv.attributes:
        labels = tuple(name for name in inv.label_names if name in attr.labels)
        groups.setdefault(labels, []).append(attr)
    return list(groups.items())


def _check_names(inv: Inventory) -> None:
    for attr in inv.attributes:
        if attr.name in RESERVED_NAMES:
            raise ValueError(f"attribute name {attr.name!r} collides with a control of the labeling config")
        if attr.type not in ("choice", "number", "text"):
            raise ValueError(f"attribute {attr.name!r} has type {attr.type!r}, which the labeling config cannot show")


def build_config(inv: Inventory | None = None) -> str:
    inv = inv or load_inventory()
    _check_names(inv)
    view = ET.Element("View")
    ET.SubElement(view, "Header", value="$doc_id", size="5")
    relations = ET.SubElement(view, "Relations", choice="single")
    for rel in inv.relations:
        ET.SubElement(relations, "Relation", value=rel.name, hint=f"{rel.definition} ({rel.describe()})")
    labels = ET.SubElement(view, "Labels", name=LABELS_NAME, toName=TEXT_NAME, choice="single", showInline="true")
    for span in inv.span_labels:
        ET.SubElement(labels, "Label", value=span.name, background=span.color, hotkey=span.hotkey, hint=span.definition)
    ET.SubElement(view, "Text", name=TEXT_NAME, value=f"${TEXT_NAME}")
    for group_labels, attrs in attribute_groups(inv):
        panel = ET.SubElement(
            view, "View", visibleWhen="region-selected", whenTagName=LABELS_NAME, whenLabelValue=",".join(group_labels)
        )
        for attr in attrs:
            ET.SubElement(panel, "Header", value=attr.name, size="6")
            if attr.type == "choice":
                choices = ET.SubElement(
                    panel,
                    "Choices",
                    name=attr.name,
                    toName=TEXT_NAME,
                    perRegion="true",
                    choice="single",
                    showInline="true",
                    hint=attr.definition,
                )
                for value in attr.values:
                    ET.SubElement(choices, "Choice", value=value)
            else:
                ET.SubElement(
                    panel,
                    "TextArea",
                    name=attr.name,
                    toName=TEXT_NAME,
                    perRegion="true",
                    editable="true",
                    maxSubmissions="1",
                    rows="1",
                    placeholder=attribute_hint(attr),
                )
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"
