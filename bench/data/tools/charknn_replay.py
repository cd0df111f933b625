"""Model8 experiment: does the neighbour signal embed6 found come from meaning (USE) or from memory of similar lines?

    PYTHONPATH=src .venv/bin/python bench/data/tools/charknn_replay.py [--out DIR] [--variants a,b] [--sensitivity]
    PYTHONPATH=src .venv/bin/python bench/data/tools/charknn_replay.py --decompose cknn-B-bin   # veto vs additions

Why. embed6 (docs/check.md, "Sixth session: sentence embeddings") found one consistent gain on the replay: the
similarity-weighted labels of the 25 nearest development lines under a sentence encoder (USE), stacked with the
char-gram classifier's logits, +0.013 mean macro-F1 with fewer lawful FP; but USE costs ~3.8 ms a message. If the
same neighbours over the char-gram vectors themselves carry most of that gain, the step costs a sparse product
instead of an encoder. This tool keeps the replay's rule findings and char-A probabilities (the shipped replay) and
adds a knn probability from char 1-4-gram vectors of the normalised text, stacked with char-A exactly as embed6's
`stack-knn` (`embed_replay.stacked`: per category a 2-input logistic model over the two logits, fitted on the other
sets' replay lines), scored by `embed_replay.score_variant` (nested: limits chosen on the other 19 sets under the
lawful budget, `fast_choose`).

Neighbour vectors (per replayed set, from the pool WITHOUT the set's annotator, as embed6's pools): the distinct
1-4-grams of `normalise(text).text`, vocabulary = grams on >= 2 pool lines (the shipped model's min count), binary or
tf-idf (idf = ln((1 + N) / (1 + df)) + 1 over the pool), L2-normalised, cosine; a query keeps only vocabulary grams
(what a shipped artifact could look up). k = 25 and weight exp(20 (cos - 1)) as embed6 fixed them in advance.
Pools: A = TRAIN_FILES; B = every readable development set (dev..dev24, test..test4, and the newly readable test6,
dev27-dev29); never the yardstick sets (test5, dev25, dev26), the held-out split or the sealed sets.

Variants: cknn-{A,B}-{bin,tfidf} (knn alone) and stack-cknn-{A,B}-{bin,tfidf} (stacked with char-A); cknn-B-bin34
(3- and 4-grams only: the postings of 1- and 2-grams are what a neighbour search pays for); cknn-B0-bin (pool B without
the four newly readable sets).
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

import build_check_model as b  # noqa: E402
import embed_replay as er  # noqa: E402

from xiezhi.collection.model import TEXT_CATEGORIES, grams  # noqa: E402
from xiezhi.collection.normalize import normalise  # noqa: E402

DATA = ROOT / "bench" / "data"
#: Never read here: the yardstick nobody tuning has read, the held-out split and the sealed sets.
REFUSED = ("check_test5.jsonl", "check_dev25.jsonl", "check_dev26.jsonl", *b.HELD_OUT)
#: Every readable development set (seventh session): the pool of variant B.
POOL_B = (*b.TRAIN_FILES, *(DATA / f"check_dev{i}.jsonl" for i in range(12, 25)), DATA / "check_test4.jsonl",
          DATA / "check_test6.jsonl", *(DATA / f"check_dev{i}.jsonl" for i in (27, 28, 29)))
assert not {p.name for p in POOL_B} & set(REFUSED)
#: Newly readable at the start of the seventh session (pool B0 = B without them: what was readable before).
NEW_SETS = ("check_test6.jsonl", "check_dev27.jsonl", "check_dev28.jsonl", "check_dev29.jsonl")
K, SHARPNESS = 25, 20.0
#: The best cosine of each replayed line in the last `charknn_probs` call (for `--near`).
BEST: dict[str, float] = {}


def load_rows(paths: tuple[Path, ...]) -> list[dict]:
    rows: list[dict] = []
    for p in paths:
        if p.name in REFUSED:
            raise SystemExit(f"{p.name} is refused")
        rows.extend(json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip())
    return rows


class GramIndex:
    """Distinct 1-4-grams of every line (normalised text) as integer ids, with postings (the lines of each gram)."""

    def __init__(self, texts: list[str]) -> None:
        ids: dict[str, int] = {}
        per_line = []
        for t in texts:
            per_line.append(np.array(sorted({ids.setdefault(g, len(ids)) for g in grams(t)}), dtype=np.int64))
        self.n_grams = len(ids)
        self.length = np.array([len(g) for g in ids], dtype=np.int64)  # gram length of each id
        self.lines = per_line
        lens = np.array([len(x) for x in per_line], dtype=np.int64)
        self.indptr = np.concatenate(([0], np.cumsum(lens)))
        self.indices = np.concatenate(per_line) if per_line else np.zeros(0, dtype=np.int64)
        line_of = np.repeat(np.arange(len(texts)), lens)
        order = np.argsort(self.indices, kind="stable")
        self.post_lines = line_of[order]
        self.post_ptr = np.concatenate(([0], np.cumsum(np.bincount(self.indices, minlength=self.n_grams))))

    def weights(self, pool: np.ndarray, how: str, min_order: int = 1) -> np.ndarray:
        """Per gram weight over the pool lines (bool mask): 0 outside the vocabulary (df < 2) and for grams shorter
        than min_order."""
        df = np.bincount(self.indices[np.repeat(pool, np.diff(self.indptr))], minlength=self.n_grams)
        w = np.zeros(self.n_grams)
        ok = (df >= b.MIN_COUNT) & (self.length >= min_order)
        if how == "bin":
            w[ok] = 1.0
        else:
            n = int(pool.sum())
            w[ok] = np.log((1 + n) / (1 + df[ok])) + 1.0
        return w

    def similarities(self, queries: list[int], pool: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Cosine of each query line with every line (rows: queries; non-pool columns are -1)."""
        w2 = w * w
        norms = np.sqrt(np.add.reduceat(np.concatenate([w2[self.indices], [0.0]]), self.indptr[:-1]))
        norms[np.diff(self.indptr) == 0] = 0.0
        out = np.full((len(queries), len(self.lines)), -1.0)
        for qi, line in enumerate(queries):
            g = self.lines[line]
            g = g[w[g] > 0]
            if not len(g):
                continue
            starts, ends = self.post_ptr[g], self.post_ptr[g + 1]
            lens = ends - starts
            idx = np.concatenate([self.post_lines[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)])
            dots = np.bincount(idx, weights=np.repeat(w2[g], lens), minlength=len(self.lines))
            qn = np.sqrt(w2[g].sum())
            with np.errstate(divide="ignore", invalid="ignore"):
                sim = np.where(norms > 0, dots / (qn * norms), 0.0)
            out[qi] = np.where(pool, sim, -1.0)
        return out


