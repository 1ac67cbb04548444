"""Each stage of ``extract_quotes`` on its own, on hand-built and blank-model Docs.

The stages are those of the ``newslens._quotes`` docstring: marks, pieces, cue, merge,
classify, speaker, resolve, reported speech. Docs are built by hand (words, heads, dependency
labels, tags) or by ``spacy.blank("en")``, so these tests need no trained model; the same
stages run on the real model in ``test_quotes.py``.
"""

from dataclasses import replace

import pytest
import spacy
from spacy.tokens import Doc, Span

from newslens._doc import Stretches
from newslens._quotes import (
    _MIN_WORDS,
    _according_report,
    _attribute,
    _Attribution,
    _brought_in_after,
    _Candidate,
    _carried_over,
    _characterises,
    _claim_of,
    _classify,
    _clause_of,
    _closing_mark_kept,
    _Context,
    _embedded,
    _find_cue,
    _Found,
    _governing_verb,
    _in_clause,
    _is_quote,
    _Mentions,
    _merge,
    _name_cued_elsewhere,
    _noun_of_before,
    _one_attribution,
    _Piece,
    _pieces,
    _Previous,
    _quote,
    _reported_clause,
    _reporting_verb,
    _resumes,
    _run_on,
    _runs_on,
    _second_verb,
    _signature,
    _signed_after_dash,
    _single_spans,
    _speaker_after,
    _speaker_before,
    _speaker_name,
    _speaker_of,
    _speech_noun,
    _subject_before_participle,
    _titled,
    _transcript_speaker,
    _trim_clause,
    _unnested,
    _window,
    _word_noun,
    extract_quotes,
    quote_spans,
)
from newslens._records import Entity, Mention, Quote


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def parsed(nlp, words, spaces, heads, deps, pos, tags=None, lemmas=None, sent_starts=None):
    """A Doc with a hand-written parse (heads are absolute token indices)."""
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags or [{"VERB": "VBD", "PROPN": "NNP"}.get(p, "XX") for p in pos],
        lemmas=lemmas or [w.lower() for w in words],
        sent_starts=sent_starts,
    )


def said_blair(nlp):
    """'"We will win," Blair said.' parsed as the model parses it."""
    words = ['"', "We", "will", "win", ",", '"', "Blair", "said", "."]
    spaces = [False, True, True, False, False, True, True, False, False]
    heads = [7, 3, 3, 7, 7, 7, 7, 7, 7]
    deps = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    lemmas = ['"', "we", "will", "win", ",", '"', "Blair", "say", "."]
    return parsed(nlp, words, spaces, heads, deps, pos, lemmas=lemmas)


def att(cue="said", cue_start=0, s=None, e=None, carried=False):
    return _Attribution(cue, cue_start, s, e, carried)


# --- marks ---------------------------------------------------------------------------------


def test_marks_pair_double_and_single_marks():
    text = "Blair: 'We will win'. He said \"no\" and ‘never’ in the workers' club."
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["We will win", "no", "never"]


def test_a_curly_pair_inside_a_straight_quote_is_nested_in_it():
    # class: a passage typed in straight marks quoting a phrase pasted in curly ones, the
    # passage running over paragraphs with no closing mark until the last
    text = '"The board isn’t about “fair play” any more.\n\n"It is about power."\n\nShe left.'
    (q,) = quote_spans(text)
    assert (
        text[q.start : q.end]
        == 'The board isn’t about “fair play” any more.\n\n"It is about power.'
    )


def test_a_fragment_left_unclosed_ends_with_its_paragraph():
    # class: a partial quote whose closing mark was dropped ('is “really amorphous.') is no
    # quotation running on into the quote that opens the next paragraph
    text = "Lu said the plan is “really amorphous.\n\n“We legislate,” Lu said."
    spans = [text[q.start : q.end] for q in quote_spans(text)]
    assert spans == ["really amorphous.", "We legislate,"]
    # a quotation that opens its paragraph runs on over paragraphs as before
    text = "“We legislate.\n\n“We vote,” Lu said."
    assert [text[q.start : q.end] for q in quote_spans(text)] == ["We legislate.\n\n“We vote,"]


def test_single_marks_leave_elisions_and_possessives():
    assert _single_spans("the '90s, 'em, rock 'n' roll, the bosses' pay, don't") == []
    text = "He said 'the workers' union will win' on Monday."
    (q,) = _single_spans(text)
    assert text[q.start : q.end] == "the workers' union will win"  # the surer close wins


def test_an_unclosed_single_mark_is_dropped():
    assert _single_spans("He said 'we will win and left.\n\nNext.") == []


# --- pieces --------------------------------------------------------------------------------


def test_window_is_the_quote_clause_up_to_the_neighbouring_quotes(blank):
    text = '"A b c d," Lu said, looking on. "E f g h," she added.\nNext line.'
    ctx = _Context.of(blank(text))  # no sentence boundaries: one sentence
    lo, hi = _window(ctx, 0)
    assert (lo, hi) == (0, ctx.marks[1].open)
    lo, hi = _window(ctx, 1)
    assert (lo, hi) == (ctx.marks[0].close, text.index("\n"))


def test_pieces_find_the_cue_after_the_quote(blank):
    doc = said_blair(blank)
    (piece,) = _pieces(_Context.of(doc))
    assert piece.att is not None and piece.att.cue == "said"
    text = doc.text
    assert text[piece.att.speaker_start : piece.att.speaker_end] == "Blair"


# --- cue -----------------------------------------------------------------------------------


def test_find_cue_takes_the_speech_verb_and_its_subject(blank):
    doc = said_blair(blank)
    ctx = _Context.of(doc)
    q = ctx.marks[0]
    found = _find_cue(doc, 0, len(doc.text), ctx.inside, ctx.names, q.open, q.close)
    blair = doc.text.index("Blair")
    assert found == _Attribution("said", doc.text.index("said"), blair, blair + 5)


def test_a_transcript_line_is_attributed_to_its_label():
    text = '"ADA LU: We will win.\n\n"We will."'
    line, plain = quote_spans(text), quote_spans('"We will win," Lu said.')
    att = _transcript_speaker(text, line[0])
    assert att is not None and text[att.speaker_start : att.speaker_end] == "ADA LU"
    assert att.cue == ":" and _transcript_speaker('"We will win," Lu said.', plain[0]) is None


def test_a_speaker_brought_in_after_the_last_quote_takes_over(blank):
    # '"A," said Lu.\n\nOkafor agreed. "B"': a name with a verb of speech after A's own cue
    text = "Lu said. Okafor agreed. Families expect."
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("said", 1, "ROOT", "VERB", "say"),
        (".", 1, "punct", "PUNCT", "."), ("Okafor", 4, "nsubj", "PROPN", "Okafor"),
        ("agreed", 4, "ROOT", "VERB", "agree"), (".", 4, "punct", "PUNCT", "."),
        ("Families", 7, "nsubj", "NOUN", "family"), ("expect", 7, "ROOT", "VERB", "expect"),
        (".", 7, "punct", "PUNCT", "."),
    ]  # fmt: skip
    ctx = _Context.of(hand_parsed(blank, text, rows))
    last = _Previous(None, 0, 2, "said", 3, 2)
    okafor, families = text.index("Okafor"), text.index("Families")
    agreed = att("agreed", text.index("agreed"), okafor, okafor + 6)
    assert _brought_in_after(ctx, agreed, last)
    assert not _brought_in_after(ctx, att("said", 3, 0, 2), last)  # A's own attribution
    assert not _brought_in_after(ctx, agreed, None)
    # a sentence whose marks the text lost: a common noun and a verb of thought bring no one in
    expect = att("expect", text.index("expect"), families, families + 8)
    assert not _brought_in_after(ctx, expect, last)


# --- merge ---------------------------------------------------------------------------------


def test_merge_joins_the_pieces_around_one_cue(blank):
    text = '"We will win," Lu said. "And then we govern."'
    ctx = _Context.of(blank(text))
    cue = att(cue_start=text.index("said"))
    groups = _merge(ctx, [_Piece(ctx.marks[0], cue), _Piece(ctx.marks[1], None)])
    assert [len(g) for g in groups] == [2]


def test_merge_keeps_pieces_on_other_lines_apart(blank):
    text = '"We will win," Lu said.\n"And then we govern."'
    ctx = _Context.of(blank(text))
    cue = att(cue_start=text.index("said"))
    groups = _merge(ctx, [_Piece(ctx.marks[0], cue), _Piece(ctx.marks[1], None)])
    assert [len(g) for g in groups] == [1, 1]


def test_merge_does_not_join_a_short_term_to_the_next_quote(blank):
    text = 'He praised the "Star Wars" sequel, remarking, "Thank you all for coming".'
    ctx = _Context.of(blank(text))
    cue = att("remarking", text.index("remarking"))
    groups = _merge(ctx, [_Piece(ctx.marks[0], cue), _Piece(ctx.marks[1], cue)])
    assert [len(g) for g in groups] == [1, 1]
    assert groups[0][0].att is None  # the shared cue is the second quote's


def test_merge_sets_a_programme_title_aside(blank):
    # class: the show an attribution names sits between the pieces of one quote
    text = '"We will win," Lu said on "Harbour Watch." "And then we govern."'
    rows = [
        ('"', 7, "punct", "PUNCT", '"'), ("We", 3, "nsubj", "PRON", "we"),
        ("will", 3, "aux", "AUX", "will"), ("win", 7, "ccomp", "VERB", "win"),
        (",", 7, "punct", "PUNCT", ","), ('"', 7, "punct", "PUNCT", '"'),
        ("Lu", 7, "nsubj", "PROPN", "Lu"), ("said", 7, "ROOT", "VERB", "say"),
        ("on", 7, "prep", "ADP", "on"), ('"', 11, "punct", "PUNCT", '"'),
        ("Harbour", 11, "compound", "PROPN", "Harbour"), ("Watch", 8, "pobj", "PROPN", "Watch"),
        (".", 7, "punct", "PUNCT", "."), ('"', 7, "punct", "PUNCT", '"'),
        ('"', 18, "punct", "PUNCT", '"'), ("And", 18, "cc", "CCONJ", "and"),
        ("then", 18, "advmod", "ADV", "then"), ("we", 18, "nsubj", "PRON", "we"),
        ("govern", 18, "ROOT", "VERB", "govern"), (".", 18, "punct", "PUNCT", "."),
        ('"', 18, "punct", "PUNCT", '"'),
    ]  # fmt: skip
    ctx = _Context.of(hand_parsed(blank, text, rows))
    cue = att(cue_start=text.index("said"))
    pieces = [_Piece(ctx.marks[0], cue), _Piece(ctx.marks[1], cue), _Piece(ctx.marks[2], None)]
    groups = _merge(ctx, pieces)
    words = [[text[p.mark.start : p.mark.end] for p in g] for g in groups]
    assert words == [["We will win,", "And then we govern."], ["Harbour Watch."]]


