"""Validate the independent Check test set ``bench/data/check_test2.jsonl`` and print its counts.

The JSONL file is hand-written (one message per line, ids ``u0001…``); this script does not
generate or relabel anything. It checks the line format of ``bench/data/README-check.md``, the
labelling conventions that can be checked mechanically, the target counts of the brief (230–260
lines, every category at least 10 times, at least 38 % ``compliant``) and near-duplicates
(character-trigram Jaccard ≥ 0.6) inside the file. With ``--cross`` it also compares every line with
the other ``check_*.jsonl`` files and prints only the ids of *this* file that collide (never the other
files' text), so the set can be kept free of paraphrases without its author reading the other sets.

Usage: ``.venv/bin/python bench/data/tools/build_check_test2.py [--cross] [--markdown]``.
Exit code 1 if any check fails.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1]
TEST2 = DATA_DIR / "check_test2.jsonl"
TAXONOMY = Path(__file__).resolve().parents[4] / "shared" / "spec" / "violation-taxonomy.md"

CATEGORIES = (
    "violence_threat",
    "intimidation",
    "insult_defamation",
    "third_party_contact",
    "debt_disclosure",
    "privacy_exposure",
    "impersonation",
    "false_legal_threat",
    "harassment_time",
    "harassment_frequency",
    "unlawful_visit",
    "illegal_fee",
    "forced_borrowing",
    "credit_repair_scam",
)
COMPLIANT = "compliant"
MODES = {"done", "threatened"}
SEVERITY_ORDER = {"info": 0, "violation": 1, "possible_crime": 2}
# Lowest and highest severity each category can carry (taxonomy section 2, "Severity").
SEVERITY_RANGE = {c: ("violation", "possible_crime") for c in CATEGORIES}
SEVERITY_RANGE["third_party_contact"] = ("info", "possible_crime")  # locating request → info
SEVERITY_RANGE["harassment_time"] = ("info", "violation")  # automated statement at night → info
RECIPIENT_ROLES = {
    "debtor",
    "guarantor",
    "spouse",
    "emergency_contact",
    "address_book_contact",
    "employer_or_colleague",
    "public",
}
LENDER_TYPES = {"bank", "consumer_finance", "microloan", "unlicensed", "unknown"}
CHANNELS = {"sms", "wechat", "call", "incident", "visit"}
REQUIRED = ("id", "text", "labels", "mode", "source_style", "note")
OPTIONAL = ("severity", "sent_at", "recipient_role", "lender_type", "count_per_day", "channel")
THIRD_PARTY_DISCLOSURE = ("third_party_contact", "debt_disclosure")

MIN_LINES, MAX_LINES = 230, 260
MIN_PER_CATEGORY = 10
MIN_LAWFUL_SHARE = 0.38
DUP_THRESHOLD = 0.6


def taxonomy_ids() -> set[str] | None:
    """Category ids declared in the taxonomy headings (``### 2.N `id` — …``), if the spec is present."""
    if not TAXONOMY.exists():
        return None
    return set(re.findall(r"^### 2\.\d+ `([a-z_]+)`", TAXONOMY.read_text(encoding="utf-8"), re.M))


def trigrams(text: str) -> set[str]:
    s = re.sub(r"\s+", "", text)
    return {s[i : i + 3] for i in range(len(s) - 2)}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def is_night(sent_at: str) -> bool:
    hour = datetime.fromisoformat(sent_at).hour
    return hour >= 22 or hour < 8


def check_line(rec: dict, errors: list[str]) -> None:
    rid = rec.get("id", "?")

    def err(msg: str) -> None:
        errors.append(f"{rid}: {msg}")

    for key in REQUIRED:
        if key not in rec:
            err(f"missing field {key}")
    for key in rec:
        if key not in REQUIRED and key not in OPTIONAL:
            err(f"unknown field {key}")
    text = rec.get("text", "")
    if not isinstance(text, str) or not 15 <= len(text) <= 400:
        err(f"text length {len(text)} outside 15–400")
    labels = rec.get("labels", [])
    mode = rec.get("mode", {})
    if not labels or len(set(labels)) != len(labels):
        err("labels empty or repeated")
    for lab in labels:
        if lab not in CATEGORIES and lab != COMPLIANT:
            err(f"unknown label {lab}")
    if not rec.get("note"):
        err("empty note")

    if COMPLIANT in labels:
        if labels != [COMPLIANT]:
            err("compliant is exclusive")
        if mode:
            err("compliant line has modes")
        if "severity" in rec:
            err("compliant line has a severity")
    else:
        if set(mode) != set(labels):
            err("mode keys differ from labels")
        for lab, m in mode.items():
            if m not in MODES:
                err(f"mode {m!r} for {lab}")
        sev = rec.get("severity")
        if sev not in SEVERITY_ORDER:
            err(f"severity {sev!r}")
        else:
            # message severity = max over findings: at least the highest minimum, at most the highest maximum
            lo = max(SEVERITY_ORDER[SEVERITY_RANGE[lab][0]] for lab in labels if lab in SEVERITY_RANGE)
            hi = max(SEVERITY_ORDER[SEVERITY_RANGE[lab][1]] for lab in labels if lab in SEVERITY_RANGE)
            if not lo <= SEVERITY_ORDER[sev] <= hi:
                err(f"severity {sev} not reachable as the max over {labels}")
        # convention 2: every threatened category comes with intimidation (done)
        if any(m == "threatened" for m in mode.values()) and mode.get("intimidation") != "done":
            err("threatened category without intimidation:done (conv 2)")
        if mode.get("intimidation") == "threatened":
            err("intimidation is always done (conv 2)")

    sent_at = rec.get("sent_at")
    if sent_at is not None:
        try:
            night = is_night(sent_at)
        except ValueError:
            err(f"bad sent_at {sent_at!r}")
            night = None
        if night is True and "harassment_time" not in labels:
            err("sent_at in 22:00–08:00 without harassment_time (conv 4)")
        if night is False and "harassment_time" in labels:
            err("harassment_time with a daytime sent_at")
    elif "harassment_time" in labels and rec.get("channel") != "incident":
        err("harassment_time without sent_at outside a first-person description")

    count = rec.get("count_per_day")
    if count is not None:
        if not isinstance(count, int) or count < 1:
            err(f"bad count_per_day {count!r}")
        elif count >= 7 and "harassment_frequency" not in labels:
            err("count_per_day ≥ 7 without harassment_frequency (conv 4)")
        elif count <= 3 and "harassment_frequency" in labels:
            err("harassment_frequency with count_per_day ≤ 3")
    elif "harassment_frequency" in labels and rec.get("channel") != "incident":
        err("harassment_frequency without count_per_day outside a first-person description")

    role = rec.get("recipient_role")
    if role is not None and role not in RECIPIENT_ROLES:
        err(f"bad recipient_role {role!r}")
    for lab in THIRD_PARTY_DISCLOSURE:
        m = mode.get(lab)
        if m == "done" and role in (None, "debtor", "guarantor"):
            err(f"{lab} done needs a third-party recipient_role (conv 4)")
        if m == "threatened" and role not in (None, "debtor"):
            err(f"{lab} threatened: the message goes to the debtor (conv 4)")
    if mode.get("third_party_contact") and role == "public":
        err("public posts do not get third_party_contact (conv 6)")
    if rec.get("lender_type") not in (None, *LENDER_TYPES):
        err(f"bad lender_type {rec.get('lender_type')!r}")
    if rec.get("channel") not in (None, *CHANNELS):
        err(f"bad channel {rec.get('channel')!r}")


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cross", action="store_true", help="also compare with the other check_*.jsonl files")
    ap.add_argument("--markdown", action="store_true", help="print the count table as Markdown")
    args = ap.parse_args(argv)

    errors: list[str] = []
    declared = taxonomy_ids()
    if declared is not None and declared != set(CATEGORIES) | {COMPLIANT}:
        errors.append(f"taxonomy ids differ: {sorted(declared ^ (set(CATEGORIES) | {COMPLIANT}))}")

    recs = load(TEST2)
    for i, rec in enumerate(recs, 1):
        if rec.get("id") != f"u{i:04d}":
            errors.append(f"line {i}: id {rec.get('id')!r}, expected u{i:04d}")
        check_line(rec, errors)

    n = len(recs)
    counts = Counter(lab for r in recs for lab in r["labels"])
    lawful = counts[COMPLIANT] / n if n else 0.0
    if not MIN_LINES <= n <= MAX_LINES:
        errors.append(f"{n} lines, expected {MIN_LINES}–{MAX_LINES}")
    for cat in CATEGORIES:
        if counts[cat] < MIN_PER_CATEGORY:
            errors.append(f"{cat}: {counts[cat]} < {MIN_PER_CATEGORY}")
    if lawful < MIN_LAWFUL_SHARE:
        errors.append(f"lawful share {lawful:.1%} < {MIN_LAWFUL_SHARE:.0%}")

    grams = [trigrams(r["text"]) for r in recs]
    for i in range(n):
        for j in range(i + 1, n):
            sim = jaccard(grams[i], grams[j])
            if sim >= DUP_THRESHOLD:
                errors.append(f"near-duplicate {recs[i]['id']} ~ {recs[j]['id']} ({sim:.2f})")

    if args.cross:
        # Only ids of this file are printed; the other files' text is never shown.
        for other in sorted(DATA_DIR.glob("check_*.jsonl")):
            if other == TEST2:
                continue
            other_grams = [trigrams(r.get("text", "")) for r in load(other)]
            hits = sorted(
                {
                    recs[i]["id"]
                    for i in range(n)
                    for g in other_grams
                    if jaccard(grams[i], g) >= DUP_THRESHOLD
                }
            )
            print(
                f"cross-check {other.name}: {len(hits)} of ours collide"
                + (f": {', '.join(hits)}" if hits else "")
            )
            errors.extend(f"{h}: near-duplicate of a line in {other.name}" for h in hits)

    multi = sum(1 for r in recs if len(r["labels"]) > 1)
    sev = Counter(r.get("severity", "info(compliant)") for r in recs)
    channels = Counter(r.get("channel", "-") for r in recs)
    styles = Counter(r["source_style"] for r in recs)
    lengths = sorted(len(r["text"]) for r in recs)
    if args.markdown:
        print("| category | lines |\n|---|---:|")
        for cat in (*CATEGORIES, COMPLIANT):
            print(f"| {cat} | {counts[cat]} |")
        print(f"| **messages** | {n} |\n| lawful share | {lawful:.1%} |")
    else:
        print(f"{'category':<22}{'lines':>6}")
        for cat in (*CATEGORIES, COMPLIANT):
            print(f"{cat:<22}{counts[cat]:>6}")
        print(f"{'messages':<22}{n:>6}\nlawful share {lawful:.1%}")
    print(f"multi-label lines {multi}; severity {dict(sev)}")
    print(f"channels {dict(channels)}")
    print(
        f"text length min {lengths[0]}, median {lengths[n // 2]}, max {lengths[-1]}; source styles {len(styles)}"
    )
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
