"""Robustness and speed checks of the ``newslens batch`` CLI: bad input, kill + resume, processes.

    python benchmarks/batch.py [--mixed] [--kill] [--speed] [--all]
                               [--n 600] [--mixed-n 200] [--processes 1] [--runs 2]

Reads the first articles of ../shared/data/bbc/*/*.txt (sorted paths; read with
``newslens.read_text``, never copied into the repository; id = path relative to the BBC folder)
and writes JSON Lines inputs and the outputs in a temporary folder. Every run is
``python -m newslens batch INPUT -o OUT --quiet ...`` as a subprocess. Each check prints
PASS/FAIL with its numbers; the exit status is 1 when any check failed.

``--mixed``
    MIXED_N good records with a dozen malformed or hostile lines spread through the file
    (invalid JSON, a torn line, a JSON array, no text, a numeric text, a lone surrogate, a NUL,
    a 3,000,000-character text, a German text, a repeated id, an empty text) and one GOOD
    record whose text is laden with control bytes and ANSI escapes. Checks: exit 0; every good
    id written exactly once, with the very line of a clean run on the good records alone; every
    bad one in the errors file with a reason; the mixed run's time / the clean run's (< 1.5).
``--kill``
    N records (plus a few bad lines, so the errors file has something to repeat): a clean
    JSON Lines run timed as T; then, for JSON Lines and for ``--format parquet``, a fresh run
    SIGKILLed (its whole process group) at 40% and at 70% of T, then the same command with
    ``--resume``. Checks: N unique ids, the records identical to the clean run's after sorting
    by id (JSON Lines: byte-identical lines; Parquet: ``Corpus.read`` dicts vs the clean
    lines), the errors the same as the clean run's, none repeated.
``--speed``
    ``--processes 1`` vs ``--processes 2`` on the N records, JSON Lines, alternating, RUNS
    times each (best of each): the speed-up (target >= 1.6), whether the outputs are
    byte-identical, and the peak RSS of each (the largest single process of the run, measured
    as benchmarks/throughput.py does, with ``RUSAGE_CHILDREN`` in a fresh wrapper per run).

The machine may be shared: ratios measured in the same run mean more than absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from _common import RSS_WRAPPER as _WRAPPER

import newslens
from newslens._parquet import read_errors

NL = b"\n"
BBC = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bbc"


GERMAN = (
    "Die Bundesregierung hat am Mittwoch in Berlin einen neuen Haushaltsentwurf vorgestellt. "
    "Nach Angaben des Finanzministeriums sollen die Ausgaben für Bildung und Forschung im "
    "kommenden Jahr deutlich steigen, während bei der Verwaltung gespart werden soll. "
    "Kritiker aus der Opposition sprachen von einem Haushalt ohne klare Richtung.\n\n"
    "Der Minister verteidigte die Pläne vor Journalisten. Man müsse jetzt in die Zukunft "
    "investieren, sagte er, auch wenn die Schulden dadurch zunächst nicht sinken würden. "
    "Die Länder forderten mehr Geld für Schulen und Krankenhäuser, die Gemeinden klagten "
    "über steigende Kosten für Energie und Personal.\n\n"
    "Wirtschaftsverbände begrüßten die Entscheidung grundsätzlich, mahnten aber schnellere "
    "Genehmigungsverfahren an. Ohne weniger Bürokratie werde das zusätzliche Geld kaum "
    "Wirkung zeigen, hieß es in einer gemeinsamen Erklärung. Der Bundestag soll im Herbst "
    "über den Entwurf abstimmen."
)

RESULTS: list[tuple[str, bool]] = []


def check(name: str, ok: bool, detail: str) -> bool:
    RESULTS.append((name, ok))
    print(f"  [{'PASS' if ok else 'FAIL'}] {name}: {detail}")
    return ok


def articles(n: int, skip: int = 0) -> list[dict[str, str]]:
    files = sorted(BBC.glob("*/*.txt"))[skip : skip + n]
    return [{"id": f.relative_to(BBC).as_posix(), "text": newslens.read_text(f)} for f in files]


def line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def batch_cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newslens", "batch", str(src), "-o", str(out), "-q", *extra]


def run(cmd: list[str]) -> tuple[int, float, str]:
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if res.returncode != 0:
        print(f"    (exit {res.returncode}) stderr: {res.stderr.strip()[-2000:]}")
    return res.returncode, dt, res.stderr


def jsonl_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.readlines()


def by_id(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ln in lines:
        try:
            ident = str(json.loads(ln).get("id"))
        except (json.JSONDecodeError, AttributeError):
            ident = "<unparsable line>"
        out.setdefault(ident, []).append(ln)
    return out


def error_rows(path: Path) -> list[tuple[str, str]]:
    """Return the (id, reason) rows of a JSON Lines errors file or of a table folder."""
    if path.is_dir():
        rows = list(read_errors(path))
    else:
        rows = [json.loads(ln) for ln in jsonl_lines(path) if ln.strip()]
    return [(str(r.get("id")), str(r.get("reason"))) for r in rows]


# --- 1. mixed --------------------------------------------------------------------------------


def ansi_record(text: str) -> dict[str, str]:
    """Return a GOOD record: an article with control bytes and ANSI escapes through its text."""
    paras = text.split("\n")
    junk = ["\x1b[1;31m", "\x1b[0m", "\x07", "\x08", "\x0b", "\x0c", "\x1b]0;title\x07", "\x7f"]
    laden = [p + junk[k % len(junk)] if p else p for k, p in enumerate(paras)]
    return {"id": "good-ansi-controls", "text": "\x1b[2J\x1b[H" + "\n".join(laden) + "\x1b[0m\r\n"}


def bad_lines(good: list[dict[str, str]], spare: str) -> list[tuple[str, str | None, str]]:
    """Return (what, expected error id, or None for 'line N', its line) per malformed record."""
    torn = line({"id": "bad-torn", "text": spare})
    huge = (spare + "\n\n") * (3_000_000 // (len(spare) + 2) + 1)
    return [
        ("invalid JSON", None, '{"id": "bad-json", "text": \'single quotes\', }\n'),
        ("torn line", None, torn[: len(torn) // 2] + "\n"),
        ("JSON array", None, line(["bad-array", spare])),
        ("missing text", "bad-no-text", line({"id": "bad-no-text", "title": "No text here"})),
        ("text = number", "bad-number", line({"id": "bad-number", "text": 42})),
        (
            "lone surrogate",
            "bad-surrogate",
            '{"id": "bad-surrogate", "text": "The minister said \\ud800 that the plan is fine."}\n',
        ),
        ("NUL", "bad-nul", line({"id": "bad-nul", "text": spare[:500] + "\x00" + spare[500:]})),
        ("3,000,000 characters", "bad-huge", line({"id": "bad-huge", "text": huge[:3_000_000]})),
        ("German text", "bad-german", line({"id": "bad-german", "text": GERMAN})),
        (
            "duplicate id",
            good[len(good) // 3]["id"],
            line({"id": good[len(good) // 3]["id"], "text": spare}),
        ),
        ("empty text", "bad-empty", line({"id": "bad-empty", "text": ""})),
    ]


def mixed(n: int, processes: int, root: Path) -> None:
    print(
        f"\n== --mixed: {n} good records + 1 ANSI-laden good one + malformed ones "
        f"(--processes {processes})"
    )
    good = articles(n)
    extra = articles(2, skip=n)
    ansi = ansi_record(extra[0]["text"])
    spare = extra[1]["text"]
    clean_src, mixed_src = root / "clean.jsonl", root / "mixed.jsonl"
    clean_lines = [line(r) for r in good] + [line(ansi)]
    clean_src.write_text("".join(clean_lines), encoding="utf-8")
    bads = bad_lines(good, spare)
    # spread the bad lines through the file; the ANSI one goes in the middle
    lines: list[str] = []
    expected: list[tuple[str, str]] = []  # (what, expected error id)
    slots = {(k + 1) * len(good) // (len(bads) + 1): b for k, b in enumerate(bads)}
    for k, rec in enumerate(good):
        lines.append(line(rec))
        if k == len(good) // 2:
            lines.append(line(ansi))
        if k in slots:
            what, ident, text = slots[k]
            lines.append(text)
            expected.append((what, ident or f"line {len(lines)}"))
    mixed_src.write_text("".join(lines), encoding="utf-8")
    p = ["--processes", str(processes)]
    clean_out, mixed_out = root / "clean.out.jsonl", root / "mixed.out.jsonl"
    rc_c, t_clean, _ = run(batch_cmd(clean_src, clean_out, *p))
    rc_m, t_mixed, _ = run(batch_cmd(mixed_src, mixed_out, *p))
    print(
        f"  clean run: {t_clean:.1f} s ({len(clean_lines)} records); mixed run: {t_mixed:.1f} s "
        f"({len(lines)} lines)"
    )
    check("exit 0", rc_c == 0 and rc_m == 0, f"clean exit {rc_c}, mixed exit {rc_m}")
    clean = by_id(jsonl_lines(clean_out))
    got = by_id(jsonl_lines(mixed_out))
    want_ids = [r["id"] for r in good] + [ansi["id"]]
    once = [i for i in want_ids if len(got.get(i, [])) == 1]
    missing = [i for i in want_ids if i not in got]
    repeated = [i for i in want_ids if len(got.get(i, [])) > 1]
    others = sorted(set(got) - set(want_ids))
    check(
        "good ids written exactly once",
        len(once) == len(want_ids) and not others,
        f"{len(once)}/{len(want_ids)} once, missing {missing[:5]}, repeated {repeated[:5]}, "
        f"unexpected ids {others[:5]}",
    )
    check(
        "ANSI/control-laden record analysed",
        ansi["id"] in got,
        f"written: {ansi['id'] in got}, in clean run: {ansi['id'] in clean}",
    )
    same = [i for i in want_ids if got.get(i) and clean.get(i) and got[i][0] == clean[i][0]]
    differ = [i for i in want_ids if got.get(i) and clean.get(i) and got[i][0] != clean[i][0]]
    check(
        "records identical to the clean run's (byte for byte)",
        len(same) == len(want_ids),
        f"{len(same)}/{len(want_ids)} identical, differing {differ[:5]}",
    )
    errs = error_rows(mixed_out.with_suffix(".errors.jsonl"))
    err_ids = Counter(i for i, _ in errs)
    print(f"  errors file: {len(errs)} rows")
    ok_all = True
    for what, ident in expected:
        reasons = [r for i, r in errs if i == ident]
        ok = bool(reasons) and all(r.strip() for r in reasons)
        if what == "duplicate id":
            ok = ok and any("duplicate" in r for r in reasons)
        ok_all &= ok
        shown = reasons[0] if reasons else "NOT IN THE ERRORS FILE"
        print(f"    {'ok ' if ok else 'BAD'} {what:<21} {ident!r:<24} {shown[:110]}")
    unexpected = [(i, r) for i, r in errs if i not in {e for _, e in expected}]
    for i, r in unexpected:
        print(f"    ??? unexpected error {i!r}: {r[:110]}")
    check(
        "every bad record in the errors file with a reason",
        ok_all and not unexpected,
        f"{sum(1 for _, e in expected if e in err_ids)}/{len(expected)} found, "
        f"{len(unexpected)} unexpected, {sum(c > 1 for c in err_ids.values())} repeated",
    )
    ratio = t_mixed / t_clean
    check(
        "mixed time / clean time < 1.5",
        ratio < 1.5,
        f"{t_mixed:.1f} s / {t_clean:.1f} s = {ratio:.2f}",
    )


# --- 2. kill + resume -----------------------------------------------------------------------


def kill_input(n: int, root: Path) -> tuple[Path, int]:
    """N good records with a few bad lines spread through (ids bad-k); return path, bad count."""
    good = articles(n)
    lines = []
    bad = 0
    for k, rec in enumerate(good):
        lines.append(line(rec))
        if k % 100 == 50:
            lines.append(line({"id": f"bad-{k}", "text": 7}))
            bad += 1
    src = root / "kill.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    return src, bad


def killed_run(cmd: list[str], after: float) -> tuple[bool, float]:
    """Start ``cmd`` in its own session, SIGKILL its process group after ``after`` s.

    Return whether it was still running when killed, and when it was killed.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        proc.wait(timeout=after)
        return False, time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True, time.perf_counter() - t0


