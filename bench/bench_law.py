"""Foundation figures: whole-process `xiezhi law show 民法典 680` and in-process corpus load time.

Targets (issue 2): whole process <= 0.3 s (median of 5), corpus load from cache <= 50 ms.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import median, write_result

XIEZHI = str(Path(sys.executable).with_name("xiezhi"))


def whole_process(runs: int = 5) -> list[float]:
    subprocess.run([XIEZHI, "law", "show", "民法典", "680"], check=True, capture_output=True)  # warm the cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([XIEZHI, "law", "show", "民法典", "680"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def in_process_load(runs: int = 7) -> tuple[list[float], list[float], float]:
    """Load time from the on-disk cache (hash the data, read the pickle), in a fresh interpreter each time."""
    code = (
        "import time;t0=time.perf_counter();from xiezhi.law import load_corpus;t=time.perf_counter();"
        "c=load_corpus();e=time.perf_counter();print(e-t, e-t0)"
    )
    cold_code = code.replace("load_corpus();", "load_corpus(use_cache=False);")

    def once(src: str) -> tuple[float, float]:
        out = subprocess.run([sys.executable, "-c", src], check=True, capture_output=True, text=True).stdout.split()
        return float(out[0]), float(out[1])

    once(code)  # write the cache
    pairs = [once(code) for _ in range(runs)]
    return [p[0] for p in pairs], [p[1] for p in pairs], once(cold_code)[0]


def main() -> None:
    cache = tempfile.mkdtemp(prefix="xiezhi-bench-cache-")
    os.environ["XIEZHI_CACHE_DIR"] = cache
    try:
        wp = whole_process()
        load, with_import, cold = in_process_load()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    result = {
        "command": "make bench (python bench/bench_law.py)",
        "law_show_whole_process_s": {"median": round(median(wp), 4), "runs": [round(x, 4) for x in wp],
                                     "target": 0.3, "pass": median(wp) <= 0.3},
        "corpus_load_cached_ms": {"median": round(median(load) * 1000, 2), "runs": [round(x * 1000, 2) for x in load],
                                  "target": 50, "pass": median(load) * 1000 <= 50},
        "corpus_import_and_load_cached_ms": round(median(with_import) * 1000, 2),
        "corpus_parse_uncached_ms": round(cold * 1000, 1),
    }
    write_result("law", result)
    print(f"xiezhi law show 民法典 680 (whole process, median of 5): {median(wp):.3f} s  (target <= 0.3 s)")
    print(f"corpus load from cache (in process, median of 7):     {median(load) * 1000:.1f} ms (target <= 50 ms)")
    print(f"  same, including `import xiezhi.law`:                 {median(with_import) * 1000:.1f} ms")
    print(f"corpus parse without cache (in process):               {cold * 1000:.0f} ms")


if __name__ == "__main__":
    main()
