"""Streaming batch check: JSON lines in, JSON lines out, constant memory, optional worker processes.

Input line: {"id", "text", "sent_at"?, "recipient_role"?, "lender_type"?, "count_per_day"?, "channel"?}.
Output line: the CheckResult of `analyze`, or {"id", "line", "error"} for a line that cannot be read
(the error is also counted, never dropped silently). Chunks of CHUNK lines go through the chunked path
(`xiezhi.collection.fast.analyze_many_json`), which gives the same lines as `analyze` line by line.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xiezhi.collection.models import MessageMeta

#: The engine, imported on first use (`_engine`), not with this module: with `--workers N` the parent process only
#: reads and writes lines, and importing the engine there cost the batch's process tree ~45 MB of resident memory
#: (the parent held the rule tables' and numpy's modules that only the workers use).
analyze: Any = None
analyze_many_json: Any = None

CHUNK = 500
_PLAIN_KEYS = frozenset({"id", "text"})
_META_KEYS = ("sent_at", "recipient_role", "lender_type", "count_per_day", "channel", "debtor_reachable",
              "contact_refused", "consent_night")


#: The C scanner `json.loads` ends in (a decoder with json's defaults, like json.loads' own).
_SCAN = json.JSONDecoder().scan_once
_WS = json.decoder.WHITESPACE.match  # type: ignore[attr-defined]


def _loads(line: str) -> object:
    """`json.loads(line)`. A line that starts with an object is scanned by json's C scanner directly: json.loads'
    own Python wrapper (two whitespace matches, decode, raw_decode) costs more than the scan of a 100-character
    message. Anything else, and any line the scanner does not take whole, goes through json.loads (same value,
    same error)."""
    if line[:1] == "{":
        try:
            obj, end = _SCAN(line, 0)
        except Exception:
            return json.loads(line)
        if end == len(line) or _WS(line, end).end() == len(line):
            return obj
    return json.loads(line)


def _error(ident: object, lineno: int, exc: Exception) -> str:
    msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return json.dumps({"id": ident, "line": lineno, "error": f"第{lineno}行无法处理：{msg}"}, ensure_ascii=False)


def _engine() -> None:
    """Import the engine into this module's globals once (a test may have put its own `analyze_many_json` there)."""
    global analyze, analyze_many_json
    if analyze is None:
        from xiezhi.collection.check import analyze as _analyze

        analyze = _analyze
    if analyze_many_json is None:
        from xiezhi.collection.fast import analyze_many_json as _many

        analyze_many_json = _many


def _read(item: object) -> tuple[str, MessageMeta | None]:
    """Text and metadata of one parsed input line (raises on a bad line)."""
    if not isinstance(item, dict):
        raise ValueError("每行应为一个 JSON 对象")
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError("缺少 text 字段（字符串）")
    if item.keys() <= _PLAIN_KEYS:  # the common line: no metadata to look for
        return text, None
    meta_data = {k: item[k] for k in _META_KEYS if item.get(k) is not None}
    if isinstance(meta_data.get("sent_at"), str):
        from xiezhi.dates import parse_datetime

        meta_data["sent_at"] = parse_datetime(meta_data["sent_at"])
    if not meta_data:
        return text, None
    from xiezhi.collection.models import MessageMeta

    return text, MessageMeta.model_validate(meta_data)


def process_line(line: str, lineno: int, rules_only: bool = False) -> str | None:
    """One input line -> one output line (None for a blank line)."""
    if not line.strip():
        return None
    _engine()
    ident = None
    try:
        item = json.loads(line)
        ident = item.get("id") if isinstance(item, dict) else None
        text, meta = _read(item)
        result = analyze(text, meta, id=None if ident is None else str(ident), model=False if rules_only else None)
        return result.model_dump_json()
    except Exception as exc:  # one bad line must not stop a batch
        return _error(ident, lineno, exc)


_SETTLED = False
_LOG = logging.getLogger(__name__)
#: The chunked path failed at least once in this process (warned once: a systematic failure costs ~2x the time)
_CHUNK_FAILED = False


