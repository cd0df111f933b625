"""Direct dispatch for the hot API routes (/ask, /check, /health).

Under load each request's own work is small (/check ~0.2 ms), so FastAPI's generic per-request
machinery (route matching across every page and API route, dependency solving, nested exception
middleware) was most of the server's CPU. A route whose endpoint is marked `@direct` keeps its FastAPI
declaration (the OpenAPI schema and the fallback path are unchanged) but is called straight from this
pure ASGI layer, which sits inside SecurityMiddleware (token, Host and cross-site checks, security
headers) and outside FastAPI's router:

- exact method + path match (the marked routes have no path parameters);
- the JSON body is read with a 1 MiB limit (413 beyond) and validated as FastAPI does
  (`json.loads`, then the model in Python mode): the same error types, hence the same Chinese
  problem details;
- exceptions go to the app's own exception handlers (ProblemError, InputError, validation, ...);
  anything unhandled propagates to ServerErrorMiddleware as before.

Supported endpoint signatures: `async def f()` and `async def f(body: SomeModel)`, returning a Response.
`install()` checks this at start-up, so an unsupported route fails loudly instead of misbehaving.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, get_type_hints

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])
MARK = "__xiezhi_direct__"
MAX_JSON_BODY = 1024 * 1024  # bytes; the largest direct body (a 20,000-character text) is far below


def direct(fn: F) -> F:
    """Mark an async endpoint for direct dispatch (see the module docstring)."""
    setattr(fn, MARK, True)
    return fn


class Target:
    """One directly dispatched endpoint and its body model (None: no body)."""

    __slots__ = ("endpoint", "limit", "model", "name")

    def __init__(self, path: str, endpoint: Callable[..., Awaitable[Any]], limit: int = MAX_JSON_BODY) -> None:
        problems = []
        if not inspect.iscoroutinefunction(endpoint):
            problems.append("the endpoint is not async")
        if "{" in path:
            problems.append("the path has parameters")
        params = list(inspect.signature(endpoint).parameters.values())
        hints = get_type_hints(endpoint)
        model = hints.get(params[0].name) if len(params) == 1 else None
        if len(params) > 1 or (params and not (
                isinstance(model, type) and issubclass(model, BaseModel) and params[0].default is inspect.Parameter.empty
                and params[0].kind is not inspect.Parameter.VAR_KEYWORD)):
            problems.append("the endpoint takes something other than one JSON body model")
        if problems:
            raise TypeError(f"@direct route {path}: {'; '.join(problems)}")
        self.endpoint = endpoint
        self.model: type[BaseModel] | None = model
        self.name = params[0].name if params else ""
        self.limit = limit

    async def __call__(self, request: Request) -> Response:
        if self.model is None:
            response = await self.endpoint()
        else:
            response = await self.endpoint(**{self.name: await self.parse(request)})
        if not isinstance(response, Response):
            raise TypeError(f"@direct endpoint {self.endpoint.__name__} must return a Response")
        return response

    async def parse(self, request: Request) -> BaseModel:
        """The body as FastAPI parses it for a single JSON model parameter."""
        assert self.model is not None
        data = await read_body(request, self.limit)
        body: Any
        if not data:
            raise RequestValidationError([{"type": "missing", "loc": ("body",), "msg": "Field required",
                                           "input": None}])
        if is_json(request.headers.get("content-type")):
            try:
                body = json.loads(data)
            except json.JSONDecodeError as e:
                raise RequestValidationError([{"type": "json_invalid", "loc": ("body", e.pos),
                                               "msg": "JSON decode error", "input": {},
                                               "ctx": {"error": e.msg}}], body=e.doc) from None
            except UnicodeDecodeError:
                raise HTTPException(400, "请求内容不是有效的 UTF-8 文本。") from None
        else:
            body = data  # as FastAPI: a body without a JSON content type fails validation below
        try:
            return self.model.model_validate(body, from_attributes=True)  # as FastAPI validates a body
        except ValidationError as e:
            errors = [{**err, "loc": ("body", *err["loc"])} for err in e.errors(include_url=False)]
            raise RequestValidationError(errors, body=body) from None


def is_json(content_type: str | None) -> bool:
    if not content_type:
        return False
    mime = content_type.split(";", 1)[0].strip().lower()
    return mime == "application/json" or (mime.startswith("application/") and mime.endswith("+json"))


async def read_body(request: Request, limit: int | None) -> bytes:
    """The request body, refused with 413 once it exceeds `limit` bytes."""
    if limit is None:
        return await request.body()
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > limit:
        raise too_large(limit)
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"请求内容超过 {limit // 1024} KB 上限。")


Handler = Callable[[Request, Exception], Awaitable[Response]]


class DirectRoutes:
    """Pure ASGI middleware: call the `@direct` endpoints without FastAPI's routing; pass the rest on."""

    def __init__(self, app: ASGIApp, targets: dict[tuple[str, str], Target],
                 handlers: dict[Any, Handler]) -> None:
        self.app = app
        self.targets = targets
        # Exception and 500 stay with ServerErrorMiddleware (it logs and answers, as for every route).
        self.handlers = {k: v for k, v in handlers.items() if k not in (Exception, 500)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        target = self.targets.get((scope.get("method", ""), scope.get("path", ""))) \
            if scope["type"] == "http" else None
        if target is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await target(request)
        except Exception as exc:
            handler = self._handler(exc)
            if handler is None:
                raise
            response = await handler(request, exc)
        await response(scope, receive, send)

    def _handler(self, exc: Exception) -> Handler | None:
        if isinstance(exc, HTTPException) and exc.status_code in self.handlers:
            return self.handlers[exc.status_code]
        for cls in type(exc).__mro__:
            if cls in self.handlers:
                return self.handlers[cls]
        return None


def _routes(app: FastAPI) -> list[tuple[str, set[str], Any]]:
    """(path, methods, endpoint) of every route, with included routers' prefixes applied."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI keeps included routers nested
    except ImportError:  # older FastAPI copies them into app.routes
        return [(r.path, set(r.methods), r.endpoint) for r in app.routes if hasattr(r, "endpoint")
                and getattr(r, "methods", None)]
    return [(c.path, set(c.methods), c.endpoint) for c in iter_route_contexts(app.routes)
            if c.path and c.methods and c.endpoint is not None]


def targets(app: FastAPI) -> dict[tuple[str, str], Target]:
    """(method, path) -> Target for every route whose endpoint is marked `@direct`."""
    out: dict[tuple[str, str], Target] = {}
    for path, methods, endpoint in _routes(app):
        if getattr(endpoint, MARK, False):
            target = Target(path, endpoint)
            for method in methods:
                out[(method, path)] = target
    return out


def install(app: FastAPI) -> None:
    """Add the layer (call before adding SecurityMiddleware, so that security wraps it)."""
    found = targets(app)
    if found:
        app.add_middleware(DirectRoutes, targets=found, handlers=app.exception_handlers)
