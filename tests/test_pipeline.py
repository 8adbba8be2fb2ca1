"""The orchestration: duplicates, near-duplicates, id collisions, errors, order.

Reading, cleaning, near-duplicate signatures and extraction are replaced by small fakes
(``fake_stages``) so these tests pin down the orchestration only; the end-to-end tests
at the bottom run the real stages.
"""
from __future__ import annotations

import sys
import types
import zlib
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.errors import DossierError, E
from dossier.ids import content_hash
from dossier.records import Document, Entity, Extraction, RawDocument
from dossier.store import open_store

_real_extractor = pipeline._extractor
_real_in_process = pipeline._in_process


# ------------------------------------------------------------------ fakes

def fake_read(paths, max_bytes, allow_urls=False, follow_symlinks=False):
    for p in map(Path, paths):
        if not p.exists():
            yield DossierError(E.E100, path=str(p))
            continue
        for f in sorted(p.rglob("*.txt")) if p.is_dir() else [p]:
            data = f.read_bytes()
            if b"\0" in data:
                yield DossierError(E.E109, path=str(f))
            else:
                yield RawDocument(id=f.stem, raw_text=data.decode(), origin=str(f))


def fake_clean(raw):
    text = " ".join(raw.raw_text.split())
    if not text:
        raise DossierError(E.E103)
    return Document(id=raw.id, text=text, raw_text=raw.raw_text, origin=raw.origin,
                    content_hash=content_hash(text))


def fake_signature(text):
    return sorted({zlib.crc32(w.lower().encode()) for w in text.split()})


class FakeIndex:
    """Exact Jaccard over word sets: what a MinHash index estimates."""

    def __init__(self, threshold=0.8):
        self.threshold, self.items = threshold, []

    def add(self, doc_id, sig):
        self.items.append((doc_id, set(sig)))

    def query(self, sig):
        sig, best = set(sig), None
        for doc_id, other in self.items:
            j = len(sig & other) / len(sig | other)
            if j >= self.threshold and (best is None or j > best[1]):
                best = (doc_id, j)
        return best


def fake_extract_one(doc):
    if "EXPLODE" in doc.text:
        raise RuntimeError("component crashed")
    first = doc.text.split()[0]
    return Extraction(doc=doc, entities=[Entity(id="e1", name=first, type="PERSON")])


def fake_batched_extract(docs, size=3):
    """Like nlp.pipe: pulls a whole batch before yielding any of it."""
    batch = []
    for d in docs:
        batch.append(d)
        if len(batch) == size:
            yield from [fake_extract_one(x) for x in batch]
            batch = []
    yield from [fake_extract_one(x) for x in batch]


@pytest.fixture
def fake_stages(monkeypatch):
    monkeypatch.setattr(pipeline, "_read_inputs", fake_read)
    monkeypatch.setattr(pipeline, "_clean_document", fake_clean)
    monkeypatch.setattr(pipeline, "_signature", fake_signature)
    monkeypatch.setattr(pipeline, "_near_duplicate_index", lambda threshold: FakeIndex(threshold))
    monkeypatch.setattr(pipeline, "_extractor",
                        lambda workers, cluster, batch_size, nlp=None: fake_batched_extract)
    monkeypatch.setattr(pipeline, "_in_process", lambda nlp=None: fake_extract_one)
    rebuilds = []
    import dossier.resolve.common  # noqa: F401  (the store's helpers stay importable)
    fake_resolve = types.ModuleType("dossier.resolve")
    def rebuild(store):
        rebuilds.append(store.count_documents())
        store.replace_resolution([], [], [])
        return {"ok": 1}
    fake_resolve.rebuild = rebuild
    monkeypatch.setitem(sys.modules, "dossier.resolve", fake_resolve)
    return rebuilds


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


STORY = ("Alpha delegation met the Beta ministers in Gamma on Monday to discuss the "
         "prisoner exchange and the ceasefire lines along the river.")


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    write(d / "001_one.txt", "Ana " + STORY)
    write(d / "002_two.txt", "Bo reported that the parliament passed the budget after a long debate.")
    write(d / "003_three.txt", "Cy said the harvest was late this year because of the rain.")
    return d


