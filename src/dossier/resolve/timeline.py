"""Timeline: reports of one real-world event across documents become one item.

Each event report (a document's event, its participants mapped to canonical entities)
joins the best compatible item: same type and status, compatible date (null fits any
date, a month the days in it; a day apart for the same place or the same two people)
and place, and shared participants — people and organisations weigh more than
countries. A report whose participants only partly overlap an item's (both sides name
others: the same envoys at Gaza talks) needs positive evidence, the same day or the same
place. Places nest: a report at the Hofburg "in Vienna", or at a resort "near Davos,
Switzerland", is at the same place as the talks in Vienna or Switzerland (the extraction's
``place_in``), and two places of one country fit. Background mentions without
participants ("the talks in Geneva") join by place and date (a day off too), or stay with
their text's report of the talks, or, giving a day ("yesterday's meeting ended without a
deal"), the one item of their kind on that day; items of nothing but such mentions, and one-party items
with no date, place or second report, are left out. The states of one report and the
people of another ("Chile and Peru signed" / "signed by Rocha and Salas",
"Russia and the US ... at Tuesday's meeting") are one event on the same day when the known
people belong to those states (a person's country: the tagger's, a role's nationality, or
the delegation the reports put them in); a report that may have borrowed its parties from
another report of its text (same parties, another place) joins the talks at its place. A
capital, an institution named after its seat (the Kremlin) or a nationality acting stands
for its state. An event cannot be reported before it happens (an "occurred" event dated
after its report is a plan); a date that is only the publication's (a headline's
present tense) may join an event up to a few days before it and weighs below a date the
text gives; an undated, unplaced report does not reach back days before it; a phone call is
not the meeting in person (unless the same two people on the same day: one account's
wording); a near-duplicate copy follows its original.

Participants are compared as sets of parties: a person stands for their state (their
country, else the delegation a report puts them in) where the item names that state and
none of its people, and a state for the people of it the item names, at the weight of a
state ("Kovalchuk halted the transit" / "Ukraine halted the transit to Slovakia"; "Beshimov
and Nazarov" at the talks of Kyrgyzstan and Tajikistan). A party in common only through a
state needs the same place or text, the same day with states on one side, or the report
being a thinner account of the one item that holds all its parties; officials of the same
states on both sides are as likely another contact, and so are officials of a state none
of the item's people belongs to, there that day with no one in common, and so are people of
other states there that day (a summit's bilaterals). A leader's contacts that day with one
counterpart and with another, or two meetings one aide attends ("joined by"), are two events:
where both sides name people the other lacks, one person in common is not enough away from a
shared place or text, nor are two when they meet in two towns (no place holding the other,
none near it); a name spelt another way counts as the person in common. Two countries named
as places conflict. A week a report names ("last week")
also holds the Sunday before its Monday; talks run over up to three consecutive days (a
``date_range``, which a headline's publication day does not extend). One text's meetings
with one person on one day and another on the next, or with one person in common and
others of their own, are two. An undated report prefers the round of the last few days and
joins the one item holding all its people up to a week later. A thin fragment (one text's
reports, "Russia agreed" with no day or place) joins the single stronger item of its kind
that holds all its parties; with two such items it stays apart. A text recalling an event
by its day a week or more later ("the handover of March 2, run by a relief agency") joins
the one item of its kind, reported by more texts, that holds that day, when its people
belong to the item's states and its organisations to no other state. Some events are told
through others: an agreement's reports that name the talks' parties (or give their place
and day) are reports of the one in-person meeting at its place on its day or the day
before, and an accusation of an attack dated a day at a place reports the one attack there
that day, which names the accused and the accuser; each stays its own item (an agreement
and its talks hold each other's people: the negotiators reached it, its parties talked). Talks over days
told in pieces (a live blog's undated entry at a venue no gazetteer places, a wire's "the
talks began on Tuesday" naming the mediator alone, the agreement's text's own "the talks")
are one item when an agreement was reached at them: the pieces within the talks' days up to
the agreement's day, at no other place, of its parties, their states, the host state or the
mediator, tied to it by a text, the place or two parties (``_talks_pieces``), at the
agreement's place where their own (a venue) cannot be situated. An undated
report whose people its own text's dated event holds through their states ("signed by A and
B" after "Chad and Niger signed on Wednesday") tells that event again; the same two or more
parties at the same place a day apart are one event (``dates_reported`` shows both days);
headlines of one day naming a state and its minister are one event; a mention naming only a
week ("the deal struck last week") joins the one item of its kind in that week.

An item says who did what with whom, where: people before their states (a state stands in
only where none of its people is named), the host where a report says so, delegations facing
each other (``roles``, ``affiliations``, ``host``), the days and places its reports give
(``dates_reported``, ``places_reported``; ``contradictions`` where accounts of one meeting
disagree), a ``date_range`` for talks over days. A plan (announced, expected or
hypothetical) that took place is the ``history`` of the item that did (``planned_by`` keeps
the link; not when each names people the other lacks, unless on the same day), not a row
of its own; a plan that did not happen stays a plan.

Incremental design (the next step keeps these keys in the store): the join decision
``_score(report, item)`` reads only the item's compact state — type and status, participant
key counts (``parts``), place keys and the wider places they are in (``locs``, ``wider``),
date weights (``dates``), modes, the documents it holds, its first publication and its
people's states (``person_state``) — plus the entity facts (type, country) of the names
involved. ``cluster_reports`` finds candidates through key indexes (participant and the
states of people, place and wider place, day, document), then lets thin fragments join the
one item they fit (``_absorb``, through the same keys) and dated mentions the one item of
their day (``_dated_mentions``, through the day), so a new
document's reports can look up the items of their keys and join or open one without
re-resolving the corpus; ``_link_plans`` likewise asks, per plan, the occurred items that share
its keys. Only near-duplicate copies, which follow their original, and the contradiction
flags compare items pairwise.
Thresholds and wordings: ``data/resolve/thresholds.json``, ``data/resolve/lexicon.json``.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, cast

from ..ids import stable_id
from ..records import CanonicalEntity, Claim, EventStatus, EventType, Extraction, TimelineItem
from .common import normalize
from .common import (dates_compatible, fill_year, independent_count, is_country, lexicon,
                     original_of, period_start, precision, span_text, thresholds)
from .common import load_data


# the kinds whose texts report one another's events: an outcome's kind -> the kind of the
# event its texts tell of too: an agreement's reports tell of the talks it was reached at
# (``_talks_pieces``, ``_talks_of_outcomes``), an accusation's of the attack it is about
# (``_attacks_of_accusations``)
AGREEMENT, ACCUSATION = "AGREE", "ACCUSE"
TELLS_OF = {AGREEMENT: "CONSULT", ACCUSATION: "ASSAULT"}
# both ways, the rules' and the incremental look-up's one table: kind -> the kinds paired with it
OUTCOMES = {k: (v,) for a, b in TELLS_OF.items() for k, v in ((a, b), (b, a))}


@functools.lru_cache(maxsize=1)
def weights() -> dict:
    """Scoring weights (``data/resolve/weights.json``)."""
    return load_data("weights.json")["timeline"]


@dataclass
class Report:
    doc: str
    vid: str
    type: str
    status: str
    mode: str | None
    date: str | None
    actors: list[str]
    targets: list[str]
    location: str | None
    evidence: dict
    text: str
    published: str | None
    source: str | None
    trigger: str = ""
    weak: bool = False  # participants perhaps carried over from another report of the text
    affil: dict = field(default_factory=dict)  # person → the party of their delegation
    date_inferred: bool = False  # the publication's date, not one the text gives
    place_in: str | None = None  # the wider place the text puts the location in
    mediators: list = field(default_factory=list)  # who mediates (among the participants)
    states: dict = field(default_factory=dict)  # person → their state (delegation, else country)

    @property
    def known(self) -> set[str]:
        """Participants to match on (none for a weak report)."""
        return set() if self.weak else self.parts

    @property
    def parts(self) -> set[str]:
        return set(self.actors) | set(self.targets)


@dataclass
class _Item:
    type: str
    status: str
    reports: list[Report] = field(default_factory=list)
    parts: Counter = field(default_factory=Counter)
    locs: Counter = field(default_factory=Counter)
    dates: Counter = field(default_factory=Counter)
    first_published: str | None = None
    modes: Counter = field(default_factory=Counter)
    wider: set = field(default_factory=set)  # the wider places its reports name
    docs: set = field(default_factory=set)
    soft: Counter = field(default_factory=Counter)  # publication dates of its headlines
    person_state: dict = field(default_factory=dict)  # its people → their states
    told: set = field(default_factory=set)  # texts telling it through another event (its outcome)
    at: str | None = None  # the place of the agreement reached at these talks

    def add(self, r: Report) -> None:
        self.reports.append(r)
        self.docs.add(r.doc)
        if r.published and precision(r.published) == 3:
            self.first_published = min(self.first_published or r.published, r.published)
        self.parts.update(r.known)
        for p in r.known:
            if p in r.states:
                self.person_state.setdefault(p, r.states[p])
        if r.location and not r.weak:
            self.locs[r.location] += 1
            if r.place_in:
                self.wider.add(r.place_in)
        if r.date and not r.date_inferred:
            self.dates[r.date] += 1
        elif r.date:
            self.soft[r.date] += 1
        if r.mode:
            self.modes[r.mode] += 1


class EntityInfo(dict):
    """canonical id → {"name", "type", "country"} gathered from the documents; ``countries``:
    country code → the country's own canonical id."""

    countries: dict[str, str] = {}
    country_names: dict[str, str] = {}


def entity_info(extractions: Iterable[Extraction], entity_map: dict) -> EntityInfo:
    info = EntityInfo()
    names: dict[str, Counter] = defaultdict(Counter)
    for ex in extractions:
        for e in ex.entities:
            cid = entity_map.get((ex.doc.id, e.id))
            if not cid:
                continue
            names[cid][e.name] += 1
            cur = info.setdefault(cid, {"name": e.name, "type": e.type, "country": e.country,
                                        "lat": e.lat, "lon": e.lon})
            cur["country"] = cur["country"] or e.country
            if cur.get("lat") is None and e.lat is not None:
                cur["lat"], cur["lon"] = e.lat, e.lon
    for cid, c in names.items():
        ranked = sorted(c, key=lambda nm: (-(len(nm.split()) > 1), -c[nm], nm))
        info[cid]["name"] = ranked[0]
    return info


