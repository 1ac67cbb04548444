"""spaCy components wrapping newslens' extractors, and the gazetteer's entity filter.

The factories are published under the ``spacy_factories`` entry point, so a pipeline saved with
newslens components loads in a fresh process, and a user can add them to a pipeline of their
own::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("newslens_sentiment")
    nlp.add_pipe("newslens_entities")
    doc = nlp(text)
    doc._.newslens_entities        # list of Entity dicts (plain values, DocBin-safe)

Components store only plain values on ``doc._`` (namespaced ``newslens_*``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from ._attributes import use_attribute_rules
from ._doc import SpanIndex, doc_text, sentence_bounds
from ._entities import DEFAULT_LABELS, extract_entities
from ._figures import extract_figures
from ._quotes import extract_quotes
from ._records import Entity
from ._sentiment import DEFAULT_THRESHOLD, document_sentiment

__all__ = [
    "EntitiesComponent",
    "FiguresComponent",
    "QuotesComponent",
    "SentimentComponent",
    "make_entities",
    "make_figures",
    "make_quotes",
    "make_gazetteer_filter",
    "make_paragraphs",
    "mark_paragraphs",
    "make_sentiment",
    "register_extensions",
    "split_glued_quotes",
    "use_attribute_rules",
]

EXTENSIONS = (
    "newslens_sentences",
    "newslens_sentiment",
    "newslens_entities",
    "newslens_quotes",
    "newslens_figures",
)


def register_extensions() -> None:
    """Register newslens' ``Doc`` extensions (idempotent; called when a component is made)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class SentimentComponent:
    """Sentence and document sentiment (TextBlob); stores plain tuples on the ``Doc``.

    ``doc._.newslens_sentences``: list of ``(start_char, end_char, polarity, subjectivity)``;
    ``doc._.newslens_sentiment``: ``(polarity, subjectivity, label)``.
    """

    def __init__(self, nlp: Language, name: str, *, threshold: float) -> None:
        self.name = name
        self.threshold = threshold
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Score the sentences and the document."""
        sentences, sentiment = document_sentiment(
            doc_text(doc), sentence_bounds(doc), threshold=self.threshold
        )
        doc._.newslens_sentences = sentences
        doc._.newslens_sentiment = (sentiment.polarity, sentiment.subjectivity, sentiment.label)
        return doc


class EntitiesComponent:
    """Entities with aliases merged; stores ``Entity.to_dict()`` forms on the ``Doc``."""

    def __init__(
        self, nlp: Language, name: str, *, labels: list[str], recover: bool, threshold: float
    ) -> None:
        self.name = name
        self.labels = tuple(labels)
        self.recover = recover
        self.threshold = threshold
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Extract the entities, aliases merged."""
        entities = extract_entities(
            doc,
            labels=self.labels,
            sentences=doc._.newslens_sentences,
            recover=self.recover,
            threshold=self.threshold,
        )
        stored = doc._.newslens_entities = [e.to_dict() for e in entities]
        _MADE[doc] = _Made(stored, tuple(entities))
        return doc


@dataclass(frozen=True, slots=True)
class _Made:
    """Entity records the entities component made, and the list of dict forms it stored."""

    stored: list[dict[str, Any]]
    records: tuple[Entity, ...]


# The records behind ``doc._.newslens_entities``, so that the components after the entities
# component need not rebuild them from their dict forms (16,000 mentions in 150 articles).
_MADE: WeakKeyDictionary[Doc, _Made] = WeakKeyDictionary()


def entity_records(doc: Doc) -> list[Entity]:
    """Return ``doc._.newslens_entities`` as :class:`Entity` records.

    While the Doc holds the list the entities component stored, these are the records it
    made; otherwise (the list replaced, or a Doc from elsewhere) they are read from the dicts.
    """
    stored = doc._.newslens_entities
    made = _MADE.get(doc)
    if made is not None and made.stored is stored:
        return list(made.records)
    return [Entity.from_dict(e) for e in stored or ()]


