"""API latency under load: p50/p99 and errors for /api/v1/ask and /api/v1/check with 50 concurrent
clients on loopback for 20 seconds each (closed loop: each client sends its next request when the last
one is answered). The server runs as `xiezhi serve` in a subprocess on a free 127.0.0.1 port.

Targets (issue 8): p99 <= 50 ms and no errors for each endpoint.
    python bench/bench_api.py [--seconds 20] [--clients 50] [--workers 1 2] [--endpoints ask check]

Diagnostics (the HTTP stack's own cost, not targets): `--endpoints health check floor` also measures
GET /api/v1/health and `floor`, a bare ASGI app under the same uvicorn options (the server's floor).
Every run reports the server's CPU time per request (user+system of its process group), so the
overhead of uvicorn, routing, validation and middleware can be read off directly.
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

    async def post(self, path: str, body: bytes | None) -> tuple[int, bytes]:
        """POST `body` as JSON, or GET `path` when `body` is None."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        if body is None:
            self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        else:
            head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode()
            self.writer.write(head + body)
        try:  # the whole head at once: one await instead of one per header line
            got = await self.reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            raise ConnectionResetError("the server closed the connection") from exc
        status = int(got[9:12])  # "HTTP/1.1 200 OK"
        length = 0
        at = got.lower().find(b"\r\ncontent-length:")
        if at >= 0:
            length = int(got[at + 17:got.index(b"\r\n", at + 2)])
        data = await self.reader.readexactly(length)
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def group_cpu_seconds(pgid: int) -> float:
    """User+system CPU seconds of every live process in a process group (the server and its workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after "(comm)": state ppid pgrp ... utime(12) stime(13)
            total += int(fields[11]) + int(fields[12])
    return total / tick


async def run_load(base: str, path: str, bodies: list[dict] | None, seconds: float, clients: int,
                   server_pgid: int | None = None) -> dict:
    """Closed-loop load: POST the bodies in turn (GET when `bodies` is None)."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    host, port = base.split("//", 1)[1].split(":")
    payloads: list[bytes | None] = [json.dumps(b, ensure_ascii=False).encode() for b in bodies] if bodies else [None]
    cpu0 = group_cpu_seconds(server_pgid) if server_pgid else 0.0
    client_cpu0 = time.process_time()
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
    client_cpu = time.process_time() - client_cpu0
    server_cpu = group_cpu_seconds(server_pgid) - cpu0 if server_pgid else None
    p99 = percentile(latencies, 99)
    n = len(latencies)
    return {"requests": n, "seconds": round(elapsed, 2), "rps": round(n / elapsed, 1),
            "p50_ms": round(median(latencies), 2), "p99_ms": round(p99, 2), "max_ms": round(max(latencies), 2),
            "server_cpu_us_per_request": round(server_cpu / n * 1e6, 1) if server_cpu is not None and n else None,
            "client_cpu_us_per_request": round(client_cpu / n * 1e6, 1) if n else None,
            "errors": sum(errors.values()), "error_kinds": errors,
            "target_p99_ms": TARGET_P99_MS, "pass": p99 <= TARGET_P99_MS and not errors}


#: A bare ASGI app under the uvicorn options of `xiezhi serve`: the floor of any endpoint.
FLOOR_SERVER = """
import sys, uvicorn
from xiezhi.cli.serve import UVICORN_OPTIONS
BODY = b'{"status":"ok"}'
HEAD = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": HEAD})
    await send({"type": "http.response.body", "body": BODY})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), **UVICORN_OPTIONS)
"""


def start_server(port: int, home: str, workers: int = 1, floor: bool = False) -> subprocess.Popen:
    env = {**os.environ, "XIEZHI_HOME": home}
    cmd = ([sys.executable, "-c", FLOOR_SERVER, str(port)] if floor else
           [XIEZHI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)])
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60  # `xiezhi serve` loads its indexes before it listens
    while time.time() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start: " + (proc.stderr.read().decode() if proc.stderr else ""))


