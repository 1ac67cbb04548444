import importlib

import networkx as nx
import pytest

from newslens import (
    Article,
    Corpus,
    Entity,
    Figure,
    InputError,
    Mention,
    NewslensError,
    Quote,
    Sentence,
    Sentiment,
)

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = importlib.import_module("matplotlib.pyplot")

from newslens import plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _sentences(*polarities):
    return tuple(
        Sentence(10 * i, 10 * i + 9, Sentiment(p, "positive" if p > 0 else "negative"))
        for i, p in enumerate(polarities)
    )


def _entity(k, name, label, n=1):
    mentions = tuple(Mention(0, len(name), name, 0) for _ in range(n))
    return Entity(f"e{k}", name, label, name.lower(), mentions)


def _quote():
    return Quote("We agree", 0, 8, "direct")


def _figure():
    return Figure("£4m", 0, 3, "money", 4e6, "GBP")


# --- sentiment ---------------------------------------------------------------------------------


def test_sentiment_plots_one_point_per_sentence():
    art = Article(
        id="a",
        sentiment=Sentiment(0.1, "positive"),
        sentences=_sentences(0.5, -0.25, 0.0, 0.75),
    )
    ax = plot.sentiment(art)
    line = ax.lines[0]
    assert line.get_xdata().tolist() == [0, 1, 2, 3]
    assert line.get_ydata().tolist() == [0.5, -0.25, 0.0, 0.75]
    # a zero line and the article's overall polarity
    assert [ln.get_ydata()[0] for ln in ax.lines[1:]] == [0.0, 0.1]
    assert len(ax.collections) == 2  # the positive and negative shading
    assert ax.get_title() == "a"
    assert ax.get_ylim() == (-1.05, 1.05)


def test_sentiment_draws_on_the_given_axes_and_can_skip_shading():
    _, ax = plt.subplots()
    out = plot.sentiment(Article(sentences=_sentences(0.2, 0.3)), ax=ax, shade=False)
    assert out is ax
    assert len(ax.collections) == 0
    assert len(ax.lines) == 2  # no article sentiment: polarity and zero line only


def test_sentiment_of_an_article_without_sentences():
    ax = plot.sentiment(Article())
    assert len(ax.lines[0].get_xdata()) == 0


# --- graph -------------------------------------------------------------------------------------


def _graph():
    G = nx.Graph()
    for name, label, mentions in [
        ("Ann Lee", "PERSON", 9),
        ("Bob Stone", "PERSON", 4),
        ("Acme", "ORG", 6),
        ("Valmora", "GPE", 2),
        ("Cy Park", "PERSON", 3),
        ("Delta Corp", "ORG", 1),
    ]:
        G.add_node(name, label=label, mentions=mentions)
    G.add_edge("Ann Lee", "Bob Stone", weight=5)
    G.add_edge("Ann Lee", "Acme", weight=3)
    G.add_edge("Bob Stone", "Acme", weight=2)
    G.add_edge("Valmora", "Cy Park", weight=4)
    G.add_edge("Cy Park", "Delta Corp", weight=1)
    G.add_edge("Valmora", "Delta Corp", weight=2)
    return G


def _legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_graph_draws_every_node_with_a_legend_of_labels():
    G = _graph()
    ax = plot.graph(G)
    nodes = ax.collections[0]
    assert len(nodes.get_offsets()) == G.number_of_nodes()
    sizes = nodes.get_sizes().tolist()
    assert sizes.index(max(sizes)) == list(G).index("Ann Lee")  # the most mentions
    edges = ax.collections[1]
    assert len(edges.get_segments()) == G.number_of_edges()
    widths = list(edges.get_linewidths())
    assert widths.index(max(widths)) == list(G.edges).index(("Ann Lee", "Bob Stone"))
    assert _legend(ax) == ["GPE", "ORG", "PERSON"]
    assert {t.get_text() for t in ax.texts} == set(G)


def test_graph_by_community_is_deterministic():
    G = _graph()
    ax = plot.graph(G, color="community")
    assert _legend(ax) == ["community 1", "community 2"]
    colours = ax.collections[0].get_facecolors().tolist()
    again = plot.graph(G, color="community").collections[0].get_facecolors().tolist()
    assert colours == again
    by_node = dict(zip(G, map(tuple, colours), strict=True))
    assert by_node["Ann Lee"] == by_node["Acme"] != by_node["Valmora"] == by_node["Delta Corp"]


