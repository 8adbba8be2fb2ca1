"""Incremental resolution (issue #12): new reports resolved against what is stored.

``update(store)`` finds the extractions written since the resolution was built (their
``rev``) and resolves them against the stored resolution, at a cost that depends on the
new reports and on what they touch, not on the store (``resolve_documents``):

- **entities**: the new documents' entities are resolved together with the stored
  entities that share a look-up key with them (``entity_keys``: every way
  ``resolve_members`` joins two members goes through one — name and transliteration
  keys, surname and spelling-variant keys, acronyms, organisation and place names with a
  word left open). A stored entity takes part as *seed* members (its name, aliases, type,
  country and role words), as many as its reports up to ``seed_weight_max`` so that the
  resolver's majority and dominance rules weigh it as its reports; the seeds of two
  stored entities share their pseudo-documents, so a block never joins two stored
  entities by their names alone (a new mention joins one). An entity keeps its id, name
  and members; one that two seeds with one key form keeps the id of the larger;
- **candidates**: the stored timeline items an event may join, or be the plan of
  (``build_timeline``'s own keys: its type and a participant or place, within a day of
  its date — the date window for an undated one — or its day between the same states),
  the stored events no item holds yet under those keys (``event_keys``: a background
  mention, a one-party report, a folded plan), the stored claims a statement may join or
  dispute (``claim_keys``: the lemmas of each report, shared as ``claims.decide`` and the
  dispute rules require, with a compatible or affiliated speaker — fewer for one named
  speaker's short restatement, ``weak_min_shared`` with any speaker where one side's
  speaker is a pronoun, ``w:`` — and the names of a report that has someone at a meeting
  or not), the items naming the state of an event's people and, for a state, the items
  of its people, the items of its kind on the day of a mention without
  participants (``event_keys`` ``TYPE|@`` for stored such mentions), the items holding an
  undated report published within a week of its day, the items of its kind holding its
  day (a text recalling an event by its day joins the one item of that day: for a new
  text that may recall it, or where a stored text recalls it), for an
  agreement the talks of its parties or place over the talks' days and for talks the
  agreements (an agreement's texts report the talks it was reached at), the agreements
  whose texts a candidate lists, the talks pieced together around an agreement (the
  occurred agreements of a candidate's talks and the talks of a candidate's agreements,
  through their texts, entities and days, until none is new; the states of an event's
  people and place for the paired kind) — of the talks and agreements found through a
  state or a name rather than a text, only those whose parties may be the other's
  (``timeline._talks_piece``: every party of the talks the agreement's, of its states,
  or a person of no known state; read from the stored participant rows, not the
  reports: ``_allowed``), the earlier items of a mention told in passing, a
  week-dated mention's week, the claims a candidate item's
  evidence sentences hold, what the new documents were in
  before (a re-extraction), the claims of an entity with a name conflict they name, the
  name disputes of the entities they name or rewrite, and the disputes of all these with
  their other claims and items;
- **the block**: the new documents and, of the documents the candidates come from,
  only the candidates' events and statements, go through the same resolvers as a full
  rebuild (``build_claims_and_disputes`` with the corpus's lemma frequencies,
  ``lemma_df``; ``build_timeline``), the further documents' entities mapped as stored;
  the results replace the candidates in one transaction, with the look-up keys
  (``dossier.store.delta.replace_part``). Ids stay where an item's first report does.

When the new reports (or the documents their candidates bring) are most of the store
(``full_fraction``), or one has no publication date, the full rebuild runs instead. The
look-up keys are a cache of the stored resolution: written with each update, rebuilt
once after a full rebuild (``ensure_keys``).

``rebuild_in_blocks`` is the full rebuild in bounded memory: the documents fed in
publication order, ``rebuild_chunk`` at a time, each chunk resolved as above.
Settings: ``data/resolve/incremental.json``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..ids import stable_id
from ..names import double_surname_tail, key_frame, loose_skeleton, name_frame, name_key, normalize
from ..orgnames import acronym_forms
from ..records import CanonicalEntity, Claim, Extraction
from .claims import (WEEKDAYS, content_tokens, dates_in, figures_in, name_fold, numbers_in,
                     name_words, presence_of, pronoun_speaker, proper_tokens)
from ..dates import period_end, period_start, precision
from .common import fill_year, is_country, load_data, span_text, thresholds
from .disputes import build_claims_and_disputes, timeline_disputes
from .entities import (Member, acronym_key, class_key, name_parts, place_key, members_of,
                       resolve_members, type_class)
from .timeline import AGREEMENT, OUTCOMES, TELLS_OF, build_timeline, told_in_passing

if TYPE_CHECKING:
    from ..store.store import Store

SEED = "\x00seed:"  # the entity id of a stored entity's seed members: SEED + its id
KEYS_VERSION = "12"  # of entity_keys and claim_keys: stored keys of another version are rebuilt


def settings() -> dict[str, Any]:
    return load_data("incremental.json")


def update(store: Store, *, full_fraction: float | None = None,
           window_days: int | None = None, connect: dict | None = None) -> dict[str, Any]:
    """Resolve what was stored since the resolution was built; returns counts (with
    ``mode``: ``incremental``, ``full`` or ``none``)."""
    from ..store import delta
    from . import rebuild
    cfg = settings()
    frac = cfg["full_fraction"] if full_fraction is None else full_fraction
    if not hasattr(store, "backend") or not delta.keys_ready(store):
        return {**rebuild(store), "mode": "full"}
    new = delta.new_documents(store)
    if not new:
        return {"documents": 0, "mode": "none", **_totals(store)}
    total = delta.count_extractions(store)
    if len(new) >= frac * total:
        return {**rebuild(store), "mode": "full"}
    out = resolve_documents(store, new, window_days=window_days, limit=frac * total,
                            connect=connect)
    if out is None:  # undated, or a block that is most of the store
        store._read_stamp = None
        return {**rebuild(store), "mode": "full"}
    return out


def resolve_documents(store, new: list[dict], *, window_days: int | None = None,
                      limit: float | None = None, ahead: bool = True,
                      connect: dict | None = None, covers=None) -> dict[str, Any] | None:
    """Resolve the documents ``new`` ({doc_id, published}) against the stored resolution
    and swap what they change in; None (nothing written) when one has no date or the
    block reaches ``limit`` documents. ``window_days`` (default: settings): how far from
    the new reports' days stored timeline items and claims are candidates; ``ahead``:
    the window reaches after the latest too (not needed when the later documents are
    resolved afterwards, as a rebuild in blocks does). ``connect`` is accepted for
    callers of the earlier block rule and no longer used: candidates are found through
    the look-up keys."""
    from ..store import delta
    from . import slim
    days = settings()["window_days"] if window_days is None else window_days
    found = [_day(r["published"]) for r in new]
    dates = [d for d in found if d is not None]
    if len(dates) < len(found):
        return None
    lo = (min(dates) - dt.timedelta(days=days)).isoformat()
    end = (max(dates) + dt.timedelta(days=(days if ahead else 0) + 1)).isoformat()
    new_ids = {r["doc_id"] for r in new}
    ensure_keys(store)
    fresh = [slim(ex) for ex in delta.load_extractions(store, new_ids)]
    ents = _resolve_entities(store, fresh, new_ids)
    again = _restated_documents(store, ents, lo) - new_ids
    if again:  # their speakers now speak for another state: decided again, as new reports
        new_ids |= again
        fresh += [slim(ex) for ex in delta.load_extractions(store, again)]
        ents = _resolve_entities(store, fresh, new_ids)
        dates += [d for d in (_day(ex.doc.published) for ex in fresh
                              if ex.doc.id in again) if d is not None]
        lo = (min(dates) - dt.timedelta(days=days)).isoformat()
        end = (max(dates) + dt.timedelta(days=(days if ahead else 0) + 1)).isoformat()
    items, claims, disputes, orphans = _candidates(store, fresh, ents, new_ids, lo, end)
    events, statements, listed = delta.reports_of(store, items, claims)
    for doc, ids in orphans.items():
        events.setdefault(doc, set()).update(ids)
    further = (set(events) | set(statements) | listed) - new_ids
    sizes = {"new": len(new_ids), "items": len(items), "claims": len(claims),
             "partial": len(further), "seeds": ents.n_seeds}
    if limit is not None and len(new_ids) + len(further) >= limit:
        return None
    compact = _block_extractions(store, fresh, further, events, statements)
    entities, mapping = _mapping_of(store, ents, further)
    names = {e.id: e.name for e in entities}
    built, found_disputes = build_claims_and_disputes(compact, mapping, names=names,
                                                      entities=entities,
                                                      corpus_df=corpus_df(store, compact, fresh))
    timeline = build_timeline(compact, mapping, claims=built, entities=entities)
    published = {ex.doc.id: ex.doc.published for ex in compact}
    seen = [(ex.doc.id, v.id) for ex in compact for v in ex.events]
    delta.replace_part(store, drop_entities=ents.drop, entities=ents.written,
                       drop_items=items, timeline=timeline, drop_claims=claims, claims=built,
                       drop_disputes=disputes,
                       disputes=found_disputes + timeline_disputes(timeline, built),
                       covers=covers,
                       entity_keys=[(e.id, k) for e in ents.written
                                    for k in entity_keys(e.type, [e.name, *e.aliases])],
                       claim_keys=[(c.id, k, last) for c in built
                                   for last in [_last(c.documents, published)]
                                   for k in claim_keys(c)],
                       event_keys=event_keys(compact, mapping, timeline), events_seen=seen,
                       keys_version=KEYS_VERSION)
    return {"documents": len(new), "block": len(compact), "mode": "incremental", "sizes": sizes,
            **_totals(store),
            "written": {"entities": len(ents.written), "timeline": len(timeline),
                        "claims": len(built), "disputes": len(found_disputes)}}


def _restated_documents(store, ents: "_Entities", since: str) -> set[str]:
    """The documents of the stored claims whose speaker the update gives another state: a
    country, or a state body's role, learnt from a new report ("the Freedonian
    spokeswoman"). Who such a speaker's statements speak for changed (``claims`` relates a
    person's words to their state's), so they are decided again with the new reports, as
    the whole corpus decides them (those reported since ``since``: the window's)."""
    from ..store import delta
    from .claims import entity_info, state_official
    old = entity_info(ents.stored.values())
    new = entity_info(ents.written)
    # (only a state gained: the entity written from its seeds may hold fewer roles than
    # the stored one, and a settled country or office stays as it was)
    changed = {i for i, e in new.items() if i in old and (
        (e.get("country") and not old[i].get("country"))
        or (state_official(e) and not state_official(old[i])))}
    return delta.documents_of_claims(store, delta.claims_of_speakers(store, changed, since)) \
        if changed else set()


def _block_extractions(store, fresh: list[Extraction], further: set[str],
                       events: dict[str, set[str]], statements: dict[str, set[str]]
                       ) -> list[Extraction]:
    """The block in ingestion order: the new documents as loaded (``fresh``, slim) and the
    ``further`` documents with only their candidate events and statements."""
    from ..store import delta
    from . import slim
    block = list(fresh)
    for ex in delta.load_extractions(store, further):
        ex.events = [v for v in ex.events if v.id in events.get(ex.doc.id, ())]
        kept = statements.get(ex.doc.id, set())
        # (the denials slim finds are statements too: only the kept ones, if any)
        x = slim(ex, denials=bool(kept))
        x.doc.meta["denials"] = [d for d in x.doc.meta.get("denials") or []
                                 if d["id"] in kept or d.get("statement") in kept]
        x.statements = [st for st in x.statements if st.id in kept]
        block.append(x)
    seq = delta.document_seqs(store, [x.doc.id for x in block])
    block.sort(key=lambda x: seq[x.doc.id])
    return block


def corpus_df(store, compact: list[Extraction], loaded: list[Extraction] | None = None
              ) -> tuple[Counter, int]:
    """The lemma frequencies of the whole corpus (``lemma_df``, brought up to date first)
    for the lemmas of ``compact``'s statements, and the corpus's number of statements.
    ``loaded``: slim extractions at hand (not loaded again to be counted)."""
    from ..store import delta
    from . import slim
    from .claims import units_of
    todo = delta.uncounted_documents(store)
    at_hand = {ex.doc.id: ex for ex in loaded or ()}
    for i in range(0, len(todo), 2000):
        part = todo[i:i + 2000]
        counts: Counter = Counter()
        n = 0
        rest = [d for d in part if d not in at_hand]
        for ex in [*(at_hand[d] for d in part if d in at_hand),
                   *(slim(x) for x in delta.load_extractions(store, rest))]:
            units, _ = units_of([ex], {})
            n += len(units)
            for u in units:
                counts.update(u.tokens)
        delta.add_lemma_counts(store, part, counts, n)
    units, _ = units_of(compact, {})
    df, n = delta.lemma_frequencies(store, {t for u in units for t in u.tokens})
    return Counter(df), n


def _last(docs: list[str], published: dict[str, str | None]) -> str | None:
    days = [p for p in (published.get(d) for d in docs) if p]
    return max(days) if days else None


def _totals(store) -> dict[str, int]:
    """The store's entities, timeline items and claims after a partial update."""
    counts = store.counts()
    return {k: counts[k] for k in ("entities", "timeline", "claims")}


# ------------------------------------------------------------------ look-up keys

def entity_keys(etype: str, names: list[str]) -> set[str]:
    """The keys under which an entity (or a new document entity) is looked up: every way
    ``resolve_members`` can join two members goes through one of them — the class key of
    a name (step 1), its transliteration key and, for people, the surname's with two
    spelling-variant keys (steps 2-5: a consonant skeleton, the sorted letters), the
    acronyms of a long organisation or place name and a name that is one (an ORG's also
    under PLACE: a state's acronym typed as a body), the name with one word left open
    (spelling variants of organisations and places), and for people the last part of a
    double surname and the surname's loose skeleton (``names.loose_skeleton``)."""
    cls = type_class(etype)
    th = thresholds("entities")
    out: set[str] = set()
    for nm in names:
        if not nm or not normalize(nm):
            continue
        k = name_key(nm)
        if k:
            out.add("k:" + k)
        ck = class_key(cls, nm)
        if ck:
            out.add(f"c:{cls}:{ck}")
        if cls == "PERSON":
            sur = name_key(name_parts(nm)[1]) or k
            if sur:
                out.add("k:" + sur)
                if len(sur) >= 4:
                    out.add("v:" + key_frame(sur, "strict"))
                    out.add("t:" + "".join(sorted(sur.replace(" ", ""))))
            tail = double_surname_tail(name_parts(nm)[1])
            if tail:
                out.add("k:" + name_key(tail))  # the last part of a double surname alone
            loose = loose_skeleton(name_parts(nm)[1] or nm)
            if len(loose) >= 3:
                out.add("l:" + loose)  # looser romanisations (names.loose_variant)
        elif cls in ("ORG", "PLACE"):
            bare = nm.replace(".", "").strip()
            if bare.isupper() and " " not in bare:
                out.add(f"a:{cls}:{bare}")
                out.add(f"a:PLACE:{bare}")  # a state's acronym typed as a body
            if len(nm.split()) >= 2:
                a0 = acronym_key(nm)
                forms = {a0} | ({a for a in acronym_forms(nm) if a[:1] == a0[:1]}
                                if cls == "ORG" else set())
                out.update(f"a:{cls}:{a}" for a in forms
                           if th["acronym_min_len"] <= len(a) <= th["acronym_max_len"])
            words = place_key(nm).split()
            if len(words) >= 2:
                out.update(f"w:{cls}:" + " ".join(words[:i] + ["*"] + words[i + 1:])
                           for i in range(len(words)))
    return out


def statement_lemmas(content: str) -> set[str]:
    """The content lemmas ``claims`` compares statements by (a unit's ``tokens``: content
    words that are neither numbers nor names)."""
    proper = proper_tokens(content)
    return {t for t in content_tokens(content)
            if not re.fullmatch(r"\d+(\.\d+)?", t) and t not in proper}


def claim_keys(c: Claim) -> set[str]:
    """A stored claim's look-up keys: the lemmas of each of its reports (``l:``; a
    statement joins a claim, or disputes one, only when it shares lemmas with one of its
    reports), the units of its numbers (``n:``), the counts it gives (``f:``: "holding 17"
    joins "17 crew are held" on one shared word), ``d:`` when a report gives a day, its
    speaker key (``p:``), ``w:`` when a report's speaker is a pronoun (the claim may have no
    named speaker: a statement of any speaker may join it on nearly the same words) and, for
    a named speaker, the frame of its surname as each report spells it (``v:``: a statement
    of another spelling of the name may join), and the countries of its named speakers
    (``sc:``: a state, its places and its people may speak for one another)."""
    out = {"p:" + (c.speaker_key or "")}
    out.update("sc:" + x for x in (c.signature or {}).get("countries", []) or [])
    named = (c.speaker_key or "").startswith("e:")
    if named and c.speaker:
        out.add("v:" + name_fold(c.speaker)[1])
    for rep in c.reports:
        content = rep.get("content") or ""
        if pronoun_speaker(rep.get("speaker_text")):
            out.add("w:")
        out.update("l:" + t for t in statement_lemmas(content))
        out.update("n:" + k for k in numbers_in(content))
        out.update("f:" + k for k in figures_in(content))
        if named and rep.get("speaker_text"):
            out.add("v:" + name_fold(rep["speaker_text"])[1])
        if dates_in(content) or WEEKDAYS & set(normalize(content).split()):
            out.add("d:")
        if presence_of(content):  # someone at a meeting or not: by the names it gives,
            names = name_words(content)  # however spelt ("al-Haddad" too)
            out.update("pr:" + k for t in names for k in (t, presence_frame(t)))
    out.discard("v:")
    return out


def presence_frame(token: str) -> str:
    """The look-up key of a name word in a participants statement, across spellings."""
    return "~" + name_frame(token, "speaker")


def event_keys(compact: list[Extraction], mapping: dict, timeline: list) -> list[tuple]:
    """The ``event_keys`` rows of the events of ``compact`` that no item of ``timeline``
    holds (a near-duplicate copy's follow its original's and are not kept)."""
    held = {(r.get("doc"), r.get("event")) for t in timeline for r in t.reports}
    return [row for ex in compact if not ex.doc.copy_of
            for row in _orphan_rows(ex, mapping, held)]


def _orphan_rows(ex: Extraction, mapping, held) -> list[tuple]:
    out = []
    d = ex.doc
    for v in ex.events:
        if (d.id, v.id) in held:
            continue
        date = fill_year(v.date, d.published)
        start, last = period_start(date), period_end(date)
        a, b = _event_span(v, d.published, "", "") if start and last else (None, None)
        for r in dict.fromkeys([*v.actors, *v.targets, v.location, v.place_in]):
            if r and (d.id, r) in mapping:
                out.append((f"{v.type}|{mapping[(d.id, r)]}", d.id, v.id, a, b,
                            (d.published or "")[:10] or None))
        if a:  # a dated mention (perhaps of a town, no participant): the item of its day
            out.append((f"{v.type}|@", d.id, v.id, a, b, (d.published or "")[:10] or None))
    return out


def ensure_keys(store) -> None:
    """The look-up keys of the stored resolution, rebuilt once (from the entities' names and
    the claims' signatures) when a full rebuild or an older version wrote it."""
    from ..store import delta
    if delta.keys_valid(store, KEYS_VERSION):
        return
    last = delta.claims_last_published(store)
    stamp = getattr(store, "_read_stamp", None)  # iter_extractions notes one of its own
    held = set(delta.iter_timeline_reports(store))
    mapping = {(d, e): i for d, e, i in delta.iter_entity_members(store)}
    orphans = [row for ex in (store.iter_extractions() if mapping else ())
               if not ex.doc.copy_of for row in _orphan_rows(ex, mapping, held)]
    store._read_stamp = stamp
    delta.write_keys(
        store, [(i, k) for i, t, names in delta.iter_entity_names(store)
                for k in entity_keys(t, names)],
        [(c.id, k, last.get(c.id)) for c in delta.iter_claims(store) for k in claim_keys(c)],
        orphans, KEYS_VERSION)


@dataclass
class _Entities:
    """What the entity step decided: the entities to write, the ids to drop, the map of the
    new documents' entities, the stored entities loaded (by id) and how many seeds took part."""

    written: list[CanonicalEntity]
    drop: set[str]
    mapping: dict[tuple[str, str], str]
    stored: dict[str, CanonicalEntity]
    merged: set[str]
    n_seeds: int


def _resolve_entities(store, fresh: list[Extraction], new_ids: set[str]) -> _Entities:
    """The new documents' entities resolved with the stored entities that share a look-up
    key with them (as seeds: ``entities_of_block``)."""
    from ..store import delta
    members, copy_of = members_of(fresh)
    keys = {k for m in members for k in entity_keys(m.type, m.names)}
    ids = set().union(*delta.entities_by_keys(store, keys).values()) if keys else set()
    ids |= delta.entity_ids_of_docs(store, new_ids)  # re-extracted documents
    stored = delta.entities_of(store, ids=ids)
    written, mapping, drop = entities_of_block(
        members, copy_of, stored, new_ids,
        taken=lambda x: delta.existing_ids(store, "entities", x) - ids)
    by_id = {e.id: e for e in stored}
    merged = {i for i in drop if any(m["doc"] not in new_ids for m in by_id[i].members)}
    n_seeds = sum(1 for e in stored if any(m["doc"] not in new_ids for m in e.members))
    return _Entities(written, drop, mapping, by_id, merged, n_seeds)


def _lookups(fresh: list[Extraction], ents: _Entities, lo: str, end: str) -> tuple[
        dict[tuple[str, str], list[tuple[str, str]]], dict[tuple[str, str], set[str]],
        dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str, bool]]],
        dict[tuple[str, str], list[tuple[str, str, int]]], list[_Piece],
        dict[tuple[str, str], list[str]]]:
    """The keys the new events look stored items up by: (entity or ``#``country or ``@``,
    type) → spans of days; (type, day) → the states of its parties; type → the spans of its
    mentions without a party; type → the days its events give (and whether it may recall
    that day); the keys of an agreement's talks and of talks' agreements → (first day,
    last day, the ``_Piece`` looking them up), and these pieces; the keys of an undated
    event that took place at no place → its publication day (``_undated_near``: its span
    is the days around it, the rest of the window left to ``_undated_items``)."""
    m = ents.mapping
    country = {e.id: e.country for e in [*ents.stored.values(), *ents.written]}
    spans: dict[tuple[str, str], list[tuple[str, str]]] = {}
    days: dict[tuple[str, str], set[str]] = {}
    alone: dict[str, list[tuple[str, str]]] = {}
    on_day: dict[str, list[tuple[str, str, bool]]] = {}
    paired: dict[tuple[str, str], list[tuple[str, str, int]]] = {}
    pieces: list[_Piece] = []
    loose: dict[tuple[str, str], list[str]] = {}
    kinds = {e.id: e for e in [*ents.stored.values(), *ents.written]}
    for ex in fresh:
        for v in ex.events:
            span = own = _event_span(v, ex.doc.published, lo, end)
            pub = _undated_near(ex, v, m, kinds)
            if pub:
                own = _undated_span(pub)
            for r in [*v.actors, *v.targets, v.location, v.place_in]:
                if r and (ex.doc.id, r) in m:
                    spans.setdefault((m[(ex.doc.id, r)], v.type), []).append(own)
                    if pub:
                        loose.setdefault((m[(ex.doc.id, r)], v.type), []).append(pub)
            for r in [*v.actors, *v.targets]:  # a person and their state are one party
                cid = m.get((ex.doc.id, r), "")
                if country.get(cid):
                    # a person: the items naming their state ($); a state (or what may
                    # stand for one): the items naming one of its people (#)
                    mark = "$" if _is_person(cid, kinds) else "#"
                    spans.setdefault((mark + str(country[cid]), v.type), []).append(own)
                    if pub:
                        loose.setdefault((mark + str(country[cid]), v.type), []).append(pub)
            for kind in OUTCOMES.get(v.type, ()):
                # an agreement's texts report the talks it was reached at: the talks (or
                # agreements) naming one of its parties or places, or the state of one of
                # its people, over the talks' days (``timeline._talks_pieces``; such talks
                # and agreements are kept where one's parties may be the other's: ``_pieces``)
                wide = _widen(span, thresholds("timeline").get("multi_day_max_days", 3), lo, end)
                keys: set[tuple[str, str]] = set()
                for r in [*v.actors, *v.targets, v.location, v.place_in]:
                    if r and (ex.doc.id, r) in m:
                        keys.add((m[(ex.doc.id, r)], kind))
                    cid = m.get((ex.doc.id, r), "") if r else ""
                    if country.get(cid):  # the state's people's talks, and a person's state's
                        for mark in ("#", "$") if _is_person(cid, kinds) else ("#",):
                            keys.add((mark + str(country[cid]), kind))
                if kind in _PIECES and v.type in _PIECES:
                    pieces.append(_piece(ex, v, m, wide))
                    for key in keys:
                        paired.setdefault(key, []).append((*wide, len(pieces) - 1))
                else:
                    for key in keys:
                        spans.setdefault(key, []).append(wide)
            day = fill_year(v.date, ex.doc.published)
            if day and precision(day) == 3:
                # a text recalling an event by its day joins the one item of its kind
                # holding that day, and such a recollection the item a new report makes
                # (an item over days holds it in its range): all of them for a recollection
                # (``timeline._recalled``), else those of a day a stored text recalls
                pub = (ex.doc.published or "")[:10]
                gap = thresholds("timeline").get("recalled_min_days", 7)
                on_day.setdefault(v.type, []).append(
                    (day, day, not getattr(v, "date_inferred", False) and day < pub
                     and _days_between(day, pub) >= gap))
            party = any(_party(m.get((ex.doc.id, r)), kinds) for r in [*v.actors, *v.targets])
            if day and (precision(day) == 3 or (precision(day) == 2 and not party)):
                # a mention without participants joins the one item of its kind on its
                # day (or in its week): such stored mentions are candidates, and for a new
                # one, every item of the kind then
                spans.setdefault(("@", v.type), []).append(span)
                if not party:
                    alone.setdefault(v.type, []).append(span)
            if day and precision(day) == 3:  # no one shared: the same day between the same states
                states = {country.get(m.get((ex.doc.id, r), "")) for r in [*v.actors, *v.targets]}
                days.setdefault((v.type, day), set()).update(x for x in states if x)
    return spans, days, alone, on_day, paired, pieces, loose


