"""Reports of one event told differently join one timeline item (issue #11); different
events that look alike stay apart. Invented names on hand-built extractions."""
import dataclasses

from resolve_helpers import ent, evt, ex

from dossier.resolve import build_timeline, resolve_entities


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_timeline(exs, mapping, entities=ents)


def states():
    return [ent("s1", "Norway", "GPE", country="NOR"),
            ent("s3", "Sweden", "GPE", country="SWE"), ent("s4", "Finland", "GPE", country="FIN")]


def cast():
    """Two negotiators of two states and a mediator of a third, and two cities."""
    return [*states(),
            ent("p1", "Aldo Vantrell", roles=["Swedish minister"], country="SWE"),
            ent("p2", "Beret Kallio", roles=["Finnish envoy"], country="FIN"),
            ent("p3", "Cosmo Dalgaard", roles=["Norwegian foreign minister"], country="NOR"),
            ent("c1", "Oslo", "GPE", country="NOR"), ent("c2", "Bergen", "GPE", country="NOR"),
            ent("c3", "Stockholm", "GPE", country="SWE"), ent("c4", "Helsinki", "GPE", country="FIN")]


def _docs(tl, doc):
    return [t for t in tl if doc in t.documents]


def test_a_person_and_his_state_are_one_party_on_the_same_day():
    # "Sweden halted the flow to Finland on Wednesday" / "Vantrell halted it on Wednesday"
    exs = [ex("a", cast(), [evt("v1", "SANCTION", ["s3"], ["s4"], None, "2026-03-04")],
              published="2026-03-05"),
           ex("b", cast(), [evt("v1", "SANCTION", ["p1"], [], None, "2026-03-04")],
              published="2026-03-09")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a", "b"]


def test_people_of_the_states_an_item_names_join_it_undated():
    # the talks (the states and the mediator) / "a diplomat who took part in the talks
    # between Vantrell and Kallio" the next day, with no date or place of its own
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p3"], [], "c1", "2026-03-02")],
              published="2026-03-02"),
           ex("b", cast(), [evt("v1", "CONSULT", ["p3", "s3", "s4"], [], "c1", "2026-03-02")],
              published="2026-03-03"),
           ex("c", cast(), [evt("v1", "CONSULT", ["p1", "p2"], [], None, None)],
              published="2026-03-03")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a", "b", "c"]
    assert {"Aldo Vantrell", "Beret Kallio", "Cosmo Dalgaard"} <= set(tl[0].participants)


def test_a_person_of_a_state_the_item_does_not_name_stays_apart_undated():
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["s3"], "c1", "2026-03-02")],
              published="2026-03-02"),
           ex("b", cast(), [evt("v1", "CONSULT", ["p3"], ["s3"], "c1", "2026-03-02")],
              published="2026-03-02"),
           ex("c", cast(), [evt("v1", "CONSULT", ["p3", "p2"], [], None, None)],
              published="2026-03-03")]
    tl = _run(exs)
    assert [t.documents for t in _docs(tl, "c")] == [["c"]]


def test_last_week_holds_the_sunday_before_it():
    # talks on Sunday 8 March / "the deal was agreed last week at talks mediated by Norway"
    # (the week of 9-15 March, told on 17 March)
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["s3", "s4", "s1"], [], "c1", "2026-03-08")],
              published="2026-03-08"),
           ex("b", cast(), [evt("v1", "CONSULT", ["s1"], [], None, "2026-W11")],
              published="2026-03-17")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a", "b"] and tl[0].date == "2026-03-08"


def test_a_week_does_not_hold_days_further_before_it():
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["s3", "s4", "s1"], [], "c1", "2026-03-06")],
              published="2026-03-06"),
           ex("b", cast(), [evt("v1", "CONSULT", ["s1"], [], None, "2026-W11")],
              published="2026-03-17")]
    tl = _run(exs)
    assert not any(t.documents == ["a", "b"] for t in tl)


