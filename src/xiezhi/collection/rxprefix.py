"""Faster rule expressions with the same matches: a leading `(?=[...])` of the characters a match can start with.

Python's `re` tries an alternation of many words at every position of the text; when the expression
starts with a group it cannot skip positions by itself. `first_class` works out from the parsed expression
a character class holding the first character of every match (or None when it cannot: `.`, a negated class,
a possibly empty match); `with_first_chars` then prefixes the expression with a lookahead on that class, which
fails at once at the other positions. A lookahead consumes nothing and adds no group, so `finditer` yields
the same matches (tests/test_check_speed.py compares them on the dev texts).

Cheaper still, `SpanScan` gives the same match spans with an expression that starts with that class and tries the
rule expression in a lookahead behind it: `re` then scans for the first character itself, in C (a leading lookahead
hides that scan: every position costs a call into the matcher).
"""

from __future__ import annotations

import re
from typing import Any


def with_first_chars(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a lookahead on the characters its matches start with (`first_class`); as it is when unknown.
    A match that can only start at the beginning of the text (after `^` or `\\A`) gets `\\A` as the other branch of
    the lookahead, so the characters that follow the anchor need not be known."""
    got = first_class(pattern)
    if got is None:
        return pattern
    cls, at_start = got
    head = f"(?=[{cls}])" if cls else ""
    if at_start:
        head = f"(?:\\A|{head})" if head else "\\A"
    try:
        return re.compile(f"{head}(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. an inline global flag, which must stay at the start
        return pattern


class SpanScan:
    """The spans of the non-empty matches `pattern.finditer(text)` gives, found faster where the first character
    of every match is known (`first_class`): `[C](?<=(?=(P))[C])`, C that class and P the expression. It starts
    with a class, so `re` itself scans for the next position holding one of C's characters (in C, its "charset
    prefix", which a leading lookahead hides), and there matches one character, steps back over it (the fixed-width
    lookbehind) and tries P at that position in a lookahead, whose group 1 is P's match: the match `finditer` finds
    at that position. `spans` then goes on from the end of that match, as `finditer` does after a non-empty match.
    Positions whose character is not in C are those where the lookahead `with_first_chars` puts in front fails, so
    P is tried at the same positions in the same order and the spans are the same (tests/test_check_speed.py).
    Expressions that may match empty, may start at the beginning of the text with any character, or refer to
    their own groups by number (which group 1 would shift) are `with_first_chars(P)`, scanned with `finditer`.

    The faster expression is compiled when `spans` first runs: a process that checks a few messages compiles it
    for the few rules that run (it costs more to compile than P itself)."""

    __slots__ = ("_cls", "_jump", "pattern")

    def __init__(self, plain: re.Pattern[str]) -> None:
        self._cls = _jump_class(plain)
        #: what `spans` scans with `finditer` where there is no faster expression; matches the same as `plain`
        self.pattern = plain if self._cls is not None else with_first_chars(plain)
        self._jump: re.Pattern[str] | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """[(start, end)] of the non-empty matches of `pattern.finditer(text)`, in its order."""
        jump = self._jump
        if jump is None:
            cls = self._cls
            if cls is not None:
                try:
                    self._jump = jump = re.compile(_jump_source(cls, self.pattern.pattern), self.pattern.flags)
                except (re.error, RecursionError, OverflowError):  # pragma: no cover - the plain scan instead
                    self._cls, self.pattern = None, with_first_chars(self.pattern)
            if jump is None:
                return [(m.start(), m.end()) for m in self.pattern.finditer(text) if m.end() > m.start()]
        out: list[tuple[int, int]] = []
        pos = 0
        while (m := jump.search(text, pos)) is not None:
            span = m.span(1)
            out.append(span)
            pos = span[1]  # > span[0]: a match of P starts with a character of C, so it is never empty
        return out


def _jump_source(cls: str, source: str) -> str:
    return f"[{cls}](?<=(?=({source}))[{cls}])"


def _jump_class(plain: re.Pattern[str]) -> str | None:
    """C of `SpanScan`'s `[C](?<=(?=(P))[C])`, or None when that form does not apply."""
    if plain.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE):
        return None
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        items = _parser.parse(plain.pattern, plain.flags).data
        got = _first_class_of(items)
        if got is None or got[1] or not got[0]:
            return None  # unknown, or a match can start at the beginning of the text with any character
        if _has_op(items, (c.GROUPREF, c.GROUPREF_EXISTS)):
            return None  # `\1` or `(?(1)...)` would refer to the group put around P
        _parser.parse(_jump_source(got[0], plain.pattern), plain.flags)  # e.g. an inline global flag cannot be inside
        return got[0]
    except Exception:  # pragma: no cover - an unexpected parse tree
        return None


