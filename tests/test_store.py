"""Storage: data directory, SQLite WAL, PostgreSQL by URL, migrations, the writer lock."""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from xiezhi.errors import InputError
from xiezhi.store import Store, data_dir, database_url
from xiezhi.store.migrations import MIGRATIONS, migrate

pytest_plugins = ["conftest_postgres"]


def test_data_dir_is_private_and_overridable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path / "a" / "b"))
    d = data_dir()
    assert d == tmp_path / "a" / "b" and d.is_dir()
    assert stat.S_IMODE(d.stat().st_mode) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)
    assert stat.S_IMODE(data_dir(loose).stat().st_mode) == 0o700


def test_default_data_dir_comes_from_platformdirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XIEZHI_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir(create=False) == tmp_path / "xdg" / "xiezhi"


def test_database_url_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XIEZHI_DATABASE_URL", raising=False)
    assert database_url(tmp_path) == f"sqlite:///{tmp_path / 'xiezhi.sqlite3'}"
    monkeypatch.setenv("XIEZHI_DATABASE_URL", "postgresql://u@localhost/x")
    assert database_url(tmp_path) == "postgresql+psycopg://u@localhost/x"


def test_sqlite_is_wal(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "h", f"sqlite:///{tmp_path / 'h' / 'db.sqlite3'}")
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()


def test_bad_url_is_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="无法识别的数据库地址"):
        Store.open(tmp_path, "nosuchdb://x")


def test_migrations_apply_once(home: Path, db_url: str) -> None:
    store = Store.open(home, db_url)
    assert migrate(store) == []  # already applied by open
    with store.read() as conn:
        versions = [r[0] for r in conn.execute(text("SELECT version FROM xiezhi_migrations ORDER BY version"))]
        assert versions == [v for v, _, _ in MIGRATIONS]
        conn.execute(text("SELECT seq, body, prev_hash, hash FROM evidence_records")).all()
    store.close()
    Store.open(home, db_url).close()  # reopening is harmless


def test_writer_transactions_are_serialised(home: Path, db_url: str) -> None:
    store = Store.open(home, db_url)
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with store.write():
            order.append("first-in")
            inside.set()
            time.sleep(0.3)
            order.append("first-out")

    def second() -> None:
        inside.wait()
        with store.write():
            order.append("second-in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert order == ["first-in", "first-out", "second-in"]
    store.close()


def test_one_store_serves_several_threads(home: Path, db_url: str) -> None:
    from datetime import datetime

    from xiezhi.evidence import IncidentInput, Vault

    vault = Vault.open(home, db_url)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(5):
                vault.add(IncidentInput(kind="other", occurred_at=datetime(2026, 1, 1), notes=f"{n}-{i}"))
                vault.list()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    report = vault.verify()
    assert report.ok and report.records == 20
    vault.close()
