"""Convention 21 (eleventh session, helper "conv21"): a collector who poses as a private person or another business
(the debtor's classmate, friend, colleague or relative, a courier, an HR "背景调查", a survey) to reach the debtor or a
contact, learn an address or workplace, or make a contact pass on a demand, is `impersonation` (README-check
convention 21; 治安管理处罚法 第六十二条第三款). Rules `im-private-pretext-to-contact`, `im-private-pretext-collects`,
`im-courier-pretext`, `im-private-pretext-reported` in `rules/impersonation.md`.

Every pair was written for this file in new wording, not taken from any set: the unlawful half has the pretext in a
collection context; the lawful half is its nearest twin without it (a real friend or courier, a contact reporting what
happened, a guess, an anti-fraud warning, a collector who just does not say who he is).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

CONTACT = {"recipient_role": "address_book_contact"}
WORKPLACE = {"recipient_role": "employer_or_colleague"}
NONE: dict[str, str] = {}

# (lawful text, its metadata, unlawful text, its metadata)
PAIRS = [
    # the collector's own words to a contact: a claimed tie to the debtor while seeking him
    ("老周，我是小陈啊，下周同学聚会你来不来？", NONE,
     "您好，我是陈某的高中同学，好久没联系了，想找他叙叙旧，他现在搬到哪个小区了？", CONTACT),
    ("我是陈某的同事，他手机落在我桌上了，您是他家里人吧，麻烦跟他说一声。", NONE,
     "我是陈某以前的同事，有份材料急着给他，他现在在哪家公司上班您知道吗？", WORKPLACE),
    # the collector does not say who he is: no false identity (convention 21's "not this")
    ("你好，请问孙某还在你们部门吗？麻烦让他回个电话。", WORKPLACE,
     "你好，我是孙某的老乡，家里有点急事找他，麻烦让他回个电话。", WORKPLACE),
    # without metadata: the claim with the debt in the message
    ("我是孙某的朋友，他最近网贷压力大，我们几个想凑点钱先帮他垫上，该找平台哪个部门？", NONE,
     "阿姨，我是你女儿的大学同学……算了跟你直说吧，她在我们这借的钱三个月没还了，你让她赶紧还上。", NONE),
    # a courier opening in a collection message; a real courier notice names no loan
    ("您好，我是中通快递的，您有个到付件运费还欠8块没付，放驿站了，方便时去取。", NONE,
     "您好，我是中通快递的，有您一个文件需要核对一下住址……实话跟你说吧，你在速借花的欠款拖了两个月了。", NONE),
    # a report of the pretext; a guess and a warning are no report
    ("今天有个人打给我妈，自称是我初中同学，我也不知道是谁，会不会是催收？", NONE,
     "催收装成我初中同学给我妈打电话，骗她说出了我现在的住址，第二天就有人来家里要钱。", NONE),
    ("【反诈提醒】近期有不法分子冒充快递员索要住址，请勿轻信。", NONE,
     "他们冒充快递员给我们公司前台打电话，问出了我的工位，下午就带人来单位催款。", NONE),
    ("我同事说有个自称我表姐的人来公司找过我，可我根本没有表姐在这边，我也不清楚是谁。", NONE,
     "我欠了两个网贷，有人到我租的房子敲门，说是我表姐，我室友一开门他们就进来要钱。", NONE),
    # hearsay about the trick is no report; a friend's own loan is no lender's debt
    ("听人说催收会冒充外卖员上门，咱们楼里已经有人碰到过，大家留个心眼。", NONE,
     "昨天有个男的冒充外卖员敲我家门，我一开门他就说我在他们平台的贷款逾期了，堵着门不让我关。", NONE),
    ("我是他发小，他去年借了我五千块到现在也没还，你知道他最近在哪打工吗？", NONE,
     "我是他发小，他在我们这借款逾期半年了，你知道他最近在哪打工吗？", NONE),
    # asking whether collectors may do it is no report; a real courier names the sender of a letter
    ("催收公司能不能假装成我朋友去问我家里人要钱？", NONE,
     "催收公司假装成我朋友去问我家里人要钱，我爸还真给了两千。", NONE),
    ("你好，我是申通快递，你有个文件，寄件方是某某资产管理公司，需要本人签收，你现在在家吗？", NONE,
     "你好，我是申通快递，你有个文件需要本人签收，你现在在家吗？……不绕了，我们是资产管理公司的，你的欠款今天必须处理。", NONE),
    # an HR background check as a pretext towards a contact
    ("您好，我是恒远科技的HR，孙某向我司投了简历，我们想做个背景调查，核实他在贵司的任职时间。", NONE,
     "您好，我是恒远科技的HR，在做背景调查，麻烦告诉我孙某现在的住址和工作单位。", CONTACT),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("lawful", "lawful_meta", "unlawful", "unlawful_meta"), PAIRS)
def test_private_pretext_pair(lawful: str, lawful_meta: dict[str, str], unlawful: str,
                              unlawful_meta: dict[str, str], model: object) -> None:
    assert "impersonation" not in analyze(lawful, lawful_meta, model=model).labels
    assert "impersonation" in analyze(unlawful, unlawful_meta, model=model).labels


def test_finding_cites_article_62_and_leaves_the_verdict_to_the_police() -> None:
    result = analyze("催收冒充我大学室友给我爸打电话，打听我在哪上班，还让他转告我赶紧还钱。", NONE)
    finding = next(f for f in result.findings if f.category == "impersonation")
    assert finding.severity == "violation" and finding.mode == "done"
    assert "public-security-punishments-law:62" in [c.get("id") for c in finding.citations]
    assert "公安机关认定" in finding.explanation and "第三款" in finding.explanation
    assert {"keep_records", "local_regulator"} <= {a.channel for a in finding.actions}


def test_a_contact_introducing_himself_and_reporting_is_no_pretext() -> None:
    text = "我是赵某的前同事。今天有人打到我手机上，说赵某欠了他们平台一万多，让我转告他。这样合法吗？"
    assert "impersonation" not in analyze(text, WORKPLACE).labels


def test_a_rhetorical_denial_of_the_tie_is_no_pretext() -> None:
    text = "我是你老公的朋友吗？不是！我是他借钱那家公司的，他欠的钱你们家到底管不管？"
    assert "impersonation" not in analyze(text, {"recipient_role": "spouse"}).labels
