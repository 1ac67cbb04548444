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


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # invisible format characters pasted from social media before a closing-style opener
        ("Fans wrote in.\n\n\u202a”Thanks, Ada!!” wrote Lu.", ["Thanks, Ada!!"]),
        # a quote that opens on an ellipsis for the words left out
        ("It read:\n\n” … then surely she can,” it read.", ["… then surely she can,"]),
        ('Then:\n\n" ... and we won," she said.', ["... and we won,"]),
        # a quoted tweet that opens with ".@" to be seen by all
        ('".@AdaLu is wrong on ferries," Okafor tweeted.', [".@AdaLu is wrong on ferries,"]),
        # a doubled opening mark left by scraping
        ('Later:\n\n"“We will win,” Lu said.', ["We will win,"]),
        ("It reads: ““Ferries first.” And more.", ["Ferries first."]),
        # a quote within the quote in the same curly marks
        (
            "“I would live in what he calls “hell” than there,” she wrote.",
            ["I would live in what he calls “hell” than there,"],
        ),
        # …but an opening mark with no closing one before the next quote is no nesting
        ("“We won, he said. “And we will again.”", ["We won, he said."]),
        ("“A,” he said, “B” and “C”.", ["A,", "B", "C"]),
        # still no quote: a mark before a space or a comma, an empty pair
        ('He said " no" and ", then" and “” too.', []),
    ],
)
def test_web_copy_marks(text, quoted):
    assert spans(text) == quoted


def test_a_quoted_transcript_is_a_quote_per_line_without_its_label():
    # class: a transcript quoted line by line, each line opening with its speaker's label
    text = 'It went:\n\n"HOST: Did you lie?\n\n"ADA LU: No. I did not.\n\n"And I never will."'
    assert spans(text) == ["Did you lie?", 'No. I did not.\n\n"And I never will.']
    # a label needs capitals and a colon: "Yes: …" opens no new line
    assert spans('"We won.\n\n"Yes: all of it."') == ['We won.\n\n"Yes: all of it.']


def test_multi_paragraph_quote_continues():
    text = "“First paragraph.\n\n“Second paragraph,” he said.\n\nNot quoted."
    (q,) = quote_spans(text)
    assert text[q.start : q.end] == "First paragraph.\n\n“Second paragraph,"


def test_apostrophes_are_not_quotes():
    assert spans("It’s the party’s plan, isn't it?") == []
    assert spans("The workers' union played rock 'n' roll in the '90s and ’80s.") == []
    assert spans("The Joneses' house, the bosses' reply, O'Brien's 'em and 'til") == []


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said ‘we will win this one’", ["we will win this one"]),
        ("Blair: 'We will win'", ["We will win"]),  # a BBC headline
        ("'We will win,' he said. 'No doubt.'", ["We will win,", "No doubt."]),
        ("He said 'the workers' union is strong' today.", ["the workers' union is strong"]),
        ("Labour's 'reform' plan", ["reform"]),  # a scare quote: extract_quotes drops it
        ("‘Part one.\n\n‘Part two,’ he said.", ["Part one.\n\n‘Part two,"]),
    ],
)
def test_single_marks_are_quotes(text, quoted):
    assert spans(text) == quoted


def test_quotes_within_quotes_are_one_quote():
    assert spans("\"He told me 'no way' and left,\" she said.") == ["He told me 'no way' and left,"]
    assert spans("'He told me \"no way\" and left,' she said.") == ['He told me "no way" and left,']
    assert spans("An unclosed 'single mark stays out.") == []
    # the double marks around it left unpaired: the single-quoted words are still nested
    assert spans("” calling them ‘Islamic terrorists,’ as they are heard,” he said.") == []
    # opened on an ellipsis, the double marks pair, and the single-quoted words stay inside
    assert spans("” … calling them ‘Islamic terrorists,’ as they are heard,” he said.") == [
        "… calling them ‘Islamic terrorists,’ as they are heard,"
    ]


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


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["‘", "’", "'", '"', "a", "s", "n", "90", " ", "\n", "\n\n", ",", "."]),
        max_size=60,
    ).map("".join)
)
def test_single_marks_never_raise_and_open_no_word(text):
    found = quote_spans(text)
    for q in found:
        assert 0 <= q.open < q.start < q.end <= q.close <= len(text)
        assert text[q.start : q.end].strip()
        if text[q.open] in "‘'" and q.open > 0:
            assert not text[q.open - 1].isalnum()  # an apostrophe inside a word opens nothing
    opens = [q.open for q in found]
    assert opens == sorted(opens)
    assert all(a.close <= b.open for a, b in zip(found, found[1:], strict=False))  # no overlaps


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
@pytest.mark.parametrize(
    ("text", "reported", "speaker", "cue"),
    [
        # a sentence sourced with "according to", at its end, start or between commas
        (
            "Ferry fares will rise by a tenth in April, according to the island council.",
            ["Ferry fares will rise by a tenth in April"],
            "the island council",
            "according to",
        ),
        (
            "According to the latest census, the valley towns have grown by a third.",
            ["the valley towns have grown by a third"],
            "the latest census",
            "according to",
        ),
        # an attribution inserted between commas: the reported words around it
        (
            "The new bridge, the mayor said, will open to traffic before the winter storms.",
            ["The new bridge", "will open to traffic before the winter storms"],
            "the mayor",
            "said",
        ),
    ],
)
def test_reported_speech_patterns(nl, text, reported, speaker, cue):
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert (q.kind, q.speaker, q.cue) == ("indirect", speaker, cue)
    assert [text[s:e] for s, e in q.spans] == reported
    assert q.text == " ".join(reported)


