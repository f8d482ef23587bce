"""One conformance suite for every baseline: the scikit-learn estimator contract and valid output."""

import pytest
from sklearn.base import clone

from econfacts.baselines.attributes import RuleAttributes
from econfacts.baselines.base import submission_problems
from econfacts.baselines.crf import CRFTagger
from econfacts.baselines.pipeline import Pipeline
from econfacts.baselines.registry import BASELINES, build
from econfacts.baselines.relations import NearestRelations, PairClassifierRelations
from econfacts.baselines.rules import RuleTagger
from econfacts.baselines.transformer import TransformerTagger

TINY = {"hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 32,
        "max_position_embeddings": 128}  # fmt: skip


def tiny_transformer(random_state=0):
    return TransformerTagger(epochs=1, batch_size=8, max_length=64, init_config=TINY, progress=False,
                             random_state=random_state)  # fmt: skip


ESTIMATORS = {
    "rules": lambda: RuleTagger(),
    "crf": lambda: CRFTagger(max_iterations=20),
    "transformer": tiny_transformer,
    "attributes": lambda: RuleAttributes(),
    "nearest-relations": lambda: NearestRelations(),
    "pair-relations": lambda: PairClassifierRelations(),
    "pipeline": lambda: Pipeline(tagger=CRFTagger(max_iterations=20), relations=PairClassifierRelations()),
    "pipeline-transformer": lambda: Pipeline(tagger=tiny_transformer(), relations=NearestRelations()),
}


def _strip(docs):
    return [{k: d[k] for k in ("id", "text", "metadata")} for d in docs]


@pytest.mark.parametrize("name", list(ESTIMATORS))
def test_contract(name, train_docs, test_docs):
    est = ESTIMATORS[name]()
    params = est.get_params()
    twin = clone(est)
    assert twin.get_params().keys() == params.keys()
    assert not [k for k in vars(est) if k.endswith("_")], "no learned state before fit"
    assert est.fit(train_docs) is est
    assert [k for k in vars(est) if k.endswith("_") and not k.startswith("_")], "fit leaves learned state"
    assert est.get_params().keys() == params.keys(), "fit does not change params"
    # Relation and attribute baselines read the spans they are given; taggers read only text.
    inputs = test_docs if name in ("attributes", "nearest-relations", "pair-relations") else _strip(test_docs)
    records = est.predict(inputs)
    assert [r["id"] for r in records] == [d["id"] for d in test_docs]
    assert submission_problems(records, test_docs) == []
    again = clone(est).fit(train_docs).predict(inputs)
    assert again == records, "same params and random_state give the same predictions"


def test_learners_find_the_synthetic_pattern(train_docs, test_docs):
    crf = Pipeline(tagger=CRFTagger(), relations=PairClassifierRelations()).fit(train_docs)
    pred = crf.predict(_strip(test_docs))
    gold_spans = {(d["id"], s["start"], s["end"], s["label"]) for d in test_docs for s in d["spans"]}
    pred_spans = {(r["id"], s["start"], s["end"], s["label"]) for r in pred for s in r["spans"]}
    assert len(gold_spans & pred_spans) >= 0.8 * len(gold_spans)
    assert sum(len(r["relations"]) for r in pred) > 0


def test_transformer_seed_changes_the_model(train_docs):
    a, b = tiny_transformer(0).fit(train_docs), tiny_transformer(1).fit(train_docs)
    assert a.loss_ != b.loss_


@pytest.mark.parametrize("name", list(BASELINES))
def test_registry_builds_unfitted_pipelines(name):
    est = build(name)
    assert isinstance(est, Pipeline)
    assert clone(est).get_params(deep=False).keys() == {"tagger", "relations", "attributes"}
