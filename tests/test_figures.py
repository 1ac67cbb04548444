import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslens._figures import (
    _CANDIDATE,
    _HEDGES,
    _bare_m,
    _BareM,
    _glued_to_hedge,
    _hedged,
    _next_candidate,
    _number,
    _stands_as_unit,
    _suffix,
    parse_figures,
)
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
        "275 pound-force",  # a currency word inside another unit
    ],
)
def test_not_figures(text):
    assert [f for f in parse_figures(text) if f.kind != "number"] == []


# --- issue 14: figures read inside words, "m" as million or metres, wire-copy prefixes ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency code never starts inside a word: the "rs" of "covers"/"offers"
        ("The deal covers 13 percent of the economy.", [("13 percent", "percent", 13.0, "%")]),
        ("It offers 536 hp.", [("536 hp", "quantity", 536.0, "hp")]),
        ("It offers 275 pound-feet of torque.", [("275 pound-feet", "quantity", 275.0, "lb-ft")]),
        # "pounds" weighs, not pays, when the clause says so; "heavy" fines stay money
        ("The boxer weighed 200 pounds.", [("200 pounds", "quantity", 200.0, "lb")]),
        ("a calf weighing in at a 90-pound", [("90-pound", "quantity", 90.0, "lb")]),
        ("heavy fines of 500 pounds", [("500 pounds", "money", 500.0, "GBP")]),
        ("Weighing the offer, he paid 50 pounds.", [("50 pounds", "money", 50.0, "GBP")]),
        ("Rs 500 and USD 5m", [("Rs 500", "money", 500.0, "INR"), ("USD 5m", "money", 5e6, "USD")]),
        # spaced and suffixed prefixes of wire copy
        ("worth HK $3.7 billion", [("HK $3.7 billion", "money", 3.7e9, "HKD")]),
        ("at C $6 a share", [("C $6", "money", 6.0, "CAD")]),
        ("fell US $4.46 to", [("US $4.46", "money", 4.46, "USD")]),
        ("debts of $US113 trillion", [("$US113 trillion", "money", 1.13e14, "USD")]),
        ("raised $A3.3bn", [("$A3.3bn", "money", 3.3e9, "AUD")]),
        ("sold an A $500m bond", [("A $500m", "money", 5e8, "AUD")]),
        ("grants of NZ $5,000", [("NZ $5,000", "money", 5000.0, "NZD")]),
        ("earned S $1.1bn", [("S $1.1bn", "money", 1.1e9, "SGD")]),
        ("raised 20 million USD", [("20 million USD", "money", 2e7, "USD")]),
        ("Deal done. A $2bn loan", [("$2bn", "money", 2e9, "USD")]),  # the article "a"
        # "m" before a count noun is a million; metres need a word that says so
        ("About 5m people", [("5m", "number", 5e6, "")]),
        ("some 3m children", [("3m", "number", 3e6, "")]),
        ("a herd of 5m sheep", [("5m", "number", 5e6, "")]),
        ("the 100m customers it has", [("100m", "number", 1e8, "")]),
        ("a tower 310m tall", [("310m", "quantity", 310.0, "m")]),
        ("a 100m-long wall", [("100m", "quantity", 100.0, "m")]),
        ("divers reached 120m below", [("120m", "quantity", 120.0, "m")]),
        # athletics distances are quantities in metres
        ("She won the 800m.", [("800m", "quantity", 800.0, "m")]),
        ("the 60m hurdles", [("60m", "quantity", 60.0, "m")]),
        ("the men's 60m", [("60m", "quantity", 60.0, "m")]),
        ("took the 4x100m relay", [("4x100m", "quantity", 400.0, "m")]),
        ("the 4 x 400m", [("4 x 400m", "quantity", 1600.0, "m")]),
    ],
)
def test_issue14_classes(text, expected):
    got = [(text[f.start : f.end], f.kind, f.value, f.unit) for f in parse_figures(text)]
    assert [g[0] for g in got] == [e[0] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[1] == e[1] and g[3] == e[3] and math.isclose(g[2], e[2])


def test_bare_m_in_a_story_about_heights_may_be_metres():
    (f,) = parse_figures("The pole vaulter cleared 4.88m.")
    assert (f.kind, f.maybe_metres) == ("number", True)  # metres unless the parse finds a noun
    (g,) = parse_figures("Sales reached 4.88m.")
    assert (g.kind, g.maybe_metres) == ("number", False)
    (h,) = parse_figures("He cleared 2.30m.")  # a verb of jumping says so
    assert (h.kind, h.maybe_metres) == ("number", True)
    (i,) = parse_figures("At the height of the boom sales hit 5m.")
    assert i.maybe_metres is False


WORDY = [*"0123456789.,- $£€%mbnkpx", " million", "bn", "US$", " per cent", " ", "covers "]
WORDY += ["offers ", "Rs", "rs", "HK", "US", "C", "A", "hp", "pound-feet", "people", "tall"]
WORDY += ["the ", "relay", "USD", "ab", "Z", " pounds", "-"]


def _inside_word(text, i):
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDY), max_size=30).map("".join))
def test_no_figure_starts_or_ends_inside_a_word(text):
    for f in parse_figures(text):
        assert not _inside_word(text, f.start), (text, f)
        assert not _inside_word(text, f.end), (text, f)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_no_figure_inside_a_word_on_any_text(text):
    for f in parse_figures(text):
        assert not _inside_word(text, f.start) and not _inside_word(text, f.end)


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
        "teams met at No 10. Three people came."
    )
    assert nl(text).figures == ()