@pytest.mark.model
def test_a_pronoun_speaker_is_the_last_subject_not_the_last_name(nl):
    text = (
        "Maria Okafor thanked Tomas Lindqvist and Ola Berg for the deal. "
        '"This is the biggest investment the port has seen," she said.'
    )
    (q,) = nl(text).quotes
    assert q.speaker == "Maria Okafor"


@pytest.mark.model
def test_a_long_attribution_still_carries_its_speaker_to_the_next_paragraph(nl):
    text = (
        '"We have waited a long time for this," Maria Okafor said at the harbour office on '
        "Friday, where the cranes stood idle under grey skies.\n\n"
        '"The work starts in the spring and nobody will lose a job."'
    )
    # the second paragraph runs on with her quote: one quote of two pieces, her speaker
    (q,) = nl(text).quotes
    assert q.speaker == "Maria Okafor" and len(q.spans) == 2
    assert text[q.spans[1][0] : q.spans[1][1]].startswith("The work starts")


@pytest.mark.model
def test_a_quote_run_over_paragraphs_is_one_quote(nl):
    # class: a quotation continued in the next paragraph, attribution given once
    text = (
        '"The ferry will sail again in May," Ada Mensah told reporters.\n\n'
        '"The crews are hired and the new engines are in."\n\n'
        "The council met later that week."
    )
    art = nl(text)
    check_offsets(art, text)
    (q,) = [q for q in art.quotes if q.kind == "direct"]
    assert q.speaker == "Ada Mensah" and len(q.spans) == 2
    assert "told reporters" not in q.text
    assert q.text.endswith("the new engines are in.")


@pytest.mark.model
def test_a_quote_after_a_paragraph_of_its_own_attribution_stays_apart(nl):
    # another speaker's paragraph between the two: no run-on, the second quote is his
    text = (
        '"The ferry will sail again in May," Ada Mensah said.\n\n'
        "Her rival, Kofi Boateng, spoke next at the same meeting.\n\n"
        '"Nobody believes that timetable any more."'
    )
    quotes = [q for q in nl(text).quotes if q.kind == "direct"]
    assert [(q.speaker, len(q.spans)) for q in quotes] == [("Ada Mensah", 1), ("Kofi Boateng", 1)]


@pytest.mark.model
def test_a_stand_alone_line_no_one_says_is_no_quote(nl):
    # class: slogans, chants and signs quoted on a line of their own, no one said to say them
    text = (
        "The marchers came up the hill at noon.\n\n"
        '"Jobs, not cuts, for the harbour town!"\n\n'
        "The police closed the road."
    )
    assert nl(text).quotes == ()


@pytest.mark.model
def test_reported_speech_nested_in_a_report_is_the_outer_report(nl):
    # class: "X said Y told her Z" — one report, by X, holding what Y told her
    text = "Ada Mensah said the harbour master told her the ferry would sail again in May."
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.kind == "indirect" and q.speaker == "Ada Mensah"
    assert q.text.startswith("the harbour master told her")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # class: fragments quoted from one report
        'The mayor, Ada Okafor, called the plan "bold" and "long overdue" on Friday.',
        'Ada Okafor said the aim was not to "win big" but to "win well" in the spring.',
    ],
)
def test_fragments_of_one_report_are_one_quote(nl, text):
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.speaker == "Ada Okafor" and len(q.spans) == 2
    assert '"' not in q.text  # the quoted words, not the words between them


