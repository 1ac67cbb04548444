from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT / "examples" / "harbour-deal.txt"


@pytest.fixture(scope="session")
def nl():
    """The real default pipeline, loaded once for the whole run."""
    import newslens

    return newslens.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = SHARED / "seed-article.txt"
    if not path.exists():
        pytest.skip("../shared/data/seed-article.txt is not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(nl, seed_text):
    return nl(seed_text, id="seed-article.txt")


def check_offsets(article, text: str) -> None:
    """Every span of the article indexes the original text."""
    for ent in article.entities:
        for m in ent.mentions:
            assert text[m.start_char : m.end_char] == m.text
    for q in article.quotes:
        assert 0 <= q.start_char < q.end_char <= len(text)
        assert q.spans[0][0] == q.start_char and q.spans[-1][1] == q.end_char
        for (s, e), (s2, _) in zip(q.spans, q.spans[1:], strict=False):
            assert s < e <= s2  # pieces in order, apart
        assert q.text == " ".join(text[s:e] for s, e in q.spans)
    for f in article.figures:
        assert text[f.start_char : f.end_char] == f.text
    for s in article.sentences:
        assert 0 <= s.start_char < s.end_char <= len(text)
    for c in article.chrome:
        assert 0 <= c.start_char < c.end_char <= len(text)
