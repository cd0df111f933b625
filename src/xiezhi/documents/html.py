"""HTML renderer: one self-contained page (inline CSS, no scripts), printable, mobile friendly."""

from __future__ import annotations

from html import escape

from xiezhi.documents.model import BulletList, Document, Heading, PageBreak, Paragraph, Table

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
line-height:1.6;margin:0 auto;max-width:60rem;padding:1rem;color:#111}
h1{font-size:1.5rem;text-align:center}h2{font-size:1.2rem}h3{font-size:1.05rem}
p.center{text-align:center}p.right{text-align:right}p.justify{text-align:justify}
p.indent{text-indent:2em}.small{font-size:.85rem}.large{font-size:1.2rem}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #555;padding:.3rem .4rem;vertical-align:top;text-align:left;word-break:break-all}
th{background:#eee}footer{margin-top:2rem;font-size:.8rem;color:#555}
@media print{.page-break{page-break-after:always}}
"""


def _text(s: str) -> str:
    return escape(s).replace("\n", "<br>")


def _block(b: object) -> str:
    if isinstance(b, Heading):
        level = min(max(b.level, 1), 3) + 1  # h1 is the document title
        return f"<h{level}>{_text(b.text)}</h{level}>"
    if isinstance(b, Paragraph):
        cls = [c for c in (b.align if b.align != "left" else "", "indent" if b.indent_first_line else "",
                           b.size if b.size != "normal" else "") if c]
        inner = f"<strong>{_text(b.text)}</strong>" if b.bold else _text(b.text)
        attr = f' class="{" ".join(cls)}"' if cls else ""
        return f"<p{attr}>{inner}</p>"
    if isinstance(b, BulletList):
        tag = "ol" if b.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_text(i)}</li>" for i in b.items) + f"</{tag}>"
    if isinstance(b, Table):
        cols = "".join(f'<col style="width:{f * 100:.1f}%">' for f in b.fractions())
        head = "".join(f"<th>{_text(h)}</th>" for h in b.header)
        rows = "".join("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in r) + "</tr>" for r in b.rows)
        cls = f' class="{b.size}"' if b.size != "normal" else ""
        return (f'<div class="table-wrap"><table{cls}><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table></div>")
    if isinstance(b, PageBreak):
        return '<div class="page-break"></div>'
    raise TypeError(f"unknown block {type(b).__name__}")


def render_html(doc: Document) -> bytes:
    parts = [
        "<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_text(doc.title)}</h1>",
        *(_block(b) for b in doc.blocks),
    ]
    if doc.footer:
        parts.append(f"<footer>{_text(doc.footer)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")
