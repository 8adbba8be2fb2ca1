"""Component ``dossier_events``: PLOVER events → ``doc._.events``.

Triggers are verbs and nouns from ``data/events/triggers.json`` (lemma → type, mode, the
preposition a verb needs: "call for" is REQUEST, "report to" a briefing). Participants come
from the dependency tree: subject and objects of a verb, possessor and prepositional objects
of a noun ("Witkoff's meeting with Putin", "talks between X and Y"), the subject of a light
verb ("held talks", "had a conversation", "sat down for talks", "talks were held between X
and Y"), groups standing for their state ("the Ukrainian delegation" → Ukraine), the speaker
of reported speech for a participle after it ("said that ..., rejecting the demand") or for
an unresolved "he", a speaker "at a meeting of" others. Location: a place in an in/at phrase
of the trigger (or one phrase deeper: "met for four hours in Miami"). Date: a time in the
trigger's clause or phrase (``doc._.token_time``); a headline's present tense takes the
publication date unless the body dates the same event; "also" takes the date of the actor's
event before; otherwise none. Status from modals, governors and negation
(``data/events/status_cues.json``). A definite "the talks" with nobody named refers back to
the last consultation, "the two sides" to its parties, and "X attended the meeting" adds X to
it; "the talks in Geneva" with no consultation before is a mention (place, no participants)
unless a later report of talks there names them. A statement whose content charges an actor
with disinformation, provocations... is an ACCUSE by its speaker. Events keep their people:
a title phrase stands for the person it ends in ("Minister of State for Foreign Affairs X"
parsed with the title as head; the title's state their affiliation), a state's act of
speech is voiced by the person speaking for it in that sentence or the next, and the target
is read from the governing verb's phrase ("sent aid to X"), an owner participle ("an
X-owned ship"), a rejected act's author ("rejected accusations from X"), a demand's
that-clause subject, or a release's participle ("handing them to X").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..data import expand_shared_lists
from ..records import Event, EventStatus, EventType
from .timeval import lexicon as time_lexicon
from .attribution import DocView, load_json
from .datelines import DASHES, dateline_dash, line_start

PLACE_TYPES = {"GPE", "LOC", "FAC"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "parataxis", "pcomp"}


@dataclass
class _Ev:
    type: str
    trigger: Token
    mode: str | None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    status: str = "occurred"
    seg: tuple[int, int] = (0, 0)
    inherited: bool = False
    joined: bool = False
    default_date: bool = False
    mention: bool = False
    affil: dict = field(default_factory=dict)  # member → the party of their delegation
    mediators: list = field(default_factory=list)


class EventFinder:
    def __init__(self, triggers: str = "events/triggers.json",
                 status_cues: str = "events/status_cues.json"):
        trig = expand_shared_lists(load_json(triggers))  # ("@captives": a list defined once)
        self.verbs: dict = trig["verbs"]
        self.nouns: dict = trig["nouns"]
        self.light = set(trig["light_verbs"])
        self.predicates = set(trig.get("event_predicates", []))
        self.in_verbs = set(trig.get("in_verbs", []))
        self.for_verbs = set(trig.get("for_verbs", []))
        self.attend_verbs = set(trig.get("attend_verbs", []))
        self.speech_verbs = set(trig.get("speech_verbs", []))
        self.rejecting = set(trig.get("charge_rejecting_verbs", []))
        self.receiving = set(trig.get("receiving_verbs", []))
        self.party_nouns = set(trig.get("party_nouns", []))
        self.hold_verbs = set(trig.get("hold_verbs", []))
        self.expect_verbs = set(trig.get("expect_verbs", []))
        self.held_preps = set(trig.get("held_preps", []))
        self.threat_words = frozenset(trig.get("threat_words", []))
        acts = trig.get("accusation_acts", {})
        self.accused_acts = frozenset(acts.get("verbs", []))
        self.sensitive_acts = frozenset(acts.get("sensitive_verbs", []))
        self.sensitive_words = frozenset(acts.get("sensitive_words", []))
        self.sequence_preps = frozenset(trig.get("sequence_preps", []))
        self.participant_verbs = set(trig.get("participant_verbs", []))
        self.phone_words = set(trig.get("phone_words", []))
        self.containers = set(trig.get("container_nouns", []))
        self.preps: dict = trig["participant_preps"]
        self.type_preps: dict = trig.get("type_preps", {})
        self.accuse_words = set(trig.get("accusation_words", []))
        self.site_preps = frozenset(trig.get("attack_site_preps", []))
        self.venue_words = frozenset(trig.get("venue_words", []))
        self.held_participles = {t: set(v) for t, v in trig.get("held_participles", {}).items()
                                 if not t.startswith("_")}
        self.cues = load_json(status_cues)
        titles = load_json("titles/titles.json")
        self.title_heads = {h for h in [*titles["of_heads"], *titles["person_heads"]] if " " not in h}
        self.title_finals = set(titles.get("complement_final", []))
        self.deleg = load_json("events/delegations.json")
        groups = load_json("events/groups.json")
        self.seats = {x.lower() for x in groups.get("seats", [])}
        types = {t: r for t, r in load_json("events/types.json").items() if not t.startswith("_")}
        self.behaviours = {t: frozenset(r.get("behaviours", ())) for t, r in types.items()}
        self.governed = {t: r["governed"] for t, r in types.items() if "governed" in r}
        self.plan_only = {t: frozenset(r["plan_only_for"]) for t, r in types.items()
                          if "plan_only_for" in r}
        self.participant_rules = {t: PARTICIPANT_RULES[r["participants"]]
                                  for t, r in types.items() if "participants" in r}

    def does(self, etype: str | None, behaviour: str) -> bool:
        """Has the event type this behaviour of its own (data/events/types.json)?"""
        return behaviour in self.behaviours.get(etype, ())

    # ------------------------------------------------------------ triggers
    @staticmethod
    def _prep_lemmas(tok: Token) -> set[str]:
        return {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt", "agent", "dative")}

    def _by_phone(self, tok: Token) -> bool:
        """"spoke by phone", "talked on the telephone": a phone word in a phrase of the verb."""
        return any(g.lemma_.lower() in self.phone_words for c in tok.children
                   if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj")

    def spec_for(self, view: DocView, tok: Token) -> dict | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            specs = self.verbs.get(lemma)
        elif tok.pos_ in ("NOUN", "PROPN"):
            specs = self.nouns.get(lemma)
            if specs is None and tok.lower_.endswith("s"):
                specs = self.nouns.get(tok.lower_[:-1])
        else:
            return None
        if specs is None:
            return None
        for spec in specs if isinstance(specs, list) else [specs]:
            if spec.get("held_only") and not self.held_participle(tok, spec["type"]):
                continue  # "the protocol signed in Tirana", not "diplomatic protocol"
            mods = spec.get("modifier_lemmas")
            if mods and not any(m.lemma_.lower() in mods or m.lower_ in mods for m in (
                    [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod")]
                    + [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"])):
                continue  # "a prisoner exchange", "the swap of detainees"; not "an exchange of fire"
            need = spec.get("preps")
            have = self._prep_lemmas(tok) & set(need or ())
            timed = {c.i for c in tok.children if c.dep_ == "prep" and any(
                p.dep_ == "pobj" and p.i in view.token_time for p in c.children)}
            if have and timed:
                # "called Zelensky on Monday": a time phrase is no "call on X"
                have = {c.lower_ for c in tok.children if c.lower_ in have
                        and c.dep_ in ("prep", "prt", "agent", "dative") and c.i not in timed}
            if need and have and spec.get("prep_entity") and not any(
                    view.np_entities(p) for c in tok.children if c.lower_ in have
                    for p in c.children if p.dep_ == "pobj"):
                have = set()
            if need and not have:
                subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
                two = subj is not None and (len(view.np_entities(subj)) >= 2 or (
                    subj.lemma_.lower() in self.party_nouns and subj.tag_ in ("NNS", "NNPS")
                    and any(c.lower_ in ("both", "two") for c in subj.children))
                    or (subj.lower_ == "they" and self._by_phone(tok)))
                if not (spec.get("plural_subject") and two) \
                        and not (tok.pos_ != "VERB" and self.held_participle(tok, spec["type"])):
                    continue  # ("the truce signed in Lisbon": a held agreement needs no "between")
            if spec.get("needs_object"):
                objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")] \
                    or _fronted_place_objects(view, tok) \
                    or ([c for c in tok.children if c.dep_ == "nsubjpass"]  # "was received by Y"
                        if any(c.dep_ == "agent" for c in tok.children) or _stray_agent(tok)
                        else [])
                if not any(view.np_entities(o) for o in objs):
                    continue
                want = spec.get("object_types")
                if want and not any(view.etype(e) in want for o in objs for e in view.np_entities(o)):
                    continue
            if spec.get("bare_object") and (len([c for c in tok.children if c.dep_ in (
                    "dobj", "dative", "oprd", "attr", "xcomp", "ccomp", "acomp")]) != 1
                    or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
                    or any(a.dep_ == "appos" and a.left_edge.i > 0
                           and tok.doc[a.left_edge.i - 1].text != ","
                           for o in tok.children if o.dep_ == "dobj" for a in o.children)):
                continue  # "called Zelensky a dictator", "called him to resign"
            if spec.get("only_negated") and not any(c.dep_ == "neg" for c in tok.children):
                continue  # "will not recognize the occupied territories": a refusal
            lemmas = spec.get("object_lemmas")
            if lemmas and not any(c.dep_ in ("dobj", "nsubjpass", "xcomp")
                                  and (c.lemma_.lower() in lemmas or c.lower_ in lemmas)
                                  and (c.dep_ != "xcomp" or c.pos_ == "VERB")
                                  for c in [*tok.children, *_glued_object(tok)]):
                continue  # "spent five hours with Putin" ("stopped pumping oil" is one)
            return spec
        return None

    # ------------------------------------------------------------ structure
    def held_participle(self, tok: Token, etype: str) -> Token | None:
        """The participle that says a noun's event was held: "the truce signed in Lisbon",
        "an accord reached by X and Y", "the talks held in Oslo" (also when the parser makes
        the noun the subject of a bare participle); not "the deal to be signed"."""
        words = self.held_participles.get(etype)
        if not words or tok.pos_ == "VERB":
            return None
        cands = [c for c in tok.children if c.dep_ in ("acl", "relcl")]
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj") and tok.head.i > tok.i:
            cands.append(tok.head)
        lo, hi = self._seg(tok)
        for v in cands:
            if v.tag_ == "VBN" and v.i > tok.i and lo <= v.i < hi \
                    and v.lemma_.lower() in words \
                    and not any(a.dep_ in ("aux", "auxpass", "neg", "nsubj", "nsubjpass")
                                and a.i != tok.i for a in v.children):
                return v
        return None

    def governor(self, tok: Token) -> Token | None:
        """For a noun trigger: the verb that carries it ("held talks", "be in contact",
        "the meeting took place")."""
        h, dep = tok.head, tok.dep_
        if dep == "conj":
            return self.governor(h) if h.i != tok.i else None
        if dep == "pobj" and h.dep_ == "prep":
            amount = _amount_verb(tok)
            if amount is not None:
                return amount  # "set aside 3 million francs in relief aid"
            v = h.head
            if v.pos_ in ("VERB", "AUX") and h.lower_ in ("in", "into") \
                    and v.lemma_.lower() in self.in_verbs:
                return v
            if v.pos_ == "VERB" and h.lower_ == "for" and v.lemma_.lower() in self.for_verbs \
                    and self.nouns.get(tok.lemma_.lower()) and v.i < tok.i:
                return v  # "sat down in Geneva for talks"
            return None
        if h.i == tok.i or h.pos_ not in ("VERB", "AUX"):
            return None
        lemma = h.lemma_.lower()
        if dep in ("dobj", "attr") and (lemma in self.light or lemma in ("attend", "join")):
            return h
        if dep == "dobj" and lemma in self.receiving and any(
                sp.get("type") == "CONSULT" for sp in _specs(self.nouns.get(tok.lemma_.lower()))):
            return h  # "received a phone call from X": the receiver took part
        if dep in ("nsubj", "nsubjpass") and lemma in self.predicates:
            return h
        return None

    @staticmethod
    def subject(verb: Token, depth: int = 0, view: DocView | None = None) -> tuple[Token | None, bool]:
        """(subject token, passive?) of a verb, climbing through xcomp/conj/relcl."""
        rel = verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN")
        lo, hi = view.segment(verb.i) if view is not None else (0, 10 ** 9)
        if not lo <= verb.head.i < hi:
            rel = False  # a parse that runs across a line break (headline glued to the lead)
        for dep, passive in (("nsubj", False), ("nsubjpass", True)):
            subs = [c for c in verb.children if c.dep_ == dep and lo <= c.i < hi]
            if view is not None and len(subs) > 1:
                # "WASHINGTON (Reuters) - Trump hosted": the subject that names someone
                subs = [c for c in subs if view.np_entities(c)] or subs
            for c in subs:
                if c.dep_ == dep:
                    if c.tag_ in ("WP", "WDT") or (c.lower_ == "that" and rel):
                        # "Vitkoff, who is scheduled to leave": the antecedent
                        return (verb.head, False) if rel else (None, False)
                    return c, passive
        if not lo <= verb.head.i < hi:
            return None, False
        if depth < 4 and verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.i != verb.i:
            return EventFinder.subject(verb.head, depth + 1, view)
        if depth < 4 and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
                and verb.head.head.pos_ in ("VERB", "AUX") and lo <= verb.head.head.i < hi \
                and not any(c.dep_ == "dobj" and (view is None or view.np_entities(c))
                            for c in verb.head.head.children):
            # "shook hands before sitting down with X": the subject of the clause
            # ("accused X of shelling": the named object's act, not the subject's)
            return EventFinder.subject(verb.head.head, depth + 1, view)
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head, False
        return None, False

    @staticmethod
    def _more_subjects(view: DocView, verb: Token, subj: Token) -> list[str]:
        """"Minister X and Minister Y reached an agreement" parsed with two subjects: the
        other subject's entities too."""
        if subj.head.i != verb.i:
            return []
        lo, hi = view.segment(verb.i)
        return [e for c in verb.children if c.dep_ == subj.dep_ and c.i != subj.i and lo <= c.i < hi
                for e in view.np_entities(c)]

    @staticmethod
    def _stranded_conjuncts(view: DocView, subj: Token) -> list[str]:
        """A headline glued to the lead makes the line's first name an object of the headline:
        "Estonian and Latvian negotiators met" parsed with only "Latvian negotiators" as the
        subject. The names that open the line before the subject, joined by "and" or commas,
        whose parse hangs outside the line, are subjects too."""
        lo, hi = view.segment(subj.i)
        left = subj.left_edge.i
        if left <= lo:
            return []
        # "OSLO, Norway - X and Y met": after the dateline (or a headline's bracket or colon)
        dash = dateline_dash(view.doc, lo, left, DASHES + (")", ":"), last=True)
        pre = [t for t in view.doc[lo if dash is None else dash + 1:left] if not t.is_space]
        if not pre or pre[-1].lower_ not in ("and", ",") or not any(
                not lo <= t.head.i < hi for t in pre):
            return []
        out: list[str] = []
        for t in pre:
            eid = view.ent_at(t.i)
            if eid:
                if view.etype(eid) == "NORP":
                    eid = view.state_of(t.text) or eid
                if eid not in out:
                    out.append(eid)
            elif t.lower_ not in ("and", ",", "the") and not t.is_punct:
                return []  # not a bare list of names
        return out

    @staticmethod
    def _line_subject(view: DocView, verb: Token) -> list[str]:
        """When the parse hangs a line's subject elsewhere (a headline glued to the lead): the
        names that open the line before its first verb."""
        lo, hi = view.segment(verb.i)
        if lo == 0 or verb.dep_ in ("xcomp", "relcl", "acl", "pcomp"):
            return []
        if lo <= verb.head.i < hi and not any(not lo <= c.i < hi for c in verb.children):
            return []  # only where the parse crosses into the line before
        pre = view.doc[lo:verb.i]
        if any(t.pos_ == "VERB" and t.dep_ not in ("acl", "relcl", "amod", "compound") for t in pre):
            return []
        # the noun phrase the parse hangs elsewhere: its own entities ("US envoy Steve Witkoff")
        roots = [t for t in pre if not lo <= t.head.i < verb.i and t.pos_ in ("PROPN", "NOUN")]
        if len(roots) == 1:
            ids = view.np_entities(roots[0])
            if ids:
                return _unique(ids)
        out = []
        for eid in view.entities_in(lo, verb.i):
            if view.etype(eid) == "NORP":
                word = next((t.text for t in pre if view.ent_at(t.i) == eid), "")
                eid = view.state_of(word) or eid
            out.append(eid)
        return _unique(out)

    def _prep_role(self, etype: str, prep: str) -> str | None:
        over = self.type_preps.get(etype, {})
        if prep in over:
            return over[prep]
        return self.preps.get(prep)

    def _add_prep_objects(self, view, etype, tok, actors, targets, only: str | None = None):
        """The entities of the trigger's prepositional phrases, as the preposition's role
        says (``only``: just the phrases of that role)."""
        for c in tok.children:
            if c.dep_ not in ("prep", "agent", "dative") or (c.dep_ == "dative" and c.pos_ != "ADP"):
                continue
            role = self._prep_role(etype, c.lower_)
            if role is None or (only and role != only):
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                ids = [e for e in view.np_entities(p) if view.etype(e) not in PLACE_TYPES
                       or c.lower_ not in ("in", "at")]
                if c.lower_ == "by" and not any(view.etype(e) == "PERSON" for e in ids):
                    ids = _loose_appos(view, p) or ids  # "by the Minister of X, Mr. A B"
                if c.lower_ == "from" and tok.pos_ == "VERB" and self.does(etype, "places_are_no_parties"):
                    # "arrived in Lyon from Paris": where a visitor came from is no party
                    ids = [e for e in ids if view.etype(e) not in PLACE_TYPES or view.is_country(e)]
                if not ids and role == "targets" and not self.does(etype, "no_possessor_targets"):
                    # "an attack on Ukraine's energy system", "strikes on Ukrainian cities"
                    for g in p.children:
                        if g.dep_ == "poss":
                            ids += view.np_entities(g)
                        elif g.dep_ in ("amod", "compound") and view.state_of(g.text):
                            ids.append(view.state_of(g.text))
                if role == "actors":
                    actors += ids
                elif role == "targets":
                    targets += ids
                else:
                    actors += ids

    def _object_targets(self, view: DocView, tok: Token, etype: str) -> list[str]:
        """Whom a verb's objects name: their entities (the person a title object ends in),
        else whose thing the object is (its possessor, state adjective, the author of an
        act of theirs), else the to-phrase of a release's participle clause."""
        targets: list[str] = []
        for c in tok.children:
            if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP":
                ids = self._title_holder(view, c, view.np_entities(c))
                if not ids and not self.does(etype, "no_possessor_targets"):
                    # "rejected Russia's demand", "rejecting the demand Moscow repeated":
                    # whose thing it is
                    for g in c.children:
                        if g.dep_ == "poss":
                            ids += view.np_entities(g)
                        elif g.dep_ in ("amod", "compound") and view.state_of(g.text) \
                                and not self.does(etype, "no_state_adjective_targets"):
                            ids += [x for x in [view.state_of(g.text)] if x]  # "shelled Ukrainian cities"
                        elif g.dep_ == "relcl":
                            ids += [e for x in g.children if x.dep_ == "nsubj"
                                    for e in view.np_entities(x)]
                    if not ids and self.spec_for(view, c) is not None:
                        ids += _charge_of(view, c)  # "rejected accusations by Y"
                targets += ids
        if not targets and self.does(etype, "recipient_in_participle"):
            # "let the fishermen go, handing them to Ruritanian envoys": whom they went to
            for c in tok.children:
                if c.dep_ == "advcl" and c.tag_ == "VBG" \
                        and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                    self._add_prep_objects(view, etype, c, [], targets, only="targets")
        return targets

    def participants(self, view: DocView, tok: Token, etype: str, gov: Token | None,
                     spec: dict | None = None):
        actors: list[str] = []
        targets: list[str] = []
        # the preposition the trigger needs ("report to X", "leave for X") names its target
        for c in tok.children:
            if spec and c.dep_ in ("prep", "dative") and c.lower_ in spec.get("preps", ()):
                for p in c.children:
                    if p.dep_ == "pobj":
                        targets += [e for e in view.np_entities(p)
                                    if not self.does(spec["type"], "places_are_no_parties")
                                    or c.lower_ not in ("in", "at")
                                    or view.etype(e) not in PLACE_TYPES]
        if tok.pos_ == "VERB":
            subj, passive = self.subject(tok, view=view)
            speaker = self._participle_speaker(view, tok)
            if speaker is not None:
                subj, passive = speaker, False
            agent = [p for c in tok.children if c.dep_ == "agent" for p in c.children
                     if p.dep_ == "pobj"] or (_stray_agent(tok) if passive else [])
            if subj is not None:
                (targets if passive and agent else actors).extend(self._subject_ids(view, subj))
                actors.extend(self._more_subjects(view, tok, subj))
                actors.extend(self._stranded_conjuncts(view, subj))
            else:
                # "X landed in Moscow and was met by Y": the subject of the first verb of the line
                top, lo_hi = tok, view.segment(tok.i)
                while top.dep_ in ("conj", "xcomp") and top.head.i != top.i \
                        and lo_hi[0] <= top.head.i < lo_hi[1]:
                    top = top.head
                (targets if passive and agent else actors).extend(
                    _stray_subject(view, tok) or self._line_subject(view, top))
            for a in agent:  # ("by the Minister of X, Mr. A B": the person, not the ministry)
                actors += _loose_appos(view, a) or view.np_entities(a)
            targets += self._object_targets(view, tok, etype)
            if tok.pos_ == "VERB" and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
                targets += [e for o in _fronted_place_objects(view, tok)
                            for e in view.np_entities(o) if view.etype(e) == "PERSON"]
            self._add_prep_objects(view, etype, tok, actors, targets)
            # "signed by X and Y in the presence of Z": Z was there
            targets += [e for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                        for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() == "presence"
                        for o in p.children if o.dep_ == "prep" and o.lower_ == "of"
                        for q in o.children if q.dep_ == "pobj" for e in view.np_entities(q)]
        else:
            for c in tok.children:
                if c.dep_ == "poss":
                    actors += view.np_entities(c)
                elif c.dep_ in ("compound", "amod", "nmod"):
                    # "Ruritanian-Borduvian talks": the hyphened pair's first word too
                    for m in [*(x for x in c.children if x.dep_ in ("compound", "amod", "nmod")
                                and x.i == c.i - 2 and tok.doc[c.i - 1].text == "-"), c]:
                        eid = view.ent_at(m.i) or view.state_of(m.text)
                        if m.dep_ == "compound" and eid and view.etype(eid) == "NORP":
                            eid = view.state_of(m.text) or eid
                        if eid and view.etype(eid) in PLACE_TYPES and not view.is_country(eid):
                            continue  # "the Geneva talks": a place, not a party
                        if eid and eid not in actors:
                            actors.append(eid)
            self._add_prep_objects(view, etype, tok, actors, targets)
            if gov is None and self.does(etype, "attended_by_clause_subject") and tok.dep_ == "pobj" \
                    and tok.head.head.pos_ == "VERB" and (
                        (targets and tok.head.lower_ in ("after", "following", "before", "in"))
                        or ((targets or actors) and tok.head.lower_ in ("at", "during"))):
                # "X said at a meeting of NATO ministers": X was there
                # "X dropped its objections after talks with Z": X took part
                subj, passive = self.subject(tok.head.head, view=view)
                if subj is not None and not passive:
                    actors += view.np_entities(subj)
                elif passive:  # "the agreement was announced by X after talks with Z"
                    actors += [e for a in tok.head.head.children if a.dep_ == "agent"
                               for o in a.children if o.dep_ == "pobj" for e in view.np_entities(o)]
            if gov is not None and tok.dep_ in ("dobj", "attr", "pobj", "conj"):
                subj, passive = self.subject(gov, view=view)
                if subj is not None and not passive:
                    actors = self._subject_ids(view, subj) + self._more_subjects(view, gov, subj) \
                        + actors
                elif subj is None:
                    actors = self._line_subject(view, gov) + actors
            # "the talks involved Russian and Ukrainian officials" (also parsed as a clause on
            # the noun)
            pverbs = [gov] if gov is not None and tok.dep_ == "nsubj" else []
            pverbs += [c for c in tok.children if c.dep_ in ("acl", "relcl")]
            for v in pverbs:
                if v.lemma_.lower() in self.participant_verbs:
                    for c in v.children:
                        if c.dep_ == "dobj":
                            actors += view.np_entities(c)
            if gov is not None and tok.dep_ in ("dobj", "attr", "pobj", "conj", "nsubj", "nsubjpass"):
                # "had a conversation with X" may hang the with-phrase on the verb; "talks were
                # held between X and Y", "the meeting with X took place"
                for c in gov.children:
                    if c.dep_ == "prep" and c.lower_ in ("with", "between", "among"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                ids = view.np_entities(p)
                                if c.lower_ == "with" or actors:
                                    targets += ids
                                else:
                                    actors += ids
            amount_of = _amount_verb(tok)
            if gov is not None and (tok.dep_ == "dobj" or (amount_of is not None
                                                           and amount_of.i == gov.i)) \
                    and gov.pos_ == "VERB" and not any(
                        c.dep_ == "dobj" and c.i not in (tok.i, tok.head.head.i) for c in gov.children):
                # "sent emergency aid to Ruritania", "made accusations against Z": the phrase
                # the verb carries for its object names whom the event is aimed at
                self._add_prep_objects(view, etype, gov, actors, targets, only="targets")
        actors = _unique(actors)
        targets = [t for t in _unique(targets) if t not in actors]
        return actors, targets

    def location(self, view: DocView, tok: Token, gov: Token | None) -> str | None:
        if tok.pos_ != "VERB":
            for c in tok.children:
                eid = view.ent_at(c.i) if c.dep_ in ("compound", "nmod") else None
                if eid and view.etype(eid) in PLACE_TYPES and not view.is_country(eid):
                    return eid
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            eid = view.ent_at(tok.head.i)  # "arrived in Moscow, where he will meet Putin"
            if eid and view.etype(eid) in PLACE_TYPES:
                return eid
        heads = [tok] + ([gov] if gov is not None else [])
        if tok.pos_ == "VERB":
            # "discussed security guarantees in Paris": the parser hangs the place on the object
            heads += [c for c in tok.children if c.dep_ == "dobj"]
        if tok.pos_ != "VERB":
            # "a meeting of NATO foreign ministers in Brussels"
            heads += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"]
        if tok.pos_ == "VERB" and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            heads.append(tok.head)  # "landed in Moscow and was met by Dmitriev"
        if tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during") \
                and tok.head.head.pos_ == "VERB":
            heads.append(tok.head.head)  # "was agreed in Valletta at talks hosted by X"
        for v in [tok] + ([gov] if gov is not None else []):
            if v.pos_ in ("VERB", "AUX"):
                # "met for four hours in Miami", "talks on Sunday in Geneva": one phrase deeper
                # ("on May 2 in the city of X": the parser may hang the place on the preposition)
                heads += [p for c in v.children if c.dep_ == "prep" and c.lower_ not in ("in", "at")
                          for p in (c, *c.children) if p.dep_ in ("pobj", "prep")]
        for v in [tok] + ([gov] if gov is not None else []):
            # "took place between the delegations of X and Y in Geneva", "negotiations with the
            # US delegation in Florida": at the end of the participants' phrase
            heads += [x for c in v.children if (c.dep_ == "prep" and c.lower_ in ("between", "with"))
                      or c.dep_ == "agent"  # "an accord reached by X and Y in Skopje"
                      for p in c.children if p.dep_ == "pobj" for x in p.subtree
                      if x.dep_ in ("pobj", "conj") or x.i == p.i]
        # "which took place … in Paris": a relative clause on the trigger or its objects
        for t in list(tok.subtree):
            if t.dep_ in ("relcl", "acl") \
                    and t.lemma_.lower() in ("take", "happen", "occur", "hold"):
                heads.append(t)
                heads.extend(c for c in t.children if c.dep_ == "prep")
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            # ("in the western city of Graz": the city named)
                            deep = p.lemma_.lower() in view.place_heads
                            for eid in view.np_entities(p, deep=deep):
                                if view.etype(eid) in PLACE_TYPES or self._seat(view, eid):
                                    return eid
        return None

    @staticmethod
    def _place_in(view: DocView, loc: str | None) -> str | None:
        """The wider place the text puts a location in: "Davos, Switzerland", "the
        Hofburg in Vienna", "DAVOS, Switzerland" (first such mention)."""
        if not loc:
            return None
        doc = view.doc
        for i, t in enumerate(doc):
            if view.ent_at(i) != loc or (i + 1 < len(doc) and view.ent_at(i + 1) == loc):
                continue  # the last token of a mention of the location
            j = i + 1
            if j < len(doc) and (doc[j].text == "," or (doc[j].lower_ == "in" and doc[j].dep_ == "prep")):
                j += 1
                while j < len(doc) and doc[j].lower_ == "the":
                    j += 1
                other = view.ent_at(j) if j < len(doc) else None
                if other and other != loc and view.etype(other) in PLACE_TYPES:
                    return other
        return None

    def _seat(self, view: DocView, eid: str | None) -> bool:
        """An institution named after its building ("at the Kremlin"): a place in an in/at
        phrase."""
        e = view.entities.get(eid) if eid else None
        if e is None or view.etype(eid) != "ORG":
            return False
        return any(n.lower().removeprefix("the ") in self.seats
                   for n in [e.name, *(getattr(e, "aliases", None) or [])] if n)

    def date(self, view: DocView, tok: Token, gov: Token | None) -> str | None:
        idx: list[int] = []
        for h in ([tok] + ([gov] if gov is not None else [])):
            for c in h.children:
                if c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "obl", "relcl", "acl", "pobj") \
                        or (h.i == tok.i and tok.pos_ != "VERB" and c.dep_ not in ("ccomp", "xcomp", "advcl")):
                    idx.extend(t.i for t in c.subtree if not _crosses_clause(t, c)
                               and not self._owned_time(view, t, c))
        if tok.pos_ == "VERB" and view.time_value(sorted(set(idx))) is None:
            # "agreed a ceasefire on Wednesday": the parser hangs the day on the object
            on_obj = [t.i for o in tok.children if o.dep_ == "dobj" for c in o.children
                      if c.dep_ == "prep" and c.lower_ == "on" for p in c.children
                      if p.dep_ == "pobj" and p.i in view.token_time for t in p.subtree]
            if on_obj:
                return view.time_value(on_obj)
        if not idx and tok.pos_ == "VERB" and tok.dep_ == "conj" \
                and (tok.tag_ in _FINITE or tok.tag_ == "VBN") \
                and tok.head.tag_ in (_FINITE if tok.tag_ in _FINITE else {"VBN"}) \
                and not any(c.dep_ == "nsubj" for c in tok.children):
            # "X on Wednesday demanded A and rejected B": the acts of one subject, one day
            h = tok.head
            idx.extend(t.i for c in h.children if c.i < tok.i
                       and c.dep_ in ("prep", "npadvmod", "tmod")
                       for t in c.subtree if not _crosses_clause(t, c)
                       and not self._owned_time(view, t, c))
        if not idx and tok.pos_ == "VERB":
            # "stopped pumping crude on Wednesday": the gerund the verb governs holds its time
            for g in tok.children:
                if g.dep_ == "xcomp" and g.tag_ == "VBG":
                    idx.extend(t.i for c in g.children if c.dep_ in ("prep", "npadvmod", "tmod")
                               for t in c.subtree if not _crosses_clause(t, c))
        return view.time_value(sorted(set(idx)))

    def _owned_time(self, view: DocView, t: Token, top: Token) -> bool:
        """True when ``t`` sits in the possessor of a noun below ``top`` that is no event:
        "talks with the first text since last year's clashes" (the clashes' time, not the
        talks'); "failed to agree at Tuesday's meeting" is the meeting's day, and so its."""
        x = t
        while x.i != top.i and x.head.i != x.i:
            if x.dep_ == "poss" and x.head.pos_ in ("NOUN", "PROPN") \
                    and self.spec_for(view, x.head) is None:
                return True
            if x.i != t.i and x.dep_ == "pobj" and x.head.lower_ in ("since", "after", "before") \
                    and x.pos_ == "NOUN" and self.spec_for(view, x) is not None:
                return True  # "the first visit since the exchange on Monday": the exchange's day
            x = x.head
        return False

    def _seg(self, tok: Token) -> tuple[int, int]:
        return self._view.segment(tok.i) if self._view is not None else (0, 10 ** 9)

    def status(self, tok: Token, gov: Token | None) -> str:
        c = self.cues
        clause = gov if gov is not None else tok
        chain = [clause]
        # climb through control verbs: "is scheduled to leave", "failed to agree"
        x = clause
        seg_lo, seg_hi = self._seg(tok)
        desire = set(c["hypothetical"].get("desire", []))
        while (x.dep_ in ("xcomp", "ccomp", "conj", "acomp") or (
                x.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children))) \
                and x.head.i != x.i and len(chain) < 5 and seg_lo <= x.head.i < seg_hi:
            if x.dep_ == "ccomp" and x.head.lemma_.lower() not in desire:
                break
            if x.dep_ == "conj" and any(a.dep_ in ("aux", "auxpass") and a.lower_ != "to"
                                        for a in x.children):
                break  # "still wants X and has threatened Y": a clause of its own
            if x.dep_ == "conj" and x.tag_ in _FINITE and x.head.tag_ in _FINITE:
                break  # "demanded X and rejected Y": two acts told side by side
            x = x.head
            chain.append(x)
        lemmas = [y.lemma_.lower() for y in chain[1:]]
        if tok.pos_ != "VERB" and gov is None:
            # "prepare for a meeting", "preparing for a possible trip": the verb above
            x = tok
            purpose = tok.dep_ == "dobj"
            while x.head.i != x.i and x.pos_ not in ("VERB", "AUX"):
                x = x.head
                if x.dep_ == "prep" or x.pos_ == "ADP":
                    purpose = x.lower_ in ("for", "to", "toward", "towards")
                if x.pos_ == "ADJ":
                    lemmas.append(x.lemma_.lower())  # "ready for a deal"
            if x.pos_ in ("VERB", "AUX") and x.i != tok.i and purpose:
                lemmas.append(x.lemma_.lower())
                if x.dep_ == "xcomp":
                    lemmas.append(x.head.lemma_.lower())
        if tok.pos_ != "VERB" and gov is not None and tok.dep_ in ("nsubj", "nsubjpass"):
            # "the meeting is planned for…", "the visit was possible", "talks were cancelled"
            # ("the meeting failed to end the dispute" was held; "failed to take place" not)
            if not (gov.lemma_.lower() in c["negated"].get("held_failures", []) and any(
                    x.dep_ == "xcomp" and x.lemma_.lower() not in c["negated"].get("happen_verbs", [])
                    for x in gov.children)):
                lemmas.append(gov.lemma_.lower())
            lemmas += [a.lemma_.lower() for a in gov.children if a.dep_ in ("acomp", "oprd")]
        own_neg = {a.lower_ for a in clause.children if a.dep_ == "neg"}
        if own_neg & set(c["negated"]["neg"]) or self._counterfactual(chain):
            return "negated"  # "would not accept", "should have met"
        if set(lemmas) & desire:
            return "hypothetical"
        auxes = [a for y in chain for a in y.children if a.dep_ in ("aux", "auxpass", "neg")]
        aux_l = {a.lower_ for a in auxes} | {a.lemma_.lower() for a in auxes}
        marks = {m.lower_ for y in chain for m in y.children if m.dep_ == "mark"}
        if tok.pos_ != "VERB" and gov is None:
            auxes, aux_l, marks = [], set(), set()  # the clause around is not the event's
        if tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.lower_ in c["negated"].get("preps", []):
            return "negated"  # "ended without an agreement"
        if tok.pos_ != "VERB":
            dets = {d.lower_ for d in tok.children if d.dep_ == "det"}
            amods = {a.lower_ for a in tok.children if a.dep_ in ("amod", "compound")}
            if dets & set(c["negated"]["det"]):
                return "negated"
        else:
            amods = set()
        if aux_l & set(c["negated"]["neg"]) or set(lemmas) & set(c["negated"]["governors"]):
            return "negated"
        if marks & set(c["hypothetical"]["marks"]) or aux_l & set(c["hypothetical"]["aux"]) \
                or amods & set(c["hypothetical"].get("amod", [])) \
                or set(lemmas) & set(c["hypothetical"]["governors"]):
            return "hypothetical"
        if aux_l & set(c["planned"]["aux"]) or set(lemmas) & set(c["planned"]["governors"]) \
                or amods & set(c["planned"]["amod"]):
            return "planned"
        if tok.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children) \
                and not set(lemmas) & set(c.get("occurred_governors", [])):
            return "hypothetical"  # "a deadline for Kyiv to accept the deal"
        # "is to meet": be + to-infinitive
        if c["planned"].get("be_to") and clause.dep_ == "xcomp" and clause.head.lemma_ == "be" \
                and any(a.lower_ == "to" for a in clause.children if a.dep_ == "aux"):
            return "planned"
        return "occurred"

    def _counterfactual(self, chain: list[Token]) -> bool:
        """A modal perfect on the clause ("should have met", "would have been signed") or on
        the clause a relative one describes ("Saturday should have been the day they met")."""
        modals = set(self.cues["negated"].get("counterfactual_aux", []))
        verbs = list(chain)
        if chain[0].dep_ == "relcl" and chain[0].head.dep_ in ("attr", "nsubj", "npadvmod"):
            verbs.append(chain[0].head.head)
        for v in verbs:
            auxes = {a.lower_ for a in v.children if a.dep_ in ("aux", "auxpass")}
            if auxes & modals and auxes & {"have", "'ve"} and (
                    v.tag_ == "VBN" or any(a.tag_ == "VBN" for a in v.children if a.dep_ == "auxpass")):
                return True
        return False

    def _governing_trigger(self, view: DocView, tok: Token) -> str | None:
        """Type of the trigger whose complement ``tok`` is ("demand to surrender")."""
        if tok.pos_ != "VERB" or tok.dep_ not in ("xcomp", "acl", "ccomp"):
            return None
        lo, hi = view.segment(tok.i)
        if not lo <= tok.head.i < hi:
            return None
        spec = self.spec_for(view, tok.head)
        return spec["type"] if spec else None

    def _subject_ids(self, view: DocView, subj: Token) -> list[str]:
        """Entities of a subject; an unresolved "he"/"she" in what a person said is that person
        ("Zelensky said that he had held a call")."""
        ids = self._title_holder(view, subj, view.np_entities(subj) or _untagged_name(view, subj))
        if not ids and subj.lemma_.lower() in ("country", "state", "nation", "neighbour", "neighbor") \
                and subj.tag_ == "NNS" and any(c.lower_ in ("two", "both") for c in subj.children):
            return _last_two_states(view, subj)
        if not ids and subj.lower_ == "we" and view.inside_quote(subj.i):
            # '"We demand compensation," said the minister': the one who speaks for "we"
            return [st.speaker for st in view.doc._.statements or []
                    if st.speaker and st.content_span
                    and st.content_span["start"] <= subj.idx < st.content_span["end"]][:1]
        if ids or subj.lower_ not in ("he", "she", "it"):
            return ids
        x = subj.head
        lo, hi = view.segment(subj.i)
        while x.dep_ == "conj" and x.head.i != x.i:
            x = x.head
        if x.dep_ == "ccomp" and lo <= x.head.i < hi and x.head.lemma_.lower() in self.speech_verbs:
            s2, passive = self.subject(x.head, view=view)
            if s2 is not None and not passive:
                # ("the ministry said it had contacted X": "it" is the body that speaks)
                return [e for e in view.np_entities(s2) if (view.etype(e) == "PERSON")
                        == (subj.lower_ != "it")][:1]
        if subj.lower_ == "it":
            return ids
        # "Witkoff arrived in Moscow, where he will meet Putin": the person subject before it
        # in the sentence, when there is exactly one
        subs = {e for t in view.doc[lo:subj.i] if t.dep_ in ("nsubj", "nsubjpass")
                for e in view.np_entities(t) if view.etype(e) == "PERSON"}
        return list(subs) if len(subs) == 1 else []

    def _title_holder(self, view: DocView, np: Token, ids: list[str]) -> list[str]:
        """The entities of a noun phrase, or the person its title ends in where the phrase
        gives only states or bodies ("Ruritania's Minister of State for Foreign Affairs Ana
        Lupo"): the person takes part, the title's state noted as their affiliation."""
        if not ids or view.ent_at(np.i) is not None or any(view.etype(e) == "PERSON" for e in ids):
            return ids
        people = self._titled_person(view, np)
        states = [e for e in ids if view.is_country(e)]
        for p in people:
            if states:
                self._noted_affil.setdefault(p, states[0])
        return people or ids

    def _titled_person(self, view: DocView, head: Token) -> list[str]:
        """The person a title phrase headed by ``head`` ends in, when the parse hangs the
        name inside (or beside) the title's complement ("Minister of State for Foreign
        Affairs Ana Lupo"): read on from the title over its complement's words to a name
        right after the complement's last word ("Affairs") or a state or body; not "the
        spokesman for Minister X"."""
        if head.lower_ not in self.title_heads and head.lemma_.lower() not in self.title_heads:
            return []
        doc = head.doc
        lo, hi = view.segment(head.i)
        k = head.i + 1
        while k < min(hi, head.i + 12):
            t = doc[k]
            eid = view.ent_at(k)
            if eid is not None and view.etype(eid) == "PERSON":
                prev = doc[k - 1] if doc[k - 1].text != "," else doc[k - 2]
                pid = view.ent_at(prev.i)
                if prev.i > head.i and (prev.lower_ in self.title_finals or (
                        pid and (view.is_country(pid) or view.etype(pid) == "ORG"))):
                    return [eid]
                return []
            if not (t.lower_ in ("of", "for", "and", "the", ",") or (
                    t.is_title and t.pos_ in ("PROPN", "NOUN", "ADJ")) or eid is not None):
                return []
            k += 1
        return []

    def _participle_speaker(self, view: DocView, tok: Token) -> Token | None:
        """"X said that Ukraine would not withdraw, rejecting the demand": a participle clause
        after a comma, hung on the reported clause, is what the speaker does."""
        if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.i == 0 or doc_prev(tok) != ",":
            return None
        x = tok.head
        lo, hi = view.segment(tok.i)
        while x.dep_ == "conj" and x.head.i != x.i:
            x = x.head
        if x.dep_ != "ccomp" or not lo <= x.head.i < hi \
                or x.head.lemma_.lower() not in self.speech_verbs:
            return None
        subj, passive = self.subject(x.head, view=view)
        return subj if subj is not None and not passive and view.np_entities(subj) else None

    @staticmethod
    def _thanked_for(view: DocView, tok: Token) -> tuple[list[str], list[str]]:
        """'Zelensky thanked France for the new package of assistance': France gives, and
        the thanker's state (else the thanker) receives."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "for" or tok.head.head.lemma_.lower() != "thank":
            return [], []
        v = tok.head.head
        objs = [c for c in v.children if c.dep_ in ("dobj", "dative")]
        objs += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "to"
                 for p in c.children if p.dep_ == "pobj"]
        giver = _unique([e for o in objs for e in view.np_entities(o)])
        if not giver:
            return [], []
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        taker = [e for e in (view.np_entities(subj) if subj is not None else []) if e not in giver][:1]
        if taker and view.etype(taker[0]) == "PERSON":
            code = getattr(view.entities.get(taker[0]), "country", None)
            state = next((e for e, ent in view.entities.items() if code and view.is_country(e)
                          and getattr(ent, "country", None) == code and e not in giver), None)
            if state:
                taker = [state]
        return giver, taker

    def _held(self, tok: Token, gov: Token | None) -> bool:
        """A consultation noun carried by a verb of holding, joining or ending it ("held
        talks", "the talks began", "took part in the meeting", "be in contact")."""
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.expect_verbs:
            return True  # "expected a full briefing from the US side": planned
        if tok.dep_ == "pobj" and (tok.head.lower_ in self.held_preps or (
                tok.head.lower_ in ("of", "to") and tok.head.head.lower_ in self.held_preps)):
            return True  # "after Kremlin talks", "ahead of a meeting": held or scheduled
        if gov is None:
            return False
        return gov.lemma_.lower() in self.hold_verbs or tok.dep_ == "pobj"

    @staticmethod
    def _named_parties(view: DocView, tok: Token, ev) -> int:
        """How many named parties the consultation has; a lone country modifying the noun
        ("Ukraine peace talks") is its topic, not a party."""
        ids = set(ev.actors) | set(ev.targets)
        if len(ids) == 1:
            topic = {view.ent_at(t.i) for c in tok.lefts if c.dep_ in ("compound", "nmod", "amod")
                     for t in c.subtree}
            if ids <= topic:
                return 0
        return len(ids)

    def _the_parties(self, tok: Token, gov: Token | None) -> bool:
        """The clause's subject is "the two sides", "both delegations", "the parties"."""
        v = tok if tok.pos_ == "VERB" else gov
        if v is None:
            return False
        subj, passive = self.subject(v, view=self._view)
        if subj is not None and not passive and subj.lower_ == "they" and v.pos_ == "VERB" \
                and not any(c.dep_ in ("dobj", "prep") and c.lower_ != "with" and self._view is not None
                            and self._view.np_entities(c) for c in v.children):
            return True  # "They had spoken by phone": the parties just told
        if subj is None or passive or subj.lemma_.lower() not in self.party_nouns \
                or subj.tag_ not in ("NNS", "NNPS"):
            return False
        return any(c.lower_ in ("the", "both", "two", "all") for c in subj.children
                   if c.dep_ in ("det", "nummod", "predet"))

    def _attending(self, tok: Token, gov: Token | None) -> bool:
        """The trigger noun is what its clause's subject attended or joined ("attended the
        meeting", "took part in the call", "was joined on the call by X")."""
        if gov is not None:
            return gov.lemma_.lower() in self.attend_verbs
        h = tok.head
        return tok.dep_ == "pobj" and h.lower_ in ("in", "on", "at") \
            and h.head.lemma_.lower() in self.attend_verbs

    # ------------------------------------------------------------ delegations
    def delegations(self, view: DocView) -> list[tuple[int, str | None, list[str]]]:
        """(token, side, members): the people a sentence puts in a delegation ("the American
        side was led by Dalmont, who was joined by Vautrin", "the head of the Brazilian
        delegation, Ferraz", "Roldan, who took part"). ``side`` is the state whose delegation
        they make up, or a person they accompany, or None when only taking part is said."""
        out = []
        for tok in view.doc:
            if tok.pos_ in ("VERB", "AUX"):
                found = self._member_clause(view, tok)
            elif tok.lower_ in self.deleg["member_nouns"] or tok.lemma_.lower() in self.deleg["member_nouns"]:
                found = self._member_title(view, tok)
            else:
                found = None
            if found and found[1]:
                out.append((found[2] if len(found) > 2 else tok.i, found[0], found[1]))
        return out

    def _persons(self, view: DocView, toks) -> list[str]:
        """People a noun phrase names: its own entities, else the names inside the phrase
        ("the Minister of Foreign Affairs of the Republic of Chile Ana Rocha"),
        not those of a clause hung on it."""
        out = []
        for t in toks:
            if t is None:
                continue
            found = [e for e in view.np_entities(t) if view.etype(e) == "PERSON"]
            if not found:
                found = [e for x in t.subtree for e in [view.ent_at(x.i)]
                         if e is not None and view.etype(e) == "PERSON"
                         and not _crosses_clause(x, t)]
            out += found
        return _unique(out)

    def _side(self, view: DocView, np: Token | None) -> tuple[str | None, list[str]]:
        """Whose delegation a noun phrase names: a person (who belongs to it too), or the
        state of "the Ukrainian delegation", "the US side"."""
        if np is None:
            return None, []
        if np.lower_ in self.deleg["group_nouns"] or np.lemma_.lower() in self.deleg["group_nouns"]:
            # (the title grammar may make "the head of the Ukrainian delegation" a mention of
            # its holder: the state comes from the modifiers)
            mods = [m for c in np.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                    for m in [c, *(x for x in c.children if x.dep_ == "conj")]]
            states = [view.state_of(m.text) or view.ent_at(m.i) for m in mods]
            states = [e for e in states if e and (view.is_country(e) or view.etype(e) == "NORP")]
            return (states[0], []) if states else (None, [])
        people = self._persons(view, [np])
        return (people[0], people) if people else (None, [])

    def _member_clause(self, view: DocView, tok: Token
                       ) -> tuple[str | None, list[str]] | tuple[None, list[str], int] | None:
        """(side, members), or (None, members, the meeting's token) when the clause names
        the members of a meeting; None when it names no delegation."""
        d = self.deleg
        lem = tok.lemma_.lower()
        agents = [c for c in tok.children if c.dep_ == "agent"]
        agents += [x for a in agents for x in a.children if x.dep_ == "conj" and x.lower_ == "by"]
        if agents and (lem in d["agent_verbs"] or lem in d["meeting_agent_verbs"]):
            # "the American side was led by X", "X was joined by Y", "a delegation led by X"
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if tok.dep_ in ("acl", "relcl") and (subj is None or subj.lower_ in ("who", "which", "that")):
                subj = tok.head
            if subj is not None and lem in d["meeting_agent_verbs"] \
                    and self.does((self.spec_for(view, subj) or {}).get("type"), "delegations"):
                # "the meeting was opened by the foreign minister X": that meeting
                members = self._persons(view, [p for a in agents for p in a.children
                                               if p.dep_ == "pobj"])
                return None, members, subj.i
            if lem not in d["agent_verbs"]:
                return None
            side, own = self._side(view, subj)
            members = self._persons(view, [p for a in agents for p in a.children if p.dep_ == "pobj"])
            return (side, _unique(own + members)) if side else None
        if lem in d["include_verbs"]:
            # "the Brazilian delegation ... included the chief of staff, Rui Pinto"
            x = tok
            while not any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children) \
                    and x.dep_ in ("conj", "xcomp") and x.head.i != x.i:
                x = x.head
            subj = next((c for c in x.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            objs = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
            spec = self.spec_for(view, subj) if subj is not None else None
            if subj is not None and spec is not None and self.does(spec["type"], "delegations"):
                # "the meeting is expected to include Dalmont, Vautrin and Bell": that meeting
                return None, self._persons(view, objs), subj.i
            side, own = self._side(view, subj)
            if side is None or view.etype(side) == "PERSON":
                return None
            return side, self._persons(view, objs)
        if lem in d["lead_verbs"] and not agents:
            # "Ferraz led the Brazilian delegation"
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            side, _ = self._side(view, obj)
            if side and view.etype(side) != "PERSON":
                return side, self._persons(view, [subj])
            return None
        want = d["took_part"].get(lem)
        if tok.dep_ == "relcl" and want is not None and (not want or any(
                c.lower_ == want for c in tok.children)):
            # "Ines Roldan, who took part, told reporters"
            if any(c.dep_ == "nsubj" and c.lower_ == "who" for c in tok.children):
                return None, self._persons(view, [tok.head])
        return None

    def _member_title(self, view: DocView, tok: Token) -> tuple[str | None, list[str]] | None:
        """"the head of the Brazilian delegation, Joao Ferraz" (either order)."""
        group = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
        side, _ = self._side(view, group)
        if side is None or view.etype(side) == "PERSON":
            return None
        people = self._persons(view, [c for c in tok.children if c.dep_ == "appos"])
        if not people and tok.dep_ == "appos":
            people = [e for e in view.np_entities(tok.head, deep=False) if view.etype(e) == "PERSON"]
        return side, people

    def _attach_delegations(self, view: DocView, found: list[_Ev]) -> None:
        """Members join the consultation the sentence speaks of (the latest one before, or in,
        its sentence that their side or they take part in) and the doc's other reports of that
        meeting (same parties, no other place or day), on the side of their state."""
        consults = [e for e in found if self.does(e.type, "delegations") and not e.mention]
        if not consults:
            return
        seg_no = {sg: n for n, sg in enumerate(view.segments())}
        before = {id(e): set(e.actors) | set(e.targets) for e in consults}
        back = self.deleg.get("max_segments_back", 3)
        self._last_members = self.delegations(view)
        for i, side, members in self._last_members:
            seg = view.segment(i)
            near = [e for e in consults if e.trigger.i < seg[1]
                    and 0 <= seg_no.get(seg, 0) - seg_no.get(e.seg, 0) <= back]
            named = [e for e in near if e.trigger.i == i]  # "the meeting ... is to include"
            near = named or near
            fits = [e for e in near if self._side_fits(view, e, side, members)]
            if side is None or view.etype(side) == "PERSON":
                # "Roldan, who took part"; "Kerr was joined by Bell": the meeting just told
                fits = fits or [e for e in near if e.status == "occurred" or named]
            if not fits:
                continue
            anchor = max(fits, key=lambda e: e.trigger.i)
            if not anchor.location and not anchor.date:
                # "after the meeting": the report it refers back to, with its place or day
                told = [e for e in consults if before[id(e)] == before[id(anchor)]
                        and e.trigger.i < anchor.trigger.i and e.status == anchor.status
                        and (e.location or e.date)]
                anchor = max(told, key=lambda e: e.trigger.i) if told else anchor
            same = [e for e in consults if e is anchor or (
                before[id(e)] == before[id(anchor)] and e.status == anchor.status
                and e.location in (None, anchor.location)
                and (not e.date or not anchor.date or _dates_fit(e.date, anchor.date))
                and (e.mode == "phone") == (anchor.mode == "phone"))]
            for ev in same:
                self._add_members(view, ev, side, members)
        for ev in consults:
            # "Kerr was joined by Bell" beside "the head of the Brazilian delegation, X":
            # people of no stated side, at talks of two states one of whose sides is known,
            # are the other side
            states = [p for p in ev.actors + ev.targets
                      if view.is_country(p) or view.etype(p) == "NORP"]
            free = [p for p in ev.actors + ev.targets if view.etype(p) == "PERSON"
                    and p not in ev.affil and any(p in m for _, _, m in self._last_members)]
            open_ = [st for st in states if st not in ev.affil.values()]
            if len(states) == 2 and len(open_) == 1 and free and ev.affil:
                for p in free:
                    ev.affil[p] = open_[0]

    def _mediators(self, view: DocView, tok: Token) -> list[str]:
        """Who mediates talks: "Swiss-mediated talks", "talks mediated by Norway", "talks
        under the auspices of the African Union", "with the mediation of Qatar"."""
        words, nouns = set(self.deleg["mediator_words"]), set(self.deleg["auspices_nouns"])
        out: list[str] = []
        for c in tok.children:
            if c.dep_ in ("amod", "acl", "compound") and (
                    c.lemma_.lower() in words or c.lower_.split("-")[-1].rstrip("d") in words
                    or c.lower_.split("-")[-1] in {w + "d" for w in words}):
                # who: the agent ("mediated by Norway") or the modifier ("Swiss-mediated"),
                # not a place phrase hung on it
                who = [y for d in c.children if d.dep_ in ("npadvmod", "compound", "nmod")
                       for y in d.subtree if y.dep_ in ("npadvmod", "compound", "nmod")]
                out += [e for x in [c, *who] if x.i != tok.i for e in [view.ent_at(x.i)] if e]
                out += [e for a in c.children if a.dep_ == "agent" for p in a.children
                        if p.dep_ == "pobj" for e in view.np_entities(p, deep=False)]
        holders = [tok] + ([tok.head] if tok.dep_ in ("nsubj", "nsubjpass", "dobj")
                           and tok.head.pos_ in ("VERB", "AUX") else [])
        for c in (x for h in holders for x in h.children):
            if c.dep_ == "prep" and c.lower_ in ("under", "with"):
                for p in c.children:
                    if p.dep_ == "pobj" and (p.lower_ in nouns or p.lemma_.lower() in nouns):
                        out += [e for q in p.children if q.dep_ == "prep" and q.lower_ == "of"
                                for o in q.children if o.dep_ == "pobj" for e in view.np_entities(o)]
        out = [e for e in _unique(out) if view.is_party(e)]
        # a nationality stands for its state ("Swiss-mediated")
        return _unique([view.state_of(view.entities[e].name.split("-")[0]) or e
                        if view.etype(e) == "NORP" else e for e in out])

    @staticmethod
    def _country(view: DocView, eid: str | None) -> str | None:
        return getattr(view.entities.get(eid), "country", None) if eid else None

    def _side_fits(self, view: DocView, ev: _Ev, side: str | None, members: list[str]) -> bool:
        parts = set(ev.actors) | set(ev.targets)
        if (side and side in parts) or parts & set(members):
            return True
        codes = {self._country(view, m) for m in [side, *members]} - {None}
        return bool(codes & {self._country(view, p) for p in parts})

    def _add_members(self, view: DocView, ev: _Ev, side: str | None, members: list[str]) -> None:
        party = side if side and view.etype(side) != "PERSON" else ev.affil.get(side or "")
        for m in members:
            if party and m != party and view.etype(m) == "PERSON":
                ev.affil.setdefault(m, party)
            if m in ev.actors or m in ev.targets or m == ev.location:
                continue
            code = self._country(view, m)
            mates = [x for x in (side, *members) if x and x != m]
            if any(x in ev.targets for x in mates) or (code and not any(
                    self._country(view, a) == code for a in ev.actors) and any(
                    self._country(view, t) == code for t in ev.targets)):
                ev.targets.append(m)
            else:
                ev.actors.append(m)

    # ------------------------------------------------------------ statements → ACCUSE
    def accusations(self, view: DocView) -> list[_Ev]:
        out = []
        doc = view.doc
        for st in doc._.statements or []:
            if not st.speaker:
                continue
            span = doc.char_span(st.content_span["start"], st.content_span["end"],
                                 alignment_mode="expand")
            if span is None:
                continue
            word = next((t for t in span if t.lemma_.lower() in self.accuse_words
                         or t.lower_ in self.accuse_words), None)
            if word is None:
                continue
            root = span.root
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            own = view.ent_at(subj.i) if subj is not None else None
            if own and subj is not None and view.etype(own) == "NORP":
                own = view.state_of(subj.text) or own
            if own and view.etype(own) in PLACE_TYPES and not view.is_country(own):
                own = None
            ids = [e for e in [own] if e and e != st.speaker]
            if not ids:
                continue
            ev = _Ev("ACCUSE", word, None, [st.speaker], ids[:1], seg=view.segment(word.i))
            out.append(ev)
        return out

    def told_acts(self, view: DocView) -> list[_Ev]:
        """"The ministry said the tourists were found filming army depots": a statement
        telling that someone else did a hostile act (``accusation_acts``) is the speaker's
        accusation, against the state of the one who did it where it is named."""
        out: list[_Ev] = []
        for st, span in _spoken_spans(view.doc):
            sensitive = any(t.lower_ in self.sensitive_words for t in span)
            act = next((t for t in span if t.pos_ == "VERB" and (
                t.lemma_.lower() in self.accused_acts
                or (sensitive and t.lemma_.lower() in self.sensitive_acts))
                and not any(c.dep_ == "neg" for c in t.children)), None)
            if act is None or any(e.trigger.i == act.i for e in out) \
                    or any(a.pos_ in ("NOUN", "PROPN") for a in act.ancestors):
                continue  # (not "rejected the claim that the crew had been spying")
            subj = next((c for c in _clause(act).children if c.dep_ in ("nsubj", "nsubjpass")),
                        None)
            own = next((e for e in (view.ent_at(x.i) for x in subj.subtree) if e), None) \
                if subj is not None else None
            if own == st.speaker or (subj is not None and subj.lower_ in ("we", "i")):
                continue
            targets = [own] if own and (view.etype(own) not in PLACE_TYPES
                                        or view.is_country(own)) else []
            out.append(_Ev("ACCUSE", act, None, [st.speaker], targets, seg=view.segment(act.i),
                           date=st.date, default_date=False))
        return out

    def threats(self, view: DocView) -> list[_Ev]:
        """"We will take it to the tribunal unless Ostria pays": a speaker's future recourse
        (``threat_words``) on a condition another party fails ("if"/"unless" with a negation,
        or "unless") is a threat against that party."""
        out = []
        for st, span in _spoken_spans(view.doc):
            word = next((t for t in span if t.lower_ in self.threat_words and t.pos_ == "NOUN"),
                        None)
            cond = next((t for t in span if t.dep_ == "advcl" and any(
                m.dep_ == "mark" and (m.lower_ == "unless" or (m.lower_ == "if" and any(
                    n.dep_ == "neg" for n in t.children))) for m in t.children)), None)
            if word is None or cond is None or cond.is_ancestor(word):
                continue
            subj = next((c for c in cond.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            own = next((e for e in (view.ent_at(x.i) for x in subj.subtree) if e), None)
            if own and view.etype(own) == "NORP":
                own = view.state_of(subj.text) or own
            if not own or own == st.speaker or (view.etype(own) in PLACE_TYPES
                                                and not view.is_country(own)):
                continue
            out.append(_Ev("THREATEN", word, None, [st.speaker], [own], seg=view.segment(word.i),
                           date=st.date or (view.published or "")[:10] or None,
                           default_date=not st.date and bool(view.published)))
        return out

    def _voices(self, view: DocView, found: list[_Ev]) -> None:
        """"Ruritania accused Borduvia of ... . 'This is a grave failure,' Foreign Minister Ana
        Lupo told reporters": a state's or body's act of speech (``voiced_by_speaker``) with
        no person acting is voiced by the person who speaks for it in that sentence or the
        next, of no other state; they act with it, their affiliation that state or body.
        Only an act told as a clause (a verb); another act (not talks) only by a person the
        text names as the body's own ("X, the EU's special envoy, said")."""
        segs = view.segments()
        speakers: dict[int, list[str]] = {}  # segment number → its person speakers, in order
        for st in view.doc._.statements or []:
            eid = st.speaker
            if not eid or view.etype(eid) != "PERSON":
                continue
            span = view.doc.char_span(st.content_span["start"], st.content_span["end"],
                                      alignment_mode="expand")
            if span is None or view.segment(span.start) not in segs:
                continue
            n = segs.index(view.segment(span.start))
            if eid not in speakers.setdefault(n, []):
                speakers[n].append(eid)
        for ev in found:
            voiced = self.does(ev.type, "voiced_by_speaker")
            if ev.mention or ev.status != "occurred" or self.does(ev.type, "delegations") \
                    or len(ev.actors) != 1 or view.etype(ev.actors[0]) == "PERSON" \
                    or (voiced and ev.trigger.pos_ != "VERB") or ev.seg not in segs:
                # (a noun, "rejected accusations by Ruritania", is the act told in passing)
                continue
            side = ev.actors[0]
            if not (view.is_country(side) or view.etype(side) == "ORG"):
                continue
            n = segs.index(ev.seg)
            code = self._country(view, side)
            for p in speakers.get(n, []) + speakers.get(n + 1, []):
                own = self._country(view, p)
                if p in ev.targets or (own and code and own != code) or any(
                        own and self._country(view, t) == own for t in ev.targets):
                    continue
                if not voiced and not self._speaks_for(view, p, side, (segs[n], *segs[n + 1:n + 2])):
                    continue  # another act: only its own official ("the EU's envoy X") speaks for it
                ev.actors.append(p)
                ev.affil.setdefault(p, side)
                break

    @staticmethod
    def _speaks_for(view: DocView, p: str, side: str, segs) -> bool:
        """Is person ``p`` named in these segments as an official of ``side`` ("X, the EU's
        special envoy", "EU envoy X")?"""
        for lo, hi in segs:
            for t in view.doc[lo:hi]:
                if view.ent_at(t.i) != p or view.ent_at(t.head.i) == p and t.head.i != t.i:
                    continue
                if any(view.ent_at(x.i) == side or view.state_of(x.text) == side
                       for x in t.subtree if view.ent_at(x.i) != p):
                    return True
        return False

    # ------------------------------------------------------------ all together
    _view: DocView | None = None
    _last_members: list = []
    _noted_affil: dict = {}  # person → state, noted while reading a trigger's participants

    def __call__(self, doc: Doc) -> Doc:
        """The events of a document: each trigger in turn (``_scan_trigger``), then the
        accusations, the dates settled, mentions resolved (``_settle``), and the records."""
        _dated_gerunds(doc)
        _nominal_gerunds(doc)
        view = DocView(doc)
        self._view = view
        run = _Run(view, _lead_end(view), {sg: n for n, sg in enumerate(view.segments())})
        for tok in doc:
            spec = self.spec_for(view, tok)
            if spec is not None:
                self._scan_trigger(run, tok, spec)
        found = run.found
        found += self.accusations(view)
        found += self.threats(view)
        found += self.told_acts(view)
        found.sort(key=lambda e: e.trigger.i)
        _settle_dates(found, view.published, run.title_end)
        _dated_by_event(found)
        _talks_before_agreement(found, self.sequence_preps)
        _headline_from_lead(view, found)
        self._acts_of_the_lead_day(view, found, run.title_end)
        found = self._settle(view, found, run.title_end)
        self._voices(view, found)
        doc._.events = self._records(view, _dedupe(found, self.sequence_preps))
        return doc

    def _acts_of_the_lead_day(self, view: DocView, found: list[_Ev], title_end: int) -> None:
        """A report's undated statement acts ("the spokesman called on X to show restraint",
        "she rejected the claim"), told in the simple past after a lead dated a day at most
        before publication, were made on the lead's day: a weaker date (``default_date``)
        than one the text gives."""
        pub = (view.published or "")[:10]
        lead = next((e for e in found if e.trigger.i < title_end and not e.mention
                     and e.status == "occurred" and e.date and len(e.date) == 10 and pub
                     and e.date <= pub and _days(e.date, pub) <= 1
                     and "\n" in view.doc[:e.trigger.i].text), None)
        if lead is None:
            return
        for ev in found:
            t = ev.trigger
            if ev.date or ev.mention or ev.inherited or ev.status != "occurred" \
                    or t.i < title_end or not self.does(ev.type, "said_on_the_lead_day") \
                    or t.pos_ != "VERB" or t.tag_ != "VBD" or _perfect(t, None) \
                    or _background_clause(t, None) or view.inside_quote(t.i) \
                    or not (ev.actors and (set(ev.actors) & set(lead.actors + lead.targets)
                                           or all(view.etype(a) == "PERSON" for a in ev.actors))):
                continue
            lo, hi = view.segment(t.i)
            if any(v and v[:10] != lead.date for v in (view.time_value([i]) for i in range(lo, hi))):
                continue  # "it was seized on May 2, and X accused the crew": background
            ev.date, ev.default_date = lead.date, True

    def _scan_trigger(self, run: _Run, tok: Token, spec: dict) -> None:
        """One trigger: its event with participants, place, date and status, kept in
        ``run.found`` unless a phase drops it (no parties, a demand, a mere topic...)."""
        if self._stopped_flow(run.view, tok):
            return
        cand = self._candidate(run.view, tok, spec)
        if cand is None:
            return
        ev, site = cand
        mention = self._refer_back(run, ev, site)
        if mention is None:
            return
        self._date_from_clause(run, ev, site)
        if not self._set_status(run, ev, site):
            return
        if self._only_a_topic(run.view, ev, site):
            return
        view = run.view
        if ev.status == "planned" and self._conditional_refusal(tok, site.etype):
            # "Ruritania will veto the loan for as long as X keeps the pipeline closed": a
            # threat, made when it was said
            ev.type, ev.status = "THREATEN", "occurred"
        if ev.date is None and view.published and ev.status == "occurred" and not ev.inherited \
                and (tok.pos_ == "VERB" or site.gov is not None or _headline_noun(tok, run.title_end)) \
                and not _perfect(tok, site.gov) and not _background_clause(tok, site.gov) and (
                tok.i < run.title_end or _present_tense(tok, site.gov)) \
                and not _charged(self, view, site.anchor) and not _rejected_noun(self, tok) \
                and not (tok.pos_ != "VERB" and tok.dep_ == "nsubj" and site.gov is not None
                         and site.gov.lemma_ == "be" and _definite(view, tok)):
            # (a charge's deed: not of the day, nor the accusation a rejection names; "the
            # attack at V is the work of ...": what is said of an event named, not the news)
            ev.date = view.published
            ev.default_date = True
        if self.does(site.etype, "refusal_needs_counterpart") and ev.status == "negated" \
                and not ev.targets \
                and len(ev.actors) < 2:
            return  # "would not accept any deal": no counterpart, no agreement refused
        self._keep(run, ev, mention)

    def _conditional_refusal(self, tok: Token, etype: str) -> bool:
        """A refusal or halt announced under a condition ("will block X unless Y", "for as
        long as Y") is a threat (data/events/status_cues.json ``threat``)."""
        cue = self.cues.get("threat", {})
        if etype not in cue.get("types", ()) or tok.pos_ != "VERB":
            return False
        marks = set(cue.get("marks", ()))
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                return True
            if c.dep_ == "prep" and " ".join(x.lower_ for x in c.subtree).startswith(
                    tuple(cue.get("phrases", ()))):
                return True
        return False

    def _stopped_flow(self, view: DocView, tok: Token) -> bool:
        """"halted arms deliveries to X", "the suspension of aid": the flow a halt stops is
        no event of its own (the halt is one)."""
        h = tok.head
        if tok.dep_ == "pobj" and h.lower_ in ("of", "in"):
            h = h.head
        elif tok.dep_ not in ("dobj", "nsubjpass", "compound"):
            return False
        if h.i == tok.i:
            return False
        spec, own = self.spec_for(view, h), self.spec_for(view, tok)
        if spec is None or own is None or spec["type"] == own["type"]:
            return False
        lemmas = spec.get("object_lemmas") or spec.get("modifier_lemmas") or ()
        return tok.lemma_.lower() in lemmas or tok.lower_ in lemmas

    def _anchor(self, view: DocView, tok: Token) -> Token:
        """The token a noun trigger's phrase hangs on: "a military aid package for Ukraine"
        (the noun after), "its 19th package of sanctions", "a new round of talks" (the
        container)."""
        anchor = tok.head if (tok.pos_ != "VERB" and tok.dep_ in ("compound", "nmod")
                              and tok.head.pos_ == "NOUN" and tok.head.i > tok.i
                              and self.spec_for(view, tok.head) is None) else tok
        if tok.pos_ != "VERB" and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
                and tok.head.head.lemma_.lower() in self.containers:
            anchor = tok.head.head
        return anchor

    def _parties_and_place(self, view: DocView, tok: Token, anchor: Token, etype: str,
                           gov: Token | None, spec: dict):
        """Actors, targets and location of a trigger (the anchor's and the trigger's own
        participants; the type's own rule in ``PARTICIPANT_RULES``, as data/events/types.json
        names it); the location is never a participant."""
        actors, targets = self.participants(view, anchor, etype, gov, spec)
        if anchor.i != tok.i:
            a2, t2 = self.participants(view, tok, etype, None, spec)
            actors = _unique(actors + a2)
            targets = [t for t in _unique(targets + t2) if t not in actors]
        loc = self.location(view, anchor, gov)
        rule = self.participant_rules.get(etype)
        if rule is not None:
            actors, targets, loc = rule(self, view, tok, anchor, spec, actors, targets, loc)
        if self.does(etype, "places_are_no_parties"):
            venues = [e for e in actors + targets if self._venue(view, e)]
            loc = loc or next(iter(venues), None)  # "arriving at the Palais des Arts"
            actors = [a for a in actors if a not in venues]
            targets = [t for t in targets if t not in venues]
        actors = [a for a in actors if a != loc]
        targets = [t for t in targets if t != loc]
        return actors, targets, loc

    def _venue(self, view: DocView, eid: str) -> bool:
        """A named building where people meet ('the Palais des Arts'), no party."""
        e = view.entities.get(eid)
        if e is None or view.is_country(eid) or view.etype(eid) == "PERSON":
            return False
        return any(w in self.venue_words for w in e.name.lower().replace("-", " ").split())

    def _candidate(self, view: DocView, tok: Token, spec: dict):
        """The event a trigger proposes, with what the later phases need (``_Site``); None
        for a consultation whose only participants are places."""
        etype = spec["type"]
        self._noted_affil = {}
        anchor = self._anchor(view, tok)
        gov = self.governor(anchor) if tok.pos_ != "VERB" else None
        actors, targets, loc = self._parties_and_place(view, tok, anchor, etype, gov, spec)
        held = self.held_participle(tok, etype) or (
            self.held_participle(anchor, etype) if anchor.i != tok.i else None)
        if held is not None:
            # "an accord reached by X and Y with Z in Skopje": the participle's phrases
            loc = loc or self.location(view, tok, held)
            a2, t2 = self._held_parties(view, held, etype)
            actors = [a for a in _unique(actors + a2) if a != loc]
            targets = [t for t in _unique(targets + t2) if t not in actors and t != loc]
        if loc is None and self.does(etype, "placed_by_talks"):
            loc = self._talks_place(view, [tok, anchor] + ([gov] if gov is not None else []))
            actors = [a for a in actors if a != loc]
            targets = [t for t in targets if t != loc]
        line = _dateline(view, tok, actors) if tok.pos_ == "VERB" else set()
        if line:
            # "LYON - X met Y": a dateline's place says where the report was filed, no party
            actors = [a for a in actors if a not in line]
        mediators = self._mediators(view, tok) if self.does(etype, "mediators") else []
        actors += [m for m in mediators if m not in actors and m not in targets and m != loc]
        mode = spec.get("mode")
        if self.does(etype, "modes") and any(
                x.lemma_.lower() in self.phone_words
                for x in [*tok.children, *(g for c in tok.children if c.dep_ == "prep"
                                           for g in c.children)]):
            mode = "phone"  # "spoke by phone", "a video call"
        ev = _Ev(etype, tok, mode, actors, targets, loc, seg=view.segment(tok.i))
        ev.mediators = [m for m in mediators if m in actors]
        ev.affil.update({p: s for p, s in self._noted_affil.items() if p in actors or p in targets})
        if self.does(etype, "places_are_no_parties") and (actors or targets) and not any(
                view.is_party(e) for e in actors + targets):
            return None  # a flight from Frankfurt to Chicago: places alone are no parties
        definite = tok.pos_ != "VERB" and _definite(view, tok)
        return ev, _Site(tok, spec, etype, anchor, gov, loc, mode, definite,
                         self.date(view, anchor, gov) or (
                             self.date(view, anchor, held) if held is not None else None), held)

    def _talks_place(self, view: DocView, heads: list[Token]) -> str | None:
        """Where the talks an agreement came out of were held: "signed a truce after three
        days of talks in Bergen", "agreed on Friday, ending talks in Bergen"."""
        phrases = [p for h in heads for c in h.children
                   if c.dep_ == "prep" and c.lower_ in self.held_preps for p in c.children
                   if p.dep_ == "pobj"]
        phrases += [o for h in heads for c in h.children if c.dep_ == "advcl"
                    and c.lemma_.lower() in self.hold_verbs for o in c.children if o.dep_ == "dobj"]
        for p in phrases:
            for t in p.subtree:
                spec = self.spec_for(view, t) if t.pos_ in ("NOUN", "PROPN") else None
                if spec is None or not self.does(spec["type"], "referred_back"):
                    continue
                loc = self.location(view, t, None)
                if loc and not view.is_country(loc):
                    return loc
        return None

    def _held_parties(self, view: DocView, held: Token, etype: str) -> tuple[list[str], list[str]]:
        """Who a held participle names: its agent ("reached by X and Y") acts, its
        with-phrase ("reached with Z") is the counterpart."""
        actors = [e for c in held.children if c.dep_ == "agent" for p in c.children
                  if p.dep_ == "pobj" for e in view.np_entities(p)]
        targets = [e for c in held.children if c.dep_ == "prep" and c.lower_ == "with"
                   for p in c.children if p.dep_ == "pobj" for e in view.np_entities(p)
                   if view.etype(e) not in PLACE_TYPES or view.is_country(e)]
        return _unique(actors), [t for t in _unique(targets) if t not in actors]

    def _refer_back(self, run: _Run, ev: _Ev, site: _Site) -> bool | None:
        """An event with nobody named takes the parties of the consultation before ("the
        talks", "the two sides agreed") or is a mention of talks at a place; "X attended the
        meeting" joins it. Returns whether the event is a mention, None to drop it."""
        view, last = run.view, run.last_consult
        tok, gov, loc, etype, definite = site.tok, site.gov, site.loc, site.etype, site.definite
        own_date = site.own_date
        same_as_last = last is not None and not (
            loc and loc != last.location and (
                last.location or run.seg_no.get(ev.seg, 0) - run.seg_no.get(last.seg, 0) > 1)
        ) and not (
            own_date and last.date and not _dates_fit(own_date, last.date))
        mention = False
        back = self.does(etype, "referred_back")
        if not ev.actors and not ev.targets:
            # "the talks", "the meeting": the consultation reported before
            # (talks elsewhere or on another day: mostly the same parties' earlier round)
            if self.does(etype, "takes_parties_before") and last is not None \
                    and (same_as_last or tok.pos_ == "VERB") and self._the_parties(tok, gov):
                # ("the ministers first met in Lyon on May 2": the same people, another round)
                # "the two sides discussed", "the delegations agreed": the parties before
                ev.actors = _unique(last.actors + last.targets)
                ev.inherited = True
            elif back and definite and last is not None:
                ev.actors, ev.targets = list(last.actors), list(last.targets)
                ev.inherited = True
            elif back and last is not None and tok.pos_ != "VERB" and _days_own(own_date) \
                    and any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children):
                # "since their phone call of May 2": the parties just told, on a day of its own
                ev.actors = _unique(last.actors + last.targets)
                ev.inherited = True
            elif back and last is None and self._chaired_by(view, tok):
                # "A meeting in Lyon on Thursday failed ... The meeting was chaired by X and
                # attended by Y": with no consultation before, those named are its parties
                ev.actors = self._chaired_by(view, tok)
            elif back and definite and last is None \
                    and _from_agreement(ev, run.last_agree, run.seg_no):
                site.own_date = own_date or ev.date
            elif back and tok.pos_ != "VERB" and loc and not view.is_country(loc) \
                    and (definite or site.anchor.i != tok.i or _days_own(own_date)
                         or _week_own(own_date)
                         or any(view.ent_at(c.i) == loc for c in tok.children)):
                # ("after two days of talks in Astana": a container phrase is referential)
                # "the talks in Geneva", "the Geneva talks": a background mention of talks
                # at a place; the timeline joins it to the talks held there
                mention = True
            elif self._held_mention(view, site):
                mention = True  # "the truce signed in Lisbon on Monday", "the Lisbon accord"
            elif self.does(etype, "dated_mentions") and (
                    (site.own_date and len(site.own_date) == 10)
                    or (tok.pos_ != "VERB" and loc and not view.is_country(loc)
                        and any(view.ent_at(c.i) == loc
                                for c in (tok.subtree if definite else tok.children)))):
                # ("after the Kharkiv shelling", "the attack at V": a mention by its place)
                # "the Valka shelling of October 25", "since the transit was halted on
                # October 14": the timeline joins it to the one event of its kind that day
                mention = True
            else:
                return None
        elif back and definite and same_as_last and last is not None and not ev.targets \
                and self._attending(tok, gov):
            # "Dmitriev also attended the meeting", "took part in the call": one more
            # participant of the consultation reported before
            ev.targets = [t for t in _unique(last.actors + last.targets)
                          if t not in ev.actors]
            ev.joined = True
        return mention

    def _chaired_by(self, view: DocView, tok: Token) -> list[str]:
        """The parties named as agents of "the meeting was chaired by X and attended by Y"."""
        if tok.dep_ != "nsubjpass":
            return []
        out: list[str] = []
        for v in [tok.head] + [c for c in tok.head.children if c.dep_ == "conj" and c.pos_ == "VERB"]:
            if v.lemma_.lower() in self.deleg["meeting_agent_verbs"]:
                out += [e for a in v.children if a.dep_ == "agent" for p in a.children
                        if p.dep_ == "pobj" for e in view.np_entities(p)
                        if view.etype(e) not in PLACE_TYPES or view.is_country(e)]
        return _unique(out)

    def _held_mention(self, view: DocView, site: _Site) -> bool:
        """A noun event with nobody named that was held: a participle of holding with a place
        or a day ("the truce signed in Lisbon", "the talks held on Monday"), or a definite
        noun named after its place ("the Lisbon accord"); the timeline joins it by place."""
        tok, loc = site.tok, site.loc
        if not self.does(site.etype, "held_mentions"):
            return False
        if tok.pos_ == "VERB":
            # "the exchange was agreed in Lisbon", "on May 2 the Protocol was signed": a
            # passive with a definite thing as subject, and a place or a day
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            return bool(loc or _days_own(site.own_date)) and tok.tag_ == "VBN" \
                and subj is not None and subj.pos_ in ("NOUN", "PROPN") and _definite(view, subj) \
                and any(c.dep_ == "auxpass" for c in tok.children)
        if site.held is not None:
            return bool(loc or site.own_date)
        return site.definite and bool(loc) and not view.is_country(loc) \
            and any(view.ent_at(c.i) == loc for c in tok.children)

    def _date_from_clause(self, run: _Run, ev: _Ev, site: _Site) -> None:
        """The event's date: its own, else the joined consultation's, else (a meeting in a
        prepositional phrase) the time of the clause it is in or a statement's day."""
        view, tok = run.view, site.tok
        ev.date = site.own_date
        if ev.date is None and ev.joined:
            assert run.last_consult is not None  # joined: to the consultation reported before
            ev.date = run.last_consult.date
        if ev.date is None and tok.pos_ != "VERB" and site.gov is None and tok.dep_ == "pobj" \
                and tok.head.lower_ in ("at", "during") and tok.head.head.pos_ == "VERB":
            # "Sybiha said on Wednesday at a meeting": the time of the clause it is in
            v = tok.head.head
            ev.date = view.time_value(sorted(
                t.i for c in v.children if c.i != tok.head.i
                and c.dep_ in ("prep", "npadvmod", "advmod", "tmod")
                for t in c.subtree if not _crosses_clause(t, c)))
            if ev.date is None and view.published and v.tag_ == "VBD" \
                    and v.lemma_.lower() in self.speech_verbs and not _perfect(v, None):
                ev.date = view.published  # a statement of the day's news
                ev.default_date = True
        if ev.date is None and tok.pos_ == "VERB" and tok.dep_ == "advcl" and tok.tag_ == "VBD" \
                and any(c.dep_ == "mark" and c.lower_ in ("as", "while", "when") for c in tok.children):
            # "X urged both sides on Thursday to settle, as Budapest threatened a veto": at
            # the same time as the clause it hangs on
            v, below = tok.head, tok
            for _ in range(3):  # ("urged them on Thursday to settle ..., as"): up the clauses
                ev.date = view.time_value(sorted(
                    t.i for c in v.children if c.i != below.i
                    and c.dep_ in ("prep", "npadvmod", "tmod")
                    for t in c.subtree if not _crosses_clause(t, c)))
                if ev.date or v.dep_ not in ("xcomp", "conj") or v.head.i == v.i:
                    break
                v, below = v.head, v

    def _set_status(self, run: _Run, ev: _Ev, site: _Site) -> bool:
        """The event's status (cues, a meeting as a topic, "ahead of", the trigger governing
        it); False when a demand or threat governs it: not (yet) an event."""
        tok, gov = site.tok, site.gov
        if self._plan_only(run.view, tok, site.etype):
            return False
        ev.status = self.status(site.anchor, gov)
        if ev.status == "hypothetical" and _charged(self, run.view, site.anchor):
            ev.status = "occurred"  # "accused Y of sending soldiers to attack": a charge of a deed
        unheld = set(self.cues["planned"]["amod"]) | set(self.cues["hypothetical"].get("amod", []))
        if site.held is not None and ev.status in ("hypothetical", "planned") and not any(
                a.dep_ in ("amod", "compound") and a.lower_ in unheld for a in tok.children):
            ev.status = "occurred"  # "the truce signed on Monday would not hold": it was signed
        if site.spec.get("only_negated") and ev.status == "negated":
            ev.status = "occurred"  # the refusal itself took place
        if ev.status == "occurred" and tok.pos_ != "VERB" and gov is None and not ev.date \
                and tok.dep_ == "pobj" and tok.head.lower_ in ("about", "of", "on", "over") \
                and tok.head.head.lower_ not in ("ahead", "prior") \
                and any(d.dep_ == "det" and d.lower_ in ("a", "an", "any") for d in tok.children):
            # "too early to talk about a meeting between Putin and Zelensky", "the
            # possibility of a summit": a meeting as a topic has not taken place
            ev.status = "hypothetical"
        if ev.status == "occurred" and tok.pos_ != "VERB" and gov is None and tok.dep_ == "pobj" \
                and (tok.head.lower_ == "before" or (tok.head.lower_ == "of" and tok.head.head.lower_ == "ahead")):
            v = _clause(tok)
            if tok.i < run.title_end or v.tag_ in ("VBZ", "VBP"):
                ev.status = "planned"  # "Witkoff arrives in Moscow ahead of Kremlin meeting"
        # "the demand to withdraw", "urged Russia to withdraw": not (yet) an event
        ruled = self._governing_trigger(run.view, tok)
        if ruled is not None:
            effect = self.governed.get(ruled)
            if effect == "drop":
                return False
            if ev.status == "occurred" and effect:
                ev.status = effect
        return True

    def _plan_only(self, view: DocView, tok: Token, etype: str) -> bool:
        """"the two ministers agreed to meet on Tuesday": an agreement whose only content is
        a meeting (data/events/types.json plan_only_for) is the plan of that meeting, which
        the meeting's own trigger reports as planned; no agreement of its own."""
        kinds = self.plan_only.get(etype)
        if not kinds or tok.pos_ != "VERB" or any(
                c.dep_ in ("dobj", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("on", "to") and not any(
                    p.i in view.token_time for p in c.children))  # "agreed on Thursday to meet"
                for c in tok.children):
            return False
        acts = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if len(acts) != 1:
            return False
        act = acts[0]
        heads = [act] + [o for o in act.children if o.dep_ == "dobj"]
        for h in heads:
            spec = self.spec_for(view, h)
            if spec is not None:
                return spec["type"] in kinds and not any(
                    c.dep_ == "conj" and c.pos_ == "VERB" for c in act.children)
        return False

    def _only_a_topic(self, view: DocView, ev: _Ev, site: _Site) -> bool:
        """"peace talks live", "while the talks continue", "open to further contacts with
        Washington": a talks noun with no one holding it, no date, no place and fewer than
        two named parties is a topic, not a consultation that took place."""
        tok, gov = site.tok, site.gov
        return self.does(site.etype, "topic_unless_held") and tok.pos_ != "VERB" \
            and not (ev.inherited or ev.joined) \
            and not site.own_date and not site.loc and not self._held(tok, gov) \
            and site.held is None \
            and not (site.mode == "visit" and any(view.etype(e) in ("GPE", "LOC", "FAC")
                                                  for e in ev.actors + ev.targets)) \
            and self._named_parties(view, site.anchor, ev) < 2

    def _keep(self, run: _Run, ev: _Ev, mention: bool) -> None:
        """Keep the event; a full agreement or consultation is the one later ones refer to
        (a consultation with more parties in the same segment replaces the one before)."""
        if mention:
            ev.mention = True
            run.found.append(ev)
            return
        last = run.last_consult
        if self.does(ev.type, "agreement_referred_to") and ev.status == "occurred" and not ev.inherited \
                and len(set(ev.actors) | set(ev.targets)) >= 2:
            run.last_agree = ev
        if self.does(ev.type, "referred_back") and ev.status == "occurred" \
                and (not ev.inherited or (last is None and len(ev.actors) + len(ev.targets) >= 2)) and (
                last is None or last.seg != ev.seg
                or len(ev.actors) + len(ev.targets)
                > len(last.actors) + len(last.targets)):
            run.last_consult = ev
        run.found.append(ev)

    def _settle(self, view: DocView, found: list[_Ev], title_end: int) -> list[_Ev]:
        """After all triggers: a mention takes the parties of a later report of the same
        talks, delegations attach, and a headline's mention of talks the body reports goes."""
        # a headline's "Florida talks end": the talks the body reports with their participants
        # "The talks in Geneva ended on Monday ... US and Ukrainian officials met in Geneva":
        # a mention takes the parties of a later report of talks at the same place
        for n, m in enumerate(found):
            # "A meeting in Lyon on Thursday failed... The meeting was chaired by X": the
            # report after a mention, with no place or day of its own, is of that meeting
            nxt = next((e for e in found[n + 1:] if e.type == m.type), None)
            if m.mention and m.date and nxt is not None and not nxt.mention and not nxt.location \
                    and not nxt.date and nxt.status == m.status and _definite(view, nxt.trigger) \
                    and self._segments_apart(view, m, nxt) <= 3:
                nxt.location, nxt.date = m.location, m.date
        for m in found:
            if m.mention:
                # ("The attack on the post began on Saturday", with no place, after "accused
                # Y of sending soldiers to attack a post near V": the one attack, placed there)
                unplaced = m.location is None and self.does(m.type, "dated_mentions") \
                    and _definite(view, m.trigger)
                o = next((e for e in found if not e.mention and e.type == m.type
                          and (e.location == m.location or unplaced) and (e.actors or e.targets)
                          and e.status == m.status
                          and (not m.date or not e.date or _dates_fit(m.date, e.date))), None)
                if o is not None:
                    m.actors, m.targets = list(o.actors), list(o.targets)
                    m.mention, m.inherited = False, True
                    if unplaced:
                        m.location, o.date = o.location, o.date or m.date
        self._attach_delegations(view, found)

        def country(eid):
            return getattr(view.entities.get(eid), "country", None) if eid else None
        return [m for m in found if not (m.mention and m.trigger.i < title_end and any(
            not e.mention and e.type == m.type and self.does(e.type, "referred_back")
            and e.status == "occurred"
            and (e.actors or e.targets)
            and e.location and (e.location == m.location or not country(e.location)
                                or country(e.location) == country(m.location))
            for e in found))]

    @staticmethod
    def _segments_apart(view: DocView, a: _Ev, b: _Ev) -> int:
        segs = view.segments()
        return abs(segs.index(b.seg) - segs.index(a.seg)) if a.seg in segs and b.seg in segs else 99

    def _records(self, view: DocView, kept: list[_Ev]) -> list[Event]:
        """The contract's ``Event`` records, numbered in order."""
        events: list[Event] = []
        folios = _portfolios(view)
        for ev in kept:
            t = ev.trigger
            if folios:
                ev.actors = [a for a in ev.actors if a not in folios]
                ev.targets = [a for a in ev.targets if a not in folios]
            events.append(Event(
                # an _Ev's type and status are the contract's (data/events grammar)
                id=f"v{len(events) + 1}", type=cast(EventType, ev.type), trigger=t.text,
                actors=ev.actors, targets=ev.targets, location=ev.location, date=ev.date,
                status=cast(EventStatus, ev.status), mode=ev.mode if self.does(ev.type, "modes") else None,
                evidence=view.char_range(*ev.seg),
                trigger_span={"start": t.idx, "end": t.idx + len(t.text)},
                affiliation={m: p for m, p in ev.affil.items()
                             if m in ev.actors or m in ev.targets},
                date_inferred=bool(ev.default_date and ev.date),
                mediators=[m for m in ev.mediators if m in ev.actors or m in ev.targets],
                place_in=self._place_in(view, ev.location)))
        return events


_HOLDERS = frozenset({"minister", "secretary", "commissioner", "minister-delegate"})


def _portfolios(view: DocView) -> set[str]:
    """Organisations named only as a minister's portfolio ("the Minister of Water Resources
    and of the Coastal Fisheries, X"): a title, not a party of the person's acts."""
    firsts: dict[str, list[int]] = {}
    for i, eid in sorted(view.token_entity.items()):
        if i == 0 or view.token_entity.get(i - 1) != eid:
            firsts.setdefault(eid, []).append(i)
    doc = view.doc
    out = set()
    for eid, starts in firsts.items():
        if view.etype(eid) != "ORG":
            continue

        def held(i: int) -> bool:
            j = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
            if j < 1 or doc[j].lower_ != "of":
                return False
            k = j - 1
            if doc[k].lower_ == "and":  # "... of Defense and of the Army"
                k = next((x for x in range(k - 1, max(k - 8, 0) - 1, -1)
                          if doc[x].lower_ == "of"), 0) - 1
            return k >= 0 and doc[k].lower_ in _HOLDERS
        if all(held(i) for i in starts):
            out.add(eid)
    return out


@dataclass
class _Run:
    """One document's pass over its triggers: the view, where the headline ends, segment
    numbers, the consultation and agreement later triggers may refer to, the events found."""

    view: DocView
    title_end: int
    seg_no: dict
    last_consult: _Ev | None = None
    last_agree: _Ev | None = None
    found: list[_Ev] = field(default_factory=list)


@dataclass
class _Site:
    """Where one trigger stands: what the phases after ``_candidate`` need of it."""

    tok: Token
    spec: dict
    etype: str
    anchor: Token
    gov: Token | None
    loc: str | None
    mode: str | None
    definite: bool
    own_date: str | None
    held: Token | None = None  # "the truce signed in Lisbon": the participle


# ------------------------------------------------------------------ helpers

_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _specs(spec) -> list[dict]:
    """A trigger's specs as a list (one spec or several tried in order)."""
    return [] if spec is None else spec if isinstance(spec, list) else [spec]


def _stray_subject(view: DocView, tok: Token) -> list[str]:
    """"Signed! A and B sign the agreement" parsed with no subject, the names hung on the
    verb as a modifier before it: they are its subject."""
    return [e for c in tok.children if c.dep_ in ("nmod", "npadvmod", "dep") and c.i < tok.i
            for e in view.np_entities(c) if view.is_party(e)]


def _stray_agent(tok: Token) -> list[Token]:
    """"was received at V by the minister": the by-phrase the parser hung on the place."""
    if not any(c.dep_ == "auxpass" for c in tok.children):
        return []
    return [q for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "in")
            for p in c.children if p.dep_ == "pobj"
            for b in p.children if b.dep_ == "prep" and b.lower_ == "by"
            for q in b.children if q.dep_ == "pobj"]


def _loose_appos(view: DocView, np: Token) -> list[str]:
    """"received by the Minister of Defence, Mr. A B, ...": the name set off by a comma
    right after a title the parser left without it."""
    end = max(t.i for t in np.subtree) + 1
    doc = view.doc
    if end + 1 >= len(doc) or doc[end].text != ",":
        return []
    i = end + 1
    while i < len(doc) and doc[i].text.rstrip(".").lower() in ("mr", "mrs", "ms", "dr", "m"):
        i += 1
    eid = view.ent_at(i) if i < len(doc) else None
    return [eid] if eid and view.etype(eid) == "PERSON" else []


def _unique(xs):
    out = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out


def _from_agreement(ev: _Ev, agree: _Ev | None, seg_no: dict) -> bool:
    """"X and Y reached an agreement in Graz on Thursday. The meeting was their first in
    person": the meeting the agreement came out of takes its parties, place and day (not an
    agreement to do something later: "agreed to continue the contacts")."""
    if agree is None or any(c.dep_ == "xcomp" for c in agree.trigger.children) \
            or seg_no.get(ev.seg, 0) - seg_no.get(agree.seg, 0) > 3:
        return False
    ev.actors, ev.targets = list(agree.actors), list(agree.targets)
    ev.location = ev.location or agree.location
    ev.date = ev.date or agree.date
    ev.inherited = True
    return True


def _settle_dates(found: list[_Ev], published: str | None, title_end: int) -> None:
    """A headline's present tense ("Putin receives envoys") reports the event the body dates
    ("met on Tuesday evening"): it takes that date rather than the publication's. An undated
    event told as "also" ("Zelensky also spoke with Starmer") happened on the day of the
    event before it with the same actor."""
    def parts(e):
        return set(e.actors) | set(e.targets)
    for ev in found:
        if ev.default_date and ev.trigger.i < title_end and published:
            for o in found:
                if o is not ev and not o.default_date and o.type == ev.type and o.date \
                        and len(o.date) == 10 and o.date <= published[:10] \
                        and (not o.mention or ev.mention) \
                        and o.status == "occurred" and _days(o.date, published[:10]) <= 3 \
                        and (len(parts(o) & parts(ev)) >= 2 or (
                            parts(o) & parts(ev) and o.location == ev.location and (
                                o.location or o.trigger.lemma_ == ev.trigger.lemma_))
                             or (ev.mention and ev.location and o.location == ev.location)):
                    ev.date = o.date
                    ev.default_date = False
                    break
    for n, ev in enumerate(found):
        if ev.date or ev.status != "occurred" or ev.inherited or ev.mention \
                or not any(c.lower_ == "also" and c.dep_ == "advmod" for c in _clause(ev.trigger).children):
            continue
        for o in reversed(found[:n]):
            if o.status == "occurred" and o.date and not o.mention and set(o.actors) & set(ev.actors):
                ev.date = o.date
                break


def _days_own(date: str | None) -> bool:
    """A day of the event's own ("a meeting in Lyon on Thursday"): it can be joined by it."""
    return bool(date) and len(date or "") == 10


def _dated_by_event(found: list[_Ev]) -> None:
    """"They spoke by phone two days after the halt": an event with no day of its own
    (or only its publication's), told some days or weeks after (before) another event of the
    text that has a day, takes that day shifted; the other event is the one the phrase
    names (its trigger), or the last one before it told with the noun's lemma ("the halt"
    after "was halted on May 2")."""
    lx = time_lexicon()
    after, before = set(lx["after_words"]), set(lx["before_words"])
    for ev in found:
        if (ev.date is not None and not ev.default_date) or ev.status != "occurred":
            continue
        heads = [ev.trigger] + ([ev.trigger.head] if ev.trigger.pos_ != "VERB" else [])
        for c in (x for h in heads for x in h.children):
            if c.dep_ != "prep" or c.lower_ not in after | before:
                continue
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            qty = next((q for q in c.children if q.dep_ == "npadvmod"), None)
            unit = lx["units"].get(qty.lower_) if qty is not None else None
            num = next((n for n in qty.children if n.dep_ in ("nummod", "det")), None) \
                if qty is not None else None
            n = (int(num.lower_) if num.lower_.isdigit() else lx["numbers"].get(num.lower_)) \
                if num is not None else None
            base = _event_day(found, ev, obj) if obj is not None else None
            if unit not in ("day", "week") or not n or base is None:
                continue
            days = n * (7 if unit == "week" else 1) * (1 if c.lower_ in after else -1)
            ev.date = (dt.date.fromisoformat(base) + dt.timedelta(days=days)).isoformat()
            ev.default_date = False
            break


def _talks_before_agreement(found: list[_Ev], seq_preps: frozenset) -> None:
    """"The accord was signed by X and Y after a day of talks mediated by Z": the talks the
    agreement came out of are held by its signers (the mediator kept) on its day. An
    undated agreement told with a definite noun ("the accord was signed") is the one the
    text dated before."""
    for ev in found:
        if ev.type != "AGREE" or ev.date or ev.status != "occurred" or not _definite_subject(ev):
            continue
        prior = [o for o in found if o.type == "AGREE" and o.trigger.i < ev.trigger.i
                 and o.status == "occurred" and _days_own(o.date)]
        if prior:
            ev.date, ev.location = prior[-1].date, ev.location or prior[-1].location
    for ev in found:
        if ev.type != "CONSULT" or ev.status != "occurred" or ev.mention:
            continue
        agrees = [a for a in found if a.type == "AGREE" and a.status == "occurred"
                  and (a.actors or a.targets) and a.trigger.sent == ev.trigger.sent
                  and a.trigger.is_ancestor(ev.trigger)
                  and _path_has(ev.trigger, a.trigger, seq_preps - {"before", "until", "prior"})]
        if not agrees:
            continue
        # the nearest agreement ("signed ... after talks"), not a clause above it
        agree = max(agrees, key=lambda a: a.trigger.i if a.trigger.i < ev.trigger.i
                    else -a.trigger.i)
        if _over_days(ev.trigger, agree.trigger):
            continue  # "after two days of talks": talks over days, told by their pieces
        if not [a for a in ev.actors + ev.targets if a not in ev.mediators]:
            ev.actors = _unique(agree.actors + agree.targets + ev.actors)
        ev.location = ev.location or agree.location
        if not _days_own(ev.date) or ev.default_date:
            ev.date, ev.default_date = agree.date or ev.date, agree.default_date


def _definite_subject(ev: _Ev) -> bool:
    """The event's trigger is a definite noun or a verb whose subject is one ("the deal")."""
    tok = ev.trigger
    nps = [tok] if tok.pos_ in ("NOUN", "PROPN") else \
        [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(any(d.dep_ == "det" and d.lower_ == "the" for d in np.children) for np in nps)


def _over_days(tok: Token, top: Token) -> bool:
    """A plural span of days on the way up ("two days of talks", "weeks of talks")."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.lemma_.lower() in ("day", "week", "month") and t.tag_ == "NNS":
            return True
        t = t.head
    return False


def _path_has(tok: Token, top: Token, preps: frozenset) -> bool:
    """A preposition of the given words lies on the way from ``tok`` up to ``top``."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "prep" and t.lower_ in preps:
            return True
        t = t.head
    return False


def _event_day(found: list[_Ev], ev: _Ev, obj: Token) -> str | None:
    """The day of the event a phrase names: the event of its trigger, or the last one told
    before it with its lemma ("the halt"); None without a day."""
    def day(o: _Ev) -> str | None:
        return o.date if o is not ev and o.date and len(o.date) == 10 else None
    for o in found:
        if o.trigger.i == obj.i and day(o):
            return day(o)
    if not any(d.dep_ == "det" and d.lower_ == "the" for d in obj.children):
        return None
    lemma = obj.lemma_.lower()
    names = {lemma, lemma[:-3]} if lemma.endswith("ing") else {lemma}  # "the shelling": shell
    prior = [o for o in found if o.trigger.i < obj.i and day(o)
             and o.trigger.lemma_.lower() in names]
    return day(prior[-1]) if prior else None


def _week_own(date: str | None) -> bool:
    """A week of the event's own ("a meeting in Lyon last week"): a mention it dates."""
    return bool(date) and "-W" in (date or "")


def _untagged_name(view: DocView, tok: Token) -> list[str]:
    """A name the tagger missed here but found elsewhere in the text ("envoy Marisa Okonta
    met ..." in a lead the parse glued to its headline): the person of that name."""
    if tok.pos_ != "PROPN" or view.ent_at(tok.i):
        return []
    parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    full = " ".join([c.text for c in parts] + [tok.text])
    eid = view.entity_by_name(full, tok.text)
    return [eid] if eid and view.etype(eid) == "PERSON" else []


def _dated_gerunds(doc: Doc) -> None:
    """"the May 2 shelling": a day before a gerund the parser takes for the head of the
    phrase, the gerund for a verb of its own; the gerund heads the phrase, a noun with the
    day as its modifier (the events component runs last; nothing after it reads the parse)."""
    for ent in doc.ents:
        if ent.label_ != "DATE" or ent.start < 1 or ent.end >= len(doc):
            continue
        det, t, r = doc[ent.start - 1], doc[ent.end], ent.root
        if det.lower_ not in ("the", "this", "that") or det.sent != t.sent \
                or t.tag_ != "VBG" or t.pos_ != "VERB" or r.dep_ == "ROOT" or r.head.i == t.i:
            continue
        top = r.head  # where the phrase hangs ("blamed [the May 2 shelling]")
        if top.i == t.i or t.is_ancestor(top):
            continue
        t.head, t.dep_ = top, r.dep_
        r.head, r.dep_ = t, "nmod"
        det.head, det.dep_ = t, "det"
        t.pos_, t.tag_, t.lemma_ = "NOUN", "NN", t.lower_


def _nominal_gerunds(doc: Doc) -> None:
    """A gerund the parser tagged a verb though it heads a noun phrase ("after the Valga
    shelling", "Ruritania's shelling of the port"): a noun, as its determiner or possessor
    shows (the events component runs last; nothing after it reads the tags)."""
    for t in doc:
        if t.tag_ == "VBG" and t.pos_ == "VERB" \
                and t.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "conj", "appos", "attr") \
                and any((c.dep_ == "det" and c.lower_ in ("the", "a", "an", "this", "that"))
                        or c.dep_ == "poss" for c in t.children if c.i < t.i) \
                and not any(c.dep_ in ("dobj", "aux", "nsubj") for c in t.children):
            t.pos_, t.tag_, t.lemma_ = "NOUN", "NN", t.lower_


def _dateline(view: DocView, tok: Token, actors: list[str]) -> set[str]:
    """Places among the actors that the line of ``tok`` does not name before it except in
    its dateline ("LYON, France (Agency) - ...", the tokens before a dash within the line's
    first ten), or names only on another line (a headline the parse glued to the lead)."""
    doc = view.doc
    start = line_start(doc, tok.i)
    dash = dateline_dash(doc, start, min(start + 10, tok.i))
    dash = start if dash is None else dash
    before = {view.ent_at(i) for i in range(dash, tok.i)}
    return {a for a in actors if a not in before and view.etype(a) in PLACE_TYPES
            and not view.is_country(a)}


def _headline_from_lead(view: DocView, found: list[_Ev]) -> None:
    """A headline's present tense ("X receives envoy") dated by the publication when the lead
    tells the same act with its day but the parse glued the two lines and lost the lead's
    event ("X on Friday received the envoy"): the day written next to the lead's verb of the
    same lemma, if no later than publication and within three days of it."""
    doc, pub = view.doc, (view.published or "")[:10]
    for ev in found:
        t = ev.trigger
        if not ev.default_date or not pub or "\n" in doc[:t.i].text:
            continue  # (only the headline, its first line)
        line = next((i for i in range(t.i, len(doc)) if "\n" in doc[i].text), None)
        if line is None:
            continue
        end = next((i for i in range(line + 1, len(doc)) if "\n" in doc[i].text), len(doc))
        same = next((x for x in doc[line + 1:end] if x.lemma_ == t.lemma_ and x.tag_ == "VBD"), None)
        if same is None:
            continue
        near = [i for i in range(max(line + 1, same.i - 4), min(end, same.i + 6)) if i != same.i]
        day = view.time_value(near)
        if day and len(day) == 10 and day <= pub and _days(day, pub) <= 3:
            ev.date, ev.default_date = day, False


def _amount_verb(tok: Token) -> Token | None:
    """The verb of "pledged 50 million euros in aid": a noun in an in-phrase of a counted
    amount that is the verb's object."""
    h = tok.head
    if tok.dep_ != "pobj" or h.lower_ != "in" or h.head.dep_ != "dobj" \
            or h.head.pos_ not in ("NOUN", "NUM"):
        return None
    amount = h.head
    if amount.pos_ == "NOUN" and not any(c.dep_ == "nummod" or c.tag_ in ("CD", "$")
                                         for c in amount.children):
        return None
    return amount.head if amount.head.pos_ == "VERB" else None


def _spoken_spans(doc):
    """(statement, the span of its content) of each statement with a speaker."""
    for st in doc._.statements or []:
        span = doc.char_span(st.content_span["start"], st.content_span["end"],
                             alignment_mode="expand") if st.speaker else None
        if span is not None:
            yield st, span


def _clause(tok: Token) -> Token:
    """The verb of a noun trigger's clause ("also held talks")."""
    x = tok
    while x.pos_ not in ("VERB", "AUX") and x.head.i != x.i:
        x = x.head
    return x


def _days(a: str, b: str) -> int:
    import datetime as _dt
    try:
        return abs((_dt.date.fromisoformat(a) - _dt.date.fromisoformat(b)).days)
    except ValueError:
        return 10 ** 6


def doc_prev(tok: Token) -> str:
    return tok.doc[tok.i - 1].text if tok.i > 0 else ""


def _definite(view: DocView, tok: Token) -> bool:
    """"the talks", "this meeting", "Tuesday's meeting": a consultation already known."""
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"):
            return True
        if c.dep_ == "poss" and any(view.token_time.get(t.i) is not None for t in c.subtree):
            return True
    return False


def _dates_fit(a: str, b: str) -> bool:
    """Two ISO values that may name the same day (one contains the other, or equal)."""
    from ..dates import dates_compatible
    return dates_compatible(a, b)


def _crosses_clause(t: Token, top: Token) -> bool:
    """True when ``t`` sits inside a finite clause below ``top`` (another event's time)."""
    x = t
    while x.i != top.i and x.head.i != x.i:
        if x.dep_ in ("ccomp", "advcl", "parataxis", "relcl") and x.pos_ in ("VERB", "AUX"):
            return True  # ("arrived in Moscow, where he will meet Putin on Tuesday")
        x = x.head
    return False


def _headline_noun(tok: Token, title_end: int) -> bool:
    """A headline that is an event noun ("Prisoner swap between X and Y", "LIVE: Border
    talks in Oslo"): the news of its day."""
    return tok.i < title_end and tok.pos_ in ("NOUN", "PROPN") and (
        tok.dep_ == "ROOT" or (tok.head.dep_ == "ROOT" and tok.head.pos_ not in ("VERB", "AUX")
                               and tok.dep_ in ("appos", "dep", "npadvmod")))


def _lead_end(view: DocView) -> int:
    """Token index where the headline (a first line without final punctuation) and the lead
    sentence end. News leads report the day's news: their undated events take the
    publication date."""
    doc = view.doc
    segs = view.segments()
    if not segs:
        return 0
    end = 0
    for n, (a, b) in enumerate(segs[:4]):
        toks = [t for t in doc[a:b] if not t.is_space]
        if not toks:
            continue
        end = b
        last = toks[-1].text
        line_end = b >= len(doc) or "\n" in doc[b - 1].whitespace_ or "\n" in doc[b - 1].text \
            or (b < len(doc) and doc[b].is_space and "\n" in doc[b].text)
        if last in {".", "!", "?", '"', "\u201d"}:
            break
        if n == 0 and line_end and len(toks) <= 25:
            continue  # a headline: the lead follows
    return min(end, 80)


def _perfect(tok: Token, gov: Token | None) -> bool:
    """Past perfect ("had met"): before the news of the day."""
    v = tok if tok.pos_ == "VERB" else gov
    return v is not None and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in v.children)


def _background_clause(tok: Token, gov: Token | None) -> bool:
    """A clause that places the news against an earlier event ("spoke on Friday for the
    first time since X stopped the transit", "two days after the halt"): not the day's news."""
    v = tok if tok.pos_ == "VERB" else gov
    return v is not None and v.dep_ in ("advcl", "pcomp") and any(
        c.dep_ in ("mark", "prep") and c.lower_ in ("since", "after", "until")
        for c in [*v.children, v.head] if c.i < v.i)


def _present_tense(tok: Token, gov: Token | None) -> bool:
    v = tok if tok.pos_ == "VERB" else gov
    if v is not None and v.tag_ == "VBG":
        # "delegations are arriving": the present progressive, as the day's news
        aux = [c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")]
        return len(aux) == 1 and aux[0] in ("is", "are", "am")
    if v is None or v.tag_ not in ("VBZ", "VBP"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in v.children)


def _sequenced(a: Token, b: Token, preps: frozenset) -> bool:
    """One trigger tells the time of the other: it hangs on it through a preposition of
    sequence ("the first meeting since their call of May 2", "talks after the shelling")."""
    for x, top in ((a, b), (b, a)):
        if top.is_ancestor(x):
            t = x
            while t.i != top.i:
                if t.dep_ in ("prep", "mark") and t.lower_ in preps:
                    return True
                t = t.head
    return False


def _dedupe(evs: list[_Ev], seq_preps: frozenset = frozenset()) -> list[_Ev]:
    """One real event once per sentence: same type, overlapping participants; not two
    triggers one of which tells the time of the other (``_sequenced``)."""
    kept: list[_Ev] = []
    for ev in evs:
        parts = set(ev.actors) | set(ev.targets)
        dup = None
        for k in kept:
            two_verbs = (k.trigger.pos_ == "VERB" and ev.trigger.pos_ == "VERB"
                         and k.trigger.lemma_ != ev.trigger.lemma_) \
                or _sequenced(k.trigger, ev.trigger, seq_preps)
            two_dates = k.date and ev.date and k.date != ev.date and not (k.inherited or ev.inherited)
            if k.location != ev.location and ((k.inherited and k.location)
                                              or (ev.inherited and ev.location)):
                continue  # "the call covered the talks in Florida": other talks, not this call
            if k.mention or ev.mention:
                # a background mention of talks at a place is one with a report of them there
                if k.seg == ev.seg and k.type == ev.type and k.location == ev.location \
                        and not two_dates:
                    dup = k
                    break
                continue
            if k.seg == ev.seg and k.type == ev.type and not two_verbs and not two_dates and (
                    parts & (set(k.actors) | set(k.targets)) or ev.inherited or k.inherited):
                dup = k
                break
        if dup is None:
            kept.append(ev)
            continue
        # keep the richer report of the two, merging what the other adds
        if dup.mention and not ev.mention:
            dup.actors, dup.targets, dup.mention = list(ev.actors), list(ev.targets), False
            dup.inherited = ev.inherited
        elif dup.inherited and not ev.inherited:
            dup.actors, dup.targets, dup.inherited = ev.actors, ev.targets, False
        for a in ev.actors:
            if a not in dup.actors and a not in dup.targets:
                dup.actors.append(a)
        for t in ev.targets:
            if t not in dup.actors and t not in dup.targets:
                dup.targets.append(t)
        for m, party in ev.affil.items():
            dup.affil.setdefault(m, party)
        if not ev.inherited or dup.inherited:
            dup.location = dup.location or ev.location
            dup.date = dup.date or ev.date
    return kept


def _thanked_giver(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                   actors: list[str], targets: list[str], loc: str | None):
    """"thanked X for the aid" with no giver named otherwise: X gave it, the thanker got it."""
    if not actors:
        giver, taker = finder._thanked_for(view, anchor)
        if giver:
            actors = giver
            targets = _unique(taker + [t for t in targets if t not in giver])
    return actors, targets, loc


def _weapons_aim(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                 actors: list[str], targets: list[str], loc: str | None):
    """"launched 400 drones on Kyiv region and Odesa" (a verb that needs its weapons as
    object): the weapons' aim is the target, and then not the location."""
    if spec.get("object_lemmas"):
        for o in tok.children:
            if o.dep_ != "dobj":
                continue
            for c in o.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "at", "against", "into"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets = _unique(targets + view.np_entities(p))
        if loc in targets:
            loc = None
    return actors, targets, loc


def _threat_aim(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                actors: list[str], targets: list[str], loc: str | None):
    """"threatened to veto the EU loan to Ruritania", "X's threat to block Y's accession":
    whose thing the threatened act hits is the target."""
    acts = [c for c in tok.children if c.dep_ in ("xcomp", "acl") and c.pos_ == "VERB"]
    for act in acts:
        for o in act.children:
            if o.dep_ == "prep" and o.lower_ in ("to", "against"):
                targets = _unique(targets + [e for p in o.children if p.dep_ == "pobj"
                                             for e in view.np_entities(p) if e not in actors])
            if o.dep_ not in ("dobj", "dative"):
                continue
            ids = list(view.np_entities(o))
            for c in o.children:
                if c.dep_ in ("compound", "poss", "nmod", "amod"):
                    ids += view.np_entities(c) or [x for x in [view.state_of(c.text)] if x]
                elif c.dep_ == "prep" and c.lower_ in ("to", "for", "of"):
                    ids += [e for p in c.children if p.dep_ == "pobj" for e in view.np_entities(p)]
            targets = _unique(targets + [e for e in ids if e not in actors and e != loc
                                         and view.is_party(e)])
    return actors, targets, loc


def _last_two_states(view: DocView, before: Token) -> list[str]:
    """"the two countries exchanged prisoners": the last two states the text named before."""
    out: list[str] = []
    for i in range(before.i - 1, -1, -1):
        eid = view.ent_at(i)
        if eid and view.etype(eid) == "NORP":
            eid = view.state_of(view.doc[i].text)
        if eid and view.is_country(eid) and eid not in out:
            out.append(eid)
            if len(out) == 2:
                return out[::-1]
    return []


def _exchanged_people(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                      actors: list[str], targets: list[str], loc: str | None):
    """"250 Ruritanian and Borduvian detainees were exchanged", "exchanged Ruritanian
    prisoners": with no party named otherwise, the states the people belong to are the
    parties of the exchange."""
    lemmas = spec.get("object_lemmas") or spec.get("modifier_lemmas")
    if not lemmas:
        return actors, targets, loc
    # "exchanged in an operation run by the Red Cross": who carried it out takes part
    ops = [e for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "through")
           for p in c.children if p.dep_ == "pobj"
           for v in [p, *p.children] if (v.dep_ in ("acl", "relcl") and v.tag_ == "VBN") or (
               v.i == p.i and v.pos_ == "VERB")  # ("in an operation run by": parsed either way)
           for a in v.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
           for e in view.np_entities(o) if view.etype(e) in ("ORG", "PERSON")]
    if actors or targets:
        return _unique(actors + ops), targets, loc
    people = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "compound", "nmod")
              and (c.lemma_.lower() in lemmas or c.lower_ in lemmas)]
    states: list[str] = []
    for p in people:
        for m in p.children:
            if m.dep_ not in ("amod", "compound", "nmod"):
                continue
            for w in [m, *(x for x in m.children if x.dep_ == "conj")]:
                eid = view.state_of(w.text) or (
                    view.ent_at(w.i) if view.etype(view.ent_at(w.i)) in ("NORP", "GPE") else None)
                if eid and eid not in states:
                    states.append(eid)
    return (_unique(states + ops), targets, loc) if len(states) >= 2 else (actors, targets, loc)


