"""Name normalisation and variant matching, shared by in-document and cross-document resolution.

Plain functions, no spaCy:

- ``normalize(name)``: accent-, case-, quote- and spacing-insensitive form ("the" and a
  possessive "'s" dropped), the same notion of equality the scorer uses.
- ``name_key(name)``: a transliteration-insensitive key. Typical alternations between
  romanisations of the same Cyrillic (or other) name collapse to one form: y/i/ie/iy/ii,
  w/v, k/c/ck, ts/tz/tc, doubled letters, -sky/-skyy/-skiy/-ski. ``Witkoff`` and
  ``Vitkoff``, ``Zelensky`` and ``Zelenskiy``, ``Kyiv`` and ``Kiev`` share a key; so do
  Russian and Ukrainian romanisations (Gleb / Hlib, a -skyj ending, Dostoevsky / Dostoyevsky,
  Dzhamilya / Jamilya) and a misspelt initial Wh (Whitaker / Witaker).
- ``is_variant(a, b, type=None)``: are two names spellings of the same name? Equal keys, a
  known variant from the data file, or keys that differ only by one inserted ``i`` (Dmitriev /
  Dimitriev, Umerov / Umierov), guarded by phonetic and similarity checks. A change of
  consonant (Rubio / Ruto) or of a full vowel (Trump / Tramp) is never a variant.
- ``word_variant(a, b)``: the same for one name word; Ukrainian/Russian given-name pairs
  (Volodymyr / Vladimir, Oleksandr / Aleksandr) come from ``data/gazetteer/given_name_variants.tsv``.
- ``person_parts(name)``, ``same_person(a, b)``: a surname or a full name against another
  full name (first names must be variants, initials or a short form: Steve / Steven;
  surnames variants). Ruslan Umerov is not Rustem Umerov.
- ``acronym_of(short, long)``, ``initials(name)``: EU / European Union, USAF / U.S. Air Force.
- ``canonical_variant(name)``: the preferred spelling from ``data/gazetteer/variants.tsv``.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable

import jellyfish
from rapidfuzz.distance import JaroWinkler
from unidecode import unidecode

from .data import load_json, load_jsonl, load_lines


_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "mme", "m"}
PARTICLES = frozenset({"de", "del", "della", "der", "den", "van", "von", "da", "di", "du", "la", "le", "al",
                       "el", "bin", "ibn", "ter", "ten", "dos", "das"})
_PARTICLES = PARTICLES
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# "servant of": the first half of an Arabic compound name, written apart or joined
_SERVANT = {"abdel", "abdul", "abdal", "abdol", "abd"}

# ordered rewrite rules: a romanisation alternation -> one form
_RULE_SOURCES: list[tuple[str, str]] = [
    (r"skyy$|skiy$|skyi$|skii$|skij$|skyj$|sky$|ski$", "ski"),
    (r"zky$|zkiy$|zki$", "ski"),
    (r"ck", "k"), (r"c(?=[aoukrlt]|$)", "k"), (r"q", "k"),
    (r"^dzh|^dj|^zh", "j"),   # Dzhamilya/Jamilya, Zhanna/Janna (Russian vs local)
    (r"^wh", "w"),            # Whitaker/Witaker
    (r"w", "v"),
    (r"tz|tc(?!h)", "ts"),
    (r"ph", "f"),
    (r"kh", "h"),
    (r"(?<=[aeiouy])g(?=[aeiouy])|(?<=[lr])g(?=[aeiouy])", "h"),  # Olga/Olha, Sybiga/Sybiha
    (r"^g(?=[nlr])", "h"),    # Russian g for Ukrainian h: Gleb/Hlib, Grygoriy/Hryhoriy
    (r"^ye|^je", "e"),        # Yevgeny/Evgeny, Yermak/Ermak
    (r"iy|yi|yy|ij|iy$", "i"),
    (r"y", "i"),
    (r"(?<=[aou])i(?=e)", ""),  # an iotated vowel after a vowel: Dostoyevsky/Dostoevsky
    (r"ie(?=[vn]|$)", "i"),   # Kiev/Kyiv, Umierov handled by the one-i rule
    (r"ei$|ey$", "ei"),
    (r"(.)\1+", r"\1"),       # doubled letters
    (r"(?<=\w{3})ei$", "i"),  # Andrei/Andrii, Sergei/Serhii
    (r"(?<=\w{3})of$", "ov"),  # Smirnoff/Smirnov, Peskoff/Peskov
    (r"j(?=[aeou])", "i"),    # Yuri/Juri, Jevgeni
]
_RULES: list[tuple[re.Pattern[str], str]] = [(re.compile(a), b) for a, b in _RULE_SOURCES]


@functools.lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """Case-, accent-, quote- and spacing-insensitive form of a name."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"'s?$", "", s)
    return s


