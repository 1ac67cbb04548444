"""Named entities with their aliases merged within one article.

``extract_entities`` reads the entity spans a spaCy pipeline set on a ``Doc`` (statistical NER
plus newslens' gazetteer) and returns :class:`~newslens.Entity` records in which every name
used for one referent is merged:

* the same name, with or without a title or honorific ("President Xi", "Mr Blair"), a leading
  "the" or a possessive ("Xi's");
* surnames and given names ("Lu" -> "Lu Gang", "Xi" -> "Xi Jinping"); a name two people share
  ("Brown" with Gordon Brown and Nick Brown) goes to the nearest preceding full mention, or
  stays alone when none precedes;
* gazetteer alias sets ("UK", "Britain", "United Kingdom") and acronyms ("the European Union …
  the EU"); organisation short forms after the full form ("the Bank of England … the Bank");
* mentions the NER missed but the article itself names: a known name or surname found again
  ("Xi Jinping urged …" when only "Xi" was tagged) joins its entity.

The canonical ``name`` is the fullest proper name used; ``label`` the best-supported type;
``key`` a stable lower-case key for joining articles (the gazetteer id where there is one).

Stages, each a small function:

1. ``_collect``: the NER's spans, trimmed to the name. A trim never cuts into a word the model
   kept: the parts of a hyphenated name stay ("Wong Ka-ming", "Smith-Jones"), an ampersand never
   splits a name ("Marks & Spencer"), a possessive brand keeps its "'s" ("Sainsbury's"), and
   an organisation's name keeps, or takes, its lower-case head noun ("the Republican party",
   "the European commission": ``_name_head``).
   A span that joins two names is split (``_parts``: "Blair and Brown", "the Socialist Party's
   Ana Ruiz", "Daily Mail/ITV News", "Reno Nev."), and in a Title Case headline a name the
   body uses is cut free of the headline's words (``_headline_name``: "Ana Ruiz Rejects").
2. ``_recover``: further mentions of names the article uses that the NER missed. ``_forms``
   lists the names to look for (names in capitals, the given names and surnames of people
   named in full, organisations' acronyms); one walk over the tokens then takes, at each
   token, a span of a type not kept that repeats one (``_retyped``: a surname tagged PRODUCT)
   or, outside the entity spans, the longest that starts there (``_repeat``: a single word only
   where it reads as a name, a person's name with the proper nouns after it).
3. ``_hints``: the type evidence each mention's context gives: an honorific ("Mr Nordfrakt"),
   an apposition with an organisation noun ("the shipping group Nordfrakt"), a possessive of a
   corporate role ("Nordfrakt's chairman"), an organisation word inside the name ("... Group").
4. ``_cluster``: aliases merged, in four passes over a union-find (``_kinds`` first sorts out
   the bare given names and surnames): ``_merge_same_names`` (the same name; one gazetteer
   alias set; a group in the singular and the plural, "Peruvian" and "Peruvians"; a party and
   its bare name), ``_merge_fuller_names`` ("Ana Ruiz" in "Ana María Ruiz"),
   ``_merge_bare_names`` (a given name or surname to its person) and ``_merge_short_forms``
   (acronyms and organisations' short forms, over the ``_Group`` records the passes before
   leave).
5. ``_entity``: one record per group: the ``_canonical`` name; the label ``_majority_label``
   weighs from the NER's votes over all mentions and those hints, a bare surname voting as the
   full name it belongs to; each mention's sentence, paragraph and sentence sentiment
   (``_places``). Entities come most mentioned first, then first named first.

Labels: :data:`DEFAULT_LABELS` are the five types most news analysis asks for; PRODUCT, EVENT
and WORK_OF_ART (:data:`EXTRA_LABELS`) are available through ``labels=``, off by default
because the small English model finds them far less reliably.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ._doc import TokenColumns, doc_text, paragraph_starts, sentence_bounds, sentence_index
from ._records import Entity, Mention, Sentiment
from ._sentiment import DEFAULT_THRESHOLD, label_for

__all__ = ["DEFAULT_LABELS", "EXTRA_LABELS", "extract_entities", "name_key"]

DEFAULT_LABELS = ("PERSON", "NORP", "ORG", "GPE", "LOC")
# further OntoNotes types news users ask for; pass them in ``labels=`` to keep them
EXTRA_LABELS = ("PRODUCT", "EVENT", "WORK_OF_ART")

# Words that precede a name without being part of it.
TITLES = frozenset(
    """Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Prof Prof. Professor President Vice Premier
    Chancellor Minister Prime Secretary Senator Sen. Sen Rep. Rep Representative Governor Gov.
    Mayor Judge Justice General Gen. Gen Colonel Col. Captain Capt. Admiral Sergeant Officer
    Inspector Detective Chief Commissioner Ambassador King Queen Prince Princess Pope Father
    Rev Rev. Reverend Bishop Archbishop Cardinal Rabbi Imam Sheikh Chairman Chairwoman Chair
    Coach Manager Director Deputy Leader Speaker Attorney Foreign Home Interior Defence Defense
    Health Education Culture Trade Finance Labour Tory Conservative Democrat Republican
    Democratic Liberal Shadow Former Ex Backbencher MP MEP Ayatollah Grand Mullah Dame Sir Lord
    Lady Baroness Baron
    Mister""".split()
)
HONORIFICS = frozenset("Mr Mr. Mrs Mrs. Ms Ms. Miss Mx Dr Dr. Prof Prof. Mister".split())
# Words after a name that are not part of it ("Lib Dem MPs", "Charles Evans Jr" keeps "Jr"
# in the name but matches "Evans").
TRAILING_TITLES = frozenset("MP MPs MEP MEPs MSP MSPs AM AMs".split())
SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())
NOBILITY = frozenset({"Sir", "Lord", "Lady", "Dame", "Baroness", "Baron"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
_MINOR = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "von", "van"})
_PERSONISH = frozenset({"PERSON"})
# entity types whose spans may be names newslens knows under another type
_RETYPABLE = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW", "LANGUAGE"})
_ORGISH = frozenset({"ORG", "FAC"})
_HYPHENS = frozenset({"-", "‐", "‑"})
# plural nouns that own the rest of a name: "the Tamil People's Front", "Ealing Women's Refuge"
_COLLECTIVES = frozenset("people men women children workers".split())
# the abbreviations of US states that news style writes after a town: "Reno Nev."
_STATE_ABBREVIATIONS = frozenset(
    """Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ida. Ill. Ind. Kan. Ky. La. Md. Mass.
    Mich. Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C.
    S.D. Tenn. Tex. Vt. Va. Wash. W.Va. Wis. Wyo.""".split()
)
_AMPERSANDS = frozenset({"&", "&amp;"})
# Type evidence in a mention's context (see ``_hints``). Lower-case nouns that, right before a
# name, say it is an organisation: "the Swedish shipping group Nordfrakt", "finance firm GE
# Capital" (an invented and a real example).
ORG_NOUNS = frozenset(
    """firm firms company group giant maker retailer chain bank insurer broker carrier airline
    operator manufacturer conglomerate supermarket publisher producer provider supplier exporter
    consultancy agency broadcaster network newspaper label studio outfit subsidiary exchange
    market club rival""".split()
)
# Nouns that, after "X's" ("Nordfrakt's chairman", "Acme's shareholders"), or right after the
# name ("a Nordfrakt spokesman"), make X an organisation.
ORG_ROLES = frozenset(
    """chairman chairwoman boss board directors shareholders shares profits profit sales revenue
    revenues earnings customers stores subsidiary stake creditors headquarters brands products
    executives""".split()
)
# Nouns right after a name that make it an organisation ("a Nordfrakt spokesman", "Nordfrakt
# chief executive Tomas Lindqvist"); "Lindqvist's spokesman" says nothing, so not in ORG_ROLES.
# No word that is also a verb: "Lindqvist shares her view".
ORG_COMPOUNDS = frozenset(
    "chairman chairwoman boss spokesman spokeswoman shareholders executives".split()
)
# "chief" counts when a corporate role follows ("Nordfrakt's chief executive"), not in "Blair's
# chief of staff".
_CHIEF_OF = frozenset({"executive", "executives", "economist", "operating", "financial"})
# Lower-case nouns that, right before a name, say it is a person ("chief executive Maria
# Okafor", "Cold Mountain director Anthony Minghella").
PERSON_ROLES = frozenset(
    """executive chairman chairwoman director founder economist analyst spokesman spokeswoman
    actor actress designer governor minister leader star singer author striker coach manager
    lawmaker president secretary""".split()
)
# A word a multi-word name ends with that makes it an organisation ("Nordfrakt Shipping Group").
ORG_WORDS = frozenset(
    """Group Stores Bank Party Inc Inc. plc Plc PLC Ltd Ltd. Corp Corp. Corporation Holdings
    International Association Institute Authority Council Commission Agency Foundation Airlines
    Airways Motors Systems Industries Exchange Services Partners Associates Trust Management
    Consortium Capital Consulting Insurance Society Federation""".split()
)
# Lower-case nouns that end an organisation's name when copy writes its head in lower case
# after a proper word: "the Republican party", "the European commission", "the Welsh
# assembly" (invented sentences). Not "government", "administration" or "court": "the Irish
# government" is the nationality "Irish" and a common noun.
NAME_HEADS = frozenset(
    "party commission committee parliament assembly council senate congress".split()
)
# Determiners after which a name with a lower-case head is a common noun phrase: "a White
# House party", "no Senate committee" (invented); "the ... party" is the name.
_INDEFINITE = frozenset("a an one no any each every another some".split())
_HINT_WEIGHT = 5  # one piece of context evidence outweighs two full-name NER votes
_PERSON_PREFIXES = HONORIFICS | NOBILITY


def name_key(name: str) -> str:
    """Return the cross-article key of a name: lower case, single spaces, no leading "the".

    >>> name_key("The  Bank of England’s")
    "bank of england's"
    """
    key = " ".join(name.replace("’", "'").replace("‘", "'").split()).lower()
    return key[4:] if key.startswith("the ") else key


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    label: str
    toks: tuple[str, ...]  # the name's tokens (titles and nobility dropped)
    gaz: str | None
    source: str  # "ner", "gazetteer" or "alias"
    hint: str | None = None  # the type the mention's context points to, if any

    @property
    def key(self) -> str:
        return name_key(" ".join(self.toks))


def _breaks_name(tok: Token) -> bool:
    """Tell whether a name cannot run across this token (line break, bracket, spaced dash).

    An ampersand joins a name ("Marks & Spencer", "Procter & Gamble"), it never breaks one.
    """
    if tok.is_space or "\n" in tok.text or tok.text in ("(", ")", "[", "]", ",", ";", ":", "|"):
        return True
    if tok.text in _AMPERSANDS:
        return False
    return bool(tok.is_punct and tok.i > 0 and tok.doc[tok.i - 1].whitespace_)


def _glued(tok: Token) -> bool:
    """Tell whether a token is the second part of a hyphenated word, or its hyphen.

    "Ka-ming" in "Wong Ka-ming" and "Jones" in "Smith-Jones" are glued; "-" in "Blair - who" is
    not.
    """
    doc, i = tok.doc, tok.i
    if tok.text in _HYPHENS:
        return i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_
    return i > 1 and doc[i - 1].text in _HYPHENS and _glued(doc[i - 1])


def _cut_name(doc: Doc, j: int) -> bool:
    """Tell whether a name ending before token ``j`` would be half a hyphenated name.

    "Smith" of "Smith-Jones" would be; "US" of "US-based" is whole.
    """
    return j + 1 < len(doc) and _glued(doc[j]) and doc[j + 1].text[:1].isupper()


def _words(toks: Iterable[Token]) -> tuple[str, ...]:
    """Return the words of a name, hyphenated parts and a brand's clitic joined to their word.

    ("Smith", "-", "Jones") -> ("Smith-Jones",); ("Sainsbury", "'s") -> ("Sainsbury's",).
    """
    out: list[str] = []
    for t in toks:
        if out and (_glued(t) or (t.text in _POSSESSIVE and not t.doc[t.i - 1].whitespace_)):
            out[-1] += t.text
        else:
            out.append(t.text)
    return tuple(out)


def _brand_clitics(doc: Doc, columns: TokenColumns | None = None) -> frozenset[int]:
    """Token indices of the "'s" that belong to a possessive brand name ("Sainsbury's").

    A name is a possessive brand when the article writes "X's" where no possessed noun follows
    ("shops like Sainsbury's, Tesco", "Lloyd's of London", "at Sotheby's.") and never writes X
    without the "'s". "Nordfrakt's chairman" alone is a possessive, not a brand. The walk reads
    the token texts (``columns``, read from ``doc`` when not given); only the words after an
    "'s" are read as tokens (``_ends_brand``).
    """
    columns = TokenColumns.of(doc) if columns is None else columns
    texts, spaced = columns.text, columns.spaced
    stems: dict[str, list[int]] = defaultdict(list)
    evidence: set[str] = set()
    bare: set[str] = set()
    n = len(texts)
    for i, text in enumerate(texts):
        if text in ("'s", "’s") and i > 0 and not spaced[i - 1]:
            stem = texts[i - 1]
            if not stem[:1].isupper():
                continue
            stems[stem].append(i)
            if _ends_brand(doc, i):
                evidence.add(stem)
        elif text[:1].isupper() and (i + 1 >= n or texts[i + 1] not in _POSSESSIVE):
            bare.add(text)
    return frozenset(i for stem in evidence - bare for i in stems[stem])


def _ends_brand(doc: Doc, i: int) -> bool:
    """Tell whether no possessed noun follows the "'s" at token ``i``: "at Sotheby's." .

    An opening quote mark begins the possessed phrase ('Lu's "no ferries" pledge').
    """
    n = len(doc)
    nxt = doc[i + 1] if i + 1 < n else None
    return bool(
        nxt is None
        or "\n" in nxt.text
        or (nxt.is_punct and nxt.text not in _HYPHENS and not _opens_quote(doc, i + 1))
        or nxt.lower_ in ("and", "or", "&")
        or (nxt.lower_ == "of" and i + 2 < n and doc[i + 2].text[:1].isupper())
    )


def _opens_quote(doc: Doc, i: int) -> bool:
    """Tell an opening quote mark: "Lu's “no ferries” pledge" goes on to the possessed noun."""
    mark = doc[i].text
    return mark in ("“", "‘", "«", "„") or (
        mark in ('"', "'") and i + 1 < len(doc) and not doc[i].whitespace_
    )


def _drops_last(tok: Token, brands: frozenset[int], alone: bool, label: str = "") -> bool:
    """Tell whether the last token of a span is not part of the name.

    A possessive, punctuation, a space or a lower-case word goes ("Blair's" -> "Blair", "Lib
    Dem MPs" -> "Lib Dem"), but not a brand's "'s" ("Sainsbury's"), the proper-noun part
    of a hyphenated name ("Ka-ming" in "Wong Ka-ming"), nor a lower-case head noun of an
    organisation's name the model spanned with it ("the Republican party", see ``_name_head``).
    """
    if tok.i in brands or (not alone and _name_head(tok, label)):
        return False
    if tok.text.islower() and _glued(tok) and tok.tag_ in ("NNP", "NNPS"):
        return False
    return bool(
        tok.text in _POSSESSIVE
        or tok.is_punct
        or tok.is_space
        or tok.text.islower()
        or (not alone and tok.text in TRAILING_TITLES)
    )


@dataclass(frozen=True, slots=True)
class _Name:
    """Where a name lies inside an entity span, and the words it is matched by."""

    start: int  # token index of its first word
    end: int  # token index after its last word
    words: tuple[str, ...]  # without titles, nobility or suffixes: ("Alex", "Ferguson")


def _trim(
    toks: list[Token], label: str, brands: frozenset[int] = frozenset(), heads: bool = False
) -> _Name | None:
    """Return the name inside an entity span: its token range and the words used for matching.

    With ``heads`` (organisations are asked for), an organisation's lower-case head noun stays.
    """
    for k, t in enumerate(toks):
        if k and _breaks_name(t):
            toks = toks[:k]
            break
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].lower_ == "the"):
        toks = toks[1:]
    while toks and _drops_last(toks[-1], brands, len(toks) == 1, label if heads else ""):
        toks = toks[:-1]
    while len(toks) > 1 and toks[0].text in HONORIFICS:
        toks = toks[1:]
    if label in _PERSONISH:
        # a score or a number after a name ("Li Na 6-3 7-6") is not part of it
        while len(toks) > 1 and not any(c.isalpha() for c in toks[-1].text):
            toks = toks[:-1]
        while len(toks) > 1 and toks[0].text in TITLES and toks[0].text not in NOBILITY:
            toks = toks[1:]
        if len(toks) > 2 and toks[0].text in NOBILITY:
            toks = toks[1:]  # "Sir Alex Ferguson" -> "Alex Ferguson"; "Lord Falconer" stays
    if not toks:
        return None
    words = _words(toks)
    names = tuple(w for w in words if w not in NOBILITY and w not in SUFFIXES)
    return _Name(toks[0].i, toks[-1].i + 1, names or (words[-1],))


def _parts(ent: Span, known: set[str], brands: frozenset[int] = frozenset()) -> list[list[Token]]:
    """Split an entity span that joins two names: "Blair and Brown", "Independent the Tories".

    A possessor and the full name it owns ("the Socialist Party's Ana Ruiz") and two names a
    slash joins ("Daily Mail/ITV News") are split too (see ``_joined``).

    "the" splits only after a capitalised word, so "Ministry of the Interior" stays whole.

    An ampersand never splits ("Marks & Spencer"). "and" splits when both sides are names the
    article uses elsewhere, or, in a PERSON span, when one side is, or each side is a full name
    of two words or more ("Tony Blair and Gordon Brown"). So "Ministry of Trade and Industry",
    and a "Marks and Spencer" the model calls a person, stay whole. A title of a work, product
    or event is never split ("Shaun of the Dead").
    """
    toks = list(ent)
    if ent.label_ in EXTRA_LABELS:
        return [toks]
    if ent.label_ == "GPE" and len(toks) > 1 and toks[-1].text in _STATE_ABBREVIATIONS:
        return [toks[:-1], toks[-1:]]  # a US dateline or sign-off: "Boise Ida.", "Reno Nev."
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.text == "the" and toks[k - 1].text[:1].isupper():  # not "Bank of the West"
            return [toks[:k], toks[k + 1 :]]
        if _joined(toks, k, known, brands):
            return [toks[:k], toks[k + 1 :]]
        if t.lower_ == "and":
            left, right = toks[:k], toks[k + 1 :]
            sides = [" ".join(x.text for x in side) in known for side in (left, right)]
            if all(sides) or (
                ent.label_ in _PERSONISH and (any(sides) or (len(left) > 1 and len(right) > 1))
            ):
                return [left, right]
    return [toks]


def _joined(toks: list[Token], k: int, known: set[str], brands: frozenset[int]) -> bool:
    """Tell whether token ``k`` of a span joins two names rather than being part of one.

    A possessive "'s" followed by a full name of two capitalised words or more, after a
    possessor of two words or one the model tags as a name on its own elsewhere: "the Socialist
    Party's Ana Ruiz", "Peru's Ana Ruiz" - but not "St John's Wood", "King's College London",
    "the Tamil People's Front" or a possessive brand ("Sainsbury's Bank"). A slash between two
    words of three letters or more: "Daily Mail/ITV News", not "AC/DC".
    """
    t, left, right = toks[k], toks[:k], toks[k + 1 :]
    if t.text == "/":
        return len(left[-1].text) > 2 and len(right[0].text) > 2 and right[0].text[:1].isupper()
    if t.text not in ("'s", "’s") or t.i in brands or len(right) < 2:
        return False
    if not all(r.text[:1].isupper() for r in right):
        return False
    if len(left) > 1:
        return left[-1].lower_ not in _COLLECTIVES  # "Eritrean People's Liberation Front"
    return any(e.text == left[0].text for e in left[0].doc.ents)  # a name of its own


def _name_head(tok: Token, label: str) -> bool:
    """Tell whether ``tok`` is the lower-case head noun of an organisation's name.

    A noun of :data:`NAME_HEADS` written in lower case right after a capitalised word of a
    name the model types as an organisation or a group: "the Republican party", "the European
    commission", "the EU commission" (invented sentences), where news copy lower-cases the
    head of a name it would write "Republican Party" in full. After a place it heads that
    place's body, not a name ("the Ohio senate" keeps "Ohio"); after a possessive it is a
    common noun ("Rubio's party").
    """
    if label not in ("ORG", "NORP") or tok.text not in NAME_HEADS or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return bool(prev.text[:1].isupper() and prev.whitespace_)


def _extend(doc: Doc, i: int, j: int, label: str, brands: frozenset[int]) -> int:
    """Carry the end of the name ``doc[i:j]`` over a part of it the model left out.

    A possessive brand's "'s" ("Macy" -> "Macy's") and the lower-case head noun of an
    organisation's name ("the European" + "commission", see ``_name_head``), unless an
    indefinite determiner makes the head a common noun ("a White House party"). A capitalised
    hyphenated part is not taken along ("Anglo" of "Anglo-Dutch", "Arsenal" of
    "Arsenal-Chelsea"): on held-out articles that joined two names more often than it mended one.
    """
    if j >= len(doc):
        return j
    if j in brands:
        return j + 1
    if doc[j].ent_iob_ == "B" or not _name_head(doc[j], label):
        return j
    k = i - 1
    while k > 0 and doc[k].tag_ == "JJ" and doc[k].text.islower():  # "a wonderful ..."
        k -= 1
    return j if k >= 0 and doc[k].lower_ in _INDEFINITE else j + 1


def _title_case_headline(text: str) -> int:
    """Return the end of a first line written in Title Case ("Mayor Lee Warns Of Cuts."), else 0."""
    if "\n" not in text:
        return 0  # one paragraph has no headline
    line = text.split("\n", 1)[0]
    words = [w for w in line.split() if len(w) > 3 and w[:1].isalpha()]
    if len(words) < 3 or len(line.split()) > 25:
        return 0
    upper = sum(w[:1].isupper() for w in words)
    return len(line) if upper >= 0.7 * len(words) else 0


def _headline_name(part: list[Token], known: set[str]) -> list[Token]:
    """Cut the capitalised words of a Title Case headline off a name the article uses.

    The model runs a name on into the headline's words around it: "Mayor Lee Warns Of Cuts"
    gives "Lee Warns", "Why Voters Back Ana Ruiz Now" "Back Ana Ruiz". When the span begins or
    ends with a name the article uses elsewhere (a name or a person's given or family name),
    and the words left over are capitalised words that are neither names the article uses nor
    "of" or "and" (or a possessive: "Ruiz's Plan Fails"), only that name is kept; "Bank of
    England" and "Ana Ruiz" stay whole.
    """
    n = len(part)
    for size in range(n - 1, 0, -1):
        for a in (0, n - size):
            run, rest = part[a : a + size], part[:a] + part[a + size :]
            if " ".join(t.text for t in run) not in known:
                continue
            if all(
                t.text in _POSSESSIVE
                or (t.text[:1].isupper() and t.lower_ not in _MINOR and t.text not in known)
                for t in rest
            ):
                return run
    return part


def _known_names(ents: Sequence[Span]) -> set[str]:
    """Return the names the spans give, with the given names and surnames of people in full."""
    known = {e.text for e in ents}
    known |= {
        e[k].text
        for e in ents
        if e.label_ in _PERSONISH and len(e) > 1 and not any(t.lower_ == "and" for t in e)
        for k in (0, -1)
    }
    return known


def _collect(
    doc: Doc, labels: frozenset[str], columns: TokenColumns | None = None
) -> list[_Mention]:
    out = []
    ents = [e for e in doc.ents if e.label_ in labels]
    known = _known_names(ents)
    brands = _brand_clitics(doc, columns)
    headline = _title_case_headline(doc_text(doc))
    body = _known_names([e for e in ents if e.start_char >= headline])
    heads = "ORG" in labels  # a lower-case head noun makes an organisation's name
    for ent in ents:
        gaz = ent.id_ or None
        head_label = ent.label_ if heads else ""
        in_headline = ent.start_char < headline  # Title Case: its capitals say nothing
        for part in (
            [_headline_name(list(ent), body)] if in_headline else _parts(ent, known, brands)
        ):
            name = _trim(part, ent.label_, brands, heads)
            if name is None:
                continue
            i, j, names = name.start, name.end, name.words
            if j == ent.end and (j2 := _extend(doc, i, j, head_label, brands)) != j:
                glued = len(_words(doc[i:j2])) == len(_words(doc[i:j]))  # "Macy" + "'s"
                names = (names[:-1] if glued else names) + _words(doc[i:j2])[-1:]
                j = j2
            label, gid = ent.label_, gaz
            if i < j - 1 and _name_head(doc[j - 1], head_label):
                # "the Republican party" is the party, not the group; "Labour" + "party" keeps
                # the gazetteer's "labour party", "EU" + "commission" is not the EU
                label = "ORG"
                gid = gaz if gaz and gaz.endswith(" " + doc[j - 1].text) else None
            start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            out.append(_Mention(start, end, label, names, gid, "gazetteer" if gid else "ner"))
    return out


@dataclass(frozen=True, slots=True)
class _Form:
    """A name the article uses: the type and gazetteer id a further mention of it takes."""

    label: str
    gaz: str | None


@dataclass(frozen=True, slots=True)
class _Scan:
    """What the recovery walk reads as it passes over the tokens once.

    Only ``taken`` changes: the walk marks the tokens of each mention it finds, so that no two
    mentions overlap.
    """

    forms: dict[tuple[str, ...], _Form]  # the names to look for, by their words
    firsts: tuple[str, ...]  # their first words, sorted: most tokens start none of them
    longest: int  # tokens the longest of them may span (a hyphenated word is three tokens)
    taken: bytearray  # 1 for a token inside an entity span or a mention already found
    retyped: dict[int, int]  # start -> end token of spans of a type not kept ("Okafor" PRODUCT)
    lowered: frozenset[str]  # the words the article writes in lower case
    texts: tuple[str, ...]  # each token's text (``TokenColumns``): most tokens start no name


@dataclass(frozen=True, slots=True)
class _Hit:
    """A further mention the walk found: tokens ``start:end``, words ``words``, of ``form``."""

    start: int
    end: int
    words: tuple[str, ...]
    form: _Form


def _recover(
    doc: Doc, found: list[_Mention], columns: TokenColumns | None = None
) -> list[_Mention]:
    """Find further mentions of names the article already uses, where the NER missed them.

    ``_forms`` lists the names to look for; then one walk over the tokens asks at each token
    whether a span of a type not kept repeats one of them (``_retyped``) or, outside the entity
    spans, a name starts there (``_repeat``). A mention found takes its tokens.
    """
    forms = _forms(found)
    if not forms:
        return []
    scan = _scan(doc, forms, TokenColumns.of(doc) if columns is None else columns)
    out: list[_Mention] = []
    i = 0
    while i < len(doc):
        hit = _retyped(doc, i, scan) if i in scan.retyped else _repeat(doc, i, scan)
        if hit is None:
            i += 1
            continue
        last = doc[hit.end - 1]
        start, end = doc[hit.start].idx, last.idx + len(last.text)
        out.append(_Mention(start, end, hit.form.label, hit.words, hit.form.gaz, "alias"))
        scan.taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        i = hit.end
    return out


def _forms(found: Sequence[_Mention]) -> dict[tuple[str, ...], _Form]:
    """Return the names a missed mention may repeat, each with the type of its first use.

    A name whose words all begin with a capital or a digit ("Nordfrakt Holdings"); the
    given name and the surname of a person named in full, as a person ("Maria", "Okafor" after
    "Maria Okafor"); the acronym of an organisation's name ("NH" after "Nordfrakt Holdings").
    (Nordfrakt and Okafor are invented names.)
    """
    forms: dict[tuple[str, ...], _Form] = {}
    for m in found:
        if all(t[:1].isupper() or t[:1].isdigit() for t in m.toks):
            forms.setdefault(m.toks, _Form(m.label, m.gaz))
    for m in found:
        if m.label in _PERSONISH and len(m.toks) > 1:
            for part in (m.toks[0], m.toks[-1]):
                if part[:1].isupper() and len(part) > 1 and part not in TITLES:
                    forms.setdefault((part,), _Form("PERSON", None))
    for m in found:
        if m.label in _ORGISH and len(m.toks) > 1:
            for abbr in _initials(m.toks):
                forms.setdefault((abbr,), _Form(m.label, None))
    return forms


def _scan(doc: Doc, forms: dict[tuple[str, ...], _Form], columns: TokenColumns) -> _Scan:
    """Set up the walk: every entity span's tokens are taken before it starts."""
    taken = bytearray(len(doc))
    retyped: dict[int, int] = {}
    for ent in doc.ents:
        taken[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        if ent.label_ in _RETYPABLE:
            retyped[ent.start] = ent.end
    longest = 3 * max(len(f) for f in forms)
    lowered = frozenset(w.lower() for w in doc_text(doc).split() if w.islower())
    firsts = tuple(sorted({words[0] for words in forms}))
    return _Scan(forms, firsts, longest, taken, retyped, lowered, columns.text)


def _retyped(doc: Doc, i: int, scan: _Scan) -> _Hit | None:
    """Return the span of a type not kept at token ``i`` if it repeats a name the article uses.

    The model types a name it meets again out of context as a product, a work or an event:
    "Maria Okafor won ... Okafor's serve" with the second "Okafor" a PRODUCT (invented).
    """
    end = scan.retyped[i]
    words = _words(doc[i:end])
    form = scan.forms.get(words)
    return None if form is None else _Hit(i, end, words, form)


def _repeat(doc: Doc, i: int, scan: _Scan) -> _Hit | None:
    """Return a name the article uses starting at token ``i``, outside the entity spans.

    The longest name that fits (``_longest_form``): "Nordfrakt Holdings said" (invented), where
    the model tagged "Nordfrakt Holdings" once and missed it here. A single word must read as
    a name (``_stands_alone``), and a person's name takes the proper nouns after it along
    (``_rest_of_name``).
    """
    if scan.taken[i] or not _may_start_name(scan.texts[i], scan.firsts) or _glued(doc[i]):
        return None
    match = _longest_form(doc, i, scan)
    if match is None or (match.end == i + 1 and not _stands_alone(doc[i], scan.lowered)):
        return None
    end = match.end
    if match.form.label in _PERSONISH:
        end = _rest_of_name(doc, end, scan.taken)
    return _Hit(i, end, _words(doc[i:end]), match.form)


def _may_start_name(text: str, firsts: Sequence[str]) -> bool:
    """Tell whether a token's text can start a name the article uses (``_Scan.firsts``).

    It starts with a capital or a digit, and some name's first word starts with it (found by
    bisection); read from the token texts, so most tokens are passed over without a Token.
    """
    if not (text[:1].isupper() or text[:1].isdigit()):
        return False
    k = bisect_left(firsts, text)
    return k < len(firsts) and firsts[k].startswith(text)


def _longest_form(doc: Doc, i: int, scan: _Scan) -> _Hit | None:
    """Return the longest name the article uses that starts at token ``i`` on free tokens.

    It never ends inside a hyphenated word: "Okafor" is not found in "Okafor-Lund" (invented).
    A name's first word starts with its first token, so a token no first word starts with
    (found by bisection in the sorted ``firsts``) starts no name.
    """
    head = doc[i].text
    k = bisect_left(scan.firsts, head)
    if k == len(scan.firsts) or not scan.firsts[k].startswith(head):
        return None
    for size in range(min(scan.longest, len(doc) - i), 0, -1):
        if any(scan.taken[i : i + size]) or _cut_name(doc, i + size):
            continue
        words = _words(doc[i : i + size])
        form = scan.forms.get(words)
        if form is not None:
            return _Hit(i, i + size, words, form)
    return None


def _stands_alone(tok: Token, lowered: frozenset[str]) -> bool:
    """Tell whether a single capitalised word that matches a name is that name, not a word.

    It is if tagged a proper noun, or capitalised mid-sentence, or (at the start of a sentence
    or headline) if the article never writes it in lower case: after "Tom Baker", a sentence
    "Baker said no." names him, unless the article also writes "a baker" (invented).
    """
    return bool(
        tok.pos_ == "PROPN"
        or (not tok.is_sent_start and tok.is_title)
        or (tok.is_title and tok.lower_ not in lowered)
    )


def _rest_of_name(doc: Doc, j: int, taken: bytearray) -> int:
    """Carry a person's name found from one word over the capitalised proper nouns after it.

    Where the model tagged only "Wang" ("Wang said"), a missed "Wang Lihua urged calm" is found
    from "Wang" and takes "Lihua" along (invented).
    """
    while j < len(doc) and not taken[j] and doc[j].pos_ == "PROPN" and doc[j].is_title:
        j += 1
    return j


def _hint(doc: Doc, i: int, j: int, words: tuple[str, ...]) -> str | None:
    """Return the type the context of the name ``doc[i:j]`` points to, if it points to one.

    PERSON after an honorific or a person's role ("Mr Nordfrakt", "chief executive Okafor");
    ORG after an organisation noun ("the Swedish shipping group Nordfrakt"), before a corporate
    role ("Nordfrakt's chairman", "a Nordfrakt spokesman"), or for a name that ends in an
    organisation word, capitalised or not, or holds an ampersand ("Nordfrakt Holdings", "the
    Nordfrakt party", "Nordfrakt & Lund").
    (Nordfrakt, Okafor and Lund are invented names.)
    """
    n = len(doc)
    prev = doc[i - 1] if i > 0 else None
    if (prev is not None and prev.text in _PERSON_PREFIXES) or (
        j - i > 1 and doc[i].text in NOBILITY
    ):
        return "PERSON"
    if len(words) > 1 and (
        words[-1] in ORG_WORDS or words[-1] in NAME_HEADS or any(w in _AMPERSANDS for w in words)
    ):
        return "ORG"
    if prev is not None and prev.text.islower() and prev.tag_ in ("NN", "NNS"):
        if prev.text in ORG_NOUNS:
            return "ORG"
        if prev.text in PERSON_ROLES:
            return "PERSON"
    k = j + 1 if j < n and doc[j].text in _POSSESSIVE else j
    roles = ORG_ROLES if k > j else ORG_COMPOUNDS
    for m in range(k, min(k + 2, n)):
        w = doc[m].lower_
        if w in roles or (w == "chief" and m + 1 < n and doc[m + 1].lower_ in _CHIEF_OF):
            return "ORG"
        if not (k > j and doc[m].tag_ == "JJ"):  # "Nordfrakt's yearly sales"
            break
    return None


def _hints(doc: Doc, ms: Sequence[_Mention], labels: frozenset[str]) -> None:
    """Set each mention's ``hint``: the type its context gives, if among ``labels``.

    Then a list lends its type to a lone word the model calls a person: in "clients include
    Lund, Okafor, Brask and the shipping group Nordfrakt" (invented) every member whose type
    has support (a hint, the gazetteer, a name of two words or more) is an organisation, so
    Lund, Okafor and Brask are too, unless one is a given name or surname of a person the
    article names in full.
    """
    at: dict[int, _Mention] = {}
    for m in ms:
        span = doc.char_span(m.start, m.end)
        if span is not None:
            hint = _hint(doc, span.start, span.end, m.toks)
            m.hint = hint if hint in labels else None
            at[span.root.i] = m
    people = {w for m in ms if m.label in _PERSONISH and len(m.toks) > 1 for w in m.toks}
    for i, m in at.items():
        if m.label not in _PERSONISH or m.hint or len(m.toks) > 1 or m.toks[0] in people:
            continue
        conj = doc[i].conjuncts
        if len(conj) < 2:  # a list of three or more, not a pair ("Blair and the BBC")
            continue
        strong = {
            o.hint or o.label
            for t in conj
            if (o := at.get(t.i)) is not None and (o.hint or o.gaz or len(o.toks) > 1)
        }
        if len(strong) == 1 and (label := next(iter(strong))) in labels - _PERSONISH:
            m.hint = label


class _Clusters:
    """Union-find over mention indices; a group's root is its smallest index.

    It also remembers the first mention of each identity (a name's key, a gazetteer id), so
    that ``join`` puts each later mention with that identity in the same group.
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.first: dict[str, int] = {}

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def join(self, ident: str, k: int) -> None:
        """Merge mention ``k`` with the first mention of ``ident``, or make it that first."""
        if ident in self.first:
            self.union(self.first[ident], k)
        else:
            self.first[ident] = k

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for k in range(len(self.parent)):
            out[self.find(k)].append(k)
        return out


def _initials(toks: Sequence[str]) -> list[str]:
    """Acronyms a name may be written as, in a fixed order (never a set: see PYTHONHASHSEED)."""
    words = [t for t in " ".join(toks).replace("-", " ").split() if t]
    major = [w for w in words if w.lower() not in _MINOR]
    out: list[str] = []
    if len(major) >= 2:
        out.append("".join(w[0] for w in major).upper())
    if len(words) >= 2:
        out.append("".join(w[0] for w in words).upper())
    return list(dict.fromkeys(out))


def _majority_label(ms: Sequence[_Mention]) -> str:
    """Weigh the label votes of an entity's mentions and the type hints of their context.

    A gazetteer name outweighs a full name, which outweighs a bare one. When the entity's full
    names are mostly typed PERSON, a bare given name or surname of one of them votes PERSON: the
    model types a lone "Harkness" ORG far more often than "Maria Harkness".
    """
    full: Counter[str] = Counter(m.label for m in ms if len(m.toks) > 1)
    parts = {
        t for m in ms if m.label in _PERSONISH and len(m.toks) > 1 for t in (m.toks[0], m.toks[-1])
    }
    if not full or full.most_common(1)[0][0] not in _PERSONISH:
        parts = set()  # the full names themselves are not mostly a person's ("Manchester United")
    votes: Counter[str] = Counter()
    for m in ms:
        person_part = len(m.toks) == 1 and m.toks[0] in parts and m.source != "gazetteer"
        label = "PERSON" if person_part else m.label
        votes[label] += 4 if m.source == "gazetteer" else (2 if len(m.toks) > 1 else 1)
        if m.hint is not None:
            votes[m.hint] += _HINT_WEIGHT
    return votes.most_common(1)[0][0]


def _title_end(text: str) -> int:
    """End of a headline-like first line (short, no closing full stop), else 0."""
    stripped = text.lstrip()
    line_end = stripped.find("\n")
    if line_end < 0:
        return 0
    line = stripped[:line_end].strip()
    if not line or len(line.split()) > 20 or line.endswith((".", ":")):
        return 0
    return len(text) - len(stripped) + line_end


def _group_name(m: _Mention) -> str:
    """Return a nationality's or group's name without a plural "s" ("" for other types).

    A group is one entity in the singular and the plural ("a Peruvian firm ... Peruvians
    say"), as the gold's "Italian"/"Italians" are.
    """
    if m.label != "NORP":
        return ""
    key = m.key
    return "norp:" + (key[:-1] if key.endswith("s") else key)


def _party_idents(m: _Mention) -> tuple[str, ...]:
    """Return the identities a party's name with a lower-case head shares with its bare name.

    A party is named by the word before "party": "the Republican party" is the party of
    "Republican" and "the Republicans" ("the Labour party", "Labour"; invented sentences), as
    the gold's party names are one entity. Other heads do not share: "the European
    commission" is not "European".
    """
    if len(m.toks) < 2 or m.toks[-1] != "party":
        return ()
    bare = name_key(" ".join(m.toks[:-1]))
    return bare, "norp:" + (bare[:-1] if bare.endswith("s") else bare)


@dataclass(frozen=True, slots=True)
class _Kinds:
    """The mentions (indices into the article's list) by the way ``_cluster`` merges them."""

    bare: tuple[int, ...]  # a lone given name or surname, outside the gazetteer: "Okafor"
    full: tuple[int, ...]  # every other mention: "Maria Okafor", "Nordfrakt", "the UK"
    persons: tuple[int, ...]  # full mentions of people in two words or more
    orgs: tuple[int, ...]  # full mentions of organisations in two words or more, not gazetteer


@dataclass(frozen=True, slots=True)
class _Group:
    """A group of merged mentions, as ``_merge_short_forms`` weighs it."""

    root: int
    names: tuple[tuple[str, ...], ...]  # the distinct names, in the order of their mentions
    label: str  # the majority label (``_majority_label``)
    gaz: str | None  # the first gazetteer id among the mentions
    body_first: int | None  # where the first mention after the headline starts; None if none
    after_the: bool  # every mention after the headline follows a lower-case "the "


@dataclass(frozen=True, slots=True)
class _LongNames:
    """The groups named in two words or more, by the one-word short forms they may take."""

    words: dict[str, list[int]]  # a capitalised word -> the organisations named with it
    acronyms: dict[str, list[int]]  # an acronym -> the groups whose names it abbreviates


def _cluster(ms: list[_Mention], text: str) -> list[list[int]]:
    """Group the mentions (sorted by start) that name one referent, in order of first mention.

    Four merges, each over the groups the ones before it leave: ``_merge_same_names``,
    ``_merge_fuller_names``, ``_merge_bare_names`` (the given names and surnames sorted out by
    ``_kinds``) and ``_merge_short_forms``.
    """
    uf = _Clusters(len(ms))
    kinds = _kinds(ms)
    _merge_same_names(ms, kinds, uf)
    _merge_fuller_names(ms, kinds, uf)
    _merge_bare_names(ms, kinds, uf)
    _merge_short_forms(ms, text, uf)
    return sorted(uf.groups().values(), key=lambda g: min(ms[k].start for k in g))


def _kinds(ms: Sequence[_Mention]) -> _Kinds:
    """Sort out the bare names: the one-word names that may be part of a person's full name.

    A one-word name outside the gazetteer is bare when the model calls it a person, or when it
    is the given name or surname of a person the article names in full, whatever its type:
    "Okafor" after "Maria Okafor", even where the model calls it an organisation (invented).
    """
    people = [m.toks for m in ms if m.label in _PERSONISH and len(m.toks) > 1]
    person_names = {t[-1] for t in people} | {t[0] for t in people}
    bare = tuple(
        k
        for k, m in enumerate(ms)
        if len(m.toks) == 1
        and m.gaz is None
        and (m.label in _PERSONISH or m.toks[0] in person_names)
    )
    is_bare = set(bare)
    full = tuple(k for k in range(len(ms)) if k not in is_bare)
    persons = tuple(k for k in full if ms[k].label in _PERSONISH and len(ms[k].toks) > 1)
    orgs = tuple(
        k for k in full if ms[k].label in _ORGISH and len(ms[k].toks) > 1 and not ms[k].gaz
    )
    return _Kinds(bare, full, persons, orgs)


def _merge_same_names(ms: Sequence[_Mention], kinds: _Kinds, uf: _Clusters) -> None:
    """Merge the full mentions that share an identity.

    The same name with or without a title, "the" or a possessive ("Nordfrakt Holdings' board",
    "Mr Okafor"), a gazetteer alias set ("UK", "Britain"), a group in the singular and the
    plural ("a Peruvian firm", "Peruvians", ``_group_name``), and a party with a lower-case
    head and its bare name ("the Republican party", "Republicans", ``_party_idents``).
    (Invented sentences.)
    """
    for k in kinds.full:
        m = ms[k]
        for ident in (m.key, f"gaz:{m.gaz}" if m.gaz else "", _group_name(m), *_party_idents(m)):
            if ident:
                uf.join(ident, k)


def _merge_fuller_names(ms: Sequence[_Mention], kinds: _Kinds, uf: _Clusters) -> None:
    """Merge a person's name with a fuller form of it: the same first and last word.

    "Ana Ruiz" and "Ana María Ruiz", "Tom Baker" and "Tom J. Baker" (invented).
    """
    for a in kinds.persons:
        for b in kinds.persons:
            ta, tb = ms[a].toks, ms[b].toks
            if len(ta) < len(tb) and ta[0] == tb[0] and ta[-1] == tb[-1]:
                uf.union(a, b)


def _merge_bare_names(ms: Sequence[_Mention], kinds: _Kinds, uf: _Clusters) -> None:
    """Merge each bare given name or surname with the person it names (``_owners``).

    "Okafor" joins "Maria Okafor". When two people share it ("Maria Okafor ... Ben Okafor ...
    Okafor said"; invented) it goes to the nearest full mention before it, or, with none before
    it, stays alone; a bare name that is nobody's part merges with the same bare name.
    """
    for k in kinds.bare:
        owners = _owners(ms, k, kinds, uf)
        if not owners:
            uf.join(ms[k].key, k)
        elif (f := _nearest_owner(ms, k, owners)) is not None:
            uf.union(k, f)


def _owners(ms: Sequence[_Mention], k: int, kinds: _Kinds, uf: _Clusters) -> dict[int, list[int]]:
    """Return the full names whose surname (else given name) is bare name ``k``, by group.

    A bare name the model calls a person may also find a full name it typed otherwise: "Okafor"
    for "Maria Okafor" tagged ORG (invented).
    """
    word = ms[k].toks[0]
    pools = [kinds.persons] + ([kinds.orgs] if ms[k].label in _PERSONISH else [])
    for pool in pools:
        for pos in (-1, 0):
            owners: dict[int, list[int]] = defaultdict(list)
            for f in pool:
                if ms[f].toks[pos] == word:
                    owners[uf.find(f)].append(f)
            if owners:
                return owners
    return {}


def _nearest_owner(ms: Sequence[_Mention], k: int, owners: dict[int, list[int]]) -> int | None:
    """Return the full mention bare name ``k`` joins: its one owner's, else the nearest before.

    "Maria Okafor met Ben Okafor. Okafor said" (invented): "Okafor" is Ben; with no full mention
    before it, a shared surname names no one (None).
    """
    if len(owners) == 1:
        return next(iter(owners.values()))[0]
    before = [f for fs in owners.values() for f in fs if ms[f].start < ms[k].start]
    return max(before, key=lambda f: ms[f].start) if before else None


def _merge_short_forms(ms: Sequence[_Mention], text: str, uf: _Clusters) -> None:
    """Merge a group named in one word only with the long name it is short for.

    An acronym (``_expansion``: "the NFA" for "the Nordic Freight Association") or one word of
    an organisation's name (``_long_form``: "the Authority" after "the Tromsø Harbour
    Authority"); invented examples. A name in the gazetteer takes no acronym here: the
    gazetteer's alias sets already hold the ones it has.
    """
    groups = _groups(ms, text, uf)
    long_names = _long_names(groups)
    by_root = {g.root: g for g in groups}
    for g in groups:
        if any(len(t) > 1 for t in g.names):
            continue
        full = _expansion(g, long_names, by_root)
        if full is None:
            full = _long_form(g, long_names, by_root)
        elif full.gaz is not None:
            continue
        if full is not None:
            uf.union(g.root, full.root)


def _groups(ms: Sequence[_Mention], text: str, uf: _Clusters) -> list[_Group]:
    """Describe the groups the merges so far have made (see ``_Group``).

    A headline says "Bank" for short, so where a group is first named is taken after it.
    """
    title_end = _title_end(text)
    out = []
    for root, members in uf.groups().items():
        body = [ms[k].start for k in members if ms[k].start >= title_end]
        out.append(
            _Group(
                root,
                tuple(dict.fromkeys(ms[k].toks for k in members)),  # ordered: hash-seed free
                _majority_label([ms[k] for k in members]),
                next((ms[k].gaz for k in members if ms[k].gaz), None),
                min(body, default=None),
                all(text[max(0, s - 4) : s] == "the " for s in body),
            )
        )
    return out


def _long_names(groups: Sequence[_Group]) -> _LongNames:
    """Index the groups' names of two words or more by the short forms they may take.

    Every capitalised word but "of", "the" and the like of an organisation's name ("Harbour",
    "Authority" of "the Tromsø Harbour Authority"), and the acronyms of any name
    (``_initials``: "TNHA", "THA"); invented examples.
    """
    words: dict[str, list[int]] = defaultdict(list)
    acronyms: dict[str, list[int]] = defaultdict(list)
    for g in groups:
        for toks in g.names:
            if len(toks) < 2:
                continue
            if g.label in _ORGISH:
                for w in dict.fromkeys(toks):
                    if w[:1].isupper() and w.lower() not in _MINOR and g.root not in words[w]:
                        words[w].append(g.root)
            for abbr in _initials(toks):
                if g.root not in acronyms[abbr]:
                    acronyms[abbr].append(g.root)
    return _LongNames(dict(words), dict(acronyms))


def _expansion(g: _Group, long_names: _LongNames, by_root: dict[int, _Group]) -> _Group | None:
    """Return the group whose long name the one-word group ``g`` abbreviates, if only one's.

    An acronym of two to six capitals, full stops aside: "the NFA", "the N.F.A." for "the
    Nordic Freight Association" (invented).
    """
    bare = g.names[0][0].replace(".", "")
    roots = long_names.acronyms.get(bare, [])
    if bare.isupper() and 2 <= len(bare) <= 6 and len(roots) == 1:
        return by_root[roots[0]]
    return None


def _long_form(g: _Group, long_names: _LongNames, by_root: dict[int, _Group]) -> _Group | None:
    """Return the organisation the one-word group ``g`` names for short, if it names one.

    A word of one organisation's name, for a group that is no nationality or place and not in
    the gazetteer. It joins when the model calls it an organisation and the full name comes
    first in the body ("the Tromsø Harbour Authority ... the Authority"), or when the article
    writes it after "the" every time ("the Labs" for "Nordic Media Labs"); invented examples.
    """
    if g.gaz is not None or g.label in ("NORP", "GPE", "LOC"):
        return None
    roots = long_names.words.get(g.names[0][0], [])
    if len(roots) != 1:
        return None
    full = by_root[roots[0]]
    if (g.label in _ORGISH and _named_before(full, g)) or (
        g.after_the and g.body_first is not None
    ):
        return full
    return None


def _named_before(a: _Group, b: _Group) -> bool:
    """Tell whether the body (after the headline) names group ``a`` before group ``b``."""
    return a.body_first is not None and (b.body_first is None or a.body_first < b.body_first)


def _canonical(text: str, ms: Sequence[_Mention]) -> str:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    size: dict[str, int] = {}
    for m in sorted(ms, key=lambda m: m.start):
        name = " ".join(text[m.start : m.end].split())
        counts[name] += 1
        first.setdefault(name, m.start)
        size[name] = len(m.toks)
    return max(
        counts,
        key=lambda n: (size[n], not n.replace(".", "").isupper(), len(n), counts[n], -first[n]),
    )


def extract_entities(
    doc: Doc,
    *,
    labels: Iterable[str] = DEFAULT_LABELS,
    sentences: Sequence[tuple[int, int, float, float]] | None = None,
    recover: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Entity]:
    """Return the article's entities, aliases merged, most salient first.

    Parameters
    ----------
    doc
        A ``Doc`` with entity spans (``doc.ents``) set.
    labels
        Entity types to keep (OntoNotes labels). :data:`DEFAULT_LABELS` by default; add
        :data:`EXTRA_LABELS` (PRODUCT, EVENT, WORK_OF_ART) to keep products, events and works,
        whose titles are never split or trimmed inside ("Shaun of the Dead"). The small English
        model finds these far less reliably than people, organisations and places.
    sentences
        ``(start, end, polarity, subjectivity)`` per sentence, as the sentiment stage stores
        them; a mention takes its sentence's sentiment. Without them sentence boundaries come
        from the ``Doc`` and mentions carry no sentiment.
    recover
        Also find further mentions of names the article uses that the NER missed.
    threshold
        Polarity beyond which a sentiment is labelled positive or negative.

    Examples
    --------
    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = nlp("Gordon Brown spoke. Mr Brown said the UK and Britain agree.")
    >>> doc.ents = [doc.char_span(0, 12, "PERSON"), doc.char_span(23, 28, "PERSON"),
    ...             doc.char_span(38, 40, "GPE", span_id="united kingdom"),
    ...             doc.char_span(45, 52, "GPE", span_id="united kingdom")]
    >>> [(e.name, e.label, [m.text for m in e.mentions]) for e in extract_entities(doc)]
    [('Gordon Brown', 'PERSON', ['Gordon Brown', 'Brown']), ('Britain', 'GPE', ['UK', 'Britain'])]

    """
    text = doc_text(doc)
    kept = frozenset(labels)
    columns = TokenColumns.of(doc)
    ms = _collect(doc, kept, columns)
    if recover and ms:
        ms.extend(_recover(doc, ms, columns))
    if not ms:
        return []
    _hints(doc, ms, kept)
    ms.sort(key=lambda m: m.start)
    places = _places(doc, text, sentences, threshold)
    # most mentions first, then first named first (a group's indices ascend with the starts)
    groups = sorted(_cluster(ms, text), key=lambda g: (-len(g), ms[g[0]].start))
    return [
        _entity(f"e{i}", text, [ms[k] for k in group], places, threshold)
        for i, group in enumerate(groups)
    ]


@dataclass(frozen=True, slots=True)
class _Places:
    """Where a mention sits in the article, and the sentiment of each sentence."""

    sentences: tuple[int, ...]  # start offsets of the sentences
    tones: tuple[Sentiment | None, ...]  # each sentence's sentiment, None when not measured
    paragraphs: tuple[int, ...]  # start offsets of the paragraphs


def _places(
    doc: Doc, text: str, sentences: Sequence[tuple[int, int, float, float]] | None, threshold: float
) -> _Places:
    """Return the sentences (the sentiment stage's, else the ``Doc``'s) and the paragraphs."""
    paragraphs = tuple(paragraph_starts(text))
    if sentences is None:
        starts = tuple(s for s, _ in sentence_bounds(doc))
        return _Places(starts, (None,) * len(starts), paragraphs)
    tones = tuple(Sentiment(s[2], label_for(s[2], threshold)) for s in sentences)
    return _Places(tuple(s[0] for s in sentences), tones, paragraphs)


def _mention(text: str, m: _Mention, places: _Places) -> Mention:
    """Return a mention's record: its sentence, its paragraph and its sentence's sentiment."""
    si = sentence_index(places.sentences, m.start) if places.sentences else 0
    tone = places.tones[si] if places.sentences else None
    para = sentence_index(places.paragraphs, m.start)
    return Mention(m.start, m.end, text[m.start : m.end], si, para, tone)


def _entity(
    eid: str, text: str, gms: Sequence[_Mention], places: _Places, threshold: float
) -> Entity:
    """Return the record of one group of mentions (sorted by start).

    Its name is the fullest proper name used (``_canonical``), its label the majority label, its
    key the gazetteer id or the name's key, its sentiment the mean of its mentions'.
    """
    mentions = tuple(_mention(text, m, places) for m in gms)
    name = _canonical(text, gms)
    gaz = next((m.gaz for m in gms if m.gaz), None)
    pols = [m.sentiment.polarity for m in mentions if m.sentiment is not None]
    sentiment = None
    if pols:
        mean = round(sum(pols) / len(pols), 4)
        sentiment = Sentiment(mean, label_for(mean, threshold))
    return Entity(eid, name, _majority_label(gms), gaz or name_key(name), mentions, sentiment)