class QuotesComponent:
    """Quotes with speakers resolved to entities and the tone of what was said.

    Stores ``Quote.to_dict()`` forms; a quote's sentiment is TextBlob's score of the quoted
    words (``Quote.text``), not of the attribution between its pieces.
    """

    def __init__(
        self, nlp: Language, name: str, *, indirect: bool, floating: bool, threshold: float
    ) -> None:
        self.name = name
        self.indirect = indirect
        self.floating = floating
        self.threshold = threshold
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Extract the quotes."""
        entities = entity_records(doc)
        quotes = extract_quotes(
            doc, entities=entities, indirect=self.indirect, floating=self.floating
        )
        # the quoted words only: ``text`` joins the pieces, never the attribution
        scored = (
            replace(q, sentiment=document_sentiment(q.text, [(0, len(q.text))], self.threshold)[1])
            for q in quotes
        )
        doc._.newslens_quotes = [q.to_dict() for q in scored]
        return doc


@Language.factory(
    "newslens_quotes",
    default_config={"indirect": True, "floating": True, "threshold": DEFAULT_THRESHOLD},
    assigns=["doc._.newslens_quotes"],
    requires=["token.dep", "token.lemma"],
)
def make_quotes(
    nlp: Language, name: str, indirect: bool, floating: bool, threshold: float
) -> QuotesComponent:
    """Create the ``newslens_quotes`` component."""
    return QuotesComponent(nlp, name, indirect=indirect, floating=floating, threshold=threshold)


class FiguresComponent:
    """Figures normalised to value and unit; stores ``Figure.to_dict()`` forms on the ``Doc``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Extract the figures, tied to the entities of their sentence."""
        sentences = doc._.newslens_sentences
        entities = entity_records(doc)
        figures = extract_figures(
            doc,
            entities=entities,
            sentence_starts=None if sentences is None else [s[0] for s in sentences],
        )
        doc._.newslens_figures = [f.to_dict() for f in figures]
        return doc


@Language.factory(
    "newslens_figures",
    assigns=["doc._.newslens_figures"],
    requires=["doc.ents", "token.dep", "token.lemma"],
)
def make_figures(nlp: Language, name: str) -> FiguresComponent:
    """Create the ``newslens_figures`` component."""
    return FiguresComponent(nlp, name)


@Language.factory(
    "newslens_sentiment",
    default_config={"threshold": DEFAULT_THRESHOLD},
    assigns=["doc._.newslens_sentences", "doc._.newslens_sentiment"],
    requires=["token.is_sent_start"],
)
def make_sentiment(nlp: Language, name: str, threshold: float) -> SentimentComponent:
    """Create the ``newslens_sentiment`` component."""
    return SentimentComponent(nlp, name, threshold=threshold)


@Language.factory(
    "newslens_entities",
    default_config={
        "labels": list(DEFAULT_LABELS),
        "recover": True,
        "threshold": DEFAULT_THRESHOLD,
    },
    assigns=["doc._.newslens_entities"],
    requires=["doc.ents", "token.is_sent_start", "token.pos"],
)
def make_entities(
    nlp: Language, name: str, labels: list[str], recover: bool, threshold: float
) -> EntitiesComponent:
    """Create the ``newslens_entities`` component."""
    return EntitiesComponent(nlp, name, labels=labels, recover=recover, threshold=threshold)


def gazetteer_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """Combine the NER's entities with gazetteer matches.

    A gazetteer match replaces the NER entities it covers (so "Uzbekistan" tagged ORG becomes
    GPE) and fills gaps, but never cuts into a longer name the NER found ("Jordan" inside
    "Michael Jordan" stays PERSON). An exact PERSON span keeps its label against a place name
    ("Chad" the man), not against an organisation ("Lib Dems" tagged PERSON becomes ORG).
    """
    existing = list(entities)
    index = SpanIndex((e.start, e.end, k) for k, e in enumerate(existing))
    out: list[Span] = []
    dropped: set[int] = set()
    for match in filter_spans(list(spans)):
        over = [
            k
            for k in index.near(match.start, match.end)
            if existing[k].start < match.end and match.start < existing[k].end
        ]
        if any(
            _core(existing[k]) != (match.start, match.end)
            and (existing[k].start < match.start or existing[k].end > match.end)
            for k in over
        ):
            continue
        if match.label_ == "GPE" and any(
            existing[k].label_ == "PERSON"
            and (existing[k].start, existing[k].end) == (match.start, match.end)
            for k in over
        ):
            continue
        dropped.update(over)
        out.append(match)
    out.extend(e for k, e in enumerate(existing) if k not in dropped)
    return sorted(out, key=lambda s: (s.start, s.end))


def _core(span: Span) -> tuple[int, int]:
    """Token range of a span without a leading "the" and a trailing possessive."""
    start, end = span.start, span.end
    if end - start > 1 and span.doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and span.doc[end - 1].text in ("'s", "’s", "'", "’", "MP", "MPs"):
        end -= 1
    return start, end


def make_gazetteer_filter() -> Callable[[Iterable[Span], Iterable[Span]], list[Span]]:
    """Return :func:`gazetteer_filter` (``newslens.gazetteer_filter.v1`` in spaCy's registry)."""
    return gazetteer_filter


registry.misc("newslens.gazetteer_filter.v1", func=make_gazetteer_filter)


def add_gazetteer(nlp: Language, patterns: Iterable[dict[str, Any]], *, after: str) -> None:
    """Add newslens' gazetteer as a spaCy SpanRuler named ``newslens_gazetteer``."""
    ruler: Any = nlp.add_pipe(
        "span_ruler",
        name="newslens_gazetteer",
        after=after,
        config={
            "spans_key": None,
            "annotate_ents": True,
            "ents_filter": {"@misc": "newslens.gazetteer_filter.v1"},
            "overwrite": False,
            "validate": False,
        },
    )
    ruler.add_patterns(list(patterns))


# A closing quote glued to the next word ('affable,”Clinton said', 'wall.”Trump') is common in
# scraped text; spaCy's default rules keep 'affable,”Clinton' as one token, which hides both the
# end of the quote and the speaker's name from the parser and the NER. So is an opening curly
# quote glued to the cue before it ('Lu said,“Look', 'she wrote:“We'), which hides the cue.
_GLUED_QUOTE = (
    r"[,.?!](?=[”\"][A-Za-z])|(?<=[,.?!])[”\"](?=[A-Za-z])"
    r"|(?<=[A-Za-z])[,:](?=“[A-Za-z])|(?<=[,:.])“(?=[A-Za-z])"
)


def split_glued_quotes(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer split quote marks glued to words (see ``_GLUED_QUOTE``).

    Idempotent; the tokenizer's other rules are kept.
    """
    tokenizer: Any = nlp.tokenizer
    finditer = tokenizer.infix_finditer
    pattern = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if not isinstance(pattern, str) or _GLUED_QUOTE in pattern:
        return
    tokenizer.infix_finditer = re.compile(f"{_GLUED_QUOTE}|{pattern}").finditer


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    News text puts headlines, datelines and timestamps on lines of their own; left to itself the
    parser runs a sentence across them ("The Latest … 9:34 p.m. Donald Trump has delivered"),
    and the subject of that sentence is the headline. The parser respects boundaries set before
    it.
    """
    spaces = doc.to_array(IS_SPACE)
    for i in np.flatnonzero(spaces[:-1]).tolist():  # a whitespace token, then a word
        if not spaces[i + 1] and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


@Language.factory("newslens_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Create the ``newslens_paragraphs`` component (see :func:`mark_paragraphs`)."""
    return mark_paragraphs
