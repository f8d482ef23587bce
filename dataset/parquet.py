"""Deterministic Parquet files that carry their `datasets` features.

The same rows and pyarrow version give the same bytes: one row group, fixed compression, no
timestamps; the only build-dependent field of the footer is pyarrow's `created_by` version string,
so committed files are compared logically when that string differs (see `same_content`).
"""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import ClassLabel, Features, List, Sequence

from econfacts.errors import InputError


def encode(value: object, feature: object, *, where: str) -> object:
    """Label strings to ClassLabel ids, all the way down; nulls stay null."""
    if value is None:
        return None
    if isinstance(feature, ClassLabel):
        if value not in feature.names:
            raise InputError(f"{value!r} is not one of {', '.join(feature.names)}", field=where)
        return feature.str2int(value)
    if isinstance(feature, dict):
        return {k: encode(value.get(k), f, where=f"{where}.{k}") for k, f in feature.items()}
    if isinstance(feature, List | Sequence):
        return [encode(v, feature.feature, where=f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def to_table(rows: list[dict], features: Features) -> pa.Table:
    encoded = [{name: encode(row.get(name), f, where=name) for name, f in features.items()} for row in rows]
    return pa.Table.from_pylist(encoded, schema=features.arrow_schema)


def to_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(
        table,
        sink,
        row_group_size=max(1, table.num_rows),
        compression="zstd",
        compression_level=9,
        use_dictionary=False,
        write_statistics=True,
        write_page_index=False,
        store_schema=True,
    )
    return sink.getvalue()


def created_by(path: str | Path) -> str:
    return pq.ParquetFile(path).metadata.created_by


def same_content(committed: str | Path, fresh: bytes) -> bool:
    """Equal schema (features included), equal rows: what matters when only the writer version differs."""
    old = pq.read_table(committed)
    new = pq.read_table(io.BytesIO(fresh))
    return old.schema.equals(new.schema, check_metadata=True) and old.equals(new)