@functools.lru_cache(maxsize=65536)
def _word_key(w: str) -> str:
    w = unidecode(w).lower()
    w = re.sub(r"[^a-z]", "", w)
    for pat, rep in _RULES:
        w = pat.sub(rep, w)
    return w


def tokens(name: str) -> list[str]:
    """Name words without honorifics, suffixes and possessives."""
    return list(_tokens(name))


@functools.lru_cache(maxsize=65536)
def _tokens(name: str) -> tuple[str, ...]:
    words = [w for w in re.split(r"[\s\-]+", normalize(name)) if w]
    # the Arabic article romanised two ways: El-Hakim / al-Hakim
    words = ["al" if w == "el" and i < len(words) - 1 else w for i, w in enumerate(words)]
    # "Abdel Rahman" is one name, written apart or together ("Abdelrahman")
    out: list[str] = []
    for w in words:
        if out and out[-1] in _SERVANT and w not in PARTICLES:
            out[-1] += w
        else:
            out.append(w)
    return tuple(w for w in out if w.strip(".") not in _HONORIFICS and w not in _SUFFIXES)


def name_key(name: str) -> str:
    """Transliteration-insensitive key of a whole name (words joined by a space)."""
    return " ".join(k for k in (_word_key(w) for w in tokens(name)) if k)


@functools.lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in load_lines("gazetteer/variants.tsv"):
        variant, _, canon = line.partition("\t")
        if canon.strip():
            out[normalize(variant)] = canon.strip()
    return out


@functools.lru_cache(maxsize=1)
def _given_groups() -> dict[str, int]:
    """Romanisation key of a given name -> its group (``given_name_variants.tsv``)."""
    out: dict[str, int] = {}
    lines = load_lines("gazetteer/given_name_variants.tsv")
    for i, line in enumerate(lines):
        for name in line.split("\t"):
            if name.strip():
                out.setdefault(_word_key(name.strip()), i)
    return out


def canonical_variant(name: str) -> str | None:
    """The preferred spelling of a known variant (Kiev -> Kyiv), or None."""
    return _variants().get(normalize(name))


def _consonants(k: str) -> str:
    return re.sub(r"[aeiou]", "", k)


def _drop_one_i(a: str, b: str) -> bool:
    """b equals a with exactly one extra 'i' (a vowel glide: Dmitriev/Dimitriev)."""
    if len(b) != len(a) + 1:
        return False
    for i in range(len(b)):
        if b[i] == "i" and b[:i] + b[i + 1:] == a:
            return True
    return False


@functools.lru_cache(maxsize=65536)
def word_variant(a: str, b: str) -> bool:
    """Are two single name words spellings of one name?"""
    ka, kb = _word_key(a), _word_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    groups = _given_groups()
    if ka in groups and groups.get(kb) == groups[ka]:
        return True  # Volodymyr / Vladimir
    if len(ka) == len(kb) >= 4 and ka[0] == kb[0] \
            and [{x, y} for x, y in zip(ka, kb) if x != y] == [{"e", "i"}]:
        return True  # one vowel romanised e or i: Hamed / Hamid, Saeed / Saiid
    if ka[0] != kb[0] or min(len(ka), len(kb)) < 5:
        return False
    if min(len(ka), len(kb)) >= 6 and _transposed(ka, kb) and ka[-1] == kb[-1]:
        return True
    if not (_drop_one_i(ka, kb) or _drop_one_i(kb, ka)):
        return False
    # guard: consonant skeleton identical and phonetically close
    return (_consonants(ka) == _consonants(kb)
            and JaroWinkler.similarity(ka, kb) >= 0.85
            and jellyfish.metaphone(ka)[:1] == jellyfish.metaphone(kb)[:1])


