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
