"""Incremental resolution (dossier.resolve.incremental): batches give what the whole gives."""
import random

import pytest

from dossier.resolve import rebuild, update
from dossier.store import open_store

from resolve_helpers import ent, evt, ex, stm


MINISTERS = {"01": "Petro Hlushenko", "02": "Ivan Sobolev", "03": "Anna Lindqvist"}


def _reports():
    """Reports over three months: one envoy in January and March (far apart), talks and
    statements in each month, a country named throughout."""
    out = []
    days = ["2025-01-05", "2025-01-06", "2025-01-07", "2025-02-10", "2025-02-11",
            "2025-03-20", "2025-03-21", "2025-03-22"]
    for i, day in enumerate(days):
        month = day[5:7]
        people = [ent("e1", "Maria Kovacs", roles=["envoy"]),
                  ent("e2", "Ukraine", "GPE", country="UA"),
                  ent("e3", MINISTERS[month], roles=["minister"])]
        if i % 3 == 2:
            people[0] = ent("e1", "Kovacs", roles=["envoy"])
        events = [evt("v1", "CONSULT", actors=["e1"], targets=["e3"], location="e2",
                      date=day, evidence={"start": 0, "end": 10})]
        statements = [stm("s1", f"the talks in month {month} were productive", speaker="e1",
                          date=day)]
        text = (f"Kovacs met {MINISTERS[month]} in Ukraine on {day}; the talks in month {month}"
                f" were productive, she said. Report {i}.")
        out.append(ex(f"d{i}", people, events, statements, published=day,
                      source=f"outlet{i % 4}.com", text=text))
    return out


def _view(store):
    ents = sorted((e.name, e.type, tuple(sorted(e.documents)))
                  for e in store.list_entities(limit=None))
    full = {e.name: sorted(e.documents) for e in
            (store.get_entity(x.id) for x in store.list_entities(limit=None))}
    tl = sorted((t.type, t.date or "", tuple(sorted(t.documents)), tuple(sorted(t.participants)))
                for t in store.list_timeline(limit=None))
    cl = sorted((c.content, tuple(sorted(c.documents))) for c in store.list_claims(limit=None))
    return ents, full, tl, cl


def _store(path, batches, **kw):
    store = open_store(str(path))
    for i, batch in enumerate(batches):
        for x in batch:
            store.add_document(x.doc, x)
        result = update(store, **kw) if i else rebuild(store)
    return store, result


@pytest.mark.parametrize("window_days", [3, None])  # a narrow date window; the default
def test_batches_in_any_order_resolve_as_the_whole(tmp_path, window_days):
    reports = _reports()
    whole, _ = _store(tmp_path / "whole.db", [reports])
    expected = _view(whole)
    assert len(expected[0]) >= 4 and expected[2] and expected[3]
    kovacs = next(e for e in whole.list_entities(limit=None) if e.name == "Maria Kovacs")
    order = list(reports)
    random.Random(3).shuffle(order)
    parts, result = _store(tmp_path / "parts.db", [order[:3], order[3:6], order[6:]],
                           full_fraction=1.01, window_days=window_days)
    assert result["mode"] == "incremental" and result["block"] < len(reports)
    assert _view(parts) == expected
    # the envoy's entity spans blocks: still one entity, under the whole's id
    assert parts.get_entity(kovacs.id) is not None
    assert len(parts.get_entity(kovacs.id).documents) == len(reports)
    # nothing new: nothing to do; the resolution covers every extraction
    assert update(parts)["mode"] == "none" and not parts.resolution_stale()
    whole.close()
    parts.close()


def test_an_update_keeps_co_participant_counts(tmp_path):
    reports = _reports()
    whole, _ = _store(tmp_path / "whole.db", [reports])
    parts, _ = _store(tmp_path / "parts.db", [reports[:5], reports[5:]],
                      full_fraction=1.01, window_days=3)

    def pairs(store):
        names = {e.id: e.name for e in store.list_entities(limit=None)}
        return sorted((names.get(r["entity_id"], r["entity_id"]),
                       names.get(r["other_id"], r["other_id"]), r["events"])
                      for r in store.backend.query("SELECT * FROM timeline_pairs"))
    assert pairs(parts) == pairs(whole) and pairs(whole)
    whole.close()
    parts.close()


