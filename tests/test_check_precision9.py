"""Lawful scope as principles (eighth session, helper "precision9"), drawn from the lawful false positives and the
wrong extra labels of the newly readable sets (test7, dev30, dev31), every read development set, the replay of
first-look rules and three sets of lawful probes; a principle was kept where three or more annotators (id letters)
write such lawful messages, or where the third probe set (bench/data/tools/ood_lawful_probes3.txt, written for this
round before the engine was run on it) showed the same mistake more than once. Each has a pair written for this file
in new wording (the wrong label absent / the right label present).

- The blacklist of judgment debtors in the statute's own condition (有能力履行而拒不履行), after a suit that was won
  (起诉赢了之后申请的), or as what may follow a suit (起诉，届时您可能…): a true consequence in the lawful order, no
  false legal threat (fl-blacklist unless; annotators K L n, the lawful order of precision7 and precision8).
- The debtor's agreement to the contact told as a clause of a signed authorisation (授权书中同意我们在联系不上他时联系您)
  is consent like 书面同意我们 (cues.yaml consent; annotators y c w e and the many consent lines already lawful).
- A promise in a list of negated acts (不上门、不爆通讯录、不找你单位) and "only with you" in plain verbs (只跟你本人,
  只和您本人, 只找你本人) contact nobody (tp-address-book unless; annotators L d v t w x r).
- A message, screenshot or letter forwarded to the writer (短信转给我, 转给我一张截图) moves no money: relatives,
  employers and friends forwarding a lawful notice (if-personal-account unless; four lines of the third probe set).
- The police's or a lawyer's advice names what the law does not allow or what to do if threatened: "警察不会因为这个来抓
  你" (fl-arrest-general unless; annotators p w q J u e write such advice lawful) and "如果有威胁人身安全的言行就报警"
  (vt-family-harm unless) threaten nothing (two lines of the third probe set).
- A fee the lender defers to its own page, bill or app (每期手续费…以账单展示为准, 以页面展示为准) or states as nil
  (借款服务费0) is a contract term, not an invented fee (unless of if-invented-fees, if-contract-fees,
  if-collection-fees; annotators d r p w K write such deferrals lawful; three lines of the third probe set).
- The writer telling his own people of his own debt (我跟我姐说我欠了三万, 我在家族群里跟大家说…) discloses nothing: the
  debtor may speak of his debt (unless of dd-told-contacts-done and dd-public-posting; legal review 2 D19's reading;
  two lines of the third probe set, c0188 told to a wife the same way, which the metadata verdict still flags).
- A call to the home (打电话到我家座机, 电话打到俺大姨家, 日日打去你屋企) is no visit, as precision7 found for a call to
  the workplace (unless of uv-threat-visit, uv-visit-general, uv-soft-violence-visit, uv-threat-visit-constructions;
  annotators J K L of the three fresh sets, one line each, and j).
- A lender disowning a collector's fee in other words than precision8 had ("您说的‘加急费’并不存在，本公司从未委托任何人
  收取，请勿付款"; "那个人不是我司人员") charges nothing (illegal_fee category unless, cues.yaml clause_disclaimers;
  precision8's e a o H and K0130).
- The borrower's own word about himself (我也不想当老赖, 怕成老赖) insults nobody, like 我成了老赖 and 不是老赖 before
  (id-insult unless; J0136).
- A friend's pick-up or a game night (上门接你, 开黑, 打球) is no collection visit, like the service and friendly visits
  of the category's exceptions (unlawful_visit category unless; m0332 and a line of the third probe set).
- The lender's own pause or restructuring in other words (您已成功申请停催服务期, 暂停催收等待核实结果, 要你本人提交
  申请, 核实期间暂停催收, 我们会暂停催收30天) is no anti-collection scam (cr-anti-collection unless; annotators
  A C G H c J, convention 13); the classifier
  already vetoed these, the rules alone did not.
- The lender's warning against personal accounts in other words (我们不接受任何个人账户转账, 任何个人账户都不要转) asks
  for no such payment (if-personal-account unless; A0113, B0175, precision8's warning principle; 从来不让转 was tried
  and dropped: it cancelled an impostor's attempt reported by the borrower, a0165).
- A borrower asking whether an announced visit is lawful or usual (外访是合法的吗, 一般几个人, 这样正常吗) reports nothing
  unlawful: a visit is lawful in principle (convention 8; uv-threat-visit and uv-visit-general unless; annotators B I K
  j; menacing words keep their own rules, tested below).
- The costs of a suit the contract puts on the borrower (诉讼费和律师费由违约方承担，这是合同约定的) are a contract term
  (between private parties within the cap of private-lending-provisions:29), not a collector's fee (if-collection-fees unless; annotators f l L,
  and w x q p m's contract terms).
- A lender's notice that the loan is settled (您在本行的贷款已于今日结清) pushes no new loan (fb-borrow-to-repay unless;
  annotators e j; rules alone).
- A lawyer's letter the borrower verified (核实了确实是他们发的, 查到这个律所是真的), the court serving a summons (法院会
  向您送达传票) and a lender's own sealed paper (结清证明, 已盖我司公章) forge nothing (im-court-documents unless;
  annotators h z J, H, B f; the classifier already vetoed them, the rules alone did not).
- A mediation body's notice that mediation is free in other words (调解不收取任何费用, 调解是免费的) is no fake
  lender or lawyer (im-fake-lawyer-or-lender unless; f0190 and a probe, as w x q p m k h e c a o i K L write it).

The last test pins the engine's flag rate on the third set of lawful probes (written before the engine was run on
them; 17 and 11 of 168 flagged then, rules alone and full engine).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # the list's condition told by a lawyer; the collector "reporting" the debtor onto it
    ("false_legal_threat", "律师说，有能力履行而拒不履行的，法院才会把人纳入失信被执行人名单，让我别慌。",
     "你再拖三天，我们直接把你报进失信被执行人名单，高铁飞机都别想坐。"),
    # the list as what may follow a suit; the list tomorrow without any suit
    ("false_legal_threat", "【瑞禾消费金融】如您持续逾期，我司将依法提起诉讼，届时您可能被法院纳入失信被执行人名单。",
     "【瑞禾消费金融】如您今日仍不还款，我司将于明日把您纳入失信被执行人名单。"),
    # ... and the suit said to make him a judgment debtor at once (civil-procedure-law:266 needs the judgment unperformed)
    ("false_legal_threat", "【瑞禾消费金融】如您持续逾期，我司将依法提起诉讼，届时您可能被法院纳入失信被执行人名单。",
     "我们明天就起诉，起诉了你就是失信被执行人，高铁飞机都坐不了。"),
    # listed after a suit the lender won; listed by the platform without any suit
    ("false_legal_threat", "平台起诉赢了之后申请了执行，法院把我列进了失信被执行人，这种情况还能分期吗？",
     "催收说他们平台已经把我列进了失信被执行人，可我从来没被起诉过。"),
    # a promise of no address-book calls in a list of negations; the threat of them
    ("third_party_contact", "我们这边不上门、不爆通讯录、不找你单位，只找你本人谈，这周能不能先还五百？",
     "这周不先还五百，我们就爆你通讯录，一个一个打过去。"),
    # a bank's SMS forwarded by a sister; the money asked to the collector himself
    ("illegal_fee", "我姐把她收到的银行短信转给我，上面写着本期应还2,300元，问我是不是她忘了还。",
     "这期的2300别走App了，你直接转给我，我这边马上给你销账。"),
    # the police's advice that a debt brings no arrest; an arrest threatened
    ("false_legal_threat", "我问了派出所，民警说欠网贷是民事纠纷，警察不会因为这个来抓你，让我放心跟平台谈。",
     "你再不还，警察明天就上门把你抓走，你自己看着办。"),
    # a lawyer's advice on threats to one's safety; the family's safety threatened
    ("violence_threat", "律师建议我，如果催收有威胁人身安全的言行，就马上报警并保留录音。",
     "你最好按时还，不然你家人的安全我们可保证不了。"),
    # an instalment fee deferred to the bill; the same fee demanded by the collector
    ("illegal_fee", "【禾信消费金融】您的账单分期已生效，分6期，每期手续费45元，以账单展示为准。",
     "你这期要多交手续费45元，不交就按违约处理，直接打给我。"),
    # a nil service fee; a service fee taken off the loan
    ("illegal_fee", "我在App上借了五千，借款服务费0，年化12%，这个还算正规吧？",
     "我在App上借了五千，扣了800服务费，年化12%，这个还算正规吧？"),
    # the borrower telling his mother; the collector telling her
    ("debt_disclosure", "我跟我妈说我欠了两万网贷，她让我别瞒着，先把利息高的那笔还了。",
     "催收打电话跟我妈说我欠了两万网贷，让她替我还。"),
    # the borrower's own word to the family group; the collector's post there
    ("debt_disclosure", "我在家族群里跟大家说了，我欠的那笔网贷已经还清了，谢谢亲戚们帮忙。",
     "催收在我们家族群里跟大家说我欠了网贷不还。"),
    # calls to the home; sitting in the home
    ("unlawful_visit", "再不还，我们就天天打电话到你家里，让你爸妈也知道知道。",
     "再不还，我们就天天去你家里坐着，让你爸妈也知道知道。"),
    ("unlawful_visit", "你再唔还钱，我哋就日日打去你屋企，等你阿妈都知道。",
     "你再唔还钱，我哋就日日去你屋企门口等你，等你阿妈都知道。"),
    # a fee disowned by the lender; the fee demanded
    ("illegal_fee", "您说的“加急费”并不存在，本公司从未委托任何人收取，请勿付款，还款请只在App内操作。",
     "你要想今天结清，得先交300“加急费”，直接转我微信。"),
    # the borrower not wanting to be a deadbeat; the collector calling him one
    ("insult_defamation", "我也不想当老赖，这个月先还一千，剩下的下个月还行吗？",
     "你就是个老赖，这个月先还一千，剩下的下个月必须还清。"),
    # a game night's joke; a debt's threat in the same words
    ("unlawful_visit", "周五晚上开黑，谁再挂机我就上门找他算账",
     "周五之前谁再不还钱，我就上门找他算账"),
]


#: Pairs whose lawful side only the rules flagged (the classifier vetoed it): both sides checked rules alone and full.
RULE_PAIRS = [
    # the lender's own pause of collection; a scam's paid one
    ("credit_repair_scam", "【禾信消费金融】您已成功申请停催服务期（15天），期间我司不会主动联系您，到期前请在App确认还款方案。",
     "我们团队专业停催，交1500服务费，三天内让所有平台停止催收。"),
    ("credit_repair_scam", "如您对还款金额有异议，可在App提交核对申请，核实期间暂停催收，结果三个工作日内短信告知。",
     "交800会员费，我们会让所有平台暂停催收三个月。"),
    # a settled loan; a new loan to settle the old one
    ("forced_borrowing", "【北辰银行】您在本行的消费贷款已于今日结清，结清证明可在手机银行下载。",
     "你先去别的平台借一笔，把我们这笔今天结清。"),
    # free mediation; a paid one that promises relief
    ("impersonation", "【某区金融纠纷调解中心】您与禾信消费金融的纠纷已受理，调解员将与您电话联系，调解不收取任何费用。",
     "【国家金融纠纷调解中心】您的网贷纠纷已受理，缴纳调解费500元后可为您办理全部减免。"),
    # a lawyer's letter verified by the borrower; a "sealed" letter sent with an arrest threat
    ("impersonation", "微信上收到一份律师函的图片，我打电话到那个律所核实了确实是他们发的，接下来该怎么办？",
     "律师函的图片已经发你微信了，盖了公章的，今天不还明天就抓你。"),
    ("impersonation", "【易达分期】这是您的结清证明，已盖我司公章，请查收保存。",
     "律师函的图片已经发你微信了，盖了公章的，今天不还明天就抓你。"),
    # the warning against personal accounts; the request to use one
    ("illegal_fee", "客服：分期的钱只能在App里还，我们不接受任何个人账户转账，您放心。",
     "客服：分期的钱别在App里还了，转到我个人账户就行，您放心。"),
    # a lawfulness question about an announced visit; the visit announced with a siege
    ("unlawful_visit", "平台说月底前不还就移交外访，外访是合法的吗？",
     "平台说月底前不还就移交外访，到时候天天去你家门口堵你。"),
    ("unlawful_visit", "问一下，外访上门一般几个人？能进屋吗？",
     "催收说今晚十一点带人上门堵我，这合法吗？"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_precision9_principle(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), RULE_PAIRS)
def test_precision9_principle_rules(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


#: (category, metadata, message without the label, message with it)
META_PAIRS = [
    # consent in a signed authorisation; a friend asked with no consent
    ("third_party_contact", {"recipient_role": "emergency_contact"},
     "您好，刘某签的授权书中同意我们在联系不上他时联系您，他这几天一直不接电话，麻烦您提醒他回个电话。",
     "您好，刘某这几天一直不接电话，您是他的朋友，麻烦您提醒他回个电话。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), META_PAIRS)
def test_precision9_principle_with_metadata(category: str, meta: dict[str, str], lawful: str, unlawful: str,
                                            model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


PROBES3 = Path(__file__).resolve().parents[1] / "bench" / "data" / "tools" / "ood_lawful_probes3.txt"
#: Most lines of ood_lawful_probes3.txt the engine may flag (rules alone, full engine): the figures reached with the
#: principles above (17 and 11 of 168 when the probes were written; left: a court's e-service SMS forwarded with the
#: relative's question 是不是诈骗 (a court red flag read outside the quoted notice), an arbitration commission's own
#: notice, a police receipt the classifier reads as a false legal claim; rules alone also 连坐 asked about, the
#: borrower's 砍头息 in a pasted thread, 周转一下 said by the borrower). A change that flags more lawful wording fails here.
PROBES3_MAX_FLAGGED = {"rules": 5, "full": 3}


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_lawful_probes3_flag_rate(model: object) -> None:
    lines = [s.strip() for s in PROBES3.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]
    assert len(lines) == 168
    flagged = [s for s in lines if analyze(s, {}, model=model).labels != ["compliant"]]
    limit = PROBES3_MAX_FLAGGED["rules" if model is False else "full"]
    assert len(flagged) <= limit, f"{len(flagged)} lawful probes flagged (at most {limit}): {flagged}"
