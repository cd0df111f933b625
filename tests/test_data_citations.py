"""Every citation in shipped data resolves, and every quote attributed to an article is in its text.

This walks all of src/xiezhi/data except the statute texts themselves, so cards, collection rules,
parameters, interview questions and letter templates written by any later issue are covered
without further test code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from xiezhi.law import CitationError, scan_citations
from xiezhi.law.corpus import laws_dir

DATA = laws_dir().parent
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".json", ".j2", ".jinja", ".html", ".txt", ".jsonl"}
_PUNCT = re.compile(r"[\s\u3000，。；：、“”‘’\"'（）()《》,.;:!！?？…—\-]")


def data_files() -> list[Path]:
    out = []
    for p in sorted(DATA.rglob("*")):
        if p.is_file() and p.suffix in TEXT_SUFFIXES and laws_dir() not in p.parents:
            out.append(p)
    return out


def structured(p: Path) -> list[Any]:
    text = p.read_text(encoding="utf-8")
    if p.suffix in {".yaml", ".yml"}:
        return list(yaml.safe_load_all(text))
    if p.suffix == ".json":
        return [json.loads(text)]
    if p.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if p.suffix in {".md", ".j2", ".jinja"} and text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            return [yaml.safe_load(text[3:end])]
    return []


def walk(node: Any, path: str = "") -> Iterator[tuple[str, str, Any, dict[str, Any] | None]]:
    """Yield (path, key, value, parent) for every key named like citations."""
    if isinstance(node, dict):
        for k, v in node.items():
            key = str(k)
            if key in {"citations", "citation", "cites"} or key.endswith("_citations"):
                yield path + "/" + key, key, v, node
            yield from walk(v, f"{path}/{key}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{path}[{i}]")


def _entries(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _norm(s: str) -> str:
    return _PUNCT.sub("", s)


def check_file(corpus, p: Path, base: Path = DATA) -> list[str]:
    problems: list[str] = []
    rel = p.relative_to(base)
    try:
        docs = structured(p)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        return [f"{rel}: cannot parse: {exc}"]
    for doc in docs:
        for where, _key, value, parent in walk(doc):
            ids: list[str] = []
            for entry in _entries(value):
                if entry is None:
                    continue
                if isinstance(entry, dict):
                    if "id" in entry:
                        ref = str(entry["id"])
                    elif "name" in entry:
                        if "status" not in entry:
                            problems.append(f"{rel}{where}: named instrument {entry['name']!r} lacks a status")
                        continue
                    else:
                        problems.append(f"{rel}{where}: citation entry needs `id` or `name`: {entry!r}")
                        continue
                else:
                    ref = str(entry)
                try:
                    ids.append(corpus.resolve(ref).article_id)
                except CitationError as exc:
                    problems.append(f"{rel}{where}: {ref!r} does not resolve: {exc}")
            quote = parent.get("quote") if isinstance(parent, dict) else None
            if isinstance(quote, str) and quote.strip() and ids:
                texts = [_norm(corpus.article(i).text) for i in ids]
                if not any(_norm(quote) in t for t in texts):
                    problems.append(f"{rel}{where}: quote not found in {ids}: {quote[:40]}…")
    text = p.read_text(encoding="utf-8")
    slugs = "|".join(sorted((re.escape(s) for s in corpus.instruments), key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w-])({slugs}):(\d+(?:-\d+)?)(?![\w-])", text):
        if not corpus.has(f"{m.group(1)}:{m.group(2)}"):
            problems.append(f"{rel}: article id {m.group(0)} does not exist")
    if p.suffix in {".md", ".j2", ".jinja", ".txt"}:
        for err in scan_citations(corpus, text).errors:
            if err.kind != "unknown_instrument":
                problems.append(f"{rel}: citation in text does not resolve: {err}")
    return problems


def test_the_walker_finds_data() -> None:
    assert (laws_dir() / "aliases.yaml").exists()
    assert DATA.name == "data"


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_citation_resolves(corpus, path: Path) -> None:
    assert check_file(corpus, path) == []


def test_walker_catches_bad_citations(corpus, tmp_path: Path) -> None:
    """The check itself can fail: a made-up article, a wrong quote, a bare name without status."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rules:\n"
        "  - citations: [civil-code:9999, 劳动法第5条]\n"
        "  - citations: [civil-code:680]\n    quote: 借款利率可以随意约定\n"
        "  - citations: [{name: GB/T 45251—2025}]\n"
        "note: see criminal-law:999\n",
        encoding="utf-8",
    )
    problems = check_file(corpus, bad, base=tmp_path)
    joined = "\n".join(problems)
    assert "'civil-code:9999' does not resolve" in joined
    assert "'劳动法第5条' does not resolve" in joined
    assert "quote not found" in joined
    assert "lacks a status" in joined
    assert "article id criminal-law:999 does not exist" in joined
    assert len(problems) == 6, problems
