"""Entities across documents: document entities → canonical entities.

Steps (union-find over document entities, "members"):
1. same normalised / transliteration key of a full name (any class), or of a place/org
   short form (``US`` = ``United States``), or an acronym of an organisation's full name;
2. people: full names with a variant surname and compatible first names (variant
   spelling, initial, short form) — unless the two appear as different people in one
   report; then under the looser romanisation rules (``names.loose_variant``: vowels
   o/u and e/i, a final h, sh/ch/zh/dj for letters with a diacritic) with the same first
   name or initial;
3. people: a different first name on a distinctive surname that the rest of the corpus
   gives to one person only, with agreeing roles and country and fewer reports, joins that
   person and is flagged in ``conflicts`` (neither silently merged nor split);
4. a one-word "person" that the corpus names as a place or organisation at least as often
   (and no person with that surname shares its reports) is that place or organisation;
   surname-only mentions attach to the one person with that surname (or a dominant one;
   a loose spelling or the last part of a double surname only to the one such person);
5. a name typed differently in a minority of reports (ORG for a person) joins the majority.

Canonical name = the most frequent full name; id = ``stable_id("ent", type, key)``.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz.distance import JaroWinkler

from ..ids import stable_id
from ..names import double_surname_tail, loose_given, loose_skeleton, loose_variant, same_given
from ..orgnames import acronym_forms, org_key
from ..records import CanonicalEntity, EntityType, Extraction
from .common import (given_compatible, independent_count, lexicon, name_key, normalize,
                     person_parts, role_country, thresholds, tokens, word_variant)

PLACE = {"GPE", "LOC"}


def type_class(t: str) -> str:
    return "PLACE" if t in PLACE else t


@dataclass
class Member:
    """One document entity, compact (no mentions)."""

    doc: str
    eid: str
    type: EntityType
    name: str
    names: list[str]
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    published: str | None = None
    source: str | None = None
    lat: float | None = None
    lon: float | None = None


class _UF:
    """Union-find over members that also knows which document entities each set holds."""

    def __init__(self, n: int, keys: list[tuple[str, str]] | None = None):
        self.p = list(range(n))
        self.held: dict[int, dict[str, set[str]]] = {
            i: {d: {e}} for i, (d, e) in enumerate(keys or [])}

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def apart(self, a: int, b: int) -> bool:
        """Do the two sets hold different entities of one document (different referents)?"""
        ha, hb = self.held.get(self.find(a), {}), self.held.get(self.find(b), {})
        if len(hb) < len(ha):
            ha, hb = hb, ha
        return any(d in hb and hb[d] != ents for d, ents in ha.items())

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            keep, gone = min(a, b), max(a, b)
            self.p[gone] = keep
            if self.held:
                into, other = self.held.setdefault(keep, {}), self.held.pop(gone, {})
                for d, ents in other.items():
                    into.setdefault(d, set()).update(ents)


def members_of(extractions: Iterable[Extraction]) -> tuple[list[Member], dict[str, str | None]]:
    members: list[Member] = []
    copy_of: dict[str, str | None] = {}
    for ex in extractions:
        d = ex.doc
        copy_of[d.id] = d.copy_of
        for e in ex.entities:
            names = [n for n in dict.fromkeys([e.name, *e.aliases]) if n and normalize(n)]
            if not names:
                continue
            members.append(Member(d.id, e.id, e.type, e.name, names, list(e.roles), e.country,
                                  d.published, d.source, e.lat, e.lon))
    return members, copy_of


def place_key(n: str) -> str:
    """Key of a place or organisation name: known short forms, corporate suffixes dropped."""
    alias = lexicon()["place_aliases"]
    k = normalize(n)
    k = alias.get(k, k)
    words = k.split()
    # a country's short form opening a longer name ("U.S. Air Force", "UK Treasury")
    for size in (2, 1):
        head = " ".join(words[:size])
        if len(words) > size and head in alias and head not in ("eu",):
            words = alias[head].split() + words[size:]
            break
    suffixes = set(lexicon().get("org_suffixes", []))
    while len(words) > 1 and words[-1].strip(".") in suffixes:
        words.pop()
    return name_key(" ".join(words))


def _is_acronym(name: str) -> bool:
    """An organisation's acronym (UNN, NATO): its letters are its identity, not a spelling
    to transliterate (a news agency UNN is not the UN)."""
    bare = re.sub(r"[.\s]", "", name or "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def is_weak_alias(alias: str, name: str) -> bool:
    """A shorter form made of some of the name's own words ("Ford" of "Ford Australia")."""
    ka = [name_key(t) for t in tokens(alias)]
    kn = [name_key(t) for t in tokens(name)]
    return bool(ka) and len(ka) < len(kn) and set(ka) <= set(kn)


