"""The loaded parameter set and date-bound views: `get_params().at(day).lpr.one_year`."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from xiezhi.errors import InputError
from xiezhi.params.loader import load_params
from xiezhi.params.models import Parameter, ParamValue


class ParameterSet:
    """All parameters by dotted name."""

    def __init__(self, params: dict[str, Parameter]) -> None:
        self._params = dict(sorted(params.items()))

    def names(self) -> list[str]:
        return list(self._params)

    def get(self, name: str) -> Parameter:
        try:
            return self._params[name]
        except KeyError:
            prefix = [n for n in self._params if n.startswith(name + ".")]
            hint = f"；该目录下有：{', '.join(prefix)}" if prefix else ""
            raise InputError(f"没有名为 {name!r} 的参数{hint}。可用 `xiezhi params list` 查看。") from None

    def group(self, prefix: str) -> list[Parameter]:
        """Parameters whose name is `prefix` or starts with `prefix.`."""
        return [p for n, p in self._params.items() if n == prefix or n.startswith(prefix + ".")]

    def value(self, name: str, day: date) -> ParamValue:
        return self.get(name).at(day)

    def at(self, day: date) -> ParamsAt:
        return ParamsAt(self, day, "")

    def __iter__(self):
        return iter(self._params.values())

    def __len__(self) -> int:
        return len(self._params)


class ParamsAt:
    """Attribute navigation on one date: `.lpr.one_year` returns the ParamValue in force that day."""

    def __init__(self, params: ParameterSet, day: date, prefix: str) -> None:
        self._params = params
        self._day = day
        self._prefix = prefix

    def __getattr__(self, attr: str) -> ParamsAt | ParamValue:
        if attr.startswith("_"):
            raise AttributeError(attr)
        name = f"{self._prefix}.{attr}" if self._prefix else attr
        return self[name]

    def __getitem__(self, name: str) -> ParamsAt | ParamValue:
        if self._prefix and not name.startswith(self._prefix + "."):
            name = f"{self._prefix}.{name}"
        names = self._params.names()
        if name in names:
            return self._params.value(name, self._day)
        if any(n.startswith(name + ".") for n in names):
            return ParamsAt(self._params, self._day, name)
        raise AttributeError(f"没有名为 {name!r} 的参数")


@lru_cache(maxsize=4)
def _cached(root: str | None) -> ParameterSet:
    return ParameterSet(load_params(Path(root) if root else None))


def get_params(root: Path | None = None) -> ParameterSet:
    """The shipped parameters (cached)."""
    return _cached(str(root) if root else None)
