"""`xiezhi law …`: list instruments, show an article, search the statutes, find citations in text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from xiezhi.cli.common import JsonFlag, OnDate, dumps, emit, fail, parse_on, user_errors

law_app = typer.Typer(help="法条库：列出、查看、搜索收录的法律文件与条文。", no_args_is_help=True)


def _render_article(payload: dict[str, object]) -> str:
    lines = [str(payload["display"])]
    if payload.get("location"):
        lines.append(f"位置：{payload['location']}")
    lines.append(f"版本：{payload['version']}（{payload['effective']} 起施行；{payload['status']}）")
    if payload.get("citation") and payload["citation"] != payload["display"]:
        lines.append(f"引用：{payload['citation']}")
    lines.append("")
    lines.append(str(payload["text"]))
    return "\n".join(lines)


@law_app.command("list")
def list_cmd(as_json: JsonFlag = False) -> None:
    """列出收录的全部法律文件（名称、版本、施行日期、条数）。"""
    from xiezhi.law import get_corpus

    corpus = get_corpus()
    rows = []
    for inst in sorted(corpus.instruments.values(), key=lambda i: (i.title, i.effective)):
        rows.append({
            "slug": inst.slug, "title": inst.title, "common_name": inst.common_name,
            "aliases": list(inst.aliases), "issuer": inst.issuer, "document_number": inst.document_number,
            "version": inst.version, "effective": inst.effective.isoformat(),
            "effective_to": inst.effective_to.isoformat() if inst.effective_to else None,
            "status": inst.status, "numbering": inst.numbering, "articles": inst.article_count,
        })

    def render(items: list[dict[str, object]]) -> str:
        out = [f"共收录 {len(items)} 个法律文件：", ""]
        for r in items:
            until = f"，至 {r['effective_to']} 止" if r["effective_to"] else ""
            unit = {"article": "条", "item": "项", "whole": "段"}[str(r["numbering"])]
            out.append(f"· {r['title']}（{r['slug']}）")
            out.append(f"  {r['effective']} 起施行{until}；{r['articles']} {unit}；{r['status']}")
        return "\n".join(out)

    emit(rows, as_json, render)


@law_app.command("show")
def show_cmd(
    citation: Annotated[list[str], typer.Argument(help="引用，如：民法典 680、刑法第二百九十三条之一、civil-code:680")],
    on: OnDate = None,
    as_json: JsonFlag = False,
) -> None:
    """显示一条法条的原文、位置、版本和施行日期。"""
    from xiezhi.law import get_corpus

    day = parse_on(on)
    corpus = get_corpus()
    with user_errors():
        cit = corpus.resolve(" ".join(citation), on=day)
        payload = corpus.article_json(cit.article_id)
    if cit.kuan or cit.xiang:
        payload["citation"] = cit.display
        payload["kuan"] = cit.kuan
        payload["xiang"] = cit.xiang
    emit(payload, as_json, _render_article)


@law_app.command("search")
def search_cmd(
    query: Annotated[list[str] | None, typer.Argument(help="要搜索的词语或问题")] = None,
    top: Annotated[int, typer.Option("--top", "-k", help="返回前 K 条（默认 10）")] = 10,
    file: Annotated[Path | None, typer.Option("--file", help="每行一个查询；每行输出一个 JSON")] = None,
    as_json: JsonFlag = False,
) -> None:
    """按相关度搜索法条：口语问题先归一化、补充法律用语，再以 BM25 排序；几个关键词则与原词排序融合。"""
    from xiezhi.law import get_corpus
    from xiezhi.law.query import rank_articles

    corpus = get_corpus()
    if top < 1 or top > 200:
        fail("--top 必须在 1 到 200 之间。")
    if file is not None:
        from xiezhi.textio import read_text_file

        with user_errors():
            lines = read_text_file(file).text.splitlines()
        for line in lines:
            q = line.strip()
            hits = rank_articles(q, top=top) if q else []
            out = {"query": q, "results": [corpus.article_json(a, score=round(s, 4)) for a, s in hits]}
            sys.stdout.write(dumps(out, indent=None) + "\n")
        return
    text = " ".join(query or []).strip()
    if not text:
        fail("搜索内容为空：请输入要查找的词语，例如：xiezhi law search 催收 上门")
    with user_errors():
        hits = rank_articles(text, top=top)
    results = [corpus.article_json(a, score=round(s, 4)) for a, s in hits]

    def render(items: list[dict[str, object]]) -> str:
        if not items:
            return f"没有找到与“{text}”相关的法条。"
        out = [f"与“{text}”最相关的 {len(items)} 条法条：", ""]
        for n, r in enumerate(items, 1):
            snippet = str(r["text"]).replace("\n", " ")
            snippet = snippet[:90] + ("…" if len(snippet) > 90 else "")
            out.append(f"{n}. {r['display']}  [{r['id']}]  相关度 {r['score']}")
            out.append(f"   {snippet}")
        return "\n".join(out)

    emit(results, as_json, render)


@law_app.command("cite")
def cite_cmd(
    text: Annotated[list[str], typer.Argument(help="一段含有法条引用的文字")],
    on: OnDate = None,
    as_json: JsonFlag = False,
) -> None:
    """找出一段文字里引用的全部法条，并逐条核对是否存在。"""
    from xiezhi.law import get_corpus, scan_citations

    day = parse_on(on)
    scan = scan_citations(get_corpus(), " ".join(text), on=day)
    payload = {"citations": [c.to_json() for c in scan.citations], "errors": [str(e) for e in scan.errors]}

    def render(p: dict[str, list]) -> str:
        out = [f"找到 {len(p['citations'])} 处引用："]
        out += [f"· {c['raw']} → {c['display']} [{c['id']}]" for c in p["citations"]]
        if p["errors"]:
            out.append("无法核实的引用：")
            out += [f"· {e}" for e in p["errors"]]
        return "\n".join(out)

    emit(payload, as_json, render)
    if scan.errors:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.add_typer(law_app, name="law")
