"""Lemmas by a per-process cache in front of the model's own lemmatizer (same lemmas, less time).

spaCy's rule lemmatizer gives a token's lemma from its text, part of speech and morphology
only, but walks every token in Python with several attribute lookups, even when it has seen
the same word in the same role thousands of times. ``newslens_lemmas`` reads each Doc's
``ORTH``/``POS``/``MORPH``/``LEMMA`` columns at once, answers from a dictionary keyed on the
first three, asks the model's lemmatizer only for a key it has not seen, and writes the column
back: the lemmas are the ones the lemmatizer gives (a test compares them token by token).

The lemmatizer stays in the pipeline, disabled (see :func:`use_cached_lemmas`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["CachedLemmas", "make_cached_lemmas", "use_cached_lemmas"]

#: Forget the cache when it holds this many keys (a run over millions of articles stays bounded).
MAX_KEYS = 500_000


class CachedLemmas:
    """Set ``token.lemma`` for every token whose lemma is unset, from the cache or ``source``."""

    def __init__(self, nlp: Language, name: str, *, source: str) -> None:
        self.name = name
        self.lemmatizer: Any = nlp.get_pipe(source)
        self.overwrite = bool(getattr(self.lemmatizer, "overwrite", False))
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Fill the LEMMA column of ``doc``."""
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        if len(self.cache) > MAX_KEYS:
            self.cache.clear()
        unset = columns[:, 3] == 0  # a lemma already set stays, unless the lemmatizer overwrites
        wanted = np.ones_like(unset) if self.overwrite else unset
        keys = list(zip(*columns[:, :3].T.tolist(), strict=True))
        lemmas = [self.cache.get(key) for key in keys]
        for i, lemma in enumerate(lemmas):
            if lemma is None:  # a key not seen yet (or seen earlier in this Doc)
                lemmas[i] = self._lemma(doc, i, keys[i]) if wanted[i] else 0
        found: Any = np.where(wanted, np.array(lemmas, dtype=np.uint64), columns[:, 3])
        doc.from_array([LEMMA], found.reshape(-1, 1))
        return doc

    def _lemma(self, doc: Doc, i: int, key: tuple[int, int, int]) -> int:
        """Return the lemma id of token ``i`` (key: its ORTH, POS, MORPH), from the lemmatizer."""
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
        return found


@Language.factory("newslens_lemmas", default_config={"source": "lemmatizer"})
def make_cached_lemmas(nlp: Language, name: str, source: str) -> CachedLemmas:
    """Create the ``newslens_lemmas`` component in front of the lemmatizer ``source``."""
    return CachedLemmas(nlp, name, source=source)


def use_cached_lemmas(nlp: Language, source: str = "lemmatizer") -> bool:
    """Put ``newslens_lemmas`` in place of the lemmatizer ``source`` (which is disabled).

    Returns whether the swap was made: not when ``nlp`` has no such lemmatizer, or it is not
    a rule or lookup lemmatizer (whose lemma depends on the token's text, tag and morphology).
    """
    if "newslens_lemmas" in nlp.pipe_names:
        return True
    if source not in nlp.pipe_names:
        return False
    mode = getattr(nlp.get_pipe(source), "mode", None)
    if mode not in ("rule", "lookup"):
        return False
    nlp.add_pipe("newslens_lemmas", after=source, config={"source": source})
    nlp.disable_pipe(source)
    return True
