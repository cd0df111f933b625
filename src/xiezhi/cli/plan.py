"""`xiezhi plan`: several debts and one budget -> who to negotiate with first and a monthly plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from xiezhi.cli.common import JsonFlag, emit, user_errors


def register(app: typer.Typer) -> None:
    @app.command("plan")
    def plan(
        input: Annotated[Path, typer.Option("--input", "-i", help="债务清单文件（YAML 或 JSON），格式见 docs/letters.md。")],
        svg: Annotated[Path | None, typer.Option("--svg", help="把余额变化图另存为 SVG 文件。")] = None,
        as_json: JsonFlag = False,
    ) -> None:
        """还款计划：可用预算、每笔债务受法律保护的数额、先和谁协商、每月还多少、几个月还清。"""
        from xiezhi.plan import load_plan_input, make_plan, render_plan

        with user_errors():
            result = make_plan(load_plan_input(input))
        if svg is not None:
            svg.write_text(result.chart_svg, encoding="utf-8")
        emit(result, as_json, render_plan)
