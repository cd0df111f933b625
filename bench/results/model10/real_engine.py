"""Model10: the real engine (`eval_check_splits.py --summary`) with another classifier artifact directory, for an
A/B of the shipped model against an MLP artifact written by `mlp_cost.py --write` (nothing is installed or copied).

    PYTHONPATH=src .venv/bin/python bench/results/model10/real_engine.py /tmp/model10/m32s0 check_test7.jsonl ...
    PYTHONPATH=src .venv/bin/python bench/results/model10/real_engine.py shipped check_test7.jsonl ...
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench" / "data" / "tools"))

import eval_check_splits  # noqa: E402

import xiezhi.collection.model as mm  # noqa: E402

if __name__ == "__main__":
    if sys.argv[1] != "shipped":
        mm.MODEL_DIR = Path(sys.argv[1])
        model = mm.load_model()
        assert model is not None and model.head is not None, "not an MLP artifact"
    sys.exit(eval_check_splits.main([*sys.argv[2:], "--summary"]))
