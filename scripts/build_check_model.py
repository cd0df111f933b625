"""Train the Check classifier from the labelled dev sets, reproducibly (no randomness; full-batch Adam).

    .venv/bin/python scripts/build_check_model.py            # writes src/xiezhi/data/collection/model/
    .venv/bin/python scripts/build_check_model.py --cv-only  # only report cross-validation

Training data: every development set, bench/data/check_dev.jsonl, check_dev2.jsonl, check_test.jsonl (the old
test split, demoted to development data on 2026-11-28 after it had been measured several times) and
check_dev3.jsonl and check_dev4.jsonl (a fourth annotator's 300 lines, half of them lawful hard negatives; added on
2026-11-28 after its first look). The independent test set check_test2.jsonl is never read (an assertion guards it).
Features: character 1–4-grams of the normalised text (min count 2), binary, scaled by 1/sqrt(n).
Per-category thresholds are chosen by 5-fold cross-validation on the training data only: each category
gets the threshold with the best out-of-fold F1 of the model alone among those with precision >= 0.9 (for
violence_threat its additions, on lines where the rules did not find it, must also be >= 0.8 precise: hard case 5)
(not "rules OR model": the rules were
written on these very lines, so their in-sample recall would make the model look useless), then
thresholds are raised until the model adds a category to at most 1% of the lawful messages the rules left
alone. The same folds then give an honest
figure for dev2 with the full pipeline (`analyze` with the fold's model on the held-out dev2 lines).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from xiezhi.collection.model import TEXT_CATEGORIES, Model, grams  # noqa: E402
from xiezhi.collection.normalize import normalise  # noqa: E402

DATA = ROOT / "bench" / "data"
TRAIN_FILES = (DATA / "check_dev.jsonl", DATA / "check_dev2.jsonl", DATA / "check_test.jsonl", DATA / "check_dev3.jsonl",
               DATA / "check_dev4.jsonl")
#: The final independent test set: scored once by the lead, never trained or tuned on.
HELD_OUT = ("check_test2.jsonl", "check_test3.jsonl")
assert all(p.name not in HELD_OUT for p in TRAIN_FILES)
OUT = ROOT / "src" / "xiezhi" / "data" / "collection" / "model"
META = ("sent_at", "recipient_role", "lender_type", "count_per_day", "channel")
MIN_COUNT = 2
L2 = 1e-4
EPOCHS = 300
LR = 0.05
FOLDS = 5
GRID = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
MAX_ADDED_LAWFUL_FP = 0.01
MIN_PRECISION = 0.9
#: For these categories the findings the model adds out of fold (lines where the rules did not find the category)
#: must also be this precise. violence_threat: on 2026-11-28 (dev4 added) its threshold 0.65 added 5 right and 4
#: wrong, all four visit threats without named harm, which taxonomy hard case 5 keeps out of violence_threat
#: ("今晚带人上门，家人别想安生" is unlawful_visit + intimidation only). Applied to every category it would switch the
#: model off for intimidation, whose "wrong" additions are mostly the annotators' differing visit conventions
#: (docs/check.md), and lower the out-of-fold macro-F1 of dev3/dev4 by about 0.01; so only where the spec says so.
ADDED_PRECISION_CATEGORIES = ("violence_threat",)
MIN_ADDED_PRECISION = 0.8


def load(paths: tuple[Path, ...] = TRAIN_FILES) -> list[dict]:
    rows: list[dict] = []
    for p in paths:
        if p.name in HELD_OUT:
            raise SystemExit(f"{p.name} is an independent test set; it is never used for training")
        rows.extend(json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip())
    return rows


def train(rows: list[dict]) -> Model:
    texts = [normalise(r["text"]).text for r in rows]
    counts = Counter(g for t in texts for g in set(grams(t)))
    vocab_list = sorted(g for g, c in counts.items() if c >= MIN_COUNT)
    vocab = {g: i for i, g in enumerate(vocab_list)}
    n_feat, n_cat = len(vocab_list), len(TEXT_CATEGORIES)
    shell = Model(vocab, TEXT_CATEGORIES, np.zeros((n_feat, n_cat), np.float32), np.zeros(n_cat, np.float32), 0.5)
    feats = [np.sort(shell.indices(t)) for t in texts]  # sparse binary rows
    row_of = np.concatenate([np.full(len(f), i) for i, f in enumerate(feats)]).astype(np.int64)
    col = np.concatenate(feats).astype(np.int64)
    scale = np.array([1.0 / np.sqrt(len(f)) if len(f) else 0.0 for f in feats], dtype=np.float32)
    y = np.array([[c in r["labels"] for c in TEXT_CATEGORIES] for r in rows], dtype=np.float32)
    pos = y.sum(axis=0)
    pos_weight = np.sqrt((len(rows) - pos) / np.maximum(pos, 1))  # soften the class imbalance
    sample_w = np.where(y > 0, pos_weight, 1.0).astype(np.float32)
    w = np.zeros((n_feat, n_cat), dtype=np.float32)
    b = np.zeros(n_cat, dtype=np.float32)
    m, v = np.zeros_like(w), np.zeros_like(w)
    mb, vb = np.zeros_like(b), np.zeros_like(b)
    n = len(rows)
    for step in range(1, EPOCHS + 1):  # Adam, full batch: deterministic
        z = np.zeros((n, n_cat), dtype=np.float32)
        np.add.at(z, row_of, w[col])
        z = z * scale[:, None] + b
        p = 1.0 / (1.0 + np.exp(-z))
        err = (p - y) * sample_w
        contrib = err[row_of] * scale[row_of, None]
        g = np.stack([np.bincount(col, weights=contrib[:, k], minlength=n_feat) for k in range(n_cat)], axis=1)
        g = g.astype(np.float32) / n + L2 * w
        gb = err.mean(axis=0)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        lr = LR * np.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
        w -= lr * m / (np.sqrt(v) + 1e-8)
        b -= lr * mb / (np.sqrt(vb) + 1e-8)
    return Model(vocab, TEXT_CATEGORIES, w, b, 0.5, {}, shell.keys, shell.rows)


def _meta(r: dict) -> dict:
    return {k: r[k] for k in META if r.get(k) is not None}


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_thresholds(rows: list[dict], oof: np.ndarray, rules: list[set[str]]) -> tuple[dict[str, float], dict]:
    gold = np.array([[c in r["labels"] for c in TEXT_CATEGORIES] for r in rows])
    rule = np.array([[c in rl for c in TEXT_CATEGORIES] for rl in rules])
    chosen: dict[str, float] = {}
    table: dict[str, dict] = {}
    for k, cat in enumerate(TEXT_CATEGORIES):
        best = (-1.0, 0.0)
        for t in GRID:
            # model alone: the rules were written on these lines, so "rules OR model" here would credit the
            # rules with an in-sample recall they do not have on unseen wording and switch the model off
            pred = oof[:, k] >= t
            tp = int((pred & gold[:, k]).sum())
            fp = int((pred & ~gold[:, k]).sum())
            fn = int((~pred & gold[:, k]).sum())
            # what ships is what the model adds where the rules found nothing: that must be precise too
            add = pred & ~rule[:, k]
            add_tp, add_fp = int((add & gold[:, k]).sum()), int((add & ~gold[:, k]).sum())
            added_ok = cat not in ADDED_PRECISION_CATEGORIES or add_tp + add_fp == 0 \
                or add_tp / (add_tp + add_fp) >= MIN_ADDED_PRECISION
            if tp and tp / (tp + fp) >= MIN_PRECISION and added_ok:  # the model only adds: it must be precise
                best = max(best, (round(_f1(tp, fp, fn), 4), t))
        if best[0] < 0:
            best = (0.0, 0.99)  # never precise enough: practically off
        chosen[cat] = best[1]
        both = rule[:, k] | (oof[:, k] >= best[1])
        table[cat] = {"threshold": best[1], "cv_f1_model_alone": best[0],
                      "cv_f1_rules_or_model": round(_f1(int((both & gold[:, k]).sum()), int((both & ~gold[:, k]).sum()),
                                                        int((~both & gold[:, k]).sum())), 4),
                      "cv_f1_rules_alone": round(_f1(int((rule[:, k] & gold[:, k]).sum()),
                                                     int((rule[:, k] & ~gold[:, k]).sum()),
                                                     int((~rule[:, k] & gold[:, k]).sum())), 4)}
    lawful = np.array([r["labels"] == ["compliant"] and not rl for r, rl in zip(rows, rules, strict=True)])
    while True:
        added = np.stack([oof[:, k] >= chosen[c] for k, c in enumerate(TEXT_CATEGORIES)], axis=1) & lawful[:, None]
        rate = added.any(axis=1).sum() / max(lawful.sum(), 1)
        if rate <= MAX_ADDED_LAWFUL_FP:
            break
        worst = int(added.sum(axis=0).argmax())
        cat = TEXT_CATEGORIES[worst]
        if chosen[cat] >= GRID[-1]:
            chosen[cat] = 0.99
            if all(v >= 0.99 for v in chosen.values()):
                break
            continue
        chosen[cat] = min(t for t in GRID if t > chosen[cat])
        table[cat]["threshold"] = chosen[cat]
    return chosen, {"per_category": table, "added_lawful_fp_rate": round(float(rate), 4)}


def cross_validate(rows: list[dict]) -> tuple[dict[str, float], dict]:
    from xiezhi.collection import analyze

    folds = [list(range(i, len(rows), FOLDS)) for i in range(FOLDS)]
    oof = np.zeros((len(rows), len(TEXT_CATEGORIES)), dtype=np.float32)
    models = []
    for fold in folds:
        held = set(fold)
        model = train([r for i, r in enumerate(rows) if i not in held])
        models.append(model)
        for i in fold:
            oof[i] = 1.0 / (1.0 + np.exp(-model.logits(normalise(rows[i]["text"]).text)))
    rules = [set(analyze(r["text"], _meta(r), model=False).labels) - {"compliant"} for r in rows]
    thresholds, report = choose_thresholds(rows, oof, rules)
    # honest figures per source file: the full pipeline with the fold model on held-out lines
    per_file: dict[str, dict] = {}
    for fold, model in zip(folds, models, strict=True):
        fm = Model(model.vocab, model.categories, model.weights, model.bias, 0.5, thresholds, model.keys, model.rows)
        for i in fold:
            r = rows[i]
            src = r["id"][0]
            st = per_file.setdefault(src, {"rows": []})
            st["rows"].append((set(r["labels"]), set(analyze(r["text"], _meta(r), model=fm).labels)))
    report["full_pipeline_out_of_fold"] = {src: _score(st["rows"]) for src, st in sorted(per_file.items())}
    return thresholds, report


def _score(pairs: list[tuple[set[str], set[str]]]) -> dict:
    from xiezhi.collection.models import CATEGORIES

    f1s = []
    for c in CATEGORIES:
        tp = sum(c in g and c in p for g, p in pairs)
        fp = sum(c not in g and c in p for g, p in pairs)
        fn = sum(c in g and c not in p for g, p in pairs)
        f1s.append(_f1(tp, fp, fn))
    lawful = [(g, p) for g, p in pairs if g == {"compliant"}]
    return {"messages": len(pairs), "macro_f1_15": round(sum(f1s) / len(f1s), 4),
            "lawful_fp_rate": round(sum(p != {"compliant"} for _, p in lawful) / max(len(lawful), 1), 4)}


def main() -> int:
    rows = load()
    thresholds, report = cross_validate(rows)
    print(f"{FOLDS}-fold CV on {len(rows)} training lines ({', '.join(p.name for p in TRAIN_FILES)}): per-category thresholds")
    for cat, st in report["per_category"].items():
        print(f"  {cat:20s} t={st['threshold']:.2f}  F1 model {st['cv_f1_model_alone']:.3f}, rules "
              f"{st['cv_f1_rules_alone']:.3f}, rules+model {st['cv_f1_rules_or_model']:.3f}")
    print(f"  model-added lawful FP (out of fold): {report['added_lawful_fp_rate']:.3f}")
    for src, st in report["full_pipeline_out_of_fold"].items():
        name = {"d": "dev", "v": "dev2", "t": "old test (demoted)", "w": "dev3", "x": "dev4"}.get(src, src)
        print(f"  full pipeline, out of fold, {name}: macro-F1 {st['macro_f1_15']:.3f}, lawful FP {st['lawful_fp_rate']:.3f}")
    if "--cv-only" in sys.argv:
        return 0
    model = train(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    inv = sorted(model.vocab, key=model.vocab.__getitem__)
    np.save(OUT / "weights.npy", model.weights.astype(np.float16))
    meta = {
        "description": "Check classifier: char 1-4 grams (min count 2), one-vs-rest logistic regression, Adam full batch",
        "trained_on": [str(p.relative_to(ROOT)) for p in TRAIN_FILES],
        "trained_on_sha256": [hashlib.sha256(p.read_bytes()).hexdigest() for p in TRAIN_FILES],
        "examples": len(rows), "epochs": EPOCHS, "l2": L2, "min_count": MIN_COUNT,
        "threshold": min(thresholds.values()), "thresholds": thresholds, "cv": report,
        "categories": list(model.categories), "bias": [round(float(x), 6) for x in model.bias], "vocab": inv,
    }
    (OUT / "model.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(inv)} features; wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
