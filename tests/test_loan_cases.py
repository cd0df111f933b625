"""Worked loan cases in YAML (OpenFisca style): tests/cases/loan/*.yaml.

Each item: name, reason (one line: why the expected figures are right), optional keywords, input
(as `xiezhi loan --input`), and either output (dotted paths into the --json result; money compared
within `tolerance`, rates within `rate_tolerance`; `notes_contain` and `citations_include` check
substrings and article ids) or error (a substring of the Chinese message). Unknown keys fail.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from xiezhi.errors import InputError
from xiezhi.loan import assess_loan, parse_loan_input

CASE_DIR = Path(__file__).parent / "cases" / "loan"
CASE_KEYS = {"name", "reason", "keywords", "input", "output", "error", "tolerance", "rate_tolerance"}
RATE_KEYS = {"apr", "effective_rate", "simple_rate", "cap", "rate", "overdue_rate", "nominal_rate"}
SPECIAL = {"notes_contain", "citations_include", "citations_exclude", "alternatives_count"}


def _load() -> list[tuple[str, dict[str, Any]]]:
    items = []
    for path in sorted(CASE_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path}: a case file is a list of cases"
        for case in data:
            unknown = set(case) - CASE_KEYS
            assert not unknown, f"{path}: unknown keys {sorted(unknown)} in case {case.get('name')!r}"
            assert {"name", "reason", "input"} <= set(case), f"{path}: case needs name, reason, input"
            assert ("output" in case) != ("error" in case), f"{path}: {case['name']}: output or error"
            items.append((f"{path.stem}:{case['name']}", case))
    return items


CASES = _load()


def test_there_are_enough_cases_and_names_are_unique():
    names = [n for n, _ in CASES]
    assert len(names) >= 40
    assert len(set(names)) == len(names)


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def _close(actual: Any, expected: Any, tol: Decimal, path: str) -> None:
    if isinstance(expected, bool) or expected is None:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"
    elif isinstance(expected, int | float | Decimal) or (isinstance(expected, str) and _num(expected)):
        assert actual is not None, f"{path}: got None, expected {expected}"
        diff = abs(Decimal(str(actual)) - Decimal(str(expected)))
        assert diff <= tol, f"{path}: {actual} != {expected} (±{tol})"
    else:
        assert str(actual) == str(expected), f"{path}: {actual!r} != {expected!r}"


def _num(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_case(name: str, case: dict[str, Any]) -> None:
    assert case["reason"].strip(), name
    if "error" in case:
        with pytest.raises(InputError) as err:
            assess_loan(parse_loan_input(case["input"]))
        assert case["error"] in str(err.value), str(err.value)
        return
    result = assess_loan(parse_loan_input(case["input"])).model_dump(mode="json")
    tol = Decimal(str(case.get("tolerance", "0.01")))
    rtol = Decimal(str(case.get("rate_tolerance", "0.0001")))
    for key, expected in case["output"].items():
        if key == "notes_contain":
            text = "\n".join(result["notes"])
            for needle in expected:
                assert needle in text, f"note missing: {needle!r}\n{text}"
        elif key == "citations_include":
            ids = {c.get("id") or c["display"] for c in result["citations"]}
            missing = set(expected) - ids
            assert not missing, f"citations missing {missing}; have {ids}"
        elif key == "citations_exclude":
            ids = {c.get("id") for c in result["citations"]}
            assert not (set(expected) & ids), f"unexpected citations {set(expected) & ids}"
        elif key == "alternatives_count":
            assert len(result["alternatives"]) == expected
        else:
            leaf = key.rsplit(".", 1)[-1]
            _close(_get(result, key), expected, rtol if leaf in RATE_KEYS else tol, key)


def test_the_comparison_can_fail():
    with pytest.raises(AssertionError):
        _close("0.1400", "0.146", Decimal("0.0001"), "cap")
    with pytest.raises(AssertionError):
        _close(True, False, Decimal(0), "exceeds_cap")
    _close("11540.004", "11540.00", Decimal("0.01"), "amount")