def _undated_near(ex: Extraction, v, m: dict, kinds: dict) -> str | None:
    """The publication day of an undated event that took place, of a text dated to the
    day, at no place (no place or wider place given, no participant that is a town or
    region: ``timeline.normalise_report`` would make it one); None for another event. Such
    an event joins a dated item only within ``undated_holds_max_age_days`` of its text
    (``timeline._party_fit``: an undated report names a recent event)."""
    pub = (ex.doc.published or "")[:10]
    if fill_year(v.date, ex.doc.published) or (v.status or "occurred") != "occurred" \
            or precision(pub) != 3 or v.location or getattr(v, "place_in", None):
        return None
    d = ex.doc.id
    if any((d, r) in m and not _party(m[(d, r)], kinds) for r in [*v.actors, *v.targets]):
        return None
    return pub


def _undated_span(pub: str) -> tuple[str, str]:
    """The days a dated item may hold to take an undated report of day ``pub``
    (``_undated_near``)."""
    age = thresholds("timeline")["undated_holds_max_age_days"]
    return _shift(pub, -age), _shift(pub, age)


def _undated_items(store, rows: list[tuple], loose: dict[tuple[str, str], list[str]]
                   ) -> set[str]:
    """Of the stored items ``rows`` (item, key, type, first day, last day) found for
    undated events (``loose``: key → the publication days of those events) in the window
    but not within their span, those such an event may join after all, or whose reports
    it may join or take: a plan (``_link_plans``), one holding an undated report (a piece
    of it may be an item of its own when the event comes: ``_absorb``), and one whose text-given days are not all days more than
    ``undated_holds_max_age_days`` from each event's (an item dated by a headline's
    publication, or by a week or month, or over days)."""
    from ..store import delta
    age = thresholds("timeline")["undated_holds_max_age_days"]
    pubs: dict[str, set[str]] = {}
    for i, e, t, a, _b in rows:
        if a is not None and (e, t) in loose:
            pubs.setdefault(i, set()).update(loose[(e, t)])
    data = delta.items_reports(store, pubs)
    inferred = delta.inferred_events(store, {r["doc"] for *_, reps in data.values()
                                             for r in reps if r.get("doc")})
    out: set[str] = set()
    for i, (kind, status, reps) in data.items():
        days = [r.get("date") for r in reps if (r.get("doc"), r.get("event")) not in inferred]
        if status != "occurred" or not days or None in days \
                or any(precision(d) != 3 for d in days) or any(
                    _days_between(d, p) <= age for d in days for p in pubs[i]):
            out.add(i)
    return out


