"""``dossier extract``: one contract object per document, input order, errors on stderr."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier import pipeline
from dossier.cli import cli
from dossier.errors import DossierError, E
from dossier.ids import content_hash
from dossier.records import EXTRACT_SCHEMA, Document, Entity, Extraction, Mention, RawDocument


def _read(paths, max_bytes, allow_urls=False, follow_symlinks=False):
    for p in map(Path, paths):
        if not p.exists():
            yield DossierError(E.E100, path=str(p))
        elif b"\0" in p.read_bytes():
            yield DossierError(E.E109, path=str(p))
        else:
            yield RawDocument(id=p.stem, raw_text=p.read_text(), origin=str(p),
                              published="2025-12-02")


def _clean(raw):
    return Document(id=raw.id, text=raw.raw_text.strip(), raw_text=raw.raw_text,
                    published=raw.published, origin=raw.origin,
                    content_hash=content_hash(raw.raw_text))


def _extract(docs):
    for d in docs:
        name = d.text.split()[0]
        yield Extraction(doc=d, entities=[Entity(id="e1", name=name, type="PERSON",
                                                 mentions=[Mention(0, len(name), name)])])


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "_read_inputs", _read)
    monkeypatch.setattr(pipeline, "_clean_document", _clean)
    monkeypatch.setattr(pipeline, "_extractor", lambda *a, **k: _extract)
    paths = []
    for name, text in [("b_second", "Bravo spoke."), ("a_first", "Alpha spoke."),
                       ("bad", "\0\0")]:
        p = tmp_path / f"{name}.txt"
        p.write_text(text)
        paths.append(str(p))
    return paths


def test_jsonl_in_input_order_with_bad_file(files):
    r = CliRunner().invoke(cli, ["extract", files[0], files[2], files[1]])
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    objs = [json.loads(line) for line in lines]
    assert [o["doc"]["id"] for o in objs] == ["b_second", "a_first"]
    assert objs[0]["schema"] == EXTRACT_SCHEMA and objs[0]["text"] == "Bravo spoke."
    assert set(objs[0]) >= {"doc", "text", "repairs", "entities", "times", "events", "statements"}
    assert objs[0]["doc"]["published"] == "2025-12-02"
    assert r.stderr.startswith("[E109]") and "bad.txt" in r.stderr


def test_json_list_and_success_exit(files):
    r = CliRunner().invoke(cli, ["extract", files[1], files[0], "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [o["doc"]["id"] for o in data] == ["a_first", "b_second"]
    assert data[0]["entities"][0]["mentions"][0] == {"start": 0, "end": 5, "text": "Alpha",
                                                     "kind": "name"}


def test_missing_model_stops_with_one_message(files, monkeypatch):
    def no_model(docs):
        raise DossierError(E.E301)
        yield  # pragma: no cover

    monkeypatch.setattr(pipeline, "_extractor", lambda *a, **k: no_model)
    r = CliRunner().invoke(cli, ["extract", files[0]])
    assert r.exit_code == 1 and r.stderr.strip().startswith("[E301]") and r.stdout == ""


def test_real_extract_contract(tmp_path, nlp):
    """The real stages: offsets point into the emitted text; order kept; bad file skipped."""
    a = tmp_path / "b_note.txt"
    a.write_text("Minister Anna Berg met Tomas Lind in Oslo on Monday, Berg said.\n")
    bad = tmp_path / "a_bad.txt"
    bad.write_bytes(b"\x00\x01binary\x00")
    c = tmp_path / "a_note.txt"
    c.write_text("The parliament approved the budget on Friday.\n")
    r = CliRunner().invoke(cli, ["extract", str(a), str(bad), str(c)])
    assert r.exit_code == 1 and "a_bad.txt" in r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["doc"]["id"] for o in objs] == ["b_note", "a_note"]
    for o in objs:
        assert o["schema"] == EXTRACT_SCHEMA
        for e in o["entities"]:
            for m in e["mentions"]:
                assert o["text"][m["start"]:m["end"]] == m["text"]
        for t in o["times"]:
            assert o["text"][t["start"]:t["end"]] == t["text"]


def test_table_format(files):
    r = CliRunner().invoke(cli, ["extract", *files[:2], "--format", "table"])
    assert r.exit_code == 0, r.output
    assert r.stdout.index("== b_second") < r.stdout.index("== a_first")
    assert "entities (1)" in r.stdout and "Bravo" in r.stdout
