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


def test_unnamed_source_is_not_the_relaying_outlet():
    exs = [ex("a", [ent("e1", "Atlantic Courier", "ORG")],
              statements=[stm("s1", "The Kremlin has not seen the revised text of the plan",
                              speaker=None, kind="report")],
              published="2025-11-24", source="Atlantic Courier"),
           ex("b", [ent("e1", "European", "NORP")],
              statements=[stm("s1", "advisers from France and Germany met both delegations",
                              speaker="e1")], published="2025-11-24", source="Harbor Wire")]
    exs[0].statements[0].speaker_text = "a senior US official"
    exs[1].statements[0].speaker_text = "A European diplomat"
    claims = _run(exs)
    by_doc = {c.documents[0]: c for c in claims}
    assert by_doc["a"].speaker == "a senior US official" and by_doc["a"].speaker_id is None
    assert by_doc["a"].unnamed and by_doc["a"].outlets == ["Atlantic Courier"]
    assert by_doc["b"].speaker == "A European diplomat" and by_doc["b"].unnamed


def test_first_reported_is_the_first_publication_not_a_date_in_the_quote():
    pu = [ent("e1", "Vladimir Putin")]
    exs = [ex("a", pu, statements=[stm("s1", "Russia has not changed its position since 2022 on the Donbas",
                                       speaker="e1", date="2022")],
              published="2025-12-03", source="A"),
           ex("b", pu, statements=[stm("s1", "Russia has not changed its position on the Donbas since 2022",
                                       speaker="e1", date="2022")],
              published="2025-12-04", source="B")]
    claims = _run(exs)
    assert len(claims) == 1 and claims[0].first_reported == "2025-12-03"
    assert claims[0].documents == ["a", "b"]


def test_same_speaker_other_statement_same_day_stays_apart():
    us = [ent("e1", "Yuri Ushakov")]
    exs = [ex("a", us, statements=[stm("s1", "the two sides had agreed not to disclose the details", speaker="e1")],
              source="A"),
           ex("b", us, statements=[stm("s1", "the two sides had discussed several versions of the plan", speaker="e1")],
              source="B")]
    assert len(_run(exs)) == 2


def _dispute_ids(claims):
    return {x["dispute"] for c in claims for x in c.contradictions}


def test_a_number_dispute_is_one_record_with_sides():
    from dossier.resolve.disputes import build_claims_and_disputes
    exs = [ex("a", statements=[stm("s1", "the revised framework now runs to 27 points", kind="report")],
              source="Atlantic Courier", published="2025-11-24"),
           ex("b", statements=[stm("s1", "the draft had been cut to a 20-point plan"),
                               stm("s2", "the agreed text has 20 points, with territory set aside")],
              source="Kyiv Ledger", published="2025-11-25"),
           ex("c", statements=[stm("s1", "the 27-point framework was still the basis of the talks")],
              source="Meridian Post", published="2025-11-26")]
    for i, e in enumerate(exs):
        for s in e.statements:
            s.speaker_text = f"officials {i}" if s.kind != "report" else "Atlantic Courier"
    ents, mapping = resolve_entities(exs)
    claims, disputes = build_claims_and_disputes(exs, mapping, entities=ents, use_embeddings=False)
    assert len(disputes) == 1 and disputes[0].kind == "number"
    values = {s["value"].split()[0].split("-")[0] for s in disputes[0].sides}
    assert values == {"27", "20"}
    assert _dispute_ids(claims) == {disputes[0].id}
    assert all(len([x for x in c.contradictions]) <= 1 for c in claims)


def test_denial_links_the_report_in_other_outlets():
    pe = [ent("e1", "Dmitry Peskov"), ent("e2", "Harbor Wire", "ORG")]
    hw = [ent("e2", "Harbor Wire", "ORG")]
    exs = [ex("a", hw, statements=[stm("s1", "the Russian side insisted that Ukraine withdraw from the Donbas before a ceasefire",
                                       speaker="e2", kind="report", span={"start": 0, "end": 80})],
              source="Meridian Post", published="2025-12-03"),
           ex("b", pe, statements=[stm("s1", "Russian officials told the envoys that Moscow would not accept a ceasefire unless Ukraine withdrew from the Donbas",
                                       speaker="e2", kind="report", span={"start": 0, "end": 110}),
                                   stm("s2", 'the report "speculation."', speaker="e1",
                                       span={"start": 150, "end": 175})],
              source="Harbor Wire", published="2025-12-04")]
    claims = _run(exs)
    report = next(c for c in claims if c.speaker == "Harbor Wire")
    denial = next(c for c in claims if c.speaker == "Dmitry Peskov")
    assert set(report.documents) == {"a", "b"}
    assert [x["kind"] for x in denial.contradictions] == ["denial"]
    assert denial.contradictions[0]["claim"] == report.id
    assert {e["doc"] for e in denial.contradictions[0]["evidence"]} >= {"b"}


def test_an_outlet_reporting_one_speaker_twice_does_not_contradict_itself():
    ac = [ent("e1", "Rustem Umerov")]
    exs = [ex("a", ac, statements=[stm("s1", "the text has 27 points", speaker="e1", span={"start": 0, "end": 20}),
                                   stm("s2", "the framework has 20 points after the review", speaker="e1",
                                       span={"start": 30, "end": 60})],
              source="Atlantic Courier")]
    claims = _run(exs)
    assert all(not c.contradictions for c in claims)


