"""Quotes: who said what — direct, mixed and indirect — with speakers resolved to entities.

``quote_spans(text)`` pairs quote marks in plain text (every style, straight and curly mixed,
unbalanced marks recovered, quotes running over several paragraphs). ``extract_quotes(doc)``
then reads the parse around each quoted span for its cue (a speech verb from newslens' lexicon,
``models/lexicons/speech_verbs.tsv``, or "according to") and its speaker, finds reported speech
without quote marks ("Zhu said the summit will focus on …"), and resolves speakers — names,
pronouns, nominals like "the company" — to the article's entities.

    >>> [(q.start, q.end) for q in quote_spans('He said: “We won.” Then "more".')]
    [(10, 17), (25, 29)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

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
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace() or after in ",.;:!?)":
        return False
    return before.isspace() or before in "([{—–-/:" or i == 0


def quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the double quote marks of ``text`` into quoted spans; never raises.

    Curly, guillemet, low-9 and straight marks are paired within a paragraph. A paragraph that
    ends inside a quote continues it when the next paragraph opens with a quote mark (the news
    convention for quotes over several paragraphs); otherwise the quote ends with its
    paragraph. A closing mark with no opening one is ignored.
    """
    if not isinstance(text, str):
        raise TypeError(f"quote_spans() expects str, got {type(text).__name__}")
    out: list[QuoteSpan] = []
    brk = "\n\n" if "\n\n" in text else "\n"
    open_at: int | None = None
    n = len(text)
    i = 0

    def add(open_: int, end: int, close: int) -> None:
        start = open_ + 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and text[start:end].strip():
            out.append(QuoteSpan(open_, start, end, max(close, end)))

    while i < n:
        ch = text[i]
        if text.startswith("''", i):  # two apostrophes: a double quote mark (NYT style)
            if open_at is None:
                if i + 2 < n and not text[i + 2].isspace():
                    open_at = i + 1
                i += 2
                continue
            add(open_at, i, i + 2)
            open_at = None
            i += 2
            continue
        if open_at is not None and text.startswith(brk, i):
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in _OPEN or text[j] == _STRAIGHT):
                i = j + 1  # the quote goes on in the next paragraph
                continue
            add(open_at, i, i)  # unbalanced: the quote ends with its paragraph
            open_at = None
            i = j
            continue
        if open_at is None:
            if ch in _OPEN or (
                (ch == _STRAIGHT or ch in "”»") and _is_opening_straight(text, i)
            ):  # a closing-style mark used to open ('”Fear. I am afraid'), as some sites do
                open_at = i
        elif ch in _CLOSE or ch == _STRAIGHT:
            add(open_at, i, i + 1)
            open_at = None
        i += 1
    if open_at is not None:
        add(open_at, n, n)
    return out


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
    "video op-ed column editorial".split()
)
_ROLE_ORG = frozenset(
    """company firm group bank government ministry agency party campaign organisation
    organization committee commission council department newspaper paper daily magazine network
    channel broadcaster website site agency union club team administration court board
    regulator authority office house""".split()
)


@dataclass(slots=True)
class _Attribution:
    cue: str | None
    cue_start: int
    speaker_start: int | None
    speaker_end: int | None


# function words left dangling when a phrase is cut short ("the authors of the")
_DANGLING = re.compile(
    r"(?:\s*\b(?:of|the|a|an|from|at|in|for|on|and|to|his|her|its|their)\b)+\s*$", re.I
)


