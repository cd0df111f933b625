"""The vault: append-only records in the database, attachments in the content-addressed store."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiezhi.errors import InputError
from xiezhi.evidence import edit
from xiezhi.evidence.blobs import BlobStore, StoredBlob
from xiezhi.evidence.canon import canonical_json, record_hash, sha256_hex
from xiezhi.evidence.crypto import Cipher, KdfParams, derive_key
from xiezhi.evidence.filetypes import MAX_ATTACHMENT_BYTES, detect
from xiezhi.evidence.findings import analyze_text
from xiezhi.evidence.models import (
    Attachment,
    Content,
    EvidenceItem,
    EvidenceRecord,
    IncidentInput,
    VerifyReport,
)
from xiezhi.store import Store
from xiezhi.store import evidence_repo as repo

if TYPE_CHECKING:
    from sqlalchemy import Connection

LOCKED = "证据库已加密：请提供口令（--passphrase，或环境变量 XIEZHI_PASSPHRASE）。"
FileArg = Path | str | tuple[str, bytes]
BLOB_AAD = b"xiezhi-evidence-blob"
Precheck = Callable[["Connection"], None]


def _unknown(seq: int) -> str:
    return f"没有第 {seq} 条记录。请用 xiezhi evidence list 查看编号。"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _display_name(name: str) -> str:
    """Base name only: no directories, no drive, no control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".") or "attachment"
    return base[:200]


