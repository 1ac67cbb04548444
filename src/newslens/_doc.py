"""Helpers over a spaCy ``Doc``: sentence and paragraph boundaries as character offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc

__all__ = ["paragraph_starts", "sentence_bounds", "sentence_index"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of every sentence holding more than whitespace, trimmed of whitespace.

    A ``Doc`` without sentence boundaries counts as one sentence.
    """
    out = []
    text = doc.text
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
    return out


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
