from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from newslens._records import Sentiment
from newslens._target_sentiment import (
    _CLAUSE_DEPS,
    FEATURES,
    TARGET,
    AggregateModel,
    DocWords,
    EntityEvidence,
    Lexicons,
    Stacker,
    _BagOfWords,
    _clause,
    _negated,
    _ngrams,
    _predicate,
    aggregate,
    apply_verb,
    classify,
    decide,
    evaluative_words,
    evidence,
    find_entity,
    label_mention,
    lexicon_features,
    load_aggregate_model,
    load_classifier,
    load_lexicons,
    load_model,
    macro_f1,
    mention_features,
    pipeline_id,
    pooled_vectors,
    portrayal_features,
    target_features,
    thresholds,
    vector_features,
    vectors_id,
    verb_polarity,
)

LABELS = {"positive", "neutral", "negative"}


def test_classifier_loads_from_the_package():
    nlp = load_classifier()
    assert set(nlp.get_pipe("textcat").labels) == LABELS
    assert load_classifier() is nlp  # loaded once
    t_neg, t_pos = thresholds()
    assert 0.0 <= t_neg < 1.0 and 0.0 <= t_pos < 1.0
    model = load_model()
    assert load_model() is model and model.textcat is nlp
    assert model.words_only.vector_width == 0 and model.with_vectors.vector_width > 0
    # inputs: three log-probabilities, then three pooled vectors for the vector stacker
    assert model.words_only.weights.shape == (3, 3)
    assert model.with_vectors.weights.shape == (3 + 3 * model.with_vectors.vector_width, 3)


def test_classify_gives_probability_rows():
    probs = classify([["critics", "slammed", TARGET], ["a", "wonderful", TARGET], [TARGET]])
    assert probs.shape == (3, 3)
    assert np.allclose(probs.sum(axis=1), 1.0) and (probs >= 0.0).all()
    assert classify([]).shape == (0, 3)
    labels = [s.label for s in decide(probs, load_model().words_only.shift)]
    assert set(labels) <= LABELS


def test_decide_takes_the_shifted_argmax_and_the_polarity_of_the_probabilities():
    probs = np.array([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]])
    plain = decide(probs, np.zeros(3))
    assert [s.label for s in plain] == ["neutral", "negative"]
    assert [s.polarity for s in plain] == [pytest.approx(0.1), pytest.approx(-0.5)]
    # a shift toward "positive" of log(0.5 / 0.3) and a little more tips the first row
    shifted = decide(probs, np.array([0.0, 0.0, math.log(0.5 / 0.3) + 0.01]))
    assert [s.label for s in shifted] == ["positive", "negative"]
    assert shifted[0].polarity == plain[0].polarity  # the shift moves labels, not polarity


def test_label_mention_cuts_each_side_apart():
    cuts = (0.3, 0.2)  # negative below -0.3, positive above 0.2
    got = [label_mention(p, cuts) for p in (0.25, 0.15, -0.25, -0.35)]
    assert got == ["positive", "neutral", "neutral", "negative"]


def _toy_stacker(width: int = 0) -> Stacker:
    n = 3 + 3 * width
    weights = np.zeros((n, 3))
    weights[0, 0] = weights[2, 2] = 1.0  # log P(neg) raises negative, log P(pos) positive
    bias = np.array([0.0, -1.0, 0.0])
    return Stacker(np.zeros(n), np.ones(n), weights, bias, np.zeros(3), (0.2, 0.1), width)


def test_stacker_probabilities_and_json_round_trip():
    st = _toy_stacker()
    out = st.probabilities(np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]]))
    assert np.allclose(out.sum(axis=1), 1.0)
    assert out[0].argmax() == 0 and out[1].argmax() == 2
    back = Stacker.from_dict(st.to_dict())
    assert back.cuts == st.cuts and back.vector_width == 0
    assert np.array_equal(back.weights, st.weights) and np.array_equal(back.shift, st.shift)
    with pytest.raises(ValueError, match="token vectors"):
        _toy_stacker(2).probabilities(np.array([[0.3, 0.4, 0.3]]))


