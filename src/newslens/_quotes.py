"""Quotes: who said what — direct, mixed and indirect — with speakers resolved to entities.

``extract_quotes(doc)`` runs these stages, each a small function over small records:

1. **marks** (:func:`quote_spans`): pair quote marks in plain text — every style, double and
   single, apostrophes told apart, unbalanced marks recovered, quotes within quotes, quotes
   over several paragraphs (but not a fragment left unclosed mid-sentence, and each labelled
   line of a quoted transcript a quote of its own, '"LU: …');
2. **pieces** (:func:`_pieces`, :func:`_window`): each quoted stretch with the clause around it;
3. **cue** (:func:`_find_cue`, :func:`_dash_speaker`, :func:`_colon_intro`): the speech verb
   (newslens' lexicon, ``models/lexicons/speech_verbs.tsv``, "according to", a document that
   reads out, or a verb that names its object in quoted words, 'hailed it as a "feat"',
   :func:`_characterises`) and its subject (:func:`_speaker_of`; a passive verb speaks through
   its agent or no one), a noun of speech the quote names ('Lu's "47 ships" remark', 'chants
   of "Lu!"', :func:`_speech_noun`) or whose content holds it ('Lu's claim that the port saw
   "thousands of delays"', 'Lu's claim is that …', :func:`_claim_of`), a work's title after
   "titled" (its maker's words, :func:`_titled`) or words after a noun for them ('ran on the
   slogan "…"', 'her slogan is "…"', :func:`_word_noun`), or a signature ('Polls erred - Ada
   Lu: "…"' before any verb, :func:`_signed_after_dash`), or a transcript line's label
   (:func:`_transcript_speaker`);
   a quote inside a reported clause takes the verb that reports it, not one after it
   (:func:`_reported_in`, :func:`_reporting_verb`), and a second report after a quote its own
   verb ('"A," she said, urging them to "B"', :func:`_second_verb`);
4. **merge** (:func:`_merge`, :func:`_one_report`): the pieces of one quote around its cue
   ('"A," she said. "B"'; a sentence resumed after its cue and an aside, '"A," she said,
   smiling, "and B"', :func:`_resumes`) and the fragments of one report ('called it "bold" and
   "overdue"'), but not two pieces after their cue with a clause of narration between ('said
   it was "weak," but she praised it: "B"', :func:`_narration_between`);
5. **classify** (:func:`_classify`, :func:`_is_quote`): direct, mixed (its content the clause,
   :func:`_clause_of`), or a scare quote or title (a name in title case whose only cue is in
   another sentence too, :func:`_name_cued_elsewhere`);
6. **speaker** (:func:`_attribute`): the governing verb of a quote inside a sentence (unless
   "according to" names the source; a verb heading an adverbial or relative clause speaks
   for itself, :func:`_governing_verb`), or for a quote with no cue the previous quote's
   speaker or the one introduced just before it (who wins if brought in after the previous
   quote), or, for a long quote inside a sentence, the subject of the verb it hangs on ('Lu
   took credit for "being right about the port"', :func:`_doer`);
7. **run-on** (:func:`_runs_on`, :func:`_in_clause`, :func:`_run_on`): a quote paragraph that
   carries the previous paragraph's quote over (no cue of its own), or a quoted stretch inside
   the clause of the mixed quote before it, is a piece of that quote;
8. **resolve** (:func:`_speaker_name`, :func:`_resolve`): names, pronouns, "who" and nominals
   like "the company" to the article's entities;
9. **reported speech** (:func:`_indirect`, :func:`_unnested`), no marks: "Zhu said the summit
   will focus on …", "The summit, Zhu said, will focus on …", "…, according to the ministry";
   a report nested in another's reported words is part of that one.

    >>> [(q.start, q.end) for q in quote_spans('He said: “We won.” Then "more".')]
    [(10, 17), (25, 29)]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from ._doc import SpanIndex, Stretches, doc_text, sentence_bounds
from ._records import Entity, Mention, Quote

__all__ = ["QuoteSpan", "extract_quotes", "quote_spans", "speech_lexicon"]

# --- the lexicon ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Speech verbs by lemma and form, with their class (speech, cognition, manner)."""

    verbs: dict[str, str]  # lemma or inflected form (lower case) -> class
    phrases: tuple[str, ...]
    lemmas: frozenset[str] = frozenset()


@cache
def speech_lexicon() -> Lexicon:
    """Load newslens' speech-verb lexicon (shipped as ``newslens/models/lexicons``).

    >>> lex = speech_lexicon()
    >>> lex.verbs["said"], lex.verbs["whispered"], "according to" in lex.phrases
    ('report', 'manner', True)
    """
    node = resources.files("newslens.models").joinpath("lexicons", "speech_verbs.tsv")
    verbs: dict[str, str] = {}
    lemmas = set()
    phrases = []
    for line in node.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, cls, forms = line.split("\t")
        if cls == "phrase":
            phrases.append(lemma)
            continue
        lemmas.add(lemma)
        for form in [lemma, *forms.split(",")]:
            verbs.setdefault(form, cls)
    return Lexicon(verbs, tuple(phrases), frozenset(lemmas))


# --- quote marks ---------------------------------------------------------------------------

