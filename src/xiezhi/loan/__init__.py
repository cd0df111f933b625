"""Loans: schedules, true annualised cost (IRR), the dated legal caps, and what is legally owed.

```python
from xiezhi.loan import LoanInput, assess_loan, load_loan_input
result = assess_loan(LoanInput.model_validate({...}))   # -> LoanAssessment
```
"""

from xiezhi.loan.assess import assess_loan
from xiezhi.loan.io import load_loan_input, parse_loan_input
from xiezhi.loan.irr import irr, npv
from xiezhi.loan.models import (
    Alternative,
    CapBasis,
    CapSegment,
    Claimed,
    Fee,
    LegallyOwed,
    LoanAssessment,
    LoanCitation,
    LoanInput,
    OwedBreakdown,
    Payment,
    Protected,
    ScheduleRow,
    ScheduleSpec,
)
from xiezhi.loan.schedule import build_schedule

__all__ = [
    "Alternative",
    "CapBasis",
    "CapSegment",
    "Claimed",
    "Fee",
    "LegallyOwed",
    "LoanAssessment",
    "LoanCitation",
    "LoanInput",
    "OwedBreakdown",
    "Payment",
    "Protected",
    "ScheduleRow",
    "ScheduleSpec",
    "assess_loan",
    "build_schedule",
    "irr",
    "load_loan_input",
    "npv",
    "parse_loan_input",
]
