"""Events inside one report (issue #11): halted flows, attacks told as charges, exchanged
people, stranded subjects of a glued headline, background clauses, modal perfects and the
headline's date. Invented people; real states only where a nationality word needs one."""
import pytest

from .nlp_helpers import event_rows


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published="2026-10-14"):
        return event_rows(nlp, text, published)
    return _run


def _of(evs, etype, trigger=None):
    return [e for e in evs if e["type"] == etype and (trigger is None or e["trigger"] == trigger)]


def test_stopped_pumping_is_a_halt_with_its_day_and_destination(run):
    _, evs = run("Romania stopped pumping crude to Hungary through the pipeline on Wednesday, "
                 "the operator said.")
    (ev,) = _of(evs, "SANCTION")
    assert ev["actors"] == {"Romania"} and ev["targets"] == {"Hungary"}
    assert ev["date"] == "2026-10-14"


def test_halt_noun_of_a_flow_and_the_flow_is_no_event(run):
    _, evs = run("Poland's suspension of gas deliveries to Hungary angered the government.")
    (ev,) = _of(evs, "SANCTION")
    assert ev["actors"] == {"Poland"} and ev["targets"] == {"Hungary"}
    assert not _of(evs, "AID")  # the deliveries stopped are not aid given


def test_halt_by_an_unnamed_move_takes_the_state_adjective(run):
    _, evs = run("Serbia depends on Romania for its fuel. Halmo Varga called the Romanian move, "
                 "which stopped deliveries to Serbia on Tuesday, a hostile act.")
    (ev,) = _of(evs, "SANCTION")
    assert ev["actors"] == {"Romania"} and "Serbia" in ev["targets"]


def test_attack_told_as_a_charge_names_the_accused_as_attacker(run):
    _, evs = run("Latvia accused Estonia of shelling the village of Valka on Sunday.",
                 published="2026-10-26")
    (ev,) = _of(evs, "ASSAULT")
    assert ev["actors"] == {"Estonia"} and "Latvia" in ev["targets"]
    assert ev["date"] == "2026-10-25"


def test_charge_of_shelling_someone_elses_cities_keeps_the_accuser_out(run):
    _, evs = run("Poland accused Russia of shelling Ukrainian cities.")
    (ev,) = _of(evs, "ASSAULT")
    assert ev["actors"] == {"Russia"} and "Poland" not in ev["targets"]


def test_exchanged_people_name_the_parties_of_the_exchange(run):
    _, evs = run("The 250 Estonian and Latvian detainees were exchanged yesterday in an "
                 "operation run by the Red Cross.", published="2026-11-17")
    (ev,) = _of(evs, "CONCEDE")
    assert len(ev["actors"] - {"International Committee of the Red Cross"}) == 2
    assert ev["date"] == "2026-11-16"


def test_the_two_countries_are_the_two_states_named_before(run):
    _, evs = run("The summit between Estonia and Latvia was postponed. The postponement comes "
                 "a week after the two countries exchanged 300 prisoners.")
    (ev,) = _of(evs, "CONCEDE")
    assert ev["actors"] == {"Estonia", "Latvia"}


def test_subject_stranded_by_a_glued_headline_joins_the_event(run, nlp):
    doc, evs = run("Second round of talks opens\nEstonian and Latvian negotiators met again on "
                   "Tuesday in Tartu.", published="2026-11-03")
    (ev,) = _of(evs, "CONSULT", "met")
    assert len(ev["actors"]) == 2


def test_background_clause_takes_no_publication_date(run):
    _, evs = run("Minister Anna Quell spoke by phone with Boris Tarrow on Friday for the first "
                 "time since Romania stopped oil transit to Hungary, her ministry said.",
                 published="2026-10-17")
    (halt,) = _of(evs, "SANCTION")
    assert halt["date"] is None
    (call,) = _of(evs, "CONSULT")
    assert call["date"] == "2026-10-16"


def test_modal_perfect_did_not_happen_and_looks_back(run):
    _, evs = run("Anna Quell should have met Boris Tarrow in Lyon on Monday.",
                 published="2026-12-04")
    (ev,) = _of(evs, "CONSULT")
    assert ev["status"] == "negated" and ev["date"] == "2026-11-30"
    _, evs = run("Last Saturday should have been the day the presidents of Estonia and Latvia "
                 "met in Riga.", published="2026-12-04")
    (ev,) = _of(evs, "CONSULT")
    assert ev["status"] == "negated"


def test_headline_takes_the_day_the_body_gives_with_one_shared_party(run):
    _, evs = run("Envoy meets Talmor in Lyon ahead of the summit\nLYON - African Union special "
                 "envoy Marisa Okonta met the minister Ruben Talmor in Lyon yesterday.",
                 published="2026-11-20")
    assert [e["date"] for e in _of(evs, "CONSULT")] == ["2026-11-19", "2026-11-19"]


