"""Scope of denials, questions and speakers in the Check engine (engine.py, normalize.py).

Chat-style lines put spaces where a full sentence puts commas; a denial or a question in one such phrase must not
cancel a threat in the next one. Stray spaces inside words (OCR, "上 门") are no pause.
"""

from __future__ import annotations

from xiezhi.collection import analyze
from xiezhi.collection.engine import clause_bounds
from xiezhi.collection.normalize import normalise, normalise_many


def labels(text: str, **meta: str) -> set[str]:
    return set(analyze(text, meta, model=False).labels)


def test_spacing_pause_is_recorded_between_words_only() -> None:
    n = normalise("我们不会打你 也不会骂你 我们就是天天去你家门口站着")
    assert n.text == "我们不会打你也不会骂你我们就是天天去你家门口站着"
    assert [n.text[:b][-2:] for b in n.breaks] == ["打你", "骂你"]
    assert normalise("您 的 借 款 己 逾 期 3 天").breaks == ()  # OCR: single characters between the spaces
    assert normalise("他们 上 门 了").breaks == ()
    assert normalise("收到你的还款2000了 剩下的1800 你说月底").breaks != ()  # digits are words too
    assert normalise("好的😂 周六火锅你请").breaks != ()  # an emoji beside the space is dropped with it
    assert normalise("没有空格的一句话").breaks == ()


def test_normalise_many_keeps_the_breaks() -> None:
    texts = ["我们不会打你 也不会骂你", "上 门", "plain", "好的😂 周六火锅你请", "您 的 借 款"]
    assert normalise_many(texts) == [normalise(t) for t in texts]


def test_clause_bounds_stop_at_a_pause_outside_the_match() -> None:
    n = normalise("我们不会打你 也不会骂你 我们就是天天去你家门口站着")
    s = n.text.index("天天去")
    cs, ce = clause_bounds(n.text, s, s + 3, [], n.breaks)
    assert n.text[cs:ce] == "我们就是天天去你家门口站着"
    # a pause inside the match does not cut it
    cs, ce = clause_bounds(n.text, 0, len(n.text), [], n.breaks)
    assert (cs, ce) == (0, len(n.text))


def test_denial_in_one_phrase_does_not_cancel_the_next() -> None:
    assert "unlawful_visit" in labels("你放心 我们不会打你 也不会骂你 我们就是天天去你家门口站着 跟你邻居聊聊天")
    # the same denial in the phrase of the act still cancels it
    assert labels("你好 这边是小额贷款公司贷后部 我们不会去你家也不会找你家人 就是想跟你商量个方案") == {"compliant"}


def test_question_in_the_last_phrase_does_not_cancel_the_reported_words() -> None:
    got = labels("他发了张图 是“逮捕令” 上面有我的名字身份证号 盖着公安局的红章 说今天不还明天执行 我吓得手都在抖 这是真的吗")
    assert "impersonation" in got
