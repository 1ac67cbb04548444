"""The batch engine (``newslens.run_batch``): formats, failures, resume, worker processes."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

import newslens
from newslens import Corpus, run_batch
from newslens._batch import english_problem
from newslens.cli import main

pytestmark = pytest.mark.model

TEXTS = [
    'Tony Blair met Gordon Brown in London on Monday. "We will win," Mr Blair said.',
    "Shares in Tesco rose 5% to £2.40 after the firm said profits grew by $1.2bn.",
    "The European Commission fined Google €2.4bn, Margrethe Vestager told reporters.",
    "Angela Merkel said Germany would spend 2% of its GDP on defence by 2024.",
    'Serena Williams beat Maria Sharapova in Melbourne. "I played well," she said.',
    "Nordfrakt's chairman said the Swedish shipping group would hire 300 people.",
]


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def good(tmp_path):
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [{"id": f"a{k}", "text": t, "source": "test"} for k, t in enumerate(TEXTS)])
    return src


def test_bad_records_go_to_the_errors_file_and_good_ones_are_written_once(tmp_path, nl):
    german = "Der Minister sagte am Montag in Berlin, dass der Plan umgesetzt werde. " * 6
    records = [
        {"id": "ok1", "text": TEXTS[0]},
        {"id": "long", "text": "word " * 3000},
        {"id": "ok2", "text": TEXTS[1]},
        {"id": "ok1", "text": TEXTS[2]},
        {"id": "de", "text": german},
        {"id": "num", "text": 42},
        {"id": "blank", "text": " \n\t "},
        {"id": "ok3", "text": TEXTS[3]},
    ]
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, records)
    with src.open("a") as fh:
        fh.write('{"id": "torn", "text": "no end\n')
    out = tmp_path / "out.jsonl"
    summary = run_batch(src, out, model=nl, max_chars=10_000, progress=False, batch_size=2)
    assert [r["id"] for r in _lines(out)] == ["ok1", "ok2", "ok3"]
    assert (summary.written, summary.errors, summary.skipped) == (3, 6, 0)
    errors = {e["id"]: e["reason"] for e in _lines(summary.errors_path)}
    assert set(errors) == {"long", "ok1", "de", "num", "blank", "line 9"}
    assert errors["blank"].startswith("text is empty")
    assert "15,000 characters" in errors["long"] and "--max-chars" in errors["long"]
    assert errors["ok1"].startswith("duplicate id")
    assert errors["de"].startswith("does not look like English")
    assert "invalid JSON" in errors["line 9"]


def test_a_failure_inside_spacy_loses_only_its_record(good, tmp_path):
    nl = newslens.load()

    @Language.component("test_explode")
    def explode(doc):
        if "Merkel" in doc.text:
            raise ValueError("boom")
        return doc

    nl.nlp.add_pipe("test_explode", after="ner")
    out = tmp_path / "out.jsonl"
    summary = run_batch(good, out, model=nl, progress=False, batch_size=4)
    assert [r["id"] for r in _lines(out)] == ["a0", "a1", "a2", "a4", "a5"]
    assert _lines(summary.errors_path) == [{"id": "a3", "reason": "ValueError: boom"}]


def test_parquet_tables_hold_the_same_records_as_json_lines(good, tmp_path, nl):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    jsonl = run_batch(good, tmp_path / "out.jsonl", model=nl, progress=False)
    tables = run_batch(good, tmp_path / "out.parquet", model=nl, progress=False, batch_size=2)
    assert tables.format == "parquet" and tables.errors_path is None
    records = _lines(jsonl.output)
    assert [a.to_dict() for a in Corpus.read(tables.output)] == records
    corpus = Corpus(records)
    for name in ("articles", "entities", "mentions", "quotes", "figures", "sentences"):
        disk = pd.read_parquet(tables.output / name)
        mem = getattr(corpus, f"{name}_frame")()
        if name == "figures":  # pyarrow reads list cells back as arrays
            disk["entity_ids"] = disk["entity_ids"].map(list)
        pd.testing.assert_frame_equal(disk, mem)
    assert len(list((tables.output / "articles").glob("part-*.parquet"))) == 1  # 8 chunks each
    duckdb = pytest.importorskip("duckdb")
    glob = (tables.output / "mentions" / "*.parquet").as_posix()
    ((n,),) = duckdb.sql(f"SELECT count(*) FROM '{glob}'").fetchall()
    assert n == len(corpus.mentions_frame()) > 0


def test_output_format_is_inferred_and_a_conflict_is_an_error(good, tmp_path, nl):
    with pytest.raises(newslens.InputError, match="conflicts"):
        run_batch(good, tmp_path / "out.parquet", format="jsonl", model=nl, progress=False)
    with pytest.raises(newslens.InputError, match="uncompressed"):
        run_batch(good, tmp_path / "out.jsonl.gz", model=nl, progress=False)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(newslens.InputError, match="did not write"):
        run_batch(good, mine, model=nl, progress=False)
    assert (mine / "notes.txt").read_text() == "keep me"


def test_parquet_resume_discards_an_uncommitted_chunk(good, tmp_path, nl):
    pytest.importorskip("pyarrow")
    clean = run_batch(good, tmp_path / "clean.parquet", model=nl, progress=False, batch_size=1)
    expected = [a.to_dict() for a in Corpus.read(clean.output)]
    out = tmp_path / "cut.parquet"
    run_batch(good, out, model=nl, progress=False, batch_size=1)
    # what a kill leaves: the last chunk's other tables written, its articles part not yet
    # renamed into place, and a temporary file half-written
    (out / "articles" / "part-00000.parquet").rename(out / "articles" / "part-00000.parquet.tmp")
    assert list(Corpus.read(out)) == []
    summary = run_batch(good, out, model=nl, progress=False, batch_size=1, resume=True)
    assert (summary.written, summary.skipped) == (6, 0)
    assert [a.to_dict() for a in Corpus.read(out)] == expected
    again = run_batch(good, out, model=nl, progress=False, batch_size=1, resume=True)
    assert (again.written, again.skipped) == (0, 6)
    assert [a.to_dict() for a in Corpus.read(out)] == expected


def test_two_processes_give_the_records_of_one(good, tmp_path, nl):
    one = run_batch(good, tmp_path / "one.jsonl", model=nl, progress=False, batch_size=2)
    two = run_batch(
        good, tmp_path / "two.jsonl", model=nl, progress=False, batch_size=2, processes=2
    )
    assert two.written == 6
    assert two.output.read_bytes() == one.output.read_bytes()


def test_include_text_keeps_the_analysed_text(good, tmp_path, nl):
    summary = run_batch(good, tmp_path / "out.jsonl", model=nl, progress=False, include_text=True)
    for rec, text in zip(_lines(summary.output), TEXTS, strict=True):
        assert rec["text"] == text
        for ent in rec["entities"]:
            for m in ent["mentions"]:
                assert text[m["start_char"] : m["end_char"]] == m["text"]


def test_english_check_on_short_and_foreign_texts():
    assert english_problem("Tesco shares rose.") is None  # too short to tell
    french = "Le ministre a déclaré lundi que le projet serait mis en oeuvre cette année. " * 5
    assert english_problem(french) is not None
    assert english_problem(TEXTS[0] * 5) is None


def test_reading_results_with_a_torn_tail_or_input_records(good, tmp_path, nl, caplog, capsys):
    summary = run_batch(good, tmp_path / "out.jsonl", model=nl, progress=False)
    torn = summary.output
    with torn.open("a") as fh:
        fh.write('{"id": "a9", "entities": [{"id"')  # what kill -9 leaves mid-line
    with pytest.raises(newslens.InputError, match="--resume"):
        list(Corpus.read(torn))
    assert main(["graph", str(torn), "-o", str(tmp_path / "g.json")]) == 2
    assert "--skip-bad-lines" in capsys.readouterr().err
    with caplog.at_level("WARNING", logger="newslens"):
        assert len(list(Corpus.read(torn, skip_bad_lines=True))) == 6
    assert "skipped 1 line" in caplog.text
    assert main(["graph", str(torn), "-o", str(tmp_path / "g.json"), "--skip-bad-lines"]) == 0
    assert main(["graph", str(good), "-o", str(tmp_path / "g.json")]) == 2
    assert "input record" in capsys.readouterr().err
    not_parquet = tmp_path / "x.parquet"
    not_parquet.write_text("hello")
    with pytest.raises(newslens.InputError, match="cannot read"):
        list(Corpus.read(not_parquet))
