"""A learned second opinion for the coder: which two phrases of a sentence are the source and
target of an event, and which PLOVER type it is, where the lexicon's patterns find nothing.

Why: on real news the hand-written patterns link two recognised actors in only half the
sentences that hold an event between them (passives without an agent, nominal events, long
paths through the parse, actors that are not states). This component scores every ordered
pair of candidate phrases of a sentence (noun phrases and dictionary actor mentions) with a
logistic model over general features of the parse — the dependency path between the two
heads, the verb where the path turns, the phrases' roles and kinds — and types the best pair
with a second logistic model over the words of the path and the lexicon's senses.

Both models are plain weight tables (`data/models/coder.json`), trained by
`scripts/train_coder_model.py` from the training 80 % of the labelled sets only (see
`detente.devsets` and the provenance beside the model). Scoring is a sum of weights per pair:
no learning library is needed at run time, and it costs little next to the parse.
"""

from __future__ import annotations

import itertools
import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from detente.clean.dateline import datelines
from detente.config import PACKAGE_DATA
from detente.events.actors import names_no_party, phrase_head, side_text
from detente.events.patterns import Patterns
from detente.models import Actor

MODEL_PATH = PACKAGE_DATA / "models" / "coder.json"
MAX_CANDIDATES = 12  # phrases per sentence considered (in text order)
MAX_PATH = 4  # dependency steps kept on each side of the path; longer is "long"
PHRASE_POS = frozenset({"NOUN", "PROPN", "PRON"})
# named entities that are someone who can act (a place name stands for its government)
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ"})  # proper names are never features: the model
# learns how acts are told, not who was in the training sentences


@dataclass(frozen=True)
class Phrase:
    """A candidate side of an event: a noun phrase (or an actor mention outside one)."""

    start: int  # token offsets in the doc
    end: int
    head: int  # token index of the phrase's head
    text: str
    kind: str  # dict:<mention kind> | ent:<NER label> | noun | pron
    mention: Any = None  # the dictionary actor mention inside the phrase, if any

    @property
    def can_act(self) -> bool:
        """Someone who can do or suffer an act: a dictionary actor, a generic agent, a person,
        organisation, place or nationality the tagger names, or a proper name it does not label
        (a newspaper, a rebel movement's acronym: a name names someone)."""
        return self.kind.startswith("dict:") or self.kind in ("role", "propn") or self.kind[4:] in ACTOR_ENTITIES

    @property
    def names_someone(self) -> bool:
        """Someone who can act, or a thing of someone's ("Russia's missile test"), not a bare thing."""
        return self.can_act or self.mention is not None


