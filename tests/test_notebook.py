import json
import os
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "quickstart.ipynb"


@pytest.mark.model
def test_quickstart_notebook_runs(monkeypatch):
    """Every code cell of the quickstart runs, in order, from the notebooks folder."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    monkeypatch.chdir(NOTEBOOK.parent)
    namespace: dict = {}
    for cell in cells:
        if cell["cell_type"] == "code":
            exec(
                compile("".join(cell["source"]), f"{NOTEBOOK.name}:{cell['id']}", "exec"), namespace
            )
    assert namespace["G"].number_of_nodes() > 3
    assert os.getcwd() == str(NOTEBOOK.parent)