def _candidates(store, fresh: list[Extraction], ents: _Entities, new_ids: set[str], lo: str,
                end: str) -> tuple[set[str], set[str], set[str], dict[str, set[str]]]:
    """The stored timeline items, claims and disputes the new documents may join, change
    or dispute, found through the keys ``build_timeline`` and ``gather`` look candidates up
    by: items of an event's type naming one of its participants or places in the date
    window, or dated its day; claims sharing a speaker key or a rare content word within
    the window; what the new documents were in before (a re-extraction); what names an
    entity the update merges into another; and the disputes of all these, with their
    other claims and items. Also the stored events no item holds that may join the new
    ones (``event_keys``), document → event ids."""
    from ..store import delta
    from .claims import entity_info, units_of
    m = ents.mapping
    spans, days, alone, on_day, paired, pieces, loose = _lookups(fresh, ents, lo, end)
    # the agreements of new talks through a party's own entity come as the event's own; the
    # rest, those that may be the pair's (``_pieces``)
    hubs = {k: v for k, v in paired.items() if k[0][:1] in ("#", "$") or k[1] == TELLS_OF[AGREEMENT]}
    for k, found_in in paired.items():
        if k not in hubs:
            spans.setdefault(k, []).extend((a, b) for a, b, _ in found_in)
    keyed = {k: list(v) for k, v in spans.items()}
    for k, found_in in hubs.items():
        keyed.setdefault(k, []).extend((a, b) for a, b, _ in found_in)
    for k in loose:  # (the stored events no item holds: over the window)
        keyed.setdefault(k, []).append((lo, end))
    rows = delta.items_naming(store, {e for e, _ in keyed} - {"@"}, {t for _, t in keyed}, lo,
                              end)
    rows += delta.items_of_states(store, {e[1:] for e, _ in keyed if e[:1] == "#"},
                                  {t for e, t in keyed if e[:1] == "#"}, lo, end)
    rows += [(i, e, t, a, b) for i, e, t, a, b, name in delta.items_of_states(
        store, {e[1:] for e, _ in keyed if e[:1] == "$"}, {t for e, t in keyed if e[:1] == "$"},
        lo, end, states=True) if is_country(name)]
    items = {i for i, e, t, a, b in rows if (e, t) in spans and (
        a is None or any(a <= hi and (b or a) >= low for low, hi in spans[(e, t)]))}
    items |= _undated_items(store, [x for x in rows if x[0] not in items], loose)
    through: dict[str, set[int]] = {}
    for i, e, t, a, b in rows:
        for low, hi, n in hubs.get((e, t), ()):
            if a is None or (a <= hi and (b or a) >= low):
                through.setdefault(i, set()).add(n)
    items |= _pieces(store, through, pieces, items, ents)
    # an undated report joins the one item holding all its people up to a week later: the
    # items holding such a report, published within a week of the day, come too
    week = thresholds("timeline")["undated_holds_max_age_days"] + 1
    for i, e, t, pub in delta.items_reported(store, {e for e, _ in spans} - {"@"},
                                             {t for _, t in spans}, lo, end):
        if any(_shift(low, -week) <= pub[:10] <= _shift(hi, week)
               for low, hi in spans.get((e, t), ())):
            items.add(i)
    items |= _mention_items(store, fresh, ents)
    items |= {i for i, _, t, a, b in delta.items_of_kinds(store, alone, lo, end)
              if a is not None and any(a <= hi and (b or a) >= low for low, hi in alone[t])}
    items |= {i for i, kind, day, state in delta.items_on(store, days)
              if state in days[(kind, day)]}
    items |= _recalled_items(store, on_day, lo, end)
    orphans: dict[str, set[str]] = {}
    for key, doc, vid, a, b in delta.events_by_keys(store, {f"{t}|{e}" for e, t in keyed},
                                                    lo, end):
        e_t = key.split("|", 1)
        if a is None or any(a <= hi and (b or a) >= low
                            for low, hi in keyed.get((e_t[1], e_t[0]), ())):
            orphans.setdefault(doc, set()).add(vid)
    more_items, claims, disputes = delta.items_of(store, new_ids)
    items |= more_items
    # talks listing the texts of the agreement reached at them come with that agreement
    held, _, listed = delta.reports_of(store, items, ())
    items |= delta.items_of(store, listed - set(held))[0]
    if ents.merged:
        mi, mc = delta.items_and_claims_of_entities(store, ents.merged)
        items, claims = items | mi, claims | mc
    items |= _talks_around(store, items)
    info = entity_info([*ents.stored.values(), *ents.written])  # (what the update writes wins)
    units, _ = units_of(fresh, m, info)
    claims |= _candidate_claims(store, units, lo)
    # a name dispute sets a report's other name for an entity against the closest claims
    # naming it: those of an entity with such a conflict that the new reports name
    # (its stored dispute comes back with its claims, the closest ones so far; a new
    # report with another name form needs the claims closest to it: a few near its day)
    named = {x for u in units for x in [*u.about, u.speaker] if x}
    anew = {e.id for e in [*ents.written, *ents.stored.values()]
            if any(c.get("doc") in new_ids for c in e.conflicts)}
    # (and that of an entity the update rewrites: the right name's side lists its reports)
    disputed = anew | {e.id for e in [*ents.written, *ents.stored.values()]
                       if e.conflicts and e.id in named} | {e.id for e in ents.written
                                                           if e.conflicts}
    day = min(u.published or "9999" for u in units)[:10] if units else lo
    near = settings()["name_dispute_claims"]
    for e, found in delta.claims_naming(store, anew, lo).items():
        claims.update(c for _, c in sorted((_days_between(p, day), c) for c, p in found)[:near])
    # the name dispute of an entity the candidate claims name comes back with them (with
    # its claims) where one of the entity's conflicting reports is in the block: the
    # block finds it again and it replaces the stored one
    block_docs = new_ids | delta.documents_of_claims(store, claims)
    disputed |= {i for i, docs in delta.conflict_documents(
        store, delta.with_conflicts(store, delta.entities_of_claims(store, claims))).items()
        if docs & block_docs}
    # the claims an item's evidence sentences hold are its sides in a dispute of its days
    claims |= delta.claims_of_items(store, items)
    for _ in range(settings()["dispute_rounds"]):
        more = delta.disputes_of(store, items, claims, new_ids, disputed) - disputes
        if not more:
            break
        disputes |= more
        di, dc, _docs = delta.dispute_refs(store, more)
        items, claims = items | di | _talks_around(store, di - items), claims | dc
    # the plans folded into a candidate item come back with it
    for _key, doc, vid in delta.events_in(store, delta.history_documents(store, items)):
        orphans.setdefault(doc, set()).add(vid)
    return items, claims, disputes, orphans


