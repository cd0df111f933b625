"""`xiezhi ask`: answer a borrower's question from the knowledge cards, with statute text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from xiezhi.cli.common import JsonFlag, dumps, emit, fail, user_errors


def register(app: typer.Typer) -> None:
    @app.command(
        "ask",
        help="回答网贷逾期、催收相关问题：给出结论、分析、建议步骤和法条原文。"
        "例：xiezhi ask \"网贷逾期后，催收人员真的会上门吗？\"",
    )
    def ask(
        question: Annotated[str | None, typer.Argument(help="你的问题（用自己的话写即可）。")] = None,
        file: Annotated[
            Path | None,
            typer.Option("--file", "-f", help="批量提问：文本文件每行一个问题（UTF-8/GBK/UTF-16 均可），按顺序逐行输出；无法处理的行输出 error。"),
        ] = None,
        statutes: Annotated[int, typer.Option("--statutes", help="附带的相关法条条数（0 表示不附带）。", min=0, max=20)] = 5,
        as_json: JsonFlag = False,
    ) -> None:
        from xiezhi.ask import answer

        if (question is None) == (file is None):
            fail("请给出一个问题，或用 --file 指定问题文件（二者选一）。")
        with user_errors():
            if file is None:
                from xiezhi.ask.render import render_answer

                emit(answer(question or "", statutes=statutes), as_json, render_answer)
                return
            from xiezhi.textio import read_text_file

            lines = [ln.strip() for ln in read_text_file(file).text.splitlines()]
            questions = [ln for ln in lines if ln]
            if not questions:
                fail(f"文件 {file.name} 里没有问题（每行写一个问题）。")
            from xiezhi.ask.render import render_answer
            from xiezhi.errors import InputError

            for q in questions:
                try:
                    a = answer(q, statutes=statutes)
                except InputError as exc:
                    # Keep one output line per input line: a bad line becomes an error object.
                    if as_json:
                        sys.stdout.write(dumps({"question": q, "error": str(exc)}, indent=None) + "\n")
                    else:
                        sys.stdout.write(f"问题：{q[:40]}…\n错误：{exc}\n" + "-" * 40 + "\n")
                    continue
                if as_json:
                    sys.stdout.write(dumps(a, indent=None) + "\n")
                else:
                    sys.stdout.write(render_answer(a) + "\n" + "-" * 40 + "\n")
