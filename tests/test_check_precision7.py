"""Precision as principles (sixth session, helper "precision7"): what makes a message lawful or a label wrong, drawn
from the lawful false positives and wrong labels of the read development sets and of the replay of first-look rules,
kept only where at least three annotators agree. Each principle has a pair (the wrong label absent / the right label
present) written for this file in new wording, not taken from any set.

- Banging or kicking at a door during a visit is the pressure of the visit (unlawful_visit, intimidation), not
  property damage: violence_threat only when the door was damaged or smashing it is threatened (vt-property).
"""

from __future__ import annotations

import pytest

from xiezhi.collection import analyze

PAIRS = [
    # door-banging told by the borrower is no violence; a threat to smash the door, or a damaged door, is
    ("violence_threat", "前天夜里有两个人在我家门口砸门，喊我名字让我出来还钱，我没开，他们骂了一阵就走了。",
     "你再躲着不还，周末我们就去你家砸门，看你开不开。"),
    ("violence_threat", "下午有人一直踹门，说是平台派来的，在门口嚷了二十分钟才走。",
     "下午有人一直踹门，说是平台派来的，防盗门都踹变形了。"),
]


@pytest.mark.parametrize("model", [False, None], ids=["rules", "full"])
@pytest.mark.parametrize(("category", "lawful", "unlawful"), PAIRS)
def test_precision_principle(category: str, lawful: str, unlawful: str, model: object) -> None:
    assert category not in analyze(lawful, {}, model=model).labels
    assert category in analyze(unlawful, {}, model=model).labels
