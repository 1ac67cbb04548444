"""The cached lemmatizer gives the model lemmatizer's lemmas, token by token."""

from __future__ import annotations

import pytest
import spacy

from newslens._lemmas import use_cached_lemmas
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.model

TEXTS = [
    EXAMPLE.read_text(encoding="utf-8"),
    "The ministers were meeting; she'd said the banks' losses are worse than feared.",
    "Running runners ran faster, better and best; the geese flew over the mice.",
]


def test_same_lemmas_as_the_lemmatizer(nl):
    model = nl.nlp.meta["lang"] + "_" + nl.nlp.meta["name"]
    plain, cached = spacy.load(model), spacy.load(model)
    assert use_cached_lemmas(cached)
    assert "lemmatizer" not in cached.pipe_names and "newslens_lemmas" in cached.pipe_names
    for _ in range(2):  # the second pass answers from the cache
        for a, b in zip(plain.pipe(TEXTS), cached.pipe(TEXTS), strict=True):
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    assert "newslens_lemmas" in nl.nlp.pipe_names


def test_no_lemmatizer_no_swap():
    nlp = spacy.blank("en")
    assert not use_cached_lemmas(nlp)
