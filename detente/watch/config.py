"""FEEDS.yaml: what `detente watch` follows, how politely it fetches, what it alerts on, where to.

```yaml
every: 15m                      # poll interval (--every overrides)
feeds:
  - https://example.org/world/rss.xml
  - {url: https://example.net/atom.xml, name: Example Net}
folders: [inbox/]               # new files dropped here are ingested too
fetch: {timeout: 20, max_bytes: 5000000, per_host_interval: 2, max_attempts: 3, max_items: 200}
alerts:
  - {name: chile-peru-moves, kind: index_move, dyad: CHL-PER, more_than: 5}
  - {name: force, kind: new_event, types: [SANCTION, ASSAULT, THREATEN, MOBILIZE], dyads: [CHL-PER], actors: [BOL]}
  - {name: disputed, kind: contradiction, dyads: [CHL-PER]}
sinks: {terminal: true, jsonl: alerts.jsonl, webhook: https://hooks.example.org/detente}
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from detente import __version__
from detente.dyad import Dyad
from detente.ontology import PLOVER_TYPES

USER_AGENT = f"detente-watch/{__version__} (news event coding; polls feeds it was given, obeys robots.txt)"
RULE_KINDS = ("index_move", "new_event", "contradiction")
FREQS = ("week", "month", "year")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_CODE = re.compile(r"^[A-Z0-9]{2,8}$")


class ConfigError(ValueError):
    """FEEDS.yaml cannot be used; the message names the file, the field and what to write."""


def parse_duration(text: str | int | float) -> float:
    """'15m', '30s', '1h30m', '2d' or a number of seconds → seconds."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        seconds = float(text)
    else:
        value = str(text).strip().lower().replace(" ", "")
        parts = _DURATION.findall(value)
        if not parts or "".join(n + u for n, u in parts) != value:
            raise ValueError(f"not a duration: {text!r} (write e.g. 30s, 15m, 1h, 1h30m)")
        seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"a duration must be positive: {text!r}")
    return seconds


@dataclass(frozen=True)
class Feed:
    url: str
    name: str | None = None


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0  # seconds per request (connect, read, and the whole download)
    max_bytes: int = 5_000_000  # a longer page or feed is abandoned mid-download
    per_host_interval: float = 2.0  # seconds between two requests to the same host
    max_attempts: int = 3  # transient failures (timeouts, 5xx) before an article is given up
    max_items: int = 200  # articles fetched per poll at most (the rest wait for the next)
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # index_move | new_event | contradiction
    dyads: tuple[Dyad, ...] = ()
    actors: tuple[str, ...] = ()  # country (CHL) or actor codes (CHLGOV), either side
    types: tuple[str, ...] = ()  # PLOVER event types for new_event (empty: any)
    more_than: float = 0.0  # index_move: |score change| that raises an alert
    freq: str = "month"  # index_move: the period

    def watches(self, story) -> bool:
        """Does a story event fall under this rule (one of its dyads, or a watched actor on
        either side, by country or actor code)?"""
        if not self.dyads and not self.actors:
            return True
        if any(d.matches(story) for d in self.dyads):
            return True
        codes = {v for a in (story.actor, story.recipient) if a for v in (a.code, a.country) if v}
        return any(code in codes for code in self.actors)


@dataclass(frozen=True)
class Sinks:
    terminal: bool = True
    jsonl: str | None = None
    webhook: str | None = None

    def names(self) -> list[str]:
        """Sinks that get a delivery record (the dashboard reads the store directly)."""
        return [n for n, on in (("terminal", self.terminal), ("jsonl", self.jsonl), ("webhook", self.webhook)) if on]


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[Feed, ...] = ()
    folders: tuple[str, ...] = ()
    every: float = 900.0
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    rules: tuple[Rule, ...] = ()
    sinks: Sinks = field(default_factory=Sinks)


