"""Page routers (one module per tool)."""

from __future__ import annotations

from xiezhi.web.pages import ask, assess, check, evidence, evidence_edit, law, letters_plan, loan

ROUTERS = [assess.router, ask.router, check.router, loan.router, evidence.router, evidence_edit.router, letters_plan.router, law.router]
