"""Evidence vault on SQLite and PostgreSQL: round trips, attachments, and what verify detects."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from xiezhi.errors import InputError
from xiezhi.evidence import Counterpart, IncidentInput, Vault

pytest_plugins = ["conftest_postgres"]

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0" + b"\x10JFIF" + b"\x00" * 300
MP3 = b"ID3\x03\x00" + b"\x11" * 500


def sms(i: int = 0, **kw) -> IncidentInput:
    data = {"kind": "sms", "occurred_at": datetime(2026, 3, 14, 23, 10 + i % 40),
            "counterpart": Counterpart(number=f"1700000{i:04d}", organisation="某某律师事务所"),
            "lender": "甲贷" if i % 2 == 0 else "乙花", "text": f"第{i}条：再不还钱就上门找你家人"}
    data.update(kw)
    return IncidentInput(**data)


def fill(v: Vault, n: int = 5) -> None:
    for i in range(n):
        v.add(sms(i), files=[("shot.png", PNG + bytes([i]))] if i % 2 == 0 else [])


def sql(vault_: Vault, statement: str, **params) -> None:
    with vault_.store.engine.begin() as conn:
        conn.execute(text(statement), params)


def problems(v: Vault) -> list[tuple[str, int | None]]:
    return [(p.code, p.seq) for p in v.verify().problems]


# ------------------------------------------------------------------ round trips
def test_add_list_show_correct_withdraw(vault: Vault) -> None:
    r1 = vault.add(sms(1), files=[("截图.png", PNG)])
    r2 = vault.add(IncidentInput(kind="call", occurred_at=datetime(2026, 3, 15, 9, 0), duration_seconds=65,
                                 counterpart=Counterpart(number="95188"), lender="乙花", notes="自称调解中心"))
    r3 = vault.add(sms(4, kind="visit", text="两人上门，在门口大声喧哗"))
    assert (r1.seq, r2.seq, r3.seq) == (1, 2, 3)
    assert r2.prev_hash == r1.hash and r3.prev_hash == r2.hash
    assert [i.seq for i in vault.list()] == [1, 2, 3]
    assert [i.seq for i in vault.list(kind="call")] == [2]
    assert [i.seq for i in vault.list(lender="乙花")] == [1, 2]
    assert [i.seq for i in vault.list(lender="甲贷")] == [3]
    assert [i.seq for i in vault.list(since=datetime(2026, 3, 15))] == [2]
    att = vault.item(1).current.attachments[0]
    assert att.name == "截图.png" and att.media_type == "image/png" and vault.attachment_bytes(att) == PNG

    c = vault.correct(1, {"text": "更正后的原文", "counterpart": {"name": "王某"}}, reason="抄错了")
    assert c.seq == 4 and c.refers_to == 1 and c.record_type == "correction"
    item = vault.item(1)
    assert item.status == "corrected" and item.current.text == "更正后的原文"
    assert item.current.counterpart.name == "王某" and item.current.counterpart.number == "17000000001"
    assert item.current.attachments == [att]           # attachments carried over
    assert [r.seq for r in item.records] == [1, 4]
    assert vault.record(1).content.text == "第1条：再不还钱就上门找你家人"  # the original is untouched
    assert vault.item(4).seq == 1                      # a correction's number leads to its incident

    w = vault.withdraw(2, "录错了人")
    assert w.refers_to == 2
    assert [i.seq for i in vault.list()] == [1, 3]
    assert [i.status for i in vault.list(include_withdrawn=True)] == ["corrected", "withdrawn", "active"]
    with pytest.raises(InputError, match="已经撤回"):
        vault.correct(2, {"text": "x"}, reason="y")
    with pytest.raises(InputError, match="原因"):
        vault.correct(1, {"text": "x"}, reason=" ")
    with pytest.raises(InputError, match="没有第 99 条"):
        vault.item(99)
    report = vault.verify()
    assert report.ok and report.records == 5 and report.head_seq == 5 and report.files == 1


def test_reopen_sees_same_chain(home: Path, db_url: str) -> None:
    v = Vault.open(home, db_url)
    fill(v, 3)
    head = v.verify().head_hash
    v.close()
    v2 = Vault.open(home, db_url)
    assert v2.verify().head_hash == head and len(v2.list()) == 3
    v2.close()


def test_findings_attached_when_check_is_available(vault: Vault) -> None:
    from xiezhi.evidence.findings import findings_available

    rec = vault.add(sms(1, text="你再不还钱，我们明天就去你家堵门，让你全家不得安宁"))
    if not findings_available():
        pytest.skip("xiezhi.collection.analyze 不可用：跳过识别结果测试")
    assert rec.content.findings, "Check found nothing in an explicit threat to visit"
    assert all({"category", "severity"} <= set(f) for f in rec.content.findings)


# ------------------------------------------------------------------ attachments
def test_attachments_are_content_addressed_and_validated(vault: Vault, tmp_path: Path) -> None:
    disguised = tmp_path / "录音.txt"
    disguised.write_bytes(MP3)                              # type by content, not by name
    rec = vault.add(sms(1), files=[disguised, ("../../etc/passwd.jpg", JPEG), ("a.png", PNG), ("b.png", PNG)])
    names = [(a.name, a.media_type) for a in rec.content.attachments]
    assert names == [("录音.txt", "audio/mpeg"), ("passwd.jpg", "image/jpeg"), ("a.png", "image/png"),
                     ("b.png", "image/png")]
    objects = list(vault.blobs.names())
    assert len(objects) == 3                                 # a.png and b.png share one object
    import hashlib

    for name in objects:
        assert hashlib.sha256(vault.blobs.path(name).read_bytes()).hexdigest() == name
    with pytest.raises(InputError, match="不是支持的文件类型"):
        vault.add(sms(2), files=[("evil.png", b"MZ\x90\x00" + b"\x00" * 100)])
    with pytest.raises(InputError, match="空文件"):
        vault.add(sms(2), files=[("empty.png", b"")])
    with pytest.raises(InputError, match="无法读取附件"):
        vault.add(sms(2), files=[tmp_path / "missing.png"])
    assert vault.verify().records == 1                       # rejected adds wrote no record


def test_size_limit(vault: Vault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import xiezhi.evidence.filetypes as ft
    import xiezhi.evidence.vault as vmod

    monkeypatch.setattr(ft, "MAX_ATTACHMENT_BYTES", 1000)
    monkeypatch.setattr(vmod, "MAX_ATTACHMENT_BYTES", 1000)
    big = tmp_path / "big.png"
    big.write_bytes(PNG + b"\x00" * 2000)
    with pytest.raises(InputError, match="太大"):
        vault.add(sms(1), files=[big])
    with pytest.raises(InputError, match="太大"):
        vault.add(sms(1), files=[("big.png", PNG + b"\x00" * 2000)])


@pytest.mark.parametrize(("data", "media_type"), [
    (b"\x89PNG\r\n\x1a\n....", "image/png"), (b"\xff\xd8\xff\xdb....", "image/jpeg"), (b"GIF89a....", "image/gif"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"), (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
    (b"%PDF-1.7\n", "application/pdf"), (b"ID3\x04....", "audio/mpeg"), (b"\xff\xfb\x90\x64....", "audio/mpeg"),
    (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom", "audio/mp4"), (b"#!AMR\n....", "audio/amr"),
    (b"RIFF\x00\x00\x00\x00WAVEfmt ", "audio/wav"), (b"OggS\x00\x02....", "audio/ogg"),
    (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", "video/mp4"),
    (b"\x00\x00\x00\x14ftyp3gp4\x00\x00\x00\x00", "video/3gpp"),
    ("催收记录：3月14日晚上十一点来电".encode(), "text/plain"), ("GBK 文本".encode("gbk"), "text/plain"),
])
def test_detect_by_magic(data: bytes, media_type: str) -> None:
    from xiezhi.evidence.filetypes import detect

    assert detect(data).media_type == media_type


def test_detect_docx_and_rejects_plain_zip(tmp_path: Path) -> None:
    import io
    import zipfile

    from xiezhi.documents import Document, Paragraph, render
    from xiezhi.evidence.filetypes import detect

    assert detect(render(Document("函", [Paragraph("正文")]), "docx")).ext == "docx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "x")
    with pytest.raises(InputError):
        detect(buf.getvalue(), "a.docx")


# ------------------------------------------------------------------ tamper detection
def test_changed_byte_in_any_record_body_is_found(vault: Vault) -> None:
    fill(vault, 5)
    vault.correct(2, {"text": "改"}, reason="r")
    with vault.store.read() as conn:
        rows = conn.execute(text("SELECT seq, body FROM evidence_records ORDER BY seq")).all()
    for seq, body in rows:
        pos = body.index('"recorded_at"') + 20          # a digit inside the timestamp
        changed = body[:pos] + ("1" if body[pos] != "1" else "2") + body[pos + 1:]
        sql(vault, "UPDATE evidence_records SET body = :b WHERE seq = :s", b=changed, s=seq)
        report = vault.verify()
        assert not report.ok
        first = report.first_problem
        assert (first.code, first.seq) == ("record_changed", seq), report.problems
        assert f"第 {seq} 条记录被改动" in first.message
        sql(vault, "UPDATE evidence_records SET body = :b WHERE seq = :s", b=body, s=seq)
    assert vault.verify().ok


@pytest.mark.parametrize(("column", "value", "code"), [
    ("hash", "f" * 64, "record_changed"), ("prev_hash", "e" * 64, "link_broken"),
    ("kind", "call", "column_mismatch"), ("occurred_at", "2020-01-01T00:00:00", "column_mismatch"),
])
def test_changed_columns_are_found(vault: Vault, column: str, value: str, code: str) -> None:
    fill(vault, 4)
    sql(vault, f"UPDATE evidence_records SET {column} = :val WHERE seq = 3", val=value)
    report = vault.verify()
    assert not report.ok and report.first_problem.seq == 3 and report.first_problem.code == code


def test_text_changed_in_content_is_found_even_with_rehash_attempt(vault: Vault) -> None:
    fill(vault, 3)
    with vault.store.read() as conn:
        body = conn.execute(text("SELECT body FROM evidence_records WHERE seq = 2")).scalar_one()
    sql(vault, "UPDATE evidence_records SET body = :b WHERE seq = 2", b=body.replace("上门", "上楼"))
    assert ("record_changed", 2) in problems(vault)


def test_deleted_records_are_found(vault: Vault) -> None:
    fill(vault, 5)
    sql(vault, "DELETE FROM evidence_records WHERE seq = 3")
    first = vault.verify().first_problem
    assert (first.code, first.seq) == ("record_missing", 3) and "第 3 条记录缺失" in first.message
    sql(vault, "DELETE FROM evidence_records WHERE seq = 5")      # the last one: caught by the head
    assert ("record_missing", 5) in problems(vault)


def test_reordered_chain_is_found(vault: Vault) -> None:
    fill(vault, 5)
    sql(vault, "UPDATE evidence_records SET seq = -2 WHERE seq = 2")
    sql(vault, "UPDATE evidence_records SET seq = 2 WHERE seq = 4")
    sql(vault, "UPDATE evidence_records SET seq = 4 WHERE seq = -2")
    report = vault.verify()
    assert not report.ok
    assert report.first_problem.seq == 2 and report.first_problem.code in ("link_broken", "order_changed")
    assert {("order_changed", 2), ("order_changed", 4)} <= set(problems(vault))


def test_swapped_or_edited_attachment_is_found(vault: Vault) -> None:
    fill(vault, 5)                                            # records 1, 3, 5 carry attachments
    a1 = vault.item(1).current.attachments[0]
    a3 = vault.item(3).current.attachments[0]
    p1, p3 = vault.blobs.path(a1.blob), vault.blobs.path(a3.blob)
    original = p3.read_bytes()
    p3.chmod(0o600)
    p3.write_bytes(p1.read_bytes())                           # swapped for another file
    first = vault.verify().first_problem
    assert (first.code, first.seq, first.file) == ("file_changed", 3, a3.blob)
    assert "大小未变" in first.message
    p3.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))  # one byte edited
    assert vault.verify().first_problem.code == "file_changed"
    p3.write_bytes(original + b"x")
    assert "字节变为" in vault.verify().first_problem.message
    p3.unlink()
    assert vault.verify().first_problem.code == "file_missing"
    p3.write_bytes(original)
    assert vault.verify().ok


def test_half_written_temp_files_of_dead_writers_are_removed(vault: Vault) -> None:
    import os
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    left = vault.blobs.tmp / f"{dead}-abcd.part"
    left.write_bytes(b"\x89PNG half")
    mine = vault.blobs.tmp / f"{os.getpid()}-efgh.part"
    mine.write_bytes(b"in progress")
    assert vault.blobs.cleanup_tmp() == 1
    assert not left.exists() and mine.exists()
    mine.unlink()


def test_blob_race_keeps_the_winner_hash(vault: Vault) -> None:
    import hashlib

    name = "a" * 64
    first = vault.blobs.put(name, b"first ciphertext")
    vault.blobs.path(name).unlink()
    vault.blobs.path(name).write_bytes(b"the other writer's bytes")   # appears between check and link
    import os

    real_is_file = type(vault.blobs.path(name)).is_file
    try:
        type(vault.blobs.path(name)).is_file = lambda self: False if self.name == name else real_is_file(self)
        second = vault.blobs.put(name, b"mine, different")
    finally:
        type(vault.blobs.path(name)).is_file = real_is_file
    assert first.sha256 == hashlib.sha256(b"first ciphertext").hexdigest()
    assert second.sha256 == hashlib.sha256(b"the other writer's bytes").hexdigest()
    assert not os.listdir(vault.blobs.tmp)


def test_correction_with_bad_kind_is_a_chinese_error(vault: Vault) -> None:
    fill(vault, 1)
    with pytest.raises(InputError, match="未知的类型"):
        vault.correct(1, {"kind": "fax"}, reason="r")
