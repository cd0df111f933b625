"""文书 and 还款计划: shown as "此功能尚未就绪" until the letters/plan capability lands (issue 7)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/letters", response_class=HTMLResponse)
def letters(request: Request) -> HTMLResponse:
    return render(request, "placeholder.html", {
        "heading": "文书",
        "intro": "根据你的情况起草协商还款申请书、向金融监管部门的投诉材料、征信异议申请、报案材料，以及对催收函的回复。",
        "detail": "在此之前，可以先用“催收检测”和“证据”整理材料。",
        "alternatives": [("/check", "催收检测：找出违法的催收内容"), ("/evidence", "证据：保存并导出证据清单"),
                         ("/ask?q=怎么向监管部门投诉催收", "问答：怎么投诉违规催收")],
    }, title="文书", active="/letters")


@router.get("/plan", response_class=HTMLResponse)
def plan(request: Request) -> HTMLResponse:
    return render(request, "placeholder.html", {
        "heading": "还款计划",
        "intro": "把几笔借款、每月收入和必要开支放在一起，算出每笔借款依法应还多少，并给出在预算之内的协商还款方案。",
        "detail": "在此之前，可以先用“借款计算”逐笔算清依法应还的金额。",
        "alternatives": [("/loan", "借款计算：真实年化利率和依法应还金额"),
                         ("/ask?q=还不上网贷怎么和平台协商还款", "问答：怎么协商还款")],
    }, title="还款计划", active="/plan")
