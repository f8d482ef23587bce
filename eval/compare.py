"""`econfacts compare`: two submissions on the same gold, each headline micro F1 with two paired tests."""

from __future__ import annotations

from pathlib import Path

from econfacts.eval.counts import f1_array
from econfacts.eval.docscore import HEADLINE, headline_name
from econfacts.eval.fastscore import corpus_counts
from econfacts.eval.scorer import DEFAULT_RESAMPLES, DEFAULT_SEED, load_gold_for, load_submission
from econfacts.eval.signature import gold_fingerprint, signature
from econfacts.eval.significance import approximate_randomization, paired_bootstrap
from econfacts.schema.inventory import load_inventory

DEFAULT_TRIALS = 10_000


def compare(
    gold_docs: list[dict],
    baseline_docs: list[dict],
    system_docs: list[dict],
    *,
    split: str = "custom",
    resamples: int = DEFAULT_RESAMPLES,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
    zero_division: float = 0.0,
) -> dict:
    inv = load_inventory()
    a = corpus_counts(gold_docs, baseline_docs, inv).stats()
    b = corpus_counts(gold_docs, system_docs, inv).stats()
    f1_a = f1_array(a.sum(axis=0), zero_division=zero_division)
    f1_b = f1_array(b.sum(axis=0), zero_division=zero_division)
    p_bs = paired_bootstrap(a, b, resamples=resamples, seed=seed, zero_division=zero_division)
    p_ar = approximate_randomization(a, b, trials=trials, seed=seed, zero_division=zero_division)
    sig = signature(
        schema_version=inv.version, split=split, n_docs=len(gold_docs), gold=gold_fingerprint(gold_docs),
        zero_division=zero_division, resamples=resamples, seed=seed, extra={"ar": trials, "test": "paired"},
    )
    return {
        "signature": sig,
        "metrics": {
            headline_name(key): {
                "baseline": float(f1_a[i]),
                "system": float(f1_b[i]),
                "delta": float(f1_b[i] - f1_a[i]),
                "p_bootstrap": float(p_bs[i]),
                "p_randomization": float(p_ar[i]),
            }
            for i, key in enumerate(HEADLINE)
        },
    }


def compare_files(
    baseline: str | Path,
    system: str | Path,
    *,
    gold_path: str | Path | None = None,
    split: str | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
) -> dict:
    split = split if gold_path else (split or "test")
    gold_docs, split_name = load_gold_for(gold_path=gold_path, split=split)
    a = load_submission(baseline, gold_docs)
    b = load_submission(system, gold_docs)
    result = compare(gold_docs, a, b, split=split_name, resamples=resamples, trials=trials, seed=seed)
    return {"baseline": str(baseline), "system": str(system), **result}


def render_comparison(result: dict) -> str:
    lines = [
        f"A (baseline): {result.get('baseline', 'A')}",
        f"B (system):   {result.get('system', 'B')}",
        "",
        f"{'micro F1':<22}{'A':>7}{'B':>7}{'B-A':>8}  {'p (paired bootstrap)':>21}  {'p (approx. rand.)':>18}",
    ]
    for name, m in result["metrics"].items():
        lines.append(
            f"  {name:<20}{100 * m['baseline']:7.1f}{100 * m['system']:7.1f}{100 * m['delta']:+8.1f}  "
            f"{m['p_bootstrap']:21.4f}  {m['p_randomization']:18.4f}"
        )
    lines += ["", f"signature: {result['signature']}"]
    return "\n".join(lines) + "\n"
