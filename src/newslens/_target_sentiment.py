"""Sentiment toward each mention, an article-level portrayal of each entity, quote tone.

The stages, each a short function:

1. **mark the target** — :func:`target_features`: the mention's sentence as lower-cased words
   with the mention replaced by one marker token, the words just left and right of it as
   features of their own, and a few features of its place in the parse
   (its dependency relation, the predicate it is an argument of, a negation of that predicate,
   adjectives on it).
2. **classify** — :func:`classify`: a bag-of-words spaCy ``textcat`` (exclusive classes
   negative / neutral / positive) trained on NewsMTSC with the target marked that way
   (``models/sentiment``); polarity = P(positive) − P(negative), in [−1, 1], averaged with
   the sign of a praising or criticising verb the target is the object of
   (:func:`verb_polarity`, :data:`EVALUATIVE_VERBS`).
3. **label** — :func:`label_mention`: thresholds on that polarity chosen on training data.
4. **aggregate** — :func:`aggregate`: how the article portrays the entity, a weighted mean of
   its mentions' polarities (weights: how directly the mention is an argument, the headline and
   first paragraph, the classifier's confidence) together with the tone of quotes that name it.

:func:`scoped_polarity` is the rule-based alternative measured against the classifier
(TextBlob over the clause the mention is an argument of, negation flipped); see the model card
``models/sentiment/README.md`` for the numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from textblob.en import sentiment as _pattern

from ._records import Sentiment
from ._sentiment import label_for

__all__ = [
    "DEFAULT_METHOD",
    "TARGET",
    "AggregateWeights",
    "MentionScore",
    "TargetSentimentComponent",
    "aggregate",
    "classify",
    "combine",
    "entity_sentiments",
    "is_direct",
    "label_mention",
    "load_classifier",
    "make_target_sentiment",
    "scoped_polarity",
    "target_features",
    "thresholds",
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
#: Words either side of the target that are also features of their own (``L:``/``R:``).
WINDOW = 4
#: The method the Analyzer uses by default.
DEFAULT_METHOD = "textcat"

_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "obj", "iobj", "attr", "dative", "agent", "pobj", "oprd"}
)
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


#: Verbs that praise (+1) or criticise (-1) their object: "critics slammed X", "X was hailed".
#: The bag-of-words classifier sees a sentence's words whichever target they are about; when the
#: target is the object of one of these verbs the verb's sign is averaged into its polarity.
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


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def target_features(span: Span) -> list[str]:
    """Return the classifier's input for a target ``span``: marked words and parse features.

    >>> import spacy
    >>> doc = spacy.blank("en")("Critics slammed Smith .")
    >>> target_features(doc[2:3])
    ['critics', 'slammed', '<target>', '.', 'L:critics', 'L:slammed', 'R:.']
    """
    words: list[str] = []
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    for tok in sent:
        if span.start <= tok.i < span.end:
            if tok.i == span.start:
                words.append(TARGET)
        elif not tok.is_space:
            words.append(tok.lower_)
    doc = span.doc
    left = doc[max(sent.start, span.start - WINDOW) : span.start]
    right = doc[span.end : min(sent.end, span.end + WINDOW)]
    words.extend(f"L:{t.lower_}" for t in left if not t.is_space)
    words.extend(f"R:{t.lower_}" for t in right if not t.is_space)
    if not span.doc.has_annotation("DEP"):
        return words
    root = span.root
    words.append(f"dep={root.dep_.lower()}")
    pred = _predicate(root)
    if pred is not None:
        words.append(f"pred={pred.lemma_.lower()}")
        if _negated(pred):
            words.append("pred=neg")
    words.extend(f"mod={c.lemma_.lower()}" for c in root.children if c.dep_ in ("amod", "appos"))
    return words


@cache
def load_classifier() -> Language:
    """Load the trained target-sentiment ``textcat`` once from ``newslens/models/sentiment``.

    Returns a blank English pipeline holding only the ``textcat`` component.
    """
    import spacy

    nlp = spacy.blank("en")
    textcat: Any = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    node = resources.files("newslens.models").joinpath("sentiment", "textcat.bin")
    textcat.from_bytes(node.read_bytes(), exclude=["vocab"])
    return nlp


@cache
def thresholds() -> tuple[float, float]:
    """Polarity thresholds ``(negative below -t_neg, positive above t_pos)``, from training."""
    node = resources.files("newslens.models").joinpath("sentiment", "thresholds.json")
    data = json.loads(node.read_text(encoding="utf-8"))
    return float(data["negative"]), float(data["positive"])


def classify(features: Sequence[Sequence[str]], nlp: Language | None = None) -> list[float]:
    """Polarity P(positive) − P(negative) toward the target, one per feature list (one batch)."""
    if not features:
        return []
    nlp = load_classifier() if nlp is None else nlp
    textcat: Any = nlp.get_pipe("textcat")
    docs = [Doc(nlp.vocab, words=list(f) or [TARGET]) for f in features]
    scores = textcat.model.predict(docs)
    labels = list(textcat.labels)
    neg, pos = labels.index("negative"), labels.index("positive")
    return [round(float(row[pos] - row[neg]), 4) for row in scores]


def combine(polarity: float, verb: int) -> float:
    """Average the classifier's polarity with a praising / criticising verb's sign (if any).

    >>> combine(-0.4, 1), combine(-0.4, 0)
    (0.3, -0.4)
    """
    return polarity if verb == 0 else round((polarity + verb) / 2, 4)


def label_mention(polarity: float, cuts: tuple[float, float] | None = None) -> str:
    """Three-way label of a mention polarity with the trained thresholds.

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
    pols = [float(p) for _w, p, _s, _x in _pattern(text).assessments]
    return sum(pols) / len(pols) if pols else 0.0


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
class MentionScore:
    """One mention's evidence for the aggregate: polarity, position, how direct it is."""

    polarity: float
    sentence: int
    paragraph: int
    direct: bool


