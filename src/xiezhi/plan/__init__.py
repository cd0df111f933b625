"""Repayment planning across several debts: budget, legally protected amounts, who first, instalments.

```python
from xiezhi.plan import PlanInput, make_plan, parse_plan_input, load_plan_input, render_plan
result = make_plan(parse_plan_input({...}))     # PlanResult (pydantic); result.chart_svg is an SVG
```
"""

from xiezhi.plan.io import load_plan_input, parse_plan_input
from xiezhi.plan.models import (
    DebtAssessment,
    DebtInput,
    MonthRow,
    Phase,
    PlanCitation,
    PlanInput,
    PlanResult,
    PlanWarning,
)
from xiezhi.plan.planner import make_plan
from xiezhi.plan.report import debt_rows, phase_rows, render_plan

__all__ = [
    "DebtAssessment",
    "DebtInput",
    "MonthRow",
    "Phase",
    "PlanCitation",
    "PlanInput",
    "PlanResult",
    "PlanWarning",
    "debt_rows",
    "load_plan_input",
    "make_plan",
    "parse_plan_input",
    "phase_rows",
    "render_plan",
]
