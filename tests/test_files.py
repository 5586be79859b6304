"""The one file finder of the command line and the archive (ordos_nlp.files)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from ordos_nlp.files import date_from_path, find_files, missing_message


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in ("b/2026-04-02.txt", "b/deep/x.txt", "a.txt", "c/notes.md", "c/y.txt", "empty/.keep"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("东胜区", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_files_folders_and_patterns_sorted_and_once(tree):
    found = find_files(["c/y.txt", "b", "a.txt", "c/*.txt", "./a.txt", str(tree / "b" / "deep" / "x.txt")])
    assert [str(p) for p in found.files] == ["a.txt", "b/2026-04-02.txt", "b/deep/x.txt", "c/y.txt"]
    assert found.missing == () and found.empty == ()


def test_a_file_is_taken_whatever_its_name_and_folders_by_pattern(tree):
    assert [p.name for p in find_files(["c/notes.md", "c"]).files] == ["notes.md", "y.txt"]
    assert [p.name for p in find_files("c", "*.md").files] == ["notes.md"]
    assert [str(p) for p in find_files("**/deep").files] == ["b/deep/x.txt"]  # a pattern matching a folder


def test_missing_and_empty_are_reported_not_raised(tree):
    found = find_files(["nope.txt", "empty", "z*.txt", "a.txt", "nope.txt"])
    assert [str(p) for p in found.files] == ["a.txt"]
    assert found.missing == ("nope.txt",)
    assert found.empty == ("empty: no files matching '*.txt'", "z*.txt: no matching files")
    assert missing_message("nope.txt") == "nope.txt: no such file or directory"


def test_an_existing_name_with_glob_characters_is_a_file(tree):
    (tree / "p[1].txt").write_text("x", "utf-8")
    assert [str(p) for p in find_files(["p[1].txt"]).files] == ["p[1].txt"]


def test_bad_inputs():
    with pytest.raises(TypeError, match="int"):
        find_files([1])
    with pytest.raises(TypeError, match="int"):
        find_files(3)
    with pytest.raises(TypeError, match="bytes"):
        find_files(".", pattern=b"*.txt")
    with pytest.raises(TypeError, match="int"):
        date_from_path(20260401)


def test_same_files_from_relative_and_absolute_inputs(tree):
    rel = find_files(["b", "c"]).files
    absolute = find_files([str(tree / "b"), str(tree / "c")]).files
    assert [os.path.abspath(p) for p in rel] == [str(p) for p in absolute]


def test_date_from_path():
    assert date_from_path(Path("a/2026-04-01_p3.txt")) == date(2026, 4, 1)
    assert date_from_path("2026/04/01/p3.txt") == date(2026, 4, 1)
    assert date_from_path("p12345678.txt") is None
