"""Lawful wording the hand rules used to flag on unseen annotators' text (fourth session, lawful-scope round).

Each mechanism has a lawful example and its unlawful counterpart, written for this file (not taken from any set):
a warning said with 别信, a call count after 打了我, a lawful consequence (起诉) beside "你自己想清楚", a writer
calling themself names, a fee with its contractual basis, a company disowning a fee it is asked about, 代还 as a verb, a lawyer's
letter found in the official registry, a borrower asking whether a message is a scam, and enforcement stated after
a judgment."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # 别信 is a warning like 请勿相信 / 不要相信 (cues.yaml clause_negators)
    ("illegal_fee", "我们只收App里的还款，别信任何让你转到个人账户的人。",
     "这次别走App了，直接转到我个人账户，今天就结清。"),
    # ... but only over its own comma phrase: after a comma the sentence goes on to something else (engine._OBJECT_WARNING)
    ("unlawful_visit", "别信那些自称要上门收款的人。", "别信什么法律援助，明天我们就带人上门找你。"),
    # "打了我 N 次" counts calls, not blows (vt-done-assault); a number of blows (三拳) still counts
    ("violence_threat", "那个平台昨天打了我8次，我没接。", "昨天两个催收在楼下打了我三拳。"),
    ("violence_threat", "这家今天打了我十几回，我一直没接。", "催收员昨天上门，打了我一顿。"),
    # "你自己想清楚" after a lawful next step (起诉) is no veiled threat (in-veiled-threat); with menace it is
    ("intimidation", "再拖下去我们就只能起诉了，你自己想清楚。",
     "你自己想清楚，别到时候后悔，我们知道你孩子在哪上学。"),
    # ... only for the deliberation prompts (in-veiled-deliberation): menace beside 起诉 still counts (in-veiled-threat)
    ("intimidation", "再拖下去我们就只能起诉了，你自己想清楚。", "起诉你是小事，你自己掂量掂量，我们有的是人。"),
    # the writer calling themself names is self-reproach (engine._SELF_NAMED); the reader or a reported name-calling is not
    ("insult_defamation", "我简直就是个废物，连这点钱都还不上。", "你简直就是个废物，连这点钱都还不上。"),
    ("insult_defamation", "我真是个sb，借了一堆网贷。", "他们在群里说我是老赖。"),
    # a fee stated with its contractual basis (合同约定, like 按合同) is no collection fee (if-collection-fees)
    ("illegal_fee", "您本期账单含合同约定的账户管理费30元，明细见App。", "逾期了要另交300元上门费，不交不行。"),
    # ... for ordinary contract charges (if-contract-fees), not for a collection fee said to be agreed
    ("illegal_fee", "您本期账单含合同约定的账户管理费30元，明细见App。", "合同约定的催收费300元，今天一起交。"),
    # the company disclaiming a fee (并非我司…) is a disclaimer (cues.yaml clause_disclaimers)
    ("illegal_fee", "您说的“加急费”并非我司收费项目，请只还App显示的金额。", "今天必须另交500元加急费，不然不给你处理。"),
    # ... only right after the words it disowns (engine._disowned), not for a later demand
    ("illegal_fee", "您说的“加急费”并非我司收费项目，请只还App显示的金额。",
     "这个号并非我司客服，但你的欠款今天必须转到我个人卡上。"),
    # 代还 as a verb (a guarantor asked to pay on the debtor's behalf) is no borrowing; a 代还 product is
    ("forced_borrowing", "你是保证人，银行按保证合同要求你代还这笔钱，可以跟银行协商分期。",
     "我有个朋友做信用卡代还的，你让他帮你刷出来先把我们这笔还了。"),
    ("forced_borrowing", "你是保证人，银行按保证合同要求你代还这笔钱，可以跟银行协商分期。", "你去找代还，今天就能把我们这笔结清。"),
    # a lawyer's letter from a firm found in the official registry is genuine; one not found there is not
    ("impersonation", "平台只给我发过短信，后来收到一封律师函，那家律所在司法部的律师名录里有。",
     "他们微信上发给你一张律师函，落款的律所在律师名录里根本没有。"),
    # "这是真的还是诈骗？" asks whether a message is a scam; it does not call the debtor a fraudster (fl-arrest-general)
    ("false_legal_threat", "收到一条短信说我的账户转给了一家调解中心，这是真的还是诈骗？", "你借钱不还就是诈骗。"),
    ("false_legal_threat", "收到一条短信说我的账户转给了一家调解中心，这是真的还是诈骗？", "你这属于诈骗吧，我们已经准备报案。"),
    # enforcement stated in the lawful order (after a judgment) is a true consequence (fl-enforcement-claim, fl-wage-card);
    # enforcement announced without one, or on a judgment promised by the collector, is not
    ("false_legal_threat", "法院判决后你仍不履行的，法院会强制执行你的财产。", "你不还款，我们下周就强制执行你的财产。"),
    ("false_legal_threat", "官司已判决，你一直没履行，法院依法冻结了你的工资卡。", "明天就冻结你的工资卡，你看着办。"),
    ("false_legal_threat", "法院判决后你仍不履行的，法院会强制执行你的财产。", "下周就能出判决，判下来直接上门执行。"),
    ("false_legal_threat", "法院判决后你仍不履行的，法院会强制执行你的财产。", "你不还，判决后我们直接上门查封你家。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_lawful_wording_is_not_flagged_and_its_counterpart_is(category: str, lawful: str, unlawful: str,
                                                             model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels
