"""Encryption at rest: argon2id turns the passphrase into a key; AES-256-GCM seals text and files.

The vault keeps the KDF parameters and a *key check* (a sealed constant) in ``evidence_meta``; a
passphrase is accepted only if it opens the key check, so a wrong passphrase never writes anything.
"""

from __future__ import annotations

import base64
import hmac
import os
from dataclasses import asdict, dataclass

from xiezhi.errors import InputError

NONCE_BYTES = 12
KEY_CHECK_PLAINTEXT = b"xiezhi-evidence-key-check-v1"
WRONG_PASSPHRASE = "口令不正确：无法解开证据库（数据未被改动）。请检查口令后重试。"


@dataclass(frozen=True)
class KdfParams:
    salt: str  # base64
    time_cost: int = 3
    memory_cost: int = 65536  # KiB = 64 MiB
    parallelism: int = 2
    algorithm: str = "argon2id"

    @classmethod
    def new(cls, *, time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 2) -> KdfParams:
        return cls(salt=base64.b64encode(os.urandom(16)).decode(), time_cost=time_cost,
                   memory_cost=memory_cost, parallelism=parallelism)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    if not passphrase:
        raise InputError("口令不能为空。")
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"), base64.b64decode(params.salt), time_cost=params.time_cost,
        memory_cost=params.memory_cost, parallelism=params.parallelism, hash_len=32, type=Type.ID,
    )


class Cipher:
    """AES-256-GCM with a random nonce per message: ``nonce || ciphertext+tag``."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)
        self._mac_key = hmac.digest(key, b"xiezhi-evidence-names", "sha256")

    def seal(self, plaintext: bytes, aad: bytes = b"") -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, sealed: bytes, aad: bytes = b"") -> bytes:
        from cryptography.exceptions import InvalidTag

        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
        except (InvalidTag, ValueError) as exc:
            raise InputError(WRONG_PASSPHRASE) from exc

    def name_for(self, data: bytes) -> str:
        """Keyed name for stored objects and natural keys (no plaintext hash is exposed)."""
        return hmac.new(self._mac_key, data, "sha256").hexdigest()

    def key_check(self) -> str:
        return base64.b64encode(self.seal(KEY_CHECK_PLAINTEXT, b"key-check")).decode()

    def check(self, key_check_b64: str) -> None:
        if self.open(base64.b64decode(key_check_b64), b"key-check") != KEY_CHECK_PLAINTEXT:
            raise InputError(WRONG_PASSPHRASE)