def test_second_verb_gives_a_quote_the_participle_that_reports_it(blank):
    # class: '"A," Lu said, urging them to "B"': "urging" reports B, Lu still speaks
    text = '"We are ready," Lu said, urging them to "act now."'
    rows = [
        ('"', 7, "punct", "PUNCT", '"'), ("We", 2, "nsubj", "PRON", "we"),
        ("are", 7, "ccomp", "AUX", "be"), ("ready", 2, "acomp", "ADJ", "ready"),
        (",", 7, "punct", "PUNCT", ","), ('"', 7, "punct", "PUNCT", '"'),
        ("Lu", 7, "nsubj", "PROPN", "Lu"), ("said", 7, "ROOT", "VERB", "say"),
        (",", 7, "punct", "PUNCT", ","), ("urging", 7, "advcl", "VERB", "urge"),
        ("them", 9, "dobj", "PRON", "they"), ("to", 13, "aux", "PART", "to"),
        ('"', 13, "punct", "PUNCT", '"'), ("act", 9, "xcomp", "VERB", "act"),
        ("now", 13, "advmod", "ADV", "now"), (".", 7, "punct", "PUNCT", "."),
        ('"', 7, "punct", "PUNCT", '"'),
    ]  # fmt: skip
    ctx = _Context.of(hand_parsed(blank, text, rows))
    lu = text.index("Lu")
    said = _Attribution("said", text.index("said"), lu, lu + 2)
    assert _second_verb(ctx, ctx.marks[1], said) == replace(
        said, cue="urging", cue_start=text.index("urging")
    )
    assert _second_verb(ctx, ctx.marks[0], said) == said  # the quote before the verbs


# --- classify ------------------------------------------------------------------------------


def test_classify_drops_a_short_quote_no_one_says(blank):
    text = 'The so-called "experts" disagreed.'
    ctx = _Context.of(blank(text))
    assert _classify(ctx, [_Piece(ctx.marks[0], None)]) is None


def test_classify_a_long_quote_is_direct(blank):
    text = '"We will win this one," he said.'
    ctx = _Context.of(blank(text))
    cand = _classify(ctx, [_Piece(ctx.marks[0], None)])
    assert cand is not None and cand.kind == "direct"
    assert text[cand.start : cand.end] == "We will win this one,"
    assert len("We will win this one,".split()) >= _MIN_WORDS


def test_classify_a_short_term_with_a_cue_is_mixed(blank):
    text = 'Blair said it was "truly great" for all.'
    ctx = _Context.of(blank(text))
    cand = _classify(ctx, [_Piece(ctx.marks[0], att(cue_start=text.index("said")))])
    assert cand is not None and cand.kind == "mixed"


def test_is_quote_drops_titles_and_unattributed_apostrophe_pairs(blank):
    text = "They watched ''Gone With the Wind Again'' on Monday."
    ctx = _Context.of(blank(text))
    cand = _classify(ctx, [_Piece(ctx.marks[0], att("watched", 5))])
    assert cand is not None
    assert not _is_quote(ctx, cand, None)  # inside a sentence, no one says it
    assert not _is_quote(ctx, cand, att("watched", 5))  # not a reporting verb
    assert _is_quote(ctx, cand, att("said", 5))


# --- speaker -------------------------------------------------------------------------------


def test_a_quote_with_no_cue_carries_the_previous_speaker_over(blank):
    text = '"We will win," Lu said.\n\n"We will govern well too."'
    ctx = _Context.of(blank(text))
    q = ctx.marks[1]
    cand = _Candidate((q,), None, "direct", q.start, q.end)
    last = _Previous(None, 15, 17, "said", 18, ctx.marks[0].close)
    carried = _carried_over(ctx, cand, last)
    assert carried == _Attribution("said", 18, 15, 17, carried=True)
    assert _attribute(ctx, cand, last, floating=True) == carried
    far = text.replace("\n\n", "\n\nMore news.\n\nAnd more.\n\n")
    ctx = _Context.of(blank(far))
    q = ctx.marks[1]
    cand = _Candidate((q,), None, "direct", q.start, q.end)
    assert _carried_over(ctx, cand, last) is None


def test_one_attribution_sentence_however_long_carries_its_speaker(blank):
    one = "Okafor said at the harbour office on Friday , where the cranes stood idle all week ."
    two = "Okafor said so on Friday . Then the harbour master spoke to the crews for an hour ."
    for words, carried in ((one.split(), True), (two.split(), False)):
        starts = [w in ("Okafor", "Then") for w in words]
        doc = Doc(blank.vocab, words=words, sent_starts=starts)
        assert len(words) > 12
        assert _one_attribution(_Context.of(doc), 0, len(doc.text)) is carried


# --- resolve -------------------------------------------------------------------------------


def test_resolve_a_pronoun_to_the_last_person(blank):
    text = 'Tony Blair spoke. "We will win this one," he said.'
    ctx = _Context.of(blank(text))
    blair = Entity("e0", "Tony Blair", "PERSON", "tony blair", (Mention(0, 10, "Tony Blair", 0),))
    he = text.index("he said")
    name, ent = _speaker_name(ctx, att(s=he, e=he + 2), _Mentions([blair]), None)
    assert (name, ent) == ("Tony Blair", blair)
    assert _speaker_name(ctx, None, _Mentions([blair]), None) == (None, None)


def test_quote_record_holds_the_pieces_words_only(blank):
    text = '"We will win," Lu said. "And then we govern."'
    ctx = _Context.of(blank(text))
    a, b = ctx.marks
    cand = _Candidate((a, b), att(s=15, e=17), "direct", a.start, b.end)
    q = _quote(ctx, cand, cand.att, "Lu", None)
    assert q.text == "We will win, And then we govern."
    assert q.spans == ((a.start, a.end), (b.start, b.end))
    assert (q.start_char, q.end_char) == (a.start, b.end)


# --- the whole row, and reported speech ----------------------------------------------------


def test_extract_quotes_on_a_hand_parsed_doc(blank):
    doc = said_blair(blank)
    (q,) = extract_quotes(doc)
    assert (q.text, q.speaker, q.cue, q.kind) == ("We will win,", "Blair", "said", "direct")


def test_extract_quotes_never_raises_on_a_blank_doc(blank):
    text = "He said 'we will. \"Odd ” marks ‘ and ’ rock 'n' roll \n\n\"More"
    text += " Fares will rise, according to the council. The bridge, he said, will open."
    for q in extract_quotes(blank(text)):
        assert 0 <= q.start_char < q.end_char <= len(text)
        assert q.text == " ".join(text[s:e] for s, e in q.spans)


def fares_according_to(nlp):
    """'Fares will rise by a tenth in April, according to the council.' as parsed."""
    words = "Fares will rise by a tenth in April , according to the council .".split()
    spaces = [True] * len(words)
    spaces[7] = spaces[12] = spaces[13] = False
    heads = [2, 2, 2, 2, 5, 3, 2, 6, 2, 2, 9, 12, 10, 2]
    deps = ["nsubj", "aux", "ROOT", "prep", "det", "pobj", "prep", "pobj", "punct", "prep"]
    deps += ["prep", "det", "pobj", "punct"]
    pos = ["NOUN", "AUX", "VERB", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "VERB"]
    pos += ["ADP", "DET", "NOUN", "PUNCT"]
    return parsed(nlp, words, spaces, heads, deps, pos)


