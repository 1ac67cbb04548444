import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslens._quotes import quote_spans, speech_lexicon
from tests.conftest import check_offsets

MARKS = ['"', "“", "”", "«", "»", "„", "‘", "’", "'"]


def spans(text):
    return [text[q.start : q.end] for q in quote_spans(text)]


def test_marks_of_every_style():
    text = 'A “curly” and "straight" and «guillemet» and „low” quote, and “mixed".'
    assert spans(text) == ["curly", "straight", "guillemet", "low", "mixed"]


def test_unbalanced_marks_never_raise_and_recover():
    assert spans("He said “we will win\n\nNext paragraph.") == ["we will win"]
    assert spans("A stray” close, then “a real one”.") == ["a real one"]
    assert spans("“open to the end") == ["open to the end"]


def test_multi_paragraph_quote_continues():
    text = "“First paragraph.\n\n“Second paragraph,” he said.\n\nNot quoted."
    (q,) = quote_spans(text)
    assert text[q.start : q.end] == "First paragraph.\n\n“Second paragraph,"


def test_apostrophes_are_not_quotes():
    assert spans("It’s the party’s plan, isn't it?") == []


def test_lexicon_has_hundreds_of_verbs_with_inflections():
    lex = speech_lexicon()
    lemmas = {v for v, c in lex.verbs.items()}
    assert len(lemmas) > 600
    for form in ("say", "says", "said", "saying", "told", "warned", "insisted", "tweeted"):
        assert form in lex.verbs
    for form in ("agreeing", "averred", "bragged", "dubbed", "guaranteeing", "sobbed", "slammed"):
        assert form in lex.verbs  # spelled as English spells them (lemminflect)
    for typo in ("agreing", "avered", "braged", "dubed", "guaranteing", "sobed", "slamed"):
        assert typo not in lex.verbs
    assert {"counseled", "counselled"} <= set(lex.verbs)  # US and UK copy


def test_lexicon_file_is_what_its_build_script_writes(tmp_path, monkeypatch):
    pytest.importorskip("lemminflect")
    import importlib.util

    from tests.conftest import ROOT

    folder = ROOT / "models" / "lexicons"
    spec = importlib.util.spec_from_file_location(
        "build_speech_verbs", folder / "build_speech_verbs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.main()
    shipped = (folder / "speech_verbs.tsv").read_text(encoding="utf-8")
    assert (tmp_path / "speech_verbs.tsv").read_text(encoding="utf-8") == shipped


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(MARKS + ["a", " ", "\n", "\n\n", "said", ",", "."]), max_size=60).map(
        "".join
    )
)
def test_quote_spans_never_raise_and_stay_inside(text):
    for q in quote_spans(text):
        assert 0 <= q.open < q.start < q.end <= q.close <= len(text)
        assert text[q.start : q.end].strip()


@pytest.mark.model
def test_seed_speakers(seed, seed_text):
    check_offsets(seed, seed_text)
    by_text = {q.text: q for q in seed.quotes}

    def speaker_of(fragment):
        q = next(q for t, q in by_text.items() if fragment in t)
        return q.speaker

    assert speaker_of("Russia’s military involvement") == "Lu Gang"
    assert speaker_of("This result has led") == "Lu Gang"
    assert speaker_of("Xi will position himself") == "Zhiqun Zhu"
    assert speaker_of("six countries should resolutely oppose") == "Xi Jinping"
    assert speaker_of("maintain an everlasting friendship") == "Xi Jinping"
    xi = seed.entity("Xi Jinping")
    assert all(q.speaker_entity == xi.id for q in seed.quotes if q.speaker == "Xi Jinping")
    lu = next(q for q in seed.quotes if "This result has led" in q.text)
    assert seed_text[lu.speaker_start_char : lu.speaker_end_char] == "Lu"
    assert lu.kind == "direct" and lu.cue == "said"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ('"We will win," said Tony Blair.', "Tony Blair", "direct"),
        ('Tony Blair said: "We will win the election."', "Tony Blair", "direct"),
        (
            'Gordon Brown spoke. "We will win," he said, "and then we govern."',
            "Gordon Brown",
            "direct",
        ),
        ("Tony Blair said the party would win the election easily.", "Tony Blair", "indirect"),
        (
            'The minister urged China to "fully unleash" its potential, Tony Blair said.',
            "Tony Blair",
            "mixed",
        ),
    ],
)
def test_attribution_patterns(nl, text, speaker, kind):
    art = nl(text)
    check_offsets(art, text)
    assert [(q.speaker, q.kind) for q in art.quotes] == [(speaker, kind)]


