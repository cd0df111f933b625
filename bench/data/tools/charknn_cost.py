"""Model8: what a char-gram knn step would cost per message, beside the shipped path, on the speed bench's messages.

    PYTHONPATH=src .venv/bin/python bench/data/tools/charknn_cost.py [--rounds 3]
    PYTHONPATH=src .venv/bin/python bench/data/tools/charknn_cost.py --gate   # how many messages could skip it

The step as it would run in the chunked path: the block's (message, vocabulary row) pairs are what
`model.chunk_features` already found (the shipped model's vocabulary: no second lookup), the neighbour pool (pool B,
~9,400 lines) is stored as postings per vocabulary row, and per block of `fast.BLOCK` messages the overlaps are one
bincount over (message, pool line), the cosines a division, the 25 nearest an argpartition and the label shares a
weighted sum. Variants: every gram order (cknn-B-bin) and 3- and 4-grams only (cknn-B-bin34, shorter postings).

The shipped path is `batch.process_lines` (what `bench_check.py --speed-only` calls "throughput_chunked"), timed on
the same messages in the same process, interleaved with the knn rounds (process CPU time; the machine is shared).
`--gate`: how many messages could skip the step (see `gate`).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import charknn_replay as ck  # noqa: E402

from bench_check import messages_100  # noqa: E402
from xiezhi.collection.batch import CHUNK, process_lines  # noqa: E402
from xiezhi.collection.fast import BLOCK  # noqa: E402
from xiezhi.collection.model import TEXT_CATEGORIES, chunk_features, load_model  # noqa: E402
from xiezhi.collection.normalize import normalise  # noqa: E402


class Pool:
    """Pool lines as postings over the shipped model's vocabulary rows (grams of at least `min_order` characters)."""

    def __init__(self, rows: list[dict], min_order: int) -> None:
        m = load_model()
        assert m is not None
        self.model = m
        vocab_len = np.zeros(len(m.keys), dtype=np.int64)
        for g, r in m.vocab.items():
            vocab_len[r] = len(g)
        self.keep_row = vocab_len >= min_order
        lines = []
        for r in rows:
            idx = np.unique(m.indices(normalise(r["text"]).text))
            lines.append(idx[self.keep_row[idx]])
        self.n = len(lines)
        lens = np.array([len(x) for x in lines], dtype=np.int64)
        col = np.concatenate(lines)
        order = np.argsort(col, kind="stable")
        self.post = np.repeat(np.arange(self.n), lens)[order].astype(np.int64)
        self.ptr = np.concatenate(([0], np.cumsum(np.bincount(col, minlength=len(m.keys)))))
        self.norm = np.sqrt(np.maximum(lens, 1).astype(np.float64))
        self.y = np.array([[c in r["labels"] for c in TEXT_CATEGORIES] for r in rows], dtype=np.float64)
        self.postings = len(self.post)

    def knn(self, texts: list[str], k: int = ck.K, sharpness: float = ck.SHARPNESS) -> tuple[np.ndarray, int]:
        """Knn probabilities of a block (and the postings read)."""
        vocab = len(self.model.keys)
        ch = chunk_features(self.model, texts)
        n = len(texts)
        pair = np.unique(ch._who * vocab + ch._rows)
        who, r = pair // vocab, pair % vocab
        ok = self.keep_row[r]
        who, r = who[ok], r[ok]
        qlen = np.bincount(who, minlength=n)
        s, ln = self.ptr[r], self.ptr[r + 1] - self.ptr[r]
        tot = int(ln.sum())
        idx = np.repeat(s - (np.cumsum(ln) - ln), ln) + np.arange(tot)
        dots = np.bincount(np.repeat(who, ln) * self.n + self.post[idx], minlength=n * self.n).reshape(n, self.n)
        sim = dots / (np.sqrt(np.maximum(qlen, 1))[:, None] * self.norm[None, :])
        top = np.argpartition(-sim, k, axis=1)[:, :k]
        w = np.exp((np.take_along_axis(sim, top, axis=1) - 1.0) * sharpness)
        return (w[:, :, None] * self.y[top]).sum(axis=1) / w.sum(axis=1, keepdims=True) * 0.98 + 0.01, tot