@dataclass(frozen=True, slots=True)
class AggregateWeights:
    """Weights of the entity aggregate (tuned on the PerSenT tune half, see the model card)."""

    direct: float = 1.0
    indirect: float = 0.5
    lead: float = 2.0
    quote: float = 0.5
    threshold: float = 0.05


def aggregate(
    mentions: Iterable[MentionScore],
    quotes: Iterable[float] = (),
    weights: AggregateWeights = AggregateWeights(),
) -> Sentiment | None:
    """How the article portrays an entity: a weighted mean of its evidence.

    A mention weighs ``direct`` when it is an argument of a predicate (subject, object …),
    else ``indirect``; mentions in the headline or first paragraph (paragraph 0, or the first
    two sentences) weigh ``lead`` times more. Each quote that names the entity (not spoken by it)
    adds its polarity with weight ``quote``. The label uses ``threshold``.

    >>> aggregate([MentionScore(0.8, 0, 0, True), MentionScore(-0.2, 5, 3, False)])
    Sentiment(polarity=0.6, label='positive', subjectivity=None)
    >>> aggregate([]) is None
    True
    """
    total = weight = 0.0
    for m in mentions:
        w = weights.direct if m.direct else weights.indirect
        if m.paragraph == 0 or m.sentence < 2:
            w *= weights.lead
        total += w * m.polarity
        weight += w
    for q in quotes:
        total += weights.quote * q
        weight += weights.quote
    if weight == 0.0:
        return None
    polarity = round(total / weight, 4)
    return Sentiment(polarity, label_for(polarity, weights.threshold))


def is_direct(span: Span) -> bool:
    """Whether the mention is an argument of a predicate rather than a modifier of a noun."""
    if not span.doc.has_annotation("DEP"):
        return True
    return span.root.dep_ in _ARGUMENT_DEPS or span.root.dep_ == "ROOT"


def _spans(doc: Doc, entities: Sequence[Mapping[str, Any]]) -> list[list[Span | None]]:
    return [
        [
            doc.char_span(m["start_char"], m["end_char"], alignment_mode="expand")
            for m in e.get("mentions", ())
        ]
        for e in entities
    ]


def entity_sentiments(
    doc: Doc,
    entities: Sequence[Mapping[str, Any]],
    quotes: Sequence[Mapping[str, Any]] = (),
    *,
    method: str = "textcat",
    weights: AggregateWeights = AggregateWeights(),
) -> list[dict[str, Any]]:
    """Return ``entities`` (``Entity.to_dict()`` forms) with mention and entity sentiment set.

    ``method`` is ``"textcat"`` (the trained classifier) or ``"scoped"`` (TextBlob over the
    mention's clause, labelled with the default threshold).
    """
    spans = _spans(doc, entities)
    flat = [s for row in spans for s in row if s is not None]
    if method == "textcat":
        scored = classify([target_features(s) for s in flat])
        pols = iter([combine(p, verb_polarity(s)) for p, s in zip(scored, flat, strict=True)])
    elif method == "scoped":
        pols = iter([scoped_polarity(s) for s in flat])
    else:
        raise ValueError(f"method must be 'textcat' or 'scoped', got {method!r}")
    out: list[dict[str, Any]] = []
    for ent, row in zip(entities, spans, strict=True):
        mentions: list[dict[str, Any]] = []
        evidence: list[MentionScore] = []
        for m, span in zip(ent.get("mentions", ()), row, strict=True):
            if span is None:
                mentions.append(dict(m))
                continue
            pol = next(pols)
            label = label_mention(pol) if method == "textcat" else label_for(pol)
            mentions.append({**m, "sentiment": {"polarity": pol, "label": label}})
            evidence.append(
                MentionScore(pol, m["sentence"], m.get("paragraph", 0), is_direct(span))
            )
        about = [
            _textblob(q["text"])
            for q in quotes
            if q.get("speaker_entity") != ent["id"]
            and any(
                q["start_char"] <= m["start_char"] < q["end_char"] for m in ent.get("mentions", ())
            )
        ]
        agg = aggregate(evidence, about, weights)
        out.append(
            {**ent, "mentions": mentions, "sentiment": None if agg is None else agg.to_dict()}
        )
    return out


class TargetSentimentComponent:
    """Mention and entity sentiment toward the entity; rewrites ``doc._.newslens_entities``.

    Runs after ``newslens_entities`` and ``newslens_quotes`` (quotes that name an entity count
    in its aggregate).
    """

    def __init__(self, nlp: Language, name: str, *, method: str) -> None:
        if method not in ("textcat", "scoped"):
            raise ValueError(f"method must be 'textcat' or 'scoped', got {method!r}")
        self.name = name
        self.method = method
        if method == "textcat":
            load_classifier()  # load once, when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        """Score every mention toward its entity and aggregate per entity."""
        entities = doc._.newslens_entities
        if entities:
            doc._.newslens_entities = entity_sentiments(
                doc, entities, doc._.newslens_quotes or (), method=self.method
            )
        return doc


@Language.factory(
    "newslens_target_sentiment",
    default_config={"method": DEFAULT_METHOD},
    assigns=["doc._.newslens_entities"],
    requires=["doc._.newslens_entities", "token.dep"],
)
def make_target_sentiment(nlp: Language, name: str, method: str) -> TargetSentimentComponent:
    """Create the ``newslens_target_sentiment`` component."""
    return TargetSentimentComponent(nlp, name, method=method)
