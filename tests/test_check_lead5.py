"""Fees named for a legal or administrative step (调解费, 撤案费, 消档费, 方案审核费 …) that a collector demands are
fees the contract does not name (`if-fee-general`, fifth session's lead, from a probe of the final engine: a
self-styled mediation centre's "调解费" came out compliant). Naming or refusing such a fee stays lawful, and so does a
warning that someone may pose as a mediation centre (it was read as impersonation)."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


@pytest.mark.parametrize("text", [
    "我们是某某市金融纠纷调解中心，你的案子已经进入诉前调解，先交调解费600元",
    "想撤案的话交2000撤案费，我们马上帮你撤",
    "交300元消档费，逾期记录就给你消掉",
    "分期方案要先交方案审核费199元才能办理",
])
def test_a_fee_for_a_legal_step_is_illegal_fee(text: str) -> None:
    assert "illegal_fee" in analyze(text, model=False).labels
    assert "illegal_fee" in analyze(text).labels


@pytest.mark.parametrize("text", [
    "人民调解委员会调解纠纷不收取调解费，如有人以调解中心名义收费请报警",
    "我想问一下，对方说要交调解费，这个是真的吗？",
    "本行办理分期不收取任何方案审核费，请勿相信他人",
    "如有人冒充调解中心收费，请报警",  # a warning, not an impersonation (im-fake-lawyer-or-lender's 有人 near word)
])
def test_refusing_or_asking_about_such_a_fee_is_lawful(text: str) -> None:
    assert analyze(text, model=False).labels == ["compliant"]
    assert analyze(text).labels == ["compliant"]
