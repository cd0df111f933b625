"""`xiezhi serve`: loopback by default, a token for any other address, --lan prints URL and QR code."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from xiezhi.cli import app
from xiezhi.cli import serve as serve_mod
from xiezhi.web.app import warm_up as real_warm_up


@pytest.fixture(autouse=True)
def no_warm_up(monkeypatch):
    """`serve` warms up and freezes the GC before serving; not in the test process."""
    from xiezhi.web import app as web_app

    calls: list[int] = []
    monkeypatch.setattr(web_app, "warm_up", lambda: calls.append(1))
    return calls


@pytest.fixture
def captured(monkeypatch):
    calls: dict = {}

    def fake_run(asgi, host, port, **kw):
        calls.update(app=asgi, host=host, port=port, options=kw)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def test_default_is_loopback_without_token(captured, no_warm_up):
    r = CliRunner().invoke(app, ["serve", "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert "http://127.0.0.1:8123/" in r.output and "token" not in r.output
    assert captured["host"] == "127.0.0.1" and captured["app"].state.settings.token is None
    assert no_warm_up == [1]  # indexes loaded before the first request


def test_uvicorn_options(captured):
    """No access log and no X-Forwarded-* trust; the options are ones uvicorn accepts."""
    import uvicorn

    r = CliRunner().invoke(app, ["serve", "--port", "8125"])
    assert r.exit_code == 0, r.output
    opts = captured["options"]
    assert opts["access_log"] is False and opts["proxy_headers"] is False and opts["server_header"] is False
    config = uvicorn.Config(captured["app"], **opts)
    config.load()
    assert config.access_log is False and config.proxy_headers is False
    assert config.http_protocol_class.__module__.endswith("httptools_impl")  # httptools is a dependency


def test_other_address_gets_a_generated_token(captured):
    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8124"])
    assert r.exit_code == 0, r.output
    token = captured["app"].state.settings.token
    assert token and len(token) >= 16 and f"?token={token}" in r.output


def test_lan_prints_url_and_qr(captured, monkeypatch):
    monkeypatch.setattr(serve_mod, "lan_address", lambda: "192.168.1.23")
    r = CliRunner().invoke(app, ["serve", "--lan", "--token", "my-long-token"])
    assert r.exit_code == 0, r.output
    assert "http://192.168.1.23:8000/?token=my-long-token" in r.output
    assert "█" in r.output or "▀" in r.output  # the QR code drawn in the terminal
    s = captured["app"].state.settings
    assert captured["host"] == "192.168.1.23" and s.token == "my-long-token" and "192.168.1.23" in s.allowed_hosts
    assert s.public_url.endswith("?token=my-long-token")


def test_short_token_refused(captured):
    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--token", "abc"])
    assert r.exit_code == 2 and "至少 8 个字符" in r.output


def test_workers_share_settings(monkeypatch):
    import uvicorn

    calls: dict = {}
    monkeypatch.setenv("XIEZHI_WEB_SETTINGS", "")  # restored after the test (serve sets it for workers)
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.update(target=target, **kw))
    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--workers", "2", "--token", "shared-token-1"])
    assert r.exit_code == 0, r.output
    assert calls["target"] == "xiezhi.web.app:serve_app_from_env" and calls["factory"] and calls["workers"] == 2
    from xiezhi.web.app import app_from_env

    a, b = app_from_env(), app_from_env()  # two workers: same token, same CSRF secret
    assert a.state.settings.token == b.state.settings.token == "shared-token-1"
    assert a.state.settings.secret == b.state.settings.secret


def test_worker_factory_warms_up(monkeypatch, no_warm_up):
    monkeypatch.setenv("XIEZHI_WEB_SETTINGS", "")
    from xiezhi.web.app import serve_app_from_env

    assert serve_app_from_env().state.settings.token is None and no_warm_up == [1]


def test_warm_up_loads_and_freezes(monkeypatch):
    import gc

    from xiezhi.api import capabilities

    seen: list[str] = []
    monkeypatch.setattr(capabilities, "get", lambda name: (lambda *a: seen.append(name)) if name == "ask" else
                        (lambda *a: 1 / 0))  # check fails: logged and skipped, not raised
    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    real_warm_up()  # the autouse fixture replaced web_app.warm_up, not this reference
    assert seen == ["ask"] and frozen == [1]