def test_one_text_meeting_two_people_on_two_days_is_two_meetings():
    # "Dalgaard met Vantrell in Oslo on Thursday and flew on to meet Kallio on Friday"
    # (the second place misread as the first), and a headline of the first meeting alone,
    # dated by its publication
    headline = evt("v1", "CONSULT", ["p3"], ["p1"], "c1", "2026-03-05")
    headline.date_inferred = True
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], "c1", "2026-03-05"),
                            evt("v2", "CONSULT", ["p3"], ["p2", "s4"], "c1", "2026-03-06")],
              published="2026-03-07"),
           ex("b", cast(), [headline], published="2026-03-05")]
    tl = _run(exs)
    assert sorted(t.documents for t in tl) == [["a"], ["a", "b"]]
    first = next(t for t in tl if t.documents == ["a", "b"])
    assert first.date == "2026-03-05" and "Beret Kallio" not in first.participants


def test_call_and_meeting_wordings_of_the_same_two_on_the_same_day_join():
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], None, "2026-03-05", mode="phone")],
              published="2026-03-06"),
           ex("b", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], None, "2026-03-05", mode="meet")],
              published="2026-03-12")]
    assert len(_run(exs)) == 1


def test_call_and_meeting_of_the_same_two_on_other_days_stay_apart():
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], None, "2026-03-05", mode="phone")],
              published="2026-03-06"),
           ex("b", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], "c3", "2026-03-12", mode="meet")],
              published="2026-03-12")]
    assert len(_run(exs)) == 2


def test_same_people_on_two_explicit_days_stay_apart():
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["p1", "p2"], "c1", "2026-03-02")],
              published="2026-03-02"),
           ex("b", cast(), [evt("v1", "CONSULT", ["p3"], ["p1", "p2"], "c1", "2026-03-09")],
              published="2026-03-09")]
    assert len(_run(exs)) == 2


def test_talks_and_the_agreement_signed_at_them_stay_two_items():
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p1", "p2"], [], "c1", "2026-03-02"),
                            evt("v2", "AGREE", ["p1", "p2"], [], "c1", "2026-03-02")],
              published="2026-03-02")]
    tl = _run(exs)
    assert sorted(t.type for t in tl) == ["AGREE", "CONSULT"]


def test_a_thin_fragment_joins_the_one_item_it_fits():
    # "Sweden agreed" (no day, no place) beside the agreement signed the day before
    signed = [ex(d, cast(), [evt("v1", "AGREE", ["p1", "p2"], [], "c1", "2026-03-02")],
                 published="2026-03-03") for d in ("a", "b")]
    thin = ex("c", cast(), [evt("v1", "AGREE", ["s3"], [], None, None)], published="2026-03-03")
    tl = _run([*signed, thin])
    assert len(tl) == 1 and tl[0].documents == ["a", "b", "c"]


def test_a_thin_fragment_that_fits_two_items_stays_apart():
    signed = [ex("a", cast(), [evt("v1", "AGREE", ["p1", "p2"], [], "c1", "2026-03-02")],
                 published="2026-03-03"),
              ex("b", cast(), [evt("v1", "AGREE", ["p1", "p3"], [], "c3", "2026-03-03")],
                 published="2026-03-03")]
    thin = ex("c", cast(), [evt("v1", "AGREE", ["s3"], [], None, None)], published="2026-03-04")
    tl = _run([*signed, thin])
    assert all(t.documents in (["a"], ["b"], ["a", "b"]) for t in tl)


def test_a_thin_fragment_does_not_reach_an_old_event():
    signed = [ex(d, cast(), [evt("v1", "AGREE", ["p1", "p2"], [], "c1", "2026-03-02")],
                 published="2026-03-03") for d in ("a", "b")]
    thin = ex("c", cast(), [evt("v1", "AGREE", ["s3"], [], None, None)], published="2026-03-20")
    tl = _run([*signed, thin])
    assert all(t.documents in (["a"], ["b"], ["a", "b"]) for t in tl)


