"""``xiezhi evidence export``: the evidence list (证据清单), manifest.json and the original files."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiezhi.dates import fmt_beijing
from xiezhi.errors import InputError
from xiezhi.evidence.canon import sha256_hex
from xiezhi.evidence.filetypes import BY_MEDIA_TYPE
from xiezhi.evidence.models import KIND_LABELS, Attachment, EvidenceItem, ExportResult
from xiezhi.store import evidence_repo as repo

if TYPE_CHECKING:
    from xiezhi.evidence.vault import Vault

MANIFEST_FORMAT = "xiezhi-evidence-manifest"
LIST_NAME = "evidence-list"
SEVERITY_LABELS = {"info": "提示", "violation": "涉嫌违规", "possible_crime": "可能涉嫌犯罪"}
EXPORT_FORMATS = ("html", "docx", "pdf", "zip")


def file_arcname(att: Attachment) -> str:
    ftype = BY_MEDIA_TYPE.get(att.media_type)
    return f"files/{att.sha256}.{ftype.ext if ftype else 'bin'}"


def findings_text(findings: list[dict[str, Any]]) -> str:
    out = []
    for f in findings:
        label = f.get("label") or f.get("category") or ""
        sev = SEVERITY_LABELS.get(f.get("severity", ""), f.get("severity", ""))
        out.append(f"{label}（{sev}）" if sev else label)
    return "；".join(out)


def build_list_document(items: list[EvidenceItem], withdrawn: list[EvidenceItem], head: tuple[int, str],
                        generated_at: datetime, *, redacted: int = 0):
    from xiezhi.documents import Document, Heading, Paragraph, Table

    rows = []
    for no, item in enumerate(items, 1):
        c = item.current
        summary = c.summary(120)
        if item.status == "corrected":
            summary += f"\n（经第 {'、'.join(str(s) for s in item.history[1:])} 条更正：{c.reason or ''}）"
        files = "\n".join(f"{a.name}（{a.sha256[:12]}…）" for a in c.attachments)
        rows.append([str(no), fmt_beijing(c.occurred_at), KIND_LABELS.get(c.kind or "", c.kind or ""),
                     c.counterpart.display(), c.lender or "", summary, findings_text(c.findings), files,
                     f"第 {item.history[-1]} 条\n{item.hash}"])
    doc = Document(title="证据清单", landscape=True, author="xiezhi",
                   subject="催收相关证据清单（附完整性校验信息）",
                   footer=f"链头：第 {head[0]} 条 {head[1]}")
    doc.add(
        Paragraph(f"生成时间：{fmt_beijing(generated_at, seconds=True)}（北京时间）　"
                  f"共 {len(items)} 项证据（证据库共 {head[0]} 条记录）"),
        Paragraph(f"链头（最后一条记录的哈希）：第 {head[0]} 条　{head[1]}", size="small"),
        Table(["序号", "发生时间（北京时间）", "类型", "对方", "平台/出借方", "内容摘要", "识别结果", "附件", "记录号与哈希"],
              rows, widths=[0.45, 1.35, 0.5, 1.5, 1.0, 3.0, 1.6, 1.6, 2.2]),
    )
    if redacted:
        doc.add(Paragraph(f"本清单只列出符合条件的证据；证据库中其余 {redacted} 条记录不公开内容，仅以哈希列在 "
                          "manifest.json 中，以便核验整条链。", size="small"))
    files = [(no, a) for no, item in enumerate(items, 1) for a in item.current.attachments]
    if files:
        doc.add(Heading("附件清单", level=2),
                Table(["证据序号", "文件名", "类型", "大小（字节）", "SHA-256", "导出位置"],
                      [[str(no), a.name, a.media_type, str(a.size), a.sha256, file_arcname(a)] for no, a in files],
                      widths=[0.8, 1.8, 1.3, 0.9, 3.6, 3.6]))
    if withdrawn:
        doc.add(Heading("已撤回的记录", level=2),
                Table(["原记录号", "发生时间（北京时间）", "类型", "撤回原因"],
                      [[str(i.seq), fmt_beijing(i.current.occurred_at), KIND_LABELS.get(i.current.kind or "", ""),
                        i.withdrawn_reason or ""] for i in withdrawn], widths=[1, 2, 1, 6]))
    doc.add(
        Heading("如何核验", level=2),
        Paragraph("每条记录的哈希（SHA-256）覆盖该记录的全部内容和前一条记录的哈希，形成一条链；任何一条被改动、"
                  "删除或调换顺序，之后的哈希都对不上。附件按内容的 SHA-256 保存，文件名即哈希。", size="small"),
        Paragraph("核验方法：在导出目录中运行 xiezhi evidence verify --manifest manifest.json；也可自行计算 "
                  "files/ 中每个文件的 SHA-256，与本清单和 manifest.json 核对。本清单仅记录当事人保存的材料，"
                  "不构成法律意见。", size="small"),
    )
    return doc


def _manifest(vault: Vault, items: list[EvidenceItem], generated_at: datetime,
              selected: set[int] | None) -> tuple[dict[str, Any], dict]:
    """``selected``: seqs whose content is disclosed (None = all); the others appear by hash only."""
    records = []
    files: dict[str, dict[str, Any]] = {}
    atts: dict[str, Attachment] = {}
    with vault.store.read() as conn:
        head = repo.get_head(conn) or (0, "0" * 64)
        for row in repo.iter_records(conn):
            if selected is not None and row["seq"] not in selected:
                records.append({"seq": row["seq"], "prev_hash": row["prev_hash"], "hash": row["hash"],
                                "redacted": True})
                continue
            body = json.loads(row["body"])
            entry: dict[str, Any] = {"seq": row["seq"], "prev_hash": row["prev_hash"], "hash": row["hash"],
                                     "body": row["body"]}
            content = vault.content_of(body)
            if "sealed" in body:
                entry["content"] = content
            records.append(entry)
            for a in (content or {}).get("attachments", []):
                att = Attachment.model_validate(a)
                arc = file_arcname(att)
                files.setdefault(arc, {"path": arc, "sha256": att.sha256, "size": att.size,
                                       "media_type": att.media_type, "name": att.name, "records": []})
                files[arc]["records"].append(row["seq"])
                atts[arc] = att
    manifest = {
        "format": MANIFEST_FORMAT, "version": 1,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "chain": {"length": len(records), "head_seq": head[0], "head_hash": head[1]},
        "encrypted_vault": vault.encrypted,
        "redacted_records": sum(1 for r in records if r.get("redacted")),
        "items": [{"no": n, "seq": i.seq, "history": i.history, "hash": i.hash} for n, i in enumerate(items, 1)],
        "records": records,
        "files": list(files.values()),
        "documents": [],
    }
    return manifest, atts


def export_evidence(vault: Vault, dest: str | os.PathLike[str], fmt: str = "pdf", *, kind: str | None = None,
                    lender: str | None = None, since: datetime | None = None,
                    until: datetime | None = None) -> ExportResult:
    """Write the list, manifest.json and files/ into directory ``dest`` (or a .zip file for "zip").

    With filters, only the matching incidents (and their corrections) are disclosed; every other
    record appears in manifest.json by its hashes alone, so the chain still checks end to end.
    """
    from xiezhi.documents import render
    from xiezhi.evidence.views import filter_items

    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"不支持的导出格式：{fmt}。可选：{'、'.join(EXPORT_FORMATS)}。")
    vault._need_key()
    report = vault.verify(check_files=True)
    if not report.ok:
        raise InputError("证据库校验未通过，不能导出：" + report.problems[0].message,
                         hints=["先运行 xiezhi evidence verify 查看详情。"])
    generated_at = datetime.now(UTC)
    all_items = vault.items(include_withdrawn=True)
    items = sorted((i for i in all_items if i.status != "withdrawn"),  # the list reads in time order
                   key=lambda i: (i.current.occurred_at or datetime.max, i.seq))
    withdrawn = [i for i in all_items if i.status == "withdrawn"]
    selected: set[int] | None = None
    if any(x is not None for x in (kind, lender, since, until)):
        items = filter_items(items, kind=kind, lender=lender, since=since, until=until)
        withdrawn = filter_items(withdrawn, kind=kind, lender=lender, since=since, until=until)
        selected = {seq for i in (*items, *withdrawn) for seq in i.history}
        if not items:
            raise InputError("没有符合条件的证据可导出。")
    manifest, atts = _manifest(vault, items, generated_at, selected)
    head = (manifest["chain"]["head_seq"], manifest["chain"]["head_hash"])
    doc = build_list_document(items, withdrawn, head, generated_at, redacted=manifest["redacted_records"])
    doc_fmt = "pdf" if fmt == "zip" else fmt
    if doc_fmt == "pdf":
        from xiezhi.documents import Paragraph
        from xiezhi.documents.fonts import missing_chars

        rare = missing_chars(doc.plain_text())
        if rare:  # say so instead of printing boxes silently
            doc.blocks.insert(0, Paragraph(
                f"注意：以下字符不在 PDF 内置字体中，会显示为方框：{'、'.join(rare[:30])}。原文以 manifest.json "
                "为准，也可导出 HTML 或 DOCX 版本查看。", size="small"))
    doc_bytes = render(doc, doc_fmt)
    doc_name = f"{LIST_NAME}.{doc_fmt}"
    manifest["documents"].append({"path": doc_name, "sha256": sha256_hex(doc_bytes), "size": len(doc_bytes)})
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    dest = Path(dest)
    if fmt == "zip":
        target = dest if dest.suffix.lower() == ".zip" else dest / "evidence-export.zip"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.part")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.writestr(doc_name, doc_bytes)
            zf.writestr("manifest.json", manifest_bytes)
            for arc, att in atts.items():
                if vault.cipher is None:
                    zf.write(vault.blobs.path(att.blob), arc, compress_type=zipfile.ZIP_STORED)
                else:
                    zf.writestr(arc, vault.attachment_bytes(att), compress_type=zipfile.ZIP_STORED)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        manifest_path = None
    else:
        dest.mkdir(parents=True, exist_ok=True)
        (dest / "files").mkdir(exist_ok=True)
        for arc, att in atts.items():
            (dest / arc).write_bytes(vault.attachment_bytes(att))
        (dest / doc_name).write_bytes(doc_bytes)
        manifest_path = dest / "manifest.json"
        manifest_path.write_bytes(manifest_bytes)
        target = dest / doc_name
    return ExportResult(format=fmt, path=target, manifest=manifest_path, items=len(items),
                        records=manifest["chain"]["length"], files=len(atts), head_seq=head[0], head_hash=head[1])
