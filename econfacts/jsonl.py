"""Reading and writing JSON Lines safely: bounded lines, one-line errors, atomic writes."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from econfacts.errors import InputError

# A document of EconFacts is a few tens of kilobytes; a line far larger than this is an upload mistake.
MAX_LINE_BYTES = 20_000_000
MAX_FILE_BYTES = 200_000_000


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def parse_line(raw: bytes, *, file: str, lineno: int) -> object:
    """Decode one line; every failure becomes an InputError naming the file and line."""
    where = dict(file=file, record=f"line {lineno}")
    if len(raw) > MAX_LINE_BYTES:
        raise InputError(f"line is {len(raw)} bytes, more than the limit of {MAX_LINE_BYTES}", **where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason} at byte {exc.start})", **where) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise InputError("JSON nested too deeply", **where) from None
    except ValueError as exc:
        raise InputError(f"invalid JSON: {str(exc).splitlines()[0]}", **where) from None


def iter_jsonl(path: str | os.PathLike, *, allow_empty: bool = False) -> Iterator[tuple[int, object]]:
    """Yield (line number, value) for each non-blank line. A UTF-8 BOM and CRLF line ends are accepted."""
    file = str(path)
    try:
        size = os.path.getsize(path)
        handle = open(path, "rb")  # noqa: SIM115 - closed below; a generator cannot use `with` here and report size first
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=file) from None
    if size > MAX_FILE_BYTES:
        handle.close()
        raise InputError(f"file is {size} bytes, more than the limit of {MAX_FILE_BYTES}", file=file)
    seen = False
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            seen = True
            yield lineno, parse_line(raw.rstrip(b"\r\n"), file=file, lineno=lineno)
    if not seen and not allow_empty:
        raise InputError("file holds no records", file=file)


def read_jsonl(path: str | os.PathLike, *, allow_empty: bool = False) -> list[tuple[int, object]]:
    return list(iter_jsonl(path, allow_empty=allow_empty))


def dumps(record: object) -> str:
    """Canonical one-line JSON: stable key order, real Unicode, no NaN."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, allow_nan=False, separators=(",", ":"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _publish(tmp: str, target: Path) -> None:
    # mkstemp creates the file 0600; give it the permissions an ordinary write would have.
    os.chmod(tmp, 0o666 & ~_umask())
    os.replace(tmp, target)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write through a temporary file in the same folder so that readers never see half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        _publish(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """UTF-8 with "\n" line ends, written atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def write_jsonl(path: str | os.PathLike, records: Iterable[object]) -> None:
    atomic_write_text(path, "".join(dumps(r) + "\n" for r in records))


def is_finite_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
