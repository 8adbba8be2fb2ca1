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

The repair of names the model split (a legal suffix left outside the name, a legal name cut
at its "and"/"&") works on spaCy spans and lives in ``dossier.nlp.orgspans``; this module is
plain strings, below both nlp and resolve.

Word lists are data: ``data/gazetteer/filters.json`` (``corporate_suffixes``, ``org_words``,
``org_short_form_words``) and the outlets of ``data/statements/sources.json``.
"""
from __future__ import annotations

import functools
import re

from . import data
from .names import country_names, normalize

_CONNECT = {"and", "&"}
_FUNCTION = {"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "&", "to", "at"}


@functools.lru_cache(maxsize=1)
def _lists() -> dict:
    filters = data.load_json("gazetteer/filters.json")
    sources = data.load_json("statements/sources.json")
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
    for size in (3, 2, 1):
        if len(words) > size and _country_word(" ".join(words[:size])):
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
    # every cut among the trailing suffixes: "Company N.V." → EADCNV, NADC, EAD
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
    for k in (2, 3):
        if len(s) - k >= 2 and s[k:] in forms and _country_word(s[:k]):
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
    if ws and wl == ws and len(_split_words(long)) > len(ws) \
            and not all(w in _lists()["org_words"] for w in ws):
        return True  # the name without its suffixes: "Kestrel" of "Kestrel Motors AG"
    if not ws or len(wl) <= len(ws) or wl[:len(ws)] != ws:
        return False
    if all(w in _lists()["org_words"] for w in ws):
        return False  # "Capital", "the Bank": no name of its own
    rest = wl[len(ws):]
    if all(w in _lists()["org_words"] or w in _FUNCTION for w in rest):
        return True
    # a company's first word ("Corvane" of "Corvane Propulsion Corporation"): a legal name's
    # distinctive opening, not a country word
    raw = _split_words(short)
    return len(ws) == 1 and has_legal_suffix(long) and len(ws[0]) >= 4 \
        and raw[0][:1].isupper() and not _country_word(raw[0])


@functools.lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Nationality words and country names (``data/gazetteer/demonyms.tsv``,
    ``countries.jsonl``): "Swiss", "US", "France"."""
    words = {line.partition("\t")[0].strip() for line in data.load_lines("gazetteer/demonyms.tsv")
             if line.partition("\t")[2].strip()}
    return frozenset(words | set(country_names()))


def _country_word(word: str) -> bool:
    return word in _country_words() or word.rstrip("s").rstrip("'’") in _country_words()


def org_form(name: str) -> bool:
    """A name that is an organisation's by its form: a legal suffix, or a last word that only
    organisations end with ("Ridgeway Bancorp Inc.", "Hangar Alliance")."""
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
