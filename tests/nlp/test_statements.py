"""dossier_statements: direct quotes, indirect speech and credited reports."""


def entities(doc):
    from dossier.nlp.attribution import DocView  # the resolver's entities, or the fallback
    return DocView(doc).entities


def speaker_name(doc, st):
    e = entities(doc).get(st.speaker)
    return e.name if e else st.speaker_text


def test_direct_quote_speaker_after(run):
    doc, sts = run('"We will not give up on Kherson," said Dmitry Peskov.')
    assert len(sts) == 1
    s = sts[0]
    assert s.kind == "direct" and s.cue == "said"
    assert s.content == "We will not give up on Kherson"
    assert "Peskov" in s.speaker_text
    assert doc.text[s.content_span["start"]:s.content_span["end"]] == s.content
    assert s.id == "s1" and s.date == "2025-03-04"


def test_direct_quote_speaker_before_spanning_sentences(run):
    doc, sts = run('Dmitry Peskov told reporters: \u201cWe are ready for talks. But Kyiv must withdraw first.\u201d')
    assert [s.kind for s in sts] == ["direct"]
    assert sts[0].content.startswith("We are ready for talks. But Kyiv")
    assert "Peskov" in sts[0].speaker_text


def test_direct_quote_split_by_cue_is_one_statement(run):
    doc, sts = run('"The deal is dead," Emmanuel Macron said, "and nobody will revive it."')
    assert len(sts) == 1
    assert "dead" in sts[0].content and "revive" in sts[0].content


def test_indirect_said_that_drops_cue_and_that(run):
    doc, sts = run("Marco Rubio said that there is still a lot of work to be done, "
                   "but praised the meeting.")
    assert len(sts) == 1
    s = sts[0]
    assert s.kind == "indirect" and s.cue == "said"
    assert s.content == "there is still a lot of work to be done"
    assert "Rubio" in speaker_name(doc, s)


def test_indirect_speaker_after_clause(run):
    doc, sts = run("Russia is ready for a ceasefire, Sergei Lavrov said on Monday.")
    assert len(sts) == 1
    assert sts[0].content == "Russia is ready for a ceasefire"
    assert "Lavrov" in speaker_name(doc, sts[0])


def test_according_to_outlet_is_report(run):
    doc, sts = run("According to ABC News, sources said the talks in Riyadh had failed.")
    assert len(sts) == 1
    s = sts[0]
    assert s.kind == "report" and s.cue == "According to"
    assert s.speaker_text == "ABC News"
    assert s.content == "the talks in Riyadh had failed"


def test_outlet_reported_that_is_report(run):
    doc, sts = run("CNN reported that the United States may sign a separate deal with Russia.")
    assert len(sts) == 1
    assert sts[0].kind == "report" and sts[0].cue == "reported"
    assert sts[0].content.startswith("the United States may sign")


def test_sources_told_outlet_is_relayed_by_the_outlet(run):
    # contract §1: the unnamed source is the speaker (described), the outlet its `source`
    doc, sts = run("Sources told Reuters that the meeting between the two leaders was postponed.")
    assert len(sts) == 1
    s = sts[0]
    assert s.kind == "report" and s.speaker is None and s.speaker_text == "Sources"
    assert s.source == "Reuters"


def test_it_was_reported(run):
    doc, sts = run("It was reported that the army had withdrawn from the city.")
    assert len(sts) == 1
    assert sts[0].kind == "report" and sts[0].speaker is None


def test_pronoun_speaker_and_according_to_him(run):
    doc, sts = run("Volodymyr Zelensky met his team in Kyiv. According to him, Russia has launched "
                   "a new disinformation campaign.")
    assert len(sts) == 1
    s = sts[0]
    assert s.kind == "indirect" and s.cue == "According to"
    assert s.content.startswith("Russia has launched")
    assert s.speaker is not None and "Zelensky" in speaker_name(doc, s)


def test_scare_quotes_are_not_statements(run):
    doc, sts = run('Members of the "coalition of the willing" met in Paris.')
    assert sts == []


def test_about_lists_entities_in_content(run):
    doc, sts = run("The Kremlin denied that Vladimir Putin had met Steve Witkoff.")
    assert len(sts) == 1
    names = {e.name for eid, e in entities(doc).items() if eid in sts[0].about}
    assert any("Putin" in n for n in names)
    assert "Kremlin" in speaker_name(doc, sts[0])


