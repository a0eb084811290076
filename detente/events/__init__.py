"""The code stage: an analysed spaCy Doc of one article → events, quotes and claims.

Jobs, one module each: `coder` (the coder and its spaCy component "detente_events"), `lexicon`
(data files of verbs and nouns per PLOVER type), `patterns` (subject–verb–object over the parse),
`modality` (negation, hypotheticals, questions), `learned` (the learned pair and type model),
`candidates` (which sentences need the full parser), `dates`, `quotes`, `claims`, `actors` (the
analyse stage's actor mentions, indexed).
"""

from detente.events.coder import COMPONENT, Coder, code, coded_of, event_id, get_coder

__all__ = ["COMPONENT", "Coder", "code", "coded_of", "event_id", "get_coder"]
