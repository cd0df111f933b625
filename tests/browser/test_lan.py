"""LAN mode in a real browser: without the token nothing loads; one visit with ?token= sets the cookie,
the address bar loses the token, the desktop page shows the QR code and every asset loads."""

from __future__ import annotations

import threading
import time

import pytest

pytestmark = pytest.mark.browser
TOKEN = "browser-test-token-123"


def _start(settings):
    import socket

    import uvicorn

    from xiezhi.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    return srv, thread, f"http://127.0.0.1:{port}"


def test_token_flow_and_qr(browser, server):
    from xiezhi.web.settings import WebSettings

    srv, thread, base = _start(WebSettings(token=TOKEN, public_url=f"http://192.168.1.23:8000/?token={TOKEN}"))
    try:
        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        page = ctx.new_page()
        r = page.goto(base + "/")
        assert r.status == 401 and "需要访问令牌" in page.content()
        page.goto(base + f"/?token={TOKEN}")
        assert page.url == base + "/"  # the token left the address bar
        qr = page.locator("aside.qr img")
        assert qr.is_visible() and qr.evaluate("img => img.naturalWidth") > 0
        assert page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor") == "rgb(18, 53, 91)"
        page.screenshot(path="tests/artifacts/lan-home-desktop.png")
        page.goto(base + "/law/civil-code:680")
        assert "禁止高利放贷" in page.content()
        ctx.close()
    finally:
        srv.should_exit = True
        thread.join(timeout=5)