@pytest.mark.model
def test_m_counts_metres_and_athletics(nl):
    text = (
        "About 5m people live there and 3m children are at school. It has 5m sheep. "
        "She won the 800m and ran the 100m in 10.9 seconds before the 4x100m relay. "
        "The pole vaulter cleared 4.88m."
    )
    got = [(f.text, f.kind, f.value, f.unit) for f in nl(text).figures]
    assert got == [
        ("5m", "count", 5e6, "person"),
        ("3m", "count", 3e6, "child"),
        ("5m", "count", 5e6, "sheep"),
        ("800m", "quantity", 800.0, "m"),
        ("100m", "quantity", 100.0, "m"),
        ("4x100m", "quantity", 400.0, "m"),
        ("4.88m", "quantity", 4.88, "m"),
    ]


@pytest.mark.model
def test_counts_take_the_noun_the_sentence_implies(nl):
    text = (
        "The number of new titles published rose to 1,450 in 2004 from 1,320. "
        "About 1.2m people visited the museum last year, up from 900,000. "
        "Output has fallen 1m barrels to 294.3m, the agency said."
    )
    got = [(f.text, f.kind, f.value, f.unit) for f in nl(text).figures]
    assert got == [
        ("1,450", "count", 1450.0, "title"),
        ("1,320", "count", 1320.0, "title"),
        ("1.2m", "count", 1.2e6, "person"),
        ("900,000", "count", 9e5, "person"),
        ("1m barrels", "quantity", 1e6, "barrel"),
        ("294.3m", "quantity", 2.943e8, "barrel"),
    ]


@pytest.mark.model
def test_a_count_without_a_stated_noun_is_left_out(nl):
    # nothing says what 310 and 287 count: no noun is guessed for them
    text = "It rose to 310 in 2004 from 287."
    assert [f for f in nl(text).figures if f.kind == "count"] == []


@pytest.mark.model
def test_figures_link_entities_of_their_sentence(nl, seed):
    money = next(f for f in seed.figures if f.text == "$70 billion")
    assert (money.kind, money.value, money.unit) == ("money", 7e10, "USD")
    names = {seed.entity(e).name for e in money.entities}
    assert {"Beijing", "Central Asia"} <= names
    assert [f.text for f in seed.figures] == ["$70 billion", "22%"]