def _recalled_items(store, on_day: dict[str, list[tuple[str, str, bool]]], lo: str, end: str
                    ) -> set[str]:
    """A text recalling an event by its day joins the one item of its kind holding that
    day (``timeline._recalled``): for a new event that may be such a recollection (type →
    (day, day, is one)), every item of its kind holding its day; for another, the same
    where one of them holds a text published ``recalled_min_days`` after that day (a
    recollection it may now have two hosts for, or one)."""
    from ..store import delta
    gap = thresholds("timeline").get("recalled_min_days", 7)
    by_kind: dict[str, list[tuple[str, str, str | None]]] = {}
    for i, _, t, a, b in delta.items_of_kinds(store, on_day, lo, end):
        if a is not None:
            by_kind.setdefault(t, []).append((i, a, b))
    last = delta.last_published(store, {i for rows in by_kind.values() for i, *_ in rows})
    out: set[str] = set()
    for t, days in on_day.items():
        for low, hi, recollection in days:
            hits = {i for i, a, b in by_kind.get(t, ()) if a <= hi and (b or a) >= low}
            if recollection or any(last.get(i, "")[:10] >= _shift(low, gap) for i in hits):
                out |= hits
    return out


def _mention_items(store, fresh: list[Extraction], ents: _Entities) -> set[str]:
    """An undated event told in passing joins the one earlier item of its kind holding its
    parties up to ``mention_max_age_days`` before its text (``timeline._mentioned``): for
    such an event, the items of its kind naming one of its parties (or their states) in
    that time; for a dated event that took place, the items of its kind naming one of its
    parties that hold a text published up to that time after its day (a mention it may
    take, or whose host it rivals). (One query of each kind for all the events, over
    the days of them all, then each event's rows.)"""
    from ..store import delta
    age = thresholds("timeline").get("mention_max_age_days", 31) + 1
    m = ents.mapping
    country = {e.id: e.country for e in [*ents.stored.values(), *ents.written]}
    undated: list[tuple[set[str], set[str], str, str, str, bool]] = []  # (and in passing)
    dated: list[tuple[set[str], str, str, str]] = []  # parties, type, from, before
    for ex in fresh:
        pub = (ex.doc.published or "")[:10]
        for v in ex.events:
            parts = {m[(ex.doc.id, r)] for r in [*v.actors, *v.targets] if (ex.doc.id, r) in m}
            if (v.status or "occurred") != "occurred" or not parts:
                continue
            date = fill_year(v.date, ex.doc.published)
            if not date and precision(pub) == 3:
                # (an earlier item holding its parties only for one told in passing; for
                # another, the undated ones it may rival)
                passing = told_in_passing(span_text(ex, v.evidence), v.trigger)
                states = {"#" + str(country[p]) for p in parts if country.get(p)} \
                    if passing else set()
                undated.append((parts, states, v.type, _shift(pub, -age), _shift(pub, 1),
                                passing))
            elif date and period_start(date) and period_end(date):
                first, last = str(period_start(date)), str(period_end(date))
                dated.append((parts, v.type, first, _shift(last, age)))
    out: set[str] = set()
    if undated:
        lo, end = min(u[3] for u in undated), max(u[4] for u in undated)
        kinds = {u[2] for u in undated}
        named = delta.items_naming_days(store, {p for u in undated for p in u[0]}, kinds, lo, end)
        held = delta.items_of_states(store, {s[1:] for u in undated for s in u[1]}, kinds, lo, end)
        for parts, states, kind, a, z, passing in undated:
            out |= {i for i, e, t, first, last, pub in named if t == kind and e in parts
                    and (passing and first < z and (last or "") >= a if first is not None
                         else a <= (pub or "") < z)}
            out |= {i for i, e, t, first, last in held if t == kind and e in states
                    and _shift(a[:10], -31) <= first < z and last >= a}
    if dated:
        rows = delta.items_reported(store, {p for u in dated for p in u[0]},
                                    {u[1] for u in dated}, min(u[2] for u in dated),
                                    max(u[3] for u in dated))
        by_key: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for i, e, t, pub in rows:
            by_key.setdefault((e, t), []).append((pub, i))
        for parts, kind, a, z in dated:
            out |= {i for p in parts for pub, i in by_key.get((p, kind), ()) if a <= pub < z}
    return out


