"""The index chart as inline SVG, drawn from the index view's rows (no script, no CDN).

Bars are the combined score per period (below zero: net conflict, above: net cooperation);
a period without events gets no bar and a "no data" tick, because it is missing data, not a
neutral zero. Every label passes through `html.escape`.
"""

from __future__ import annotations

from html import escape
from typing import Any

WIDTH, HEIGHT = 720, 260
MARGIN = {"left": 56, "right": 16, "top": 20, "bottom": 54}


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def index_svg(index: dict[str, Any], title: str | None = None) -> str:
    """An SVG bar chart of the combined direction of `index` (the `/api/index` record)."""
    combined = index["directions"][-1]
    rows = [r for r in index["rows"] if r["direction"] == combined]
    title = title or f"Conflict–cooperation index {combined} per {index['freq']}"
    inner_w = WIDTH - MARGIN["left"] - MARGIN["right"]
    inner_h = HEIGHT - MARGIN["top"] - MARGIN["bottom"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="index-chart" role="img" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'aria-label="{escape(title)}"><title>{escape(title)}</title>']
    if not rows:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" class="no-data">'
                     "no dated story events for this pair</text></svg>")
        return "".join(parts)
    scores = [r["score"] for r in rows if r["score"] is not None]
    top = max([0.0, *scores])
    bottom = min([0.0, *scores])
    if top == bottom:
        top, bottom = 1.0, -1.0
    span = top - bottom

    def y(value: float) -> float:
        return MARGIN["top"] + (top - value) / span * inner_h

    step = inner_w / len(rows)
    bar_w = max(2.0, min(48.0, step * 0.7))
    zero = y(0.0)
    for value in (top, 0.0, bottom):
        parts.append(f'<line class="grid" x1="{MARGIN["left"]}" x2="{WIDTH - MARGIN["right"]}" '
                     f'y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#ccc" '
                     f'stroke-width="{1.5 if value == 0 else 0.5}"/>')
        parts.append(f'<text class="axis" x="{MARGIN["left"] - 6}" y="{y(value) + 4:.1f}" '
                     f'text-anchor="end" font-size="11">{escape(_fmt(value))}</text>')
    label_every = max(1, len(rows) // 12)
    for i, row in enumerate(rows):
        cx = MARGIN["left"] + step * (i + 0.5)
        if row["score"] is None:
            parts.append(f'<text class="no-data" x="{cx:.1f}" y="{zero - 4:.1f}" text-anchor="middle" '
                         f'font-size="9" fill="#999">·</text>')
        else:
            y_val = y(row["score"])
            kind = "conflict" if row["score"] < 0 else "cooperation"
            colour = "#c0392b" if row["score"] < 0 else "#2471a3"
            height = max(1.0, abs(zero - y_val))
            tip = (f'{row["period"]}: score {_fmt(row["score"])}, mean intensity '
                   f'{_fmt(row["mean"]) if row["mean"] is not None else "–"}, '
                   f'{row["n_events"]} story events, {row["n_articles"]} articles')
            parts.append(f'<rect class="bar {kind}" x="{cx - bar_w / 2:.1f}" y="{min(zero, y_val):.1f}" '
                         f'width="{bar_w:.1f}" height="{height:.1f}" fill="{colour}" '
                         f'data-period="{escape(row["period"])}"><title>{escape(tip)}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text class="period" x="{cx:.1f}" y="{HEIGHT - MARGIN["bottom"] + 16}" '
                         f'text-anchor="middle" font-size="11">{escape(row["period"])}</text>')
    parts.append(f'<text x="{MARGIN["left"]}" y="{HEIGHT - 8}" font-size="11" fill="#555">'
                 "bars: Σ confidence × (1 + ln articles) × Goldstein intensity; "
                 "below 0 conflict, above 0 cooperation</text>")
    parts.append("</svg>")
    return "".join(parts)
