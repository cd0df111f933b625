"""Fixtures for the store and evidence tests: a throwaway PostgreSQL server and per-test databases.

PostgreSQL runs where it can be started here: as root on Debian with the server binaries installed
(``make test`` apt-installs ``postgresql``), the fixture runs initdb as the ``postgres`` user into a
temporary directory and starts the server on a free loopback port. Elsewhere set
``XIEZHI_TEST_POSTGRES_URL`` (a database the tests may create databases in); otherwise the PostgreSQL
variants skip and print why.

Test modules import these fixtures explicitly (``from conftest_postgres import ...``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bindir() -> Path | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(d, "initdb").exists() and Path(d, "pg_ctl").exists() and Path(d, "postgres").exists():
            return Path(d)
    return None


def _why_no_local_server() -> str | None:
    if os.name != "posix" or os.geteuid() != 0:
        return "PostgreSQL 测试跳过：不是以 root 运行，无法启动临时服务器；可设置 XIEZHI_TEST_POSTGRES_URL"
    if not Path("/etc/debian_version").exists():
        return "PostgreSQL 测试跳过：不是 Debian，未自动启动服务器；可设置 XIEZHI_TEST_POSTGRES_URL"
    if _pg_bindir() is None:
        return ("PostgreSQL 测试跳过：未安装服务器（/usr/lib/postgresql/*/bin/initdb）；"
                "运行 make system-deps 或设置 XIEZHI_TEST_POSTGRES_URL")
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return "PostgreSQL 测试跳过：系统中没有 postgres 用户"
    if shutil.which("runuser") is None:
        return "PostgreSQL 测试跳过：没有 runuser 命令"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _skip(reason: str) -> None:
    sys.stderr.write(reason + "\n")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a PostgreSQL server (admin database) the tests may create databases on."""
    url = os.environ.get("XIEZHI_TEST_POSTGRES_URL", "").strip()
    if url:
        if url.startswith(("postgresql://", "postgres://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        yield url
        return
    reason = _why_no_local_server()
    if reason:
        _skip(reason)
    bindir = _pg_bindir()
    assert bindir is not None
    root = Path(tempfile.mkdtemp(prefix="xiezhi-pg-"))
    root.chmod(0o755)
    data, sock = root / "data", root / "sock"
    data.mkdir()
    sock.mkdir()
    shutil.chown(data, "postgres", "postgres")
    shutil.chown(sock, "postgres", "postgres")
    log = root / "server.log"
    log.touch()
    shutil.chown(log, "postgres", "postgres")
    as_pg = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    try:
        subprocess.run([*as_pg, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                        "-E", "UTF8", "--no-sync"], check=True, capture_output=True, timeout=120)
        subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                        "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                       check=True, capture_output=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        _skip(f"PostgreSQL 测试跳过：临时服务器启动失败（{detail.decode(errors='replace')[-300:]}）")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _fresh_database(server_url: str) -> str:
    from sqlalchemy import create_engine, text

    name = "xiezhi_test_" + uuid.uuid4().hex[:12]
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file in tmp_path, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'home' / 'xiezhi.sqlite3'}"
    return _fresh_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def vault(home: Path, db_url: str):
    from xiezhi.evidence import Vault

    v = Vault.open(home, db_url)
    yield v
    v.close()
