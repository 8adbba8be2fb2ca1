"""The query paths pushed into SQL (migration 004) give what the Python paths gave."""
from __future__ import annotations

import random

import pytest

from dossier import analyze
from dossier.ids import content_hash
from dossier.records import CanonicalEntity, Claim, Document, TimelineItem
from dossier.dates import period_end, period_start
from dossier.store import open_store

DATES = ["2025-03-04", "2025-03-31", "2025-04-01", "2025-W14", "2025-W14-WE", "2025-03",
         "2025-04", "2025", "2024-12-31", "2026-01", None, None, "XXXX-03", "2025-W53", "2025-02-28"]
PEOPLE = [("ent_a", "Ana Novak"), ("ent_b", "Boris Orlov"), ("ent_c", "Chen Li"),
          ("ent_d", "Dara Kim")]


def _resolution(n=60, seed=3):
    rng = random.Random(seed)
    ents = [CanonicalEntity(id=i, name=name, type="PERSON", aliases=[name, name.split()[-1]],
                            documents=[f"d{k}" for k in range(j + 2)])
            for j, (i, name) in enumerate(PEOPLE)]
    ents.append(CanonicalEntity(id="ent_g", name="Geneva", type="GPE", documents=["d1"]))
    items = []
    for k in range(n):
        who = rng.sample(PEOPLE, rng.choice([1, 2, 2, 3]))
        items.append(TimelineItem(
            id=f"evt_{k:03d}", date=rng.choice(DATES), type=rng.choice(["MEET", "CALL", "VISIT"]),
            mode=None, status="occurred", summary=rng.choice(["talks", "a call", "talks"]),
            participants=[name for _, name in who], participant_ids=[i for i, _ in who],
            location="Geneva" if k % 4 == 0 else None, documents=[f"d{k}"],
            independent_reports=1))
    claims = [Claim(id="clm_1", content="We will talk.", speaker="Ana Novak", speaker_id="ent_a",
                    about=["Boris Orlov"], documents=[f"d{k}" for k in range(50)])]
    return ents, items, claims


def _reference(items, date_from=None, date_to=None, entity_ids=None, limit=None, offset=0):
    """The Python path of analyze.timeline before the SQL one."""
    if entity_ids is not None:
        items = [t for t in items if set(entity_ids) & set(t.participant_ids)
                 or (t.location and "ent_g" in entity_ids)]
    if date_from or date_to:
        lo = period_start(date_from) if date_from else None
        hi = period_end(date_to) if date_to else None
        items = [t for t in items if period_start(t.date)
                 and (lo is None or period_start(t.date) >= lo)
                 and (hi is None or (period_end(t.date) or "9999") <= hi)]
    items = sorted(items, key=analyze._chrono)
    return [t.id for t in items[offset:offset + limit if limit is not None else None]]


CASES = [dict(), dict(date_from="2025-03"), dict(date_to="2025-03"),
         dict(date_from="2025-03-31", date_to="2025-04"), dict(date_from="2025", date_to="2025"),
         dict(entity="Ana Novak"), dict(entity="ent_b", date_from="2025-04"),
         dict(entity="Geneva"), dict(limit=7), dict(limit=5, offset=9),
         dict(entity="Chen Li", limit=3, offset=2), dict(date_from="2025-04", limit=4, offset=1)]


def _check_timeline(store, items):
    ids = {"Ana Novak": ["ent_a"], "ent_b": ["ent_b"], "Chen Li": ["ent_c"], "Geneva": ["ent_g"]}
    for case in CASES:
        got = [t["id"] for t in analyze.timeline(store, **case)]
        kw = dict(case)
        ent = kw.pop("entity", None)
        assert got == _reference(items, entity_ids=ids[ent] if ent else None, **kw), case


def test_timeline_in_sql_matches_the_python_path(store):
    ents, items, claims = _resolution()
    store.replace_resolution(ents, items, claims)
    _check_timeline(store, items)
    # undated last, everything there without a limit
    full = analyze.timeline(store)
    assert len(full) == len(items) and full[-1]["date"] in (None, "XXXX-03")
    # the store's own date-prefix filter is unchanged, with an entity as well
    legacy = [t.id for t in store.list_timeline(date_from="2025-04", entity="ent_a")]
    want = sorted((t for t in items if "ent_a" in t.participant_ids and t.date
                   and not t.date.startswith("X") and t.date >= "2025-04"),
                  key=lambda t: (t.date, int(t.id[4:])))
    assert legacy == [t.id for t in want]


def test_actor_co_actors_and_event_paging(store):
    ents, items, claims = _resolution()
    store.replace_resolution(ents, items, claims)
    mine = [t for t in items if "ent_a" in t.participant_ids]
    a = analyze.actor(store, "Ana Novak", events_limit=4)
    assert a["n_events"] == len(mine) and len(a["events"]) == 4
    assert [t["id"] for t in a["events"]] == _reference(items, entity_ids=["ent_a"], limit=4)
    want: dict[str, int] = {}
    for t in mine:
        for pid in t.participant_ids:
            if pid != "ent_a":
                want[pid] = want.get(pid, 0) + 1
    assert {c["id"]: c["events"] for c in a["co_actors"]} == want
    counts = [c["events"] for c in a["co_actors"]]
    assert counts == sorted(counts, reverse=True)
    assert {c["name"] for c in a["co_actors"]} <= {name for _, name in PEOPLE}
    assert len(analyze.actor(store, "ent_a", events_limit=None)["events"]) == len(mine)
    assert [c["id"] for c in a["statements"]] == ["clm_1"]
    assert analyze.claims(store, "Boris Orlov")[0] == claims[0].to_json()


