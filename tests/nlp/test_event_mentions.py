"""Passing mentions of held events (issue #11): "the truce signed in Lisbon", "an accord
reached by X and Y", "the Lisbon accord", an agreement placed by the talks it ended."""
import pytest

from .nlp_helpers import event_rows


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published="2027-03-10"):
        return event_rows(nlp, text, published)[1]
    return _run


def _agree(evs):
    return [e for e in evs if e["type"] == "AGREE"]


@pytest.mark.parametrize("text, trigger, place, date", [
    ("The truce signed in Lisbon on March 2 has largely held, analysts said.",
     "truce", "Lisbon", "2027-03-02"),
    ("Villagers returned a week after the ceasefire signed last week in Valletta.",
     "ceasefire", "Valletta", "2027-W09"),
    ("The minister discussed the implementation of the Protocol signed in Tirana.",
     "Protocol", "Tirana", None),
    ("The grain deal signed in Tirana on Monday was the easy part.",
     "deal", "Tirana", "2027-03-08"),
])
def test_held_participle_with_place_is_an_occurred_mention(run, text, trigger, place, date):
    evs = _agree(run(text))
    assert len(evs) == 1, evs
    ev = evs[0]
    assert ev["trigger"] == trigger and ev["status"] == "occurred"
    assert ev["location"] == place and ev["date"] == date
    assert not ev["parts"]  # a thin mention: the timeline joins it by place


def test_held_participle_gives_its_agent_and_counterpart(run):
    ev = _agree(run("The restart followed an accord reached by Ravel and Dusant in Skopje "
                    "last Thursday."))[0]
    assert ev["actors"] == {"Ravel", "Dusant"} and ev["location"] == "Skopje"
    assert ev["status"] == "occurred" and ev["date"] == "2027-03-04"
    ev = _agree(run("Officials said the agreement reached with Moldova on Monday in Chisinau "
                    "would stand."))[0]
    assert ev["targets"] == {"Moldova"} and ev["location"] == "Chisinau"
    assert ev["status"] == "occurred" and ev["date"] == "2027-03-08"


def test_definite_agreement_named_after_its_place(run):
    ev = _agree(run("The prisoners covered by the Lisbon agreement were freed yesterday."))[0]
    assert ev["location"] == "Lisbon" and ev["status"] == "occurred"


@pytest.mark.parametrize("text", [
    "The deal to be signed in Tirana next week is modest.",  # a plan
    "Diplomatic protocol requires a handshake.",  # not an agreement
    "A protocol on water sharing is needed, Ravel said.",  # nothing held
    "Talks are needed to end the dispute, Ravel said.",  # a generic noun
])
def test_no_held_event_without_a_held_participle(run, text):
    assert not [e for e in run(text) if e["status"] == "occurred"
                and e["type"] in ("AGREE", "CONSULT")]


def test_planned_noun_stays_a_plan(run):
    evs = run("The planned talks in Oslo were postponed.")
    assert all(e["status"] != "occurred" for e in evs)


@pytest.mark.parametrize("text, place", [
    ("Norway and Iceland signed a fisheries accord on Friday after three days of talks "
     "in Bergen.", "Bergen"),
    ("Portugal and Spain reached an agreement after talks in Porto.", "Porto"),
    ("Chile and Peru agreed on Monday to share the water, ending two days of talks in Arica.",
     "Arica"),
])
def test_agreement_is_placed_where_its_talks_were(run, text, place):
    ev = _agree(run(text))[0]
    assert ev["location"] == place and len(ev["actors"]) == 2


def test_agreement_after_talks_with_a_party_takes_no_place(run):
    ev = _agree(run("Chile and Peru signed a deal after talks with Bolivia."))[0]
    assert ev["location"] is None


def test_passive_agreement_of_a_definite_thing_with_a_place(run):
    ev = _agree(run("The accord was signed in Lisbon on Monday."))[0]
    assert ev["location"] == "Lisbon" and ev["date"] == "2027-03-08" and ev["status"] == "occurred"
    # a headline-like first line keeps it beside talks at the same place
    evs = run("The swap was agreed last week in Valletta at talks mediated by the African Union.")
    assert {(e["type"], e["location"]) for e in evs} == {("AGREE", "Valletta"), ("CONSULT", "Valletta")}
    assert not _agree(run("It was agreed in Lisbon that the talks would continue."))


def test_talks_in_an_at_phrase_share_the_clause_place(run):
    ev = next(e for e in run("Ravel said in Oslo at a meeting with Dusant that the border "
                             "would stay open.") if e["type"] == "CONSULT")
    assert ev["location"] == "Oslo" and ev["parts"] == {"Ravel", "Dusant"}


def test_time_of_another_thing_is_not_the_event_date(run):
    evs = run("Chile and Peru agreed to share water, ending two days of talks in Arica with "
              "the first joint text since last year's clashes.")
    assert all(e["date"] != "2026" for e in evs)
    ev = _agree(run("Chile and Peru failed to agree on the border at Tuesday's meeting in Arica."))[0]
    assert ev["date"] == "2027-03-09"  # the meeting's day is the failed agreement's


def _concede(evs):
    return [e for e in evs if e["type"] == "CONCEDE"]


def test_prisoner_exchange_noun_is_an_event(run):
    ev = _concede(run("LIVE: Prisoner swap between Chile and Peru"))[0]
    assert ev["parts"] == {"Chile", "Peru"} and ev["status"] == "occurred"
    assert ev["date"] == "2027-03-10"  # a headline that is an event noun: the day's news
    ev = _concede(run("The prisoner exchange of March 2, carried out by the Red Cross, was the "
                      "only result."))[0]
    assert ev["date"] == "2027-03-02" and ev["status"] == "occurred"
    assert ev["actors"] == {"International Committee of the Red Cross"}


