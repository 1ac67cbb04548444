"""The Dask engine and newslens.dask: the same records as the local engine."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from newslens import Corpus, run_batch
from tests.test_batch import TEXTS, _lines, _write_jsonl

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cluster():
    """A real LocalCluster of two single-threaded worker processes (started once)."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield cluster, client


@pytest.fixture
def records(tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"a{k}", "text": TEXTS[k % len(TEXTS)]} for k in range(18)]
    rows.insert(5, {"id": "bad", "text": 7})
    _write_jsonl(src, rows)
    return src


def test_dask_engine_gives_the_local_engine_records(records, tmp_path, nl, cluster):
    local = run_batch(records, tmp_path / "local.jsonl", model=nl, progress=False, batch_size=2)
    on_dask = run_batch(
        records,
        tmp_path / "dask.jsonl",
        progress=False,
        batch_size=2,
        engine="dask",
        scheduler=cluster[0].scheduler_address,
    )
    assert on_dask.output.read_bytes() == local.output.read_bytes()
    assert _lines(on_dask.errors_path) == _lines(local.errors_path)


def test_a_killed_worker_loses_no_record_and_writes_none_twice(records, tmp_path, nl, cluster):
    _, client = cluster
    out = tmp_path / "dask.jsonl"
    done: list[object] = []
    run = threading.Thread(
        target=lambda: done.append(
            run_batch(
                records,
                out,
                progress=False,
                batch_size=1,
                engine="dask",
                scheduler=cluster[0].scheduler_address,
            )
        )
    )
    run.start()
    deadline = time.monotonic() + 120
    while not (out.exists() and out.read_text().count("\n") >= 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = client.run(os.getpid)
    os.kill(next(iter(pids.values())), signal.SIGKILL)  # one worker dies mid-run
    killed_at = out.read_text().count("\n")
    run.join(timeout=300)
    assert done and killed_at < 18  # the kill came while records were still to do
    ids = [r["id"] for r in _lines(out)]
    assert ids == [f"a{k}" for k in range(18)]
    expected = run_batch(records, tmp_path / "local.jsonl", model=nl, progress=False)
    assert out.read_bytes() == expected.output.read_bytes()


def test_bag_and_tables_api(nl):
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    import newslens.dask as nd

    rows = [{"id": f"a{k}", "text": t, "source": "test"} for k, t in enumerate(TEXTS)]
    rows.append({"id": "bad", "text": None})
    local = [a.to_dict() for a in nl.pipe(rows[:-1])]
    with dask.config.set(scheduler="synchronous"):
        got = nd.analyze(db.from_sequence(rows, npartitions=3)).compute()
        assert got[:-1] == local and "error" in got[-1]
        ids = [f"a{k}" for k in range(len(TEXTS))]
        frame = pd.DataFrame({"body": TEXTS, "key": ids, "source": "test"})
        ddf = dd.from_pandas(frame, npartitions=2)
        tables = nd.tables(ddf, text="body", id="key")
        computed = dask.compute(*tables.values())
    corpus = Corpus(local)
    for (name, _), df in zip(tables.items(), computed, strict=True):
        if name == "errors":
            assert len(df) == 0
            continue
        mem = getattr(corpus, f"{name}_frame")()
        pd.testing.assert_frame_equal(df.reset_index(drop=True), mem)
    assert json.dumps(got[0])  # records are plain JSON values
