"""newslens on a Dask cluster: the batch engine's chunks as Dask tasks, and Bags/DataFrames in.

Two ways in (``pip install "newslens[dask]"``):

* ``newslens batch INPUT -o OUT --engine dask [--scheduler ADDRESS] [--processes N]`` (or
  ``run_batch(..., engine="dask")``): the same run as the local engine (same inputs, outputs,
  errors, resume, records), with the analysis of each chunk of records done by a Dask worker.
  Without an address, a ``distributed.LocalCluster`` of N single-threaded worker processes is
  started; with one, the existing cluster is used. Only the client writes, so a worker that dies
  mid-chunk costs a rerun of that chunk (Dask reschedules it), never a record written twice.
* :func:`analyze` and :func:`tables` for people already on Dask: a Bag of records or a Dask
  DataFrame with a text column in, a Bag of article records or the tables (the same schemas as
  the local Parquet output) out.

A worker loads the model once per process (:func:`worker_analyzer` caches it) and never
receives it with a task; tasks carry only records.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from ._analyzer import Analyzer, load
from ._errors import NewslensError
from ._tables import SCHEMAS, frame, table_rows

if TYPE_CHECKING:  # pragma: no cover
    from ._batch import Outcome, _Job

__all__ = ["ERRORS_TABLE", "analyze", "local_cluster", "tables", "worker_analyzer"]

#: The columns of the errors table :func:`tables` gives (as the local Parquet output's).
ERRORS_TABLE = {"id": "string", "reason": "string"}


def _dask() -> Any:
    try:
        import dask
        import distributed
    except ImportError as err:
        raise NewslensError(
            "the Dask engine needs dask and distributed: pip install 'newslens[dask]' "
            "(or pip install 'dask[dataframe]' distributed)"
        ) from err
    return dask, distributed


@cache
def worker_analyzer(model: str | None, chrome: bool) -> Analyzer:
    """Return this process's Analyzer for ``model``, loading it on first use only."""
    return load(model, chrome=chrome)


def _chunk_task(records: list[dict[str, Any]], job: _Job, model: str | None, chrome: bool) -> Any:
    from ._batch import analyse_chunk

    return analyse_chunk(worker_analyzer(model, chrome), records, job)


def local_cluster(processes: int) -> Any:
    """Start the ``distributed.LocalCluster`` the Dask engine runs on without ``--scheduler``.

    ``processes`` single-threaded worker processes and the dashboard on any free port (never
    clashing with a cluster already running), with two of Dask's worker defaults changed, each
    worth about a tenth to a third of a CPU-bound worker's speed
    (``benchmarks/throughput.py --per-worker``):

    * the statistical profiler is off (it samples the running task's stack a hundred times a
      second);
    * ``MALLOC_TRIM_THRESHOLD_`` is not set: Dask sets it low so that workers hand freed memory
      back at once, which also makes glibc map and unmap every large array spaCy allocates for
      each batch afresh (page faults each time); a newslens worker holds a bounded number of
      articles, so its memory stays flat without it.

    On a cluster of your own, set ``distributed.worker.profile.enabled: false`` and drop
    ``MALLOC_TRIM_THRESHOLD_`` from ``distributed.nanny.pre-spawn-environ`` in the workers' Dask
    config for the same effect.
    """
    dask, distributed = _dask()
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    settings = {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ": environ,
    }
    with dask.config.set(settings):
        return distributed.LocalCluster(
            n_workers=processes,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )


def in_dask(
    chunks: Iterable[list[dict[str, Any]]],
    job: _Job,
    *,
    processes: int,
    model: str | None,
    chrome: bool,
    scheduler: str | None,
) -> Iterator[Outcome]:
    """Analyse chunks as Dask tasks; outcomes come back in input order (the engine's stage 4).

    At most two chunks per worker are in flight, so the client's memory stays flat.
    """
    _, distributed = _dask()
    chatty = logging.getLogger("distributed")
    level = chatty.level
    if logging.getLogger("newslens").getEffectiveLevel() > logging.INFO:  # not --verbose
        chatty.setLevel(logging.ERROR)
    if scheduler is None:
        cluster = local_cluster(processes)
        client = distributed.Client(cluster)
    else:
        cluster = None
        client = distributed.Client(scheduler)
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), processes, 1)
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(client.submit(_chunk_task, chunk, job, model, chrome, pure=False))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        chatty.setLevel(level)


