"""The measuring targets say plainly what they need when the shared data is not there."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.mark.parametrize(
    "target, setting, needs",
    [("suites", "SUITES=/nonexistent/suites", "numbers.jsonl"),
     ("evaluate", "NER_DATA=/nonexistent/ner", "msra_train.jsonl")],
)
def test_target_without_shared_data_names_what_it_needs(target, setting, needs):
    proc = subprocess.run(["make", "-s", "-o", ".venv/.installed-stamp", target, setting],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert needs in proc.stderr and f"make {target}" in proc.stderr