def _slammed_praised() -> Doc:
    """Critics slammed Smith while praising Jones, parsed by hand (the advcl is Jones' clause)."""
    words = ["Critics", "slammed", "Smith", "while", "praising", "Jones", "."]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 1, 1, 4, 1, 4, 1],
        deps=["nsubj", "ROOT", "dobj", "mark", "advcl", "dobj", "punct"],
        pos=["NOUN", "VERB", "PROPN", "SCONJ", "VERB", "PROPN", "PUNCT"],
        lemmas=["critic", "slam", "Smith", "while", "praise", "Jones", "."],
        sent_starts=[True] + [False] * 6,
    )


def test_lexicon_features_say_whose_clause_a_judgement_is_in():
    lex = Lexicons({"slam": -1.6, "praise": 2.6}, {})
    doc = _slammed_praised()
    words = DocWords.of(doc)
    smith = lexicon_features(doc[2:3], words, lex)
    jones = lexicon_features(doc[5:6], words, lex)
    # "slammed" (looked up by its lemma) is in Smith's clause; "praising" right of it, outside
    assert "VC:neg" in smith and "VR:pos" in smith and "VC:pos" not in smith
    # for Jones the praise is in its own clause and the slam left of it, too far to be "near"
    assert "VC:pos" in jones and "VC:pos2" in jones and "VL:neg" in jones
    assert "VN:neg" not in jones and "VN:pos" in jones
    # the target's own words never count
    assert lexicon_features(doc[1:2], words, lex).count("VC:neg") == 0


def test_shipped_lexicons_and_mention_features():
    lex = load_lexicons()
    assert lex.valence["praise"] > 0 > lex.valence["criticize"]
    assert lex.textblob["good"] > 0 > lex.textblob["bad"]
    assert load_lexicons() is lex
    doc = _slammed_praised()
    feats = mention_features(doc[2:3])
    assert feats[:3] == ["critics", "slammed", TARGET] and "VC:neg" in feats


def test_vector_features_pool_the_target_and_its_sides():
    doc = spacy.blank("en")("a b Smith c d e f g h")
    doc.tensor = np.arange(len(doc) * 2, dtype="float32").reshape(len(doc), 2)
    words = DocWords.of(doc)
    got = vector_features(doc[2:3], words, 2)
    assert got is not None and got.shape == (6,)
    # target row 2; left rows 0-1 (start of the text); right rows 3-6 (four words)
    assert got.tolist() == [4.0, 5.0, 1.0, 2.0, 9.0, 10.0]
    assert vector_features(doc[0:1], words, 2).tolist()[2:4] == [0.0, 0.0]  # nothing left
    assert vector_features(doc[2:3], words, 3) is None  # vectors of another width
    bare = spacy.blank("en")("no vectors")
    assert vector_features(bare[0:1], DocWords.of(bare), 2) is None


def _spacy_bag_of_words(features):
    """The bag of words' input and scores as spaCy computes them: one Doc per feature list."""
    from spacy.vocab import Vocab

    textcat = load_classifier().get_pipe("textcat")
    docs = [Doc(Vocab(), words=list(f) or [TARGET]) for f in features]
    extract = next(n for n in textcat.model.walk() if n.name == "extract_ngrams")
    order = [list(textcat.labels).index(lab) for lab in ("negative", "neutral", "positive")]
    scores = np.asarray(textcat.model.predict(docs))[:, order].astype("float64")
    return extract.predict(docs), scores


# rows with repeated words and bigrams, an empty row, spaCy symbols ("nsubj", "PERSON" have
# small fixed ids, not hashes), non-ASCII words and the features of a parsed sentence
FEATURE_ROWS = [
    ["critics", "slammed", TARGET, "critics", "slammed", "L:critics", "dep=dobj"],
    [],
    [TARGET],
    ["nsubj", "PERSON", "neg", TARGET, "root", "amod", "amod"],
    ["café", "señor", "—", TARGET, "“", "naïve", "LEXC:neg", "VN:pos"],
    ["a"] * 7 + [TARGET] + ["a", "b"] * 5,
]


def test_bag_of_words_hashes_ngrams_exactly_as_spacy():
    rows = [*FEATURE_ROWS, mention_features(_slammed_praised()[2:3])]
    (want_keys, want_counts, want_lengths), want = _spacy_bag_of_words(rows)
    bow = _BagOfWords.of(load_classifier().get_pipe("textcat").model)
    keys, counts, lengths = _ngrams(rows, bow)
    for got, exp in ((keys, want_keys), (counts, want_counts), (lengths, want_lengths)):
        assert got.dtype == exp.dtype and got.tobytes() == exp.tobytes()
    probs = classify(rows)
    assert probs.dtype == want.dtype and probs.tobytes() == want.tobytes()  # bit for bit
    # a row scores the same alone as in a batch
    assert classify(rows[3:4]).tobytes() == probs[3:4].tobytes()


