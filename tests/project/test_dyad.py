"""detente.dyad: the one dyad grammar, parsed once at the edge."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente.dyad import Dyad, DyadError, countries_of
from detente.models import Actor, Event, Evidence


@pytest.mark.parametrize("text, expected", [
    ("USA-COL", Dyad("USA", "COL")),
    ("usa-col", Dyad("USA", "COL")),
    ("USA>COL", Dyad("USA", "COL", True)),
    ("USA→COL", Dyad("USA", "COL", True)),
    ("USA -> COL", Dyad("USA", "COL", True)),
    ("US-CO", Dyad("USA", "COL")),
    ("colombia-united states", Dyad("COL", "USA")),
    ("UK>Russia", Dyad("GBR", "RUS", True)),
    ("Guinea-Bissau-SEN", Dyad("GNB", "SEN")),
    ("Côte d'Ivoire-FRA", Dyad("CIV", "FRA")),
    ("XKX-SRB", Dyad("XKX", "SRB")),
])
def test_pairs_in_every_accepted_spelling(text, expected):
    assert Dyad.parse(text) == expected


def test_one_country_only_where_allowed():
    assert Dyad.parse("colombia", single=True) == Dyad("COL")
    with pytest.raises(DyadError, match="pair is needed"):
        Dyad.parse("COL")


@pytest.mark.parametrize("text, fragment", [
    ("Narnia-COL", "unknown country 'Narnia' in dyad 'Narnia-COL'"),
    ("colmbia", "did you mean COL, Colombia"),
    ("USA-USA", "names USA twice"),
    ("USA-", "lacks a country"),
    ("USA>COL>VEN", "more than two countries"),
])
def test_unknown_countries_say_what_was_wrong_and_what_is_accepted(text, fragment):
    with pytest.raises(DyadError) as info:
        Dyad.parse(text, single=True)
    message = str(info.value)
    assert fragment in message and "\n" not in message
    assert "USA-COL" in message or "two different" in message


def _event(actor, recipient):
    return Event("e", "d", Actor("a", country=actor), Actor("b", country=recipient), "SANCTION", "16", 4,
                 -4.0, Evidence("x", 0, 1))


def test_matches_respects_direction_on_objects_and_records():
    forward, backward, other = _event("USA", "COL"), _event("COL", "USA"), _event("USA", "VEN")
    assert Dyad.parse("USA-COL").matches(forward) and Dyad.parse("USA-COL").matches(backward)
    assert Dyad.parse("USA>COL").matches(forward) and not Dyad.parse("USA>COL").matches(backward)
    assert Dyad.parse("USA", single=True).matches(other)
    assert Dyad.parse("USA>COL").matches(forward.to_dict())
    assert countries_of(forward.to_dict()) == ("USA", "COL")


def test_sql_fragment_filters_like_matches():
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE t (actor_country VARCHAR, recipient_country VARCHAR)")
    con.execute("INSERT INTO t VALUES ('USA','COL'), ('COL','USA'), ('USA','VEN'), (NULL, 'COL')")
    for text, single in (("USA-COL", False), ("USA>COL", False), ("COL>USA", False), ("COL", True)):
        dyad = Dyad.parse(text, single=single)
        where, params = dyad.sql()
        got = con.execute(f"SELECT actor_country, recipient_country FROM t WHERE {where}", params).fetchall()
        rows = con.execute("SELECT actor_country, recipient_country FROM t").fetchall()
        expected = [r for r in rows if dyad.matches({"actor": {"country": r[0]}, "recipient": {"country": r[1]}})]
        assert sorted(got, key=str) == sorted(expected, key=str), text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_input_is_a_dyad_or_a_dyad_error(text):
    try:
        dyad = Dyad.parse(text, single=True)
    except DyadError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert Dyad.parse(dyad.name, single=True) == dyad
