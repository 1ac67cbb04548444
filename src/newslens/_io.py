"""Reading articles: files with a documented encoding fallback, folders and JSON Lines records."""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._errors import InputError

__all__ = [
    "BadRecord",
    "check_source",
    "count_records",
    "decode_bytes",
    "iter_records",
    "read_text",
    "text_problem",
]

log = logging.getLogger("newslens")


def read_text(path: str | Path) -> str:
    """Read a text file as UTF-8 (a BOM is dropped).

    A file that is not valid UTF-8 is decoded as Windows-1252, the usual encoding of such news
    files, or, if that fails too, as Latin-1 (which accepts every byte); a warning naming the file
    is logged. Offsets then index the decoded text.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read {p}: {err.strerror or err}") from err
    return decode_bytes(data, str(p))


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


def _jsonl_lines(path: Path) -> Iterator[str]:
    """Yield the lines of a JSON Lines file, each decoded on its own (see :func:`decode_bytes`)."""
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            yield decode_bytes(raw, f"{path}, line {n},")


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


def check_source(source: str | Path) -> Path:
    """Return ``source`` as a Path if it is an input newslens can read; else raise InputError.

    Called before any output is opened, so a typo never truncates an existing result file.
    """
    src = Path(source)
    if src.is_dir():
        return src
    if not src.exists():
        raise InputError(f"input {src} does not exist (expected a folder or a .jsonl file)")
    if src.name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".txt", ".html", ".htm")):
        return src
    raise InputError(
        f"don't know how to read {src}: expected a folder of .txt files, a .jsonl / .jsonl.gz "
        "file of records, or a .txt file"
    )


def _folder_files(folder: Path) -> list[Path]:
    """Return the article files below ``folder`` (``*.txt``), sorted: the one listing rule."""
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


def count_records(source: str | Path) -> int | None:
    """Return how many records ``source`` holds when that is cheap to know (a folder), else None."""
    src = Path(source)
    if src.is_dir():
        return len(_folder_files(src))
    return None


def iter_records(source: str | Path) -> Iterator[dict[str, Any] | BadRecord]:
    """Yield ``{"id", "text", ...}`` records from a folder of ``.txt`` files or a JSONL file.

    Malformed records are yielded as :class:`BadRecord` so a batch can log them and go on.
    A folder yields every ``*.txt`` below it (id = path relative to the folder, sorted).
    """
    src = Path(source)
    if src.is_dir():
        for f in _folder_files(src):
            ident = f.relative_to(src).as_posix()
            try:
                yield {"id": ident, "text": read_text(f)}
            except InputError as err:
                yield BadRecord(ident, str(err))
        return
    if not src.exists():
        raise InputError(f"input {src} does not exist")
    if src.name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        for n, line in enumerate(_jsonl_lines(src), 1):
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
            ident = str(obj["id"]) if obj.get("id") is not None else f"line {n}"
            if not isinstance(obj.get("text"), str):
                got = type(obj.get("text")).__name__ if "text" in obj else "no 'text' field"
                yield BadRecord(ident, f"'text' must be a string, got {got}")
                continue
            problem = text_problem(obj["text"])
            if problem is not None:
                yield BadRecord(ident, problem)
                continue
            obj["id"] = ident
            yield obj
        return
    if src.suffix in (".txt", ".html", ".htm"):
        yield {"id": src.name, "text": read_text(src)}
        return
    raise InputError(
        f"don't know how to read {src}: expected a folder of .txt files, a .jsonl / .jsonl.gz "
        "file of records, or a .txt file"
    )