def _accused_of(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                actors: list[str], targets: list[str], loc: str | None):
    """An attack told as a charge ("X accused Y of shelling the village", "X blamed Y for
    the strike on V", "Y was accused of shelling"): the accused is who attacked; the accuser
    is whom, where no other party is named (the village is the accuser's)."""
    actors, targets, loc = _weapons_aim(finder, view, tok, anchor, spec, actors, targets, loc)
    loc, targets = _attack_site(finder, view, tok, loc, targets)
    anchor = _charged_act(finder, anchor)
    prep = anchor.head
    if actors or anchor.dep_ not in ("pobj", "pcomp") or prep.lower_ not in ("of", "for"):
        return actors, targets, loc
    verb = prep.head
    vspec = finder.spec_for(view, verb) if verb.i != prep.i else None
    if not vspec or vspec["type"] != "ACCUSE":
        return actors, targets, loc
    accused = [e for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for e in view.np_entities(c)]
    subj, passive = finder.subject(verb, view=view)
    accuser = view.np_entities(subj) if subj is not None and not passive else []
    accused = [e for e in accused if view.is_party(e)]
    if not accused:
        return actors, targets, loc
    aims = [o for o in [tok, *tok.children] if o.dep_ in ("dobj", "pobj") or o.i == tok.i]
    if not any(view.is_party(t) and (view.is_country(t) or view.etype(t) not in PLACE_TYPES)
               for t in targets) and not any(  # "of shelling Ruritanian cities": theirs
            g.lower_ in view.demonyms for o in aims for g in o.children if g.dep_ in ("amod", "compound")):
        targets = _unique(targets + [e for e in accuser if view.is_party(e) and e not in accused])
    return accused, [t for t in targets if t not in accused], loc


