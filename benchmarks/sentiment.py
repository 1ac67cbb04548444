"""Sentiment toward entities: NewsMTSC (per mention), PerSenT (per article) and the cost.

    python benchmarks/sentiment.py [--methods textcat,scoped] [--splits train,validation]
                                   [--skip-newsmtsc] [--skip-persent] [--skip-cost]

1. NewsMTSC (``../shared/data/newsmtsc/train.jsonl``), split by a hash of ``primary_gid``: one
   sentence in five is the held-out validation split (never used to design or train), the rest
   is the training split (``models/sentiment/train.py`` trains on it). Each sentence is a record
   for ``Analyzer.pipe``; the batch-style output is scored by ``../shared/eval/newsmtsc.py``.
   The baseline is today's behaviour: every mention its sentence's TextBlob label.
2. PerSenT dev (``../shared/data/persent/dev.jsonl``), halves by id (even: tune, odd:
   validate): the label of the entity that matches ``target_entity`` best vs TextBlob over the
   sentences that name the person (and the plain mean of sentence scores, the old aggregate).
3. Cost: 100 BBC articles analysed with and without entity sentiment, in the same run.

Numbers go to stdout as JSON and to ``benchmarks/out/sentiment.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from _common import DATA, OUT, run_scorer

import newslens
from newslens._records import Article, Entity, Sentiment
from newslens._sentiment import document_sentiment, label_for

NEWSMTSC = DATA / "newsmtsc" / "train.jsonl"
PERSENT = DATA / "persent" / "dev.jsonl"
BBC = DATA / "bbc"
LABELS = ("negative", "neutral", "positive")


def is_validation(gid: str) -> bool:
    """Tell the held-out NewsMTSC split: one sentence in five (same rule as the training script)."""
    return int(hashlib.sha1(gid.encode("utf-8")).hexdigest(), 16) % 5 == 0


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    f1s = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in pairs)
        fp = sum(g != lab and p == lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(f1s) / 3, 4)


def sentence_baseline(art: Article) -> Article:
    """Today's behaviour: each mention its sentence's TextBlob sentiment, an entity the mean."""

    def ent(e: Entity) -> Entity:
        ms = tuple(replace(m, sentiment=art.sentences[m.sentence].sentiment) for m in e.mentions)
        pols = [m.sentiment.polarity for m in ms if m.sentiment is not None]
        mean = round(sum(pols) / len(pols), 4) if pols else 0.0
        return replace(e, mentions=ms, sentiment=Sentiment(mean, label_for(mean)))

    return replace(art, entities=tuple(ent(e) for e in art.entities))


def newsmtsc(methods: Sequence[str], splits: Sequence[str]) -> dict[str, Any]:
    items = jsonl(NEWSMTSC)
    out: dict[str, Any] = {}
    for split in splits:
        part = [it for it in items if is_validation(it["primary_gid"]) == (split == "validation")]
        gold = OUT / f"newsmtsc_{split}.gold.jsonl"
        write_jsonl(gold, part)
        records = [
            {"id": f"s{i:05d}", "text": it["sentence_normalized"]} for i, it in enumerate(part)
        ]
        res: dict[str, Any] = {"sentences": len(part)}
        for method in methods:
            nl = newslens.load(entity_sentiment=method)
            arts = list(nl.pipe(records, batch_size=64))
            pred = OUT / f"newsmtsc_{split}.{method}.jsonl"
            write_jsonl(pred, (a.to_dict() for a in arts))
            res[method] = run_scorer("newsmtsc.py", "score", gold, pred)
            if "sentence-textblob" not in res:
                base = OUT / f"newsmtsc_{split}.sentence-textblob.jsonl"
                write_jsonl(base, (sentence_baseline(a).to_dict() for a in arts))
                res["sentence-textblob"] = run_scorer("newsmtsc.py", "score", gold, base)
        out[split] = res
    return out


def _tokens(name: str) -> set[str]:
    return {t for t in name.lower().replace(".", " ").split() if len(t) > 1}


def match_entity(art: Article, target: str) -> Entity | None:
    """Find the entity whose name or key shares most words with ``target`` (persons first)."""
    want = _tokens(target)
    best, best_key = None, (0, 0, 0)
    for e in art.entities:
        overlap = len(want & (_tokens(e.name) | _tokens(e.key)))
        key = (overlap, e.label == "PERSON", e.count)
        if overlap and key > best_key:
            best, best_key = e, key
    return best


def names_person(sentence: str, target: str) -> bool:
    words = target.split()
    low = sentence.lower()
    return target.lower() in low or (bool(words) and words[-1].lower() in low)


def persent(thresholds: Sequence[float]) -> dict[str, Any]:
    items = jsonl(PERSENT)
    nl = newslens.load()
    arts = list(nl.pipe(({"id": it["id"], "text": it["text"]} for it in items), batch_size=16))
    rows = []
    for it, art in zip(items, arts, strict=True):
        gold = it["doc_label"].lower()
        target = it["target_entity"]
        ent = match_entity(art, target)
        bounds = [
            (s.start_char, s.end_char)
            for s in art.sentences
            if names_person(it["text"][s.start_char : s.end_char], target)
        ]
        tb = document_sentiment(it["text"], bounds)[1].polarity if bounds else 0.0
        old = sentence_baseline(art)
        old_ent = None if ent is None else next(e for e in old.entities if e.id == ent.id)
        rows.append(
            {
                "half": "tune" if int(it["id"]) % 2 == 0 else "validate",
                "gold": gold,
                "aggregate": None if ent is None or ent.sentiment is None else ent.sentiment,
                "old": None if old_ent is None else old_ent.sentiment,
                "textblob": tb,
            }
        )
    out: dict[str, Any] = {
        "matched": round(sum(r["aggregate"] is not None for r in rows) / len(rows), 4)
    }
    for half in ("tune", "validate"):
        part = [r for r in rows if r["half"] == half]
        res: dict[str, Any] = {"articles": len(part)}
        res["aggregate"] = macro_f1(
            [(r["gold"], r["aggregate"].label if r["aggregate"] else "neutral") for r in part]
        )
        res["old_aggregate"] = macro_f1(
            [(r["gold"], r["old"].label if r["old"] else "neutral") for r in part]
        )
        res["textblob_sentences"] = macro_f1([(r["gold"], label_for(r["textblob"])) for r in part])
        # the aggregate's label threshold is chosen on the tune half only
        res["aggregate_by_threshold"] = {
            str(t): macro_f1(
                [
                    (r["gold"], label_for(r["aggregate"].polarity if r["aggregate"] else 0.0, t))
                    for r in part
                ]
            )
            for t in thresholds
        }
        out[half] = res
    return out


def cost(n: int = 100) -> dict[str, Any]:
    files = sorted(BBC.glob("*/*.txt"))[:: max(1, len(sorted(BBC.glob("*/*.txt"))) // n)][:n]
    texts = [newslens.read_text(f) for f in files]
    with_es = newslens.load()
    without = newslens.load(entity_sentiment=None)
    list(with_es.pipe(texts[:5]))
    list(without.pipe(texts[:5]))
    times: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(2):
        for key, nl in (("without", without), ("with", with_es)):
            t0 = time.perf_counter()
            list(nl.pipe(texts))
            times[key].append(time.perf_counter() - t0)
    best = {k: min(v) for k, v in times.items()}
    return {
        "articles": len(texts),
        "seconds_without": round(best["without"], 2),
        "seconds_with": round(best["with"], 2),
        "ratio": round(best["with"] / best["without"], 4),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--methods", default="textcat,scoped")
    ap.add_argument("--splits", default="train,validation", help="NewsMTSC splits to score")
    ap.add_argument("--skip-newsmtsc", action="store_true")
    ap.add_argument("--skip-persent", action="store_true")
    ap.add_argument("--skip-cost", action="store_true")
    args = ap.parse_args()
    if not NEWSMTSC.exists():
        print(f"{NEWSMTSC} is not here; nothing to measure", file=sys.stderr)
        return 0
    OUT.mkdir(exist_ok=True)
    result: dict[str, Any] = {}
    if not args.skip_newsmtsc:
        result["newsmtsc"] = newsmtsc(args.methods.split(","), args.splits.split(","))
    if not args.skip_persent and PERSENT.exists():
        result["persent"] = persent([0.0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2])
    if not args.skip_cost and BBC.exists():
        result["cost"] = cost()
    name = (
        "sentiment.json" if args.splits == "train,validation" else f"sentiment.{args.splits}.json"
    )
    (OUT / name).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
