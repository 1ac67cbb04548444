"""Train newslens' target-sentiment classifier on the training split of NewsMTSC.

    python models/sentiment/train.py [--data ../shared/data/newsmtsc/train.jsonl] [--out DIR]
    python models/sentiment/train.py --hold-out-tuning --out /tmp/tuning-model

Writes ``textcat.bin`` (the bag of words), ``stacker.json`` (the two stackers and their label
shifts) and ``thresholds.json`` (settings and counts) into ``--out`` (default: beside this
script). Deterministic: fixed seeds, fixed split by a hash of ``primary_gid`` (the split
``benchmarks/sentiment.py`` uses: fold 0, one sentence in five, is validation and is never read
here; fold 1 is the tuning fold; folds 2-4 are the fitting folds).

``--hold-out-tuning`` trains on folds 2-4 only and prints the tuning fold's macro-F1 on the
given target spans; ``benchmarks/sentiment.py --splits tuning --model DIR`` then scores the
tuning fold end to end. Without it the shipped model is trained the same way on folds 1-4.

Stages (each a function below):

1. ``parse``: every training sentence through ``newslens.load(entity_sentiment=None)``'s
   pipeline, once: the gold targets' spans and newslens' own mentions (the spans the
   component will score), each with its classifier features and token vectors.
2. ``cross_fit``: for each fitting fold, a bag of words trained on the other fitting folds
   scores that fold's targets and mentions, so the stackers learn from honest probabilities.
3. ``fit_stacker``: multinomial logistic regression (numpy, full-batch Adam, L2) on the gold
   targets' cross-fitted log-probabilities, with and without the token vectors.
4. ``choose_shift`` / ``choose_cuts``: the per-class shift of the log-probabilities (grid, step
   0.1) that maximises macro-F1 of the benchmark's reading (each gold target takes the label of
   the newslens mention overlapping it most, neutral when none does) over the fitting folds'
   cross-fitted mentions; and polarity thresholds for a mean of polarities on the same.
5. ``train_bow`` on all fitting folds: the shipped bag of words.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

import newslens
from newslens._target_sentiment import (
    LABELS,
    TEXTCAT_CONFIG,
    DocWords,
    Stacker,
    classify,
    decide,
    label_mention,
    load_model,
    macro_f1,
    mention_features,
    pipeline_id,
    vector_features,
    vectors_id,
)

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent / "shared" / "data" / "newsmtsc" / "train.jsonl"
GOLD = {2.0: 0, 4.0: 1, 6.0: 2}  # NewsMTSC polarity -> index in LABELS
SEED = 13
EPOCHS = 12
L2, STEPS, RATE = 0.01, 600, 0.05


def fold(gid: str) -> int:
    """0 = validation (held out), 1 = tuning fold of the training split, 2-4 = fitting."""
    return int(hashlib.sha1(gid.encode("utf-8")).hexdigest(), 16) % 5


@dataclass(frozen=True)
class Scored:
    """One span to classify: its fold, classifier words, token vectors and (for a target) gold."""

    fold: int
    words: list[str]
    vectors: np.ndarray
    gold: int = -1


@dataclass(frozen=True)
class Sentence:
    """A sentence's gold targets and, per target, the mention the benchmark would read."""

    fold: int
    golds: tuple[int, ...]
    matched: tuple[int | None, ...]  # index into the mention list, None: no overlapping mention


def _overlap(target: dict[str, Any], start: int, end: int) -> int:
    return min(int(target["to"]), end) - max(int(target["from"]), start)


def _scored(span: spacy.tokens.Span, words: DocWords, k: int, gold: int = -1) -> Scored:
    vec = vector_features(span, words, int(span.doc.tensor.shape[1]))
    assert vec is not None, "the pipeline sets a token vector per token"
    return Scored(k, mention_features(span, words), vec, gold)


def _best_mention(target: dict[str, Any], spans: Sequence[tuple[int, int]]) -> int | None:
    """Apply the benchmark's rule: the first mention overlapping the target most, or None."""
    best = max(range(len(spans)), key=lambda j: _overlap(target, *spans[j]), default=None)
    return best if best is not None and _overlap(target, *spans[best]) > 0 else None


