"""Statement acts and seizures inside one report (issue #11): coordinated acts, the party a
request or seizure aims at, an accusation named in a rejection, the day of undated acts after
the lead, a host named after a comma. Invented people and places; real states only where a
nationality word or a capital needs one."""
import pytest

from .nlp_helpers import event_rows


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published="2026-05-06"):
        return event_rows(nlp, text, published)
    return _run


def _of(evs, etype):
    return [e for e in evs if e["type"] == etype]


def test_a_coordinated_rejection_keeps_its_own_status_and_shares_the_day(run):
    doc, evs = run("Foreign Minister Anna Kowal on Wednesday demanded the release of the crew "
                   "and rejected Borduvia's accusation that the sailors had been spying.")
    rej = _of(evs, "REJECT")
    assert rej and rej[0]["status"] == "occurred" and rej[0]["date"] == "2026-05-06"
    assert rej[0]["actors"] == {"Anna Kowal"}


def test_the_subject_of_the_demanded_act_is_the_target(run):
    doc, evs = run("Anna Kowal demanded on Wednesday that Peru release the sailors.")
    req = _of(evs, "REQUEST")
    assert req and req[0]["actors"] == {"Anna Kowal"} and req[0]["targets"] == {"Peru"}


def test_the_state_of_a_seized_ships_owners_is_the_target(run):
    doc, evs = run("Chile seized a Peruvian-flagged tanker near Arica, Peru said.")
    c = _of(evs, "COERCE")
    assert c and c[0]["actors"] == {"Chile"} and c[0]["targets"] == {"Peru"}


def test_the_government_of_the_state_of_x_acts_as_x(run):
    doc, evs = run("The Government of the State of Peru yesterday handed over 18 crew members "
                   "to representatives of the State of Qatar.")
    c = _of(evs, "CONCEDE")
    assert c and c[0]["actors"] == {"Peru"} and c[0]["targets"] == {"Qatar"}


def test_an_accusation_named_in_a_rejection_was_made_against_the_rejecter(run):
    doc, evs = run("Peru rejects Chile's blame\nLIMA, Sept 8 (Wire) - Peru on Tuesday rejected "
                   "accusations by Chile that a Peruvian dam had caused deadly floods.",
                   published="2026-09-08")
    rej = [e for e in _of(evs, "REJECT") if e["trigger"] == "rejected"]
    assert rej and rej[0]["actors"] == {"Peru"} and rej[0]["targets"] == {"Chile"}
    acc = _of(evs, "ACCUSE")
    assert acc and acc[0]["actors"] == {"Chile"} and acc[0]["targets"] == {"Peru"}


def test_undated_statement_acts_after_a_lead_of_the_day_take_its_day(run):
    doc, evs = run("Chile rejects claims over border incident\nLIMA, 5 October 2026 (NT) - The "
                   "Government of Chile yesterday rejected the accusations of the Peruvian "
                   "authorities.\n\nThe spokesman, Pedro Alvarez, declared that no soldier had "
                   "crossed the border.\n\nMr. Alvarez called on Lima to show restraint.",
                   published="2026-10-05")
    req = _of(evs, "REQUEST")
    assert req and req[0]["date"] == "2026-10-04"
    assert req[0]["event"].date_inferred  # weaker than a day the text gives


def test_an_undated_act_with_no_lead_of_the_day_stays_undated(run):
    doc, evs = run("Chile rejects claims\nChile said in 2019 that the border was closed.\n\n"
                   "Mr. Alvarez called on Lima to show restraint.", published="2026-10-05")
    req = _of(evs, "REQUEST")
    assert req and req[0]["date"] is None


def test_the_present_progressive_is_the_days_news(run):
    doc, evs = run("LIVE: Lima talks on the crew\n08:55 - Good morning. Delegations from Chile "
                   "and Peru are arriving at a government guest palace in Lima for talks.",
                   published="2026-10-05")
    arr = [e for e in evs if e["trigger"] == "arriving"]
    assert arr and arr[0]["date"] == "2026-10-05" and arr[0]["actors"] == {"Chile", "Peru"}


