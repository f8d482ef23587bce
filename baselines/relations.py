"""Relation baselines over given spans: the nearest compatible argument, and a classifier over pairs.

Which labels a relation may join is read from the inventory's signatures, never typed here.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

import numpy as np

from econfacts.baselines.base import Baseline, check_documents, to_record, with_ids
from econfacts.dataset.tokenize import sentences, tokens
from econfacts.schema.inventory import load_inventory


def _sentence_index(text: str):
    """A function from a character offset to the index of its sentence."""
    starts = [s for s, _ in sentences(text)] or [0]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


def _token_index(text: str):
    starts = [s for s, _ in tokens(text)] or [0]
    return lambda offset: bisect.bisect_left(starts, offset)


def allowed_relations(head_label: str, tail_label: str) -> list[str]:
    return [r.name for r in load_inventory().relations if r.allows(head_label, tail_label)]


class NearestRelations(Baseline):
    """For every span and every relation its label may head, link the nearest span of an allowed tail
    label in the same sentence (within `max_tokens`). When head and tail share a label (part_of), the
    tail is searched after the head only, as in "Weifang City, Shandong Province"."""

    def __init__(self, max_tokens: int = 40):
        self.max_tokens = max_tokens

    def fit(self, docs: list[dict]):
        check_documents(docs)
        self.relations_ = load_inventory().relation_names
        return self

    def predict_relations(self, doc: dict, spans: list[dict]) -> list[dict]:
        inv = load_inventory()
        sent_of, tok_of = _sentence_index(doc["text"]), _token_index(doc["text"])
        out = []
        for head in spans:
            for rel in inv.relations:
                best, best_dist = None, None
                for tail in spans:
                    if tail is head or not rel.allows(head["label"], tail["label"]):
                        continue
                    if sent_of(tail["start"]) != sent_of(head["start"]):
                        continue
                    if head["label"] == tail["label"] and tail["start"] < head["start"]:
                        continue
                    dist = abs(tok_of(tail["start"]) - tok_of(head["start"]))
                    if dist <= self.max_tokens and (best_dist is None or dist < best_dist):
                        best, best_dist = tail, dist
                if best is not None:
                    out.append({"head": head["id"], "tail": best["id"], "label": rel.name})
        return out

    def predict(self, docs: list[dict]) -> list[dict]:
        docs = check_documents(docs)
        out = []
        for d in docs:
            spans = with_ids(d.get("spans", []))
            out.append(to_record(d, spans, self.predict_relations(d, spans)))
        return out


def pair_features(doc: dict, spans: list[dict], head: dict, tail: dict, sent_of, tok_of) -> dict:
    """Simple features of one candidate pair: labels, distance, order, words and spans between."""
    text = doc["text"]
    h_tok, t_tok = tok_of(head["start"]), tok_of(tail["start"])
    dist = abs(t_tok - h_tok)
    first, second = (head, tail) if head["start"] < tail["start"] else (tail, head)
    lo, hi = sorted((first["end"], second["start"]))
    between = text[lo:hi].lower().split()
    feats = {
        f"pair={head['label']}>{tail['label']}": 1.0,
        "same_sentence": float(sent_of(head["start"]) == sent_of(tail["start"])),
        "tail_before": float(tail["start"] < head["start"]),
        "log_distance": float(np.log1p(dist)),
        f"dist_bucket={min(dist // 5, 8)}": 1.0,
        "spans_between": float(sum(1 for s in spans if lo <= s["start"] < hi)),
        f"same_label_between={any(s['label'] == tail['label'] and lo <= s['start'] < hi for s in spans)}": 1.0,
    }
    for word in between[:12]:
        feats[f"between={word.strip('.,;:“”')}"] = 1.0
    if between:
        feats[f"first_between={between[0]}"] = 1.0
        feats[f"last_between={between[-1]}"] = 1.0
    feats[f"tail_text={text[tail['start'] : tail['end']].lower()}"] = 1.0
    return feats


def candidate_pairs(doc: dict, spans: list[dict], window: int):
    """(head, tail) pairs that some relation allows, within `window` sentences of each other."""
    sent_of, tok_of = _sentence_index(doc["text"]), _token_index(doc["text"])
    for head in spans:
        for tail in spans:
            if head is tail or not allowed_relations(head["label"], tail["label"]):
                continue
            if abs(sent_of(head["start"]) - sent_of(tail["start"])) > window:
                continue
            yield head, tail, pair_features(doc, spans, head, tail, sent_of, tok_of)


class PairClassifierRelations(Baseline):
    """Logistic regression over candidate pairs; a pair's class is a relation name or "none".
    Only relations the signatures allow for the pair are considered, and each head keeps its most
    probable tail per relation."""

    def __init__(self, C: float = 1.0, window: int = 0, threshold: float = 0.5, random_state: int = 0):
        self.C = C
        self.window = window
        self.threshold = threshold
        self.random_state = random_state

    def fit(self, docs: list[dict]):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        docs = check_documents(docs)
        X, y = [], []
        for doc in docs:
            spans = doc.get("spans", [])
            gold = {(r["head"], r["tail"]): r["label"] for r in doc.get("relations", [])}
            for head, tail, feats in candidate_pairs(doc, spans, self.window):
                X.append(feats)
                y.append(gold.get((head["id"], tail["id"]), "none"))
        self.vectorizer_ = DictVectorizer()
        self.classes_ = sorted(set(y))
        if len(self.classes_) < 2:
            self.model_ = None
            return self
        rng = np.random.RandomState(self.random_state)
        self.model_ = LogisticRegression(C=self.C, max_iter=2000, random_state=rng.randint(2**31 - 1))
        self.model_.fit(self.vectorizer_.fit_transform(X), y)
        return self

    def predict_relations(self, doc: dict, spans: list[dict]) -> list[dict]:
        if self.model_ is None:
            return []
        pairs = list(candidate_pairs(doc, spans, self.window))
        if not pairs:
            return []
        proba = self.model_.predict_proba(self.vectorizer_.transform([f for _, _, f in pairs]))
        classes = list(self.model_.classes_)
        best: dict[tuple[str, str], tuple[float, str]] = {}
        for (head, tail, _), row in zip(pairs, proba, strict=True):
            for name in allowed_relations(head["label"], tail["label"]):
                if name in classes and row[classes.index(name)] >= self.threshold:
                    key = (head["id"], name)
                    if key not in best or row[classes.index(name)] > best[key][0]:
                        best[key] = (float(row[classes.index(name)]), tail["id"])
        grouped = defaultdict(list)
        for (head_id, name), (_, tail_id) in sorted(best.items()):
            grouped[head_id].append({"head": head_id, "tail": tail_id, "label": name})
        return [r for head_id in sorted(grouped) for r in grouped[head_id]]

    def predict(self, docs: list[dict]) -> list[dict]:
        docs = check_documents(docs)
        out = []
        for d in docs:
            spans = with_ids(d.get("spans", []))
            out.append(to_record(d, spans, self.predict_relations(d, spans)))
        return out