def test_talks_over_three_days_are_one_item_with_a_date_range():
    exs = [ex(d, cast(), [evt("v1", "CONSULT", ["p3"], ["p1", "p2"], "c1", day)], published=day)
           for d, day in (("a", "2026-03-04"), ("b", "2026-03-05"), ("c", "2026-03-06"))]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a", "b", "c"]
    assert tl[0].date_range == ["2026-03-04", "2026-03-06"]


def test_the_same_people_at_the_same_place_days_apart_stay_apart():
    exs = [ex(d, cast(), [evt("v1", "CONSULT", ["p3"], ["p1", "p2"], "c1", day)], published=day)
           for d, day in (("a", "2026-03-04"), ("b", "2026-03-06"), ("c", "2026-03-09"))]
    assert len(_run(exs)) == 3


def test_a_headline_dated_by_its_publication_makes_no_date_range():
    headline = evt("v1", "CONSULT", ["p3"], ["p1"], None, "2026-03-06")
    headline.date_inferred = True
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], "c1", "2026-03-05"), headline],
              published="2026-03-06")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].date == "2026-03-05" and tl[0].date_range is None



def test_an_undated_report_at_a_venue_joins_its_latest_round_there():
    first = [ex(d, cast(), [evt("v1", "CONSULT", ["p3", "p1"], ["p2"], "c1", "2026-03-02")],
                published="2026-03-02") for d in ("a", "b", "c")]
    second = ex("d", cast(), [evt("v1", "CONSULT", ["p3"], ["p2"], "c1", "2026-03-12")],
                published="2026-03-12")
    undated = ex("e", cast(), [evt("v1", "CONSULT", ["p3"], ["p2"], "c1", None)],
                 published="2026-03-13")
    tl = _run([*first, second, undated])
    assert [t.documents for t in _docs(tl, "e")] == [["d", "e"]]


def test_an_undated_report_of_all_its_people_joins_the_one_item_days_later():
    signed = [ex(d, cast(), [evt("v1", "AGREE", ["p1", "p3"], ["p2"], "c1", "2026-03-02")],
                 published="2026-03-02") for d in ("a", "b")]
    later = ex("c", cast(), [evt("v1", "AGREE", ["p1"], ["p2"], None, None)], published="2026-03-07")
    states_only = ex("d", cast(), [evt("v1", "AGREE", ["s3"], ["s4"], None, None)],
                     published="2026-03-10")
    tl = _run([*signed, later, states_only])
    assert [t.documents for t in _docs(tl, "c")] == [["a", "b", "c"]]
    assert all("d" not in t.documents or t.documents == ["d"] for t in tl)


def test_one_text_two_contacts_of_one_person_on_one_day_stay_two():
    # "Dalgaard met Vantrell in Oslo on Monday ... He also spoke with Kallio and X"
    extra = ent("p4", "Dara Holmvik", roles=["Finnish minister"], country="FIN")
    exs = [ex("a", [*cast(), extra],
              [evt("v1", "CONSULT", ["p3"], ["p1"], "c1", "2026-03-02", mode="meet"),
               evt("v2", "CONSULT", ["p3"], ["p2", "p4"], None, "2026-03-02", mode="phone")],
              published="2026-03-02")]
    tl = _run(exs)
    assert len(tl) == 2


def test_a_plan_with_another_counterpart_is_not_the_meeting_held():
    trump_like = ent("p5", "Eamon Trask", roles=["US president"], country="USA")
    exs = [ex("a", [*cast(), trump_like],
              [evt("v1", "CONSULT", ["p3"], ["p5"], None, None, status="planned")],
              published="2026-03-01"),
           ex("b", cast(), [evt("v1", "CONSULT", ["p3"], ["p1", "p2"], "c1", "2026-03-05")],
              published="2026-03-05")]
    tl = _run(exs)
    held = next(t for t in tl if t.status == "occurred")
    assert not held.history and not held.planned_by


