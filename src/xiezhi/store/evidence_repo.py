"""SQL for the evidence vault. Callers pass a Connection from ``Store.write()`` / ``Store.read()``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from xiezhi.store.tables import evidence_head, evidence_meta, evidence_records

GENESIS = "0" * 64
RECORD_COLUMNS = ("seq", "record_type", "refers_to", "kind", "occurred_at", "recorded_at", "natural_key",
                  "body", "prev_hash", "hash")


_HEAD = select(evidence_head.c.seq, evidence_head.c.hash).where(evidence_head.c.id == 1)
_LAST = select(evidence_records.c.seq, evidence_records.c.hash).order_by(evidence_records.c.seq.desc()).limit(1)
_INSERT = insert(evidence_records)
_MOVE_HEAD = (update(evidence_head).where(evidence_head.c.id == 1)
              .values(seq=bindparam("head_seq"), hash=bindparam("head_hash")))
_NEW_HEAD = insert(evidence_head).values(id=1, seq=bindparam("head_seq"), hash=bindparam("head_hash"))


def get_head(conn: Connection) -> tuple[int, str] | None:
    row = conn.execute(_HEAD).first()
    return (int(row[0]), row[1]) if row else None


def last_record(conn: Connection) -> tuple[int, str]:
    row = conn.execute(_LAST).first()
    return (int(row[0]), row[1]) if row else (0, GENESIS)


def append(conn: Connection, row: dict[str, Any]) -> None:
    """Insert one record and move the head, in the caller's (locked) transaction.

    Statements are built once (module constants) so SQLAlchemy's compiled cache serves every call.
    """
    conn.execute(_INSERT, row)
    params = {"head_seq": row["seq"], "head_hash": row["hash"]}
    if conn.execute(_MOVE_HEAD, params).rowcount == 0:
        conn.execute(_NEW_HEAD, params)


def iter_records(conn: Connection, *, batch: int = 5000, after: int = 0) -> Iterator[dict[str, Any]]:
    """All records in seq order, fetched in batches (keyset pagination)."""
    cols = [evidence_records.c[name] for name in RECORD_COLUMNS]
    last = after
    while True:
        rows = conn.execute(
            select(*cols).where(evidence_records.c.seq > last).order_by(evidence_records.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        for r in rows:
            yield dict(zip(RECORD_COLUMNS, r, strict=True))
        last = int(rows[-1][0])


def get_record(conn: Connection, seq: int) -> dict[str, Any] | None:
    cols = [evidence_records.c[name] for name in RECORD_COLUMNS]
    row = conn.execute(select(*cols).where(evidence_records.c.seq == seq)).first()
    return dict(zip(RECORD_COLUMNS, row, strict=True)) if row else None


def count_records(conn: Connection) -> int:
    from sqlalchemy import func

    return int(conn.execute(select(func.count()).select_from(evidence_records)).scalar_one())


def find_natural_key(conn: Connection, key: str) -> int | None:
    row = conn.execute(select(evidence_records.c.seq).where(evidence_records.c.natural_key == key)).first()
    return int(row[0]) if row else None


def referring(conn: Connection, seq: int) -> list[dict[str, Any]]:
    cols = [evidence_records.c[name] for name in RECORD_COLUMNS]
    rows = conn.execute(select(*cols).where(evidence_records.c.refers_to == seq).order_by(evidence_records.c.seq))
    return [dict(zip(RECORD_COLUMNS, r, strict=True)) for r in rows]


def get_meta(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(select(evidence_meta.c.key, evidence_meta.c.value))}


def set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(insert(evidence_meta).values(key=key, value=value))
