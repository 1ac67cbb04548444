"""Quote extraction and speaker attribution on PolNeAR, with textacy as the baseline.

    python benchmarks/quotes.py [--split dev|train|validation] [--limit N] [--no-baseline]

Runs newslens over ../shared/data/polnear/<split>/text, writes predictions in the format of
../shared/eval/polnear.py and scores them with it (direct quotes: P/R/F1, speaker accuracy,
end-to-end; indirect quotes: recall). textacy's ``direct_quotations`` (``pip install
".[bench]"``) runs side by side on the same spaCy pipeline.

Splits: ``dev`` (PolNeAR dev) and ``train`` are for tuning; ``validation`` is a fixed fifth of
PolNeAR train, chosen by a hash of the file name, that is never tuned on (``train`` here is the
other four fifths). Judge a change by its validation number; report both apart.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import spacy
from _common import DATA, EVAL, OUT, bare_spacy, run_scorer

import newslens


def in_validation(name: str) -> bool:
    """Tell whether a PolNeAR train article belongs to the held-out validation fifth."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 5 == 0


def score(gold_dir: Path, pred: Path) -> dict:
    return run_scorer("polnear.py", gold_dir, pred)


def readable_gold(gold_dir: Path, tmp: Path, files: list[str]) -> tuple[Path, int]:
    """Copy the annotations of ``files`` into ``tmp`` for the reference scorer.

    Returns the folder and how many lines were left out: a few ``.ann`` files of the train
    split hold a line broken inside an annotation's text, on which the scorer stops. The texts
    are linked, not copied.
    """
    stems = {f.removesuffix(".txt") for f in files}
    (tmp / "attributions").mkdir()
    (tmp / "text").symlink_to((gold_dir / "text").resolve())
    bad = 0
    for ann in sorted((gold_dir / "attributions").glob("*.ann")):
        if ann.stem.rsplit("_", 1)[0] not in stems:
            continue
        lines = ann.read_text(encoding="utf-8").splitlines()
        keep = [ln for ln in lines if re.match(r"[TERAM#N]\d*\t", ln) or not ln.strip()]
        bad += len(lines) - len(keep)
        (tmp / "attributions" / ann.name).write_text("\n".join(keep) + "\n", encoding="utf-8")
    return tmp, bad


def unscored_false_positives(gold_dir: Path, pred: Path) -> tuple[int, int]:
    """Count the scorer's false positives, and those an annotator marked as an attribution.

    The reference scorer keeps an annotated attribution as a gold direct quote only when its
    content holds a double quote mark, and as an indirect one only when its cue is in a fixed
    verb list; the rest of PolNeAR's attributions (quotes in single marks or in ''…'', reports
    cued by "warning", "acknowledging", …) are in no gold set, so a prediction of one counts
    against precision. Matched as the scorer matches (``polnear.match``), against the
    attributions of the same annotator file the scorer reads (the first in name order).
    """
    polnear = reference_scorer()
    gold = polnear.read_gold(gold_dir)
    preds = polnear.load_predictions(pred)
    first_files: dict[str, Path] = {}
    for ann in sorted((gold_dir / "attributions").glob("*.ann")):
        first_files.setdefault(ann.stem.rsplit("_", 1)[0] + ".txt", ann)
    false_pos = marked = 0
    for name, g in gold.items():
        ps = preds.get(name, [])
        direct = {id(p) for p, _ in polnear.match(ps, g["direct"])}
        rest = [p for p in ps if id(p) not in direct]
        indirect = {id(p) for p, _ in polnear.match(rest, g["indirect"])}
        fps = [p for p in rest if id(p) not in indirect]
        scored = {(x["start"], x["end"]) for x in g["direct"] + g["indirect"]}
        left_out = [c for c in annotated_contents(first_files[name]) if c not in scored]
        golds = [{"start": s, "end": e} for s, e in left_out]
        false_pos += len(fps)
        marked += len(polnear.match(fps, golds))
    return false_pos, marked


def reference_scorer() -> Any:
    """Import ../shared/eval/polnear.py, the reference scorer, for its reading and matching."""
    sys.path.insert(0, str(EVAL))
    import polnear

    return polnear


def annotated_contents(ann: Path) -> list[tuple[int, int]]:
    """Return the outer extent of every attribution's content in one annotator file."""
    spans = reference_scorer().spans  # the scorer's reading of "start end;start end"
    boxes: dict[str, list[tuple[int, int]]] = {}
    contents = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) > 1:
            boxes[fields[0]] = spans(fields[1].partition(" ")[2])
        elif line.startswith("E") and len(fields) > 1:
            roles = [a.partition(":") for a in fields[1].split()]
            content = [tid for role, _, tid in roles if re.sub(r"\d+$", "", role) == "Content"]
            contents += content[-1:]  # as the scorer reads a relation: its last Content
    extents = [boxes[c] for c in contents if c in boxes]
    return [(min(s for s, _ in b), max(e for _, e in b)) for b in extents]


