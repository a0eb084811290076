"""Briefing rendering from the Jinja templates: article text is escaped for the format it lands
in (HTML by autoescape, Markdown by the `md` filter), and nothing else is escaped twice."""

from __future__ import annotations

import dataclasses

from builders import brief_data as data

from detente.present.brief import BriefData, build_brief, render_html, render_markdown

HOSTILE = "<script>alert(1)</script> *bold* _it_ [x](http://e) | #h `c` & co"


def _brief_with(title: str | None = None, url: str | None = None, outlet: str | None = None):
    """The test briefing with article b1's title, URL or outlet replaced."""
    base = data()
    a1 = base.articles["b1"]
    changed = dataclasses.replace(a1, title=title or a1.title, url=url or a1.url, outlet=outlet or a1.outlet)
    articles = {**base.articles, "b1": changed}
    return build_brief(BriefData(events=base.events, articles=articles, quotes=base.quotes, claims=base.claims),
                       dyad="USA-COL")


def test_html_escapes_an_article_title_with_script_and_markdown_specials():
    page = render_html(_brief_with(title=HOSTILE, outlet="Wire <b>One</b>"))
    assert "<script>" not in page and "<b>One" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* _it_ [x](http://e) | #h `c` &amp; co" in page
    assert "Wire &lt;b&gt;One&lt;/b&gt;" in page
    assert "&amp;amp;" not in page  # escaped once, not twice


def test_markdown_escapes_an_article_title_and_leaves_ampersands_alone():
    text = render_markdown(_brief_with(title=HOSTILE))
    escaped = r"\<script\>alert(1)\</script\> \*bold\* \_it\_ \[x\](http://e) \| \#h \`c\` & co"
    row = next(line for line in text.splitlines() if line.startswith('| <a id="art-b1">'))
    assert escaped in row and row.count(" | ") == 3  # the title's `|` does not add a column
    assert f"[{escaped}](#art-b1)" in text  # the evidence list links back to the article
    assert "<script>" not in text and "&amp;" not in text and "&lt;" not in text


def test_markdown_shows_a_url_as_autolink_only_when_it_can_be_one():
    assert "<https://wire.example/a?x=1&y=2>" in render_markdown(_brief_with())
    text = render_markdown(_brief_with(url="https://wire.example/a<b"))
    assert "<https://wire.example/a<b" not in text and r"https://wire.example/a\<b" in text


def test_html_charts_are_inserted_as_svg_not_as_escaped_text():
    page = render_html(build_brief(data(), dyad="USA-COL"))
    assert 'class="chart" role="img"' in page and 'class="chart small" role="img"' in page
    assert page.count("<svg ") == 2 and "&lt;svg" not in page
