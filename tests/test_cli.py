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
    # errors already logged are not logged again
    assert [json.loads(x)["id"] for x in err.read_text().splitlines()] == ["line 2", "r3", "line 4"]


def test_batch_bom_surrogate_nul_and_duplicate_id(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": "Tony Blair spoke in London."}),
        '{"id": "r2", "text": "A lone \\ud800 surrogate, said Gordon Brown."}',
        json.dumps({"id": "r3", "text": "Binary\u0000data"}),
        json.dumps({"id": "r1", "text": "Another record with the same id."}),
        json.dumps({"id": "r5", "text": "Angela Merkel spoke."}),
    ]
    src.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8"))
    out, err = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    with src.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "long", "text": "Long words here. " * 100}) + "\n")
    argv = ["batch", str(src), "-o", str(out), "--errors", str(err), "-q", "--max-chars", "1000"]
    assert main(argv) == 0
    good = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in good] == ["r1", "r5"]
    assert good[0]["entities"][0]["name"] == "Tony Blair"  # the BOM is not part of the name
    bad = {json.loads(x)["id"]: json.loads(x)["reason"] for x in err.read_text().splitlines()}
    assert set(bad) == {"r2", "r3", "r1", "long"}
    assert "over the limit of 1,000" in bad["long"]
    assert "surrogate" in bad["r2"] and "NUL" in bad["r3"] and "duplicate id" in bad["r1"]


def test_batch_missing_input_leaves_output_untouched(tmp_path, capsys):
    out = tmp_path / "keep.jsonl"
    out.write_text('{"id": "a"}\n', encoding="utf-8")
    before = out.read_bytes()
    assert main(["batch", str(tmp_path / "typo.jsonl"), "-o", str(out), "-q"]) == 2
    assert out.read_bytes() == before
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    "option", [["--batch-size", "0"], ["--processes", "0"], ["--batch-size", "-5"]]
)
def test_batch_bad_numeric_options_are_usage_errors(tmp_path, option):
    res = run_cli("batch", str(EXAMPLE), "-o", str(tmp_path / "o.jsonl"), *option)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "whole number" in res.stderr
    assert not (tmp_path / "o.jsonl").exists()


def test_analyze_stdin_bytes_bom_and_bad_bytes():
    data = "\ufeffTony Blair met Gordon Brown.".encode() + b" Caf\xe9 owners said so.\n"
    res = subprocess.run(
        [sys.executable, "-m", "newslens", "analyze", "--json", "-"],
        input=data,
        capture_output=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    record = json.loads(res.stdout)
    names = [e["name"] for e in record["entities"]]
    assert "Tony Blair" in names and not any("\ufeff" in n for n in names)
    assert b"not UTF-8" in res.stderr


def test_python_dash_m_help():
    res = run_cli("--help")
    assert res.returncode == 0 and "analyze" in res.stdout and "batch" in res.stdout


def test_results_do_not_depend_on_the_hash_seed():
    import os

    text = (
        "The tests were commissioned by the World Anti-Doping Agency (Wada) on Monday.\n\n"
        "Later, WADA said it would publish the results. Tony Blair and Mr Blair agreed."
    )
    outputs = set()
    for seed in ("0", "5", "11"):
        res = subprocess.run(
            [sys.executable, "-m", "newslens", "analyze", "--json", "-"],
            input=text,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert res.returncode == 0, res.stderr
        outputs.add(res.stdout)
    assert len(outputs) == 1
