"""Claims across reports: who said it (a person or the state credited instead, a pronoun
the extractor guessed), the content of a denied report, and a looser restatement of a
claim several reports carry."""
from resolve_helpers import ent, ex, stm

from dossier.records import Statement
from dossier.resolve import build_claims, resolve_entities, slim
from dossier.resolve.disputes import build_claims_and_disputes


def _run(exs):
    ents, mapping = resolve_entities(exs)
    return build_claims(exs, mapping, names={e.id: e.name for e in ents}, use_embeddings=False,
                        entities=ents)


def _with(c, doc):
    return next(x for x in c if doc in x.documents)


# ------------------------------------------------------------------ a person and their state

def _minister(eid="e1", name="Tomas Veldor", country="MNR"):
    return ent(eid, name, roles=["foreign minister"], country=country)


def _state(eid="e2", name="Montrevia", country="MNR"):
    return ent(eid, name, "GPE", country=country)


def test_a_statement_credited_to_the_state_joins_its_minister():
    text = "Montrevia will not give in to provocations on the border and remains committed to the truce"
    exs = [ex("a", [_minister()], statements=[stm("s1", text, speaker="e1")], source="A",
              published="2026-03-02"),
           ex("b", [_state()], statements=[stm(
               "s1", "Montrevia will not allow provocations on the border and stays committed to the truce",
               speaker="e2")], source="B", published="2026-03-03")]
    claims = _run(exs)
    assert len(claims) == 1
    assert claims[0].speaker == "Tomas Veldor" and claims[0].documents == ["a", "b"]


def test_a_report_quoting_the_minister_credits_its_state_with_something_else():
    exs = [ex("a", [_minister()], statements=[stm(
               "s1", "Montrevia will veto the next loan to Ostravel until oil flows through the pipeline again",
               speaker="e1")], source="A", published="2026-03-02"),
           ex("b", [_minister(), _state()], statements=[
               stm("s1", "to veto the next loan to Ostravel", speaker="e2",
                   span={"start": 10, "end": 40}),
               stm("s2", "Montrevia would block the loan until the oil flowed again", speaker="e1",
                   span={"start": 100, "end": 150})], source="B", published="2026-03-03")]
    claims = _run(exs)
    minister = _with(claims, "a")
    assert [r["statement"] for r in minister.reports] == ["s1", "s2"]
    assert next(c for c in claims if c is not minister).speaker == "Montrevia"


def test_two_ministers_of_one_state_stay_apart_even_through_it():
    words = "the border will stay open to trade and the checkpoints will reopen next month"
    exs = [ex("a", [_minister()], statements=[stm("s1", words, speaker="e1")], source="A"),
           ex("b", [_state()], statements=[stm("s1", words, speaker="e2")], source="B"),
           ex("c", [_minister("e3", "Ilse Carrow")], statements=[stm("s1", words, speaker="e3")],
              source="C")]
    claims = _run(exs)
    # the state may stand for either minister, never both in one claim
    assert not any({"a", "c"} <= set(c.documents) for c in claims)


def test_another_countrys_state_is_not_the_minister():
    words = "Montrevia will not give in to provocations on the border and remains committed"
    exs = [ex("a", [_minister()], statements=[stm("s1", words, speaker="e1")], source="A"),
           ex("b", [_state("e2", "Ostravel", "OST")], statements=[stm("s1", words, speaker="e2")],
              source="B")]
    assert len(_run(exs)) == 2


def test_an_envoy_and_the_body_her_role_names():
    body = ent("e2", "Union of Coastal States", "ORG", aliases=["Union of Coastal States", "UCS"])
    envoy = ent("e1", "Mira Solberg", roles=["UCS envoy"])
    exs = [ex("a", [envoy, body], statements=[stm(
               "s1", "the release of the detainees is a humanitarian matter kept apart from politics",
               speaker="e1")], source="A"),
           ex("b", [body], statements=[stm(
               "s1", "the release of the detainees was a humanitarian matter to keep apart from politics",
               speaker="e2")], source="B")]
    claims = _run(exs)
    assert len(claims) == 1 and claims[0].speaker == "Mira Solberg"