def _settle() -> None:
    """Once per process, after its first chunk: collect, then move every object alive now out of the garbage
    collector's generations (`gc.freeze`). They are the rule tables, the classifier's vocabulary, the statute
    corpus and the caches filled on first use, some 60,000 objects that stay alive to the end; the collector's
    passes over them cost about a tenth of the batch's CPU time. Objects made later are collected as before.
    Only the batch path does this: the processes of `xiezhi batch` do nothing else."""
    global _SETTLED
    if not _SETTLED:
        _SETTLED = True
        gc.collect()
        gc.freeze()


def process_lines(lines: list[str], start: int = 1, rules_only: bool = False) -> list[str]:
    """Many input lines (the first is line `start`) -> their output lines, blank lines skipped: the same
    lines as `process_line` on each, computed by the chunked path (`analyze_many_json`)."""
    _engine()
    out: list[str | None] = []
    texts: list[str] = []
    metas: list[MessageMeta | None] = []
    ids: list[str | None] = []
    slots: list[tuple[int, int, str]] = []  # (output index, line number, line) of every readable line
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        ident = None
        try:
            item = _loads(line)
            ident = item.get("id") if isinstance(item, dict) else None
            text, meta = _read(item)
        except Exception as exc:  # one bad line must not stop a batch
            out.append(_error(ident, start + i, exc))
            continue
        slots.append((len(out), start + i, line))
        out.append(None)
        texts.append(text)
        metas.append(meta)
        ids.append(None if ident is None else str(ident))
    try:
        done: list[str | None] = list(analyze_many_json(texts, metas, ids, model=False if rules_only else None))
    except Exception as exc:  # a message the chunk cannot take: every line on its own, errors reported per line
        global _CHUNK_FAILED
        if not _CHUNK_FAILED:
            _CHUNK_FAILED = True
            _LOG.warning("chunked check failed (%s: %s); lines from %d checked one by one", type(exc).__name__, exc,
                         start)
        done = [process_line(line, lineno, rules_only) for _, lineno, line in slots]
    for (k, _, _), res in zip(slots, done, strict=True):
        out[k] = res
    _settle()
    return [x for x in out if x is not None]


def _process_chunk(chunk: tuple[int, list[str]], rules_only: bool = False) -> list[str]:
    start, lines = chunk
    return process_lines(lines, start, rules_only)


def _chunks(lines: Iterable[str], size: int = CHUNK) -> Iterator[tuple[int, list[str]]]:
    buf: list[str] = []
    start = 1
    for n, line in enumerate(lines, start=1):
        buf.append(line)
        if len(buf) >= size:
            yield start, buf
            start = n + 1
            buf = []
    if buf:
        yield start, buf


def run_batch(inp: IO[str], out: IO[str], *, workers: int = 1, rules_only: bool = False,
              progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Process every line of `inp` into `out`; returns (lines written, error lines)."""
    written = errors = 0
    work = partial(_process_chunk, rules_only=rules_only)

    def emit(lines_out: list[str]) -> None:
        nonlocal written, errors
        for s in lines_out:
            out.write(s + "\n")
            written += 1
            errors += s.startswith('{"id"') and '"error"' in s[:200] and '"labels"' not in s[:200]
        if progress:
            progress(written, errors)

    if workers <= 1:
        results: Iterable[list[str]] = map(work, _chunks(inp))
        for lines_out in results:
            emit(lines_out)
        return written, errors
    import multiprocessing as mp

    window = threading.BoundedSemaphore(workers * 4)

    def bounded() -> Iterator[tuple[int, list[str]]]:
        for chunk in _chunks(inp):
            window.acquire()
            yield chunk

    ctx = mp.get_context("fork") if hasattr(__import__("os"), "fork") else mp.get_context()
    with ctx.Pool(workers) as pool:
        for lines_out in pool.imap(work, bounded()):
            window.release()
            emit(lines_out)
    return written, errors
