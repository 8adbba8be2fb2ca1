"""Claims: one statement as carried across reports (paraphrased, translated, shortened).

Design (made for incremental resolution):

- Each statement becomes a ``Unit``: who said it (``speaker_key``: ``e:<canonical id>`` for a
  named speaker; ``u:<class>:<country>`` for an unnamed source such as "a senior US
  official", which stays a description and is never the outlet that relayed it; ``d:<text>``
  for another description; ``""`` unknown), its topic entities (``about``), its content
  lemmas (light stemming, irregular forms and synonyms from ``data/resolve/claims.json``),
  anchors (numbers with their unit, calendar days) and its publication date.
- A claim is kept as a compact ``ClaimState``: speaker key, up to ``keep_reports`` lemma
  sets of its reports, anchor values, about entities, first/last publication date and
  its documents. ``ClaimState.signature()`` gives the blocking keys a store can index
  ("claim signatures": speaker key, about keys, anchors, rare content keys).
- Who said it: the same speaker key, or (``speaker_relation``) a person and the state of
  their country or the body their role names, when a report credits the statement to that
  instead ("Tajikistan will not allow provocations" / its minister's words; a stricter
  overlap, and two people of one state never meet through it), or a pronoun speaker the
  extractor resolved ("he said": nearly the same words then outweigh its guess); two
  spellings of one person's name that the entity resolver left apart (``names_alike``:
  Darwish / Derwish, al-Haddad / Al Hadad, a surname alone; the same words still
  needed), a spelling without a country standing for its other spelling's state, and a
  state's places speaking for it ("Belgrade says"). A described speaker stands for the
  one party of its report it names (``described_speaker``: "Peru's foreign minister" for
  the person holding that role, "the Government of Peru" for the state, "the Ministry"
  for the one ministry named, "the airline's owner" for the one company the report
  quotes by name). A state's government named by its nationality in a report that does
  not name the state ("the Freedonian government") speaks for that state (a state's
  place: ``related_keys``; looked up by its country, ``sc:``). A state body given
  without a country ("the Ministry of Tourism" of a state agency's release), or a
  person without one whose role names such a body, speaks for the one state its report
  names (``_issuing_state``), and a state's body relates to whoever its state relates to.
- One count of one thing (``figures_in``: "23 hostages are being held" / "it is holding 23" /
  "the hostages, 23 in number") gathers however worded: a report of the claim giving
  the count and sharing a word with the statement, its speaker the claim's or one
  standing for it (``_same_figure``); a count given by a word for a count, or alone ("put
  the figure at 23", "the count at 12", "12 according to the police"), whose other
  words such a report holds, even beside other words its report credits to the claim's
  official (``_bare_count``).
- A statement that restates two claims of its own named speaker (a translated release
  and a wire's quote of one accusation, gathered apart) makes them one
  (``_merge_bridged``).
- What a denial verb heads ("Cairo denies paying ...") is denied, not said: such a
  statement never joins a claim of the same words said plainly.
- "X denied a report that Y" (``disputes.reported_contents``): Y is what the report said
  (key ``r:``, gathered with unnamed sources and outlets), X's denial a statement of its
  own that links it; the two never make one claim.
- ``decide(state, unit, ctx)`` is the gathering decision, a function of the claim state
  and the new statement only: compatible speakers, inside the time window, no
  conflicting anchor (27 against 20 points is a dispute, never one claim), and a
  weighted content overlap (lemma IDF weights; shared entities and numbers weigh more)
  above the threshold for that kind of speaker; with the optional embeddings, a close
  sentence vector also counts. ``disputes.build_claims`` runs it over the statements in
  publication order, looking candidates up through the signature index, so a new
  statement joins or opens a claim exactly as a later incremental resolver would. A
  second pass (``attach_singles``) lets a statement no other report carried join the one
  claim of several reports by the same speaker that it loosely restates (several fitting
  claims: it stays alone).

Disagreements between claims (numbers, dates, names, denials) are found and grouped
into disputes by ``dossier.resolve.disputes``.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .. import names as _names
from ..dates import day_ordinal
from ..ids import stable_id
from ..records import Claim, Extraction, Statement, StatementKind
from .common import (fill_year, independent_count, is_country, lexicon, load_data, normalize,
                     original_of, precision)


@functools.lru_cache(maxsize=1)
def cdata() -> dict:
    return load_data("claims.json")


def gather_th() -> dict:
    return cdata()["gather"]


_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DATE_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})\b|\b(\d{1,2})\s+("
                      + "|".join(_MONTHS) + r")\b", re.I)
WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())


@functools.lru_cache(maxsize=1)
def _num_re() -> re.Pattern:
    words = "|".join(sorted(cdata()["number_words"], key=len, reverse=True))
    return re.compile(r"\b(\d+(?:[.,]\d+)?|" + words + r")(\s*-\s*|\s+)([a-z]+)", re.I)


_NEXT_WORD = re.compile(r"\s+([a-z]+)", re.I)
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|"
                           r"nov|dec)\.?\s+$", re.I)


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset:
    return frozenset(lexicon()["stopwords"]) | frozenset(cdata()["extra_stopwords"])


def _stem(w: str) -> str:
    """A light English stem: -ing, -ed, -es, -s and a final -e go (shares, shared, sharing,
    share -> shar; used, use -> us)."""
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= (3 if suf == "s" else 2) \
                and not w.endswith("ss"):
            w = w[: -len(suf)]
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """One key for a word's forms and its listed synonyms."""
    d = cdata()
    w = d["irregular"].get(word, word)
    w = d["synonyms"].get(w, w)
    st = _stem(w)
    return d["synonyms"].get(st, st)


def content_tokens(text: str) -> list[str]:
    """Content lemmas of a text (stopwords dropped)."""
    stop = _stopwords()
    return [lemma(w) for w in normalize(text).replace("'", " ").split()
            if w not in stop and (len(w) > 1 or w.isdigit())]


_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def proper_tokens(text: str) -> set[str]:
    """Lemmas of the capitalised words inside a text (names: Donbas, Geneva, Putin), which
    anchor a claim's topic but are not what is said about it."""
    out = set()
    for n, m in enumerate(_WORD.finditer(text or "")):
        w = m.group(0)
        if w[:1].isupper() and (n or normalize(w) not in _stopwords()):
            out.update(content_tokens(w))
    return out


def name_words(text: str) -> set[str]:
    """``proper_tokens`` and the words capitalised after a lower-case particle ("al-Haddad",
    "d'Ornano", "van-Dijk" written so): what a participants statement names someone by."""
    out = proper_tokens(text)
    for m in _WORD.finditer(text or ""):
        w = m.group(0)
        if w[:1].islower() and any(c.isupper() for c in w[1:]):
            out.update(content_tokens(w))
    return out


def numbers_in(text: str, surface: dict[str, str] | None = None) -> dict[str, str]:
    """{unit stem: number} for "27 points", "a 20-point plan"; ``surface`` gets the words.
    A measure written as a modifier ("a 48-hour truce", "a two-day visit") is a property
    of its noun, not a duration: its unit is the measure with that noun ("hour hotline")."""
    out: dict[str, str] = {}
    words = cdata()["number_words"]
    stop = _stopwords()
    measures = _measures()
    for m in _num_re().finditer(text or ""):
        num = words.get(m.group(1).lower(), m.group(1).replace(",", ""))
        word = m.group(3).lower()
        unit = lemma(word)
        if word in stop or unit.isdigit() or word in _MONTHS or _MONTH_BEFORE.search(
                text[max(0, m.start() - 12):m.start()]):
            continue    # "Oct. 3 attack" is a day
        if "-" in m.group(2) and unit in measures:
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt and normalize(nxt.group(1)) not in stop:
                unit = f"{unit} {lemma(nxt.group(1).lower())}"
        if unit not in out:
            out[unit] = num
            if surface is not None:
                surface[unit] = m.group(0)
    return out


