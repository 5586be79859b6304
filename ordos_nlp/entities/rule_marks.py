"""Bylines, datelines, photo credits and author marks: the people, newsrooms and places a page names in its own marks.

A mixin of ``rules._Run``: the methods read the run's text, tokens and
scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …) and add candidates.
"""

from __future__ import annotations

import re

from ..layout.marks import AUTHOR_MARK, BYLINE_LINE, CREDIT_LINE, DATELINE, INLINE_BYLINE, NAMES, clean_names
from .candidates import Candidate, IS_HAN, REPORTER_BRACKET, REPORTER_NAMES
from .gazetteer import LEVEL_TOWN, Place
from .lexicon import HAN


# what the name of a news outlet ends in (正北方网讯, 某某日报讯): before 讯, an outlet, not a place
MEDIA_ENDINGS = ("网", "报", "台", "社", "新闻", "客户端", "频道")

# a place's dateline at the start of a line, glued to the text after it (保康讯近日)
GLUED_DATELINE = re.compile(rf"(?m)^[ \u3000]*([{HAN}]{{2,6}}?)讯(?![ \u3000，,：:(（\n]|$)")
# an outlet's dateline with another outlet in brackets, at the start of a line (荆楚网(湖北日报网)讯)
OUTLET_PAIR_DATELINE = re.compile(rf"(?m)^[ \u3000]*([{HAN}]{{2,8}}?)[（(]([{HAN}]{{2,10}}?)[)）]讯")
# the reporters of an agency's dateline in brackets right after it, with no role word
WIRE_BRACKET = re.compile(rf"[ \u3000]*[（(]{NAMES}[)）]")


class MarkRules:
    """The page's own marks: bylines, datelines, credits, author marks."""

    def _marks(self) -> None:
        """People, newsrooms and places in bylines, datelines, credits and author marks."""
        text = self.text
        for s, e, kind in self.sentences:
            seg = text[s:e]
            if kind == "byline":
                m = BYLINE_LINE.match(seg) or INLINE_BYLINE.match(seg)
                if m:
                    self._names(s + m.start("names"), m.group("names"))
                    org = m.group("org") if "org" in m.re.groupindex else None
                    if org:
                        self._byline_org(s + m.start("org"), s + m.end("org"))
            elif kind == "credit":
                m = CREDIT_LINE.match(seg)
                if m:
                    self._names(s + m.start("names"), m.group("names"))
                    if m.group("org"):  # 新华社记者 连振 摄: the newsroom, as in a byline
                        self._byline_org(s + m.start("org"), s + m.end("org"))
            elif kind == "author":
                m = AUTHOR_MARK.search(seg)
                if m:
                    self._names(s + m.start("names"), m.group("names"))
            elif kind == "dateline":
                m = DATELINE.match(seg)
                if m and m.group("agency") and m.group("agency") not in ("本报", "本台"):
                    self.add(Candidate(s + m.start("agency"), s + m.end("agency"), "ORG", 100, "mark"))
                    self._wire_reporters(e)
                if m:
                    g = "dplace" if m.group("dplace") else "place"
                    if m.group(g):
                        self._dateline_place(s + m.start(g), s + m.end(g), agency=g == "place")

    def _glued_datelines(self) -> None:
        """保康讯近日,…: a place's dateline at the start of a line with no space or mark after
        讯 (the layout reads it as text); the place is a GPE where the gazetteer or its
        townships know it. 荆楚网(湖北日报网)讯: two outlets, each an ORG (FACTS.md)."""
        text = self.text
        for m in GLUED_DATELINE.finditer(text):
            s, e = m.span(1)
            if self.gaz.lookup(text[s:e]) or self.gaz.towns_by_stem(text[s:e]):
                self._dateline_place(s, e)
        for m in OUTLET_PAIR_DATELINE.finditer(text):  # 荆楚网(湖北日报网)讯: an outlet and its parent
            for g in (1, 2):
                if m.group(g).endswith(MEDIA_ENDINGS) and m.group(g) not in self.lex.not_entities:
                    self.add(Candidate(m.start(g), m.end(g), "ORG", 100, "mark"))

    def _wire_reporters(self, pos: int) -> None:
        """中新网兰州11月27日电 (艾庆龙): an agency's dateline, then its reporters in brackets
        without a role word; each must read as a person's name (a surname and a short given
        name, or Mongolian name parts), not a desk (国际部)."""
        m = WIRE_BRACKET.match(self.text, pos)
        if not m:
            return
        names = [name.replace(" ", "").replace("\u3000", "") for _, name in clean_names(m.group(1))]
        if names and all(self._person_like(n) for n in names):
            self._names(m.start(1), m.group(1))

    def _reporter_brackets(self) -> None:
        """（记者王鹏）, (记者 王敏): reporters named in brackets after a dateline."""
        for m in REPORTER_BRACKET.finditer(self.text):
            inner_start = m.start(1)
            for rm in REPORTER_NAMES.finditer(m.group(1)):
                self._names(inner_start + rm.start("names"), rm.group("names"))

    def _names(self, offset: int, names: str) -> None:
        for off, name in clean_names(names):
            if name in self.lex.titles or name in self.lex.not_entities:
                continue  # 本报记者 张三 通讯员 李四: the role word between names
            if name in self.lex.org_lexicon:
                self.add(Candidate(offset + off, offset + off + len(name), "ORG", 100, "mark"))
                continue  # 中新网 记者 张林虎: the outlet, not a name
            if len(name) > 2 and name.endswith("摄") and offset + off + len(name) < len(self.text) \
                    and self.text[offset + off + len(name)] in ")）":
                name = name[:-1]  # （记者张雅心摄）
            self.add(Candidate(offset + off, offset + off + len(name), "PERSON", 100, "mark"))

    def _byline_org(self, s: int, e: int) -> None:
        while s < e and not IS_HAN.match(self.text[s]):
            s += 1
        while e > s and not IS_HAN.match(self.text[e - 1]):
            e -= 1
        org = self.text[s:e]
        if len(org) < 2 or org in self.lex.not_entities or org.startswith("本"):
            return
        self.add(Candidate(s, e, "ORG", 100, "mark"))

    def _dateline_place(self, s: int, e: int, agency: bool = False) -> None:
        name = self.text[s:e]
        if name in self.lex.not_entities:
            return
        readings = self.gaz.lookup(name)
        if readings:
            self.add(Candidate(s, e, "GPE", 100, "mark", readings=tuple(readings)))
            return
        codes = self.gaz.towns_by_stem(name)
        if codes:
            readings = tuple(
                Place(self.gaz.name_of(c), c, LEVEL_TOWN, self.gaz.divisions[c][1], "division") for c in codes
            )
            self.add(Candidate(s, e, "GPE", 100, "mark", readings=readings))
            return
        if (name in self.lex.org_lexicon or any(name.endswith(x) for x in self.lex.org_suffixes if len(x) >= 2)
                or name.endswith(MEDIA_ENDINGS)):
            self.add(Candidate(s, e, "ORG", 100, "mark"))  # 市农牧局讯, 正北方网讯: a body or an outlet
        elif agency:
            self.add(Candidate(s, e, "GPE", 100, "mark"))  # 新华社布达佩斯电: a place we do not list