def reports_of(extractions: Iterable[Extraction], entity_map: dict) -> list[Report]:
    out = []
    for ex in extractions:
        d = ex.doc
        for v in ex.events:
            def cmap(ids):
                return list(dict.fromkeys(entity_map[(d.id, i)] for i in ids
                                          if (d.id, i) in entity_map))
            loc = entity_map.get((d.id, v.location)) if v.location else None
            affil = {entity_map[(d.id, m)]: entity_map[(d.id, p)]
                     for m, p in (getattr(v, "affiliation", None) or {}).items()
                     if (d.id, m) in entity_map and (d.id, p) in entity_map}
            out.append(Report(d.id, v.id, v.type, v.status or "occurred", v.mode,
                              fill_year(v.date, d.published), cmap(v.actors), cmap(v.targets),
                              loc, dict(v.evidence or {}), span_text(ex, v.evidence),
                              d.published, d.source, v.trigger, affil=affil,
                              date_inferred=bool(getattr(v, "date_inferred", False)),
                              place_in=entity_map.get((d.id, getattr(v, "place_in", None))),
                              mediators=cmap(getattr(v, "mediators", None) or [])))
    return out


def normalise_report(r: Report, info: EntityInfo) -> Report:
    """A city or region among the participants is the place; a nationality ("Ukrainian
    negotiators") stands for its country; an "occurred" event dated after its report's
    publication is a plan."""
    countries = getattr(info, "countries", {})
    if countries:
        def nat(x):
            e = info.get(x) or {}
            if e.get("type") in ("GPE", "LOC"):
                return x
            own = _GOVERNMENT.match(normalize(e.get("name") or "")) \
                if e.get("type") == "ORG" else None
            if own:  # "the Government of the State of Ruritania" acts as Ruritania
                return getattr(info, "country_names", {}).get(own.group(1), x)
            if e.get("type") != "NORP":
                # a nationality the tagger took for a name ("Peruvian", "Swiss-mediated")
                return _state_named(e.get("name"), info) or x
            return countries.get(e.get("country")) or _state_named(e.get("name"), info) or x
        r.actors = list(dict.fromkeys(nat(a) for a in r.actors))
        r.targets = [t for t in dict.fromkeys(nat(t) for t in r.targets) if t not in r.actors]
        r.affil = {m: nat(p) for m, p in r.affil.items()}
        r.mediators = list(dict.fromkeys(nat(m) for m in r.mediators))
    if countries:
        # "Moscow repeated the demand": a capital acting stands for its state (a capital one
        # travels to or meets in stays a place)
        def state(x):
            e = info.get(x) or {}
            if e.get("type") in ("GPE", "LOC") and normalize(e.get("name") or "") in _capitals():
                return countries.get(e.get("country"), x)
            if e.get("type") == "ORG" and _is_seat(e.get("name")):
                return countries.get(e.get("country"), x)  # "after White House talks": the US
            return x
        r.actors = list(dict.fromkeys(state(a) for a in r.actors))
        if r.type != "CONSULT":
            r.targets = [t for t in dict.fromkeys(state(t) for t in r.targets) if t not in r.actors]
    places = [p for p in [*r.actors, *r.targets]
              if (info.get(p) or {}).get("type") in ("GPE", "LOC")
              and not is_country((info.get(p) or {}).get("name"))
              and normalize((info.get(p) or {}).get("name") or "") not in _blocs()]
    if places:
        r.actors = [a for a in r.actors if a not in places]
        r.targets = [t for t in r.targets if t not in places]
        if not r.location:
            r.location = places[0]
    start = period_start(r.date)
    if r.status == "occurred" and start and precision(r.published) == 3 \
            and start > (r.published or ""):
        r.status = "planned"
    return r


# "government of (the state / republic / kingdom of) X": the government of state X
_GOVERNMENT = re.compile(r"^(?:the )?government of (?:the )?(?:(?:state|republic|kingdom) of )?(.+)$")


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    from ..data import load_json
    return frozenset(normalize(c) for c in load_json("events/groups.json").get("capitals", []))


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, ...]]:
    from ..data import load_json
    return {normalize(k): tuple(normalize(n) for n in v)
            for k, v in load_json("events/groups.json")["demonyms"].items()}


def _state_named(word: str | None, info: "EntityInfo") -> str | None:
    """The country entity a nationality word stands for ("Peruvian" → Peru), by name."""
    names = _demonyms().get(normalize(word or ""))
    if not names and normalize(word or "").split():
        names = _demonyms().get(normalize(word or "").split()[0])  # "Swiss-mediated"
    if not names:
        return None
    by_name = getattr(info, "country_names", {})
    return next((by_name[n] for n in names if n in by_name), None)


@functools.lru_cache(maxsize=1)
def _seats() -> frozenset[str]:
    from ..data import load_json
    return frozenset(normalize(c) for c in load_json("events/groups.json").get("seats", []))


def _is_seat(name: str | None) -> bool:
    """An institution named after its building (the Kremlin): its state's stand-in."""
    return normalize(name or "") in _seats()


@functools.lru_cache(maxsize=1)
def _blocs() -> frozenset[str]:
    """Names a nationality word stands for ("European" → Europe): parties, not places."""
    from ..data import load_json
    return frozenset(normalize(n) for names in load_json("events/groups.json")["demonyms"].values()
                     for n in names)


@functools.lru_cache(maxsize=256)
def _remote(mode: str | None) -> bool:
    return (mode or "").lower() in set(lexicon().get("remote_modes", []))


def _w(cid: str, info: EntityInfo) -> int:
    w = weights()["participant"]
    return w.get((info.get(cid) or {}).get("type", ""), w["other"])


def _loc_relation(a: str | None, locs: Counter, info: EntityInfo) -> str:
    """same | compatible | conflict | unknown."""
    if not a or not locs:
        return "unknown"
    if a in locs:
        return "same"
    ca = (info.get(a) or {}).get("country")
    if ca and any((info.get(b) or {}).get("country") == ca for b in locs):
        return "compatible"  # a city and its country, or two places of one country
    if is_country((info.get(a) or {}).get("name")) \
            and all(is_country((info.get(b) or {}).get("name")) for b in locs):
        return "conflict"  # two countries (whatever codes the tagger gave them)
    if not ca or any(not (info.get(b) or {}).get("country") for b in locs):
        return "unknown"  # a place we cannot situate: neither evidence nor conflict
    return "conflict"


@functools.lru_cache(maxsize=1)
def _wide_places() -> frozenset[str]:
    """Regions (``gazetteer/regions.jsonl``, names and aliases): places that hold towns."""
    from ..data import load_jsonl
    return frozenset(normalize(n) for r in load_jsonl("gazetteer/regions.jsonl")
                     for n in [r.get("name"), *(r.get("aliases") or [])] if n)


def _point_place(cid: str | None, info: EntityInfo) -> bool:
    """A town or city (a place, neither a country, a bloc nor a region)."""
    e = info.get(cid or "") or {}
    name = normalize(e.get("name") or "")
    return e.get("type") in ("GPE", "LOC") and bool(name) and not is_country(name) \
        and name not in _blocs() and name not in _wide_places()


def _near(a: str, b: str, info: EntityInfo) -> bool:
    """Two places with coordinates within ``near_places_km`` (a district and its city, a
    town beside the city it is reported as)."""
    ea, eb = info.get(a) or {}, info.get(b) or {}
    if None in (ea.get("lat"), ea.get("lon"), eb.get("lat"), eb.get("lon")):
        return False
    import math
    la, lb = math.radians(ea["lat"]), math.radians(eb["lat"])
    dlon = math.radians(eb["lon"] - ea["lon"])
    x = dlon * math.cos((la + lb) / 2)
    km = 6371 * math.hypot(x, lb - la)
    return km <= thresholds("timeline").get("near_places_km", 60)


def _places_differ(r: Report, it: _Item, info: EntityInfo) -> bool:
    """The report and the item are placed in different towns: none of the item's places is
    the report's, none holds the other (the text's wider place, a region, a country) and
    none lies near it (a report's one place against an item's: another meeting there)."""
    a = r.location
    if not a or r.weak or not it.locs or a in it.locs or not _point_place(a, info):
        return False
    if r.place_in in it.locs or a in it.wider or (r.place_in and r.place_in in it.wider):
        return False
    return all(_point_place(b, info) and not _near(a, b, info) for b in it.locs)


def _score(r: Report, it: _Item, info: EntityInfo, recent: bool = False,
           alone: bool = False) -> float | None:
    """How well a report fits an item; None when it must not join. ``recent``: a headline
    dated by its publication, and the item's days are that day or the day before; ``alone``:
    the report's item is a thin fragment and this the one item it may join (``_absorb``). In
    both cases a report all of whose parties the item holds needs no other evidence."""
    if r.date_inferred:
        # a headline's "meets" dated by its publication: the event of a day or so before
        if r.date not in it.dates and not all(_within(d, r.date) for d in it.dates
                                              if precision(d) == 3):
            return None  # (a day the item holds fits, though one account gives a later one)
        # (an item dated only by headlines of the same day: as recent)
        s = _score(dataclasses.replace(r, date=None, date_inferred=False), it, info,
                   recent=any(precision(d) == 3 for d in it.dates)
                   or (not it.dates and r.date in it.soft), alone=alone)
        return None if s is None else s + (1 if r.date in it.dates else 0)
    if it.soft and not it.dates:
        # an item dated only by publication: an event of that day or a few days before
        if r.date and not any(_within(r.date, d) for d in it.soft):
            return None
        if not r.date and precision(r.published) == 3 \
                and all((d or "") > (r.published or "") for d in it.soft):
            return None  # not reported before it happened
    rp = r.known
    if r.type != it.type or r.status != it.status:
        return None
    loc = _loc_relation(r.location, it.locs, info)
    if loc != "same" and r.location and (r.place_in in it.locs or r.location in it.wider):
        loc = "same"  # one place inside the other: a palace in Vienna, a resort in Switzerland
    if loc == "conflict" and not (r.weak and not r.date):
        return None
    strong_shared = sum(1 for p in rp & set(it.parts) if _w(p, info) > 1)
    if r.mode and it.modes and all(_remote(r.mode) != _remote(m) for m in it.modes) \
            and r.doc not in it.docs and not (strong_shared >= 2 and set(it.dates) == {r.date}
                                              and precision(r.date) == 3 and loc != "conflict"):
        # a phone call is not the meeting in person (one report's two wordings are, and so
        # are two accounts of the same two people on the same day)
        return None
    # a meeting over a few days, or a report a day off: the same place (or the same two
    # people and no other place), each day at most a day from the next
    days = [d for d in it.dates if precision(d) == 3]
    near = (precision(r.date) == 3 and bool(days) and _span_ok([*days, r.date])
            and all(_adjacent(r.date, d) for d in it.dates if precision(d) != 3)
            and ((loc == "same" and (strong_shared >= 1 or not rp or _same_sides(rp, it)))
                 or strong_shared >= 2))
    if not all(_dates_fit(r.date, d) for d in it.dates) and not near \
            and not (any(_dates_fit(r.date, d) for d in it.dates) and _multi_day(it.dates)):
        # (an item over two adjacent days takes a week or month that holds one of them)
        return None
    multi_day = near
    if it.status == "occurred" and not multi_day:
        # an event cannot be reported before it happened
        if precision(r.published) == 3 and it.dates \
                and all((period_start(d) or "") > (r.published or "") for d in it.dates):
            return None
        if it.first_published and (_earliest(r.date) or "") > it.first_published:
            return None
    same_day = bool(r.date) and precision(r.date) == 3 and (
        r.date in it.dates or (not it.dates and r.date in it.soft))
    return _party_fit(r, it, info, loc, same_day, recent or alone)


