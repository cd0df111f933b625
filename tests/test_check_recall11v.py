"""Threat, tone and identity categories on the ninth session's fresh wording (helper "recall11v", tenth session).

test9, dev36 and dev37 (annotators 41, 45, 46; nobody had tuned on them) were read for the errors of violence_threat,
intimidation, insult_defamation, false_legal_threat and impersonation; a construction became a rule only where the read
sets gold it the same way across three or more annotators (id letters), written as slots with lexicons wider than the
lines read. Every pair below is in wording of its own (no development line holds it): the unlawful line must get the
category, its lawful twin (a reminder schedule, care between friends, a warning against scams, a court's true order, the
writer's own accident, an everyday use of the same words) must not.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # endless contact on a condition (in-daily-contact-condition); a reminder schedule or a friend's worry is none
    ("intimidation", "这笔钱再拖下去的话，我们只能天天上你们厂里找你了",
     "你要是白天不方便接电话的话，我们每天晚上七点前发短信提醒你还款日"),
    ("intimidation", "月底前不给个说法，我们就每天轮着打你家里的座机",
     "你不回消息的话我每天都给你打个电话，怕你出事，放心不下"),
    # 打到你…为止 (in-call-until); a denial of the same is none
    ("intimidation", "不接是吧，那就打到你把钱凑齐为止", "放心，我们不会打到你还清为止，按约定一周只联系一次"),
    # a caller styled as the credit bureau who tells what will happen to the record (fl-credit-bureau-caller); a lender's
    # true notice that it reports overdue records, and the bureau's free objection channel, are none
    ("false_legal_threat", "这边是央行征信中心，你的不良记录下周一就上传系统，今天结清我们可以帮你撤回",
     "【某银行】您的信用卡逾期信息将按规定报送人民银行征信中心，如有异议可免费向本行或征信中心提出"),
    # a court or the police claimed and the money asked to a personal channel, then asked about
    # (im-claimed-authority-money); a warning against such calls and a borrower who hung up are none
    ("impersonation", "下午有个人打电话说他是区公安分局的，说我账户涉案，让我把钱转到安全账户核查，这是真的吗",
     "派出所民警提醒：凡是自称公安、法院让你加微信转账到安全账户的，都是诈骗"),
    ("impersonation", "有人自称县法院执行局的，让我加他微信把欠款转给他就能撤案，是不是骗子",
     "法院提醒：法院不会让当事人加微信或向个人账户转账，凡是自称法官要求加微信转账的都是诈骗"),
    # property said to be unguarded, to burn well, or doubted to hold (vt-property-unguarded, vt-property-veiled-2,
    # vt-property-doubt-slots); a reminder to lock up, a fire hazard pointed out, a fitter's question are none
    ("violence_threat", "你家那个仓库的货晚上没人看着吧，钱的事你好好想想", "店里晚上没人看着，记得锁好门再走"),
    ("violence_threat", "你那辆车停在院子里，钱再不还，哪天烧起来可就热闹了", "你家的柴火堆离房子太近了，夏天容易烧起来，挪一挪吧"),
    ("violence_threat", "你老爸那个铺子的门结不结实，还钱的事再拖我们就去试试", "装修师傅问你家那门锁结实不结实，要不要换个新的"),
    # prison announced for a default (fl-prison-awaits); a lawyer's denial is none
    ("false_legal_threat", "欠了这么久还不还，等着吃牢饭吧", "律师说欠钱不还不会等着坐牢，是民事纠纷"),
]


@pytest.mark.parametrize(("category", "unlawful", "lawful"), PAIRS, ids=[f"{c}-{i}" for i, (c, _, _) in
                                                                        enumerate(PAIRS)])
def test_construction_and_its_lawful_twin(category: str, unlawful: str, lawful: str) -> None:
    assert category in analyze(unlawful, {}, model=False).labels, unlawful
    assert category not in analyze(lawful, {}, model=False).labels, lawful
    assert category not in analyze(lawful, {}).labels, lawful


COLLEAGUE = {"recipient_role": "employer_or_colleague", "channel": "sms"}


def test_third_party_threatened_with_continued_contact() -> None:
    """In office wording to a third party (in-further-contact-third-party, convention 16); a promise to stop is none."""
    unlawful = "贵司员工李某拖欠我司借款，如贵单位不予协助，我司将继续致电贵单位人事部门"
    lawful = "您好，如您不认识李某，我们将不再继续联系您，打扰了"
    assert "intimidation" in analyze(unlawful, COLLEAGUE, model=False).labels
    assert "intimidation" not in analyze(lawful, COLLEAGUE, model=False).labels
    assert "intimidation" not in analyze(lawful, COLLEAGUE).labels


@pytest.mark.parametrize(("category", "text"), [
    # the court's list after a judgment, told as a condition (fl-blacklist)
    ("false_legal_threat", "平台说会先起诉，判了还不还的话才会上失信名单，这个流程对吗"),
    # Cantonese 佢哋 is the collectors, not a third party pressed to pay (fl-third-party-pay-or-sued)
    ("false_legal_threat", "佢哋話我唔還就會起訴我，係咪真㗎？"),
    # a call schedule is no beating (vt-harm-general)
    ("violence_threat", "上周他们一个小时打你一次电话，你都没接，到底怎么了"),
    # the writer's own accident (vt-family-harm)
    ("violence_threat", "我前年出车祸受伤，收入少了很多，现在逾期了想申请延期还款"),
    # 装死 before 全家 is abuse, no funeral threat (in-funeral-items)
    ("intimidation", "欠钱装死全家都是赖子"),
])
def test_everyday_uses_stay_out(category: str, text: str) -> None:
    assert category not in analyze(text, {}, model=False).labels, text


@pytest.mark.parametrize(("category", "text"), [
    ("false_legal_threat", "明天就把你报上失信名单，让你坐不了高铁"),
    ("violence_threat", "再不还，见你一次打你一次"),
    ("violence_threat", "再拖下去，你家里人出点意外可别怪我们"),
    ("intimidation", "再不还钱，明天就给你家门口摆花圈"),
])
def test_the_unlawful_forms_stay(category: str, text: str) -> None:
    assert category in analyze(text, {}, model=False).labels, text