def _talks_around(store, items: set[str]) -> set[str]:
    """The talks an agreement was reached at, told in pieces (``timeline._talks_pieces``):
    the occurred agreements of the candidate talks (of their texts, or naming one of their
    parties or places in the talks' days and allowing all their parties: ``_allowed``),
    then the talks items of these and the candidate agreements' texts, and those naming
    one of their parties or places over the talks' days (an undated one reported then)
    whose parties they allow; again for those found, until none is new."""
    from ..store import delta
    span = thresholds("timeline").get("multi_day_max_days", 3)
    out: set[str] = set()
    fresh = set(items)
    known: dict[str, tuple] = {}  # item → its type, days and what it names (item_parties)
    while fresh:  # (until the talks and agreements found bring no other: they are few)
        talks = delta.items_of_type(store, fresh, TELLS_OF[AGREEMENT])
        agreements = set(delta.items_of_type(store, fresh, AGREEMENT))
        agreements |= _paired(store, talks, AGREEMENT, 0, span, known)
        found = delta.items_of_type(store, agreements, AGREEMENT)
        more = agreements | _paired(store, found, TELLS_OF[AGREEMENT], 1 - span, 2, known)
        fresh = more - out - set(items)
        out |= more
    return out


def _paired(store, found: dict, kind: str, back: int, ahead: int, known: dict) -> set[str]:
    """The items of ``kind`` of the texts of the ``found`` items (id → first day, last day,
    named entities) and naming one of their entities from ``back`` days before their first
    day to before ``ahead`` days after their last, where one may be the other's piece
    (``_allowed``: talks whose parties the agreement allows). ``known``: the
    ``item_parties`` read so far."""
    from ..store import delta
    if not found:
        return set()
    _, _, listed = delta.reports_of(store, set(found), ())
    out = set(delta.items_of_type(store, delta.items_of(store, listed)[0], kind))
    near: dict[str, set[str]] = {}
    for f, (first, last, named) in found.items():
        try:
            lo, end = _shift((first or "")[:10], back), _shift((last or first or "")[:10], ahead)
        except ValueError:
            continue  # an undated item has no days to look in
        for i, *_ in delta.items_naming(store, named, {kind}, lo, end):
            near.setdefault(i, set()).add(f)
    todo = (set(near) | set(found)) - set(known)
    known.update(delta.item_parties(store, todo) if todo else {})
    for i, fs in near.items():
        if i in out or i not in known:
            continue
        for f in fs:
            talks, agreement = (f, i) if kind == AGREEMENT else (i, f)
            if talks in known and agreement in known and _allowed(
                    [(e, t, c) for e, role, t, c in known[talks][3] if role == "participant"],
                    {e for e, *_ in known[agreement][3]},
                    {c for *_, c in known[agreement][3] if c}):
                out.add(i)
                break
    return out


