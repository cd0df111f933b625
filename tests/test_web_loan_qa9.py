"""Loan page errors speak the form's language and keep the form (qa9)."""

from __future__ import annotations

import re

import pytest

from conftest_web import form_error

BASE = {"principal": "10000", "contract_date": "2024-03-01", "months": "12", "annual_rate": "18"}


@pytest.mark.parametrize(("change", "words"), [
    ({"principal": "-100"}, "合同借款金额"),
    ({"received": "20000"}, "实际到手金额"),
    ({"annual_rate": "-5"}, "合同年利率"),
    ({"annual_rate": "99999"}, "合同年利率"),
    ({"claimed_amount": "-5"}, "平台或催收要求还"),
    ({"monthly_payment": "-1", "annual_rate": ""}, "每期还款"),
])
def test_errors_name_the_form_field_in_chinese(client, change, words):
    r = client.get("/loan", params={**BASE, **change})
    assert r.status_code == 400
    err = form_error(r.text)
    assert words in err
    assert not re.search(r"[A-Za-z_]{4,}", err), err  # no principal / schedule → annual_rate
    assert f'value="{next(iter(change.values()))}"' in r.text  # the input is kept


def test_absurd_amount_keeps_the_form(client):
    r = client.get("/loan", params={**BASE, "principal": "1e30"})
    assert r.status_code == 400 and "合同借款金额" in form_error(r.text)
    assert 'value="1e30"' in r.text and 'name="principal"' in r.text


def test_amounts_as_people_type_them():
    from decimal import Decimal

    from xiezhi.money import to_decimal

    assert to_decimal("1万") == Decimal("10000") and to_decimal("1.5万") == Decimal("15000")
    assert Decimal(to_decimal("１２，０００元")) == Decimal("12000")  # full-width digits from a phone keyboard
    assert to_decimal("万") == "万"  # left for the validator to refuse


def test_loan_page_accepts_wan(client):
    r = client.get("/loan", params={**BASE, "principal": "1万"})
    assert r.status_code == 200 and "计算结果" in r.text
