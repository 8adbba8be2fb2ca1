"""Event categories told in ways the common grammar missed: an attack as a noun with its
town, the deed an accusation charges, a release of a crew, 'handed over', a threat in a
coordinated clause, 'agreed to meet' as a plan only. Invented names and places."""
import pytest

from .nlp_helpers import event_rows


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published="2025-03-06"):
        return event_rows(nlp, text, published)[1]
    return _run


def of_type(evs, t):
    return [e for e in evs if e["type"] == t]


def test_the_deed_an_accusation_charges_is_an_attack_by_the_accused(run):
    evs = run("Peru accused Bolivia on Wednesday of sending soldiers across the border to "
              "attack a police post near the town of Tarvola.")
    (att,) = of_type(evs, "ASSAULT")
    assert att["status"] == "occurred" and att["actors"] == {"Bolivia"}
    assert att["targets"] == {"Peru"} and att["location"] == "Tarvola"
    assert att["date"] is None  # the charge's day is not the attack's
    assert of_type(evs, "ACCUSE")[0]["date"] == "2025-03-05"


def test_an_attack_noun_takes_its_town_one_phrase_deeper(run):
    (att,) = of_type(run("The attack on the army post near the town of Tarvola began "
                         "before dawn on Monday."), "ASSAULT")
    assert att["location"] == "Tarvola" and att["date"] == "2025-03-03"


def test_an_attack_on_a_town_keeps_the_town_as_its_target(run):
    (att,) = of_type(run("Ruritania launched a missile attack on Tarvola overnight."), "ASSAULT")
    assert "Tarvola" in att["targets"] and att["location"] is None


def test_carrying_out_the_attack_is_the_accused_deed(run):
    evs = run("Peru had accused Bolivia of carrying out the attack, in which nine "
              "people were killed on Saturday.")
    (att,) = of_type(evs, "ASSAULT")
    assert att["actors"] == {"Bolivia"}


def test_a_raid_is_an_attack(run):
    evs = run("Bolivian soldiers took part in the raid on the post on Monday, Peru said.")
    assert of_type(evs, "ASSAULT")


def test_a_crew_freed_is_a_concession(run):
    (rel,) = of_type(run("The crew were freed on Monday under a deal struck in Lima."), "CONCEDE")
    assert rel["status"] == "occurred" and rel["date"] == "2025-03-03"
    (rel,) = of_type(run("Bolivia on Saturday freed the 12 sailors of a Peruvian trawler."),
                     "CONCEDE")
    assert rel["actors"] == {"Bolivia"}


def test_handed_over_crew_members_is_a_concession(run):
    evs = run("Bolivia yesterday handed over 12 crew members of a Peruvian trawler to "
              "Peruvian officials.")
    (rel,) = of_type(evs, "CONCEDE")
    assert rel["actors"] == {"Bolivia"} and rel["date"] == "2025-03-05"


def test_handed_over_a_letter_is_no_concession(run):
    assert not of_type(run("Bolivia handed over a letter to Peruvian officials on Monday."),
                       "CONCEDE")


def test_a_threat_coordinated_with_a_wish_took_place(run):
    (thr,) = of_type(run("Peru still wants compensation and has threatened international "
                         "arbitration."), "THREATEN")
    assert thr["status"] == "occurred" and thr["actors"] == {"Peru"}


def test_agreed_to_meet_is_the_plan_of_a_meeting_not_an_agreement(run):
    evs = run("Mira Kalvenson and Oskar Delmont agreed on Thursday to meet in Lima next week.")
    assert not of_type(evs, "AGREE")
    assert [e["status"] for e in of_type(evs, "CONSULT")] == ["planned"]


def test_agreed_to_free_the_crew_stays_an_agreement(run):
    evs = run("Bolivia agreed on Wednesday to free the crew of the trawler.")
    assert of_type(evs, "AGREE")


def test_a_day_the_parser_hangs_on_the_object_dates_the_verb(run):
    evs = run("Peru and Bolivia agreed a ceasefire on Wednesday at talks in Lima and will "
              "allow observers to patrol the border.", published="2025-03-06")
    assert of_type(evs, "AGREE")[0]["date"] == "2025-03-05"


def test_the_attack_told_after_the_charge_is_the_charged_attack(run):
    evs = run("Peru accused Bolivia on Sunday of sending soldiers across the border to attack "
              "an army post near the northern town of Tarvola. The attack on the post began "
              "before dawn on Saturday, a local official said.", published="2025-03-09")
    atts = of_type(evs, "ASSAULT")
    assert atts and all(a["actors"] == {"Bolivia"} and a["location"] == "Tarvola"
                        and a["date"] == "2025-03-08" for a in atts)


def test_a_venue_named_at_a_visit_is_where_not_who(run):
    evs = run("The delegations of Peru and Bolivia arrived at the Grand Meridian Hotel in Lima "
              "on Monday for the talks.")
    cons = of_type(evs, "CONSULT")
    assert cons and all("Grand Meridian Hotel" not in e["actors"] | e["targets"] for e in cons)


def test_received_with_the_place_before_the_object_meets_the_object(run):
    (ev,) = of_type(run("Peru's foreign minister, Ana Quiroga, received on Thursday in Lima the "
                        "foreign minister of Bolivia, Tomas Ledesma, carrier of a message of "
                        "peace."), "CONSULT")
    assert ev["actors"] == {"Ana Quiroga"} and ev["targets"] == {"Tomas Ledesma"}
    assert ev["location"] == "Lima" and ev["date"] == "2025-03-06"


def test_received_by_in_the_passive_is_a_meeting(run):
    (ev,) = of_type(run("Tomas Ledesma was received by Ana Quiroga in Lima on Friday."), "CONSULT")
    assert ev["actors"] == {"Ana Quiroga"} and ev["targets"] == {"Tomas Ledesma"}
