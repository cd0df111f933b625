"""Assemble the hand-written Check evaluation messages into dev/test JSONL.

The messages live in ``bench/data/tools/src/*.txt`` as blocks, each written by hand::

    @ vt:t in | ch=sms rr=debtor lt=unlicensed at=23:10 n=8 sev=pc st=crude_sms
    message text (may span several lines; kept with newlines)
    > one-line note on why the labels apply

Header before ``|``: label codes (``:t`` = threatened, default done; ``ok`` = compliant).
Header after ``|``: ch=channel rr=recipient_role lt=lender_type at=sent_at (``HH:MM`` or full
ISO) n=count_per_day sev=info|v|pc st=source_style.

The split is frozen: texts already present in check_dev/check_test keep their split and id, and
an edited text inherits the id and split of the old line it replaces (trigram Jaccard >= 0.5);
only genuinely new texts are assigned, by iterative stratification over labels (seeded).
Run: ``.venv/bin/python bench/data/tools/build_check_data.py``.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
DEV = DATA / "check_dev.jsonl"
TEST = DATA / "check_test.jsonl"

CODES = {
    "vt": "violence_threat",
    "in": "intimidation",
    "id": "insult_defamation",
    "tp": "third_party_contact",
    "dd": "debt_disclosure",
    "pe": "privacy_exposure",
    "im": "impersonation",
    "fl": "false_legal_threat",
    "ht": "harassment_time",
    "hf": "harassment_frequency",
    "uv": "unlawful_visit",
    "if": "illegal_fee",
    "fb": "forced_borrowing",
    "cr": "credit_repair_scam",
    "ok": "compliant",
}
META_KEYS = {
    "ch": "channel",
    "rr": "recipient_role",
    "lt": "lender_type",
    "at": "sent_at",
    "n": "count_per_day",
    "sev": "severity",
    "st": "source_style",
}
SEV = {"info": "info", "v": "violation", "pc": "possible_crime"}
FIELD_ORDER = [
    "id", "text", "labels", "mode", "severity", "sent_at", "recipient_role", "lender_type",
    "count_per_day", "channel", "source_style", "note",
]


def _date_for(text: str) -> str:
    """A stable pseudo-random 2026 date for records that only give a clock time."""
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    month = 1 + h % 11
    day = 1 + (h // 11) % 28
    return f"2026-{month:02d}-{day:02d}"


def parse_block(header: str, body: list[str], note: str, where: str) -> dict:
    if "|" not in header:
        raise ValueError(f"{where}: header needs '|'")
    lab_part, meta_part = header.split("|", 1)
    labels: list[str] = []
    mode: dict[str, str] = {}
    for tok in lab_part.split():
        code, _, m = tok.partition(":")
        if code not in CODES:
            raise ValueError(f"{where}: unknown label code {code!r}")
        cat = CODES[code]
        labels.append(cat)
        if cat != "compliant":
            mode[cat] = "threatened" if m == "t" else "done"
    text = "\n".join(body).strip()
    if not text:
        raise ValueError(f"{where}: empty text")
    rec: dict = {"text": text, "labels": labels}
    if mode:
        rec["mode"] = mode
    for tok in meta_part.split():
        key, _, val = tok.partition("=")
        if key not in META_KEYS:
            raise ValueError(f"{where}: unknown meta key {key!r}")
        field = META_KEYS[key]
        if field == "count_per_day":
            rec[field] = int(val)
        elif field == "severity":
            rec[field] = SEV[val]
        elif field == "sent_at":
            if len(val) == 5:
                val = f"{_date_for(text)}T{val}:00"
            elif len(val) == 16:
                val = val + ":00"
            rec[field] = val
        else:
            rec[field] = val
    if "compliant" not in labels and "severity" not in rec:
        rec["severity"] = "violation"
    if not note:
        raise ValueError(f"{where}: missing note")
    rec["note"] = note
    return rec


def _blocks(path: Path) -> list[tuple[int, str, list[str], str]]:
    """Split one source file into (line number, header, body lines, note) blocks."""
    blocks: list[tuple[int, str, list[str], str]] = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("@ "):
            blocks.append((no, line[2:], [], ""))
        elif not blocks:
            continue
        elif line.startswith("> "):
            no0, header, body, _ = blocks[-1]
            blocks[-1] = (no0, header, body, line[2:].strip())
        else:
            blocks[-1][2].append(line)
    return blocks


def load_sources() -> list[dict]:
    records: list[dict] = []
    for path in sorted((HERE / "src").glob("*.txt")):
        for no, header, body, note in _blocks(path):
            rec = parse_block(header, body, note, f"{path.name}:{no}")
            rec["_src"] = f"{path.name}:{no}"
            records.append(rec)
    return records


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def stratified_assign(recs: list[dict], test_share: float, seed: int) -> list[str]:
    """Iterative stratification (Sechidis et al. 2011), simplified to two folds."""
    rng = random.Random(seed)
    order = list(range(len(recs)))
    rng.shuffle(order)
    counts = Counter(lab for r in recs for lab in r["labels"])
    want = {
        "test": {lab: c * test_share for lab, c in counts.items()},
        "dev": {lab: c * (1 - test_share) for lab, c in counts.items()},
    }
    size = {"test": len(recs) * test_share, "dev": len(recs) * (1 - test_share)}
    split: list[str | None] = [None] * len(recs)
    remaining = set(order)
    while remaining:
        live = Counter(lab for i in remaining for lab in recs[i]["labels"])
        rare = min(live, key=lambda lab: (live[lab], lab))
        for i in [i for i in order if i in remaining and rare in recs[i]["labels"]]:
            best = max(("test", "dev"), key=lambda s: (want[s][rare], size[s], rng.random()))
            split[i] = best
            size[best] -= 1
            for lab in recs[i]["labels"]:
                want[best][lab] -= 1
            remaining.discard(i)
    return [s or "dev" for s in split]


def _grams(text: str) -> set[str]:
    t = "".join(text.split())
    return {t[i:i + 3] for i in range(max(1, len(t) - 2))}


def _inherit(new: list[dict], orphans: list[dict]) -> dict[int, dict]:
    """Edited texts keep the id and split of the old line they replace (trigram Jaccard >= 0.5)."""
    pool = [(o, _grams(o["text"])) for o in orphans]
    out: dict[int, dict] = {}
    for r in new:
        g = _grams(r["text"])
        best, score = None, 0.0
        for o, og in pool:
            sc = len(g & og) / max(1, len(g | og))
            if sc > score:
                best, score = o, sc
        if best is not None and score >= 0.5:
            out[id(r)] = best
            pool = [(o, og) for o, og in pool if o is not best]
    return out


def main() -> None:
    records = load_sources()
    old_rows = read_jsonl(DEV) + read_jsonl(TEST)
    old = {r["text"]: r for r in old_rows}
    dev_ids = [int(r["id"][1:]) for r in read_jsonl(DEV)]
    test_ids = [int(r["id"][1:]) for r in read_jsonl(TEST)]
    current = {r["text"] for r in records}
    orphans = [r for r in old_rows if r["text"] not in current]
    new = [r for r in records if r["text"] not in old]
    inherited = _inherit(new, orphans)
    fresh = [r for r in new if id(r) not in inherited]
    assign = stratified_assign(fresh, 0.2, seed=20261128 + len(old))
    next_id = {"dev": max(dev_ids, default=0) + 1, "test": max(test_ids, default=0) + 1}
    new_split = {id(r): s for r, s in zip(fresh, assign, strict=True)}
    out: dict[str, list[dict]] = {"dev": [], "test": []}
    for r in records:
        prev = old.get(r["text"]) or inherited.get(id(r))
        if prev is not None:
            rid = prev["id"]
            split = "dev" if rid.startswith("d") else "test"
        else:
            split = new_split[id(r)]
            rid = f"{'d' if split == 'dev' else 't'}{next_id[split]:04d}"
            next_id[split] += 1
        r = {k: v for k, v in r.items() if not k.startswith("_")}
        r["id"] = rid
        out[split].append({k: r[k] for k in FIELD_ORDER if k in r})
    for split, path in (("dev", DEV), ("test", TEST)):
        rows = sorted(out[split], key=lambda r: r["id"])
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(f"{path.name}: {len(rows)} lines")


if __name__ == "__main__":
    main()
