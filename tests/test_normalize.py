"""Normalisation: width, script, abbreviations, typos and synonyms from data/text/synonyms.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xiezhi.errors import DataError
from xiezhi.text.normalize import (
    basic_normalize,
    build_table,
    data_path,
    load_table,
    normalize,
    traditional_chars,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("網貸逾期後，催收人員真的會上門嗎？", "网贷逾期后,催收员真的会上门吗?"),
        ("wd逾期了cs说要爆通讯录咋办", "网贷逾期了催收说要爆通讯录咋办"),
        ("ＷＤ yq三个月，崔收说要到我家", "网贷 逾期三个月,催收说要上门"),
        ("xyk逾期会判刑吗", "信用卡逾期会坐牢吗"),
        ("网贷预期了会上信用记录吗", "网贷逾期了会上征信吗"),
        ("诉讼时效过了还要还吗", "诉讼时效过了还要还吗"),
        ("催收给我老婆打电话", "催收给我配偶打电话"),
        ("kt息合法吗", "砍头息合法吗"),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_latin_abbreviation_needs_a_boundary() -> None:
    # "cs" inside a Latin word is not 催收; a standalone "cs" is.
    assert normalize("docs cs") == "docs 催收"
    assert "催收" not in normalize("physics")


def test_basic_normalize_keeps_words() -> None:
    assert basic_normalize("　ＷＤ　　逾期 ") == "wd 逾期"
    assert basic_normalize("網貸") == "网贷"


def test_longest_variant_wins_and_canonical_is_stable() -> None:
    table = build_table({"synonyms": {"上门": ["到家", "找到家"], "诉讼时效": ["时效"]}})
    assert table.apply("他们找到家了") == "他们上门了"
    assert table.apply("诉讼时效") == "诉讼时效"
    assert table.apply("时效过了") == "诉讼时效过了"


def test_conflicting_variant_is_a_data_error() -> None:
    with pytest.raises(DataError, match="同时指向"):
        build_table({"synonyms": {"上门": ["到家"], "回家": ["到家"]}})


def test_unknown_section_is_a_data_error() -> None:
    with pytest.raises(DataError, match="未知的分组"):
        build_table({"slang": {"上门": ["到家"]}})


def test_shipped_table_loads_and_is_idempotent() -> None:
    table = load_table()
    assert len(table.mapping) > 200
    for q in ["网贷逾期后催收上门", "wd yq cs 爆通讯录", "征信黑了还能贷款吗"]:
        once = normalize(q)
        assert normalize(once) == once


def test_traditional_chars_file_matches_zhconv() -> None:
    """The shipped character list decides when zhconv is imported; it must match zhconv's table."""
    import zhconv

    table = json.loads((Path(zhconv.__file__).parent / "zhcdict.json").read_text(encoding="utf-8"))
    needed = set(table["TRADONLY"])
    for name in ("zh2Hans", "zh2CN"):
        needed.update(k for k, v in table[name].items() if len(k) == 1 and k != v)
    assert needed == set(traditional_chars())
    assert data_path("traditional_chars.txt").exists()


@pytest.mark.parametrize("text", ["網貸逾期後催收人員真的會上門嗎", "信用卡還不上會坐牢嗎", "徵信報告有錯誤"])
def test_traditional_text_is_detected_and_converted(text: str) -> None:
    import zhconv

    assert any(ch in traditional_chars() for ch in text)
    assert basic_normalize(text) == zhconv.convert(text, "zh-cn")


def test_simplified_text_skips_zhconv() -> None:
    assert not any(ch in traditional_chars() for ch in "网贷逾期后，催收人员真的会上门吗？")


def test_duplicate_yaml_keys_are_data_errors(tmp_path: Path) -> None:
    p = tmp_path / "dup.yaml"
    p.write_text("synonyms:\n  上门: [到家]\n  上门: [家访]\n", encoding="utf-8")
    with pytest.raises(DataError, match="重复"):
        load_table(str(p))


def test_domain_terms_survive_normalisation() -> None:
    """The gate matches the normalised question, so a lexicon word that normalisation rewrites
    (e.g. 花呗 -> 先用后付) would never match; list canonical forms instead."""
    from xiezhi.search.domain import load_lexicon

    lost = [t for t in load_lexicon().terms if t not in normalize(t)]
    assert not lost, lost


def test_chains_resolve_to_the_final_canonical_form() -> None:
    table = build_table({"typos": {"外访": ["外方"]}, "synonyms": {"上门": ["外访", "家访"]}})
    assert table.apply("外方人员") == "上门人员"
    assert table.apply("外访人员") == "上门人员"
    assert all(table.mapping.get(v, v) == v for v in set(table.mapping.values()))


def _flat_pattern(mapping: dict[str, str]):
    """The one flat longest-first alternation the grouped pattern replaced (the reference)."""
    import re

    parts = []
    for variant in sorted(mapping, key=lambda v: (-len(v), v)):
        escaped = re.escape(variant)
        if re.match(r"^[a-z0-9 ]+$", variant):
            escaped = rf"(?<![a-z0-9]){escaped}(?![a-z0-9])"
        parts.append(escaped)
    return re.compile("|".join(parts))


def test_grouped_synonym_pattern_matches_the_flat_alternation() -> None:
    import random

    table = load_table()
    flat = _flat_pattern(table.mapping)
    rng = random.Random(3)
    latin = [v for v in table.mapping if v.isascii()]
    alphabet = sorted({ch for v in table.mapping for ch in v} | set("abxyz019 网的"))
    texts = ["wd逾期cs说要到我家", "docs cs xyk", "wang dai 逾期 credit report", "网络贷款逾期崔收上门"]
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 30))) for _ in range(3000)]
    texts += ["".join(rng.choices([*latin, " ", "a", "1", "网"], k=rng.randint(1, 8))) for _ in range(3000)]
    texts += [" ".join(rng.choices([*latin, "a", "网"], k=rng.randint(1, 8))) for _ in range(3000)]
    for text in texts:
        want = flat.sub(lambda m: table.mapping[m.group(0)], text)
        assert table.apply(text) == want, text