def test_quote_then_according_to(run):
    doc, sts = run('"We are ready to talk to anyone," according to Dmitry Peskov.')
    assert [(s.kind, s.cue) for s in sts] == [("direct", "According to")]
    assert "Peskov" in sts[0].speaker_text


def test_quote_after_colon_on_previous_line(run):
    doc, sts = run('Dmitry Peskov told reporters on Monday:\n"We are ready to talk to anyone who wants peace."')
    assert len(sts) == 1 and sts[0].kind == "direct"
    assert "Peskov" in sts[0].speaker_text


def test_unnamed_officials_are_a_report(run):
    doc, sts = run("Two officials familiar with the talks said the delegations would meet again on Monday.")
    assert len(sts) == 1 and sts[0].kind == "report" and sts[0].speaker is None


def test_impersonal_passives_are_not_statements(run):
    doc, sts = run("It should be noted that the talks lasted five hours. It is believed that the army withdrew.")
    assert sts == []


def test_quote_ending_a_sentence_then_dash_attribution(run):
    doc, sts = run('"We are ready for a deal with Washington." \u2013 Dmitry Peskov said on Monday.')
    assert [s.kind for s in sts] == ["direct"] and "Peskov" in sts[0].speaker_text


def test_according_to_at_the_end(run):
    doc, sts = run("The meeting was tense, according to two sources familiar with the talks.")
    assert len(sts) == 1 and sts[0].content == "The meeting was tense"
    assert sts[0].kind == "report"


def test_unattributed_quote_is_no_statement(run):
    doc, sts = run('"We are ready." Then the spokesman left the room.')
    assert sts == []


def test_headline_statement_and_its_body_repeat_are_both_kept(run):
    # the title line is part of the text: what it credits is a statement of its own, with
    # the same speaker as the body's repeat (the store counts the report once)
    doc, sts = run("Varkonen says talks with Ostland have reached a critical point\n"
                   "Tomas Varkonen said on Saturday that talks with Ostland had reached a critical point.")
    nl = doc.text.index("\n")
    heads = [s for s in sts if s.content_span["end"] <= nl]
    body = [s for s in sts if s.content_span["start"] > nl]
    assert len(heads) == 1 and len(body) == 1
    assert heads[0].speaker and heads[0].speaker == body[0].speaker


def test_quoted_paragraph_continues_the_last_speaker(run):
    doc, sts = run('"We will not give up on Kherson," said Dmitry Peskov.\n\n'
                   '"The decision is final. Nobody will revise it."\n\nThe talks ended.')
    assert len(sts) == 2 and sts[1].content.startswith("The decision is final")
    assert sts[1].speaker == sts[0].speaker and sts[1].speaker is not None


def test_outlet_has_learned_is_a_report(run):
    doc, sts = run("A Ukrainian delegation will travel to Florida on Sunday, Reuters has learned.")
    assert len(sts) == 1 and sts[0].kind == "report" and sts[0].speaker_text == "Reuters"
    doc, sts = run("Volodymyr Zelensky learned that the delegation had left.")
    assert sts == []


# ------------------------------------------------------------ speaker robustness (round 2)

def test_unnamed_speaker_is_the_whole_phrase(run):
    doc, sts = run("The revised draft has fewer points, according to a person who saw both versions.")
    assert len(sts) == 1 and sts[0].speaker_text == "a person who saw both versions"
    doc, sts = run("A European diplomat said the advisers met both delegations on the sidelines.")
    assert len(sts) == 1 and sts[0].speaker_text == "A European diplomat"


def test_unnamed_official_telling_an_outlet_is_relayed_by_the_outlet(run):
    doc, sts = run("The Kremlin has not seen the revised text, a senior US official told "
                   "the Northern Ledger.")
    assert len(sts) == 1 and sts[0].kind == "report"
    s = sts[0]
    assert s.speaker is None and s.speaker_text == "a senior US official"
    assert "Northern Ledger" in s.source
    # a named person telling an outlet keeps the credit
    doc, sts = run("Dmitry Peskov told the Northern Ledger that the talks would continue.")
    assert len(sts) == 1 and "Peskov" in speaker_name(doc, sts[0])


def test_metonym_said_after_clause_on_the_line_below_a_headline(run):
    doc, sts = run("Putin receives the envoys for five hours\n"
                   "President Vladimir Putin met the US envoys at the Kremlin on Tuesday evening "
                   "in talks that lasted almost five hours, the Kremlin said.")
    st = [s for s in sts if s.content.startswith("President Vladimir Putin met")]
    assert len(st) == 1 and "Kremlin" in speaker_name(doc, st[0])
    assert st[0].content.endswith("almost five hours")


