"""Names known by the company they keep: items of a list before 等企业 / 5家…企业, and quoted platform names.

A mixin of ``rules._Run``: the methods read the run's text, tokens and
scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …) and add candidates.
"""

from __future__ import annotations

import re

from .candidates import Candidate, ENUM_TAIL, PLATFORM_AFTER, PLATFORM_BEFORE, PLATFORM_SUFFIX, _is_word
from .lexicon import HAN


class ListRules:
    """Lists of names and quoted platform names."""

    def _platforms(self) -> None:
        """A quoted, distinctive platform name run by an organisation (“暖城银企通”小程序)."""
        text = self.text
        for m in re.finditer(rf"“([{HAN}A-Za-z]{{2,10}})”", text):
            name = m.group(1)
            if not name.endswith(PLATFORM_SUFFIX) or _is_word(name):
                continue
            if PLATFORM_AFTER.match(text[m.end() : m.end() + 4]) or PLATFORM_BEFORE.search(text[max(0, m.start() - 4) : m.start()]):
                self.add(Candidate(m.start(1), m.end(1), "ORG", 38, "platform"))

    def _enumerations(self) -> None:
        """Company names listed before 等企业 / 5家…企业 (南京海拓、重庆风渡等下游企业)."""
        text = self.text
        for m in re.finditer(rf"((?:[{HAN}]{{2,6}}、)+[{HAN}]{{2,6}}?)(?=等|[0-9０-９一二三四五六七八九十两]+家)", text):
            tail = text[m.end() : m.end() + 16]
            if not ENUM_TAIL.match(tail):
                continue
            pos = m.start()
            for i, item in enumerate(m.group(1).split("、")):
                s, e = pos, pos + len(item)
                pos = e + 1
                if i == 0:
                    # the first item starts after whatever word leads into the list (吸引南京海拓)
                    starts = [b for b in range(s, e - 1) if self.tok.is_bound(b)]
                    s = next((b for b in starts if self._company_like(text[b:e]) or text[b:e] in self.lex.org_lexicon), s)
                    item = text[s:e]
                if item in self.lex.org_lexicon:
                    continue  # the lexicon has it
                if self._company_like(item):
                    self.add(Candidate(s, e, "ORG", 35, "enumeration"))

    def _company_like(self, item: str) -> bool:
        if item in self.gaz.names or _is_word(item) or item in self.lex.not_entities:
            return False
        for n in range(2, min(len(item) - 1, 5)):
            head, rest = item[:n], item[n:]
            if head in self.gaz.names and 2 <= len(rest) <= 3 and not _is_word(rest):
                return True
        return False
