"""The cost of analysing an article grows linearly with its length.

The work is measured without a clock: the number of Python-level calls (spaCy's Cython code
included) that ``cProfile`` counts while one article is analysed. It is deterministic, so the test
does not depend on the machine's load. Timings are in ``benchmarks/linearity.py``.
"""

from __future__ import annotations

import cProfile
import gc

import pytest

pytestmark = pytest.mark.model

_FIRST = ["Maria", "Tomas", "David", "Aisha", "Kenji", "Laura", "Pedro", "Olga"]
_LAST = ["Okafor", "Lindqvist", "Greene", "Rahman", "Sato", "Moreau", "Alves", "Petrova"]
_ORGS = ["Nordfrakt", "the Port of Valmora", "Aviora Insurance", "the Bank of England"]
#: Allowed growth of the work for a text four times as long (4 if exactly linear).
_MAX_RATIO = 5.0


def _paragraph(k: int) -> str:
    """A news paragraph with a quote, a speaker, an organisation, figures and a claim."""
    first, last, org = _FIRST[k % 8], _LAST[(k // 8) % 8], _ORGS[k % 4]
    return (
        f'"We will build {k + 3} new ships this year," said {first} {last}, the chief executive '
        f"of {org}. {last} added that profits rose {k % 40 + 2}% in {1990 + k % 30}, and "
        f'that the deal was "good news for the coast". Critics said the plan was reckless.'
    )


def _article(chars: int) -> str:
    """An article of at least ``chars`` characters; a shorter one is a prefix of a longer one."""
    parts: list[str] = []
    size = 0
    while size < chars:
        parts.append(_paragraph(len(parts)))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)


def _work(nl, text: str) -> int:
    """Number of function calls made while analysing ``text``.

    The garbage collector is held off while counting: a collection runs finalizers (Python
    calls) at moments that depend on what earlier tests left behind, not on this analysis.
    """
    gc.collect()
    gc.disable()
    profile = cProfile.Profile()
    try:
        profile.enable()
        nl(text)
        profile.disable()
    finally:
        gc.enable()
    return sum(entry.callcount for entry in profile.getstats())


def test_work_grows_linearly_with_article_length(nl):
    short, long = _article(5_000), _article(20_000)
    nl(long)  # first sight of the words and lexicons: not part of the measure
    ratio = _work(nl, long) / _work(nl, short)
    assert ratio <= _MAX_RATIO, f"4x the text cost {ratio:.1f}x the work: super-linear"


def test_work_measure_is_deterministic(nl):
    text = _article(3_000)
    nl(text)
    assert _work(nl, text) == _work(nl, text)
