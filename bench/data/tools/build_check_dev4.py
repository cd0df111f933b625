"""Validate the fourth Check set bench/data/check_dev4.jsonl and print its count table.

The file is hand-written JSONL (ids ``x0001…``, same line format and conventions 1-14 as
README-check.md, written by a fourth annotator); this script does not generate or rewrite it.
Checks:

- schema: required fields, known fields and enumerations, field order, ids ``xNNNN`` unique and in
  file order;
- labels: valid ids, ``compliant`` exclusive, ``mode`` covers exactly the violation labels,
  ``intimidation`` always ``done``, a threatened category comes with ``intimidation`` (convention 2);
- metadata: harassment_time <-> ``sent_at`` in 22:00-08:00 (both directions, 21:00-22:00 never),
  harassment_frequency needs ``count_per_day`` >= 4 (and a count >= 7 needs the label),
  third_party_contact / debt_disclosure need ``recipient_role``; done-mode contact is never to the
  debtor/guarantor, and never to ``public`` (convention 6);
- severity: present exactly on non-compliant lines and consistent with "max over findings" per the
  taxonomy: not below the highest floor of its labels (``info`` is possible only for
  third_party_contact and harassment_time), not above the highest ceiling (harassment_time alone
  cannot be ``possible_crime``);
- text length 10-400 characters;
- near-duplicates (character-trigram Jaccard) inside the file (>= 0.6) and against every other
  ``check_*.jsonl`` in bench/data (>= 0.5: the set must be worded differently); only this file's ids
  are printed, never another file's text or id;
- counts: 300 lines, every category >= 12, the five emphasised categories >= 20, lawful share
  48-52 %, and the first 150 lines (the early delivery) 45-55 % lawful. ``--partial`` skips the
  total/per-category targets.

Run: ``.venv/bin/python bench/data/tools/build_check_dev4.py [--partial] [--markdown]``; exit 1 on error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
FILE = DATA / "check_dev4.jsonl"
OTHERS = tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != FILE.name)

CATEGORIES = [
    "violence_threat", "intimidation", "insult_defamation", "third_party_contact",
    "debt_disclosure", "privacy_exposure", "impersonation", "false_legal_threat",
    "harassment_time", "harassment_frequency", "unlawful_visit", "illegal_fee",
    "forced_borrowing", "credit_repair_scam",
]
WEAK = {"unlawful_visit", "impersonation", "privacy_exposure", "intimidation", "illegal_fee"}
ROLES = {"debtor", "guarantor", "spouse", "emergency_contact", "address_book_contact",
         "employer_or_colleague", "public"}
LENDERS = {"bank", "consumer_finance", "microloan", "unlicensed", "unknown"}
CHANNELS = {"sms", "wechat", "call", "visit", "incident"}
FIELDS = ["id", "text", "labels", "mode", "severity", "sent_at", "recipient_role", "lender_type",
          "count_per_day", "channel", "source_style", "note"]
REQUIRED = {"id", "text", "labels", "source_style", "note"}
RANK = {"info": 0, "violation": 1, "possible_crime": 2}
# Per-category severity range from the taxonomy's severity lines (section 2).
FLOOR = {c: "violation" for c in CATEGORIES} | {"third_party_contact": "info", "harassment_time": "info"}
CEIL = {c: "possible_crime" for c in CATEGORIES} | {"harassment_time": "violation"}
MIN_TOTAL, MAX_TOTAL, MIN_PER_CAT, MIN_WEAK = 300, 300, 12, 20
LAWFUL_RANGE, EARLY, EARLY_RANGE = (0.48, 0.52), 150, (0.45, 0.55)
NEAR_DUP_SELF, NEAR_DUP_OTHER = 0.6, 0.5
MIN_LEN, MAX_LEN = 10, 400


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def check_line(r: dict, err: list[str]) -> None:
    rid = str(r.get("id", "?"))
    missing = REQUIRED - r.keys()
    if missing:
        err.append(f"{rid}: missing {sorted(missing)}")
    extra = set(r) - set(FIELDS)
    if extra:
        err.append(f"{rid}: unknown fields {sorted(extra)}")
    if not re.fullmatch(r"x\d{4}", rid):
        err.append(f"{rid}: id must be xNNNN")
    text = r.get("text", "")
    if not isinstance(text, str) or not MIN_LEN <= len(text) <= MAX_LEN:
        err.append(f"{rid}: text length {len(text)} outside {MIN_LEN}-{MAX_LEN}")
    if not str(r.get("note", "")).strip() or "\n" in str(r.get("note", "")):
        err.append(f"{rid}: note must be one non-empty line")
    labels = r.get("labels", [])
    if not labels or len(set(labels)) != len(labels):
        err.append(f"{rid}: empty or repeated labels")
    for lab in labels:
        if lab not in CATEGORIES and lab != "compliant":
            err.append(f"{rid}: invalid label {lab}")
    viol = [lab for lab in labels if lab in CATEGORIES]
    if "compliant" in labels and viol:
        err.append(f"{rid}: compliant is exclusive")
    mode = r.get("mode", {})
    if set(mode) != set(viol):
        err.append(f"{rid}: mode keys differ from the violation labels")
    if any(v not in ("threatened", "done") for v in mode.values()):
        err.append(f"{rid}: bad mode value")
    if mode.get("intimidation", "done") != "done":
        err.append(f"{rid}: intimidation is always done (convention 2)")
    if any(m == "threatened" for m in mode.values()) and "intimidation" not in labels:
        err.append(f"{rid}: a threatened category implies intimidation (convention 2)")
    sev = r.get("severity")
    if viol:
        if sev not in RANK:
            err.append(f"{rid}: violation line needs severity info|violation|possible_crime")
        else:
            lo = max(RANK[FLOOR[c]] for c in viol)
            hi = max(RANK[CEIL[c]] for c in viol)
            if not lo <= RANK[sev] <= hi:
                err.append(f"{rid}: severity {sev} not in the taxonomy range of its labels")
    elif sev is not None:
        err.append(f"{rid}: compliant line must omit severity")
    for key, allowed in (("recipient_role", ROLES), ("lender_type", LENDERS), ("channel", CHANNELS)):
        if key in r and r[key] not in allowed:
            err.append(f"{rid}: bad {key}")
    hour = None
    if "sent_at" in r:
        try:
            t = datetime.fromisoformat(r["sent_at"])
            hour = t.hour + t.minute / 60
        except (TypeError, ValueError):
            err.append(f"{rid}: bad sent_at")
    night = hour is not None and (hour >= 22 or hour < 8)
    if ("harassment_time" in labels) != night:
        err.append(f"{rid}: harassment_time must be labelled exactly when sent_at is in 22:00-08:00")
    n = r.get("count_per_day")
    if n is not None and (not isinstance(n, int) or n < 1):
        err.append(f"{rid}: bad count_per_day")
    elif "harassment_frequency" in labels and (n is None or n < 4):
        err.append(f"{rid}: harassment_frequency needs count_per_day >= 4")
    elif n is not None and n >= 7 and "harassment_frequency" not in labels:
        err.append(f"{rid}: count_per_day >= 7 without harassment_frequency")
    role = r.get("recipient_role")
    for lab in ("third_party_contact", "debt_disclosure"):
        if lab in labels:
            if role is None:
                err.append(f"{rid}: {lab} without recipient_role")
            elif mode.get(lab) == "done" and role in ("debtor", "guarantor"):
                err.append(f"{rid}: {lab} done but recipient_role={role}")
    if mode.get("third_party_contact") == "done" and role == "public":
        err.append(f"{rid}: public posts are not third_party_contact (convention 6)")


def grams(text: str) -> set[str]:
    s = "".join(ch for ch in text if not ch.isspace())
    return {s[i:i + 3] for i in range(max(1, len(s) - 2))}


def near_duplicates(rows: list[dict], others: list[dict], err: list[str]) -> None:
    mine = [(r["id"], grams(r["text"])) for r in rows]
    index: dict[str, list[int]] = {}
    pool = mine + [(o["id"], grams(o["text"])) for o in others]
    for i, (_, g) in enumerate(pool):
        for x in g:
            index.setdefault(x, []).append(i)
    for i, (rid, g) in enumerate(mine):
        overlap: Counter[int] = Counter()
        for x in g:
            for j in index[x]:
                if j > i:
                    overlap[j] += 1
        for j, inter in overlap.items():
            oid, og = pool[j]
            jac = inter / max(1, len(g) + len(og) - inter)
            if j < len(mine) and jac >= NEAR_DUP_SELF:
                err.append(f"near-duplicate {rid} ~ {oid}")
            elif j >= len(mine) and jac >= NEAR_DUP_OTHER:
                err.append(f"{rid} is close to a line of another check_*.jsonl (must be worded differently)")


def table(rows: list[dict], markdown: bool) -> str:
    cnt = Counter(lab for r in rows for lab in r["labels"])
    thr = Counter(c for r in rows for c, m in r.get("mode", {}).items() if m == "threatened")
    n = len(rows)
    lawful = cnt["compliant"]
    out = ["| category | lines | threatened | done |", "|---|---:|---:|---:|"] if markdown else []
    for cat in [*CATEGORIES, "compliant"]:
        t = thr[cat]
        d = cnt[cat] - t if cat != "compliant" else 0
        if markdown:
            out.append(f"| {cat} | {cnt[cat]} | {t if cat != 'compliant' else ''} | {d if cat != 'compliant' else ''} |")
        else:
            out.append(f"  {cat:22s} {cnt[cat]:4d}   threatened {t:3d}  done {d:3d}")
    sev = Counter(r.get("severity", "-") for r in rows)
    multi = sum(len(r["labels"]) > 1 for r in rows)
    ch = Counter(r.get("channel", "-") for r in rows)
    st = Counter(r["source_style"] for r in rows)
    lens = sorted(len(r["text"]) for r in rows)
    summary = [
        f"{n} lines; lawful {lawful} ({lawful / max(1, n):.1%}); multi-label {multi}; "
        f"severity info {sev['info']}, violation {sev['violation']}, possible_crime {sev['possible_crime']}.",
        f"Text length: min {lens[0] if lens else 0}, median {lens[len(lens) // 2] if lens else 0}, "
        f"max {lens[-1] if lens else 0} characters.",
        f"Channels: {', '.join(f'{k} {v}' for k, v in ch.most_common())}.",
        f"Source styles ({len(st)}): {', '.join(f'{k} {v}' for k, v in st.most_common())}.",
    ]
    if markdown:
        out.append(f"| **messages** | {n} | | |")
        out.append(f"| lawful share | {lawful / max(1, n):.1%} | | |")
        return "\n".join(out) + "\n\n" + "\n\n".join(summary)
    return "\n".join([summary[0], *out, *summary[1:]])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--partial", action="store_true", help="skip the total/per-category targets")
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown")
    args = ap.parse_args()
    rows = read_jsonl(FILE)
    err: list[str] = []
    for i, r in enumerate(rows, 1):
        check_line(r, err)
        if r.get("id") != f"x{i:04d}":
            err.append(f"{r.get('id')}: ids must run x0001… in file order (line {i})")
        if list(r) != [k for k in FIELDS if k in r]:
            err.append(f"{r.get('id')}: fields not in the standard order")
    texts = Counter(r.get("text") for r in rows)
    err += [f"identical text at {r['id']}" for r in rows if texts[r.get("text")] > 1]
    others = [o for p in OTHERS for o in read_jsonl(p)]
    near_duplicates([r for r in rows if isinstance(r.get("text"), str)], others, err)
    cnt = Counter(lab for r in rows for lab in r.get("labels", []))
    if not args.partial:
        if not MIN_TOTAL <= len(rows) <= MAX_TOTAL:
            err.append(f"{len(rows)} lines outside {MIN_TOTAL}-{MAX_TOTAL}")
        for cat in CATEGORIES:
            need = MIN_WEAK if cat in WEAK else MIN_PER_CAT
            if cnt[cat] < need:
                err.append(f"{cat}: {cnt[cat]} < {need}")
        share = cnt["compliant"] / max(1, len(rows))
        if not LAWFUL_RANGE[0] <= share <= LAWFUL_RANGE[1]:
            err.append(f"lawful share {share:.1%} outside {LAWFUL_RANGE[0]:.0%}-{LAWFUL_RANGE[1]:.0%}")
    early = rows[:EARLY]
    if len(early) == EARLY:
        share = sum("compliant" in r.get("labels", []) for r in early) / EARLY
        if not EARLY_RANGE[0] <= share <= EARLY_RANGE[1]:
            err.append(f"first {EARLY} lines: lawful share {share:.1%} outside the early-delivery range")
    print(table(rows, args.markdown))
    for e in err:
        print("ERROR", e)
    print("OK" if not err else f"{len(err)} error(s)")
    return 1 if err else 0


if __name__ == "__main__":
    sys.exit(main())