# ------------------------------------------------------------------ ingest

def test_ingest_and_reingest_is_a_noop(fake_stages, corpus, db_path):
    with open_store(db_path) as store:
        s = pipeline.ingest([str(corpus)], store, progress=False)
        assert (s.ingested, s.duplicates, s.near_duplicates, s.failed) == (3, 0, 0, 0)
        assert s.ids == ["001_one", "002_two", "003_three"]
        assert str(s) == "ingested 3, duplicates 0, near-duplicates 0, failed 0"
        assert store.get_extraction("002_two").entities[0].name == "Bo"
        assert fake_stages == [3] and s.resolution == {"ok": 1}
        again = pipeline.ingest([str(corpus)], store, progress=False)
        assert (again.ingested, again.duplicates, again.failed) == (0, 3, 0)
        assert store.count_documents() == 3
        assert fake_stages == [3]  # nothing new: no rebuild


def test_same_content_twice_in_one_run(fake_stages, tmp_path, db_path):
    write(tmp_path / "a" / "x.txt", "Same words here and there.")
    write(tmp_path / "b" / "y.txt", "Same   words here and there.\n")
    with open_store(db_path) as store:
        s = pipeline.ingest([str(tmp_path)], store, progress=False)
        assert (s.ingested, s.duplicates) == (1, 1)


def test_near_duplicate_is_linked_within_and_across_runs(fake_stages, tmp_path, db_path):
    write(tmp_path / "run1" / "a_orig.txt", STORY)
    write(tmp_path / "run1" / "b_copy.txt", STORY + " Updated.")
    write(tmp_path / "run2" / "later.txt", STORY.replace("Monday", "Tuesday"))
    with open_store(db_path) as store:
        s = pipeline.ingest([str(tmp_path / "run1")], store, progress=False)
        assert (s.ingested, s.near_duplicates) == (2, 1)
        copy = store.get_document("b_copy")
        assert copy.copy_of == "a_orig" and 0.8 <= copy.similarity < 1
        assert store.get_document("a_orig").copy_of is None
        s2 = pipeline.ingest([str(tmp_path / "run2")], store, progress=False)
        assert s2.near_duplicates == 1 and store.get_document("later").copy_of == "a_orig"
        assert store.list_documents()[2]["copy_of"] is not None


def test_bad_file_does_not_stop_the_batch(fake_stages, corpus, db_path):
    write(corpus / "004_binary.txt", b"\x00\x01\x02binary")
    write(corpus / "005_empty.txt", "   \n")
    seen = []
    with open_store(db_path) as store:
        s = pipeline.ingest([str(corpus), str(corpus / "missing.txt")], store, progress=False,
                            on_error=seen.append)
        assert (s.ingested, s.failed) == (3, 3)
        assert sorted(e.code for e in s.errors) == ["E100", "E103", "E109"]
        assert seen == s.errors
        assert all(e.path for e in s.errors)
        assert any(e.path.endswith("005_empty.txt") for e in s.errors)  # filled from the input
        assert store.count_documents() == 3


def test_extraction_failure_isolated_to_its_document(fake_stages, corpus, db_path):
    write(corpus / "002b_explode.txt", "Dee EXPLODE in the middle of a batch.")
    with open_store(db_path) as store:
        s = pipeline.ingest([str(corpus)], store, progress=False)
        assert (s.ingested, s.failed) == (3, 1)
        assert s.errors[0].code == "E300" and "002b_explode" in s.errors[0].path
        assert not store.has_document("002b_explode")
        assert all(store.get_extraction(i) is not None for i in s.ids)


