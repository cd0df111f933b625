"""analyze_history(records) -> HistoryReport: a timeline, per-counterpart daily counts, night contacts,
and harassment_frequency / harassment_time raised from the history itself, plus each incoming text
checked on its own with its timestamp."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from xiezhi.collection.check import analyze
from xiezhi.collection.citations import citations_for
from xiezhi.collection.metadata import contact_limits, cues, is_automated_notice, is_quiet_time
from xiezhi.collection.models import (
    CATEGORIES,
    SEVERITY_RANK,
    Action,
    CheckResult,
    ContactDay,
    Finding,
    HistoryReport,
    MessageMeta,
    TimelineEntry,
)
from xiezhi.collection.rules import load_categories
from xiezhi.history.records import HistoryImport, HistoryRecord


def _aggregate(category: str, explanation: str, day: date, quote: str = "") -> Finding:
    actions = [Action.model_construct(channel=a.channel, why=a.why) for a in load_categories()[category].actions]
    return Finding.model_construct(category=category, severity="violation", mode="done", span=(0, len(quote)),
                                   quote=quote, explanation=explanation, citations=citations_for(category, (), day),
                                   actions=actions, rule="history")


def analyze_history(records: HistoryImport | Iterable[HistoryRecord], *, source: str = "") -> HistoryReport:
    """Analyse a whole phone history (records from xiezhi.history readers)."""
    issues: list[dict] = []
    if isinstance(records, HistoryImport):
        source = source or records.source
        issues = [i.model_dump() for i in records.issues]
        recs = list(records.records)
    else:
        recs = list(records)
    recs.sort(key=lambda r: (r.at is None, r.at or 0, r.line))
    days: dict[tuple[str, date], ContactDay] = {}
    timeline: list[TimelineEntry] = []
    results: list[CheckResult] = []
    findings: list[Finding] = []
    night_total = 0
    night_examples: dict[date, list[HistoryRecord]] = defaultdict(list)
    incoming = 0
    for r in recs:
        entry = TimelineEntry.model_construct(at=r.at, counterpart=r.counterpart, kind=r.kind, direction=r.direction,
                                              line=r.line, text=r.text, duration_s=r.duration_s, labels=[],
                                              severity="info")
        if (r.incoming and r.direction != "unknown") or (r.direction == "unknown" and r.kind != "im"):
            incoming += 1
            if r.at is not None:
                d = r.at.date()
                cd = days.setdefault((r.counterpart, d), ContactDay(counterpart=r.counterpart, day=d.isoformat()))
                if r.kind == "call":
                    cd.calls += 1
                    if r.direction == "in" and (r.duration_s or 0) > 0:
                        cd.answered_calls += 1
                else:
                    cd.messages += 1
                limits = contact_limits(d)
                if limits.covered and is_quiet_time(r.at.time(), limits) and not (
                        r.kind != "call" and is_automated_notice(r.text)):
                    cd.night_contacts += 1
                    night_total += 1
                    night_examples[d].append(r)
            if r.text.strip() and r.kind != "call":
                res = analyze(r.text, MessageMeta(sent_at=r.at, channel="im" if r.kind == "im" else "sms"),
                              id=f"line-{r.line}")
                results.append(res)
                entry.labels = list(res.labels)
                entry.severity = res.severity
                for f in res.findings:
                    if f.category != "compliant" and f.category in res.labels:  # not the 21:00-22:00 notes
                        f.explanation = f"第{r.line}行（{r.at:%Y-%m-%d %H:%M}，{r.counterpart}）：{f.explanation}" if r.at else \
                            f"第{r.line}行（{r.counterpart}）：{f.explanation}"
                        findings.append(f)
        timeline.append(entry)
    for (who, d), cd in sorted(days.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        limits = contact_limits(d)
        if not limits.covered:
            continue
        attempts = cd.calls
        if cd.answered_calls > limits.max_answered_calls:
            findings.append(_aggregate("harassment_frequency",
                                       f"{d.isoformat()} {who} 与你有效通话 {cd.answered_calls} 次，超过行业标准每日不超过{limits.max_answered_calls}次。", d))
        elif limits.max_attempts is not None and attempts > limits.max_attempts:
            findings.append(_aggregate("harassment_frequency",
                                       f"{d.isoformat()} {who} 拨打 {attempts} 次，超过行业指引对同一号码每日尝试不超过{limits.max_attempts}次的界线。", d))
        line = cues().bombing_reference
        if cd.messages > line:
            findings.append(_aggregate("harassment_frequency",
                                       f"{d.isoformat()} {who} 发来 {cd.messages} 条信息，属于频繁轰炸（没有文件规定短信条数，此处以每日{line}次为参照）。", d))
    for d, recs_night in sorted(night_examples.items()):
        times = "、".join(f"{r.at:%H:%M}（{r.counterpart}，第{r.line}行）" for r in recs_night[:5] if r.at)
        more = f"等 {len(recs_night)} 次" if len(recs_night) > 5 else ""
        limits = contact_limits(d)
        findings.append(_aggregate("harassment_time",
                                   f"{d.isoformat()} 在{limits.quiet_start:%H:%M}至次日{limits.quiet_end:%H:%M}之间被联系：{times}{more}。", d))
    present = {f.category for f in findings if f.category != "compliant"}
    labels = [c for c in CATEGORIES if c in present] or ["compliant"]
    severity = max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__, default="info")
    return HistoryReport.model_construct(
        source=source, records=len(recs), incoming=incoming, counterparts=len({r.counterpart for r in recs}),
        timeline=timeline, per_day=sorted(days.values(), key=lambda c: (c.day, c.counterpart)),
        night_contacts=night_total, findings=findings, labels=labels, severity=severity, issues=issues,
        message_results=results)
