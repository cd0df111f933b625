"""Letter templates as data: ``data/templates/letters/<kind>.md.j2`` with YAML front matter.

Front matter keys (unknown keys are refused, errors name the file)::

    kind: negotiation                 # stable id, = file name
    title: 协商还款申请书
    description: 一句话说明什么时候用
    needs: [borrower.name, lender.name, hardship, "messages|findings|summary"]   # a|b = either
    citations: [civil-code:1032, ...] # every article the template may cite (checked by the data test)

The body is Jinja2 rendered in a sandbox (user values are data, never template source) and produces a
small line markup; every body line must start with one of the markers in ``MARKERS`` (or be a Jinja
statement/comment line), so a user value can never start a block of its own.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from xiezhi.errors import DataError

#: Line markers of the body markup (see markup.py).
MARKERS = ("# ", "## ", "p: ", "pl: ", "pr: ", "pc: ", "pb: ", "- ", "+ ", "table: ", "cited", "pagebreak")
_STATEMENT = re.compile(r"^\s*(\{%.*%\}|\{#.*#\})\s*$")
_KIND = re.compile(r"^[a-z][a-z0-9_]*$")


class TemplateMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    title: str
    description: str
    order: int = 100
    needs: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


class LetterTemplate(BaseModel):
    meta: TemplateMeta
    body: str
    path: str


def templates_dir() -> Path:
    return Path(str(resources.files("xiezhi") / "data" / "templates" / "letters"))


def _split(text: str, name: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        raise DataError(f"{name}：模板缺少 YAML 头（以 --- 开始）")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise DataError(f"{name}：模板的 YAML 头没有结束标记 ---")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        raise DataError(f"{name}：YAML 头无法解析：{exc}") from None
    return meta, text[end + 5:]


def _check_body(body: str, name: str) -> None:
    for no, line in enumerate(body.splitlines(), 1):
        s = line.strip()
        if not s or _STATEMENT.match(s) or s.startswith(MARKERS):
            continue
        raise DataError(f"{name} 第 {no} 行：正文每行须以标记开头（{' '.join(m.strip() for m in MARKERS)}）或是"
                        f" Jinja 语句行：{s[:40]}")


def parse_template(text: str, name: str) -> LetterTemplate:
    raw, body = _split(text, name)
    try:
        meta = TemplateMeta.model_validate(raw)
    except ValidationError as exc:
        raise DataError(f"{name}：YAML 头有问题：{exc}") from None
    if not _KIND.match(meta.kind) or not name.startswith(meta.kind + "."):
        raise DataError(f"{name}：kind “{meta.kind}” 须为小写英文标识并与文件名一致")
    _check_body(body, name)
    return LetterTemplate(meta=meta, body=body, path=name)


@cache
def load_templates() -> dict[str, LetterTemplate]:
    out: dict[str, LetterTemplate] = {}
    for p in sorted(templates_dir().glob("*.md.j2")):
        t = parse_template(p.read_text(encoding="utf-8"), p.name)
        out[t.meta.kind] = t
    return dict(sorted(out.items(), key=lambda kv: (kv[1].meta.order, kv[0])))


@cache
def _fields() -> dict[str, tuple[str, str]]:
    """``_fields.yaml``: fact path -> (plain Chinese label, where to write it in a facts file)."""
    path = templates_dir() / "_fields.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, tuple[str, str]] = {}
    for k, v in (data.items() if isinstance(data, dict) else []):
        if isinstance(v, str):
            out[str(k)] = (v, str(k))
        elif isinstance(v, dict) and set(v) == {"label", "write"}:
            out[str(k)] = (str(v["label"]), str(v["write"]))
        else:
            raise DataError(f"{path.name}：{k} 应为中文名称，或 {{label, write}}")
    return out


def field_labels() -> dict[str, str]:
    """Plain Chinese labels of the fact paths a template may need: what a borrower reads (web page, CLI
    text). They never contain the facts file's keys; those are in `field_writes` (JSON output)."""
    return {k: label for k, (label, _) in _fields().items()}


def field_writes() -> dict[str, str]:
    """Where each fact path is written in a facts file (the keys, e.g. "lender.name 或 lender.platform")."""
    return {k: write for k, (_, write) in _fields().items()}
