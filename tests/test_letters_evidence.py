"""Letters from the evidence vault: items become the evidence list and the Check findings."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from xiezhi.evidence import Counterpart, IncidentInput, Vault
from xiezhi.letters import draft_letter, letter_bytes
from xiezhi.letters.sources import facts_from_evidence

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01\x02" * 300


def test_complaint_from_vault_items(tmp_path: Path) -> None:
    v = Vault.open(tmp_path / "home", f"sqlite:///{tmp_path / 'v.db'}")
    try:
        v.add(IncidentInput(kind="sms", occurred_at=datetime(2026, 3, 14, 23, 10), lender="甲贷",
                            counterpart=Counterpart(number="17000001234"),
                            text="你再不还钱，我们就把你欠钱的事发给你通讯录里所有人"), files=[("短信截图.png", PNG)])
        v.add(IncidentInput(kind="visit", occurred_at=datetime(2026, 3, 16, 21, 0), text="两名男子上门拍门"))
        v.withdraw(2, "记错了日期")
        extra = facts_from_evidence(v.items(include_withdrawn=True))
    finally:
        v.close()
    assert len(extra["evidence"]) == 1 and extra["evidence"][0]["file"] == "短信截图.png"
    assert extra["findings"] and all(f["at"] == datetime(2026, 3, 14, 23, 10) for f in extra["findings"])
    facts = {"borrower": {"name": "王五", "phone": "13900000000"},
             "lender": {"name": "甲贷科技", "type": "microloan"}, **extra}
    letter = draft_letter("complaint", facts, today=date(2026, 3, 20))
    assert "短信截图.png" in letter.text and "通讯录" in letter.text and "地方金融管理部门" in letter.text
    assert letter.findings_used == len(extra["findings"])
    assert letter_bytes(letter, "pdf").startswith(b"%PDF")
