import json

import pytest

from newslens import Article, Entity, Figure, Mention, Quote, Sentence, Sentiment

POS = Sentiment(0.2, "positive")


def make_article() -> Article:
    mention = Mention(210, 220, "Xi Jinping", 3, 1, POS)
    return Article(
        id="business/012.txt",
        title="T",
        sentiment=Sentiment(0.08, "positive", 0.41),
        entities=(Entity("e0", "Xi Jinping", "PERSON", "xi jinping", (mention,), POS),),
        quotes=(
            Quote(
                "This result",
                3001,
                3012,
                "direct",
                "Lu Gang",
                "e7",
                3127,
                3129,
                "said",
                Sentiment(0.0, "neutral", 0.2),
            ),
        ),
        figures=(Figure("$70 billion", 890, 901, "money", 7e10, "USD", False, 6, ("e3",)),),
        sentences=(Sentence(0, 10, Sentiment(0.0, "neutral", 0.0)),),
        meta={"section": "world"},
    )


def test_to_dict_has_the_contract_fields():
    d = make_article().to_dict()
    for key in (
        "id",
        "title",
        "published",
        "source",
        "url",
        "sentiment",
        "entities",
        "quotes",
        "figures",
    ):
        assert key in d
    ent = d["entities"][0]
    assert ent["count"] == 1 and ent["key"] == "xi jinping"
    assert ent["sentiment"] == {"polarity": 0.2, "label": "positive"}
    assert ent["mentions"][0]["sentence"] == 3
    assert d["sentiment"] == {"polarity": 0.08, "subjectivity": 0.41, "label": "positive"}
    q = d["quotes"][0]
    assert (q["speaker"], q["speaker_entity"], q["speaker_start_char"]) == ("Lu Gang", "e7", 3127)
    f = d["figures"][0]
    assert (f["value"], f["unit"], f["entities"]) == (7e10, "USD", ["e3"])


def test_round_trip_through_json():
    art = make_article()
    again = Article.from_dict(json.loads(json.dumps(art.to_dict())))
    assert again == art
    assert again.to_dict() == art.to_dict()


def test_records_are_frozen():
    with pytest.raises(AttributeError):
        make_article().entities[0].name = "x"  # type: ignore[misc]


def test_entity_lookup():
    art = make_article()
    assert art.entity("e0") is art.entity("Xi Jinping") is art.entity("xi jinping")
    assert art.entity("nobody") is None
