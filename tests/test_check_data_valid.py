"""Every labelled Check set passes its validator: a slip in hand-labelled data (a label without its metadata, a
severity outside the taxonomy's range, a near-duplicate of another set) fails the suite, not only the annotator's run.

The held-out split is validated too: the validator reads labels and counts, it does not score the engine on them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "bench" / "data" / "tools"
sys.path.insert(0, str(TOOLS))

import check_sets  # noqa: E402
import labelled_set  # noqa: E402
import validate_check_data  # noqa: E402


@pytest.mark.parametrize("name", sorted(check_sets.SETS))
def test_plain_jsonl_set_is_valid(name: str) -> None:
    _, spec = check_sets.SETS[name]
    rows = labelled_set.read_jsonl(spec.file)
    assert rows, f"{spec.file.name} is missing or empty"
    assert labelled_set.validate(rows, spec, partial=False) == []


def test_first_dev_and_test_split_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code = validate_check_data.main()
    out = capsys.readouterr().out
    assert code == 0, [x for x in out.splitlines() if x.startswith(("ERROR", "SHORT"))]


def test_stated_night_time_counts_only_without_sent_at() -> None:
    """Convention 5: a night time stated in an account decides harassment_time only when the line has no sent_at."""
    _, spec = check_sets.SETS["dev11"]
    base = {"id": "h0001", "text": "昨晚十一点两个人来我家砸门，吓死人了", "labels": ["harassment_time", "unlawful_visit"],
            "mode": {"harassment_time": "done", "unlawful_visit": "done"}, "severity": "violation",
            "source_style": "incident", "note": "stated night visit"}
    err: list[str] = []
    labelled_set.check_line(base, spec, err)
    assert err == []
    labelled_set.check_line(base | {"sent_at": "2026-10-09T14:00:00"}, spec, err)
    assert any("harassment_time must be labelled exactly" in e for e in err)
    err.clear()
    labelled_set.check_line(base | {"text": "上周两个人来我家砸门，吓死人了"}, spec, err)
    assert any("convention 5" in e for e in err)
