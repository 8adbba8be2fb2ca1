"""Partial resolution updates (dossier.store.delta) on both backends: reports resolved in
batches, incrementally, give the entities, timeline, claims and co-participant counts of
the whole."""
import sys
from pathlib import Path

from dossier.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "resolve"))
from resolve_helpers import ent, ex, stm  # noqa: E402
from test_incremental import _reports, _view  # noqa: E402


def _pairs(store):
    names = {e.id: e.name for e in store.list_entities(limit=None)}
    return sorted((names.get(r["entity_id"], r["entity_id"]), names.get(r["other_id"], r["other_id"]),
                   r["events"]) for r in store.backend.query("SELECT * FROM timeline_pairs"))


def test_batches_resolve_as_the_whole_on_each_backend(store_url, tmp_path):
    from dossier.resolve import rebuild, update
    reports = _reports()
    with open_store(str(tmp_path / "whole.db")) as whole:
        for x in reports:
            whole.add_document(x.doc, x)
        rebuild(whole)
        expected, pairs = _view(whole), _pairs(whole)
        whole_order = whole.list_timeline(limit=None)
    with open_store(store_url) as store:
        for x in reports[:3]:
            store.add_document(x.doc, x)
        rebuild(store)
        for x in reports[3:]:
            store.add_document(x.doc, x)
        out = update(store, full_fraction=1.01, window_days=3)
        assert out["mode"] == "incremental" and out["block"] < len(reports)
        assert _view(store) == expected and _pairs(store) == pairs
        assert not store.resolution_stale()
        # the timeline order is whole: every item ranked once, in the contract's order
        ranks = store.backend.query("SELECT id, chrono FROM timeline")
        assert sorted(r["chrono"] for r in ranks) == list(range(len(ranks)))
        listed = [t.date or "" for t in store.list_timeline(limit=None)]
        assert listed == [t.date or "" for t in whole_order]
        # an item's documents are an index look-up
        item = store.list_timeline(limit=1)[0]
        rows = store.backend.query("SELECT doc_id FROM timeline_documents WHERE item_id = ?",
                                   (item.id,))
        assert sorted(r["doc_id"] for r in rows) == sorted(item.documents)


def test_the_candidate_reads_of_an_item_on_each_backend(store_url):
    """What the look-ups read of a stored item without its reports: its participants with
    their types and countries (``item_parties``), the days that place it (``items_naming_days``)
    and its latest text (``last_published``)."""
    from dossier.resolve import rebuild
    from dossier.store import delta
    from test_incremental import _talks_and_agreement
    old, new = _talks_and_agreement()
    with open_store(store_url) as store:
        for x in old + new:
            store.add_document(x.doc, x)
        rebuild(store)
        talks = next(t for t in store.list_timeline(limit=None) if "t1" in t.documents)
        kind, first, last, rows = delta.item_parties(store, [talks.id])[talks.id]
        assert (kind, first, last) == ("CONSULT", "2025-03-09", "2025-03-09")
        people = {(t, c) for _, role, t, c in rows if role == "participant"}
        assert {("PERSON", "NOR"), ("PERSON", "SWE")} <= people
        kovacs = next(e for e, _, t, _ in rows if t == "PERSON" and e in talks.participant_ids)
        found = delta.items_naming_days(store, [kovacs], ["CONSULT"], "2025-03-01", "2025-03-20")
        assert (talks.id, kovacs, "CONSULT", "2025-03-09", "2025-03-09", None) in found
        assert not delta.items_naming_days(store, [kovacs], ["CONSULT"], "2025-03-10", "2025-03-20")
        assert delta.last_published(store, [talks.id])[talks.id][:10] == "2025-03-09"


def test_the_reads_of_an_undated_event_s_look_up_on_each_backend(store_url):
    """What ``_undated_items`` reads of a stored item (its type, status and reports' days:
    ``items_reports``) and which events a publication dates (``inferred_events``, from the
    stored extractions)."""
    from dossier.resolve import rebuild
    from dossier.store import delta
    from test_incremental import _talks_and_agreement
    old, new = _talks_and_agreement()
    new[0].events[0].date_inferred = True  # the agreement dated by its publication
    with open_store(store_url) as store:
        for x in old + new:
            store.add_document(x.doc, x)
        rebuild(store)
        talks = next(t for t in store.list_timeline(limit=None) if "t1" in t.documents)
        kind, status, reps = delta.items_reports(store, [talks.id])[talks.id]
        assert (kind, status) == ("CONSULT", "occurred")
        assert {(r["doc"], r["event"], r["date"]) for r in reps} >= {("t1", "v1", "2025-03-09")}
        assert delta.inferred_events(store, ["t1", "g1"]) == {("g1", "v1")}


def test_the_claims_people_alone_said_on_each_backend(store_url):
    """``claims_said_by``: the claims all of whose reports a person said (their speakers as
    their texts type them), not one a state said."""
    from dossier.resolve import rebuild
    from dossier.store import delta

    def said(i, who, etype):
        return ex(f"c{i}", [ent("s1", who, etype, country="NOR")],
                  statements=[stm("s1", "the port blockade must end now", speaker="s1")],
                  published="2025-02-01", source=f"o{i}.com", text=f"{who} said so. {i}")
    with open_store(store_url) as store:
        for x in [said(0, "Anna Lindqvist", "PERSON"), said(1, "Maria Kovacs", "PERSON"),
                  said(2, "Norway", "GPE")]:
            store.add_document(x.doc, x)
        rebuild(store)
        claims = store.list_claims(limit=None)
        people = delta.claims_said_by(store, [c.id for c in claims], "PERSON")
        assert people == {c.id for c in claims if "c2" not in c.documents} and people
