"""HTML views for notebooks: marks index the text, layers cover quotes and chrome."""

from __future__ import annotations

import html
import re

import pytest

from newslens import Article, ChromeSpan, Corpus, Entity, Figure, Mention, Quote
from newslens._display import Layer, Mark, layers, pieces
from tests.conftest import EXAMPLE

_MARK = re.compile(r'<mark class="nl-mark" data-start="(\d+)" data-end="(\d+)"[^>]*>(.*?)<span')


def _check_marks(page: str, text: str) -> int:
    found = _MARK.findall(page)
    for start, end, inner in found:
        assert html.unescape(inner) == text[int(start) : int(end)]
    return len(found)


def test_pieces_never_cut_a_mark_and_cover_the_text():
    marks = [Mark(4, 9, "PERSON", "#aaa", ""), Mark(20, 24, "MONEY", "#eee", "")]
    layers = [Layer(6, 22, "quote", "Okafor"), Layer(30, 40, "chrome", "footer")]
    cut = pieces(40, marks, layers)
    assert [(p.start, p.end) for p in cut][0] == (0, 4)
    assert all(a.end == b.start for a, b in zip(cut, cut[1:], strict=False))  # no gap
    assert [(p.start, p.end) for p in cut if p.mark] == [(4, 9), (20, 24)]
    inside = [p for p in cut if any(layer.kind == "quote" for layer in p.layers)]
    assert [(p.start, p.end) for p in inside] == [(9, 20)]  # the marks cross the quote's edges
    assert cut[-1].layers[0].kind == "chrome"


def test_hand_built_article_html_escapes_and_marks():
    text = 'Weather: 5C\n"Profits <rose> 5%," said Tesco & Co.'
    ent = Entity("e0", "Tesco & Co", "ORG", "tesco", (Mention(36, 46, "Tesco & Co", 0),))
    fig = Figure("5%", 26, 28, "percent", 5.0, "percent")
    quote = Quote("Profits <rose> 5%,", 13, 31, "direct", speaker="Tesco & Co")
    art = Article(
        id="a", entities=(ent,), figures=(fig,), quotes=(quote,),
        chrome=(ChromeSpan(0, 11, "weather"),), text=text,
    )  # fmt: skip
    page = art._repr_html_()
    assert _check_marks(page, text) == 2
    assert "&lt;rose&gt;" in page and "<rose>" not in page
    assert 'class="nl-chrome"' in page and 'class="nl-quote"' in page
    assert "= 5 percent" in page  # the normalised value on hover


def test_a_split_quote_shades_its_pieces_not_the_attribution():
    text = '"We won," Ana Ruiz said. "Now we build."'
    quote = Quote(
        "We won, Now we build.", 0, len(text), "direct", speaker="Ana Ruiz",
        spans=((1, 8), (26, 39)),
    )  # fmt: skip
    shaded = [(lay.start, lay.end) for lay in layers(Article(id="a", quotes=(quote,)))]
    assert shaded == [(1, 8), (26, 39)]
    page = Article(id="a", quotes=(quote,), text=text)._repr_html_()
    quoted = re.findall(r'<span class="nl-quote"[^>]*>(.*?)</span>', page)
    assert [html.unescape(q) for q in quoted] == ["We won,", "Now we build."]
    assert all("said" not in q for q in quoted)


@pytest.mark.model
def test_real_article_html_marks_equal_the_text(nl):
    text = EXAMPLE.read_text(encoding="utf-8")
    art = nl(text)
    page = art._repr_html_()
    n_mentions = sum(e.count for e in art.entities)
    assert _check_marks(page, text) >= n_mentions > 0
    assert page.count('class="nl-quote"') >= len(art.quotes) > 0
    assert "nl-chrome" in page
    summary = Corpus([art, art])._repr_html_()
    assert "2 articles" in summary and "Top entities" in summary