@pytest.mark.parametrize("text", [
    "An exchange of fire between Chile and Peru lasted an hour.",
    "Chile and Peru held an exchange of views on Monday.",
])
def test_exchange_without_captives_is_no_concession(run, text):
    assert not _concede(run(text))


@pytest.mark.parametrize("text", [
    "The envoy blamed the March 2 shelling on rebels.",
    'A spokesman said that the responsibility for the March 2 shelling "lies with others".',
])
def test_day_before_a_gerund_dates_the_mention(run, text):
    """"the March 2 shelling": the parser takes the day for the head and the gerund for a
    verb; the gerund heads the phrase, a mention dated by the day before it."""
    evs = [e for e in run("The envoy arrived in Skopje. " + text) if e["type"] == "ASSAULT"]
    assert len(evs) == 1, evs
    assert evs[0]["trigger"] == "shelling" and evs[0]["date"] == "2027-03-02"
    assert evs[0]["status"] == "occurred" and not evs[0]["parts"]


def test_their_call_of_a_day_takes_the_parties_just_told(run):
    """"since their telephone conversation of 2 March": the parties of the meeting told
    before, a call of its own day, not the meeting that the sentence dates by it."""
    evs = [e for e in run("The envoy arrived in Skopje. Ravel today held a meeting with Dusant in Skopje. It was the first "
                          "meeting of the two officials since their telephone conversation of "
                          "2 March.") if e["type"] == "CONSULT"]
    calls = [e for e in evs if e["trigger"] == "conversation"]
    assert len(calls) == 1, evs
    assert calls[0]["date"] == "2027-03-02" and calls[0]["mode"] == "phone"
    assert {"Ravel", "Dusant"} >= calls[0]["parts"] and calls[0]["parts"]
    assert not [e for e in evs if e["trigger"] == "meeting" and e["date"] == "2027-03-02"]


def test_meeting_at_a_place_last_week_is_a_mention(run):
    """"sat at a multilateral meeting in Skopje last week": nobody holds the meeting, but
    its place and its week make it a mention the timeline can join."""
    evs = [e for e in run("The envoy arrived in Tirana. The two ministers sat at the same "
                          "table at a multilateral meeting in Skopje last week.")
           if e["type"] == "CONSULT" and e["trigger"] == "meeting"]
    assert len(evs) == 1, evs
    assert evs[0]["location"] == "Skopje" and evs[0]["date"] == "2027-W09"
    assert evs[0]["status"] == "occurred"


def test_they_spoke_by_phone_days_after_an_event_of_the_text(run):
    """"They had spoken by phone two days after the halt": the parties of the meeting told
    before, the day two days after the day of the halt."""
    evs = run("The envoy arrived in Tirana. Ravel met Dusant in Skopje on Thursday. The "
              "transit was halted on March 1. They had spoken by phone two days after the halt.")
    calls = [e for e in evs if e["type"] == "CONSULT" and e["mode"] == "phone"]
    assert len(calls) == 1, evs
    assert calls[0]["date"] == "2027-03-03" and "Dusant" in calls[0]["parts"]


def test_a_week_before_an_event_of_the_text(run):
    """"met a week before the shelling": the day of the shelling, a week earlier."""
    evs = run("The envoy arrived in Tirana. Serbia shelled Kosovo on March 9, officials "
              "said. Ravel had met Dusant in Skopje a week before the shelling.")
    meets = [e for e in evs if e["type"] == "CONSULT"]
    assert len(meets) == 1, evs
    assert meets[0]["date"] == "2027-03-02"


def test_they_spoke_without_a_phone_is_no_call(run):
    evs = run("The envoy arrived in Tirana. Ravel met Dusant in Skopje on Monday. They "
              "spoke for an hour.")
    assert not [e for e in evs if e["type"] == "CONSULT" and e["trigger"] == "spoke"]


def test_talks_an_agreement_followed_are_held_by_its_signers_on_its_day(run):
    # invented: the talks are told only inside the agreement's report
    evs = run("Norland and Vesteria signed a truce in Palmora on Monday. The accord was signed "
              "by Norlander Foreign Minister Anton Brask and Vesterian Defence Minister Ilse "
              "Marov after a day of talks mediated by Aldoria's foreign minister, Pieter Valk.")
    talks = [e for e in evs if e["type"] == "CONSULT"]
    assert len(talks) == 1, evs
    t = talks[0]
    assert {"Anton Brask", "Ilse Marov", "Pieter Valk"} <= t["parts"]
    assert t["date"] == "2027-03-08"
    # the definite "the accord" is the agreement dated before
    assert all(a["date"] == "2027-03-08" for a in _agree(evs))


def test_talks_after_an_agreement_keep_their_own_parties(run):
    # invented: "before" puts the talks after the agreement, not at its origin
    evs = run("Norland and Vesteria signed a truce on Monday before talks with Ostria.")
    talks = [e for e in evs if e["type"] == "CONSULT"]
    assert all("Ostria" in t["parts"] for t in talks), talks


def test_a_passive_definite_signing_with_a_day_is_kept_and_placed(run):
    # invented: no one named in the first sentence, the signers in the next
    evs = _agree(run("On 2 March 2027 in the city of Palmora of the Republic of Norland the "
                     "Protocol on the ceasefire was signed.\n\nFrom the Norlander side the "
                     "Protocol was signed by Deputy Minister Anton Brask."))
    assert evs and all(e["date"] == "2027-03-02" for e in evs), evs
    assert any(e["location"] == "Palmora" for e in evs), evs