# The folds of a name word across transliterations (``data/gazetteer/name_folds.json``),
# one per matcher whose candidates their frame blocks, from strict to loose:
# - "strict": ``name_key`` (``is_variant`` / ``same_person``: the entity resolver's steps);
# - "loose": ``loose_word_key`` (``loose_variant``, guarded by a first name): sh/ch/zh/dj
#   for s/c/z/d (the diacritics dropped: Kovačević / Kovachevich), o for u and e for i, a
#   final h after a vowel (Abdallah / Abdalla); other vowels stay (Hassan is not Hussein);
# - "speaker": ``speaker_word_key`` (``claims.names_alike``: the same words said are also
#   needed, so the loosest): digraphs either way (Darwish / Derwish), y a vowel too.
# They differ on purpose: each is as loose as its matcher's guard allows; one fold for all
# would let the strict matchers meet names only the guarded ones may join (or the reverse).
@functools.lru_cache(maxsize=1)
def _folds() -> dict:
    return load_json("gazetteer/name_folds.json")


@functools.lru_cache(maxsize=1)
def _loose_rules() -> tuple[list[tuple[re.Pattern[str], str]], list[tuple[re.Pattern[str], str]]]:
    data = _folds()["loose"]
    return ([(re.compile(a), b) for a, b in data["before"]],
            [(re.compile(a), b) for a, b in data["after"]])


@functools.lru_cache(maxsize=65536)
def loose_word_key(w: str) -> str:
    """Transliteration-loose key of one name word (see ``loose_variant``)."""
    w = re.sub(r"[^a-z]", "", unidecode(w).lower())
    before, after = _loose_rules()
    for pat, rep in before:
        w = pat.sub(rep, w)
    for pat, rep in _RULES:
        w = pat.sub(rep, w)
    for pat, rep in after:
        w = pat.sub(rep, w)
    return w


@functools.lru_cache(maxsize=65536)
def speaker_word_key(word: str) -> str:
    """The loosest key of one name word (the "speaker" fold: claims compare the speakers
    of two reports by it): digraphs either way, doubled letters and a final h dropped."""
    w = re.sub(r"[^a-z]", "", normalize(word))
    for a, b in _folds()["speaker"]["digraphs"]:
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 3:
        w = w.rstrip("h")
    return w


def name_articles() -> list[str]:
    """Arabic articles a surname may be written with or without ("al-", "el ")."""
    return list(_folds()["speaker"]["articles"])


_FOLD_KEYS: dict[str, Callable[[str], str]] = {"strict": name_key,
              "loose": lambda name: "".join(loose_word_key(w) for w in tokens(name)),
              "speaker": speaker_word_key}


@functools.lru_cache(maxsize=65536)
def name_frame(name: str, fold: str = "strict") -> str:
    """The one fold of a name across transliterations: the name's key under ``fold``
    ("strict", "loose" or "speaker", see above), then its first letter and its other
    letters that are not one of that fold's vowels (a consonant frame: the look-up key
    under which that fold's spellings of one name meet)."""
    return key_frame(_FOLD_KEYS[fold](name), fold)


def key_frame(key: str, fold: str = "strict") -> str:
    """``name_frame`` of a name whose key under ``fold`` is already ``key``."""
    vowels = re.escape(_folds()[fold]["vowels"])
    return key[:1] + re.sub(f"[{vowels}]", "", key[1:]) if key else ""


def loose_skeleton(name: str) -> str:
    """First letter and consonants of a name's loose key: what ``loose_variant`` names share
    (a look-up key)."""
    return name_frame(name, "loose")


def _loose_word(a: str, b: str, vowels: str = "iu", min_one: int = 8) -> bool:
    if a == b:
        return True
    ka, kb = loose_word_key(a), loose_word_key(b)
    if ka[:1] != kb[:1] or min(len(ka), len(kb)) < 5:
        return False
    if ka == kb:
        return True
    # one more vowel romanised another way on a long word (Ethiopic e/o: -mariet / -mariot;
    # given names: any vowel, Ahmed / Ahmad)
    diff = [i for i, (x, y) in enumerate(zip(ka, kb)) if x != y]
    return len(ka) == len(kb) >= min_one and len(diff) == 1 and diff[0] < len(ka) - 1 \
        and {ka[diff[0]], kb[diff[0]]} <= set(vowels)  # (a last vowel is a gender: Maria / Mario)