def test_conjunct_in_the_same_tense_stays_in_the_content(run):
    doc, sts = run("Dmitry Peskov said Moscow remained open to dialogue but would judge any "
                   "document by its contents.")
    assert len(sts) == 1 and sts[0].content.endswith("by its contents")
    doc, sts = run("Both sides said afterwards that the talks had been useful but that "
                   "important questions remained.")
    assert len(sts) == 1 and sts[0].content.endswith("important questions remained")


def test_colon_spells_out_the_reported_content(run):
    doc, sts = run("Yuri Ushakov added that Russia's position had not changed: Moscow wants "
                   "Ukrainian forces to withdraw from the region.")
    assert len(sts) == 1 and sts[0].content.endswith("withdraw from the region")


def test_quote_after_its_own_attribution_sentence_keeps_the_speaker(run):
    doc, sts = run('"There is still a lot of work to be done," Marco Rubio told reporters after '
                   'the meeting. "But we made progress, and we are more optimistic."')
    assert len(sts) == 2 and sts[1].content.startswith("But we made progress")
    assert sts[1].speaker == sts[0].speaker and "Rubio" in speaker_name(doc, sts[1])


def test_speaker_pronoun_is_the_last_speaking_subject(run):
    doc, sts = run("Volodymyr Zelensky held a call with Rustem Umerov and Steve Witkoff. "
                   "Zelensky explained that the call covered the talks in Florida. "
                   '"We discussed what can be discussed on the phone," he said.')
    direct = [s for s in sts if s.kind == "direct"]
    assert len(direct) == 1 and "Zelensky" in speaker_name(doc, direct[0])


def test_describing_verbs_credit_object_and_complement(run):
    doc, sts = run('The Kremlin spokesman, Dmitry Peskov, called the report "speculation."')
    assert len(sts) == 1 and sts[0].content.startswith("the report") \
        and "Peskov" in speaker_name(doc, sts[0])
    doc, sts = run("Foreign Minister Andrii Sybiha called on European governments to stay at the "
                   "centre of the peace effort.")
    assert len(sts) == 1 and sts[0].content.startswith("European governments to stay")
    doc, sts = run("Vladimir Putin accused European governments of trying to derail the talks.")
    assert len(sts) == 1 and sts[0].content.startswith("European governments of trying")
    doc, sts = run("Donald Trump called Vladimir Putin on Tuesday.")
    assert sts == []


def test_quotation_inside_reported_speech_is_one_statement(run):
    doc, sts = run('Dmitry Peskov added that the Kremlin expected "a serious conversation" about '
                   'the outcome of the talks.')
    assert len(sts) == 1 and sts[0].kind == "indirect"


def test_report_nested_in_a_report_is_credited_to_the_outlet(run):
    doc, sts = run("Reuters reported on Wednesday that Russian officials had told the US envoys "
                   "that Moscow would not accept a ceasefire.")
    assert len(sts) == 1 and sts[0].speaker_text == "Reuters" and sts[0].kind == "report"


def test_british_single_quotes(run):
    doc, sts = run("Zelensky met Keir Starmer in London on Monday. \u2018We are ready to continue "
                   "the work,\u2019 Zelensky said. \u2018Europe must be at the table.\u2019")
    assert [s.kind for s in sts] == ["direct", "direct"]
    assert sts[1].content.startswith("Europe must be at the table")
    assert all("Zelensky" in speaker_name(doc, s) for s in sts)
    doc, sts = run("The soldiers' families met the envoy's team in Kyiv on Monday.")
    assert sts == []


def test_speaker_pronoun_prefers_the_nearest_subject_over_an_earlier_speaker(run):
    doc, sts = run("Sergey Lavrov said the West was trying to prolong the war. "
                   "Marco Rubio struck a more optimistic tone. "
                   '"We are closer than we have ever been," he told Fox News.')
    direct = [s for s in sts if s.kind == "direct"]
    assert len(direct) == 1 and "Rubio" in speaker_name(doc, direct[0])


def test_quotation_marks_stay_balanced_in_reported_content(run):
    doc, sts = run('Yuri Ushakov said the conversation was "frank and constructive." He left.')
    assert len(sts) == 1 and sts[0].content.count('"') == 2


