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

#: Words that announce an act for later (a threat); checked in the clause of the match.
_THREAT_CUES = ("再不", "不还", "否则", "不然", "要是", "如果", "若", "就把", "就让", "就给", "就去", "就发", "就到",
                "就打", "就找", "就来", "会", "将", "要", "明天", "今晚", "晚上", "下次", "等着", "马上", "立即", "小心",
                "后果", "让你", "叫你", "准备", "到时候", "迟早", "别逼", "信不信", "哪天")
#: A borrower telling what happened ("他们…", "我家…", "昨天…") rather than a collector writing to them.
_NARRATIVE_CUES = ("他们", "我家", "我妈", "我爸", "我老婆", "我老公", "我公司", "我单位", "我们公司", "我们厂", "我的",
                   "收到了", "来了", "说是", "昨天", "昨晚", "前天", "上周", "今早", "今天早上", "早上出门", "回家看见", "被他们", "被人",
                   "我被", "把我", "给我", "发现")


@dataclass(slots=True)
class RuleHit:
    rule: Rule
    start: int  # normalised offsets of the driving match
    end: int
    mode: str
    escalated: bool = False


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
            for p in (*rule.unless, *rule.unless_message, *rule.escalate_near):
                add(p, i, "aux")
            if rule.regex:
                compiled = [re.compile(normalise_pattern(rx)) for rx in rule.regex]
                self._regex.append((i, compiled))
                if not rule.trigger:
                    self._untriggered.append(i)
        for key, items in payload.items():
            self.automaton.add_word(key, (key, tuple(items)))
        self.automaton.make_automaton()
        from xiezhi.collection.metadata import cues

        self._negators = tuple(normalise_pattern(n) for n in cues().clause_negators)
        self._questions = tuple(normalise_pattern(q) for q in cues().question_cues)
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
        narrative = is_narrative(text) if any_hits else False
        for idx, spans in any_hits.items():
            rule = self.rules[idx]
            if any(found.get(normalise_pattern(p)) for p in rule.unless_message):
                continue
            for s, e in sorted(spans):
                if self._accept(rule, text, s, e, found, narrative):
                    esc = bool(rule.escalate_near) and _near(rule.escalate_near, s, e, rule.window, found)
                    hits.append(RuleHit(rule, s, e, _mode(rule, text, s, e, narrative), esc))
                    break
        return hits

    def _accept(self, rule: Rule, text: str, s: int, e: int, found: dict[str, list[int]],
                narrative: bool = False) -> bool:
        cs, ce = clause_bounds(text, s, e)
        if rule.negatable:
            if _NEGATED.search(text[max(cs, s - 8):s]):
                return False
            before = text[cs:s]
            if any(n in before for n in self._negators):
                return False
            clause = text[cs:min(ce + 1, len(text))]
            if (narrative or any(q in clause for q in self._questions)) and _is_question(text, cs, ce):
                return False
        for p in rule.unless:
            key = normalise_pattern(p)
            if any(cs < end <= ce + 0 or (cs <= end - len(key) < ce) for end in found.get(key, ())):
                return False
        return all(_near(group, s, e, rule.window, found) for group in rule.near)


def _near(group: list[str], s: int, e: int, window: int, found: dict[str, list[int]]) -> bool:
    for p in group:
        key = normalise_pattern(p)
        for end in found.get(key, ()):
            if end - len(key) < e + window and end > s - window:
                return True
    return False


def _is_question(text: str, cs: int, ce: int) -> bool:
    """The clause ends with a question mark or 吗 (a borrower asking), not a collector's rhetoric."""
    end = text[ce:ce + 1]
    tail = text[max(cs, ce - 2):ce]
    return end in ("?", "？") or "吗" in tail


def clause_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    cs = s
    while cs > 0 and text[cs - 1] not in _CLAUSE_END:
        cs -= 1
    ce = e
    n = len(text)
    while ce < n and text[ce] not in _CLAUSE_END:
        ce += 1
    return cs, ce


def is_narrative(text: str) -> bool:
    """A first-person account of past events (an incident report), judged on the whole message."""
    me = text.count("我") - text.count("我们") - text.count("我司")
    return me > text.count("你") and any(c in text for c in _NARRATIVE_CUES)


def _mode(rule: Rule, text: str, s: int, e: int, narrative: bool = False) -> str:
    if rule.mode != "auto":
        return rule.mode
    if narrative:
        return "done"
    cs, ce = clause_bounds(text, s, e)
    clause = text[cs:ce]
    return "threatened" if any(c in clause for c in _THREAT_CUES) else "done"


@lru_cache(maxsize=2)
def get_matcher(directory: str | None = None) -> Matcher:
    return Matcher(load_categories(directory))


def scan_text(text: str) -> tuple[Normalised, list[RuleHit]]:
    norm = normalise(text)
    return norm, get_matcher().scan(norm)
