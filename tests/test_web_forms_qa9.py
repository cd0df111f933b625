"""Plan and letter forms: errors name the boxes in Chinese, no model field names, no advice for another field (qa9)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from conftest_web import form_error
from xiezhi.validation import problem
from xiezhi.web.app import create_app

DEBT = {"d0_platform": "速借宝", "d0_principal": "10000", "d0_contract_date": "2024-03-01"}


@pytest.mark.parametrize(("change", "label"), [
    ({"monthly_income": "-1"}, "每月收入"), ({"dependants": "-2"}, "抚养"), ({"d0_principal": "-3"}, "尚欠本金"),
    ({"monthly_income": "1e30"}, "每月收入"),
])
def test_plan_errors_are_plain_chinese(client, change, label):
    r = client.get("/plan", params={"monthly_income": "5000", **DEBT, **change})
    err = form_error(r.text)
    assert r.status_code == 400 and label in err
    assert not re.search(r"[A-Za-z_]{4,}", err), err
    assert "0.18" not in err  # the rate hint belongs to rate fields only


@pytest.mark.parametrize(("change", "label"), [({"monthly": "-5", "months": "12"}, "每月能还"),
                                               ({"monthly": "500", "months": "abc"}, "分几个月")])
def test_letter_errors_are_plain_chinese(client, change, label):
    html = client.get("/letters").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
    r = client.post("/letters", data={"csrf": csrf, "kind": "negotiation", "borrower_name": "张三", "lender_name": "速借宝",
                                      "hardship": "失业", **change})
    err = form_error(r.text)
    assert r.status_code == 400 and label in err, err
    assert not re.search(r"[A-Za-z_]{4,}", err), err


def test_rate_hint_only_on_rate_fields():
    income = {"type": "less_than_equal", "loc": ("monthly_income",), "ctx": {"le": 10**12}, "input": "1e30"}
    rate = {"type": "less_than_equal", "loc": ("schedule", "annual_rate"), "ctx": {"le": 100}, "input": "999"}
    assert "0.18" not in problem(income) and "0.18" in problem(rate)


@pytest.mark.parametrize(("when", "words"), [("2099-01-01T10:00", "还没有到"), ("", "请填写发生时间")])
def test_evidence_time_in_the_future_or_missing_is_refused(client, when, words):
    html = client.get("/evidence/new").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
    r = client.post("/evidence/new", data={"csrf": csrf, "kind": "sms", "occurred_at": when, "text": "再不还钱就上门"},
                    follow_redirects=False)
    assert r.status_code == 400 and words in form_error(r.text)
    assert "再不还钱就上门</textarea>" in r.text


def test_cli_evidence_refuses_a_future_time():
    from datetime import datetime

    from xiezhi.errors import InputError
    from xiezhi.evidence.util import incident_input

    with pytest.raises(InputError, match="还没有到"):
        incident_input(kind="sms", occurred_at=datetime(2099, 1, 1), text="x")


def test_letter_error_opens_the_section_holding_the_missing_fields(client):
    """'还缺少：你目前的困难情况' pointed at a box inside a closed <details>; the user could not see where to type."""
    html = client.get("/letters").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
    r = client.post("/letters", data={"csrf": csrf, "kind": "negotiation", "borrower_name": "张三", "lender_name": "速借宝"})
    assert r.status_code == 400 and "困难" in form_error(r.text)
    assert re.search(r"<details open>\s*<summary>协商还款", r.text)


def test_future_check_takes_aware_times():
    from datetime import UTC, datetime

    from xiezhi.errors import InputError
    from xiezhi.evidence.util import not_in_future

    assert not_in_future(datetime(2000, 1, 1, tzinfo=UTC))
    with pytest.raises(InputError):
        not_in_future(datetime(2099, 1, 1, tzinfo=UTC))


def test_law_search_accepts_a_pasted_paragraph(client):
    paragraph = "借款的利息不得预先在本金中扣除。利息预先在本金中扣除的，应当按照实际借款数额返还借款并计算利息。" * 6
    r = client.get("/law", params={"q": paragraph})
    assert r.status_code == 200 and "第六百七十条" in r.text


def test_long_unbroken_text_wraps_on_a_phone():
    from pathlib import Path

    import xiezhi.web

    css = (Path(xiezhi.web.__file__).parent / "static" / "style.css").read_text(encoding="utf-8")
    msg_rule = re.search(r"\.msg\{[^}]*\}", css).group(0)
    assert "overflow-wrap:anywhere" in msg_rule  # a collector's 200-character link widened the page to 2,094 px


def test_evidence_file_too_big_keeps_what_was_written(tmp_path, monkeypatch):
    from xiezhi.web.settings import WebSettings

    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    with TestClient(create_app(WebSettings(max_upload_bytes=4000))) as c:
        html = c.get("/evidence/new").text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
        r = c.post("/evidence/new", data={"csrf": csrf, "kind": "sms", "occurred_at": "2026-03-01T10:00",
                                          "text": "我写了很久的经过"},
                   files={"files": ("big.jpg", b"\xff\xd8\xff" + b"x" * 5000, "image/jpeg")}, follow_redirects=False)
    assert r.status_code == 413 and "文件太大" in r.text
    assert "我写了很久的经过</textarea>" in r.text
