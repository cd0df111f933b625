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


def create_app(settings: WebSettings | None = None, *, direct_routes: bool = True) -> FastAPI:
    """`direct_routes=False` leaves the @direct API routes to FastAPI's own dispatch (tests compare both)."""
    from xiezhi.api import build_router, direct
    from xiezhi.web import errors
    from xiezhi.web.pages import ROUTERS
    from xiezhi.web.security import SecurityMiddleware

    settings = settings or WebSettings()
    app = FastAPI(
        **_no_telemetry(),
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
    if direct_routes:
        direct.install(app)  # inside SecurityMiddleware: token, Host, cross-site checks and headers apply
    app.add_middleware(SecurityMiddleware, settings=settings)
    return app


def _no_telemetry() -> dict[str, object]:
    """Newer FastAPI has native OpenTelemetry that looks up the global providers on every request.
    xiezhi runs offline and exports nothing, so switch it off where the option exists."""
    import inspect

    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}


SETTINGS_ENV = "XIEZHI_WEB_SETTINGS"


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` worker processes: settings come from XIEZHI_WEB_SETTINGS."""
    import os

    raw = os.environ.get(SETTINGS_ENV)
    return create_app(WebSettings.from_env(raw) if raw else None)


def serve_app_from_env() -> FastAPI:
    """Factory of `xiezhi serve --workers N`: `app_from_env`, warmed up in each worker process."""
    app = app_from_env()
    warm_up()
    return app


WARM_UP_QUESTION = "网贷逾期后，催收人员真的会上门吗？"
WARM_UP_MESSAGE = "再不还钱，今晚就上门找你家人"


def warm_up() -> None:
    """For a serving process, before it takes requests: load what the first /ask and /check would load
    (statute index, question cards, rules and model), then move all of it out of the garbage
    collector's sight with `gc.freeze()`. Otherwise each full collection walks this long-lived heap
    (~110 ms measured), stalling every client at once, which is exactly the p99 latency. A capability
    that is missing or fails here is skipped: its endpoint reports that by itself."""
    import gc
    import logging

    from xiezhi.api import capabilities

    calls = {"ask": lambda fn: fn(WARM_UP_QUESTION), "check": lambda fn: fn(WARM_UP_MESSAGE, {})}
    for name, call in calls.items():
        fn = capabilities.get(name)
        if fn is None:
            continue
        try:
            call(fn)
        except Exception:  # a half-built capability must not stop the server
            logging.getLogger("xiezhi.web").warning("warm-up of %s failed", name, exc_info=True)
    gc.collect()
    gc.freeze()
