"""newslens' TextBlob scoring gives exactly TextBlob's own values, by a faster route."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob.en import sentiment as pattern

from newslens._sentiment import _lexicon, assessments, document_sentiment, words

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def textblob_assessments(text: str) -> list[tuple[float, float]]:
    return [(float(p), float(s)) for _w, p, s, _x in pattern(text).assessments]


def textblob_words(text: str) -> list[str]:
    return " ".join(pattern.tokenizer(text)).split()


# Invented sentences covering what TextBlob's tokenizer and scorer treat specially.
CASES = [
    "The results were not very good, analysts said.",
    "It isn't bad at all; it's really, truly wonderful!!",
    "He called the plan “a terrible, terrible mistake” (!) on Monday.",
    "Shares fell 8% in 2004 (the worst year since 1998) :( and then rose :-)",
    "Mr. Brown, the U.S. envoy, met Dr. Lee at 9 a.m. ... It was a very poor showing.",
    "Headline Without A Stop\n\nThe first paragraph was never boring.\r\n\r\nEND-OF-SENTENCE",
    "'Quoted' and \"double quoted\" words: great, awful, so-so; y'all won't like it.",
    "A (sarcastic ! ) remark and a grin : D followed by <3 and XD.",
    "",
    "   ",
]


@pytest.mark.parametrize("text", CASES)
def test_same_as_textblob(text):
    assert assessments(text) == textblob_assessments(text)
    found = words(text)
    assert found is None or found == textblob_words(text)


def test_emoticons_and_sarcasm_go_to_textblob_whole():
    # an emoticon spread over two tokens is joined by TextBlob: only its whole tokenizer knows
    assert words("a grin : ) here") is None
    assert words("no smile here") == ["no", "smile", "here"]
    assert assessments("so good : )") == textblob_assessments("so good : )")


def test_lexicon_is_textblobs():
    lexicon = _lexicon()
    assert dict(lexicon) == {w: pattern[w] for w in pattern.keys()}
    assert lexicon.labeler == pattern.labeler
    assert lexicon.negations == pattern.negations


PIECES = st.sampled_from(
    [
        "good", "bad", "not", "never", "very", "really", "n't", "'s", "isn't", "Mr.", "U.S.",
        "!", "?", ".", "...", ",", ":", ";", "(", ")", "(!)", "'", '"', "“", "”", "‘", "’",
        ":-)", ":(", "8", ")", "D", "XD", "<3", "2004", "£5m", "-", "great", "terribly",
        "END-OF-SENTENCE", " ", "  ", "\n", "\n\n", "\r\n", "\t",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_text_same_as_textblob(text):
    assert assessments(text) == textblob_assessments(text)
    found = words(text)
    assert found is None or found == textblob_words(text)


def test_document_sentiment_same_as_textblob_per_sentence():
    text = "A wonderful, happy day. The food was not good. Nothing else."
    bounds = [(0, 23), (24, 46), (47, 60)]
    sentences, _ = document_sentiment(text, bounds)
    for (s, e, polarity, subjectivity), (s0, e0) in zip(sentences, bounds, strict=True):
        expected = pattern(text[s0:e0])
        assert (s, e) == (s0, e0)
        assert (polarity, subjectivity) == (
            round(expected[0], 4),
            round(expected[1], 4),
        )


def test_bbc_sentences_same_as_textblob():
    """Every paragraph and sentence-like piece of 300 real articles scores as TextBlob does."""
    folder = SHARED / "bbc"
    files = sorted(folder.glob("*/*.txt"))[:300]
    if not files:
        pytest.skip("../shared/data/bbc is not present")
    import newslens

    for path in files:
        text = newslens.read_text(path)
        for piece in [text, *text.split("\n\n"), *re.split(r"(?<=[.!?])\s+", text)]:
            assert assessments(piece) == textblob_assessments(piece), piece
