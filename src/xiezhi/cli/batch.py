"""`xiezhi batch`: check a JSON-lines file of messages, streaming, with a progress bar on stderr."""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from xiezhi.cli.common import JsonFlag, emit, user_errors


def register(app: typer.Typer) -> None:
    @app.command("batch", help="批量检查催收信息：输入 JSON Lines（每行 id、text 及可选 sent_at 等），逐行输出检查结果。")
    def batch(
        input_path: Annotated[str, typer.Argument(help="输入文件（.jsonl），每行一个 JSON 对象；“-”表示标准输入。")],
        output: Annotated[str, typer.Option("-o", "--output", help="输出文件（.jsonl）；“-”表示标准输出。")] = "-",
        workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="并行进程数（默认 1）。")] = 1,
        quiet: Annotated[bool, typer.Option("--quiet", help="不显示进度。")] = False,
        rules_only: Annotated[bool, typer.Option("--rules-only", help="只用规则，不用统计模型（更快）。")] = False,
        as_json: JsonFlag = False,
    ) -> None:
        from pathlib import Path

        from xiezhi.collection.batch import run_batch
        from xiezhi.errors import InputError

        with user_errors():
            if input_path != "-" and not Path(input_path).is_file():
                raise InputError(f"找不到输入文件：{input_path}")
            started = time.perf_counter()
            last = [0.0]

            def progress(done: int, errors: int) -> None:
                now = time.perf_counter()
                if quiet or now - last[0] < 0.2:
                    return
                last[0] = now
                rate = done / max(now - started, 1e-9)
                sys.stderr.write(f"\r已处理 {done:,} 行（{rate:,.0f} 行/秒，出错 {errors} 行）")
                sys.stderr.flush()

            inp = sys.stdin if input_path == "-" else open(input_path, encoding="utf-8-sig")  # noqa: SIM115
            out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
            try:
                written, errors = run_batch(inp, out, workers=workers, rules_only=rules_only, progress=progress)
            finally:
                if inp is not sys.stdin:
                    inp.close()
                if out is not sys.stdout:
                    out.close()
            elapsed = time.perf_counter() - started
            if not quiet:
                sys.stderr.write(f"\r已处理 {written:,} 行，用时 {elapsed:.1f} 秒，出错 {errors} 行。\n")
            summary = {"lines": written, "errors": errors, "seconds": round(elapsed, 3), "output": output}
            if as_json and output != "-":
                emit(summary, True)
