"""The phases of ``EventFinder.__call__`` (issue #15), each on a short invented sentence."""
from __future__ import annotations

import pytest

from dossier.nlp.attribution import DocView
from dossier.nlp.events import EventFinder, _Ev, _Run


@pytest.fixture(scope="module")
def finder(nlp) -> EventFinder:
    return nlp.get_pipe("dossier_events")


@pytest.fixture(scope="module")
def parse(nlp, finder):
    def _parse(text, published="2025-03-04"):
        doc = nlp.make_doc(text)
        doc._.published = published
        doc = nlp(doc)
        view = DocView(doc)
        finder._view = view
        return doc, view
    return _parse


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def _names(view, ids):
    return {view.entities[e].name for e in ids}


def _run(view):
    from dossier.nlp.events import _lead_end
    return _Run(view, _lead_end(view), {sg: n for n, sg in enumerate(view.segments())})


def test_anchor_is_the_noun_a_compound_trigger_modifies(parse, finder):
    doc, view = parse("Norvala approved a military aid package for Estmark on Monday.")
    aid = _tok(doc, "aid")
    assert finder._anchor(view, aid).text == "package"
    doc, view = parse("Anna Quell met Boris Tarrow in Lisbon.")
    assert finder._anchor(view, _tok(doc, "met")).text == "met"


def test_parties_and_place(parse, finder):
    doc, view = parse("Anna Quell met Boris Tarrow in Lisbon on Tuesday.")
    met = _tok(doc, "met")
    spec = finder.spec_for(view, met)
    actors, targets, loc = finder._parties_and_place(view, met, met, spec["type"], None, spec)
    assert _names(view, actors) == {"Anna Quell"} and _names(view, targets) == {"Boris Tarrow"}
    assert view.entities[loc].name == "Lisbon"


def test_candidate_has_its_site_and_phone_mode(parse, finder):
    doc, view = parse("Anna Quell and Boris Tarrow spoke by phone on Tuesday.")
    spoke = _tok(doc, "spoke")
    ev, site = finder._candidate(view, spoke, finder.spec_for(view, spoke))
    assert ev.type == site.etype == "CONSULT" and ev.mode == site.mode == "phone"
    assert site.anchor is spoke and site.gov is None and not site.definite
    assert site.own_date and site.own_date.startswith("2025-03")


def test_refer_back_takes_the_parties_of_the_talks_before(parse, finder):
    doc, view = parse("Anna Quell met Boris Tarrow in Lisbon on Tuesday. The talks lasted three hours.")
    run = _run(view)
    met, talks = _tok(doc, "met"), _tok(doc, "talks")
    first, _ = finder._candidate(view, met, finder.spec_for(view, met))
    run.last_consult = first
    ev, site = finder._candidate(view, talks, finder.spec_for(view, talks))
    assert not ev.actors and not ev.targets and site.definite
    assert finder._refer_back(run, ev, site) is False
    assert ev.inherited and set(ev.actors + ev.targets) == set(first.actors + first.targets)
    # with no consultation before and nothing else to go by, it is dropped
    ev2, site2 = finder._candidate(view, talks, finder.spec_for(view, talks))
    assert finder._refer_back(_run(view), ev2, site2) is None


def test_date_from_clause(parse, finder):
    doc, view = parse("Anna Quell met Boris Tarrow in Lisbon on Tuesday.")
    met = _tok(doc, "met")
    ev, site = finder._candidate(view, met, finder.spec_for(view, met))
    finder._date_from_clause(_run(view), ev, site)
    assert ev.date == site.own_date and not ev.default_date


def test_set_status_a_meeting_as_a_topic_is_hypothetical(parse, finder):
    doc, view = parse("Anna Quell said it was too early to talk about a meeting between "
                      "Boris Tarrow and Carl Venn.")
    meeting = _tok(doc, "meeting")
    ev, site = finder._candidate(view, meeting, finder.spec_for(view, meeting))
    assert finder._set_status(_run(view), ev, site) is True
    assert ev.status == "hypothetical"


def test_only_a_topic(parse, finder):
    doc, view = parse("Anna Quell said she was open to further talks.")
    talks = _tok(doc, "talks")
    ev, site = finder._candidate(view, talks, finder.spec_for(view, talks))
    assert finder._only_a_topic(view, ev, site)
    doc, view = parse("Anna Quell held talks with Boris Tarrow in Lisbon on Tuesday.")
    talks = _tok(doc, "talks")
    ev, site = finder._candidate(view, talks, finder.spec_for(view, talks))
    assert not finder._only_a_topic(view, ev, site)


def test_keep_tracks_the_consultation_and_agreement_to_refer_to(parse, finder):
    doc, view = parse("Anna Quell met Boris Tarrow. They agreed.")
    run = _run(view)
    t = doc[0]
    small = _Ev("CONSULT", t, "meet", ["a"], [], seg=(0, 5))
    bigger = _Ev("CONSULT", t, "meet", ["a"], ["b"], seg=(0, 5))
    mention = _Ev("CONSULT", t, "meet", [], [], seg=(6, 9))
    agree = _Ev("AGREE", t, None, ["a", "b"], [], seg=(6, 9))
    finder._keep(run, small, False)
    finder._keep(run, bigger, False)
    finder._keep(run, mention, True)
    finder._keep(run, agree, False)
    assert run.last_consult is bigger and run.last_agree is agree
    assert mention.mention and run.found == [small, bigger, mention, agree]


