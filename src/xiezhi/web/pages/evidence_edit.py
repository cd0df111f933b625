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
from xiezhi.evidence import edit
from xiezhi.web import forms
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
KINDS = {"sms": "短信", "call": "电话", "wechat": "微信", "visit": "上门", "letter": "信函", "other": "其他"}
LIMITS = {"text": 20000, "notes": 20000, "reason": 2000}
Seq = Annotated[int, Path(ge=1, le=10**9)]
latest_seq = edit.latest_seq  # the list page links each item to its latest version


def _item(request: Request, seq: int) -> Any:
    try:
        return svc.item(request.app, seq)
    except InputError as exc:  # a number that is not part of any incident: the same page as an unknown one
        raise ProblemError(404, "没有这条证据", exc.message) from exc


def form_values(content: Any) -> dict[str, str]:
    """The correction form, pre-filled with a record's fields."""
    cp = content.counterpart
    return {"kind": content.kind or "other",
            "occurred_at": content.occurred_at.strftime("%Y-%m-%dT%H:%M") if content.occurred_at else "",
            "number": cp.number or "", "name": cp.name or "", "organisation": cp.organisation or "",
            "lender": content.lender or "", "text": content.text or "", "notes": content.notes or "", "reason": ""}


def item_context(item: Any, seq: int) -> dict[str, Any]:
    vs = edit.versions(item)
    shown = next((r for r in vs if r.seq == seq), vs[-1])
    at = vs.index(shown)
    withdrawal = next((r for r in item.records if r.record_type == "withdrawal"), None)
    editable = edit.is_editable(item, shown.seq)
    return {"item": item, "shown": shown, "c": shown.content, "previous": vs[at - 1] if at else None,
            "newer": vs[-1] if shown is not vs[-1] else None, "withdrawal": withdrawal, "editable": editable,
            "kinds": KINDS, "cf": form_values(shown.content), "wf": {"reason": ""},
            "correct_error": None, "withdraw_error": None}


def show(request: Request, seq: int, flags: dict[str, bool]) -> HTMLResponse | RedirectResponse:
    item = _item(request, seq)
    vs = edit.versions(item)
    if seq not in {r.seq for r in vs}:  # a withdrawal record: show the item as it stands
        return RedirectResponse(f"/evidence/{vs[-1].seq}", 303)
    ctx = item_context(item, seq)
    return render(request, "evidence_item.html", {**ctx, **flags, "titles": _titles()},
                  title=f"证据 #{seq}", active="/evidence")


def _read(form: Any, keys: tuple[str, ...]) -> dict[str, str]:
    return {k: forms.text(form, k, LIMITS.get(k, 200)).replace("\r\n", "\n") for k in keys}


def _again(request: Request, item: Any, seq: int, update: dict[str, Any]) -> HTMLResponse:
    """The record page again, with the user's input and the error, status 400."""
    ctx = item_context(item, seq)
    ctx.update(update)
    return render(request, "evidence_item.html", {**ctx, "titles": _titles()}, title=f"证据 #{seq}",
                  active="/evidence", status=400)


async def _form_and_item(request: Request, seq: int) -> tuple[Any, Any]:
    """The posted form (its CSRF token checked) and the item record ``seq`` belongs to."""
    form = await forms.read_form(request)
    if not capabilities.available("evidence"):
        raise ProblemError(503, "此功能尚未就绪", "证据功能尚未就绪。")
    return form, await run_in_threadpool(_item, request, seq)


@router.post("/evidence/{seq}/correct", response_model=None)
async def evidence_correct(request: Request, seq: Seq) -> HTMLResponse | RedirectResponse:
    form, item = await _form_and_item(request, seq)
    f = _read(form, (*edit.EDIT_FIELDS, "reason"))
    chose_files = any(getattr(x, "filename", "") for x in form.getlist("files"))
    try:
        edit.check_editable(item, seq)
        uploads = await forms.files(request, form, "files")
        changes, reason = edit.plan_correction(item, seq, {k: f[k] for k in edit.EDIT_FIELDS}, f["reason"],
                                               adds_files=bool(uploads))
        vault = svc.vault(request.app)
        rec = await run_in_threadpool(vault.correct, seq, changes, reason, uploads)
    except InputError as exc:
        msg = str(exc)
        if chose_files:
            msg += "\n（为安全起见，选好的照片或文件没有保存，请重新选择。）"
        return _again(request, item, seq, {"cf": f, "correct_error": msg})
    return RedirectResponse(f"/evidence/{rec.seq}?corrected=1", 303)


@router.post("/evidence/{seq}/withdraw", response_model=None)
async def evidence_withdraw(request: Request, seq: Seq) -> HTMLResponse | RedirectResponse:
    form, item = await _form_and_item(request, seq)
    reason = forms.text(form, "reason", LIMITS["reason"])
    try:
        checked = edit.plan_withdrawal(item, seq, reason)
        await run_in_threadpool(svc.vault(request.app).withdraw, seq, checked)
    except InputError as exc:
        return _again(request, item, seq, {"wf": {"reason": reason}, "withdraw_error": str(exc)})
    return RedirectResponse(f"/evidence/{seq}?withdrawn=1", 303)


def _titles() -> dict[str, Any]:
    from xiezhi.assess.compute import category_titles

    return category_titles()
