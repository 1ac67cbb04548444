"""Typed, frozen records: what newslens finds in an article, and their JSON forms.

This layer is plain Python (no spaCy). ``to_dict()`` produces the JSON contract documented in
DESIGN.md and ``from_dict()`` reads it back, so batch results round-trip::

    >>> s = Sentiment(polarity=0.25, subjectivity=0.5, label="positive")
    >>> Sentiment.from_dict(s.to_dict()) == s
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Article",
    "ChromeSpan",
    "Entity",
    "Figure",
    "Mention",
    "Quote",
    "Sentence",
    "Sentiment",
]


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Sentiment:
    """Polarity in [-1, 1], subjectivity in [0, 1] (when measured) and a three-way label."""

    polarity: float
    label: str
    subjectivity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form; ``subjectivity`` is left out when it was not measured."""
        out: dict[str, Any] = {"polarity": self.polarity}
        if self.subjectivity is not None:
            out["subjectivity"] = self.subjectivity
        out["label"] = self.label
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Sentiment:
        """Build from the JSON form."""
        return cls(
            polarity=float(data["polarity"]),
            label=str(data["label"]),
            subjectivity=_opt_float(data.get("subjectivity")),
        )


def _opt_sentiment(data: Any) -> Sentiment | None:
    return None if data is None else Sentiment.from_dict(data)


