"""Relation baselines over given spans: the nearest compatible argument, and a classifier over pairs.

Which labels a relation may join is read from the inventory's signatures, never typed here.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

import numpy as np

from econfacts.baselines.base import Baseline, check_documents, to_record, with_ids
from econfacts.baselines.scope import structure
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


# The relations that GUIDELINES.md gives reach rules for (3.1-3.4, 3.8); each is used only when the
# inventory defines it, and which labels it joins still comes from the inventory's signatures.
VALUE_OF, PERIOD, LOCATION, SUBJECT = "value_of", "period", "location", "subject"
_ANAPHOR_ORG = re.compile(
    r"\b(?:the|this|our) (?:company|group|enterprise|firm|factory|plant|mine)\b|\b(?:we|our|us)\b", re.I
)
_ANAPHOR_PROJECT = re.compile(
    r"\b(?:the|this) (?:project|base|park)\b|\bafter it is put\b|\bafter (?:its )?completion\b", re.I
)
# A candidate after the value that dates or places something else (another verb's frame, a destination).
_OTHER_FRAME = re.compile(
    r"\b(?:until|\w+ed (?:in|on|at|until|by)|sent to|exports? to|to be \w+ to)\s+(?:the\s+)?$", re.I
)
_DESTINATION = re.compile(r"\b(?:to|into|towards)\s+(?:the\s+)?$", re.I)
_RATE = re.compile(r"^(?:annual|daily|monthly|yearly|per\b)", re.I)
_DENOMINATOR = re.compile(r"\bof (?:the )?(?:total|whole|entire)\b", re.I)
_CLAUSE_BREAK = re.compile(r";|,\s*and\b|,\s*(?:which|while)\b")
_ENTITY_IN = re.compile(
    r"^\s*,?\s*(?:which |that )?(?:is |are |was )?(?:located |based |situated )?in\s+(?:the\s+)?$", re.I
)
_OPENING_IN = re.compile(r"(?:^|[.;:!?]\s*|\n\s*)\W*In\s+(?:the\s+)?$")


class RelationBaseline(Baseline):
    """A relation baseline reads the spans of each document and adds relations (predict_relations)."""

    def predict(self, docs: list[dict]) -> list[dict]:
        docs = check_documents(docs)
        out = []
        for d in docs:
            spans = with_ids(d.get("spans", []))
            out.append(to_record(d, spans, self.predict_relations(d, spans)))
        return out


class NearestRelations(RelationBaseline):
    """Heuristic relations following GUIDELINES.md section 3.

    Values: `value_of` the nearest INDICATOR of the value's own clause, else sentence, else the nearest
    preceding one in the paragraph; `subject` the nearest entity before the value in its sentence (an
    adjacent one after it, "50 tons of glass tubes"), or the named antecedent of an anaphor ("the
    company"); `period` and `location` by the scope rule (3.8): own sentence (nearest before, else
    after), earlier sentences of the paragraph, the section opener, then the lead or title, the last two
    only for values without an organization, project or product subject; values of one organization or
    project get no `location`. Organizations and projects get a `location` only from "X in Y", "X is
    located in Y" or a clause-opening "In Y, ... X". Other relations: the nearest allowed tail in the
    same sentence within `max_tokens` (after the head when both share a label)."""

    def __init__(self, max_tokens: int = 40):
        self.max_tokens = max_tokens

    def fit(self, docs: list[dict]):
        check_documents(docs)
        self.relations_ = load_inventory().relation_names
        return self

    def predict_relations(self, doc: dict, spans: list[dict]) -> list[dict]:
        inv = load_inventory()
        text = doc["text"]
        st = structure(text)
        tok_of = _token_index(text)
        values = set(inv.value_labels)
        by_name = {r.name: r for r in inv.relations}
        out = []
        for head in spans:
            for rel in inv.relations:
                if head["label"] in values and rel.name in (VALUE_OF, PERIOD, LOCATION, SUBJECT):
                    continue
                if rel.name == LOCATION:
                    tail = _entity_location(text, spans, head, rel)
                    if tail is not None:
                        out.append({"head": head["id"], "tail": tail["id"], "label": rel.name})
                    continue
                best, best_dist = None, None
                for tail in spans:
                    if tail is head or not rel.allows(head["label"], tail["label"]):
                        continue
                    if st.sentence_of(tail["start"]) != st.sentence_of(head["start"]):
                        continue
                    if head["label"] == tail["label"] and tail["start"] < head["start"]:
                        continue
                    dist = abs(tok_of(tail["start"]) - tok_of(head["start"]))
                    if dist <= self.max_tokens and (best_dist is None or dist < best_dist):
                        best, best_dist = tail, dist
                if best is not None:
                    out.append({"head": head["id"], "tail": best["id"], "label": rel.name})
        for head in spans:
            if head["label"] in values:
                out += _value_roles(text, st, spans, head, by_name, tok_of, self.max_tokens)
        return out



def _tails(spans, head, rel):
    return [s for s in spans if s is not head and rel.allows(head["label"], s["label"])]


def _entity_location(text: str, spans: list[dict], head: dict, rel) -> dict | None:
    """'X in Y', 'X is located in Y' (Y right after X), or a clause-opening 'In Y, ..., X' (first Y)."""
    places = sorted(_tails(spans, head, rel), key=lambda s: s["start"])
    for place in places:
        if place["start"] >= head["end"] and _ENTITY_IN.match(text[head["end"] : place["start"]]):
            return place
    before = [p for p in places if p["end"] <= head["start"]]
    for place in before:
        opening = _OPENING_IN.search(text[max(0, place["start"] - 200) : place["start"]])
        gap = text[place["end"] : head["start"]]
        if opening and "," in gap and not re.search(r"[.;!?]", gap) and len(gap.split()) <= 12:
            return place
    return None


def _sentence_tails(st, tails, value):
    s = st.sentence_of(value["start"])
    return [t for t in tails if st.sentence_of(t["start"]) == s]


def _value_roles(text, st, spans, value, by_name, tok_of, max_tokens) -> list[dict]:
    out = []

    def link(name, tail):
        if tail is not None:
            out.append({"head": value["id"], "tail": tail["id"], "label": name})

    indicator = None
    if VALUE_OF in by_name:
        indicator = _indicator(text, st, spans, value, by_name[VALUE_OF], tok_of)
        link(VALUE_OF, indicator)
    subject = None
    if SUBJECT in by_name:
        subject = _subject(text, st, spans, value, by_name, tok_of, max_tokens)
        link(SUBJECT, subject)
    firms, _, single = _entity_groups(by_name)
    entity_subject = subject is not None and subject["label"] in single
    if PERIOD in by_name:
        rate = indicator is not None and _RATE.match(text[indicator["start"] : indicator["end"]])
        link(
            PERIOD,
            _scoped(
                text,
                st,
                _tails(spans, value, by_name[PERIOD]),
                value,
                far=not entity_subject,
                after=not rate,
                paragraph=not rate,
            ),
        )
    if LOCATION in by_name and not (subject is not None and subject["label"] in firms):
        link(
            LOCATION,
            _scoped(
                text,
                st,
                _tails(spans, value, by_name[LOCATION]),
                value,
                far=not entity_subject,
                after=True,
                paragraph=True,
                destination=True,
            ),
        )
    return out


def _entity_groups(by_name) -> tuple[frozenset, frozenset, frozenset]:
    """Label groups read from the signatures: firms (labels that may head a `location` besides values:
    organizations, projects), makers (heads of `develops`) and single entities (firms plus what a maker
    develops: organizations, projects, products; sectors are groups, not single entities)."""
    values = frozenset(load_inventory().value_labels)
    loc = by_name.get(LOCATION)
    firms = frozenset(h for heads, _ in loc.signatures for h in heads) - values if loc else frozenset()
    dev = by_name.get("develops")
    makers = frozenset(h for heads, _ in dev.signatures for h in heads) if dev else frozenset()
    made = frozenset(t for _, tails in dev.signatures for t in tails) if dev else frozenset()
    return firms, makers, firms | made


def _scoped(text, st, tails, value, *, far, after, paragraph, destination=False):
    """The scope rule's zones 1-4 for one value and one role."""

    def usable(t):
        if t["start"] > value["start"]:
            gap = text[value["end"] : t["start"]]
            if _OTHER_FRAME.search(gap):
                return False
        lead_in = text[max(0, t["start"] - 40) : t["start"]]
        return not (destination and _DESTINATION.search(lead_in))

    tails = [t for t in tails if usable(t)]
    own = _sentence_tails(st, tails, value)
    before = [t for t in own if t["start"] < value["start"]]
    if before:
        return before[-1]
    later = [t for t in own if t["start"] > value["start"]]
    if later and after:
        return later[0]
    para = st.paragraph_of(value["start"])
    sent = st.sentence_of(value["start"])
    if paragraph:
        earlier = [t for t in tails if st.paragraph_of(t["start"]) == para and st.sentence_of(t["start"]) < sent]
        if earlier:
            return earlier[-1]
    if not far:
        return None
    opener = st.section_opener(para)
    if opener is not None and opener < para:
        found = [t for t in tails if st.paragraph_of(t["start"]) == opener]
        if found:
            return found[-1]
    for zone in (st.lead, st.title):
        if zone is not None and zone <= para:
            found = [t for t in tails if st.paragraph_of(t["start"]) == zone]
            if found:
                return found[-1]
    return None


