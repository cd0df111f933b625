from __future__ import annotations

import pytest

from xiezhi.law.numerals import parse_number, to_chinese


def test_round_trip_1_to_9999() -> None:
    for n in range(1, 10000):
        assert parse_number(to_chinese(n)) == n


@pytest.mark.parametrize(
    ("n", "text"),
    [(10, "十"), (11, "十一"), (20, "二十"), (110, "一百一十"), (293, "二百九十三"), (680, "六百八十"),
     (1000, "一千"), (1010, "一千零一十"), (1064, "一千零六十四"), (1100, "一千一百"), (2001, "二千零一"),
     (9999, "九千九百九十九"), (101, "一百零一")],
)
def test_canonical_forms(n: int, text: str) -> None:
    assert to_chinese(n) == text
    assert parse_number(text) == n


@pytest.mark.parametrize(("text", "n"), [("680", 680), ("６８０", 680), ("两百", 200), ("一〇六四", 1064), ("壹佰", 100)])
def test_lenient_parsing(text: str, n: int) -> None:
    assert parse_number(text) == n


@pytest.mark.parametrize("text", ["", "零", "十十", "abc", "百千", "一百一百"])
def test_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("n", [0, 10000, -1])
def test_format_range(n: int) -> None:
    with pytest.raises(ValueError):
        to_chinese(n)
