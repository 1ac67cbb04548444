"""The batch engine: article records in, records or tables out, resumable, nothing lost.

:func:`run_batch` is what ``newslens batch`` runs; it goes through five stages:

1. **plan**: check the input before any output is touched, settle the output format (JSON
   Lines, or the Parquet table folder of :mod:`newslens._parquet`) and where errors go;
2. **open**: open the sink; when resuming, repair what an interrupted run left (a torn last
   line, an uncommitted chunk) and read which ids it finished and which errors it logged;
3. **screen**: read the input (:func:`newslens._io.iter_records`) and turn each record into
   work, a skip (done by the run being resumed) or a :class:`Failure` (malformed, empty, too
   long, not English, a repeated id);
4. **analyse**: chunks of records through the Analyzer, in this process or in worker
   processes (one model each, loaded once), each record ending as its JSON record or a
   Failure; when a chunk fails inside spaCy it is rerun record by record, so only the bad
   record is lost;
5. **write**: records and failures go to the sink in input order; a :class:`BatchSummary`
   says what happened.

Every record is analysed on its own, in chunks of ``batch_size`` records in any number of
processes, so its result does not depend on ``processes`` or on resuming.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tqdm import tqdm

from ._analyzer import Analyzer, load
from ._errors import InputError, NewslensError
from ._io import BadRecord, check_source, count_records, is_markup_source, iter_records
from ._parquet import (
    TableWriter,
    committed_ids,
    is_table_folder,
    read_errors,
    repair,
)

__all__ = ["BatchSummary", "Failure", "run_batch"]

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that could not be analysed: its id (or line number) and why."""

    ident: str
    reason: str


#: What analysing one record gives: its JSON record, or why it failed.
Outcome = Record | Failure


@dataclass(frozen=True, slots=True)
class Skip:
    """A record the run being resumed already wrote."""

    ident: str


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run did."""

    output: Path
    format: str
    #: Where the failures are (a JSON Lines file, or the ``errors`` table); None if none.
    errors_path: Path | None
    written: int
    errors: int
    skipped: int
    seconds: float
    words: int

    def __str__(self) -> str:
        rate = self.words / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.written} written to {self.output}, {self.errors} errors"
            + (f" (see {self.errors_path})" if self.errors and self.errors_path else "")
            + (f", {self.skipped} already done" if self.skipped else "")
            + f" in {self.seconds:.1f} s ({rate:,.0f} words/s)"
        )


# --- 1. plan ---------------------------------------------------------------------------------

FORMATS = ("jsonl", "parquet")
ENGINES = ("local", "dask")


def _output_format(output: Path, requested: str | None) -> str:
    """Return the output format: as requested, else inferred from the output path."""
    if requested is not None and requested not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, got {requested!r}")
    inferred = "parquet" if output.suffix == ".parquet" or output.is_dir() else None
    if output.name.endswith((".jsonl", ".ndjson")):
        inferred = "jsonl"
    if output.name.endswith(".gz"):
        raise InputError(
            f"cannot write {output}: results are written uncompressed, so an interrupted run "
            "can resume; name the output .jsonl (and compress it afterwards)"
        )
    if requested is not None and inferred is not None and requested != inferred:
        raise InputError(
            f"--format {requested} conflicts with the output {output} (which means "
            f"{inferred}); drop --format or rename the output"
        )
    return requested or inferred or "jsonl"


# --- 2. open: the sinks ---------------------------------------------------------------------


class Sink(Protocol):
    """Where a run's records and failures go."""

    done: set[str]
    logged: set[tuple[str, str]]
    errors_path: Path | None

    def record(self, record: Mapping[str, Any]) -> None:
        """Write one article record."""

    def failure(self, failure: Failure) -> None:
        """Write one failure."""

    def close(self) -> None:
        """Finish writing."""


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


