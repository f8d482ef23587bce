"""Documents reduced to what the scorer compares: sorted (start, end, label) spans, attributes, relations."""

from __future__ import annotations

from dataclasses import dataclass

from econfacts.errors import InputError
from econfacts.eval.spans import Span


@dataclass(frozen=True)
class Prepared:
    id: str
    text: str
    spans: list[Span]  # sorted, so that every later step is independent of the input order
    by_id: dict[str, tuple[Span, dict]]  # span id -> (span, attributes)
    relations: list[tuple[str, str, str]]  # (label, head id, tail id)

    def span_text(self, span: Span) -> str:
        return self.text[span[0] : span[1]]


def prepare(doc: dict, text: str | None = None) -> Prepared:
    """`text` is the gold text (a submission need not repeat it)."""
    by_id: dict[str, tuple[Span, dict]] = {}
    spans = []
    for s in doc.get("spans", ()):
        span = (s["start"], s["end"], s["label"])
        spans.append(span)
        by_id[s["id"]] = (span, s.get("attributes") or {})
    spans.sort()
    relations = []
    for r in doc.get("relations", ()):
        if r["head"] not in by_id or r["tail"] not in by_id:
            reason = "relation argument is not a span of the document"
            raise InputError(reason, record=f"id {doc['id']}", field="relations")
        relations.append((r["label"], r["head"], r["tail"]))
    return Prepared(doc["id"], text if text is not None else doc.get("text", ""), spans, by_id, relations)


def normalise_text(text: str) -> str:
    """Case-insensitive, whitespace-collapsed form used wherever free text is compared."""
    return " ".join(text.split()).casefold()
