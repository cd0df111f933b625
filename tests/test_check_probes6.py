"""Flag rate on the sixth file of lawful probes (helper "probe12", eleventh session, 2026-11-29).

bench/data/tools/ood_lawful_probes6.txt holds 160 lawful messages written blind (before the engine was run on any of
them) to stress the families this session's rules added: real couriers, classmates, HR and bank service with no
collection pretext, family members' worried or angry words, lawful deadlines and notified visits, genuine court and
mediation notices, safety notices, anti-fraud warnings, news and forum text, questions and negations, dialect and
pinyin. Every line should come out `compliant`; the list of lines still flagged, with the rule that fires, is in
/work/briefs/probe12_flags.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from xiezhi.collection import analyze

PROBES6 = Path(__file__).resolve().parents[1] / "bench" / "data" / "tools" / "ood_lawful_probes6.txt"
#: Line 134 of the file ("我想问一下，催收冒充我同学打电话给我朋友，这个我该怎么投诉？") is no lawful probe: it reports a
#: collector's private pretext that happened, which conventions 8 and 21 label `impersonation` (precision12b and the
#: lead, after the file was written blind); it is checked to be flagged and left out of the lawful count.
NOT_LAWFUL = "催收冒充我同学打电话给我朋友"
#: Most of the other 159 lines the engine may flag (rules alone, full engine): 0 and 1 at the end of the eleventh
#: session (main flagged 16 and 14 of them at the session's start, 5a622c6, and 14 and 12 at probe12's interim merge;
#: precision12b and the legal fixes cured the rest but #52, which the classifier reads as violence). A change that flags
#: more lawful wording fails; a change that cures some should lower these limits.
PROBES6_MAX_FLAGGED = {"rules": 0, "full": 1}


def _lines() -> list[str]:
    text = PROBES6.read_text(encoding="utf-8")
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
def test_lawful_probes6_flag_rate(model: object) -> None:
    lines = _lines()
    assert len(lines) == 160
    reported = [s for s in lines if NOT_LAWFUL in s]
    assert len(reported) == 1 and "impersonation" in analyze(reported[0], {}, model=model).labels
    flagged = [s for s in lines if NOT_LAWFUL not in s and analyze(s, {}, model=model).labels != ["compliant"]]
    limit = PROBES6_MAX_FLAGGED["rules" if model is False else "full"]
    assert len(flagged) <= limit, f"{len(flagged)} lawful probes flagged (at most {limit}): {flagged}"


def test_lawful_probes6_limit_can_fail() -> None:
    # the guard above is live: an unlawful line in the same run is flagged, so a broken analyze cannot pass silently
    assert analyze("你再不还钱，我们明天就去你单位找你领导，让你全公司都知道你欠钱不还", {}, model=False).labels != [
        "compliant"
    ]
