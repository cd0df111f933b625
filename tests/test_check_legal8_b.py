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