def test_other_people_of_the_same_states_on_the_same_day_are_another_call():
    # Dalgaard's call with Vantrell (Norway and Sweden) / two other officials of those
    # states on the phone the same day
    others = [ent("p6", "Sten Ahlgrenby", roles=["Swedish minister"], country="SWE"),
              ent("p7", "Olav Brekkan", roles=["Norwegian minister"], country="NOR")]
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], None, "2026-03-05", mode="phone")],
              published="2026-03-05"),
           ex("b", cast(), [evt("v1", "CONSULT", ["s1"], ["s3"], None, "2026-03-05", mode="phone")],
              published="2026-03-05"),
           ex("c", [*cast(), *others],
              [evt("v1", "CONSULT", ["p7"], ["p6"], None, "2026-03-05", mode="phone")],
              published="2026-03-06")]
    tl = _run(exs)
    assert [t.documents for t in _docs(tl, "c")] == [["c"]]


def test_officials_linked_only_through_a_state_on_one_day_are_another_contact():
    # "Norway spoke by phone with Vantrell" / "Brekkan (Norwegian) spoke with Ahlgrenby
    # (Swedish)" the same day: Norway could stand for Brekkan, but each names a Swede of its
    # own: two calls
    others = [ent("p6", "Sten Ahlgrenby", roles=["Swedish minister"], country="SWE"),
              ent("p7", "Olav Brekkan", roles=["Norwegian minister"], country="NOR")]
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["s1"], ["p1"], None, "2026-03-05", mode="phone")],
              published="2026-03-05"),
           ex("b", [*cast(), *others],
              [evt("v1", "CONSULT", ["p7"], ["p6"], None, "2026-03-05", mode="phone")],
              published="2026-03-06")]
    assert len(_run(exs)) == 2


def test_officials_of_another_state_at_the_same_place_and_day_are_another_contact():
    # the envoy meets the Swedish minister in Stockholm on Thursday / another text: "met
    # Finnish officials in Stockholm on Thursday" (only the state named): no one in common,
    # and a state none of the item's people belongs to, so not one meeting; the Swedish
    # side's own state on that day and place still joins
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p3"], ["p1"], "c3", "2026-03-05")],
              published="2026-03-05"),
           ex("b", cast(), [evt("v1", "CONSULT", [], ["s4"], "c3", "2026-03-05")],
              published="2026-03-07"),
           ex("c", cast(), [evt("v1", "CONSULT", [], ["s3"], "c3", "2026-03-05")],
              published="2026-03-07")]
    tl = _run(exs)
    assert _docs(tl, "a") != _docs(tl, "b")
    assert [t.documents for t in _docs(tl, "a")] == [["a", "c"]]


def test_a_dated_mention_without_participants_joins_the_one_item_of_its_day():
    # the talks of Vantrell and Kallio on the 5th / "yesterday's meeting ended without a
    # deal" (no one named, the 5th) / a headline of the 6th "meeting ends without deal"
    headline = dataclasses.replace(evt("v1", "CONSULT", [], [], None, "2026-03-06"),
                                   date_inferred=True)
    exs = [ex("a", cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], None, "2026-03-05")],
              published="2026-03-05"),
           ex("b", cast(), [evt("v1", "CONSULT", [], [], "c3", "2026-03-05")],
              published="2026-03-06"),
           ex("c", cast(), [headline], published="2026-03-06")]
    tl = _run(exs)
    assert [t.documents for t in tl] == [["a", "b", "c"]]


def test_a_dated_mention_stays_apart_from_two_items_of_its_day_or_another_place():
    two = [ex("a", cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], None, "2026-03-05")],
              published="2026-03-05"),
           ex("b", cast(), [evt("v1", "CONSULT", ["p3"], ["s3"], "c1", "2026-03-05")],
              published="2026-03-05"),
           ex("c", cast(), [evt("v1", "CONSULT", [], [], None, "2026-03-05")],
              published="2026-03-06")]
    assert not _docs(_run(two), "c")
    elsewhere = [ex("a", cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], "c3", "2026-03-05")],
                    published="2026-03-05"),
                 ex("c", cast(), [evt("v1", "CONSULT", [], [], "c4", "2026-03-05")],
                    published="2026-03-06")]
    assert [t.documents for t in _run(elsewhere)] == [["a"]]


