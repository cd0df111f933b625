"""The chunked path's compliant shortcut (no metadata, no rule hit, no classifier candidate, no first-person
account) gives what `analyze` gives: every dev text without its metadata, and texts made to sit on each
condition of the shortcut."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from xiezhi.collection import analyze
from xiezhi.collection.engine import is_narrative
from xiezhi.collection.fast import analyze_many_json

ROOT = Path(__file__).resolve().parent.parent

with gzip.open(ROOT / "tests" / "data" / "check_snapshot.jsonl.gz", "rt", encoding="utf-8") as _f:
    next(_f)
    TEXTS = [json.loads(line)["text"] for line in _f]

EXTRA = [
    "昨晚十一点他们一直给我打电话，一晚上打了二十多个",  # first-person account: stated time and count are read
    "我今天收到了三条短信，都是提醒还款的",
    "您好，请于本月25日前还款，谢谢。",
    "",
    "你好",
]


@pytest.mark.parametrize("kwargs", [{}, {"model": False}])
def test_texts_without_metadata_equal_analyze(kwargs: dict) -> None:
    texts = TEXTS + EXTRA
    ids = [f"x{i}" for i in range(len(texts))]
    want = [analyze(t, None, id=i, **kwargs).model_dump_json() for t, i in zip(texts, ids, strict=True)]
    got = analyze_many_json(texts, None, ids, **kwargs)
    diff = [(w, g) for w, g in zip(want, got, strict=True) if w != g]
    assert not diff, diff[:2]
    bare = sum('"findings":[],"needs_metadata":[]' in w for w in want)
    assert bare > 50  # the shortcut is exercised
    assert any(is_narrative(t) for t in texts)  # and so is the first-person exclusion
