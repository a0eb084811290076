"""Quotes: the quoted words, who said them, and where.

The speaker is the subject of a speech verb outside the quote in the same sentence ("Petro
stated", "said the minister"), or of the verb that governs a speech verb with no subject of its
own ("…, posting '…'"); someone the dictionaries do not know keeps their name, without a code; a
pronoun goes on with the speaker of the quote just before ("'…,' he added") or, unresolved, is
the last person named outside the quotes. Failing a speech verb: the object of "according to",
the speaker of a quote split around "X said,", or the actor named before the quote. A quote is
never given to a bystander when its speech verb has a subject. Scare quotes of one or two words
are not quotes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from detente import resources
from detente.events.actors import MentionIndex, actor_of, role_test
from detente.events.patterns import SAID_NOUNS
from detente.models import Actor, Evidence, Quote

# an opening mark, curly or straight, to the nearest closing one of either kind: scraped text
# mixes them ("… said "the border stays shut.” …"), and a straight mark must not pair with the next
# straight one sentences later
QUOTE_RE = re.compile(r"[“\"](?P<a>[^”“\"\n]{2,}?)[”\"]|(?<![\w’'])'(?P<c>[^'\n]{4,}?)'(?![\w’])")
_WORDS = resources.words("quotes")
SPEECH_LEMMAS = frozenset(_WORDS["speech_lemmas"])
SPOKEN_FOR = frozenset(_WORDS["spoken_for"])  # "a spokesperson for …", "an official of …"
CONTINUING = frozenset(_WORDS["continuing_pronouns"])  # "'…,' he added"
PERSONAL = frozenset(_WORDS["personal_pronouns"])  # "he told VOA": a person, never a country
MIN_WORDS = 3
TITLE_SMALL_WORDS = frozenset(_WORDS["title_small_words"])  # "Meet the Press": a title, not speech


@dataclass
class QuoteSpan:
    quote: Quote
    start: int  # char offsets of the quoted words in the document
    end: int
    speaker_mention: object | None = None


CONTROLLED = ("advcl", "xcomp", "conj")  # a verb whose subject is its head's ("…, posting", "met X and wrote")


def _subjects(verb, qstart: int, qend: int):
    """The subject of a speech verb, or, when it has none of its own (a participle, a second
    verb of a coordination), the subject of the verb that controls it."""
    for _ in range(4):
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not (qstart <= c.idx < qend)]
        if own or verb.dep_ not in CONTROLLED or verb.head.i == verb.i:
            return own
        verb = verb.head
    return []


def _named(token, roles) -> str | None:
    """How a subject the dictionaries do not know is named: a proper name or a person the tagger
    marks, with the words of its name ("said Kofi Mensimah, a trader"), or a noun that names a
    person, a body or what was said, with the words before it ("a trader in Aflao said" → "a
    trader", "the statement said"), or the name in apposition to it ("one of the authors, Kofi
    Mensimah, said"); "" for another subject ("security continues to …"): the verb has a subject,
    so no one else said it; None for a pronoun, which names no one by itself."""
    if token.pos_ not in ("PROPN", "PRON") and token.ent_type_ != "PERSON":
        for appos in token.children:  # "one of the authors, Kofi Mensimah, said"
            if appos.dep_ == "appos" and (appos.pos_ == "PROPN" or appos.ent_type_ == "PERSON"):
                return _named(appos, roles)
    if token.pos_ == "NOUN":
        if roles(token) or token.lemma_.lower() in SAID_NOUNS:
            return token.doc[token.left_edge.i:token.i + 1].text
        return ""
    if token.pos_ == "PRON":
        return None
    if token.pos_ != "PROPN" and token.ent_type_ != "PERSON":
        return ""
    start = token.i  # the proper names run up to it ("Kofi Mensimah"), not a title noun ("spokesperson")
    while start > 0 and token.doc[start - 1].pos_ == "PROPN" and token.doc[start - 1].head.i == token.i \
            and token.doc[start - 1].dep_ in ("compound", "flat"):
        start -= 1
    return token.doc[start:token.i + 1].text


def _spoken_for(token, roles, index: MentionIndex):
    """The body a person speaks for ("a spokesperson for Ghana's foreign ministry", "an official
    of the ministry"), when the dictionaries know it."""
    if token.pos_ != "NOUN" or not roles(token):
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in SPOKEN_FOR:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (mention := index.of_phrase(obj)) is not None:
                    return mention
    return None


def _last_person(sent, qstart: int, quoted: list[tuple[int, int]]):
    """The last person the tagger names outside every quote, in this sentence before the
    pronoun's quote or in the sentence before: whom a "he" or "she" the dictionaries cannot
    resolve most likely refers to in news prose."""
    doc = sent.doc
    start = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    people = [e for e in doc.ents if e.label_ == "PERSON" and start <= e.start_char and e.end_char <= qstart
              and not any(a <= e.start_char < b for a, b in quoted)]
    return people[-1].root if people else None


def _speaker(sent, qstart: int, qend: int, index: MentionIndex, roles, previous: QuoteSpan | None = None,
             quoted: list[tuple[int, int]] | None = None):
    """The mention of who said a quote, or, for someone the dictionaries do not know, their name
    (a str; "" when the speech verb's subject names no one): never an actor merely named before
    the quote when the speech verb has a subject."""
    outside = [t for t in sent if not (qstart <= t.idx < qend)]
    for token in outside:
        if token.lemma_.lower() in SPEECH_LEMMAS and token.pos_ in ("VERB", "AUX"):
            for child in _subjects(token, qstart, qend):
                if child.lower_ in CONTINUING and previous is not None and previous.quote.speaker is not None:
                    # a pronoun right after someone's quote is that speaker going on ("…," he
                    # added), not the last person named, who may be inside the quote itself
                    return previous
                mention = index.of_phrase(child) or _spoken_for(child, roles, index)
                if mention is not None:
                    return mention
                if child.lower_ in PERSONAL:
                    person = _last_person(sent, qstart, quoted or [])
                    if person is not None:  # "Roy said … India 'will …,' he told VOA": Roy's, not India's
                        return index.of_phrase(person) or _named(person, roles)
                name = _named(child, roles)
                if name is not None:
                    return name
    for token in outside:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            for t in token.doc[token.i + 2: min(sent.end, token.i + 10)]:
                mention = index.at(t)
                if mention is not None:
                    return mention
    # the nearest actor outside the quote, before it in the sentence ("X said: ...")
    before = [index.at(t) for t in outside if t.idx < qstart and index.at(t) is not None]
    if before and any(t.lemma_.lower() in SPEECH_LEMMAS for t in outside):
        return before[-1]
    return None


def _is_title(words: str) -> bool:
    """A name in quotation marks ("Meet the Press", "the Lions of the Caliphate"): every word
    but the small ones capitalised. No one says it, so it is no quote."""
    content = [w for w in words.rstrip(".,!?;:").split() if w.lower() not in TITLE_SMALL_WORDS]
    return len(content) >= 2 and all(w[0].isupper() for w in content)


def find_quotes(doc, article, index: MentionIndex) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    text = index.text
    matches = list(QUOTE_RE.finditer(text))
    quoted = [(m.start(), m.end()) for m in matches]  # no speaker is named inside a quote
    roles = role_test(doc)  # once per document: who a common noun names (`_named`, `_spoken_for`)
    for m in matches:
        group = "a" if m.group("a") is not None else "c"
        words = m.group(group).strip()
        if len(words.split()) < MIN_WORDS or _is_title(words):
            continue
        qstart, qend = m.start(group), m.end(group)
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        sents = list({t.sent.start: t.sent for t in span}.values())
        first, last = sents[0], sents[-1]
        found = None
        # the last quote, when it is in this sentence or the one before
        before = doc[first.start - 1].sent.start_char if first.start > 0 else first.start_char
        previous = spans[-1] if spans and spans[-1].end >= before else None
        for sent in sents:
            found = _speaker(sent, qstart, qend, index, roles, previous, quoted)
            if found is not None:
                break
        if isinstance(found, QuoteSpan):  # "…," he added: the last speaker goes on
            found = found.speaker_mention or (found.quote.speaker.text if found.quote.speaker else "")
        if isinstance(found, str):  # someone the dictionaries do not know: named, not coded
            speaker, actor = None, Actor(text=found) if found else None
        else:
            speaker, actor = found, actor_of(found)
        if found is None and spans and spans[-1].end >= first.start_char - 40:
            # continuation of a quote split around "X said," in the previous sentence
            speaker, actor = spans[-1].speaker_mention, spans[-1].quote.speaker
        ev_start, ev_end = first.start_char, last.end_char
        evidence = Evidence(text[ev_start:ev_end], ev_start, ev_end)
        qid = hashlib.sha1(f"{article.doc_id}|q|{qstart}|{qend}".encode()).hexdigest()[:16]
        quote = Quote(quote_id=qid, doc_id=article.doc_id, speaker=actor, text=words, evidence=evidence)
        spans.append(QuoteSpan(quote=quote, start=qstart, end=qend, speaker_mention=speaker))
    return spans
