"""Inter-annotator agreement on Check labels: how far two careful people, following the same taxonomy and
conventions, agree on the same messages. The figure bounds what any automatic checker can be expected to reach
when it is scored against one annotator's labels.

The second annotator labelled texts and metadata only (`agreement_second_annotator.jsonl`), never seeing the first labels.
Scored with the bench's own `score`, taking the first annotator as reference (and the other way round: macro-F1 is
not symmetric per category), plus Cohen's kappa per category.

Run: `.venv/bin/python bench/data/tools/agreement.py [--markdown]`
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "src"))

from bench_check import load, score  # noqa: E402

SECOND = "agreement_second_annotator.jsonl"
FIRST = ("check_dev5.jsonl", "check_dev6.jsonl")


def kappa(a: list[bool], b: list[bool]) -> float | None:
    """Cohen's kappa of two binary labellings; None when both say the same single value everywhere."""
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return None if pe == 1 else round((po - pe) / (1 - pe), 3)


def pairs() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    second = load(SECOND)
    first = {r["id"]: r for name in FIRST for r in load(name)}
    missing = [r["id"] for r in second if r["id"] not in first]
    if missing:
        raise SystemExit(f"ids not in {FIRST}: {missing[:5]}")
    return [first[r["id"]] for r in second], second


def main(argv: list[str]) -> int:
    from xiezhi.collection.models import CATEGORIES

    first, second = pairs()
    by_id = {r["id"]: r["labels"] for r in second}
    s_vs_f = score(first, lambda r: by_id[r["id"]])
    f_by_id = {r["id"]: r["labels"] for r in first}
    f_vs_s = score(second, lambda r: f_by_id[r["id"]])
    kap = {c: kappa([c in r["labels"] for r in first], [c in r["labels"] for r in second]) for c in CATEGORIES}
    out = {"messages": len(first), "second_scored_against_first": s_vs_f, "first_scored_against_second": f_vs_s,
           "cohen_kappa": kap}
    if "--json" in argv:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"{len(first)} messages (dev5 + dev6), second annotator scored against the first:")
    print(f"  macro-F1 {s_vs_f['macro_f1']:.3f}  lawful FP {s_vs_f['lawful_false_positives']}/"
          f"{s_vs_f['lawful_messages']} = {s_vs_f['lawful_fp_rate']:.3f}  exact {s_vs_f['exact_match']:.3f}")
    print(f"  (first against second: macro-F1 {f_vs_s['macro_f1']:.3f}, lawful FP {f_vs_s['lawful_fp_rate']:.3f})")
    sep = "|" if "--markdown" in argv else " "
    print(f"{sep} category {sep} F1 (2nd vs 1st) {sep} kappa {sep} support (1st / 2nd) {sep}")
    if sep == "|":
        print("|---|---:|---:|---:|")
    for c in CATEGORIES:
        p = s_vs_f["per_category"][c]
        k = kap[c]
        print(f"{sep} {c} {sep} {p['f1']:.3f} {sep} {'-' if k is None else f'{k:.3f}'} {sep} "
              f"{p['support']} / {f_vs_s['per_category'][c]['support']} {sep}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
