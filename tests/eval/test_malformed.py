"""Malformed submissions: each one gives exactly one error line naming the file, exit code 2, no traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from econfacts.cli import main
from econfacts.jsonl import read_jsonl


def _gold(gold_path):
    return [obj for _, obj in read_jsonl(gold_path)]


def _as_submission(docs):
    return [{"id": d["id"], "spans": d["spans"], "relations": d["relations"]} for d in docs]


def _lines(records):
    return "".join(json.dumps(r, allow_nan=True) + "\n" for r in records).encode()


def _edit(fn):
    """A submission built from the gold by `fn(records)`, which edits the records in place."""

    def build(gold):
        recs = _as_submission(json.loads(json.dumps(gold)))
        fn(recs)
        return _lines(recs)

    return build


def _span(recs, **changes):
    recs[0]["spans"][0].update(changes)


def _rel(recs, **changes):
    recs[0]["relations"][0].update(changes)


def _raw(data: bytes):
    return lambda gold: data


def _first_then(raw_first: bytes):
    """The gold records with the first line replaced by `raw_first`."""
    return lambda gold: raw_first + b"\n" + _lines(_as_submission(gold)[1:])


CASES = {
    "bad JSON": (_first_then(b'{"id": "doc-a", "spans": ['), "invalid JSON"),
    "trailing garbage": (_first_then(b'{"id": "doc-a", "spans": [], "relations": []} x'), "invalid JSON"),
    "record is an array": (_first_then(b"[1, 2, 3]"), "JSON object"),
    "record is a string": (_first_then(b'"doc-a"'), "JSON object"),
    "spans is a string": (_edit(lambda r: r[0].update(spans="T1")), "spans"),
    "relations is an object": (_edit(lambda r: r[0].update(relations={})), "relations"),
    "start is a string": (_edit(lambda r: _span(r, start="7")), "start"),
    "start is a float": (_edit(lambda r: _span(r, start=7.5)), "start"),
    "start is a boolean": (_edit(lambda r: _span(r, start=True)), "start"),
    "start is a huge integer": (_first_then(b'{"id": "doc-a", "spans": [{"start": 1' + b"0" * 5000 + b"}]}"), "line 1"),
    "missing spans": (_edit(lambda r: r[0].pop("spans")), "spans"),
    "missing id": (_edit(lambda r: r[0].pop("id")), "id"),
    "unknown field": (_edit(lambda r: r[0].update(score=1)), "unknown field"),
    "unknown document": (_edit(lambda r: r.append({"id": "nope", "spans": [], "relations": []})), "nope"),
    "missing document": (_edit(lambda r: r.pop()), "missing"),
    "duplicate document": (_edit(lambda r: r.append(r[0])), "duplicate"),
    "end past the text": (_edit(lambda r: _span(r, end=10_000, text=None) or r[0]["spans"][0].pop("text")), "end"),
    "reversed offsets": (_edit(lambda r: _span(r, start=20, end=7)), "end"),
    "empty span": (_edit(lambda r: _span(r, end=r[0]["spans"][0]["start"])), "end"),
    "negative start": (_edit(lambda r: _span(r, start=-1)), "start"),
    "span text mismatch": (_edit(lambda r: _span(r, text="second quarter")), "text"),
    "span starts with a space": (_edit(lambda r: _span(r, start=6, text=" first quarter")), "whitespace"),
    "unknown span label": (_edit(lambda r: _span(r, label="DATE")), "label"),
    "lower-case span label": (_edit(lambda r: _span(r, label="time")), "label"),
    "unknown relation label": (_edit(lambda r: _rel(r, label="causes")), "label"),
    "overlapping spans": (
        _edit(lambda r: r[0]["spans"].append({"id": "X", "start": 8, "end": 20, "label": "TIME"})), "overlap"
    ),
    "duplicate span": (
        _edit(lambda r: r[0]["spans"].append({**r[0]["spans"][0], "id": "X"})), "overlap"
    ),
    "duplicate span id": (_edit(lambda r: r[0]["spans"][1].update(id=r[0]["spans"][0]["id"])), "duplicate span id"),
    "dangling relation head": (_edit(lambda r: _rel(r, head="T99")), "head"),
    "dangling relation tail": (_edit(lambda r: _rel(r, tail="T99")), "tail"),
    "duplicate relation": (_edit(lambda r: r[0]["relations"].append(dict(r[0]["relations"][0]))), "duplicate relation"),
    "relation to itself": (_edit(lambda r: _rel(r, tail=r[0]["relations"][0]["head"])), "itself"),
    "wrong argument labels": (_edit(lambda r: _rel(r, label="affiliation")), "does not allow"),
    "relation without label": (_edit(lambda r: r[0]["relations"][0].pop("label")), "label"),
    "NaN number": (_edit(lambda r: r[0]["spans"][3]["attributes"].update(number=float("nan"))), "NaN"),
    "Infinity number": (_edit(lambda r: r[0]["spans"][3]["attributes"].update(number=float("inf"))), "Infinity"),
    "number overflowing to infinity": (
        lambda gold: _lines(_as_submission(gold)).replace(b'"number": 5.3', b'"number": 1e999'), "number"
    ),
    "reversed range": (_edit(lambda r: r[0]["spans"][3]["attributes"].update(number=[9, 1])), "range"),
    "unknown attribute": (_edit(lambda r: r[0]["spans"][3]["attributes"].update(colour="red")), "colour"),
    "bad attribute value": (_edit(lambda r: r[0]["spans"][3]["attributes"].update(kind="sideways")), "kind"),
    "attribute on the wrong label": (_edit(lambda r: _span(r, attributes={"unit": "%"})), "unit"),
    "text differs from gold": (_edit(lambda r: r[0].update(text="another article")), "text"),
    "empty file": (_raw(b""), "no records"),
    "only blank lines": (_raw(b"\n\n  \n"), "no records"),
    "not UTF-8": (_first_then(b'{"id": "doc-a\xff", "spans": [], "relations": []}'), "UTF-8"),
    "nested 100,000 levels": (_first_then(b"[" * 100_000 + b"]" * 100_000), "nested"),
}


def _run(path, gold_path, capsys):
    rc = main(["eval", str(path), "--gold", str(gold_path), "--resamples", "0"])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("name", list(CASES))
def test_malformed_submission(name, tmp_path, gold_path, capsys):
    build, needle = CASES[name]
    path = tmp_path / "submission.jsonl"
    path.write_bytes(build(_gold(gold_path)))
    rc, out, err = _run(path, gold_path, capsys)
    lines = err.splitlines()
    assert rc == 2
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith(f"econfacts: error: {path}")
    assert needle.lower() in lines[0].lower(), lines[0]
    assert out == ""


def test_100_megabyte_file(tmp_path, gold_path, capsys):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"id": "doc-a", "spans": [], "relations": [], "pad": "')
        block = b"x" * (1 << 20)
        for _ in range(100):
            f.write(block)
        f.write(b'"}\n')
    assert path.stat().st_size > 100_000_000
    rc, _, err = _run(path, gold_path, capsys)
    assert rc == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert "bytes" in err and str(path) in err


def test_missing_file(tmp_path, gold_path, capsys):
    rc, _, err = _run(tmp_path / "absent.jsonl", gold_path, capsys)
    assert rc == 2 and len(err.splitlines()) == 1 and "cannot read" in err


def test_several_problems_are_summarised_on_one_line(tmp_path, gold_path, capsys):
    recs = _as_submission(_gold(gold_path))
    recs[0]["spans"][0]["label"] = "DATE"
    recs[1]["spans"][0]["start"] = -3
    path = tmp_path / "two.jsonl"
    path.write_bytes(_lines(recs))
    rc, _, err = _run(path, gold_path, capsys)
    assert rc == 2 and len(err.splitlines()) == 1
    assert "line 1" in err and "(and 1 more problems)" in err


def test_bom_and_crlf_are_accepted(tmp_path, gold_path, capsys):
    data = _lines(_as_submission(_gold(gold_path))).replace(b"\n", b"\r\n")
    path = tmp_path / "windows.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + data)
    rc, out, err = _run(path, gold_path, capsys)
    assert rc == 0, err
    assert "strict" in out and "signature: scorer:" in out


def test_real_process_prints_no_traceback(tmp_path, gold_path):
    """The installed command, not just main(): a deep line and bad JSON fail cleanly."""
    path = tmp_path / "deep.jsonl"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000 + b"\n")
    exe = Path(sys.executable).parent / "econfacts"
    done = subprocess.run([str(exe), "eval", str(path), "--gold", str(gold_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