def loose_variant(a: str, b: str) -> bool:
    """Are two surnames spellings of one name under the looser romanisation rules: vowels
    o/u and e/i, ei/i, doubled letters, a final h, sh/ch/zh/dj for the letters with a
    diacritic, and one other vowel on a long name (at least five letters, same first
    letter). Looser than ``is_variant``: callers require the same first name (or initial)
    or a corpus with one such person."""
    ta, tb = tokens(a), tokens(b)
    if not ta or len(ta) != len(tb):
        return False
    return all(_loose_word(x, y) for x, y in zip(ta, tb))


def loose_given(a: str, b: str) -> bool:
    """The same first name or initial, spelt loosely (Abdelrahim / Abdelraheem)."""
    x, y = normalize(a).strip("."), normalize(b).strip(".")
    if not x or not y:
        return False
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return _loose_word(x, y, "aiu", 5) or word_variant(x, y)


def is_variant(a: str, b: str, type: str | None = None) -> bool:  # noqa: A002
    """Are ``a`` and ``b`` spellings of the same name (same number of name words)?"""
    if normalize(a) == normalize(b):
        return True
    ca, cb = canonical_variant(a), canonical_variant(b)
    if (ca or a) and (cb or b) and normalize(ca or a) == normalize(cb or b):
        return True
    ta, tb = tokens(a), tokens(b)
    if not ta or len(ta) != len(tb):
        return False
    return all(word_variant(x, y) for x, y in zip(ta, tb))


def _raw_words(name: str) -> list[str]:
    """The name's words as written (spaces only: a hyphenated word stays one)."""
    return [w for w in re.split(r"\s+", (name or "").strip()) if w]


def _capitals_first(raw: list[str]) -> int:
    """How many leading words an official list writes in capitals before a given name
    written in lower case ("DUPONT-MARTEL Jean": surname first), 0 if not that form."""
    n = 0
    while n < len(raw) and len(re.sub(r"[^\w]", "", raw[n])) >= 2 and raw[n].isupper():
        n += 1
    rest = raw[n:]
    if not n or not rest or not all(w[:1].isupper() and not w.isupper() for w in rest):
        return 0
    # an acronym before a name ("UN Envoy Smith") is not a surname: one given name after
    # a long capitals word, or given names the list knows
    if (len(rest) == 1 and len(re.sub(r"[^\w]", "", raw[n - 1])) >= 4) \
            or all(normalize(w) in _given_names() for w in rest):
        return n
    return 0


def person_parts(name: str) -> tuple[list[str], str]:
    """(given names, surname) of a person name; particles stay with the surname, a
    hyphenated last word is one surname (Jean Dupont-Martel: "dupont martel"; written
    alone it is a surname, not a given name and a surname), and a surname written first
    in capitals ("DUPONT-MARTEL Jean") is the surname."""
    ts = tokens(name)
    if not ts:
        return [], ""
    raw = _raw_words(name)
    caps = _capitals_first(raw)
    if caps:
        n_sur = len(tokens(" ".join(raw[:caps])))
        if 0 < n_sur < len(ts):
            return ts[n_sur:], " ".join(ts[:n_sur])
    if raw and "-" in raw[-1].strip("-"):
        n_last = len(tokens(raw[-1]))
        if n_last >= 2 and n_last <= len(ts) and not (set(ts[-n_last:-1]) & _PARTICLES):
            return ts[:-n_last], " ".join(ts[-n_last:])
    if len(ts) >= 2 and len(ts[-1].strip(".")) == 1 and len(ts[0].strip(".")) > 1:
        return [ts[-1]], " ".join(ts[:-1])  # a surname, then an initial: "Zhunusov Y."
    if len(ts) == 2 and _surname_form(ts[0]) and not _surname_form(ts[1]):
        return [ts[1]], ts[0]  # surname first, as official releases write: "Ivanov Sergei"
    i = len(ts) - 1
    while i > 0 and ts[i - 1] in _PARTICLES:
        i -= 1
    return ts[:i], " ".join(ts[i:])


@functools.lru_cache(maxsize=1)
def _surname_endings() -> tuple[str, ...]:
    return tuple(w.strip() for w in load_lines("gazetteer/surname_endings.txt") if w.strip())