def test_settle_a_mention_takes_the_parties_of_a_later_report(parse, finder):
    doc, view = parse("The talks in Lisbon ended on Monday. Norvalan and Estmarkian officials "
                      "met in Lisbon on Monday.")
    talks = _tok(doc, "talks")
    met = _tok(doc, "met")
    mention = _Ev("CONSULT", talks, "meet", [], [], view.ent_at(_tok(doc, "Lisbon").i),
                  seg=view.segment(talks.i), mention=True)
    ev, _ = finder._candidate(view, met, finder.spec_for(view, met))
    ev.location = mention.location
    out = finder._settle(view, [mention, ev], 0)
    assert out[0] is mention and not mention.mention and mention.inherited
    assert mention.actors == ev.actors and mention.targets == ev.targets


def test_records_number_the_events_and_keep_mode_for_consultations(parse, finder):
    doc, view = parse("Anna Quell met Boris Tarrow in Lisbon.")
    met = _tok(doc, "met")
    consult = _Ev("CONSULT", met, "meet", [], [], seg=view.segment(met.i))
    assault = _Ev("ASSAULT", met, "meet", [], [], seg=view.segment(met.i))
    recs = finder._records(view, [consult, assault])
    assert [(r.id, r.type, r.mode, r.trigger) for r in recs] == [
        ("v1", "CONSULT", "meet", "met"), ("v2", "ASSAULT", None, "met")]
    assert recs[0].trigger_span == {"start": met.idx, "end": met.idx + 3}


# ---------------------------------------------------------------- the type registry

def test_the_registry_names_only_known_types_behaviours_and_rules():
    from typing import get_args

    from dossier import data
    from dossier.nlp.events import BEHAVIOURS, GOVERNED, PARTICIPANT_RULES
    from dossier.records import EventType
    types = {t: r for t, r in data.load_json("events/types.json").items() if not t.startswith("_")}
    assert set(types) <= set(get_args(EventType))
    for t, r in types.items():
        assert set(r) <= {"behaviours", "governed", "participants", "plan_only_for"}, t
        assert set(r.get("behaviours", [])) <= BEHAVIOURS, t
        assert r.get("governed", "drop") in GOVERNED, t
        assert r.get("participants", "thanked_giver") in PARTICIPANT_RULES, t
    # every behaviour and rule the code knows is given to some type (none is dead)
    assert set().union(*(r.get("behaviours", []) for r in types.values())) == BEHAVIOURS
    assert {r["participants"] for r in types.values() if "participants" in r} == set(PARTICIPANT_RULES)


def test_does_reads_the_registry(finder):
    assert finder.does("CONSULT", "modes") and finder.does("AGREE", "takes_parties_before")
    assert not finder.does("AID", "modes") and not finder.does(None, "delegations")
    assert finder.governed["REQUEST"] == "drop" and "SANCTION" not in finder.governed


def test_thanked_giver_rule(parse, finder):
    from dossier.nlp.events import _thanked_giver
    doc, view = parse("Anna Quell thanked Norvala for the new package of energy assistance.")
    tok = _tok(doc, "assistance")
    anchor = finder._anchor(view, tok)
    actors, targets, loc = _thanked_giver(finder, view, tok, anchor, {}, [], [], None)
    assert _names(view, actors) == {"Norvala"} and _names(view, targets) == {"Anna Quell"}
    # a giver named already stays
    assert _thanked_giver(finder, view, tok, anchor, {}, ["x"], [], None) == (["x"], [], None)


def test_weapons_aim_rule(parse, finder):
    from dossier.nlp.events import _weapons_aim
    doc, view = parse("Yesterday the enemy launched more than 300 drones on Velmora and Ostrin.")
    tok = _tok(doc, "launched")
    spec = finder.spec_for(view, tok)
    velmora = view.ent_at(_tok(doc, "Velmora").i)
    actors, targets, loc = _weapons_aim(finder, view, tok, tok, spec, [], [], velmora)
    assert velmora is not None and velmora in targets and loc is None
    # without the weapons' lemmas in its spec the rule does nothing
    assert _weapons_aim(finder, view, tok, tok, {}, [], [], velmora) == ([], [], velmora)


def test_scan_trigger_keeps_an_event_and_drops_a_demand(parse, finder):
    doc, view = parse("Anna Quell met Boris Tarrow in Lisbon on Tuesday.")
    run = _run(view)
    met = _tok(doc, "met")
    finder._scan_trigger(run, met, finder.spec_for(view, met))
    assert [e.trigger.text for e in run.found] == ["met"] and run.last_consult is run.found[0]
    doc, view = parse("Anna Quell said she was open to further talks.")
    run = _run(view)
    talks = _tok(doc, "talks")
    finder._scan_trigger(run, talks, finder.spec_for(view, talks))
    assert run.found == []
