"""The shipped statute corpus parses completely and matches its provenance README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xiezhi.law import load_corpus
from xiezhi.law.corpus import laws_dir

README = laws_dir() / "README.md"


def readme_counts() -> dict[str, tuple[int, str]]:
    """slug -> (count, unit) from the provenance table: '1260', '3 items', '1 para'."""
    out: dict[str, tuple[int, str]] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| \[([a-z0-9-]+)\.md\]\([^)]*\) \|(?:[^|]*\|){3} ([^|]+?) \|", line)
        if m:
            cell = m.group(2).strip()
            n = re.match(r"(\d+)\s*(items|para)?", cell)
            assert n, f"unparsed count cell {cell!r}"
            out[m.group(1)] = (int(n.group(1)), n.group(2) or "articles")
    return out


def test_every_shipped_file_is_in_the_readme_table(corpus) -> None:
    counts = readme_counts()
    assert set(counts) == set(corpus.instruments)


@pytest.mark.parametrize("slug", sorted(readme_counts()))
def test_article_count_matches_readme(corpus, slug: str) -> None:
    count, unit = readme_counts()[slug]
    inst = corpus.instruments[slug]
    expected_numbering = {"articles": "article", "items": "item", "para": "whole"}[unit]
    assert inst.numbering == expected_numbering
    assert inst.article_count == count == len(corpus.by_instrument[slug])


def test_known_counts(corpus) -> None:
    assert corpus.instruments["civil-code"].article_count == 1260
    assert corpus.instruments["public-security-punishments-law"].article_count == 144
    assert corpus.instruments["public-security-punishments-law-2012"].article_count == 119
    assert corpus.instruments["criminal-law"].article_count == 505


def test_no_empty_article_and_numbering_is_continuous(corpus) -> None:
    for slug, arts in corpus.by_instrument.items():
        prev = None
        for a in arts:
            assert a.text.strip(), a.id
            assert not a.text.startswith(a.label), a.id
            if prev is not None:
                assert (a.number, a.suffix) in {(prev.number + 1, 0), (prev.number, prev.suffix + 1)}, a.id
            prev = a
        assert arts[0].number == 1, slug


def test_versions_of_the_public_security_law(corpus) -> None:
    old = corpus.instruments["public-security-punishments-law-2012"]
    new = corpus.instruments["public-security-punishments-law"]
    assert old.title == new.title
    assert str(old.effective_to) == "2025-12-31"
    assert new.effective_to is None
    assert [i.slug for i in corpus.versions(new.slug)] == [old.slug, new.slug]


def test_locations_and_aliases(corpus) -> None:
    a = corpus.article("civil-code:680")
    assert a.location == ("第三编 合同", "第二分编 典型合同", "第十二章 借款合同")
    assert "民法典" in corpus.instruments["civil-code"].aliases
    assert "个保法" in corpus.instruments["pipl"].aliases
    assert "治安法" in corpus.instruments["public-security-punishments-law-2012"].aliases


EXACT = {
    "civil-code:675": "借款人应当按照约定的期限返还借款。对借款期限没有约定或者约定不明确，依据本法第五百一十条的规定仍不能确定的，借款人可以随时返还；贷款人可以催告借款人在合理期限内返还。",
    "criminal-law:245": "非法搜查他人身体、住宅，或者非法侵入他人住宅的，处三年以下有期徒刑或者拘役。\n司法工作人员滥用职权，犯前款罪的，从重处罚。",
    "criminal-law:293-1": "有下列情形之一，催收高利放贷等产生的非法债务，情节严重的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金：\n（一）使用暴力、胁迫方法的；\n（二）限制他人人身自由或者侵入他人住宅的；\n（三）恐吓、跟踪、骚扰他人的。",
    "private-lending-provisions:25": "出借人请求借款人按照合同约定利率支付利息的，人民法院应予支持，但是双方约定的利率超过合同成立时一年期贷款市场报价利率四倍的除外。\n前款所称“一年期贷款市场报价利率”，是指中国人民银行授权全国银行间同业拆借中心自2019年8月20日起每月发布的一年期贷款市场报价利率。",
    "public-security-punishments-law:50": "有下列行为之一的，处五日以下拘留或者一千元以下罚款；情节较重的，处五日以上十日以下拘留，可以并处一千元以下罚款：\n（一）写恐吓信或者以其他方法威胁他人人身安全的；\n（二）公然侮辱他人或者捏造事实诽谤他人的；\n（三）捏造事实诬告陷害他人，企图使他人受到刑事追究或者受到治安管理处罚的；\n（四）对证人及其近亲属进行威胁、侮辱、殴打或者打击报复的；\n（五）多次发送淫秽、侮辱、恐吓等信息或者采取滋扰、纠缠、跟踪等方法，干扰他人正常生活的；\n（六）偷窥、偷拍、窃听、散布他人隐私的。\n有前款第五项规定的滋扰、纠缠、跟踪行为的，除依照前款规定给予处罚外，经公安机关负责人批准，可以责令其一定期限内禁止接触被侵害人。对违反禁止接触规定的，处五日以上十日以下拘留，可以并处一千元以下罚款。",
}


@pytest.mark.parametrize("article_id", sorted(EXACT))
def test_article_text_equals_source(corpus, article_id: str) -> None:
    assert corpus.article(article_id).text == EXACT[article_id]


def test_clauses_and_items(corpus) -> None:
    clauses = corpus.article("public-security-punishments-law:50").clauses()
    assert len(clauses) == 2
    assert len(clauses[0][1]) == 6


def test_cache_round_trip_equals_fresh_parse(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XIEZHI_CACHE_DIR", str(tmp_path))
    fresh = load_corpus(use_cache=False)
    first = load_corpus()  # builds and writes the cache
    assert list(tmp_path.glob("corpus-*.pickle"))
    second = load_corpus()  # reads the cache
    assert second.digest == fresh.digest == first.digest
    assert second.articles == fresh.articles
    assert second.instruments == fresh.instruments


def test_broken_cache_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XIEZHI_CACHE_DIR", str(tmp_path))
    load_corpus()
    for p in tmp_path.glob("corpus-*.pickle"):
        p.write_bytes(b"not a pickle")
    assert load_corpus().article("civil-code:680").number == 680


def test_adding_an_instrument_needs_no_code(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XIEZHI_CACHE_DIR", str(tmp_path / "cache"))
    d = tmp_path / "laws"
    d.mkdir()
    (d / "demo-rules.md").write_text(
        '---\ntitle: "示例管理办法"\nslug: "demo-rules"\neffective: "2024-01-01"\nversion: "原始文本"\n'
        'status: "现行有效"\n---\n\n# 示例管理办法\n\n## 第一章 总则\n\n第一条 为了示例，制定本办法。\n\n'
        "第二条 示例机构应当：\n\n（一）守法；\n\n（二）诚信。\n\n第二条之一 新增的条文。\n",
        encoding="utf-8",
    )
    c = load_corpus(d)
    assert [a.id for a in c.by_instrument["demo-rules"]] == ["demo-rules:1", "demo-rules:2", "demo-rules:2-1"]
    assert c.resolve("示例管理办法第二条第一款第二项").article_id == "demo-rules:2"
    assert c.article("demo-rules:2-1").label == "第二条之一"
