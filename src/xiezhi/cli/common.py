"""What every command shares: the `--json` flag, one way to print results, one way to fail.

A command builds a core input, calls one core function and hands the result to `emit`; so
`--json` output is the same `model_dump` that the API returns.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, NoReturn

import typer

from xiezhi.errors import XiezhiError

JsonFlag = Annotated[bool, typer.Option("--json", help="以 JSON 输出（便于程序处理）。")]
OnDate = Annotated[
    str | None,
    typer.Option("--on", help="按该日期有效的法律版本解释（YYYY-MM-DD，默认今天）。"),
]


def to_jsonable(obj: Any) -> Any:
    """Turn pydantic models, dataclasses, dates and Decimals into JSON-ready values."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if hasattr(obj, "to_json") and callable(obj.to_json):
        return obj.to_json()
    if isinstance(obj, list | tuple):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False, indent=indent, default=str)


def emit(result: Any, as_json: bool, render: Callable[[Any], str] | None = None) -> None:
    """Print a result as JSON or as human text (render returns the text)."""
    if as_json:
        sys.stdout.write(dumps(result) + "\n")
    elif render is not None:
        sys.stdout.write(render(result).rstrip("\n") + "\n")
    else:
        sys.stdout.write(str(result) + "\n")


def fail(message: str, code: int = 2) -> NoReturn:
    """Exit with a Chinese message on stderr (code 2 = bad input)."""
    sys.stderr.write(f"错误：{message}\n")
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn core XiezhiErrors into exit code 2 with their Chinese message, never a traceback."""
    try:
        yield
    except XiezhiError as exc:
        fail(str(exc))


def parse_on(value: str | None) -> date | None:
    if value is None:
        return None
    from xiezhi.dates import parse_date

    with user_errors():
        return parse_date(value)
