"""Natural places named again, in lists, or read as people: one name, one label in a text.

The recognisers read one mention at a time; three habits of ecology and travel
reports defeat that:

- a place introduced with its kind word (巴丹吉林沙漠, 居延海) is named again
  without it (巴丹吉林) or whole, and each later mention is the same LOC,
  whatever label that mention got alone (the model reads 居延海 as a person);
- names listed before a counted kind word (巴丹吉林、腾格里和乌兰布和三大沙漠,
  呼伦湖、贝尔湖两湖), or after it and a colon (八个景点:阿尔山天池、三潭峡、…),
  are each a place of that kind; the count must equal the number of names,
  which keeps ordinary lists out;
- a "person" whose last character is one no given name ends in (杜鹃湖, 天池)
  is a place, and so is one ending in a character given names share (海)
  where the text writes a place's word after it (居延海|水面);
- a name in 河/江 that river words follow (黑河|贯穿全境, 黑河|水注入) is the
  river, though a city bears the name.

Spans are brought to FACTS.md on the way: a part word stays outside
(黄河|流域), an ordinal with a kind word is no name (第一湖), a place that is
all of a quoted nickname after words of praise is none (誉为“花海草原”), and a
name inside a longer quoted phrase (a forum, a model) is not named again there.

Kind words and name-final characters are closed lists (data/natural_kinds.tsv,
data/place_final_chars.tsv); no place name is listed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .candidates import IS_HAN, LEAD_CHARS, Candidate, Tokens, _freq, _pos_table
from .lexicon import data_rows, get_lexicon

# a word the dictionary counts this often is a common word, never a place's bare name
COMMON_WORD_FREQ = 1000
NUMERALS = {"两": 2, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
LAST_JOINERS = "和与及"
# verbs that introduce a list (分布有…, 包含…), glued by the segmenter to the first name
LIST_VERBS = "有是含"
# parts of speech of words that begin no place name (verbs, prepositions, conjunctions …)
NOT_NAME_POS = ("v", "p", "c", "u", "d", "r", "m", "q", "f", "t", "a", "y", "e")
# words after a name that only a place takes (居延海|水面, 黄河|流域)
PLACE_CONTEXT_AFTER = ("水面", "水域", "湖面", "流域", "境内", "沿岸", "岸边", "湖畔", "腹地", "周边")
# part words that stay outside a named place (FACTS.md: …示范基地核心区 → the 基地 only)
PART_WORDS = ("流域", "沿岸", "腹地", "南麓", "北麓")
# a quoted phrase longer than a name in it: a forum, model or slogan, where places count not (FACTS.md)
QUOTED = re.compile(r"[“「『]([^“”「」『』\n]{1,30})[”」』]")
# words of praise before a quoted nickname (被誉为“花海草原”): FACTS.md counts no place in one;
# 称为 is left out, it introduces names too (被称为“冈瓦纳大陆”)
NICKNAME_BEFORE = ("誉为", "堪称", "美称", "美誉")
# what only a river takes after its name (黑河|水注入, 黑河|贯穿全境): a city named for a river is
# the river there
RIVER_AFTER = re.compile("[河江](?=水注|水流|贯穿|注入|流经|流入|汇入|干流|上游|下游|中游|两岸|沿岸|沿线|发源)")
# first characters of a common noun for a river, not a name (大河, 小河, 支河, 运河, 界河)
GENERIC_RIVER_LEAD = "大小长支干主内外界运护江河"
# parts of speech that start no river's name (a colour or other adjective may: 黑河)
FUNCTION_POS = ("u", "p", "c", "r", "d", "m", "q", "v", "f", "t", "y", "e")
COLONS = ":："
QUOTE_MARKS = re.compile("[“”「」『』]")
# where a list after a colon ends
LIST_END = re.compile("[。；;，,！？!?\n]")
ORDINAL = re.compile("^第[一二三四五六七八九十百\\d]+")


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, ...], frozenset]:
    """(kind words, longest first; those whose bare name is used alone)."""
    rows = [r for r in data_rows("natural_kinds.tsv")]
    kinds = tuple(sorted((r[0].strip() for r in rows), key=len, reverse=True))
    bare = frozenset(r[0].strip() for r in rows if len(r) > 1 and r[1].strip() == "y")
    return kinds, bare


@lru_cache(maxsize=1)
def _final_chars() -> dict[str, bool]:
    """name-final character → whether given names end in it too."""
    return {r[0].strip(): len(r) > 1 and r[1].strip() == "y" for r in data_rows("place_final_chars.tsv")}


@lru_cache(maxsize=1)
def _count_re() -> re.Pattern:
    kinds, _ = _kinds()
    return re.compile(r"([两一二三四五六七八九十]|\d+)(?:大|个|条|座|片)?(?:" + "|".join(kinds) + ")")


def _name_like(word: str) -> bool:
    pos = _pos_table().get(word)
    return not (pos and pos.startswith(NOT_NAME_POS))


def _first_item_start(text: str, tokens: Tokens, start: int, end: int) -> int:
    """Where the first listed name begins: the words before ``end`` that can be part of a name
    (two characters at least), without a place prefix (内蒙古|呼伦湖) or a lead word (有|巴音…)."""
    pos = end
    while pos > start:
        tok = tokens.before(pos)
        if tok is None:
            break
        word = text[max(tok[0], start) : pos]
        if end - pos >= 2 and (not _name_like(word) or word in LAST_JOINERS):
            break
        pos = max(tok[0], start)
    names = get_lexicon().gaz.names
    pos += max((k for k in range(3, end - pos - 1) if text[pos : pos + k] in names), default=0)
    while pos < end - 2 and text[pos] in LEAD_CHARS:
        pos += 1
    if end - pos > 2 and text[pos] in LIST_VERBS:
        pos += 1  # 有巴音|温都尔: a verb the segmenter glued to the name's first word
    return pos


def listed_places(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """Spans of names listed before a counted kind word whose count they match."""
    found: list[tuple[int, int]] = []
    bound = 0
    for m in _count_re().finditer(text):
        n = NUMERALS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        previous_end, bound = bound, m.end()
        if n < 2:
            continue
        seg_start = m.start()
        while seg_start > previous_end and ("\u4e00" <= text[seg_start - 1] <= "\u9fff" or text[seg_start - 1] == "、"):
            seg_start -= 1
        pieces = []
        pos = seg_start
        for part in text[seg_start : m.start()].split("、"):
            pieces.append([pos, pos + len(part)])
            pos += len(part) + 1
        if len(pieces) < 1:
            continue
        last_s, last_e = pieces[-1]
        # the rightmost joiner with a name of two characters at least on each side (…和乌兰布和)
        j = next((j for j in range(last_e - 3, last_s + 1, -1) if text[j] in LAST_JOINERS), None)
        if j is not None:
            pieces[-1:] = [[last_s, j], [j + 1, last_e]]
        if len(pieces) != n:
            continue
        pieces[0][0] = _first_item_start(text, tokens, pieces[0][0], pieces[0][1])
        items = [(s, e) for s, e in pieces]
        if all(2 <= e - s <= 8 and IS_HAN.match(text[s:e]) for s, e in items):
            found.extend(items)
    return found


def places_listed_after(text: str) -> list[tuple[int, int]]:
    """Spans of names listed after a counted kind word and a colon, as many as it counts
    (一共包括八个景点:阿尔山天池、三潭峡、地池、…、大峡谷。)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    found: list[tuple[int, int]] = []
    for m in _count_re().finditer(text):
        if text[m.end() : m.end() + 1] not in COLONS:
            continue
        n = NUMERALS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
        start = m.end() + 1
        stop = LIST_END.search(text, start)
        end = stop.start() if stop else len(text)
        pieces, pos = [], start
        for part in text[start:end].split("、"):
            pieces.append([pos, pos + len(part)])
            pos += len(part) + 1
        if len(pieces) == n - 1 and n >= 2:  # …、杜鹃湖和大峡谷: the last joiner parts two names
            last_s, last_e = pieces[-1]
            j = next((j for j in range(last_e - 3, last_s + 1, -1) if text[j] in LAST_JOINERS), None)
            if j is not None:
                pieces[-1:] = [[last_s, j], [j + 1, last_e]]
        if n >= 2 and len(pieces) == n and all(2 <= e - s <= 8 and IS_HAN.match(text[s:e]) for s, e in pieces):
            found.extend((s, e) for s, e in pieces)
    return found