def knn_from_sims(sim: np.ndarray, y: np.ndarray, k: int = K, sharpness: float = SHARPNESS,
                  near: float | None = None, prior: np.ndarray | None = None) -> np.ndarray:
    """embed_replay.knn_probs's rule on given similarities: weighted label share of the k nearest, in [0.01, 0.99].
    near: only neighbours above this cosine vote; a line with none gets `prior` (the pool's label shares)."""
    top = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    s = np.take_along_axis(sim, top, axis=1)
    wt = np.exp((s - 1.0) * sharpness)
    if near is not None:
        wt = np.where(s > near, wt, 0.0)
    tot = wt.sum(axis=1, keepdims=True)
    p = (wt[:, :, None] * y[top]).sum(axis=1) / np.maximum(tot, 1e-300)
    if near is not None and prior is not None:
        p = np.where(tot > 0, p, prior[None, :])
    return p * 0.98 + 0.01


def charknn_probs(replay: list[dict], rows: list[dict], index: GramIndex, pool_files: set[str], how: str,
                  min_order: int = 1, settings: tuple[tuple[float, ...], ...] = ((K, SHARPNESS),)
                  ) -> dict[tuple[float, ...], list[dict]]:
    """Each replay line's knn probabilities from the pool lines of `pool_files` not by its set's annotator."""
    pos = {r["id"]: i for i, r in enumerate(rows)}
    src = np.array([r["_file"] in pool_files for r in rows])
    ann = np.array([er.annotator(r["id"]) for r in rows])
    first = np.array([r["id"][0] for r in rows])
    y = np.array([[c in r["labels"] for c in TEXT_CATEGORIES] for r in rows], dtype=np.float64)
    out: dict[tuple[float, ...], list[Any]] = {s: [None] * len(replay) for s in settings}
    by_set: dict[str, list[int]] = {}
    for i, r in enumerate(replay):
        by_set.setdefault(r["set"], []).append(i)
    for name, idx in by_set.items():
        letters = replay[idx[0]]["annotator"]
        pool = src & ~np.isin(ann, list(letters)) & ~np.isin(first, list(letters))
        w = index.weights(pool, how, min_order)
        sim = index.similarities([pos[replay[i]["id"]] for i in idx], pool, w)
        for i, best in zip(idx, sim.max(axis=1).tolist(), strict=True):
            BEST[replay[i]["id"]] = best
        for s in settings:  # (k, sharpness) or (k, sharpness, near)
            p = knn_from_sims(sim, y, int(s[0]), s[1], s[2] if len(s) > 2 else None, y[pool].mean(axis=0))
            for i, row in zip(idx, p, strict=True):
                out[s][i] = {c: round(float(v), 5) for c, v in zip(TEXT_CATEGORIES, row.tolist(), strict=True)}
        print(f"  {name} ({how}, pool {int(pool.sum())})", file=sys.stderr, flush=True)
    return out


