"""Import of SMS backup XML and call-log CSV through Check's readers, de-duplicated on re-import."""

from __future__ import annotations

from pathlib import Path

import pytest

from xiezhi.errors import InputError
from xiezhi.evidence import Vault, import_history

SMS_XML = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="3">
  <sms protocol="0" address="17000001234" date="1773501000000" type="1" body="你再不还钱，明天就去你单位找你领导" readable_date="" contact_name="(Unknown)" />
  <sms protocol="0" address="17000001234" date="1773501060000" type="1" body="最后通牒：今晚十二点前还清" readable_date="" contact_name="催收" />
  <sms protocol="0" address="10086" date="broken" type="1" body="x" />
</smses>
"""
CALLS_CSV = "号码,时间,类型,时长\n17000001234,2026-03-14 23:20:00,来电,65\n95000,2026-03-15 08:01:00,未接,0\n"


@pytest.fixture
def vault(tmp_path: Path):
    v = Vault.open(tmp_path / "home", f"sqlite:///{tmp_path / 'home' / 'x.sqlite3'}")
    yield v
    v.close()


def test_sms_xml_import_and_reimport(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "sms-20260315.xml"
    path.write_text(SMS_XML, encoding="utf-8")
    r = import_history(vault, path, lender="甲贷")
    assert (r.format, r.read, r.added, r.duplicates, r.skipped) == ("sms_backup_xml", 3, 2, 0, 1)
    assert r.issues and "第 5 行" in r.issues[0]
    items = vault.list()
    assert [i.current.text for i in items] == ["你再不还钱，明天就去你单位找你领导", "最后通牒：今晚十二点前还清"]
    first = items[0].current
    assert first.kind == "sms" and first.counterpart.number == "17000001234" and first.lender == "甲贷"
    assert first.direction == "in" and first.source == "import:sms_backup_xml"
    again = import_history(vault, path)
    assert (again.added, again.duplicates) == (0, 2)
    assert len(vault.list()) == 2 and vault.verify().ok


def test_call_csv_import_and_reimport_in_gbk(vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "calls.csv"
    path.write_bytes(CALLS_CSV.encode("gbk"))
    r = import_history(vault, path)
    assert (r.added, r.duplicates) == (2, 0)
    calls = vault.list(kind="call")
    assert [(c.current.counterpart.number, c.current.duration_seconds, c.current.direction) for c in calls] == [
        ("17000001234", 65, "in"), ("95000", 0, "missed")]
    assert calls[1].current.summary() == "未接来电"
    assert import_history(vault, path).duplicates == 2
    assert vault.verify().records == 2


def test_missing_file_is_a_chinese_error(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到要导入的文件"):
        import_history(vault, tmp_path / "nope.xml")
