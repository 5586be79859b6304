"""People after a role word (教师赵智睿表示) and in lists of names after it.

A mixin of ``rules._Run``: the methods read the run's text, tokens and
scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …) and add candidates.
"""

from __future__ import annotations

import re

from typing import Optional

from .candidates import (
    IS_HAN,
    NAME_SEP,
    PERSON_RIGHT,
    POST_NAME,
    SUBJECT_RIGHT,
    Candidate,
    _freq,
    _pos_table,
    between_list_items,
)


# a figure right after a word: what stands before it is measured (存栏 598.4万头)
NUMBER_NEXT = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿]")
# where a clause starts: the text's start, a line break, sentence or clause punctuation
CLAUSE_START = re.compile(r"(?:^|[\n。！？；，、：“”,;:])[ \u3000]*")


PERSON_TAGS = ("nr", "nrfg", "nrt")
# adverbs that may follow a name as its subject's (张三都来了), before a verb, never a noun
ADVERBS_AFTER_NAME = set("也都便就则却更又还将要会已")
# words that qualify a title rather than name its holder (原局长, 前院长, 现任…)
TITLE_QUALIFIERS = set("原前现时新副代")


def _common_word(w: str) -> bool:
    return _freq().get(w, 0) >= 100 and _pos_table().get(w) not in ("nr", "nrfg", "nrt")


