"""``AttributeRules`` gives tokens exactly what spaCy's ``AttributeRuler`` gives them."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newslens._attributes import AttributeRules, UnsupportedPattern, use_attribute_rules

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "nothing"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}}]], "attrs": {"POS": "VERB", "MORPH": "X=Y"}},
    {"patterns": [[{"LOWER": {"REGEX": "^gon$"}}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": {"NOT_IN": ["", "nsubj"]}, "TAG": "NN"}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"LOWER": "got"}], [{"LOWER": "gets"}]], "attrs": {"LEMMA": "get"}},
    # several tokens: a flag and a value list, a regex first, alternatives of two sizes
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "AUX"},
     "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN"]}}, {"LOWER": "cash"}], [{"LOWER": "all"}]],
     "attrs": {"MORPH": "Case=Acc"}, "index": -1},
]  # fmt: skip

WORDS = ["Nothing", "gon", "na", "change", " ", "he", "got", "cash", "gets", "nothing"]
WORDS += ["there", "is", "y'", "all", "and", "there", "was", "y", "all", "cash"]
TAGS = ["NN", "VBG", "TO", "VB", "_SP", "PRP", "VBD", "NN", "VBZ", "NN"]
TAGS += ["EX", "VBZ", "PRP", "DT", "CC", "EX", "VBD", "PRP", "DT", "NN"]
DEPS = ["nsubj", "aux", "aux", "ROOT", "dep", "nsubj", "conj", "dobj", "conj", "dobj"]
DEPS += ["expl", "conj", "nsubj", "appos", "cc", "expl", "conj", "nsubj", "appos", "dobj"]


def _doc(nlp, words=WORDS, tags=TAGS, deps=DEPS):
    spaces = [True] * len(words)
    heads = [3] * len(words)
    return Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)


def _attrs(doc):
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def test_same_attributes_as_spacy_attribute_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)  # type: ignore[attr-defined]
    expected = _attrs(ruler(_doc(nlp)))
    assert _attrs(AttributeRules(nlp, "rules", patterns=PATTERNS)(_doc(nlp))) == expected
    assert expected[0][0] == "PRON" and expected[2][2] == "to"  # the rules did apply
    assert expected[11][0] == "AUX" and expected[12][2] == "you" and expected[13][1] == "Case=Acc"


def test_same_attributes_as_the_ruler_over_many_distinct_tokens():
    """Outcomes kept per distinct token (thousands of them) stay those of the ruler."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)  # type: ignore[attr-defined]
    rules = AttributeRules(nlp, "rules", patterns=PATTERNS)
    words = [w if k % 3 == 0 else f"{w}{k}" for k in range(150) for w in WORDS]
    tags, deps = TAGS * 150, DEPS * 150
    expected = _attrs(ruler(_doc(nlp, words, tags, deps)))
    for _ in range(2):  # the second pass answers from the kept outcomes
        assert _attrs(rules(_doc(nlp, words, tags, deps))) == expected
    assert len(rules._outcomes.rows) > 1000  # the table grew past its first size


def test_quantifiers_are_refused():
    nlp = spacy.blank("en")
    with pytest.raises(UnsupportedPattern):
        AttributeRules(nlp, "r", patterns=[{"patterns": [[{"OP": "+"}]], "attrs": {"POS": "X"}}])


def test_swap_is_skipped_without_a_ruler():
    assert use_attribute_rules(spacy.blank("en")) is False


@pytest.mark.model
def test_same_attributes_as_the_model_on_news_text(nl, seed_text):
    nlp = nl.nlp
    ruler = nlp.get_pipe("attribute_ruler")
    rules = nlp.get_pipe("newslens_attribute_rules")
    with nlp.select_pipes(enable=["tok2vec", "tagger", "newslens_paragraphs", "parser"]):
        doc = nlp(seed_text)
    assert _attrs(rules(doc.copy())) == _attrs(ruler(doc.copy()))
