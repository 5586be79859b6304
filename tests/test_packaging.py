"""What a non-editable install carries: every package, and the trained weights.

pyproject.toml lists the packages by hand (the top-level models/ folder is
mapped into the package as ordos_nlp.models, which setuptools' automatic
discovery cannot express), so this test keeps the list complete.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_package_is_listed():
    found = set(find_packages(where=str(ROOT), include=["ordos_nlp*"]))
    assert found, "no packages found"
    assert set(CONFIG["packages"]) == found | {"ordos_nlp.models"}


def test_models_folder_is_installed_with_its_weights():
    assert CONFIG["package-dir"] == {"ordos_nlp.models": "models"}
    patterns = CONFIG["package-data"]["ordos_nlp.models"]
    shipped = {p for pattern in patterns for p in (ROOT / "models").glob(pattern) if p.is_file()}
    on_disk = {p for p in (ROOT / "models" / "ner_msra").rglob("*") if p.is_file()}
    assert on_disk and on_disk <= shipped
