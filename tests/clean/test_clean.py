"""Stage 2 — clean: HTML pages, encodings, bad input, truncation, language, boilerplate rules."""

from __future__ import annotations

import pytest
from builders import FIXTURES

from detente.clean import clean
from detente.clean.boilerplate import strip_boilerplate
from detente.clean.decode import binary_kind, decode
from detente.clean.fingerprint import content_hash
from detente.clean.text import analyse_text
from detente.clean.truncation import detect_truncation
from detente.config import Settings
from detente.models import RawDocument
from detente.pipeline import raw_from_string

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 64


def _clean_file(name: str, **overrides):
    data = (FIXTURES / name).read_bytes()
    kind = "html" if name.endswith(".html") else "text"
    return clean(RawDocument(source_path=name, data=data, kind=kind, size=len(data)), Settings(**overrides))


def test_news_page_keeps_the_article_and_drops_nav_related_and_footer():
    article = _clean_file("news_page.html")
    assert article.status == "stored"
    assert article.text.startswith("Ghana and Togo signed a border security agreement on Thursday")
    assert "Opposition lawmakers in Accra" in article.text
    for junk in ("Home", "Related stories", "Fuel prices rise", "Privacy policy", "All rights reserved"):
        assert junk not in article.text
    assert article.title == "Ghana and Togo sign border security pact"
    assert article.outlet == "coastalherald.example"  # its site name "Coastal Herald" names this host: one outlet
    assert article.author == "Ama Mensah"
    assert article.url == "https://coastalherald.example/world/ghana-togo-border-pact"
    assert (article.published, article.published_method) == ("2025-03-14", "metadata")
    assert article.language == "en" and article.truncated is False
    assert article.doc_id == content_hash(article.text) and article.words == len(article.text.split())


def test_byline_and_caption_page():
    article = _clean_file("byline_caption.html")
    assert article.status == "stored"
    assert article.text.startswith("Trade envoys from Chile and Peru met in Lima")
    assert "draft a protocol" in article.text
    assert "Subscribe" not in article.text and "By Lucía Torres" not in article.text
    assert article.title == "Chile and Peru trade envoys meet in Lima"


def test_non_english_page_is_stored_and_marked():
    article = _clean_file("non_english.html")
    assert article.status == "stored" and article.language == "es"
    assert not article.is_codable  # stored and marked, not coded
    assert article.text.startswith("Los gobiernos de Ecuador y Perú")


def test_paywall_page_is_kept_and_marked_truncated():
    article = _clean_file("paywall.html")
    assert article.status == "stored" and article.truncated is True
    assert "Subscribe to continue reading" not in article.text
    assert "East African Community customs union" in article.text


def test_unclosed_and_cut_off_html_still_gives_the_article():
    article = _clean_file("unclosed.html")
    assert article.status == "stored"
    assert article.title == "Unclosed page about Laos and Thailand"
    assert article.text.startswith("Laos and Thailand agreed on Monday")
    assert "<" not in article.text
    assert article.truncated is True  # the file stops mid-word


def test_unclosed_title_does_not_swallow_the_page():
    html = ("<html><head><title>Border talks<body><div><p>Officials from Bhutan and Nepal met in Thimphu "
            "on Tuesday to discuss the return of refugees, the two foreign ministries said in a statement.")
    article = clean(RawDocument(source_path="x.html", html=html, kind="html"), Settings(min_words=5))
    assert article.title == "Border talks" and article.text.startswith("Officials from Bhutan")


@pytest.mark.parametrize("name,expected", [
    ("latin1.txt", "Le ministre français des Affaires étrangères a rencontré son homologue algérien"),
    ("cp1252.txt", "talks were “constructive” – a word both sides repeated – after Poland and Lithuania"),
    ("utf8_bom.txt", "The foreign ministers of Japan and South Korea met in Seoul"),
])
def test_encodings_are_decoded(name, expected):
    article = _clean_file(name, min_words=5)
    assert article.status == "stored", article.reason
    assert expected in article.text and not article.text.startswith("\ufeff")


def test_html_meta_charset_is_honoured():
    body = "<html><head><meta charset='windows-1252'></head><body><p>Caf\xe9 \x93talks\x94 in Bogot\xe1.</p></body>"
    assert decode(body.encode("latin-1")).count("“talks”") == 1
    assert "Bogotá" in decode(body.encode("latin-1"))