def test_a_dated_mention_joins_the_item_far_more_texts_report_on_its_day():
    # Vantrell and Kallio's talks on the 5th told by three texts, another meeting that day
    # told by one; "the talks of March 5" (no one named) is the day's event the three tell
    talks = [ex(d, cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], None, "2026-03-05")],
                published="2026-03-05") for d in ("a", "b", "d")]
    other = ex("e", cast(), [evt("v1", "CONSULT", ["p3"], ["s3"], "c1", "2026-03-05")],
               published="2026-03-05")
    mention = ex("c", cast(), [evt("v1", "CONSULT", [], [], None, "2026-03-05")],
                 published="2026-03-09")
    tl = _run([*talks, other, mention])
    assert [t.documents for t in _docs(tl, "c")] == [["a", "b", "c", "d"]]
    assert [t.documents for t in _docs(tl, "e")] == [["e"]]
    # two texts against one are not enough: it stays apart
    tl = _run([*talks[:2], other, mention])
    assert not _docs(tl, "c")


def _relief():
    return [ent("o1", "Grey Lantern Relief", "ORG"), ent("o2", "Kestrel Bank", "ORG", country="NOR")]


def test_a_text_recalling_an_event_by_its_day_joins_the_one_item_of_that_day():
    # "Sweden and Finland exchanged prisoners on Monday" (two texts) / weeks later "the
    # exchange of March 2, carried out by Grey Lantern Relief" (an organisation of no state)
    day = [ex(d, [*cast(), *_relief()], [evt("v1", "CONCEDE", ["s3", "s4"], [], None,
                                              "2026-03-02")], published="2026-03-03")
           for d in ("a", "b")]
    later = ex("c", [*cast(), *_relief()], [evt("v1", "CONCEDE", ["o1"], [], None, "2026-03-02")],
               published="2026-03-20")
    tl = _run([*day, later])
    assert [t.documents for t in tl] == [["a", "b", "c"]]
    assert "Grey Lantern Relief" in tl[0].participants


def test_a_recalled_event_stays_apart_from_two_items_of_its_day_or_other_states():
    def day(d, parties):
        return ex(d, [*cast(), *_relief()], [evt("v1", "CONCEDE", parties, [], None,
                                                  "2026-03-02")], published="2026-03-03")
    later = ex("z", [*cast(), *_relief()], [evt("v1", "CONCEDE", ["o1"], [], None, "2026-03-02")],
               published="2026-03-20")
    two = _run([day("a", ["s3", "s4"]), day("b", ["s3", "s4"]), day("c", ["s1", "p3"]),
                day("d", ["s1", "p3"]), later])
    assert [t.documents for t in _docs(two, "z")] in ([], [["z"]])
    # a person of a state the item does not name, or an organisation of another state
    for party in ("p3", "o2"):
        other = ex("z", [*cast(), *_relief()],
                   [evt("v1", "CONCEDE", [party], [], None, "2026-03-02")], published="2026-03-20")
        tl = _run([day("a", ["s3", "s4"]), day("b", ["s3", "s4"]), other])
        assert all("z" not in t.documents for t in tl if "a" in t.documents)
    # a meeting recalled is not the call of that day
    calls = [ex(d, cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], None, "2026-03-02", mode="phone")],
                published="2026-03-03") for d in ("a", "b")]
    met = ex("z", cast(), [evt("v1", "CONSULT", [], ["p2"], None, "2026-03-02", mode="meet")],
             published="2026-03-20")
    assert all("z" not in t.documents for t in _run([*calls, met]) if "a" in t.documents)
    # a report a few days later is no recollection: the ordinary joins decide
    soon = ex("z", [*cast(), *_relief()], [evt("v1", "CONCEDE", ["o1"], [], None, "2026-03-02")],
              published="2026-03-04")
    tl = _run([day("a", ["s3", "s4"]), day("b", ["s3", "s4"]), soon])
    assert all("z" not in t.documents for t in tl if "a" in t.documents)