def test_headline_weekday_of_a_plan_looks_ahead(nlp):
    doc = nlp.make_doc("Quell and Tarrow talk by phone; ministers to meet in Lyon on Thursday\n"
                       "PARIS - Energy Minister Anna Quell spoke by phone with Boris Tarrow on "
                       "Friday, her ministry said.")
    doc._.published = "2026-10-17"
    doc = nlp(doc)
    values = {t.text: t.value for t in doc._.times}
    assert values == {"Thursday": "2026-10-22", "Friday": "2026-10-16"}


def test_a_dated_report_with_nobody_named_is_a_mention_of_that_days_event(run):
    _, evs = run("The meeting was the first since the transit was halted on October 14.",
                 published="2026-10-29")
    (ev,) = _of(evs, "SANCTION")
    assert ev["date"] == "2026-10-14" and not ev["actors"] and not ev["targets"]
    _, evs = run("The oil transit was halted, officials said.", published="2026-10-29")
    assert not _of(evs, "SANCTION")  # no day, nobody named: nothing to join


def test_a_threat_names_whose_thing_it_would_hit(run):
    _, evs = run("Budapest threatened to veto a new EU loan to Romania, officials said.")
    (ev,) = _of(evs, "THREATEN")
    assert {"European Union", "Romania"} <= ev["targets"]


def test_where_a_visitor_came_from_is_no_party(run):
    _, evs = run("Envoy Marisa Okonta arrived in Lyon from Paris on Monday.")
    (ev,) = _of(evs, "CONSULT")
    assert ev["actors"] == {"Marisa Okonta"} and not ev["targets"]


def test_a_meeting_that_failed_to_end_a_dispute_was_held(run):
    _, evs = run("A meeting of ministers in Lyon on Thursday failed to end the dispute between "
                 "Romania and Hungary.", published="2026-10-23")
    (ev,) = _of(evs, "CONSULT")
    assert ev["status"] == "occurred" and ev["date"] == "2026-10-22"
    _, evs = run("The meeting in Paris on Friday failed to take place.", published="2026-10-23")
    assert [e["status"] for e in _of(evs, "CONSULT")] == ["negated"]


def test_the_meeting_chaired_by_after_a_mention_is_that_meeting_with_its_people(run):
    _, evs = run("Lyon meeting on pipeline ends without deal\nLYON - A meeting of ministers in "
                 "Lyon on Thursday failed to end the dispute between Romania and Hungary, "
                 "officials said.\nThe meeting was chaired by EU energy commissioner Anna Quell "
                 "and attended by Romania's energy minister Boris Tarrow and Hungary's foreign "
                 "minister Gabor Varga.", published="2026-10-23")
    meetings = _of(evs, "CONSULT")
    assert len(meetings) == 3
    for ev in meetings:
        assert ev["date"] == "2026-10-22"
        assert ev["actors"] == {"Anna Quell", "Boris Tarrow", "Gabor Varga"}


def test_the_ministers_met_elsewhere_are_the_parties_just_told(run):
    _, evs = run("PARIS - The restart on Monday followed last week's meeting of Romanian Energy "
                 "Minister Boris Tarrow and Hungarian Foreign Minister Gabor Varga in Lyon. The "
                 "ministers first met on the issue in Brussels on October 22.",
                 published="2026-11-05")
    (ev,) = _of(evs, "CONSULT", "met")
    assert ev["actors"] == {"Boris Tarrow", "Gabor Varga"} and ev["date"] == "2026-10-22"


def test_agents_of_the_meeting_come_before_an_agreement_just_told(run):
    _, evs = run("LYON - A meeting of ministers in Lyon on Thursday failed to end the dispute, "
                 "officials said. Neither Bucharest nor Budapest accepted the offer. The meeting "
                 "was chaired by commissioner Anna Quell and attended by minister Boris Tarrow.",
                 published="2026-10-23")
    ev = _of(evs, "CONSULT")[-1]
    assert ev["actors"] == {"Anna Quell", "Boris Tarrow"} and ev["date"] == "2026-10-22"


def test_sitting_down_with_someone_is_a_meeting_of_the_clauses_subject(run):
    _, evs = run("Deputy Prime Minister Anna Quell and security chief Boris Tarrow shook hands for "
                 "the cameras before sitting down with Foreign Minister Marisa Okonta.")
    (ev,) = _of(evs, "CONSULT")
    assert ev["actors"] == {"Anna Quell", "Boris Tarrow"} and ev["targets"] == {"Marisa Okonta"}


