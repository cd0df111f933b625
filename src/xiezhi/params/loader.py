"""Strict loader for data/params/**.yaml: unknown keys, duplicate keys and non-ISO dates are errors.

Layout (OpenFisca style): one parameter per file; the dotted name is the path under data/params/
(`lpr/one_year.yaml` -> `lpr.one_year`); each folder has an `index.yaml` with its description.
A date key is that value's effective_from; the next key closes it; `null` ends the parameter.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from xiezhi.params.models import STATUS_LABELS, NamedInstrument, ParamError, Parameter, ParamValue

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "params"

_FILE_KEYS = {"description", "unit", "checked_on", "values", "note"}
_FILE_REQUIRED = {"description", "unit", "checked_on", "values"}
_VALUE_KEYS = {"value", "status", "source", "citations", "instruments", "quote", "note", "checked_on"}
_VALUE_REQUIRED = {"value", "status", "source"}
_INSTRUMENT_KEYS = {"name", "number", "clause", "status", "note"}
_INDEX_KEYS = {"description", "note"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_ARTICLE_ID = re.compile(r"^[a-z0-9-]+:\d+(-\d+)?$")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise ParamError(str(path), None, f"YAML 无法解析：{exc}") from exc


def _iso_date(path: str, key: str, raw: Any) -> date:
    if isinstance(raw, datetime):
        raise ParamError(path, key, f"应为日期（YYYY-MM-DD），不是日期时间：{raw!r}")
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and _ISO.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError as exc:
            raise ParamError(path, key, f"日期不存在：{raw!r}") from exc
    raise ParamError(path, key, f"日期必须是 ISO 格式 YYYY-MM-DD：{raw!r}")


def _parse_value(path: str, key: str, unit: str, raw: Any) -> Decimal | time:
    if unit == "time":
        if not isinstance(raw, str) or not _HHMM.match(raw):
            raise ParamError(path, key, f"时间须写成带引号的 \"HH:MM\"：{raw!r}")
        h, m = raw.split(":")
        return time(int(h), int(m))
    if not isinstance(raw, str):
        raise ParamError(path, key, f"数值须写成字符串（避免浮点误差），例如 \"4.25\"：{raw!r}")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ParamError(path, key, f"不是数字：{raw!r}") from exc
    if not value.is_finite():
        raise ParamError(path, key, f"不是有限数字：{raw!r}")
    return value


def _check_keys(path: str, key: str | None, data: Any, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(data, dict):
        raise ParamError(path, key, f"应为映射（key: value），实际是 {type(data).__name__}")
    unknown = set(map(str, data)) - allowed
    if unknown:
        raise ParamError(path, key, f"未知字段 {sorted(unknown)}；允许的字段：{sorted(allowed)}")
    missing = required - set(data)
    if missing:
        raise ParamError(path, key, f"缺少字段 {sorted(missing)}")
    return data


def _instruments(path: str, key: str, raw: Any) -> tuple[NamedInstrument, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ParamError(path, key, "instruments 应为列表")
    out = []
    for item in raw:
        data = _check_keys(path, key, item, _INSTRUMENT_KEYS, {"name", "status"})
        if data["status"] not in STATUS_LABELS:
            raise ParamError(path, key, f"instruments.status 只能是 {sorted(STATUS_LABELS)}")
        out.append(NamedInstrument(**{k: (str(v) if v is not None else None) for k, v in data.items()}))
    return tuple(out)


def _citations(path: str, key: str, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(c, str) for c in raw):
        raise ParamError(path, key, "citations 应为条文编号字符串列表，例如 [private-lending-provisions:25]")
    for c in raw:
        if not _ARTICLE_ID.match(c):
            raise ParamError(path, key, f"条文编号格式不对：{c!r}（应为 slug:number，如 civil-code:680）")
    return tuple(raw)


def load_parameter(path: Path, name: str) -> Parameter:
    p = str(path)
    data = _check_keys(p, None, read_yaml(path), _FILE_KEYS, _FILE_REQUIRED)
    unit = data["unit"]
    if unit not in ("percent", "multiple", "count", "time", "days"):
        raise ParamError(p, "unit", f"未知单位 {unit!r}")
    description = str(data["description"])
    checked_on = _iso_date(p, "checked_on", data["checked_on"])
    raw_values = data["values"]
    if not isinstance(raw_values, dict) or not raw_values:
        raise ParamError(p, "values", "values 应为以日期为键的非空映射")
    keyed = sorted((_iso_date(p, str(k), k), v) for k, v in raw_values.items())
    if keyed[0][1] is None:
        raise ParamError(p, str(keyed[0][0]), "第一个数值不能是 null")
    values: list[ParamValue] = []
    for i, (start, item) in enumerate(keyed):
        if item is None:
            continue
        key = start.isoformat()
        item = _check_keys(p, key, item, _VALUE_KEYS, _VALUE_REQUIRED)
        if item["status"] not in STATUS_LABELS:
            raise ParamError(p, key, f"status 只能是 {sorted(STATUS_LABELS)}，实际是 {item['status']!r}")
        citations = _citations(p, key, item.get("citations"))
        instruments = _instruments(p, key, item.get("instruments"))
        if not citations and not instruments:
            raise ParamError(p, key, "每个数值至少要有 citations（条文编号）或 instruments（具名文件）之一")
        end = keyed[i + 1][0] if i + 1 < len(keyed) else None
        values.append(
            ParamValue(
                name=name,
                value=_parse_value(p, key, unit, item["value"]),
                unit=unit,
                effective_from=start,
                effective_to=end,
                status=item["status"],
                source=str(item["source"]),
                citations=citations,
                instruments=instruments,
                quote=item.get("quote"),
                note=item.get("note"),
                checked_on=_iso_date(p, key, item.get("checked_on", checked_on)),
                description=description,
            )
        )
    # effective_to of a value is only meaningful when the next key is null (an end) — a following
    # value simply supersedes it, which `Parameter.at` handles by order. Keep `effective_to` for both.
    return Parameter(
        name=name, description=description, unit=unit, path=p, checked_on=checked_on, values=tuple(values)
    )


def load_params(root: Path | None = None) -> dict[str, Parameter]:
    """Load every parameter under `root` (default: the shipped data/params)."""
    root = root or DATA_DIR
    params: dict[str, Parameter] = {}
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if path.name == "index.yaml":
            _check_keys(str(path), None, read_yaml(path), _INDEX_KEYS, {"description"})
            continue
        if not (path.parent / "index.yaml").exists():
            raise ParamError(str(path.parent), None, "每个参数文件夹都要有 index.yaml（含 description）")
        name = ".".join([*rel.parent.parts, rel.stem])
        params[name] = load_parameter(path, name)
    return params
