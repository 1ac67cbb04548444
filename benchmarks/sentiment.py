"""Sentiment toward entities: NewsMTSC (per mention), PerSenT (per article) and the cost.

    python benchmarks/sentiment.py [--methods textcat,scoped] [--splits train,validation]
                                   [--model DIR] [--skip-newsmtsc] [--skip-persent]
                                   [--skip-cost] [--cost] [--rounds 3]

1. NewsMTSC (``../shared/data/newsmtsc/train.jsonl``), split by a hash of ``primary_gid`` into
   five folds: fold 0 is the held-out ``validation`` split (never used to design or train), the
   rest is the ``train`` split (``models/sentiment/train.py`` trains on it), and fold 1 of it
   is the ``tuning`` fold. Each sentence is a record for ``Analyzer.pipe``; the batch-style
   output is scored by ``../shared/eval/newsmtsc.py``, over all sentences and over the
   multi-target ones (targets of more than one polarity, as NewsMTSC's multi-target test set
   is drawn). The baseline is the old behaviour: every mention its sentence's TextBlob
   label. The shipped classifier is trained on the tuning fold too; to score it end to end,
   train a model without it
   (``models/sentiment/train.py --hold-out-tuning --out DIR``) and pass ``--splits tuning
   --model DIR`` (the ``textcat`` method then runs that model).
2. PerSenT dev (``../shared/data/persent/dev.jsonl``), halves by id (even: tune, odd:
   validate): the label of the entity that matches ``target_entity`` best vs TextBlob over the
   sentences that name the person (and the plain mean of sentence scores, the old aggregate).
3. Cost: 100 BBC articles analysed with and without entity sentiment, in the same run,
   alternating, best of ``--rounds`` each, in CPU seconds; and the component's own share of
   the "with" runs (``--cost`` measures only this).

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
import newslens._target_sentiment as ts
from newslens._records import Article, Entity, Sentiment
from newslens._sentiment import document_sentiment, label_for
from newslens._target_sentiment import find_entity
from newslens._target_sentiment import macro_f1 as _macro_f1

NEWSMTSC = DATA / "newsmtsc" / "train.jsonl"
PERSENT = DATA / "persent" / "dev.jsonl"
BBC = DATA / "bbc"


def fold(gid: str) -> int:
    """NewsMTSC fold (same rule as the training script): 0 validation, 1 tuning, 1-4 train."""
    return int(hashlib.sha1(gid.encode("utf-8")).hexdigest(), 16) % 5


SPLITS = {"validation": {0}, "train": {1, 2, 3, 4}, "tuning": {1}}


def analyzer(method: str, model: str | None) -> newslens.Analyzer:
    """``newslens.load`` with entity sentiment ``method``; ``model``: a trained model directory."""
    nl = newslens.load(entity_sentiment=method)
    if model is not None and method == "textcat":
        config = {"method": method, "model": model}
        nl.nlp.replace_pipe("newslens_target_sentiment", "newslens_target_sentiment", config=config)
    return nl


def jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")


def macro_f1(pairs: Iterable[tuple[str, str]]) -> float:
    """Return the shared macro-F1, rounded for the report."""
    return round(_macro_f1(pairs), 4)


def sentence_baseline(art: Article) -> Article:
    """Today's behaviour: each mention its sentence's TextBlob sentiment, an entity the mean."""

    def ent(e: Entity) -> Entity:
        ms = tuple(replace(m, sentiment=art.sentences[m.sentence].sentiment) for m in e.mentions)
        pols = [m.sentiment.polarity for m in ms if m.sentiment is not None]
        mean = round(sum(pols) / len(pols), 4) if pols else 0.0
        return replace(e, mentions=ms, sentiment=Sentiment(mean, label_for(mean)))

    return replace(art, entities=tuple(ent(e) for e in art.entities))


def newsmtsc(methods: Sequence[str], splits: Sequence[str], model: str | None) -> dict[str, Any]:
    items = jsonl(NEWSMTSC)
    out: dict[str, Any] = {}
    for split in splits:
        part = [it for it in items if fold(it["primary_gid"]) in SPLITS[split]]
        gold = OUT / f"newsmtsc_{split}.gold.jsonl"
        write_jsonl(gold, part)
        records = [
            {"id": f"s{i:05d}", "text": it["sentence_normalized"]} for i, it in enumerate(part)
        ]
        res: dict[str, Any] = {"sentences": len(part)}
        for method in methods:
            nl = analyzer(method, model)
            arts = list(nl.pipe(records, batch_size=64))
            pred = OUT / f"newsmtsc_{split}.{method}.jsonl"
            write_jsonl(pred, (a.to_dict() for a in arts))
            res[method] = run_scorer("newsmtsc.py", "score", gold, pred)
            res[f"{method} multi-target"] = multi_target(part, arts, f"{split}.{method}")
            if "sentence-textblob" not in res:
                base = OUT / f"newsmtsc_{split}.sentence-textblob.jsonl"
                write_jsonl(base, (sentence_baseline(a).to_dict() for a in arts))
                res["sentence-textblob"] = run_scorer("newsmtsc.py", "score", gold, base)
                old = [sentence_baseline(a) for a in arts]
                name = f"{split}.sentence-textblob"
                res["sentence-textblob multi-target"] = multi_target(part, old, name)
        out[split] = res
    return out


def multi_target(part: list[dict[str, Any]], arts: list[Article], name: str) -> dict[str, Any]:
    """Score the sentences whose targets do not all share one polarity.

    NewsMTSC's multi-target test set is drawn that way; the sentences are numbered anew so the
    shared scorer reads them alone.
    """
    keep = [i for i, it in enumerate(part) if len({t["polarity"] for t in it["targets"]}) > 1]
    gold = OUT / f"newsmtsc_{name}.multi-target.gold.jsonl"
    pred = OUT / f"newsmtsc_{name}.multi-target.jsonl"
    write_jsonl(gold, (part[i] for i in keep))
    write_jsonl(pred, ({**arts[i].to_dict(), "id": f"s{j:05d}"} for j, i in enumerate(keep)))
    return {"sentences": len(keep), **run_scorer("newsmtsc.py", "score", gold, pred)}


def match_entity(art: Article, target: str) -> Entity | None:
    """Find the entity whose name or key shares most words with ``target`` (persons first)."""
    found = find_entity([e.to_dict() for e in art.entities], target)
    return None if found is None else next(e for e in art.entities if e.id == found["id"])


def names_person(sentence: str, target: str) -> bool:
    words = target.split()
    low = sentence.lower()
    return target.lower() in low or (bool(words) and words[-1].lower() in low)


def persent() -> dict[str, Any]:
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
        out[half] = res
    # models/sentiment/train_aggregate.py fits the aggregate on the tune half: its tune number
    # is in-sample (the cross-validated one is in aggregate.json); validate is held out.
    out["tune"]["aggregate_is_in_sample"] = True
    return out


def _seconds(nl: newslens.Analyzer, texts: Sequence[str]) -> float:
    """CPU seconds of this process to analyse ``texts`` (less disturbed by other jobs)."""
    t0 = time.process_time()
    list(nl.pipe(texts))
    return time.process_time() - t0


def cost(n: int = 100, rounds: int = 3) -> dict[str, Any]:
    """CPU seconds to analyse ``n`` BBC articles with and without entity sentiment, same run.

    The two pipelines alternate ``rounds`` times; each one's best time counts. The component's
    own time inside the "with" runs is also summed, which gives a second ratio,
    ``with / (with - component)``, that does not depend on two runs seeing the same machine.
    """
    files = sorted(BBC.glob("*/*.txt"))
    texts = [newslens.read_text(f) for f in files[:: max(1, len(files) // n)][:n]]
    with_es = newslens.load()
    without = newslens.load(entity_sentiment=None)
    list(with_es.pipe(texts[:5]))
    list(without.pipe(texts[:5]))
    inner = ts.entity_sentiments
    spent = [0.0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - t0

    times: dict[str, list[float]] = {"with": [], "without": []}
    share: list[float] = []
    ts.entity_sentiments = timed  # the component looks it up at call time
    try:
        for _ in range(rounds):
            times["without"].append(_seconds(without, texts))
            spent[0] = 0.0
            times["with"].append(_seconds(with_es, texts))
            share.append(times["with"][-1] / (times["with"][-1] - spent[0]))
    finally:
        ts.entity_sentiments = inner
    best = {k: min(v) for k, v in times.items()}
    return {
        "articles": len(texts),
        "cpu_seconds_without": round(best["without"], 2),
        "cpu_seconds_with": round(best["with"], 2),
        "ratio": round(best["with"] / best["without"], 4),
        "ratio_from_component_time": round(min(share), 4),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--methods", default="textcat,scoped")
    ap.add_argument(
        "--splits", default="train,validation", help="NewsMTSC splits: train, validation, tuning"
    )
    ap.add_argument("--model", help="a directory written by models/sentiment/train.py")
    ap.add_argument("--skip-newsmtsc", action="store_true")
    ap.add_argument("--skip-persent", action="store_true")
    ap.add_argument("--skip-cost", action="store_true")
    ap.add_argument("--cost", action="store_true", help="only measure the cost of entity sentiment")
    ap.add_argument("--rounds", type=int, default=3, help="alternating timing rounds (cost)")
    args = ap.parse_args()
    if args.cost:
        args.skip_newsmtsc = args.skip_persent = True
    if not NEWSMTSC.exists():
        print(f"{NEWSMTSC} is not here; nothing to measure", file=sys.stderr)
        return 0
    OUT.mkdir(exist_ok=True)
    result: dict[str, Any] = {}
    if not args.skip_newsmtsc:
        result["newsmtsc"] = newsmtsc(args.methods.split(","), args.splits.split(","), args.model)
    if not args.skip_persent and PERSENT.exists():
        result["persent"] = persent()
    if not args.skip_cost and BBC.exists():
        result["cost"] = cost(rounds=args.rounds)
    if args.cost:
        name = "sentiment.cost.json"
    elif args.splits == "train,validation" and args.model is None:
        name = "sentiment.json"
    else:
        name = f"sentiment.{args.splits}{'.model' if args.model else ''}.json"
    (OUT / name).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
