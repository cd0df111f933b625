"""Validation shared by every hand-written Check set (the plain-JSONL sets of check_sets.py and, through
validate_check_data.py, the first dev/test split).

Each set's build script holds only what differs — its file, id letter, length bounds, count targets and
how near-duplicates in other files are reported — as a `SetSpec`, and calls `main(spec)`. The checks
(schema, labels, metadata conventions, severity range per the taxonomy, near-duplicates, counts) are
written once here; validate_check_data.py runs the same `check_line` on dev/test and adds only its warnings.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from xiezhi.collection.models import SEVERITY_RANK, VIOLATION_CATEGORIES, LenderType, RecipientRole

DATA = Path(__file__).resolve().parent.parent

# The project's own category, role and lender lists (one definition, in the Check result models);
# channels are the data sets' own tags, not the engine's.
CATEGORIES = list(VIOLATION_CATEGORIES)
ROLES = set(RecipientRole.__args__)  # type: ignore[attr-defined]
LENDERS = set(LenderType.__args__)  # type: ignore[attr-defined]
CHANNELS = {"sms", "wechat", "call", "visit", "incident"}
FIELDS = ["id", "text", "labels", "mode", "severity", "sent_at", "recipient_role", "lender_type",
          "count_per_day", "channel", "source_style", "note"]
REQUIRED = {"id", "text", "labels", "source_style", "note"}
RANK = SEVERITY_RANK
# Per-category severity range from the taxonomy's severity lines (section 2).
FLOOR = {c: "violation" for c in CATEGORIES} | {"third_party_contact": "info", "harassment_time": "info"}
CEIL = {c: "possible_crime" for c in CATEGORIES} | {"harassment_time": "violation"}
NEAR_DUP_SELF, NEAR_DUP_OTHER = 0.6, 0.5


@dataclass(frozen=True)
class SetSpec:
    """What one set's validation differs in."""

    file: Path
    id_letter: str
    others: tuple[Path, ...]
    weak: frozenset[str]
    total: tuple[int, int]
    min_per_cat: int
    min_weak: int
    #: Lawful share bounds; None as the upper bound means "at least".
    lawful: tuple[float, float | None]
    length: tuple[int, int]
    #: Whether a near-duplicate in another file is reported with that file's id (dev3) or anonymously
    #: (dev4: its annotator must not learn anything about the other sets).
    name_others: bool = True
    #: (first N lines, share range) for an early delivery, or None.
    early: tuple[int, tuple[float, float]] | None = None


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def read_texts(path: Path) -> list[dict]:
    """Another set's lines for the near-duplicate search: only those that parse and carry a text, so a file
    someone is writing at the same moment (a half-written line) cannot crash this set's validation."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if isinstance(r, dict) and isinstance(r.get("text"), str):
            rows.append(r)
    return rows


def all_sets_but(file: Path) -> tuple[Path, ...]:
    """Every other labelled Check set in bench/data (the near-duplicate search compares against them)."""
    return tuple(p for p in sorted(DATA.glob("check_*.jsonl")) if p.name != file.name)


def check_line(r: dict, spec: SetSpec, err: list[str]) -> None:
    rid = str(r.get("id", "?"))
    missing = REQUIRED - r.keys()
    if missing:
        err.append(f"{rid}: missing {sorted(missing)}")
    extra = set(r) - set(FIELDS)
    if extra:
        err.append(f"{rid}: unknown fields {sorted(extra)}")
    if not re.fullmatch(rf"{spec.id_letter}\d{{4}}", rid):
        err.append(f"{rid}: id must be {spec.id_letter}NNNN")
    text = r.get("text", "")
    lo_len, hi_len = spec.length
    if not isinstance(text, str) or not lo_len <= len(text) <= hi_len:
        err.append(f"{rid}: text length {len(text)} outside {lo_len}-{hi_len}")
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
    if "sent_at" in r and ("harassment_time" in labels) != night:
        err.append(f"{rid}: harassment_time must be labelled exactly when sent_at is in 22:00-08:00")
    elif "sent_at" not in r and "harassment_time" in labels and not stated_night(text):
        err.append(f"{rid}: harassment_time without sent_at or a night time stated in the text (convention 5)")
    n = r.get("count_per_day")
    if n is not None and (not isinstance(n, int) or n < 1):
        err.append(f"{rid}: bad count_per_day")
    elif "harassment_frequency" in labels and (n if n is not None else stated_count(text) or 0) < 4:
        err.append(f"{rid}: harassment_frequency needs count_per_day >= 4 or a daily count >= 4 stated in the text "
                   "(convention 5)")
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


def stated_night(text: object) -> bool:
    """A contact in the quiet hours that the text itself states (convention 5, since 2026-11-28), read with the
    engine's own reader (xiezhi.collection.stated), so data and engine follow one reading."""
    from xiezhi.collection.stated import stated_night_time

    got = stated_night_time(text) if isinstance(text, str) else None
    return got is not None and (got[2].hour >= 22 or got[2].hour < 8)