def bridge_the_mayor_said(nlp):
    """'The bridge, the mayor said, will open to traffic before winter.' as parsed."""
    words = "The bridge , the mayor said , will open to traffic before winter .".split()
    spaces = [True] * len(words)
    spaces[1] = spaces[5] = spaces[12] = spaces[13] = False
    heads = [1, 8, 5, 4, 5, 8, 5, 8, 8, 8, 9, 8, 11, 8]
    deps = ["det", "nsubj", "punct", "det", "nsubj", "parataxis", "punct", "aux", "ROOT"]
    deps += ["prep", "pobj", "prep", "pobj", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT", "AUX", "VERB", "ADP"]
    pos += ["NOUN", "ADP", "NOUN", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[5] = "say"
    return parsed(nlp, words, spaces, heads, deps, pos, lemmas=lemmas)


def test_according_to_sources_the_rest_of_its_sentence(blank):
    doc = fares_according_to(blank)
    text = doc.text
    report = _according_report(doc[9], Stretches(()))
    assert report is not None and report.cue == "according to"
    assert [text[s:e] for s, e in report.pieces] == ["Fares will rise by a tenth in April"]
    assert text[report.speaker_start : report.speaker_end] == "the council"
    # inside a quote, or with the reported words quoted, it is no report of its own
    assert _according_report(doc[9], Stretches([(0, 5)])) is None


def test_an_inserted_attribution_splits_the_reported_clause(blank):
    doc = bridge_the_mayor_said(blank)
    text = doc.text
    pieces = _reported_clause(doc[5])
    assert pieces is not None
    assert [text[s:e] for s, e in pieces] == ["The bridge", "will open to traffic before winter"]
    (q,) = extract_quotes(doc)
    assert (q.kind, q.speaker, q.cue) == ("indirect", "the mayor", "said")
    assert q.text == "The bridge will open to traffic before winter"


# --- run-on paragraphs and nested reports --------------------------------------------------


def test_a_carried_quote_in_the_next_paragraph_runs_on(blank):
    text = '"We will win," Lu said.\n\n"We will govern well too."'
    ctx = _Context.of(blank(text))
    first, second = ctx.marks
    own = _Attribution("said", 18, 15, 17)
    prev = _Found(_Candidate((first,), own, "direct", first.start, first.end), own, "Lu", None)
    cand = _Candidate((second,), None, "direct", second.start, second.end)
    carried = _Attribution("said", 18, 15, 17, carried=True)
    assert _runs_on(ctx, prev, cand, carried)
    assert not _runs_on(ctx, prev, cand, own)  # a cue of its own: a quote of its own
    assert not _runs_on(ctx, prev, cand, None)
    joined = _run_on(prev, cand).cand
    assert joined.pieces == (first, second) and (joined.start, joined.end) == (1, len(text) - 1)
    record = _quote(ctx, joined, own, "Lu", None)
    assert record.text == "We will win, We will govern well too."


def test_a_quote_two_paragraphs_on_does_not_run_on(blank):
    text = '"We will win," Lu said.\n\nMore news.\n\n"We will govern well too."'
    ctx = _Context.of(blank(text))
    first, second = ctx.marks
    own = _Attribution("said", 18, 15, 17)
    prev = _Found(_Candidate((first,), own, "direct", first.start, first.end), own, "Lu", None)
    cand = _Candidate((second,), None, "direct", second.start, second.end)
    assert not _runs_on(ctx, prev, cand, _Attribution("said", 18, 15, 17, carried=True))


def test_unnested_drops_a_report_inside_another_report():
    outer = Quote("the mayor told her the port reopens", 10, 45, "indirect")
    inner = Quote("the port reopens", 29, 45, "indirect")
    apart = Quote("fares will rise", 60, 75, "indirect")
    assert _unnested([], [outer, inner, apart]) == [outer, apart]
    same = Quote("the mayor told her the port reopens", 10, 45, "indirect", cue="according to")
    assert _unnested([], [outer, same]) == [outer, same]  # equal extents: neither holds the other


# --- fragments of one report ---------------------------------------------------------------


def called_the_plan(nlp, *, and_said):
    """'Lu called the plan "bold" and "overdue".', or '… "bold" and said "we start".', parsed."""
    words = ["Lu", "called", "the", "plan", '"', "bold", '"', "and"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "ADJ", "PUNCT", "CCONJ"]
    heads = [1, 1, 3, 1, 5, 1, 5]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "oprd", "punct"]
    if and_said:  # a second verb with its own quote
        words += ["said", '"', "we", "start", '"', "."]
        pos += ["VERB", "PUNCT", "PRON", "VERB", "PUNCT", "PUNCT"]
        heads += [1, 1, 11, 11, 8, 11, 1]
        deps += ["cc", "conj", "punct", "nsubj", "ccomp", "punct", "punct"]
        spaces = [True, True, True, True, False, False, True, True, True, False, True]
        spaces += [False, False, False]
    else:  # one verb, two fragments
        words += ['"', "overdue", '"', "."]
        pos += ["PUNCT", "ADJ", "PUNCT", "PUNCT"]
        heads += [5, 9, 5, 9, 1]
        deps += ["cc", "punct", "conj", "punct", "punct"]
        spaces = [True, True, True, True, False, False, True, True, False, False, False, False]
    lemmas = [{"called": "call", "said": "say"}.get(w, w.lower()) for w in words]
    return parsed(nlp, words, spaces, heads, deps, pos, lemmas=lemmas)


def test_merge_joins_the_fragments_one_verb_reports(blank):
    # class: fragments quoted from one report ('called the plan "bold" and "overdue"')
    doc = called_the_plan(blank, and_said=False)
    assert doc.text == 'Lu called the plan "bold" and "overdue".'
    ctx = _Context.of(doc)
    assert [len(g) for g in _merge(ctx, _pieces(ctx))] == [2]
    (q,) = extract_quotes(doc)
    assert (q.kind, q.speaker, q.text) == ("mixed", "Lu", "bold overdue")  # the words only


def test_merge_keeps_the_quotes_of_two_verbs_apart(blank):
    # 'called the plan "bold" and said "we start"': two verbs, two reports
    doc = called_the_plan(blank, and_said=True)
    assert doc.text == 'Lu called the plan "bold" and said "we start".'
    ctx = _Context.of(doc)
    assert [len(g) for g in _merge(ctx, _pieces(ctx))] == [1, 1]


# --- an attribution in the next sentence ---------------------------------------------------


def quote_then(nlp, words, spaces, sent_starts, verb, reported=None):
    """A Doc whose sentences start at ``sent_starts``; ``words[verb]`` is "said", its subject
    the word before it, ``words[reported]`` (if any) the clause it reports."""
    heads, deps = [], []
    root = 0
    for k in range(len(words)):
        if k in sent_starts:
            root = verb if k <= verb < min([s for s in sent_starts if s > k] + [len(words)]) else k
        heads.append(root)
        deps.append("ROOT" if k == root else "dep")
    pos = ["X"] * len(words)
    pos[verb], pos[verb - 1] = "VERB", "PROPN"
    deps[verb - 1] = "nsubj"
    if reported is not None:
        deps[reported], pos[reported] = "ccomp", "VERB"
    lemmas = ["say" if k == verb else w.lower() for k, w in enumerate(words)]
    return parsed(nlp, words, spaces, heads, deps, pos, lemmas=lemmas)


def test_a_two_apostrophe_quote_is_attributed_in_the_next_sentence(blank):
    # class: NYT-style marks ("''…''"), the parser ending a sentence after the first apostrophes
    words = ["''", "We", "win", ".", "''", "Lu", "said", ".", "''", "More", ".", "''"]
    spaces = [False, True, False, False, True, True, False, True, False, False, False, False]
    doc = quote_then(blank, words, spaces, {0, 1, 5, 9}, verb=6)
    assert doc.text == "''We win.'' Lu said. ''More.''"
    lo, hi = _window(_Context.of(doc), 0)
    assert lo == 0 and hi > doc.text.index("said")  # the window reaches the cue


def test_a_quote_ending_in_a_quote_is_attributed_in_the_next_sentence(blank):
    # class: a quote ending with a quote inside it ('"She asked, ‘Why?’" Lu said.')
    words = ['"', "She", "asked", ",", "‘", "Why", "?", "’", '"', "Lu", "said", "."]
    spaces = [False, True, False, True, False, False, False, False, True, True, False, False]
    doc = quote_then(blank, words, spaces, {0, 9}, verb=10)
    assert doc.text == '"She asked, ‘Why?’" Lu said.'
    (piece,) = _pieces(_Context.of(doc))
    assert piece.att is not None and piece.att.cue == "said"


def test_a_new_report_after_a_quote_is_not_its_attribution(blank):
    # '"We win." Lu said we lost.': Lu reports something else; '"We win." Lu said.' attributes
    words = ['"', "We", "win", ".", '"', "Lu", "said", "we", "lost", "."]
    spaces = [False, True, False, False, True, True, True, True, False, False]
    doc = quote_then(blank, words, spaces, {0, 5}, verb=6, reported=8)
    assert doc.text == '"We win." Lu said we lost.'
    assert _window(_Context.of(doc), 0) == (0, len('"We win."'))
    doc = quote_then(blank, words[:7] + ["."], spaces[:6] + [False, False], {0, 5}, verb=6)
    assert _window(_Context.of(doc), 0) == (0, len('"We win." Lu said.'))


# --- speaker: passives ---------------------------------------------------------------------


def test_a_passive_speech_verb_speaks_through_its_agent_or_no_one(blank):
    # class: naming and description in the passive ('a ferry called "Swan"', '… called … by Lu')
    words = ["The", "ferry", "called", '"', "Swan", '"', "sails", "."]
    spaces = [True, True, True, False, False, True, False, False]
    heads = [1, 6, 1, 4, 2, 4, 6, 6]
    deps = ["det", "nsubj", "acl", "punct", "oprd", "punct", "ROOT", "punct"]
    pos = ["DET", "NOUN", "VERB", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT"]
    tags = ["DT", "NN", "VBN", "``", "NNP", "''", "VBZ", "."]
    doc = parsed(blank, words, spaces, heads, deps, pos, tags=tags)
    assert _speaker_of(doc[2]) is None  # not "The ferry": it is what is named
    words = ["The", "plan", "was", "called", "bold", "by", "Lu", "."]
    heads = [1, 3, 3, 3, 3, 3, 5, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "oprd", "agent", "pobj", "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADJ", "ADP", "PROPN", "PUNCT"]
    tags = ["DT", "NN", "VBD", "VBN", "JJ", "IN", "NNP", "."]
    doc = parsed(blank, words, [True] * 6 + [False, False], heads, deps, pos, tags=tags)
    assert _speaker_of(doc[3]) == (doc.text.index("Lu"), doc.text.index("Lu") + 2)


# --- cue: a headline signed with a name the tagger missed ----------------------------------


def test_a_headline_is_signed_with_a_name_the_article_uses(blank):
    # class: 'Okafor: "…"' headlines, the surname tagged as a common noun
    words = ["Okafor", ":", "'", "We", "win", "'"]
    spaces = [False, True, False, True, False, False]
    pos = ["NOUN", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT"]
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=pos)
    colon = doc.text.index(":")
    assert _signature(doc, colon, frozenset({"okafor", "ada"})) == (0, 6)
    assert _signature(doc, colon, frozenset()) is None  # "Update: '…'" is signed by no one


def test_a_colon_introduction_is_signed_with_the_name_after_its_role(blank):
    # class: '<clause> <role> <Name>: "…"', the person named last before the colon speaks
    words = ["It", "did", "not", "surprise", "pollster", "Ada", "Lu", ":", '"', "We", "win", '"']
    spaces = [True, True, True, True, True, True, False, True, False, True, False, False]
    pos = ["PRON", "AUX", "PART", "VERB", "NOUN", "PROPN", "PROPN", "PUNCT", "PUNCT", "PRON"]
    pos += ["VERB", "PUNCT"]
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=pos)
    colon = doc.text.index(":")
    lu = doc.text.index("Ada")
    assert _signature(doc, colon, frozenset()) == (lu, lu + len("Ada Lu"))
    # after a word that is no role (a verb, a capitalised word) the name signs nothing
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=pos[:4] + ["VERB"] + pos[5:])
    assert _signature(doc, colon, frozenset()) is None
    # a name a preposition governs listens: 'She turned to reporter Ada Lu: "…"'
    words = ["She", "turned", "to", "reporter", "Ada", "Lu", ":", '"', "Why", "?", '"']
    spaces = [True, True, True, True, True, False, True, False, False, False, False]
    pos = ["PRON", "VERB", "ADP", "NOUN", "PROPN", "PROPN", "PUNCT", "PUNCT", "ADV", "PUNCT"]
    heads = [1, 1, 1, 5, 5, 2, 1, 1, 1, 1, 1]
    deps = ["nsubj", "ROOT", "prep", "compound", "compound", "pobj", "punct", "punct", "advmod"]
    deps += ["punct", "punct"]
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=[*pos, "PUNCT"], heads=heads, deps=deps)
    assert _signature(doc, doc.text.index(":"), frozenset()) is None


# --- resolve: a fronted source -------------------------------------------------------------