def _indicator(text, st, spans, value, rel, tok_of):
    tails = _tails(spans, value, rel)
    # An indicator right after another count is that count's noun ("34,000 regulated enterprises").
    value_labels = set(load_inventory().value_labels)
    values = [s for s in spans if s["label"] in value_labels and s is not value]
    owned = {t["id"] for t in tails for v in values if 0 <= t["start"] - v["end"] <= 2}
    own = [t for t in _sentence_tails(st, tails, value) if t["id"] not in owned]
    own = [t for t in own if not (t["start"] > value["end"] and _DENOMINATOR.search(text[value["end"] : t["end"]]))]
    if own:

        def rank(t):
            gap = text[min(t["end"], value["end"]) : max(t["start"], value["start"])]
            crossed = bool(_CLAUSE_BREAK.search(gap)) or ("," in gap and t["start"] > value["end"])
            return (crossed, abs(tok_of(t["start"]) - tok_of(value["start"])))

        return min(own, key=rank)
    para, sent = st.paragraph_of(value["start"]), st.sentence_of(value["start"])
    earlier = [t for t in tails if st.paragraph_of(t["start"]) == para and st.sentence_of(t["start"]) < sent]
    return earlier[-1] if earlier else None


def _subject(text, st, spans, value, by_name, tok_of, max_tokens):
    tails = _tails(spans, value, by_name[SUBJECT])
    firms, makers, _ = _entity_groups(by_name)
    projects = tuple(sorted(firms - makers))
    s0 = st.sentences[st.sentence_of(value["start"])][0]
    own = _sentence_tails(st, tails, value)
    before = [
        t
        for t in own
        if t["end"] <= value["start"]
        and tok_of(value["start"]) - tok_of(t["start"]) <= max_tokens
        and not _CLAUSE_BREAK.search(text[t["end"] : value["start"]])
    ]
    after = [
        t
        for t in own
        if t["start"] >= value["end"] and re.fullmatch(r"\W*(?:of|of the)?\W*", text[value["end"] : t["start"]])
    ]
    head_text = text[s0 : value["start"]]
    anaphor = None
    for pattern, labels in (
        (_ANAPHOR_ORG, tuple(sorted(makers))),
        (_ANAPHOR_PROJECT, projects + tuple(sorted(makers))),
    ):
        found = list(pattern.finditer(head_text))
        if found:
            at = s0 + found[-1].start()
            if anaphor is None or at > anaphor[0]:
                anaphor = (at, labels)
    if after:
        return after[0]
    if anaphor and not any(t["start"] > anaphor[0] for t in before):
        named = [t for t in tails if t["end"] <= s0 and t["label"] in anaphor[1] and s0 - t["end"] < 3000]
        for label in anaphor[1]:
            same = [t for t in named if t["label"] == label]
            if same:
                return same[-1]
    return before[-1] if before else None


