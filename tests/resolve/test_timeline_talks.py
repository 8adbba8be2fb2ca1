"""One meeting told in pieces across outlets (issue #11): a text's people standing for the
states of its dated event, the same parties at one place a day apart, and the pieces of the
talks an agreement was reached at (a live blog's undated entry, a wire's mediator alone);
what only looks alike stays apart. Invented names on hand-built extractions."""
from resolve_helpers import ent, evt, ex

from dossier.resolve import build_timeline, resolve_entities


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_timeline(exs, mapping, entities=ents)


def cast():
    """Three states, two negotiators (one of a state the tagger did not find), a mediator,
    a capital and a venue no gazetteer knows."""
    return [ent("s1", "Norway", "GPE", country="NOR"), ent("s3", "Sweden", "GPE", country="SWE"),
            ent("s4", "Finland", "GPE", country="FIN"), ent("s5", "Denmark", "GPE", country="DNK"),
            ent("p1", "Aldo Vantrell", roles=["Swedish minister"], country="SWE"),
            ent("p2", "Beret Kallio", roles=["envoy"]),
            ent("p5", "Dagny Holmsted", roles=["Danish minister"], country="DNK"),
            ent("c1", "Oslo", "GPE", country="NOR"), ent("c3", "Stockholm", "GPE", country="SWE"),
            ent("v1", "Korsvik Hall", "LOC")]


def _with(tl, doc):
    return [t for t in tl if doc in t.documents]


def test_a_texts_undated_people_tell_its_dated_event_again():
    # "Sweden and Finland signed in Oslo on Wednesday ... The accord was signed by Vantrell
    # and Kallio" (Kallio's state unknown to the tagger); another text's undated "Vantrell
    # agreed" stays where it is
    exs = [ex("a", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", "2026-03-04"),
                            evt("v2", "AGREE", ["p1", "p2"], [], None, None)],
              published="2026-03-04"),
           ex("b", cast(), [evt("v1", "AGREE", ["p1"], [], None, None)], published="2026-03-03")]
    tl = _run(exs)
    item = _with(tl, "a")
    assert len(item) == 1 and {"Aldo Vantrell", "Beret Kallio"} <= set(item[0].participants)


def test_a_texts_undated_people_of_another_state_stay_apart():
    exs = [ex("a", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", "2026-03-04"),
                            evt("v2", "AGREE", ["p1", "p5"], [], None, None)],
              published="2026-03-04")]
    tl = _run(exs)
    assert not any({"Aldo Vantrell", "Dagny Holmsted"} & set(t.participants)
                   and "Finland" in t.participants for t in tl)


def test_the_same_two_states_at_one_place_a_day_apart_are_one_event():
    # "signed in Oslo on Wednesday" / "signed in Oslo on Thursday": one signing, dated two ways
    exs = [ex("a", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", "2026-03-04")],
              published="2026-03-04"),
           ex("b", cast(), [evt("v1", "AGREE", ["s4", "s3"], [], "c1", "2026-03-05")],
              published="2026-03-06")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a", "b"]
    assert {d["value"] for d in tl[0].dates_reported} == {"2026-03-04", "2026-03-05"}


def test_the_same_states_a_day_apart_elsewhere_or_with_a_third_stay_two():
    exs = [ex("a", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", "2026-03-04")],
              published="2026-03-04"),
           ex("b", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c3", "2026-03-05")],
              published="2026-03-06"),
           ex("c", cast(), [evt("v1", "AGREE", ["s3", "s4", "s5"], [], "c1", "2026-03-05")],
              published="2026-03-06")]
    tl = _run(exs)
    assert [t.documents for t in _with(tl, "b")] == [["b"]]
    assert [t.documents for t in _with(tl, "c")] == [["c"]]


def _deal():
    """Sweden and Finland agreed in Oslo on Wednesday 4 March (two texts); the wire says
    the talks, mediated by Norway, began on Tuesday."""
    return [ex("w", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", "2026-03-04"),
                             evt("v2", "CONSULT", ["s1"], [], None, "2026-03-03", mode="meet")],
               published="2026-03-04"),
            ex("x", cast(), [evt("v1", "AGREE", ["s4", "s3"], [], "c1", "2026-03-04")],
               published="2026-03-05")]


