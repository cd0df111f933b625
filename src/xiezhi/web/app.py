"""The web application: HTML pages (Jinja2, mobile first, no JavaScript needed) and the /api/v1 API.

    from xiezhi.web.app import create_app
    app = create_app()                                  # 127.0.0.1, no token
    app = create_app(WebSettings(token="…"))            # LAN mode: the token guards every request
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from xiezhi import __version__
from xiezhi.web.settings import WebSettings

STATIC_DIR = __file__.rsplit("/", 1)[0] + "/static"


def create_app(settings: WebSettings | None = None) -> FastAPI:
    from xiezhi.api import build_router
    from xiezhi.web import errors
    from xiezhi.web.pages import ROUTERS
    from xiezhi.web.security import SecurityMiddleware

    settings = settings or WebSettings()
    app = FastAPI(
        title="獬豸 xiezhi API", version=__version__,
        description="网贷逾期与催收法律信息（离线运行）。法律信息，不是法律意见；具体案件请咨询律师或拨打 12348。",
        openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.settings = settings
    app.state.vault = None
    errors.install(app)
    app.include_router(build_router())
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(SecurityMiddleware, settings=settings)
    return app


SETTINGS_ENV = "XIEZHI_WEB_SETTINGS"


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` worker processes: settings come from XIEZHI_WEB_SETTINGS."""
    import os

    raw = os.environ.get(SETTINGS_ENV)
    return create_app(WebSettings.from_env(raw) if raw else None)
