"""A collection of analysed articles: tables, and who appears with whom.

A :class:`Corpus` is built from :class:`~newslens.Article` records, or read from batch results on
disk (JSON Lines) without running any NLP. Graphs are built in one streaming pass over the
records, keeping only per-entity and per-pair counts, so memory grows with the number of distinct
entities and pairs, not with the number of articles.

Across articles, entities with the same ``key`` are one node. A person some articles only call
by a surname ("Blair") joins the full name ("Tony Blair") when the corpus makes it clear: when
one full name with that surname clearly dominates (by default it is named in at least four times
as many articles as any other); otherwise the surname stays a node of its own.

    >>> from newslens import Article, Entity, Mention
    >>> def art(i, *names):
    ...     ents = tuple(Entity(f"e{k}", n, "PERSON", n.lower(), (Mention(0, 1, n, 0),))
    ...                  for k, n in enumerate(names))
    ...     return Article(id=str(i), entities=ents)
    >>> corpus = Corpus([art(1, "Tony Blair", "Gordon Brown"), art(2, "Blair", "Gordon Brown")])
    >>> G = corpus.graph(window="article")
    >>> sorted(G.nodes), G["Tony Blair"]["Gordon Brown"]["weight"]
    (['Gordon Brown', 'Tony Blair'], 2)
"""

from __future__ import annotations

import gzip
import json
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ._errors import InputError
from ._parquet import MANIFEST, is_table_folder, iter_parquet, iter_tables
from ._records import Article
from ._tables import SCHEMAS, table_rows
from ._tables import frame as _frame

__all__ = ["WINDOWS", "Corpus", "edges_frame", "nodes_frame", "read_graph", "write_graph"]

log = logging.getLogger("newslens")

WINDOWS = ("sentence", "paragraph", "article")
Record = Mapping[str, Any]


@dataclass(slots=True)
class _Node:
    names: dict[str, int] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    mentions: int = 0
    articles: int = 0
    polarity_sum: float = 0.0
    polarity_n: int = 0
    first: str | None = None
    last: str | None = None

    def merge(self, other: _Node) -> None:
        for mine, theirs in ((self.names, other.names), (self.labels, other.labels)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        self.mentions += other.mentions
        self.articles += other.articles
        self.polarity_sum += other.polarity_sum
        self.polarity_n += other.polarity_n
        for value in (other.first, other.last):
            if value is not None:
                self.first = value if self.first is None or value < self.first else self.first
                self.last = value if self.last is None or value > self.last else self.last

    @property
    def name(self) -> str:
        # the fullest of the names used most: most words, then most mentions
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], n))

    @property
    def label(self) -> str:
        return max(self.labels, key=lambda lab: (self.labels[lab], lab))


@dataclass(slots=True)
class _Counts:
    """What one pass over the records gathers for one window."""

    nodes: dict[str, _Node] = field(default_factory=dict)
    weight: dict[tuple[str, str], int] = field(default_factory=dict)
    pair_articles: dict[tuple[str, str], int] = field(default_factory=dict)
    quotes: Counter[tuple[str, str]] = field(default_factory=Counter)
    articles: int = 0


def _published(record: Record) -> str | None:
    value = record.get("published")
    return None if value in (None, "") else str(value)


def _count(records: Iterable[Record], window: str) -> _Counts:
    """Gather node and pair counts in one pass (the hot loop of every graph: kept lean).

    Per record: each entity counts on its node (:func:`_count_entity`) and joins the windows
    its mentions fall in; each window's members count as pairs (:func:`_count_pairs`); each
    quote counts its speaker with the entities named in its words (:func:`_count_quotes`).
    """
    if window not in WINDOWS:
        raise InputError(f"window must be one of {', '.join(WINDOWS)}, got {window!r}")
    c = _Counts()
    field_ = "sentence" if window == "sentence" else "paragraph"
    whole = window == "article"
    for rec in records:
        c.articles += 1
        ents = rec.get("entities") or ()
        if not ents:
            continue
        published = _published(rec)
        keys: dict[str, str] = {}  # entity id -> key
        by_window: dict[int, list[str]] = {}
        for ent in ents:
            key = _count_entity(c.nodes, ent, published)
            if key is None:
                continue
            keys[str(ent.get("id"))] = key
            mentions = ent.get("mentions") or ()
            for w in {0} if whole else {m.get(field_, 0) for m in mentions}:
                members = by_window.get(w)
                if members is None:
                    by_window[w] = [key]
                elif key not in members:
                    members.append(key)
        _count_pairs(c, by_window.values())
        _count_quotes(c, rec.get("quotes") or (), ents, keys)
    return c