def decompose(replay: list[dict], knn: list[dict], budget: float = 0.005) -> dict[str, tuple[float, int]]:
    """The stacked probabilities in the additions only (the veto on char-A's) and in the veto only: which half of the
    stack gives the gain (the replay's `probs` drive both in `addition_limits.Replay`)."""
    import addition_limits as al

    stacked = er.stacked(replay, [r["probs"] for r in replay], knn)
    out = {}
    for name, veto_of, add_of in (("additions only", "char", "stack"), ("veto only", "stack", "char")):
        class Split(al.Replay):
            veto_key, add_key = "_" + veto_of, "_" + add_of

            def __init__(self, rows: list[dict], policy: Any = al.POLICY) -> None:
                super().__init__([{**r, "probs": r[self.veto_key]} for r in rows], policy)
                self.probs = np.array([[r[self.add_key][c] for c in TEXT_CATEGORIES] for r in rows])

        rows = [{**r, "_char": r["probs"], "_stack": p} for r, p in zip(replay, stacked, strict=True)]
        kept, al.Replay = al.Replay, Split
        try:
            sc = er.score_variant(rows, budget)
        finally:
            al.Replay = kept
        out[name] = (sc["mean_macro_f1"], sc["lawful_fp"])
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path("/tmp/model8/results")
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(er.REPLAY, "rt", encoding="utf-8") as fh:
        replay = [json.loads(x) for x in fh if x.strip()]
    if "--decompose" in argv:  # an already computed variant's knn probabilities
        with gzip.open(out / f"probs-{argv[argv.index('--decompose') + 1]}.json.gz", "rt") as fh:
            for name, (f1, fp) in decompose(replay, json.load(fh)).items():
                print(f"{name}: mean macro-F1 {f1:.4f}, lawful FP {fp}")
        return 0
    rows = []
    for p in POOL_B:
        for r in load_rows((p,)):
            rows.append({**r, "_file": p.name})
    assert len({r["id"] for r in rows}) == len(rows)
    index = GramIndex([normalise(r["text"]).text for r in rows])
    print(f"{len(rows)} pool lines, {index.n_grams} grams", file=sys.stderr, flush=True)
    char_a = [r["probs"] for r in replay]
    pools = {"A": {p.name for p in b.TRAIN_FILES}, "B": {p.name for p in POOL_B},
             "B0": {p.name for p in POOL_B} - set(NEW_SETS)}
    if "--sensitivity" in argv:
        settings = ((10, 20.0), (25, 20.0), (50, 20.0), (25, 10.0), (25, 40.0))
        for how in ("bin", "tfidf"):
            got = charknn_probs(replay, rows, index, pools["B"], how, 1, settings)
            for s, probs in got.items():
                st = er.stacked(replay, char_a, probs)
                sc = er.score_variant(er.with_probs(replay, st), 0.005)
                print(f"stack-cknn-B-{how} k={s[0]} sharpness={s[1]:g} budget 0.005: {sc['mean_macro_f1']:.4f} / "
                      f"{sc['lawful_fp']}", flush=True)
        return 0
    if "--near" in argv:  # only neighbours above a cosine vote: is the gain from near paraphrases?
        for near in (0.3, 0.4, 0.5, 0.6):
            got = charknn_probs(replay, rows, index, pools["B"], "bin", 1, ((K, SHARPNESS, near),))
            probs = next(iter(got.values()))
            sc = er.score_variant(er.with_probs(replay, er.stacked(replay, char_a, probs)), 0.005)
            has = sum(BEST[r["id"]] > near for r in replay)
            print(f"stack-cknn-B-bin, only neighbours above cos {near}: {sc['mean_macro_f1']:.4f} / {sc['lawful_fp']} "
                  f"({has} of {len(replay)} lines have one)", flush=True)
        return 0
    only = argv[argv.index("--variants") + 1].split(",") if "--variants" in argv else None
    summary_path = out / "summary.json"
    summary: dict[str, Any] = json.loads(summary_path.read_text()) if summary_path.exists() else {"variants": {}}
    variants: dict[str, list[dict]] = {"char-A": char_a}
    for pool_name, how, min_order in (("A", "bin", 1), ("A", "tfidf", 1), ("B", "bin", 1), ("B", "tfidf", 1),
                                      ("B", "bin", 3), ("B0", "bin", 1)):
        if True:
            name = f"cknn-{pool_name}-{how}" + (f"{min_order}4" if min_order > 1 else "")
            if only and name not in only and f"stack-{name}" not in only:
                continue
            cache = out / f"probs-{name}.json.gz"
            if cache.exists():
                with gzip.open(cache, "rt") as fh:
                    kn = json.load(fh)
            else:
                kn = charknn_probs(replay, rows, index, pools[pool_name], how, min_order)[(K, SHARPNESS)]
                with gzip.open(cache, "wt") as fh:
                    json.dump(kn, fh)
            variants[name] = kn
            variants[f"stack-{name}"] = er.stacked(replay, char_a, kn)
    for name, probs in variants.items():
        if only and name not in only:
            continue
        rs = er.with_probs(replay, probs)
        res: dict[str, Any] = {"auc": er.ranking(rs)}
        for budget in er.BUDGETS:
            res[str(budget)] = s = er.score_variant(rs, budget)
            print(f"{name:18s} budget {budget:.3f}: mean macro-F1 {s['mean_macro_f1']:.4f}, lawful FP "
                  f"{s['lawful_fp']} of {s['lawful']}; " + ", ".join(f"{c[:8]} {s['f1'][c]:.3f}"
                                                                      for c in er.RECALL_CATEGORIES), flush=True)
        summary["variants"][name] = res
        summary_path.write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
