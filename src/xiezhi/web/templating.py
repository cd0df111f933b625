"""Jinja2 environment shared by all pages (autoescaped; filters for money, rates and dates)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from xiezhi.dates import fmt_beijing
from xiezhi.web.security import csrf_nonce, csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"
DISCLAIMER = "法律信息，不是法律意见；具体案件请咨询律师或拨打 12348。"
NAV: list[tuple[str, str]] = [
    ("/", "自助评估"), ("/ask", "问答"), ("/check", "催收检测"), ("/loan", "借款计算"),
    ("/evidence", "证据"), ("/letters", "文书"), ("/plan", "还款计划"), ("/law", "法条"),
]


def yuan(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return f"{Decimal(str(value)):,.2f}"


def pct(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "—"
    return f"{Decimal(str(value)) * 100:.{digits}f}%"


def when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and "T" in value:
        return value.replace("T", " ")[:16]
    return "" if value is None else str(value)


#: Mainland China keeps UTC+08:00 all year (no daylight saving): a fixed offset, no tz database needed.


def beijing(value: Any, seconds: bool = False) -> str:
    """A time shown to the borrower: on the Beijing clock and labelled "（北京时间）".

    Aware times (recorded_at is stored in UTC) are converted; a naive time is what the borrower entered
    or imported (occurred_at), already Beijing time, and is shown as is. ISO text is parsed first.
    Display only: stored values and hashes are untouched.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return when(value)
    return fmt_beijing(value, seconds=seconds) + "（北京时间）"


templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def tidy(text: str) -> str:
    from xiezhi.assess.engine import tidy as _tidy

    return _tidy(text or "")


templates.env.filters.update(yuan=yuan, pct=pct, when=when, beijing=beijing, tidy=tidy)
CHANNELS = {"110": "报警（110）", "12378": "金融监管投诉（12378）", "12321": "骚扰电话短信举报（12321）",
            "local_regulator": "地方金融管理部门", "court": "法院", "lender": "出借机构客服", "12348": "法律援助（12348）",
            "police": "公安机关", "regulator": "金融监管部门", "internet_court": "互联网法院", "verify": "核实",
            "keep_records": "保存记录", "platform": "向平台投诉", "pboc": "中国人民银行（征信）", "12315": "消费者投诉（12315）"}
templates.env.globals.update(DISCLAIMER=DISCLAIMER, NAV=NAV, CHANNELS=CHANNELS)


def render(request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200,
           *, active: str | None = None, title: str = "") -> HTMLResponse:
    settings = request.app.state.settings
    ctx = {"request": request, "title": title, "active": active or request.url.path,
           "csrf": csrf_token(settings, csrf_nonce(request)), "settings": settings, **(context or {})}
    resp = templates.TemplateResponse(request, name, ctx, status_code=status)
    resp.headers["Cache-Control"] = "no-store"
    return resp