def test_the_pieces_of_the_talks_an_agreement_was_reached_at_are_one_item():
    # a live blog of Tuesday: "delegations of Sweden and Finland, with Vantrell, arrive at
    # Korsvik Hall" (no date, a venue no gazetteer places)
    blog = ex("lb", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p1"], [], "v1", None,
                                 mode="meet")], published="2026-03-03")
    tl = _run([*_deal(), blog])
    talks = [t for t in tl if t.type == "CONSULT"]
    assert len(talks) == 1 and {"lb", "w"} <= set(talks[0].documents)
    assert "x" in talks[0].documents  # the agreement's other text tells the talks too
    assert talks[0].location == "Oslo"  # the venue no gazetteer places is in the agreement's city
    assert "Korsvik Hall" in {p["value"] for p in talks[0].places_reported}
    assert talks[0].date == "2026-03-03"
    assert {"Sweden", "Finland", "Norway", "Aldo Vantrell"} <= set(talks[0].participants)


def test_a_call_a_meeting_elsewhere_or_of_another_state_is_no_piece_of_the_talks():
    others = [ex("ph", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p1"], [], None, "2026-03-03",
                                    mode="phone")], published="2026-03-03"),
              ex("st", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p1"], [], "c3", "2026-03-03",
                                    mode="meet")], published="2026-03-03"),
              ex("dk", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p5"], [], "v1", None,
                                    mode="meet")], published="2026-03-03"),
              ex("early", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p1"], [], "v1", None,
                                       mode="meet")], published="2026-02-25")]
    for other in others:
        d = other.doc.id
        tl = _run([*_deal(), other])
        assert [t.documents for t in tl if t.type == "CONSULT"] in ([[d], ["w"]], [["w"], [d]]), d


def _view(store):
    return sorted((t.type, t.date or "", tuple(sorted(t.documents)), tuple(sorted(t.participants)))
                  for t in store.list_timeline(limit=None))


def _store_of(path, batches):
    from dossier.resolve import rebuild, update
    from dossier.store import open_store
    store = open_store(str(path))
    for i, batch in enumerate(batches):
        for x in batch:
            if not x.doc.text:
                x.doc.text = x.doc.raw_text = f"A report, {x.doc.id}."
            for v in x.events:
                v.evidence = v.evidence or {"start": 0, "end": 10}
            store.add_document(x.doc, x)
        update(store, full_fraction=1.01) if i else rebuild(store)
    return store


def test_the_talks_pieces_join_in_batches_as_in_the_whole(tmp_path):
    """The incremental look-ups find the pieces whichever arrives last: the agreement (its
    parties, places and the host state over the talks' days), the wire's mediator alone
    (through its text's agreement), the live blog (through the agreement's parties), and
    the signing dated a day later (its parties and place)."""
    import itertools
    blog = ex("lb", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p1"], [], "v1", None,
                                 mode="meet")], published="2026-03-03")
    later = ex("y", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", "2026-03-05")],
               published="2026-03-06")  # the signing dated a day later
    reports = [*_deal(), blog, later]
    whole = _store_of(tmp_path / "whole.db", [reports])
    expected = _view(whole)
    assert any(t[0] == "CONSULT" and {"lb", "w"} <= set(t[2]) for t in expected)
    assert any(t[0] == "AGREE" and {"w", "x", "y"} <= set(t[2]) for t in expected)
    for n, order in enumerate(itertools.permutations(reports)):
        parts = _store_of(tmp_path / f"parts{n}.db", [[x] for x in order])
        assert _view(parts) == expected, [x.doc.id for x in order]
        parts.close()
    whole.close()


def _headline(doc, who, published):
    """A headline's "X rejects the accusation", dated by its publication."""
    v = evt("v1", "REJECT", who, [], None, published)
    v.date_inferred = True
    return ex(doc, cast(), [v], published=published)


