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
4. **aggregate** — how the article portrays the entity: :func:`evidence` collects what the
   article says about it (its mentions' polarities, the TextBlob tone of the sentences naming
   it, the document's tone, the quotes it speaks), :func:`portrayal_features` turns that into
   a few numbers and :func:`aggregate` applies a small logistic regression over them, fitted
   on articles judged for the author's stance toward their main person
   (``models/sentiment/aggregate.json``, ``models/sentiment/train_aggregate.py``); an entity
   named fewer times than those persons ever are gets its mentions' mean polarity instead.

:func:`scoped_polarity` is the rule-based alternative measured against the classifier
(TextBlob over the clause the mention is an argument of, negation flipped); see the model card
``models/sentiment/README.md`` for the numbers.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ._records import Sentiment
from ._sentiment import assessments, label_for, mean_or_zero

__all__ = [
    "DEFAULT_METHOD",
    "FEATURES",
    "TARGET",
    "DocWords",
    "AggregateModel",
    "EntityEvidence",
    "TargetSentimentComponent",
    "aggregate",
    "classify",
    "combine",
    "entity_sentiments",
    "evidence",
    "find_entity",
    "label_mention",
    "load_aggregate_model",
    "load_classifier",
    "macro_f1",
    "make_target_sentiment",
    "mention_polarities",
    "portrayal_features",
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


@dataclass(frozen=True, slots=True)
class DocWords:
    """A Doc's words as :func:`target_features` reads them, taken from the Doc once.

    ``lower[i]`` is token ``i`` lower-cased (``""`` for a whitespace token) and
    ``sentence_starts`` the first token of each sentence (just ``0`` for an unsegmented Doc),
    so the features of a document's many mentions do not walk its sentences again and again.
    """

    lower: tuple[str, ...]
    sentence_starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Doc) -> DocWords:
        """Read ``doc``'s words and sentence starts."""
        lower = tuple("" if t.is_space else t.lower_ for t in doc)
        if not doc.has_annotation("SENT_START"):
            return cls(lower, (0,))
        return cls(lower, tuple(t.i for t in doc if t.i == 0 or t.is_sent_start))

    def sentence(self, start: int) -> tuple[int, int]:
        """Token bounds of the sentence holding token ``start`` (as ``Span.sent`` gives)."""
        k = bisect_right(self.sentence_starts, start)
        stop = self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.lower)
        return self.sentence_starts[k - 1], stop


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
    out = [w for w in lower[lo : span.start] if w]
    out.append(TARGET)
    out.extend(w for w in lower[span.end : hi] if w)
    left = lower[max(lo, span.start - WINDOW) : span.start]
    right = lower[span.end : min(hi, span.end + WINDOW)]
    out.extend(f"L:{w}" for w in left if w)
    out.extend(f"R:{w}" for w in right if w)
    if not span.doc.has_annotation("DEP"):
        return out
    root = span.root
    out.append(f"dep={root.dep_.lower()}")
    pred = _predicate(root)
    if pred is not None:
        out.append(f"pred={pred.lemma_.lower()}")
        if _negated(pred):
            out.append("pred=neg")
    out.extend(f"mod={c.lemma_.lower()}" for c in root.children if c.dep_ in ("amod", "appos"))
    return out


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


class _InputWords:
    """The vocabulary the classifier's input Docs are built in, renewed when it grows large.

    The bag-of-words model reads only each word's hash, never the vocabulary, so the words of
    millions of articles need not pile up in the classifier's own ``Vocab``: memory stays flat
    over a long batch while the scores stay the same.
    """

    limit = 200_000

    def __init__(self) -> None:
        self._vocab = Vocab()

    def vocab(self) -> Vocab:
        """Return the current input vocabulary (a fresh one once it holds ``limit`` words)."""
        if len(self._vocab) > self.limit:
            self._vocab = Vocab()
        return self._vocab


_INPUT_WORDS = _InputWords()