def _count_entity(nodes: dict[str, _Node], ent: Record, published: str | None) -> str | None:
    """Add one article's entity to its node (created when new); return its key, if it has one."""
    key = ent.get("key") or ent.get("name")
    if not key:
        return None
    key = str(key)
    n = len(ent.get("mentions") or ()) or int(ent.get("count") or 0)
    node = nodes.get(key)
    if node is None:
        node = nodes[key] = _Node()
    name, label = str(ent.get("name")), str(ent.get("label"))
    node.names[name] = node.names.get(name, 0) + n
    node.labels[label] = node.labels.get(label, 0) + n
    node.mentions += n
    node.articles += 1
    sentiment = ent.get("sentiment")
    if sentiment and sentiment.get("polarity") is not None:
        node.polarity_sum += float(sentiment["polarity"]) * n
        node.polarity_n += n
    if published:
        if node.first is None or published < node.first:
            node.first = published
        if node.last is None or published > node.last:
            node.last = published
    return key


def _count_pairs(c: _Counts, windows: Iterable[list[str]]) -> None:
    """Count each pair of keys sharing a window, and once per article the pairs it holds."""
    weight, seen = c.weight, set()
    for members in windows:
        if len(members) < 2:
            continue
        members.sort()
        for pair in combinations(members, 2):
            weight[pair] = weight.get(pair, 0) + 1
            seen.add(pair)
    for pair in seen:
        c.pair_articles[pair] = c.pair_articles.get(pair, 0) + 1


def _count_quotes(
    c: _Counts, quotes: Iterable[Record], ents: Iterable[Record], keys: Mapping[str, str]
) -> None:
    """Count (speaker, entity) for each entity named in the quoted words of a speaker's quote."""
    for q in quotes:
        speaker = keys.get(str(q.get("speaker_entity")))
        if speaker is None:
            continue
        # the quoted words only: a split quote's pieces, never its attribution
        pieces = [(int(s), int(e)) for s, e in q.get("spans") or ()] or [
            (int(q.get("start_char", 0)), int(q.get("end_char", 0)))
        ]
        for ent in ents:
            other = keys.get(str(ent.get("id")))
            if other is None or other == speaker:
                continue
            if any(
                s <= int(m["start_char"]) and int(m["end_char"]) <= e
                for m in ent.get("mentions") or ()
                for s, e in pieces
            ):
                c.quotes[speaker, other] += 1


def _aliases(nodes: Mapping[str, _Node], dominance: float) -> dict[str, str]:
    """Map a one-word person key ("blair") to the full name that clearly owns it."""
    by_part: dict[str, list[str]] = defaultdict(list)
    for key, node in nodes.items():
        words = key.split()
        if len(words) > 1 and node.label == "PERSON":
            for part in {words[-1], words[0]}:
                by_part[part].append(key)
    out: dict[str, str] = {}
    for key, node in nodes.items():
        if " " in key or node.label != "PERSON":
            continue
        cands = sorted(by_part.get(key, ()), key=lambda k: -nodes[k].articles)
        surname = [k for k in cands if k.split()[-1] == key]
        cands = surname or cands
        if not cands:
            continue
        top = nodes[cands[0]].articles
        runner_up = nodes[cands[1]].articles if len(cands) > 1 else 0
        if top >= dominance * runner_up:
            out[key] = cands[0]
    return out


