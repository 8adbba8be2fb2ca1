"""Cross-document timeline on hand-built extractions."""
from resolve_helpers import ent, evt, ex, stm

from dossier.resolve import build_timeline, resolve_entities


def people(*extra):
    return [ent("e1", "Steve Witkoff", roles=["US special envoy"], country="USA"),
            ent("e2", "Vladimir Putin", country="RUS"),
            ent("e3", "Moscow", "GPE", country="RUS"), *extra]


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_timeline(exs, mapping)


def test_reports_of_one_meeting_become_one_item_with_copies():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")],
              published="2025-12-02", source="A"),
           ex("b", people(), [evt("v1", "CONSULT", ["e2"], ["e1"], None, "2025-12-02")],
              published="2025-12-03", source="B"),
           ex("c", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", None)],
              published="2025-12-04", source="C"),
           ex("b2", people(), [], published="2025-12-03", copy_of="b")]
    tl = _run(exs)
    assert len(tl) == 1
    t = tl[0]
    assert t.date == "2025-12-02" and t.location == "Moscow"
    assert t.documents == ["a", "b", "b2", "c"]
    assert t.independent_reports == 3
    assert t.summary == "Witkoff met Putin in Moscow"
    assert set(t.participants) == {"Steve Witkoff", "Vladimir Putin"}


def test_month_precision_joins_a_day_in_it_but_other_days_split():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")]),
           ex("b", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12")]),
           ex("c", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-08-06")])]
    tl = _run(exs)
    assert [t.date for t in tl] == ["2025-08-06", "2025-12-02"]
    assert tl[1].documents == ["a", "b"]


def test_same_envoy_on_another_story_stays_apart():
    gaza = [ent("e1", "Steve Witkoff"), ent("e4", "Mohammed bin Abdulrahman Al Thani", country="QAT"),
            ent("e5", "Miami", "GPE", country="USA")]
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")]),
           ex("b", gaza, [evt("v1", "CONSULT", ["e1"], ["e4"], None, None)])]
    tl = _run(exs)
    assert len(tl) == 2


def test_background_mention_joins_by_place():
    geneva = [ent("e1", "Marco Rubio"), ent("e2", "Rustem Umerov"), ent("e3", "Geneva", "GPE", country="CHE")]
    exs = [ex("a", geneva, [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-11-23")]),
           ex("b", [ent("e9", "Geneva", "GPE")], [evt("v1", "CONSULT", [], [], "e9", "2025-W47")],
              published="2025-11-30")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a", "b"]


def test_planned_event_links_to_the_occurred_one():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02", status="planned")],
              published="2025-11-30"),
           ex("b", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")],
              published="2025-12-03")]
    tl = _run(exs)
    # the plan is the history of the meeting that took place, not a row of its own
    assert len(tl) == 1
    occurred = tl[0]
    assert occurred.status == "occurred" and occurred.documents == ["b"]
    [plan] = occurred.history
    assert plan["status"] == "planned" and plan["date"] == "2025-12-02"
    assert plan["documents"] == ["a"] and plan["first_reported"] == "2025-11-30"
    assert occurred.planned_by == [plan["id"]]


def test_a_plan_that_did_not_happen_stays_a_plan():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-09", status="planned")],
              published="2025-11-30"),
           ex("b", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")],
              published="2025-12-03")]
    tl = _run(exs)
    assert sorted(t.status for t in tl) == ["occurred", "planned"]
    assert all(not t.history and not t.planned_by for t in tl)


def test_statements_in_evidence_are_cited():
    text = "Witkoff met Putin in Moscow. Ushakov said the talks were useful."
    e = ex("a", [*people(), ent("e4", "Yuri Ushakov")],
           [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02", evidence={"start": 0, "end": len(text)})],
           [stm("s1", "the talks were useful", speaker="e4", span={"start": 43, "end": 64})], text=text)
    tl = _run([e])
    assert tl[0].statements == ["a:s1"]


def test_two_day_meeting_at_one_place_is_one_item():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")]),
           ex("b", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-03")],
              published="2025-12-04"),
           ex("c", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")])]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].date == "2025-12-02"


def test_occurred_after_publication_is_a_plan_and_reports_cannot_precede_events():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-05")],
              published="2025-12-01"),
           ex("b", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", None)], published="2025-11-20"),
           ex("c", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-05")],
              published="2025-12-06")]
    tl = _run(exs)
    occurred = [t for t in tl if t.status == "occurred"]
    assert sorted(t.documents for t in occurred) == [["b"], ["c"]]
    # the plan (report "a") folds into the meeting of its day
    held = next(t for t in occurred if t.documents == ["c"])
    assert [h["documents"] for h in held.history] == [["a"]]
    assert not any(t.status == "planned" for t in tl)


def test_same_meeting_placed_elsewhere_is_a_contradiction():
    geneva = ent("e5", "Geneva", "GPE", country="CHE")
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")], source="A"),
           ex("b", [*people(), geneva], [evt("v1", "CONSULT", ["e1"], ["e2"], "e5", "2025-12-02")],
              source="B")]
    tl = _run(exs)
    assert len(tl) == 2
    assert tl[0].contradictions[0]["kind"] == "place"
    assert {tl[0].contradictions[0]["this"], tl[0].contradictions[0]["other"]} == {"Moscow", "Geneva"}


