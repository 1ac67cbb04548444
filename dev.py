#!/usr/bin/env python3
"""Set up newslens in ./.venv (if needed) and run a task; needs only Python 3.11+ and pip.

python3 dev.py demo    # install, then analyse the example article shipped in examples/
python3 dev.py test    # install, then run the test suite
python3 dev.py check   # install, then ruff, ruff format --check and mypy
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".newslens-installed"


def run(*cmd: str | Path) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT)


def setup() -> Path:
    """Create .venv and install newslens with its dev extras and the English model."""
    python = BIN / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    if not STAMP.exists() or STAMP.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime:
        if run(python, "-m", "pip", "install", "--quiet", "-e", ".[dev]") != 0:
            sys.exit("dev.py: installing newslens failed (see pip's output above)")
        STAMP.touch()
    return python


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    if task not in ("demo", "test", "check"):
        print(__doc__)
        return 0 if task in ("help", "-h", "--help") else 2
    python = setup()
    if task == "demo":
        return run(python, "-m", "newslens", "analyze", "examples/harbour-deal.txt", *argv[1:])
    if task == "check":
        return (
            run(python, "-m", "ruff", "check", ".")
            or run(python, "-m", "ruff", "format", "--check", ".")
            or run(python, "-m", "mypy")
        )
    code = run(python, "-m", "pytest", *argv[1:])
    if code == 5:
        print("dev.py: pytest collected no tests; that is a failure here", flush=True)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
