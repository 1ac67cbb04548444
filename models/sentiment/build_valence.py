"""Build ``valence.tsv``, the word valences the target-sentiment classifier reads as features.

    pip download vaderSentiment==3.3.2 --no-deps -d /tmp/vader
    python models/sentiment/build_valence.py /tmp/vader/vaderSentiment-3.3.2-py2.py3-none-any.whl

The words and mean valences (−4 … 4, the mean of ten raters) of VADER's lexicon
(Hutto & Gilbert, ICWSM 2014; ``vaderSentiment`` 3.3.2, MIT, copyright (c) 2016 C.J. Hutto,
licence in ``LICENSE-vader.txt`` beside this script). Only entries that begin with a letter are kept
(emoticons never reach a news classifier); the raters' spread and raw ratings are dropped.
Deterministic: the same wheel gives the same file.
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEMBER = "vaderSentiment/vader_lexicon.txt"
HEADER = (
    "# word<TAB>mean valence (-4..4): VADER lexicon, vaderSentiment 3.3.2, MIT,\n"
    "# copyright (c) 2016 C.J. Hutto (LICENSE-vader.txt); built by build_valence.py\n"
)


def valences(lexicon: str) -> list[tuple[str, float]]:
    """Return ``(word, mean valence)`` for every lexicon line whose word begins with a letter.

    >>> valences("good\\t1.9\\t0.9\\t[2, 2]\\n:)\\t2.0\\t1.2\\t[2, 2]\\n")
    [('good', 1.9)]
    """
    out = []
    for line in lexicon.splitlines():
        word, value, *_ = line.split("\t")
        if word[:1].isalpha():
            out.append((word, float(value)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wheel", type=Path, help="the vaderSentiment 3.3.2 wheel")
    ap.add_argument("--out", type=Path, default=HERE / "valence.tsv")
    args = ap.parse_args()
    with zipfile.ZipFile(args.wheel) as whl:
        lexicon = whl.read(MEMBER).decode("utf-8")
    rows = valences(lexicon)
    body = "".join(f"{w}\t{v:g}\n" for w, v in sorted(rows))
    args.out.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(rows)} words -> {args.out}")


if __name__ == "__main__":
    main()
