"""Article records as tidy tables, and back: one row builder per table, one schema per table.

The DataFrames of :class:`~newslens.Corpus` and the Parquet tables ``newslens batch`` writes
share these schemas, so a pandas user and a DuckDB user see the same columns and dtypes:

* ``articles``: one row per article (metadata, document sentiment, counts; plus ``text``,
  ``meta`` and ``chrome`` so a record can be rebuilt from the tables);
* ``entities``: one row per entity per article; ``mentions``: one row per mention;
* ``quotes``, ``figures``, ``sentences``: one row per quote, figure, sentence.

Column meanings are the same in every table: ``article_id`` is the record's id, ``entity_id`` an
entity's id within its article, ``n_entities``/``n_quotes``/``n_figures`` are counts, and a
sentiment is always the three columns ``sentiment_polarity`` (−1…1), ``sentiment_subjectivity``
(0…1, null when not measured) and ``sentiment_label`` (``positive``/``neutral``/``negative``; null
when the item has no sentiment). ``sentence`` is the index of the sentence an item starts in.
List-valued cells are Python lists (``figures.entity_ids``); ``articles.meta`` (the input's other
fields), ``articles.chrome`` (the stretches left out) and ``quotes.spans`` (a quote's pieces,
``[[start, end], …]``) are JSON strings.

    >>> rec = {"id": "a1", "entities": [{"id": "e0", "name": "Blair", "label": "PERSON",
    ...        "key": "blair", "count": 1, "sentiment": None, "mentions": [{"start_char": 0,
    ...        "end_char": 5, "text": "Blair", "sentence": 0, "paragraph": 0,
    ...        "sentiment": None}]}]}
    >>> rows = table_rows(rec)
    >>> rows["mentions"][0]["name"], rows["articles"][0]["n_entities"]
    ('Blair', 1)
    >>> rebuild(rows)[0]["entities"] == rec["entities"]
    True
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

__all__ = ["SCHEMAS", "TABLES", "frame", "rebuild", "table_rows"]

Record = Mapping[str, Any]
Row = dict[str, Any]

_SENTIMENT = {
    "sentiment_polarity": "float64",
    "sentiment_subjectivity": "float64",
    "sentiment_label": "string",
}
_ENTITY = {
    "article_id": "string",
    "entity_id": "string",
    "key": "string",
    "name": "string",
    "label": "string",
}
ARTICLE_COLUMNS = {
    "article_id": "string",
    "title": "string",
    "published": "string",
    "source": "string",
    "url": "string",
    **_SENTIMENT,
    "n_entities": "int64",
    "n_quotes": "int64",
    "n_figures": "int64",
    "text": "string",
    "meta": "string",
    "chrome": "string",
}
ENTITY_COLUMNS = {**_ENTITY, "count": "int64", **_SENTIMENT}
MENTION_COLUMNS = {
    **_ENTITY,
    "start_char": "int64",
    "end_char": "int64",
    "text": "string",
    "sentence": "int64",
    "paragraph": "int64",
    **_SENTIMENT,
}
QUOTE_COLUMNS = {
    "article_id": "string",
    "text": "string",
    "start_char": "int64",
    "end_char": "int64",
    "spans": "string",
    "sentence": "int64",
    "kind": "string",
    "speaker": "string",
    "speaker_entity": "string",
    "speaker_start_char": "Int64",
    "speaker_end_char": "Int64",
    "cue": "string",
    **_SENTIMENT,
}
FIGURE_COLUMNS = {
    "article_id": "string",
    "text": "string",
    "start_char": "int64",
    "end_char": "int64",
    "kind": "string",
    "value": "float64",
    "unit": "string",
    "approx": "bool",
    "sentence": "int64",
    "entity_ids": "object",
}
SENTENCE_COLUMNS = {
    "article_id": "string",
    "sentence": "int64",
    "start_char": "int64",
    "end_char": "int64",
    **_SENTIMENT,
}
#: Table name -> column name -> pandas dtype.
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": ARTICLE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "figures": FIGURE_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
}
TABLES = tuple(SCHEMAS)


def _sentiment_cells(sentiment: Record | None) -> Row:
    s = sentiment or {}
    return {
        "sentiment_polarity": s.get("polarity"),
        "sentiment_subjectivity": s.get("subjectivity"),
        "sentiment_label": s.get("label"),
    }


def _entity_cells(article_id: Any, ent: Record) -> Row:
    return {
        "article_id": article_id,
        "entity_id": ent.get("id"),
        "key": ent.get("key"),
        "name": ent.get("name"),
        "label": ent.get("label"),
    }


def _pick(item: Record, schema: Mapping[str, str], **cells: Any) -> Row:
    """Return a row of ``schema``: ``cells``, then the item's own fields for the other columns."""
    row: Row = dict(cells)
    for column in schema:
        if column not in row:
            row[column] = item.get(column)
    return row


