"""Times a borrower reads are Beijing time (UTC+08:00, no daylight saving), labelled; stored values,
the manifest and the hashes stay in UTC."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from xiezhi.dates import fmt_beijing
from xiezhi.evidence import IncidentInput, Vault, export_evidence, verify_manifest
from xiezhi.evidence.export import build_list_document
from xiezhi.web.templating import beijing, templates

pytest_plugins = ["conftest_postgres"]


def test_beijing_filter_converts_aware_times_and_labels_them() -> None:
    utc = datetime(2026, 11, 28, 18, 53, 7, tzinfo=UTC)
    assert beijing(utc) == "2026-11-29 02:53（北京时间）"
    assert beijing(utc, seconds=True) == "2026-11-29 02:53:07（北京时间）"
    assert beijing(utc.isoformat()) == "2026-11-29 02:53（北京时间）"  # as stored: ISO text with +00:00
    other = datetime(2026, 11, 28, 12, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert beijing(other) == "2026-11-29 01:00（北京时间）"
    # a naive time is what the borrower entered or imported, already on the Beijing clock: not shifted
    assert beijing(datetime(2026, 3, 14, 23, 10)) == "2026-03-14 23:10（北京时间）"
    assert beijing(None) == "" and beijing("") == ""
    assert templates.env.filters["beijing"] is beijing
    rendered = templates.env.from_string("{{ t|beijing }}").render(t=utc)
    assert rendered == "2026-11-29 02:53（北京时间）"


def test_fmt_beijing_for_exports() -> None:
    assert fmt_beijing(datetime(2026, 12, 31, 16, 30, tzinfo=UTC), seconds=True) == "2027-01-01 00:30:00"
    assert fmt_beijing(datetime(2026, 3, 14, 23, 10)) == "2026-03-14 23:10"
    assert fmt_beijing(None) == ""


def test_list_document_shows_beijing_time(vault: Vault) -> None:
    vault.add(IncidentInput(kind="visit", occurred_at=datetime(2026, 3, 16, 21, 0), text="两名男子上门拍门"))
    items = vault.items()
    doc = build_list_document(items, [], (1, "a" * 64), datetime(2026, 11, 28, 18, 53, 7, tzinfo=UTC))
    text = doc.plain_text()
    assert "生成时间：2026-11-29 02:53:07（北京时间）" in text
    assert "发生时间（北京时间）" in text and "2026-03-16 21:00" in text  # the entered time, not shifted
    assert "+0000" not in text and "UTC" not in text


@pytest.mark.parametrize("fmt", ["html"])
def test_export_keeps_utc_in_the_manifest_and_hashes(vault: Vault, tmp_path: Path, fmt: str) -> None:
    vault.add(IncidentInput(kind="visit", occurred_at=datetime(2026, 3, 16, 21, 0), text="两名男子上门拍门"))
    before = vault.verify().head_hash
    result = export_evidence(vault, tmp_path / "out", fmt)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["generated_at"].endswith("+00:00")
    body = json.loads(manifest["records"][0]["body"])
    assert "2026-03-16T21:00:00" in json.dumps(body, ensure_ascii=False)
    assert verify_manifest(tmp_path / "out" / "manifest.json").ok and vault.verify().head_hash == before
    html = result.path.read_text(encoding="utf-8")
    assert "北京时间" in html
