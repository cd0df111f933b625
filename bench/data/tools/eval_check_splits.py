"""Error analysis of Check on the labelled development splits.

    .venv/bin/python bench/data/tools/eval_check_splits.py                 # dev, dev2, test (demoted), dev3 if present
    .venv/bin/python bench/data/tools/eval_check_splits.py check_dev3.jsonl --rules-only --errors
    .venv/bin/python bench/data/tools/eval_check_splits.py --summary       # figures only
    .venv/bin/python bench/data/tools/eval_check_splits.py check_dev4.jsonl --summary --ids x0001-x0150 --json out.json

Prints, per split: macro-F1 (15 labels), lawful false-positive rate, per-category P/R/F1 and, with
--errors (default on unless --summary), every misclassified line with the rule or model finding that
drove each false positive (rule id, quote) and the missed labels. Reuses bench/bench_check.py's
scoring; never reads the held-out split (build_check_model.HELD_OUT, scored only by the lead).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "src"))
sys.path.insert(0, str(BENCH.parent / "scripts"))

from build_check_model import HELD_OUT  # noqa: E402

from bench_check import META, load, score  # noqa: E402

DEFAULT_SPLITS = ("check_dev.jsonl", "check_dev2.jsonl", "check_test.jsonl", "check_dev3.jsonl", "check_dev4.jsonl",
                  "check_dev5.jsonl", "check_dev6.jsonl", "check_dev7.jsonl", "check_dev8.jsonl", "check_dev9.jsonl",
                  "check_dev10.jsonl", "check_dev11.jsonl", "check_test2.jsonl", "check_test3.jsonl", "check_dev12.jsonl",
                  "check_dev13.jsonl", "check_test4.jsonl", "check_dev14.jsonl", "check_dev15.jsonl")
#: Independent test sets, scored only by the lead: the ones the model builder never trains on (one list).
FORBIDDEN = HELD_OUT


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


def _option(argv: list[str], flag: str) -> str | None:
    if flag in argv:
        i = argv.index(flag)
        if i + 1 < len(argv):
            return argv[i + 1]
    return None


def in_range(rid: str, spec: str | None) -> bool:
    """``--ids x0001-x0150``: keep ids in that inclusive range (same prefix, compared as numbers)."""
    if not spec:
        return True
    lo, _, hi = spec.partition("-")
    hi = hi or lo
    if rid[:1] != lo[:1]:
        return False
    return int(lo[1:]) <= int(rid[1:]) <= int(hi[1:])


def main(argv: list[str]) -> int:
    ids, json_out = _option(argv, "--ids"), _option(argv, "--json")
    skip = {ids, json_out} - {None}
    names = [a for a in argv if not a.startswith("--") and a not in skip] or list(DEFAULT_SPLITS)
    if any(Path(n).name in FORBIDDEN for n in names):
        print(f"{', '.join(FORBIDDEN)}: held-out test split, not read here.", file=sys.stderr)
        return 2
    model = False if "--rules-only" in argv else None
    errors = "--summary" not in argv
    data = BENCH / "data"
    out: dict[str, Any] = {}
    for n in names:
        if not (data / n).exists():
            print(f"(skipped {n}: not present)")
            continue
        rows = [r for r in load(n) if in_range(r["id"], ids)]
        out[n] = report(n + (f" [{ids}]" if ids else ""), rows, model, errors)
    if json_out:
        import json

        meta = {"ids": ids, "rules_only": model is False}
        Path(json_out).write_text(json.dumps({"options": meta, "splits": out}, ensure_ascii=False, indent=1) + "\n",
                                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
