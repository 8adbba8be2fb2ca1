"""Organisation names by any name: keys and comparisons, and the repair of split names.

One organisation is written many ways in one report: its legal name ("European Aeronautic
Defence and Space Company N.V."), an acronym the text defines ("(EADS)") or that is in
common use ("GM" for "General Motors"), without its legal suffix ("Apple" / "Apple Inc.",
"Chrysler LLC"), or a short form ("China Eastern" for "China Eastern Airlines", "the Senate"
for "the United States Senate", "Cerberus" for "Cerberus Capital Management").

- :func:`org_core` — the distinctive words of a name: no article, no leading country name
  ("United States Senate" → senate), no legal suffixes (N.V., LLC, Inc., Corporation);
- :func:`org_key` — a key for comparing names across reports (legal suffixes dropped, the
  country kept, so the US Senate and the French Senate stay apart);
- :func:`acronym_forms` — the acronyms a long name may be written as (with and without its
  legal suffix: EADS and EADSNV);
- :func:`same_org` — are two names in one report one organisation? Equal cores, an acronym,
  or a short form that begins the long one and leaves only organisation words ("Airlines",
  "Capital Management"). A known news agency's acronym is never another body's initials
  (AFP the agency is not the Australian Federal Police), and a full legal name is no short
  form of another (Apple Inc. is not Apple Corps).
- :func:`repair_org_spans` — names the model split: a legal suffix left outside the name
  ("Chrysler" + "LLC"), or a legal name cut at its "and"/"&" ("European Aeronautic Defence" +
  "and Space Company N.V.").

Word lists are data: ``data/gazetteer/filters.json`` (``corporate_suffixes``, ``org_words``,
``org_short_form_words``) and the outlets of ``data/statements/sources.json``.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .names import normalize

_DATA = Path(__file__).resolve().parent.parent / "data"
_CONNECT = {"and", "&"}
_FUNCTION = {"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "&", "to", "at"}


@functools.lru_cache(maxsize=1)
def _lists() -> dict:
    filters = json.loads((_DATA / "gazetteer" / "filters.json").read_text("utf-8"))
    sources = json.loads((_DATA / "statements" / "sources.json").read_text("utf-8"))
    suffixes = {s.strip(".").lower().replace(".", "") for s in filters.get("corporate_suffixes", [])}
    legal = {s.strip(".").lower().replace(".", "") for s in filters.get("legal_suffixes", [])}
    return {"suffixes": suffixes, "legal": legal or suffixes,
            "org_words": {w.lower().strip(".") for w in filters.get("org_words", [])}
            | {w.lower() for w in filters.get("org_short_form_words", [])},
            "outlets": {normalize(o) for o in sources.get("outlets", [])},
            "outlet_words": set(sources.get("outlet_words", []))}


def _word(w: str) -> str:
    return w.lower().strip(".,").replace(".", "")


def _country_prefix(words: list[str]) -> int:
    """How many leading words name a country ("United States", "US", "French")."""
    from .gazetteer import country_of_word, get_gazetteer
    for size in (3, 2, 1):
        if len(words) > size:
            head = " ".join(words[:size])
            entry = get_gazetteer().lookup(head)
            if (entry is not None and entry.kind == "country") or (size == 1 and country_of_word(head)):
                return size
    return 0


def _split_words(name: str) -> list[str]:
    words = [w for w in re.split(r"\s+", name.replace("\u2019", "'").strip()) if w]
    words = [re.sub(r"'s?$", "", w) for w in words]
    words = [w.strip(",") for w in words if w.strip(",")]
    if words and words[0].lower() == "the":
        words = words[1:]
    return words


def strip_legal(words: list[str]) -> list[str]:
    """Without trailing legal suffixes ("Company N.V.", "Inc.", "LLC"; not the only word)."""
    suffixes = _lists()["suffixes"]
    out = list(words)
    while len(out) > 1 and (_word(out[-1]) in suffixes or out[-1] in ("&", ",")):
        out.pop()
    return out


def has_legal_suffix(name: str) -> bool:
    words = _split_words(name)
    return len(words) > 1 and _word(words[-1]) in _lists()["legal"]


@functools.lru_cache(maxsize=65536)
def org_core(name: str) -> tuple[str, ...]:
    """The distinctive words of an organisation name, normalised (see the module doc)."""
    words = strip_legal(_split_words(name))
    k = _country_prefix(words)
    if k and len(words) > k:
        words = words[k:]
    return tuple(normalize(w) for w in words if normalize(w))


@functools.lru_cache(maxsize=65536)
def org_key(name: str) -> str:
    """A key for the same organisation across reports: normalised, legal suffixes dropped,
    the country kept ("Ford Motor Company" and "Ford Motor Co." share one)."""
    return " ".join(normalize(w) for w in strip_legal(_split_words(name)) if normalize(w))


def _initials(words: list[str]) -> str:
    out = []
    for w in words:
        for part in re.split(r"-", w):
            if not part or part.lower() in _FUNCTION:
                continue
            if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", part):
                out.append(part.replace(".", ""))
            elif part[:1].isupper():
                out.append(part[0])
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def acronym_forms(name: str) -> frozenset[str]:
    """Acronyms ``name`` may be written as: initials of its capitalised words, with and
    without its legal suffix and a leading country ("General Motors Corporation" → GMC, GM)."""
    words = _split_words(name)
    if len(words) < 2:
        return frozenset()
    core = strip_legal(words)
    # every cut among the trailing suffixes: "Company N.V." → EADCNV, EADC, EAD
    forms = {_initials(words[:k]) for k in range(len(core), len(words) + 1)}
    k = _country_prefix(words)
    if k:
        forms.add(_initials(strip_legal(words)[k:]))
    return frozenset(f for f in forms if len(f) >= 2)


def is_acronym(text: str) -> bool:
    s = text.replace(".", "").replace("&", "")
    return 2 <= len(s) <= 8 and s.isupper() and s.isalpha()


def _is_outlet_name(name: str) -> bool:
    lists = _lists()
    n = normalize(name)
    return n in lists["outlets"] or bool(set(n.split()) & lists["outlet_words"])


def _country_acronym(s: str, forms: frozenset[str]) -> bool:
    """'USAF' of 'Air Force': a country's short form, then the name's initials."""
    from .gazetteer import country_of_word
    for k in (2, 3):
        if len(s) - k >= 2 and s[k:] in forms and country_of_word(s[:k]):
            return True
    return False


def acronym_match(short: str, long: str) -> bool:
    """Is ``short`` an acronym of ``long``? Not when ``short`` is a news agency's own
    acronym and ``long`` is no outlet."""
    if not is_acronym(short) or len(long.split()) < 2:
        return False
    s = short.replace(".", "").replace("&", "")
    forms = acronym_forms(long)
    if s not in forms and not _country_acronym(s, forms):
        return False
    if normalize(short) in _lists()["outlets"] and not _is_outlet_name(long):
        return False
    return True


def short_form(short: str, long: str) -> bool:
    """'China Eastern' of 'China Eastern Airlines', 'Cerberus' of 'Cerberus Capital
    Management': the short name begins the long one, and what is left are organisation words
    only. A name with its own legal suffix is a full name, never a short form."""
    if has_legal_suffix(short):
        return False
    ws = [normalize(w) for w in _split_words(short)]
    wl = [normalize(w) for w in strip_legal(_split_words(long))]
    if not ws or len(wl) <= len(ws) or wl[:len(ws)] != ws:
        return False
    if all(w in _lists()["org_words"] for w in ws):
        return False  # "Capital", "the Bank": no name of its own
    rest = wl[len(ws):]
    if all(w in _lists()["org_words"] or w in _FUNCTION for w in rest):
        return True
    # a company's first word ("Aldrin" of "Aldrin Propulsion Corporation"): a legal name's
    # distinctive opening, not a country word
    from .gazetteer import country_of_word
    raw = _split_words(short)
    return len(ws) == 1 and has_legal_suffix(long) and len(ws[0]) >= 4 \
        and raw[0][:1].isupper() and not country_of_word(raw[0])


def org_form(name: str) -> bool:
    """A name that is an organisation's by its form: a legal suffix, or a last word that only
    organisations end with ("Crestline Bancorp Inc.", "Cockpit Alliance")."""
    words = _split_words(name)
    if len(words) < 2:
        return False
    return has_legal_suffix(name) or words[-1].lower().strip(".") in _lists()["org_words"]


def same_org(a: str, b: str) -> bool:
    """Two names of one organisation in one report (see the module doc)."""
    if normalize(a) == normalize(b):
        return True
    ca, cb = org_core(a), org_core(b)
    if ca and ca == cb and not (has_legal_suffix(a) and has_legal_suffix(b)
                                and org_key(a) != org_key(b) and _differs_in_kind(a, b)):
        return True
    if acronym_match(a, b) or acronym_match(b, a):
        return True
    return short_form(a, b) or short_form(b, a) or head_form(a, b) or head_form(b, a)


def head_form(short: str, long: str) -> bool:
    """'the Commission' of 'the European Commission', 'the Council' of 'the Security
    Council': a generic organisation word alone that ends the long name."""
    ws = _split_words(short)
    wl = strip_legal(_split_words(long))
    return len(ws) == 1 and len(wl) >= 2 and normalize(ws[0]) == normalize(wl[-1]) \
        and ws[0].lower() in _lists()["org_words"] and ws[0][:1].isupper()


