"""Train newslens' target-sentiment textcat on the training split of NewsMTSC.

    python models/sentiment/train.py [--data ../shared/data/newsmtsc/train.jsonl]

Writes ``textcat.bin`` (the spaCy ``textcat`` component's bytes) and ``thresholds.json`` beside
this script. Deterministic: fixed seed, fixed split by a hash of ``primary_gid`` (the same split
``benchmarks/sentiment.py`` holds out: one in five sentences is validation and is never read
here). Inside the training split another one in five (``fold 1``) is the tuning fold on which
the number of epochs and the label thresholds are chosen; the final model is then trained on
the whole training split with those settings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

import newslens
from newslens._analyzer import NEWSLENS_COMPONENTS
from newslens._target_sentiment import (
    LABELS,
    TEXTCAT_CONFIG,
    label_mention,
    macro_f1,
    target_features,
)

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent / "shared" / "data" / "newsmtsc" / "train.jsonl"
GOLD = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
SEED = 13


def fold(gid: str) -> int:
    """0 = validation (held out), 1 = tuning fold of the training split, 2-4 = fitting."""
    return int(hashlib.sha1(gid.encode("utf-8")).hexdigest(), 16) % 5


def examples(path: Path) -> list[tuple[int, list[str], str]]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    items = [it for it in items if fold(it["primary_gid"]) != 0]
    nl = newslens.load()
    out = []
    texts = [it["sentence_normalized"] for it in items]
    docs = nl.nlp.pipe(texts, batch_size=64, disable=[*NEWSLENS_COMPONENTS])
    for it, doc in zip(items, docs, strict=True):
        for t in it["targets"]:
            span = doc.char_span(t["from"], t["to"], alignment_mode="expand")
            if span is not None:
                out.append((fold(it["primary_gid"]), target_features(span), GOLD[t["polarity"]]))
    return out


def train(data: list[tuple[list[str], str]], epochs: int) -> spacy.language.Language:
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    for lab in LABELS:
        textcat.add_label(lab)
    egs = [
        Example.from_dict(
            spacy.tokens.Doc(nlp.vocab, words=words),
            {"cats": {lab: float(lab == gold) for lab in LABELS}},
        )
        for words, gold in data
    ]
    optimizer = nlp.initialize(lambda: egs)
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(egs)
        for batch in minibatch(egs, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def polarities(nlp: spacy.language.Language, data: list[tuple[list[str], str]]) -> list[float]:
    from newslens._target_sentiment import classify

    return classify([w for w, _ in data], nlp)


def best_cuts(pols: list[float], golds: list[str]) -> tuple[tuple[float, float], float]:
    grid = [round(0.05 * i, 2) for i in range(0, 19)]
    scored = [
        (
            macro_f1([(g, label_mention(p, (tn, tp))) for p, g in zip(pols, golds, strict=True)]),
            (tn, tp),
        )
        for tn in grid
        for tp in grid
    ]
    f1, cuts = max(scored)
    return cuts, f1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    data = examples(args.data)
    fit = [(w, g) for f, w, g in data if f != 1]
    tune = [(w, g) for f, w, g in data if f == 1]
    print(f"{len(fit)} fitting targets, {len(tune)} tuning targets")
    best = None
    for epochs in (8, 12):
        nlp = train(fit, epochs)
        cuts, f1 = best_cuts(polarities(nlp, tune), [g for _, g in tune])
        print(f"epochs {epochs}: tuning-fold macro-F1 {f1:.4f} at thresholds {cuts}")
        if best is None or f1 > best[0]:
            best = (f1, epochs, cuts)
    assert best is not None
    f1, epochs, (t_neg, t_pos) = best
    nlp = train(fit + tune, epochs)
    textcat = nlp.get_pipe("textcat")
    (args.out / "textcat.bin").write_bytes(textcat.to_bytes(exclude=["vocab"]))
    meta = {
        "negative": t_neg,
        "positive": t_pos,
        "epochs": epochs,
        "seed": SEED,
        "tuning_fold_macro_f1": round(f1, 4),
        "targets": len(fit) + len(tune),
    }
    (args.out / "thresholds.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
