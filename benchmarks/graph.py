"""Graph building over 100,000 article records: cost against reading them, and memory.

    python benchmarks/graph.py [--records 100000] [--window sentence]

1. Batch results for the BBC corpus (../shared/data/bbc, 2,225 articles) are made once with
   ``newslens batch`` into benchmarks/out/ (ignored by git), then replicated with new ids (and
   a ``published`` date spread over two years) to N records.
2. Timed in the same run: reading the records (``json.loads`` of every line: the baseline) and
   building the graph from the file with ``Corpus.read(...).graph(window)`` (reading included).
   Building costs the difference.
3. Peak memory (max RSS of a fresh process) of building the graph from the first 10%, 50% and
   100% of the records: it should stay flat, since only per-entity and per-pair counts are kept.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "bbc"
OUT = ROOT / "benchmarks" / "out"

CHILD = """
import itertools, resource, sys, time
from pathlib import Path
import newslens
from newslens._corpus import Corpus, _read_jsonl
path, n, window = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
corpus = Corpus()
corpus._source = lambda: itertools.islice(_read_jsonl(path), n)
t0 = time.perf_counter()
G = corpus.graph(window)
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(n, G.number_of_nodes(), G.number_of_edges(), round(dt, 2), round(rss, 1))
"""


def bbc_results() -> Path:
    path = OUT / "bbc.results.jsonl"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        print(f"analysing {BBC} once into {path} …", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "newslens", "batch", str(BBC), "--output", str(path)], check=True
        )
    return path


def replicate(src: Path, n: int) -> Path:
    dest = OUT / f"replicated-{n}.jsonl"
    if dest.exists():
        return dest
    lines = src.read_text(encoding="utf-8").splitlines()
    with dest.open("w", encoding="utf-8") as fh:
        for k in range(n):
            rec = json.loads(lines[k % len(lines)])
            rec["id"] = f"{k:07d}/{rec['id']}"
            rec["published"] = f"{2004 + (k // 50_000) % 2}-{1 + (k % 12):02d}-{1 + (k % 28):02d}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return dest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--window", default="sentence")
    args = ap.parse_args()
    if not BBC.exists():
        print(f"{BBC} is not here; nothing to measure", file=sys.stderr)
        return 0
    path = replicate(bbc_results(), args.records)
    size = path.stat().st_size / 2**20

    import newslens

    best_read = best_graph = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                json.loads(line)
        best_read = min(best_read, time.perf_counter() - t0)
        t0 = time.perf_counter()
        G = newslens.Corpus.read(path).graph(args.window)
        best_graph = min(best_graph, time.perf_counter() - t0)
    build = best_graph - best_read
    print(
        f"{args.records:,} records ({size:,.0f} MiB), window={args.window}: "
        f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"
    )
    print(f"  reading the records (json.loads):   {best_read:6.1f}s")
    print(f"  reading + building the graph:       {best_graph:6.1f}s")
    print(
        f"  building alone:                     {build:6.1f}s  ({build / best_read:.2f} x reading)"
    )
    print("  memory of a fresh process building from the first N records:")
    print(f"  {'N':>8} {'nodes':>7} {'edges':>8} {'seconds':>8} {'max RSS MiB':>12}")
    for frac in (0.1, 0.5, 1.0):
        n = int(args.records * frac)
        res = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(n), args.window],
            check=True,
            capture_output=True,
            text=True,
        )
        n_, nodes, edges, secs, rss = res.stdout.split()
        print(f"  {int(n_):>8,} {int(nodes):>7,} {int(edges):>8,} {secs:>8} {rss:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