@pytest.mark.model
def test_a_bare_number_takes_the_noun_its_list_left_out(nl):
    # the noun is given once and left out of the numbers that follow it in the list
    text = (
        "About 900 posts will move to Leeds while 400 and 250 will go to York and Hull. "
        "The mill employs 2,100 people and its rival employs 800. "
        "Some 6,000 flats were built. Another 1,500 will follow, and the council plans a "
        "further 700."
    )
    got = [(f.text, f.unit) for f in nl(text).figures]
    assert got == [
        ("900", "post"),
        ("400", "post"),
        ("250", "post"),
        ("2,100", "person"),
        ("800", "person"),
        ("6,000", "flat"),
        ("1,500", "flat"),
        ("700", "flat"),
    ]


@pytest.mark.model
def test_count_nouns_through_names_and_hyphens(nl):
    text = (
        "The plan moves 350 Ministry of Defence jobs north. The yard laid off 900 "
        "steel-workers and received 12 million e-mails."
    )
    got = [(f.text, f.unit) for f in nl(text).figures]
    assert got == [("350", "job"), ("900", "worker"), ("12 million", "e-mail")]


@pytest.mark.model
def test_names_multipliers_and_group_sizes_are_not_counts(nl):
    text = (
        "Fans queued for the new Xbox 2 console and the Channel 7 show. The fee is 40 times "
        "the average wage. Its 60 strong sales team made the top 20 list."
    )
    assert [f.text for f in nl(text).figures if f.kind == "count"] == []


@pytest.mark.model
def test_counts_of_the_number_of_and_of_a_repeated_verb(nl):
    text = (
        "The plan will raise the number of walk-in clinics from 120 to 180. "
        "The band sold 700,000 albums in Japan. By June it had sold 450,000 in Korea."
    )
    got = [(f.text, f.unit) for f in nl(text).figures]
    assert got == [("120", "clinic"), ("180", "clinic"), ("700,000", "album"), ("450,000", "album")]


def test_a_money_range_gives_its_currency_to_the_second_end():
    got = parsed("Profits of $40m-55m were forecast, or 90bn Indian rupees.")
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [
        ("$40m", "money", 4e7, "USD"),
        ("55m", "money", 5.5e7, "USD"),
        ("90bn Indian rupees", "money", 9e10, "INR"),
    ]


def test_a_hedge_glued_to_its_number_by_a_hyphen_is_a_hedge():
    got = parsed("A near-9,000 crowd came, and an under-21 side played 300 games.")
    assert got[0][0] == "9,000" and got[0][4] is True
    assert [g[4] for g in got if g[0] == "300"] == [False]


@pytest.mark.model
def test_a_count_glued_to_a_hedge_keeps_its_noun(nl):
    # the model labels a token such as "near-6,000" as a name; the number in it still counts
    text = "Of the near-6,000 letters the council received, 40% were about parking."
    art = nl(text)
    got = [(f.text, f.kind, f.value, f.unit, f.approx) for f in art.figures]
    assert ("6,000", "count", 6000.0, "letter", True) in got
    check_offsets(art, text)


@pytest.mark.model
def test_a_workforce_cut_by_a_number_counts_jobs(nl):
    text = (
        "The carmaker will shrink its workforce by 2,400 over two years. "
        "The group's headcount will be cut by 1,200."
    )
    got = [(f.text, f.kind, f.unit) for f in nl(text).figures]
    assert got == [("2,400", "count", "job"), ("1,200", "count", "job")]