class Corpus:
    """Many analysed articles; tables of what they hold and graphs of who appears with whom.

    Parameters
    ----------
    articles
        Articles (or their JSON records). A list is used as it is; another iterable is read
        into a list once. To keep memory flat over millions of records, use
        :meth:`Corpus.read` on batch results instead.
    alias_dominance
        A one-word person name joins a full name across articles when that full name is named
        in at least this many times as many articles as any other full name sharing the word.

    """

    def __init__(
        self,
        articles: Iterable[Article | Record] = (),
        *,
        alias_dominance: float = 4.0,
    ) -> None:
        items = articles if isinstance(articles, list) else list(articles)
        self._source: Callable[[], Iterator[Record]] = lambda: (
            a.to_dict() if isinstance(a, Article) else a for a in items
        )
        self._len: int | None = len(items)
        self.alias_dominance = alias_dominance
        self._cache: dict[str, _Counts] = {}

    @classmethod
    def read(
        cls, path: str | Path, *, alias_dominance: float = 4.0, skip_bad_lines: bool = False
    ) -> Corpus:
        """Open batch results without loading them: JSON Lines, or a folder of Parquet tables.

        ``path`` is a ``.jsonl`` / ``.jsonl.gz`` file, a table folder written by
        ``newslens batch --format parquet``, or a single ``.parquet`` file of an earlier version.
        The results are streamed each time a graph or table is built; nothing is re-analysed.
        A JSON Lines line that is not a record (say, the torn tail of an interrupted run) is an
        error naming the fix, or, with ``skip_bad_lines``, skipped with a warning.
        """
        p = Path(path)
        if not p.exists():
            raise InputError(f"{p} does not exist (expected batch results)")
        corpus = cls(alias_dominance=alias_dominance)
        if p.is_dir():
            if not is_table_folder(p):
                raise InputError(
                    f"{p} is a folder but not one of newslens' Parquet tables (no {MANIFEST}); "
                    "give the output of `newslens batch`"
                )
            corpus._source = lambda: iter_tables(p)
        elif p.name.endswith(".parquet"):
            corpus._source = lambda: iter_parquet(p)
        elif p.name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            corpus._source = lambda: _read_jsonl(p, skip_bad_lines=skip_bad_lines)
        else:
            raise InputError(
                f"Corpus.read expects a .jsonl or .jsonl.gz file or a folder of Parquet tables, "
                f"got {p.name}"
            )
        corpus._len = None
        return corpus

    def __iter__(self) -> Iterator[Article]:
        """Yield the articles as :class:`Article` records."""
        for rec in self._source():
            yield Article.from_dict(rec)

    def __len__(self) -> int:
        if self._len is None:
            self._len = sum(1 for _ in self._source())
        return self._len

    def __repr__(self) -> str:
        size = "?" if self._len is None else str(self._len)
        return f"<newslens.Corpus articles={size}>"

    def _repr_html_(self) -> str:
        """Show counts and the top entities, speakers and figures in Jupyter."""
        from ._display import corpus_html

        return corpus_html(self)

    # --- graphs ---------------------------------------------------------------------------

    def _counts(self, window: str) -> _Counts:
        if window not in self._cache:
            self._cache[window] = _count(self._source(), window)
            self._len = self._cache[window].articles
        return self._cache[window]

    def graph(
        self,
        window: str = "sentence",
        *,
        labels: Iterable[str] | None = None,
        min_weight: int = 1,
        min_mentions: int = 1,
    ) -> nx.Graph[str]:
        """Return the co-occurrence graph of the corpus' entities.

        Parameters
        ----------
        window
            Two entities co-occur when named in the same ``sentence``, ``paragraph`` or
            ``article``; an edge's ``weight`` counts such windows.
        labels
            Keep only entities of these types (e.g. ``["PERSON", "ORG"]``).
        min_weight, min_mentions
            Drop edges lighter than ``min_weight`` and entities with fewer mentions.

        Returns
        -------
        networkx.Graph
            Nodes are canonical names, with ``key``, ``name``, ``label``, ``mentions``,
            ``articles``, ``sentiment`` (mean polarity) and, when known, ``first_published`` /
            ``last_published``. Edges have ``weight``, ``articles``, ``jaccard`` (articles
            with both / articles with either) and ``pmi`` (pointwise mutual information over
            articles).

        """
        c = self._counts(window)
        nodes, remap = self._resolved(c)
        edges: dict[tuple[str, str], int] = {}
        edge_articles: dict[tuple[str, str], int] = {}
        for (a, b), w in c.weight.items():
            ra, rb = remap.get(a, a), remap.get(b, b)
            if ra == rb:
                continue
            pair = (ra, rb) if ra < rb else (rb, ra)
            edges[pair] = edges.get(pair, 0) + w
            edge_articles[pair] = edge_articles.get(pair, 0) + c.pair_articles[a, b]
        keep = set(labels) if labels is not None else None
        names = _display_names(nodes)
        G: nx.Graph[str] = nx.Graph(window=window, articles=c.articles)
        for key, node in nodes.items():
            if node.mentions < min_mentions or (keep is not None and node.label not in keep):
                continue
            G.add_node(names[key], **_node_attrs(key, node))
        n_articles = max(c.articles, 1)
        for (a, b), w in edges.items():
            na, nb = names[a], names[b]
            if w < min_weight or na not in G or nb not in G:
                continue
            both = edge_articles[a, b]
            ea, eb = nodes[a].articles, nodes[b].articles
            G.add_edge(
                na,
                nb,
                weight=w,
                articles=both,
                jaccard=round(both / (ea + eb - both), 6) if ea + eb - both else 0.0,
                pmi=round(math.log(both * n_articles / (ea * eb)), 6) if both else 0.0,
            )
        return G

    def quote_graph(self, *, min_weight: int = 1) -> nx.DiGraph[str]:
        """Return a directed graph: speaker -> each entity named inside their quotes.

        Edge ``weight`` counts the quotes; nodes carry the same attributes as in :meth:`graph`.
        """
        c = self._counts("article")
        nodes, remap = self._resolved(c)
        names = _display_names(nodes)
        G: nx.DiGraph[str] = nx.DiGraph()
        weights: Counter[tuple[str, str]] = Counter()
        for (s, t), w in c.quotes.items():
            rs, rt = remap.get(s, s), remap.get(t, t)
            if rs != rt:
                weights[rs, rt] += w
        for (s, t), w in weights.items():
            if w < min_weight:
                continue
            for key in (s, t):
                if names[key] not in G:
                    G.add_node(names[key], **_node_attrs(key, nodes[key]))
            G.add_edge(names[s], names[t], weight=w)
        return G

    def snapshots(
        self, freq: str = "M", window: str = "sentence", **options: Any
    ) -> dict[str, nx.Graph[str]]:
        """Return one co-occurrence graph per period of ``published`` (pandas frequency).

        Articles without a parseable ``published`` date are left out. ``options`` go to
        :meth:`graph`.
        """
        periods: dict[str, list[Record]] = defaultdict(list)
        for rec in self._source():
            period = _period(_published(rec), freq)
            if period is not None:
                periods[period].append(rec)
        out = {}
        for period in sorted(periods):
            sub = Corpus(periods[period], alias_dominance=self.alias_dominance)
            out[period] = sub.graph(window, **options)
        return out

    def dynamic_graph(
        self, freq: str = "M", window: str = "sentence", **options: Any
    ) -> nx.Graph[str]:
        """Return the whole graph with time intervals (``spells``) per period, for GEXF/Gephi."""
        G = self.graph(window, **options)
        G.graph["mode"] = "dynamic"
        G.graph["timeformat"] = "date"
        for period, snap in self.snapshots(freq, window, **options).items():
            start, end = _period_bounds(period, freq)
            for n in snap.nodes:
                if n in G:
                    G.nodes[n].setdefault("spells", []).append((start, end))
            for a, b in snap.edges:
                if G.has_edge(a, b):
                    G.edges[a, b].setdefault("spells", []).append((start, end))
        return G

    def _resolved(self, c: _Counts) -> tuple[dict[str, _Node], dict[str, str]]:
        remap = _aliases(c.nodes, self.alias_dominance)
        nodes: dict[str, _Node] = {}
        for key, node in c.nodes.items():
            target = remap.get(key, key)
            if target not in nodes:
                nodes[target] = _Node()
            nodes[target].merge(node)
        return nodes, remap

    # --- analysis (thin wrappers over networkx) -------------------------------------------

    def top_entities(self, n: int = 20, *, by: str = "articles", **options: Any) -> pd.DataFrame:
        """Return the ``n`` top entities by ``articles``, ``mentions`` or ``degree``.

        ``options`` go to :meth:`graph` (``window``, ``labels``, ``min_weight`` …).
        """
        G = self.graph(**options)
        frame = nodes_frame(G)
        frame["degree"] = pd.Series([G.degree(v) for v in frame["node"]], dtype="int64")
        if by not in ("articles", "mentions", "degree"):
            raise InputError(f"by must be 'articles', 'mentions' or 'degree', got {by!r}")
        order = frame.sort_values([by, "node"], ascending=[False, True])
        return order.head(n).reset_index(drop=True)

    def centrality(self, kind: str = "degree", **options: Any) -> pd.Series:
        """Return a centrality of every node, highest first.

        ``kind`` is networkx's ``degree``, ``betweenness``, ``eigenvector`` or ``pagerank``
        (the last two weighted by co-occurrence counts).
        """
        G = self.graph(**options)
        funcs: dict[str, Callable[[nx.Graph[str]], Mapping[Any, float]]] = {
            "degree": nx.degree_centrality,
            "betweenness": lambda g: nx.betweenness_centrality(g, weight=None),
            "eigenvector": lambda g: nx.eigenvector_centrality(g, weight="weight", max_iter=1000),
            "pagerank": lambda g: nx.pagerank(g, weight="weight"),
        }
        if kind not in funcs:
            raise InputError(f"kind must be one of {', '.join(funcs)}, got {kind!r}")
        values = funcs[kind](G) if len(G) else {}
        series = pd.Series(values, dtype="float64", name=kind)
        return series.sort_values(ascending=False)

    def communities(self, *, seed: int | None = 0, **options: Any) -> list[set[str]]:
        """Return Louvain communities (networkx ``louvain_communities``), largest first."""
        G = self.graph(**options)
        found = nx.community.louvain_communities(G, weight="weight", seed=seed) if len(G) else []
        return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))

    def ego(self, name: str, *, radius: int = 1, **options: Any) -> nx.Graph[str]:
        """Return the ego network of an entity (by name or key) from :meth:`graph`."""
        G = self.graph(**options)
        if name not in G:
            by_key = {d.get("key"): n for n, d in G.nodes(data=True)}
            if name not in by_key:
                raise InputError(f"no entity {name!r} in the graph")
            name = by_key[name]
        ego: nx.Graph[str] = nx.ego_graph(G, name, radius=radius)
        return ego

    # --- tables ---------------------------------------------------------------------------

    def _table(self, name: str) -> pd.DataFrame:
        rows = (row for rec in self._source() for row in table_rows(rec, (name,))[name])
        return _frame(rows, SCHEMAS[name])

    def articles_frame(self) -> pd.DataFrame:
        """One row per article: metadata, sentiment and how many entities, quotes, figures."""
        return self._table("articles")

    def entities_frame(self) -> pd.DataFrame:
        """One row per entity per article."""
        return self._table("entities")

    def mentions_frame(self) -> pd.DataFrame:
        """One row per mention: where each entity is named."""
        return self._table("mentions")

    def quotes_frame(self) -> pd.DataFrame:
        """One row per quote."""
        return self._table("quotes")

    def figures_frame(self) -> pd.DataFrame:
        """One row per figure (``entity_ids``: the ids of its sentence's entities, a list)."""
        return self._table("figures")

    def sentences_frame(self) -> pd.DataFrame:
        """One row per sentence, with its sentiment."""
        return self._table("sentences")