def _same_sides(rp: set[str], it: _Item) -> bool:
    """The report names the item's parties and no other, two or more of them (the same two
    states at the same place a day apart: one event, dated differently or over days)."""
    return len(rp) >= 2 and rp == set(it.parts)


def _covered(r: Report, it: _Item) -> tuple[set[str], set[str]]:
    """Parties one side names through a state the other names: (the report's people whose
    state the item names, and none of its people, and the report's states one of whose
    people the item names; the item's people whose state the report names). "Kovalchuk imposed" / "Ukraine halted";
    "Beshimov and Nazarov" / "Kyrgyzstan and Tajikistan" with their mediator."""
    parts = set(it.parts)
    states = set(it.person_state.values())
    # a state stands for a person only where the item names none of its people (another
    # Ukrainian on the call is another party, not Ukraine's)
    mine = {p for p in r.known - parts
            if (r.states.get(p) and r.states[p] in parts and r.states[p] not in states)
            or p in states}
    theirs = {q for q in parts - r.known if it.person_state.get(q) in r.known}
    return mine, theirs


def _party_fit(r: Report, it: _Item, info: EntityInfo, loc: str, same_day: bool,
               enough: bool) -> float | None:
    """The participant part of ``_score``: shared parties (a person standing for their state
    and a state for its people at the weight of a state), and the evidence a thin overlap
    needs (the same day, the same place, the same report; ``enough``: the item holding all the
    report's parties)."""
    rp = r.known
    same_doc = r.doc in it.docs
    via, via_it = _covered(r, it) if rp and it.parts else (set(), set())
    if via and same_doc and not r.date:
        # the text's own event between states, told again by its people: one of them of a
        # state the item names, the others of no state known ("signed by Chad's A and B")
        via |= {p for p in rp - set(it.parts) if _is_person(p, info) and p not in r.states}
    # the same report coming back to an event it already described ("after the meeting")
    # every party of the report is the item's (or its state's): a thinner account of it
    within = bool(rp) and rp <= set(it.parts) | via
    same_report = within and same_doc
    positive = same_day or loc == "same" or same_report or (enough and within)
    shared = rp & set(it.parts)
    strong = {p for p in shared if _w(p, info) > 1}
    weight = sum(_w(p, info) for p in shared) + weights()["state_cover"] * len(via)
    if not rp or not it.parts:
        # a background mention without participants: by place (and date), or a report's own
        # mention of the talks it describes ("Florida talks end" over "met in Hallandale Beach")
        if loc == "same":
            return weights()["place_only"] + (weights()["same_day"] if same_day else 0)
        if not rp and it.parts and same_doc and (loc != "conflict" or (r.weak and not r.date)) \
                and (same_day or not r.date):
            return weights()["background_in_same_report"]
        return None
    # a party in common only through a state: with the same place or text, as the one item
    # that holds all the report's parties, or on the same day where one side names states
    # only ("Ukraine halted" / "Kovalchuk halted"); two sets of officials of the same states
    # on one day are as likely two contacts
    states_only = not any(_is_person(p, info) for p in rp) \
        or not any(_is_person(p, info) for p in it.parts)
    if not shared and not (via and (loc == "same" or same_report or (enough and within)
                                     or (states_only and positive))):
        # no one in common: only the same day at the same place (one summit, two accounts),
        # or the same day between the same states ("Russia and the United States ... at
        # Tuesday's meeting in the Kremlin" is Putin's meeting with the US envoys)
        if same_day and loc == "same" and not _other_states(rp, it, info) \
                and not _other_delegations(r, it, info):
            return weights()["no_one_shared_same_day_same_place"]
        if same_day and loc != "conflict" and _sides_match(rp, it.parts, info) \
                and not (any(_is_person(p, info) for p in rp)
                         and any(_is_person(p, info) for p in it.parts)):
            # (states against people; other people of those states are another contact)
            return weights()["no_one_shared_same_day_same_countries"]
        if loc == "same" and not (r.date and it.dates) and _countries_within(rp, it.parts, info):
            # "Swiss-mediated talks in Vienna": the states of the people met there
            return weights()["no_one_shared_undated_same_place_states"]
        return None
    if not strong and not positive:
        return None
    age = [_days_apart(period_start(d), r.published) for d in it.dates] \
        if not r.date and precision(r.published) == 3 else []
    recent = any(a is not None and a <= thresholds("timeline")["undated_max_age_days"]
                 for a in age)
    held = enough and within and len(strong) >= 2 and any(
        a is not None and a <= thresholds("timeline")["undated_holds_max_age_days"] for a in age)
    if age and not recent and loc != "same" and not held:
        # an undated report names a recent event: one days before it, unplaced, is another
        # (unless it is the one item that holds all its people, within a week)
        return None
    only_r = {p for p in rp - set(it.parts) - via if _w(p, info) > 1}
    only_it = {p for p in set(it.parts) - rp - via_it if _w(p, info) > 1}
    if (not r.date or not it.dates) and loc != "same" and len(strong) < 2 and only_r:
        # undated, elsewhere unplaced, and naming people the item does not have: too weak
        return None
    other_day = precision(r.date) == 3 and any(precision(d) == 3 for d in it.dates)
    if only_r and only_it and not (same_day or same_report
                                   or (loc == "same" and not r.date)
                                   or (loc == "same" and same_doc and not other_day)):
        # both name people the other does not: the same day (or, undated, the same place);
        # the envoy's Gaza talks in Miami next week are not his Ukraine talks there on
        # Thursday, and a text's meeting on Thursday with one and on Friday with the other
        # are two
        return None
    if only_r and only_it and not same_doc \
            and _other_counterparts(r, it, info, only_r, only_it, len(strong | via), loc):
        return None
    if only_r and only_it and same_doc and len(shared | via) < 2 and loc != "same":
        # one text, one person in common and each with others of its own: the text tells
        # two contacts ("met Macron ... also spoke with Starmer and Rutte")
        return None
    w = weights()
    # an undated report whose people its own text's event holds through their states ("the
    # agreement was signed by A and B" after "Chad and Niger signed on Wednesday") tells
    # that event again, over another item sharing one of its people
    again = w["same_text_again"] if same_report and not r.date and it.dates \
        and any(_is_person(p, info) for p in via) else 0
    return weight + again + (w["same_place"] if loc == "same" else 0) \
        + (w["same_day"] if same_day else 0) + (w["both_dated"] if r.date and it.dates else 0) \
        + (w["undated_recent"] if recent else 0)


def _other_counterparts(r: Report, it: _Item, info: EntityInfo, only_r: set[str],
                        only_it: set[str], n_shared: int, loc: str) -> bool:
    """Both name people the other lacks (``only_r``, ``only_it``: people, not an institution
    standing for its state): with one person in common (``n_shared``) a leader's call with
    one counterpart and another call with another that day, or two meetings one person
    attends, joined by, are two contacts; so are meetings in two towns (``_places_differ``).
    At the same place one person in common ties them unless the report's own people are all
    of states none of the item's people is of (the host state aside): the president's
    meeting there with another state's minister. A name spelt another way (one the entity
    resolution kept apart: a surname a letter off, a first name romanised another way) is
    the person in common, not another counterpart."""
    alike = {p for p in only_r if any(_alike(p, q, info) for q in only_it)}
    rest_r = {p for p in only_r - alike if _is_person(p, info)}
    rest_it = {q for q in only_it if _is_person(q, info)
               and not any(_alike(p, q, info) for p in alike)}
    if not rest_r or not rest_it:
        return False
    if loc == "same":
        if n_shared + len(alike) >= 2:
            return False
        host = {(info.get(r.location or "") or {}).get("country")}
        mine = {_state_code(p, r.states, info) for p in rest_r}
        theirs = {_state_code(q, it.person_state, info) for q in it.parts if _is_person(q, info)}
        return None not in mine and bool(theirs - {None}) and not (mine - host) & theirs
    return n_shared + len(alike) < 2 or _places_differ(r, it, info)


def _state_code(p: str, own: dict, info: EntityInfo) -> str | None:
    """A person's country code, else that of the state their delegation is of (``own``)."""
    code = (info.get(p) or {}).get("country")
    if code or not own.get(p):
        return code
    return (info.get(own[p]) or {}).get("country") or own[p]


def _alike(p: str, q: str, info: EntityInfo) -> bool:
    """Two people's names that may be one person's spellings: surnames a letter apart (or
    ``alike_surname_similarity``), first names compatible or alike (``alike_given_similarity``)."""
    a, b = info.get(p) or {}, info.get(q) or {}
    if a.get("type") != "PERSON" or b.get("type") != "PERSON":
        return False
    return _alike_names(a.get("name") or "", b.get("name") or "")


@functools.lru_cache(maxsize=65536)
def _alike_names(a: str, b: str) -> bool:
    from rapidfuzz.distance import Levenshtein
    from ..names import given_compatible, loose_given, name_key, person_parts
    ga, sa = person_parts(a)
    gb, sb = person_parts(b)
    ka, kb = name_key(sa or ""), name_key(sb or "")
    if not ka or not kb:
        return False
    th = thresholds("timeline")
    if Levenshtein.distance(ka, kb) > 1 \
            and Levenshtein.normalized_similarity(ka, kb) < th.get("alike_surname_similarity", 0.8):
        return False
    # first names romanised another way too (Zeina / Zayna, Omar / Umar)
    return given_compatible(ga, gb) or loose_given(ga[0], gb[0]) \
        or Levenshtein.normalized_similarity(ga[0], gb[0]) >= th.get("alike_given_similarity", 0.6)


