"""analyze_history(records) -> HistoryReport: a timeline, per-counterpart daily counts, night contacts,
and harassment_frequency / harassment_time raised from the history itself, plus the findings of each incoming
text checked on its own with its timestamp (its labels on its timeline line)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from xiezhi.collection.check import mentions_collection
from xiezhi.collection.citations import citations_for
from xiezhi.collection.fast import analyze_many
from xiezhi.collection.metadata import ContactLimits, contact_limits, cues, is_automated_notice, is_quiet_time
from xiezhi.collection.models import (
    CATEGORIES,
    SEVERITY_RANK,
    Action,
    CheckResult,
    ContactDay,
    Finding,
    HistoryFinding,
    HistoryReport,
    MessageMeta,
    TimelineEntry,
)
from xiezhi.collection.normalize import normalise
from xiezhi.collection.rules import load_categories
from xiezhi.history.records import HistoryImport, HistoryRecord


class _Citations:
    """The report's citation table: each article under its id, each named instrument (its status differs by category)
    as `named:N`, once; a finding lists their keys. A 20 MB backup's report repeated each article's full text in each of
    its 65,000 findings, and again in `message_results` (605 MB of JSON, 4.4 GB of memory to write it)."""

    def __init__(self) -> None:
        self.table: dict[str, dict[str, Any]] = {}
        self._named: dict[tuple[str, str], str] = {}
        self.categories: set[str] = set()

    def key(self, c: dict[str, Any]) -> str:
        if "id" in c:
            self.table.setdefault(c["id"], c)
            return c["id"]
        named = (c.get("name", ""), c.get("status", ""))
        key = self._named.get(named)
        if key is None:
            key = self._named[named] = f"named:{len(self._named) + 1}"
            self.table[key] = c
        return key

    def finding(self, f: Finding, line: int | None, explanation: str | None = None) -> HistoryFinding:
        """The history's form of `f` (explanation: in place of f's, e.g. with the record's line and time)."""
        self.categories.add(f.category)
        return HistoryFinding.model_construct(category=f.category, severity=f.severity, mode=f.mode, span=f.span,
                                              quote=f.quote, explanation=f.explanation if explanation is None
                                              else explanation, line=line,
                                              citations=[self.key(c) for c in f.citations], rule=f.rule)

    def actions(self) -> dict[str, list[Action]]:
        """Where to go, for each category found (the same list every finding of that category carries alone)."""
        specs = load_categories()
        return {c: [Action.model_construct(channel=a.channel, why=a.why) for a in specs[c].actions]
                for c in CATEGORIES if c in self.categories}


def _aggregate(cited: _Citations, category: str, explanation: str, day: date, quote: str = "", *,
               severity: str = "violation", repeated: bool = False) -> HistoryFinding:
    """A finding of the whole history. A night contact cites 民法典1033 and the named instruments; 治安50(五)
    ("多次…干扰他人正常生活", the general basis of harassment_frequency) only when one counterpart contacted several
    times that night (legal review 2, D8). An info line (category compliant) cites the quiet-hours instruments only."""
    if category == "compliant":
        citations = [c for c in citations_for("harassment_time", (), day) if "id" not in c]
    else:
        citations = citations_for(category, (), day)
    if repeated:
        articles = [c for c in citations_for("harassment_frequency", (), day) if "id" in c]
        citations = articles + [c for c in citations if c not in articles]
    return cited.finding(Finding.model_construct(category=category, severity=severity, mode="done", span=(0, len(quote)),
                                                 quote=quote, explanation=explanation, citations=citations,
                                                 actions=[], rule="history"), None)


def _from_its_time(f: Finding, r: HistoryRecord) -> bool:
    """The message's own night-time verdict, drawn from the record's time (`check.time_of_day`). A history decides
    night contact by its own rule instead (per night and counterpart, collectors only, automated notices apart, 治安50
    when one counterpart contacted several times that night), so this verdict is not reported again per message: 15
    night messages read '非时段催收（30 处）', and a relative's 23:10 "妈，我晚上回来吃饭" was a violation of its own."""
    return r.at is not None and f.category == "harassment_time" and f.rule.startswith("metadata")


def _evening(at: datetime, limits: ContactLimits) -> date:
    """The night a quiet-hours contact belongs to, named by its evening: 23:10 on 3 March and 01:20 on 4 March are one
    night (22:00 to 08:00 the next morning), so two contacts that night are "多次" and one finding names both; by
    calendar day they were two nights of one contact each."""
    return at.date() - timedelta(days=1) if at.time() < limits.quiet_end else at.date()


def _is_collector(who: str, texts: list[str], results: list[CheckResult]) -> bool:
    """A phone history also holds family and friends, whose night calls are no collection (legal review 2, D7). A
    counterpart is taken for a collector when one of its messages was found unlawful by its words or speaks of a
    debt or its collection, or when it only called and is an unsaved number (digits, as collectors' lines show: 95xxx,
    1380000…); a saved contact ("妈妈") or a number whose messages say nothing of a debt is not. A message's
    night-time verdict (any text at 23:00 is `harassment_time` when checked alone) does not make its sender a
    collector: that would call every late message from a relative collection at night."""
    if texts:
        return any(c not in ("compliant", "harassment_time") for r in results for c in r.labels) or any(
            mentions_collection(normalise(t).text) for t in texts)
    return sum(ch.isdigit() for ch in who) >= 5


def _not_collection_at_night(entry: TimelineEntry, res: CheckResult, r: HistoryRecord) -> None:
    """A night message from someone not taken for a collector: its line in the timeline loses the night verdict (the
    night's info line says a contact could not be confirmed as collection)."""
    rest = [f for f in res.findings if f.category in res.labels and not _from_its_time(f, r)]
    entry.labels = [c for c in entry.labels if c != "harassment_time" or any(f.category == c for f in rest)] or [
        "compliant"]
    entry.severity = max((f.severity for f in rest), key=SEVERITY_RANK.__getitem__, default="info")


