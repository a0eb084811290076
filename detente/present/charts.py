"""Inline SVG charts: no JavaScript, no network, readable on screen and on paper.

`line_chart` draws one or more series over periods with labelled axes, dates on the x axis,
a zero line, gaps where a period has no data (null is not zero), and markers (e.g. turning
points) with a tooltip (`<title>`), a short label and an optional link.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

PALETTE = ("#1f3a5f", "#c0392b", "#2e7d32", "#8e44ad", "#d68910")


@dataclass
class Series:
    name: str
    values: list[float | None]
    color: str = PALETTE[0]
    width: float = 2.5
    dashed: bool = False


@dataclass
class Marker:
    period: str
    label: str  # short text drawn by the marker ("1")
    tooltip: str  # full text in <title>
    kind: str = "escalation"  # escalation | de-escalation | start (the first period) | other
    href: str | None = None


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values spanning low..high (always including 0 when it is in range)."""
    if low == high:
        low, high = low - 1, high + 1
    raw = (high - low) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _fmt(value: float) -> str:
    return f"{value:g}" if abs(value) < 1000 else f"{value:,.0f}"


COMPACT_WIDTH = 520  # narrower charts (a phone) get small margins and fewer period labels


def _legend_rows(series: list[Series], x0: int, width: int) -> list[list[tuple[int, Series]]]:
    """Legend entries laid out left to right, wrapping to a new row at the chart's edge."""
    rows: list[list[tuple[int, Series]]] = [[]]
    x = x0
    for s in series:
        size = 40 + 7 * len(s.name)
        if rows[-1] and x + size > width:
            rows.append([])
            x = x0
        rows[-1].append((x, s))
        x += size
    return rows


