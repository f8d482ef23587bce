"""The labeling config is generated from the inventory and is what Label Studio's own parser expects."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from label_studio_sdk.label_interface import LabelInterface

from econfacts.cli import main
from econfacts.schema.inventory import load_inventory, parse_inventory
from econfacts.studio.config import LABELS_NAME, build_config


def test_every_label_relation_and_attribute_is_in_the_config():
    inv = load_inventory()
    root = ET.fromstring(build_config(inv))
    labels = {el.get("value"): el for el in root.iter("Label")}
    assert list(labels) == list(inv.label_names)
    for span in inv.span_labels:
        assert labels[span.name].get("background") == span.color
        assert labels[span.name].get("hotkey") == span.hotkey
    assert [el.get("value") for el in root.iter("Relation")] == list(inv.relation_names)
    controls = {el.get("name"): el for el in root.iter() if el.get("perRegion") == "true"}
    assert set(controls) == {a.name for a in inv.attributes}
    for attr in inv.attributes:
        assert controls[attr.name].tag == ("Choices" if attr.type == "choice" else "TextArea")
        if attr.type == "choice":
            assert [c.get("value") for c in controls[attr.name]] == list(attr.values)


def test_attribute_controls_show_only_for_the_labels_they_apply_to():
    inv = load_inventory()
    root = ET.fromstring(build_config(inv))
    for panel in root.iter("View"):
        if panel.get("visibleWhen") != "region-selected":
            continue
        assert panel.get("whenTagName") == LABELS_NAME
        shown_for = set(panel.get("whenLabelValue").split(","))
        for control in panel:
            if control.get("perRegion") == "true":
                assert shown_for == set(inv.attribute(control.get("name")).labels)


def test_label_studio_parses_it():
    inv = load_inventory()
    interface = LabelInterface(build_config(inv))
    assert interface.get_control(LABELS_NAME).labels == list(inv.label_names)


def test_a_label_added_to_the_inventory_appears_without_code_changes():
    raw = copy.deepcopy(load_inventory().raw)
    raw["span_labels"].append({"name": "POLICY", "definition": "A named policy.", "color": "#000000", "hotkey": "y"})
    raw["attributes"][0]["labels"].append("POLICY")
    root = ET.fromstring(build_config(parse_inventory(raw)))
    assert "POLICY" in [el.get("value") for el in root.iter("Label")]
    assert any("POLICY" in (v.get("whenLabelValue") or "").split(",") for v in root.iter("View"))


def test_config_command_writes_the_file(tmp_path):
    assert main(["studio", "config", "--out", str(tmp_path / "config.xml")]) == 0
    assert (tmp_path / "config.xml").read_text(encoding="utf-8") == build_config()


def test_the_annotators_hotkey_table_matches_the_inventory():
    import re
    from pathlib import Path

    doc = (Path(__file__).parent.parent.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(.)` \| (\w+) \| (.+) \|$", doc, flags=re.M)
    assert rows == [(s.hotkey, s.name, s.definition) for s in load_inventory().span_labels]
    for attr in load_inventory().attributes:
        assert f"`{attr.name}`" in doc, attr.name
