"""What a non-editable install carries: every package, every data file, the trained weights.

pyproject.toml lists the packages by hand (the top-level models/ folder is
mapped into the package as ordos_nlp.models, which setuptools' automatic
discovery cannot express). These tests keep that list complete, build the real
wheel, and check that it holds every file the package reads: the data files
beside the code, and every file that ``load()`` and ``extract()`` actually open
(traced with an audit hook in a fresh interpreter).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from setuptools import find_namespace_packages

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
PACKAGE_DIRS = {"ordos_nlp": ROOT / "ordos_nlp", "ordos_nlp/models": ROOT / "models"}


def _installed_name(path: Path) -> str:
    """Where a file of the checkout lands in the wheel (models/ → ordos_nlp/models/)."""
    rel = path.resolve().relative_to(ROOT).as_posix()
    return "ordos_nlp/" + rel if rel.startswith("models/") else rel


def _shipped_files() -> set[Path]:
    """Every file under the package and models/ that is not Python code or a cache."""
    out = set()
    for base in PACKAGE_DIRS.values():
        for p in base.rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".py", ".pyc"):
                out.add(p)
    return out


def test_every_package_and_data_folder_is_listed():
    found = {p for p in find_namespace_packages(where=str(ROOT), include=["ordos_nlp*"]) if "__pycache__" not in p}
    models = {
        "ordos_nlp.models" + ("." + ".".join(p.relative_to(ROOT / "models").parts) if p != ROOT / "models" else "")
        for p in [ROOT / "models", *(d for d in (ROOT / "models").rglob("*") if d.is_dir())]
        if "__pycache__" not in p.parts
    }
    assert found, "no packages found"
    assert set(CONFIG["packages"]) == found | models


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        cwd=out,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Warning" not in proc.stderr, f"the build warns:\n{proc.stderr[-3000:]}"
    (wheel,) = out.glob("ordos_nlp-*.whl")
    with zipfile.ZipFile(wheel) as z:
        return set(z.namelist())


def test_wheel_carries_every_data_file(wheel_names):
    expected = {_installed_name(p) for p in _shipped_files()}
    assert expected, "no data files found"
    assert sorted(expected - wheel_names) == []


def test_wheel_carries_license_and_entry_points(wheel_names):
    info = {n.split("/", 1)[1] for n in wheel_names if ".dist-info/" in n}
    assert {"licenses/LICENSE", "entry_points.txt", "METADATA"} <= info


TRACE = r"""
import json, sys
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.add(args[0])
sys.addaudithook(hook)
import ordos_nlp
nlp = ordos_nlp.load()
ordos_nlp.extract(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps(sorted(opened)))
"""


def test_wheel_carries_every_file_the_code_opens(wheel_names):
    seed = ROOT / "seeds" / "000_4a1a09de4157cfcd.txt"
    proc = subprocess.run(
        [sys.executable, "-c", TRACE, str(seed)], capture_output=True, text=True, cwd=ROOT, env={**os.environ}
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    opened = {Path(p).resolve() for p in json.loads(proc.stdout.splitlines()[-1])}
    ours = {
        p for p in opened
        if p.is_file() and p.suffix not in (".py", ".pyc")
        and any(base.resolve() in p.parents for base in PACKAGE_DIRS.values())
    }
    assert ours, "the trace saw no data file opened"
    assert sorted(_installed_name(p) for p in ours if _installed_name(p) not in wheel_names) == []
