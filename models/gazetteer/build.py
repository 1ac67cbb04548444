"""Build ``patterns.jsonl`` (spaCy SpanRuler patterns) from pycountry and the curated lists here.

Run from the repository root after editing a list or upgrading pycountry::

    python models/gazetteer/build.py

Countries come from pycountry (ISO 3166-1: ``name``, ``common_name``, ``official_name``); the
``*.tsv`` files beside this script add the aliases news uses (UK, Britain, US, …), capitals and
news cities, international organisations, and regions. Every pattern carries an ``id``: aliases
of one place or organisation share it, so newslens merges "UK" and "Britain" into one entity.
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent


def rows(name: str) -> list[list[str]]:
    out = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([c.strip() for c in line.split("\t") if c.strip()])
    return out


def ident(name: str) -> str:
    return " ".join(name.lower().split())


def main() -> None:
    patterns: dict[str, dict[str, str]] = {}

    def add(text: str, label: str, canonical: str) -> None:
        text = " ".join(text.split())
        if text.startswith("the "):
            text = text[4:]
        # Names with commas or brackets are ISO's sorting forms ("Korea, Republic of"), not
        # what a journalist writes; the alias lists give the usual names instead.
        if not text or any(c in text for c in ",()"):
            return
        patterns.setdefault(text, {"label": label, "pattern": text, "id": ident(canonical)})

    aliases = rows("country_aliases.tsv")
    canonical_of: dict[str, str] = {}
    for canonical, *alts in aliases:
        for alt in alts:
            canonical_of[alt] = canonical
    for canonical, *alts in aliases:
        add(canonical, "GPE", canonical)
        for alt in alts:
            add(alt, "GPE", canonical)
    for country in pycountry.countries:
        names = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        names = [n for n in names if n]
        canonical = next((canonical_of[n] for n in names if n in canonical_of), names[0])
        for n in names:
            add(n, "GPE", canonical)
    for (city,) in (r[:1] for r in rows("capitals.tsv")):
        add(city, "GPE", city)
    for canonical, label, *alts in rows("organisations.tsv"):
        add(canonical, label, canonical)
        for alt in alts:
            add(alt, label, canonical)
    for (region,) in (r[:1] for r in rows("regions.tsv")):
        add(region, "LOC", region)

    out = HERE / "patterns.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for pat in sorted(patterns.values(), key=lambda p: (p["id"], p["pattern"])):
            fh.write(json.dumps(pat, ensure_ascii=False) + "\n")
    print(f"wrote {len(patterns)} patterns to {out} (pycountry {pycountry.__version__})")


if __name__ == "__main__":
    main()
