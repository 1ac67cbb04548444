"""newslens' own assets (lexicons, gazetteers) shipped in the ``newslens.models`` package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["gazetteer_patterns", "read_jsonl_resource"]


def read_jsonl_resource(path: str) -> list[dict[str, Any]]:
    """Read a JSON Lines file shipped under ``newslens.models`` (``path`` uses ``/``)."""
    node = resources.files("newslens.models").joinpath(*path.split("/"))
    with node.open("r", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@cache
def gazetteer_patterns() -> tuple[dict[str, Any], ...]:
    """SpanRuler patterns for countries, capitals, organisations and regions (``id`` = alias set).

    >>> pats = gazetteer_patterns()
    >>> {p["id"] for p in pats if p["pattern"] in ("UK", "Britain")}
    {'united kingdom'}
    """
    return tuple(read_jsonl_resource("gazetteer/patterns.jsonl"))
