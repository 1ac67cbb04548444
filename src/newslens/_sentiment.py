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

TextBlob's scores, with TextBlob's own code, in less time (:func:`assessments`):

1. :func:`words` — TextBlob's tokenizer (pattern's ``find_tokens``) splits each
   whitespace-separated chunk of a text on its own (punctuation, contractions, quote marks);
   only its last step, which joins an emoticon (``": )"``) or a sarcasm mark ``"(!)"`` across
   tokens, looks further. So a text's words are its chunks' words: a chunk of letters and
   digits only is one word as it stands, any other distinct chunk is tokenized by TextBlob
   once per process; a text where that last step could join something is tokenized whole by
   TextBlob instead.
2. :func:`assessments` — TextBlob's ``Sentiment.assessments`` over those words, on the lexicon
   loaded up front (:class:`_LoadedLexicon`: TextBlob's own lexicon loads itself lazily, through
   a Python call on every lookup).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from textblob import _text as _pattern_text
from textblob.en import Sentiment as _PatternSentiment
from textblob.en import sentiment as _pattern

from ._records import Sentiment

__all__ = ["DEFAULT_THRESHOLD", "assessments", "document_sentiment", "label_for", "words"]

DEFAULT_THRESHOLD = 0.05
#: Forget the chunk cache when it holds this many chunks (a run over millions of articles).
MAX_CHUNKS = 100_000

SentenceScore = tuple[int, int, float, float]

_CHUNK_WORDS: dict[str, tuple[str, ...]] = {}


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


class _LoadedLexicon(_PatternSentiment):  # type: ignore[misc]  # TextBlob is untyped
    """TextBlob's English sentiment lexicon, loaded once; lookups go straight to the dict."""

    __contains__ = dict.__contains__
    __getitem__ = dict.__getitem__


@cache
def _lexicon() -> _LoadedLexicon:
    """Load the lexicon of ``textblob.en.sentiment`` as TextBlob loads it, with its options."""
    lexicon = _LoadedLexicon(
        path=_pattern.path,
        synset=_pattern._synset,
        confidence=_pattern.confidence,
        negations=_pattern.negations,
        modifiers=_pattern.modifiers,
        modifier=_pattern.modifier,
        tokenizer=_pattern.tokenizer,
    )
    lexicon.load()
    return lexicon


def words(text: str) -> list[str] | None:
    """Return the words TextBlob's tokenizer makes of ``text``, or None if it may join some.

    None means an emoticon or a sarcasm mark may have been joined across tokens: then only
    TextBlob's whole tokenizer gives the words.

    >>> words("It isn't “bad”, Mr. Smith said.")
    ['It', 'is', 'n', "'", 't', '“', 'bad', '”', ',', 'Mr.', 'Smith', 'said', '.']
    >>> words("A grin :-) at the end") is None
    True
    """
    out: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():  # no punctuation, apostrophe or quote mark: one word as it stands
            out.append(chunk)
            continue
        found = _CHUNK_WORDS.get(chunk)
        if found is None:
            if len(_CHUNK_WORDS) >= MAX_CHUNKS:
                _CHUNK_WORDS.clear()
            found = _CHUNK_WORDS[chunk] = tuple(" ".join(_pattern.tokenizer(chunk)).split())
        out.extend(found)
    joined = " ".join(out)
    if _pattern_text.RE_SARCASM.search(joined) or _pattern_text.RE_EMOTICONS.search(joined):
        return None
    return out


def assessments(text: str) -> list[tuple[float, float]]:
    """Return TextBlob's ``(polarity, subjectivity)`` of each phrase it scores in ``text``.

    The same values, in the same order, as ``textblob.en.sentiment(text).assessments``.
    """
    tokens = words(text)
    if tokens is None:
        scored = _pattern(text).assessments
    else:
        scored = _lexicon().assessments(((w.lower(), None) for w in tokens), True)
    return [(float(p), float(s)) for _w, p, s, _x in scored]


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