def test_a_phone_call_is_not_the_meeting_in_person():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02", mode="meet")]),
           ex("b", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], None, None, mode="phone")],
              published="2025-12-07")]
    assert len(_run(exs)) == 2


def test_item_id_survives_a_later_report():
    first = ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")])
    later = ex("b", [*people(), ent("e4", "Jared Kushner")],
               [evt("v1", "CONSULT", ["e1", "e4"], ["e2"], "e3", "2025-12-02")], published="2025-12-05")
    id1 = _run([first])[0].id
    id2 = _run([first, later])[0].id
    assert id1 == id2


def test_nationality_stands_for_its_country():
    ents = [ent("e1", "Ukrainian", "NORP", country="UKR"), ent("e2", "United States", "GPE", country="USA"),
            ent("e3", "Geneva", "GPE", country="CHE")]
    exs = [ex("a", [*ents, ent("e4", "Ukraine", "GPE", country="UKR")],
              [evt("v1", "CONSULT", ["e2", "e1"], [], "e3", "2025-11-23")])]
    tl = _run(exs)
    assert set(tl[0].participants) == {"United States", "Ukraine"}


def test_an_undated_report_does_not_reach_back_to_an_old_event():
    exs = [ex("a", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")], published="2025-12-02"),
           ex("b", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], None, None)], published="2025-12-03"),
           ex("c", people(), [evt("v1", "CONSULT", ["e1"], ["e2"], None, None)], published="2025-12-20")]
    tl = _run(exs)
    assert sorted(t.documents for t in tl) == [["a", "b"], ["c"]]


def test_same_day_same_place_accounts_join_without_common_names():
    paris = ent("e5", "Paris", "GPE", country="FRA")
    a = ex("a", [ent("e1", "Volodymyr Zelensky"), ent("e2", "Emmanuel Macron"), paris],
           [evt("v1", "CONSULT", ["e1"], ["e2"], "e5", "2025-12-01")])
    b = ex("b", [ent("e1", "European Union", "ORG"), ent("e2", "Steve Witkoff"), paris],
           [evt("v1", "CONSULT", ["e1"], ["e2"], "e5", "2025-12-01")])
    tl = _run([a, b])
    assert len(tl) == 1 and tl[0].documents == ["a", "b"]


def test_a_report_returning_to_its_event_joins_it():
    ents = [ent("e1", "United States", "GPE", country="USA"), ent("e2", "Ukraine", "GPE", country="UKR")]
    a = ex("a", ents, [evt("v1", "CONSULT", ["e1", "e2"], [], None, "2025-11-30"),
                       evt("v2", "CONSULT", ["e1", "e2"], [], None, None)], published="2025-11-30")
    tl = _run([a])
    assert len(tl) == 1 and len(tl[0].reports) == 2


