"""``dossier docs``, ``show`` and ``search`` over a store filled through the Store API."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.ids import content_hash
from dossier.records import Document, Entity, Extraction, Mention, Repair
from dossier.store import open_store


@pytest.fixture
def db(db_path):
    texts = {"r1": ("Talks in Geneva", "Envoys met in Geneva to discuss a ceasefire.", "a.org"),
             "r2": ("Budget vote", "The parliament passed the budget.", "b.org"),
             "r3": ("Geneva again", "Envoys met in Geneva to discuss a ceasefire today.", "c.org")}
    with open_store(db_path) as store:
        for doc_id, (title, text, source) in texts.items():
            doc = Document(id=doc_id, text=text, raw_text=text, title=title, source=source,
                           published="2025-12-0" + doc_id[1], content_hash=content_hash(text),
                           repairs=[Repair(0, 6, "Envoysmet", "Envoys met")] if doc_id == "r1" else [],
                           copy_of="r1" if doc_id == "r3" else None,
                           similarity=0.9 if doc_id == "r3" else None)
            ext = Extraction(doc=doc, entities=[
                Entity(id="e1", name="Geneva", type="GPE", mentions=[Mention(15, 21, "Geneva")])])
            store.add_document(doc, ext if doc_id != "r2" else None)
    return db_path


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_docs_formats(db):
    table = run("docs", "--db", db)
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split()[:3] == ["id", "published", "source"]
    assert "Talks in Geneva" in table.stdout
    rows = json.loads(run("docs", "--db", db, "--format", "json").stdout)
    assert [r["id"] for r in rows] == ["r1", "r2", "r3"]
    assert rows[2]["copy_of"] == "r1" and rows[0]["n_entities"] == 1
    lines = run("docs", "--db", db, "--format", "jsonl", "--limit", "2").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["r1", "r2"]
    every = run("docs", "--db", db, "--format", "jsonl", "--limit", "0", "--offset", "1")
    assert [json.loads(line)["id"] for line in every.stdout.splitlines()] == ["r2", "r3"]
    parsed = list(csv.DictReader(io.StringIO(run("docs", "--db", db, "--format", "csv").stdout)))
    assert parsed[1]["title"] == "Budget vote" and parsed[1]["n_entities"] == "0"
    only = json.loads(run("docs", "--db", db, "--format", "json", "--source", "b.org").stdout)
    assert [r["id"] for r in only] == ["r2"]


def test_docs_env_db_and_missing_store(db, tmp_path):
    r = CliRunner().invoke(cli, ["docs", "--format", "json"], env={"DOSSIER_DB": db})
    assert len(json.loads(r.stdout)) == 3
    missing = run("docs", "--db", str(tmp_path / "nothing.db"))
    assert missing.exit_code == 1 and missing.stderr.startswith("[E200]")
    assert not (tmp_path / "nothing.db").exists()


def test_show_table_and_json(db):
    r = run("show", "r1", "--db", db)
    assert r.exit_code == 0
    assert "Talks in Geneva" in r.stdout and "Envoysmet → Envoys met" in r.stdout
    assert "copies       r3" in r.stdout and "1 entities" in r.stdout
    data = json.loads(run("show", "r3", "--db", db, "--format", "json").stdout)
    assert data["id"] == "r3" and data["copy_of"] == "r1" and data["similarity"] == 0.9
    assert data["extraction"]["entities"][0]["name"] == "Geneva"
    assert data["extraction"]["schema"] == "dossier.extract/1"
    plain = json.loads(run("show", "r2", "--db", db, "--format", "json").stdout)
    assert plain["extraction"] is None and plain["repairs"] == []


def test_show_unknown_id(db):
    r = run("show", "nope", "--db", db)
    assert r.exit_code == 1 and r.stderr.startswith("[E202]") and "nope" in r.stderr


def test_search(db):
    hits = json.loads(run("search", "ceasefire Geneva", "--db", db, "--format", "json").stdout)
    assert {h["id"] for h in hits} == {"r1", "r3"} and "snippet" in hits[0]
    table = run("search", "budget", "--db", db)
    assert table.exit_code == 0 and "r2" in table.stdout
    assert run("search", "zzzz", "--db", db).stdout.strip() == "(none)"


def test_docs_json_lists_everything_and_a_limit_is_announced(tmp_path):
    """Issue #16: `docs --format json` stopped at 100 without a word."""
    from click.testing import CliRunner

    from dossier.cli import cli
    from dossier.records import Document
    from dossier.store import open_store
    db = str(tmp_path / "many.db")
    with open_store(db) as store:
        for i in range(105):
            store.add_document(Document(id=f"d{i:03d}", text=f"Report {i}.", raw_text=f"Report {i}."))
    runner = CliRunner()
    r = runner.invoke(cli, ["docs", "--db", db, "--format", "json"])
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 105 and "note" not in r.stderr
    r = runner.invoke(cli, ["docs", "--db", db])
    assert "showing 100 of 105" in r.stderr
    r = runner.invoke(cli, ["docs", "--db", db, "--format", "json", "--limit", "10"])
    assert len(json.loads(r.stdout)) == 10 and "showing 10 of 105" in r.stderr


def test_show_lists_events_and_statements(db_path):
    from dossier.records import Event, Statement
    text = "Witkoff met Putin in Moscow. Ushakov said the talks were useful and long."
    doc = Document(id="m1", text=text, raw_text=text, title="Moscow", source="a.org",
                   published="2025-12-02", content_hash=content_hash(text))
    ents = [Entity(id="e1", name="Steve Witkoff", type="PERSON", mentions=[Mention(0, 7, "Witkoff")]),
            Entity(id="e2", name="Vladimir Putin", type="PERSON", mentions=[Mention(12, 17, "Putin")]),
            Entity(id="e3", name="Yuri Ushakov", type="PERSON", mentions=[Mention(29, 36, "Ushakov")])]
    ext = Extraction(doc=doc, entities=ents,
                     events=[Event("v1", "CONSULT", "met", ["e1"], ["e2"], None, "2025-W49",
                                   "occurred", "meet", {"start": 0, "end": 28})],
                     statements=[Statement("s1", "indirect", "said", text[42:73],
                                           {"start": 42, "end": 73}, "e3", "Ushakov",
                                           "2025-12-02", [])])
    with open_store(db_path) as store:
        store.add_document(doc, ext)
    r = CliRunner().invoke(cli, ["show", "m1", "--db", db_path], env={"COLUMNS": "70"})
    assert r.exit_code == 0, r.output
    assert "events (1)" in r.stdout and "statements (1)" in r.stdout
    flat = " ".join(r.stdout.split())
    assert "CONSULT" in flat and "2025-W49" in flat and "Vladimir Putin" in flat
    assert "the talks were useful and long" in flat and "…" not in r.stdout
