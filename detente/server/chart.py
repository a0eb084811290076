"""The dyad page's index chart: the briefing's SVG line chart (`detente.present.charts`),
drawn from the `/api/index` record so the page shows exactly what its JSON twin holds.

Same series as the briefing: the combined score and each direction; turning points are
markers linking to their entry on the page (`#tp-1`, …). Periods without events are gaps.
"""

from __future__ import annotations

from typing import Any

from detente.present.charts import Marker, Series, line_chart


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def index_svg(index: dict[str, Any]) -> str:
    """Inline SVG of an index record (`views.index`): one line per direction, turning points marked."""
    forward, backward, combined = index["directions"]
    periods = sorted({r["period"] for r in index["rows"]})
    by = {(r["period"], r["direction"]): r["score"] for r in index["rows"]}
    series = [
        Series(f"{combined} combined", [by.get((p, combined)) for p in periods], "#1f3a5f", 2.8),
        Series(forward.replace(">", "→"), [by.get((p, forward)) for p in periods], "#c0392b", 1.6, True),
        Series(backward.replace(">", "→"), [by.get((p, backward)) for p in periods], "#d68910", 1.6, True),
    ]
    markers = [Marker(p["period"], str(i),
                      f"{p['kind']} {p['period']}: {_fmt(p['level_before'])} → {_fmt(p['level_after'])}; "
                      + "; ".join(d["label"] for d in p["drivers"]), p["kind"], f"#tp-{i}")
               for i, p in enumerate(index["turning_points"], 1)]
    left, right = combined.split("-")
    return line_chart(periods, series, markers,
                      title=f"Conflict–cooperation index, {left}–{right}, per {index['freq']}",
                      y_label="index (Σ weighted Goldstein)", x_label=index["freq"])
