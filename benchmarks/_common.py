"""Helpers the benchmark scripts share: paths, the reference scorers, the bare baseline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import spacy

import newslens

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
EVAL = SHARED / "eval"
OUT = ROOT / "benchmarks" / "out"


def run_scorer(script: str, *args: str | Path) -> dict[str, Any]:
    """Run a reference scorer of ../shared/eval and return the JSON it prints."""
    cmd = [sys.executable, str(EVAL / script), *map(str, args)]
    res = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def bare_spacy(nl: newslens.Analyzer) -> spacy.Language:
    """Load the same spaCy pipeline as ``nl`` again, without newslens' components."""
    return spacy.load(nl.nlp.meta["lang"] + "_" + nl.nlp.meta["name"])


# Runs a command and prints its wall time and the peak RSS (KiB) of its process tree's largest
# member as JSON, then the command's stderr if it failed.
RSS_WRAPPER = """
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
res = subprocess.run(sys.argv[1:], capture_output=True, text=True)
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": res.returncode, "seconds": dt, "maxrss_kib": rss, "stderr": res.stderr}))
"""