def _known_names(text: str, chosen: list[Candidate]) -> dict[str, int]:
    """Names this text gave a LOC (whole, and bare where the kind word may be dropped) → kind length."""
    kinds, bare_kinds = _kinds()
    gaz = get_lexicon().gaz
    names: dict[str, int] = {}
    for c in chosen:
        if c.label != "LOC":
            continue
        name = text[c.start : c.end]
        kind = next((k for k in kinds if name.endswith(k)), None)
        if kind is None:
            continue
        if len(name) >= 3 and IS_HAN.match(name):
            names.setdefault(name, 0)
        unquoted = QUOTE_MARKS.sub("", name)
        if unquoted != name and len(unquoted) >= 3 and IS_HAN.match(unquoted):
            names.setdefault(unquoted, 0)  # “水中央”湿地公园, named again as 水中央湿地公园
        bare = name[: -len(kind)]
        if (kind in bare_kinds and len(bare) >= 2 and IS_HAN.match(bare) and bare not in gaz.names
                and _freq().get(bare, 0) < COMMON_WORD_FREQ):
            names.setdefault(bare, len(kind))
    return names


def _with_kind(text: str, end: int) -> int:
    """``end`` moved past a kind word written right after a name (居延海|湿地)."""
    kinds, _ = _kinds()
    for k in kinds:
        if len(k) >= 2 and text.startswith(k, end):
            return end + len(k)
    return end