def test_bare_title_speaker_is_the_last_mentioned_holder(run):
    doc, sts = run("President Vladimir Putin met Steve Witkoff in Moscow on Tuesday.\n\n"
                   "Ukrainian President Volodymyr Zelensky spoke in Kyiv on Wednesday. "
                   "The head of state noted that the security guarantees must be legally binding. "
                   '"We need guarantees that work," the President emphasized.')
    assert len(sts) == 2
    assert all("Zelensky" in speaker_name(doc, s) for s in sts)


def test_as_x_said_credits_the_main_clause(run):
    doc, sts = run("As Volodymyr Zelensky stated, Ukraine is ready for a ceasefire along the front line.")
    assert len(sts) == 1 and sts[0].content.startswith("Ukraine is ready")
    assert "Zelensky" in speaker_name(doc, sts[0])
    doc, sts = run("Ukraine is ready for a ceasefire, as Volodymyr Zelensky noted on Monday.")
    assert len(sts) == 1 and sts[0].content == "Ukraine is ready for a ceasefire"


def test_citing_sources_is_not_content(run):
    doc, sts = run("The US administration is preparing new sanctions against Russia, Bloomberg "
                   "reported, citing people familiar with the matter.")
    assert len(sts) == 1 and sts[0].content == "The US administration is preparing new sanctions against Russia"
    assert sts[0].kind == "report"
    doc, sts = run("Axios reported, citing two US officials, that the White House wanted to sign "
                   "the agreement before Christmas.")
    assert len(sts) == 1 and sts[0].content.startswith("the White House wanted")


def test_bare_institution_speaker_takes_the_fuller_earlier_phrase(run):
    doc, sts = run("Umerov will stay in contact with the American team, the presidential office "
                   "said. Zelensky also spoke with Keir Starmer, the office said.")
    assert [s.speaker_text for s in sts] == ["the presidential office"] * 2


def test_possessed_role_speaker(run):
    doc, sts = run("US envoy Steve Witkoff arrived in Moscow on Monday. Trump's envoy said the "
                   "talks would continue.")
    assert len(sts) == 1 and "Witkoff" in speaker_name(doc, sts[0])
    assert sts[0].speaker_text == "Trump's envoy"


def test_lead_glued_to_headline_credits_the_person_not_his_country(run):
    doc, sts = run("Ushakov on the Kremlin meeting: no compromise yet\n"
                   "MOSCOW, December 3 (Interfax) - Russian presidential aide Yuri Ushakov told "
                   "journalists that no compromise on territories had been found.")
    st = [s for s in sts if "compromise on territories" in s.content]
    assert len(st) == 1 and "Ushakov" in speaker_name(doc, st[0])


def test_fronted_adverbial_before_a_bare_cue_is_no_statement(run):
    doc, sts = run("In a statement released on Friday, the ministry said. "
                   "Asked about the timing of the next round, Peskov said.")
    assert sts == []


def test_name_colon_headline_credits_the_name(run):
    doc, sts = run("Zelensky: Ukraine will not withdraw from Donbas\n"
                   "KYIV - Volodymyr Zelensky met his team on Monday.")
    assert len(sts) == 1 and sts[0].content == "Ukraine will not withdraw from Donbas"
    assert "Zelensky" in speaker_name(doc, sts[0])
    doc, sts = run("Key points: the talks lasted five hours\nVolodymyr Zelensky met Donald Trump.")
    assert sts == []


def test_quoted_as_saying_and_conjoined_cues(run):
    doc, sts = run("Dmitry Peskov was quoted by Interfax as saying that the talks would continue.")
    assert len(sts) == 1 and sts[0].content == "the talks would continue"
    assert "Peskov" in speaker_name(doc, sts[0])
    doc, sts = run("Sergey Lavrov accused the West of prolonging the war and said Russia would "
                   "achieve its goals.")
    assert [s.content for s in sts] == ["the West of prolonging the war",
                                        "Russia would achieve its goals"]


def test_according_to_outlet_reports_the_whole_exchange(run):
    doc, sts = run("According to Axios, Steve Witkoff told Volodymyr Zelensky that the deal was close.")
    assert len(sts) == 1 and sts[0].speaker_text == "Axios" and sts[0].kind == "report"
    assert sts[0].content == "Steve Witkoff told Volodymyr Zelensky that the deal was close"


