"""Lawful scope as principles (seventh session, helper "precision8"), drawn from the lawful false positives of the
newly readable sets (test6, dev27-dev29), every read development set, the replay of first-look rules and two sets of
lawful probes; a principle was kept only where three or more annotators (id letters) write such lawful messages.
Each has a pair written for this file in new wording (the wrong label absent / the right label present).

- A warning against impostors that comes after the act it names ("如接到自称…的电话，请挂断", "…的人都不是我们的
  员工", "…请提高警惕") warns about the act, it does not do it (cues.yaml clause_disclaimers).
- A lender returning a fee it overcharged, or disowning a collector's fee as unauthorised, charges nothing
  (illegal_fee.md's category `unless`: 已退还, 原路退回, 系未经授权, 无需支付任何).
- A visit told or announced with the notice, identification or consent a lawful one gives, in other words than the
  rules had (提前打了电话, 事先电话联系, 报了工号, 问我方不方便, 改电话沟通, 不进屋), is no unlawful visit; the plain visit
  rules of unlawful_visit.md share these exceptions (the menacing-visit rules do not).
- A guarantor asked to honour his guarantee is liable (convention 7; some twenty annotators write such lines): "要他
  履行担保责任", "我是担保人" is no false claim that family must pay (fl-family-liable); calling an emergency contact a
  guarantor is.
- A borrower noting what was NOT asked of him (没让我转, 没有要求我转到个人账户) reports no payment to a personal account:
  the negation stands between the negator and the verb with 我 as its object, which `engine._NEGATED` does not read
  (if-personal-account unless; annotators g C G write such lines).
- A summons the court will mail to the person (法院立案后会给你寄传票, 起诉状副本法院会寄给你) is the lawful route of service,
  no forged court document (im-court-documents unless; annotators d h c v A x r u s write mailed letters and
  summonses as lawful; mailed to the workplace, or a stamped "summons" sent by the collector, is not).
- In a court's notice 转入 followed by a procedure (已转入诉前调解, 转入立案程序) moves the case, it asks for no money: no red
  flag for `engine.court_notice` (cues.yaml court_red_flag_regex; annotators k H p x e); 转入 an account still is.
- Enforcement in the lawful order in the borrower's words (那个案子判了没还, 判了不还): a judgment, then non-payment,
  then the blacklist is a true consequence (fl-blacklist unless; precision7's lawful-order principle, annotators m n
  and the many of the sixth session).
- A property office addressing its residents (请业主, 尊敬的业主, 广大居民) is a group notice like 各位业主 (cues.yaml
  group_address): "请业主留意陌生人尾随" warns them, it follows nobody.
- The writer's own 问一下/问下 opens his question; it does not report the collector's words, so the writer's debt words
  after it ("我想问下，我弟弟借了网贷，…催收打给我问他在哪") disclose nothing to the contact (metadata._QUOTED; annotators
  c C G H p F).
- "转到我们手上" moves the case, "下来了直接转给我们" sends a new loan's proceeds on: the push to borrow is the act
  (forced_borrowing), not a payment to a personal account (if-personal-account unless; annotators f I r p n).
- A lender's name (【金穗小额贷款】, 青檬借款客服) in a locating request says who calls, not that anyone owes it: no debt
  disclosure to the contact (cues.yaml debt_detail_not; annotators A G m); the debt told in plain words is one.
- Being at work (在上班, 上班时间) names no workplace: no privacy_exposure (cues.yaml personal_data_not; annotators
  k H q u F); the workplace named is the person's data.
- A meal or an object owed between friends (那顿烧烤, 借我的那台相机, 我那本书, 充电宝) is no debt: a visit or a blow
  threatened over it is no collection conduct (category `unless_message` of unlawful_visit, intimidation and
  violence_threat; annotators f a q p n m write such lines as lawful, most with a laughing emoji, f and a without).

The last test pins the engine's flag rate on the second set of lawful probes (bench/data/tools/ood_lawful_probes2.txt),
written before the engine was run on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # a lender's warning to hang up on anyone claiming to be a prosecutor; a borrower told of one who claimed it
    ("impersonation", "若有人自称检察院工作人员向您催收欠款，请直接挂断后拨打本公司客服电话核实。",
     "昨天有个催收自称检察院的工作人员，说再不还就来抓我。"),
    # "those who offer to delete records are not our staff": a warning; the offer itself is the scam
    ("credit_repair_scam", "凡是自称能帮您“删除逾期记录”的人都不是我们的员工，以免受骗，请通过官方渠道办理。",
     "我们有内部通道，交两千就能帮您删除逾期记录，三天见效。"),
    # a property office warning of a fake fee; a collector demanding the fee
    ("illegal_fee", "最近有人上门收取“管道清洗费”每户80元，说是物业安排的，物业没有安排此项收费，请业主提高警惕。",
     "催收上门收取“管道清洗费”每户80元，说是物业安排的，不交就停水。"),
    ("illegal_fee", "如有自称我行委托律师的人让您把欠款转到其个人账户，请直接挂断。",
     "我是你们银行委托的律师，你把欠款转到我个人账户，今天就能结案。"),
    # a fee refunded or disowned by the lender; the same fee charged
    ("illegal_fee", "经核实，上月从您账户多扣的“账户管理费”45元已退回至您的银行卡，请查收。",
     "这个月起每期加收“账户管理费”45元，不交就按违约处理。"),
    ("illegal_fee", "您反映的外访人员收取“差旅费”一事系未经授权的个人行为，该费用将原路退回。",
     "外访人员说来一趟不容易，要收“差旅费”两百块，直接给他现金。"),
    # a visit told with its notice and identification; the same visit without them
    ("unlawful_visit", "昨天下午平台的两个外访到我家，提前打过电话的，敲门先报了工号，说了几分钟还款的事就走了。",
     "昨天下午平台的两个外访到我家，敲门就说是来要账的，说了几分钟还款的事才走。"),
    ("unlawful_visit", "催收说下周会派外访来我家，事先会电话联系，不进屋，这个正常吗？",
     "催收说下周会派外访来我家，让我在家等着，这个正常吗？"),
    # a real guarantor asked to pay; an emergency contact told he is liable as a "guarantor"
    ("false_legal_threat", "我舅那笔经营贷是我妈当担保人的，银行打电话要她履行担保责任，她要全部还吗？",
     "你是他的紧急联系人，作为担保人也要承担还款责任，这个月必须替他还上。"),
    # "did not ask me to transfer to a personal account"; asked to
    ("illegal_fee", "收到一封催款函，写了欠款金额和起诉的打算，没让我转到任何个人账户，这个应该是正规的吧？",
     "收到一封催款函，写了欠款金额和起诉的打算，让我三天内转到经办人的个人账户，这个应该是正规的吧？"),
    # a case moved into court mediation; money to be moved into an account
    ("impersonation", "【青禾县人民法院】您与某银行的借款合同纠纷已转入诉前调解，调解员将以座机联系您，调解免费。",
     "【青禾县人民法院】您与某银行的借款合同纠纷已立案，请将欠款转入本院指定账户，逾期视为拒执。"),
    # blacklisted after a judgment not paid; "blacklisted" by the collector's own report
    ("false_legal_threat", "收到法院短信，说我被列为失信被执行人了，是去年那笔信用卡判了没还，我现在怎么才能撤销？",
     "你已经被列为失信被执行人了，是我们今天报上去的，这个要怎么处理你自己想。"),
    # a property office's warning of someone following residents in; a collector's threat to follow the debtor
    ("intimidation", "【锦苑物业】近期有可疑人员在小区内尾随进入单元楼，保安已加强巡查，请业主出入单元门时随手关门。",
     "你欠的钱再不还，我们的人会天天在你们小区尾随你进单元楼，出门小心点。"),
    # the case moved to the collector's team; the money moved to the collector's own card
    ("illegal_fee", "你的案子已经转到我们手上了，这周五之前把两千还到App里。",
     "你的案子已经转到我们手上了，这周五之前把两千转到我个人卡上。"),
    ("illegal_fee", "我发你个借款链接，刷脸就能下款，下来了直接转给我们，这笔就算了结。",
     "你这笔欠款今天必须还，直接转给我，我个人微信收款码发你了。"),
    # a book or a meal owed between friends; money owed
    ("unlawful_visit", "你再不把我那本《三体》还回来，我就天天去你宿舍门口堵你😤",
     "你欠的两万块再不还，我就天天去你宿舍门口堵你。"),
    ("unlawful_visit", "兄弟，你欠我的那顿烧烤啥时候请？再拖我就上你家吃去了啊",
     "兄弟，你欠我的那三千块啥时候还？再拖我就上你家要去了啊"),
]

#: Pairs whose unlawful side the classifier vetoes (it underrates short forged-document wording): rules alone.
RULE_PAIRS = [
    # the court mails the summons; the collector "stamps" one and photographs it
    ("impersonation", "你这笔已经转到诉讼组了，法院立案后会给你寄传票，注意查收，开庭前还能和解。",
     "我们这边伪造不了，传票是法院盖了公章的，拍给你看，今天不还款就等着被拘传。"),
]


@pytest.mark.parametrize(("category", "lawful", "unlawful"), RULE_PAIRS)
def test_precision8_principle_rules(category: str, lawful: str, unlawful: str) -> None:
    assert category not in analyze(lawful, {}, model=False).labels
    assert category in analyze(unlawful, {}, model=False).labels
    assert category not in analyze(lawful, {}).labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_precision8_principle(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


#: (category, metadata, message without the label, message with it)
META_PAIRS = [
    # a contact's question after a locating call; the same call that told the debt
    ("debt_disclosure", {"recipient_role": "emergency_contact", "channel": "incident"},
     "想问一下，我表妹借了网贷一直没还，催收打给我说联系不上她，让我转告她回电，就挂了，这样合规吗？",
     "想问一下，催收打给我说我表妹借了网贷一直没还，欠了八千，让我转告她赶紧还，这样合规吗？"),
    # a lender's name signing a locating request; the same lender telling the contact the money is unpaid
    ("debt_disclosure", {"recipient_role": "emergency_contact"},
     "【金穗小额贷款】您好，您被王某登记为紧急联系人，我司暂时联系不上他，麻烦转告他回电400-xxx-xxxx。",
     "你好，我们是金穗小额贷款的，你弟弟在我们这借的钱还没还，你帮忙催一下。"),
    # "at work" told to a colleague; the factory and the dormitory told
    ("privacy_exposure", {"recipient_role": "employer_or_colleague", "channel": "incident"},
     "我上班时间没法接电话，催收就一直打给我同事，问我是不是还在上班。",
     "催收打给我同事，说我在城东的宏达电子厂上班，住在厂里宿舍三楼。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "meta", "lawful", "unlawful"), META_PAIRS)
def test_precision8_principle_with_metadata(category: str, meta: dict[str, str], lawful: str, unlawful: str,
                                            model: object) -> None:
    assert category not in analyze(lawful, meta, model=model).labels
    assert category in analyze(unlawful, meta, model=model).labels


PROBES2 = Path(__file__).resolve().parents[1] / "bench" / "data" / "tools" / "ood_lawful_probes2.txt"
#: Most lines of ood_lawful_probes2.txt the engine may flag (rules alone, full engine): the figures reached with the
#: principles above (10 and 5 of 150 when the probes were written; left: an arbitration commission's own notice, a
#: bank's lawyer told by the borrower, the model's push to borrow on a husband's own loan from his brother). A change
#: that flags more lawful wording fails here.
PROBES2_MAX_FLAGGED = {"rules": 2, "full": 2}


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_lawful_probes2_flag_rate(model: object) -> None:
    lines = [s.strip() for s in PROBES2.read_text(encoding="utf-8").splitlines() if s.strip() and not s.startswith("#")]
    assert len(lines) == 150
    flagged = [s for s in lines if analyze(s, {}, model=model).labels != ["compliant"]]
    limit = PROBES2_MAX_FLAGGED["rules" if model is False else "full"]
    assert len(flagged) <= limit, f"{len(flagged)} lawful probes flagged (at most {limit}): {flagged}"