def test_a_block_that_is_most_of_the_store_is_a_full_rebuild(tmp_path):
    reports = _reports()
    store, result = _store(tmp_path / "s.db", [reports[:2], reports[2:]])
    assert result["mode"] == "full"
    store.close()


def test_a_rebuild_in_blocks_resolves_as_the_whole(tmp_path):
    from dossier.resolve.incremental import rebuild_in_blocks
    reports = _reports()
    whole, _ = _store(tmp_path / "whole.db", [reports])
    expected = _view(whole)
    blocks = []
    result = rebuild_in_blocks(whole, chunk=2, window_days=3, on_block=blocks.append)
    assert result["mode"] == "blocks" and result["blocks"] == 4
    assert max(b["block"] for b in blocks) < len(reports)
    assert _view(whole) == expected and not whole.resolution_stale()
    whole.close()


def test_a_rebuild_stopped_midway_is_stale_and_redone(tmp_path, monkeypatch):
    from dossier.resolve import incremental
    reports = _reports()
    store, _ = _store(tmp_path / "s.db", [reports])
    expected = _view(store)
    real = incremental.resolve_documents
    calls = []

    def stop_after_one(*a, **kw):
        if calls:
            raise KeyboardInterrupt
        calls.append(1)
        return real(*a, **kw)
    monkeypatch.setattr(incremental, "resolve_documents", stop_after_one)
    with pytest.raises(KeyboardInterrupt):
        incremental.rebuild_in_blocks(store, chunk=3, window_days=3)
    monkeypatch.undo()
    assert store.resolution_stale()
    assert update(store)["mode"] == "full" and _view(store) == expected
    store.close()


def test_a_stored_entity_weighs_as_its_reports(tmp_path):
    old = [ex(f"p{i}", [ent("e1", "Jordan Okafor", roles=["envoy"]), ent("e2", "Jordan", "PERSON")],
              published=f"2025-01-0{i + 1}", text=f"Jordan Okafor spoke. Jordan left. {i}")
           for i in range(3)]
    new = [ex("n0", [ent("e1", "Jordan", "GPE", country="JO"), ent("e2", "Amman", "GPE")],
              published="2025-03-01", text="In Jordan, Amman hosted talks.")]
    whole, _ = _store(tmp_path / "whole.db", [old + new])
    parts, result = _store(tmp_path / "parts.db", [old, new], full_fraction=1.01,
                           window_days=3, connect={})
    assert result["mode"] == "incremental" and result["block"] == 1
    # the stored person keeps its reports; the country, typed so in one report against
    # three, joins it as in the whole corpus (the stored entity weighs as its reports)
    kept = {(e.name, e.type): sorted(e.documents) for e in parts.list_entities(limit=None)}
    assert kept[("Jordan Okafor", "PERSON")] == ["p0", "p1", "p2"] and ("Amman", "GPE") in kept
    assert kept == {(e.name, e.type): sorted(e.documents) for e in whole.list_entities(limit=None)}
    whole.close()
    parts.close()


def test_statement_lemmas_are_what_claims_compare():
    from dossier.resolve.claims import units_of
    from dossier.resolve.incremental import statement_lemmas
    texts = ["The talks in Geneva were productive and 27 points remain, Kovacs said",
             "Ukraine will not give up territory in the east"]
    x = ex("d0", [ent("e1", "Maria Kovacs")], statements=[stm(f"s{i}", t, speaker="e1")
                                                          for i, t in enumerate(texts)])
    units, _ = units_of([x], {})
    assert [u.tokens for u in units] == [statement_lemmas(t) for t in texts]


def test_entity_keys_meet_where_the_resolver_may_join():
    from dossier.resolve.incremental import entity_keys

    def meet(a, b):
        return bool(entity_keys(*a) & entity_keys(*b))
    assert meet(("PERSON", ["Maria Kovacs"]), ("PERSON", ["Kovacs"]))  # a surname alone
    assert meet(("PERSON", ["Dmitri Dmitriev"]), ("PERSON", ["Dmitri Dimitriev"]))  # a variant
    assert meet(("ORG", ["National Security and Defense Council"]), ("ORG", ["NSDC"]))
    assert meet(("ORG", ["Ministry of Defence"]), ("ORG", ["Ministry of Defense"]))
    assert meet(("PERSON", ["Jordan"]), ("GPE", ["Jordan"]))  # a mistyped name
    assert not meet(("PERSON", ["Maria Kovacs"]), ("PERSON", ["Ivan Sobolev"]))


