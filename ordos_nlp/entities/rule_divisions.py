"""The lowest rungs of the division ladder in towns: communities and street offices.

A city's village-level unit is the community (社区), named like a village
(东盛街社区, 呼格吉勒社区) but also written as a common noun (和谐社区,
学习型社区, 该社区); a name is kept only where the characters before 社区 are
not a common word, a determiner or a kind word (…型, …性, …化). A street
office (…街道, …街道办) before a village or community is where its name starts
(平洞街道办|洛郎村), as a township's name is (图克镇|哈图嘎查). The segmenter
also glues 村 to the word after it (后荒地|村农民): the village word still ends
there.
"""

from __future__ import annotations

from typing import Optional

from .candidates import IS_HAN, NAME_POS, Candidate, _freq, _is_word, _pos_table

COMMUNITY = "社区"
#: the words of a street office, longest first
STREET_WORDS = ("街道办事处", "街道办", "街道")
#: last characters of a descriptive word before 社区 (学习型, 示范性, 现代化)
KIND_ENDS = ("型", "性", "化", "式", "级", "类")
#: parts of speech that open a clause rather than a name (积极 in 积极探索社区发展)
CLAUSE_OPENERS = ("ad", "d", "v", "p", "c", "r")
#: a body this common that is not a name is a common word (城市社区, 和谐社区)
COMMON_FREQ = 500


class DivisionRules:
    """Communities by their word, and the street offices villages follow (mixed into ``_Run``)."""

    text: str
    gaz: object

    def _village_word_glued(self, token: Optional[tuple[int, int]], end: int) -> bool:
        """村农民, 村村民: the segmenter made one token of 村 and the word after it."""
        return (token is not None and token[0] == end - 1 and token[1] - end >= 2
                and _is_word(self.text[end : token[1]]))  # not 村民 itself

    def _street_ends_at(self, p: int) -> bool:
        """A street office's word ends at ``p`` after a name of two characters or more."""
        text = self.text
        for word in STREET_WORDS:
            if text.endswith(word, 0, p):
                s = p - len(word)
                return s >= 2 and bool(IS_HAN.match(text[s - 2 : s]))
        return False

    def _after_street_office(self, town: Candidate) -> int:
        """Where a village after ``town`` starts: past 办/办事处 when the town is a street
        written with its office (平洞街道|办|洛郎村)."""
        text = self.text
        if text.endswith("街道", 0, town.end):
            for word in ("办事处", "办"):
                if text.startswith(word, town.end):
                    return town.end + len(word)
        return town.end

    def _common_word(self, body: str) -> bool:
        """A dictionary word that is not a name (和谐, 东风), or a place word no division is
        named (城市): common words before 社区."""
        pos = _pos_table().get(body)
        if pos is None or _freq().get(body, 0) < COMMON_FREQ:
            return False
        return pos not in NAME_POS or (pos == "ns" and body not in self.gaz.names)

    def _communities(self) -> None:
        """东盛街社区, 永兴花苑社区: a community named by the characters before 社区."""
        text = self.text
        ws = text.find(COMMUNITY)
        while ws >= 0:
            end = ws + len(COMMUNITY)
            at = ws
            ws = text.find(COMMUNITY, end)
            if at < 2:
                continue
            start = self._village_start(at)
            if start is None:
                continue
            body = text[start:at]
            if body.endswith(KIND_ENDS) or self._common_word(body):
                continue  # 学习型社区, 城市社区: a kind of community, not a name
            if len(body) > 2 and (_pos_table().get(body[:2]) or "n") in CLAUSE_OPENERS:
                continue  # 积极探索社区发展: a verb phrase before 社区, not a name
            self.add(Candidate(start, end, "GPE", 50, "village", readings=()))
