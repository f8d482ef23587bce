"""Validation of a submission against the gold documents it is scored on."""

from __future__ import annotations

from pathlib import Path

from econfacts.errors import InputError

# Beyond this many problems a file is clearly not a submission; stop instead of listing them all.
MAX_PROBLEMS = 1000


def validate_submission(path: str | Path, gold_docs: list[dict]) -> list[dict]:
    """Every gold document exactly once, no unknown ids, every record valid; else one InputError that
    names the first problem (file, record, field) and how many there are."""
    from econfacts.schema.validate import validate_file

    texts = {d["id"]: d["text"] for d in gold_docs}
    records, problems = validate_file(path, submission=True, texts=texts, max_problems=MAX_PROBLEMS)
    if problems:
        first = problems[0]
        more = len(problems) - 1
        reason = first.reason
        if more:
            shown = f"{more}+" if len(problems) >= MAX_PROBLEMS else str(more)
            reason += f" (and {shown} more problems)"
        raise InputError(reason, file=first.file, record=first.record, field=first.field)
    return records
