"""Which capabilities of the core are installed. A missing (or half-built) module makes its pages
and endpoints say "此功能尚未就绪" instead of failing."""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

#: capability -> (module, attribute that must exist)
CAPABILITIES: dict[str, tuple[str, str]] = {
    "ask": ("xiezhi.ask", "answer"),
    "check": ("xiezhi.collection", "analyze"),
    "history": ("xiezhi.history", "read_history_text"),
    "batch": ("xiezhi.collection.batch", "process_line"),
    "loan": ("xiezhi.loan", "assess_loan"),
    "evidence": ("xiezhi.evidence", "Vault"),
    "plan": ("xiezhi.plan", "make_plan"),
    "letters": ("xiezhi.letters", "draft_letter"),
    "law": ("xiezhi.law", "get_corpus"),
    "ocr": ("xiezhi.ocr", "read_image_text"),
    "assess": ("xiezhi.assess", "assess"),
}
LABELS: dict[str, str] = {
    "ask": "问答", "check": "催收检测", "history": "通话短信记录导入", "batch": "批量检测", "loan": "借款计算",
    "evidence": "证据", "plan": "还款计划", "letters": "文书", "law": "法条", "assess": "自助评估",
    "ocr": "截图文字识别",
}


@cache
def get(name: str) -> Any | None:
    """The capability's entry point, or None when its module is not there (or fails to import)."""
    module, attr = CAPABILITIES[name]
    try:
        return getattr(importlib.import_module(module), attr)
    except Exception:  # a module another engineer is still building may fail in any way
        return None


def available(name: str) -> bool:
    return get(name) is not None


def status() -> dict[str, bool]:
    return {name: available(name) for name in CAPABILITIES}