def test_the_day_of_an_event_a_report_is_measured_from_is_not_the_reports(run):
    _, evs = run("Envoy Marisa Okonta met Ruben Talmor in Lyon yesterday. The meeting was the "
                 "envoy's first visit to Lyon since the prisoner exchange on Monday.",
                 published="2026-11-20")
    meeting = next(e for e in evs if e["trigger"] == "meeting")
    assert meeting["date"] != "2026-11-16"
    (exchange,) = _of(evs, "CONCEDE")
    assert exchange["date"] == "2026-11-16"


def test_a_place_of_the_headline_or_dateline_is_no_actor_of_the_lead(run):
    _, evs = run("Gabor Varga receives envoy Anna Quell in Lyon\nLYON - State Minister for Foreign "
                 "Affairs Gabor Varga on Friday received the European Union special envoy Anna "
                 "Quell, who arrived in Lyon from Paris.", published="2026-11-21")
    received = next(e for e in evs if e["trigger"] == "received")
    assert "Lyon" not in received["actors"] and received["date"] == "2026-11-20"
    receives = next(e for e in evs if e["trigger"] == "receives")
    assert receives["date"] == "2026-11-20"  # the headline: the day the lead gives


def test_a_gerund_with_a_determiner_is_the_noun_of_an_event(nlp):
    from dossier.nlp.events import _nominal_gerunds
    doc = nlp("The round will focus on the pullback of heavy weapons and on the shelling of "
              "October 25.")
    shelling = next(t for t in doc if t.text == "shelling")
    _nominal_gerunds(doc)
    assert shelling.pos_ == "NOUN" and shelling.lemma_ == "shelling"
    doc = nlp("Troops kept shelling the port.")
    _nominal_gerunds(doc)
    assert next(t for t in doc if t.text == "shelling").pos_ == "VERB"


def test_a_shelling_mentioned_with_its_day_is_kept_for_the_timeline(run):
    _, evs = run("The round will focus on the pullback of heavy weapons and on the shelling of "
                 "October 25.", published="2026-11-07")
    (ev,) = _of(evs, "ASSAULT")
    assert ev["date"] == "2026-10-25"


def test_an_as_clause_happens_on_the_day_of_the_clause_it_hangs_on(run):
    _, evs = run("Commission urges deal\nBRUSSELS - The European Commission on Thursday urged Romania and Hungary to "
                 "settle their dispute quickly, as Budapest threatened to veto a new EU loan to "
                 "Bucharest.", published="2026-10-16")
    (ev,) = _of(evs, "THREATEN")
    assert ev["date"] == "2026-10-15"


def test_talks_named_by_a_hyphened_pair_have_both_parties(run):
    _, evs = run("Second round of Greek-Turkish talks opens at lakeside resort\nATHENS - "
                 "Negotiators of Greece and Turkey met again on Tuesday.", published="2026-11-03")
    talks = next(e for e in evs if e["trigger"] == "talks")
    assert len(talks["actors"]) == 2 and "Turkey" in talks["actors"]


def test_a_refusal_announced_under_a_condition_is_a_threat(run):
    _, evs = run("Budapest threatens veto\nBUDAPEST - Hungary will veto the European Union's next "
                 "loan to Romania for as long as Bucharest keeps the pipeline closed, Foreign "
                 "Minister Gabor Varga said on Thursday.\nHungary will veto the loan, Varga said.",
                 published="2026-10-15")
    veto = [e for e in evs if e["trigger"] == "veto"]
    assert [(e["type"], e["status"]) for e in veto] == [("THREATEN", "occurred"),
                                                        ("REJECT", "planned")]
    assert {"European Union", "Romania"} <= veto[0]["targets"]


def test_who_ran_the_exchange_takes_part_in_it(run):
    _, evs = run("PARIS - The 250 Estonian and Latvian detainees covered by the Riga agreement were "
                 "exchanged yesterday in an operation run by the International Committee of the "
                 "Red Cross, the foreign ministry said.", published="2026-11-17")
    (ev,) = _of(evs, "CONCEDE")
    assert "International Committee of the Red Cross" in ev["actors"] and len(ev["actors"]) == 3


def test_who_was_present_at_a_signing_takes_part(run):
    _, evs = run("The protocol was signed by Estonian minister Anna Quell and Latvian security "
                 "chief Boris Tarrow in the presence of Finland's foreign minister, Marisa Okonta.",
                 published="2026-10-21")
    (ev,) = _of(evs, "AGREE")
    assert ev["actors"] == {"Anna Quell", "Boris Tarrow"} and "Marisa Okonta" in ev["targets"]


def test_the_agent_of_a_passive_took_part_in_the_talks_after_which_it_acted(run):
    _, evs = run("The agreement was announced by Foreign Minister Marisa Okonta after talks with "
                 "Deputy Prime Minister Anna Quell and security chief Boris Tarrow.")
    (ev,) = _of(evs, "CONSULT")
    assert ev["actors"] == {"Marisa Okonta"} and ev["targets"] == {"Anna Quell", "Boris Tarrow"}