def phrases(sent, index, roles=None) -> list[Phrase]:
    """Noun phrases of the sentence plus actor mentions that no noun phrase covers. `roles`
    (a word → bool test) tells generic agents ("police", "protesters", "the ministry")."""
    doc = sent.doc
    out: list[Phrase] = []
    covered: set[int] = set()
    opening = _after_dateline(sent)
    for chunk in index.noun_chunks(sent):
        root = chunk.root
        if root.pos_ not in PHRASE_POS or chunk.start < opening:
            continue
        mention = _mention_in(index, chunk.start, chunk.end)
        if mention is not None and doc[mention.token_end - 1].dep_ == "poss" and doc[mention.token_end - 1].head.i == root.i:
            # "his Togolese counterpart", "Putin's Turkish counterpart": the phrase's actor as the
            # rules read it (`MentionIndex.of_phrase`: an adjective names it before a possessor)
            named = index.of_phrase(root)
            if named is not None and chunk.start <= named.token_start and named.token_end <= chunk.end \
                    and (named.actor.country or named.actor.code):
                mention = named
        if mention is not None and any(mention.token_start <= c.i < mention.token_end and names_no_party(c, mention)
                                       for c in root.children):
            mention = None  # "China's rivals" are not China
        if mention is not None and root.pos_ == "NOUN" and not mention.token_start <= root.i < mention.token_end \
                and not (roles is not None and roles(root)):
            # "Trump's return", "a U.S. court decision": the actor only qualifies a thing; the
            # thing is a phrase of its own and the actor another (added below)
            out.append(Phrase(chunk.start, chunk.end, root.i, chunk.text, "noun", mention))
            covered.update(i for i in range(chunk.start, chunk.end)
                           if not mention.token_start <= i < mention.token_end)
            continue
        owners = [c for c in root.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")
                  and (c.ent_type_ in ACTOR_ENTITIES or (roles is not None and roles(c)))] \
            if mention is None and root.pos_ == "NOUN" and not (roles is not None and roles(root)) else []
        if owners:
            # "the militia's attack", "Modi's phone call": the one it is of is a side of its own
            out.append(Phrase(chunk.start, chunk.end, root.i, chunk.text, "noun"))
            for owner in owners:
                kind = f"ent:{owner.ent_type_}" if owner.ent_type_ in ACTOR_ENTITIES else "role"
                out.append(Phrase(owner.left_edge.i, owner.i + 1, owner.i, doc[owner.left_edge.i:owner.i + 1].text, kind))
            covered.update(range(chunk.start, chunk.end))
            continue
        if mention is not None:
            kind = f"dict:{mention.kind}"
        elif root.ent_type_:
            kind = f"ent:{root.ent_type_}"
        elif root.pos_ == "PRON":
            continue  # an unresolved pronoun names no one
        elif roles is not None and roles(root):
            kind = "role"
        else:
            kind = "noun" if root.pos_ == "NOUN" else "propn"
        out.append(Phrase(chunk.start, chunk.end, root.i, chunk.text, kind, mention))
        covered.update(range(chunk.start, chunk.end))
    # the index is sorted by start: only the sentence's own mentions, not the document's
    first = bisect_left(index.mentions, sent.start, key=lambda m: m.token_start)
    for mention in itertools.takewhile(lambda m: m.token_start < sent.end, index.mentions[first:]):
        if mention.token_end > sent.end:
            continue
        if any(i in covered for i in range(mention.token_start, mention.token_end)):
            continue
        last = doc[mention.token_end - 1]
        head = last if any(p.start <= last.head.i < p.end for p in out) else phrase_head(last, sent)
        out.append(Phrase(mention.token_start, mention.token_end, head.i, mention.text, f"dict:{mention.kind}", mention))
    out.sort(key=lambda p: p.start)
    return out[:MAX_CANDIDATES]


def _after_dateline(sent) -> int:
    """The first token after a dateline that opens the sentence ("MOGADISHU, Somalia -- "), else
    the sentence's first: where a wire story was filed is no side of it (`detente.clean.dateline`)."""
    if sent.start and "\n" not in sent.doc[sent.start - 1].text_with_ws:
        return sent.start
    lines = datelines(sent.text)
    if not lines or lines[0].start != len(sent.text) - len(sent.text.lstrip()):
        return sent.start
    span = sent.doc.char_span(sent.start_char, sent.start_char + lines[0].end, alignment_mode="expand")
    return span.end if span is not None else sent.start


def _mention_in(index, start: int, end: int):
    """The first actor mention inside tokens start..end that names someone (a country or a code)."""
    for i in range(start, end):
        mention = index.by_token.get(i)
        if mention is not None and mention.token_end <= end and (mention.actor.country or mention.actor.code):
            return mention
    return None


def _up(token, sent) -> list:
    """The token and its ancestors up to the sentence root."""
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def path_between(a, b, sent) -> tuple[list, list, Any]:
    """Dependency path a → lowest common ancestor ← b: the tokens going up from each side."""
    up_a, up_b = _up(a, sent), _up(b, sent)
    on_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in on_b:
            return up_a[:n], up_b[:on_b[t.i]], t
    return up_a, up_b, up_a[-1]


def act_path(a: Phrase, b: Phrase, sent) -> tuple[list, list, Any]:
    """(where an act linking source a to target b can be, the source's side, the turn): the word
    where the path between their heads turns, then the target's side of it. A word on the
    source's side below the turn tells something of the source ("a ceasefire supported by
    Ukrainians, and the focus is on Russia"), not an act done to the target."""
    up_a, up_b, lca = path_between(sent.doc[a.head], sent.doc[b.head], sent)
    return [lca] + up_b[1:], up_a, lca


def _path_label(steps: list) -> str:
    if len(steps) > MAX_PATH:
        return "long"
    return ">".join(t.dep_ for t in steps) or "-"


def _prep_of(token) -> str | None:
    head = token.head
    if token.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        return head.lower_
    return None


def _word(token) -> str:
    """A token as a feature: its lemma, or its part of speech for a proper name or a number."""
    if token.pos_ in ("PROPN", "NUM") or token.like_num:
        return f"<{token.pos_}>"
    return token.lemma_.lower()


