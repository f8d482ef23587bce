"""A malformed export gives one line naming the file, the task and the field, and exit code 2."""

from __future__ import annotations

import copy
import json

import pytest

from econfacts.cli import main
from econfacts.schema.inventory import load_inventory

INV = load_inventory()
# A relation between two labels that carry no attributes keeps the good export small and valid.
RELATION, LABEL_A, LABEL_B = next(
    (rel.name, head, tail)
    for rel in INV.relations
    for heads, tails in rel.signatures
    for head in sorted(heads)
    for tail in sorted(tails)
    if not INV.attributes_for(head) and not INV.attributes_for(tail)
)


def good_export() -> list[dict]:
    result = [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 5, "text": "alpha", "labels": [LABEL_A]}},
        {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 6, "end": 10, "text": "beta", "labels": [LABEL_B]}},
        {"type": "relation", "from_id": "a", "to_id": "b", "direction": "right", "labels": [RELATION]},
    ]  # fmt: skip
    annotation = {"id": 3, "result": result, "was_cancelled": False, "ground_truth": True}
    return [{"id": 41, "data": {"doc_id": "d1", "text": "alpha beta"}, "annotations": [annotation], "predictions": []}]


def result_of(export):
    return export[0]["annotations"][0]["result"]


def missing_result_id(e):
    del result_of(e)[0]["id"]


def relation_to_missing_region(e):
    result_of(e)[2]["to_id"] = "zz"


def unknown_label(e):
    result_of(e)[0]["value"]["labels"] = ["NOT_A_LABEL"]


def offsets_past_the_text(e):
    result_of(e)[1]["value"]["end"] = 99


def relation_without_label(e):
    result_of(e)[2]["labels"] = []


def bidirectional_relation(e):
    result_of(e)[2]["direction"] = "bi"


def two_ground_truths(e):
    e[0]["annotations"].append(copy.deepcopy(e[0]["annotations"][0]))


def several_and_no_ground_truth(e):
    e[0]["annotations"][0]["ground_truth"] = False
    e[0]["annotations"].append(copy.deepcopy(e[0]["annotations"][0]))


def attribute_of_a_missing_region(e):
    attr = INV.attributes[0]
    result_of(e).append(
        {"id": "q", "from_name": attr.name, "to_name": "text", "type": "textarea", "value": {"text": ["x"]}}
    )


def unknown_control(e):
    result_of(e).append(
        {"id": "a", "from_name": "mystery", "to_name": "text", "type": "textarea", "value": {"text": ["x"]}}
    )


def not_a_list(e):
    e[:] = []
    e.append({"oops": True})


CASES = [
    (missing_result_id, "result[0].id"),
    (relation_to_missing_region, "result[2].to_id"),
    (unknown_label, "NOT_A_LABEL"),
    (offsets_past_the_text, "past the end of the text"),
    (relation_without_label, "has no label"),
    (bidirectional_relation, "directed"),
    (two_ground_truths, "2 are marked ground truth"),
    (several_and_no_ground_truth, "none is marked ground truth"),
    (attribute_of_a_missing_region, "missing region"),
    (unknown_control, "unknown control"),
    (not_a_list, "data"),
]


@pytest.mark.parametrize(("break_it", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_malformed_export_is_one_line_and_exit_2(tmp_path, capsys, break_it, expected):
    export = good_export()
    break_it(export)
    path = tmp_path / "project.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert main(["studio", "convert", str(path), "--out", str(tmp_path / "docs.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"econfacts: error: {path}:task ")
    assert expected in err
    assert not (tmp_path / "docs.jsonl").exists()


def test_the_good_export_converts(tmp_path, capsys):
    path = tmp_path / "project.json"
    path.write_text(json.dumps(good_export()), encoding="utf-8")
    assert main(["studio", "convert", str(path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["relations"] == [{"head": "a", "tail": "b", "label": RELATION}]


def test_quick_export_with_prediction_ids_is_explained(tmp_path, capsys):
    export = good_export()
    export[0]["predictions"] = [12]
    path = tmp_path / "quick.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert main(["studio", "convert", str(path), "--predictions", "m1"]) == 2
    assert "full snapshot" in capsys.readouterr().err


def test_invalid_json_file(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    assert main(["studio", "convert", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"econfacts: error: {path}: invalid JSON")
