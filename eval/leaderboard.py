"""The leaderboard: a JSON file of scored entries, rendered as a Markdown table and a PNG chart.

An entry: {"name", "url", "date", "submission_sha256", "kind": "system" | "ceiling", "notes", "split",
"signature", "scores": {metric: {"f1", "ci95"}}, "cv"?: {metric: {"mean", "std", "folds"}}}, where metric is
one of facts, spans.strict, spans.exact, spans.partial, spans.type, relations.strict, relations.boundaries.
`add_entry` is the programmatic way in (the benchmark adds the human-agreement ceiling and
cross-validation columns with it); it rewrites the file atomically, so a failure leaves it as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from econfacts.errors import InputError
from econfacts.jsonl import atomic_write_bytes, atomic_write_text

KINDS = ("system", "ceiling")
COLUMNS = (("facts", "Fact F1"), ("spans.strict", "Span F1 (strict)"), ("relations.strict", "Relation F1 (strict)"))
DESCRIPTION = "EconFacts leaderboard; written by `econfacts leaderboard add` and econfacts.eval.leaderboard.add_entry."


def load(path: str | Path) -> dict:
    path = Path(path)
    if not path.exists():
        return {"description": DESCRIPTION, "entries": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"not a leaderboard file: {exc}", file=str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError("not a leaderboard file: needs an object with an entries list", file=str(path))
    for i, entry in enumerate(data["entries"]):
        check_entry(entry, file=str(path), record=f"entries[{i}]")
    return data


def check_entry(entry: object, *, file: str | None = None, record: str | None = None) -> None:
    where = dict(file=file, record=record)
    if not isinstance(entry, dict):
        raise InputError("an entry must be an object", **where)
    for key in ("name", "date", "signature"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise InputError("must be a non-empty string", field=key, **where)
    if entry.get("kind", "system") not in KINDS:
        raise InputError(f"must be one of {', '.join(KINDS)}", field="kind", **where)
    scores = entry.get("scores")
    if not isinstance(scores, dict) or not isinstance(scores.get("facts"), dict):
        raise InputError("needs scores.facts.f1", field="scores", **where)
    for metric, value in scores.items():
        f1 = value.get("f1") if isinstance(value, dict) else None
        if not isinstance(f1, (int, float)) or isinstance(f1, bool) or not 0 <= f1 <= 1:
            raise InputError("f1 must be a number in [0, 1]", field=f"scores.{metric}.f1", **where)


def add_entry(path: str | Path, entry: dict, *, replace: bool = False) -> dict:
    """Append `entry` (replacing one of the same name when `replace`); the file is rewritten atomically."""
    data = load(path)
    check_entry(entry, file=str(path), record=f"entry {entry.get('name')!r}" if isinstance(entry, dict) else None)
    entry = {"kind": "system", "url": None, "notes": None, **entry}
    same = [i for i, e in enumerate(data["entries"]) if e["name"] == entry["name"]]
    if same and not replace:
        raise InputError(f"an entry named {entry['name']!r} exists already", file=str(path), field="name")
    data["entries"] = [e for e in data["entries"] if e["name"] != entry["name"]] + [entry]
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    return entry


def entry_from_report(report: dict, *, name: str, split: str, sha256: str | None, url: str | None = None,
                      notes: str | None = None, kind: str = "system", date: str | None = None) -> dict:
    from econfacts.eval.report import headline

    return {
        "name": name,
        "url": url,
        "date": date or dt.datetime.now(dt.UTC).date().isoformat(),
        "submission_sha256": sha256,
        "kind": kind,
        "notes": notes,
        "split": split,
        "signature": report["signature"],
        "scores": headline(report),
    }


def add_submission(path: str | Path, submission: str | Path, *, name: str, url: str | None = None,
                   notes: str | None = None, kind: str = "system", gold_path=None, split: str | None = None,
                   resamples: int = 1000, seed: int = 12345) -> dict:
    """Validate and score `submission`, then record it; nothing is written when either step fails."""
    from econfacts.eval.scorer import score_file

    split = split if gold_path else (split or "test")
    report = score_file(submission, gold_path=gold_path, split=split, bootstrap=resamples, seed=seed)
    sha = hashlib.sha256(Path(submission).read_bytes()).hexdigest()
    entry = entry_from_report(report, name=name, split=split or "all", sha256=sha, url=url, notes=notes, kind=kind)
    return add_entry(path, entry)


def _sorted(entries: list[dict]) -> list[dict]:
    return sorted(entries, key=lambda e: (-e["scores"]["facts"]["f1"], e["name"]))


def _cell(score: dict | None) -> str:
    if not score:
        return "–"
    ci = score.get("ci95")
    return f"{100 * score['f1']:.1f} [{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]" if ci else f"{100 * score['f1']:.1f}"


def render_markdown(data: dict) -> str:
    entries = _sorted(data["entries"])
    if not entries:
        return "No leaderboard entries yet.\n"
    with_cv = any(e.get("cv") for e in entries)
    head = ["Rank", "System", *(title + " [95% CI]" for _, title in COLUMNS)]
    head += ["CV fact F1 (mean ± std)"] if with_cv else []
    head += ["Date", "Sig."]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    signatures: list[str] = []
    rank = 0
    for e in entries:
        if e["signature"] not in signatures:
            signatures.append(e["signature"])
        is_system = e.get("kind", "system") == "system"
        rank += is_system
        name = f"[{e['name']}]({e['url']})" if e.get("url") else e["name"]
        name = name if is_system else f"*{name}* (ceiling)"
        row = [str(rank) if is_system else "–", name, *(_cell(e["scores"].get(m)) for m, _ in COLUMNS)]
        if with_cv:
            cv = (e.get("cv") or {}).get("facts")
            row.append(f"{100 * cv['mean']:.1f} ± {100 * cv['std']:.1f}" if cv else "–")
        row += [e["date"], f"[{signatures.index(e['signature']) + 1}]"]
        lines.append("| " + " | ".join(row).replace("\n", " ") + " |")
    missing_ci = any(not (e["scores"].get(m) or {}).get("ci95") for e in entries for m, _ in COLUMNS)
    lines += ["", "Sorted by fact F1."]
    if missing_ci:
        lines += ["A score without an interval was computed on a single document, where a bootstrap over documents "
                  "has nothing to resample; the cross-validation spread shows the variation instead."]
    lines += ["", "Signatures:", ""]
    lines += [f"[{i}] `{s}`" + ("  " if i < len(signatures) else "") for i, s in enumerate(signatures, 1)]
    notes = [e for e in entries if e.get("notes")]
    if notes:
        lines += ["", "Notes:", ""] + [f"- {e['name']}: {e['notes']}" for e in notes]
    return "\n".join(lines) + "\n"


def render_png(data: dict) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    entries = _sorted(data["entries"])
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(entries) + 2), 4.5))
    x = np.arange(len(entries))
    width = 0.8 / len(COLUMNS)
    for k, (metric, title) in enumerate(COLUMNS):
        f1 = np.array([100 * e["scores"].get(metric, {}).get("f1", np.nan) for e in entries])
        err = np.array([
            [100 * (s["f1"] - s["ci95"][0]), 100 * (s["ci95"][1] - s["f1"])]
            if (s := e["scores"].get(metric)) and s.get("ci95") else [0, 0]
            for e in entries
        ]).reshape(-1, 2).T
        ax.bar(x + (k - 1) * width, f1, width, yerr=err, capsize=3, label=title)
    ax.set_xticks(x, [e["name"] + ("\n(ceiling)" if e.get("kind") == "ceiling" else "") for e in entries])
    ax.set_ylabel("F1 (%), 95% bootstrap CI")
    ax.set_ylim(0, 100)
    ax.set_title("EconFacts leaderboard")
    ax.legend(loc="upper right", fontsize="small")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def show(path: str | Path) -> str:
    """Render the leaderboard; write `<file>.md` and `<file>.png` beside it; return the Markdown."""
    path = Path(path)
    data = load(path)
    markdown = render_markdown(data)
    atomic_write_text(path.with_suffix(".md"), markdown)
    if data["entries"]:
        atomic_write_bytes(path.with_suffix(".png"), render_png(data))
    return markdown
