"""Memory of `detente watch` over a local feed that keeps growing: it must stay flat.

    .venv/bin/python benchmarks/watch_soak.py [--minutes 30] [--every 5] [--per-poll 4]

A web server on 127.0.0.1 (in this process) serves an RSS feed listing the newest 40 of an
ever-growing set of articles, `--per-poll` new ones every `--every` seconds, each a unique
page generated from templates written for this benchmark (tariffs, troop movements, talks,
agreements between random pairs of countries, dated in 2025). The real CLI watches it
(`detente watch FEEDS.yaml --every …` in a child process) with three alert rules and a JSONL
sink. The child's RSS is sampled every 0.5 s (psutil); printed per minute: articles ingested,
alerts, RSS now and peak. "Growth" compares the median RSS of the last fifth of the run with
the median of its second fifth (the first is spent loading the model and the first polls).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import yaml

COUNTRIES = ("Chile", "Peru", "Bolivia", "Paraguay", "Argentina", "Uruguay", "Ecuador", "Colombia",
             "Venezuela", "Brazil", "Japan", "Philippines", "Vietnam", "Indonesia", "Kenya", "Ethiopia")
# Sentences written for this benchmark: {a} and {b} are countries, {d} a date.
TEMPLATES = (
    "{a} imposed tariffs on goods from {b} on {d}, the trade ministry said.",
    "{a} deployed troops to its border with {b} on {d}, the defence ministry said.",
    "Officials from {a} met their counterparts from {b} in a neutral capital on {d} to discuss fishing rights.",
    "{a} and {b} signed an agreement on river transport on {d}.",
    "{a} expelled two diplomats from {b} on {d}, accusing them of espionage.",
    "{a} sent medical supplies to {b} on {d} after floods hit the coast.",
)
FILLER = ("Analysts in the region said the move reflected months of tension over trade and borders, "
          "and several business groups asked both governments to keep talking.")
FEED_SIZE = 40
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def article(i: int) -> str:
    rng = random.Random(i)
    a, b = rng.sample(COUNTRIES, 2)
    sentences = []
    for template in rng.sample(TEMPLATES, 3):
        d = f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} 2025"
        sentences.append(template.format(a=a, b=b, d=d))
    body = "".join(f"<p>{s}</p>" for s in sentences) + f"<p>{FILLER}</p><p>Report number {i}.</p>"
    return f"<html><head><title>Report {i}: {a} and {b}</title></head><body><article><h1>{a} and {b}</h1>{body}</article></body></html>"


@dataclass
class Feed:
    """The growing set of articles; `grow()` adds `per_poll` of them."""

    per_poll: int
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def grow(self) -> None:
        with self.lock:
            self.count += self.per_poll

    def rss(self, base: str) -> bytes:
        with self.lock:
            newest = range(self.count, max(0, self.count - FEED_SIZE), -1)
        items = "".join(f"<item><title>Report {i}</title><link>{base}/a/{i}</link></item>" for i in newest)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak wire</title>'
                f"<link>{base}/</link>{items}</channel></rss>").encode()


def serve(feed: Feed) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                body, ctype = feed.rss(base), "application/rss+xml"
            elif self.path.startswith("/a/") and self.path[3:].isdigit():
                body, ctype = article(int(self.path[3:])).encode(), "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@dataclass
class Result:
    minutes: list[tuple[int, int, int, float, float]]  # minute, articles served, alerts, rss MB, peak MB
    samples: list[float]  # RSS MB every 0.5 s
    ingested: int
    alerts: int

    @property
    def growth(self) -> float:
        """MB between the median RSS of the run's second fifth and of its last fifth."""
        n = len(self.samples)
        second = self.samples[n // 5: 2 * n // 5] or self.samples
        last = self.samples[4 * n // 5:] or self.samples
        return statistics.median(last) - statistics.median(second)


def soak(minutes: float, every: float = 5.0, per_poll: int = 4, out=sys.stdout) -> Result:
    feed = Feed(per_poll=per_poll)
    feed.grow()
    server, base = serve(feed)
    with tempfile.TemporaryDirectory(prefix="detente-soak-") as tmp:
        config = Path(tmp) / "feeds.yaml"
        config.write_text(yaml.safe_dump({
            "feeds": [f"{base}/feed.xml"],
            "fetch": {"per_host_interval": 0, "timeout": 10},
            "alerts": [
                {"name": "force", "kind": "new_event", "types": ["SANCTION", "MOBILIZE"]},
                {"name": "chile-peru", "kind": "index_move", "dyad": "CHL-PER", "more_than": 3},
                {"name": "disputed", "kind": "contradiction"},
            ],
            "sinks": {"terminal": False, "jsonl": "alerts.jsonl"},
        }))
        cmd = [sys.executable, "-c", "from detente.cli import main; main()", "watch", str(config),
               "--db", str(Path(tmp) / "soak.duckdb"), "--every", f"{every}s"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        child = psutil.Process(proc.pid)
        samples: list[float] = []
        rows = []
        started = time.monotonic()
        next_grow = started + every
        next_row = started + 60
        peak = 0.0
        try:
            while (now := time.monotonic()) - started < minutes * 60:
                if proc.poll() is not None:
                    raise SystemExit(f"detente watch exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
                rss = child.memory_info().rss / 2**20
                samples.append(rss)
                peak = max(peak, rss)
                if now >= next_grow:
                    feed.grow()
                    next_grow += every
                if now >= next_row:
                    alerts = _count_lines(Path(tmp) / "alerts.jsonl")
                    rows.append((len(rows) + 1, feed.count, alerts, rss, peak))
                    print(f"minute {len(rows):>3}: {feed.count:>5} articles served, {alerts:>4} alerts, "
                          f"RSS {rss:7.1f} MB (peak {peak:7.1f} MB)", file=out, flush=True)
                    next_row += 60
                time.sleep(0.5)
        finally:
            proc.terminate()
            try:
                _, err = proc.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            server.shutdown()
            server.server_close()
        polls = [line for line in err.splitlines() if " poll: " in line]
        ingested = sum(_stored(line) for line in polls)
        alerts = _count_lines(Path(tmp) / "alerts.jsonl")
        _check_alerts_unique(Path(tmp) / "alerts.jsonl")
    return Result(rows, samples, ingested, alerts)


def _count_lines(path: Path) -> int:
    return sum(1 for _ in path.open(encoding="utf-8")) if path.exists() else 0


def _check_alerts_unique(path: Path) -> None:
    if path.exists():
        ids = [json.loads(line)["alert_id"] for line in path.open(encoding="utf-8")]
        if len(ids) != len(set(ids)):
            raise SystemExit(f"an alert was written twice ({len(ids) - len(set(ids))} repeats)")


def _stored(line: str) -> int:
    """Documents a status line reports ("documents: 3 stored, 1 duplicate")."""
    part = line.split("documents: ", 1)[1].split(" · ", 1)[0]
    return sum(int(x.split()[0]) for x in part.split(", ") if x.split()[0].isdigit())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between polls (and feed growth)")
    parser.add_argument("--per-poll", type=int, default=4, help="new articles per interval")
    args = parser.parse_args()
    result = soak(args.minutes, args.every, args.per_poll)
    print(f"documents ingested {result.ingested}, alerts {result.alerts} (each once), "
          f"RSS growth second fifth → last fifth: {result.growth:+.1f} MB, "
          f"peak {max(result.samples):.1f} MB")


if __name__ == "__main__":
    main()