def _fronted_place_objects(view: DocView, tok: Token) -> list[Token]:
    """"received this Thursday in V the Minister of X, Y": with the place put before the
    object (an agency's word order), the parser makes the object an apposition of the
    place; those appositions naming a person are the verb's object."""
    if tok.pos_ != "VERB" or any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return []
    return [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
            for p in c.children if p.dep_ == "pobj"
            and view.etype(view.ent_at(p.i)) in PLACE_TYPES
            for a in p.children if a.dep_ == "appos"
            and any(view.etype(e) == "PERSON" for e in view.np_entities(a))]


def _charged_act(finder: EventFinder, anchor: Token) -> Token:
    """The act a charge names, climbing from the trigger: "accused Y of carrying out the
    attack" (a light verb's object), "accused Y of sending soldiers to attack a post" (a
    purpose clause of the charged act)."""
    if anchor.dep_ == "dobj" and anchor.head.pos_ == "VERB" and anchor.head.dep_ in ("pcomp", "pobj") \
            and anchor.head.lemma_.lower() in finder.light:
        anchor = anchor.head
    if anchor.pos_ == "VERB" and anchor.dep_ in ("advcl", "xcomp") \
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in anchor.children) \
            and anchor.head.dep_ in ("pcomp", "pobj") and anchor.head.pos_ == "VERB":
        anchor = anchor.head
    return anchor


