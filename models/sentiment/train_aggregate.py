"""Fit newslens' entity aggregate (``aggregate.json``) on the PerSenT tune half.

    python models/sentiment/train_aggregate.py [--data ../shared/data/persent/dev.jsonl]

PerSenT gives each article its main person and the author's stance toward that person
(positive / neutral / negative). Articles with an even ``id`` are the **tune** half, the only
ones read here; odd ids are the **validate** half that ``benchmarks/sentiment.py`` reports and
nothing here looks at. Each tune article is analysed by ``newslens.load()`` (mention polarities
from the shipped textcat), its main person found by name, and that entity's
``portrayal_features`` become one example. The model is a multinomial logistic regression
(numpy, full-batch gradient descent, L2, classes weighted inversely to their frequency because
the score is macro-F1), fitted on the main persons with at least ``min_mentions`` mentions
(95 % of them; fewer mentions get the mention-level fallback, as in the component). The L2
strength is chosen by 5-fold cross-validation repeated 10 times inside the tune half (scoring
the whole component: fallback and not-found included), then the model is fitted on the whole
tune half. Deterministic.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import newslens
from newslens._target_sentiment import (
    FEATURES,
    LABELS,
    AggregateModel,
    evidence,
    find_entity,
    label_mention,
    macro_f1,
    portrayal_features,
)

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent.parent / "shared" / "data" / "persent" / "dev.jsonl"
STRENGTHS = (0.03, 0.1, 0.3, 1.0)
STEPS, RATE = 3000, 0.5


def is_tune(item_id: str) -> bool:
    """Even ids are the tune half (the same rule as ``benchmarks/sentiment.py``)."""
    return int(item_id) % 2 == 0


@dataclass(frozen=True)
class Examples:
    """The tune half: features (zeros when the person is not found), mention counts, labels."""

    x: np.ndarray
    count: np.ndarray
    matched: np.ndarray
    gold: np.ndarray

    def fallback(self) -> np.ndarray:
        """Label a few-mention entity: its mean mention polarity, mention thresholds."""
        mean = self.x[:, FEATURES.index("target_mean")]
        return np.array([LABELS.index(label_mention(round(float(m), 4))) for m in mean])


def examples(path: Path) -> Examples:
    """Analyse the tune half with ``newslens.load()`` and collect each main person's features."""
    items = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    items = [it for it in items if is_tune(it["id"])]
    nl = newslens.load()
    rows, counts, golds = [], [], []
    arts = nl.pipe(({"text": it["text"]} for it in items), batch_size=16)
    for it, art in zip(items, arts, strict=True):
        row, count = features(art.to_dict(), it["target_entity"])
        rows.append(row)
        counts.append(count)
        golds.append(LABELS.index(it["doc_label"].lower()))
    count = np.array(counts)
    return Examples(np.array(rows, dtype=float), count, count > 0, np.array(golds))


def features(art: dict[str, Any], person: str) -> tuple[tuple[float, ...], int]:
    """Return the person's :data:`FEATURES` and mention count (zeros and 0 when not found)."""
    ent = find_entity(art["entities"], person)
    if ent is None:
        return tuple(0.0 for _ in FEATURES), 0
    sents = [(s["sentiment"]["polarity"], s["sentiment"]["subjectivity"]) for s in art["sentences"]]
    ev = evidence(ent, sents, art["sentiment"]["polarity"], art["quotes"])
    return portrayal_features(ev), ev.count


def min_mentions(ex: Examples, share: float = 0.95) -> int:
    """Return the largest k such that ``share`` of the found main persons have k+ mentions."""
    found = ex.count[ex.matched]
    return max(k for k in range(1, int(found.max()) + 1) if np.mean(found >= k) >= share)


