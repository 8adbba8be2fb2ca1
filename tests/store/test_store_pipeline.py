"""End to end on both backends: the real reader, cleaner, model and resolver into a store."""
from __future__ import annotations

import pytest

from dossier import pipeline

REPORTS = {
    "r1_talks": "Foreign Minister Anna Berg met Prime Minister Tomas Lind in Oslo on Monday. "
                "Berg said the talks were constructive, according to the ministry.",
    "r2_copy": "Foreign Minister Anna Berg met Prime Minister Tomas Lind in Oslo on Monday. "
               "Berg said the talks were constructive, according to the ministry. (Updated)",
    "r3_budget": "The parliament in Oslo approved the budget on Friday after a long debate, "
                 "Lind told reporters.",
}


@pytest.fixture
def reports(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for name, text in REPORTS.items():
        (d / f"{name}.txt").write_text(text + "\n")
    (d / "r4_binary.txt").write_bytes(b"\x00\x01\x02\x03binary\x00")
    return d


def test_ingest_end_to_end(store, reports, nlp):
    s = pipeline.ingest([str(reports)], store, progress=False, nlp=nlp)
    assert (s.ingested, s.near_duplicates, s.failed) == (3, 1, 1)
    assert s.errors[0].path.endswith("r4_binary.txt")
    assert store.get_document("r2_copy").copy_of == "r1_talks"
    ext = store.get_extraction("r1_talks")
    names = {e.name for e in ext.entities}
    assert any("Berg" in n for n in names)
    for e in ext.entities:  # offsets point into the stored, cleaned text
        for m in e.mentions:
            assert ext.doc.text[m.start:m.end] == m.text
    assert [x.doc.id for x in store.iter_extractions()] == ["r1_talks", "r2_copy", "r3_budget"]
    if s.resolution is not None:  # dossier.resolve ran: its records are in the store
        assert s.resolution["documents"] == 3 and store.list_entities()
    assert {h["id"] for h in store.search("budget")} == {"r3_budget"}

    again = pipeline.ingest([str(reports)], store, progress=False, nlp=nlp)
    assert (again.ingested, again.duplicates, again.failed) == (0, 3, 1)
    assert store.count_documents() == 3


def test_cli_on_both_backends(store_url, reports, monkeypatch):
    import json

    from click.testing import CliRunner

    from dossier.cli import cli
    monkeypatch.setenv("DOSSIER_DB", store_url)
    runner = CliRunner()
    r = runner.invoke(cli, ["ingest", str(reports), "--no-extract", "-q"])
    assert r.exit_code == 1 and "r4_binary.txt" in r.stderr  # the binary file
    docs = json.loads(runner.invoke(cli, ["docs", "--format", "json"]).stdout)
    assert [d["id"] for d in docs] == ["r1_talks", "r2_copy", "r3_budget"]
    shown = json.loads(runner.invoke(cli, ["show", "r2_copy", "--format", "json"]).stdout)
    assert shown["copy_of"] == "r1_talks" and shown["extraction"] is None
    hits = json.loads(runner.invoke(cli, ["search", "parliament", "--format", "json"]).stdout)
    assert [h["id"] for h in hits] == ["r3_budget"]
