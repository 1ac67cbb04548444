"""Figures: every number a story cites, normalised to a value in full units and a unit.

``parse_figures(text)`` is the pure parser (no spaCy): it finds money, percentages, quantities
and numbers with scale words in plain text. ``extract_figures(doc)`` runs it over a parsed
``Doc`` and adds what needs the parse: the counted noun of a count ("5,000 jobs" -> ``job``), the
sentence, the entities of that sentence, and the exclusion of dates, times, ages and names
(tagged by the statistical NER).

Stages of ``parse_figures`` (plain text in, ``_Raw`` candidates out):

1. scan: ``_CANDIDATE`` finds each place a number starts (digits, a currency sign, a word number
   with a scale word, a word number before "per cent", a relay such as "4x100m");
2. ``_read`` turns one match into a candidate, in steps: the number as written (``_relay``, or
   ``_number`` -> ``_digits`` / ``_word_number``, giving a ``_Number``), the unit word after it
   (``_suffix``, giving a ``_Suffix``), a bare "5m" as metres or millions (``_bare_m``, giving
   a ``_BareM``), then the first reading that applies: a word joined by a hyphen
   (``_compound``), a currency prefix (``_prefixed``), a unit word (``_suffixed``, with
   ``_currency_word``; units are ``_Unit`` records), or a number waiting for its noun
   (``_plain``);
3. ``_signed``: a minus sign against an amount; ``_on_word_bounds``: no figure inside a word;
4. ``_ranges``: the two ends of a range share a unit, a currency and a scale.

Stages of ``extract_figures`` (a ``Doc`` in, ``Figure`` records out): ``_candidates`` (drop what
the parse shows is no figure, ``_excluded``; give a count its own noun, ``_own_noun``),
``_borrow_nouns`` (a number written without its noun takes that of the figure it stands with,
``_sibling`` / ``_elided``, or of the noun it stands for, ``_antecedent_noun``) and
``_to_figure``; candidates travel between them as ``_Found`` records.

The parser keeps to a few invariants: no figure starts or ends inside a word (the "rs" of
"covers 13" is not rupees); a currency word inside another unit is not money ("275
pound-feet"); "5m" without a currency is metres only when the text says so ("5m tall", "the
800m", "cleared 4.88m" in a story about heights) and millions otherwise, waiting for its noun.
It reads wire and web copy as written: ISO codes and local prefixes before the amount ("SEK 4.5
billion", "NT$8bn", "US$ 1.5 billion"), "bln", "crore" and "lakh", "pct" and "bps", units
joined by hyphens ("a 12-percentage-point drop"), a minus sign against an amount ("-0.2%"),
the scale of a range written once at its end ("$3-4 million"), the letter of a series or a
class that is no currency ("a Series A $20m round") and a stray space in "$30, 000".
With the parse, a count takes the noun it modifies (through a name between them: "300 Ministry
of Defence posts"), the noun written right after it, the noun of "the number of <noun>" that
its verb governs, ``job`` for a workforce cut "by" a number ("shrink its workforce by 2,400"),
the noun of a sibling figure it is compared with ("1.2m people ..., up from 900,000"), the noun
a list of counts gave once ("900 posts go to Leeds while 400 will close", "another 700"), or the
noun a number standing as a subject stands for ("... cheap laptops. About 300,000 are
sold"). Numbers inside names ("Xbox 2 console"), multipliers ("40 times") and group sizes
("a 60 strong team") are not counts.

    >>> text = "Profits hit £460m, up 22%; it cost $1.2bn, or 50p a share."
    >>> [(text[f.start:f.end], f.kind, f.value, f.unit) for f in parse_figures(text)]
    [('£460m', 'money', 460000000.0, 'GBP'), ('22%', 'percent', 22.0, '%'), \
('$1.2bn', 'money', 1200000000.0, 'USD'), ('50p', 'money', 0.5, 'GBP')]
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from spacy.tokens import Doc, Span, Token

from ._doc import doc_text, sentence_bounds
from ._records import Entity, Figure

__all__ = ["extract_figures", "parse_figures"]

# --- lexicon ---------------------------------------------------------------------------------

# ISO 4217 codes that only ever stand for money before a number (not "TRY", "PHP", "ALL")
_WIRE_CODES = "NZD SGD SEK NOK DKK KRW TWD BRL ZAR MXN RUB IDR MYR THB PLN ILS AED SAR".split()
_CURRENCY_PREFIX = {
    "US$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "NT$": "TWD",
    "RMB": "CNY",
    "Rmb": "CNY",
    "Rp": "IDR",
    "SFr": "CHF",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "USD": "USD",
    "GBP": "GBP",
    "EUR": "EUR",
    "AUD": "AUD",
    "CAD": "CAD",
    "HKD": "HKD",
    "JPY": "JPY",
    "CHF": "CHF",
    "CNY": "CNY",
    "INR": "INR",
    # ISO codes written before the amount in wire copy: "SEK 4.5 billion", "KRW 1.2 trillion"
    **{code: code for code in _WIRE_CODES},
}
_CURRENCY_WORD = {
    "us dollars": "USD",
    "us dollar": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "australian dollars": "AUD",
    "indian rupees": "INR",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "swiss francs": "CHF",
    "won": "KRW",
    "pesos": "MXN",
    "rand": "ZAR",
    "rands": "ZAR",
    "naira": "NGN",
    "shekels": "ILS",
    "zloty": "PLN",
    "baht": "THB",
    "ringgit": "MYR",
    "kronor": "SEK",
    "krona": "SEK",
    "rupiah": "IDR",
    "dinars": "DZD",
    # ISO codes written after the amount: "20 million USD"
    **{code.lower(): code for code in "USD EUR GBP JPY CNY INR AUD CAD CHF HKD".split()},
}
_SUBUNIT = {"pence": "GBP", "p": "GBP", "cents": "USD", "cent": "USD"}
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "trillion": 1e12,
    "hundred": 1e2,
    # South Asian scale words: "Rs 450 crore" (4.5bn rupees), "12 lakh" (1.2m)
    "crore": 1e7,
    "crores": 1e7,
    "lakh": 1e5,
    "lakhs": 1e5,
}


@dataclass(frozen=True, slots=True)
class _Unit:
    """What a unit word after a number makes of it: "20 basis points" is 0.2 percentage points."""

    kind: str  # percent or quantity
    symbol: str  # the unit of the figure: "%", "pp", "km", "barrel/day"
    factor: float  # from the unit as written to the symbol's: 0.01 for basis points


# unit surface form (lower case) -> its unit
_UNITS: dict[str, _Unit] = {}


def _units(kind: str, symbol: str, *forms: str, factor: float = 1.0) -> None:
    """Enter the written forms of one unit: "km", "kilometres" and "kilometers" are ``km``."""
    unit = _Unit(kind, symbol, factor)
    for form in forms:
        _UNITS[form] = unit


_units("percent", "%", "%", "per cent", "percent", "pc", "pct", "per-cent")
_units(
    "percent",
    "pp",
    "percentage points",
    "percentage point",
    "% points",
    "% point",
    "per cent points",
    "pct points",
    "pct point",
    "percentage-point",
)
_units("percent", "pp", "basis points", "basis point", "bps", factor=0.01)  # not "bp" (BP)
_units(
    "quantity",
    "barrel/day",
    "barrels a day",
    "barrels per day",
    "barrels of oil a day",
    "barrels of oil per day",
    "bpd",
    "b/d",
    "barrels/day",
)
_units("quantity", "km", "km", "kilometres", "kilometers", "kilometre", "kilometer")
_units("quantity", "m", "metres", "meters", "metre", "meter")
_units("quantity", "cm", "cm", "centimetres", "centimeters", "centimetre")
_units("quantity", "mm", "mm", "millimetres", "millimeters", "millimetre")
_units("quantity", "mile", "miles", "mile")
_units("quantity", "ft", "ft", "feet", "foot")
_units("quantity", "inch", "inches", "inch", "in.")
_units("quantity", "mph", "mph", "miles per hour", "miles an hour")
_units("quantity", "km/h", "km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour")
_units("quantity", "kg", "kg", "kilograms", "kilogrammes", "kilogram", "kilos", "kilo")
_units("quantity", "g", "g", "grams", "grammes", "gram")
_units("quantity", "tonne", "tonnes", "tonne", "tons", "ton", "metric tons")
_units("quantity", "lb", "lb", "lbs")
_units("quantity", "litre", "litres", "liters", "litre", "liter", "l")
_units("quantity", "gallon", "gallons", "gallon")
_units("quantity", "barrel", "barrels", "barrel", "bbl")
_units("quantity", "sq km", "sq km", "square kilometres", "square kilometers", "km2", "sq. km")
_units("quantity", "sq mile", "square miles", "sq miles", "square mile")
_units("quantity", "hectare", "hectares", "hectare", "ha")
_units("quantity", "acre", "acres", "acre")
_units("quantity", "sq ft", "sq ft", "square feet", "square foot", "sq. ft")
_units("quantity", "c", "°c", "c", "degrees celsius", "degrees c", "celsius", "degrees centigrade")
_units("quantity", "f", "°f", "degrees fahrenheit", "degrees f", "fahrenheit")
_units("quantity", "kWh", "kwh", "kilowatt hours", "kilowatt-hours")
_units("quantity", "MW", "mw", "megawatts", "megawatt")
_units("quantity", "GW", "gw", "gigawatts", "gigawatt")
_units("quantity", "KB", "kb", "kilobytes")
_units("quantity", "MB", "mb", "megabytes", "megabyte")
_units("quantity", "GB", "gb", "gigabytes", "gigabyte")
_units("quantity", "TB", "tb", "terabytes", "terabyte")
_units("quantity", "Mbps", "mbps", "mbit/s", "megabits per second")
_units("quantity", "GHz", "ghz", "gigahertz")
_units("quantity", "MHz", "mhz", "megahertz")
# engine figures: "536 hp", "275 pound-feet of torque" (a unit word inside a unit, not pounds)
_units("quantity", "hp", "hp", "bhp", "horsepower")
_units("quantity", "lb-ft", "lb-ft", "lb ft", "pound-feet", "pound-foot", "foot-pounds")

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
    "half a": 0.5,
    "a quarter of a": 0.25,
    "quarter of a": 0.25,
    "three quarters of a": 0.75,
    "a half": 0.5,
    "half": 0.5,
}
# words that make a figure approximate: "about 300", "more than $5bn"
_HEDGES = (
    "about",
    "around",
    "roughly",
    "some",
    "nearly",
    "almost",
    "up to",
    "more than",
    "over",
    "at least",
    "less than",
    "under",
    "fewer than",
    "close to",
    "approximately",
    "an estimated",
    "estimated",
    "just over",
    "just under",
    "as much as",
    "as many as",
    "in excess of",
    "upwards of",
    "approx.",
    "circa",
    "c.",
    "barely",
    "below",
    "above",
    "well over",
)
# athletics and swimming events are names: "the 800m", "60m hurdles"
_EVENT_DISTANCES = frozenset(
    {
        "50",
        "60",
        "100",
        "110",
        "200",
        "400",
        "800",
        "1500",
        "1,500",
        "3000",
        "3,000",
        "5000",
        "5,000",
        "10,000",
        "10000",
    }
)
_EVENT_WORDS = frozenset(
    "race hurdles final finals title runner runners relay record records champion champions "
    "gold silver bronze event events sprint sprinter heat heats crown freestyle backstroke "
    "breaststroke butterfly medley world indoor outdoor steeplechase specialist".split()
)
# words after "12-" that do not make "12-word" a count
_HYPHEN_STOP = frozenset(
    "a an the year years old point points strong fold plus odd something time times all nil "
    "up down off in out on and or to per cent percent member-state".split()
)
_EVENT_BEFORE = re.compile(r"(?:\bthe|'s|olympic|world|indoor|european)\s$")
# words right after "5m" that make it metres: "5m tall", "a 100m-long wall"
_METRE_AFTER = frozenset(
    "tall high deep long wide thick away across underground below above -tall -high -deep "
    "-long -wide -thick -metre -meter".split()
)
# verbs of a jump or a throw: "cleared 4.88m" is metres unless a noun follows ("cleared 5m tonnes")
_METRE_BEFORE = re.compile(r"\b(?:cleared|vaulted|jumped|leapt|leaped|threw|thrown)\s+$")
# an article that talks of heights, distances or track and field reads a bare "5m" as metres
_METRE_TOPIC = re.compile(
    r"\b(?:metres?|meters?|pole vault\w*|vault(?:er|ers|ing)|(?:high|long|triple) jump\w*|hurdles|"
    r"sprinters?|steeplechase|athletics|javelin|discus|heptathlon|decathlon|freestyle|"
    r"backstroke|breaststroke)\b",
    re.IGNORECASE,
)
_NOT_PLURAL = frozenset(
    "this thus plus less unless across always perhaps whereas was has is its his hers yes "
    "besides".split()
)
_TIME_NOUNS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries fortnight fortnights night nights season seasons am pm "
    "a.m. p.m. gmt bst".split()
)

# --- the scanner ---------------------------------------------------------------------------

# a stray space after a thousands comma is a typo, not a list: "$30, 000", "12, 500 people"
_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d,])(?<!, )\d{1,3}, \d{3}(?![\d,])|\d+(?:\.\d+)?|\.\d+)"
)
_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|half an?|a quarter of an?|quarter of an?|three quarters of an?|an?)"
)
# A currency prefix starts at a word boundary and its letters are capitals: "US$", "HK $3.7bn"
# (wire copy spaces them), "$US113" (suffixed), "Rs 5", "USD 5" - never the "rs" of "covers".
_PREFIX = (
    r"(?:(?<![A-Za-z0-9])(?-i:US|AU|A|CA|C|HK|NZ|NT|S|R)\s?\$(?![A-Za-z])\s?"
    r"|\$(?-i:US|AU|A|CA|C|HK|NZ|S)(?![A-Za-z])\s?"
    r"|\$|£|€|¥|₹"
    r"|(?<![A-Za-z0-9])(?-i:Rs)\.?\s?"
    r"|(?<![A-Za-z0-9])(?-i:Rp|Rmb|RMB|SFr)\s?"
    rf"|(?<![A-Za-z0-9])(?-i:USD|GBP|EUR|AUD|CAD|HKD|JPY|CHF|CNY|INR|{'|'.join(_WIRE_CODES)})\s?)"
)
_SCALES = r"(?:trillion|billion|million|thousand|hundred|crores?|lakhs?|tn|trn|bn|bln|mn|mln|m|b|k)"
# Every figure starts at a digit, a point, a currency sign or the first letter of a word; the
# lookahead skips the letters inside words before any alternative is tried (2.4x faster).
_CANDIDATE = re.compile(
    r"(?=[\d.$£€¥₹]|\b[A-Za-z])(?:"
    r"(?<![A-Za-z0-9.,])(?P<legs>[2-9])\s?[x×]\s?(?P<leg>[1-9]\d{1,3})m(?![A-Za-z0-9])"
    rf"|(?P<pre>{_PREFIX})?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALES})(?![A-Za-z0-9]))?"
    rf"|(?P<wpre>{_PREFIX})?\b(?P<word>{_WORDNUM})[ -]"
    rf"(?P<wscale>trillion|billion|million|thousand)\b"
    rf"|\b(?P<pword>{_WORDNUM})[ -](?=per ?cent|percent))",
    re.IGNORECASE,
)
# Every figure holds an anchor: a digit, a currency sign, a point before a digit, or the scale
# word or "per cent" after a word number ("two million", "five per cent"). The anchor stands
# at most _ANCHOR_REACH characters after the figure's start: a prefix of four ("USD ") and the
# longest word number ("three quarters of an") with its space or hyphen. Finding the next
# anchor is cheap; the scanner, which tries every word, starts only that far before it.
_ANCHOR = re.compile(r"[\d$£€¥₹]|\.\d|trillion|billion|million|thousand|per ?cent", re.IGNORECASE)
_ANCHOR_REACH = 4 + len("three quarters of an") + 1
_UNIT_ALT = "|".join(
    re.escape(u) for u in sorted([*_UNITS, *_CURRENCY_WORD, *_SUBUNIT], key=len, reverse=True)
)
_SUFFIX = re.compile(rf"(?P<sp>\s?)(?P<unit>{_UNIT_ALT})(?![A-Za-z0-9])", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s?(-?[A-Za-z][A-Za-z'-]*)")


@dataclass(frozen=True, slots=True)
class _Raw:
    """A figure candidate as the plain text gives it: "£460m" is money, 4.6e8 GBP."""

    start: int
    end: int
    kind: str  # money, percent, quantity, count, number (a count waiting for its noun)
    value: float
    unit: str  # "" for a number
    approx: bool
    bare: bool = False  # no currency, unit or scale: a plain number
    maybe_metres: bool = False  # "5m" in a story about heights: metres if it counts nothing


def _to_float(num: str) -> float:
    """Read digits as written: "1,500" and the typo "30, 000" are 1500.0 and 30000.0."""
    return float(num.replace(",", "").replace(" ", ""))


def _hedged(text: str, start: int) -> bool:
    """Tell whether a hedge stands before a number: "about 300", "more than $5bn", "near-9,000"."""
    if _glued_to_hedge(text, start):
        return True
    before = text[max(0, start - 25) : start].lower().rstrip()
    return _HEDGE_BEFORE.search(before) is not None


# a hedge that ends the text before a number, as a word of its own (not the "over" of
# "Hanover"): ``[^\W_]`` is a character ``str.isalnum`` accepts
_HEDGE_BEFORE = re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, _HEDGES))})\Z")


# a hedge joined to its number by a hyphen: "a near-9,000 crowd", "the almost-300 staff";
# not "over-" and "under-", which glue an age group ("an under-21 side")
_GLUED_HEDGE = re.compile(r"(?<![A-Za-z])(?:near|nearly|almost|roughly|around)-$", re.IGNORECASE)


def _glued_to_hedge(text: str, start: int) -> bool:
    """Tell whether a number is written glued to a hedge by a hyphen ("near-9,000")."""
    return _GLUED_HEDGE.search(text[max(0, start - 8) : start]) is not None


def _blocked_before(text: str, start: int) -> bool:
    """Tell whether a number is glued to a name or code before it ("G7", "ITV1")."""
    if start == 0:
        return False
    prev = text[start - 1]
    return prev.isalnum() or prev in "_/#@"


def parse_figures(text: str) -> list[_Raw]:
    """Find figure candidates in plain text; never raises, every span lies inside ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"parse_figures() expects str, got {type(text).__name__}")
    metric = _Topic(text)
    out: list[_Raw] = []
    pos = 0
    while True:
        m = _next_candidate(text, pos)
        if m is None:
            break
        pos = m.end() if m.end() > m.start() else m.start() + 1
        raw = _read(text, m, metric=metric.metric)
        if raw is not None:
            raw = _signed(text, raw)
        if raw is not None and _on_word_bounds(text, raw.start, raw.end):
            out.append(raw)
            pos = max(pos, raw.end)
    return _ranges(text, out)


