"""Helpers shared by the cross-document resolvers: data files, name functions, dates, copies.

Name functions are ``dossier.nlp.names``'s, cached here for corpus-wide comparison.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any, Iterable

from ..records import Extraction


@functools.lru_cache(maxsize=None)
def load_data(name: str) -> dict[str, Any]:
    """A JSON data file from ``dossier/data/resolve``."""
    path = Path(__file__).resolve().parent.parent / "data" / "resolve" / name
    return json.loads(path.read_text("utf-8"))


def thresholds(section: str) -> dict[str, Any]:
    return load_data("thresholds.json")[section]


def lexicon() -> dict[str, Any]:
    return load_data("lexicon.json")


# ------------------------------------------------------------------ names

from ..nlp import names as _names  # in-document resolution uses the same name functions

_nk, _norm, _pp, _tok, _wv = (_names.name_key, _names.normalize, _names.person_parts,
                              _names.tokens, _names.word_variant)

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


def given_compatible(ga: list[str], gb: list[str]) -> bool:
    """First names that can be one person's: equal or variant spellings, or an initial."""
    if not ga or not gb:
        return True
    x, y = ga[0].strip("."), gb[0].strip(".")
    if not x or not y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    if word_variant(x, y):
        return True
    # Ukrainian and Russian romanisations: h for g (Serhiy / Sergiy, Olha / Olga, Ihor / Igor)
    if word_variant(x.replace("h", "g"), y.replace("h", "g")):
        return True
    # vowels romanised differently on a long consonant frame (Abdullah / Abdallah)
    cx, cy = (re.sub(r"[aeiouy]", "", name_key(w)) for w in (x, y))
    if cx == cy and len(cx) >= 4 and x[0] == y[0]:
        return True
    # a short form of the same name (Steve / Steven, Alex / Alexander)
    short, long_ = sorted((x, y), key=len)
    return len(short) >= 3 and long_.startswith(short)


# ------------------------------------------------------------------ dates

_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4}|XXXX)-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_YEAR = re.compile(r"^(\d{4})$")


def fill_year(value: str | None, published: str | None) -> str | None:
    """``XXXX-11-27`` with the year of publication (the usual reading in news)."""
    if value and value.startswith("XXXX") and published and re.match(r"^\d{4}", published):
        return published[:4] + value[4:]
    return value


@functools.lru_cache(maxsize=65536)
def precision(value: str | None) -> int:
    """3 day, 2 week, 1 month, 0 year, -1 none/unknown."""
    if not value or "X" in value:
        return -1
    if _DAY.match(value):
        return 3
    if _WEEK.match(value):
        return 2
    if _MONTH.match(value):
        return 1
    if _YEAR.match(value):
        return 0
    return -1


@functools.lru_cache(maxsize=65536)
def _week_of(day: str) -> str | None:
    import datetime as _dt
    try:
        d = _dt.date.fromisoformat(day)
    except ValueError:
        return None
    y, w, wd = d.isocalendar()
    return f"{y}-W{w:02d}" + ("-WE" if wd >= 6 else "")


@functools.lru_cache(maxsize=65536)
def dates_compatible(a: str | None, b: str | None) -> bool:
    """Null is compatible with anything; a month with a day in it; a week with its days."""
    if not a or not b or a == b:
        return True
    pa, pb = precision(a), precision(b)
    if pa < 0 or pb < 0:
        return True
    if pa < pb:
        a, b, pa, pb = b, a, pb, pa
    # now a is at least as precise as b
    if pb == 0:
        return a[:4] == b
    if pb == 1:
        return True if pa == 2 else a[:7] == b
    if pb == 2:
        if pa == 3:
            w = _week_of(a) or ""
            return w == b or w.split("-WE")[0] == b.split("-WE")[0]
        return a.split("-WE")[0] == b.split("-WE")[0]
    return a == b


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
    try:
        import pycountry
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(c, attr, None)
                if v:
                    names.add(normalize(v))
                    names.add(normalize(v.split(",")[0]))
    except Exception:  # noqa: BLE001 - pycountry missing: the lexicon list only
        pass
    path = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "countries.jsonl"
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            names.update(normalize(x) for x in [rec.get("name", ""), *rec.get("aliases", [])] if x)
    return frozenset(n for n in names if n)


def is_country(name: str | None) -> bool:
    """Is this place name a country (not a city or region)?"""
    return bool(name) and normalize(name) in _country_names()


@functools.lru_cache(maxsize=65536)
def period_start(value: str | None) -> str | None:
    """First day of a date, week, month or year (ISO), or None."""
    import datetime as _dt
    p = precision(value)
    if p == 3:
        return value
    if p == 1:
        return value + "-01"
    if p == 0:
        return value + "-01-01"
    if p == 2:
        m = _WEEK.match(value or "")
        try:
            d = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
        except ValueError:
            return None
        return d.isoformat()
    return None


@functools.lru_cache(maxsize=65536)
def period_end(value: str | None) -> str | None:
    """Last day of a date, week, month or year (ISO), or None."""
    import calendar
    import datetime as _dt
    p = precision(value)
    if p == 3:
        return value
    if p == 1:
        y, m = int(value[:4]), int(value[5:7])
        return f"{value}-{calendar.monthrange(y, m)[1]:02d}"
    if p == 0:
        return value + "-12-31"
    if p == 2:
        m = _WEEK.match(value or "")
        try:
            d = _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7)
        except ValueError:
            return None
        return d.isoformat()
    return None


def chrono_key(item) -> tuple:
    """The contract's timeline order for an item (``date``, ``type``, ``summary``, ``id``):
    oldest first by the start of the period its date names, more precise first, undated last."""
    start = period_start(item.date)
    return (start is None, start or item.date or "", precision(item.date) * -1, item.type,
            item.summary, item.id)


# ------------------------------------------------------------------ nationalities

@functools.lru_cache(maxsize=1)
def _demonym_codes() -> dict[str, str]:
    """Nationality word → ISO alpha-3 code, from ``data/events/groups.json`` (the names a
    demonym stands for) and the country gazetteer or pycountry for their codes."""
    path = Path(__file__).resolve().parent.parent / "data" / "events" / "groups.json"
    groups = json.loads(path.read_text("utf-8")).get("demonyms", {})
    codes: dict[str, str] = {}
    gaz = Path(__file__).resolve().parent.parent / "data" / "gazetteer" / "countries.jsonl"
    if gaz.exists():
        for line in gaz.read_text("utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            for n in [rec.get("name", ""), *rec.get("aliases", [])]:
                if n and rec.get("country"):
                    codes.setdefault(normalize(n), rec["country"])
    try:
        import pycountry
    except ImportError:  # the gazetteer's countries only
        pycountry = None
    out: dict[str, str] = {}
    for word, names in groups.items():
        for n in names:
            code = codes.get(normalize(n))
            if code is None and pycountry is not None:
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
