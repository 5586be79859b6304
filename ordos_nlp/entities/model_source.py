"""The trained recogniser as a candidate source.

The model (``charner``) was trained on news and posts of other corpora (MSRA,
CLUENER2020, Weibo NER), whose conventions differ from ours in places; its
spans are brought to FACTS.md before they are used:

- quotation marks, brackets and book-title marks at the edges of a name are
  cut off unless they pair up inside it (东胜区“国防林”生态基地 keeps them);
- nothing inside ``《》`` is a name; fixed terms and generic words
  (中国式现代化, 全市, 我市, 本报 …) are not names, nor parts of them;
- a word alone in quotation marks is no person (“金点子”: terms, slogans and
  nicknames are quoted; FACTS.md counts none of them);
- a job title is not part of a person (记者, 教师 before or after the name),
  nor the end of an organisation (…局局长 → …局); a body before 代表/委员 is
  part of a role noun (人大代表), and a kind of body is not a body (工作站,
  公司 alone);
- a LOC that the gazetteer knows is a GPE (with its code and parents when the
  reading can be decided, as the rules decide it); a chain of places that
  the model read as one (内蒙古自治区鄂尔多斯市) is one GPE per level.

How its names then join the rules' is ``combination``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .candidates import IS_HAN, PERSON_RIGHT, SPEECH_VERBS, SpanIndex, _pos_table
from .charner import get_char_ner
from .combination import MIN_PROB, MODEL_PRIORITY
from .gazetteer import TOWN_WORDS
from .lexicon import get_lexicon
from .proper_places import proper_place_word
from .rules import BOOK_TITLE, Candidate, Tokens

OPEN = "“‘「『《〈（(【[\"'"
CLOSE = "”’」』》〉）)】]\"'"
PAIRS = dict(zip(OPEN, CLOSE))
EDGE_JUNK = set(" \t\r\n\u3000、，。；：！？,.;:!?·—-…")
PART_WORDS = ("核心区", "片区", "园区内")
JOINERS = ("与", "和", "同", "跟")
# a word the dictionary counts this often is a common word, not a place's name (广场, 太阳, 东北)
COMMON_WORD_FREQ = 1000
# marks of a list, inside no organisation's name (和 and 与 are: 住房和城乡建设局)
LIST_MARKS = "及、"
# conjunctions that end no name (和 does: 太和, 人和)
EDGE_CONJUNCTIONS = "与及"
# 人大代表, 政协委员: role nouns, not the body before them (FACTS.md)
ROLE_AFTER = ("代表", "委员")
AGREEMENT_VERBS = ("签约", "签署", "签订", "合作", "携手", "联手", "达成", "共建", "共同")
# verbs of joining up with a partner, whose object before an agreement verb is that partner
JOIN_VERBS = ("对接", "携手", "联手", "牵手", "联合", "引进")
# words after a place that keep it a place (宁德地区合作: the region, not a company)
PLACE_WORDS = ("地区", "地方", "方面", "市场", "企业", "政府", "当地", "全市", "全区", "双方", "两地", "之间")
JOINER_RE = re.compile("|".join(JOINERS))
JOIN_VERB_RE = re.compile("|".join(JOIN_VERBS))
# what opens a title or a quoted name, which a verb stands before (作《报告》)
TITLE_OPENERS = "《“"
# the level words of villages and townships, which end a division's name
VILLAGE_AND_TOWN_WORDS = ("村", "嘎查", "艾里", "社区") + TOWN_WORDS
#: the least tag probability of a person written wholly in Mongolian name characters
MONGOLIAN_MIN_PROB = 0.15
# a place word right after a transliteration: the name is a place's (巴彦温都尔|苏木)
PLACE_AFTER = re.compile(
    r"(?:苏木|嘎查|艾里|镇|乡|村|旗|县|市|盟|区|草原|湖|河|山|沙漠|淖尔|诺尔|高勒|浩特|牧场|口岸)")


@dataclass
class ModelCandidate(Candidate):
    """A candidate from the model, with the least probability of its tags."""

    prob: float = 1.0


def _balanced(name: str) -> bool:
    stack = []
    for ch in name:
        if ch in PAIRS and not (ch in CLOSE and stack and PAIRS.get(stack[-1]) == ch):
            stack.append(ch)
        elif ch in CLOSE:
            if not stack or PAIRS.get(stack[-1]) != ch:
                return False
            stack.pop()
    return not stack


class ModelSource:
    """Candidates from the trained recogniser, cleaned to FACTS.md's boundaries."""

    name = "model"

    def __init__(self, path: Optional[str] = None):
        self.ner = get_char_ner(path)
        self.lex = get_lexicon()
        self.gaz = self.lex.gaz
        fixed = sorted((w for w in self.lex.not_entities if len(w) >= 2), key=len, reverse=True)
        self.fixed = re.compile("|".join(map(re.escape, fixed))) if fixed else None
        self.titles = set(self.lex.titles)
        self.tails = self.titles | set(PART_WORDS)
        self.title_lens = sorted({len(t) for t in self.titles}, reverse=True)
        self.tail_lens = sorted({len(t) for t in self.tails}, reverse=True)

    def __call__(self, text: str, tokens: Tokens, sentences, scored=None) -> list[Candidate]:
        """The model's names in ``text``; ``scored``: its raw predictions when already made
        (``CharNER.predict_scored_many`` over a batch of texts)."""
        spans = self.ner.predict_scored(text, tokens.spans) if scored is None else scored
        partners = self._partners(text, tokens)
        if not spans and not partners:
            return []
        blocked = [m.span() for m in BOOK_TITLE.finditer(text)]  # nothing overlaps a title
        fixed = []  # nothing lies inside a fixed term (中国 in 中国式现代化); 全国人大 is no 全国
        if self.fixed is not None:
            fixed = [m.span() for m in self.fixed.finditer(text) if tokens.is_bound(m.start()) and tokens.is_bound(m.end())]
        out: list[Candidate] = [c for c in partners if not any(bs < c.end and c.start < be for bs, be in blocked)]
        partner_spans = SpanIndex((c.start, c.end) for c in partners)
        for s, e, label, prob in spans:
            s, e = self._trim(text, s, e, label)
            if e <= s or any(bs < e and s < be for bs, be in blocked):
                continue
            if any(fs <= s and e <= fe for fs, fe in fixed):
                continue
            if partner_spans.overlaps(s, e):
                continue
            name = text[s:e]
            if name in self.lex.not_entities or (label == "PERSON" and len(name) < 2 and prob < 0.5):
                continue
            if label == "PERSON" and s > 0 and e < len(text) and PAIRS.get(text[s - 1]) == text[e]:
                continue  # “金点子”: a quoted word is a term, a slogan or a nickname, not a person
            if label == "ORG" and (text.startswith(ROLE_AFTER, e) or self._kind_of_body(name)):
                continue
            if label == "ORG" and any(c in name for c in LIST_MARKS):
                continue  # …人民医院医务人员及昆华医院: two bodies and the words between, no name
            if label == "LOC" and self._common_place_words(text, tokens, s, e, prob):
                continue
            out.extend(self._typed(text, s, e, label, prob))
        return out

    def _common_place_words(self, text: str, tokens: Tokens, s: int, e: int, prob: float) -> bool:
        """运动广场, 新建景观公园, 国家森林公园: a place the model reads into common
        words alone (each among the dictionary's frequent ones) or a kind of place after one
        is no named place (a word the dictionary tags as a proper name is one all the same:
        ``proper_places``). One character is left to the short-name rule of the component
        (中俄贸易 no place, 中方 and 在京 places)."""
        from .rules import _freq

        name = text[s:e]
        if len(name) < 2:
            return False
        if name in self.gaz.names or name in self.lex.loc_lexicon:
            return False
        words = tokens.words_in(text, s, e)
        if all(_freq().get(w, 0) >= COMMON_WORD_FREQ for w in words):
            return not proper_place_word(text, tokens, s, e, prob)
        # 国家森林公园: a kind of place (its kind word) after a common word or none
        kind = next((name[i:] for i in range(len(name)) if name[i:] in self.lex.loc_suffixes), None)
        if kind is None:
            return False
        rest = name[: len(name) - len(kind)]
        return not rest or (len(rest) >= 2 and _freq().get(rest, 0) >= COMMON_WORD_FREQ)  # 燕山 is a name

    def _kind_of_body(self, name: str) -> bool:
        """A kind of organisation, not one: an organisation word alone (工作站, 公司, 中心)."""
        if name in self.lex.org_lexicon:
            return False
        if name in self.lex.org_suffixes and _pos_table().get(name) in ("n", None):
            return True  # 公司, 专业合作社: the word alone
        return self._kind_of_cooperative(name)

    def _kind_of_cooperative(self, name: str) -> bool:
        """药材种植合作社: a product and what is done with it before a cooperative word, no name."""
        from .rules import _is_word

        for n in range(min(len(name) - 1, 6), 1, -1):
            suf = self.lex.org_suffixes.get(name[-n:])
            if suf is None or not suf.activity_ok:
                continue
            head = name[:-n]
            if 3 <= len(head) <= 4 and _pos_table().get(head[-2:]) in ("v", "vn"):
                lead = head[:-2]
                return _is_word(lead) and _pos_table().get(lead) == "n"
            return False
        return False

    def _partners(self, text: str, tokens: Tokens) -> list[Candidate]:
        """``南京海拓与重庆风渡签约``: two parties of an agreement, each a place and a word no
        dictionary knows, are organisations (a company's short name with its place prefix).

        The model, trained on news where companies mostly carry 公司/集团, misses such
        names; the pattern needs both sides and the verb after them. One party after a
        verb of joining up (``对接宁德时代合作建设``: a place and a word, then the agreement)
        is one too, whatever its word: the verbs before and after leave it nothing else to be.
        """
        spans = tokens.spans
        out: list[Candidate] = self._joined_party(text, tokens)
        for i in _token_matches(JOINER_RE, text, tokens):
            if i == 0 or i + 1 >= len(spans):
                continue
            left = self._party(text, spans, i - 1, -1)
            if left is None:
                continue
            right = self._party(text, spans, i + 1, 1)
            if right is None or right[2] >= len(spans):
                continue
            after = text[spans[right[2]][0] : spans[right[2]][0] + 4]
            if not after.startswith(AGREEMENT_VERBS):
                continue
            for a, b, _ in (left, right):
                out.append(ModelCandidate(a, b, "ORG", MODEL_PRIORITY, "model", prob=1.0))
        return out

    def _joined_party(self, text: str, tokens: Tokens) -> list[Candidate]:
        """``对接宁德时代合作``: a place and one more word between a verb of joining up and an agreement."""
        out: list[Candidate] = []
        spans = tokens.spans
        for i in _token_matches(JOIN_VERB_RE, text, tokens):
            if i >= len(spans) - 3:
                continue
            j, end = i + 1, None
            while j < len(spans) and text[spans[j][0] : spans[j][1]] in self.gaz.names and (end is None or spans[j][0] == end):
                end = spans[j][1]
                j += 1
            if end is None or j + 1 >= len(spans) or spans[j][0] != end:
                continue
            word = text[spans[j][0] : spans[j][1]]
            if not (2 <= len(word) <= 4 and IS_HAN.match(word)) or word in self.gaz.names:
                continue
            if (_pos_table().get(word) or "n")[0] in "vpcdr" or word in PLACE_WORDS:
                continue
            if not text[spans[j + 1][0] : spans[j + 1][0] + 4].startswith(AGREEMENT_VERBS):
                continue
            out.append(ModelCandidate(spans[i + 1][0], spans[j][1], "ORG", MODEL_PRIORITY, "model", prob=1.0))
        return out

    def _party(self, text: str, spans, k: int, step: int):
        """``(start, end, next token index)`` of place + unknown word from token ``k`` on, or None."""
        from .rules import _is_word

        if step < 0:  # the unknown word comes first, walking left
            ws, we = spans[k]
            word = text[ws:we]
            if not (2 <= len(word) <= 4 and IS_HAN.match(word)) or _is_word(word) or word in self.gaz.names:
                return None
            j, start = k - 1, None
            while j >= 0 and text[spans[j][0] : spans[j][1]] in self.gaz.names and spans[j][1] == (start or ws):
                start = spans[j][0]
                j -= 1
            return (start, we, j) if start is not None else None
        j, end = k, None
        while j < len(spans) and text[spans[j][0] : spans[j][1]] in self.gaz.names and (end is None or spans[j][0] == end):
            end = spans[j][1]
            j += 1
        if end is None or j >= len(spans) or spans[j][0] != end:
            return None
        word = text[spans[j][0] : spans[j][1]]
        if not (2 <= len(word) <= 4 and IS_HAN.match(word)) or _is_word(word) or word in self.gaz.names:
            return None
        return (spans[k][0], spans[j][1], j + 1)

    # ------------------------------------------------------------------
    def _trim(self, text: str, s: int, e: int, label: str) -> tuple[int, int]:
        while True:
            before = (s, e)
            while s < e and text[s] in EDGE_JUNK:
                s += 1
            while e > s and text[e - 1] in EDGE_JUNK:
                e -= 1
            if s < e and not _balanced(text[s:e]):
                if text[s] in OPEN:
                    s += 1
                    continue
                if text[e - 1] in CLOSE:
                    e -= 1
                    continue
                if s > 0 and text[s - 1] in OPEN and _balanced(text[s - 1 : e]):
                    s -= 1  # “蒙草”集团: quotation marks inside a name stay inside it, the opening one too
                    continue
            if e - s > 2 and PAIRS.get(text[s]) == text[e - 1] and _balanced(text[s + 1 : e - 1]):
                s, e = s + 1, e - 1  # quotation marks around a name stay outside it
                continue
            name = text[s:e]
            if len(name) > 2 and name[-1] in EDGE_CONJUNCTIONS:
                e -= 1  # 阿乌拉嘎查与: the conjunction before the next item is no part of a name
                continue
            if label == "PERSON":
                cut = self._address_cut(text, s, e)
                if cut < e:  # 孟根阿|姨, 王大哥: the form of address stays outside the name
                    e = cut
                    continue
                if (e - s == 2 and text[s] in "小老" and text[s + 1] in self.lex.surnames
                        and any(text.startswith(w, e) for w in self.lex.address_words)):
                    s += 1  # 小王书记: 小 and 书记 address the person, 王 names them
                    continue
            if label == "PERSON" and (v := next((v for v in SPEECH_VERBS if name.endswith(v)), None)) \
                    and len(name) - len(v) >= 2:
                e -= len(v)  # 吴桂说: the verb the segmenter glued to the name is no part of it
                continue
            if (label == "PERSON" and len(name) >= 3 and text[e : e + 1] in TITLE_OPENERS
                    and (_pos_table().get(name[-1]) or "").startswith("v")):
                e -= 1  # 陈丹作《政府工作报告》: a verb before a title is what the person does
                continue
            if label == "PERSON":  # the longest title at either end, the start first
                for k in self.title_lens:
                    if len(name) - k < 2:
                        continue
                    if name[:k] in self.titles:
                        s += k
                        break
                    if name[-k:] in self.titles:
                        e -= k
                        break
            elif label in ("ORG", "LOC"):
                for k in self.tail_lens:
                    if len(name) - k >= 2 and name[-k:] in self.tails:
                        e -= k
                        break
            if (s, e) == before:
                return s, e

    def _address_cut(self, text: str, s: int, e: int) -> int:
        """Where a form of address starts inside the name ``[s, e)`` and reaches its end or
        beyond (王|大哥, 孟根|阿姨 read as 孟根阿); ``e`` when none does."""
        for cut in range(s + 1, e):
            for w in self.lex.address_words:
                if text.startswith(w, cut) and cut + len(w) >= e:
                    return cut
        return e

    def _mongolian(self, text: str, s: int, e: int, prob: float) -> tuple[int, int, float]:
        """A name written wholly in the characters of Mongolian name parts (斯仁塔日娃,
        呼斯毕嘎拉图): the recogniser is unsure of such transliterations, so a weaker reading
        counts, and a cut before the name's last characters is mended where a name's right
        context follows them."""
        chars = self.lex.mongolian_chars
        if e - s < 2 or not all(ch in chars for ch in text[s:e]):
            return s, e, prob
        end = e
        while end < len(text) and end - e < 3 and text[end] in chars and not PERSON_RIGHT.match(text, end):
            end += 1
        if end > e and (end == len(text) or PERSON_RIGHT.match(text, end)):
            e = end
        name = text[s:e]
        if (e - s >= 3 and prob >= MONGOLIAN_MIN_PROB and name not in self.gaz.names
                and not PLACE_AFTER.match(text, e)):
            prob = max(prob, MIN_PROB)
        return s, e, prob

    def _typed(self, text: str, s: int, e: int, label: str, prob: float) -> list[Candidate]:
        if label == "PERSON":
            s, e, prob = self._mongolian(text, s, e, prob)
        name = text[s:e]
        if label != "LOC":
            return [ModelCandidate(s, e, label, MODEL_PRIORITY, "model", prob=prob)]
        readings = self.gaz.lookup(name)
        if readings:
            return [ModelCandidate(s, e, "GPE", MODEL_PRIORITY, "model", prob=prob, readings=tuple(readings))]
        chain = self._chain(name)
        if chain:
            out = []
            pos = s
            for part in chain:
                out.append(
                    ModelCandidate(pos, pos + len(part), "GPE", MODEL_PRIORITY, "model", prob=prob,
                              readings=tuple(self.gaz.lookup(part)))
                )
                pos += len(part)
            return out
        if len(name) >= 3 and name.endswith(VILLAGE_AND_TOWN_WORDS):
            # 张庄村, 东沟村: the corpora's LOC holds every place; one named by its village's or
            # township's word is a division (FACTS.md), whichever one it is
            return [ModelCandidate(s, e, "GPE", MODEL_PRIORITY, "model", prob=prob)]
        return [ModelCandidate(s, e, "LOC", MODEL_PRIORITY, "model", prob=prob)]

    def _chain(self, name: str) -> Optional[list[str]]:
        """``name`` cut into two or more gazetteer names (longest first), or None."""
        names = self.gaz.names
        parts = []
        i = 0
        while i < len(name):
            for j in range(len(name), i + 1, -1):
                if name[i:j] in names:
                    parts.append(name[i:j])
                    i = j
                    break
            else:
                return None
        return parts if len(parts) >= 2 else None


def _token_matches(pattern: re.Pattern, text: str, tokens: Tokens) -> list[int]:
    """Indices of the tokens that are a whole match of ``pattern``, found by searching the
    text rather than by slicing every token."""
    from bisect import bisect_left

    out = []
    starts, spans = tokens.starts, tokens.spans
    for m in pattern.finditer(text):
        i = bisect_left(starts, m.start())
        if i < len(spans) and spans[i] == m.span():
            out.append(i)
    return out