class PersonRules:
    """Personal names after role words."""

    def _titles(self) -> None:
        """A role word followed by a personal name (教师赵智睿表示, 退役军人李星2015年)."""
        text = self.text
        taken_title_ends = set()
        for ts, te in sorted(self.title_hits, key=lambda h: (h[0], -(h[1] - h[0]))):
            if te in taken_title_ends:
                continue
            if ts > 0 and not self.tok.is_bound(ts):
                t = self.tok.containing(ts)
                # 局局长, 嘎查党支部书记: the role word is the tail of a badly cut word
                if not (t and t[1] == te and (_freq().get(text[t[0] : t[1]], 0) < 50
                                              or text[ts - 1] in "局委办部厅处科室所站队")):
                    continue
            if not self.tok.is_bound(te):
                t = self.tok.containing(te)
                if t and _freq().get(text[t[0] : t[1]], 0) >= 50 and not self._surname_glued(t, te):
                    continue  # 主席国英国: the role word is the head of a longer word
            taken_title_ends.add(te)
            pos = te
            while True:
                span = self._name_at(pos)
                if span is None:
                    break
                self.add(Candidate(span[0], span[1], "PERSON", 20, "title"))
                # 学生张三、李四: a list of names after one role word
                if span[1] < len(text) and NAME_SEP.match(text[span[1]]):
                    pos = span[1] + 1
                    continue
                break

    def _subject_names(self) -> None:
        """A name that opens a clause as its subject (武玉成一脸欣喜, 贺峰觉得委屈).

        Three characters (a surname and two given ones) before what follows a name; two
        only before a speech verb or a role word, where a word is rarely read.
        """
        text = self.text
        surnames, double = self.lex.surnames, self.lex.double_surnames
        # 巴丹吉林沙漠、胡杨林、居延海: an item between places or bodies in a list is one too
        other_ends = {c.end for c in self.cands if c.label != "PERSON"}
        other_starts = {c.start for c in self.cands if c.label != "PERSON"}
        for m in CLAUSE_START.finditer(text):
            pos = m.end()
            if text[pos : pos + 1] not in surnames and text[pos : pos + 2] not in double:
                continue
            span = self._name_at(pos)
            if span is None:
                continue
            s, e = span
            name = text[s:e]
            if between_list_items(text, m.start(), e, other_ends, other_starts):
                continue
            if (name in self.lex.mongolian_parts
                    or not (self.tok.is_bound(e) or e == len(text) or SUBJECT_RIGHT.match(text, e))
                    or name[-1] in "乡镇村县市区旗省盟"):  # 林庄乡: a place
                continue
            if any(_common_word(name[i:j]) for i, j in ((0, 2), (1, 3)) if j <= len(name)):
                continue  # 常态化, 高度重视: a common word, not a surname and a given name
            if name[0] in self.lex.place_abbreviations and any(
                    name.startswith(word, 1) for word in self.lex.party_words):
                continue  # 韩方表示, 韩方希: a country's short name and 方, the party, not a person
            if e - s == 2 and not SUBJECT_RIGHT.match(text, e):
                continue
            if e < len(text) and NUMBER_NEXT.match(text, e) and _freq().get(name[1:], 0) > 0 and (
                    _pos_table().get(name[1:]) not in ("nr", "nrfg", "nrt")):
                continue  # 牛存栏920.4万头: a measured noun before its figure, not a person
            if e - s >= 3 or SUBJECT_RIGHT.match(text, e):
                self.add(Candidate(s, e, "PERSON", 18, "subject"))

    def _addressed_surnames(self) -> None:
        """A surname with a form of address after it names a known person (王大哥, 徐医生,
        小靳书记): the surname is the PERSON, the address word stays outside (FACTS: a title is
        not part of a name). The surname must not be a common word of its own (向老师 is "to
        the teacher"), and stand where a word starts."""
        text = self.text
        address = self.lex.address_words
        for w in sorted(address):
            pos = text.find(w, 1)
            while pos > 0:
                s = pos - 1
                ch = text[s]
                prefixed = s > 0 and text[s - 1] in "小老"
                start = s - 1 if prefixed else s
                tag = _pos_table().get(ch) or "n"
                if (ch in self.lex.surnames and (prefixed or tag[0] not in "pcdrmuavf")
                        and ch not in TITLE_QUALIFIERS
                        and (_freq().get(ch + w, 0) == 0 or _pos_table().get(ch + w) in PERSON_TAGS)  # 班主任
                        and (start == 0 or self.tok.is_bound(start) or not IS_HAN.match(text[start - 1]))
                        and (pos + len(w) == len(text)  # 全村长期: 长期 is the word, no 村长
                             or _freq().get(text[pos : pos + len(w) + 1], 0) < 50)):
                    self.add(Candidate(s, pos, "PERSON", 19, "address"))
                pos = text.find(w, pos + 1)

    def mongolian_part_cuts(self, text: str, pos: int, limit: Optional[int] = None) -> list[int]:
        """Where the parts of the run of Mongolian name parts from ``pos`` meet: ``[pos, …, end]``.

        The run reaches as far as any reading of it into parts does (格日勒图门 is 格日勒 +
        图门, though 格日勒图 is a part too), in as few parts as it can; ``[pos]`` when no part
        starts there. ``limit``: where the run must stop at the latest.
        """
        parts, lengths = self.lex.mongolian_parts, self.lex.mongolian_part_lengths
        limit = len(text) if limit is None else limit
        came_from = {pos: None}
        frontier = [pos]
        while frontier:  # breadth first: each end is first reached in the fewest parts
            nxt = []
            for at in frontier:
                for n in lengths:
                    end = at + n
                    if end <= limit and end not in came_from and text[at:end] in parts:
                        came_from[end] = at
                        nxt.append(end)
            frontier = nxt
        at = max(came_from)
        cuts = []
        while at is not None:
            cuts.append(at)
            at = came_from[at]
        return cuts[::-1]

    def mongolian_name_end(self, text: str, pos: int) -> int:
        """End of the run of Mongolian name parts from ``pos`` (``pos`` itself when none starts there)."""
        return self.mongolian_part_cuts(text, pos)[-1]

    def _mongolian_names(self) -> None:
        """Two or more Mongolian name parts in a row before what follows a name (额尔敦巴雅尔说)."""
        text = self.text
        parts = self.name_parts
        done = -1
        for s in sorted(parts):
            if s < done:
                continue
            e = self.mongolian_name_end(text, s)
            done = e
            if self._parts_in(text, s, e) < 2 or (s > 0 and not self.tok.is_bound(s) and IS_HAN.match(text[s - 1])):
                continue  # one part alone (巴音, 乌兰 are places too), or the tail of another word
            if PERSON_RIGHT.match(text, e) or self._verb_after(e):
                name = text[s:e]
                if name not in self.gaz.names and _freq().get(name, 0) == 0:
                    self.add(Candidate(s, e, "PERSON", 22, "name-parts"))

    def _surname_glued(self, word: tuple[int, int], title_end: int) -> bool:
        """主任|何文忠 cut 主|任何|文忠: the segmenter glued the role word's last character to
        the surname after it, into a word of two characters (任何, 长江)."""
        return word == (title_end - 1, title_end + 1) and self.text[title_end] in self.lex.surnames

    def _name_at(self, pos: int) -> Optional[tuple[int, int]]:
        text = self.text
        lex = self.lex
        e = self.mongolian_name_end(text, pos)
        if e > pos and (PERSON_RIGHT.match(text, e) or self._verb_after(e)
                        or self._parts_in(text, pos, e) >= 2) and text[pos:e] not in self.gaz.names:
            return pos, e  # 书记乌日娜介绍; two parts after a role word are a name whatever follows
        if text[pos : pos + 2] in lex.double_surnames:
            slen = 2
        elif text[pos : pos + 1] in lex.surnames:
            slen = 1
        else:
            return None
        for given in (2, 1):
            e = pos + slen + given
            name = text[pos:e]
            if len(name) != slen + given or not IS_HAN.match(name):
                continue
            if any(ch in lex.name_stop_chars for ch in name[slen:]):
                continue
            if given == 2 and POST_NAME.match(text, e - 1):
                continue  # 罗斌少将: the name is 罗斌, 少将 follows it
            head = text[pos : pos + 2]
            if slen == 1 and _freq().get(head, 0) >= 500 and _pos_table().get(head, "n")[0] in "vpcdr":
                continue  # 支持他: a verb, not a surname and a given name
            if not PERSON_RIGHT.match(text, e) and not self._verb_after(e) and not POST_NAME.match(text, e):
                continue  # (a title after the name: 何文忠代表, 罗斌少将)
            if text[e : e + 1] in ADVERBS_AFTER_NAME and self._tag_at(e + 1).startswith("n"):
                continue  # 乌兰毛|都|草原: 都 before a noun is no adverb after a name
            freq = _freq().get(name, 0)
            if freq >= 300 or (freq > 0 and _pos_table().get(name) not in ("nr", "nrfg", "nrt")):
                continue  # an ordinary word (安全, 常态, 智慧, 文化节)
            given_part = name[slen:]
            if given == 2 and given_part[0] == given_part[1] and freq > 0 and text[e : e + 1] in "的地":
                continue  # 金灿灿的稻田: an adjective of a doubled character, not a surname and a given name
            if len(given_part) == 2 and _freq().get(given_part, 0) >= 500 and (
                _pos_table().get(given_part) or "n")[0] in "vad":
                continue  # 相结合, 席减少: a surname-like character before a verb
            if name in self.gaz.names or name in lex.org_lexicon or name in lex.titles:
                continue
            if given == 2 and any(p.level == 0 for p in self.gaz.names.get(name[slen:], ())):
                continue  # 国英国: a character before a country's name (郭永春 stays a person)
            return pos, e
        return None

    def _parts_in(self, text: str, s: int, e: int) -> int:
        """How many Mongolian name parts the run ``[s, e)`` is made of."""
        return len(self.mongolian_part_cuts(text, s, e)) - 1

    def _verb_after(self, pos: int) -> bool:
        """A name ends where a word starts that is a verb (李明辉|获得)."""
        return self._tag_at(pos).startswith("v")

    def _tag_at(self, pos: int) -> str:
        """The dictionary's part of speech of the word that starts at ``pos`` ("" when none does)."""
        if not self.tok.is_bound(pos):
            return ""
        t = self.tok.containing(pos)
        if t is None or t[0] != pos:
            return ""
        return _pos_table().get(self.text[t[0] : t[1]]) or ""
