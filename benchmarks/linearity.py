"""Seconds per 1,000 characters of one long article, at several lengths: the cost must be linear.

    python benchmarks/linearity.py [--sizes 25000 100000 200000] [--runs 1] [--rss]

Builds each article by joining BBC articles of ../shared/data/bbc/*/*.txt (sorted paths, read
with ``newslens.read_text``, never copied into the repository) with blank lines, cut to the size,
and times ``newslens.load()(text)``, best of RUNS. Linear cost shows as a flat column of seconds
per 1k characters. The machine may be shared: compare the rows, not the absolute times.
``tests/test_linearity.py`` checks the same property without a clock.

With ``--rss`` each size runs in a fresh process instead, which also reports its peak RSS
(e.g. ``--sizes 50000 1000000 --rss`` for the 1,000,000-character check).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import newslens

BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bbc"


def long_text(files: list[Path], chars: int) -> str:
    """Join the texts of ``files``, blank line between them, until ``chars`` characters."""
    parts: list[str] = []
    size = 0
    for f in files:
        if size >= chars:
            break
        parts.append(newslens.read_text(f).strip())
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)[:chars]


def one_process(size: int) -> dict[str, float]:
    """Analyse one article of ``size`` characters in a fresh process; its time and peak RSS."""
    code = (
        "import json, resource, sys, time; sys.path.insert(0, sys.argv[2]);"
        "import newslens, linearity;"
        "files = sorted(linearity.BBC.glob('*/*.txt'));"
        "text = linearity.long_text(files, int(sys.argv[1])); nl = newslens.load();"
        "t0 = time.perf_counter(); art = nl(text); dt = time.perf_counter() - t0;"
        "bad = sum(text[m.start_char:m.end_char] != m.text"
        " for e in art.entities for m in e.mentions);"
        "print(json.dumps({'chars': len(text), 'seconds': dt, 'bad_offsets': bad,"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    here = str(Path(__file__).resolve().parent)
    out = subprocess.run(
        [sys.executable, "-c", code, str(size), here], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[25_000, 100_000, 200_000])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--rss", action="store_true", help="one fresh process per size, with RSS")
    args = ap.parse_args()
    if not BBC.exists():
        print(f"{BBC} is not here; nothing to measure", file=sys.stderr)
        return 0
    if args.rss:
        print(
            f"{'chars':>9} {'seconds':>8} {'us per char':>12} {'peak RSS':>9} {'bad offsets':>11}"
        )
        for size in args.sizes:
            r = one_process(size)
            print(f"{int(r['chars']):>9,} {r['seconds']:>8.1f} "
                  f"{r['seconds'] / r['chars'] * 1e6:>12.1f} {r['rss_mb']:>7.0f}MB "
                  f"{int(r['bad_offsets']):>11}")  # fmt: skip
        return 0
    files = sorted(BBC.glob("*/*.txt"))
    nl = newslens.load()
    nl("Warm up: the lexicons load on first use, Ms Okafor said.")
    print(f"{'chars':>9} {'seconds':>8} {'s per 1k chars':>15}")
    for size in args.sizes:
        text = long_text(files, size)
        best = float("inf")
        for _ in range(args.runs):
            t0 = time.perf_counter()
            nl(text)
            best = min(best, time.perf_counter() - t0)
        print(f"{len(text):>9,} {best:>8.2f} {best / len(text) * 1000:>15.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
