"""Every flow in headless Chromium at 390x844 and 1280x800; screenshots go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
DISCLAIMER = "法律信息，不是法律意见；具体案件请咨询律师或拨打 12348。"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.viewport_name}.png"), full_page=True)


def shot_screen(page, name: str) -> None:
    """What the person sees without scrolling."""
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.viewport_name}.png"))


def in_first_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_assessment_threatening_visit(page):
    page.goto("/")
    shot(page, "home")
    page.get_by_role("link", name="开始自助评估").click()
    page.get_by_label("小额贷款公司（含网络小贷）").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("平台或出借方名称").fill("某某借款App")
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("合同借款金额（元）").fill("10000")
    page.get_by_label("实际到手金额（元）").fill("8000")
    page.get_by_label("借款日期").fill("2025-03-01")
    page.get_by_label("分几期（月）").fill("12")
    page.get_by_label("每期还款（元）").fill("1000")
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("30 到 90 天").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("有人上门（家里、单位或老家）").check()
    page.get_by_label("威胁、恐吓我").check()
    shot(page, "assess-question")
    page.evaluate("window.scrollTo(0, 0)")
    shot_screen(page, "assess-question-screen")
    # a long list of choices: the 下一步 button stays on screen instead of hiding below the fold
    assert in_first_screen(page, page.get_by_role("button", name="下一步"))
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("要打我、伤害我或家人").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("让他们走也不走、堵门").check()
    page.get_by_label("砸门、泼漆、贴纸条、喷字").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("没有", exact=True).check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("暂时完全还不上").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("补充描述").fill("昨晚十一点两个人来我家砸门，说再不还钱就找人收拾我。")
    page.get_by_role("button", name="下一步").click()
    page.wait_for_url("**/assess/result**")
    assert page.get_by_role("heading", name="你的评估结果").is_visible()
    assert "现在最要紧的一步" in page.locator(".summary").inner_text()
    for text in ["你可以不让催收人员进门", "人身安全受到威胁时，立即拨打 110", "被预先扣掉的钱不算借款本金",
                 "真实年化利率（IRR）", DISCLAIMER]:
        assert page.get_by_text(text).first.is_visible(), text
    cite = page.locator("#block-right-refuse-entry details.cite").first
    cite.locator("summary").click()
    assert "非法侵入他人住宅" in cite.inner_text()
    no_horizontal_scroll(page)
    shot(page, "assess-result")
    page.locator("#block-step-call-110").get_by_role("link", name="记录这次上门").click()
    assert page.get_by_label("类型").input_value() == "visit"


def test_ask_signature_question(page):
    page.goto("/ask")
    page.get_by_label("用自己的话提问").fill("网贷逾期后，催收人员真的会上门吗？")
    page.get_by_role("button", name="提问").click()
    assert page.get_by_role("heading", name="网贷逾期后，催收人员真的会上门吗？").is_visible()
    page.locator("details.cite summary").first.click()
    assert page.locator("details.cite[open] .law").first.is_visible()
    assert page.get_by_role("heading", name="相关问题").is_visible()
    no_horizontal_scroll(page)
    shot(page, "ask")


def test_check_pasted_sms(page):
    page.goto("/check")
    page.get_by_label("要检测的文字").fill("【XX金融】你已严重逾期，今晚再不还钱，我们就上门找你家人，打断你的腿，还要爆你通讯录！")
    page.get_by_role("button", name="开始检测").click()
    assert page.get_by_role("heading", name="检测结果").is_visible()
    assert in_first_screen(page, page.get_by_role("heading", name="检测结果"))  # no scrolling to find it
    assert page.locator(".msg mark").count() >= 1
    assert page.locator(".finding").count() >= 1
    no_horizontal_scroll(page)
    shot(page, "check")


def test_loan_cut_head(page):
    page.goto("/loan")
    page.get_by_label("合同借款金额（元）").fill("10000")
    page.get_by_label("实际到手金额（元）").fill("8000")
    page.get_by_label("借款日期").fill("2025-03-01")
    page.get_by_label("出借方类型").select_option("microloan")
    page.get_by_label("分几期（月）").fill("12")
    page.get_by_label("每期还款（元）").fill("1000")
    page.get_by_role("button", name="计算").click()
    assert page.get_by_role("heading", name="计算结果").is_visible()
    assert in_first_screen(page, page.get_by_role("heading", name="计算结果"))
    assert page.locator("svg.chart rect").count() >= 12
    assert "8,000.00" in page.locator(".figures").inner_text()
    no_horizontal_scroll(page)
    shot(page, "loan")


def test_evidence_add_and_export(page, tmp_path):
    photo = tmp_path / "门口.png"
    try:  # a photo-sized image when Pillow is there (test extra), else a 1x1 PNG
        from PIL import Image, ImageDraw

        im = Image.new("RGB", (480, 320), "#d8dee6")
        draw = ImageDraw.Draw(im)
        draw.rectangle((150, 40, 330, 300), fill="#8a6d4b", outline="#3b2f22", width=6)
        draw.ellipse((295, 165, 315, 185), fill="#e2c275")
        im.save(photo)
    except ImportError:
        photo.write_bytes(PNG)
    page.goto("/evidence/new?kind=visit")
    page.get_by_label("发生时间").fill("2026-03-14T23:10")
    page.get_by_label("对方号码").fill("17000000000")
    page.get_by_label("内容").fill("两个催收人员堵在我家门口，让他们走也不走。")
    page.get_by_label("照片、截图、录音").set_input_files(str(photo))
    page.get_by_role("button", name="保存证据").click()
    assert page.get_by_text("已保存。").is_visible()
    assert page.locator("img[alt^='附件']").count() == 1
    shot(page, "evidence-item")
    page.goto("/evidence")
    assert page.locator(".evlist li").count() >= 1
    with page.expect_download() as dl:
        page.get_by_role("link", name="导出证据包（ZIP）").click()
    path = dl.value.path()
    assert Path(path).read_bytes()[:2] == b"PK"
    shot(page, "evidence-list")


def test_letter_draft(page):
    page.goto("/letters?kind=complaint")
    if page.get_by_text("此功能尚未就绪").count():
        pytest.skip("letters capability not installed: the page shows the not-ready notice")
    page.get_by_label("你的姓名").fill("李小明")
    page.get_by_label("你的电话").fill("13800000000")
    page.get_by_label("出借机构或平台").fill("乙消费金融有限公司")
    page.get_by_label("出借方类型").select_option("consumer_finance")
    page.get_by_label("事情经过").fill("催收人员多次在深夜给我打电话，还打给我的同事。")
    page.get_by_role("button", name="生成文书").click()
    assert page.get_by_role("heading", name="投诉书（草稿）").is_visible()
    assert in_first_screen(page, page.get_by_role("heading", name="投诉书（草稿）"))
    shot(page, "letter")
    with page.expect_download() as dl:  # download right under the draft, facts carried along
        page.get_by_role("button", name="下载 Word").click()
    assert Path(dl.value.path()).read_bytes()[:2] == b"PK"
    page.get_by_label("生成方式").select_option("pdf")
    with page.expect_download() as dl:
        page.get_by_role("button", name="生成文书").click()
    assert Path(dl.value.path()).read_bytes()[:5] == b"%PDF-"


def test_evidence_correct_and_withdraw(page):
    """A borrower fixes a wrong number, then withdraws a record that was not about collection at all."""
    tag = page.viewport_name
    page.goto("/evidence/new?kind=sms")
    page.get_by_label("发生时间").fill("2026-03-15T08:05")
    page.get_by_label("对方号码").fill("16500000000")
    page.get_by_label("内容").fill(f"【{tag}】今天不还款就联系你的紧急联系人和单位。")
    page.get_by_role("button", name="保存证据").click()
    assert page.get_by_text("已保存。").is_visible()
    original = page.url.split("?")[0]

    page.locator("#correct > summary").click()
    assert page.locator("#c-number").input_value() == "16500000000"  # pre-filled with the record
    assert page.evaluate(SMALL_TARGETS) == []
    page.locator("#c-reason").fill("号码抄错了")
    page.get_by_role("button", name="保存更正").click()  # nothing changed yet: refused, reason kept
    alert = page.locator("#correct [role=alert]")
    assert alert.is_visible() and "没有改动任何内容" in alert.inner_text()
    assert page.locator("#c-reason").input_value() == "号码抄错了"
    # the refusal is answered with 400, which Chromium logs; that one is expected, anything else is not
    page.console_errors[:] = [e for e in page.console_errors if "status of 400" not in e]
    no_horizontal_scroll(page)
    shot(page, "evidence-correct-error")
    page.locator("#c-number").fill("16500000001")
    page.get_by_role("button", name="保存更正").click()
    assert page.get_by_text("已保存更正。").is_visible()
    assert "16500000001" in page.locator("table.facts").inner_text()
    corrected = page.url.split("?")[0]
    assert corrected != original
    shot(page, "evidence-corrected")

    page.goto(original)
    assert page.get_by_text("已更正：这是更正前的旧内容。").is_visible()
    assert page.locator("#correct").count() == 0  # old versions cannot be changed again
    shot(page, "evidence-old-version")
    page.get_by_role("link", name=f"看更正后的内容（#{corrected.rsplit('/', 1)[1]}）").click()
    assert page.url.split("?")[0] == corrected

    page.locator("#withdraw > summary").click()
    assert page.get_by_text("撤回不是删除。").is_visible()
    page.locator("#w-reason").fill("这条是别的平台的，记错了")
    shot(page, "evidence-withdraw-form")
    page.get_by_role("button", name="确认撤回").click()
    assert page.get_by_text("已撤回。").is_visible()
    assert "这条是别的平台的，记错了" in page.locator(".status").inner_text()
    assert page.locator("#withdraw").count() == 0
    no_horizontal_scroll(page)
    shot(page, "evidence-withdrawn")

    page.goto("/evidence")
    entry = page.locator(".evlist li", has_text=f"【{tag}】")
    assert entry.count() == 1
    assert "已撤回" in entry.inner_text() and "这条是别的平台的，记错了" in entry.inner_text()
    no_horizontal_scroll(page)
    shot(page, "evidence-list-status")


TOUR = {"evidence-new": "/evidence/new", "plan": "/plan", "law": "/law", "law-article": "/law/civil-code:680",
        "evidence-verify": "/evidence/verify", "letters-form": "/letters"}
# A file picker's input is out of sight; its target is the label.filebtn next to it (file_picker in _macros.html).
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
  'main button, main a.btn, main select, main label.filebtn, header nav a, ' +
  'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not(.filepick input[type=file])'))
  .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 40)
  .map(e => (e.textContent || e.name || e.id).trim())"""


