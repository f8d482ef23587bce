"""Leaderboard (on temporary files only), agreement with kappa checked against scikit-learn, and the CLI."""

import copy
import json
import random

import pytest

from econfacts.cli import main
from econfacts.errors import InputError
from econfacts.eval import score_file
from econfacts.eval.agreement import agreement, cohen_kappa
from econfacts.eval.leaderboard import add_entry, load, show
from econfacts.eval.synthetic import corpus
from econfacts.jsonl import read_jsonl, write_jsonl


@pytest.fixture
def files(tmp_path):
    gold, good = corpus(8, 15, seed=11, noise=0.1)
    _, bad = corpus(8, 15, seed=11, noise=0.5)
    paths = {name: tmp_path / f"{name}.jsonl" for name in ("gold", "good", "bad")}
    for name, docs in (("gold", gold), ("good", good), ("bad", bad)):
        write_jsonl(paths[name], docs)
    return paths


def test_eval_cli_writes_json_with_headline_keys(files, tmp_path, capsys):
    out = tmp_path / "scores.json"
    rc = main(["eval", str(files["good"]), "--gold", str(files["gold"]), "--resamples", "50", "--json", str(out)])
    printed = capsys.readouterr().out
    assert rc == 0
    report = json.loads(out.read_text())
    f1 = report["spans"]["strict"]["micro"]["f1"]
    assert 0 < f1 < 1 and len(report["spans"]["strict"]["micro"]["ci95"]) == 2
    assert len(report["relations"]["strict"]["micro"]["ci95"]) == 2
    assert 0 < report["facts"]["f1"] <= 1 and len(report["facts"]["ci95"]) == 2
    assert report["signature"] in printed and f"{100 * f1:5.1f}" in printed
    assert report == score_file(files["good"], gold_path=files["gold"], split=None, bootstrap=50)


def test_split_of_a_gold_file(tmp_path, capsys):
    from econfacts.dataset.splits import split_ids, split_names

    assert "test" in split_names()
    ids = split_ids("fold0/train") + split_ids("fold0/test")
    gold, pred = corpus(len(ids), 10, seed=3)
    for g, p, i in zip(gold, pred, ids, strict=True):
        g["id"] = p["id"] = i
    write_jsonl(tmp_path / "gold.jsonl", gold)
    write_jsonl(tmp_path / "pred.jsonl", [p for p in pred if p["id"] in split_ids("fold0/test")])
    rc = main(["eval", str(tmp_path / "pred.jsonl"), "--gold", str(tmp_path / "gold.jsonl"),
               "--split", "fold0/test", "--resamples", "0"])
    assert rc == 0 and "split:fold0/test|docs:1|" in capsys.readouterr().out
    rc = main(["eval", str(tmp_path / "pred.jsonl"), "--gold", str(tmp_path / "gold.jsonl"), "--split", "nope"])
    assert rc == 2 and "unknown split" in capsys.readouterr().err


def test_score_file_raises_one_input_error(files, tmp_path):
    recs = [obj for _, obj in read_jsonl(files["good"])]
    recs[0]["spans"][0]["label"] = "DATE"
    recs[1]["relations"].append({"head": "nope", "tail": "T0", "label": "subject"})
    bad = tmp_path / "bad.jsonl"
    write_jsonl(bad, recs)
    with pytest.raises(InputError) as exc:
        score_file(bad, gold_path=files["gold"], split=None)
    assert exc.value.file == str(bad) and exc.value.record.startswith("line 1")
    assert "more problems" in exc.value.reason


def test_compare_cli(files, tmp_path, capsys):
    out = tmp_path / "cmp.json"
    rc = main(["compare", str(files["bad"]), str(files["good"]), "--gold", str(files["gold"]),
               "--resamples", "100", "--trials", "100", "--json", str(out)])
    assert rc == 0
    result = json.loads(out.read_text())
    assert set(result["metrics"]) == {"spans.strict", "spans.exact", "spans.partial", "spans.type",
                                      "relations.strict", "relations.boundaries", "facts"}
    assert result["metrics"]["spans.strict"]["delta"] > 0
    assert "ar:100" in result["signature"] and "p (paired bootstrap)" in capsys.readouterr().out


