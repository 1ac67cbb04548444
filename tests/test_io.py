"""The batch readers: folders, HTML pages, JSON Lines, CSV and Parquet inputs."""

import csv
import gzip
import json
import logging

import pytest

from newslens._errors import InputError
from newslens._io import (
    BadRecord,
    _record,
    check_source,
    count_records,
    is_markup_source,
    iter_records,
)

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>Harbour deal signed | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://example.com/news/harbour-deal">
</head><body>
<nav><ul><li><a href="/">Home page</a></li><li><a href="/sport">Sport results</a></li>
<li><a href="/weather">Weather forecast</a></li></ul></nav>
<article><h1>Harbour deal signed</h1>
<p>The city council approved the harbour deal on Tuesday after a long debate about the costs
and the benefits for the port workers and their families.</p>
<p>"This is a good day for the city," said Mayor Ann Lee, who had championed the plan for
three years against strong opposition.</p>
<p>Critics said the price of $70 million was too high and that the {cafe} owners near the
docks had not been consulted before the vote.</p>
</article>
<footer><a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a>
Copyright 2024 The Gazette</footer>
</body></html>
"""

RECORDS = [
    {"id": "a1", "text": "Gordon Brown spoke in London.", "title": "Brown", "source": "BBC"},
    {"id": "a2", "text": 'Line one.\n\n"Quoted, with a comma," she said.', "lang": "en"},
    {"text": "No id here, Paris."},
]


def _records(source):
    return list(iter_records(source))


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _write_csv(path, records, encoding="utf-8"):
    fields = sorted({k for r in records for k in r})
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(records)


# -- HTML --------------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(tmp_path):
    page = tmp_path / "deal.html"
    page.write_text(PAGE.format(charset="utf-8", cafe="café"), encoding="utf-8")
    check_source(page)
    assert is_markup_source(page)
    assert count_records(page) == 1
    [rec] = _records(page)
    assert not isinstance(rec, BadRecord), rec
    assert rec["id"] == "deal.html"
    text = rec["text"]
    assert "approved the harbour deal on Tuesday" in text
    assert "said Mayor Ann Lee" in text
    assert "café owners" in text
    for chrome in ("Home page", "Sport results", "Weather forecast", "Privacy policy", "Contact"):
        assert chrome not in text
    assert rec["title"] == "Harbour deal signed"
    assert rec["published"] == "2024-03-05"
    assert rec["author"] == "Jane Roe"
    assert rec["url"] == "https://example.com/news/harbour-deal"
    assert rec["source"] == "The Gazette"


def test_html_cp1252_page(tmp_path):
    page = tmp_path / "old.htm"
    page.write_bytes(PAGE.format(charset="windows-1252", cafe="café “smart”").encode("cp1252"))
    [rec] = _records(page)
    assert not isinstance(rec, BadRecord), rec
    assert "café “smart” owners" in rec["text"]


def test_html_undeclared_legacy_encoding_never_crashes(tmp_path, caplog):
    page = tmp_path / "old.html"
    page.write_bytes(
        PAGE.replace('<meta charset="{charset}">', "").format(cafe="café").encode("cp1252")
    )
    with caplog.at_level(logging.WARNING, logger="newslens"):
        [rec] = _records(page)
    assert "café owners" in rec["text"]
    assert "old.html is not UTF-8" in caplog.text


def test_html_without_main_text_is_a_bad_record(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    [rec] = _records(page)
    assert isinstance(rec, BadRecord)
    assert rec.ident == "empty.html" and "no main text" in rec.reason


def test_folder_of_text_and_pages(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Plain text article.", encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text(PAGE.format(charset="utf-8", cafe="cafe"))
    (tmp_path / "sub" / "blank.htm").write_text("<html><body><nav></nav></body></html>")
    (tmp_path / "notes.md").write_text("not an article")
    assert count_records(tmp_path) == 3
    assert is_markup_source(tmp_path)
    recs = _records(tmp_path)
    assert [r.ident if isinstance(r, BadRecord) else r["id"] for r in recs] == [
        "b.txt",
        "sub/a.html",
        "sub/blank.htm",
    ]
    assert recs[0] == {"id": "b.txt", "text": "Plain text article."}
    assert recs[1]["title"] == "Harbour deal signed"
    assert isinstance(recs[2], BadRecord)


def test_folder_of_text_only_is_not_markup(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    assert not is_markup_source(tmp_path)
    assert not is_markup_source(tmp_path / "a.txt")


# -- CSV and Parquet give the records JSONL gives ------------------------------------------------


def test_csv_and_parquet_match_jsonl(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    jsonl, csv_path, gz_path, pq_path = (
        tmp_path / "in.jsonl",
        tmp_path / "in.csv",
        tmp_path / "in.csv.gz",
        tmp_path / "in.parquet",
    )
    _write_jsonl(jsonl, RECORDS)
    _write_csv(csv_path, RECORDS)
    gz_path.write_bytes(gzip.compress(csv_path.read_bytes()))
    columns = sorted({k for r in RECORDS for k in r})
    schema = pa.schema([(name, pa.string()) for name in columns])
    pq.write_table(pa.Table.from_pylist(RECORDS, schema=schema), pq_path)
    expected = _records(jsonl)
    assert expected[2]["id"] == "line 3"
    want = [dict(r, id="row 3") if r["id"] == "line 3" else r for r in expected]
    for path in (csv_path, gz_path, pq_path):
        assert check_source(path) == path
        assert _records(path) == want, path
        assert count_records(path) == 3
    assert count_records(jsonl) == 3
    assert not is_markup_source(csv_path)


def test_csv_bad_rows_are_reported_and_good_rows_read(tmp_path):
    path = tmp_path / "in.csv"
    rows = [
        {"id": "ok1", "text": "Tony Blair spoke."},
        {"id": "empty", "text": ""},
        {"id": "nul", "text": "binary \x00 data"},
        {"id": "", "text": "Angela Merkel spoke."},
    ]
    _write_csv(path, rows)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("x,y,z\n")  # more cells than the header names
    recs = _records(path)
    assert [r["id"] for r in recs if not isinstance(r, BadRecord)] == ["ok1", "row 4"]
    bad = {r.ident: r.reason for r in recs if isinstance(r, BadRecord)}
    assert set(bad) == {"empty", "nul", "row 5"}
    assert "'text'" in bad["empty"] and "NUL" in bad["nul"] and "header" in bad["row 5"]


def test_csv_long_text_bom_and_cp1252(tmp_path, caplog):
    long_text = "Gordon Brown said the plan would work. " * 12_821  # ~500k characters
    assert len(long_text) > 500_000
    path = tmp_path / "long.csv"
    _write_csv(path, [{"id": "long", "text": long_text}], encoding="utf-8-sig")
    [rec] = _records(path)
    assert rec == {"id": "long", "text": long_text}

    legacy = tmp_path / "legacy.csv"
    _write_csv(legacy, [{"id": "c", "text": "The café “opened”."}], encoding="cp1252")
    with caplog.at_level(logging.WARNING, logger="newslens"):
        [rec] = _records(legacy)
    assert rec["text"] == "The café “opened”."
    assert "legacy.csv is not UTF-8" in caplog.text and "cp1252" in caplog.text


def test_parquet_bad_rows_and_values_made_plain(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import datetime as dt

    path = tmp_path / "in.parquet"
    table = pa.table(
        {
            "id": ["p1", None, "p3"],
            "text": pa.array([b"Binary, not text.", b"Good text.", None], pa.binary()),
            "published": [dt.datetime(2024, 3, 5, 10, 0), None, None],
        }
    )
    pq.write_table(table, path)
    recs = _records(path)
    assert isinstance(recs[0], BadRecord) and recs[0].ident == "p1"
    assert "bytes" in recs[0].reason
    assert isinstance(recs[1], BadRecord) and recs[1].ident == "row 2"
    assert isinstance(recs[2], BadRecord) and "no 'text' field" in recs[2].reason

    good = tmp_path / "good.parquet"
    pq.write_table(
        pa.table({"text": ["Fine text."], "published": [dt.datetime(2024, 3, 5, 10, 0)]}), good
    )
    assert _records(good) == [
        {"text": "Fine text.", "published": "2024-03-05T10:00:00", "id": "row 1"}
    ]
    json.dumps(_records(good))  # every value can be written out


def test_not_parquet_is_an_input_error(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "x.parquet"
    path.write_text("id,text\n1,hello\n")
    with pytest.raises(InputError) as info:
        check_source(path)
    message = str(info.value)
    assert "x.parquet is not a readable Parquet file" in message and "\n" not in message
    with pytest.raises(InputError):
        _records(path)
    assert count_records(path) is None


def test_parquet_without_text_column(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"body": ["x"]}), path)
    with pytest.raises(InputError, match="no 'text' column"):
        check_source(path)


# -- the one record rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "s", "text": "lone \ud800 surrogate"}, "lone surrogate U+D800"),
        ({"id": "s", "text": 3}, "got int"),
        ({"id": "s"}, "no 'text' field"),
        ({"id": "s", "text": "a\x00b"}, "NUL"),
    ],
)
def test_record_rule_rejects(record, reason):
    bad = _record(record, "row 1")
    assert isinstance(bad, BadRecord) and bad.ident == "s" and reason in bad.reason


def test_record_rule_keeps_fields_and_names_unnamed_records():
    rec = _record({"id": 12, "text": "Fine.", "tags": ["a"], "n": 1.5}, "row 9")
    assert rec == {"id": "12", "text": "Fine.", "tags": ["a"], "n": 1.5}
    assert _record({"text": "Fine."}, "line 4") == {"text": "Fine.", "id": "line 4"}


def test_jsonl_surrogate_bad_and_good_lines_read(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "r1", "text": "Fine."}\n'
        '{"id": "r2", "text": "lone \\ud800 here"}\n'
        "\n"
        '{"text": "Also fine."}\n',
        encoding="utf-8",
    )
    recs = _records(path)
    assert recs[0] == {"id": "r1", "text": "Fine."}
    assert isinstance(recs[1], BadRecord) and "surrogate" in recs[1].reason
    assert recs[2] == {"text": "Also fine.", "id": "line 4"}
    assert count_records(path) == 3


def test_unknown_input_kind(tmp_path):
    path = tmp_path / "in.xlsx"
    path.write_text("x")
    with pytest.raises(InputError, match="don't know how to read"):
        check_source(path)
