"""HTML views of an Article and a Corpus for Jupyter (``_repr_html_``).

An article is drawn in four stages:

1. **marks**: entity mentions and figures become inline marks (displaCy's look and colours),
   one per span, never overlapping (a figure inside an entity mention keeps only the mention);
2. **layers**: quotes and page chrome become background layers over the text;
3. **pieces**: the text is cut at every mark and layer boundary into pieces, each a mark or a
   run of plain text, with the layers that cover it;
4. **render**: each piece is escaped and wrapped in its layers; every mark carries
   ``data-start``/``data-end``, and its text is exactly ``text[start:end]``.

Tables of the entities, quotes and figures follow the text.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from spacy.displacy.render import DEFAULT_LABEL_COLORS

if TYPE_CHECKING:  # pragma: no cover
    from ._corpus import Corpus
    from ._records import Article

__all__ = ["article_html", "corpus_html"]

_FIGURE_COLOUR = DEFAULT_LABEL_COLORS["MONEY"]
_QUOTE_STYLE = "background: #fff7d6; border-bottom: 2px solid #e0b000;"
_CHROME_STYLE = "color: #9a9a9a; text-decoration: line-through;"
_MARK_STYLE = (
    "background: {bg}; padding: 0.2em 0.4em; margin: 0 0.15em; line-height: 1.9; "
    "border-radius: 0.35em;"
)
_LABEL_STYLE = "font-size: 0.7em; font-weight: bold; margin-left: 0.4em; vertical-align: middle;"


@dataclass(frozen=True, slots=True)
class Mark:
    """An inline mark: an entity mention or a figure."""

    start: int
    end: int
    label: str
    colour: str
    title: str


@dataclass(frozen=True, slots=True)
class Layer:
    """A background layer: a quote (with its speaker) or a stretch of page chrome."""

    start: int
    end: int
    kind: str
    note: str


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the text: one mark, or plain text; with the layers over it."""

    start: int
    end: int
    mark: Mark | None
    layers: tuple[Layer, ...]


# --- 1. marks -------------------------------------------------------------------------------


def marks(article: Article) -> list[Mark]:
    """Return the article's entity mentions and figures as non-overlapping marks, in order."""
    found = [
        Mark(
            m.start_char,
            m.end_char,
            e.label,
            DEFAULT_LABEL_COLORS.get(e.label, "#ddd"),
            f"{e.name} ({e.label}, ×{e.count})",
        )
        for e in article.entities
        for m in e.mentions
    ]
    found += [
        Mark(f.start_char, f.end_char, f.kind.upper(), _FIGURE_COLOUR, f"= {f.value:,g} {f.unit}")
        for f in article.figures
    ]
    found.sort(key=lambda k: (k.start, -k.end, k.label not in DEFAULT_LABEL_COLORS))
    kept: list[Mark] = []
    for mark in found:
        if not kept or mark.start >= kept[-1].end:
            kept.append(mark)
    return kept


# --- 2. layers ------------------------------------------------------------------------------


def layers(article: Article) -> list[Layer]:
    """Return the quotes and the page chrome of the article as layers.

    A quote is one layer per piece of its quoted words (``Quote.spans``), so the attribution
    between the pieces of a split quote ("…," she said. "…") is not shaded as quoted.
    """
    quotes = [
        Layer(start, end, "quote", f"{q.speaker or 'unattributed'} ({q.kind})")
        for q in article.quotes
        for start, end in q.spans
    ]
    chrome = [Layer(c.start_char, c.end_char, "chrome", c.kind) for c in article.chrome]
    return sorted(quotes + chrome, key=lambda layer: (layer.start, layer.end))


# --- 3. pieces ------------------------------------------------------------------------------


