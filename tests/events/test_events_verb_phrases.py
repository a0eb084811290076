"""Acts told by a verb with a word after it ("set free", "balk at") and disapproval of another's
act ("regretted X's decision"). Own sentences, through the whole pipeline."""

from __future__ import annotations

import pytest
from builders import coded


@pytest.mark.parametrize(("text", "expected"), [
    # releasing someone is a concession (CAMEO 084), however the verb says it
    ("Iran set free two British sailors on Friday.", [("IRN", "CONCEDE", "GBR")]),
    ("Yemen let free three Saudi prisoners on Monday.", [("YEM", "CONCEDE", "SAUCVL")]),
    # refusing to go along with a proposal (CAMEO 12)
    ("Poland baulked at Germany's proposal on Tuesday.", [("POL", "REJECT", "DEU")]),
    ("Hungary balked at Austria's migration plan.", [("HUN", "REJECT", "AUT")]),
    # regretting another's act is disapproval of it (CAMEO 110); regretting a loss names no one
    ("Japan regretted South Korea's decision to end the pact.", [("JPN", "ACCUSE", "KOR")]),
    ("Japan regretted the loss of life.", []),
])
def test_verb_phrases_and_disapproval(text, expected):
    assert coded(text) == expected