def records_of(out: Path, fmt: str) -> tuple[list[str], str]:
    """Return the output's records as JSON Lines lines, and a note on its state."""
    if fmt == "jsonl":
        data = out.read_bytes() if out.exists() else b""
        torn = bool(data) and not data.endswith(b"\n")
        return jsonl_lines(out), f"{data.count(NL)} lines" + (" + a torn one" if torn else "")
    try:
        recs = [a.to_dict() for a in newslens.Corpus.read(out)]
    except Exception as err:  # a killed run's folder may not be readable yet
        where = traceback.extract_tb(err.__traceback__)[-1]
        at = f"{Path(where.filename).name}:{where.lineno} {where.line}"
        return [], f"unreadable ({type(err).__name__}: {err}, at {at})"
    return [line(r) for r in recs], f"{len(recs)} committed records"


def kill(n: int, processes: int, root: Path) -> None:
    print(f"\n== --kill: {n} records, SIGKILL + --resume (--processes {processes})")
    src, bad = kill_input(n, root)
    p = ["--processes", str(processes)]
    clean_out = root / "kill-clean.jsonl"
    rc, t_clean, _ = run(batch_cmd(src, clean_out, *p))
    clean_lines = jsonl_lines(clean_out)
    clean = by_id(clean_lines)
    clean_sorted = sorted(clean_lines, key=lambda ln: json.loads(ln)["id"])
    clean_errs = sorted(error_rows(clean_out.with_suffix(".errors.jsonl")))
    print(
        f"  clean JSONL run: T = {t_clean:.1f} s, exit {rc}, {len(clean_lines)} records, "
        f"{len(clean_errs)} errors ({bad} bad lines in the input)"
    )
    check(
        "clean run",
        rc == 0 and len(clean) == n and len(clean_lines) == n,
        f"{len(clean)} unique ids of {n}",
    )
    for fmt in ("jsonl", "parquet"):
        for frac in (0.4, 0.7):
            tag = f"{fmt} killed at {frac:.0%} of T"
            out = root / (f"kill-{fmt}-{frac}.jsonl" if fmt == "jsonl" else f"kill-{frac}.parquet")
            cmd = batch_cmd(src, out, *p) + (["--format", "parquet"] if fmt == "parquet" else [])
            killed, at = killed_run(cmd, frac * t_clean)
            _, state = records_of(out, fmt)
            print(
                f"  {tag}: {'killed' if killed else 'FINISHED BEFORE THE KILL'} at {at:.1f} s;"
                f" left {state}"
            )
            rc, t_res, _ = run(cmd + ["--resume"])
            lines, state = records_of(out, fmt)
            got = by_id(lines)
            errs = error_rows(out if fmt == "parquet" else out.with_suffix(".errors.jsonl"))
            dups = [e for e, c in Counter(errs).items() if c > 1]
            if fmt == "jsonl":
                got_sorted = sorted(lines, key=lambda ln: json.loads(ln)["id"])
                same = sum(a == b for a, b in zip(got_sorted, clean_sorted, strict=False))
                how = "byte-identical lines"
            else:  # Corpus.read dicts vs the clean run's parsed lines
                got_d = sorted((json.loads(ln) for ln in lines), key=lambda r: r["id"])
                want_d = [json.loads(ln) for ln in clean_sorted]
                same = sum(a == b for a, b in zip(got_d, want_d, strict=False))
                how = "equal dicts"
            ok = (
                rc == 0
                and killed
                and len(got) == n
                and len(lines) == n
                and same == n
                and not dups
                and sorted(errs) == clean_errs
            )
            check(
                tag + " then --resume",
                ok,
                f"resume exit {rc} in {t_res:.1f} s, left {state}; {len(got)} unique ids in "
                f"{len(lines)} "
                f"records; {same}/{n} {how} to the clean run; {len(errs)} errors "
                f"(clean: {len(clean_errs)}), {len(dups)} repeated, same as clean: "
                f"{sorted(errs) == clean_errs}",
            )


