"""Match the rules against one message: literal patterns through one Aho-Corasick automaton, a few
regular expressions gated by literal triggers, negation/quotation checks, spans in original offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from xiezhi.collection.normalize import Normalised, normalise, normalise_pattern
from xiezhi.collection.rules import CategorySpec, Rule, load_categories

#: A negator right before a match (nothing but an auxiliary in between) cancels a threat.
_NEGATED = re.compile(
    r"(?:不会|不要|不得|不能|不可能|绝不|绝对不|决不|从不|从未|并未|并不|没有|没|未|严禁|禁止|不|无需|不必|不用)"
    r"(?:会|要|去|来|再|将|能|可能|打算|安排|派人|主动|随意|私自|擅自|向|对|跟|给|和|与|以)?$"
)
_CLAUSE_END = "。！？!?；;\n"
_THREAT_CUES = ("再不", "不还", "否则", "等着", "就", "会", "要", "将", "明天", "今晚", "马上", "立即", "小心",
                "后果", "让你", "叫你", "如果", "若", "不然", "准备", "安排", "必须", "下午", "上午")
_DONE_CUES = ("已经", "已", "昨天", "昨晚", "前天", "刚才", "刚刚", "上周", "那天", "当时", "来了", "了我", "了，",
              "今天早上", "今早", "半夜", "凌晨", "去了", "砸了", "泼了", "发了", "打了", "找了", "贴了")


@dataclass(slots=True)
class RuleHit:
    rule: Rule
    start: int  # normalised offsets of the driving match
    end: int
    mode: str


@dataclass(slots=True)
class _Scan:
    any_hits: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    keys: dict[str, list[int]] = field(default_factory=dict)  # pattern -> end positions


class Matcher:
    """All rules compiled once; `scan` returns the rule hits of a message."""

    def __init__(self, categories: dict[str, CategorySpec]) -> None:
        self.categories = categories
        self.rules: list[Rule] = [r for spec in categories.values() for r in spec.rules]
        self.automaton = ahocorasick.Automaton()
        payload: dict[str, list[tuple[int, str]]] = {}

        def add(pattern: str, idx: int, role: str) -> None:
            key = normalise_pattern(pattern)
            if key:
                payload.setdefault(key, []).append((idx, role))

        self._regex: list[tuple[int, list[re.Pattern[str]]]] = []
        self._untriggered: list[int] = []
        for i, rule in enumerate(self.rules):
            for p in rule.any:
                add(p, i, "any")
            for p in rule.trigger:
                add(p, i, "trigger")
            for group in rule.near:
                for p in group:
                    add(p, i, "aux")
            for p in (*rule.unless, *rule.unless_message):
                add(p, i, "aux")
            if rule.regex:
                compiled = [re.compile(normalise_pattern(rx)) for rx in rule.regex]
                self._regex.append((i, compiled))
                if not rule.trigger:
                    self._untriggered.append(i)
        for key, items in payload.items():
            self.automaton.add_word(key, (key, tuple(items)))
        self.automaton.make_automaton()
        self._regex_by_rule = dict(self._regex)

    def scan(self, norm: Normalised) -> list[RuleHit]:
        text = norm.text
        any_hits: dict[int, list[tuple[int, int]]] = {}
        triggered: set[int] = set()
        found: dict[str, list[int]] = {}
        for end, (key, items) in self.automaton.iter(text):
            found.setdefault(key, []).append(end + 1)
            for idx, role in items:
                if role == "any":
                    any_hits.setdefault(idx, []).append((end + 1 - len(key), end + 1))
                elif role == "trigger":
                    triggered.add(idx)
        for idx in (*triggered, *self._untriggered):
            for rx in self._regex_by_rule.get(idx, ()):
                for m in rx.finditer(text):
                    if m.end() > m.start():
                        any_hits.setdefault(idx, []).append((m.start(), m.end()))
        hits: list[RuleHit] = []
        for idx, spans in any_hits.items():
            rule = self.rules[idx]
            if any(found.get(normalise_pattern(p)) for p in rule.unless_message):
                continue
            for s, e in sorted(spans):
                if self._accept(rule, text, s, e, found):
                    hits.append(RuleHit(rule, s, e, _mode(rule, text, s, e)))
                    break
        return hits

    def _accept(self, rule: Rule, text: str, s: int, e: int, found: dict[str, list[int]]) -> bool:
        cs, ce = clause_bounds(text, s, e)
        if rule.negatable and _NEGATED.search(text[max(cs, s - 8):s]):
            return False
        for p in rule.unless:
            key = normalise_pattern(p)
            if any(cs < end <= ce + 0 or (cs <= end - len(key) < ce) for end in found.get(key, ())):
                return False
        for group in rule.near:
            ok = False
            for p in group:
                key = normalise_pattern(p)
                for end in found.get(key, ()):
                    start = end - len(key)
                    if start < e + rule.window and end > s - rule.window:
                        ok = True
                        break
                if ok:
                    break
            if not ok:
                return False
        return True


def clause_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    cs = s
    while cs > 0 and text[cs - 1] not in _CLAUSE_END:
        cs -= 1
    ce = e
    n = len(text)
    while ce < n and text[ce] not in _CLAUSE_END:
        ce += 1
    return cs, ce


def _mode(rule: Rule, text: str, s: int, e: int) -> str:
    if rule.mode != "auto":
        return rule.mode
    cs, ce = clause_bounds(text, s, e)
    clause = text[cs:ce]
    if any(c in clause for c in _DONE_CUES) and not any(c in clause for c in ("再不", "否则", "不然", "如果", "等着")):
        return "done"
    return "threatened"


@lru_cache(maxsize=2)
def get_matcher(directory: str | None = None) -> Matcher:
    return Matcher(load_categories(directory))


def scan_text(text: str) -> tuple[Normalised, list[RuleHit]]:
    norm = normalise(text)
    return norm, get_matcher().scan(norm)
