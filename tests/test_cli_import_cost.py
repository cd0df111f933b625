"""Starting the CLI must not import Rich: `xiezhi batch --workers N` runs N+1 processes, and Rich with markdown-it and
pygments (imported by `typer.rich_utils`) cost each ~5 MB (the two-worker batch tree went 275 -> 292 MB of its 300 MB
budget when the Chinese help frame was installed eagerly). The frame is patched when Typer first imports rich_utils."""

from __future__ import annotations

import subprocess
import sys


def test_cli_start_does_not_import_rich_utils() -> None:
    code = "import sys, xiezhi.cli; print('typer.rich_utils' in sys.modules, 'rich' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_help_frame_is_still_chinese_after_the_lazy_patch() -> None:
    from typer.testing import CliRunner

    from xiezhi.cli import app

    result = CliRunner().invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "用法" in result.output and "选项" in result.output and "显示本帮助并退出" in result.output