def _differs_in_kind(a: str, b: str) -> bool:
    """'Apple Inc.' / 'Apple Corps': the same core but different last words that both tell
    the kind of company."""
    la, lb = _split_words(a)[-1], _split_words(b)[-1]
    return _word(la) != _word(lb) and _word(la) not in _lists()["suffixes"] | {"co"}


# ------------------------------------------------------------------ split names

def _legal_run(doc: Doc, i: int, limit: int) -> int:
    """End of a run of legal-suffix tokens starting at ``i`` ("Company N.V.", ", Inc.")."""
    suffixes = _lists()["suffixes"]
    j = i
    if j < limit and doc[j].text == "," and j + 1 < limit and _word(doc[j + 1].text) in _lists()["legal"]:
        j += 1  # "Apple, Inc."
    k = j
    while k < limit and (_word(doc[k].text) in suffixes and doc[k].text[:1].isupper()
                         or (doc[k].text == "." and k > j)):
        k += 1
    return k if k > j else i


def _clean(span: Span) -> Span | None:
    """Without a dateline glued before the name ("OSLO - Norsk Kraft") and without
    trailing function words ("Veltra Motor Corporation of")."""
    doc = span.doc
    a, b = span.start, span.end
    for k in range(a, b):
        if doc[k].text in ("-", "\u2013", "\u2014") and k > a and all(
                t.is_upper or t.is_punct or t.like_num for t in doc[a:k]):
            a = k + 1
    while b > a and doc[b - 1].lower_ in _FUNCTION:
        b -= 1
    if (a, b) == (span.start, span.end):
        return span
    return Span(doc, a, b, label=span.label_, kb_id=span.kb_id_) if b > a else None


