"""Plots of articles, corpora and graphs, with matplotlib (``pip install "newslens[plot]"``).

Every function draws on the ``ax`` it is given (or on a new figure) and returns the matplotlib
Axes; none calls ``show()``, so the plots compose into larger figures and work in scripts,
notebooks and tests alike. matplotlib is imported only when a function is called.

* :func:`sentiment`: sentence polarity along one article;
* :func:`graph`: a co-occurrence (or quote) graph, coloured by entity type or community;
* :func:`over_time`: how many articles, quotes or figures per period of ``published``;
* :func:`interactive_graph`: an interactive HTML page of a graph, with pyvis.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from newslens import Article, Sentence, Sentiment
>>> art = Article(sentences=(Sentence(0, 9, Sentiment(0.4, "positive")),
...                          Sentence(10, 20, Sentiment(-0.3, "negative"))))
>>> ax = sentiment(art)
>>> ax.lines[0].get_ydata().tolist()
[0.4, -0.3]
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from ._errors import InputError, NewslensError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ._records import Article

__all__ = [
    "COLOR_BY",
    "OVER_TIME",
    "graph",
    "interactive_graph",
    "over_time",
    "period_counts",
    "sentiment",
]

#: What :func:`graph` can colour nodes by.
COLOR_BY = ("label", "community")
#: What :func:`over_time` can count.
OVER_TIME = ("articles", "quotes", "figures")

_POSITIVE, _NEGATIVE = "#2ca02c", "#d62728"


def _pyplot() -> ModuleType:
    """Return ``matplotlib.pyplot``, or raise an error naming the install command."""
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError as exc:
        raise NewslensError(
            'newslens.plot needs matplotlib, which is not installed: pip install "newslens[plot]"'
        ) from exc


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, new = _pyplot().subplots(figsize=figsize)
    result: Axes = new
    return result


def _palette(n: int) -> list[Any]:
    """Return ``n`` distinct colours (matplotlib's tab10, then tab20)."""
    cmap = importlib.import_module("matplotlib").colormaps["tab10" if n <= 10 else "tab20"]
    return [cmap(i % cmap.N) for i in range(n)]


# --- one article -------------------------------------------------------------------------------


def sentiment(article: Article, *, ax: Axes | None = None, shade: bool = True) -> Axes:
    """Plot the polarity of each sentence along an article.

    Parameters
    ----------
    article
        An analysed :class:`~newslens.Article` (its ``sentences`` carry the polarities).
    ax
        Axes to draw on; by default a new figure.
    shade
        Shade the area above zero green and below zero red.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is the polarity line: one point per sentence, x = sentence index.
        A grey line marks zero and a dashed one the article's overall polarity (when known).

    """
    ax = _axes(ax, (8, 3))
    x = list(range(len(article.sentences)))
    y = [s.sentiment.polarity for s in article.sentences]
    ax.plot(x, y, marker="o", markersize=3, color="#1f77b4", label="sentence polarity")
    ax.axhline(0.0, color="grey", linewidth=0.8)
    if shade and x:
        ax.fill_between(
            x, y, 0.0, where=[v > 0 for v in y], interpolate=True, color=_POSITIVE, alpha=0.2
        )
        ax.fill_between(
            x, y, 0.0, where=[v < 0 for v in y], interpolate=True, color=_NEGATIVE, alpha=0.2
        )
    if article.sentiment is not None:
        ax.axhline(
            article.sentiment.polarity,
            color="black",
            linestyle="--",
            linewidth=0.8,
            label=f"article ({article.sentiment.polarity:+.2f})",
        )
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("sentence")
    ax.set_ylabel("polarity")
    ax.set_title(article.title or article.id or "sentiment by sentence")
    ax.legend(loc="upper right", fontsize="small")
    return ax


# --- graphs ------------------------------------------------------------------------------------


def _top(G: nx.Graph[str], top: int | None) -> nx.Graph[str]:
    """Return the subgraph of the ``top`` nodes with the most mentions (all when None)."""
    if top is None:
        return G
    if top < 1:
        raise InputError(f"top must be a positive number of nodes or None, got {top!r}")
    order = sorted(G.nodes, key=lambda n: (-int(G.nodes[n].get("mentions", 1)), str(n)))
    sub: nx.Graph[str] = G.subgraph(order[:top])
    return sub


def _groups(G: nx.Graph[str], color: str, seed: int) -> tuple[list[str], dict[str, int]]:
    """Return the legend's group names and each node's group index."""
    if color == "label":
        names = sorted({str(G.nodes[n].get("label", "?")) for n in G})
        index = {name: i for i, name in enumerate(names)}
        return names, {n: index[str(G.nodes[n].get("label", "?"))] for n in G}
    if color == "community":
        undirected = G.to_undirected() if G.is_directed() else G
        found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
        comms = sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(map(str, c))))
        member = {n: i for i, c in enumerate(comms) for n in c}
        return [f"community {i + 1}" for i in range(len(comms))], member
    raise InputError(f"color must be one of {', '.join(map(repr, COLOR_BY))}, got {color!r}")