def test_leaderboard_add_show_and_failed_add(files, tmp_path, capsys):
    board = tmp_path / "board.json"
    common = ["--gold", str(files["gold"]), "--resamples", "50", "--file", str(board)]
    assert main(["leaderboard", "add", str(files["bad"]), "--name", "Noisy", *common]) == 0
    assert main(["leaderboard", "add", str(files["good"]), "--name", "Good", "--url", "https://x.org", *common]) == 0
    before = board.read_bytes()
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "d000000", "spans": "x", "relations": []}\n')
    assert main(["leaderboard", "add", str(broken), "--name", "Broken", *common]) == 2
    assert main(["leaderboard", "add", str(files["good"]), "--name", "Good", *common]) == 2
    assert board.read_bytes() == before
    capsys.readouterr()
    assert main(["leaderboard", "show", "--file", str(board)]) == 0
    md = capsys.readouterr().out
    assert md.index("[Good](https://x.org)") < md.index("Noisy")  # sorted by fact F1
    assert board.with_suffix(".md").read_text() == md
    assert board.with_suffix(".png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    entry = load(board)["entries"][1]
    assert entry["submission_sha256"] and entry["scores"]["facts"]["ci95"] and entry["signature"]


def test_add_entry_ceiling_and_cv(tmp_path):
    board = tmp_path / "b.json"
    entry = {"name": "Human agreement", "date": "2025-01-01", "signature": "sig", "kind": "ceiling",
             "scores": {"facts": {"f1": 0.9, "ci95": [0.85, 0.95]}}, "cv": {"facts": {"mean": 0.5, "std": 0.1}}}
    add_entry(board, entry)
    add_entry(board, {**entry, "name": "CRF", "kind": "system", "scores": {"facts": {"f1": 0.4, "ci95": None}}})
    md = show(board)
    assert "*Human agreement* (ceiling)" in md and "| 1 | CRF |" in md and "50.0 ± 10.0" in md
    with pytest.raises(InputError):
        add_entry(board, {**entry, "scores": {"facts": {"f1": 1.5}}}, replace=True)
    with pytest.raises(InputError):
        add_entry(board, {**entry, "kind": "oracle"}, replace=True)
    add_entry(board, {**entry, "notes": "two annotators"}, replace=True)
    assert [e["name"] for e in load(board)["entries"]] == ["CRF", "Human agreement"]


@pytest.mark.parametrize("seed", range(10))
def test_kappa_matches_sklearn(seed):
    from sklearn.metrics import cohen_kappa_score

    rng = random.Random(seed)
    values = ["level", "change", "share", None][: rng.randint(2, 4)]
    a = [rng.choice(values) for _ in range(rng.randint(5, 60))]
    b = [x if rng.random() < 0.6 else rng.choice(values) for x in a]
    if len(set(a) | set(b)) == 1:
        b[0] = "other"
    assert cohen_kappa([str(x) for x in a], [str(x) for x in b]) == pytest.approx(
        cohen_kappa_score([str(x) for x in a], [str(x) for x in b])
    )


def test_kappa_undefined_cases():
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None
    assert cohen_kappa(["a", "b"], ["a", "b"]) == 1.0


def test_agreement_and_cli(files, tmp_path, capsys):
    gold = [obj for _, obj in read_jsonl(files["gold"])]
    assert agreement(gold, copy.deepcopy(gold))["spans"]["strict"]["micro"]["f1"] == 1.0
    good = [obj for _, obj in read_jsonl(files["good"])]
    by_id = {g["id"]: g["text"] for g in gold}
    for d in good:
        d["text"] = by_id[d["id"]]
        for s in d["spans"]:
            s.setdefault("text", d["text"][s["start"] : s["end"]])
    pass_b = tmp_path / "b.jsonl"
    write_jsonl(pass_b, good)
    md_path, json_path = tmp_path / "agree.md", tmp_path / "agree.json"
    rc = main(["agree", str(files["gold"]), str(pass_b), "--markdown", str(md_path), "--json", str(json_path)])
    assert rc == 0
    result = json.loads(json_path.read_text())
    assert 0 < result["spans"]["strict"]["micro"]["f1"] < 1
    assert set(result["attributes"]["kappa"]) == {"kind", "direction", "basis", "modality", "bound"}
    assert set(result["attributes"]["exact_match"]) == {"number", "unit", "value", "canonical"}
    md = md_path.read_text()
    assert md == capsys.readouterr().out and "Cohen's κ" in md and "TIME value" in md
    other = copy.deepcopy(good)
    other[0]["text"] = other[0]["text"] + " x"
    write_jsonl(pass_b, other)
    assert main(["agree", str(files["gold"]), str(pass_b)]) == 2
