"""The sentences/BIO view shared by the sequence taggers: the dataset's own tokeniser and sentence
splitter, so that the `sentences` config and the taggers see the same tokens."""

from __future__ import annotations

from econfacts.dataset.tokenize import sentences, tokens


def sentence_tokens(text: str) -> list[list[tuple[int, int]]]:
    """Token offsets per sentence (sentences without tokens are dropped)."""
    return [toks for s, e in sentences(text) if (toks := tokens(text, s, e))]


def encode(sent: list[tuple[int, int]], spans: list[dict]) -> list[str]:
    """BIO tags of one sentence: a token inside a span is B- at the span's first token, I- after."""
    tags = ["O"] * len(sent)
    for span in spans:
        inside = [i for i, (s, e) in enumerate(sent) if s >= span["start"] and e <= span["end"]]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + span["label"]
    return tags


def decode(sent: list[tuple[int, int]], tags: list[str]) -> list[dict]:
    """Spans from BIO tags; an I- that does not continue a span of its label starts one."""
    spans: list[dict] = []
    current = None
    for (s, e), tag in zip(sent, tags, strict=True):
        kind, _, label = tag.partition("-")
        if kind == "I" and current is not None and current["label"] == label:
            current["end"] = e
            continue
        if current is not None:
            spans.append(current)
            current = None
        if kind in ("B", "I"):
            current = {"start": s, "end": e, "label": label}
    if current is not None:
        spans.append(current)
    return spans


def labelled_sentences(doc: dict) -> list[tuple[list[tuple[int, int]], list[str]]]:
    sents = sentence_tokens(doc["text"])
    spans = doc.get("spans", [])
    return [(sent, encode(sent, [sp for sp in spans if sp["start"] < sent[-1][1] and sp["end"] > sent[0][0]]))
            for sent in sents]  # fmt: skip