def parse(
    path: Path, folds: set[int]
) -> tuple[list[Scored], list[Scored], list[Sentence], dict[str, str | None]]:
    """Stage 1: gold targets, newslens mentions and sentences of ``folds``; the pipeline ids."""
    items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    items = [it for it in items if fold(it["primary_gid"]) in folds]
    nl = newslens.load(entity_sentiment=None)
    targets: list[Scored] = []
    mentions: list[Scored] = []
    sentences: list[Sentence] = []
    docs = nl.nlp.pipe((it["sentence_normalized"] for it in items), batch_size=64)
    for it, doc in zip(items, docs, strict=True):
        k, words = fold(it["primary_gid"]), DocWords.of(doc)
        for t in it["targets"]:
            span = doc.char_span(t["from"], t["to"], alignment_mode="expand")
            if span is not None:
                targets.append(_scored(span, words, k, GOLD[t["polarity"]]))
        found = [
            (m["start_char"], m["end_char"], span)
            for e in doc._.newslens_entities or ()
            for m in e["mentions"]
            if (span := doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand"))
        ]
        first = len(mentions)
        mentions.extend(_scored(span, words, k) for _, _, span in found)
        bounds = [(a, b) for a, b, _ in found]
        matched = [_best_mention(t, bounds) for t in it["targets"]]
        sentences.append(
            Sentence(
                k,
                tuple(GOLD[t["polarity"]] for t in it["targets"]),
                tuple(None if j is None else first + j for j in matched),
            )
        )
    ids = {"pipeline": pipeline_id(nl.nlp), "vectors": vectors_id(nl.nlp)}
    return targets, mentions, sentences, ids


def train_bow(data: Sequence[Scored], epochs: int = EPOCHS) -> spacy.language.Language:
    """Stage 5 (and inside stage 2): the bag-of-words textcat on ``data``."""
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    for lab in LABELS:
        textcat.add_label(lab)
    egs = [
        Example.from_dict(
            spacy.tokens.Doc(nlp.vocab, words=s.words),
            {"cats": {lab: float(i == s.gold) for i, lab in enumerate(LABELS)}},
        )
        for s in data
    ]
    optimizer = nlp.initialize(lambda: egs)
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(egs)
        for batch in minibatch(egs, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def cross_fit(
    targets: Sequence[Scored], mentions: Sequence[Scored], fitting: Sequence[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Stage 2: each fitting fold's targets and mentions scored by a model not trained on it."""
    pt = np.zeros((len(targets), len(LABELS)))
    pm = np.zeros((len(mentions), len(LABELS)))
    for k in fitting:
        nlp = train_bow([t for t in targets if t.fold in fitting and t.fold != k])
        for scored, probs in ((targets, pt), (mentions, pm)):
            rows = [i for i, s in enumerate(scored) if s.fold == k]
            probs[rows] = classify([scored[i].words for i in rows], nlp)
        print(f"  cross-fitted fold {k}", flush=True)
    return pt, pm


def _inputs(probs: np.ndarray, scored: Sequence[Scored], vectors: bool) -> np.ndarray:
    x = np.log(probs + 1e-6)
    return np.hstack([x, np.stack([s.vectors for s in scored])]) if vectors else x


def fit_stacker(probs: np.ndarray, targets: Sequence[Scored], vectors: bool) -> Stacker:
    """Stage 3: softmax regression on standardised inputs, zero start, full-batch Adam."""
    x = _inputs(probs, targets, vectors)
    mean, scale = x.mean(0), x.std(0) + 1e-6
    z = (x - mean) / scale
    y = np.eye(len(LABELS))[[t.gold for t in targets]]
    params = [np.zeros((z.shape[1], len(LABELS))), np.zeros(len(LABELS))]
    m1 = [np.zeros_like(p) for p in params]
    m2 = [np.zeros_like(p) for p in params]
    for step in range(1, STEPS + 1):
        s = z @ params[0] + params[1]
        e = np.exp(s - s.max(1, keepdims=True))
        g = (e / e.sum(1, keepdims=True) - y) / len(z)
        grads = [z.T @ g + L2 * params[0], g.sum(0)]
        for p, gr, a, b in zip(params, grads, m1, m2, strict=True):
            a[:] = 0.9 * a + 0.1 * gr
            b[:] = 0.999 * b + 0.001 * gr**2
            p -= RATE * (a / (1 - 0.9**step)) / (np.sqrt(b / (1 - 0.999**step)) + 1e-8)
    width = int(targets[0].vectors.shape[0] // 3) if vectors else 0
    zero = np.zeros(len(LABELS))
    return Stacker(mean, scale, params[0], params[1], zero, (0.0, 0.0), width)


def _read(sentences: Sequence[Sentence], labels: Sequence[str]) -> float:
    """Macro-F1 of the benchmark's reading: a target takes its mention's label, else neutral."""
    pairs = [
        (LABELS[g], "neutral" if j is None else labels[j])
        for s in sentences
        for g, j in zip(s.golds, s.matched, strict=True)
    ]
    return macro_f1(pairs)


def choose_shift(probs: np.ndarray, sentences: Sequence[Sentence]) -> tuple[np.ndarray, float]:
    """Stage 4: the (negative, 0, positive) shift of log-probabilities with the best reading."""
    grid = [round(0.1 * i, 1) for i in range(-10, 11)]
    best = (-1.0, np.zeros(len(LABELS)))
    for neg in grid:
        for pos in grid:
            shift = np.array([neg, 0.0, pos])
            f1 = _read(sentences, [s.label for s in decide(probs, shift)])
            best = max(best, (f1, shift), key=lambda b: b[0])
    return best[1], best[0]


def choose_cuts(probs: np.ndarray, sentences: Sequence[Sentence]) -> tuple[float, float]:
    """Stage 4: polarity thresholds for a mean of polarities, on the same reading."""
    pols = [float(p[2] - p[0]) for p in probs]
    grid = [round(0.05 * i, 2) for i in range(19)]
    scored = [
        (_read(sentences, [label_mention(p, (tn, tp)) for p in pols]), (tn, tp))
        for tn in grid
        for tp in grid
    ]
    return max(scored)[1]


def stackers(
    targets: list[Scored], mentions: list[Scored], sentences: list[Sentence], fitting: list[int]
) -> dict[str, Stacker]:
    """Stages 2-4: the two stackers, each with its shift and cuts, from cross-fitted scores."""
    pt, pm = cross_fit(targets, mentions, fitting)
    fit_t = [i for i, t in enumerate(targets) if t.fold in fitting]
    fit_m = [i for i, m in enumerate(mentions) if m.fold in fitting]
    fit_s = [s for s in sentences if s.fold in fitting]
    out = {}
    for name, vectors in (("with_vectors", True), ("words_only", False)):
        st = fit_stacker(pt[fit_t], [targets[i] for i in fit_t], vectors)
        probs = np.zeros_like(pm)
        probs[fit_m] = st.probabilities(pm[fit_m], _vectors(mentions, fit_m) if vectors else None)
        shift, f1 = choose_shift(probs, fit_s)
        cuts = choose_cuts(probs, fit_s)
        print(f"  {name}: shift {shift.tolist()} (fitting folds' reading {f1:.4f}), cuts {cuts}")
        out[name] = Stacker(st.mean, st.scale, st.weights, st.bias, shift, cuts, st.vector_width)
    return out


def _vectors(scored: Sequence[Scored], rows: Sequence[int]) -> np.ndarray:
    return np.stack([scored[i].vectors for i in rows])


def tuning_scores(out: Path, targets: Sequence[Scored]) -> dict[str, float]:
    """Macro-F1 on the tuning fold's given target spans of the model just written."""
    model = load_model(str(out))
    tune = [t for t in targets if t.fold == 1]
    probs = classify([t.words for t in tune], model.textcat)
    gold = [LABELS[t.gold] for t in tune]
    argmax = [LABELS[int(np.argmax(p))] for p in probs]
    res = {"bag_of_words_argmax": macro_f1(zip(gold, argmax, strict=True))}
    for name in ("with_vectors", "words_only"):
        st = getattr(model, name)
        vec = np.stack([t.vectors for t in tune]) if st.vector_width else None
        labels = [s.label for s in decide(st.probabilities(probs, vec), st.shift)]
        res[name] = macro_f1(zip(gold, labels, strict=True))
    return {k: round(v, 4) for k, v in res.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--hold-out-tuning", action="store_true", help="fit on folds 2-4 only")
    args = ap.parse_args()
    fitting = [2, 3, 4] if args.hold_out_tuning else [1, 2, 3, 4]
    targets, mentions, sentences, pipeline = parse(args.data, {1, 2, 3, 4})
    print(f"{len(targets)} targets, {len(mentions)} mentions; fitting folds {fitting}")
    stacks = stackers(targets, mentions, sentences, fitting)
    nlp = train_bow([t for t in targets if t.fold in fitting])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "textcat.bin").write_bytes(nlp.get_pipe("textcat").to_bytes(exclude=["vocab"]))
    doc = {**pipeline, **{k: v.to_dict() for k, v in stacks.items()}}
    (args.out / "stacker.json").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    meta: dict[str, Any] = {
        "negative": stacks["with_vectors"].cuts[0],
        "positive": stacks["with_vectors"].cuts[1],
        "epochs": EPOCHS,
        "seed": SEED,
        "fitting_folds": fitting,
        "targets": sum(t.fold in fitting for t in targets),
    }
    if args.hold_out_tuning:
        meta["tuning_fold_given_spans_macro_f1"] = tuning_scores(args.out, targets)
    (args.out / "thresholds.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
