"""Article records in Parquet: one row per article, nested columns as in the JSON contract.

pyarrow is optional (``pip install "newslens[parquet]"``). The schema is fixed, so files written
in many batches, or by many workers, share it; ``meta`` (free-form input fields) is stored as a
JSON string.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from ._errors import NewslensError

__all__ = ["ParquetWriter", "iter_parquet", "schema"]


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise NewslensError(
            "Parquet needs pyarrow: pip install 'newslens[parquet]' (or pip install pyarrow)"
        ) from err
    return pa, pq


def schema() -> Any:
    """Return the pyarrow schema of an article record."""
    pa, _ = _pyarrow()
    sentiment = pa.struct(
        [("polarity", pa.float64()), ("subjectivity", pa.float64()), ("label", pa.string())]
    )
    mention = pa.struct(
        [
            ("start_char", pa.int64()),
            ("end_char", pa.int64()),
            ("text", pa.string()),
            ("sentence", pa.int64()),
            ("paragraph", pa.int64()),
            ("sentiment", sentiment),
        ]
    )
    entity = pa.struct(
        [
            ("id", pa.string()),
            ("name", pa.string()),
            ("label", pa.string()),
            ("key", pa.string()),
            ("count", pa.int64()),
            ("sentiment", sentiment),
            ("mentions", pa.list_(mention)),
        ]
    )
    quote = pa.struct(
        [
            ("text", pa.string()),
            ("start_char", pa.int64()),
            ("end_char", pa.int64()),
            ("kind", pa.string()),
            ("speaker", pa.string()),
            ("speaker_entity", pa.string()),
            ("speaker_start_char", pa.int64()),
            ("speaker_end_char", pa.int64()),
            ("cue", pa.string()),
            ("sentiment", sentiment),
        ]
    )
    figure = pa.struct(
        [
            ("text", pa.string()),
            ("start_char", pa.int64()),
            ("end_char", pa.int64()),
            ("kind", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("approx", pa.bool_()),
            ("sentence", pa.int64()),
            ("entities", pa.list_(pa.string())),
        ]
    )
    span = [("start_char", pa.int64()), ("end_char", pa.int64())]
    return pa.schema(
        [
            ("id", pa.string()),
            ("title", pa.string()),
            ("published", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("sentiment", sentiment),
            ("entities", pa.list_(entity)),
            ("quotes", pa.list_(quote)),
            ("figures", pa.list_(figure)),
            ("sentences", pa.list_(pa.struct([*span, ("sentiment", sentiment)]))),
            ("chrome", pa.list_(pa.struct([*span, ("kind", pa.string())]))),
            ("meta", pa.string()),
        ]
    )


class ParquetWriter:
    """Write article records (``Article.to_dict()``) to a Parquet file in row groups."""

    def __init__(self, path: str | Path, *, rows_per_group: int = 1000) -> None:
        pa, pq = _pyarrow()
        self._pa = pa
        self._schema = schema()
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Any]] = []
        self.rows_per_group = rows_per_group

    def write(self, record: Mapping[str, Any]) -> None:
        """Add one record; rows are flushed every ``rows_per_group`` records."""
        row = dict(record)
        row["meta"] = json.dumps(row.get("meta") or {}, ensure_ascii=False)
        self._rows.append(row)
        if len(self._rows) >= self.rows_per_group:
            self.flush()

    def flush(self) -> None:
        """Write the buffered rows as one row group."""
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def close(self) -> None:
        """Flush and close the file."""
        self.flush()
        self._writer.close()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def iter_parquet(path: str | Path, *, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Yield the article records of a Parquet file written by :class:`ParquetWriter`."""
    _, pq = _pyarrow()
    for batch in pq.ParquetFile(str(path)).iter_batches(batch_size=batch_size):
        for row in batch.to_pylist():
            meta = row.get("meta")
            row["meta"] = json.loads(meta) if meta else {}
            yield row
