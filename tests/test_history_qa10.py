"""A long phone history is checked in chunks, with the same findings as message by message (qa10)."""

from __future__ import annotations

from datetime import datetime, timedelta

from xiezhi.collection import MessageMeta, analyze
from xiezhi.history.records import HistoryImport, HistoryRecord

TEXTS = ["【安心借】您的借款3000元已逾期5天，请尽快还款，以免影响个人征信。", "再不还钱就去你家堵门",
         "你再不还，我们就把你的欠款信息发到你们公司群里", "妈，我晚上回来吃饭", "验证码123456，5分钟内有效。",
         "我们已经准备起诉你了，法院传票马上下来，到时候拘留你别怪我们没提醒", ""]


def _history() -> HistoryImport:
    start = datetime(2026, 3, 1, 6, 30)
    recs = [HistoryRecord(line=i + 2, at=start + timedelta(hours=7 * i), counterpart=f"1380000{i % 3:04d}",
                          kind="im" if i % 5 == 0 else "sms", direction="in" if i % 4 else "out",
                          text=TEXTS[i % len(TEXTS)]) for i in range(40)]
    return HistoryImport(source="t.xml", format="sms_backup_xml", records=recs)


def test_history_checks_texts_in_chunks_not_one_by_one(monkeypatch):
    """A 20 MB SMS backup (60,000 texts) took about a minute checked one `analyze` call at a time."""
    import xiezhi.collection.history as hist

    def one_by_one(*args, **kwargs):
        raise AssertionError("analyze_history called analyze once per message")

    monkeypatch.setattr(hist, "analyze", one_by_one, raising=False)
    assert hist.analyze_history(_history()).findings


def test_history_findings_are_those_of_each_message_alone():
    from xiezhi.collection.history import analyze_history

    imp = _history()
    report = analyze_history(imp)
    checked = [r for r in sorted(imp.records, key=lambda r: r.at) if r.text.strip() and r.incoming]
    alone = [analyze(r.text, MessageMeta(sent_at=r.at, channel="im" if r.kind == "im" else "sms"), id=f"line-{r.line}")
             for r in checked]
    timeline = {e.line: e for e in report.timeline}
    for r, want in zip(checked, alone, strict=True):
        entry = timeline[r.line]  # every sender here is a collector: the timeline keeps each message's own labels
        assert (entry.labels, entry.severity) == (want.labels, want.severity)
        mine = [f for f in report.findings if f.line == r.line]
        # what the history reports of a message: its labelled findings but the time verdict (the night's finding)
        expected = [w for w in want.findings if w.category in want.labels
                    and not (w.category == "harassment_time" and w.rule.startswith("metadata"))]
        assert len(mine) == len(expected)
        for g, w in zip(mine, expected, strict=True):  # the history puts the line before each explanation
            assert g.model_dump(exclude={"explanation", "citations", "line"}) == w.model_dump(
                exclude={"explanation", "citations", "actions"})
            assert report.citations_of(g) == w.citations and report.actions_of(g) == w.actions
            assert g.explanation.endswith(w.explanation) and g.explanation.startswith(f"第{r.line}行")
    assert any(r.labels != ["compliant"] for r in alone)
