"""Exports for other tools, and the readers that prove they lose nothing.

CoNLL: one `token<TAB>tag` line per token (BIO tags of the `sentences` config), a blank line after each
sentence, and a `# doc_id = ...` line before each document. Reading it back needs the document texts,
because CoNLL keeps no whitespace; the tokens are checked against the text as they are placed.

spaCy-style JSONL: one document per line, `{"text", "spans": [{"start", "end", "label", "token_start",
"token_end"}], "tokens": [...], "relations": [{"head_span", "child_span", "label"}], "meta": {"id"}}`
with character offsets (end exclusive) and inclusive token ends, as Prodigy and spaCy write them.
"""

from __future__ import annotations

from econfacts.dataset import views
from econfacts.dataset.tokenize import tokens
from econfacts.errors import InputError
from econfacts.jsonl import dumps, iter_jsonl

DOC_MARK = "# doc_id = "


def to_conll(docs: list[dict]) -> str:
    lines = []
    for doc in docs:
        lines.append(f"{DOC_MARK}{doc['id']}")
        lines.append("")
        rows, _ = views.sentence_rows(doc)
        for row in rows:
            lines += [f"{tok}\t{tag}" for tok, tag in zip(row["tokens"], row["ner_tags"], strict=True)]
            lines.append("")
    return "\n".join(lines) + "\n"


def spans_from_bio(doc_id: str, text: str, tagged: list[tuple[str, str]], *, file: str) -> list[dict]:
    """Character spans of BIO-tagged tokens laid over `text` (an I- after O or another label opens a span)."""
    from econfacts.schema.inventory import load_inventory

    labels = set(load_inventory().label_names)
    offsets = tokens(text)
    spans: list[dict] = []
    for n, ((start, end), (token, tag)) in enumerate(zip(offsets, tagged, strict=False)):
        where = dict(file=file, record=doc_id, field=f"token {n}")
        if text[start:end] != token:
            raise InputError(f"{token!r} does not match the text at {start} ({text[start:end]!r})", **where)
        if tag == "O":
            if spans:
                spans[-1]["open"] = False
            continue
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I") or label not in labels:
            raise InputError(f"tag {tag!r} is not O, B-LABEL or I-LABEL with a known label", **where)
        if prefix == "I" and spans and spans[-1]["label"] == label and spans[-1]["open"]:
            spans[-1]["end"] = end
        else:
            if spans:
                spans[-1]["open"] = False
            spans.append({"start": start, "end": end, "label": label, "open": True})
    if len(offsets) != len(tagged):
        raise InputError(f"has {len(tagged)} tokens, the text has {len(offsets)}", file=file, record=doc_id)
    return _close(spans, text)


def _close(spans: list[dict], text: str) -> list[dict]:
    return [{"start": s["start"], "end": s["end"], "label": s["label"], "text": text[s["start"] : s["end"]]}
            for s in spans]


def read_conll(path: str, texts: dict[str, str]) -> dict[str, list[dict]]:
    """doc id -> spans (start, end, label, text), using the texts to restore offsets."""
    tagged: dict[str, list[tuple[str, str]]] = {}
    current = None
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if line.startswith(DOC_MARK):
                current = line[len(DOC_MARK) :]
                if current not in texts:
                    raise InputError(f"unknown document {current!r}", file=path, record=f"line {lineno}")
                tagged[current] = []
            elif line:
                token, sep, tag = line.partition("\t")
                if current is None or not sep:
                    raise InputError("expected `token<TAB>tag` after a `# doc_id =` line", file=path,
                                     record=f"line {lineno}")
                tagged[current].append((token, tag))
    return {doc_id: spans_from_bio(doc_id, texts[doc_id], pairs, file=path) for doc_id, pairs in tagged.items()}


def _token_index(offsets: list[tuple[int, int]]) -> tuple[dict[int, int], dict[int, int]]:
    return {s: i for i, (s, _) in enumerate(offsets)}, {e: i for i, (_, e) in enumerate(offsets)}


def spacy_record(doc: dict) -> dict:
    text = doc["text"]
    offsets = tokens(text)
    first, last = _token_index(offsets)
    by_id = {}
    spans = []
    for span in sorted(doc["spans"], key=lambda s: (s["start"], s["end"])):
        entry = {"start": span["start"], "end": span["end"], "label": span["label"],
                 "token_start": first.get(span["start"]), "token_end": last.get(span["end"])}
        by_id[span["id"]] = entry
        spans.append(entry)
    toks = [{"text": text[s:e], "start": s, "end": e, "id": i, "ws": e < len(text) and text[e].isspace()}
            for i, (s, e) in enumerate(offsets)]
    relations = [{"head_span": by_id[r["head"]], "child_span": by_id[r["tail"]], "label": r["label"]}
                 for r in sorted(doc["relations"], key=lambda r: (by_id[r["head"]]["start"], r["label"],
                                                                  by_id[r["tail"]]["start"]))]
    return {"text": text, "spans": spans, "tokens": toks, "relations": relations, "meta": {"id": doc["id"]}}


def to_spacy_jsonl(docs: list[dict]) -> str:
    return "".join(dumps(spacy_record(d)) + "\n" for d in docs)


def read_spacy_jsonl(path: str) -> dict[str, dict]:
    """doc id -> {"spans": [...], "relations": [(head start, head end, label, tail start, tail end)]}."""
    out = {}
    for lineno, record in iter_jsonl(path):
        where = dict(file=path, record=f"line {lineno}")
        try:
            text, doc_id = record["text"], record["meta"]["id"]
            spans = [{"start": s["start"], "end": s["end"], "label": s["label"], "text": text[s["start"] : s["end"]]}
                     for s in record["spans"]]
            relations = [(r["head_span"]["start"], r["head_span"]["end"], r["label"],
                          r["child_span"]["start"], r["child_span"]["end"]) for r in record["relations"]]
        except (KeyError, TypeError) as exc:
            raise InputError(f"missing or malformed field {exc}", **where) from None
        out[doc_id] = {"spans": spans, "relations": relations}
    return out
