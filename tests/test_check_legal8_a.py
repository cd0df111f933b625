"""Legal review 8's fixes for the engine11, recall11c and precision11 rules (helper "legalfix11a", tenth session).

Each pair: the review's wrong output made right (the unlawful line gets the category) and the case the rule's exception
was written for (the lawful line stays without it). Rules only (`model=False`): the defects are in the rule data, and the
model's veto must not hide them.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

META = {"sent_at": "2026-03-01T10:00"}

PAIRS = [
    # D8: the collector's own "我先去…" is no borrower's plan; the borrower's "我先去跟我哥借点" is
    ("forced_borrowing", "这两天我先去跟我哥借点，月底还上。",
     "我先去给你发个链接，你去那个平台借一笔把我们的平了。"),
    ("forced_borrowing", "我这个月工资还没发，这两天我先去跟我哥借点，月底一定把欠款还上。",
     "你先去XX借一笔，我先去帮你问问额度，今天必须平账。"),
    # D9: how an edited portrait arrived says nothing about its spreading; the bare black-and-white photo mailed to
    # the person himself reaches nobody else
    ("privacy_exposure", "今天收到一个快递，里面是一张我的黑白照片，没有别的字。",
     "收到一个快递，里面是我的P图遗照，说下次就发给我所有亲戚朋友。"),
    ("insult_defamation", "今天收到一个快递，里面是我的一张黑白照片，没有别的字，我很害怕。",
     "他们把P成通缉令的我的照片寄给我，还说已经贴到我们村口了。"),
    # D7: a summons mailed to the registered address is lawful service (民事诉讼法第九十一条); a sham paper still is not
    ("impersonation", "法院的传票已经用快递寄到你户籍地，请注意查收。",
     "我收到一个快递，里面是法院的传票，但寄件人是一个科技公司，让我扫码交诉讼费。"),
    # D10: "不要跟我说没钱" is the collector's own pressure; a lender telling the borrower not to borrow is lawful
    ("forced_borrowing", "没钱也不要去借网贷，今天还不上可以和我们协商。",
     "没钱就去借，去跟你同事借啊，不要跟我说没钱，今天必须还上。"),
    ("forced_borrowing", "我们不会让你去借钱还款，可以申请延期还款。",
     "你去借啊，我不管你找谁借，不会借就去网上撸，今天必须把钱还了。"),
    # D11: "不会少你一分", "你不会以为…", "这不是诈骗" are the demand itself; the lender's denial or an anti-fraud warning
    ("illegal_fee", "外访的车费住宿费由我司承担，不会让你出一分钱。",
     "我们跑了三趟，来回车费住宿费都算你头上，不会少你一分，今天一起结清。"),
    ("illegal_fee", "借条写的一万，实际只给了六千，我们按实际借款数额计算，不会多要。",
     "写了一万的借条实际只给了六千，你不会以为能只还六千吧，一万二一分不能少。"),
    ("illegal_fee", "凡是要求先交恢复金才能还款的都是诈骗，请通过官方渠道还款。",
     "需先缴纳300元信用恢复金才能恢复还款，这不是诈骗，是平台规定。"),
    # D12: "法院都管不了你" is the taunt, not the court's publication of a 失信被执行人
    ("debt_disclosure", "你要是不还，等法院把你列为失信被执行人，你就在网上出名了。",
     "不还钱就让你在村里出大名，法院都管不了你。"),
    ("debt_disclosure", "我们不会让你在村里出名的，这事只跟你本人谈。",
     "再不还，让你在你们公司出个大名，你去法院告我们也没用。"),
    # brief: a phone call to the workplace is no visit; a collector who came to the workplace to shout is
    ("unlawful_visit", "催收打电话到我公司骂了我一顿",
     "催收到我公司骂了我一顿。"),
]


@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_legal8_pair(category: str, lawful: str, unlawful: str) -> None:
    assert category not in analyze(lawful, META, model=False).labels
    assert category in analyze(unlawful, META, model=False).labels