def line_chart(periods: list[str], series: list[Series], markers: list[Marker] | None = None,
               title: str = "", y_label: str = "", x_label: str = "", width: int = 760,
               height: int = 300) -> str:
    """An SVG line chart (string) of `series` over `periods`; empty periods leave gaps. Below
    `COMPACT_WIDTH` the margins shrink and fewer periods are labelled, so the text keeps its
    size on a small screen instead of being scaled down with a wide drawing."""
    markers = markers or []
    compact = width < COMPACT_WIDTH
    legend_rows = _legend_rows(series, 8 if compact else 64, width - 8)
    extra = 16 * (len(legend_rows) - 1)
    height += extra
    left, right, top, bottom = (44 if compact else 64), (12 if compact else 20), 48, 58 + extra
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    low, high = (min(values + [0.0]), max(values + [0.0])) if values else (-1.0, 1.0)
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if len(periods) == 1 else plot_w * i / (len(periods) - 1))

    def y_at(v: float) -> float:
        return top + plot_h * (y_max - v) / (y_max - y_min)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if title:
        parts.append(f'<text x="{8 if compact else left}" y="18" font-size="{12 if compact else 13}" '
                     f'font-weight="bold" fill="#222">{escape(title)}</text>')
    for tick in ticks:  # horizontal grid and y labels
        y = y_at(tick)
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#444">{_fmt(tick)}</text>')
    zero = y_at(0.0)
    parts.append(f'<line class="zero" x1="{left}" x2="{left + plot_w}" y1="{zero:.1f}" y2="{zero:.1f}" '
                 'stroke="#555" stroke-width="1.2" stroke-dasharray="4 3"/>')
    parts.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#555"/>')
    parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#555"/>')
    label_width = 7 * max((len(p) for p in periods), default=7) + 10
    step = max(1, math.ceil(len(periods) / max(2, min(12, plot_w // label_width))))
    for i, period in enumerate(periods):
        x = x_at(i)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top + plot_h}" y2="{top + plot_h + 4}" stroke="#555"/>')
        last = i == len(periods) - 1
        if (i % step == 0 and (last or len(periods) - 1 - i >= step or step == 1)) or last:
            anchor = "end" if last and len(periods) > 1 else "middle"
            parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="{anchor}" fill="#444">'
                         f"{escape(period)}</text>")
    if y_label:
        parts.append(f'<text transform="translate(12,{top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" '
                     f'fill="#333">{escape(y_label)}</text>')
    if x_label:
        parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h + 34}" text-anchor="middle" fill="#333">'
                     f"{escape(x_label)}</text>")
    for s in series:
        runs, run = [], []
        for i, v in enumerate(s.values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x_at(i), y_at(v), periods[i], v))
        if run:
            runs.append(run)
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        for r in runs:
            if len(r) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in r)
                parts.append(f'<polyline fill="none" stroke="{s.color}" stroke-width="{s.width}"{dash} '
                             f'points="{points}"/>')
            for x, y, period, v in r:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s.width + 1:.1f}" fill="{s.color}">'
                             f"<title>{escape(s.name)} {escape(period)}: {_fmt(round(v, 2))}</title></circle>")
    for marker in markers:
        if marker.period not in periods:
            continue
        x = x_at(periods.index(marker.period))
        color = {"escalation": "#c0392b", "de-escalation": "#2e7d32"}.get(marker.kind, "#555")  # "start": grey
        shape = (f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{top + plot_h}" stroke="{color}" '
                 f'stroke-width="1" stroke-dasharray="2 3"/>'
                 f'<circle cx="{x:.1f}" cy="{top - 12}" r="8" fill="{color}"/>'
                 f'<text x="{x:.1f}" y="{top - 8}" text-anchor="middle" fill="#fff" font-weight="bold">'
                 f"{escape(marker.label)}</text>")
        body = f'<g class="marker"><title>{escape(marker.tooltip)}</title>{shape}</g>'
        parts.append(f'<a href="{escape(marker.href)}">{body}</a>' if marker.href else body)
    for row_number, row in enumerate(legend_rows):
        y = height - 8 - 16 * (len(legend_rows) - 1 - row_number)
        for x, s in row:
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            parts.append(f'<line x1="{x}" x2="{x + 22}" y1="{y - 4}" y2="{y - 4}" stroke="{s.color}" '
                         f'stroke-width="{s.width}"{dash}/>')
            parts.append(f'<text x="{x + 27}" y="{y}" fill="#333">{escape(s.name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.1f}"


def turning_point_text(point: dict) -> str:
    """How a turning point reads: a change between two periods, or — for the first period with
    events — the level the series opens at (there was no earlier period to escalate from)."""
    if point.get("previous") is None:
        return f"series opens {point['period']} at {_signed(point['level_after'])}"
    return (f"{point['kind']} {point['period']}: {_signed(point['level_before'])} → "
            f"{_signed(point['level_after'])}")


def index_chart(dyad: str, freq: str, rows: list[dict], turning_points: list[dict], width: int = 760,
                height: int = 300) -> str:
    """The conflict–cooperation index of a dyad ("USA-COL") as an SVG line chart: one line per
    direction and the combined one, turning points as numbered markers linking to `#tp-<n>`
    (the first period with events grey: a level, not a change).
    `rows` and `turning_points` are the index's records (`IndexRow.to_dict`, `TurningPoint.to_dict`)."""
    left, right = dyad.split("-")
    periods = sorted({r["period"] for r in rows})
    by = {(r["period"], r["direction"]): r["score"] for r in rows}

    def line(direction: str) -> list[float | None]:
        return [by.get((p, direction)) for p in periods]

    series = [
        Series(f"{left}-{right} combined", line(f"{left}-{right}"), "#1f3a5f", 2.8),
        Series(f"{left}→{right}", line(f"{left}>{right}"), "#c0392b", 1.6, True),
        Series(f"{right}→{left}", line(f"{right}>{left}"), "#d68910", 1.6, True),
    ]
    markers = [Marker(p["period"], str(i),
                      turning_point_text(p) + "; " + "; ".join(d["label"] for d in p["drivers"]),
                      "start" if p.get("previous") is None else p["kind"], f"#tp-{i}")
               for i, p in enumerate(turning_points, 1)]
    title = (f"Index {left}–{right}, per {freq}" if width < COMPACT_WIDTH
             else f"Conflict–cooperation index, {left}–{right}, per {freq}")
    return line_chart(periods, series, markers, title=title, y_label="index (Σ weighted Goldstein)",
                      x_label=freq, width=width, height=height)


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """A text sparkline; empty periods are shown as a space-like dot '·'."""
    present = [v for v in values if v is not None]
    if not present:
        return "·" * len(values)
    low, high = min(present), max(present)
    span = (high - low) or 1.0
    return "".join("·" if v is None else SPARK[min(len(SPARK) - 1, int((v - low) / span * (len(SPARK) - 1) + 0.5))]
                   for v in values)