@functools.lru_cache(maxsize=1)
def _measures() -> frozenset:
    return frozenset(lemma(w) for w in cdata()["measure_units"])


_FIGURE = re.compile(r"(?<![\d:.,$\u20ac\u00a3-])\b(\d{1,3}(?:,\d{3})*|[a-z]+)\b(?![:.,]?\d)", re.I)


def figures_in(text: str) -> set[str]:
    """The counts a statement gives, with or without the thing counted ("holding 23",
    "the hostages, 23 in number", "nineteen sailors"): digits and number words of at
    least ``figure_min``, not days of a date, clock times, years or sums of money."""
    words = cdata()["number_words"]
    least = gather_th()["figure_min"]   # "the two sides" identifies nothing
    t = _DATE_RE.sub(" ", text or "")
    out = set()
    for m in _FIGURE.finditer(t):
        w = m.group(1).lower()
        v = words.get(w) if w.isalpha() else w.replace(",", "")
        if v and v.isdigit() and int(v) >= least:
            out.add(v)
    return out


def dates_in(text: str) -> set[str]:
    out = set()
    for m in _DATE_RE.finditer(text or ""):
        month = (m.group(1) or m.group(4)).lower()
        day = m.group(2) or m.group(3)
        out.add(f"{_MONTHS.index(month) + 1:02d}-{int(day):02d}")
    return out


# ------------------------------------------------------------------ speakers

@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Nationality words and short names → ISO alpha-3 (the gazetteer's demonyms)."""
    from pathlib import Path
    path = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "demonyms.tsv"
    out = {}
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("#") or "\t" not in line:
                continue
            word, code = line.split("\t")[:2]
            out[normalize(word)] = code.strip()
    return out


@functools.lru_cache(maxsize=1)
def _indefinite() -> frozenset:
    return frozenset(cdata()["indefinite"]) | frozenset(cdata()["number_words"])


@functools.lru_cache(maxsize=1)
def _unnamed_heads() -> frozenset:
    return frozenset(cdata()["unnamed_heads"])


@functools.lru_cache(maxsize=1)
def _unnamed_class() -> dict[str, str]:
    return {w: cls for cls, words in cdata()["unnamed_classes"].items() for w in words}


_CUT = re.compile(r"\b(in|from|of|at|with|familiar|close|who|briefed|involved|on|to|for|"
                  r"told|said|speaking)\b")


def _head(text: str) -> str:
    """The head noun of a source phrase: "two officials familiar with the talks" → officials."""
    t = normalize(text or "")
    t = _CUT.split(t)[0].strip() or t
    words = t.split()
    return words[-1] if words else ""


def _nationality(text: str) -> str | None:
    dem = _demonyms()
    t = normalize(text or "")
    words = t.split()
    for a, b in zip(words, words[1:]):   # "the South Freedonian government": both words
        if f"{a} {b}" in dem:
            return dem[f"{a} {b}"]
    for w in words:
        if w in dem:
            return dem[w]
    if t.startswith("u s ") or " u s " in f" {t} ":
        return "USA"
    return None


def speaker_key(speaker_text: str | None, ent_type: str | None, ent_name: str | None,
                canon: str | None, country: str | None) -> tuple[str, bool]:
    """(key, unnamed?) for a statement's speaker. An unnamed source ("a European diplomat",
    "Ukrainian officials") is a description even when the extractor linked it to the
    nationality or country it names; a named speaker is its canonical entity."""
    heads = _unnamed_heads()
    head = _head(speaker_text or "")
    said = set(normalize(speaker_text or "").split())
    named_in_text = bool(ent_name) and any(
        w in said for w in normalize(ent_name).split() if len(w) > 2)
    unnamed = False
    indefinite = bool(said) and normalize(speaker_text or "").split()[0] in _indefinite()
    if canon:
        if ent_type == "NORP":
            unnamed = True
        elif head in heads and indefinite and not (ent_type == "PERSON" and named_in_text):
            unnamed = True   # "a senior African Union official" is not the Union
        elif head in heads and (ent_type in ("GPE", "LOC") or not named_in_text):
            unnamed = True
        if not unnamed:
            return f"e:{canon}", False
    if speaker_text and (unnamed or head in heads):
        cls = _unnamed_class().get(head, "official")
        nat = _nationality(speaker_text) or (country if ent_type in ("GPE", "NORP") else None)
        return f"u:{cls}:{nat or ''}", True
    if speaker_text and not canon:
        words = [w for w in normalize(speaker_text).split() if w not in _stopwords()]
        return ("d:" + " ".join(words)) if words else "", False
    return "", False


def speakers_compatible(a: str, b: str) -> bool:
    """Same speaker, or one unknown; unnamed sources whose countries do not differ; the
    content of a denied report (``r:``) and an unnamed source or outlet; a report the outlet
    carrying it credits to itself (``o:``: in older extractions, "a senior official told
    <outlet>" was credited to the outlet) with an unnamed source or with that outlet."""
    if a == b or not a or not b:     # an unknown speaker ("she said", unresolved) may be anyone
        return True
    if a.startswith("u:") and b.startswith("u:"):
        na, nb = a.split(":")[2], b.split(":")[2]
        return not na or not nb or na == nb
    if a == "r:" or b == "r:":      # what a denied report said: its source, not a named person
        return (b if a == "r:" else a)[:2] in ("u:", "o:", "d:")
    if a.startswith("o:") or b.startswith("o:"):
        o, other = (a, b) if a.startswith("o:") else (b, a)
        return other.startswith("u:") or other == "e:" + o[2:]
    return False


@functools.lru_cache(maxsize=65536)
def name_fold(name: str) -> tuple[str, str, str]:
    """(first given name, surname frame, surname letters) of a person's name (the frame:
    ``names.name_frame``, "speaker" fold: Darwish / Derwish, Petrovic / Petrovich): Arabic
    articles dropped ("al-Haddad" / "Al Hadad"), hyphenated parts one word, a surname in
    capitals first ("DUPONT Jean") taken as the surname."""
    arts = "|".join(_names.name_articles())
    t = re.sub(r"(?i)(?:^|(?<=\s))(?:" + arts + r")[-\s]+(?=\w)", "", name or "")
    t = re.sub(r"\s*-\s*", "", t)
    raw = t.split()
    caps = [w for w in raw if len(w) > 2 and w.isupper()]
    words = _names.tokens(t)
    if not words:
        return "", "", ""
    if caps and len(caps) < len(raw):
        sur = normalize(caps[0])
        given = [w for w in words if w != sur]
    else:
        sur, given = words[-1], words[:-1]
    sur = re.sub(r"[^a-z]", "", sur)
    return (given[0] if given else ""), _names.name_frame(sur, "speaker"), sur


def names_alike(a: str, b: str) -> bool:
    """Can two person names in two reports be spellings of one person's name (a
    transliteration, a dropped article, a surname alone)? Looser than the entity
    resolver's rule: a claim also needs the same words said."""
    ga, sa, ka = name_fold(a)
    gb, sb, kb = name_fold(b)
    if not sa or sa != sb or not ka or not kb:
        return False
    fold = cdata()["speaker_fold"]
    if ka != kb:
        need = fold["min_ratio"] if len(sa) >= fold["min_skeleton"] else fold["short_ratio"]
        if difflib.SequenceMatcher(None, ka, kb).ratio() < need:
            return False
    return not ga or not gb or ga == gb or _names.given_compatible([ga], [gb])


def alike_speakers(units: list) -> dict[str, set[str]]:
    """Speaker key -> the keys of other named speakers whose names are spellings of its
    name, of no other country (``names_alike``; one of the two typed a person: a person's
    name the extractor typed an organisation is still theirs)."""
    by_frame: dict[str, dict[str, tuple[str, str | None, bool]]] = {}
    for u in units:
        if u.vname and u.skey.startswith("e:") and not u.weak:
            by_frame.setdefault(name_fold(u.vname)[1], {})[u.skey] = (u.vname, u.vcountry,
                                                                      u.vperson)
    out: dict[str, set[str]] = {}
    for group in by_frame.values():
        for k, (n, c, p) in group.items():
            for k2, (n2, c2, p2) in group.items():
                if k != k2 and (p or p2) and (not c or not c2 or c == c2) \
                        and names_alike(n, n2):
                    out.setdefault(k, set()).add(k2)
    return out


# ------------------------------------------------------------------ units

@dataclass
class Unit:
    doc: str
    sid: str
    kind: StatementKind
    content: str
    speaker: str | None          # canonical id of a named speaker
    speaker_text: str | None
    date: str | None             # utterance date
    about: list[str]
    span: dict
    published: str | None
    source: str | None           # the outlet whose report carries it
    skey: str = ""
    unnamed: bool = False
    stance: str | None = None
    tokens: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)  # unit -> number
    number_text: dict[str, str] = field(default_factory=dict)  # unit -> "27 points"
    dates: set[str] = field(default_factory=set)
    weekdays: set[str] = field(default_factory=set)
    figures: set[str] = field(default_factory=set)   # counts given ("holding 23")

    @property
    def start(self) -> int:
        return int((self.span or {}).get("start", 0) or 0)

    proper: set[str] = field(default_factory=set)
    via: str | None = None       # the outlet an unnamed source spoke to ("told Axios")
    weak: bool = False           # the speaker is a pronoun the extractor resolved ("he said")
    affil: frozenset = frozenset()  # speaker keys it may stand for (a minister: his state)
    negates: str | None = None   # the statement (same document) this denial unit denies
    presence: str | None = None  # "present" / "absent": someone taking part or not
    reported: bool = False       # the content of a report that a party denies
    vname: str | None = None     # a named person speaker's name (spellings across reports)
    vcountry: str | None = None
    vperson: bool = False        # typed a person (a person's name typed ORG may be one too)
    denies: bool = False         # said with a denial verb: its content is what is denied
    cites: frozenset = frozenset()  # organisations named beside a denial (whose report it is)
    scountry: str | None = None  # the speaker's country
    stype: str | None = None     # the speaker's entity type
    acountries: frozenset = frozenset()  # the countries of the entities it is about

    def anchors(self) -> set[str]:
        """Topic anchors: counted things, days, entities, names."""
        units = _identifying()
        return ({f"N:{n}:{u}" for u, n in self.numbers.items() if u in units}
                | {f"D:{d}" for d in self.dates}
                | {f"E:{a}" for a in self.about if a != self.speaker}
                | {f"P:{p}" for p in self.proper})


