"""Everything the scorer counts in one document; DocScores add, so a corpus score is a sum."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from econfacts.errors import InputError
from econfacts.eval.attributes import attribute_tallies, strict_pairs
from econfacts.eval.counts import Counts, Tally, add_by_key, total
from econfacts.eval.documents import Prepared, prepare
from econfacts.eval.facts import fact_counts
from econfacts.eval.fastspans import corpus_span_counts
from econfacts.eval.relations import MODES, relation_counts
from econfacts.eval.spans import SCHEMES, span_counts
from econfacts.schema.inventory import Inventory

# The micro scores that get confidence intervals and significance tests, in a fixed order.
HEADLINE = tuple(("spans", s) for s in SCHEMES) + tuple(("relations", m) for m in MODES) + (("facts", ""),)


def headline_name(key: tuple[str, str]) -> str:
    return ".".join(p for p in key if p)


@dataclass(frozen=True)
class DocScore:
    spans: dict[str, dict[str, Counts]] = field(default_factory=dict)
    relations: dict[str, dict[str, Counts]] = field(default_factory=dict)
    attributes: dict[str, Tally] = field(default_factory=dict)
    facts: Counts = field(default_factory=Counts)
    roles: dict[str, Tally] = field(default_factory=dict)

    def __add__(self, other: DocScore) -> DocScore:
        return DocScore(
            spans=_add_nested(self.spans, other.spans),
            relations=_add_nested(self.relations, other.relations),
            attributes=_add_tallies(self.attributes, other.attributes),
            facts=self.facts + other.facts,
            roles=_add_tallies(self.roles, other.roles),
        )

    def micro(self, key: tuple[str, str]) -> Counts:
        part, mode = key
        if part == "facts":
            return self.facts
        return total(getattr(self, part).get(mode, {}).values())

    def headline_stats(self) -> np.ndarray:
        """(len(HEADLINE), 3) array of micro (tp, fp, fn): the statistics that bootstrap resamples."""
        return np.array([self.micro(k).as_tuple() for k in HEADLINE], dtype=float)


def _add_nested(a: dict, b: dict) -> dict:
    return {k: add_by_key(a.get(k, {}), b.get(k, {})) for k in a.keys() | b.keys()}


def _add_tallies(a: dict, b: dict) -> dict:
    return {k: a.get(k, Tally()) + b.get(k, Tally()) for k in a.keys() | b.keys()}


def score_document(gold: Prepared, pred: Prepared, inv: Inventory, spans: dict | None = None) -> DocScore:
    """`spans`: this document's span counts when the corpus path (fastspans) has computed them already."""
    facts, roles = fact_counts(gold, pred, inv)
    return DocScore(
        spans=spans if spans is not None else span_counts(gold.spans, pred.spans),
        relations=relation_counts(gold, pred),
        attributes=attribute_tallies(strict_pairs(gold, pred), inv),
        facts=facts,
        roles=roles,
    )


def paired(gold_docs: list[dict], pred_docs: list[dict]) -> list[tuple[dict, dict]]:
    """Each gold document with its prediction, in id order; every gold id exactly once, no unknown ids."""
    preds: dict[str, dict] = {}
    for d in pred_docs:
        if d["id"] in preds:
            raise InputError("duplicate document id in the predictions", record=f"id {d['id']}", field="id")
        preds[d["id"]] = d
    gold_ids = [g["id"] for g in gold_docs]
    unknown = sorted(set(preds) - set(gold_ids))
    if unknown:
        raise InputError(f"unknown document id {unknown[0]!r} ({len(unknown)} unknown)", field="id")
    missing = [i for i in gold_ids if i not in preds]
    if missing:
        reason = f"document {missing[0]!r} is missing from the predictions ({len(missing)} missing)"
        raise InputError(reason, field="id")
    # Id order, so that the bootstrap draws the same documents whatever order the files list them in.
    return [(g, preds[g["id"]]) for g in sorted(gold_docs, key=lambda d: d["id"])]


def pair_documents(gold_docs: list[dict], pred_docs: list[dict]) -> list[tuple[Prepared, Prepared]]:
    """`paired`, prepared for the per-document path (the prediction is read against the gold text)."""
    out = []
    for g, p in paired(gold_docs, pred_docs):
        gp = prepare(g)
        out.append((gp, prepare(p, gp.text)))
    return out


def document_scores(gold_docs: list[dict], pred_docs: list[dict], inv: Inventory) -> list[DocScore]:
    pairs = pair_documents(gold_docs, pred_docs)
    spans = corpus_span_counts([g.spans for g, _ in pairs], [p.spans for _, p in pairs])
    return [score_document(g, p, inv, span_table) for (g, p), span_table in zip(pairs, spans, strict=True)]


def corpus(doc_scores: list[DocScore]) -> DocScore:
    out = DocScore()
    for d in doc_scores:
        out = out + d
    return out
