"""The value normaliser: the number in base units, its unit and bound, and TIME values.

Written from the label definitions, the guidelines and the training articles. Words are tables, so
that a new unit or qualifier is one line; the functions only combine them.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal

NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "ten thousand": 1e4,
    "hundred thousand": 1e5,
    "million": 1e6,
    "ten million": 1e7,
    "hundred million": 1e8,
    "billion": 1e9,
    "trillion": 1e12,
}
SCALE = r"(?:ten thousand|hundred thousand|ten million|hundred million|hundred|thousand|million|billion|trillion)"
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
}  # fmt: skip

CURRENCIES = {
    "yuan": "CNY", "rmb": "CNY", "cny": "CNY", "renminbi": "CNY",
    "us dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD", "us$": "USD", "$": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR",
    "hong kong dollars": "HKD", "hkd": "HKD", "yen": "JPY", "jpy": "JPY", "won": "KRW", "pounds": "GBP",
}  # fmt: skip
CURRENCY = r"(?:US dollars|Hong Kong dollars|dollars?|yuan|RMB|CNY|renminbi|USD|US\$|\$|euros?|EUR|€|HKD|yen|JPY)"

# Physical units; a counted noun ("602 major projects") has no unit word and becomes "count".
UNITS = {
    "tons": "t", "ton": "t", "tonnes": "t", "tonne": "t", "t": "t", "kilotons": "kt", "kg": "kg",
    "kilograms": "kg", "cubic meters": "m3", "cubic metres": "m3", "cubic meter": "m3", "m3": "m3",
    "square meters": "m2", "square metres": "m2", "square meter": "m2", "m2": "m2",
    "square kilometers": "km2", "square kilometres": "km2", "square kilometer": "km2", "square kilometre": "km2",
    "km2": "km2", "kilometers": "km",
    "kilometres": "km", "km": "km", "meters": "m", "metres": "m", "acres": "acre", "acre": "acre",
    "mu": "mu", "hectares": "ha", "ha": "ha", "kilowatts": "kW", "kw": "kW", "megawatts": "MW", "mw": "MW",
    "gigawatts": "GW", "gw": "GW", "kilowatt-hours": "kWh", "kwh": "kWh", "kilowatt hours": "kWh",
    "times": "ratio", "fold": "ratio", "units": "count", "sets": "count", "pieces": "count",
    "vehicles": "count", "households": "count", "people": "count", "persons": "count",
}  # fmt: skip
UNIT = (
    r"(?:cubic met(?:er|re)s?|square met(?:er|re)s?|square kilomet(?:er|re)s?|kilowatt[- ]hours|"
    r"tons?-a-year|kilotons|kilograms|tonnes?|tons?|kilomet(?:er|re)s?|met(?:er|re)s|acres?|hectares|mu|"
    r"kilowatts|megawatts|gigawatts|kWh|km2|m3|m2|kg|km|times|fold)(?:\s+per\s+(?:ton|tonne|year|day))?"
)

# Qualifiers, in or right before the span, and the bound they give (guidelines 4.5: "nearly", "almost"
# and "close to" approach the figure from below, so they are at_most).
BOUNDS = (
    ("at_least", r"more than|over|above|exceed(?:ed|ing|s)?|at least|no less than|not less than|upwards of|"
     r"in excess of|surpass(?:ed|ing)?|reach(?:ed|ing)? more than"),
    ("at_most", r"less than|fewer than|under|below|up to|at most|no more than|not more than|nearly|almost|close to"),
    ("approximate", r"about|around|approximately|roughly|some|or so"),
)  # fmt: skip
_BOUND_BEFORE = [(bound, re.compile(rf"(?:^|\W)(?:{words})\W*$", re.I)) for bound, words in BOUNDS]
_BOUND_INSIDE = [(bound, re.compile(rf"^\W*(?:{words})\b", re.I)) for bound, words in BOUNDS]
_MORE_AFTER = re.compile(r"^\s*(?:or more|and above|or above|plus)\b", re.I)
_LESS_AFTER = re.compile(r"^\s*(?:or less|and below|or below)\b", re.I)

_NUM = re.compile(rf"({NUMBER})(?:\s*({SCALE})\b)?", re.I)
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_RANGE_SEP = re.compile(r"^\s*(?:to|-|–|—|~|and)\s*$", re.I)


def scaled(token: str, scale: str | None) -> float:
    """The number times its scale word, in decimal arithmetic (guidelines 4.6: 290.7 billion is
    float("290.7e9"), not 290.7 * 1e9)."""
    return float(Decimal(token.replace(",", "")) * Decimal(int(SCALES.get((scale or "").lower(), 1))))


def numbers_in(text: str) -> list[float]:
    """Every number in `text` in base units (scale words applied; a range's shared scale too)."""
    found = list(_NUM.finditer(text))
    values = [scaled(m.group(1), m.group(2)) for m in found]
    # "1.6 billion to 1.9 billion" scales both; "3 to 4 billion" gives the scale of the second to the first.
    shared = len(found) == 2 and not found[0].group(2) and found[1].group(2)
    if shared and _RANGE_SEP.match(text[found[0].end() : found[1].start()]):
        values[0] = scaled(found[0].group(1), found[1].group(2))
    return values


def number_of(text: str) -> float | list[float] | None:
    """The span's value: one number, [low, high] for a range, a fraction as its decimal, or None."""
    frac = _FRACTION.search(text)
    if frac and not _NUM.search(text[frac.end() :]) and int(frac.group(2)) != 0:
        return int(frac.group(1)) / int(frac.group(2))
    values = numbers_in(text)
    if not values:
        words = [WORD_NUMBERS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in WORD_NUMBERS]
        if not words:
            return None
        scale = next((SCALES[s] for s in ("billion", "million", "thousand") if s in text.lower()), 1)
        return float(words[0] * scale)
    if len(values) >= 2:
        low, high = values[0], values[1]
        return [min(low, high), max(low, high)] if low != high else low
    return values[0]


def unit_of(text: str, label: str) -> str:
    """ISO 4217 for MONEY, % or pp for PERCENT, a short unit or count for QUANTITY."""
    lower = text.lower()
    if label == "MONEY":
        for word, code in sorted(CURRENCIES.items(), key=lambda kv: -len(kv[0])):
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lower):
                return code
        return "CNY"
    if label == "PERCENT":
        return "pp" if "point" in lower else "%"
    if _FRACTION.search(text):
        return "ratio"
    rate = re.search(r"-?\s*(?:ton|tonne)s?-a-year|tons? per year|per annum", lower)
    per = re.search(r"\bper\s+(ton|tonne|year|day|hour)\b", lower)
    if rate:
        return "t/yr"
    for word, unit in sorted(UNITS.items(), key=lambda kv: -len(kv[0])):
        if per and word == per.group(1):
            continue
        if re.search(rf"(?<![a-z0-9]){re.escape(word.lower())}(?![a-z])", lower):
            return f"{unit}/{UNITS.get(per.group(1), per.group(1)[0])}" if per else unit
    return "count"


