"""RFC 9457 problem details: every API error is `application/problem+json` with a Chinese message."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

PROBLEM_TYPE = "application/problem+json"


class Problem(BaseModel):
    type: str = Field("about:blank", description="问题类型（URI）")
    title: str = Field(description="简短的中文标题")
    status: int
    detail: str = Field("", description="中文说明，可以直接展示给用户")
    hints: list[str] = Field(default_factory=list)
    errors: list[dict[str, Any]] = Field(default_factory=list, description="逐项的输入错误（如有）")


class ProblemError(Exception):
    """Raise from a route to answer with a problem."""

    def __init__(self, status: int, title: str, detail: str = "", *, type: str = "about:blank",
                 hints: list[str] | None = None, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail or title)
        self.problem = Problem(type=type, title=title, status=status, detail=detail, hints=hints or [],
                               errors=errors or [])


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(problem.model_dump(), status_code=problem.status, media_type=PROBLEM_TYPE,
                        headers=headers)


def not_ready(capability: str) -> ProblemError:
    return ProblemError(503, "此功能尚未就绪", f"“{capability}”功能尚未安装或仍在开发中，请稍后再试。",
                        type="urn:xiezhi:problem:not-ready")


#: Declared in the OpenAPI schema for every route.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "输入有误", "content": {PROBLEM_TYPE: {}}},
    422: {"model": Problem, "description": "输入格式不对", "content": {PROBLEM_TYPE: {}}},
}
NOT_READY_RESPONSE: dict[int | str, dict[str, Any]] = {
    503: {"model": Problem, "description": "此功能尚未就绪", "content": {PROBLEM_TYPE: {}}},
}
