"""Glued-word repair: split words a machine translation ran together.

Only rare tokens are candidates (wordfreq zipf below ``RARE``, i.e. not an English word
it knows), and only at a point where both halves make sense:

* a known lower-case word + a closed-class word (``data/clean/function_words.txt``):
  ``reportedhe`` -> ``reported he`` (before a two-letter word, which is also a common
  ending, the left half must be a frequent word);
* a determiner (``data/clean/determiners.txt``) + a frequent lower-case word:
  ``theplan`` -> ``the plan``;
* a capitalised name + a closed-class word of three letters or more, when the name is a
  known word or stands alone elsewhere in the document: ``Witkoffwhich`` -> ``Witkoff which``;
* a closed-class word + a capitalised known name: ``theKremlin`` -> ``the Kremlin``.

Names and real words are never broken: a word wordfreq knows is not a candidate, and a
rare name splits only into parts that are themselves words.

The word lists and the word frequencies are the language's (its manifest's ``repair`` and
``wordfreq``, see ``dossier.lang``); a language without them is not repaired.
"""
from __future__ import annotations

import functools
import re

from wordfreq import zipf_frequency

from ..data import load_words
from ..lang import DEFAULT, manifest, wordfreq_lang
from ..records import Repair

__all__ = ["repair_glued", "find_glued", "split_glued", "function_words", "can_repair", "RARE"]

RARE = 1.5  # zipf below which a token may be glued
KNOWN = 3.0  # zipf of a lower-case left half ("reported")
KNOWN_NAME = 2.5  # zipf of a capitalised left half when it is not elsewhere in the text
FREQUENT = 4.0  # zipf of a right half that is not closed-class ("deal")
MIN_TOKEN = 5

_TOKEN = re.compile(r"[^\W\d_]+")
_NOT_PROSE = re.compile(r"[/@#_=\\]|://|www\.|\w\.\w")


def can_repair(lang: str = DEFAULT) -> bool:
    """Has language ``lang`` the word lists and frequencies glued-word repair needs?"""
    m = manifest(lang)
    return bool(m and m.get("repair") and m.get("wordfreq"))


def _words(kind: str, lang: str = DEFAULT) -> frozenset[str]:
    return load_words((manifest(lang) or {})["repair"][kind])


def _name_endings(lang: str) -> frozenset[str]:
    """Short words that also end names (``repair.name_endings``; none if not listed)."""
    return _words("name_endings", lang) if "name_endings" in (manifest(lang) or {}).get("repair", {}) \
        else frozenset()


def function_words(lang: str = DEFAULT) -> frozenset[str]:
    """The closed-class word list (English: ``data/clean/function_words.txt``)."""
    return _words("function_words", lang)


@functools.lru_cache(maxsize=65536)
def _zipf(word: str, lang: str = DEFAULT) -> float:
    return zipf_frequency(word.lower(), wordfreq_lang(lang) or DEFAULT)


def _is_title(s: str) -> bool:
    return len(s) > 1 and s[0].isupper() and s[1:].islower()


def split_glued(token: str, standalone: frozenset[str] | set[str] = frozenset(),
                lang: str = DEFAULT) -> tuple[str, str] | None:
    """The two words ``token`` is glued from, or None when it should stay whole.

    ``standalone``: words that occur on their own in the same text (names count as
    known when they do).
    """
    if len(token) < MIN_TOKEN or token.isupper() or _zipf(token, lang) >= RARE:
        return None
    closed = function_words(lang)
    determiners = _words("determiners", lang)
    best: tuple[float, int, tuple[str, str]] | None = None
    for i in range(2, len(token) - 1):
        left, right = token[:i], token[i:]
        score = None
        if right.islower():
            rz = _zipf(right, lang)
            if left.islower():
                lz = _zipf(left, lang)
                if right in closed and lz >= (KNOWN if len(right) > 2 else FREQUENT):
                    score = min(lz, rz)
                elif left in determiners and rz >= FREQUENT and len(right) >= 4:
                    score = min(lz, rz)
            elif _is_title(left) and right in closed and len(right) >= 3 and len(left) >= 3:
                lz = _zipf(left, lang)
                if lz >= KNOWN_NAME or left in standalone:
                    score = min(max(lz, KNOWN), rz)
        elif _is_title(right) and left.islower() and left in closed:
            rz = _zipf(right, lang)
            if rz >= KNOWN_NAME or right in standalone:
                score = min(_zipf(left, lang), max(rz, KNOWN))
        if score is not None and (best is None or (score, i) > best[:2]):
            best = (score, i, (left, right))
    return best[2] if best else None


def _chunk_at(text: str, start: int, end: int) -> str:
    """The whitespace-delimited chunk around ``text[start:end]``."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    n = len(text)
    while end < n and not text[end].isspace():
        end += 1
    return text[start:end]


def find_glued(text: str, lang: str = DEFAULT) -> list[tuple[int, int, str, str]]:
    """``(start, end, left, right)`` for every glued token in ``text`` (offsets into it)."""
    found = []
    standalone: set[str] | None = None
    seen: dict[str, tuple[str, str] | None] = {}
    for m in _TOKEN.finditer(text):
        token = m.group()
        if len(token) < MIN_TOKEN or _zipf(token, lang) >= RARE:
            continue
        if _NOT_PROSE.search(_chunk_at(text, m.start(), m.end())):
            continue  # URLs, e-mail addresses, handles, file names
        if standalone is None:
            standalone = set(_TOKEN.findall(text))
        if token not in seen:
            seen[token] = split_glued(token, standalone, lang)
        parts = seen[token]
        if parts and _is_title(parts[0]) and parts[0] not in standalone \
                and parts[1] in _name_endings(lang) and _after_name_word(text, m.start()):
            continue  # "Moussa Bondare", "El Fasher": a name, not "Bond are", "Fas her"
        if parts:
            found.append((m.start(), m.end(), *parts))
    return found


_PREVIOUS = re.compile(r"([^\W\d_]+)([ \t]+)$")


def _after_name_word(text: str, start: int) -> bool:
    """The token at ``start`` follows a capitalised word in mid-sentence (a given name):
    the token is a name's second word, and a name glued to a function word is split only
    when the name stands alone elsewhere in the text."""
    m = _PREVIOUS.search(text[max(0, start - 40):start])
    if m is None or not _is_title(m.group(1)):
        return False
    before = text[max(0, start - 40):start][:m.start()].rstrip(" \t")
    return bool(before) and before[-1] not in ".!?\n\"“:"



def repair_glued(text: str, lang: str = DEFAULT) -> tuple[str, list[Repair]]:
    """``text`` with glued words split by a space, and the repairs (offsets into the result)."""
    out: list[str] = []
    repairs: list[Repair] = []
    pos = shift = 0
    for start, end, left, right in find_glued(text, lang):
        out.append(text[pos:start])
        replacement = f"{left} {right}"
        out.append(replacement)
        repairs.append(Repair(start=start + shift, end=start + shift + len(replacement),
                              original=text[start:end], replacement=replacement))
        shift += len(replacement) - (end - start)
        pos = end
    out.append(text[pos:])
    return "".join(out), repairs
