"""Claims credited to a state, its body or its official across outlets (a state agency's
release and a wire's "Norway says"), counts given with or without the thing counted, and
reporting-domain near-synonyms. Invented sentences and people."""
import pytest
from resolve_helpers import ent, ex, stm

from dossier.resolve import build_claims, rebuild, resolve_entities, update
from dossier.resolve.claims import figures_in, lemma
from dossier.store import open_store


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_claims(exs, mapping, names={e.id: e.name for e in ents}, use_embeddings=False,
                        entities=ents)


def _release(states=("Norway",)):
    """A state agency's release: its ministry (no country given) and its spokesman speak."""
    people = [ent("m", "Ministry of Fisheries", "ORG"),
              ent("p", "Halvor Trengstad", roles=["spokesman of the Ministry of Fisheries"])]
    codes = {"Norway": "NOR", "Sweden": "SWE"}
    people += [ent(f"g{i}", s, "GPE", country=codes[s]) for i, s in enumerate(states)]
    return ex("a", people, statements=[
        stm("s1", "members of the crew were found photographing naval installations on the "
                  "northern island", speaker="p"),
        stm("s2", "the trawler had entered a restricted military zone without authorisation "
                  "and its 17 crew members are held for questioning", speaker="m")],
        source="State Agency", published="2026-03-02", text="The ministry's release.")


def _wire(text, day="2026-03-03", doc="b"):
    return ex(doc, [ent("g", "Norway", "GPE", country="NOR")],
              statements=[stm("s1", text, speaker="g")], source=f"Wire {doc}", published=day,
              text=f"Norway says {text}.")


def test_a_state_bodys_official_speaks_for_the_one_state_the_release_names():
    claims = _run([_release(), _wire("crew members had photographed naval installations on "
                                     "the northern island, the fisheries ministry said")])
    photo = [c for c in claims if "photograph" in c.content]
    assert [c.documents for c in photo] == [["a", "b"]]


def test_a_release_naming_two_states_credits_neither():
    claims = _run([_release(("Norway", "Sweden")),
                   _wire("crew members had photographed naval installations on the northern "
                         "island, the fisheries ministry said")])
    assert all(len(c.documents) == 1 for c in claims if "photograph" in c.content)


def test_one_count_gathers_however_worded():
    claims = _run([_release(), _wire("17 crew are being held"),
                   _wire("it is holding 17", day="2026-03-04", doc="c")])
    held = [c for c in claims if "17" in c.content]
    assert [c.documents for c in held] == [["a", "b", "c"]]


def test_a_bare_count_joins_its_speakers_count():
    claims = _run([_release(), _wire("the number at 17"),
                   _wire("the number of crew held as 17", day="2026-03-04", doc="c")])
    held = [c for c in claims if "17" in c.content]
    assert [c.documents for c in held] == [["a", "b", "c"]]


def test_a_bare_count_of_another_figure_stays_apart():
    claims = _run([_release(), _wire("the number at 19")])
    assert all(len(c.documents) == 1 for c in claims)


def test_a_bare_count_of_another_speaker_stays_apart():
    other = ex("b", [ent("g", "Sweden", "GPE", country="SWE")],
               statements=[stm("s1", "the number at 17", speaker="g")], source="Wire b",
               published="2026-03-03", text="Sweden put the number at 17.")
    claims = _run([_release(), other])
    assert all(len(c.documents) == 1 for c in claims)


def test_a_bare_count_credited_to_the_state_beside_its_officials_words_joins():
    spokesman = ent("p", "Halvor Trengstad", roles=["spokesman of the Ministry of Fisheries"])
    later = ex("c", [ent("g", "Norway", "GPE", country="NOR"), spokesman], statements=[
        stm("s1", "the trawler had acted in good faith", speaker="p"),
        stm("s2", "the number of crew held as 17", speaker="g")],
        source="Wire c", published="2026-03-05",
        text="Trengstad said the trawler had acted in good faith. Norway had earlier given the "
             "number of crew held as 17.")
    said = ex("b", [ent("g", "Norway", "GPE", country="NOR"), spokesman],
              statements=[stm("s1", "it is holding 17", speaker="p")], source="Wire b",
              published="2026-03-03", text="Trengstad said it is holding 17.")
    claims = _run([_release(), said, later])
    held = [c for c in claims if "17" in c.content]
    assert [c.documents for c in held] == [["a", "b", "c"]]


def test_another_count_stays_apart():
    claims = _run([_release(), _wire("it is holding 19", day="2026-03-04", doc="c")])
    assert all(len(c.documents) == 1 for c in claims)