def test_empty_whitespace_and_binary_files_are_rejected():
    for data, reason in ((b"", "empty file"), (b"  \n\t ", "empty file"),
                         (PNG, "binary file (PNG image), not text"),
                         (b"abc\x00\x01\x02\x03" * 50, "binary file (binary data), not text")):
        article = clean(RawDocument(source_path="image.html", data=data, kind="html"), Settings())
        assert (article.status, article.reason) == ("rejected", reason)
        assert article.doc_id and article.text == ""


def test_binary_detection_does_not_flag_utf16_text():
    assert binary_kind("Tratado de paz entre los dos países".encode("utf-16")) is None
    assert "países" in decode("Tratado de paz entre los dos países".encode("utf-16"))


def test_reader_errors_become_rejections_with_the_same_reason():
    raw = RawDocument(source_path="a.jsonl#L2", error="not JSON: Expecting value")
    article = clean(raw, Settings())
    assert (article.status, article.reason, article.source_path) == ("rejected", "not JSON: Expecting value",
                                                                     "a.jsonl#L2")


def test_too_few_words_is_rejected_with_the_count():
    article = clean(RawDocument(source_path="a.txt", data=b"Menu\nHome\nLogin\nShort line."), Settings())
    assert article.status == "rejected" and article.reason.startswith("no article text found (")


def test_jsonl_metadata_wins_and_published_is_metadata():
    raw = RawDocument(source_path="f.jsonl#L1", external_id="a-1", url="https://example.org/1", title="Given",
                      outlet="Nordic Wire", published="3 February 2025", kind="text",
                      text="Norway and Iceland agreed on mackerel quotas for next season after three rounds of "
                           "talks in Oslo, ending a dispute that had kept Icelandic vessels out of Norwegian waters.")
    article = clean(raw, Settings())
    assert (article.external_id, article.title, article.outlet, article.url) == (
        "a-1", "Given", "Nordic Wire", "https://example.org/1")
    assert (article.published, article.published_method) == ("2025-02-03", "metadata")


def test_jsonl_html_field_goes_through_trafilatura():
    html = ("<html><body><nav><a href='/'>Home</a></nav><article><p>Estonia and Latvia opened a joint rail "
            "freight terminal at the border on Friday, the two transport ministers said, adding that trains "
            "would run twice a day from next month.</p></article></body></html>")
    article = clean(RawDocument(source_path="f.jsonl#L3", html=html, kind="html"), Settings())
    assert article.text.startswith("Estonia and Latvia") and "Home" not in article.text


# --- flattened page text: a page of a site unlike the dev articles' ---------------------------

def test_flattened_page_classifier_on_an_unrelated_site():
    page = analyse_text((FIXTURES / "flattened_page.txt").read_text(encoding="utf-8"))
    assert page.text.startswith("Morocco and Mauritania agreed on Monday")
    assert page.text.endswith("discussed for more than a decade without progress.")
    assert "\nFinancing\n" in page.text  # subheading inside the body is kept
    for junk in ("Skip to content", "Français", "Share this article", "Related articles", "Tunisia and Libya",
                 "Most read", "Get the best of our journalism", "M T W T F S S", "© 2025", "Tags:"):
        assert junk not in page.text
    assert page.title == "Morocco and Mauritania agree to build a new road link across the border"
    assert page.outlet == "Maghreb Observer"  # from the copyright line
    assert page.author == "Karim Benali"
    assert page.dateline == "2025-03-03"  # under the byline
    assert page.page_date == "2025-03-04"  # the site's header "today": only an upper bound


@pytest.mark.parametrize(("text", "dateline"), [
    ("ACCRA, March 3, 2024 (Gold Coast Wire) — Ghana closed its border with Togo after raids.", "2024-03-03"),
    ("Accra, 3 March 2024 — Ghana closed its border with Togo after raids.", "2024-03-03"),
    ("March 3, 2024 — Ghana closed its border with Togo after raids.", "2024-03-03"),
    # a date the first sentence tells is when something happened, not when the story was written
    ("Ghana closed its border with Togo on March 3, 2024, after a string of raids.", None),
    ("ACCRA (Gold Coast Wire) — On March 3, 2024, Ghana closed its border with Togo.", None),
])
def test_only_a_dateline_s_own_date_dates_a_text(text, dateline):
    article = clean(raw_from_string(text))
    assert (article.published, article.published_method == "dateline") == (dateline, dateline is not None)


