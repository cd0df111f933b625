"""/api/v1/law: the statute corpus (list, one article, resolve a citation, search)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from xiezhi.api.models import InstrumentInfo, Resolved, SearchHit
from xiezhi.api.problems import PROBLEM_RESPONSES, ProblemError

router = APIRouter(prefix="/law", tags=["法条"], responses={**PROBLEM_RESPONSES})


def instruments() -> list[InstrumentInfo]:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    out = []
    for inst in sorted(corpus.instruments.values(), key=lambda i: (i.title, i.effective)):
        arts = corpus.by_instrument.get(inst.slug) or []
        out.append(InstrumentInfo(slug=inst.slug, title=inst.title, effective=inst.effective.isoformat(),
                                  effective_to=inst.effective_to.isoformat() if inst.effective_to else None,
                                  status=inst.status, article_count=inst.article_count,
                                  first_article=arts[0].id if arts else ""))
    return out


@router.get("", summary="收录的法律文件")
def list_instruments() -> list[InstrumentInfo]:
    return instruments()


@router.get("/articles/{article_id}", summary="按 id 取一条法条（如 civil-code:680）",
            responses={404: PROBLEM_RESPONSES[400]})
def article(article_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    from xiezhi.law import get_corpus
    from xiezhi.law.citations import CitationError

    corpus = get_corpus()
    try:
        return corpus.article_json(corpus.article(article_id))
    except CitationError as exc:
        raise ProblemError(404, "没有这条法条", exc.message, hints=exc.hints) from exc


@router.get("/resolve", summary="把人们写的引用（如“民法典第680条”）解析为法条")
def resolve(q: Annotated[str, Query(min_length=1, max_length=200)],
            on: Annotated[date | None, Query(description="按该日期有效的版本")] = None) -> Resolved:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    cit = corpus.resolve(q, on=on)
    return Resolved(query=q, article_id=cit.article_id, display=cit.display, kuan=getattr(cit, "kuan", None),
                    xiang=getattr(cit, "xiang", None), article=corpus.article_json(cit.article_id))


@router.get("/search", summary="按关键词检索法条")
def search(q: Annotated[str, Query(min_length=1, max_length=200)],
           top: Annotated[int, Query(ge=1, le=50)] = 10) -> list[SearchHit]:
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    return [SearchHit(score=round(s, 4), article=corpus.article_json(a)) for a, s in corpus.search(q, top=top)]
