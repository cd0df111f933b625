"""Content-addressed attachment files, written atomically (temp file, fsync, link, fsync dir).

Layout under ``<data dir>/evidence``: ``objects/ab/abcdef…`` (the name is the SHA-256 of the file,
or under encryption a keyed HMAC of the plaintext) and ``tmp/<pid>-<random>.part`` while writing. A
file appears under ``objects/`` only complete and synced; a writer killed half-way leaves at most a
``.part`` file, which ``cleanup_tmp`` removes once its process is gone.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from xiezhi.errors import InputError

CHUNK = 1024 * 1024
#: A temp file this old is abandoned even if a process with its pid exists (pid reuse, Windows).
STALE_SECONDS = 24 * 3600
_NAME = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class StoredBlob:
    name: str     # object name (64 hex)
    sha256: str   # SHA-256 of the stored bytes
    size: int     # size of the stored bytes


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    if os.name != "posix":  # os.kill(pid, 0) would send CTRL_C_EVENT on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.tmp = root / "tmp"
        for d in (root, self.objects, self.tmp):
            d.mkdir(mode=0o700, parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        if not _NAME.match(name):  # names come from our own records; refuse anything path-like
            raise InputError(f"无效的附件对象名：{name!r}。")
        return self.objects / name[:2] / name

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def put(self, name: str, data: bytes) -> StoredBlob:
        """Store ``data`` under ``name`` unless an object of that name already exists."""
        final = self.path(name)
        if final.is_file():
            sha, size = self.hash_file(name)
            return StoredBlob(name, sha, size)
        final.parent.mkdir(mode=0o700, exist_ok=True)
        tmp = self.tmp / f"{os.getpid()}-{secrets.token_hex(8)}.part"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        linked = True
        try:
            os.link(tmp, final)  # atomic and never overwrites: a concurrent writer's copy wins
        except FileExistsError:
            linked = False
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_dir(final.parent)
        _fsync_dir(self.tmp)
        if not linked:  # another writer stored this name first (under encryption: other ciphertext)
            return StoredBlob(name, *self.hash_file(name))
        return StoredBlob(name, hashlib.sha256(data).hexdigest(), len(data))

    def read(self, name: str) -> bytes:
        try:
            return self.path(name).read_bytes()
        except FileNotFoundError as exc:
            raise InputError(f"附件文件缺失：{name}。请运行 xiezhi evidence verify。") from exc

    def iter_chunks(self, name: str) -> Iterator[bytes]:
        with open(self.path(name), "rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def hash_file(self, name: str) -> tuple[str, int]:
        h = hashlib.sha256()
        size = 0
        for chunk in self.iter_chunks(name):
            h.update(chunk)
            size += len(chunk)
        return h.hexdigest(), size

    def names(self) -> Iterator[str]:
        for sub in sorted(self.objects.iterdir()):
            if sub.is_dir():
                for f in sorted(sub.iterdir()):
                    yield f.name

    def cleanup_tmp(self) -> int:
        """Remove ``.part`` files left by writers that no longer run; returns how many."""
        removed = 0
        for f in self.tmp.glob("*.part"):
            pid_text = f.name.split("-", 1)[0]
            try:
                stale = time.time() - f.stat().st_mtime > STALE_SECONDS
            except FileNotFoundError:
                continue
            alive = pid_text.isdigit() and (int(pid_text) == os.getpid() or _pid_alive(int(pid_text)))
            if alive and not stale:
                continue
            f.unlink(missing_ok=True)
            removed += 1
        return removed
