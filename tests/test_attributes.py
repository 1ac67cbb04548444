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
]

WORDS = ["Nothing", "gon", "na", "change", " ", "he", "got", "cash", "gets", "nothing"]
TAGS = ["NN", "VBG", "TO", "VB", "_SP", "PRP", "VBD", "NN", "VBZ", "NN"]
DEPS = ["nsubj", "aux", "aux", "ROOT", "dep", "nsubj", "conj", "dobj", "conj", "dobj"]


def _doc(nlp):
    spaces = [True] * len(WORDS)
    return Doc(nlp.vocab, words=WORDS, spaces=spaces, tags=TAGS, deps=DEPS, heads=[3] * 10)


def _attrs(doc):
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def test_same_attributes_as_spacy_attribute_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)  # type: ignore[attr-defined]
    expected = _attrs(ruler(_doc(nlp)))
    assert _attrs(AttributeRules(nlp, "rules", patterns=PATTERNS)(_doc(nlp))) == expected
    assert expected[0][0] == "PRON" and expected[2][2] == "to"  # the rules did apply


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
