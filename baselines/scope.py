"""Document structure for the scope rule of GUIDELINES.md 3.8: sentences, paragraphs (non-empty lines),
title, lead, headings, section openers and captions, with a lookup from a character offset.

The structure is guessed from the text alone: a heading is a short line without final punctuation, a
caption is a picture line ("The picture shows", "Photo by"), boilerplate is a dateline/byline line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from econfacts.dataset.tokenize import sentences

_CAPTION = re.compile(r"^\W*(?:the picture shows|photo\b|pictured|picture:)", re.I)
_BOILERPLATE = re.compile(r"^\W*(?:\d{4}-\d\d-\d\d\b|source\s*[:|]|editor\s*[:|]|by\s*$)", re.I)
_INDENT = re.compile(r"^[\u00a0\u2003]")
_FINAL = re.compile(r"[.!?。”\"’)]\s*$")


@dataclass(frozen=True)
class Structure:
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    title: int | None  # paragraph indices
    lead: int | None
    headings: tuple[int, ...]
    captions: frozenset[int]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right([s for s, _ in self.sentences], offset) - 1)

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right([s for s, _ in self.paragraphs], offset) - 1)

    def section_opener(self, paragraph: int) -> int | None:
        """The first non-caption paragraph after the heading of `paragraph`'s section (headed documents)."""
        above = [h for h in self.headings if h < paragraph]
        if not above:
            return None
        nxt = [h for h in self.headings if h > above[-1]]
        end = nxt[0] if nxt else len(self.paragraphs)
        return next((p for p in range(above[-1] + 1, end) if p not in self.captions), None)

    def section_start(self, paragraph: int) -> int:
        above = [h for h in self.headings if h <= paragraph]
        return above[-1] if above else 0


def _is_heading(line: str, raw: str = "") -> bool:
    """Short and unpunctuated, or short and indented with no-break/em spaces as 003's headings are."""
    words = line.split()
    short = 2 <= len(words) <= 16 and not _CAPTION.match(line)
    return short and (not _FINAL.search(line) or bool(_INDENT.match(raw)))


def structure(text: str) -> Structure:
    paragraphs: list[tuple[int, int]] = []
    raws: list[str] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(" \t\r\u2003\u00a0")
        if stripped:
            left = pos + line.index(stripped[0])
            paragraphs.append((left, left + len(stripped)))
            raws.append(line)
        pos += len(line) + 1
    lines = [text[s:e] for s, e in paragraphs]
    captions = frozenset(i for i, line in enumerate(lines) if _CAPTION.match(line))
    body = [i for i, line in enumerate(lines) if not _BOILERPLATE.match(line)]
    title = body[0] if body else None
    lead = next((i for i in body[1:] if i not in captions and not _is_heading(lines[i], raws[i])), None)
    headings = tuple(i for i in body[1:] if lead is not None and i > lead and _is_heading(lines[i], raws[i]))
    return Structure(sentences(text) or [(0, len(text))], paragraphs, title, lead, headings, captions)
