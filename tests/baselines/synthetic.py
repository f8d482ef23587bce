"""Synthetic gold documents for the baseline tests, built from sentence templates (no seed article text).

Each template is a list of pieces: plain text, or (text, label, key[, attributes]); relations name keys.
"""

from __future__ import annotations

import random

PLACES = ["Hebei", "Jiangsu", "Hunan", "Sichuan", "Gansu", "Yunnan"]
CITIES = ["Alpha City", "Beta City", "Gamma County"]
ORGS = ["Northstar Group", "Bluewater Machinery Co., Ltd.", "Redhill Steel Group"]
PEOPLE = ["Chen Hao", "Li Mei", "Zhou Ping"]
INDICATORS = ["industrial added value", "total profit", "operating revenue", "fixed asset investment"]
SECTORS = ["high-tech manufacturing", "petrochemicals", "equipment manufacturing"]
PERIODS = [("first quarter", "2024-Q1"), ("first half", "2024-H1"), ("first five months", "2024-01/2024-05")]


def _value(kind="change", direction="increase", basis="year_on_year", number=5.0, unit="%", bound="exact"):
    return {"kind": kind, "direction": direction, "basis": basis, "modality": "actual", "bound": bound,
            "number": number, "unit": unit}  # fmt: skip


def _templates(rng: random.Random):
    place, city, org = rng.choice(PLACES), rng.choice(CITIES), rng.choice(ORGS)
    person, ind, sector = rng.choice(PEOPLE), rng.choice(INDICATORS), rng.choice(SECTORS)
    (period, pvalue), pct = rng.choice(PERIODS), round(rng.uniform(1, 20), 1)
    amount = rng.randint(2, 900)
    city_canonical = city.replace(" City", "")
    return [
        (["In the ", (period, "TIME", "t", {"value": pvalue}), ", ", (place, "LOCATION", "l", {"canonical": place}),
          "'s ", (ind, "INDICATOR", "i"), " increased by ", (f"{pct}%", "PERCENT", "v", _value(number=pct)),
          " year-on-year."],
         [("v", "i", "value_of"), ("v", "t", "period"), ("v", "l", "location")]),
        ([(org, "ORGANIZATION", "o"), " is located in ", (city, "LOCATION", "c", {"canonical": city_canonical}), "."],
         [("o", "c", "location")]),
        ([(person, "PERSON", "p"), ", general manager of ", (org, "ORGANIZATION", "o"), ", said that the ",
          (ind, "INDICATOR", "i"), " of the ", (sector, "SECTOR", "s"), " reached ",
          (f"{amount} billion yuan", "MONEY", "m", _value("level", "none", "none", amount * 1e9, "CNY")), "."],
         [("p", "o", "affiliation"), ("m", "i", "value_of"), ("m", "s", "subject")]),
        (["There are ", (str(amount), "QUANTITY", "q", _value("level", "none", "none", float(amount), "count")), " ",
          ("major projects", "INDICATOR", "i"), " in ", (place, "LOCATION", "l", {"canonical": place}), "."],
         [("q", "i", "value_of"), ("q", "l", "location")]),
    ]  # fmt: skip


def make_document(doc_id: str, seed: int, n_sentences: int = 6) -> dict:
    rng = random.Random(seed)
    text, spans, relations = "", [], []
    for _ in range(n_sentences):
        pieces, rels = rng.choice(_templates(rng))
        keys = {}
        for piece in pieces:
            if isinstance(piece, str):
                text += piece
                continue
            surface, label, key, *attrs = piece
            sid = f"T{len(spans) + 1}"
            spans.append({"id": sid, "start": len(text), "end": len(text) + len(surface), "label": label,
                          "text": surface, "attributes": attrs[0] if attrs else {}})  # fmt: skip
            keys[key] = sid
            text += surface
        relations += [{"head": keys[h], "tail": keys[t], "label": lab} for h, t, lab in rels]
        text += " "
    return {"id": doc_id, "text": text.rstrip(), "spans": spans, "relations": relations,
            "metadata": {"reference_year": 2024, "province": "Hebei"}}  # fmt: skip


def make_corpus(ids: list[str], seed: int = 0, n_sentences: int = 6) -> list[dict]:
    return [make_document(doc_id, seed * 1000 + i, n_sentences) for i, doc_id in enumerate(ids)]