def _next_candidate(text: str, pos: int) -> re.Match[str] | None:
    """Return ``_CANDIDATE.search(text, pos)``, the scanner started near the next anchor.

    No figure starts more than ``_ANCHOR_REACH`` characters before the first anchor at or
    after ``pos`` (see ``_ANCHOR``), so the search from there finds the same match.
    """
    anchor = _ANCHOR.search(text, pos)
    if anchor is None:
        return None
    return _CANDIDATE.search(text, max(pos, anchor.start() - _ANCHOR_REACH))


class _Topic:
    """Whether a story is about heights, distances or track and field (``_METRE_TOPIC``).

    Only a bare "5m" asks, so the whole text is searched the first time one does, if ever.
    """

    __slots__ = ("_metric", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._metric: bool | None = None

    def metric(self) -> bool:
        """Tell whether the story reads a bare "5m" as metres (searched once, when first asked)."""
        if self._metric is None:
            self._metric = _METRE_TOPIC.search(self._text) is not None
        return self._metric


def _no_topic() -> bool:
    return False


def _signed(text: str, raw: _Raw) -> _Raw:
    """Take in a minus sign written against an amount: "growth of -0.2%", "(-3.1%)", "-5C".

    The sign must stand after a space or a bracket, so the hyphen of a range ("5-10%") or of a
    name ("F-35") is not a minus. Plain numbers and counts keep no sign.
    """
    s = raw.start
    if raw.kind not in ("money", "percent", "quantity") or s == 0 or text[s - 1] not in "-−":
        return raw
    if s >= 2 and not (text[s - 2].isspace() or text[s - 2] in "(["):
        return raw
    return replace(raw, start=s - 1, value=-raw.value)


def _on_word_bounds(text: str, start: int, end: int) -> bool:
    """Tell whether a span starts and ends at word boundaries (no figure inside a word)."""
    inside_start = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    inside_end = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (inside_start or inside_end)


def _currency(pre: str) -> str:
    """Return the ISO code of a prefix as written: "HK $" and "HK$" are HKD, "$US" is USD."""
    key = "".join(pre.split())
    if key.startswith("$") and len(key) > 1:
        key = key[1:] + "$"  # "$US" -> "US$"
    return _CURRENCY_PREFIX.get(key, "USD")


class _BareM(Enum):
    """How to read a "5m" written with no currency and no unit word after it."""

    METRES = "metres"  # "a 5m wall", "won the 800m"
    MILLIONS = "millions"  # "5m viewers": a count waiting for its noun
    EITHER = "either"  # "she cleared 4.88m": metres unless the parse finds a noun it counts


@dataclass(frozen=True, slots=True)
class _Number:
    """A number as the scanner matched it, before the unit word after it is read.

    "US$ 1.5 billion" is ``written`` 1.5 with prefix "US$" and scale "billion" (``value``
    1.5e9); "two million" has no digits.
    """

    start: int  # the figure's start: its currency prefix, or the number
    end: int  # the end of the number and of its scale word
    written: float  # the number as written, before its scale word
    digits: str | None  # the number in digits ("1,500"); None for a word number
    prefix: str | None  # the currency prefix as written ("US$", "HK $"); None without one
    scale: str | None  # the scale word in lower case ("m", "billion"); None without one

    @property
    def value(self) -> float:
        """The number in full units: "1.5 billion" is 1.5e9."""
        return self.written * _SCALE[self.scale] if self.scale else self.written


@dataclass(frozen=True, slots=True)
class _Suffix:
    """The unit word written right after a number: "%", "per cent", "pounds", "km", "p"."""

    word: str  # in lower case: a key of _UNITS, _CURRENCY_WORD or _SUBUNIT
    written: str  # as written: the "G" of "3G" is a capital
    spaced: bool  # a space stands between the number and the word: "5 p"
    end: int


def _read(text: str, m: re.Match[str], *, metric: Callable[[], bool] = _no_topic) -> _Raw | None:
    """Read one match of the scanner as a figure candidate; ``None`` when it is no figure.

    Steps: the number as written (``_relay``, or ``_number``), the unit word after it
    (``_suffix``), a bare "5m" as metres or millions (``_bare_m``), then the first reading that
    applies: a word joined by a hyphen (``_compound``), a currency prefix (``_prefixed``), a
    unit word (``_suffixed``), or a number waiting for its noun (``_plain``). ``metric`` tells
    whether the story is about heights or track and field (asked only of a bare "5m").
    """
    if m.group("legs") is not None:
        return _relay(m)
    number = _number(text, m)
    if number is None:
        return None
    suffix = _suffix(text, number.end)
    after = text[number.end : number.end + 2]
    if number.scale is None and suffix is None and after[:1].isalpha():
        return None  # an ordinal or a code: "12th", "3D", "4x4"
    bare_m = _bare_m(text, number, suffix, metric)
    if bare_m is _BareM.METRES:
        approx = _hedged(text, number.start)
        return _Raw(number.start, number.end, "quantity", number.written, "m", approx)
    if number.scale == "b" and number.prefix is None:
        return None  # "5b" without a currency: a code or a grade, not a figure
    approx = _hedged(text, number.start)
    if after[:1] == "-" and suffix is None and not after[1:].isdigit():
        return _compound(text, number, approx)
    if number.prefix is not None:
        return _prefixed(number, number.prefix, suffix, approx)
    if suffix is not None and _stands_as_unit(suffix):
        return _suffixed(text, number, suffix, approx)
    return _plain(number, approx, maybe_metres=bare_m is _BareM.EITHER)


def _relay(m: re.Match[str]) -> _Raw:
    """Read a relay as the distance its team runs: "won the 4x400m" is 1,600 metres."""
    value = float(int(m.group("legs")) * int(m.group("leg")))
    return _Raw(m.start(), m.end(), "quantity", value, "m", approx=False)


def _number(text: str, m: re.Match[str]) -> _Number | None:
    """Read the number a match starts with: digits (``_digits``) or words (``_word_number``).

    The scanner reads a word number only with a scale word ("two million") or before "per
    cent" ("five per cent"), never alone ("three people"). ``None`` for digits glued to a name
    ("the G7 summit") and for a run of digits too long for a float.
    """
    if m.group("num") is not None:
        number = _digits(text, m)
    elif m.group("word") is not None:
        number = _word_number(m)
    else:  # a word number before "per cent": "five per cent"
        written = float(_word_value(m.group("pword")))
        number = _Number(m.start(), m.end(), written, None, None, None)
    return number if number is not None and math.isfinite(number.written) else None


def _digits(text: str, m: re.Match[str]) -> _Number | None:
    """Read digits with the currency prefix and scale word around them: "HK $3.7bn", "1,200".

    Digits glued to a name are none ("ITV1"); a capital letter before "$" that is a word of its
    own is no part of the currency ("A $5bn deal was agreed", "a Series A $20m round").
    """
    pre, num, scale = m.group("pre"), m.group("num"), m.group("scale")
    start = m.start()
    if pre is None and _blocked_before(text, m.start("num")):
        return None
    if pre is not None and _letter_not_currency(text, m.start("pre"), pre):
        start = m.start("pre") + pre.index("$")
        pre = "$"
    scale_l = scale.lower() if scale else None
    return _Number(start, m.end(), _to_float(num), num, pre, scale_l)


def _word_number(m: re.Match[str]) -> _Number:
    """Read a word number with its scale word: "two million", "a billion", "half a million"."""
    word = m.group("word")
    key = " ".join(word.lower().replace("-", " ").split())
    written = float(_WORD_NUMBERS.get(key, _word_value(word)))
    scale = m.group("wscale").lower()
    return _Number(m.start(), m.end(), written, None, m.group("wpre"), scale)


def _suffix(text: str, end: int) -> _Suffix | None:
    """Return the unit word written right after a number ("5 per cent", "20km"), if any."""
    suffix = _SUFFIX.match(text, end)
    if suffix is None:
        return None
    written = suffix.group("unit")
    return _Suffix(written.lower(), written, bool(suffix.group("sp")), suffix.end())


def _bare_m(
    text: str, number: _Number, suffix: _Suffix | None, metric: Callable[[], bool]
) -> _BareM | None:
    """Read a "5m" written without a currency or a unit word; ``None`` for any other number.

    A count noun after it means millions ("5m viewers", "3m sheep"); metres need a context
    that says so: a word of extent after it ("a 5m tall fence", "a 100m-long wall"), an
    athletics event ("won the 800m", "the 60m hurdles"), or, when nothing is counted ("she
    cleared 4.88m"), a story about heights or track and field, or a verb of jumping or throwing
    before it (``EITHER``: metres unless the parse finds a noun).
    """
    if number.scale != "m" or number.prefix is not None or suffix is not None:
        return None
    start, end = number.start, number.end
    nxt = _NEXT_WORD.match(text, end)
    nxt_word = nxt.group(1).lower() if nxt else ""
    if nxt_word in _METRE_AFTER:
        return _BareM.METRES
    plural = nxt_word.endswith("s") and len(nxt_word) > 3 and nxt_word not in _NOT_PLURAL
    before = text[max(0, start - 12) : start].lower()
    if number.digits in _EVENT_DISTANCES and (
        nxt_word in _EVENT_WORDS or (_EVENT_BEFORE.search(before) and not plural)
    ):
        return _BareM.METRES
    near = metric() or _METRE_BEFORE.search(before) is not None
    return _BareM.EITHER if near and not plural else _BareM.MILLIONS


def _prefixed(number: _Number, prefix: str, suffix: _Suffix | None, approx: bool) -> _Raw | None:
    """Read a number after a currency prefix as money: "US$ 1.5 billion", "£460m", "Rs 450".

    A subunit after it makes no amount ("$50 cents" is neither 50 dollars nor 50 cents).
    """
    if suffix is not None and suffix.word in _SUBUNIT:
        return None
    return _Raw(number.start, number.end, "money", number.value, _currency(prefix), approx)


def _stands_as_unit(suffix: _Suffix) -> bool:
    """Tell whether a one-letter unit word after a number reads as that unit.

    "50p" is pence but "page 5 p" is not; "20g" is grams but a spaced "5 g" or a capital "3G"
    (a network) is not. Every other unit word reads as its unit. (A lone "l", the litre, is
    always read as litres: "a 2 l bottle".)
    """
    if suffix.word == "p":
        return not suffix.spaced
    if suffix.word == "g":
        return not (suffix.spaced or suffix.written.isupper())
    return True


def _suffixed(text: str, number: _Number, suffix: _Suffix, approx: bool) -> _Raw | None:
    """Read a number by the unit word after it: a subunit, a currency word or a unit.

    "50p" is 0.5 GBP, "70 billion dollars" is USD (``_currency_word``), "22 per cent" a
    percent, "20 basis points" 0.2 percentage points, "10,000 tonnes" a quantity.
    """
    word, end = suffix.word, suffix.end
    if word in _SUBUNIT:
        value = round(number.value / 100, 10)
        return _Raw(number.start, end, "money", value, _SUBUNIT[word], approx)
    if word in _CURRENCY_WORD:
        return _currency_word(text, number, suffix, approx)
    unit = _UNITS[word]
    value = round(number.value * unit.factor, 10)
    return _Raw(number.start, end, unit.kind, value, unit.symbol, approx)


# countries written after "dollars": "4 million dollars Canadian"
_DOLLAR_COUNTRY = {
    "australian": "AUD",
    "canadian": "CAD",
    "hong kong": "HKD",
    "new zealand": "NZD",
}


def _currency_word(text: str, number: _Number, suffix: _Suffix, approx: bool) -> _Raw | None:
    """Read a number before a currency word as money: "5 billion yuan", "20 million USD".

    A currency word that starts another unit is none ("275 pound-force", "dollar-hours"); a
    country written after "dollars" names the dollar ("4 million dollars Canadian").
    """
    word, end = suffix.word, suffix.end
    if re.match(r"-[A-Za-z]", text[end : end + 2]):
        return None
    if _weighed(text, number.start, word):
        return _Raw(number.start, end, "quantity", number.value, "lb", approx)
    code = _CURRENCY_WORD[word]
    if word.startswith("dollar"):
        for country, iso in _DOLLAR_COUNTRY.items():
            if text[end : end + 1 + len(country)].lower().strip().startswith(country):
                code = iso
    return _Raw(number.start, end, "money", number.value, code, approx)


# a weight said before the number, in the same clause: "the boxer weighed in at 200 pounds", "a
# calf weighing 90 pounds", "a weight of 12 pounds"; no comma, full stop or semicolon between.
# "heavy" is no sign: "heavy fines of 500 pounds" are money
_WEIGHT_BEFORE = re.compile(r"\b(?:weigh(?:s|ed|ing)?|weight)\b[^.,;:!?\n]{0,30}$", re.I)


def _weighed(text: str, start: int, word: str) -> bool:
    """Tell whether "pounds" after a number weighs rather than pays: "weighed 200 pounds"."""
    if not word.startswith("pound"):
        return False
    return _WEIGHT_BEFORE.search(text, max(0, start - 50), start) is not None


def _plain(number: _Number, approx: bool, *, maybe_metres: bool) -> _Raw:
    """Read a number with no unit as a count waiting for its noun: "5,000 jobs", "2m viewers".

    With no scale word it is ``bare``: "in 1997", "Radio 4" may be a date or a name.
    """
    bare = number.scale is None
    value = number.value
    return _Raw(
        number.start, number.end, "number", value, "", approx, bare=bare, maybe_metres=maybe_metres
    )


# a capital letter that names a class or a funding round: "Series A", "Class C", "Grade R"
_LABEL_BEFORE = re.compile(
    r"\b(?:Series|Class|Round|Grade|Type|Tier|Category|Phase|Stage|Level|Division)\s$"
)


def _letter_not_currency(text: str, start: int, pre: str) -> bool:
    """Tell whether the one letter of a prefix such as "A $" is a word of its own.

    A sentence-initial "A $5bn deal was ..." is the article "a"; in "a Series A $20m round" or
    "its Class C $5 shares" the letter labels a series or a class. The "$" is then US dollars.
    """
    letter = pre.split("$")[0].strip()
    if len(letter) != 1:
        return False
    if _LABEL_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    return letter == "A" and pre[1].isspace() and _sentence_start(text, start)


def _sentence_start(text: str, start: int) -> bool:
    """Tell whether a position starts a sentence (or a quote, or a line)."""
    before = text[max(0, start - 3) : start].rstrip()
    return not before or before[-1] in ".!?\"'\n"


_HYPHEN_WORD = re.compile(r"-([a-z]+)(?![a-z-])")
# a unit of several words joined by hyphens: "12-percentage-point", "5-per-cent", "20-basis-point"
_HYPHEN_UNIT = re.compile(r"-([a-z]+(?:-[a-z]+)+)(?![a-z-])")


def _compound(text: str, number: _Number, approx: bool) -> _Raw | None:
    """Read a number joined by a hyphen to a word.

    "12-member" is a count, "10-mile" a quantity, "418bn-rand" money, "a 12-percentage-point
    drop" a change in points; word numbers ("trillion-dollar"), amounts after a currency
    prefix, ages and durations are not figures.
    """
    if number.digits is None or number.prefix is not None:
        return None
    start, end, value = number.start, number.end, number.value
    chain = _HYPHEN_UNIT.match(text, end)
    if chain is not None and chain.group(1).replace("-", " ") in _UNITS:
        unit = _UNITS[chain.group(1).replace("-", " ")]
        return _Raw(
            start, chain.end(), unit.kind, round(value * unit.factor, 10), unit.symbol, approx
        )
    hy = _HYPHEN_WORD.match(text, end)
    if hy is None:
        return None
    word = hy.group(1)
    if word in _HYPHEN_STOP or word in _TIME_NOUNS:
        return None
    stop = end + 1 + len(word)
    if word in _CURRENCY_WORD and _weighed(text, start, word):
        return _Raw(start, stop, "quantity", value, "lb", approx)  # "a 250-pound frame"
    if word in _CURRENCY_WORD:
        return _Raw(start, stop, "money", value, _CURRENCY_WORD[word], approx)
    if word in _UNITS:
        unit = _UNITS[word]
        return _Raw(start, stop, unit.kind, round(value * unit.factor, 10), unit.symbol, approx)
    return _Raw(start, stop, "count", value, word, approx)


def _word_value(word: str) -> float:
    """Add up a word number: "twenty-five" is 25.0 (0.0 for a word that is no number)."""
    parts = word.lower().replace("-", " ").split()
    total = 0.0
    for p in parts:
        total += float(_WORD_NUMBERS.get(p, 0))
    return total or float(_WORD_NUMBERS.get(" ".join(parts), 0))


def _ranges(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Give the first end of a range the unit of the second: "5-10%", "between 5 and 7 per cent".

    A money range written with the currency once, on its first end, gives the second end the
    same currency: "$40m-55m", "£2bn–3bn"; written with the scale once, on its second end, it
    gives the first end the same scale: "$3-4 million" runs from 3m to 4m dollars.
    """
    out = list(raws)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.kind == "money" and b.kind == "number" and text[a.end : b.start] in ("-", "–"):
            out[k + 1] = replace(b, kind="money", unit=a.unit, approx=a.approx or b.approx)
            if text[a.end - 1].isdigit() and _plain_value(text, b):
                out[k] = replace(a, value=round(a.value * b.value / _plain_value(text, b), 10))
            continue
        if not a.bare or b.kind == "number":
            continue
        gap = text[a.end : b.start].strip().lower()
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", text[a.start : a.end]):
            continue  # "in 2005 to 4%": a year, not the start of a range
        between = text[max(0, a.start - 8) : a.start].lower().rstrip().endswith("between")
        if gap in ("-", "–", "to", "/") or (gap == "and" and between):
            mult = 1.0
            if b.kind == "money":
                mult = b.value / _plain_value(text, b) if _plain_value(text, b) else 1.0
            out[k] = replace(
                a,
                kind=b.kind,
                unit=b.unit,
                value=round(a.value * mult, 10),
                approx=a.approx or b.approx,
                bare=False,
            )
    return out


def _plain_value(text: str, raw: _Raw) -> float:
    """Return the digits of a figure as written, without its scale: "4 million" is 4.0."""
    m = re.search(_NUM, text[raw.start : raw.end])
    return _to_float(m.group(0)) if m else 0.0


# --- with the parse ------------------------------------------------------------------------

_NOT_AFTER = frozenset(
    "no no. number aged age page route room flight chapter article section".split()
)
_NOT_COUNTED = frozenset(
    {
        "%",
        "percent",
        "per",
        "cent",
        "times",
        "time",
        "point",
        "points",
        "goal",
        "goals",
        "run",
        "runs",
        "mark",
        "marks",
        "vote",
        "votes",
        "seat",
        "seats",
        # the size of a ranking: "a top 20 list", "the top 40 chart"
        "list",
        "chart",
    }
)
_PERSONS = {
    "people": "person",
    "persons": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "staff": "staff",
    "police": "police",
}
_NUMERIC_OK = {"MONEY", "PERCENT", "QUANTITY", "CARDINAL", ""}


@dataclass(frozen=True, slots=True)
class _Found:
    """A figure candidate with its tokens, its sentence and, once known, its kind and unit."""

    raw: _Raw
    span: Span
    sentence: int
    kind: str | None  # None while the noun of a count is unknown
    unit: str | None  # None while the kind is


def extract_figures(
    doc: Doc,
    *,
    entities: Sequence[Entity] = (),
    sentence_starts: Sequence[int] | None = None,
) -> list[Figure]:
    """Return the figures of a parsed ``Doc``, each tied to the entities of its sentence.

    Three stages: ``_candidates`` (parse the text, drop dates, names and scores, give each count
    the noun it is written with), ``_borrow_nouns`` (a number written without its noun takes
    that of the figure it stands with) and ``_to_figure``.

    Parameters
    ----------
    doc
        A spaCy ``Doc`` (tagged, parsed, with entities).
    entities
        The article's entities; a figure lists the ids of those named in its sentence.
    sentence_starts
        Start offsets of the sentences (as the sentiment stage found them); by default taken
        from the ``Doc``.

    """
    text = doc_text(doc)
    starts = (
        list(sentence_starts)
        if sentence_starts is not None
        else [s for s, _ in sentence_bounds(doc)]
    )
    found = _borrow_nouns(text, _candidates(doc, text, starts))
    by_sentence = _entities_by_sentence(entities)
    figures = (_to_figure(text, f, by_sentence) for f in found)
    return [figure for figure in figures if figure is not None]


def _entities_by_sentence(entities: Sequence[Entity]) -> dict[int, list[str]]:
    """List the ids of the entities named in each sentence, in the order the article gives them."""
    by_sentence: dict[int, list[str]] = {}
    for ent in entities:
        for m in ent.mentions:
            ids = by_sentence.setdefault(m.sentence, [])
            if ent.id not in ids:
                ids.append(ent.id)
    return by_sentence


def _candidates(doc: Doc, text: str, starts: Sequence[int]) -> list[_Found]:
    """Parse the text, drop what is not a figure, and give each count its own noun if it has one."""
    out = []
    for raw in parse_figures(text):
        span = doc.char_span(raw.start, raw.end, alignment_mode="expand")
        if span is None or len(span) == 0 or _excluded(raw, span, text):
            continue
        sentence = max(0, bisect_right(starts, raw.start) - 1) if starts else 0
        if raw.kind != "number":
            out.append(_Found(raw, span, sentence, raw.kind, raw.unit))
            continue
        noun = _own_noun(span)
        out.append(_Found(raw, span, sentence, "count" if noun else None, noun or None))
    return out


def _own_noun(span: Span) -> str | None:
    """Return the noun a number is written with, if the sentence says what it counts.

    The noun it modifies ("5,000 jobs", ``_counted_noun``), the plural right after it
    (``_next_noun``), "the number of <noun>" its verb governs (``_implied_noun``), or ``job``
    for a workforce cut by it (``_workforce_noun``).
    """
    return _counted_noun(span) or _next_noun(span) or _implied_noun(span) or _workforce_noun(span)


def _borrow_nouns(text: str, found: list[_Found]) -> list[_Found]:
    """Give a number written without its noun the noun of the figure it stands with.

    In order of the text, so a noun passes along a list: "Some 900 posts go to Leeds, 400 to
    York and 250 to Hull". Failing a figure, the noun is the plural subject the number gives
    the size of ("Subscribers rose to 4.2m") or the noun a number standing as a subject stands
    for ("... cheap laptops. About 300,000 are sold"). A number that still counts nothing is
    metres if the story reads so ("she cleared 4.88m"), and is dropped otherwise.
    """
    out = list(found)
    for k, f in enumerate(out):
        if f.kind is not None:
            continue
        other = _sibling(text, out, k) or _elided(out, k)
        noun = None if other else _antecedent_noun(f.span)
        if other is not None:
            out[k] = replace(f, kind=other.kind, unit=other.unit)
        elif noun is not None:
            out[k] = replace(f, kind="count", unit=noun)
        elif f.raw.maybe_metres:
            metres = replace(f.raw, value=round(f.raw.value / 1e6, 10))
            out[k] = replace(f, raw=metres, kind="quantity", unit="m")
    return out


def _to_figure(text: str, f: _Found, by_sentence: dict[int, list[str]]) -> Figure | None:
    """Make the record of a candidate; ``None`` for a number that still counts nothing."""
    if f.kind is None or f.unit is None:
        return None
    raw = f.raw
    ids = tuple(by_sentence.get(f.sentence, ()))
    span = text[raw.start : raw.end]
    return Figure(span, raw.start, raw.end, f.kind, raw.value, f.unit, raw.approx, f.sentence, ids)


_LINKS = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,2}?(?:,\s*)?(?:from|to|than|and|or|against|versus|vs\.?|"
    r"compared (?:with|to)|"
    r"up from|down from|a year earlier|last year|in \d{4})?[\s,]*(?:from|to|than)?\s*$"
)


def _bare_metres(raw: _Raw, text: str) -> bool:
    """Tell whether a quantity is a "5m" read as metres, which lends no unit to its sibling."""
    return raw.kind == "quantity" and raw.unit == "m" and text[raw.end - 1 : raw.end] == "m"


def _sibling(text: str, found: list[_Found], k: int) -> _Found | None:
    """Find the count or quantity an elided figure is compared with, right next to it.

    "1.25 million vehicles from 1.27 million"; "1m barrels to 294.3m".
    """
    raw = found[k].raw
    for j in (k - 1, k + 1):
        if not 0 <= j < len(found):
            continue
        other = found[j]
        if other.kind not in ("count", "quantity") or _bare_metres(other.raw, text):
            continue
        a, b = (other.raw, raw) if j < k else (raw, other.raw)
        gap = text[a.end : b.start]
        if len(gap) <= 40 and "." not in gap and _LINKS.match(gap):
            return other
        if j < k and len(gap) <= 100 and not re.search(r"[.;:!?]", gap) and _BACK.search(gap):
            return other  # "1.2m people visited it last year, up from 900,000"
    return None


# a comparison that points back to the figure before it, however far in the clause
_BACK = re.compile(r"\b(?:up|down) from\s*$|\bcompared (?:with|to)\s*$")
# how a number stands as a noun phrase of its own: subject, object, conjunct, apposition
_NOMINAL = frozenset("nsubj nsubjpass dobj conj npadvmod attr appos".split())
# words that add to a count already given: "another 700", "a further 2,000", "300 more"
_ADDITIVE = frozenset("another further more other remaining extra".split())


def _elided(found: list[_Found], k: int) -> _Found | None:
    """Find the count whose noun a number standing on its own leaves out.

    News copy gives the noun once and then lists bare numbers: "Some 900 posts go to Leeds
    while 400 will close", "The mill employs 2,100 people and its rival employs 800". The
    number must be a noun phrase of its own (subject, object, conjunct) and the figure just
    before it in its sentence a count. A number that adds to a count ("another 700", "a
    further 2,000") or that a comparison starts ("The total, from 12,000 a year ago, ...") may
    take the count that ends the sentence before.
    """
    if k == 0 or found[k - 1].kind != "count":
        return None
    f, prev = found[k], found[k - 1]
    tok = f.span.root
    additive = any(c.lower_ in _ADDITIVE for c in tok.children) or (
        tok.dep_ == "pobj" and tok.head.lower_ == "from"
    )
    if prev.sentence == f.sentence and (tok.dep_ in _NOMINAL or additive):
        return prev
    if prev.sentence != f.sentence - 1:
        return None
    return prev if additive or _same_verb(prev, f) else None


def _same_verb(prev: _Found, f: _Found) -> bool:
    """Tell whether a bare number is the object or subject of the verb a count had just before.

    "The album sold 600,000 copies in Europe. By May it had sold 500,000 in the US."
    """
    tok = f.span.root
    if tok.dep_ not in ("dobj", "nsubj", "nsubjpass") or tok.head.pos_ != "VERB":
        return False
    noun = prev.span.root.head
    verb = noun.head
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ in ("dobj", "nsubj", "nsubjpass")
        and verb.pos_ == "VERB"
        and verb.lemma_ == tok.head.lemma_
    )


def _excluded(raw: _Raw, span: Span, text: str) -> bool:
    """Tell whether the parse shows a candidate is no figure.

    Money and percentages always stand. A quantity goes when the model tags it a date or a
    time, unless it is a temperature ("a low of -5C tonight"). A number goes when the model
    tags it anything but a number (a date, an age, an ordinal, a name: "FTSE 100"), when it
    is a multiplier ("up to 40 times the cost") or a group's size ("its 40 strong sales
    team"), and, when it is ``bare``, for the reasons of ``_bare_excluded``.
    """
    if raw.kind in ("money", "percent"):
        return False
    labels = {t.ent_type_ for t in span}
    if raw.kind == "quantity":
        return bool(labels & {"DATE", "TIME"}) and raw.unit not in ("c", "f")
    if labels - _NUMERIC_OK and not _glued_to_hedge(text, raw.start):
        return True  # the model's label of "near-9,000" belongs to the glued word
    if re.match(r"\s+times\b", text[raw.end : raw.end + 7]):
        return True
    if re.match(r"\s+strong\b", text[raw.end : raw.end + 8]):
        return True  # the team is not what it counts
    return raw.bare and _bare_excluded(raw, span, text)


def _bare_excluded(raw: _Raw, span: Span, text: str) -> bool:
    """Tell whether a plain number (no unit, no scale word) is something other than a count.

    A year ("in 1997"), a code or a phone number ("dial 0800"), part of a name ("Windows 95"),
    the base of a ratio ("one in 10"), a label ("page 12", "flight 404") or a score ("won 6-3").
    """
    doc = span.doc
    first, last = span[0], span[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    prev = doc[first.i - 1] if first.i > 0 else None
    digits = text[raw.start : raw.end]
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", digits):
        return True  # a year
    if digits.startswith("0") and len(digits) > 1 and "." not in digits:
        return True  # a code or a phone number
    if _part_of_name(digits, prev, nxt):
        return True
    if re.search(r"\b(?:one|\d+) in $", text[max(0, raw.start - 12) : raw.start].lower()):
        return True  # a ratio: "one in 10"
    if prev is not None and prev.lower_ in _NOT_AFTER:
        return True
    around = text[max(0, raw.start - 1) : raw.end + 1]
    if re.search(r"\d[-–]\d|\d[-–]$|^[-–]", text[max(0, raw.start - 2) : raw.end + 2]) and (
        "," not in around
    ):
        return True  # a score or a result ("6-3", "2-1")
    return False


def _part_of_name(digits: str, prev: Token | None, nxt: Token | None) -> bool:
    """Tell whether a plain number right after a capitalised name is part of that name.

    "Formula 1", "Windows 95"; before a noun only a short whole number, which news copy does not
    put after a name as a count: "the Xbox 2 console", "a Channel 7 reporter".
    """
    if prev is None or prev.pos_ != "PROPN" or not prev.text[:1].isupper():
        return False
    if nxt is None or nxt.pos_ != "NOUN":
        return True
    return digits.isdigit() and len(digits) <= 3 and prev.ent_type_ not in ("DATE", "TIME")


def _counted_noun(span: Span) -> str | None:
    """Return the noun a number modifies: "5,000 jobs", "1.2 million people".

    A name may stand between them ("300 Ministry of Defence posts", "40 Airbus jets"): the
    count is of the noun the name modifies, not of the name.
    """
    tok = span[-1]
    for _ in range(3):
        head = tok.head
        if head.i == tok.i:
            return None
        name = head.ent_type_ not in ("NORP", "DATE", "TIME")  # not "the 11 May attacks"
        if head.pos_ == "PROPN" and name and head.dep_ in ("compound", "nmod") and head.i > tok.i:
            if head.head.pos_ == "NOUN" and head.head.i > head.i:  # not "BBC 3 film" (a name)
                head = head.head
        noun_like = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ == "NORP")
        if noun_like and tok.dep_ in ("nummod", "compound", "quantmod", "amod"):
            if head.i < tok.i or _uncountable(head):
                return None
            return _noun_name(head)
        if head.pos_ == "NUM" or head.lower_ in _SCALE:
            tok = head
            continue
        break
    return _of_noun(span)


def _uncountable(tok: Token) -> bool:
    """Tell whether a noun names no thing a count counts: a time unit, a point, a percent."""
    lower = tok.text.lower()
    return lower in _TIME_NOUNS or lower in _NOT_COUNTED or tok.ent_type_ in ("DATE", "TIME")


_PREFIXES = frozenset("e pre co re ex non anti sub post mid multi self".split())


def _noun_name(tok: Token) -> str:
    """Name a counted noun as the gold does: singular, lower case, the head of a compound.

    "5,000 people" -> person, "10 million Mexicans" -> mexican; a hyphenated compound counts
    its last part ("900 steel-workers" -> worker), and keeps a prefix that makes a word of it
    ("2m e-books" -> e-book, "300 co-owners" -> co-owner).
    """
    doc = tok.doc
    if (
        tok.i + 2 < len(doc)
        and not tok.whitespace_
        and doc[tok.i + 1].text == "-"
        and not doc[tok.i + 1].whitespace_
        and doc[tok.i + 2].pos_ == "NOUN"
    ):
        last = _noun_name(doc[tok.i + 2])
        return f"{tok.lower_}-{last}" if tok.lower_ in _PREFIXES else last
    lower = tok.text.lower()
    if (tok.pos_ == "PROPN" or tok.text[:-1].isupper()) and lower.endswith("s"):
        return lower[:-1]  # a plural nationality or acronym the lemmatiser keeps: "MPs" -> mp
    return _PERSONS.get(lower, tok.lemma_.lower())


def _next_noun(span: Span) -> str | None:
    """Return the plural noun written right after a number the parser did not attach to it.

    The small model often parses the "m" of "About 5m people" as a noun of its own; the noun
    that follows (after at most two adjectives) is still the counted one.
    """
    doc = span.doc
    for tok in doc[span.end : min(len(doc), span.end + 3)]:
        if tok.pos_ == "ADJ":
            continue
        lower = tok.text.lower()
        if tok.pos_ != "NOUN" or not (tok.tag_ == "NNS" or lower in _PERSONS):
            return None
        return None if _uncountable(tok) else _noun_name(tok)
    return None


_TALLY = frozenset("number numbers total count tally tallies".split())


def _implied_noun(span: Span) -> str | None:
    """Return the noun a sentence counts when the number has none of its own.

    "The number of Japanese films released rose to 310 from 287" counts films, and so does
    "The ban will cut the total number of films shown to 310": the verb that governs the number
    (or the verb that one depends on) has "the number of <noun>" as its subject or object.
    Nothing else is guessed, so a number never takes a noun that the sentence does not say it
    counts.
    """
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    verbs = [verb]
    if verb.dep_ in ("xcomp", "ccomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        verbs.append(verb.head)
    for v in verbs:
        for tally in v.children:
            if tally.dep_ in ("nsubj", "nsubjpass", "dobj") and tally.lower_ in _TALLY:
                noun = _tally_noun(tally)
                if noun is not None:
                    return noun
    return None


def _governing_verb(tok: Token) -> Token | None:
    """Return the verb a number depends on, at most four steps up the parse."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _tally_noun(tally: Token) -> str | None:
    """Return the noun of "the number of <noun>" (``None`` for a time unit or nothing)."""
    for prep in tally.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN" and obj.lower_ not in _SCALE:
                    return None if _uncountable(obj) else _noun_name(obj)
    return None  # "a total of 20m": the figure itself, not a noun


# nouns for the whole staff of a firm: a cut "by" a number of them is a number of jobs
_WORKFORCE = frozenset("workforce workforces headcount payroll".split())


def _workforce_noun(span: Span) -> str | None:
    """Return ``job`` for the number a firm's workforce is cut or grown by.

    "The carmaker will shrink its workforce by 2,400" and "The group's headcount will be cut by
    1,200" count jobs: the number is the object of "by" on a verb whose object (or passive
    subject) is the workforce.
    """
    tok = span.root
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "by" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = prep.head
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj") and child.lower_ in _WORKFORCE:
            return "job"
    return None


# nouns that name an amount, not things that can be counted: "Profits were strong. 300 ..."
_AMOUNTS = frozenset(
    "sales prices shares profits earnings revenues costs rates figures levels returns losses "
    "cuts savings bills fees wages stocks assets exports imports reserves funds debts sums "
    "values ratings yields takings scores totals temperatures".split()
)


def _amount_noun(tok: Token) -> bool:
    """Tell whether a noun names an amount rather than things: "profits", "prices", "hours"."""
    return tok.lower_ in _AMOUNTS or _uncountable(tok)


def _antecedent_noun(span: Span) -> str | None:
    """Return the noun a number standing as a subject counts, from the sentences before.

    A number can stand for a noun named just before, as a pronoun does: "The firm makes cheap
    laptops for schools. About 300,000 are sold each year." The number, which has no noun of
    its own and no count just before it, must be the subject of its verb; the noun is the last
    plural common noun that is the subject or object of a clause in the one or two sentences
    before, unless that noun names an amount ("Profits were strong. 2,000 were hired").
    """
    tok = span.root
    if not span.doc.has_annotation("DEP"):
        return None
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "prep" for c in tok.children):
        return None  # "300 of them", "1,200 in Leeds": a noun of its own may follow
    sent = span.sent
    for _ in range(2):
        if sent.start == 0:
            return None
        sent = span.doc[sent.start - 1].sent
        for noun in reversed(sent):
            if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.tag_ == "NNS":
                return None if _amount_noun(noun) else _noun_name(noun)
    return None


_OF_NOUN = re.compile(r"\s+of\s+(?:the|its|their|these|those|all|his|her|our)\s+")


def _of_noun(span: Span) -> str | None:
    """Return the noun of "111 of the appointed bodies", "2m of its new Acme players"."""
    doc = span.doc
    m = _OF_NOUN.match(doc_text(doc), span.end_char)
    if m is None:
        return None
    start = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
    if start is None:
        return None
    for tok in doc[start.start : min(len(doc), start.start + 5)]:
        if tok.pos_ == "NOUN" and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN"):
            return None if _uncountable(tok) else _noun_name(tok)  # the head of "game consoles"
        if tok.pos_ not in ("ADJ", "VERB", "ADV", "NOUN", "PROPN"):
            return None  # "300 of the Acme Mk2 vans" reads through the name to "van"
    return None
