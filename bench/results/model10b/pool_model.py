"""Model10b: the shipped linear classifier (char 1-4 grams, `build_check_model.train` with PARAMS) trained on every
readable development set (POOL) instead of TRAIN_FILES, written with the SHIPPED addition limits to a directory
outside the tree, for an A/B through the real engine (bench/results/model10/real_engine.py's swap, linear allowed).

    PYTHONPATH=src .venv/bin/python bench/results/model10b/pool_model.py --write /tmp/model10b/charBp
    PYTHONPATH=src .venv/bin/python bench/results/model10b/pool_model.py --eval /tmp/model10b/charBp check_test7.jsonl ...

The eleven fresh sets (six readable, five yardstick) and the four sealed sets are excluded from the pool.
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

import build_check_model as b  # noqa: E402

DATA = ROOT / "bench" / "data"
#: Scored on, never trained on: the six readable fresh sets and the five yardstick sets.
FRESH = ("check_test7.jsonl", "check_dev30.jsonl", "check_dev31.jsonl", "check_test8.jsonl", "check_dev32.jsonl",
         "check_dev33.jsonl", "check_test5.jsonl", "check_dev25.jsonl", "check_dev26.jsonl", "check_dev34.jsonl",
         "check_dev35.jsonl")
POOL = (*b.TRAIN_FILES, *(DATA / f"check_dev{i}.jsonl" for i in range(12, 25)), DATA / "check_test4.jsonl",
        *(DATA / f"check_dev{i}.jsonl" for i in range(27, 30)), DATA / "check_test6.jsonl")
assert not {p.name for p in POOL} & (set(FRESH) | set(b.HELD_OUT))


def write(out: Path) -> None:
    shipped = json.loads((b.OUT / "model.json").read_text(encoding="utf-8"))
    rows = b.load(POOL)
    model = b.train(rows)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "weights.npy", model.weights.astype(np.float16))
    meta = {
        "description": "model10b: shipped linear settings trained on POOL, shipped addition limits",
        "trained_on": [str(p.relative_to(ROOT)) for p in POOL],
        "trained_on_sha256": [hashlib.sha256(p.read_bytes()).hexdigest() for p in POOL],
        "examples": len(rows), "epochs": b.PARAMS.epochs, "l2": b.PARAMS.l2, "min_count": b.PARAMS.min_count,
        "threshold": shipped["threshold"], "thresholds": shipped["thresholds"],
        "categories": list(model.categories), "bias": [round(float(x), 6) for x in model.bias],
        "vocab": sorted(model.vocab, key=model.vocab.__getitem__),
    }
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(rows)} lines, {len(model.vocab)} features; wrote {out}")


def evaluate(directory: str, sets: list[str]) -> int:
    import eval_check_splits

    import xiezhi.collection.model as mm

    if directory != "shipped":
        mm.MODEL_DIR = Path(directory)
        assert mm.load_model() is not None
    return eval_check_splits.main([*sets, "--summary"])


if __name__ == "__main__":
    if sys.argv[1] == "--write":
        write(Path(sys.argv[2]))
    else:
        sys.exit(evaluate(sys.argv[2], sys.argv[3:]))
