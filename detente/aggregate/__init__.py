"""The aggregate stage: story events, timeline, dyadic index, contradictions.

Pure functions over the typed records of `detente.models`, one module each:
`merge.merge_events`, `timeline.timeline`, `index.dyad_index` / `index.turning_points`,
`contradictions.find_contradictions` / `contradictions.contradictions_about` /
`contradictions.corroboration`, `briefing.build_brief` (what the briefing says). Who asks
does not matter: `detente.queries` calls them the same way for the CLI, the API and the
dashboard.
"""

from detente.aggregate.contradictions import corroboration, find_contradictions, single_sourced
from detente.aggregate.index import dyad_index, turning_points
from detente.aggregate.merge import merge_events
from detente.aggregate.timeline import timeline

__all__ = ["corroboration", "dyad_index", "find_contradictions", "merge_events", "single_sourced",
           "timeline", "turning_points"]
