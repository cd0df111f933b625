"""The `xiezhi` command. Each command group lives in its own module with a `register(app)` function.

Command modules import only Typer at module level and import the core inside each command, so that
`xiezhi law show 民法典 680` does not pay for FastAPI, SQLAlchemy or PDF libraries it never uses.
"""

from __future__ import annotations

import importlib

import typer

from xiezhi.cli.zh import install as _install_chinese

_install_chinese()

#: Modules under xiezhi.cli that add commands; order is the order in `xiezhi --help`.
COMMAND_MODULES: tuple[str, ...] = (
    "ask",
    "check",
    "batch",
    "loan",
    "plan",
    "evidence",
    "letter",
    "law",
    "params",
    "serve",
)

app = typer.Typer(
    name="xiezhi",
    help="獬豸 xiezhi：网贷逾期与催收法律信息助手（离线运行；法律信息，不是法律意见）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"xiezhi.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"xiezhi.cli.{name}":
                continue  # command group not built yet
            raise
        module.register(app)


_register_all()


def main() -> None:
    app()
