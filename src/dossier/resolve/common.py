"""Helpers shared by the cross-document resolvers: data files, name functions, dates, copies.

Name functions are ``dossier.names``'s, cached here for corpus-wide comparison.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable

import pycountry

from .. import data
from ..dates import dates_compatible, fill_year, period_start, precision  # noqa: F401 - the resolvers' date rules
from ..records import Extraction


def load_data(name: str) -> dict[str, Any]:
    """A JSON data file from ``dossier/data/resolve``."""
    return data.load_json(f"resolve/{name}")


def thresholds(section: str) -> dict[str, Any]:
    return load_data("thresholds.json")[section]


def lexicon() -> dict[str, Any]:
    return load_data("lexicon.json")


# ------------------------------------------------------------------ names

from .. import names as _names  # in-document resolution uses the same name functions

_nk, _norm, _pp, _tok, _wv = (_names.name_key, _names.normalize, _names.person_parts,
                              _names.tokens, _names.word_variant)
given_compatible = _names.given_compatible  # the one first-name rule, in and across reports

# cached: the same few hundred names are compared many times across a corpus
normalize = functools.lru_cache(maxsize=131072)(_norm)
name_key = functools.lru_cache(maxsize=131072)(_nk)
word_variant = functools.lru_cache(maxsize=131072)(_wv)


@functools.lru_cache(maxsize=131072)
def _tokens_cached(name: str) -> tuple[str, ...]:
    return tuple(_tok(name))


def tokens(name: str) -> list[str]:
    return list(_tokens_cached(name))


@functools.lru_cache(maxsize=131072)
def _pp_cached(name: str):
    g, s = _pp(name)
    return tuple(g), s


def person_parts(name: str) -> tuple[list[str], str]:
    g, s = _pp_cached(name)
    return list(g), s


# ------------------------------------------------------------------ documents

def original_of(doc_id: str, copy_of: dict[str, str | None]) -> str:
    """Follow ``copy_of`` links to the original report."""
    seen = set()
    while copy_of.get(doc_id) and doc_id not in seen:
        seen.add(doc_id)
        doc_id = copy_of[doc_id]  # type: ignore[assignment]
    return doc_id


def independent_count(docs: Iterable[str], copy_of: dict[str, str | None]) -> int:
    return len({original_of(d, copy_of) for d in docs})


def span_text(ex: Extraction, span: dict[str, int] | None) -> str:
    """The text of a span, from the document text or from a slimmed document's snippets."""
    if not span or "start" not in span:
        return ""
    a, b = span["start"], span.get("end", span["start"])
    if ex.doc.text:
        return ex.doc.text[a:b]
    return (ex.doc.meta.get("snippets") or {}).get(f"{a}:{b}", "")


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    names = {normalize(x) for x in lexicon().get("country_names_extra", [])}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                names.add(normalize(v))
                names.add(normalize(v.split(",")[0]))
    names.update(normalize(x) for x in _names.country_names())
    return frozenset(n for n in names if n)


def is_country(name: str | None) -> bool:
    """Is this place name a country (not a city or region)?"""
    return bool(name) and normalize(name) in _country_names()


# ------------------------------------------------------------------ nationalities

@functools.lru_cache(maxsize=1)
def _demonym_codes() -> dict[str, str]:
    """Nationality word → ISO alpha-3 code, from ``data/events/groups.json`` (the names a
    demonym stands for) and the country gazetteer or pycountry for their codes."""
    groups = data.load_json("events/groups.json").get("demonyms", {})
    codes: dict[str, str] = {}
    for n, iso in _names.country_names().items():
        codes.setdefault(normalize(n), iso)
    out: dict[str, str] = {}
    for word, names in groups.items():
        for n in names:
            code = codes.get(normalize(n))
            if code is None:
                try:
                    code = pycountry.countries.lookup(n).alpha_3
                except LookupError:
                    code = None
            if code:
                out[normalize(word)] = code
                out.update({normalize(x): code for x in names})  # "Chile's minister"
                break
    return out


def role_country(role: str | None) -> str | None:
    """The state a role names by its nationality ("Slovak deputy prime minister" → SVK)."""
    words = re.sub(r"'s\b", "", normalize(role or "")).split()
    codes = _demonym_codes()
    for n in (2, 1):
        for i in range(min(len(words), 4)):
            code = codes.get(" ".join(words[i:i + n]))
            if code:
                return code
    return None
