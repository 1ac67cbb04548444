"""Page chrome in scraped plain text: find it, and blank it out with offsets kept.

Scraped articles carry the site around them: a weather line ("21.6 C"), a date line,
breadcrumbs fused with the headline ("HomeChinaXi says…"), the headline repeated, "Read More",
a "Most Popular" block of other stories' teasers, a comment-system footer. ``find_chrome``
returns those stretches; ``blank_chrome`` replaces them by spaces (newlines kept), so the
cleaned text has the same length as the input and every offset into it is an offset into the
original.

    >>> page = "21.6 C\\nMonday, September 25, 2023\\nPrices rose.\\nRead More\\nMost Popular\\nX"
    >>> for c in find_chrome(page):
    ...     print(c.kind, repr(page[c.start_char:c.end_char]))
    weather '21.6 C'
    dateline 'Monday, September 25, 2023'
    footer 'Read More\\nMost Popular\\nX'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._records import ChromeSpan

__all__ = ["blank_chrome", "find_chrome"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_TIME = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"
# A line that holds nothing but a date (and maybe a weekday, a time, "Updated"/"Published").
_DATELINE = re.compile(
    rf"^(?:(?:Updated|Published|Posted|Last updated)\s*:?\s*)?(?:{_DAY},?\s*)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:\s*(?:,|at|-|\|)?\s*{_TIME})?\s*$",
    re.IGNORECASE,
)
_WEATHER = re.compile(r"^[-+]?\d{1,3}(?:[.,]\d+)?\s*°?\s*[CF]\b(?:\s+[A-Za-z ]{0,30})?$")
_BREADCRUMB = re.compile(r"^(?:Home(?=[A-Z])|Home\s*(?:[>»/|›]\s*\S))")
# Lines that are chrome wherever they stand.
_BOILERPLATE = re.compile(
    r"^(?:read more|continue reading|advertisement|advertisements|sponsored|share this( article)?:?"
    r"|share|tweet|print|email|like this:?|loading\.*|skip to (?:main )?content|click here.*"
    r"|sign up for our newsletter.*|subscribe(?: now)?|follow us.*)$",
    re.IGNORECASE,
)
# Headings after which the rest of the page is other stories, comments or site furniture.
_FOOTER = re.compile(
    r"^(?:most popular|most read|recent comments|related (?:articles|stories|posts|news|content)"
    r"|you may also like|you might also like|more from .{1,40}|more stories|trending(?: now)?"
    r"|leave a (?:reply|comment)|comments|recommended(?: for you)?|popular (?:posts|stories)"
    r"|this site uses akismet.*|%d bloggers like this:?|latest news|top stories|read next"
    r"|also read|see also)$",
    re.IGNORECASE,
)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without the newline."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _norm(line: str) -> str:
    line = line.translate(str.maketrans("“”‘’«»„", '""\'\'"""'))
    return " ".join(line.split()).lower()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    return start + lead, start + len(seg.rstrip())


def find_chrome(text: str, *, min_body_fraction: float = 0.3) -> list[ChromeSpan]:
    """Return the stretches of ``text`` that are page chrome, in order.

    Parameters
    ----------
    text
        The page as plain text.
    min_body_fraction
        A footer heading ("Most Popular", "Recent Comments", …) only cuts the rest of the page
        when it comes after at least this fraction of the non-blank lines, so a short page that
        opens with such a word keeps its body.

    Returns
    -------
    list of ChromeSpan
        Each span starts and ends on non-blank characters; ``kind`` says what it is
        (``weather``, ``dateline``, ``breadcrumb``, ``headline-repeat``, ``boilerplate``,
        ``footer``).

    """
    if not isinstance(text, str):
        raise TypeError(f"find_chrome() expects str, got {type(text).__name__}")
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    if len(lines) < 3:
        return []
    spans: list[ChromeSpan] = []
    footer_at: int | None = None
    for i, (s, e) in enumerate(lines):
        if i >= min_body_fraction * len(lines) and _FOOTER.match(text[s:e].strip()):
            footer_at = i
            break
    body = lines if footer_at is None else lines[:footer_at]
    # "Read More" and friends just above the footer belong to it.
    while footer_at is not None and body and _BOILERPLATE.match(text[slice(*body[-1])].strip()):
        body = body[:-1]
        footer_at -= 1
    seen: dict[str, int] = {}
    head_zone = 5  # weather, date and breadcrumb lines only count near the top
    for i, (s, e) in enumerate(body):
        s, e = _trimmed(text, s, e)
        line = text[s:e]
        key = _norm(line)
        kind: str | None = None
        if i < head_zone and _WEATHER.match(line):
            kind = "weather"
        elif i < head_zone and _DATELINE.match(line):
            kind = "dateline"
        elif i < head_zone and _BREADCRUMB.match(line):
            kind = "breadcrumb"
        elif _BOILERPLATE.match(line):
            kind = "boilerplate"
        elif seen.get(key, head_zone) < head_zone and len(key.split()) <= 25:
            kind = "headline-repeat"  # a line from the top of the page, repeated further down
        if kind is None:
            seen.setdefault(key, i)
        else:
            spans.append(ChromeSpan(s, e, kind))
    if footer_at is not None:
        s = lines[footer_at][0]
        spans.append(ChromeSpan(*_trimmed(text, s, len(text)), "footer"))
    return spans


def blank_chrome(text: str, spans: Sequence[ChromeSpan]) -> str:
    """Return ``text`` with every chrome span replaced by spaces (newlines kept).

    >>> blank_chrome("ab\\ncd", [ChromeSpan(0, 4, "x")])
    '  \\n d'
    """
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        for k in range(span.start_char, span.end_char):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)
