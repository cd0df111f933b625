"""Security for the web face: access token, CSRF tokens, security headers, Host and Origin checks.

- Token mode (any address other than loopback): every request needs the token, given once as
  `?token=` (then kept in an HttpOnly SameSite=Strict cookie) or as `Authorization: Bearer`.
- CSRF: forms carry `csrf`, an HMAC of a random per-browser cookie; a POST without a matching pair
  is refused. API writes are refused when the browser says they come from another site.
- Headers: a CSP without external sources, nosniff, no referrer, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from xiezhi.web.settings import WebSettings

TOKEN_COOKIE = "xiezhi_token"
MAX_FILES_PER_REQUEST = 10
CSRF_COOKIE = "xiezhi_csrf"
CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def csrf_token(settings: WebSettings, nonce: str) -> str:
    return hmac.new(settings.secret.encode(), nonce.encode(), hashlib.sha256).hexdigest()


def csrf_nonce(request: Request) -> str:
    """The browser's CSRF nonce (from its cookie, or a new one the middleware will set)."""
    state = request.scope.setdefault("state", {})
    nonce = request.cookies.get(CSRF_COOKIE) or state.get("new_csrf")
    if not nonce:
        nonce = secrets.token_urlsafe(18)
        state["new_csrf"] = nonce
    return nonce


def csrf_ok(request: Request, settings: WebSettings, submitted: str | None) -> bool:
    nonce = request.cookies.get(CSRF_COOKIE)
    if not nonce or not submitted:
        return False
    return hmac.compare_digest(csrf_token(settings, nonce), submitted)


class SecurityMiddleware:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware and safe for streamed responses).

    Runs on every request, so the common case (an allowed request from this machine) reads the raw
    ASGI headers once and builds no Request, URL or query objects; those are made only to refuse,
    redirect or set a cookie. Everything that does not depend on the request is computed once here."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings
        self.header_items = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
        self.header_names = frozenset(k for k, _ in self.header_items)
        self.allowed_hosts = None if settings.allowed_hosts is None else frozenset(settings.allowed_hosts)
        self.token = settings.token.encode() if settings.token else None
        self.body_limit = settings.max_upload_bytes * MAX_FILES_PER_REQUEST + 1024 * 1024
        self.csrf_cookie_suffix = f"; HttpOnly; Path=/; SameSite=strict{'; Secure' if settings.secure_cookies else ''}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, bytes] = {}
        for k, v in scope["headers"]:
            headers.setdefault(k, v)  # the first of repeated headers, as Starlette's Headers.get
        method: str = scope["method"]
        api = scope["path"].startswith("/api/")
        set_token_cookie = False
        early: Response | None = None
        if self.allowed_hosts is not None and \
                headers.get(b"host", b"").decode("latin-1").rsplit(":", 1)[0].strip("[]") not in self.allowed_hosts:
            early = self._deny(scope, 421, "地址不对", "请使用启动时打印的地址访问。")
        elif self.token is not None:
            given = self._query_token(scope)
            if given is not None and hmac.compare_digest(given.encode(), self.token):
                set_token_cookie = True
                if method == "GET" and not api:  # drop the token from the address bar
                    request = Request(scope)
                    query = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "token"])
                    early = RedirectResponse(request.url.path + (f"?{query}" if query else ""), 303)
            elif not self._has_token(headers):
                early = self._deny(scope, 401, "需要访问令牌", "请用启动时打印的完整网址（含 token）或扫描二维码打开。")
        if early is None and api and method not in ("GET", "HEAD", "OPTIONS") and _cross_site(headers):
            early = self._deny(scope, 403, "拒绝跨站请求", "这个请求来自其他网站，已拒绝。")
        if early is None and method in ("POST", "PUT", "PATCH"):
            early = self._body_limit(scope, headers)
        extra = self.header_items
        if set_token_cookie:
            extra = [*extra, (b"set-cookie", self._token_cookie())]
        if early is not None:
            early.raw_headers.extend(extra)
            await early(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        names = self.header_names

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = list(message.get("headers", ()))
                present = {k.lower() for k, _ in out}
                if present.isdisjoint(names):
                    out += extra
                else:  # the response set one of them itself: keep its own value
                    out += [(k, v) for k, v in extra if k not in present or k == b"set-cookie"]
                nonce = state.get("new_csrf")
                if nonce and CSRF_COOKIE not in Request(scope).cookies:
                    out.append((b"set-cookie", f"{CSRF_COOKIE}={nonce}{self.csrf_cookie_suffix}".encode()))
                message["headers"] = out
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _deny(scope: Scope, status: int, title: str, detail: str) -> Response:
        from xiezhi.web.errors import deny

        return deny(Request(scope), status, title, detail)

    @staticmethod
    def _query_token(scope: Scope) -> str | None:
        query: bytes = scope.get("query_string", b"")
        if b"token" not in query and b"%" not in query:  # no query, or no key that could decode to "token"
            return None
        return Request(scope).query_params.get("token")

    def _body_limit(self, scope: Scope, headers: dict[bytes, bytes]) -> Response | None:
        """Refuse oversized bodies before they are read (uploads are spooled to disk otherwise)."""
        if scope["path"] == "/api/v1/batch":
            return None  # bounded while reading (MAX_BATCH_BYTES)
        length = headers.get(b"content-length")
        if length is None:
            if headers.get(b"content-type", b"").startswith(b"multipart/"):
                return self._deny(scope, 411, "需要 Content-Length", "上传文件时请求必须带 Content-Length。")
            return None
        if not length.isdigit() or int(length) > self.body_limit:
            return self._deny(scope, 413, "文件太大", f"上传内容超过上限（每个文件 {self.settings.max_upload_bytes // (1024 * 1024)} MB，"
                                                      f"最多 {MAX_FILES_PER_REQUEST} 个）。")
        return None

    def _has_token(self, headers: dict[bytes, bytes]) -> bool:
        token = self.token or b""
        cookie = _cookie(headers.get(b"cookie", b"").decode("latin-1"), TOKEN_COOKIE).encode("latin-1", "replace")
        auth = headers.get(b"authorization", b"")
        bearer = auth[7:] if auth[:7].lower() == b"bearer " else b""
        return any(v and hmac.compare_digest(v, token) for v in (cookie, bearer))

    def _token_cookie(self) -> bytes:
        secure = "; Secure" if self.settings.secure_cookies else ""
        return (f"{TOKEN_COOKIE}={self.settings.token}; HttpOnly; Path=/; Max-Age=2592000; "
                f"SameSite=strict{secure}").encode()


def _cookie(header: str, name: str) -> str:
    """One cookie's value, parsed as Starlette parses the Cookie header."""
    if not header or name not in header:
        return ""
    from starlette.requests import cookie_parser

    return cookie_parser(header).get(name, "")


def _cross_site(headers: dict[bytes, bytes]) -> bool:
    """Whether the browser says the request comes from another site (Sec-Fetch-Site, else Origin)."""
    site = headers.get(b"sec-fetch-site")
    if site and site not in (b"same-origin", b"none"):
        return True
    origin = headers.get(b"origin")
    if origin and origin != b"null":
        return URL(origin.decode("latin-1")).netloc != headers.get(b"host", b"").decode("latin-1")
    return origin == b"null"