def test_a_fronted_source_is_no_apposition(blank):
    # 'According to the port office, Lu Okafor said …': the office, not Okafor
    for text, expected in (
        ("According to the port office, Lu Okafor said so.", None),
        ("The port office chief, Lu Okafor, said so.", "Lu Okafor"),
    ):
        s = text.index("the port office") if expected is None else 0
        e = text.index(",")
        at = text.index("Lu Okafor")
        okafor = Entity(
            "e0", "Lu Okafor", "PERSON", "lu okafor", (Mention(at, at + 9, "Lu Okafor", 0),)
        )
        ctx = _Context.of(blank(text))
        _, ent = _speaker_name(ctx, att(s=s, e=e), _Mentions([okafor]), None)
        assert (ent.name if ent else None) == expected


def test_a_name_after_tell_or_after_a_participle_is_not_the_speaker(blank):
    # ', …, tells Harbour Post': the listener; '"…," referencing the crowd': the participle's object
    words = ['"', "We", "won", ",", '"', "Lu", ",", "a", "mayor", ",", "tells", "Harbour", "Post"]
    spaces = [False, True, False, False, True, False, True, True, False, True, True, True, False]
    heads = [10, 2, 10, 10, 10, 10, 5, 8, 5, 10, 10, 12, 10]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "dep", "punct", "det", "appos", "punct"]
    deps += ["ROOT", "compound", "dobj"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT"]
    pos += ["VERB", "PROPN", "PROPN"]
    tags = ["``", "PRP", "VBD", ",", "''", "NNP", ",", "DT", "NN", ",", "VBZ", "NNP", "NNP"]
    for verb, lemma, speaks in (("tells", "tell", False), ("says", "say", True)):
        words[10] = verb
        lemmas = [lemma if w == verb else w.lower() for w in words]
        doc = parsed(blank, words, spaces, heads, deps, pos, tags=tags, lemmas=lemmas)
        post = doc.text.index("Harbour")
        assert _speaker_after(doc[10]) == ((post, len(doc.text)) if speaks else None)
    words = ['"', "We", "won", ",", '"', "referencing", "the", "crowd"]
    heads = [5, 2, 5, 5, 5, 5, 7, 5]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "det", "dobj"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "DET", "NOUN"]
    tags = ["``", "PRP", "VBD", ",", "''", "VBG", "DT", "NN"]
    spaces = [False, True, False, False, True, True, True, False]
    doc = parsed(blank, words, spaces, heads, deps, pos, tags=tags)
    assert _speaker_after(doc[5]) is None


def test_a_stretch_inside_a_mixed_quotes_clause_is_part_of_it(blank):
    # class: a clause quoted in fragments, a later one after a comma
    text = 'Lu said the port had seen "years of neglect", "and it will take a decade to mend".'
    ctx = _Context.of(blank(text))
    first, second = ctx.marks
    said = att(cue_start=text.index("said"), s=0, e=2)
    clause = (text.index("the port"), second.end)
    mixed = _Candidate((first,), said, "mixed", *clause)
    prev = _Found(mixed, said, "Lu", None)
    cand = _Candidate((second,), None, "direct", second.start, second.end)
    assert _in_clause(prev, cand, None) and _in_clause(prev, cand, said)
    assert not _in_clause(prev, cand, att("told", 0, 0, 2))  # a cue of its own
    direct = _Found(replace(mixed, kind="direct"), said, "Lu", None)
    assert not _in_clause(direct, cand, None)
    joined = _run_on(prev, cand).cand
    assert joined.pieces == (first, second) and (joined.start, joined.end) == clause


def test_is_quote_drops_the_title_of_a_work(blank):
    # class: 'in her memoir, "A Harbour Town"', 'a film called "The Swan"'
    for text, title in (
        ('In her memoir, "A Harbour Town", Lu said so.', True),
        ('She showed a film called "The Swan of the North" on Friday.', True),
        ('In her memoir, "we were poor but we were happy", Lu said.', False),  # not a title
        ('At the harbour, "A Harbour Town Again", Lu said.', False),  # no work named
    ):
        ctx = _Context.of(blank(text))
        q = ctx.marks[0]
        cand = _Candidate((q,), None, "direct", q.start, q.end)
        assert _is_quote(ctx, cand, att(cue_start=len(text) - 1)) is not title


def test_is_quote_drops_a_show_named_by_its_broadcaster(blank):
    # class: 'told Radio Valmora's "Morning Tide"', 'on Sunday's "Harbour Watch"'
    for text, owner, label, title in (
        ('Lu told Radio Valmora\'s "Morning Tide Live" on Monday.', "Radio Valmora", "ORG", True),
        ('Lu spoke on Sunday\'s "Morning Tide Live" of the port.', "Sunday", "DATE", True),
        ('Lu said Ada Okafor\'s "Morning Tide Live" was a quote.', "Ada Okafor", "PERSON", False),
    ):
        doc = blank(text)
        start = text.index(owner)
        doc.ents = [doc.char_span(start, start + len(owner), label=label)]
        for tok in doc:
            tok.tag_ = "POS" if tok.text == "'s" else "XX"
        ctx = _Context.of(doc)
        q = ctx.marks[0]
        cand = _Candidate((q,), None, "mixed", q.start, q.end)
        assert _is_quote(ctx, cand, att(cue_start=3)) is not title


def test_is_quote_drops_a_line_no_one_says_once_floating_attribution_failed(blank):
    # class: a slogan, chant or sign quoted on a line of its own ('"Jobs, not cuts!"')
    text = 'The marchers came up the hill.\n\n"Jobs, not cuts, for the harbour town!"'
    ctx = _Context.of(blank(text))
    q = ctx.marks[0]
    cand = _Candidate((q,), None, "direct", q.start, q.end)
    assert _is_quote(ctx, cand, None)  # no attribution was tried: the line stays
    assert not _is_quote(ctx, cand, None, floating=True)  # tried, and no one says it
    assert _is_quote(ctx, cand, att(s=4, e=12), floating=True)
    assert extract_quotes(blank(text)) == []
    assert len(extract_quotes(blank(text), floating=False)) == 1


# --- the verb that reports a quote, framing verbs, sentences broken by an aside ------------


def hand_parsed(nlp, text, rows):
    """A Doc of ``text`` from rows of (word, head, dep, pos, lemma); spaces read off ``text``."""
    words, spaces, at = [], [], 0
    for word, *_ in rows:
        at = text.index(word, at) + len(word)
        words.append(word)
        spaces.append(text[at : at + 1] == " ")
    heads, deps, pos, lemmas = ([row[k] for row in rows] for k in (1, 2, 3, 4))
    verbs = {"VERB": "VBD"}
    tags = [
        "VBG" if w.endswith("ing") else verbs.get(p, "XX") for w, p in zip(words, pos, strict=True)
    ]
    doc = parsed(nlp, words, spaces, heads, deps, pos, tags=tags, lemmas=lemmas)
    assert doc.text == text
    return doc


def said_then_adding(nlp):
    """'Lu said it was "ready for the ships," adding that it "will run".', parsed."""
    text = 'Lu said it was "ready for the ships," adding that it "will run".'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("said", 1, "ROOT", "VERB", "say"),
        ("it", 3, "nsubj", "PRON", "it"), ("was", 1, "ccomp", "AUX", "be"),
        ('"', 5, "punct", "PUNCT", '"'), ("ready", 3, "acomp", "ADJ", "ready"),
        ("for", 5, "prep", "ADP", "for"), ("the", 8, "det", "DET", "the"),
        ("ships", 6, "pobj", "NOUN", "ship"),
        (",", 5, "punct", "PUNCT", ","), ('"', 5, "punct", "PUNCT", '"'),
        ("adding", 1, "advcl", "VERB", "add"), ("that", 16, "mark", "SCONJ", "that"),
        ("it", 16, "nsubj", "PRON", "it"), ('"', 16, "punct", "PUNCT", '"'),
        ("will", 16, "aux", "AUX", "will"), ("run", 11, "ccomp", "VERB", "run"),
        ('"', 16, "punct", "PUNCT", '"'), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    return hand_parsed(nlp, text, rows)


def test_a_quote_in_a_reported_clause_takes_the_verb_that_reports_it(blank):
    # class: a mixed quote, then a second report ('said it was "ready," adding that it "…"')
    doc = said_then_adding(blank)
    ctx = _Context.of(doc)
    first, second = ctx.marks
    assert _reporting_verb(doc, first).text == "said"  # not "adding", right after the quote
    assert _reporting_verb(doc, second).text == "adding"
    assert [[p.att.cue for p in g] for g in _merge(ctx, _pieces(ctx))] == [["said"], ["adding"]]
    quotes = extract_quotes(doc)
    assert [(q.cue, q.speaker) for q in quotes] == [("said", "Lu"), ("adding", "Lu")]


def test_no_verb_reports_a_quote_from_outside_its_clause(blank):
    # 'Lu tweeted when the band played "Jerusalem".': "tweeted" reports no band's song
    text = 'Lu tweeted when the band played "Jerusalem".'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("tweeted", 1, "ROOT", "VERB", "tweet"),
        ("when", 5, "advmod", "SCONJ", "when"), ("the", 4, "det", "DET", "the"),
        ("band", 5, "nsubj", "NOUN", "band"), ("played", 1, "advcl", "VERB", "play"),
        ('"', 7, "punct", "PUNCT", '"'), ("Jerusalem", 5, "dobj", "PROPN", "Jerusalem"),
        ('"', 7, "punct", "PUNCT", '"'), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    (q,) = quote_spans(text)
    assert _reporting_verb(doc, q) is None
    assert _governing_verb(doc, q).text == "tweeted"  # the outermost verb still climbs out


def test_a_term_framed_with_as_takes_the_object_along(blank):
    # class: characterisation with "as" ('described the plan as "a giveaway"'), PolNeAR's span
    text = 'Lu described the plan as "a giveaway".'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("described", 1, "ROOT", "VERB", "describe"),
        ("the", 3, "det", "DET", "the"), ("plan", 1, "dobj", "NOUN", "plan"),
        ("as", 1, "prep", "ADP", "as"), ('"', 7, "punct", "PUNCT", '"'),
        ("a", 7, "det", "DET", "a"), ("giveaway", 4, "pobj", "NOUN", "giveaway"),
        ('"', 7, "punct", "PUNCT", '"'), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    (q,) = extract_quotes(hand_parsed(blank, text, rows))
    assert (q.kind, q.speaker, q.cue) == ("mixed", "Lu", "described")
    assert q.text == 'the plan as "a giveaway"'
    # a clause the parse ends inside the quote keeps the mark that closes it
    text = 'Lu described the plan as "a giveaway." Then she left.'
    end = text.index("giveaway") + len("giveaway")
    assert text[slice(*_trim_clause(text, text.index("the plan"), end))] == (
        'the plan as "a giveaway."'
    )


