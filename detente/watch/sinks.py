"""Where alerts go: the terminal, a JSONL file, a webhook (JSON POST). The dashboard reads
them from the store (`/alerts`, `/api/alerts`), so it needs no delivery.

Each stored alert has one delivery row per configured sink; `deliver()` sends what is not
yet delivered and marks it, so an alert reaches a sink once even across restarts (a crash
between sending and marking can repeat that one alert; the webhook's `alert_id`, also sent
as the `Idempotency-Key` header, lets a receiver drop it).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO

import httpx

from detente.store.watch import WatchState
from detente.watch.config import Sinks

MAX_DELIVERY_ATTEMPTS = 10  # a webhook that keeps failing is given up after this many polls


def terminal_line(alert: dict[str, Any]) -> str:
    lines = [f"ALERT [{alert['rule']}] {alert['title']}"]
    for item in alert.get("evidence", []):
        source = item.get("url") or item.get("source_path") or item["doc_id"]
        lines.append(f"  · {item['text']}  — {item.get('outlet') or ''} {source} ({item['link']})".replace("  (", " ("))
    return "\n".join(lines)


def send_terminal(alert: dict[str, Any], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(terminal_line(alert) + "\n")
    out.flush()


def send_jsonl(alert: dict[str, Any], path: str) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(alert, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


def send_webhook(alert: dict[str, Any], url: str, client: httpx.Client) -> None:
    response = client.post(url, json=alert, headers={"Idempotency-Key": alert["alert_id"]})
    if response.status_code >= 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")


def deliver(state: WatchState, sinks: Sinks, client: httpx.Client, log: Callable[[str], None],
            out: TextIO | None = None, should_stop: Callable[[], bool] = lambda: False) -> int:
    """Send every undelivered alert to every sink; returns how many deliveries succeeded."""
    senders: dict[str, Callable[[dict[str, Any]], None]] = {}
    if sinks.terminal:
        senders["terminal"] = lambda a: send_terminal(a, out)
    if (path := sinks.jsonl) is not None:
        senders["jsonl"] = lambda a: send_jsonl(a, path)
    if (url := sinks.webhook) is not None:
        senders["webhook"] = lambda a: send_webhook(a, url, client)
    store = state.store
    with store.turn():
        queue = [(name, alert) for name in senders
                 for alert in state.undelivered(name, MAX_DELIVERY_ATTEMPTS)]
    store.release()
    done = 0
    for name, alert in queue:  # the store is held only to mark each delivery, not while sending
        if should_stop():
            break
        try:
            senders[name](alert)
            reason = None
        except (OSError, RuntimeError, httpx.HTTPError) as exc:
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            log(f"alert {alert['alert_id']} not delivered to {name}: {reason} (retried next poll)")
        with store.turn():
            state.delivered(alert["alert_id"], name, reason)
        store.release()
        done += reason is None
    return done