def bound_of(span_text: str, before: str = "", after: str = "") -> str:
    """exact unless a qualifier inside the span, right before it or right after it says otherwise."""
    for bound, pattern in _BOUND_INSIDE:
        if pattern.search(span_text):
            return bound
    for bound, pattern in _BOUND_BEFORE:
        if pattern.search(before[-40:]):
            return bound
    if _MORE_AFTER.search(after):
        return "at_least"
    if _LESS_AFTER.search(after):
        return "at_most"
    return "exact"


def normalize_value(span_text: str, label: str, before: str = "", after: str = "") -> dict:
    """number, unit and bound of one MONEY, PERCENT or QUANTITY span."""
    return {
        "number": number_of(span_text),
        "unit": unit_of(span_text, label),
        "bound": bound_of(span_text, before, after),
    }


# ---------------------------------------------------------------- TIME

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10, "11": 11}  # fmt: skip
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)


def _year_in(text: str, ref: int | None) -> int | None:
    """The year a TIME names: a four-digit year, or this/last/next year resolved with the reference year."""
    m = re.search(r"\b(19\d\d|20\d\d)\b", text)
    if m:
        return int(m.group(1))
    lower = text.lower()
    if ref is None:
        return None
    if re.search(r"\blast year\b|\bprevious year\b|\ba year ago\b", lower):
        return ref - 1
    if re.search(r"\bnext year\b", lower):
        return ref + 1
    ago = re.search(r"\b(\w+) years ago\b", lower)
    if ago and ago.group(1) in COUNTS:
        return ref - COUNTS[ago.group(1)]
    return ref


