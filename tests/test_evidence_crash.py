"""Crash safety and concurrency of the vault, with real processes.

Run as a script this file is the writer: ``forker`` pre-imports the vault, then forks short-lived
children that add records with attachments and print an ack after each commit; the forker SIGKILLs
each child after a random delay. ``writer`` adds N records (two of them run at once).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

pytest_plugins = ["conftest_postgres"]


CYCLES = 220


def _incident(marker: str):
    from xiezhi.evidence import Counterpart, IncidentInput

    return IncidentInput(kind="sms", occurred_at=datetime(2026, 3, 14, 23, 10), text=f"ack-marker {marker}",
                         counterpart=Counterpart(number="17000000000"))


def _attachment(rng: random.Random, marker: str) -> tuple[str, bytes]:
    size = rng.choice([200, 5_000, 60_000, 250_000])
    shared = rng.random() < 0.2  # some attachments repeat, to exercise the dedup path
    payload = b"shared" * 100 if shared else marker.encode() + rng.randbytes(size)
    return f"{marker}.png", b"\x89PNG\r\n\x1a\n" + payload


def _storage_only() -> None:
    """These tests are about storage: take Check's text analysis (and its speed) out of the loop."""
    import xiezhi.evidence.vault as vault_module

    vault_module.analyze_text = lambda *args, **kwargs: []


def _child(home: str, cycle: int, fd: int) -> None:
    from xiezhi.evidence import Vault

    rng = random.Random(cycle)
    vault = Vault.open(home)
    os.write(fd, b"ready\n")
    i = 0
    while True:
        marker = f"{cycle}-{i}"
        vault.add(_incident(marker), files=[_attachment(rng, marker)])
        os.write(fd, f"{marker}\n".encode())  # acknowledged only after commit returned
        i += 1


def forker(home: str, cycles: int) -> None:
    _storage_only()

    rng = random.Random(12345)
    acked: list[str] = []
    partial = 0  # kills that left a half-written temp file behind (the next child removes it)
    tmp_dir = os.path.join(home, "evidence", "tmp")
    for cycle in range(cycles):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            try:
                _child(home, cycle, w)
            finally:
                os._exit(3)
        os.close(w)
        reader = os.fdopen(r, "rb")
        seen: list[bytes] = []
        if rng.random() < 0.9:  # mostly kill while adding; sometimes while the vault is being opened
            # Wait for "ready" and then for 0-2 acknowledgements, so kills land inside adds however slow the
            # machine's fsync is (a fixed delay alone left almost nothing acknowledged on a loaded machine).
            seen += [reader.readline() for _ in range(1 + rng.randint(0, 2))]
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        with reader:
            lines = b"".join(seen).splitlines() + reader.read().splitlines()
            acked.extend(x for x in (line.decode() for line in lines) if x and x != "ready")
        partial += bool(os.path.isdir(tmp_dir) and os.listdir(tmp_dir))
    print(json.dumps({"acked": acked, "cycles": cycles, "partial": partial}))


def writer(home: str, n: int, tag: str) -> None:
    from xiezhi.evidence import Vault

    _storage_only()
    vault = Vault.open(home)
    rng = random.Random(tag)
    for i in range(n):
        vault.add(_incident(f"{tag}-{i}"), files=[_attachment(rng, f"{tag}-{i}")])
    print(json.dumps({"done": n}))


def _run_script(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})}, text=True)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="需要 os.fork 与 SIGKILL（POSIX）")
def test_sigkill_writer_200_times(tmp_path: Path) -> None:
    from xiezhi.evidence import Vault

    home = tmp_path / "home"
    Vault.open(home).close()  # create schema once
    proc = _run_script("forker", str(home), str(CYCLES), env={"XIEZHI_DATABASE_URL": ""})
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    result = json.loads(out.strip().splitlines()[-1])
    acked = result["acked"]
    assert result["cycles"] >= 200
    assert len(acked) >= CYCLES // 4, "kills should land while records are being added"

    leftovers = list((home / "evidence" / "tmp").iterdir())
    print(f"{len(acked)} acknowledged records over {result['cycles']} SIGKILLs; {result['partial']} kills "
          f"left a half-written temp file; {len(leftovers)} still there before reopening")
    vault = Vault.open(home)  # opening removes .part files of dead writers
    report = vault.verify()
    assert report.ok, report.problems[:3]
    texts = {r.content.text for r in vault.records()}
    missing = [m for m in acked if f"ack-marker {m}" not in texts]
    assert not missing, f"acknowledged records lost: {missing[:5]}"
    assert report.records >= len(acked)
    # no partial file: nothing left in tmp/, every stored object is complete (hash == name)
    assert not any((home / "evidence" / "tmp").iterdir())
    for name in vault.blobs.names():
        data = vault.blobs.path(name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == name
    # no partial record: every record's attachments are there and whole (verify checked hashes)
    for rec in vault.records():
        assert rec.content is not None and len(rec.content.attachments) == 1
    vault.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path, backend: str, request: pytest.FixtureRequest
                                                   ) -> None:
    from xiezhi.evidence import Vault

    env = {"XIEZHI_DATABASE_URL": ""}
    if backend == "postgres":
        from conftest_postgres import _fresh_database

        env["XIEZHI_DATABASE_URL"] = _fresh_database(request.getfixturevalue("postgres_server"))
    home = tmp_path / "home"
    Vault.open(home, env["XIEZHI_DATABASE_URL"] or None).close()
    n = 40
    procs = [_run_script("writer", str(home), str(n), tag, env=env) for tag in ("A", "B")]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]
    vault = Vault.open(home, env["XIEZHI_DATABASE_URL"] or None)
    report = vault.verify()
    assert report.ok and report.records == 2 * n
    texts = sorted(r.content.text for r in vault.records())
    assert texts == sorted(f"ack-marker {t}-{i}" for t in "AB" for i in range(n))
    vault.close()


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "forker":
        forker(sys.argv[2], int(sys.argv[3]))
    elif mode == "writer":
        writer(sys.argv[2], int(sys.argv[3]), sys.argv[4])