def test_headlines_of_a_day_naming_a_state_and_its_minister_are_one_event():
    tl = _run([_headline("a", ["p1"], "2026-03-04"), _headline("b", ["s3"], "2026-03-04")])
    assert len(tl) == 1 and tl[0].documents == ["a", "b"]


def test_headlines_of_other_days_or_another_states_minister_stay_apart():
    tl = _run([_headline("a", ["p1"], "2026-03-04"), _headline("b", ["s3"], "2026-03-07"),
               _headline("c", ["p5"], "2026-03-04")])
    assert sorted(t.documents for t in tl) == [["a"], ["b"], ["c"]]


def test_headlines_of_a_day_join_in_batches_as_in_the_whole(tmp_path):
    reports = [_headline("a", ["p1"], "2026-03-04"), _headline("b", ["s3"], "2026-03-04")]
    whole = _store_of(tmp_path / "whole.db", [reports])
    assert [t[2] for t in _view(whole)] == [("a", "b")]
    for n, order in enumerate([reports, reports[::-1]]):
        parts = _store_of(tmp_path / f"parts{n}.db", [[x] for x in order])
        assert _view(parts) == _view(whole), [x.doc.id for x in order]
        parts.close()
    whole.close()


def _signed(doc, day, published):
    return ex(doc, cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", day)], published=published)


def _last_week():
    """"The crew were freed under a deal struck last week" (no party, no place): week 10."""
    return ex("m", cast(), [evt("v1", "AGREE", [], [], None, "2026-W10")], published="2026-03-10")


def test_a_mention_of_last_weeks_deal_joins_the_one_deal_of_that_week():
    tl = _run([_signed("a", "2026-03-04", "2026-03-04"), _signed("b", "2026-03-04", "2026-03-05"),
               _last_week()])
    assert [t.documents for t in tl] == [["a", "b", "m"]]


def test_a_mention_of_last_weeks_deal_with_two_deals_that_week_stays_out():
    other = ex("c", cast(), [evt("v1", "AGREE", ["s1", "s5"], [], "c3", "2026-03-06")],
               published="2026-03-06")
    tl = _run([_signed("a", "2026-03-04", "2026-03-04"), other, _last_week()])
    assert not any("m" in t.documents for t in tl)


def test_a_mention_of_last_weeks_deal_joins_in_batches_as_in_the_whole(tmp_path):
    reports = [_signed("a", "2026-03-04", "2026-03-04"), _signed("b", "2026-03-04", "2026-03-05"),
               _last_week()]
    whole = _store_of(tmp_path / "whole.db", [reports])
    for n, order in enumerate([reports, reports[::-1], [reports[2], *reports[:2]]]):
        parts = _store_of(tmp_path / f"parts{n}.db", [[x] for x in order])
        assert _view(parts) == _view(whole), [x.doc.id for x in order]
        parts.close()
    whole.close()


def test_an_agreement_at_no_place_pieces_together_its_own_texts_talks_only():
    # "LIVE: Swedish and Finnish ministers meet" / "...agreed after talks brokered by Norway"
    # (the mediator alone); another outlet's talks of the two the day before, in Stockholm,
    # stay apart
    org = ent("o1", "Nordic Council", "ORG")
    live = ex("lv", [*cast(), org], [evt("v1", "CONSULT", ["s3", "s4"], [], None, "2026-03-04",
                                         mode="meet"),
                                     evt("v2", "AGREE", ["s3", "s4"], [], None, "2026-03-04")],
              published="2026-03-04")
    wire = ex("wr", [*cast(), org], [evt("v1", "AGREE", ["s3", "s4"], [], None, "2026-03-04"),
                                     evt("v2", "CONSULT", ["o1"], [], None, None, mode="meet")],
              published="2026-03-04")
    wire.events[1].mediators = ["o1"]
    other = ex("ot", cast(), [evt("v1", "CONSULT", ["s3", "s4"], [], "c3", "2026-03-03",
                                  mode="meet")], published="2026-03-03")
    tl = _run([live, wire, other])
    talks = [t for t in tl if t.type == "CONSULT" and "lv" in t.documents]
    assert len(talks) == 1 and {"lv", "wr"} <= set(talks[0].documents)
    assert "ot" not in talks[0].documents
