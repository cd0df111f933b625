"""Write docs/cli.md from the live command tree (`--check` fails if the file is out of date).

Like `cog --check` in sqlite-utils: the reference is generated from the code, and a test keeps the
two in step, so the documentation can never describe a command that does not exist.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import typer
from typer.testing import CliRunner

from xiezhi.cli import app

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def walk(cmd: click.Command, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out += walk(cmd.commands[name], (*path, name))
    return out


def commands() -> list[tuple[tuple[str, ...], click.Command]]:
    root = typer.main.get_command(app)
    return walk(root, ())


def render() -> str:
    runner = CliRunner()
    parts = [
        "# 命令行参考（xiezhi CLI reference）",
        "",
        "本文件由 `scripts/gen_cli_docs.py` 根据代码自动生成，请勿手工编辑；`tests/test_docs.py` 检查它与代码一致。",
        "Generated from the code by `scripts/gen_cli_docs.py`; `tests/test_docs.py` checks it is current.",
        "",
    ]
    for path, _cmd in commands():
        title = " ".join(("xiezhi", *path))
        result = runner.invoke(app, [*path, "--help"], terminal_width=100, env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
        text = "\n".join(line.rstrip() for line in ANSI.sub("", result.output).strip("\n").splitlines())
        parts += [f"## `{title}`", "", "```text", text, "```", ""]
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run `.venv/bin/python scripts/gen_cli_docs.py`")
            return 1
        return 0
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
