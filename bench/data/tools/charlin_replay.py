"""Model8 experiment: cheap linear variants beside the shipped char-gram classifier, on the replay.

    PYTHONPATH=src .venv/bin/python bench/data/tools/charlin_replay.py [--out DIR] [--variants words-A,char-B]
        [--sets dev3,dev4]    # train only these sets' classifiers (each set's probabilities are cached)

Why. The knn over char-grams (`charknn_replay.py`) carries embed6's neighbour gain but a neighbour search per message
does not fit the throughput target. These variants cost (almost) nothing at run time: the same one-vs-rest logistic
regression (`build_check_model.train`'s full-batch Adam, its settings), retrained per replayed set without the set's
annotator, on
- words-A: the char 1-4-grams plus rjieba word tokens (min count 2) of the normalised text, TRAIN_FILES;
- char-B: the char 1-4-grams alone, every readable development set (`charknn_replay.POOL_B`);
- words-B: both;
- mlp-A: char 1-4-grams, TRAIN_FILES, one hidden ReLU layer of HIDDEN units (`train_mlp`): is the knn's gain a
  non-linear reading of the grams that a lookup-priced model can learn?
each alone (its probabilities replace char-A's in the veto and the additions) and stacked with char-A
(`embed_replay.stacked`). Scored like every replay variant (`embed_replay.score_variant`, nested).
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import build_check_model as b  # noqa: E402
import charknn_replay as ck  # noqa: E402
import embed_replay as er  # noqa: E402

from xiezhi.collection.model import TEXT_CATEGORIES, grams  # noqa: E402
from xiezhi.collection.normalize import normalise  # noqa: E402


def features(text: str, words: bool) -> set[str]:
    out = set(grams(text))
    if words:
        import rjieba

        out.update("\x00w:" + w for w in rjieba.cut(text) if w.strip())
    return out


def _rows(feats: list[set[str]], params: b.Params) -> tuple[dict[str, int], list[np.ndarray]]:
    """The vocabulary (features on at least `params.min_count` lines) and each line's sorted feature indices."""
    counts = Counter(g for f in feats for g in f)
    vocab = {g: i for i, g in enumerate(sorted(g for g, c in counts.items() if c >= params.min_count))}
    return vocab, [np.array(sorted(vocab[g] for g in f if g in vocab), dtype=np.int64) for f in feats]


def train(feats: list[set[str]], labels: list[list[str]], params: b.Params = b.PARAMS
          ) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """`build_check_model.train` over given feature sets (its `design` and `fit_linear`: binary, scaled by
    1/sqrt(n), min count, Adam full batch)."""
    vocab, rows_f = _rows(feats, params)
    w, bias = b.fit_linear(b.design(rows_f, labels, len(vocab), params), params)
    return vocab, w, bias


#: Hidden units, steps, learning rate and seed of the `mlp` variant (set once, not tuned).
HIDDEN, MLP_STEPS, MLP_LR, MLP_SEED = 32, 200, 0.01, 0


def train_mlp(feats: list[set[str]], labels: list[list[str]], params: b.Params = b.PARAMS) -> tuple:
    """One hidden ReLU layer over the same binary gram features (scaled by 1/sqrt(n)): logits =
    relu(x W1 + b1) W2 + b2; positives weighted as the linear model, L2 on W1, full-batch Adam from a seeded start.
    At run time W1's rows would be gathered and summed per message exactly as the linear weights are now."""
    vocab, rows_f = _rows(feats, params)
    d = b.design(rows_f, labels, len(vocab), params)
    n, n_cat = d.n, len(TEXT_CATEGORIES)
    col, scale, has_row, row_seg = d.col, d.scale, d.has_row, d.row_seg
    col_ids, col_seg, row_by_col, y, sample_w = d.col_ids, d.col_seg, d.row_by_col, d.y, d.sample_w
    rng = np.random.default_rng(MLP_SEED)
    params_ = [(rng.standard_normal((len(vocab), HIDDEN)) * 0.1).astype(np.float32), np.zeros(HIDDEN, np.float32),
               (rng.standard_normal((HIDDEN, n_cat)) / np.sqrt(HIDDEN)).astype(np.float32), np.zeros(n_cat, np.float32)]
    mom = [np.zeros_like(x) for x in params_]
    var = [np.zeros_like(x) for x in params_]
    for step in range(1, MLP_STEPS + 1):
        w1, b1, w2, b2 = params_
        pre = np.zeros((n, HIDDEN), dtype=np.float32)
        pre[has_row] = np.add.reduceat(w1[col], row_seg, axis=0)
        pre = pre * scale[:, None] + b1
        h = np.maximum(pre, 0)
        p = 1.0 / (1.0 + np.exp(-(h @ w2 + b2)))
        err = (p - y) * sample_w / n
        g_w2, g_b2 = h.T @ err, err.sum(axis=0)
        d_pre = (err @ w2.T) * (pre > 0)
        g_b1 = d_pre.sum(axis=0)
        g_w1 = np.zeros_like(w1)
        g_w1[col_ids] = np.add.reduceat((d_pre * scale[:, None])[row_by_col], col_seg, axis=0)
        g_w1 += params.l2 * w1
        a = MLP_LR * np.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
        for i, g in enumerate((g_w1, g_b1, g_w2, g_b2)):
            mom[i] = 0.9 * mom[i] + 0.1 * g
            var[i] = 0.999 * var[i] + 0.001 * g * g
            params_[i] -= a * mom[i] / (np.sqrt(var[i]) + 1e-8)
    return ("mlp", vocab, *params_)


