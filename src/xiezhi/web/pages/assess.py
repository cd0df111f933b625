"""首页 and 自助评估: the interview one question per screen (POST/redirect/GET), then one result page.

The answers travel in the URL (`_done=<question id>` plus `var=value` pairs), so the server keeps no
state, the browser's back button works, and a result can be bookmarked on the phone.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData, QueryParams

from xiezhi.errors import InputError
from xiezhi.web.forms import read_form
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)


def _qr_uri(request: Request) -> str | None:
    url = request.app.state.settings.public_url
    if not url:
        return None
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    from xiezhi.assess import get_interview

    return render(request, "home.html", {"interview": get_interview(), "qr_uri": _qr_uri(request)},
                  title="自助评估", active="/")


def _state(params: QueryParams | FormData) -> tuple[list[str], dict[str, list[str]]]:
    done = [str(v) for v in params.getlist("_done")]
    values: dict[str, list[str]] = {}
    for key, value in params.multi_items():
        if key.startswith("_") or key == "csrf" or not isinstance(value, str):
            continue
        values.setdefault(key, []).append(value)
    return done, values


def _answers(params: QueryParams | FormData) -> dict[str, Any]:
    from xiezhi.assess import parse_form

    done, values = _state(params)
    return parse_form(done, values)


def _url(path: str, answers: dict[str, Any], drop: str | None = None) -> str:
    from xiezhi.assess import to_form

    pairs = to_form(answers)
    if drop:
        pairs = [(k, v) for k, v in pairs if not (k == "_done" and v == drop)]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def _without(answers: dict[str, Any], qid: str) -> dict[str, Any]:
    from xiezhi.assess import get_interview

    drop = {f.var for f in get_interview().questions[qid].fields}
    return {k: v for k, v in answers.items() if k not in drop}


def _question_page(request: Request, answers: dict[str, Any], errs: list[str] | None = None,
                   values: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse | RedirectResponse:
    from xiezhi.assess import answered_ids, next_step, to_form

    step = next_step(answers)
    if step.question is None:
        return RedirectResponse(_url("/assess/result", answers), 303)
    done = answered_ids(answers)
    back = _url("/assess/q", answers, drop=done[-1]) if done else None  # the answer stays as a prefill
    shown = {**{k: (v if isinstance(v, list) else str(v)) for k, v in answers.items() if v is not None},
             **(values or {})}
    return render(request, "assess_question.html", {
        "q": step.question, "step": step, "state": to_form(answers), "values": shown, "errs": errs or [],
        "back_url": back, "result_url": _url("/assess/result", answers),
    }, status=status, title="自助评估", active="/assess")


@router.get("/assess", response_class=HTMLResponse)
def assess_start(request: Request) -> RedirectResponse:
    return RedirectResponse("/assess/q", 303)


@router.get("/assess/q", response_model=None)
def question(request: Request) -> HTMLResponse | RedirectResponse:
    try:
        answers = _answers(request.query_params)
    except InputError:
        return RedirectResponse("/assess/q", 303)  # a hand-edited or stale URL: start again
    _, values = _state(request.query_params)
    known = {k for k in answers}
    prefill = {k: (v if len(v) > 1 or _is_multi(k) else v[-1]) for k, v in values.items() if k not in known}
    return _question_page(request, answers, values=prefill)


def _is_multi(var: str) -> bool:
    from xiezhi.assess import get_interview

    return any(f.var == var and f.type == "multi" for q in get_interview().questions.values() for f in q.fields)


@router.post("/assess/q", response_model=None)
async def answer(request: Request) -> HTMLResponse | RedirectResponse:
    from xiezhi.assess import get_interview, parse_form

    form = await read_form(request)
    done, values = _state(form)
    try:
        previous = parse_form(done, values)
    except InputError:
        return RedirectResponse("/assess/q", 303)
    qid = form.get("_question")
    iv = get_interview()
    if not isinstance(qid, str) or qid not in iv.questions:
        return RedirectResponse(_url("/assess/q", previous), 303)
    try:
        new = parse_form([qid], values)
    except InputError as exc:
        raw = {f.var: (values.get(f.var, []) if f.type == "multi" else (values.get(f.var) or [""])[-1])
               for f in iv.questions[qid].fields}
        return _question_page(request, _without(previous, qid), [exc.message], raw, status=400)
    answers = {**_without(previous, qid), **new}
    return RedirectResponse(_url("/assess/q", answers), 303)


@router.get("/assess/result", response_class=HTMLResponse)
def result(request: Request) -> HTMLResponse:
    from xiezhi.assess import assess

    answers = _answers(request.query_params)
    res = assess(answers)
    from xiezhi.assess import answered_ids

    done = answered_ids(answers)
    edit = _url("/assess/q", answers, drop=done[-1]) if done else "/assess/q"
    return render(request, "assess_result.html", {"result": res, "edit_url": edit},
                  title="评估结果", active="/assess")