def _lexicon_class(tok: Token) -> str | None:

    lex = speech_lexicon()
    if tok.lower_ in _READ_FORMS and _reads_out(tok):
        return "speech"  # '"…," the statement read' (often tagged as a noun)
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "so":
        return None  # "so-called"
    if tok.pos_ not in ("VERB", "AUX"):
        # '"…," Said Ellis' / 'Sanders says:' tagged as a noun: an inflected form right after
        # a quote, a comma or a name, or right before a colon, still counts
        if tok.lower_ not in lex.verbs or tok.lower_ in lex.lemmas:
            return None  # a base form tagged as a noun is a noun ("a report", "the post")
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if tok.ent_type_ or (tok.is_title and prev is not None and prev.is_title):
            return None  # part of a name: "United States"
        if not (
            (prev is not None and (prev.text in ",”\"'’" or prev.pos_ == "PROPN"))
            or (nxt is not None and nxt.text == ":")
        ):
            return None
        return lex.verbs[tok.lower_]
    found = lex.verbs.get(tok.lemma_.lower()) or lex.verbs.get(tok.lower_)
    if found is None:
        lemma = tok.lemma_.lower()
        doc = tok.doc
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        if nxt is None:
            return None
        if lemma in _RETORTS and nxt.lower_ == "back":
            return "speech"  # "Trump shot back", "fired back"
        if (lemma, nxt.lower_) in (("go", "on"), ("chime", "in"), ("pipe", "up")) and (
            after is None or after.lower_ != "to"
        ):
            return "speech"  # '"…," he went on.' (not "went on to win")
        if lemma == "put" and nxt.lower_ == "it" and (after is None or after.is_punct):
            return "speech"  # '"…," as Rubio put it.' / 'Clinton put it: "…"'
    return found


_RETORTS = frozenset("shoot fire hit snap push strike lash".split())


def _reads_out(tok: Token) -> bool:
    """Tell whether "read" has a document as its reader ('the editorial read', 'read a sign')."""
    doc = tok.doc
    nouns = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
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


