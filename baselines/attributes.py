"""Rule-based attributes for any span baseline: kind, direction, basis, modality, bound, number, unit
for values; the normalised value of TIME; the canonical place of LOCATION.

Cues are read from the value's clause (the text between the nearest , ; : or sentence edge on each
side) and, for modality, from the whole sentence up to the value.
"""

from __future__ import annotations

import re

from econfacts.baselines.base import Baseline, check_documents, document_province, reference_year, to_record
from econfacts.baselines.gazetteers import COUNTRIES, OWN_COUNTRY, OWN_PROVINCE, PROVINCES
from econfacts.baselines.normalize import normalize_time, normalize_value
from econfacts.dataset.tokenize import sentences
from econfacts.schema.inventory import load_inventory

INCREASE = (
    r"increas\w*|grow\w*|grew|rose|rise[sn]?|rising|up|higher|expand\w*|jump\w*|surg\w*|climb\w*|boost\w*|"
    r"rais\w*|add(?:ed|ing)?"
)
DECREASE = r"decreas\w*|declin\w*|fell|fall\w*|down|drop\w*|reduc\w*|lower|shrink\w*|shrank|narrow\w*|cut|dipped"
SHARE = r"account\w* for|share of|proportion|of the total|of the country|of the province|percent of|accounting"
YOY = (
    r"year[- ]on[- ]year|than last year|over the same period|than the same period|compared with the same period|"
    r"from a year earlier|y-o-y"
)
PRIOR = (
    r"month[- ]on[- ]month|quarter[- ]on[- ]quarter|than the previous|over the previous|from the previous|"
    r"compared with the previous|than last month|than the last quarter"
)
BENCHMARK = (
    r"than the national|than the country|than the average|national average|than the whole country|higher than|"
    r"lower than|faster than|slower than|above the national|below the national"
)
TARGET = (
    r"\btarget\w*|\bgoals?\b|\bstriv\w*|\baim\w*|\bplan(?:s|ned)? to\b|\bshould\b|\bmust\b|\bensure\b|"
    r"\bwill (?:cultivate|foster|create|build|strive|achieve)\b"
)
FORECAST = (
    r"\bexpect\w*|\bestimat\w*|\bforecast\w*|\bproject(?:ed|ion)s?\b|\blikely\b|\bpredict\w*|"
    r"\bafter (?:completion|it is put into)"
)

_CLAUSE_EDGE = re.compile(r"[,;:(){}\[\]“”\"]")


def _clause(text: str, sent: tuple[int, int], start: int, end: int) -> tuple[str, str]:
    """The text of the value's clause before and after it."""
    left = text[sent[0] : start]
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(left)]
    left = left[edges[-1] :] if edges else left
    right = text[end : sent[1]]
    m = _CLAUSE_EDGE.search(right)
    right = right[: m.start()] if m else right
    return left, right


def _last(pattern: str, text: str) -> int:
    """Position after the last match, or -1."""
    ends = [m.end() for m in re.finditer(rf"\b(?:{pattern})\b", text, re.I)]
    return ends[-1] if ends else -1