def _surname_form(word: str) -> bool:
    """A word with a patronymic surname's ending (-ov, -eva, -enko, -shvili: the list in
    ``data/gazetteer/surname_endings.txt``), long enough not to be a given name (Lev)."""
    return len(word) >= 5 and word.endswith(_surname_endings()) and word not in _given_names()


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(normalize(w) for w in load_lines("gazetteer/given_names.txt") if w.strip())


def given_compatible(ga: list[str], gb: list[str]) -> bool:
    """First names that can be one person's, in one report or across reports: equal or
    variant spellings, an initial, or a short form (Steve / Steven, Nick / Nikolai)."""
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
    short, long_ = sorted((x, y), key=len)  # a short form: Steve / Steven, Alex / Alexander
    return len(short) >= 3 and _word_key(long_).startswith(_word_key(short))


def same_given(a: str, b: str) -> bool:
    """Is first name ``b`` ``a`` written another way rather than another name: a variant
    spelling, another language's form of it (Oleksandr / Aleksandr), or a vowel romanised
    otherwise letter for letter (a/e, o/u, e/i: Zayna / Zeina, Omar / Umar)? What two
    outlets disagree on is a different name (Marek / Marcin; Hassan / Hussein, Karim /
    Karam: other vowels make other names), not such a form."""
    x, y = normalize(a).strip("."), normalize(b).strip(".")
    if not x or not y:
        return False
    if word_variant(x, y) or word_variant(x.replace("h", "g"), y.replace("h", "g")):
        return True  # (Serhii / Sergei, Olha / Olga: the h for g of Ukrainian romanisation)
    ka, kb = name_key(x), name_key(y)
    if len(ka) != len(kb) or len(ka) < 4 or ka == kb:
        return False
    swaps = [frozenset((x, y)) for x, y in zip(ka, kb) if x != y]
    return all(p in _ROMANISED_VOWELS for p in swaps)


_ROMANISED_VOWELS = {frozenset("ae"), frozenset("ou"), frozenset("ei")}


@functools.lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """Can person names ``a`` and ``b`` name the same person? (surname to full name too)"""
    ga, sa = person_parts(a)
    gb, sb = person_parts(b)
    if not sa or not sb:
        return False
    if not is_variant(sa, sb) and not (_last_part(sa, sb, ga) or _last_part(sb, sa, gb)):
        return False
    return given_compatible(ga, gb)


def double_surname_tail(surname: str) -> str:
    """The last word of a double (hyphenated) surname, "" for one word or a particle's
    ("al bowairi" keeps its article)."""
    words = surname.split()
    return words[-1] if len(words) >= 2 and words[0] not in _PARTICLES else ""


def _last_part(short: str, long_: str, short_given: list[str]) -> bool:
    """A surname alone that is the last part of a double surname (a tagger's fragment:
    "Martel" of "Jean Dupont-Martel")."""
    tail = double_surname_tail(long_)
    return not short_given and " " not in short and bool(tail) and is_variant(short, tail)


def fullness(name: str) -> tuple[int, int]:
    """Sort key: more name words first, then longer."""
    return (len(tokens(name)), len(name))


def initials(name: str) -> str:
    """Acronym of a multi-word name (European Union -> EU, U.S. Air Force -> USAF),
    function words skipped."""
    out = []
    for w in (w for w in re.split(r"[\s\-]+", name) if w):
        if re.fullmatch(r"(?:[A-Z]\.)+", w):
            out.append(w.replace(".", ""))
        elif w[:1].isupper():
            out.append(w[0])
    return "".join(out)


def acronym_of(short: str, long: str) -> bool:
    """Is ``short`` (all capitals, dots ignored) the acronym of the multi-word ``long``?"""
    s = short.replace(".", "")
    return len(s) >= 2 and s.isupper() and len(long.split()) >= 2 and initials(long) == s


def _transposed(a: str, b: str) -> bool:
    """One adjacent transposition apart (a typo: Chrysler / Chrylser)."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every name and alias of a country in the gazetteer (``data/gazetteer/countries.jsonl``:
    "United States", "US", "the U.S.") → its ISO 3166-1 alpha-3 code, in file order."""
    out: dict[str, str] = {}
    for rec in load_jsonl("gazetteer/countries.jsonl"):
        for n in [rec.get("name", ""), *rec.get("aliases", [])]:
            if n and rec.get("country"):
                out.setdefault(n, rec["country"])
    return out