@functools.lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[tuple[str, ...], str]:
    """(given names, surname); leading titles ("President", "Envoy") are not given names."""
    given, surname = person_parts(name)
    titles = set(lexicon().get("title_words", []))
    while given and given[0].strip(".") in titles:
        given = given[1:]
    return tuple(given), surname


@functools.lru_cache(maxsize=65536)
def _given_ok(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    return given_compatible(list(ga), list(gb))


@functools.lru_cache(maxsize=65536)
def _surname_variant(a: str, b: str) -> bool:
    """Two surnames (or their keys) that are spellings of one name; cheap checks first."""
    if not a or not b or a[:1] != b[:1] or abs(len(a) - len(b)) > 2:
        return False
    if " " in a or " " in b:
        wa, wb = a.split(), b.split()
        return len(wa) == len(wb) and all(x == y or word_variant(x, y) for x, y in zip(wa, wb))
    return word_variant(a, b)


_GENERATION = re.compile(r"\b(jr|sr|ii|iii|iv)\b")


def _person_key(name: str) -> str:
    """Key of a full person name; a generational suffix (Jr., III) keeps people apart."""
    k = name_key(name)
    g = _GENERATION.search(normalize(name))
    return f"{k}|{g.group(1)}" if g and k else k


def _is_full(m_name: str) -> bool:
    """A name with a given name as well as a surname (titles do not count)."""
    return len(tokens(m_name)) >= 2 and bool(name_parts(m_name)[0])


def acronym_key(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w]
    skip = {"of", "and", "for", "the", "on", "in", "de", "&"}
    return "".join(w[0] for w in words if w.lower() not in skip and w[:1].isalpha()).upper()


def _role_words(roles: Iterable[str]) -> set[str]:
    stop = set(lexicon()["role_stopwords"]) | set(lexicon()["former_words"])
    out = set()
    for r in roles:
        out |= {w for w in normalize(r).split() if w not in stop}
    return out


def _distinctive(surname: str) -> bool:
    from wordfreq import zipf_frequency
    z = max(zipf_frequency(w, "en") for w in surname.split()) if surname else 9.0
    return z < thresholds("entities")["distinctive_surname_max_zipf"]


def resolve_entities(extractions: Iterable[Extraction]
                     ) -> tuple[list[CanonicalEntity], dict[tuple[str, str], str]]:
    """Canonical entities across documents and the map (doc id, entity id) → canonical id."""
    members, copy_of = members_of(extractions)
    return resolve_members(members, copy_of)


def resolve_members(members: list[Member], copy_of: dict[str, str | None]
                    ) -> tuple[list[CanonicalEntity], dict[tuple[str, str], str]]:
    """Canonical entities of the members: the numbered steps of the module's docstring,
    one phase function each, over one shared union-find."""
    st = _Resolution(members, copy_of, thresholds("entities"),
                     _UF(len(members), [(m.doc, m.eid) for m in members]))
    by_key, weak = _join_shared_keys(st)
    _join_weak_aliases(st, by_key, weak)
    _join_acronyms(st)
    _join_org_spellings(st)
    _join_surname_variants(st)
    _join_loose_surnames(st)
    _join_distinctive_surnames(st)
    _join_bare_names(st)
    _attach_surname_only(st)
    _join_mistyped(st)
    return _canonicalise(members, st.uf, st.conflicts, copy_of)


@dataclass
class _Resolution:
    """What the phases of ``resolve_members`` share: the members, their union-find, the
    thresholds and the conflict records found so far (by cluster root)."""

    members: list[Member]
    copy_of: dict[str, str | None]
    th: dict
    uf: _UF
    conflicts: dict[int, list[dict]] = field(default_factory=lambda: defaultdict(list))

    @property
    def n(self) -> int:
        return len(self.members)

    def clusters(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(self.n):
            out[self.uf.find(i)].append(i)
        return out

    def docs_of(self, root_members: list[int]) -> set[str]:
        return {self.members[i].doc for i in root_members}

    def cooccur(self, a: list[int], b: list[int]) -> bool:
        """Both clusters hold different entities of one document: different referents."""
        members = self.members
        da = {(members[i].doc, members[i].eid) for i in a}
        db = {(members[i].doc, members[i].eid) for i in b}
        docs_a = {d for d, _ in da}
        return any(d in docs_a and (d, e) not in da for d, e in db)

    def generations(self, ms: list[int]) -> set[str]:
        out = set()
        for i in ms:
            for nm in self.members[i].names:
                g = _GENERATION.search(normalize(nm))
                if g and _is_full(nm):
                    out.add(g.group(1))
        return out

    def person_index(self):
        """The clusters, and each person cluster's (given names, surname) of its full names."""
        cl = self.clusters()
        full: dict[int, list[tuple[list[str], str]]] = {}
        for root, ms in cl.items():
            if type_class(self.members[ms[0]].type) != "PERSON":
                continue
            parts = list(dict.fromkeys(name_parts(nm) for i in ms for nm in self.members[i].names
                                       if _is_full(nm)))
            if parts:
                full[root] = parts
        return cl, full

    def rehome_conflicts(self) -> None:
        """Conflict records move to their cluster's current root."""
        conflicts, uf = self.conflicts, self.uf
        for k in list(conflicts):
            if uf.find(k) != k:
                conflicts[uf.find(k)].extend(conflicts.pop(k))


def class_key(cls: str, nm: str) -> str:
    """The key a name joins others by within its class ("" when it joins by none)."""
    if cls == "PERSON":
        if not _is_full(nm):
            return ""
        return _person_key(nm)
    if cls == "ORG" and _is_acronym(nm):
        return "=" + re.sub(r"[.\s]", "", nm).lower()  # spelt: UNN is not UN
    if cls == "ORG":
        return place_key(org_key(nm) or nm)  # legal suffixes (N.V., A/S, GmbH) dropped
    if cls == "PLACE":
        return place_key(nm)
    return name_key(nm)


def _join_shared_keys(st: _Resolution):
    """Step 1: members whose names share a key within a class join; an alias never joins
    what one report keeps apart. A shorter form of a member's own name ("Ford" in a report
    naming "Ford Australia") is weak and only collected. Returns (key → first member with
    it, weak key → members)."""
    uf = st.uf
    by_key: dict[tuple[str, str], int] = {}
    alias_holders: dict[tuple[str, str], list[int]] = defaultdict(list)  # no one's own name yet
    weak: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, m in enumerate(st.members):
        cls = type_class(m.type)
        for nm in m.names:
            k = class_key(cls, nm)
            if not k:
                continue
            key = (cls, k)
            if nm != m.name and is_weak_alias(nm, m.name):
                weak[key].add(i)
                continue
            # the same name joins; an alias never joins what one report keeps apart
            if nm == m.name:
                if key in by_key:
                    uf.union(by_key[key], i)
                else:
                    by_key[key] = i
                for j in alias_holders.pop(key, []):
                    if not uf.apart(j, i):
                        uf.union(j, i)
            elif key in by_key:
                if not uf.apart(by_key[key], i):
                    uf.union(by_key[key], i)
            else:
                if not any(uf.find(j) == uf.find(i) for j in alias_holders[key]):
                    alias_holders[key].append(i)
    for key, holders in alias_holders.items():  # a name only ever used as an alias
        for j in holders[1:]:
            if not uf.apart(holders[0], j):
                uf.union(holders[0], j)
        if holders:
            by_key.setdefault(key, holders[0])
    return by_key, weak


def _join_weak_aliases(st: _Resolution, by_key: dict[tuple[str, str], int],
                       weak: dict[tuple[str, str], set[int]]) -> None:
    """Step 1, weak forms (not of people): a weak alias joins the entity whose own name it
    is only where one cluster using it dominates the others."""
    uf, members, n = st.uf, st.members, st.n
    for key, holders in sorted(weak.items()):
        if key[0] == "PERSON":
            continue
        strong_root = uf.find(by_key[key]) if key in by_key else None
        roots = sorted({uf.find(i) for i in holders} - {strong_root})
        if strong_root is None or not roots:
            continue
        size = {r: len({members[j].doc for j in range(n) if uf.find(j) == r}) for r in roots} \
            if len(roots) > 1 else {roots[0]: 1}
        ranked = sorted(roots, key=lambda r: (-size[r], r))
        if (len(ranked) == 1 or size[ranked[0]] >= st.th["surname_attach_dominance"] * size[ranked[1]]) \
                and not uf.apart(strong_root, ranked[0]):
            uf.union(strong_root, ranked[0])


def _join_acronyms(st: _Resolution) -> None:
    """Step 1, acronyms of organisations / places (NSDC = National Security and Defense
    Council): an acronym joins the one cluster whose long name gives it."""
    uf, members = st.uf, st.members
    acr_min, acr_max = st.th["acronym_min_len"], st.th["acronym_max_len"]
    long_by_acr: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, m in enumerate(members):
        cls = type_class(m.type)
        if cls in ("ORG", "PLACE"):
            for nm in m.names:
                if len(nm.split()) >= 2:
                    a0 = acronym_key(nm)
                    forms = {a0} | ({a for a in acronym_forms(nm) if a[:1] == a0[:1]}
                                    if cls == "ORG" else set())
                    for a in forms:  # "EADC" of "… Defence Company N.V."
                        if acr_min <= len(a) <= acr_max:
                            long_by_acr[(cls, a)].add(uf.find(i))
    for i, m in enumerate(members):
        cls = type_class(m.type)
        for nm in m.names:
            s = nm.replace(".", "").strip()
            if s.isupper() and acr_min <= len(s) <= acr_max and " " not in s:
                roots = {uf.find(r) for r in long_by_acr.get((cls, s), set())}
                as_place = False
                if not roots and cls == "ORG":  # a state's acronym typed as a body
                    roots = {uf.find(r) for r in long_by_acr.get(("PLACE", s), set())}
                    as_place = True  # (even beside its long name in one report)
                if len(roots) == 1 and (as_place or not uf.apart(i, next(iter(roots)))):
                    uf.union(i, roots.pop())


def _spelling_variant(wa: list[str], wb: list[str]) -> bool:
    """Two organisation / place names (key words, same length) spelt two ways (Defense /
    Defence, Motor / Motors): one word differs, slightly (two-word names: only by a plural)."""
    diff = [(a, b) for a, b in zip(wa, wb) if a != b]
    return len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 4 \
        and JaroWinkler.similarity(*diff[0]) >= 0.85 \
        and (len(wa) >= 3 or diff[0][0].rstrip("s") == diff[0][1].rstrip("s"))


def _join_org_spellings(st: _Resolution) -> None:
    """Step 1, organisation and place names spelt two ways join (``_spelling_variant``)."""
    uf = st.uf
    long_names: dict[tuple[str, int], list[tuple[list[str], int]]] = defaultdict(list)
    seen_words: set[tuple[str, tuple[str, ...]]] = set()
    for i, m in enumerate(st.members):
        cls = type_class(m.type)
        if cls in ("ORG", "PLACE"):
            words = place_key(m.name).split()
            if len(words) >= 2 and (cls, tuple(words)) not in seen_words:
                seen_words.add((cls, tuple(words)))  # equal keys are joined already
                long_names[(cls, len(words))].append((words, i))
    for group in long_names.values():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                (wa, i), (wb, j) = group[x], group[y]
                if _spelling_variant(wa, wb) and not uf.apart(i, j):
                    uf.union(i, j)


def _join_surname_variants(st: _Resolution) -> None:
    """Step 2, people: full names with a variant surname and compatible first names join,
    unless they appear as different people in one report or differ in generation."""
    uf = st.uf
    cl, full = st.person_index()
    roots = sorted(full)
    by_surname: dict[str, list[int]] = defaultdict(list)
    for r in roots:
        for _, sur in full[r]:
            k = name_key(sur)
            if k and r not in by_surname[k]:
                by_surname[k].append(r)
    # (a variant shares the first letter and is at most two letters longer or shorter:
    # each key is compared with those, once)
    by_initial: dict[tuple[str, int], list[str]] = defaultdict(list)
    for k2 in by_surname:
        by_initial[(k2[:1], len(k2))].append(k2)
    near: dict[str, list[str]] = {}

    def candidates(r: int) -> set[int]:
        out = set()
        for _, sur in full[r]:
            k = name_key(sur)
            if k not in near:
                near[k] = [k2 for n in range(len(k) - 2, len(k) + 3)
                           for k2 in by_initial.get((k[:1], n), ())
                           if k2 == k or _surname_variant(k2, k)]
            for k2 in near[k]:
                out.update(by_surname[k2])
        out.discard(r)
        return out

    for r in roots:
        for o in sorted(candidates(r)):
            ra, rb = uf.find(r), uf.find(o)
            if ra == rb:
                continue
            ok = any(_given_ok(ga, gb) and (sa == sb or _surname_variant(sa, sb))
                     for ga, sa in full[r] for gb, sb in full[o])
            if ok and not st.cooccur(cl[r], cl[o]) \
                    and st.generations(cl[r]) == st.generations(cl[o]):
                uf.union(ra, rb)


def _join_loose_surnames(st: _Resolution) -> None:
    """Step 2, people, looser romanisation (``names.loose_variant``: Arabic, Ethiopic and
    South Slavic spellings): full names whose surnames match so and whose first names are
    the same (loosely spelt) or an initial join, unless one report names both or they
    differ in generation."""
    uf = st.uf
    cl, full = st.person_index()
    by_skel: dict[str, list[int]] = defaultdict(list)
    for r in sorted(full):
        for sk in {loose_skeleton(sur) for _, sur in full[r]}:
            if len(sk) >= 3:
                by_skel[sk].append(r)
    for rs in by_skel.values():
        for x, r in enumerate(rs):
            for o in rs[x + 1:]:
                ra, rb = uf.find(r), uf.find(o)
                if ra == rb:
                    continue
                ok = any(ga and gb and loose_given(ga[0], gb[0]) and loose_variant(sa, sb)
                         for ga, sa in full[r] for gb, sb in full[o])
                if ok and not st.cooccur(cl[r], cl[o]) \
                        and st.generations(cl[r]) == st.generations(cl[o]):
                    uf.union(ra, rb)


def _surname_groups(full: dict[int, list[tuple]]) -> dict[str, list[int]]:
    """Person clusters by the key of their most frequent surname, variant spellings of a
    surname in one group (under the first of them in sorted order)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for r, parts in full.items():
        sur = Counter(name_key(s) for _, s in parts).most_common(1)[0][0]
        groups[sur].append(r)
    keys = sorted(groups)
    merged_keys: dict[str, str] = {k: k for k in keys}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if b[:1] != a[:1]:
                break  # (sorted: no later key shares the first letter a variant needs)
            if merged_keys[b] == b and _surname_variant(a, b):
                merged_keys[b] = merged_keys[a]
    sur_groups: dict[str, list[int]] = defaultdict(list)
    for k, rs in groups.items():
        sur_groups[merged_keys[k]].extend(rs)
    return sur_groups


def _minority_fits(st: _Resolution, a: list[int], b: list[int]) -> bool:
    """Two person clusters that may be one person: never in one report as two, and their
    countries and role words (where both have any) overlap."""
    members = st.members
    if st.cooccur(a, b):
        return False
    c_a = {members[i].country for i in a if members[i].country}
    c_b = {members[i].country for i in b if members[i].country}
    if c_a and c_b and not (c_a & c_b):
        return False
    r_a = _role_words(r for i in a for r in members[i].roles)
    r_b = _role_words(r for i in b for r in members[i].roles)
    return not (r_a and r_b and not (r_a & r_b))


def _name_conflicts(members: list[Member], main_ms: list[int], other_ms: list[int]) -> list[dict]:
    """The conflict records for a minority form's full names joining the main form."""
    main_names = [members[i].name for i in main_ms if _is_full(members[i].name)]
    main_name = Counter(main_names).most_common(1)[0][0] if main_names else ""
    main_given = name_parts(main_name)[0] if main_name else []
    out = []
    for i in other_ms:
        for nm in members[i].names:
            given = name_parts(nm)[0]
            if main_given and given and same_given(main_given[0], given[0]):
                continue  # the first name in another romanisation: not a disagreement
            if _is_full(nm):
                out.append({
                    "name": nm, "doc": members[i].doc, "source": members[i].source,
                    "kind": "name", "reason": f"first name differs from {main_name!r}: the corpus has one "
                              f"person with this surname, and roles/country agree"})
    return out


def _join_distinctive_surnames(st: _Resolution) -> None:
    """Step 3, people: a different first name on a distinctive surname that the corpus gives
    to one well-attested person joins that person, flagged in ``conflicts``."""
    uf, th, conflicts = st.uf, st.th, st.conflicts
    cl, full = st.person_index()
    for sur, rs in _surname_groups(full).items():
        if len(rs) < 2 or not _distinctive(sur):
            continue
        reports = {r: independent_count(st.docs_of(cl[r]), st.copy_of) for r in rs}
        ordered = sorted(rs, key=lambda r: (-reports[r], r))
        main = ordered[0]
        # a minority form: at most one report, or a third of the main form's reports
        cap = max(th["conflict_max_minority_reports"],
                  reports[main] * th["conflict_minority_share"])
        if reports[main] < th["conflict_min_majority_reports"] \
                or any(reports[r] > cap for r in rs if r != main):
            continue  # two people with this surname are well attested: leave them apart
        for o in ordered[1:]:
            if not _minority_fits(st, cl[main], cl[o]):
                continue
            for record in _name_conflicts(st.members, cl[main], cl[o]):
                conflicts[main].append(record)
            uf.union(main, o)
            # keep conflict records at the new root
            root = uf.find(main)
            if root != main:
                conflicts[root].extend(conflicts.pop(main, []))
            main = root


def _surname_candidates(ks: set[str], sur_to_roots: dict[str, list[int]]) -> set[int]:
    """The person clusters with one of these surname keys or a variant spelling of one."""
    cands: set[int] = set()
    for k in ks:
        for k2, rs in sur_to_roots.items():
            if k2 == k or _surname_variant(k2, k):
                cands.update(rs)
    return cands


def _join_bare_names(st: _Resolution) -> None:
    """Step 4, before surnames attach: a one-word name typed a person ("Brightwater reported",
    "the post of Molunda") that the corpus also uses, the same name, for a place or an
    organisation in at least as many reports is that place or organisation — unless a
    person with that surname is named in one of its reports (a river's name is not the
    surname of a company named after it)."""
    uf, members = st.uf, st.members
    cl, full = st.person_index()
    other: dict[str, list[int]] = defaultdict(list)
    for root, ms in cl.items():
        if _cls_of(members, ms) in ("ORG", "PLACE"):
            for k in {normalize(nm) for i in ms for nm in members[i].names}:
                other[k].append(root)
    sur_docs: dict[str, set[str]] = defaultdict(set)
    for r, parts in full.items():
        for _, sur in parts:
            sur_docs[sur] |= st.docs_of(cl[r])
    for root, ms in list(cl.items()):
        if root in full or _cls_of(members, ms) != "PERSON":
            continue
        names = {normalize(nm) for i in ms for nm in members[i].names}
        if len(names) != 1:
            continue
        nm = next(iter(names))
        docs = st.docs_of(ms)
        if len(nm.split()) != 1 or docs & sur_docs.get(nm, set()):
            continue
        targets = {uf.find(r) for r in other.get(nm, ())}
        if len(targets) != 1:
            continue
        t = targets.pop()
        t_docs = {members[j].doc for j in range(st.n) if uf.find(j) == t}
        if len(t_docs) >= len(docs):  # (one report may type the same name both ways)
            uf.union(t, root)


def _loose_index(full: dict[int, list[tuple]]) -> dict[str, list[tuple[str, int]]]:
    """Loose surname skeleton → (surname, person cluster) of the clusters' full names."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for r, parts in full.items():
        for sur in {sur for _, sur in parts}:
            out[loose_skeleton(sur)].append((sur, r))
    return out


def _loose_candidate(names: list[str], index: dict[str, list[tuple[str, int]]]) -> set[int]:
    """The one person cluster whose surname a surname-only name matches under the looser
    romanisation rules (``names.loose_variant``); none when the corpus has two such."""
    found: set[int] = set()
    for nm in names:
        s = name_parts(nm)[1] or normalize(nm)
        sk = loose_skeleton(s)
        if len(sk) < 3:
            continue
        found |= {r for sur, r in index.get(sk, ()) if loose_variant(s, sur)}
    return found if len(found) == 1 else set()


def _attach_surname_only(st: _Resolution) -> None:
    """Step 4: surname-only people attach to the person with that surname: the one named in
    the same report, else the one the corpus names (or names far more often than any other),
    else the one whose reports name the same other entities; the rest join by surname."""
    uf, members = st.uf, st.members
    cl, full = st.person_index()
    dom = st.th["surname_attach_dominance"]
    sur_to_roots: dict[str, list[int]] = defaultdict(list)
    for r, parts in full.items():
        # (and the last part of a double surname, as a tagger's fragment names it)
        for k in {name_key(x) for _, s in parts for x in (s, double_surname_tail(s)) if x}:
            sur_to_roots[k].append(r)
    root_docs = {r: st.docs_of(cl[r]) for r in full}
    root_reports = {r: independent_count(root_docs[r], st.copy_of) for r in full}
    doc_roots: dict[str, set[int]] = defaultdict(set)
    for j in range(st.n):
        doc_roots[members[j].doc].add(uf.find(j))
    ctx_cache: dict[int, set[int]] = {}
    loose_idx = _loose_index(full)

    def context_of(c: int) -> set[int]:
        if c not in ctx_cache:
            ctx_cache[c] = set().union(*(doc_roots[d] for d in root_docs[c])) - {c}
        return ctx_cache[c]

    leftovers: dict[str, list[int]] = defaultdict(list)
    for root, ms in list(cl.items()):
        if root in full or any(type_class(members[i].type) != "PERSON" for i in ms):
            continue  # (a one-word "person" that step 4 made a place or organisation)
        for i in ms:
            ks = {name_key(name_parts(nm)[1]) or name_key(nm) for nm in members[i].names}
            cands = _surname_candidates(ks, sur_to_roots) or _loose_candidate(members[i].names, loose_idx)
            local = [c for c in cands if members[i].doc in root_docs[c]]
            target = None
            if len(local) == 1:
                target = local[0]
            elif not local and cands:
                ranked = sorted(cands, key=lambda c: (-root_reports[c], c))
                if len(ranked) == 1 or root_reports[ranked[0]] >= dom * root_reports[ranked[1]]:
                    target = ranked[0]
                else:
                    # context: the candidate whose reports name the same other entities
                    here = doc_roots.get(members[i].doc, set())
                    ctx = sorted(((len(here & context_of(c)), c) for c in cands), reverse=True)
                    if ctx[0][0] >= 2 and ctx[0][0] >= 2 * ctx[1][0]:
                        target = ctx[0][1]
            if target is not None:
                uf.union(target, i)
            else:
                leftovers[min(ks)].append(i)
    for k, idx in leftovers.items():
        for i in idx[1:]:
            uf.union(idx[0], i)
    st.rehome_conflicts()


def _cls_of(members: list[Member], ms: list[int]) -> str:
    """A cluster's class: its members' most frequent (a root may be a mistyped one)."""
    return Counter(type_class(members[i].type) for i in ms).most_common(1)[0][0]


def _keys_of(members: list[Member], ms: list[int], person: bool) -> set[str]:
    """The name keys of a cluster's names (and of their surnames, for a person)."""
    ks = {name_key(nm) for i in ms for nm in members[i].names}
    if person:
        ks |= {name_key(person_parts(nm)[1]) for i in ms for nm in members[i].names}
    return ks


def _join_mistyped(st: _Resolution) -> None:
    """Step 5: the same name typed differently in a minority of reports joins the majority."""
    uf, members = st.uf, st.members
    cl = st.clusters()
    key_roots: dict[str, set[int]] = defaultdict(set)
    for root, ms in cl.items():
        if type_class(members[ms[0]].type) == "OTHER":
            continue
        person = _cls_of(members, ms) == "PERSON"
        for i in ms:
            for nm in members[i].names:
                for k in {name_key(nm), name_key(person_parts(nm)[1]) if person else ""}:
                    if k:
                        key_roots[k].add(root)
    cur, dirty = st.clusters(), False  # regrouped only after a union (not once per key)
    for k, rs in sorted(key_roots.items()):
        rs = {uf.find(r) for r in rs}
        if len(rs) < 2:
            continue
        if dirty:
            cur, dirty = st.clusters(), False
        if len({_cls_of(members, cur[r]) for r in rs}) < 2:
            continue
        big = max(rs, key=lambda r: (len(st.docs_of(cur[r])), -r))
        big_cls = _cls_of(members, cur[big])
        big_keys = _keys_of(members, cur[big], big_cls == "PERSON")
        big_surnames = {name_key(person_parts(nm)[1]) for i in cur[big] for nm in members[i].names
                        if big_cls == "PERSON" and _is_full(nm)}
        for r in sorted(rs - {big}):
            ms = cur[r]
            if _cls_of(members, ms) == big_cls:
                continue
            own = _keys_of(members, ms, False)
            # a surname alone that the tagger typed as a group or organisation ("Varga"
            # NORP) is the person's even beside the full name in one report
            # (the corpus's one person with that surname)
            # (or a hyphenated surname typed as an organisation: "Dupont-Martel" beside
            # "Jean Dupont-Martel")
            mistyped = big_cls == "PERSON" and all(
                len(name_key(nm).split()) == 1 or name_key(nm) in big_surnames
                for i in ms for nm in members[i].names) \
                and sum(_cls_of(members, cur[x]) == "PERSON" for x in rs) == 1
            if own <= big_keys and (mistyped or (2 * len(st.docs_of(ms)) <= len(st.docs_of(cur[big]))
                                                 and not uf.apart(big, r))):
                uf.union(big, r)
                dirty = True
        st.rehome_conflicts()


def _canonicalise(members: list[Member], uf: _UF, conflicts: dict[int, list[dict]],
                  copy_of: dict[str, str | None]):
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        groups[uf.find(i)].append(i)
    out: list[CanonicalEntity] = []
    mapping: dict[tuple[str, str], str] = {}
    used_ids: set[str] = set()
    former = set(lexicon()["former_words"])
    # names each group's members bear as their own: an alias that is another entity's own
    # name and none of this one's is left out of this one's aliases (it stays mapped)
    strong_in: dict[str, set[int]] = defaultdict(set)
    for root, idx in groups.items():
        for i in idx:
            strong_in[place_key(members[i].name)].add(root)
    for root in sorted(groups):
        ms = [members[i] for i in groups[root]]
        conf = conflicts.get(root, [])
        conf_names = {normalize(c["name"]) for c in conf}
        types = Counter(m.type for m in ms)
        etype = types.most_common(1)[0][0]
        named = Counter({t: c for t, c in types.items() if type_class(t) in ("ORG", "PLACE")})
        if etype == "PERSON" and named and sum(named.values()) >= types["PERSON"] \
                and not any(_is_full(m.name) for m in ms):
            # one-word "people" joined to a place or organisation of that name (step 4)
            etype = named.most_common(1)[0][0]
        if etype in PLACE and len(types) > 1:
            etype = "GPE" if types["GPE"] >= types["LOC"] else "LOC"
        good = [m.name for m in ms if normalize(m.name) not in conf_names]
        full_names = [nm for nm in good if _is_full(nm)] if etype == "PERSON" else good
        pool = full_names or good or [m.name for m in ms]
        counts = Counter(pool)
        name = sorted(counts, key=lambda x: (-counts[x], -len(x), x))[0]
        aliases: list[str] = []
        seen: set[str] = set()
        for nm in [name, *(x for m in ms for x in m.names)]:
            k = normalize(nm)
            owners = strong_in.get(place_key(nm), set())
            if owners and root not in owners:
                continue  # a short form that another entity bears as its name
            if k and k not in seen:
                seen.add(k)
                aliases.append(nm)
        # the tagger's country, and the nationality a role states ("Slovak deputy prime minister")
        countries = Counter(m.country for m in ms if m.country)
        countries.update(c for m in ms if m.type == "PERSON"
                         for c in {role_country(r) for r in m.roles} if c)
        country = countries.most_common(1)[0][0] if countries else None
        roles, role_seen = [], set()
        for m in sorted(ms, key=lambda m: (m.published or "", m.doc)):
            for r in m.roles:
                if (r, m.doc) not in role_seen:
                    role_seen.add((r, m.doc))
                    roles.append({"role": r, "date": m.published, "doc": m.doc})
        conf = list(conf) + _role_conflicts(roles, former, copy_of)
        if etype == "PERSON":
            conf += _given_name_conflicts(ms, name, conf, copy_of)
        docs = sorted({m.doc for m in ms})
        cid = stable_id("ent", etype, name_key(name) or normalize(name))
        if cid in used_ids:
            cid = stable_id("ent", etype, name_key(name), ms[0].doc, ms[0].eid)
        used_ids.add(cid)
        lat = next((m.lat for m in ms if m.lat is not None), None)
        lon = next((m.lon for m in ms if m.lon is not None), None)
        out.append(CanonicalEntity(id=cid, name=name, type=etype, aliases=aliases, country=country,
                                   documents=docs, roles=roles, conflicts=conf,
                                   members=[{"doc": m.doc, "entity": m.eid} for m in ms],
                                   lat=lat, lon=lon))
        for m in ms:
            mapping[(m.doc, m.eid)] = cid
    out.sort(key=lambda e: (-len(e.documents), e.name))
    return out, mapping


def _given_name_conflicts(ms: list[Member], name: str, known: list[dict], copy_of) -> list[dict]:
    """A first name that is another name (Marcin for Marek) in a minority of reports of one
    person the spelling rules joined: a disagreement worth showing. The same name in another
    romanisation or language's form (Kirill for Kyrylo, Zeina for Zayna) is not one
    (``names.same_given``): it stays among the entity's aliases."""
    main_given = name_parts(name)[0]
    if not main_given:
        return []
    main_key = name_key(main_given[0])
    listed = {(normalize(c.get("name", "")), c.get("doc")) for c in known}
    main_raw = normalize(main_given[0]).strip(".")
    forms: dict[str, list[tuple[str, Member]]] = defaultdict(list)
    raw_of: dict[str, str] = {}
    for m in ms:
        for nm in m.names:
            g = name_parts(nm)[0]
            if g and _is_full(nm):
                forms[name_key(g[0])].append((nm, m))
                raw_of.setdefault(name_key(g[0]), normalize(g[0]).strip("."))
    main_reports = independent_count({m.doc for _, m in forms.get(main_key, [])}, copy_of)
    out = []
    for key, uses in forms.items():
        raw = raw_of.get(key, key)
        # same key (a romanisation), an initial, or a short form (Steve / Steven): no conflict
        if key == main_key or len(raw) == 1 or raw.startswith(main_raw) or main_raw.startswith(raw):
            continue
        if same_given(main_raw, raw):
            continue  # another romanisation or language's form of the name (Kirill / Kyrylo)
        reports = independent_count({m.doc for _, m in uses}, copy_of)
        if reports * 2 >= main_reports:
            continue
        for nm, m in uses:
            if (normalize(nm), m.doc) in listed:
                continue
            listed.add((normalize(nm), m.doc))
            out.append({"name": nm, "doc": m.doc, "source": m.source, "kind": "name",
                        "reason": f"first name {nm.split()[0]!r} is another form than "
                                  f"{main_given[0].capitalize()!r} used by most reports"})
    return out


def _role_conflicts(roles: list[dict], former: set[str], copy_of) -> list[dict]:
    """An outlet calling a sitting office-holder "former X" while most reports say "X"."""
    out = []
    plain: dict[str, set[str]] = defaultdict(set)
    formers: list[tuple[str, dict]] = []
    for r in roles:
        words = normalize(r["role"]).split()
        if words and words[0] in former:
            formers.append((" ".join(words[1:]), r))
        else:
            plain[" ".join(words)].add(r["doc"])
    for core, r in formers:
        holders = {d for k, ds in plain.items() if core and (k == core or k.endswith(" " + core))
                   for d in ds}
        former_docs = {x["doc"] for c, x in formers if c == core}
        if holders and independent_count(holders, copy_of) > independent_count(former_docs, copy_of) \
                and r["doc"] not in holders:
            out.append({"name": r["role"], "doc": r["doc"], "kind": "name",
                        "reason": f"called {r['role']!r} while {len(holders)} other report(s) "
                                  f"give the office as current",
                        "other_docs": sorted(holders)})
    return out