# --- schemas -------------------------------------------------------------------------------

NODE_COLUMNS = {
    "node": "string",
    "key": "string",
    "label": "string",
    "mentions": "int64",
    "articles": "int64",
    "sentiment_polarity": "float64",
}
EDGE_COLUMNS = {
    "source": "string",
    "target": "string",
    "weight": "int64",
    "articles": "Int64",  # null on a quote graph's edges (they count quotes, not articles)
    "jaccard": "float64",
    "pmi": "float64",
}


def nodes_frame(G: nx.Graph[str]) -> pd.DataFrame:
    """Return a graph's nodes and their attributes as a DataFrame with a fixed schema."""
    rows = (
        {
            "node": n,
            **{k: d.get(k) for k in NODE_COLUMNS if k != "node"},
            "sentiment_polarity": d.get("sentiment"),  # the mean polarity of its mentions
        }
        for n, d in G.nodes(data=True)
    )
    return _frame(rows, NODE_COLUMNS)


def edges_frame(G: nx.Graph[str]) -> pd.DataFrame:
    """Return a graph's edges as a DataFrame (``source``, ``target``, ``weight``, …)."""
    rows = (
        {
            "source": a,
            "target": b,
            **{k: d.get(k) for k in EDGE_COLUMNS if k not in ("source", "target")},
        }
        for a, b, d in G.edges(data=True)
    )
    return _frame(rows, EDGE_COLUMNS)