def test_bag_of_words_needs_a_textcat_bow_model():
    textcat = spacy.blank("en").add_pipe("textcat")
    with pytest.raises(ValueError, match="bag-of-words"):
        _BagOfWords.of(textcat.model)  # the default textcat is an ensemble, not TextCatBOW


def _windows_doc(rng):
    words = "a b Smith c d . e f Jones g h i j k Lee".split()
    sent_starts = [w == "a" or w == "e" for w in words]
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=sent_starts)
    doc.tensor = rng.standard_normal((len(doc), 5)).astype("float32")
    return doc


def test_pooled_vectors_are_the_means_of_vector_features_bit_for_bit():
    rng = np.random.default_rng(7)
    doc = _windows_doc(rng)
    words = DocWords.of(doc)
    spans = [doc[2:3], doc[0:1], doc[5:6], doc[8:9], doc[14:15], doc[10:14], doc[0:15]]
    got = pooled_vectors(spans, words, 5)
    want = np.stack([vector_features(s, words, 5) for s in spans])
    assert got is not None and got.dtype == want.dtype and got.tobytes() == want.tobytes()
    assert pooled_vectors(spans, words, 4) is None  # vectors of another width
    assert pooled_vectors([], words, 5).shape == (0, 15)


def _clause_by_tokens(span, predicate):
    """The clause as the old walk over Tokens gave it: the predicate's subtree, cut at the
    clauses that hold no target token."""
    holders = {t.i for t in span} | {a.i for t in span for a in t.ancestors}
    out, todo = set(), [span.doc[predicate]]
    while todo:
        tok = todo.pop()
        out.add(tok.i)
        todo.extend(c for c in tok.children if c.dep_ not in _CLAUSE_DEPS or c.i in holders)
    return out


def test_clause_membership_walks_up_the_tree():
    doc = _slammed_praised()
    words = DocWords.of(doc)
    smith, jones = _clause(doc[2:3], words), _clause(doc[5:6], words)
    assert smith.predicate == 1 and jones.predicate == 4  # "slammed", "praising"
    assert {i for i in range(len(doc)) if i in smith} == {0, 1, 2, 6}
    assert {i for i in range(len(doc)) if i in jones} == {3, 4, 5}
    for span in (doc[2:3], doc[5:6], doc[0:2], doc[4:6]):
        clause = _clause(span, words)
        got = {i for i in range(len(doc)) if i in clause}
        assert got == _clause_by_tokens(span, clause.predicate)
    assert _clause(doc[2:3], DocWords.of(spacy.blank("en")("No parse here"))) is None


def test_doc_words_read_what_the_tokens_say():
    words = ["Critics", "slammed", "Smith", ".", "\n\n", "Fans", "cheered", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=[True, True, False, False, False, True, False, False],
        heads=[1, 1, 1, 1, 3, 6, 6, 6],
        deps=["nsubj", "ROOT", "dobj", "punct", "dep", "nsubj", "ROOT", "punct"],
        lemmas=["critic", "slam", "Smith", ".", "\n\n", "fan", "cheer", "."],
        sent_starts=[True, False, False, False, False, True, False, False],
    )
    got = DocWords.of(doc)
    assert got.lower == tuple("" if t.is_space else t.lower_ for t in doc)
    assert got.lemma == tuple(t.lemma_ for t in doc)
    assert got.sentence_starts == (0, 5) and got.sentence(6) == (5, 8)
    assert got.tree is not None and got.tree.heads == tuple(t.head.i for t in doc)
    assert got.tree.clause_heads == frozenset()
    assert DocWords.of(_slammed_praised()).tree.clause_heads == {4}  # "praising": an advcl


def test_evaluative_words_of_the_doc_serve_every_sentence():
    lex = Lexicons({"slam": -1.6, "praise": 2.6, "dull": -0.3}, {"fine": 0.4, "so": 0.05})
    doc = Doc(
        spacy.blank("en").vocab,
        words="Critics slammed Smith . Fans praised a fine , dull Jones .".split(),
        lemmas="critic slam Smith . fan praise a fine , dull Jones .".split(),
        sent_starts=[True, False, False, False, True] + [False] * 7,
    )
    words = DocWords.of(doc)
    found = evaluative_words(words, lex)
    assert [(e.i, e.textblob, e.valence) for e in found] == [
        (1, 0.0, -1.6),  # by its lemma
        (5, 0.0, 2.6),
        (7, 0.4, 0.0),  # "dull" is below VALENCE_MIN: not a hit
    ]
    for span in (doc[2:3], doc[10:11], doc[0:1], doc[4:5]):
        assert lexicon_features(span, words, lex, found) == lexicon_features(span, words, lex)


