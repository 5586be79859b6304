"""The records component's word lists (``data/*.json``), read once and compiled.

Change verbs, comparison bases, scope words, status cues: closed sets of the
language of statistical reporting, kept as data so that they can be read and
extended without touching the rules that use them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    verbs: dict  # change verb → direction
    change_tail: re.Pattern  # verb (+了) at the end of the text before a change amount
    bases: tuple  # (compiled pattern, basis); fixed phrases first, then patterns
    any_base: re.Pattern  # all of ``bases`` in one: where it finds nothing, none of them does
    comparison_clause: re.Pattern
    breakdown: re.Pattern
    scope: dict  # scope word → level name
    scope_re: re.Pattern
    lead_re: re.Pattern  # lead words at the start of a phrase
    link_re: re.Pattern  # link words at the end of a phrase
    link_head: re.Pattern  # link words at the start of a text
    determiners: tuple
    target_re: re.Pattern
    planned_metric: tuple
    planned_after: tuple
    vague_periods: frozenset
    not_subject_suffixes: tuple
    comparisons: dict  # 高于 → up: a comparison with another place, average or schedule
    comparison_re: re.Pattern
    contribution: tuple
    rate_words: frozenset
    name_verbs: tuple
    plan_word: str
    restatement: tuple  # 约合, 折合: the same level in another unit
    flat_word: str
    simplified: dict  # str.translate table: traditional character → simplified

    def simplify(self, text: str) -> str:
        """``text`` with traditional characters in their simplified form, offsets unchanged."""
        return text.translate(self.simplified)


def _read(name: str) -> dict:
    return json.loads(resources.files("ordos_nlp.records").joinpath("data", name).read_text("utf-8"))


def _pairs(name: str) -> dict:
    text = resources.files("ordos_nlp.records").joinpath("data", name).read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")
            out[ord(a)] = b
    return out


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    ch = _read("changes.json")
    cx = _read("context.json")
    verbs = dict(ch["verbs"])
    suffix = _alternation(ch["verb_suffixes"])
    change_tail = re.compile(rf"(?P<verb>{_alternation(verbs)})(?:{suffix})?$")
    fixed = sorted(ch["bases"], key=lambda b: len(b[0]), reverse=True)
    bases = tuple((re.compile(re.escape(p)), b) for p, b in fixed) + tuple(
        (re.compile(p), b) for p, b in ch["base_patterns"]
    )
    return Lexicon(
        verbs=verbs,
        change_tail=change_tail,
        bases=bases,
        any_base=re.compile("|".join(f"(?:{p.pattern})" for p, _ in bases)),
        comparison_clause=re.compile(ch["comparison_clause"]),
        breakdown=re.compile(rf"^(?:{_alternation(ch['breakdown'])})"),
        scope=dict(cx["scope"]),
        scope_re=re.compile(_alternation(cx["scope"])),
        lead_re=re.compile(rf"^(?:{_alternation(cx['lead_words'])})+"),
        link_re=re.compile(rf"(?:{_alternation(cx['link_words'])})+$"),
        link_head=re.compile(rf"(?:{_alternation(cx['link_words'])})+"),
        determiners=tuple(sorted(cx["determiners"], key=len, reverse=True)),
        target_re=re.compile(_alternation(cx["status"]["target"])),
        planned_metric=tuple(cx["status"]["planned_metric"]),
        planned_after=tuple(cx["status"]["planned_after"]),
        vague_periods=frozenset(cx["vague_periods"]),
        not_subject_suffixes=tuple(cx["not_subject_suffixes"]),
        comparisons=dict(ch["comparisons"]),
        comparison_re=re.compile(rf"(?P<verb>{_alternation(ch['comparisons'])})[^，,；;。0-9０-９]{{0,16}}(?<![(（])$"),
        contribution=tuple(ch["contribution"]),
        rate_words=frozenset(ch["rate_words"]),
        name_verbs=tuple(cx["name_verbs"]),
        plan_word=cx["status"]["plan_word"],
        restatement=tuple(ch["restatement"]),
        flat_word=ch["flat_word"],
        simplified=_pairs("traditional.tsv"),
    )
