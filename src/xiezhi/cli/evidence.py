"""`xiezhi evidence ...`: the tamper-evident evidence vault (add, list, show, import, correct, verify, export)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from xiezhi.cli.common import JsonFlag, emit, fail, user_errors

if TYPE_CHECKING:
    from xiezhi.evidence import EvidenceItem, Vault, VerifyReport

app = typer.Typer(help="证据库：记录催收电话、短信、微信、上门等，防篡改（哈希链），可导出可核验的证据清单。",
                  no_args_is_help=True)

Passphrase = Annotated[str | None, typer.Option(
    "--passphrase", envvar="XIEZHI_PASSPHRASE",
    help="证据库口令（也可用环境变量 XIEZHI_PASSPHRASE）。对空证据库首次给出口令即启用加密。")]
KindOpt = Annotated[str | None, typer.Option("--kind", help="类型：call 电话 / sms 短信 / wechat 微信 / visit 上门 / letter 信函 / other 其他。")]
AtOpt = Annotated[str | None, typer.Option("--at", help="发生时间，如 \"2026-03-14 23:10\"。")]
FromOpt = Annotated[str | None, typer.Option("--from", help="对方号码。")]
NameOpt = Annotated[str | None, typer.Option("--name", help="对方姓名或称呼。")]
OrgOpt = Annotated[str | None, typer.Option("--org", help="对方自称的单位（如“某某律师事务所”）。")]
LenderOpt = Annotated[str | None, typer.Option("--lender", help="出借方或平台名称。")]
TextOpt = Annotated[str | None, typer.Option("--text", help="内容原文（短信、微信文字，或通话/上门经过）。")]
TextFileOpt = Annotated[Path | None, typer.Option("--text-file", help="从文本文件读取内容（UTF-8/GBK 均可）。")]
NotesOpt = Annotated[str | None, typer.Option("--notes", help="备注。")]
FileOpt = Annotated[list[Path] | None, typer.Option("--file", help="附件（截图、录音、视频、PDF、docx、txt），可重复。")]


def _vault(passphrase: str | None) -> Vault:
    from xiezhi.evidence import Vault

    return Vault.open(passphrase=passphrase)


def _text(text: str | None, text_file: Path | None) -> str | None:
    if text_file is None:
        return text
    from xiezhi.textio import read_text_file

    return read_text_file(text_file)


def _item_line(item: EvidenceItem) -> str:
    from xiezhi.evidence import KIND_LABELS

    c = item.current
    at = c.occurred_at.strftime("%Y-%m-%d %H:%M") if c.occurred_at else ""
    status = {"active": "", "corrected": "［已更正］", "withdrawn": "［已撤回］"}[item.status]
    flags = f"　［识别出 {len(c.findings)} 项问题］" if c.findings else ""
    files = f"　［附件 {len(c.attachments)} 个］" if c.attachments else ""
    return (f"#{item.seq:<5} {at}  {KIND_LABELS.get(c.kind or '', '')}  {c.counterpart.display()}"
            f"{'  ' + c.lender if c.lender else ''}{status}\n       {c.summary()}{flags}{files}")


def _item_detail(item: EvidenceItem) -> str:
    from xiezhi.dates import fmt_beijing
    from xiezhi.evidence import KIND_LABELS
    from xiezhi.evidence.export import SEVERITY_LABELS
    from xiezhi.evidence.models import DIRECTION_LABELS

    c = item.current
    lines = [
        f"第 {item.seq} 条　{KIND_LABELS.get(c.kind or '', '')}　状态：" +
        {"active": "有效", "corrected": "已更正", "withdrawn": f"已撤回（{item.withdrawn_reason}）"}[item.status],
        f"发生时间：{c.occurred_at:%Y-%m-%d %H:%M}" if c.occurred_at else "发生时间：",
        f"对方：{c.counterpart.display()}",
    ]
    if c.lender:
        lines.append(f"出借方/平台：{c.lender}")
    if c.direction and DIRECTION_LABELS.get(c.direction):
        lines.append(f"方向：{DIRECTION_LABELS[c.direction]}")
    if c.duration_seconds is not None:
        lines.append(f"通话时长：{c.duration_seconds} 秒")
    if c.source != "manual":
        lines.append(f"来源：{c.source}")
    if c.text:
        lines.append(f"内容：{c.text}")
    if c.notes:
        lines.append(f"备注：{c.notes}")
    for a in c.attachments:
        lines.append(f"附件：{a.name}（{a.media_type}，{a.size} 字节，SHA-256 {a.sha256}）")
    for f in c.findings:
        lines.append(f"识别：{f.get('label') or f.get('category')}（{SEVERITY_LABELS.get(f.get('severity', ''), '')}）"
                     f"　{f.get('explanation', '')}")
        if f.get("citations"):
            lines.append("　　依据：" + "、".join(x for x in f["citations"] if x))
    lines.append("记录链：")
    for r in item.records:
        label = {"incident": "原始记录", "correction": "更正", "withdrawal": "撤回"}[r.record_type]
        reason = f"（{r.content.reason}）" if r.content and r.content.reason else ""
        lines.append(f"  第 {r.seq} 条 {label}{reason}　记录于 {fmt_beijing(r.recorded_at, seconds=True)}（北京时间）　哈希 {r.hash}")
    return "\n".join(lines)


def _report_text(r: VerifyReport) -> str:
    src = "导出清单" if r.source == "manifest" else "证据库"
    mb = r.file_bytes / (1024 * 1024)
    head = f"共 {r.records} 条记录、{r.files} 个文件（{mb:.1f} MB）；链头：第 {r.head_seq} 条 {r.head_hash}"
    lines = [f"√ {src}校验通过：{head}" if r.ok else f"× {src}校验未通过：{head}"]
    if r.problems:
        lines.append(f"第一处问题：{r.problems[0].message}")
        for p in r.problems[1:20]:
            lines.append(f"  · {p.message}")
        if len(r.problems) > 20:
            lines.append(f"  · ……另有 {len(r.problems) - 20} 处")
    lines.extend(f"说明：{n}" for n in r.notes)
    return "\n".join(lines)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="evidence")


@app.command("add")
def add(kind: KindOpt = None, at: AtOpt = None, from_: FromOpt = None, name: NameOpt = None, org: OrgOpt = None,
        lender: LenderOpt = None, text: TextOpt = None, text_file: TextFileOpt = None, notes: NotesOpt = None,
        file: FileOpt = None,
        duration: Annotated[int | None, typer.Option("--duration", help="通话时长（秒）。")] = None,
        passphrase: Passphrase = None, as_json: JsonFlag = False) -> None:
    """记录一次催收事件（电话、短信、微信、上门、信函），可附截图、录音等文件。"""
    if kind is None or at is None:
        fail("请至少给出 --kind（类型）和 --at（发生时间）。例：xiezhi evidence add --kind sms --at \"2026-03-14 23:10\" --from 1700000xxxx --text ……")
    with user_errors():
        from xiezhi.dates import parse_datetime
        from xiezhi.evidence import Counterpart, IncidentInput
        from xiezhi.evidence.util import incident_input

        inc: IncidentInput = incident_input(
            kind=kind, occurred_at=parse_datetime(at), counterpart=Counterpart(number=from_, name=name, organisation=org),
            lender=lender, text=_text(text, text_file), notes=notes, duration_seconds=duration)
        rec = _vault(passphrase).add(inc, files=file or [])
    assert rec is not None

    def human(r: Any) -> str:
        out = [f"已记录第 {r.seq} 条。哈希：{r.hash}"]
        for a in r.content.attachments:
            out.append(f"附件：{a.name}（{a.media_type}，SHA-256 {a.sha256[:16]}…）")
        for f in r.content.findings:
            out.append(f"！{f.get('label') or f.get('category')}：{f.get('explanation', '')}")
        return "\n".join(out)

    emit(rec, as_json, human)


@app.command("list")
def list_(kind: KindOpt = None, lender: LenderOpt = None,
          since: Annotated[str | None, typer.Option("--since", help="起始日期/时间。")] = None,
          until: Annotated[str | None, typer.Option("--until", help="截止日期/时间（日期则含当天）。")] = None,
          all_: Annotated[bool, typer.Option("--all", help="包括已撤回的记录。")] = False,
          passphrase: Passphrase = None, as_json: JsonFlag = False) -> None:
    """列出证据（按类型、出借方、日期筛选）。"""
    with user_errors():
        from xiezhi.evidence.util import parse_range

        lo, hi = parse_range(since, until)
        items = _vault(passphrase).list(kind=kind, lender=lender, since=lo, until=hi, include_withdrawn=all_)
    emit(items, as_json, lambda xs: "\n".join(_item_line(i) for i in xs) or "（没有记录）")


@app.command("show")
def show(seq: Annotated[int, typer.Argument(help="记录编号（list 中 # 后的数字）。")],
         passphrase: Passphrase = None, as_json: JsonFlag = False) -> None:
    """显示一条证据的全部内容、附件、识别结果和它的更正记录。"""
    with user_errors():
        item = _vault(passphrase).item(seq)
    emit(item, as_json, _item_detail)


@app.command("import")
def import_(path: Annotated[Path, typer.Argument(help="短信备份 XML（SMS Backup & Restore）或通话记录 CSV。")],
            lender: LenderOpt = None, passphrase: Passphrase = None, as_json: JsonFlag = False) -> None:
    """导入短信备份 XML 或通话记录 CSV；重复导入不会产生重复记录。"""
    with user_errors():
        from xiezhi.evidence.importer import import_history

        result = import_history(_vault(passphrase), path, lender=lender)
    emit(result, as_json, _import_summary)


def _import_summary(r: Any) -> str:
    """The counts, then which lines were skipped and why: a skipped line is a message the user may still need."""
    lines = [f"读取 {r.read} 条：新增 {r.added} 条，已存在 {r.duplicates} 条，跳过 {r.skipped} 条（无法读取的行）。"]
    lines += [f"说明：{n}" for n in getattr(r, "notes", [])]  # e.g. "按 2026 年理解": the stored times rest on it
    lines += [f"  · {issue}" for issue in r.issues[:20]]
    if r.skipped > min(len(r.issues), 20):
        lines.append(f"  · ……其余 {r.skipped - min(len(r.issues), 20)} 行见 --json 输出。")
    return "\n".join(lines)


@app.command("correct")
def correct(seq: Annotated[int, typer.Argument(help="要更正或撤回的记录编号。")],
            reason: Annotated[str | None, typer.Option("--reason", help="更正/撤回原因（必填）。")] = None,
            withdraw: Annotated[bool, typer.Option("--withdraw", help="撤回这条记录（不删除，只追加撤回记录）。")] = False,
            kind: KindOpt = None, at: AtOpt = None, from_: FromOpt = None, name: NameOpt = None, org: OrgOpt = None,
            lender: LenderOpt = None, text: TextOpt = None, text_file: TextFileOpt = None, notes: NotesOpt = None,
            file: FileOpt = None, passphrase: Passphrase = None, as_json: JsonFlag = False) -> None:
    """更正或撤回一条记录：追加一条指向原记录的新记录，原记录保持不变。"""
    with user_errors():
        from xiezhi.evidence import edit

        vault = _vault(passphrase)
        item = vault.item(seq)
        try:
            if withdraw:
                rec = vault.withdraw(seq, edit.plan_withdrawal(item, seq, reason))
            else:
                given = {"kind": kind, "occurred_at": at, "number": from_, "name": name, "organisation": org,
                         "lender": lender, "text": _text(text, text_file), "notes": notes}
                changes, why = edit.plan_correction(
                    item, seq, {k: v for k, v in given.items() if v is not None}, reason, adds_files=bool(file),
                    hints=["用 --text、--at、--from 等给出改正后的值；整条记录都不该有时加 --withdraw 撤回。"])
                rec = vault.correct(seq, changes, why, files=file or [])
        except edit.BadReason as exc:
            raise edit.BadReason(exc.message, hints=['用 --reason "……" 写明原因。']) from None
    emit(rec, as_json, lambda r: f"已追加第 {r.seq} 条（{'撤回' if withdraw else '更正'}第 {r.refers_to} 条）。哈希：{r.hash}")


@app.command("verify")
def verify(manifest: Annotated[Path | None, typer.Option("--manifest", help="只核验导出的 manifest.json（或导出的 zip），不需要数据库。")] = None,
           no_files: Annotated[bool, typer.Option("--no-files", help="不核对附件文件（更快）。")] = False,
           passphrase: Passphrase = None, as_json: JsonFlag = False) -> None:
    """重新计算哈希链和每个附件的哈希，报告第一处断裂：哪条记录或哪个文件被改动、如何改动。"""
    with user_errors():
        if manifest is not None:
            from xiezhi.evidence import verify_manifest

            report = verify_manifest(manifest)
        else:
            report = _vault(passphrase).verify(check_files=not no_files)
    emit(report, as_json, _report_text)
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
def export(fmt: Annotated[str, typer.Option("--format", help="格式：pdf、docx、html 或 zip（清单+manifest+原始文件）。")] = "pdf",
           out: Annotated[Path, typer.Option("--out", help="导出目录（zip 时也可给出 .zip 文件名）。")] = Path("evidence-export"),
           kind: KindOpt = None, lender: LenderOpt = None,
           since: Annotated[str | None, typer.Option("--since", help="只导出此时间之后的证据。")] = None,
           until: Annotated[str | None, typer.Option("--until", help="只导出此时间之前的证据（日期则含当天）。")] = None,
           passphrase: Passphrase = None, as_json: JsonFlag = False) -> None:
    """导出证据清单（编号表格：时间、类型、对方、摘要、识别结果、哈希）、链头和 manifest.json。

    给出筛选条件时只公开符合条件的证据，其余记录只以哈希出现在 manifest.json 中，整条链仍可核验。
    """
    with user_errors():
        from xiezhi.evidence import export_evidence
        from xiezhi.evidence.util import parse_range

        lo, hi = parse_range(since, until)
        result = export_evidence(_vault(passphrase), out, fmt, kind=kind, lender=lender, since=lo, until=hi)
    emit(result, as_json, lambda r: (f"已导出 {r.items} 项证据（{r.records} 条记录、{r.files} 个文件）到 {r.path}\n"
                                     f"链头：第 {r.head_seq} 条 {r.head_hash}\n"
                                     "请把链头哈希另行保存（如发给自己或亲友），日后可据此证明记录未被整体改写。"))
