"""Scoring: spans, relations, attributes and facts, with confidence intervals, significance and the leaderboard."""
