"""Model9: instructions per message of the shipped chunked path (`batch.process_lines`) with a given classifier
artifact, under callgrind (the round-5 harness: 3,000 of the speed bench's 100-character messages after a 500-line
warm-up, instrumentation switched on after it and off by `os._exit`).

    PYTHONPATH=src .venv/bin/python bench/data/tools/mlp_cost.py --write /tmp/model9/m16 /tmp/model9/results/models/mlp16s0-A.npz
    PYTHONPATH=src valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/model9/cg16.out \\
        .venv/bin/python bench/data/tools/mlp_cost.py --cg /tmp/model9/m16      # Ir in the out file's "totals"
    ... --cg src/xiezhi/data/collection/model                                 # the shipped linear model

`--write` turns a model saved by `mlp_replay.py` (the variant trained on TRAIN_FILES) into an artifact directory
like the shipped one (float16 first layer, the head in model.json), with the limits chosen on that variant's replay
(`embed_replay.fast_choose` at the shipped budget) when its replay probabilities are cached, else the shipped limits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[2]
sys.path.insert(0, str(ROOT / "src"))
N, WARM = 3000, 500


def write(out: Path, npz: Path) -> None:
    sys.path.insert(0, str(TOOLS))
    import mlp_replay as mr

    from xiezhi.collection.model import TEXT_CATEGORIES, load_model

    z = np.load(npz)
    name = npz.stem
    limits = load_model().thresholds
    res = npz.parent.parent
    probs_parts = sorted((res / "lin").glob(f"{name}-*.json"))
    if len([p for p in probs_parts if not p.name.endswith("-new.json")]) == 20:
        data = mr.Data.__new__(mr.Data)
        import gzip

        with gzip.open(mr.er.REPLAY, "rt", encoding="utf-8") as fh:
            data.replay = [json.loads(x) for x in fh if x.strip()]
        probs = mr.replay_probs(data, name, res, [])
        assert probs is not None
        limits = mr.er.fast_choose(mr.al.Replay(mr.er.with_probs(data.replay, probs)), mr.BUDGET)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "weights.npy", z["w1"].astype(np.float16))
    meta = {"categories": list(TEXT_CATEGORIES), "vocab": z["vocab"].tolist(),
            "bias": [round(float(x), 6) for x in z["b1"]], "threshold": min(limits.values()), "thresholds": limits,
            "head": [[round(float(x), 6) for x in r] for r in z["w2"]], "head_bias": [round(float(x), 6) for x in z["b2"]]}
    (out / "model.json").write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}: limits {limits}")


def run(model_dir: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import xiezhi.collection.model as mm
    from bench_check import messages_100
    from xiezhi.collection.batch import CHUNK, process_lines

    mm.MODEL_DIR = model_dir
    msgs = messages_100(WARM + N)
    lines = [json.dumps({"id": f"m{i}", "text": m}, ensure_ascii=False) for i, m in enumerate(msgs)]
    process_lines(lines[:WARM], 1, False)
    assert mm.load_model() is not None and mm.load_model().weights.shape[0] > 0
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=False, capture_output=True)
    for k in range(WARM, len(lines), CHUNK):
        process_lines(lines[k:k + CHUNK], k + 1, False)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    if sys.argv[1] == "--write":
        write(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        run(Path(sys.argv[2]))