def _charged(finder: EventFinder, view: DocView, anchor: Token) -> bool:
    """Is the trigger the act an accusation charges ("accused Y of sending soldiers to attack
    a post")? Told as done, whatever its infinitive."""
    act = _charged_act(finder, anchor)
    prep = act.head
    if act.i == anchor.i or act.dep_ not in ("pobj", "pcomp") or prep.lower_ not in ("of", "for"):
        return False
    spec = finder.spec_for(view, prep.head) if prep.head.i != prep.i else None
    return spec is not None and spec["type"] == "ACCUSE"


def _attack_site(finder: EventFinder, view: DocView, tok: Token, loc: str | None,
                 targets: list[str]) -> tuple[str | None, list[str]]:
    """Where an attack told as a noun took place: a town (no state) in its phrase, also one
    level deeper ("the attack at V", "the attack on a post at V", "a raid
    on a post near the town of V", "attacked a post near V"); the town is where, not whom,
    the attack hit."""
    if loc is not None:
        return loc, targets
    bases = [tok] if tok.pos_ != "VERB" else [c for c in tok.children if c.dep_ == "dobj"
                                             and not view.np_entities(c)]
    phrases = [p for b in bases for c in b.children if c.dep_ == "prep"
               for p in c.children if p.dep_ == "pobj"]
    direct = [p for p in phrases if p.head.lower_ in finder.site_preps]
    deeper = [q for p in phrases for c in p.children if c.dep_ in ("prep", "acl")
              for x in c.subtree for q in [x] if q.dep_ == "pobj"]
    for p in direct + deeper:
        eid = view.ent_at(p.i)
        if eid and view.etype(eid) in PLACE_TYPES and not view.is_country(eid):
            return eid, [t for t in targets if t != eid]
    return loc, targets