def test_a_speech_verb_in_a_relative_clause_speaks_for_itself(blank):
    # class: 'Lu criticised the plan, which Ada called "bold"': Ada's word, not Lu's
    text = 'Lu criticised the plan, which Ada called "bold".'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("criticised", 1, "ROOT", "VERB", "criticise"),
        ("the", 3, "det", "DET", "the"), ("plan", 1, "dobj", "NOUN", "plan"),
        (",", 3, "punct", "PUNCT", ","), ("which", 7, "dobj", "PRON", "which"),
        ("Ada", 7, "nsubj", "PROPN", "Ada"), ("called", 3, "relcl", "VERB", "call"),
        ('"', 9, "punct", "PUNCT", '"'), ("bold", 7, "oprd", "ADJ", "bold"),
        ('"', 9, "punct", "PUNCT", '"'), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    (q,) = quote_spans(text)
    assert _governing_verb(doc, q).text == "called"
    assert [(x.speaker, x.cue) for x in extract_quotes(doc)] == [("Ada", "called")]


def test_report_cue_candidates_are_the_tokens_a_reporting_form_or_lemma_cues():
    from newslens._quotes import _report_cue_candidates, speech_lexicon

    words = (
        "According to Ana , officials SAID that she denies it and told him , claims aside".split()
    )
    lemmas = "accord to Ana , official say that she deny it and tell he , claim aside".split()
    doc = Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas)
    lex = speech_lexicon()
    want = [
        t.i
        for t in doc
        if t.lower_ == "according"
        or "report" in (lex.verbs.get(t.lower_), lex.verbs.get(t.lemma_.lower()))
    ]
    assert _report_cue_candidates(doc) == want
    assert doc[want[0]].text == "According" and "SAID" in {doc[i].text for i in want}
    assert _report_cue_candidates(Doc(doc.vocab, words=["says"])) == [0]


def test_a_verb_that_names_its_object_in_quoted_words_is_the_cue(blank):
    # class: 'V X as "…"', a speaker characterising someone in their own words
    text = 'Lu hailed the deal as a "breakthrough" on Friday.'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("hailed", 1, "ROOT", "VERB", "hail"),
        ("the", 3, "det", "DET", "the"), ("deal", 1, "dobj", "NOUN", "deal"),
        ("as", 1, "prep", "ADP", "as"), ("a", 7, "det", "DET", "a"),
        ('"', 7, "punct", "PUNCT", '"'), ("breakthrough", 4, "pobj", "NOUN", "breakthrough"),
        ('"', 7, "punct", "PUNCT", '"'), ("on", 1, "prep", "ADP", "on"),
        ("Friday", 9, "pobj", "PROPN", "Friday"), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    (quote,) = extract_quotes(doc)
    assert (quote.speaker, quote.cue, quote.kind) == ("Lu", "hailed", "mixed")
    assert quote.text == 'the deal as a "breakthrough"'
    marks = iter("‘’")
    curly = [(next(marks), *rest) if w == '"' else (w, *rest) for w, *rest in rows]
    british = hand_parsed(blank, "Lu hailed the deal as a ‘breakthrough’ on Friday.", curly)
    assert _characterises(british[1])
    # no quote mark in the "as" phrase: the writer's words ('hailed the deal as a success')
    rows = [row for row in rows if row[0] != '"']
    rows = [(w, h - (h > 6) - (h > 8), *rest) for w, h, *rest in rows]
    plain = hand_parsed(blank, "Lu hailed the deal as a breakthrough on Friday.", rows)
    assert not _characterises(plain[1])
    # the parse hanging the "as" on a later word ('pounding Lu as a "con artist" ― just as'):
    # "as" and a quote right after the object read the same
    text = 'Reid kept pounding Lu as a "con artist" ― just as before.'
    rows = [
        ("Reid", 2, "nsubj", "PROPN", "Reid"), ("kept", 2, "aux", "VERB", "keep"),
        ("pounding", 2, "ROOT", "VERB", "pound"), ("Lu", 2, "dobj", "PROPN", "Lu"),
        ("as", 10, "mark", "SCONJ", "as"), ("a", 8, "det", "DET", "a"),
        ('"', 8, "punct", "PUNCT", '"'), ("con", 8, "compound", "NOUN", "con"),
        ("artist", 10, "nsubj", "NOUN", "artist"), ('"', 8, "punct", "PUNCT", '"'),
        ("―", 2, "advcl", "PUNCT", "―"), ("just", 12, "advmod", "ADV", "just"),
        ("as", 13, "mark", "SCONJ", "as"), ("before", 2, "advcl", "ADV", "before"),
        (".", 2, "punct", "PUNCT", "."),
    ]  # fmt: skip
    pounding = hand_parsed(blank, text, rows)
    assert _characterises(pounding[2])
    # how someone sees a thing is no saying ('voters saw the party as "the party of cuts"')
    seen = [
        ("saw", 1, "ROOT", "VERB", "see") if w == "hailed" else (w, *rest) for w, *rest in curly
    ]
    assert not _characterises(
        hand_parsed(blank, "Lu saw the deal as a ‘breakthrough’ on Friday.", seen)[1]
    )


