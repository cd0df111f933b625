"""draft_letter: kind + facts -> Letter (a Document with its blanks and citations); render_letter -> bytes."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from xiezhi.documents import Block, Document, Heading, Paragraph, get_renderer, render, render_to_file
from xiezhi.documents.fonts import missing_chars
from xiezhi.errors import DataError, InputError
from xiezhi.letters.context import build_context, finding_citations
from xiezhi.letters.layout import prewrap
from xiezhi.letters.markup import render_body, to_blocks
from xiezhi.letters.models import Letter, LetterCitation, LetterFacts, LetterKind
from xiezhi.letters.templates import LetterTemplate, field_labels, field_writes, load_templates
from xiezhi.plan.io import validate

FOOTER = "由 xiezhi 根据你提供的信息生成的草稿：法律信息，不是法律意见；寄出前请核对每一项事实"

FACT_NAMES = {
    "borrower": "借款人 borrower", "lender": "出借方 lender", "loan": "借款 loan", "plan": "还款计划 plan",
    "proposal": "还款方案 proposal", "collector": "催收方 collector", "messages": "催收消息 messages",
    "findings": "识别结果 findings", "evidence": "证据 evidence", "credit": "征信 credit", "police": "报案 police",
    "name": "名称 name", "id_number": "身份证号 id_number", "phone": "电话 phone", "address": "地址 address",
    "type": "类型 type", "text": "内容 text", "sent_at": "时间 sent_at", "date": "日期 date",
    "description": "内容 description", "time": "时间 time",
}


def parse_facts(data: Any) -> LetterFacts:
    """Validate a dict into LetterFacts; raise InputError listing every problem in Chinese."""
    from xiezhi.plan.io import FIELD_NAMES

    return validate(LetterFacts, data, {**FIELD_NAMES, **FACT_NAMES}, "文书信息")


def load_facts(path: str) -> LetterFacts:
    from xiezhi.plan.io import load_data

    return parse_facts(load_data(path))


def list_kinds() -> list[LetterKind]:
    labels, writes = field_labels(), field_writes()
    out = []
    for t in load_templates().values():
        m = t.meta
        out.append(LetterKind(kind=m.kind, title=m.title, description=m.description, needs=m.needs,
                              needs_labels=[_need_label(n, labels) for n in m.needs],
                              needs_write=[_need_label(n, writes) for n in m.needs], citations=m.citations))
    return out


def get_template(kind: str) -> LetterTemplate:
    templates = load_templates()
    if kind not in templates:
        raise InputError(f"没有这种文书：{kind}。可选：{'、'.join(f'{k}（{t.meta.title}）' for k, t in templates.items())}")
    return templates[kind]


def _need_label(need: str, labels: dict[str, str]) -> str:
    return " 或 ".join(labels.get(p, p) for p in need.split("|"))


def _present(ctx: dict[str, Any], path: str) -> bool:
    node: Any = ctx
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    if isinstance(node, str):
        return bool(node.strip())
    if isinstance(node, list | dict):
        return bool(node)
    return node is not None and node != "unknown"


def missing_facts(t: LetterTemplate, ctx: dict[str, Any]) -> list[str]:
    labels = field_labels()
    return [_need_label(n, labels) for n in t.meta.needs if not any(_present(ctx, p) for p in n.split("|"))]


def missing_for(kind: str, facts: LetterFacts | dict[str, Any], *, today: date | None = None) -> list[str]:
    """The required facts still missing for `kind` (plain Chinese labels, no keys); [] if none.
    For forms: the same list draft_letter raises as InputError.hints."""
    t = get_template(kind)
    facts = parse_facts(facts) if not isinstance(facts, LetterFacts) else facts
    ctx, *_ = build_context(facts, today=today or date.today())
    return missing_facts(t, ctx)


def _cited_blocks(ids: list[str]) -> list[Block]:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    out: list[Block] = [Heading("附：所引法律条文", level=2)]
    for cid in ids:
        art = corpus.article(cid)
        out.append(Paragraph(art.display, bold=True, size="small"))
        out.append(Paragraph(art.text, size="small"))
    return out


def draft_letter(kind: str, facts: LetterFacts | dict[str, Any], *, today: date | None = None) -> Letter:
    """Draft one letter. InputError (with the list of missing facts) if a required fact is missing."""
    t = get_template(kind)
    facts = parse_facts(facts) if not isinstance(facts, LetterFacts) else facts
    today = today or date.today()
    ctx, findings, plan, tables = build_context(facts, today=today)
    missing = missing_facts(t, ctx)
    if missing:
        raise InputError(f"生成《{t.meta.title}》还缺少以下信息，请补充后再试：",
                         hints=missing)
    blanks: list[str] = []
    used: list[str] = []

    def blank(value: Any, label: str) -> Any:
        if value is None or (isinstance(value, str | list | dict) and not value):
            if label not in blanks:
                blanks.append(label)
            return f"【待填写：{label}】"
        return value

    def cite(cid: str) -> str:
        if cid not in t.meta.citations:
            raise DataError(f"模板 {t.path} 引用了未在 citations 中声明的条文：{cid}")
        from xiezhi.law import get_corpus

        art = get_corpus().article(cid)
        if art.id not in used:
            used.append(art.id)
        return art.display

    table_ids: list[str] = []

    def on_table(key: str) -> None:
        if key == "findings":
            groups: dict[tuple, list] = {}
            for f in findings:
                groups.setdefault((f.at, f.quote), []).append(f)
            for fs in groups.values():
                table_ids.extend(c for c in finding_citations(fs) if c not in table_ids)

    rendered = render_body(t.body, t.path, {**ctx, "blank": blank, "cite": cite})
    blocks = to_blocks(rendered, t.path, tables, lambda: _cited_blocks(used), on_table)
    # "cited" is expanded while parsing; ids first used after it still need their text
    if used and not any(isinstance(b, Heading) and b.text.startswith("附：所引法律条文") for b in blocks):
        blocks += _cited_blocks(used)
    doc = Document(title=t.meta.title, blocks=blocks, author=facts.borrower.name or "xiezhi",
                   subject=t.meta.description, footer=FOOTER)
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    ids = used + [c for c in table_ids if c not in used]
    citations = [LetterCitation(id=c, display=corpus.article(c).display, text=corpus.article(c).text) for c in ids]
    text = doc.plain_text() + "\n" + (doc.footer or "")
    return Letter(kind=kind, title=t.meta.title, blanks=blanks, citations=citations, findings_used=len(findings),
                  plan=plan, text=doc.plain_text(), missing_glyphs=missing_chars(text), document=doc)


def _check_glyphs(letter: Letter) -> None:
    if letter.missing_glyphs:
        raise InputError(
            f"PDF 的内置字体缺少信中的这些字：{'、'.join(letter.missing_glyphs)}，印出来会是方框。"
            "请改用 .docx 或 .html 输出（Word 和浏览器会用电脑上的字体显示），或把这些字改写后再生成 PDF。")


def letter_bytes(letter: Letter, fmt: str) -> bytes:
    """A drafted letter as bytes: fmt is "html", "docx" or "pdf" (PDF lines broken by `layout.prewrap`)."""
    fmt = get_renderer(fmt).format
    if fmt == "pdf":
        _check_glyphs(letter)
    doc = prewrap(letter.document) if fmt == "pdf" else letter.document
    return render(doc, fmt)


def write_letter(letter: Letter, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write atomically; the format defaults to the file suffix."""
    target = Path(path)
    renderer = get_renderer(fmt or target.suffix)
    if renderer.format == "pdf":
        _check_glyphs(letter)
    doc = prewrap(letter.document) if renderer.format == "pdf" else letter.document
    return render_to_file(doc, target, renderer.format)


def render_letter(kind: str, facts: LetterFacts | dict[str, Any], fmt: str, *, today: date | None = None) -> bytes:
    """Draft and render in one call: fmt is "html", "docx" or "pdf"."""
    return letter_bytes(draft_letter(kind, facts, today=today), fmt)
