"""``xiezhi evidence verify``: recompute the chain and every attachment hash; name the first break."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from xiezhi.evidence.canon import canonical_json, sha256_hex
from xiezhi.evidence.chain import ChainChecker
from xiezhi.evidence.models import Problem, VerifyReport
from xiezhi.store import evidence_repo as repo

if TYPE_CHECKING:
    from xiezhi.evidence.vault import Vault

FILE_WORKERS = min(4, (os.cpu_count() or 1) + 1)


def verify_vault(vault: Vault, *, check_files: bool = True) -> VerifyReport:
    checker = ChainChecker()
    blobs: dict[str, tuple[str, int, int]] = {}  # name -> (sha256, size, first seq)
    notes: list[str] = []
    opened = 0
    with vault.store.read() as conn:
        head = repo.get_head(conn)
        for row in repo.iter_records(conn):
            body = checker.feed(row)
            if body is None:
                continue
            for b in body.get("blobs", []):
                blobs.setdefault(b["name"], (b["sha256"], b["size"], row["seq"]))
            if "sealed" in body and vault.cipher is not None:
                _check_sealed(vault, body, checker)
                opened += 1
    checker.finish(head)
    problems = list(checker.problems)
    total_bytes = 0
    if check_files:
        # Reading and hashing release the GIL: a few threads overlap disk reads with SHA-256.
        with ThreadPoolExecutor(max_workers=FILE_WORKERS) as pool:
            results = pool.map(lambda kv: _check_blob(vault, kv[0], *kv[1]), blobs.items())
            for problem, nbytes in results:
                total_bytes += nbytes
                if problem:
                    problems.append(problem)
        referenced = set(blobs)
        orphans = [n for n in vault.blobs.names() if n not in referenced]
        if orphans:
            notes.append(f"有 {len(orphans)} 个附件文件未被任何记录引用（多为写入中断留下的完整文件，不影响校验）。")
    if vault.encrypted and vault.cipher is None:
        notes.append("证据库已加密且未提供口令：已核对链和加密后文件的哈希，未解密核对内容。")
    elif opened:
        notes.append(f"已用口令解密核对 {opened} 条记录的内容摘要。")
    problems.sort(key=lambda p: (p.seq if p.seq is not None else 10**18))
    return VerifyReport(ok=not problems, source="database", records=checker.count, files=len(blobs) if check_files else 0,
                        file_bytes=total_bytes, head_seq=checker.last[0], head_hash=checker.last[1],
                        problems=problems, notes=notes)


def _check_sealed(vault: Vault, body: dict, checker: ChainChecker) -> None:
    seq = body.get("seq")
    try:
        content = vault.content_of(body)
    except Exception:
        checker.problems.append(Problem(code="content_changed", seq=seq,
                                        message=f"第 {seq} 条记录的加密内容无法用口令解开（被改动或损坏）。"))
        return
    if sha256_hex(canonical_json(content)) != body.get("content_sha256"):
        checker.problems.append(Problem(code="content_changed", seq=seq,
                                        message=f"第 {seq} 条记录解密后的内容与其摘要不符。"))


def _check_blob(vault: Vault, name: str, sha: str, size: int, seq: int) -> tuple[Problem | None, int]:
    path = vault.blobs.path(name)
    if not path.is_file():
        return Problem(code="file_missing", seq=seq, file=name,
                       message=f"第 {seq} 条记录的附件文件缺失：{name}。"), 0
    actual, actual_size = vault.blobs.hash_file(name)
    if actual == sha:
        return None, actual_size
    how = (f"大小由 {size} 字节变为 {actual_size} 字节" if actual_size != size else "大小未变但内容被改动")
    return Problem(code="file_changed", seq=seq, file=name, expected=sha, actual=actual,
                   message=f"第 {seq} 条记录的附件文件被改动或替换（{how}）：{name}。"), actual_size

