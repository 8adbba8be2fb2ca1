"""The full rebuild as independent blocks (dossier.resolve.cluster, partition): blocks by
name key and time window, items across a window's edge stitched, the same resolution as
the single-process rebuild."""
import pytest

from dossier.records import Claim, TimelineItem
from dossier.resolve import rebuild
from dossier.resolve.cluster import rebuild_partitioned, serial
from dossier.resolve.entities import Member
from dossier.resolve.partition import entity_blocks, letters_of, stitch_groups, time_windows
from dossier.store import open_store

from resolve_helpers import ent, evt, ex, stm

DAYS = ["2025-01-05", "2025-01-06", "2025-01-07", "2025-01-08", "2025-01-20", "2025-01-21",
        "2025-02-10", "2025-02-11", "2025-02-12", "2025-03-20", "2025-03-21", "2025-03-22"]


def _reports():
    """Talks and statements over three months: one envoy throughout (full name, surname
    alone, a second spelling), a minister a month, a country named everywhere; the talks
    of early January are reported over four days (across a window's edge below)."""
    ministers = {"01": "Petro Hlushenko", "02": "Ivan Sobolev", "03": "Anna Lindqvist"}
    out = []
    for i, day in enumerate(DAYS):
        month = day[5:7]
        envoy = ["Maria Kovacs", "Kovacs", "Maria Kovach"][i % 3]
        people = [ent("e1", envoy, roles=["envoy"]), ent("e2", "Ukraine", "GPE", country="UA"),
                  ent("e3", ministers[month], roles=["minister"])]
        talks = day[:7] if i > 3 else "2025-01-05"
        events = [evt("v1", "CONSULT", actors=["e1"], targets=["e3"], location="e2",
                      date=talks, evidence={"start": 0, "end": 10})]
        statements = [stm("s1", f"the talks in month {month} were productive", speaker="e1",
                          date=day)]
        text = (f"{envoy} met {ministers[month]} in Ukraine; the talks in month {month}"
                f" were productive, she said. Report {i}.")
        out.append(ex(f"d{i:02d}", people, events, statements, published=day,
                      source=f"outlet{i % 4}.com", text=text))
    return out


def _view(store):
    ents = sorted((e.name, e.type, tuple(sorted(e.documents)))
                  for e in (store.get_entity(x.id) for x in store.list_entities(limit=None)))
    tl = sorted((t.type, t.date or "", tuple(sorted(t.documents)), tuple(sorted(t.participants)))
                for t in store.list_timeline(limit=None))
    cl = sorted((c.content, tuple(sorted(c.documents))) for c in store.list_claims(limit=None))
    return ents, tl, cl


def _filled(path, reports):
    store = open_store(str(path))
    for x in reports:
        store.add_document(x.doc, x)
    return store


def test_blocks_and_windows_resolve_as_the_whole(tmp_path):
    reports = _reports()
    whole = _filled(tmp_path / "whole.db", reports)
    rebuild(whole)
    expected = _view(whole)
    assert expected[1] and expected[2]
    parts = _filled(tmp_path / "parts.db", reports)
    out = rebuild_partitioned(parts, serial, window_reports=2, window_days=14, entity_block=1)
    assert out["mode"] == "cluster" and out["windows"] == 6 and out["entity_blocks"] >= 3
    assert out["stitched_reports"] > 0  # the January talks reach across windows
    assert _view(parts) == expected
    assert not parts.resolution_stale()
    whole.close()
    parts.close()


def test_letters_tie_blocks():
    a = Member("d1", "e1", "PERSON", "Maria Kovacs", ["Maria Kovacs", "Kovacs"])
    b = Member("d2", "e1", "PERSON", "Ivan Sobolev", ["Ivan Sobolev"])
    c = Member("d3", "e1", "PERSON", "Ivan Sobolev", ["Ivan Sobolev", "Ivan Kobolev"])
    d = Member("d4", "e1", "GPE", "U.S.", ["U.S."])
    assert letters_of(a) == {"k"} and letters_of(c) == {"k", "s"}
    assert letters_of(d) == {"s"}  # the short form's key: United States
    # a person's name typed as an organisation falls with the person; an acronym with
    # the long name's last word
    assert letters_of(Member("d5", "e2", "ORG", "Maria Kovacs", ["Maria Kovacs"])) == {"k"}
    assert letters_of(Member("d5", "e3", "ORG", "NSDC", ["NSDC"])) == letters_of(
        Member("d6", "e3", "ORG", "National Security and Defense Council",
               ["National Security and Defense Council"])) == {"k"}  # keyed: c as k
    blocks = entity_blocks([a, b, d], max_block=1)
    assert sorted(len(x) for x in blocks) == [1, 2]
    blocks = entity_blocks([a, b, c, d], max_block=1)  # c ties k and s
    assert sorted(len(x) for x in blocks) == [4]
    e = Member("d7", "e1", "PERSON", "Anna Lindqvist", ["Anna Lindqvist"])
    assert sorted(len(x) for x in entity_blocks([a, b, d, e], max_block=1)) == [1, 1, 2]
    assert len(entity_blocks([a, b, d, e], max_block=10)) == 1  # small blocks packed


def test_time_windows_look_back():
    rows = [{"doc_id": f"d{i}", "published": f"2025-01-{i + 1:02d}"} for i in range(6)]
    rows.append({"doc_id": "x", "published": None})
    w = time_windows(rows, 2, 1)
    assert [own for own, _ in w] == [["d0", "d1"], ["d2", "d3"], ["d4", "d5", "x"]]
    assert [back for _, back in w] == [[], ["d1"], ["d3"]]


def _item(iid, *reports):
    return TimelineItem(id=iid, date=None, type="CONSULT", mode=None, status="occurred",
                        summary="", reports=[{"doc": d, "event": v} for d, v in reports])


def test_stitch_groups_tie_items_across_an_edge():
    owner = {"a": 0, "b": 0, "c": 1, "d": 1}
    w0 = [_item("i1", ("a", "v1"), ("b", "v1")), _item("i2", ("a", "v2"))]
    # window 1 looked back on b: its item holds b's report and c's
    w1 = [_item("i3", ("b", "v1"), ("c", "v1")), _item("i4", ("d", "v1")),
          _item("i5", ("b", "v9"))]  # only a looked-back report: left to window 0
    alone, groups = stitch_groups([w0, w1], owner, "event")
    assert sorted(alone) == [(0, 1), (1, 1)]
    assert [sorted(g) for g in groups] == [[(0, 0), (1, 0)]]
    claims = [[Claim(id="c1", content="x", speaker=None,
                     reports=[{"doc": "a", "statement": "s1"}])], []]
    assert stitch_groups(claims, owner, "statement") == ([(0, 0)], [])


@pytest.mark.parametrize("window", [None, 10])
def test_defaults_resolve_as_the_whole(tmp_path, window):
    """The settings' window (one window here) and small windows with the default look-back."""
    reports = _reports()
    whole = _filled(tmp_path / "whole.db", reports)
    rebuild(whole)
    parts = _filled(tmp_path / "parts.db", reports)
    rebuild_partitioned(parts, window_reports=window)
    assert _view(parts) == _view(whole)
    whole.close()
    parts.close()


def test_an_empty_store(tmp_path):
    with open_store(str(tmp_path / "x.db")) as store:
        out = rebuild_partitioned(store)
        assert (out["documents"], out["entities"], out["timeline"], out["windows"]) == (0, 0, 0, 0)
        assert store.counts()["entities"] == 0
