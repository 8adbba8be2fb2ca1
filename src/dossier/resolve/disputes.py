"""Disputes: points on which reports disagree, each once, with the claims on every side.

Edges between statements (``Unit``s of ``dossier.resolve.claims``):

- number: the same counted thing with another number (27 against 20 points);
- date: like statements that name another day;
- denial: a party calls a report false ("speculation", "not true"): the statement's
  ``stance`` is ``deny`` when the extractor gives one, else a denial cue of
  ``data/resolve/claims.json`` together with a reference to a report ("the report",
  "that figure"); the denied statement is the nearest earlier statement of another
  speaker in the same report, and with it its whole claim (every outlet carrying it);
  in other reports, the latest report of the outlet it cites or names ("referring to an
  article by ...": ``cited_names``) and, when it rejects an accusation or claim of a
  party it names ("the accusations of the Peruvian authorities"), what that
  party's state and people said;
- name: a name form the entity resolver flagged as conflicting (a wrong first name, a
  former title), between the claims of the report that uses it and those of others;
- participants: one report has someone at the table ("was also in the room", "attended"),
  another, days apart at most, says they were not there ("did not attend", "did not
  travel to", "followed the talks from"); both statements name them, however they spell
  the name (``data/resolve/claims.json`` ``presence``).

Event-level disputes (``timeline_disputes``): two timeline items that seem one meeting put
in other places or days, and the days the reports of one item give it (``dates_reported``:
a day a report states, not a headline dated by its publication; an outlet on two days
is on neither side; the days of talks over several days do not disagree); the claims in
each side's evidence sentences get the contradiction entries.

Two statements of one speaker carried by one outlet never make an edge: an outlet that
reports two positions does not contradict itself. Edges are grouped into ``Dispute``
records (connected claims of one topic; a denial of a claim that is also a number
dispute joins it), and every claim of a dispute gets one contradiction entry per
dispute: the main claim on the other side, every claim there, and the evidence
sentences of both sides.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from typing import Any, Iterable

from ..dates import day_ordinal
from ..ids import stable_id
from ..records import Claim, Dispute, Extraction
from .common import lexicon, normalize
from .claims import (Context, Unit, _days, cdata, dates_in, denial_verbs, gather_claims, lemma,
                     name_fold, names_alike, overlap, similarity)

_KIND_RANK = {"number": 0, "date": 1, "name": 2, "place": 3, "participants": 4, "denial": 5}


def dispute_th() -> dict:
    return cdata()["dispute"]


@functools.lru_cache(maxsize=1)
def _denial_re() -> re.Pattern:
    cues = sorted(cdata()["denial_cues"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")\b", re.I)


def is_denial(u: Unit, cue: str = "") -> bool:
    """Does this statement call a report false? The extractor's ``deny`` says so; another
    marked stance (warn, hope, demand ...) says no; a plain ``assert`` (the default, also
    where the stance words were missed) is read with the denial cues."""
    if u.stance and u.stance != "assert":
        return u.stance == "deny"
    text = f"{cue} {u.content}"
    if not _denial_re().search(text):
        return False
    words = set(normalize(u.content).split())
    refs = set(cdata()["report_refs"])
    first = re.split(r"(?<=[.!?])\s", u.content.strip(), maxsplit=1)[0]
    short = len(first.split()) <= dispute_th()["denial_short_words"] and _denial_re().search(first)
    return bool(words & refs) or bool(short)


_SENT = re.compile(r"[^.!?\n]+[.!?]?")


def denial_sentences(ex) -> list[dict]:
    """Denials the statement finder left out ("The Kremlin denied it."): sentences in which
    an entity named before a denial verb denies a report (the verb's object is a report
    word, or the sentence ends soon after it), and which no statement covers. Kept by
    ``slim`` in ``doc.meta["denials"]`` as statement-like records."""
    text = ex.doc.text or ""
    if not text:
        return []
    strict, verbs = set(cdata()["denial_verbs"]), denial_verbs()
    refs = set(cdata()["report_refs"])
    covered = [(int(s.content_span.get("start", -1)), int(s.content_span.get("end", -1)))
               for s in ex.statements if s.content_span]
    mentions = sorted((m.start, m.end, e.id, m.text, e.type != "GPE") for e in ex.entities
                      if e.type in ("PERSON", "ORG", "GPE") for m in e.mentions
                      if not m.text.isupper())      # not a dateline ("BUDAPEST -")
    out: list = []
    for m in _SENT.finditer(text):
        a, b = m.start(), m.end()
        if any(x < b and y > a for x, y in covered):
            continue
        words = [(w.start() + a, normalize(w.group(0))) for w in re.finditer(r"[\w']+", m.group(0))]
        hit = next((k for k, (_, w) in enumerate(words) if w in verbs), None)
        if hit is None:
            continue
        after = [w for _, w in words[hit + 1:]]
        if not (set(after[:4]) & refs or (len(after) <= 3 and words[hit][1] in strict)):
            continue
        who = [x for x in mentions if a <= x[0] and x[1] <= words[hit][0]]
        who = [x for x in who if x[4]] or who      # a person or body before a place
        if not who:
            continue
        rec = {"id": f"den{len(out) + 1}", "speaker": who[-1][2], "speaker_text": who[-1][3],
               "content": m.group(0).strip(), "span": {"start": a, "end": b}}
        inner = _inner_report_re().search(rec["content"])
        if inner and len(rec["content"][inner.end():].split()) >= 3:
            rec["cut"], rec["ref"] = inner.end(), " ".join(inner.group(2).split())
        out.append(rec)
    return out + reported_contents(ex) + cited_names(ex)


@functools.lru_cache(maxsize=1)
def _reported_re() -> re.Pattern:
    nouns = "|".join(sorted(cdata()["reported_nouns"], key=len, reverse=True))
    return re.compile(r"\b((?:a|an|the|these|those)\s+(?:[\w'\u2019.-]+\s+){0,3}?(?:" + nouns
                      + r")|(?:" + nouns + r"))\s+that\s*$", re.I)


def reported_contents(ex) -> list[dict]:
    """Statements whose content is what a report said and a party denies ("Kyiv denied a
    report that it had agreed ..."): the words before the content name a report and the
    statement is a denial; or the content holds the denial itself ("the ministry denied a
    report that it had agreed ...": ``cut`` is where what the report said starts).
    ``{"kind": "reported", "statement", "ref"}`` records, with the denial records in
    ``doc.meta["denials"]``."""
    text = ex.doc.text or ""
    verbs = denial_verbs()
    out: list[dict] = []
    for s in ex.statements:
        start = int((s.content_span or {}).get("start", -1) or -1)
        if not (getattr(s, "stance", None) == "deny" or normalize(s.cue or "") in verbs):
            continue
        m = _reported_re().search(text[max(0, start - 80):start]) if start > 0 else None
        if m:
            out.append({"id": f"rep{len(out) + 1}", "kind": "reported", "statement": s.id,
                        "ref": " ".join(m.group(1).split())})
            continue
        inner = _inner_report_re().search(s.content or "")
        if inner and len((s.content or "")[inner.end():].split()) >= 3:
            out.append({"id": f"rep{len(out) + 1}", "kind": "reported", "statement": s.id,
                        "ref": " ".join(inner.group(2).split()), "cut": inner.end()})
    return out


@functools.lru_cache(maxsize=1)
def _inner_report_re() -> re.Pattern:
    verbs = sorted(denial_verbs(), key=len, reverse=True)
    nouns = "|".join(sorted(cdata()["reported_nouns"], key=len, reverse=True))
    return re.compile(r"\b(" + "|".join(verbs) + r")\s+((?:a|an|the|these|those)\s+"
                      r"(?:[\w'\u2019.-]+\s+){0,3}?(?:" + nouns + r"))\s+that\s+", re.I)


def cited_names(ex) -> list[dict]:
    """The names given beside a statement that calls something false ("The report is
    false," ... said, referring to an article by <outlet>): whose report it denies.
    ``{"kind": "cites", "statement", "names"}`` records, with the denial records."""
    text = ex.doc.text or ""
    if not text:
        return []
    reach = dispute_th()["cite_chars"]
    mentions = sorted((m.start, m.end, m.text, e.name) for e in ex.entities
                      if e.type not in ("GPE", "LOC", "NORP", "DATE") for m in e.mentions)
    out: list[dict] = []
    for s in ex.statements:
        span = s.content_span or {}
        a, b = int(span.get("start", -1) or -1), int(span.get("end", -1) or -1)
        if a < 0 or b < a or not (getattr(s, "stance", None) == "deny"
                                  or _denial_re().search(s.content or "")):
            continue
        names = sorted({n for x, y, t, name in mentions if a - reach <= x and y <= b + reach
                        and not (a <= x < b) for n in (t, name)})
        if names:
            out.append({"id": f"cit{len(out) + 1}", "kind": "cites", "statement": s.id,
                        "names": names})
    return out


def _independent(a: Unit, b: Unit) -> bool:
    """Two statements that can disagree: not one speaker as carried by one outlet."""
    return not (a.skey and a.skey == b.skey and a.source == b.source)


def _ctx(units: list[Unit], corpus_df: tuple[Counter, int] | None = None) -> Context:
    from .claims import _context, gather_th
    return _context(units, gather_th(), None, corpus_df, speakers=False)


def window_pairs(ids: list[int], units: list[Unit], days: int):
    """Pairs of units at most ``days`` apart by publication (undated ones pair with all),
    without comparing every pair of a large bucket."""
    dated = sorted((o, i) for i in ids if (o := day_ordinal(units[i].published)) is not None)
    undated = [i for i in ids if day_ordinal(units[i].published) is None]
    for x, (oi, i) in enumerate(dated):
        for oj, j in dated[x + 1:]:
            if oj - oi > days:
                break
            yield (i, j) if i < j else (j, i)
    for x, i in enumerate(undated):
        for j in ids:
            if j != i and (j not in undated or undated.index(j) > x):
                yield (i, j) if i < j else (j, i)


def number_edges(units: list[Unit], claim_of: dict, ctx: Context) -> list[tuple]:
    th = dispute_th()
    structure = {lemma(w) for w in lexicon().get("identifying_units", [])}
    by_unit: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for k in u.numbers:
            by_unit[k].append(i)
    out = []
    for k, ids in by_unit.items():
        for i, j in window_pairs(ids, units, th["window_days"]):
            a, b = units[i], units[j]
            if claim_of[i] == claim_of[j] or a.numbers[k] == b.numbers[k] \
                    or not _independent(a, b):
                continue
            if k not in structure:
                an_a, an_b = frozenset(a.anchors()), frozenset(b.anchors())
                sc, shared = similarity(ctx, frozenset(a.tokens), an_a,
                                        frozenset(b.tokens), an_b)
                topic = sum(1 for t in an_a & an_b if t[0] in "EP")
                if sc < th["number_overlap"] or shared + topic < 3 or shared < 1:
                    continue
            out.append((i, j, "number", f"number:{k}", a.number_text[k], b.number_text[k]))
    return out


def presence_edges(units: list[Unit], claim_of: dict, entities: Iterable) -> list[tuple]:
    """One report has a person (or body) at a meeting, another, days apart at most, says
    they were not there: both statements name them."""
    th = dispute_th()
    names = {e.id: {w for n in [e.name, *e.aliases] for w in normalize(n).split() if len(w) > 3}
             for e in entities if e.type in ("PERSON", "ORG")}
    person = {e.id: e.name for e in entities if e.type == "PERSON"}
    by_ent: dict[str, list[int]] = defaultdict(list)
    ent_of: dict[tuple[str, int], str] = {}
    for i, u in enumerate(units):
        if u.presence is None:
            continue
        words = set(normalize(u.content).split())
        for e in set(u.about):
            if names.get(e, set()) & words:
                # a person by the frame of their surname: spellings in two reports meet
                key = "v:" + name_fold(person[e])[1] if e in person else e
                by_ent[key].append(i)
                ent_of[(key, i)] = e
    best: dict[tuple[int, int], tuple] = {}     # one edge a pair: a person before a body
    for key, ids in sorted(by_ent.items(), key=lambda x: (not x[0].startswith("v:"), x[0])):
        for i, j in window_pairs(ids, units, th["presence_window_days"]):
            a, b = units[i], units[j]
            if a.presence == b.presence or a.doc == b.doc or claim_of[i] == claim_of[j] \
                    or not _independent(a, b) or (i, j) in best:
                continue
            e, e2 = ent_of[(key, i)], ent_of[(key, j)]
            if e != e2 and not names_alike(person[e], person[e2]):
                continue
            best[(i, j)] = (i, j, "participants", f"participants:{e}", a.presence, b.presence)
    return [best[k] for k in sorted(best)]


def date_edges(units: list[Unit], claim_of: dict, ctx: Context) -> list[tuple]:
    th = dispute_th()
    dated = [i for i, u in enumerate(units) if u.dates or u.weekdays]
    out = []
    for i, j in window_pairs(dated, units, th["window_days"]):
        a, b = units[i], units[j]
        if claim_of[i] == claim_of[j] or not _independent(a, b):
            continue
        if a.dates and b.dates and not (a.dates & b.dates):
            this, other = sorted(a.dates)[0], sorted(b.dates)[0]
        elif a.weekdays and b.weekdays and not (a.weekdays & b.weekdays) \
                and a.published == b.published:
            this, other = sorted(a.weekdays)[0], sorted(b.weekdays)[0]
        else:
            continue
        sc, shared = overlap(ctx, frozenset(a.tokens), frozenset(b.tokens))
        if sc >= th["date_overlap"] and shared >= 2:
            out.append((i, j, "date", "date", this, other))
    return out


def denial_edges(units: list[Unit], claim_of: dict, ctx: Context,
                 cues: dict | None = None) -> list[tuple]:
    """A denial against the statement it answers in its own report, and against the
    earlier reports of other outlets that carry what it denies."""
    th = dispute_th()
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_doc[u.doc].append(i)
    pool = sorted((o, k) for k, u in enumerate(units)
                  if (o := day_ordinal(u.published)) is not None)
    out = []
    for doc, ids in by_doc.items():
        ids.sort(key=lambda i: units[i].start)
        for pos, d in enumerate(ids):
            den = units[d]
            if not is_denial(den, (cues or {}).get((den.doc, den.sid), "")):
                continue
            target = None
            for t in reversed(ids[:pos]):
                tu = units[t]
                if den.start - int(tu.span.get("end", tu.start)) > th["denial_max_chars"]:
                    break
                if tu.skey != den.skey and claim_of[t] != claim_of[d] and not is_denial(tu):
                    target = t
                    break
            if target is None:      # "Talk of a cancellation is speculation. ..., an official said"
                for t in ids[pos + 1:]:
                    tu = units[t]
                    if tu.start - den.start > th["denial_max_chars"]:
                        break
                    if tu.skey != den.skey and (tu.kind == "report" or tu.unnamed) \
                            and claim_of[t] != claim_of[d] and not is_denial(tu):
                        target = t
                        break
            if target is not None:
                out.append((target, d, "denial", "denial", "reported", "denied"))
            near = [units[t] for t in ids if units[t].skey == den.skey
                    and abs(units[t].start - den.start) <= th["denial_max_chars"]]
            for k in _denied_elsewhere(units, d, target, near, claim_of, ctx, pool):
                out.append((k, d, "denial", "denial", "reported", "denied"))
    return out


def _denied_elsewhere(units: list[Unit], d: int, target: int | None, near: list[Unit],
                      claim_of: dict, ctx: Context, pool: list[tuple[int, int]]) -> list[int]:
    """Earlier reports in other documents that carry what denial ``d`` denies: what an
    outlet named by the denial (or by the statement it answers, or beside it: "referring
    to an article by ...") reported, a report of an outlet or unnamed source that says the
    same as the answered statement, or, when it rejects an accusation or claim, what the
    party it names as making it said ("rejected the accusations of the Peruvian
    authorities": the statements of that state and its people)."""
    th = dispute_th()
    den = units[d]
    toks = set(den.tokens) | (units[target].tokens if target is not None else set())
    anchors = set(den.anchors()) | (units[target].anchors() if target is not None else set())
    named = {a for u in near for a in u.about} | set(den.about)   # outlets the denier names
    cited = set(den.cites).union(*(u.cites for u in near))
    accusers = _accusers(den)
    scored: dict[str, tuple[tuple[bool, float], int]] = {}
    cite_day: dict[str, int] = {}
    outlet: dict[str, str | None] = {}
    day = day_ordinal(den.published)
    if day is None:
        return []
    lo = bisect.bisect_left(pool, (day - th["window_days"], -1))
    hi = bisect.bisect_right(pool, (day, len(units)))
    for _, k in pool[lo:hi]:
        u = units[k]
        if u.doc == den.doc or claim_of[k] == claim_of[d] or u.skey == den.skey:
            continue
        reported = u.kind == "report" or u.unnamed
        by_party = not reported and u.speaker is not None and not u.denies \
            and (u.speaker in accusers[0] or (u.scountry in accusers[1]
                                              and u.scountry != den.scountry))
        if not (reported or by_party):
            continue
        by_cite = bool(u.source and u.source != den.source and normalize(u.source) in cited)
        by_named = by_party or bool(u.speaker and u.speaker in named) or by_cite
        sc, shared = similarity(ctx, frozenset(toks), frozenset(anchors), frozenset(u.tokens),
                                frozenset(u.anchors()))
        words, _ = overlap(ctx, frozenset(toks), frozenset(u.tokens))  # names alone are not enough
        if (by_named and sc > th["denied_named_overlap"] and (shared or not by_party)) \
                or (reported and words >= th["denied_overlap"] and shared >= 2):
            rank = (by_named, sc)
            if rank > scored.get(claim_of[k], ((False, 0.0), -1))[0]:
                scored[claim_of[k]] = (rank, k)
                outlet[claim_of[k]] = None if by_party else (normalize(u.source or "") or None) \
                    if by_cite and u.speaker not in named else (normalize(u.vname or "") or None) \
                    if u.stype == "ORG" and u.speaker in named else None
                cite_day[claim_of[k]] = _ordinal(u)
    if not scored:
        return []
    top = max(r for r, _ in scored.values())
    kept = [c for c, (r, _) in scored.items()
            if r[0] == top[0] and r[1] >= top[1] * th["denied_keep_share"]]
    latest: dict[str, int] = {}
    for c in kept:
        if (o := outlet[c]) is not None:
            latest[o] = max(latest.get(o, 0), cite_day[c])
    # the article an outlet is cited or named for is its latest before the denial
    return [scored[c][1] for c in kept
            if (o := outlet[c]) is None or cite_day[c] == latest[o]]


def _ordinal(u: Unit) -> int:
    return day_ordinal(u.published) or 0


@functools.lru_cache(maxsize=1)
def _accusation_re() -> re.Pattern:
    words = sorted(cdata()["accusation_refs"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _accusers(den: Unit) -> tuple[set[str], set[str]]:
    """(entities, countries) a denial names as making the accusation or claim it rejects
    ("the accusations of Lima", "the claim of the Serbian side"): those it is about, not
    the denier's own; nothing when it names no accusation or claim."""
    if not _accusation_re().search(den.content or ""):
        return set(), set()
    ents = {a for a in den.about if a != den.speaker}
    return ents, {c for c in den.acountries if c != den.scountry}


def name_edges(units: list[Unit], claim_of: dict, entities: Iterable) -> list[tuple]:
    """A conflicting name form of an entity: the claims of the report that uses it against
    claims of other reports that name the entity."""
    mentions: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for e in set(u.about) | ({u.speaker} if u.speaker else set()):
            mentions[e].append(i)
    out = []
    for e in entities:
        for conf in getattr(e, "conflicts", None) or []:
            doc, name = conf.get("doc"), conf.get("name")
            if not doc or not name:
                continue
            mine = [i for i in mentions.get(e.id, []) if units[i].doc == doc]
            others = [i for i in mentions.get(e.id, []) if units[i].doc != doc]
            if not mine or not others:
                continue
            others.sort(key=lambda i: (-_days_or(units[i], units[mine[0]]), units[i].doc))
            for j in others[-3:]:
                out.append((mine[0], j, "name", f"name:{e.id}", name, e.name))
    return out


def _days_or(a: Unit, b: Unit) -> int:
    d = _days(a.published, b.published)
    return d if d is not None else 999


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


def group_edges(edges: list[tuple], claim_of: dict) -> list[list[tuple]]:
    """Edges of one topic that share a claim are one dispute; a denial whose two claims
    another edge already links joins that edge's dispute."""
    uf = _UF()
    first_of: dict[tuple, int] = {}
    pair_of: dict[frozenset, int] = {}
    for n, (i, j, kind, topic, _t, _o) in enumerate(edges):
        uf.find(n)
        for c in (claim_of[i], claim_of[j]):
            if (topic, c) in first_of:
                uf.union(n, first_of[(topic, c)])
            else:
                first_of[(topic, c)] = n
        pair = frozenset((claim_of[i], claim_of[j]))
        if pair in pair_of:
            uf.union(n, pair_of[pair])
        else:
            pair_of[pair] = n
    groups: dict[int, list[tuple]] = defaultdict(list)
    for n, e in enumerate(edges):
        groups[uf.find(n)].append(e)
    return [groups[k] for k in sorted(groups)]


def _evidence(units: list[Unit], i: int, cid: str) -> dict:
    u = units[i]
    return {"doc": u.doc, "source": u.source, "text": u.content, "claim": cid}


def make_dispute(group: list[tuple], units: list[Unit], claims: dict[str, Claim],
                 claim_of: dict, entities_by_id: dict) -> Dispute:
    kind = min((e[2] for e in group), key=lambda k: _KIND_RANK.get(k, 9))
    side_of: dict[str, str] = {}      # claim id -> value
    ev_of: dict[str, int] = {}        # claim id -> unit index (its evidence)
    shown: dict[str, str] = {}        # value key -> the words of its first report
    for i, j, k, topic, this, other in group:
        if k != kind and kind != "denial":
            continue
        for idx, val in ((i, this), (j, other)):
            c = claim_of[idx]
            key = _value_key(kind, val)
            shown.setdefault(key, val)
            side_of.setdefault(c, key)
            ev_of.setdefault(c, idx)
    sides: dict[str, list[str]] = defaultdict(list)
    for c, key in side_of.items():
        sides[key].append(c)
    side_list: list[dict[str, Any]] = []
    for key, cs in sides.items():
        val = shown[key]
        cs.sort(key=lambda c: (-len(claims[c].documents), c))
        docs = sorted({d for c in cs for d in claims[c].documents})
        side_list.append({"value": val, "claims": cs, "documents": docs,
                          "outlets": sorted({o for c in cs for o in claims[c].outlets}),
                          "evidence": [_evidence(units, ev_of[c], c) for c in cs]})
    topic = group[0][3]
    ent = topic.split(":", 1)[1] if topic.startswith(("name:", "participants:")) else None
    e = entities_by_id.get(ent) if ent else None
    if e is not None:       # the right name: every report of the entity that does not err
        wrong = {c.get("doc") for c in e.conflicts or []}
        for side in side_list:
            if side["value"] == e.name:
                side["documents"] = sorted(set(side["documents"])
                                           | (set(e.documents) - wrong))
    label = _topic_label(kind, topic, side_list, claims, entities_by_id)
    all_claims = sorted(side_of)
    did = stable_id("dsp", kind, *all_claims)
    return Dispute(id=did, kind=kind, topic=label, sides=side_list, claims=all_claims,
                   entity=ent, documents=sorted({d for s in side_list for d in s["documents"]}))


def _value_key(kind: str, value: str) -> str:
    """One key for the words that give one value ("27 points", "27-point")."""
    if kind == "number":
        m = re.match(r"\s*([\d.,]+|\w+)", value or "")
        return m.group(1).replace(",", "") if m else value
    return normalize(value or "")


def _topic_label(kind: str, topic: str, sides: list[dict], claims: dict, ents: dict) -> str:
    if kind == "number":
        return f"how many {topic.split(':', 1)[1]}s"
    if kind == "name":
        e = ents.get(topic.split(":", 1)[1])
        return f"the name of {e.name}" if e else "a name"
    if kind == "participants":
        e = ents.get(topic.split(":", 1)[1])
        return f"whether {e.name} took part" if e else "who took part"
    if kind == "denial":
        rep = next((s for s in sides if s["value"] == "reported"), sides[0])
        return claims[rep["claims"][0]].content
    return f"the {kind}"


def attach(disputes: list[Dispute], claims: dict[str, Claim], max_ev: int) -> None:
    """One contradiction entry per claim and dispute, linking the other side."""
    for d in disputes:
        for s in d.sides:
            others = [o for o in d.sides if o is not s]
            other_claims = [c for o in others for c in o["claims"]]
            if not other_claims:
                continue
            main = max(others, key=lambda o: len(o["documents"]))
            for c in s["claims"]:
                mine = next(e for e in s["evidence"] if e["claim"] == c)
                ev = [mine] + [e for o in others for e in o["evidence"]][: max_ev - 1]
                claims[c].contradictions.append({
                    "claim": main["claims"][0], "kind": d.kind, "this": s["value"],
                    "other": main["value"], "evidence": ev, "dispute": d.id,
                    "claims": other_claims, "topic": d.topic})
                if d.id not in claims[c].disputes:
                    claims[c].disputes.append(d.id)


def find_disputes(units: list[Unit], claims: dict[str, Claim], claim_of: dict,
                  entities: list, extractions: list,
                  corpus_df: tuple[Counter, int] | None = None) -> list[Dispute]:
    """Find the edges, group them into disputes, link the claims; returns the disputes.
    ``corpus_df``: the corpus's lemma frequencies (``claims.gather``)."""
    ctx = _ctx(units, corpus_df)
    cues = {(ex.doc.id, s.id): s.cue or "" for ex in extractions for s in ex.statements}
    edges = (number_edges(units, claim_of, ctx) + date_edges(units, claim_of, ctx)
             + denial_edges(units, claim_of, ctx, cues) + name_edges(units, claim_of, entities)
             + presence_edges(units, claim_of, entities))
    ents = {e.id: e for e in entities}
    disputes = [make_dispute(g, units, claims, claim_of, ents)
                for g in group_edges(edges, claim_of)]
    disputes = [d for d in disputes if len(d.sides) >= 2]
    seen: set[str] = set()
    uniq = []
    for d in disputes:
        if d.id not in seen:
            seen.add(d.id)
            uniq.append(d)
    attach(uniq, claims, dispute_th()["max_evidence"])
    return uniq


def timeline_disputes(items: list, claims: list | None = None) -> list[Dispute]:
    """Disputes of timeline items as ``Dispute`` records: two items that seem one meeting
    but are put in other places or days (the timeline's ``contradictions``), and one item
    whose reports give it different days (``dates_reported``, see ``item_date_sides``). The
    claims inside each side's evidence sentences (``item.statements``) get a contradiction
    entry that links the other side: its item, its claims and its evidence."""
    out, seen = [], set()
    by_id = {t.id: t for t in items}
    by_claim = {c.id: c for c in claims or []}
    for t in items:
        for c in getattr(t, "contradictions", None) or []:
            other = by_id.get(c.get("item"))
            if other is None:
                continue
            key = (c.get("kind"), frozenset((t.id, other.id)))
            if key in seen:
                continue
            seen.add(key)
            sides = [_item_side(x, val, c.get("evidence", []), by_claim)
                     for x, val in ((t, c.get("this")), (other, c.get("other")))]
            d = Dispute(id=stable_id("dsp", c.get("kind") or "", *sorted((t.id, other.id))),
                        kind=c.get("kind") or "other", topic=t.summary, sides=sides,
                        claims=sorted({x for s in sides for x in s["claims"]}),
                        items=sorted((t.id, other.id)),
                        documents=sorted(set(t.documents) | set(other.documents)))
            out.append(d)
            _link_sides(d, by_claim)
    for t in items:
        sides = item_date_sides(t, by_claim)
        if len(sides) < 2:
            continue
        d = Dispute(id=stable_id("dsp", "date", t.id), kind="date",
                    topic=f"the day of: {t.summary}", sides=sides,
                    claims=sorted({x for s in sides for x in s["claims"]}), items=[t.id],
                    documents=sorted({x for s in sides for x in s["documents"]}))
        out.append(d)
        _link_sides(d, by_claim)
        if not any(x.get("dispute") == d.id for x in t.contradictions):
            for other in sides[1:]:       # the event page shows the item's own disagreements
                t.contradictions.append({
                    "kind": "date", "this": sides[0]["value"], "other": other["value"],
                    "evidence": sides[0]["evidence"][:1] + other["evidence"][:2],
                    "dispute": d.id})
    return out


def _link_sides(d: Dispute, by_claim: dict) -> None:
    """Every claim of a side gets one contradiction entry linking the other side (the
    first other side with claims, else the first)."""
    for mine in d.sides:
        others = [o for o in d.sides if o is not mine]
        theirs = next((o for o in others if o["claims"]), others[0])
        for cid in mine["claims"]:
            by_claim[cid].contradictions.append({
                "claim": (theirs["claims"] or [None])[0], "item": theirs["items"][0],
                "kind": d.kind, "this": mine["value"], "other": theirs["value"],
                "evidence": mine["evidence"][:1] + [e for o in others for e in o["evidence"]],
                "dispute": d.id, "claims": [x for o in others for x in o["claims"]],
                "topic": d.topic})
            if d.id not in by_claim[cid].disputes:
                by_claim[cid].disputes.append(d.id)


_DAY_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _stated_day(r: dict) -> str | None:
    """The day a timeline report gives its event, when the report itself says so: a day
    other than its publication's, or the day written out in its evidence ("on 21 October");
    a headline's present tense dated by its publication is no account of the day."""
    day = r.get("date")
    if not isinstance(day, str) or not _DAY_RE.fullmatch(day):
        return None
    if day != (r.get("published") or "")[:10]:
        return day
    return day if day[5:] in dates_in(r.get("evidence") or "") else None


def item_date_sides(t, by_claim: dict) -> list[dict]:
    """The days the reports of one event give it, as dispute sides, when they differ: each
    day with the documents that state it (a document on two days, or a copy, leaves both
    sides; the days of talks over several days do not disagree)."""
    if getattr(t, "status", None) != "occurred":
        return []
    docs_of: dict[str, set[str]] = defaultdict(set)
    ev_of: dict[str, list[dict]] = defaultdict(list)
    for r in getattr(t, "reports", None) or []:
        day = _stated_day(r)
        if day and r.get("doc"):
            docs_of[day].add(r["doc"])
            ev_of[day].append({"doc": r["doc"], "source": r.get("source"),
                               "text": r.get("evidence") or ""})
    many = Counter(d for ds in docs_of.values() for d in ds)
    days = {day: {d for d in ds if many[d] == 1} for day, ds in docs_of.items()}
    days = {day: ds for day, ds in days.items() if ds}
    rng = getattr(t, "date_range", None) or []
    if len(days) < 2 or (getattr(t, "type", "") == "CONSULT" and len(rng) == 2
                         and all(rng[0] <= day <= rng[1] for day in days)
                         and _days(rng[0], rng[1]) == len(days) - 1):
        return []
    stmts = [x for x in getattr(t, "statements", []) or [] if x in by_claim]
    sides = []
    for day in sorted(days, key=lambda x: (-len(days[x]), x)):
        ds = days[day]
        other = {d for k, v in days.items() if k != day for d in v}
        cs = [c for c in stmts if set(by_claim[c].documents) & ds
              and not set(by_claim[c].documents) & other]
        sides.append({"value": day, "claims": cs, "items": [t.id], "documents": sorted(ds),
                      "outlets": sorted({e["source"] for e in ev_of[day]
                                         if e["source"] and e["doc"] in ds}),
                      "evidence": [e for e in ev_of[day] if e["doc"] in ds][:3]})
    return sides


def _item_side(item, value, evidence: list, by_claim: dict) -> dict:
    ev = [e for e in evidence if e.get("doc") in item.documents]
    cs = [x for x in getattr(item, "statements", []) or [] if x in by_claim]
    return {"value": value, "claims": cs, "items": [item.id], "documents": list(item.documents),
            "outlets": sorted({r.get("source") for r in item.reports if r.get("source")}),
            "evidence": ev}


def build_claims_and_disputes(extractions: Iterable[Extraction], entity_map: dict,
                              names: dict[str, str] | None = None, use_embeddings: bool = True,
                              entities: list | None = None,
                              corpus_df: tuple[Counter, int] | None = None
                              ) -> tuple[list[Claim], list]:
    """The claims across documents (``claims.gather_claims``) with the disputes between
    them; each claim's ``contradictions`` link the claims on the other sides.
    ``corpus_df``: lemma frequencies of the whole corpus when ``extractions`` are part of
    it (incremental resolution: weights as the whole corpus gives them)."""
    extractions = list(extractions)
    out, units, claims, claim_of = gather_claims(extractions, entity_map, names,
                                                 use_embeddings, entities, corpus_df)
    return out, find_disputes(units, claims, claim_of, entities or [], extractions, corpus_df)


def build_claims(extractions: Iterable[Extraction], entity_map: dict,
                 names: dict[str, str] | None = None, use_embeddings: bool = True,
                 entities: list | None = None) -> list[Claim]:
    """Claims across documents, their contradictions linked. ``names``: canonical id →
    name (else ids are shown); ``entities``: canonical entities (types, countries, name
    conflicts to link)."""
    return build_claims_and_disputes(extractions, entity_map, names, use_embeddings,
                                     entities)[0]