def test_a_named_event_said_to_be_something_is_not_the_days_news(run):
    doc, evs = run("Peru rejects claims\nLIMA, 5 October 2026 (NT) - The Government of Peru "
                   "yesterday rejected the accusations.\n\n\"The attack at Tacna is the work of "
                   "armed groups,\" he said.", published="2026-10-05")
    att = _of(evs, "ASSAULT")
    assert att and att[0]["date"] is None


def test_received_by_a_minister_named_after_a_comma(run):
    doc, evs = run("The Minister of Foreign Affairs of Chile, Mr. Jorge Pardo, has been received "
                   "this Friday at Lima by the Minister of the National Defense, Mr. Carlos "
                   "Quispe, one day after his stay in La Paz.", published="2026-10-09")
    c = _of(evs, "CONSULT")
    assert c and c[0]["actors"] == {"Carlos Quispe"} and c[0]["targets"] == {"Jorge Pardo"}
    assert c[0]["location"] == "Lima"


def test_elements_of_a_national_army_stand_for_the_state(run):
    doc, evs = run("Communique\nOn Saturday elements of the Chilean national army attacked "
                   "the post of Tacna.", published="2026-10-04")
    att = _of(evs, "ASSAULT")
    assert att and att[0]["actors"]


def test_we_in_a_quote_is_its_speaker_and_demanded_from_is_the_one_asked(run):
    doc, evs = run('"We demand from Peru the compensation of at least 20 million euros for the '
                   'damage," said Minister Anna Kowal at the press conference.')
    req = _of(evs, "REQUEST")
    assert req and req[0]["actors"] == {"Anna Kowal"} and req[0]["targets"] == {"Peru"}


def test_a_demand_from_x_as_a_noun_is_xs_own(run):
    doc, evs = run("Peru rejected a demand from Chile.")
    req = _of(evs, "REQUEST")
    assert req and req[0]["actors"] == {"Chile"}


def test_an_act_told_beside_an_earlier_day_is_background_not_the_leads_day(run):
    doc, evs = run("Peru frees crew\nLIMA, Nov 14 (Wire) - Peru on Saturday freed the 19 crew "
                   "members of the cargo ship.\n\nThe ship was seized on Nov. 2 near the coast, "
                   "and Peru accused the crew of photographing naval installations.",
                   published="2026-11-14")
    acc = _of(evs, "ACCUSE")
    assert acc and acc[0]["date"] != "2026-11-14"


def test_intercepting_a_vessel_is_a_seizure_but_intercepting_drones_is_not(run):
    doc, evs = run("Units of the Chilean Navy on Monday intercepted a foreign cargo vessel. "
                   "Air defences intercepted 40 drones overnight, Peru said.")
    c = _of(evs, "COERCE")
    assert len(c) == 1 and c[0]["trigger"] == "intercepted"


def test_a_seizure_told_with_its_day_and_nobody_named_is_a_dated_mention(run):
    doc, evs = run("Peru frees crew\nLIMA, Nov 14 (Wire) - Peru on Saturday freed the crew.\n\n"
                   "The ship remains in port. It was seized on Nov. 2 near the coast.",
                   published="2026-11-14")
    c = _of(evs, "COERCE")
    assert c and c[0]["date"] == "2026-11-02" and not c[0]["parts"]


def test_the_accusations_of_x_rejected_are_xs_and_not_the_days_news(run):
    doc, evs = run("Chile rejects claims\nLIMA, 5 October 2026 (NT) - The Government of Chile "
                   "yesterday categorically rejected the accusations of the Peruvian authorities "
                   "concerning the attack.", published="2026-10-05")
    acc = _of(evs, "ACCUSE")
    # (the nationality stands for its state in the timeline)
    assert acc and acc[0]["actors"] == {"Peruvian"} and acc[0]["targets"] == {"Chile"}
    assert acc[0]["date"] is None