def _place_not_person(text: str, name: str) -> bool:
    """A "person" ending in a place's last character that no given name ends in, or in one
    that given names share (海, 山) where the text writes a place's word after it (…水面)."""
    finals = _final_chars()
    last = name[-1]
    if last not in finals or len(name) < 2:
        return False
    if not finals[last]:
        return True
    for m in re.finditer(re.escape(name), text):
        if text.startswith(PLACE_CONTEXT_AFTER, m.end()):
            return True
    return False


def _nickname(text: str, s: int, e: int) -> bool:
    """Whether [s, e) is all of a quoted nickname (被誉为“花海草原”)."""
    return (s > 0 and text[s - 1] in "“「『\"" and e < len(text) and text[e] in "”」』\""
            and text[:s - 1].endswith(NICKNAME_BEFORE))


def _trimmed(text: str, c: Candidate):
    """A LOC without a part word at its end (黄河流域 → 黄河); None for an ordinal (第一湖)."""
    name = text[c.start : c.end]
    if ORDINAL.match(name):
        return None
    for w in PART_WORDS:
        if name.endswith(w) and len(name) - len(w) >= 2:
            return replace(c, end=c.end - len(w))
    return c


def _put(chosen: list[Candidate], s: int, e: int, listed: bool = False) -> list[Candidate]:
    """``chosen`` with a LOC at [s, e): people it crosses and names inside it give way; a place
    or body that holds it stays (a listed name replaces whatever it overlaps)."""
    out = []
    for c in chosen:
        if c.end <= s or c.start >= e:
            out.append(c)
        elif listed:
            continue  # a listed name is read from the list: 浑善达克|四大沙漠, not 达克四大沙漠
        elif c.start <= s and c.end >= e and c.label != "PERSON":
            return chosen
        elif c.label == "PERSON" or (s <= c.start and c.end <= e):
            continue
        else:
            return chosen  # crosses a name of another kind: leave the text as read
    out.append(Candidate(s, e, "LOC", source="place_mentions"))
    return sorted(out, key=lambda c: c.start)


def _rivers(text: str, tokens: Tokens) -> list[tuple[int, int]]:
    """Names ending in 河/江 that the words after them make rivers (module docstring)."""
    found = []
    for m in RIVER_AFTER.finditer(text):
        end = m.end()
        tok = tokens.containing(m.start())
        if tok is None:
            continue
        start = tok[0]
        if start == m.start():  # 黑|河水: the river's name is the word before
            before = tokens.before(start)
            word = text[before[0] : start] if before else ""
            if not word or (_pos_table().get(word) or "n").startswith(FUNCTION_POS):
                continue
            start = before[0]
        name = text[start:end]
        pos = _pos_table().get(name)
        if 2 <= len(name) <= 5 and IS_HAN.match(name) and _freq().get(name, 0) < COMMON_WORD_FREQ \
                and not (len(name) == 2 and name[0] in GENERIC_RIVER_LEAD) \
                and not (pos and pos.startswith("n") and pos not in ("ns", "nr", "nz")):
            found.append((start, end))
    return found


def relabel_places(text: str, tokens: Tokens, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with the natural places of the module docstring labelled LOC."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    out = []
    for c in chosen:
        if c.label == "PERSON" and _place_not_person(text, text[c.start : c.end]):
            c = replace(c, label="LOC", adcode=None, parents=())
        if c.label in ("GPE", "LOC") and _nickname(text, c.start, c.end):
            continue
        if c.label == "LOC":
            c = _trimmed(text, c)
        if c is not None:
            out.append(c)
    for s, e in listed_places(text, tokens) + places_listed_after(text):
        out = _put(out, s, e, listed=True)
    for s, e in _rivers(text, tokens):
        out = _put(out, s, e, listed=True)
    quoted = [m.span(1) for m in QUOTED.finditer(text)]
    for name, kind_len in sorted(_known_names(text, out).items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(name), text):
            s, e = m.span()
            if any(qs <= s and e <= qe and (qs, qe) != (s, e) for qs, qe in quoted):
                continue
            if len(name) < 3 and s > 0 and "\u4e00" <= text[s - 1] <= "\u9fff" and not tokens.is_bound(s):
                continue  # inside a longer word (a name of three characters is distinctive: 来到|达里湖)
            out = _put(out, s, _with_kind(text, e))
    return out
