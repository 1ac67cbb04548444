"""Throughput of newslens against bare spaCy ``nlp.pipe`` with the same model, in one run.

    python benchmarks/speed.py [--n 300] [--batch-size 32]

Reads the first N articles of ../shared/data/bbc (sorted paths) and times, alternately and twice
each, bare ``nlp.pipe`` over the texts and newslens' ``Analyzer.pipe`` (chrome detection,
gazetteer, sentiment, entities, records). Reports the best time of each and the ratio; the
machine is shared, so only the ratio means much.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _common import bare_spacy

import newslens

BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bbc"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not BBC.exists():
        print(f"{BBC} is not here; nothing to measure", file=sys.stderr)
        return 0
    files = sorted(BBC.rglob("*.txt"))[: args.n]
    texts = [newslens.read_text(f) for f in files]
    nl = newslens.load()
    bare = bare_spacy(nl)
    best = {"bare": float("inf"), "newslens": float("inf")}
    for _ in range(2):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=args.batch_size):
            pass
        best["bare"] = min(best["bare"], time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _art in nl.pipe(texts, batch_size=args.batch_size):
            pass
        best["newslens"] = min(best["newslens"], time.perf_counter() - t0)
    chars = sum(map(len, texts))
    print(f"{len(texts)} BBC articles, {chars:,} chars, batch size {args.batch_size}")
    for name, t in best.items():
        print(f"  {name:<9} {t:6.2f}s  {len(texts) / t:6.1f} articles/s")
    print(f"  ratio newslens / bare spaCy: {best['newslens'] / best['bare']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