@pytest.mark.model
def test_scare_quotes_are_not_quotes(nl):
    art = nl('The so-called "experts" disagreed about the "deal" on Monday.')
    assert art.quotes == ()


@pytest.mark.model
def test_example_article_quotes(nl):
    from tests.conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8")
    art = nl(text)
    check_offsets(art, text)
    speakers = {q.speaker for q in art.quotes}
    assert {"Maria Okafor", "Tomas Lindqvist", "David Greene"} <= speakers
    sites = next(q for q in art.quotes if "looked at sites in Spain" in q.text)
    assert (sites.kind, sites.speaker) == ("indirect", "Tomas Lindqvist")  # "X's chairman, Y,"
    biggest = next(q for q in art.quotes if "biggest investment" in q.text)
    assert biggest.kind == "direct" and biggest.speaker == "Maria Okafor"
    assert "We have waited a long time" in biggest.text  # both pieces around "Okafor told …"
    assert all("Storm" not in q.text for q in art.quotes)


@pytest.mark.model
def test_quotes_carry_the_tone_of_what_was_said(nl):
    text = (
        '"This is a wonderful, excellent result," said Tony Blair. '
        '"It is a terrible, awful mistake," said Gordon Brown.'
    )
    art = nl(text)
    by_speaker = {q.speaker: q.sentiment for q in art.quotes}
    assert by_speaker["Tony Blair"].label == "positive"
    assert by_speaker["Gordon Brown"].label == "negative"
    assert by_speaker["Gordon Brown"].subjectivity is not None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "mention"),
    [
        # the attribution after a question, in a sentence of its own
        (
            '"Are we ready for this fight?" Angela Merkel asked. "We are."',
            "Angela Merkel",
            "Angela Merkel",
        ),
        # a long title before an inverted name, and a participle after it
        (
            '"The plan will fail," said retired army general Mark Hertling, asked about it.',
            "Mark Hertling",
            "retired army general Mark Hertling",
        ),
        # a closing mark glued to the speaker's name, as scraped pages often have it
        ('"We will stay in the union,"Angela Merkel said.', "Angela Merkel", "Angela Merkel"),
        # particle verbs and documents as cues
        (
            'Angela Merkel was asked. "We are not going anywhere," Merkel shot back.',
            "Angela Merkel",
            "Merkel",
        ),
        (
            'Angela Merkel paused. "And the budget is balanced for the first time," she went on.',
            "Angela Merkel",
            "she",
        ),
        (
            '"The council has failed this city again and again," the editorial read.',
            "the editorial",
            "the editorial",
        ),
        # a quoted term belongs to the outermost speech verb above it, not to the nearest one
        (
            "At a rally in Salem, New Hampshire, Angela Merkel went after the mayor, calling him "
            '"a total failure."',
            "Angela Merkel",
            "Angela Merkel",
        ),
        (
            'Angela Merkel said the minister was "extremely careless" with the files.',
            "Angela Merkel",
            "Angela Merkel",
        ),
        # a speaker phrase is cut before a quoted title
        (
            '"We have to win these voters back," wrote the authors of the "Growth Project".',
            "the authors",
            "the authors",
        ),
        # a colon introduction signed with a name ('HEADLINE - Name: "…"', 'Merkel: "…"')
        (
            'POLLS WERE NOT WRONG - Angela Merkel: "The polls simply ended too early this time."',
            "Angela Merkel",
            "Angela Merkel",
        ),
        # a source named with "according to" is whom the article attributes the quote to
        (
            '"We are not going to vote for it," Angela Merkel said, according to a transcript '
            "of the interview.",
            "a transcript of the interview",
            "a transcript of the interview",
        ),
        # a relative pronoun is the mention; the speaker is what it stands for
        (
            'The plan was attacked by Angela Merkel, who said it would "hurt families across '
            'the whole country for years."',
            "Angela Merkel",
            "who",
        ),
    ],
)
def test_speaker_patterns(nl, text, speaker, mention):
    art = nl(text)
    check_offsets(art, text)
    first = art.quotes[0]
    assert first.speaker == speaker
    assert text[first.speaker_start_char : first.speaker_end_char] == mention


@pytest.mark.model
@pytest.mark.parametrize("mark", ['"', "“”"])
def test_mixed_quote_text_has_no_lone_closing_mark(nl, mark):
    opening, closing = mark[0], mark[-1]
    text = f"Tony Blair said {opening}we will win{closing}."
    (quote,) = nl(text).quotes
    assert quote.text == "we will win"
    assert text[quote.start_char : quote.end_char] == quote.text