def pair_features(a: Phrase, b: Phrase, sent, lexicon, n_phrases: int) -> list[str]:
    """General features of an ordered pair (a as source, b as target): no sentence-specific words
    beyond the lemmas of the heads and of the words on the path that links them (no names)."""
    doc = sent.doc
    ha, hb = doc[a.head], doc[b.head]
    up_a, up_b, lca = path_between(ha, hb, sent)
    pa, pb = _path_label(up_a), _path_label(up_b)
    lca_lemma = _word(lca)
    sense, _ = lexicon.verb_sense(lca) if lca.pos_ in ("VERB", "AUX") else (None, 0)
    noun = lexicon.noun_entry(lca) if lca.pos_ == "NOUN" else None
    lex = sense.type if sense is not None else (f"noun:{noun.sense.type}" if noun is not None and getattr(noun, "sense", None) else "none")
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in lca.children)
    prep_a, prep_b = _prep_of(ha), _prep_of(hb)
    order = "ab" if a.start < b.start else "ba"
    dist = min(abs(a.head - b.head) // 3, 6)
    f = [
        "bias",
        f"pa={pa}", f"pb={pb}", f"path={pa}|{pb}", f"path={pa}|{pb}|{lca.pos_}",
        f"lca_pos={lca.pos_}", f"lca={lca_lemma}", f"lca_path={lca_lemma}|{pa}|{pb}",
        f"lex={lex}", f"lex_path={lex}|{pa}|{pb}",
        f"passive={passive}", f"passive_path={passive}|{pa}|{pb}",
        f"prep_a={prep_a}", f"prep_b={prep_b}", f"preps={prep_a}|{prep_b}",
        f"order={order}", f"dist={dist}", f"order_dist={order}|{dist}",
        f"ka={a.kind}", f"kb={b.kind}", f"kinds={a.kind}|{b.kind}",
        f"ka_pa={a.kind}|{pa}", f"kb_pb={b.kind}|{pb}",
        f"ha={_word(ha)}", f"hb={_word(hb)}",
        f"a_first={a.start == sent.start or doc[sent.start:a.start].text.strip() == ''}",
        f"n={min(n_phrases, 8)}",
    ]
    if lca.i in (ha.i, hb.i):
        f.append(f"lca_is={'a' if lca.i == ha.i else 'b'}|{lca.dep_}")
    # the words each side's path climbs through to the turn ("officials of", "talks with")
    f.extend(f"pwa={_word(t)}" for t in up_a[1:])
    f.extend(f"pwb={_word(t)}" for t in up_b[1:])
    # what kind of actor each side is (government, military, rebels, …): who acts on whom
    f.append(f"sec_a={a.mention.actor.sector if a.mention is not None else '-'}")
    f.append(f"sec_b={b.mention.actor.sector if b.mention is not None else '-'}")
    if a.mention is not None and b.mention is not None:
        same = a.mention.actor.country and a.mention.actor.country == b.mention.actor.country
        f.append(f"same_country={bool(same)}")
    return f


def type_features(a: Phrase, b: Phrase, sent, lexicon, rule_types: list[str]) -> list[str]:
    """What kind of act links the pair: the words on and near its path, the lexicon's senses of
    the sentence's verbs and nouns, and the types the rules found in the sentence."""
    doc = sent.doc
    ha, hb = doc[a.head], doc[b.head]
    up_a, up_b, lca = path_between(ha, hb, sent)
    f = ["bias", f"lca={_word(lca)}"]
    for t in up_a[1:] + up_b[1:] + [lca]:
        f.append(f"path_w={_word(t)}")
    for c in lca.children:
        if c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "prt", "neg", "attr", "acomp"):
            f.append(f"lca_{c.dep_}={_word(c)}")
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj":
                        f.append(f"lca_prep_obj={c.lower_}|{_word(g)}")
    for t in sent:
        if t.pos_ in CONTENT_POS and not t.is_stop:
            f.append(f"w={t.lemma_.lower()}")
        if t.pos_ in ("VERB", "AUX"):
            sense, _ = lexicon.verb_sense(t)
            if sense is not None:
                f.append(f"lex_v={sense.type}")
                if t.i == lca.i or t.i in {s.i for s in up_a + up_b}:
                    f.append(f"lex_path={sense.type}")
        elif t.pos_ == "NOUN":
            entry = lexicon.noun_entry(t)
            if entry is not None and getattr(entry, "sense", None) is not None:
                f.append(f"lex_n={entry.sense.type}")
    for rt in rule_types:
        f.append(f"rule={rt}")
    f.append(f"passive={any(c.dep_ in ('auxpass', 'nsubjpass') for c in lca.children)}")
    return f


