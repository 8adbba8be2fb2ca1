"""``dossier ingest``: summary line, error lines, exit status, DOSSIER_DB."""
from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier import pipeline
from dossier.cli import cli
from dossier.errors import DossierError, E
from dossier.ids import content_hash
from dossier.records import Document, Entity, Extraction, RawDocument
from dossier.store import open_store


def _read(paths, max_bytes, allow_urls=False, follow_symlinks=False):
    for p in map(Path, paths):
        if not p.exists():
            yield DossierError(E.E100, path=str(p))
            continue
        for f in sorted(p.rglob("*.txt")) if p.is_dir() else [p]:
            data = f.read_bytes()
            if len(data) > max_bytes:
                yield DossierError(E.E107, path=str(f), size=len(data), limit=max_bytes)
            elif b"\0" in data:
                yield DossierError(E.E109, path=str(f))
            else:
                yield RawDocument(id=f.stem, raw_text=data.decode(), origin=str(f))


def _clean(raw):
    text = " ".join(raw.raw_text.split())
    return Document(id=raw.id, text=text, raw_text=raw.raw_text, origin=raw.origin,
                    content_hash=content_hash(text))


class _Index:
    def __init__(self, threshold=0.8):
        self.items = []

    def add(self, doc_id, sig):
        self.items.append((doc_id, set(sig)))

    def query(self, sig):
        for doc_id, other in self.items:
            j = len(set(sig) & other) / len(set(sig) | other)
            if j >= 0.8:
                return doc_id, j
        return None


def _extract(docs):
    for d in docs:
        yield Extraction(doc=d, entities=[Entity(id="e1", name=d.text.split()[0], type="PERSON")])


@pytest.fixture(autouse=True)
def fake_stages(monkeypatch):
    """The stages other modules own, faked: this tests the command, not them."""
    monkeypatch.setattr(pipeline, "_read_inputs", _read)
    monkeypatch.setattr(pipeline, "_clean_document", _clean)
    monkeypatch.setattr(pipeline, "_signature",
                        lambda text: sorted({zlib.crc32(w.encode()) for w in text.split()}))
    monkeypatch.setattr(pipeline, "_near_duplicate_index", lambda threshold: _Index())
    monkeypatch.setattr(pipeline, "_extractor", lambda *a, **k: _extract)
    monkeypatch.setattr(pipeline, "rebuild_resolution", lambda store, on_error=None: None)


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Alpha met Beta in Gamma to talk about the grain deal and ports.")
    (d / "b.txt").write_text("Delta said the vote on the budget would be held next week.")
    return d


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_ingest_prints_summary_and_exits_zero(corpus, db_path):
    r = run("ingest", str(corpus), "--db", db_path)
    assert r.exit_code == 0, r.output
    assert "ingested 2, duplicates 0, near-duplicates 0, failed 0" in r.stderr
    again = run("ingest", str(corpus), "--db", db_path)
    assert "ingested 0, duplicates 2, near-duplicates 0, failed 0" in again.stderr
    with open_store(db_path) as store:
        assert store.count_documents() == 2 and store.get_extraction("a").entities


def test_bad_file_reported_and_exit_one(corpus, db_path):
    (corpus / "c.txt").write_bytes(b"\x00\x00binary")
    r = run("ingest", str(corpus), str(corpus / "nope.txt"), "--db", db_path)
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert any(line.startswith("[E109] ") and line.split(": ")[0].endswith("c.txt") for line in lines)
    assert any(line.startswith("[E100] ") and "nope.txt" in line for line in lines)
    assert "ingested 2, duplicates 0, near-duplicates 0, failed 2" in r.stderr
    with open_store(db_path) as store:
        assert store.count_documents() == 2


def test_no_extract_quiet_max_bytes_and_env_db(corpus, tmp_path):
    db = str(tmp_path / "env.db")
    (corpus / "big.txt").write_text("word " * 100)
    r = run("ingest", str(corpus), "--no-extract", "--quiet", "--max-bytes", "200",
            env={"DOSSIER_DB": db})
    assert r.exit_code == 1 and "[E107]" in r.stderr and "ingested" not in r.stderr
    with open_store(db) as store:
        assert store.count_documents() == 2 and store.get_extraction("a") is None


def test_unopenable_store_is_an_error(corpus):
    r = run("ingest", str(corpus), "--db", "/nonexistent/dir/x.db")
    assert r.exit_code == 1 and r.stderr.startswith("[E200]")


def test_no_extract_then_reextract(corpus, db_path):
    assert run("ingest", str(corpus), "--db", db_path, "--no-extract").exit_code == 0
    r = run("ingest", "--reextract", "missing", "--db", db_path)
    assert r.exit_code == 0 and "re-extracted 2, failed 0" in r.stderr
    with open_store(db_path) as store:
        assert store.get_extraction("b").entities[0].name == "Delta"
    assert run("ingest", "--db", db_path).exit_code == 2  # nothing to do: usage error