@functools.lru_cache(maxsize=1)
def _identifying() -> frozenset:
    return frozenset(lemma(u) for u in cdata()["identifying_units"])


def units_of(extractions: Iterable[Extraction], entity_map: dict,
             info: dict | None = None) -> tuple[list[Unit], dict]:
    """One unit per statement; ``info``: canonical id → {"type","name","country"}."""
    units: list[Unit] = []
    copy_of: dict = {}
    info = info or {}
    aliases = alias_index(info)
    affil = affiliation_index(info)
    for ex in extractions:
        d = ex.doc
        copy_of[d.id] = d.copy_of
        local = {e.id: e for e in ex.entities}
        dens = (d.meta or {}).get("denials", []) or []
        reported = {x["statement"]: x for x in dens if x.get("kind") == "reported"}
        cites = {x["statement"]: x.get("names", []) for x in dens if x.get("kind") == "cites"}
        first = len(units)
        quoted = _companies_quoted(ex, entity_map, info)
        for s in ex.statements:
            if not s.content or not s.content.strip():
                continue
            if s.id in reported:
                units.extend(_reported_units(d, s, reported[s.id], local, entity_map, info,
                                             aliases))
                continue
            units.append(_unit(d, s, local, entity_map, info, aliases, quoted))
        for u in units[first:]:
            if u.sid in cites:
                u.cites = frozenset(normalize(n) for n in cites[u.sid])
        for den in dens:
            if den.get("kind") in ("reported", "cites"):
                continue
            st = Statement(id=den["id"], kind="indirect", cue="denied", content=den["content"],
                           content_span=den["span"], speaker=den["speaker"],
                           speaker_text=den["speaker_text"])
            if den.get("cut"):     # "... denied a report that Y": Y and the denial
                units.extend(_reported_units(d, st, den, local, entity_map, info, aliases))
                continue
            u = _unit(d, st, local, entity_map, info, aliases)
            u.stance = "deny"
            units.append(u)
        _issuing_state(units[first:], ex, entity_map, info)
    for u in units:
        u.affil = affil.get(u.speaker or "", frozenset()) | u.affil
    return units, copy_of


def _issuing_state(units: list[Unit], ex: Extraction, entity_map: dict, info: dict) -> None:
    """A state body its report gives without a country ("the Ministry of Tourism" of a
    state agency's release) or one of its officials ("spokesman of the Ministry of
    Information"), the speaker's country unknown, speaks for the one state the report names: the statement may be credited
    to that state in another report ("Freedonia says the crew ...")."""
    states: dict[str, set[str]] = {}
    for e in ex.entities:
        cid = entity_map.get((ex.doc.id, e.id))
        e_info = info.get(cid or "", {})
        if e_info.get("type") == "GPE" and e_info.get("country") \
                and is_country(e_info.get("name")):
            states.setdefault(e_info["country"], set()).add("e:" + str(cid))
    if len(states) != 1:
        return
    (country, keys), = states.items()
    for u in units:
        if u.skey.startswith("e:") and not u.scountry and not u.weak \
                and state_official(info.get(u.speaker or "", {})):
            u.scountry = country
            u.affil = frozenset(keys)


@functools.lru_cache(maxsize=1)
def _state_body_heads() -> frozenset:
    return frozenset(cdata()["state_bodies"]) | frozenset(cdata()["official_bodies"])


def state_official(e: dict) -> bool:
    """A state's body by its name ("Ministry of Tourism", "the Presidency") or a person
    whose role names such a body ("spokesman of the ministry"; not a title alone: an
    envoy of a union in a report naming one state is not that state's)."""
    heads = _state_body_heads()
    if e.get("type") == "ORG":
        return bool(heads & set(normalize(e.get("name") or "").split()))
    return e.get("type") == "PERSON" and any(heads & set(normalize(r).split())
                                             for r in e.get("roles", []))


def _reported_units(d, s, rec: dict, local: dict, entity_map: dict, info: dict,
                    aliases: dict) -> list[Unit]:
    """"X denied a report that Y": Y is what the report said (its speaker unknown: the
    report, not X), and X's denial of it is a statement of its own. ``rec["cut"]``: where
    Y starts when the statement's content holds the denial too ("... denied a report that
    Y")."""
    cut = int(rec.get("cut") or 0)
    span = dict(s.content_span or {})
    if cut and "start" in span:
        span["start"] = int(span["start"]) + cut
    said = Statement(id=s.id, kind="report", cue="reported", content=s.content[cut:],
                     content_span=span, speaker=None, speaker_text=None,
                     date=s.date, about=list(s.about))
    y = _unit(d, said, local, entity_map, info, aliases)
    y.reported, y.skey = True, "r:"
    text = s.content if cut else \
        f"{s.cue or 'denied'} {rec.get('ref') or 'the report'} that {s.content}"
    den = Statement(id=s.id, kind=s.kind, cue=s.cue, content=text, content_span=s.content_span,
                    speaker=s.speaker, speaker_text=s.speaker_text, date=s.date,
                    about=list(s.about))
    u = _unit(d, den, local, entity_map, info, aliases)
    u.stance, u.negates = "deny", y.sid
    return [y, u]


def entity_info(entities: Iterable) -> dict[str, dict]:
    """Canonical id → {"type", "name", "country", "aliases"}."""
    return {e.id: {"type": e.type, "name": e.name, "country": e.country,
                   "aliases": list(e.aliases), "roles": _role_texts(e),
                   "dated_roles": _dated_roles(e)} for e in entities}