# --- helpers --------------------------------------------------------------------------------


def _display_names(nodes: Mapping[str, _Node]) -> dict[str, str]:
    """Node ids: canonical names, disambiguated by label (then key) where two keys share one."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for key, node in nodes.items():
        by_name[node.name].append(key)
    out: dict[str, str] = {}
    for name, keys in by_name.items():
        if len(keys) == 1:
            out[keys[0]] = name
            continue
        for key in keys:
            out[key] = f"{name} ({nodes[key].label})"
        if len({out[k] for k in keys}) < len(keys):
            for key in keys:
                out[key] = f"{name} [{key}]"
    return out


def _node_attrs(key: str, node: _Node) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "key": key,
        "name": node.name,
        "label": node.label,
        "mentions": node.mentions,
        "articles": node.articles,
        "sentiment": round(node.polarity_sum / node.polarity_n, 4) if node.polarity_n else 0.0,
    }
    if node.first is not None:
        attrs["first_published"] = node.first
    if node.last is not None:
        attrs["last_published"] = node.last
    return attrs


def _period(published: str | None, freq: str) -> str | None:
    if published is None:
        return None
    try:
        return str(pd.Timestamp(published).to_period(freq))
    except (ValueError, TypeError):
        return None


def _period_bounds(period: str, freq: str) -> tuple[str, str]:
    p = pd.Period(period, freq=freq)
    return p.start_time.date().isoformat(), p.end_time.date().isoformat()


def _read_jsonl(path: Path, *, skip_bad_lines: bool = False) -> Iterator[Record]:
    """Yield the records of batch results in JSON Lines.

    A line that is not a JSON object raises InputError naming the fix, or with
    ``skip_bad_lines`` is left out (a warning says how many were).
    """
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    bad: list[int] = []
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                if not skip_bad_lines:
                    raise InputError(
                        f"{path}, line {n}: not a JSON record ({err.msg}). If a batch run was "
                        "interrupted there, `newslens batch ... --resume` repairs its torn last "
                        "line; or skip bad lines (--skip-bad-lines, skip_bad_lines=True)"
                    ) from err
                bad.append(n)
                continue
            if not isinstance(obj, dict):
                bad.append(n)
                continue
            if "entities" not in obj and "sentences" not in obj:
                raise InputError(
                    f"{path}, line {n} is an input record (it has no 'entities'), not a result "
                    f"of newslens batch: run `newslens batch {path} -o results.jsonl` first"
                )
            yield obj
    if bad:
        log.warning(
            "%s: skipped %d line(s) that are not JSON records (first: line %d)",
            path,
            len(bad),
            bad[0],
        )


def write_graph(G: nx.Graph[str], path: str | Path) -> Path:
    """Write a graph as GraphML (``.graphml``), GEXF (``.gexf``) or node-link JSON (``.json``)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".graphml":
        H = G.copy()
        for _, d in H.nodes(data=True):
            d.pop("spells", None)
        for _, _, d in H.edges(data=True):
            d.pop("spells", None)
        H.graph = {k: v for k, v in H.graph.items() if isinstance(v, (str, int, float, bool))}
        nx.write_graphml(H, p)
    elif suffix == ".gexf":
        nx.write_gexf(G, p)
    elif suffix == ".json":
        with p.open("w", encoding="utf-8") as fh:
            json.dump(nx.node_link_data(G, edges="edges"), fh, ensure_ascii=False)
    else:
        raise InputError(f"unknown graph format {p.suffix!r}: use .graphml, .gexf or .json")
    return p


def read_graph(path: str | Path) -> nx.Graph[str]:
    """Read a graph written by :func:`write_graph`."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".graphml":
        return nx.read_graphml(p)
    if suffix == ".gexf":
        return nx.read_gexf(p)
    if suffix == ".json":
        with p.open(encoding="utf-8") as fh:
            return nx.node_link_graph(json.load(fh), edges="edges")
    raise InputError(f"unknown graph format {p.suffix!r}: use .graphml, .gexf or .json")