@pytest.mark.model
def test_a_split_quote_in_two_apostrophe_marks_is_one_quote(nl):
    # class: NYT-style marks, attribution between the pieces
    text = "''We will reopen the port,'' Ms. Okafor said. ''The cranes are ready.''"
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.speaker == "Okafor" and q.text == "We will reopen the port, The cranes are ready."


@pytest.mark.model
def test_a_term_in_two_apostrophe_marks_is_a_mixed_quote_like_one_in_double_marks(nl):
    # class: NYT-style marks around a fragment inside a reported clause, read as a mixed quote
    # with its clause and closing mark, as the same words in double marks are
    for mark in ("''", '"'):
        text = f"Ms. Okafor said that her words had been {mark}misconstrued.{mark} Mr. Lu agreed."
        art = nl(text)
        check_offsets(art, text)
        (q,) = art.quotes
        assert (q.kind, q.speaker) == ("mixed", "Okafor")
        assert q.text == f"her words had been {mark}misconstrued.{mark}"
    # a term quoted mid-sentence is no first piece of a quote after its cue
    text = (
        "Ada Lu, a former reporter, is joining the ''Morning Tide'' show as a host, the network "
        "announced on Tuesday. It is a promotion for Ms. Lu, who made her name on ''Harbour "
        "Watch'' last year."
    )
    art = nl(text)
    check_offsets(art, text)
    assert all("Harbour" not in q.text or "Morning" not in q.text for q in art.quotes)


@pytest.mark.model
def test_a_new_report_after_a_quote_does_not_attribute_it(nl):
    # class: '"A," X said. "B." Y said he …' — Y reports something else; B is still X's
    text = (
        '"The port is closed," Okafor told reporters at the harbour. "It will reopen in May." '
        "Kofi Boateng said he doubted the timetable."
    )
    art = nl(text)
    check_offsets(art, text)
    direct = [q for q in art.quotes if q.kind == "direct"]
    assert [(q.speaker, len(q.spans)) for q in direct] == [("Okafor", 2)]


@pytest.mark.model
def test_a_quote_ending_in_a_quote_takes_the_attribution_after_it(nl):
    text = '"She asked me, ‘Why now?’" Okafor said. "I told her the cranes were ready."'
    (q,) = nl(text).quotes
    assert q.speaker == "Okafor" and len(q.spans) == 2


@pytest.mark.model
def test_a_fronted_according_to_names_the_source(nl):
    # class: 'According to X, Y said Z was "…"' — PolNeAR's convention: X is the source
    text = 'According to the harbour office, Okafor said the port was "ready for ships" again.'
    (q,) = nl(text).quotes
    assert (q.speaker, q.cue) == ("the harbour office", "according to")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # class: naming and description in the passive
        ('The town runs a ferry called "The Swan of the Harbour" on Sundays.', None),
        ('Her budget has been described as "bold but costly" by her rivals.', "her rivals"),
    ],
)
def test_a_passive_speech_verb_speaks_through_its_agent(nl, text, speaker):
    (q,) = nl(text).quotes
    assert q.speaker == speaker


