"""Errors that carry a message a Chinese-speaking user can act on.

Every face (CLI, API, web) turns an `InputError` into the same thing: a clear Chinese message and,
for the CLI, exit code 2. Core code raises these instead of printing, so the message is identical
whichever face asked.
"""

from __future__ import annotations


class XiezhiError(Exception):
    """Base class; `message` is user-facing Simplified Chinese."""

    def __init__(self, message: str, *, hints: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hints = list(hints or [])

    def __str__(self) -> str:
        if not self.hints:
            return self.message
        return self.message + "\n" + "\n".join(f"  · {h}" for h in self.hints)


class InputError(XiezhiError):
    """The user's input cannot be used as given (exit code 2 on the CLI, HTTP 400/422 on the API)."""


class DataError(XiezhiError):
    """Shipped data is inconsistent (a bug in the data files, not in the user's input)."""
