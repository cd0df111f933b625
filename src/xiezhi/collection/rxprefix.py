"""Faster rule expressions with the same matches: a leading `(?=[...])` of the characters a match can start with.

Python's `re` tries an alternation of many words at every position of the text; when the expression
starts with a group it cannot skip positions by itself. `first_chars` works out from the parsed expression
the set of characters every match starts with (or None when it cannot: a class with ranges, `.`, a
possibly empty match); `with_first_chars` then prefixes the expression with a lookahead on that set, which
fails at once at the other positions. A lookahead consumes nothing and adds no group, so `finditer` yields
the same matches (tests/test_check_speed.py compares them on the dev texts).
"""

from __future__ import annotations

import re
from typing import Any


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        from re import _parser  # type: ignore[attr-defined]

        got = _first(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # pragma: no cover - an unexpected parse tree: leave the expression as it is
        return None
    if got is None or got[1] or not got[0]:
        return None  # unknown, or the expression can match the empty string
    return frozenset(got[0])


def _first(items: list[Any]) -> tuple[set[str], bool] | None:
    """(characters a match of this sequence can start with, whether it can match empty); None = unknown."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the first character comes from what follows
        if op is c.LITERAL:
            out.add(chr(av))
            return out, False
        if op is c.IN:
            if not all(o is c.LITERAL for o, _ in av):
                return None
            out.update(chr(v) for _, v in av)
            return out, False
        if op is c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            got = None if add_flags & re.IGNORECASE else _first(sub.data)
        elif op is c.BRANCH:
            got = (set(), False)
            for alt in av[1]:
                one = _first(alt.data)
                if one is None:
                    return None
                got[0].update(one[0])
                got = (got[0], got[1] or one[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, _hi, sub = av
            one = _first(sub.data)
            got = None if one is None else (one[0], one[1] or lo == 0)
        else:
            return None
        if got is None:
            return None
        out.update(got[0])
        if not got[1]:
            return out, False
    return out, True


def with_first_chars(pattern: re.Pattern[str]) -> re.Pattern[str]:
    chars = first_chars(pattern)
    if chars is None:
        return pattern
    cls = "".join(re.escape(ch) for ch in sorted(chars))
    try:
        return re.compile(f"(?=[{cls}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. an inline global flag, which must stay at the start
        return pattern


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings of which every match of `pattern` contains at least one, so that on a text containing none of
    them the expression cannot match and need not run; None when no such set is known (a class with ranges,
    `.`, an optional part...). Of the candidate sets the one whose shortest string is longest is kept.
    tests/test_check_speed_gate.py checks the claim on strings generated from the rule expressions."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        from re import _parser  # type: ignore[attr-defined]

        got = _required(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # pragma: no cover - an unexpected parse tree: no gate
        return None
    return None if got is None or not all(got) else tuple(sorted(set(got)))


def _better(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _required(items: list[Any]) -> tuple[str, ...] | None:
    """Required-literal set of a sequence: the best of its items' sets; consecutive literals are joined."""
    from re import _constants as c  # type: ignore[attr-defined]

    best: tuple[str, ...] | None = None
    run = ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if run:
            best = _better(best, (run,))
            run = ""
        got: tuple[str, ...] | None = None
        if op is c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            got = None if add_flags & re.IGNORECASE else _required(sub.data)
        elif op is c.BRANCH:
            alts = [_required(alt.data) for alt in av[1]]
            got = None if any(a is None for a in alts) else tuple(s for a in alts if a for s in a)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, _hi, sub = av
            got = _required(sub.data) if lo >= 1 else None
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av):
            got = tuple(chr(v) for _, v in av)
        best = _better(best, got)
    if run:
        best = _better(best, (run,))
    return best


def required_dnf(pattern: re.Pattern[str]) -> list[list[tuple[str, ...]]] | None:
    """A stronger necessary condition than `required_literals`: one entry per top-level alternative of the
    expression, each a list of clauses, each clause a tuple of strings of which a match of that alternative
    contains at least one. The expression can match only in a text where, for some alternative, every clause
    has a string in the text (an alternative with no clause can match anywhere). None when unknown (flags).
    Zero-width items (anchors, lookarounds) are left out, which only widens what is allowed.
    tests/test_check_speed_prefilter.py checks the claim on the dev texts and on generated strings."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        from re import _parser  # type: ignore[attr-defined]

        return _dnf(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # pragma: no cover - an unexpected parse tree: no prefilter
        return None


def _dnf(items: list[Any]) -> list[list[tuple[str, ...]]]:
    from re import _constants as c  # type: ignore[attr-defined]

    items = [(op, av) for op, av in items if op not in (c.AT, c.ASSERT, c.ASSERT_NOT)]
    if len(items) == 1:
        op, av = items[0]
        if op is c.BRANCH:
            return [conj for alt in av[1] for conj in _dnf(alt.data)]
        if op is c.SUBPATTERN and not av[1] & re.IGNORECASE:
            return _dnf(av[3].data)
    return [_cnf(items)]


def _cnf(items: list[Any]) -> list[tuple[str, ...]]:
    """Clauses of a sequence: every match of it contains one string of each clause."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: list[tuple[str, ...]] = []
    run = ""
    for op, av in items:
        if op is c.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append((run,))
            run = ""
        if op is c.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                out.extend(_cnf(av[3].data))
        elif op is c.BRANCH:
            alts = [_best_clause(_cnf(alt.data)) for alt in av[1]]
            if all(a is not None for a in alts):
                out.append(tuple(sorted({s for a in alts if a is not None for s in a})))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, _hi, sub = av
            if lo >= 1:
                out.extend(_cnf(sub.data))
        elif op is c.IN and av and all(o is c.LITERAL for o, _ in av):
            out.append(tuple(sorted({chr(v) for _, v in av})))
    if run:
        out.append((run,))
    return out


def _best_clause(clauses: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    if not clauses:
        return None
    return max(clauses, key=lambda cl: (min(map(len, cl)), -len(cl)))
