"""Load the collection rules from data/collection/rules/*.md (Catala style: article heading, quote, rule).

A rules file holds one category. Its YAML front matter declares the category (title, default severity,
metadata it needs, actions, named instruments the corpus lacks). Each `## <name> | <article id> [| 2012:
<id>]` heading names an article; `>` lines under it quote the article (a test checks them against the
corpus); fenced ```yaml rule blocks under it are the rules whose findings cite that article first.
Loaders reject unknown keys and name the file in every error.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from xiezhi.collection.models import CATEGORIES
from xiezhi.errors import DataError

RULES_DIR = Path(str(resources.files("xiezhi"))) / "data" / "collection" / "rules"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NamedInstrument(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str
    status: str
    #: Published or in force from this day (`from:` in the front matter): not cited for acts before it.
    since: date | None = Field(default=None, alias="from")


class ActionSpec(_Strict):
    channel: str
    why: str


class Requires(_Strict):
    recipient: Literal["third_party", "debtor", "not_third_party"] | None = None
    lender: Literal["unlicensed", "licensed"] | None = None


class Rule(_Strict):
    id: str
    any: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    trigger: list[str] = Field(default_factory=list)
    near: list[list[str]] = Field(default_factory=list)
    window: int = 40
    unless: list[str] = Field(default_factory=list)
    unless_message: list[str] = Field(default_factory=list)
    negatable: bool = True
    severity: Literal["info", "violation", "possible_crime"] | None = None
    escalate_near: list[str] = Field(default_factory=list)  # any of these within `window` -> possible_crime
    mode: Literal["threatened", "done", "auto"] = "auto"
    requires: Requires = Requires()
    also: list[str] = Field(default_factory=list)  # further categories the same words establish
    explanation: str
    # filled by the loader
    category: str = ""
    citations: tuple[str, ...] = ()


class Citation(_Strict):
    id: str
    old_id: str | None = None  # the 2012 治安管理处罚法 article for acts before 2026-01-01
    heading: str = ""
    quotes: tuple[str, ...] = ()
    has_rules: bool = False  # False: a general basis of the category, cited with every finding


class CategorySpec(_Strict):
    category: str
    title: str
    severity: Literal["info", "violation", "possible_crime"]
    needs: list[str] = Field(default_factory=list)
    threatened_implies: list[str] = Field(default_factory=list)  # a threat of this category also frightens
    #: clause words that cancel every rule of the category (added to each rule's `unless`): the scope of the
    #: category itself, e.g. a service visit (上门安检, 上门取件) is no collection visit
    unless: list[str] = Field(default_factory=list)
    #: message words that cancel every rule of the category (added to each rule's `unless_message`), e.g. an
    #: official verification channel named in a genuine court notice
    unless_message: list[str] = Field(default_factory=list)
    instruments: list[NamedInstrument] = Field(default_factory=list)
    actions: list[ActionSpec]
    not_modelled: str = ""
    citations: tuple[Citation, ...] = ()
    rules: tuple[Rule, ...] = ()
    path: str = ""


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_HEADING = re.compile(r"^##\s+(.+?)\s*\|\s*([a-z0-9-]+:[0-9-]+)\s*(?:\|\s*2012:\s*([a-z0-9-]+:[0-9-]+))?\s*$")
_BLOCK = re.compile(r"^```yaml rule\n(.*?)^```", re.S | re.M)


def _fail(path: Path, msg: str) -> DataError:
    return DataError(f"催收规则文件 {path.name} 有误：{msg}")


def parse_rules_file(path: Path) -> CategorySpec:
    text = path.read_text(encoding="utf-8")
    m = _FRONT.match(text)
    if not m:
        raise _fail(path, "缺少 YAML 开头（---）")
    try:
        front = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise _fail(path, f"YAML 开头无法解析：{exc}") from exc
    body = text[m.end():]
    citations: list[Citation] = []
    rules: list[Rule] = []
    current: list[str] = []
    # Walk headings, quotes and rule blocks in order.
    tokens: list[tuple[int, str, re.Match[str] | str]] = []
    for bm in _BLOCK.finditer(body):
        tokens.append((bm.start(), "rule", bm))
    for lm in re.finditer(r"^(##\s.*|>.*)$", body, re.M):
        if not any(t[0] <= lm.start() < t[2].end() for t in tokens if t[1] == "rule"):  # type: ignore[union-attr]
            tokens.append((lm.start(), "line", lm.group(1)))
    tokens.sort(key=lambda t: t[0])
    for _, kind, value in tokens:
        if kind == "line":
            line = str(value)
            if line.startswith("##"):
                hm = _HEADING.match(line)
                if not hm:
                    raise _fail(path, f"标题格式应为“## 名称 | 条文id [| 2012: 条文id]”：{line}")
                citations.append(Citation(id=hm.group(2), old_id=hm.group(3), heading=hm.group(1)))
                current = [hm.group(2)]
            elif citations:
                last = citations[-1]
                citations[-1] = last.model_copy(update={"quotes": (*last.quotes, line.lstrip("> ").strip())})
            continue
        assert isinstance(value, re.Match)
        try:
            data = yaml.safe_load(value.group(1)) or {}
        except yaml.YAMLError as exc:
            raise _fail(path, f"规则 YAML 无法解析：{exc}") from exc
        if not isinstance(data, dict):
            raise _fail(path, "规则块应为映射")
        if not current:
            raise _fail(path, f"规则 {data.get('id')} 不在任何条文标题之下")
        data["category"] = front.get("category", "")
        for key in ("unless", "unless_message"):
            if front.get(key):
                data[key] = [*data.get(key, []), *front[key]]
        try:
            rules.append(Rule(**data, citations=tuple(current)) if "citations" not in data else Rule(**data))
        except ValidationError as exc:
            raise _fail(path, f"规则 {data.get('id')}：{exc}") from exc
    citations = [c.model_copy(update={"has_rules": any(c.id in r.citations for r in rules)}) for c in citations]
    try:
        spec = CategorySpec(**front, citations=tuple(citations), rules=tuple(rules), path=path.name)
    except ValidationError as exc:
        raise _fail(path, str(exc)) from exc
    if spec.category not in CATEGORIES:
        raise _fail(path, f"未知类别 {spec.category}")
    return spec


@lru_cache(maxsize=4)
def load_categories(directory: str | None = None) -> dict[str, CategorySpec]:
    root = Path(directory) if directory else RULES_DIR
    specs: dict[str, CategorySpec] = {}
    seen: set[str] = set()
    for path in sorted(root.glob("*.md")):
        spec = parse_rules_file(path)
        if spec.category in specs:
            raise _fail(path, f"类别 {spec.category} 重复定义")
        for rule in spec.rules:
            if rule.id in seen:
                raise _fail(path, f"规则 id 重复：{rule.id}")
            seen.add(rule.id)
        specs[spec.category] = spec
    missing = set(CATEGORIES) - set(specs)
    if missing:
        raise DataError(f"催收规则缺少类别：{', '.join(sorted(missing))}")
    return specs