def test_an_as_phrase_the_parse_hangs_on_the_object_still_characterises(blank):
    # class: 'portray X as "…"' where the parser attaches the "as" to the object noun
    text = 'Critics portray the plan as a "giveaway" to donors.'
    rows = [
        ("Critics", 1, "nsubj", "NOUN", "critic"), ("portray", 1, "ROOT", "VERB", "portray"),
        ("the", 3, "det", "DET", "the"), ("plan", 1, "dobj", "NOUN", "plan"),
        ("as", 3, "prep", "ADP", "as"), ("a", 7, "det", "DET", "a"),
        ('"', 7, "punct", "PUNCT", '"'), ("giveaway", 4, "pobj", "NOUN", "giveaway"),
        ('"', 7, "punct", "PUNCT", '"'), ("to", 7, "prep", "ADP", "to"),
        ("donors", 9, "pobj", "NOUN", "donor"), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    assert _characterises(doc[1])
    (quote,) = extract_quotes(doc)
    assert (quote.speaker, quote.cue) == ("Critics", "portray")
    # examples after "such as" characterise nothing ('terms such as "port" and "tide"')
    text = 'Lu searched the files for terms such as "port" today.'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("searched", 1, "ROOT", "VERB", "search"),
        ("the", 3, "det", "DET", "the"), ("files", 1, "dobj", "NOUN", "file"),
        ("for", 1, "prep", "ADP", "for"), ("terms", 4, "pobj", "NOUN", "term"),
        ("such", 7, "amod", "ADJ", "such"), ("as", 5, "prep", "ADP", "as"),
        ('"', 9, "punct", "PUNCT", '"'), ("port", 7, "pobj", "NOUN", "port"),
        ('"', 9, "punct", "PUNCT", '"'), ("today", 1, "npadvmod", "NOUN", "today"),
        (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    assert not _characterises(hand_parsed(blank, text, rows)[1])


def test_a_particle_before_the_object_still_characterises(blank):
    # class: 'waves off X as "…"', 'refers to X as "…"': the particle takes the object
    text = 'Lu waves off the delay as "minimal" so far.'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("waves", 1, "ROOT", "VERB", "wave"),
        ("off", 1, "prep", "ADP", "off"), ("the", 4, "det", "DET", "the"),
        ("delay", 2, "pobj", "NOUN", "delay"), ("as", 1, "prep", "ADP", "as"),
        ('"', 7, "punct", "PUNCT", '"'), ("minimal", 5, "pobj", "ADJ", "minimal"),
        ('"', 7, "punct", "PUNCT", '"'), ("so", 10, "advmod", "ADV", "so"),
        ("far", 1, "advmod", "ADV", "far"), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    assert _characterises(hand_parsed(blank, text, rows)[1])
    # a preposition away from the verb takes no object of it ('worked at the port as a "fixer"')
    text = 'Lu worked hard at the port as a "fixer" then.'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("worked", 1, "ROOT", "VERB", "work"),
        ("hard", 1, "advmod", "ADV", "hard"), ("at", 1, "prep", "ADP", "at"),
        ("the", 5, "det", "DET", "the"), ("port", 3, "pobj", "NOUN", "port"),
        ("as", 1, "prep", "ADP", "as"), ("a", 9, "det", "DET", "a"),
        ('"', 9, "punct", "PUNCT", '"'), ("fixer", 6, "pobj", "NOUN", "fixer"),
        ('"', 9, "punct", "PUNCT", '"'), ("then", 1, "advmod", "ADV", "then"),
        (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    assert not _characterises(hand_parsed(blank, text, rows)[1])


def test_a_relative_clause_characterises_on_a_subject_not_on_an_object(blank):
    # class: 'Lu, who has cast himself as the "port's friend", …' is Lu's own framing; on an
    # object ('praised Lu, who left, as "a gentleman"') the "as" belongs to the verb above
    text = 'Lu, who casts himself as the "friend", won.'
    rows = [
        ("Lu", 11, "nsubj", "PROPN", "Lu"), (",", 0, "punct", "PUNCT", ","),
        ("who", 3, "nsubj", "PRON", "who"), ("casts", 0, "relcl", "VERB", "cast"),
        ("himself", 3, "dobj", "PRON", "himself"), ("as", 3, "prep", "ADP", "as"),
        ("the", 8, "det", "DET", "the"), ('"', 8, "punct", "PUNCT", '"'),
        ("friend", 5, "pobj", "NOUN", "friend"), ('"', 8, "punct", "PUNCT", '"'),
        (",", 0, "punct", "PUNCT", ","), ("won", 11, "ROOT", "VERB", "win"),
        (".", 11, "punct", "PUNCT", "."),
    ]  # fmt: skip
    assert _characterises(hand_parsed(blank, text, rows)[3])
    text = 'Ada praised Lu, who casts himself as the "friend".'
    rows = [
        ("Ada", 1, "nsubj", "PROPN", "Ada"), ("praised", 1, "ROOT", "VERB", "praise"),
        ("Lu", 1, "dobj", "PROPN", "Lu"), (",", 2, "punct", "PUNCT", ","),
        ("who", 5, "nsubj", "PRON", "who"), ("casts", 2, "relcl", "VERB", "cast"),
        ("himself", 5, "dobj", "PRON", "himself"), ("as", 5, "prep", "ADP", "as"),
        ("the", 10, "det", "DET", "the"), ('"', 10, "punct", "PUNCT", '"'),
        ("friend", 7, "pobj", "NOUN", "friend"), ('"', 10, "punct", "PUNCT", '"'),
        (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    assert not _characterises(hand_parsed(blank, text, rows)[5])


def test_a_for_phrase_gives_an_infinitive_its_speaker(blank):
    # class: 'It is common for ministers to call the plan "bold"': the ministers speak, not "It"
    text = 'It is common for critics to call the plan "bold" now.'
    rows = [
        ("It", 1, "nsubj", "PRON", "it"), ("is", 1, "ROOT", "AUX", "be"),
        ("common", 1, "acomp", "ADJ", "common"), ("for", 2, "prep", "ADP", "for"),
        ("critics", 3, "pobj", "NOUN", "critic"), ("to", 6, "aux", "PART", "to"),
        ("call", 1, "advcl", "VERB", "call"), ("the", 8, "det", "DET", "the"),
        ("plan", 6, "dobj", "NOUN", "plan"), ('"', 10, "punct", "PUNCT", '"'),
        ("bold", 6, "oprd", "ADJ", "bold"), ('"', 10, "punct", "PUNCT", '"'),
        ("now", 6, "advmod", "ADV", "now"), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    assert doc.text[slice(*_speaker_of(doc[6]))] == "critics"
    # without the "for" phrase the infinitive speaks through the verb it hangs on
    text = "Lu went to call the plan bold."
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("went", 1, "ROOT", "VERB", "go"),
        ("to", 3, "aux", "PART", "to"), ("call", 1, "advcl", "VERB", "call"),
        ("the", 5, "det", "DET", "the"), ("plan", 3, "dobj", "NOUN", "plan"),
        ("bold", 3, "oprd", "ADJ", "bold"), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    assert doc.text[slice(*_speaker_of(doc[3]))] == "Lu"


def test_a_long_quote_with_no_cue_is_the_words_of_the_subject_of_its_verb(blank):
    # class: someone's words quoted as part of what they did ('took credit for "…"')
    text = 'Lu took credit for "being right about the port" on Friday.'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("took", 1, "ROOT", "VERB", "take"),
        ("credit", 1, "dobj", "NOUN", "credit"), ("for", 2, "prep", "ADP", "for"),
        ('"', 5, "punct", "PUNCT", '"'), ("being", 3, "pcomp", "AUX", "be"),
        ("right", 5, "acomp", "ADJ", "right"), ("about", 6, "prep", "ADP", "about"),
        ("the", 9, "det", "DET", "the"), ("port", 7, "pobj", "NOUN", "port"),
        ('"', 5, "punct", "PUNCT", '"'), ("on", 1, "prep", "ADP", "on"),
        ("Friday", 11, "pobj", "PROPN", "Friday"), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    (quote,) = extract_quotes(doc)
    assert (quote.speaker, quote.cue, quote.text) == ("Lu", "took", "being right about the port")
    # a subject that is no one ('it', a thing) does not make the words anyone's
    rows[0] = ("It", 1, "nsubj", "PRON", "it")
    assert extract_quotes(hand_parsed(blank, "It" + text[2:], rows)) == []
    # so few words are a scare quote, not someone's words ('took credit for "being right"')
    short = [row for k, row in enumerate(rows) if k not in (7, 8, 9)]
    short = [(w, h - 3 * (h > 9), *rest) for w, h, *rest in short]
    short[0] = ("Lu", 1, "nsubj", "PROPN", "Lu")
    doc = hand_parsed(blank, 'Lu took credit for "being right" on Friday.', short)
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    assert extract_quotes(doc) == []
    # a quote mark the tagger took for a verb is no doer's verb ("Lib Dems 'to cut stamp duty'")
    rows = [
        ("Lib", 1, "compound", "PROPN", "Lib"), ("Dems", 7, "nsubj", "PROPN", "Dems"),
        ("'", 4, "punct", "PUNCT", "'"), ("to", 4, "aux", "PART", "to"),
        ("cut", 7, "xcomp", "VERB", "cut"), ("stamp", 6, "compound", "NOUN", "stamp"),
        ("duty", 4, "dobj", "NOUN", "duty"), ("'", 7, "ROOT", "VERB", "'"),
    ]  # fmt: skip
    assert extract_quotes(hand_parsed(blank, "Lib Dems 'to cut stamp duty'", rows)) == []
    # a copula's subject is described, not quoted ('Lu is "the best in the world"')
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("is", 1, "ROOT", "AUX", "be"),
        ('"', 4, "punct", "PUNCT", '"'), ("the", 4, "det", "DET", "the"),
        ("best", 1, "attr", "ADJ", "good"), ("in", 4, "prep", "ADP", "in"),
        ("the", 7, "det", "DET", "the"), ("world", 5, "pobj", "NOUN", "world"),
        ('"', 4, "punct", "PUNCT", '"'), ("today", 1, "npadvmod", "NOUN", "today"),
        (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, 'Lu is "the best in the world" today.', rows)
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    assert extract_quotes(doc) == []


def test_a_trailing_participle_the_parse_lost_speaks_for_the_subject_before_it(blank):
    # class: '…, writing "…"' with the participle parsed as the quote's subject
    text = 'Flea shared the news, writing "Feels great."'
    rows = [
        ("Flea", 1, "nsubj", "PROPN", "Flea"), ("shared", 1, "ROOT", "VERB", "share"),
        ("the", 3, "det", "DET", "the"), ("news", 1, "dobj", "NOUN", "news"),
        (",", 1, "punct", "PUNCT", ","), ("writing", 7, "nsubj", "VERB", "write"),
        ('"', 7, "punct", "PUNCT", '"'), ("Feels", 1, "conj", "VERB", "feel"),
        ("great", 7, "acomp", "ADJ", "great"), (".", 7, "punct", "PUNCT", "."),
        ('"', 7, "punct", "PUNCT", '"'),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    (quote,) = extract_quotes(doc)
    assert (quote.speaker, quote.cue, quote.text) == ("Flea", "writing", "Feels great.")
    assert _subject_before_participle(doc[5], Stretches([(30, 43)])) == (0, 4)
    # the search stops at the sentence's start: 'Lu left. Then, writing "…"' has no speaker
    text = 'Lu left. Then, writing "Feels great."'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("left", 1, "ROOT", "VERB", "leave"),
        (".", 1, "punct", "PUNCT", "."), ("Then", 5, "advmod", "ADV", "then"),
        (",", 5, "punct", "PUNCT", ","), ("writing", 5, "ROOT", "VERB", "write"),
        ('"', 7, "punct", "PUNCT", '"'), ("Feels", 5, "ccomp", "VERB", "feel"),
        ("great", 7, "acomp", "ADJ", "great"), (".", 7, "punct", "PUNCT", "."),
        ('"', 7, "punct", "PUNCT", '"'),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    assert _subject_before_participle(doc[5], Stretches([(23, 36)])) is None


def test_a_name_the_parser_made_the_root_speaks_through_the_verb_hung_on_it(blank):
    # class: a short sentence opening with a name, the verb parsed as the name's modifier
    text = 'Okafor, a port official, called the plan "bold."'
    rows = [
        ("Okafor", 0, "ROOT", "PROPN", "Okafor"), (",", 0, "punct", "PUNCT", ","),
        ("a", 4, "det", "DET", "a"), ("port", 4, "compound", "NOUN", "port"),
        ("official", 0, "appos", "NOUN", "official"), (",", 0, "punct", "PUNCT", ","),
        ("called", 0, "acl", "VERB", "call"), ("the", 8, "det", "DET", "the"),
        ("plan", 6, "dobj", "NOUN", "plan"), ('"', 10, "punct", "PUNCT", '"'),
        ("bold", 6, "oprd", "ADJ", "bold"), (".", 0, "punct", "PUNCT", "."),
        ('"', 0, "punct", "PUNCT", '"'),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    assert _speaker_of(doc[6]) == (0, 6)
    # a conjunct of a subjectless line is no modifier of the word the parser made the root
    rows[6] = ("called", 0, "conj", "VERB", "call")
    doc = hand_parsed(blank, text, rows)
    assert _speaker_of(doc[6]) != (0, 6)


def test_a_quote_signed_after_a_dash_takes_the_name_over_the_verb_before_it(blank):
    # class: digest items, 'Polls erred, pollsters agree - Ada Lu: "…"'
    words = ["Pollsters", "agree", "-", "Ada", "Lu", ":", '"', "We", "missed", "it", '"']
    spaces = [True, True, True, True, False, True, False, True, True, False, False]
    pos = ["NOUN", "VERB", "PUNCT", "PROPN", "PROPN", "PUNCT", "PUNCT", "PRON", "VERB", "PRON"]
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=[*pos, "PUNCT"])
    ctx = _Context.of(doc)
    (q,) = ctx.marks
    att = _signed_after_dash(ctx, q)
    assert att is not None and doc.text[att.speaker_start : att.speaker_end] == "Ada Lu"
    # no dash before the name: the line's own verb is looked for first (:func:`_find_cue`)
    doc = Doc(blank.vocab, words=words[:2] + words[3:], spaces=spaces[:2] + spaces[3:],
              pos=[*pos[:2], *pos[3:], "PUNCT"])  # fmt: skip
    ctx = _Context.of(doc)
    assert _signed_after_dash(ctx, ctx.marks[0]) is None


def test_words_quoted_as_the_name_of_a_remark_are_its_owner_s(blank):
    # class: 'Lu's "47 ships" remark', a quote modifying a noun of speech right after it
    text = 'Lu\'s "47 ships" remark angered the port.'
    rows = [
        ("Lu", 6, "poss", "PROPN", "Lu"), ("'s", 0, "case", "PART", "'s"),
        ('"', 6, "punct", "PUNCT", '"'), ("47", 4, "nummod", "NUM", "47"),
        ("ships", 6, "nmod", "NOUN", "ship"), ('"', 6, "punct", "PUNCT", '"'),
        ("remark", 7, "nsubj", "NOUN", "remark"), ("angered", 7, "ROOT", "VERB", "anger"),
        ("the", 9, "det", "DET", "the"), ("port", 7, "dobj", "NOUN", "port"),
        (".", 7, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    (q,) = quote_spans(text)
    att = _speech_noun(doc, q)
    assert att is not None and (att.cue, text[att.speaker_start : att.speaker_end]) == (
        "remark",
        "Lu",
    )
    # a noun that is no speech ('the "47 ships" fleet') names no remark
    rows[6] = ("fleet", 7, "nsubj", "NOUN", "fleet")
    doc = hand_parsed(blank, text.replace("remark", "fleet"), rows)
    assert _speech_noun(doc, quote_spans(doc.text)[0]) is None


def test_a_title_after_titled_is_the_words_of_the_work_s_maker(blank):
    # class: 'Lu released a memo titled "The Port Is Ready"': the maker's words
    text = 'Lu released a memo titled "Ferries First" today.'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("released", 1, "ROOT", "VERB", "release"),
        ("a", 3, "det", "DET", "a"), ("memo", 1, "dobj", "NOUN", "memo"),
        ("titled", 3, "acl", "VERB", "title"), ('"', 7, "punct", "PUNCT", '"'),
        ("Ferries", 7, "compound", "PROPN", "Ferries"), ("First", 4, "oprd", "PROPN", "First"),
        ('"', 7, "punct", "PUNCT", '"'), ("today", 1, "npadvmod", "NOUN", "today"),
        (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    ctx = _Context.of(hand_parsed(blank, text, rows))
    found = _titled(ctx, ctx.marks[0])
    assert found is not None and (found.cue, text[found.speaker_start : found.speaker_end]) == (
        "titled",
        "Lu",
    )
    (quote,) = extract_quotes(ctx.doc, indirect=False)
    assert (quote.speaker, quote.text) == ("Lu", "Ferries First")
    # "called" names a thing ('a ferry called "Ferries First"'): no title of words
    rows[4] = ("called", 3, "acl", "VERB", "call")
    ctx = _Context.of(hand_parsed(blank, text.replace("titled", "called"), rows))
    assert _titled(ctx, ctx.marks[0]) is None


def test_a_term_quoted_after_its_noun_is_its_user_s(blank):
    # class: 'aides used the term "ferry tax"', 'ran on the slogan "…"': the user's words
    text = 'Aides used the term "ferry tax" often.'
    rows = [
        ("Aides", 1, "nsubj", "NOUN", "aide"), ("used", 1, "ROOT", "VERB", "use"),
        ("the", 3, "det", "DET", "the"), ("term", 1, "dobj", "NOUN", "term"),
        ('"', 6, "punct", "PUNCT", '"'), ("ferry", 6, "compound", "NOUN", "ferry"),
        ("tax", 3, "appos", "NOUN", "tax"), ('"', 6, "punct", "PUNCT", '"'),
        ("often", 1, "advmod", "ADV", "often"), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    ctx = _Context.of(hand_parsed(blank, text, rows))
    found = _word_noun(ctx, ctx.marks[0])
    assert found is not None and (found.cue, text[found.speaker_start : found.speaker_end]) == (
        "term",
        "Aides",
    )
    # the noun ends a sentence before a new quote ('… the term. "Next …"'): no term of it
    text = 'Aides used the term. "ferry tax" often.'
    rows = [
        ("Aides", 1, "nsubj", "NOUN", "aide"), ("used", 1, "ROOT", "VERB", "use"),
        ("the", 3, "det", "DET", "the"), ("term", 1, "dobj", "NOUN", "term"),
        (".", 1, "punct", "PUNCT", "."), ('"', 7, "punct", "PUNCT", '"'),
        ("ferry", 7, "compound", "NOUN", "ferry"), ("tax", 7, "ROOT", "NOUN", "tax"),
        ('"', 7, "punct", "PUNCT", '"'), ("often", 7, "advmod", "ADV", "often"),
        (".", 7, "punct", "PUNCT", "."),
    ]  # fmt: skip
    ctx = _Context.of(hand_parsed(blank, text, rows))
    assert _word_noun(ctx, ctx.marks[0]) is None


def test_a_slogan_before_a_copula_is_its_owner_s(blank):
    # class: 'Okafor's slogan is "Ferries First"': the noun is the copula's subject
    text = 'Okafor\'s slogan is "Ferries First" now.'
    rows = [
        ("Okafor", 2, "poss", "PROPN", "Okafor"), ("'s", 0, "case", "PART", "'s"),
        ("slogan", 3, "nsubj", "NOUN", "slogan"), ("is", 3, "ROOT", "AUX", "be"),
        ('"', 6, "punct", "PUNCT", '"'), ("Ferries", 6, "compound", "PROPN", "Ferries"),
        ("First", 3, "attr", "PROPN", "First"), ('"', 6, "punct", "PUNCT", '"'),
        ("now", 3, "advmod", "ADV", "now"), (".", 3, "punct", "PUNCT", "."),
    ]  # fmt: skip
    ctx = _Context.of(hand_parsed(blank, text, rows))
    found = _word_noun(ctx, ctx.marks[0])
    assert found is not None and (found.cue, text[found.speaker_start : found.speaker_end]) == (
        "slogan",
        "Okafor",
    )
    # a copula whose subject names no words ('The plan is "Ferries First"'): no one's
    rows[2] = ("plan", 3, "nsubj", "NOUN", "plan")
    ctx = _Context.of(hand_parsed(blank, text.replace("slogan", "plan"), rows))
    assert _word_noun(ctx, ctx.marks[0]) is None


def test_merge_splits_pieces_after_one_cue_with_narration_between(blank):
    # class: 'Lu said they are "too weak to win," but she praised them: "They work hard."'
    head = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("said", 1, "ROOT", "VERB", "say"),
        ("they", 3, "nsubj", "PRON", "they"), ("are", 1, "ccomp", "AUX", "be"),
        ('"', 6, "punct", "PUNCT", '"'), ("too", 6, "advmod", "ADV", "too"),
        ("weak", 3, "acomp", "ADJ", "weak"), ("to", 8, "aux", "PART", "to"),
        ("win", 6, "xcomp", "VERB", "win"), (",", 1, "punct", "PUNCT", ","),
        ('"', 1, "punct", "PUNCT", '"'),
    ]  # fmt: skip

    def groups(between, rows):
        text = 'Lu said they are "too weak to win," ' + between + ' "They work hard."'
        ctx = _Context.of(hand_parsed(blank, text, head + rows))
        said = att("said", text.index("said"), 0, 2)
        pieces = [_Piece(ctx.marks[0], said), _Piece(ctx.marks[1], said)]
        return [len(g) for g in _merge(ctx, pieces)]

    n = len(head)  # rows below index from here
    narration = [
        ("but", 1, "cc", "CCONJ", "but"), ("she", n + 2, "nsubj", "PRON", "she"),
        ("praised", 1, "conj", "VERB", "praise"), ("them", n + 2, "dobj", "PRON", "they"),
        (":", n + 2, "punct", "PUNCT", ":"), ('"', n + 7, "punct", "PUNCT", '"'),
        ("They", n + 7, "nsubj", "PRON", "they"), ("work", n + 2, "ccomp", "VERB", "work"),
        ("hard", n + 7, "advmod", "ADV", "hard"), (".", n + 7, "punct", "PUNCT", "."),
        ('"', n + 7, "punct", "PUNCT", '"'),
    ]  # fmt: skip
    assert groups("but she praised them:", narration) == [1, 1]
    # only the cue's own words between them: one quote of two pieces
    plain = [
        ("and", 1, "cc", "CCONJ", "and"), ("then", 1, "advmod", "ADV", "then"),
        ('"', n + 4, "punct", "PUNCT", '"'), ("They", n + 4, "nsubj", "PRON", "they"),
        ("work", 1, "conj", "VERB", "work"), ("hard", n + 4, "advmod", "ADV", "hard"),
        (".", n + 4, "punct", "PUNCT", "."), ('"', n + 4, "punct", "PUNCT", '"'),
    ]  # fmt: skip
    assert groups("and then", plain) == [2]


def test_a_sentence_broken_by_its_attribution_resumes_in_the_second_piece():
    # class: '"These boats are old," Lu said, pointing at the quay, "and the crews are tired."'
    text = '"These boats are old," Lu said, pointing at the quay, "and the crews are tired."'
    first, second = quote_spans(text)
    said = att("said", text.index("said"))
    assert _resumes(text, first, said, second)
    # a second report's own clause ('adding that …, "…"') or a full stop between: no resuming
    for aside in ("Lu said, adding that if it rains,", "Lu said. Then she pointed,"):
        other = text.replace("Lu said, pointing at the quay,", aside)
        first, second = quote_spans(other)
        assert not _resumes(other, first, att("said", other.index("said")), second)
    # a capital opens a new sentence: no resuming
    capital = text.replace('"and the', '"And the')
    first, second = quote_spans(capital)
    assert not _resumes(capital, first, att("said", capital.index("said")), second)


def test_a_name_in_title_case_is_no_quote_of_a_cue_in_another_sentence(blank):
    # class: 'Okafor began speaking. Lu is holding a party at the "Harbour Social Club".'
    words = ["Okafor", "began", "speaking", ".", "Lu", "held", "a", "party", "at", "the", '"',
             "Harbour", "Social", "Club", '"', "."]  # fmt: skip
    spaces = [True, True, False, True, True, True, True, True, True, True, False, True, True,
              False, False, False]  # fmt: skip
    starts = [k in (0, 4) for k in range(len(words))]
    doc = Doc(blank.vocab, words=words, spaces=spaces, sent_starts=starts)
    ctx = _Context.of(doc)
    (q,) = ctx.marks
    cand = _Candidate((q,), None, "mixed", q.start, q.end)
    speaking = att("speaking", doc.text.index("speaking"), 0, 6)
    assert _name_cued_elsewhere(ctx, cand, speaking)
    # the same cue in the name's own sentence attributes it ('Lu held … "…", Okafor said')
    held = att("held", doc.text.index("held"), doc.text.index("Lu"), doc.text.index("Lu") + 2)
    assert not _name_cued_elsewhere(ctx, cand, held)


def test_the_name_before_a_bracketed_party_and_state_speaks(blank):
    # class: 'Sen. Lu (D-Tarn) said', the verb given no subject by the parse
    text = "Then Sen. Lu (D-Tarn) said it."
    rows = [
        ("Then", 8, "advmod", "ADV", "then"), ("Sen.", 2, "compound", "PROPN", "Sen."),
        ("Lu", 8, "npadvmod", "PROPN", "Lu"), ("(", 2, "punct", "PUNCT", "("),
        ("D", 6, "compound", "PROPN", "D"), ("-", 6, "punct", "PUNCT", "-"),
        ("Tarn", 2, "appos", "PROPN", "Tarn"), (")", 2, "punct", "PUNCT", ")"),
        ("said", 8, "ROOT", "VERB", "say"), ("it", 8, "dobj", "PRON", "it"),
        (".", 8, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    span = _speaker_before(doc[8], Stretches(()))
    assert span is not None and text[span[0] : span[1]] == "Sen. Lu"


def test_words_after_the_of_of_a_noun_of_speech_are_said(blank):
    # class: 'their chants of "Lu! Lu!"', 'cries of "Shame!"'
    words = ["their", "chants", "of", '"', "Lu", "!", "Lu", "!", '"', "rose"]
    spaces = [True, True, True, False, False, True, False, False, True, False]
    pos = ["PRON", "NOUN", "ADP", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT", "PUNCT", "VERB"]
    lemmas = ["their", "chant", "of", '"', "Lu", "!", "Lu", "!", '"', "rise"]
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=pos, lemmas=lemmas)
    (q,) = quote_spans(doc.text)
    assert _noun_of_before(doc, q) == doc[1]
    doc = Doc(
        blank.vocab, words=words, spaces=spaces, pos=pos, lemmas=["their", "chain", *lemmas[2:]]
    )
    assert _noun_of_before(doc, q) is None  # 'a chain of "Lu" shops' names no speech


def test_speakers_the_parse_hides_after_a_quote_or_behind_an_adverb(blank):
    # class: a speaker phrase right after a quote that the parser made a noun phrase with
    # the verb as its modifier ('"Why?" the 43-year-old asked'): active, not 'a ferry called'
    rows = [
        ('"', 6, "punct", "PUNCT", '"'), ("Why", 6, "dep", "ADV", "why"),
        ("?", 6, "punct", "PUNCT", "?"), ('"', 6, "punct", "PUNCT", '"'),
        ("the", 6, "det", "DET", "the"), ("43", 6, "nummod", "NUM", "43"),
        ("old", 6, "ROOT", "ADJ", "old"), ("asked", 6, "acl", "VERB", "ask"),
        (".", 6, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, '"Why?" the 43 old asked.', rows)
    doc[7].tag_ = "VBN"
    assert _speaker_of(doc[7]) == (7, 17)  # "the 43 old"
    # class: adverbs between the subject and its verb, the subject parsed onto an aside
    # ('Lu, exasperated, famously responded: "…"')
    rows = [
        ("Lu", 2, "nsubj", "PROPN", "Lu"), (",", 0, "punct", "PUNCT", ","),
        ("exasperated", 5, "parataxis", "VERB", "exasperate"), (",", 2, "punct", "PUNCT", ","),
        ("famously", 5, "advmod", "ADV", "famously"), ("responded", 5, "ROOT", "VERB", "respond"),
        (":", 5, "punct", "PUNCT", ":"),
    ]  # fmt: skip
    doc = hand_parsed(blank, "Lu, exasperated, famously responded:", rows)
    assert _speaker_of(doc[5]) == (0, 2)
    # class: a name right after a quote, then an aside, then the verb ('"…," Ada Lund,
    # wearing a cap, said'), whatever label the parser gave the name
    rows = [
        ('"', 11, "punct", "PUNCT", '"'), ("Go", 11, "ccomp", "VERB", "go"),
        (",", 1, "punct", "PUNCT", ","), ('"', 11, "punct", "PUNCT", '"'),
        ("Ada", 5, "compound", "PROPN", "Ada"), ("Lund", 1, "npadvmod", "PROPN", "Lund"),
        (",", 5, "punct", "PUNCT", ","), ("wearing", 1, "advcl", "VERB", "wear"),
        ("a", 9, "det", "DET", "a"), ("cap", 7, "dobj", "NOUN", "cap"),
        (",", 11, "punct", "PUNCT", ","), ("said", 11, "ROOT", "VERB", "say"),
        (".", 11, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, '"Go," Ada Lund, wearing a cap, said.', rows)
    assert _speaker_of(doc[11], Stretches([(0, 4)])) == (6, 14)


def test_a_mixed_quote_s_clause_stops_at_a_second_report_inside_it(blank):
    # class: a second speech act the parse hangs inside the first one's clause ('said the port
    # was "ready" before claiming that …'): two reports, and the first clause stops before it
    text = 'Lu said the port was "ready" before claiming that the cranes "will run all night".'
    rows = [
        ("Lu", 1, "nsubj", "PROPN", "Lu"), ("said", 1, "ROOT", "VERB", "say"),
        ("the", 3, "det", "DET", "the"), ("port", 4, "nsubj", "NOUN", "port"),
        ("was", 1, "ccomp", "AUX", "be"), ('"', 6, "punct", "PUNCT", '"'),
        ("ready", 4, "acomp", "ADJ", "ready"), ('"', 6, "punct", "PUNCT", '"'),
        ("before", 4, "prep", "ADP", "before"), ("claiming", 8, "pcomp", "VERB", "claim"),
        ("that", 15, "mark", "SCONJ", "that"), ("the", 12, "det", "DET", "the"),
        ("cranes", 15, "nsubj", "NOUN", "crane"), ('"', 15, "punct", "PUNCT", '"'),
        ("will", 15, "aux", "AUX", "will"), ("run", 9, "ccomp", "VERB", "run"),
        ("all", 17, "det", "DET", "all"), ("night", 15, "npadvmod", "NOUN", "night"),
        ('"', 15, "punct", "PUNCT", '"'), (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    first, second = extract_quotes(hand_parsed(blank, text, rows), indirect=False)
    assert (first.kind, first.text, first.speaker) == ("mixed", 'the port was "ready"', "Lu")
    assert (second.text, second.speaker) == ("will run all night", "Lu")
    # without a second speech verb the two fragments are one report's: one quote
    rows[9] = ("testing", 8, "pcomp", "VERB", "test")
    (only,) = extract_quotes(hand_parsed(blank, text.replace("claiming", "testing"), rows))
    assert (only.text, len(only.spans)) == ("ready will run all night", 2)


def test_a_possessed_noun_of_speech_tagged_as_a_verb_is_still_a_claim(blank):
    # class: 'her warning that the port is "full"', the parse taking "warning" for a verb
    text = 'We heard Lu\'s warning that the port is "full".'
    rows = [
        ("We", 1, "nsubj", "PRON", "we"), ("heard", 1, "ROOT", "VERB", "hear"),
        ("Lu", 4, "poss", "PROPN", "Lu"), ("'s", 2, "case", "PART", "'s"),
        ("warning", 1, "dobj", "VERB", "warn"), ("that", 8, "mark", "SCONJ", "that"),
        ("the", 7, "det", "DET", "the"), ("port", 8, "nsubj", "NOUN", "port"),
        ("is", 4, "ccomp", "AUX", "be"), ('"', 10, "punct", "PUNCT", '"'),
        ("full", 8, "acomp", "ADJ", "full"), ('"', 10, "punct", "PUNCT", '"'),
        (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    found = _claim_of(doc, quote_spans(text)[0])
    assert found is not None and (found.cue, text[found.speaker_start : found.speaker_end]) == (
        "warning",
        "Lu",
    )
    # without a possessor the verb is a verb: "warning" reports the words itself
    rows[2], rows[3] = ("Lu", 4, "nsubj", "PROPN", "Lu"), ("was", 4, "aux", "AUX", "be")
    verb = hand_parsed(blank, text.replace("Lu's", "Lu was"), rows)
    assert _claim_of(verb, quote_spans(verb.text)[0]) is None


def test_a_quote_in_the_that_clause_of_a_claim_is_its_makers(blank):
    # class: 'Lu's claim that the port saw "delays"': the possessor made the claim
    text = 'We read Lu\'s claim that the port saw "delays".'
    rows = [
        ("We", 1, "nsubj", "PRON", "we"), ("read", 1, "ROOT", "VERB", "read"),
        ("Lu", 4, "poss", "PROPN", "Lu"), ("'s", 2, "case", "PART", "'s"),
        ("claim", 1, "dobj", "NOUN", "claim"), ("that", 8, "mark", "SCONJ", "that"),
        ("the", 7, "det", "DET", "the"), ("port", 8, "nsubj", "NOUN", "port"),
        ("saw", 4, "acl", "VERB", "see"), ('"', 10, "punct", "PUNCT", '"'),
        ("delays", 8, "dobj", "NOUN", "delay"), ('"', 10, "punct", "PUNCT", '"'),
        (".", 1, "punct", "PUNCT", "."),
    ]  # fmt: skip
    doc = hand_parsed(blank, text, rows)
    (q,) = quote_spans(text)
    found = _claim_of(doc, q)
    assert found is not None and (found.cue, text[found.speaker_start : found.speaker_end]) == (
        "claim",
        "Lu",
    )
    (quote,) = extract_quotes(doc, indirect=False)
    assert (quote.speaker, quote.text) == ("Lu", 'the port saw "delays"')
    # a relative clause on the noun is no claim's content
    rows[5] = ("which", 8, "dobj", "PRON", "which")
    relative = text.replace("that", "which")
    (q,) = quote_spans(relative)
    assert _claim_of(hand_parsed(blank, relative, rows), q) is None


def test_a_clause_headed_by_a_report_after_its_term_ends(blank):
    """'"Fair" deals were promised, Lu said.': said's clause is headed by another report verb
    after the term; the search for a second report inside it climbs to the root and stops
    (it once looped there for ever)."""
    words = ['"', "Fair", '"', "deals", "were", "promised", ",", "Lu", "said", "."]
    spaces = [False, False, True, True, True, False, True, True, False, False]
    heads = [8, 3, 3, 5, 5, 8, 8, 8, 8, 8]
    deps = ["punct", "amod", "punct", "nsubjpass", "auxpass", "ccomp", "punct", "nsubj"]
    deps += ["ROOT", "punct"]
    pos = ["PUNCT", "ADJ", "PUNCT", "NOUN", "AUX", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    lemmas = ['"', "fair", '"', "deal", "be", "promise", ",", "Lu", "say", "."]
    doc = parsed(blank, words, spaces, heads, deps, pos, lemmas=lemmas)
    start = doc.text.index("Fair")
    assert _clause_of(doc[8], start, start + 4) == (0, doc.text.index(","))


def test_a_doubled_apostrophe_mark_reads_like_a_double_mark():
    # class: the New York Times' ''…'': the mark is two characters, the first before q.open
    for mark in ('"', "''"):
        text = f"Lu said the plan was {mark}a giveaway.{mark} Then he left."
        (q,) = quote_spans(text)
        assert _embedded(text, q)
        clause = text.index("the plan")
        hi = text.index("giveaway") + len("giveaway")
        assert text[clause : _closing_mark_kept(text, clause, hi)] == (
            f"the plan was {mark}a giveaway.{mark}"
        )
    text = "''We won,'' Lu said."
    assert not _embedded(text, quote_spans(text)[0])
    # a clause the parse opens inside the quote keeps its opening mark, doubled or not
    for mark in ('"', "''"):
        text = f"Lu said {mark}firm action{mark} was needed."
        lo, hi = text.index("firm"), text.index(" was") + len(" was needed")
        start, end = _trim_clause(text, lo, hi)
        assert text[start:end] == f"{mark}firm action{mark} was needed"
