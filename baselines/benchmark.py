"""`econfacts benchmark`: every baseline on the official split and in leave-one-document-out
cross-validation, scored by the harness, written to the leaderboard with an error analysis.

Nothing is cached between runs; every number comes from fitting anew with fixed seeds.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from econfacts.baselines.commands import blind, load_docs
from econfacts.dataset.tokenize import sentences, tokens
from econfacts.errors import InputError
from econfacts.jsonl import atomic_write_text, dumps, write_jsonl

METRICS = ("facts", "spans.strict", "relations.strict")
AGREEMENT_FILE = Path(__file__).resolve().parent.parent / "dataset" / "agreement.json"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def headline_f1(report: dict) -> dict[str, float]:
    return {
        "facts": report["facts"]["f1"],
        "spans.strict": report["spans"]["strict"]["micro"]["f1"],
        "relations.strict": report["relations"]["strict"]["micro"]["f1"],
    }


def n_tokens(docs: list[dict]) -> int:
    return sum(len(tokens(d["text"])) for d in docs)


def run_once(name: str, train: list[dict], test: list[dict], seed: int, params: dict) -> tuple[list[dict], dict]:
    """Fit on `train`, predict `test` (without its annotations); records and timings."""
    from econfacts.baselines.base import submission_problems
    from econfacts.baselines.registry import build

    model = build(name, random_state=seed, **params)
    t0 = time.perf_counter()
    # Training order is fixed by id, so that the same documents give the same model whatever the split.
    model.fit(sorted(train, key=lambda d: d["id"]))
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    records = model.predict(blind(test))
    predict_s = time.perf_counter() - t0
    problems = submission_problems(records, test)
    if problems:
        raise RuntimeError(f"{name} produced an invalid submission: {problems[0]}")
    return records, {"train_seconds": fit_s, "predict_seconds": predict_s,
                     "tokens_per_second": n_tokens(test) / predict_s if predict_s > 0 else None,
                     "config": {k: repr(v) for k, v in model.get_params(deep=False).items()}}  # fmt: skip


def error_analysis(gold: list[dict], pred: list[dict], top: int = 5) -> dict[str, dict[str, list]]:
    """label -> {"false_positives": [...], "false_negatives": [...]}: the most frequent surfaces, each
    with its count and the sentence of its first occurrence (exact span matching)."""
    by_id = {p["id"]: p for p in pred}
    found: dict[str, dict[str, Counter]] = defaultdict(
        lambda: {"false_positives": Counter(), "false_negatives": Counter()}
    )
    example: dict[tuple, str] = {}
    for doc in gold:
        text = doc["text"]
        sents = sentences(text)
        g = {(s["start"], s["end"], s["label"]) for s in doc["spans"]}
        p = {(s["start"], s["end"], s["label"]) for s in by_id.get(doc["id"], {"spans": []})["spans"]}
        for kind, items in (("false_positives", p - g), ("false_negatives", g - p)):
            for start, end, label in sorted(items):
                surface = " ".join(text[start:end].split())
                found[label][kind][surface] += 1
                sent = next(((a, b) for a, b in sents if a <= start < b), (start, end))
                example.setdefault((label, kind, surface), " ".join(text[sent[0] : sent[1]].split()))
    def listing(label, kind, counts):
        return [{"text": s, "count": c, "sentence": example[(label, kind, s)]} for s, c in counts.most_common(top)]

    return {lab: {kind: listing(lab, kind, c) for kind, c in kinds.items()} for lab, kinds in sorted(found.items())}


def render_errors(results: dict) -> str:
    lines = ["# Error analysis of the baselines on the test split", "",
             "Exact span matching (start, end, label). For each label: the most frequent false positives and false "
             "negatives, with their count and the sentence of the first occurrence. Written by `econfacts benchmark`.",
             ""]  # fmt: skip
    for name, res in results["baselines"].items():
        lines += [f"## {name}", ""]
        for label, kinds in res["errors"].items():
            lines += [f"### {label}", ""]
            for kind, items in kinds.items():
                if not items:
                    continue
                lines.append(f"**{kind.replace('_', ' ')}**")
                lines.append("")
                for it in items:
                    sentence = it["sentence"].replace("|", "\\|")
                    lines.append(f"- `{it['text']}` ×{it['count']}: {sentence}")
                lines.append("")
    return "\n".join(lines) + "\n"


def ceiling_entry() -> tuple[dict | None, str]:
    """The human-agreement ceiling from dataset/agreement.json, when the gold work has written it."""
    if not AGREEMENT_FILE.exists():
        return None, f"no human-agreement ceiling: {AGREEMENT_FILE.name} does not exist yet"
    from econfacts.eval.report import headline

    data = json.loads(AGREEMENT_FILE.read_text(encoding="utf-8"))
    report = data.get("report", data)
    try:
        scores = data["scores"] if "scores" in data else headline(report)
        signature = data.get("signature") or report["signature"]
    except (KeyError, TypeError):
        return None, f"no human-agreement ceiling: {AGREEMENT_FILE.name} has neither scores nor a scorer report"
    entry = {"name": "human agreement (pass A vs pass B)", "kind": "ceiling", "signature": signature,
             "scores": scores, "split": data.get("split", "all"),
             "date": data.get("date") or time.strftime("%Y-%m-%d", time.gmtime()),
             "notes": "inter-annotator agreement: an upper bound, not a system"}  # fmt: skip
    return entry, "human-agreement ceiling added"


def run_benchmark(*, quick: bool, out_dir: Path, leaderboard_dir: Path, gold: str | None, seeds: int,
                  only: list[str] | None, model: str | None) -> int:  # fmt: skip
    from econfacts.baselines.registry import BASELINES, SEEDED
    from econfacts.dataset.splits import split_table
    from econfacts.eval import leaderboard, score
    from econfacts.eval.leaderboard import entry_from_report

    names = list(only or BASELINES)
    for name in names:
        if name not in BASELINES:
            raise InputError(f"unknown baseline {name!r} (known: {', '.join(BASELINES)})", field="--only")
    seeds = 1 if quick else seeds
    if seeds < 1:
        raise InputError("must be at least 1", field="--seeds")
    params_for = {"transformer+learned": {"model": model, "epochs": 1 if quick else None}}
    folds = sorted(split_table()["folds"])
    train, test = load_docs("train+validation", gold), load_docs("test", gold)
    fold_docs = {f: (load_docs(f"{f}/train", gold), load_docs(f"{f}/test", gold)) for f in folds}
    lb_path = (out_dir if quick else leaderboard_dir) / "leaderboard.json"
    results: dict = {"quick": quick, "seeds": seeds, "folds": folds, "baselines": {}}
    started = time.perf_counter()
    for i, name in enumerate(names, 1):
        params = params_for.get(name, {})
        run_seeds = list(range(seeds)) if name in SEEDED else [0]
        log(f"[{i}/{len(names)}] {name}: official split (train+validation -> test), seeds {run_seeds}")
        runs = []
        for seed in run_seeds:
            records, timing = run_once(name, train, test, seed, params)
            report = score(test, records, split="test", bootstrap=1000, seed=12345)
            runs.append((seed, records, timing, report))
            f1 = headline_f1(report)
            log(f"    seed {seed}: fact F1 {f1['facts']:.3f}, span F1 {f1['spans.strict']:.3f},"
                f" relation F1 {f1['relations.strict']:.3f}; train {timing['train_seconds']:.1f}s, "
                f"{timing['tokens_per_second'] or 0:.0f} tokens/s")  # fmt: skip
        seed0, records0, timing0, report0 = runs[0]
        write_jsonl(out_dir / "submissions" / f"{name}.test.jsonl", records0)
        cv: dict[str, list[float]] = defaultdict(list)
        cv_seed = run_seeds[0]
        same_as_official = (sorted(d["id"] for d in train), sorted(d["id"] for d in test))
        for fold in folds:
            fold_train, fold_test = fold_docs[fold]
            if (sorted(d["id"] for d in fold_train), sorted(d["id"] for d in fold_test)) == same_as_official:
                # The same documents and seed as the official run: its predictions are this fold's.
                log(f"    cross-validation {fold} (seed {cv_seed}): the official run's predictions")
                fold_records = records0
            else:
                log(f"    cross-validation {fold} (seed {cv_seed})")
                fold_records, _ = run_once(name, fold_train, fold_test, cv_seed, params)
            for metric, value in headline_f1(score(fold_test, fold_records, split=f"{fold}/test", bootstrap=0)).items():
                cv[metric].append(value)
        seed_f1 = {m: [headline_f1(r[3])[m] for r in runs] for m in METRICS}
        entry = entry_from_report(report0, name=name, split="test", sha256=None)
        entry["cv"] = {m: {"mean": float(np.mean(v)), "std": float(np.std(v)), "folds": v} for m, v in cv.items()}
        notes = [f"train {timing0['train_seconds']:.1f}s, {timing0['tokens_per_second'] or 0:.0f} tokens/s predicting"]
        if len(runs) > 1:
            notes.append("test fact F1 over seeds {}: {:.1f} ± {:.1f} (scores shown: seed {})".format(
                run_seeds, 100 * np.mean(seed_f1["facts"]), 100 * np.std(seed_f1["facts"]), seed0))  # fmt: skip
        entry["notes"] = "; ".join(notes)
        leaderboard.add_entry(lb_path, entry, replace=True)
        results["baselines"][name] = {
            "test": {"seeds": run_seeds, "f1": seed_f1,
                     "mean": {m: float(np.mean(v)) for m, v in seed_f1.items()},
                     "std": {m: float(np.std(v)) for m, v in seed_f1.items()},
                     "report": report0},
            "cv": entry["cv"],
            "timing": [r[2] for r in runs],
            "errors": error_analysis(test, records0),
        }  # fmt: skip
    ceiling, note = ceiling_entry()
    log(note)
    results["ceiling"] = note
    if ceiling:
        leaderboard.add_entry(lb_path, ceiling, replace=True)
    results["seconds"] = time.perf_counter() - started
    atomic_write_text(out_dir / "results.json", dumps(results) + "\n")
    atomic_write_text(out_dir / "error_analysis.md", render_errors(results))
    markdown = leaderboard.show(lb_path)
    log(f"wrote {out_dir / 'results.json'}, {out_dir / 'error_analysis.md'}, {lb_path} (+ .md, .png) "
        f"in {results['seconds']:.0f}s")  # fmt: skip
    print(markdown)
    return 0