@functools.lru_cache(maxsize=65536)
def _dates_fit(a: str | None, b: str | None) -> bool:
    """Compatible dates (a month holds its days, a week its days), with a week's uncertainty:
    a week a report names ("last week", "this week") also holds the days just before its
    Monday (``week_early_days``: where a week is counted from Sunday)."""
    if dates_compatible(a, b):
        return True
    if a is None or b is None or {precision(a), precision(b)} != {2, 3}:
        return False
    week, day = (a, b) if precision(a) == 2 else (b, a)
    start = period_start(week)
    if "-WE" in week or start is None or day >= start:
        return False
    gap = _days_apart(start, day)
    return gap is not None and gap <= thresholds("timeline").get("week_early_days", 1)


def _earliest(date: str | None) -> str | None:
    """The first day a date may mean (a week: from the days before its Monday)."""
    start = period_start(date)
    if start is None or precision(date) != 2 or "-WE" in (date or ""):
        return start
    import datetime as _dt
    early = thresholds("timeline").get("week_early_days", 1)
    return (_dt.date.fromisoformat(start) - _dt.timedelta(days=early)).isoformat()


def _within(day: str | None, published: str | None) -> bool:
    """A day on or just before a publication date (a headline's news of the day)."""
    gap = _days_apart(day, published)
    return gap is not None and (day or "") <= (published or "") \
        and gap <= thresholds("timeline").get("inferred_date_max_lag_days", 1)


def _multi_day(dates) -> bool:
    """Two or more days of one event (talks over two or three days)."""
    days = [d for d in dates if precision(d) == 3]
    return len(days) >= 2 and len(days) == len(dates) and _span_ok(days)


def _span_ok(days) -> bool:
    """Days one event may take: none more than a day from the next, and at most
    ``multi_day_max_days`` from the first to the last."""
    return _span_of(tuple(sorted(set(days))))


@functools.lru_cache(maxsize=65536)
def _span_of(ds: tuple[str, ...]) -> bool:
    gaps = [_days_apart(a, b) for a, b in zip(ds, ds[1:])]
    span = _days_apart(ds[0], ds[-1]) if ds else None
    return span is not None and all(g is not None and g <= 1 for g in gaps) \
        and span < thresholds("timeline").get("multi_day_max_days", 3)


def _countries_within(parts: set[str], item_parts, info: EntityInfo) -> bool:
    """Every participant has a country, and the item's participants come from all of them:
    two countries or more, or one institution or state alone ("the Kremlin meeting")."""
    mine = {(info.get(p) or {}).get("country") for p in parts}
    if None in mine or not mine:
        return False
    if len(mine) < 2 and any((info.get(p) or {}).get("type") == "PERSON" for p in parts):
        return False
    theirs = {(info.get(p) or {}).get("country") for p in item_parts} - {None}
    if mine <= theirs:
        return True
    # the states of a report against the people of the item ("Chile and Peru
    # signed" / "signed by Rocha and Salas"): the people whose state is known are theirs,
    # and the others can make up the rest
    unknown = sum(1 for p in item_parts if (info.get(p) or {}).get("type") == "PERSON"
                  and not (info.get(p) or {}).get("country"))
    return len(mine) >= 2 and bool(theirs) and theirs <= mine \
        and len(mine - theirs) <= unknown \
        and not any((info.get(p) or {}).get("type") == "PERSON" for p in parts)


def _other_states(rp: set[str], it: _Item, info: EntityInfo) -> bool:
    """The report names states only, the item people of known states, and none of the
    report's states is theirs: officials of another state at that place that day are as
    likely another contact ("met officials of B in the capital on Thursday" / the envoy's
    meeting there with a minister of C)."""
    if not rp or any((info.get(p) or {}).get("type") != "GPE"
                     or not is_country((info.get(p) or {}).get("name")) for p in rp):
        return False
    countries = getattr(info, "countries", {})
    theirs = {it.person_state.get(q) or countries.get((info.get(q) or {}).get("country"))
              for q in it.parts if _is_person(q, info)}
    return bool(theirs) and None not in theirs and not (rp & theirs)


def _other_delegations(r: Report, it: _Item, info: EntityInfo) -> bool:
    """Both name people, each of a known state, and neither's states hold the other's (the
    host state, the place's, aside): two sets of officials at one place that day, of other
    states, are two meetings (a summit's bilaterals), not two accounts of one."""
    def states(people, own) -> set[str]:
        out = {_state_code(p, own, info) for p in people if _is_person(p, info)}
        return set() if None in out else {x for x in out if x}

    mine = states(r.known, r.states)
    theirs = states(it.parts, it.person_state)
    # (the host state's officials at talks there are of the talks: the place's country)
    host = {(info.get(r.location or "") or {}).get("country")} - {None}
    return bool(mine) and bool(theirs) \
        and not (mine - host <= theirs or theirs - host <= mine)


def _sides_match(rp: set[str], parts, info: EntityInfo) -> bool:
    """One side names states, the other their people (either way round)."""
    return _countries_within(rp, parts, info) or _countries_within(set(parts), rp, info)


@functools.lru_cache(maxsize=65536)
def _adjacent(a: str | None, b: str | None) -> bool:
    """Two days at most one day apart (or compatible dates)."""
    if dates_compatible(a, b):
        return True
    if a is None or b is None or precision(a) != 3 or precision(b) != 3:
        return False
    import datetime as _dt
    try:
        return abs((_dt.date.fromisoformat(a) - _dt.date.fromisoformat(b)).days) <= 1
    except ValueError:
        return False


def _mark_weak(reports: list[Report]) -> None:
    """"The talks in Geneva last week" in a report of Sunday's talks in Florida: a later
    report of a text with exactly the participants of an earlier one but its own place may
    have borrowed them (the extraction gives a definite "the talks" the parties named
    before). It joins the talks at its place if any, else stays with its text's report."""
    by_doc: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_doc[r.doc].append(r)
    for rs in by_doc.values():
        rs.sort(key=lambda r: ((r.evidence or {}).get("start", 0), _vnum(r.vid)))
        for n, r in enumerate(rs):
            if r.location and r.parts and any(o.parts == r.parts and o.location != r.location
                                              and o.type == r.type for o in rs[:n]):
                r.weak = True


def _vnum(vid: str) -> int:
    try:
        return int(vid.lstrip("v"))
    except ValueError:
        return 0


def _order(r: Report):
    """Reports the text dates first (a headline dated by its publication after them), the
    placed before the unplaced, the fuller before the thinner."""
    return (-precision(r.date) if not r.date_inferred else 0, r.location is None,
            -len(r.parts), r.published or "", r.doc, r.vid)


def _party_keys(r: Report) -> set[str]:
    """The keys a report finds its items by: its parties and the states of its people."""
    return r.known | {r.states[p] for p in r.known if p in r.states}


def cluster_reports(reports: list[Report], info: EntityInfo) -> list[_Item]:
    items: list[_Item] = []
    # candidate items: those sharing a participant or the place (indexes keep this linear-ish)
    by_part: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_loc: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_doc: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_date: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    index_of: dict[int, int] = {}
    for r in sorted(reports, key=_order):
        kind = (r.type, r.status)
        cands: set[int] = set()
        for p in _party_keys(r):
            cands.update(by_part.get((*kind, p), ()))
        for place in (r.location, r.place_in):
            if place:  # (an item indexes its places and the wider places they are in)
                cands.update(by_loc.get((*kind, place), ()))
        if not r.known:
            cands.update(by_doc.get((*kind, r.doc), ()))
        if r.date is not None and precision(r.date) == 3:
            cands.update(by_date.get((*kind, r.date), ()))
        best, best_s = None, None
        for attempt in (0, 1):
            for n in sorted(cands):
                it = items[n]
                s = _score(r, it, info)
                if s is not None and (best_s is None or s > best_s
                                      or (s == best_s and best is not None
                                          and len(it.reports) > len(best.reports))):
                    best, best_s = it, s
            if best is not None or not r.weak:
                break
            # a weak report that no talks at its place take: its own participants after all
            r.weak = False
            for p in r.parts:
                cands.update(by_part.get((*kind, p), ()))
        if best is None:
            best = _Item(r.type, r.status)
            items.append(best)
        n = index_of[id(best)] if best_s is not None else len(items) - 1
        index_of[id(best)] = n
        known_parts, known_locs = set(best.parts), set(best.locs)
        best.add(r)
        for p in _party_keys(r) - known_parts:
            if n not in by_part[(*kind, p)]:
                by_part[(*kind, p)].append(n)  # (its parties and their people's states)
        if r.location and r.location not in known_locs and not r.weak:
            by_loc[(*kind, r.location)].append(n)
        if r.place_in and not r.weak and n not in by_loc[(*kind, r.place_in)]:
            by_loc[(*kind, r.place_in)].append(n)
        if n not in by_doc[(*kind, r.doc)]:
            by_doc[(*kind, r.doc)].append(n)
        if r.date is not None and precision(r.date) == 3 and n not in by_date[(*kind, r.date)]:
            by_date[(*kind, r.date)].append(n)
    return _talks_pieces(_recalled(_dated_mentions(_mentioned(_absorb(items, info), info), info), info),
                         info)


def _item_keys(it: _Item) -> set[str]:
    return set(it.parts) | set(it.person_state.values())


def _absorb(items: list[_Item], info: EntityInfo) -> list[_Item]:
    """Weak fragments join the single item they fit: an item of one report's text ("Russia
    agreed", "the envoy held talks", with no day or place) joins the one other, stronger
    item of its kind that holds all its parties (people through their states) and would
    take all its reports on that ground. Two such items, or none, and it stays apart."""
    by_key: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for n, it in enumerate(items):
        for k in _item_keys(it):
            by_key[(it.type, it.status, k)].add(n)
    gone: set[int] = set()
    for n in sorted(range(len(items)), key=lambda n: (len(items[n].docs), len(items[n].reports), n)):
        frag = items[n]
        if len(frag.docs) != 1 or not frag.parts:
            continue
        cands = sorted({m for k in _item_keys(frag) for m in by_key[(frag.type, frag.status, k)]}
                       - gone - {n})
        fits = [m for m in cands if _stronger(items[m], frag)
                and all(_holds(items[m], r) and _score(r, items[m], info, alone=True) is not None
                        for r in frag.reports)]
        if len(fits) != 1:
            continue
        host = items[fits[0]]
        for r in frag.reports:
            host.add(r)
        for k in _item_keys(frag):
            by_key[(host.type, host.status, k)].add(fits[0])
        gone.add(n)
    return [it for n, it in enumerate(items) if n not in gone]


