"""newslens: who is named, who said what, which figures are cited, in what tone.

>>> import newslens
>>> nl = newslens.load()                                    # doctest: +SKIP
>>> art = nl("Gordon Brown said on Monday that Mr Brown ...")  # doctest: +SKIP
>>> [e.name for e in art.entities]                          # doctest: +SKIP
['Gordon Brown']
"""

from __future__ import annotations

from ._analyzer import DEFAULT_MODELS, Analyzer, analyze, load
from ._batch import BatchSummary, run_batch
from ._chrome import blank_chrome, find_chrome
from ._corpus import Corpus, edges_frame, nodes_frame, read_graph, write_graph
from ._entities import extract_entities
from ._errors import InputError, ModelNotFoundError, NewslensError
from ._figures import extract_figures
from ._io import read_text
from ._quotes import extract_quotes
from ._records import (
    Article,
    ChromeSpan,
    Entity,
    Figure,
    Mention,
    Quote,
    Sentence,
    Sentiment,
)

__version__ = "0.1.0"

__all__ = [
    "Analyzer",
    "Article",
    "BatchSummary",
    "ChromeSpan",
    "Corpus",
    "DEFAULT_MODELS",
    "Entity",
    "Figure",
    "InputError",
    "Mention",
    "ModelNotFoundError",
    "NewslensError",
    "Quote",
    "Sentence",
    "Sentiment",
    "__version__",
    "analyze",
    "blank_chrome",
    "edges_frame",
    "extract_entities",
    "extract_figures",
    "extract_quotes",
    "find_chrome",
    "load",
    "nodes_frame",
    "read_graph",
    "read_text",
    "run_batch",
    "write_graph",
]
