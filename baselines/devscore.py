"""Development scores of the relation and attribute baselines on the cross-validation folds.

`python -m econfacts.baselines.devscore [--baselines rules+heuristic,...] [--oracle] [--folds fold0,...]`

Trains on foldK/train and scores foldK/test for the development folds only (fold0..fold3, whose test
documents are 000..003); the official test document is never scored here, so that rules can be tuned
without looking at it. With --oracle the relation and attribute steps run on the gold spans of the
test document (its relations and attributes removed), which isolates their quality from the tagger's.
Prints span, relation and fact F1, attribute accuracy and the per-role accuracy of facts, pooled over
the folds (counts summed before F1).
"""

from __future__ import annotations

import argparse
import sys

DEV_FOLDS = ("fold0", "fold1", "fold2", "fold3")
DEFAULT_BASELINES = ("rules+heuristic", "rules+learned", "crf+heuristic", "crf+learned")


def oracle_input(doc: dict) -> dict:
    """The document with its gold spans (offsets and labels only): no relations, no attributes."""
    spans = [{"id": s["id"], "start": s["start"], "end": s["end"], "label": s["label"]} for s in doc["spans"]]
    return {k: doc[k] for k in ("id", "text", "metadata") if k in doc} | {"spans": spans}


def predict_on_spans(model, docs: list[dict]) -> list[dict]:
    """A fitted pipeline's attribute and relation steps applied to the documents' own spans."""
    from econfacts.baselines.base import to_record, with_ids

    out = []
    for doc in docs:
        spans = model.attributes_.annotate(doc, with_ids(doc["spans"]))
        relations = model.relations_.predict_relations(doc, spans) if model.relations_ is not None else []
        out.append(to_record(doc, spans, relations))
    return out


def fold_predictions(name: str, fold: str, oracle: bool, seed: int = 0) -> tuple[list[dict], list[dict]]:
    from econfacts.baselines.commands import blind
    from econfacts.baselines.registry import build
    from econfacts.dataset.splits import load_split

    if fold not in DEV_FOLDS:
        raise ValueError(f"{fold} is not a development fold")
    train, test = load_split(f"{fold}/train"), load_split(f"{fold}/test")
    if any(d["id"].startswith("004") for d in test):  # the official test document is never scored here
        raise ValueError(f"{fold} tests the official test document")
    if oracle:
        # Only the attribute and relation steps are scored on gold spans, so the tagger is not trained.
        model = build(name, random_state=seed)
        model.tagger_ = None
        from sklearn.base import clone

        from econfacts.baselines.attributes import RuleAttributes

        ordered = sorted(train, key=lambda d: d["id"])
        model.relations_ = clone(model.relations).fit(ordered) if model.relations is not None else None
        model.attributes_ = clone(model.attributes or RuleAttributes()).fit(ordered)
        return test, predict_on_spans(model, [oracle_input(d) for d in test])
    model = build(name, random_state=seed).fit(sorted(train, key=lambda d: d["id"]))
    return test, model.predict(blind(test))


def scores(name: str, folds=DEV_FOLDS, oracle: bool = False) -> dict:
    from econfacts.eval.scorer import score

    gold, pred = [], []
    for fold in folds:
        g, p = fold_predictions(name, fold, oracle)
        gold += g
        pred += p
    return score(gold, pred, split="dev-folds", bootstrap=0)


def render(name: str, report: dict, oracle: bool) -> str:
    rel = report["relations"]["strict"]
    lines = [
        f"== {name}{' (oracle spans)' if oracle else ''}",
        f"span strict F1 {report['spans']['strict']['micro']['f1']:.3f}  "
        f"relation strict F1 {rel['micro']['f1']:.3f}  fact F1 {report['facts']['f1']:.3f} "
        f"(P {report['facts']['precision']:.3f} R {report['facts']['recall']:.3f})",
        "  relations: "
        + "  ".join(f"{k} {v['f1']:.3f}" for k, v in rel["per_label"].items() if v.get("support", 1) is not None),
        "  fact roles: "
        + "  ".join(
            f"{k} {v['accuracy']:.3f} ({v['agree']}/{v['total']})" if v["accuracy"] is not None else f"{k} n/a"
            for k, v in report["facts"]["roles"].items()
        ),
        "  attributes: "
        + "  ".join(
            f"{k} {v['accuracy']:.3f}" if v["accuracy"] is not None else f"{k} n/a"
            for k, v in report["attributes"].items()
        ),
    ]
    return "\n".join(lines)


def role_errors(gold: list[dict], pred: list[dict], roles=("value_of", "period", "location", "subject")) -> str:
    """One line per value span matched strictly whose role fillers differ: gold and predicted fillers."""
    from econfacts.dataset.tokenize import sentences

    def fillers(doc):
        by_id = {s["id"]: s for s in doc["spans"]}
        out = {}
        for r in doc["relations"]:
            head, tail = by_id[r["head"]], by_id[r["tail"]]
            attrs = tail.get("attributes") or {}
            shown = attrs.get("value", attrs.get("canonical")) if attrs else None
            name = f"{doc_text[tail['start'] : tail['end']]}@{tail['start']}" + (f"={shown}" if shown else "")
            out.setdefault((head["start"], head["end"], head["label"]), {}).setdefault(r["label"], set()).add(name)
        return out

    lines = []
    pred_by_id = {p["id"]: p for p in pred}
    for g in gold:
        doc_text = g["text"]
        p = pred_by_id[g["id"]]
        gf, pf = fillers(g), fillers(p)
        sents = sentences(doc_text)
        for s in g["spans"]:
            key = (s["start"], s["end"], s["label"])
            for role in roles:
                a, b = gf.get(key, {}).get(role, set()), pf.get(key, {}).get(role, set())
                if a != b and any(key == (q["start"], q["end"], q["label"]) for q in p["spans"]):
                    sent = next(((x, y) for x, y in sents if x <= s["start"] < y), (s["start"], s["end"]))
                    lines.append(f"{g['id'][:3]} {role:9} {s['text']!r}@{s['start']} gold={sorted(a)} pred={sorted(b)}"
                                 f"\n      | {' '.join(doc_text[sent[0] : sent[1]].split())[:220]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m econfacts.baselines.devscore", description=__doc__.split("\n")[0])
    parser.add_argument("--baselines", default=",".join(DEFAULT_BASELINES))
    parser.add_argument("--folds", default=",".join(DEV_FOLDS))
    parser.add_argument("--oracle", action="store_true", help="relations and attributes on gold spans")
    parser.add_argument("--both", action="store_true", help="predicted spans, then oracle spans")
    parser.add_argument("--errors", action="store_true", help="print the role disagreements of each value")
    args = parser.parse_args(argv)
    folds = args.folds.split(",")
    bad = [f for f in folds if f not in DEV_FOLDS]
    if bad:
        print(f"error: not a development fold: {', '.join(bad)} (use {', '.join(DEV_FOLDS)})", file=sys.stderr)
        return 2
    modes = (False, True) if args.both else (args.oracle,)
    for name in args.baselines.split(","):
        for oracle in modes:
            print(render(name, scores(name, folds, oracle), oracle), flush=True)
            if args.errors:
                pairs = [fold_predictions(name, f, oracle) for f in folds]
                print(role_errors([d for g, _ in pairs for d in g], [d for _, p in pairs for d in p]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
