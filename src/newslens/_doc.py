"""Helpers over a spaCy ``Doc``: its text, sentence and paragraph bounds, span look-ups, strings.

Every helper here costs time linear in what it returns (or logarithmic in the document), never
in the whole document per call, so that stages calling them once per entity, quote or figure
stay linear in the article's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

__all__ = [
    "Stretches",
    "SpanIndex",
    "TokenColumns",
    "doc_text",
    "know_text",
    "paragraph_starts",
    "sentence_bounds",
    "sentence_index",
    "strings_of",
]

T = TypeVar("T")

# ``Doc.text`` joins every token's text on each access; a Doc's text never changes, so it is
# joined once per Doc (or given by whoever made the Doc) and kept as long as the Doc lives.
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()
# A parsed Doc's sentences never change either: their bounds are read once per Doc.
_SENTENCES: WeakKeyDictionary[Doc, tuple[tuple[int, int], ...]] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, joined once per ``Doc`` (``doc.text`` costs the whole Doc per call).

    >>> import spacy
    >>> doc_text(spacy.blank("en")("Two words."))
    'Two words.'
    """
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def know_text(doc: Doc, text: str) -> None:
    """Tell :func:`doc_text` that ``doc`` was tokenized from ``text``, saving the join.

    spaCy's tokenizer keeps every character, so such a Doc's text is ``text``; a ``text`` whose
    length is not where the Doc's last token ends is not taken.

    >>> import spacy
    >>> doc = spacy.blank("en")("Two words.")
    >>> know_text(doc, "Two words.")
    >>> doc_text(doc)
    'Two words.'
    """
    last = doc[-1] if len(doc) else None
    if len(text) == (0 if last is None else last.idx + len(last.text_with_ws)):
        _TEXTS[doc] = text