def _in_passing(r: Report) -> bool:
    """The report's event is told in a clause of time hanging on another: a cue
    (``passing_cues``: "after", "since") a few words before its trigger ("a week after the
    two countries exchanged prisoners", "since their talks in the capital")."""
    return told_in_passing(r.text, r.trigger)


def told_in_passing(text: str | None, trigger: str | None) -> bool:
    """``_in_passing`` of an event's evidence ``text`` and ``trigger``."""
    lex = lexicon()
    text, trig = (text or "").lower(), (trigger or "").lower()
    at = text.find(trig) if trig else -1
    if at < 0:
        return False
    words = re.findall(r"[\w'-]+", text[:at])[-int(lex.get("passing_cue_max_words", 6)):]
    before = " " + " ".join(words) + " "
    return any(f" {c} " in before for c in lex.get("passing_cues", []))


def _mention_host(frag: _Item, host: _Item, info: EntityInfo, age: int) -> bool:
    """The host may be the earlier event an undated mention names: it holds all the
    mention's parties (people through their states), at no other place and by the same
    kind of contact, and each of its days falls before every mention's publication, at most
    ``age`` days before."""
    days = [d for d in host.dates if precision(d) == 3]
    if not days or not all(_holds(host, r) for r in frag.reports):
        return False
    for r in frag.reports:
        if precision(r.published) != 3 or not all(
                d < (r.published or "") and (_days_apart(d, r.published) or 0) <= age
                for d in days):
            return False
    if any(_loc_relation(loc, host.locs, info) == "conflict" for loc in frag.locs):
        return False
    return not (frag.modes and host.modes and any(
        _remote(m) != _remote(n) for m in frag.modes for n in host.modes))


def _mentioned(items: list[_Item], info: EntityInfo) -> list[_Item]:
    """An earlier event mentioned in passing, undated ("a week after the two countries
    exchanged prisoners", "since the talks with A and B"): an item of one text, of events
    that took place, whose reports name parties, give no day and tell the event in a clause
    of time (``_in_passing``), joins the one item of its
    kind reported by two other texts or more that holds all its parties and is dated before
    the text's publication (``mention_max_age_days`` at most; ``_mention_host``). Two such
    items, or another undated item of other texts holding all its parties, and it stays
    apart (found through its parties)."""
    age = thresholds("timeline").get("mention_max_age_days", 31)
    by_key: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for n, it in enumerate(items):
        for k in _item_keys(it):
            by_key[(it.type, it.status, k)].add(n)
    gone: set[int] = set()
    for n, frag in enumerate(items):
        if frag.status != "occurred" or len(frag.docs) != 1 or not frag.parts \
                or frag.dates or frag.soft or any(r.date for r in frag.reports) \
                or not all(_in_passing(r) for r in frag.reports):
            continue
        cands = sorted({m for k in _item_keys(frag) for m in by_key[(frag.type, frag.status, k)]}
                       - gone - {n})
        fits = [m for m in cands if len(items[m].docs - frag.docs) >= 2
                and _mention_host(frag, items[m], info, age)]
        rivals = [m for m in cands if not items[m].dates and items[m].docs - frag.docs
                  and all(_holds(items[m], r) for r in frag.reports)]
        if len(fits) != 1 or rivals:
            continue
        for r in frag.reports:
            items[fits[0]].add(r)
        gone.add(n)
    return [it for n, it in enumerate(items) if n not in gone]


def _item_days(it: _Item) -> set[str]:
    """The days an item holds: those its texts give and its headlines' publication days."""
    return {d for d in (*it.dates, *it.soft) if precision(d) == 3}


def _mention_days(r: Report) -> list[str]:
    """The days a dated mention may mean: its day (a headline's: that day or the day
    before), or the days of the week it names ("the deal struck last week")."""
    if precision(r.date) == 2:
        first = period_start(r.date)
        return [d for n in range(7) if (d := _shift(first, n))]
    if precision(r.date) != 3:
        return []
    return [r.date or "", _shift(r.date, -1) or ""] if r.date_inferred else [r.date or ""]


def _mention_fits(r: Report, host: _Item, info: EntityInfo) -> bool:
    """A mention without participants on the host's day (a headline dated by its
    publication: that day or the day before; a week: a day of it), at no place that
    conflicts with the host's."""
    if not r.date or precision(r.date) not in (2, 3):
        return False
    days = _item_days(host)
    if precision(r.date) == 2:
        if not days & set(_mention_days(r)):
            return False
    elif r.date_inferred:
        if not any(_within(d, r.date) for d in days):
            return False
    elif r.date not in days:
        return False
    return _loc_relation(r.location, host.locs, info) != "conflict"


def _dated_mentions(items: list[_Item], info: EntityInfo) -> list[_Item]:
    """An item of nothing but mentions without participants that give a day or a week
    ("yesterday's meeting at the Berlaymont", "the protocol signed on October 20", "the
    deal struck last week") joins the one item of its kind with participants on that day (a
    day of that week) whose place does not conflict (found through the day); of two such
    items the one far more texts report (``_dominant``), else, as with none, it stays
    apart (and is left out)."""
    by_day: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for n, it in enumerate(items):
        if it.parts:
            for d in _item_days(it):
                by_day[(it.type, it.status, d)].add(n)
    gone: set[int] = set()
    for n, frag in enumerate(items):
        if frag.parts or not all(precision(r.date) in (2, 3) for r in frag.reports):
            continue
        cands: set[int] = set()
        for r in frag.reports:
            for day in _mention_days(r):
                cands |= by_day.get((frag.type, frag.status, day), set())
        fits = [m for m in sorted(cands)
                if all(_mention_fits(r, items[m], info) for r in frag.reports)]
        host = _dominant([items[m] for m in fits])
        if host is None:
            continue
        for r in frag.reports:
            host.add(r)
        gone.add(n)
    return [it for n, it in enumerate(items) if n not in gone]


def _dominant(hosts: list[_Item]) -> _Item | None:
    """The one host, or of several the one reported by ``mention_host_dominance`` times the
    texts of any other (the day's event, not a one-text fragment of it); else None."""
    if len(hosts) < 2:
        return hosts[0] if hosts else None
    ranked = sorted(hosts, key=lambda it: -len(it.docs))
    need = thresholds("timeline").get("mention_host_dominance", 3)
    return ranked[0] if len(ranked[0].docs) >= need * len(ranked[1].docs) else None


def _recalled_fits(frag: _Item, host: _Item, info: EntityInfo) -> bool:
    """The host holds the fragment's day among the days its texts give, a place that does
    not conflict and the same kind of contact; the fragment's people and states are the
    host's (or of its states), its organisations of no other state."""
    if not frag.dates or not set(frag.dates) <= set(host.dates):
        return False
    if any(_loc_relation(loc, host.locs, info) == "conflict" for loc in frag.locs):
        return False
    if frag.modes and host.modes and any(_remote(m) != _remote(n) for m in frag.modes
                                         for n in host.modes):
        return False  # a meeting recalled is not the call of that day
    theirs = set(host.parts) | set(host.person_state.values())
    for p in frag.parts:
        e = info.get(p) or {}
        if p in theirs:
            continue
        if e.get("type") == "PERSON":
            state = frag.person_state.get(p)
            if not state or state not in theirs:
                return False
        elif e.get("type") != "ORG" or e.get("country"):
            return False
    return True


def _recalled(items: list[_Item], info: EntityInfo) -> list[_Item]:
    """A text recalling an earlier event by its day ("the handover of March 2, run by a
    relief agency", written weeks later) names whom it remembers, not always the
    parties the reports of the day named: its item (one text, every report dated by the
    text, each at least ``recalled_min_days`` before its publication) joins the one item of
    its kind, reported by more texts, that holds that day, at no other place, when its
    people belong to the host's states and its organisations to no other state. Two such
    items, or none, and it stays apart (found through the day)."""
    gap = thresholds("timeline").get("recalled_min_days", 7)
    by_day: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for n, it in enumerate(items):
        for d in it.dates:
            if precision(d) == 3:
                by_day[(it.type, it.status, d)].add(n)
    gone: set[int] = set()
    for n, frag in enumerate(items):
        if len(frag.docs) != 1 or not frag.parts or frag.soft or not all(
                r.date and precision(r.date) == 3 and not r.date_inferred
                and (_days_apart(r.date, r.published) or 0) >= gap
                and (r.date or "") < (r.published or "") for r in frag.reports):
            continue
        cands: set[int] = set()
        for d in frag.dates:
            cands |= by_day.get((frag.type, frag.status, d), set())
        fits = [m for m in sorted(cands - gone - {n})
                if len(items[m].docs - frag.docs) >= 2 and _recalled_fits(frag, items[m], info)]
        if len(fits) != 1:
            continue
        for r in frag.reports:
            items[fits[0]].add(r)
        gone.add(n)
    return [it for n, it in enumerate(items) if n not in gone]


def _outcome_day(o: _Item) -> str | None:
    """The day an agreement was reached: the day its texts give most (the later on a tie),
    else its headlines' publication day."""
    days = Counter({d: n for d, n in o.dates.items() if precision(d) == 3}) \
        or Counter({d: n for d, n in o.soft.items() if precision(d) == 3})
    return max(days, key=lambda d: (days[d], d)) if days else None


def _talks_parties(o: _Item, info: EntityInfo) -> set[str]:
    """Who may take part in the talks an agreement was reached at: its parties, their
    states, its mediators and the state of its place (the host)."""
    countries = getattr(info, "countries", {})
    hosts = {str(countries.get((info.get(loc) or {}).get("country") or "") or "")
             for loc in o.locs}
    return (set(o.parts) | set(o.person_state.values()) | hosts
            | {m for r in o.reports for m in r.mediators}) - {""}


