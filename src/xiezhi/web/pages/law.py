"""法条: browse the instruments, read one article (with previous/next), resolve a citation or search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from xiezhi.errors import XiezhiError
from xiezhi.web.templating import render

router = APIRouter(include_in_schema=False)
#: People paste a whole paragraph they were sent ("根据《民法典》第…条…") to find the article; a short limit answered
#: them with a bare 422 page and lost the text. Long input is accepted and searched by its first SEARCHED characters.
MAX_QUERY = 5000
SEARCHED = 300


@router.get("/law", response_model=None)
def law_index(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY)] = "") -> HTMLResponse | RedirectResponse:
    from xiezhi.api.routes_law import instruments
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    q = q.strip()
    hits, message = [], None
    if q:
        try:
            cit = corpus.resolve(q)
            return RedirectResponse(f"/law/{cit.article_id}", 303)
        except XiezhiError as exc:
            message = str(exc)
        if len(q) > SEARCHED:
            message = f"搜索内容较长，只按前 {SEARCHED} 个字查找。" if message is None else message
        hits = [(corpus.article_json(a), s) for a, s in corpus.search(q[:SEARCHED], top=15)]
    return render(request, "law_index.html", {"instruments": instruments(), "q": q, "hits": hits,
                                              "message": message}, title="法条", active="/law")


@router.get("/law/{article_id}", response_class=HTMLResponse)
def law_article(request: Request, article_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    try:
        a = corpus.article(article_id)
    except XiezhiError as exc:
        return render(request, "error.html", {"status": 404, "heading": "无法找到该法条", "detail": str(exc),
                                              "hints": []}, status=404, title="未找到", active="/law")
    j = corpus.article_json(a)
    arts = corpus.by_instrument[a.instrument_slug]
    i = arts.index(a)
    prev = arts[i - 1] if i > 0 else None
    nxt = arts[i + 1] if i + 1 < len(arts) else None
    return render(request, "law_article.html", {"a": j, "prev": prev, "next": nxt}, title=j["display"],
                  active="/law")