def test_claim_state_signature_has_blocking_keys():
    from dossier.resolve.claims import ClaimState, units_of
    exs = [ex("a", [ent("e1", "Rustem Umerov")],
              statements=[stm("s1", "the text has 27 points", speaker="e1")])]
    ents, mapping = resolve_entities(exs)
    units, _ = units_of(exs, mapping)
    st = ClaimState(units[0].skey, units[0].unnamed)
    st.add(0, units[0], 8)
    sig = st.signature()
    assert sig["speaker"] == [units[0].skey] and "N:27:point" in sig["anchors"]


def test_a_timeline_dispute_reaches_the_claims_of_its_items():
    from dossier.records import TimelineItem
    from dossier.resolve.disputes import timeline_disputes
    exs = [ex("a", statements=[stm("s1", "the meeting in Geneva went well for both sides")], source="A"),
           ex("b", statements=[stm("s1", "the talks in Miami produced a new draft text")], source="B")]
    claims = _run(exs)
    ca = next(c for c in claims if c.documents == ["a"])
    cb = next(c for c in claims if c.documents == ["b"])
    ev = [{"doc": "a", "source": "A", "text": "They met in Geneva."},
          {"doc": "b", "source": "B", "text": "They met in Miami."}]
    t1 = TimelineItem(id="evt_1", date="2025-12-01", type="CONSULT", mode="meet", status="occurred",
                      summary="X met Y", documents=["a"], statements=[ca.id],
                      contradictions=[{"item": "evt_2", "kind": "place", "this": "Geneva",
                                       "other": "Miami", "evidence": ev}])
    t2 = TimelineItem(id="evt_2", date="2025-12-01", type="CONSULT", mode="meet", status="occurred",
                      summary="X met Y", documents=["b"], statements=[cb.id],
                      contradictions=[{"item": "evt_1", "kind": "place", "this": "Miami",
                                       "other": "Geneva", "evidence": ev[::-1]}])
    disputes = timeline_disputes([t1, t2], claims)
    assert len(disputes) == 1 and disputes[0].items == ["evt_1", "evt_2"]
    assert ca.contradictions[0]["claim"] == cb.id and ca.contradictions[0]["item"] == "evt_2"
    assert {e["doc"] for e in ca.contradictions[0]["evidence"]} == {"a", "b"}


def test_opposite_statements_are_not_one_claim():
    exs = [ex("a", statements=[stm("s1", "Hungary has agreed to drop its veto on the EU loan to Ukraine",
                                   kind="report")], source="A", published="2026-10-26"),
           ex("b", statements=[stm("s1", "Hungary's veto on the EU loan to Ukraine remains in place",
                                   kind="report")], source="B", published="2026-10-29")]
    for e in exs:
        e.statements[0].speaker_text = "officials familiar with the talks"
    assert len(_run(exs)) == 2


def test_an_unresolved_speaker_joins_the_same_words_of_a_named_one():
    sa = [ent("e1", "Fatoumata Sangare")]
    exs = [ex("a", sa, statements=[stm("s1", "the exchange was a humanitarian step that must be shielded from political quarrels",
                                       speaker="e1")], source="A"),
           ex("b", statements=[stm("s1", "the exchange was a humanitarian step that must be shielded from the political quarrels")],
              source="B")]
    exs[1].statements[0].speaker_text = "she"
    claims = _run(exs)
    assert len(claims) == 1 and claims[0].speaker == "Fatoumata Sangare"


def test_a_denial_sentence_the_statement_finder_missed_is_a_denial():
    from dossier.records import Mention
    from dossier.resolve import slim
    text = ("Danube Dispatch reported last week that Russian officials had helped shape the draft. "
            "The Kremlin denied it.")
    kr = ent("e1", "Kremlin", "ORG")
    kr.mentions = [Mention(text.index("Kremlin"), text.index("Kremlin") + 7, "Kremlin")]
    dd = ent("e2", "Danube Dispatch", "ORG")
    e = ex("a", [kr, dd], statements=[stm("s1", "Russian officials had helped shape the draft",
                                          speaker="e2", kind="report",
                                          span={"start": 40, "end": 84})],
           source="Danube Dispatch", text=text)
    compact = slim(e)
    assert [d["content"] for d in compact.doc.meta["denials"]] == ["The Kremlin denied it."]
    claims = _run([compact])
    denial = next(c for c in claims if c.speaker == "Kremlin")
    assert denial.contradictions and denial.contradictions[0]["kind"] == "denial"


def test_new_statement_shape_unnamed_source_with_relaying_outlet():
    """Extraction's newer shape: speaker null, speaker_text the description, ``source`` the
    outlet the source spoke to; a second outlet carrying it joins the same claim."""
    exs = [ex("a", statements=[stm("s1", "the Kremlin has not seen the revised text of the peace plan",
                                   kind="report")], source="Atlantic Courier", published="2025-11-24"),
           ex("b", statements=[stm("s1", "the Kremlin had not yet seen the revised text of the plan",
                                   kind="report")], source="Kyiv Ledger", published="2025-11-25")]
    for e in exs:
        e.statements[0].speaker_text = "a senior US official"
        e.statements[0].source = "Atlantic Courier"
        e.statements[0].stance = "assert"
    claims = _run(exs)
    assert len(claims) == 1
    c = claims[0]
    assert c.speaker == "a senior US official" and c.unnamed and c.speaker_key == "u:official:USA"
    assert c.outlets == ["Atlantic Courier", "Kyiv Ledger"] and c.first_reported == "2025-11-24"
    assert {r["via"] for r in c.reports} == {"Atlantic Courier"}