@pytest.mark.model
def test_a_headline_signed_with_a_surname_the_article_uses(nl):
    # class: 'Hunter: "…"' headlines (the tagger takes this surname for a common noun)
    text = (
        "Hunter: 'Never, ever underestimate the port workers.'\n\n"
        "Ada Hunter, the mayor of the town, spoke on Friday."
    )
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert (q.speaker, q.cue, text[q.speaker_start_char : q.speaker_end_char]) == (
        "Ada Hunter",
        ":",
        "Hunter",
    )


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # class: the title of a work after a noun for it, named or in apposition
        'In her memoir, "A Harbour Town", Ada Okafor said she had always loved the sea.',
        'The council showed a film called "The Swan of the North" on Friday, Okafor said.',
        'Okafor told the radio show "Morning Tide" that the port would reopen in May.',
    ],
)
def test_the_title_of_a_work_is_no_quote(nl, text):
    art = nl(text)
    check_offsets(art, text)
    assert [q for q in art.quotes if q.kind != "indirect"] == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # class: a show named by its broadcaster's or its day's possessive
        "Okafor told CNN’s “Harbour Morning Live” on Monday that the port would reopen in May.",
        "Speaking on Sunday’s “Harbour Watch,” Okafor said the port would reopen in May.",
    ],
)
def test_a_show_named_by_its_broadcaster_is_no_quote(nl, text):
    art = nl(text)
    check_offsets(art, text)
    assert [(q.kind, q.text, q.speaker) for q in art.quotes] == [
        ("indirect", "the port would reopen in May", "Okafor")
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "words"),
    [
        # class: the programme an attribution names, between or after the quote's pieces
        (
            '"It is nonsense," Okafor said on "Harbour Watch." "We will win the vote."',
            "It is nonsense, We will win the vote.",
        ),
        (
            '"We were hacked," Okafor told Valmora Radio\'s "Morning Tide". "We know who."',
            "We were hacked, We know who.",
        ),
        (
            '"Being a mother is my job," Okafor said in May on the podcast "Here\'s the Thing."',
            "Being a mother is my job,",
        ),
        (
            '"The port was hacked," Okafor said in an interview with "Harbour Watch Sunday."',
            "The port was hacked,",
        ),
    ],
)
def test_a_programme_named_in_the_attribution_is_no_piece_of_the_quote(nl, text, words):
    art = nl(text)
    check_offsets(art, text)
    (q,) = [q for q in art.quotes if q.kind == "direct"]
    assert (q.text, q.speaker) == (words, "Okafor")


@pytest.mark.model
def test_a_quote_after_a_programme_title_keeps_its_own_cue(nl):
    # the title between the cue and the quote does not cut the quote off from its cue
    text = (
        "Ada Okafor says the port will reopen to ships in the spring.\n\n"
        'Okafor tells CNN\'s "Morning Tide" on Friday that "the cranes are ready."'
    )
    art = nl(text)
    check_offsets(art, text)
    quoted = [q for q in art.quotes if q.kind != "indirect"]
    assert [(q.cue, q.speaker) for q in quoted] == [("tells", "Ada Okafor")]
    assert any(q.kind == "indirect" and q.cue == "says" for q in art.quotes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # class: verbs of recollection as cues
        (
            '"We had no money in those years and no work at the port," remembered Ada Okafor, '
            "a dock worker.",
            "Ada Okafor",
            "remembered",
        ),
        # class: verbs of mood or complaint that tell how the words came out
        (
            '"We have won the whole thing at last!" beamed Okafor after the vote.',
            "Okafor",
            "beamed",
        ),
        (
            '"The cranes have stood idle for a month now," groused the harbour master.',
            "the harbour master",
            "groused",
        ),
    ],
)
def test_recollection_and_mood_verbs_are_cues(nl, text, speaker, cue):
    art = nl(text)
    check_offsets(art, text)
    assert [(q.kind, q.speaker, q.cue) for q in art.quotes] == [("direct", speaker, cue)]


@pytest.mark.model
def test_the_name_before_the_comma_speaks_when_the_verb_has_no_subject(nl):
    text = (
        "In an email to the Gazette, his chief of staff, Ola Berg, said: "
        '"The mayor will not move the cranes this year."'
    )
    (q,) = nl(text).quotes
    assert (q.speaker, q.cue) == ("Ola Berg", "said")


