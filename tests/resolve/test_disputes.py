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