def _glued_object(tok: Token) -> list[Token]:
    """A headline verb the parser made a compound of its object ("Ruritania halts oil
    transit to X": "halts" a compound of "transit"): that object, as a dobj would stand."""
    if tok.pos_ == "VERB" and tok.dep_ == "compound" and tok.head.i > tok.i \
            and tok.head.pos_ in ("NOUN", "PROPN"):
        return [_AsObject(tok.head)]  # type: ignore[list-item]
    return []


class _AsObject:
    """A token seen as a direct object (``dep_`` "dobj"), otherwise itself."""

    def __init__(self, tok: Token):
        self._tok = tok

    def __getattr__(self, name):
        return getattr(self._tok, name)

    @property
    def dep_(self) -> str:
        return "dobj"


def _halted_flow(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                 actors: list[str], targets: list[str], loc: str | None):
    """A flow stopped ("halted oil transit to Ruritania", "stopped pumping crude to X",
    "transit to X was suspended", "the halt of gas deliveries to X"): where it went is the
    target; a state adjective on an unnamed subject ("the Ruritanian move, which stopped
    deliveries") is the actor."""
    if not (spec.get("object_lemmas") or spec.get("modifier_lemmas")):
        return actors, targets, loc
    flows = [tok] if tok.pos_ != "VERB" else []
    flows += [c for c in [*tok.children, *_glued_object(tok)] if c.dep_ in ("dobj", "nsubjpass", "xcomp")]
    flows += [p for f in list(flows) for c in f.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
              for p in c.children if p.dep_ == "pobj"]
    flows += [o for f in list(flows) if f.pos_ == "VERB" for o in f.children if o.dep_ == "dobj"]
    for f in flows:
        for c in f.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        targets = _unique(targets + [e for e in view.np_entities(p) if e not in actors])
    if not actors and tok.pos_ == "VERB":
        subj, passive = finder.subject(tok, view=view)
        if subj is not None and not passive:
            for m in subj.children:
                eid = view.state_of(m.text) if m.dep_ in ("amod", "compound") else None
                if eid and eid not in targets:
                    actors = [eid]
    if loc in targets:
        loc = None
    return actors, targets, loc


