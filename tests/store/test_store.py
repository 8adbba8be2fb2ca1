"""The store on both backends: round trips, migrations, transactions, search."""
from __future__ import annotations

import pytest

from dossier.errors import DossierError
from dossier.records import (CanonicalEntity, Claim, Document, Entity, Event, Extraction,
                             Mention, Repair, Statement, TimeExpr, TimelineItem)
from dossier.store import latest_version, open_store
from dossier.store.migrate import split_statements


def make_doc(doc_id="doc-a", text="The envoy met the minister in Geneva on Monday.", **kw):
    from dossier.ids import content_hash
    return Document(id=doc_id, text=text, raw_text=text.replace("met the", "metthe"),
                    title=kw.pop("title", f"Title of {doc_id}"), published="2025-12-02",
                    source="example.org", url=f"https://example.org/{doc_id}",
                    origin=f"/tmp/{doc_id}.txt", content_hash=content_hash(text),
                    repairs=[Repair(start=10, end=17, original="metthe", replacement="met the")],
                    meta={"k": "v"}, **kw)


def make_extraction(doc):
    return Extraction(
        doc=doc,
        entities=[Entity(id="e1", name="Ana Novak", type="PERSON", aliases=["Ana Novak", "Novak"],
                         roles=["envoy"], country="SVN",
                         mentions=[Mention(0, 9, "The envoy", kind="title")]),
                  Entity(id="e2", name="Geneva", type="GPE", mentions=[Mention(34, 40, "Geneva")])],
        times=[TimeExpr(start=44, end=50, text="Monday", value="2025-12-01", anchor="publication")],
        events=[Event(id="v1", type="CONSULT", trigger="met", actors=["e1"], location="e2",
                      date="2025-12-01", mode="meet", evidence={"start": 0, "end": 51})],
        statements=[Statement(id="s1", kind="indirect", cue="said", content="talks went well",
                              content_span={"start": 0, "end": 15}, speaker="e1")])


def test_document_round_trip(store):
    doc = make_doc()
    ext = make_extraction(doc)
    assert store.add_document(doc, ext, signature=[5, 3, 1]) == "doc-a"
    assert store.has_document("doc-a") and not store.has_document("nope")
    assert store.find_by_hash(doc.content_hash) == "doc-a"
    assert store.count_documents() == 1
    got = store.get_document("doc-a")
    assert got == doc
    got_ext = store.get_extraction("doc-a")
    assert got_ext.to_json() == ext.to_json()
    assert got_ext.doc.url == doc.url
    assert list(store.iter_signatures()) == [("doc-a", [5, 3, 1])]
    [streamed] = list(store.iter_extractions())
    assert streamed.to_json() == ext.to_json() and streamed.doc.repairs == doc.repairs
    [row] = store.list_documents()
    assert row["id"] == "doc-a" and row["n_entities"] == 2 and row["n_events"] == 1
    info = store.document_info("doc-a")
    assert info["repairs"][0]["original"] == "metthe" and info["n_statements"] == 1


def test_missing_records_are_none(store):
    assert store.get_document("x") is None and store.get_extraction("x") is None
    assert store.get_entity("x") is None and store.get_timeline_item("x") is None
    assert store.get_claim("x") is None and store.document_info("x") is None


def test_document_without_extraction_then_save(store):
    doc = make_doc()
    store.add_document(doc)
    assert store.get_extraction(doc.id) is None
    assert list(store.iter_extractions()) == []
    store.save_extraction(make_extraction(doc))
    store.save_extraction(make_extraction(doc))  # replacing is fine
    assert len(store.get_extraction(doc.id).entities) == 2
    with pytest.raises(DossierError) as err:
        store.save_extraction(make_extraction(make_doc("unknown", text="other")))
    assert err.value.code == "E202"


def test_same_content_is_stored_once_and_id_collision_gets_suffix(store):
    first = make_doc("story")
    assert store.add_document(first) == "story"
    assert store.add_document(make_doc("story")) == "story"  # same content: no-op
    assert store.count_documents() == 1
    other = make_doc("story", text="A different story with the same file name.")
    new_id = store.add_document(other, make_extraction(other))
    assert new_id.startswith("story-") and new_id == other.id
    assert store.get_extraction(new_id).doc.id == new_id
    # deterministic: the same content in a fresh store of the same history gets the same id
    assert new_id == "story-" + other.content_hash[:8]


