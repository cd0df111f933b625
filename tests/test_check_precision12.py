"""Lawful scope and recall in the contact, data and conduct categories (eleventh session, helper "precision12"). Every
pair is written for this file in new wording; the unlawful side puts the principle's words beside a real act.

- **A warning names an act in order to warn** (`engine.warned_clauses`, cues.yaml `warning_*_regex`): an anti-fraud
  warning or a platform notice ("有人打着我们催收部门的名义…遇到这种直接挂断", "所谓的‘征信修复’都是骗钱的…不要信",
  "催收讲的‘明天上门抓人’都是吓唬人的，别信") is `compliant`; the same act reported as done to someone (给我, 让我交, 我交了)
  keeps its labels, and a sentence of the notice that names no unnamed agent (the platform's own threat) is judged as
  before.
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

#: (warning: compliant, report of the same act: the category it keeps)
WARNINGS = [
    ("credit_repair_scam",
     "老乡们莫上当，所谓的“征信修复”“洗白逾期”都是骗钱的，有人打着银行旗号收钱，不要信。",
     "老乡们，我花三千块找了个“征信修复”的，说能洗白逾期，钱交了人就不见了。"),
    ("credit_repair_scam",
     "【乐分期】提示：最近有人打着我们催收部门的名义，让客户先交一笔“停催费”才肯停止催收，遇到这种直接挂断就行。",
     "有个自称你们催收部门的人加我微信，让我先交一笔“停催费”才肯停止催收，我转了八百。"),
    ("unlawful_visit",
     "跟大家说一声，催收讲的“明天上门抓人”“通知你全村”都是吓唬人的，别信。",
     "跟大家说一声，催收昨天跟我讲“明天上门抓人”“通知你全村”，我好怕。"),
    # a notice's conditional (如有/如遇 + someone) with an instruction to report it; the fee told as taken
    ("illegal_fee",
     "【顺心贷】如有催收人员向您收取上门费、加急费，请立即向我司举报。",
     "催收人员上门收了我三百块加急费，还不给收据。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "warning", "report"), WARNINGS)
def test_warning_is_no_report(category: str, warning: str, report: str, model: object) -> None:
    assert analyze(warning, {}, model=model).labels == ["compliant"]
    assert category in analyze(report, {}, model=model).labels


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_warning_scope_is_the_warned_sentence(model: object) -> None:
    """The notice's own threat, in a sentence that names no unnamed agent, stays reported beside the warning."""
    labels = analyze("【乐分期】提示：有人打着我们催收部门的名义收“停催费”，请勿理会。您已逾期，明天不还，我们就派人上门找你，"
                     "还把你欠钱的事告诉你全村。", {}, model=model).labels
    assert {"unlawful_visit", "debt_disclosure", "intimidation"} <= set(labels)


def test_a_borrower_asking_is_no_warning_voice() -> None:
    """请问 is a question, not the notice's 请…举报: the reported insult stays."""
    assert "insult_defamation" in analyze("上周催收人员在我单位大吵大闹、当众骂我，请问该向哪里投诉？", {}, model=False).labels


def test_threat_that_ends_with_a_reminder_is_no_warning() -> None:
    """没提醒你 ends threats; 有人 there is the collector's crew, not an impostor warned of."""
    labels = analyze("我们在你们镇上是有人的，今天不还明天就有人来你屋里找你，到时候别怪我没提醒你", {}, model=False).labels
    assert "unlawful_visit" in labels