def gate(name: str = "cknn-B-bin", results: Path = Path("/tmp/model8/results"), n: int = 1000) -> None:
    """Share of messages whose decision the neighbours could change, from char-A's logit alone: the stacked logit is
    a z_char + b z_knn + c (the stacker fitted on the whole replay) with z_knn within the logits of [0.01, 0.99], so
    a message needs the step when some category not found by the rules straddles its addition limit, or some category
    the rules found straddles its veto threshold, over that range (an upper bound: eligibility not checked)."""
    import gzip

    import addition_limits as al
    import charknn_new_sets as cn
    import embed_replay as er

    from xiezhi.collection import analyze
    from xiezhi.collection.corroborate import POLICY

    with gzip.open(er.REPLAY, "rt", encoding="utf-8") as fh:
        replay = [json.loads(x) for x in fh if x.strip()]
    with gzip.open(results / f"probs-{name}.json.gz", "rt") as fh:
        knn = json.load(fh)
    models = cn.fit_stacker(replay, knn)
    lim = er.fast_choose(al.Replay(er.with_probs(replay, er.stacked(replay, [r["probs"] for r in replay], knn))), 0.005)
    a = np.array([w[0, 0] / sd[0] for w, _, _, sd in models])
    b = np.array([w[1, 0] / sd[1] for w, _, _, sd in models])
    c = np.array([bias[0] - w[0, 0] * mu[0] / sd[0] - w[1, 0] * mu[1] / sd[1] for w, bias, mu, sd in models])
    for cat, x, y, z in zip(TEXT_CATEGORIES, a, b, c, strict=True):
        print(f"  stacker {cat:20s} a {x:.2f} b {y:.2f} c {z:.2f}")

    def logit(p: float) -> float:
        return float(np.log(p / (1 - p)))

    add_at = np.array([logit(lim[cat]) for cat in TEXT_CATEGORIES])
    veto_at = np.array([logit(POLICY.threshold(cat, True)) for cat in TEXT_CATEGORIES])
    lo, hi = logit(0.01), logit(0.99)
    m = load_model()
    assert m is not None
    need_add = need_veto = need = 0
    for t in messages_100(n):
        z = np.asarray(m.logits(normalise(t).text), dtype=np.float64)
        s1, s2 = a * z + c + np.minimum(b * lo, b * hi), a * z + c + np.maximum(b * lo, b * hi)
        found = {f.category for f in analyze(t, model=False).findings}
        x = any(s1[j] < add_at[j] <= s2[j] and cat not in found for j, cat in enumerate(TEXT_CATEGORIES))
        y = any(s1[j] < veto_at[j] <= s2[j] and cat in found for j, cat in enumerate(TEXT_CATEGORIES))
        need_add, need_veto, need = need_add + x, need_veto + y, need + (x or y)
    print(f"{name}: the step can change the decision of {need / n:.0%} of the speed bench's messages "
          f"(additions {need_add / n:.0%}, veto {need_veto / n:.0%})")


def main(argv: list[str]) -> int:
    if "--gate" in argv:
        gate()
        return 0
    rounds = int(argv[argv.index("--rounds") + 1]) if "--rounds" in argv else 3
    rows = ck.load_rows(ck.POOL_B)
    msgs = messages_100(2000)
    norm = [normalise(t).text for t in msgs]
    lines = [json.dumps({"id": f"m{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(msgs)]
    pools = {"cknn-B-bin": Pool(rows, 1), "cknn-B-bin34": Pool(rows, 3)}
    process_lines(lines[:CHUNK], 1, False)
    cpu: dict[str, list[float]] = {"shipped path": [], **{k: [] for k in pools}}
    read: dict[str, int] = {}
    for _ in range(rounds):
        c0 = time.process_time()
        for k in range(0, len(lines), CHUNK):
            process_lines(lines[k:k + CHUNK], k + 1, False)
        cpu["shipped path"].append(time.process_time() - c0)
        for name, pool in pools.items():
            c0 = time.process_time()
            tot = 0
            for k in range(0, len(norm), BLOCK):
                tot += pool.knn(norm[k:k + BLOCK])[1]
            cpu[name].append(time.process_time() - c0)
            read[name] = tot
    base = float(np.median(cpu["shipped path"]))
    for name, ts in cpu.items():
        t = float(np.median(ts))
        extra = f", {read[name] / len(msgs):.0f} postings a message, {pools[name].postings} stored" if name in read \
            else ""
        print(f"{name:14s} {t / len(msgs) * 1e6:8.1f} us CPU a message ({t / base:.2f}x the shipped path){extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