def _dated_roles(e) -> list[tuple[str, str]]:
    out = []
    for r in getattr(e, "roles", None) or []:
        if isinstance(r, dict) and isinstance(r.get("role"), str) and r["role"]:
            out.append((r["role"], str(r.get("date") or "")))
    return out


def _role_texts(e) -> list[str]:
    out = []
    for r in getattr(e, "roles", None) or []:
        t = r.get("role") if isinstance(r, dict) else r
        if isinstance(t, str) and t:
            out.append(t)
    return out


def affiliation_index(info: dict) -> dict[str, frozenset]:
    """Canonical id of a person → the keys of the bodies a statement of theirs may be
    credited to instead: the states (and state bodies) of their country, and the
    organisations their roles name ("AU envoy", "head of the ICRC delegation")."""
    by_country: dict[str, set[str]] = {}
    org_names: dict[str, str] = {}
    for cid, e in info.items():
        if e.get("type") == "GPE" and e.get("country"):
            by_country.setdefault(e["country"], set()).add("e:" + cid)
        if e.get("type") == "ORG":
            for a in [e.get("name"), *e.get("aliases", [])]:
                key = normalize(a or "")
                if len(key) >= 2 and key not in _stopwords():
                    org_names.setdefault(key, cid)
    out: dict[str, frozenset] = {}
    for cid, e in info.items():
        if e.get("type") != "PERSON":
            continue
        keys = set(by_country.get(e.get("country") or "", set()))
        for role in dict.fromkeys(e.get("roles", [])):  # (a role each report gives: once)
            words = normalize(role).split()
            for n in range(1, min(4, len(words)) + 1):
                for k in range(len(words) - n + 1):
                    hit = org_names.get(" ".join(words[k:k + n]))
                    if hit:
                        keys.add("e:" + hit)
        if keys:
            out[cid] = frozenset(keys)
    return out


def alias_index(info: dict) -> dict[str, str]:
    """Normalised names (of two or more words, or a person's surname) → canonical id, for
    speakers the extractor described without linking ("the European commissioner for
    energy Greta Voskuijl")."""
    out: dict[str, str] = {}
    for cid, e in info.items():
        if e.get("type") not in ("PERSON", "ORG"):
            continue
        for a in [e.get("name"), *e.get("aliases", [])]:
            key = normalize(a or "")
            if len(key.split()) >= 2 or (e.get("type") == "PERSON" and len(key) >= 4):
                out.setdefault(key, cid)
    return out


def _named_in(text: str | None, aliases: dict[str, str]) -> str | None:
    words = normalize(text or "").split()
    for n in range(min(4, len(words)), 0, -1):
        for k in range(len(words) - n + 1):
            hit = aliases.get(" ".join(words[k:k + n]))
            if hit:
                return hit
    return None


def _companies_quoted(ex: Extraction, entity_map: dict, info: dict) -> frozenset:
    """The organisations a report quotes by name that are neither a state body nor its
    outlet (the companies 'its operator' may stand for)."""
    d = ex.doc
    bodies = set(cdata()["body_heads"]) | set(cdata()["state_bodies"]) \
        | set(cdata()["official_bodies"])
    out = set()
    for s in ex.statements:
        c = entity_map.get((d.id, s.speaker)) if s.speaker else None
        e = info.get(c, {}) if c else {}
        words = set(normalize(e.get("name") or "").split())
        if e.get("type") == "ORG" and not words & (bodies - {"company"}) \
                and normalize(e.get("name") or "") != normalize(d.source or ""):
            out.add(c)
    return frozenset(out)


def _unit(d, s, local: dict, entity_map: dict, info: dict, aliases: dict,
          quoted: frozenset = frozenset()) -> Unit:
    sp = entity_map.get((d.id, s.speaker)) if s.speaker else None
    if sp is None and s.speaker_text and _head(s.speaker_text) not in _unnamed_heads():
        sp = _named_in(s.speaker_text, aliases)
    le = local.get(s.speaker) if s.speaker else None
    ci = info.get(sp, {}) if sp else {}
    key, unnamed = speaker_key(s.speaker_text, ci.get("type") or (le.type if le else None),
                               ci.get("name") or (le.name if le else None), sp,
                               ci.get("country") or (le.country if le else None))
    if not key.startswith("e:") and s.speaker_text:
        named = described_speaker(s.speaker_text, d, local, entity_map, info, quoted)
        if named:
            sp, ci, key, unnamed = named, info[named], "e:" + named, False
    if (sp and key.startswith("e:") and s.kind == "report" and ci.get("type") == "ORG" and d.source
            and normalize(ci.get("name") or "") == normalize(d.source)):
        key = "o:" + sp   # its own outlet: perhaps an unnamed source's words (older shape)
    about = [entity_map[(d.id, a)] for a in s.about if (d.id, a) in entity_map]
    if unnamed and sp and sp not in about:
        about.append(sp)   # "Ukrainian officials": Ukraine is what they are about, not who
    via = getattr(s, "source", None)
    surface: dict[str, str] = {}
    nums = numbers_in(s.content, surface)
    toks = content_tokens(s.content)
    proper = proper_tokens(s.content)
    unit = Unit(d.id, s.id, s.kind, s.content, None if unnamed else sp, s.speaker_text,
                fill_year(s.date, d.published) or d.published, about,
                dict(s.content_span or {}), (d.published or "")[:10] or None,
                d.source, key, unnamed,
                getattr(s, "stance", None),
                {t for t in toks if not re.fullmatch(r"\d+(\.\d+)?", t) and t not in proper},
                nums, surface, dates_in(s.content), {t for t in toks if t in WEEKDAYS})
    unit.proper = proper
    unit.figures = figures_in(s.content)
    unit.via = via if isinstance(via, str) and via else None
    unit.weak = bool(sp) and pronoun_speaker(s.speaker_text)
    unit.presence = presence_of(s.content)
    unit.denies = (getattr(s, "stance", None) == "deny" or normalize(s.cue or "") in denial_verbs()) \
        and not statement_shape(s.content)[0] and not _false_re().search(s.content or "")
    unit.scountry = ci.get("country") if key.startswith("e:") else None
    unit.stype = ci.get("type") if key.startswith("e:") else None
    if key.startswith("d:") and _head(s.speaker_text or "") in cdata()["state_bodies"]:
        # "the Freedonian government" in a report that does not name the state: its state
        unit.scountry = _nationality(s.speaker_text or "")
        unit.stype = "GPE" if unit.scountry else None
    unit.acountries = about_countries(about, d, local, entity_map, info)
    if key.startswith("e:") and ci.get("type") in ("PERSON", "ORG"):
        unit.vname, unit.vcountry = ci.get("name"), ci.get("country")
        unit.vperson = ci.get("type") == "PERSON"
    return unit


def described_speaker(text: str, d, local: dict, entity_map: dict, info: dict,
                      quoted: frozenset = frozenset()) -> str | None:
    """The canonical id a described speaker stands for, from the report's own entities: a
    definite title ("Peru's foreign minister", "the defence minister") that exactly one
    person of the report held by a role given on or before its day; a state's body ("the
    Serbian government", "the Government of Peru", "the South African government") of
    a state the report names; "the ministry" when the report names one ministry."""
    t = normalize(text)
    words = t.split()
    if not words or words[0] in _indefinite() or len(words) > 6:
        return None
    head = _head(text)
    ids = {entity_map[(d.id, e)] for e in local if (d.id, e) in entity_map}
    day = (d.published or "")[:10]
    if head in cdata()["state_bodies"]:
        return _state_named(text, ids, info)
    if head in cdata()["company_heads"] and len(words) <= 4 and len(quoted) == 1:
        return next(iter(quoted))   # "the airline's owner": the company the report quotes
    if len(words) == 1 and head in cdata()["body_heads"]:
        orgs = sorted(c for c in ids if info.get(c, {}).get("type") == "ORG"
                      and head in normalize(info[c].get("name") or "").split())
        return orgs[0] if len(orgs) == 1 else None
    if head not in cdata()["title_heads"] or len(words) < 2:
        return None
    hits = {c for c in ids if info.get(c, {}).get("type") == "PERSON"
            and any(normalize(r) == t for r, when in info[c].get("dated_roles", [])
                    if not day or not when or when[:10] <= day)}
    return hits.pop() if len(hits) == 1 else None


