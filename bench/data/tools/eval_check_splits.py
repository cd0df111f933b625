"""Error analysis of Check on the labelled development splits.

    .venv/bin/python bench/data/tools/eval_check_splits.py                 # dev, dev2, test (demoted), dev3 if present
    .venv/bin/python bench/data/tools/eval_check_splits.py check_dev3.jsonl --rules-only --errors
    .venv/bin/python bench/data/tools/eval_check_splits.py --summary       # figures only

Prints, per split: macro-F1 (15 labels), lawful false-positive rate, per-category P/R/F1 and, with
--errors (default on unless --summary), every misclassified line with the rule or model finding that
drove each false positive (rule id, quote) and the missed labels. Reuses bench/bench_check.py's
scoring; never reads check_test2.jsonl (the final independent test set, scored only by the lead).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "src"))

from bench_check import META, load, score  # noqa: E402

DEFAULT_SPLITS = ("check_dev.jsonl", "check_dev2.jsonl", "check_test.jsonl", "check_dev3.jsonl")
FORBIDDEN = "check_test2.jsonl"


def analyse(r: dict[str, Any], model: Any = None) -> Any:
    from xiezhi.collection import analyze

    return analyze(r["text"], {k: r[k] for k in META if r.get(k) is not None}, model=model)


def report(name: str, rows: list[dict[str, Any]], model: Any, errors: bool) -> dict[str, Any]:
    results = {r["id"]: analyse(r, model) for r in rows}
    q = score(rows, lambda r: results[r["id"]].labels)
    print(f"\n=== {name}: {q['messages']} lines, macro-F1 {q['macro_f1']:.3f} "
          f"(14 cat {q['macro_f1_14_violation_categories']:.3f}), lawful FP "
          f"{q['lawful_false_positives']}/{q['lawful_messages']} = {q['lawful_fp_rate']:.3f}, exact {q['exact_match']:.3f}")
    print(f"  {'category':22s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>4s}")
    for c, v in q["per_category"].items():
        print(f"  {c:22s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:4d}")
    if errors:
        for r in rows:
            res = results[r["id"]]
            gold, pred = set(r["labels"]), set(res.labels)
            if gold == pred:
                continue
            meta = {k: r[k] for k in META if r.get(k) is not None}
            print(f"\n- {r['id']} gold={sorted(gold)} pred={sorted(pred)} meta={meta}")
            print("    text: " + r["text"].replace("\n", " / ")[:300])
            for f in res.findings:
                if f.category in pred - gold:
                    print(f"    FP {f.category} <- {f.rule or '?'} quote={f.quote[:60]!r}")
            missing = sorted(gold - pred - {"compliant"})
            if missing:
                print(f"    FN {missing}  note: {r.get('note', '')[:160]}")
    return q


def main(argv: list[str]) -> int:
    names = [a for a in argv if not a.startswith("--")] or list(DEFAULT_SPLITS)
    if any(Path(n).name == FORBIDDEN for n in names):
        print("check_test2.jsonl is the final independent test set; it is not read here.", file=sys.stderr)
        return 2
    model = False if "--rules-only" in argv else None
    errors = "--summary" not in argv
    data = BENCH / "data"
    for n in names:
        if not (data / n).exists():
            print(f"(skipped {n}: not present)")
            continue
        report(n, load(n), model, errors)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
