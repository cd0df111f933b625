"""Chinese for the words Typer prints around our own help and errors.

Every command's help is Chinese, but the frame around it was English: "Options", "Arguments", "Show this message and
exit.", "Usage:", "No such option: --foo", "Invalid value for '--periods': Input should be a valid integer". A borrower
who mistypes an option, or forgets the quotes around a message with spaces, reads only that frame. Typer (0.29 vendors
its own Click) writes these as literals, so we set its panel titles, the help option's text and the usage prefix once,
and translate an error message by the patterns below just before it is printed. Rich also cut long Chinese option help
off with "…"; we let it fold instead. Anything unknown stays as it was, and
a Typer without these hooks is left alone (the CLI must never fail because of its translation).
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import re
import sys
from typing import Any

HELP_OPTION = "显示本帮助并退出。"
USAGE = "用法："
PANELS = {"ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "命令",
          "ERRORS_PANEL_TITLE": "错误", "ABORTED_TEXT": "已中止。",
          "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
          "DEFAULT_STRING": "[默认：{}]", "REQUIRED_LONG_STRING": "[必填]", "ENVVAR_STRING": "[环境变量：{}]"}

#: (pattern, replacement) applied in order to an error message.
ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", r"多出了参数（\1）。要检查的文字里有空格时，请用引号把整段文字括起来。"),
    (r"No such option: (\S+)", r"没有这个选项：\1"),
    (r"No such command '([^']+)'\.?", r"没有这个命令：\1。"),
    (r"\.? ?Did you mean (.+?)\?", r" 你是不是想用 \1？"),
    (r"\(Possible options: (.+)\)", r"（可能是：\1）"),
    (r"Option '([^']+)' requires an argument\.?", r"选项 \1 后面需要一个值。"),
    (r"Option '([^']+)' requires (\d+) arguments\.?", r"选项 \1 后面需要 \2 个值。"),
    (r"Missing argument '([^']+)'\.?", r"缺少参数 \1。"),
    (r"Missing option '([^']+)' / '([^']+)'\.?", r"缺少选项 \1（\2）。"),  # "'--output' / '-o'" read "--output。 / '-o'."
    (r"Missing option '([^']+)'\.?", r"缺少选项 \1。"),
    (r"Missing command\.?", "缺少命令。"),
    (r"Invalid value for ('[^']+'): ", r"\1 的取值无效："),
    (r"Invalid value: ", "取值无效："),
    (r"Input should be a valid integer.*", "应当是整数。"),
    (r"Input should be a valid (number|decimal).*", "应当是数字。"),
    (r"Input should be a valid boolean.*", "应当是 true 或 false。"),
    (r"(.+) is not one of (.+)\.", r"\1 不是可选值，可选：\2。"),
    (r"Path '([^']+)' does not exist\.?", r"找不到文件：\1。"),
    (r"(File|Path|Directory) '([^']+)' is a directory\.?", r"\2 是一个文件夹，请给出文件路径。"),
))


def translate_error(message: str) -> str:
    for pattern, replacement in ERRORS:
        message = pattern.sub(replacement, message)
    return message


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs a hook right after one module is first imported. Typer imports `typer.rich_utils` (and with it rich,
    markdown-it and pygments, ~5 MB) only when it prints help or an error; patching it at start-up made every process
    of `xiezhi batch --workers N` carry them (the batch tree's peak RSS 275 -> 292 MB)."""

    def __init__(self, name: str, hook: Any) -> None:
        self.name, self.hook = name, hook

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader, hook = spec.loader, self.hook

        class _Loader(importlib.abc.Loader):
            def create_module(self, spec: Any) -> Any:
                return loader.create_module(spec)

            def exec_module(self, module: Any) -> None:
                loader.exec_module(module)
                hook(module)

        spec.loader = _Loader()
        return spec


def install() -> None:
    """Idempotent; does nothing on a Typer without the hooks it expects. The Click frame is patched now; the Rich
    panels when Typer first imports `typer.rich_utils` (or now, if it already has)."""
    try:
        from typer._click import core, formatting
    except ImportError:  # pragma: no cover - another Typer layout
        return
    if getattr(core, "_xiezhi_zh", False):
        return
    core._xiezhi_zh = True  # type: ignore[attr-defined]
    _install_click(core, formatting)
    if "typer.rich_utils" in sys.modules:
        _install_rich(sys.modules["typer.rich_utils"])
    else:
        sys.meta_path.insert(0, _AfterImport("typer.rich_utils", _install_rich))


def _install_rich(ru: Any) -> None:
    if getattr(ru, "_xiezhi_zh", False):
        return
    for attr, text in PANELS.items():
        if hasattr(ru, attr):
            setattr(ru, attr, text)

    format_error = ru.rich_format_error

    def rich_format_error(self: Any) -> None:
        original = self.format_message
        self.format_message = lambda: translate_error(original())
        format_error(self)

    ru.rich_format_error = rich_format_error

    parameter_help = ru._get_parameter_help

    def folded_parameter_help(*args: Any, **kwargs: Any) -> Any:
        """Rich cuts a run of Chinese without spaces at the column edge with "…" ("--text 内容原文（短信、微信文字，或
        通话/上门经…"); fold it onto the next line instead, so every option's help can be read in full."""
        result = parameter_help(*args, **kwargs)
        for item in getattr(result, "renderables", ()):
            if hasattr(item, "overflow"):
                item.overflow = "fold"
        return result

    ru._get_parameter_help = folded_parameter_help
    ru._xiezhi_zh = True


def _install_click(core: Any, formatting: Any) -> None:
    get_help_option = core.Command.get_help_option

    def chinese_help_option(self: Any, ctx: Any) -> Any:
        opt = get_help_option(self, ctx)
        if opt is not None and getattr(opt, "help", None) == "Show this message and exit.":
            opt.help = HELP_OPTION
        return opt

    core.Command.get_help_option = chinese_help_option  # type: ignore[method-assign]

    write_usage = formatting.HelpFormatter.write_usage

    def chinese_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = chinese_usage  # type: ignore[method-assign]
