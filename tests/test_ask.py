"""Ask: signature question group, out-of-domain declines, answer JSON shape, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xiezhi.ask import DECLINE_NOTICE, Answer, answer, rank
from xiezhi.errors import InputError
from xiezhi.kb import card_files

pytestmark = pytest.mark.skipif(not card_files(), reason="no knowledge cards shipped yet")

SIGNATURE = [
    "网贷逾期后，催收人员真的会上门吗？",
    "网贷逾期后，催收人员会通知上门吗？",
    "网贷逾期后，催收人员会强制上门吗？",
    "网贷逾期后，催收人员会天天上门吗？",
    "网贷逾期后，催收人员会找上门吗？",
    "网贷逾期后，催收人员会上门到访吗？",
]

#: Held out: written for this test and never used to tune the gate (the dev set's OOD questions are
#: in bench/data/ask_dev.jsonl).  Several mention money or 欠.
OUT_OF_DOMAIN = [
    "离婚时两个孩子的抚养权怎么判",
    "丈夫家暴，怎样申请人身安全保护令",
    "被车撞了，保险公司赔偿标准是什么",
    "电动车闯红灯被交警罚款合理吗",
    "公司拖欠我三个月工资不发怎么办",
    "老板不给签劳动合同，可以要双倍工资吗",
    "装修公司拿了定金不干活怎么办",
    "房东提前收回房子要赔我钱吗",
    "买的新房面积缩水了怎么维权",
    "牙齿种植失败诊所拒绝退费",
    "父亲去世后兄弟姐妹怎么分房产",
    "在淘宝买的手机是翻新机能退一赔三吗",
    "邻居家空调外机噪音太大怎么投诉",
    "孩子被培训机构退费难怎么办",
    "开车撞了别人的车，对方要我赔五千合理吗",
    "单位不给缴社保，离职后还能补吗",
    "被人打了一巴掌可以让他拘留吗",
    "我想改名字需要去哪里办",
    "网上卖二手手机被买家骗了",
    "小区停车位被别人占了怎么办",
]


def test_signature_group_lands_on_one_card() -> None:
    answers = [answer(q, statutes=0) for q in SIGNATURE]
    assert all(a.answered for a in answers), [(a.question, a.confidence) for a in answers]
    ids = {a.card.id for a in answers if a.card}
    assert len(ids) == 1, ids
    cited = {c.id for c in answers[0].citations}
    assert "civil-code:675" in cited
    assert cited & {"criminal-law:245", "criminal-law:293-1"}
    assert any(c.startswith("public-security-punishments-law:") for c in cited)  # the text in force


@pytest.mark.parametrize("question", OUT_OF_DOMAIN)
def test_out_of_domain_questions_decline(question: str) -> None:
    a = answer(question)
    assert not a.answered, (question, a.card.id if a.card else None, a.confidence)
    assert a.card is None and a.citations == [] and a.related == []


def test_answer_json_has_exactly_the_agreed_keys() -> None:
    data = json.loads(answer(SIGNATURE[0]).model_dump_json())
    assert list(data) == ["question", "answered", "confidence", "card", "citations", "related", "statutes"]
    assert list(data["card"]) == ["id", "title", "conclusion", "analysis", "steps", "see_lawyer_when"]
    for art in data["citations"]:
        assert {"id", "instrument", "display", "text", "version", "effective"} <= set(art)
    assert data["statutes"] and all("score" in s for s in data["statutes"])
    assert 0.0 <= data["confidence"] <= 1.0
    for rel in data["related"]:
        assert set(rel) == {"id", "title"}


def test_citations_are_the_cards_and_resolve(corpus) -> None:
    a = answer("wd逾期了cs说要爆通讯录咋办")
    assert a.answered and a.card is not None
    for art in a.citations:
        assert corpus.article(art.id).text == art.text


def test_declined_answer_still_lists_statutes() -> None:
    a = answer("今天天气怎么样，适合出门吗")
    assert not a.answered and a.card is None
    assert "12348" in DECLINE_NOTICE


@pytest.mark.parametrize("bad", ["", "   ", "问" * 2001])
def test_bad_questions_raise_input_error(bad: str) -> None:
    with pytest.raises(InputError):
        answer(bad)


def test_traditional_and_full_width_question_matches_simplified() -> None:
    simp = rank("网贷逾期后，催收人员真的会上门吗？")
    trad = rank("網貸逾期後，催收人員真的會上門嗎？")
    assert trad.card_ids[0] == simp.card_ids[0]


def test_answer_model_round_trips() -> None:
    a = answer(SIGNATURE[0])
    assert Answer.model_validate_json(a.model_dump_json()) == a


# --- CLI ---------------------------------------------------------------------------------------

def run_cli(*args: str) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from xiezhi.cli import app

    result = CliRunner().invoke(app, ["ask", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_human_output_has_sections() -> None:
    code, out, _ = run_cli(SIGNATURE[0])
    assert code == 0
    for heading in ("结论", "分析", "建议步骤", "依据（法条原文）", "法律信息，不是"):
        assert heading in out


def test_cli_json_single() -> None:
    code, out, _ = run_cli(SIGNATURE[0], "--json")
    assert code == 0
    assert json.loads(out)["answered"] is True


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_cli_file_one_json_per_line_in_order(tmp_path: Path, encoding: str) -> None:
    questions = [SIGNATURE[0], OUT_OF_DOMAIN[0], "xyk逾期会坐牢吗"]
    p = tmp_path / "q.txt"
    p.write_text("\n".join(questions[:2]) + "\n\n" + questions[2] + "\n", encoding=encoding)
    code, out, _ = run_cli("--file", str(p), "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in rows] == questions
    assert rows[0]["answered"] is True and rows[1]["answered"] is False


def test_cli_bad_input_exit_code_2(tmp_path: Path) -> None:
    code, _, err = run_cli("   ")
    assert code == 2 and "问题是空的" in err
    code, _, err = run_cli("--file", str(tmp_path / "missing.txt"))
    assert code == 2 and "找不到文件" in err
    code, _, _ = run_cli()
    assert code == 2


def test_cli_file_bad_line_keeps_alignment(tmp_path: Path) -> None:
    p = tmp_path / "q.txt"
    p.write_text(SIGNATURE[0] + "\n" + "问" * 2001 + "\n" + SIGNATURE[1] + "\n", encoding="utf-8")
    code, out, _ = run_cli("--file", str(p), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 3
    assert rows[0]["answered"] and "error" in rows[1] and rows[2]["answered"]


def test_card_answer_by_id() -> None:
    from xiezhi.ask import card_answer

    first = answer(SIGNATURE[0])
    assert first.card is not None
    direct = card_answer(first.card.id)
    assert direct.answered and direct.confidence == 1.0 and direct.card == first.card
    assert direct.citations == first.citations
    with pytest.raises(InputError):
        card_answer("no-such-card")


def _answer_built_model_by_model(question: str) -> Answer:
    """The answer assembled the way answer() used to, one pydantic model at a time (the reference)."""
    from xiezhi.ask import ArticleRef, CardView, RelatedCard, StatuteHit
    from xiezhi.ask.engine import decide
    from xiezhi.law import get_corpus
    from xiezhi.search.cards import get_index
    from xiezhi.search.statutes import feedback_text, search_statutes

    corpus, index = get_corpus(), get_index()
    r = rank(question)
    card = index.cards[r.card_ids[0]] if decide(r) else None
    hits = [StatuteHit(**corpus.article_json(a), score=round(s, 4))
            for a, s in search_statutes(feedback_text(question, card) if card else question, top=5)]
    if card is None:
        return Answer(question=question, answered=False, confidence=round(r.confidence, 4), card=None,
                      citations=[], related=[], statutes=hits)
    return Answer(
        question=question, answered=True, confidence=round(r.confidence, 4),
        card=CardView(id=card.id, title=card.title, conclusion=card.conclusion, analysis=card.analysis,
                      steps=list(card.steps), see_lawyer_when=list(card.see_lawyer_when)),
        citations=[ArticleRef(**corpus.article_json(c)) for c in card.citations if corpus.has(c)],
        related=[RelatedCard(id=c, title=index.cards[c].title) for c in card.related if c in index.cards],
        statutes=hits)


@pytest.mark.parametrize("question", [SIGNATURE[0], OUT_OF_DOMAIN[0], "wd逾期cs说要爆通讯录", "網貸逾期後會坐牢嗎"])
def test_answer_equals_the_model_by_model_assembly(question: str) -> None:
    got = answer(question)
    assert got.model_dump_json() == _answer_built_model_by_model(question).model_dump_json()
    # Answers share no mutable state: changing one leaves the next untouched.
    if got.citations:
        got.citations[0].text = "changed"
        got.citations.clear()
    got.statutes[0].text = "changed"
    assert answer(question).model_dump_json() == _answer_built_model_by_model(question).model_dump_json()
