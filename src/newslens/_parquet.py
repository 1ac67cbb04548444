"""Article records in Parquet: a folder of tidy tables written chunk by chunk, and its reader.

``newslens batch --format parquet`` writes a folder (``OUT/`` or ``OUT.parquet/``) holding one
sub-folder per table of :data:`newslens._tables.TABLES` plus ``errors``, each a series of chunk
files ``part-00000.parquet``, ``part-00001.parquet`` …, and a manifest ``_newslens.json``.
pandas (``pd.read_parquet("OUT/entities")``), pyarrow and DuckDB
(``SELECT * FROM 'OUT/entities/*.parquet'``) read a table as one dataset.

A chunk is committed when its ``articles`` part exists: the other tables' parts of a chunk are
written first and the articles part last, each to a temporary name then renamed, so after a
crash at any moment a chunk is either whole or (its articles part missing) discarded by
:func:`repair` when the run resumes.

The older single-file form (one nested row per article, :func:`iter_parquet`) is still read.
pyarrow is optional (``pip install "newslens[parquet]"``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from ._errors import InputError, NewslensError
from ._tables import SCHEMAS, TABLES, frame, rebuild, table_rows

__all__ = [
    "ERROR_COLUMNS",
    "MANIFEST",
    "ParquetWriter",
    "TableWriter",
    "committed_ids",
    "committed_parts",
    "is_table_folder",
    "iter_parquet",
    "iter_tables",
    "read_errors",
    "repair",
    "schema",
]

#: The manifest file of a table folder.
MANIFEST = "_newslens.json"
#: The columns of the ``errors`` table: the record's id (or line number) and why it failed.
ERROR_COLUMNS = {"id": "string", "reason": "string"}
_PART = re.compile(r"part-(\d{5,})\.parquet")
_ARROW_TYPES = {"string": "string", "float64": "float64", "int64": "int64", "Int64": "int64"}


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
            ("spans", pa.list_(pa.list_(pa.int64()))),
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
    try:
        batches = pq.ParquetFile(str(path)).iter_batches(batch_size=batch_size)
    except Exception as err:  # pyarrow's ArrowInvalid, OSError: one line naming the file
        raise InputError(f"cannot read {path} as Parquet: {err}") from err
    for batch in batches:
        for row in batch.to_pylist():
            meta = row.get("meta")
            row["meta"] = json.loads(meta) if meta else {}
            yield row


# --- the table folder ---------------------------------------------------------------------


def _schemas() -> dict[str, dict[str, str]]:
    return {**SCHEMAS, "errors": ERROR_COLUMNS}


def _arrow_schema(columns: Mapping[str, str]) -> Any:
    pa, _ = _pyarrow()
    special = {"bool": pa.bool_(), "object": pa.list_(pa.string())}  # object: lists of ids
    fields = [
        (name, special[dtype] if dtype in special else getattr(pa, _ARROW_TYPES[dtype])())
        for name, dtype in columns.items()
    ]
    return pa.schema(fields)


def _part(folder: Path, table: str, k: int) -> Path:
    return folder / table / f"part-{k:05d}.parquet"


def is_table_folder(path: str | Path) -> bool:
    """Return whether ``path`` is a table folder written by ``newslens batch``."""
    return (Path(path) / MANIFEST).is_file()


def committed_parts(folder: Path) -> list[int]:
    """Return the numbers of the committed chunks (those whose ``articles`` part exists)."""
    names = (p.name for p in (folder / "articles").glob("part-*.parquet"))
    return sorted(int(m.group(1)) for m in map(_PART.fullmatch, names) if m)


def repair(folder: Path) -> int:
    """Delete what an interrupted run left of uncommitted chunks; return the next chunk number."""
    done = set(committed_parts(folder))
    for table in _schemas():
        for p in (folder / table).glob("part-*"):
            m = _PART.fullmatch(p.name)
            if m is None or int(m.group(1)) not in done:  # a temporary or uncommitted part
                p.unlink()
    return max(done, default=-1) + 1


def _read_part(path: Path) -> list[dict[str, Any]]:
    _, pq = _pyarrow()
    try:
        rows: list[dict[str, Any]] = pq.read_table(str(path)).to_pylist()
    except Exception as err:  # pyarrow's ArrowInvalid and OSError: name the file, not a trace
        raise InputError(f"cannot read {path}: {err} (not a Parquet file newslens wrote?)") from err
    return rows


def iter_tables(folder: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the article records of a table folder, chunk by chunk (memory: one chunk)."""
    root = Path(folder)
    for k in committed_parts(root):
        parts = {}
        for table in TABLES:
            path = _part(root, table, k)
            parts[table] = _read_part(path) if path.exists() else []
        yield from rebuild(parts)


def committed_ids(folder: str | Path) -> Iterator[str]:
    """Yield the article ids of the committed chunks (reads one column of ``articles`` only)."""
    _, pq = _pyarrow()
    root = Path(folder)
    for k in committed_parts(root):
        path = _part(root, "articles", k)
        try:
            column = pq.read_table(str(path), columns=["article_id"]).column(0).to_pylist()
        except Exception as err:  # ArrowInvalid, OSError: one line naming the file
            raise InputError(f"cannot read {path}: {err}") from err
        yield from (str(i) for i in column if i is not None)


def read_errors(folder: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the rows of the committed chunks of a table folder's ``errors`` table."""
    root = Path(folder)
    for k in committed_parts(root):
        path = _part(root, "errors", k)
        if path.exists():
            yield from _read_part(path)


class TableWriter:
    """Write article records to a table folder, one chunk file per table at each commit.

    Parameters
    ----------
    folder
        The table folder; created with its manifest if new.
    first_part
        The number of the first chunk to write (from :func:`repair` when resuming).

    """

    def __init__(self, folder: str | Path, *, first_part: int = 0) -> None:
        self._pa, self._pq = _pyarrow()
        self.folder = Path(folder)
        for table in _schemas():
            (self.folder / table).mkdir(parents=True, exist_ok=True)
        manifest = {
            "format": "newslens-tables",
            "version": 1,
            "tables": {name: dict(cols) for name, cols in _schemas().items()},
        }
        (self.folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
        self._next = first_part
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in _schemas()}

    def write(self, record: Mapping[str, Any]) -> None:
        """Add one article record to the current chunk."""
        for table, rows in table_rows(record).items():
            self._rows[table].extend(rows)

    def error(self, ident: str, reason: str) -> None:
        """Add one failed record to the current chunk's ``errors`` table."""
        self._rows["errors"].append({"id": ident, "reason": reason})

    @property
    def pending(self) -> int:
        """Number of articles and errors in the current, uncommitted chunk."""
        return len(self._rows["articles"]) + len(self._rows["errors"])

    def commit(self) -> None:
        """Write the current chunk (the ``articles`` part last) and start a new one."""
        if not self.pending:
            return
        order = [t for t in self._rows if t != "articles"] + ["articles"]
        for table in order:
            columns = _schemas()[table]
            df = frame(self._rows[table], columns)
            arrow = self._pa.Table.from_pandas(
                df, schema=_arrow_schema(columns), preserve_index=False
            )
            final = _part(self.folder, table, self._next)
            tmp = final.with_name(final.name + ".tmp")
            self._pq.write_table(arrow, str(tmp))
            os.replace(tmp, final)
        self._next += 1
        self._rows = {t: [] for t in _schemas()}

    def close(self) -> None:
        """Commit what is pending."""
        self.commit()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