def test_target_features_mark_the_target_only():
    nlp = spacy.blank("en")
    doc = nlp("Critics slammed John Smith today .")
    words = target_features(doc[2:4])
    assert words[:5] == ["critics", "slammed", TARGET, "today", "."]
    assert "L:slammed" in words and "R:today" in words and "L:john" not in words


def test_a_praising_or_criticising_verb_decides_its_object():
    doc = _slammed_praised()
    assert (verb_polarity(doc[2:3]), verb_polarity(doc[5:6]), verb_polarity(doc[0:1])) == (-1, 1, 0)
    neutral = Sentiment(0.1, "neutral")
    assert apply_verb(neutral, 1) == Sentiment(0.55, "positive")
    assert apply_verb(neutral, -1) == Sentiment(-0.45, "negative")
    assert apply_verb(neutral, 0) is neutral


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
def test_the_default_pipeline_uses_its_token_vectors(nl):
    from newslens._target_sentiment import TargetSentimentComponent

    component = nl.nlp.get_pipe("newslens_target_sentiment")
    assert component.vectors and load_model().vectors == vectors_id(nl.nlp)
    assert load_model().pipeline == pipeline_id(nl.nlp)
    # a tok2vec the vector stacker was not trained on: the words-only stacker
    other = spacy.blank("en")
    assert vectors_id(other) is None
    assert not TargetSentimentComponent(other, "t", method="textcat", model=None).vectors
    other.add_pipe("tok2vec")
    other.initialize()
    assert vectors_id(other) not in (None, load_model().vectors)
    assert not TargetSentimentComponent(other, "t", method="textcat", model=None).vectors


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


@pytest.mark.model
def test_doc_level_reads_match_the_token_walks_on_parsed_text(nl):
    doc = nl.nlp(PRAISED + "\n\n" + BLAMED)
    words = DocWords.of(doc)
    assert words.lower == tuple("" if t.is_space else t.lower_ for t in doc)
    assert words.sentence_starts == tuple(s.start for s in doc.sents)
    assert words.tree is not None and words.tree.heads == tuple(t.head.i for t in doc)
    spans = [*doc.ents, *(doc[t.i : t.i + 1] for t in doc if t.pos_ in ("PROPN", "PRON"))]
    assert len(spans) > 30
    found = evaluative_words(words, load_lexicons())
    for span in spans:
        assert words.sentence(span.start) == (span.sent.start, span.sent.end)
        clause = _clause(span, words)
        inside = {i for i in range(len(doc)) if i in clause}
        if clause.predicate is None:
            assert inside == set(range(span.sent.start, span.sent.end))
        else:
            assert inside == _clause_by_tokens(span, clause.predicate)
        assert mention_features(span, words, found) == mention_features(span, words)
    pooled = pooled_vectors(spans, words, doc.tensor.shape[1])
    one_by_one = np.stack([vector_features(s, words, doc.tensor.shape[1]) for s in spans])
    assert pooled is not None and pooled.tobytes() == one_by_one.tobytes()


def test_the_tree_finds_each_tokens_predicate_and_negation_as_the_tokens_do():
    # "Critics did not praise the plan , which Smith said was bold ." (invented), parsed by hand
    words = "Critics did not praise the plan , which Smith said was bold .".split()
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[3, 3, 3, 3, 5, 3, 5, 10, 9, 5, 9, 10, 3],
        deps="nsubj aux neg ROOT det dobj punct nsubj nsubj relcl ccomp acomp punct".split(),
        pos="NOUN AUX PART VERB DET NOUN PUNCT PRON PROPN VERB AUX ADJ PUNCT".split(),
    )
    tree = DocWords.of(doc).tree
    assert tree is not None and tree.negated == {3}
    for tok in doc:
        pred = _predicate(tok)
        assert tree.predicate(tok.i) == (None if pred is None else pred.i)
        assert (tok.i in tree.negated) == _negated(tok)
