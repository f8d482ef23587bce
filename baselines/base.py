"""What every baseline shares: the estimator contract, span records and the submission they produce.

Estimators follow scikit-learn (params in __init__ only, fit returns self, learned state ends in `_`),
so `get_params()` is the configuration that the benchmark logs and `sklearn.base.clone` rebuilds one.
"""

from __future__ import annotations

from collections.abc import Iterable

from sklearn.base import BaseEstimator

from econfacts.corpus import manifest
from econfacts.errors import InputError
from econfacts.schema.inventory import load_inventory


class Baseline(BaseEstimator):
    """Base class: a fitted baseline turns documents into submission records."""

    def fit(self, docs: list[dict]):  # pragma: no cover - abstract
        raise NotImplementedError

    def predict(self, docs: list[dict]) -> list[dict]:  # pragma: no cover - abstract
        raise NotImplementedError


def check_documents(docs: Iterable[dict], *, need_text: bool = True) -> list[dict]:
    """The documents as a list; a record without id or text is an input error, not a KeyError later."""
    out = list(docs)
    for i, doc in enumerate(out):
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
            raise InputError("document has no string id", record=f"document {i}", field="id")
        if need_text and not isinstance(doc.get("text"), str):
            raise InputError("document has no text", record=doc["id"], field="text")
    return out


def reference_year(doc: dict) -> int | None:
    """The year that fixes 'this year' in a document: its metadata, else the seed manifest."""
    meta = doc.get("metadata") or {}
    if "reference_year" in meta:
        return meta["reference_year"]
    entry = next((d for d in manifest()["documents"] if d["id"] == doc["id"]), None)
    return entry.get("reference_year") if entry else None


def document_province(doc: dict) -> str | None:
    """The province an article is about, from its metadata or the manifest; resolves 'our province'."""
    meta = doc.get("metadata") or {}
    if "province" in meta:
        return meta["province"]
    entry = next((d for d in manifest()["documents"] if d["id"] == doc["id"]), None)
    return entry.get("province") if entry else None


def flat_spans(candidates: Iterable[dict]) -> list[dict]:
    """Keep a non-overlapping subset: earlier-ranked candidates win (lower `rank`, then longer)."""
    chosen: list[dict] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (c.get("rank", 0), -(c["end"] - c["start"]), c["start"])):
        if any(cand["start"] < e and s < cand["end"] for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand["start"], cand["end"]))
    return sorted(chosen, key=lambda c: (c["start"], c["end"]))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so that it neither begins nor ends with whitespace or stray punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def to_record(doc: dict, spans: list[dict], relations: list[dict] | None = None) -> dict:
    """A submission record: spans get ids T1..Tn in text order; attributes are kept when present."""
    out_spans = []
    for i, span in enumerate(sorted(spans, key=lambda s: (s["start"], s["end"])), start=1):
        item = {"id": span.get("id") or f"T{i}", "start": span["start"], "end": span["end"], "label": span["label"]}
        if span.get("attributes"):
            item["attributes"] = dict(span["attributes"])
        out_spans.append(item)
    return {"id": doc["id"], "spans": out_spans, "relations": list(relations or [])}


def with_ids(spans: list[dict]) -> list[dict]:
    """Copies of spans in text order with ids T1..Tn (ids are what relations refer to)."""
    ordered = sorted(spans, key=lambda s: (s["start"], s["end"]))
    return [{**s, "id": f"T{i}"} for i, s in enumerate(ordered, start=1)]


def submission_problems(records: list[dict], docs: list[dict]) -> list[str]:
    """Every way the records fail the submission schema against the documents' texts."""
    from econfacts.schema.validate import check_record

    texts = {d["id"]: d["text"] for d in docs}
    problems = []
    for rec in records:
        for field, reason in check_record(rec, submission=True, text=texts.get(rec.get("id"))):
            problems.append(f"{rec.get('id')}: {field}: {reason}")
    return problems


def value_labels() -> tuple[str, ...]:
    return load_inventory().value_labels