def analyze_history(records: HistoryImport | Iterable[HistoryRecord], *, source: str = "") -> HistoryReport:
    """Analyse a whole phone history (records from xiezhi.history readers)."""
    issues: list[dict] = []
    notes: list[str] = []
    if isinstance(records, HistoryImport):
        source = source or records.source
        issues = [i.model_dump() for i in records.issues]
        notes = list(records.notes)
        recs = list(records.records)
    else:
        recs = list(records)
    recs.sort(key=lambda r: (r.at is None, r.at or 0, r.line))
    days: dict[tuple[str, date], ContactDay] = {}
    timeline: list[TimelineEntry] = []
    findings: list[HistoryFinding] = []
    cited = _Citations()
    night_total = 0
    night_examples: dict[date, list[HistoryRecord]] = defaultdict(list)
    incoming = 0
    texts_of: dict[str, list[str]] = defaultdict(list)
    results_of: dict[str, list[CheckResult]] = defaultdict(list)
    to_check: list[tuple[HistoryRecord, TimelineEntry]] = []
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
                    night_examples[_evening(r.at, limits)].append(r)
            if r.text.strip() and r.kind != "call":
                to_check.append((r, entry))
        timeline.append(entry)
    # The texts are checked together (same results as `analyze` on each, tests/test_check_speed.py): one
    # classifier pass and one rule scan per block instead of per message - a 20 MB SMS backup took about a minute.
    checked = analyze_many([r.text for r, _ in to_check],
                           [MessageMeta(sent_at=r.at, channel="im" if r.kind == "im" else "sms") for r, _ in to_check],
                           [f"line-{r.line}" for r, _ in to_check])
    for (r, entry), res in zip(to_check, checked, strict=True):
        texts_of[r.counterpart].append(r.text)
        results_of[r.counterpart].append(res)
        entry.labels = list(res.labels)
        entry.severity = res.severity
        for f in res.findings:
            # not the 21:00-22:00 notes, nor the message's night verdict (the night's own finding below names it)
            if f.category != "compliant" and f.category in res.labels and not _from_its_time(f, r):
                where = f"{r.at:%Y-%m-%d %H:%M}，{r.counterpart}" if r.at else r.counterpart
                findings.append(cited.finding(f, r.line, f"第{r.line}行（{where}）：{f.explanation}"))
    for (who, d), cd in sorted(days.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        limits = contact_limits(d)
        if not limits.covered:
            continue
        attempts = cd.calls - cd.answered_calls  # the 中银协 line counts calls that did not connect (D6)
        if cd.answered_calls > limits.max_answered_calls:
            findings.append(_aggregate(cited, "harassment_frequency",
                                       f"{d.isoformat()} {who} 与你有效通话 {cd.answered_calls} 次，超过行业标准每日不超过{limits.max_answered_calls}次。", d))
        elif limits.max_attempts is not None and attempts > limits.max_attempts:
            findings.append(_aggregate(cited, "harassment_frequency",
                                       f"{d.isoformat()} {who} 未接通的呼叫 {attempts} 次，超过行业指引对同一联系方式每日尝试拨打不宜超过{limits.max_attempts}次的界线。", d))
        line = cues().bombing_reference
        if cd.messages > line:
            findings.append(_aggregate(cited, "harassment_frequency",
                                       f"{d.isoformat()} {who} 发来 {cd.messages} 条信息，属于频繁轰炸（没有文件规定短信条数，此处以每日{line}次为参照）。", d))
    collectors = {who: _is_collector(who, texts_of[who], results_of[who]) for who in {r.counterpart for r in recs}}
    for (r, entry), res in zip(to_check, checked, strict=True):
        if not collectors[r.counterpart] and "harassment_time" in entry.labels:
            _not_collection_at_night(entry, res, r)
    unknown_night: set[date] = set()
    for d, recs_night in sorted(night_examples.items()):
        limits = contact_limits(d)
        window = f"{limits.quiet_start:%H:%M}至次日{limits.quiet_end:%H:%M}"
        known = [r for r in recs_night if collectors.get(r.counterpart)]
        if len(known) < len(recs_night):
            unknown_night.add(d)
        if not known:
            continue
        times = "、".join(f"{'次日' if r.at.date() > d else ''}{r.at:%H:%M}（{r.counterpart}，第{r.line}行）"
                         for r in known[:5] if r.at)
        more = f"等 {len(known)} 次" if len(known) > 5 else ""
        per_who: dict[str, int] = defaultdict(int)
        for r in known:
            per_who[r.counterpart] += 1
        findings.append(_aggregate(cited, "harassment_time", f"{d.isoformat()} 在{window}之间被催收方联系：{times}{more}。", d,
                                   repeated=max(per_who.values()) >= 2))
    for d in sorted(unknown_night):
        findings.append(_aggregate(cited, "compliant", f"{d.isoformat()} 夜间（至次日早晨）有来电/信息，未能确认对方是否为催收方。", d,
                                   severity="info"))
    present = {f.category for f in findings if f.category != "compliant"}
    labels = [c for c in CATEGORIES if c in present] or ["compliant"]
    severity = max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__, default="info")
    return HistoryReport.model_construct(
        source=source, records=len(recs), incoming=incoming, counterparts=len({r.counterpart for r in recs}),
        timeline=timeline, per_day=sorted(days.values(), key=lambda c: (c.day, c.counterpart)),
        night_contacts=night_total, findings=findings, labels=labels, severity=severity, issues=issues,
        notes=notes, citations=cited.table, actions=cited.actions())