class _Strings:
    """Strings by their id, kept across Docs: a column of ids becomes words by dict look-ups.

    A string's id (its hash, or a spaCy symbol's number) names the same string in every
    vocabulary. The strings of the ids seen are kept until there are ``limit`` of them, then a
    fresh table starts, so memory stays flat over a long batch (a call already running keeps
    the table it started with).
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.known: dict[int, str] = {}

    def of(self, doc: Doc, ids: Sequence[int]) -> list[str]:
        """Return the string of each of ``ids``, as ``doc.vocab.strings`` gives it."""
        known = self.known
        if len(known) >= self.limit:
            known = self.known = {}
        missing = set(ids).difference(known)
        if missing:
            strings = doc.vocab.strings
            for k in missing:
                known[k] = strings[k]
        return [known[k] for k in ids]


_STRINGS = _Strings(limit=500_000)


def strings_of(doc: Doc, ids: Sequence[int]) -> list[str]:
    """Return the string of each of ``ids`` (a column of ``doc.to_array``), as the vocab gives it.

    One dict look-up per id (see ``_Strings``) instead of a look-up in the Doc's StringStore.

    >>> import spacy
    >>> from spacy.attrs import LOWER
    >>> doc = spacy.blank("en")("Two Words")
    >>> strings_of(doc, doc.to_array(LOWER).tolist())
    ['two', 'words']
    """
    return _STRINGS.of(doc, ids)


@dataclass(frozen=True, slots=True)
class TokenColumns:
    """A Doc's token texts and spacing as plain values, read in one go (no Token per word).

    A stage that walks every token reads these, and makes a ``Token`` only for the few
    tokens it looks at closer.

    >>> import spacy
    >>> TokenColumns.of(spacy.blank("en")("Tesco's shops"))
    TokenColumns(text=('Tesco', "'s", 'shops'), spaced=(False, True, False))
    """

    text: tuple[str, ...]  # each token's ``Token.text``
    spaced: tuple[bool, ...]  # whether whitespace follows the token (``Token.whitespace_``)

    @classmethod
    def of(cls, doc: Doc) -> TokenColumns:
        """Read ``doc``'s token texts and spacing."""
        columns = doc.to_array([ORTH, SPACY]).reshape(len(doc), 2)
        texts = strings_of(doc, columns[:, 0].tolist())
        return cls(tuple(texts), tuple(bool(k) for k in columns[:, 1].tolist()))


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of every sentence holding more than whitespace, trimmed of whitespace.

    A ``Doc`` without sentence boundaries counts as one sentence. The bounds of a parsed Doc
    (whose sentence starts spaCy refuses to change) are read once and kept.
    """
    known = _SENTENCES.get(doc)
    if known is None:
        known = _sentence_bounds(doc)
        if doc.has_annotation("DEP"):
            _SENTENCES[doc] = known
    return list(known)


def _sentence_bounds(doc: Doc) -> tuple[tuple[int, int], ...]:
    out = []
    text = doc_text(doc)
    if doc.has_annotation("SENT_START"):
        spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
    else:
        spans = [(0, len(text))]
    for s, e in spans:
        seg = text[s:e]
        stripped = seg.strip()
        if not stripped:
            continue
        s += len(seg) - len(seg.lstrip())
        out.append((s, s + len(stripped)))
    return tuple(out)


def sentence_index(starts: Sequence[int], char: int) -> int:
    """Index of the sentence (given by its start offsets) that holds offset ``char``."""
    return max(0, bisect_right(starts, char) - 1)


def paragraph_starts(text: str) -> list[int]:
    """Start offsets of paragraphs: blocks separated by blank lines (or by newlines if none).

    >>> paragraph_starts("One.\\n\\nTwo.\\n\\n\\nThree.")
    [0, 6, 13]
    """
    starts = [0]
    if _BLANK_LINE.search(text):
        starts.extend(m.end() for m in _BLANK_LINE.finditer(text))
    else:
        starts.extend(m.end() for m in re.finditer(r"\n\s*", text))
    return starts


class Stretches:
    """Character stretches ``(start, end)`` that answer "is this offset inside one?" by bisection.

    The stretches may overlap and come in any order; each query costs ``O(log n)``.

    >>> marks = Stretches([(10, 20), (4, 6)])
    >>> [marks.covers(k) for k in (3, 5, 6, 19, 20)]
    [False, True, False, True, False]
    >>> marks.overlaps(6, 11), marks.overlaps(6, 10), marks.starts_within(0, 5)
    (True, False, True)
    """

    def __init__(self, stretches: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(stretches)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))  # furthest end so far

    def covers(self, offset: int) -> bool:
        """Tell whether some stretch has ``start <= offset < end``."""
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and self._reach[k] > offset

    def overlaps(self, lo: int, hi: int) -> bool:
        """Tell whether some stretch has ``lo < end`` and ``start < hi``."""
        k = bisect_left(self._starts, hi) - 1
        return k >= 0 and self._reach[k] > lo

    def starts_within(self, lo: int, hi: int) -> bool:
        """Tell whether some stretch starts at ``lo <= start < hi``."""
        return bisect_left(self._starts, lo) < bisect_left(self._starts, hi)


class SpanIndex(Generic[T]):
    """Items with character spans, found by the offsets they overlap, in their original order.

    A query looks only at items starting within the longest item's length of it, so it costs
    ``O(log n)`` plus the items near it (entity mentions are short).

    >>> index = SpanIndex([(0, 5, "a"), (3, 9, "b"), (20, 25, "c")])
    >>> index.near(4, 5), index.near(10, 19), index.last_ending_by(20)
    (['a', 'b'], [], 'b')
    """

    def __init__(self, items: Iterable[tuple[int, int, T]]) -> None:
        listed = list(items)
        # by start, ties in their original order (what a stable sort by start gives)
        self._order = sorted(range(len(listed)), key=lambda k: listed[k][0])
        self._starts = [listed[k][0] for k in self._order]
        self._items = listed
        self._longest = max((e - s for s, e, _ in listed), default=0)

    def near(self, lo: int, hi: int) -> list[T]:
        """Every item starting in ``(lo - longest, hi]``, in the original order.

        These include all items that overlap ``[lo, hi)`` or start in it; the caller tests
        each candidate exactly.
        """
        a = bisect_right(self._starts, lo - self._longest)
        b = bisect_right(self._starts, hi)
        return [self._items[k][2] for k in sorted(self._order[a:b])]

    def last_ending_by(self, offset: int) -> T | None:
        """Return the last item, by start (ties: original order), ending by ``offset``.

        Steps back over the items that start before ``offset`` but reach past it only.
        """
        for j in range(bisect_right(self._starts, offset) - 1, -1, -1):
            _, end, item = self._items[self._order[j]]
            if end <= offset:
                return item
        return None