def pair_features(doc: dict, spans: list[dict], head: dict, tail: dict, ctx: dict) -> dict:
    """Features of one candidate pair: labels, distance in tokens and sentences, order, the scope zone
    of the tail (GUIDELINES 3.8), whether a nearer tail of the same label exists, whether the heuristic
    baseline draws the pair, and the words between."""
    text, st, tok_of = doc["text"], ctx["structure"], ctx["tok_of"]
    h_tok, t_tok = tok_of(head["start"]), tok_of(tail["start"])
    dist = abs(t_tok - h_tok)
    first, second = (head, tail) if head["start"] < tail["start"] else (tail, head)
    lo, hi = sorted((first["end"], second["start"]))
    between = text[lo:hi].lower().split()[:40]
    h_sent, t_sent = st.sentence_of(head["start"]), st.sentence_of(tail["start"])
    zone = _zone(st, head, tail)
    same_label = [s for s in spans if s["label"] == tail["label"] and s is not tail and s is not head]
    nearer = any(
        st.sentence_of(s["start"]) == h_sent and abs(tok_of(s["start"]) - h_tok) < dist for s in same_label
    ) if h_sent == t_sent else any(st.sentence_of(s["start"]) == h_sent for s in same_label)
    feats = {
        f"pair={head['label']}>{tail['label']}": 1.0,
        "same_sentence": float(h_sent == t_sent),
        "same_paragraph": float(st.paragraph_of(head["start"]) == st.paragraph_of(tail["start"])),
        f"zone={zone}|{head['label']}>{tail['label']}": 1.0,
        f"sentence_gap={min(abs(h_sent - t_sent), 5)}": 1.0,
        "tail_before": float(tail["start"] < head["start"]),
        "log_distance": float(np.log1p(dist)),
        f"dist_bucket={min(dist // 5, 8)}": 1.0,
        f"nearer_same_label={nearer}": 1.0,
        "spans_between": float(sum(1 for s in spans if lo <= s["start"] < hi)),
        f"same_label_between={any(s['label'] == tail['label'] and lo <= s['start'] < hi for s in spans)}": 1.0,
    }
    for name in ctx["heuristic"].get((head["id"], tail["id"]), ()):
        feats[f"heuristic={name}"] = 1.0
    if h_sent == t_sent:
        for word in between[:12]:
            feats[f"between={word.strip('.,;:“”')}"] = 1.0
        if between:
            feats[f"first_between={between[0]}"] = 1.0
            feats[f"last_between={between[-1]}"] = 1.0
    feats[f"tail_text={text[tail['start'] : tail['end']].lower()}"] = 1.0
    return feats