_READ_FORMS = ("read", "reads")
_READERS = _DOCUMENTS | {"sign", "banner", "headline", "placard", "caption", "card", "poster"}


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

    That is its subject (not one inside a quote), a passive agent, the noun a participle
    modifies, or a name right next to it.
    """

    def quoted(tok: Token) -> bool:
        return inside.covers(tok.idx)

    doc = verb.doc
    if verb.lower_ in _READ_FORMS:
        if verb.i > 0 and doc[verb.i - 1].lemma_ in _READERS:
            left = verb.i - 1  # '"…," the editorial read' (parsed as a noun phrase)
            while left > 0 and doc[left - 1].pos_ in ("DET", "ADJ"):
                left -= 1
            return doc[left].idx, doc[verb.i - 1].idx + len(doc[verb.i - 1].text)
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "one":
            return doc[verb.i + 1].idx, doc[verb.i + 1].idx + 3  # '"…," read one.'

    for child in verb.children:  # "described by Beijing as …": the agent speaks
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return _np_span(objs[0])
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted(c)]
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))
        # a relative pronoun ('Weaver, who said …') is the mention; _antecedent resolves it
        return _np_span(child)
    if (
        verb.dep_ in ("advcl", "xcomp", "conj", "dep")
        and verb.tag_ == "VBG"
        and (_prev_text(verb) in (",", *_CLOSING))
    ):
        # "Cruz said last week that Trump represents …, stating …": the participle belongs
        # to the main clause, whatever verb the parser hung it on
        root = verb.sent.root
        if root is not verb and root.pos_ in ("VERB", "AUX"):
            main = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted(c)]
            if main:  # the subject nearest the verb ('In Salem, New Hampshire, Trump went')
                return _np_span(min(main, key=lambda c: abs(c.i - root.i)))
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _speaker_of(verb.head, inside)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):  # "responded by saying"
        return _speaker_of(verb.head.head, inside)
    if verb.dep_ == "relcl":
        return _np_span(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "a statement saying", "Trump, saying"
        noun = verb.head  # (not "a loophole called …": that noun is no speaker)
        if noun.lemma_.lower() in _DOCUMENTS and noun.dep_ == "dobj":
            issuer = [c for c in noun.head.children if c.dep_ == "nsubj" and not quoted(c)]
            if issuer:  # "His office put out a statement saying …": the office speaks
                return _np_span(issuer[0])
        return _np_span(noun)
    # the parse gave no subject: take the name right after ('said Leslie Wimes, a …') or the
    # noun phrase right before ('the campaign strategist said') the verb
    doc = verb.doc
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    before = doc[verb.i - 1].text if verb.i > 0 else ""
    before2 = doc[verb.i - 2].text if verb.i > 1 else ""
    # '"…," said Leslie Wimes': the verb right after the quote (and its comma)
    inverted = before in _CLOSING or (before == "," and before2 in _CLOSING)
    if before == "," and verb.tag_ in ("VBD", "VBZ") and nxt is not None and nxt.pos_ == "PROPN":
        inverted = True  # '"…" but to take the lead, says Evan Tracey, a …'
    if inverted and nxt is not None and nxt.pos_ == "PRON":
        return nxt.idx, nxt.idx + len(nxt.text)
    if inverted and nxt is not None and nxt.pos_ in ("DET", "ADJ"):
        head = nxt.head  # '"…," said the 46-year-old' / 'wrote a Trump supporter who …'
        if head.i > verb.i and head.pos_ in ("NOUN", "PROPN") and head.i - verb.i <= 5:
            return _np_span(head)
    if inverted and nxt is not None:
        # '"…," said Leslie Wimes, a …' / '"…," said retired neurosurgeon Ben Carson, asked …':
        # the noun phrase right after the verb, up to its last noun
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
        if last is not None:
            return nxt.idx, last.idx + len(last.text)
    prev = doc[verb.i - 1] if verb.i > 0 else None
    if (
        prev is not None
        and prev.pos_ in ("PROPN", "NOUN", "PRON")
        and prev.ent_type_ not in ("DATE", "TIME")
    ):
        return _np_span(prev)
    if prev is not None and prev.text == "," and not quoted(prev):
        # 'One attendee, who like others spoke on condition of anonymity, said …': the
        # parser gave the subject to the inserted clause's verb
        # ('"…," an intelligence source, who was not authorized to speak, told Fox News': the
        # words after the quote)
        start = verb.sent.start
        for tok in doc[verb.sent.start : verb.i]:
            if tok.i > 0 and tok.text in _CLOSING and quoted(doc[tok.i - 1]):
                start = tok.i + 1
        for tok in doc[start : min(verb.i, start + 6)]:
            if (
                tok.dep_ in ("nsubj", "nsubjpass")
                and tok.pos_ in ("NOUN", "PROPN")
                and doc[tok.i + 1].text == ","
                and not quoted(tok)
            ):
                return _np_span(tok)
    return None


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
    """Return a speaker span fit to be one: cut before a quote mark, not quoted, not a date."""
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
    return speaker


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
    text = doc_text(doc)
    best: tuple[tuple[int, int, int], _Attribution] | None = None

    def consider(key: tuple[int, int, int], att: _Attribution) -> None:
        nonlocal best
        if best is None or key < best[0]:
            best = (key, att)

    acc = _according_to(toks)
    if acc is not None:
        dist = min(abs(acc.cue_start - q_open), abs(acc.cue_start - q_close))
        consider((-1, 0, dist), acc)
    for tok in toks:
        cls = _lexicon_class(tok)
        if cls is None:
            continue
        speaker = _usable_speaker(doc, _speaker_of(tok, inside), inside)
        if tok.idx >= q_close:
            gap = text[q_close : tok.idx]
            dist = tok.idx - q_close
            classic = len(gap.split()) <= 5 and not re.search(r"[.!?]\s", gap)
            if speaker is None and not re.search(r"[.!?]\s", gap):
                # '"…," Flynn, a top Trump surrogate, said': the name between quote and cue
                speaker = _name_between(names, q_close, tok.idx)
        else:
            gap = text[tok.idx : q_open]
            dist = q_open - tok.idx
            classic = len(gap.split()) <= 3 and bool(re.search(r"[:,]\s*$", gap.rstrip()))
        att = _Attribution(tok.text, tok.idx, *(speaker if speaker else (None, None)))
        consider((0 if classic else 1, _RANK.get(cls, 2), dist), att)
    return None if best is None else best[1]


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


def _resolve(
    text: str,
    start: int,
    end: int,
    mentions: _Mentions,
    last_speaker: Entity | None,
) -> Entity | None:
    """Return the entity a speaker mention refers to: a name, a pronoun or a nominal."""
    # a name at the head of the phrase ("Australian Prime Minister Malcolm Turnbull"), not a
    # modifier ("the Chinese leader")
    core = re.split(r"\s+(?:of|from|at|with|in|for)\s+", text[start:end])[0]
    words = list(re.finditer(r"[\w'’.-]+", core))
    head_at = start + words[-1].start() if words else start
    hits = [
        (m.end_char, ent)
        for m, ent in mentions.near(start, max(end, head_at + 1))
        if m.start_char <= head_at < m.end_char
        or (m.start_char >= start and m.end_char >= end - 1 and m.start_char < end)
    ]
    if hits:
        persons = [e for _, e in hits if e.label == "PERSON"]
        return persons[0] if persons else max(hits, key=lambda h: h[0])[1]
    if text[end : end + 2] == ", ":  # "Nordfrakt's chairman, Tomas Lindqvist, said": the name
        for m, ent in mentions.near(end + 2, end + 2):
            if ent.label == "PERSON" and m.start_char == end + 2:
                return ent
    phrase = text[start:end].lower().split()
    if not phrase:
        return None
    head = phrase[-1]
    if head in ("he", "she", "him", "her", "i"):
        person = mentions.last_before("person", start)
        if person is not None:
            return person
        return last_speaker if last_speaker is not None and last_speaker.label == "PERSON" else None
    if head in ("they", "we", "it"):
        if last_speaker is not None and last_speaker.label != "PERSON":
            return last_speaker
        return mentions.last_before("group", start)
    if phrase[0] in ("the", "this", "that") and len(phrase) <= 4:
        if head in _ROLE_PERSON and head not in ("source", "sources"):
            if last_speaker is not None and last_speaker.label == "PERSON":
                return last_speaker
            return mentions.first_person  # the most salient person
        if head in _ROLE_ORG:
            return mentions.last_before("org", start)
    return None


# --- extraction ----------------------------------------------------------------------------

_MIN_WORDS = 4  # a quoted term shorter than this with no cue is a scare quote or a title
_MIN_REPORTED = 6  # reported speech shorter than this is rarely a claim worth a quote


def extract_quotes(
    doc: Doc,
    *,
    entities: Sequence[Entity] = (),
    indirect: bool = True,
    floating: bool = True,
) -> list[Quote]:
    """Return the quotes of a parsed ``Doc`` with their speakers and cues.

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
    text = doc_text(doc)
    sents = sentence_bounds(doc)
    starts = [s for s, _ in sents]
    spans = quote_spans(text)
    inside = Stretches((q.open, q.close) for q in spans)
    names = _names(doc)
    mentions = _Mentions(entities)
    used_cues: set[int] = set()

    def sentence_of(offset: int) -> tuple[int, int]:
        k = max(0, bisect_right(starts, offset) - 1)
        return sents[k] if sents else (0, len(text))

    def paragraph_start(offset: int) -> int:
        return text.rfind("\n", 0, offset) + 1

    # 1. each quoted stretch with the cue and speaker of its clause
    found: list[tuple[QuoteSpan, _Attribution | None]] = []
    for qi, q in enumerate(spans):
        s_lo = sentence_of(q.open)[0]
        s_hi = sentence_of(max(q.open, q.close - 1))[1]
        nxt = _skip_spaces(text, q.close)
        n_lo, n_hi = sentence_of(nxt) if nxt < len(text) else (len(text), len(text))
        if (
            nxt < len(text)
            and (
                text[nxt].islower()
                or text[nxt] in ",—–"
                or (
                    text[q.end - 1 : q.end] in ("?", "!", ".")
                    and not text[s_lo : q.open].strip()
                    and n_lo == nxt
                    and _opens_with_cue(doc, nxt, n_hi)
                    and not (  # 'Mills then writes back, "…"': that cue opens the next quote
                        qi + 1 < len(spans)
                        and spans[qi + 1].open < n_hi
                        and re.search(r"[,:]\s*$", text[nxt : spans[qi + 1].open])
                    )
                )
            )
        ):
            # '"Power to the people!" the group shouted' / '"Why?" Biden said.' / '"…." Trump
            # said.': the parser ended the sentence at the quote, but the attribution runs on
            s_hi = max(s_hi, n_hi)
        # the clause around the quote: its sentence(s), but not past a neighbouring quote
        lo = max(s_lo, spans[qi - 1].close if qi > 0 else 0, paragraph_start(q.open))
        hi = min(s_hi, spans[qi + 1].open if qi + 1 < len(spans) else len(text))
        para_end = text.find("\n", q.close)
        if para_end >= 0:
            hi = min(hi, para_end)
        att = _find_cue(doc, lo, hi, inside, names, q.open, q.close)
        if att is None:
            att = _dash_speaker(doc, q) or _colon_intro(doc, q, sents, starts, inside, names)
        found.append((q, att))
    # 2. pieces of one quote around its cue ('"A," she said. "B"') become one quote
    groups: list[list[int]] = []
    for k, (q, att) in enumerate(found):
        if groups:
            pq = found[groups[-1][-1]][0]
            gq = found[groups[-1][0]][0]
            gatt = next((a for _, a in (found[j] for j in groups[-1]) if a is not None), None)
            between = text[pq.close : q.open]
            same_cue = att is not None and gatt is not None and att.cue_start == gatt.cue_start
            # a piece with no cue of its own after a cue that followed the group's first piece
            # ('"A," Trump told NBC's "Today". "B"')
            follows = att is None and gatt is not None and gatt.cue_start > gq.close
            # a short term quoted mid-sentence is no piece of the next quote ('… the "Star Wars"
            # sequel, remarking, "Thank you …"'), and the cue they share is that quote's
            term = (
                len(groups[-1]) == 1
                and len(text[pq.start : pq.end].split()) < _MIN_WORDS
                and _embedded(text, pq)
            )
            if "\n" not in between and (same_cue or follows):
                if not term:
                    groups[-1].append(k)
                    continue
                if same_cue and att is not None:
                    # unless a speech verb of its own governs it ('He called it "shameful"
                    # and called on leaders "not to …"')
                    own = _governing(doc, pq, inside)
                    keep = own is not None and own.cue_start != att.cue_start
                    found[groups[-1][0]] = (pq, own if keep else None)
        groups.append([k])
    quotes: list[Quote] = []
    last: tuple[Entity | None, int | None, int | None, str | None, int] | None = None
    for group in groups:
        first, final = found[group[0]][0], found[group[-1]][0]
        att = next((a for _, a in (found[k] for k in group) if a is not None), None)
        words = sum(len(text[found[k][0].start : found[k][0].end].split()) for k in group)
        kind = "direct"
        c_start, c_end = first.start, final.end
        if words < _MIN_WORDS:
            if att is None:
                continue  # a scare quote or a title: no one is said to say it
            if _embedded(text, first):
                # a short quoted term inside reported speech: a mixed quote, content = clause
                kind = "mixed"
                cue_tok = doc.char_span(
                    att.cue_start, att.cue_start + len(att.cue or ""), alignment_mode="expand"
                )
                clause = _clause_of(
                    cue_tok[0] if cue_tok is not None and len(cue_tok) else None,
                    first.start,
                    final.end,
                )
                if clause is not None:
                    c_start, c_end = clause
        if att is not None and _embedded(text, first):
            # a quote inside a sentence (a mixed quote, or 'said the message was that "…"')
            # belongs to the outermost speech verb above it
            att = _governing(doc, first, inside) or att
        if att is None and floating and last is not None:
            # a quote with no cue of its own continues the previous quote's speaker when
            # nothing but a paragraph break (and that quote's own attribution) separates them
            between = text[last[4] : first.open]
            own_cue = last[1] is not None and last[4] <= last[1] < first.open  # '…” Trump said.'
            if between.count("\n\n") <= 1 and (
                not between.strip(" \n\t\"'“”’")
                or (own_cue and len(between.split()) <= 12)
                # '"A," Clinton responded, remarking that … running mate. "B"': later in the
                # same paragraph, the quote goes on in the same voice
                or (
                    "\n" not in between
                    and len(between.split()) <= 25
                    and _stands_alone(text, first, final)
                )
            ):
                att = _Attribution(last[3], -1, last[1], last[2])
        if att is None and floating:
            att = _introduced_before(doc, first, sents, starts, inside, names)
        if att is None and not _stands_alone(text, first, final):
            continue  # quoted words inside a sentence, with no one saying them: a title
        if text[first.open] == "'" and (
            att is None or speech_lexicon().verbs.get((att.cue or "").lower()) != "report"
        ):
            # two apostrophes also mark titles, names and emphasis: taken as a quote only
            # when a reporting verb (said, told, …) attributes it
            continue
        ent = None
        sp_s, sp_e = (att.speaker_start, att.speaker_end) if att else (None, None)
        if sp_s is not None and sp_e is not None:
            ref_s, ref_e = _antecedent(doc, sp_s, sp_e) or (sp_s, sp_e)
            ent = _resolve(text, ref_s, ref_e, mentions, last[0] if last else None)
            speaker = ent.name if ent else text[ref_s:ref_e]
        else:
            speaker = None
        quotes.append(
            Quote(
                text[c_start:c_end],
                c_start,
                c_end,
                kind,
                speaker,
                ent.id if ent else None,
                sp_s,
                sp_e,
                att.cue if att else None,
            )
        )
        if att is not None and att.cue_start >= 0:
            used_cues.add(att.cue_start)
        if sp_s is not None:
            last = (ent, sp_s, sp_e, att.cue if att else None, final.close)
    if indirect:
        quotes.extend(_indirect(doc, inside, used_cues, mentions))
    quotes.sort(key=lambda x: x.start_char)
    return quotes


