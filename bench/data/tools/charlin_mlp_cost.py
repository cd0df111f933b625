"""Model8: the chunk pass's CPU a message with the shipped 10 weight columns against an MLP's H hidden columns (+ ReLU
and the H x 10 product), random weights over the shipped vocabulary, interleaved, on the speed bench's messages.

    PYTHONPATH=src .venv/bin/python bench/data/tools/charlin_mlp_cost.py
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import numpy as np

from bench_check import messages_100
from xiezhi.collection.model import Model, chunk_features, load_model
from xiezhi.collection.normalize import normalise

m = load_model()
assert m is not None
msgs = [normalise(t).text for t in messages_100(4000)]
rng = np.random.default_rng(0)
models = {10: m}
for h in (16, 32):
    models[h] = Model(m.vocab, tuple(f"h{i}" for i in range(h)), rng.standard_normal((len(m.keys), h)).astype(np.float32),
                      np.zeros(h, np.float32), 0.5, {}, m.keys, m.rows)
w2 = {h: rng.standard_normal((h, 10)).astype(np.float32) for h in (16, 32)}
for mm in models.values():
    chunk_features(mm, msgs[:128])
res = {h: [] for h in models}
for _ in range(5):
    for h, mm in models.items():
        c0 = time.process_time()
        for k in range(0, len(msgs), 128):
            z = chunk_features(mm, msgs[k:k + 128]).logits
            if h != 10:
                z = np.maximum(z, 0) @ w2[h]
        res[h].append(time.process_time() - c0)
for h, ts in res.items():
    print(f"{h} columns: {np.median(ts) / len(msgs) * 1e6:.1f} us per message")
