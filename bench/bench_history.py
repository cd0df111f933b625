"""A whole phone's SMS history (20 MB SMS Backup & Restore XML, ~59,000 messages): time to read and analyse it and
the size of the report as the API (`model_dump_json`) and `xiezhi check --file … --json` write it.

The backup is synthetic and reproducible (seed 7): collectors' templates with varying names and amounts, lenders'
notices, verification codes and family chat, over 300 days from six numbers - the file the ninth and tenth sessions'
QA measured (qa10 wrote it as /tmp/qa10/sms20.xml; `--write PATH` writes the same bytes).

    python bench/bench_history.py                 # generate in a temporary directory, measure, write results/history.json
    python bench/bench_history.py --file my.xml   # measure another history file
    python bench/bench_history.py --write sms20.xml   # only write the synthetic backup
"""

from __future__ import annotations

import argparse
import hashlib
import html
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import write_result

TEMPLATES = [
    "【{p}】尊敬的{n}，您的借款{a}元已逾期{d}天，请于今日{h}点前还款，否则将按合同约定处理。",
    "{n}你好，你在{p}的欠款{a}元再不还，我们就联系你的紧急联系人和单位同事。",
    "【{p}】您的账单{a}元已逾期，请尽快还款，以免影响个人征信。退订回T",
    "再不还钱就去你家堵门，{n}你自己看着办",
    "验证码{c}，5分钟内有效，请勿泄露。【{p}】",
    "妈，我晚上回来吃饭",
    "{n}，明天{h}点前不处理，我们将上门走访，请配合。",
    "【{p}】您本月应还{a}元，还款日{d}日，请保持账户余额充足。",
    "你再不还{a}，我们就把你的欠款信息发到你们公司群里，让所有人都知道你是老赖",
    "好的，收到",
    "【{p}】尊敬的客户，您已逾期{d}天，逾期将产生罚息，请登录APP还款。",
    "我们已经准备起诉你了，法院传票马上下来，到时候拘留你别怪我们没提醒",
]
PLATFORMS = ["安心借", "速贷宝", "招联金融", "马上消费", "360借条", "平安普惠"]
NAMES = ["张三", "李四", "王五", "赵六", "刘先生", "陈女士"]
ADDRESSES = ["10690000123", "95188", "13800138000", "17012345678", "妈妈", "10655012345"]


def synthetic_backup(size: int = 20_000_000, seed: int = 7) -> str:
    """The text of an SMS Backup & Restore XML of about `size` bytes (2026-01-01 plus up to 300 days)."""
    rnd = random.Random(seed)
    base = 1767225600000  # 2026-01-01 00:00 UTC, in milliseconds
    out = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", '<smses count="0">']
    total = 0
    while total < size:
        body = rnd.choice(TEMPLATES).format(p=rnd.choice(PLATFORMS), n=rnd.choice(NAMES), a=rnd.randint(500, 30000),
                                            d=rnd.randint(1, 90), h=rnd.randint(8, 22), c=rnd.randint(100000, 999999))
        ts = base + rnd.randint(0, 300 * 86400) * 1000
        addr = rnd.choice(ADDRESSES)
        kind = rnd.choice("1111112")
        line = (f'  <sms protocol="0" address="{addr}" date="{ts}" type="{kind}" subject="null" '
                f'body="{html.escape(body, quote=True)}" toa="null" sc_toa="null" service_center="null" read="1" '
                f'status="-1" locked="0" date_sent="{ts}" sub_id="1" readable_date="" contact_name="(Unknown)" />')
        out.append(line)
        total += len(line.encode()) + 1
    out.append("</smses>")
    return "\n".join(out) + "\n"


def measure(path: Path) -> dict:
    from xiezhi.cli.common import dumps
    from xiezhi.collection import analyze, analyze_history
    from xiezhi.history import read_history

    analyze("预热：再不还钱就去你家堵门")  # load the rules and the model outside the timings
    c0, t0 = time.process_time(), time.perf_counter()
    imp = read_history(path)
    t1 = time.perf_counter()
    report = analyze_history(imp)
    t2, c2 = time.perf_counter(), time.process_time()
    api = report.model_dump_json().encode()
    t3 = time.perf_counter()
    cli = (dumps(report) + "\n").encode()
    t4 = time.perf_counter()
    return {
        "file_bytes": path.stat().st_size, "records": report.records, "findings": len(report.findings),
        "labels": report.labels, "read_s": round(t1 - t0, 2), "analyze_s": round(t2 - t1, 2),
        "read_analyze_cpu_s": round(c2 - c0, 2), "api_json_bytes": len(api), "api_json_s": round(t3 - t2, 2),
        "api_json_sha256": hashlib.sha256(api).hexdigest()[:16], "cli_json_bytes": len(cli),
        "cli_json_s": round(t4 - t3, 2), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--file", type=Path, help="a history file to measure instead of the synthetic backup")
    ap.add_argument("--write", type=Path, help="write the synthetic backup to this path and stop")
    ap.add_argument("--no-save", action="store_true", help="print only; do not write bench/results/history.json")
    args = ap.parse_args()
    if args.write:
        args.write.write_text(synthetic_backup(), encoding="utf-8")
        print(args.write, args.write.stat().st_size, "bytes")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file
        if path is None:
            path = Path(tmp) / "sms20.xml"
            path.write_text(synthetic_backup(), encoding="utf-8")
        figures = measure(path)
    for key, value in figures.items():
        print(f"{key:>20}  {value}")
    if not args.no_save:
        cmd = "python bench/bench_history.py" + (f" --file {args.file}" if args.file else "")
        print(write_result("history", {"command": cmd, "input": str(args.file or "synthetic 20 MB SMS backup, seed 7"),
                                       **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
