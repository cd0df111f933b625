"""Legal rules that every shipped card must keep (found by the fourth session's card reviews).

Cards are static text: nothing switches the 治安管理处罚法 version by the date of the conduct, and nothing
knows that a 2011 credit-card fee was later abolished. So the card text itself has to say it, and these
tests check that it does.
"""

from __future__ import annotations

import re

import pytest

from xiezhi.kb import Card, load_cards

SECURITY_2025 = "public-security-punishments-law:"
SECURITY_2012 = "public-security-punishments-law-2012:"
#: 2025 article -> the 2012 article for the same conduct (acts before 2026-01-01); None: new in 2025.
COUNTERPART_2012: dict[str, str | None] = {
    "26": "23",  # 扰乱单位、公共场所秩序
    "30": "26",  # 寻衅滋事
    "47": "40",  # 非法限制人身自由、非法侵入住宅
    "50": "42",  # 威胁、侮辱诽谤、多次发送信息、散布隐私
    "51": "43",  # 殴打、伤害
    "56": None,  # 出售、提供、非法获取个人信息
    "58": "49",  # 诈骗、敲诈勒索
    "59": "49",  # 故意损毁公私财物
    "62": "51",  # 冒充国家机关工作人员招摇撞骗
    "63": "52",  # 伪造、买卖、使用伪造的公文证件印章
    "80": "68",  # 传播淫秽信息
}
#: Procedure follows the date the police act, not the date of the conduct (90); the six-month bar (25) has the
#: same words as the 2012 text's 22, so citing either tells the reader the same thing.
PROCEDURAL = {"25", "90"}
#: How a card says that a 2025 article has no 2012 counterpart.
_SAYS_NEW = re.compile(r"新增|没有与第[^。]*对应|没有对应")

CARDS, _ = load_cards()


def _text(card: Card) -> str:
    return "\n".join([card.title, card.conclusion, *card.steps, *card.see_lawyer_when, card.analysis])


def _security_2025(card: Card) -> list[str]:
    return [c.split(":", 1)[1] for c in card.citations
            if c.startswith(SECURITY_2025) and c.split(":", 1)[1] not in PROCEDURAL]


@pytest.mark.parametrize("card", [c for c in CARDS if _security_2025(c)],
                         ids=lambda c: c.id)
def test_security_law_card_gives_the_2012_text_for_earlier_acts(card: Card) -> None:
    """A 2025 治安 article (in force 2026-01-01) comes with its 2012 counterpart, or says it is new."""
    text = _text(card)
    for number in _security_2025(card):
        assert number in COUNTERPART_2012, (
            f"{card.id}: 治安管理处罚法第{number}条 (2025) has no entry in COUNTERPART_2012; "
            "read both texts and add its 2012 counterpart, or None if the 2025 revision added it")
        old = COUNTERPART_2012[number]
        if old is None:
            assert _SAYS_NEW.search(text) and "2026" in text, (
                f"{card.id}: 第{number}条 is new in the 2025 text: say so (新增) and that it applies from 2026")
        else:
            assert f"{SECURITY_2012}{old}" in card.citations, (
                f"{card.id}: cites 2025 第{number}条 without the 2012 text's 第{old}条 for acts before 2026-01-01")
            assert "2012年" in text, f"{card.id}: the 2012 text is cited but the card never says when it applies"


@pytest.mark.parametrize("card", [c for c in CARDS if "禁止接触" in _text(c)],
                         ids=lambda c: c.id)
def test_no_contact_order_is_dated(card: Card) -> None:
    """第五十条第二款's 禁止接触 order is new in the 2025 text: no card may offer it without the date."""
    assert "2026" in _text(card), f"{card.id}: offers 禁止接触 without saying it applies from 2026-01-01"


_ABOLISHED_FEE = re.compile("超限费|滞纳金")


@pytest.mark.parametrize(
    "card",
    [c for c in CARDS if _ABOLISHED_FEE.search(_text(c))
     and any(x.startswith("credit-card-supervision-measures:") for x in c.citations)],
    ids=lambda c: c.id)
def test_abolished_credit_card_fees_are_dated(card: Card) -> None:
    """The 2011 measures still name 超限费 and 滞纳金; both were abolished from 2017 (银发〔2016〕111号)."""
    assert "2017" in _text(card), f"{card.id}: quotes 超限费/滞纳金 from the 2011 measures without saying they were abolished"