def _person_after(span: Span) -> list[Span]:
    """An organisation or country name glued to the person who follows it in a translated
    title phrase ("Isar Drive Markus Leitner", "Azerbaijan Leyla Huseynova"): two names."""
    from .gazetteer import country_of_word, given_names
    doc = span.doc
    if span.label_ not in ("ORG", "GPE") or len(span) < 3 or span.kb_id_:
        return [span]
    for k in range(span.start + 1, span.end - 1):
        if doc[k].text in given_names() and all(t.text[:1].isupper() for t in doc[k:span.end]) \
                and span.end - k <= 3 and doc[k - 1].text[:1].isupper():
            head = doc[span.start:k]
            label = "GPE" if country_of_word(head.text) else span.label_
            return [Span(doc, span.start, k, label=label), Span(doc, k, span.end, label="PERSON")]
    return [span]


def repair_org_spans(doc: Doc) -> None:
    """Re-join organisation names the model split (see the module doc); sets ``doc.ents``."""
    ents = sorted(doc.ents, key=lambda e: e.start)
    if not ents:
        return
    cleaned = [(_clean(e) if e.label_ == "ORG" else e) for e in ents]
    changed = any(c is not e for c, e in zip(cleaned, ents))
    ents = []
    for e in cleaned:
        if e is None:
            continue
        parts = _person_after(e)  # "the CEO of Isar Drive Markus Leitner"
        changed = changed or len(parts) > 1
        ents.extend(parts)
    out: list[Span] = []
    n = 0
    while n < len(ents):
        e = ents[n]
        if e.label_ != "ORG":
            out.append(e)
            n += 1
            continue
        start, end = e.start, e.end
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        # "European Aeronautic Defence" + "and Space Company N.V.": one legal name
        if nxt is not None and nxt.label_ in ("ORG", "") and _joins(doc, e, nxt):
            end = nxt.end
            n += 1
            nxt = ents[n + 1] if n + 1 < len(ents) else None
        limit = nxt.end if nxt is not None and nxt.label_ == "ORG" and all(
            _word(t.text) in _lists()["suffixes"] or t.text in {",", "."} for t in nxt) else \
            (nxt.start if nxt is not None else len(doc))
        k = _connected_name(doc, e, end, limit)
        if k > end:
            end = k  # "… Defence" + "and Space Company N.V." (the rest left untagged)
        k = _legal_run(doc, end, limit)
        if k > end:
            end = k
            if nxt is not None and nxt.start < end:
                n += 1  # "Chrysler" + "LLC": the suffix the model took for a name
        if (start, end) != (e.start, e.end):
            changed = True
            out.append(Span(doc, start, end, label="ORG", kb_id=e.kb_id_))
        else:
            out.append(e)
        n += 1
    out, more = _defined_acronyms(doc, out)
    out, more2 = _country_body(doc, out)
    if changed or more or more2:
        doc.set_ents(filter_spans(out))


