"""A linear-chain CRF (sklearn-crfsuite) over the sentences/BIO view, with word shape, affix,
neighbour and gazetteer features."""

from __future__ import annotations

import calendar
import re

from econfacts.baselines.base import Baseline, check_documents, to_record
from econfacts.baselines.bio import decode, labelled_sentences, sentence_tokens
from econfacts.baselines.gazetteers import COUNTRIES, INDICATORS, ORG_SUFFIXES, PLACE_SUFFIXES, PROVINCES

_PLACES = frozenset(w for name in (*PROVINCES, *COUNTRIES) for w in name.split())
_ORG = frozenset(s.rstrip(".") for s in ORG_SUFFIXES)
_PLACE_SUFFIX = frozenset(w for s in PLACE_SUFFIXES for w in s.split())
_INDICATOR_WORDS = frozenset(w.lower() for name in INDICATORS for w in name.split())
_MONTHS = frozenset(m.lower() for m in calendar.month_name if m)
_SCALE = frozenset({"hundred", "thousand", "million", "billion", "trillion"})
_CURRENCY = frozenset({"yuan", "rmb", "cny", "dollars", "usd", "euros"})


def shape(word: str) -> str:
    """Xxxx -> Xx, 12,345 -> d,d: runs of the same character class collapse."""
    s = re.sub(r"[A-Z]+", "X", word)
    s = re.sub(r"[a-z]+", "x", s)
    return re.sub(r"\d+", "d", s)


def word_features(word: str) -> dict:
    lower = word.lower()
    return {
        "lower": lower,
        "shape": shape(word),
        "suffix3": lower[-3:],
        "prefix3": lower[:3],
        "is_title": word.istitle(),
        "is_upper": word.isupper(),
        "is_digit": any(c.isdigit() for c in word),
        "is_year": bool(re.fullmatch(r"(19|20)\d\d", word)),
        "gaz_place": word in _PLACES,
        "gaz_org_suffix": word in _ORG,
        "gaz_place_suffix": word in _PLACE_SUFFIX,
        "gaz_indicator": lower in _INDICATOR_WORDS,
        "gaz_month": lower in _MONTHS,
        "gaz_scale": lower in _SCALE,
        "gaz_currency": lower in _CURRENCY,
        "is_percent": word == "%",
    }


def sentence_features(text: str, sent: list[tuple[int, int]], window: int) -> list[dict]:
    words = [text[s:e] for s, e in sent]
    base = [word_features(w) for w in words]
    out = []
    for i in range(len(words)):
        feats = {"bias": 1.0, **base[i]}
        for off in range(1, window + 1):
            for j, side in ((i - off, f"-{off}"), (i + off, f"+{off}")):
                if 0 <= j < len(words):
                    feats[f"{side}:lower"] = base[j]["lower"]
                    feats[f"{side}:shape"] = base[j]["shape"]
                    feats[f"{side}:is_title"] = base[j]["is_title"]
                else:
                    feats[f"{side}:edge"] = True
        out.append(feats)
    return out


class CRFTagger(Baseline):
    """c1/c2: L1/L2 regularisation; window: neighbouring words on each side used as features.

    crfsuite's L-BFGS is deterministic, so random_state only records the seed for the log."""

    def __init__(self, c1: float = 0.05, c2: float = 0.05, max_iterations: int = 150, window: int = 2,
                 random_state: int = 0):  # fmt: skip
        self.c1 = c1
        self.c2 = c2
        self.max_iterations = max_iterations
        self.window = window
        self.random_state = random_state

    def fit(self, docs: list[dict]):
        import sklearn_crfsuite

        docs = check_documents(docs)
        X, y = [], []
        for doc in docs:
            for sent, tags in labelled_sentences(doc):
                X.append(sentence_features(doc["text"], sent, self.window))
                y.append(tags)
        self.model_ = sklearn_crfsuite.CRF(
            algorithm="lbfgs", c1=self.c1, c2=self.c2, max_iterations=self.max_iterations,
            all_possible_transitions=True,
        )  # fmt: skip
        self.model_.fit(X, y)
        self.labels_ = sorted({t[2:] for tags in y for t in tags if t != "O"})
        return self

    def predict_spans(self, docs: list[dict]) -> list[list[dict]]:
        out = []
        for doc in check_documents(docs):
            sents = sentence_tokens(doc["text"])
            tags = self.model_.predict([sentence_features(doc["text"], s, self.window) for s in sents]) if sents else []
            out.append([sp for sent, t in zip(sents, tags, strict=True) for sp in decode(sent, list(t))])
        return out

    def predict(self, docs: list[dict]) -> list[dict]:
        docs = check_documents(docs)
        return [to_record(d, spans) for d, spans in zip(docs, self.predict_spans(docs), strict=True)]
