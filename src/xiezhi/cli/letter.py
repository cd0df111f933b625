"""`xiezhi letter`: draft the documents a borrower needs from their own facts (DOCX, PDF or HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from xiezhi.cli.common import JsonFlag, emit, fail, user_errors


def _render_kinds(kinds: list[Any]) -> str:
    lines = ["可生成的文书："]
    for k in kinds:
        lines.append(f"  {k.kind:<16}{k.title}：{k.description}")
        lines.append(f"  {'':<16}必填：{'；'.join(k.needs_labels) or '无'}")
    lines.append("用法：xiezhi letter <种类> --input facts.yaml -o 输出.docx（或 .pdf / .html）")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    letter_app = typer.Typer(help="根据你的情况起草文书：协商还款申请书、投诉书、征信异议申请书、报案材料、催收函回复。",
                             no_args_is_help=True)

    @letter_app.command("list")
    def list_cmd(as_json: JsonFlag = False) -> None:
        """列出可生成的文书种类及各自必填的信息。"""
        from xiezhi.letters import list_kinds

        with user_errors():
            kinds = list_kinds()
        emit(kinds, as_json, _render_kinds)

    for kind, title, description in _kinds():
        _add_kind(letter_app, kind, title, description)

    app.add_typer(letter_app, name="letter")


def _kinds() -> list[tuple[str, str, str]]:
    """Kinds, titles and descriptions from the templates' front matter, read without importing
    xiezhi.letters: registering commands must not pull the letter, plan and loan packages into
    every `xiezhi` start-up (`xiezhi.letters.templates` validates the same files when a letter is made).
    """
    import yaml

    folder = Path(__file__).resolve().parent.parent / "data" / "templates" / "letters"
    found = []
    for path in sorted(folder.glob("*.md.j2")):
        text = path.read_text(encoding="utf-8")
        end = text.find("\n---", 3)
        meta = yaml.safe_load(text[3:end]) if text.startswith("---") and end > 0 else None
        if isinstance(meta, dict) and "kind" in meta:
            found.append((int(meta.get("order", 100)), str(meta["kind"]), str(meta.get("title", "")),
                          str(meta.get("description", ""))))
    return [(k, t, d) for _, k, t, d in sorted(found)]


def _add_kind(letter_app: typer.Typer, kind: str, title: str, description: str) -> None:
    def command(
        input: Annotated[Path, typer.Option("--input", "-i", help="你的情况（YAML 或 JSON），格式见 docs/letters.md。")],
        output: Annotated[Path, typer.Option("--output", "-o", help="输出文件；格式取自后缀 .docx / .pdf / .html。")],
        fmt: Annotated[str | None, typer.Option("--format", "-f", help="输出格式 docx、pdf 或 html（默认取自后缀）。")] = None,
        as_json: JsonFlag = False,
    ) -> None:
        from xiezhi.letters import draft_letter, load_facts, write_letter

        with user_errors():
            suffix = output.suffix.lower().lstrip(".")
            chosen = (fmt or {"htm": "html"}.get(suffix, suffix)).lower()
            if chosen not in ("docx", "pdf", "html"):
                fail(f"无法确定输出格式（{output.name}）：请用 .docx、.pdf 或 .html 结尾，或加 --format docx|pdf|html。")
            letter = draft_letter(kind, load_facts(str(input)))
            write_letter(letter, output, chosen)
        emit(letter, as_json, lambda r: _report(r, output))

    command.__doc__ = f"起草《{title}》：{description}"
    letter_app.command(kind, help=command.__doc__)(command)


def _report(letter: Any, output: Path) -> str:
    lines = [f"已生成《{letter.title}》：{output}"]
    if letter.blanks:
        lines.append("还需要你手填（信中标为【待填写：…】）：" + "、".join(letter.blanks))
    else:
        lines.append("没有待填的空白。")
    if letter.findings_used:
        lines.append(f"附上了 {letter.findings_used} 项催收识别结果。")
    if letter.citations:
        lines.append("所引条文：" + "、".join(c.display for c in letter.citations))
    lines.append("这是根据你提供的信息生成的草稿（法律信息，不是法律意见）：寄出前请逐项核对事实并签名。")
    return "\n".join(lines)
