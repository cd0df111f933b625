"""催收检测: paste a message (or describe what happened), or upload an SMS backup / call log / screenshot."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from xiezhi.api import capabilities
from xiezhi.api.problems import ProblemError
from xiezhi.errors import InputError
from xiezhi.web import forms
from xiezhi.web.highlight import segments
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
ROLES = {"": "不确定", "debtor": "我本人（借款人）", "guarantor": "担保人", "spouse": "配偶",
         "emergency_contact": "紧急联系人", "address_book_contact": "通讯录里的亲友",
         "employer_or_colleague": "单位、同事", "public": "公开发布（群、朋友圈等）"}
LENDERS = {"": "不确定", "bank": "银行", "consumer_finance": "消费金融公司", "microloan": "小额贷款公司",
           "unlicensed": "无放贷资质的平台或个人"}
SAMPLE = "【XX金融】你已严重逾期，今天下午再不还款，我们就上门找你家人，并通知你单位领导和通讯录所有人！"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/heic")


def _page(request: Request, **ctx: Any) -> HTMLResponse:
    base = {"text": "", "sent_at": "", "role": "", "lender": "", "result": None, "history": None, "error": None,
            "ready": capabilities.available("check"), "roles": ROLES, "lenders": LENDERS, "sample": SAMPLE,
            "titles": _titles()}
    base.update(ctx)
    return render(request, "check.html", base, title="催收检测", active="/check",
                  status=400 if ctx.get("error") else 200)


def _titles() -> dict[str, str]:
    from xiezhi.assess.compute import category_titles

    return category_titles()


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request, text: Annotated[str, Query(max_length=20000)] = "") -> HTMLResponse:
    return _page(request, text=text)


@router.post("/check", response_class=HTMLResponse)
async def check_submit(request: Request) -> HTMLResponse:
    form = await forms.read_form(request)
    text = forms.text(form, "text")
    sent_at, role, lender = forms.text(form, "sent_at", 40), forms.text(form, "role", 40), forms.text(form, "lender", 40)
    ctx: dict[str, Any] = {"text": text, "sent_at": sent_at, "role": role, "lender": lender}
    analyze = capabilities.get("check")
    if analyze is None:
        return _page(request, **ctx)
    uploads = await forms.files(request, form, "file")
    try:
        if uploads:
            name, data = uploads[0]
            kind = _sniff(data)
            if kind == "image":
                text = _ocr(name, data)
                ctx["text"] = text
            else:
                return _page(request, **ctx, history=_history(name, data))
        if not text:
            raise InputError("请粘贴要检测的文字，或选择一个文件上传。")
        meta: dict[str, Any] = {}
        if sent_at:
            from xiezhi.dates import parse_datetime

            meta["sent_at"] = parse_datetime(sent_at.replace("T", " "))
        if role in ROLES and role:
            meta["recipient_role"] = role
        if lender in LENDERS and lender:
            meta["lender_type"] = lender
        result = analyze(text, meta)
    except InputError as exc:
        return _page(request, **ctx, error=exc.message)
    return _page(request, **ctx, result=result, segments=segments(text, result.findings))


def _sniff(data: bytes) -> str:
    """By content: an image (screenshot) or a text file (history); anything else is refused."""
    try:
        from xiezhi.evidence.filetypes import detect

        ftype = detect(data)
    except InputError as exc:
        raise ProblemError(415, "不支持的文件类型", exc.message) from exc
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


def _history(name: str, data: bytes) -> Any:
    from xiezhi.api.routes_core import decode_text

    reader = capabilities.get("history")
    if reader is None:
        raise InputError("导入短信备份、通话记录的功能尚未就绪。可以先把短信文字复制粘贴到上面的框里。")
    from xiezhi.collection import analyze_history

    text, encoding = decode_text(data)
    safe = name.replace("\\", "/").rsplit("/", 1)[-1][:200]
    return analyze_history(reader(text, name=safe, encoding=encoding), source=safe)


def now_local() -> str:
    return datetime.now().strftime("%Y-%m-%dT%H:%M")
