"""Scoring: spans, relations, attributes and facts, with confidence intervals, significance and the leaderboard.

    from econfacts.eval import score, score_file
    report = score(gold_docs, pred_docs, split="custom", bootstrap=1000, seed=12345)
    report["spans"]["strict"]["micro"]["f1"], report["spans"]["strict"]["micro"]["ci95"]
    report["relations"]["strict"]["micro"]["f1"], report["facts"]["f1"], report["signature"]
"""

from econfacts.eval.scorer import score, score_file

__all__ = ["score", "score_file"]