def test_store_failure_is_reported_and_others_go_in(fake_stages, corpus, db_path, monkeypatch):
    with open_store(db_path) as store:
        real = store.add_document

        def flaky(doc, extraction=None, signature=None):
            if doc.id == "002_two":
                raise RuntimeError("database is locked")
            return real(doc, extraction, signature)

        monkeypatch.setattr(store, "add_document", flaky)
        s = pipeline.ingest([str(corpus)], store, progress=False)
        assert (s.ingested, s.failed) == (2, 1) and s.errors[0].code == "E204"
        assert store.count_documents() == 2


def test_id_collision_gets_a_deterministic_suffix(fake_stages, tmp_path, db_path):
    write(tmp_path / "a" / "report.txt", "First report about the talks.")
    write(tmp_path / "b" / "report.txt", "Second, different report.")
    with open_store(db_path) as store:
        s = pipeline.ingest([str(tmp_path)], store, progress=False)
        other = content_hash("Second, different report.")
        assert s.ids == ["report", f"report-{other[:8]}"]
        assert store.get_extraction(s.ids[1]).doc.id == s.ids[1]


def test_no_extract_stores_documents_only(fake_stages, corpus, db_path):
    with open_store(db_path) as store:
        s = pipeline.ingest([str(corpus)], store, extract=False, progress=False)
        assert s.ingested == 3 and store.get_extraction("001_one") is None
        assert store.get_document("001_one").text.startswith("Ana")


def test_failing_resolve_is_an_error_not_a_crash(fake_stages, corpus, db_path, monkeypatch):
    broken = types.ModuleType("dossier.resolve")
    broken.rebuild = lambda store: 1 / 0
    monkeypatch.setitem(sys.modules, "dossier.resolve", broken)
    with open_store(db_path) as store:
        s = pipeline.ingest([str(corpus)], store, progress=False)
        assert s.ingested == 3 and s.errors[-1].path == "resolve"


# ------------------------------------------------------------------ extraction order

def test_extract_in_order_interleaves_errors_and_isolates_failures():
    docs = [Document(id=f"d{i}", text=("EXPLODE " if i == 4 else "") + f"w{i} text",
                     raw_text="") for i in range(8)]
    items = docs[:2] + [DossierError(E.E101, path="bin")] + docs[2:] + [DossierError(E.E103, path="end")]
    out = list(pipeline.extract_in_order(items, fake_batched_extract, fake_extract_one))
    assert [getattr(i, "id", getattr(i, "path", None)) for i, _ in out] == \
        ["d0", "d1", "bin", "d2", "d3", "d4", "d5", "d6", "d7", "end"]
    results = [r for _, r in out]
    assert isinstance(results[2], DossierError) and results[2].code == "E101"
    assert isinstance(results[5], DossierError) and results[5].code == "E300"
    assert all(isinstance(r, Extraction) and r.doc is i
               for i, r in out if isinstance(i, Document) and i.id != "d4")


def test_extract_in_order_reraises_a_missing_model():
    def no_model(docs):
        raise DossierError(E.E301)
        yield  # pragma: no cover

    with pytest.raises(DossierError) as err:
        list(pipeline.extract_in_order([Document(id="a", text="x", raw_text="x")], no_model))
    assert err.value.code == "E301"


def test_extract_files_in_input_order(fake_stages, corpus):
    bad = write(corpus / "zz_bad.txt", b"\x00")
    paths = [str(corpus / "003_three.txt"), str(bad), str(corpus / "001_one.txt")]
    out = list(pipeline.extract_files(paths))
    assert [getattr(r, "code", None) or r.doc.id for r in out] == ["003_three", "E109", "001_one"]


# ------------------------------------------------------------------ the real stages

def test_real_ingest_without_extraction(corpus, db_path, monkeypatch):
    monkeypatch.setattr(pipeline, "rebuild_resolution", lambda store, on_error=None: None)
    write(corpus / "004_copy.txt", "Ana " + STORY + " (updated)")
    write(corpus / "005_bad.txt", b"\x00\x01\x02\x03")
    with open_store(db_path) as store:
        s = pipeline.ingest([str(corpus)], store, extract=False, progress=False)
        assert s.ingested == 4 and s.failed == 1 and s.near_duplicates == 1
        assert store.get_document("004_copy").copy_of == "001_one"
        again = pipeline.ingest([str(corpus)], store, extract=False, progress=False)
        assert again.ingested == 0 and again.duplicates == 4


