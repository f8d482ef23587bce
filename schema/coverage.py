"""The number-coverage contract of GUIDELINES.md 6.1: every number token of a text lies inside a value or
TIME span, or is excluded with a reason from labels.json."""

from __future__ import annotations

import re

from econfacts.schema.inventory import load_inventory

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion first second third fourth fifth sixth seventh eighth ninth tenth double twice half dozen"
)
NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(_WORDS.split()) + r")\b", re.IGNORECASE)


def covering_labels() -> set[str]:
    return set(load_inventory().raw["number_exclusions"]["covering_labels"])


def exclusion_reasons() -> tuple[str, ...]:
    return tuple(r["name"] for r in load_inventory().raw["number_exclusions"]["reasons"])


def number_tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in NUMBER_TOKEN.finditer(text)]


def uncovered_numbers(doc: dict, exclusions: list[dict]) -> list[tuple[int, int]]:
    """Number tokens of `doc` neither inside a covering span nor listed in `exclusions` (same document)."""
    labels = covering_labels()
    covered = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] in labels]
    listed = {(e["start"], e["end"]) for e in exclusions}
    return [
        (start, end)
        for start, end in number_tokens(doc["text"])
        if (start, end) not in listed and not any(a <= start and end <= b for a, b in covered)
    ]


def check_exclusions(doc: dict, exclusions: list[dict]) -> list[str]:
    """Why each exclusion entry of this document is wrong: bad offsets, text, reason, or a covered token."""
    reasons = exclusion_reasons()
    tokens = set(number_tokens(doc["text"]))
    labels = covering_labels()
    problems = []
    for i, e in enumerate(exclusions):
        where = f"exclusion {i} ({e.get('text')!r} at {e.get('start')})"
        if (e.get("start"), e.get("end")) not in tokens:
            problems.append(f"{where}: offsets are not a number token of the text")
        elif doc["text"][e["start"] : e["end"]] != e.get("text"):
            problems.append(f"{where}: text differs from the document text")
        if e.get("reason") not in reasons:
            problems.append(f"{where}: reason {e.get('reason')!r} is not one of {', '.join(reasons)}")
        if any(
            s["start"] <= e.get("start", -1) and e.get("end", -1) <= s["end"]
            for s in doc["spans"]
            if s["label"] in labels
        ):
            problems.append(f"{where}: the token is inside a value or TIME span and must not be excluded")
    return problems
