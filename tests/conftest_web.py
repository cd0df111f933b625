"""A web app on a fresh home folder for form tests, and the error a form shows (shared by the QA round's web tests)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from xiezhi.web.app import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("XIEZHI_HOME", str(tmp_path_factory.mktemp("home")))
    mp.delenv("XIEZHI_DATABASE_URL", raising=False)
    with TestClient(create_app()) as c:
        yield c
    mp.undo()


def form_error(html: str) -> str:
    """The text of the form's error box (role="alert"); fails when the page shows none."""
    m = re.search(r'role="alert"[^>]*>(.*?)</div>', html, re.S)
    assert m, "no error shown on the form"
    return re.sub(r"<[^>]+>", "", m.group(1))