def _defined_acronyms(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
    """'Andes Wire Service (AWS)': the capitalised words before a bracketed acronym that
    they spell are an organisation's name, whatever the model made of them."""
    changed = False
    for k in range(2, len(doc) - 1):
        if doc[k - 1].text != "(" or doc[k + 1].text != ")" or not is_acronym(doc[k].text):
            continue
        j = k - 1
        words: list[int] = []
        while j - 1 >= 0 and (doc[j - 1].text[:1].isupper() or doc[j - 1].lower_ in _FUNCTION
                              or doc[j - 1].text in ("'", "\u2019", "'s")) and len(words) < 10:
            j -= 1
            words.insert(0, j)
        while words and doc[words[0]].lower_ in _FUNCTION:
            words.pop(0)
        for start in words:  # the shortest run of words that spells the acronym
            if doc[start].lower_ in _FUNCTION:
                continue
            name = doc[start:k - 1]
            if doc[k].text.replace(".", "") in acronym_forms(name.text):
                span = Span(doc, start, k - 1, label="ORG")
                if not any(e.start == span.start and e.end == span.end and e.label_ == "ORG"
                           for e in ents):
                    ents = [e for e in ents if e.end <= span.start or e.start >= span.end] + [span]
                    changed = True
                break
    return ents, changed


def _country_body(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
    """'the United States' + 'Senate' tagged apart: one body, the country's."""
    ents = sorted(ents, key=lambda e: e.start)
    out: list[Span] = []
    changed = False
    for e in ents:
        if out and e.label_ == "ORG" and out[-1].label_ == "GPE" and out[-1].end == e.start \
                and not e.kb_id_ and doc[e.start].text[:1].isupper():
            out[-1] = Span(doc, out[-1].start, e.end, label="ORG")
            changed = True
            continue
        out.append(e)
    return out, changed


def _connected_name(doc: Doc, left: Span, end: int, limit: int) -> int:
    """End of "and"/"&" + capitalised words + a legal suffix right after ``left`` (words
    the model left outside any name), else ``end``."""
    if end >= limit or doc[end].text not in _CONNECT or left.kb_id_:
        return end
    if _word(left[-1].text) in _lists()["suffixes"]:
        return end
    if doc[end].text == "and" and len([t for t in left if t.text[:1].isupper()]) < 2:
        return end
    k = end + 1
    while k < limit and doc[k].text[:1].isupper() and doc[k].ent_type_ in ("", "ORG") \
            and _word(doc[k].text) not in _lists()["suffixes"]:
        k += 1
    if k == end + 1:
        return end
    j = _legal_run(doc, k, limit)
    return j if j > k else end


def _joins(doc: Doc, left: Span, right: Span) -> bool:
    """Is ``left`` + "and"/"&" + ``right`` one legal name ("Procter & Gamble Co.",
    "European Aeronautic Defence and Space Company N.V.")?"""
    between = doc[left.end:right.start]
    words = [t for t in between]
    left_last = left[-1].text
    if left_last.lower() in _CONNECT and not words:
        glue = True  # the model kept the "and" in the left part
    else:
        glue = len(words) == 1 and words[0].text in _CONNECT
    if not glue or left.kb_id_ or right.kb_id_:
        return False
    rwords = [t.text for t in right]
    if not rwords or _word(rwords[-1]) not in _lists()["suffixes"] or len(rwords) < 2:
        return False  # the right part must close a legal name
    if _word(left[-1 if left_last.lower() not in _CONNECT else -2].text) in _lists()["suffixes"]:
        return False  # "Boeing Co. and Airbus SAS": two companies
    if "&" in [t.text for t in words] or left_last == "&":
        return True
    return len([t for t in left if t.text[:1].isupper()]) >= 2