def _talks_piece(t: _Item, o: _Item, day: str, allowed: set[str], info: EntityInfo) -> bool:
    """Is talks item ``t`` a piece of the talks agreement ``o`` was reached at on ``day``:
    its days within the talks' days up to ``day`` (an undated piece published then, or,
    in a text of the agreement, within days after and naming no one else), at no other
    place, its parties the agreement's (people through their states, the host, the
    mediator; in a text of the agreement, the talks' own mediator), and tied to it by a
    text, the place (or one inside it) or two of its parties (an agreement at no place:
    by a text)?"""
    span = thresholds("timeline").get("multi_day_max_days", 3)
    first = _shift(day, 1 - span) or day
    shared_text = bool(t.docs & o.docs)
    days = set(t.dates) or set(t.soft)
    if days:
        if not all(precision(d) == 3 and first <= d <= day for d in days):
            return False
    else:
        late = _shift(day, thresholds("timeline")["undated_max_age_days"] if shared_text else 0)
        if not all(r.published and first <= r.published[:10] <= (late or day) for r in t.reports):
            return False
        if any((r.published or "")[:10] > day for r in t.reports) \
                and any(_is_person(p, info) and p not in o.parts for p in t.parts):
            return False  # told days later, with someone the agreement does not name
    if any(_loc_relation(loc, o.locs, info) == "conflict" for loc in t.locs):
        return False
    sides = set()
    mediators = {m for r in t.reports for m in r.mediators}
    for p in t.parts:
        state = t.person_state.get(p)
        if p in allowed or state in allowed:
            sides.add(p if p in allowed else state)
        elif not (_is_person(p, info) and state is None) and not (shared_text and p in mediators):
            return False  # a party of another state, or an organisation the agreement lacks
    if not o.locs:
        return shared_text  # (an agreement at no place: its own texts' talks only)
    placed = bool(set(t.locs) & (set(o.locs) | o.wider) or t.wider & set(o.locs))
    return shared_text or placed or len(sides & (set(o.parts) | set(o.person_state.values()))) >= 2


def _talks_pieces(items: list[_Item], info: EntityInfo) -> list[_Item]:
    """Talks over days, told in pieces (a live blog's undated "delegations are arriving" at
    a palace, a wire's "the talks began on Tuesday" with the mediator alone, a text's "the
    Tarnhaven talks"), are one item when an agreement was reached at them: the talks items
    that are pieces of the one occurred agreement (``_talks_piece``) join the
    one of them with the most texts, which the agreement's texts naming its parties report
    too. Found through the agreement's parties, states, places and texts."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for n, it in enumerate(items):
        if it.type in OUTCOMES[AGREEMENT] and it.status == "occurred" \
                and not any(_remote(m) for m in it.modes):
            for k in (*_item_keys(it), *it.locs, *it.wider, *("doc:" + d for d in it.docs)):
                by_key[k].add(n)
    gone: set[int] = set()
    for o in items:
        day = _outcome_day(o) if o.type == AGREEMENT and o.status == "occurred" else None
        if not day:
            continue
        allowed = _talks_parties(o, info)
        keys = {*allowed, *o.locs, *o.wider, *("doc:" + d for d in o.docs)}
        fits = [n for n in sorted({n for k in keys for n in by_key.get(k, ())} - gone)
                if _talks_piece(items[n], o, day, allowed, info)]
        if not fits:
            continue
        host = max(fits, key=lambda n: (len(items[n].docs), len(items[n].reports), -n))
        if len(fits) < 2:
            # (talks told whole, with no place of their own: at the agreement's place)
            if o.locs and not items[host].locs and not items[host].at:
                items[host].at = max(o.locs, key=lambda x: (o.locs[x], x))
            continue
        for n in fits:
            if n != host:
                for r in items[n].reports:
                    items[host].add(r)
                gone.add(n)
        # the agreement's texts naming a party of the talks report them (``_talks_of_outcomes``)
        talks = _item_keys(items[host])
        items[host].told |= {r.doc for r in o.reports if talks & _party_keys(r)}
        if o.locs:
            items[host].at = max(o.locs, key=lambda x: (o.locs[x], x))
    return [it for n, it in enumerate(items) if n not in gone]


def _shift(day: str | None, n: int) -> str | None:
    import datetime as _dt
    try:
        return (_dt.date.fromisoformat(day or "") + _dt.timedelta(days=n)).isoformat()
    except ValueError:
        return None


def _holds(it: _Item, r: Report) -> bool:
    """Every party of the report is the item's, itself or through a state."""
    return r.known <= set(it.parts) | _covered(r, it)[0]


def _stronger(host: _Item, frag: _Item) -> bool:
    """More reports' texts, or a day its texts give where the fragment has none; and no day
    of the fragment's own that the host does not have."""
    days = {d for d in host.dates if precision(d) == 3}
    mine = {d for d in frag.dates if precision(d) == 3}
    return bool(host.docs - frag.docs) and mine <= days and (
        len(host.docs) > len(frag.docs) or (bool(days) and not mine))


def _best_date(it: _Item, copy_of) -> str | None:
    support: dict[str, set[str]] = defaultdict(set)
    # reports naming the participants date the event; mentions only when nothing else does
    firm = [r for r in it.reports if r.known and r.date and precision(r.date) >= 0]
    # a date the text gives over the publication's
    firm = [r for r in firm if not r.date_inferred] or firm
    for r in firm or it.reports:
        if r.date and precision(r.date) >= 0:
            support[r.date].add(r.doc)
    if not support:
        return None
    top = max(precision(d) for d in support)
    cands = [d for d in support if precision(d) == top]
    return sorted(cands, key=lambda d: (-independent_count(support[d], copy_of), d))[0]


def _short(cid: str, info: EntityInfo) -> str:
    e = info.get(cid) or {}
    name = e.get("name") or cid
    if e.get("type") == "PERSON" and len(name.split()) >= 2:
        return name.split()[-1]
    return name


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _is_person(x: str, info: EntityInfo) -> bool:
    return (info.get(x) or {}).get("type") == "PERSON"


def _people_first(actors: list[str], targets: list[str], info: EntityInfo,
                  affil: dict[str, str], host: str | None,
                  location: str | None = None) -> tuple[list[str], list[str]]:
    """Who the summary names on each side: people, with a state (or its institution) only
    where none of its people is named; the host receives the others; parties named together
    ("US and Ukrainian negotiators" with their delegations) face each other by delegation."""
    everyone = [*actors, *targets]
    covered = set(affil.values())
    if host and host in everyone:
        # the host's side: those of the host's delegation or state (a host receives at home)
        home = (info.get(host) or {}).get("country") or (info.get(location) or {}).get("country")
        side = {host} | {x for x in everyone if x != host and (
            (affil.get(x) and affil.get(x) == affil.get(host))
            or (home and _is_person(x, info) and (info.get(x) or {}).get("country") == home))}
        actors = [x for x in everyone if x not in side]
        targets = [host, *(x for x in everyone if x in side and x != host)]
    elif not targets and affil:
        sides = list(dict.fromkeys(affil[x] if x in affil else x for x in actors))
        sides = [s for s in sides if s in covered]
        if len(sides) >= 2:
            first = sides[0]
            targets = [x for x in actors if x != first and affil.get(x) != first]
            actors = [x for x in actors if x == first or affil.get(x) == first]

    def show(side: list[str]) -> list[str]:
        people = [x for x in side if _is_person(x, info)]
        if not people:
            return [x for x in side if x not in covered]
        return people + [x for x in side if not _is_person(x, info) and x not in covered
                         and (info.get(x) or {}).get("type") == "ORG"
                         and not _is_seat((info.get(x) or {}).get("name"))]
    a, t = show(actors), show(targets)
    if not a and not t:
        a, t = actors, targets
    return a, [x for x in t if x not in a]


def _for_their_state(side: list[str], info: EntityInfo, affil: dict[str, str] | None) -> list[str]:
    """One side of a summary: a state that one of its people on that side speaks for is not
    named beside them ("Dodu accused Romania", not "Moldova and Dodu ...")."""
    countries = getattr(info, "countries", {})
    theirs = {(affil or {}).get(p) or countries.get((info.get(p) or {}).get("country"))
              for p in side if _is_person(p, info)}
    return [x for x in side if _is_person(x, info) or x not in theirs
            or (info.get(x) or {}).get("type") != "GPE"]  # (a body giving aid stays named)


def summary_of(type_: str, status: str, mode: str | None, actors: list[str], targets: list[str],
               location: str | None, info: EntityInfo, affil: dict[str, str] | None = None,
               host: str | None = None, mediators: list[str] | None = None) -> str:
    """Who did what with whom, where: "Dalmont and Vautrin met Ferraz in Lisbon"; a mediator
    after them (", mediated by Norway")."""
    med = [m for m in mediators or [] if m != host]
    if med and [x for x in [*actors, *targets] if x not in med]:
        actors, targets = [x for x in actors if x not in med], [x for x in targets if x not in med]
        tail = ", mediated by " + _join([_short(m, info) for m in med[:2]])
        return summary_of(type_, status, mode, actors, targets, location, info, affil, host) + tail
    lex = lexicon()
    verbs = lex["summary_verbs"].get(f"{type_}:{mode}") or lex["summary_verbs"].get(type_) or {}
    if type_ == "CONSULT":
        actors, targets = _people_first(actors, targets, info, affil or {}, host, location)
    else:
        actors, targets = _for_their_state(actors, info, affil), _for_their_state(targets, info, affil)
    a = [_short(x, info) for x in actors[:4]]
    t = [_short(x, info) for x in targets[:4] if x not in actors]
    # (a state that is both a party and where it happened is named once: "asked Moldova")
    where = f" in {(info.get(location) or {}).get('name', '')}" \
        if location and location not in (*actors, *targets) else ""

    def agree(verb: str, subject: list[str]) -> str:
        return "are" + verb[2:] if len(subject) > 1 and verb.startswith("is ") else verb

    if a and t:
        verb = verbs.get(status) or verbs.get("occurred") or type_.lower()
        return f"{_join(a)} {agree(verb, a)} {_join(t)}{where}"
    who = a or t
    if who and len(who) >= 2 and type_ == "CONSULT":
        # "France, Germany and the United Kingdom met": named together, no counterpart
        rec = lex.get("summary_reciprocal", {})
        verb = (rec.get(f"{type_}:{mode}") or rec.get(type_) or {}).get(status, "met")
        return f"{_join(who)} {verb}{where}"
    intr = lex["summary_intransitive"].get(type_, {})
    if who:
        verb = intr.get(status) or verbs.get(status) or type_.lower()
        verb = re.sub(r" (with|to|from|against)$", "", verb)
        if len(who) == 1 and verb.startswith("are "):
            verb = "is " + verb[4:]
        return f"{_join(who)} {agree(verb, who)}{where}".strip()
    label = "Talks" if type_ == "CONSULT" else type_.capitalize()
    return f"{label}{where}" if where else f"{label} ({status})"


