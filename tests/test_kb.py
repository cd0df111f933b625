"""Knowledge cards: every shipped card validates; the loader and validator catch writers' mistakes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from xiezhi.kb import Card, card_files, load_cards, parse_card, title_similarity, validate_cards

GOOD = """---
id: {id}
title: {title}
phrasings:
  - 问法一{id}
  - 问法二{id}
  - 问法三{id}
  - 问法四{id}
category: visits
conclusion: 可能会，但上门必须文明，不得威胁或闯入。
steps:
  - 录音录像。
  - 报警。
citations: [{citation}]
see_lawyer_when: 对方闯入住宅时。
related: [{related}]
reviewed: 2026-11-28
---
{body}
"""
BODY = "借了钱就要按约定还。" * 20  # 200 characters


def write(tmp: Path, card_id: str, **kw: str) -> Path:
    values = {"id": card_id, "title": f"标题{card_id}", "citation": "civil-code:675", "related": "",
              "body": BODY}
    values.update(kw)
    p = tmp / f"{card_id}.md"
    p.write_text(GOOD.format(**values), encoding="utf-8")
    return p


def test_all_shipped_cards_validate(corpus) -> None:
    """The writers' test: every problem in every card file is listed, one per line."""
    paths = card_files()
    if not paths:
        pytest.skip("no cards shipped yet (src/xiezhi/data/cards is empty)")
    cards, parse_issues = load_cards()
    issues = [*parse_issues, *validate_cards(cards, resolve=corpus.article)]
    assert not issues, f"{len(issues)} problem(s) in {len(paths)} cards:\n" + "\n".join(map(str, issues))


def test_good_card_parses(tmp_path: Path, corpus) -> None:
    write(tmp_path, "a-card", related="b-card")
    write(tmp_path, "b-card", title="完全不同的另一个问题", related="a-card")
    cards, issues = load_cards(tmp_path)
    assert not issues
    assert {c.id for c in cards} == {"a-card", "b-card"}
    a = next(c for c in cards if c.id == "a-card")
    assert a.see_lawyer_when == ["对方闯入住宅时。"]
    assert a.reviewed == date(2026, 11, 28)
    assert a.analysis.startswith("借了钱")
    assert validate_cards(cards, resolve=corpus.article) == []


def test_unknown_key_and_missing_key_name_the_file(tmp_path: Path) -> None:
    p = write(tmp_path, "x")
    p.write_text(p.read_text(encoding="utf-8").replace("category: visits", "categroy: visits"), encoding="utf-8")
    card, issues = parse_card(p)
    assert card is None
    messages = " ".join(i.message for i in issues)
    assert "categroy" in messages and "category" in messages
    assert all(i.path == "x.md" for i in issues)


def test_missing_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "y.md"
    p.write_text("# no front matter\n", encoding="utf-8")
    card, issues = parse_card(p)
    assert card is None and "YAML" in issues[0].message


def test_id_must_match_file_name(tmp_path: Path) -> None:
    p = write(tmp_path, "right")
    p.rename(tmp_path / "wrong.md")
    card, issues = parse_card(tmp_path / "wrong.md")
    assert card is not None and "文件名" in issues[0].message


@pytest.mark.parametrize(
    ("kw", "needle"),
    [
        ({"citation": "civil-code:99999"}, "无法解析"),
        ({"related": "no-such-card"}, "不存在"),
        ({"body": "太短了。"}, "analysis"),
        ({"body": "很长。" * 400}, "analysis"),
    ],
)
def test_validation_catches(tmp_path: Path, corpus, kw: dict[str, str], needle: str) -> None:
    write(tmp_path, "c", **kw)
    cards, _ = load_cards(tmp_path)
    issues = validate_cards(cards, resolve=corpus.article)
    assert any(needle in i.message for i in issues), issues


def test_long_conclusion_and_few_phrasings(corpus) -> None:
    card = Card(id="z", title="问题", phrasings=["一", "二"], category="c", conclusion="长" * 81,
                steps=["做"], citations=["civil-code:675"], see_lawyer_when=["时"], related=[],
                reviewed=date(2026, 1, 1), analysis="析" * 200)
    messages = " ".join(i.message for i in validate_cards([card], resolve=corpus.article))
    assert "超过 80 字" in messages and "phrasings" in messages


def test_near_duplicate_titles(tmp_path: Path, corpus) -> None:
    write(tmp_path, "p", title="网贷逾期后催收会上门吗？")
    write(tmp_path, "q", title="网贷逾期后，催收会上门吗")
    cards, _ = load_cards(tmp_path)
    issues = validate_cards(cards, resolve=corpus.article)
    assert any("几乎相同" in i.message for i in issues)
    assert title_similarity("网贷逾期会坐牢吗", "信用卡被冻结怎么办") < 0.2
