"""`econfacts build`, `econfacts stats` and `econfacts export`."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("build", help="build gold JSONL, Parquet configs, exports and card from Label Studio exports")
    p.add_argument("--source", type=Path, default=None,
                   help="dataset folder holding labelstudio/*.json and README.md (default: the package's dataset/)")
    p.add_argument("--out", type=Path, default=None, help="folder to write into (default: the source folder)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 when the files differ from a fresh build")
    p.set_defaults(func=run_build)

    p = sub.add_parser("stats", help="counts per label, relation and attribute value, per split; "
                                     "refreshes the tables in dataset/README.md and DATASHEET.md")
    p.add_argument("--gold", type=Path, default=None, help="documents file (default: dataset/gold/gold.jsonl)")
    p.add_argument("--no-write", action="store_true", help="only print")
    p.set_defaults(func=run_stats)

    p = sub.add_parser("export", help="write a split as CoNLL (BIO) or spaCy-style JSONL with character offsets")
    p.add_argument("--format", choices=("conll", "spacy"), required=True)
    p.add_argument("--split", default="test", help="train, validation, test or foldK/train, foldK/test")
    p.add_argument("--gold", type=Path, default=None, help="documents file (default: dataset/gold/gold.jsonl)")
    p.add_argument("--out", type=Path, required=True, help="file to write")
    p.set_defaults(func=run_export)


def run_build(args) -> int:
    from econfacts.dataset import build
    from econfacts.dataset.splits import DATASET_DIR

    source = args.source or DATASET_DIR
    target = args.out or source
    result = build.build(source)
    report = result.alignment
    print(f"gold: {len(result.gold)} documents, {sum(len(d['spans']) for d in result.gold)} spans, "
          f"{sum(len(d['relations']) for d in result.gold)} relations")
    print(f"sentences: {len(report.misaligned)} gold spans not on token boundaries, "
          f"{len(report.merged)} spans across a sentence boundary (their sentences are merged)")
    for doc_id, span_id in report.misaligned:
        print(f"  not token-aligned: {doc_id} {span_id}", file=sys.stderr)
    for doc_id, span_id in report.merged:
        print(f"  crosses a sentence boundary: {doc_id} {span_id}", file=sys.stderr)
    if args.check:
        found = build.differences(result, target)
        if target == build.DATASET_DIR:
            found += build.datasheet_differences(result)
        for line in found:
            print(f"stale: {line}", file=sys.stderr)
        print(f"check: {len(found)} file(s) differ from a fresh build" if found else "check: up to date")
        return 1 if found else 0
    written = build.write(result, target)
    if target == build.DATASET_DIR:
        written += build.write_datasheet(result)
    print(f"wrote {len(written)} file(s) under {target}; {len(result.files) - len(written)} unchanged")
    return 0


def run_stats(args) -> int:
    from econfacts.dataset import build, stats
    from econfacts.dataset.splits import load_gold

    counts = stats.by_split(load_gold(args.gold))
    print(stats.plain(counts), end="")
    if not args.no_write:
        block = stats.markdown(counts)
        for path in (build.DATASET_DIR / "README.md", build.DATASHEET):
            changed = build.refresh_block(path, block)
            print(f"{path.name}: {'updated' if changed else 'up to date'}", file=sys.stderr)
    return 0


def run_export(args) -> int:
    from econfacts.dataset import exports
    from econfacts.dataset.splits import load_split
    from econfacts.jsonl import atomic_write_text

    docs = load_split(args.split, args.gold)
    text = exports.to_conll(docs) if args.format == "conll" else exports.to_spacy_jsonl(docs)
    atomic_write_text(args.out, text)
    print(f"{args.out}: {len(docs)} documents")
    return 0