def test_slim_entities(store):
    ents, items, claims = _resolution()
    store.replace_resolution(ents, items, claims)
    slim = store.list_entities(type="PERSON", slim=True)
    assert [e.id for e in slim] == [e.id for e in store.list_entities(type="PERSON")]
    assert all(e.documents == [] for e in slim)
    assert store.get_entity("ent_d").documents == ents[3].documents  # the full record
    rows = analyze.entities(store, "Novak", slim=True)
    assert rows[0]["id"] == "ent_a" and rows[0]["documents"] == []


def test_document_pages(store):
    for i in range(12):
        text = f"Report number {i} on the talks."
        store.add_document(Document(id=f"p{i:02d}", text=text, raw_text=text,
                                    source="a.org" if i % 3 else "b.org",
                                    content_hash=content_hash(text)))
    every = [r["id"] for r in store.list_documents(limit=None)]
    assert every == [f"p{i:02d}" for i in range(12)]
    assert [r["id"] for r in store.list_documents(limit=4, offset=7)] == every[7:11]
    assert [r["id"] for r in store.list_documents(limit=None, offset=10)] == every[10:]
    b = [r["id"] for r in store.list_documents(limit=None, source="b.org")]
    assert b == ["p00", "p03", "p06", "p09"]
    assert [r["id"] for r in store.list_documents(limit=2, offset=1, source="b.org")] == b[1:3]


def test_search_of_a_very_common_term_ranks_the_recent_matches(tmp_path, monkeypatch):
    import dossier.store.backends as backends_mod
    with open_store(str(tmp_path / "s.db")) as store:
        texts = ["ceasefire ceasefire ceasefire talks"] + [f"a ceasefire, report {i}, among many"
                                                           for i in range(5)]
        for i, text in enumerate(texts):
            store.add_document(Document(id=f"s{i}", text=text, raw_text=text,
                                        content_hash=content_hash(text)))
        assert store.search("ceasefire", limit=1)[0]["id"] == "s0"  # best bm25
        monkeypatch.setattr(backends_mod, "SEARCH_CAP", 2)
        hits = store.search("ceasefire", limit=1)
        assert [h["id"] for h in hits] and hits[0]["id"] in {"s4", "s5"}  # the 2 most recent
        assert len(store.search("ceasefire", limit=3)) == 3
        assert {h["id"] for h in store.search("ceasefire", limit=10)} == {f"s{i}" for i in range(6)}


def test_an_older_store_gets_its_query_columns(store_url, monkeypatch):
    """A store resolved before migration 004 is back-filled when opened."""
    import dossier.store.migrate as migrate_mod
    real = migrate_mod.migrations
    monkeypatch.setattr(migrate_mod, "migrations", lambda d: real(d)[:3])
    ents, items, claims = _resolution()
    from dossier.store.store import _dumps, norm_name
    with open_store(store_url) as old:
        assert old.schema_version == 3
        b = old.backend
        b.executemany("INSERT INTO entities (id, n, name, type, country, n_documents, data)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)",
                      [(e.id, i, e.name, e.type, e.country, len(e.documents), _dumps(e.to_json()))
                       for i, e in enumerate(ents)])
        b.executemany("INSERT INTO entity_names (entity_id, name_norm) VALUES (?, ?)",
                      [(e.id, k) for e in ents for k in dict.fromkeys(
                          norm_name(x) for x in [e.name, *e.aliases])])
        b.executemany("INSERT INTO timeline (id, n, date, type, status, data)"
                      " VALUES (?, ?, ?, ?, ?, ?)",
                      [(t.id, i, t.date, t.type, t.status, _dumps(t.to_json()))
                       for i, t in enumerate(items)])
        b.executemany("INSERT INTO timeline_entities (item_id, entity_id) VALUES (?, ?)",
                      [(t.id, r) for t in items for r in dict.fromkeys(
                          t.participant_ids + (["ent_g"] if t.location else []))])
    monkeypatch.setattr(migrate_mod, "migrations", real)
    with open_store(store_url) as store:
        assert store.schema_version >= 4
        _check_timeline(store, items)
        assert analyze.actor(store, "ent_b")["co_actors"]
        assert store.list_entities(type="PERSON", slim=True)[0].documents == []


def test_a_name_shared_by_two_entities(store):
    ents, items, claims = _resolution()
    ents[3].aliases.append("Novak")  # Dara Kim is "Novak" too: two entities, one name
    store.replace_resolution(ents, items, claims)
    both = [t for t in items if {"ent_a", "ent_d"} & set(t.participant_ids)]
    got = [t.id for t in store.list_timeline(entity="Novak")]
    assert got == [t.id for t in sorted(both, key=lambda t: (t.date is None, t.date or "",
                                                             int(t.id[4:])))]
    got = [t.id for t in store.list_timeline(entity="Novak", order="chrono", limit=5, offset=2)]
    assert got == [t.id for t in sorted(both, key=analyze._chrono)][2:7]
    assert store.count_timeline(entity="Novak") == len(both)