def stated_count(text: object) -> int | None:
    """A daily contact count that the text itself states (convention 5), or None."""
    from xiezhi.collection.stated import stated_count as read_count

    got = read_count(text) if isinstance(text, str) else None
    return got[0] if got else None


def grams(text: str) -> set[str]:
    s = "".join(ch for ch in text if not ch.isspace())
    return {s[i:i + 3] for i in range(max(1, len(s) - 2))}


def similar_pairs(rows: Sequence[dict], others: Sequence[dict] = (), *, self_threshold: float = NEAR_DUP_SELF,
                  other_threshold: float = NEAR_DUP_OTHER) -> Iterator[tuple[str, str, float, bool]]:
    """(id, other id, character-trigram Jaccard, other is in `rows`) for every pair at or above its
    threshold: pairs inside `rows` against self_threshold, a row against `others` against other_threshold.
    An inverted trigram index keeps this near-linear."""
    mine = [(r["id"], grams(r["text"])) for r in rows]
    pool = mine + [(o["id"], grams(o["text"])) for o in others]
    index: dict[str, list[int]] = {}
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
            union = len(g) + len(og) - inter
            jac = inter / max(1, union)
            inside = j < len(mine)
            if jac >= (self_threshold if inside else other_threshold):
                yield rid, oid, jac, inside


def near_duplicates(rows: list[dict], others: list[dict], spec: SetSpec, err: list[str]) -> None:
    for rid, oid, _, inside in similar_pairs(rows, others):
        if inside:
            err.append(f"near-duplicate {rid} ~ {oid}")
        elif spec.name_others:
            err.append(f"{rid} is close to {oid} (must be worded differently)")
        else:
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


def validate(rows: list[dict], spec: SetSpec, *, partial: bool) -> list[str]:
    err: list[str] = []
    letter = spec.id_letter
    for i, r in enumerate(rows, 1):
        check_line(r, spec, err)
        if r.get("id") != f"{letter}{i:04d}":
            err.append(f"{r.get('id')}: ids must run {letter}0001… in file order (line {i})")
        if list(r) != [k for k in FIELDS if k in r]:
            err.append(f"{r.get('id')}: fields not in the standard order")
    texts = Counter(r.get("text") for r in rows)
    err += [f"identical text at {r['id']}" for r in rows if texts[r.get("text")] > 1]
    others = [o for p in spec.others for o in read_texts(p)]
    near_duplicates([r for r in rows if isinstance(r.get("text"), str)], others, spec, err)
    cnt = Counter(lab for r in rows for lab in r.get("labels", []))
    if not partial:
        lo, hi = spec.total
        if not lo <= len(rows) <= hi:
            err.append(f"{len(rows)} lines outside {lo}-{hi}")
        for cat in CATEGORIES:
            need = spec.min_weak if cat in spec.weak else spec.min_per_cat
            if cnt[cat] < need:
                err.append(f"{cat}: {cnt[cat]} < {need}")
        share = cnt["compliant"] / max(1, len(rows))
        low, high = spec.lawful
        if high is None and share < low:
            err.append(f"lawful share {share:.1%} < {low:.0%}")
        elif high is not None and not low <= share <= high:
            err.append(f"lawful share {share:.1%} outside {low:.0%}-{high:.0%}")
    if spec.early is not None:
        first, (low, high) = spec.early
        if len(rows) >= first:
            share = sum("compliant" in r.get("labels", []) for r in rows[:first]) / first
            if not low <= share <= high:
                err.append(f"first {first} lines: lawful share {share:.1%} outside the early-delivery range")
    return err


def main(spec: SetSpec, description: str) -> int:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--partial", action="store_true", help="skip the total/per-category targets")
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown")
    args = ap.parse_args()
    rows = read_jsonl(spec.file)
    err = validate(rows, spec, partial=args.partial)
    print(table(rows, args.markdown))
    for e in err:
        print("ERROR", e)
    print("OK" if not err else f"{len(err)} error(s)")
    return 1 if err else 0
