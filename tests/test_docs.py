"""Every command has Chinese help and a section in docs/cli.md, generated from the code."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import gen_cli_docs  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_command_has_chinese_help() -> None:
    missing = []
    for path, cmd in gen_cli_docs.commands():
        text = (cmd.help or cmd.short_help or "").strip()
        if not CJK.search(text):
            missing.append(" ".join(("xiezhi", *path)))
    assert missing == []


def test_every_option_has_help() -> None:
    missing = []
    for path, cmd in gen_cli_docs.commands():
        for p in cmd.params:
            if p.param_type_name == "option" and p.name not in {"help"} and not getattr(p, "help", None):
                missing.append(f"{' '.join(('xiezhi', *path))} {p.opts[0]}")
    assert missing == []


def test_cli_reference_is_current() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert doc == gen_cli_docs.render(), "run `.venv/bin/python scripts/gen_cli_docs.py`"
    for path, _cmd in gen_cli_docs.commands():
        assert f"## `{' '.join(('xiezhi', *path))}`" in doc