def test_an_update_touches_the_items_its_reports_may_join_only(tmp_path):
    def story(i, day, who, place):
        people = [ent("e1", who[0]), ent("e2", who[1]), ent("e3", place, "GPE")]
        events = [evt("v1", "CONSULT", actors=["e1"], targets=["e2"], location="e3", date=day,
                      evidence={"start": 0, "end": 10})]
        return ex(f"d{i}", people, events, published=day, text=f"{who[0]} met {who[1]}. {i}")
    a = ("Maria Kovacs", "Petro Hlushenko")
    b = ("Anna Lindqvist", "Ivan Sobolev")
    old = [story(0, "2025-01-05", a, "Vienna"), story(1, "2025-01-05", b, "Oslo"),
           story(2, "2025-01-06", a, "Vienna")]
    new = [story(3, "2025-01-06", a, "Vienna")]
    whole, _ = _store(tmp_path / "whole.db", [old + new])
    parts, result = _store(tmp_path / "parts.db", [old, new], full_fraction=1.01)
    assert result["mode"] == "incremental"
    assert result["sizes"]["items"] == 1 and result["block"] == 3  # not the Oslo talks
    assert _view(parts) == _view(whole)
    ids = {t.id for t in whole.list_timeline(limit=None)}
    assert {t.id for t in parts.list_timeline(limit=None)} == ids  # ids stay
    whole.close()
    parts.close()


def test_a_later_mention_of_a_day_joins_the_item_of_that_day(tmp_path):
    """A report giving only the day of a meeting ("yesterday's meeting in Vienna ended
    without a deal": no participant) joins the one stored item of its kind on that day, as
    the corpus resolved at once has it (the candidates' day key)."""
    def story(i, day):
        people = [ent("e1", "Maria Kovacs"), ent("e2", "Petro Hlushenko"),
                  ent("e3", "Vienna", "GPE")]
        events = [evt("v1", "CONSULT", actors=["e1"], targets=["e2"], location="e3", date=day,
                      evidence={"start": 0, "end": 10})]
        return ex(f"d{i}", people, events, published=day, text=f"Kovacs met Hlushenko. {i}")
    old = [story(0, "2025-01-05"), story(1, "2025-01-05")]
    mention = ex("d2", [ent("e1", "Graz", "GPE")],
                 [evt("v1", "CONSULT", date="2025-01-05", evidence={"start": 0, "end": 10})],
                 published="2025-01-06", text="The meeting on January 5 ended without a deal.")
    whole, _ = _store(tmp_path / "whole.db", [old + [mention]])
    parts, result = _store(tmp_path / "parts.db", [old, [mention]], full_fraction=1.01)
    assert result["mode"] == "incremental"
    assert _view(parts)[2] == _view(whole)[2]
    assert any("d2" in t.documents for t in whole.list_timeline(limit=None))
    whole.close()
    parts.close()


def _passing_reports():
    """Two states' exchange of prisoners (two reports), another a few days later (two
    reports), and a text published after both telling "an exchange" in passing, undated."""
    import dataclasses
    states = [ent("s1", "Norway", "GPE", country="NOR"), ent("s3", "Sweden", "GPE", country="SWE")]
    out = [ex(d, states, [evt("v1", "CONCEDE", ["s1", "s3"], [], None, day,
                              evidence={"start": 0, "end": 10})],
              published=day, source=f"{d}.com", text=f"Exchange {d}.")
           for d, day in (("a", "2026-04-10"), ("b", "2026-04-10"),
                          ("d", "2026-04-14"), ("e", "2026-04-14"))]
    text = "The summit was put off a week after the two countries exchanged prisoners."
    ev = dataclasses.replace(evt("v1", "CONCEDE", ["s1", "s3"]), trigger="exchanged",
                             evidence={"start": 0, "end": len(text)})
    out.append(ex("c", states, [ev], published="2026-04-18", source="c.com", text=text))
    return out


