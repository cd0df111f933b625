"""Assemble the independent validation set bench/data/check_dev2.jsonl from tools/src_dev2/*.txt.

Same block format and conventions as build_check_data.py (README-check.md). Ids ``v0001…`` are
frozen: a text already in check_dev2.jsonl keeps its id; new texts get the next free id. The lines
are validated with validate_check_data.check_line (split "dev2"), checked for near-duplicates against
each other and against check_dev.jsonl (the set must be worded differently), and the category
counts are printed. Run: ``.venv/bin/python bench/data/tools/build_check_dev2.py``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_check_data import FIELD_ORDER, _blocks, _grams, parse_block, read_jsonl  # noqa: E402
from validate_check_data import CATEGORIES, NEAR_DUP, check_line  # noqa: E402

DATA = HERE.parent
OUT = DATA / "check_dev2.jsonl"
DEV = DATA / "check_dev.jsonl"
MIN_PER_CAT, MIN_LAWFUL, MIN_TOTAL = 12, 0.35, 250


def load() -> list[dict]:
    recs: list[dict] = []
    for path in sorted((HERE / "src_dev2").glob("*.txt")):
        for no, header, body, note in _blocks(path):
            recs.append(parse_block(header, body, note, f"{path.name}:{no}"))
    return recs


def main() -> int:
    recs = load()
    old = {r["text"]: r["id"] for r in read_jsonl(OUT)}
    used = {int(i[1:]) for i in old.values()}
    nxt = max(used, default=0) + 1
    rows: list[dict] = []
    for r in recs:
        rid = old.get(r["text"])
        if rid is None:
            while nxt in used:
                nxt += 1
            rid = f"v{nxt:04d}"
            used.add(nxt)
        r["id"] = rid
        rows.append({k: r[k] for k in FIELD_ORDER if k in r})
    rows.sort(key=lambda r: r["id"])
    err: list[str] = []
    warn: list[str] = []
    for r in rows:
        check_line(r, "dev2", err, warn)
    err = [e for e in err if "id prefix" not in e]
    grams = [(r["id"], _grams(r["text"])) for r in rows]
    for i, (a, ga) in enumerate(grams):
        for b, gb in grams[i + 1:]:
            if len(ga & gb) / max(1, len(ga | gb)) >= NEAR_DUP:
                err.append(f"near-duplicate {a} {b}")
    dev = [(r["id"], _grams(r["text"])) for r in read_jsonl(DEV)]
    for a, ga in grams:
        for b, gb in dev:
            if len(ga & gb) / max(1, len(ga | gb)) >= 0.5:
                err.append(f"{a} is close to dev line {b} (dev2 must be worded differently)")
    counts = Counter(lab for r in rows for lab in r["labels"])
    lawful = counts["compliant"] / max(1, len(rows))
    print(f"{len(rows)} lines, lawful {lawful:.1%}")
    for cat in [*CATEGORIES, "compliant"]:
        print(f"  {cat:22s} {counts[cat]}")
        if cat != "compliant" and counts[cat] < MIN_PER_CAT:
            err.append(f"{cat}: {counts[cat]} < {MIN_PER_CAT}")
    if lawful < MIN_LAWFUL:
        err.append(f"lawful share {lawful:.1%} < 35%")
    if len(rows) < MIN_TOTAL:
        err.append(f"{len(rows)} lines < {MIN_TOTAL}")
    for w in warn:
        print("WARN", w)
    for e in err:
        print("ERROR", e)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
