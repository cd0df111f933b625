"""Model11: the shipped linear classifier trained on a larger pool of annotators, with addition limits fitted to IT.

    PYTHONPATH=src .venv/bin/python bench/results/model11/pool_replay.py --replay eval /tmp/model11/eval 0   # and 1 beside it
    PYTHONPATH=src .venv/bin/python bench/results/model11/pool_replay.py --replay ship /tmp/model11/ship 0   # and 1
    PYTHONPATH=src .venv/bin/python bench/results/model11/pool_replay.py --limits eval /tmp/model11/eval
    PYTHONPATH=src .venv/bin/python bench/results/model11/pool_replay.py --write eval /tmp/model11/eval --from /tmp/model10b/charBp
    PYTHONPATH=src .venv/bin/python bench/results/model11/pool_replay.py --write ship /tmp/model11/ship  # -> ship/artifact
    PYTHONPATH=src .venv/bin/python bench/results/model11/pool_replay.py --commit-replay /tmp/model11/ship
    PYTHONPATH=src .venv/bin/python bench/results/model11/pool_replay.py --eval /tmp/model11/eval/artifact check_test7.jsonl ...

Why. model10b scored the pool-trained model at char-A's limits, chosen on a replay of TRAIN_FILES-trained classifiers.
Here the limits come from the pool model's own replay: the committed replay's first-look rule findings (20 sets,
unchanged) with the probabilities replaced by those of classifiers trained (`build_check_model.train`, PARAMS) on the
pool without the replayed set's annotator, then `addition_limits.choose` at `build_check_model.ADDITION_BUDGET`.

Folds: by annotator, but GROUPED (`replay_rules.fold_letters(REPLAY_FOLDS)`: the 20 replayed annotators dealt in
turn into REPLAY_FOLDS = 2 groups; each group's lines are scored by one classifier trained on the pool without any of
the group's annotators), so that a replay is two trainings instead of 20. Five groups were planned; on this shared
host (load 10 on 2 cores, each training 25+ min wall) two was what fitted the session. Each classifier sees ~70 % of
the pool (6,400-6,700 of 9,435 lines for "eval") instead of ~95 %: its probabilities are less confident than the
final model's, which biases the chosen limits (documented with the figures in docs/check.md).

Pools: "eval" = every readable check_*.jsonl except the five yardstick sets and the nine fresh sets scored in step 3
(= model10b's POOL, 9,435 lines); "ship" = every readable set except the five yardstick sets (the candidate).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench" / "data" / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import addition_limits as al  # noqa: E402
import build_check_model as b  # noqa: E402
import replay_rules as rr  # noqa: E402

from xiezhi.collection.model import TEXT_CATEGORIES, Model  # noqa: E402

DATA = ROOT / "bench" / "data"
#: The yardstick (summary only, never trained on).
YARDSTICK = ("check_test5.jsonl", "check_dev25.jsonl", "check_dev26.jsonl", "check_dev34.jsonl", "check_dev35.jsonl")
#: Scored in step 3, trained on only by the "ship" pool.
FRESH = ("check_test7.jsonl", "check_dev30.jsonl", "check_dev31.jsonl", "check_test8.jsonl", "check_dev32.jsonl",
         "check_dev33.jsonl", "check_test9.jsonl", "check_dev36.jsonl", "check_dev37.jsonl")
REPLAY_FOLDS = 2


#: The fourteen files of char-A (TRAIN_FILES before model11), first in every pool.
FIRST = tuple(DATA / f"check_{n}.jsonl" for n in ("dev", "dev2", "test", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8",
                                                 "dev9", "dev10", "dev11", "test2", "test3"))


def readable() -> tuple[Path, ...]:
    """Every labelled check set this tree may read but the yardstick, FIRST first (then by file name)."""
    rest = sorted((p for p in DATA.glob("check_*.jsonl")
                   if p not in FIRST and p.name not in b.HELD_OUT and p.name not in YARDSTICK),
                  key=lambda p: p.name)
    return (*FIRST, *rest)


#: "eval" holds the same files as model10b's POOL (char-B'), in this order.
POOLS = {"eval": tuple(p for p in readable() if p.name not in FRESH), "ship": readable()}


def replay(pool: str, out: Path, folds: list[int]) -> None:
    """Writes out/fold-K.jsonl (id -> probabilities) for the folds given."""
    rows = b.load(POOLS[pool])
    (out / "cache").mkdir(parents=True, exist_ok=True)
    groups = rr.fold_letters(REPLAY_FOLDS)
    for k in folds:
        letters, names = groups[k]
        lines = [r for n in names for r in rr.read_set(n)]
        probs = rr.loao_probs(letters, rows, lines, out / "cache")
        with open(out / f"fold-{k}.jsonl", "w", encoding="utf-8") as fh:
            for r, p in zip(lines, probs, strict=True):
                fh.write(json.dumps({"id": r["id"], "probs": p}) + "\n")
        print(f"{pool} fold {k} ({','.join(names)}): {len(lines)} lines", flush=True)


def pool_replay(out: Path) -> list[dict]:
    """The committed replay with the probabilities of out/fold-*.jsonl."""
    probs = {}
    for k in range(REPLAY_FOLDS):
        for x in (out / f"fold-{k}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(x)
            probs[d["id"]] = d["probs"]
    rows = b.read_replay()
    return [{**r, "probs": probs[r["id"]]} for r in rows]


def limits(out: Path) -> dict[str, float]:
    rows = pool_replay(out)
    rp = al.Replay(rows)
    print(f"replay of the pool model ({len(rows)} lines), budget {b.ADDITION_BUDGET}; reference = shipped limits")
    return al.report(rp, b.ADDITION_BUDGET, al.shipped_limits())


def write(pool: str, out: Path, src: Path | None = None) -> None:
    """Trains on the pool and writes out/artifact with the limits chosen on the pool model's replay. src: take the
    weights of an artifact trained on the same files instead (`--from`; for "eval", model10b's char-B', the same 32
    files in model10b's order, which saves a 5-10 min training on this shared host)."""
    thresholds = al.choose(al.Replay(pool_replay(out)), b.ADDITION_BUDGET)
    paths = POOLS[pool]
    rows = b.load(paths)
    if src is None:
        model = b.train(rows)
    else:  # weights already trained on the same files (model10b's char-B': "eval" in another order)
        done = json.loads((src / "model.json").read_text(encoding="utf-8"))
        assert sorted(zip(done["trained_on"], done["trained_on_sha256"], strict=True)) == sorted(
            (str(p.relative_to(ROOT)), hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths)
        paths = tuple(ROOT / x for x in done["trained_on"])
        model = Model({g: i for i, g in enumerate(done["vocab"])}, TEXT_CATEGORIES,
                      np.load(src / "weights.npy").astype(np.float32), np.array(done["bias"], dtype=np.float32), 0.5)
    art = out / "artifact"
    art.mkdir(parents=True, exist_ok=True)
    np.save(art / "weights.npy", model.weights.astype(np.float16))
    meta = {
        "description": f"model11: shipped linear settings trained on pool {pool}, limits from its own replay",
        "trained_on": [str(p.relative_to(ROOT)) for p in paths],
        "trained_on_sha256": [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths],
        "examples": len(rows), "epochs": b.PARAMS.epochs, "l2": b.PARAMS.l2, "min_count": b.PARAMS.min_count,
        "threshold": min(thresholds.values()), "thresholds": thresholds,
        "categories": list(model.categories), "bias": [round(float(x), 6) for x in model.bias],
        "vocab": sorted(model.vocab, key=model.vocab.__getitem__),
    }
    (art / "model.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(rows)} lines, {len(model.vocab)} features, limits {thresholds}; wrote {art}")


def evaluate(directory: str, sets: list[str]) -> int:
    """The real engine of this tree with another artifact directory (summary figures only)."""
    import eval_check_splits

    import xiezhi.collection.model as mm

    if directory != "shipped":
        mm.MODEL_DIR = Path(directory)
        assert mm.load_model() is not None
    return eval_check_splits.main([*sets, "--summary"])


def main(argv: list[str]) -> int:
    if argv[0] == "--replay":
        replay(argv[1], Path(argv[2]), [int(x) for x in argv[3].split(",")])
    elif argv[0] == "--limits":
        print(json.dumps(limits(Path(argv[2]))))
    elif argv[0] == "--write":
        write(argv[1], Path(argv[2]), Path(argv[argv.index("--from") + 1]) if "--from" in argv else None)
    elif argv[0] == "--commit-replay":  # the candidate: this pool's replay becomes the committed one
        b.write_replay(pool_replay(Path(argv[1])))
    elif argv[0] == "--eval":
        return evaluate(argv[1], argv[2:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
