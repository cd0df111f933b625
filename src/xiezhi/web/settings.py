"""Settings of one running web app: access token, secrets, limits, the LAN URL to show as a QR code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

MAX_UPLOAD_BYTES = 20 * 1024 * 1024      # one photo, screenshot, recording or history file
MAX_FORM_TEXT = 20_000                   # characters in one pasted text
MAX_PASTE = 200_000                      # characters in a pasted chat thread (read message by message)


@dataclass
class WebSettings:
    token: str | None = None                 # required on every request when set (LAN mode)
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))  # signs CSRF tokens
    allowed_hosts: list[str] | None = None   # Host header check (DNS rebinding); None = any
    public_url: str | None = None            # the URL (with token) shown as a QR code on the desktop
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    secure_cookies: bool = False

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(16)

    def to_env(self) -> str:
        """JSON for worker processes (they must share the token and the CSRF secret)."""
        import json
        from dataclasses import asdict

        return json.dumps(asdict(self))

    @classmethod
    def from_env(cls, value: str) -> WebSettings:
        import json

        return cls(**json.loads(value))