def _asked_party(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                 actors: list[str], targets: list[str], loc: str | None):
    """"demanded that Ruritania free the crew", "urges Borduvia pay": the one asked to act
    is the subject of the clause the request governs; "demanded from X the compensation":
    the one asked is X (a demand *from* X, as a noun, is X's own)."""
    if tok.pos_ == "VERB":
        asked = [e for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                 for p in c.children if p.dep_ == "pobj" for e in view.np_entities(p)]
        actors = [a for a in actors if a not in asked]
        targets = _unique(targets + [e for e in asked if e != loc])
        for c in tok.children:
            if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX") \
                    or any(m.dep_ == "mark" and m.lower_ not in ("that",) for m in c.children):
                continue
            for sub in c.children:
                if sub.dep_ == "nsubj":
                    targets = _unique(targets + [e for e in view.np_entities(sub)
                                                 if e not in actors and e != loc
                                                 and view.is_party(e)])
    return actors, targets, loc


def _owned_object(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                  actors: list[str], targets: list[str], loc: str | None):
    """"seized a Ruritanian-owned ship", "a Borduvian-flagged tanker": the state whose
    nationals own or flag what was seized is the party acted against."""
    if tok.pos_ == "VERB" and not targets:
        for o in tok.children:
            if o.dep_ not in ("dobj", "nsubjpass"):
                continue
            for m in o.children:
                if m.dep_ not in ("amod", "compound") or m.tag_ not in ("VBN", "JJ"):
                    continue
                for n in m.children:
                    if n.dep_ not in ("npadvmod", "amod", "compound") or n.i > m.i:
                        continue
                    st = view.state_of(n) or next(
                        (e for e in [view.ent_at(n.i)] if e and view.etype(e) == "NORP"), None)
                    if st and st not in actors:
                        targets = _unique(targets + [st])
    return actors, targets, loc