def _zone(st, head: dict, tail: dict) -> int:
    """1 own sentence, 2 own paragraph, 3 section opener, 4 lead or title, 5 elsewhere."""
    if st.sentence_of(head["start"]) == st.sentence_of(tail["start"]):
        return 1
    para, t_para = st.paragraph_of(head["start"]), st.paragraph_of(tail["start"])
    if para == t_para:
        return 2
    if t_para == st.section_opener(para):
        return 3
    if t_para in (st.lead, st.title):
        return 4
    return 5


def candidate_pairs(doc: dict, spans: list[dict], window: int):
    """(head, tail) pairs that some relation allows: within `window` sentences of each other, and for
    value heads also every tail in the scope rule's zones (own paragraph, section opener, lead, title)."""
    text = doc["text"]
    ctx = {"structure": structure(text), "tok_of": _token_index(text), "heuristic": defaultdict(list)}
    st = ctx["structure"]
    for r in NearestRelations().fit([]).predict_relations(doc, spans):
        ctx["heuristic"][(r["head"], r["tail"])].append(r["label"])
    values = set(load_inventory().value_labels)
    for head in spans:
        for tail in spans:
            if head is tail or not allowed_relations(head["label"], tail["label"]):
                continue
            near = abs(st.sentence_of(head["start"]) - st.sentence_of(tail["start"])) <= window
            if not near and not (head["label"] in values and _zone(st, head, tail) <= 4):
                continue
            yield head, tail, pair_features(doc, spans, head, tail, ctx)


class PairClassifierRelations(RelationBaseline):
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

