"""Markdown tables of the embed6 experiment from embed_replay.py's summary files (docs/check.md, "Sixth session:
sentence embeddings").

    python bench/data/tools/embed_table.py bench/results/embed6/summary-e5q.json [bench/results/embed6/summary-use.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RECALL = ("violence_threat", "unlawful_visit", "insult_defamation", "intimidation", "false_legal_threat")
BUDGETS = ("0.005", "0.01", "0.02")


def main(argv: list[str]) -> int:
    for path in argv:
        s = json.loads(Path(path).read_text(encoding="utf-8"))
        v = s["variants"]
        names = [n for n in ("char-A", "emb-A", "emb-B", "avg-A", "lavg-A", "avg-B", "stack-char", "stack-A", "knn-A", "stack-knnA", "knn-B", "stack-knn",
                             "stack-B") if n in v]
        print(f"\n### {s['encoder']} (l2 {s['l2']}): mean macro-F1 / pooled lawful FP of 2,806, nested\n")
        print("| variant | " + " | ".join(f"budget {b}" for b in BUDGETS) + " |")
        print("|---|" + "---|" * len(BUDGETS))
        for n in names:
            print(f"| {n} | " + " | ".join(f"{v[n][b]['mean_macro_f1']:.4f} / {v[n][b]['lawful_fp']}" for b in BUDGETS)
                  + " |")
        for b in BUDGETS:
            print(f"\nPer category F1 (pooled over the nested predictions), budget {b}:\n")
            print("| variant | " + " | ".join(RECALL) + " |")
            print("|---|" + "---|" * len(RECALL))
            for n in names:
                print(f"| {n} | " + " | ".join(f"{v[n][b]['f1'][c]:.3f} (R {v[n][b]['recall'][c]:.2f})"
                                               for c in RECALL) + " |")
        for b in BUDGETS:
            sel = [n for n in ("char-A", "emb-B", "stack-B", "stack-knn") if n in v]
            sets = list(v["char-A"][b]["per_set"])
            print(f"\nPer set, budget {b}: macro-F1 / lawful FP ({' -> '.join(sel)})\n")
            print("| set | " + " | ".join(sel) + " |")
            print("|---|" + "---|" * len(sel))
            for st in sets:
                print(f"| {st} | " + " | ".join(f"{v[n][b]['per_set'][st]['macro_f1']:.3f} / "
                                               f"{v[n][b]['per_set'][st]['lawful_fp']}" for n in sel) + " |")
        print("\nPooled AUC per category (ranking before limits and rules):\n")
        cats = list(v["char-A"]["auc"])
        print("| variant | " + " | ".join(cats) + " |")
        print("|---|" + "---|" * len(cats))
        for n in names:
            print(f"| {n} | " + " | ".join(f"{v[n]['auc'][c]:.3f}" for c in cats) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
