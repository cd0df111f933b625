"""Read knowledge cards from Markdown files with YAML front matter, strictly.

A file is ``---`` YAML front matter ``---`` then the analysis as the Markdown body.  Unknown keys,
missing keys and malformed values are errors that name the file; nothing is guessed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from xiezhi.kb.models import Card, CardIssue


def cards_dir() -> Path:
    """The shipped card folder (``xiezhi/data/cards``)."""
    return Path(str(resources.files("xiezhi") / "data" / "cards"))


def card_files(directory: Path | None = None) -> list[Path]:
    d = directory or cards_dir()
    if not d.is_dir():
        return []
    return sorted(p for p in d.glob("*.md") if not p.name.startswith(("_", ".")) and p.name != "README.md")


def split_front_matter(text: str) -> tuple[str, str] | None:
    """Return (yaml, body) or None when the file does not start with a front-matter block."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return None
    lines = text.splitlines(keepends=True)
    if lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1:])
    return None


def _yaml_load(text: str) -> object:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)


def parse_card(path: Path) -> tuple[Card | None, list[CardIssue]]:
    """Parse one file; return the card (or None) and the problems found while parsing."""
    rel = path.name
    stem = path.stem
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [CardIssue(card_id=stem, path=rel, message=f"无法读取（需要 UTF-8）：{exc}")]
    parts = split_front_matter(text)
    if parts is None:
        return None, [CardIssue(card_id=stem, path=rel, message="缺少以 --- 开始和结束的 YAML 头")]
    head, body = parts
    try:
        meta = _yaml_load(head)
    except Exception as exc:  # yaml.YAMLError and scanner errors
        return None, [CardIssue(card_id=stem, path=rel, message=f"YAML 头无法解析：{exc}")]
    if not isinstance(meta, dict):
        return None, [CardIssue(card_id=stem, path=rel, message="YAML 头必须是键值映射")]
    if "analysis" in meta:
        return None, [CardIssue(card_id=stem, path=rel, message="analysis 应写在正文（YAML 头之后），不要放进 YAML 头")]
    meta = {str(k): v for k, v in meta.items()}
    meta["analysis"] = body.strip()
    try:
        card = Card.model_validate(meta)
    except ValidationError as exc:
        msgs = []
        for err in exc.errors():
            loc = ".".join(str(x) for x in err["loc"]) or "(card)"
            msgs.append(CardIssue(card_id=str(meta.get("id", stem)), path=rel, message=f"{loc}: {err['msg']}"))
        return None, msgs
    if card.id != stem:
        return card, [CardIssue(card_id=card.id, path=rel, message=f"id {card.id!r} 与文件名 {stem!r} 不一致")]
    return card, []


def load_cards(directory: Path | None = None) -> tuple[list[Card], list[CardIssue]]:
    """Parse every card file; cards that do not parse are left out and reported as issues."""
    cards: list[Card] = []
    issues: list[CardIssue] = []
    for path in card_files(directory):
        card, problems = parse_card(path)
        issues.extend(problems)
        if card is not None:
            cards.append(card)
    return cards, issues
