"""证据: one record's page, and its correction and withdrawal (both appended to the chain, never edits).

Every seq in the chain has a page. An incident or a correction shows what that record says; an older
version says it was corrected and links to the newer one; a withdrawal record leads to the item's
latest version, which says it was withdrawn and why. The forms appear only on the latest version of
an item that is not withdrawn.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from xiezhi.api import capabilities
from xiezhi.api import evidence_service as svc
from xiezhi.api.problems import ProblemError
from xiezhi.errors import InputError
from xiezhi.web import forms
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
KINDS = {"sms": "短信", "call": "电话", "wechat": "微信", "visit": "上门", "letter": "信函", "other": "其他"}
FIELDS = ("kind", "occurred_at", "number", "name", "organisation", "lender", "text", "notes")
LIMITS = {"text": 20000, "notes": 20000, "reason": 2000}
COUNTERPART = ("number", "name", "organisation")
REASON_LIMIT = 500
Seq = Annotated[int, Path(ge=1, le=10**9)]


def versions(item: Any) -> list[Any]:
    """The records of an item that carry content: the incident and its corrections, oldest first."""
    return [r for r in item.records if r.record_type != "withdrawal"]


def latest_seq(item: Any) -> int:
    """Number of the record holding the item's current content (a withdrawal is always the last record)."""
    return item.history[-2] if item.status == "withdrawn" else item.history[-1]


def _item(request: Request, seq: int) -> Any:
    try:
        return svc.vault(request.app).item(seq)
    except InputError as exc:
        raise ProblemError(404, "没有这条证据", exc.message) from exc


def form_values(content: Any) -> dict[str, str]:
    """The correction form, pre-filled with a record's fields."""
    cp = content.counterpart
    return {"kind": content.kind or "other",
            "occurred_at": content.occurred_at.strftime("%Y-%m-%dT%H:%M") if content.occurred_at else "",
            "number": cp.number or "", "name": cp.name or "", "organisation": cp.organisation or "",
            "lender": content.lender or "", "text": content.text or "", "notes": content.notes or "", "reason": ""}


def item_context(item: Any, seq: int) -> dict[str, Any]:
    vs = versions(item)
    shown = next((r for r in vs if r.seq == seq), vs[-1])
    at = vs.index(shown)
    withdrawal = next((r for r in item.records if r.record_type == "withdrawal"), None)
    editable = withdrawal is None and shown is vs[-1]
    return {"item": item, "shown": shown, "c": shown.content, "previous": vs[at - 1] if at else None,
            "newer": vs[-1] if shown is not vs[-1] else None, "withdrawal": withdrawal, "editable": editable,
            "kinds": KINDS, "cf": form_values(shown.content), "wf": {"reason": ""},
            "correct_error": None, "withdraw_error": None}


def show(request: Request, seq: int, flags: dict[str, bool]) -> HTMLResponse | RedirectResponse:
    item = _item(request, seq)
    vs = versions(item)
    if seq not in {r.seq for r in vs}:  # a withdrawal record: show the item as it stands
        return RedirectResponse(f"/evidence/{vs[-1].seq}", 303)
    ctx = item_context(item, seq)
    return render(request, "evidence_item.html", {**ctx, **flags, "titles": _titles()},
                  title=f"证据 #{seq}", active="/evidence")


def _same(old: str | None, new: str) -> bool:
    return (old or "").replace("\r\n", "\n").strip() == new


def changes_from(content: Any, f: dict[str, str]) -> dict[str, Any]:
    """What the user changed in the correction form, in the shape Vault.correct takes."""
    from xiezhi.dates import parse_datetime

    out: dict[str, Any] = {}
    if f["kind"] != content.kind:
        out["kind"] = f["kind"]
    if not f["occurred_at"]:
        raise InputError("请填写发生时间。")
    when = parse_datetime(f["occurred_at"].replace("T", " "))
    old = content.occurred_at.strftime("%Y-%m-%d %H:%M") if content.occurred_at else ""
    if when.strftime("%Y-%m-%d %H:%M") != old:
        out["occurred_at"] = when
    for key in ("lender", "text", "notes"):
        if not _same(getattr(content, key), f[key]):
            out[key] = f[key] or None
    cp = {k: f[k] or None for k in COUNTERPART if not _same(getattr(content.counterpart, k), f[k])}
    if cp:
        out["counterpart"] = cp
    return out


