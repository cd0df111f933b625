"""Form helpers: read a POSTed form with a CSRF check and size limits; read uploads by content."""

from __future__ import annotations

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from xiezhi.api.problems import ProblemError
from xiezhi.web.security import csrf_ok
from xiezhi.web.settings import MAX_FORM_TEXT

MAX_FILES = 10


async def read_form(request: Request) -> FormData:
    """The form, after checking its CSRF token. Upload size is bounded by the settings."""
    settings = request.app.state.settings
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > settings.max_upload_bytes * 2:
        raise ProblemError(413, "文件太大", f"上传内容超过 {settings.max_upload_bytes // (1024 * 1024)} MB 上限。")
    form = await request.form(max_files=MAX_FILES, max_fields=200, max_part_size=settings.max_upload_bytes)
    if not csrf_ok(request, settings, _text(form, "csrf")):
        raise ProblemError(403, "表单已过期", "页面已过期或来自其他网站。请返回上一页刷新后重新提交。")
    return form


def _text(form: FormData, key: str) -> str | None:
    value = form.get(key)
    return value if isinstance(value, str) else None


def text(form: FormData, key: str, limit: int = MAX_FORM_TEXT) -> str:
    value = (_text(form, key) or "").strip()
    if len(value) > limit:
        raise ProblemError(400, "输入有误", f"内容太长（{len(value)} 字），请控制在 {limit} 字以内。")
    return value


async def files(request: Request, form: FormData, key: str, *, keep_empty: bool = False) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each upload. A chosen but empty file is dropped unless `keep_empty` (so the page can
    say the file is empty instead of silently ignoring it); a browser's "no file chosen" part has no name."""
    limit = request.app.state.settings.max_upload_bytes
    out = []
    for item in form.getlist(key):
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        data = await item.read(limit + 1)
        if len(data) > limit:
            raise ProblemError(413, "文件太大", f"“{item.filename}”超过 {limit // (1024 * 1024)} MB 上限。")
        if data or keep_empty:
            out.append((item.filename, data))
    return out