@pytest.mark.model
def test_according_to_a_rule_is_no_report(nl):
    art = nl("The club acted according to the rules of the league and its own charter.")
    assert art.quotes == ()


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
        # an opening mark glued to the cue before it
        ("Angela Merkel said,“We will stay in the union.”", "Angela Merkel", "Angela Merkel"),
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
        (
            '"Leaders honoured Ada Okafor yesterday for the comeback of the decade," the article'
            " read.",
            "the article",
            "the article",
        ),
        # a role with the name right after it, which the parser leaves out of the role's phrase
        (
            "Greenpeace’s director Ada Okafor noted that the ferry is “central” to the plan.",
            "Ada Okafor",
            "Greenpeace’s director",
        ),
        # a colon introduction speaks through its main clause's subject
        (
            "When the old mayor died in 1998, the harbour council released the following "
            'statement:\n\n"We mourn a friend of this city."',
            "the harbour council",
            "the harbour council",
        ),
        # a document that introduces its own text
        (
            'The mayor spoke at length.\n\nPartial transcript as follows:\n\n"We will open the '
            'port. The ferries will run again by May."',
            "Partial transcript",
            "Partial transcript",
        ),
        # a poll's share speaks for the poll its sentence names
        (
            'In a Harbour Times poll last week, 41 percent of voters said the new ferry was "a '
            'waste of money."',
            "a Harbour Times poll",
            "a Harbour Times poll",
        ),
        # a speaker naming someone in quoted words: 'V X as "…"'
        (
            'Angela Merkel refers to the mayor as "the harbour boss," and Lu agrees.',
            "Angela Merkel",
            "Angela Merkel",
        ),
        # a sign or a cap whose words are read out by the clause that describes it
        ('The mayor held up a sign that read "Harbour Jobs First" at the rally.', "a sign", "that"),
        (
            'Okafor wore a campaign cap reading, "Build The Bridge Now" on Friday.',
            "a campaign cap",
            "a campaign cap",
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


def test_quote_pieces_round_trip_through_json_and_tables():
    from newslens._records import Quote
    from newslens._tables import rebuild, table_rows

    q = Quote("A, B", 1, 19, "direct", "Lu", spans=((1, 3), (18, 19)))
    assert Quote.from_dict(q.to_dict()) == q
    assert q.to_dict()["spans"] == [[1, 3], [18, 19]]
    one = Quote("We won", 5, 11, "direct")
    assert one.spans == ((5, 11),) and Quote.from_dict(one.to_dict()) == one
    old = {k: v for k, v in one.to_dict().items() if k != "spans"}  # a record from before spans
    assert Quote.from_dict(old) == one
    rec = {"id": "a", "quotes": [q.to_dict(), one.to_dict()]}
    assert rebuild(table_rows(rec))[0]["quotes"] == rec["quotes"]


def test_narrowing_a_quote_keeps_its_pieces_true():
    from dataclasses import replace

    from newslens._records import Quote

    source = 'Storm. "A," Lu said. "B and C"'
    q = Quote("A, B and C", 8, 29, "direct", spans=((8, 10), (22, 29)))
    assert replace(q, text=source[8:29]).text == "A, B and C"  # the whole extent's text
    clipped = replace(q, start_char=22, text=source[22:29])
    assert clipped.spans == ((22, 29),) and clipped.text == "B and C"


@pytest.mark.model
def test_a_split_quote_is_its_own_words(nl):
    text = (
        '"This is the biggest investment," Okafor told reporters angrily. '
        '"We have waited a long time."'
    )
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.text == "This is the biggest investment, We have waited a long time."
    assert [text[s:e] for s, e in q.spans] == [
        "This is the biggest investment,",
        "We have waited a long time.",
    ]
    assert (q.start_char, q.end_char) == (q.spans[0][0], q.spans[-1][1])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("Blair: 'We will win the election'\n\nThe prime minister spoke.", "Blair", "We will win"),
        ("Tony Blair said ‘we will win this one’, and left.", "Tony Blair", "we will win"),
        ("'We will win this,' Tony Blair told the party.", "Tony Blair", "We will win"),
    ],
)
def test_single_quoted_quotes_in_british_copy(nl, text, speaker, words):
    art = nl(text)
    check_offsets(art, text)
    (q,) = [q for q in art.quotes if q.kind != "indirect"]
    assert q.speaker == speaker and q.text.startswith(words)


@pytest.mark.model
def test_apostrophes_make_no_quotes(nl):
    text = "The workers' union met in the '90s to play rock 'n' roll. It's late, Smith said."
    assert [q for q in nl(text).quotes if q.kind != "indirect"] == []


def test_quote_graph_reads_subjects_from_the_pieces_only():
    from newslens import Article, Corpus
    from newslens._records import Entity, Mention, Quote

    text = '"We will build it," Okafor told the BBC in London. "Lagos is ready."'

    def ent(eid, name, label):
        at = text.index(name)
        return Entity(eid, name, label, name.lower(), (Mention(at, at + len(name), name, 0),))

    lagos, end = text.index("Lagos"), len(text) - 1
    okafor = text.index("Okafor")
    quote = Quote(
        "We will build it, Lagos is ready.", 1, end, "direct", "Okafor", "e0", okafor,
        okafor + 6, "told", spans=((1, 18), (lagos, end)),
    )  # fmt: skip
    entities = (ent("e0", "Okafor", "PERSON"), ent("e1", "BBC", "ORG"), ent("e2", "Lagos", "GPE"))
    art = Article(id="a", entities=entities, quotes=(quote,))
    G = Corpus([art]).quote_graph()
    assert list(G.edges()) == [("Okafor", "Lagos")]  # not the BBC of "told the BBC"