#: endpoint -> (path, inputs: "ask" | "check" | None for GET)
ENDPOINTS: dict[str, tuple[str, str | None]] = {
    "ask": ("/api/v1/ask", "ask"), "check": ("/api/v1/check", "check"),
    "health": ("/api/v1/health", None), "floor": ("/", None),
}


def measure(workers: int, asks: list[dict], checks: list[dict], seconds: float, clients: int,
            endpoints: list[str]) -> dict:
    inputs = {"ask": asks, "check": checks}
    results: dict[str, dict] = {}
    for floor in (False, True):
        names = [e for e in endpoints if (e == "floor") == floor]
        if not names or (floor and workers != 1):
            continue
        port = free_port()
        home = tempfile.mkdtemp(prefix="xiezhi-bench-api-")
        proc = start_server(port, home, workers, floor=floor)
        base = f"http://127.0.0.1:{port}"
        try:
            if not floor:
                for body in asks[:40] + checks[:40]:  # warm caches and indexes (in every worker)
                    httpx.post(base + ("/api/v1/ask" if "question" in body else "/api/v1/check"), json=body, timeout=30)
            for name in names:
                path, kind = ENDPOINTS[name]
                results[name] = asyncio.run(run_load(base, path, inputs[kind] if kind else None, seconds, clients,
                                                     server_pgid=proc.pid))
        finally:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and its workers: its own process group
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
            shutil.rmtree(home, ignore_errors=True)
    return results


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes to measure")
    ap.add_argument("--endpoints", nargs="+", default=["ask", "check"], choices=list(ENDPOINTS),
                    help="ask and check are the targets; health and floor (bare ASGI app) are diagnostics")
    ap.add_argument("--output", default="api", help="result name: bench/results/<output>.json")
    args = ap.parse_args()
    asks, checks = load_inputs()
    load_before = os.getloadavg()[0]
    runs = {f"workers_{w}": measure(w, asks, checks, args.seconds, args.clients, args.endpoints)
            for w in args.workers}
    default = runs.get("workers_1") or next(iter(runs.values()))
    targets = {k: v for k, v in default.items() if k in ("ask", "check")}
    payload = {
        "command": f"python bench/bench_api.py --seconds {args.seconds:g} --clients {args.clients} "
                   f"--workers {' '.join(map(str, args.workers))} --endpoints {' '.join(args.endpoints)}"
                   + (f" --output {args.output}" if args.output != "api" else ""),
        "setup": {"server": "xiezhi serve [--workers N] (uvicorn + httptools + uvloop) on 127.0.0.1",
                  "clients": args.clients, "seconds_per_endpoint": args.seconds,
                  "load_generator": "asyncio streams (minimal HTTP/1.1 keep-alive), closed loop, same machine",
                  "inputs": {"ask": len(asks), "check": len(checks)},
                  "load_average_before": load_before, "load_average_after": os.getloadavg()[0],
                  "note": "1-minute load averages around the run: other work on the machine beside the bench "
                          "takes CPU from the server and the load generator and lengthens the tail"},
        **targets, "runs": runs,
        "pass": bool(targets) and all(r["pass"] for r in targets.values()),
        "pass_any_config": {k: all(r["pass"] for n, r in v.items() if n in ("ask", "check")) for k, v in runs.items()},
    }
    write_result(args.output, payload)
    print(f"{'server':<11}{'endpoint':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'srv µs/req':>11}"
          f"{'errors':>8}  p99<=50ms")
    for cfg, res in runs.items():
        for name, r in res.items():
            label = "(bare ASGI)" if name == "floor" else f"/api/v1/{name}"
            print(f"{cfg:<11}{label:<16}{r['requests']:>9}{r['rps']:>9}{r['p50_ms']:>9}{r['p99_ms']:>9}"
                  f"{r['server_cpu_us_per_request']:>11}{r['errors']:>8}  {'PASS' if r['pass'] else 'FAIL'}")


if __name__ == "__main__":
    main()
