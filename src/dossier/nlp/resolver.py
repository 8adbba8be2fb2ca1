"""Component ``dossier_resolver``: one ``Entity`` per real-world referent in a document.

Reads ``doc.ents`` (after ``dossier_gazetteer`` and ``dossier_titles``), the gazetteer's
knowledge-base ids and the title phrases in ``doc.user_data["dossier_titles"]``, and fills

* ``doc._.entities``: ``list[Entity]``, ids ``e1, e2, ...`` in order of first mention; ``name``
  is the gazetteer's canonical name or the fullest name used, ``aliases`` the distinct names
  (never titles or pronouns), ``roles`` the titles held, ``country`` (ISO3) from the
  gazetteer, the roles or a nationality word, ``lat``/``lon`` for known places;
* ``doc._.token_entity``: ``{token index: entity id}`` for every token of every mention,
  including title phrases and pronouns linked to an entity.

Joining rules (:mod:`dossier.names`): same gazetteer entry; a surname or a variant
spelling of a person's name (Umerov -> Rustem Umerov, Vitkoff -> Steve Witkoff); variant
spellings or acronyms of an organisation or place. Different people never join: first names
must agree and surnames must be transliteration variants, not merely similar strings.

A title used alone ("the President", "the head of the Ukrainian delegation", "the head of
state") links to the holder of that title mentioned (by name or title) most recently before
it, else the first holder after it; a country in the title must agree, and a holder who is
the subject earlier in the same sentence is never it ("Zelensky thanked the president").
A sentence-initial "he"/"she" (and "according to him/her") links to the subject PERSON of
the previous sentence (or, after a bare quotation, of the one before), else to a person
opening it, else to its only PERSON - never past an unnamed subject ("The Ukrainian
president spoke with Umerov. He ...") nor to a person of the other stated gender ("Mr.",
"Ms.", "spokeswoman": ``gendered_words`` in ``data/titles/titles.json``).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..records import Entity, EntityType, Mention
from .gazetteer import GazEntry, country_of_word, get_gazetteer, given_names, org_words
from ..data import load_json
from ..names import acronym_of, fullness, is_variant, normalize, same_person, word_variant
from ..orgnames import acronym_forms, acronym_match, is_acronym, org_core, org_form, same_org, short_form
from .orgspans import repair_org_spans
from .titles import USER_KEY, grammar

_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}
_PLACES = {"GPE", "LOC"}
_DETS = {"the", "The", "a", "an"}
_POSS = {"'s", "’s", "'"}
_POSS_PRONOUNS = {"his", "her", "its", "their", "our", "my", "your"}
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}


@functools.lru_cache(maxsize=1)
def _filters() -> dict:
    data = load_json("gazetteer/filters.json")
    return {"not": set(data.get("not_entities", [])), "cut": set(data.get("cut_before", [])),
            "suffixes": set(data.get("corporate_suffixes", [])),
            "region_words": set(data.get("region_words", [])),
            "place_nouns_after": set(data.get("place_nouns_after", [])),
            "place_alias_cues": list(data.get("place_alias_cues", [])),
            "patterns": list(data.get("not_entity_patterns", []))}


@dataclass
class _Cluster:
    type: str
    key: str | None = None  # gazetteer entry key
    names: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # name mentions
    titles: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, role)
    pronouns: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_heads: set = field(default_factory=set)
    role_countries: list[str] = field(default_factory=list)
    country: str | None = None

    @property
    def first(self) -> int:
        starts = [s.start for s in self.spans] + [t[0] for t in self.titles] + self.pronouns
        return min(starts)


def _trim(span: Span) -> Span | None:
    """Drop a leading determiner and a trailing possessive from a name span; a bracket, a
    colon or a verb ends it ("X told Y" run together by the model is X)."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].text in _DETS or doc[s].lower_ in _POSS_PRONOUNS or doc[s].text in _POSS):
        s += 1  # "His Azerbaijani counterpart": no name of the pronoun's; "'s Financial ..."
    for i in range(s + 1, e):
        if doc[i].text in _filters()["cut"] or doc[i].text in ("(", ":") \
                or (doc[i].is_lower and doc[i].pos_ == "VERB" and not span.kb_id_) \
                or (doc[i].text in _POSS and i < e - 1 and not span.kb_id_
                                                and not _plural_possessive(doc, i)):
            e = i
            break
    while e > s and (doc[e - 1].text in _POSS or doc[e - 1].is_punct):
        e -= 1
    if s >= e:
        return None
    return Span(doc, s, e, label=span.label_, kb_id=span.kb_id_)


def _plural_possessive(doc: Doc, i: int) -> bool:
    """A bare apostrophe after a plural inside a name ("National Workers' Confederation")."""
    return doc[i].text in ("'", "\u2019") and doc[i - 1].text.endswith("s") and i + 1 < len(doc) \
        and doc[i + 1].is_title


