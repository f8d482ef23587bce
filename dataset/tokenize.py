"""The one tokenisation used by the `sentences` config, the CoNLL export and the sequence taggers.

Tokens split at every hyphen and apostrophe and between digits and letters, so that span boundaries
drawn on words ("300,000-ton" inside "300,000-ton-a-year", "Shandong" in "Shandong’s") fall on token
boundaries. Numbers keep their thousands separators and decimals ("1,301", "290.7").
"""

from __future__ import annotations

import re

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]|_")
# A sentence ends at . ! ? (plus closing quotes) before whitespace or, in run-together text such as
# "industries.Implement", before a capital letter or opening quote.
_END = re.compile(r"[.!?;]+[\"”’)]*(?=\s|[A-Z“\"]|$)|\n")
_ABBREVIATIONS = frozenset(
    {
        "Co",
        "Ltd",
        "Inc",
        "Corp",
        "Mr",
        "Ms",
        "Dr",
        "No",
        "St",
        "Jan",
        "Feb",
        "Aug",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "vs",
        "etc",
    }
)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the tokens of text[start:end], in document coordinates."""
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences, trimmed of surrounding whitespace; blank lines give none."""
    bounds: list[tuple[int, int]] = []
    begin = 0
    for m in _END.finditer(text):
        if m.group() != "\n":
            word = re.search(r"(\w+)$", text[begin : m.start()])
            if word and word.group(1) in _ABBREVIATIONS:
                continue
        _append(text, begin, m.end(), bounds)
        begin = m.end()
    _append(text, begin, len(text), bounds)
    return bounds


def _append(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        left = start + (len(piece) - len(piece.lstrip()))
        out.append((left, left + len(stripped)))
