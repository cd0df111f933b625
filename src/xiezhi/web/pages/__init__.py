"""Page routers (one module per tool)."""

from __future__ import annotations

from xiezhi.web.pages import ask, assess, check, evidence, law, loan, placeholders

ROUTERS = [assess.router, ask.router, check.router, loan.router, evidence.router, placeholders.router, law.router]