def test_mention_alone_is_no_item_and_a_report_own_mention_joins_its_talks():
    fl = [ent("e1", "United States", "GPE", country="USA"), ent("e2", "Ukraine", "GPE", country="UKR"),
          ent("e3", "Hallandale Beach", "GPE", country="USA"), ent("e4", "Florida", "GPE", country="USA"),
          ent("e5", "Cairo", "GPE", country="EGY")]
    exs = [ex("a", fl, [evt("v1", "CONSULT", [], [], "e4", "2025-11-30"),
                        evt("v2", "CONSULT", ["e1", "e2"], [], "e3", "2025-11-30")],
              published="2025-11-30"),
           ex("b", fl, [evt("v1", "CONSULT", [], [], "e5", None)], published="2025-11-30")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a"]
    assert len(tl[0].reports) == 2


def test_placed_mention_a_day_off_joins_the_talks_there():
    geneva = [ent("e1", "Marco Rubio"), ent("e2", "Rustem Umerov"), ent("e3", "Geneva", "GPE", country="CHE")]
    exs = [ex("a", geneva, [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-11-23")],
              published="2025-11-23"),
           ex("b", [ent("e9", "Geneva", "GPE", country="CHE")],
              [evt("v1", "CONSULT", [], [], "e9", "2025-11-24")], published="2025-11-24")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].documents == ["a", "b"] and tl[0].date == "2025-11-23"


def test_a_capital_acting_stands_for_its_state():
    ents = [ent("e1", "Volodymyr Zelensky", country="UKR"), ent("e2", "Moscow", "GPE", country="RUS"),
            ent("e3", "Russia", "GPE", country="RUS")]
    exs = [ex("a", ents, [evt("v1", "REJECT", ["e1"], ["e2"], None, "2025-12-03")]),
           ex("b", ents[2:], [])]
    tl = _run(exs)
    assert set(tl[0].participants) == {"Volodymyr Zelensky", "Russia"} and tl[0].location is None


def test_same_day_meeting_of_the_same_states_joins_the_envoys_meeting():
    ents = [ent("e1", "Steve Witkoff", country="USA"), ent("e2", "Kirill Dmitriev", country="RUS"),
            ent("e3", "Moscow", "GPE", country="RUS"), ent("e4", "Kremlin", "ORG", country="RUS"),
            ent("e5", "United States", "GPE", country="USA"), ent("e6", "Rustem Umerov", country="UKR")]
    exs = [ex("a", ents, [evt("v1", "CONSULT", ["e2"], ["e1"], "e3", "2025-12-02")]),
           ex("b", ents, [evt("v1", "CONSULT", ["e4", "e5"], [], None, "2025-12-02")]),
           ex("c", ents, [evt("v1", "CONSULT", ["e4"], [], None, "2025-12-02")]),
           ex("d", ents, [evt("v1", "CONSULT", ["e6"], [], None, "2025-12-02")])]
    tl = _run(exs)
    assert [t.documents for t in tl if "Kirill Dmitriev" in t.participants] == [["a", "b", "c"]]


def test_talks_over_two_days_take_the_week_and_a_passing_mention_is_no_item():
    geneva = [ent("e1", "Marco Rubio", country="USA"), ent("e2", "Rustem Umerov", country="UKR"),
              ent("e3", "Geneva", "GPE", country="CHE"), ent("e4", "Ukraine", "GPE", country="UKR")]
    exs = [ex("a", geneva, [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-11-23")], published="2025-11-23"),
           ex("b", geneva, [evt("v1", "CONSULT", [], [], "e3", "2025-11-24")], published="2025-11-24"),
           ex("c", geneva, [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-W47"),
                            evt("v2", "CONSULT", ["e4"], [], None, None)], published="2025-11-30")]
    tl = _run(exs)
    assert [t.documents for t in tl] == [["a", "b", "c"]]


def test_borrowed_parties_of_talks_elsewhere_join_the_talks_there_not_a_new_item():
    ents = [ent("e1", "United States", "GPE", country="USA"), ent("e2", "Ukraine", "GPE", country="UKR"),
            ent("e3", "Geneva", "GPE", country="CHE"), ent("e4", "Hallandale Beach", "GPE", country="USA"),
            ent("e5", "Steve Witkoff", country="USA"), ent("e6", "Kirill Dmitriev", country="RUS"),
            ent("e7", "Moscow", "GPE", country="RUS"), ent("e8", "Florida", "GPE", country="USA")]
    exs = [ex("a", ents, [evt("v1", "CONSULT", ["e1", "e2"], [], "e3", "2025-11-23")], published="2025-11-23"),
           ex("b", ents, [evt("v1", "CONSULT", ["e1", "e2"], [], "e4", "2025-11-30"),
                          evt("v2", "CONSULT", ["e1", "e2"], [], "e3", None)], published="2025-11-30"),
           ex("c", ents, [evt("v1", "CONSULT", ["e5", "e6"], [], "e7", "2025-12-02"),
                          evt("v2", "CONSULT", ["e5", "e6"], [], "e8", None)], published="2025-12-02")]
    tl = _run(exs)
    assert [(t.location, t.documents) for t in tl] == [
        ("Geneva", ["a", "b"]), ("Hallandale Beach", ["b"]), ("Moscow", ["c"])]


def test_a_bloc_named_by_a_nationality_stays_a_party_and_a_city_wins_a_tied_place():
    ents = [ent("e1", "Volodymyr Zelensky", country="UKR"), ent("e2", "Emmanuel Macron", country="FRA"),
            ent("e3", "Paris", "GPE", country="FRA"), ent("e4", "Europe", "LOC")]
    exs = [ex("a", ents, [evt("v1", "CONSULT", ["e1"], ["e2", "e4"], "e3", "2025-12-01")])]
    tl = _run(exs)
    assert tl[0].location == "Paris" and "Europe" in tl[0].participants


def test_a_mention_does_not_outvote_the_date_reports_with_participants_give():
    geneva = [ent("e1", "Marco Rubio", country="USA"), ent("e2", "Rustem Umerov", country="UKR"),
              ent("e3", "Geneva", "GPE", country="CHE")]
    exs = [ex("a", geneva, [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-11-24")], published="2025-11-24"),
           ex("b", geneva, [evt("v1", "CONSULT", [], [], "e3", "2025-11-23")], published="2025-11-23")]
    tl = _run(exs)
    assert len(tl) == 1 and tl[0].date == "2025-11-24"


def test_the_envoys_other_talks_at_the_same_place_that_week_stay_apart():
    ents = [ent("e1", "Steve Witkoff", country="USA"), ent("e2", "Rustem Umerov", country="UKR"),
            ent("e3", "Miami", "GPE", country="USA"), ent("e4", "Mohammed bin Abdulrahman Al Thani", country="QAT")]
    exs = [ex("a", ents, [evt("v1", "CONSULT", ["e2"], ["e1"], "e3", "2025-12-04", status="planned")],
              published="2025-12-03"),
           ex("b", ents, [evt("v1", "CONSULT", ["e1"], ["e4"], "e3", "2025-W49", status="planned")],
              published="2025-11-29")]
    tl = _run(exs)
    assert len(tl) == 2


def test_summary_names_people_with_their_sides_and_the_mediator():
    from dossier.records import Event
    es = [ent("e1", "Ana Rocha"), ent("e2", "Luis Salas"), ent("e3", "Chile", "GPE", country="CHL"),
          ent("e4", "Peru", "GPE", country="PER"), ent("e5", "Norway", "GPE", country="NOR"),
          ent("e6", "Lima", "GPE", country="PER")]
    v = Event(id="v1", type="CONSULT", trigger="talks", actors=["e3", "e4", "e1", "e2", "e5"],
              location="e6", date="2025-03-03", mode="meet",
              affiliation={"e1": "e3", "e2": "e4"}, mediators=["e5"])
    tl = _run([ex("a", es, [v], published="2025-03-04")])
    t = tl[0]
    assert t.summary == "Rocha met Salas in Lima, mediated by Norway"
    assert t.roles["Norway"] == "mediator" and t.affiliations == {"Ana Rocha": "Chile",
                                                                  "Luis Salas": "Peru"}


def test_a_host_receives_and_a_call_is_a_call():
    from dossier.records import Event
    es = people(ent("e4", "Jared Kushner", country="USA"))
    host = Event(id="v1", type="CONSULT", trigger="received", actors=["e2"], targets=["e1", "e4"],
                 location="e3", date="2025-12-02", mode="meet")
    call = Event(id="v1", type="CONSULT", trigger="call", actors=["e1"], targets=["e2"],
                 date="2025-12-05", mode="phone")
    tl = _run([ex("a", es, [host], published="2025-12-03"),
               ex("b", es, [call], published="2025-12-05")])
    assert [t.summary for t in tl] == ["Witkoff and Kushner met Putin in Moscow",
                                       "Witkoff spoke by phone with Putin"]
    assert tl[0].host == "Vladimir Putin"


def test_a_persons_state_takes_part_as_their_affiliation():
    es = people(ent("e4", "United States", "GPE", country="USA"),
                ent("e5", "Russia", "GPE", country="RUS"))
    tl = _run([ex("a", es, [evt("v1", "CONSULT", ["e1"], ["e2"], "e3", "2025-12-02")])])
    t = tl[0]
    assert t.summary == "Witkoff met Putin in Moscow"  # the state stands in for no one named
    assert "United States" in t.participants and t.roles["United States"] == "affiliation"


def test_outcomes_pair_kinds_both_ways():
    """One table pairs an outcome's kind with the event its texts tell of: the timeline
    rules and the incremental look-up read it (OUTCOMES, both ways)."""
    from dossier.resolve.timeline import ACCUSATION, AGREEMENT, OUTCOMES, TELLS_OF
    assert TELLS_OF == {AGREEMENT: "CONSULT", ACCUSATION: "ASSAULT"}
    for outcome, told in TELLS_OF.items():
        assert OUTCOMES[outcome] == (told,) and OUTCOMES[told] == (outcome,)
    assert len(OUTCOMES) == 2 * len(TELLS_OF)
