"""Database engine, schema and migrations (SQLAlchemy 2 Core).

SQLite in WAL mode in the data directory by default; PostgreSQL when ``XIEZHI_DATABASE_URL`` says so.

    from xiezhi.store import Store
    store = Store.open()          # XIEZHI_HOME / XIEZHI_DATABASE_URL / platformdirs default
    with store.write() as conn:   # serialised writer transaction (BEGIN IMMEDIATE / advisory lock)
        ...
    with store.read() as conn:
        ...
"""

from __future__ import annotations

from xiezhi.store.engine import Store, database_url
from xiezhi.store.paths import data_dir

__all__ = ["Store", "data_dir", "database_url"]
