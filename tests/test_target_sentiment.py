from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newslens._target_sentiment import (
    TARGET,
    AggregateWeights,
    MentionScore,
    aggregate,
    classify,
    label_mention,
    load_classifier,
    target_features,
    thresholds,
)

LABELS = {"positive", "neutral", "negative"}


def test_classifier_loads_from_the_package():
    nlp = load_classifier()
    assert set(nlp.get_pipe("textcat").labels) == LABELS
    assert load_classifier() is nlp  # loaded once
    t_neg, t_pos = thresholds()
    assert 0.0 <= t_neg < 1.0 and 0.0 <= t_pos < 1.0


def test_classify_gives_polarities_and_labels():
    pols = classify([["critics", "slammed", TARGET], ["a", "wonderful", TARGET], [TARGET]])
    assert len(pols) == 3
    assert all(-1.0 <= p <= 1.0 for p in pols)
    assert {label_mention(p) for p in pols} <= LABELS
    assert classify([]) == []


def test_target_features_mark_the_target_only():
    nlp = spacy.blank("en")
    doc = nlp("Critics slammed John Smith today .")
    words = target_features(doc[2:4])
    assert words[:5] == ["critics", "slammed", TARGET, "today", "."]
    assert "L:slammed" in words and "R:today" in words and "L:john" not in words


def test_target_features_use_the_parse():
    words = ["Critics", "did", "not", "praise", "Smith"]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[3, 3, 3, 3, 3],
        deps=["nsubj", "aux", "neg", "ROOT", "dobj"],
        pos=["NOUN", "AUX", "PART", "VERB", "PROPN"],
        lemmas=["critic", "do", "not", "praise", "Smith"],
    )
    feats = target_features(doc[4:5])
    assert "dep=dobj" in feats and "pred=praise" in feats and "pred=neg" in feats


def test_aggregate_weights_lead_direct_and_quotes():
    w = AggregateWeights(direct=1.0, indirect=0.5, lead=2.0, quote=1.0, threshold=0.1)
    # a direct mention in the lead (weight 2) outweighs an indirect one later (weight 0.5)
    lead = MentionScore(0.5, sentence=0, paragraph=0, direct=True)
    late = MentionScore(-0.5, sentence=8, paragraph=4, direct=False)
    got = aggregate([lead, late], weights=w)
    assert got is not None
    assert got.label == "positive"
    assert got.polarity == pytest.approx((2 * 0.5 - 0.5 * 0.5) / 2.5, abs=1e-4)
    # quotes that name the entity count with their own weight
    got = aggregate([late], quotes=[-0.9, -0.6], weights=w)
    assert got is not None and got.label == "negative"
    assert got.polarity == pytest.approx((-0.25 - 1.5) / 2.5, abs=1e-4)
    assert aggregate([], weights=w) is None
    neutral = aggregate([MentionScore(0.05, 3, 2, True)], weights=w)
    assert neutral is not None and neutral.label == "neutral"


@pytest.mark.model
def test_slammed_smith_praised_jones(nl):
    art = nl("Critics slammed Smith while praising Jones.")
    by_name = {e.name: e for e in art.entities}
    assert by_name["Smith"].mentions[0].sentiment.label == "negative"
    assert by_name["Jones"].mentions[0].sentiment.label == "positive"
    assert by_name["Smith"].sentiment.label == "negative"
    assert by_name["Jones"].sentiment.label == "positive"


@pytest.mark.model
def test_every_mention_and_entity_has_a_label(nl):
    art = nl(
        "Mayor Anna Brown opened the new bridge on Monday. Brown said the bridge was a triumph. "
        '"It is a disgrace," said John Lee, who called Brown reckless.'
    )
    assert art.entities
    for e in art.entities:
        assert e.sentiment is not None and e.sentiment.label in LABELS
        for m in e.mentions:
            assert m.sentiment is not None and m.sentiment.label in LABELS
            assert -1.0 <= m.sentiment.polarity <= 1.0
    for q in art.quotes:
        assert q.sentiment is not None and q.sentiment.label in LABELS
    assert art.sentiment.label in LABELS


@pytest.mark.model
def test_without_entity_sentiment_mentions_keep_the_sentence_score():
    import newslens

    nl = newslens.load(entity_sentiment=None)
    assert "newslens_target_sentiment" not in nl.nlp.pipe_names
    art = nl("Critics slammed Smith while praising Jones.")
    labels = {m.sentiment.label for e in art.entities for m in e.mentions}
    assert len(labels) == 1


@pytest.mark.model
def test_quote_sentiment_is_over_the_quoted_words_only(nl):
    from newslens._sentiment import document_sentiment

    art = nl('"The plan is wonderful," said the terrible, awful minister. "We start today."')
    assert art.quotes
    for q in art.quotes:
        want = document_sentiment(q.text, [(0, len(q.text))])[1]
        assert q.sentiment == want