def _plausible(span: Span, typ: str) -> bool:
    """Reject model junk: no letters, all lower case, a title word alone."""
    text = span.text
    if not any(c.isalpha() for c in text) or text in _filters()["not"]:
        return False
    if typ in ("ORG", "PERSON") and re.match(r"[a-z]+[A-Z]", text):
        return False  # iPhone, iTunes: products
    if typ == "ORG" and not span.kb_id_ and any(re.fullmatch(p, text) for p in _filters()["patterns"]):
        return False  # Iskander-M, Su-34: weapon and model designations
    if typ != "NORP" and not any(t.is_title or t.is_upper or (t.text[:1].isupper()) for t in span):
        return False
    if typ == "PERSON" and all(t.lower_ in grammar()["_head_words"] or t.text in grammar()["_not_names"]
                               for t in span):
        return False
    if typ == "ORG" and span[0].tag_ == "VBG" and not span.kb_id_:
        return False  # "Briefing the Council": a participle clause
    if typ == "ORG" and not span.kb_id_ and _role_phrase(span):
        return False  # "Minister of Foreign Affairs", "Personal Envoy": a title, not a body
    if typ == "PERSON" and len(span) == 1 and country_of_word(text):
        return False  # "Azerbaijani" (left of "His Azerbaijani counterpart"): no person
    if not span.kb_id_ and (len(text.replace(".", "")) < 2 or _common_words(span)):
        return False  # "A", "Turnout stood at ...", "Negotiations between ...", "Last week"
    return True


def _role_phrase(span: Span) -> bool:
    """A person's title the model tagged as an organisation: a title head and its "of"
    complement ("Minister of Foreign Affairs"), or title words only ("Personal Envoy")."""
    g = grammar()
    words = [t.lower_ for t in span if t.is_alpha]
    modifiers = {w for m in g["_modifiers"] for w in m}
    bodies = {w.lower() for w in org_words()}
    heads = g["_head_words"] - modifiers - bodies  # "envoy", "minister"; not "office", "house"
    if any(w in bodies for w in words):
        return False
    if len(words) >= 2 and all(w in heads or w in modifiers for w in words) and any(w in heads for w in words):
        return True
    k = next((i for i, w in enumerate(words) if w == "of"), 0)
    return k > 0 and all(w in heads or w in modifiers for w in words[:k]) and words[k - 1] in heads


def _common_words(span: Span) -> bool:
    """Common words the model took for a name, opening a sentence (where capitals say
    nothing): none tagged a proper noun and all frequent English words ("Negotiations
    between ...", "Last week"); or one frequent word that the report never capitalises in
    mid-sentence but also writes in lower case ("Turnout stood at 58%" ... "turnout")."""
    from wordfreq import zipf_frequency
    words = [t for t in span if t.is_alpha]
    doc = span.doc
    if not words or any(t.is_upper or zipf_frequency(t.lower_, "en") < 3.0 for t in words):
        return False  # an acronym ("AWS") is a name
    if words[0].text in given_names() or country_of_word(span.text) or not _opening(words[0]) \
            or get_gazetteer().lookup(span.text) is not None:
        return False  # a known name opening a headline is still a name
    if any(e.start != span.start and e[0].text == words[0].text for e in doc.ents):
        return False  # "Apple" opening a headline, "Apple Computer" in the text
    if all(t.tag_ not in ("NNP", "NNPS") for t in words):
        return True
    if len(words) != 1:
        return False
    t = words[0]
    same = [x for x in doc if x.lower_ == t.lower_ and x.i != t.i]
    return not any(x.text == t.text and not _opening(x) for x in same) and any(x.is_lower for x in same)


def _opening(t) -> bool:
    """A token opening a sentence, a line or a clause after punctuation."""
    doc = t.doc
    return bool(t.is_sent_start) or t.i == 0 or doc[t.i - 1].is_punct or "\n" in doc[t.i - 1].text


def _org_words(name: str) -> tuple[list[str], bool]:
    """Name words of an organisation without a leading country word (US Air Force -> Air
    Force) and without corporate suffixes (Apple Inc. -> Apple); and whether it was one word."""
    words = name.replace("'s", "").split()
    single = len(words) == 1
    if len(words) > 1 and country_of_word(words[0]):
        words = words[1:]
    core = [w for w in words if w not in _filters()["suffixes"]] or words[:1]
    return [normalize(w) for w in core], single


def _org_part(a: str, b: str) -> bool:
    """Two names of one organisation: equal without country words and corporate suffixes
    (Ford Motor Company / Ford Motors Co.), or a one-word name that begins the other
    (Boeing / Boeing Commercial Airplanes), unless the other ends in a country (a company's
    arm in one country: Ford Australia). Apple Corps is not Apple Inc."""
    (wa, sa), (wb, sb) = _org_words(a), _org_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    for (w1, s1), (w2, _) in (((wa, sa), (wb, sb)), ((wb, sb), (wa, sa))):
        if s1 and len(w1) == 1 and len(w1[0]) >= 3 and w2[0] == w1[0]:
            # not a company's arm in one country ("Ford Australia" is not "Ford")
            return not country_of_word((b if w2 is wb else a).split()[-1])
    return False


