"""A complete system: a span tagger, the attribute rules on its spans, and a relation model on top."""

from __future__ import annotations

import time

from econfacts.baselines.attributes import RuleAttributes
from econfacts.baselines.base import Baseline, check_documents, to_record, with_ids


class Pipeline(Baseline):
    """spans -> attributes -> relations. Every step is fitted on the same gold documents; relations
    and attributes are then applied to the predicted spans."""

    def __init__(self, tagger=None, relations=None, attributes=None):
        self.tagger = tagger
        self.relations = relations
        self.attributes = attributes

    def fit(self, docs: list[dict]):
        from sklearn.base import clone

        docs = check_documents(docs)
        self.tagger_ = clone(self.tagger).fit(docs)
        self.relations_ = clone(self.relations).fit(docs) if self.relations is not None else None
        self.attributes_ = clone(self.attributes if self.attributes is not None else RuleAttributes()).fit(docs)
        return self

    def predict(self, docs: list[dict]) -> list[dict]:
        docs = check_documents(docs)
        timings = {}
        t0 = time.perf_counter()
        all_spans = self.tagger_.predict_spans(docs)
        timings["spans"] = time.perf_counter() - t0
        out = []
        for doc, spans in zip(docs, all_spans, strict=True):
            spans = self.attributes_.annotate(doc, with_ids(spans))
            relations = self.relations_.predict_relations(doc, spans) if self.relations_ is not None else []
            out.append(to_record(doc, spans, relations))
        timings["total"] = time.perf_counter() - t0
        self.last_timings_ = timings
        return out