_PIECES = (AGREEMENT, TELLS_OF[AGREEMENT])  # an agreement and the talks it was reached at, told in pieces


@dataclass
class _Piece:
    """A new agreement or talks event as ``timeline._talks_pieces`` pairs it: its type, what
    it names (parties, places, mediators), its parties, its days widened by the talks'
    span, and whether its parties may not count (``loose``: a report that may borrow its
    text's parties, ``timeline._mark_weak``)."""

    kind: str
    named: set[str]
    parties: set[str]
    span: tuple[str, str]
    loose: bool


def _piece(ex: Extraction, v, m: dict, span: tuple[str, str]) -> _Piece:
    d = ex.doc.id
    ids = [*v.actors, *v.targets, v.location, v.place_in, *(getattr(v, "mediators", None) or [])]
    loose = bool(v.location) and any(w is not v and w.type == v.type for w in ex.events)
    return _Piece(v.type, {m[(d, r)] for r in ids if r and (d, r) in m},
                  {m[(d, r)] for r in [*v.actors, *v.targets] if (d, r) in m}, span, loose)


def _allowed(parties, named: set[str], states: set[str]) -> bool:
    """May talks of ``parties`` ((id, type, country) of each) be a piece of the talks of an
    agreement naming ``named`` (of the countries ``states``)? ``timeline._talks_piece``
    needs each party to be the agreement's (a party, a mediator, the host: the state of its
    place), or a person of one of its states, or a person of no known state."""
    for eid, etype, cc in parties:
        if eid in named or (cc and cc in states) or etype is None \
                or (etype == "PERSON" and not cc):
            continue
        return False
    return True


def _pieces(store, found: dict[str, set[int]], pieces: list[_Piece], items: set[str],
            ents: _Entities) -> set[str]:
    """Of the stored ``found`` items (id → the ``pieces`` whose look-up found them: talks
    through an agreement's names or states, agreements through the states of talks),
    those that may be the other side of one in ``timeline._talks_pieces``: the talks of
    a new agreement whose parties are all allowed (``_allowed``) by what the agreement may
    name — its own, and that of the stored agreements among ``items`` and the new ones
    over its days sharing a name or a state with it — or that share two names with it
    (``timeline._talks_fit``); the agreements of new talks whose parties that agreement
    allows (any, for talks whose parties may be borrowed)."""
    from ..store import delta
    if not found:
        return set()
    kinds = {e.id: e for e in [*ents.stored.values(), *ents.written]}
    meta = {i: (e.type, e.country) for i, e in kinds.items()}
    stored = delta.item_parties(store, set(found) | items)
    named = {i: {e for e, *_ in rows} for i, (*_, rows) in stored.items()}
    states = {i: {c for *_, c in rows if c} for i, (*_, rows) in stored.items()}

    def of(ids):
        return {meta[x][1] for x in ids if x in meta and meta[x][1]}
    wide: dict[int, tuple[set[str], set[str]]] = {}
    for n, pc in enumerate(pieces):
        if pc.kind != AGREEMENT:
            continue
        mine, cc = set(pc.named), of(pc.named)
        more = set(cc)
        for i, (kind, start, last, _rows) in stored.items():
            if kind == AGREEMENT and i in items and (named[i] & pc.named or states[i] & cc) \
                    and (start is None or (start <= pc.span[1] and (last or start) >= pc.span[0])):
                mine |= named[i]
                more |= states[i]
        for other in pieces:
            if other.kind == AGREEMENT and other.span[0] <= pc.span[1] \
                    and other.span[1] >= pc.span[0] and (other.named & pc.named
                                                         or of(other.named) & cc):
                mine |= other.named
                more |= of(other.named)
        wide[n] = (mine, more)
    out: set[str] = set()
    for i, ns in found.items():
        if i not in stored:
            continue
        kind, _s, _l, rows = stored[i]
        parts = [(e, t, c) for e, role, t, c in rows if role == "participant"]
        for n in ns:
            pc = pieces[n]
            if pc.kind == AGREEMENT:  # (or talks it may tell: ``timeline._talks_fit``)
                ok = _allowed(parts, *wide[n]) or len(named[i] & wide[n][0]) >= 2
            else:
                ok = pc.loose or _allowed([(x, *meta.get(x, (None, None))) for x in pc.parties
                                           if _party(x, kinds)], named[i], states[i])
            if ok:
                out.add(i)
                break
    return out


def _party(eid: str | None, kinds: dict) -> bool:
    """Is the entity a party of an event (a town or region among its participants is its
    place: ``timeline.normalise_report``)?"""
    e = kinds.get(eid or "")
    return e is not None and not (e.type in ("GPE", "LOC") and not is_country(e.name))


