"""Component ``dossier_statements``: attributed statements → ``doc._.statements``.

Three patterns, each credited to a speaker resolved through ``doc._.token_entity``:

- direct quotes, with the cue and speaker after (``"…," he emphasized``) or before
  (``Peskov said: "…"``) the quotation, across sentences, straight or curly quotes;
- indirect speech: the clausal complement of a reporting verb (lexicon
  ``data/statements/reporting_verbs.txt``), "X said that …" without "that";
- credited reports: "according to X, …", "X reported (that) …", "sources told X …",
  "it was reported …";
- the constructions of ``data/statements/constructions.json``: frames whose complement is
  what was said ("described X as Y", "accused X of Y", "vowed to …", "ruled out …"), phrase
  cues ("made clear that", "is confident that"), the sentence before "This was stated by X"
  or "X said so", a speaker's label or "line" before a colon (transcripts, round-ups, live
  blogs with time stamps), and a clause split by its cue ("The deal, X said, is dead").

``kind`` is ``direct`` for quotes, ``report`` when the speaker is a news outlet or unnamed
sources (``data/statements/sources.json``), ``indirect`` otherwise.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..records import Statement, StatementKind
from .attribution import TITLE_HEADS, DocView, load_json, load_list, norm_name
from .speakers import speaker_roles
from .stance import cue_lemma as _lemma, negated_saying, stance_of

OPEN_Q = {'"', "\u201c", "\u201e", "\u00ab"}
CLOSE_Q = {'"', "\u201d", "\u00bb"}
QUOTE_CHARS = OPEN_Q | CLOSE_Q | {"'", "\u2018", "\u2019", "``", "''"}
PASSIVE_CUES = {"report", "say", "claim", "allege", "announce", "confirm", "state", "reveal"}
SILENT_WHEN_NEGATED = {"say", "tell", "confirm", "comment", "specify", "disclose", "reveal",
                       "elaborate", "explain", "answer"}
NOT_SAYING = {"decline", "refuse", "fail", "avoid", "stop", "cease", "hesitate"}
TAIL_SUBORD = {"after", "before", "as", "when", "while", "following", "since"}
EDGE_PUNCT = {",", ".", ";", ":", "-", "\u2013", "\u2014", "!", "?"}


@dataclass
class _Cand:
    kind: str
    cue: str
    start: int  # char offsets of the content
    end: int
    speaker: str | None = None
    speaker_text: str | None = None
    date: str | None = None
    about: list[str] = field(default_factory=list)
    text: str | None = None  # content text when it is not text[start:end] (joined quotes)
    cue_i: int | None = None  # the cue verb's token index
    source: str | None = None  # the outlet that relayed an unnamed source
    stance: str | None = None  # set by a finder that knows it (else decided at the end)
    verb_from: int | None = None  # a joined content: where the part with its verb starts


class StatementFinder:
    def __init__(self, reporting_verbs: str = "statements/reporting_verbs.txt",
                 sources: str = "statements/sources.json"):
        self.verbs = load_list(reporting_verbs)
        src = load_json(sources)
        self.source_nouns = set(src["source_nouns"])
        self.outlet_words = set(src["outlet_words"])
        self.outlets = {norm_name(o) for o in src["outlets"]}
        self.unnamed = set(src.get("unnamed_heads", []))
        self.documents = set(src.get("document_nouns", []))
        self.outlet_only = set(src.get("outlet_only_verbs", []))
        self.outlet_last = set(src.get("outlet_last_words", []))
        self.describe = {k: set(v) for k, v in src.get("describe_verbs", {}).items()}
        lex = load_json("statements", "constructions.json")
        self.frame_only = set(lex["frames"]) - set(self.describe)
        self.frame_objects: dict[str, set[str]] = {}
        for lemma, frame in lex["frames"].items():
            self.describe.setdefault(lemma, set()).update(frame["deps"])
            if "objects" in frame:
                self.frame_objects[lemma] = set(frame["objects"])
        # 'ruled out …': a frame that holds only with its particle
        self.frame_particles = {k: f["particle"] for k, f in lex["frames"].items() if "particle" in f}
        # 'asks the Union to act': a frame that holds only with an object, and its own stance
        self.frame_with_object = {k for k, f in lex["frames"].items() if f.get("with_object")}
        # 'put the toll at 21': a frame that holds only with one of its objects
        self.frame_only_objects = {k for k, f in lex["frames"].items() if f.get("only_objects")}
        self.frame_stances = {k: f["stance"] for k, f in lex["frames"].items() if "stance" in f}
        self.claim_nouns = set(lex["claim_nouns"])
        self.speaker_heads = set(lex["speaker_heads"])
        self.joint_nouns = set(lex["joint_nouns"])
        self.joint_verbs = set(lex["joint_verbs"])
        self.agent_subjects = set(lex["agent_subjects"])
        self.colon_nouns = set(lex["colon_nouns"])
        self.group_nouns = set(lex["group_nouns"])
        self.group_anaphors = set(lex["group_anaphors"])
        self.anaphoric = set(src.get("anaphoric_heads", []))
        self.question_labels = set(lex.get("question_labels", []))
        self.phrase_cues = {k: set(v) for k, v in lex.get("phrase_cues", {}).items()}
        self.position_nouns = set(lex.get("position_nouns", []))
        self.phrase_stances: dict[str, str] = dict(lex.get("phrase_stances", {}))
        self.mental = set(lex.get("mental_verbs", []))
        self.stance_verbs: dict[str, str] = dict(lex["stance_verbs"])
        self.position_modifiers = set(lex.get("position_modifiers", []))

    # ------------------------------------------------------------ helpers
    def is_cue(self, tok: Token) -> bool:
        # 'hopes' lemmatised as 'hop': the inflected form less its last letter
        lemma_ok = tok.lemma_.lower() in self.verbs or (
            tok.tag_ in ("VBZ", "VBD", "VBN") and tok.lower_[:-1] in self.verbs)
        return lemma_ok and tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD"

    def is_outlet_cue(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.outlet_only and tok.pos_ == "VERB"

    def is_outlet(self, view: DocView, eid: str | None, text: str | None) -> bool:
        names = set()
        if eid and eid in view.entities:
            e = view.entities[eid]
            if e.type not in ("ORG", "OTHER", "PERSON"):
                return False
            names |= {n for n in [e.name, *(getattr(e, "aliases", None) or [])] if n}
        if text:
            names.add(text)
        for n in names:
            k = norm_name(n)
            if k in self.outlets:
                return True
            parts = n.strip().split()
            if len(parts) >= 2 and all(p[:1].isupper() for p in parts if p.lower() != "the") \
                    and parts[-1].lower() in self.outlet_last:
                return True  # "Coastal Herald", "the Lviv Chronicle"
            words = set(k.split())
            if eid and view.etype(eid) == "ORG" and words & self.outlet_words:
                return True
        return False

    def speaker_of(self, view: DocView, tok: Token | None) -> tuple[str | None, str | None]:
        """Entity id and surface text of the noun phrase headed by ``tok``."""
        if tok is None:
            return None, None
        if tok.lower_ in ("he", "she") or (tok.lower_ in ("his", "her") and tok.dep_ == "poss" and (
                tok.head.lower_ in self.colon_nouns or tok.head.lemma_.lower() in self.position_nouns)):
            return self._pronoun_speaker(view, tok)
        if tok.tag_ == "VBG" and tok.dep_ == "nsubj":
            # "Briefing the Council, the head of the mission, Beatrice Osei, warned": the
            # participle's appositions are the subject
            apps = [c for c in tok.children if c.dep_ == "appos"]
            if apps:
                named = [c for c in apps if view.ent_at(c.i)]
                return self.speaker_of(view, (named or apps)[-1])
        if tok.lower_ in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass"):
            body = self._body_before(view, tok)
            if body is not None:
                return body, tok.text
        if tok.lemma_.lower() in TITLE_HEADS and any(
                (c.dep_ == "det" and c.lower_ == "the") or (
                    c.dep_ == "poss" and view.etype(view.ent_at(c.i)) in ("PERSON", "ORG"))
                for c in tok.children) and not any(
                view.etype(view.ent_at(t.i)) == "PERSON" for t in tok.subtree if t.i != tok.i
                and t.pos_ != "DET" and t.dep_ != "poss" and t.head.dep_ != "poss" and not (t.is_title and view.ent_at(t.i) == view.ent_at(tok.i)
                                             and t.i < tok.i)):
            # a bare title ("the President emphasized"): the last-mentioned holder
            holder = view.title_holder(tok)
            if holder:
                return holder, self.np_text(view, tok)
        if tok.pos_ == "PROPN":
            # a proper name the resolver split or linked only in part ("Coastal Herald" with
            # "Atlantic" taken for the ocean): the whole name, when it is a known entity
            parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if parts and parts[-1].i == tok.i - 1:
                name = view.doc[parts[0].i:tok.i + 1].text
                whole = view.entity_by_name(name)
                if whole and whole != view.ent_at(tok.i):
                    return whole, name
        conj = self._conjoined(view, tok)
        if conj is not None:
            return conj
        named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and view.etype(view.ent_at(c.i)) == "PERSON"]
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in TITLE_HEADS and named \
                and view.ent_at(tok.i) != view.ent_at(named[0].i):
            # 'The Uzbek foreign ministry spokesman, Davron Aliev, said': the person named
            eid = view.ent_at(named[0].i)
            return eid, view.mention_span(named[0].i).text
        ids = view.np_entities(tok)
        relay = {t.i for c in tok.children if c.dep_ in ("acl", "relcl")
                 and c.lemma_.lower() in ("speak", "talk", "tell") for t in c.subtree}
        if relay:  # "a government source speaking to Le Monde": not the outlet
            ids = [e for e in ids if not any(view.ent_at(i) == e for i in relay)]
        demonstrative = any(c.dep_ == "det" and c.lower_ in ("those", "these") for c in tok.lefts)
        if not ids and (tok.lemma_.lower() in self.anaphoric | self.group_anaphors or (
                demonstrative and tok.lemma_.lower() in self.unnamed)) \
                and tok.pos_ == "NOUN" and all(
                c.dep_ == "det" and c.lower_ in ("the", "those", "these") or c.dep_ == "nummod"
                or c.lower_ == "both" for c in tok.lefts) and not list(tok.rights):
            # 'the office said', 'the three leaders', 'according to those officials': the
            # fuller phrase before
            ante = self._antecedent(view, tok)
            if ante is not None:
                return ante
        if not ids and not relay and tok.lemma_.lower() in self.documents | self.source_nouns:
            # "according to figures released by NPD Group", "a report in Ars Technica"
            ids = [e for t in tok.subtree if (e := view.ent_at(t.i))
                   and view.etype(e) in ("PERSON", "ORG")][:1]
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl":
            return self.speaker_of(view, tok.head.head)  # "…, which said": the antecedent
        # prefer people and organisations over places named inside the phrase
        ids.sort(key=lambda e: {"PERSON": 0, "ORG": 1}.get(view.etype(e) or "", 2))
        eid = ids[0] if ids else None
        if eid and not view.ent_at(tok.i) and tok.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ == "appos" and view.ent_at(c.i) == eid for c in tok.children):
            # "a Ukrainian official", "two officials familiar with the talks": the unnamed
            # speaker is the whole phrase (the entity named inside it stays the id)
            return eid, self.np_text(view, tok)
        if eid:
            linked_toks = [t for t in tok.subtree if view.ent_at(t.i) == eid and t.pos_ != "DET"]
            named = ([t for t in linked_toks if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
                     or [t for t in linked_toks if t.pos_ == "PROPN"] or linked_toks)
            if named:
                return eid, view.mention_span(named[0].i).text
            if view.state_of(tok.text) == eid:
                return eid, tok.text
        if eid is None and tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN"):
            # a name the resolver did not link here: match it against the document's entities
            eid = view.entity_by_name(tok.text, " ".join(
                t.text for t in tok.subtree if t.text[:1].isupper())) or (
                self._by_surname(view, tok.text) if tok.pos_ == "PROPN" else None)
            if eid:
                return eid, tok.text
        if eid is None and tok.lower_ in {"he", "she", "him", "her"}:
            # a speaker pronoun the resolver left unlinked: the most talked-about person so far
            return view.salient_person(tok.i, lambda e: _gender_fits(view, e, tok.lower_)), tok.text
        return eid, self.np_text(view, tok)

    def _pronoun_speaker(self, view: DocView, tok: Token) -> tuple[str | None, str | None]:
        """A speaker pronoun ('he said', 'his message'): see :meth:`speaker_of`."""
        # a speaker pronoun: the resolver's link when that person is a recent subject;
        # else the nearest subject ('Zelensky explained that … "…," he said'), unless
        # another recent subject is the story's protagonist (named far more often); with
        # no recent subject, the resolver's link or the most talked-about person
        linked = view.ent_at(tok.i)
        tail_lo = self._tail_start(view, tok)
        subjects = [(e, t) for e, t in view.subject_persons_before(tok.i)
                    if not (tail_lo is not None and tail_lo <= t.i < tok.i)
                    and _gender_fits(view, e, tok.lower_)]
        # the people who spoke before the people they spoke about ('X confirmed that Y
        # would lead the delegation. … , she said': X)
        # ('Y opened the session, an official said. He …': Y, the unnamed reporter is no one)
        speakers = [e for e, t in subjects if not self._reported_subject(t)
                    or not self._reporter_named(view, t)]
        ids = speakers or [e for e, _ in subjects]
        if subjects and (linked is None or linked in ids) and linked != subjects[0][0] and self.is_cue(
                subjects[0][1].head) and not self._reported_subject(subjects[0][1]):
            # 'Mr. X declared that …. "…," he repeated': the nearest subject spoke
            return subjects[0][0], tok.text
        if linked in ids or not ids:
            return linked or view.salient_person(
                tok.i, lambda e: _gender_fits(view, e, tok.lower_)), tok.text
        near = view.mention_count(ids[0], tok.i)
        main = max(ids, key=lambda e: view.mention_count(e, tok.i))
        if view.mention_count(main, tok.i) >= max(4, 2 * near):
            return main, tok.text
        return ids[0], tok.text

    def _reported_subject(self, t: Token) -> bool:
        """A subject inside what a reporting verb reports ('said that Y would lead')."""
        h = t.head
        while h.dep_ == "conj" and h.head.i != h.i:
            h = h.head
        return h.dep_ == "ccomp" and self.is_cue(h.head)

    @staticmethod
    def _reporter_named(view: DocView, t: Token) -> bool:
        """Whether the cue reporting the clause of subject ``t`` has a named person for its
        subject ('X said that Y …': yes; 'Y opened …, an official said': no)."""
        h = t.head
        while h.dep_ == "conj" and h.head.i != h.i:
            h = h.head
        cue = h.head
        return any(c.dep_ in ("nsubj", "nsubjpass") and view.etype(view.ent_at(c.i)) == "PERSON"
                   for c in cue.children)

    @staticmethod
    def _tail_start(view: DocView, tok: Token) -> int | None:
        """'<clause>, she said': where the clause that the pronoun's cue reports starts (its
        subjects are what was said, not who said it); None when the cue comes first."""
        lo, _ = view.segment(tok.i)
        j = tok.i - 1
        while j >= lo and view.doc[j].text in QUOTE_CHARS:
            j -= 1
        if j > lo and view.doc[j].text == "," and tok.dep_ == "nsubj" and tok.head.i > tok.i:
            return lo
        return None

    def _body_before(self, view: DocView, tok: Token) -> str | None:
        """'The observer mission said A, but it criticized B': "it" as a subject stands for
        the organisation or state that is the nearest subject before it (this sentence or
        the one before)."""
        doc = view.doc
        lo, _ = view.segment(tok.i)
        plo, _ = view.segment(lo - 1) if lo > 0 else (lo, lo)
        for j in range(tok.i - 1, plo - 1, -1):
            t = doc[j]
            if t.dep_ not in ("nsubj", "nsubjpass") or view.inside_quote(j):
                continue
            ids = [e for e in view.np_entities(t) if view.etype(e) in ("ORG", "GPE")]
            if ids:
                return ids[0]
            if view.etype(view.ent_at(j)) == "PERSON":
                return None
        return None

    def _conjoined(self, view: DocView, tok: Token):
        """'France, Britain and Denmark issued …': a subject of several named parties is
        spoken for by the first, in the words of the whole list."""
        members = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
        if len(members) < 2 or not all(
                view.etype(view.ent_at(m.i)) in ("PERSON", "ORG", "GPE") for m in members):
            return None
        last = members[-1]
        lo, _ = view.segment(tok.i)
        a = max(lo, tok.left_edge.i)
        while a < tok.i and view.doc[a].dep_ == "det":
            a += 1
        return view.ent_at(tok.i), view.doc[a:last.i + 1].text

    def _antecedent(self, view: DocView, tok: Token):
        """'the office said' after 'the presidential office said': the last fuller phrase
        with the same head (its entity, if it names one, and its words)."""
        lemma = tok.lemma_.lower()
        lo = max(0, tok.i - 600)
        for j in range(tok.i - 1, lo - 1, -1):
            t = view.doc[j]
            if (t.lemma_.lower() != lemma and t.lower_ != tok.lower_) or t.pos_ not in ("NOUN", "PROPN"):
                continue
            mods = [c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                    or (c.dep_ == "prep" and c.lower_ == "of")]
            ids = view.np_entities(t)
            if not ids and t.dep_ == "appos":
                head_ent = view.ent_at(t.head.i)
                if head_ent:
                    ids = [head_ent]  # "NPD Group, a market research firm"
            if not mods and not ids:
                continue
            if ids and view.etype(ids[0]) in ("PERSON",):
                continue
            return (ids[0] if ids else None), self.np_text(view, t)
        return None

    @staticmethod
    def np_text(view: DocView, tok: Token) -> str:
        """The noun phrase headed by ``tok`` within its line, with its modifiers ("officials
        in Kyiv", "two people familiar with the plans", "a person who saw both versions")."""
        doc = view.doc
        lo, hi = view.segment(tok.i)
        for da, db in view.datelines:  # "LONDON - Leaders of …": not the dateline
            if da <= doc[lo].idx < db:
                lo = max(lo, view.first_at(db))
        a = max(tok.left_edge.i, lo)
        b = tok.i + 1
        for c in tok.rights:
            if c.dep_ in ("prep", "compound", "appos", "amod", "acl", "relcl", "nummod") \
                    and c.right_edge.i - a < 14 and c.right_edge.i < hi \
                    and not any(x.i in view.token_time for x in c.subtree) \
                    and not (c.dep_ == "prep" and c.lower_ in ("on", "at") and not any(
                        view.ent_at(x.i) for x in c.subtree)):
                b = c.right_edge.i + 1
            else:
                break
        while a < tok.i and (doc[a].is_punct or doc[a].is_space or _CLOCK.match(doc[a].text)):
            a += 1  # '12:30 - A Kyrgyz delegation source': a live blog's time stamp
        while b > a + 1 and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        return doc[a:b].text if b > a else tok.text

    def kind_for(self, view: DocView, eid, text, head: Token | None) -> str:
        if self.is_outlet(view, eid, text):
            return "report"
        if head is not None and head.lower_ in self.source_nouns and not eid:
            return "report"
        if head is not None and head.lower_ in self.source_nouns and view.etype(eid) != "PERSON":
            return "report"
        if head is not None and head.lemma_.lower() in self.unnamed | self.documents and not eid:
            return "report"  # "two officials familiar with the talks said"
        return "indirect"

    @staticmethod
    def trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
        """Drop a leading subordinator and edge punctuation/quotes/spaces."""
        while a < b and (doc[a].is_space or doc[a].text in EDGE_PUNCT | QUOTE_CHARS
                         or (doc[a].lower_ in {"that", "whether"} and doc[a].dep_ == "mark")):
            if doc[a].text in QUOTE_CHARS and doc[a].text not in CLOSE_Q - OPEN_Q and any(
                    t.text in QUOTE_CHARS for t in doc[a + 1:b]):
                break  # 'adding that "hard issues" remained': the quotation opens the content
            a += 1
        while b > a and (doc[b - 1].is_space or doc[b - 1].text in EDGE_PUNCT | QUOTE_CHARS):
            b -= 1
        # keep quotation marks balanced: 'the visit was "an important step"'
        inner = [t for t in doc[a:b] if t.text in QUOTE_CHARS]
        if len(inner) % 2 == 1:
            for k in range(b, min(b + 3, len(doc))):
                if doc[k].text in QUOTE_CHARS:
                    b = k + 1  # 'was "frank and constructive."'
                    break
                if doc[k].text not in EDGE_PUNCT:
                    break
        return a, b

    # ------------------------------------------------------------ direct quotes
    @staticmethod
    def find_quotes(text: str) -> list[tuple[int, int]]:
        """(open, close) character offsets of quotation marks, paired within a line; an
        unclosed quote runs to the end of its line."""
        out: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            opened = None
            for m in re.finditer(r'["\u201c\u201d\u201e\u00ab\u00bb]', line):
                c = m.group()
                i = pos + m.start()
                if opened is None:
                    if c in OPEN_Q:
                        opened = i
                elif c in CLOSE_Q:
                    out.append((opened, i))
                    opened = None
                elif c in OPEN_Q and c != '"':
                    opened = i
            if opened is not None and len(line) - (opened - pos) > 40:
                out.append((opened, pos + len(line)))
            out.extend(_single_quotes(line, pos, [(a, b) for a, b in out if a >= pos]))
            pos += len(line) + 1
        return sorted(out)

    def _cue_after(self, view: DocView, close: int, seg_end: int):
        doc = view.doc
        k = view.first_after(close)
        toks = [doc[i] for i in range(k, min(seg_end, k + 9))]
        for n, t in enumerate(toks):
            if t.text in OPEN_Q | CLOSE_Q or (t.text in {".", ";", "!", "?"} and n):
                return None
            if t.pos_ in ("CCONJ", "SCONJ") and t.lower_ != "as":
                return None  # 'said that "…", and that Sudan hoped …': no attribution of the quote
            if t.lower_ == "according" and n + 1 < len(toks) and toks[n + 1].lower_ == "to":
                pobj = next((p for p in toks[n + 1].children if p.dep_ == "pobj"), None)
                return (t, pobj) if pobj is not None else None
            if self.is_cue(t):
                subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")
                             and c.idx > close), None)
                if subj is None:
                    # "said Peskov" parsed without a subject: the next name
                    subj = next((x for x in toks[n + 1:n + 4] if view.ent_at(x.i)), None)
                if subj is None and t.dep_ == "conj":
                    subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                if subj is None:
                    return None
                return t, subj
            if t.pos_ in ("VERB",) and not self.is_cue(t):
                return None
        return None

    def _cue_ends_at(self, view: DocView, before: str) -> bool:
        """Whether the text ``before`` ends with a reporting verb ('Harlow said')."""
        k = view.first_at(len(before)) - 1
        return k >= 0 and self.is_cue(view.doc[k]) and view.doc[k].idx + len(view.doc[k]) == len(before)

    def _cue_before(self, view: DocView, open_: int, seg_start: int):
        doc = view.doc
        k = view.first_at(open_)
        toks = [doc[i] for i in range(max(seg_start, k - 12), k)]
        if not toks or all(t.is_space for t in toks):
            # 'Peskov said:' closing the line before the quotation
            before = view.text[:open_].rstrip()
            if not before.endswith(":"):
                return None
            end = len(before)
            k, lo = view.first_at(end), view.first_at(before.rfind("\n") + 1)
            toks = [doc[i] for i in range(max(lo, k - 12), k)]
            if not toks:
                return None
        last = toks[-1]
        if last.text not in {":", ","} and not self.is_cue(last):
            return None
        for t in reversed(toks):
            if t.lower_ == "according":
                pobj = next((p for c in t.children if c.lower_ == "to"
                             for p in c.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return t, pobj
            if self.is_cue(t):
                subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")
                             and c.idx < open_), None)
                if subj is None and t.dep_ == "conj":
                    subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                return (t, subj) if subj is not None else None
        return None

    def direct(self, view: DocView) -> tuple[list[_Cand], list[tuple[int, int]]]:
        doc, text = view.doc, view.text
        found: list[_Cand] = []
        spans = self.find_quotes(text)
        prev: tuple[_Cand, int] | None = None  # last attributed quote, its close offset
        for n_q, (open_, close) in enumerate(spans):
            inner = text[open_ + 1:close]
            words = inner.split()
            k = view.first_after(open_)
            if k >= len(doc):
                continue
            first = doc[k]
            seg = view.segment(first.i)
            a, b = open_ + 1, close
            while a < b and (text[a].isspace() or text[a] in ",;:"):
                a += 1
            while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:-\u2013\u2014"):
                b -= 1
            if prev is not None and len(words) >= 2:
                pc, pclose = prev
                between = text[pclose + 1:open_]
                if ("\n" not in between and len(between) < 60 and between.rstrip().endswith(",")
                        and any(self.is_cue(doc[i]) for i in range(view.first_after(pclose),
                                                                    view.first_at(open_)))):
                    # '"A," he said, "B."': one statement in two halves
                    pc.text = (pc.text or text[pc.start:pc.end]) + " " + text[a:b]
                    pc.end = b
                    prev = (pc, close)
                    continue
            hit = None
            tail = inner.rstrip()[-1:]
            after = text[close + 1:close + 3].lstrip()[:1]
            # '"…," he said' / '"…", he said' / '"…?" she asked': an attribution may follow
            may_follow = (tail in {",", "?", "!", "\u2026", "-", "\u2013", "\u2014"}
                          or after in {",", "-", "\u2013", "\u2014"})
            # '"The talks", he said, "were useful"': a short first half that the cue splits
            split = n_q + 1 < len(spans) and 0 < spans[n_q + 1][0] - close < 60 and \
                "\n" not in text[close:spans[n_q + 1][0]] and \
                text[close + 1:spans[n_q + 1][0]].rstrip().endswith(",")
            # '"No," Harlow said': a short quotation opening its sentence, the cue right after
            opens = words and len(words) < 3 and not split and (
                view.text[max(0, open_ - 3):open_].strip() in ("", ".", "!", "?")
                or text[:open_].rstrip()[-1:] in ("", "\n", ".", "!", "?"))
            if (len(words) >= 3 or (words and split) or opens) and may_follow:
                nl = text.find("\n", close)
                line_end = view.first_at(nl) if nl >= 0 else len(doc)
                hit = self._cue_after(view, close, line_end)
                if hit is not None and opens and hit[0].i - view.first_after(close) > 3:
                    hit = None
            # 'Peskov said: "No."': after a cue and a colon, a quotation of any length
            colon_before = text[max(0, open_ - 3):open_].rstrip().endswith(":") or (
                text[max(0, open_ - 3):open_].rstrip().endswith(",")
                and self._cue_ends_at(view, text[:open_].rstrip()[:-1].rstrip()))  # 'said, "No."'
            if (len(words) >= 3 or (words and colon_before)) and hit is None:
                hit = self._cue_before(view, open_, seg[0] if seg[0] <= first.i else 0)
            if hit is not None:
                cue, subj = hit
                eid, stext = (self._according_speaker(view, subj) if cue.lower_ == "according"
                              else self.speaker_of(view, subj))
                cand = _Cand("direct", "According to" if cue.lower_ == "according" else cue.text,
                             a, b, eid, stext, cue_i=None if cue.lower_ == "according" else cue.i)
                # '"A," he said, "B."' — the second half continues the first
                found.append(cand)
                prev = (cand, close)
                continue
            if prev is not None and len(words) >= 3:
                pc, pclose = prev
                between = text[pclose + 1:open_]
                # the next paragraph opening with a quotation that nobody else is credited
                # with: the same speaker goes on
                pend = text.find("\n", pclose)
                next_para = 0 <= pend < open_ and not text[pend:open_].strip() \
                    and pend - pclose < 80 \
                    and not text[close + 1:_line_end(text, close)].strip(" .,\"\u201d")
                btoks = range(view.first_after(pclose), view.first_at(open_))
                # '"A," Rubio told reporters after the meeting. "B."': the attribution
                # sentence of A, naming nobody else, sits between A and B
                own_tail = ("\n" not in between and len(between) < 160
                            and between.rstrip().endswith(".")
                            and any(self.is_cue(doc[i]) for i in btoks)
                            and (pc.speaker is not None or (pc.speaker_text or "") in between)
                            and all(view.ent_at(i) in (None, pc.speaker) or view.etype(
                                view.ent_at(i)) in ("GPE", "LOC", "FAC") for i in btoks)
                            and (any(view.ent_at(i) == pc.speaker for i in btoks) if pc.speaker
                                 else bool(pc.speaker_text)))
                if next_para or own_tail or ("\n" not in between and len(between) < 60 and (
                        not between.strip()
                        or any(self.is_cue(doc[i]) for i in btoks))):
                    # the next quoted sentence of the same speaker
                    cand = _Cand("direct", pc.cue, a, b, pc.speaker, pc.speaker_text)
                    found.append(cand)
                    prev = (cand, close)
                    continue
            prev = None
        return found, spans

    # ------------------------------------------------------------ according to
    def _according_speaker(self, view: DocView, pobj: Token):
        return self.speaker_of(view, pobj)

    def according(self, view: DocView, used_verbs: set[int]) -> list[_Cand]:
        doc = view.doc
        out: list[_Cand] = []
        for t in doc:
            if t.lower_ != "according":
                continue
            to = next((c for c in t.children if c.lower_ == "to"), None)
            if to is None and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                to = doc[t.i + 1]
            if to is None:
                continue
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            lo, hi = view.segment(t.i)
            head = t.head if t.head.i != t.i else None
            eid, stext = self.speaker_of(view, pobj)
            kind = self.kind_for(view, eid, stext, pobj)
            named_subj = head is not None and any(
                c.dep_ == "nsubj" and c.lower_ not in self.source_nouns
                and c.pos_ in ("PROPN", "NOUN") for c in head.children)
            relayed = head is not None and t.i > head.i and (
                (head.dep_ == "ccomp" and self.is_cue(head.head) and t.i > head.head.i
                 and "\n" not in view.doc[head.head.i:t.i].text and any(
                    c.dep_ == "nsubj" and (view.ent_at(c.i) or self._named_speaker(view, c))
                    for c in head.head.children))
                or (self.is_cue(head) and named_subj and pobj.lemma_.lower() in self.documents
                    and not self.is_outlet(view, eid, stext)))
            if relayed:
                # 'X said that A, according to a statement by Y': Y relays what X said; the
                # statement is X's (its content leaves the 'according to' out)
                if head is not None and self.is_outlet(view, eid, stext):
                    cue = head.head if head.dep_ == "ccomp" else head
                    self._relay[cue.i] = (stext, t.left_edge.idx)
                continue
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None) \
                if head is not None else None
            if head is not None and self.is_cue(head) and named_subj and subj is not None \
                    and t.i > head.i and self.is_outlet(view, eid, stext) \
                    and self._named_speaker(view, subj):
                # "X said A, according to <outlet>": X is the speaker, the outlet relays it
                # ("According to <outlet>, X told Y that …" opening the sentence: the
                # outlet's account of the exchange)
                self._relay[head.i] = (stext, t.left_edge.idx)
                continue
            if head is not None and self.is_cue(head) and named_subj:
                # "According to Axios, Witkoff told Zelensky that …": the outlet reports
                # the whole exchange
                used_verbs.add(head.i)
            elif head is not None and self.is_cue(head):
                comp = self._complement(head, lo, hi)
                if comp is not None:
                    used_verbs.add(head.i)
                    a, b = self._content_range(view, comp, head, lo, hi)
                    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                    if subj is not None and subj.lower_ in self.source_nouns:
                        kind = "report" if kind == "report" or not eid or \
                            view.etype(eid) != "PERSON" else kind
                    if b > a:
                        out.append(self._cand(view, kind, "According to", a, b, eid, stext, head))
                    continue
            if head is None:
                continue
            skip = {x.i for x in t.subtree}
            idx = [x.i for x in head.subtree if lo <= x.i < hi and x.i not in skip]
            if not idx:
                continue
            a, b = min(idx), max(idx) + 1
            # "according to X" at the start or the end: the clause on the other side
            if t.i > head.i:
                b = min(b, t.left_edge.i)
            else:
                a = max(a, t.right_edge.i + 1)
            listed = self._accounts_listed(view, t, a, b)
            if listed is not None:
                a = max(a, listed)
            a, b = self.trim(doc, a, b)
            if b - a >= 3 or (listed is not None and b > a and any(
                    doc[k].like_num for k in range(a, b))):
                out.append(self._cand(view, kind, "According to", a, b, eid, stext, head))
        return out

    @staticmethod
    def _accounts_listed(view: DocView, t: Token, a: int, b: int) -> int | None:
        """'The count is disputed: 9 missing according to A, 12 according to B':
        accounts listed one after the other, each its own statement: where the account
        ending in 'according to' ``t`` starts (after the account before it, or after the
        colon that opens the list); None when its sentence lists no other account."""
        doc = view.doc
        lo, hi = view.segment(t.i)
        others = [x for x in doc[lo:hi] if x.lower_ == "according" and x.i != t.i
                  and x.i + 1 < len(doc) and doc[x.i + 1].lower_ == "to"]
        if not others or t.i < a:
            return None
        start = a
        for x in others:
            if a <= x.i < t.i:
                start = max(start, max(y.i for y in x.subtree) + 1)
        colon = [k for k in range(a, t.i) if doc[k].text == ":" and not view.inside_quote(k)]
        if colon:
            start = max(start, colon[-1] + 1)
        while start < t.i and doc[start].is_punct:
            start += 1
        return start

    def inverted_as(self, view: DocView, used_verbs: set[int]) -> list[_Cand]:
        """'As informed Rustem Umerov, the American side …', 'As noted the Minister, …' (a
        translated release with the speaker after the cue): the main clause was said."""
        doc = view.doc
        out: list[_Cand] = []
        for t in doc:
            if t.lower_ != "as" or t.i + 2 >= len(doc):
                continue
            v = doc[t.i + 1]
            lo, hi = view.segment(t.i)
            if not (t.i == lo or t.is_sent_start or doc[t.i - 1].text in {".", ";", "\n"}):
                continue
            w = v.lower_
            if not ((v.lemma_.lower() in self.verbs and v.tag_ in ("VBN", "VBD")) or (
                    v.tag_ == "JJ" and w.endswith("ed") and (w[:-1] in self.verbs
                                                             or w[:-2] in self.verbs))):
                continue  # 'As informed X,' with the participle tagged as an adjective
            comma = next((i for i in range(v.i + 1, min(hi, v.i + 10)) if doc[i].text == ","), None)
            if comma is None or comma < v.i + 2:
                continue
            np = doc[v.i + 1:comma]
            if np[0].lower_ in ("that", "it", "a", "an") or not any(
                    x.text[:1].isupper() for x in np) or any(x.pos_ in ("VERB", "AUX") for x in np):
                continue  # 'As noted above,', 'As expected, …'
            head = np.root
            sent_end = min(hi, doc[comma].sent.end)
            a, b = self.trim(doc, comma + 1, sent_end)
            if b - a < 3 or view.inside_quote(v.i):
                continue
            eid, stext = self.speaker_of(view, head)
            if eid is None:
                continue
            kind = self.kind_for(view, eid, stext, head)
            used_verbs.add(v.i)
            out.append(self._cand(view, kind, v.text, a, b, eid, stext, None))
        return out

    # ------------------------------------------------------------ indirect speech
    def _complement(self, verb: Token, lo: int, hi: int) -> Token | None:
        comps = [c for c in verb.children if c.dep_ == "ccomp" and lo <= c.i < hi]
        if not comps:
            return self._hung_complement(verb, lo, hi)
        after = [c for c in comps if c.i > verb.i]
        return after[0] if after else comps[-1]

    def _hung_complement(self, verb: Token, lo: int, hi: int) -> Token | None:
        """'said in a statement that …', 'told analysts on a call that …': the that-clause
        the parser hung on the noun of the verb's phrase."""
        nouns = [n for p in verb.children if p.dep_ == "prep" and lo <= p.i < hi and p.i > verb.i
                 for n in p.children if n.dep_ == "pobj"]
        # 'informs the public that …': the clause hung on the verb's object ('that' its mark)
        nouns += [n for n in verb.children if n.dep_ == "dobj" and lo <= n.i < hi and n.i > verb.i]
        for n in nouns:
            for c in n.children:
                first = c.left_edge
                if c.dep_ in ("acl", "relcl") and first.lower_ == "that" and c.i > n.i \
                        and (n.dep_ == "pobj" or first.dep_ == "mark") \
                        and c.pos_ in ("VERB", "AUX") and any(
                            x.dep_ in ("nsubj", "nsubjpass", "expl") and x.i != first.i
                            for x in c.children):
                    return c
        return None

    @staticmethod
    def _tense(v: Token) -> str:
        """'past', 'present' or 'modal' of a verb with its auxiliaries."""
        auxs = [a for a in v.children if a.dep_ in ("aux", "auxpass") and a.i < v.i]
        for t in auxs + [v]:
            if t.tag_ == "MD":
                return "modal"
            if t.tag_ == "VBD":
                return "past"
            if t.tag_ in ("VBZ", "VBP"):
                return "present"
        return "other"

    def _tense_breaks(self, comp: Token, conj: Token, verb: Token) -> bool:
        """A subjectless conjunct of the reported clause belongs to the reporting verb only
        when its tense is the reporting verb's and not the clause's ("said that there is
        work to do, but praised the meeting"); "said Moscow remained open but would judge"
        and "said it was working and expected talks" keep it (reported speech shifts tense
        together)."""
        tc, tj, tv = self._tense(comp), self._tense(conj), self._tense(verb)
        return tc == "present" and tj == tv == "past"

    def _frame_conj(self, c: Token) -> bool:
        """'said A and urged the House to act', 'says A and vows to challenge …': a frame
        verb (not a reporting one) with its own complement, conjoined to the reported clause,
        is the speaker's next statement."""
        lemma = c.lemma_.lower()
        need = self.describe.get(lemma, set())
        if not need or c.pos_ != "VERB":
            return False
        if lemma in self.frame_only_objects and not any(
                x.dep_ == "dobj" and x.lemma_.lower() in self.frame_objects.get(lemma, ())
                for x in c.children):
            return False   # 'would receive him but did not give a date': no frame
        # 'says A and accuses them of B': the frame's own bare preposition ('of', 'as') too
        return any(x.dep_ in need or (x.dep_ == "prep" and (
            f"prep:{x.lower_}" in need or (x.lower_ in need and x.lower_ in ("of", "as"))))
                   for x in c.children if x.i > c.i)

    def _content_range(self, view: DocView, comp: Token, verb: Token, lo: int, hi: int):
        doc = view.doc
        skip = []
        has_subj = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in comp.children)
        if has_subj:
            # "…, but positively assessed the meeting": a subjectless conjunct belongs to the
            # reporting verb, not to what was said
            for c in comp.children:
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > comp.i and not any(
                        x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children) \
                        and (self._tense_breaks(comp, c, verb) or (
                            self.is_cue(c) and self._complement(c, 0, len(doc)) is not None)
                             or (self._frame_conj(c) and not self._frame_conj(comp)
                                 and not self.is_cue(comp))):
                    skip.append(c)
                    skip.extend(x for x in comp.children if x.dep_ == "cc" and x.i < c.i and x.i > comp.i)
        # "…, adding that B": the participle's report is a statement of its own, and so is
        # "…, while the ministry insisted that B"
        skip.extend(c for c in comp.children
                    if c.dep_ == "advcl" and c.i > comp.i and self.is_cue(c) and (
                        c.tag_ == "VBG" or (any(x.dep_ == "nsubj" for x in c.children)
                                            and self._complement(c, lo, hi) is not None)))
        # "…, citing two US officials, that …": who the outlet cites is no part of the claim
        skip.extend(c for c in [*comp.children, *verb.children]
                    if c.dep_ == "advcl" and c.lemma_.lower() in ("cite", "quote") and c.tag_ == "VBG")
        idx = {t.i for t in comp.subtree if lo <= t.i < hi}
        # '…, according to a statement by Y' closing the reported clause: who relayed it
        skip.extend(c for c in comp.children if c.lower_ == "according" and c.i > verb.i
                    and c.right_edge.i + 1 >= max(idx, default=0))
        for s in skip:
            idx -= {t.i for t in s.subtree}
        if verb.head.i == comp.i and verb.i != comp.i:
            # "<clause>, Bloomberg reported, citing …" parsed as parataxis: the clause only
            idx -= {t.i for t in verb.subtree}
            if verb.i > comp.i:
                idx = {i for i in idx if i < verb.left_edge.i}
        idx -= {t.i for t in verb.subtree if t.i not in {x.i for x in comp.subtree}}
        for c in verb.children:
            # "said it was A and would B" parsed with B a conjunct of the verb: a modal the
            # reporting verb cannot take, so B was said too
            if c.dep_ == "conj" and c.i > comp.i and idx and not any(
                    x.dep_ in ("nsubj", "nsubjpass") for x in c.children) and any(
                    x.dep_ == "aux" and x.tag_ == "MD" for x in c.children) \
                    and lo <= c.left_edge.i and c.right_edge.i < hi:
                idx |= set(range(max(idx) + 1, c.right_edge.i + 1))
            # "said that A but that B" parsed with B a conjunct of the verb: B was said too
            if c.dep_ == "conj" and c.i > comp.i and c.left_edge.lower_ in ("that", "whether") \
                    and lo <= c.left_edge.i and c.right_edge.i < hi and idx:
                idx |= set(range(max(idx) + 1, c.right_edge.i + 1))
        if not idx:
            return comp.i, comp.i
        a, b = min(idx), max(idx) + 1
        if b < len(doc) and doc[b].text == ":" and verb.i < a:
            # "added that A had not changed: Moscow wants B": the colon spells A out
            end = view.segment(b + 1)[1] if b + 1 < len(doc) and "\n" not in doc[b].whitespace_ \
                else b
            if end > b + 1 and not any(doc[i].text in QUOTE_CHARS for i in range(b, end)):
                b = end
        return self.trim(doc, a, b)

    def indirect(self, view: DocView, used_verbs: set[int]) -> list[_Cand]:
        """Reported speech: a reporting verb and its clause, in three shapes: "as X noted,
        <clause>" (:meth:`_as_clause`), "<clause>, X said" with the clause left unattached
        (:meth:`_tail`), and "X said (that) <clause>" (:meth:`_with_complement`)."""
        out: list[_Cand] = []
        for v in view.doc:
            outlet_cue = self.is_outlet_cue(v)
            if v.i in used_verbs or not (self.is_cue(v) or outlet_cue) or v.pos_ != "VERB":
                continue
            lo, hi = view.segment(v.i)
            if v.dep_ == "xcomp" and v.head.lemma_.lower() in NOT_SAYING or (
                    v.lemma_.lower() in SILENT_WHEN_NEGATED and any(c.dep_ == "neg" for c in v.children)
                    and not negated_saying(v)):
                continue  # "declined to say whether …", "did not say whether …""
            comp = self._complement(v, lo, hi)
            if comp is None and v.dep_ == "parataxis" and lo <= v.head.i < hi and not self.is_cue(v.head):
                comp = v.head
            if comp is None and v.dep_ == "advcl" and lo <= v.head.i < hi and any(
                    c.dep_ == "mark" and c.lower_ == "as" for c in v.children):
                cand = self._as_clause(view, v, lo, hi)
            elif comp is None:
                cand = self._tail_cand(view, v, lo, hi, outlet_cue)
            else:
                cand = self._with_complement(view, v, comp, lo, hi, outlet_cue)
            if cand is not None:
                out.append(cand)
        return out

    def _as_clause(self, view: DocView, v: Token, lo: int, hi: int) -> _Cand | None:
        """"As Zelensky stated, Ukraine is ready …", "…, as Peskov noted", "…, as confirmed
        by the ministry": the main clause is what was said."""
        doc = view.doc
        subj = self._subject(view, v) or self._agent(v)
        skip = {t.i for t in v.subtree}
        idx = [t.i for t in v.head.subtree if lo <= t.i < hi and t.i not in skip]
        if subj is None or not idx or view.inside_quote(v.i):
            return None
        a, b = min(idx), max(idx) + 1
        if v.i > v.head.i:
            b = min(b, v.left_edge.i)
        else:
            a = max(a, v.right_edge.i + 1)
        a, b = self.trim(doc, a, b)
        if b - a < 3:
            return None
        eid, stext = self.speaker_of(view, subj)
        kind = self.kind_for(view, eid, stext, subj)
        return self._cand(view, kind, v.text, a, b, eid, stext, v)

    @staticmethod
    def _agent(v: Token) -> Token | None:
        """The 'by' phrase of a passive cue ("stated by the minister")."""
        return next((p for c in v.children if c.dep_ == "agent"
                     for p in c.children if p.dep_ == "pobj"), None)

    def _cited(self, view: DocView, v: Token, comp: Token | None, eid, stext, kind):
        """'The portal, citing two sources inside the campaign, reported that …': an outlet
        citing a source relays it; the source is the speaker, the outlet its ``source``."""
        if not (kind == "report" or self.is_outlet(view, eid, stext) or v.lemma_.lower() == "report"):
            return None
        subj = self._subject(view, v)
        for h in [v, *([comp] if comp is not None else []), *([subj] if subj is not None else [])]:
            for c in h.children:
                if c.lemma_.lower() not in ("cite", "quote") or c.tag_ != "VBG":
                    continue
                obj = next((x for x in c.children if x.dep_ in ("dobj", "pobj")), None)
                if obj is None or self.is_outlet(view, view.ent_at(obj.i), obj.text):
                    continue
                ceid, ctext = self.speaker_of(view, obj)
                return ceid, ctext, "report", stext
        return None

    def _tail_cand(self, view: DocView, v: Token, lo: int, hi: int, outlet_cue: bool) -> _Cand | None:
        tail = self._tail(view, v, lo, hi)
        if tail is None:
            return None
        a, b, subj = tail
        eid, stext = self.speaker_of(view, subj)
        member = self._group_member(view, subj, a, b) if eid is None else None
        if member is not None:
            eid = member  # the words stay the text's ("the two companies")
        kind = self.kind_for(view, eid, stext, subj)
        eid, stext, kind, source = self._credit_outlet(view, v, subj, eid, stext, kind)
        if (outlet_cue and not self.is_outlet(view, eid, stext)) or b - a < 3:
            return None
        if self._relayer(view, v, eid, stext) and self._relays(view, a, b, stext, subj.left_edge.idx):
            return None  # "X said A, <outlet> reported": X's statement, relayed
        cited = self._cited(view, v, None, eid, stext, kind)
        if cited is not None:
            eid, stext, kind, source = cited
        return self._cand(view, kind, v.text, a, b, eid, stext, v, source=source)

    def _named_speaker(self, view: DocView, subj: Token) -> bool:
        """A subject that resolves to a speaker of its own, no news outlet."""
        eid, stext = self.speaker_of(view, subj)
        if eid is None or self.is_outlet(view, eid, stext):
            return False
        roles = speaker_roles(view, eid, stext, is_outlet=lambda e, t: self.is_outlet(view, e, t))
        return roles.speaker is not None and not roles.unnamed  # "officials" stay the outlet's

    def _relayer(self, view: DocView, v: Token, eid: str | None, stext: str | None) -> bool:
        """A news outlet, or an organisation that 'reported' (an outlet no list knows)."""
        return self.is_outlet(view, eid, stext) or (
            v.lemma_.lower() in ("report", "write") and eid is not None and view.etype(eid) == "ORG")

    def _relays(self, view: DocView, a: int, b: int, outlet: str | None, marker: int | None) -> bool:
        """'Ruritania says A; the operator says B, <outlet> reported': the clause's own
        reporting verbs with named speakers are the statements, the outlet relays them."""
        doc = view.doc
        roots = [doc[i] for i in range(a, b) if (doc[i].head.i == i or not a <= doc[i].head.i < b)
                 and doc[i].pos_ == "VERB" and self.is_cue(doc[i]) and (
                     self._complement(doc[i], a, b) is not None or self._frame_conj(doc[i]))]
        named = [r for r in roots if any(c.dep_ == "nsubj" and a <= c.i and self._named_speaker(view, c)
                                         for c in r.children) or (
            not any(c.dep_ == "nsubj" for c in r.children)
            and (sp := self._complement_speaker(view, r, a)) is not None and a <= sp.i
            and self._named_speaker(view, sp))]  # "the operator, X, says …" misparsed
        if not named or len(named) < len([r for r in roots if r.dep_ != "ccomp"]):
            return False
        named += [t for t in doc[a:b] if t.head in named and t.dep_ in ("conj", "parataxis", "ccomp")
                  and self.is_cue(t) and any(c.dep_ == "nsubj" for c in t.children)]
        for r in named:
            self._relay[r.i] = (outlet, marker)
        return True

    def _complement_speaker(self, view: DocView, v: Token, lo: int) -> Token | None:
        """The speaker of a reporting verb with a clause: its subject, or that of the verb
        it hangs on ("X said A, adding that B"), the noun a relative clause describes, the
        one quoted ("X was quoted by Y as saying"), who issued a statement "saying", or the
        first name of the line when the parser took the subject from the line before."""
        subj = self._subject(view, v)
        passive = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        if subj is None and passive is None and v.dep_ in ("conj", "xcomp", "advcl"):
            h = v.head
            if v.dep_ == "advcl" and h.dep_ == "ccomp" and self.is_cue(h.head):
                h = h.head  # "X said A, adding that B": X adds
            elif v.dep_ == "conj" and h.dep_ == "ccomp" and self.is_cue(h.head) \
                    and h.i < v.i and h.head.i < h.i:
                h = h.head  # "X says A but warns that B": X warns
            subj = next((c for c in h.children if c.dep_ == "nsubj" and c.i >= lo), None)
        if subj is None and v.dep_ == "relcl" and v.head.pos_ in ("PROPN", "NOUN"):
            subj = v.head
        if subj is None and passive is None and v.dep_ == "pcomp" and v.head.lower_ == "as":
            # "Peskov was quoted by Interfax as saying that …": the one quoted
            q = v.head.head
            subj = next((c for c in q.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subj is None and passive is None:
            subj = self._joint_speaker(v)
        if subj is None and passive is None:
            aside = next((c for c in v.children if c.i < v.i and self._asked_aside(c)), None)
            subj = next((c for c in aside.children if c.dep_ == "nsubj"), None) if aside else None
        if subj is None and passive is None:
            subj = self._subject_before(view, v, lo)
        glued = lo > 0 and (any(c.dep_ == "nsubj" and c.i < lo for c in v.children) or (
            v.head.i < lo and "\n" in view.text[view.doc[lo - 1].idx:view.doc[lo].idx + 1]))
        if subj is None and passive is None and glued:
            # the parser took the subject from the line before (a headline glued to the
            # lead): a group phrase opening this line ("Leaders of …"), else its first name
            doc = view.doc
            after = max([view.first_at(b) for a, b in view.datelines
                         if a <= doc[lo].idx < b] + [lo])
            heads = [doc[i] for i in range(after, v.i) if doc[i].pos_ in ("NOUN", "PROPN")
                     and not (after <= doc[i].head.i < v.i)]
            if heads and not view.ent_at(heads[0].i) and (
                    heads[0].lemma_.lower() in self.speaker_heads | self.group_anaphors
                    or heads[0].lower_ in self.speaker_heads | self.group_anaphors):
                return heads[0]
            named = [doc[i] for i in range(lo, v.i) if view.ent_at(i)
                     and view.etype(view.ent_at(i)) in ("PERSON", "ORG", "GPE", "NORP")]
            rank: dict[str | None, int] = {"PERSON": 0, "ORG": 1}
            # "Russian presidential aide Yuri Ushakov told …": the person before his country
            subj = min(named, key=lambda t: (rank.get(view.etype(view.ent_at(t.i)), 2), t.i),
                       default=None)
        return subj

    def _asked_aside(self, v: Token) -> bool:
        """'Harlow, asked Tuesday whether he would run, said …' with 'asked' parsed as
        Harlow's verb: an aside between commas before the speaker's own cue."""
        doc = v.doc
        return v.lemma_.lower() == "ask" and v.dep_ in ("ccomp", "advcl") and v.head.i > v.i \
            and self.is_cue(v.head) and v.i > 0 and doc[v.i - 1].text == "," \
            and doc[v.head.i - 1].text == "," and any(
                c.dep_ == "nsubj" and c.i < v.i for c in v.children)

    @staticmethod
    def _subject_before(view: DocView, v: Token, lo: int) -> Token | None:
        """'<clause>, his spokesperson, Luc Marteau, told reporters': the parser hung the
        speaker on the clause; the name or title phrase right before the verb."""
        doc = view.doc
        j = v.i - 1
        while j >= lo and doc[j].text == ",":
            j -= 1
        if j < lo or v.i - j > 2:
            return None
        t = doc[j]
        if t.pos_ not in ("PROPN", "NOUN") or t.dep_ not in ("appos", "conj", "pobj", "npadvmod"):
            return None
        eid = view.ent_at(t.i)
        if eid and view.etype(eid) in ("PERSON", "ORG"):
            return t
        return None

    def _group_member(self, view: DocView, subj: Token, a: int, b: int) -> str | None:
        """'<A and B will build …>, the two companies announced': a group named by its kind
        speaks through the first member the clause names (the team's gold convention)."""
        if view.np_entities(subj) or subj.tag_ not in ("NNS", "NNPS") or \
                subj.lemma_.lower() not in self.group_nouns:
            return None
        span = view.doc[a:b]
        root = span.root
        heads = [t for t in span if t.i < root.i and t.dep_ not in ("pobj",) and any(
            c.dep_ == "conj" for c in t.children)]
        for h in heads:  # the first list of parties before the clause's verb
            ids = [e for e in view.np_entities(h) if view.etype(e) in ("ORG", "PERSON")]
            if len(ids) >= 2:
                return ids[0]
        return None

    def _with_complement(self, view: DocView, v: Token, comp: Token, lo: int, hi: int,
                         outlet_cue: bool) -> _Cand | None:
        # "He is reported he said that …": the inner report carries the content
        nested = self.is_cue(comp) and self._complement(comp, lo, hi) is not None
        passive = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
        if v.tag_ == "VBN" and v.dep_ in ("advcl", "acl") and passive is None and (
                self._agent(v) is None or v.lemma_.lower() in ("ask", "question")) \
                and not any(c.dep_ == "nsubj" for c in v.children):
            return None  # "Asked (by a reporter) whether …, X said": put to X, not by X
        if self._asked_aside(v):
            return None  # "X, asked whether …, said …" parsed with X asking
        speaker_tok = self._complement_speaker(view, v, lo) or self._agent(v)
        if speaker_tok is not None and speaker_tok.lower_ == "you" and "?" in view.doc[hi - 1].text:
            return None  # "Can you confirm reports that …?": a journalist's question
        if _lemma(v, self.verbs) in self.mental and (speaker_tok is None or not self._speaks(view, speaker_tok)):
            return None  # "many fear that …": a feeling nobody in particular states
        if speaker_tok is None:
            if passive is None:
                return None
            if nested or v.lemma_.lower() not in PASSIVE_CUES or any(
                    a.tag_ == "MD" for a in v.children):
                return None  # "it should be noted that", "it is believed that"
            eid, stext, source = None, None, None
            kind = "report"
        else:
            eid, stext = self.speaker_of(view, speaker_tok)
            kind = self.kind_for(view, eid, stext, speaker_tok)
            eid, stext, kind, source = self._credit_outlet(view, v, speaker_tok, eid, stext, kind)
        if outlet_cue and not self.is_outlet(view, eid, stext) and not (
                speaker_tok is not None and speaker_tok.lemma_.lower() in self.documents):
            return None  # "he learned that…" is no report; "the study found that …" is
        cited = self._cited(view, v, comp, eid, stext, kind)
        if cited is not None:
            eid, stext, kind, source = cited
        a, b = self._content_range(view, comp, v, lo, hi)
        if speaker_tok is not None and self._relayer(view, v, eid, stext) and self._relays(
                view, a, b, stext, speaker_tok.left_edge.idx if speaker_tok.i > comp.i else None):
            return None  # "<outlet> reported that X said A", "X said A, <outlet> reported"
        joined = None
        if speaker_tok is not None and a < speaker_tok.i < b:
            # '<clause>, his spokesperson, Luc Marteau, told …': the speaker's phrase is
            # no part of what was said
            top = speaker_tok
            while top.dep_ == "appos" and top.head.dep_ == "appos":
                top = top.head
            joined = self._around_cue(view.doc, v, top, a, b)
            a, b = self.trim(view.doc, a, min(b, top.left_edge.i))
        if joined is None and speaker_tok is not None and comp.i > v.i and b - a >= 2 and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in comp.children):
            # 'The new bridge, the mayor said on Monday, will open in May': the clause's
            # subject parsed as a second subject of the cue
            other = next((c for c in v.children if c.dep_ in ("nsubj", "dep") and c.i < v.i
                          and c.i != speaker_tok.i and c.right_edge.i < speaker_tok.left_edge.i
                          and "," in (view.doc[c.right_edge.i].text, view.doc[c.right_edge.i + 1].text)
                          and c.pos_ in ("NOUN", "PROPN")), None)
            if other is not None and lo <= other.left_edge.i:
                joined = (self.trim(view.doc, other.left_edge.i, other.right_edge.i + 1), (a, b))
        if joined is not None:
            # 'The deal, Petrov said, is dead': one clause around its cue
            (a, _), (_, b) = joined
            cand = self._cand(view, kind, v.text, a, b, eid, stext, v, source=source)
            cand.text = " ".join(view.doc[x:y].text for x, y in joined)
            cand.verb_from = view.doc[joined[1][0]].idx
            return cand
        if b - a < 2:
            return None
        return self._cand(view, kind, v.text, a, b, eid, stext, v, source=source)

    def _around_cue(self, doc: Doc, v: Token, top: Token, a: int, b: int):
        """'The deal, Petrov said, is dead': a cue set off by commas inside the clause it
        reports; the token ranges of the clause before and after it, or None."""
        if v.dep_ != "parataxis" or not (a < top.left_edge.i and v.i < b):
            return None
        r = max(v.right_edge.i, top.right_edge.i)
        if doc[r].text != ",":
            r += 1
        if r >= b or doc[r].text != "," or doc[top.left_edge.i - 1].text != ",":
            return None
        left = self.trim(doc, a, top.left_edge.i)
        right = self.trim(doc, r + 1, b)
        if left[1] - left[0] < 1 or right[1] - right[0] < 1 or not any(
                t.pos_ in ("VERB", "AUX") for t in doc[right[0]:right[1]]):
            return None
        return left, right

    def colon_utterance(self, view: DocView, used_verbs: set[int]) -> list[_Cand]:
        """'X challenged it with a one-word post: Fake.', 'LCI reported: The army will …',
        'X said in a statement: Ukraine will …': after a speaker's cue or utterance noun
        and a colon, the rest of the sentence (or the next one) is what was said."""
        doc = view.doc
        out: list[_Cand] = []
        for c in doc:
            if c.text != ":" or view.inside_quote(c.i):
                continue
            lo, hi = view.segment(c.i)
            verb = self._colon_cue(doc, c, lo)
            if verb is None or verb.i in used_verbs:
                continue
            # "His reply: "No."": an utterance noun alone, its owner the speaker
            subj = self._subject(view, verb) if verb.pos_ != "NOUN" else next(
                (x for x in verb.children if x.dep_ == "poss"), None) or next(
                (x for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"
                 for x in c.children if x.dep_ == "pobj"), None)
            if subj is None or not self._speaks(view, subj):
                continue
            a = c.i + 1
            if a >= hi:  # the parser ended the sentence at the colon: the next one
                if a >= len(doc) or "\n" in c.whitespace_:
                    continue
                hi = view.segment(a)[1]
            if a < len(doc) and doc[a].text in QUOTE_CHARS and verb.pos_ != "NOUN":
                continue  # a quotation: the direct finder's
            a, b = self.trim(doc, a, hi)
            if b <= a or not any(t.is_alpha for t in doc[a:b]):
                continue
            eid, stext = self.speaker_of(view, subj)
            kind = self.kind_for(view, eid, stext, subj)
            if doc[a].text in OPEN_Q and doc[b - 1].text in CLOSE_Q and b - a > 2:
                a, b, kind = a + 1, b - 1, "direct"  # 'His reply: "No."'
                a, b = self.trim(doc, a, b)
            used_verbs.add(verb.i)
            out.append(self._cand(view, kind, verb.text, a, b, eid, stext, verb))
        return out

    def _colon_cue(self, doc: Doc, colon: Token, lo: int) -> Token | None:
        """The verb before a colon that introduces an utterance: a reporting verb right
        before it ("reported:") or the verb an utterance noun hangs on ("… with a post:",
        "said in a statement:")."""
        k = colon.i - 1
        if k < lo:
            return None
        prev = doc[k]
        if self.is_cue(prev) or self.is_outlet_cue(prev):
            return prev
        for j in range(k - 1, max(lo, k - 6) - 1, -1):
            v = doc[j]
            if not (self.is_cue(v) or self.is_outlet_cue(v)):
                continue
            # 'reported on Tuesday:', 'told reporters on Friday:': only the cue's own
            # modifiers between it and the colon
            own = {t.i for c in v.children if c.i > j and c.dep_ in (
                "prep", "npadvmod", "advmod", "dobj", "dative") for t in c.subtree}
            if all(i in own and doc[i].pos_ not in ("VERB", "AUX") for i in range(j + 1, colon.i)):
                return v
            break
        if prev.lower_ in self.colon_nouns and prev.i == lo + 1 and doc[lo].dep_ == "poss" \
                and doc[lo].lower_ in ("his", "her", "their", "its"):
            return prev  # "His reply:"
        by = self._noun_by(doc, lo, colon.i)
        if by is not None:
            return by    # "Closing remarks by the trade minister X:" (a live blog's line)
        for t in doc[lo:colon.i]:
            # "Her message was clear: …", "X's public line has not changed: …"
            if t.dep_ == "nsubj" and t.lemma_.lower() in self.position_nouns and lo <= t.head.i \
                    < colon.i and any(c.dep_ == "poss" for c in t.children) and all(
                    c.lower_ in self.position_modifiers for c in t.children
                    if c.dep_ in ("amod", "compound", "nmod")):  # not "the army's front line"
                return t
        for t in doc[max(lo, k - 3):k + 1]:
            if t.lemma_.lower() in self.colon_nouns or t.lower_ in self.colon_nouns:
                h = t
                while h.dep_ in ("pobj", "prep", "dobj", "compound", "amod", "npadvmod") \
                        and h.head.i != h.i and h.pos_ != "VERB":
                    h = h.head
                if h.pos_ == "VERB" and lo <= h.i < colon.i:
                    return h
        return None

    def position_quote(self, view: DocView) -> list[_Cand]:
        """'His phrase that "rivers have no borders" stuck', 'X's position that
        "…"': the quotation a possessor's position noun introduces is the possessor's."""
        doc = view.doc
        out: list[_Cand] = []
        for t in doc:
            if t.lemma_.lower() not in self.position_nouns or t.i + 3 >= len(doc) \
                    or doc[t.i + 1].lower_ != "that" or doc[t.i + 2].text not in QUOTE_CHARS:
                continue
            poss = next((c for c in t.children if c.dep_ == "poss"), None)
            _, hi = view.segment(t.i)
            end = next((k for k in range(t.i + 3, hi) if doc[k].text in QUOTE_CHARS), None)
            if poss is None or end is None or end - t.i < 5:
                continue
            eid, stext = self.speaker_of(view, poss)
            if eid is None:
                continue
            a, b = self.trim(doc, t.i + 3, end)
            if b > a:
                out.append(self._cand(view, "direct", t.text, a, b, eid, stext, None))
        return out

    def _noun_by(self, doc: Doc, lo: int, colon: int) -> Token | None:
        """An utterance noun heading the line before a colon, its author after 'by'
        ("Statement by X:", "Opening speech by X:"); None when a verb comes first."""
        for t in doc[lo:colon]:
            if t.pos_ in ("VERB", "AUX"):
                return None
            if t.pos_ == "NOUN" and (t.lemma_.lower() in self.colon_nouns
                                     or t.lower_ in self.colon_nouns) and any(
                    c.dep_ == "prep" and c.lower_ == "by" and c.i < colon
                    and any(x.dep_ == "pobj" for x in c.children) for c in t.children):
                return t
        return None

    def by_agent(self, view: DocView, used_verbs: set[int]) -> list[_Cand]:
        """'This was stated by the minister.', 'This was announced by the ministry on
        Friday.' (a translated release), 'The ministry reported this.', 'Petrov said so.':
        the sentence before is what the agent said."""
        doc = view.doc
        out: list[_Cand] = []
        starts = [a for a, _ in view.segments()]
        for v in doc:
            if v.i in used_verbs or not (self.is_cue(v) or v.lemma_.lower() in PASSIVE_CUES) \
                    or v.dep_ != "ROOT" or view.inside_quote(v.i):
                continue
            if v.tag_ == "VBN":
                agent = self._agent(v) or self._document_owner(v)
                subj = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
            else:  # 'The ministry reported this on Monday.', 'Petrov said so.'
                agent = next((c for c in v.children if c.dep_ == "nsubj"), None)
                subj = next((c for c in v.children if (c.dep_ == "dobj" and c.lower_ == "this")
                             or (c.dep_ == "advmod" and c.lower_ == "so")), None)
                if agent is None or not self._speaks(view, agent) or agent.lower_ in (
                        "it", "this", "that", "which", "who"):
                    continue
            if agent is None or subj is None or \
                    " ".join(t.lower_ for t in subj.subtree) not in self.agent_subjects | {"so"}:
                continue
            lo, _ = view.segment(v.i)
            k = starts.index(lo) if lo in starts else -1
            if k <= 0:
                continue
            pa, pb = view.segments()[k - 1]
            if "\n\n" in view.text[doc[pb - 1].idx:doc[lo].idx] or (pa == 0 and "\n" in view.text[
                    doc[pb - 1].idx:doc[lo].idx]):
                continue  # not across paragraphs, nor from a headline
            a, b = self.trim(doc, pa, pb)
            if b - a < 3 or any(doc[i].text in QUOTE_CHARS for i in range(a, b)):
                continue
            eid, stext = self.speaker_of(view, agent)
            kind = self.kind_for(view, eid, stext, agent)
            used_verbs.add(v.i)
            out.append(self._cand(view, kind, v.text, a, b, eid, stext, v))
        return out

    def _document_owner(self, v: Token) -> Token | None:
        """'This is stated in a statement of the ministry', '… in the ministry's message':
        whose document a passive cue points to."""
        for p in v.children:
            if p.dep_ != "prep" or p.lower_ != "in":
                continue
            for n in p.children:
                if n.dep_ != "pobj" or n.lemma_.lower() not in self.documents | self.colon_nouns:
                    continue
                owner = next((c for c in n.children if c.dep_ == "poss"), None) or next(
                    (x for c in n.children if c.dep_ == "prep" and c.lower_ in ("of", "by", "from")
                     for x in c.children if x.dep_ == "pobj"), None)
                if owner is not None:
                    return owner
        return None

    def _credit_outlet(self, view: DocView, v: Token, speaker_tok: Token, eid, stext, kind):
        """"sources told Reuters", "a senior US official told Coastal Herald": an unnamed
        source speaking to an outlet is a report that the outlet relayed (contract §1: the
        source stays the speaker, described; the outlet is the statement's ``source``).
        Returns (speaker id, speaker text, kind, outlet text or None)."""
        unnamed = (speaker_tok.pos_ == "NOUN" and not view.ent_at(speaker_tok.i)
                   and view.etype(eid) != "PERSON")
        if speaker_tok.lower_ in self.source_nouns or kind == "report" or unnamed:
            dobj = next((c for c in v.children if c.dep_ in ("dobj", "dative")), None)
            if dobj is not None:
                oeid, otext = self.speaker_of(view, dobj)
                if self.is_outlet(view, oeid, otext) or (
                        speaker_tok.lower_ in self.source_nouns and view.etype(oeid) == "ORG"):
                    if view.etype(eid) in ("PERSON", "ORG") and view.ent_at(speaker_tok.i) == eid:
                        return eid, stext, kind, otext  # a named speaker talking to an outlet
                    return (None if eid == oeid else eid), stext, "report", otext
        return eid, stext, kind, None

    def _tail(self, view: DocView, v: Token, lo: int, hi: int):
        """'<clause>, the Kremlin said (on Friday).' / '<clause>, said Peskov.' when the parser
        left the clause unattached to the cue (a headline glued to the lead, a long clause):
        the clause before the comma is the content. Returns (start, end, subject token)."""
        doc = view.doc
        subj = next((c for c in v.children if c.dep_ == "nsubj" and lo <= c.i < hi), None)
        if subj is not None and subj.i < v.i:
            comma = subj.left_edge.i - 1
            if any(doc[i].pos_ in ("VERB", "AUX") for i in range(subj.i + 1, v.i)
                   if doc[i].dep_ not in ("aux", "neg")):
                return None
        elif subj is None and v.dep_ == "acl" and v.head.i < v.i and v.head.pos_ in ("NOUN", "PROPN") \
                and lo < v.head.left_edge.i and doc[v.head.left_edge.i - 1].text == "," \
                and not any(c.dep_ in ("dobj", "ccomp") for c in v.children):
            subj = v.head  # '<clause>, the two companies announced' parsed as a noun's clause
            comma = subj.left_edge.i - 1
        elif v.i - 1 >= lo and doc[v.i - 1].text == ",":
            comma = v.i - 1  # ', said Peskov'
            subj = subj or next((doc[i] for i in range(v.i + 1, min(hi, v.i + 6))
                                 if view.ent_at(i) or doc[i].dep_ == "nsubj"), None)
            if subj is None:
                return None
        elif subj is None and (v.dep_ in ("conj", "ROOT", "parataxis") or (
                v.dep_ == "advcl" and v.tag_ in ("VBD", "VBZ", "VBP"))) \
                and (np := self._np_before_cue(view, v, lo)) is not None:
            subj, comma = np  # '<clause>, a senior diplomat told X' parsed as an apposition
        else:
            return None
        if comma <= lo + 2 or doc[comma].text != ",":
            return None
        # nothing but the cue's own modifiers after it: 'told reporters on Friday'
        for i in range(v.i + 1, hi):
            t = doc[i]
            if t.text == "," and i + 1 < hi and doc[i + 1].lower_ in TAIL_SUBORD \
                    and doc[i + 1].dep_ in ("mark", "prep") and i > v.i + 1:
                break  # '…, the Kremlin said on Wednesday, after Putin met …': a clause of its own
            if t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS or t.text in {",", ";", ":"}:
                return None
        if any(doc[i].text in QUOTE_CHARS for i in range(lo, comma)):
            return None  # a quotation: the direct finder's
        if not any(doc[i].tag_ in ("VBD", "VBZ", "VBP", "MD")
                   and (doc[i].dep_ not in ("relcl", "acl", "advcl", "pcomp", "amod", "csubj")
                        or doc[i].head.i < lo)  # hung on the headline above
                   for i in range(lo, comma)):
            return None  # "In a statement released on Friday, the ministry said": no clause
        a, b = self.trim(doc, lo, comma)
        return (a, b, subj) if b - a >= 3 else None

    def _np_before_cue(self, view: DocView, v: Token, lo: int) -> tuple[Token, int] | None:
        """'<clause>, a senior diplomat told the agency' with the parser taking the speaker
        for an apposition of the clause: the noun phrase between the last comma and the
        subjectless cue (its head, and the comma's index)."""
        doc = view.doc
        comma = next((j for j in range(v.i - 1, max(lo, v.i - 9) - 1, -1)
                      if doc[j].text == ","), None)
        if comma is None or comma + 1 >= v.i:
            return None
        span = doc[comma + 1:v.i]
        if any(t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text != "-") for t in span):
            return None
        heads = [t for t in span if not (comma < t.head.i < v.i) or t.head.i == t.i]
        if len(heads) != 1 or heads[0].pos_ not in ("NOUN", "PROPN") \
                or not self._speaks(view, heads[0]):
            return None
        return heads[0], comma

    def phrase_cue(self, view: DocView, used_verbs: set[int]) -> list[_Cand]:
        """'X has made clear that …', 'X made it plain that …', 'X is confident that …'
        (``phrase_cues``): a verb that reports only with one of its words, its that-clause
        hung on either; the word may give the stance ('is hopeful that': hope)."""
        doc = view.doc
        out: list[_Cand] = []
        for v in doc:
            words = self.phrase_cues.get(v.lemma_.lower())
            if not words or v.pos_ not in ("VERB", "AUX") or v.i in used_verbs \
                    or view.inside_quote(v.i) or v.dep_ in ("aux", "auxpass"):
                continue
            word = next((c for c in v.children if c.lower_ in words and c.i > v.i
                         and c.dep_ in ("acomp", "ccomp", "oprd", "xcomp", "attr")), None)
            if word is None or any(c.dep_ == "neg" for c in v.children):
                continue
            lo, hi = view.segment(v.i)
            clause = next((c for c in [*word.children, *v.children]
                           if c.i > word.i and c.pos_ in ("VERB", "AUX") and lo <= c.i < hi
                           and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"), None)
            subj = self._subject(view, v)
            if clause is None or subj is None or not self._speaks(view, subj) \
                    or subj.lower_ in ("it", "this", "that", "there"):
                continue  # "it is clear that …": nobody's
            a, b = self.trim(doc, clause.left_edge.i, min(hi, clause.right_edge.i + 1))
            if b - a < 3:
                continue
            eid, stext = self.speaker_of(view, subj)
            used_verbs.add(v.i)
            cand = self._cand(view, self.kind_for(view, eid, stext, subj),
                              doc[v.i:word.i + 1].text, a, b, eid, stext, v)
            cand.stance = self.phrase_stances.get(word.lower_)
            out.append(cand)
        return out

    def describing(self, view: DocView, used_verbs: set[int]) -> list[_Cand]:
        """'Rubio described the round as "productive"', 'Peskov called the report
        "speculation"', 'Putin accused Europe of …', 'Sybiha called on Europe to …', and the
        frames of ``constructions.json`` ('stressed the importance of …', 'vowed to …',
        'insisted on …', 'expressed hope that …', 'denied claims that …', 'called for …'):
        the verb's complement is what was said."""
        doc = view.doc
        out: list[_Cand] = []
        for v in doc:
            need = self.describe.get(v.lemma_.lower())
            if not need or v.pos_ != "VERB" or v.i in used_verbs:
                continue
            particle = self.frame_particles.get(v.lemma_.lower())
            if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in v.children):
                continue
            if v.lemma_.lower() in self.frame_with_object and not any(
                    c.dep_ == "dobj" and c.i > v.i for c in v.children):
                continue
            if v.lemma_.lower() in self.frame_only_objects and not any(
                    c.dep_ == "dobj" and c.i > v.i and c.lemma_.lower()
                    in self.frame_objects.get(v.lemma_.lower(), ()) for c in v.children):
                continue
            lo, hi = view.segment(v.i)
            kids = [c for c in v.children if lo <= c.i < hi and c.i > v.i]
            # "accused the West of X and said …": the conjoined verb is a statement of its own
            stop = min((c.i for c in kids if c.dep_ in ("conj", "cc") or (
                c.dep_ == "punct" and c.text in {";", ":"})), default=hi)
            kids = [c for c in kids if c.i < stop and c.dep_ not in ("punct", "prt")]
            hit = self._frame_hits(view, v, need, kids)
            if not hit:
                continue
            if any(c.dep_ in ("ccomp",) and c not in hit for c in kids) and self.is_cue(v):
                continue  # "X warned that …": the indirect finder's
            if any(c.tag_ in ("WP", "WDT") and c.dep_ != "nsubj" for c in v.children) or (
                    v.dep_ == "relcl" and not any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT")
                                                  for c in v.children)):
                continue  # "what both sides called a framework": no claim of its own
            if lo == 0 and "\n" in view.text[doc[hi - 1].idx:] and "\n" not in view.text[:v.idx]:
                continue  # a headline's summary ("Sybiha urges Europe to …") of the body
                # (not the lead's own verbs when the parser glued the headline to the lead)
            subj = self._subject(view, v)
            if subj is None and v.dep_ == "conj" and v.head.dep_ == "ccomp" and self.is_cue(
                    v.head.head) and self._frame_conj(v):
                subj = self._subject(view, v.head.head)  # "X said A and urged B to …"
            if subj is None and v.dep_ in ("conj", "xcomp", "advcl"):
                subj = next((c for c in v.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and not self._speaks(view, subj) and v.head.dep_ == "ccomp":
                    subj = self._subject(view, v.head.head)  # "expressed concern that A, and called for B"
            if subj is None and v.dep_ == "conj" and v.head.pos_ == "VERB" and lo > 0 \
                    and v.head.head.i < lo:
                # "X demanded A and rejected B" with the lead glued to the headline above
                subj = self._complement_speaker(view, v.head, lo)
            if subj is None:
                subj = self._joint_speaker(v)
            if subj is None or view.inside_quote(v.i) or subj.lower_ == "you":
                continue
            if not self._speaks(view, subj) or v.lemma_.lower() in self.frame_only and (any(
                    c.dep_ == "neg" for c in v.children) or (v.dep_ == "xcomp" and v.head.lemma_.lower()
                                                             in NOT_SAYING)):
                continue  # "the plan calls for …", "declined to comment on …"
            span = self._frame_span(view, v, need, kids, hit, lo, hi)
            if span is None:
                continue
            a, b = span
            eid, stext = self.speaker_of(view, subj)
            kind = self.kind_for(view, eid, stext, subj)
            cand = self._cand(view, kind, v.text, a, b, eid, stext, v)
            cand.stance = self.frame_stances.get(v.lemma_.lower(), cand.stance)
            out.append(cand)
        return out

    def _frame_hits(self, view: DocView, v: Token, need: set[str], kids: list[Token]) -> list[Token]:
        """The complements of ``v`` that its frame takes: a dependency label, the verb's own
        preposition ('as'; 'on'/'to' only in "called on X to …"), or 'prep:X' (any object of
        X); an object restricted to the frame's nouns ('expressed hope')."""
        objects = self.frame_objects.get(v.lemma_.lower())
        hit = []
        for c in kids:
            if c.dep_ == "ccomp" and objects is not None and c.left_edge.lower_ in objects:
                hit.append(c)  # "expressed concern that …" parsed with "concern" its subject
            elif c.dep_ == "ccomp" and "dobj" in need and c.left_edge.tag_ in ("WP", "WDT") \
                    and objects is None:
                hit.append(c)  # "criticized what he called …"
            elif c.dep_ == "dobj" and "dobj" not in need and any(
                    x.dep_ == "prep" and x.lower_ in need and x.lower_ in ("as", "of")
                    for x in c.children):
                hit.append(c)  # "described the talks as …", "accused X of …" hung on the object
            elif c.dep_ in need:
                if c.dep_ == "dobj" and objects is not None and c.lemma_.lower() not in objects \
                        and c.lower_ not in objects:
                    continue
                hit.append(c)
            elif c.dep_ == "prep" and f"prep:{c.lower_}" in need and any(
                    x.dep_ == "pobj" for x in c.children):
                hit.append(c)
            elif c.dep_ == "prep" and c.lower_ in need and (
                    c.lower_ not in ("on", "to") or (c.i == v.i + 1 and not any(
                        p.i in view.token_time for p in c.subtree) and any(
                        t.tag_ == "TO" and t.head.pos_ in ("VERB", "AUX")
                        for t in v.subtree if t.i > c.i))):  # "called on X to …"
                hit.append(c)
        return hit

    def _frame_span(self, view: DocView, v: Token, need, kids, hit, lo: int, hi: int):
        """Token range of what was said: the complements after the verb, without the frame's
        own preposition ("insisted [on] a ceasefire"), and for a denied claim only the claim
        ("denied [claims that] its troops had crossed")."""
        doc = view.doc
        end = hi
        if v.lemma_.lower() in self.frame_only:
            # up to a comma or a clause of its own after the complement ("…, saying …")
            last = max(t.i for c in hit for t in c.subtree if lo <= t.i < hi)
            end = min([k for k in range(last + 1, hi) if doc[k].text in {",", ";", ":"}]
                      + [c.left_edge.i for c in kids if c.i > last and (
                          c.dep_ in ("advcl", "conj", "cc") or any(
                              t.i in view.token_time for t in c.subtree))]  # "… on Tuesday"
                      + [hi])
        for c in hit:  # "… could derail the process, and called for …": the next statement
            for t in c.subtree:
                if t.dep_ == "conj" and t.pos_ == "VERB" and t.i > c.i and (
                        self._frame_conj(t) or (self.is_cue(t) and self._complement(t, lo, hi))):
                    ccs = [x.i for x in t.head.children if x.dep_ in ("cc", "punct") and x.i < t.i]
                    end = min(end, min([x for x in ccs if x > t.head.i] or [t.left_edge.i]))
        idx = [t.i for c in kids for t in c.subtree if lo <= t.i < end and not (
            c.dep_ == "npadvmod" and c.i in view.token_time)]  # 'vowed Tuesday to …'
        if not idx:
            return None
        a, b = min(idx), max(idx) + 1  # "…, saying that …" after the frame: its own statement
        first = doc[a]
        if first.dep_ == "prep" and first.i == v.i + 1 and (
                first.lower_ in ("on", "to") and first.lower_ in need
                or f"prep:{first.lower_}" in need):
            a += 1  # "called on Europe to …": the particle belongs to the cue
        elif first.dep_ == "prep" and first.head.i == v.i and first.i == v.i + 1 \
                and first not in hit and first.lower_ == "to":
            a += 1  # "referred [to] the meeting as …"
        objects = self.frame_objects.get(v.lemma_.lower(), set())
        if a + 1 < b and doc[a].lower_ in objects and doc[a + 1].lower_ == "that":
            a += 2  # "expressed hope [that] …": the hope is the cue's, the clause what was said
        obj = next((c for c in hit if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in self.claim_nouns:
            clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl")
                           and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"), None)
            if clause is not None:
                a, b = clause.left_edge.i, clause.right_edge.i + 1
        a, b = self.trim(doc, a, b)
        if b - a == 1 and doc[a].pos_ == "NOUN" and (
                (doc[a].dep_ == "pobj" and doc[a].head.head.i == v.i)
                or (doc[a].dep_ == "dobj" and doc[a].head.i == v.i
                    and self.stance_verbs.get(v.lemma_.lower()) == "deny")):
            return a, b  # "called for calm", "appealed for restraint", "denied wrongdoing"
        return (a, b) if b - a >= 2 else None

    def _speaks(self, view: DocView, subj: Token) -> bool:
        """Can the subject say something: a person, organisation, state or people, a
        pronoun for one, or a head noun for people and bodies ('officials', 'partners')."""
        if subj.lower_ in ("he", "she", "they", "we", "i", "who", "it", "his", "her", "their"):
            return True
        if subj.tag_ in ("WDT", "WP") and subj.head.dep_ == "relcl":
            subj = subj.head.head
        if any(view.etype(e) in ("PERSON", "ORG", "GPE", "NORP") for e in view.np_entities(subj)):
            return True
        return subj.lemma_.lower() in self.speaker_heads or subj.lower_ in self.speaker_heads \
            or (subj.pos_ == "PROPN" and subj.text[:1].isupper())

    def _joint_speaker(self, v: Token) -> Token | None:
        """'Partners issued a joint statement calling for …', 'the ministry released a
        statement saying …': the participle speaks for whoever issued the statement."""
        noun = v.head
        if v.dep_ not in ("acl", "advcl") or noun.lemma_.lower() not in self.joint_nouns:
            return None
        verb = noun.head
        if noun.dep_ not in ("dobj", "pobj") or verb.lemma_.lower() not in self.joint_verbs:
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)

    @staticmethod
    def _subject(view: DocView, v: Token) -> Token | None:
        """The subject of ``v``; of two ("the newspaper Kommersant"), the one naming an entity."""
        lo, hi = view.segment(v.i)
        subs = [c for c in v.children if c.dep_ == "nsubj" and lo <= c.i < hi]
        if len(subs) > 1:  # a name split by the parser, its start inside the other subject
            inside = {t.i for c in subs for t in c.subtree}
            subs = [c for c in subs if not (view.ent_at(c.i) and view.mention_span(c.i).start
                                            in inside - {t.i for t in c.subtree})] or subs
        named = [c for c in subs if view.np_entities(c)]
        if len(named) > 1:  # "Question (Daily): Minister X said …": the one next to the verb
            named.sort(key=lambda c: abs(v.i - c.i))
        return (named or subs)[0] if named or subs else None

    def _cand(self, view, kind, cue, a, b, eid, stext, verb: Token | None, source=None) -> _Cand:
        span = view.char_range(a, b)
        c = _Cand(kind, cue, span["start"], span["end"], eid, stext, source=source)
        if verb is not None:
            c.cue_i = verb.i
            own = [t.i for c_ in verb.children if c_.dep_ in ("prep", "npadvmod", "advmod")
                   for t in c_.subtree]
            c.date = view.time_value(own)
        return c

    def headline_colon(self, view: DocView) -> list[_Cand]:
        """'Zelensky: Ukraine will not withdraw from Donbas' — a headline, transcript line
        ("PESKOV: …", "Spokesperson: Yes.") or round-up item ("- Name, role: "…"", "Name
        (Country): …") that opens with a speaker's label and a colon credits the rest of
        the line to that speaker."""
        text = view.text
        out: list[_Cand] = []
        lines = list(_LABEL_LINE.finditer(text))
        seen: dict[str, int] = {}
        for m in lines:
            seen[m.group("label").strip()] = seen.get(m.group("label").strip(), 0) + 1
        items = []
        for m in lines:
            start, end = m.start("body"), m.start("body") + len(m.group("body").rstrip())
            nxt = _NEXT_LABEL.search(text, start, end)
            # '15:50 - A: the claim "stays". B: "…"': the second label opens its own item
            if nxt and text[start] not in OPEN_Q and self._label_speaker(
                    view, nxt.group("label"), nxt.start("label")) is not None:
                items.append((m.group("label"), m.start("label"), start, nxt.start(), m.group("pre")))
                items.append((nxt.group("label"), nxt.start("label"), nxt.start("body"), end, "."))
            else:
                items.append((m.group("label"), m.start("label"), start, end, m.group("pre")))
        for raw, at, start, end, pre in items:
            found = self._label_speaker(view, raw, at)
            if found is None:
                continue
            eid, label = found
            quoted = text[start] in OPEN_Q
            if pre and not quoted:
                continue  # 'No deal today. Gruber, leaving: "…"': after a sentence, a quotation only
            if quoted:  # '- Name, role: "…"': the quotation
                start += 1
                close = max(text.rfind(q, start, end) for q in CLOSE_Q)
                end = close if close > start else end
            body = text[start:end].strip()
            short_ok = quoted or seen.get(raw.strip(), 0) > 1  # a transcript's answers
            if not body or (len(body.split()) < 3 and not short_ok) or len(body) < 2:
                continue
            if not quoted and body[:1] in "\"\u201c\u00ab":
                continue
            kind = "direct" if quoted else (
                "report" if self.is_outlet(view, eid, label) else "indirect")
            out.append(_Cand(kind, ":", start, start + len(body.rstrip()), eid, label))
        return out

    def _label_speaker(self, view: DocView, raw: str, pos: int) -> tuple[str | None, str] | None:
        """The speaker a line's label names: the part before a role ("Name, role"), without
        a bracket ("Name (Country)") or a courtesy title ("MR. PESKOV"); a name the resolver
        linked, a surname of the text's people, or a name opening with a given name."""
        doc = view.doc
        name = re.sub(r"\s*\([^)]*\)", "", raw).split(",")[0].strip()
        courtesy = re.match(r"^(?:MR|MS|MRS|DR|Mr|Ms|Mrs|Dr)\.?\s+", name)
        name = name[courtesy.end():] if courtesy else name
        if name.lower() in self.question_labels:
            return None  # 'QUESTION: …', 'Q: …': the journalist's
        # 'Voskuijl at the press point', 'Berg to reporters': the name before a circumstance
        circ = re.match(r"^((?:[A-Z][\w'\u2019.-]*\s+)*?[A-Z][\w'\u2019.-]*)\s+"
                        r"(?:at|to|on|in|after|before|outside|leaving|arriving|speaking)"
                        r"(?:\s+[a-z][\w'\u2019-]*){0,5}$", name)
        if circ:
            name = circ.group(1)
        k = raw.find(name)
        if not name or k < 0:
            return None
        a, b = view.first_at(pos + k), view.first_at(pos + k + len(name))
        toks = [t for t in doc[a:b] if not t.is_space]
        if not toks or len(toks) > 5 or not all(t.text[:1].isupper() or t.is_punct for t in toks):
            return None
        ids = {view.ent_at(t.i) for t in toks if not t.is_punct}
        named = {e for e in ids if view.etype(e) in ("PERSON", "ORG")}
        if named and len(ids - named - {None}) <= 1 and view.ent_at(toks[-1].i) in named:
            ids = named  # "Swedish Foreign Ministry": the body, not its adjective
        if ids == {None}:
            # a surname the resolver left unlinked in the headline ("Peskov: …")
            ids = {self._by_surname(view, name)}
        if ids == {None} and courtesy and len(toks) <= 3:
            ids = {""}  # 'MR. HALVORSEN: …' in a transcript: a person, by text
        if (ids - {None} <= {e for e in ids if view.etype(e) in ("NORP", "GPE")} and (
                self._person_like(name)) or (len(ids) != 1 or None in ids) and self._org_like(name)):
            ids = {""}  # a person or body the model did not tag ("Olaf Scholz: …"): by text
        if len(ids) != 1 or None in ids:
            return None
        eid = ids.pop() or None
        if eid is not None and view.etype(eid) not in ("PERSON", "ORG"):
            return None
        return eid, name

    @staticmethod
    def _org_like(label: str) -> bool:
        """Two to six capitalised words ending in an organisation word ("… Ministry")."""
        from .gazetteer import org_words
        words = [w for w in label.split() if w.lower() not in ("of", "the", "for", "and", "&")]
        return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) \
            and words[-1] in org_words() | {"Confederation", "Federation", "Union", "Ministry",
                                            "Mission", "Embassy", "Government", "Palace"}

    @staticmethod
    def _person_like(label: str) -> bool:
        """Two or three capitalised words opening with a known given name."""
        from .gazetteer import given_names
        words = label.split()
        return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) \
            and (words[0] in given_names() or words[0].title() in given_names())  # 'ANNA BERG'

    @staticmethod
    def _by_surname(view: DocView, name: str) -> str | None:
        """The one person or organisation of the document that ``name`` names (whole, or
        as the last word of a person's name)."""
        eid = view.entity_by_name(name)
        if eid:
            return eid
        if len(name.split()) != 1:
            return None
        k = name.lower()
        hits = {e for e, ent in view.entities.items() if ent.type == "PERSON" and any(
            n.split()[-1].lower() == k for n in [ent.name, *(getattr(ent, "aliases", None) or [])]
            if n and n.split())}
        return hits.pop() if len(hits) == 1 else None

    def headline_says(self, view: DocView) -> list[_Cand]:
        """'Kremlin says no compromise yet on territory', 'Trump says Putin wants a deal':
        a headline (the first line) opening with a named speaker and a reporting verb credits
        the rest of the line to that speaker."""
        doc, text = view.doc, view.text
        nl = text.find("\n")
        if nl <= 0:
            return []
        line = text[:nl].rstrip()
        if not line or len(line.split()) > 25 or line[-1] in ".!?:,":
            return []
        end = view.first_at(len(line))
        toks = [t for t in doc[:end] if not t.is_space]
        for n, t in enumerate(toks[:8]):
            if not n:
                continue
            if not (t.lemma_.lower() in self.verbs and t.tag_ in ("VBZ", "VBD", "VBP")
                    and t.lemma_.lower() not in ("tell", "ask", "inform", "brief")):
                if t.is_punct or not (t.text[:1].isupper() or t.lower_ in ("'s", "\u2019s")):
                    break  # the speaker is a short capitalised name
                continue
            before = toks[:n]
            words = [x for x in before if not x.is_punct]
            if not words or len(words) > 5:
                break
            ids = {view.ent_at(x.i) for x in words} - {None}
            if not ids:
                ids = {self._by_surname(view, doc[before[0].i:t.i].text.strip())} - {None}
            if len(ids) != 1:
                break
            eid = ids.pop()
            if view.etype(eid) not in ("PERSON", "ORG", "GPE"):
                break
            a, b = t.i + 1, end
            if a < b and doc[a].lower_ == "that":
                a += 1
            a, b = self.trim(doc, a, b)
            if b - a < 3:
                break
            span = view.char_range(a, b)
            stext = doc[before[0].i:t.i].text.strip()
            kind = "report" if self.is_outlet(view, eid, stext) else "indirect"
            return [_Cand(kind, t.text, span["start"], span["end"], eid, stext)]
        return []

    # ------------------------------------------------------------ all together
    def _apply_relays(self, view: DocView, cands: list[_Cand]) -> None:
        """The statements an outlet relays: the outlet is their ``source``, and their content
        ends before ', according to <outlet>' / ', <outlet> reported'."""
        for c in cands:
            if c.cue_i is None or c.cue_i not in self._relay:
                continue
            outlet, marker = self._relay[c.cue_i]
            c.source = c.source or outlet
            if marker is not None and c.start < marker < c.end and c.text is None:
                end = marker
                while end > c.start and view.text[end - 1] in " ,;":
                    end -= 1
                c.end = end
            semi = view.text.rfind(";", c.start, c.end)
            rest = view.doc.char_span(semi + 1, c.end, alignment_mode="expand") if semi > c.start else None
            if rest is not None and c.text is None and not any(t.pos_ in ("VERB", "AUX") for t in rest):
                c.end = semi  # "A; the operator, X, says B": the next speaker's words, no content

    def __call__(self, doc: Doc) -> Doc:
        view = DocView(doc)
        self._relay: dict[int, tuple[str | None, int | None]] = {}
        direct, quote_spans = self.direct(view)
        used: set[int] = set()
        reported = self.according(view, used) + self.inverted_as(view, used) \
            + self.by_agent(view, used) + self.colon_utterance(view, used) \
            + self.phrase_cue(view, used) \
            + self.indirect(view, used) \
            + self.describing(view, used) + self.headline_colon(view) \
            + self.position_quote(view)
        if not any(c.start < view.text.find("\n") for c in reported):
            reported += self.headline_says(view)
        self._apply_relays(view, reported)
        cands = list(direct)
        taken = [(c.start, c.end, c.speaker, True) for c in direct]
        for c in sorted(reported, key=lambda c: c.start):
            n = max(1, c.end - c.start)
            # a quote, or the same speaker's clause found twice; a report of what someone
            # else said ("X reported that Y told Z that …") stays
            if any(min(c.end, e) - max(c.start, s) > 0.5 * n and (q or sp == c.speaker)
                   for s, e, sp, q in taken):
                continue
            # "Prairie Wire reported that Russian officials had told the envoys that …": the
            # inner report is part of the outer one's content, credited to the outer speaker
            if any(not q and s < c.start and c.end <= e + 1 and e - s > n
                   for s, e, sp, q in taken):
                continue
            # inside a quotation: the quote's own words, not a separate claim
            if any(s < c.start and c.end <= e + 1 for s, e in quote_spans
                   if e - s > 2 * n):
                continue
            cands.append(c)
            taken.append((c.start, c.end, c.speaker, False))
        # a short quotation inside reported speech ('he added that the Kremlin expected
        # "a serious conversation" about …') is part of that statement, not one of its own
        cands = [c for c in cands if not (
            c.kind == "direct" and c.text is None and len((view.text[c.start:c.end]).split()) <= 8
            and any(r.kind != "direct" and r.start < c.start and c.end <= r.end + 2
                    and r.speaker == c.speaker for r in cands))]
        cands += self.release_voice(view, cands, quote_spans)
        cands.sort(key=lambda c: c.start)
        out: list[Statement] = []
        for c in cands:
            for a, b in view.datelines:  # the dateline is not part of what was said
                if a <= c.start < b < c.end and c.text is None:
                    c.start = b
            content = c.text or view.text[c.start:c.end]
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            about = view.entities_in(span.start, span.end) if span is not None else []
            if c.kind == "direct" and c.text:
                about = [e for e in about if e != c.speaker]  # the cue between two halves
            date = c.date
            if date is None and span is not None:
                date = view.time_value(range(span.start, span.end))
            roles = speaker_roles(view, c.speaker, c.speaker_text,
                                  is_outlet=lambda e, t: self.is_outlet(view, e, t))
            # a _Cand's kind is always one of the contract's (direct, indirect, report)
            kind = "report" if roles.unnamed and c.kind == "indirect" else c.kind
            verb_part = doc.char_span(c.verb_from, c.end, alignment_mode="expand") \
                if c.verb_from is not None else span
            stance = c.stance or stance_of(doc[c.cue_i] if c.cue_i is not None else None,
                                           verb_part, content)
            out.append(Statement(id=f"s{len(out) + 1}", kind=cast(StatementKind, kind), cue=c.cue, content=content,
                                 content_span={"start": c.start, "end": c.end},
                                 speaker=roles.speaker, speaker_text=roles.speaker_text,
                                 date=date or view.published, about=about, stance=stance,
                                 source=c.source or roles.source,
                                 on_behalf_of=roles.on_behalf_of))
        doc._.statements = out
        return doc


    def release_voice(self, view: DocView, cands: list[_Cand], quote_spans) -> list[_Cand]:
        """A release in its issuer's own voice: its lead opens with the body speaking in the
        present ("The Government of Freedonia informs the public that …"); each later
        sentence of its own in the present that credits nothing to anyone ("The provisional
        count is 12 missing.") is the body's statement too."""
        doc = view.doc
        nl = view.text.find("\n")
        body = [c for c in cands if c.start > nl and c.cue_i is not None]
        if nl < 0 or not body:
            return []
        lead = min(body, key=lambda c: c.start)
        cue = doc[lead.cue_i or 0]
        first = next((t for t in doc if t.idx > nl and not t.is_space), None)
        if first is None or cue.tag_ != "VBZ" or not cue.sent.start <= first.i < cue.sent.end \
                or view.etype(lead.speaker) in (None, "PERSON") or lead.kind == "direct":
            return []
        out = []
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            if a <= lead.end or not sent.text.rstrip().endswith(".") or len(sent) < 5:
                continue
            if any(c.start < b and a < c.end for c in cands) \
                    or any(s < b and a < e for s, e in quote_spans) or "\n" in sent.text.strip():
                continue
            root = sent.root
            verb = root if root.tag_ in ("VBZ", "VBP") else next(
                (c for c in root.children if c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP")
                 and c.i < root.i), None)
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if verb is None or subj is None or view.etype(view.ent_at(subj.i)) == "PERSON" \
                    or subj.lower_ in ("i", "we", "you", "he", "she", "they") or self.is_cue(root):
                continue
            lo, hi = sent.start, sent.end
            while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
                hi -= 1
            out.append(self._cand(view, lead.kind, lead.cue, lo, hi, lead.speaker,
                                  lead.speaker_text, None))
        return out


_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")
# a line opening with a speaker's label: '- Name, role: …', '14:20 - Name at the press point:
# "…"' (a live blog's time stamp first), '15:35 - No deal today. Name, leaving: "…"'
_LABEL_LINE = re.compile(r"(?m)^(?:[ \t]*[-\u2013\u2014\u2022*][ \t]*)?"
                         r"(?:\d{1,2}[:.]\d{2}(?:[ \t]*[A-Z]{2,4})?[ \t]*[-\u2013\u2014|]?[ \t]*)?"
                         r"(?P<pre>[^\n:\"\u201c]{6,}?[.!?][ \t]+)?"
                         r"(?P<label>[^\n:\"\u201c]{2,90}): +(?P<body>\S[^\n]*)$")
# a second speaker's label after a sentence on a label line ('… "stays". Name: "…"')
_NEXT_LABEL = re.compile(r"(?<=[.!?\"\u201d])[ \t]+(?P<label>[A-Z][\w'\u2019-]*(?:[ \t][A-Z][\w'\u2019-]*){0,2})"
                         r": +(?P<body>\S)")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[\u2014\u2013-]))['\u2018](?=[\w\u2026])")
# a closing single quote ends a sentence or a clause ("…,' he said"), or a word right before
# punctuation ("'frank and useful'."); "soldiers' families" and "Russia's" are no quotes
_SINGLE_CLOSE = re.compile(r"(?<=[.,!?\u2026])['\u2019](?=\s|$|[)\]])|(?<=\w)['\u2019](?=[,.;:!?](?:\s|$))")


def _single_quotes(line: str, pos: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """British-style single quotation marks ('We are ready,' he said) on one line, outside
    double-quoted passages: (open, close) character offsets."""
    out: list[tuple[int, int]] = []
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(line)]
    for m in _SINGLE_OPEN.finditer(line):
        o = m.start()
        if out and o <= out[-1][1] - pos:
            continue
        c = next((c for c in closes if c > o + 1), None)
        if c is None:
            break
        if any(a <= pos + o <= b or a <= pos + c <= b for a, b in taken):
            continue
        if c - o > 400 or not (line[o + 1:o + 2].isupper() or line[c - 1] in ".,!?\u2026"):
            continue  # an apostrophe ('90s, rock 'n' roll) more likely than a quotation
        out.append((pos + o, pos + c))
    return out


def _gender_fits(view: DocView, eid: str, pronoun: str) -> bool:
    """Whether a 'he' or 'she' can stand for person ``eid``: not when the text gives the
    person the other gender (a pronoun the resolver linked to them, a courtesy title or a
    gendered role such as "spokeswoman" in or before a mention, or in their roles)."""
    want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}.get(pronoun)
    if want is None:
        return True
    cache = view.__dict__.setdefault("_genders", {})
    if eid not in cache:
        words = _gendered_words()
        seen: set[str] = set()
        for i, e in view.token_entity.items():
            if e != eid:
                continue
            for t in (view.doc[i], view.doc[i - 1] if i > 0 else None):
                g = words.get(t.lower_) if t is not None else None
                if g is None and t is not None and t.i == i and t.pos_ == "PRON":
                    g = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(t.lower_)
                if g:
                    seen.add(g)
        ent = view.entities.get(eid)
        for role in (getattr(ent, "roles", None) or []):
            seen |= {g for w in role.lower().split() if (g := words.get(w))}
        if not seen and ent is not None:
            seen |= _name_gender(getattr(ent, "name", "") or "")
        cache[eid] = seen.pop() if len(seen) == 1 else None
    return cache[eid] in (None, want)