def build_timeline(extractions: Iterable[Extraction], entity_map: dict,
                   claims: list[Claim] | None = None,
                   entities: list[CanonicalEntity] | None = None) -> list[TimelineItem]:
    """Timeline items across documents, oldest first (undated last).

    ``claims``: cite claim ids (else ``doc:statement`` ids); ``entities``: canonical names
    (else the most frequent document name of each)."""
    extractions = list(extractions)
    info = entity_info(extractions, entity_map)
    for e in entities or []:
        info[e.id] = {"name": e.name, "type": e.type, "country": e.country,
                      "lat": getattr(e, "lat", None), "lon": getattr(e, "lon", None)}
    # country code -> the country's own entity (for nationalities among participants)
    by_country: dict[str, tuple[int, str]] = {}
    for cid, e in list(info.items()):
        if e.get("type") == "GPE" and e.get("country") and is_country(e.get("name")):
            n = sum(1 for ex in extractions for x in ex.entities
                    if entity_map.get((ex.doc.id, x.id)) == cid)
            if e["country"] not in by_country or n > by_country[e["country"]][0]:
                by_country[e["country"]] = (n, cid)
    info.countries = {k: v[1] for k, v in by_country.items()}
    info.country_names = {normalize(e.get("name") or ""): cid for cid, e in info.items()
                          if e.get("type") == "GPE" and is_country(e.get("name"))}
    copy_of = {ex.doc.id: ex.doc.copy_of for ex in extractions}
    present = set(copy_of)
    # a near-duplicate copy reports what its original reports: it follows the original's items
    reports = [normalise_report(r, info) for r in reports_of(extractions, entity_map)
               if not (copy_of.get(r.doc) and original_of(r.doc, copy_of) in present
                       and original_of(r.doc, copy_of) != r.doc)]
    _person_countries(info, entities, reports)
    _mark_states(reports, info)
    _mark_weak(reports)
    items = cluster_reports(reports, info)

    # statements (claim ids) inside evidence sentences
    stmt_spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    if claims is not None:
        for c in claims:
            for rep in c.reports:
                sp = rep.get("span") or {}
                if "start" in sp:
                    stmt_spans[rep["doc"]].append((sp["start"], sp.get("end", sp["start"]), c.id))
    else:
        for ex in extractions:
            for s in ex.statements:
                sp = s.content_span or {}
                if "start" in sp:
                    stmt_spans[ex.doc.id].append((sp["start"], sp.get("end", sp["start"]),
                                                  f"{ex.doc.id}:{s.id}"))
    copies: dict[str, list[str]] = defaultdict(list)
    for d, orig in copy_of.items():
        if orig:
            copies[original_of(d, copy_of)].append(d)

    out: list[TimelineItem] = []
    used: set[str] = set()
    for it in items:
        t = _item_record(it, info, copy_of, copies, stmt_spans, used)
        if t is not None:
            out.append(t)
    _talks_of_outcomes(out, info, copy_of)
    _attacks_of_accusations(out, info, copy_of)
    _link_plans(out, info)
    out = _fold_plans(out)
    _flag_contradictions(out, info)
    out.sort(key=timeline_sort_key)
    return out


def _person_countries(info: EntityInfo, entities, reports: list[Report]) -> None:
    """A person's state where resolution found none: the delegation the reports put them in."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in reports:
        for m, p in r.affil.items():
            code = (info.get(p) or {}).get("country")
            if code:
                votes[m][code] += 1
    for m, c in votes.items():
        if m in info and not info[m].get("country"):
            info[m]["country"] = c.most_common(1)[0][0]


def _mark_states(reports: list[Report], info: EntityInfo) -> None:
    """Each report's people → their state: their country's entity, else the delegation the
    report puts them in (a mediator may sit with one side)."""
    countries = getattr(info, "countries", {})
    for r in reports:
        for p in r.parts:
            if _is_person(p, info):
                s = countries.get((info.get(p) or {}).get("country")) or r.affil.get(p)
                if s and s != p:
                    r.states[p] = s


def _item_record(it: _Item, info: EntityInfo, copy_of, copies, stmt_spans,
                 used: set[str]) -> TimelineItem | None:
    """The timeline item of a cluster of reports (None for mentions no one describes)."""
    if not it.parts:
        return None  # mentions of talks at a place that no report with participants describes
    date = _best_date(it, copy_of)
    if len(it.parts) < 2 and not date and not it.locs \
            and len({original_of(r.doc, copy_of) for r in it.reports}) < 2:
        return None  # "the Ukraine negotiations" in passing: no one met anyone, at no time or place
    act = Counter(a for r in it.reports if not r.weak for a in r.actors)
    tgt = Counter(t for r in it.reports if not r.weak for t in r.targets)
    actors = [a for a, _ in act.most_common()]
    targets = [t for t, _ in tgt.most_common() if t not in act or tgt[t] > act[t]]
    actors = [a for a in actors if a not in targets]
    parts = list(dict.fromkeys([*actors, *targets, *(p for p, _ in it.parts.most_common())]))
    # the most reported place; on a tie the one we can situate (Paris before "Europe")
    loc = max(it.locs, key=lambda x: (it.locs[x], bool((info.get(x) or {}).get("country")))) \
        if it.locs else None
    if it.at and not (info.get(loc or "") or {}).get("country"):
        loc = it.at  # talks at a venue no gazetteer places: the place of their agreement
    modes = Counter(r.mode for r in it.reports if r.mode)
    # the most reported kind of contact; on a tie the one a report states (a call, a video link)
    mode = max(modes, key=lambda m: (modes[m], _remote(m), m)) if modes else None
    docs = list(dict.fromkeys([*(r.doc for r in it.reports), *sorted(it.told)]))
    for d in list(docs):
        for c in copies.get(d, []):
            if c not in docs:
                docs.append(c)
    docs.sort()
    stmts: list[str] = []
    for r in it.reports:
        ev = r.evidence or {}
        if "start" not in ev:
            continue
        for a, b, sid in stmt_spans.get(r.doc, []):
            if a < ev.get("end", ev["start"]) and b > ev["start"] and sid not in stmts:
                stmts.append(sid)
    # id from the first report of the event: stable when later reports join it
    first = min(it.reports, key=lambda r: (r.published or "9999", r.doc, r.vid))
    iid = stable_id("evt", it.type, it.status, first.doc, first.vid)
    if iid in used:
        iid = stable_id("evt", it.type, it.status, first.doc, first.vid, date, sorted(parts))
    used.add(iid)
    affil, host = _affiliations(it, info), _host(it, info)
    # a person's state takes part as their affiliation (the delegation, else their country)
    states = [affil.get(p) or getattr(info, "countries", {}).get((info.get(p) or {}).get("country"))
              for p in parts if _is_person(p, info)]
    parts += [x for x in dict.fromkeys(states) if x and x not in parts]
    med = Counter(m for r in it.reports if not r.weak for m in r.mediators)
    mediators = [m for m, n in med.most_common() if n * 2 >= act.get(m, 0) + tgt.get(m, 0)]
    roles = {p: ("host" if p == host else "mediator" if p in mediators else "actor"
                 if p in actors else "target" if p in targets else "affiliation"
                 if p in states else "member") for p in parts}

    def nm(x):
        return (info.get(x) or {}).get("name", x)
    return TimelineItem(
        id=iid, date=date, type=cast(EventType, it.type), mode=mode,
        status=cast(EventStatus, it.status),
        summary=summary_of(it.type, it.status, mode, actors, targets, loc, info,
                           affil=affil, host=host, mediators=mediators),
        participants=[nm(p) for p in parts], participant_ids=parts,
        location=nm(loc) if loc else None,
        documents=docs, independent_reports=independent_count(docs, copy_of),
        statements=stmts,
        reports=[{"doc": r.doc, "event": r.vid, "evidence": r.text, "source": r.source,
                  "date": r.date, "published": r.published, "actors": r.actors,
                  "targets": r.targets, "location": r.location, "status": r.status}
                 for r in it.reports],
        roles={nm(p): role for p, role in roles.items()},
        affiliations={nm(m): nm(p) for m, p in affil.items()}, host=nm(host) if host else None,
        date_range=_date_range(it), dates_reported=_reported(it, "date", copy_of, str),
        places_reported=_reported(it, "location", copy_of, nm))


def _affiliations(it: _Item, info: EntityInfo) -> dict[str, str]:
    """Person → the party whose delegation the reports put them in (most reports)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in it.reports:
        for m, p in r.affil.items():
            if m in it.parts and m != p:
                votes[m][p] += 1
    return {m: c.most_common(1)[0][0] for m, c in votes.items()}


def _host(it: _Item, info: EntityInfo) -> str | None:
    """Who received the others, where a report says so ("the president received the envoys")."""
    words = set(lexicon().get("host_triggers", []))
    c = Counter(a for r in it.reports if not r.weak and (r.trigger or "").lower() in words
                for a in r.actors[:1] if (info.get(a) or {}).get("type") == "PERSON")
    return c.most_common(1)[0][0] if c else None


def _date_range(it: _Item) -> list[str] | None:
    """Talks over two or three days: the first and last day the reports give (a headline's
    publication day is none of them)."""
    days = sorted({r.date for r in it.reports if r.known and r.date is not None
                   and precision(r.date) == 3 and not r.date_inferred})
    if len(days) >= 2 and _multi_day(days):
        return [days[0], days[-1]]
    return None


def _reported(it: _Item, attr: str, copy_of, name) -> list[dict]:
    """The values (days, places) the reports give, most independent reports first."""
    docs: dict[str, set[str]] = defaultdict(set)
    for r in it.reports:
        v = getattr(r, attr)
        if v and not r.weak:
            docs[v].add(r.doc)
    ranked = sorted(docs, key=lambda v: (-independent_count(docs[v], copy_of), str(v)))
    return [{"value": name(v), "documents": sorted(docs[v])} for v in ranked]


def _places_of(t: TimelineItem) -> set[str]:
    return {r["location"] for r in t.reports if r.get("location")}