def value_attributes(text: str, sent: tuple[int, int], span: dict, ref_year: int | None) -> dict:
    start, end, label = span["start"], span["end"], span["label"]
    left, right = _clause(text, sent, start, end)
    attrs = normalize_value(text[start:end], label, before=text[sent[0] : start], after=text[end : sent[1]])
    up, down = _last(INCREASE, left), _last(DECREASE, left)
    after_up = re.match(rf"\W*(?:{YOY})?\W*(?:{INCREASE})\b", right, re.I)
    after_down = re.match(rf"\W*(?:{YOY})?\W*(?:{DECREASE})\b", right, re.I)
    left_tail = left[-60:]
    # Money and counts change only "by" an amount; a percent changes with any nearby cue.
    if label == "PERCENT":
        changed = (max(up, down) >= 0 and max(up, down) >= len(left) - 60) or bool(after_up or after_down)
    else:
        by_amount = rf"\b(?:{INCREASE}|{DECREASE})\s+(?:\w+\s+){{0,4}}by\W*(?:\w+\W+){{0,3}}$"
        changed = bool(re.search(by_amount, left_tail, re.I))
    clause = f"{left} {text[start:end]} {right}"
    if re.search(SHARE, clause, re.I) and not changed:
        kind = "share"
    elif changed:
        kind = "change"
    else:
        kind = "level"
    direction = "none"
    if kind == "change":
        direction = "decrease" if after_down or (down > up and not after_up) else "increase"
    if re.search(YOY, clause, re.I):
        basis = "year_on_year"
    elif re.search(PRIOR, clause, re.I):
        basis = "prior_period"
    elif re.search(BENCHMARK, clause, re.I):
        basis = "benchmark"
    else:
        basis = "none"
    before = text[sent[0] : start] + " " + right
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", text[sent[0] : sent[1]])]
    past = ref_year is not None and years and max(years) < ref_year
    if re.search(TARGET, before, re.I) and not past:
        modality = "target"
    elif re.search(FORECAST, before, re.I) and not past:
        modality = "forecast"
    else:
        modality = "actual"
    attrs.update(kind=kind, direction=direction, basis=basis, modality=modality)
    return attrs


def canonical_place(surface: str, province: str | None) -> str | None:
    """The named place a LOCATION mention refers to."""
    lower = " ".join(surface.lower().split())
    if lower in OWN_PROVINCE:
        return province
    if lower in OWN_COUNTRY:
        return "China"
    if lower in ("city", "this city", "our city"):
        return None
    for name in (*PROVINCES, *COUNTRIES):
        if re.search(rf"\b{re.escape(name)}\b", surface, re.I):
            if name in ("Macau",):
                return "Macao"
            return "Tibet" if name == "Xizang" else name
    name = surface
    for suffix in ("Province", "City"):
        if name.endswith(" " + suffix):
            name = name[: -len(suffix) - 1]
            break
    if lower.startswith(("the ", "our ", "this ")):
        return None
    # Guidelines 4.9: plain ASCII punctuation, so curly and straight spellings are one place.
    name = name.strip().replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return name or None


class RuleAttributes(Baseline):
    """Fills the attributes of every span with the rules above; nothing is learned."""

    def __init__(self, resolve_places: bool = True):
        self.resolve_places = resolve_places

    def fit(self, docs: list[dict]):
        check_documents(docs)
        self.labels_ = load_inventory().label_names
        return self

    def annotate(self, doc: dict, spans: list[dict]) -> list[dict]:
        """Copies of `spans` with attributes for every label that has attributes."""
        inv = load_inventory()
        text = doc["text"]
        sents = sentences(text) or [(0, len(text))]
        ref = reference_year(doc)
        province = document_province(doc) if self.resolve_places else None
        out = []
        for span in spans:
            sent = next((s for s in sents if s[0] <= span["start"] < s[1]), (0, len(text)))
            names = {a.name for a in inv.attributes_for(span["label"])}
            attrs: dict = {}
            if span["label"] in inv.value_labels:
                attrs = value_attributes(text, sent, span, ref)
            elif "value" in names:
                attrs = {"value": normalize_time(text[span["start"] : span["end"]], ref)}
            elif "canonical" in names:
                attrs = {"canonical": canonical_place(text[span["start"] : span["end"]], province)}
            out.append({**span, "attributes": {k: v for k, v in attrs.items() if k in names}})
        return out

    def predict(self, docs: list[dict]) -> list[dict]:
        """Re-attributes the documents' own spans (used to score attributes on gold spans)."""
        docs = check_documents(docs)
        return [to_record(d, self.annotate(d, d.get("spans", [])), d.get("relations", [])) for d in docs]
