"""Lawful scope as principles (ninth session, helper "precision10"), drawn from the lawful false positives and the wrong
extra labels of the newly readable sets (test8, dev32, dev33), every read development set and four sets of lawful
probes; a principle was kept where three or more annotators (id letters) write such lawful messages, or where the
fourth probe set (bench/data/tools/ood_lawful_probes4.txt, written for this round before the engine was run on it)
showed the same mistake. Each has a pair written for this file in new wording (the wrong label absent / the right
label present), and where an exception word could sit beside a real threat, the unlawful side puts it there
(legal review 6: an exception must not cancel an unlawful act told in the next phrase).

- A court's or arbitration commission's own procedural notice (cues.yaml court scope): an arbitration commission
  (仲裁委员会, 仲裁院) is a body that serves notices like a court; 答辩, 申报财产, 申请执行, 执行和解, 仲裁庭 are its
  procedure; and a notice addressed to a party by role (被执行人某某：…, 被申请人某某：…) or naming the suit (诉你…一案,
  你方, 你与…纠纷) writes 你 the way 传票 and 执行通知书 do, so 你 is no red flag there (annotators c M + the third and
  fourth probe sets; the red flags, money, arrest, links, mobile numbers, hours, stay as they were).
- A borrower asking how an announced visit would go (会提前通知吗, 会来几个人？, 外访是上门吗) reports nothing unlawful, as
  precision9's 外访是合法的吗 / 一般几个人 (convention 8; unless of uv-threat-visit and uv-visit-general; O0227, N0126, and
  B I K j before). The question ends its sentence, so a night visit or a crew reported before it in the same sentence
  keeps its label (tested).
- The judgment-debtor list's condition told as a condition (如果/如您有能力履行…, 有能力履行而拒不履行的, 只有…才会被列入)
  and a lender naming the court's own order (并可能申请…（需法院裁定）) state the law, not a false claim (fl-blacklist
  unless; O0178, a probe, and precision9's K L n). precision9's bare 有能力履行而拒不履行 also cancelled a collector's
  "你这就是有能力履行而拒不履行，明天就把你报进失信名单" (legal review 6's pattern) and is replaced by these forms (tested).
- A borrower's question in the dialect A-not-A form (会坐牢不？, 能告俺不？, 会被抓进去伐？, 合法不？) asks like 会坐牢吗
  (cues.yaml question_cues, convention 8; B0177, M0052, B0235, beside the Cantonese 系咪 / 会唔会 already there); the
  collector's own taunt (你想坐牢不？) and the borrower's report of the collector's words before the question keep the
  label (tested).
- A lender's warning against personal accounts told as a condition (如接到要求转账至个人账户的电话，请拨打本行客服核实;
  如有人要求…) asks for no such payment, like precision8/9's 请勿 / 不接受任何个人账户 (if-personal-account unless;
  l0134, and A B N r write such warnings). Tried and dropped: 均非本行 as a clause disclaimer beside 均非我司 (both
  cancel "…均非本行行为，不过这期你直接转我微信就行" in the next phrase: an engine need, see the report).
- A lender disowning the fees someone else may ask (你要是听到有人叫你多交什么手续费、上门费，直接举报) charges nothing,
  like precision8/9's disowned fees (if-collection-fees and if-fee-general unless; M0248, and e a o H K before); the
  wording names someone else asking, so "只收本金和合同利息" (which a collector can say before his own fee) is not an
  exception; the collector's own fee after the warning keeps its label (tested).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # an arbitration commission's notice of a case accepted; a "commission" that wants the money in an account today
    ("impersonation", "【临溪仲裁委员会】被申请人周某：申请人安和消费金融与你方借款合同纠纷一案已受理，请于十五日内提交答辩书。",
     "【临溪仲裁委员会】被申请人周某：你的借款纠纷一案已受理，请于今日将欠款转入以下账户，否则将冻结你名下全部财产。"),
    # an enforcement notice addressed to the judgment debtor; the same heading with detention tomorrow and a mobile number
    ("impersonation", "【北塘区人民法院执行局】被执行人钱某：你未按（2026）北执字第412号执行通知书履行义务，本院已对你采取限制消费措施，请主动履行。",
     "【北塘区人民法院】被执行人钱某：你未按执行通知书履行义务，本院将于明日对你实施拘留，速联系书记员13812345678。"),
    # a borrower's account of the enforcement judge's call; a caller who says he is the judge and wants the money
    ("impersonation", "执行局的法官给我打了电话，说银行申请执行了，让我先申报财产，如实申报的话可以跟银行谈执行和解。",
     "我是法院执行局的法官，你的案子申请执行了，今天把钱打到我这个账户就可以撤案。"),
    # asking how a visit would go; the same question after a reported crew at night
    ("unlawful_visit", "客服说下个月可能安排外访，你们来之前会提前通知吗？我白天要上班。",
     "催收说今晚带一帮人上门堵我，会提前通知吗？"),
    ("unlawful_visit", "短信上说再不处理就按流程外访，外访是上门吗？还是打电话？",
     "催收说再不还就带几个兄弟上门砸门，外访是上门吗？"),
    # the list's condition as only-if; the same words turned on the debtor with the list for tomorrow
    ("false_legal_threat", "执行法官跟我讲，只有判了以后有钱故意不还的人才会被列入失信名单，让我按时申报财产。",
     "你这就是有能力履行而拒不履行，明天就把你报进失信被执行人名单。"),
    # a bank's suit with the list as what the court may order; the list promised by the collector
    ("false_legal_threat", "【嘉禾银行】如您持续不还款，我行将依法起诉，并可能申请将您纳入失信被执行人名单（需法院裁定）。",
     "如您持续不还款，我们明天就把您纳入失信被执行人名单，不需要什么法院裁定。"),
    # a dialect question about prison; the collector's taunt in the same form, and a reported threat before the question
    ("false_legal_threat", "平台讲要起诉俺，起诉了俺会坐牢不？",
     "你想坐牢不？今天不还明天就报警抓你。"),
    ("false_legal_threat", "阿拉老公问我，网贷还勿上会得被抓进去伐？",
     "催收说我不还就会坐牢，还说明天来抓我，会坐牢不？"),
    # a conditional warning against personal accounts; the same opening turned into the request
    ("illegal_fee", "【嘉禾银行】本行只通过官方App和对公账户收款，如接到要求转账至个人账户的电话，请拨打本行客服核实。",
     "如接到要求转账的电话不用管，这期直接转到我个人卡上就行。"),
    # fees someone else may ask, disowned; the collector's own fee after the same warning
    ("illegal_fee", "我们只按合同收本金和利息，要是有人让你多交什么上门费、加急费，别给，打我们客服电话举报。",
     "要是有人让你多交上门费，别理他，你把这期的800加300辛苦费一起转我就行。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_precision10_principle(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


PROBES4 = Path(__file__).resolve().parents[1] / "bench" / "data" / "tools" / "ood_lawful_probes4.txt"
#: Most lines of ood_lawful_probes4.txt the engine may flag (rules alone, full engine): the figures reached with the
#: principles above (9 and 7 of 150 when the probes were written). A change that flags more lawful wording fails here.
PROBES4_MAX_FLAGGED = {"rules": 5, "full": 4}


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_lawful_probes4_flag_rate(model: object) -> None:
    lines = [s.strip() for s in PROBES4.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]
    assert len(lines) == 150
    flagged = [s for s in lines if analyze(s, {}, model=model).labels != ["compliant"]]
    limit = PROBES4_MAX_FLAGGED["rules" if model is False else "full"]
    assert len(flagged) <= limit, f"{len(flagged)} lawful probes flagged (at most {limit}): {flagged}"
