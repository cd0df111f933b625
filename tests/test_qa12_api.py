"""POST /api/v1/check with a pasted timestamped thread read it as one message (qa12); the CLI and the page read it
as a history. Now the API does too, says which in X-Xiezhi-Result, and plain messages are answered as before."""

from __future__ import annotations

import re

from conftest_api import is_problem

THREAD = ("2026-11-27 23:05 王主管：你再拖一天，我就把你欠钱的事发到你们单位群里\n"
          "2026-11-27 23:40 王主管：电话也不接是吧\n"
          "2026-11-28 00:30 我：下周发工资就还\n")
YEARLESS = "昨天 23:05 王主管：再不还钱明天就去你家\n昨天 23:45 王主管：接电话\n"


def test_plain_message_is_unchanged(api):
    r = api.post("/api/v1/check", json={"text": "您的账单已逾期，请尽快还款。"})
    assert r.status_code == 200 and r.headers["x-xiezhi-result"] == "check"
    assert "findings" in r.json() and "records" not in r.json()
    # a message of several lines without times is still one message
    r = api.post("/api/v1/check", json={"text": "您好，您的借款已逾期。\n请今天内处理，否则将通知您的紧急联系人。"})
    assert r.headers["x-xiezhi-result"] == "check" and "records" not in r.json()


def test_thread_gives_the_history_report(api):
    r = api.post("/api/v1/check", json={"text": THREAD})
    assert r.status_code == 200 and r.headers["x-xiezhi-result"] == "history"
    body = r.json()
    assert body["records"] == 3 and body["night_contacts"] == 2 and body["source"] == "粘贴的聊天记录"
    assert "harassment_time" in body["labels"]


def test_thread_can_be_read_as_one_message(api):
    r = api.post("/api/v1/check", json={"text": THREAD, "history": False})
    assert r.status_code == 200 and r.headers["x-xiezhi-result"] == "check" and "records" not in r.json()


def test_history_true_on_a_plain_message_is_a_400_in_chinese(api):
    r = api.post("/api/v1/check", json={"text": "您的账单已逾期，请尽快还款。", "history": True})
    is_problem(r, 400)
    assert "带时间的聊天记录" in r.json()["detail"]


def test_reference_date_and_its_note(api):
    r = api.post("/api/v1/check", json={"text": YEARLESS, "reference_date": "2026-03-02"})
    body = r.json()
    assert r.headers["x-xiezhi-result"] == "history" and body["timeline"][0]["at"].startswith("2026-03-01T23:05")
    assert any("2026-03-02" in n and "按 2026 年理解" in n for n in body["notes"])
    future = api.post("/api/v1/check", json={"text": YEARLESS, "reference_date": "2062-03-02"})
    is_problem(future, 400)
    assert "还没有到" in future.json()["detail"]


def test_schema_documents_both_results(api):
    spec = api.get("/api/v1/openapi.json").json()
    op = spec["paths"]["/api/v1/check"]["post"]
    schema = op["responses"]["200"]["content"]["application/json"]["schema"]
    refs = re.findall(r"#/components/schemas/(\w+)", str(schema))
    assert {"CheckResult", "HistoryReport"} <= set(refs)
    props = spec["components"]["schemas"]["CheckRequest"]["properties"]
    assert "history" in props and "reference_date" in props


def test_page_reads_a_yearless_thread_with_its_reference_date(client):
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    page = client.post("/check", data={"csrf": csrf, "text": YEARLESS, "today": "2026-03-02"})
    assert page.status_code == 200 and "记录分析" in page.text
    assert "说明：" in page.text and "2026-03-01" in page.text and "按 2026 年理解" in page.text
    bad = client.post("/check", data={"csrf": csrf, "text": YEARLESS, "today": "2062-03-02"})
    assert bad.status_code == 400 and "还没有到" in bad.text and "王主管" in bad.text  # the text is kept


def test_a_too_long_text_says_the_limit_and_where_long_threads_go(api):
    r = api.post("/api/v1/check", json={"text": "昨天 23:05 王主管：还钱\n" * 2000})
    assert r.status_code == 422
    detail = str(r.json())
    assert "最多 20000 字" in detail and "/api/v1/check/history" in detail