# --- issue 14: wire and web copy (invented sentences) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Reuters-style scale words and South Asian scales
        ("a profit of $1.2 bln", ("$1.2 bln", "money", 1.2e9, "USD")),
        ("set aside Rs 450 crore", ("Rs 450 crore", "money", 4.5e9, "INR")),
        ("paid ₹3,000 crore", ("₹3,000 crore", "money", 3e10, "INR")),
        ("a grant of Rs 12 lakh", ("Rs 12 lakh", "money", 1.2e6, "INR")),
        # wire abbreviations of percent and of points
        ("output fell 3 pct", ("3 pct", "percent", 3.0, "%")),
        ("rates rose 15 bps", ("15 bps", "percent", 0.15, "pp")),
        ("cut by 25 basis points", ("25 basis points", "percent", 0.25, "pp")),
        ("down 2 pct points", ("2 pct points", "percent", 2.0, "pp")),
        # ISO codes and local prefixes written before the amount
        ("SEK 4.5 billion in bonds", ("SEK 4.5 billion", "money", 4.5e9, "SEK")),
        ("KRW 900 billion in loans", ("KRW 900 billion", "money", 9e11, "KRW")),
        ("NT$8 billion for a plant", ("NT$8 billion", "money", 8e9, "TWD")),
        ("RMB 2.2 billion of notes", ("RMB 2.2 billion", "money", 2.2e9, "CNY")),
        ("Rp 7 trillion in aid", ("Rp 7 trillion", "money", 7e12, "IDR")),
        ("SFr 300m for the unit", ("SFr 300m", "money", 3e8, "CHF")),
        # a space after the "$" of a lettered prefix
        ("a loss of US$ 1.5 billion", ("US$ 1.5 billion", "money", 1.5e9, "USD")),
        ("HK$ 700 million in fees", ("HK$ 700 million", "money", 7e8, "HKD")),
        # a unit of several words joined by hyphens
        ("a 12-percentage-point drop", ("12-percentage-point", "percent", 12.0, "pp")),
        ("a 5-per-cent stake", ("5-per-cent", "percent", 5.0, "%")),
        ("a 50-basis-point cut", ("50-basis-point", "percent", 0.5, "pp")),
    ],
)
def test_wire_copy_figures(text, expected):
    (got,) = parsed(f"It said {text} on Monday.")
    assert got[:2] == expected[:2] and math.isclose(got[2], expected[2]), got
    assert got[3] == expected[3]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("growth of -0.2% in May", ("-0.2%", -0.2)),
        ("a reading of −1.5 percent", ("−1.5 percent", -1.5)),
        ("sales (-3.1%) fell", ("-3.1%", -3.1)),
        ("It was -5C at dawn", ("-5C", -5.0)),
        ("a net loss of -$2m", ("-$2m", -2e6)),
    ],
)
def test_a_minus_sign_against_an_amount_makes_it_negative(text, expected):
    (got,) = parsed(text)
    assert got[0] == expected[0] and math.isclose(got[2], expected[1])


@pytest.mark.parametrize("text", ["margins of 5-10%", "the F-35 jet, up 3%", "pre-tax 4%"])
def test_a_hyphen_of_a_range_or_a_name_is_not_a_minus(text):
    assert all(f.value >= 0 for f in parse_figures(text))


def test_a_money_range_gives_its_scale_to_the_first_end():
    got = parsed("Revenue of $3-4 million and £5-6bn is expected, or $3-4 a share.")
    assert [(g[0], g[2], g[3]) for g in got] == [
        ("$3", 3e6, "USD"),
        ("4 million", 4e6, "USD"),
        ("£5", 5e9, "GBP"),
        ("6bn", 6e9, "GBP"),
        ("$3", 3.0, "USD"),
        ("4", 4.0, "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The Series A $20 million round closed.", "$20 million"),
        ("It sold Class C $5 shares.", "$5"),
        ("A $2bn deal was signed.", "$2bn"),
    ],
)
def test_a_letter_that_labels_a_series_or_a_class_is_not_a_currency(text, span):
    (got,) = parsed(text)
    assert (got[0], got[1], got[3]) == (span, "money", "USD")


def test_a_letter_prefix_after_an_ordinary_word_is_a_currency():
    (got,) = parsed("Kestrel paid A $500m and C $6 a share.")[:1]
    assert (got[0], got[3]) == ("A $500m", "AUD")