@pytest.mark.parametrize("text, counts", [
    ("it is holding 17", {"17"}),
    ("the crew members, 17 in number, are in good condition", {"17"}),
    ("nineteen sailors were on board", {"19"}),
    ("they met on 14 October at 10:10", set()),
    ("a fine of about $1.5 million was paid in 2026", set()),
])
def test_counts_a_statement_gives(text, counts):
    assert figures_in(text) == counts


def test_reporting_near_synonyms_share_a_lemma():
    assert lemma("discharged") == lemma("released")
    assert lemma("notification") == lemma("warning") == lemma("warned")
    assert lemma("vessel") == lemma("ship")
    assert lemma("permission") == lemma("authorisation")
    assert lemma("dead") == lemma("killed")


def _claims_view(store):
    return sorted((c.content, tuple(sorted(c.documents))) for c in store.list_claims(limit=None))


def test_a_count_and_an_issuing_state_join_in_batches_as_in_the_whole(tmp_path):
    reports = [_release(),
               _wire("crew members had photographed naval installations on the northern "
                     "island, the fisheries ministry said"),
               _wire("it is holding 17", day="2026-03-04", doc="c")]
    whole = open_store(str(tmp_path / "whole.db"))
    for x in reports:
        whole.add_document(x.doc, x)
    rebuild(whole)
    parts = open_store(str(tmp_path / "parts.db"))
    for i, batch in enumerate([reports[:1], reports[1:2], reports[2:]]):
        for x in batch:
            parts.add_document(x.doc, x)
        result = update(parts, full_fraction=1.01) if i else rebuild(parts)
    assert result["mode"] == "incremental"
    assert _claims_view(parts) == _claims_view(whole)
    assert any(len(docs) == 2 for _, docs in _claims_view(whole))
    whole.close()
    parts.close()


def _accusation_reports():
    """One minister's accusation: a wire's quote, a translated release and a rewrite that
    restates both."""
    minister = [ent("e1", "Vesna Draganic", roles=["foreign minister"])]
    return [
        ex("a", minister, statements=[stm("s1", "Tonnes of water were released from the "
                                                "reservoir in the middle of the night and "
                                                "nobody downstream was told", speaker="e1")],
           source="Wire", published="2026-06-07", text="Wire report."),
        ex("b", minister, statements=[stm("s1", "the discharge of water from the accumulation "
                                                "was performed in the night without notification "
                                                "to the competent institutions", speaker="e1")],
           source="Ministry release", published="2026-06-07", text="Translated release."),
        ex("c", minister, statements=[stm("s1", "the water had been released at night without "
                                                "warning to the competent institutions and "
                                                "nobody downstream was told", speaker="e1")],
           source="Rewrite", published="2026-06-08", text="Rewrite.")]


def _five_reports():
    """Each wording carried twice (a wire's quote, a translated release), then the rewrite."""
    a, b, c = _accusation_reports()
    a2 = ex("a2", a.entities, statements=a.statements, source="Second wire",
            published="2026-06-07", text="Second wire report.")
    b2 = ex("b2", b.entities, statements=b.statements, source="State agency",
            published="2026-06-07", text="State agency report.")
    return [a, a2, b, b2, c]


def test_a_restatement_of_two_claims_of_one_speaker_makes_them_one():
    a, a2, b, b2, c = _five_reports()
    assert len(_run([a, a2, b, b2])) == 2          # too few words in common alone
    assert [cl.documents for cl in _run([a, a2, b, b2, c])] == [["a", "a2", "b", "b2", "c"]]


def test_a_restatement_joins_two_claims_in_batches_as_in_the_whole(tmp_path):
    reports = _five_reports()
    whole = open_store(str(tmp_path / "whole.db"))
    for x in reports:
        whole.add_document(x.doc, x)
    rebuild(whole)
    parts = open_store(str(tmp_path / "parts.db"))
    for i, x in enumerate(reports):
        parts.add_document(x.doc, x)
        result = update(parts, full_fraction=1.01) if i else rebuild(parts)
    assert result["mode"] == "incremental"
    assert _claims_view(parts) == _claims_view(whole)
    whole.close()
    parts.close()


def _toll_reports():
    """A state's toll, then a report that gives it for "the Norwegian government" without
    naming the state, then a bare count of it."""
    named = ex("a", [ent("g", "Norway", "GPE", country="NOR"), ent("t", "Valby", "GPE")],
               statements=[stm("s1", "21 people were killed in the attack on the border post "
                                     "near Valby", speaker="g")],
               source="Wire a", published="2026-03-02", text="Norway says 21 people were killed.")
    gov = stm("s1", "the toll at 21")
    gov.speaker_text = "The Norwegian government"
    bare = ex("b", [ent("t", "Valby", "GPE")], statements=[gov], source="Wire b",
              published="2026-03-04", text="The Norwegian government put the toll at 21.")
    return [named, bare]


