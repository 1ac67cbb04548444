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
2. ``_recover``: further mentions of names the article uses that the NER missed.
3. ``_hints``: the type evidence each mention's context gives: an honorific ("Mr Nordfrakt"),
   an apposition with an organisation noun ("the shipping group Nordfrakt"), a possessive of a
   corporate role ("Nordfrakt's chairman"), an organisation word inside the name ("... Group").
4. ``_cluster``: aliases merged (a group in the singular and the plural is one entity:
   "Peruvian", "Peruvians"); ``_majority_label`` then weighs the NER's label votes over all
   mentions together with those hints, a bare surname voting as the full name it belongs to.

Labels: :data:`DEFAULT_LABELS` are the five types most news analysis asks for; PRODUCT, EVENT
and WORK_OF_ART (:data:`EXTRA_LABELS`) are available through ``labels=``, off by default
because the small English model finds them far less reliably.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ._doc import doc_text, paragraph_starts, sentence_bounds, sentence_index
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


def _is_name_token(tok: Token) -> bool:
    return bool(tok.text[:1].isupper() or tok.text[:1].isdigit())


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


def _brand_clitics(doc: Doc) -> frozenset[int]:
    """Token indices of the "'s" that belong to a possessive brand name ("Sainsbury's").

    A name is a possessive brand when the article writes "X's" where no possessed noun follows
    ("shops like Sainsbury's, Tesco", "Lloyd's of London", "at Sotheby's.") and never writes X
    without the "'s". "Nordfrakt's chairman" alone is a possessive, not a brand.
    """
    stems: dict[str, list[int]] = defaultdict(list)
    evidence: set[str] = set()
    bare: set[str] = set()
    n = len(doc)
    for t in doc:
        if t.text in ("'s", "’s") and t.i > 0 and not doc[t.i - 1].whitespace_:
            stem = doc[t.i - 1]
            if not stem.text[:1].isupper():
                continue
            stems[stem.text].append(t.i)
            nxt = doc[t.i + 1] if t.i + 1 < n else None
            if (
                nxt is None
                or "\n" in nxt.text
                or (nxt.is_punct and nxt.text not in _HYPHENS)
                or nxt.lower_ in ("and", "or", "&")
                or (nxt.lower_ == "of" and t.i + 2 < n and doc[t.i + 2].text[:1].isupper())
            ):
                evidence.add(stem.text)
        elif t.text[:1].isupper() and (t.i + 1 >= n or doc[t.i + 1].text not in _POSSESSIVE):
            bare.add(t.text)
    return frozenset(i for stem in evidence - bare for i in stems[stem])


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


