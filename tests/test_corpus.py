import json

import networkx as nx
import pytest

from newslens import (
    Article,
    Corpus,
    Entity,
    InputError,
    Mention,
    Quote,
    Sentiment,
    edges_frame,
    nodes_frame,
    read_graph,
    write_graph,
)
from newslens.cli import main


def ent(i, name, label, *sentences, key=None, polarity=0.0):
    mentions = tuple(Mention(10 * s, 10 * s + 3, name[:3], s, s // 2) for s in sentences)
    return Entity(
        f"e{i}", name, label, key or name.lower(), mentions, Sentiment(polarity, "neutral")
    )


def article(ident, *entities, published=None, quotes=()):
    return Article(id=ident, published=published, entities=tuple(entities), quotes=tuple(quotes))


@pytest.fixture
def corpus():
    return Corpus(
        [
            article(
                "a1",
                ent(0, "Tony Blair", "PERSON", 0, 1, polarity=0.5),
                ent(1, "Gordon Brown", "PERSON", 1),
                ent(2, "London", "GPE", 3),
                published="2005-01-10",
            ),
            article(
                "a2",
                ent(0, "Blair", "PERSON", 0, 2),
                ent(1, "Gordon Brown", "PERSON", 2),
                published="2005-02-03",
            ),
            article(
                "a3",
                ent(0, "Tony Blair", "PERSON", 4),
                ent(1, "Cherie Blair", "PERSON", 4),
                published="2005-02-20",
            ),
            article("a4", ent(0, "Tony Blair", "PERSON", 0), ent(1, "London", "GPE", 5)),
            article("a5", ent(0, "Tony Blair", "PERSON", 7)),
        ]
    )


def test_surname_joins_the_dominant_full_name(corpus):
    G = corpus.graph(window="article")
    assert "Blair" not in G and "Tony Blair" in G and "Cherie Blair" in G
    tb = G.nodes["Tony Blair"]
    assert (tb["label"], tb["articles"], tb["mentions"]) == ("PERSON", 5, 7)
    assert tb["first_published"] == "2005-01-10" and tb["last_published"] == "2005-02-20"
    assert G["Tony Blair"]["Gordon Brown"]["weight"] == 2
    assert G["Tony Blair"]["Gordon Brown"]["articles"] == 2


def test_several_full_names_of_similar_weight_keep_the_surname_apart():
    arts = [
        article("1", ent(0, "Tony Blair", "PERSON", 0)),
        article("2", ent(0, "Cherie Blair", "PERSON", 0)),
        article("3", ent(0, "Blair", "PERSON", 0)),
    ]
    assert sorted(Corpus(arts).graph(window="article")) == ["Blair", "Cherie Blair", "Tony Blair"]


def test_windows(corpus):
    sent = corpus.graph(window="sentence")
    assert sent["Tony Blair"]["Gordon Brown"]["weight"] == 2  # a1 sentence 1, a2 sentence 2
    assert not sent.has_edge("Tony Blair", "London")
    para = corpus.graph(window="paragraph")
    assert not para.has_edge("Tony Blair", "London")  # a1: paragraph 0/0 vs 1
    art = corpus.graph(window="article")
    assert art["Tony Blair"]["London"]["weight"] == 2
    e = art["Tony Blair"]["London"]
    assert e["jaccard"] == pytest.approx(2 / 5) and e["pmi"] == pytest.approx(0.0)
    with pytest.raises(InputError, match="window must be one of"):
        corpus.graph(window="page")


def test_filters(corpus):
    G = corpus.graph(window="article", labels=["PERSON"], min_weight=2)
    assert "London" not in G
    assert sorted(G.edges) == [("Tony Blair", "Gordon Brown")]
    assert "Cherie Blair" in G  # a node stays even when its edges are filtered
    assert "Gordon Brown" not in corpus.graph(window="article", min_mentions=3)


def test_quote_graph():
    quote = Quote("We will win in London", 100, 121, "direct", "Tony Blair", "e0", 0, 3, "said")
    london = Entity("e1", "London", "GPE", "london", (Mention(115, 121, "London", 2),))
    art = article("q", ent(0, "Tony Blair", "PERSON", 0), london, quotes=[quote])
    G = Corpus([art]).quote_graph()
    assert isinstance(G, nx.DiGraph)
    assert list(G.edges(data="weight")) == [("Tony Blair", "London", 1)]


def test_snapshots_and_dynamic_gexf(corpus, tmp_path):
    snaps = corpus.snapshots("M", window="article")
    assert list(snaps) == ["2005-01", "2005-02"]
    assert snaps["2005-01"].has_edge("Tony Blair", "Gordon Brown")
    G = corpus.dynamic_graph("M", window="article")
    assert G.nodes["Tony Blair"]["spells"] == [
        ("2005-01-01", "2005-01-31"),
        ("2005-02-01", "2005-02-28"),
    ]
    path = write_graph(G, tmp_path / "g.gexf")
    assert 'mode="dynamic"' in path.read_text()


def test_exports_round_trip(corpus, tmp_path):
    G = corpus.graph(window="article")
    for ext in ("graphml", "gexf", "json"):
        H = read_graph(write_graph(G, tmp_path / f"g.{ext}"))
        assert sorted(H.nodes) == sorted(G.nodes)
        assert sorted(tuple(sorted(e)) for e in H.edges) == sorted(
            tuple(sorted(e)) for e in G.edges
        )
        assert int(H.nodes["Tony Blair"]["mentions"]) == 7
        assert int(H["Tony Blair"]["Gordon Brown"]["weight"]) == 2
    with pytest.raises(InputError, match="unknown graph format"):
        write_graph(G, tmp_path / "g.png")


def test_frames_have_fixed_schemas_even_when_empty(corpus):
    empty = Corpus([])
    for name in (
        "articles_frame",
        "entities_frame",
        "mentions_frame",
        "quotes_frame",
        "figures_frame",
    ):
        full, none = getattr(corpus, name)(), getattr(empty, name)()
        assert list(full.columns) == list(none.columns)
        assert dict(full.dtypes) == dict(none.dtypes)
        assert len(none) == 0
    assert len(corpus.entities_frame()) == 10
    assert len(corpus.mentions_frame()) == 12
    assert corpus.articles_frame()["n_entities"].tolist() == [3, 2, 2, 2, 1]
    G = corpus.graph(window="article")
    assert list(nodes_frame(G).columns)[:3] == ["node", "key", "label"]
    assert len(edges_frame(G)) == G.number_of_edges()
    assert len(edges_frame(nx.Graph())) == 0


def test_analysis_helpers(corpus):
    top = corpus.top_entities(2, window="article")
    assert top["node"].tolist() == ["Tony Blair", "Gordon Brown"]
    assert corpus.centrality("degree", window="article").index[0] == "Tony Blair"
    assert set().union(*corpus.communities(window="article")) == set(corpus.graph(window="article"))
    ego = corpus.ego("gordon brown", window="article")
    assert sorted(ego) == ["Gordon Brown", "London", "Tony Blair"]


def test_read_streams_batch_results_and_cli(corpus, tmp_path):
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in corpus))
    disk = Corpus.read(results)
    assert len(disk) == 5
    assert nx.utils.graphs_equal(disk.graph(window="article"), corpus.graph(window="article"))
    out = tmp_path / "g.graphml"
    assert main(["graph", str(results), "--output", str(out), "--window", "article"]) == 0
    assert sorted(read_graph(out).nodes) == sorted(corpus.graph(window="article").nodes)
    with pytest.raises(InputError, match="does not exist"):
        Corpus.read(tmp_path / "missing.jsonl")