def _layout(G: nx.Graph[str], seed: int) -> dict[str, Any]:
    """Return node positions: the largest component in the middle, the others in a row below.

    Each component is laid out on its own (networkx ``spring_layout``), so small components
    and lone nodes do not push the main one into a corner.
    """
    U = G.to_undirected() if G.is_directed() else G
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(U)), key=lambda c: (-len(c), str(c[0]))
    )
    main, rest = comps[0], comps[1:]
    k = 2.0 / len(main) ** 0.5
    pos: dict[str, Any] = dict(
        nx.spring_layout(U.subgraph(main), seed=seed, weight="weight", k=k, iterations=200)
    )
    step = 2.0 / max(len(rest), 1)
    for i, comp in enumerate(rest):
        centre = (-1.0 + step * (i + 0.5), -1.35)
        if len(comp) == 1:
            pos[comp[0]] = centre
            continue
        sub = U.subgraph(comp)
        scale = min(step, 1.0) * 0.4
        pos.update(nx.spring_layout(sub, seed=seed, weight="weight", scale=scale, center=centre))
    return pos


def _scale(values: Sequence[float], low: float, high: float) -> list[float]:
    top = max(values, default=0.0) or 1.0
    return [low + (high - low) * v / top for v in values]


def graph(
    G: nx.Graph[str],
    *,
    ax: Axes | None = None,
    color: str = "label",
    top: int | None = None,
    seed: int = 0,
    labels: bool = True,
) -> Axes:
    """Draw a co-occurrence graph (from :meth:`Corpus.graph <newslens.Corpus.graph>`).

    Nodes are sized by their ``mentions`` attribute and coloured by entity type (``label``
    attribute) or by Louvain community (networkx ``louvain_communities``); edges are as wide as
    their ``weight``. A directed graph (:meth:`~newslens.Corpus.quote_graph`) is drawn with
    arrows. The layout (networkx ``spring_layout``) and the communities use ``seed``, so the
    same graph is drawn the same way every time.

    Parameters
    ----------
    G
        The graph; nodes without ``mentions`` count as 1, edges without ``weight`` as 1.
    ax
        Axes to draw on; by default a new figure.
    color
        ``"label"`` (entity type) or ``"community"``; the legend names the colours.
    top
        Draw only the ``top`` nodes with the most mentions (and the edges between them).
    seed
        Seed of the layout and of the community detection.
    labels
        Write each node's name next to it.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.collections[0]`` holds the nodes (one offset per node drawn).

    """
    if color not in COLOR_BY:
        raise InputError(f"color must be one of {', '.join(map(repr, COLOR_BY))}, got {color!r}")
    ax = _axes(ax, (9, 7))
    H = _top(G, top)
    ax.set_axis_off()
    if len(H) == 0:
        ax.set_title("(empty graph)")
        return ax
    Line2D = importlib.import_module("matplotlib.lines").Line2D
    nodes = list(H.nodes)
    names, group = _groups(H, color, seed)
    colours = _palette(len(names))
    pos = _layout(H, seed)
    sizes = _scale([float(H.nodes[n].get("mentions", 1)) for n in nodes], 80.0, 1200.0)
    nx.draw_networkx_nodes(
        H,
        pos,
        ax=ax,
        nodelist=nodes,
        node_size=sizes,
        node_color=[colours[group[n]] for n in nodes],
        alpha=0.85,
        linewidths=0.5,
        edgecolors="white",
    )
    edges = list(H.edges)
    if edges:
        widths = _scale([float(H.edges[e].get("weight", 1)) for e in edges], 0.5, 5.0)
        nx.draw_networkx_edges(
            H,
            pos,
            ax=ax,
            edgelist=edges,
            width=widths,
            alpha=0.4,
            edge_color="grey",
            node_size=sizes,
        )
    if labels:
        nx.draw_networkx_labels(H, pos, ax=ax, font_size=8)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=c, label=name)
        for name, c in zip(names, colours, strict=True)
    ]
    ax.legend(handles=handles, loc="best", fontsize="small", frameon=False)
    ax.margins(0.1)
    return ax


