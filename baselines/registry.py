"""The named baselines of the leaderboard. Each name builds a fresh, unfitted pipeline."""

from __future__ import annotations

from collections.abc import Callable
from difflib import get_close_matches

from econfacts.errors import InputError


def _rules_heuristic(**kw):
    from econfacts.baselines.pipeline import Pipeline
    from econfacts.baselines.relations import NearestRelations
    from econfacts.baselines.rules import RuleTagger

    return Pipeline(tagger=RuleTagger(), relations=NearestRelations())


def _rules_learned(random_state: int = 0, **kw):
    from econfacts.baselines.pipeline import Pipeline
    from econfacts.baselines.relations import PairClassifierRelations
    from econfacts.baselines.rules import RuleTagger

    return Pipeline(tagger=RuleTagger(), relations=PairClassifierRelations(random_state=random_state))


def _crf_heuristic(random_state: int = 0, **kw):
    from econfacts.baselines.crf import CRFTagger
    from econfacts.baselines.pipeline import Pipeline
    from econfacts.baselines.relations import NearestRelations

    return Pipeline(tagger=CRFTagger(random_state=random_state), relations=NearestRelations())


def _crf_learned(random_state: int = 0, **kw):
    from econfacts.baselines.crf import CRFTagger
    from econfacts.baselines.pipeline import Pipeline
    from econfacts.baselines.relations import PairClassifierRelations

    return Pipeline(
        tagger=CRFTagger(random_state=random_state), relations=PairClassifierRelations(random_state=random_state)
    )


def _transformer_learned(random_state: int = 0, model: str | None = None, epochs: int | None = None, **kw):
    from econfacts.baselines.pipeline import Pipeline
    from econfacts.baselines.relations import PairClassifierRelations
    from econfacts.baselines.transformer import TransformerTagger

    params = {"random_state": random_state}
    if model:
        params["model"] = model
    if epochs:
        params["epochs"] = epochs
    return Pipeline(tagger=TransformerTagger(**params), relations=PairClassifierRelations(random_state=random_state))


BASELINES: dict[str, Callable] = {
    "rules+heuristic": _rules_heuristic,
    "rules+learned": _rules_learned,
    "crf+heuristic": _crf_heuristic,
    "crf+learned": _crf_learned,
    "transformer+learned": _transformer_learned,
}
# Baselines whose result depends on the random seed; the benchmark runs them over several seeds.
SEEDED = frozenset({"transformer+learned"})


def build(name: str, **params):
    if name not in BASELINES:
        close = get_close_matches(name, list(BASELINES), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise InputError(f"unknown baseline {name!r} (known: {', '.join(BASELINES)}){hint}", field="baseline")
    return BASELINES[name](**params)
