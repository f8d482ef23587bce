"""`econfacts baseline` end to end on synthetic documents filed under the split ids."""

from econfacts.cli import main
from econfacts.schema.validate import validate_file


def test_baseline_writes_a_valid_submission(tmp_path, gold_file):
    out = tmp_path / "sub.jsonl"
    rc = main(["baseline", "rules+heuristic", "--train", "train+validation", "--predict", "test",
               "--gold", str(gold_file), "--out", str(out)])  # fmt: skip
    assert rc == 0
    from econfacts.dataset.splits import load_split

    texts = {d["id"]: d["text"] for d in load_split("test", gold_file)}
    records, problems = validate_file(out, submission=True, texts=texts)
    assert not problems and len(records) == 1 and records[0]["spans"]


def test_unknown_baseline_is_a_one_line_error(tmp_path, capsys):
    rc = main(["baseline", "crf+learnd", "--out", str(tmp_path / "x.jsonl")])
    err = capsys.readouterr().err
    assert rc == 2 and "did you mean 'crf+learned'" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.jsonl").exists()


def test_unknown_split_is_a_one_line_error(tmp_path, capsys, gold_file):
    rc = main(["baseline", "rules+heuristic", "--train", "nope", "--gold", str(gold_file),
               "--out", str(tmp_path / "x.jsonl")])  # fmt: skip
    assert rc == 2 and "unknown split" in capsys.readouterr().err
