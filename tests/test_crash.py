"""Crash safety: ``dossier ingest`` killed with SIGKILL at random moments loses nothing.

The harness runs ``dossier ingest`` as a subprocess on 40 synthetic reports and kills
its whole process group with SIGKILL — early (start-up, migrations), after k documents
are visible in the store (mid-write), or once all are in (resolution) — then checks that
the store opens and holds no half-written document: every document has its extraction
(when extracting), the normalised rows (entities, mentions, times, events, statements,
repairs) match the extraction JSON, SQLite and FTS integrity checks pass. A final run
completes; all 40 documents are there exactly once and the resolution covers them.

Default run: 2 kills without extraction. ``-m slow``: 20 kills with extraction (two of
them on a local Dask cluster). Also: a reader querying the store while an ingest writes
(SQLite WAL) never fails.
"""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import founding_text, generate  # noqa: E402

N_DOCS = 40
DOSSIER = [sys.executable, "-c", "from dossier.cli import main; main()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("crash-corpus")
    for rec in generate(N_DOCS, seed=11):
        (d / f"{rec['id']}.txt").write_text(founding_text(rec), encoding="utf-8")
    return d


EXPECTED = {f"syn-{i:06d}" for i in range(N_DOCS)}


def _start(corpus: Path, db: str, extract: bool, dask: bool = False) -> subprocess.Popen:
    args = DOSSIER + ["ingest", str(corpus), "--db", db, "-q"]
    if not extract:
        args.append("--no-extract")
    if dask:
        args += ["--cluster", "local", "--workers", "1"]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, cwd=str(ROOT))


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and any worker it started
    except ProcessLookupError:
        pass
    proc.wait()


def _count(db: str) -> int:
    """Documents visible to a read-only reader, or -1 while the store is not there yet."""
    if not os.path.exists(db):
        return -1
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return -1


def _kill_at_random_moment(proc: subprocess.Popen, db: str, rng: random.Random) -> str:
    """Kill ``proc`` early, mid-write after k more documents, or once all are in; say which."""
    mode = rng.choice(["early", "mid", "mid", "mid", "late"])
    have = max(0, _count(db))
    if mode == "early":
        time.sleep(rng.uniform(0.05, 1.5))
    else:
        target = N_DOCS if mode == "late" or have >= N_DOCS - 1 else rng.randrange(have + 1, N_DOCS)
        while proc.poll() is None and _count(db) < target:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
    finished = proc.poll() is not None
    _kill(proc)
    return f"{mode}{' (had finished)' if finished else ''}: {have} -> {max(0, _count(db))} docs"


def check_store(db: str, extract: bool) -> dict:
    """Open the store after a crash and check that nothing is half-written."""
    from dossier.store import open_store
    if not os.path.exists(db):
        return {"documents": 0}
    with open_store(db) as store:  # opens (and finishes migrating) after any kill
        n = store.count_documents()
        for ex in store.iter_extractions():
            assert ex.doc.text and ex.doc.id in EXPECTED
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        ids = [r[0] for r in con.execute("SELECT doc_id FROM documents")]
        assert len(ids) == len(set(ids)) == n
        assert set(ids) <= EXPECTED, f"duplicated or renamed documents: {set(ids) - EXPECTED}"
        if extract:
            orphans = con.execute("SELECT d.doc_id FROM documents d LEFT JOIN extractions x"
                                  " ON x.doc_id = d.doc_id WHERE x.doc_id IS NULL").fetchall()
            assert orphans == [], f"documents without their extraction: {orphans}"
        for doc_id, text in con.execute("SELECT doc_id, text FROM documents").fetchall():
            repairs = con.execute("SELECT start_char, end_char, original, replacement FROM repairs"
                                  " WHERE doc_id = ? ORDER BY n", (doc_id,)).fetchall()
            for start, end, _orig, repl in repairs:
                assert 0 <= start <= end <= len(text) and text[start:end] == repl
            row = con.execute("SELECT data, n_entities, n_times, n_events, n_statements"
                              " FROM extractions WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is None:
                continue
            data = json.loads(row[0])
            assert data["doc"]["id"] == doc_id and data["text"] == text
            assert [tuple(r.values()) for r in
                    ({"s": r["start"], "e": r["end"], "o": r["original"], "r": r["replacement"]}
                     for r in data.get("repairs", []))] == [tuple(r) for r in repairs]
            assert row[1:] == (len(data["entities"]), len(data["times"]), len(data["events"]),
                               len(data["statements"]))

            def rows(table):
                return con.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = ?",
                                   (doc_id,)).fetchone()[0]

            assert rows("doc_entities") == len({e["id"] for e in data["entities"]})
            assert rows("mentions") == sum(len(e["mentions"]) for e in data["entities"])
            assert rows("times") == len(data["times"])
            assert rows("events") == len({v["id"] for v in data["events"]})
            assert rows("statements") == len({s["id"] for s in data["statements"]})
    finally:
        con.close()
    return {"documents": n}


def _unresolved(db: str) -> list[str]:
    """Documents with entities that the cross-document resolution does not know."""
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT DISTINCT doc_id FROM doc_entities EXCEPT"
                                          " SELECT doc_id FROM entity_documents")]
    finally:
        con.close()