@dataclass(frozen=True, slots=True)
class Mention:
    """One place an entity is named; ``text == article_text[start_char:end_char]``."""

    start_char: int
    end_char: int
    text: str
    sentence: int
    paragraph: int = 0
    sentiment: Sentiment | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "start_char": self.start_char,
            "end_char": self.end_char,
            "text": self.text,
            "sentence": self.sentence,
            "paragraph": self.paragraph,
            "sentiment": None if self.sentiment is None else self.sentiment.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Mention:
        """Build from the JSON form."""
        return cls(
            start_char=int(data["start_char"]),
            end_char=int(data["end_char"]),
            text=str(data["text"]),
            sentence=int(data["sentence"]),
            paragraph=int(data.get("paragraph", 0)),
            sentiment=_opt_sentiment(data.get("sentiment")),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or group named in one article, all aliases merged."""

    id: str
    name: str
    label: str
    key: str
    mentions: tuple[Mention, ...]
    sentiment: Sentiment | None = None

    @property
    def count(self) -> int:
        """Number of mentions."""
        return len(self.mentions)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "key": self.key,
            "count": self.count,
            "sentiment": None if self.sentiment is None else self.sentiment.to_dict(),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        """Build from the JSON form (``count`` is derived from the mentions)."""
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            label=str(data["label"]),
            key=str(data["key"]),
            mentions=tuple(Mention.from_dict(m) for m in data.get("mentions", ())),
            sentiment=_opt_sentiment(data.get("sentiment")),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and who it is attributed to (speaker fields are None when unattributed).

    ``spans`` are the pieces of quoted words, each indexing the original text: a quote split
    around its attribution (``"A," Lu said. "B"``) has one per piece, and ``text`` is the
    pieces joined by one space, never the attribution. ``start_char``/``end_char`` are the
    outer extent. Left empty, ``spans`` is the one piece ``((start_char, end_char),)``; pieces
    are cut to the outer extent, so narrowing it with ``dataclasses.replace`` keeps them true,
    and a ``text`` that is the whole extent's characters is cut to the pieces' words.

    >>> q = Quote("A, B", 1, 19, "direct", spans=((1, 3), (18, 19)))
    >>> Quote.from_dict(q.to_dict()) == q, q.to_dict()["spans"]
    (True, [[1, 3], [18, 19]])
    >>> Quote("We won", 5, 11, "direct").spans
    ((5, 11),)
    >>> Quote('A," Lu said. "B', 0, 15, "direct", spans=((0, 2), (14, 15))).text
    'A, B'
    """

    text: str
    start_char: int
    end_char: int
    kind: str
    speaker: str | None = None
    speaker_entity: str | None = None
    speaker_start_char: int | None = None
    speaker_end_char: int | None = None
    cue: str | None = None
    sentiment: Sentiment | None = None
    spans: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        lo, hi = self.start_char, self.end_char
        pieces = tuple((max(s, lo), min(e, hi)) for s, e in self.spans if min(e, hi) > max(s, lo))
        object.__setattr__(self, "spans", pieces or ((lo, hi),))
        if len(pieces) > 1 and len(self.text) == hi - lo:
            # the text of the whole extent (as ``replace(q, text=source[q.start_char:
            # q.end_char])`` gives): pieces lie apart by at least their quote marks, so their
            # words joined are always shorter; keep the words only
            words = " ".join(self.text[s - lo : e - lo] for s, e in pieces)
            object.__setattr__(self, "text", words)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "text": self.text,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "kind": self.kind,
            "spans": [[s, e] for s, e in self.spans],
            "speaker": self.speaker,
            "speaker_entity": self.speaker_entity,
            "speaker_start_char": self.speaker_start_char,
            "speaker_end_char": self.speaker_end_char,
            "cue": self.cue,
            "sentiment": None if self.sentiment is None else self.sentiment.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quote:
        """Build from the JSON form (without ``spans``, the quote is one piece)."""
        ssc, sec = data.get("speaker_start_char"), data.get("speaker_end_char")
        return cls(
            text=str(data["text"]),
            start_char=int(data["start_char"]),
            end_char=int(data["end_char"]),
            kind=str(data["kind"]),
            speaker=_opt_str(data.get("speaker")),
            speaker_entity=_opt_str(data.get("speaker_entity")),
            speaker_start_char=None if ssc is None else int(ssc),
            speaker_end_char=None if sec is None else int(sec),
            cue=_opt_str(data.get("cue")),
            sentiment=_opt_sentiment(data.get("sentiment")),
            spans=tuple((int(s), int(e)) for s, e in data.get("spans") or ()),
        )


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the article cites, normalised to a value in full units and a unit."""

    text: str
    start_char: int
    end_char: int
    kind: str
    value: float
    unit: str
    approx: bool = False
    sentence: int = 0
    entities: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "text": self.text,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "approx": self.approx,
            "sentence": self.sentence,
            "entities": list(self.entities),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Figure:
        """Build from the JSON form."""
        return cls(
            text=str(data["text"]),
            start_char=int(data["start_char"]),
            end_char=int(data["end_char"]),
            kind=str(data["kind"]),
            value=float(data["value"]),
            unit=str(data["unit"]),
            approx=bool(data.get("approx", False)),
            sentence=int(data.get("sentence", 0)),
            entities=tuple(str(e) for e in data.get("entities", ())),
        )


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the analysed text, with its sentiment."""

    start_char: int
    end_char: int
    sentiment: Sentiment

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "start_char": self.start_char,
            "end_char": self.end_char,
            "sentiment": self.sentiment.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Sentence:
        """Build from the JSON form."""
        return cls(
            start_char=int(data["start_char"]),
            end_char=int(data["end_char"]),
            sentiment=Sentiment.from_dict(data["sentiment"]),
        )


@dataclass(frozen=True, slots=True)
class ChromeSpan:
    """A stretch of page chrome (weather line, teaser block, …) left out of the analysis."""

    start_char: int
    end_char: int
    kind: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"start_char": self.start_char, "end_char": self.end_char, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChromeSpan:
        """Build from the JSON form."""
        return cls(int(data["start_char"]), int(data["end_char"]), str(data["kind"]))


@dataclass(frozen=True, slots=True)
class Article:
    """Everything newslens found in one article.

    Offsets in every record index the original input text. ``meta`` holds any other fields
    of the input record (they are written back out with the results).
    """

    id: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    sentiment: Sentiment | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    chrome: tuple[ChromeSpan, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: The analysed text, kept when asked for (and for HTML input, where offsets index the text
    #: extracted from the page, not the file); None otherwise.
    text: str | None = None

    def entity(self, ref: str) -> Entity | None:
        """Return the entity with this id (``"e0"``), or else the one with this name or key."""
        for ent in self.entities:
            if ref in (ent.id, ent.name, ent.key):
                return ent
        return None

    def _repr_html_(self) -> str:
        """Show the article in Jupyter: its text with entities, quotes, figures, chrome marked."""
        from ._display import article_html

        return article_html(self)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON record (DESIGN.md's contract, plus ``sentences`` and ``chrome``)."""
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "sentiment": None if self.sentiment is None else self.sentiment.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
            "sentences": [s.to_dict() for s in self.sentences],
            "chrome": [c.to_dict() for c in self.chrome],
        }
        if self.text is not None:
            out["text"] = self.text
        if self.meta:
            out["meta"] = dict(self.meta)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Build from the JSON record (as written by ``to_dict`` or ``newslens batch``)."""
        return cls(
            id=_opt_str(data.get("id")),
            title=_opt_str(data.get("title")),
            published=_opt_str(data.get("published")),
            source=_opt_str(data.get("source")),
            url=_opt_str(data.get("url")),
            sentiment=_opt_sentiment(data.get("sentiment")),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            figures=tuple(Figure.from_dict(f) for f in data.get("figures", ())),
            sentences=tuple(Sentence.from_dict(s) for s in data.get("sentences", ())),
            chrome=tuple(ChromeSpan.from_dict(c) for c in data.get("chrome", ())),
            meta=dict(data.get("meta") or {}),
            text=_opt_str(data.get("text")),
        )
