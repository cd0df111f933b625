"""A minimal web face until the full web issue lands: the instruments and one article at a time.

Pages are plain server-rendered HTML (no JavaScript, no external assets) and every value is
escaped, because article texts and user queries are data, not markup.
"""

from __future__ import annotations

from html import escape

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse, JSONResponse

from xiezhi import __version__
from xiezhi.errors import XiezhiError

_STYLE = """
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:0 auto;max-width:46rem;padding:1rem;line-height:1.7;color:#1a1a1a}
a{color:#0b57d0}h1{font-size:1.4rem}li{margin:.3rem 0}.muted{color:#555;font-size:.9rem}
pre{white-space:pre-wrap;font-family:inherit;background:#f6f6f6;padding:.8rem;border-radius:6px}
.note{border-left:4px solid #b3261e;padding:.4rem .8rem;background:#fff4f2}
"""


def _page(title: str, body: str) -> HTMLResponse:
    html = (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · 獬豸</title><style>{_STYLE}</style></head><body>"
        f'<p><a href="/">獬豸 xiezhi</a> · 法条库</p>{body}'
        f'<p class="note">本工具提供法律信息，不是法律意见。具体案件请咨询律师或拨打 12348 法律援助热线。</p>'
        f"</body></html>"
    )
    return HTMLResponse(html)


def create_app() -> FastAPI:
    app = FastAPI(title="xiezhi", version=__version__, openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None)

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        from xiezhi.law import get_corpus

        corpus = get_corpus()
        items = []
        for inst in sorted(corpus.instruments.values(), key=lambda i: (i.title, i.effective)):
            first = corpus.by_instrument[inst.slug][0]
            until = f"，{inst.effective_to.isoformat()} 止" if inst.effective_to else ""
            items.append(
                f'<li><a href="/law/{escape(first.id)}">{escape(inst.title)}</a>'
                f'<br><span class="muted">{inst.effective.isoformat()} 起施行{until}；'
                f"{inst.article_count} 条；{escape(inst.status)}</span></li>"
            )
        form = ('<form action="/law" method="get"><label for="q">查看法条：</label>'
                '<input id="q" name="q" placeholder="如：民法典第680条"> <button>查看</button></form>')
        return _page("法条库", f"<h1>收录的法律文件</h1>{form}<ul>{''.join(items)}</ul>")

    @app.get("/law", response_class=HTMLResponse)
    def law_lookup(q: str = Query("", max_length=200)) -> HTMLResponse:
        from xiezhi.law import get_corpus

        try:
            cit = get_corpus().resolve(q)
        except XiezhiError as exc:
            return _page("未找到", f"<h1>无法找到该法条</h1><pre>{escape(str(exc))}</pre>")
        return law_article(cit.article_id)

    @app.get("/law/{article_id}", response_class=HTMLResponse)
    def law_article(article_id: str) -> HTMLResponse:
        from xiezhi.law import get_corpus

        corpus = get_corpus()
        try:
            a = corpus.article(article_id)
        except XiezhiError as exc:
            resp = _page("未找到", f"<h1>无法找到该法条</h1><pre>{escape(str(exc))}</pre>")
            resp.status_code = 404
            return resp
        j = corpus.article_json(a)
        arts = corpus.by_instrument[a.instrument_slug]
        i = arts.index(a)
        nav = []
        if i > 0:
            nav.append(f'<a href="/law/{escape(arts[i - 1].id)}">← {escape(arts[i - 1].label)}</a>')
        if i + 1 < len(arts):
            nav.append(f'<a href="/law/{escape(arts[i + 1].id)}">{escape(arts[i + 1].label)} →</a>')
        body = (
            f"<h1>{escape(j['display'])}</h1>"
            f'<p class="muted">{escape(j["location"])}<br>{escape(j["version"])}（{j["effective"]} 起施行）</p>'
            f"<pre>{escape(j['text'])}</pre><p>{' · '.join(nav)}</p>"
        )
        return _page(j["display"], body)

    @app.get("/api/v1/health")
    def health() -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    return app
