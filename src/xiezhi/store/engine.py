"""The engine: SQLite (WAL) by default, PostgreSQL by URL; one serialised writer transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, OperationalError

from xiezhi.errors import InputError
from xiezhi.store.paths import data_dir

#: Key of the PostgreSQL advisory lock that serialises writers (an arbitrary constant: "xiezhi").
PG_WRITE_LOCK_KEY = 0x78697A6869
DB_FILE = "xiezhi.sqlite3"


def database_url(home: Path | None = None) -> str:
    """``XIEZHI_DATABASE_URL`` if set, else the SQLite file in the data directory."""
    url = os.environ.get("XIEZHI_DATABASE_URL", "").strip()
    if url:
        if url.startswith(("postgresql://", "postgres://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    return f"sqlite:///{(home or data_dir()) / DB_FILE}"


def _sqlite_setup(engine: Engine) -> None:
    sync = os.environ.get("XIEZHI_SQLITE_SYNCHRONOUS", "FULL").upper()
    if sync not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
        sync = "FULL"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 60000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute(f"PRAGMA synchronous = {sync}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("xiezhi_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


@dataclass
class Store:
    """An open database plus the data directory that holds files beside it."""

    engine: Engine
    home: Path

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None, url: str | None = None,
             *, migrate: bool = True) -> Store:
        root = data_dir(home)
        url = url or database_url(root)
        try:
            if url.startswith("sqlite"):
                # A pooled connection serves one thread at a time, so web workers may share the engine.
                engine = create_engine(url, pool_size=2, max_overflow=4,
                                       connect_args={"check_same_thread": False})
                _sqlite_setup(engine)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, ImportError) as exc:
            raise InputError(f"无法识别的数据库地址 XIEZHI_DATABASE_URL：{url}（{exc}）。") from exc
        store = cls(engine=engine, home=root)
        if migrate:
            from xiezhi.store.migrations import migrate as run_migrations

            try:
                run_migrations(store)
            except OperationalError as exc:
                engine.dispose()
                raise InputError(f"无法打开数据库：{exc.orig}") from exc
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that holds the single writer lock until commit or rollback."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(xiezhi_write=True)
            with conn.begin():
                if self.dialect == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK_KEY})
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def close(self) -> None:
        self.engine.dispose()
