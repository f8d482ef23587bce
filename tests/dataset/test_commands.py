"""`econfacts build`, `stats` and `export` through the command line."""

from __future__ import annotations

import shutil

import pytest

from econfacts.cli import main
from econfacts.dataset.splits import DATASET_DIR

from .conftest import FIXTURES


def test_build_writes_then_check_passes_and_then_fails_after_an_edit(tmp_path, capsys):
    pytest.importorskip("econfacts.studio.convert", reason="the Label Studio export converter has not landed")
    source = tmp_path / "ds"
    shutil.copytree(FIXTURES / "labelstudio", source / "labelstudio")
    shutil.copy(DATASET_DIR / "README.md", source / "README.md")
    assert main(["build", "--source", str(source)]) == 0
    out = capsys.readouterr().out
    assert "0 gold spans not on token boundaries" in out and "wrote" in out
    assert (source / "data" / "sentences" / "004_8137d2f7bf9e3325.parquet").exists()
    assert main(["build", "--source", str(source), "--check"]) == 0
    assert "check: up to date" in capsys.readouterr().out
    (source / "exports" / "conll" / "test.conll").write_text("", encoding="utf-8")
    assert main(["build", "--source", str(source), "--check"]) == 1
    captured = capsys.readouterr()
    assert "stale: exports/conll/test.conll: differs from a fresh build" in captured.err


def test_build_without_exports_is_a_one_line_error(tmp_path, capsys):
    assert main(["build", "--source", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no Label Studio export of the gold project" in err


def test_stats_prints_every_split(capsys):
    assert main(["stats", "--gold", str(FIXTURES / "documents.jsonl"), "--no-write"]) == 0
    out = capsys.readouterr().out
    assert "Spans per label" in out and "validation" in out and "PERCENT" in out


def test_export_writes_conll_and_spacy(tmp_path, capsys):
    gold = str(FIXTURES / "documents.jsonl")
    assert main(["export", "--format", "conll", "--split", "fold2/test", "--gold", gold,
                 "--out", str(tmp_path / "t.conll")]) == 0
    assert (tmp_path / "t.conll").read_text(encoding="utf-8").startswith("# doc_id = 002_9aae8902d38589ae\n")
    assert main(["export", "--format", "spacy", "--gold", gold, "--out", str(tmp_path / "t.jsonl")]) == 0
    assert '"id":"004_8137d2f7bf9e3325"' in (tmp_path / "t.jsonl").read_text(encoding="utf-8")
