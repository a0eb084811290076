"""A one-sided act's missing side is completed from the story's most-named other country only
when no one else is named there: "arrested a blogger" is about the blogger, "met Vice Minister
<name>" about the other state's official. Own sentences; actors from the test stand-in."""

from __future__ import annotations

from test_events import triples

STORY = ("Venezuela and Colombia traded accusations on Monday. Colombia said Venezuela had closed the "
         "border. Venezuela said Colombia had sent troops to the border. ")


def test_an_act_on_someone_unknown_is_not_given_the_story_s_other_country():
    assert triples(STORY + "Venezuela arrested Carlos Mendez, a blogger, on Tuesday.")[-1][1] != "COL"


def test_an_official_with_a_title_is_the_other_state_s_official():
    last = triples(STORY + "Venezuela's foreign minister met Deputy Foreign Minister Ana Torres on Tuesday.")[-1]
    assert last[0] == "VEN" and last[1] == "COL" and last[2] == "CONSULT"