def _other_long_name(text: str, names: list[str]) -> bool:
    """A spelled-out name that the cluster's acronym fits but its spelled-out name does not
    ("Commonwealth of Independent States" when "CIS" already stands for a news service
    named in the text): two bodies behind one acronym."""
    if is_acronym(text):
        return False
    return any(not is_acronym(n) and not same_org(text, n) and not _org_part(text, n) for n in names)


def _gender(doc: Doc, c: _Cluster) -> str | None:
    """A person's gender when the text states it: a courtesy title before a name ("Mr.",
    "Ms.") or a gendered role ("spokeswoman", "king"); None when unknown or mixed."""
    if c.type != "PERSON":
        return None
    words = grammar().get("gendered_words", {})
    seen = set()
    for s in c.spans:
        if s.start > 0:
            g = words.get(doc[s.start - 1].lower_)
            if g:
                seen.add(g)
    for r in c.roles:
        for w in r.lower().split():
            g = words.get(w)
            if g:
                seen.add(g)
    return seen.pop() if len(seen) == 1 else None


def _bare_quote(sent: Span, by_token: dict[int, _Cluster]) -> bool:
    """A sentence that is only a quotation and names no person."""
    text = sent.text.strip()
    return len(text) > 2 and text[0] in "\"“«" and text[-1] in "\"”»" \
        and not any(by_token.get(t.i) is not None and by_token[t.i].type == "PERSON" for t in sent)


@functools.lru_cache(maxsize=1)
def _ambiguous_places() -> dict[str, set[str]]:
    data = load_json("gazetteer/ambiguous_places.json")
    return {normalize(k): set(v) for k, v in data.items() if not k.startswith("_")}


def _shared_short_names(clusters: list[_Cluster], by_token: dict[int, _Cluster]) -> None:
    """A short name two countries share ("Congo") in a report that names only the other
    one in full ("the Democratic Republic of the Congo") is that one."""
    amb = _ambiguous_places()
    countries = {c.key[8:]: c for c in clusters if c.key and c.key.startswith("country:")}
    for c in list(clusters):
        if not c.key or not c.key.startswith("country:") or not c.names:
            continue
        sets = [amb.get(normalize(n)) for n in c.names]
        if any(x is None for x in sets):
            continue  # named in full too: it is the country the gazetteer says
        others = [countries[iso] for iso in set.intersection(*sets)  # type: ignore[arg-type]
                  if iso in countries and countries[iso] is not c]
        if len(others) != 1:
            continue
        host = others[0]
        for sp in c.spans:
            host.spans.append(sp)
            for i in range(sp.start, sp.end):
                by_token[i] = host
        host.names.extend(n for n in c.names if n not in host.names)
        c.spans, c.names = [], []


def _add_noun_forms(doc: Doc, c: _Cluster, aliases: list[str]) -> None:
    """A small place named with its place noun ("the Vrbas dam", "the Kerkennah islands")
    keeps that form as an alias, as the text writes it."""
    nouns = _filters()["place_nouns_after"]
    seen = {normalize(a) for a in aliases}
    for s in c.spans:
        for n in (2, 1):
            tail = doc[s.end:s.end + n]
            if len(tail) == n and tail.text.lower() in nouns and not s[-1].lower_ in nouns:
                form = f"{s.text} {tail.text}"
                if normalize(form) not in seen:
                    seen.add(normalize(form))
                    aliases.append(form)
                break


def _place_aliases(doc: Doc, clusters: list[_Cluster], by_token: dict[int, _Cluster]) -> None:
    """Two names of one place in the text ("Stalino (also Donetsk)", "X, known as Y", "X
    (formerly Y)"): the second name joins the place's cluster (whatever the model typed it,
    unless it is a person's full name or another known entry)."""
    cues = {tuple(c.split()) for c in _filters().get("place_alias_cues", [])}
    if not cues:
        return
    longest = max(len(c) for c in cues)
    for x in clusters:
        if x.type not in _PLACES:
            continue
        for sp in list(x.spans):
            k = next((n for n in range(longest + 1, 1, -1) if sp.end + n <= len(doc)
                      and tuple(t.lower_ for t in doc[sp.end:sp.end + n - 1]) in cues), None)
            if k is None:
                continue
            j = sp.end + k - 1
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1
            y = by_token.get(j)
            y_end = next((s.end for s in y.spans if s.start == j), None) if y else None
            if y_end is None or (y_end < len(doc) and doc[y_end].is_alpha
                                 and doc[y_end].pos_ not in ("ADP", "CCONJ")):
                continue  # "X, known as Y gateway": a description, not a name
            if y is None or y is x or (y.key and x.key and y.key != x.key) \
                    or (y.type == "PERSON" and any(len(n.split()) > 1 for n in y.names)):
                continue
            for s in y.spans:
                x.spans.append(s)
                if s.text not in x.names:
                    x.names.append(s.text)
                for i in range(s.start, s.end):
                    by_token[i] = x
            x.key = x.key or y.key
            y.spans.clear()