def test_a_states_government_in_a_report_not_naming_the_state_speaks_for_it():
    claims = _run(_toll_reports())
    assert [c.documents for c in claims if "21" in c.content] == [["a", "b"]]


def test_another_states_government_stays_apart():
    reports = _toll_reports()
    reports[1].statements[0].speaker_text = "The Swedish government"
    claims = _run(reports)
    assert all(len(c.documents) == 1 for c in claims)


def test_a_states_government_joins_in_batches_as_in_the_whole(tmp_path):
    reports = _toll_reports()
    whole = open_store(str(tmp_path / "whole.db"))
    for x in reports:
        whole.add_document(x.doc, x)
    rebuild(whole)
    parts = open_store(str(tmp_path / "parts.db"))
    for i, x in enumerate(reports):
        parts.add_document(x.doc, x)
        result = update(parts, full_fraction=1.01) if i else rebuild(parts)
    assert result["mode"] == "incremental"
    assert _claims_view(parts) == _claims_view(whole)
    assert any(len(docs) == 2 for _, docs in _claims_view(whole))
    whole.close()
    parts.close()


@pytest.mark.parametrize("text, code", [
    ("The South African government", "ZAF"),
    ("Norwegian officials", "NOR"),
    ("the spokesman", None),
])
def test_the_nationality_a_source_phrase_names(text, code):
    from dossier.resolve.claims import _nationality
    assert _nationality(text) == code


def test_a_count_alone_joins_its_speakers_count_and_no_other():
    reports = _toll_reports()
    reports[1].statements[0].content = "21"
    assert [c.documents for c in _run(reports) if "21" in c.content] == [["a", "b"]]
    reports[1].statements[0].content = "14"
    assert all(len(c.documents) == 1 for c in _run(reports))


def _operator_reports(extra_org=False):
    """A wire credits a count to "the vessel's operator", the company it quotes by name
    elsewhere; another report quotes the company by name."""
    co = ent("k", "Nordvik Shipping Lines", "ORG")
    s1 = stm("s1", "the Sea Lark had 19 sailors on board when it was seized", speaker=None)
    s1.speaker_text = "the vessel's operator"
    people = [co, ent("g", "Norway", "GPE", country="NOR")]
    sts = [s1, stm("s2", "the trawler was boarded near the northern islands", speaker="k")]
    if extra_org:
        people.append(ent("o", "Baltic Freight Group", "ORG"))
        sts.append(stm("s3", "its own ships were not affected", speaker="o"))
    first = ex("a", people, statements=sts, source="Wire a", published="2026-03-02",
               text="The vessel's operator said. Nordvik Shipping Lines said.")
    second = ex("b", [co], statements=[
        stm("s1", "the Sea Lark had 19 sailors on board", speaker="k")],
        source="Wire b", published="2026-03-03", text="Nordvik Shipping Lines said.")
    return [first, second]


def test_the_vessels_operator_is_the_one_company_its_report_quotes():
    claims = _run(_operator_reports())
    assert [c.documents for c in claims if "19" in c.content] == [["a", "b"]]


def test_the_vessels_operator_with_two_companies_quoted_is_neither():
    claims = _run(_operator_reports(extra_org=True))
    assert all(len(c.documents) == 1 for c in claims if "19" in c.content)


def _minister(doc, text, day):
    return ex(doc, [ent("p", "Idris Kaleb", roles=["minister of state"])],
              statements=[stm("s1", text, speaker="p")], source=f"Wire {doc}", published=day,
              text=f"Idris Kaleb said {text}.")


def test_a_short_restatement_of_a_named_speaker_joins_his_claim():
    claims = _run([_minister("a", "this is a humanitarian matter that can be solved quickly "
                                  "through dialogue", "2026-03-02"),
                   _minister("b", "the case \"humanitarian\"", "2026-03-05")])
    assert [c.documents for c in claims] == [["a", "b"]]


def test_a_short_statement_with_a_word_the_claim_lacks_stays_apart():
    claims = _run([_minister("a", "this is a humanitarian matter that can be solved quickly "
                                  "through dialogue", "2026-03-02"),
                   _minister("b", "the case \"urgent\"", "2026-03-05")])
    assert all(len(c.documents) == 1 for c in claims)
