"""Lawful scope as principles (tenth session, helper "precision11"), drawn from the lawful false positives and the wrong
extra labels of the newly readable sets (test9, dev36, dev37), every read development set and five sets of lawful
probes. Each has a pair written for this file in new wording (the wrong label absent / the right label present); the
unlawful side puts the exception words beside a real act in the same sentence (legal review 6: an exception must not
cancel an unlawful act told in the next phrase).

- A fee the borrower reads in the contract and asks about (合同上写的逾期服务费是啥？, 借款合同里写的“账户管理费”…是合法的
  吗？) is the lender's stated term, not a fee a collector adds (convention 12; if-contract-fees and if-invented-fees
  unless, beside their 按合同 / 以合同为准; U0217, O0232, and f0108's 合同里确实写了). A collector's own fee named beside the
  same words (逾期管理费, 另交, 外访费, to a personal account) keeps `illegal_fee` through the collection-fee rules.
- A residents' or village committee's 人民调解委员会 that invites both sides to mediate is a lawful body doing its own
  work (convention 20; im-org-name unless; T0089 and the fifth probe set). Only the committee's own name
  (居委会人民调解委员会) is the exception: a bare 人民调解委员会 elsewhere in the sentence cancelled "我是征信中心的…"
  (tested), and a fee asked for such a mediation stays impersonation through im-mediation-fee (tested).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # the borrower asks about a fee the contract names; the collector's own fee beside the same words
    ("illegal_fee", "我想问下，我的借款合同上写着每月收取账户管理费80元，这个费用合法吗？",
     "合同里写的东西你别管，逾期管理费800今天必须交，不交明天就上门"),
    ("illegal_fee", "合同里写的“服务费”到底是什么？我在App里没看到说明，想问问是不是正常的。",
     "合同里写的就这些，我们这边再收你一笔“外访费”800"),
    ("illegal_fee", "合同上写的账户管理费每月60块，我想问问这个算在利息里面吗？",
     "合同上写着呢，你这个月还要交“催收费”300，转到我支付宝"),
    # a residents' committee's mediation invitation; a "committee" that wants a fee, and a fake credit bureau beside it
    ("impersonation", "这里是柳荫街社区居委会人民调解委员会，安和消费金融申请与您调解借款纠纷，请于周五上午九点来社区二楼调解室，时间不便可来电改约。",
     "这里是社区居委会人民调解委员会，你的网贷案子要先交500调解费，转到调解员个人账户才给你调解"),
    ("impersonation", "您好，我们是东坡村村委会人民调解委员会的调解员，您和借款公司的纠纷对方申请了调解，您愿意参加吗？",
     "人民调解委员会也帮不了你，我是征信中心的工作人员，今天不还就给你上征信黑名单，一辈子贷不了款"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_precision11_principle(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


PROBES5 = Path(__file__).resolve().parents[1] / "bench" / "data" / "tools" / "ood_lawful_probes5.txt"
#: Most lines of ood_lawful_probes5.txt the engine may flag (rules alone, full engine): the figures when the probes were
#: written (10 and 6 of 160; this round's principles did not reach them). A change that flags more lawful wording fails.
PROBES5_MAX_FLAGGED = {"rules": 10, "full": 6}


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_lawful_probes5_flag_rate(model: object) -> None:
    lines = [s.strip() for s in PROBES5.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]
    assert len(lines) == 160
    flagged = [s for s in lines if analyze(s, {}, model=model).labels != ["compliant"]]
    limit = PROBES5_MAX_FLAGGED["rules" if model is False else "full"]
    assert len(flagged) <= limit, f"{len(flagged)} lawful probes flagged (at most {limit}): {flagged}"