class LearnedCoder:
    """Scores candidate pairs and types with the shipped weight tables."""

    def __init__(self, model: dict[str, Any]):
        self.pair_weights: dict[str, float] = model["pair"]["weights"]
        self.threshold: float = model["pair"]["threshold"]
        self.classes: list[str] = model["type"]["classes"]
        self.type_weights: dict[str, list[float]] = model["type"]["weights"]
        self.type_bias: list[float] = model["type"]["bias"]
        self.meta = model.get("meta", {})

    @classmethod
    def load(cls, path: str | Path | None = None) -> LearnedCoder | None:
        """The shipped model, or None when the package carries none (the rules run alone)."""
        return _load(str(path or MODEL_PATH))

    def pair_probability(self, features: list[str]) -> float:
        z = sum(self.pair_weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def type_distribution(self, features: list[str]) -> list[tuple[str, float]]:
        scores = list(self.type_bias)
        for f in features:
            row = self.type_weights.get(f)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return sorted(((c, e / total) for c, e in zip(self.classes, exps, strict=False)), key=lambda ce: -ce[1])

    def best_pairs(self, sent, index, lexicon, rule_types: list[str], limit: int = 1,
                   roles=None, eligible=None, cands=None, trace=None) -> list[tuple[Phrase, Phrase, float]]:
        """The highest-scoring ordered pairs above the threshold, best first, no two sharing a
        side (`candidate_pair`); `cands`: the sentence's phrases, when the caller has them;
        `trace(step, a, b, p)` hears every eligible pair's probability ("scored") and which were
        "chosen"."""
        cands = phrases(sent, index, roles) if cands is None else cands
        scored = []
        for a in cands:
            for b in cands:
                if not candidate_pair(a, b):
                    continue
                if eligible is not None and not eligible(a, b):
                    continue
                p = self.pair_probability(pair_features(a, b, sent, lexicon, len(cands)))
                if trace is not None:
                    trace("scored", a, b, p)
                if p >= self.threshold:
                    scored.append((p, a, b))
        scored.sort(key=lambda s: -s[0])
        out: list[tuple[Phrase, Phrase, float]] = []
        used: set[int] = set()
        for p, a, b in scored:
            if a.head in used or b.head in used:
                continue
            out.append((a, b, p))
            if trace is not None:
                trace("chosen", a, b, p)
            used.update((a.head, b.head))
            if len(out) >= limit:
                break
        return out


def candidate_pair(a: Phrase, b: Phrase) -> bool:
    """A pair the model scores (and is trained on): two phrases apart and a source that can act.
    The target may be a thing: PLOVER codes what an act is aimed at ("rejected the referendum",
    "stormed a hotel"), and the coder asks more confidence of such an event (`names_someone`)."""
    return a.head != b.head and not nested(a, b) and a.can_act


def conjuncts(phrase: Phrase, cands: list[Phrase], sent) -> list[Phrase]:
    """The other phrases coordinated with this one ("Pakistan and China", "Greece, Panama and
    Chile"): phrases whose head is in the same chain of `conj` links as the phrase's head."""
    chain = {t.i for t in Patterns.conjuncts(Patterns.chain_head(sent.doc[phrase.head]))}
    return [c for c in cands if c.head != phrase.head and c.head in chain and not nested(c, phrase)]


def nested(a: Phrase, b: Phrase) -> bool:
    return a.start <= b.start < a.end or b.start <= a.start < b.end


@lru_cache(maxsize=4)
def _load(path: str) -> LearnedCoder | None:
    p = Path(path)
    if not p.is_file():
        return None
    return LearnedCoder(json.loads(p.read_text(encoding="utf-8")))


def phrase_actor(phrase: Phrase, index=None) -> Actor:
    """The actor a phrase names: the dictionary actor inside it (with the whole phrase as the
    mention's words), else, given the document's `index`, the one the phrase speaks for
    as the patterns read it ("the leader of the rebels": `MentionIndex.of_phrase`), else the
    phrase itself with no code."""
    m = phrase.mention
    if m is None and index is not None:
        m = index.of_phrase(index.doc[phrase.head])
    if m is not None:
        actor = m.actor
        text = side_text(m, index.doc, phrase.text) if index is not None and index.doc is not None else phrase.text
        return Actor(text=text, code=actor.code, country=actor.country, sector=actor.sector, name=actor.name)
    return Actor(text=phrase.text)
