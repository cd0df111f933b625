"""催收检测: paste a message (or describe what happened), or upload an SMS backup / call log / screenshot."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from xiezhi.api import capabilities
from xiezhi.api.problems import ProblemError
from xiezhi.collection.render import group_findings
from xiezhi.errors import InputError
from xiezhi.web import forms
from xiezhi.web.highlight import segments
from xiezhi.web.settings import MAX_FORM_TEXT, MAX_PASTE
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
ROLES = {"": "不确定", "debtor": "我本人（借款人）", "guarantor": "担保人", "spouse": "配偶",
         "emergency_contact": "紧急联系人", "address_book_contact": "通讯录里的亲友",
         "employer_or_colleague": "单位、同事", "public": "公开发布（群、朋友圈等）"}
LENDERS = {"": "不确定", "bank": "银行", "consumer_finance": "消费金融公司", "microloan": "小额贷款公司",
           "unlicensed": "无放贷资质的平台或个人"}
SAMPLE = "【XX金融】你已严重逾期，今天下午再不还款，我们就上门找你家人，并通知你单位领导和通讯录所有人！"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/heic")
# A long WeChat thread is pasted whole up to MAX_PASTE (the browser used to cut it silently at 20,000 characters); a
# thread is read message by message, anything else over MAX_FORM_TEXT is refused on the form with the text kept.
# A history's findings are grouped by kind as on the CLI (collection.render.group_findings).


def _page(request: Request, status: int | None = None, **ctx: Any) -> HTMLResponse:
    base = {"text": "", "sent_at": "", "role": "", "lender": "", "today": "", "result": None, "history": None, "error": None,
            "ready": capabilities.available("check"), "roles": ROLES, "lenders": LENDERS, "sample": SAMPLE,
            "titles": _titles(), "groups": [], "top_days": []}
    base.update(ctx)
    if base["history"] is not None:  # the template tells a pasted thread from a file by its source name
        from xiezhi.history import PASTED_SOURCE

        base["pasted_source"] = PASTED_SOURCE
    return render(request, "check.html", base, title="催收检测", active="/check",
                  status=status or (400 if ctx.get("error") else 200))


def _titles() -> dict[str, str]:
    from xiezhi.assess.compute import category_titles

    return category_titles()


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request, text: Annotated[str, Query(max_length=20000)] = "") -> HTMLResponse:
    return _page(request, text=text)


@router.post("/check", response_class=HTMLResponse)
async def check_submit(request: Request) -> HTMLResponse:
    form = await forms.read_form(request)
    text = forms.text(form, "text", MAX_PASTE)
    sent_at, role, lender = forms.text(form, "sent_at", 40), forms.text(form, "role", 40), forms.text(form, "lender", 40)
    today = forms.text(form, "today", 40)
    ctx: dict[str, Any] = {"text": text, "sent_at": sent_at, "role": role, "lender": lender, "today": today}
    analyze = capabilities.get("check")
    if analyze is None:
        return _page(request, **ctx)
    try:
        uploads = await forms.files(request, form, "file", keep_empty=True)
        if uploads:
            name, data = uploads[0]
            if not data:
                raise InputError(f"上传的文件“{_safe_name(name)}”是空的（0 字节）。请重新导出或选择另一个文件。")
            kind = _sniff(data)
            if kind == "image":
                text = _ocr(name, data)
                ctx["text"] = text
            else:
                # A 20 MB backup takes many seconds: off the event loop, so the server still answers other pages.
                ref = {"reference": r} if (r := _reference(today)) else {}
                return _history_page(request, ctx, await run_in_threadpool(_history, name, data, **ref))
        elif (pasted := await run_in_threadpool(_pasted_thread, text, _reference(today))) is not None:
            return _history_page(request, ctx, pasted)
        elif len(text) > MAX_FORM_TEXT:
            raise InputError(f"这段文字有 {len(text)} 字，超过一次检测的 {MAX_FORM_TEXT} 字上限。如果是聊天记录，请保留每条消息前的日期和时间"
                             "（如“2026-03-01 23:10 张三：……”），就会按记录逐条分析；也可以分几次粘贴，或存成文本文件上传。")
        if not text:
            raise InputError("请粘贴要检测的文字，或选择一个文件上传。")
        meta: dict[str, Any] = {}
        if sent_at:
            from xiezhi.dates import CHECK_FUTURE_ADVICE, not_in_future, parse_datetime

            meta["sent_at"] = not_in_future(parse_datetime(sent_at.replace("T", " ")), "收到的时间", CHECK_FUTURE_ADVICE)
        if role in ROLES and role:
            meta["recipient_role"] = role
        if lender in LENDERS and lender:
            meta["lender_type"] = lender
        result = analyze(text, meta)
    except InputError as exc:
        return _page(request, **ctx, error=exc.message)
    except ProblemError as exc:  # an unsupported upload: say so on the form, keep what was typed
        return _page(request, **ctx, error=f"{exc.problem.title}：{exc.problem.detail}", status=exc.problem.status)
    return _page(request, **ctx, result=result, segments=segments(text, result.findings))


def _history_page(request: Request, ctx: dict[str, Any], history: Any) -> HTMLResponse:
    # "最多的 10 天" by every contact, not by calls alone (a chat or SMS history has no calls, so any 10 days showed)
    top = sorted(history.per_day, key=lambda d: (d.calls + d.messages, d.night_contacts, d.day), reverse=True)[:10]
    return _page(request, **ctx, history=history, groups=group_findings(history.findings), top_days=top,
                 **_evidence_fields(history))


def _evidence_fields(history: Any) -> dict[str, str]:
    """What "保存为证据" carries for a pasted thread besides its text: the first message's time (the evidence form
    asks when it happened) and a note of the span, so the record says what the thread covers."""
    times = [e.at for e in history.timeline if e.at is not None]
    if not times:
        return {"evidence_at": "", "evidence_notes": ""}
    first, last = min(times), max(times)
    return {"evidence_at": f"{first:%Y-%m-%dT%H:%M}",
            "evidence_notes": f"粘贴的聊天记录，共 {history.records} 条消息（{first:%Y-%m-%d %H:%M} 至 {last:%Y-%m-%d %H:%M}）。"}


def _reference(today: str) -> Any:
    """The 参照日期 field: None (today) when empty; a date in the future or unreadable is an InputError."""
    if not today:
        return None
    from xiezhi.history.daterefs import parse_reference

    return parse_reference(today)


def _pasted_thread(text: str, reference: Any = None) -> Any:
    """A pasted timestamped thread -> its history report (as an uploaded file would give); None otherwise."""
    from xiezhi.history import PASTED_SOURCE, pasted_thread

    imp = pasted_thread(text, reference=reference)
    if imp is None:
        return None
    from xiezhi.collection import analyze_history

    return analyze_history(imp, source=PASTED_SOURCE)


def _safe_name(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1][:200]


def _sniff(data: bytes) -> str:
    """By content: an image (screenshot) or a text file (history); anything else is refused."""
    try:
        from xiezhi.evidence.filetypes import detect

        ftype = detect(data, text_limit=len(data))  # a history may be as large as any upload (20 MB)
    except InputError as exc:  # the evidence vault's list of types is not what this page reads
        from xiezhi.history.sniff import not_a_history

        raise ProblemError(415, "不支持的文件类型", (not_a_history(data) or "这个文件不是短信备份、通话记录、聊天记录文本或截图。")
                           + "请上传 SMS Backup & Restore 导出的 XML、通话记录 CSV、文本文件（.txt）或截图。") from exc
    except ImportError:
        ftype = None
    if ftype is not None and ftype.media_type in IMAGE_TYPES:
        return "image"
    if ftype is not None and ftype.media_type != "text/plain":
        raise ProblemError(415, "不支持的文件类型",
                           f"这是{ftype.label}，不是短信备份、通话记录或截图。请上传 XML、CSV、文本文件或截图。")
    return "text"


def _ocr(name: str, data: bytes) -> str:
    reader = capabilities.get("ocr")
    if reader is None:
        raise InputError("识别截图文字的组件尚未安装（pip install 'xiezhi[ocr]'）。可以先把短信文字复制粘贴到上面的框里。")
    suffix = Path(name).suffix[:8] if Path(name).suffix.isascii() else ".png"
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        return str(reader(tmp.name).text)


def _history(name: str, data: bytes, reference: Any = None) -> Any:
    from xiezhi.api.routes_core import decode_text

    reader = capabilities.get("history")
    if reader is None:
        raise InputError("导入短信备份、通话记录的功能尚未就绪。可以先把短信文字复制粘贴到上面的框里。")
    from xiezhi.collection import analyze_history
    from xiezhi.history import require_records

    text, encoding = decode_text(data)
    safe = _safe_name(name)
    imported = reader(text, name=safe, encoding=encoding, reference=reference)
    return analyze_history(require_records(imported, f"文件“{safe}”"), source=safe)


def now_local() -> str:
    return datetime.now().strftime("%Y-%m-%dT%H:%M")
