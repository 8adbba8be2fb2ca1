"""Synthetic news reports for benchmarks: templates × varied actors, places, dates, outlets.

Every report is fictional: invented people (with titles and countries), real place names,
invented outlets, dated events of the PLOVER kinds Dossier extracts (meetings, calls,
visits, agreements, strikes, sanctions, accusations, aid, protests), direct and indirect
quotes and credited claims, with relative dates ("on Tuesday", "the day before").

Deterministic for a given seed. As a library::

    from synth import generate, extraction_for
    for rec in generate(1000, seed=7): ...        # dicts: id title text published url source

As a script::

    python benchmarks/synth.py 100000 -o /tmp/synth.jsonl          # JSON Lines
    python benchmarks/synth.py 200 --txt-dir /tmp/synth_txt        # founding-format .txt files
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Iterator

# (first, last, title, country ISO3, country adjective, capital)
PEOPLE = [
    ("Anton", "Veresk", "Foreign Minister", "UKR", "Ukrainian", "Kyiv"),
    ("Olena", "Marchuk", "Defence Minister", "UKR", "Ukrainian", "Kyiv"),
    ("Taras", "Hlibov", "presidential chief of staff", "UKR", "Ukrainian", "Kyiv"),
    ("Mykola", "Dovhan", "President", "UKR", "Ukrainian", "Kyiv"),
    ("Igor", "Sevastin", "Kremlin spokesman", "RUS", "Russian", "Moscow"),
    ("Pavel", "Krutov", "Foreign Minister", "RUS", "Russian", "Moscow"),
    ("Arkady", "Volnov", "presidential aide", "RUS", "Russian", "Moscow"),
    ("Dmitri", "Orlin", "President", "RUS", "Russian", "Moscow"),
    ("Grace", "Holloway", "Secretary of State", "USA", "American", "Washington"),
    ("Daniel", "Whitcombe", "special envoy", "USA", "American", "Washington"),
    ("Marcus", "Reddin", "national security adviser", "USA", "American", "Washington"),
    ("Claire", "Fontenay", "President", "FRA", "French", "Paris"),
    ("Julien", "Marceau", "Foreign Minister", "FRA", "French", "Paris"),
    ("Katrin", "Albrecht", "Chancellor", "DEU", "German", "Berlin"),
    ("Lukas", "Brenner", "Defence Minister", "DEU", "German", "Berlin"),
    ("Harriet", "Ashdown", "Prime Minister", "GBR", "British", "London"),
    ("Owen", "Pryce", "Foreign Secretary", "GBR", "British", "London"),
    ("Agnieszka", "Wolska", "Foreign Minister", "POL", "Polish", "Warsaw"),
    ("Mehmet", "Aydinli", "Foreign Minister", "TUR", "Turkish", "Ankara"),
    ("Lars", "Eklund", "Secretary General", "NOR", "Norwegian", "Oslo"),
    ("Sofia", "Lindqvist", "Prime Minister", "SWE", "Swedish", "Stockholm"),
    ("Ahmed", "Al-Rashid", "Foreign Minister", "QAT", "Qatari", "Doha"),
]
ORGS = ["NATO", "the European Union", "the United Nations", "the International Atomic Energy Agency",
        "the Red Cross", "the OSCE", "the G7", "the World Bank", "the European Commission"]
VENUES = ["Geneva", "Istanbul", "Vienna", "Riyadh", "Helsinki", "Brussels", "Miami", "Doha",
          "Warsaw", "Rome", "Budapest", "Abu Dhabi", "Oslo", "Bern", "Copenhagen"]
FRONT = ["Kharkiv", "Zaporizhzhia", "Odesa", "Dnipro", "Sumy", "Kherson", "Pokrovsk", "Donetsk",
         "Mykolaiv", "Chernihiv", "Kramatorsk", "the Donbas", "the Black Sea", "Crimea"]
OUTLETS = [("Harbor Wire", "harborwire.example"), ("Atlantic Courier", "atlanticcourier.example"),
           ("Kyiv Ledger", "kyivledger.example"), ("Danube Dispatch", "danubedispatch.example"),
           ("Meridian Post", "meridianpost.example"), ("Northern Standard", "northernstandard.example"),
           ("Baltic Record", "balticrecord.example"), ("Eastern Observer", "easternobserver.example"),
           ("Continental Times", "continentaltimes.example"), ("Pacific Bulletin", "pacificbulletin.example")]
TOPICS = ["a ceasefire along the front line", "prisoner exchanges", "security guarantees",
          "the future of the Zaporizhzhia nuclear plant", "grain exports through the Black Sea",
          "the return of deported children", "sanctions relief", "reconstruction funding",
          "air defence deliveries", "energy infrastructure", "a 20-point framework",
          "a 27-point peace plan", "elections after the war", "frozen assets"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = [12, 20, 27, 35, 48, 60, 75, 100, 120, 150, 200, 310, 500]

# Each event template: (PLOVER type, headline, sentences). Placeholders: {a} {b} actors with
# titles, {as}/{bs} surnames, {venue}, {place}, {org}, {topic}, {day}, {n}, {outlet}.
EVENTS = [
    ("CONSULT", "{as} and {bs} meet in {venue} for talks on {topic}",
     ["{a} met {b} in {venue} on {day} for talks on {topic}.",
      "The two sides discussed {topic} for more than {n} minutes, officials said.",
      "{as} described the meeting as \"constructive and frank\"."]),
    ("CONSULT", "{as} holds phone call with {bs}",
     ["{a} held a phone call with {b} on {day}, the {aadj} side said.",
      "They spoke about {topic} and agreed to stay in close contact.",
      "\"We had a long and substantive conversation,\" {as} wrote afterwards."]),
    ("CONSULT", "{as} visits {bcap}",
     ["{a} arrived in {bcap} on {day} for a visit, where {pron} met {b}.",
      "The visit was the first by a senior {aadj} official since the summer.",
      "{bs} said after the meeting that talks on {topic} would continue next week."]),
    ("AGREE", "{acountry} and {bcountry} agree on {topic}",
     ["{acountry} and {bcountry} agreed on {day} on a framework for {topic}, {a} announced.",
      "The agreement was signed in {venue} after {n} hours of negotiations.",
      "{b} said that the deal \"opens a new chapter\"."]),
    ("ASSAULT", "Overnight strikes hit {place}",
     ["Russian forces launched {n} drones and missiles at {place} overnight into {day}, regional officials said.",
      "At least {small} people were killed and dozens injured, according to the emergency service.",
      "{a} condemned the attack and called for more air defence systems."]),
    ("SANCTION", "{org} adopts new sanctions package",
     ["{org} adopted a new package of sanctions against Russia on {day}, targeting {n} companies.",
      "{a} said the measures would \"raise the cost of the war\".",
      "{bs} dismissed the sanctions as illegal and said {bcountry} would respond."]),
    ("ACCUSE", "{as} accuses {bcountry} of stalling talks",
     ["{a} accused {bcountry} on {day} of deliberately stalling the talks on {topic}.",
      "\"They are playing for time while the shelling goes on,\" {as} told reporters.",
      "{b} rejected the accusation, the {badj} side said."]),
    ("AID", "{acountry} pledges new aid package",
     ["{acountry} pledged a new aid package worth {n} million euros on {day}, {a} announced.",
      "The package includes air defence, ammunition and support for {topic}.",
      "{b} thanked {as} and said the aid would arrive \"within weeks\"."]),
    ("REJECT", "{bs} rejects proposal on {topic}",
     ["{b} rejected on {day} a proposal on {topic} put forward by {a}.",
      "\"This is not acceptable to us,\" {bs} said.",
      "{as} said the door to negotiations remained open."]),
    ("PROTEST", "Thousands protest in {bcap}",
     ["Thousands of people protested in {bcap} on {day} against {topic}.",
      "The protesters marched to the government quarter, police said.",
      "{b} said the government had heard their concerns."]),
    ("THREATEN", "{as} warns of consequences over {topic}",
     ["{a} warned on {day} that {acountry} would respond if {topic} was not resolved.",
      "\"There will be consequences,\" {as} said in a televised address.",
      "{b} called the statement \"unhelpful\"."]),
    ("REQUEST", "{as} asks {org} for help on {topic}",
     ["{a} asked {org} on {day} to help with {topic}.",
      "The request was made in a letter seen by {outlet}.",
      "{b} said {org} would consider it next week."]),
]
COUNTRY = {"UKR": "Ukraine", "RUS": "Russia", "USA": "the United States", "FRA": "France",
           "DEU": "Germany", "GBR": "Britain", "POL": "Poland", "TUR": "Turkey", "NOR": "Norway",
           "SWE": "Sweden", "QAT": "Qatar"}
CLAIMS = [
    "According to {outlet}, the delegations plan to meet again in {venue} next week.",
    "{outlet} reported on {day} that no progress had been made on {topic}.",
    "Sources told {outlet} that {as} would travel to {venue} the day before the summit.",
    "Two officials familiar with the talks said the draft now has {n} points.",
    "{bs} said that {bcountry} was ready to discuss {topic} but not under pressure.",
    "\"We are not going to rush this,\" {bs} said. \"Every line matters.\"",
    "{as} later told {outlet}: \"Nothing is agreed until everything is agreed.\"",
    "The Kremlin did not comment, {outlet} said.",
    "{org} said it was monitoring the situation around {place} closely.",
    "Earlier, {a} had said that talks on {topic} would resume after the holidays.",
]
FILLER = [
    "The war, now in its fourth year, has killed tens of thousands of people.",
    "Analysts said the coming weeks would show whether the process had momentum.",
    "European capitals have pushed for a seat at the table.",
    "Fighting continued along much of the front line in the east.",
    "Diplomats cautioned that many details remained unresolved.",
    "Markets reacted calmly to the news.",
]


def _person(p):
    first, last, title, iso, adj, cap = p
    return {"full": f"{title} {first} {last}", "name": f"{first} {last}", "title": title,
            "last": last, "iso": iso, "adj": adj, "cap": cap,
            "country": COUNTRY.get(iso, iso)}


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def report(i: int, rng: random.Random, start: dt.date = dt.date(2025, 1, 1)) -> dict:
    """One synthetic report as a JSONL record (``id title text published url source``)."""
    etype, headline, sentences = rng.choice(EVENTS)
    a, b = (_person(p) for p in rng.sample(PEOPLE, 2))
    outlet, host = rng.choice(OUTLETS)
    published = start + dt.timedelta(days=rng.randrange(365))
    event_day = published - dt.timedelta(days=rng.randrange(0, 4))
    day = WEEKDAYS[event_day.weekday()]
    f = {"a": a["full"], "b": b["full"], "as": a["last"], "bs": b["last"],
         "aadj": a["adj"], "badj": b["adj"], "acountry": a["country"], "bcountry": b["country"],
         "bcap": b["cap"], "venue": rng.choice(VENUES), "place": rng.choice(FRONT),
         "org": rng.choice(ORGS), "topic": rng.choice(TOPICS), "day": day,
         "n": rng.choice(NUMBERS), "small": rng.randrange(2, 30), "outlet": outlet,
         "pron": rng.choice(["he", "she"])}
    f["acountry"] = f["acountry"][0].upper() + f["acountry"][1:]
    title = headline.format(**f)
    title = title[0].upper() + title[1:]
    paras = [" ".join(_cap(s.format(**f)) for s in sentences)]
    claims = rng.sample(CLAIMS, len(CLAIMS))
    fillers = rng.sample(FILLER, len(FILLER))
    for _ in range(rng.randrange(2, 5)):
        k = rng.randrange(2, 4)
        chosen, claims = claims[:k], claims[k:]
        paras.append(" ".join(_cap(c.format(**f)) for c in chosen) + " " + fillers.pop())
    text = "\n\n".join(paras)
    slug = "-".join(title.lower().split()[:5]).replace("'", "").replace('"', "")
    doc_id = f"syn-{i:06d}"
    return {"id": doc_id, "title": title, "text": text, "published": published.isoformat(),
            "url": f"https://{host}/{published:%Y/%m/%d}/{slug}-{i}", "source": outlet,
            "_event": etype,
            "_facts": {"type": etype, "date": event_day.isoformat(), "a": a, "b": b,
                       "venue": f["venue"], "place": f["place"], "org": f["org"],
                       "topic": f["topic"], "outlet": outlet}}


def generate(n: int, seed: int = 7) -> Iterator[dict]:
    """``n`` reports, deterministic for ``seed``."""
    rng = random.Random(seed)
    for i in range(n):
        yield report(i, rng)


def founding_text(rec: dict) -> str:
    """A record in the founding text format (``date YYYY-MM-DD title`` / ``source X`` / body)."""
    return f"date {rec['published']} {rec['title']}\nsource {rec['source']}\n{rec['text']}\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("-o", "--out", default="-", help="JSONL output (default stdout)")
    ap.add_argument("--txt-dir", help="write founding-format .txt files here instead")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.txt_dir:
        out = Path(args.txt_dir)
        out.mkdir(parents=True, exist_ok=True)
        for rec in generate(args.n, args.seed):
            (out / f"{rec['id']}.txt").write_text(founding_text(rec), encoding="utf-8")
        return 0
    fp = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for rec in generate(args.n, args.seed):
            rec = {k: v for k, v in rec.items() if not k.startswith("_")}
            fp.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if fp is not sys.stdout:
            fp.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