def _article_rows(rec: Record) -> list[Row]:
    meta = rec.get("meta")
    counts = {f"n_{k}": len(rec.get(k) or ()) for k in ("entities", "quotes", "figures")}
    return [
        _pick(
            rec,
            ARTICLE_COLUMNS,
            article_id=rec.get("id"),
            **_sentiment_cells(rec.get("sentiment")),
            **counts,
            meta=json.dumps(meta, ensure_ascii=False) if meta else None,
            chrome=json.dumps(rec.get("chrome") or [], ensure_ascii=False),
        )
    ]


def _entity_rows(rec: Record) -> list[Row]:
    return [
        {
            **_entity_cells(rec.get("id"), e),
            "count": e.get("count", len(e.get("mentions") or ())),
            **_sentiment_cells(e.get("sentiment")),
        }
        for e in rec.get("entities") or ()
    ]


def _mention_rows(rec: Record) -> list[Row]:
    aid = rec.get("id")
    return [
        _pick(m, MENTION_COLUMNS, **_entity_cells(aid, e), **_sentiment_cells(m.get("sentiment")))
        for e in rec.get("entities") or ()
        for m in e.get("mentions") or ()
    ]


def _sentence_of(rec: Record) -> Callable[[int], int]:
    """Return a function from a character offset to the index of the sentence holding it."""
    starts = [int(s["start_char"]) for s in rec.get("sentences") or ()]
    return lambda offset: max(bisect_right(starts, offset) - 1, 0)


def _quote_rows(rec: Record) -> list[Row]:
    aid = rec.get("id")
    sentence = _sentence_of(rec)
    return [
        _pick(
            q,
            QUOTE_COLUMNS,
            article_id=aid,
            sentence=sentence(int(q["start_char"])),
            spans=json.dumps(q.get("spans") or [[q["start_char"], q["end_char"]]]),
            **_sentiment_cells(q.get("sentiment")),
        )
        for q in rec.get("quotes") or ()
    ]


def _figure_rows(rec: Record) -> list[Row]:
    aid = rec.get("id")
    return [
        _pick(f, FIGURE_COLUMNS, article_id=aid, entity_ids=list(f.get("entities") or ()))
        for f in rec.get("figures") or ()
    ]


def _sentence_rows(rec: Record) -> list[Row]:
    aid = rec.get("id")
    return [
        _pick(
            s, SENTENCE_COLUMNS, article_id=aid, sentence=k, **_sentiment_cells(s.get("sentiment"))
        )
        for k, s in enumerate(rec.get("sentences") or ())
    ]


_BUILDERS = {
    "articles": _article_rows,
    "entities": _entity_rows,
    "mentions": _mention_rows,
    "quotes": _quote_rows,
    "figures": _figure_rows,
    "sentences": _sentence_rows,
}


def table_rows(rec: Record, tables: Iterable[str] = TABLES) -> dict[str, list[Row]]:
    """Return the rows one article record adds to each of ``tables`` (names of :data:`TABLES`)."""
    return {name: _BUILDERS[name](rec) for name in tables}


def frame(rows: Iterable[Row], schema: Mapping[str, str]) -> pd.DataFrame:
    """Return ``rows`` as a DataFrame with exactly the columns and dtypes of ``schema``."""
    table = pd.DataFrame.from_records(list(rows), columns=list(schema))
    return table.astype(dict(schema))


# --- back from tables to records ----------------------------------------------------------


