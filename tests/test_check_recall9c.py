"""Recall by construction, eighth session (helper "recall9c"): the contact, data and conduct categories, read from the
misses of check_test7, check_dev30 and check_dev31 (annotators 35-37) and the same categories' errors on the older
read sets; README-check convention 20 (village committees, the child's school, 让你出名) implemented for them. Each
pair was written for this file in wording of its own (not copied from any set): the unlawful case must get the
category, its lawful twin (care between friends, a true lawful next step, a borrower's worry, a warning against scams,
a negation) must not.

- A demand passed through a third party tells the debt (`debt_disclosure.md`, `dd-demand-relayed`): a relative,
  colleague or stranger asked to pass on or urge a repayment, or to pay or advance it; not a guarantor, not a request
  to call back, not the third party's own refusal.
- Village and residents' committees, 村支书, 社区, 物业, the landlord are third parties (convention 20;
  `dd-local-officials-told`): telling them, or announcing a notice posted or broadcast there, discloses the debt.
- Not done: "让你在老家出名" as a threatened disclosure (convention 20's last bullet). The read sets gold it 5 to 8
  against and the yardstick's dev25 lost two disclosure labels' precision to it (0.845 -> 0.842), so the rule was
  dropped and the question handed back to the lead.
- Where a person lives or how to reach him, put in a public post (`privacy_exposure.md`, `pe-identifiers-posted`:
  unit and house numbers, a phone number), or data pushed to a board or online (`pe-data-pushed-public`).
- The debtor's matter told to a named person (`dd-told-named-party`: 跟你们HR聊了聊你的情况, 把你的情况反映给纪委), a third
  party asked when the debtor will repay or told the callers collect (`dd-debt-asked-of-third-party`).
- The debt's record (screenshot, contract, bill) sent to someone other than the debtor (`dd-debt-record-sent`), and
  "your matter" (你的情况, 这笔账) posted to a group (`dd-public-posting`'s debt words).
- Southern words for the debtor's home or shop after a verb of coming (`unlawful_visit.md`, `uv-dialect-premises`:
  厝, 铺头, 档口, 喺你屋企门口); the crew said to be at the home's or workplace's door in words
  `uv-arrival-announced` did not know (`uv-presence-at-premises`: 俺们这边已经有人, 外访员, 厂子, 门卫).
- Not a visit: a call to the home (打电话到我家座机, 电话打到她家), a letter mailed to an address found, talking to the
  child's teachers at school (convention 20).
- Not a collection fee: the fee of a third party's relief offer (`illegal_fee.md`: 协商到只还本金, 办理减免), a friend's
  card cash-out fee or a QR code to a loan app pushed on the debtor (the push to borrow).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
RELATIVE = {"recipient_role": "address_book_contact"}
SPOUSE = {"recipient_role": "spouse"}
PUBLIC = {"recipient_role": "public"}
GUARANTOR = {"recipient_role": "guarantor"}

PAIRS = [
    # a cousin asked to pass on a repayment; the same cousin asked only to have the debtor call back
    ("debt_disclosure", RELATIVE, "您好，麻烦您转告刘某，让他方便时回个电话给我们，谢谢。",
     "您好，麻烦您转告刘某，让他这周之内把钱还上，别再拖了。"),
    # a wife pressed to advance the money; a wife asked nothing (a locating call that names no debt)
    ("debt_disclosure", SPOUSE, "请问您知道周先生最近换号码了吗？我们有事找他，请他回个电话。",
     "周先生一直联系不上，要不您先帮他把这笔垫上，回头你们夫妻再算。"),
    # a friend tells the debtor kindly; the debt relayed by the collector (the recipient's own report)
    ("debt_disclosure", RELATIVE, "老同学，听说你最近手头紧，要不要我先借你点周转？不用急着还。",
     "有个催收打给我，问我是不是你发小，叫我劝劝你赶紧还钱，我都懵了。"),
    # the village secretary told of the debt; a borrower who plans to ask the village committee for a hardship letter
    ("debt_disclosure", DEBTOR, "我想去村委会开个困难证明，拿给平台申请延期还款，需要带什么材料？",
     "你这笔账我们已经跟你们村书记讲了，他说过两天找你爹谈。"),
    # a notice broadcast in the village announced; a notice that the collector will not involve the village
    ("debt_disclosure", DEBTOR, "您好，我司只与您本人沟通还款，不会通知村委会或您的家人，请放心。",
     "再装死，下礼拜就去你们村部门口贴张告示，让乡亲们都评评理。"),
    # the landlord and the property office told; the debtor's own landlord asking about the rent
    ("debt_disclosure", DEBTOR, "小王，这个月房租记得月底前转我，水电表我拍了照发你。",
     "你欠钱的事我们已经反映给你们小区物业和房东了，你看着办。"),
    # a unit number and phone in a group post; the same estate's repair notice in the owners' group
    ("privacy_exposure", PUBLIC, "【物业】各位业主：8栋2单元明早九点停水检修，预计中午恢复，请提前储水。",
     "【小区群】8栋2单元1602的那个姓蔡的，借钱不还躲了半年，手机1390000xxxx，大家看见他让他赶紧还钱。"),
    # data pushed to a public board threatened; a lender that promises the data stays private
    ("privacy_exposure", DEBTOR, "您的个人信息仅用于贷后服务，我司不会推送至任何第三方或公开渠道。",
     "月底前再不处理，你的身份证和照片就推送到你们街道的公告栏上。"),
    # the debtor's matter told to the employer's HR; a borrower who told his own manager and asks what to do next
    ("debt_disclosure", DEBTOR, "我主动跟我们主管说了我在还网贷的事，他说理解，我接下来该怎么跟平台谈分期？",
     "上午我们的人已经跟你们厂人事讲过了你的情况，你自己看着办。"),
    # a colleague asked when the debtor will repay; the same colleague asked only to have him call back
    ("debt_disclosure", {"recipient_role": "employer_or_colleague"},
     "您好，我们有事找小陈，麻烦您让他有空回个电话，谢谢。",
     "你是小陈的同事吧？你帮我问问他，欠我们的钱到底哪天能还？"),
    # the debt's record sent to an ex-partner; the same record sent to the borrower for checking
    ("debt_disclosure", DEBTOR, "您好，您要的借款合同和还款明细我们已经整理好，今天下午发到您邮箱，请核对。",
     "催收把我的借款合同和逾期账单截图都发给了我前女友，我们早就没联系了。"),
    # "your matter" posted to the family group; a family group used for a birthday
    ("debt_disclosure", DEBTOR, "下周六是奶奶八十大寿，我把饭店地址发到家族群了，你记得带孩子来。",
     "再装死，就把你这笔账的情况发到你们家族群，让长辈们都评评理。"),
    # the crew at the factory gate; two identified staff who arranged to meet downstairs in a café
    ("unlawful_visit", DEBTOR, "王师傅您好，按昨天电话里约好的，我们两个人现在在您厂子门口的咖啡店，工作证带着，您方便的话过来聊十分钟。",
     "别躲了，我们兄弟伙这会儿就在你厂子门口，今天你出不出来都得给个说法。"),
    # a Minnan visit to the home threatened; a Minnan friend inviting himself for tea
    ("unlawful_visit", DEBTOR, "阿明，明仔载我去你厝泡茶，顺绳共你讲彼个生理。",
     "钱若无还，阮的人明仔载就去你厝，看汝欲按怎。"),
    # a Cantonese shop threatened; a Cantonese customer promising to come and buy
    ("unlawful_visit", DEBTOR, "老板，听日我过嚟你间铺头帮衬，记得留两斤虾俾我。",
     "仲唔还？听日我哋几个过嚟你间铺头，睇下你仲做唔做到生意。"),
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


def test_guarantor_urged_within_the_guarantee_is_lawful() -> None:
    """A guarantor is no third party: urging the borrower through the guarantor discloses nothing (convention 7)."""
    r = analyze("您作为借款人王某的连带责任保证人，请督促其尽快还款或在保证范围内履行保证责任。", GUARANTOR)
    assert "debt_disclosure" not in r.labels


LAWFUL_OR_OTHER = [
    # a call to the home landline is phone contact, no visit
    ("unlawful_visit", RELATIVE, "今天有人打电话到我家座机，说我闺女欠了他们的钱，叫我们替她还，不还就天天打。"),
    # going to the child's school is intimidation and contact, not a visit (convention 20)
    ("unlawful_visit", DEBTOR, "再拖着不还，我们就去你女儿学校找她班主任聊聊。"),
    # the third party refusing to pay does not disclose anything by its own words
    ("debt_disclosure", RELATIVE, "我是他表叔，你们别再打来了，我哪有钱替他还，再打我报警。"),
    # an address found and a letter mailed there is no visit
    ("unlawful_visit", DEBTOR, "你老家的地址我们已经查到了，这周会寄一封催款函过去，你自己掂量。"),
    # a call to an aunt's home, however loud, is a call
    ("unlawful_visit", RELATIVE, "他们把电话打到我姑妈家，在电话里冲她嚷嚷说我欠钱不还，老人家吓坏了。"),
    # a QR code to a loan app is the push to borrow, not a payee
    ("illegal_fee", DEBTOR, "没钱就扫这个码借出来，下款很快，借到了先把我们这笔结了。"),
    # a relief scam's membership fee is the scam, not a collection fee
    ("illegal_fee", DEBTOR, "我们中心可以帮你跟所有网贷平台协商，只还本金，先交会员费399元就给你办理。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "text"), LAWFUL_OR_OTHER)
def test_not_this_category(category: str, meta: dict[str, str], text: str, model: object) -> None:
    """Wrong labels in the contact and conduct categories, each the principle that makes the label wrong."""
    assert category not in analyze(text, meta, model=model).labels
