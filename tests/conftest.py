"""Shared fixtures. Area-specific fixtures live in their own modules, listed in pytest_plugins."""

from __future__ import annotations

import os
import tempfile

import pytest

# Keep test caches out of the user's home and independent between runs.
os.environ.setdefault("XIEZHI_CACHE_DIR", tempfile.mkdtemp(prefix="xiezhi-test-cache-"))

pytest_plugins: list[str] = ["conftest_api", "conftest_web"]


@pytest.fixture(scope="session")
def corpus():
    from xiezhi.law import get_corpus

    return get_corpus()
