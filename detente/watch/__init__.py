"""`detente watch`: follow RSS/Atom feeds and folders, ingest new articles, alert when a relationship moves.

`config` reads FEEDS.yaml, `feeds` parses feeds, `fetch` fetches politely, `alerts` turns the
aggregate stage's results into alerts, `sinks` delivers them, `watcher` runs the loop.
"""

from detente.watch.config import ConfigError, WatchConfig, load
from detente.watch.watcher import PollReport, Watcher

__all__ = ["ConfigError", "PollReport", "WatchConfig", "Watcher", "load"]