# --- 3. speed -------------------------------------------------------------------------------


def wrapped(cmd: list[str]) -> dict[str, Any]:
    res = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True)
    if res.returncode != 0:
        return {
            "rc": res.returncode,
            "seconds": float("nan"),
            "maxrss_kib": 0,
            "stderr": res.stderr,
        }
    out: dict[str, Any] = json.loads(res.stdout)
    if out["rc"] != 0:
        print(f"    (exit {out['rc']}) stderr: {str(out['stderr']).strip()[-2000:]}")
    return out


def speed(n: int, runs: int, root: Path) -> None:
    print(f"\n== --speed: --processes 1 vs 2 on {n} records, JSONL, best of {runs} alternating")
    good = articles(n)
    src = root / "speed.jsonl"
    src.write_text("".join(line(r) for r in good), encoding="utf-8")
    words = sum(len(r["text"].split()) for r in good)
    best = {1: float("inf"), 2: float("inf")}
    rss = {1: 0.0, 2: 0.0}
    outputs: dict[int, bytes] = {}
    ok_rc = True
    for r in range(runs):
        for p in (1, 2):
            out = root / f"speed-{p}.jsonl"
            res = wrapped(batch_cmd(src, out, "--processes", str(p)))
            ok_rc &= res["rc"] == 0
            secs = float(res["seconds"])
            best[p] = min(best[p], secs)
            rss[p] = max(rss[p], int(res["maxrss_kib"]) / 1024)
            outputs[p] = out.read_bytes() if out.exists() else b""
            print(
                f"  run {r + 1}, --processes {p}: {secs:7.1f} s ({words / secs:,.0f} words/s),"
                f" peak RSS {int(res['maxrss_kib']) / 1024:.0f} MB"
            )
    ratio = best[1] / best[2]
    print(
        f"  best: 1 process {best[1]:.1f} s, 2 processes {best[2]:.1f} s; peak RSS 1: "
        f"{rss[1]:.0f} MB, 2: {rss[2]:.0f} MB (largest single process)"
    )
    check("all runs exit 0", ok_rc, "")
    check("speed-up --processes 2 vs 1 >= 1.6", ratio >= 1.6, f"{ratio:.2f}")
    same = outputs[1] == outputs[2] and bool(outputs[1])
    check("outputs byte-identical", same, f"{outputs[1].count(NL)} vs {outputs[2].count(NL)} lines")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mixed", action="store_true", help="malformed records mixed with good")
    ap.add_argument("--kill", action="store_true", help="SIGKILL then --resume, JSONL + Parquet")
    ap.add_argument("--speed", action="store_true", help="--processes 1 vs 2")
    ap.add_argument("--all", action="store_true", help="all three")
    ap.add_argument("--n", type=int, default=600, help="records of --kill and --speed")
    ap.add_argument(
        "--mixed-n",
        type=int,
        default=None,
        help="good records of --mixed (default: 200, or N if smaller)",
    )
    ap.add_argument("--processes", type=int, default=1, help="for --mixed and --kill")
    ap.add_argument("--runs", type=int, default=2, help="runs of each for --speed")
    args = ap.parse_args()
    if not (args.mixed or args.kill or args.speed or args.all):
        ap.error("choose --mixed, --kill, --speed or --all")
    if not any(BBC.glob("*/*.txt")):
        print(f"{BBC} has no articles; nothing to check", file=sys.stderr)
        return 0
    mixed_n = args.mixed_n or min(200, args.n)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newslens-batch-bench-") as tmp:
        root = Path(tmp)
        if args.mixed or args.all:
            mixed(mixed_n, args.processes, root)
        if args.kill or args.all:
            kill(args.n, args.processes, root)
        if args.speed or args.all:
            speed(args.n, args.runs, root)
    failed = [name for name, ok in RESULTS if not ok]
    print(
        f"\n{len(RESULTS) - len(failed)}/{len(RESULTS)} checks passed in "
        f"{time.perf_counter() - started:.0f} s" + (f"; FAILED: {failed}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
