"""问答: a question in the borrower's words -> conclusion, analysis, steps, statutes (expandable)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from xiezhi.api import capabilities
from xiezhi.errors import InputError
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
#: A question pasted with its whole story is read back on the form (too long, with the text kept); the box used to cut
#: it silently at 2,000 characters (maxlength) and a longer link gave an error page with "q：太长".
MAX_PASTE_QUESTION = 20_000
EXAMPLES = ["网贷逾期后，催收人员真的会上门吗？", "催收说要爆通讯录怎么办", "借1万到手8千合法吗", "欠网贷不还会坐牢吗"]


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: Annotated[str, Query(max_length=MAX_PASTE_QUESTION)] = "",
             card: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    answer_fn = capabilities.get("ask")
    ans, err = None, None
    if answer_fn is not None and card and not q:
        q = _card_title(card) or ""
    if answer_fn is not None and q.strip():
        try:
            ans = answer_fn(q)
        except InputError as exc:
            err = exc.message
    return render(request, "ask.html", {"q": q, "answer": ans, "error": err, "ready": answer_fn is not None,
                                        "examples": EXAMPLES}, title="问答", active="/ask",
                  status=400 if err else 200)


def _card_title(card_id: str) -> str | None:
    try:
        from xiezhi.search.cards import get_index

        card = get_index().cards.get(card_id)
        return card.title if card else None
    except Exception:
        return None