#: (category, lawful or no such act, unlawful) — recall leftovers of the contact, data and conduct categories
PAIRS = [
    # a call that reaches the workplace is no visit; going there is
    ("unlawful_visit", "催收打到我公司骂了我一顿，说我是老赖，同事都听见了。",
     "两个催收昨天跑到我们单位，在前台骂我是骗子，同事都听见了。"),
    # the name put up for passers-by (threatened) is public disclosure; the promise not to is none
    ("debt_disclosure", "我们不会把你的名字贴出来，月底前按约还款就行。",
     "月底前不结清，我们就把你的名字和欠款贴到你们小区门口的宣传栏上。"),
    # a collection paper handed to the family makes them recipients; a parcel handed to them does not
    ("third_party_contact", "你的快递我已经送到你爸妈家了，记得去拿。",
     "律师函你要是不签收，我们就直接送到你爸妈手上。"),
    # the emergency contact asked where an unreachable debtor is; the contact held out as pressure on a reachable one
    ("third_party_contact", "【好分期】您已逾期20天，如多次联系不上您本人，我们将按规定联系您的紧急联系人询问您的下落。",
     "【好分期】您已逾期20天，如本周内仍不还款，我司将通知您的紧急联系人。"),
    ("debt_disclosure", "【好分期】您已逾期20天，请尽快还款，本平台不会告知您的紧急联系人您的欠款情况。",
     "【好分期】您已逾期20天，我司将告知您的紧急联系人您的逾期情况，请知悉。"),
    # insults to the family and masked curses; the writer's own family, and a plain question about the family
    ("insult_defamation", "我爸常说，他怎么生了我这么个不争气的儿子，欠了一屁股网贷。",
     "欠了三个月还装死，你爸妈怎么生了你这么个玩意儿。"),
    ("insult_defamation", "你们一家人都是做什么工作的？我们核实一下联系人信息。",
     "电话打了二十遍没人接，你们全家都是些什么东西？"),
    ("insult_defamation", "您好，请问您本月的还款什么时候方便处理？",
     "nmsl，拖了半年还不还，真当我们好欺负？"),
    # the loan record shown to the family named just before; the record sent to the debtor
    ("debt_disclosure", "您的借款合同和还款明细已发到您的邮箱，请您本人核对。",
     "你爸妈的电话我们都有，再装死，就把你的欠款明细发给他们瞧瞧。"),
    ("third_party_contact", "您这几笔借款的明细我念给您听一下，您核对一下金额。",
     "明天就打给你老婆，把你欠的每一笔都读给她听。"),
    # the debt raised in front of workmates, not with the debtor alone; colleagues left to judge, beside a debt only
    ("debt_disclosure", "这个月再不还，我们就约你本人出来，单独跟你算算这笔账。",
     "再躲着不还，我们就去你厂里，当着你工友的面跟你算算这笔账。"),
    ("debt_disclosure", "你穿成这样去上班，看你同事怎么看你，哈哈。",
     "你再拖着不还，我们就天天去你公司坐着，看你同事怎么看你。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_precision12_pair(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels


def test_emergency_contact_threat_is_intimidation_not_visit() -> None:
    """The 【安心借】 family: an announced 外访 beside notifying the emergency contact is contact threatened + intimidation."""
    res = analyze("【安心借】您的账户已严重逾期，我司将于近日安排外访人员上门核实，并通知您的紧急联系人。", {}, model=False)
    assert {"third_party_contact", "intimidation"} <= set(res.labels)
    assert any(f.category == "third_party_contact" and f.mode == "threatened" for f in res.findings)


def test_warning_gate_covers_every_voice_alternative() -> None:
    """`engine._WARNING_GATE` skips the voice expression; each top-level alternative must hold one of its characters."""
    from xiezhi.collection.engine import _WARNING_GATE, scope_cues

    pattern, depth, alts, cur = scope_cues().warning_voice_rx.pattern, 0, [], ""
    for ch in pattern:
        depth += 1 if ch in "([" else (-1 if ch in ")]" else 0)
        if ch == "|" and depth == 0:
            alts.append(cur)
            cur = ""
        else:
            cur += ch
    alts.append(cur)
    assert len(alts) > 10
    for alt in alts:
        literal = "".join(ch for ch in alt.split("[^")[0].split("(?<")[0] if "\u4e00" <= ch <= "\u9fff")
        tail = alt.rsplit("(?:", 1)[-1]
        assert _WARNING_GATE.search(literal) or all(_WARNING_GATE.search(w) for w in tail.strip(")").split("|")), alt