# ------------------------------------------------------------------ pronoun speakers

def test_a_pronoun_resolved_to_the_wrong_person_joins_the_same_words():
    people = [ent("e1", "Anton Merel"), ent("e2", "Pavel Dorsk")]
    exs = [ex("a", people, statements=[stm("s1", "nobody was sent anywhere against his will",
                                           speaker="e2")], source="A", published="2026-03-02"),
           ex("b", people, statements=[stm("s1", "Nobody is sent anywhere against his will",
                                           speaker="e1")], source="B", published="2026-03-03")]
    exs[0].statements[0].speaker_text = "he"
    claims = _run(exs)
    assert len(claims) == 1 and claims[0].speaker == "Anton Merel"


def test_a_pronoun_speaker_with_other_words_stays_apart():
    people = [ent("e1", "Anton Merel"), ent("e2", "Pavel Dorsk")]
    exs = [ex("a", people, statements=[stm("s1", "the detainees were flown home on two planes",
                                           speaker="e2")], source="A"),
           ex("b", people, statements=[stm("s1", "the detainees were questioned before the planes left",
                                           speaker="e1")], source="B")]
    exs[0].statements[0].speaker_text = "he"
    assert len(_run(exs)) == 2


# ------------------------------------------------------------------ a denied report

def _denied_report_corpus():
    report = ("Two people familiar with the talks told the Harbour Ledger that Montrevia has "
              "agreed to drop its veto on the loan as soon as oil transit resumes.")
    sa, sb = report.index("Montrevia has"), report.index(" as soon") + len(" as soon as oil transit resumes")
    a = ex("a", statements=[Statement(id="s1", kind="report", cue="told",
                                      content=report[sa:sb], content_span={"start": sa, "end": sb},
                                      speaker=None, speaker_text="Two people familiar with the talks")],
           source="Harbour Ledger", published="2026-03-02", text=report)
    denial = ("The Montrevian government on Tuesday rejected a newspaper's report that Montrevia "
              "had agreed to lift its veto on the loan in exchange for the resumption of oil "
              "transit.")
    da = denial.index("Montrevia had")
    gov = ent("e1", "Montrevia", "GPE", country="MNR")
    b = ex("b", [gov], statements=[Statement(
        id="s1", kind="indirect", cue="rejected", content=denial[da:-1],
        content_span={"start": da, "end": len(denial) - 1}, speaker="e1",
        speaker_text="The Montrevian government", stance="deny")],
        source="Capital Daily", published="2026-03-03", text=denial)
    return [slim(a), slim(b)]


def test_the_content_of_a_denied_report_joins_the_report_and_the_denial_links_it():
    exs = _denied_report_corpus()
    assert exs[1].doc.meta["denials"][-1]["kind"] == "reported"
    ents, mapping = resolve_entities(exs)
    claims, disputes = build_claims_and_disputes(exs, mapping, use_embeddings=False,
                                                 entities=ents,
                                                 names={e.id: e.name for e in ents})
    report = next(c for c in claims if "a" in c.documents)
    assert report.documents == ["a", "b"]           # the denying outlet carries the report too
    assert report.speaker == "Two people familiar with the talks" and report.unnamed
    denial = next(c for c in claims if c is not report)
    assert denial.documents == ["b"] and denial.content.startswith("rejected a newspaper's report")
    assert any(x["kind"] == "denial" and x["claim"] == report.id for x in denial.contradictions)
    assert [d.kind for d in disputes] == ["denial"]