def load(path: str | Path) -> WatchConfig:
    """Read and check FEEDS.yaml; relative folders and JSONL paths are relative to the file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from None
    try:
        return parse(data or {}, base=path.parent)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None


def parse(data: Any, base: Path = Path(".")) -> WatchConfig:
    if not isinstance(data, dict):
        raise ValueError("the top level must be a mapping with feeds, folders, alerts, sinks")
    unknown = set(data) - {"every", "feeds", "folders", "fetch", "alerts", "sinks"}
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}: use every, feeds, folders, fetch, alerts, sinks")
    feeds = tuple(_feed(i, f) for i, f in enumerate(_list(data, "feeds")))
    folders = tuple(str(_relative(base, str(f))) for f in _list(data, "folders"))
    if not feeds and not folders:
        raise ValueError("nothing to watch: give at least one entry under feeds or folders")
    rules = tuple(_rule(i, r) for i, r in enumerate(_list(data, "alerts")))
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise ValueError("alerts: two rules share a name (the name is part of each alert's identity)")
    return WatchConfig(feeds=feeds, folders=folders, every=parse_duration(data.get("every", "15m")),
                       fetch=_fetch(data.get("fetch") or {}), rules=rules,
                       sinks=_sinks(data.get("sinks") or {}, base))


def _list(data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"{key} must be a list")
    return value


def _relative(base: Path, value: str) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() else base / p


def _feed(i: int, item: Any) -> Feed:
    if isinstance(item, str):
        item = {"url": item}
    if not isinstance(item, dict) or not isinstance(item.get("url"), str):
        raise ValueError(f"feeds[{i}] must be a URL or {{url: …, name: …}}")
    if not re.match(r"^https?://", item["url"]):
        raise ValueError(f"feeds[{i}]: {item['url']!r} is not an http(s) URL")
    return Feed(url=item["url"], name=item.get("name"))


def _fetch(data: Any) -> FetchPolicy:
    if not isinstance(data, dict):
        raise ValueError("fetch must be a mapping")
    allowed = {"timeout", "max_bytes", "per_host_interval", "max_attempts", "max_items", "user_agent"}
    if set(data) - allowed:
        raise ValueError(f"fetch: unknown key(s) {', '.join(sorted(set(data) - allowed))}")
    default = FetchPolicy()
    interval = data.get("per_host_interval", default.per_host_interval)
    policy = FetchPolicy(
        timeout=parse_duration(data["timeout"]) if "timeout" in data else default.timeout,
        max_bytes=int(data.get("max_bytes", default.max_bytes)),
        per_host_interval=0.0 if interval in (0, "0") else parse_duration(interval),
        max_attempts=int(data.get("max_attempts", default.max_attempts)),
        max_items=int(data.get("max_items", default.max_items)),
        user_agent=str(data.get("user_agent", default.user_agent)),
    )
    if policy.max_bytes <= 0 or policy.max_attempts <= 0 or policy.max_items <= 0:
        raise ValueError("fetch: max_bytes, max_attempts and max_items must be positive")
    return policy


def _codes(i: int, key: str, value: Any, pattern: re.Pattern) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ValueError(f"alerts[{i}].{key} must be a list")
    codes = tuple(str(v).upper() for v in items)
    bad = [c for c in codes if not pattern.match(c)]
    if bad:
        raise ValueError(f"alerts[{i}].{key}: {', '.join(bad)} not understood (letters and digits, e.g. CHL, CHLGOV, SANCTION)")
    return codes


def _dyads(i: int, value: Any) -> tuple[Dyad, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ValueError(f"alerts[{i}].dyads must be a list")
    return tuple(Dyad.parse(str(v)) for v in items)


def _rule(i: int, data: Any) -> Rule:
    if not isinstance(data, dict):
        raise ValueError(f"alerts[{i}] must be a mapping with name and kind")
    kind = data.get("kind")
    if kind not in RULE_KINDS:
        raise ValueError(f"alerts[{i}].kind must be one of {', '.join(RULE_KINDS)} (got {kind!r})")
    allowed = {"name", "kind", "dyad", "dyads", "actors", "types", "more_than", "freq"}
    if set(data) - allowed:
        raise ValueError(f"alerts[{i}]: unknown key(s) {', '.join(sorted(set(data) - allowed))}")
    name = str(data.get("name") or f"{kind}-{i + 1}")
    dyads = _dyads(i, data.get("dyads")) + _dyads(i, data.get("dyad"))
    types = tuple(t.upper() for t in _codes(i, "types", data.get("types"), re.compile(r"^[A-Z]+$")))
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if unknown:
        raise ValueError(f"alerts[{i}].types: unknown event type(s) {', '.join(unknown)}: use "
                         + ", ".join(PLOVER_TYPES))
    freq = str(data.get("freq", "month"))
    if freq not in FREQS:
        raise ValueError(f"alerts[{i}].freq must be one of {', '.join(FREQS)}")
    rule = Rule(name=name, kind=kind, dyads=dyads, actors=_codes(i, "actors", data.get("actors"), _CODE),
                types=types, more_than=float(data.get("more_than", 0.0)), freq=freq)
    if kind == "index_move" and not rule.dyads:
        raise ValueError(f"alerts[{i}] ({name}): index_move needs a dyad (e.g. dyad: CHL-PER)")
    if kind == "index_move" and "more_than" not in data:
        raise ValueError(f"alerts[{i}] ({name}): index_move needs more_than (a change of the index score)")
    return rule


def _sinks(data: Any, base: Path) -> Sinks:
    if not isinstance(data, dict):
        raise ValueError("sinks must be a mapping (terminal, jsonl, webhook)")
    if set(data) - {"terminal", "jsonl", "webhook"}:
        raise ValueError(f"sinks: unknown key(s) {', '.join(sorted(set(data) - {'terminal', 'jsonl', 'webhook'}))}")
    webhook = data.get("webhook")
    if webhook is not None and not re.match(r"^https?://", str(webhook)):
        raise ValueError(f"sinks.webhook: {webhook!r} is not an http(s) URL")
    jsonl = data.get("jsonl")
    return Sinks(terminal=bool(data.get("terminal", True)),
                 jsonl=str(_relative(base, str(jsonl))) if jsonl else None,
                 webhook=str(webhook) if webhook else None)
