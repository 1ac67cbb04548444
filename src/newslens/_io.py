"""Reading articles: files with a documented encoding fallback, folders, JSON Lines, CSV, Parquet.

One record rule for every format (:func:`_record`): an id (or ``line N`` / ``row N``), a
``text`` string that is valid Unicode without NUL, other fields passed through. A record that
breaks it is yielded as a :class:`BadRecord`, never raised, so one bad record never stops a batch.

* folders: every ``*.txt``, ``*.html``, ``*.htm`` below it, sorted, id = relative posix path;
* HTML pages (in a folder or alone): the main text, title, date, author, url and site name
  found by trafilatura (offline: the page is never fetched), see :func:`html_record`;
* JSON Lines (``.jsonl``, ``.jsonl.gz``, ``.ndjson``): one object a line, each decoded alone;
* CSV (``.csv``, ``.csv.gz``): a header row naming the fields; empty cells are absent fields;
* Parquet (``.parquet``, needs pyarrow): one record a row; null cells are absent fields.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import decimal
import gzip
import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from ._errors import InputError
from ._parquet import _pyarrow

__all__ = [
    "BadRecord",
    "check_source",
    "count_records",
    "decode_bytes",
    "html_record",
    "is_markup_source",
    "iter_records",
    "read_text",
    "text_problem",
]

log = logging.getLogger("newslens")

_JSONL = (".jsonl", ".jsonl.gz", ".ndjson")
_CSV = (".csv", ".csv.gz")
_PARQUET = (".parquet",)
_PAGE_SUFFIXES = (".html", ".htm")
_FOLDER_SUFFIXES = (".txt", *_PAGE_SUFFIXES)
#: Line counts for the progress bar are read only from files smaller than this (bytes on disk;
#: a gzip file is counted against a fifth of it, as it unpacks to several times its size).
_COUNT_LIMIT = 200_000_000
_ACCEPTED = (
    "expected a folder of .txt / .html files, a .jsonl / .jsonl.gz, .csv / .csv.gz or .parquet "
    "file of records, or a .txt / .html file"
)


def read_text(path: str | Path) -> str:
    """Read a text file as UTF-8 (a BOM is dropped).

    A file that is not valid UTF-8 is decoded as Windows-1252, the usual encoding of such news
    files, or, if that fails too, as Latin-1 (which accepts every byte); a warning naming the file
    is logged. Offsets then index the decoded text.
    """
    return decode_bytes(_read_bytes(Path(path)), str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from err


class BadRecord(Exception):
    """A record that cannot be analysed; ``ident`` names it (id or line number)."""

    def __init__(self, ident: str, reason: str) -> None:
        super().__init__(f"{ident}: {reason}")
        self.ident = ident
        self.reason = reason


def decode_bytes(data: bytes, where: str) -> str:
    """Decode ``data`` as UTF-8 (a leading BOM dropped), else as Windows-1252 or Latin-1.

    A fallback is logged as a warning naming ``where`` (a file, a line of a file, or stdin).
    """
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            log.warning("%s is not UTF-8 (%s); decoded as %s", where, err.reason, encoding)
            return text
        raise AssertionError("latin-1 decodes any bytes") from err


def text_problem(text: str) -> str | None:
    """Return why ``text`` cannot be analysed (a lone surrogate, a NUL byte), or return None.

    >>> text_problem("fine")
    >>> text_problem("bad " + chr(0xD800) + " text")
    'lone surrogate U+D800 at character 4 (not valid Unicode text)'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return (
            f"lone surrogate U+{ord(text[err.start]):04X} at character {err.start} "
            "(not valid Unicode text)"
        )
    nul = text.find("\x00")
    if nul >= 0:
        return f"NUL character at character {nul}: binary data, not text"
    return None


# -- the one record rule ----------------------------------------------------------------------