def about_countries(about: list[str], d, local: dict, entity_map: dict,
                    info: dict) -> frozenset:
    """The countries of the entities a statement is about; a nationality the extractor
    left without one ("South African") takes the state of that name its report names."""
    out, ids = set(), None
    for a in about:
        e = info.get(a, {})
        if e.get("country"):
            out.add(e["country"])
        elif e.get("type") == "NORP" and e.get("name"):
            if ids is None:
                ids = {entity_map[(d.id, x)] for x in local if (d.id, x) in entity_map}
            state = _state_named(e["name"] + " people", ids, info)
            if state and info[state].get("country"):
                out.add(info[state]["country"])
    return frozenset(out)


def _state_named(text: str, ids: set[str], info: dict) -> str | None:
    """The one state among ``ids`` a phrase names: by a nationality word ("the Serbian
    government"), its name ("the Government of Peru") or the start of it ("the
    Dominican government" for the Dominican Republic)."""
    t = normalize(text)
    words = [w for w in _CUT.split(t)[0].split() if w not in _stopwords()][:-1]
    nat, lead = _nationality(text), " ".join(words)
    out = []
    for c in sorted(ids):
        e = info.get(c, {})
        name = normalize(e.get("name") or "")
        if e.get("type") != "GPE" or not is_country(name):
            continue
        if (nat and e.get("country") == nat) or (lead and name.startswith(lead)) \
                or re.search(r"\b" + re.escape(name) + r"\b", t):
            out.append(c)
    return out[0] if len(out) == 1 else None


@functools.lru_cache(maxsize=1)
def _presence_res() -> tuple[re.Pattern, re.Pattern]:
    def alt(words: list[str]) -> re.Pattern:
        return re.compile(r"\b(" + "|".join(_phrase(w) for w in sorted(words, key=len,
                                                                      reverse=True))
                          + r")\b", re.I)
    p = cdata()["presence"]
    return alt(p["absent"]), alt(p["present"])


def _phrase(p: str) -> str:
    """A phrase as a pattern: ``*`` stands for up to four words ("followed the * talks")."""
    out = ""
    for n, tok in enumerate(p.split()):
        if tok == "*":
            out += r"(?:\W+[\w'-]+){0,4}"
        else:
            out += (r"\W+" if n else "") + re.escape(tok)
    return out


def presence_of(text: str) -> str | None:
    """``absent`` ("did not attend", "did not travel to"), ``present`` ("was also at the
    table", "attended") or None: what a statement says of someone taking part."""
    absent, present = _presence_res()
    if absent.search(text or ""):
        return "absent"
    return "present" if present.search(text or "") else None


