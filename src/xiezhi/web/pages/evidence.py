"""证据: list, add (with photo upload from the phone), show, attachments, verify, export."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from xiezhi.api import capabilities
from xiezhi.api import evidence_service as svc
from xiezhi.api.problems import ProblemError
from xiezhi.errors import InputError
from xiezhi.web import forms
from xiezhi.web.settings import MAX_FORM_TEXT, MAX_PASTE
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
KINDS = {"sms": "短信", "call": "电话", "wechat": "微信", "visit": "上门", "letter": "信函", "other": "其他"}


def _not_ready(request: Request, page: str) -> HTMLResponse:
    return render(request, page, {"ready": False, "kinds": KINDS}, title="证据", active="/evidence")


@router.get("/evidence", response_class=HTMLResponse)
def evidence_list(request: Request, kind: Annotated[str, Query(max_length=20)] = "") -> HTMLResponse:
    if not capabilities.available("evidence"):
        return _not_ready(request, "evidence_list.html")
    v = svc.vault(request.app)
    items = v.list(kind=kind if kind in KINDS else None, include_withdrawn=True)
    items = sorted(items, key=lambda i: (i.current.occurred_at or i.recorded_at).isoformat(), reverse=True)
    from xiezhi.web.pages.evidence_edit import latest_seq

    return render(request, "evidence_list.html", {"ready": True, "items": items, "kinds": KINDS, "kind": kind,
                                                  "latest": {i.seq: latest_seq(i) for i in items}},
                  title="证据", active="/evidence")


@router.get("/evidence/new", response_class=HTMLResponse)
def evidence_new(request: Request, kind: Annotated[str, Query(max_length=20)] = "sms",
                 text: Annotated[str, Query(max_length=20000)] = "") -> HTMLResponse:
    if not capabilities.available("evidence"):
        return _not_ready(request, "evidence_new.html")
    f = {"kind": kind if kind in KINDS else "sms", "text": text,
         "occurred_at": datetime.now().strftime("%Y-%m-%dT%H:%M")}
    return render(request, "evidence_new.html", {"ready": True, "kinds": KINDS, "f": f, "error": None},
                  title="添加证据", active="/evidence")


@router.post("/evidence/new", response_model=None)
async def evidence_add(request: Request) -> HTMLResponse | RedirectResponse:
    form = await forms.read_form(request)
    if not capabilities.available("evidence"):
        return _not_ready(request, "evidence_new.html")
    if forms.text(form, "prefill", 10):
        return _prefilled(request, form)
    f = _fields(form)
    try:
        for k in ("text", "notes"):
            if len(f[k]) > MAX_FORM_TEXT:
                raise InputError(_too_long(len(f[k])))
        uploads = await forms.files(request, form, "files")
        if f["kind"] not in KINDS:
            raise InputError("请选择证据类型。")
        if not (f["text"] or f["notes"] or uploads):
            raise InputError("请写下内容，或者上传照片、截图、录音。")
        if not f["text"] and uploads:
            f["text"], note = await run_in_threadpool(_screenshot_text, uploads)
            if note:
                f["notes"] = (f["notes"] + "\n" + note).strip()
        rec = await run_in_threadpool(
            svc.add, request.app, kind=f["kind"], occurred_at=f["occurred_at"].replace("T", " "),
            text=f["text"], number=f["number"], name=f["name"], organisation=f["organisation"],
            lender=f["lender"], notes=f["notes"], files=uploads)
    except InputError as exc:
        return render(request, "evidence_new.html", {"ready": True, "kinds": KINDS, "f": f, "error": str(exc)},
                      title="添加证据", active="/evidence", status=400)
    except ProblemError as exc:  # a file over the size limit: say so on the form, keep what was written
        return render(request, "evidence_new.html", {"ready": True, "kinds": KINDS, "f": f,
                                                     "error": f"{exc.problem.title}：{exc.problem.detail}"},
                      title="添加证据", active="/evidence", status=exc.problem.status)
    return RedirectResponse(f"/evidence/{rec.seq}?added=1", 303)


def _fields(form: Any) -> dict[str, str]:
    """The evidence form's fields as typed (text and notes up to a pasted thread's length, checked afterwards)."""
    return {k: forms.text(form, k, MAX_PASTE if k in ("text", "notes") else 200)
            for k in ("kind", "occurred_at", "number", "name", "organisation", "lender", "text", "notes")}


def _too_long(n: int) -> str:
    return (f"内容有 {n} 字，超过一条证据 {MAX_FORM_TEXT} 字的上限。长的聊天记录请存成文本文件（.txt），"
            "在“照片、截图、录音”处作为附件上传：附件按原样保存，不限字数。")


def _prefilled(request: Request, form: Any) -> HTMLResponse:
    """The form filled from the check page's "保存为证据" (a POST: a pasted thread is too long for a link), not
    saved yet: the borrower reads it, adds the other side's number and name, and saves."""
    f = _fields(form)
    f["kind"] = f["kind"] if f["kind"] in KINDS else "sms"
    f["occurred_at"] = f["occurred_at"] or datetime.now().strftime("%Y-%m-%dT%H:%M")
    error = None
    if len(f["text"]) > MAX_FORM_TEXT:
        error, f["text"] = _too_long(len(f["text"])), ""
    return render(request, "evidence_new.html", {"ready": True, "kinds": KINDS, "f": f, "error": error},
                  title="添加证据", active="/evidence")


@router.get("/evidence/verify", response_class=HTMLResponse)
def evidence_verify(request: Request) -> HTMLResponse:
    if not capabilities.available("evidence"):
        return _not_ready(request, "evidence_list.html")
    report = svc.vault(request.app).verify()
    return render(request, "evidence_verify.html", {"report": report}, title="校验证据", active="/evidence")


@router.get("/evidence/export")
def evidence_export(request: Request, format: Annotated[str, Query(max_length=10)] = "zip") -> Response:
    data, media, name = svc.export(request.app, format)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/evidence/{seq}", response_model=None)
def evidence_item(request: Request, seq: Annotated[int, Path(ge=1, le=10**9)], added: int = 0,
                  corrected: int = 0, withdrawn: int = 0) -> HTMLResponse | RedirectResponse:
    if not capabilities.available("evidence"):
        return _not_ready(request, "evidence_list.html")
    from xiezhi.web.pages.evidence_edit import show

    return show(request, seq, {"added": bool(added), "corrected": bool(corrected), "withdrawn": bool(withdrawn)})


@router.get("/evidence/{seq}/files/{index}")
def evidence_file(request: Request, seq: Annotated[int, Path(ge=1, le=10**9)],
                  index: Annotated[int, Path(ge=0, le=1000)]) -> Response:
    from xiezhi.api.routes_evidence import attachment

    return attachment(request, seq, index)


def _screenshot_text(uploads: list[tuple[str, bytes]]) -> tuple[str, str]:
    """Read the text of the first screenshot (OCR, when installed) so Check can analyse it."""
    from xiezhi.web.pages.check import IMAGE_TYPES, _ocr

    try:
        from xiezhi.evidence.filetypes import detect

        for name, data in uploads:
            if detect(data, name).media_type in IMAGE_TYPES:
                text = _ocr(name, data).strip()
                return (text, f"内容由截图“{name}”自动识别，请与原图核对。") if text else ("", "")
    except InputError:  # OCR not installed or unreadable image: keep the photo, no text
        return "", ""
    return "", ""