class Resolver:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        # the pipeline's gazetteer (built with its component's thresholds), else the default
        self.gaz = (nlp.get_pipe("dossier_gazetteer").gazetteer  # type: ignore[attr-defined]
                    if "dossier_gazetteer" in nlp.pipe_names else get_gazetteer())

    # ------------------------------------------------------------------ joining
    def _entry(self, span: Span) -> GazEntry | None:
        if span.kb_id_:
            return self.gaz.get(span.kb_id_)
        if span.label_ in ("GPE", "LOC", "FAC", "ORG"):
            e = self.gaz.lookup(span.text)
            if e is not None and (e.type == "ORG") == (span.label_ == "ORG"):
                return e
        return None

    def _find(self, clusters: list[_Cluster], typ: str, text: str, key: str | None) -> _Cluster | None:
        if key:
            for c in clusters:
                if c.key == key:
                    return c
        cands = []
        org_cands: list[tuple[bool, _Cluster]] = []
        for c in reversed(clusters):  # most recent first
            if c.type != typ and not (typ in _PLACES and c.type in _PLACES):
                continue
            if c.key and key and c.key != key:
                continue
            if typ == "PERSON":
                if any(same_person(text, n) for n in c.names):
                    cands.append(c)
            elif typ == "NORP":
                if any(normalize(text) == normalize(n) for n in c.names):
                    return c
            elif typ == "ORG":
                # organisation names (dossier.orgnames): acronyms (never a news agency's
                # for another body), legal suffixes, country words, short forms
                if any(is_variant(text, n) for n in c.names):
                    return c
                if any(acronym_match(text, n) or acronym_match(n, text) for n in c.names) \
                        and not _other_long_name(text, c.names):
                    return c
                if key and key.startswith("outlet:"):
                    continue  # a known outlet ("the Times") is no short form of another name
                full = [n for n in c.names if not is_acronym(n)]
                if full and (all(_org_part(text, n) for n in full)
                             or all(same_org(text, n) for n in full)):
                    same_core = any(_org_words(text)[0] == _org_words(n)[0]
                                    or org_core(text) == org_core(n) for n in full)
                    org_cands.append((same_core, c))
            else:
                for n in c.names:
                    if is_variant(text, n) or acronym_of(text, n) or acronym_of(n, text):
                        return c
        if org_cands:  # Apple: Apple Inc. (same name once suffixes go) before Apple Corps
            return next((c for exact, c in org_cands if exact), org_cands[0][1])
        if not cands and typ == "PERSON" and len(text.split()) == 1:
            # a family name written first ("Xi Jinping" -> "Xi"), or a given name alone
            firsts = [c for c in clusters if c.type == "PERSON" and any(
                len(n.split()) >= 2 and word_variant(n.split()[0], text) for n in c.names)]
            if len(firsts) == 1:
                return firsts[0]
        if not cands:
            return None
        # prefer a cluster whose names contain the mention exactly (ambiguous surname: most recent)
        exact = [c for c in cands if any(normalize(text) == normalize(n) for n in c.names)]
        return (exact or cands)[0]

    # ------------------------------------------------------------------ main
    def __call__(self, doc: Doc) -> Doc:
        clusters: list[_Cluster] = []
        by_token: dict[int, _Cluster] = {}
        repair_org_spans(doc)  # "Chrysler" + "LLC", "… Defence" + "and Space Company N.V."
        people = [e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2]
        for ent in doc.ents:
            typ = _TYPES.get(ent.label_)
            if typ is None:
                continue
            span = _trim(ent)
            if span is None or not _plausible(span, typ):
                continue
            entry = self._entry(span)
            if entry is not None:
                typ = entry.type
            text = span.text
            if typ in ("PERSON", "GPE", "LOC") and entry is None:
                # "Cerberus" of "Cerberus Capital", "Silver Delta" of "Silver Delta Airways"
                typ = self._org_short_form(clusters, text) or typ
            if typ == "PERSON" and entry is None and org_form(text):
                typ = "ORG"  # "Ridgeway Bancorp Inc.", "Hangar Alliance": no person's name
            elif typ == "ORG" and entry is None and (span.start, span.end) != (ent.start, ent.end) \
                    and not org_form(text) and any(same_person(text, n) for n in people):
                typ = "PERSON"  # "Al-X: Sudan wants ..." run together as ORG: the person's name
            c = self._find(clusters, typ, text, entry.key if entry else None)
            if c is None and typ != "PERSON" and entry is None:
                c = self._parenthetical(doc, span, by_token)
            if c is None:
                c = _Cluster(type=typ, key=entry.key if entry else None)
                clusters.append(c)
            if c.key is None and entry is not None:
                c.key = entry.key
            c.spans.append(span)
            if text not in c.names:
                c.names.append(text)
            role = ent._.role or span._.role
            if role:
                self._add_role(c, role)
            for i in range(span.start, span.end):
                by_token[i] = c
        self._source_acronym(doc, clusters, by_token)
        _shared_short_names(clusters, by_token)
        self._merge_org_forms(clusters, by_token)
        self._link_short_forms(doc, clusters, by_token)
        _place_aliases(doc, clusters, by_token)
        clusters = self._drop_currencies(clusters, by_token)
        self._link_titles(doc, clusters, by_token)
        self._link_pronouns(doc, by_token)
        clusters = [c for c in clusters if c.spans]
        clusters.sort(key=lambda c: c.first)
        entities, token_entity = [], {}
        for n, c in enumerate(clusters, 1):
            eid = f"e{n}"
            entities.append(self._entity(doc, c, eid))
        ids = {id(c): f"e{n}" for n, c in enumerate(clusters, 1)}
        for i, c in by_token.items():
            if id(c) in ids:
                token_entity[i] = ids[id(c)]
        doc._.entities = entities
        doc._.token_entity = dict(sorted(token_entity.items()))
        return doc

    @staticmethod
    def _org_short_form(clusters: list[_Cluster], text: str) -> str | None:
        """'ORG' when a name the model took for a person or a place begins an organisation's
        name already in the text, the rest organisation words ('Cerberus' after 'Cerberus
        Capital Management', 'Silver Delta' after 'Silver Delta Airways')."""
        if any(c.type == "PERSON" and len(text.split()) == 1 and any(
                normalize(text) in normalize(n).split() for n in c.names) for c in clusters):
            return None  # a person of that name is in the text too
        hits = [c for c in clusters if c.type == "ORG" and any(short_form(text, n) for n in c.names)]
        return "ORG" if len(hits) == 1 else None

    @staticmethod
    def _source_acronym(doc: Doc, clusters: list[_Cluster], by_token: dict[int, _Cluster]) -> None:
        """The acronym of the outlet the document names as its source ("told AWS", "/EIA/")
        is that outlet, unless the text spells it out as another body's name."""
        source = doc._.source
        forms = acronym_forms(source) if source and len(source.split()) >= 2 else frozenset()
        if not forms:
            return
        for c in clusters:
            if c.type == "ORG" and c.names and all(is_acronym(n) and n.replace(".", "") in forms
                                                   for n in c.names):
                if source not in c.names:
                    c.names.append(source)
                return
            if any(not is_acronym(n) and n.replace(".", "") and acronym_match(a, n)
                   for n in c.names for a in forms):
                return  # the text spells the acronym out as another name
        hits = [t for t in doc if t.text in forms and t.i not in by_token and t.ent_type_ not in _TYPES]
        if hits:
            c = _Cluster(type="ORG", names=[hits[0].text, source])
            for t in hits:
                c.spans.append(doc[t.i:t.i + 1])
                by_token[t.i] = c
            clusters.append(c)

    @staticmethod
    def _merge_org_forms(clusters: list[_Cluster], by_token: dict[int, _Cluster]) -> None:
        """A person or place cluster (no gazetteer entry) whose every name is a short form of
        one organisation's name, met before it ("Telvora" … "Telvora N.V."), joins it."""
        for c in list(clusters):
            if c.type not in ("PERSON", "GPE", "LOC") or c.key or not c.spans or c.titles:
                continue
            hosts = [o for o in clusters if o.type == "ORG" and o is not c and all(
                any(short_form(n, m) or same_org(n, m) for m in o.names)
                for n in c.names)]
            if len(hosts) != 1:
                continue
            host = hosts[0]
            for sp in c.spans:
                host.spans.append(sp)
                for i in range(sp.start, sp.end):
                    by_token[i] = host
            host.names.extend(n for n in c.names if n not in host.names)
            for i in c.pronouns:
                by_token[i] = host
            host.pronouns.extend(c.pronouns)
            c.spans, c.names, c.pronouns = [], [], []

    @staticmethod
    def _link_short_forms(doc: Doc, clusters: list[_Cluster], by_token: dict[int, _Cluster]) -> None:
        """Short forms the model left untagged ("Corvane denied …" after "Corvane Propulsion
        Corporation", "Kestrel" after "Osprey Motors AG"): capitalised words that begin one
        organisation's name (and no other's), the rest organisation words."""
        forms: dict[tuple[str, ...], set[int]] = {}
        for n, c in enumerate(clusters):
            if c.type != "ORG":
                continue
            for name in c.names:
                words = name.split()
                for k in range(1, len(words)):
                    prefix = " ".join(words[:k])
                    if short_form(prefix, name):
                        forms.setdefault(tuple(words[:k]), set()).add(n)
        if not forms:
            return
        longest = max(len(f) for f in forms)
        i = 0
        while i < len(doc):
            hit = None
            for k in range(min(longest, len(doc) - i), 0, -1):
                key = tuple(t.text for t in doc[i:i + k])
                owners = forms.get(key, set())
                if len(owners) > 1:  # "Kestrel" after "Kestrel Motors AG", before "Kestrel Capital"
                    owners = {n for n in owners if any(sp.start < i for sp in clusters[n].spans)}
                if len(owners) == 1 and not any(
                        (i + j) in by_token or doc[i + j].ent_type_ for j in range(k)) and \
                        not (i + k < len(doc) and doc[i + k].text[:1].isupper()
                             and doc[i + k].lower_ not in grammar()["_head_words"]) and \
                        not (i > 0 and doc[i - 1].text[:1].isupper() and not doc[i - 1].is_sent_start
                             and doc[i - 1].lower_ != "the"):
                    hit = (k, clusters[next(iter(owners))])
                    break
            if hit is None:
                i += 1
                continue
            k, c = hit
            span = doc[i:i + k]
            c.spans.append(span)
            if span.text not in c.names:
                c.names.append(span.text)
            for j in range(i, i + k):
                by_token[j] = c
            i += k

    @staticmethod
    def _parenthetical(doc: Doc, span: Span, by_token: dict[int, "_Cluster"]) -> "_Cluster | None":
        """An abbreviation in brackets right after a name: "Singapore Airlines (SIA)"."""
        s, e = span.start, span.end
        if not (s >= 2 and e < len(doc) and doc[s - 1].text == "(" and doc[e].text == ")"):
            return None
        if not span.text.replace(".", "").replace("&", "").isupper():
            return None
        c = by_token.get(s - 2)
        if c is None or c.type == "PERSON" or c.type == "NORP":
            return None
        if c.type != "ORG" and not any(acronym_of(span.text, n) for n in c.names):
            return None  # "KYIV, Ukraine (AP)": a place is not renamed by a bracket
        return c

    @staticmethod
    def _premodifier(span: Span) -> bool:
        """A country name that only makes a currency: "US$700 million"."""
        doc = span.doc
        return span.end < len(doc) and doc[span.end].text.startswith("$") and span.text.isupper()

    def _drop_currencies(self, clusters: list[_Cluster], by_token: dict[int, _Cluster]):
        out = []
        for c in clusters:
            if c.type in _PLACES and c.spans and all(self._premodifier(s) for s in c.spans):
                for s in c.spans:
                    for i in range(s.start, s.end):
                        if by_token.get(i) is c:
                            del by_token[i]
                continue
            out.append(c)
        return out

    def _add_role(self, c: _Cluster, role: str, head: str | None = None, country: str | None = None):
        words = role.split()
        while words and words[0] in _DETS:
            words = words[1:]
        role = " ".join(words)
        if not role:
            return
        if role.lower() not in {r.lower() for r in c.roles}:
            c.roles.append(role)
        if head:
            c.role_heads.add(head)
        if country:
            c.role_countries.append(country)

    def _link_titles(self, doc: Doc, clusters: list[_Cluster], by_token: dict[int, _Cluster]):
        titles = doc.user_data.get(USER_KEY) or []
        alone_ok = set(grammar()["human_heads_alone"])
        holders: list[tuple[int, _Cluster, dict]] = []
        for t in titles:
            if not t.get("holder"):
                continue
            c = by_token.get(t["holder"][0])
            if c is None or c.type != "PERSON":
                continue
            self._add_role(c, t["role"], t["head"], t.get("country"))
            c.titles.append((t["start"], t["end"], t["role"]))
            for i in range(t["start"], t["end"]):
                by_token.setdefault(i, c)
            holders.append((t["start"], c, t))
        for t in titles:
            if t.get("holder") or (t["head"] not in alone_ok and t["head"].split()[-1] not in alone_ok):
                continue
            first = doc[t["start"]]
            definite = first.lower_ == "the" or (first.i == t["role_start"] and first.is_title)
            owner = t.get("owner")
            if owner and doc[owner[0]].ent_type_ != "GPE":
                continue  # "Trump's envoy" alone is not "the envoy"
            definite = definite or bool(owner)
            if not definite:
                continue
            country = t.get("country")
            # "the Russian leader": a leader of that country; "the head of state": any head of state
            synonyms = set(grammar().get("head_synonyms", {}).get(t["head"], [])) \
                if country or t["head"] in grammar().get("synonyms_alone", []) else set()
            cands = [(s, c) for s, c, h in holders
                     if (h["head"] == t["head"] or h["head"] in synonyms)
                     and (not country or country in c.role_countries)]
            if t.get("country") is None:
                # a bare title: prefer holders of the bare title over "US President" etc.
                bare = [(s, c) for s, c in cands
                        if any(r.lower() == t["head"] for r in c.roles)]
                cands = bare or cands
            if not cands:
                continue
            c = self._most_recent(cands, t["start"], doc)
            if c is None:
                continue
            c.titles.append((t["start"], t["end"], t["role"]))
            for i in range(t["start"], t["end"]):
                by_token.setdefault(i, c)

    @staticmethod
    def _most_recent(cands: list[tuple[int, _Cluster]], start: int, doc: Doc) -> _Cluster | None:
        """The holder mentioned (by name or title) most recently before ``start``, else the
        first holder after it. A holder named as a subject earlier in the same sentence is
        not the title ("Zelensky thanked the president": someone else)."""
        sent = doc[start].sent
        best, best_at = None, -1
        seen: list[_Cluster] = []
        for _, c in cands:
            if any(id(c) == id(x) for x in seen):
                continue
            seen.append(c)
            if any(sent.start <= s.start < start and any(t.dep_ in ("nsubj", "nsubjpass") for t in s)
                   for s in c.spans):
                continue
            at = max([s.start for s in c.spans if s.start < start]
                     + [ts for ts, _, _ in c.titles if ts < start], default=-1)
            if at > best_at:
                best, best_at = c, at
        if best is not None and best_at >= 0:
            return best
        after = [(s, c) for s, c in cands if s > start]
        return min(after, key=lambda sc: sc[0])[1] if after else best

    def _link_pronouns(self, doc: Doc, by_token: dict[int, _Cluster]):
        if not doc.has_annotation("SENT_START"):
            return
        sents = list(doc.sents)
        genders: dict[int, str] = {}  # cluster id -> "m"/"f", from courtesy titles and roles
        for c in {id(c): c for c in by_token.values()}.values():
            g = _gender(doc, c)
            if g:
                genders[id(c)] = g
        for si, sent in enumerate(sents):
            if si == 0:
                continue
            for tok in sent:
                low = tok.lower_
                if low not in _PRONOUNS:
                    continue
                at_start = all(t.is_punct for t in doc[sent.start:tok.i])
                according = (low in ("him", "her") and tok.i >= 2 and doc[tok.i - 1].lower_ == "to"
                             and doc[tok.i - 2].lower_ == "according")
                if not ((at_start and low in ("he", "she")) or according):
                    continue
                ante = self._antecedent(sents[si - 1], by_token, _PRONOUNS[low], genders)
                if ante is None and si >= 2 and _bare_quote(sents[si - 1], by_token):
                    # 'Zelensky spoke in Kyiv. "We will not give up." He said ...'
                    ante = self._antecedent(sents[si - 2], by_token, _PRONOUNS[low], genders)
                if ante is not None:
                    genders.setdefault(id(ante), _PRONOUNS[low])
                    by_token[tok.i] = ante
                    ante.pronouns.append(tok.i)

    @staticmethod
    def _antecedent(sent: Span, by_token: dict[int, _Cluster], gender: str | None = None,
                    genders: dict[int, str] | None = None) -> _Cluster | None:
        """The subject person of ``sent`` (main clause first), else a person opening it, else
        its only person; a person of the other known gender is never the antecedent."""
        genders = genders or {}

        def fits(c: _Cluster) -> bool:
            return genders.get(id(c), gender) == gender

        best = Resolver._antecedent_any(sent, by_token)
        if best is not None and fits(best):
            return best
        persons = list({id(c): c for c in (by_token.get(t.i) for t in sent)
                        if c is not None and c.type == "PERSON"}.values())
        fitting = [c for c in persons if fits(c)]
        if len(fitting) == 1 and len(persons) > 1:
            return fitting[0]  # "Mr. Umerov met Ms. Hrynchuk. She said ...": the only one who fits
        return None

    @staticmethod
    def _antecedent_any(sent: Span, by_token: dict[int, _Cluster]) -> _Cluster | None:
        people: list[tuple[int, _Cluster]] = []
        subjects: list[tuple[bool, _Cluster]] = []
        for tok in sent:
            c = by_token.get(tok.i)
            if c is None or c.type != "PERSON":
                continue
            people.append((tok.i, c))
            if tok.dep_ in ("nsubj", "nsubjpass"):
                subjects.append((tok.head == sent.root, c))
        main = [c for is_main, c in subjects if is_main]
        if main or subjects:
            return (main or [c for _, c in subjects])[-1]
        opening = next((t for t in sent if not (t.is_punct or t.is_space)), None)
        if opening is not None and by_token.get(opening.i) is not None \
                and by_token[opening.i].type == "PERSON":
            return by_token[opening.i]  # a name opening the sentence, whatever the parse says
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.head == sent.root and t.i not in by_token
               and (t.lower_ in _PRONOUNS or t.lower_ in grammar()["_head_words"]) for t in sent):
            return None  # "The Ukrainian president spoke with Umerov. He ...": not Umerov
        distinct = {id(c): c for _, c in people}
        if len(distinct) == 1:
            return next(iter(distinct.values()))
        return None

    # ------------------------------------------------------------------ output
    def _entity(self, doc: Doc, c: _Cluster, eid: str) -> Entity:
        entry = self.gaz.get(c.key) if c.key else None
        aliases: list[str] = []
        for n in c.names:
            if normalize(n) not in {normalize(a) for a in aliases}:
                aliases.append(n)
        if c.type in _PLACES:  # "the Zaporizhzhia region" is named "Zaporizhzhia"
            for n in list(aliases):
                words = n.split()
                if len(words) >= 2 and words[-1] in _filters()["region_words"]:
                    bare = " ".join(words[:-1])
                    if normalize(bare) not in {normalize(a) for a in aliases}:
                        aliases.append(bare)
        name = entry.name if entry else max(aliases, key=fullness)
        if c.type in _PLACES and entry is None:
            _add_noun_forms(doc, c, aliases)
        country = entry.country if entry else None
        if country is None and c.role_countries:
            country = max(set(c.role_countries), key=c.role_countries.count)
        if country is None:
            country = self._nationality(doc, c)
        if country is None and c.type in _PLACES:
            country = self._container_country(doc, c)
        mentions = [Mention(s.start_char, s.end_char, s.text, "name") for s in c.spans]
        for s, e, _ in c.titles:
            sp = doc[s:e]
            mentions.append(Mention(sp.start_char, sp.end_char, sp.text, "title"))
        for i in c.pronouns:
            mentions.append(Mention(doc[i].idx, doc[i].idx + len(doc[i]), doc[i].text, "pronoun"))
        mentions.sort(key=lambda m: (m.start, m.end))
        # a cluster's type is one of the contract's (_TYPES values, gazetteer types, "ORG")
        return Entity(id=eid, name=name, type=cast(EntityType, c.type), aliases=aliases, roles=list(c.roles),
                      country=country, mentions=mentions,
                      lat=entry.lat if entry else None, lon=entry.lon if entry else None)

    def _container_country(self, doc: Doc, c: _Cluster) -> str | None:
        """The state of the place the text puts a small place in: a district or venue after
        its city's possessive ("Lagos's Victoria Island"), or before "in"/"," and a known city or
        state ("the Palais des X in Dakar", "MOPTI, Mali")."""
        ends = {e.end: e for e in doc.ents}
        starts = {e.start: e for e in doc.ents}
        for s in c.spans:
            cands = []
            if s.start >= 2 and doc[s.start - 1].text in _POSS and s.start - 1 in ends:
                cands.append(ends[s.start - 1])
            j = s.end + 1
            if s.end < len(doc) and doc[s.end].text in (",", "in"):
                if j < len(doc) and doc[j].lower_ == "the":
                    j += 1
                o = starts.get(j)
                # "X, Y" only where Y closes the phrase ("Mopti, Mali -"),
                # not a list ("X, Y and Z") or another phrase ("Mopti, Mali's minister said")
                if o is not None and (doc[s.end].text == "in" or o.end >= len(doc) or (
                        doc[o.end].is_punct and doc[o.end].text not in ("'s", "’s", "'"))
                        or "\n" in doc[o.end - 1].whitespace_):
                    if not (doc[s.end].text == "," and o.end < len(doc) and doc[o.end].text == ","
                            and o.end + 1 < len(doc) and doc[o.end + 1].ent_type_ in ("GPE", "LOC")):
                        cands.append(o)
            for o in cands:
                entry = self.gaz.lookup(o.text) if o.label_ in _PLACES else None
                if entry is not None and entry.country and entry.kind in ("country", "city", "place"):
                    return entry.country
        return None

    @staticmethod
    def _nationality(doc: Doc, c: _Cluster) -> str | None:
        if c.type == "NORP":
            return country_of_word(c.names[0])
        for s in c.spans:
            if c.type == "ORG":
                iso = country_of_word(s[0].text)
                if iso:
                    return iso
            if s.start > 0:
                prev = doc[s.start - 1]
                if prev.text in _POSS and s.start > 1:  # "Ukraine's Zelensky"
                    prev = doc[s.start - 2]
                if prev.ent_type_ == "NORP" or prev.ent_type_ == "GPE":
                    iso = country_of_word(prev.text)
                    if iso:
                        return iso
        return None


@Language.factory("dossier_resolver")
def make_resolver(nlp: Language, name: str):
    return Resolver(nlp, name)
