"""Figures: newslens vs quantulum3 vs bare spaCy spans, scored with the reference scorer.

    python benchmarks/figures.py [--gold benchmarks/gold/figures_bbc_dev.jsonl] [--errors]

Reads the gold articles from ../shared/data/bbc (or, for a gold file ``X.jsonl`` of invented
sentences, their text from ``X.texts.jsonl`` next to it), runs the three systems and scores each
with ../shared/eval/score_figures.py; newslens' end-to-end score is also given per gold kind.
Baselines:
* quantulum3 (``pip install ".[bench]"``): its quantities, with currency units mapped to ISO codes
  where its unit name allows, percentages to ``%``, dimensionless numbers to counts;
* bare spaCy: MONEY / PERCENT / QUANTITY / CARDINAL spans with the first number in them as the
  value and no unit normalisation (what "spaCy only marks spans" gives you).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import spacy
from _common import DATA, OUT, ROOT, bare_spacy, run_scorer

import newslens

BBC = DATA / "bbc"
ISO = {
    "dollar": "USD",
    "united states dollar": "USD",
    "pound sterling": "GBP",
    "euro": "EUR",
    "yen": "JPY",
    "japanese yen": "JPY",
    "renminbi": "CNY",
    "yuan": "CNY",
    "penny": "GBP",
    "cent": "USD",
    "indian rupee": "INR",
    "russian ruble": "RUB",
}
KIND = {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity", "CARDINAL": "count"}


def score(gold: Path, pred: Path) -> dict:
    return run_scorer("score_figures.py", gold, pred)


def write(path: Path, preds: dict[str, list[dict]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for f, figs in preds.items():
            fh.write(json.dumps({"file": f, "figures": figs}) + "\n")
    return path


def quantulum(files: list[str], texts: list[str]) -> dict[str, list[dict]] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import classifier, parser

            # quantulum3's bundled classifier is a scikit-learn pickle that current scikit-learn
            # cannot load (it fails with "No module named '_loss'"); use its rule-based
            # disambiguation, as it does when scikit-learn is absent.
            classifier.USE_CLF = False
    except ImportError:
        print("quantulum3 is not installed (pip install '.[bench]'); skipping it", file=sys.stderr)
        return None
    out: dict[str, list[dict]] = {}
    for f, text in zip(files, texts, strict=True):
        figs = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            quantities = parser.parse(text)
        for q in quantities:
            entity, name = q.unit.entity.name, q.unit.name
            if entity == "currency" or name in ISO:
                kind, unit = "money", ISO.get(name, name)
            elif entity == "dimensionless" and name == "percentage":
                kind, unit = "percent", "%"
            elif entity == "dimensionless":
                kind, unit = "count", ""
            else:
                kind, unit = "quantity", (q.unit.symbols or [name])[0]
            figs.append(
                {
                    "start_char": q.span[0],
                    "end_char": q.span[1],
                    "value": q.value,
                    "unit": unit,
                    "kind": kind,
                }
            )
        out[f] = figs
    return out


def spacy_spans(nlp: spacy.Language, files: list[str], texts: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f, doc in zip(files, nlp.pipe(texts), strict=True):
        figs = []
        for ent in doc.ents:
            if ent.label_ in KIND:
                m = re.search(r"\d[\d,]*(?:\.\d+)?", ent.text)
                value = float(m.group(0).replace(",", "")) if m else 0.0
                figs.append(
                    {
                        "start_char": ent.start_char,
                        "end_char": ent.end_char,
                        "value": value,
                        "unit": "",
                        "kind": KIND[ent.label_],
                    }
                )
        out[f] = figs
    return out


def money_and_percent(per_kind: dict[str, dict]) -> str:
    """Summarise money and percent together: span precision, recall, F1 and end-to-end."""
    cs = [per_kind[k] for k in ("money", "percent")]
    gold, pred = sum(c["gold"] for c in cs), sum(c["predicted"] for c in cs)
    r = sum(c["gold_matched"] for c in cs) / gold if gold else 0.0
    p = sum(c["pred_matched"] for c in cs) / pred if pred else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    e2e = sum((c["end_to_end"] or 0.0) * c["gold"] for c in cs) / gold if gold else 0.0
    return f"newslens money+percent: P {p:.3f} R {r:.3f} F1 {f1:.3f} e2e {e2e:.3f} ({gold})"


def _inside(text: str, fig: dict) -> bool:
    s = fig["start_char"]
    return s > 0 and text[s - 1].isalnum() and text[s].isalnum()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "benchmarks/gold/figures_bbc_dev.jsonl"))
    ap.add_argument("--errors", action="store_true", help="list newslens' misses and false hits")
    args = ap.parse_args()
    gold = Path(args.gold)
    gold_rows = [json.loads(x) for x in gold.open(encoding="utf-8") if x.strip()]
    files = sorted({g["file"] for g in gold_rows})
    own = gold.with_name(gold.stem + ".texts.jsonl")
    if own.exists():  # invented sentences: the gold carries its own text
        rows = (json.loads(x) for x in own.open(encoding="utf-8") if x.strip())
        by_id = {r["file"]: r["text"] for r in rows}
        files = sorted(by_id)
        texts = [by_id[f] for f in files]
    elif not BBC.exists():
        print(f"{BBC} is not here; nothing to measure", file=sys.stderr)
        return 0
    else:
        texts = [newslens.read_text(BBC / f) for f in files]
    OUT.mkdir(exist_ok=True)

    nl = newslens.load()
    preds = {
        a.id: [f.to_dict() for f in a.figures]
        for a in nl.pipe({"id": f, "text": t} for f, t in zip(files, texts, strict=True))
    }
    assert all(a is not None for a in preds)
    systems = {"newslens": write(OUT / f"{gold.stem}.newslens.jsonl", preds)}  # type: ignore[arg-type]
    q = quantulum(files, texts)
    if q is not None:
        systems["quantulum3"] = write(OUT / f"{gold.stem}.quantulum3.jsonl", q)
    bare = bare_spacy(nl)
    systems["bare spaCy"] = write(OUT / f"{gold.stem}.spacy.jsonl", spacy_spans(bare, files, texts))

    print(f"gold: {gold.name}: {len(gold_rows)} figures in {len(files)} articles")
    print(
        f"{'system':<11} {'P':>6} {'R':>6} {'F1':>6} {'value':>6} {'unit':>6} {'kind':>6} "
        f"{'e2e':>6}"
    )
    per_kind = {}
    for name, path in systems.items():
        result = score(gold, path)
        o = result["overall"]
        per_kind[name] = result["per_kind"]
        print(
            f"{name:<11} {o['precision']:>6.3f} {o['recall']:>6.3f} {o['f1']:>6.3f} "
            f"{o['value_accuracy']:>6.3f} {o['unit_accuracy']:>6.3f} {o['kind_accuracy']:>6.3f} "
            f"{o['end_to_end']:>6.3f}"
        )
    print("newslens end-to-end by gold kind (figures):")
    for kind, c in per_kind["newslens"].items():
        if c["gold"]:
            print(f"  {kind:<9} {c['end_to_end']:>6.3f} ({c['gold']})")
    print(money_and_percent(per_kind["newslens"]))
    inside = [p for f, t in zip(files, texts, strict=True) for p in preds[f] if _inside(t, p)]
    print(f"newslens figures that start inside a word: {len(inside)}")
    if args.errors:
        by_file: dict[str, list[dict]] = defaultdict(list)
        for g in gold_rows:
            by_file[g["file"]].append(g)
        for f in files:
            got = preds[f]
            for g in by_file[f]:
                hit = [
                    p
                    for p in got
                    if p["start_char"] < g["end_char"] and g["start_char"] < p["end_char"]
                ]
                if not hit:
                    print(f"MISS {f} {g['text']!r} {g['kind']} {g['value']} {g['unit']}")
                elif (
                    abs(hit[0]["value"] - g["value"]) > 0.005 * abs(g["value"])
                    or hit[0]["unit"].lower() != g["unit"].lower()
                ):
                    print(
                        f"WRONG {f} {g['text']!r} gold {g['value']} {g['unit']} / got "
                        f"{hit[0]['text']!r} {hit[0]['value']} {hit[0]['unit']}"
                    )
            for p in got:
                if not any(
                    p["start_char"] < g["end_char"] and g["start_char"] < p["end_char"]
                    for g in by_file[f]
                ):
                    print(f"EXTRA {f} {p['text']!r} {p['kind']} {p['value']} {p['unit']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