def _is_person(eid: str, kinds: dict) -> bool:
    e = kinds.get(eid)
    return e is not None and e.type == "PERSON"


def _event_span(v, published: str | None, lo: str, end: str) -> tuple[str, str]:
    """The days a stored item may hold to take (or be the plan of) event ``v``: its day or
    period with a day's margin either side (two for a publication's date), and the whole
    window for an undated event."""
    date = fill_year(v.date, published)
    start, last = period_start(date), period_end(date)
    if not start or not last:
        return lo, end
    margin = 2 if getattr(v, "date_inferred", False) else 1
    return (_shift(start, -margin), _shift(last, margin))


def _widen(span: tuple[str, str], n: int, lo: str, end: str) -> tuple[str, str]:
    """A span of days ``n`` days wider on either side (an undated event's window stays)."""
    if (span[0], span[1]) == (lo, end):
        return span
    try:
        return _shift(span[0], -n), _shift(span[1], n)
    except ValueError:
        return span


def _days_between(a: str | None, b: str) -> int:
    try:
        return abs((dt.date.fromisoformat((a or "")[:10]) - dt.date.fromisoformat(b[:10])).days)
    except ValueError:
        return 10 ** 6


def _shift(day: str, n: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=n)).isoformat()


def _candidate_claims(store, units: list, since: str) -> set[str]:
    """The stored claims reported since day ``since`` that a new statement may join or
    dispute, by what ``claims.decide`` and ``disputes`` require of a pair: to join, a
    compatible speaker and ``min_shared`` lemmas shared with one of the claim's reports
    (one, for a statement too short to compare by its words); a number dispute, the unit
    of a number and a lemma; a date dispute, days on both sides and ``min_shared``
    lemmas; a denial, ``min_shared`` lemmas."""
    from ..store import delta
    from .claims import gather_th, speakers_compatible
    from .disputes import is_denial
    keys = {"l:" + t for u in units for t in u.tokens} | {"n:" + k for u in units for k in u.numbers} \
        | {"f:" + k for u in units for k in u.figures}
    if not keys:
        return set()
    present = {"pr:" + k for u in units if u.presence
               for t in name_words(u.content) for k in (t, presence_frame(t))}
    frames = {"v:" + name_fold(u.vname)[1] for u in units if u.vname} \
        | {"sc:" + u.scountry for u in units if u.scountry}
    holders = delta.claims_by_keys(store, keys | present | frames | {"d:", "w:"}, since)
    need = gather_th()["min_shared"]
    in_doc: dict[str, set[str]] = {}  # a denial answers a statement of its report
    for u in units:
        in_doc.setdefault(u.doc, set()).update(u.tokens)
    shared: dict[int, frozenset] = {}
    counted: dict[frozenset, Counter] = {}  # (statements repeated across reports: once)
    for x, u in enumerate(units):
        toks = shared[x] = frozenset(in_doc[u.doc] if is_denial(u) else u.tokens)
        if toks not in counted:
            counted[toks] = Counter(c for t in toks for c in holders.get("l:" + t, ()))
    counters = {c for u in units for k in u.figures for c in holders.get("f:" + k, ())}
    speaker = delta.claim_key_values(store, {c for n in counted.values() for c in n} | counters,
                                     "p:")
    # two people of one state never stand for each other (``claims.related_keys``: a person
    # and their state, its places and bodies): a claim all of whose reports other people
    # of the state said is no candidate of a person's statement through its state (one
    # report of the state, its places or bodies, or of no one named, and it may be)
    people = delta.claims_said_by(store, {c for u in units if u.scountry and u.stype == "PERSON"
                                          for c in holders.get("sc:" + u.scountry, ())},
                                  "PERSON")
    dated = holders.get("d:", set())
    # a pronoun speaker against a named one, either way: a claim a pronoun speaker may
    # stand for (``w:``), any claim for a new statement of a pronoun speaker
    weak, pronoun = gather_th()["weak_min_shared"], holders.get("w:", set())
    out: set[str] = set()
    done: set[tuple] = set()  # what decides below, once for a repeated statement
    for x, u in enumerate(units):
        short = len(u.tokens | u.proper) < gather_th()["min_tokens"]
        if u.presence:  # a participants dispute: both statements name them (however spelt)
            out.update(c for t in name_words(u.content) for k in (t, presence_frame(t))
                       for c in holders.get("pr:" + k, ()))
        denial = is_denial(u)
        has_day = bool(u.dates or u.weekdays)
        how = (shared[x], short, u.skey, u.affil, frozenset(u.numbers), u.weak, denial, has_day,
               u.vname, u.scountry, frozenset(u.figures))
        if how in done:
            continue
        done.add(how)
        numbered = {c for k in u.numbers for c in holders.get("n:" + k, ())}
        counts = {c for k in u.figures for c in holders.get("f:" + k, ())}  # one count given
        # another spelling of the speaker's name: one named speaker's restatement
        spelt = holders.get("v:" + name_fold(u.vname)[1], ()) if u.vname else ()
        state = {c for c in holders.get("sc:" + u.scountry, ())  # of one state
                 if not (u.stype == "PERSON" and c in people)} if u.scountry else set()
        for c, n in counted[shared[x]].items():
            sk = speaker.get(c, "")
            # one named speaker's short restatement: one word and the names it is about
            few = 1 if short or (u.skey.startswith("e:") and sk == u.skey) else need
            if (n >= few and (speakers_compatible(sk, u.skey) or sk in u.affil)) \
                    or (n >= 1 and c in spelt) or (n >= need and c in state) \
                    or c in numbered or (n >= 1 and c in counts) or (n >= weak and (u.weak or c in pronoun)) \
                    or (n >= need and (denial or (has_day and c in dated))):
                out.add(c)
        for c in counts - out:  # a count alone ("12 according to the police"): no word shared
            sk = speaker.get(c, "")
            if speakers_compatible(sk, u.skey) or sk in u.affil or c in state:
                out.add(c)
    return out


def _mapping_of(store, ents: _Entities, further: set[str]
                ) -> tuple[list[CanonicalEntity], dict[tuple[str, str], str]]:
    """The canonical entities the block's resolvers see (those written and the stored ones
    of its documents) and the map of every block document's entities: the new ones as
    resolved, the further documents' as stored (through what the update wrote for them)."""
    from ..store import delta
    need = delta.entity_ids_of_docs(store, further) - set(ents.stored)
    stored = {**ents.stored, **{e.id: e for e in delta.entities_of(store, ids=need)}}
    written = {e.id: e for e in ents.written}
    mapping = dict(ents.mapping)
    for e in [*(x for i, x in stored.items() if i not in written and i not in ents.drop),
              *written.values()]:
        for mb in e.members:
            if mb["doc"] in further:
                mapping[(mb["doc"], mb["entity"])] = e.id
    entities = list(written.values()) + [e for i, e in stored.items()
                                         if i not in written and i not in ents.drop]
    return entities, mapping


def rebuild_in_blocks(store, *, chunk: int | None = None, window_days: int | None = None,
                      connect: dict | None = None, on_block=None) -> dict[str, Any]:
    """A full rebuild in bounded memory: the resolution emptied, then the documents fed in
    publication order, ``chunk`` at a time, each chunk resolved as an ingest resolves its
    new reports (its block only). Memory holds one block, not the store. Documents
    without a publication date leave it to the in-memory rebuild."""
    from ..store import delta
    from . import rebuild
    rows = delta.documents_by_date(store)
    if not rows or any(_day(r["published"]) is None for r in rows):
        return {**rebuild(store), "mode": "full"}
    chunk = chunk or settings()["rebuild_chunk"]
    stamp = store._stamp()
    store.replace_resolution([], [], [])
    delta.mark_stale(store)  # until the last block: a rebuild stopped midway is redone
    blocks = 0
    for i in range(0, len(rows), chunk):
        last = i + chunk >= len(rows)
        out = resolve_documents(store, rows[i:i + chunk], window_days=window_days,
                                ahead=False, connect=connect,
                                covers=stamp if last else (0, -1))
        blocks += 1
        if on_block is not None:
            on_block(out)
    return {"documents": len(rows), **_totals(store), "blocks": blocks, "mode": "blocks"}