@pytest.mark.parametrize("name", list(TOUR))
def test_page_fits_and_targets_are_big_enough(page, name):
    page.goto(TOUR[name])
    assert page.get_by_text(DISCLAIMER).is_visible()
    no_horizontal_scroll(page)
    assert page.evaluate(SMALL_TARGETS) == []
    shot(page, f"tour-{name}")


def test_plan_two_loans(page):
    page.goto("/plan")
    if page.get_by_text("此功能尚未就绪").count():
        pytest.skip("plan capability not installed: the page shows the not-ready notice")
    assert not page.locator("#d1_platform").is_visible()  # optional loans stay folded until wanted
    page.get_by_label("每月收入（元，税后）").fill("5000")
    page.get_by_label("每月必要开支（元）").fill("3200")
    page.locator("#d0_platform").fill("某某借款App")
    page.locator("#d0_principal").fill("8000")
    page.locator("#d0_claimed_charges").fill("2600")
    page.get_by_text("还有第 2 笔借款？点这里填写").click()
    page.locator("#d1_platform").fill("某某分期")
    page.locator("#d1_principal").fill("3000")
    page.get_by_role("button", name="生成计划").click()
    heading = page.get_by_role("heading", name="你的还款计划")
    page.wait_for_load_state("load")
    assert heading.is_visible() and in_first_screen(page, heading)  # the result comes into view
    assert page.locator("#d1_platform").input_value() == "某某分期" and page.locator("#d1_platform").is_visible()
    no_horizontal_scroll(page)
    shot(page, "plan")