def test_source_and_from_lines_give_url_and_outlet():
    body = ("The two governments agreed to reopen the consulates closed last year, officials said on Monday.\n"
            "Both foreign ministries will publish the text of the agreement later this week, they added.\n")
    page = analyse_text("A headline about consulates reopening\n" + body + "Source: https://www.example-news.org/a/1\n")
    assert page.url == "https://www.example-news.org/a/1" and page.outlet == "example-news.org"
    page = analyse_text("- From: Example Daily\n" + body + "Source: https://www.example-news.org/a/1\n")
    assert page.outlet == "Example Daily"  # the site the page is from names itself


# --- truncation -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,truncated", [
    ("The minister said the talks would continue next week.", False),
    ("The minister said the talks would continue........", True),
    ("The minister said the talks would continue …", True),
    ("The minister said the talks would continue next week.\nSubscribe to continue reading", True),
    ("The minister said on Monday that the talks on the new border treaty would continue next week in", True),
    ("Photo: Reuters", False),
])
def test_truncation(text, truncated):
    kept, flag = detect_truncation(text)
    assert flag is truncated
    assert "Subscribe" not in kept


# --- boilerplate rules after trafilatura (each measured in benchmarks/README.md) --------------

def test_boilerplate_rules():
    text = "\n".join([
        "Envoys meet in Geneva",
        "The envoys of the two countries met in Geneva on Monday to discuss a prisoner exchange.",
        "Related: Earlier talks collapsed in March",
        "- Five things to know about the exchange",
        "- Timeline of the dispute",
        "Both sides described the meeting as constructive and agreed to meet again next month.",
        "Follow us on Twitter and Facebook for the latest news.",
        "Reporting by Jane Roe; editing by John Doe",
        "More Americans support the exchange than oppose it, a poll found.",
        "12 comments",
    ])
    out = strip_boilerplate(text, title="Envoys meet in Geneva").split("\n")
    assert out == [
        "The envoys of the two countries met in Geneva on Monday to discuss a prisoner exchange.",
        "Both sides described the meeting as constructive and agreed to meet again next month.",
        "More Americans support the exchange than oppose it, a poll found.",
    ]


def test_when_trafilatura_finds_nothing_the_visible_text_goes_through_the_line_classifier(monkeypatch):
    import detente.clean.html as html_mod

    monkeypatch.setattr(html_mod.trafilatura, "bare_extraction", lambda *a, **k: None)
    monkeypatch.setattr(html_mod.trafilatura, "extract", lambda *a, **k: None)
    article = _clean_file("news_page.html")
    assert article.status == "stored"
    assert article.text.startswith("Ghana and Togo signed a border security agreement on Thursday")
    assert "Opposition lawmakers in Accra" in article.text
    assert "Privacy policy" not in article.text and "Cocoa farmers" not in article.text


def test_hard_wrapped_markdown_is_unwrapped():
    md = """# Cambodia and Vietnam open a new border market

By Sok Dara

Cambodia and Vietnam opened a new border market on Saturday, the
[commerce ministry](https://example.org/moc) said, in a move meant to
double cross-border trade in farm goods within three years.

## Customs

Officials said customs checks would be shared at a single post, and
that traders would no longer need separate permits from each side of
the border to sell rice, cassava and fruit at the market.
"""
    page = analyse_text(md)
    assert page.title == "Cambodia and Vietnam open a new border market"
    assert page.text.split("\n") == [
        "Cambodia and Vietnam opened a new border market on Saturday, the commerce ministry said, in a move "
        "meant to double cross-border trade in farm goods within three years.",
        "Customs",
        "Officials said customs checks would be shared at a single post, and that traders would no longer "
        "need separate permits from each side of the border to sell rice, cassava and fruit at the market.",
    ]
    assert page.author == "Sok Dara"


def test_unwrap_leaves_one_line_per_block_pages_alone():
    from detente.clean.text import unwrap

    menu = ["Home", "World news and analysis today", "Business and markets this week",
            "Sport results from the weekend", "Culture and the arts section", "Contact the newsroom"]
    paragraph = ["Officials said customs checks would be shared at a single post, and traders would "
                 "no longer need separate permits from each side of the border."]
    page = menu * 5 + paragraph
    assert unwrap(page) == page


def test_an_html_file_without_markup_is_read_as_flattened_text():
    data = (FIXTURES / "flattened_page.txt").read_bytes()
    article = clean(RawDocument(source_path="saved.html", data=data, kind="html"), Settings())
    assert article.title == "Morocco and Mauritania agree to build a new road link across the border"
    assert article.text.startswith("Morocco and Mauritania agreed on Monday")