@pytest.mark.parametrize("split", [(["a", "b"], ["c"], ["d", "e"]), (["a", "b", "c"], ["d", "e"]),
                                   (["c"], ["a", "b"], ["d", "e"])])
def test_a_mention_in_passing_resolves_in_batches_as_the_whole(tmp_path, split):
    reports = {x.doc.id: x for x in _passing_reports()}
    whole, _ = _store(tmp_path / "whole.db", [list(reports.values())])
    for cut in range(1, len(split) + 1):  # each prefix of the batches, as the whole of it
        docs = [d for part in split[:cut] for d in part]
        one, _ = _store(tmp_path / f"one{cut}.db", [[reports[d] for d in docs]])
        parts, _ = _store(tmp_path / f"parts{cut}.db", [[reports[d] for d in p] for p in split[:cut]],
                          full_fraction=1.01, window_days=3)
        assert _view(parts) == _view(one)
        one.close()
        parts.close()
    whole.close()


def _talks_and_agreement():
    """Two states' talks at a palace (two texts of their envoys, the day before), an
    unrelated meeting of one envoy's colleague with a third state's envoy the same day, and
    later the two states' agreement at the palace."""
    states = [ent("sa", "Norway", "GPE", country="NOR"), ent("sb", "Sweden", "GPE", country="SWE")]

    def talks(d, who, where=True):
        people = [ent("p1", who[0], country=who[2]), ent("p2", who[1], country=who[3]),
                  ent("pl", "Tarnhaven Palace", "LOC"), *states,
                  ent("sc", "Finland", "GPE", country="FIN")]
        return ex(d, people, [evt("v1", "CONSULT", ["p1"], ["p2"], "pl" if where else None,
                                  "2025-03-09", evidence={"start": 0, "end": 10})],
                  published="2025-03-09", source=f"{d}.com", text=f"{who[0]} met {who[1]}. {d}")
    envoys = ("Maria Kovacs", "Petro Hlushenko", "NOR", "SWE")
    old = [talks("t1", envoys), talks("t2", envoys),
           talks("u1", ("Anna Lindqvist", "Ivan Sobolev", "NOR", "FIN"), where=False),
           talks("u2", ("Anna Lindqvist", "Ivan Sobolev", "NOR", "FIN"), where=False)]
    deal = ex("g1", [*states, ent("pl", "Tarnhaven Palace", "LOC")],
              [evt("v1", "AGREE", ["sa"], ["sb"], "pl", "2025-03-10",
                   evidence={"start": 0, "end": 10})],
              published="2025-03-10", source="g1.com", text="Norway and Sweden agreed. g1")
    return old, [deal]


def test_an_agreement_brings_the_talks_its_parties_may_hold_only(tmp_path):
    """An agreement between two states looks up the talks of their people (the talks it was
    reached at may be told in pieces), but not those of a third state's envoy: their
    parties are not the agreement's (``timeline._talks_piece``)."""
    old, new = _talks_and_agreement()
    whole, _ = _store(tmp_path / "whole.db", [old + new])
    parts, result = _store(tmp_path / "parts.db", [old, new], full_fraction=1.01)
    assert result["mode"] == "incremental"
    assert result["sizes"]["items"] == 1  # the two states' talks, not the Norwegian-Finnish
    assert _view(parts) == _view(whole)
    whole.close()
    parts.close()


def test_a_report_of_a_day_brings_that_day_s_items_for_a_recollection_only(tmp_path):
    """A new report of talks on a day brings the other items of that day only where one may
    be (or be joined by) a text recalling that day weeks later (``timeline._recalled``)."""
    old, _ = _talks_and_agreement()
    people = [ent("p1", "Olga Berg", country="DNK"), ent("p2", "Jon Dahl", country="ISL"),
              ent("sa", "Denmark", "GPE", country="DNK"), ent("sc", "Iceland", "GPE", country="ISL")]
    later = ex("n1", people, [evt("v1", "CONSULT", ["p1"], ["p2"], None, "2025-03-09",
                                  evidence={"start": 0, "end": 10})],
               published="2025-03-09", source="n1.com", text="Berg met Dahl. n1")
    recalled = ex("n2", people, [evt("v1", "CONSULT", ["p1"], ["p2"], None, "2025-03-09",
                                     evidence={"start": 0, "end": 10})],
                  published="2025-03-20", source="n2.com", text="Berg met Dahl on March 9. n2")
    for new, items in (([later], 0), ([recalled], 2)):
        whole, _ = _store(tmp_path / f"whole{items}.db", [old + new])
        parts, result = _store(tmp_path / f"parts{items}.db", [old, new], full_fraction=1.01)
        assert result["mode"] == "incremental"
        assert result["sizes"]["items"] == items
        assert _view(parts) == _view(whole)
        whole.close()
        parts.close()


