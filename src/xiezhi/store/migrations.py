"""Versioned migrations in a table of our own (``xiezhi_migrations``), applied under the writer lock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select

from xiezhi.store.engine import Store
from xiezhi.store.tables import evidence_head, evidence_meta, evidence_records, migrations_table


def _v1_evidence(conn: Connection) -> None:
    for table in (evidence_records, evidence_head, evidence_meta):
        table.create(conn, checkfirst=True)
    conn.execute(insert(evidence_head).values(id=1, seq=0, hash="0" * 64))


#: (version, name, function). Append only; never edit an applied migration.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "evidence vault: records, head, meta", _v1_evidence),
]


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table(migrations_table.name):
        return set()
    return {row[0] for row in conn.execute(select(migrations_table.c.version))}


def migrate(store: Store) -> list[int]:
    """Apply missing migrations; returns the versions applied now."""
    with store.read() as conn:
        if applied_versions(conn) >= {v for v, _, _ in MIGRATIONS}:
            return []
    done: list[int] = []
    with store.write() as conn:
        migrations_table.create(conn, checkfirst=True)
        have = applied_versions(conn)
        for version, name, func in MIGRATIONS:
            if version in have:
                continue
            func(conn)
            conn.execute(insert(migrations_table).values(
                version=version, name=name, applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
            done.append(version)
    return done