def _final_run(corpus: Path, db: str, extract: bool, log: list[str] | None = None) -> None:
    proc = _start(corpus, db, extract)
    _, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    check_store(db, extract)
    con = sqlite3.connect(db)
    try:
        ids = {r[0] for r in con.execute("SELECT doc_id FROM documents")}
        assert ids == EXPECTED, f"lost: {sorted(EXPECTED - ids)}"
    finally:
        con.close()
    if extract:
        # a kill during the resolution step is repaired by the re-run itself
        assert _unresolved(db) == [], "the re-run left documents out of the resolution"
    # once more: everything is a duplicate now, nothing changes
    proc = _start(corpus, db, extract)
    _, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    assert check_store(db, extract)["documents"] == N_DOCS


def crash_harness(tmp: Path, corpus: Path, kills: int, extract: bool, seed: int,
                  dask_kills: int = 0) -> tuple[list[str], list[str]]:
    """``kills`` SIGKILLs; a store that is complete gets its final runs and the next kills
    go to a fresh store (a new round), so kills keep landing mid-ingest."""
    rng = random.Random(seed)
    log: list[str] = []
    findings: list[str] = []
    rounds = 0
    db = str(tmp / f"crash-{rounds}.db")
    for i in range(kills):
        proc = _start(corpus, db, extract, dask=i < dask_kills)
        try:
            log.append(f"round {rounds}: " + _kill_at_random_moment(proc, db, rng))
        finally:
            _kill(proc)
        if check_store(db, extract)["documents"] == N_DOCS:
            _final_run(corpus, db, extract, findings)
            rounds += 1
            db = str(tmp / f"crash-{rounds}.db")
    _final_run(corpus, db, extract, findings)
    return log, findings


def test_two_kills_without_extraction(corpus, tmp_path):
    log, findings = crash_harness(tmp_path, corpus, kills=2, extract=False, seed=1)
    assert len(log) == 2 and findings == []


@pytest.mark.slow
def test_twenty_kills_with_extraction(corpus, tmp_path):
    log, findings = crash_harness(tmp_path, corpus, kills=20, extract=True, seed=2,
                                  dask_kills=2)
    print("\n".join(log + findings))
    assert len(log) == 20


@pytest.mark.slow
def test_twenty_kills_without_extraction(corpus, tmp_path):
    log, findings = crash_harness(tmp_path, corpus, kills=20, extract=False, seed=3)
    print("\n".join(log + findings))
    assert len(log) == 20 and findings == []


def test_rerun_rebuilds_a_stale_resolution(corpus, tmp_path):
    """Deterministic form of a kill during the resolution step: documents stored, no
    resolution; ``dossier ingest`` again must bring the resolution up to date."""
    from dossier.pipeline import ingest
    from dossier.store import open_store
    db = str(tmp_path / "stale.db")
    few = tmp_path / "few"
    few.mkdir()
    for p in sorted(corpus.iterdir())[:3]:
        (few / p.name).write_bytes(p.read_bytes())
    with open_store(db) as store:
        ingest([str(few)], store, progress=False, resolve=False)  # "killed" before resolving
    assert len(_unresolved(db)) == 3
    proc = subprocess.run(DOSSIER + ["ingest", str(few), "--db", db, "-q"], cwd=str(ROOT),
                          capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    assert _unresolved(db) == []


def test_reader_works_while_ingest_writes(corpus, tmp_path):
    """WAL: a second connection lists, counts and searches while ``dossier ingest`` writes."""
    from dossier.store import open_store
    db = str(tmp_path / "wal.db")
    proc = _start(corpus, db, extract=False)
    seen = []
    try:
        while proc.poll() is None and _count(db) < 1:
            time.sleep(0.005)
        while proc.poll() is None or not seen:
            with open_store(db, create=False) as store:
                n = store.count_documents()
                docs = store.list_documents(limit=5)
                store.search("talks", limit=5)
                assert min(5, n) <= len(docs) <= 5  # a document may commit between the two reads
            seen.append(n)
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    finally:
        _kill(proc)
    assert seen == sorted(seen)  # counts only grow: every read saw a committed state
    with open_store(db, create=False) as store:
        assert store.count_documents() == N_DOCS


def test_writer_killed_while_another_waits(corpus, tmp_path):
    """Two ingests into one store; the one holding the writer lock is killed mid-write:
    the lock goes with the process, the waiting one goes on, nothing is half-written, and
    a final run completes the store (issue #16)."""
    db = str(tmp_path / "two.db")
    first = _start(corpus, db, extract=False)
    try:
        while first.poll() is None and _count(db) < 3:
            time.sleep(0.005)
        second = _start(corpus, db, extract=False)  # waits for the lock
        time.sleep(0.3)
    finally:
        _kill(first)
    _, err = second.communicate(timeout=600)
    assert second.returncode == 0, err.decode(errors="replace")[-2000:]
    assert check_store(db, extract=False)["documents"] == N_DOCS
    _final_run(corpus, db, extract=False)


def test_special_files_in_the_input_do_not_stop_or_hang_ingest(corpus, tmp_path):
    """A FIFO and a symlink to /etc/passwd among the reports: refused by name, the rest in."""
    d = tmp_path / "mixed"
    d.mkdir()
    for p in sorted(corpus.iterdir())[:5]:
        (d / p.name).write_bytes(p.read_bytes())
    os.mkfifo(d / "000-fifo.txt")
    (d / "001-passwd.txt").symlink_to("/etc/passwd")
    db = str(tmp_path / "special.db")
    proc = subprocess.run(DOSSIER + ["ingest", str(d), "--db", db, "-q", "--no-extract"],
                          cwd=str(ROOT), capture_output=True, timeout=300)
    err = proc.stderr.decode(errors="replace")
    assert proc.returncode == 1 and "[E113]" in err and "[E114]" in err, err
    assert _count(db) == 5