def _record(obj: dict[str, Any], fallback_id: str) -> dict[str, Any] | BadRecord:
    """Check one input record of any format; return it (id set, values plain) or a BadRecord.

    ``fallback_id`` (``line N``, ``row N``) names a record without an id. Fields other than
    ``id`` and ``text`` pass through; values JSON cannot hold (dates, decimals, bytes) become
    strings, so the record can be written out.

    >>> _record({"text": "Fine.", "n": 3}, "row 1")
    {'text': 'Fine.', 'n': 3, 'id': 'row 1'}
    >>> _record({"id": 7, "text": None}, "row 2")
    BadRecord("7: 'text' must be a string, got NoneType")
    """
    ident = str(obj["id"]) if obj.get("id") is not None else fallback_id
    text = obj.get("text")
    if not isinstance(text, str):
        got = type(text).__name__ if "text" in obj else "no 'text' field"
        return BadRecord(ident, f"'text' must be a string, got {got}")
    problem = text_problem(text)
    if problem is not None:
        return BadRecord(ident, problem)
    out = {k: _plain(v) for k, v in obj.items()}
    out["id"] = ident
    return out


def _plain(value: Any) -> Any:
    """Return ``value`` as a JSON value (Parquet cells may be dates, decimals or bytes)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


# -- the input's kind -------------------------------------------------------------------------


def _folder_files(folder: Path) -> list[Path]:
    """Return the article files below ``folder`` (``*.txt``, ``*.html``, ``*.htm``), sorted.

    The one listing rule, shared by reading, counting and :func:`is_markup_source`.
    """
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in _FOLDER_SUFFIXES and p.is_file()
    )


def _is_page(path: Path) -> bool:
    return path.suffix.lower() in _PAGE_SUFFIXES


def _kind(path: Path) -> str | None:
    """Return how ``path`` (a file) is read: jsonl, csv, parquet, page, txt; or None."""
    name = path.name.lower()
    if name.endswith(_JSONL):
        return "jsonl"
    if name.endswith(_CSV):
        return "csv"
    if name.endswith(_PARQUET):
        return "parquet"
    if _is_page(path):
        return "page"
    if name.endswith(".txt"):
        return "txt"
    return None


def is_markup_source(source: str | Path) -> bool:
    """Return True if ``source`` is an HTML page or a folder holding any ``.html``/``.htm``.

    The text of such records is extracted from markup, so offsets index the extracted text,
    not the file: a batch keeps each record's ``text`` in its output.
    """
    src = Path(source)
    if src.is_dir():
        return any(_is_page(p) for p in _folder_files(src))
    return _is_page(src)


def check_source(source: str | Path) -> Path:
    """Return ``source`` as a Path if it is an input newslens can read; else raise InputError.

    Called before any output is opened, so a typo never truncates an existing result file. A
    Parquet file's footer is read here, so a file that is not Parquet fails now.
    """
    src = Path(source)
    if src.is_dir():
        return src
    if not src.exists():
        raise InputError(f"input {src} does not exist (expected a folder or a .jsonl file)")
    kind = _kind(src)
    if kind is None:
        raise InputError(f"don't know how to read {src}: {_ACCEPTED}")
    if kind == "parquet":
        _parquet_file(src)
    return src


def _parquet_file(path: Path) -> Any:
    """Open ``path`` as a ``pyarrow.parquet.ParquetFile``; InputError if it is not Parquet."""
    pa, pq = _pyarrow()
    try:
        pf = pq.ParquetFile(str(path))
    except (pa.ArrowException, OSError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(f"{path} is not a readable Parquet file ({first})") from err
    if "text" not in pf.schema_arrow.names:
        raise InputError(
            f"{path} has no 'text' column (columns: {', '.join(pf.schema_arrow.names)}); "
            "each row needs the article's text in a 'text' column"
        )
    return pf


# -- counting ---------------------------------------------------------------------------------


def count_records(source: str | Path) -> int | None:
    """Return how many records ``source`` holds when that is cheap to know, else None.

    A folder: its article files; a Parquet file: the rows in its metadata; a JSONL or CSV file
    under ~200 MB: its non-blank lines or CSV rows; a single page or text file: 1.
    """
    src = Path(source)
    try:
        if src.is_dir():
            return len(_folder_files(src))
        kind = _kind(src)
        if kind in ("page", "txt"):
            return 1
        if kind == "parquet":
            return int(_parquet_file(src).metadata.num_rows)
        if kind in ("jsonl", "csv"):
            limit = _COUNT_LIMIT // 5 if src.name.endswith(".gz") else _COUNT_LIMIT
            if src.stat().st_size > limit:
                return None
            if kind == "jsonl":
                with _open_binary(src) as fh:
                    return sum(1 for line in fh if line.strip())
            # rows, not lines: a quoted text may span lines; separators are ASCII in any
            # encoding newslens reads, so a lenient UTF-8 decoding finds the same rows
            with _open_binary(src) as raw, _text(raw, "utf-8", errors="replace") as fh:
                return max(sum(1 for row in csv.reader(fh) if row) - 1, 0)
    except (OSError, EOFError, csv.Error, InputError):
        return None
    return None


# -- reading ----------------------------------------------------------------------------------


def iter_records(source: str | Path) -> Iterator[dict[str, Any] | BadRecord]:
    """Yield ``{"id", "text", ...}`` records from a folder, a page, JSONL, CSV or Parquet.

    Malformed records are yielded as :class:`BadRecord` so a batch can log them and go on.
    A folder yields every ``*.txt`` / ``*.html`` / ``*.htm`` below it (id = path relative to
    the folder, sorted); HTML pages give the text trafilatura extracts (see
    :func:`html_record`).
    """
    src = Path(source)
    if src.is_dir():
        for f in _folder_files(src):
            ident = f.relative_to(src).as_posix()
            try:
                if _is_page(f):
                    yield html_record(_read_bytes(f), ident, where=str(f))
                else:
                    yield _record({"id": ident, "text": read_text(f)}, ident)
            except InputError as err:
                yield BadRecord(ident, str(err))
        return
    if not src.exists():
        raise InputError(f"input {src} does not exist")
    kind = _kind(src)
    if kind == "jsonl":
        yield from _jsonl_records(src)
    elif kind == "csv":
        yield from _csv_records(src)
    elif kind == "parquet":
        yield from _parquet_records(src)
    elif kind == "page":
        yield html_record(_read_bytes(src), src.name, where=str(src))
    elif kind == "txt":
        yield _record({"id": src.name, "text": read_text(src)}, src.name)
    else:
        raise InputError(f"don't know how to read {src}: {_ACCEPTED}")


def _open_binary(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _text(raw: IO[bytes], encoding: str, *, errors: str = "strict") -> IO[str]:
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")


def _jsonl_lines(path: Path) -> Iterator[str]:
    """Yield the lines of a JSON Lines file, each decoded on its own (see :func:`decode_bytes`)."""
    with _open_binary(path) as fh:
        for n, raw in enumerate(fh, 1):
            yield decode_bytes(raw, f"{path}, line {n},")


def _jsonl_records(path: Path) -> Iterator[dict[str, Any] | BadRecord]:
    for n, line in enumerate(_jsonl_lines(path), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield BadRecord(f"line {n}", f"invalid JSON: {err}")
            continue
        if not isinstance(obj, dict):
            yield BadRecord(f"line {n}", f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield _record(obj, f"line {n}")


def _file_encoding(path: Path) -> str:
    """Return the encoding of the whole of ``path``: UTF-8 (BOM dropped), else cp1252 or latin-1.

    The file is scanned once in chunks (memory stays flat); a fallback is logged as a warning
    naming the file, as :func:`decode_bytes` does.
    """
    reason = ""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with _open_binary(path) as fh:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            reason = reason or err.reason
            continue
        if encoding != "utf-8-sig":
            log.warning("%s is not UTF-8 (%s); decoded as %s", path, reason, encoding)
        return encoding
    log.warning("%s is not UTF-8 (%s); decoded as latin-1", path, reason)
    return "latin-1"


def _csv_records(path: Path) -> Iterator[dict[str, Any] | BadRecord]:
    """Yield the rows of a CSV file with a header row; ids default to ``row N`` (N from 1)."""
    # a news text is often longer than the csv module's default 128 KiB field limit
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    encoding = _file_encoding(path)
    try:
        with _open_binary(path) as raw, _text(raw, encoding) as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                return
            header = [name.strip() for name in header]
            n = 0
            while True:
                n += 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as err:
                    yield BadRecord(f"row {n}", f"malformed CSV: {err}")
                    continue
                if not row:
                    n -= 1  # a blank line is not a row
                    continue
                if len(row) > len(header):
                    yield BadRecord(
                        f"row {n}", f"{len(row)} cells, but the header names {len(header)}"
                    )
                    continue
                obj = {k: v for k, v in zip(header, row, strict=False) if k and v != ""}
                yield _record(obj, f"row {n}")
    except (OSError, EOFError) as err:
        raise InputError(f"cannot read {path}: {err}") from err


def _parquet_records(path: Path) -> Iterator[dict[str, Any] | BadRecord]:
    """Yield the rows of a Parquet file, batch by batch; ids default to ``row N`` (N from 1)."""
    pa, _ = _pyarrow()
    pf = _parquet_file(path)
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                n += 1
                yield _record({k: v for k, v in row.items() if v is not None}, f"row {n}")
    except (pa.ArrowException, OSError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(f"cannot read {path} after row {n}: {first}") from err


# -- HTML pages -------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: trafilatura's metadata fields and the record fields they fill.
_PAGE_FIELDS = (
    ("title", "title"),
    ("date", "published"),
    ("author", "author"),
    ("url", "url"),
    ("sitename", "source"),
)


def _decode_page(data: bytes, where: str) -> str:
    """Decode an HTML page: a BOM, else the ``<meta charset>`` it declares, else UTF-8/cp1252.

    A declared Latin-1 / ASCII is read as Windows-1252, as browsers do. A declaration that is
    unknown or does not fit the bytes falls back to :func:`decode_bytes` (which logs it).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            declared = codecs.lookup(match.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            declared = ""
        if declared in ("latin-1", "iso8859-1", "ascii"):
            declared = "cp1252"
        if declared and not declared.startswith("utf-16"):
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
    return decode_bytes(data, where)


def html_record(
    page: bytes | str, ident: str, *, where: str | None = None
) -> dict[str, Any] | BadRecord:
    """Return the record of one HTML page: its main text and metadata, found by trafilatura.

    ``text`` is the main text (navigation, footers and comments left out); ``title``,
    ``published`` (the page's date, ``YYYY-MM-DD``), ``author``, ``url`` and ``source`` (the
    site name) are set when the page gives them. Nothing is fetched. A page without main text,
    or one trafilatura cannot parse, is a :class:`BadRecord`.
    """
    import trafilatura

    html = page if isinstance(page, str) else _decode_page(page, where or ident)
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses a str with a declaration
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as err:  # a third-party parser on arbitrary markup: never stop a batch
        return BadRecord(ident, f"cannot extract the page: {type(err).__name__}: {err}")
    fields: dict[str, Any] = {}
    if found is not None:
        fields = found if isinstance(found, dict) else found.as_dict()
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        return BadRecord(ident, "no main text found in the page (trafilatura extracted nothing)")
    record: dict[str, Any] = {"id": ident, "text": text}
    for theirs, ours in _PAGE_FIELDS:
        value = fields.get(theirs)
        if isinstance(value, str) and value.strip():
            record[ours] = value.strip()
    return _record(record, ident)
