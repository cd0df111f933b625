"""API latency under load: p50/p99 and errors for /api/v1/ask and /api/v1/check with 50 concurrent
clients on loopback for 20 seconds each (closed loop: each client sends its next request when the last
one is answered). The server runs as `xiezhi serve` in a subprocess on a free 127.0.0.1 port.

Targets (issue 8): p99 <= 50 ms and no errors for each endpoint.
    python bench/bench_api.py [--seconds 20] [--clients 50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from common import median, percentile, write_result

DATA = Path(__file__).parent / "data"
XIEZHI = str(Path(sys.executable).with_name("xiezhi"))
TARGET_P99_MS = 50.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_inputs(limit: int = 300) -> tuple[list[dict], list[dict]]:
    asks, checks = [], []
    if (DATA / "ask_dev.jsonl").exists():
        for line in (DATA / "ask_dev.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
            asks.append({"question": json.loads(line)["q"]})
    if (DATA / "check_dev.jsonl").exists():
        for line in (DATA / "check_dev.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
            item = json.loads(line)
            body = {"text": item["text"]}
            for k in ("sent_at", "recipient_role", "lender_type"):
                if item.get(k):
                    body[k] = item[k]
            checks.append(body)
    asks = asks or [{"question": "网贷逾期后，催收人员真的会上门吗？"}]
    checks = checks or [{"text": "再不还钱，今晚就上门找你家人"}]
    return asks, checks


class Conn:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator must cost far less
    CPU than the server it measures (httpx costs ~1 ms of CPU per request, as much as the server)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        data = await self.reader.readexactly(length)
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def run_load(base: str, path: str, bodies: list[dict], seconds: float, clients: int) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    host, port = base.split("//", 1)[1].split(":")
    payloads = [json.dumps(b, ensure_ascii=False).encode() for b in bodies]
    stop = time.perf_counter() + seconds

    async def worker(i: int) -> None:
        conn = Conn(host, int(port))
        n = i
        try:
            while time.perf_counter() < stop:
                payload = payloads[n % len(payloads)]
                n += clients
                t0 = time.perf_counter()
                try:
                    status, _ = await conn.post(path, payload)
                    ok, key = status == 200, str(status)
                except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                    ok, key = False, type(exc).__name__
                    conn.close()
                    conn = Conn(host, int(port))
                latencies.append((time.perf_counter() - t0) * 1000)
                if not ok:
                    errors[key] = errors.get(key, 0) + 1
        finally:
            conn.close()

    t_start = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    elapsed = time.perf_counter() - t_start
    p99 = percentile(latencies, 99)
    return {"requests": len(latencies), "seconds": round(elapsed, 2), "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(median(latencies), 2), "p99_ms": round(p99, 2), "max_ms": round(max(latencies), 2),
            "errors": sum(errors.values()), "error_kinds": errors,
            "target_p99_ms": TARGET_P99_MS, "pass": p99 <= TARGET_P99_MS and not errors}


def start_server(port: int, home: str, workers: int = 1) -> subprocess.Popen:
    env = {**os.environ, "XIEZHI_HOME": home}
    proc = subprocess.Popen([XIEZHI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                            env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))


def measure(workers: int, asks: list[dict], checks: list[dict], seconds: float, clients: int) -> dict:
    port = free_port()
    home = tempfile.mkdtemp(prefix="xiezhi-bench-api-")
    proc = start_server(port, home, workers)
    base = f"http://127.0.0.1:{port}"
    try:
        for body in asks[:40] + checks[:40]:  # warm caches and indexes (in every worker)
            httpx.post(base + ("/api/v1/ask" if "question" in body else "/api/v1/check"), json=body, timeout=30)
        return {name: asyncio.run(run_load(base, path, bodies, seconds, clients))
                for name, path, bodies in (("ask", "/api/v1/ask", asks), ("check", "/api/v1/check", checks))}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the server and its workers: its own process group
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes to measure")
    args = ap.parse_args()
    asks, checks = load_inputs()
    runs = {f"workers_{w}": measure(w, asks, checks, args.seconds, args.clients) for w in args.workers}
    default = runs.get("workers_1") or next(iter(runs.values()))
    payload = {
        "command": f"python bench/bench_api.py --seconds {args.seconds:g} --clients {args.clients} "
                   f"--workers {' '.join(map(str, args.workers))}",
        "setup": {"server": "xiezhi serve [--workers N] (uvicorn + httptools + uvloop) on 127.0.0.1",
                  "clients": args.clients, "seconds_per_endpoint": args.seconds,
                  "load_generator": "asyncio streams (minimal HTTP/1.1 keep-alive), closed loop, same machine",
                  "inputs": {"ask": len(asks), "check": len(checks)},
                  "load_average_before": os.getloadavg()[0]},
        "ask": default["ask"], "check": default["check"], "runs": runs,
        "pass": all(r["pass"] for r in default.values()),
        "pass_any_config": {k: all(r["pass"] for r in v.values()) for k, v in runs.items()},
    }
    write_result("api", payload)
    print(f"{'server':<11}{'endpoint':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}  p99<=50ms")
    for cfg, res in runs.items():
        for name, r in res.items():
            print(f"{cfg:<11}/api/v1/{name:<8}{r['requests']:>9}{r['rps']:>9}{r['p50_ms']:>9}{r['p99_ms']:>9}"
                  f"{r['errors']:>8}  {'PASS' if r['pass'] else 'FAIL'}")


if __name__ == "__main__":
    main()