def test_a_stray_space_after_a_thousands_comma_is_one_number():
    got = parsed("earning less than $30, 000 ( £15,000), about 12, 500 people")
    assert [(g[0], g[2]) for g in got] == [
        ("$30, 000", 30000.0),
        ("£15,000", 15000.0),
        ("12, 500", 12500.0),
    ]


def test_a_list_of_numbers_is_not_read_as_spaced_thousands():
    got = parsed("rooms 1, 2, 345 and 7")
    assert [g[0] for g in got] == ["1", "2", "345", "7"]


@pytest.mark.parametrize(
    "text",
    ["The deal covers 13 percent of trade.", "Its users 40% more often buy.", "offers 536 hp"],
)
def test_no_money_from_the_letters_of_a_word(text):
    assert [f for f in parse_figures(text) if f.kind == "money"] == []


@pytest.mark.model
def test_a_number_standing_as_a_subject_takes_the_noun_before(nl):
    text = (
        "The firm makes cheap laptops for schools. About 300,000 are sold each year, "
        "and 40,000 are exported."
    )
    got = [(f.text, f.kind, f.unit) for f in nl(text).figures]
    assert got == [("300,000", "count", "laptop"), ("40,000", "count", "laptop")]


@pytest.mark.model
def test_a_number_standing_for_an_amount_noun_counts_nothing(nl):
    text = "The company said profits were strong. 2,000 were hired in the spring."
    assert [f for f in nl(text).figures if f.kind == "count"] == []


# --- the steps of _read, one at a time ------------------------------------------------------


def _match(text):
    m = _CANDIDATE.search(text)
    assert m is not None, text
    return m


def _number_in(text):
    return _number(text, _match(text))


def test_number_reads_digits_with_prefix_and_scale():
    text = "It paid HK $3.7bn for the tower."
    n = _number_in(text)
    assert text[n.start : n.end] == "HK $3.7bn"
    assert (n.written, n.digits, n.prefix, n.scale) == (3.7, "3.7", "HK $", "bn")
    assert math.isclose(n.value, 3.7e9)


def test_number_reads_a_word_number_with_its_scale_word():
    text = "Some two million viewers watched."
    n = _number_in(text)
    assert text[n.start : n.end] == "two million"
    assert (n.written, n.digits, n.prefix, n.scale, n.value) == (2.0, None, None, "million", 2e6)


def test_number_drops_digits_glued_to_a_name_and_keeps_a_labelled_letter_out():
    assert _number_in("at the G7 summit") is None
    text = "a Series A $20m round"
    n = _number_in(text)
    assert text[n.start : n.end] == "$20m" and n.prefix == "$"


@pytest.mark.parametrize(
    ("text", "word", "spaced", "stands"),
    [
        ("it cost 50p more", "p", False, True),
        ("see page 5 p for more", "p", True, False),
        ("add 20g of salt", "g", False, True),
        ("weighs 5 g only", "g", True, False),
        ("the new 3G phones", "g", False, False),  # a network
        ("up 22 per cent", "per cent", True, True),
    ],
)
def test_suffix_and_whether_a_short_unit_word_stands(text, word, spaced, stands):
    n = _number_in(text)
    s = _suffix(text, n.end)
    assert (s.word, s.spaced, _stands_as_unit(s)) == (word, spaced, stands)
    assert text[s.end - len(s.written) : s.end] == s.written


def test_no_suffix_after_a_plain_number():
    text = "it hired 300 staff"
    assert _suffix(text, _number_in(text).end) is None


@pytest.mark.parametrize(
    ("text", "metric", "reading"),
    [
        ("they built a 5m tall fence", False, _BareM.METRES),
        ("she won the 800m final", False, _BareM.METRES),
        ("it drew 5m viewers", False, _BareM.MILLIONS),
        ("sales hit 5m.", False, _BareM.MILLIONS),
        ("she cleared 4.88m.", False, _BareM.EITHER),  # a verb of jumping
        ("the best mark was 4.88m.", True, _BareM.EITHER),  # a story about heights
        ("it raised $5m", True, None),  # money: no bare "m"
        ("it rose 5 per cent", True, None),
    ],
)
def test_bare_m_reads_metres_or_millions_from_its_context(text, metric, reading):
    n = _number_in(text)
    assert _bare_m(text, n, _suffix(text, n.end), lambda: metric) is reading


