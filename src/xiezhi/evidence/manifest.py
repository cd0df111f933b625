"""``xiezhi evidence verify --manifest``: check an export with nothing but its own files."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from xiezhi.errors import InputError
from xiezhi.evidence.canon import canonical_json, sha256_hex
from xiezhi.evidence.chain import ChainChecker
from xiezhi.evidence.models import Problem, VerifyReport

CHUNK = 1024 * 1024


class _Source:
    """Files next to manifest.json, or inside the export zip."""

    def __init__(self, path: Path) -> None:
        self.zip: zipfile.ZipFile | None = None
        if zipfile.is_zipfile(path):
            self.zip = zipfile.ZipFile(path)
            self.root = None
        else:
            self.root = path.parent

    def manifest_bytes(self, path: Path) -> bytes:
        if self.zip is not None:
            try:
                return self.zip.read("manifest.json")
            except KeyError as exc:
                raise InputError(f"压缩包中没有 manifest.json：{path}") from exc
        return path.read_bytes()

    def hash(self, rel: str) -> tuple[str, int] | None:
        h = hashlib.sha256()
        size = 0
        try:
            fh = self.zip.open(rel) if self.zip is not None else open(self.root / rel, "rb")  # noqa: SIM115
        except (KeyError, FileNotFoundError):
            return None
        with fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
                size += len(chunk)
        return h.hexdigest(), size


def _safe(rel: Any) -> str:
    p = PurePosixPath(str(rel))
    if p.is_absolute() or ".." in p.parts or "\\" in str(rel) or not str(rel):
        raise InputError(f"manifest.json 中的文件路径不安全：{rel!r}。")
    return str(p)


def verify_manifest(path: str | os.PathLike[str]) -> VerifyReport:
    path = Path(path)
    if path.is_dir():
        path = path / "manifest.json"
    if not path.exists():
        raise InputError(f"找不到清单文件：{path}")
    src = _Source(path)
    try:
        manifest = json.loads(src.manifest_bytes(path))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"manifest.json 不是有效的 JSON：{exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != "xiezhi-evidence-manifest":
        raise InputError("这不是獬豸导出的证据清单 manifest.json。")
    checker = ChainChecker(check_digests=True)
    referenced: dict[str, int] = {}
    for rec in manifest.get("records", []):
        body = checker.feed({k: rec.get(k) for k in ("seq", "body", "prev_hash", "hash", "redacted")})
        if body is None:
            continue
        content = body.get("content", rec.get("content"))
        if "sealed" in body and (content is None
                                 or sha256_hex(canonical_json(content)) != body.get("content_sha256")):
            checker.problems.append(Problem(
                code="content_changed", seq=rec.get("seq"),
                message=f"第 {rec.get('seq')} 条记录的明文内容与链中的摘要不符（被改动）。"))
            continue
        for att in (content or {}).get("attachments", []):
            referenced.setdefault(att.get("sha256", ""), rec.get("seq"))
    chain = manifest.get("chain", {})
    checker.finish((int(chain.get("head_seq", 0)), str(chain.get("head_hash", ""))))
    problems = list(checker.problems)
    listed = {f.get("sha256"): f for f in manifest.get("files", [])}
    for sha, seq in referenced.items():
        if sha not in listed:
            problems.append(Problem(code="file_missing", seq=seq, file=sha,
                                    message=f"第 {seq} 条记录的附件（{sha[:12]}…）不在导出文件列表中。"))
    nfiles = nbytes = 0
    for entry in [*manifest.get("files", []), *manifest.get("documents", [])]:
        rel = _safe(entry.get("path"))
        got = src.hash(rel)
        nfiles += 1
        if got is None:
            problems.append(Problem(code="file_missing", file=rel, message=f"导出文件缺失：{rel}。"))
            continue
        nbytes += got[1]
        if got[0] != entry.get("sha256"):
            how = (f"大小由 {entry.get('size')} 字节变为 {got[1]} 字节" if got[1] != entry.get("size")
                   else "大小未变但内容被改动")
            problems.append(Problem(code="file_changed", file=rel, expected=entry.get("sha256"), actual=got[0],
                                    message=f"导出文件被改动或替换（{how}）：{rel}。"))
    redacted = sum(1 for r in manifest.get("records", []) if r.get("redacted"))
    notes = [f"其中 {redacted} 条记录未公开内容（按条件导出），只核对了它们在链中的衔接。"] if redacted else []
    notes += ["只核对了导出文件之间的一致性；请把链头哈希与你早先另行保存或发送给他人的链头比对，以确认整条链未被整体重写。"]
    return VerifyReport(ok=not problems, source="manifest", records=checker.count, files=nfiles, file_bytes=nbytes,
                        head_seq=checker.last[0], head_hash=checker.last[1], problems=problems, notes=notes)
