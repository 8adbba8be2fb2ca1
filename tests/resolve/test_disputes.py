"""Disputes of timeline items: the days the reports of one event give it."""
from resolve_helpers import ex, stm

from dossier.resolve import build_claims, resolve_entities
from dossier.resolve.disputes import timeline_disputes


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_claims(exs, mapping, names={e.id: e.name for e in ents}, use_embeddings=False,
                        entities=ents)


def _with(c, doc):
    return next(x for x in c if doc in x.documents)


def _item(reports, statements=(), type_="AGREE", date_range=None):
    from dossier.records import TimelineItem
    return TimelineItem(id="evt_1", date="2026-03-10", type=type_, mode=None, status="occurred",
                        summary="Montrevia and Ostravel agreed", documents=sorted({r["doc"] for r in reports}),
                        statements=list(statements), reports=reports, date_range=date_range)


def _rep(doc, date, published, evidence, source=None):
    return {"doc": doc, "date": date, "published": published, "evidence": evidence,
            "source": source or f"Outlet {doc}"}


def test_an_event_dated_differently_by_two_reports_is_a_date_dispute():
    exs = [ex("a", statements=[stm("s1", "the protocol was signed after two days of talks")],
              source="Outlet a", published="2026-03-11"),
           ex("b", statements=[stm("s1", "the protocol ends the fighting along the border line")],
              source="Outlet b", published="2026-03-11")]
    claims = _run(exs)
    ca, cb = _with(claims, "a"), _with(claims, "b")
    t = _item([_rep("a", "2026-03-10", "2026-03-11", "The protocol was signed on Tuesday."),
               _rep("b", "2026-03-11", "2026-03-11", "On 11 March the protocol was signed.")],
              statements=[ca.id, cb.id])
    disputes = timeline_disputes([t], claims)
    assert len(disputes) == 1 and disputes[0].kind == "date" and disputes[0].items == ["evt_1"]
    assert [s["value"] for s in disputes[0].sides] == ["2026-03-10", "2026-03-11"]
    x = ca.contradictions[0]
    assert x["kind"] == "date" and x["claim"] == cb.id and x["other"] == "2026-03-11"
    assert {e["doc"] for e in x["evidence"]} == {"a", "b"}
    # the item records it too (the event page lists the item's own disagreements)
    assert [(c["kind"], c["this"], c["other"]) for c in t.contradictions] == [
        ("date", "2026-03-10", "2026-03-11")]
    assert t.contradictions[0]["dispute"] == disputes[0].id


def test_a_headline_dated_by_its_publication_is_no_other_day():
    t = _item([_rep("a", "2026-03-10", "2026-03-11", "The protocol was signed on Tuesday."),
               _rep("b", "2026-03-11", "2026-03-11", "Negotiators sign protocol")])
    assert timeline_disputes([t], []) == []


def test_an_outlet_giving_two_days_does_not_contradict_itself():
    t = _item([_rep("a", "2026-03-10", "2026-03-11", "The protocol was signed on 10 March."),
               _rep("a", "2026-03-11", "2026-03-12", "signed on 11 March, the ministry said"),
               _rep("b", "2026-03-10", "2026-03-11", "It was signed on 10 March.")])
    assert timeline_disputes([t], []) == []


def test_the_days_of_talks_over_two_days_do_not_disagree():
    t = _item([_rep("a", "2026-03-10", "2026-03-12", "Talks opened on 10 March."),
               _rep("b", "2026-03-11", "2026-03-12", "The talks on 11 March ended.")],
              type_="CONSULT", date_range=["2026-03-10", "2026-03-11"])
    assert timeline_disputes([t], []) == []


# ------------------------------------------------------------------ who took part

def _presence(docs, published=("2026-03-10", "2026-03-11")):
    from resolve_helpers import ent
    people = [ent("e1", "Ilse Marrow", roles=["special representative"])]
    exs = []
    for (doc, content), day in zip(docs, published):
        exs.append(ex(doc, people, statements=[stm("s1", content, about=["e1"])],
                      source=f"Outlet {doc}", published=day))
    return exs


def _claims_and_disputes(exs):
    from dossier.resolve.disputes import build_claims_and_disputes
    ents, mapping = resolve_entities(exs)
    return build_claims_and_disputes(exs, mapping, names={e.id: e.name for e in ents},
                                     use_embeddings=False, entities=ents)


def test_one_report_at_the_table_another_not_there_is_a_participants_dispute():
    exs = _presence([("a", "Ilse Marrow, the special representative, was also at the table"),
                     ("b", "unlike last month, the special representative Ilse Marrow did not attend")])
    claims, disputes = _claims_and_disputes(exs)
    assert [d.kind for d in disputes] == ["participants"]
    assert disputes[0].topic == "whether Ilse Marrow took part"
    assert sorted(s["value"] for s in disputes[0].sides) == ["absent", "present"]
    a = _with(claims, "a")
    assert a.contradictions[0]["kind"] == "participants"
    assert {e["doc"] for e in a.contradictions[0]["evidence"]} == {"a", "b"}


def test_an_outlet_reporting_both_accounts_does_not_contradict_itself():
    from resolve_helpers import ent
    people = [ent("e1", "Ilse Marrow")]
    e = ex("a", people, statements=[
        stm("s1", "Ilse Marrow was also at the table", about=["e1"]),
        stm("s2", "Ilse Marrow did not attend the opening session", about=["e1"])],
        source="Outlet a")
    _, disputes = _claims_and_disputes([e])
    assert disputes == []


def test_presence_and_absence_weeks_apart_are_two_meetings():
    exs = _presence([("a", "Ilse Marrow was also at the table"),
                     ("b", "Ilse Marrow did not attend")], published=("2026-03-01", "2026-03-20"))
    assert _claims_and_disputes(exs)[1] == []


def test_absence_of_someone_the_statement_does_not_name_is_no_dispute():
    exs = _presence([("a", "Ilse Marrow was also at the table"),
                     ("b", "the foreign minister did not attend")])
    assert _claims_and_disputes(exs)[1] == []


def test_the_person_not_the_body_in_the_apposition_is_the_topic():
    from resolve_helpers import ent
    people = [ent("e1", "Ilse Marrow"), ent("e2", "Coastal Monitoring Mission", "ORG",
                                             aliases=["Coastal Monitoring Mission", "CMM"])]
    exs = [ex("a", people, statements=[stm("s1", "Ilse Marrow of the CMM was also at the table",
                                           about=["e2", "e1"])], source="A", published="2026-03-10"),
           ex("b", people, statements=[stm("s1", "the CMM envoy, Ilse Marrow, did not attend",
                                           about=["e2", "e1"])], source="B", published="2026-03-11")]
    claims, disputes = _claims_and_disputes(exs)
    assert len(claims) == 2      # there and not there: never one claim
    assert [d.topic for d in disputes] == ["whether Ilse Marrow took part"]
