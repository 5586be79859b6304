"""Schools named by their place and a number alone: 六安二中, 上蔡一高, 舒城三小.

A mixin of ``rules._Run``. Local news shortens ``六安市第二中学`` to the place's
short form, a Chinese numeral and the first character of the school's kind
(中 middle school, 高 senior high, 小 primary school). The place must be a name
of the gazetteer ending right before the numeral, so ``二中全会`` (no place) and
``十九届二中全会`` give nothing; a character after the kind that makes it a longer
word (一中心, 二中全会, 一中学生) leaves it alone.
"""

from __future__ import annotations

import re

from .candidates import Candidate

NUMBERED_SCHOOL = re.compile(r"[一二三四五六七八九十]{1,3}[中高小](?![心全央间期旬部学文国外型等级层])")


class NumberedRules:
    """Schools written as place + numeral + kind character."""

    def _numbered_schools(self) -> None:
        text = self.text
        for m in NUMBERED_SCHOOL.finditer(text):
            s = m.start()
            if not self.tok.is_bound(s) and not self.tok.is_bound(m.end()):
                continue  # inside a word that merely contains the pattern (统一中)
            g = self.gpe_start_ending_at(s, chain=False)
            if g is None:
                continue
            self.add(Candidate(g, m.end(), "ORG", 50, "suffix"))
