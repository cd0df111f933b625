"""The corroboration veto (`check.RULE_VETO_BELOW`, 0.05 in the third session, the default threshold of
`corroborate.POLICY` since the fourth): a rule finding the classifier gives a low probability is dropped unless it is a
strong one; the veto only ever removes labels. The policy's own mechanisms: tests/test_check_corroboration.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from check_testkit import snapshot_module
from xiezhi.collection import analyze, check
from xiezhi.collection.fast import analyze_many_json
from xiezhi.collection.model import load_model

ROOT = Path(__file__).resolve().parent.parent
#: Lawful-looking: a reminder that overdue records affect credit; the rule in-veiled-threat reads "后果自负" as menace,
#: the shipped classifier gives intimidation about 0.07.
WEAK = "您好，温馨提示：逾期记录会影响您的信用，后果自负。"
#: Explicit bodily harm: violence_threat is exempt whatever the classifier says.
STRONG = "再不还钱就打断你的腿"




@pytest.fixture
def veto() -> Iterator[None]:
    saved = check.RULE_VETO_BELOW
    yield
    check.RULE_VETO_BELOW = saved


def test_shipped_setting() -> None:
    """The measured setting (check.py's and corroborate.py's comments say where each figure comes from)."""
    from xiezhi.collection.corroborate import POLICY

    assert check.RULE_VETO_BELOW == POLICY.default == 0.25 and check.VETO_POLICY is POLICY


def test_veto_only_removes_labels(veto: None) -> None:
    """On every other snapshot message, the labels with the veto are those without it, minus some (or compliant)."""
    import json

    snap = snapshot_module()
    _, expected = snap.read_snapshot()
    items = snap.stored_cases(expected)[::2]
    check.RULE_VETO_BELOW = None
    off = [set(json.loads(o)["labels"]) for o in snap.outputs_analyze(items)]
    check.RULE_VETO_BELOW = 0.05
    on = [set(json.loads(o)["labels"]) for o in snap.outputs_analyze(items)]
    assert all(b - {"compliant"} <= a for a, b in zip(off, on, strict=True))
    assert sum(a != b for a, b in zip(off, on, strict=True)) < len(items) * 0.02  # a light touch on known data


def test_on_drops_weak_rule_finding(veto: None) -> None:
    assert load_model() is not None, "the shipped classifier is part of the package"
    check.RULE_VETO_BELOW = None
    assert analyze(WEAK).labels == ["intimidation"]
    check.RULE_VETO_BELOW = 0.1
    assert analyze(WEAK).labels == ["compliant"]
    check.RULE_VETO_BELOW = 0.01  # a lower bar keeps it
    assert analyze(WEAK).labels == ["intimidation"]
    assert analyze(WEAK, model=False).labels == ["intimidation"]  # rules only: no classifier to consult


def test_on_keeps_strong_findings(veto: None) -> None:
    check.RULE_VETO_BELOW = 0.9999  # every classifier probability is below this
    assert "violence_threat" in analyze(STRONG).labels
    third = analyze("你好，你是张三的同事吧？麻烦转告他尽快还钱。", {"recipient_role": "employer_or_colleague"})
    assert "third_party_contact" in third.labels
    late = analyze("请尽快还款。", {"sent_at": "2026-03-01T23:30:00"})
    assert "harassment_time" in late.labels
    check.RULE_VETO_BELOW = None
    assert analyze(STRONG).labels == ["violence_threat", "intimidation"]


def test_on_chunked_path_equals_analyze(veto: None) -> None:
    snap = snapshot_module()
    _, expected = snap.read_snapshot()
    items = snap.stored_cases(expected)[::4]
    texts = [t for _, _, t, _ in items] + [WEAK, STRONG]
    metas = [m for *_, m in items] + [None, None]
    check.RULE_VETO_BELOW = 0.05
    want = [analyze(t, m).model_dump_json() for t, m in zip(texts, metas, strict=True)]
    assert analyze_many_json(texts, metas) == want
    assert sum('"compliant"' in w for w in want) > 0