def _name_gender(name: str) -> set[str]:
    """The gender a person's name states, when the text says nothing: a given name of one
    gender, or a Slavic surname ending ('-ova' against '-ov'); none when the two disagree."""
    given, ends = _gender_table()
    parts = [p.strip(".,") for p in name.split()]
    out: set[str] = set()
    if len(parts) >= 2:
        first = parts[0].title()
        out |= {g for g in ("f", "m") if first in given[g]}
        last = parts[-1].lower()
        if len(last) >= 5:
            for g in ("f", "m"):
                if last.endswith(ends[g]):
                    out.add(g)
                    break  # '-ova' is checked before the '-ov' it ends with
    return out if len(out) == 1 else set()


@functools.lru_cache(maxsize=1)
def _gender_table() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """Given names by gender, and surname endings by gender
    (``data/gazetteer/given_names_gender.json``)."""
    table = load_json("gazetteer", "given_names_gender.json")
    ends = table.get("surname_endings", {})
    return ({g: frozenset(table.get(g, [])) for g in ("f", "m")},
            {g: tuple(ends.get(g, [])) for g in ("f", "m")})


def _gendered_words() -> dict[str, str]:
    """Courtesy titles and roles that state a gender (``data/titles/titles.json``)."""
    return dict(load_json("titles", "titles.json").get("gendered_words", {}))


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


@Language.factory("dossier_statements", default_config={
    "reporting_verbs": "statements/reporting_verbs.txt", "sources": "statements/sources.json"})
def make_statements(nlp, name, reporting_verbs: str, sources: str):
    return StatementFinder(reporting_verbs, sources)
