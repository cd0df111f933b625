"""/api/v1: ask, check, batch, loan, plan, letters, assess, health — thin wrappers over the core."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Annotated, Any, Literal, Union

from fastapi import APIRouter, File, Path, Request, UploadFile
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from xiezhi import __version__
from xiezhi.api import capabilities
from xiezhi.api.direct import direct
from xiezhi.api.models import AskRequest, AssessRequest, CheckRequest, Health, LetterRequest
from xiezhi.api.problems import NOT_READY_RESPONSE, PROBLEM_RESPONSES, ProblemError, not_ready

router = APIRouter(responses={**PROBLEM_RESPONSES})
NDJSON = "application/x-ndjson"
MAX_BATCH_BYTES = 50 * 1024 * 1024


def _need(name: str) -> Any:
    fn = capabilities.get(name)
    if fn is None:
        raise not_ready(capabilities.LABELS[name])
    return fn


def json_response(result: Any) -> Response:
    """The core's model serialised once by pydantic (FastAPI would validate it again against
    response_model, which stays declared for the schema)."""
    return Response(result.model_dump_json(), media_type="application/json")


@cache
def _ask_json() -> Any:
    """``xiezhi.ask.answer_json`` (imported once; only after the ask capability was found ready)."""
    from xiezhi.ask import answer_json

    return answer_json


def _model(module: str, name: str) -> Any:
    """The core's result model for the schema, or a plain dict while the module is missing."""
    try:
        import importlib

        return getattr(importlib.import_module(module), name)
    except Exception:
        return dict[str, Any]


AnswerModel = _model("xiezhi.ask", "Answer")
CheckResultModel = _model("xiezhi.collection", "CheckResult")
HistoryReportModel = _model("xiezhi.collection", "HistoryReport")
LoanInputModel = _model("xiezhi.loan", "LoanInput")
LoanAssessmentModel = _model("xiezhi.loan", "LoanAssessment")
AssessResultModel = _model("xiezhi.assess", "AssessResult")
StepModel = _model("xiezhi.assess", "Step")
PlanInputModel = _model("xiezhi.plan", "PlanInput")
PlanResultModel = _model("xiezhi.plan", "PlanResult")
LetterModel = _model("xiezhi.letters", "Letter")
LetterKindModel = _model("xiezhi.letters", "LetterKind")


# /health, /ask and /check are @direct: called without FastAPI's per-request routing and dependency
# machinery (xiezhi.api.direct), so they must be async, take at most one JSON body model and return a
# Response. Their declarations here still make the OpenAPI schema.
@router.get("/health", tags=["系统"], summary="服务状态与已就绪的功能", response_model=Health)
@direct
async def health() -> Any:
    return json_response(Health(status="ok", version=__version__, capabilities=capabilities.status()))


@router.post("/ask", tags=["问答"], summary="用自己的话提问，得到带法条依据的回答",
             response_model=AnswerModel, responses={**NOT_READY_RESPONSE})
@direct
async def ask(body: AskRequest) -> Any:
    # CPU-bound and short (~2 ms): run inline on the event loop. Threads cannot run it in parallel
    # (GIL) and a 40-thread pool only adds switching and unfair ordering, i.e. a long latency tail.
    _need("ask")
    # The same bytes as json_response(answer(...)), without building the Answer model (xiezhi.ask.answer_json).
    return Response(_ask_json()(body.question, statutes=body.statutes), media_type="application/json")


@router.post("/check", tags=["催收检测"], summary="检测一条催收信息、一段经历，或粘贴的带时间的聊天记录",
             description="一条信息返回 CheckResult。两条以上带时间的消息（如“11月28日 23:10 李经理：……”，粘贴的微信/短信记录）"
                         "与 CLI、网页一样按记录分析，返回 HistoryReport（每天次数、夜间联系、逐条发现），`history: false` 可关闭。"
                         "响应头 X-Xiezhi-Result 说明是哪一种（check / history）。",
             response_model=Union[CheckResultModel, HistoryReportModel],  # noqa: UP007 - the models may be dict[...]
             responses={**NOT_READY_RESPONSE})
@direct
async def check(body: CheckRequest) -> Any:  # inline, as ask
    analyze = _need("check")
    if body.history is not False and "\n" in body.text:  # a single line is never a thread: no reader on the hot path
        report = await _pasted_history(body)
        if report is not None:
            return Response(report.model_dump_json(), media_type="application/json", headers={RESULT_HEADER: "history"})
    if body.history:
        raise ProblemError(400, "输入有误", "没有读到带时间的聊天记录：要按记录分析，至少两条消息前要有时间（如“2026-11-28 23:10 李经理："
                                          "……”或“昨天 23:10”）。去掉 history: true 就按一条信息检测。")
    return Response(analyze(body.text, body.meta()).model_dump_json(), media_type="application/json",
                    headers={RESULT_HEADER: "check"})


RESULT_HEADER = "X-Xiezhi-Result"


async def _pasted_history(body: CheckRequest) -> Any:
    """The history report of a pasted timestamped thread (as `xiezhi check "<thread>"` and the page give); None when
    the text is one message or a description."""
    _need("history")
    from xiezhi.history import PASTED_SOURCE, pasted_thread
    from xiezhi.history.daterefs import parse_reference

    reference = parse_reference(body.reference_date, "reference_date") if body.reference_date else None
    imp = pasted_thread(body.text, reference=reference)
    if imp is None:
        return None
    from xiezhi.collection import analyze_history

    return await run_in_threadpool(analyze_history, imp, source=PASTED_SOURCE)