def test_extractor_not_started_without_documents():
    def never(docs):
        raise AssertionError("extractor started with nothing to do")

    items = [DossierError(E.E101, path="x"), DossierError(E.E103, path="y")]
    out = list(pipeline.extract_in_order(items, never, fake_extract_one))
    assert [i.path for i, _ in out] == ["x", "y"]


def test_extractor_dropping_documents_falls_back(fake_stages):
    def lossy(docs):  # returns only the first document of the stream
        docs = iter(docs)
        first = next(docs)
        list(docs)
        yield fake_extract_one(first)

    docs = [Document(id=f"d{i}", text=f"w{i}", raw_text="") for i in range(3)]
    out = list(pipeline.extract_in_order(docs, lossy, fake_extract_one))
    assert [(i.id, r.doc.id) for i, r in out] == [("d0", "d0"), ("d1", "d1"), ("d2", "d2")]


def test_a_pipeline_that_cannot_load_stops_the_run(fake_stages, corpus, db_path, monkeypatch):
    import dossier.nlp

    def broken():
        raise ValueError("Can't find factory for 'x'")

    monkeypatch.setattr(dossier.nlp, "load_pipeline", broken)
    monkeypatch.setattr(pipeline, "_extractor", _real_extractor)
    monkeypatch.setattr(pipeline, "_in_process", _real_in_process)
    with open_store(db_path) as store:
        with pytest.raises(DossierError) as err:
            pipeline.ingest([str(corpus)], store, progress=False)
        assert err.value.code == "E300" and "cannot load the pipeline" in str(err.value)
        assert store.count_documents() == 0


def test_reextract_missing_then_all(fake_stages, corpus, db_path):
    with open_store(db_path) as store:
        pipeline.ingest([str(corpus)], store, extract=False, progress=False)
        assert fake_stages == [3]  # resolution rebuilt once
        assert store.get_extraction("001_one") is None
        s = pipeline.reextract(store, only_missing=True, progress=False)
        assert (s.ingested, s.failed) == (3, 0) and fake_stages == [3, 3]
        assert store.get_extraction("001_one").entities[0].name == "Ana"
        assert pipeline.reextract(store, only_missing=True, progress=False).ingested == 0
        assert pipeline.reextract(store, progress=False).ingested == 3


@pytest.mark.slow
def test_worker_processes_give_the_same_extractions(tmp_path):
    texts = ["Minister Anna Berg met Tomas Lind in Oslo on Monday.",
             "The parliament approved the budget on Friday, Lind said.",
             "Berg will travel to Geneva next week for talks with the envoy."]
    paths = [str(write(tmp_path / f"n{i}.txt", t)) for i, t in enumerate(texts)]
    one = [e.to_json() for e in pipeline.extract_files(paths)]
    two = [e.to_json() for e in pipeline.extract_files(paths, workers=2, batch_size=1)]
    assert one == two and [o["doc"]["id"] for o in one] == ["n0", "n1", "n2"]


def test_reingest_after_a_cleaning_change_is_still_a_noop(fake_stages, corpus, db_path, monkeypatch):
    with open_store(db_path) as store:
        pipeline.ingest([str(corpus)], store, progress=False)
        import dossier.clean as clean
        original = clean.clean_document

        def changed(raw, **kw):  # the cleaning rules changed: the same file cleans differently
            doc = original(raw, **kw)
            doc.text += " (cleaned anew)"
            doc.content_hash = doc.content_hash[::-1]
            return doc
        monkeypatch.setattr(pipeline, "clean_document", changed, raising=False)
        monkeypatch.setattr(clean, "clean_document", changed)
        again = pipeline.ingest([str(corpus)], store, progress=False)
        assert (again.ingested, again.duplicates) == (0, 3)
        assert store.count_documents() == 3
