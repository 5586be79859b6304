"""Every ```python example in docs/ runs, in order, one namespace per page."""

import os
import re
import textwrap
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[1] / "docs"
PAGES = sorted(DOCS.glob("*.md"))
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def python_blocks(path: Path) -> list[tuple[int, str]]:
    """``(line number, code)`` of each ```python block of a Markdown file."""
    text = path.read_text("utf-8")
    return [(text.count("\n", 0, m.start()) + 1, textwrap.dedent(m.group(1))) for m in FENCE.finditer(text)]


def test_the_pages_exist():
    names = {p.name for p in PAGES}
    assert {"getting-started.md", "facts.md", "api.md", "pipeline.md", "cli.md", "extending.md"} <= names


def test_there_are_examples():
    assert sum(len(python_blocks(p)) for p in PAGES) >= 20


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_examples_run(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    namespace: dict = {"__name__": f"docs_{path.stem.replace('-', '_')}"}
    for line, code in python_blocks(path):
        try:
            exec(compile(code, f"{path.relative_to(DOCS.parent)}:{line}", "exec"), namespace)
        except Exception as err:
            raise AssertionError(f"the example at {path.name}, line {line}, failed: {type(err).__name__}: {err}") from err


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_links_between_pages_resolve(path):
    text = path.read_text("utf-8")
    for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", text):
        assert (DOCS / target).exists(), f"{path.name} links to a missing page {target}"


def test_the_code_fences_are_balanced():
    for path in PAGES:
        fences = [line for line in path.read_text("utf-8").splitlines() if line.startswith("```")]
        assert len(fences) % 2 == 0, f"{path.name}: an unclosed code fence"
    assert os.sep  # keeps the import used on every platform
