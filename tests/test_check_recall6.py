"""Recall and precision by construction, fifth session (helper "recall6"), read off the misses of five new annotators
(check_dev20–dev24) and kept only where check_dev18/19 (summary only) did not get worse and no read set gained a lawful
false positive. Each construction has an unlawful example and a lawful counterpart written for this file.

- A condition followed by going to the debtor's circle (`third_party_contact.md`, `tp-conditional-circle-constructions`):
  再不还就去你单位找领导, 不然就找你爸妈, 叫你孩子的班主任来评评理 — threatened contact, which implies intimidation.
  The village is left out (convention 6: the whole village is the public).
- Asking where a child studies or a parent works as if in passing (`intimidation.md`, `in-family-whereabouts-question`).
- A child's political review said to fail, in other words (`false_legal_threat.md`, `fl-family-exams`: 过不去, 过不到).
- A visitor who will not say which company sent him or has no badge (`unlawful_visit.md`, `uv-procedural-visit`):
  the identification the banking association's 2026 guideline requires of a visit.
- Wrong labels removed: calls that "hit" a phone (打爆, a call log) are no blows; an impostor warning (如有人夜间上门…请
  直接报警) and legal-aid advice are no visit threat; "网上都说…会被爆通讯录" is a fear, not a report.
- Asking where the debtor lives, and the borrower's own fear of going to work, expose no personal data
  (`cues.yaml` `personal_data_asked`, `personal_data_not`).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

DEBTOR = {"recipient_role": "debtor"}
COLLEAGUE = {"recipient_role": "employer_or_colleague"}
CONTACT = {"recipient_role": "emergency_contact"}

PAIRS = [
    # the workplace and the boss after a condition; the lender's own escalation to its legal department
    ("third_party_contact", DEBTOR, "本月底前仍未还款的，我们将转交本公司法务部门处理。",
     "月底前再不还，我们就去你们公司找你老板聊聊你这笔账。"),
    # the parents after a condition; the same condition leading to a lawful step
    ("third_party_contact", DEBTOR, "不处理的话，我们只能依法通过诉讼解决，不会打扰您的家人。",
     "周五前不处理的话，我们就只能联系你爸妈了。"),
    # a child's teacher; a collector promising to keep the school out of it
    ("intimidation", DEBTOR, "您放心，我们不会联系孩子学校，也不会找班主任，只跟您本人沟通。",
     "要不然我们就去找你儿子的班主任，让全班都知道他家是什么情况。"),
    # a child's school asked as if in passing; a hardship question
    ("intimidation", DEBTOR, "您女儿是在外地读大学吗？如果有困难可以申请延期还款。",
     "你女儿是在城南三小读四年级吧？挺乖的一个小姑娘。"),
    # a parent's trade asked as if in passing; a debtor's neighbour asking whether he is home
    ("intimidation", DEBTOR, "你妈在家吗？我给她送点菜。",
     "你爸是不是在菜市场东门摆摊卖水果？钱的事你自己掂量。"),
    # a child's political review, in other words; a lender saying a civil debt does not reach the children
    ("false_legal_threat", DEBTOR, "民间借贷属于民事纠纷，不会影响子女参军政审，请放心协商。",
     "钱不还清，你闺女以后参军政审第一关就过不去。"),
    # a visitor who will not say who sent him; a friend who will not say where he works
    ("unlawful_visit", DEBTOR, "老同学来我家坐了会儿，问他现在在哪个公司上班他也不说，神神秘秘的。",
     "傍晚有个男的来我家门口要钱，问他哪个公司也不说，也没有工牌，站了十几分钟才走。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), PAIRS)
def test_recall_construction(category: str, meta: dict[str, str], lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


def test_conditional_circle_threat_implies_intimidation() -> None:
    r = analyze("月底前再不还，我们就去你们公司找你老板聊聊你这笔账。", DEBTOR, model=False)
    tp = next(f for f in r.findings if f.category == "third_party_contact")
    assert tp.mode == "threatened"
    assert "intimidation" in r.labels


def test_village_is_no_directed_contact() -> None:
    """Convention 6: the whole village is the public (disclosure), not a directed third-party contact."""
    r = analyze("再不还，我就跟你们村里人说你欠钱跑路了。", DEBTOR, model=False)
    assert not any(f.rule_id == "tp-conditional-circle-constructions" for f in r.findings
                   if hasattr(f, "rule_id"))


@pytest.mark.parametrize("text", [
    "同事说催收给他打电话，问我住在哪里，他没告诉。",
    "喂，是他单位人事吗？请配合提供他的住址，我们要寄材料。",
    "催收打到我们公司前台说我欠钱不还，我现在都不敢去上班了。",
])
def test_questions_and_own_fear_expose_no_personal_data(text: str) -> None:
    assert "privacy_exposure" not in analyze(text, COLLEAGUE, model=False).labels


def test_address_sent_to_colleague_is_still_exposure() -> None:
    r = analyze("催收把我的家庭地址和身份证号发给了我同事。", COLLEAGUE, model=False)
    assert "privacy_exposure" in r.labels


# Wrong labels the engine added (precision), each with the true finding it must keep.
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), [
    # calls that "hit" the phone are no blows; a real shove still is
    ("violence_threat", DEBTOR, "一上午被打了二十多次，未接来电全是陌生号码，手机都快被打爆了。",
     "昨天催收在楼下堵我，推了我一把，我摔在台阶上。"),
    # a lender warning of impostors who "visit at night"; a collector announcing a night visit
    ("unlawful_visit", DEBTOR, "本公司从不夜间外访，如有人深夜上门自称本公司员工，请直接报警。",
     "今晚十一点我们上门，你在家等着。"),
    # a borrower repeating what the internet says; a collector threatening the contacts
    ("third_party_contact", DEBTOR, "网上都说逾期了会被爆通讯录，我现在逾期三天，要不要提前跟朋友说一声？",
     "明天中午前不还，就把你欠钱的事发给你通讯录里每一个人。"),
])
def test_added_label_removed(category: str, meta: dict[str, str], lawful: str, unlawful: str) -> None:
    assert category not in analyze(lawful, meta, model=False).labels
    assert category in analyze(unlawful, meta, model=False).labels


@pytest.mark.parametrize("text", [
    "有人在我家门上贴了张纸，拍了照片发给我看，写着还钱。",
    "催收说已经给我户籍所在地的居委会发了函。",
    "我是他姐姐，我妈住院了我顾不上，催收天天打给我问他在哪。",
])
def test_own_photo_office_or_own_parent_is_no_exposure(text: str) -> None:
    assert "privacy_exposure" not in analyze(text, {"recipient_role": "public"}, model=False).labels


def test_photo_sent_to_all_friends_is_still_exposure() -> None:
    r = analyze("他们把我的照片发给我所有同学，说我是骗子。", {"recipient_role": "address_book_contact"}, model=False)
    assert "privacy_exposure" in r.labels