def test_a_denial_without_a_report_keeps_its_speaker():
    text = "Montrevia denied that it had agreed to lift its veto on the loan."
    a = text.index("it had")
    gov = ent("e1", "Montrevia", "GPE", country="MNR")
    e = ex("a", [gov], statements=[Statement(
        id="s1", kind="indirect", cue="denied", content=text[a:-1],
        content_span={"start": a, "end": len(text) - 1}, speaker="e1", speaker_text="Montrevia",
        stance="deny")], text=text)
    compact = slim(e)
    assert not [d for d in compact.doc.meta["denials"] if d.get("kind") == "reported"]
    claims = _run([compact])
    assert len(claims) == 1 and claims[0].speaker == "Montrevia"


# ------------------------------------------------------------------ looser restatements

def _sharp(doc, content, published, sid="s1"):
    return ex(doc, [ent("e1", "Oren Valdas")], statements=[stm(sid, content, speaker="e1")],
              source=f"Outlet {doc}", published=published)


def test_a_looser_restatement_joins_the_one_claim_several_reports_carry():
    words = "Montrevia would not give in to provocations and remained fully committed to the ceasefire"
    exs = [_sharp("a", words, "2026-03-02"), _sharp("b", words, "2026-03-02"),
           _sharp("c", "his side would not respond to provocations and would honour the truce",
                  "2026-03-04")]
    claims = _run(exs)
    assert len(claims) == 1 and claims[0].documents == ["a", "b", "c"]


def test_a_restatement_that_fits_two_claims_stays_apart():
    one = "the monitors will patrol the northern line from April with armoured vehicles"
    two = "the joint commission will sit every month in the capital to hear complaints"
    exs = [_sharp("a", one, "2026-03-02"), _sharp("b", one, "2026-03-02"),
           _sharp("c", two, "2026-03-02"), _sharp("d", two, "2026-03-02"),
           _sharp("e", "the patrol of monitors and the joint commission hearings will depend on "
                  "funding, budget approval, donor pledges and staff recruitment", "2026-03-04")]
    claims = _run(exs)
    assert _with(claims, "e").documents == ["e"]
    # with one such claim only, it joins
    assert _with(_run(exs[:2] + exs[4:]), "e").documents == ["a", "b", "e"]


def test_another_statement_of_the_same_speaker_stays_apart():
    words = "Montrevia would not give in to provocations and remained fully committed to the ceasefire"
    exs = [_sharp("a", words, "2026-03-02"), _sharp("b", words, "2026-03-02"),
           _sharp("c", "the heavy weapons will be pulled back from the border by the end of the month",
                  "2026-03-04")]
    assert _with(_run(exs), "c").documents == ["c"]


def test_a_looser_restatement_keeps_the_negation_and_what_will_be():
    from dossier.resolve.claims import statement_shape
    words = "the council expects the envoy to bring the latest version of the peace plan"
    exs = [_sharp("a", words, "2026-03-02"), _sharp("b", words, "2026-03-02"),
           _sharp("c", "it had not been sent any revised version of the plan", "2026-03-03")]
    assert _with(_run(exs), "c").documents == ["c"]
    assert statement_shape("his side would not respond to provocations") == (True, True)
    assert statement_shape("the talks lasted two days and focused on guarantees") == (False, False)
    assert statement_shape("Kyiv won't sign") == (True, True)


def test_a_short_restatement_of_one_speaker_shares_one_word_and_the_names():
    exs = [_sharp("a", 'East Ostravel was "ready for the summit on the agreed date" and had sent its agenda',
                  "2026-03-02"),
           _sharp("b", 'East Ostravel "was ready then and is ready now"', "2026-03-16")]
    claims = _run(exs)
    assert len(claims) == 1


def test_one_shared_word_without_a_shared_name_stays_apart():
    exs = [_sharp("a", 'the delegation was "ready for the summit on the agreed date"', "2026-03-02"),
           _sharp("b", 'East Ostravel "was ready then and is ready now"', "2026-03-05")]
    assert len(_run(exs)) == 2
