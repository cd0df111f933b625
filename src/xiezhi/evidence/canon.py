"""Canonical JSON and the hash chain rule, shared by the vault and the manifest checker."""

from __future__ import annotations

import hashlib
import json
from typing import Any

#: prev_hash of the first record.
GENESIS = "0" * 64


def canonical_json(obj: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text kept as is: one byte string per value."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def record_hash(prev_hash: str, body: str) -> str:
    """hash = SHA-256(prev_hash || "\\n" || canonical body)."""
    h = hashlib.sha256()
    h.update(prev_hash.encode("ascii"))
    h.update(b"\n")
    h.update(body.encode("utf-8"))
    return h.hexdigest()