@pytest.mark.model
def test_a_quote_in_a_reported_clause_takes_the_verb_that_reports_it(nl):
    # class: a mixed quote, then a second report of the same speaker
    text = (
        'Okafor said the port was "ready for trade again," adding that the cranes '
        '"will run all night."'
    )
    art = nl(text)
    check_offsets(art, text)
    assert [(q.cue, q.speaker) for q in art.quotes] == [("said", "Okafor"), ("adding", "Okafor")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # class: a direct quote, then a participle clause reporting again
        '"We are ready," Okafor said, urging the council to "act before the rains."',
        '"We are ready," Okafor said, mentioning the old harbour is "in its last season."',
        '"We are ready," said Ada Okafor, noting that the cranes were "already running."',
        # class: a coordinated second verb with the same subject
        '"We are ready," Okafor told reporters, and warned that the port "cannot wait."',
    ],
)
def test_a_second_report_after_a_split_quote_is_a_quote_of_its_own(nl, text):
    art = nl(text)
    check_offsets(art, text)
    assert len(art.quotes) == 2
    first, second = art.quotes
    assert first.text == "We are ready," and len(first.spans) == 1
    assert second.speaker == first.speaker and "Okafor" in (first.speaker or "")
    assert "We are ready" not in second.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        # class: a second speech act the parse hangs inside the first one's reported clause
        (
            "Okafor said the harbour was “ready” on Monday before claiming that the cranes"
            " are “running all night.”",
            "the harbour was “ready” on Monday",
        ),
        (
            "The mayor hit back, telling reporters that the plan was a “fraud” and questioning"
            " how the council had “got away with it.”",
            "the plan was a “fraud”",
        ),
    ],
)
def test_a_mixed_quote_stops_at_a_second_report(nl, text, first_words):
    art = nl(text)
    check_offsets(art, text)
    quoted = [q for q in art.quotes if q.kind != "indirect"]
    assert len(quoted) == 2
    assert quoted[0].text == first_words
    assert quoted[0].end_char <= quoted[1].start_char


@pytest.mark.model
def test_each_line_of_a_quoted_transcript_is_its_speaker_s(nl):
    text = (
        "Partial transcript as follows:\n\n"
        '"HOST: Mayor Okafor, did you mislead the council about the ferry contract?\n\n'
        '"OKAFOR: I have great respect for the council, but they are wrong about this.\n\n'
        '"We published every figure."\n\nThe interview went on.'
    )
    art = nl(text)
    check_offsets(art, text)
    lines = [(q.speaker, q.cue, q.text[:14]) for q in art.quotes if q.kind != "indirect"]
    assert lines == [("HOST", ":", "Mayor Okafor, "), ("OKAFOR", ":", "I have great r")]
    assert art.quotes[-1].text.endswith("We published every figure.")


@pytest.mark.model
def test_a_speaker_brought_in_after_a_quote_takes_over(nl):
    # class: a new speaker introduced between two quotes says the second one
    text = (
        '"The ferry service has become a two-boat race," said Ada Okafor, a harbour pilot.'
        "\n\nThe council's engineer Mark Hale agreed. "
        '"Both boats are running out of time to fix their engines before the winter."'
    )
    art = nl(text)
    check_offsets(art, text)
    first, second = art.quotes
    assert "Okafor" in (first.speaker or "") and "Hale" in (second.speaker or "")
    assert len(first.spans) == 1


@pytest.mark.model
def test_a_speaker_with_a_bracketed_party_and_state_before_the_verb(nl):
    # class: 'Rep. Ada Lu (R-Tarn) said "…"', the parse leaving the verb no subject
    text = (
        "Asked about the image, Speaker of the House Rep. Ada Lu (R-Tarn) said “anti-ferry"
        " images, they’ve got no place in a harbour campaign.”"
    )
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.speaker == "Ada Lu"


@pytest.mark.model
def test_a_straight_quoted_statement_keeps_its_curly_quoted_phrase(nl):
    # class: a statement quoted in straight marks over paragraphs, quoting a phrase in curly ones
    text = (
        "Dr. Ada Lu stated:\n\n"
        '"The harbour board isn’t about “fair play” anymore. It’s about the mayor’s vision.\n\n'
        '"The latest example is the ferry tax, which lets owners decide who sails."'
    )
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.speaker == "Ada Lu"
    assert q.text.startswith("The harbour board isn’t about “fair play” anymore.")
    assert q.text.endswith("who sails.")