_OPEN = {"“": "”", "«": "»", "„": "“", "‟": "”"}
_CLOSE = {"”", "»", "“"}
_STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted stretch: ``start``/``end`` index its content, without the marks."""

    open: int  # offset of the opening mark
    start: int
    end: int
    close: int  # offset just after the closing mark (== end when the mark is missing)


def _is_opening_straight(text: str, i: int) -> bool:
    """Tell whether a straight or closing-style double mark at ``i`` opens a quote.

    It does after white space, an opening bracket or dash, or the start of the text, when a
    word follows it. Web copy adds three cases: invisible formatting characters pasted from
    social media before the mark ('\u202a"Thanks!" wrote Lu', skipped, :func:`_visible_before`),
    a quote that opens on an ellipsis for the words left out ('" … then surely she can," it
    read'), and a quoted tweet opening with ".@" to be seen by all ('".@Lu is wrong," Ada
    tweeted').
    """
    before = _visible_before(text, i)
    after = text[i + 1 : i + 5]
    elided = after.startswith((" …", " ...")) or after.startswith(".@")
    if not elided and (not after or after[0].isspace() or after[0] in ",.;:!?)"):
        return False
    return before.isspace() or before in "([{—–-/:"


def _visible_before(text: str, i: int) -> str:
    """Return the last visible character before ``i``, format characters skipped; " " at 0."""
    while i > 0 and unicodedata.category(text[i - 1]) == "Cf":
        i -= 1
    return text[i - 1] if i > 0 else " "


def quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the quote marks of ``text`` into quoted spans, in text order; never raises.

    Double marks (curly, guillemet, low-9, straight, two apostrophes) are paired within a
    paragraph. A paragraph that ends inside a quote continues it when the next paragraph opens
    with a quote mark (the news convention for quotes over several paragraphs); otherwise the
    quote ends with its paragraph; a quote within the quote in the same curly marks stays inside
    it (:func:`_nested_close`). A closing mark with no opening one is ignored. Single marks
    (‘…’, '…', the British style) are paired too, told apart from apostrophes (see
    :func:`_single_spans`): a single-quoted span inside a double-quoted one is a quote within
    the quote and is left out, and double-quoted spans inside a single-quoted one likewise.

        >>> [(q.start, q.end) for q in quote_spans("Blair: 'We will win' in the workers' seats")]
        [(8, 19)]
    """
    if not isinstance(text, str):
        raise TypeError(f"quote_spans() expects str, got {type(text).__name__}")
    doubles = _double_spans(text)
    singles = _single_spans(text)
    if not singles:
        return doubles
    outer = [
        q
        for q in singles
        if not any(d.open < q.close and q.open < d.close for d in doubles)
        or any(q.open < d.open and d.close <= q.close for d in doubles)
    ]
    kept = [d for d in doubles if not any(q.open < d.open and d.close <= q.close for q in outer)]
    outer = [q for q in outer if not any(d.open < q.close and q.open < d.close for d in kept)]
    outer = _not_beside_stray_doubles(text, outer, doubles)
    return sorted(kept + outer, key=lambda q: q.open)


_DOUBLE_MARKS = frozenset('"“”«»„‟')


def _not_beside_stray_doubles(
    text: str, singles: Sequence[QuoteSpan], doubles: Sequence[QuoteSpan]
) -> list[QuoteSpan]:
    """Leave out single-quoted spans whose paragraph holds a double mark left unpaired.

    Single marks nest inside double ones ('"… calling them ‘terrorists,’ …," he said'); when
    a paragraph's double marks could not be paired, its single marks are taken as nested.
    """
    used = Stretches((d.open, d.close) for d in doubles)
    marks = (m.start() for m in _DOUBLE_MARK_AT.finditer(text))
    stray = [i for i in marks if not used.covers(i)]
    if not stray:
        return list(singles)
    breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
    out = []
    for q in singles:
        k = bisect_right(breaks, q.open)
        lo = breaks[k - 1] if k > 0 else 0
        hi = breaks[k] if k < len(breaks) else len(text)
        j = bisect_left(stray, lo)
        if not (j < len(stray) and stray[j] < hi):
            out.append(q)
    return out


# The characters the double-mark walk stops at (line breaks, apostrophes for "''", marks);
# it skips everything else in one search.
_DOUBLE_STOP = re.compile(
    "[" + re.escape("\n'" + _STRAIGHT + "”»" + "".join(_OPEN) + "".join(_CLOSE)) + "]"
)
_DOUBLE_MARK_AT = re.compile("[" + re.escape("".join(sorted(_DOUBLE_MARKS))) + "]")
_LINE_BREAK = re.compile("\n")


def _double_spans(text: str) -> list[QuoteSpan]:
    """Pair the double quote marks of ``text`` (see :func:`quote_spans`)."""
    out: list[QuoteSpan] = []
    brk = "\n\n" if "\n\n" in text else "\n"
    open_at: int | None = None
    n = len(text)
    i = 0

    def add(open_: int, end: int, close: int) -> None:
        span = _quoted_span(text, open_, end, close)
        if span is not None:
            out.append(span)

    while i < n:
        stop = _DOUBLE_STOP.search(text, i)  # every other character leaves the state as it is
        if stop is None:
            break
        i = stop.start()
        ch = text[i]
        if text.startswith("''", i):  # two apostrophes: a double quote mark (NYT style)
            if open_at is not None:
                add(open_at, i, i + 2)
                open_at = None
            elif text[i + 2 : i + 3].strip():  # opening: a word follows
                open_at = i + 1
            i += 2
            continue
        if open_at is not None and text.startswith(brk, i):
            j = _skip_white(text, i)
            if _runs_on_to(text, open_at, j):
                if _TRANSCRIPT_LABEL.match(text, j + 1):  # a new speaker's line: a new quote
                    add(open_at, i, i)
                    open_at = j
                i = j + 1  # the quote goes on in the next paragraph
                continue
            add(open_at, i, i)  # unbalanced: the quote ends with its paragraph
            open_at = None
            i = j
            continue
        if open_at is None:
            open_at = i if _opens_double(text, i) else None
        elif i == open_at + 1 and ch in _OPEN:
            open_at = i  # a doubled opening mark left by scraping ('"“We won,”'): one opening
        elif (inner := _nested_close(text, i, brk, text[open_at] == _STRAIGHT)) is not None:
            i = inner  # a quote within the quote in the same marks: its mark closes only it
        elif ch in _CLOSE or ch == _STRAIGHT:
            add(open_at, i, i + 1)
            open_at = None
        i += 1
    if open_at is not None:
        add(open_at, n, n)
    return out


def _runs_on_to(text: str, open_: int, j: int) -> bool:
    """Tell whether the quote opened at ``open_`` runs on into the paragraph starting at ``j``.

    It does when that paragraph opens with a quote mark, as a quotation over paragraphs does,
    unless the quote opened right after a word: a fragment inside a sentence ('is “really …')
    left unclosed at the end of its paragraph ends there (a dropped closing mark), not in the
    quote that opens the next paragraph.
    """
    mid_sentence = _after_word(text, open_)
    return not mid_sentence and j < len(text) and (text[j] in _OPEN or text[j] == _STRAIGHT)


def _nested_close(text: str, i: int, brk: str, straight: bool) -> int | None:
    """Return the closing mark of a quote nested at ``i`` in curly marks, if one is.

    Web copy often quotes within a quote in the same marks ('“I would rather live in what he
    calls “hell” than live there,” she wrote'): an opening mark after a space and before a
    word, closed within the paragraph, with the outer quote's own closing mark still to come.
    Inside a quote opened with a ``straight`` mark the curly pair is nested whatever follows
    ('"The board isn't about “fair play” any more.' — a passage typed in one style quoting a
    phrase pasted in another, often over several paragraphs with no closing mark yet).
    """
    if text[i] != "“" or not text[i - 1].isspace() or not text[i + 1 : i + 2].isalnum():
        return None
    end = text.find(brk, i)
    end = len(text) if end < 0 else end
    inner = text.find("”", i + 1, end)
    if inner < 0 or "“" in text[i + 1 : inner]:
        return None
    if straight:
        return inner
    outer = text.find("”", inner + 1, end)
    return inner if outer >= 0 and "“" not in text[inner + 1 : outer] else None


def _opens_double(text: str, i: int) -> bool:
    """Tell whether the double mark at ``i`` opens a quote when none is open.

    An opening mark does; so does a straight one, or a closing-style one used to open as some
    sites do ('”Fear. I am afraid'), where :func:`_is_opening_straight` says it opens.
    """
    ch = text[i]
    return ch in _OPEN or ((ch == _STRAIGHT or ch in "”»") and _is_opening_straight(text, i))


# The speaker's label that opens a line of a quoted transcript ('"LU: We will win.'): its name
# in capitals, then a colon; the line's quoted words start after it (:func:`_transcript_speaker`).
_TRANSCRIPT_LABEL = re.compile(r"([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}):[ \t\xa0]+(?=\S)")


def _quoted_span(text: str, open_: int, end: int, close: int) -> QuoteSpan | None:
    """Return the span from an opening mark to ``end``, spaces cut at both ends; None if empty."""
    start = _skip_spaces(text, open_ + 1)
    label = _TRANSCRIPT_LABEL.match(text, start)
    start = start if label is None else label.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[start:end].strip():
        return QuoteSpan(open_, start, end, max(close, end))
    return None


# An apostrophe that opens a word is an elision, not a quote mark: a decade or a year ('90s,
# '04), a clipped word ('em, 'til, 'cause, 'tis), the 'n' of "rock 'n' roll".
_ELISION = re.compile(r"(?:\d\d(?:s\b|\b)|(?:em|til|cause|cos|tis|twas|bout|n|s)\b)", re.I)
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
# The characters the single-mark walk stops at; it skips everything else in one search.
_SINGLE_STOP = re.compile("[" + re.escape("\n" + _SINGLE_OPEN + _SINGLE_CLOSE) + "]")
_BEFORE_OPEN = '([{—–-/:"“'
_AFTER_CLOSE = ',.;:!?)]}—–-"”…'


def _single_open_at(text: str, i: int) -> bool:
    """Tell whether the single mark at ``i`` opens a quote: it starts a word, not an elision."""
    if text.startswith("''", i) or (i > 0 and text[i - 1] == "'"):
        return False  # two apostrophes: a double mark
    if i > 0 and not (text[i - 1].isspace() or text[i - 1] in _BEFORE_OPEN):
        return False  # inside or after a word: "it's", "O'Brien", "workers'"
    if i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in _AFTER_CLOSE:
        return False
    return _ELISION.match(text, i + 1) is None


def _single_close_at(text: str, j: int) -> int:
    """Tell how surely the single mark at ``j`` closes a quote: 0 not, 1 maybe, 2 surely.

    A mark ending a word closes a quote; one after an "s" or "z" before another word may also
    be a plural possessive ("the workers' union"), so it closes only if no surer mark follows
    in the paragraph.
    """
    if j == 0 or text[j - 1].isspace() or text.startswith("''", j) or text[j - 1] == "'":
        return 0
    nxt = text[j + 1] if j + 1 < len(text) else "\n"
    if nxt.isalnum():
        return 0  # inside a word: "don't", "rock 'n' roll"'s n'
    if text[j - 2 : j] in (" n", "'n", "‘n"):
        return 0  # "rock 'n' roll"
    if nxt in " \t" and text[j - 1] in "sSzZ":
        return 1
    return 2


def _single_spans(text: str) -> list[QuoteSpan]:
    """Pair the single quote marks of ``text`` that are quote marks, not apostrophes.

    An opening mark starts a word after a space, a line start or an opening bracket, and is no
    elision ('90s, 'em); a closing mark ends a word. Pairs are made within a paragraph, or
    over paragraphs when the next one opens with a single mark (as with double marks); an
    opening mark left unclosed is dropped (apostrophes are too common to recover from).

    >>> [(q.start, q.end) for q in _single_spans("He said ‘we will win this one’.")]
    [(9, 29)]
    >>> _single_spans("the workers' union, the '90s, rock 'n' roll, it's theirs'")
    []
    """
    out: list[QuoteSpan] = []
    n = len(text)
    open_at: int | None = None
    maybe: int | None = None  # the first closing mark that may close the open quote
    i = 0
    while i < n:
        stop = _SINGLE_STOP.search(text, i)  # every other character leaves the state as it is
        if stop is None:
            break
        i = stop.start()
        ch = text[i]
        if ch == "\n" and open_at is not None:
            j = i
            while j < n and text[j].isspace():
                j += 1
            if maybe is None and j < n and text[j] in _SINGLE_OPEN and _single_open_at(text, j):
                i = j + 1  # the quote goes on in the next paragraph
                continue
            if maybe is not None:
                out.append(QuoteSpan(open_at, open_at + 1, maybe, maybe + 1))
            open_at = maybe = None
        elif open_at is None:
            if ch in _SINGLE_OPEN and _single_open_at(text, i):
                open_at = i
        elif ch in _SINGLE_CLOSE:
            sure = _single_close_at(text, i)
            if sure == 2:
                out.append(QuoteSpan(open_at, open_at + 1, i, i + 1))
                open_at = maybe = None
            elif sure == 1 and maybe is None:
                maybe = i
        i += 1
    if open_at is not None and maybe is not None:
        out.append(QuoteSpan(open_at, open_at + 1, maybe, maybe + 1))
    return [q for q in out if text[q.start : q.end].strip()]


# --- attribution ---------------------------------------------------------------------------

_ROLE_PERSON = frozenset(
    """leader president minister spokesman spokeswoman spokesperson official chairman chief
    executive director professor analyst economist expert senator governor candidate nominee
    secretary prime chancellor mayor author founder boss manager coach lawyer attorney aide adviser
    advisor source sources officer commander general ambassador king queen premier diplomat
    researcher scientist doctor judge representative congressman congresswoman lawmaker
    strategist pollster activist campaigner critic""".split()
)
# things issued in someone's name: "X released a statement saying …" is X speaking
_DOCUMENTS = frozenset(
    "statement letter email e-mail ad advertisement release memo report tweet post message note "
    "video op-ed column editorial article story piece blog petition document filing lawsuit "
    "complaint indictment ruling bill resolution platform manifesto".split()
)
_ROLE_ORG = frozenset(
    """company firm group bank government ministry agency party campaign organisation
    organization committee commission council department newspaper paper daily magazine network
    channel broadcaster website site agency union club team administration court board
    regulator authority office house""".split()
)


@dataclass(frozen=True, slots=True)
class _Attribution:
    """A cue (its word and offset) and the span of the speaker it attributes to, if found."""

    cue: str | None
    cue_start: int
    speaker_start: int | None
    speaker_end: int | None
    carried: bool = False  # the previous quote's cue and speaker, carried over
    owned: bool = False  # the speaker owns the words whatever verb reports them (a claim's maker)


# function words left dangling when a phrase is cut short ("the authors of the")
_DANGLING = re.compile(
    r"(?:\s*\b(?:of|the|a|an|from|at|in|for|on|and|to|his|her|its|their)\b)+\s*$", re.I
)


def _lexicon_class(tok: Token) -> str | None:
    """Return the lexicon class of a speech verb ("report", "speech", …), or None.

    Runs the rules in turn: a document that reads out ('"…," the statement read'), a speech
    verb the tagger took for a noun (:func:`_mistagged_class`), the verb's lemma or form in the
    lexicon, then a phrasal verb of speech (:func:`_phrasal_class`); a class found is no cue
    in "so-called" (:func:`_so_called`), which is asked only then.
    """
    if tok.lower_ in _READ_FORMS and _reads_out(tok):
        return "speech"  # '"…," the statement read' (often tagged as a noun)
    found = _verb_class(tok)
    if found is None and _characterises(tok):
        return "speech"  # 'Lu hailed the deal as a "breakthrough"'
    return None if found is None or _so_called(tok) else found


def _verb_class(tok: Token) -> str | None:
    """Return the lexicon class ``tok`` has as a verb, a mistagged verb or a phrasal verb."""
    if tok.pos_ not in ("VERB", "AUX"):
        return _mistagged_class(tok)
    lex = speech_lexicon()
    found = lex.verbs.get(tok.lemma_.lower()) or lex.verbs.get(tok.lower_)
    return found if found is not None else _phrasal_class(tok)


def _characterises(tok: Token) -> bool:
    """Tell a verb that names its object in quoted words: 'V X as "…"'.

    Class: a speaker characterising someone or something in their own words ('Lu hailed the
    deal as a "breakthrough"', 'Okafor refers to the mayor as "the boss"', 'casts him as a
    man who would "sell the port"'): the quoted words of the "as" phrase are the verb's
    subject's. Only a verb with an object (a particle right after the verb takes one too:
    "refers to", "waves off"), and an "as" phrase, on the verb or on its object, that holds a
    quote mark and is no "as part of" or "such as" (:func:`_quoted_as`); not a verb of seeing
    ('voters saw the party as "the party of cuts"' says how they see it, and quotes someone
    else), nor a relative clause on an object.
    """
    if tok.pos_ != "VERB" or (tok.dep_ == "relcl" and tok.head.dep_ in ("dobj", "pobj")):
        # a relative clause on an object takes an "as" that belongs to the verb of that object
        # ('praised Lu, who left the race, as "a gentleman"'); one on a subject keeps its own
        # ('Lu, who has cast himself as the "port's friend", …')
        return False
    if tok.lemma_.lower() in _SEEING:
        return False  # 'saw the party as "…"': how someone sees, not what anyone said
    kids = list(tok.children)
    objects = [c for c in kids if c.dep_ == "dobj" or _particle_object(tok, c)]
    if not objects:
        return False
    # the "as" phrase hangs on the verb or, in the parse, on its object ('portray the race as a
    # "two-horse" contest')
    holders = kids + [c for obj in objects for c in obj.children]
    return any(_quoted_as(c) for c in holders) or any(_as_quote_after(obj) for obj in objects)


def _particle_object(verb: Token, prep: Token) -> bool:
    """Tell a preposition right after its verb that takes the verb's object.

    'refers to X as', 'waves off X as': the particle's object is the verb's.
    """
    return prep.dep_ == "prep" and prep.lower_ in _PARTICLES and prep.i == verb.i + 1


def _quoted_as(tok: Token) -> bool:
    """Tell an "as" phrase that holds a quote mark, and is no "as part of" or "such as"."""
    if tok.dep_ != "prep" or tok.lower_ != "as" or any(o.lower_ == "part" for o in tok.children):
        return False
    if tok.i > 0 and tok.nbor(-1).lower_ == "such":
        return False  # 'words such as "ambassador"' gives examples
    end = tok.right_edge.idx + len(tok.right_edge)
    return _QUOTE_MARK.search(doc_text(tok.doc), tok.idx, end) is not None


def _as_quote_after(obj: Token) -> bool:
    """Tell whether "as" and a quote follow the object, whatever the parse made of the "as".

    'pounding Trump as a "con artist"': the parser may hang the "as" on a later word; the
    words read 'V X as "…"' all the same (a quote mark within three words of the "as").
    """
    doc = obj.doc
    after = obj.right_edge.i + 1
    if after >= len(doc) or doc[after].lower_ != "as":
        return False
    window = doc[after + 1 : after + 4]
    return any(_QUOTE_MARK.fullmatch(t.text) for t in window)


_SEEING = frozenset("see view regard perceive consider treat".split())
_PARTICLES = frozenset("to off up upon".split())
_QUOTE_MARK = re.compile("[\"“”«»„‘]|''")  # not a straight single mark: "the workers' champion"


def _so_called(tok: Token) -> bool:
    """Tell whether ``tok`` is the "called" of "so-called" (a scare quote, no one speaking)."""
    return tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "so"


def _mistagged_class(tok: Token) -> str | None:
    """Return the class of an inflected speech verb the tagger took for a noun.

    '"…," Said Ellis' / 'Sanders says:' count when the form comes right after a quote, a
    comma or a name, or right before a colon. A base form tagged as a noun is a noun ("a
    report", "the post"), and a word of a name is no verb ("United States").
    """
    lex = speech_lexicon()
    if tok.lower_ not in lex.verbs or tok.lower_ in lex.lemmas:
        return None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    in_name = bool(tok.ent_type_) or (tok.is_title and prev is not None and prev.is_title)
    cue_place = (prev is not None and (prev.text in ",”\"'’" or prev.pos_ == "PROPN")) or (
        nxt is not None and nxt.text == ":"
    )
    return lex.verbs[tok.lower_] if cue_place and not in_name else None


@dataclass(frozen=True, slots=True)
class _Phrasal:
    """A verb with the two words after it, to read a phrasal verb of speech from."""

    lemma: str
    nxt: str
    after: Token | None  # the word after the particle, if any


def _phrasal_class(tok: Token) -> str | None:
    """Return "speech" for a phrasal verb of speech (:data:`_PHRASAL_RULES`), else None."""
    doc = tok.doc
    if tok.i + 1 >= len(doc):
        return None
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    phrasal = _Phrasal(tok.lemma_.lower(), doc[tok.i + 1].lower_, after)
    return "speech" if any(rule(phrasal) for rule in _PHRASAL_RULES) else None


def _retort(p: _Phrasal) -> bool:
    """Tell a retort: '"…," the senator shot back' / 'fired back'."""
    return p.lemma in _RETORTS and p.nxt == "back"


def _goes_on(p: _Phrasal) -> bool:
    """Speech that continues: '"…," she went on' / 'chimed in' (not "went on to win")."""
    goes = (p.lemma, p.nxt) in (("go", "on"), ("chime", "in"), ("pipe", "up"))
    return goes and (p.after is None or p.after.lower_ != "to")


def _puts_it(p: _Phrasal) -> bool:
    """Tell a phrasing: '"…," as the mayor put it.' / 'The mayor put it: "…"'."""
    return p.lemma == "put" and p.nxt == "it" and (p.after is None or p.after.is_punct)


_PHRASAL_RULES = (_retort, _goes_on, _puts_it)


_RETORTS = frozenset("shoot fire hit snap push strike lash".split())


def _reads_out(tok: Token) -> bool:
    """Tell whether "read" has a document as its reader ('the editorial read', 'read a sign').

    The reader may be the noun the verb's clause describes: 'a sign that read "…"', 'a cap
    reading "…"'.
    """
    doc = tok.doc
    nouns = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl"):
        nouns.append(tok.head)
    if tok.i > 0:
        nouns.append(doc[tok.i - 1])  # 'the statement read'
    after = []
    for nxt in doc[tok.i + 1 : tok.i + 5]:  # '"…," reads a Wednesday editorial in …'
        if nxt.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
            break
        after.append(nxt)
    if any(n.lemma_.lower() in _READERS for n in nouns + after):
        return True
    # '"…," it read.' / '"…," read one.'
    return (tok.i > 0 and doc[tok.i - 1].lower_ == "it") or (
        bool(after) and after[0].lower_ == "one"
    )


_READ_FORMS = ("read", "reads", "reading")
_READERS = _DOCUMENTS | {"sign", "banner", "headline", "placard", "caption", "card", "poster"}
_READERS |= {"hat", "cap", "shirt", "t-shirt", "sticker", "button", "billboard"}


def _np_span(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok``, without a trailing appositive."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "nmod", "poss") or (
            child.dep_ == "prep" and child.i == tok.i + 1 and child.lower_ == "of"
        ):
            right = max(right, child.right_edge.i)
        else:
            break
    doc = tok.doc
    while left < tok.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


_CLOSING = ("”", '"', "’", "''")
#: No quoted stretches at all.
_NOWHERE = Stretches(())


def _prev_text(tok: Token) -> str:
    """Return the text of the token before ``tok`` ('' at the start)."""
    return tok.doc[tok.i - 1].text if tok.i > 0 else ""


def _speaker_of(verb: Token, inside: Stretches = _NOWHERE) -> tuple[int, int] | None:
    """Return the span of who speaks through ``verb``.

    Read from the parse first: a document that reads (:func:`_reader_speaker`), a passive
    agent, the subject (not one inside a quote), the main clause's subject for a trailing
    participle; then the noun of a "for" phrase before an infinitive (:func:`_for_subject`);
    then through the verb it hangs on (an infinitive, a conjunct, "by saying"), the
    noun a relative clause or participle modifies; and when the parse gives none, the words
    next to the verb (:func:`_speaker_after`, :func:`_speaker_before`) or a name the parser
    made the sentence's root (:func:`_noun_root_speaker`), and last, for a trailing participle,
    the subject before it (:func:`_subject_before_participle`). A passive verb's speaker is its
    agent or no one (:func:`_passive`).
    """
    if _passive(verb):
        return _agent_speaker(verb, inside)
    return _clause_speaker(verb, inside) or _subject_before_participle(verb, inside)


def _clause_speaker(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return who speaks through ``verb`` or the clause it hangs on (see :func:`_speaker_of`)."""
    for rule in (_reader_speaker, _agent_speaker, _subject_speaker, _main_clause_speaker):
        found = rule(verb, inside)
        if found is not None:
            return found
    if (subject := _for_subject(verb)) is not None:
        return _np_span(subject)
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _clause_speaker(verb.head, inside)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):  # "responded by saying"
        return _clause_speaker(verb.head.head, inside)
    if verb.dep_ == "relcl":
        return _np_span(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "a statement saying", "Trump, saying"
        return _participle_speaker(verb, inside)
    if verb.dep_ == "acl" and (after := _phrase_after_quote(verb.head)) is not None:
        return after  # '"…?" the 43-year-old asked', parsed as a noun phrase
    return _speaker_after(verb) or _speaker_before(verb, inside) or _noun_root_speaker(verb)


def _for_subject(verb: Token) -> Token | None:
    """Return the subject a "for" phrase gives an infinitive: 'for critics to call it "…"'.

    Class: 'It is common for ministers to call the plan "bold"': the infinitive's doer is the
    noun of the "for" phrase right before its "to", not the sentence's subject ("It").
    """
    if verb.i < 2 or verb.nbor(-1).lower_ != "to":
        return None
    noun = verb.nbor(-2)
    while noun.dep_ in ("compound", "amod", "det", "poss") and noun.head.i > noun.i:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.right_edge.i == verb.i - 2:
        return noun
    return None


def _subject_before_participle(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return the nearest clause subject before a trailing participle the parse lost.

    Class: a participle of speech after a comma or a quote that adds to the clause before it
    ('Flea shared the news, writing "…"', 'Lu fired back: "…," referencing the port', 'hinted
    at it by mentioning the wall and adding, "…"'), which the parser, reading through the
    quote, hangs anywhere: its speaker is the subject of the nearest verb before it in the
    sentence, outside the quotes and not in a relative clause.
    """
    if verb.tag_ != "VBG" or _prev_text(verb) not in (",", "and", *_CLOSING):
        return None
    for tok in reversed(verb.doc[max(0, verb.i - 40) : verb.i]):
        head = tok.head
        if not inside.covers(tok.idx) and (tok.text in (".", "!", "?") or "\n" in tok.text):
            return None  # the sentence's start (the parser's may fall inside a quote)
        if (
            tok.dep_ == "nsubj"
            and head.pos_ in ("VERB", "AUX")
            and head.dep_ != "relcl"
            and not inside.covers(tok.idx)
            and not inside.covers(head.idx)
        ):
            return _np_span(tok)
    return None


def _noun_root_speaker(verb: Token) -> tuple[int, int] | None:
    """Return the sentence's subject when the parser took the sentence for a noun phrase.

    Class: a short sentence opening with a name, whose verb the parser hangs on that name as a
    modifier ('Okafor, a port official, called the plan "bold."', 'Lu defended the plan,
    calling it "overdue."' with "Lu" the root): the name at the root speaks. Only a verb hung
    on it as a modifier, not a conjunct of a subjectless line whose first verb the parser took
    for a noun ('Preys on our fears, and calls people "losers."').
    """
    root = verb.sent.root
    if verb.head != root or root.i >= verb.i or root.pos_ not in ("PROPN", "NOUN"):
        return None
    return _np_span(root) if verb.dep_ in ("acl", "advcl", "amod") else None


def _passive(verb: Token) -> bool:
    """Tell a passive speech verb, whose subject is what is said or named, not who says it.

    Class: naming and description in the passive ('a ferry called "The Swan"', 'the plan was
    described as "bold"', 'she has been called "the iron mayor"'): the speaker is the agent
    ('… by her rivals', :func:`_agent_speaker`) or, without one, no one in particular.
    """
    if verb.tag_ != "VBN":
        return False
    if verb.dep_ == "acl":  # right after its noun, naming once: 'a ferry called "The Swan"'
        named = [c for c in verb.children if c.dep_ in ("oprd", "dobj", "attr")]
        if _phrase_after_quote(verb.head) is not None:
            return False  # '"…?" the 43-year-old asked': a speaker after the quote, active
        return verb.i > 0 and not verb.doc[verb.i - 1].is_punct and len(named) <= 1
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _phrase_after_quote(noun: Token) -> tuple[int, int] | None:
    """Return the noun phrase ending at ``noun`` when it opens right after a closing quote mark.

    The phrase is the nouns, names, numbers, adjectives and determiners before ``noun``
    ('"…?" the 43-year-old asked'); a comma may stand between it and the mark.
    """
    doc, i = noun.doc, noun.i
    while i > 0 and (doc[i - 1].pos_ in _NP_WORDS or doc[i - 1].tag_ == "HYPH"):
        i -= 1
    before = [t.text for t in doc[max(0, i - 2) : i]]
    if not before or not (
        before[-1] in _CLOSING or (before[-1] == "," and len(before) == 2 and before[0] in _CLOSING)
    ):
        return None
    return doc[i].idx, noun.idx + len(noun.text)


_NP_WORDS = frozenset(("DET", "ADJ", "NUM", "PROPN", "NOUN"))


def _reader_speaker(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return who reads: '"…," the editorial read' (parsed as a noun phrase), '"…," read one'."""
    doc = verb.doc
    if verb.lower_ not in _READ_FORMS:
        return None
    if verb.i > 0 and doc[verb.i - 1].lemma_ in _READERS:
        left = verb.i - 1
        while left > 0 and (
            doc[left - 1].pos_ in ("DET", "ADJ") or doc[left - 1].dep_ == "compound"
        ):
            left -= 1
        return doc[left].idx, doc[verb.i - 1].idx + len(doc[verb.i - 1].text)
    if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "one":
        return doc[verb.i + 1].idx, doc[verb.i + 1].idx + 3
    return None


def _agent_speaker(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return a passive agent: in "described by Beijing as …" Beijing speaks."""
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return _np_span(objs[0])
    return None


def _subject_speaker(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return the subject nearest the verb, not one inside a quote.

    A relative pronoun ('Weaver, who said …') is the mention; :func:`_antecedent` resolves it.
    """
    subjects = [
        c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not inside.covers(c.idx)
    ]
    if not subjects:
        return None
    return _np_span(min(subjects, key=lambda c: abs(c.i - verb.i)))


def _main_clause_speaker(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return the main clause's subject for a participle after a comma or quote.

    "Cruz said last week that Trump represents …, stating …": the participle belongs to the
    main clause, whatever verb the parser hung it on.
    """
    if not (
        verb.dep_ in ("advcl", "xcomp", "conj", "dep")
        and verb.tag_ == "VBG"
        and (_prev_text(verb) in (",", *_CLOSING))
    ):
        return None
    root = verb.sent.root
    if root is verb or root.pos_ not in ("VERB", "AUX"):
        return None
    # the subject nearest the verb ('In Salem, New Hampshire, Trump went')
    return _subject_speaker(root, inside)


def _participle_speaker(verb: Token, inside: Stretches) -> tuple[int, int]:
    """Return the noun a participle modifies ("Trump, saying"), or a document's issuer.

    "His office put out a statement saying …": the office speaks. (Not "a loophole called …":
    that verb is no speech verb.)
    """
    noun = verb.head
    if noun.lemma_.lower() in _DOCUMENTS and noun.dep_ == "dobj":
        issuer = [c for c in noun.head.children if c.dep_ == "nsubj" and not inside.covers(c.idx)]
        if issuer:
            return _np_span(issuer[0])
    return _np_span(noun)


def _speaker_after(verb: Token) -> tuple[int, int] | None:
    """Return the speaker right after an inverted verb: '"…," said Leslie Wimes, a …'.

    The verb is inverted right after the quote (and its comma), or after a comma before a name
    ('"…" but to take the lead, says Evan Tracey, a …'). The speaker is a pronoun, a noun
    phrase opened by a determiner or adjective ('said the 46-year-old'), or the noun phrase up
    to its last noun ('said retired neurosurgeon Ben Carson, asked …').
    """
    doc = verb.doc
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    before = doc[verb.i - 1].text if verb.i > 0 else ""
    before2 = doc[verb.i - 2].text if verb.i > 1 else ""
    inverted = before in _CLOSING or (before == "," and before2 in _CLOSING)
    if before == "," and verb.tag_ in ("VBD", "VBZ") and nxt is not None and nxt.pos_ == "PROPN":
        inverted = verb.lemma_ != "tell"  # ', …, told Fox News': the listener, not the speaker
    if not inverted or nxt is None or verb.tag_ == "VBG":
        return None  # '"…," referencing the crowd': a participle has no subject after it
    if nxt.pos_ == "PRON":
        return nxt.idx, nxt.idx + len(nxt.text)
    if nxt.pos_ in ("DET", "ADJ"):
        head = nxt.head  # ('wrote a Trump supporter who …')
        if head.i > verb.i and head.pos_ in ("NOUN", "PROPN") and head.i - verb.i <= 5:
            return _np_span(head)
    last = None
    for tok in doc[verb.i + 1 : verb.i + 8]:
        if tok.pos_ in ("NOUN", "PROPN") or (tok.text == "old" and last is not None):
            last = tok  # ('the 46-year-old')
        elif not (
            tok.pos_ in ("DET", "ADJ", "NUM")
            or tok.tag_ == "HYPH"
            or (  # "retired", "ranking" before a noun
                tok.tag_ in ("VBN", "VBG")
                and tok.i + 1 < len(doc)
                and doc[tok.i + 1].pos_ in ("NOUN", "PROPN", "ADJ")
            )
        ):
            break
    return None if last is None else (nxt.idx, last.idx + len(last.text))


def _speaker_before(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return the noun phrase right before the verb ('the campaign strategist said').

    Or, after a comma, the subject before an inserted clause (:func:`_subject_before_aside`),
    or else the name the comma closes (:func:`_name_before_comma`).
    """
    doc = verb.doc
    k = verb.i - 1
    while k > 0 and doc[k].pos_ == "ADV" and doc[k].dep_ == "advmod":
        k -= 1  # 'Lu, exasperated, famously responded'
    k = _before_parenthesis(doc, k)  # 'Rep. Ada Lu (D-Tarn) said'
    prev = doc[k] if k >= 0 else None
    if prev is None:
        return None
    if prev.pos_ in ("PROPN", "NOUN", "PRON") and prev.ent_type_ not in ("DATE", "TIME"):
        return _np_span(prev)
    if prev.text != "," or inside.covers(prev.idx):
        return None
    return _subject_before_aside(verb, inside) or _name_before_comma(verb, inside)


def _before_parenthesis(doc: Doc, k: int) -> int:
    """Return the token before a short parenthesis ending at ``k``, or ``k`` when there is none.

    A name's party and state or age in brackets ('Sen. Ada Lu (D-Tarn)', 'Okafor (52)') sits
    between the name and its verb; the name is the word before the bracket.
    """
    if k < 1 or doc[k].text != ")":
        return k
    for j in range(k - 1, max(-1, k - 8), -1):
        if doc[j].text == "(":
            return j - 1
    return k


def _subject_before_aside(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return the subject before an inserted clause the parser gave the verb to.

    'One attendee, who like others spoke on condition of anonymity, said …', counted from
    after a quote ('"…," an intelligence source, who was not authorized to speak, told Fox').
    Right after a quote the name is the subject however the parser labels it ('"…," delegate
    Ada Lu, wearing a "Lu" cap, said').
    """
    doc = verb.doc
    start = verb.sent.start
    for tok in doc[verb.sent.start : verb.i]:
        if tok.i > 0 and tok.text in _CLOSING and inside.covers(doc[tok.i - 1].idx):
            start = tok.i + 1
    for tok in doc[start : min(verb.i, start + 6)]:
        if (
            (tok.dep_ in ("nsubj", "nsubjpass") or _phrase_after_quote(tok) is not None)
            and tok.pos_ in ("NOUN", "PROPN")
            and doc[tok.i + 1].text == ","
            and not inside.covers(tok.idx)
        ):
            return _np_span(tok)
    return None


def _name_before_comma(verb: Token, inside: Stretches) -> tuple[int, int] | None:
    """Return the person or organisation named right before the comma before the verb.

    'In an email to the Gazette, his chief of staff, Ola Berg, said: "…"', parsed with no
    subject for "said" (the names hung on "the Gazette"): the name next to the verb speaks.
    """
    if verb.i < 2:
        return None
    name = verb.doc[verb.i - 2]
    if name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG") or inside.covers(name.idx):
        return None
    if _has_subject(verb):
        return None
    return _np_span(name)


def _antecedent(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Return the noun phrase a relative pronoun speaker stands for ('Weaver, who said')."""
    if doc_text(doc)[start:end].lower() not in ("who", "which", "that"):
        return None
    span = doc.char_span(start, end)
    if span is None or len(span) != 1:
        return None
    verb = span[0].head
    if verb.dep_ != "relcl":
        return None
    return _np_span(verb.head)


def _according_to(tokens: Sequence[Token]) -> _Attribution | None:

    for tok in tokens:
        if (
            tok.lower_ == "according"
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ == "to"
        ):
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                s, e = _np_span(objs[0])
                return _Attribution("according to", tok.idx, s, e)
    return None


def _names(doc: Doc) -> SpanIndex[tuple[int, int]]:
    """Index the spans of the persons and organisations the ``Doc`` names."""
    return SpanIndex(
        (ent.start_char, ent.end_char, (ent.start_char, ent.end_char))
        for ent in doc.ents
        if ent.label_ in ("PERSON", "ORG")
    )


def _words_of(doc: Doc) -> frozenset[str]:
    """Return the capitalised words (lower case) of the persons and organisations named."""
    return frozenset(
        tok.lower_
        for ent in doc.ents
        if ent.label_ in ("PERSON", "ORG")
        for tok in ent
        if tok.is_alpha and tok.is_title
    )


def _name_between(
    names: SpanIndex[tuple[int, int]], start: int, end: int
) -> tuple[int, int] | None:
    """Return the first person or organisation of ``names`` inside ``start``–``end``, if any."""
    for s, e in names.near(start, end):
        if start <= s and e <= end:
            return s, e
    return None


def _is_time(doc: Doc, start: int, end: int) -> bool:
    """Tell whether a phrase is a date or time ("12:15 p.m."), judged by its last word."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span[-1].lower_ == "old":
        return False  # "the 46-year-old" is a person
    return span[-1].ent_type_ in ("DATE", "TIME")


def _usable_speaker(
    doc: Doc, speaker: tuple[int, int] | None, inside: Stretches
) -> tuple[int, int] | None:
    """Return a speaker span fit to be one: cut before a quote mark, not quoted, not a date.

    A poll's share speaks for the poll its sentence names (:func:`_poll_source`).
    """
    if speaker is None:
        return None
    text = doc_text(doc)
    # 'the authors of the "Growth and Opportunity Project"': the phrase up to the quote
    cut = re.search(r"""\s*[“”"]""", text[speaker[0] : speaker[1]])
    if cut is not None:
        head = re.sub(_DANGLING, "", text[speaker[0] : speaker[0] + cut.start()])
        if not re.search(r"\w", head):
            return None
        speaker = (speaker[0], speaker[0] + len(head))
    if inside.covers(speaker[0]) or _is_time(doc, *speaker):
        return None
    return _poll_source(doc, speaker) or speaker


def _poll_source(doc: Doc, speaker: tuple[int, int]) -> tuple[int, int] | None:
    """Return the poll a poll's share speaks for, when its sentence names one.

    Class: findings reported as what a share of respondents said ('In a Harbour Times poll,
    41 percent of voters said …', '31% of Republicans say …, the survey found'): the poll is
    the source, not the share.
    """
    if _SHARE.match(doc_text(doc), speaker[0]) is None:
        return None
    span = doc.char_span(*speaker, alignment_mode="expand")
    if span is None:
        return None
    polls = [t for t in span.sent if t.lemma_.lower() in ("poll", "survey") and t.pos_ == "NOUN"]
    return _np_span(polls[0]) if polls else None


# a poll's share of respondents: "41 percent of voters", "31%", "a majority of"
_SHARE = re.compile(
    r"(?:only |just |some |about |nearly |almost )?(?:\d[\d.,]*\s*(?:%|percent)|a majority)(?!\w)",
    re.I,
)


_RANK = {"report": 0, "speech": 1, "manner": 1, "cognition": 2}


def _find_cue(
    doc: Doc,
    lo: int,
    hi: int,
    inside: Stretches,
    names: SpanIndex[tuple[int, int]],
    q_open: int,
    q_close: int,
) -> _Attribution | None:
    """Find the cue (a speech verb and its subject) of the quote at ``q_open``–``q_close``.

    Candidates are the speech verbs of ``doc.text[lo:hi]`` outside the quoted stretches
    ``inside``; a speaker the parse misses may be one of the ``names`` after the quote. A
    source named with "according to" wins: the article attributes the quote to it ('"…,"
    Welch said, according to Vermont Edition' is Vermont Edition's account, as PolNeAR
    annotates it). Then the classic positions ('"…," she said' right after the quote,
    'She said: "…"' right before it), then the core reporting verbs, then the nearest.
    """
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None:
        return None
    toks = [t for t in span if not inside.covers(t.idx)]
    found = [_according_choice(toks, q_open, q_close)]
    found += [_verb_choice(tok, inside, names, q_open, q_close) for tok in toks]
    choices = [c for c in found if c is not None]
    return min(choices, key=lambda c: c.key).att if choices else None  # the first best


@dataclass(frozen=True, slots=True)
class _CueChoice:
    """A candidate cue of a quote with what ranks it (see :func:`_find_cue`), lowest first."""

    position: int  # -1 "according to", 0 a classic position next to the quote, 1 elsewhere
    rank: int  # the verb's class (:data:`_RANK`): reporting, then speech, then cognition
    distance: int  # characters between the cue and the quote
    att: _Attribution

    @property
    def key(self) -> tuple[int, int, int]:
        """The ranking key: position, then verb class, then distance."""
        return self.position, self.rank, self.distance


def _according_choice(toks: Sequence[Token], q_open: int, q_close: int) -> _CueChoice | None:
    """Return the source named with "according to" among ``toks``, which outranks any verb."""
    acc = _according_to(toks)
    if acc is None:
        return None
    return _CueChoice(-1, 0, min(abs(acc.cue_start - q_open), abs(acc.cue_start - q_close)), acc)


def _verb_choice(
    tok: Token, inside: Stretches, names: SpanIndex[tuple[int, int]], q_open: int, q_close: int
) -> _CueChoice | None:
    """Return ``tok`` as a cue of the quote at ``q_open``–``q_close`` if it is a speech verb.

    Its position is classic a few words after the quote ('"…," she said') or right before it
    after a colon or comma ('She said: "…"'). A speaker the parse misses after the quote may
    be a name between quote and cue ('"…," Flynn, a top Trump surrogate, said').
    """
    cls = _lexicon_class(tok)
    if cls is None:
        return None
    doc, text = tok.doc, doc_text(tok.doc)
    speaker = _usable_speaker(doc, _speaker_of(tok, inside), inside)
    if tok.idx >= q_close:
        gap = text[q_close : tok.idx]
        dist = tok.idx - q_close
        classic = len(gap.split()) <= 5 and not re.search(r"[.!?]\s", gap)
        if speaker is None and not re.search(r"[.!?]\s", gap):
            speaker = _name_between(names, q_close, tok.idx)
    else:
        gap = text[tok.idx : q_open]
        dist = q_open - tok.idx
        classic = len(gap.split()) <= 3 and bool(re.search(r"[:,]\s*$", gap.rstrip()))
    att = _Attribution(tok.text, tok.idx, *(speaker if speaker else (None, None)))
    return _CueChoice(0 if classic else 1, _RANK.get(cls, 2), dist, att)


# --- speaker resolution --------------------------------------------------------------------


class _Mentions:
    """The article's entity mentions, indexed by offset for speaker resolution.

    ``near`` yields ``(mention, entity)`` pairs in the entities' order, then their mentions';
    ``last_before`` finds the latest mention of a kind of entity ending before an offset.
    """

    _KINDS = {"person": ("PERSON",), "group": ("ORG", "GPE", "NORP"), "org": ("ORG",)}

    def __init__(self, entities: Sequence[Entity]) -> None:
        pairs = [(m, ent) for ent in entities for m in ent.mentions]
        self._all = SpanIndex((m.start_char, m.end_char, (m, ent)) for m, ent in pairs)
        self._kinds = {
            kind: SpanIndex(
                (m.start_char, m.end_char, ent) for m, ent in pairs if ent.label in labels
            )
            for kind, labels in self._KINDS.items()
        }
        self.first_person = next((e for e in entities if e.label == "PERSON"), None)

    def near(self, lo: int, hi: int) -> list[tuple[Mention, Entity]]:
        """Mentions that may overlap ``[lo, hi)`` or start in it (see ``SpanIndex.near``)."""
        return self._all.near(lo, hi)

    def last_before(self, kind: str, offset: int) -> Entity | None:
        """Return the entity of ``kind`` whose mention ending by ``offset`` starts last."""
        return self._kinds[kind].last_ending_by(offset)


@dataclass(frozen=True, slots=True)
class _SpeakerMention:
    """A speaker mention to resolve: its extent in the text and the previous quote's speaker."""

    doc: Doc
    start: int
    end: int
    last_speaker: Entity | None

    @property
    def text(self) -> str:
        """The article's text."""
        return doc_text(self.doc)

    @property
    def words(self) -> list[str]:
        """The mention's words, lower case."""
        return self.text[self.start : self.end].lower().split()


def _resolve(
    doc: Doc,
    start: int,
    end: int,
    mentions: _Mentions,
    last_speaker: Entity | None,
) -> Entity | None:
    """Return the entity a speaker mention refers to: a name, a pronoun or a nominal.

    The rules of :data:`_RESOLVERS` run in turn, the first answer wins: a name at the head of
    the phrase, a name in apposition after it, a pronoun, a definite nominal.
    """
    mention = _SpeakerMention(doc, start, end, last_speaker)
    for rule in _RESOLVERS:
        found = rule(mention, mentions)
        if found is not None:
            return found
    return None


def _named_head(m: _SpeakerMention, mentions: _Mentions) -> Entity | None:
    """Return a name at the head of the phrase ("Australian Prime Minister Malcolm Turnbull").

    Not a modifier ("the Chinese leader"): the head is the last word before "of", "from", ….
    A person wins over other entities named there, then the mention that ends last.
    """
    core = re.split(r"\s+(?:of|from|at|with|in|for)\s+", m.text[m.start : m.end])[0]
    words = list(re.finditer(r"[\w'’.-]+", core))
    head_at = m.start + words[-1].start() if words else m.start
    hits = [
        (mn.end_char, ent)
        for mn, ent in mentions.near(m.start, max(m.end, head_at + 1))
        if mn.start_char <= head_at < mn.end_char
        or (mn.start_char >= m.start and mn.end_char >= m.end - 1 and mn.start_char < m.end)
    ]
    if not hits:
        return None
    persons = [e for _, e in hits if e.label == "PERSON"]
    return persons[0] if persons else max(hits, key=lambda h: h[0])[1]


def _apposed_name(m: _SpeakerMention, mentions: _Mentions) -> Entity | None:
    """Return a person named in apposition to the speaker's role.

    "The shipping firm's chairman, Ola Berg, said", or with the name right after the role
    ("the union's president Ola Berg noted", as the parser often leaves the name out of the
    role's phrase). Not the subject after a fronted source ('According to the port office,
    Okafor said …').
    """
    gap = ", " if m.text.startswith(", ", m.end) else " "
    if not m.text.startswith(gap, m.end) or _fronted_source(m):
        return None
    after = m.end + len(gap)
    return next(
        (
            e
            for mn, e in mentions.near(after, after)
            if e.label == "PERSON" and mn.start_char == after
        ),
        None,
    )


def _pronoun_referent(m: _SpeakerMention, mentions: _Mentions) -> Entity | None:
    """Resolve a pronoun: "he" to the last person named, "they" to the last group or speaker."""
    words = m.words
    head = words[-1] if words else ""
    last = m.last_speaker
    if head in ("he", "she", "him", "her", "his", "i"):
        person = _subject_before(m, mentions) or mentions.last_before("person", m.start)
        if person is not None:
            return person
        return last if last is not None and last.label == "PERSON" else None
    if head in ("they", "we", "it", "their", "our", "its"):
        if last is not None and last.label != "PERSON":
            return last
        return mentions.last_before("group", m.start)
    return None


def _subject_before(m: _SpeakerMention, mentions: _Mentions) -> Entity | None:
    """Return the person last named as a subject in the mention's sentence or the one before.

    A pronoun speaker refers back to the subject rather than to a person named later as an
    object ('Okafor thanked Berg and Lund. "…," she said': Okafor).
    """
    if not m.doc.has_annotation("DEP"):
        return None  # no parse, no subjects
    span = m.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = span[0].sent
    lo = m.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    subjects = [
        (mention, ent)
        for mention, ent in mentions.near(lo, m.start)
        if ent.label == "PERSON"
        and lo <= mention.start_char
        and mention.end_char <= m.start
        and _is_subject(m.doc, mention)
    ]
    return max(subjects, key=lambda pair: pair[0].start_char)[1] if subjects else None


def _is_subject(doc: Doc, mention: Mention) -> bool:
    """Tell whether a mention is the subject of its clause."""
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _nominal_referent(m: _SpeakerMention, mentions: _Mentions) -> Entity | None:
    """Resolve a definite nominal: "the minister" to a person, "the firm" to the last organisation.

    The person is the previous speaker or else the article's most salient one; "the source"
    is left unresolved (a source is unnamed on purpose).
    """
    words = m.words
    if not words or words[0] not in ("the", "this", "that") or len(words) > 4:
        return None
    head, last = words[-1], m.last_speaker
    if head in _ROLE_PERSON and head not in ("source", "sources"):
        if last is not None and last.label == "PERSON":
            return last
        return mentions.first_person  # the most salient person
    if head in _ROLE_ORG:
        return mentions.last_before("org", m.start)
    return None


def _fronted_source(m: _SpeakerMention) -> bool:
    """Tell whether the mention is the source of a fronted "according to" ('According to X, …')."""
    return _ACCORDING.search(m.text, max(0, m.start - 20), m.start) is not None


_ACCORDING = re.compile(r"\baccording to\s+$", re.I)
_RESOLVERS = (_named_head, _apposed_name, _pronoun_referent, _nominal_referent)


# --- extraction ----------------------------------------------------------------------------

_MIN_WORDS = 4  # a quoted term shorter than this with no cue is a scare quote or a title
_MIN_REPORTED = 6  # reported speech shorter than this is rarely a claim worth a quote


@dataclass(frozen=True, slots=True)
class _Context:
    """What every stage reads: the parsed article, its sentences, quote marks and names."""

    doc: Doc
    text: str
    sents: Sequence[tuple[int, int]]
    starts: Sequence[int]
    marks: Sequence[QuoteSpan]
    inside: Stretches
    names: SpanIndex[tuple[int, int]]
    name_words: frozenset[str]  # the capitalised words of person and organisation names
    titles: frozenset[int]  # where the marks open that quote a title, not words (:func:`_a_title`)

    @classmethod
    def of(cls, doc: Doc) -> _Context:
        """Read a ``Doc`` once for all stages."""
        text = doc_text(doc)
        sents = sentence_bounds(doc)
        marks = quote_spans(text)
        inside = Stretches((q.open, q.close) for q in marks)
        names = _names(doc)
        titles = frozenset(q.open for q in marks if _a_title(doc, text, q))
        starts = [s for s, _ in sents]
        return cls(doc, text, sents, starts, marks, inside, names, _words_of(doc), titles)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """Return the bounds of the sentence holding ``offset``."""
        k = max(0, bisect_right(self.starts, offset) - 1)
        return self.sents[k] if self.sents else (0, len(self.text))


@dataclass(frozen=True, slots=True)
class _Piece:
    """A quoted stretch with the cue and speaker found for it (None: none of its own)."""

    mark: QuoteSpan
    att: _Attribution | None


@dataclass(frozen=True, slots=True)
class _Candidate:
    """Pieces merged into one quote and classified: its kind and content extent."""

    pieces: tuple[QuoteSpan, ...]
    att: _Attribution | None
    kind: str  # "direct" or "mixed"
    start: int
    end: int

    @property
    def first(self) -> QuoteSpan:
        """The first piece."""
        return self.pieces[0]

    @property
    def final(self) -> QuoteSpan:
        """The last piece."""
        return self.pieces[-1]


@dataclass(frozen=True, slots=True)
class _Previous:
    """The last attributed quote: its speaker carries over to a quote with no cue."""

    entity: Entity | None
    speaker_start: int
    speaker_end: int | None
    cue: str | None
    cue_start: int
    close: int  # offset just after its closing mark


@dataclass(frozen=True, slots=True)
class _Found:
    """A quote found, before its record is built: the candidate, its attribution, its speaker."""

    cand: _Candidate
    att: _Attribution | None
    name: str | None
    ent: Entity | None


def extract_quotes(
    doc: Doc,
    *,
    entities: Sequence[Entity] = (),
    indirect: bool = True,
    floating: bool = True,
) -> list[Quote]:
    """Return the quotes of a parsed ``Doc`` with their speakers and cues.

    Runs the stages of the module docstring: marks, pieces and cues (:func:`_pieces`),
    merge (:func:`_merge`), classify (:func:`_classify`), speaker (:func:`_attribute`),
    run-on paragraphs (:func:`_runs_on`), resolve (:func:`_speaker_name`), then reported
    speech (:func:`_indirect`, :func:`_unnested`).

    Parameters
    ----------
    doc
        A spaCy ``Doc`` with a dependency parse.
    entities
        The article's entities: speakers are resolved to them.
    indirect
        Also find reported speech without quote marks.
    floating
        Attribute a quote paragraph with no cue to the speaker introduced just before it.

    """
    ctx = _Context.of(doc)
    mentions = _Mentions(entities)
    found, used_cues = _quoted(ctx, mentions, floating=floating)
    quotes = [_quote(ctx, f.cand, f.att, f.name, f.ent) for f in found]
    if indirect:
        quotes.extend(_unnested(quotes, _indirect(doc, ctx.inside, used_cues, mentions)))
    quotes.sort(key=lambda x: x.start_char)
    return quotes


def _quoted(ctx: _Context, mentions: _Mentions, *, floating: bool) -> tuple[list[_Found], set[int]]:
    """Run the stages from pieces to resolve; return the quotes found and the cues they use."""
    found: list[_Found] = []
    used_cues: set[int] = set()
    last: _Previous | None = None
    for group in _merge(ctx, _pieces(ctx)):
        cand = _classify(ctx, group)
        if cand is None:
            continue
        att = _attribute(ctx, cand, last if floating else None, floating=floating)
        if not _is_quote(ctx, cand, att, floating=floating):
            continue
        if found and (_runs_on(ctx, found[-1], cand, att) or _in_clause(found[-1], cand, att)):
            found[-1] = _run_on(found[-1], cand)
            last = None if last is None else replace(last, close=cand.final.close)
            continue
        name, ent = _speaker_name(ctx, att, mentions, last)
        found.append(_Found(cand, att, name, ent))
        if att is not None:
            used_cues |= set() if att.carried else {att.cue_start}
            last = _previous(att, ent, cand) or last
    return found, used_cues


def _previous(att: _Attribution, ent: Entity | None, cand: _Candidate) -> _Previous | None:
    """Return what a quote passes on to the next one with no cue: its speaker, if it has one."""
    if att.speaker_start is None:
        return None
    return _Previous(
        ent, att.speaker_start, att.speaker_end, att.cue, att.cue_start, cand.final.close
    )


# --- stage: pieces and their cues ----------------------------------------------------------


def _pieces(ctx: _Context) -> list[_Piece]:
    """Give each quoted stretch the cue and speaker of the clause around it."""
    out = []
    for k, q in enumerate(ctx.marks):
        lo, hi = _window(ctx, k)
        att = (
            _transcript_speaker(ctx.text, q)
            or _signed_after_dash(ctx, q)
            or _titled(ctx, q)
            or _claim_of(ctx.doc, q)
            or _find_cue(ctx.doc, lo, hi, ctx.inside, ctx.names, q.open, q.close)
        )
        if att is None:
            att = (
                _speech_noun(ctx.doc, q)
                or _word_noun(ctx, q)
                or _dash_speaker(ctx.doc, q)
                or _colon_intro(ctx, q)
            )
        out.append(_Piece(q, _reported_in(ctx, q, att)))
    return out


def _transcript_speaker(text: str, q: QuoteSpan) -> _Attribution | None:
    """Attribute a line of a quoted transcript to the speaker its label names.

    Class: an interview or debate transcript quoted line by line, each line opening with its
    speaker's name in capitals ('"HOST: Did you lie to them?' / '"LU: No, I did not.'):
    the label is the speaker, its colon the cue (:data:`_TRANSCRIPT_LABEL`).
    """
    label = _TRANSCRIPT_LABEL.match(text, _skip_spaces(text, q.open + 1))
    if label is None or label.end() != q.start:
        return None
    return _Attribution(":", label.end(1), label.start(1), label.end(1))


def _reported_in(ctx: _Context, q: QuoteSpan, att: _Attribution | None) -> _Attribution | None:
    """Give a quote inside a reported clause the verb that reports it, not another cue.

    Class: a second report of the same speaker after a first quote ('Okafor said the port
    was "ready for trade," adding that the cranes "will run all night"'; '"We are ready,"
    Okafor said, adding that the cranes "will run all night"'). The cue found for the second
    quote is the first one's ("said"), before or after it; "adding" reports it, so it is a
    quote of its own, not a piece of the first. The reporting verb must stand between the cue
    found and the quote (a cue after the quote: anywhere before the quote).
    """
    if att is None or att.cue == "according to" or not _embedded(ctx.text, q):
        return att
    verb = _reporting_verb(ctx.doc, q)
    if verb is None or verb.idx >= q.open or verb.idx == att.cue_start:
        return _second_verb(ctx, q, att)
    if att.cue_start < q.open and verb.idx < att.cue_start:
        return _second_verb(ctx, q, att)  # the cue found is the nearer one
    speaker = _usable_speaker(ctx.doc, _speaker_of(verb, ctx.inside), ctx.inside)
    if speaker is None and att.cue_start < q.open:  # 'Okafor said X and warned "…"'
        return replace(att, cue=verb.text, cue_start=verb.idx)
    return att if speaker is None else _Attribution(verb.text, verb.idx, *speaker)


def _second_verb(ctx: _Context, q: QuoteSpan, att: _Attribution) -> _Attribution:
    """Give a quote the second speech verb of its speaker written between the cue and it.

    Class: a report that goes on with a participle or a coordinated verb ('"We are
    ready," Okafor said, urging the council to "act now"'; '…, Okafor said, and warned
    that the port "cannot wait"'), where the parse does not link the quote to that verb.
    Same speaker, its own cue: the quote is a report of its own, not a piece of the first.
    """
    if att.carried or att.cue_start >= q.open:
        return att
    doc = ctx.doc
    span = doc.char_span(att.cue_start, q.open, alignment_mode="expand")
    if span is None:
        return att
    for tok in reversed(span[1:]):
        after = doc[tok.i - 1].lower_
        participle = after == "," and tok.tag_ == "VBG"
        coordinated = after == "and" and not any(c.dep_.startswith("nsubj") for c in tok.children)
        if (participle or coordinated) and _lexicon_class(tok) is not None:
            return replace(att, cue=tok.text, cue_start=tok.idx)  # same subject, same speaker
    return att


def _window(ctx: _Context, k: int) -> tuple[int, int]:
    """Return where the cue of the ``k``-th quoted stretch may be: the clause around it.

    That is its sentence(s) within its paragraph, not past a neighbouring quote (a title just
    before it is none: 'told NBC's "Today" that "…"', :func:`_a_title`), and the next
    sentence when the parser ended the sentence at the quote but the attribution runs on
    ('"Power to the people!" the group shouted', '"Why?" Biden said.').
    """
    text, marks, q = ctx.text, ctx.marks, ctx.marks[k]
    s_lo = ctx.sentence_of(q.open)[0]
    s_hi = ctx.sentence_of(max(q.open, q.close - 1))[1]
    nxt = _skip_spaces(text, q.close)
    if nxt < len(text) and _attribution_runs_on(ctx, k, s_lo, nxt):
        s_hi = max(s_hi, ctx.sentence_of(nxt)[1])
    before = k - 1
    while before >= max(0, k - 3) and marks[before].open in ctx.titles:
        before -= 1
    lo = max(s_lo, marks[before].close if before >= 0 else 0, text.rfind("\n", 0, q.open) + 1)
    hi = min(s_hi, marks[k + 1].open if k + 1 < len(marks) else len(text))
    para_end = text.find("\n", q.close)
    return lo, hi if para_end < 0 else min(hi, para_end)


def _attribution_runs_on(ctx: _Context, k: int, s_lo: int, nxt: int) -> bool:
    """Tell whether the words after the ``k``-th quote (from ``nxt``) attribute it.

    They do when they go on in lower case or after a comma or dash, or when a quote that is a
    sentence of its own ends in '?', '!' or '.' and the next sentence opens with a speech verb
    ('"…." Trump said.') that does not introduce the next quote ('Mills writes back, "…"').
    """
    text, marks, q = ctx.text, ctx.marks, ctx.marks[k]
    if text[nxt].islower() or text[nxt] in ",—–":
        return True
    n_lo, n_hi = ctx.sentence_of(nxt)
    last = text[q.start : q.end].rstrip("'’\"”")  # a quote ending in a quote: '… ‘Why?’"'
    if not (
        last[-1:] in ("?", "!", ".")
        and not text[s_lo : q.open].strip().strip("'")  # the first half of a "''" mark
        and n_lo == nxt
        and _opens_with_cue(ctx.doc, nxt, n_hi)
    ):
        return False
    return not (
        k + 1 < len(marks)
        and marks[k + 1].open < n_hi
        and re.search(r"[,:]\s*$", text[nxt : marks[k + 1].open]) is not None
    )


# --- stage: merge --------------------------------------------------------------------------


def _merge(ctx: _Context, pieces: Sequence[_Piece]) -> list[list[_Piece]]:
    """Join the pieces of one quote around its cue ('"A," she said. "B"') into groups.

    A piece joins the group before it, on the same line, when it shares the group's cue or has
    none of its own after a cue that followed the group's first piece ('"A," Trump told NBC's
    "Today". "B"'); the title of a programme or work between them (:func:`_a_title`: "Today")
    is a group of its own, and no piece of the quote. A short term quoted mid-sentence is no
    piece of the next quote ('… the "Star Wars" sequel, remarking, "Thank you …"'): the cue
    they share is that quote's, unless a speech verb of its own governs the term ('He called
    it "shameful" and called on …').
    """
    groups: list[list[_Piece]] = []
    titles: list[list[_Piece]] = []  # '"A," Lu said on "Harbour Watch". "B"': A and B merge
    for piece in pieces:
        if piece.mark.open in ctx.titles:
            titles.append([piece])
            continue
        if groups and _one_report(ctx, groups[-1], piece):
            groups[-1].append(piece)
            continue
        if groups and _continues(ctx, groups[-1], piece):
            group = groups[-1]
            if not _is_term(ctx.text, group):
                group.append(piece)
                continue
            if piece.att is not None and _group_att(group) is not None:
                own = _governing(ctx.doc, group[0].mark, ctx.inside)
                keep = own is not None and own.cue_start != piece.att.cue_start
                group[0] = _Piece(group[0].mark, own if keep else None)
        groups.append([piece])
    return sorted(groups + titles, key=lambda group: group[0].mark.open)


def _group_att(group: Sequence[_Piece]) -> _Attribution | None:
    """Return the first attribution among a group's pieces."""
    return next((p.att for p in group if p.att is not None), None)


def _continues(ctx: _Context, group: Sequence[_Piece], piece: _Piece) -> bool:
    """Tell whether ``piece`` may go on the quote of ``group`` (see :func:`_merge`)."""
    if "\n" in ctx.text[group[-1].mark.close : piece.mark.open]:
        return False
    gatt = _group_att(group)
    if gatt is None:
        return False
    if piece.att is not None:
        if piece.att.cue_start == gatt.cue_start:
            return not _narration_between(ctx, gatt, group[-1].mark, piece.mark)
        return _resumes(ctx.text, group[-1].mark, gatt, piece.mark)
    return gatt.cue_start > group[0].mark.close


def _narration_between(ctx: _Context, att: _Attribution, last: QuoteSpan, piece: QuoteSpan) -> bool:
    """Tell a clause of narration between two pieces quoted after the cue they share.

    Class: a report that goes on in the writer's words before a second quote ('Lu said the
    rivals were "lightweights," but he gave the mayor a compliment: "She works hard."'): the
    cue is behind both pieces, and a verb with a subject of its own stands between them, so
    the second piece is a quote of its own, not the rest of the first.
    """
    if att.cue_start > last.open:
        return False  # '"A," she said. "B"': the cue splits the quote
    span = ctx.doc.char_span(last.close, piece.open, alignment_mode="expand")
    if span is None:
        return False
    return any(
        tok.pos_ in ("VERB", "AUX") and _has_subject(tok)
        for tok in span
        if last.close <= tok.idx < piece.open
    )


def _has_subject(verb: Token) -> bool:
    """Tell whether a verb has a subject of its own in the parse (active or passive)."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _resumes(text: str, last: QuoteSpan, att: _Attribution, piece: QuoteSpan) -> bool:
    """Tell whether ``piece`` finishes the sentence its cue broke off after ``last``.

    Class: a quoted sentence interrupted by its attribution, which may run on with an
    aside ('"These boats are old," Lu said, pointing at the quay, "and the crews are
    tired."'): the first piece ends on a comma, the attribution between is one clause (the
    quote's own cue in it, no full stop) and reports no clause of its own ('adding that if
    …, "…"' is a second report), and the second piece opens in lower case after a comma.
    One sentence, one quote, whatever verb the aside has.
    """
    words = text[last.start : last.end].rstrip()
    comma = words.endswith(",") or text[last.close + 1 : last.close + 2] == ","
    between = text[last.close + 1 : piece.open]
    return (
        comma
        and last.close <= att.cue_start < piece.open
        and re.search(r"[.!?;]|\bthat\b", between) is None  # 'adding that …, "…"': a report
        and between.rstrip().endswith(",")
        and text[piece.start : piece.start + 1].islower()
    )


def _one_report(ctx: _Context, group: Sequence[_Piece], piece: _Piece) -> bool:
    """Tell whether ``piece`` is one more fragment quoted from the report ``group`` quotes.

    Class: fragments quoted inside one reported clause ('Okafor called the plan "bold" and
    "long overdue"', 'Lu said the aim was not to "win big" but to "win well"'). The piece sits
    inside the same sentence, after a word, and the nearest speech verb governing it in the
    parse governs the group's first piece too: one report, one quote of several pieces (not
    'He called it "bold" and said "we are ready"': two verbs, two reports).
    """
    text, last = ctx.text, group[-1].mark
    gap = text[last.close : piece.mark.open]
    if "\n" in gap or re.search(r"[.!?]\s", gap) or not _embedded(text, piece.mark):
        return False
    if piece.att is not None and last.close <= piece.att.cue_start < piece.mark.open:
        return False  # a verb between them reports it: a second report (:func:`_second_verb`)
    verb = _governing_verb(ctx.doc, piece.mark, outermost=False)
    return verb is not None and verb == _governing_verb(ctx.doc, group[0].mark, outermost=False)


def _is_term(text: str, group: Sequence[_Piece]) -> bool:
    """Tell whether a group is one short term quoted inside a sentence."""
    q = group[-1].mark
    return (
        len(group) == 1 and len(text[q.start : q.end].split()) < _MIN_WORDS and _embedded(text, q)
    )


# --- stage: classify -----------------------------------------------------------------------


def _classify(ctx: _Context, group: Sequence[_Piece]) -> _Candidate | None:
    """Tell a direct quote from a mixed one; None for a scare quote or a title.

    Fewer than ``_MIN_WORDS`` quoted words with no cue are a scare quote or a title ('the
    so-called "experts"'); with a cue, quoted inside a sentence, they are a mixed quote whose
    content is the reported clause ('urged China to "fully unleash" its potential').
    """
    text = ctx.text
    marks = tuple(p.mark for p in group)
    att = _group_att(group)
    first, final = marks[0], marks[-1]
    words = sum(len(text[q.start : q.end].split()) for q in marks)
    if words >= _MIN_WORDS:
        return _Candidate(marks, att, "direct", first.start, final.end)
    if att is None:
        return None
    if not _embedded(text, first):
        return _Candidate(marks, att, "direct", first.start, final.end)
    cue = ctx.doc.char_span(
        att.cue_start, att.cue_start + len(att.cue or ""), alignment_mode="expand"
    )
    clause = _clause_of(cue[0] if cue is not None and len(cue) else None, first.start, final.end)
    start, end = clause if clause is not None else (first.start, final.end)
    return _Candidate(marks, att, "mixed", start, end)


# --- stage: speaker ------------------------------------------------------------------------


def _attribute(
    ctx: _Context, cand: _Candidate, last: _Previous | None, *, floating: bool
) -> _Attribution | None:
    """Return who says a quote: its own cue, the verb governing it, or a speaker before it.

    A quote inside a sentence belongs to the outermost speech verb above it ('Comey said
    Clinton was "extremely careless"'), unless the sentence names its source with "according
    to" (:func:`_find_cue`: 'According to the ministry, Lu said the port was "ready"'). With
    ``floating``, a quote with no cue continues the previous quote's speaker
    (:func:`_carried_over`) or takes the speaker introduced in the sentence before it ('Zhu, a
    professor, told AFP. "…"'), who wins when brought in after the previous quote and its own
    attribution (:func:`_brought_in_after`). A long quote inside a sentence that still has no
    one saying it is the words of whoever does what the sentence tells (:func:`_doer`).
    """
    att = cand.att
    if (
        att is not None
        and att.cue != "according to"
        and not att.owned  # a claim's maker says it, whatever verb reports the claim
        and _embedded(ctx.text, cand.first)
    ):
        att = _governing(ctx.doc, cand.first, ctx.inside) or att
    if att is None and last is not None:
        att = _carried_over(ctx, cand, last)
    if floating and (att is None or att.carried):
        # a speaker brought in after the last quote and its own attribution takes over ('"…,"
        # Lu said.\n\nAda Okafor agreed. "…"')
        intro = _introduced_before(
            ctx.doc, cand.first, ctx.sents, ctx.starts, ctx.inside, ctx.names
        )
        if intro is not None and (att is None or _brought_in_after(ctx, intro, last)):
            att = intro
    if att is None and _embedded(ctx.text, cand.first):
        att = _doer(ctx, cand.first)
    return att


def _brought_in_after(ctx: _Context, intro: _Attribution, last: _Previous | None) -> bool:
    """Tell whether ``intro`` brings in a new speaker after the ``last`` quote and its own cue.

    Only a name, "he" or "she" with a verb of speech does ('Ada Okafor agreed.', 'Then he
    promised that …'): a sentence between two quotes may be quoted words whose marks the text
    lost ('"Families expect better. "It costs …', BBC copy), whose subject and verb introduce
    no one.
    """
    if last is None or intro.cue_start <= last.close or intro.cue_start == last.cue_start:
        return False
    cue = ctx.doc.char_span(intro.cue_start, intro.cue_start + len(intro.cue or ""))
    speaker = ctx.doc.char_span(intro.speaker_start or 0, intro.speaker_end or 0)
    return (
        cue is not None
        and _lexicon_class(cue[0]) in ("speech", "report")
        and speaker is not None
        and any(t.pos_ == "PROPN" or t.lower_ in ("he", "she") for t in speaker)
    )


def _doer(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """Return the subject of the verb a long quoted stretch with no speech cue hangs on.

    Class: someone's words quoted as part of what they did rather than said ('Deans credited
    him for "an exciting and inspiring campaign"', 'Lu took credit for "being right about the
    port"', 'the minister launched into a lament for "the workers who lost everything"'): the
    quoted words are the doer's. Only for a stretch of ``_MIN_WORDS`` words or more that is no
    title (shorter ones are scare quotes, title-case ones names of works), and only when the
    nearest verb above it with a subject has one that can speak (:func:`_can_do`: 'the talks
    ended with "no deal on the table"' has no doer). A copula's subject is only described
    ('the port is "the best in the world"'); the search goes on above it ('a lament for the
    workers who are "victims of the flood"' is the lamenter's).
    """
    words = ctx.text[q.start : q.end]
    if len(words.split()) < _MIN_WORDS or _title_case(words):
        return None
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for verb in span.root.ancestors:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if span.start <= verb.i < span.end or verb.pos_ != "VERB" or not subjects:
            continue  # a copula's subject is described, not speaking: look above it
        if not verb.is_alpha:
            return None  # a mark the tagger took for a verb
        if not _can_do(subjects[0]):
            return None
        speaker = _usable_speaker(ctx.doc, _np_span(subjects[0]), ctx.inside)
        return None if speaker is None else _Attribution(verb.text, verb.idx, *speaker)
    return None


def _can_do(subject: Token) -> bool:
    """Tell a subject that can have words of its own: a name, a person's or body's role, "she"."""
    return (
        subject.ent_type_ in _DOER_TYPES
        or subject.pos_ == "PROPN"
        or subject.lower_ in _SPEAKING_PRONOUNS
        or subject.lemma_.lower() in _SPEAKING_ROLES
    )


_DOER_TYPES = frozenset(("PERSON", "ORG", "NORP", "GPE"))
# personal pronouns that name someone who can speak ("she took credit", "and she accused")
_SPEAKING_PRONOUNS = frozenset("he she they we i".split())
_SPEAKING_ROLES = _ROLE_PERSON | _ROLE_ORG


def _carried_over(ctx: _Context, cand: _Candidate, last: _Previous) -> _Attribution | None:
    """Carry the previous quote's speaker over to a quote with no cue of its own.

    Only when nothing but a paragraph break separates them, or that quote's own attribution
    ('"A" Trump said.\\n\\n"B"', :func:`_one_attribution`), or a few words later in the same
    paragraph when this quote is a sentence of its own ('"A," Clinton responded, remarking
    that …. "B"').
    """
    text, first = ctx.text, cand.first
    between = text[last.close : first.open]
    own_cue = last.close <= last.speaker_start < first.open
    if between.count("\n\n") > 1:
        return None
    if not (
        not between.strip(" \n\t\"'“”’")
        or (own_cue and _one_attribution(ctx, last.close, first.open))
        or (
            "\n" not in between
            and len(between.split()) <= 25
            and _stands_alone(text, first, cand.final)
        )
    ):
        return None
    return _Attribution(
        last.cue, last.cue_start, last.speaker_start, last.speaker_end, carried=True
    )


def _one_attribution(ctx: _Context, lo: int, hi: int) -> bool:
    """Tell whether ``text[lo:hi]``, between two quotes, is one attribution sentence.

    '"A," Okafor said at the port on Friday, where the cranes stood idle.\\n\\n"B"': the
    attribution of "A" ends its paragraph, however long, and "B" goes on in her words. A
    second sentence there ('… said. Then the mayor spoke.') may bring in another speaker.
    """
    text = ctx.text
    if len(text[lo:hi].split()) <= 12:
        return True
    words_lo, words_hi = _skip_white(text, lo), _strip_back(text, hi)
    k = bisect_right(ctx.starts, words_lo)
    return k >= len(ctx.starts) or ctx.starts[k] >= words_hi


def _skip_white(text: str, start: int) -> int:
    """Return the offset of the first character at or after ``start`` that is no white space."""
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def _is_quote(
    ctx: _Context, cand: _Candidate, att: _Attribution | None, *, floating: bool = False
) -> bool:
    """Tell whether a candidate is a quote after all.

    Quoted words inside a sentence that no one is said to say are a title, and so is the
    title of a work named by a noun for it (:func:`_names_a_work`); words between two
    apostrophes (which also mark titles, names and emphasis) are a quote only when a
    reporting verb (said, told, …) attributes them. With ``floating`` attribution tried, a
    stand-alone quoted line that still has no one saying it (no cue, no speaker carried over
    or introduced before it) is left out too: such lines are slogans, chants, signs, headlines
    and excerpts more often than quotes ('The marchers came up the hill.\n\n"Jobs, not
    cuts!"').
    """
    if att is None and (floating or not _stands_alone(ctx.text, cand.first, cand.final)):
        return False
    if _names_a_work(ctx, cand) or _name_cued_elsewhere(ctx, cand, att):
        return False
    open_ = cand.first.open
    if ctx.text[open_ - 1 : open_ + 1] == "''":
        return att is not None and speech_lexicon().verbs.get((att.cue or "").lower()) == "report"
    return True


def _name_cued_elsewhere(ctx: _Context, cand: _Candidate, att: _Attribution | None) -> bool:
    """Tell a name in title case inside a sentence whose cue is in another sentence.

    Class: the name of a show, group or event quoted in passing ('a party at the "Harbour
    Social Club"', 'interviewed on "The Morning Tide"'), which a cue of a neighbouring
    sentence does not make anyone's words: no verb of its own sentence attributes it.
    """
    if att is None or att.carried or len(cand.pieces) > 1 or not _embedded(ctx.text, cand.first):
        return False
    q = cand.first
    if not _title_case(ctx.text[q.start : q.end]):
        return False
    return ctx.sentence_of(att.cue_start) != ctx.sentence_of(q.start)


def _names_a_work(ctx: _Context, cand: _Candidate) -> bool:
    """Tell a candidate of one piece that is the title of a work (:func:`_a_title`)."""
    return len(cand.pieces) == 1 and cand.first.open in ctx.titles


def _a_title(doc: Doc, text: str, q: QuoteSpan) -> bool:
    """Tell a title: words in title case right after a noun for a work, named or in apposition.

    Class: titles of books, films, shows and articles ('in his memoir, "A Harbour Town"', 'a
    film called "The Swan"', 'on the radio show "Morning Tide"'), shows named by their
    broadcaster or day ('told Radio Valmora's "Morning Tide"', 'on Sunday's "Harbour
    Watch"', :func:`_broadcast`), and a programme someone spoke on ('said on "Harbour
    Watch"', 'in an interview with "Morning Tide"'): the writer names a work, no one is quoted.
    """
    if not _title_case(text[q.start : q.end]):
        return False
    before = _words_before(doc, q.open, 40)
    if before and before[-1].lower_ in _NAMING:
        before.pop()
    if _broadcast(before) or _spoken_on(before):
        return True
    return bool(before) and (before[-1].lemma_ or before[-1].lower_).lower() in _WORKS


def _spoken_on(before: Sequence[Token]) -> bool:
    """Tell whether the words before a quote say where one spoke: 'said on', 'interview with'."""
    if len(before) < 2:
        return False
    if before[-1].lower_ == "on":
        return _lexicon_class(before[-2]) is not None or before[-2].lower_ in (
            "appeared",
            "appearing",
        )
    return before[-1].lower_ == "with" and before[-2].lower_ in ("interview", "interviews")


def _broadcast(before: Sequence[Token]) -> bool:
    """Tell whether the words before a quote end with an organisation's or a day's "'s"."""
    if len(before) < 2 or before[-1].tag_ != "POS":
        return False
    owner = before[-2]
    return owner.ent_type_ in ("ORG", "DATE") or owner.lower_ in _DAYS


_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


_WORKS = frozenset(
    """book film movie show series program programme play song album column article editorial
    op-ed essay memoir autobiography biography documentary podcast episode novel poem sequel
    musical""".split()
)
_NAMING = frozenset("called named dubbed".split())  # titled: :func:`_titled`
_MINOR_WORDS = frozenset("a an the of and or to in on for at by with from as vs de la".split())


def _title_case(words: str) -> bool:
    """Tell whether every word but the minor ones starts with a capital ("A Time for Truth")."""
    found = re.findall(r"[^\W\d_][\w'’.-]*", words)
    return (
        bool(found)
        and found[0][0].isupper()
        and all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in found)
    )


# --- stage: run-on paragraphs ---------------------------------------------------------------


def _runs_on(ctx: _Context, prev: _Found, cand: _Candidate, att: _Attribution | None) -> bool:
    """Tell whether a quote paragraph goes on with the quote of the paragraph before it.

    News copy runs one quotation over paragraphs, each opening with a quote mark, the
    attribution given once ('"We will reopen the port," Okafor said.\n\n"The cranes are
    ready and the crews are hired."'): the second paragraph has no cue of its own and carries
    the first one's speaker over (:func:`_carried_over`: nothing but the first one's own
    attribution between them). PolNeAR annotates the whole run as one quote. Both must be
    direct quotes, in adjacent paragraphs.
    """
    if att is None or not att.carried or prev.att is None:
        return False
    if att.speaker_start != prev.att.speaker_start:
        return False  # carried over from a quote before ``prev``
    if prev.cand.kind != "direct" or cand.kind != "direct":
        return False
    between = ctx.text[prev.cand.final.close : cand.first.open]
    return "\n" in between and between.count("\n\n") <= 1


def _in_clause(prev: _Found, cand: _Candidate, att: _Attribution | None) -> bool:
    """Tell whether ``cand`` lies inside the reported clause of the mixed quote ``prev``.

    Class: a clause quoted in fragments, the later ones after a comma ('Okafor said the port
    had seen "years of neglect", "and it will take a decade to repair"'): the mixed quote's
    content is the whole clause, which holds them all; not a stretch with a cue of its own
    ('… as "bold" and telling her, "…"').
    """
    p = prev.cand
    if att is not None and prev.att is not None and att.cue_start != prev.att.cue_start:
        return False
    return p.kind == "mixed" and p.start <= cand.first.start < p.end


def _run_on(prev: _Found, cand: _Candidate) -> _Found:
    """Return the quote of ``prev`` with the pieces of ``cand``, which runs on from it."""
    pieces = prev.cand.pieces + cand.pieces
    joined = replace(prev.cand, pieces=pieces, end=max(prev.cand.end, cand.end))
    return replace(prev, cand=joined)


# --- stage: resolve ------------------------------------------------------------------------


def _quote(
    ctx: _Context,
    cand: _Candidate,
    att: _Attribution | None,
    name: str | None,
    ent: Entity | None,
) -> Quote:
    """Build the record: the pieces' words (a mixed quote: its clause, if found) and speaker."""
    text = ctx.text
    if cand.kind == "mixed" and (cand.start, cand.end) != (cand.first.start, cand.final.end):
        pieces: tuple[tuple[int, int], ...] = ((cand.start, cand.end),)
    else:
        pieces = tuple((q.start, q.end) for q in cand.pieces)
    return Quote(
        " ".join(text[s:e] for s, e in pieces),
        cand.start,
        cand.end,
        cand.kind,
        name,
        ent.id if ent else None,
        att.speaker_start if att else None,
        att.speaker_end if att else None,
        att.cue if att else None,
        spans=pieces,
    )


def _speaker_name(
    ctx: _Context, att: _Attribution | None, mentions: _Mentions, last: _Previous | None
) -> tuple[str | None, Entity | None]:
    """Return the speaker's name and entity: 'who' is its antecedent, 'he' the last person."""
    if att is None or att.speaker_start is None or att.speaker_end is None:
        return None, None
    s, e = _antecedent(ctx.doc, att.speaker_start, att.speaker_end) or (
        att.speaker_start,
        att.speaker_end,
    )
    ent = _resolve(ctx.doc, s, e, mentions, last.entity if last else None)
    return (ent.name if ent else ctx.text[s:e]), ent


def _opens_with_cue(doc: Doc, start: int, end: int) -> bool:
    """Tell whether ``doc.text[start:end]`` opens with a speech verb that reports nothing else.

    The verb comes within the first words and has no reported clause of its own: '"…." Lu
    said.' attributes the quote before it, while '"…." Lu said the port will reopen.' is a
    new report (often of a new speaker).
    """
    span = doc.char_span(start, end, alignment_mode="contract")
    verb = None if span is None else next((t for t in span[:12] if _lexicon_class(t)), None)
    return verb is not None and not any(c.dep_ == "ccomp" for c in verb.children)


def _governing(doc: Doc, q: QuoteSpan, inside: Stretches) -> _Attribution | None:
    """Return the speech verb a quoted term hangs on, with its subject.

    'Trump went after Bush, calling him "a total stiff"': calling → Trump; 'Comey said Clinton
    was "extremely careless"': said (not was) → Comey. The outermost one wins.
    """
    top = _governing_verb(doc, q)
    if top is None:
        return None
    speaker = _usable_speaker(doc, _speaker_of(top, inside), inside)
    if speaker is None:
        return None
    return _Attribution(top.text, top.idx, *speaker)


def _governing_verb(doc: Doc, q: QuoteSpan, *, outermost: bool = True) -> Token | None:
    """Return the outermost (or the nearest) speech verb above a quoted stretch in the parse.

    Reported speech inside reported speech is the outer speaker's ('Trump said the media would
    call him a "chicken"': said, not call). A speech verb heading an adverbial or relative
    clause speaks for itself (:data:`_OWN_CLAUSES`): in 'Okafor calls him "Sir," while Lund
    calls her "Boss"' and 'Okafor criticised the plan, which Lund called "bold"' the second
    quote is Lund's.
    """
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    top = None
    for _ in range(12):
        if tok.head.i == tok.i or (top is not None and tok.dep_ in _OWN_CLAUSES):
            break
        tok = tok.head
        if not (span.start <= tok.i < span.end) and _lexicon_class(tok) is not None:
            top = tok
            if not outermost:
                break
    return top


# clauses whose speech verb speaks for itself, not for a verb above it
_OWN_CLAUSES = frozenset(("advcl", "relcl"))
# links that leave a clause: a verb above one of these does not report what is below it
_CLAUSE_EXITS = frozenset("advcl conj relcl acl parataxis appos".split())


def _reporting_verb(doc: Doc, q: QuoteSpan) -> Token | None:
    """Return the speech verb whose own clause holds a quoted stretch, if any.

    The nearest one above the stretch in the parse, not past a link out of a clause
    (:data:`_CLAUSE_EXITS`): in 'she said the port was "ready"' "said" reports the quote; in
    'he tweeted when the band played "Jerusalem"' "tweeted" does not.
    """
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    for _ in range(12):
        if tok.head.i == tok.i or tok.dep_ in _CLAUSE_EXITS:
            return None
        tok = tok.head
        if not (span.start <= tok.i < span.end) and _lexicon_class(tok) is not None:
            return tok
    return None


def _stands_alone(text: str, first: QuoteSpan, final: QuoteSpan) -> bool:
    """Tell whether a quote is a sentence of its own (a paragraph or sentence starts with it)."""
    end = _strip_back(text, first.open, " \t")
    return not end or text[end - 1] in "\n.!?:—" or text[max(0, end - 2) : end] == "--"


def _strip_back(text: str, end: int, chars: str | None = None) -> int:
    """Return where ``text[:end].rstrip(chars)`` ends, looking only at the stripped characters.

    >>> _strip_back("said: \t  x", 9), _strip_back("a  b", 3, " ")
    (5, 1)
    """
    while end > 0 and (text[end - 1].isspace() if chars is None else text[end - 1] in chars):
        end -= 1
    return end


_SPACES = re.compile(" *")


def _skip_spaces(text: str, start: int) -> int:
    """Return the offset of the first character at or after ``start`` that is not a space."""
    m = _SPACES.match(text, start)
    return start if m is None else m.end()


def _embedded(text: str, q: QuoteSpan) -> bool:
    """Tell whether a quoted term sits inside a sentence (after a word, not a colon or start)."""
    return _after_word(text, _mark_start(text, q))


def _after_word(text: str, at: int) -> bool:
    """Tell whether the mark at ``at`` comes right after a word, spaces aside."""
    before = text[max(0, at - 3) : at].rstrip()
    return bool(before) and before[-1].isalnum()


def _mark_start(text: str, q: QuoteSpan) -> int:
    """Return where a quote's opening mark starts: one character early for a doubled "''"."""
    return q.open - 1 if q.open > 0 and text[q.open - 1 : q.open + 1] == "''" else q.open


def _clause_of(cue: Token | None, q_start: int, q_end: int) -> tuple[int, int] | None:
    """Return the reported clause of a cue verb that holds the quoted term.

    The cue may be a noun of speech too: its that-clause, which the parse may label a
    relative clause ('the claim of Lu that the port is "past saving"', :func:`_claim_of`).

    A term the verb casts its object as takes the object along ('described the plan as "a
    giveaway"': the plan as "a giveaway", :func:`_framed_from`), as PolNeAR spans it.
    """
    if cue is None:
        return None
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp", "dobj", "advcl", "prep", "acl", "relcl"):
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
            if lo <= q_start and q_end <= hi + 1:
                text = doc_text(cue.doc)
                cut = _second_report_at(child, q_end)
                hi = hi if cut is None else lo + len(_TRAILING_LINK.sub("", text[lo:cut]))
                return _trim_clause(text, _framed_from(cue, child, lo), hi)
    return None


def _second_report_at(clause: Token, q_end: int) -> int | None:
    """Return where a second report inside ``clause``, after the quoted term, begins.

    Class: a second speech act coordinated after the first, which the parse hangs inside the
    first one's clause ('telling CNN that Lu is a "fraud" and questioning how he "got away
    with it"', 'said the port was "ready" before claiming that the cranes "will run all
    night"'): the first quote's clause stops where the second speech verb's branch begins,
    and that verb's quote is a quote of its own (:func:`_starts_second_report`).
    """
    for tok in clause.subtree:
        if tok.idx < q_end or tok.pos_ != "VERB" or _lexicon_class(tok) not in ("speech", "report"):
            continue
        branch = tok
        while branch.head not in (clause, branch) and branch.head.idx >= q_end:
            branch = branch.head  # stops at the root too: the clause may head a report itself
        if branch.left_edge.idx < q_end:
            return None
        if branch.head == clause and _starts_second_report(branch, tok):
            return branch.left_edge.idx  # a branch of the clause itself, not of a clause in it
    return None


def _starts_second_report(branch: Token, verb: Token) -> bool:
    """Tell whether ``branch`` is a second report by way of the speech verb ``verb``.

    It is when the speech verb itself is coordinated or adverbial and finite or a participle
    ('and said', 'and questioning', 'although he acknowledged'; not 'was "clever" to ask'), or
    when it follows a preposition on a verb ('before claiming'). A speech verb deeper down is
    no report of the speaker's ('a "stream" of information suggesting …', 'a "boost" from
    the decision to endorse …', 'and planned to press charges').
    """
    if branch.dep_ in ("conj", "advcl") and branch == verb:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        # the same speaker: no subject of its own, or a pronoun ('and she accused'), not
        # another party of the reported words ('as the Tories fade and the Greens challenge')
        return not infinitive and all(c.lower_ in _SPEAKING_PRONOUNS for c in subjects)
    return (
        branch.dep_ == "prep"
        and branch.head.pos_ in ("VERB", "AUX")
        and verb.head == branch
        and verb.dep_ == "pcomp"
    )


def _framed_from(cue: Token, child: Token, lo: int) -> int:
    """Return where the object framed by an "as" phrase starts, or ``lo`` for other phrases.

    A call's "for" phrase starts at its object: 'called for "a ban"' reports "a ban".
    """
    if child.dep_ == "prep" and cue.lemma_.lower() in _CALLS:
        objects = [c for c in child.children if c.dep_ == "pobj"]
        return objects[0].left_edge.idx if objects else lo
    if child.lower_ != "as":
        return lo
    for obj in cue.children:
        if cue.i < obj.i < child.i and obj.dep_ in ("dobj", "prep"):
            nouns = [c for c in obj.children if c.dep_ == "pobj"] if obj.dep_ == "prep" else [obj]
            return nouns[0].left_edge.idx if nouns else lo
    return lo


def _trim_clause(text: str, lo: int, hi: int) -> tuple[int, int]:
    seg = text[lo:hi]
    lead = len(seg) - len(seg.lstrip(" ,;:—–-\n\t"))
    lo += lead
    if text[lo : lo + 5].lower() == "that ":
        lo += 5
    while hi > lo and text[hi - 1] in " ,;:—–-\n\t":
        hi -= 1
    # A clause whose opening quote mark the parse left outside it ('he said "we will win".')
    # keeps no lone closing mark either: the text is the reported words, marks balanced.
    seg = text[lo:hi]
    unbalanced = seg.count('"') % 2 == 1 or seg.count("”") > seg.count("“")
    if unbalanced and lo > 0 and text[lo - 1] in '"“' and not seg.endswith(('"', "”")):
        return lo - 1, hi  # 'said "firm action" was needed': the clause opens on the quote
    if seg.count("''") % 2 == 1 and text[max(0, lo - 2) : lo] == "''":
        return lo - 2, hi  # the same in the New York Times' doubled marks
    if seg.endswith(('"', "”")) and unbalanced:
        hi -= 1
        while hi > lo and text[hi - 1] in " ,;:—–-\n\t":
            hi -= 1
    return lo, _closing_mark_kept(text, lo, hi)


_MARK_AFTER = re.compile(r"""[,.!?]?(?:["”]|'')""")
# the word linking a first report to a second one cut off after it ('"bold" and questioning')
_TRAILING_LINK = re.compile(r"[\s,;]*\b(?:and|or|but|while|before|after|then)?[\s,;]*$")


def _closing_mark_kept(text: str, lo: int, hi: int) -> int:
    """Return ``hi`` past the closing mark of a quote the clause opens but stops short of.

    'Okafor described the plan as "a giveaway."': the clause the parse gives ends at
    "giveaway", its text keeps the mark that closes the quote (and the stop before it).
    """
    seg = text[lo:hi]
    doubled = seg.count("''") % 2 == 1  # the New York Times' ''…''
    unclosed = seg.count('"') % 2 == 1 or seg.count("“") > seg.count("”") or doubled
    m = _MARK_AFTER.match(text, hi) if unclosed and not seg.endswith(('"', "”", "''")) else None
    return hi if m is None else m.end()


_DASH = re.compile(r"\s*[―—–-]{1,2}\s*")


def _dash_speaker(doc: Doc, q: QuoteSpan) -> _Attribution | None:
    """Attribute '"…" ― Jacklyn Ashley' (a quote signed with a dash and a name)."""
    text = doc_text(doc)
    m = _DASH.match(text, q.close)
    if m is None or not text[m.end() : m.end() + 1].isupper():
        return None
    span = doc.char_span(m.end(), min(len(text), m.end() + 1), alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    end = tok.i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and "\n" not in doc[end].whitespace_:
        end += 1
    if tok.pos_ != "PROPN":
        return None
    return _Attribution(m.group().strip(), m.start(), tok.idx, doc[end].idx + len(doc[end].text))


def _speech_noun(doc: Doc, q: QuoteSpan) -> _Attribution | None:
    """Attribute words quoted as the name of a remark: 'the mayor's "no ferries" comment'.

    Class: a quote that modifies a noun of speech right after it (comment, remark, pledge …)
    or follows its "of" ('chants of "Lu! Lu!"'): the words were said, by the noun's possessor
    when there is one ('Lu's "47 ships" remark', 'their cries of "Shame!"') and by no one
    named otherwise ('the "1960s" comment').
    """
    noun = _noun_after(doc, q) or _noun_of_before(doc, q)
    if noun is None:
        return None
    owner = [c for c in noun.children if c.dep_ == "poss"]
    speaker = _np_span(owner[0]) if owner else (None, None)
    return _Attribution(noun.text, noun.idx, *speaker)


def _titled(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """Attribute the quoted title of a work to the work's maker.

    Class: a work named by its quoted title after "titled", "entitled" or "headlined" ('Lu
    released a memo titled "The Port Is Ready"', 'her new book is titled "Harbour
    Lights"'): the title is the words of whoever made the work (:func:`_user_of`), or of no
    one named ('a film titled "…"'). Not "called" or "named", which name a thing more often
    than they quote ('a group called "Harbour Watch"', :func:`_a_title`).
    """
    word = _word_before(ctx, q)
    if word is None or word.lower_ not in _TITLING or word.pos_ != "VERB":
        return None
    return _Attribution(word.text, word.idx, *(_user_of(word, ctx) or (None, None)))


def _word_noun(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """Attribute words quoted right after a noun for words to whoever used them.

    Class: a slogan, term or phrase quoted with the noun that names it ('Okafor ran on the
    slogan "Ferries First"', 'aides used the term "ferry tax"', 'in the mayor's words, "a
    disgrace"', 'Okafor's slogan is "Ferries First"'): the words are the noun's possessor's or
    the user's, the subject of the verb the noun hangs on (:func:`_user_of`). Asked only when
    no speech verb attributes them.
    """
    word = _word_before(ctx, q)
    if word is not None and word.lemma_ == "be":
        # the noun as the subject of a copula: 'Okafor's slogan is "Ferries First"'
        word = next((c for c in word.children if c.dep_ == "nsubj"), None)
    if word is None or word.lemma_.lower() not in _WORD_NOUNS or word.pos_ != "NOUN":
        return None
    return _Attribution(word.text, word.idx, *(_user_of(word, ctx) or (None, None)))


def _word_before(ctx: _Context, q: QuoteSpan) -> Token | None:
    """Return the word right before a quote's opening mark (a comma or colon between)."""
    before = _words_before(ctx.doc, q.open, 30)
    if not before:
        return None
    word = before[-1]
    between = ctx.text[word.idx + len(word.text) : _mark_start(ctx.text, q)]
    return word if re.fullmatch(r"[ ,:\u00a0]*", between) else None


def _words_before(doc: Doc, offset: int, reach: int) -> list[Token]:
    """Return the words within ``reach`` characters before ``offset``, punctuation left out."""
    span = doc.char_span(max(0, offset - reach), offset, alignment_mode="contract")
    return [t for t in span or () if not (t.is_punct or t.is_space)]


def _user_of(named: Token, ctx: _Context) -> tuple[int, int] | None:
    """Return who made or used a titled work or a noun for words (:func:`_titled`).

    Up the parse from ``named``: the first possessor ('her new book is titled …'), else the
    subject of the first verb above ('Lu released a memo titled …', 'ran on the slogan …').
    """
    tok = named
    for _ in range(_CLAIM_DEPTH):
        kids = list(tok.children)
        owner = [c for c in kids if c.dep_ == "poss"]
        passive = [c for c in kids if c.dep_ == "nsubjpass"]
        owner += [c for n in passive for c in n.children if c.dep_ == "poss"]
        if owner:
            return _usable_speaker(ctx.doc, _np_span(owner[0]), ctx.inside)
        if tok is not named and tok.pos_ in ("VERB", "AUX"):
            return _usable_speaker(ctx.doc, _speaker_of(tok, ctx.inside), ctx.inside)
        if tok.head == tok:
            return None
        tok = tok.head
    return None


_TITLING = frozenset("titled entitled headlined".split())
_WORD_NOUNS = frozenset(
    "slogan motto catchphrase mantra nickname moniker tagline hashtag phrase term word".split()
)


def _claim_of(doc: Doc, q: QuoteSpan) -> _Attribution | None:
    """Attribute a quote inside the content of someone's noun of speech to that someone.

    Class: a claim or warning quoted in its own complement, its maker the noun's owner
    (:func:`_claim_owner`): 'Okafor's claim that the port saw "thousands of delays"', 'the
    contention of Ada Lu that the fleet is "past saving"', 'Lu's claim is that the port is a
    "scandal"' (:func:`_claim_content`). The owner said it, whatever verb reports or discusses
    the claim ('The letter repeated her claim that she "never sent it"').
    """
    inner = doc.char_span(q.start, q.end, alignment_mode="expand")
    if inner is None:
        return None
    tok = inner.root
    for _ in range(_CLAIM_DEPTH):
        head = tok.head
        verb = head.pos_ in ("VERB", "AUX") and not _possessed(head)
        if head == tok or (verb and _lexicon_class(head) is not None):
            return None  # a speech verb reports the words first
        noun = _claim_content(tok)
        if noun is not None:
            owner = _claim_owner(noun)
            if owner is None:
                return None
            return _Attribution(noun.text, noun.idx, *owner, owned=True)
        tok = head
    return None


def _claim_content(tok: Token) -> Token | None:
    """Return the noun of speech whose content ``tok`` heads, if it heads one.

    The content is a that-clause on the noun ('her claim that …', a clause the parse may
    label relative, or a complement of the noun tagged as a verb), or one after the noun and
    a copula ('her claim is that …'). Not a call's "for" phrase ('his call for "a ban"'): a
    call is quoted by whoever backs or attacks it more often than by its maker.
    """
    head = tok.head
    if tok.dep_ in ("acl", "relcl") and _that_clause(tok):
        noun = head
    elif tok.dep_ == "ccomp" and _that_clause(tok) and head.lemma_ == "be":
        noun = next((c for c in head.children if c.dep_ == "nsubj"), head)
    elif tok.dep_ == "ccomp" and _that_clause(tok) and _possessed(head):
        noun = head  # 'her warning that …', the noun tagged as a verb
    else:
        return None
    nominal = noun.pos_ == "NOUN" or _possessed(noun)
    word = noun.lemma_.lower() in _CLAIM_NOUNS or noun.lower_ in _CLAIM_NOUNS  # 'warning'/VERB
    return noun if nominal and word else None


def _possessed(tok: Token) -> bool:
    """Tell a word with a possessor, a noun whatever its tag ('her warning', 'Lu's call')."""
    return any(c.dep_ == "poss" for c in tok.children)


def _claim_owner(noun: Token) -> tuple[int, int] | None:
    """Return who made a claim: its possessor ('Lu's claim') or its "of" ('the claim of Lu')."""
    owner = [c for c in noun.children if c.dep_ == "poss"]
    if owner:
        return _np_span(owner[0])
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    makers = [c for o in of for c in o.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
    return _np_span(makers[0]) if makers else None


def _that_clause(verb: Token) -> bool:
    """Tell a clause opened by "that" ('… claim that the port saw …')."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


_CLAIM_DEPTH = 8  # heads walked up from the quote to its noun of speech
_CALLS = frozenset("call plea appeal".split())  # their "for" phrase is what is asked
_CLAIM_NOUNS = frozenset(
    "comment remark pledge promise vow claim warning boast accusation allegation assertion "
    "argument statement suggestion contention prediction insistence charge complaint "
    "announcement declaration admission threat".split()
)


def _noun_after(doc: Doc, q: QuoteSpan) -> Token | None:
    """Return the noun of speech a quote modifies right after it ('the "1960s" comment')."""
    span = doc.char_span(q.close, min(len(doc_text(doc)), q.close + 30), alignment_mode="contract")
    after = [t for t in span or () if not t.is_space]
    if not after or after[0].lemma_.lower() not in _SPEECH_NOUNS or after[0].pos_ != "NOUN":
        return None
    inner = doc.char_span(q.start, q.end, alignment_mode="expand")
    return after[0] if inner is not None and inner.root.head == after[0] else None


def _noun_of_before(doc: Doc, q: QuoteSpan) -> Token | None:
    """Return the noun of speech whose "of" a quote follows ('their chants of "Lu! Lu!"')."""
    span = doc.char_span(max(0, q.open - 30), q.open, alignment_mode="contract")
    before = [t for t in span or () if not t.is_space]
    if len(before) < 2 or before[-1].lower_ != "of":
        return None
    noun = before[-2]
    return noun if noun.pos_ == "NOUN" and noun.lemma_.lower() in _SPEECH_NOUNS else None


_SPEECH_NOUNS = frozenset(
    "comment remark quip jab pledge promise vow claim warning retort joke boast insult".split()
    + "chant cry shout chorus refrain".split()
)


def _colon_before(text: str, q: QuoteSpan) -> int | None:
    """Return the offset of the colon right before a quote's opening mark, if there is one."""
    colon = _strip_back(text, q.open) - 1
    return colon if colon >= 0 and text[colon] == ":" else None


def _signed_after_dash(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """Attribute a quote signed after a dash: 'Polls missed the swing - Ada Lu: "…"'.

    Class: digests and live blogs that give an item's line, a dash, then the source of the
    quote: the name signs the quote, whatever verb the line before the dash has.
    """
    colon = _colon_before(ctx.text, q)
    signed = None if colon is None else _signature(ctx.doc, colon, ctx.name_words)
    if colon is None or signed is None:
        return None
    lead = _strip_back(ctx.text, signed[0]) - 1
    if lead < 0 or ctx.text[lead] not in "-—–":
        return None
    return _Attribution(":", colon, *signed)


def _colon_intro(ctx: _Context, q: QuoteSpan) -> _Attribution | None:
    """Attribute a quote introduced by a sentence ending in a colon ("He made this comment:").

    A signature first (:func:`_signature`), then the sentence's cue, then its main clause's
    subject, then a document that introduces its own text ('Transcript as follows:').
    """
    doc, inside = ctx.doc, ctx.inside
    colon = _colon_before(ctx.text, q)
    if colon is None:
        return None
    lo = ctx.sentence_of(colon)[0]
    signed = _signature(doc, colon, ctx.name_words)
    if signed is not None:
        return _Attribution(":", colon, *signed)
    att = _find_cue(doc, lo, colon, inside, ctx.names, colon, colon)
    if att is not None and att.speaker_start is not None:
        return att
    span = doc.char_span(lo, colon, alignment_mode="contract")
    if span is None:
        return None
    # the subject of the introducing sentence: its main clause's ('When Lu retired, the
    # council released this statement:'), else the first
    subjects = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and not inside.covers(t.idx)]
    main = [t for t in subjects if t.head.dep_ == "ROOT"]
    # no subject: a document that introduces its own text ('Transcript as follows:')
    docs = [t for t in span if t.pos_ == "NOUN" and t.lemma_.lower() in _INTRODUCED_DOCUMENTS]
    found = (main or subjects or docs)[:1]
    return _Attribution(":", colon, *_np_span(found[0])) if found else None


_INTRODUCED_DOCUMENTS = _DOCUMENTS | {"transcript", "excerpt", "text", "remark"}


def _signature(doc: Doc, colon: int, name_words: frozenset[str]) -> tuple[int, int] | None:
    """Return the name a colon introduction is signed with, if any.

    'HEADLINE - Carl Bialik: "…"', 'More from Jones: "…"', 'Clinton: "…"' (a name alone at the
    start of its sentence), 'It did not surprise pollster Ada Lu: "…"' (a name after its
    role). In a headline the tagger often takes a surname for a common noun ("Okafor: 'We will
    reopen'"): a capitalised word the article names a person or an organisation with
    (``name_words``) counts as a name too.
    """
    span = doc.char_span(max(0, colon - 80), colon, alignment_mode="contract")
    if span is None or not len(span):
        return None
    end = len(span)
    i = end
    while i > 0 and (
        _name_word(span[i - 1], name_words) or (span[i - 1].lower_ == "and" and i < end and i > 1)
    ):
        i -= 1
    if i == end or span[i].lower_ == "and":
        return None
    first = span[i]
    lead = span[i - 1] if i > 0 else None
    if not (
        first.is_sent_start
        or lead is None
        or lead.text in ("-", "—", "–", ",", ":")
        or lead.lower_ in ("from", "by")
        or _role_before(lead, span[end - 1])  # '… did not surprise pollster Ada Lu:'
        or "\n" in lead.text
    ):
        return None
    if first.is_sent_start and end - i > 4:
        return None  # a headline, not a name
    if all(t.is_upper for t in span[i:end] if t.is_alpha):
        return None  # 'RED STATES OUTNUMBER BLUE STATES:'
    return first.idx, span[end - 1].idx + len(span[end - 1].text)


def _role_before(lead: Token, name: Token) -> bool:
    """Tell a role noun before a name that signs a colon introduction ('pollster Ada Lu:').

    Not a name a preposition governs: in 'she turned to reporter Ada Lu: "Why?"' Lu listens.
    """
    return lead.pos_ == "NOUN" and lead.is_lower and name.dep_ not in ("pobj", "dative")


def _name_word(tok: Token, name_words: frozenset[str]) -> bool:
    """Tell whether ``tok`` is a word of a name: a proper noun, or a name the article uses."""
    return tok.pos_ == "PROPN" or (tok.is_title and tok.lower_ in name_words)


def _introduced_before(
    doc: Doc,
    q: QuoteSpan,
    sents: Sequence[tuple[int, int]],
    starts: Sequence[int],
    inside: Stretches,
    names: SpanIndex[tuple[int, int]],
) -> _Attribution | None:
    """Attribute a floating quote to the speaker introduced just before it.

    The sentence before the quote (same or previous paragraph) has a speech verb with a
    subject and no quote of its own ("Zhu, a professor, told AFP.").
    """
    k = bisect_right(starts, q.open) - 1
    if k <= 0:
        return None
    s, e = sents[k - 1]
    text = doc_text(doc)
    if text[e : q.open].count("\n\n") > 1 or inside.starts_within(s, e):
        return None
    att = _find_cue(doc, s, e, inside, names, e, e)
    if att is None or att.speaker_start is None:
        return None
    return att


# participles that report speech as such ("…, saying that …"), not an aside about it
_REPORTING_PARTICIPLES = frozenset({"saying", "adding", "telling"})
_POLL = re.compile(r"\d|percent|%|\bmajority\b|\bmost\b|\bthose\b|\bvoters\b|\brespondents\b")


def _can_report(speaker: str) -> bool:
    """Tell whether a subject can own reported speech.

    Not a poll's share ("74 percent said") nor an empty word ("let's say", "what they say").
    """
    low = speaker.lower()
    return low not in _NO_REPORTER and not _POLL.search(low)


# subjects of set phrases that report nothing: "That said,", "All told,", "Only time will tell"
_NO_REPORTER = frozenset(
    ["'s", "’s", "us", "what", "there", "something", "it", "that", "all", "which", "time"]
    + ["only time", "needless", "suffice"]
)


@dataclass(frozen=True, slots=True)
class _Report:
    """Reported speech: its cue, the pieces of the reported clause and who reports it."""

    verb: Token  # the cue's first word ("said", "according")
    cue: str
    pieces: tuple[tuple[int, int], ...]  # the reported words, trimmed (:func:`_trim_clause`)
    speaker_start: int
    speaker_end: int

    @property
    def start(self) -> int:
        """Where the reported words start."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """Where the reported words end."""
        return self.pieces[-1][1]


def _indirect(
    doc: Doc,
    inside: Stretches,
    used_cues: set[int],
    mentions: _Mentions,
) -> list[Quote]:
    """Find reported speech, with no quote marks: a reporting verb or "according to".

    Each cue that is no quote's cue and stands outside the quotes gives a report: a reporting
    verb with its subject and reported clause (:func:`_verb_report`), or a sentence sourced
    with "according to" (:func:`_according_report`).
    """
    out = []
    for i in _report_cue_candidates(doc):
        tok = doc[i]
        if tok.idx in used_cues or inside.covers(tok.idx):
            continue
        if tok.lower_ == "according":
            report = _according_report(tok, inside)
        else:
            report = _verb_report(tok, inside)
        if report is not None:
            out.append(_report_quote(report, mentions))
    return out


def _report_cue_candidates(doc: Doc) -> list[int]:
    """Return the tokens that may cue a report: "according", or a reporting verb's form or lemma.

    Only a verb the lexicon classes as ``report`` makes a report (:func:`_verb_report`), so the
    other tokens are passed over without being read one by one: the Doc's form and lemma
    columns are read as string ids, and each id is looked up once per process
    (:data:`_FORM_CUES`, :data:`_LEMMA_CUES`).
    """
    lex, strings = speech_lexicon(), doc.vocab.strings
    columns = doc.to_array([LOWER, LEMMA]).reshape(len(doc), 2)
    forms, lemmas = columns[:, 0].tolist(), columns[:, 1].tolist()
    form_cue = _FORM_CUES.of(forms, lambda k: _cue_form(strings[k], lex))
    lemma_cue = _LEMMA_CUES.of(lemmas, lambda k: _cue_lemma(k, strings, lex))
    pairs = enumerate(zip(forms, lemmas, strict=True))
    return [i for i, (f, m) in pairs if form_cue[f] or lemma_cue[m]]


class _Verdicts:
    """Whether a word may cue a report, by its string id, kept across Docs.

    A string's id is the same in every vocabulary and the lexicon is loaded once, so a verdict
    holds for every Doc. A fresh table starts once one holds ``limit`` ids, so memory stays
    flat over a long batch.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.known: dict[int, bool] = {}

    def of(self, ids: Sequence[int], verdict: Callable[[int], bool]) -> dict[int, bool]:
        """Return the table, holding the ``verdict`` of each of ``ids``."""
        known = self.known
        if len(known) >= self.limit:
            known = self.known = {}
        for k in set(ids).difference(known):
            known[k] = verdict(k)
        return known


_FORM_CUES = _Verdicts(limit=200_000)  # by lower-case form
_LEMMA_CUES = _Verdicts(limit=200_000)  # by lemma


def _cue_form(form: str, lex: Lexicon) -> bool:
    """Tell whether a lower-case word form may cue a report: "according", or a reporting verb."""
    return form == "according" or _reports(form, lex)


def _cue_lemma(k: int, strings: StringStore, lex: Lexicon) -> bool:
    """Tell whether the lemma with string id ``k`` is a reporting verb (an unknown id is none)."""
    key: Any = k  # a StringStore holds ids as well as strings
    return key in strings and _reports(strings[k].lower(), lex)


def _reports(word: str, lex: Lexicon) -> bool:
    """Tell whether the lexicon classes ``word`` (a form or a lemma) as a ``report`` verb."""
    return lex.verbs.get(word) == "report"


def _unnested(quotes: Sequence[Quote], reports: Sequence[Quote]) -> list[Quote]:
    """Leave out reported speech nested in the reported words of another quote or report.

    'Okafor said the mayor told her the port would reopen': what the mayor told her is part of
    Okafor's report, which holds it (PolNeAR annotates the outer report), not a second one.
    A piece holds a report when it starts no later and ends no earlier, and is longer; the
    pieces are sorted once, so a long article costs n log n, not n².
    """
    pieces = sorted(piece for q in (*quotes, *reports) for piece in q.spans)
    starts = [s for s, _ in pieces]
    reach: list[int] = []  # reach[i]: the furthest end among pieces[: i + 1]
    for _, end in pieces:
        reach.append(max(end, reach[-1]) if reach else end)

    def held(r: Quote) -> bool:
        before = bisect_left(starts, r.start_char)  # pieces starting strictly before it
        if before and reach[before - 1] >= r.end_char:
            return True
        same = bisect_right(starts, r.start_char)  # pieces starting where it starts
        return any(pieces[k][1] > r.end_char for k in range(before, same))

    return [r for r in reports if not held(r)]


def _verb_report(verb: Token, inside: Stretches) -> _Report | None:
    """Return the report a reporting verb makes, unless a rule of :data:`_NOT_REPORTS` objects.

    The reported clause (:func:`_reported_clause`) must be long enough and outside quotes, and
    the verb must have a speaker that can report (:func:`_can_report`).
    """
    if _lexicon_class(verb) != "report":
        return None
    text = doc_text(verb.doc)
    raw = _reported_clause(verb)
    if raw is None:
        return None
    pieces = tuple(p for p in (_trim_clause(text, *r) for r in raw) if p[1] > p[0])
    if not pieces or _words(text, pieces) < _MIN_REPORTED:
        return None
    if inside.overlaps(pieces[0][0], pieces[-1][1]):
        return None
    speaker = _speaker_of(verb)
    if speaker is None or not _can_report(text[speaker[0] : speaker[1]]):
        return None
    report = _Report(verb, verb.text, pieces, *speaker)
    return None if any(rule(report) for rule in _NOT_REPORTS) else report


def _words(text: str, pieces: Sequence[tuple[int, int]]) -> int:
    """Count the words of the pieces of ``text``."""
    return sum(len(text[s:e].split()) for s, e in pieces)


def _reported_clause(verb: Token) -> tuple[tuple[int, int], ...] | None:
    """Return the pieces of what a reporting verb reports, untrimmed.

    Its clausal complement ("Okafor said the port will reopen in May"), the clause it follows
    after a comma ("The port will reopen in May, Okafor said."), or the clause it is inserted
    in between commas ("The port, Okafor said, will reopen in May": two pieces).
    """
    doc = verb.doc
    comp = [c for c in verb.children if c.dep_ == "ccomp"]
    if comp:
        c = comp[0]
        return ((c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)),)
    if not (verb.dep_ == "parataxis" and verb.left_edge.i > 0):
        return None
    if verb.i > verb.head.i:
        if doc[verb.left_edge.i - 1].text != ",":
            return None
        left, end_tok = verb.head.left_edge.i, verb.left_edge.i - 1
        return None if end_tok <= left else (_token_extent(doc, left, end_tok),)
    return _inserted_clause(verb)


def _inserted_clause(verb: Token) -> tuple[tuple[int, int], ...] | None:
    """Return the two pieces around an attribution inserted between commas.

    'The port, Okafor said, will reopen in May': "The port" and "will reopen in May".
    """
    doc, head = verb.doc, verb.head
    # the commas: the verb's first and last children, or the words around them
    before = verb.left_edge.i - (0 if doc[verb.left_edge.i].text == "," else 1)
    after = verb.right_edge.i + (0 if doc[verb.right_edge.i].text == "," else 1)
    lo, hi = head.left_edge.i, head.right_edge.i
    if not (lo < before and doc[before].text == "," and after < hi and doc[after].text == ","):
        return None
    while hi > after and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1  # the sentence's full stop
    return _token_extent(doc, lo, before - 1), _token_extent(doc, after + 1, hi)


def _token_extent(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Return the character extent of the tokens ``first`` to ``last`` (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _according_report(tok: Token, inside: Stretches) -> _Report | None:
    """Return the report of a sentence sourced with "according to".

    'Fares will rise by a tenth, according to the ferry operator.' / 'According to the
    census, the town has grown.' / 'The mill, according to its owners, will close.' The
    phrase stands at the start or end of its sentence or between commas (not "acted according
    to plan"); the report is the rest of the sentence, on one line, outside quotes.
    """
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
    if not objs:
        return None
    sent = tok.sent
    last = max(tok.right_edge.i, doc[tok.i + 1].right_edge.i)
    if not _set_off(doc, sent.start, tok.i, last, sent.end):
        return None
    pieces = tuple(
        p
        for p in (_content_extent(doc, sent.start, tok.i), _content_extent(doc, last + 1, sent.end))
        if p is not None
    )
    text = doc_text(doc)
    if not pieces or _words(text, pieces) < _MIN_REPORTED:
        return None
    start, end = pieces[0][0], pieces[-1][1]
    if inside.overlaps(start, end) or "\n" in text[start:end]:
        return None
    return _Report(tok, "according to", pieces, *_np_span(objs[0]))


def _set_off(doc: Doc, sent_start: int, first: int, last: int, sent_end: int) -> bool:
    """Tell whether tokens ``first``–``last`` stand apart: at a sentence edge or by commas."""
    before = first == sent_start or doc[first - 1].text in (",", "(", "—", "–")
    after = last + 1 >= sent_end or doc[last + 1].is_punct
    return before and after


def _content_extent(doc: Doc, first: int, end: int) -> tuple[int, int] | None:
    """Return the extent of tokens ``first`` to ``end`` (exclusive) without edge punctuation."""
    last = end - 1
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return None if last < first else _token_extent(doc, first, last)


def _aside(r: _Report) -> bool:
    """Tell a participle that comments on what was said: "…, noting that …", "arguing that …"."""
    verb = r.verb
    return (
        verb.tag_ == "VBG"
        and verb.lower_ not in _REPORTING_PARTICIPLES
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def _relative_report(r: _Report) -> bool:
    """Tell a verb in a relative clause: "the savings that the mayor says the plan brings"."""
    verb, doc = r.verb, r.verb.doc
    return verb.dep_ in ("relcl", "acl") or (
        doc[max(0, verb.left_edge.i - 1)].lower_ in ("that", "what", "which")
        and verb.i > 0
        and doc[verb.i - 1].dep_.startswith("nsubj")
        and r.start < verb.idx
    )


def _colon_between(r: _Report) -> bool:
    """Tell a colon between the clause and the verb: the clause is not the verb's report."""
    return ":" in doc_text(r.verb.doc)[min(r.end, r.verb.idx) : max(r.start, r.verb.idx)]


def _relative_or_headline(r: _Report) -> bool:
    """Tell a clause opened by "which"/"what"/"who", or run across lines (a headline)."""
    text, at = doc_text(r.verb.doc), r.verb.idx
    return (
        text[r.start : r.start + 6].lower().startswith(("which ", "what ", "who "))
        or "\n" in text[min(r.start, at) : max(r.end, at)]
    )


_NOT_REPORTS = (_aside, _relative_report, _colon_between, _relative_or_headline)


def _report_quote(r: _Report, mentions: _Mentions) -> Quote:
    """Build the record of a report, its speaker resolved to the article's entities."""
    text = doc_text(r.verb.doc)
    ent = _resolve(r.verb.doc, r.speaker_start, r.speaker_end, mentions, None)
    name = ent.name if ent else text[r.speaker_start : r.speaker_end]
    return Quote(
        " ".join(text[s:e] for s, e in r.pieces),
        r.start,
        r.end,
        "indirect",
        name,
        ent.id if ent else None,
        r.speaker_start,
        r.speaker_end,
        r.cue,
        spans=r.pieces,
    )
