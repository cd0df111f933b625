"""HTTP API under /api/v1: the same models as the CLI, problem details for errors, OpenAPI schema."""

from __future__ import annotations

from fastapi import APIRouter


def build_router() -> APIRouter:
    from xiezhi.api import routes_core, routes_evidence, routes_law

    router = APIRouter(prefix="/api/v1")
    router.include_router(routes_core.router)
    router.include_router(routes_law.router)
    router.include_router(routes_evidence.router)
    return router