@functools.lru_cache(maxsize=1)
def _false_re() -> re.Pattern:
    """A content that itself says "false", "not correct": the denial is in its words (no
    denied proposition under a denial verb)."""
    cues = sorted(cdata()["denial_cues"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")\b", re.I)


@functools.lru_cache(maxsize=1)
def denial_verbs() -> frozenset:
    """The verbs of a denial: those that deny alone and those that deny a report as their
    object (``denial_verbs``, ``denial_verbs_with_object``)."""
    return frozenset(cdata()["denial_verbs"]) | frozenset(cdata()["denial_verbs_with_object"])


@functools.lru_cache(maxsize=1)
def _pronouns() -> frozenset:
    return frozenset(cdata()["pronouns"])


def pronoun_speaker(speaker_text: str | None) -> bool:
    """Is the speaker a pronoun ("he said")? With a resolved speaker, such a statement is
    ``weak``: it joins a claim of another named speaker on nearly the same words."""
    return normalize(speaker_text or "") in _pronouns()


# ------------------------------------------------------------------ claim state

def _days(a: str | None, b: str | None) -> int | None:
    if a is None or b is None:
        return None
    try:
        return abs((_dt.date.fromisoformat(a[:10]) - _dt.date.fromisoformat(b[:10])).days)
    except (TypeError, ValueError):
        return None


@dataclass
class ClaimState:
    """What the gathering decision needs of a claim (compact; storable as a signature)."""

    skey: str
    unnamed: bool
    members: list[int] = field(default_factory=list)      # unit indexes
    skeys: set[str] = field(default_factory=set)          # every speaker key of its reports
    weak_keys: set[str] = field(default_factory=set)      # keys of pronoun speakers only
    presence: set[str] = field(default_factory=set)       # "present" / "absent" said
    denies: set[bool] = field(default_factory=set)        # said with a denial verb or not
    countries: set[str] = field(default_factory=set)      # its named speakers' countries
    lemma_sets: list[frozenset] = field(default_factory=list)
    anchor_sets: list[frozenset] = field(default_factory=list)
    numbers: dict[str, str] = field(default_factory=dict)
    figures: set[str] = field(default_factory=set)        # counts its reports give
    dates: set[str] = field(default_factory=set)
    about: Counter = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    first_pub: str | None = None
    last_pub: str | None = None
    utter: str | None = None

    def add(self, i: int, u: Unit, keep: int) -> None:
        self.members.append(i)
        if u.skey and u.weak:
            self.weak_keys.add(u.skey)
            if not self.skey:
                self.skey, self.unnamed = u.skey, u.unnamed
        elif u.skey:
            if not self.skeys:      # a named speaker outranks a pronoun's guess
                self.skey, self.unnamed = u.skey, u.unnamed
            self.skeys.add(u.skey)
        if len(self.lemma_sets) < keep:
            self.lemma_sets.append(frozenset(u.tokens))
            self.anchor_sets.append(frozenset(u.anchors()))
        for k, v in u.numbers.items():
            self.numbers.setdefault(k, v)
        self.figures |= u.figures
        self.dates |= u.dates
        if u.presence:
            self.presence.add(u.presence)
        self.denies.add(u.denies)
        if u.scountry and not u.weak:
            self.countries.add(u.scountry)
        self.about.update(u.about)
        self.docs.add(u.doc)
        if u.published:
            self.first_pub = min(filter(None, [self.first_pub, u.published]))
            self.last_pub = max(filter(None, [self.last_pub, u.published]))
        if self.utter is None and precision(u.date) == 3:
            self.utter = u.date

    def signature(self) -> dict[str, list[str]]:
        """Blocking keys under which a store can index this claim."""
        return {"speaker": [self.skey], "about": sorted(self.about),
                "anchors": sorted({f"N:{v}:{k}" for k, v in self.numbers.items()}
                                  | {f"D:{d}" for d in self.dates}),
                "content": sorted(self.lemma_sets[0])[:24] if self.lemma_sets else [],
                "countries": sorted(self.countries)}


@dataclass
class Context:
    """Corpus-wide weights the decision uses (document frequencies of lemmas)."""

    df: Counter
    n: int
    th: dict
    vectors: list | None = None
    units: list = field(default_factory=list)
    related: dict = field(default_factory=dict)   # speaker key → keys it may stand for
    doc_speakers: dict = field(default_factory=dict)  # document → the speaker keys it quotes
    alike: dict = field(default_factory=dict)     # speaker key → other spellings' keys
    doc_units: dict = field(default_factory=dict)  # document → its statements (indexes)
    weights: dict = field(default_factory=dict, repr=False)  # lemma → its weight, once

    def affiliated(self, a: str, b: str) -> bool:
        return b in self.related.get(a, ()) or a in self.related.get(b, ())

    def weight(self, tok: str) -> float:
        w = self.weights.get(tok)
        if w is None:
            w = self.weights[tok] = max(self.th["idf_floor"],
                                        math.log((self.n + 1) / (self.df.get(tok, 0) + 1)))
        return w


def overlap(ctx: Context, a: frozenset | set, b: frozenset | set) -> tuple[float, int]:
    """Weighted (IDF) overlap coefficient of two lemma sets and the number shared."""
    shared = a & b
    if not shared:
        return 0.0, 0
    wa = sum(ctx.weight(t) for t in a)
    wb = sum(ctx.weight(t) for t in b)
    ws = sum(ctx.weight(t) for t in shared)
    return ws / max(1e-9, min(wa, wb)), len(shared)


def similarity(ctx: Context, toks: frozenset, anchors: frozenset, other_toks: frozenset,
               other_anchors: frozenset) -> tuple[float, int]:
    """Content overlap plus a bonus for shared anchors (entities, names, numbers, days)."""
    th = ctx.th
    sc, shared = overlap(ctx, toks, other_toks)
    common = anchors & other_anchors
    topic = sum(1 for a in common if a[0] in "EP")
    exact = sum(1 for a in common if a[0] in "ND")
    bonus = th["anchor_bonus"] * min(topic, th["anchor_max"]) + th["number_bonus"] * exact
    return sc + bonus, shared


@functools.lru_cache(maxsize=1)
def _opposites() -> list[tuple[frozenset, frozenset]]:
    return [(frozenset(lemma(w) for w in a), frozenset(lemma(w) for w in b))
            for a, b in cdata().get("opposites", [])]


def opposed(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    """Does one lemma set say the opposite of the other (drop against remain)?"""
    for x, y in _opposites():
        ax, ay, bx, by = bool(a & x), bool(a & y), bool(b & x), bool(b & y)
        if (ax and not ay and by and not bx) or (ay and not ax and bx and not by):
            return True
    return False


def _anchor_conflict(state: ClaimState, u: Unit) -> bool:
    """Another number of one counted thing, another day, or someone there against not."""
    if any(state.numbers.get(k, v) != v for k, v in u.numbers.items()):
        return True
    if u.presence and state.presence and u.presence not in state.presence:
        return True
    if state.denies and u.denies not in state.denies:
        return True   # "X denies paying" is not "X pays": what a denial verb heads is denied
    return bool(state.dates and u.dates and not (state.dates & u.dates))


def speaker_relation(state: ClaimState, u: Unit, ctx: Context) -> str | None:
    """How the statement's speaker fits the claim's: ``same`` (or compatible), ``affiliated``
    (a person and the state or body a report credits instead: "Tajikistan said" / its
    minister), ``weak`` (a pronoun speaker the extractor resolved, against a named one: the
    words must then be nearly the same), or None."""
    keys = state.skeys or state.weak_keys or {""}
    if all(speakers_compatible(k, u.skey) for k in keys):
        return "same"
    alike = ctx.alike.get(u.skey, ())
    if alike and all(speakers_compatible(k, u.skey) or k in alike for k in keys):
        return "variant"
    if u.skey and all(speakers_compatible(k, u.skey) or ctx.affiliated(k, u.skey) for k in keys) \
            and not _credits_both(state, u, ctx):
        return "affiliated"
    if u.weak or not state.skeys:
        return "weak"
    return None


def _stands_for(state: ClaimState, u: Unit, ctx: Context) -> bool:
    """Every speaker of the claim is the statement's or one it stands for (or stands for
    it), whatever else its report credits to whom."""
    keys = state.skeys or {""}
    return bool(u.skey) and all(speakers_compatible(k, u.skey) or ctx.affiliated(k, u.skey)
                                for k in keys)


def _credits_both(state: ClaimState, u: Unit, ctx: Context) -> bool:
    """A report that quotes the person and credits something else to their state ("as
    Vienna threatened to veto" / "Gruber said Austria would block") speaks of two
    things: what it credits to the state is not the person's words. (The claim's own
    reports of the statement's speaker are no such second thing; nor is what a report of
    the claim credits to the state when it says something else.)"""
    if (state.skeys - {u.skey}) & ctx.doc_speakers.get(u.doc, set()):
        return True
    own = {ctx.units[j].doc for j in state.members if ctx.units[j].skey == u.skey}
    need = ctx.th["min_shared"]
    return any(ctx.units[j].skey == u.skey and len(ctx.units[j].tokens & u.tokens) >= need
               for d in state.docs - own if u.skey in ctx.doc_speakers.get(d, set())
               for j in ctx.doc_units.get(d, ()))


def _need(state: ClaimState, u: Unit, rel: str, th: dict) -> float:
    if u.doc in state.docs:
        need = th["same_doc_overlap"]
    elif rel == "variant":
        need = th["named_overlap"]
    elif u.skey[:2] in ("e:", "o:") and state.skey[:2] in ("e:", "o:") \
            and u.skey[2:] == state.skey[2:]:
        need = th["named_overlap"]
    elif rel == "affiliated" and u.skey.startswith("e:") and u.skey in state.skeys:
        return th["named_overlap"]   # its speaker already among the claim's (and its state)
    elif rel == "affiliated" and u.skey.startswith("e:") and state.skey.startswith("e:"):
        return th["affiliated_overlap"]   # a person's words credited to their state
    elif u.unnamed:
        need = th["unnamed_overlap"]
    elif u.reported:
        need = th["reported_overlap"]
    else:
        need = th["unknown_overlap"]
    if rel == "affiliated":
        need = max(need, th["affiliated_overlap"])
    return need


def _negated_here(state: ClaimState, u: Unit, ctx: Context) -> bool:
    """A denial and the report it denies (one document) are never one claim."""
    if not (u.negates or u.reported):
        return False
    return any(ctx.units[j].doc == u.doc and (ctx.units[j].negates or ctx.units[j].reported)
               for j in state.members)


def decide(state: ClaimState, u: Unit, i: int, ctx: Context) -> float | None:
    """How well statement ``u`` (unit index ``i``) fits claim ``state``: a score, or None
    when it must not join."""
    th = ctx.th
    rel = speaker_relation(state, u, ctx)
    if rel is None and u.figures & state.figures and _stands_for(state, u, ctx):
        # a report crediting the person with other words and their state with a count
        # ("X said …. Norway had given the count as 23"): the count still joins
        rel = "count"
    if rel is None or _anchor_conflict(state, u) or _negated_here(state, u, ctx):
        return None
    if rel == "count":
        return th["short_figure_score"] if _bare_count(state, u, "affiliated", ctx) else None
    if rel == "weak" and u.doc in state.docs:
        return None
    gap = _days(u.published, state.last_pub)
    if gap is not None and gap > th["window_days_strong"]:
        return None
    ug = _days(u.date, state.utter) if precision(u.date) == 3 and state.utter else None
    if ug is not None and ug > th["utterance_max_days"]:
        return None
    toks, anchors = frozenset(u.tokens), frozenset(u.anchors())
    if len(u.tokens | u.proper) < th["min_tokens"]:
        same = any(normalize(ctx.units[j].content) == normalize(u.content) for j in state.members)
        if same:
            return 1.0
        # a short report of a figure ("which injured 9 people") inside a longer one of it
        held = u.numbers and u.tokens and any(
            u.numbers.items() <= ctx.units[j].numbers.items() and u.tokens <= ctx.units[j].tokens
            for j in state.members)
        if held or _same_figure(state, u, rel, ctx) or _bare_count(state, u, rel, ctx):
            return th["short_figure_score"]
        # "he again called the matter 'humanitarian'": a short restatement of a named
        # speaker whose words one report of the speaker's claim holds
        said = rel == "same" and u.skey.startswith("e:") and u.skey == state.skey \
            and len(u.tokens) >= 2 and u.doc not in state.docs and any(
                u.tokens <= ctx.units[j].tokens and not opposed(u.tokens, ctx.units[j].tokens)
                for j in state.members)
        return th["short_figure_score"] if said else None
    best, shared, topic = 0.0, 0, False
    for ls, an in zip(state.lemma_sets, state.anchor_sets):
        if opposed(u.tokens, ls):
            return None
        sc, n = similarity(ctx, toks, anchors, ls, an)
        if sc > best:
            best, shared = sc, n
            topic = any(a[0] in "EP" for a in anchors & an)
    if rel == "weak":
        words, n = max((overlap(ctx, toks, ls) for ls in state.lemma_sets), default=(0.0, 0))
        ok = words >= th["weak_overlap"] and n >= th["weak_min_shared"]
        return best if ok else None
    need = _need(state, u, rel, th)
    if rel == "affiliated" and shared < th["affiliated_min_shared"]:
        need = max(need, th["unknown_overlap"])   # a state's words and a person's: more alike
    if gap is not None and gap > th["window_days"] and best < th["strong_overlap"]:
        return None   # a repeated position weeks later must read much the same
    named_same = (rel == "same" and u.skey.startswith("e:") and u.skey == state.skey) \
        or rel == "variant"
    if best >= need and (shared >= th["min_shared"]
                         or (named_same and shared and topic and best >= th["strong_overlap"])):
        return best   # a short restatement of one speaker: one word and the names it is about
    if (_same_figure(state, u, rel, ctx) and best >= th["figure_overlap"]) \
            or _bare_count(state, u, rel, ctx):
        return th["short_figure_score"]   # one count of one thing, however worded
    if ctx.vectors is not None and u.doc not in state.docs and shared >= th["min_shared"] \
            and best >= th["embedding_min_overlap"]:
        cos = max(sum(x * y for x, y in zip(ctx.vectors[i], ctx.vectors[j]))
                  for j in state.members[: th["keep_reports"]])
        need = th["embedding_named"] if u.skey.startswith("e:") else th["embedding_other"]
        if cos >= need:
            return cos * 0.9
    return None


def _same_figure(state: ClaimState, u: Unit, rel: str, ctx: Context) -> bool:
    """Does the statement give a count a report of the claim gives, of one thing (a word
    of what is counted shared with that report: "23 hostages are being held" / "it is holding
    23" / "the hostages, 23 in number"), its speaker the claim's or one standing for
    it, in another report?"""
    if rel not in ("same", "variant", "affiliated") or not u.skey or u.doc in state.docs \
            or not (u.figures & state.figures):
        return False
    shared = u.figures & state.figures
    return any(ctx.units[j].figures & shared and ctx.units[j].tokens & u.tokens
               for j in state.members)


def _bare_count(state: ClaimState, u: Unit, rel: str, ctx: Context) -> bool:
    """A count given by a word for a count ("put the figure at 23", "gave the count of
    hostages held as 23"), or alone ("12 according to the police"), whose other words a
    report of the claim giving that count holds, its speaker the claim's or one standing
    for it, in another report."""
    said = _count_nouns() & set(normalize(u.content).split())
    if rel not in ("same", "variant", "affiliated") or not u.skey or u.doc in state.docs \
            or not (said or not (u.tokens or u.proper)) or not (u.figures & state.figures):
        return False
    rest = u.tokens - {lemma(w) for w in said}   # "the toll at 21" ("toll": a killing)
    return any(ctx.units[j].figures & u.figures and rest <= ctx.units[j].tokens
               for j in state.members)


@functools.lru_cache(maxsize=1)
def _count_nouns() -> frozenset:
    return frozenset(cdata()["count_nouns"])


def _recent(index: dict[str, list[int]], key: str, states: list, now: int | None,
            horizon: int) -> list[int]:
    """The claims under a blocking key still inside the time window; older ones leave the
    index for good (statements come in publication order)."""
    ids = index.get(key)
    if not ids or now is None:
        return ids or []
    keep = [c for c in ids if (o := day_ordinal(states[c].last_pub)) is None or now - o <= horizon]
    if len(keep) != len(ids):
        index[key] = keep
    return keep


def gather(units: list[Unit], vectors=None, corpus_df: tuple[Counter, int] | None = None
           ) -> list[ClaimState]:
    """Statements in publication order join the best fitting claim or open a new one.
    ``corpus_df``: (lemma document frequencies, number of statements) of the whole corpus,
    when ``units`` are part of it (incremental resolution); else counted over ``units``."""
    th = gather_th()
    ctx = _context(units, th, vectors, corpus_df)
    df = ctx.df
    order = sorted(range(len(units)), key=lambda i: (units[i].published or "9999", units[i].doc,
                                                     units[i].start))
    states: list[ClaimState] = []
    by_speaker: dict[str, list[int]] = {}
    by_content: dict[str, list[int]] = {}
    merged: dict[int, int] = {}     # a claim merged into another (``_merge_bridged``)
    horizon = th["window_days_strong"]
    for i in order:
        u = units[i]
        block = "e:" + u.skey[2:] if u.skey.startswith("o:") else u.skey
        now = day_ordinal(u.published)
        cands = set(_recent(by_speaker, block, states, now, horizon))
        for k in _lookup_keys(u.skey, ctx):     # a minister and his state; a denied report
            cands.update(_recent(by_speaker, k, states, now, horizon))
        for t in u.tokens:      # unnamed, unknown and relayed speakers: by rare content words
            cands.update(_recent(by_content, t, states, now, horizon))
        cands = {_merged_into(merged, c) for c in cands}
        best, best_c = None, None
        fits: list[int] = []
        for c in sorted(cands):
            if not states[c].members:
                continue      # merged into another (looked up as that one)
            sc = decide(states[c], u, i, ctx)
            if sc is not None:
                fits.append(c)
            if sc is not None and (best is None or sc > best):
                best, best_c = sc, c
        if best_c is not None:
            for c in _merge_bridged(states, [c for c in fits if c != best_c], best_c, u, units,
                                    th):
                merged[c] = best_c
        if best_c is None:
            best_c = len(states)
            states.append(ClaimState(u.skey, u.unnamed))
            by_speaker.setdefault(block, []).append(best_c)
            if u.skey[:2] in ("u:", "o:", "d:"):
                by_speaker.setdefault("*source", []).append(best_c)
            for t in u.tokens:
                if df[t] <= max(3, min(ctx.n // 20, th["block_max_df"])):  # rare enough
                    by_content.setdefault(t, []).append(best_c)
        if u.skey and u.skey not in states[best_c].skeys and states[best_c].members:
            by_speaker.setdefault(block, []).append(best_c)
        states[best_c].add(i, u, th["keep_reports"])
    attach_singles(states, units, ctx)
    return [st for st in states if st.members]


def _merged_into(merged: dict[int, int], c: int) -> int:
    while c in merged:
        c = merged[c]
    return c


def _merge_bridged(states: list[ClaimState], others: list[int], into: int, u: Unit,
                   units: list[Unit], th: dict) -> list[int]:
    """A statement that restates two claims of its own named speaker (a translated release
    and a wire's quote of one accusation, each gathered apart) makes them one: the other
    claims' reports join the claim it joins."""
    st = states[into]
    out = []
    for c in others:
        o = states[c]
        if not u.skey.startswith("e:") or u.weak or o.skeys != {u.skey} or st.skeys != {u.skey} \
                or o.docs & st.docs:
            continue
        for j in o.members:
            st.add(j, units[j], th["keep_reports"])
        o.members.clear()
        out.append(c)
    return out


def _lookup_keys(skey: str, ctx: Context) -> list[str]:
    """Further blocking keys under which a statement looks for claims: those of the bodies
    its speaker stands for, and for the content of a denied report (``r:``) every claim of
    an unnamed source, outlet or description (``*source``); the other way round, ``r:``."""
    keys = sorted(set(ctx.related.get(skey, ())) | ctx.alike.get(skey, set()))
    if skey == "r:":
        keys.append("*source")
    elif skey[:2] in ("u:", "o:", "d:"):
        keys.append("r:")
    return keys


def related_keys(units: list[Unit]) -> dict[str, set[str]]:
    """Speaker key → the keys a statement of it may be credited to, both ways (a person and
    the state or body of their affiliation; a state and its capital or another of its
    places standing for it: "Belgrade says" / "Serbia says")."""
    out: dict[str, set[str]] = {}
    places: dict[str, set[str]] = {}
    for u in units:
        if u.skey and not u.weak:
            for k in u.affil:
                out.setdefault(u.skey, set()).add(k)
                out.setdefault(k, set()).add(u.skey)
            if u.stype == "GPE" and u.scountry and u.skey.startswith(("e:", "d:")):
                places.setdefault(u.scountry, set()).add(u.skey)
    for keys in places.values():
        for k in keys:
            out.setdefault(k, set()).update(keys - {k})
    bodies = {u.skey: u.affil for u in units if u.stype == "ORG" and u.affil and not u.weak}
    for body, states in sorted(bodies.items()):  # a state's body speaks as the state does
        for st in states:
            for k in list(out.get(st, ())):
                if k != body:
                    out.setdefault(body, set()).add(k)
                    out.setdefault(k, set()).add(body)
    return out


def attach_singles(states: list[ClaimState], units: list[Unit], ctx: Context) -> None:
    """A second pass: a statement no other report carried joins the one claim of several
    reports by the same speaker that it may restate (a looser paraphrase: "would honour the
    truce" / "remained fully committed to the ceasefire"), when exactly one fits."""
    th = ctx.th
    multi: dict[str, list[int]] = {}
    for c, st in enumerate(states):
        if len(st.docs) >= 2 and st.skeys:
            for k in st.skeys:
                multi.setdefault(k, []).append(c)
    for c, st in enumerate(states):
        if len(st.members) != 1:
            continue
        i = st.members[0]
        u = units[i]
        if not u.skey or u.weak or u.skey not in multi:
            continue
        fits = [m for m in multi[u.skey] if _attach_fit(states[m], u, ctx)]
        if len(fits) == 1:
            states[fits[0]].add(i, u, th["keep_reports"])
            st.members.clear()


def _attach_fit(st: ClaimState, u: Unit, ctx: Context) -> bool:
    th = ctx.th
    if u.doc in st.docs or speaker_relation(st, u, ctx) != "same" or _anchor_conflict(st, u) \
            or _negated_here(st, u, ctx):
        return False
    gaps = [g for g in (_days(u.published, st.first_pub), _days(u.published, st.last_pub))
            if g is not None]
    if gaps and min(gaps) > th["window_days"]:
        return False
    toks, anchors = frozenset(u.tokens), frozenset(u.anchors())
    if any(opposed(u.tokens, ls) for ls in st.lemma_sets):
        return False
    shape = statement_shape(u.content)
    return any(sc >= th["attach_overlap"] and n >= th["attach_min_shared"]
               and statement_shape(ctx.units[j].content) == shape
               for j, (sc, n) in zip(st.members, (similarity(ctx, toks, anchors, ls, an)
                                                  for ls, an in zip(st.lemma_sets,
                                                                    st.anchor_sets))))


def statement_shape(text: str) -> tuple[bool, bool]:
    """(negated, ahead): does a statement deny ("would not", "had not been sent") and does it
    speak of what will be ("would focus", "will meet") rather than what was. A looser
    restatement keeps both."""
    words = set(re.findall(r"[a-z]+(?:'[a-z]+)?", (text or "").lower().replace("\u2019", "'")))
    d = cdata()["shape"]
    return bool(words & set(d["negations"]) or any(w.endswith("n't") for w in words)), \
        bool(words & set(d["ahead"]))


# ------------------------------------------------------------------ claims

def _context(units: list[Unit], th: dict, vectors=None,
             corpus_df: tuple[Counter, int] | None = None, speakers: bool = True) -> Context:
    """The decision's weights: lemma frequencies over ``units``, or the corpus's; with
    ``speakers``, also who may stand for whom and who each document quotes (gathering)."""
    if corpus_df is not None:
        df, n = corpus_df
    else:
        df, n = Counter(), len(units)
        for u in units:
            df.update(u.tokens)
    ctx = Context(df, n, th, vectors, units)
    if not speakers:
        return ctx
    ctx.related = related_keys(units)
    ctx.alike = alike_speakers(units)
    for k, others in ctx.alike.items():   # a spelling without a country stands for the state
        for o in others:                  # its other spelling stands for
            for r in list(ctx.related.get(o, ())):
                ctx.related.setdefault(k, set()).add(r)
                ctx.related.setdefault(r, set()).add(k)
    for i, u in enumerate(units):
        ctx.doc_units.setdefault(u.doc, []).append(i)
        if u.skey and not u.weak:
            ctx.doc_speakers.setdefault(u.doc, set()).add(u.skey)
    return ctx


def gather_claims(extractions: list[Extraction], entity_map: dict,
                  names: dict[str, str] | None = None, use_embeddings: bool = True,
                  entities: list | None = None, corpus_df: tuple[Counter, int] | None = None
                  ) -> tuple[list[Claim], list[Unit], dict[str, Claim], dict[int, str]]:
    """The claims (oldest first), with what the dispute finder reads: the statement units,
    the claims by id and each unit's claim id."""
    info = entity_info(entities or [])
    names = names or {e.id: e.name for e in entities or []}
    units, copy_of = units_of(extractions, entity_map, info)
    vectors = None
    if use_embeddings and len(units) > 1:
        from .embeddings import embed
        vectors = embed([u.content for u in units])
    states = gather(units, vectors, corpus_df)
    claims, claim_of = _claims_of(states, units, copy_of, names)
    out = list(claims.values())
    out.sort(key=lambda c: (c.first_reported or "9999", c.first_document or "", c.id))
    return out, units, claims, claim_of


def _claims_of(states: list[ClaimState], units: list[Unit], copy_of: dict,
               names: dict) -> tuple[dict[str, Claim], dict[int, str]]:
    claims: dict[str, Claim] = {}
    claim_of: dict[int, str] = {}
    for st in states:
        us = sorted(st.members, key=lambda i: (units[i].published or "9999", units[i].doc,
                                               units[i].start))
        first = units[us[0]]
        docs = list(dict.fromkeys(units[i].doc for i in us))
        unnamed = [i for i in us if units[i].unnamed]
        speakers = Counter(units[i].speaker for i in us if units[i].speaker and not units[i].weak) \
            or Counter(units[i].speaker for i in us if units[i].speaker)
        sp = speakers.most_common(1)[0][0] if speakers and not unnamed else None
        sp_text = next((units[i].speaker_text for i in unnamed or us if units[i].speaker_text),
                       None)
        about = list(dict.fromkeys(a for i in us for a in units[i].about if a != sp))
        kinds = Counter(units[i].kind for i in us)
        pubs = [p for p in (units[i].published for i in us) if p]
        cid = stable_id("clm", first.doc, first.sid, normalize(first.content))
        while cid in claims:
            cid = stable_id("clm", cid, first.doc, first.sid)
        claims[cid] = Claim(
            id=cid, content=first.content,
            speaker=names.get(sp, sp_text) if sp else sp_text, speaker_id=sp,
            kind=kinds.most_common(1)[0][0],
            first_reported=min(pubs) if pubs else None, first_document=first.doc,
            outlets=sorted({src for src in (units[i].source for i in us) if src}),
            documents=sorted(docs), independent_reports=independent_count(docs, copy_of),
            about=[names.get(a, a) for a in about],
            reports=[{"doc": units[i].doc, "statement": units[i].sid,
                      "content": units[i].content, "source": units[i].source,
                      "span": units[i].span, "date": units[i].date,
                      "original": original_of(units[i].doc, copy_of),
                      "speaker_text": units[i].speaker_text, "kind": units[i].kind,
                      "via": units[i].via}
                     for i in us],
            unnamed=bool(unnamed), speaker_key=units[unnamed[0]].skey if unnamed else st.skey,
            signature=st.signature())
        for i in us:
            claim_of[i] = cid
    return claims, claim_of