# --- Bags and DataFrames in -------------------------------------------------------------------


def _analyse_partition(
    records: Iterable[Mapping[str, Any]],
    text: str,
    ident: str,
    model: str | None,
    chrome: bool,
    batch_size: int,
) -> list[dict[str, Any]]:
    """Analyse one partition; a record that fails becomes ``{"id": …, "error": reason}``."""
    from ._batch import Failure, _Job, analyse_chunk

    rows = []
    for record in records:
        rec = dict(record)
        body, key = rec.pop(text, None), rec.pop(ident, None)
        rows.append({**rec, "id": None if key is None else str(key), "text": body})
    good = [r for r in rows if isinstance(r["text"], str)]
    outcomes = analyse_chunk(worker_analyzer(model, chrome), good, _Job(batch_size, False))
    by_id = iter(outcomes)
    out: list[dict[str, Any]] = []
    for row in rows:
        if not isinstance(row["text"], str):
            got = type(row["text"]).__name__
            out.append({"id": row["id"], "error": f"'{text}' must be a string, got {got}"})
            continue
        outcome = next(by_id)
        if isinstance(outcome, Failure):
            out.append({"id": outcome.ident, "error": outcome.reason})
        else:
            out.append(outcome)
    return out


def analyze(
    data: Any,
    *,
    text: str = "text",
    id: str = "id",
    model: str | None = None,
    chrome: bool = True,
    batch_size: int = 32,
) -> Any:
    """Analyse a Dask Bag of records or a Dask DataFrame; return a Bag of article records.

    Parameters
    ----------
    data
        A ``dask.bag.Bag`` of mappings, or a ``dask.dataframe.DataFrame``.
    text, id
        The fields (columns) holding each article's text and its id; other fields go to
        ``meta``.
    model, chrome
        As :func:`newslens.load`; each worker process loads the model once.
    batch_size
        spaCy's batch size within a partition.

    Returns
    -------
    dask.bag.Bag
        One ``Article.to_dict()`` record per input row, in order; a row whose analysis fails is
        ``{"id": …, "error": reason}`` instead (keep the good ones with
        ``.filter(lambda r: "error" not in r)``).

    """
    dask, _ = _dask()
    import dask.bag as db

    bag: Any
    if isinstance(data, db.Bag):
        bag = data
    elif hasattr(data, "to_bag"):
        bag = data.to_bag(format="dict")
    else:
        raise NewslensError(
            f"newslens.dask.analyze takes a dask Bag or DataFrame, got {type(data).__name__}"
        )
    return bag.map_partitions(_analyse_partition, text, id, model, chrome, batch_size)


def _partition_tables(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    errors = []
    for rec in records:
        if "error" in rec and "entities" not in rec:
            errors.append({"id": rec.get("id"), "reason": rec["error"]})
            continue
        for name, table in table_rows(rec).items():
            rows[name].extend(table)
    frames = {name: frame(rows[name], SCHEMAS[name]) for name in SCHEMAS}
    frames["errors"] = frame(errors, ERRORS_TABLE)
    return frames


def tables(data: Any, **options: Any) -> dict[str, Any]:
    """Analyse like :func:`analyze`; return the tables as Dask DataFrames.

    The keys are ``articles``, ``entities``, ``mentions``, ``quotes``, ``figures``,
    ``sentences`` and ``errors``, with the columns and dtypes of the local Parquet output.
    Each partition is analysed once for all tables when they are computed together::

        t = newslens.dask.tables(ddf)
        dask.compute(*(df.to_parquet(f"out/{name}", compute=False) for name, df in t.items()))
    """
    dask, _ = _dask()
    import dask.dataframe as dd
    from dask.delayed import delayed

    parts = [delayed(_partition_tables)(p) for p in analyze(data, **options).to_delayed()]
    schemas = {**SCHEMAS, "errors": ERRORS_TABLE}
    # keep the tables' own dtypes (a list column stays a list column, not Dask's strings)
    with dask.config.set({"dataframe.convert-string": False}):
        return {
            name: dd.from_delayed(
                [delayed(dict.__getitem__)(p, name) for p in parts], meta=frame([], schema)
            )
            for name, schema in schemas.items()
        }
