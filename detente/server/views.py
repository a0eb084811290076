"""What the pages and their `/api/…` twins show that is not a query answer itself.

Every answer comes from `detente.queries` (the same functions the CLI calls); the JSON API
returns it as it is and the dashboard renders the same dict through a template — so a page
never shows something its JSON twin does not (Datasette's rule). Only the briefing needs
shaping here: `brief_record` is the JSON twin of the HTML page.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from detente.aggregate.briefing import Brief


def brief_record(brief: Brief) -> dict[str, Any]:
    """The briefing as JSON: what `render_html` prints, with the design's records inside."""
    return {
        "dyad": brief.dyad, "dyad_note": brief.dyad_note, "since": brief.since, "until": brief.until,
        "freq": brief.freq,
        "headline": [asdict(s) for s in brief.headline],
        "stories": [s.to_dict() for s in brief.stories], "n_stories": brief.n_stories,
        "index": [r.to_dict() for r in brief.index_rows],
        "turning_points": [p.to_dict() for p in brief.turning_points],
        "n_unindexed": brief.n_unindexed,
        "actors": [asdict(a) for a in brief.actors],
        "quotes": [q.to_dict() for q in brief.quotes],
        "contradictions": [c.to_dict() for c in brief.contradictions],
        "single_sourced": [c.to_dict() for c in brief.single_sourced],
        "articles": [a.to_dict(with_text=False) for a in brief.articles],
        "evidence": [asdict(e) for e in brief.evidence],
    }