def _opens_with_cue(doc: Doc, start: int, end: int) -> bool:
    """Tell whether a speech verb comes within the first words of ``doc.text[start:end]``."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(_lexicon_class(t) is not None for t in span[:12])


def _governing(doc: Doc, q: QuoteSpan, inside: Stretches) -> _Attribution | None:
    """Return the speech verb a quoted term hangs on, with its subject.

    'Trump went after Bush, calling him "a total stiff"': calling → Trump; 'Comey said Clinton
    was "extremely careless"': said (not was) → Comey. The outermost one wins.
    """
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    top = None  # the outermost speech verb: reported speech inside reported speech is the
    for _ in range(12):  # outer speaker's ('Trump said the media would call him a "chicken"')
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if not (span.start <= tok.i < span.end) and _lexicon_class(tok) is not None:
            top = tok
    if top is None:
        return None
    speaker = _usable_speaker(doc, _speaker_of(top, inside), inside)
    if speaker is None:
        return None
    return _Attribution(top.text, top.idx, *speaker)


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
    before = text[max(0, q.open - 3) : q.open].rstrip()
    return bool(before) and before[-1].isalnum()


def _clause_of(cue: Token | None, q_start: int, q_end: int) -> tuple[int, int] | None:
    """Return the reported clause of a cue verb that holds the quoted term."""
    if cue is None:
        return None
    for child in cue.children:
        if child.dep_ in ("ccomp", "xcomp", "dobj", "advcl", "prep"):
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
            if lo <= q_start and q_end <= hi + 1:
                return _trim_clause(doc_text(cue.doc), lo, hi)
    return None


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
    if seg.endswith(('"', "”")) and (seg.count('"') % 2 == 1 or seg.count("”") > seg.count("“")):
        hi -= 1
        while hi > lo and text[hi - 1] in " ,;:—–-\n\t":
            hi -= 1
    return lo, hi


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


def _colon_intro(
    doc: Doc,
    q: QuoteSpan,
    sents: Sequence[tuple[int, int]],
    starts: Sequence[int],
    inside: Stretches,
    names: SpanIndex[tuple[int, int]],
) -> _Attribution | None:
    """Attribute a quote introduced by a sentence ending in a colon ("He made this comment:")."""
    text = doc_text(doc)
    colon = _strip_back(text, q.open) - 1
    if colon < 0 or text[colon] != ":":
        return None
    k = max(0, bisect_right(starts, colon) - 1)
    lo = sents[k][0] if sents else 0
    signed = _signature(doc, colon)
    if signed is not None:
        return _Attribution(":", colon, *signed)
    att = _find_cue(doc, lo, colon, inside, names, colon, colon)
    if att is not None and att.speaker_start is not None:
        return att
    span = doc.char_span(lo, colon, alignment_mode="contract")
    if span is None:
        return None
    for tok in span:  # the subject of the introducing sentence
        if tok.dep_ in ("nsubj", "nsubjpass") and not inside.covers(tok.idx):
            return _Attribution(":", colon, *_np_span(tok))
    return None


def _signature(doc: Doc, colon: int) -> tuple[int, int] | None:
    """Return the name a colon introduction is signed with, if any.

    'HEADLINE - Carl Bialik: "…"', 'More from Jones: "…"', 'Clinton: "…"' (a name alone at the
    start of its sentence).
    """
    span = doc.char_span(max(0, colon - 80), colon, alignment_mode="contract")
    if span is None or not len(span):
        return None
    end = len(span)
    i = end
    while i > 0 and (
        span[i - 1].pos_ == "PROPN" or (span[i - 1].lower_ == "and" and i < end and i > 1)
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
        or "\n" in lead.text
    ):
        return None
    if first.is_sent_start and end - i > 4:
        return None  # a headline, not a name
    if all(t.is_upper for t in span[i:end] if t.is_alpha):
        return None  # 'RED STATES OUTNUMBER BLUE STATES:'
    return first.idx, span[end - 1].idx + len(span[end - 1].text)


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


def _indirect(
    doc: Doc,
    inside: Stretches,
    used_cues: set[int],
    mentions: _Mentions,
) -> list[Quote]:
    """Find reported speech: a reporting verb, its subject and complement, no quote marks."""
    text = doc_text(doc)
    out = []
    for tok in doc:
        if tok.idx in used_cues or _lexicon_class(tok) != "report":
            continue
        if inside.covers(tok.idx):
            continue
        comp = [c for c in tok.children if c.dep_ == "ccomp"]
        content: tuple[int, int] | None = None
        if comp:
            c = comp[0]
            content = (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        elif (
            tok.dep_ == "parataxis"
            and tok.i > tok.head.i
            and tok.left_edge.i > 0
            and doc[tok.left_edge.i - 1].text == ","
        ):
            # "The economy is strong, he said." — the clause the cue hangs on
            root = tok.head
            left = root.left_edge.i
            end_tok = tok.left_edge.i - 1
            if end_tok > left:
                content = (doc[left].idx, doc[end_tok].idx + len(doc[end_tok].text))
        if content is None:
            continue
        lo, hi = _trim_clause(text, *content)
        if len(text[lo:hi].split()) < _MIN_REPORTED or inside.overlaps(lo, hi):
            continue
        if (
            tok.tag_ == "VBG"
            and tok.lower_ not in _REPORTING_PARTICIPLES
            and not any(c.dep_ == "nsubj" for c in tok.children)
        ):
            continue  # "…, noting that …", "arguing that …": an aside, not a report
        speaker = _speaker_of(tok)
        if speaker is None or not _can_report(text[speaker[0] : speaker[1]]):
            continue
        if (
            tok.dep_ in ("relcl", "acl")
            or doc[max(0, tok.left_edge.i - 1)].lower_ in ("that", "what", "which")
            and tok.i > 0
            and doc[tok.i - 1].dep_.startswith("nsubj")
            and lo < tok.idx
        ):
            continue  # "the savings that he says the plan would achieve"
        if ":" in text[min(hi, tok.idx) : max(lo, tok.idx)]:
            continue  # a colon stands between the clause and the verb: not its report
        if (
            text[lo : lo + 6].lower().startswith(("which ", "what ", "who "))
            or "\n" in text[min(lo, tok.idx) : max(hi, tok.idx)]
        ):
            continue  # a relative clause, or a clause run across lines (a headline)
        ent = _resolve(text, speaker[0], speaker[1], mentions, None)
        name = ent.name if ent else text[speaker[0] : speaker[1]]
        out.append(
            Quote(
                text[lo:hi],
                lo,
                hi,
                "indirect",
                name,
                ent.id if ent else None,
                speaker[0],
                speaker[1],
                tok.text,
            )
        )
    return out
