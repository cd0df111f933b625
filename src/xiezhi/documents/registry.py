"""The renderer registry: built-in HTML, DOCX and PDF use the same hook as any add-on renderer."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xiezhi.documents.model import Document
from xiezhi.errors import InputError


@dataclass(frozen=True)
class Renderer:
    format: str
    media_type: str
    suffix: str
    func: Callable[[Document], bytes] | str  # a function, or "module:function" imported on first use

    def __call__(self, doc: Document) -> bytes:
        func = self.func
        if isinstance(func, str):
            module, name = func.split(":")
            func = getattr(importlib.import_module(module), name)
        return func(doc)


_REGISTRY: dict[str, Renderer] = {}


def register_renderer(renderer: Renderer) -> None:
    _REGISTRY[renderer.format] = renderer


for _r in (
    Renderer("html", "text/html; charset=utf-8", ".html", "xiezhi.documents.html:render_html"),
    Renderer("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx",
             "xiezhi.documents.docx:render_docx"),
    Renderer("pdf", "application/pdf", ".pdf", "xiezhi.documents.pdf:render_pdf"),
):
    register_renderer(_r)

FORMATS: tuple[str, ...] = tuple(_REGISTRY)


def get_renderer(fmt: str) -> Renderer:
    try:
        return _REGISTRY[fmt.lower().lstrip(".")]
    except KeyError:
        raise InputError(f"不支持的文档格式：{fmt}。可选：{'、'.join(_REGISTRY)}。") from None


def render(doc: Document, fmt: str) -> bytes:
    return get_renderer(fmt)(doc)


def render_to_file(doc: Document, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Render and write atomically (temp file + rename); the format defaults to the file suffix."""
    target = Path(path)
    renderer = get_renderer(fmt or target.suffix)
    data = renderer(doc)
    tmp = target.with_name(f".{target.name}.part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target
