"""Measure `xiezhi ask` card retrieval on one or more question files (default: the fresh and near sets).

Same metrics as bench/bench_ask.py (it reuses eval_xiezhi): top-1, Recall@3, MRR over in-domain
questions, out-of-domain decline rate, false-decline rate.  Mistakes are printed only with
--mistakes, and only for files whose name does not contain "test": the held-out test set is measured,
never read for tuning.

    .venv/bin/python bench/data/tools/eval_ask_fresh.py                        # dev and test figures (+ long)
    .venv/bin/python bench/data/tools/eval_ask_fresh.py bench/data/ask_near_dev.jsonl --mistakes
    .venv/bin/python bench/data/tools/eval_ask_fresh.py bench/data/ask_fresh_dev.jsonl --mistakes
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from bench_ask import eval_xiezhi, load_jsonl  # noqa: E402

DEFAULT = ("ask_fresh_dev.jsonl", "ask_fresh_test.jsonl", "ask_near_dev.jsonl", "ask_near_test.jsonl",
           "ask_long_dev.jsonl")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    show = "--mistakes" in argv
    as_json = "--json" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [ROOT / "bench" / "data" / n for n in DEFAULT]
    results = {}
    for path in paths:
        rows = load_jsonl(path)
        metrics, mistakes = eval_xiezhi(rows)
        metrics["in_domain"] = sum(1 for r in rows if r["gold"])
        metrics["out_of_domain"] = sum(1 for r in rows if not r["gold"])
        results[path.name] = metrics
        if not as_json:
            print(f"{path.name}: {metrics['in_domain']} in-domain + {metrics['out_of_domain']} OOD  "
                  f"top1 {metrics['top1']:.3f}  R@3 {metrics['recall_at_3']:.3f}  MRR {metrics['mrr']:.3f}  "
                  f"OOD declined {metrics['ood_decline_rate']:.3f}  false declines "
                  f"{metrics['false_decline_rate']:.3f}  answered right {metrics['answered_correct_rate']:.3f}")
        if show and "test" not in path.name:
            for m in mistakes:
                print("  ", json.dumps(m, ensure_ascii=False))
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
