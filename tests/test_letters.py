"""Letters: every kind renders in every format from its sample case; PDF text and glyphs; user text is
data, never template; missing facts give a clear list; the CLI."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from xiezhi.documents.fonts import missing_chars
from xiezhi.errors import DataError, InputError
from xiezhi.letters import draft_letter, letter_bytes, list_kinds, load_facts, missing_for, parse_facts
from xiezhi.letters.templates import load_templates, parse_template

CASES = Path(__file__).parent / "cases" / "letters"
TODAY = date(2026, 11, 28)
KINDS = ["negotiation", "complaint", "credit_dispute", "police_report", "collector_reply"]
FACT_KEY = re.compile(r"[a-z_]+\.[a-z_]+|\b(?:borrower|lender|messages|findings|summary|hardship|credit)\b")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def _facts(kind: str) -> dict:
    return yaml.safe_load((CASES / f"{kind}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def letters():
    return {k: draft_letter(k, load_facts(str(CASES / f"{k}.yaml")), today=TODAY) for k in KINDS}


def test_every_template_has_a_sample_case() -> None:
    assert sorted(load_templates()) == sorted(KINDS)
    assert [k.kind for k in list_kinds()] == KINDS


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_contains_the_chinese_content_and_no_missing_glyphs(letters, kind) -> None:
    letter = letters[kind]
    data = letter_bytes(letter, "pdf")
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "\u25a1" not in text and "\ufffd" not in text
    assert missing_chars(letter.text) == [] == letter.missing_glyphs  # every character is in the bundled font
    flat = re.sub(r"由xiezhi根据你提供的信息生成的草稿.*?第\d+页/共\d+页", "", _squash(text))  # page footers
    assert _squash(letter.title) in flat
    # every CJK paragraph of the letter is in the PDF (line breaks aside)
    from xiezhi.documents import Paragraph

    for b in letter.document.blocks:
        if isinstance(b, Paragraph) and CJK.search(b.text):
            assert _squash(b.text) in flat, b.text[:40]
    for c in letter.citations[:3]:
        assert _squash(c.display) in flat


@pytest.mark.parametrize("kind", KINDS)
def test_docx_and_html_render(letters, kind) -> None:
    letter = letters[kind]
    html = letter_bytes(letter, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and letter.title in html and "<script" not in html
    docx = letter_bytes(letter, "docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="' in xml
    assert letter.title in xml
    name = _facts(kind)["borrower"]["name"]
    assert name in xml and name in html


@pytest.mark.parametrize("kind", KINDS)
def test_no_markup_leaks_into_the_text(letters, kind) -> None:
    for line in letters[kind].text.splitlines():
        assert not re.search(r"(^|\s)(p|pl|pr|pc|pb|table): |[。）] ?[-+] ", line), line
        assert "{%" not in line and "{{" not in line


def test_negotiation_pulls_facts_plan_and_findings(letters) -> None:
    t = letters["negotiation"].text
    assert "李小明" in t and "乙消费金融有限公司" in t and "XF-2024-000123" in t
    assert "2,300.00元" in t  # monthly budget from the plan
    assert "每月还款 589.00元，共 11 期" in t  # this lender's instalments from the plan
    assert "6,473.42元" in t and "2,626.58元" in t  # protected amount and the part above it
    assert "母亲长期住院" in t  # hardship in the user's words
    assert "附件一：催收行为记录" in t and letters["negotiation"].findings_used > 0
    assert "【待填写：身份证号】" in t and "身份证号" in letters["negotiation"].blanks
    ids = [c.id for c in letters["negotiation"].citations]
    assert "consumer-finance-company-measures:56" in ids and "civil-code:680" in ids


def test_negotiation_without_any_budget_asks_for_a_pause() -> None:
    facts = _facts("negotiation")
    facts["plan"]["monthly_income"] = 3000
    letter = draft_letter("negotiation", facts, today=TODAY)
    assert "暂缓还款" in letter.text and "没有余钱还款" in letter.text and "每月还款" not in letter.text
    assert "暂缓的月数" in letter.blanks
    assert "可用于还款（全部债务） 0.00元" in letter.text  # the budget table is still there


def test_complaint_goes_to_the_regulator_for_the_lender_type(letters) -> None:
    assert "国家金融监督管理总局（广东的派出机构）" in letters["complaint"].text and "12378" in letters["complaint"].text
    assert "附件二：证据清单" in letters["complaint"].text and "sms-1120.png" in letters["complaint"].text
    facts = _facts("complaint")
    facts["lender"]["type"] = "microloan"
    t = draft_letter("complaint", facts, today=TODAY).text
    assert "广东地方金融管理部门" in t and "12378" not in t


BIC_41 = "banking-insurance-consumer-protection-measures:41"


@pytest.mark.parametrize("kind", ["complaint", "negotiation", "collector_reply"])
def test_banking_insurance_rule_is_cited_only_against_banks(kind) -> None:
    """《银行保险机构消费者权益保护管理办法》binds 银行业金融机构 and insurers (arts. 2, 55), not a 小额贷款公司
    (a 地方金融组织): a letter against a 小贷 must not hold its art. 41 against it (legal review D3)."""
    facts = _facts(kind)
    cited = {}
    for lender_type in ("bank", "microloan", "unlicensed"):
        facts["lender"]["type"] = lender_type
        letter = draft_letter(kind, facts, today=TODAY)
        cited[lender_type] = [c.id for c in letter.citations]
        if lender_type != "bank":
            assert "银行保险机构" not in letter.text, lender_type
    assert BIC_41 in cited["bank"]
    assert BIC_41 not in cited["microloan"] and BIC_41 not in cited["unlicensed"]


def test_police_report_lists_possible_crimes(letters) -> None:
    t = letters["police_report"].text
    assert "可能涉嫌违法犯罪" in t and "暴力及人身威胁" in t
    assert "criminal-law:293-1" in [c.id for c in letters["police_report"].citations]
    facts = _facts("police_report")
    del facts["summary"]
    facts["messages"] = [{"text": "您好，您的账单已逾期，请及时还款。", "sent_at": "2026-11-20 10:00"}]
    with pytest.raises(InputError) as exc:
        draft_letter("police_report", facts, today=TODAY)
    assert "可能涉嫌犯罪的催收行为" in str(exc.value)


def test_police_report_cites_crimes_that_do_not_need_an_illegal_debt(letters) -> None:
    """刑法293-1 covers only 高利放贷等非法债务; most borrowers' debts are lawful, so the report must also name
    the offences that apply whatever the debt (非法拘禁238, 非法侵入住宅245 + 软暴力意见七, 寻衅滋事293,
    治安47) and put 293-1 under its condition (legal review D4)."""
    letter = letters["police_report"]
    ids = [c.id for c in letter.citations]
    for cid in ("criminal-law:238", "criminal-law:245", "soft-violence-opinions:7", "criminal-law:293",
                "public-security-punishments-law:47", "criminal-law:293-1"):
        assert cid in ids, cid
    assert "无论所催的债务是否合法" in letter.text and "所催的如果是高利放贷等产生的非法债务" in letter.text
    assert "criminal-law:253-1" not in ids  # no personal-information finding in the sample
    facts = _facts("police_report")
    facts["messages"].append({"text": "再不还钱就把你的身份证照片和欠款信息发到网上曝光，让所有人都知道",
                              "sent_at": "2026-11-25 09:00", "channel": "sms"})
    ids = [c.id for c in draft_letter("police_report", facts, today=TODAY).citations]
    assert "criminal-law:253-1" in ids and "public-security-punishments-law:56" in ids


def test_credit_dispute_and_collector_reply(letters) -> None:
    t = letters["credit_dispute"].text
    assert "20日内" in t and "2025年2月28日" in t
    assert "credit-reporting-regulation:25" in [c.id for c in letters["credit_dispute"].citations]
    # the letter goes to the 征信中心 too, which art. 38 (not 40, the reporting institutions) sanctions (review D16)
    assert "credit-reporting-regulation:38" in [c.id for c in letters["credit_dispute"].citations]
    t = letters["collector_reply"].text
    assert "某某律师事务所" in t and "（2026）催字第 0815 号" in t and "20,600.00元" in t and "执业证号" in t
    assert "civil-code:546" in [c.id for c in letters["collector_reply"].citations]


@pytest.mark.parametrize("kind", KINDS)
def test_missing_required_facts_give_a_clear_list(kind) -> None:
    with pytest.raises(InputError) as exc:
        draft_letter(kind, {}, today=TODAY)
    msg = str(exc.value)
    assert "还缺少以下信息" in msg
    meta = load_templates()[kind].meta
    assert msg.count("\n  · ") == len(meta.needs)
    assert "你的姓名" in msg
    assert not FACT_KEY.search(msg), msg  # a borrower sees plain labels, never the facts file's keys
    assert missing_for(kind, {}, today=TODAY) == exc.value.hints
    assert missing_for(kind, _facts(kind), today=TODAY) == []


HOSTILE = "{{ 7*7 }} {% raw %}x{% endraw %} {{ cycler.__init__.__globals__ }} <script>alert('x')</script> &amp;"


@pytest.mark.parametrize("kind", KINDS)
def test_user_text_is_data_never_template(kind) -> None:
    facts = _facts(kind)
    facts["borrower"]["name"] = "王<b>五</b>{{ 7*7 }}"
    facts["requests"] = [HOSTILE, "第一行\n# 假标题\ntable: findings\ncited"]
    facts["summary"] = HOSTILE + "\np: 注入的段落"
    letter = draft_letter(kind, facts, today=TODAY)
    t = letter.text
    assert "王<b>五</b>{{ 7*7 }}" in t  # kept literally
    assert "49" not in t.replace("2026", "")
    assert HOSTILE in t
    assert "假标题" in t and "# 假标题" in t  # a user line break never starts a block
    from xiezhi.documents import Heading

    assert not any(isinstance(b, Heading) and "假标题" in b.text for b in letter.document.blocks)
    html = letter_bytes(letter, "html").decode("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>五" not in html
    assert "{{ 7*7 }}" in html and "&amp;amp;" in html


def test_characters_missing_from_the_pdf_font_refuse_pdf_but_not_docx() -> None:
    facts = _facts("collector_reply")
    facts["borrower"]["name"] = "张𠀀"
    letter = draft_letter("collector_reply", facts, today=TODAY)
    assert letter.missing_glyphs == ["𠀀"]
    with pytest.raises(InputError) as exc:
        letter_bytes(letter, "pdf")
    assert "𠀀" in str(exc.value) and ".docx" in str(exc.value)
    assert "张𠀀" in letter_bytes(letter, "html").decode("utf-8")
    assert letter_bytes(letter, "docx")[:2] == b"PK"


def test_templates_cannot_reach_python_internals() -> None:
    from jinja2.exceptions import SecurityError

    from xiezhi.letters.markup import environment

    env = environment()
    with pytest.raises(SecurityError):
        env.from_string("p: {{ ''.__class__.__mro__[1].__subclasses__() }}").render()


def test_template_lines_must_start_with_a_marker() -> None:
    bad = "---\nkind: bad\ntitle: t\ndescription: d\n---\np: ok\n{{ borrower.name }}\n"
    with pytest.raises(DataError) as exc:
        parse_template(bad, "bad.md.j2")
    assert "第 2 行" in str(exc.value)
    with pytest.raises(DataError):
        parse_template("---\nkind: bad\ntitle: t\ndescription: d\nextra: 1\n---\np: x\n", "bad.md.j2")


def test_cite_only_declared_articles() -> None:
    from xiezhi.letters import build

    t = parse_template('---\nkind: neg\ntitle: t\ndescription: d\ncitations: [civil-code:680]\n---\n'
                       'p: {{ cite("civil-code:1032") }}\n', "neg.md.j2")
    orig = build.get_template
    build.get_template = lambda kind: t
    try:
        with pytest.raises(DataError):
            draft_letter("neg", {}, today=TODAY)
    finally:
        build.get_template = orig


def test_bad_facts_are_reported_in_chinese() -> None:
    with pytest.raises(InputError) as exc:
        parse_facts({"borrower": {"nmae": "x"}, "loan": {"principal": "abc"}, "lender": {"type": "bankk"}})
    msg = str(exc.value)
    assert "不认识这一项" in msg and "不是数字" in msg and "只能是" in msg


def test_cli_list_make_and_errors(tmp_path) -> None:
    from xiezhi.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["letter", "list"])
    assert res.exit_code == 0 and all(k in res.output for k in KINDS)
    needs_lines = [line for line in res.output.splitlines() if "必填：" in line]
    assert len(needs_lines) == len(KINDS) and "必填：你的姓名" in needs_lines[0]
    assert not any(FACT_KEY.search(line) for line in needs_lines), needs_lines
    res = runner.invoke(app, ["letter", "list", "--json"])
    listed = json.loads(res.output)
    assert [k["kind"] for k in listed] == KINDS
    # JSON keeps the keys, apart from the labels: `needs` as declared, `needs_write` says where to write each
    negotiation = listed[KINDS.index("negotiation")]
    assert negotiation["needs"][:2] == ["borrower.name", "lender_name"]
    assert negotiation["needs_labels"][:2] == ["你的姓名", "出借机构名称或平台名称"]
    assert negotiation["needs_write"][:2] == ["borrower.name", "lender.name 或 lender.platform"]
    for suffix in ("docx", "pdf", "html"):
        out = tmp_path / f"x.{suffix}"
        res = runner.invoke(app, ["letter", "collector_reply", "-i", str(CASES / "collector_reply.yaml"), "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 1000 and "关于催收函件的回复" in res.output
    out = tmp_path / "x.bin"
    res = runner.invoke(app, ["letter", "collector_reply", "-i", str(CASES / "collector_reply.yaml"), "-o", str(out),
                              "--format", "pdf", "--json"])
    assert res.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    assert json.loads(res.output)["kind"] == "collector_reply"
    res = runner.invoke(app, ["letter", "collector_reply", "-i", str(CASES / "collector_reply.yaml"),
                              "-o", str(tmp_path / "x.txt")])
    assert res.exit_code == 2 and "格式" in res.output
    empty = tmp_path / "empty.yaml"
    empty.write_text("borrower: {phone: '1'}\n", encoding="utf-8")
    res = runner.invoke(app, ["letter", "negotiation", "-i", str(empty), "-o", str(tmp_path / "n.pdf")])
    assert res.exit_code == 2 and "还缺少以下信息" in res.output and "困难情况" in res.output
    assert not FACT_KEY.search(res.output), res.output
    assert not (tmp_path / "n.pdf").exists()
