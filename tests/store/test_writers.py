"""Concurrent writers (issue #16): one writer at a time per store, a resolution stamped with
what it covers, the store's version. Both backends (the ``store``/``store_url`` fixtures)."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dossier.records import Document, Entity, Extraction, Mention
from dossier.store import open_store

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import founding_text, generate  # noqa: E402

DOSSIER = [sys.executable, "-c", "from dossier.cli import main; main()"]


def make_doc(doc_id, text=None):
    return Document(id=doc_id, text=text or f"The envoy {doc_id} met the minister in Geneva.",
                    raw_text=text or f"The envoy {doc_id} met the minister in Geneva.")


def make_extraction(doc):
    return Extraction(doc=doc, entities=[Entity(id="e1", name="Geneva", type="GPE",
                                                mentions=[Mention(start=0, end=3, text="The")])])


def test_resolution_built_while_a_document_arrives_is_stale(store):
    a = make_doc("a")
    store.add_document(a, make_extraction(a))
    assert store.resolution_stale()
    # a rebuild reads the extractions, then another writer stores one, then it commits
    list(store.iter_extractions())
    b = make_doc("b")
    store.add_document(b, make_extraction(b))
    store.replace_resolution([], [], [])
    assert store.resolution_stale()  # it covers a only: the next ingest rebuilds it
    list(store.iter_extractions())
    store.replace_resolution([], [], [])
    assert not store.resolution_stale()


def test_reextraction_after_the_resolution_makes_it_stale(store):
    a = make_doc("a")
    store.add_document(a, make_extraction(a))
    list(store.iter_extractions())
    store.replace_resolution([], [], [])
    assert not store.resolution_stale()
    store.save_extraction(make_extraction(store.get_document("a")))  # same count, newer
    assert store.resolution_stale()


def test_data_version_changes_with_every_write(store):
    v0 = store.data_version()
    a = make_doc("a")
    store.add_document(a)
    v1 = store.data_version()
    assert v1 > v0
    store.add_document(make_doc("a"))  # the same content: nothing written
    assert store.data_version() == v1
    store.save_extraction(make_extraction(store.get_document("a")))
    v2 = store.data_version()
    store.replace_resolution([], [], [])
    assert v0 < v1 < v2 < store.data_version()


def test_second_writer_waits_for_the_first(store_url):
    with open_store(store_url) as first, open_store(store_url) as second:
        events = []
        with first.writer():
            def other():
                with second.writer(on_wait=lambda msg: events.append(("wait", msg))):
                    events.append(("got", None))
            t = threading.Thread(target=other)
            t.start()
            time.sleep(0.3)
            assert [e[0] for e in events] == ["wait"] and "waiting" in events[0][1]
            events.append(("released", None))
        t.join(10)
        assert [e[0] for e in events] == ["wait", "released", "got"]
        with first.writer(), first.writer():  # re-entrant
            pass


@pytest.fixture
def halves(tmp_path):
    """Two overlapping directories of reports with near-duplicate copies across them."""
    recs = list(generate(40, seed=5))
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    for i, rec in enumerate(recs):
        text = founding_text(rec)
        (one if i % 2 else two).joinpath(f"{rec['id']}.txt").write_text(text, encoding="utf-8")
        if i % 5 == 0:  # a lightly edited copy in the other half
            (two if i % 2 else one).joinpath(f"{rec['id']}-copy.txt").write_text(
                text.replace("\n", " (Updated)\n", 1), encoding="utf-8")
        if i % 7 == 0:  # the same file in both halves
            (two if i % 2 else one).joinpath(f"{rec['id']}.txt").write_text(text, encoding="utf-8")
    return one, two


def _ingest(paths, db, report):
    return subprocess.Popen(DOSSIER + ["ingest", *map(str, paths), "--db", db, "--no-extract",
                                       "--report", str(report)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(ROOT))


def _summary(db):
    with open_store(db, create=False) as store:
        rows = store.list_documents(limit=None)
    return (len(rows), sum(r["copy_of"] is not None for r in rows))


def test_two_ingests_at_once_equal_one_after_the_other(halves, tmp_path):
    one, two = halves
    seq = str(tmp_path / "seq.db")
    for i, half in enumerate((one, two)):
        p = _ingest([half], seq, tmp_path / f"seq{i}.jsonl")
        assert p.wait(300) == 0, p.stderr.read().decode()
    par = str(tmp_path / "par.db")
    procs = [_ingest([half], par, tmp_path / f"par{i}.jsonl") for i, half in enumerate((one, two))]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1].decode() for o in outs]
    n, copies = _summary(par)
    assert (n, copies) == _summary(seq)  # near-duplicates found whatever the order
    # each run reports what it stored: together, what the store holds
    stored = 0
    for i in range(2):
        lines = [json.loads(x) for x in (tmp_path / f"par{i}.jsonl").read_text().splitlines()]
        stored += sum(r["status"] in ("stored", "near-duplicate") for r in lines)
    assert stored == n
    said = sum(int(o[1].decode().split("ingested ")[1].split(",")[0]) for o in outs)
    assert said == n


# ------------------------------------------------------------------ the stored near-duplicate index

def _sig(text):
    from dossier.clean.dedupe import signature
    return signature(text)


TEXT = ("Foreign Minister Anna Berg met Prime Minister Tomas Lind in Oslo on Monday and said "
        "the talks on the grain corridor were constructive, according to the ministry. ")


def test_near_duplicate_found_in_the_store_without_loading_every_signature(store, tmp_path,
                                                                            monkeypatch):
    from dossier import pipeline
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT * 3, encoding="utf-8")
    b.write_text(TEXT * 3 + "(Updated)", encoding="utf-8")
    pipeline.ingest([str(a)], store, extract=False, progress=False)

    def no_full_load():
        raise AssertionError("every stored signature loaded")

    monkeypatch.setattr(store, "iter_signatures", no_full_load)
    s = pipeline.ingest([str(b)], store, extract=False, progress=False)
    assert s.near_duplicates == 1 and store.get_document("b").copy_of == "a"


def test_stored_index_holds_originals_and_is_backfilled(store):
    from dossier.records import Document
    d1 = Document(id="o", text=TEXT * 3, raw_text=TEXT * 3)
    store.add_document(d1, None, _sig(d1.text))
    d2 = Document(id="c", text=TEXT * 3 + "x", raw_text=TEXT * 3 + "x", copy_of="o",
                  similarity=0.9)
    store.add_document(d2, None, _sig(d2.text))
    n = store.backend.query_one("SELECT COUNT(*) AS n FROM doc_bands")["n"]
    assert n == 18  # the original's bands only
    assert [d for d, _ in store.near_duplicate_candidates(_sig(TEXT * 3 + "y"))] == ["o"]
    with store.transaction():
        store.backend.execute("DELETE FROM doc_bands")
    assert store.near_duplicate_candidates(_sig(TEXT * 3)) == []
    store._backfill_bands()  # what opening a store from before migration 008 does
    assert [d for d, _ in store.near_duplicate_candidates(_sig(TEXT * 3))] == ["o"]


def _resolved(db):
    with open_store(db, create=False) as store:
        c = store.counts()
        stale = store.resolution_stale()
        docs = {d for e in store.list_entities() for d in e.documents}
    return c["documents"], c["timeline"], c["entities"], c["claims"], stale, len(docs)


@pytest.mark.slow
def test_two_extracting_ingests_at_once_resolve_like_one_after_the_other(halves, tmp_path):
    """With extraction and the cross-document resolution: the store two concurrent runs
    leave holds the same documents, timeline, entities and claims as two runs in turn,
    and its resolution covers every extraction."""
    one, two = halves

    def start(half, db):
        return subprocess.Popen(DOSSIER + ["ingest", str(half), "--db", db, "-q"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(ROOT))

    seq = str(tmp_path / "seq.db")
    for half in (one, two):
        p = start(half, seq)
        assert p.wait(900) == 0, p.stderr.read().decode()
    par = str(tmp_path / "par.db")
    procs = [start(half, par) for half in (one, two)]
    for p in procs:
        assert p.wait(900) == 0, p.stderr.read().decode()
    assert _resolved(par) == _resolved(seq)
    assert _resolved(par)[4] is False


def test_server_reads_through_a_bounded_pool_on_both_backends(store_url):
    """The JSON API over SQLite and PostgreSQL: concurrent reads share at most
    STORE_POOL_SIZE open stores, and a write is seen by the next read (the cache follows
    the store's version)."""
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from dossier.api import create_app
    from dossier.api.app import StorePool
    with open_store(store_url) as store:
        store.add_document(make_doc("first"))
    app = create_app(store_url)
    assert isinstance(app.state.open_store, StorePool)
    app.state.open_store.size = 3
    with TestClient(app) as c:
        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda i: c.get(f"/api/documents?offset={i % 2}",
                                                  headers={"Cache-Control": "no-cache"})
                                  .status_code, range(24)))
        assert codes == [200] * 24 and app.state.open_store.count <= 3
        assert c.get("/api/documents").json()["total"] == 1
        with open_store(store_url) as store:
            store.add_document(make_doc("second"))
        assert c.get("/api/documents").json()["total"] == 2
