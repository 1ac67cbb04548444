from __future__ import annotations

import math
from dataclasses import replace

import pytest
import spacy
from spacy.tokens import Doc

from newslens._target_sentiment import (
    FEATURES,
    TARGET,
    AggregateModel,
    EntityEvidence,
    aggregate,
    classify,
    evidence,
    find_entity,
    label_mention,
    load_aggregate_model,
    load_classifier,
    macro_f1,
    portrayal_features,
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


def _entity(polarities, sentences, eid="e0"):
    return {
        "id": eid,
        "mentions": [
            {"sentence": k, "sentiment": None if p is None else {"polarity": p, "label": "x"}}
            for p, k in zip(polarities, sentences, strict=True)
        ],
    }


def test_evidence_takes_each_named_sentence_once_and_counts_own_quotes():
    ent = _entity([0.4, -0.2, None], [2, 2, 0])
    sentences = [(0.5, 0.9), (-0.9, 1.0), (0.1, 0.3)]
    quotes = [{"speaker_entity": "e0"}, {"speaker_entity": "e1"}, {"speaker_entity": None}]
    ev = evidence(ent, sentences, -0.05, quotes)
    # the mention without a polarity counts as a mention but gives no polarity
    assert ev.mentions == (0.4, -0.2) and ev.count == 3
    # sentence 2 is named twice, sentence 1 never: sentences 0 and 2, in order
    assert ev.sentences == ((0.5, 0.9), (0.1, 0.3))
    assert ev.document == -0.05 and ev.quotes_by == 1
    # a sentence index past the end (a clipped document) is skipped, not an error
    assert evidence(_entity([0.1], [7]), sentences, 0.0).sentences == ()


def test_portrayal_features_of_evidence():
    ev = EntityEvidence((-0.6, 0.2, 0.1), ((-0.4, 0.8), (0.0, 0.0), (0.3, 0.5)), 0.02, 2, 4)
    got = dict(zip(FEATURES, portrayal_features(ev), strict=True))
    assert got["target_mean"] == pytest.approx(-0.1)
    assert (got["target_min"], got["target_max"]) == (-0.6, 0.2)
    # the unscored sentence (subjectivity 0) is left out of the mean, not counted as 0
    assert got["sentence_mean"] == pytest.approx(-0.05)
    assert got["negative_sentences"] == pytest.approx(1 / 3)
    assert got["positive_sentences"] == pytest.approx(1 / 3)
    assert got["log_quotes_by"] == pytest.approx(math.log(3))
    assert got["log_mentions"] == pytest.approx(math.log(5))
    empty = portrayal_features(EntityEvidence((), (), 0.0, 0, 0))
    assert len(empty) == len(FEATURES) and all(math.isfinite(x) for x in empty)


def _toy_model() -> AggregateModel:
    # positive rises, negative falls with the mean mention polarity; neutral is flat
    rows = [[0.0] * (len(FEATURES) + 1) for _ in range(3)]
    rows[0][0], rows[2][0], rows[1][-1] = -4.0, 4.0, 1.0
    return AggregateModel(
        FEATURES,
        (0.0,) * len(FEATURES),
        (1.0,) * len(FEATURES),
        tuple(tuple(r) for r in rows),
    )


def test_aggregate_applies_the_model():
    model = _toy_model()

    def ev(*pols: float) -> EntityEvidence:
        return EntityEvidence(pols, (), 0.0, 0, len(pols))

    pos, neu, neg = (aggregate(ev(p), model) for p in (0.8, 0.0, -0.8))
    assert pos is not None and neu is not None and neg is not None
    assert (pos.label, neu.label, neg.label) == ("positive", "neutral", "negative")
    assert pos.polarity == pytest.approx(-neg.polarity) and pos.polarity > 0.5
    assert neu.polarity == pytest.approx(0.0)
    probs = model.probabilities(portrayal_features(ev(0.3)))
    assert sum(probs) == pytest.approx(1.0) and all(0.0 < p < 1.0 for p in probs)
    assert aggregate(EntityEvidence((), (), 0.0, 0, 2), model) is None


def test_few_mentions_fall_back_to_the_mention_labels():
    model = replace(_toy_model(), min_mentions=3)
    assert aggregate(EntityEvidence((0.1,) * 3, (), 0.0, 0, 3), model).label == "neutral"
    # the toy model calls a mean of 0.1 neutral; two mentions are below min_mentions
    got = aggregate(EntityEvidence((0.3, -0.1), (), 0.0, 0, 2), model, few=lambda p: "positive")
    assert got is not None and got.label == "positive" and got.polarity == pytest.approx(0.1)
    # three mentions: the model decides
    got = aggregate(EntityEvidence((0.3, -0.1, 0.1), (), 0.0, 0, 3), model, few=lambda p: "x")
    assert got is not None and got.label in LABELS


def test_aggregate_model_json_round_trip_and_feature_check():
    model = _toy_model()
    assert AggregateModel.from_dict(model.to_dict()) == model
    stale = {**model.to_dict(), "features": ["target_mean"]}
    with pytest.raises(ValueError, match="train_aggregate.py"):
        AggregateModel.from_dict(stale)


def test_shipped_aggregate_model_reads_praise_above_blame():
    model = load_aggregate_model()
    assert model.features == FEATURES and model.labels == ("negative", "neutral", "positive")
    assert all(len(row) == len(FEATURES) + 1 for row in model.weights)
    assert load_aggregate_model() is model  # loaded once
    praised = EntityEvidence((0.5, 0.3, 0.6), ((0.5, 0.8), (0.4, 0.6)), 0.2, 1, 3)
    blamed = EntityEvidence((-0.7, -0.5, -0.6), ((-0.5, 0.8), (-0.4, 0.6)), -0.2, 1, 3)
    up, down = aggregate(praised), aggregate(blamed)
    assert up is not None and down is not None
    assert up.polarity > 0.0 > down.polarity
    assert up.label == "positive" and down.label != "positive"


def test_find_entity_prefers_overlap_then_person_then_count():
    ents = [
        {
            "id": "e0",
            "name": "Keller Foundation",
            "key": "keller foundation",
            "label": "ORG",
            "count": 9,
        },
        {"id": "e1", "name": "Ann Keller", "key": "ann keller", "label": "PERSON", "count": 2},
        {"id": "e2", "name": "Keller", "key": "keller", "label": "PERSON", "count": 5},
    ]
    assert find_entity(ents, "Ann Keller")["id"] == "e1"  # two words shared
    assert find_entity(ents, "Mr. Keller")["id"] == "e2"  # one word: a person, more mentions
    assert find_entity(ents, "Bob Ray") is None


def test_macro_f1():
    perfect = [("negative", "negative"), ("neutral", "neutral"), ("positive", "positive")]
    assert macro_f1(perfect) == 1.0
    # always "positive": F1 1/2 on positive, 0 on the others
    assert macro_f1([("positive", "positive"), ("neutral", "positive")]) == pytest.approx(
        (2 / 3) / 3
    )


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


PRAISED = """Harbour council leader Maria Okafor won praise on Tuesday for a housing plan that \
residents called generous and fair.

Okafor, who grew up on the estate, spent months listening to tenants. "She kept every promise," \
said one neighbour. Local businesses thanked Okafor for her patience.

Okafor said she was proud of the team. Critics of earlier plans applauded Okafor for a \
thoughtful, careful deal."""

BLAMED = """Harbour council leader Maria Okafor faced angry protests on Tuesday over a housing \
plan that residents called cruel and dishonest.

Okafor, who was accused of misleading tenants, refused to answer questions. "She broke every \
promise," said one neighbour. Local businesses blamed Okafor for the chaos.

Okafor was criticised by her own party. Critics condemned Okafor for a reckless, careless deal \
and demanded her resignation."""


@pytest.mark.model
def test_article_aggregate_follows_how_the_person_is_portrayed(nl):
    def okafor(text):
        art = nl(text)
        found = find_entity([e.to_dict() for e in art.entities], "Maria Okafor")
        # enough mentions for the article model, not the few-mentions fallback
        assert found is not None and found["count"] >= load_aggregate_model().min_mentions
        return next(e for e in art.entities if e.id == found["id"]).sentiment

    praised, blamed = okafor(PRAISED), okafor(BLAMED)
    assert praised.label == "positive" and blamed.label == "negative"
    assert praised.polarity > 0.3 > -0.3 > blamed.polarity
