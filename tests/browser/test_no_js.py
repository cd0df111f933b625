"""The pages work with JavaScript switched off (plain forms, POST/redirect/GET)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def nojs(browser, server):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False, base_url=server)
    yield ctx.new_page()
    ctx.close()


def test_assessment_and_check_without_javascript(nojs):
    page = nojs
    page.goto("/assess/q")
    page.get_by_label("银行（含信用卡）").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_role("button", name="下一步").click()  # lender name may stay empty
    page.get_by_role("button", name="下一步").click()  # no figures
    page.get_by_label("不到 30 天").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("有人上门（家里、单位或老家）").check()
    page.get_by_role("button", name="下一步").click()
    assert "上门时发生了什么" in page.content()
    page.get_by_role("link", name="上一步").click()  # back keeps the earlier answers
    assert page.get_by_label("有人上门（家里、单位或老家）").is_checked()
    page.get_by_role("button", name="下一步").click()
    page.get_by_role("link", name="跳过剩下的问题，直接看结果").click()
    assert page.get_by_role("heading", name="你的评估结果").is_visible()
    assert page.get_by_text("你可以不让催收人员进门").is_visible()

    page.goto("/check")
    page.get_by_label("要检测的文字").fill("再不还钱，今晚就上门找你家人，还要爆你通讯录！")
    page.get_by_role("button", name="开始检测").click()
    assert page.get_by_role("heading", name="检测结果").is_visible()
    assert page.locator(".msg mark").count() >= 1


def test_evidence_correct_and_withdraw_without_javascript(nojs):
    page = nojs
    page.goto("/evidence/new?kind=call")
    page.get_by_label("发生时间").fill("2026-03-16T21:40")
    page.get_by_label("对方号码").fill("95000000")
    page.get_by_label("内容").fill("【无脚本】对方说今晚就去我老家。")
    page.get_by_role("button", name="保存证据").click()
    original = page.url.split("?")[0]
    page.locator("#correct > summary").click()  # <details> opens without JavaScript
    page.locator("#c-occurred_at").fill("2026-03-16T22:40")
    page.locator("#c-reason").fill("时间记早了一小时")
    page.get_by_role("button", name="保存更正").click()
    assert page.get_by_text("已保存更正。").is_visible()
    assert "2026-03-16 22:40" in page.locator("table.facts").inner_text()
    page.goto(original)
    assert page.get_by_text("已更正：这是更正前的旧内容。").is_visible()
    page.get_by_role("link", name="看更正后的内容", exact=False).click()
    page.locator("#withdraw > summary").click()
    page.locator("#w-reason").fill("打错了，是快递员")
    page.get_by_role("button", name="确认撤回").click()
    assert page.get_by_text("已撤回。").is_visible()
