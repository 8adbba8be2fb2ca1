"""Events keep their people (issue #11): the person a title phrase ends in, the person who
voices a state's act in the next sentence, whom a demand or a rejection is aimed at, and
the target a governing verb or an owner participle names. Invented sentences. (The demand's
that-clause, the owner participle and the rejected accusation's source are read by the
participant rules asked_party, owned_object and rejected_charge, one rule each.)"""
import pytest

from .nlp_helpers import event_rows


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published="2026-11-04"):
        return event_rows(nlp, text, published)
    return _run


def _of(evs, type_):
    return [e for e in evs if e["type"] == type_]


def test_aid_sent_to_a_state_has_it_as_target(run):
    _, evs = run("The European Union sends emergency aid to Moldova.")
    aid = _of(evs, "AID")
    assert aid and aid[0]["actors"] == {"European Union"} and aid[0]["targets"] == {"Moldova"}


def test_the_person_a_subject_title_ends_in_acts_with_the_state_as_affiliation(run):
    _, evs = run("Qatar said on Saturday it would host talks. Qatari Minister of State for Foreign "
                 "Affairs Faisal al-Sulaiti discussed the case by telephone on Friday with Berhane "
                 "Woldu, a senior adviser to Eritrea's president, the ministry said.")
    call = [e for e in _of(evs, "CONSULT") if e["trigger"] == "discussed"]
    assert call and call[0]["actors"] == {"Faisal al-Sulaiti"}, call
    assert "Berhane Woldu" in call[0]["targets"]
    assert len(call[0]["event"].affiliation) == 1  # Qatar, the title's state


def test_the_person_an_object_title_ends_in_is_the_target(run):
    _, evs = run("Portuguese Foreign Minister Rui Valente met Qatar's Minister of State for Foreign "
                 "Affairs Faisal al-Sulaiti in Doha on Monday and thanked Qatar for securing the "
                 "release of the sailors, Qatar's foreign ministry said.")
    met = [e for e in _of(evs, "CONSULT") if e["trigger"] == "met"]
    assert met and met[0]["actors"] == {"Rui Valente"}
    assert met[0]["targets"] == {"Faisal al-Sulaiti"}
    ents = {k: v for k, v in met[0]["event"].affiliation.items()}
    assert len(ents) == 1  # the title's state is the person's affiliation


def test_a_spokesmans_title_does_not_hand_the_act_to_the_person_named_after_it(run):
    _, evs = run("The spokesman for Minister Rui Valente accused Romania on Monday of lying.")
    assert all("Rui Valente" not in e["actors"] for e in evs)


def test_a_states_accusation_is_voiced_by_the_person_speaking_next(run):
    _, evs = run('CHISINAU, Sept 7 - Moldova accused Romania on Monday of opening the floodgates of '
                 'a dam without warning. "Nobody on our side was told. This is a grave failure," '
                 'Foreign Minister Ana Ciobanu told reporters in Chisinau.')
    acc = _of(evs, "ACCUSE")
    assert acc and acc[0]["actors"] == {"Moldova", "Ana Ciobanu"}
    assert acc[0]["targets"] == {"Romania"}
    assert set(acc[0]["event"].affiliation) == {a for a in acc[0]["event"].actors
                                               if a != acc[0]["event"].actors[0]}


def test_an_accusation_told_in_passing_is_not_voiced_by_the_other_side(run):
    _, evs = run("Romania on Tuesday rejected accusations by Moldova that a Romanian dam had caused "
                 "deadly flooding. Energy minister Ion Dodu said a warning had been sent two hours "
                 "before the spillways were opened.")
    acc = _of(evs, "ACCUSE")
    assert acc and "Ion Dodu" not in acc[0]["actors"]
    rej = _of(evs, "REJECT")
    # the rejection is aimed at whoever made the accusation, and voiced by the minister
    assert rej and rej[0]["targets"] == {"Moldova"}
    assert rej[0]["actors"] == {"Romania", "Ion Dodu"}


def test_a_rejected_accusations_source_is_the_target(run):
    _, evs = run("BUCHAREST, Sept 8 - Romanian energy minister Ion Dodu on Tuesday rejected "
                 "accusations from Chisinau that the dam had caused the flooding.")
    rej = _of(evs, "REJECT")
    assert rej and rej[0]["actors"] == {"Ion Dodu"} and rej[0]["targets"] == {"Chisinau"}


def test_a_demand_is_made_of_the_subject_of_its_that_clause(run):
    _, evs = run("Portuguese Foreign Minister Rui Valente on Wednesday demanded that Moldova "
                 "release the sailors of the cargo ship at once.")
    req = _of(evs, "REQUEST")
    assert req and req[0]["actors"] == {"Rui Valente"} and req[0]["targets"] == {"Moldova"}
    _, evs = run("Rui Valente demanded that the talks resume.")
    assert all(not e["targets"] for e in _of(evs, "REQUEST"))


def test_the_owner_of_a_seized_ship_is_the_target(run):
    _, evs = run("Moldovan naval forces seized a Portuguese-owned cargo ship in the Black Sea "
                 "early on Monday, Portugal said.")
    seized = [e for e in _of(evs, "COERCE") if e["trigger"] == "seized"]
    assert seized and seized[0]["targets"] == {"Portugal"}


def test_a_release_goes_to_whom_the_participle_hands_the_people(run):
    _, evs = run("Moldova on Saturday freed the 19 crew members of the cargo ship, handing them to "
                 "Portuguese officials at the airport, Portugal's foreign ministry said.")
    freed = [e for e in _of(evs, "CONCEDE") if e["trigger"] == "freed"]
    assert freed and freed[0]["actors"] == {"Moldova"} and freed[0]["targets"] == {"Portugal"}
    _, evs = run("Moldova on Saturday freed the 19 crew members, citing their good conduct.")
    assert all(not e["targets"] for e in _of(evs, "CONCEDE"))


def test_an_amount_in_aid_is_given_by_the_verbs_subject(run):
    _, evs = run("Germany pledged 50 million euros in military aid to Moldova on Monday.")
    aid = _of(evs, "AID")
    assert aid and aid[0]["actors"] == {"Germany"} and aid[0]["targets"] == {"Moldova"}
    _, evs = run("The European Union released 1.5 million euros in emergency aid for Moldova "
                 "on Wednesday.")
    aid = _of(evs, "AID")
    assert aid and aid[0]["actors"] == {"European Union"} and aid[0]["targets"] == {"Moldova"}


def test_a_bodys_aid_takes_its_own_official_speaking_next_not_another_person(run):
    first = ("The European Union on Wednesday released 1.5 million euros in emergency aid for "
             'Moldova. "Water should unite these two countries," ')
    _, evs = run(first + "Jana Kowalska, the EU's special envoy for water cooperation, said "
                 "during a visit.")
    aid = _of(evs, "AID")
    assert aid and aid[0]["actors"] == {"European Union", "Jana Kowalska"}
    _, evs = run(first + "Jana Kowalska, a local mayor, said during a visit.")
    aid = _of(evs, "AID")
    assert aid and aid[0]["actors"] == {"European Union"}