def test_headline_says_credits_the_speaker(run):
    doc, sts = run("Ministry says grain exports fell sharply in autumn\n"
                   "The Agriculture Ministry of Moldova published its figures on Monday. "
                   "Farmers blamed the weather.")
    heads = [s for s in sts if s.content_span["end"] <= doc.text.find("\n")]
    assert len(heads) == 1 and heads[0].kind == "indirect"
    assert heads[0].content.startswith("grain exports fell sharply")


def test_trailing_cue_followed_by_subordinate_clause(run):
    doc, sts = run("The two governments have not yet settled the border dispute, the ministry "
                   "said on Friday, after Foreign Minister Anna Berg met her counterpart in Oslo.")
    assert len(sts) == 1
    assert sts[0].content == "The two governments have not yet settled the border dispute"
    assert sts[0].speaker_text.lower().endswith("ministry")


def test_translated_inverted_as_cue(run):
    doc, sts = run("Finance Minister Olena Hrytsenko returned from Brussels. As informed Olena "
                   "Hrytsenko, the partners showed understanding of the budget needs. As noted the "
                   "Minister, the next tranche is expected in spring. As expected, prices rose.")
    assert len(sts) == 2
    assert all(entities(doc)[s.speaker].name == "Olena Hrytsenko" for s in sts)
    assert sts[0].content.startswith("the partners showed understanding")
    assert sts[1].content == "the next tranche is expected in spring"


def test_translated_inverted_as_cue_after_passive_report(run):
    doc, sts = run("The Premier was informed by the Governor of the Central Bank Olena Hrytsenko "
                   "regarding the results of the audit. As informed Olena Hrytsenko, the "
                   "inspectors found no violations in the accounts.")
    hit = [s for s in sts if s.content.startswith("the inspectors found no violations")]
    assert len(hit) == 1 and entities(doc)[hit[0].speaker].name == "Olena Hrytsenko"


def test_coordinated_second_reporting_verb_is_its_own_statement(run):
    doc, sts = run("Mayor Karl Jensen says the city is ready for the summit but warns that "
                   "traffic will be closed for two days.")
    assert [s.cue for s in sts] == ["says", "warns"]
    assert sts[0].content == "the city is ready for the summit"
    assert sts[1].content == "traffic will be closed for two days"
    assert sts[0].speaker == sts[1].speaker is not None


def test_aide_to_a_president_is_not_the_president(run):
    doc, sts = run("Moldovan President Maia Sandu met the delegation in Chisinau. Aide to the "
                   "Moldovan President Ion Popescu noted that the sides found no compromise. "
                   "Earlier, the Moldovan President said that Moldova is not planning to leave the "
                   "talks.")
    last = [s for s in sts if s.content.startswith("Moldova is not planning")]
    assert len(last) == 1 and speaker_name(doc, last[0]) == "Maia Sandu"


def test_negated_saying_is_a_denial(nlp):
    def stances(text):
        return [(s.stance, s.content) for s in nlp(text)._.statements]
    assert stances("Minister Anna Berg denied saying that the talks had failed.") == [
        ("deny", "the talks had failed")]
    assert stances("Anna Berg did not say that the talks had failed.") == [("deny", "the talks had failed")]
    assert stances("Anna Berg never said the talks had failed.") == [("deny", "the talks had failed")]
    # an open question says nothing; a negated content is still asserted
    assert stances("Anna Berg did not say whether the talks had failed.") == []
    assert stances("Anna Berg said the talks had not failed.") == [("assert", "the talks had not failed")]


def test_she_is_not_a_man_the_text_gives_no_title(run):
    # the lead is glued to its headline, so the parser finds no subject before the quote:
    # the pronoun falls back to the people named so far, of its gender by their given name
    doc, sts = run("Talks resume in Vienna\nForeign Minister Ilka Varga met envoy Tomas Brenner "
                   'in Vienna on Monday. "We made progress," she said.')
    names = {e.id: e.name for e in doc._.entities}
    assert len(sts) == 1 and names.get(sts[0].speaker) == "Ilka Varga"


def test_name_gender_from_given_name_and_slavic_surname():
    from dossier.nlp.statements import _name_gender
    assert _name_gender("Olga Berezina") == {"f"}
    assert _name_gender("Tomas Brenner") == {"m"}
    assert _name_gender("Dana Petrova") == {"f"}
    assert _name_gender("Kim Sokolov") == {"m"}
    assert _name_gender("Anna Sokolov") == set()   # the two disagree: nothing said
    assert _name_gender("Lee Okafor") == set()
