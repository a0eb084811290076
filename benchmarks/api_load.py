"""Load test of the JSON API on loopback: N requests from C concurrent clients, as a user runs it.

    .venv/bin/python benchmarks/api_load.py --db /tmp/x.duckdb [-n 2000] [-c 20] [--path /api/events?limit=100]

Starts `detente serve --db DB` on a free port (the real command: uvicorn, one process), waits
for it, then C client threads, each with its own keep-alive HTTP connection, send N requests
in all, cycling through the paths (by default every list endpoint). It reports requests per
second over the whole run, latency percentiles per path and the server's CPU time per
request (what the machine's other load does not change much), counts every non-200 answer as
an error, and stops the server it started. Two warm-up requests per path come first (the
first request of the dashboard's answers computes them once per content version). The server
remembers answers per content version of the database, so a fixed set of paths measures
mostly remembered answers; `--vary` gives every request a parameter of its own that the API
ignores, so the same questions are asked but every answer is computed (filtered, sorted and
paged in SQL; totals and dyad counts are still kept per content version).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict

PATHS = (
    "/api/events?limit=100", "/api/events?limit=100&offset=5000&dyad=USA", "/api/events?limit=10&type=ACCUSE",
    "/api/documents?limit=100", "/api/quotes?limit=100", "/api/claims?limit=100",
    "/api/rejections?limit=100", "/api/dyads?limit=100",
)
INSIGHT_PATHS = ("/api/timeline?limit=100", "/api/contradictions?limit=100", "/api/overview")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from detente.cli import main; main()", "serve", "--db", db,
               "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("server did not start within 60 s")


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, int]:
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body)


def varied(path: str, i: int) -> str:
    """The same question with a parameter of its own (ignored by the API), so that no answer
    comes from the server's cache of answers: every page is computed in SQL."""
    return f"{path}{'&' if '?' in path else '?'}_={i}"


def run(port: int, paths: list[str], n: int, clients: int, vary: bool = False) -> dict:
    counter = itertools.count()
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    sizes: dict[str, int] = {}
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while (i := next(counter)) < n:
            path = paths[i % len(paths)]
            started = time.perf_counter()
            try:
                status, size = get(conn, varied(path, i) if vary else path)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status, size = 0, 0
            elapsed = time.perf_counter() - started
            with lock:
                results[path].append(elapsed)
                sizes[path] = size
                if status != 200:
                    errors[path] += 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {"wall": wall, "results": results, "errors": errors, "sizes": sizes}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("-n", type=int, default=2000, help="Requests in all.")
    parser.add_argument("-c", type=int, default=20, help="Concurrent clients.")
    parser.add_argument("--path", action="append", help="Path to request (repeatable; default: every list endpoint).")
    parser.add_argument("--insights", action="store_true", help="Also timeline, contradictions and overview.")
    parser.add_argument("--vary", action="store_true",
                        help="A distinct ignored parameter on every request: every answer computed, none remembered.")
    args = parser.parse_args()
    paths = args.path or list(PATHS) + (list(INSIGHT_PATHS) if args.insights else [])
    port = free_port()
    load_before = os.getloadavg()[0]
    server = start_server(args.db, port)
    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        for path in paths:
            for _ in range(2):
                status, _ = get(warm, path)
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status} during warm-up")
        warm.close()
        import psutil

        process = psutil.Process(server.pid)
        before = sum(process.cpu_times()[:2])
        outcome = run(port, paths, args.n, args.c, args.vary)
        server_cpu = sum(process.cpu_times()[:2]) - before
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = [v for values in outcome["results"].values() for v in values]
    total_errors = sum(outcome["errors"].values())
    print(f"command: {shlex.join([sys.executable.split('/')[-1], *sys.argv])}")
    print(f"{len(every)} requests, {args.c} clients, {outcome['wall']:.2f} s: "
          f"{len(every) / outcome['wall']:.0f} req/s; p50 {percentile(every, 50) * 1000:.1f} ms, "
          f"p99 {percentile(every, 99) * 1000:.1f} ms, max {max(every) * 1000:.1f} ms; errors {total_errors}; "
          f"server CPU {server_cpu / len(every) * 1000:.2f} ms/request; load average before "
          f"{load_before:.1f} on {os.cpu_count()} cores")
    print("| path | requests | p50 ms | p99 ms | mean ms | bytes | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for path in paths:
        values = outcome["results"][path]
        print(f"| `{path}` | {len(values)} | {percentile(values, 50) * 1000:.1f} | "
              f"{percentile(values, 99) * 1000:.1f} | {statistics.mean(values) * 1000:.1f} | "
              f"{outcome['sizes'].get(path, 0)} | {outcome['errors'][path]} |")


if __name__ == "__main__":
    main()
