from hypothesis import given, settings
from hypothesis import strategies as st

from newslens import blank_chrome, find_chrome


def kinds(text):
    return [(c.kind, text[c.start_char : c.end_char]) for c in find_chrome(text)]


def test_seed_like_page(seed_text):
    found = kinds(seed_text)
    got = {k for k, _ in found}
    assert {"weather", "dateline", "breadcrumb", "headline-repeat", "footer"} <= got
    footer = next(t for k, t in found if k == "footer")
    assert footer.startswith("Read More")
    for teaser in ("HS2", "Storm Agnes", "Aviva", "AIG", "Akismet", "bloggers"):
        assert teaser in footer
    # the article body stays: the first headline and the quotes
    clean = blank_chrome(seed_text, find_chrome(seed_text))
    assert "Xi Jinping urged China" in clean
    assert "said Lu." in clean
    assert len(clean) == len(seed_text)


def test_plain_article_has_no_chrome():
    text = (
        "Blair backs new rules\n\nTony Blair said on Monday that the rules would help.\n\n"
        "Mr Blair told MPs the change was overdue.\n\nThe Tories disagreed."
    )
    assert find_chrome(text) == []


def test_footer_heading_near_the_top_does_not_cut_the_body():
    text = "Comments\nThe minister said the plan works.\nIt was approved.\nMore text follows."
    assert all(c.kind != "footer" for c in find_chrome(text))


def test_repeated_headline_keeps_the_first():
    text = (
        "Prices rise again\n\nPrices rose by 3%.\n\nPrices rise again\n\nAnalysts were surprised."
    )
    spans = find_chrome(text)
    assert [(c.kind, c.start_char) for c in spans] == [
        ("headline-repeat", text.rindex("Prices rise again"))
    ]


def test_blank_keeps_length_and_newlines():
    text = "21.6 C\nMonday, September 25, 2023\nBody text here.\nMore body.\n"
    clean = blank_chrome(text, find_chrome(text))
    assert len(clean) == len(text)
    assert clean.count("\n") == text.count("\n")
    assert "Body text here." in clean and "21.6" not in clean


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_never_raises_and_spans_inside(text):
    spans = find_chrome(text)
    for c in spans:
        assert 0 <= c.start_char < c.end_char <= len(text)
        assert text[c.start_char : c.end_char].strip()
    assert len(blank_chrome(text, spans)) == len(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Read More",
                "Most Popular",
                "21 C",
                "Home",
                "Xi said.",
                "",
                "Monday, May 1, 2023",
                "Recent Comments",
                "A line.",
            ]
        ),
        max_size=30,
    )
)
def test_line_soup(lines):
    text = "\n".join(lines)
    for c in find_chrome(text):
        assert 0 <= c.start_char < c.end_char <= len(text)
