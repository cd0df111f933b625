"""/api/v1/evidence: add (with files), list, show, attachments, correct, withdraw, verify, export."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from xiezhi.api import evidence_service as svc
from xiezhi.api.models import EvidenceCorrection, EvidenceWithdrawal
from xiezhi.api.problems import NOT_READY_RESPONSE, PROBLEM_RESPONSES, PROBLEM_TYPE, Problem, ProblemError
from xiezhi.api.routes_core import _model, read_upload

router = APIRouter(prefix="/evidence", tags=["证据"], responses={**PROBLEM_RESPONSES, **NOT_READY_RESPONSE})
EvidenceItemModel = _model("xiezhi.evidence", "EvidenceItem")
EvidenceRecordModel = _model("xiezhi.evidence", "EvidenceRecord")
VerifyReportModel = _model("xiezhi.evidence", "VerifyReport")
ImportResultModel = _model("xiezhi.evidence", "ImportResult")
Kind = Literal["call", "sms", "wechat", "visit", "letter", "other"]
MAX_FILES = 10


@router.get("", summary="证据列表（当前状态）", response_model=list[EvidenceItemModel])
def list_items(request: Request, kind: Kind | None = None,
               lender: Annotated[str | None, Query(max_length=100)] = None) -> Any:
    return svc.vault(request.app).list(kind=kind, lender=lender)


@router.post("", summary="添加一条证据（可附照片、录音等文件，按内容识别类型）", status_code=201,
             response_model=EvidenceRecordModel)
async def add_item(
    request: Request,
    kind: Annotated[Kind, Form(description="类型")],
    occurred_at: Annotated[datetime, Form(description="发生时间")],
    text: Annotated[str | None, Form(max_length=100_000)] = None,
    number: Annotated[str | None, Form(max_length=50)] = None,
    name: Annotated[str | None, Form(max_length=100)] = None,
    organisation: Annotated[str | None, Form(max_length=200)] = None,
    lender: Annotated[str | None, Form(max_length=200)] = None,
    notes: Annotated[str | None, Form(max_length=10_000)] = None,
    files: Annotated[list[UploadFile] | None, File(description="附件（照片、截图、录音等）")] = None,
) -> Any:
    uploads = [f for f in files or [] if f.filename]
    if len(uploads) > MAX_FILES:
        raise ProblemError(400, "输入有误", f"一次最多上传 {MAX_FILES} 个文件。")
    data = [(f.filename or "attachment", await read_upload(request, f)) for f in uploads]
    return await run_in_threadpool(svc.add, request.app, kind=kind, occurred_at=occurred_at, text=text,
                                   number=number, name=name, organisation=organisation, lender=lender,
                                   notes=notes, files=data)


@router.post("/import", summary="导入短信备份 XML、通话记录 CSV 或聊天记录（重复导入自动去重）",
             response_model=ImportResultModel)
async def import_file(request: Request,
                      file: Annotated[UploadFile, File(description="短信备份 XML、通话记录 CSV 或聊天文本")],
                      lender: Annotated[str | None, Form(max_length=200)] = None) -> Any:
    from xiezhi.api.routes_core import decode_text

    data = await read_upload(request, file)
    decode_text(data)  # refuse binary files by content before writing anything
    name = (file.filename or "history.txt").replace("\\", "/").rsplit("/", 1)[-1][:100]
    suffix = "." + name.rsplit(".", 1)[-1][:8] if "." in name and name.rsplit(".", 1)[-1].isalnum() else ".txt"
    return await run_in_threadpool(svc.import_history, request.app, data, suffix, lender)


@router.get("/verify", summary="校验哈希链和所有附件", response_model=VerifyReportModel)
def verify(request: Request) -> Any:
    return svc.vault(request.app).verify()


@router.get("/export", summary="导出证据清单（zip 含清单、manifest.json 和原始文件）",
            responses={200: {"content": {m: {} for m in svc.EXPORT_MEDIA.values()}, "description": "文件"}})
def export(request: Request, format: Literal["zip", "pdf", "html", "docx"] = "zip") -> Response:
    data, media, name = svc.export(request.app, format)
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "没有这条证据", "content": {PROBLEM_TYPE: {}}}}


@router.get("/{seq}", summary="一条证据及其更正历史", response_model=EvidenceItemModel, responses=NOT_FOUND)
def show(request: Request, seq: Annotated[int, Path(ge=1, le=10**9)]) -> Any:
    return svc.item(request.app, seq)


@router.get("/{seq}/attachments/{index}", summary="下载一条证据的附件（原始字节）",
            responses={200: {"content": {"application/octet-stream": {}}, "description": "附件"},
                       404: {**NOT_FOUND[404], "description": "没有这条证据或这个附件"}})
def attachment(request: Request, seq: Annotated[int, Path(ge=1, le=10**9)],
               index: Annotated[int, Path(ge=0, le=1000)]) -> Response:
    v, item = svc.vault(request.app), svc.item(request.app, seq)
    if index >= len(item.current.attachments):
        raise ProblemError(404, "没有这个附件", f"第 {seq} 条证据没有第 {index + 1} 个附件。")
    att = item.current.attachments[index]
    data = v.attachment_bytes(att)
    inline = att.media_type.startswith(("image/", "audio/", "video/"))
    disposition = "inline" if inline else "attachment"
    return Response(data, media_type=att.media_type,
                    headers={"Content-Disposition": f'{disposition}; filename="attachment-{seq}-{index}"',
                             "Cache-Control": "private, max-age=3600"})


# ------------------------------------------------------------------ correct and withdraw
Seq = Annotated[int, Path(ge=1, le=10**9, description="记录编号：这条证据最新版本的编号（更正后为更正记录的编号）")]
EDIT_RESPONSES: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    409: {"model": Problem, "description": "这是更正前的旧版本，或这条证据已撤回", "content": {PROBLEM_TYPE: {}}},
    415: {"model": Problem, "description": "请求体格式不对", "content": {PROBLEM_TYPE: {}}},
    423: {"model": Problem, "description": "证据库已加密而服务没有口令", "content": {PROBLEM_TYPE: {}}},
}
_FORM_TEXT = {"reason": 500, "text": 100_000, "number": 50, "name": 100, "organisation": 200, "lender": 200,
              "notes": 10_000}
CORRECT_BODY = {"required": True, "content": {
    "application/json": {"schema": EvidenceCorrection.model_json_schema()},
    "multipart/form-data": {"schema": {
        "type": "object", "required": ["reason"],
        "properties": {
            **{k: {"type": "string", "maxLength": n} for k, n in _FORM_TEXT.items()},
            "reason": {"type": "string", "minLength": 1, "maxLength": 500, "description": "更正原因（必填）"},
            "kind": {"type": "string", "enum": ["call", "sms", "wechat", "visit", "letter", "other"]},
            "occurred_at": {"type": "string", "format": "date-time"},
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": f"追加的附件（照片、截图、录音等，最多 {MAX_FILES} 个）"}}}},
}}


def _validated(data: dict[str, Any] | bytes) -> EvidenceCorrection:
    try:
        if isinstance(data, bytes):
            return EvidenceCorrection.model_validate_json(data)
        return EvidenceCorrection.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
                                     ) from None


@router.post("/{seq}/correct", summary="更正一条证据（追加一条更正记录，原记录不变；可追加附件）",
             response_model=EvidenceItemModel, responses=EDIT_RESPONSES, openapi_extra={"requestBody": CORRECT_BODY})
async def correct(request: Request, seq: Seq) -> Any:
    """JSON（只写要改的项和原因）；要追加附件时用 multipart/form-data（同名字段，文件字段 `files`）。
    空字符串或 null 表示清空该项。返回更正后的整条证据（与 GET /evidence/{seq} 相同）。"""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: list[tuple[str, bytes]] = []
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        limit = request.app.state.settings.max_upload_bytes
        async with request.form(max_files=MAX_FILES + 1, max_fields=50, max_part_size=limit) as form:
            body = _validated({k: v for k, v in form.multi_items() if isinstance(v, str) and k != "files"})
            uploads = [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]
            if len(uploads) > MAX_FILES:
                raise ProblemError(400, "输入有误", f"一次最多上传 {MAX_FILES} 个文件。")
            data = [(f.filename or "attachment", await read_upload(request, f)) for f in uploads]  # type: ignore[arg-type]
    elif ctype == "application/json" or ctype.endswith("+json"):
        body = _validated(await request.body())
    else:
        raise ProblemError(415, "不支持的请求格式",
                           "请用 JSON（application/json）提交要更正的内容；要追加附件时用 multipart/form-data。")
    return await run_in_threadpool(svc.correct, request.app, seq, body.changes(), body.reason, data)


@router.post("/{seq}/withdraw", summary="撤回一条证据（追加一条撤回记录，不删除任何记录）",
             response_model=EvidenceItemModel, responses=EDIT_RESPONSES)
async def withdraw(request: Request, seq: Seq, body: EvidenceWithdrawal) -> Any:
    """返回撤回后的整条证据（状态 withdrawn，与 GET /evidence/{seq} 相同）。"""
    return await run_in_threadpool(svc.withdraw, request.app, seq, body.reason)