def _trim(
    toks: list[Token], label: str, brands: frozenset[int] = frozenset(), heads: bool = False
) -> tuple[int, int, tuple[str, ...]] | None:
    """Token range of the name inside an entity span, and the name words used for matching.

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
    return toks[0].i, toks[-1].i + 1, names or (words[-1],)


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


def _collect(doc: Doc, labels: frozenset[str]) -> list[_Mention]:
    out = []
    ents = [e for e in doc.ents if e.label_ in labels]
    known = _known_names(ents)
    brands = _brand_clitics(doc)
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
            trimmed = _trim(part, ent.label_, brands, heads)
            if trimmed is None:
                continue
            i, j, names = trimmed
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


def _recover(doc: Doc, found: list[_Mention]) -> list[_Mention]:
    """Find further mentions of names the article already uses, where the NER missed them."""
    covered = bytearray(len(doc))
    retypable: dict[
        int, int
    ] = {}  # start -> end of entities of a type not kept ("Connors" PRODUCT)
    for ent in doc.ents:
        covered[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        if ent.label_ in _RETYPABLE:
            retypable[ent.start] = ent.end
    forms: dict[tuple[str, ...], tuple[str, str | None]] = {}
    person_parts: dict[str, str] = {}
    for m in found:
        if all(t[:1].isupper() or t[:1].isdigit() for t in m.toks):
            forms.setdefault(m.toks, (m.label, m.gaz))
        if m.label in _PERSONISH and len(m.toks) > 1:
            for part in (m.toks[0], m.toks[-1]):
                if part[:1].isupper() and len(part) > 1 and part not in TITLES:
                    person_parts.setdefault(part, "PERSON")
    for part, label in person_parts.items():
        forms.setdefault((part,), (label, None))
    for m in found:  # acronyms of organisation names: "Financial Times" -> "FT"
        if m.label in _ORGISH and len(m.toks) > 1:
            for abbr in _initials(m.toks):
                forms.setdefault((abbr,), (m.label, None))
    if not forms:
        return []
    longest = 3 * max(len(f) for f in forms)  # tokens: a hyphenated word is three
    lowered = {w.lower() for w in doc_text(doc).split() if w.islower()}
    out: list[_Mention] = []
    i, n = 0, len(doc)
    while i < n:
        if i in retypable:
            key = _words(doc[i : retypable[i]])
            if key in forms:
                label, gaz = forms[key]
                j = retypable[i]
                out.append(
                    _Mention(
                        doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), label, key, gaz, "alias"
                    )
                )
                i = j
                continue
        if covered[i] or not _is_name_token(doc[i]) or _glued(doc[i]):
            i += 1
            continue
        hit = None
        for size in range(min(longest, n - i), 0, -1):
            if any(covered[i : i + size]) or _cut_name(doc, i + size):
                continue
            key = _words(doc[i : i + size])
            if key in forms:
                hit = (size, forms[key])
                break
        if hit is None:
            i += 1
            continue
        size, (label, gaz) = hit
        tok = doc[i]
        # a single word counts if tagged a proper noun, or capitalised mid-sentence, or (at the
        # start of a sentence or headline) if the article never writes it in lower case
        if size == 1 and not (
            tok.pos_ == "PROPN"
            or (not tok.is_sent_start and tok.is_title)
            or (tok.is_title and tok.lower_ not in lowered)
        ):
            i += 1
            continue
        j = i + size
        if label in _PERSONISH:  # "Xi" + "Jinping": take the rest of the name along
            while j < n and not covered[j] and doc[j].pos_ == "PROPN" and doc[j].is_title:
                j += 1
        toks = _words(doc[i:j])
        out.append(
            _Mention(doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), label, toks, gaz, "alias")
        )
        covered[i:j] = b"\x01" * (j - i)
        i = j
    return out


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
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

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


def _cluster(ms: list[_Mention], text: str) -> list[list[int]]:
    uf = _Clusters(len(ms))
    title_end = _title_end(text)
    person_names = {m.toks[-1] for m in ms if m.label in _PERSONISH and len(m.toks) > 1}
    person_names |= {m.toks[0] for m in ms if m.label in _PERSONISH and len(m.toks) > 1}

    def is_short(m: _Mention) -> bool:
        return (
            len(m.toks) == 1
            and m.gaz is None
            and (m.label in _PERSONISH or m.toks[0] in person_names)
        )

    short = [k for k, m in enumerate(ms) if is_short(m)]
    short_set = set(short)
    full = [k for k in range(len(ms)) if k not in short_set]
    # 1. the same name, or the same gazetteer alias set, or a party and its bare name
    first_of: dict[str, int] = {}
    for k in full:
        m = ms[k]
        for ident in (m.key, f"gaz:{m.gaz}" if m.gaz else "", _group_name(m), *_party_idents(m)):
            if not ident:
                continue
            if ident in first_of:
                uf.union(first_of[ident], k)
            else:
                first_of[ident] = k
    # 2. a shorter full name inside a longer one ("George Bush" in "George W Bush")
    persons = [k for k in full if ms[k].label in _PERSONISH and len(ms[k].toks) > 1]
    orgs = [k for k in full if ms[k].label in _ORGISH and len(ms[k].toks) > 1 and not ms[k].gaz]
    for a in persons:
        for b in persons:
            ta, tb = ms[a].toks, ms[b].toks
            if len(ta) < len(tb) and ta[0] == tb[0] and ta[-1] == tb[-1]:
                uf.union(a, b)
    # 3. surnames and given names -> the person, nearest preceding full mention if ambiguous
    for k in short:
        tok = ms[k].toks[0]
        cands: dict[int, list[int]] = defaultdict(list)
        # surname first, then given name; a PERSON-tagged surname may also find a full name
        # the NER typed otherwise ("JP McManus" tagged ORG)
        pools = [persons] + ([orgs] if ms[k].label in _PERSONISH else [])
        for pool in pools:
            for pos in (-1, 0):
                for f in pool:
                    if ms[f].toks[pos] == tok:
                        cands[uf.find(f)].append(f)
                if cands:
                    break
            if cands:
                break
        if len(cands) == 1:
            uf.union(k, next(iter(cands.values()))[0])
        elif cands:
            before = [f for fs in cands.values() for f in fs if ms[f].start < ms[k].start]
            if before:
                uf.union(k, max(before, key=lambda f: ms[f].start))
        else:
            ident = ms[k].key
            if ident in first_of:
                uf.union(first_of[ident], k)
            else:
                first_of[ident] = k
    # 4. organisation short forms after the full form, and acronyms
    groups = uf.groups()
    multi: dict[str, list[int]] = defaultdict(list)  # word -> multi-word ORG roots
    acro: dict[str, list[int]] = defaultdict(list)
    # where each group is first named after the headline (a headline says "Bank" for short)
    body_first = {
        r: min((ms[k].start for k in g if ms[k].start >= title_end), default=len(text))
        for r, g in groups.items()
    }
    for root, members in groups.items():
        names = list(dict.fromkeys(ms[k].toks for k in members))  # ordered: hash-seed free
        label = _majority_label([ms[k] for k in members])
        for toks in names:
            if len(toks) > 1:
                if label in _ORGISH:
                    for w in dict.fromkeys(toks):
                        if w[:1].isupper() and w.lower() not in _MINOR and root not in multi[w]:
                            multi[w].append(root)
                for abbr in _initials(toks):
                    if root not in acro[abbr]:
                        acro[abbr].append(root)
    gaz_of = {r: next((ms[k].gaz for k in g if ms[k].gaz), None) for r, g in groups.items()}
    for root, members in groups.items():
        names = list(dict.fromkeys(ms[k].toks for k in members))  # ordered: hash-seed free
        if any(len(t) > 1 for t in names):
            continue
        (word,) = next(iter(names))
        label = _majority_label([ms[k] for k in members])
        target: int | None = None
        bare = word.replace(".", "")
        if bare.isupper() and 2 <= len(bare) <= 6 and len(acro.get(bare, [])) == 1:
            # "BCC" (gazetteer) also joins "British Chamber of Commerce" (not in it)
            if gaz_of[acro[bare][0]] is None:
                target = acro[bare][0]
        elif gaz_of[root] is not None:
            continue
        elif label not in ("NORP", "GPE", "LOC") and len(multi.get(word, [])) == 1:
            # "the Bank" after "the Bank of England"; "the Labs" for "Media Labs Europe"
            cand = multi[word][0]
            after_the = all(
                text[max(0, ms[k].start - 4) : ms[k].start] == "the "
                for k in members
                if ms[k].start >= title_end
            )
            if (label in _ORGISH and body_first[cand] < body_first[root]) or (
                after_the and body_first[root] < len(text)
            ):
                target = cand
        if target is not None and target != root:
            uf.union(root, target)
    return sorted(uf.groups().values(), key=lambda g: min(ms[k].start for k in g))


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
    ms = _collect(doc, kept)
    if recover and ms:
        ms.extend(_recover(doc, ms))
    if not ms:
        return []
    _hints(doc, ms, kept)
    ms.sort(key=lambda m: m.start)
    if sentences is None:
        starts = [s for s, _ in sentence_bounds(doc)]
        scores: list[tuple[float, str] | None] = [None] * len(starts)
    else:
        starts = [s[0] for s in sentences]
        scores = [(s[2], label_for(s[2], threshold)) for s in sentences]
    paras = paragraph_starts(text)
    drafts = []
    for group in _cluster(ms, text):
        gms = [ms[k] for k in group]
        mentions = []
        for m in gms:
            si = sentence_index(starts, m.start) if starts else 0
            sc = scores[si] if starts else None
            mentions.append(
                Mention(
                    m.start,
                    m.end,
                    text[m.start : m.end],
                    si,
                    sentence_index(paras, m.start),
                    None if sc is None else Sentiment(sc[0], sc[1]),
                )
            )
        name = _canonical(text, gms)
        gaz = next((m.gaz for m in gms if m.gaz), None)
        pols = [m.sentiment.polarity for m in mentions if m.sentiment is not None]
        sentiment = None
        if pols:
            mean = round(sum(pols) / len(pols), 4)
            sentiment = Sentiment(mean, label_for(mean, threshold))
        drafts.append(
            (name, _majority_label(gms), gaz or name_key(name), tuple(mentions), sentiment)
        )
    drafts.sort(key=lambda d: (-len(d[3]), d[3][0].start_char))
    return [
        Entity(f"e{i}", name, label, key, mentions, sentiment)
        for i, (name, label, key, mentions, sentiment) in enumerate(drafts)
    ]
