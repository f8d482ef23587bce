"""`econfacts build`: Label Studio exports -> validated documents JSONL -> Parquet configs, exports, card.

The build is a pure function of its inputs (the exports under `labelstudio/`, splits.json, the label
inventory, the seeds and the card prose) and writes every output into one folder, so a test can build
into a temporary folder and `--check` can compare a fresh build with the committed files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from econfacts.dataset import card, exports, stats, views
from econfacts.dataset.splits import DATASET_DIR, split_table
from econfacts.errors import InputError
from econfacts.jsonl import dumps

PROJECTS = {"gold": "gold/gold.jsonl", "pass_a": "passes/pass_a.jsonl", "pass_b": "passes/pass_b.jsonl"}
DATASHEET = DATASET_DIR.parent / "DATASHEET.md"

Convert = Callable[..., list[dict]]


@dataclass
class Build:
    """Every output file as bytes, keyed by its path relative to the dataset folder."""

    files: dict[str, bytes] = field(default_factory=dict)
    gold: list[dict] = field(default_factory=list)
    alignment: views.Alignment = field(default_factory=views.Alignment)
    rows: dict[str, int] = field(default_factory=dict)  # "config/split" -> rows
    agreement_md: str | None = None  # the DATASHEET agreement block, when both passes exist


def default_convert() -> Convert:
    try:
        from econfacts.studio.convert import export_to_documents
    except ImportError as exc:
        raise InputError(f"the Label Studio export converter is not available ({exc})",
                         field="econfacts.studio.convert") from None
    return export_to_documents


def read_export(path: Path) -> list:
    try:
        tasks = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"not a JSON export: {exc}", file=str(path)) from None
    if not isinstance(tasks, list):
        raise InputError("a Label Studio JSON export is a list of tasks", file=str(path))
    return tasks


def check_documents(docs: list[dict], *, file: str) -> None:
    """Schema rules, and the text of every document must be its seed article byte for byte."""
    from econfacts.corpus import document_ids, seed_text
    from econfacts.schema.validate import check_record

    seeds = set(document_ids())
    for doc in docs:
        record = doc.get("id") if isinstance(doc, dict) else None
        problems = check_record(doc)
        if problems:
            raise InputError(problems[0][1], file=file, record=record, field=problems[0][0])
        if doc["id"] not in seeds:
            raise InputError("is not a seed document (see seeds/manifest.json)", file=file, record=record, field="id")
        if doc["text"] != seed_text(doc["id"]):
            raise InputError("differs from the seed article", file=file, record=record, field="text")


def convert_projects(source: Path, convert: Convert) -> dict[str, list[dict]]:
    """Project name -> documents, for each Label Studio export present; the gold one is required."""
    out = {}
    for project in PROJECTS:
        path = source / "labelstudio" / f"{project}.json"
        if not path.exists():
            if project == "gold":
                raise InputError("no Label Studio export of the gold project", file=str(path))
            continue
        docs = convert(read_export(path), source=str(path))
        check_documents(docs, file=str(path))
        out[project] = sorted(docs, key=lambda d: d["id"])
    return out


def jsonl_bytes(docs: list[dict]) -> bytes:
    return "".join(dumps(d) + "\n" for d in docs).encode("utf-8")


def build(source: Path = DATASET_DIR, *, convert: Convert | None = None, documents: dict | None = None,
          card_prose: Path | None = None) -> Build:
    """Compute every output in memory. `documents` (project -> docs) skips the Label Studio step."""
    from econfacts.dataset import parquet
    from econfacts.dataset.features import BASE_CONFIGS

    projects = documents if documents is not None else convert_projects(source, convert or default_convert())
    out = Build(gold=projects["gold"])
    for project, docs in projects.items():
        out.files[PROJECTS[project]] = jsonl_bytes(docs)
    by_id = {d["id"]: d for d in out.gold}
    wanted = {i for ids in split_table()["splits"].values() for i in ids}
    missing = sorted(wanted - set(by_id))
    if missing:
        raise InputError(f"the splits need documents missing from the gold: {', '.join(missing)}",
                         file=PROJECTS["gold"])

    sentence_rows, out.alignment = views.all_sentence_rows(out.gold)
    per_doc = {
        "documents": {i: [views.document_row(d)] for i, d in by_id.items()},
        "sentences": sentence_rows,
        "facts": {i: views.fact_rows(d) for i, d in by_id.items()},
    }
    empty = frozenset((base, i) for base, docs in per_doc.items() for i in wanted if not docs[i])
    for base, make_features in BASE_CONFIGS.items():
        features = make_features()
        for doc_id in sorted(wanted):
            if (base, doc_id) in empty:
                continue
            table = parquet.to_table(per_doc[base][doc_id], features)
            out.files[card.data_path(base, doc_id)] = parquet.to_bytes(table)
    for config, splits in card.config_splits().items():
        for split, ids in splits.items():
            out.rows[f"{config}/{split}"] = sum(len(per_doc[card.base_of(config)][i]) for i in ids)

    for split, ids in split_table()["splits"].items():
        docs = [by_id[i] for i in ids]
        out.files[f"exports/conll/{split}.conll"] = exports.to_conll(docs).encode("utf-8")
        out.files[f"exports/spacy/{split}.jsonl"] = exports.to_spacy_jsonl(docs).encode("utf-8")

    if "pass_a" in projects and "pass_b" in projects:
        out.agreement_md = agreement_markdown(projects["pass_a"], projects["pass_b"])
        out.files["agreement.json"] = (dumps(ceiling(projects["pass_a"], projects["pass_b"])) + "\n").encode("utf-8")

    prose = card_prose or source / "README.md"
    out.files["README.md"] = render_card(prose, out.gold, empty).encode("utf-8")
    return out


AGREEMENT_START, AGREEMENT_END = "<!-- agreement:start -->", "<!-- agreement:end -->"


def agreement_markdown(pass_a: list[dict], pass_b: list[dict]) -> str:
    """The agreement tables of the datasheet: pass B scored against pass A over all documents."""
    from econfacts.eval.agreement import agreement, render_markdown

    how = ("Computed by `econfacts build` (equivalently `econfacts agree dataset/passes/pass_a.jsonl "
           "dataset/passes/pass_b.jsonl --markdown OUT`) with the project's own scorer: strict and partial F1 "
           "count one-to-one matches; κ and exact-match rates use the spans both passes share.")
    return how + "\n\n" + render_markdown(agreement(pass_a, pass_b))


def ceiling(pass_a: list[dict], pass_b: list[dict]) -> dict:
    """Pass B scored as a system against pass A on the test split: the human ceiling of the leaderboard."""
    from econfacts.eval import score

    test = set(split_table()["splits"]["test"])
    gold = [d for d in pass_a if d["id"] in test]
    pred = [d for d in pass_b if d["id"] in test]
    return {"description": "pass B scored against pass A on the test split (human agreement ceiling)",
            "split": "test", "report": score(gold, pred, split="test")}


def render_card(prose_file: Path, gold: list[dict], empty: frozenset = frozenset()) -> str:
    """Generated front matter + the prose of the card, with its stats block regenerated."""
    if not prose_file.exists():
        raise InputError("the dataset card prose is missing", file=str(prose_file))
    _, body = card.split_front_matter(prose_file.read_text(encoding="utf-8"))
    body = stats.replace_block(body, stats.START, stats.END, stats.markdown(stats.by_split(gold)),
                               where=str(prose_file))
    return card.front_matter(empty) + body


def write(result: Build, target: Path) -> list[Path]:
    from econfacts.jsonl import atomic_write_bytes

    written = []
    for rel, data in sorted(result.files.items()):
        path = target / rel
        if not path.exists() or path.read_bytes() != data:
            atomic_write_bytes(path, data)
            written.append(path)
    return written


def differences(result: Build, target: Path) -> list[str]:
    """Files under `target` that a fresh build would change, with the reason."""
    from econfacts.dataset import parquet

    found = []
    for rel, data in sorted(result.files.items()):
        path = target / rel
        if not path.exists():
            found.append(f"{rel}: missing")
        elif path.read_bytes() != data:
            if rel.endswith(".parquet") and parquet.same_content(path, data):
                continue  # only the writer's version string differs
            found.append(f"{rel}: differs from a fresh build")
    for path in sorted((target / "data").glob("*/*.parquet")):
        if path.relative_to(target).as_posix() not in result.files:
            found.append(f"{path.relative_to(target).as_posix()}: not produced by the build")
    return found


def _with_block(path: Path, block: str) -> tuple[str, str]:
    """(current text, text with the stats block replaced) of a Markdown file."""
    if not path.exists():
        raise InputError("is missing", file=str(path))
    current = path.read_text(encoding="utf-8")
    return current, stats.replace_block(current, stats.START, stats.END, block, where=str(path))


def refresh_block(path: Path, block: str) -> bool:
    """Rewrite the stats block of a Markdown file; True when it changed."""
    from econfacts.jsonl import atomic_write_text

    current, fresh = _with_block(path, block)
    if fresh != current:
        atomic_write_text(path, fresh)
    return fresh != current


def datasheet_text(result: Build) -> tuple[str, str]:
    """(current, fresh) DATASHEET.md: the stats block and, when both passes exist, the agreement block."""
    current, fresh = _with_block(DATASHEET, stats.markdown(stats.by_split(result.gold)))
    if result.agreement_md is not None:
        fresh = stats.replace_block(fresh, AGREEMENT_START, AGREEMENT_END, result.agreement_md, where=str(DATASHEET))
    return current, fresh


def datasheet_differences(result: Build) -> list[str]:
    current, fresh = datasheet_text(result)
    return [] if current == fresh else [f"{DATASHEET.name}: generated blocks differ; run `econfacts build`"]


def write_datasheet(result: Build) -> list[Path]:
    from econfacts.jsonl import atomic_write_text

    current, fresh = datasheet_text(result)
    if fresh == current:
        return []
    atomic_write_text(DATASHEET, fresh)
    return [DATASHEET]
