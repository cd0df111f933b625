"""`xiezhi serve`: the web UI and API. 127.0.0.1 by default; any other address requires an access token.

`--lan` finds this machine's LAN address, binds to it, and prints the URL with the token and a QR code
so a phone on the same Wi-Fi opens xiezhi in one scan (the desktop page shows the QR code too).
"""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from xiezhi.cli.common import fail

LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: uvicorn options of every `xiezhi serve` process (bench/bench_api.py measures its floor with them too).
#: httptools and uvloop (dependencies; "auto" picks them and falls back where they are missing), no
#: access log (a formatted line per request that nobody reads), no X-Forwarded-* handling (xiezhi is
#: never behind a proxy, and a local process should not be able to pose as another client).
UVICORN_OPTIONS: dict[str, object] = {"http": "auto", "loop": "auto", "log_level": "warning",
                                      "access_log": False, "proxy_headers": False, "server_header": False}


def lan_address() -> str | None:
    """The address this machine uses to reach other hosts (no packet is sent: UDP connect only)."""
    for probe in ("192.168.1.1", "10.255.255.255", "172.16.0.1"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                addr = s.getsockname()[0]
            if addr and not addr.startswith("127."):
                return addr
        except OSError:
            continue
    return None


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址（默认仅本机 127.0.0.1）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口", min=1, max=65535)] = 8000,
    lan: Annotated[bool, typer.Option("--lan", help="在局域网内提供服务（手机扫码访问，需要访问令牌）")] = False,
    token: Annotated[str | None, typer.Option("--token", help="访问令牌（不在本机监听时必需；不给则自动生成）")] = None,
    workers: Annotated[int, typer.Option("--workers", help="工作进程数（多人同时使用时可设为 CPU 核数）", min=1, max=64)] = 1,
) -> None:
    """启动网页界面和 API（默认只在本机可访问）。"""
    import uvicorn

    from xiezhi.web import app as web_app
    from xiezhi.web.settings import WebSettings

    if lan:
        addr = lan_address()
        if addr is None:
            fail("找不到本机的局域网地址：请确认已连接 Wi-Fi 或网线，或用 --host 指定地址。")
        host = addr if host in LOOPBACK else host
    if token is not None and len(token) < 8:
        fail("访问令牌至少 8 个字符。")
    local = host in LOOPBACK
    if not local and not token:
        token = WebSettings.new_token()
    shown_host = f"[{host}]" if ":" in host else host
    base = f"http://{shown_host}:{port}/"
    url = f"{base}?token={token}" if token else base
    allowed = ["127.0.0.1", "localhost", "::1"] + ([] if local else [host.strip("[]")])
    if host in ("0.0.0.0", "::"):
        allowed = None  # any interface: the token still guards every request
    settings = WebSettings(token=token, allowed_hosts=allowed, public_url=url if token else None)
    application = None
    if workers == 1:  # (with --workers N each worker process warms up by itself)
        typer.echo("正在加载法条索引和检测模型……")
        application = web_app.create_app(settings)
        web_app.warm_up()  # indexes loaded before the first request, and frozen out of the GC's way
    typer.echo(f"獬豸已启动：请在浏览器打开 {url}  （按 Ctrl+C 停止）")
    if token:
        import segno

        typer.echo("访问令牌已启用：每个请求都需要令牌。用手机扫描下面的二维码即可打开：")
        segno.make(url, error="m").terminal(compact=True)
        typer.echo("提示：只在信任的网络（如家里的 Wi-Fi）中使用局域网模式。")
    if application is not None:
        uvicorn.run(application, host=host, port=port, **UVICORN_OPTIONS)  # type: ignore[arg-type]
        return
    import os

    os.environ[web_app.SETTINGS_ENV] = settings.to_env()  # workers share the token and the CSRF secret
    uvicorn.run("xiezhi.web.app:serve_app_from_env", factory=True, workers=workers, host=host, port=port,
                **UVICORN_OPTIONS)  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