def classify(features: Sequence[Sequence[str]], nlp: Language | None = None) -> list[float]:
    """Polarity P(positive) − P(negative) toward the target, one per feature list (one batch)."""
    if not features:
        return []
    nlp = load_classifier() if nlp is None else nlp
    textcat: Any = nlp.get_pipe("textcat")
    vocab = _INPUT_WORDS.vocab()
    docs = [Doc(vocab, words=list(f) or [TARGET]) for f in features]
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
) -> EntityEvidence:
    """Collect an entity's evidence from its ``Entity.to_dict()`` form (mention polarities set).

    ``sentences`` holds every sentence's TextBlob ``(polarity, subjectivity)``, indexed as the
    mentions' ``sentence``; ``quotes`` are ``Quote.to_dict()`` forms.

    >>> ent = {"id": "e0", "mentions": [{"sentence": 1, "sentiment": {"polarity": -0.5}}]}
    >>> evidence(ent, [(0.0, 0.0), (-0.3, 0.6)], 0.1, [{"speaker_entity": "e0"}])
    EntityEvidence(mentions=(-0.5,), sentences=((-0.3, 0.6),), document=0.1, quotes_by=1, count=1)
    """
    mentions = list(entity.get("mentions", ()))
    pols = tuple(float(m["sentiment"]["polarity"]) for m in mentions if m.get("sentiment"))
    named = sorted({int(m["sentence"]) for m in mentions})
    sents = tuple(sentences[i] for i in named if 0 <= i < len(sentences))
    by = sum(q.get("speaker_entity") == entity.get("id") for q in quotes)
    return EntityEvidence(pols, sents, float(document), by, len(mentions))


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


def mention_polarities(spans: Sequence[Span], method: str = "textcat") -> list[float]:
    """Stages 1–2 for every mention span of a document at once (one classifier batch)."""
    if method == "textcat":
        words = {id(s.doc): s.doc for s in spans}  # the Docs the spans come from, read once each
        tables = {key: DocWords.of(doc) for key, doc in words.items()}
        scored = classify([target_features(s, tables[id(s.doc)]) for s in spans])
        return [combine(p, verb_polarity(s)) for p, s in zip(scored, spans, strict=True)]
    if method == "scoped":
        return [scoped_polarity(s) for s in spans]
    raise ValueError(f"method must be 'textcat' or 'scoped', got {method!r}")


def entity_sentiments(
    doc: Doc,
    entities: Sequence[Mapping[str, Any]],
    quotes: Sequence[Mapping[str, Any]] = (),
    *,
    sentences: Sequence[tuple[float, float]] = (),
    document: float = 0.0,
    method: str = "textcat",
    model: AggregateModel | None = None,
) -> list[dict[str, Any]]:
    """Return ``entities`` (``Entity.to_dict()`` forms) with mention and entity sentiment set.

    ``method`` is ``"textcat"`` (the trained classifier) or ``"scoped"`` (TextBlob over the
    mention's clause, labelled with the default threshold). ``sentences`` (every sentence's
    TextBlob polarity and subjectivity) and ``document`` (the article's polarity) feed the
    aggregate, with ``quotes`` (``Quote.to_dict()`` forms).
    """
    spans = _spans(doc, entities)
    pols = iter(mention_polarities([s for row in spans for s in row if s is not None], method))
    out: list[dict[str, Any]] = []
    for ent, row in zip(entities, spans, strict=True):
        mentions: list[dict[str, Any]] = []
        for m, span in zip(ent.get("mentions", ()), row, strict=True):
            if span is None:
                mentions.append(dict(m))
                continue
            pol = next(pols)
            label = label_mention(pol) if method == "textcat" else label_for(pol)
            mentions.append({**m, "sentiment": {"polarity": pol, "label": label}})
        scored = {**ent, "mentions": mentions}
        few = label_mention if method == "textcat" else label_for
        agg = aggregate(evidence(scored, sentences, document, quotes), model, few)
        out.append({**scored, "sentiment": None if agg is None else agg.to_dict()})
    return out


class TargetSentimentComponent:
    """Mention and entity sentiment toward the entity; rewrites ``doc._.newslens_entities``.

    Runs after ``newslens_sentiment``, ``newslens_entities`` and ``newslens_quotes``: sentence
    and document tone and the quotes an entity speaks count in its aggregate.
    """

    def __init__(self, nlp: Language, name: str, *, method: str) -> None:
        if method not in ("textcat", "scoped"):
            raise ValueError(f"method must be 'textcat' or 'scoped', got {method!r}")
        self.name = name
        self.method = method
        if method == "textcat":
            load_classifier()  # load once, when the pipeline is built
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
            )
        return doc


@Language.factory(
    "newslens_target_sentiment",
    default_config={"method": DEFAULT_METHOD},
    assigns=["doc._.newslens_entities"],
    requires=["doc._.newslens_entities", "doc._.newslens_sentences", "token.dep"],
)
def make_target_sentiment(nlp: Language, name: str, method: str) -> TargetSentimentComponent:
    """Create the ``newslens_target_sentiment`` component."""
    return TargetSentimentComponent(nlp, name, method=method)
