"""Model8: the markdown tables of bench/results/model8/tables.md from the summaries of charknn_replay.py,
charlin_replay.py and charknn_new_sets.py.

    python3 bench/data/tools/charknn_table.py bench/results/model8 > bench/results/model8/tables.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BUDGETS = ("0.005", "0.01", "0.02")
RECALL = ("violence_threat", "unlawful_visit", "insult_defamation", "intimidation", "false_legal_threat")


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    variants: dict[str, dict] = {}
    for name in ("summary.json", "summary-lin.json"):
        if (root / name).exists():
            variants.update(json.loads((root / name).read_text())["variants"])
    variants = {"char-A": variants["char-A"], **variants}  # the shipped probabilities first
    use = json.loads((root.parent / "embed6" / "summary-use.json").read_text())["variants"]
    variants["USE stack-knn (embed6)"] = use["stack-knn"]
    base = variants["char-A"]["0.005"]["per_set"]
    print("### Replay: mean macro-F1 / pooled lawful FP of 2,806 (nested); sets better / worse than char-A at 0.5 %\n")
    print("| variant | 0.5 % | 1 % | 2 % | better / worse (0.5 %) |")
    print("|---|---|---|---|---|")
    for name, res in variants.items():
        cells = [f"{res[b]['mean_macro_f1']:.4f} / {res[b]['lawful_fp']}" for b in BUDGETS]
        per = res["0.005"]["per_set"]
        up = sum(per[s]["macro_f1"] > base[s]["macro_f1"] + 1e-9 for s in base)
        down = sum(per[s]["macro_f1"] < base[s]["macro_f1"] - 1e-9 for s in base)
        print(f"| {name} | " + " | ".join(cells) + f" | {up} / {down} |")
    print("\n### Replay, per category F1 (recall), pooled over the nested predictions, budget 0.5 %\n")
    print("| variant | " + " | ".join(RECALL) + " |")
    print("|---|" + "---|" * len(RECALL))
    for name, res in variants.items():
        s = res["0.005"]
        print(f"| {name} | " + " | ".join(f"{s['f1'][c]:.3f} ({s['recall'][c]:.2f})" for c in RECALL) + " |")
    print("\n### Replay, per set at 0.5 %: macro-F1 / lawful FP\n")
    shown = [n for n in variants if n in ("char-A", "stack-cknn-B-bin", "stack-cknn-B-bin34", "stack-cknn-A-bin",
                                          "words-A", "stack-words-A", "USE stack-knn (embed6)")]
    print("| set | " + " | ".join(shown) + " |")
    print("|---|" + "---|" * len(shown))
    for s in base:
        print(f"| {s} | " + " | ".join(f"{variants[n]['0.005']['per_set'][s]['macro_f1']:.3f} / "
                                     f"{variants[n]['0.005']['per_set'][s]['lawful_fp']}" for n in shown) + " |")
    if (root / "new_sets.json").exists():
        new = json.loads((root / "new_sets.json").read_text())
        sets = list(next(iter(new.values()))["per_set"])
        print("\n### The four newly readable sets (today's rules; knn pool without the set's annotator; stacker and "
              "limits from the replay): macro-F1 / lawful FP\n")
        print("| variant | mean | lawful FP | " + " | ".join(sets) + " |")
        print("|---|---|---|" + "---|" * len(sets))
        for name, res in new.items():
            print(f"| {name} | {res['mean_macro_f1']:.4f} | {res['lawful_fp']} of {res['lawful']} | " +
                  " | ".join(f"{res['per_set'][s]['macro_f1']:.3f} / {res['per_set'][s]['lawful_fp']}" for s in sets)
                  + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