def test_the_reports_of_an_agreement_reached_at_talks_report_the_talks():
    # talks of Vantrell and Kallio in Oslo on the 4th and 5th; "they signed in Oslo on the
    # 5th" (another text); "Vantrell said they had agreed" (no place, no day); and a later
    # passing mention of "the Oslo agreement" with no one and no day
    talks = [ex(d, cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], "c1", day)], published=day)
             for d, day in (("a", "2026-03-04"), ("b", "2026-03-05"))]
    signed = [ex("c", cast(), [evt("v1", "AGREE", ["p1", "p2"], [], "c1", "2026-03-05")],
                 published="2026-03-05"),
              ex("d", cast(), [evt("v1", "AGREE", ["p1"], [], None, None)], published="2026-03-06"),
              ex("e", cast(), [evt("v1", "AGREE", [], [], "c1", None)], published="2026-03-20")]
    tl = _run([*talks, *signed])
    consult = [t for t in tl if t.type == "CONSULT"]
    agree = [t for t in tl if t.type == "AGREE"]
    assert len(consult) == 1 and len(agree) == 1
    assert consult[0].documents == ["a", "b", "c", "d"]
    assert consult[0].independent_reports == 4
    assert "a" not in agree[0].documents


def test_an_agreement_elsewhere_or_by_phone_does_not_report_the_talks():
    talks = [ex("a", cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], "c1", "2026-03-04")],
                published="2026-03-04")]
    for event in (evt("v1", "AGREE", ["p1", "p2"], [], "c3", "2026-03-04"),  # in Stockholm
                  evt("v1", "AGREE", ["p1", "p2"], [], "c1", "2026-03-09")):  # days later
        tl = _run([*talks, ex("c", cast(), [event], published="2026-03-09")])
        assert [t.documents for t in tl if t.type == "CONSULT"] == [["a"]]
    call = [ex("a", cast(), [evt("v1", "CONSULT", ["p1"], ["p2"], "c1", "2026-03-04",
                                 mode="phone")], published="2026-03-04")]
    tl = _run([*call, ex("c", cast(), [evt("v1", "AGREE", ["p1", "p2"], [], "c1", "2026-03-04")],
                         published="2026-03-05")])
    assert [t.documents for t in tl if t.type == "CONSULT"] == [["a"]]


def test_an_accusation_of_an_attack_on_its_day_and_place_reports_the_attack():
    # "shells hit Bergen on Sunday" (an attack its texts give no author for) / "Norway
    # accused Sweden of shelling Bergen on Sunday" (another text): the attack names the
    # accused and the accuser, and lists the accusation's texts; the two stay two items
    people = [*cast(), ent("o3", "Harbour Guard", "ORG")]
    attack = [ex(d, people, [evt("v1", "ASSAULT", ["o3"], [], "c2", "2026-03-01")],
                 published="2026-03-02") for d in ("a", "b")]
    accused = ex("c", people, [evt("v1", "ACCUSE", ["s1"], ["s3"], "c2", "2026-03-01")],
                 published="2026-03-02")
    tl = _run([*attack, accused])
    hit = [t for t in tl if t.type == "ASSAULT"]
    assert len(hit) == 1 and hit[0].documents == ["a", "b", "c"]
    assert hit[0].roles.get("Sweden") == "accused" and hit[0].roles.get("Norway") == "accuser"
    assert hit[0].summary.endswith("; Norway accused Sweden in Bergen")
    assert [t.documents for t in tl if t.type == "ACCUSE"] == [["c"]]


def test_an_accusation_elsewhere_or_of_another_day_stays_off_the_attack():
    people = [*cast(), ent("o3", "Harbour Guard", "ORG")]
    attack = [ex("a", people, [evt("v1", "ASSAULT", ["o3"], [], "c2", "2026-03-01")],
                 published="2026-03-02")]
    for place, day in (("c1", "2026-03-01"), ("c2", "2026-03-03")):
        accused = ex("c", people, [evt("v1", "ACCUSE", ["s1"], ["s3"], place, day)],
                     published="2026-03-04")
        hit = [t for t in _run([*attack, accused]) if t.type == "ASSAULT"]
        assert [t.documents for t in hit] == [["a"]] and "Sweden" not in hit[0].participants


