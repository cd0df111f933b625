"""Read the citations people write and turn them into article ids — or refuse, naming what is valid.

Accepted forms include 民法典第680条, 《中华人民共和国民法典》第六百八十条, 刑法293条之一,
《民间借贷司法解释》第二十五条第一款, 个保法第13条, 治安管理处罚法第四十二条（2012年）, 民法典 680
and ids such as civil-code:680. 款 and 项 stay in the citation and are checked against the text.
An unknown or ambiguous citation is an error, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from xiezhi.errors import InputError
from xiezhi.law.numerals import NUMERAL_CHARS, parse_number, to_chinese

if TYPE_CHECKING:
    from xiezhi.law.corpus import Corpus
    from xiezhi.law.models import Article

N = f"[{NUMERAL_CHARS}]+"
_ID = re.compile(r"^([a-z0-9][a-z0-9-]*):(\d+)(?:-(\d+))?$")
# The article part: 第X条之Y 第Z款 第W项 (第 and 条 optional for digits), then an optional version.
_ARTICLE_PART = (
    rf"(?:第\s*(?P<num>{N})\s*条|(?P<bare>\d+)\s*条?|第\s*(?P<item>{N})\s*[项点]?|(?P<cn>[一二三四五六七八九十]+)、?)"
    rf"(?:\s*之\s*(?P<suf>{N}))?"
    rf"(?:\s*第\s*(?P<kuan>{N})\s*款)?"
    rf"(?:\s*(?:第\s*(?P<xiang>{N})\s*项|[（(](?P<xiang2>[一二三四五六七八九十]+)[）)]项?))?"
    rf"(?:\s*[（(](?P<year>\d{{4}})\s*年?(?:版|修订|修正|文本)?[）)])?"
)


@lru_cache(maxsize=1)
def _single() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?P<name>.*?)\s*[,，:：]?\s*{_ARTICLE_PART}\s*$")


class CitationError(InputError):
    """A citation that does not resolve; `hints` name the closest valid forms.

    `kind` lets callers tell an instrument the corpus does not hold (`unknown_instrument`, often a
    legitimate mention of a document we do not ship) from a wrong article of a known one.
    """

    def __init__(self, message: str, *, hints: list[str] | None = None, kind: str = "invalid") -> None:
        super().__init__(message, hints=hints)
        self.kind = kind


@dataclass(frozen=True)
class Citation:
    article_id: str
    display: str
    kuan: int | None = None
    xiang: int | None = None
    raw: str = ""
    span: tuple[int, int] | None = None

    def to_json(self) -> dict[str, object]:
        return {"id": self.article_id, "display": self.display, "kuan": self.kuan, "xiang": self.xiang,
                "raw": self.raw, "span": list(self.span) if self.span else None}


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_number(text)
    except ValueError:
        raise CitationError(f"无法识别的数字：“{text}”") from None


_NAME_YEAR = re.compile(
    r"^(?:(?P<pre>\d{4})\s*年(?:版|修正|修订|修改)?(?:文本|后)?的?)?(?P<name>.*?)"
    r"(?:\s*[（(](?P<post>\d{4})\s*年[^（）()]{0,10}[）)])?$"
)


def _split_year(name: str) -> tuple[str, int | None]:
    """'2012年治安管理处罚法' / '治安管理处罚法（2025年修订文本）' -> (name, year)."""
    m = _NAME_YEAR.match(name.strip())
    if not m:
        return name, None
    year = m.group("pre") or m.group("post")
    return m.group("name").strip(), int(year) if year else None


def _pick_work(corpus: Corpus, name: str) -> tuple[str, ...]:
    from xiezhi.law.corpus import normalise_name

    key = normalise_name(name)
    if not key:
        raise CitationError(
            "没有指明是哪部法律。",
            hints=["请写明法律名称，例如：民法典第680条、刑法第二百九十三条之一。"],
        )
    slugs = corpus.alias_index.get(key)
    if slugs:
        return slugs
    if key in corpus.instruments:
        return (key,)
    # 《中华人民共和国刑法》 style with extra words: accept only an unambiguous containment.
    hits = {s for alias, ss in corpus.alias_index.items() if len(alias) >= 3 and alias in key for s in ss}
    titles = {corpus.instruments[s].title for s in hits}
    if len(titles) == 1:
        return tuple(sorted(hits))
    if len(titles) > 1:
        raise CitationError(
            f"“{name}”可能指多部法律文件，无法确定。",
            hints=[f"《{t}》" for t in sorted(titles)],
        )
    hints = [f"《{corpus.instruments[corpus.alias_index[a][0]].title}》（{a}）" for a in corpus.closest_names(key)]
    raise CitationError(
        f"未收录名为“{name}”的法律文件。",
        hints=[*hints, "用 `xiezhi law list` 查看已收录的全部法律文件。"],
        kind="unknown_instrument",
    )


def _choose_version(corpus: Corpus, slugs: tuple[str, ...], on: date | None, year: int | None, name: str) -> str:
    if len(slugs) == 1 and year is None and on is None:
        return slugs[0]
    insts = [corpus.instruments[s] for s in slugs]
    if year is not None:
        matches = [i for i in insts if i.version_year == year] or [i for i in insts if i.effective.year == year]
        if not matches:
            raise CitationError(
                f"《{insts[0].title}》没有 {year} 年的版本。",
                hints=[f"{i.version_year}年版本（{i.effective.isoformat()} 起施行）" for i in insts],
            )
        return matches[0].slug
    day = on or date.today()
    chosen = corpus.version_on(slugs, day)
    if chosen is None:
        first = min(insts, key=lambda i: i.effective)
        raise CitationError(
            f"《{first.title}》自 {first.effective.isoformat()} 起施行，{day.isoformat()} 时尚未施行。",
            hints=["去掉 --on 参数，或换一个日期。"],
        )
    return chosen.slug


def _check_article(corpus: Corpus, slug: str, number: int, suffix: int) -> Article:
    inst = corpus.instruments[slug]
    if number <= 0:
        raise CitationError("条号必须从第一条开始（没有第零条）。")
    article_id = f"{slug}:{number}-{suffix}" if suffix else f"{slug}:{number}"
    found = corpus.articles.get(article_id)
    if found is not None:
        return found
    arts = corpus.by_instrument[slug]
    last = arts[-1]
    if inst.numbering == "whole":
        raise CitationError(f"《{inst.title}》只有一段正文，不分条。", hints=[f"{slug}:1"])
    if suffix:
        hint = f"{inst.common_name}第{to_chinese(number)}条" if number <= last.number else None
        raise CitationError(
            f"《{inst.title}》没有第{to_chinese(number) if number <= 9999 else number}条之{to_chinese(suffix)}。",
            hints=[hint] if hint else [],
        )
    unit = "项" if inst.numbering == "item" else "条"
    shown = to_chinese(number) if number <= 9999 else str(number)
    raise CitationError(
        f"《{inst.title}》没有第{shown}{unit}（共 {len(arts)} {unit}，最后一{unit}是{last.label}）。",
        hints=[f"{inst.common_name}{last.label}"],
    )


def _check_parts(article: Article, kuan: int | None, xiang: int | None) -> None:
    clauses = article.clauses()
    if kuan is not None and kuan > len(clauses):
        raise CitationError(f"{article.display}只有 {len(clauses)} 款，没有第{to_chinese(kuan)}款。")
    if xiang is not None:
        items = clauses[(kuan or 1) - 1][1] if clauses else []
        if kuan is None:
            items = [i for _, its in clauses for i in its]
        if xiang > len(items):
            raise CitationError(f"{article.display}{'第' + to_chinese(kuan) + '款' if kuan else ''}没有第{to_chinese(xiang)}项。")


def _display(article: Article, kuan: int | None, xiang: int | None) -> str:
    out = article.display
    if kuan:
        out += f"第{to_chinese(kuan)}款"
    if xiang:
        out += f"第{to_chinese(xiang)}项"
    return out


def _from_match(corpus: Corpus, m: re.Match[str], name: str, on: date | None) -> Citation:
    name, name_year = _split_year(name)
    slugs = _pick_work(corpus, name)
    year = int(m.group("year")) if m.group("year") else name_year
    slug = _choose_version(corpus, slugs, on, year, name)
    inst = corpus.instruments[slug]
    number = _num(m.group("num") or m.group("bare") or m.group("item") or m.group("cn"))
    if number is None:
        raise CitationError("没有写条号。")
    if m.group("item") and inst.numbering == "article" and not m.group("num"):
        raise CitationError(f"“{m.group(0).strip()}”缺少“条”字。", hints=[f"{inst.common_name}第{m.group('item')}条"])
    suffix = _num(m.group("suf")) or 0
    article = _check_article(corpus, slug, number, suffix)
    kuan = _num(m.group("kuan"))
    xiang = _num(m.group("xiang") or m.group("xiang2"))
    _check_parts(article, kuan, xiang)
    return Citation(article.id, _display(article, kuan, xiang), kuan, xiang, raw=m.group(0).strip())


def resolve(corpus: Corpus, text: str, on: date | None = None) -> Citation:
    """Resolve one citation (the whole string) or raise CitationError with hints."""
    s = (text or "").strip()
    if not s:
        raise CitationError("引用为空。", hints=["例如：民法典第680条"])
    m_id = _ID.match(s)
    if m_id:
        slug, number, suffix = m_id.group(1), int(m_id.group(2)), int(m_id.group(3) or 0)
        if slug not in corpus.instruments:
            raise CitationError(f"没有这个法律文件标识：{slug}", hints=corpus.closest_names(slug))
        article = _check_article(corpus, slug, number, suffix)
        return Citation(article.id, article.display, raw=s)
    m = _single().match(s)
    if not m:
        whole = _whole_instrument(corpus, s, on)
        if whole is not None:
            return whole
        raise CitationError(
            f"无法识别的引用：“{s}”。",
            hints=["例如：民法典第680条、《刑法》第二百九十三条之一、个保法第13条、治安管理处罚法第四十二条（2012年）"],
        )
    return _from_match(corpus, m, m.group("name"), on)


def _whole_instrument(corpus: Corpus, name: str, on: date | None) -> Citation | None:
    """A bare name resolves only for single-paragraph instruments (they have no articles to name)."""
    try:
        slugs = _pick_work(corpus, name)
    except CitationError:
        return None
    slug = _choose_version(corpus, slugs, on, None, name)
    if corpus.instruments[slug].numbering != "whole":
        return None
    article = corpus.articles[f"{slug}:1"]
    return Citation(article.id, article.display, raw=name)


@lru_cache(maxsize=4)
def _scanner(alias_key: tuple[str, ...]) -> re.Pattern[str]:
    names = sorted(alias_key, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?P<name>(?:\d{{4}}\s*年(?:版|修正|修订|修改)?(?:文本|后)?的?)?(?:《[^《》]{{2,60}}》|{alt})(?:\s*[（(]\d{{4}}\s*年[^（）()]{{0,10}}[）)])?)\s*(?P<refs>(?:[、，,和及与至到\s]*第\s*{N}\s*条(?:之{N})?(?:第{N}款)?(?:第{N}项|[（(][一二三四五六七八九十]+[）)])?)+|\d+\s*条(?:之{N})?)")


@lru_cache(maxsize=1)
def _one_ref() -> re.Pattern[str]:
    return re.compile(_ARTICLE_PART)


@lru_cache(maxsize=1)
def _range() -> re.Pattern[str]:
    return re.compile(rf"第\s*({N})\s*条\s*[至到]\s*第\s*({N})\s*条")


@dataclass(frozen=True)
class CitationScan:
    citations: list[Citation]
    errors: list[CitationError]


def scan_citations(corpus: Corpus, text: str, on: date | None = None) -> CitationScan:
    """Find every citation in free text; names that do not resolve become errors, never guesses."""
    surface = tuple(sorted({a for s in corpus.instruments.values() for a in s.aliases}))
    pattern = _scanner(surface)
    found: list[Citation] = []
    errors: list[CitationError] = []
    for m in pattern.finditer(text):
        name = m.group("name")
        refs = m.group("refs")
        base = m.start("refs")
        ranges = [(rm.start(), rm.end(), rm) for rm in _range().finditer(refs)]
        bare_name, name_year = _split_year(name)
        try:
            slugs = _pick_work(corpus, bare_name)
        except CitationError as exc:
            errors.append(exc)
            continue
        pos = 0
        for start, end, rm in ranges:
            for ref in _one_ref().finditer(refs, pos, start):
                _add(corpus, name, ref, base, on, found, errors)
            lo, hi = parse_number(rm.group(1)), parse_number(rm.group(2))
            slug = _choose_version(corpus, slugs, on, name_year, bare_name)
            for n in range(lo, hi + 1):
                try:
                    a = _check_article(corpus, slug, n, 0)
                    found.append(Citation(a.id, a.display, raw=rm.group(0), span=(base + start, base + end)))
                except CitationError as exc:
                    errors.append(exc)
            pos = end
        for ref in _one_ref().finditer(refs, pos):
            _add(corpus, name, ref, base, on, found, errors)
    return CitationScan(found, errors)


def _add(corpus: Corpus, name: str, ref: re.Match[str], base: int, on: date | None,
         found: list[Citation], errors: list[CitationError]) -> None:
    if not ref.group(0).strip() or not (ref.group("num") or ref.group("bare")):
        return
    try:
        c = _from_match(corpus, ref, name, on)
        found.append(Citation(c.article_id, c.display, c.kuan, c.xiang, raw=ref.group(0).strip(),
                              span=(base + ref.start(), base + ref.end())))
    except CitationError as exc:
        errors.append(exc)


def find_citations(corpus: Corpus, text: str, on: date | None = None) -> list[Citation]:
    return scan_citations(corpus, text, on).citations
