"""Chain verification as a pure function over rows, used on the database and on a manifest alike."""

from __future__ import annotations

import json
from typing import Any

from xiezhi.evidence.canon import GENESIS, canonical_json, record_hash, sha256_hex
from xiezhi.evidence.models import Problem

#: Row columns that copy a body field; verify checks each copy against the body.
COLUMN_FIELDS = {"record_type": "type", "refers_to": "refers_to", "kind": "kind", "occurred_at": "occurred_at",
                 "recorded_at": "recorded_at", "natural_key": "natural_key"}
MAX_PROBLEMS = 100


class ChainChecker:
    """Feed rows in seq order with ``feed``; read ``problems``, ``count``, ``last`` and ``bodies``."""

    def __init__(self, *, keep_bodies: bool = False, check_digests: bool = False) -> None:
        #: Also recompute content_sha256 of plain content. The record hash already covers plain
        #: content, so this only matters for a manifest, where the checker trusts nothing else.
        self.check_digests = check_digests
        self.expected_seq = 1
        self.prev_hash = GENESIS
        self.count = 0
        self.last: tuple[int, str] = (0, GENESIS)
        self.problems: list[Problem] = []
        self.keep_bodies = keep_bodies
        self.bodies: list[dict[str, Any]] = []

    def _add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def feed(self, row: dict[str, Any]) -> dict[str, Any] | None:
        """Check one row; returns its parsed body (or None if it is not valid JSON)."""
        seq = int(row["seq"])
        self.count += 1
        if seq > self.expected_seq:
            missing = (f"第 {self.expected_seq} 条" if seq == self.expected_seq + 1
                       else f"第 {self.expected_seq}–{seq - 1} 条")
            self._add(Problem(code="record_missing", seq=self.expected_seq,
                              message=f"{missing}记录缺失（被删除）：链中从第 {self.expected_seq - 1} 条直接跳到第 {seq} 条。"))
        self.expected_seq = seq + 1
        if row.get("redacted"):  # a record left out of a filtered export: only its links are checked
            self._link(seq, row)
            self.prev_hash = row["hash"]
            self.last = (seq, row["hash"])
            return None
        body_text = row["body"]
        try:
            body = json.loads(body_text)
            if not isinstance(body, dict):
                raise ValueError("not an object")
        except (ValueError, TypeError):
            body = None
            self._add(Problem(code="bad_body", seq=seq, message=f"第 {seq} 条记录的内容已损坏，不是有效的 JSON。"))
        self._link(seq, row)
        actual = record_hash(row["prev_hash"], body_text)
        if actual != row["hash"]:
            self._add(Problem(
                code="record_changed", seq=seq, expected=row["hash"], actual=actual,
                message=f"第 {seq} 条记录被改动：按其内容重新计算的哈希与记录的哈希不符。"))
        if body is not None:
            self._check_body(seq, row, body)
        self.prev_hash = row["hash"]
        self.last = (seq, row["hash"])
        if self.keep_bodies and body is not None:
            self.bodies.append(body)
        return body

    def _link(self, seq: int, row: dict[str, Any]) -> None:
        if row["prev_hash"] != self.prev_hash:
            self._add(Problem(
                code="link_broken", seq=seq, expected=self.prev_hash, actual=row["prev_hash"],
                message=f"第 {seq} 条记录与前一条的链接断开：它记下的前一哈希与第 {self.last[0]} 条的哈希不符"
                        "（记录被删除、插入或调换了顺序）。"))

    def _check_body(self, seq: int, row: dict[str, Any], body: dict[str, Any]) -> None:
        if body.get("seq") != seq:
            self._add(Problem(
                code="order_changed", seq=seq, expected=str(seq), actual=str(body.get("seq")),
                message=f"链的顺序被调换：第 {seq} 个位置上的记录自称第 {body.get('seq')} 条。"))
        for column, field in COLUMN_FIELDS.items():
            if column in row and row[column] != body.get(field):
                self._add(Problem(
                    code="column_mismatch", seq=seq, expected=str(body.get(field)), actual=str(row[column]),
                    message=f"第 {seq} 条记录的数据库列 {column} 被改动：与记录内容不符。"))
        content = body.get("content") if self.check_digests else None
        if content is not None and sha256_hex(canonical_json(content)) != body.get("content_sha256"):
            self._add(Problem(code="content_changed", seq=seq,
                              message=f"第 {seq} 条记录的内容摘要与内容不符。"))

    def finish(self, head: tuple[int, str] | None) -> None:
        if head is None:
            if self.count:
                self._add(Problem(code="head_mismatch", message="链头缺失：数据库中有记录但没有链头。"))
            return
        hseq, hhash = head
        if hseq > self.last[0]:
            self._add(Problem(
                code="record_missing", seq=self.last[0] + 1, expected=str(hseq), actual=str(self.last[0]),
                message=f"链尾记录缺失：链头显示共 {hseq} 条，实际只到第 {self.last[0]} 条（末尾记录被删除）。"))
        elif hseq < self.last[0]:
            self._add(Problem(
                code="extra_record", seq=hseq + 1, expected=str(hseq), actual=str(self.last[0]),
                message=f"链头显示共 {hseq} 条，但有第 {hseq + 1}–{self.last[0]} 条（记录在链头之外被加入）。"))
        elif hhash != self.last[1]:
            self._add(Problem(
                code="head_mismatch", seq=hseq, expected=hhash, actual=self.last[1],
                message=f"链头哈希与第 {hseq} 条记录的哈希不符。"))