def test_who_received_a_phone_call_took_part_in_it(run):
    doc, evs = run("Pedro Alvarez received a phone call from Jorge Pardo on Friday.")
    c = _of(evs, "CONSULT")
    assert c and c[0]["parts"] == {"Pedro Alvarez", "Jorge Pardo"} and c[0]["mode"] == "phone"


def test_names_hung_on_a_subjectless_verb_are_its_subject(run):
    doc, evs = run("LIVE - Chile-Peru talks in Lima\n18:45 - Signed! Pardo and Alvarez sign a "
                   "ceasefire agreement.", published="2026-10-14")
    a = _of(evs, "AGREE")
    assert a and a[0]["actors"] == {"Pardo", "Alvarez"}


@pytest.mark.parametrize("text", [
    "Foreign Minister Anna Kowal announced that Portugal will go to international arbitration "
    "if Norway does not compensate the damage.",
    '"We will take the case to an international court unless Norway pays," Foreign Minister '
    'Anna Kowal said.',
])
def test_a_conditional_recourse_is_a_threat_against_the_party_of_the_condition(run, text):
    doc, evs = run(text)
    thr = _of(evs, "THREATEN")
    assert len(thr) == 1, evs
    assert "Anna Kowal" in thr[0]["actors"] and thr[0]["targets"] == {"Norway"}
    assert thr[0]["date"] == "2026-05-06"


def test_a_recourse_with_no_failing_party_is_no_threat(run):
    doc, evs = run('"We will go to arbitration if it is needed," Foreign Minister Anna Kowal said.')
    assert not _of(evs, "THREATEN"), evs


def test_a_hostile_act_told_as_a_finding_is_the_speakers_accusation(run):
    doc, evs = run("Anton Brask, spokesman of the Borduvian navy, said on Tuesday that members of "
                   "the crew were found photographing military installations on the island.")
    acc = _of(evs, "ACCUSE")
    assert len(acc) == 1 and "Anton Brask" in acc[0]["actors"], evs
    assert acc[0]["date"] == "2026-05-05"


@pytest.mark.parametrize("text", [
    "Anton Brask said on Tuesday that members of the crew photographed the storm damage.",
    "Foreign Minister Anna Kowal rejected the claim that the sailors had been spying.",
    "Anton Brask said the crew did not enter the restricted military zone.",
])
def test_no_accusation_without_a_hostile_act_of_another(run, text):
    doc, evs = run(text)
    assert not _of(evs, "ACCUSE"), evs


def test_a_body_that_says_it_contacted_an_embassy_consulted_its_state(run):
    doc, evs = run("Spain seized the ship on Monday. Portugal's foreign ministry said it had "
                   "contacted the Spanish embassy in Lisbon.")
    con = [e for e in _of(evs, "CONSULT") if e["trigger"] == "contacted"]
    assert len(con) == 1, evs
    assert con[0]["actors"] == {"Portugal"} and con[0]["targets"] == {"Spain"}


def test_it_in_what_a_person_said_is_not_the_person(run):
    doc, evs = run("Anton Brask said it had contacted the Spanish embassy.")
    assert not any("Anton Brask" in e["actors"] for e in _of(evs, "CONSULT")), evs


def test_a_ministers_portfolio_is_no_party_of_the_ministers_act(run):
    from dossier.nlp.attribution import DocView
    from dossier.nlp.events import _portfolios
    doc, evs = run("The Minister of National Security and of the Reform of the Army, Anton Brask, "
                   "condemns the attack on the village by Spanish troops.")
    view = DocView(doc)
    names = {view.entities[e].name for e in _portfolios(view)}
    assert names == {"National Security"}, names
    assert not any(view.entities[p].name in names for e in evs for p in e["event"].actors)


def test_a_ministry_named_as_a_body_stays_a_party(run):
    from dossier.nlp.attribution import DocView
    from dossier.nlp.events import _portfolios
    doc, evs = run("The Ministry of National Security condemned the attack. National Security "
                   "officials said the Minister of National Security would travel.")
    assert not _portfolios(DocView(doc))
