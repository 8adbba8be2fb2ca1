"""The query library over a small resolved store."""
import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from analyze_fixtures import build_store  # noqa: E402

from dossier import analyze  # noqa: E402
from dossier.errors import DossierError  # noqa: E402


@pytest.fixture
def store(tmp_path):
    s = build_store(tmp_path / "t.db")
    yield s
    s.close()


def test_entities_are_contract_section_2(store):
    ents = analyze.entities(store)
    w = next(e for e in ents if e["name"] == "Steve Witkoff")
    assert {"id", "name", "type", "aliases", "country", "documents"} <= set(w)
    assert "Vitkoff" in w["aliases"] and w["documents"] == ["a", "b", "b2"]
    assert analyze.entities(store, q="Vitkoff")[0]["id"] == w["id"]


def test_timeline_is_contract_section_3(store):
    tl = analyze.timeline(store)
    assert len(tl) == 1
    t = tl[0]
    assert t["date"] == "2025-12-02" and t["type"] == "CONSULT"
    assert t["documents"] == ["a", "b", "b2"] and t["independent_reports"] == 2
    assert t["summary"] == "Witkoff met Putin in Moscow"
    assert analyze.timeline(store, date_from="2025-12-03") == []
    assert len(analyze.timeline(store, date_from="2025-12", date_to="2025-12")) == 1
    assert analyze.timeline(store, date_to="2025-11") == []
    assert len(analyze.timeline(store, entity="Putin")) == 1
    with pytest.raises(DossierError) as err:
        analyze.timeline(store, date_from="12/03/2025")
    assert err.value.code == "E302"
    with pytest.raises(DossierError) as err:
        analyze.timeline(store, entity="Nobody Known")
    assert err.value.code == "E203"


def test_actor_and_claims(store):
    a = analyze.actor(store, "Ushakov")
    assert a["name"] == "Yuri Ushakov"
    assert a["roles"][0]["role"] == "presidential aide"
    assert len(a["statements"]) == 2
    cl = analyze.claims(store)
    assert len(cl) == 2
    assert any(c["contradictions"] and c["contradictions"][0]["kind"] == "number" for c in cl)
    copy_claim = next(c for c in cl if "b" in c["documents"])
    assert copy_claim["documents"] == ["b", "b2"] and copy_claim["independent_reports"] == 1
    assert analyze.claims(store, about="Putin")


def test_exports(store):
    buf = io.StringIO()
    analyze.export_jsonl(store, buf)
    kinds = [json.loads(x)["kind"] for x in buf.getvalue().splitlines()]
    assert kinds.count("extraction") == 3 and "entity" in kinds and "timeline" in kinds
    buf = io.StringIO()
    analyze.export_events_csv(store, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["actor"] == "Steve Witkoff" and rows[0]["target"] == "Vladimir Putin"
    assert rows[0]["actor_country"] == "USA" and rows[0]["lat"] == "55.75"
    buf = io.StringIO()
    analyze.export_graphml(store, buf)
    root = ET.fromstring(buf.getvalue())
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == 2
    assert root.find(".//g:edge/g:data", ns).text == "1.0"


def test_events_csv_keeps_every_participant_and_no_self_pairs(tmp_path):
    """Wide layout: every actor and target joined with "; ", countries in the same order,
    no participant both actor and target."""
    from dossier.records import Document, Entity, Event, Extraction
    from dossier.resolve import rebuild
    from dossier.store import open_store

    text = "Witkoff met Egypt, Qatar and Turkey in Cairo."
    ents = [Entity("e1", "Steve Witkoff", "PERSON", ["Witkoff"], [], "USA"),
            Entity("e2", "Egypt", "GPE", ["Egypt"], [], "EGY"),
            Entity("e3", "Qatar", "GPE", ["Qatar"], [], "QAT"),
            Entity("e4", "Turkey", "GPE", ["Turkey"], [], "TUR")]
    ev = Event("v1", "CONSULT", "met", ["e1"], ["e2", "e3", "e4", "e1"], None, "2025-11-29",
               "occurred", "meet", {"start": 0, "end": len(text)})
    doc = Document(id="d", text=text, raw_text=text, published="2025-11-29", source="W")
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_document(doc, Extraction(doc=doc, entities=ents, events=[ev]))
        rebuild(store)
        buf = io.StringIO()
        analyze.export_events_csv(store, buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["actor"] == "Steve Witkoff" and row["actor_country"] == "USA"
    assert row["target"].split("; ") == ["Egypt", "Qatar", "Turkey"]
    assert row["target_country"].split("; ") == ["EGY", "QAT", "TUR"]
    assert row["participants"].split("; ")[0] == "Steve Witkoff"
    assert "Steve Witkoff" not in row["target"]
