"""Browser tests: a real server on a free loopback port and Debian's Chromium driven by Playwright.

Chromium comes from the system (scripts/install-system-deps.sh installs it on Debian as root); we never
run `playwright install`. Without a Chromium the tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def find_chromium() -> str | None:
    for name in (os.environ.get("XIEZHI_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "chrome"):
        if name and (path := shutil.which(name) or (name if Path(name).is_file() else None)):
            return path
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server():
    import uvicorn

    home = tempfile.mkdtemp(prefix="xiezhi-browser-")
    os.environ["XIEZHI_HOME"] = home
    from xiezhi.web.app import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    exe = find_chromium()
    if exe is None:
        pytest.skip("no Chromium found (run scripts/install-system-deps.sh as root on Debian, or set XIEZHI_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, browser, server):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN", accept_downloads=True,
                              base_url=server)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.viewport_name = request.param  # type: ignore[attr-defined]
    pg.console_errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()
    assert not errors, f"console errors (CSP or script): {errors}"
