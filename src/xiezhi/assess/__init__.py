"""Guided self-assessment: an interview defined as data (data/assess) that chains Check and Loan.

    from xiezhi.assess import get_interview, next_step, assess, parse_answers
    answers = parse_answers({"lender.kind": "microloan", "collector.actions": ["visit", "threats"]})
    next_step(answers).question          # the next question to ask, or None
    result = assess(answers)             # AssessResult: sections of cited blocks
"""

from xiezhi.assess.engine import answered_ids, assess, next_step, parse_answers, parse_form, to_form
from xiezhi.assess.loader import get_interview, load_interview
from xiezhi.assess.models import AssessResult, Interview, Question, ResultBlock, Section, Step

__all__ = [
    "AssessResult",
    "Interview",
    "Question",
    "ResultBlock",
    "Section",
    "Step",
    "answered_ids",
    "assess",
    "get_interview",
    "load_interview",
    "next_step",
    "parse_answers",
    "parse_form",
    "to_form",
]
