"""`xiezhi serve`: start the web UI on the embedded database (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

from typing import Annotated

import typer

from xiezhi.cli.common import fail


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址（默认仅本机 127.0.0.1）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
) -> None:
    """启动网页界面（默认只在本机可访问）。"""
    if host not in ("127.0.0.1", "localhost", "::1"):
        fail("目前只支持在本机（127.0.0.1）上运行网页界面；局域网访问将在后续版本提供（需访问令牌）。")
    import uvicorn

    from xiezhi.web.app import create_app

    typer.echo(f"獬豸已启动：请在浏览器打开 http://{host}:{port}/  （按 Ctrl+C 停止）")
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
