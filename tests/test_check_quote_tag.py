"""A template SMS's sender tag (【平台名】) is not part of the quoted evidence: the quote used to start inside the tag
("速借宝】再不还钱…") because the normalised "[" was trimmed but the tag's name and "】" were not."""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze


@pytest.mark.parametrize("text", ["【速借宝】再不还钱，我们就去你单位找你领导",
                                  "【速借宝】张某，再不还钱，我们就去你单位找你领导。退订回T",
                                  "[催收中心] 再不还就上门"])
def test_quote_starts_after_the_sender_tag(text: str) -> None:
    result = analyze(text, model=False)
    assert result.findings
    for f in result.findings:
        assert "】" not in f.quote and "]" not in f.quote
        assert text[f.span[0]:f.span[1]] == f.quote
        assert f.quote.startswith(("再不还", "张某"))


def test_a_bracket_inside_the_threat_is_kept() -> None:
    """Only a tag that closes before the matched words is skipped: a bracket around the threat itself stays quoted."""
    text = "【再不还钱我们就上门】"
    result = analyze(text, model=False)
    assert any("上门" in f.quote for f in result.findings)
