"""The notebooks run top to bottom in a real Jupyter kernel, from the notebooks folder."""

import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = ["01-article.ipynb", "02-collection.ipynb"]
CHECK_PYTHON = "import sys; print(sys.executable, end='')"


def _outputs(nb, output_type):
    return [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == output_type
    ]


def test_notebooks_are_stored_without_outputs():
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, (name, cell.id)


@pytest.mark.model
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name, monkeypatch):
    """Every cell runs without an error and the notebook shows a plot and an HTML view."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(CHECK_PYTHON, id="check-python"))
    # matplotlib's inline backend in the kernel, whatever MPLBACKEND the test run has
    monkeypatch.delenv("MPLBACKEND", raising=False)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()

    # the kernel ran this environment's python (jupyter_client maps the kernelspec's "python")
    check = nb.cells[0].outputs[0]["text"]
    assert os.path.realpath(check) == os.path.realpath(sys.executable)
    assert not _outputs(nb, "error")
    stderr = [o["text"] for o in _outputs(nb, "stream") if o["name"] == "stderr"]
    assert not any("Traceback" in t or "Warning" in t for t in stderr), stderr
    rich = _outputs(nb, "display_data") + _outputs(nb, "execute_result")
    assert any("image/png" in o["data"] for o in rich), "no plot shown"
    assert any("text/html" in o["data"] for o in rich), "no HTML view shown"
