"""Turn the citations of a rules file into article JSON (xiezhi.law) and named instruments.

A named instrument with a date (`from:`, e.g. the 中国银行业协会 guideline of 2026-01-30) is not cited for acts
before that date; without a date of the act (no `sent_at`) everything in force today is cited.

治安管理处罚法: the 2025 text applies to acts from 2026-01-01, the 2012 text to earlier acts; a rules
heading gives both ids (`| 2012: public-security-punishments-law-2012:N`). An article that is new in
2025 (no 2012 id) is not cited for earlier acts.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from xiezhi.collection.rules import CategorySpec, load_categories

PSPL_2025 = "public-security-punishments-law:"

#: Instruments that bind one kind of lender only (legal review 2, D11): their articles are not cited when the
#: lender is known to be another kind (unknown lender: cited, the reader sees the instrument's name).
#: 商业银行信用卡业务监督管理办法 / 商业银行互联网贷款管理暂行办法: 商业银行; 消费金融公司管理办法: 消费金融公司;
#: 银行保险机构消费者权益保护管理办法: 银行业金融机构 (incl. 消费金融公司) and 保险机构.
LENDER_SCOPE: dict[str, frozenset[str]] = {
    "credit-card-supervision-measures:": frozenset({"bank"}),
    # 第六十七条: consumer-finance (and auto-finance) companies' internet lending follows these measures too
    "internet-loan-measures:": frozenset({"bank", "consumer_finance"}),
    "consumer-finance-company-measures:": frozenset({"consumer_finance"}),
    "banking-insurance-consumer-protection-measures:": frozenset({"bank", "consumer_finance"}),
    # 民间借贷规定 第一条第二款: lending by 经金融监管部门批准设立的…金融机构 is no private lending, and 批复一 counts 小额贷款公司
    # among them (legal review 4, D1): its caps (第二十九条: 4×LPR on overdue interest, penalties and fees together) and
    # its principal rule (第二十六条) are not cited for a licensed lender. 第一条 itself stays: it says why.
    "private-lending-provisions:29": frozenset({"unlicensed"}),
    # 第二十五条 (4×LPR on the agreed rate) likewise (legal review 5, D5)
    "private-lending-provisions:25": frozenset({"unlicensed"}),
    "private-lending-provisions:26": frozenset({"unlicensed"}),
}


def binds(article_id: str, lender_type: str | None) -> bool:
    """Whether an article can bind this lender (True when the lender type is unknown)."""
    if lender_type is None or lender_type == "unknown":
        return True
    for prefix, lenders in LENDER_SCOPE.items():
        if article_id.startswith(prefix):
            return lender_type in lenders
    return True
PSPL_2025_IN_FORCE = date(2026, 1, 1)


def era_of(day: date | None) -> str:
    return "2012" if day is not None and day < PSPL_2025_IN_FORCE else "2025"


@lru_cache(maxsize=1)
def _corpus():
    from xiezhi.law import get_corpus

    return get_corpus()


@lru_cache(maxsize=64)
def _article_json(article_id: str) -> dict[str, Any]:
    corpus = _corpus()
    return dict(corpus.article_json(corpus.article(article_id)))


def citation_ids(spec: CategorySpec, first: tuple[str, ...], era: str) -> list[str]:
    """Article ids for a finding of this category: the rule's own article first, then the category's general
    basis (headings without rules of their own). A finding without a rule of its own (metadata, history, `also`,
    implied, model) cites the general basis only: every heading of the category would attach other rules'
    articles (刑法245 非法侵入住宅 to a night visit, 刑法293-1 to a debt that is not illegal; legal review 2, D9)."""
    ordered: list[str] = []
    by_id = {c.id: c for c in spec.citations}
    rest = [c.id for c in spec.citations if not c.has_rules]
    if not first and not rest and spec.citations:
        rest = [spec.citations[0].id]  # no general basis (forced_borrowing): the category's first article
    for cid in (*first, *rest):
        c = by_id.get(cid)
        if c is None:
            continue
        chosen = c.id
        if era == "2012" and c.id.startswith(PSPL_2025):
            if not c.old_id:
                continue  # new in the 2025 text: no counterpart for earlier acts
            chosen = c.old_id
        if chosen not in ordered:
            ordered.append(chosen)
    return ordered


@lru_cache(maxsize=512)
def _citations(category: str, first: tuple[str, ...], era: str,
               not_yet: frozenset[str] = frozenset()) -> tuple[dict[str, Any], ...]:
    spec = load_categories()[category]
    out: list[dict[str, Any]] = [_article_json(cid) for cid in citation_ids(spec, first, era)]
    out.extend({"name": i.name, "status": i.status} for i in spec.instruments if i.name not in not_yet)
    return tuple(out)


def citations_for(category: str, first: tuple[str, ...] = (), day: date | None = None,
                  lender_type: str | None = None) -> list[dict[str, Any]]:
    """`lender_type` (optional): drop articles of instruments that bind other lenders (LENDER_SCOPE)."""
    not_yet: frozenset[str] = frozenset()
    if day is not None:
        not_yet = frozenset(i.name for i in load_categories()[category].instruments if i.since and day < i.since)
    out = _citations(category, first, era_of(day), not_yet)  # shared dicts: treat as read-only
    if lender_type is None or lender_type == "unknown":
        return list(out)
    return [c for c in out if "id" not in c or binds(c["id"], lender_type)]


def all_citation_ids() -> list[str]:
    """Every article id the rules can cite (both 治安 texts), for the data test."""
    ids: list[str] = []
    for spec in load_categories().values():
        for c in spec.citations:
            ids.append(c.id)
            if c.old_id:
                ids.append(c.old_id)
    return ids
