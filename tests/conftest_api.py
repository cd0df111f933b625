"""Fixtures and helpers shared by the /api/v1 tests (test_api.py, test_api_evidence_edit.py).

Loaded for every test module through ``pytest_plugins`` in conftest.py (so pytest rewrites its asserts);
modules import the helpers (``from conftest_api import PROBLEM, is_problem``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

PROBLEM = "application/problem+json"


@pytest.fixture
def api(tmp_path, monkeypatch) -> Iterator[Any]:
    """The whole app (a TestClient) on a fresh, unencrypted SQLite home."""
    from fastapi.testclient import TestClient

    from xiezhi.web.app import create_app

    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XIEZHI_DATABASE_URL", raising=False)
    monkeypatch.delenv("XIEZHI_PASSPHRASE", raising=False)
    with TestClient(create_app()) as c:
        yield c


def is_problem(r: Any, status: int) -> dict[str, Any]:
    """``r`` is an RFC 9457 problem with ``status``, a Chinese title and detail, and no stack trace."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == status and body["title"] and body["detail"] and "Traceback" not in r.text
    return body