class Vault:
    def __init__(self, store: Store, cipher: Cipher | None, encrypted: bool) -> None:
        self.store = store
        self.cipher = cipher
        self.encrypted = encrypted
        self.blobs = BlobStore(store.home / "evidence")

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None, url: str | None = None, *,
             passphrase: str | None = None, store: Store | None = None, kdf: KdfParams | None = None) -> Vault:
        """Open (and create) the vault. With a passphrase, an empty unencrypted vault becomes encrypted."""
        store = store or Store.open(home, url)
        with store.read() as conn:
            meta = repo.get_meta(conn)
        cipher = None
        if "kdf" in meta:
            if passphrase:
                cipher = Cipher(derive_key(passphrase, KdfParams(**json.loads(meta["kdf"]))))
                cipher.check(meta["key_check"])
        elif passphrase:
            cipher = cls._enable_encryption(store, passphrase, kdf or KdfParams.new())
        vault = cls(store, cipher, encrypted=cipher is not None or "kdf" in meta)
        vault.blobs.cleanup_tmp()
        return vault

    @staticmethod
    def _enable_encryption(store: Store, passphrase: str, kdf: KdfParams) -> Cipher:
        cipher = Cipher(derive_key(passphrase, kdf))
        with store.write() as conn:
            meta = repo.get_meta(conn)
            if "kdf" in meta:  # another process set it up meanwhile: use theirs
                existing = Cipher(derive_key(passphrase, KdfParams(**json.loads(meta["kdf"]))))
                existing.check(meta["key_check"])
                return existing
            if repo.count_records(conn):
                raise InputError("证据库未加密且已有记录，不能事后加密（记录只能追加、不能改写）。",
                                 hints=["不带 --passphrase 使用；或另设 XIEZHI_HOME 新建一个加密的证据库。"])
            repo.set_meta(conn, "kdf", json.dumps(kdf.to_dict()))
            repo.set_meta(conn, "key_check", cipher.key_check())
        return cipher

    @property
    def locked(self) -> bool:
        return self.encrypted and self.cipher is None

    def _need_key(self) -> None:
        if self.locked:
            raise InputError(LOCKED)

    def close(self) -> None:
        self.store.close()

    # ----------------------------------------------------------------- writing
    def store_file(self, file: FileArg) -> tuple[Attachment, StoredBlob]:
        """Validate one attachment by content and store it (atomically, deduplicated)."""
        self._need_key()
        if isinstance(file, tuple):
            name, data = file
        else:
            path = Path(file)
            try:
                size = path.stat().st_size
                if size > MAX_ATTACHMENT_BYTES:
                    raise InputError(f"附件“{path.name}”太大（{size // (1024 * 1024)} MB），上限 "
                                     f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB。")
                name, data = path.name, path.read_bytes()
            except OSError as exc:
                raise InputError(f"无法读取附件：{file}（{exc.strerror or exc}）。") from exc
        name = _display_name(name)
        ftype = detect(data, name)
        sha = sha256_hex(data)
        if self.cipher is None:
            stored = self.blobs.put(sha, data)
        else:
            blob = self.cipher.name_for(data)
            if self.blobs.exists(blob):
                stored = StoredBlob(blob, *self.blobs.hash_file(blob))
            else:
                stored = self.blobs.put(blob, self.cipher.seal(data, BLOB_AAD))
        att = Attachment(name=name, sha256=sha, size=len(data), media_type=ftype.media_type, blob=stored.name)
        return att, stored

    def natural_key(self, parts: Sequence[object]) -> str:
        data = canonical_json([str(p) if p is not None else None for p in parts]).encode("utf-8")
        return self.cipher.name_for(data) if self.cipher else sha256_hex(data)

    def add(self, incident: IncidentInput, files: Iterable[FileArg] = (), *,
            natural_key: str | None = None) -> EvidenceRecord | None:
        """Append one incident; returns None only if ``natural_key`` is already in the vault."""
        self._need_key()
        stored = [self.store_file(f) for f in files]
        content = Content(**incident.model_dump(), attachments=[a for a, _ in stored],
                          findings=analyze_text(incident.text, incident.kind, incident.occurred_at))
        return self._append("incident", content, None, natural_key, [s for _, s in stored])

    def add_many(self, items: Iterable[tuple[IncidentInput, str | None]]) -> list[EvidenceRecord | None]:
        """Append text-only incidents in one transaction (imports); None marks a duplicate."""
        self._need_key()
        entries = [("incident", Content(**inc.model_dump(), findings=analyze_text(inc.text, inc.kind,
                                                                                   inc.occurred_at)),
                    None, key, []) for inc, key in items]
        return self._append_many(entries)

    def correct(self, seq: int, changes: dict[str, Any], reason: str,
                files: Iterable[FileArg] = ()) -> EvidenceRecord:
        """Append a correction of record ``seq``, the latest version of its item: that version's content
        with ``changes`` applied. Raises ``edit.NotEditable`` for an older version or a withdrawn item,
        checked again inside the write transaction (two writers correcting one version: one wins)."""
        reason = edit.check_reason(reason, "correct")
        item = self.item(seq)
        edit.check_editable(item, seq)
        data = item.current.model_dump()
        data.update({k: v for k, v in changes.items() if k != "counterpart"})
        if "counterpart" in changes:
            data["counterpart"] = {**data["counterpart"], **changes["counterpart"]}
        from xiezhi.evidence.util import incident_input

        base = incident_input(**{k: data[k] for k in IncidentInput.model_fields})
        stored = [self.store_file(f) for f in files]
        findings = (analyze_text(base.text, base.kind, base.occurred_at)
                    if base.text != item.current.text else item.current.findings)
        content = Content(**base.model_dump(), attachments=[*item.current.attachments, *(a for a, _ in stored)],
                          findings=findings, reason=reason)
        rec = self._append("correction", content, item.seq, None, [s for _, s in stored],
                           precheck=lambda conn: self._check_editable(conn, seq))
        assert rec is not None
        return rec

    def withdraw(self, seq: int, reason: str) -> EvidenceRecord:
        """Append a withdrawal of record ``seq``, the latest version of its item (checked as in correct)."""
        reason = edit.check_reason(reason, "withdraw")
        item = self.item(seq)
        edit.check_editable(item, seq)
        rec = self._append("withdrawal", Content(reason=reason), item.seq, None, [],
                           precheck=lambda conn: self._check_editable(conn, seq))
        assert rec is not None
        return rec

    @staticmethod
    def _check_editable(conn: Connection, seq: int) -> None:
        """edit.check_editable on the chain as it is now, under the writer lock (record types and links
        are plain columns, so this needs no key)."""
        row = repo.get_record(conn, seq)
        if row is None:
            raise edit.UnknownRecord(_unknown(seq))
        origin = row["refers_to"] if row["refers_to"] is not None else seq
        later = [(r["seq"], r["record_type"]) for r in repo.referring(conn, origin)]
        edit.check_editable(edit.item_state(origin, later), seq)

    def _append(self, rtype: str, content: Content, refers_to: int | None, natural_key: str | None,
                blobs: list[StoredBlob], *, precheck: Precheck | None = None) -> EvidenceRecord | None:
        return self._append_many([(rtype, content, refers_to, natural_key, blobs)], precheck=precheck)[0]

    def _append_many(self, entries: list[tuple[str, Content, int | None, str | None, list[StoredBlob]]], *,
                     precheck: Precheck | None = None) -> list[EvidenceRecord | None]:
        """Append in one write transaction; ``precheck`` runs first under the writer lock and may raise."""
        out: list[EvidenceRecord | None] = []
        with self.store.write() as conn:
            if precheck is not None:
                precheck(conn)
            seq, prev = repo.last_record(conn)
            seen: set[str] = set()
            for rtype, content, refers_to, key, blobs in entries:
                if key is not None and (key in seen or repo.find_natural_key(conn, key) is not None):
                    out.append(None)
                    continue
                if key is not None:
                    seen.add(key)
                seq += 1
                row = self._row(seq, prev, rtype, content, refers_to, key, blobs)
                repo.append(conn, row)
                prev = row["hash"]
                out.append(self._record(row, content))
        return out

    def _row(self, seq: int, prev: str, rtype: str, content: Content, refers_to: int | None,
             key: str | None, blobs: list[StoredBlob]) -> dict[str, Any]:
        recorded_at = _now()
        if self.cipher is not None:
            content = content.model_copy(update={"salt": base64.b64encode(os.urandom(16)).decode()})
        cdict = content.model_dump(mode="json")
        ctext = canonical_json(cdict)
        body: dict[str, Any] = {
            "v": 1, "seq": seq, "type": rtype, "refers_to": refers_to, "recorded_at": recorded_at,
            "kind": content.kind, "occurred_at": cdict["occurred_at"], "natural_key": key,
            "content_sha256": sha256_hex(ctext),
            "blobs": [{"name": b.name, "sha256": b.sha256, "size": b.size} for b in blobs],
        }
        if self.cipher is None:
            body["content"] = cdict
        else:
            sealed = self.cipher.seal(ctext.encode("utf-8"), f"xiezhi-record:{seq}".encode())
            body["sealed"] = base64.b64encode(sealed).decode()
        body_text = canonical_json(body)
        return {"seq": seq, "record_type": rtype, "refers_to": refers_to, "kind": content.kind,
                "occurred_at": body["occurred_at"], "recorded_at": recorded_at, "natural_key": key,
                "body": body_text, "prev_hash": prev, "hash": record_hash(prev, body_text)}

    # ----------------------------------------------------------------- reading
    def content_of(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The content dict of a body (decrypted when sealed), or None when locked."""
        if "content" in body:
            return body["content"]
        if self.cipher is None:
            return None
        plain = self.cipher.open(base64.b64decode(body["sealed"]), f"xiezhi-record:{body['seq']}".encode())
        return json.loads(plain)

    def _record(self, row: dict[str, Any], content: Content | None = None) -> EvidenceRecord:
        if content is None:
            cdict = self.content_of(json.loads(row["body"]))
            content = Content.model_validate(cdict) if cdict is not None else None
        return EvidenceRecord(
            seq=row["seq"], record_type=row["record_type"], refers_to=row["refers_to"],
            recorded_at=datetime.fromisoformat(row["recorded_at"]), kind=row["kind"],
            occurred_at=datetime.fromisoformat(row["occurred_at"]) if row["occurred_at"] else None,
            prev_hash=row["prev_hash"], hash=row["hash"], content=content)

    def records(self) -> list[EvidenceRecord]:
        self._need_key()
        with self.store.read() as conn:
            return [self._record(r) for r in repo.iter_records(conn)]

    def record(self, seq: int) -> EvidenceRecord:
        self._need_key()
        with self.store.read() as conn:
            row = repo.get_record(conn, seq)
        if row is None:
            raise edit.UnknownRecord(_unknown(seq))
        return self._record(row)

    def items(self, *, include_withdrawn: bool = False) -> list[EvidenceItem]:
        """Incidents as they stand now, in recording order."""
        from xiezhi.evidence.views import build_items

        items = build_items(self.records())
        return [i for i in items if include_withdrawn or i.status != "withdrawn"]

    def item(self, seq: int) -> EvidenceItem:
        from xiezhi.evidence.views import build_items

        records = self.records()
        target = next((r for r in records if r.seq == seq), None)
        if target is None:
            raise edit.UnknownRecord(_unknown(seq))
        origin = target.refers_to if target.refers_to is not None else seq
        for item in build_items(records, keep_records=True):
            if item.seq == origin:
                return item
        raise InputError(f"第 {seq} 条不是一条事件记录。")

    def list(self, *, kind: str | None = None, lender: str | None = None, since: datetime | None = None,
             until: datetime | None = None, include_withdrawn: bool = False) -> list[EvidenceItem]:
        from xiezhi.evidence.views import filter_items

        return filter_items(self.items(include_withdrawn=include_withdrawn), kind=kind, lender=lender,
                            since=since, until=until)

    def attachment_bytes(self, att: Attachment) -> bytes:
        self._need_key()
        data = self.blobs.read(att.blob)
        return self.cipher.open(data, BLOB_AAD) if self.cipher is not None else data

    def verify(self, *, check_files: bool = True) -> VerifyReport:
        from xiezhi.evidence.verify import verify_vault

        return verify_vault(self, check_files=check_files)