@pytest.mark.model
def test_a_fragment_missing_its_closing_mark_is_no_part_of_the_next_quote(nl):
    # class: a partial quote whose closing mark was dropped at the end of its paragraph
    text = (
        "Grayson said Okafor’s support of the plan is “really an amorphous position to have.\n\n"
        "“What we do here is, we legislate. We introduce bills,” Grayson said."
    )
    art = nl(text)
    check_offsets(art, text)
    first, second = art.quotes
    assert first.text == "really an amorphous position to have."
    assert second.text.startswith("What we do here is")


@pytest.mark.model
def test_a_quoted_sentence_broken_by_an_aside_is_one_quote(nl):
    # class: the attribution breaks one quoted sentence and runs on with an aside
    text = '"These ferries are old," said Okafor, explaining the delays, "and the crews are tired."'
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert (q.speaker, q.text, len(q.spans)) == (
        "Okafor",
        "These ferries are old, and the crews are tired.",
        2,
    )


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        # class: a work's quoted title is its maker's words
        (
            "On Monday night, the campaign manager Ada Lu released a memo titled"
            ' "Where the Ferry Race Stands." It was short.',
            "Ada Lu",
            "Where the Ferry Race Stands.",
        ),
        ("Harbour Watch launched a radio ad on Saturday titled, “Sunk.”", "Harbour Watch", "Sunk."),
        # class: words quoted after a noun for them are their user's
        ('In 1998 Okafor ran on the slogan "Ferries First" and won.', "Okafor", "Ferries First"),
        (
            "In the ferry captain’s words, “the port is a disgrace.”",
            "the ferry captain",
            "the port is a disgrace.",
        ),
    ],
)
def test_titles_and_terms_are_their_makers_words(nl, text, speaker, words):
    art = nl(text)
    check_offsets(art, text)
    (q,) = [q for q in art.quotes if q.kind != "indirect"]
    assert (q.speaker, q.text) == (speaker, words)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        # class: a claim quoted in its own that-clause is its maker's, whatever verb reports it
        (
            "Fact-checkers looked at Okafor’s claim that there have been “thousands of delays”"
            " at the port this year alone.",
            "Okafor",
            "there have been “thousands of delays” at the port this year alone",
        ),
        (
            "Reporters asked about Ada Lu’s accusation that the mayor is playing the “ferry card”"
            " in the race.",
            "Ada Lu",
            "the mayor is playing the “ferry card” in the race",
        ),
        # the claim after a copula
        (
            "Okafor’s main claim is that the harbour board is a “closed club” with no oversight.",
            "Okafor",
            "closed club",
        ),
    ],
)
def test_a_claim_quoted_in_its_clause_is_its_makers(nl, text, speaker, words):
    art = nl(text)
    check_offsets(art, text)
    (q,) = [q for q in art.quotes if q.kind != "indirect"]
    assert (q.speaker, q.text) == (speaker, words)


@pytest.mark.model
def test_a_speech_verb_inside_a_noun_phrase_starts_no_second_report(nl):
    text = (
        "Okafor said that “greed” was the motive for some ferry firms that are offering"
        " cheaper tickets this winter."
    )
    art = nl(text)
    check_offsets(art, text)
    (q,) = [q for q in art.quotes if q.kind != "indirect"]
    assert q.text.endswith("cheaper tickets this winter")
    # and a clause cut by no second report keeps a last word that could link one
    text = "Okafor said the ferries were “back to normal” by the day after."
    (q,) = [q for q in nl(text).quotes if q.kind != "indirect"]
    assert q.text == "the ferries were “back to normal” by the day after"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "texts"),
    [
        # a second report: the speaker's own coordinated speech verb
        (
            'Okafor told the meeting that delays were "very bad" and said "firm action" was'
            " needed.",
            ['delays were "very bad"', '"firm action" was needed'],
        ),
        # no second report: a speech verb inside a noun phrase, or after "to"
        (
            'Okafor said there had been a "steady stream" of reports suggesting the ferry was'
            " unsafe.",
            ['there had been a "steady stream" of reports suggesting the ferry was unsafe'],
        ),
        (
            'Ada Lu said the mayor was "very clever" to ask the clerk to look at his conduct.',
            ['the mayor was "very clever" to ask the clerk to look at his conduct'],
        ),
        # …or a speech verb of a clause inside the reported one, with another subject
        (
            'The election would be a three-party race, as the Green party "fades away" as a'
            " national force and the Liberals challenge Labour in its heartlands, Ada Lu said.",
            [
                'The election would be a three-party race, as the Green party "fades away" as a'
                " national force and the Liberals challenge Labour in its heartlands"
            ],
        ),
    ],
)
def test_a_second_report_is_the_speaker_s_own_speech_verb(nl, text, texts):
    art = nl(text)
    check_offsets(art, text)
    assert [q.text for q in art.quotes if q.kind != "indirect"] == texts


