"""Chinese plain-text rendering of CheckResult and HistoryReport (used by the CLI; pure functions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xiezhi.collection.models import Action, CheckResult, Finding, HistoryFinding, HistoryReport
from xiezhi.collection.rules import load_categories

SEVERITY_ZH = {"info": "提示", "violation": "违规", "possible_crime": "可能涉嫌犯罪"}
MODE_ZH = {"threatened": "扬言/威胁", "done": "已发生"}
CHANNEL_ZH = {
    "110": "110 报警",
    "12378": "12378 金融监管投诉热线",
    "local_regulator": "地方金融管理局",
    "12321": "12321 网络不良与垃圾信息举报",
    "12377": "12377 网信部门违法和不良信息举报",
    "court": "人民法院",
    "96110": "96110 反诈专线",
    "verify": "核实",
    "keep_records": "留存证据",
}
DISCLAIMER = "以上为法律信息，不是法律意见；情节轻重由公安机关、监管部门和法院认定。"


#: The CLI option that supplies each missing metadata field; the field key itself stays in the JSON output
#: only (the human text says what is needed in words, from `MetadataNeed.why`).
_NEED_OPTION = {
    "recipient_role": "--recipient",
    "lender_type": "--lender",
    "sent_at": "--sent-at",
    "count_per_day": "--count-per-day",
}

def _finding_lines(f: Finding | HistoryFinding, n: int, citations: list[dict[str, Any]],
                   actions: list[Action]) -> list[str]:
    """A finding in numbered lines (a history's finding takes its citations and actions from the report's tables)."""
    title = load_categories()[f.category].title
    lines = [f"{n}. 【{title}】{SEVERITY_ZH[f.severity]}（{MODE_ZH[f.mode]}）"]
    if f.quote:
        lines.append(f"   原话：“{f.quote}”（第 {f.span[0] + 1}–{f.span[1]} 字）")
    lines.append(f"   说明：{f.explanation}")
    arts = [c for c in citations if "display" in c]
    named = [c for c in citations if "name" in c]
    for c in arts[:4]:
        text = c.get("text", "").replace("\n", " ")
        lines.append(f"   依据：{c['display']}——{text[:70]}{'…' if len(text) > 70 else ''}")
    if len(arts) > 4:
        lines.append("   另见：" + "；".join(c["display"] for c in arts[4:]))
    for c in named:
        lines.append(f"   参照：{c['name']}（{c['status']}）")
    for a in actions:
        lines.append(f"   去哪里：{CHANNEL_ZH.get(a.channel, a.channel)}——{a.why}")
    return lines


def render_result(r: CheckResult) -> str:
    titles = "、".join(load_categories()[c].title for c in r.labels)
    head = "结论：未发现违规（合规提醒）" if r.labels == ["compliant"] else f"结论：{titles}（最高：{SEVERITY_ZH[r.severity]}）"
    out = [head]
    for i, f in enumerate(r.findings, 1):
        out.extend(_finding_lines(f, i, f.citations, f.actions))
    for need in r.needs_metadata:
        option = _NEED_OPTION.get(need.field)
        how = f"；命令行用 {option} 补充" if option else ""
        out.append(f"待补充：{need.why}（关系到“{load_categories()[need.category].title}”{how}）")
    if r.severity == "possible_crime":
        out.append("人身安全受到威胁时请立即拨打 110。")
    out.append(DISCLAIMER)
    return "\n".join(out)


#: A history shows this many findings of one kind in full; the rest are listed by line number (a year of the same
#: threat would otherwise be thousands of identical cards on a phone, or screens of terminal output).
SHOWN_PER_CATEGORY = 3


@dataclass
class FindingGroup:
    """The findings of one category in a history: the first few in full, the line numbers of the others."""

    category: str
    shown: list[HistoryFinding] = field(default_factory=list)
    more_lines: list[str] = field(default_factory=list)
    more: int = 0


def group_findings(findings: list[HistoryFinding], keep: int = SHOWN_PER_CATEGORY) -> list[FindingGroup]:
    """A history's violations by kind, in order of first appearance (the page and the CLI show the same)."""
    groups: dict[str, FindingGroup] = {}
    for f in findings:
        if f.category == "compliant":
            continue
        g = groups.setdefault(f.category, FindingGroup(f.category))
        if len(g.shown) < keep:
            g.shown.append(f)
            continue
        g.more += 1
        line = str(f.line) if f.line is not None else ""
        if line and len(g.more_lines) < 20 and line not in g.more_lines:
            g.more_lines.append(line)
    return list(groups.values())


def render_history(h: HistoryReport) -> str:
    titles = "、".join(load_categories()[c].title for c in h.labels)
    # unread lines are said at the top: "结论：未发现违规" over a file whose threatening row was not read (the
    # "未读入" lines came last, after every finding) read as a clean result
    unread = f"另有 {len(h.issues)} 行未读入（见文末），其中的内容没有检测。" if h.issues else ""
    out = [f"共读入 {h.records} 条记录（来电/来信 {h.incoming} 条，{h.counterparts} 个号码或联系人），夜间联系 {h.night_contacts} 次。"
           + unread,
           f"结论：{titles}（最高：{SEVERITY_ZH[h.severity]}）" if h.labels != ["compliant"]
           else ("结论：读入的记录中未发现违规。" if h.issues else "结论：未发现违规。")]
    out.extend(f"说明：{n}" for n in h.notes)  # what was assumed reading it ("按 2026 年理解"), before what rests on it
    busy = sorted(h.per_day, key=lambda c: -(c.calls + c.messages))[:10]
    if busy:
        out.append("每日联系最多的号码：")
        for c in busy:
            out.append(f"  {c.day} {c.counterpart}：电话 {c.calls}（接通 {c.answered_calls}），信息 {c.messages}，夜间 {c.night_contacts}")
    # by kind, as on the page: the first 30 findings in file order were all of the first few messages, so a long
    # history never showed its night contacts or daily counts (the history's own findings come last)
    n = 0
    for g in group_findings(h.findings):
        for k, f in enumerate(g.shown):
            n += 1
            out.extend(_finding_lines(f, n, h.citations_of(f), h.actions_of(f) if k == 0 else []))
        if g.more:
            lines = f"（第 {'、'.join(g.more_lines)}{' 等' if g.more > len(g.more_lines) else ''} 行）" if g.more_lines else ""
            out.append(f"   同类还有 {g.more} 处{lines}，请用 --json 查看全部。")
    notes = [f for f in h.findings if f.category == "compliant"]
    for f in notes[:10]:
        out.append(f"提示：{f.explanation}")
    if len(notes) > 10:
        out.append(f"……另有 {len(notes) - 10} 条提示。")
    for issue in h.issues[:20]:
        out.append(f"未读入：第 {issue['line']} 行——{issue['message']}")
    if len(h.issues) > 20:
        out.append(f"……另有 {len(h.issues) - 20} 行未读入。")
    out.append(DISCLAIMER)
    return "\n".join(out)