@pytest.mark.model
def test_seed_article_graph(seed):
    corpus = Corpus([seed])
    art = corpus.graph(window="article")
    assert art.has_edge("Xi Jinping", "Lu Gang")
    sent = corpus.graph(window="sentence")
    assert sent["China"]["Central Asia"]["weight"] >= 3
    for teaser in ("HS2", "Storm Agnes", "Aviva", "AIG", "Greater Manchester", "FTSE"):
        assert not any(teaser in n for n in art.nodes)


def test_parquet_batch_and_corpus_round_trip(corpus, tmp_path):
    pytest.importorskip("pyarrow")
    from newslens._parquet import ParquetWriter, iter_parquet

    path = tmp_path / "results.parquet"
    with ParquetWriter(path, rows_per_group=2) as out:
        for art in corpus:
            out.write(art.to_dict())
    rows = list(iter_parquet(path))
    assert [Article.from_dict(r) for r in rows] == list(corpus)
    disk = Corpus.read(path)
    assert nx.utils.graphs_equal(disk.graph(window="article"), corpus.graph(window="article"))
    assert len(disk.mentions_frame()) == len(corpus.mentions_frame())


@pytest.mark.model
def test_cli_batch_to_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Tony Blair met Gordon Brown.", "x": 1}) + "\n")
    out = tmp_path / "out.parquet"
    assert main(["batch", str(src), "-o", str(out), "--format", "parquet", "-q"]) == 0
    (art,) = Corpus.read(out)
    assert art.id == "a" and art.meta == {"x": 1}
    assert {e.name for e in art.entities} == {"Tony Blair", "Gordon Brown"}
    assert main(["batch", str(src), "-o", str(out), "--resume", "-q"]) == 0  # nothing to redo
    assert [a.to_dict() for a in Corpus.read(out)] == [art.to_dict()]


def test_readme_documents_every_column_of_every_table():
    from newslens._tables import SCHEMAS
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, columns in SCHEMAS.items():
        (row,) = [line for line in readme.splitlines() if line.startswith(f"| `{name}` ")]
        assert [c for c in columns if f"`{c}` {columns[c]}" not in row] == []


def test_edges_frame_of_a_quote_graph():
    speaker = Entity(
        "e0", "Tony Blair", "PERSON", "tony blair", (Mention(40, 50, "Tony Blair", 0),)
    )
    subject = Entity(
        "e1", "Gordon Brown", "PERSON", "gordon brown", (Mention(1, 13, "Gordon Brown", 0),)
    )
    quote = Quote(
        "Gordon Brown will win", 1, 22, "direct", speaker="Tony Blair", speaker_entity="e0"
    )
    corpus = Corpus([Article(id="a", entities=(speaker, subject), quotes=(quote,))])
    G = corpus.quote_graph()
    frame = edges_frame(G)
    assert frame[["source", "target", "weight"]].values.tolist() == [
        ["Tony Blair", "Gordon Brown", 1]
    ]
    assert frame["articles"].isna().all()  # a quote graph counts quotes, not articles
