"""The one error type that the command line turns into a one-line message and exit code 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: a malformed file, record or field. The message is one line that names all three."""

    def __init__(self, message: str, *, file: str | None = None, record: str | None = None, field: str | None = None):
        self.file, self.record, self.field, self.reason = file, record, field, message
        super().__init__(format_problem(file, record, field, message))


def format_problem(file: str | None, record: str | None, field: str | None, reason: str) -> str:
    """`file:record: field: reason`, leaving out the parts that are unknown, on one line."""
    head = ":".join(str(p) for p in (file, record) if p not in (None, ""))
    parts = [p for p in (head, field) if p]
    text = ": ".join([*parts, reason])
    return " ".join(text.split())
