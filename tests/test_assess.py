"""Self-assessment: the interview data validates, conditions evaluate in three values, walkthroughs
(tests/cases/assess/*.yaml) give the expected blocks and findings, and every citation resolves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from xiezhi.assess import assess, get_interview, load_interview, next_step, parse_answers
from xiezhi.assess.conditions import Condition
from xiezhi.assess.loader import DATA_DIR
from xiezhi.errors import DataError, InputError

CASES = sorted((Path(__file__).parent / "cases" / "assess").glob("*.yaml"))
WALKS = [(p.stem, c) for p in CASES for c in yaml.safe_load(p.read_text(encoding="utf-8"))]
CASE_KEYS = {"name", "answers", "expect"}
EXPECT_KEYS = {"blocks", "not_blocks", "findings", "next", "first_step"}


@pytest.mark.parametrize("case", [c for _, c in WALKS], ids=[c["name"] for _, c in WALKS])
def test_walkthrough(case):
    assert set(case) <= CASE_KEYS and set(case["expect"]) <= EXPECT_KEYS, f"unknown keys in {case['name']}"
    answers = parse_answers(case["answers"])
    exp = case["expect"]
    if "next" in exp:
        step = next_step(answers)
        assert step.question is not None and step.question.id == exp["next"]
    if not exp.keys() & {"blocks", "not_blocks", "findings", "first_step"}:
        return
    result = assess(answers)
    shown = {b.id: b for s in result.sections for b in s.blocks}
    for bid in exp.get("blocks", []):
        assert bid in shown, f"{bid} not shown; shown: {sorted(shown)}"
    for bid in exp.get("not_blocks", []):
        assert bid not in shown, f"{bid} shown but should not be"
    if "findings" in exp:
        cats = {i["category"] for i in shown["unlawful-described"].items if i.get("kind") == "finding"}
        assert set(exp["findings"]) <= cats, cats
    if "first_step" in exp:
        steps = next(s for s in result.sections if s.id == "steps")
        assert steps.blocks[0].id == exp["first_step"]


def test_every_block_and_question_reachable_and_cited(corpus):
    iv = get_interview()
    cited = 0
    for b in iv.blocks:
        for cid in b.citations:
            assert corpus.has(cid), f"{b.id}: {cid} does not resolve"
            cited += 1
        if b.section != "steps" or b.citations:
            assert b.citations or b.compute, f"block {b.id} states law without citing it"
    assert cited > 20
    shown: set[str] = set()
    for _, case in WALKS:
        if "blocks" in case["expect"]:
            shown |= set(case["expect"]["blocks"])
    assert len(shown) >= len(iv.blocks) // 2  # the walkthroughs cover at least half of the blocks


def test_choice_categories_are_check_categories():
    from xiezhi.collection import CATEGORIES

    for q in get_interview().questions.values():
        for f in q.fields:
            for c in f.choices:
                assert c.category is None or c.category in CATEGORIES, (q.id, c.value, c.category)


def test_conditions_three_valued():
    c = Condition.model_validate({"any": [{"var": "a", "has": "x"}, {"var": "b", "is": True}]})
    assert c.evaluate({}) is None
    assert c.evaluate({"a": ["x"]}) is True
    assert c.evaluate({"a": ["y"]}) is None
    assert c.evaluate({"a": ["y"], "b": False}) is False
    assert Condition.model_validate({"not": {"var": "a", "in": [1, 2]}}).evaluate({"a": 3}) is True
    assert Condition.model_validate({"var": "n", "gte": 3}).evaluate({"n": "5"}) is True
    assert Condition.model_validate({"var": "s", "answered": True}).evaluate({"s": None}) is False


@pytest.mark.parametrize("bad", [{"var": "a"}, {"var": "a", "is": 1, "in": [1]}, {"all": [], "var": "a"},
                                 {"var": "a", "matches": "x"}, "lender.kind == bank"])
def test_condition_vocabulary_is_closed(bad):
    with pytest.raises(ValueError):
        Condition.model_validate(bad)


def _copy(tmp_path: Path) -> Path:
    d = tmp_path / "assess"
    shutil.copytree(DATA_DIR, d)
    return d


@pytest.mark.parametrize("edit, message", [
    (("questions/lender.yaml", "var: lender.kind", "var: lender.kynd"), "lender.kind"),
    (("blocks/rights.yaml", "has: visit}", "has: helicopter}"), "helicopter"),
    (("blocks/steps.yaml", "priority: 1\n", "priority: 1\n  colour: red\n"), "colour"),
    (("interview.yaml", "  - story\n", ""), "story"),
])
def test_loader_rejects_inconsistent_data(tmp_path, edit, message):
    d = _copy(tmp_path)
    name, old, new = edit
    path = d / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_interview(d)
    assert message in str(err.value)


def test_bad_answers_are_input_errors():
    with pytest.raises(InputError):
        parse_answers({"lender.kind": "pawnshop"})
    with pytest.raises(InputError):
        parse_answers({"loan.principal": "一万"})
    with pytest.raises(InputError):
        parse_answers({"loan.months": "2.5"})
    with pytest.raises(InputError):
        parse_answers({"story": "x" * 5000})
    assert parse_answers({"collector.actions": ["visit", "none"]})["collector.actions"] == ["none"]


def test_described_text_feeds_check_and_prefills_tools():
    answers = parse_answers({"lender.kind": "bank", "collector.actions": ["visit"], "visit.details": ["damage"],
                             "story": "昨晚十一点两个人来我家砸门"})
    result = assess(answers)
    assert "昨晚十一点两个人来我家砸门" in result.described
    assert result.check is not None and result.check["labels"] != ["compliant"]
    blocks = {b.id: b for s in result.sections for b in s.blocks}
    assert blocks["unlawful-described"].action.url.startswith("/check?text=")


def test_web_walk_through_the_interview(tmp_path, monkeypatch):
    import re
    from urllib.parse import urlencode

    from fastapi.testclient import TestClient

    from xiezhi.web.app import create_app

    monkeypatch.setenv("XIEZHI_HOME", str(tmp_path))
    answers = {"lender.kind": "microloan", "lender.name": "", "overdue.band": "d30_90",
               "collector.actions": ["visit", "threats"], "collector.threats": ["violence"],
               "visit.details": ["refused_leave"], "case.sued": "no", "income.pressure": "partial", "story": ""}
    with TestClient(create_app()) as c:
        r = c.get("/assess/q")
        for _ in range(15):
            if "/assess/result" in str(r.url):
                break
            qid = re.search(r'name="_question" value="([a-z0-9-]+)"', r.text).group(1)
            hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', r.text)
            data = [(k, v) for k, v in hidden if k != "_question"] + [("_question", qid)]
            for f in get_interview().questions[qid].fields:
                v = answers.get(f.var, "")
                data += [(f.var, x) for x in (v if isinstance(v, list) else [v])]
            r = c.post("/assess/q", content=urlencode(data),
                       headers={"content-type": "application/x-www-form-urlencoded"})
            assert r.status_code == 200, r.text
        assert "你的评估结果" in r.text and "你可以不让催收人员进门" in r.text and "12348" in r.text


def test_next_steps_prefill_the_tools():
    answers = parse_answers({"lender.kind": "microloan", "lender.name": "某某借款App", "loan.principal": "10000",
                             "collector.actions": ["night"], "income.pressure": "none"})
    blocks = {b.id: b for s in assess(answers).sections for b in s.blocks}
    plan = blocks["step-negotiate"].action
    assert plan.tool == "plan" and plan.prefill["d0_principal"] == "10000.00"
    assert plan.prefill["d0_platform"] == "某某借款App" and plan.prefill["d0_lender_type"] == "microloan"
    complaint = blocks["step-complain-regulator"].action
    assert complaint.url.startswith("/letters?") and complaint.prefill["lender"] == "某某借款App"
    assert "晚上十一点" in complaint.prefill["text"]
