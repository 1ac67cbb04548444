"""Doc helpers: text and sentence bounds read once per Doc, paragraph marks, entity records."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from newslens._doc import TokenColumns, _Strings, doc_text, know_text, sentence_bounds, strings_of
from newslens._records import Entity
from newslens.pipeline import entity_records, mark_paragraphs
from tests.conftest import EXAMPLE


def test_known_text_is_taken_only_when_it_fits_the_doc():
    nlp = spacy.blank("en")
    doc = nlp("Two words.  ")
    know_text(doc, "Two words.")  # shorter than the Doc: not its text
    assert doc_text(doc) == "Two words.  "
    other = nlp("Two words.")
    know_text(other, "Two words.")
    assert doc_text(other) == other.text


def test_sentence_bounds_are_read_afresh_until_the_doc_is_parsed():
    nlp = spacy.blank("en")
    words = ["One", "two", ".", "Three", "four", ".", "Five"]
    doc = Doc(nlp.vocab, words=words)
    doc[3].is_sent_start = True  # sentence starts may still change: read afresh each time
    assert sentence_bounds(doc) == [(0, 9), (10, 27)]
    doc[6].is_sent_start = True
    assert sentence_bounds(doc) == [(0, 9), (10, 22), (23, 27)]
    heads, deps = [1, 1, 1, 4, 4, 4, 6], ["nsubj", "ROOT", "punct"] * 2 + ["ROOT"]
    parsed = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    first = sentence_bounds(parsed)
    assert first == [(0, 9), (10, 22), (23, 27)]
    first.append((0, 0))  # the caller's list is its own: the kept bounds stay
    assert sentence_bounds(parsed) == [(0, 9), (10, 22), (23, 27)]


def _paragraph_starts_one_by_one(doc):
    """The rule of ``mark_paragraphs`` read token by token: a word after a line break."""
    return [
        tok.i
        for tok in doc[1:]
        if doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text and not tok.is_space
    ]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Word", ".", " ", "  ", "\n", "\n\n", " \n ", "\t"]), max_size=25))
def test_paragraph_marks_are_those_of_the_rule(pieces):
    doc = spacy.blank("en")("".join(pieces))
    expected = _paragraph_starts_one_by_one(doc)
    mark_paragraphs(doc)
    assert [t.i for t in doc if t.i > 0 and t.is_sent_start] == expected


@pytest.mark.model
def test_entity_records_are_those_the_stored_dicts_give(nl):
    doc = nl.nlp(EXAMPLE.read_text(encoding="utf-8"))  # entity sentiment replaced the dicts
    from_dicts = [Entity.from_dict(e) for e in doc._.newslens_entities]
    assert from_dicts and entity_records(doc) == from_dicts
    nl.nlp.get_pipe("newslens_entities")(doc)  # the component's own records, kept
    records = entity_records(doc)
    assert records == [Entity.from_dict(e) for e in doc._.newslens_entities]
    for ent in records:  # the same plain types as read from JSON
        assert all(type(getattr(ent, f)) is str for f in ("id", "name", "label", "key"))
        for m in ent.mentions:
            fields = (m.start_char, m.end_char, m.sentence, m.paragraph)
            assert all(type(v) is int for v in fields) and type(m.text) is str


def test_token_columns_and_strings_are_those_the_tokens_give():
    doc = spacy.blank("en")("Sainsbury's  shops,\n“Tesco” and M&S — ok?")
    columns = TokenColumns.of(doc)
    assert columns.text == tuple(t.text for t in doc)
    assert columns.spaced == tuple(bool(t.whitespace_) for t in doc)
    assert strings_of(doc, doc.to_array("LOWER").tolist()) == [t.lower_ for t in doc]
    assert TokenColumns.of(spacy.blank("en")("")) == TokenColumns((), ())


def test_a_full_string_table_starts_afresh_and_still_answers():
    table = _Strings(limit=3)
    doc = spacy.blank("en")("one two three four five")
    ids = doc.to_array("ORTH").tolist()
    assert table.of(doc, ids) == [t.text for t in doc]
    assert len(table.known) == 5
    assert table.of(doc, ids[:2]) == ["one", "two"] and len(table.known) == 2
