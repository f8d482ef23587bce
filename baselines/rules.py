"""The rule baseline: regular expressions for values and times, capitalised-chunk rules with suffix and
place gazetteers for names, and a lexicon of the training documents' own name spans.

Written from the label definitions, the guidelines and the training articles only.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from econfacts.baselines.base import Baseline, check_documents, flat_spans, to_record, trim
from econfacts.baselines.gazetteers import (
    COUNTRIES,
    INDICATORS,
    NOMINAL_HEADS,
    NOMINAL_PLACES,
    ORG_SUFFIXES,
    PERSON_TITLES,
    PLACE_SUFFIXES,
    PROJECT_SUFFIXES,
    PROVINCES,
)
from econfacts.baselines.normalize import CURRENCY, MONTH, NUMBER, SCALE, UNIT
from econfacts.schema.inventory import load_inventory

_AMOUNT = rf"{NUMBER}(?:\s*{SCALE})?"
_RANGE = rf"{_AMOUNT}(?:\s*(?:to|-|–|~)\s*{_AMOUNT})?"
_PCT = r"(?:%|percent\b|per cent\b|percentage points?\b)"
_CURRENCY_FIRST = r"(?:RMB|CNY|USD|US\$|\$|€)"
_YEAR = r"(?:19|20)\d\d"
_COUNT_WORDS = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})"

# (label, rank, pattern); lower rank wins an overlap, then the longer match.
VALUE_PATTERNS = (
    ("MONEY", 0, rf"{_CURRENCY_FIRST}\s*{_RANGE}(?:\s*{CURRENCY})?|{_RANGE}\s*(?:\(\s*)?{CURRENCY}(?![a-z])"),
    ("PERCENT", 0, rf"{NUMBER}\s*(?:{_PCT})?\s*(?:to|-|–|~)\s*{NUMBER}\s*{_PCT}|{NUMBER}\s*{_PCT}"),
    ("QUANTITY", 0, rf"{_RANGE}\s*-?\s*{UNIT}(?![a-z])"),
    ("QUANTITY", 0, r"\b\d+\s*/\s*\d+\b(?!\s*\d)"),
    # A bare amount before a lowercase noun is a count ("602 major projects"); years and ordinals are not.
    ("QUANTITY", 1, rf"(?<![\w.:/-])(?!{_YEAR}\b)(?:{NUMBER}(?:\s*{SCALE})?(?:\s*(?:to|-)\s*{NUMBER})?)"
                    r"(?=\s+[a-z“\"])"),
    ("QUANTITY", 1, rf"(?<![\w.:/-]){NUMBER}\s+{SCALE}\b"),
    ("QUANTITY", 2, r"(?<![\w-])(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens)(?=\s+[a-z]{3,})"),
)
TIME_PATTERNS = (
    ("TIME", 1, r"\b\d{4}-\d{2}-\d{2}\b"),
    ("TIME", 1, rf"\b(?:the )?first {_COUNT_WORDS} months(?: of (?:this|last|the) year| of {_YEAR})?"),
    ("TIME", 1, rf"\b(?:the )?(?:first|second|third|fourth) quarter(?: of (?:this|last|the) year| of {_YEAR})?"),
    ("TIME", 1, rf"\b(?:the )?(?:first|second) half(?: of (?:this|last|the) year| of {_YEAR})?"),
    ("TIME", 1, rf"\b(?:{MONTH})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
                rf"(?:\s*(?:to|-|–)\s*(?:(?:{MONTH})\s*)?\d{{1,2}}(?:st|nd|rd|th)?)?"
                rf"(?:,?\s+{_YEAR})?(?:\s+(?:this|last) year)?\b"),
    ("TIME", 1, rf"\b(?:{MONTH})\s+(?:to|-|–)\s+(?:{MONTH})\b"),
    ("TIME", 1, r"\b(?:the )?Spring Festival\b"),
    ("TIME", 1, rf"\b(?:the )?end of (?:{MONTH}|(?:this|last|the) year)(?:\s+{_YEAR})?"),
    ("TIME", 1, rf"(?<![\d,.])\b{_YEAR}\b(?![-–]\d|,\d|\.\d)(?:\s*(?:to|-|–)\s*{_YEAR}\b)?"),
    ("TIME", 1, r"\b(?:this|last|next) year\b|\bthe whole year\b|\b(?:[Tt]wo|[Tt]hree|\d+) years ago\b"),
)  # fmt: skip

# Capitalised only because they open a sentence or a heading.
_STOP_INITIAL = frozenset(
    {"The", "A", "An", "In", "At", "As", "On", "From", "Since", "During", "After", "Before", "Until", "Among", "Data",
     "This", "That", "These", "Those", "It", "We", "Our", "Its", "Their", "His", "Her", "He", "She", "They",
     "Currently", "Similar", "Next", "According", "By", "With", "For", "To", "Of", "And", "But", "Photo", "Just",
     "General", "Secretary", "Chairman", "Director", "Governor", "Reporter", "Mayor", "Dean"}
)  # fmt: skip
_ABBREV = frozenset({"Co.", "Ltd.", "Inc.", "Corp.", "St."})
_WORD = r"(?:[A-Z][A-Za-z0-9&-]*\.?|\([A-Z][a-z]+\))"
_CHUNK = re.compile(rf"{_WORD}(?:(?:[ \t]*,[ \t]*(?=Ltd)|[ \t]+(?:(?:of|and|for|&)[ \t]+(?:the[ \t]+)?)?){_WORD})*")
_ALLCAPS_PERSON = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z][a-z]+){1,2}\b")


def _compile(patterns):
    return [(label, rank, re.compile(p)) for label, rank, p in patterns]


_VALUES = _compile(VALUE_PATTERNS)
_TIMES = _compile(TIME_PATTERNS)
_INDICATOR = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(INDICATORS, key=len, reverse=True)) + r")\b")
_NOMINAL = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in NOMINAL_PLACES) + r")\b|"
    r"(?:(?<=\bthe )|(?<=\bthe whole )|(?<=\bthe entire ))(?:" + "|".join(NOMINAL_HEADS) + r")\b(?![-’'])",
    re.I,
)
_PLACE_NAMES = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in sorted((*PROVINCES, *COUNTRIES), key=len, reverse=True)) + r")"
    r"(?:\s+(?:Province|City|Municipality|Autonomous Region))?\b"
)
_SECTOR = re.compile(
    r"\b(?:(?!(?:the|a|an|of|and|in|for|to|with|other|its|their|our|whole|this|that|main|key|all|new|more|support|emerging|"
    r"traditional|future|sunrise|major|leading|strategic|advantageous|related|these|those|such)\b)[a-z][a-z-]+\s+){1,3}"
    r"(?:industry|industries|manufacturing|sector)(?:\s+above designated size)?\b|\bindustries above designated size\b"
)
_TITLE_AFTER = re.compile(r"^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:" + "|".join(PERSON_TITLES) + r")\b", re.I)
_SAY_AFTER = re.compile(r"^\s*(?:said|told|stated|introduced|mentioned|and his colleagues|and her colleagues)\b")
_TITLE_BEFORE = re.compile(r"(?:Reporter|reporter|Photo by|by|Secretary|Governor|Director|Chairman)\s*$")


def _chunk_label(words: list[str], after: str, before: str) -> str | None:
    last = words[-1].rstrip(".")
    joined = " ".join(words)
    if any(joined.endswith(" " + s) or joined == s for s in PROJECT_SUFFIXES):
        return "PROJECT"
    if any(w in ORG_SUFFIXES or w.rstrip(".") in ORG_SUFFIXES or w in _ABBREV for w in words):
        return "ORGANIZATION"
    if last in PLACE_SUFFIXES or any(joined.endswith(" " + s) for s in PLACE_SUFFIXES):
        return "LOCATION"
    if _PLACE_NAMES.fullmatch(joined):
        return "LOCATION"
    cue = _TITLE_AFTER.match(after) or _SAY_AFTER.match(after) or _TITLE_BEFORE.search(before)
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words) and cue:
        return "PERSON"
    return None


_TITLE_LEAD = re.compile(
    r"^(?:(?:Deputy|Vice|General|Division|Executive)[ -])*(?:Director(?:-General)?|Manager|Chairman|Secretary|Chief|"
    r"Dean|President|Head|Governor|Mayor|Minister)\s+of\s+(?:the\s+)?|^(?:of|for|and)\s+(?:the\s+)?"
)
_SENTENCE_BREAK = re.compile(r"(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bCorp)\.\s+")


def _chunks(text: str):
    """(start, end) of capitalised runs, cut at sentence ends and stripped of leading titles."""
    for m in _CHUNK.finditer(text):
        start = m.start()
        for piece in _SENTENCE_BREAK.split(m.group()):
            s = text.index(piece, start)
            lead = _TITLE_LEAD.match(piece)
            yield (s + lead.end() if lead else s), s + len(piece)
            start = s + len(piece)


def chunk_spans(text: str) -> list[dict]:
    """Spans from runs of capitalised words, typed by their last word and the gazetteers."""
    out = []
    for start, end in _chunks(text):
        words = text[start:end].split()
        # Sentence-initial function words are capitalised but are not part of a name.
        while words and words[0] in _STOP_INITIAL:
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
        if not words:
            continue
        if words[-1].endswith(".") and words[-1] not in _ABBREV:
            end -= 1
            words[-1] = words[-1][:-1]
        start, end = trim(text, start, end)
        if start >= end:
            continue
        # "X Committee and Y Government" are two organisations.
        pieces = re.split(r"\s+and\s+", text[start:end]) if " and " in text[start:end] else [text[start:end]]
        labels = [_chunk_label(p.split(), "", "") for p in pieces]
        if len(pieces) == 2 and all(lab == "ORGANIZATION" for lab in labels):
            offset = start
            for piece in pieces:
                s = text.index(piece, offset)
                out.append({"start": s, "end": s + len(piece), "label": "ORGANIZATION", "rank": 2})
                offset = s + len(piece)
            continue
        label = _chunk_label(text[start:end].split(), text[end : end + 40], text[max(0, start - 20) : start])
        if label == "LOCATION":
            # A place is the last name of a run ("XI Jinping for Shandong Province" -> the province).
            tail = re.split(r"\s+(?:of|for|and|&)\s+(?:the\s+)?", text[start:end])[-1]
            start = end - len(tail)
        if label:
            out.append({"start": start, "end": end, "label": label, "rank": 2})
    for m in _ALLCAPS_PERSON.finditer(text):
        if _TITLE_AFTER.match(text[m.end() : m.end() + 40]) or _SAY_AFTER.match(text[m.end() : m.end() + 20]):
            out.append({"start": m.start(), "end": m.end(), "label": "PERSON", "rank": 2})
    return out


def pattern_spans(text: str, patterns) -> list[dict]:
    out = []
    for label, rank, rx in patterns:
        for m in rx.finditer(text):
            start, end = trim(text, m.start(), m.end())
            if start < end:
                out.append({"start": start, "end": end, "label": label, "rank": rank})
    return out


class RuleTagger(Baseline):
    """Regular expressions, gazetteers and a lexicon of the training spans; fit only builds the lexicon.

    use_lexicon: add the name spans seen in training (kept when the surface is that label at least
    `min_precision` of the times it occurs in the training texts).
    """

    def __init__(self, use_lexicon: bool = True, min_precision: float = 0.5):
        self.use_lexicon = use_lexicon
        self.min_precision = min_precision

    def fit(self, docs: list[dict]):
        docs = check_documents(docs)
        inv = load_inventory()
        skip = {*inv.value_labels, "TIME"}
        labelled: dict[str, Counter] = defaultdict(Counter)
        for doc in docs:
            for span in doc.get("spans", []):
                if span["label"] not in skip:
                    labelled[doc["text"][span["start"] : span["end"]]][span["label"]] += 1
        lexicon = {}
        for surface, counts in labelled.items():
            if len(surface) < 3:
                continue
            label, hits = counts.most_common(1)[0]
            seen = sum(len(re.findall(rf"(?<!\w){re.escape(surface)}(?!\w)", d["text"])) for d in docs)
            if seen and hits / seen >= self.min_precision:
                lexicon[surface] = label
        self.lexicon_ = dict(sorted(lexicon.items()))
        self._lexicon_rx_ = None
        return self

    def _lexicon_spans(self, text: str) -> list[dict]:
        if not self.use_lexicon or not getattr(self, "lexicon_", None):
            return []
        if self._lexicon_rx_ is None:
            words = sorted(self.lexicon_, key=len, reverse=True)
            self._lexicon_rx_ = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
        return [
            {"start": m.start(), "end": m.end(), "label": self.lexicon_[m.group()], "rank": 2}
            for m in self._lexicon_rx_.finditer(text)
        ]

    def predict_spans(self, docs: list[dict]) -> list[list[dict]]:
        return [self._spans(d["text"]) for d in check_documents(docs)]

    def _spans(self, text: str) -> list[dict]:
        cands = pattern_spans(text, _VALUES) + pattern_spans(text, _TIMES) + chunk_spans(text)
        cands += self._lexicon_spans(text)
        for label, rank, rx in (("LOCATION", 2, _PLACE_NAMES), ("LOCATION", 3, _NOMINAL), ("INDICATOR", 3, _INDICATOR),
                                ("SECTOR", 4, _SECTOR)):  # fmt: skip
            cands += [{"start": m.start(), "end": m.end(), "label": label, "rank": rank} for m in rx.finditer(text)]
        labels = set(load_inventory().label_names)
        kept = [c for c in flat_spans(cands) if c["label"] in labels]
        return [{"start": c["start"], "end": c["end"], "label": c["label"]} for c in kept]

    def predict(self, docs: list[dict]) -> list[dict]:
        docs = check_documents(docs)
        return [to_record(d, spans) for d, spans in zip(docs, self.predict_spans(docs), strict=True)]