async def read_upload(request: Request, file: UploadFile) -> bytes:
    limit = request.app.state.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise ProblemError(413, "文件太大", f"上传的文件超过 {limit // (1024 * 1024)} MB 上限。")
    if not data:
        raise ProblemError(400, "输入有误", "上传的文件是空的。")
    return data


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes of a text file -> (text, encoding); binary files are refused by content."""
    from xiezhi.history.sniff import not_a_history
    from xiezhi.textio import decode_bytes, is_utf16

    if (kind := not_a_history(data)) is not None:
        raise ProblemError(415, "不支持的文件类型", kind)
    if b"\x00" in data[:4096] and not is_utf16(data):
        raise ProblemError(415, "不支持的文件类型", "这不是文本文件。请上传短信备份 XML、通话记录 CSV 或聊天记录文本。")
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding


@router.post("/check/history", tags=["催收检测"], summary="上传短信备份 XML、通话记录 CSV 或聊天记录，得到时间线和违规汇总",
             response_model=HistoryReportModel, responses={**NOT_READY_RESPONSE})
async def check_history(request: Request,
                        file: Annotated[UploadFile, File(description="短信备份 XML、CSV 或文本")]) -> Any:
    reader = _need("history")
    _need("check")
    from xiezhi.collection import analyze_history
    from xiezhi.history import require_records

    data = await read_upload(request, file)
    text, encoding = decode_text(data)
    name = (file.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:200]
    imported = await run_in_threadpool(reader, text, name=name, encoding=encoding)
    # a file with no readable record is bad input (400 with the reasons and their lines), as on the CLI and the page:
    # an empty report would read "no violation found"
    require_records(imported, f"文件“{name}”" if name else "上传的文件")
    return await run_in_threadpool(analyze_history, imported, source=name)


@router.post("/batch", tags=["催收检测"], summary="批量检测：请求体为 JSON Lines，逐行流式返回 JSON Lines",
             responses={200: {"content": {NDJSON: {}}, "description": "每行一个检测结果"}, **NOT_READY_RESPONSE},
             openapi_extra={"requestBody": {"required": True, "content": {NDJSON: {"schema": {
                 "type": "string", "description": '每行一个 JSON 对象：{"id", "text", "sent_at"?, ...}'}}}}})
async def batch(request: Request) -> StreamingResponse:
    process_line = _need("batch")
    limit = MAX_BATCH_BYTES
    body = bytearray()
    async for chunk in request.stream():  # read first: the response's disconnect listener shares receive()
        body += chunk
        if len(body) > limit:
            raise ProblemError(413, "请求太大", f"一次批量检测的内容不能超过 {limit // (1024 * 1024)} MB，请分批提交。")

    def lines() -> Iterator[str]:  # a sync generator: Starlette runs it in a worker thread
        for lineno, raw in enumerate(bytes(body).split(b"\n"), 1):
            out = process_line(raw.decode("utf-8", "replace"), lineno)
            if out is not None:
                yield out + "\n"

    return StreamingResponse(lines(), media_type=NDJSON)


@router.post("/loan", tags=["借款计算"], summary="真实年化利率、法定上限与依法应还金额",
             response_model=LoanAssessmentModel, responses={**NOT_READY_RESPONSE})
def loan(body: LoanInputModel) -> Any:  # type: ignore[valid-type]
    return _need("loan")(body)


@router.post("/plan", tags=["还款计划"], summary="多笔借款的还款计划：预算、受保护数额、协商顺序、月供",
             response_model=PlanResultModel, responses={**NOT_READY_RESPONSE})
def plan(body: PlanInputModel) -> Any:  # type: ignore[valid-type]
    return _need("plan")(body)


@router.get("/letters", tags=["文书"], summary="可起草的文书种类和必填事实", responses={**NOT_READY_RESPONSE},
            response_model=list[LetterKindModel])
def letter_kinds() -> Any:
    _need("letters")
    from xiezhi.letters import list_kinds

    return list_kinds()


LETTER_MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@router.post("/letters/{kind}", tags=["文书"], summary="按事实起草文书：format=json 返回 Letter，html/docx/pdf 返回文件",
             response_model=LetterModel, responses={
                 **NOT_READY_RESPONSE,
                 200: {"content": {"application/json": {}, **{m: {} for m in LETTER_MEDIA.values()}}}})
def letter(kind: Annotated[str, Path(max_length=40, pattern=r"^[a-z_]+$")], body: LetterRequest,
           format: Literal["json", "html", "docx", "pdf"] = "json") -> Any:
    draft = _need("letters")
    from xiezhi.letters import letter_bytes, list_kinds

    if kind not in {k.kind for k in list_kinds()}:
        raise ProblemError(404, "没有这种文书", f"没有“{kind}”这种文书。可选：{'、'.join(k.kind for k in list_kinds())}。")
    result = draft(kind, body.facts)
    if format == "json":
        return result
    data = letter_bytes(result, format)
    return Response(data, media_type=LETTER_MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{kind}.{format}"'})


@router.get("/assess/interview", tags=["自助评估"], summary="自助评估的问题与结果块（数据）")
def interview() -> dict[str, Any]:
    from xiezhi.assess import get_interview

    return get_interview().model_dump(mode="json", by_alias=True, exclude_none=True)


@router.post("/assess/next", tags=["自助评估"], summary="根据已有回答给出下一个问题", response_model=StepModel)
def assess_next(body: AssessRequest) -> Any:
    from xiezhi.assess import next_step, parse_answers

    return next_step(parse_answers(body.answers))


@router.post("/assess", tags=["自助评估"], summary="根据回答生成评估结果（权利、违法行为、借款成本、风险、下一步）",
             response_model=AssessResultModel)
def assess(body: AssessRequest) -> Any:
    from xiezhi.assess import assess as run
    from xiezhi.assess import parse_answers

    return run(parse_answers(body.answers))
