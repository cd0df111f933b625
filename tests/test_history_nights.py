"""Night contacts in a history are reported once, per night, by the history's own rule, on every face (qa11).

One fixture (tests/data/check/night-sms.csv): a collector writes at 14:00, 23:10 and 23:40 on 3 March and 01:20 on
4 March; a relative writes "妈，我晚上回来吃饭" at 23:05 on 4 March; a lender's automated bill arrives at 23:30 on 5 March.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "data" / "check" / "night-sms.csv"


@pytest.fixture(scope="module")
def report():
    from xiezhi.collection import analyze_history
    from xiezhi.history import read_history

    return analyze_history(read_history(FIXTURE))


def _night(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["category"] == "harassment_time"]


def test_one_night_is_one_finding_naming_each_contact(report):
    """15 night messages read '非时段催收（30 处）': each message's own night verdict and its night's summary. And
    23:10 / 23:40 on 3 March and 01:20 on 4 March were two nights by calendar day."""
    nights = [f for f in report.findings if f.category == "harassment_time"]
    assert len(nights) == 1
    text = nights[0].explanation
    assert text.startswith("2026-03-03 ") and "第3行" in text and "第4行" in text and "次日01:20" in text
    assert nights[0].severity == "violation"


def test_several_contacts_in_one_night_cite_the_repeated_harassment_article(report):
    night = next(f for f in json.loads(report.model_dump_json())["findings"] if f["category"] == "harassment_time")
    assert "public-security-punishments-law:50" in json.dumps(night, ensure_ascii=False)  # 治安50(五) "多次"


def test_a_relatives_late_message_is_no_night_collection(report):
    """Checked alone, any text at 23:05 is harassment_time; in a history the relative is no collector."""
    mom = next(e for e in report.timeline if e.line == 6)
    assert mom.labels == ["compliant"] and mom.severity == "info"
    assert any(f.category == "compliant" and f.explanation.startswith("2026-03-04 ") for f in report.findings)
    assert not any("第6行" in f.explanation for f in report.findings)


def test_other_findings_of_night_messages_stay(report):
    lines = {int(m.group(1)) for f in report.findings if (m := re.match(r"第(\d+)行", f.explanation))}
    assert lines == {2, 3, 4, 5}  # the threats themselves, night or day
    assert "harassment_time" in report.labels


def _core_json(report) -> dict:
    return json.loads(report.model_dump_json())


def test_cli_reports_the_same_findings(report):
    from typer.testing import CliRunner

    from xiezhi.cli import app

    out = CliRunner().invoke(app, ["check", "--file", str(FIXTURE), "--json"])
    assert out.exit_code == 0, out.output
    got = json.loads(out.stdout)
    assert got["findings"] == _core_json(report)["findings"]
    assert len(_night(got["findings"])) == 1
    human = CliRunner().invoke(app, ["check", "--file", str(FIXTURE)]).stdout
    assert human.count("【非时段催收】") == 1


def test_api_reports_the_same_findings(report, api):
    r = api.post("/api/v1/check/history", files={"file": ("night-sms.csv", FIXTURE.read_bytes(), "text/csv")})
    assert r.status_code == 200
    assert r.json()["findings"] == _core_json(report)["findings"]


def test_web_counts_the_night_once(client):
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    r = client.post("/check", data={"csrf": csrf, "text": ""},
                    files={"file": ("night-sms.csv", FIXTURE.read_bytes(), "text/csv")})
    assert r.status_code == 200
    assert re.search(r"非时段催收（(\d+) 处）", r.text).group(1) == "1"
    assert r.text.count("在22:00至次日08:00之间被催收方联系") == 1
