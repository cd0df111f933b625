"""The final question clause of a long story is found, and short questions are left alone."""

from __future__ import annotations

from xiezhi.search.clauses import LONG_QUESTION_CHARS, final_question_clause


def test_short_question_has_no_final_clause() -> None:
    assert final_question_clause("网贷逾期会坐牢吗") is None
    assert final_question_clause("催收天天打电话,怎么办") is None


def test_long_story_final_question() -> None:
    story = ("我前年在好几个平台借了钱,本来每个月都按时还,去年公司裁员我失业了,现在网贷和信用卡一起逾期了三个月,"
             "上个月开始催收天天打电话,我妈都被打了好几次,我现在该怎么办,会不会坐牢")
    assert len(story) >= LONG_QUESTION_CHARS
    assert final_question_clause(story) == "会不会坐牢"
    spaced = story.replace(",", " ")
    assert final_question_clause(spaced) == "会不会坐牢"


def test_story_without_a_question_clause() -> None:
    story = "我去年借了网贷,后来逾期了,催收天天打电话给我家里人,我妈都急哭了,我真的很后悔借了这些钱,现在工作也丢了,每天睡不着觉"
    assert len(story) >= LONG_QUESTION_CHARS
    assert final_question_clause(story) is None


def test_long_questions_rank_the_final_question() -> None:
    """One of bench/data/ask_long_dev.jsonl's questions the story used to pull to the calls card."""
    from xiezhi.ask import rank

    q = ("我妈今年六十多了不会用智能手机，最近天天有人打她电话说我欠钱不还，让她替我还，还说不还就要上门，"
         "她吓得睡不着觉，我欠的钱我家里人要替我还吗")
    assert rank(q).card_ids[0] == "family-liability-relatives-pay"
