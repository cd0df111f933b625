"""A history report cites each article once (qa11): a 20 MB SMS backup's JSON repeated each article's full text in
every one of its 65,000 findings and again in `message_results` (605 MB). A single message's output is unchanged."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "data" / "check" / "night-sms.csv"
THREAT = "你再不还钱，明天就把你欠钱的事发到你们公司群里"


@pytest.fixture(scope="module")
def many():
    """60 copies of one threat from one number over 20 days: the same articles cited 120 times."""
    from xiezhi.collection import analyze_history
    from xiezhi.history.records import HistoryRecord

    start = datetime(2026, 3, 1, 10, 0)
    return analyze_history([HistoryRecord(line=i + 2, at=start + timedelta(hours=8 * i), counterpart="10690000123",
                                          kind="sms", direction="in", text=THREAT) for i in range(60)])


def test_each_article_text_is_written_once(many):
    from xiezhi.law import get_corpus

    out = many.model_dump_json()
    assert len(many.findings) > 100
    text = get_corpus().article("pipl:25").text
    assert out.count(json.dumps(text, ensure_ascii=False)[1:-1]) == 1
    assert "message_results" not in json.loads(out)


def test_every_cited_key_is_in_the_table_and_every_entry_is_cited(many):
    keys = {k for f in many.findings for k in f.citations}
    assert keys == set(many.citations)
    assert all("display" in c or "name" in c for c in many.citations.values())
    assert {f.category for f in many.findings} <= set(many.actions)


def test_a_history_finding_resolves_to_what_the_message_alone_cites(many):
    from xiezhi.collection import MessageMeta, analyze

    first = many.timeline[0]
    alone = analyze(THREAT, MessageMeta(sent_at=first.at, channel="sms"))
    got = [f for f in many.findings if f.line == first.line]
    assert [f.category for f in got] == [f.category for f in alone.findings]
    for g, w in zip(got, alone.findings, strict=True):
        assert many.citations_of(g) == w.citations and many.actions_of(g) == w.actions


def test_single_message_output_keeps_citations_inline():
    from xiezhi.collection import analyze

    f = json.loads(analyze(THREAT).model_dump_json())["findings"][0]
    assert set(f) == {"category", "severity", "mode", "span", "quote", "explanation", "citations", "actions"}
    assert isinstance(f["citations"][0], dict) and "text" in f["citations"][0]


def test_cli_and_web_show_the_articles_and_where_to_go(client):
    from typer.testing import CliRunner

    from xiezhi.cli import app

    human = CliRunner().invoke(app, ["check", "--file", str(FIXTURE)]).stdout
    assert "依据：《中华人民共和国个人信息保护法》" in human and "去哪里：" in human
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    page = client.post("/check", data={"csrf": csrf, "text": ""},
                       files={"file": ("night-sms.csv", FIXTURE.read_bytes(), "text/csv")}).text
    card = page[page.index('<div class="finding">'):]
    assert "可以这样做" in card and "个人信息保护法" in card
