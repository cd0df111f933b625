"""Validate bench/data/check_{dev,test}.jsonl and print the per-category table.

Checks: every line parses; ids unique and prefixed by split (d/t); labels are valid ids and
`compliant` is exclusive; `mode` covers exactly the violation labels; enumerations; metadata-
dependent labels carry their metadata (harassment_time -> sent_at in 22:00-08:00; 21:00-22:00 is
compliant with an info note, taxonomy hard case 6, so never labelled; harassment_frequency -> count_per_day >= 4; third_party_contact/debt_disclosure ->
recipient_role); no identical or near-identical texts; minimum counts.

Current convention (docs/check.md step 4, README-check convention 5): without `sent_at` / `count_per_day`, an explicit
night time or daily count that the text itself states for a contact that happened ("昨晚十一点两个人来我家砸门",
"一天打了三十多个电话") decides harassment_time / harassment_frequency like metadata would. The stated figure is read
with xiezhi.collection.stated (the same reader the engine uses); a line that states one and lacks the label is a warning.

Run: ``.venv/bin/python bench/data/tools/validate_check_data.py [--write-readme]``; exit 1 on error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import CATEGORIES, CHANNELS, LENDERS, ROLES, similar_pairs

DATA = Path(__file__).resolve().parent.parent
README = DATA / "README-check.md"
HARD_CASES = DATA.parent.parent / "tests" / "data" / "check_hard_cases.yaml"
THIRD = ROLES - {"debtor", "guarantor", "public"}
SEVERITIES = {"info", "violation", "possible_crime"}
FIELDS = {"id", "text", "labels", "mode", "severity", "sent_at", "recipient_role", "lender_type",
          "count_per_day", "channel", "source_style", "note"}
MIN_TOTAL, MIN_PER_CAT, MIN_TEST_PER_CAT, MIN_LAWFUL = 650, 20, 5, 0.35
NEAR_DUP = 0.6


def check_line(r: dict, split: str, err: list[str], warn: list[str]) -> None:
    rid = r.get("id", "?")
    missing = {"id", "text", "labels", "source_style", "note"} - r.keys()
    if missing:
        err.append(f"{rid}: missing {sorted(missing)}")
    extra = set(r) - FIELDS
    if extra:
        err.append(f"{rid}: unknown fields {sorted(extra)}")
    if not str(rid).startswith("d" if split == "dev" else "t"):
        err.append(f"{rid}: id prefix does not match split {split}")
    labels = r.get("labels", [])
    if not labels or len(set(labels)) != len(labels):
        err.append(f"{rid}: empty or repeated labels")
    for lab in labels:
        if lab not in CATEGORIES and lab != "compliant":
            err.append(f"{rid}: invalid label {lab}")
    viol = [lab for lab in labels if lab != "compliant"]
    if "compliant" in labels and viol:
        err.append(f"{rid}: compliant is exclusive")
    mode = r.get("mode", {})
    if set(mode) != set(viol):
        err.append(f"{rid}: mode keys {sorted(mode)} != violation labels {sorted(viol)}")
    if any(v not in ("threatened", "done") for v in mode.values()):
        err.append(f"{rid}: bad mode value")
    sev = r.get("severity")
    if sev is not None and sev not in SEVERITIES:
        err.append(f"{rid}: bad severity {sev}")
    if viol and sev is None:
        err.append(f"{rid}: violation line without severity")
    if not viol and sev is not None:
        err.append(f"{rid}: compliant line should omit severity")
    for key, allowed in (("recipient_role", ROLES), ("lender_type", LENDERS), ("channel", CHANNELS)):
        if key in r and r[key] not in allowed:
            err.append(f"{rid}: bad {key} {r[key]}")
    hour = None
    if "sent_at" in r:
        try:
            t = datetime.fromisoformat(r["sent_at"])
            hour = t.hour + t.minute / 60
        except ValueError:
            err.append(f"{rid}: bad sent_at {r['sent_at']}")
    night = hour is not None and (hour >= 22 or hour < 8)
    stated_night = hour is None and _stated_night(r.get("text", ""))
    if "harassment_time" in labels:
        if hour is None and not stated_night:
            err.append(f"{rid}: harassment_time without sent_at or a night time stated in the text")
        elif hour is not None and not night:
            err.append(f"{rid}: harassment_time outside 22:00-08:00 (21:00-22:00 is compliant with an info note)")
    elif night:
        warn.append(f"{rid}: sent_at at night but no harassment_time")
    elif stated_night:
        warn.append(f"{rid}: night time stated in the text (no sent_at) but no harassment_time")
    n = r.get("count_per_day")
    stated_n = _stated_count(r.get("text", "")) if n is None else None
    if "harassment_frequency" in labels:
        if n is None and (stated_n is None or stated_n < 4):
            err.append(f"{rid}: harassment_frequency without count_per_day or a daily count >= 4 stated in the text")
        elif n is not None and n < 4:
            err.append(f"{rid}: harassment_frequency with count_per_day {n} < 4")
    elif n is not None and n >= 4:
        warn.append(f"{rid}: count_per_day {n} but no harassment_frequency")
    role = r.get("recipient_role")
    for lab in ("third_party_contact", "debt_disclosure"):
        if lab in labels:
            if role is None:
                err.append(f"{rid}: {lab} without recipient_role")
            elif mode.get(lab) == "done" and role in ("debtor", "guarantor"):
                err.append(f"{rid}: {lab} done but recipient_role={role}")
    if "third_party_contact" in labels and mode.get("third_party_contact") == "done" and role == "public":
        err.append(f"{rid}: convention: public posts are debt_disclosure, not third_party_contact")
    if role in THIRD and "third_party_contact" not in labels and "compliant" in labels:
        warn.append(f"{rid}: compliant line to {role} (check: joint debt / consent)")
    threatened = [lab for lab, m in mode.items() if m == "threatened"]
    if threatened and "intimidation" not in labels:
        err.append(f"{rid}: convention: a threatened category implies intimidation")


def _stated_night(text: str) -> bool:
    """A contact in the quiet hours stated in the text itself (current convention 5)."""
    from xiezhi.collection.stated import stated_night_time

    got = stated_night_time(text)
    return got is not None and (got[2].hour >= 22 or got[2].hour < 8)


def _stated_count(text: str) -> int | None:
    from xiezhi.collection.stated import stated_count

    got = stated_count(text)
    return got[0] if got else None


def near_duplicates(rows: list[dict], err: list[str]) -> None:
    for rid, oid, jac, _ in similar_pairs(rows, self_threshold=NEAR_DUP):
        err.append(f"{rid} ~ {oid}: near-duplicate texts (Jaccard {jac:.2f})")


def check_hard_cases(err: list[str]) -> int:
    """Structure of tests/data/check_hard_cases.yaml; every taxonomy hard case 1-15 present."""
    import yaml

    cases = yaml.safe_load(HARD_CASES.read_text(encoding="utf-8"))
    seen: set[int] = set()
    names = Counter(c.get("name") for c in cases)
    err += [f"hard case name repeated: {n}" for n, k in names.items() if k > 1]
    for c in cases:
        name = c.get("name", "?")
        if set(c) != {"name", "text", "meta", "expect", "reason"}:
            err.append(f"hard case {name}: keys {sorted(c)}")
        exp = c.get("expect", {})
        for lab in (exp.get("labels") or []) + (exp.get("not_labels") or []):
            if lab not in CATEGORIES and lab != "compliant":
                err.append(f"hard case {name}: invalid label {lab}")
        if exp.get("severity") not in SEVERITIES:
            err.append(f"hard case {name}: bad severity")
        meta = c.get("meta") or {}
        labs = set(exp.get("labels") or [])
        if "harassment_time" in labs and "sent_at" not in meta:
            err.append(f"hard case {name}: harassment_time without sent_at")
        if "harassment_frequency" in labs and "count_per_day" not in meta:
            err.append(f"hard case {name}: harassment_frequency without count_per_day")
        if labs & {"third_party_contact", "debt_disclosure"} and "recipient_role" not in meta:
            err.append(f"hard case {name}: contact label without recipient_role")
        if name.startswith("hc") and name[2:4].isdigit():
            seen.add(int(name[2:4]))
    missing = set(range(1, 16)) - seen
    if missing:
        err.append(f"hard cases missing: {sorted(missing)}")
    return len(cases)


def breakdown(rows: list[dict]) -> str:
    ch = Counter(r.get("channel", "-") for r in rows)
    st = Counter(r["source_style"] for r in rows)
    parts = [f"Channels: {', '.join(f'{k} {v}' for k, v in ch.most_common())}.",
             f"Source styles ({len(st)}): {', '.join(f'{k} {v}' for k, v in st.most_common())}."]
    return "\n\n".join(parts)


def table(dev: list[dict], test: list[dict]) -> str:
    cd = Counter(lab for r in dev for lab in r["labels"])
    ct = Counter(lab for r in test for lab in r["labels"])
    lines = ["| category | dev | test | total |", "|---|---:|---:|---:|"]
    for cat in [*CATEGORIES, "compliant"]:
        lines.append(f"| {cat} | {cd[cat]} | {ct[cat]} | {cd[cat] + ct[cat]} |")
    nd, nt = len(dev), len(test)
    lines.append(f"| **messages** | {nd} | {nt} | {nd + nt} |")
    ld = sum("compliant" in r["labels"] for r in dev)
    lt = sum("compliant" in r["labels"] for r in test)
    share = (ld + lt) / max(1, nd + nt)
    lines.append(f"| lawful share | {ld / max(1, nd):.1%} | {lt / max(1, nt):.1%} | {share:.1%} |")
    multi = sum(len(r["labels"]) > 1 for r in dev + test)
    info = sum(r.get("severity") == "info" for r in dev + test)
    crime = sum(r.get("severity") == "possible_crime" for r in dev + test)
    lines.append("")
    lines.append(f"Multi-label lines: {multi}; severity info: {info}; possible_crime: {crime}.")
    lines.append("")
    lines.append(breakdown(dev + test))
    return "\n".join(lines)


def main() -> int:
    err: list[str] = []
    warn: list[str] = []
    splits: dict[str, list[dict]] = {}
    for split in ("dev", "test"):
        rows = []
        path = DATA / f"check_{split}.jsonl"
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                err.append(f"{path.name}:{no}: {exc}")
                continue
            check_line(r, split, err, warn)
            rows.append(r)
        splits[split] = rows
    dev, test = splits["dev"], splits["test"]
    allrows = dev + test
    ids = Counter(r.get("id") for r in allrows)
    err += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    near_duplicates(allrows, err)
    total = Counter(lab for r in allrows for lab in r["labels"])
    ctest = Counter(lab for r in test for lab in r["labels"])
    short: list[str] = []
    if len(allrows) < MIN_TOTAL:
        short.append(f"total {len(allrows)} < {MIN_TOTAL}")
    for cat in CATEGORIES:
        if total[cat] < MIN_PER_CAT:
            short.append(f"{cat}: {total[cat]} < {MIN_PER_CAT}")
        if ctest[cat] < MIN_TEST_PER_CAT:
            short.append(f"{cat}: test {ctest[cat]} < {MIN_TEST_PER_CAT}")
    if total["compliant"] < MIN_LAWFUL * len(allrows):
        short.append(f"lawful share {total['compliant'] / len(allrows):.1%} < 35%")
    n_hard = check_hard_cases(err)
    out = table(dev, test) + f"\n\nHard cases in tests/data/check_hard_cases.yaml: {n_hard}."
    print(out)
    for w in warn:
        print("WARN", w)
    for e in err:
        print("ERROR", e)
    for s in short:
        print("SHORT", s)
    if "--write-readme" in sys.argv and README.exists():
        text = README.read_text(encoding="utf-8")
        start, end = "<!-- table:start -->", "<!-- table:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            _, tail = rest.split(end, 1)
            README.write_text(f"{head}{start}\n{out}\n{end}{tail}", encoding="utf-8")
            print("README table updated")
    return 1 if err or short else 0


if __name__ == "__main__":
    sys.exit(main())
