"""Items keep their people (issue #11): an agreement and the talks it was reached at hold
each other's participants; a state that is both party and place is named once. Invented
names on hand-built extractions."""
from resolve_helpers import ent, evt, ex

from dossier.resolve import build_timeline, resolve_entities
from dossier.resolve.timeline import EntityInfo, summary_of


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_timeline(exs, mapping, entities=ents)


def cast():
    return [ent("s3", "Sweden", "GPE", country="SWE"), ent("s4", "Finland", "GPE", country="FIN"),
            ent("p1", "Aldo Vantrell", roles=["Swedish minister"], country="SWE"),
            ent("p2", "Beret Kallio", roles=["Finnish envoy"], country="FIN"),
            ent("p3", "Runa Ekdal", roles=["mediator"]),
            ent("c1", "Oslo", "GPE", country="NOR")]


def test_an_agreement_and_its_talks_hold_each_others_people():
    # "Vantrell, Kallio and Ekdal met in Oslo on Tuesday" / "Sweden and Finland agreed in
    # Oslo on Tuesday after talks between Vantrell and Kallio"
    talks = ex("t", cast(), [evt("v1", "CONSULT", ["p1", "p2", "p3"], [], "c1", "2026-03-03",
                                 mode="meet")], published="2026-03-03")
    deal = ex("d", cast(), [evt("v1", "AGREE", ["s3", "s4", "p1", "p2"], [], "c1",
                                "2026-03-03")], published="2026-03-03")
    tl = _run([talks, deal])
    agree = [t for t in tl if t.type == "AGREE"]
    consult = [t for t in tl if t.type == "CONSULT"]
    assert len(agree) == 1 and len(consult) == 1
    assert "Runa Ekdal" in agree[0].participants  # she negotiated it
    assert agree[0].roles["Runa Ekdal"] == "negotiator"
    assert {"Sweden", "Finland"} <= set(consult[0].participants)  # who agreed was there
    # the summaries still say who did what
    assert "Vantrell" in agree[0].summary and "Ekdal" not in agree[0].summary


def test_an_agreement_elsewhere_keeps_its_own_people():
    talks = ex("t", cast(), [evt("v1", "CONSULT", ["p1", "p2", "p3"], [], "c1", "2026-03-03",
                                 mode="meet")], published="2026-03-03")
    deal = ex("d", cast(), [evt("v1", "AGREE", ["s3", "s4", "p1", "p2"], [], None,
                                "2026-03-09")], published="2026-03-09")
    tl = _run([talks, deal])
    agree = [t for t in tl if t.type == "AGREE"]
    assert agree and "Runa Ekdal" not in agree[0].participants


def test_a_state_both_party_and_place_is_named_once():
    info = EntityInfo({"p": {"name": "Aldo Vantrell", "type": "PERSON", "country": "SWE"},
                       "s": {"name": "Finland", "type": "GPE", "country": "FIN"},
                       "c": {"name": "Oslo", "type": "GPE", "country": "NOR"}})
    assert summary_of("REQUEST", "occurred", None, ["p"], ["s"], "s", info) == \
        "Vantrell asked Finland"
    assert summary_of("REQUEST", "occurred", None, ["p"], ["s"], "c", info) == \
        "Vantrell asked Finland in Oslo"


def test_talks_of_two_states_take_the_people_who_signed_that_day_there():
    # "Swedish and Finnish ministers met in Oslo on Tuesday, mediated by Ekdal" / "the
    # memorandum was signed in Oslo on Tuesday by Vantrell and Kallio"
    talks = ex("t", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p3"], [], "c1", "2026-03-03",
                                 mode="meet")], published="2026-03-03")
    deal = ex("d", cast(), [evt("v1", "AGREE", ["s3", "s4", "p1", "p2"], [], "c1",
                                "2026-03-03")], published="2026-03-03")
    tl = _run([talks, deal])
    consult = [t for t in tl if t.type == "CONSULT"]
    assert consult and {"Aldo Vantrell", "Beret Kallio"} <= set(consult[0].participants)
    # a day later, two states alone are no tie
    deal = ex("d", cast(), [evt("v1", "AGREE", ["s3", "s4"], [], "c1", "2026-03-04")],
              published="2026-03-04")
    talks = ex("t", cast(), [evt("v1", "CONSULT", ["s3", "s4", "p1"], [], "c1", "2026-03-03",
                                 mode="meet")], published="2026-03-03")
    tl = _run([talks, deal])
    agree = [t for t in tl if t.type == "AGREE"]
    assert agree and "Aldo Vantrell" not in agree[0].participants


def test_a_person_speaking_for_their_state_is_named_without_it():
    info = EntityInfo({"p": {"name": "Aldo Vantrell", "type": "PERSON", "country": "SWE"},
                       "s": {"name": "Sweden", "type": "GPE", "country": "SWE"},
                       "f": {"name": "Finland", "type": "GPE", "country": "FIN"},
                       "o": {"name": "Nordic Council", "type": "ORG", "country": None}})
    info.countries = {"SWE": "s", "FIN": "f"}
    assert summary_of("ACCUSE", "occurred", None, ["s", "p"], ["f"], None, info) == \
        "Vantrell accused Finland"
    # a body the person speaks for stays named; a state with no person of it too
    assert summary_of("AID", "occurred", None, ["o", "p"], ["f"], None, info,
                      affil={"p": "o"}) == "Nordic Council and Vantrell gave aid to Finland"
