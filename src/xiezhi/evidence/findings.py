"""Attach the findings of Check (``xiezhi.collection``) to incidents that carry text.

The hook is ``analyze_text``; it returns plain dicts (stored inside the record, so they are part of
what the hash proves) and an empty list when the Check module is not installed.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import Any

#: Incident kind -> Check's channel vocabulary.
_CHANNELS = {"call": "call", "sms": "sms", "wechat": "im", "visit": "visit", "letter": "letter", "other": "other"}


@cache
def _analyzer() -> Callable[..., Any] | None:
    try:
        from xiezhi.collection import analyze  # type: ignore[attr-defined]
    except ImportError:
        return None
    return analyze


def findings_available() -> bool:
    return _analyzer() is not None


@cache
def _titles() -> dict[str, str]:
    """Chinese category titles from Check's rule files (``CategorySpec.title``)."""
    try:
        from xiezhi.collection.rules import load_categories

        return {k: v.title for k, v in load_categories().items()}
    except Exception:
        return {}


def _finding_dict(f: Any) -> dict[str, Any]:
    data = f.model_dump(mode="json") if hasattr(f, "model_dump") else dict(f)
    out: dict[str, Any] = {}
    title = _titles().get(data.get("category", ""))
    if title and not data.get("label"):
        data["label"] = title
    for key in ("category", "label", "severity", "mode", "quote", "explanation"):
        if data.get(key) is not None:
            out[key] = data[key]
    cites = data.get("citations") or []
    out["citations"] = [(c.get("id") or c.get("article_id") or c.get("name") or "") if isinstance(c, dict)
                        else str(c) for c in cites]
    return out


def analyze_text(text: str | None, kind: str | None = None, at: datetime | None = None) -> list[dict[str, Any]]:
    """Findings for ``text`` (empty when there is no text or Check is not available)."""
    analyze = _analyzer()
    if analyze is None or not text or not text.strip():
        return []
    try:
        try:
            from xiezhi.collection.models import MessageMeta

            result = analyze(text, MessageMeta(sent_at=at, channel=_CHANNELS.get(kind or "", "other")))
        except (ImportError, TypeError):
            result = analyze(text)
        items = getattr(result, "findings", result) or []
        out = [_finding_dict(f) for f in items]
    except Exception as exc:
        warnings.warn(f"催收识别出错，本条记录不附识别结果：{exc}", RuntimeWarning, stacklevel=2)
        return []
    return [f for f in out if f.get("category") != "compliant"]