def test_graph_top_keeps_the_most_mentioned_nodes():
    ax = plot.graph(_graph(), top=3, labels=False)
    assert len(ax.collections[0].get_offsets()) == 3
    assert len(ax.texts) == 0
    assert _legend(ax) == ["ORG", "PERSON"]  # Ann Lee, Acme, Bob Stone


def test_graph_of_a_directed_quote_graph_draws_arrows():
    Q = nx.DiGraph()
    Q.add_node("Ann Lee", label="PERSON", mentions=3)
    Q.add_node("Acme", label="ORG", mentions=1)
    Q.add_edge("Ann Lee", "Acme", weight=2)
    ax = plot.graph(Q, color="community")
    assert len(ax.collections[0].get_offsets()) == 2
    assert len(ax.patches) == 1  # one arrow


def test_graph_of_an_empty_graph_and_bad_options():
    ax = plot.graph(nx.Graph())
    assert len(ax.collections) == 0
    with pytest.raises(InputError, match="color must be one of"):
        plot.graph(_graph(), color="type")
    with pytest.raises(InputError, match="top must be"):
        plot.graph(_graph(), top=0)


def test_graph_of_a_corpus_graph():
    arts = [
        Article(id="1", entities=(_entity(0, "Ann Lee", "PERSON", 2), _entity(1, "Acme", "ORG"))),
        Article(id="2", entities=(_entity(0, "Ann Lee", "PERSON"), _entity(1, "Valmora", "GPE"))),
    ]
    G = Corpus(arts).graph(window="article")
    ax = plot.graph(G)
    assert len(ax.collections[0].get_offsets()) == 3
    assert _legend(ax) == ["GPE", "ORG", "PERSON"]


# --- over time ---------------------------------------------------------------------------------


def _dated():
    return Corpus(
        [
            Article(id="1", published="2025-01-09", quotes=(_quote(),), figures=(_figure(),) * 3),
            Article(id="2", published="2025-01-23T10:00:00+01:00", quotes=(_quote(),) * 2),
            Article(id="3", published="2025-03-05", figures=(_figure(),)),
            Article(id="4", published=None, figures=(_figure(),) * 5),
            Article(id="5", published="not a date", quotes=(_quote(),)),
        ]
    )


def _bars(ax):
    labels = [t.get_text() for t in ax.get_xticklabels()]
    return dict(zip(labels, [int(p.get_height()) for p in ax.patches], strict=True))


@pytest.mark.parametrize(
    ("what", "expected"),
    [
        ("articles", {"2025-01": 2, "2025-02": 0, "2025-03": 1}),
        ("figures", {"2025-01": 3, "2025-02": 0, "2025-03": 1}),
        ("quotes", {"2025-01": 3, "2025-02": 0, "2025-03": 0}),
    ],
)
def test_over_time_counts_per_month(what, expected):
    ax = plot.over_time(_dated(), what=what)
    assert _bars(ax) == expected
    assert "2 articles without a date left out" in ax.get_xlabel()
    assert ax.get_ylabel() == what


def test_over_time_other_frequencies_and_errors():
    counts = plot.period_counts(_dated(), what="figures", freq="Q")
    assert counts.to_dict() == {"2025Q1": 4}
    assert counts.attrs["undated"] == 2
    assert plot.period_counts([], what="quotes").empty
    ax = plot.over_time([Article(published="2025-02-01")], what="articles", freq="D")
    assert _bars(ax) == {"2025-02-01": 1}
    assert "left out" not in ax.get_xlabel()
    with pytest.raises(InputError, match="what must be one of"):
        plot.over_time(_dated(), what="entities")


# --- interactive -------------------------------------------------------------------------------


def test_interactive_graph_writes_a_page(tmp_path):
    pytest.importorskip("pyvis")
    path = plot.interactive_graph(_graph(), tmp_path / "out" / "graph.html")
    assert path == tmp_path / "out" / "graph.html"
    page = path.read_text(encoding="utf-8")
    assert "Ann Lee" in page and "Delta Corp" in page
    assert "vis-network" in page or "vis.Network" in page
    assert not (tmp_path / "lib").exists()


def test_missing_dependencies_name_the_install_command(monkeypatch, tmp_path):
    real_import = importlib.import_module

    def fake(name, *args):
        if name.startswith(("matplotlib", "pyvis")):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args)

    monkeypatch.setattr(importlib, "import_module", fake)
    with pytest.raises(NewslensError, match=r'pip install "newslens\[plot\]"'):
        plot.sentiment(Article())
    with pytest.raises(NewslensError, match="pip install pyvis"):
        plot.interactive_graph(_graph(), tmp_path / "g.html")
