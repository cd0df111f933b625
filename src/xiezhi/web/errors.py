"""Errors: problem details for /api, Chinese error pages for people; never a stack trace."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from xiezhi.api.problems import Problem, ProblemError, problem_response
from xiezhi.errors import DataError, InputError, XiezhiError

log = logging.getLogger("xiezhi.web")

TITLES = {400: "输入有误", 401: "需要访问令牌", 403: "拒绝访问", 404: "页面不存在", 405: "不支持的请求方法", 411: "需要 Content-Length",
          413: "文件太大", 415: "不支持的文件类型", 421: "地址不对", 422: "输入格式不对",
          500: "服务器内部错误", 503: "此功能尚未就绪"}
_FIELD = {"missing": "缺少这一项", "string_too_long": "太长", "string_too_short": "太短",
          "int_parsing": "应当是整数", "decimal_parsing": "应当是数字", "float_parsing": "应当是数字",
          "bool_parsing": "应当是 true 或 false", "literal_error": "不是允许的取值",
          "extra_forbidden": "不认识这一项", "json_invalid": "不是有效的 JSON", "date_from_datetime_parsing": "日期格式不对",
          "greater_than": "数值太小", "less_than_equal": "数值太大", "greater_than_equal": "数值太小",
          "model_attributes_type": "应当是一个对象", "list_type": "应当是一个列表", "string_type": "应当是文字"}


_FIELD_KEY = re.compile(r"(?<=[\u4e00-\u9fff）)]) [A-Za-z_][A-Za-z0-9_.]*(?=[：:]| →)")


def for_people(message: str) -> str:
    """A core input error as a web page shows it: the Chinese field labels without the model's key names, which
    help a YAML or API user ("每月收入 monthly_income：…") but are noise on a form ("每月收入：…")."""
    return _FIELD_KEY.sub("", message)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_page(request: Request, status: int, title: str, detail: str, hints: list[str] | None = None) -> Response:
    try:
        from xiezhi.web.templating import render

        return render(request, "error.html", {"status": status, "heading": title, "detail": detail,
                                              "hints": hints or []}, status=status, title=title)
    except Exception:  # templates unusable: still no stack trace
        log.exception("error page failed")
        return HTMLResponse(f"<!doctype html><meta charset=utf-8><h1>{status} {TITLES.get(status, '错误')}</h1>",
                            status_code=status)


def deny(request: Request, status: int, title: str, detail: str) -> Response:
    if is_api(request):
        return problem_response(Problem(title=title, status=status, detail=detail))
    return error_page(request, status, title, detail)


def _validation_errors(exc: RequestValidationError, path: str = "") -> list[dict[str, Any]]:
    out = []
    for err in exc.errors()[:20]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path")]
        msg = str(err.get("msg", ""))
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        elif err.get("type") == "string_too_long" and (limit := (err.get("ctx") or {}).get("max_length")):
            # say the limit: a 30,000-character pasted thread was told only "太长"
            got = len(err["input"]) if isinstance(err.get("input"), str) else None
            msg = f"太长（最多 {limit} 字{f'，现在 {got} 字' if got else ''}）"
            if loc == ["text"] and path == "/api/v1/check":
                msg += "；很长的聊天记录请存成文本文件，用 POST /api/v1/check/history 上传分析"
        elif err.get("type") in _FIELD:
            msg = _FIELD[err["type"]]
        out.append({"field": ".".join(loc), "message": msg})
    return out


def install(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> Response:
        p = exc.problem
        if is_api(request):
            return problem_response(p)
        return error_page(request, p.status, p.title, p.detail, p.hints)

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> Response:
        if is_api(request):
            return problem_response(Problem(title="输入有误", status=400, detail=exc.message, hints=exc.hints))
        return error_page(request, 400, "输入有误", exc.message, exc.hints)

    @app.exception_handler(XiezhiError)
    async def _xiezhi(request: Request, exc: XiezhiError) -> Response:
        status = 500 if isinstance(exc, DataError) else 400
        if status == 500:
            log.error("data error: %s", exc)
        title = TITLES[status]
        if is_api(request):
            return problem_response(Problem(title=title, status=status, detail=exc.message, hints=exc.hints))
        return error_page(request, status, title, exc.message, exc.hints)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = _validation_errors(exc, request.url.path)
        detail = "；".join(f"{e['field'] or '请求'}：{e['message']}" for e in errors[:5])
        if is_api(request):
            return problem_response(Problem(title="输入格式不对", status=422, detail=detail, errors=errors))
        return error_page(request, 422, "输入格式不对", detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        title = TITLES.get(exc.status_code, "请求有误")
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail and not exc.detail.isascii() else {
            404: "没有这个页面或记录。", 405: "这个地址不支持该请求方法。"}.get(exc.status_code, title)
        if is_api(request):
            return problem_response(Problem(title=title, status=exc.status_code, detail=detail),
                                    headers=getattr(exc, "headers", None))
        return error_page(request, exc.status_code, title, detail)

    @app.exception_handler(ArithmeticError)
    async def _arith(request: Request, exc: ArithmeticError) -> Response:
        # decimal overflow / invalid operation on absurd figures: an input problem, not a crash
        log.warning("arithmetic error on %s: %r", request.url.path, exc)
        detail = "输入的数字超出了可以计算的范围（太大、太小或不是有效数字），请检查金额、利率和期数。"
        if is_api(request):
            return problem_response(Problem(title="输入有误", status=400, detail=detail))
        return error_page(request, 400, "输入有误", detail)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        detail = "处理请求时出错了。请稍后再试；如果一再出现，请把操作步骤反馈给开发者。"
        if is_api(request):
            return problem_response(Problem(title="服务器内部错误", status=500, detail=detail))
        return error_page(request, 500, "服务器内部错误", detail)