def _null(value: Any) -> bool:
    """Return whether a cell is empty (None, NaN, or pandas' NA)."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):  # pandas.NA refuses to be a bool
        return True


def _cell(row: Row, column: str) -> Any:
    value = row.get(column)
    return None if _null(value) else value


def _int(row: Row, column: str) -> int | None:
    value = _cell(row, column)
    return None if value is None else int(value)


def _sentiment(row: Row) -> dict[str, Any] | None:
    """Rebuild a sentiment from its cells (the JSON form of ``Sentiment.to_dict``)."""
    label = _cell(row, "sentiment_label")
    if label is None:
        return None
    out: dict[str, Any] = {"polarity": float(row["sentiment_polarity"])}
    subjectivity = _cell(row, "sentiment_subjectivity")
    if subjectivity is not None:
        out["subjectivity"] = float(subjectivity)
    out["label"] = str(label)
    return out


def _span(row: Row) -> dict[str, Any]:
    return {"start_char": int(row["start_char"]), "end_char": int(row["end_char"])}


def _group(rows: Iterable[Row]) -> dict[Any, list[Row]]:
    groups: dict[Any, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.get("article_id"), []).append(row)
    return groups


def _entities(rows: list[Row], mentions: list[Row]) -> list[dict[str, Any]]:
    by_entity: dict[Any, list[Row]] = {}
    for m in mentions:
        by_entity.setdefault(m.get("entity_id"), []).append(m)
    return [
        {
            "id": e["entity_id"],
            "name": e["name"],
            "label": e["label"],
            "key": e["key"],
            "count": int(e["count"]),
            "sentiment": _sentiment(e),
            "mentions": [
                {
                    **_span(m),
                    "text": m["text"],
                    "sentence": int(m["sentence"]),
                    "paragraph": int(m["paragraph"]),
                    "sentiment": _sentiment(m),
                }
                for m in by_entity.get(e["entity_id"], ())
            ],
        }
        for e in rows
    ]


def _pieces(q: Row) -> list[list[int]]:
    """Return a quote row's pieces (a table from before ``spans``: the one piece)."""
    pieces: list[list[int]] = json.loads(_cell(q, "spans") or "[]")
    return pieces or [[int(q["start_char"]), int(q["end_char"])]]


def _quote(q: Row) -> dict[str, Any]:
    return {
        "text": q["text"],
        **_span(q),
        "kind": q["kind"],
        "spans": _pieces(q),
        "speaker": _cell(q, "speaker"),
        "speaker_entity": _cell(q, "speaker_entity"),
        "speaker_start_char": _int(q, "speaker_start_char"),
        "speaker_end_char": _int(q, "speaker_end_char"),
        "cue": _cell(q, "cue"),
        "sentiment": _sentiment(q),
    }


def _figure(f: Row) -> dict[str, Any]:
    ids = f.get("entity_ids")
    return {
        "text": f["text"],
        **_span(f),
        "kind": f["kind"],
        "value": float(f["value"]),
        "unit": f["unit"],
        "approx": bool(f["approx"]),
        "sentence": int(f["sentence"]),
        "entities": [str(i) for i in ids] if ids is not None else [],
    }


def rebuild(tables: Mapping[str, Iterable[Row]]) -> list[dict[str, Any]]:
    """Rebuild the article records (``Article.to_dict()`` forms) from rows of the tables.

    ``tables`` maps each name of :data:`TABLES` to its rows (as dicts), for a set of whole
    articles; records come back in the order of the ``articles`` rows.
    """
    parts = {name: _group(tables.get(name, ())) for name in TABLES if name != "articles"}
    records = []
    for a in tables.get("articles", ()):
        aid = _cell(a, "article_id")
        rec: dict[str, Any] = {
            "id": aid,
            **{k: _cell(a, k) for k in ("title", "published", "source", "url")},
            "sentiment": _sentiment(a),
            "entities": _entities(parts["entities"].get(aid, []), parts["mentions"].get(aid, [])),
            "quotes": [_quote(q) for q in parts["quotes"].get(aid, ())],
            "figures": [_figure(f) for f in parts["figures"].get(aid, ())],
            "sentences": [
                {**_span(s), "sentiment": _sentiment(s)} for s in parts["sentences"].get(aid, ())
            ],
            "chrome": json.loads(_cell(a, "chrome") or "[]"),
        }
        text, meta = _cell(a, "text"), _cell(a, "meta")
        if text is not None:
            rec["text"] = text
        if meta:
            rec["meta"] = json.loads(meta)
        records.append(rec)
    return records
