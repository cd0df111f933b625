"""answer_json (what /api/v1/ask sends) must be byte for byte answer(...).model_dump_json()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xiezhi.ask import answer, answer_json, card_answer

DEV = Path(__file__).resolve().parent.parent / "bench" / "data" / "ask_dev.jsonl"
ODD = [
    "网贷逾期后，催收人员真的会上门吗？",
    "催收说\"再不还就上门\"，还\\说要\t爆通讯录\n怎么办",   # quotes, backslash, tab, newline
    "wd逾期了cs说要爆通讯录咋办😭😭 \x01\x1f\x7f\u2028",          # emoji, control characters, separators
    "網貸逾期了，催收天天打電話給我家人，合法嗎？",                # traditional characters
    "离婚后孩子抚养权归谁",                                        # declined (another legal topic)
    "今天天气怎么样",                                              # declined (no domain word)
    "x" * 2000,                                                    # the longest allowed question
]


def _dev_questions(every: int = 7) -> list[str]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["q"] for i, r in enumerate(rows) if i % every == 0]


@pytest.mark.parametrize("statutes", [0, 1, 5, 20])
def test_same_bytes_as_the_model_on_odd_questions(statutes: int) -> None:
    for q in ODD:
        assert answer_json(q, statutes=statutes) == answer(q, statutes=statutes).model_dump_json().encode(), q


def test_same_bytes_as_the_model_on_dev_questions() -> None:
    questions = _dev_questions()
    assert len(questions) > 60
    answered = 0
    for i, q in enumerate(questions):
        statutes = (5, 3, 10)[i % 3]
        a = answer(q, statutes=statutes)
        answered += a.answered
        assert answer_json(q, statutes=statutes) == a.model_dump_json().encode(), q
    assert 0 < answered < len(questions)  # both kinds of answer were compared


def test_every_card_fragment_matches_the_model() -> None:
    """Each card's fixed part, through card_answer's Answer (confidence 1.0, its own statutes)."""
    from xiezhi.ask.engine import _card_answer
    from xiezhi.ask.fragments import card_fragment
    from xiezhi.search.cards import get_index

    for card in get_index().cards.values():
        want = _card_answer("问", card, 0.5, []).model_dump_json().encode()
        assert want == b'{"question":"\xe9\x97\xae","answered":true,"confidence":0.5,' + card_fragment(card) \
            + b',"statutes":[]}'
        assert card_answer(card.id, statutes=0).model_dump_json().startswith('{"question":')


def test_bad_input_raises_as_answer_does() -> None:
    from xiezhi.errors import InputError

    for q in ("", "   ", "x" * 2001):
        with pytest.raises(InputError):
            answer_json(q)


def test_api_sends_answer_json(tmp_path, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from xiezhi.web.app import create_app

    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    monkeypatch.delenv("XIEZHI_DATABASE_URL", raising=False)
    with TestClient(create_app()) as client:
        for q in ODD[:5]:
            r = client.post("/api/v1/ask", json={"question": q, "statutes": 3})
            assert r.status_code == 200
            assert r.headers["content-type"] == "application/json"
            assert r.content == answer(q, statutes=3).model_dump_json().encode()
