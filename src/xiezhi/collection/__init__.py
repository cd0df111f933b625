"""Check: tell lawful from unlawful debt collection, message by message and over a whole history.

```python
from xiezhi.collection import analyze, analyze_history, MessageMeta
r = analyze("再不还钱就去你家堵门", {"sent_at": "2026-03-01 23:30"})
r.labels, r.severity, r.findings[0].span, r.needs_metadata
```
"""

from xiezhi.collection.check import analyze
from xiezhi.collection.models import (
    CATEGORIES,
    Action,
    CheckResult,
    ContactDay,
    Finding,
    HistoryReport,
    MessageMeta,
    MetadataNeed,
    TimelineEntry,
)

__all__ = [
    "CATEGORIES",
    "Action",
    "CheckResult",
    "ContactDay",
    "Finding",
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