def _passing(vid, text, trigger, actors, published, doc_id):
    ev = dataclasses.replace(evt(vid, "CONCEDE", actors), trigger=trigger,
                             evidence={"start": 0, "end": len(text)})
    return ex(doc_id, states(), [ev], published=published, text=text)


def _exchange_reports():
    return [ex(d, states(), [evt("v1", "CONCEDE", ["s1", "s3"], [], None, "2026-04-10")],
               published=p) for d, p in (("a", "2026-04-10"), ("b", "2026-04-11"))]


def test_an_undated_mention_in_passing_joins_the_earlier_event():
    # "a week after the two countries exchanged prisoners", written eight days on
    text = "The summit was put off a week after the two countries exchanged prisoners."
    tl = _run([*_exchange_reports(),
               _passing("v1", text, "exchanged", ["s1", "s3"], "2026-04-18", "c")])
    assert [t.documents for t in tl] == [["a", "b", "c"]]


def test_an_undated_event_not_told_in_passing_stays_apart():
    # a new exchange told without its day is not the earlier one
    text = "The two countries exchanged prisoners, officials said."
    tl = _run([*_exchange_reports(),
               _passing("v1", text, "exchanged", ["s1", "s3"], "2026-04-18", "c")])
    assert sorted(t.documents for t in tl) == [["a", "b"], ["c"]]


def test_a_mention_in_passing_with_two_earlier_events_stays_apart():
    text = "The summit was put off a week after the two countries exchanged prisoners."
    again = [ex(d, states(), [evt("v1", "CONCEDE", ["s1", "s3"], [], None, "2026-04-14")],
                published=p) for d, p in (("d", "2026-04-14"), ("e", "2026-04-15"))]
    tl = _run([*_exchange_reports(), *again,
               _passing("v1", text, "exchanged", ["s1", "s3"], "2026-04-18", "c")])
    assert ["c"] in [t.documents for t in tl]


def test_the_government_of_the_state_of_x_is_x_in_the_timeline():
    # "Peru freed the crew" / "the Government of the State of Peru handed the crew to Qatar":
    # one release, its actor the state
    a = [ent("e1", "Peru", "GPE", country="PER")]
    b = [ent("e1", "Government of the State of Peru", "ORG", country="PER"),
         ent("e2", "Peru", "GPE", country="PER"), ent("e3", "Qatar", "GPE", country="QAT")]
    exs = [ex("a", a, [evt("v1", "CONCEDE", ["e1"], [], None, "2026-11-14")],
              published="2026-11-14"),
           ex("b", b, [evt("v1", "CONCEDE", ["e1"], ["e3"], None, "2026-11-14")],
              published="2026-11-15")]
    tl = _run(exs)
    assert len(tl) == 1
    assert set(tl[0].participants) == {"Peru", "Qatar"}


def test_a_headline_of_the_day_joins_the_event_one_account_dates_a_day_later():
    # two wires sign the truce on the 14th, a copy misreads the day as the 15th; a live
    # blog's "A and B sign the truce", dated by its publication on the 14th, is the same
    live = evt("v1", "AGREE", ["p1", "p3"], [], None, "2026-10-14")
    live.date_inferred = True
    exs = [ex("a", cast(), [evt("v1", "AGREE", ["p1", "p3"], [], "c1", "2026-10-14")],
              published="2026-10-14"),
           ex("b", cast(), [evt("v1", "AGREE", ["p1", "p3"], [], "c1", "2026-10-15")],
              published="2026-10-16"),
           ex("c", cast(), [live], published="2026-10-14")]
    tl = _run(exs)
    assert [t.documents for t in tl] == [["a", "b", "c"]]
