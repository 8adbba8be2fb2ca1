"""Helpers shared by the statement and event finders.

``DocView`` answers the questions both components ask of a parsed ``Doc``: which entity a
token (or a noun phrase) refers to, which time a token belongs to, where the sentence of a
token starts and ends (sentences never cross a line break: titles and list items are lines),
and which country a group ("the Ukrainian delegation") stands for.

Entities come from ``doc._.entities`` / ``doc._.token_entity`` (the resolver). While those are
not filled, a small provisional mapping is built from ``doc.ents`` (see ``_fallback_entities``).
"""
from __future__ import annotations

import bisect
import re
from typing import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from .. import data
from .datelines import text_datelines

NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# a bare title's head → the role words it stands for
TITLE_SYNONYMS = {"leader": ["president", "prime minister", "chancellor", "leader"],
                  "premier": ["prime minister", "premier"],
                  "spokeswoman": ["spokeswoman", "spokesperson", "spokesman"],
                  "spokesperson": ["spokesperson", "spokesman", "spokeswoman"],
                  "spokesman": ["spokesman", "spokesperson", "spokeswoman"]}
TITLE_HEADS = {"president", "leader", "premier", "chancellor", "spokesman", "spokeswoman",
               "spokesperson", "minister", "envoy", "aide", "adviser", "advisor", "secretary",
               "head"}
PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its"}


# ------------------------------------------------------------------ data files

def load_json(sub: str, name: str | None = None) -> dict:
    """``data/<sub>/<name>`` (or ``data/<sub>`` when ``sub`` is the whole relative path)."""
    return data.load_json(f"{sub}/{name}" if name else sub)


def load_list(sub: str, name: str | None = None) -> frozenset[str]:
    return data.load_words(f"{sub}/{name}" if name else sub)


def norm_name(text: str) -> str:
    text = text.replace("\u2019", "'").strip().lower()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s?$", "", text)
    return re.sub(r"\s+", " ", text).strip(" .,")


# ------------------------------------------------------------------ provisional entities

class _ProvisionalEntity:
    """Stand-in for ``records.Entity`` while the resolver has not run (fallback only)."""

    def __init__(self, eid: str, name: str, type_: str):
        self.id, self.name, self.type = eid, name, type_
        self.aliases = [name]


def _fallback_entities(doc: Doc):
    """FALLBACK (resolver missing): one entity per distinct ``doc.ents`` text; a one-word
    PERSON that ends an earlier full name joins it; he/she links the last person."""
    ents: list[_ProvisionalEntity] = []
    by_key: dict[tuple[str, str], _ProvisionalEntity] = {}
    token_entity: dict[int, str] = {}
    last_person: str | None = None
    spans = sorted(doc.ents, key=lambda s: s.start)
    si = 0
    for tok in doc:
        while si < len(spans) and spans[si].end <= tok.i:
            si += 1
        if si < len(spans) and spans[si].start == tok.i and spans[si].label_ in NAME_TYPES:
            span = spans[si]
            label = span.label_
            key = (label, norm_name(span.text))
            ent = by_key.get(key)
            if ent is None and label == "PERSON" and len(span) == 1:
                ent = next((e for (lab, k), e in by_key.items()
                            if lab == "PERSON" and k.split()[-1:] == [key[1]]), None)
            if ent is None:
                ent = _ProvisionalEntity(f"e{len(ents) + 1}", span.text, label)
                ents.append(ent)
                by_key[key] = ent
            for t in span:
                token_entity[t.i] = ent.id
            if label == "PERSON":
                last_person = ent.id
        elif tok.lower_ in {"he", "she", "him", "her"} and last_person:
            token_entity[tok.i] = last_person
    return ents, token_entity


# ------------------------------------------------------------------ the view

def _multiword_demonyms(doc: Doc, demonyms: dict[str, list[str]]) -> tuple[dict[int, str], dict[str, str]]:
    """Tokens of the text's demonyms of two or three words ("South Sudanese", "Sri Lankan",
    "New Zealand") -> that demonym; and the one-word demonyms ("sudanese") every use of which
    in the text is the last word of one longer demonym -> that demonym."""
    multi = {k for k in demonyms if " " in k}
    at: dict[int, str] = {}
    i = 0
    while i < len(doc):
        for n in (3, 2):
            key = " ".join(t.lower_ for t in doc[i:i + n]) if i + n <= len(doc) else ""
            if key in multi:
                for j in range(i, i + n):
                    at[j] = key
                i += n - 1
                break
        i += 1
    tails: dict[str, set[str]] = {}
    for t in doc:
        if t.lower_ in demonyms:
            tails.setdefault(t.lower_, set()).add(at.get(t.i, t.lower_))
    sole = {w: next(iter(ks)) for w, ks in tails.items() if len(ks) == 1 and w not in ks}
    return at, sole