def predict(model: tuple, f: set[str]) -> np.ndarray:
    if model[0] == "mlp":
        _, vocab, w1, b1, w2, b2 = model
        idx = [vocab[g] for g in f if g in vocab]
        pre = w1[idx].sum(axis=0) / np.sqrt(len(idx)) + b1 if idx else b1
        return 1.0 / (1.0 + np.exp(-(np.maximum(pre, 0) @ w2 + b2).astype(np.float64)))
    return predict_linear(model, f)


def predict_linear(model: tuple[dict[str, int], np.ndarray, np.ndarray], f: set[str]) -> np.ndarray:
    vocab, w, bias = model
    idx = [vocab[g] for g in f if g in vocab]
    z = w[idx].sum(axis=0) / np.sqrt(len(idx)) + bias if idx else bias
    return 1.0 / (1.0 + np.exp(-z.astype(np.float64)))


def loao_probs(replay: list[dict], rows: list[dict], files: set[str], words: bool, cache: Path,
               only_sets: list[str] | None = None, mlp: bool = False) -> list[dict[str, float]] | None:
    """Per replayed set, the probabilities of a classifier trained without its annotator, each set's cached in
    `cache` (so that two processes can share the sets); None while some set is missing."""
    feats = {r["id"]: features(normalise(r["text"]).text, words) for r in rows}
    out: list[Any] = [None] * len(replay)
    by_set: dict[str, list[int]] = {}
    for i, r in enumerate(replay):
        by_set.setdefault(r["set"], []).append(i)
    trained: dict[tuple[str, ...], Any] = {}  # sets whose annotators are not in the pool share one training
    for name, idx in by_set.items():
        part = cache.with_name(f"{cache.name}-{name}.json")
        if part.exists():
            for i, p in zip(idx, json.loads(part.read_text()), strict=True):
                out[i] = p
            continue
        if only_sets is not None and name not in only_sets:
            continue
        letters = replay[idx[0]]["annotator"]
        train_rows = [r for r in rows if r["_file"] in files and r["id"][0] not in letters
                      and er.annotator(r["id"]) not in letters]
        key = tuple(r["id"] for r in train_rows)
        if key not in trained:
            trained[key] = (train_mlp if mlp else train)([feats[r["id"]] for r in train_rows],
                                                         [r["labels"] for r in train_rows])
        model = trained[key]
        for i in idx:
            p = predict(model, feats[replay[i]["id"]])
            out[i] = {c: round(float(x), 5) for c, x in zip(TEXT_CATEGORIES, p.tolist(), strict=True)}
        part.write_text(json.dumps([out[i] for i in idx]))
        print(f"  {name}: {len(train_rows)} lines", file=sys.stderr, flush=True)
    return None if any(p is None for p in out) else out


def main(argv: list[str]) -> int:
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path("/tmp/model8/results")
    out.mkdir(parents=True, exist_ok=True)
    only = argv[argv.index("--variants") + 1].split(",") if "--variants" in argv else ["char-A2", "words-A", "char-B"]
    with gzip.open(er.REPLAY, "rt", encoding="utf-8") as fh:
        replay = [json.loads(x) for x in fh if x.strip()]
    rows = [{**r, "_file": p.name} for p in ck.POOL_B for r in ck.load_rows((p,))]
    pools = {"A": {p.name for p in b.TRAIN_FILES}, "B": {p.name for p in ck.POOL_B}}
    char_a = [r["probs"] for r in replay]
    summary_path = out / "summary-lin.json"
    summary: dict[str, Any] = json.loads(summary_path.read_text()) if summary_path.exists() else {"variants": {}}
    for name in only:
        kind, pool = name.rsplit("-", 1)
        words = kind == "words"
        cache = out / f"probs-{name}.json.gz"
        if cache.exists():
            with gzip.open(cache, "rt") as fh:
                probs = json.load(fh)
        else:
            sets = argv[argv.index("--sets") + 1].split(",") if "--sets" in argv else None
            got = loao_probs(replay, rows, pools[pool[0]], words, out / "lin" / name, sets, kind == "mlp")
            if got is None:
                print(f"{name}: some sets still missing", flush=True)
                continue
            probs = got
            with gzip.open(cache, "wt") as fh:
                json.dump(probs, fh)
        if name == "char-A2":  # the reproduction check: the shipped replay's probs from this trainer
            diff = max(abs(p[c] - q[c]) for p, q in zip(probs, char_a, strict=True) for c in TEXT_CATEGORIES)
            print(f"char-A2 vs char-A: max |p - p'| = {diff:.5f}", flush=True)
            continue
        for vname, vp in ((name, probs), (f"stack-{name}", er.stacked(replay, char_a, probs))):
            rs = er.with_probs(replay, vp)
            res: dict[str, Any] = {"auc": er.ranking(rs)}
            for budget in er.BUDGETS:
                res[str(budget)] = s = er.score_variant(rs, budget)
                print(f"{vname:18s} budget {budget:.3f}: mean macro-F1 {s['mean_macro_f1']:.4f}, lawful FP "
                      f"{s['lawful_fp']} of {s['lawful']}", flush=True)
            summary["variants"][vname] = res
            summary_path.write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
