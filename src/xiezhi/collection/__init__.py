"""Check: tell lawful from unlawful debt collection, message by message and over a whole history.

```python
from xiezhi.collection import analyze, analyze_history, MessageMeta
r = analyze("再不还钱就去你家堵门", {"sent_at": "2026-03-01 23:30"})
r.labels, r.severity, r.findings[0].span, r.needs_metadata
```
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xiezhi.collection.check import analyze
    from xiezhi.collection.models import (
        CATEGORIES,
        Action,
        CheckResult,
        ContactDay,
        Finding,
        HistoryFinding,
        HistoryReport,
        MessageMeta,
        MetadataNeed,
        TimelineEntry,
    )

#: Loaded on first access (PEP 562), so that importing a submodule (`xiezhi.collection.batch`, whose parent
#: process with `--workers N` never checks a message) does not import the engine, numpy and the rule tables.
_LAZY = {"analyze": "xiezhi.collection.check", **{name: "xiezhi.collection.models" for name in (
    "CATEGORIES", "Action", "CheckResult", "ContactDay", "Finding", "HistoryFinding", "HistoryReport", "MessageMeta",
    "MetadataNeed", "TimelineEntry")}}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'xiezhi.collection' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "CATEGORIES",
    "Action",
    "CheckResult",
    "ContactDay",
    "Finding",
    "HistoryFinding",
    "HistoryReport",
    "MessageMeta",
    "MetadataNeed",
    "TimelineEntry",
    "analyze",
    "analyze_history",
]


def analyze_history(*args, **kwargs):
    from xiezhi.collection.history import analyze_history as _impl

    return _impl(*args, **kwargs)