def test_order_paging_and_source_filter(store):
    for i in range(70):  # more than one streaming page
        d = make_doc(f"d{i:02d}", text=f"Document number {i} about the talks.")
        d.source = "a.org" if i % 2 else "b.org"
        store.add_document(d, make_extraction(d), signature=[i])
    assert [e.doc.id for e in store.iter_extractions()] == [f"d{i:02d}" for i in range(70)]
    assert [s for _, s in store.iter_signatures()] == [[i] for i in range(70)]
    assert [r["id"] for r in store.list_documents(limit=3, offset=2)] == ["d02", "d03", "d04"]
    assert len(store.list_documents(limit=None, source="a.org")) == 35
    assert store.count_documents() == 70


def test_failed_write_leaves_nothing(store, monkeypatch):
    doc = make_doc()

    def boom(extraction):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_write_extraction", boom)
    with pytest.raises(RuntimeError):
        store.add_document(doc, make_extraction(doc), signature=[1])
    monkeypatch.undo()
    assert store.count_documents() == 0
    assert store.find_by_hash(doc.content_hash) is None
    assert store.document_info(doc.id) is None
    assert store.search("Geneva") == []
    # the store is still usable, and the same document goes in cleanly afterwards
    assert store.add_document(doc, make_extraction(doc)) == doc.id
    assert store.get_document(doc.id).repairs == doc.repairs


def test_failed_extraction_row_rolls_back_document(store):
    doc = make_doc()
    bad = make_extraction(doc)
    bad.times[0].text = None  # NOT NULL column: the database refuses, mid-transaction
    with pytest.raises(Exception):
        store.add_document(doc, bad)
    assert store.count_documents() == 0 and store.get_document(doc.id) is None


def _resolution():
    ents = [CanonicalEntity(id="ent_1", name="Ana Novak", type="PERSON",
                            aliases=["Ana Novak", "Novák"], country="SVN",
                            documents=["doc-a", "doc-b"]),
            CanonicalEntity(id="ent_2", name="Geneva", type="GPE", documents=["doc-a"]),
            CanonicalEntity(id="ent_3", name="Novak Holdings", type="ORG", documents=["doc-b"])]
    timeline = [TimelineItem(id="evt_2", date="2025-12-05", type="AGREE", mode=None,
                             status="occurred", summary="deal", participants=["Novak Holdings"]),
                TimelineItem(id="evt_1", date="2025-12-01", type="CONSULT", mode="meet",
                             status="occurred", summary="Novak met in Geneva",
                             participants=["Ana Novak"], participant_ids=["ent_1"],
                             location="Geneva", documents=["doc-a", "doc-b"],
                             independent_reports=2),
                TimelineItem(id="evt_3", date=None, type="AID", mode=None, status="planned",
                             summary="aid")]
    claims = [Claim(id="clm_1", content="talks went well", speaker="Ana Novak",
                    speaker_id="ent_1", about=["Geneva"], documents=["doc-a"]),
              Claim(id="clm_2", content="no deal", speaker=None, about=["Ana Novak"])]
    return ents, timeline, claims


def test_resolution_round_trip_and_queries(store):
    ents, timeline, claims = _resolution()
    store.replace_resolution(ents, timeline, claims)
    assert store.get_entity("ent_1") == ents[0]
    assert [e.id for e in store.list_entities()] == ["ent_1", "ent_2", "ent_3"]
    assert [e.id for e in store.list_entities(type="GPE")] == ["ent_2"]
    assert [e.id for e in store.list_entities(q="novak")][:2] == ["ent_1", "ent_3"]
    assert [e.id for e in store.list_entities(q="Novák")][0] == "ent_1"  # alias, diacritics
    assert [e.id for e in store.list_entities(q="novak holdings")] == ["ent_3"]
    assert [e.id for e in store.list_entities(limit=1, offset=1)] == ["ent_2"]

    assert [t.id for t in store.list_timeline()] == ["evt_1", "evt_2", "evt_3"]
    assert store.get_timeline_item("evt_1") == timeline[1]
    assert [t.id for t in store.list_timeline(date_from="2025-12-02")] == ["evt_2"]
    assert [t.id for t in store.list_timeline(date_to="2025-12-01")] == ["evt_1"]
    assert [t.id for t in store.list_timeline(date_to="2025-12")] == ["evt_1", "evt_2"]
    assert [t.id for t in store.list_timeline(entity="ent_1")] == ["evt_1"]
    assert [t.id for t in store.list_timeline(entity="Novák")] == ["evt_1"]
    assert [t.id for t in store.list_timeline(entity="Geneva")] == ["evt_1"]  # location
    assert [t.id for t in store.list_timeline(entity="Novak Holdings")] == ["evt_2"]

    assert [c.id for c in store.list_claims()] == ["clm_1", "clm_2"]
    assert store.get_claim("clm_2") == claims[1]
    assert [c.id for c in store.list_claims(about="Ana Novak")] == ["clm_2"]
    assert [c.id for c in store.list_claims(about="ent_2")] == ["clm_1"]
    assert [c.id for c in store.list_claims(speaker="Ana Novak")] == ["clm_1"]


