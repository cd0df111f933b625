"""The domain gate's other-topic layer (xiezhi.search.domain.other_topic_of, data/text/domain.yaml).

Questions that borrow lending words from another seat (lender, collector or loan salesman, lending
business, bank products when nothing is overdue, company debts, bills) are declined; the same words
in a question of a borrower being collected keep the answer.  Examples written for this test, not
taken from any bench set.
"""

from __future__ import annotations

import pytest

from xiezhi.ask import answer
from xiezhi.search.domain import OTHER_TOPIC_SCORE, load_lexicon
from xiezhi.text.normalize import normalize


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("同事找我借了两万块，拖了一年不还，我怎么起诉他", "lender"),
        ("我是出借人，借款人逾期三个月了，能去他单位找他吗", "lender"),
        ("想去一家催收公司当催收员，底薪多少", "job"),
        ("我在贷后岗上班，客户逾期不接电话，我该怎么催才合规", "job"),
        ("开一家网络小贷公司要什么牌照", "business"),
        ("信用卡积分能换话费吗", "banking"),
        ("五年期lpr这个月下调了吗", "banking"),
        ("公积金贷款和商贷的月供差多少", "banking"),
        ("供应商欠我们公司三十万货款", "company"),
        ("宽带欠费会被起诉吗", "bills"),
        ("买基金亏了怎么办", "invest"),
    ],
)
def test_other_topic_questions_are_out_of_domain(question: str, group: str) -> None:
    lex = load_lexicon()
    norm = normalize(question)
    assert lex.other_topic_of(norm) == group
    score, found = lex.score(norm)
    assert score <= OTHER_TOPIC_SCORE and f"≠{group}" in found
    assert not lex.in_domain(norm)
    assert not answer(question, statutes=0).answered


@pytest.mark.parametrize(
    "question",
    [
        # the asker works in collection or at a bank, but owes and is collected
        "我自己在银行做风控，可我的网贷也逾期了，催收天天打我电话",
        "我刚入职两个月，催收打电话到我单位，会不会被辞退",
        # mortgage and card words with an overdue debt
        "房贷逾期两个月，银行催收说要上门",
        "信用卡逾期后被降额了，还能协商分期吗",
        # insurance and investing words inside a loan question
        "借款的时候被搭售了意外险，能退吗",
        "借网贷炒股亏了，现在还不上了",
        # a friend lent to, and the collectors now call the asker
        "朋友借了网贷跑了，催收打电话骂我",
    ],
)
def test_borrower_context_keeps_the_question(question: str) -> None:
    lex = load_lexicon()
    assert lex.other_topic_of(normalize(question)) is None
    assert answer(question, statutes=0).answered


def test_negated_overdue_is_not_borrower_context() -> None:
    # 从没逾期 says nothing is overdue: the card-limit question stays another topic
    assert load_lexicon().other_topic_of(normalize("信用卡从没逾期过，为什么被降额了")) == "banking"
    assert load_lexicon().other_topic_of(normalize("我从来没有逾期过，信用卡为什么被降额")) == "banking"


def test_overdue_bills_and_fines_are_not_loan_questions() -> None:
    lex = load_lexicon()
    assert lex.other_topic_of(normalize("燃气费逾期了会停气吗")) == "bills"
    # ... but an overdue card keeps a card-fee question in
    assert lex.other_topic_of(normalize("信用卡年费没交，逾期以后还收违约金吗")) is None


def test_no_card_title_or_phrasing_is_another_topic() -> None:
    # Every title and phrasing is a borrower's question by construction: a pattern that catches one
    # of them is too broad (等额本息提前还款划算吗, 消费贷流入股市, 第三方催收违规 甲方平台…).
    from xiezhi.search.cards import get_index

    index = get_index()
    caught = [q for c in index.cards.values() for q in (c.title, *c.phrasings)
              if index.lexicon.other_topic_of(index.prepare(q).norm)]
    assert caught == []
