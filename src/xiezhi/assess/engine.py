"""The interview runner: parse answers, choose the next question, assemble the result page.

Answers are a flat mapping `var -> value`. A variable present with value None was asked and left
empty; an absent variable was not asked (yet). The runner asks a question only when its `show_if`
holds and some result block that can still be shown needs one of its variables.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from xiezhi.assess.derive import DERIVED_INPUTS, described, with_derived
from xiezhi.assess.loader import get_interview
from xiezhi.assess.models import (
    SECTION_TITLES,
    ActionLink,
    AssessResult,
    Block,
    FieldSpec,
    Interview,
    Question,
    ResultBlock,
    Section,
    Step,
)
from xiezhi.errors import InputError

_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


def tidy(text: str) -> str:
    """YAML folds lines with a space; Chinese text wants none between two CJK characters."""
    return _CJK_GAP.sub("", text.strip())


TOOL_PATHS: dict[str, str] = {
    "ask": "/ask", "check": "/check", "loan": "/loan", "evidence": "/evidence/new",
    "letters": "/letters", "plan": "/plan", "law": "/law",
}


# ---------------------------------------------------------------- parsing


def parse_value(f: FieldSpec, raw: Any) -> Any:
    """One raw answer (form text, list of strings, or JSON value) -> typed value or None (empty)."""
    if f.type == "multi":
        values = raw if isinstance(raw, list | tuple) else ([] if raw in (None, "") else [raw])
        values = [str(v) for v in values if str(v) != ""]
        allowed = {c.value: c for c in f.choices}
        bad = [v for v in values if v not in allowed]
        if bad:
            raise InputError(f"“{f.label}”没有这个选项：{bad[0]}")
        exclusive = [v for v in values if allowed[v].exclusive]
        if exclusive:
            return exclusive[:1]
        return sorted(set(values), key=[c.value for c in f.choices].index)
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if not f.optional:
            raise InputError(f"请回答：{f.label}")
        return None
    if f.type == "choice":
        if str(raw) not in {c.value for c in f.choices}:
            raise InputError(f"“{f.label}”没有这个选项：{raw}")
        return str(raw)
    if f.type == "yesno":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "yes", "1", "是"):
            return True
        if text in ("false", "no", "0", "否"):
            return False
        raise InputError(f"“{f.label}”请选择是或否")
    if f.type in ("money", "integer"):
        from xiezhi.money import to_decimal  # "1万", "１２０００", "12,000元": as the loan page reads them

        try:
            num = Decimal(to_decimal(str(raw)))
        except (InvalidOperation, ValueError, TypeError):
            raise InputError(f"“{f.label}”应当是数字，例如 10000 或 1万；现在填的是“{raw}”。") from None
        if not num.is_finite():
            raise InputError(f"“{f.label}”应当是数字，例如 10000 或 1万；现在填的是“{raw}”。")
        low = Decimal(str(f.min)) if f.min is not None else None
        high = Decimal(str(f.max)) if f.max is not None else None
        if (low is not None and num < low) or (high is not None and num > high):  # say what would be accepted
            low, high = (None if x is None else format(x.normalize(), "f") for x in (low, high))
            span = f"在 {low} 到 {high} 之间" if low is not None and high is not None else \
                f"不小于 {low}" if low is not None else f"不大于 {high}"
            raise InputError(f"“{f.label}”应当{span}；现在填的是“{raw}”，请检查是不是多输或少输了数字。")
        if f.type == "integer":
            if num != num.to_integral_value():
                raise InputError(f"“{f.label}”应当是整数：{raw}")
            return int(num)
        return num.quantize(Decimal("0.01"))
    if f.type == "date":
        from xiezhi.dates import parse_date

        day = raw if isinstance(raw, date) else parse_date(str(raw))
        if day > date.today() + timedelta(days=1):  # a mistyped year (2062): the loan page and Check refuse it too
            raise InputError(f"“{f.label}”{day.isoformat()} 还没有到，请检查年份。")
        return day
    text = str(raw).strip()
    if len(text) > f.max_length:
        raise InputError(f"“{f.label}”太长（{len(text)} 字），请控制在 {f.max_length} 字以内。")
    return text


def parse_answers(raw: Mapping[str, Any], iv: Interview | None = None) -> dict[str, Any]:
    """JSON-style answers (var -> value) -> typed answers. A question counts as answered when any of
    its variables is present; its other variables are then None. Unknown variables are an error."""
    iv = iv or get_interview()
    fields = {f.var: (q, f) for q in iv.questions.values() for f in q.fields}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise InputError(f"不认识的回答项：{', '.join(unknown[:5])}",
                         hints=["可用的项见 GET /api/v1/assess/interview"])
    answered = {fields[v][0].id for v in raw}
    out: dict[str, Any] = {}
    for qid in answered:
        for f in iv.questions[qid].fields:
            out[f.var] = parse_value(f, raw.get(f.var)) if f.var in raw else None
    return out


def parse_form(done: list[str], values: Mapping[str, list[str]], iv: Interview | None = None) -> dict[str, Any]:
    """Answers carried by a web form or URL: `_done` lists the answered question ids; each variable
    comes as one or more values (multi-choice repeats the key)."""
    iv = iv or get_interview()
    out: dict[str, Any] = {}
    for qid in done:
        q = iv.questions.get(qid)
        if q is None:
            raise InputError(f"不认识的问题：{qid}")
        for f in q.fields:
            vals = values.get(f.var, [])
            out[f.var] = parse_value(f, vals if f.type == "multi" else (vals[-1] if vals else None))
    return out


def answered_ids(answers: Mapping[str, Any], iv: Interview | None = None) -> list[str]:
    iv = iv or get_interview()
    return [qid for qid in iv.order if any(f.var in answers for f in iv.questions[qid].fields)]


def to_form(answers: Mapping[str, Any], iv: Interview | None = None) -> list[tuple[str, str]]:
    """The inverse of parse_form: (key, value) pairs for a URL or hidden inputs."""
    iv = iv or get_interview()
    pairs = [("_done", qid) for qid in answered_ids(answers, iv)]
    for var, value in answers.items():
        if value is None:
            continue
        for v in value if isinstance(value, list) else [value]:
            pairs.append((var, v.isoformat() if isinstance(v, date) else str(v)))
    return pairs


# ---------------------------------------------------------------- asking


def _possible(iv: Interview, known: dict[str, Any]) -> list[Block]:
    return [b for b in iv.blocks if b.show_if is None or b.show_if.evaluate(known) is not False]


def _needed(blocks: list[Block]) -> set[str]:
    needed: set[str] = set()
    for b in blocks:
        needed |= b.variables()
    for var in list(needed):
        needed |= set(DERIVED_INPUTS.get(var, ()))
    return needed


def _askable(q: Question, known: dict[str, Any], needed: set[str], answers: Mapping[str, Any]) -> bool:
    if any(f.var in answers for f in q.fields):
        return False
    if q.show_if is not None and q.show_if.evaluate(known) is not True:
        return False
    return any(f.var in needed for f in q.fields)


def next_step(answers: Mapping[str, Any], iv: Interview | None = None) -> Step:
    iv = iv or get_interview()
    known = with_derived(dict(answers), iv)
    needed = _needed(_possible(iv, known))
    pending = [iv.questions[qid] for qid in iv.order
               if _askable(iv.questions[qid], known, needed, answers)]
    asked = len(answered_ids(answers, iv))
    return Step(question=pending[0] if pending else None, asked=asked, remaining_estimate=len(pending))


# ---------------------------------------------------------------- the result


def finalize(answers: Mapping[str, Any], iv: Interview) -> dict[str, Any]:
    """Variables never asked become None ("not the case"), then derived variables are added."""
    full = dict(answers)
    for q in iv.questions.values():
        for f in q.fields:
            full.setdefault(f.var, None)
    return with_derived(full, iv)


def _citations(ids: list[str]) -> list[dict[str, Any]]:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    return [corpus.article_json(cid) for cid in ids]


def _action(block: Block, known: dict[str, Any], text: str) -> ActionLink | None:
    from urllib.parse import urlencode

    if block.action is None:
        return None
    prefill: dict[str, str] = {}
    for key, value in block.action.prefill.items():
        if value == "@described":
            resolved: Any = text
        elif value.startswith("@"):
            resolved = known.get(value[1:])
        else:
            resolved = value
        if resolved not in (None, "", []):
            prefill[key] = resolved.isoformat() if isinstance(resolved, date) else str(resolved)
    path = TOOL_PATHS[block.action.tool]
    url = f"{path}?{urlencode(prefill)}" if prefill else path
    return ActionLink(tool=block.action.tool, label=block.action.label, url=url, prefill=prefill)


def assess(answers: Mapping[str, Any], iv: Interview | None = None) -> AssessResult:
    """Build the result page from (typed) answers; unanswered questions count as "not the case"."""
    from xiezhi.assess import compute

    iv = iv or get_interview()
    known = finalize(answers, iv)
    text = described(known, iv)
    raw: dict[str, Any] = {}
    by_section: dict[str, list[tuple[int, ResultBlock]]] = {s: [] for s in SECTION_TITLES}
    for block in iv.blocks:
        if block.show_if is not None and block.show_if.evaluate(known) is not True:
            continue
        rb = ResultBlock(id=block.id, section=block.section, title=block.title, text=tidy(block.text),
                         citations=_citations(block.citations), action=_action(block, known, text))
        if block.compute is not None:
            outcome = compute.run(block.compute, known, text)
            rb.items, rb.unavailable = outcome.items, outcome.unavailable
            rb.citations += [c for c in outcome.citations if c not in rb.citations]
            if outcome.raw is not None:
                raw[block.compute] = outcome.raw
            if outcome.skip:
                continue
        by_section[block.section].append((block.priority, rb))
    sections = [Section(id=sid, title=title, blocks=[b for _, b in sorted(by_section[sid], key=lambda x: x[0])])
                for sid, title in SECTION_TITLES.items() if by_section[sid]]
    shown = {k: (v.isoformat() if isinstance(v, date) else (str(v) if isinstance(v, Decimal) else v))
             for k, v in answers.items()}
    return AssessResult(answers=shown, described=text, sections=sections,
                        check=raw.get("check_described"), loan=raw.get("loan_cost"))