def _meeting(i, day, published, place=True):
    people = [ent("e1", "Maria Kovacs", country="NOR"), ent("e2", "Petro Hlushenko", country="SWE"),
              ent("e3", "Vienna", "GPE")]
    events = [evt("v1", "CONSULT", actors=["e1"], targets=["e2"], location="e3" if place else None,
                  date=day, evidence={"start": 0, "end": 10})]
    return ex(f"m{i}", people, events, published=published, source=f"outlet{i}.com",
              text=f"Kovacs met Hlushenko. {i}")


def test_an_undated_report_at_no_place_brings_the_items_of_its_week_only(tmp_path):
    """An undated report of a meeting, at no place, joins a dated item only within a week of
    its text (``timeline._party_fit``): the same two people's talks two weeks before, in the
    window, are no candidate (nor are their texts, published more than a week before
    the item of its week); those three days before are."""
    old = [_meeting(0, "2025-01-05", "2025-01-05"), _meeting(1, "2025-01-05", "2025-01-06"),
           _meeting(2, "2025-01-19", "2025-01-19"), _meeting(3, "2025-01-19", "2025-01-20")]
    new = [_meeting(4, None, "2025-01-22", place=False)]
    whole, _ = _store(tmp_path / "whole.db", [old + new])
    parts, result = _store(tmp_path / "parts.db", [old, new], full_fraction=1.01)
    assert result["mode"] == "incremental" and result["sizes"]["items"] == 1
    assert _view(parts) == _view(whole)
    # a plan of theirs for a later day, in the window, still comes (``_link_plans``)
    plan = ex("p0", [ent("e1", "Maria Kovacs", country="NOR"),
                     ent("e2", "Petro Hlushenko", country="SWE")],
              [evt("v1", "CONSULT", actors=["e1"], targets=["e2"], status="planned",
                   date="2025-02-10", evidence={"start": 0, "end": 10})],
              published="2025-01-10", source="plan.com", text="Kovacs will meet Hlushenko.")
    whole2, _ = _store(tmp_path / "whole2.db", [[plan] + old + new])
    parts2, result = _store(tmp_path / "parts2.db", [[plan] + old, new], full_fraction=1.01)
    assert result["sizes"]["items"] >= 2 and _view(parts2) == _view(whole2)
    for s in (whole, parts, whole2, parts2):
        s.close()


def test_a_person_s_statement_brings_its_state_s_claims_not_another_person_s(tmp_path):
    """Two people of one state never stand for each other (``claims.related_keys``): a new
    statement of one brings the state's claim sharing its words, not the other person's."""
    def said(i, who, content, day):
        people = [ent("s1", who[0], who[1], country="NOR")]
        return ex(f"c{i}", people, statements=[stm("s1", content, speaker="s1")],
                  published=day, source=f"outlet{i}.com", text=f"{who[0]} said {content}. {i}")
    old = [said(0, ("Anna Lindqvist", "PERSON"), "the port blockade must end now", "2025-02-01"),
           said(1, ("Norway", "GPE"), "port blockade talks resume tomorrow with observers",
                "2025-02-01")]
    new = [said(2, ("Maria Kovacs", "PERSON"), "the port blockade must end quickly", "2025-02-03")]
    whole, _ = _store(tmp_path / "whole.db", [old + new])
    parts, result = _store(tmp_path / "parts.db", [old, new], full_fraction=1.01)
    assert result["mode"] == "incremental" and result["sizes"]["claims"] == 1
    assert _view(parts) == _view(whole)
    whole.close()
    parts.close()
