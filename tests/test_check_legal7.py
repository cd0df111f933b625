"""Legal review 7 (ninth session): defects found in review and fixed by the lead, each as a lawful/unlawful pair in
new wording. The unlawful line must stay flagged next to the exception word; the lawful twin must stay compliant."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


@pytest.mark.parametrize("text", [
    "我们会依法起诉你，你全家都别想好过",
    "我们会走诉讼，你等着，让你一家老小都不得安生",
    "我们走法律程序，你全家老小都等着遭殃",
    "诉讼流程我们照走，你一家子都别想好过",
])
def test_a_lawful_step_does_not_cover_menace_of_the_whole_family(text: str) -> None:
    assert "intimidation" in analyze(text).labels
    assert "intimidation" in analyze(text, model=False).labels


@pytest.mark.parametrize("text", [
    "我们会依法起诉你，请你家人督促你还款",
    "我们将依法起诉，届时判决生效后可能影响你的出行",
])
def test_a_lawful_step_alone_stays_lawful(text: str) -> None:
    assert analyze(text).labels == ["compliant"]


def test_a_creditor_applying_for_enforcement_of_a_judgment_is_lawful() -> None:
    """申请法院强制执行 is the creditor's own application after a judgment (民诉法247), not the court acting with it."""
    assert analyze("法院判决已生效，但你仍拒不履行，我们将申请法院强制执行你的财产").labels == ["compliant"]


@pytest.mark.parametrize("text", [
    "我们申请法院强制执行，明天法警跟我们一起去你家搬东西",
    "我们请法院的人明天跟我们去你家查封",
])
def test_the_court_acting_with_the_collector_stays_false(text: str) -> None:
    assert "false_legal_threat" in analyze(text, model=False).labels
