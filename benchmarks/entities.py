"""Entity extraction and alias merging, scored with the reference scorer.

    python benchmarks/entities.py [--gold benchmarks/gold/entities_bbc.jsonl] [--per-doc]
                                  [--root CORPUS_DIR] [--model NAME_OR_PATH]
    python benchmarks/entities.py --speed 150 --model NAME_OR_PATH [--runs 3]

Runs newslens and, as the baseline, bare spaCy with the same model (every entity span its own
mention, mentions with the same text one entity) over the gold articles of ../shared/data/bbc
(or, for a gold file of the PolNeAR collection, ``entities_polnear_*.jsonl``, of
../shared/data/polnear/dev/text; ``--root`` names another corpus folder), and scores both with
../shared/eval/score_entities.py. It also counts the names bare spaCy spans whole (after the
scorer's normalisation: a leading "the" or honorific, a trailing possessive) of which newslens
gives only a part, and among them the gold names that bare spaCy spans exactly, where
newslens' boundary is worse than the model's own (both listed with --per-doc). Only the labels
annotated in the gold set (PERSON, ORG, GPE, LOC, NORP) are kept on both sides.

``--model`` runs both sides with another spaCy pipeline (an installed name or a model folder,
e.g. en_core_web_md) instead of newslens' default. ``--speed N`` scores nothing: it times
``newslens.load().pipe`` with the default model and with ``--model`` over the first N articles of
../shared/data/bbc/*/*.txt (sorted paths), in this process, alternately RUNS times each after one
warm-up pass, and prints the best CPU time (``time.process_time``) and wall time of each, the
words/s (``len(text.split())``) and the ratio.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import spacy
from _common import DATA, OUT, ROOT, bare_spacy, run_scorer

import newslens

BBC = DATA / "bbc"
POLNEAR = DATA / "polnear" / "dev" / "text"
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")


# the scorer's normalisation: a leading "the" or honorific, a trailing possessive or full stop
LEAD = re.compile(r"^(?:(?:the|The|THE)\s+|(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof)\.?\s+)+")
TRAIL = re.compile(r"(?:['\u2019]s|['\u2019]|\.)$")


def norm(text: str, s: int, e: int) -> tuple[int, int]:
    """Span without a leading "the"/honorific and a trailing possessive (as the scorer does)."""
    piece = text[s:e]
    lead = LEAD.match(piece)
    if lead and lead.end() < len(piece):
        s += lead.end()
    trail = TRAIL.search(text[s:e])
    if trail and trail.start() > 0:
        e = s + trail.start()
    return s, e


def cuts(text: str, bare: list[tuple[int, int]], ours: list[tuple[int, int]]) -> list[str]:
    """Names bare spaCy spans whole (after normalisation) that newslens only gives in part."""
    out = []
    for s, e in bare:
        s, e = norm(text, s, e)
        inside = [(a, b) for a, b in ours if s <= a and b <= e]
        if inside and not any(a <= s and e <= b for a, b in ours):
            out.append(f"{text[s:e]!r} -> {[text[a:b] for a, b in inside]}")
    return out


def worse(
    text: str, gold: list[tuple[int, int]], bare: list[tuple[int, int]], ours: list[tuple[int, int]]
) -> list[str]:
    """Gold names bare spaCy spans exactly (after normalisation) that newslens only gives in part.

    Unlike ``cuts``, which also counts spaCy's over-long spans ("Blair and Brown"), this counts
    only the mentions where newslens' boundary is worse than the model's own.
    """
    right = {norm(text, s, e) for s, e in bare} & {norm(text, s, e) for s, e in gold}
    return cuts(text, sorted(right), ours)


def boundary_checks(
    texts: list[str], gold: list[list[tuple[int, int]]], arts: list, docs: list
) -> tuple[list[str], list[str]]:
    """List the names newslens cuts shorter than bare spaCy: all of them, and the gold ones."""
    cut: list[str] = []
    bad: list[str] = []
    for art, doc, text, g in zip(arts, docs, texts, gold, strict=True):
        ours = [(m.start_char, m.end_char) for e in art.entities for m in e.mentions]
        spans = [(x.start_char, x.end_char) for x in doc.ents if x.label_ in LABELS]
        cut += [f"{art.id}: {c}" for c in cuts(text, spans, ours)]
        bad += [f"{art.id}: {c}" for c in worse(text, g, spans, ours)]
    return cut, bad


def speed(model: str, n: int, runs: int) -> None:
    """Time newslens with the default model and with ``model`` on the first ``n`` BBC articles."""
    texts = [newslens.read_text(p) for p in sorted(BBC.glob("*/*.txt"))[:n]]
    words = sum(len(t.split()) for t in texts)
    nls = {"default": newslens.load(), model: newslens.load(model)}
    best: dict[str, tuple[float, float]] = {}
    for run in range(runs + 1):  # the first pass warms both up and is not counted
        for name, nl in nls.items():
            c0, w0 = time.process_time(), time.perf_counter()
            for _ in nl.pipe(texts):
                pass
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
            if run:
                old = best.get(name, (cpu, wall))
                best[name] = (min(old[0], cpu), min(old[1], wall))
    print(f"{len(texts)} BBC articles, {words} words; best of {runs} alternating runs")
    for name, nl in nls.items():
        cpu, wall = best[name]
        meta = f"{nl.nlp.meta['name']} {nl.nlp.meta['version']}"
        print(f"  {meta:<28} CPU {cpu:7.2f}s ({words / cpu:6.0f} words/s)  wall {wall:7.2f}s")
    ratio = best[model][0] / best["default"][0]
    print(f"CPU time ratio {model} / default: {ratio:.2f}")


def score(gold: Path, pred: Path, root: Path, per_doc: bool) -> dict:
    return run_scorer(
        "score_entities.py", gold, pred, "--root", root, *(["--per-doc"] if per_doc else [])
    )


def corpus_root(gold: Path, root: str | None) -> Path:
    """Return the folder the gold's file names are relative to (BBC unless it is PolNeAR's)."""
    if root is not None:
        return Path(root)
    return POLNEAR if "polnear" in gold.stem else BBC


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "benchmarks/gold/entities_bbc.jsonl"))
    ap.add_argument("--per-doc", action="store_true", help="write per-document details too")
    ap.add_argument("--no-gazetteer", action="store_true", help="newslens without its gazetteer")
    ap.add_argument("--root", help="corpus folder of the gold's files (default: by the gold)")
    ap.add_argument("--model", help="spaCy pipeline name or folder (default: newslens' default)")
    ap.add_argument("--speed", type=int, metavar="N", help="time --model on N BBC articles")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each model (--speed)")
    args = ap.parse_args()
    if args.speed:
        if not args.model or not BBC.exists():
            print("--speed needs --model and ../shared/data/bbc", file=sys.stderr)
            return 2
        speed(args.model, args.speed, args.runs)
        return 0
    gold = Path(args.gold)
    root = corpus_root(gold, args.root)
    if not root.exists():
        print(f"{root} is not here; nothing to measure", file=sys.stderr)
        return 0
    files = [json.loads(line)["file"] for line in gold.open(encoding="utf-8") if line.strip()]
    texts = [newslens.read_text(root / f) for f in files]
    OUT.mkdir(exist_ok=True)

    nl = newslens.load(args.model, labels=LABELS, gazetteer=not args.no_gazetteer)
    tag = "" if args.model is None else "." + nl.nlp.meta["name"]
    t0 = time.perf_counter()
    arts = list(nl.pipe({"id": f, "text": t} for f, t in zip(files, texts, strict=True)))
    t_nl = time.perf_counter() - t0
    pred_nl = OUT / f"{gold.stem}{tag}.newslens.jsonl"
    with pred_nl.open("w", encoding="utf-8") as fh:
        for art in arts:
            ents = [
                {
                    "name": e.name,
                    "label": e.label,
                    "mentions": [
                        {"start_char": m.start_char, "end_char": m.end_char} for m in e.mentions
                    ],
                }
                for e in art.entities
            ]
            fh.write(json.dumps({"file": art.id, "entities": ents}) + "\n")

    bare = bare_spacy(nl) if args.model is None else spacy.load(args.model)
    t0 = time.perf_counter()
    docs = list(bare.pipe(texts))
    t_bare = time.perf_counter() - t0
    gold_spans = [
        [(m["start_char"], m["end_char"]) for e in row["entities"] for m in e["mentions"]]
        for row in (json.loads(x) for x in gold.open(encoding="utf-8") if x.strip())
    ]
    cut, bad = boundary_checks(texts, gold_spans, arts, docs)
    pred_bare = OUT / f"{gold.stem}{tag}.spacy.jsonl"
    with pred_bare.open("w", encoding="utf-8") as fh:
        for f, doc in zip(files, docs, strict=True):
            groups: dict[str, dict] = {}
            for ent in doc.ents:
                if ent.label_ in LABELS:
                    g = groups.setdefault(
                        ent.text, {"name": ent.text, "label": ent.label_, "mentions": []}
                    )
                    g["mentions"].append({"start_char": ent.start_char, "end_char": ent.end_char})
            fh.write(json.dumps({"file": f, "entities": list(groups.values())}) + "\n")

    rows = {
        "newslens": score(gold, pred_nl, root, args.per_doc),
        "bare spaCy": score(gold, pred_bare, root, args.per_doc),
    }
    print(
        f"gold: {gold.name}: {len(files)} articles, {rows['newslens']['gold_mentions']} mentions, "
        f"{rows['newslens']['gold_entities']} entities; model {nl.nlp.meta['name']} "
        f"{nl.nlp.meta['version']}"
    )
    print(
        f"{'system':<12} {'ment P':>7} {'ment R':>7} {'ment F1':>7} {'norm F1':>7} "
        f"{'link P':>7} {'link R':>7} {'link F1':>7} {'canon':>7} {'type':>7}"
    )
    for name, r in rows.items():
        m, n, lk = r["mentions"]["exact"], r["mentions"]["exact_norm"], r["linking_pairwise"]
        print(
            f"{name:<12} {m['precision']:>7} {m['recall']:>7} {m['f1']:>7} {n['f1']:>7} "
            f"{lk['precision']:>7} {lk['recall']:>7} {lk['f1']:>7} "
            f"{r['canonical_name']['accuracy']:>7} {r['type']['accuracy']:>7}"
        )
    print(f"time: newslens {t_nl:.2f}s, bare spaCy {t_bare:.2f}s (ratio {t_nl / t_bare:.2f})")
    print(f"names bare spaCy spans whole that newslens cuts shorter: {len(cut)}")
    for c in cut if args.per_doc else ():
        print(f"  {c}")
    print(f"of them gold names bare spaCy spans exactly (newslens worse than spaCy): {len(bad)}")
    for c in bad if args.per_doc else ():
        print(f"  {c}")
    if args.per_doc:
        (OUT / f"{gold.stem}{tag}.details.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