def test_each_reading_of_read():
    assert parsed("won the 4x400m relay") == [("4x400m", "quantity", 1600.0, "m", False)]
    assert parsed("a 12-member panel") == [("12-member", "count", 12.0, "member", False)]
    assert parsed("about £460m") == [("£460m", "money", 4.6e8, "GBP", True)]
    assert parsed("5 billion yuan") == [("5 billion yuan", "money", 5e9, "CNY", False)]
    assert parsed("4 million dollars Canadian") == [
        ("4 million dollars", "money", 4e6, "CAD", False)
    ]
    (f,) = parse_figures("it hired 300 staff")
    assert (f.kind, f.unit, f.bare) == ("number", "", True)
    (g,) = parse_figures("it hired 3m staff")
    assert (g.kind, g.value, g.bare) == ("number", 3e6, False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES + WORDY), max_size=30).map("".join))
def test_read_steps_stay_inside_the_match_and_text(text):
    pos = 0
    while (m := _CANDIDATE.search(text, pos)) is not None:
        pos = max(m.end(), m.start() + 1)
        if m.group("legs") is not None:
            continue
        n = _number(text, m)
        if n is None:
            continue
        assert m.start() <= n.start < n.end == m.end() <= len(text)
        assert math.isfinite(n.written)
        s = _suffix(text, n.end)
        if s is not None:
            assert n.end < s.end <= len(text) and s.written.lower() == s.word


def _hedged_by_words(text, start):
    before = text[max(0, start - 25) : start].lower().rstrip()
    return any(
        before.endswith(h) and (len(before) == len(h) or not before[-len(h) - 1].isalnum())
        for h in _HEDGES
    )


HEDGY = [*_HEDGES, "x", " ", "_", "1", "é", "İ", "\n", "-", "Over", "ABOUT", "\u00a0", "²", "han"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HEDGY), max_size=8).map("".join))
def test_a_hedge_is_a_word_of_its_own_right_before_the_number(before):
    # the compiled pattern says what the word list says: "about 5" and "(some 5" are hedged,
    # "Hanover 5" is not
    text = before + "5"
    start = len(before)
    assert _hedged(text, start) == (
        _glued_to_hedge(text, start) or _hedged_by_words(text, start)
    ), repr(text)


def test_hedges_read_as_words():
    text = "about 5%, Hanover 5%, (some 5%), moreover 5%"
    assert [f.approx for f in parse_figures(text)] == [True, False, True, False]


# word numbers, prefixes and scale words as far from each other as the scanner allows
SCANNED = [*WORDY, "three quarters of an", "a quarter of a", "USD ", "SEK ", "HK $", "$US", "Rs. "]
SCANNED += ["seventy-seven", "twenty one", "half a", "an", " million", " thousand", "-billion"]
SCANNED += [" percent", " Per Cent", "MILLION", "\n", "4x100m", ".5", "Rmb", "NT$", "₹", "¥"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(SCANNED), max_size=40).map("".join), st.integers(0, 60))
def test_the_scanner_started_near_an_anchor_finds_what_the_full_search_finds(text, pos):
    pos = min(pos, len(text))
    got, want = _next_candidate(text, pos), _CANDIDATE.search(text, pos)
    assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


@pytest.mark.parametrize(
    "text",
    ["It cost USD three quarters of a million.", "SEK three quarters of an billion", "and so on"],
)
def test_the_anchor_reach_covers_the_longest_start(text):
    for pos in range(len(text) + 1):
        got, want = _next_candidate(text, pos), _CANDIDATE.search(text, pos)
        assert (got and got.span()) == (want and want.span())
