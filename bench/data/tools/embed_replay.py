"""Embed6 experiment: does a sentence-embedding classifier carry to new annotators better than char n-grams?

    PYTHONPATH=src .venv/bin/python bench/data/tools/embed_replay.py [--encoder e5q|use] [--cache /tmp/embed6]
        [--out DIR] [--l2 0.001] [--variants emb-B,stack-B] [--sensitivity]

(Char-grams retrained on every development set were not re-run here: model5 measured them a wash, docs/check.md.)
Results in docs/check.md, "Sixth session: sentence embeddings"; summaries in bench/results/embed6/.

Why. On sets by annotators it never saw, Check scores about 0.85 macro-F1 and recall of the threat / visit / insult
categories is the gap; the char 1-4-gram classifier (`xiezhi.collection.model`) did not gain from more training data.
A model of meaning might carry across annotators. The yardstick is the replay (`replay_rules.py`,
bench/data/replay/check_replay.jsonl.gz): each development set's first-look rule findings (rules that had never seen
the set) and the probabilities of a char-gram classifier trained without the set's annotator. This tool keeps the
rule findings and swaps the probabilities: a logistic classifier over cached sentence vectors (`embed_encode.py`),
trained leave-one-annotator-out exactly as the char-gram one (never on the line's own annotator), and combinations.
Each variant is scored like the shipped limits were chosen (`addition_limits.py`): per-category addition limits
chosen on the other 19 sets under a lawful budget, scored on the set left out.

Variants (probabilities per line):
- char-A: the shipped replay's probs (char-grams, TRAIN_FILES without the annotator).
- emb-A / emb-B: embedding logistic regression on TRAIN_FILES / on every development set (dev..dev26, test..test5),
  without the annotator.
- avg-A / avg-B: mean of char-A's and emb-A's / emb-B's probabilities; lavg-A: mean of their logits.
- stack-B / stack-A: per category a logistic model over char-A's and emb-B's / emb-A's logits, fitted on the other
  sets' replay lines; stack-char: the same over char-A's logit alone (the control: recalibration only).
- knn-B: similarity-weighted label shares of the 25 nearest lines of every development set (no annotator's own);
  stack-knn: stacked with char-A like stack-B; knn-A / stack-knnA: the same with TRAIN_FILES as the neighbours.

Embedding classifier: one-vs-rest logistic regression over the standardised vectors, positives weighted
((neg/pos) ** 0.5) like the char-gram model, L2 `--l2` (default 1e-3), full-batch Adam 400 steps; deterministic.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import addition_limits as al  # noqa: E402
import build_check_model as b  # noqa: E402
import embed_encode as ee  # noqa: E402

from xiezhi.collection.model import TEXT_CATEGORIES  # noqa: E402
from xiezhi.collection.models import CATEGORIES  # noqa: E402

REPLAY = ROOT / "bench" / "data" / "replay" / "check_replay.jsonl.gz"
BUDGETS = (0.005, 0.01, 0.02)
RECALL_CATEGORIES = ("violence_threat", "unlawful_visit", "insult_defamation", "intimidation", "false_legal_threat")


def load_vectors(cache: Path, encoder: str) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for path in ee.dev_files():
        z = np.load(cache / encoder / f"{path.stem}.npz")
        for i, v in zip(z["ids"].tolist(), z["vecs"], strict=True):
            out[i] = v
    return out


def annotator(row_id: str) -> str:
    return b.ANNOTATOR_OF.get(row_id[0], row_id[0])


def fit_lr(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 400, lr: float = 0.05,
           pos_power: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One-vs-rest logistic regression (full-batch Adam, deterministic): weights, bias, feature mean and scale."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
    xs = ((x - mu) / sd).astype(np.float32)
    n, d = xs.shape
    k = y.shape[1]
    pos = y.sum(axis=0)
    sw = np.where(y > 0, ((n - pos) / np.maximum(pos, 1)) ** pos_power, 1.0).astype(np.float32)
    w = np.zeros((d, k), np.float32)
    bias = np.zeros(k, np.float32)
    m, v, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(bias), np.zeros_like(bias)
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(xs @ w + bias)))
        err = (p - y) * sw
        g = xs.T @ err / n + l2 * w
        gb = err.mean(axis=0)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        mb = 0.9 * mb + 0.1 * gb
        vb = 0.999 * vb + 0.001 * gb * gb
        a = lr * np.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
        w -= a * m / (np.sqrt(v) + 1e-8)
        bias -= a * mb / (np.sqrt(vb) + 1e-8)
    return w, bias, mu, sd


def predict_lr(model: tuple, x: np.ndarray) -> np.ndarray:
    w, bias, mu, sd = model
    return 1.0 / (1.0 + np.exp(-(((x - mu) / sd) @ w + bias)))


def emb_probs(replay: list[dict], train_rows: list[dict], vecs: dict[str, np.ndarray],
              l2: float) -> list[dict[str, float]]:
    """Each replay line's probabilities from an embedding classifier trained without its set's annotator."""
    out: list[dict[str, float] | None] = [None] * len(replay)
    by_set: dict[str, list[int]] = {}
    for i, r in enumerate(replay):
        by_set.setdefault(r["set"], []).append(i)
    for name, idx in by_set.items():
        letters = replay[idx[0]]["annotator"]
        train = [r for r in train_rows if r["id"][0] not in letters and annotator(r["id"]) not in letters]
        x = np.stack([vecs[r["id"]] for r in train])
        y = np.array([[c in r["labels"] for c in TEXT_CATEGORIES] for r in train], dtype=np.float32)
        model = fit_lr(x, y, l2)
        p = predict_lr(model, np.stack([vecs[replay[i]["id"]] for i in idx]))
        for i, row in zip(idx, p, strict=True):
            out[i] = {c: round(float(v), 5) for c, v in zip(TEXT_CATEGORIES, row.tolist(), strict=True)}
        print(f"  {name}: trained on {len(train)} lines", file=sys.stderr, flush=True)
    return out  # type: ignore[return-value]


def knn_probs(replay: list[dict], train_rows: list[dict], vecs: dict[str, np.ndarray], k: int = 25,
              sharpness: float = 20.0) -> list[dict[str, float]]:
    """Each replay line's probabilities as the similarity-weighted share of its k nearest training lines (cosine,
    weights exp(sharpness x (cos - 1))) labelled with the category, never from its set's annotator; squeezed into
    [0.01, 0.99] so the logits of the stack stay finite. k and sharpness were set once, not tuned on the replay."""
    out: list[dict[str, float] | None] = [None] * len(replay)
    by_set: dict[str, list[int]] = {}
    for i, r in enumerate(replay):
        by_set.setdefault(r["set"], []).append(i)
    for idx in by_set.values():
        letters = replay[idx[0]]["annotator"]
        train = [r for r in train_rows if r["id"][0] not in letters and annotator(r["id"]) not in letters]
        x = np.stack([vecs[r["id"]] for r in train])
        y = np.array([[c in r["labels"] for c in TEXT_CATEGORIES] for r in train], dtype=np.float64)
        sim = np.stack([vecs[replay[i]["id"]] for i in idx]) @ x.T
        top = np.argsort(-sim, axis=1, kind="stable")[:, :k]
        w = np.exp((np.take_along_axis(sim, top, axis=1) - 1.0) * sharpness)
        p = (w[:, :, None] * y[top]).sum(axis=1) / w.sum(axis=1, keepdims=True) * 0.98 + 0.01
        for i, row in zip(idx, p, strict=True):
            out[i] = {c: round(float(v), 5) for c, v in zip(TEXT_CATEGORIES, row.tolist(), strict=True)}
    return out  # type: ignore[return-value]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return float(np.log(p / (1 - p)))


def combine(a: list[dict], bb: list[dict], how: str) -> list[dict[str, float]]:
    out = []
    for pa, pb in zip(a, bb, strict=True):
        if how == "avg":
            out.append({c: (pa[c] + pb[c]) / 2 for c in TEXT_CATEGORIES})
        else:  # mean of logits
            out.append({c: float(1 / (1 + np.exp(-(_logit(pa[c]) + _logit(pb[c])) / 2))) for c in TEXT_CATEGORIES})
    return out


def stacked(replay: list[dict], a: list[dict], bb: list[dict] | None) -> list[dict[str, float]]:
    """One logistic model per category over the two classifiers' logits (bb None: over a's alone, the control: a
    recalibration), fitted on the replay lines of the other sets (nested by set: the left-out set's gold labels never
    reach its own probabilities)."""
    sets = np.array([r["set"] for r in replay])
    feats = np.array([[[_logit(pa[c]), *([_logit(pb[c])] if pb else [])] for c in TEXT_CATEGORIES]
                      for pa, pb in zip(a, bb or [None] * len(a), strict=True)])
    y = np.array([[c in r["gold"] for c in TEXT_CATEGORIES] for r in replay], dtype=np.float32)
    out = np.zeros(y.shape)
    for name in dict.fromkeys(sets.tolist()):
        tr, te = sets != name, sets == name
        for k in range(len(TEXT_CATEGORIES)):
            model = fit_lr(feats[tr, k, :], y[tr, k:k + 1], 1e-4, steps=300, pos_power=0.0)
            out[te, k] = predict_lr(model, feats[te, k, :])[:, 0]
    return [{c: round(float(v), 5) for c, v in zip(TEXT_CATEGORIES, row.tolist(), strict=True)} for row in out]


def with_probs(replay: list[dict], probs: list[dict]) -> list[dict]:
    return [{**r, "probs": p} for r, p in zip(replay, probs, strict=True)]


def fast_choose(rp: al.Replay, budget: float, grid: tuple[float, ...] = al.GRID) -> dict[str, float]:
    """`addition_limits.choose`, same algorithm and result, incremental: a trial moves one category's limit, so only
    that category's F1, the `compliant` F1 and the lawful lines the additions flag change (~50x faster; checked equal
    to `choose` by `--check-choose`)."""
    k, g_n = len(TEXT_CATEGORIES), len(grid)
    left_alone = rp.lawful & rp.base[:, rp.compliant]
    left = max(int(left_alone.sum()), 1)
    adds = rp.eligible[:, :, None] & (rp.probs[:, :, None] >= np.array(grid)[None, None, :])  # n x k x G

    def f1(pred: np.ndarray, gold: np.ndarray) -> float:
        tp = int((pred & gold).sum())
        if not tp:
            return 0.0
        return 2 * tp / max(2 * tp + int((pred & ~gold).sum()) + int((~pred & gold).sum()), 1)

    text_f1 = np.zeros((k, g_n))
    for j, c in enumerate(rp.text_cols):
        for g in range(g_n):
            text_f1[j, g] = f1(rp.base[:, c] | adds[:, j, g], rp.gold[:, c])
    other = [c for c in range(rp.gold.shape[1]) if c not in set(rp.text_cols.tolist()) and c != rp.compliant]
    const = sum(f1(rp.base[:, c], rp.gold[:, c]) for c in other)
    base_any = rp.base[:, [c for c in range(rp.gold.shape[1]) if c != rp.compliant]].any(axis=1)
    gold_c = rp.gold[:, rp.compliant]
    n_cat = rp.gold.shape[1]

    def evaluate(ix: list[int], cnt: np.ndarray) -> tuple[float, int]:
        any_add = cnt > 0
        comp = ~(base_any | any_add)
        total = const + sum(text_f1[j, ix[j]] for j in range(k)) + f1(comp, gold_c)
        return total / n_cat, int((left_alone & any_add).sum())

    idx = [g_n - 1] * k
    for price in al.PRICES:
        cnt = adds[:, np.arange(k), idx].sum(axis=1)
        for _ in range(3):
            moved = False
            for j in range(k):
                mf, lfp = evaluate(idx, cnt)
                best, best_g = idx[j], mf - price * lfp / left
                rest = cnt - adds[:, j, idx[j]]
                for g in range(g_n - 1, -1, -1):
                    trial = [*idx[:j], g, *idx[j + 1:]]
                    mf, lfp = evaluate(trial, rest + adds[:, j, g])
                    v = mf - price * lfp / left
                    if v > best_g + 1e-9:
                        best, best_g = g, v
                if best != idx[j]:
                    idx[j], moved = best, True
                    cnt = rest + adds[:, j, best]
            if not moved:
                break
        if evaluate(idx, adds[:, np.arange(k), idx].sum(axis=1))[1] <= budget * left:
            break
    return {c: grid[i] for c, i in zip(TEXT_CATEGORIES, idx, strict=True)}


def nested(rp: al.Replay, budget: float) -> dict[str, tuple[dict[str, float], dict[str, Any]]]:
    out = {}
    for name in dict.fromkeys(rp.sets.tolist()):
        lim = fast_choose(rp.subset(rp.sets != name), budget)
        out[name] = (lim, rp.subset(rp.sets == name).score(al.as_array(lim)))
    return out


def score_variant(rows: list[dict], budget: float) -> dict[str, Any]:
    """Nested (limits chosen on the other sets) per-set macro-F1 / lawful FP, their mean, pooled per-category
    precision / recall / F1 over the nested predictions, and the limits chosen on all sets."""
    rp = al.Replay(rows)
    per = {}
    tp = np.zeros(len(CATEGORIES))
    fp = np.zeros(len(CATEGORIES))
    fn = np.zeros(len(CATEGORIES))
    for name, (lim, sc) in nested(rp, budget).items():
        sub = rp.subset(rp.sets == name)
        pred = sub.predict(al.as_array(lim))
        tp += (pred & sub.gold).sum(axis=0)
        fp += (pred & ~sub.gold).sum(axis=0)
        fn += (~pred & sub.gold).sum(axis=0)
        per[name] = {"macro_f1": round(sc["macro_f1"], 4), "lawful_fp": sc["lawful_fp"], "lawful": sc["lawful"],
                     "added": sc["added"], "added_right": sc["added_right"]}
    f1 = {c: round(float(2 * t / max(2 * t + f + m, 1)), 4) for c, t, f, m in zip(CATEGORIES, tp, fp, fn, strict=True)}
    rec = {c: round(float(t / max(t + m, 1)), 4) for c, t, m in zip(CATEGORIES, tp, fn, strict=True)}
    prec = {c: round(float(t / max(t + f, 1)), 4) for c, t, f in zip(CATEGORIES, tp, fp, strict=True)}
    return {"budget": budget, "per_set": per,
            "mean_macro_f1": round(float(np.mean([e["macro_f1"] for e in per.values()])), 4),
            "lawful_fp": int(sum(e["lawful_fp"] for e in per.values())),
            "lawful": int(sum(e["lawful"] for e in per.values())),
            "f1": f1, "recall": rec, "precision": prec, "limits_all": fast_choose(rp, budget)}


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    pos, neg = scores[labels], scores[~labels]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="stable")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def ranking(rows: list[dict]) -> dict[str, float]:
    """Pooled AUC per text category (how well the probabilities rank, before any limit or rule)."""
    out = {}
    for c in TEXT_CATEGORIES:
        s = np.array([r["probs"][c] for r in rows])
        y = np.array([c in r["gold"] for r in rows])
        out[c] = round(auc(s, y), 4)
    return out


def sensitivity(replay: list[dict], vecs: dict[str, np.ndarray], emb_b: list[dict], budget: float = 0.005) -> None:
    """The knn stack with other neighbour settings (is the gain a lucky k?), and a 3-input stack (char-A, emb-B and
    knn-B logits): printed, not stored."""
    char_a = [r["probs"] for r in replay]
    train_b = b.load(tuple(ee.dev_files()))
    for k, sharp in ((10, 20.0), (25, 20.0), (50, 20.0), (25, 10.0), (25, 40.0)):
        st = stacked(replay, char_a, knn_probs(replay, train_b, vecs, k=k, sharpness=sharp))
        sc = score_variant(with_probs(replay, st), budget)
        print(f"stack-knn k={k} sharpness={sharp:g} budget {budget}: {sc['mean_macro_f1']:.4f} / {sc['lawful_fp']}",
              flush=True)
    kn = knn_probs(replay, train_b, vecs)
    sets = np.array([r["set"] for r in replay])
    feats = np.array([[[_logit(a[c]), _logit(e[c]), _logit(n[c])] for c in TEXT_CATEGORIES]
                      for a, e, n in zip(char_a, emb_b, kn, strict=True)])
    y = np.array([[c in r["gold"] for c in TEXT_CATEGORIES] for r in replay], dtype=np.float32)
    out = np.zeros(y.shape)
    for name in dict.fromkeys(sets.tolist()):
        tr, te = sets != name, sets == name
        for j in range(len(TEXT_CATEGORIES)):
            model = fit_lr(feats[tr, j, :], y[tr, j:j + 1], 1e-4, steps=300, pos_power=0.0)
            out[te, j] = predict_lr(model, feats[te, j, :])[:, 0]
    probs = [{c: float(v) for c, v in zip(TEXT_CATEGORIES, row.tolist(), strict=True)} for row in out]
    for bud in BUDGETS:
        sc = score_variant(with_probs(replay, probs), bud)
        print(f"stack3 (char-A + emb-B + knn-B) budget {bud}: {sc['mean_macro_f1']:.4f} / {sc['lawful_fp']}", flush=True)


def main(argv: list[str]) -> int:
    encoder = argv[argv.index("--encoder") + 1] if "--encoder" in argv else "e5q"
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else Path("/tmp/embed6")
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else cache / f"results-{encoder}"
    l2 = float(argv[argv.index("--l2") + 1]) if "--l2" in argv else 1e-3
    only = argv[argv.index("--variants") + 1].split(",") if "--variants" in argv else None
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(REPLAY, "rt", encoding="utf-8") as fh:
        replay = [json.loads(x) for x in fh if x.strip()]
    vecs = load_vectors(cache, encoder)
    char_a = [r["probs"] for r in replay]
    train_a = b.load(b.TRAIN_FILES)
    train_b = b.load(tuple(ee.dev_files()))
    variants: dict[str, list[dict]] = {"char-A": char_a}
    probs_cache = cache / f"probs-{encoder}-{l2:g}.json"
    if probs_cache.exists():
        variants.update(json.loads(probs_cache.read_text()))
    else:
        print("emb-A", file=sys.stderr)
        variants["emb-A"] = emb_probs(replay, train_a, vecs, l2)
        print("emb-B", file=sys.stderr)
        variants["emb-B"] = emb_probs(replay, train_b, vecs, l2)
        probs_cache.write_text(json.dumps({k: variants[k] for k in ("emb-A", "emb-B")}))
    if "--sensitivity" in argv:
        sensitivity(replay, vecs, variants["emb-B"])
        return 0
    variants["avg-A"] = combine(char_a, variants["emb-A"], "avg")
    variants["lavg-A"] = combine(char_a, variants["emb-A"], "logit")
    variants["avg-B"] = combine(char_a, variants["emb-B"], "avg")
    variants["stack-B"] = stacked(replay, char_a, variants["emb-B"])
    variants["stack-A"] = stacked(replay, char_a, variants["emb-A"])
    variants["stack-char"] = stacked(replay, char_a, None)
    variants["knn-B"] = knn_probs(replay, train_b, vecs)
    variants["stack-knn"] = stacked(replay, char_a, variants["knn-B"])
    variants["knn-A"] = knn_probs(replay, train_a, vecs)
    variants["stack-knnA"] = stacked(replay, char_a, variants["knn-A"])
    summary: dict[str, Any] = {"encoder": encoder, "l2": l2, "lines": len(replay), "variants": {}}
    if only and (out / "summary.json").exists():  # some variants only: keep the others' figures
        summary = json.loads((out / "summary.json").read_text())
    for name, probs in variants.items():
        if only and name not in only:
            continue
        rows = with_probs(replay, probs)
        if name != "char-A":
            with gzip.open(out / f"replay-{name}.jsonl.gz", "wt", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps({"set": r["set"], "id": r["id"], "probs": r["probs"]}) + "\n")
        res = {"auc": ranking(rows)}
        for budget in BUDGETS:
            res[str(budget)] = score_variant(rows, budget)
            s = res[str(budget)]
            print(f"{name:8s} budget {budget:.3f}: mean macro-F1 {s['mean_macro_f1']:.4f}, lawful FP "
                  f"{s['lawful_fp']} of {s['lawful']}; " + ", ".join(f"{c[:8]} {s['f1'][c]:.3f}"
                                                                      for c in RECALL_CATEGORIES), flush=True)
        summary["variants"][name] = res
    (out / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