def _day(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def resolve_block(store, compact: list[Extraction], docs: set[str]) -> dict[str, Any]:
    """The block's entities (merged into the stored ones), timeline, claims and disputes."""
    from ..store import delta
    members, copy_of = members_of(compact)
    stored = delta.entities_of(store, docs=docs, names={n for m in members for n in m.names})
    entities, mapping, drop = entities_of_block(
        members, copy_of, stored, docs,
        taken=lambda ids: delta.existing_ids(store, "entities", ids) - {e.id for e in stored})
    names = {e.id: e.name for e in entities}
    claims, disputes = build_claims_and_disputes(compact, mapping, names=names, entities=entities)
    timeline = build_timeline(compact, mapping, claims=claims, entities=entities)
    return {"drop_entities": drop, "entities": entities, "timeline": timeline, "claims": claims,
            "disputes": disputes + timeline_disputes(timeline, claims)}


def seed_of(e: CanonicalEntity, docs: list[str]) -> list[Member]:
    """A stored entity as members in some of its ``docs`` outside the block: what its
    members there contribute (its name, aliases, type and country, the roles of that
    report), one per document, so that the resolver's majority and dominance rules weigh it by its reports
    and keep apart two stored entities one report holds as different ones. Their entity
    id is ``SEED`` + the stored id."""
    names = [n for n in dict.fromkeys([e.name, *e.aliases]) if n and normalize(n)]
    # a name form the entity records as a minority's (a conflict) weighs as one report
    minor = {normalize(c.get("name") or "") for c in e.conflicts}
    major = [n for n in names if normalize(n) not in minor] or names
    roles: dict[str, list[str]] = {}  # the roles its reports give, by report
    for r in e.roles:
        if r.get("role") and r.get("doc"):
            roles.setdefault(r["doc"], []).append(str(r["role"]))
    # (its country counts once: the reports' own countries are not stored, their roles are)
    return [Member(d, SEED + e.id, e.type, e.name, (names if i == 0 else major) or [e.name],
                   roles.get(d, []), e.country if i == 0 else None, None, None, e.lat, e.lon)
            for i, d in enumerate(docs or [SEED + e.id])]


def _seed_docs(stored: list[CanonicalEntity], outside: dict, cap: int) -> dict[str, list[str]]:
    """Up to ``cap`` documents of each seed, those it shares with other seeds first (where
    one report names both as different entities)."""
    from collections import Counter as _Counter
    docs = {e.id: sorted({m["doc"] for m in outside[e.id]}) for e in stored if outside[e.id]}
    shared = _Counter(d for ds in docs.values() for d in ds)
    return {i: sorted(ds, key=lambda d: (-shared[d], d))[:cap] for i, ds in docs.items()}


def entities_of_block(members: list[Member], copy_of: dict, stored: list[CanonicalEntity],
                      docs: set[str], taken=lambda ids: set()):
    """(entities to write, (doc, entity) → canonical id for the block's members, ids of
    stored entities to drop). Stored entities with members outside the block are seeds
    (``seed_of``); ``taken(ids)``: which of ``ids`` entities outside the block hold."""
    by_id = {e.id: e for e in stored}
    outside = {e.id: [m for m in e.members if m["doc"] not in docs] for e in stored}
    seed_docs = _seed_docs(stored, outside, settings()["seed_weight_max"])
    seeds = [m for e in stored if e.id in seed_docs for m in seed_of(e, seed_docs[e.id])]
    copy_of = {**{s.doc: None for s in seeds}, **copy_of}
    resolved, mapping = resolve_members(members + seeds, copy_of)
    out: list[CanonicalEntity] = []
    remap: dict[str, str] = {}
    kept: set[str] = set()
    merged: set[str] = set()
    fresh: list[tuple[str, CanonicalEntity]] = []
    for r in resolved:
        seeded = sorted({m["entity"][len(SEED):] for m in r.members
                         if m["entity"].startswith(SEED)},
                        key=lambda i: (-len(by_id[i].documents), i))
        real = _strip(r, docs)
        if not real.members:
            continue  # a seed that nothing in the block joined: left as it is
        if seeded:
            real = _combine([by_id[i] for i in seeded], outside, real)
            kept.add(seeded[0])
            merged.update(seeded[1:])  # the block joins them: the larger keeps its id
            remap[r.id] = real.id
        else:
            fresh.append((r.id, real))
        out.append(real)
    # stored entities the block took members from and that no group kept
    for e in stored:
        if e.id in kept or e.id in merged:
            continue
        if any(m["doc"] in docs for m in e.members) and outside[e.id]:
            out.append(_combine([e], outside, None))
            kept.add(e.id)
    # dropped: those merged into another and those whose members were all in the block
    # and that no group kept; a seed that joined nothing stays as it is
    drop = merged | {e.id for e in stored if not outside[e.id] and e.id not in kept}
    # a new group's id that an entity kept, left as it is or outside the block holds
    used = {e.id for e in stored if e.id not in drop} | taken([real.id for _, real in fresh])
    for rid, real in fresh:
        if real.id in used:
            m = real.members[0]
            real.id = stable_id("ent", real.type, real.id, m["doc"], m["entity"])
        used.add(real.id)
        remap[rid] = real.id
    mapping = {k: remap.get(v, v) for k, v in mapping.items() if not k[1].startswith(SEED)}
    return out, mapping, drop


def _strip(r: CanonicalEntity, docs: set[str]) -> CanonicalEntity:
    """A resolved group without its seed members (and what they brought: the documents,
    roles and conflicts of the block's documents ``docs`` are its own)."""
    members = [m for m in r.members if not m["entity"].startswith(SEED)]
    mine = {m["doc"] for m in members}
    return CanonicalEntity(
        id=r.id, name=r.name, type=r.type, aliases=list(r.aliases), country=r.country,
        documents=[d for d in r.documents if d in mine],
        roles=[x for x in r.roles if x.get("doc") in mine],
        conflicts=[x for x in r.conflicts if x.get("doc") in mine],
        members=members, lat=r.lat, lon=r.lon)


def _combine(stored: list[CanonicalEntity], outside: dict, block: CanonicalEntity | None
             ) -> CanonicalEntity:
    """The first stored entity with its (and the others') members outside the block and
    the block's members of the group."""
    keep = stored[0]
    inside = {m["doc"] for e in stored for m in e.members} - {
        m["doc"] for e in stored for m in outside[e.id]}
    members = [m for e in stored for m in outside[e.id]] + (block.members if block else [])
    roles = [x for e in stored for x in e.roles if x.get("doc") not in inside]
    conflicts = [x for e in stored for x in e.conflicts if x.get("doc") not in inside]
    aliases = [keep.name, *keep.aliases]
    for e in stored[1:]:
        aliases += [e.name, *e.aliases]
    if block:
        roles += block.roles
        conflicts += block.conflicts
        aliases += block.aliases
    seen: set[str] = set()
    uniq = []
    for a in aliases:
        k = normalize(a)
        if k and k not in seen:
            seen.add(k)
            uniq.append(a)
    roles.sort(key=lambda x: (x.get("date") or "", x.get("doc") or ""))
    return CanonicalEntity(
        id=keep.id, name=keep.name, type=keep.type, aliases=uniq,
        country=(block.country if block and block.country else None) or keep.country,
        documents=sorted({m["doc"] for m in members}), roles=roles,
        conflicts=list({(c.get("name"), c.get("doc"), c.get("reason")): c
                        for c in conflicts}.values()),
        members=list({(m["doc"], m["entity"]): m for m in members}.values()),
        lat=keep.lat if keep.lat is not None else (block.lat if block else None),
        lon=keep.lon if keep.lon is not None else (block.lon if block else None))
