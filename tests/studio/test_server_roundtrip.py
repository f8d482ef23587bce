"""documents -> push -> Label Studio -> pull gives the same documents, against a real server."""

from __future__ import annotations

import json

import pytest

from econfacts.cli import main
from econfacts.dataset.splits import GOLD_FILE
from econfacts.jsonl import dumps, read_jsonl, write_jsonl
from econfacts.studio.convert import export_to_documents
from econfacts.studio.projects import full_export, pull, push
from econfacts.studio.samples import inventory_documents

pytestmark = pytest.mark.server


def canonical(docs):
    """One line per document, sorted by id: a float that came back as an int would differ here."""
    return [dumps(d) for d in sorted(docs, key=lambda d: d["id"])]


def test_fixture_documents_survive_the_round_trip(studio_client, tmp_path):
    docs = inventory_documents()
    report = push(studio_client, "roundtrip-gold", docs, ground_truth=True)
    assert report.created and report.tasks == len(docs)
    assert report.annotations == sum(1 for d in docs if d["spans"] or d["relations"])
    pulled = pull(studio_client, "roundtrip-gold", out_dir=tmp_path / "docs", raw_dir=tmp_path / "raw")
    assert pulled.problems == []
    assert canonical(pulled.documents) == canonical(docs)
    assert [dumps(d) for _, d in read_jsonl(pulled.docs_path)] == canonical(docs)
    raw = json.loads(pulled.raw_path.read_bytes())
    assert {a["ground_truth"] for t in raw for a in t["annotations"]} == {True}


def test_pass_annotations_are_not_ground_truth_and_push_again_adds_nothing(studio_client, tmp_path):
    docs = inventory_documents()
    push(studio_client, "roundtrip-pass", docs)
    again = push(studio_client, "roundtrip-pass", docs)
    assert not again.created and again.tasks == 0 and sorted(again.skipped) == sorted(d["id"] for d in docs)
    raw = json.loads(full_export(studio_client, again.project_id))
    assert len(raw) == len(docs)
    assert {a["ground_truth"] for t in raw for a in t["annotations"]} == {False}
    assert canonical(export_to_documents(raw, source="export")) == canonical(docs)


def test_a_prediction_comes_back_as_a_prediction_not_as_gold(studio_client):
    docs = inventory_documents()
    bare = [{**d, "spans": [], "relations": []} for d in docs]
    submission = [{"id": d["id"], "spans": d["spans"], "relations": d["relations"]} for d in docs]
    report = push(studio_client, "roundtrip-predictions", bare, predictions=submission, model_version="baseline-x")
    assert report.annotations == 0 and report.predictions == len(docs)
    raw = json.loads(full_export(studio_client, report.project_id))
    assert all(t["annotations"] == [] for t in raw)
    assert {p["model_version"] for t in raw for p in t["predictions"]} == {"baseline-x"}
    assert canonical(export_to_documents(raw, source="export")) == canonical(bare)
    assert canonical(export_to_documents(raw, source="export", predictions="baseline-x")) == canonical(docs)
    project = studio_client.projects.get(report.project_id)
    assert project.model_version == "baseline-x"


def test_push_and_pull_commands(studio_env, tmp_path, capsys):
    docs = inventory_documents()
    write_jsonl(tmp_path / "docs.jsonl", docs)
    assert main(["studio", "push", "--project", "cli-pass", "--documents", str(tmp_path / "docs.jsonl")]) == 0
    out = tmp_path / "out"
    code = main(["studio", "pull", "--project", "cli-pass", "--out", str(out), "--raw-dir", str(tmp_path / "raw")])
    assert code == 0
    assert [dumps(d) for _, d in read_jsonl(out / "cli-pass.jsonl")] == canonical(docs)
    assert (tmp_path / "raw" / "cli-pass.json").is_file()
    assert studio_env.token not in capsys.readouterr().out


def test_push_refuses_a_label_outside_the_config_before_uploading(studio_env, studio_client, tmp_path, capsys):
    doc = inventory_documents()[0]
    doc["spans"][0]["label"] = "NOT_A_LABEL"
    write_jsonl(tmp_path / "bad.jsonl", [doc])
    assert main(["studio", "push", "--project", "cli-bad", "--documents", str(tmp_path / "bad.jsonl")]) == 2
    assert "NOT_A_LABEL" in capsys.readouterr().err
    assert all(p.title != "cli-bad" for p in studio_client.projects.list())


@pytest.mark.skipif(not GOLD_FILE.exists(), reason=f"{GOLD_FILE} does not exist yet (the gold is being produced)")
def test_the_whole_gold_survives_the_round_trip(studio_client, tmp_path):
    gold = [doc for _, doc in read_jsonl(GOLD_FILE)]
    push(studio_client, "roundtrip-whole-gold", gold, ground_truth=True)
    pulled = pull(studio_client, "roundtrip-whole-gold", out_dir=tmp_path, raw_dir=tmp_path)
    assert pulled.problems == []
    assert canonical(pulled.documents) == canonical(gold)


def test_serve_printed_the_address_and_never_the_secrets(studio_server):
    output = studio_server.output()
    assert f"Label Studio is up at {studio_server.url}" in output
    log = (studio_server.data_dir / "server.log").read_text(encoding="utf-8", errors="replace")
    for secret in (studio_server.token, studio_server.password):
        assert secret not in output and secret not in log
