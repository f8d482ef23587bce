"""The rows of the three released configs, computed from gold documents with plain Python.

`documents` keeps a document as it is; `sentences` cuts it into sentences of tokens with BIO tags;
`facts` gives one row per value span with its attributes and the spans its relations point to.
Column names that depend on labels, relations or attributes are derived from the inventory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from econfacts.dataset.tokenize import sentences, tokens
from econfacts.schema.inventory import Inventory, load_inventory

MANIFEST_FIELDS = (
    ("title", "string"),
    ("outlet", "string"),
    ("publication_date", "string"),
    ("date_as_stated", "string"),
    ("reference_year", "int32"),
    ("province", "string"),
    ("language", "string"),
    ("sha256", "string"),
)


def bio_names(inv: Inventory | None = None) -> list[str]:
    inv = inv or load_inventory()
    return ["O"] + [f"{p}-{label}" for label in inv.label_names for p in ("B", "I")]


def number_parts(value: object) -> tuple[float | None, float | None]:
    """(low, high) of a number attribute: equal for a single value, None for null."""
    if isinstance(value, list):
        return float(value[0]), float(value[1])
    if value is None:
        return None, None
    return float(value), float(value)


def document_metadata(doc_id: str) -> dict:
    """The manifest entry of a seed article, or nulls for a document that is not a seed."""
    from econfacts.corpus import manifest

    entry = next((d for d in manifest()["documents"] if d["id"] == doc_id), {})
    return {name: entry.get(name) for name, _ in MANIFEST_FIELDS}


def _released(attr, value: object) -> object:
    """A number attribute as released: [x] or [low, high], so that one type holds both."""
    if attr.type == "number" and value is not None:
        return [float(v) for v in value] if isinstance(value, list) else [float(value)]
    return value


def document_row(doc: dict, inv: Inventory | None = None) -> dict:
    inv = inv or load_inventory()
    spans = []
    for span in sorted(doc["spans"], key=lambda s: (s["start"], s["end"])):
        attrs = {}
        for attr in inv.attributes:
            attrs[attr.name] = _released(attr, span["attributes"].get(attr.name))
        spans.append({"id": span["id"], "start": span["start"], "end": span["end"], "label": span["label"],
                      "text": span["text"], "attributes": attrs})
    relations = [{"head": r["head"], "tail": r["tail"], "label": r["label"]} for r in doc["relations"]]
    relations.sort(key=lambda r: (r["head"], r["label"], r["tail"]))
    return {"id": doc["id"], "text": doc["text"], "spans": spans, "relations": relations,
            "metadata": document_metadata(doc["id"])}


@dataclass
class Alignment:
    """What the sentence view had to do to the gold spans of some documents."""

    misaligned: list[tuple[str, str]] = field(default_factory=list)  # (doc id, span id) off token boundaries
    merged: list[tuple[str, str]] = field(default_factory=list)  # (doc id, span id) across a sentence boundary

    def add(self, other: Alignment) -> None:
        self.misaligned += other.misaligned
        self.merged += other.merged


def segments(doc: dict) -> tuple[list[tuple[int, int]], list[str]]:
    """Sentence offsets in which no gold span crosses a boundary, and the spans that forced a merge.

    A span that runs across a sentence end (a splitter error or a heading run into the text) would be
    cut in two by per-sentence BIO tags; the sentences it touches are joined into one row instead.
    """
    bounds = sentences(doc["text"])
    crossing = []
    for span in sorted(doc["spans"], key=lambda s: (s["start"], s["end"])):
        touched = [i for i, (s, e) in enumerate(bounds) if s < span["end"] and span["start"] < e]
        if len(touched) > 1:
            crossing.append(span["id"])
            first, last = touched[0], touched[-1]
            bounds[first : last + 1] = [(bounds[first][0], bounds[last][1])]
    return bounds, crossing


def sentence_rows(doc: dict, inv: Inventory | None = None) -> tuple[list[dict], Alignment]:
    inv = inv or load_inventory()
    text = doc["text"]
    bounds, crossing = segments(doc)
    report = Alignment(merged=[(doc["id"], sid) for sid in crossing])
    toks = tokens(text)
    tags = ["O"] * len(toks)
    starts = {s for s, _ in toks}
    ends = {e for _, e in toks}
    for span in sorted(doc["spans"], key=lambda s: (s["start"], s["end"])):
        if span["start"] not in starts or span["end"] not in ends:
            report.misaligned.append((doc["id"], span["id"]))
        # A token that overlaps the span belongs to it, so an unaligned span still tags its tokens.
        inside = [i for i, (s, e) in enumerate(toks) if s < span["end"] and span["start"] < e]
        for n, i in enumerate(inside):
            tags[i] = f"{'B' if n == 0 else 'I'}-{span['label']}"
    rows = []
    position = 0
    for index, (start, end) in enumerate(bounds):
        while position < len(toks) and toks[position][0] < start:
            position += 1
        first = position
        while position < len(toks) and toks[position][1] <= end:
            position += 1
        picked = range(first, position)
        rows.append({
            "id": f"{doc['id']}-{index:03d}",
            "doc_id": doc["id"],
            "sentence_index": index,
            "start": start,
            "end": end,
            "text": text[start:end],
            "tokens": [text[toks[i][0] : toks[i][1]] for i in picked],
            "token_starts": [toks[i][0] for i in picked],
            "token_ends": [toks[i][1] for i in picked],
            "ner_tags": [tags[i] for i in picked],
        })
    return rows, report


def role_relations(inv: Inventory | None = None) -> list:
    """Relations whose head may be a value span: each becomes columns of the facts table."""
    inv = inv or load_inventory()
    values = set(inv.value_labels)
    return [r for r in inv.relations if any(values & head for head, _ in r.signatures)]


def tail_labels(relation) -> list[str]:
    inv = load_inventory()
    found = set().union(*(tail for _, tail in relation.signatures))
    return [label for label in inv.label_names if label in found]


def tail_attributes(relation, inv: Inventory | None = None) -> list:
    inv = inv or load_inventory()
    labels = set(tail_labels(relation))
    return [a for a in inv.attributes if labels & set(a.labels)]


def value_attributes(inv: Inventory | None = None) -> list:
    inv = inv or load_inventory()
    values = set(inv.value_labels)
    return [a for a in inv.attributes if values & set(a.labels)]


def fact_columns(inv: Inventory | None = None) -> list[tuple[str, str, object]]:
    """(column, kind, source) for the role columns: kind is text, label or attribute."""
    columns = []
    for rel in role_relations(inv):
        columns.append((rel.name, "text", None))
        if len(tail_labels(rel)) > 1:
            columns.append((f"{rel.name}_label", "label", None))
        for attr in tail_attributes(rel, inv):
            columns.append((f"{rel.name}_{attr.name}", "attribute", attr))
    return columns


def fact_rows(doc: dict, inv: Inventory | None = None) -> list[dict]:
    inv = inv or load_inventory()
    by_id = {s["id"]: s for s in doc["spans"]}
    values = set(inv.value_labels)
    bounds, _ = segments(doc)
    rows = []
    for span in sorted(doc["spans"], key=lambda s: (s["start"], s["end"])):
        if span["label"] not in values:
            continue
        row = {"id": f"{doc['id']}:{span['id']}", "doc_id": doc["id"], "span_id": span["id"],
               "label": span["label"], "text": span["text"], "start": span["start"], "end": span["end"]}
        sentence = next(((s, e) for s, e in bounds if s <= span["start"] and span["end"] <= e), None)
        row["sentence"] = doc["text"][sentence[0] : sentence[1]] if sentence else None
        for attr in value_attributes(inv):
            value = span["attributes"].get(attr.name)
            if attr.type == "number":
                low, high = number_parts(value)
                row[attr.name] = None if isinstance(value, list) else low
                row[f"{attr.name}_low"], row[f"{attr.name}_high"] = low, high
            else:
                row[attr.name] = value
        for rel in role_relations(inv):
            tails = sorted(
                (by_id[r["tail"]] for r in doc["relations"]
                 if r["head"] == span["id"] and r["label"] == rel.name and r["tail"] in by_id),
                key=lambda s: (s["start"], s["end"]),
            )
            row[rel.name] = [t["text"] for t in tails]
            if len(tail_labels(rel)) > 1:
                row[f"{rel.name}_label"] = [t["label"] for t in tails]
            for attr in tail_attributes(rel, inv):
                row[f"{rel.name}_{attr.name}"] = [_released(attr, t["attributes"].get(attr.name)) for t in tails]
        rows.append(row)
    return rows


def all_sentence_rows(docs: Iterable[dict], inv: Inventory | None = None) -> tuple[dict[str, list[dict]], Alignment]:
    report = Alignment()
    out = {}
    for doc in docs:
        rows, part = sentence_rows(doc, inv)
        out[doc["id"]] = rows
        report.add(part)
    return out, report