def _month(text: str) -> list[tuple[int, int | None]]:
    """(month, day) pairs in text order."""
    out = []
    for m in re.finditer(rf"\b({MONTH})(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)?", text, re.I):
        key = m.group(1).lower().rstrip(".")
        if key in MONTHS:
            out.append((MONTHS[key], int(m.group(2)) if m.group(2) else None))
    return out


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


SPRING_FESTIVAL = {2022: "2022-02-01", 2023: "2023-01-22", 2024: "2024-02-10", 2025: "2025-01-29"}


def normalize_time(text: str, ref: int | None) -> str | None:
    """The normalised date or period of a TIME span, or None when the text does not fix it."""
    lower = " ".join(text.lower().split())
    if "spring festival" in lower:
        year = _year_in(lower, ref)
        return SPRING_FESTIVAL.get(year) if year else None
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", lower)
    if iso:
        return lower
    if re.search(r"\brecent years\b|\bfuture\b|\bin the past\b|\bnow\b|\bcurrently\b|\bat present\b", lower):
        return None
    year = _year_in(lower, ref)
    if year is None:
        return None
    years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", lower)]
    if len(years) == 2 and re.search(r"\d{4}\s*(?:to|-|–|and)\s*\d{4}", lower):
        return f"{years[0]}/{years[1]}"
    quarter = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b|\bq([1-4])\b", lower)
    if quarter:
        q = ORDINALS[quarter.group(1)] if quarter.group(1) else int(quarter.group(2))
        return f"{year}-Q{q}"
    if re.search(r"\b(first|second)\s+half\b", lower):
        return f"{year}-H{1 if 'first' in lower else 2}"
    first_n = re.search(r"\bfirst (\w+) months\b", lower)
    if first_n and first_n.group(1) in COUNTS:
        return f"{year}-01/{_fmt(year, COUNTS[first_n.group(1)])}"
    months = _month(text)
    if len(months) >= 2:
        (m1, d1), (m2, d2) = months[0], months[1]
        return f"{_fmt(year, m1, d1)}/{_fmt(year, m2, d2)}"
    if len(months) == 1:
        m1, d1 = months[0]
        day_range = re.search(rf"{MONTH}\s+(\d{{1,2}})\s*(?:to|-|–)\s*(\d{{1,2}})\b", text, re.I)
        if day_range:
            return f"{_fmt(year, m1, int(day_range.group(1)))}/{_fmt(year, m1, int(day_range.group(2)))}"
        if re.search(r"\bend of\b", lower) and d1 is None:
            return _fmt(year, m1, calendar.monthrange(year, m1)[1])
        if re.search(r"\bbeginning of\b", lower) and d1 is None:
            return _fmt(year, m1)
        return _fmt(year, m1, d1)
    if re.search(r"\bbeginning of (?:this|the|last) year\b|\bbeginning of \d{4}\b", lower):
        return f"{year}-01"
    if re.search(r"\b(19|20)\d\d\b", lower) or re.search(r"\b(this|last|next|the whole|whole|the) year\b", lower):
        return f"{year}"
    if re.search(r"\byears? ago\b|\bsince (?:the beginning of )?(?:this|the) year\b|\bannual\b", lower):
        return f"{year}"
    return None
