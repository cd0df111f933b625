"""Snapshot of Check's full output on the labelled dev sets, to prove that speed work changes nothing.

`python scripts/snapshot_check.py --write` runs `analyze(text, meta).model_dump_json()` on every line of
bench/data/check_dev.jsonl and check_dev2.jsonl (with the metadata fields bench/bench_check.py passes) and
writes tests/data/check_snapshot.jsonl.gz: a header line with the fingerprint of everything besides the
engine code that decides the output (rule data, cues, model artifact, statute corpus, parameters, the
metadata modules), then one line per message with its input (text, meta) and its output JSON.

`python scripts/snapshot_check.py` (no --write) compares the current code with the snapshot, through
`analyze` and through the chunked path `analyze_many`, and prints the first differences. The test split
is never read.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SPLITS = ("check_dev.jsonl", "check_dev2.jsonl")
SNAPSHOT = ROOT / "tests" / "data" / "check_snapshot.jsonl.gz"  # gzip: the citations repeat article texts
#: The fields bench/bench_check.py passes as metadata (its META tuple).
META = ("sent_at", "recipient_role", "lender_type", "count_per_day", "channel", "debtor_reachable", "contact_refused")
#: What decides the output besides the engine code itself (relative to the installed package).
FINGERPRINT_PATHS = ("data/collection", "data/laws", "data/params", "collection/stated.py",
                     "collection/metadata.py", "collection/citations.py")


def package_root() -> Path:
    import xiezhi

    return Path(xiezhi.__file__).resolve().parent


def fingerprint() -> str:
    """sha256 over the rule data, cues, model artifact, corpus, parameters and metadata modules."""
    root = package_root()
    h = hashlib.sha256()
    for rel in FINGERPRINT_PATHS:
        p = root / rel
        files = sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts) if p.is_dir() else [p]
        for f in files:
            h.update(str(f.relative_to(root)).encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def cases(data: Path = DATA) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(split, id, text, meta) of every dev line, meta as bench_check.py builds it."""
    out = []
    for split in SPLITS:
        for line in (data / split).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append((split, r["id"], r["text"], {k: r[k] for k in META if r.get(k) is not None}))
    return out


def outputs_analyze(items: list[tuple[str, str, str, dict[str, Any]]]) -> list[str]:
    from xiezhi.collection import analyze

    return [analyze(text, meta).model_dump_json() for _, _, text, meta in items]


def outputs_chunked(items: list[tuple[str, str, str, dict[str, Any]]], size: int = 97) -> list[str]:
    """Through the chunked path, in chunks of `size`, serialised by its own JSON writer."""
    from xiezhi.collection.fast import analyze_many_json

    out: list[str] = []
    for i in range(0, len(items), size):
        part = items[i:i + size]
        out.extend(analyze_many_json([t for _, _, t, _ in part], [m for *_, m in part]))
    return out


def stored_cases(expected: list[dict[str, Any]]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The inputs recorded in the snapshot (the dev files may change after it was taken)."""
    return [(e["split"], e["id"], e["text"], e["meta"]) for e in expected]


def read_snapshot(path: Path = SNAPSHOT) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = [json.loads(x) for x in f if x.strip()]
    return lines[0], lines[1:]


def compare(expected: list[dict[str, Any]], got: list[str], label: str, show: int = 3) -> int:
    bad = [(e, g) for e, g in zip(expected, got, strict=True) if e["out"] != g]
    for e, g in bad[:show]:
        print(f"[{label}] {e['split']} {e['id']}\n  snapshot: {e['out'][:400]}\n  now:      {g[:400]}")
    print(f"[{label}] {len(expected) - len(bad)}/{len(expected)} identical")
    return len(bad)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="(re)write the snapshot with the current code and data")
    ap.add_argument("--no-chunked", action="store_true", help="compare through analyze() only")
    ap.add_argument("--data", type=Path, default=DATA, help="where check_dev*.jsonl are read (with --write)")
    args = ap.parse_args()
    if args.write:
        items = cases(args.data)
        got = outputs_analyze(items)
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        with SNAPSHOT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, \
                io.TextIOWrapper(gz, encoding="utf-8") as f:  # mtime=0: the same outputs give the same bytes
            f.write(json.dumps({"fingerprint": fingerprint(), "splits": list(SPLITS), "meta_fields": list(META),
                                "messages": len(items)}) + "\n")
            for (split, ident, text, meta), out in zip(items, got, strict=True):
                f.write(json.dumps({"split": split, "id": ident, "text": text, "meta": meta, "out": out},
                                   ensure_ascii=False) + "\n")
        print(f"wrote {SNAPSHOT} ({len(items)} messages, fingerprint {fingerprint()[:12]})")
        return 0
    header, expected = read_snapshot()
    items = stored_cases(expected)
    if header["fingerprint"] != fingerprint():
        print("note: rule data / model / corpus / metadata modules differ from the snapshot's; differences may be "
              "due to them, not to the engine")
    bad = compare(expected, outputs_analyze(items), "analyze")
    if not args.no_chunked:
        bad += compare(expected, outputs_chunked(items), "analyze_many")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
