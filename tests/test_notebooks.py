"""The notebooks run top to bottom, and are kept in git without outputs."""

import json
import re
import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("*.ipynb"))

nbformat = pytest.importorskip("nbformat")

from ordos_nlp.plotting import find_cjk_font  # noqa: E402


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["01_seed_page.ipynb", "02_archive.ipynb", "03_communiques_panel.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_stripped(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i} has outputs: clear them before committing"
            assert cell.execution_count is None, f"{path.name} cell {i} has an execution count"
        assert not cell.get("attachments"), f"{path.name} cell {i} has attachments"
    assert set(nb.metadata) <= {"kernelspec", "language_info"}, f"{path.name}: extra notebook metadata"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.fixture
def venv_kernel(tmp_path, monkeypatch):
    """A 'python3' kernel spec that runs this interpreter (the venv's), found before any other."""
    pytest.importorskip("ipykernel")
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (ordos_nlp venv)",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return "python3"


def _outputs(nb, output_type=None):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if output_type is None or out.output_type == output_type:
                yield out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, venv_kernel):
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name=venv_kernel, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    assert not list(_outputs(nb, "error"))
    images = [o for o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert images, f"{path.name}: no chart"
    stderr = "".join(o.get("text", "") for o in _outputs(nb, "stream") if o.name == "stderr")
    if find_cjk_font() is not None:  # the charts' Chinese labels are drawn in it, not as boxes
        assert "missing from font" not in stderr, stderr
        stdout = "".join(o.get("text", "") for o in _outputs(nb, "stream") if o.name == "stdout")
        assert f"Chinese in charts: {find_cjk_font()}" in stdout
    html = "".join(o["data"].get("text/html", "") for o in _outputs(nb) if "data" in o)
    stdout = "".join(o.get("text", "") for o in _outputs(nb, "stream") if o.name == "stdout")
    if path.name.startswith("01"):
        assert "QUANTITY 19,234,000,000 元" in html and "DATE 2026-Q1" in html  # the displaCy view
    elif path.name.startswith("02"):
        assert "scan_0001.txt: cannot be read as text" in stderr
    else:
        found = re.search(r"(\d+) rows: (\d+) places, (\d+) periods, (\d+) indicators", stdout)
        assert found and int(found.group(2)) >= 5 and int(found.group(3)) >= 3  # a panel, not one place
        assert "METRIC R1" in html and "· R1 ↑ yoy" in html  # the records linked on the page
