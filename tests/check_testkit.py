"""Helpers shared by the Check speed and veto tests (imported as a plain module: pytest puts tests/ on sys.path)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Filler characters for generated strings: common words of collection messages, punctuation, digits, Latin.
FILL = "的了你我他们是在有不这钱还款催收上门家人公司，。！？ 123abc"


def snapshot_module() -> ModuleType:
    """scripts/snapshot_check.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("snapshot_check", ROOT / "scripts" / "snapshot_check.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sample_regex(items: list[Any], rnd: random.Random) -> str:
    """A string the sequence of parse items (`re._parser.parse(p).data`) may match; lookarounds and anchors are
    ignored, so callers filter the strings with the real expression."""
    from re import _constants as c  # type: ignore[attr-defined]

    out = []
    for op, av in items:
        if op is c.LITERAL:
            out.append(chr(av))
        elif op is c.SUBPATTERN:
            out.append(sample_regex(av[3].data, rnd))
        elif op is c.BRANCH:
            out.append(sample_regex(rnd.choice(av[1]).data, rnd))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            lo, hi, sub = av
            out.extend(sample_regex(sub.data, rnd) for _ in range(rnd.randint(lo, min(hi, lo + 3))))
        elif op is c.IN:
            lits = [chr(v) for o, v in av if o is c.LITERAL]
            if lits and not any(o is c.NEGATE for o, _ in av) and rnd.random() < 0.8:
                out.append(rnd.choice(lits))
            else:
                out.append(rnd.choice(FILL))
        elif op in (c.ANY, c.NOT_LITERAL):
            out.append(rnd.choice(FILL))
    return "".join(out)