def test_replace_resolution_replaces_and_is_atomic(store, monkeypatch):
    ents, timeline, claims = _resolution()
    store.replace_resolution(ents, timeline, claims)
    store.replace_resolution(ents[:1], [], [])
    assert [e.id for e in store.list_entities()] == ["ent_1"]
    assert store.list_timeline() == [] and store.list_claims() == []
    broken = TimelineItem(id="evt_x", date=None, type=None, mode=None, status="occurred",
                          summary="")  # type NOT NULL: fails after the deletes
    with pytest.raises(Exception):
        store.replace_resolution(ents, [broken], claims)
    assert [e.id for e in store.list_entities()] == ["ent_1"]  # the old resolution survives


def test_search(store):
    for i, text in enumerate(["Negotiators met in Geneva to discuss a ceasefire.",
                              "The parliament voted on the budget.",
                              "Ceasefire talks resumed in Istanbul after the ceasefire collapsed."]):
        store.add_document(make_doc(f"s{i}", text=text, title=f"Report {i}"))
    hits = store.search("ceasefire")
    assert {h["id"] for h in hits} == {"s0", "s2"}
    assert hits[0]["id"] == "s2"  # mentions it twice: ranks first
    assert "[" in hits[0]["snippet"] and set(hits[0]) >= {"id", "title", "snippet", "rank"}
    assert [h["id"] for h in store.search("budget parliament")] == ["s1"]
    assert store.search("Report 1")[0]["id"] == "s1"  # titles are searched too
    assert store.search("") == [] and store.search("?!") == []
    assert store.search('"unbalanced AND (') == []  # user syntax is never an SQL/FTS error
    assert len(store.search("ceasefire", limit=1)) == 1
    assert store.search("ceasefire", limit=5, offset=1)[0]["id"] == "s0"


def test_migrations_are_idempotent_and_versioned(store_url):
    with open_store(store_url) as s:
        assert s.version() == latest_version(s.dialect) == s.schema_version
        s.add_document(make_doc())
    with open_store(store_url) as s:  # reopening applies nothing and keeps the data
        assert s.version() == latest_version(s.dialect)
        assert s.count_documents() == 1
        s.backend.execute("INSERT INTO schema_version (version, name, applied_at)"
                          " VALUES (?, ?, ?)", (999, "future", "2099-01-01"))
    with pytest.raises(DossierError) as err:
        open_store(store_url)
    assert err.value.code == "E201" and "999" in str(err.value)


def test_unopenable_store():
    with pytest.raises(DossierError) as err:
        open_store("/nonexistent/dir/x.db")
    assert err.value.code == "E200"


def test_split_statements_keeps_trigger_bodies():
    sql = """-- comment
CREATE TABLE a (x INTEGER);
CREATE TRIGGER t AFTER INSERT ON a BEGIN
    INSERT INTO b VALUES (1);
    INSERT INTO b VALUES (2);
END;
CREATE INDEX i ON a (x);"""
    parts = split_statements(sql)
    assert len(parts) == 3 and parts[1].count("INSERT INTO") == 2


def test_concurrent_writer_race_resolves_to_the_stored_copy(store_url, monkeypatch):
    with open_store(store_url) as a, open_store(store_url) as b:
        doc = make_doc("race")
        assert b.add_document(make_doc("race")) == "race"
        real, calls = a.find_by_hash, []

        def stale_once(h):  # A checked before B committed
            calls.append(h)
            return None if len(calls) == 1 else real(h)

        monkeypatch.setattr(a, "find_by_hash", stale_once)
        assert a.add_document(doc, make_extraction(doc)) == "race"
        assert len(calls) == 2 and a.count_documents() == 1


def test_odd_metadata_and_numpy_like_signatures(store):
    import datetime
    import decimal
    doc = make_doc()
    doc.meta = {"fetched": datetime.date(2025, 12, 2), "n": 3}
    store.add_document(doc, signature=[decimal.Decimal(7), 2**63 + 5])
    assert store.get_document(doc.id).meta == {"fetched": "2025-12-02", "n": 3}
    assert list(store.iter_signatures()) == [(doc.id, [7, 2**63 + 5])]
