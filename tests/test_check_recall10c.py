"""Recall by construction, ninth session (helper "recall10c"): the contact, data and conduct categories, read from the
misses of check_test8, check_dev32 and check_dev33 (annotators 38-40) and the same categories' errors on the older
read sets. Only constructions that recur across at least three annotators became rules; each pair below was written
for this file in wording of its own (not copied from any set): the unlawful case must get the category, its lawful twin
(advice between friends, a consented contact, a borrower's worry, a negation, a friend's visit) must not.

- Going to "have a chat" with the debtor's relatives, boss or teachers (`third_party_contact.md`,
  `tp-talk-to-circle-slots`): a marker of a later act, the debtor's own person, a talk verb in any register.
- The borrower's fear after the collector's reported threat takes nothing back (`tp-reported-threat-first-person`);
  a fear put before the report (怕催收说…) is still a worry.
- The collector telling the debtor it has already reached his relatives (`tp-contact-done-told`); a contact made with
  the debtor's written consent to ask for a call back is not this.
- The person's photos, selfies or chat records delivered to people of his circle (`privacy_exposure.md`,
  `pe-material-to-circle`), verb first or from the audience's side; not a photo a friend passes on, not the data sent
  to the lender's own customer service.
- A public display with the debt on it, announced (`debt_disclosure.md`, `dd-display-threatened`).
- The collector's people announced as coming with a time word (`unlawful_visit.md`, `uv-crew-coming-slots`).
- The relatives' or boss's number said to be in hand (`tp-circle-number-held`); a fake court's deposit paid into the
  account it names, verb first (`illegal_fee.md`, `if-designated-account`).
- Not a visit: a notified visit promising not to enter, data "sent to" (发晒去) a company group, a call to the front
  desk, a borrower asking how a visit would be done.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
RELATIVE = {"recipient_role": "address_book_contact"}

PAIRS = [
    # a chat with the debtor's uncle-in-law threatened; a friend's advice to talk to the same uncle
    ("third_party_contact", DEBTOR, "你要是实在周转不开，你可以先跟你姑父聊聊，看他能不能帮你想想办法。",
     "钱再不还，下礼拜我们就去你老家找你姑父好好聊聊。"),
    # Cantonese: a talk with the father threatened; a friend telling him to chat with his father
    ("third_party_contact", DEBTOR, "你老豆话好挂住你，得闲返屋企同你老豆倾下偈啦。",
     "仲唔还钱，听日我哋就上去同你老豆倾下，睇下佢点讲。"),
    # the collector's reported threat, then the borrower's fear; a fear of what the collector might say
    ("third_party_contact", DEBTOR, "我怕催收说要打电话给我班主任，要不要先跟老师打个招呼？",
     "催收说再不还就打电话给我班主任，我真的好怕。"),
    # a contact already made, told by the collector; a contact made with written consent to ask for a call back
    ("third_party_contact", DEBTOR, "经您本人书面同意，我们已联系您的姐姐，仅请她转告您回电，未透露任何借款信息。",
     "我们刚才已经打电话给你姐姐了，你欠的钱她说会转告你。"),
    # selfies to be sent to an ex and colleagues; a friend passing on holiday photos to the mother
    ("privacy_exposure", DEBTOR, "你上次出去玩的照片我发给你妈了，她说拍得真好看。",
     "你那些自拍我们都存着，再拖就给你前男友和你同事每人发一份。"),
    # chat records that the husband would receive; the husband who received a photo and wants a reply
    ("privacy_exposure", DEBTOR, "你老公说他收到你的照片了，一直夸你好看呢，快回他消息。",
     "别逼我，你老公要是收到你那些聊天记录，你猜他会怎么想？"),
    # leaflets with the debt announced; a lender's promise that no banner will be hung
    ("debt_disclosure", DEBTOR, "我们不会在你家门口拉横幅，也不会写你欠钱的事，请放心按计划还款。",
     "下个礼拜还不上，我们就印一百张传单，写上你欠钱不还，在你们小区里发。"),
    # the relatives' numbers held, said as a threat; a friend who has the mother's number and passes on her worry
    ("third_party_contact", DEBTOR, "你妈的电话我也有，她让我跟你说注意身体，有空回家吃饭。",
     "别以为拉黑就完了，你舅舅和你老丈人的电话我们都有，自己掂量。"),
    # a fake court's deposit paid verb first into its account; a genuine notice pointing to the court's own channel
    ("illegal_fee", DEBTOR, "本院提醒：执行款请通过本院执行款专户或官方渠道缴纳，任何个人要求转账均系诈骗。",
     "我是区法院执行局的，你今天先交3000元保证金到我们指定的账户，案子就先不往下走。"),
    # the crew announced for the weekend; friends coming over at the weekend to help with a move
    ("unlawful_visit", DEBTOR, "周末我们的人过来帮你搬家，你在家等着就行。",
     "账拖了三个月了，周末我们的人就过来找你，你最好在家。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), PAIRS)
def test_recall_construction(category: str, meta: dict[str, str], lawful: str, unlawful: str, model: object) -> None:
    """The unlawful wording gets the category, its lawful twin does not (rules alone and the full engine)."""
    assert category not in analyze(lawful, meta, model=model).labels
    # the full engine's corroboration policy may veto a single new rule the classifier scores low (privacy 0.1,
    # visits 0.25: docs/check.md); the rules alone must find it, and the full engine must never add the lawful twin
    if model is False or category not in ("privacy_exposure", "unlawful_visit"):
        assert category in analyze(unlawful, meta, model=model).labels


LAWFUL_OR_OTHER = [
    # a notified daytime visit by two people who promise not to enter the office
    ("unlawful_visit", DEBTOR, "明天上午十点，我们的同事会到你单位楼下，两个人，不会进入你的办公区域，只请你下楼谈十分钟。"),
    # Cantonese 发晒去 sends the data to a group: disclosure, not a visit
    ("unlawful_visit", DEBTOR, "你唔还，我哋就将你嘅资料发晒去你公司个群组。"),
    # a call to the company's front desk is a call
    ("unlawful_visit", DEBTOR, "催收给我们公司前台打电话找我，说我欠了钱没还。"),
    # a borrower asking how a visit would be done reports no threat
    ("unlawful_visit", DEBTOR, "请问你们上门的话需要提前预约吗？家里有小孩。"),
    # a debt screenshot sent to the family tells the debt, it exposes no private data
    ("privacy_exposure", DEBTOR, "再不还，你通讯录里的家人都会收到你的欠款截图。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "text"), LAWFUL_OR_OTHER)
def test_not_this_category(category: str, meta: dict[str, str], text: str, model: object) -> None:
    """Wrong labels in the contact and conduct categories, each the principle that makes the label wrong."""
    assert category not in analyze(text, meta, model=model).labels


def test_relative_told_is_still_contact() -> None:
    """A relative's own account of the collector's call stays contact (the metadata decides, convention 4)."""
    r = analyze("催收今天又打给我，说我表弟欠他们钱，让我劝他赶紧还。", RELATIVE)
    assert "third_party_contact" in r.labels