def _truncate_partial_line(path: Path) -> None:
    """Drop a last line left incomplete by an interrupted run."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


class JsonlSink:
    """Records to a JSON Lines file, failures to another; flushed line by line."""

    def __init__(self, output: Path, errors: Path, *, resume: bool) -> None:
        self.done: set[str] = set()
        self.logged: set[tuple[str, str]] = set()
        if resume:
            _truncate_partial_line(output)
            _truncate_partial_line(errors)
            self.done = {str(o["id"]) for o in _objects(output) if o.get("id") is not None}
            self.logged = {(str(o.get("id")), str(o.get("reason"))) for o in _objects(errors)}
        mode = "a" if resume else "w"
        self.errors_path: Path | None = errors
        self._out = output.open(mode, encoding="utf-8")
        self._err = errors.open(mode, encoding="utf-8")

    def record(self, record: Mapping[str, Any]) -> None:
        """Write one record as a line."""
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._out.flush()

    def failure(self, failure: Failure) -> None:
        """Write one failure as a line of the errors file."""
        line = {"id": failure.ident, "reason": failure.reason}
        self._err.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._err.flush()

    def close(self) -> None:
        """Close both files; an errors file left empty is removed."""
        if self._out.closed:
            return
        self._out.close()
        self._err.close()
        if self.errors_path is not None and self.errors_path.stat().st_size == 0:
            self.errors_path.unlink()
            self.errors_path = None


class TableSink:
    """Records and failures to a Parquet table folder, committed every ``commit_every``."""

    def __init__(self, folder: Path, *, resume: bool, commit_every: int = 256) -> None:
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{folder} is a file; Parquet output is a folder of tables")
        if folder.is_dir() and any(folder.iterdir()) and not is_table_folder(folder):
            raise InputError(
                f"{folder} is a folder that newslens did not write; give a new or empty "
                "folder for the Parquet tables"
            )
        self.done: set[str] = set()
        self.logged: set[tuple[str, str]] = set()
        first = 0
        if resume and is_table_folder(folder):
            first = repair(folder)
            self.done = set(committed_ids(folder))
            self.logged = {(str(e["id"]), str(e["reason"])) for e in read_errors(folder)}
        elif is_table_folder(folder):  # a fresh run replaces the tables of an earlier one
            shutil.rmtree(folder)
        self.errors_path: Path | None = folder / "errors"
        self._writer = TableWriter(folder, first_part=first)
        self._commit_every = commit_every
        self._closed = False

    def record(self, record: Mapping[str, Any]) -> None:
        """Add one record to the current chunk."""
        self._writer.write(record)
        self._maybe_commit()

    def failure(self, failure: Failure) -> None:
        """Add one failure to the current chunk."""
        self._writer.error(failure.ident, failure.reason)
        self._maybe_commit()

    def _maybe_commit(self) -> None:
        if self._writer.pending >= self._commit_every:
            self._writer.commit()

    def close(self) -> None:
        """Commit the last chunk."""
        if self._closed:
            return
        self._closed = True
        self._writer.close()
        if not any(True for _ in read_errors(self._writer.folder)):
            self.errors_path = None


# --- 3. screen ------------------------------------------------------------------------------

# English function words that are not also common words of the other languages of European
# news ("a", "in", "on", "was", "will" are left out: French, German, Italian use them too). They
# make up a tenth or more of any English news text; a text with almost none among its first
# words is not English.
_ENGLISH = frozenset(
    "the of and to is that for with he it at by from his be are have has had said not but "
    "they this were which their would been who its after we".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def english_problem(text: str, *, sample: int = 3000, min_words: int = 40) -> str | None:
    """Return why ``text`` does not look like English, or None (too short to tell is fine).

    >>> english_problem("The minister said on Monday that the plan would go ahead. " * 8)
    >>> english_problem("Der Minister sagte am Montag, dass der Plan umgesetzt werde. " * 8)[:32]
    'does not look like English: 0% o'
    """
    words = _WORD.findall(text[:sample].lower())
    if len(words) < min_words:
        return None
    share = sum(w in _ENGLISH for w in words) / len(words)
    if share >= 0.02:  # English news: 10% or more (5.7% the least seen); others: 0%
        return None
    return (
        f"does not look like English: {share:.0%} of its first {len(words)} words are common "
        "English words (English news has 10% or more); the model is English-only "
        "(pass check_language=False / --any-language to analyse it anyway)"
    )


@dataclass
class _Screen:
    """The screening stage's state: ids seen so far and the run's limits."""

    done: set[str]
    max_chars: int
    check_language: bool
    seen: set[str]

    def __call__(self, item: Record | BadRecord) -> Record | Failure | Skip:
        if isinstance(item, BadRecord):
            return Failure(item.ident, item.reason)
        ident, text = str(item["id"]), item["text"]
        if not text.strip():  # an empty page or a failed scrape: say so, never a blank record
            return Failure(ident, "text is empty (or only whitespace): nothing to analyse")
        if len(text) > self.max_chars:  # bounded time per record, never a stall
            return Failure(
                ident,
                f"text has {len(text):,} characters, over the limit of {self.max_chars:,} "
                "(raise it with max_chars / --max-chars)",
            )
        if ident in self.seen:  # a repeated id is reported, never silently dropped
            return Failure(ident, "duplicate id: an earlier record of the input has the same id")
        self.seen.add(ident)
        if ident in self.done:
            return Skip(ident)
        problem = english_problem(text) if self.check_language else None
        return Failure(ident, problem) if problem else item


# --- 4. analyse -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Job:
    """How each chunk is analysed (sent to every worker once)."""

    batch_size: int
    include_text: bool


def _ident(record: Mapping[str, Any]) -> str:
    return str(record.get("id"))


def _pipe(nl: Analyzer, records: list[Record], job: _Job) -> list[Outcome]:
    """Analyse ``records`` in one ``Analyzer.pipe``: one outcome per record, in order.

    A failure inside newslens' own stages becomes that record's Failure (the Analyzer's
    ``on_error``); a failure inside spaCy raises, for :func:`analyse_chunk` to handle.
    """
    outcomes: list[Outcome] = []

    def failed(record: Mapping[str, Any], err: Exception) -> None:
        outcomes.append(Failure(_ident(record), f"{type(err).__name__}: {err}"))

    articles = nl.pipe(
        records, batch_size=job.batch_size, on_error=failed, keep_text=job.include_text
    )
    for article in articles:  # failures are reported in order, between the articles
        outcomes.append(article.to_dict())
    return outcomes


def analyse_chunk(nl: Analyzer, records: list[Record], job: _Job) -> list[Outcome]:
    """Return one outcome per record, in order; a chunk spaCy fails on is rerun record by record."""
    try:
        return _pipe(nl, records, job)
    except Exception:
        return [_one(nl, record, job) for record in records]


def _one(nl: Analyzer, record: Record, job: _Job) -> Outcome:
    try:
        return _pipe(nl, [record], job)[0]
    except Exception as err:
        return Failure(_ident(record), f"{type(err).__name__}: {err}")


# The Analyzer of a worker process: inherited from the parent when processes are forked,
# else loaded once by the pool's initializer (never shipped with each chunk).
_WORKER: Analyzer | None = None
_WORKER_JOB: _Job | None = None


def _init_worker(nl: Analyzer | None, model: str | None, chrome: bool, job: _Job) -> None:
    global _WORKER, _WORKER_JOB
    _WORKER = nl if nl is not None else load(model, chrome=chrome)
    _WORKER_JOB = job


def _work(records: list[Record]) -> list[Outcome]:
    assert _WORKER is not None and _WORKER_JOB is not None, "worker not initialised"
    return analyse_chunk(_WORKER, records, _WORKER_JOB)


def _chunks(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_process(nl: Analyzer, chunks: Iterable[list[Record]], job: _Job) -> Iterator[Outcome]:
    for chunk in chunks:
        yield from analyse_chunk(nl, chunk, job)


def _in_workers(
    nl: Analyzer, chunks: Iterable[list[Record]], job: _Job, processes: int, spec: _Spec
) -> Iterator[Outcome]:
    """Analyse chunks in ``processes`` worker processes; outcomes come back in input order.

    At most two chunks per worker are in flight, so memory stays flat however long the input.
    """
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else "spawn")
    # forked workers inherit the loaded Analyzer; spawned ones load the model once each
    initargs = (nl if forked else None, spec.model, spec.chrome, job)
    with ProcessPoolExecutor(processes, context, _init_worker, initargs) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_work, chunk))
                if len(pending) >= 2 * processes:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as err:
            raise NewslensError(
                "a worker process died (out of memory?); what was written is kept: rerun "
                "the same command with --resume (and fewer --processes) to finish"
            ) from err


@dataclass(frozen=True, slots=True)
class _Spec:
    """Where chunks are analysed, and how a worker loads the model."""

    model: str | None
    chrome: bool
    engine: str = "local"
    scheduler: str | None = None


# --- 5. write: the run ----------------------------------------------------------------------


def run_batch(
    input: str | Path,
    output: str | Path,
    *,
    format: str | None = None,
    errors: str | Path | None = None,
    resume: bool = False,
    processes: int = 1,
    batch_size: int = 32,
    model: str | Analyzer | None = None,
    chrome: bool = True,
    include_text: bool | None = None,
    max_chars: int = 1_000_000,
    check_language: bool = True,
    progress: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
) -> BatchSummary:
    """Analyse every record of ``input`` into ``output``; return what happened.

    Parameters
    ----------
    input
        A folder (``*.txt``, ``*.html``, ``*.htm`` below it; id = relative path), or a
        ``.jsonl`` / ``.jsonl.gz``, ``.csv`` or ``.parquet`` file of records (``id``, ``text``,
        optional ``title``, ``published``, ``source``, ``url``; other fields go to ``meta``).
    output
        A ``.jsonl`` file, or a folder of Parquet tables (a path ending in ``.parquet``, an
        existing folder, or any path with ``format="parquet"``).
    format
        ``"jsonl"`` or ``"parquet"``; inferred from ``output`` when None.
    errors
        Where failed records go for JSON Lines output (default ``OUTPUT.errors.jsonl``);
        Parquet output keeps them in its ``errors`` table.
    resume
        Continue an interrupted run: repair its output, skip the ids it wrote, and do not log
        its errors again.
    processes
        Worker processes, each with its own copy of the model.
    batch_size
        Records per chunk of work (and spaCy's batch size); Parquet tables are committed
        every 8 chunks.
    model
        A pipeline name or path, or a loaded :class:`~newslens.Analyzer`.
    chrome
        Leave page chrome out of the analysis (as :func:`newslens.load`).
    include_text
        Keep each record's text in its result; None keeps it only for HTML input, whose
        offsets index the text extracted from the page.
    max_chars
        Longer texts are failures with their length, so no record stalls a run.
    check_language
        Texts that do not look like English are failures.
    progress
        Show a progress bar (articles/s, words/s) on stderr.
    engine
        ``"local"`` (this process, or ``processes`` worker processes) or ``"dask"`` (chunks
        as tasks on a Dask cluster; see :mod:`newslens.dask`); the records are the same.
    scheduler
        With ``engine="dask"``, the address of an existing scheduler; by default a
        ``LocalCluster`` of ``processes`` workers is started.

    Raises
    ------
    InputError
        The input does not exist or cannot be read, or the options conflict (nothing is
        written then).

    """
    # 1. plan
    sizes = {"processes": processes, "batch_size": batch_size, "max_chars": max_chars}
    for name, value in sizes.items():
        if not isinstance(value, int) or value < 1:
            raise InputError(f"{name} must be a whole number ≥ 1, got {value!r}")
    source = check_source(input)  # before any output is opened or truncated
    out = Path(output)
    fmt = _output_format(out, format)
    if fmt == "parquet" and errors is not None:
        raise InputError("Parquet output keeps failed records in its errors table; drop errors")
    keep_text = is_markup_source(source) if include_text is None else include_text
    job = _Job(batch_size, keep_text)
    if engine not in ENGINES:
        raise InputError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if engine == "dask" and isinstance(model, Analyzer):
        raise InputError(
            "engine='dask' loads the model in each worker: pass its name or path, not an Analyzer"
        )
    if engine == "local":
        nl: Analyzer | None = model if isinstance(model, Analyzer) else load(model, chrome=chrome)
    else:
        nl = None
    spec = _Spec(None if isinstance(model, Analyzer) else model, chrome, engine, scheduler)
    # 2. open
    sink: Sink
    if fmt == "parquet":
        sink = TableSink(out, resume=resume, commit_every=8 * batch_size)
    else:
        err_path = Path(errors) if errors else out.with_suffix(".errors.jsonl")
        sink = JsonlSink(out, err_path, resume=resume)
    plan = _Plan(source, out, fmt, job, processes, spec, progress)
    try:
        return _run(nl, plan, sink, _Screen(sink.done, max_chars, check_language, set()))
    finally:
        sink.close()


@dataclass(frozen=True, slots=True)
class _Plan:
    """What :func:`run_batch` settled before opening the output."""

    source: Path
    output: Path
    format: str
    job: _Job
    processes: int
    spec: _Spec
    progress: bool


@dataclass(slots=True)
class _Tally:
    written: int = 0
    errors: int = 0
    skipped: int = 0
    words: int = 0


def _outcomes(
    nl: Analyzer | None, chunks: Iterator[list[Record]], plan: _Plan
) -> Iterator[Outcome]:
    """Stage 4 on the chosen engine: this process, worker processes, or a Dask cluster."""
    spec = plan.spec
    if spec.engine == "dask":
        from .dask import in_dask

        return in_dask(
            chunks,
            plan.job,
            processes=plan.processes,
            model=spec.model,
            chrome=spec.chrome,
            scheduler=spec.scheduler,
        )
    assert nl is not None, "the local engine runs with a loaded Analyzer"
    if plan.processes > 1:
        return _in_workers(nl, chunks, plan.job, plan.processes, spec)
    return _in_process(nl, chunks, plan.job)


def _run(nl: Analyzer | None, plan: _Plan, sink: Sink, screen: _Screen) -> BatchSummary:
    """Screen, analyse and write every record of the input (stages 3 to 5)."""
    started = time.perf_counter()
    tally = _Tally()
    bar = tqdm(
        desc="newslens batch",
        unit="article",
        total=count_records(plan.source),
        file=sys.stderr,
        disable=not plan.progress,
    )

    def fail(failure: Failure) -> None:
        tally.errors += 1
        if (failure.ident, failure.reason) not in sink.logged:  # not logged by an earlier run
            sink.failure(failure)
        bar.update()

    def work() -> Iterator[Record]:
        for item in iter_records(plan.source):
            verdict = screen(item)
            if isinstance(verdict, Failure):
                fail(verdict)
            elif isinstance(verdict, Skip):
                tally.skipped += 1
                bar.update()
            else:
                tally.words += len(verdict["text"].split())
                yield verdict

    chunks = _chunks(work(), plan.job.batch_size)
    outcomes = _outcomes(nl, chunks, plan)
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            fail(outcome)
            continue
        sink.record(outcome)
        tally.written += 1
        bar.update()
        elapsed = time.perf_counter() - started
        bar.set_postfix_str(f"{tally.words / max(elapsed, 1e-9):,.0f} words/s", refresh=False)
    bar.close()
    sink.close()
    return BatchSummary(
        output=plan.output,
        format=plan.format,
        errors_path=sink.errors_path,
        written=tally.written,
        errors=tally.errors,
        skipped=tally.skipped,
        seconds=time.perf_counter() - started,
        words=tally.words,
    )
