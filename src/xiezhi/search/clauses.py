"""The question at the end of a long story, so that ranking can weigh it.

Borrowers often paste what happened and ask at the end: "…上个月开始催收天天打电话，我妈都被打了好几次，
我现在该怎么办，会不会坐牢".  Every word of the story counts as much as the question's own words, and
a story that mentions calls, family and overdue debts pulls towards those cards while the asker
wants to know about 坐牢.  For a long question (at least LONG_QUESTION_CHARS characters of
normalised text, in at least two clauses) the last clause that reads as a question is searched once
more with the question (BM25 counts a repeated query term 1 + 0.5 per repeat), FINAL_CLAUSE_REPEATS
times.  Short questions are left as they were.

Measured on bench/data/ask_long_dev.jsonl (53 long questions written for this) and the other dev
sets; see docs/ask.md for the figures and the variants that were tried.
"""

from __future__ import annotations

import re

#: Normalised length from which a question counts as a story with a question at the end.
LONG_QUESTION_CHARS = 60
#: How many extra times the final question clause is searched.
FINAL_CLAUSE_REPEATS = 2
_CLAUSE_BREAK = re.compile(r"[,.!?;:~、…\s]+")
#: Words that make a clause a question (interrogatives, A-not-A forms, sentence-final particles).
_QUESTION_CUE = re.compile(
    r"吗|么|呢|\?|怎|如何|能不能|会不会|要不要|是不是|可不可以|有没有|算不算|合不合|该不该|用不用|"
    r"多少|多久|哪|什么|谁|几|咋|啥|还是|能否|是否|可以")


def final_question_clause(normalized: str) -> str | None:
    """The last clause of a long normalised question that asks something (None: short, or none asks)."""
    if len(normalized) < LONG_QUESTION_CHARS:
        return None
    clauses = [c for c in _CLAUSE_BREAK.split(normalized) if c]
    if len(clauses) < 2:
        return None
    for clause in reversed(clauses):
        if _QUESTION_CUE.search(clause):
            return clause
    return None
