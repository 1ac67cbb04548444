"""Document and sentence sentiment with TextBlob's pattern lexicon.

Sentence sentiment is TextBlob's polarity and subjectivity of the sentence. The document score is
TextBlob's own rule applied to the whole (cleaned) text: the mean over every sentiment-bearing
phrase TextBlob assesses, so each sentence is analysed once and the document score is derived.

    >>> sents, doc = document_sentiment("A wonderful, happy day. The food was terrible.",
    ...                                 [(0, 23), (24, 46)])
    >>> sents
    [(0, 23, 0.9, 1.0), (24, 46, -1.0, 1.0)]
    >>> doc.label, doc.polarity
    ('positive', 0.2667)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textblob.en import sentiment as _pattern

from ._records import Sentiment

__all__ = ["DEFAULT_THRESHOLD", "document_sentiment", "label_for"]

DEFAULT_THRESHOLD = 0.05

SentenceScore = tuple[int, int, float, float]


def label_for(polarity: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """Three-way label: ``positive`` above ``threshold``, ``negative`` below ``-threshold``.

    >>> label_for(0.08), label_for(0.0), label_for(-0.3)
    ('positive', 'neutral', 'negative')
    """
    if polarity > threshold:
        return "positive"
    if polarity < -threshold:
        return "negative"
    return "neutral"


def assessments(text: str) -> list[tuple[float, float]]:
    """Return TextBlob's ``(polarity, subjectivity)`` of each phrase it scores in ``text``."""
    return [(float(p), float(s)) for _w, p, s, _x in _pattern(text).assessments]


def mean_or_zero(values: Sequence[float]) -> float:
    """Return the mean of ``values``, 0.0 when there are none."""
    return sum(values) / len(values) if values else 0.0


def _scores(assessed: Sequence[tuple[float, float]]) -> tuple[float, float]:
    return (
        round(mean_or_zero([p for p, _ in assessed]), 4),
        round(mean_or_zero([s for _, s in assessed]), 4),
    )


def document_sentiment(
    text: str, bounds: Iterable[tuple[int, int]], threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[SentenceScore], Sentiment]:
    """Return sentence scores and the document's :class:`Sentiment` (one TextBlob pass each)."""
    sentences: list[SentenceScore] = []
    every: list[tuple[float, float]] = []
    for s, e in bounds:
        assessed = assessments(text[s:e])
        every.extend(assessed)
        sentences.append((s, e, *_scores(assessed)))
    polarity, subjectivity = _scores(every)
    return sentences, Sentiment(polarity, label_for(polarity, threshold), subjectivity)
