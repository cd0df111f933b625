"""Recall by construction, tenth session (helper "recall11c"): the contact, data and conduct categories, read from the
misses of check_test9, check_dev36 and check_dev37 (annotators 41, 45, 46) and the same categories' errors on the
older read sets. Each pair was written for this file in wording of its own (not copied from any set): the unlawful
case must get the category, its lawful twin (a negation, a borrower's worry, a court's own step, a licensed lender's
stated fee, something said between friends) must not.

- The circle shown "what kind of person" the debtor is tells the debt (`debt_disclosure.md`,
  `dd-threat-show-character`: 看看/瞅瞅/知道知道/评评理 × 啥人/什么货色/什么玩意/咩料); not the person's photos shown
  (privacy_exposure), not the debtor himself told.
- "让你出名 / 火一把" is a threatened disclosure (convention 20; `dd-threat-fame`); not the court's publication of a
  失信被执行人, not an edited image made famous (privacy and insult), not a denial.
- Fees (`illegal_fee.md`): the collectors' travel put on the debtor (`if-travel-costs-charged`: 车费, 油费, 住宿费,
  跑腿的费用, 上门一次 + a sum), an IOU written above the money received (`if-inflated-iou`, 民法典670), a fee made the
  condition of repaying (`if-fee-to-repay`: 恢复金, 会员 … 方可还款), the money to a person's account
  (`if-named-person-account`: 执行员的账户, 我给你的账户, a 户名 that is a person's name); not costs the lender bears,
  not a company's own account, not a relief scam's membership.
- Village and residents' committees threatened with contact (convention 20; `tp-notify-circle-slots` lexicon): 村委会,
  居委会, 村书记; not a committee's mediation, not a sham procedure (备案, 执行公告).
- The bare order to borrow (`forced_borrowing.md`, `fb-go-borrow-imperative`: 没钱就去借, 你去跟你同事借啊); not the
  borrower's own plan, not a thing lent.
- The data sent must be the person's data (`pe-data-send-threat`): not 接电话 (an act), not the address book as the
  audience, not a video made of the debt.
- A portrait or ID photo sent to the person himself reaches nobody else (`privacy_exposure.md`: pe-edited-images,
  pe-id-photo exceptions).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}

PAIRS = [
    # the father-in-law shown what his son-in-law is; a collector promising the family will hear nothing
    ("debt_disclosure", DEBTOR, "您放心，这笔账我们只跟您本人沟通，不会让您岳父岳母知道您借钱的事。",
     "下周还不上，我们就去你岳父家坐坐，让老爷子瞧瞧他女婿是个什么货色。"),
    # the workshop shown the debtor's character; a foreman praising a worker to the workshop
    ("debt_disclosure", DEBTOR, "小赵这个月表现不错，车间主任说要让大家都看看他是怎么把次品率降下来的。",
     "拖到月底是吧？我们去你车间转一圈，让你那些工友都见识见识你是啥人。"),
    # the village "出名" threat; a friend congratulating the debtor on a video that went viral
    ("debt_disclosure", DEBTOR, "兄弟，你拍的那条种橘子的视频上热门了，这下在咱们镇上可出名了！",
     "欠着不还还拉黑？行，过两天就让你在你们镇上出个大名。"),
    # "不想…出名" as a condition; a court's lawful publication of the list of dishonest judgment debtors
    ("debt_disclosure", DEBTOR,
     "判决生效后仍不履行的，人民法院可以依法将被执行人纳入失信被执行人名单，并通过媒体公布。",
     "你不想在你闺女学校里出名的话，今天就把欠的钱结了。"),
    # the crew's fuel and tolls put on the debtor; a licensed lender that bears its own visit costs
    ("illegal_fee", DEBTOR, "您好，我司外访人员的交通住宿费用均由公司承担，不会向您收取任何额外费用，请通过App还款。",
     "这趟来回的油费过路费你得出，一千块，跟欠款一起打过来，不然我们还得再跑一趟。"),
    # an IOU written above the money received; an IOU that matches what was received, asked about by the borrower
    ("illegal_fee", DEBTOR, "借条写的八千，钱我也全部收到了，按合同约定的利率还是不是就没问题？",
     "他们让我签了一张一万二的借条，实际到手才九千，现在天天按一万二催我。"),
    # a fee made the condition of repaying; a lender's free extension
    ("illegal_fee", DEBTOR, "您可以在App内申请延期还款一次，审核通过即可，无需缴纳任何费用。",
     "系统显示您的账户已锁定，需先缴纳288元账户激活费后方可恢复还款。"),
    # the debt to an account in a person's name; the lender's own account in its company name
    ("illegal_fee", DEBTOR, "请通过App或我司对公账户还款（户名：恒信小额贷款有限公司），转账请备注借款编号。",
     "欠款今天转到这个账户：6222 xxxx xxxx 5521，户名 赵某，转完截图发我。"),
    # the village committee threatened with a letter; a committee inviting both sides to mediation (convention 20)
    ("third_party_contact", DEBTOR, "您好，村委会人民调解委员会定于本周六上午请您和平台双方到村部调解借款纠纷。",
     "这个月再拖着，我们就给你们居委会发函，让他们上门做做你的工作。"),
    # the bare order to borrow; a borrower's own plan to borrow from his brother
    ("forced_borrowing", DEBTOR, "我这个月工资还没发，这两天我先去跟我哥借点，月底一定把欠款还上。",
     "没钱就去找你那些朋友借啊，今晚十二点前我必须看到钱。"),
    # a portrait mailed to the person himself; the portrait threatened to his relatives (kept)
    ("privacy_exposure", DEBTOR, "今天收到一个快递，里面是我的一张黑白照片，没有别的字，我该报警吗？",
     "再不还，就把你P成黑白遗照发给你所有亲戚。"),
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
    # the person's own ID photo sent to him to confirm who he is exposes nothing
    ("privacy_exposure", DEBTOR, "客服发来我的身份证照片让我确认是不是本人，这样正常吗？"),
    # an edited image made famous is privacy and insult, not the debt told (precision7)
    ("debt_disclosure", DEBTOR, "再不还就把你的脸P到那种图上发抖音，让你火一把。"),
    # photos shown to the girlfriend are privacy, not the debt
    ("debt_disclosure", DEBTOR, "不还钱是吧，我把你那些自拍发给你对象，让她看看你是什么人。"),
    # the debt sent after "not answering the phone" is no personal data sent (接电话 is the act, not a phone number)
    ("privacy_exposure", DEBTOR, "你再不接电话，我就把你欠钱的事发给你所有微信好友。"),
    # the address book as the audience of a message about the debt is no address book exposed
    ("privacy_exposure", DEBTOR, "再拖一天，你通讯录里两百多个人每人都会收到一条短信，告诉他们你欠钱不还。"),
    # the debtor himself told what the collectors are: menace, no disclosure
    ("debt_disclosure", DEBTOR, "别以为我们好说话，再拖下去就让你见识见识我们是什么人。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "text"), LAWFUL_OR_OTHER)
def test_not_this_category(category: str, meta: dict[str, str], text: str, model: object) -> None:
    """Wrong labels in the contact and conduct categories, each the principle that makes the label wrong."""
    assert category not in analyze(text, meta, model=model).labels
