"""Check: rules data loads, every citation resolves and every quoted line is in the article text."""

from __future__ import annotations

import re

import pytest

from xiezhi.collection.citations import all_citation_ids
from xiezhi.collection.models import CATEGORIES
from xiezhi.collection.rules import load_categories


def _squash(s: str) -> str:
    return re.sub(r"[\s　]", "", s)


def test_every_category_has_a_rules_file():
    specs = load_categories()
    assert set(specs) == set(CATEGORIES)
    for cat, spec in specs.items():
        assert spec.actions, cat
        assert spec.citations, f"{cat} cites no article"
        metadata_only = {"sent_at", "count_per_day"} & set(spec.needs)
        if cat != "compliant" and not metadata_only:
            assert spec.rules, f"{cat} has no rules"


def test_every_citation_resolves():
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    ids = all_citation_ids()
    assert len(ids) > 40
    for cid in ids:
        art = corpus.article(cid)  # raises CitationError when unknown
        assert art.id == cid


def test_every_quote_is_in_its_article():
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    for spec in load_categories().values():
        for c in spec.citations:
            text = _squash(corpus.article(c.id).text)
            for quote in c.quotes:
                assert _squash(quote) in text, f"{spec.path}: {c.id} does not contain “{quote}”"


def test_pspl_2012_counterparts_cover_the_same_conduct():
    """The 2012 article named beside a 2025 治安管理处罚法 article must exist and be a different text."""
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    for spec in load_categories().values():
        for c in spec.citations:
            if c.old_id:
                assert c.id.startswith("public-security-punishments-law:")
                assert c.old_id.startswith("public-security-punishments-law-2012:")
                assert corpus.article(c.old_id).text


def test_rule_ids_are_unique_and_explained():
    seen: set[str] = set()
    for spec in load_categories().values():
        for rule in spec.rules:
            assert rule.id not in seen
            seen.add(rule.id)
            assert rule.explanation.strip()
            assert rule.any or rule.regex, rule.id


@pytest.mark.parametrize("bad", ["---\ncategory: nope\n---\n", "no front matter"])
def test_loader_rejects_bad_files(tmp_path, bad):
    from xiezhi.collection.rules import parse_rules_file
    from xiezhi.errors import DataError

    p = tmp_path / "x.md"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(DataError, match=r"x\.md"):
        parse_rules_file(p)


def test_loader_rejects_unknown_rule_keys(tmp_path):
    from xiezhi.collection.rules import parse_rules_file
    from xiezhi.errors import DataError

    p = tmp_path / "y.md"
    p.write_text(
        "---\ncategory: intimidation\ntitle: t\nseverity: violation\nactions: []\n---\n"
        "## 刑法 第二百九十三条 | criminal-law:293\n```yaml rule\nid: a\nany: [x]\nexplanation: e\ncolour: red\n```\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"y\.md"):
        parse_rules_file(p)
