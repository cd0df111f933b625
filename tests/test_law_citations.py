"""The citation resolver against hand-written cases, including malformed ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from xiezhi.law import CitationError, scan_citations

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "law" / "citations.yaml").read_text(encoding="utf-8"))
ALLOWED = {"text", "id", "error", "date", "kuan", "xiang"}


def test_enough_cases() -> None:
    assert len(CASES) >= 40
    assert sum(1 for c in CASES if "error" in c) >= 10


@pytest.mark.parametrize("case", CASES, ids=[str(c["text"]) or "<empty>" for c in CASES])
def test_resolve(corpus, case: dict) -> None:
    assert set(case) <= ALLOWED, f"unknown keys {set(case) - ALLOWED}"
    assert ("id" in case) != ("error" in case)
    day = case.get("date")
    assert day is None or isinstance(day, date)
    if "error" in case:
        with pytest.raises(CitationError) as info:
            corpus.resolve(str(case["text"]), on=day)
        assert case["error"] in str(info.value)
        return
    cit = corpus.resolve(str(case["text"]), on=day)
    assert cit.article_id == case["id"]
    assert cit.kuan == case.get("kuan")
    assert cit.xiang == case.get("xiang")
    assert corpus.has(cit.article_id)


def test_default_date_is_today_and_current_version(corpus) -> None:
    assert corpus.resolve("治安管理处罚法第五十条").article_id == "public-security-punishments-law:50"
    assert corpus.resolve("治安管理处罚法第五十条", on=date(2025, 12, 31)).article_id == (
        "public-security-punishments-law-2012:50"
    )


def test_errors_name_closest_valid_forms(corpus) -> None:
    with pytest.raises(CitationError) as info:
        corpus.resolve("民法典第1300条")
    assert "第一千二百六十条" in " ".join(info.value.hints)
    with pytest.raises(CitationError) as info:
        corpus.resolve("个人信息保户法第13条")
    assert any("个人信息保护法" in h for h in info.value.hints)


def test_scan_free_text(corpus) -> None:
    text = "依据民法典第六百七十条、第六百八十条和《民间借贷司法解释》第二十五条至第二十八条，以及刑法293条之一。"
    scan = scan_citations(corpus, text)
    ids = [c.article_id for c in scan.citations]
    assert ids == [
        "civil-code:670", "civil-code:680",
        "private-lending-provisions:25", "private-lending-provisions:26",
        "private-lending-provisions:27", "private-lending-provisions:28",
        "criminal-law:293-1",
    ]
    assert not scan.errors
    first = scan.citations[0]
    assert first.span is not None and text[first.span[0]:first.span[1]] == "第六百七十条"


def test_scan_finds_version_years_around_the_name(corpus) -> None:
    text = "按2012年治安管理处罚法第四十二条和治安管理处罚法（2025年修订文本）第五十条处理"
    ids = [c.article_id for c in scan_citations(corpus, text).citations]
    assert ids == ["public-security-punishments-law-2012:42", "public-security-punishments-law:50"]


def test_scan_reports_unknown_instrument(corpus) -> None:
    scan = scan_citations(corpus, "根据《劳动合同法》第五条，以及民法典第9999条")
    assert not scan.citations
    assert len(scan.errors) == 2