def _talks_fit(o: TimelineItem, t: TimelineItem, info: EntityInfo) -> bool:
    """Talks ``t`` in person at the place of outcome ``o`` (an agreement), on its day or
    the day before (or within the talks' days), with two of its parties, one a person or
    organisation."""
    if precision(o.date) != 3 or precision(t.date) != 3 or _remote(t.mode):
        return False
    days = t.date_range or [t.date or "", t.date or ""]
    if not (days[0] <= (o.date or "") <= days[1] or _days_apart(o.date, days[1]) == 1
            and (o.date or "") > days[1]):
        return False
    if not _places_of(o) & _places_of(t) and not (t.location and t.location == o.location):
        return False  # (talks pieced together are placed at their agreement's place)
    shared = set(o.participant_ids) & set(t.participant_ids)
    # (two states alone: the talks on the agreement's own day at its place)
    return len(shared) >= 2 and (any(_w(p, info) > 1 for p in shared) or t.date == o.date)


def _talks_of_outcomes(items: list[TimelineItem], info: EntityInfo, copy_of) -> None:
    """A report of an agreement reached at talks reports the talks too ("X and Y agreed in
    Tarnhaven" tells that they met there): the texts of an occurred agreement at a place
    join the documents of the one occurred meeting in person there (``_talks_fit``); the
    two stay two items, each holding the other's participants (the negotiators reached the
    agreement, its parties were at the talks). Found through the participants."""
    by_part: dict[str, list[TimelineItem]] = defaultdict(list)
    for t in items:
        if t.type in OUTCOMES[AGREEMENT] and t.status == "occurred":
            for x in t.participant_ids:
                by_part[x].append(t)
    for o in items:
        if o.type != AGREEMENT or o.status != "occurred":
            continue
        cands = {id(t): t for x in o.participant_ids for t in by_part.get(x, [])}
        fits = [t for t in cands.values() if _talks_fit(o, t, info)]
        if len(fits) != 1:
            continue
        t = fits[0]
        days = t.date_range or [t.date or "", t.date or ""]
        places, parts = _places_of(t), set(t.participant_ids)
        # the agreement's reports that name a party of the talks, or their place and day
        # (not a later passing mention of "the Tarnhaven accord")
        docs = {r["doc"] for r in o.reports
                if parts & {*r.get("actors", []), *r.get("targets", [])}
                or (r.get("location") in places and precision(r.get("date")) == 3
                    and days[0] <= r["date"] <= (_shift(days[1], 1) or ""))}
        docs |= {d for d in o.documents if original_of(d, copy_of) in docs}
        _share_parties(o, t, "negotiator")  # who talked reached the agreement
        _share_parties(t, o, "party")  # who agreed was at the talks
        if not docs - set(t.documents):
            continue
        t.documents = sorted(set(t.documents) | docs)
        t.independent_reports = independent_count(t.documents, copy_of)


def _share_parties(into: TimelineItem, src: TimelineItem, role: str) -> None:
    """The participants of ``src`` that ``into`` lacks take part in it too: as ``role``,
    or as they do in ``src`` where they mediate or stand as a person's affiliation."""
    for pid, name in zip(list(src.participant_ids), list(src.participants)):
        if pid in into.participant_ids:
            continue
        into.participant_ids.append(pid)
        into.participants.append(name)
        own = src.roles.get(name)
        into.roles[name] = own if own in ("mediator", "affiliation") else role


def _attacks_of_accusations(items: list[TimelineItem], info: EntityInfo, copy_of) -> None:
    """An accusation of an attack reports the attack ("A accused B of shelling the village
    on Sunday"): an occurred accusation dated a day at a place joins its texts to the one
    occurred attack of that day at that place, which names the accused and the accuser
    (``roles``: "accused", "accuser") where it does not name them already; the two stay two
    items. Found through the place and day."""
    by_key: dict[tuple[str, str], list[TimelineItem]] = defaultdict(list)
    for t in items:
        if t.type in OUTCOMES[ACCUSATION] and t.status == "occurred" and precision(t.date) == 3:
            for loc in _places_of(t):
                by_key[(t.date or "", loc)].append(t)
    for o in items:
        if o.type != ACCUSATION or o.status != "occurred" or precision(o.date) != 3:
            continue
        fits = list({id(t): t for loc in _places_of(o)
                     for t in by_key.get((o.date or "", loc), [])}.values())
        if len(fits) != 1:
            continue
        t = fits[0]
        t.documents = sorted(set(t.documents) | set(o.documents))
        t.independent_reports = independent_count(t.documents, copy_of)
        added = []
        for pid, name in zip(o.participant_ids, o.participants):
            part = o.roles.get(name)
            if pid in t.participant_ids or part not in ("actor", "target"):
                continue
            t.participant_ids.append(pid)
            t.participants.append(name)
            t.roles[name] = "accuser" if part == "actor" else "accused"
            added.append(pid)
        if added and o.summary and o.summary not in t.summary:
            t.summary = f"{t.summary}; {o.summary}"  # "...; Norway accused Sweden"


def _fold_plans(items: list[TimelineItem]) -> list[TimelineItem]:
    """A plan that took place is the history of the item that did, not a row of its own."""
    by_id = {t.id: t for t in items}
    folded: set[str] = set()
    for o in items:
        for pid in o.planned_by:
            p = by_id.get(pid)
            if p is None or pid in folded:
                continue
            folded.add(pid)
            o.history.append({"id": p.id, "status": p.status, "date": p.date,
                              "summary": p.summary, "location": p.location,
                              "documents": list(p.documents),
                              "first_reported": _first_published(p)})
        o.history.sort(key=lambda h: (h["first_reported"], h["id"]))
    return [t for t in items if t.id not in folded]


def _days_apart(a: str | None, b: str | None) -> int | None:
    import datetime as _dt
    if a is None or b is None or precision(a) != 3 or precision(b) != 3:
        return None
    try:
        return abs((_dt.date.fromisoformat(a) - _dt.date.fromisoformat(b)).days)
    except ValueError:
        return None


def _loc_id(t: TimelineItem) -> str | None:
    c = Counter(r.get("location") for r in t.reports if r.get("location"))
    return c.most_common(1)[0][0] if c else None


def _flag_contradictions(items: list[TimelineItem], info: EntityInfo) -> None:
    """Reports of seemingly one meeting (same type, the same two or more people) that put
    it in another place on the same day, or at the same place two or three days apart."""
    occurred = [t for t in items if t.status == "occurred"]
    for i, a in enumerate(occurred):
        sa = {p for p in a.participant_ids if _w(p, info) > 1}
        for b in occurred[i + 1:]:
            if a.type != b.type or len(sa & set(b.participant_ids)) < 2:
                continue
            if set(a.documents) & set(b.documents):
                continue
            gap = _days_apart(a.date, b.date)
            kind = None
            la, lb = _loc_id(a), _loc_id(b)
            if gap == 0 and la and lb and _loc_relation(la, Counter([lb]), info) == "conflict":
                kind, this, other = "place", a.location, b.location
            elif gap in (2, 3) and a.location and a.location == b.location:
                kind, this, other = "date", a.date, b.date
            if not kind:
                continue
            ev = [{"doc": r["doc"], "source": r.get("source"), "text": r.get("evidence", "")}
                  for r in (a.reports[:1] + b.reports[:1])]
            a.contradictions.append({"item": b.id, "kind": kind, "this": this, "other": other,
                                     "evidence": ev})
            b.contradictions.append({"item": a.id, "kind": kind, "this": other, "other": this,
                                     "evidence": ev[::-1]})


def timeline_sort_key(t: TimelineItem):
    """Oldest first by the start of the period the date names (a week before its days);
    undated last."""
    start = period_start(t.date)
    return (start is None, start or t.date or "", -precision(t.date), t.type, t.summary, t.id)


def _first_published(t: TimelineItem) -> str:
    return min((r.get("published") or "9999") for r in t.reports) if t.reports else "9999"


def _link_plans(items: list[TimelineItem], info: EntityInfo) -> None:
    """An occurred item fulfils a plan (announced, expected or hypothetical): same type, the
    same kind of contact (a call is no meeting in person), a shared person or organisation
    (or, the same day at a place that fits, any shared party), date and place that fit, and
    reported after the plan (within a window when the plan has no date)."""
    by_part: dict[str, list[TimelineItem]] = defaultdict(list)  # participant key → items
    for t in items:
        if t.status == "occurred":
            for x in t.participant_ids:
                by_part[x].append(t)
    window = thresholds("timeline").get("plan_window_days", 21)
    for p in items:
        if p.status not in ("planned", "hypothetical"):
            continue
        best, best_s = None, 0.0
        cands = {id(o): o for x in p.participant_ids for o in by_part.get(x, [])}
        for o in sorted(cands.values(), key=lambda t: t.id):
            s = _plan_fit(p, o, info, window)
            if s is not None and s > best_s:
                best, best_s = o, s
        if best is not None and p.id not in best.planned_by:
            best.planned_by.append(p.id)


def _plan_fit(p: TimelineItem, o: TimelineItem, info: EntityInfo, window: int) -> float | None:
    if o.type != p.type or (p.mode and o.mode and _remote(p.mode) != _remote(o.mode)):
        return None
    shared = set(p.participant_ids) & set(o.participant_ids)
    strong = [x for x in shared if _w(x, info) > 1]
    same_day = bool(p.date) and p.date == o.date and precision(p.date) == 3
    near = len(strong) >= 2 and _adjacent(p.date, o.date)
    if not dates_compatible(p.date, o.date) and not near:
        return None
    lp, lo = _loc_id(p), _loc_id(o)
    if lp and lo and lp != lo and _loc_relation(lp, Counter([lo]), info) == "conflict":
        return None
    if not strong and not (same_day and shared):
        return None
    others_p = {x for x in set(p.participant_ids) - shared if _is_person(x, info)}
    others_o = {x for x in set(o.participant_ids) - shared if _is_person(x, info)}
    if others_p and others_o and not same_day:
        return None  # a plan to meet Trump is not the call with Starmer that took place
    start = _first_published(p)
    if _first_published(o) < start and not (o.date and p.date and o.date >= p.date):
        return None
    if not p.date:
        age = _days_apart(start, period_start(o.date) or _first_published(o))
        if age is None or age > window:
            return None
    return sum(_w(x, info) for x in shared) + (3 if same_day else 0) \
        + (2 if lp and lp == lo else 0) + (1 if p.status == "planned" else 0)