def interactive_graph(G: nx.Graph[str], path: str | Path, *, height: str = "700px") -> Path:
    """Write an interactive HTML page of a graph with pyvis (``pip install pyvis``).

    Nodes are sized by ``mentions`` and grouped (coloured) by entity type; hovering shows the
    type and counts, and edges are as wide as their ``weight``. The page embeds its JavaScript,
    so it opens offline.

    Parameters
    ----------
    G
        The graph, as from :meth:`Corpus.graph <newslens.Corpus.graph>`.
    path
        Where to write the ``.html`` page.
    height
        Height of the canvas (CSS).

    Returns
    -------
    pathlib.Path
        ``path``.

    """
    try:
        network = importlib.import_module("pyvis.network")
    except ImportError as exc:
        raise NewslensError(
            "interactive_graph needs pyvis, which is not installed: pip install pyvis"
        ) from exc
    out = Path(path)
    net = network.Network(
        height=height, width="100%", directed=G.is_directed(), cdn_resources="in_line"
    )
    for n, data in G.nodes(data=True):
        label, mentions = str(data.get("label", "?")), int(data.get("mentions", 1))
        title = f"{n} ({label}): {mentions} mentions in {data.get('articles', '?')} articles"
        net.add_node(str(n), label=str(n), title=title, value=mentions, group=label)
    for a, b, data in G.edges(data=True):
        weight = data.get("weight", 1)
        net.add_edge(str(a), str(b), value=weight, title=f"{a} – {b}: {weight}")
    out.parent.mkdir(parents=True, exist_ok=True)
    net.write_html(str(out))
    return out


# --- over time ---------------------------------------------------------------------------------


def _timestamp(value: str | None) -> pd.Timestamp | None:
    """Parse a ``published`` value with pandas; None when empty or not a date."""
    if value is None or not str(value).strip():
        return None
    try:
        ts = pd.Timestamp(str(value))
    except (ValueError, TypeError, OverflowError):
        return None
    if pd.isna(ts):
        return None
    return ts.tz_localize(None) if ts.tzinfo is not None else ts


def period_counts(
    articles: Iterable[Article], *, what: str = "articles", freq: str = "M"
) -> pd.Series:
    """Return how many articles, quotes or figures fall in each period of ``published``.

    Every period from the first to the last is present (zero when empty). Articles whose
    ``published`` is missing or not a date are left out; ``attrs["undated"]`` says how many.

    >>> from newslens import Article
    >>> arts = [Article(published="2024-01-05"), Article(published="2024-03-01"),
    ...         Article(published=None)]
    >>> counts = period_counts(arts, freq="M")
    >>> counts.to_dict(), counts.attrs["undated"]
    ({'2024-01': 1, '2024-02': 0, '2024-03': 1}, 1)
    """
    if what not in OVER_TIME:
        raise InputError(f"what must be one of {', '.join(map(repr, OVER_TIME))}, got {what!r}")
    periods: list[pd.Period] = []
    weights: list[int] = []
    undated = 0
    for art in articles:
        ts = _timestamp(art.published)
        if ts is None:
            undated += 1
            continue
        periods.append(ts.to_period(freq))
        weights.append(1 if what == "articles" else len(getattr(art, what)))
    tally: dict[pd.Period, int] = {}
    for period, weight in zip(periods, weights, strict=True):
        tally[period] = tally.get(period, 0) + weight
    span: list[pd.Period] = (
        list(pd.period_range(min(periods), max(periods), freq=freq)) if periods else []
    )
    values = [tally.get(p, 0) for p in span]
    series = pd.Series(
        values, index=pd.Index([str(p) for p in span], dtype="object"), dtype="int64"
    )
    series.name = what
    series.attrs["undated"] = undated
    return series


def over_time(
    corpus: Iterable[Article],
    *,
    what: str = "figures",
    freq: str = "M",
    ax: Axes | None = None,
) -> Axes:
    """Plot how many figures, quotes or articles there are per period of ``published``.

    Dates are parsed with pandas (``pd.Timestamp``; a time zone is dropped, keeping the local
    date). Articles without a ``published`` date, or with one pandas cannot parse, are left
    out; the x-axis label says how many were.

    Parameters
    ----------
    corpus
        A :class:`~newslens.Corpus` (or any iterable of Articles).
    what
        ``"figures"``, ``"quotes"`` or ``"articles"``.
    freq
        A pandas period frequency: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``.
    ax
        Axes to draw on; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes
        One bar per period, first to last (empty periods have height 0), labelled by period.

    """
    counts = period_counts(corpus, what=what, freq=freq)
    ax = _axes(ax, (8, 3.5))
    x = list(range(len(counts)))
    ax.bar(x, counts.to_list(), color="#1f77b4")
    ax.set_xticks(x, counts.index.to_list(), rotation=45 if len(x) > 6 else 0)
    undated = int(counts.attrs["undated"])
    note = f" ({undated} article{'s' if undated != 1 else ''} without a date left out)"
    ax.set_xlabel(f"period ({freq})" + (note if undated else ""))
    ax.yaxis.set_major_locator(
        importlib.import_module("matplotlib.ticker").MaxNLocator(integer=True)
    )
    ax.set_ylabel(what)
    ax.set_title(f"{what} per period")
    return ax
