"""Claims: one statement's content as carried across reports, and where outlets disagree.

Statements are grouped when their content words overlap (token Jaccard, containment, or a
rapidfuzz token-set ratio), or — when the optional embeddings extra is installed — when
their sentence embeddings are close; speakers must agree (or one be unknown). Two
statements that read alike but give different numbers for the same thing (a 27- vs a
20-point plan) or different dates are not one claim: they are linked as contradictions,
each side with its evidence.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz

from ..ids import stable_id
from ..records import Claim, Extraction
from .common import fill_year, independent_count, lexicon, normalize, original_of, thresholds

_NUM_UNIT = re.compile(
    r"\b(\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred)(?:\s*-\s*|\s+)([a-z]+)", re.I)
_WORDNUM = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
            "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
            "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"}
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DATE_RE = re.compile(r"\b(" + "|".join(_MONTHS) + r")\s+(\d{1,2})\b|\b(\d{1,2})\s+("
                      + "|".join(_MONTHS) + r")\b", re.I)
_WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())


@dataclass
class Unit:
    doc: str
    sid: str
    kind: str
    content: str
    speaker: str | None
    speaker_text: str | None
    date: str | None
    about: list[str]
    span: dict
    published: str | None
    source: str | None
    tokens: set[str] = field(default_factory=set)
    masked: set[str] = field(default_factory=set)
    numbers: dict[str, str] = field(default_factory=dict)  # unit -> number
    number_text: dict[str, str] = field(default_factory=dict)  # unit -> "27 points"
    dates: set[str] = field(default_factory=set)


def _stem(w: str) -> str:
    """A light English stem: plural -s, past -ed, -ing (shares/shared/sharing -> shar)."""
    for suf in ("ing", "ed", "es", "s", "e"):
        if len(w) > len(suf) + 3 and w.endswith(suf) and not w.endswith("ss"):
            return w[: -len(suf)]
    return w


def content_tokens(text: str) -> list[str]:
    stop = set(lexicon()["stopwords"])
    return [_stem(w) for w in normalize(text).replace("'", " ").split()
            if w not in stop and (len(w) > 1 or w.isdigit())]


def numbers_in(text: str, surface: dict[str, str] | None = None) -> dict[str, str]:
    """{unit stem: number} for "27 points", "a 20-point plan"; ``surface`` gets the words."""
    out = {}
    for m in _NUM_UNIT.finditer(text or ""):
        num = _WORDNUM.get(m.group(1).lower(), m.group(1).replace(",", ""))
        word = m.group(2).lower()
        unit = _stem(word)
        if word in set(lexicon()["stopwords"]) or unit.isdigit():
            continue
        if unit not in out:
            out[unit] = num
            if surface is not None:
                surface[unit] = m.group(0)
    return out


def dates_in(text: str) -> set[str]:
    out = set()
    for m in _DATE_RE.finditer(text or ""):
        month = (m.group(1) or m.group(4)).lower()
        day = m.group(2) or m.group(3)
        out.add(f"{_MONTHS.index(month) + 1:02d}-{int(day):02d}")
    return out


def units_of(extractions: Iterable[Extraction], entity_map: dict) -> tuple[list[Unit], dict]:
    units, copy_of = [], {}
    for ex in extractions:
        d = ex.doc
        copy_of[d.id] = d.copy_of
        for s in ex.statements:
            if not s.content or not s.content.strip():
                continue
            sp = entity_map.get((d.id, s.speaker)) if s.speaker else None
            about = [entity_map[(d.id, a)] for a in s.about if (d.id, a) in entity_map]
            toks = content_tokens(s.content)
            surface: dict[str, str] = {}
            nums = numbers_in(s.content, surface)
            masked = {t for t in toks if not re.fullmatch(r"\d+(\.\d+)?", t)
                      and t not in _WORDNUM}
            units.append(Unit(d.id, s.id, s.kind, s.content, sp, s.speaker_text,
                              fill_year(s.date, d.published) or d.published, about,
                              dict(s.content_span or {}), d.published, d.source, set(toks),
                              masked, nums, surface, dates_in(s.content)))
    return units, copy_of


def _similar(a: Unit, b: Unit, th: dict, cos: float | None) -> bool:
    if len(a.tokens) < th["min_tokens"] or len(b.tokens) < th["min_tokens"]:
        return normalize(a.content) == normalize(b.content)
    inter = len(a.tokens & b.tokens)
    jac = inter / len(a.tokens | b.tokens)
    if jac >= th["jaccard"]:
        return True
    small = min(len(a.tokens), len(b.tokens))
    if small >= th["containment_min_tokens"] and inter / small >= th["containment"]:
        return True
    if fuzz.token_set_ratio(" ".join(sorted(a.tokens)), " ".join(sorted(b.tokens))) >= th["fuzz_token_set"] \
            and small >= th["containment_min_tokens"]:
        return True
    return cos is not None and cos >= th["embedding_cosine"]


def _speakers_agree(a: Unit, b: Unit) -> bool:
    return not a.speaker or not b.speaker or a.speaker == b.speaker


def _number_conflict(a: Unit, b: Unit) -> list[tuple[str, str, str]]:
    return [(u, a.numbers[u], b.numbers[u]) for u in a.numbers.keys() & b.numbers.keys()
            if a.numbers[u] != b.numbers[u]]


def _date_conflict(a: Unit, b: Unit) -> tuple[str, str] | None:
    if a.dates and b.dates and not (a.dates & b.dates):
        return sorted(a.dates)[0], sorted(b.dates)[0]
    wa = {t for t in a.tokens if t in _WEEKDAYS}
    wb = {t for t in b.tokens if t in _WEEKDAYS}
    if wa and wb and not (wa & wb) and a.published == b.published:
        return sorted(wa)[0], sorted(wb)[0]
    return None


class _UF(dict):
    def find(self, x):
        while self.setdefault(x, x) != x:
            self[x] = self[self[x]]
            x = self[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self[max(a, b)] = min(a, b)


def build_claims(extractions: Iterable[Extraction], entity_map: dict,
                 names: dict[str, str] | None = None, use_embeddings: bool = True) -> list[Claim]:
    """Claims across documents. ``names``: canonical id → name (else ids are shown)."""
    th = thresholds("claims")
    units, copy_of = units_of(extractions, entity_map)
    names = names or {}
    n = len(units)
    vectors = None
    if use_embeddings and n > 1:
        from .embeddings import embed
        vectors = embed([u.content for u in units])

    # candidate pairs share at least two content tokens
    index: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for t in u.tokens:
            index[t].append(i)
    pair_counts: Counter = Counter()
    for t, ids in index.items():
        if len(ids) > 200:  # too common to discriminate
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                pair_counts[(ids[x], ids[y])] += 1
    uf = _UF()
    conflicts: list[tuple[int, int, str, str, str]] = []
    for (i, j), shared in pair_counts.items():
        a, b = units[i], units[j]
        if shared < 2 and not (vectors is not None):
            continue
        cos = None
        if vectors is not None:
            cos = float(sum(x * y for x, y in zip(vectors[i], vectors[j])))
        nums = _number_conflict(a, b)
        dconf = _date_conflict(a, b)
        masked_jac = len(a.masked & b.masked) / max(1, len(a.masked | b.masked))
        if nums:
            # the same statement with another number: a contradiction, never one claim
            if masked_jac >= th["contradiction_masked_jaccard"] or _similar(a, b, th, cos):
                for unit, x, y in nums:
                    if a.doc != b.doc or a.speaker != b.speaker:
                        conflicts.append((i, j, "number", a.number_text[unit], b.number_text[unit]))
            continue
        if not _speakers_agree(a, b):
            continue
        if _similar(a, b, th, cos):
            if dconf and masked_jac >= th["contradiction_masked_jaccard"]:
                conflicts.append((i, j, "date", dconf[0], dconf[1]))
                continue
            uf.union(i, j)
    # number facts across all statements: the same counted thing with another number
    by_unit: dict[str, list[int]] = defaultdict(list)
    ident_units = {_stem(u) for u in lexicon().get("identifying_units", [])}
    for i, u in enumerate(units):
        for unit in u.numbers:
            if unit in ident_units and u.numbers[unit].isdigit():
                by_unit[unit].append(i)
    seen_pairs = {(c[0], c[1]) for c in conflicts}
    for unit, ids in by_unit.items():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                a, b = units[i], units[j]
                if (i, j) in seen_pairs or a.numbers[unit] == b.numbers[unit]:
                    continue
                if a.source and b.source and a.source == b.source and a.speaker == b.speaker:
                    continue
                conflicts.append((i, j, "number", a.number_text[unit], b.number_text[unit]))

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    claim_of: dict[int, str] = {}
    claims: dict[str, Claim] = {}
    for root in sorted(groups):
        us = sorted(groups[root], key=lambda i: (units[i].published or "9999", units[i].doc))
        first = units[us[0]]
        docs = list(dict.fromkeys(units[i].doc for i in us))
        speakers = Counter(units[i].speaker for i in us if units[i].speaker)
        sp = speakers.most_common(1)[0][0] if speakers else None
        sp_text = next((units[i].speaker_text for i in us if units[i].speaker_text), None)
        about = list(dict.fromkeys(a for i in us for a in units[i].about))
        kinds = Counter(units[i].kind for i in us)
        # first reported: the earliest publication carrying it (the utterance date otherwise)
        dates = [units[i].published or units[i].date for i in us if units[i].published or units[i].date]
        cid = stable_id("clm", first.doc, first.sid, normalize(first.content))
        while cid in claims:
            cid = stable_id("clm", cid, first.doc, first.sid)
        claims[cid] = Claim(
            id=cid, content=first.content,
            speaker=names.get(sp, sp_text) if sp else sp_text, speaker_id=sp,
            kind=kinds.most_common(1)[0][0],
            first_reported=min(dates) if dates else None, first_document=first.doc,
            outlets=sorted({units[i].source for i in us if units[i].source}),
            documents=sorted(docs), independent_reports=independent_count(docs, copy_of),
            about=[names.get(a, a) for a in about],
            reports=[{"doc": units[i].doc, "statement": units[i].sid, "content": units[i].content,
                      "source": units[i].source, "span": units[i].span,
                      "date": units[i].date, "original": original_of(units[i].doc, copy_of)}
                     for i in us])
        for i in us:
            claim_of[i] = cid
    for i, j, kind, this, other in conflicts:
        ci, cj = claim_of[i], claim_of[j]
        if ci == cj:
            continue
        ev = [{"doc": units[i].doc, "source": units[i].source, "text": units[i].content},
              {"doc": units[j].doc, "source": units[j].source, "text": units[j].content}]
        for a, b, t, o, e in ((ci, cj, this, other, ev), (cj, ci, other, this, ev[::-1])):
            entry = {"claim": b, "kind": kind, "this": t, "other": o, "evidence": e}
            if not any((x["claim"], x["kind"], x["this"], x["other"]) == (b, kind, t, o)
                       for x in claims[a].contradictions):
                claims[a].contradictions.append(entry)
    out = list(claims.values())
    out.sort(key=lambda c: (c.first_reported or "9999", c.first_document or "", c.id))
    return out