def _has_op(items: Any, ops: tuple[Any, ...]) -> bool:
    """Whether a parsed expression holds one of `ops` anywhere."""
    for op, av in items:
        if op in ops:
            return True
        subs = av if isinstance(av, (tuple, list)) else (av,)
        for sub in subs:
            if hasattr(sub, "data") and _has_op(sub.data, ops):
                return True
            if isinstance(sub, (tuple, list)) and any(hasattr(x, "data") and _has_op(x.data, ops) for x in sub):
                return True
    return False


#: the character classes a class may hold, as written inside `[...]`
_CATEGORY_SOURCE = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def first_class(pattern: re.Pattern[str]) -> tuple[str, bool] | None:
    """(body of a character class that holds the first character of every match, whether a match can also start
    at the beginning of the text with any character), or None when unknown or when a match can be empty elsewhere.
    The class may hold literals, ranges and `\\d`-like classes (written as the expression writes them, under the
    same flags, so they mean the same characters), and a branch that starts with `^` or `\\A` (without MULTILINE)
    only adds the beginning of the text instead of making the first character unknown."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE | re.MULTILINE):
        return None
    try:
        from re import _parser  # type: ignore[attr-defined]

        return _first_class_of(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # pragma: no cover - an unexpected parse tree: leave the expression as it is
        return None


def _first_class_of(items: Any) -> tuple[str, bool] | None:
    """`first_class` of a parsed expression."""
    got = _first_cls(items)
    if got is None or got[1] or not (got[0] or got[2]):
        return None  # unknown, or a match can be empty away from the beginning
    return "".join(sorted(got[0])), got[2]


def _class_items(av: list[Any]) -> set[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    out: set[str] = set()
    for o, v in av:
        if o is c.LITERAL:
            out.add(re.escape(chr(v)))
        elif o is c.RANGE:
            out.add(f"{re.escape(chr(v[0]))}-{re.escape(chr(v[1]))}")
        elif o is c.CATEGORY and str(v) in _CATEGORY_SOURCE:
            out.add(_CATEGORY_SOURCE[str(v)])
        else:  # a negated class, or anything else: unknown
            return None
    return out


def _first_cls(items: list[Any]) -> tuple[set[str], bool, bool] | None:
    """(class items a match of this sequence can start with, whether it can match empty, whether a match can
    start at the beginning of the text with any character); None = unknown. Zero-width items are skipped; `^`/`\\A`
    ends the sequence's contribution (what follows it starts a match only at the beginning of the text)."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: set[str] = set()
    at_start = False
    for op, av in items:
        if op is c.AT and av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING):
            return out, False, True
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width: the first character comes from what follows
        if op is c.LITERAL:
            out.add(re.escape(chr(av)))
            return out, False, at_start
        if op is c.IN:
            got_items = _class_items(av)
            if got_items is None:
                return None
            out.update(got_items)
            return out, False, at_start
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            got = None if (add_flags | del_flags) & (re.IGNORECASE | re.MULTILINE) else _first_cls(sub.data)
        elif op is c.BRANCH:
            got = (set(), False, False)
            for alt in av[1]:
                one = _first_cls(alt.data)
                if one is None:
                    return None
                got = (got[0] | one[0], got[1] or one[1], got[2] or one[2])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, _hi, sub = av
            one = _first_cls(sub.data)
            got = None if one is None else (one[0], one[1] or lo == 0, one[2])
        else:
            return None
        if got is None:
            return None
        out.update(got[0])
        at_start = at_start or got[2]
        if not got[1]:
            return out, False, at_start
    return out, True, at_start


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
