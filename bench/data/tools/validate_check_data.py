"""Validate bench/data/check_{dev,test}.jsonl and print the per-category table.

Every line gets the checks all sets share (labelled_set.check_line: schema, labels, mode, the severity range of
the taxonomy, metadata conventions 4-6, convention 2), ids are unique and prefixed by split (d/t), texts are not
near-duplicates, the minimum counts hold and the hard cases in tests/data/check_hard_cases.yaml are well formed.
Warnings (not errors) flag lines worth a second look: a night time stated but unlabelled, 4-6 contacts a day
unlabelled, a compliant line to a third party.

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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled_set import CATEGORIES, ROLES, SetSpec, similar_pairs, stated_night
from labelled_set import check_line as shared_check_line

DATA = Path(__file__).resolve().parent.parent
README = DATA / "README-check.md"
HARD_CASES = DATA.parent.parent / "tests" / "data" / "check_hard_cases.yaml"
THIRD = ROLES - {"debtor", "guarantor", "public"}
SEVERITIES = {"info", "violation", "possible_crime"}
MIN_TOTAL, MIN_PER_CAT, MIN_TEST_PER_CAT, MIN_LAWFUL = 650, 20, 5, 0.35
NEAR_DUP = 0.6


def check_line(r: dict, split: str, err: list[str], warn: list[str]) -> None:
    """The checks every set shares (labelled_set.check_line), plus warnings for lines worth a second look."""
    spec = SetSpec(file=DATA / f"check_{split}.jsonl", id_letter=split[0], others=(), weak=frozenset(),
                   total=(0, 0), min_per_cat=0, min_weak=0, lawful=(0.0, None), length=(1, 1000))
    shared_check_line(r, spec, err)
    rid, labels, text = r.get("id", "?"), r.get("labels", []), r.get("text", "")
    if "sent_at" not in r and "harassment_time" not in labels and stated_night(text):
        warn.append(f"{rid}: night time stated in the text (no sent_at) but no harassment_time")
    n = r.get("count_per_day")
    if isinstance(n, int) and 4 <= n < 7 and "harassment_frequency" not in labels:
        warn.append(f"{rid}: count_per_day {n} but no harassment_frequency (labelled only for answered calls/visits)")
    role = r.get("recipient_role")
    if role in THIRD and "compliant" in labels:
        warn.append(f"{rid}: compliant line to {role} (check: joint debt / consent)")


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
