"""`xiezhi params list|show`: the dated parameters (LPR, caps, contact-hour lines) and their sources."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from xiezhi.cli.common import JsonFlag, OnDate, emit, parse_on, user_errors

params_app = typer.Typer(
    help="查看日期参数（LPR、利率上限、催收时间界线）及其来源与核实状态。",
    no_args_is_help=True,
)


def _value_json(v: Any) -> dict[str, Any]:
    data = v.model_dump(mode="json")
    data["status_label"] = v.status_label
    data["user_note"] = v.user_note
    return data


def _rel(path: str) -> str:
    from pathlib import Path

    from xiezhi.params.loader import DATA_DIR

    try:
        return "data/params/" + Path(path).relative_to(DATA_DIR).as_posix()
    except ValueError:
        return path


def _param_json(p: Any) -> dict[str, Any]:
    return {
        "name": p.name,
        "description": p.description,
        "unit": p.unit,
        "checked_on": p.checked_on.isoformat(),
        "file": _rel(p.path),
        "values": [_value_json(v) for v in p.values],
    }


def _render_list(rows: list[dict[str, Any]]) -> str:
    lines = []
    for r in rows:
        latest = r["latest"]
        lines.append(
            f"{r['name']:<45} {r['description']}\n{'':<45} 最新：{latest['value']}（{latest['effective_from']} 起，"
            f"{latest['status_label']}）共 {r['count']} 个数值"
        )
    return "\n".join(lines)


def _render_show(params: list[dict[str, Any]]) -> str:
    out = []
    for p in params:
        out.append(f"{p['name']} — {p['description']}（单位 {p['unit']}，核对日期 {p['checked_on']}）")
        for v in p["values"]:
            end = f"，{v['effective_to']} 起停止" if v["effective_to"] and v is p["values"][-1] else ""
            cites = "、".join(v["citations"])
            inst = "、".join(
                i["name"] + (f"（{i['number']}）" if i.get("number") else "") + f"[{i['status']}]"
                for i in v["instruments"]
            )
            src = "；".join(x for x in (cites, inst) if x)
            out.append(f"  {v['effective_from']}  {v['value']:>6}  [{v['status_label']}]{end}  {src}")
            if v.get("note"):
                out.append(f"      注：{v['note']}")
        unverified = [v for v in p["values"] if v["status"] == "U"]
        if unverified:
            out.append(f"  ⚠ 其中 {len(unverified)} 个数值未经核实，使用前请核对官方公布值。")
        out.append("")
    return "\n".join(out)


@params_app.command("list", help="列出全部参数及其最新数值。")
def list_cmd(as_json: JsonFlag = False) -> None:
    from xiezhi.params import get_params

    with user_errors():
        rows = []
        for p in get_params():
            last = p.values[-1]
            rows.append(
                {
                    "name": p.name,
                    "description": p.description,
                    "unit": p.unit,
                    "count": len(p.values),
                    "latest": _value_json(last),
                }
            )
    emit(rows, as_json, _render_list)


@params_app.command("show", help="显示一个参数（或一组，如 lpr）的全部日期数值、来源与核实状态；--on 只显示该日适用的数值。")
def show_cmd(
    name: Annotated[str, typer.Argument(help="参数名或前缀，如 lpr、lpr.one_year、interest_cap")],
    on: OnDate = None,
    as_json: JsonFlag = False,
) -> None:
    from xiezhi.errors import InputError
    from xiezhi.params import get_params

    day = parse_on(on)
    with user_errors():
        ps = get_params()
        group = ps.group(name)
        if not group:
            ps.get(name)  # raises the helpful InputError
            raise InputError(f"没有名为 {name!r} 的参数。")
        if day is not None:
            result: Any = [_value_json(p.at(day)) for p in group]
            emit(result, as_json, lambda rows: "\n".join(
                f"{r['name']}：{r['value']}（{r['effective_from']} 起，{r['status_label']}）"
                + (f"\n  {r['user_note']}" if r["user_note"] else "")
                for r in rows
            ))
            return
        emit([_param_json(p) for p in group], as_json, _render_show)


def register(app: typer.Typer) -> None:
    app.add_typer(params_app, name="params")
