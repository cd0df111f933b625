"""Defects found importing histories as a user would, on the CLI, the API and the page (qa11)."""

from __future__ import annotations

import re

from conftest_api import is_problem

NO_RECORD = "编号,备注\n1,这不是通话记录\n".encode("gbk")


def test_api_refuses_a_history_with_no_readable_record(api):
    """The page and the CLI refuse it with the reasons; the API answered 200 with 0 records and no finding, which a
    client shows as 'no violation found'."""
    r = api.post("/api/v1/check/history", files={"file": ("log.csv", NO_RECORD, "text/csv")})
    is_problem(r, 400)
    assert "没有读到任何" in r.json()["detail"] and "第 1 行" in r.json()["detail"]


def test_cli_and_page_refuse_it_too(client, tmp_path):
    from typer.testing import CliRunner

    from xiezhi.cli import app

    path = tmp_path / "log.csv"
    path.write_bytes(NO_RECORD)
    out = CliRunner().invoke(app, ["check", "--file", str(path)])
    assert out.exit_code == 2 and "没有读到任何" in out.output
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/check").text).group(1)
    page = client.post("/check", data={"csrf": csrf, "text": ""}, files={"file": ("log.csv", NO_RECORD, "text/csv")})
    assert page.status_code == 400 and "没有读到任何" in page.text
