import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslens._figures import parse_figures
from tests.conftest import check_offsets


def parsed(text):
    return [(text[f.start : f.end], f.kind, f.value, f.unit, f.approx) for f in parse_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$70 billion", ("$70 billion", "money", 7e10, "USD")),
        ("£460m", ("£460m", "money", 4.6e8, "GBP")),
        ("$1.2bn", ("$1.2bn", "money", 1.2e9, "USD")),
        ("€3.5 trillion", ("€3.5 trillion", "money", 3.5e12, "EUR")),
        ("A$5bn", ("A$5bn", "money", 5e9, "AUD")),
        ("HK$2m", ("HK$2m", "money", 2e6, "HKD")),
        ("50p", ("50p", "money", 0.5, "GBP")),
        ("20 cents", ("20 cents", "money", 0.2, "USD")),
        ("70 billion dollars", ("70 billion dollars", "money", 7e10, "USD")),
        ("460 million pounds", ("460 million pounds", "money", 4.6e8, "GBP")),
        ("5 billion yuan", ("5 billion yuan", "money", 5e9, "CNY")),
        ("22%", ("22%", "percent", 22.0, "%")),
        ("22 per cent", ("22 per cent", "percent", 22.0, "%")),
        ("five percent", ("five percent", "percent", 5.0, "%")),
        ("3.5 percentage points", ("3.5 percentage points", "percent", 3.5, "pp")),
        ("80mph", ("80mph", "quantity", 80.0, "mph")),
        ("21.6 C", ("21.6 C", "quantity", 21.6, "c")),
        ("2.5m barrels a day", ("2.5m barrels a day", "quantity", 2.5e6, "barrel/day")),
        ("10,000 tonnes", ("10,000 tonnes", "quantity", 1e4, "tonne")),
    ],
)
def test_units_and_scales(text, expected):
    (got,) = parsed(f"It was {text} then.")
    assert got[:3] == expected[:3] and math.isclose(got[2], expected[2])
    assert got[3] == expected[3]


def test_hedges_and_ranges():
    text = "About $5bn, between $5bn and $7bn, and 5-10% more than 300."
    got = parsed(text)
    assert got[0] == ("$5bn", "money", 5e9, "USD", True)
    assert got[1][:4] == ("$5bn", "money", 5e9, "USD") and got[2][:4] == (
        "$7bn",
        "money",
        7e9,
        "USD",
    )
    assert got[3][:4] == ("5", "percent", 5.0, "%") and got[4][:4] == ("10%", "percent", 10.0, "%")
    assert got[5][0] == "300" and got[5][4] is True


@pytest.mark.parametrize(
    "text",
    [
        "a trillion-dollar plan",
        "a multi-million pound deal",
        "three people",
        "the G7 summit",
        "his 12th title",
        "a 45-year-old man",
        "the 3G network",
        "ITV1 said",
    ],
)
def test_not_figures(text):
    assert [f for f in parse_figures(text) if f.kind != "number"] == []


PIECES = list("0123456789.,- $£€%mbnkp") + [
    " million",
    " per cent",
    "bn",
    "US$",
    " barrels a day",
    " to ",
    "-year-old",
    "mph",
    " C",
    "five ",
    " and ",
    "between ",
    "about ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_parser_never_raises(text):
    for f in parse_figures(text):
        assert 0 <= f.start < f.end <= len(text)
        assert math.isfinite(f.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parser_on_any_text(text):
    for f in parse_figures(text):
        assert 0 <= f.start < f.end <= len(text)
        assert math.isfinite(f.value)


# --- with the parse -------------------------------------------------------------------------


@pytest.mark.model
def test_counts_take_their_noun(nl):
    text = (
        "The firm cut 1.2 million jobs and 5,000 people left. It opened 40 new stores and "
        "sold 2m copies. Sales fell to 1.25 million vehicles from 1.27 million."
    )
    art = nl(text)
    got = [(f.text, f.kind, f.value, f.unit) for f in art.figures]
    assert got == [
        ("1.2 million", "count", 1.2e6, "job"),
        ("5,000", "count", 5000.0, "person"),
        ("40", "count", 40.0, "store"),
        ("2m", "count", 2e6, "copy"),
        ("1.25 million", "count", 1.25e6, "vehicle"),
        ("1.27 million", "count", 1.27e6, "vehicle"),
    ]
    check_offsets(art, text)


@pytest.mark.model
def test_dates_ages_scores_and_names_are_not_figures(nl):
    text = (
        "In 2004, Smith, 45, won 6-3 7-6 at 10am on 5 May. The FTSE 100 and Formula 1 "
        "teams met at No 10. Three people came. She ran the 800m final."
    )
    assert nl(text).figures == ()


@pytest.mark.model
def test_figures_link_entities_of_their_sentence(nl, seed):
    money = next(f for f in seed.figures if f.text == "$70 billion")
    assert (money.kind, money.value, money.unit) == ("money", 7e10, "USD")
    names = {seed.entity(e).name for e in money.entities}
    assert {"Beijing", "Central Asia"} <= names
    assert [f.text for f in seed.figures] == ["$70 billion", "22%"]
