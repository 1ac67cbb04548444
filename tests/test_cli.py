import json
import subprocess
import sys

import pytest

from newslens.cli import main
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.model


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newslens", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_analyze_json_prints_exactly_one_object():
    res = run_cli("analyze", "--json", str(EXAMPLE))
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == EXAMPLE.name
    assert any(e["name"] == "Maria Okafor" for e in record["entities"])


def test_analyze_stdin_and_summary(capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Tony Blair met Gordon Brown. Mr Blair left."))
    assert main(["analyze", "-"]) == 0
    out = capsys.readouterr().out
    assert "Tony Blair" in out and "PERSON" in out and "sentiment:" in out


def test_analyze_missing_file_is_a_clear_error(capsys):
    assert main(["analyze", "/nonexistent/article.txt"]) == 2
    assert "cannot read /nonexistent/article.txt" in capsys.readouterr().err


def test_batch_folder_with_a_latin1_file(tmp_path, caplog):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("Tony Blair spoke in London.", encoding="utf-8")
    (src / "sub" / "b.txt").write_bytes(
        "Caf\xe9 owner Jos\xe9 Garc\xeda met Angela Merkel.".encode("latin-1")
    )
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "--output", str(out), "--quiet"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a.txt", "sub/b.txt"]
    text_b = "Café owner José García met Angela Merkel."
    for ent in records[1]["entities"]:
        for m in ent["mentions"]:
            assert text_b[m["start_char"] : m["end_char"]] == m["text"]
    assert "sub/b.txt is not UTF-8" in caplog.text and "decoded as cp1252" in caplog.text


def test_batch_jsonl_bad_records_and_resume(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": "Gordon Brown spoke.", "source": "BBC"}),
        "{not json",
        json.dumps({"id": "r3", "text": None}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "r5", "text": "Angela Merkel spoke."}),
        json.dumps({"text": "No id here, Paris."}),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    assert main(["batch", str(src), "-o", str(out), "--errors", str(err), "-q"]) == 0
    good = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in good] == ["r1", "r5", "line 6"]
    assert good[0]["source"] == "BBC"
    bad = [json.loads(x) for x in err.read_text().splitlines()]
    assert [b["id"] for b in bad] == ["line 2", "r3", "line 4"]
    assert all(b["reason"] for b in bad)

    # an interrupted run: the last record cut in half, one missing
    full = out.read_text()
    first, second, _third = full.splitlines(keepends=True)
    out.write_text(first + second[: len(second) // 2])
    assert main(["batch", str(src), "-o", str(out), "--errors", str(err), "-q", "--resume"]) == 0
    again = [json.loads(x) for x in out.read_text().splitlines()]
    assert sorted(r["id"] for r in again) == ["line 6", "r1", "r5"]


def test_python_dash_m_help():
    res = run_cli("--help")
    assert res.returncode == 0 and "analyze" in res.stdout and "batch" in res.stdout
