"""Claims across reports: grouping, first report, copies, contradictions."""
from resolve_helpers import ent, ex, stm

from dossier.resolve import build_claims, resolve_entities
from dossier.resolve.claims import numbers_in


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_claims(exs, mapping, names={e.id: e.name for e in ents}, use_embeddings=False)


def test_same_statement_in_several_reports_is_one_claim():
    um = [ent("e1", "Rustem Umerov")]
    exs = [ex("a", um, statements=[stm("s1", "Washington shared Kyiv's key goals", speaker="e1")],
              published="2025-11-30", source="Atlantic Courier"),
           ex("b", um, statements=[stm("s1", "Washington shared Kyiv's key goals", speaker="e1")],
              published="2025-12-01", source="Northern Standard", copy_of="a"),
           ex("c", um, statements=[stm("s3", "Washington fully shares Kyiv's key goals", speaker="e1")],
              published="2025-12-02", source="Kyiv Ledger")]
    claims = _run(exs)
    assert len(claims) == 1
    c = claims[0]
    assert c.first_document == "a" and c.first_reported == "2025-11-30"
    assert c.outlets == ["Atlantic Courier", "Kyiv Ledger", "Northern Standard"]
    assert c.independent_reports == 2
    assert c.speaker == "Rustem Umerov"


def test_different_statements_stay_apart():
    exs = [ex("a", statements=[stm("s1", "there is still a lot of work to be done on the plan")]),
           ex("b", statements=[stm("s1", "Russia has launched new disinformation campaigns")])]
    assert len(_run(exs)) == 2


def test_number_contradiction_between_outlets():
    exs = [ex("a", statements=[stm("s1", "the revised framework now runs to 27 points", kind="report")],
              source="Atlantic Courier"),
           ex("b", statements=[stm("s1", "the American draft had been cut to a 20-point plan")],
              source="Kyiv Ledger")]
    claims = _run(exs)
    assert len(claims) == 2
    a = next(c for c in claims if c.documents == ["a"])
    assert a.contradictions and a.contradictions[0]["kind"] == "number"
    assert a.contradictions[0]["this"] == "27 points" and a.contradictions[0]["other"] == "20-point"
    assert {e["doc"] for e in a.contradictions[0]["evidence"]} == {"a", "b"}


def test_numbers_in():
    assert numbers_in("a 20-point plan and 27 points") == {"point": "20"}


def test_unrelated_counts_are_not_contradictions():
    exs = [ex("a", statements=[stm("s1", "the two sides would keep working in the coming days")]),
           ex("b", statements=[stm("s1", "it cannot be solved by one side's ultimatum alone")])]
    claims = _run(exs)
    assert all(not c.contradictions for c in claims)


def test_paraphrase_across_outlets_and_article_counts():
    exs = [ex("a", statements=[stm("s1", "there was no progress on Russia's demand that Ukraine surrender the rest of the Donbas")],
              source="A"),
           ex("b", statements=[stm("s1", "in Florida no progress has been made regarding Russia's demand to surrender the Ukrainian Donbas")],
              source="B"),
           ex("c", statements=[stm("s1", "the treaty has 12 articles")], source="C"),
           ex("d", statements=[stm("s1", "the draft treaty now counts 14 articles")], source="D")]
    claims = _run(exs)
    donbas = next(c for c in claims if "a" in c.documents)
    assert donbas.documents == ["a", "b"] and donbas.outlets == ["A", "B"]
    treaty = next(c for c in claims if c.documents == ["c"])
    assert treaty.contradictions and treaty.contradictions[0]["other"] == "14 articles"


def test_date_contradiction_between_like_statements():
    exs = [ex("a", statements=[stm("s1", "the next round of talks will be held in Berlin on December 14")],
              source="A"),
           ex("b", statements=[stm("s1", "the next round of talks will be held in Berlin on December 16")],
              source="B")]
    claims = _run(exs)
    assert len(claims) == 2
    kinds = {x["kind"] for c in claims for x in c.contradictions}
    assert kinds == {"date"}