@pytest.mark.model
def test_a_term_framed_with_as_takes_the_object_along(nl):
    # class: characterisation with "as"; the content is the object, its frame and the quote
    text = 'Okafor described the plan as "a giveaway."'
    (q,) = nl(text).quotes
    assert (q.kind, q.speaker, q.cue, q.text) == (
        "mixed",
        "Okafor",
        "described",
        'the plan as "a giveaway."',
    )


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # class: a speech verb heading an adverbial or a relative clause speaks for itself
        'Okafor calls the plan "a giveaway," while Lund calls it "a lifeline."',
        'Okafor criticised the plan, which Lund called "a lifeline for the port."',
    ],
)
def test_a_speech_verb_in_its_own_clause_speaks_for_itself(nl, text):
    art = nl(text)
    check_offsets(art, text)
    assert art.quotes[-1].speaker == "Lund"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # class: someone's words quoted as part of what they did, with no speech verb
        (
            'In a statement, Ada Okafor credited the mayor for "an exciting and inspiring '
            'campaign for the port."',
            "Ada Okafor",
            "credited",
        ),
        ('The minister took credit for "being right about the port all along" on Friday.',
         "The minister", "took"),
    ],
)  # fmt: skip
def test_a_long_quote_with_no_cue_is_its_doers(nl, text, speaker, cue):
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert (q.speaker, q.cue) == (speaker, cue)
    # no one to do it: the words are no one's quote ('the talks ended with "…"')
    assert not nl('The talks ended with "no deal on the table for anyone" on Friday.').quotes


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # class: a participle of speech trailing the clause it adds to, which the parser,
        # reading through the quote, hangs elsewhere
        ("Band member Ola Berg shared the news on social media last week, writing “Feels great "
         "to support the port workers who fought for this.”", "Ola Berg"),
        ("When Okafor suggested that the council would sue, Lund fired back forcefully: “If they "
         "sue us in a court in Valmora, they’re going to lose,” referencing the port’s record in "
         "the region.", "Lund"),
        ('At one debate she only hinted at the mayor by mentioning the need for a new quay on '
         'the river and adding, "I have got an idea of who should pay for it."', "she"),
    ],
)  # fmt: skip
def test_a_trailing_participle_speaks_for_the_subject_before_it(nl, text, speaker):
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.speaker == speaker


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # class: 'V X as "…"' however the parse hangs the "as" or takes the object
        ("It’s been extremely common for news accounts to portray Ada Lu’s candidacy as a "
         "“working-class” rebellion against the council.", "news accounts"),
        ("For now, the council waves off the delay as having “minimal” effect.", "the council"),
        ("Ada Okafor, who has cast herself as the “friend of the dockers,” won the seat on "
         "Sunday.", "Ada Okafor"),
    ],
)  # fmt: skip
def test_a_verb_characterising_its_object_in_quoted_words_is_the_cue(nl, text, speaker):
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.speaker == speaker


@pytest.mark.model
def test_narration_between_two_pieces_after_one_cue_starts_a_second_quote(nl):
    # class: a report that goes on in the writer's words before a second quote
    text = (
        'Lu said both rivals are "lightweights in the chamber," but she gave the mayor a '
        'back-handed compliment: "You always know where she stands on the port."'
    )
    art = nl(text)
    check_offsets(art, text)
    assert [q.text for q in art.quotes] == [
        "lightweights in the chamber,",
        "You always know where she stands on the port.",
    ]
    assert {q.speaker for q in art.quotes} == {"Lu"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # class: a noun for words as the subject of a copula, its possessor the user
        ("Ada Okafor’s campaign slogan is “Ferries first, always.” But now she wants voters to "
         "know more.", "Ada Okafor"),
        ('The council’s new motto is "A port for everyone." It was chosen last week.',
         "The council"),
    ],
)  # fmt: skip
def test_a_slogan_named_before_a_copula_is_its_owners(nl, text, speaker):
    art = nl(text)
    check_offsets(art, text)
    (q,) = art.quotes
    assert q.speaker == speaker
