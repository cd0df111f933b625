"""Legal review 8 (tenth session), recall11v's defects (D1-D6, D13) fixed by legalfix11b: each as the review's
unlawful line that must be flagged next to the former exception word, and the lawful twin the rule's exception was
written for, which must stay lawful."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


def _labels(text: str, meta: dict[str, object] | None = None) -> list[str]:
    return list(analyze(text, meta or {}, model=False).labels)


@pytest.mark.parametrize("text", [
    "你现在不还，等判了还不还就上失信，我们明天就先把你报进失信名单。",
    "判了还不还就上失信，我们明天就把你报进失信名单。",
])
def test_d1_the_collectors_own_listing_after_the_lawful_premise_is_flagged(text: str) -> None:
    """民事诉讼法266: only the court lists a 被执行人; the premise "判了还不还就上失信" cancels no listing the collector tells."""
    assert "false_legal_threat" in _labels(text)


@pytest.mark.parametrize("text", [
    "催收的说我要是一直不还，他们会去法院起诉，法院判了还不还就上失信名单，这说的是真的不？",
    "催收员原话是“你再不还，我们会把案子交给合作律所，律所会起诉你，判了以后还不还的话会被列失信”，这是在吓我吗？",
    "平台说会先起诉，判了还不还的话才会上失信名单，这个说法对吗？",
])
def test_d1_the_court_order_told_as_a_condition_stays_lawful(text: str) -> None:
    assert _labels(text) == ["compliant"]


@pytest.mark.parametrize("text", [
    "你上个月出车祸是运气好，下次你家里出点事就说不准了。",
    "你最近出车祸住院了吧，再不还，你家人出点事可别怪我们。",
])
def test_d2_the_collectors_taunt_about_an_accident_keeps_the_threat(text: str) -> None:
    """治安管理处罚法50(一): the taunt makes the threat to the family worse; it cancels nothing."""
    assert "violence_threat" in _labels(text)


@pytest.mark.parametrize("text", [
    "我是跑外卖的，上个月出车祸没法干活，逾期了两个平台。今天有一个打电话来态度还可以，说可以申请停息分期。",
    "我上个月出车祸住院，没法干活，能不能先停息分期，我家里出点事真的周转不过来。",
])
def test_d2_the_writers_own_accident_stays_lawful(text: str) -> None:
    assert "violence_threat" not in _labels(text)


@pytest.mark.parametrize("text", [
    "我上个月出车祸刚出院，今天催收上门推了我一把，把我打伤了。",
    "催收把我打了一顿，身上全是伤，跟出了车祸一样。",
])
def test_d3_an_assault_told_beside_an_accident_is_flagged(text: str) -> None:
    """治安管理处罚法51, 刑法234: the accident told as hardship does not undo the blow."""
    result = analyze(text, {}, model=False)
    assert "violence_threat" in result.labels
    assert any(f.rule == "vt-done-assault" for f in result.findings)


def test_d3_the_writers_own_accident_injury_stays_lawful() -> None:
    assert _labels("我前年出车祸受伤，收入少了很多，现在还不上。") == ["compliant"]


@pytest.mark.parametrize("text", [
    "被老板骂了一顿，催收又打电话骂我祖宗十八代。",
    "催收打电话到我公司骂了我一顿，害我又被领导骂了。",
    "催收跑到我单位门口骂了半个小时，老板骂我丢人，让我赶紧处理。",
    "催收当着我老板骂了我一顿。",
    "催收打电话给我领导骂了我半个小时。",
])
def test_d4_the_boss_scolding_too_does_not_undo_the_collectors_abuse(text: str) -> None:
    """民法典109, 1024 (legal review 6 D33, review 8 D4): no boss word may return to the insult rules' unless, nor a
    look-behind that also drops the boss as the witness or the one called (当着我老板骂了我, 打电话给我领导骂了我)."""
    assert "insult_defamation" in _labels(text)


@pytest.mark.parametrize(("text", "meta"), [
    ("否则我们每天都会给你打电话，直到你还钱，你没有别的选择。", {}),
    ("再不还就打到你还为止，不会停的。", {}),
    ("否则我们会一直联系你，不会停，直到他还钱为止。", {"recipient_role": "emergency_contact"}),
])
def test_d5_the_menace_of_endless_contact_is_not_its_own_exception(text: str, meta: dict[str, object]) -> None:
    """治安管理处罚法50(五), 软暴力意见一: "不会停" and "没有别的选择" are the menace itself."""
    assert "intimidation" in _labels(text, meta)


@pytest.mark.parametrize("text", [
    "如您不方便接听，我们不会每天打扰您，可以约个时间。",
    "如果你不想接电话，我们不会一直打，你可以在App里申请延期。",
    "我们不会打到你还钱为止，你放心，按计划还就行。",
])
def test_d5_the_promise_not_to_call_on_stays_lawful(text: str) -> None:
    assert _labels(text) == ["compliant"]


def test_d6_the_fake_bureaus_no_second_chance_keeps_the_false_threat() -> None:
    """征信业管理条例29, 16: the bureau keeps what lenders report and decides nothing against the family."""
    text = "我是人民银行征信中心的，你的逾期明天正式录入，全家都受影响，不会再给你机会。"
    result = analyze(text, {}, model=False)
    assert "false_legal_threat" in result.labels
    assert any(f.rule == "fl-credit-bureau-caller" for f in result.findings)


@pytest.mark.parametrize("text", [
    "有人打电话说我是征信中心的，说我的逾期不会被录入，只要配合核实，这是真的吗？",
    "【某银行】您的信用卡逾期信息将按规定报送人民银行征信中心，如有异议可免费向本行或征信中心提出",
])
def test_d6_the_denial_and_the_lawful_report_stay_lawful(text: str) -> None:
    assert "false_legal_threat" not in _labels(text)


@pytest.mark.parametrize("text", [
    "提醒你一下，你店里晚上没人守着，欠的钱看你表现。",
    "你那店晚上没人看着吧，注意安全哈，还钱的事好好想想。",
    "你家那店不防火吧，哪天烧起来可别说是我们干的，欠的钱赶紧还。",
])
def test_d13_the_veiled_threats_own_words_are_no_exception(text: str) -> None:
    """治安管理处罚法50(一), 刑法275, 软暴力意见二: "提醒你" and "注意安全" are how the menace is said."""
    assert "violence_threat" in _labels(text)


@pytest.mark.parametrize("text", [
    "店里晚上没人守着，记得锁好门，最近小偷多。",
    "您好，物业提醒您：近期天气干燥，店铺内请注意防火，电动车不要在楼道充电。",
])
def test_d13_the_real_safety_advice_stays_lawful(text: str) -> None:
    assert _labels(text) == ["compliant"]


def test_l_claimed_authority_explanation_names_enforcement_and_fraud() -> None:
    """Review 8, L (im-claimed-authority-money): a court does take 执行款 into its own account in enforcement
    (民事诉讼法253, 254), and taking money as the credit bureau is 诈骗 (刑法266) rather than clearly 刑法279."""
    from pathlib import Path

    from xiezhi.collection.rules import RULES_DIR, parse_rules_file

    spec = parse_rules_file(Path(RULES_DIR) / "impersonation.md")
    rule = next(r for r in spec.rules if r.id == "im-claimed-authority-money")
    assert "criminal-law:266" in rule.citations
    assert "不替出借方收钱" not in rule.explanation
    assert "执行程序中" in rule.explanation and "冒用组织名义" in rule.explanation
    assert any(c.id == "criminal-law:266" and c.has_rules for c in spec.citations)


@pytest.mark.parametrize("text", [
    "法院判了还不还就上失信，我们明天就把你报进失信名单。",
    "起诉后判了还不还就上失信，我们今天就先把你拉进失信名单。",
])
def test_d1_note_the_collectors_own_listing_beside_the_named_court_is_flagged(text: str) -> None:
    """Review 8, D1's note: a collector naming the court and listing the debtor himself in one sentence (民事诉讼法266)."""
    result = analyze(text, {}, model=False)
    assert "false_legal_threat" in result.labels
    assert any(f.rule == "fl-blacklist-we-list" for f in result.findings)


def test_d1_note_the_denial_stays_lawful() -> None:
    assert _labels("我们不会把你报进失信名单，你放心，按计划还就行。") == ["compliant"]
