"""Where xiezhi keeps its data: ``XIEZHI_HOME`` or the platform's user data directory (mode 0700)."""

from __future__ import annotations

import os
from pathlib import Path

from xiezhi.errors import InputError


def data_dir(home: str | os.PathLike[str] | None = None, *, create: bool = True) -> Path:
    """Return the data directory, created private (0700) if missing."""
    if home is None:
        home = os.environ.get("XIEZHI_HOME") or None
    if home is None:
        from platformdirs import user_data_dir

        home = user_data_dir("xiezhi", appauthor=False)
    path = Path(home).expanduser()
    if create:
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name == "posix" and (path.stat().st_mode & 0o077):
                path.chmod(0o700)
        except OSError as exc:
            raise InputError(f"无法创建或使用数据目录：{path}（{exc.strerror or exc}）。") from exc
    return path
