"""The statute corpus: every shipped instrument, its versions, and lookup by id or by date.

Loading parses ~1 MB of Markdown; the parsed corpus is cached on disk keyed by the SHA-256 of the
data files (and of this package's parser), so a warm start reads one pickle instead of re-parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from xiezhi.errors import DataError
from xiezhi.law.models import Article, Instrument

CACHE_FORMAT = 3
_YEAR = re.compile(r"(\d{4})")


def laws_dir() -> Path:
    # A plain path (not importlib.resources): the package is always installed as files, and this
    # keeps start-up free of the resources machinery.
    return Path(__file__).resolve().parent.parent / "data" / "laws"


def _law_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.md") if p.name.lower() != "readme.md")


def content_hash(directory: Path) -> str:
    """Hash of the data files and the parser code: the cache key."""
    h = hashlib.sha256(f"format{CACHE_FORMAT}".encode())
    here = Path(__file__).parent
    for p in [*_law_files(directory), directory / "aliases.yaml", here / "parse.py", here / "models.py", Path(__file__)]:
        if p.exists():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:24]


def _dates(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def as_date(value: Any, path: str, key: str) -> date:
    from xiezhi.law.parse import as_date as _as_date

    return _as_date(value, path, key)


def _version_year(meta: dict[str, Any]) -> int:
    """Year of the text as adopted, last amended or revised: 治安管理处罚法（2012年）."""
    years = [int(m.group(1)) for key in ("adopted", "amended", "revised") for v in _dates(meta.get(key))
             if (m := _YEAR.match(v))]
    return max(years) if years else as_date(meta["effective"], "", "effective").year


@dataclass
class Corpus:
    instruments: dict[str, Instrument]
    articles: dict[str, Article]
    by_instrument: dict[str, list[Article]] = field(default_factory=dict)
    #: alias (normalised) -> slugs of every version of that work
    alias_index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    digest: str = ""

    # -- lookup -------------------------------------------------------------------------------
    def instrument(self, slug: str) -> Instrument:
        from xiezhi.law.citations import CitationError

        try:
            return self.instruments[slug]
        except KeyError:
            raise CitationError(f"没有这个法律文件标识：{slug}", hints=self.closest_names(slug)) from None

    def article(self, article_id: str) -> Article:
        """Look up `slug:number` (or `slug:number-suffix`); unknown ids raise CitationError."""
        found = self.articles.get(article_id.strip())
        if found is not None:
            return found
        from xiezhi.law.citations import resolve

        return self.article(resolve(self, article_id).article_id)

    def has(self, article_id: str) -> bool:
        return article_id in self.articles

    def versions(self, slug: str) -> list[Instrument]:
        """All shipped versions of the same work (same title), oldest first."""
        title = self.instruments[slug].title
        return sorted((i for i in self.instruments.values() if i.title == title), key=lambda i: i.effective)

    def version_on(self, slugs: Iterable[str], day: date) -> Instrument | None:
        candidates = [self.instruments[s] for s in slugs]
        in_force = [i for i in candidates if i.effective <= day]
        return max(in_force, key=lambda i: i.effective) if in_force else None

    def closest_names(self, name: str, n: int = 3) -> list[str]:
        import difflib

        names = list(self.alias_index)
        return difflib.get_close_matches(name, names, n=n, cutoff=0.3)

    # -- output -------------------------------------------------------------------------------
    def article_json(self, article: Article | str, **extra: Any) -> dict[str, Any]:
        a = self.article(article) if isinstance(article, str) else article
        inst = self.instruments[a.instrument_slug]
        out: dict[str, Any] = {
            "id": a.id,
            "instrument": inst.title,
            "instrument_slug": inst.slug,
            "article": a.article,
            "display": a.display,
            "text": a.text,
            "version": inst.version,
            "effective": inst.effective.isoformat(),
            "location": " / ".join(a.location),
            "status": inst.status,
        }
        out.update(extra)
        return out

    @cached_property
    def search_index(self) -> Any:
        from xiezhi.law.search import ArticleSearch

        return ArticleSearch.load_or_build(self)

    def search(self, query: str, top: int = 10) -> list[tuple[Article, float]]:
        return self.search_index.search(query, top=top)

    def resolve(self, text: str, on: date | None = None) -> Any:
        from xiezhi.law.citations import resolve

        return resolve(self, text, on=on)

    def find_citations(self, text: str, on: date | None = None) -> list[Any]:
        from xiezhi.law.citations import find_citations

        return find_citations(self, text, on=on)


def _build(directory: Path, digest: str) -> Corpus:
    import yaml

    from xiezhi.law.parse import parse_file

    alias_file = directory / "aliases.yaml"
    extra_aliases: dict[str, list[str]] = {}
    if alias_file.exists():
        extra_aliases = yaml.safe_load(alias_file.read_text(encoding="utf-8")) or {}
    metas: dict[str, tuple[dict[str, Any], Any]] = {}
    for path in _law_files(directory):
        parsed = parse_file(path.read_text(encoding="utf-8"), str(path))
        slug = str(parsed.meta["slug"])
        if slug != path.stem:
            raise DataError(f"{path}: slug “{slug}” 与文件名不一致")
        metas[slug] = (parsed.meta, parsed)
    unknown = set(extra_aliases) - set(metas)
    if unknown:
        raise DataError(f"{alias_file}: 别名指向不存在的文件：{sorted(unknown)}")

    by_title: dict[str, list[str]] = {}
    for slug, (meta, _) in metas.items():
        by_title.setdefault(str(meta["title"]), []).append(slug)

    instruments: dict[str, Instrument] = {}
    articles: dict[str, Article] = {}
    by_instrument: dict[str, list[Article]] = {}
    alias_index: dict[str, set[str]] = {}
    for title, slugs in by_title.items():
        ordered = sorted(slugs, key=lambda s: as_date(metas[s][0]["effective"], s, "effective"))
        names = {title, title.removeprefix("中华人民共和国")}
        for s in ordered:
            names.update(str(a) for a in extra_aliases.get(s, []))
        for name in names:
            alias_index.setdefault(normalise_name(name), set()).update(ordered)
        for idx, slug in enumerate(ordered):
            meta, parsed = metas[slug]
            successor = ordered[idx + 1] if idx + 1 < len(ordered) else None
            effective_to = None
            if successor:
                effective_to = as_date(metas[successor][0]["effective"], successor, "effective") - timedelta(days=1)
            inst = Instrument(
                slug=slug,
                title=title,
                aliases=tuple(sorted(names)),
                issuer=str(meta.get("issuer", "")),
                document_number=str(meta.get("document_number", "")),
                version=str(meta["version"]),
                version_year=_version_year(meta),
                effective=as_date(meta["effective"], slug, "effective"),
                effective_to=effective_to,
                status=str(meta["status"]),
                numbering=parsed.numbering,
                article_count=len(parsed.articles),
                common_name=next((str(a) for a in extra_aliases.get(slug, [])), title.removeprefix("中华人民共和国")),
                preamble=parsed.preamble,
                source={k: meta[k] for k in ("source_repo", "source_path", "source_commit", "source_url") if k in meta},
            )
            instruments[slug] = inst
            by_instrument[slug] = parsed.articles
            for a in parsed.articles:
                articles[a.id] = a
    frozen = {k: tuple(sorted(v)) for k, v in alias_index.items()}
    return Corpus(instruments, articles, by_instrument, frozen, digest)


def normalise_name(name: str) -> str:
    """Compare instrument names without brackets, spaces or width differences."""
    s = name.strip().replace("〔", "[").replace("〕", "]").replace("［", "[").replace("］", "]")
    s = re.sub(r"[《》<>〈〉\s\u3000\"“”]", "", s)
    return s


def _cache_dir() -> Path | None:
    env = os.environ.get("XIEZHI_CACHE_DIR")
    if env:
        return Path(env)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("xiezhi", appauthor=False))
    except Exception:  # pragma: no cover - platformdirs is a dependency
        return None


def cache_path(name: str, digest: str) -> Path | None:
    d = _cache_dir()
    return d / f"{name}-{digest}.pickle" if d else None


def read_cache(path: Path | None) -> Any:
    if path is None or not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:
        return None  # a broken cache is rebuilt, never trusted


def write_cache(path: Path | None, obj: Any) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home: run without a cache


def load_corpus(directory: Path | None = None, *, use_cache: bool = True) -> Corpus:
    directory = directory or laws_dir()
    digest = content_hash(directory)
    path = cache_path("corpus", digest) if use_cache else None
    cached = read_cache(path)
    if isinstance(cached, Corpus) and cached.digest == digest:
        return cached
    corpus = _build(directory, digest)
    write_cache(path, corpus)
    return corpus


_CORPUS: Corpus | None = None


def get_corpus() -> Corpus:
    """The shipped corpus, loaded once per process."""
    global _CORPUS
    if _CORPUS is None:
        _CORPUS = load_corpus()
    return _CORPUS