def _read(form: Any, keys: tuple[str, ...]) -> dict[str, str]:
    return {k: forms.text(form, k, LIMITS.get(k, 200)).replace("\r\n", "\n") for k in keys}


def _editable(item: Any, seq: int) -> None:
    if item.status == "withdrawn":
        raise InputError(f"证据 #{item.seq} 已经撤回，不能再更正或撤回。")
    last = versions(item)[-1].seq
    if seq != last:
        raise InputError(f"这是更正前的旧内容。请打开最新的 #{last} 再更正或撤回。")


def _again(request: Request, item: Any, seq: int, update: dict[str, Any]) -> HTMLResponse:
    """The record page again, with the user's input and the error, status 400."""
    ctx = item_context(item, seq)
    ctx.update(update)
    return render(request, "evidence_item.html", {**ctx, "titles": _titles()}, title=f"证据 #{seq}",
                  active="/evidence", status=400)


@router.post("/evidence/{seq}/correct", response_model=None)
async def evidence_correct(request: Request, seq: Seq) -> HTMLResponse | RedirectResponse:
    form = await forms.read_form(request)
    if not capabilities.available("evidence"):
        raise ProblemError(503, "此功能尚未就绪", "证据功能尚未就绪。")
    item = await run_in_threadpool(_item, request, seq)
    f = _read(form, (*FIELDS, "reason"))
    chose_files = any(getattr(x, "filename", "") for x in form.getlist("files"))
    try:
        _editable(item, seq)
        if f["kind"] not in KINDS:
            raise InputError("请选择证据类型。")
        uploads = await forms.files(request, form, "files")
        changes = changes_from(item.current, f)
        if not changes and not uploads:
            raise InputError("你还没有改动任何内容。请先在下面改正写错的地方，再保存更正。"
                             "如果这整条记录都不该有，请用下面的“撤回这条记录”。")
        if not f["reason"]:
            raise InputError("请写下更正的原因，例如“号码抄错了”“时间记错了”。")
        if len(f["reason"]) > REASON_LIMIT:
            raise InputError(f"原因请写在 {REASON_LIMIT} 字以内。")
        vault = svc.vault(request.app)
        rec = await run_in_threadpool(vault.correct, seq, changes, f["reason"], uploads)
    except InputError as exc:
        msg = str(exc)
        if chose_files:
            msg += "\n（为安全起见，选好的照片或文件没有保存，请重新选择。）"
        return _again(request, item, seq, {"cf": f, "correct_error": msg})
    return RedirectResponse(f"/evidence/{rec.seq}?corrected=1", 303)


@router.post("/evidence/{seq}/withdraw", response_model=None)
async def evidence_withdraw(request: Request, seq: Seq) -> HTMLResponse | RedirectResponse:
    form = await forms.read_form(request)
    if not capabilities.available("evidence"):
        raise ProblemError(503, "此功能尚未就绪", "证据功能尚未就绪。")
    item = await run_in_threadpool(_item, request, seq)
    reason = forms.text(form, "reason", 2000)
    try:
        _editable(item, seq)
        if not reason:
            raise InputError("请写下撤回的原因，例如“记错了人，这条不是催收”。")
        if len(reason) > REASON_LIMIT:
            raise InputError(f"原因请写在 {REASON_LIMIT} 字以内。")
        await run_in_threadpool(svc.vault(request.app).withdraw, seq, reason)
    except InputError as exc:
        return _again(request, item, seq, {"wf": {"reason": reason}, "withdraw_error": str(exc)})
    return RedirectResponse(f"/evidence/{seq}?withdrawn=1", 303)


def _titles() -> dict[str, Any]:
    from xiezhi.assess.compute import category_titles

    return category_titles()
