"""`detente.extract` on a string: the notebook entry point, same code path as the CLI."""

from __future__ import annotations

import detente


def test_extract_codes_a_single_short_sentence():
    events = detente.extract("Germany expelled two Pakistani diplomats on Friday.", published="2025-03-07")
    assert [(e.actor.country, e.event_type, e.recipient.country) for e in events] == [("DEU", "SANCTION", "PAK")]
    assert events[0].date == "2025-03-07" and events[0].date_method == "relative-to-publication"
    assert events[0].to_dict()["evidence"]["text"] == "Germany expelled two Pakistani diplomats on Friday."


def test_extract_accepts_html():
    page = ("<html><head><title>Row</title></head><body><article><p>Japan signed a "
            "defence cooperation agreement with South Korea in Tokyo on Monday, officials said.</p>"
            "</article></body></html>")
    events = detente.extract(page, published="2025-05-14")
    assert any(e.event_type in ("SUPPORT", "COOPERATE") and {e.actor.country, e.recipient.country} == {"JPN", "KOR"}
               for e in events)


def test_short_english_sentences_are_english_and_one_line_is_content():
    """Character n-grams call short English about West Africa Nigerian Pidgin; one line is the text."""
    ghana = detente.extract("Ghana signed an agreement with Nigeria.", published="2025-03-01")
    assert [(e.actor.country, e.event_type, e.recipient.country) for e in ghana] == [("GHA", "SUPPORT", "NGA")]
    peru = detente.extract("Peru accused Bolivia.", published="2025-03-01")
    assert [(e.actor.country, e.event_type, e.recipient.country) for e in peru] == [("PER", "ACCUSE", "BOL")]


def test_other_languages_are_still_told_apart():
    from detente.clean.language import detect_language

    assert detect_language("Le gouvernement français a annoncé lundi de nouvelles sanctions contre la Russie.") == "fr"
    assert detect_language("El gobierno de Colombia anunció el lunes nuevas sanciones contra Venezuela.") == "es"
    assert detect_language("Die Regierung in Berlin verurteilte den Angriff auf die Botschaft.") == "de"
    assert detect_language("O governo brasileiro condenou o ataque contra a embaixada ontem.") == "pt"
    assert detect_language("Pemerintah Indonesia mengecam serangan terhadap kedutaan besar itu.") == "id"
    # names do not make a sentence of another language English
    assert detect_language("El presidente ghanés Kofi Mensah se reunió con el presidente nigeriano Bola Tinubu.") == "es"
    assert detect_language("Presiden Ghana Kofi Mensah bertemu Presiden Nigeria Bola Tinubu di Abuja.") != "en"


def test_a_headline_with_few_function_words_is_english_where_english_is_plausible():
    """Few function words and West African names: n-grams say Pidgin first, English second."""
    from detente.clean.language import detect_language

    assert detect_language("Nigerian police arrested opposition leaders in Lagos.") == "en"
    assert detect_language("Kenyan police teargassed protesters in Nairobi on Tuesday.") == "en"
    # no function word at all: English is still far likelier than in any other language's sentence
    assert detect_language("Nigerian troops killed Boko Haram fighters.") == "en"
    assert detect_language("Wanajeshi wa Nigeria waliwaua wapiganaji wa Boko Haram.") != "en"
    events = detente.extract("Nigerian police arrested opposition leaders in Lagos.", published="2025-03-01")
    assert [(e.actor.code, e.event_type, e.recipient.code) for e in events] == [("NGACOP", "COERCE", "NGAOPP")]


def test_a_sentence_mostly_of_names_is_english_when_its_other_words_are():
    """Names belong to no language: the share of English words is taken over the other words."""
    from detente.clean.language import detect_language

    text = "Ghanaian President Kofi Mensah met Nigerian President Bola Tinubu on Monday."
    assert detect_language(text) == "en"
    events = detente.extract(text, published="2025-03-01")
    assert [(e.actor.code, e.event_type, e.recipient.code) for e in events] == [("GHAGOV", "CONSULT", "NGAGOV")]


def test_a_sentence_of_names_and_one_verb_tells_no_other_language():
    """One word besides names is too little to tell a language by: coded as English."""
    from detente.clean.language import detect_language

    text = "Ghanaian President Kwame Asante met Togolese President Kossi Agbeko."
    assert detect_language(text) == "en"
    events = detente.extract(text, published="2025-03-01")
    assert [(e.actor.code, e.event_type, e.recipient.code) for e in events] == [("GHAGOV", "CONSULT", "TGOGOV")]
    # a few words of another language are still that language
    assert detect_language("El presidente Kwame Asante se reunió con Kossi Agbeko.") != "en"