class DocView:
    def __init__(self, doc: Doc):
        self.doc = doc
        ents, tok = doc._.entities, doc._.token_entity
        if ents is None or tok is None:  # the resolver did not run (never: it found nothing)
            ents, tok = _fallback_entities(doc)
        self.entities = {e.id: e for e in ents}
        self.token_entity: dict[int, str] = dict(tok)
        self.times = list(doc._.times or [])
        self.token_time: dict[int, int] = dict(doc._.token_time or {})
        self.published = doc._.published
        self.text = doc.text  # (Doc.text rebuilds the string on every access)
        self.starts = [t.idx for t in doc]
        # a dateline ("WASHINGTON (Reuters) -") names no party to anything in the sentence
        # (``datelines.text_datelines``), nor the agency a longer one names
        self.datelines, agencies = text_datelines(self.text)
        for a, b in self.datelines + agencies:
            for i in range(self.first_at(a), self.first_at(b)):
                self.token_entity.pop(i, None)
        groups = load_json("events", "groups.json")
        self.demonyms: dict[str, list[str]] = groups["demonyms"]
        self.group_heads = set(groups["group_heads"])
        self.place_heads = set(groups.get("place_heads", []))
        self.capitals = set(groups.get("capitals", []))
        self.country_names = {norm_name(n) for names in self.demonyms.values() for n in names}
        self._demonym_at, self._sole_tail = _multiword_demonyms(doc, self.demonyms)
        self._by_name: dict[str, str] = {}
        for e in self.entities.values():
            for n in [e.name, *(getattr(e, "aliases", None) or [])]:
                if n:
                    self._by_name.setdefault(norm_name(n), e.id)
        self._sents = self._segments()
        self._seg_starts = [a for a, _ in self._sents]

    # -- entities
    def etype(self, eid: str | None) -> str | None:
        e = self.entities.get(eid) if eid else None
        return e.type if e else None

    def entity_by_name(self, *names: str) -> str | None:
        for n in names:
            eid = self._by_name.get(norm_name(n))
            if eid:
                return eid
        return None

    def _is_group(self, t: Token) -> bool:
        return (t.lower_ in self.group_heads or t.lemma_.lower() in self.group_heads
                or t.lower_ in {"head", "chief", "leader", "members", "member", "minister",
                                "spokesman", "spokeswoman", "spokesperson"})

    def demonym_key(self, word: "str | Token") -> str | None:
        """The demonym a word is or belongs to, the longest winning: the token "Sudanese" of
        "South Sudanese" is "south sudanese", not "sudanese"; a word alone ("Sudanese"), where
        every use of it in the text is part of one longer demonym, is that one."""
        if isinstance(word, Token):
            key = self._demonym_at.get(word.i) or word.lower_
        else:
            key = word.lower()
            key = self._sole_tail.get(key, key)
        return key if key in self.demonyms else None

    def state_of(self, word: "str | Token") -> str | None:
        """The entity a demonym/adjective ("Ukrainian", "American", "South Sudanese") stands
        for, if in the doc (a token: the longest demonym it is part of)."""
        key = self.demonym_key(word)
        names = self.demonyms.get(key) if key else None
        return self.entity_by_name(*names) if names else None

    def is_country(self, eid: str | None) -> bool:
        """A state or bloc (not a city): its name is one a demonym stands for."""
        e = self.entities.get(eid) if eid else None
        if not e:
            return False
        return any(norm_name(n) in self.country_names
                               for n in [e.name, *(getattr(e, "aliases", None) or [])] if n)

    def is_party(self, eid: str | None) -> bool:
        """Can take part in an event: a person, an organisation, a people, a state, or a
        capital standing for its government."""
        if self.etype(eid) in ("PERSON", "ORG", "NORP") or self.is_country(eid):
            return True
        e = self.entities.get(eid) if eid else None
        if not e:
            return False
        return any(norm_name(n) in self.capitals
                               for n in [e.name, *(getattr(e, "aliases", None) or [])] if n)

    def ent_at(self, i: int) -> str | None:
        return self.token_entity.get(i)

    def entities_in(self, start: int, end: int) -> list[str]:
        out: list[str] = []
        for i in range(start, end):
            eid = self.token_entity.get(i)
            if eid and eid not in out:
                out.append(eid)
        return out

    def mention_span(self, i: int) -> Span:
        """The contiguous run of tokens around ``i`` linked to the same entity."""
        eid = self.token_entity.get(i)
        a = b = i
        if eid:
            while a - 1 >= 0 and self.token_entity.get(a - 1) == eid:
                a -= 1
            while b + 1 < len(self.doc) and self.token_entity.get(b + 1) == eid:
                b += 1
        doc = self.doc
        while a < b and doc[a].lower_ in {"the", "a", "an"}:
            a += 1
        while b > a and doc[b].tag_ == "POS":
            b -= 1
        return doc[a:b + 1]

    def np_entities(self, tok: Token, *, deep: bool = True) -> list[str]:
        """Entity ids a noun phrase headed by ``tok`` refers to: the head's own entity, its
        appositions and conjuncts, names inside it, and groups standing for their state."""
        out: list[str] = []

        def add(eid):
            if eid and eid not in out:
                out.append(eid)

        def visit(t: Token, depth: int):
            eid = self.token_entity.get(t.i)
            if eid and self.etype(eid) == "NORP" and self.state_of(t):
                eid = self.state_of(t)  # "the Ukrainian delegation" stands for Ukraine
            if eid:
                add(eid)
            own = bool(eid)
            mods = False
            for c in t.children:
                if c.dep_ in ("appos", "conj"):
                    visit(c, depth)
                elif c.dep_ in ("compound", "nmod", "amod", "npadvmod") and not own:
                    # "US and Ukrainian negotiators": every named modifier
                    for m in [c, *(x for x in c.children if x.dep_ == "conj")]:
                        ceid = self.token_entity.get(m.i)
                        if ceid and self.etype(ceid) == "NORP" and self.state_of(m):
                            ceid = self.state_of(m)
                        if not ceid and self.state_of(m):
                            ceid = self.state_of(m)
                        if ceid and (self.etype(ceid) in ("PERSON", "ORG")
                                     or self._is_group(t) or t.pos_ == "PROPN"):
                            # "White House official", "US negotiators" — not "the US company"
                            add(ceid)
                            mods = True
            own = own or mods
            if not own and self._is_group(t) and not any(
                    self.token_entity.get(x.i) for x in t.subtree if x.i != t.i
                    and x.dep_ != "poss" and x.head.dep_ != "poss"):
                # "Ukraine's air force", "Russia's defence ministry": the state
                for c in t.children:
                    if c.dep_ == "poss" and self.token_entity.get(c.i):
                        add(self.token_entity[c.i])
                        own = True
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from") and deep and not own and depth < 2 \
                        and (self._is_group(t) or t.lemma_.lower() in self.place_heads):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            visit(p, depth + 1)
            if not own and self.demonym_key(t) and t.pos_ in ("PROPN", "NOUN", "ADJ"):
                add(self.state_of(t))

        visit(tok, 0)
        return out

    def salient_person(self, before: int, fits: Callable[[str], bool] | None = None) -> str | None:
        """The person mentioned most often before token ``before`` (ties: the latest), of
        those ``fits`` accepts (a pronoun's gender). Used for a speaker pronoun the resolver
        left unlinked."""
        if not hasattr(self, "_person_mentions"):
            self._person_mentions = []
            prev = None
            for i in sorted(self.token_entity):
                eid = self.token_entity[i]
                if eid != prev or (i - 1) not in self.token_entity:
                    if self.etype(eid) == "PERSON":
                        self._person_mentions.append((i, eid))
                prev = eid
        count: dict[str, int] = {}
        last: dict[str, int] = {}
        for i, eid in self._person_mentions:
            if i >= before:
                break
            if fits is not None and not fits(eid):
                continue
            count[eid] = count.get(eid, 0) + 1
            last[eid] = i
        if not count:
            return None
        return max(count, key=lambda e: (count[e], last[e]))

    def inside_quote(self, i: int) -> bool:
        """Whether token ``i`` stands inside a quotation opened earlier on its line."""
        t = self.doc[i]
        line_start = self.text.rfind("\n", 0, t.idx) + 1
        seg = self.text[line_start:t.idx]
        n = sum(seg.count(c) for c in ('"', "\u201c", "\u201d", "\u00ab", "\u00bb"))
        return n % 2 == 1

    def subject_persons_before(self, i: int, max_segments: int = 3) -> list[tuple[str, Token]]:
        """The people named by grammatical subjects before token ``i`` (this sentence and
        the ``max_segments`` before it), nearest first, quotations left out: the usual
        referents of a speaker pronoun ('Zelensky explained that … "…," he said')."""
        out: list[tuple[str, Token]] = []
        k = bisect.bisect_right(self._seg_starts, i) - 1
        seen = 0
        for n in range(k, max(-1, k - 3 * max_segments), -1):
            a, b = self._sents[n]
            if n < k:
                # sentences inside a quotation do not count towards the window
                if not any(not self.inside_quote(j) and not self.doc[j].is_punct
                           for j in range(a, b)):
                    continue
                seen += 1
                if seen > max_segments:
                    break
            for j in range(min(b, i) - 1, a - 1, -1):
                t = self.doc[j]
                if t.dep_ not in ("nsubj", "nsubjpass") or t.lower_ in PRONOUNS \
                        or self.inside_quote(j):
                    continue
                for e in self.np_entities(t, deep=False):
                    if self.etype(e) == "PERSON" and e not in [x for x, _ in out]:
                        out.append((e, t))
        return out

    def title_holder(self, tok: Token) -> str | None:
        """The person a bare title stands for ("the President", "the Ukrainian leader",
        "the head of state", "the spokesman"): of the people whose roles hold that title
        (and the demonym, if one is given), the one mentioned last before it."""
        words = TITLE_SYNONYMS.get(tok.lemma_.lower(), [tok.lemma_.lower()])
        if tok.lemma_.lower() == "head":
            if not any(t.lower_ == "state" for t in tok.subtree):
                return None
            words = ["president"]
        dem = [k for c in tok.children if c.dep_ in ("amod", "compound")
               and (k := self.demonym_key(c))]
        cands = []
        for e in self.entities.values():
            if e.type != "PERSON":
                continue
            # "aide to the Russian President" holds no presidency: the title after "to"/"for"
            # is someone else's
            roles = [re.split(r"\s(?:to|for)\s", r.lower())[0]
                     for r in (getattr(e, "roles", None) or [])]
            if any(re.search(rf"\b{re.escape(w)}\b", r) for r in roles for w in words):
                cands.append((e.id, roles))
        if dem:
            named = [(e, r) for e, r in cands if any(d in role for role in r for d in dem)]
            cands = named or cands
        if not cands:
            return None
        ids = {e for e, _ in cands}
        self.salient_person(0)  # builds _person_mentions
        last = None
        for i, e in self._person_mentions:
            if i >= tok.left_edge.i:
                break
            if e in ids:
                last = e
        return last

    def mention_count(self, eid: str, before: int) -> int:
        """How many separate mentions of ``eid`` come before token ``before``."""
        self.salient_person(before)  # builds _person_mentions
        return sum(1 for i, e in self._person_mentions if e == eid and i < before)

    # -- times
    def time_value(self, tokens: Iterable[int]) -> str | None:
        for i in tokens:
            ti = self.token_time.get(i)
            if ti is not None and 0 <= ti < len(self.times):
                v = getattr(self.times[ti], "value", None)
                if isinstance(v, str) and v:
                    return v
        return None

    # -- sentences / lines
    def _segments(self) -> list[tuple[int, int]]:
        """Token ranges of sentences split further at line breaks."""
        doc = self.doc
        segs: list[tuple[int, int]] = []
        for sent in doc.sents:
            start = sent.start
            for t in sent:
                if "\n" in t.text or "\n" in t.whitespace_:
                    end = t.i + (0 if "\n" in t.text else 1)
                    if end > start:
                        segs.append((start, end))
                    start = t.i + 1
            if sent.end > start:
                segs.append((start, sent.end))
        # drop pure-whitespace/punctuation segments
        return [(a, b) for a, b in segs
                if any(not (t.is_space or t.is_punct) for t in doc[a:b])]

    def first_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def first_after(self, char: int) -> int:
        """Index of the first token starting after ``char``."""
        return bisect.bisect_right(self.starts, char)

    def segment(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._seg_starts, i) - 1
        if k >= 0:
            a, b = self._sents[k]
            if a <= i < b:
                return a, b
        return i, i + 1

    def segments(self) -> list[tuple[int, int]]:
        return list(self._sents)

    def char_range(self, a: int, b: int) -> dict[str, int]:
        """Character span of tokens [a, b), trimmed of spaces and list dashes."""
        doc = self.doc
        while a < b and (doc[a].is_space or doc[a].text in {"-", "–", "—", "•", "*"}):
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a >= b:
            return {"start": doc[a].idx if a < len(doc) else len(self.text),
                    "end": doc[a].idx if a < len(doc) else len(self.text)}
        return {"start": doc[a].idx, "end": doc[b - 1].idx + len(doc[b - 1].text)}

