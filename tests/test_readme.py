"""README.md shows what the commands produced, not numbers typed by hand."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_results_table_is_the_generated_leaderboard():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    board = (ROOT / "eval" / "leaderboard.md").read_text(encoding="utf-8")
    rows = [line for line in board.splitlines() if line.startswith("|")]
    assert rows, "eval/leaderboard.md has no table; run `econfacts benchmark`"
    for row in rows:
        assert row in readme, f"README.md is out of date with eval/leaderboard.md: {row}"


def test_readme_gives_the_two_set_up_commands_that_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/install && .venv/bin/python -m pytest" in readme
    assert "bash .ci/install\n.venv/bin/python -m pytest\n" in ci
    assert '.venv/bin/econfacts benchmark' in readme
