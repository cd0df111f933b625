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


def _cross_site(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        return URL(origin).netloc != host
    return origin == "null"


class SecurityMiddleware:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware and safe for streamed responses)."""

    def __init__(self, app: ASGIApp, settings: WebSettings) -> None:
        self.app = app
        self.settings = settings
        self.header_items = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from xiezhi.web.errors import deny

        s = self.settings
        request = Request(scope)
        extra: list[tuple[bytes, bytes]] = list(self.header_items)
        host = request.headers.get("host", "").rsplit(":", 1)[0].strip("[]")
        early: Response | None = None
        if s.allowed_hosts is not None and host not in s.allowed_hosts:
            early = deny(request, 421, "地址不对", "请使用启动时打印的地址访问。")
        elif s.token:
            given = request.query_params.get("token")
            if given is not None and hmac.compare_digest(given.encode(), s.token.encode()):
                extra.append((b"set-cookie", self._token_cookie()))
                if request.method == "GET" and not is_api(request):  # drop the token from the address bar
                    query = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "token"])
                    early = RedirectResponse(request.url.path + (f"?{query}" if query else ""), 303)
            elif not self._has_token(request):
                early = deny(request, 401, "需要访问令牌", "请用启动时打印的完整网址（含 token）或扫描二维码打开。")
        if early is None and request.method not in ("GET", "HEAD", "OPTIONS") and is_api(request) \
                and _cross_site(request):
            early = deny(request, 403, "拒绝跨站请求", "这个请求来自其他网站，已拒绝。")
        if early is None and request.method in ("POST", "PUT", "PATCH"):
            early = self._body_limit(request)
        if early is not None:
            for k, v in extra:
                early.raw_headers.append((k, v))
            await early(scope, receive, send)
            return
        scope.setdefault("state", {})

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in extra if k not in present or k == b"set-cookie"]
                nonce = scope["state"].get("new_csrf")
                if nonce and CSRF_COOKIE not in request.cookies:
                    secure = "; Secure" if s.secure_cookies else ""
                    headers.append((b"set-cookie",
                                    f"{CSRF_COOKIE}={nonce}; HttpOnly; Path=/; SameSite=strict{secure}".encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _body_limit(self, request: Request) -> Response | None:
        """Refuse oversized bodies before they are read (uploads are spooled to disk otherwise)."""
        from xiezhi.web.errors import deny

        limit = self.settings.max_upload_bytes * MAX_FILES_PER_REQUEST + 1024 * 1024
        if request.url.path == "/api/v1/batch":
            return None  # bounded while reading (MAX_BATCH_BYTES)
        length = request.headers.get("content-length")
        if length is None:
            if request.headers.get("content-type", "").startswith("multipart/"):
                return deny(request, 411, "需要 Content-Length", "上传文件时请求必须带 Content-Length。")
            return None
        if not length.isdigit() or int(length) > limit:
            return deny(request, 413, "文件太大", f"上传内容超过上限（每个文件 {self.settings.max_upload_bytes // (1024 * 1024)} MB，"
                                                   f"最多 {MAX_FILES_PER_REQUEST} 个）。")
        return None

    def _has_token(self, request: Request) -> bool:
        token = self.settings.token or ""
        cookie = request.cookies.get(TOKEN_COOKIE, "")
        auth = request.headers.get("authorization", "")
        bearer = auth[7:] if auth.lower().startswith("bearer ") else ""
        return any(v and hmac.compare_digest(v.encode(), token.encode()) for v in (cookie, bearer))

    def _token_cookie(self) -> bytes:
        secure = "; Secure" if self.settings.secure_cookies else ""
        return (f"{TOKEN_COOKIE}={self.settings.token}; HttpOnly; Path=/; Max-Age=2592000; "
                f"SameSite=strict{secure}").encode()
