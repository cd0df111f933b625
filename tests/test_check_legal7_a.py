"""Legal review 7 (ninth session), helper "legalfix10a": the engine10, precision10 and recall10c defects, each as a
pair in new wording: the review's wrong output now right, and the case the rule or mechanism was written for still
right. Rules only (`model=False`) unless the classifier is part of the point."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


def _labels(text: str) -> list[str]:
    return analyze(text, model=False).labels


# D1 (H, engine10 `_DEFAULT_GOES_ON`): a turn to the debtor's continuing default keeps an exception before it only
# when a court's order stands before the turn (the lawful order's premise); otherwise it ends the exception like
# "但你再不还" (治安管理处罚法 第五十条第一款第一项).
@pytest.mark.parametrize(("label", "text"), [
    ("violence_threat", "我们公司一向文明催收，但你始终不还，我就找几个人卸你一条胳膊。"),
    ("violence_threat", "我们从不暴力催收，但你一直不还，我就让人打断你的腿。"),
    ("unlawful_visit", "我们是正规公司不会上门，但你还是不还的话，我们就带人去你家堵门。"),
    ("third_party_contact", "我们不会爆通讯录，但你迟迟不还，我们就把你欠钱的事发给你所有联系人。"),
])
def test_d1_continuing_default_without_an_order_ends_the_exception(label: str, text: str) -> None:
    assert label in _labels(text)


@pytest.mark.parametrize("text", [
    "判决已生效，但你仍未履行，本行将依法向法院申请强制执行",
    "调解书已经生效，但您一直未按期还款，我们将依法申请法院强制执行",
])
def test_d1_continuing_default_after_an_order_stays_lawful(text: str) -> None:
    assert analyze(text).labels == ["compliant"]