def pieces(length: int, marks: Sequence[Mark], layers: Sequence[Layer]) -> list[Piece]:
    """Cut ``[0, length)`` into pieces at mark and layer boundaries (marks are never cut)."""
    inside = [(m.start, m.end) for m in marks]
    starts = [m.start for m in marks]

    def within_mark(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return k >= 0 and inside[k][0] < offset < inside[k][1]

    cuts = {0, length}
    cuts.update(b for m in marks for b in (m.start, m.end))
    cuts.update(b for layer in layers for b in (layer.start, layer.end) if not within_mark(b))
    bounds = sorted(c for c in cuts if 0 <= c <= length)
    by_start = {m.start: m for m in marks}
    out: list[Piece] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if out and out[-1].mark is not None and start < out[-1].end:
            continue  # inside the mark just placed
        mark = by_start.get(start)
        stop = mark.end if mark is not None else end
        over = tuple(layer for layer in layers if layer.start <= start and stop <= layer.end)
        out.append(Piece(start, stop, mark, over))
    return out


# --- 4. render ------------------------------------------------------------------------------


def _render_piece(text: str, piece: Piece) -> str:
    body = html.escape(text[piece.start : piece.end])
    if piece.mark is not None:
        m = piece.mark
        body = (
            f'<mark class="nl-mark" data-start="{m.start}" data-end="{m.end}" '
            f'title="{html.escape(m.title)}" style="{_MARK_STYLE.format(bg=m.colour)}">{body}'
            f'<span style="{_LABEL_STYLE}">{html.escape(m.label)}</span></mark>'
        )
    for layer in piece.layers:
        style = _QUOTE_STYLE if layer.kind == "quote" else _CHROME_STYLE
        body = (
            f'<span class="nl-{layer.kind}" title="{html.escape(layer.note)}" '
            f'style="{style}">{body}</span>'
        )
    return body


def _table(rows: Iterable[dict[str, object]], columns: Sequence[str], title: str) -> str:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    if frame.empty:
        return f"<p><b>{title}</b>: none</p>"
    return f"<p><b>{title}</b> ({len(frame)})</p>" + frame.to_html(index=False, border=0)


def article_html(article: Article, *, top: int = 20) -> str:
    """Return the HTML view of ``article``: its marked text (if kept), then its tables."""
    parts = ['<div class="newslens-article" style="font-family: sans-serif;">']
    if article.id or article.title:
        parts.append(f"<h4>{html.escape(article.title or article.id or '')}</h4>")
    if article.text is not None:
        text = article.text
        body = "".join(
            _render_piece(text, p) for p in pieces(len(text), marks(article), layers(article))
        )
        parts.append(f'<div style="white-space: pre-wrap; line-height: 2;">{body}</div>')
    else:
        parts.append("<p><i>(text not kept: analyse with keep_text=True to see it)</i></p>")
    parts.append(
        _table(
            (
                {
                    "id": e.id,
                    "name": e.name,
                    "label": e.label,
                    "mentions": e.count,
                    "aliases": ", ".join(sorted({m.text for m in e.mentions} - {e.name})),
                    "sentiment": None if e.sentiment is None else e.sentiment.label,
                }
                for e in article.entities[:top]
            ),
            ["id", "name", "label", "mentions", "aliases", "sentiment"],
            "Entities",
        )
    )
    parts.append(
        _table(
            (
                {"speaker": q.speaker, "quote": q.text, "kind": q.kind, "cue": q.cue}
                for q in article.quotes[:top]
            ),
            ["speaker", "quote", "kind", "cue"],
            "Quotes",
        )
    )
    parts.append(
        _table(
            (
                {"figure": f.text, "value": f.value, "unit": f.unit, "kind": f.kind}
                for f in article.figures[:top]
            ),
            ["figure", "value", "unit", "kind"],
            "Figures",
        )
    )
    parts.append("</div>")
    return "".join(parts)


def corpus_html(corpus: Corpus, *, top: int = 10, limit: int = 1000) -> str:
    """Return the HTML summary of ``corpus``: counts, top entities, speakers and figure units.

    At most ``limit`` articles are read for it (a corpus on disk may hold millions).
    """
    from ._corpus import Corpus as _Corpus

    head = []
    for k, art in enumerate(corpus):
        if k >= limit:
            break
        head.append(art)
    sample = _Corpus(head)
    ents, quotes, figs = sample.entities_frame(), sample.quotes_frame(), sample.figures_frame()
    note = f" (the first {limit})" if len(head) == limit else ""
    parts = [
        '<div class="newslens-corpus" style="font-family: sans-serif;">',
        f"<p><b>{len(head)} articles{note}</b>: {len(ents)} entities, {len(quotes)} quotes, "
        f"{len(figs)} figures</p>",
    ]
    if len(ents):
        by = ents.groupby(["name", "label"]).size().sort_values(ascending=False).head(top)
        parts.append("<p><b>Top entities</b></p>" + by.rename("articles").to_frame().to_html())
    if len(quotes) and quotes["speaker"].notna().any():
        speakers = quotes["speaker"].value_counts().head(top).rename("quotes").to_frame()
        parts.append("<p><b>Top speakers</b></p>" + speakers.to_html())
    if len(figs):
        units = figs.groupby(["kind", "unit"]).size().sort_values(ascending=False).head(top)
        parts.append("<p><b>Figures by unit</b></p>" + units.rename("figures").to_frame().to_html())
    parts.append("</div>")
    return "".join(parts)