def _rejected_charge(finder: EventFinder, view: DocView, tok: Token, anchor: Token, spec: dict,
                    actors: list[str], targets: list[str], loc: str | None):
    """"X rejected Y's accusations", "X denied the accusations by Y": the accusation named
    in a rejection was made against the one who rejects it."""
    if _rejected_noun(finder, tok):
        by = _charge_of(view, tok)  # "the accusations of the X authorities": X made them
        actors = _unique(actors + by)
        targets = [t for t in targets if t not in by]
        subj, passive = finder.subject(tok.head, view=view)
        if subj is not None and not passive:
            targets = _unique(targets + [e for e in finder._subject_ids(view, subj)
                                         if e not in actors and e != loc])
    return actors, targets, loc


def _rejected_noun(finder: EventFinder, tok: Token) -> bool:
    """"rejected the accusations", "denies Y's demand": a noun trigger a rejection is about."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in finder.rejecting


def _charge_of(view: DocView, obj: Token) -> list[str]:
    """"rejected accusations by Y", "the demands of Y": who made the accusation or demand
    the rejection is aimed at."""
    return [e for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "of", "from")
            for p in c.children if p.dep_ == "pobj" for e in view.np_entities(p)
            if view.is_party(e)]


# the participant rules data/events/types.json may give a type ("participants")
PARTICIPANT_RULES = {"thanked_giver": _thanked_giver, "accused_of": _accused_of,  # (and weapons' aim)
                     "exchanged_people": _exchanged_people, "halted_flow": _halted_flow,
                     "threat_aim": _threat_aim, "asked_party": _asked_party,
                     "owned_object": _owned_object, "rejected_charge": _rejected_charge}
# the behaviours data/events/types.json may give a type, each a rule in this module
BEHAVIOURS = frozenset({
    "places_are_no_parties", "no_possessor_targets", "no_state_adjective_targets",
    "attended_by_clause_subject", "delegations", "mediators", "modes", "takes_parties_before",
    "referred_back", "topic_unless_held", "refusal_needs_counterpart", "agreement_referred_to",
    "held_mentions", "placed_by_talks", "dated_mentions", "said_on_the_lead_day",
    "voiced_by_speaker", "recipient_in_participle"})
# what a governing trigger may do to the event it governs
GOVERNED = frozenset({"drop", "negated", "planned"})


@Language.factory("dossier_events", default_config={
    "triggers": "events/triggers.json", "status_cues": "events/status_cues.json"})
def make_events(nlp, name, triggers: str, status_cues: str):
    return EventFinder(triggers, status_cues)
