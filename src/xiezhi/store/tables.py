"""Schema of the evidence vault. Changes go through a new migration in ``migrations.py``."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

migrations_table = Table(
    "xiezhi_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(100), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

#: One row per chain record. ``body`` is the canonical JSON the hash covers; the other columns are
#: copies of body fields for filtering, and ``verify`` checks that they agree with the body.
evidence_records = Table(
    "evidence_records",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("record_type", String(16), nullable=False),
    Column("refers_to", BigInteger, nullable=True),
    Column("kind", String(16), nullable=True),
    Column("occurred_at", String(32), nullable=True),
    Column("recorded_at", String(40), nullable=False),
    Column("natural_key", String(64), nullable=True, unique=True),
    Column("body", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Index("ix_evidence_records_occurred_at", "occurred_at"),
)

#: The chain head (a single row, id = 1), written in the same transaction as each record, so that a
#: deleted last record is noticed.
evidence_head = Table(
    "evidence_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

#: Vault settings: encryption parameters and the key check value.
evidence_meta = Table(
    "evidence_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