def fit(x: np.ndarray, y: np.ndarray, strength: float) -> np.ndarray:
    """Weights (features + bias) x labels of a class-weighted multinomial logistic regression."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    counts = np.bincount(y, minlength=len(LABELS))
    sample = (n / (len(LABELS) * np.maximum(counts, 1)))[y]
    target = np.eye(len(LABELS))[y]
    w = np.zeros((d + 1, len(LABELS)))
    for _ in range(STEPS):
        z = xb @ w
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        grad = xb.T @ ((p - target) * sample[:, None]) / sample.sum()
        grad[:-1] += strength * w[:-1]
        w -= RATE * grad
    return w


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return x.mean(axis=0), x.std(axis=0) + 1e-9


def predict(w: np.ndarray, x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    z = (x - mean) / scale
    return np.asarray((np.hstack([z, np.ones((len(z), 1))]) @ w).argmax(axis=1))


def system(ex: Examples, train: np.ndarray, test: np.ndarray, strength: float, k: int) -> Any:
    """Labels for ``test`` as the shipped component gives them, the model fitted on ``train``.

    Not found: neutral (as the benchmark scores it); fewer than ``k`` mentions: the fallback.
    """
    fit_on = train[ex.matched[train] & (ex.count[train] >= k)]
    mean, scale = standardise(ex.x[fit_on])
    w = fit((ex.x[fit_on] - mean) / scale, ex.gold[fit_on], strength)
    pred = predict(w, ex.x[test], mean, scale)
    pred = np.where(ex.count[test] < k, ex.fallback()[test], pred)
    return np.where(ex.matched[test], pred, LABELS.index("neutral"))


def cross_validate(ex: Examples, strength: float, k: int, reps: int = 10) -> float:
    """Mean macro-F1 of 5-fold cross-validation inside the tune half, ``reps`` shuffles."""
    scores = []
    for rep in range(reps):
        order = np.random.default_rng(rep).permutation(len(ex.gold))
        pred = np.zeros(len(ex.gold), dtype=int)
        for fold in range(5):
            test = order[fold::5]
            pred[test] = system(ex, np.setdiff1d(order, test), test, strength, k)
        pairs = ((LABELS[g], LABELS[p]) for g, p in zip(ex.gold, pred, strict=True))
        scores.append(macro_f1(pairs))
    return float(np.mean(scores))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=HERE / "aggregate.json")
    args = ap.parse_args()
    ex = examples(args.data)
    k = min_mentions(ex)
    print(f"{len(ex.gold)} tune articles, labels {np.bincount(ex.gold, minlength=3).tolist()}")
    print(f"main person found in {int(ex.matched.sum())}; min_mentions {k}")
    cv = {s: round(cross_validate(ex, s, k), 4) for s in STRENGTHS}
    print("cross-validated macro-F1 by L2 strength:", json.dumps(cv))
    strength = max(STRENGTHS, key=lambda s: cv[s])
    fit_on = np.flatnonzero(ex.matched & (ex.count >= k))
    mean, scale = standardise(ex.x[fit_on])
    w = fit((ex.x[fit_on] - mean) / scale, ex.gold[fit_on], strength)
    everything = np.arange(len(ex.gold))
    fitted = system(ex, everything, everything, strength, k)
    model = AggregateModel(
        FEATURES,
        tuple(round(float(v), 6) for v in mean),
        tuple(round(float(v), 6) for v in scale),
        tuple(tuple(round(float(v), 6) for v in w[:, j]) for j in range(len(LABELS))),
        LABELS,
        k,
    )
    pairs = ((LABELS[g], LABELS[p]) for g, p in zip(ex.gold, fitted, strict=True))
    meta = {
        **model.to_dict(),
        "l2": strength,
        "tune_articles": len(ex.gold),
        "fitted_on": len(fit_on),
        "tune_cv_macro_f1": cv[strength],
        "tune_fitted_macro_f1": round(macro_f1(pairs), 4),
    }
    args.out.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in meta.items() if "macro" in k or k in ("l2", "fitted_on")}))


if __name__ == "__main__":
    main()
