"""Load and validate the interview data (data/assess): strict schema, errors name the file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from xiezhi.assess.models import Block, Interview, Question
from xiezhi.errors import DataError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "assess"


class _UniqueKeyLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise yaml.constructor.ConstructorError(None, None, f"重复的键：{key}", key_node.start_mark)
        keys.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path.name}：无法读取（{exc}）") from exc


def _items(path: Path, model: type[Question] | type[Block]) -> list[Any]:
    raw = _read(path)
    if not isinstance(raw, list):
        raise DataError(f"{path}：应当是一个列表")
    out = []
    for i, item in enumerate(raw):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            ident = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
            raise DataError(f"{path}：{ident}：{exc}") from exc
    return out


def load_interview(directory: Path | None = None) -> Interview:
    """Read interview.yaml, questions/*.yaml and blocks/*.yaml; check cross references."""
    from xiezhi.assess.derive import DERIVED

    d = directory or DATA_DIR
    head = _read(d / "interview.yaml")
    if not isinstance(head, dict):
        raise DataError(f"{d / 'interview.yaml'}：应当是一个映射")
    questions: dict[str, Question] = {}
    for path in sorted((d / "questions").glob("*.yaml")):
        for q in _items(path, Question):
            if q.id in questions:
                raise DataError(f"{path}：问题 id 重复：{q.id}")
            questions[q.id] = q
    blocks: list[Block] = []
    for path in sorted((d / "blocks").glob("*.yaml")):
        blocks += _items(path, Block)
    try:
        interview = Interview.model_validate({**head, "questions": questions, "blocks": blocks})
    except ValidationError as exc:
        raise DataError(f"{d / 'interview.yaml'}：{exc}") from exc
    problems = check_interview(interview, set(DERIVED))
    if problems:
        raise DataError(f"{d}：访谈数据不一致：\n" + "\n".join(problems))
    return interview


def check_interview(iv: Interview, derived: set[str]) -> list[str]:
    """Cross-reference checks a schema cannot express (each problem names the item)."""
    problems: list[str] = []
    asked: dict[str, Any] = {}
    for qid in iv.order:
        if qid not in iv.questions:
            problems.append(f"order 中的问题不存在：{qid}")
    for q in iv.questions.values():
        if q.id not in iv.order:
            problems.append(f"问题 {q.id} 不在 order 中")
        for f in q.fields:
            if f.var in asked:
                problems.append(f"变量 {f.var} 被两个问题询问")
            asked[f.var] = f
            if f.type in ("choice", "multi") and not f.choices:
                problems.append(f"问题 {q.id} 的 {f.var} 是选择题但没有选项")
    unknown_derived = set(iv.derived) - derived
    if unknown_derived:
        problems.append(f"interview.yaml 的 derived 中有未实现的变量：{sorted(unknown_derived)}")
    known = set(asked) | set(iv.derived) | {"described"}

    def check_cond(owner: str, cond: Any) -> None:
        if cond is None:
            return
        for var in cond.variables():
            if var not in known:
                problems.append(f"{owner}：条件引用了未知变量 {var}")
                continue
            f = asked.get(var)
            if f is not None and f.choices:
                allowed = {c.value for c in f.choices}
                for v in cond.values_for(var):
                    if str(v) not in allowed:
                        problems.append(f"{owner}：{var} 没有选项 {v!r}")

    for q in iv.questions.values():
        check_cond(f"问题 {q.id}", q.show_if)
    needed: set[str] = set()
    ids: set[str] = set()
    for b in iv.blocks:
        if b.id in ids:
            problems.append(f"结果块 id 重复：{b.id}")
        ids.add(b.id)
        check_cond(f"结果块 {b.id}", b.show_if)
        for var in b.needs:
            if var not in known:
                problems.append(f"结果块 {b.id}：needs 中的变量未知：{var}")
        needed |= b.variables()
        if b.action:
            for key, value in b.action.prefill.items():
                if value.startswith("@") and value[1:] not in known:
                    problems.append(f"结果块 {b.id}：预填 {key} 引用了未知变量 {value}")
    from xiezhi.assess.derive import DERIVED_INPUTS

    for var in list(needed):
        needed |= set(DERIVED_INPUTS.get(var, ()))
    for var in asked:
        if var not in needed:
            problems.append(f"变量 {var} 被询问，但没有结果块需要它")
    return problems


@lru_cache(maxsize=1)
def get_interview() -> Interview:
    return load_interview()