def textacy_preds(nlp: spacy.Language, files: list[str], texts: list[str]) -> dict | None:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        print("textacy is not installed (pip install '.[bench]'); skipping it", file=sys.stderr)
        return None
    out = {}
    for f, doc in zip(files, nlp.pipe(texts), strict=True):
        quotes = []
        try:
            triples = list(direct_quotations(doc))
        except Exception as err:  # textacy raises on odd numbers of quote marks
            print(f"textacy failed on {f}: {type(err).__name__}: {err}", file=sys.stderr)
            triples = []
        for t in triples:
            content = t.content
            sp = t.speaker
            quotes.append(
                {
                    "start_char": content.start_char,
                    "end_char": content.end_char,
                    "speaker": " ".join(tok.text for tok in sp) if sp else None,
                    "speaker_start_char": sp[0].idx if sp else None,
                    "speaker_end_char": sp[-1].idx + len(sp[-1].text) if sp else None,
                }
            )
        out[f] = quotes
    return out


def write(path: Path, preds: dict) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for f, quotes in preds.items():
            fh.write(json.dumps({"file": f, "quotes": quotes}) + "\n")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train", "validation"))
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="score the first N articles only")
    args = ap.parse_args()
    gold_dir = DATA / "polnear" / ("dev" if args.split == "dev" else "train")
    if not gold_dir.exists():
        print(f"{gold_dir} is not here; nothing to measure", file=sys.stderr)
        return 0
    files = sorted(
        {p.name.rsplit("_", 1)[0] + ".txt" for p in (gold_dir / "attributions").glob("*.ann")}
    )
    if args.split != "dev":
        held_out = args.split == "validation"
        files = [f for f in files if in_validation(f) == held_out]
    if args.limit:
        files = files[: args.limit]
    texts = [(gold_dir / "text" / f).read_text(encoding="utf-8") for f in files]
    OUT.mkdir(exist_ok=True)
    nl = newslens.load()
    preds = {}
    for art in nl.pipe({"id": f, "text": t} for f, t in zip(files, texts, strict=True)):
        preds[art.id] = [
            {
                "start_char": q.start_char,
                "end_char": q.end_char,
                "speaker": q.speaker,
                "speaker_start_char": q.speaker_start_char,
                "speaker_end_char": q.speaker_end_char,
                "kind": q.kind,
                "text": q.text,
                "cue": q.cue,
                "spans": [list(span) for span in q.spans],
            }
            for q in art.quotes
        ]
    systems = {"newslens": write(OUT / f"polnear-{args.split}.newslens.jsonl", preds)}
    if not args.no_baseline:
        bare = bare_spacy(nl)
        tx = textacy_preds(bare, files, texts)
        if tx is not None:
            systems["textacy"] = write(OUT / f"polnear-{args.split}.textacy.jsonl", tx)
    tmp = tempfile.TemporaryDirectory()
    gold_dir, dropped = readable_gold(gold_dir, Path(tmp.name), files)
    print(f"PolNeAR {args.split}: {len(files)} articles")
    if dropped:
        print(f"({dropped} malformed annotation lines left out so the scorer can read the split)")
    print(
        f"{'system':<10} {'dir P':>6} {'dir R':>6} {'dir F1':>6} {'spkr':>6} {'e2e':>6} "
        f"{'ind R':>6} {'ind spk':>7}"
    )
    for name, path in systems.items():
        r = score(gold_dir, path)
        d, i = r["direct"], r["indirect"]
        print(
            f"{name:<10} {d['precision'] or 0:>6.3f} {d['recall']:>6.3f} {d['f1'] or 0:>6.3f} "
            f"{d['speaker_accuracy']:>6.3f} {d['end_to_end']:>6.3f} {i['recall']:>6.3f} "
            f"{i['speaker_accuracy']:>7.3f}   (gold direct {d['gold']}, indirect {i['gold']})"
        )
    false_pos, marked = unscored_false_positives(gold_dir, systems["newslens"])
    print(
        f"newslens: {marked} of its {false_pos} direct false positives match an attribution the "
        "annotators marked but the scorer's gold leaves out (no double quote mark in it, or a "
        "cue outside the scorer's verb list)"
    )
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
