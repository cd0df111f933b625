"""Encryption at rest: round trip, nothing readable on disk, wrong passphrase is a clear error."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from xiezhi.errors import InputError
from xiezhi.evidence import Counterpart, IncidentInput, Vault
from xiezhi.evidence.crypto import KdfParams

pytest_plugins = ["conftest_postgres"]

FAST_KDF = KdfParams.new(time_cost=1, memory_cost=8192, parallelism=1)
PNG = b"\x89PNG\r\n\x1a\n" + "秘密截图内容".encode() * 50
SECRET = "催收员张三威胁说明天去单位找我"


def _add(v: Vault) -> None:
    v.add(IncidentInput(kind="sms", occurred_at=datetime(2026, 3, 14, 23, 10), text=SECRET, lender="丙借",
                        counterpart=Counterpart(number="17012345678")), files=[("shot.png", PNG)])


def _disk_bytes(home: Path, db_url: str, v: Vault) -> bytes:
    with v.store.read() as conn:
        rows = conn.execute(text("SELECT body FROM evidence_records")).all()
    blob = b"".join(p.read_bytes() for p in (home / "evidence" / "objects").rglob("*") if p.is_file())
    db_file = home / "xiezhi.sqlite3"
    raw = db_file.read_bytes() if db_file.exists() else b""
    return "".join(r[0] for r in rows).encode() + blob + raw


def test_round_trip_and_nothing_plain_on_disk(home: Path, db_url: str) -> None:
    v = Vault.open(home, db_url, passphrase="正确的口令", kdf=FAST_KDF)
    _add(v)
    assert v.encrypted
    v.close()
    v = Vault.open(home, db_url, passphrase="正确的口令")
    item = v.item(1)
    assert item.current.text == SECRET and item.current.counterpart.number == "17012345678"
    assert v.attachment_bytes(item.current.attachments[0]) == PNG
    disk = _disk_bytes(home, db_url, v)
    for secret in (SECRET.encode(), b"17012345678", "丙借".encode(), "秘密截图内容".encode()):
        assert secret not in disk
    report = v.verify()
    assert report.ok and any("解密核对" in n for n in report.notes)
    v.close()


def test_wrong_passphrase_is_clear_and_harmless(home: Path, db_url: str) -> None:
    v = Vault.open(home, db_url, passphrase="正确的口令", kdf=FAST_KDF)
    _add(v)
    head = v.verify().head_hash
    v.close()
    with pytest.raises(InputError, match="口令不正确"):
        Vault.open(home, db_url, passphrase="错误的口令")
    locked = Vault.open(home, db_url)                       # no passphrase: chain still verifiable
    assert locked.locked
    with pytest.raises(InputError, match="证据库已加密"):
        locked.list()
    with pytest.raises(InputError, match="证据库已加密"):
        _add(locked)
    report = locked.verify()
    assert report.ok and report.head_hash == head and any("未提供口令" in n for n in report.notes)
    locked.close()
    v = Vault.open(home, db_url, passphrase="正确的口令")
    assert v.verify().head_hash == head and len(v.list()) == 1
    v.close()


def test_tampered_ciphertext_is_found(home: Path, db_url: str) -> None:
    v = Vault.open(home, db_url, passphrase="k", kdf=FAST_KDF)
    _add(v)
    att = v.item(1).current.attachments[0]
    path = v.blobs.path(att.blob)
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    assert v.verify().first_problem.code == "file_changed"
    with pytest.raises(InputError):
        v.attachment_bytes(att)                              # GCM refuses tampered data
    v.close()


def test_cannot_encrypt_a_vault_that_has_plain_records(home: Path, db_url: str) -> None:
    v = Vault.open(home, db_url)
    _add(v)
    v.close()
    with pytest.raises(InputError, match="不能事后加密"):
        Vault.open(home, db_url, passphrase="x", kdf=FAST_KDF)
