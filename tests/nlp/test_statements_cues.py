"""Issue #14: every cue (translated, evaluative, stance verbs, joint statements, outlets'
reports, one-word replies), contents that are noun phrases or split quotes, denials, the
``stance`` of each statement, and who speaks (unnamed sources, offices, groups).

Names and outlets here are invented; each test states one construction."""
import pytest


def names(doc):
    return {e.id: e.name for e in doc._.entities}


def one(sts):
    assert len(sts) == 1, [(s.cue, s.content) for s in sts]
    return sts[0]


# ------------------------------------------------------------ translated constructions

def test_this_was_stated_by_credits_the_sentence_before(run):
    doc, sts = run("The new tariffs will hurt farmers in the north. This was stated by "
                   "Finance Minister Klaus Berger on Tuesday.")
    s = one(sts)
    assert s.content == "The new tariffs will hurt farmers in the north"
    assert names(doc)[s.speaker] == "Klaus Berger" and s.cue == "stated"
    assert s.stance == "expect"


def test_this_was_stated_by_never_reaches_across_a_paragraph(run):
    doc, sts = run("The new tariffs will hurt farmers in the north.\n\nThis was stated by "
                   "Finance Minister Klaus Berger on Tuesday.")
    assert not sts


def test_as_confirmed_by_credits_the_main_clause(run):
    doc, sts = run("The cargo ship reached the port of Gdynia on Monday, as confirmed by the "
                   "Polish Maritime Office.")
    s = one(sts)
    assert s.content.startswith("The cargo ship reached the port")
    assert "Maritime Office" in s.speaker_text


# ------------------------------------------------------------ evaluative and stance verbs

@pytest.mark.parametrize("text,content", [
    ("Senator John Hale characterized the proposal as reckless.", "the proposal as reckless"),
    ("Minister Anna Berg referred to the meeting as a turning point.", "the meeting as a turning point"),
    ("Chancellor Erik Lund stressed the importance of unity among allies.",
     "the importance of unity among allies"),
    ("Prime Minister Tomas Ekberg vowed to keep supporting the farmers.",
     "to keep supporting the farmers"),
    ("President Anna Berg insisted on a ceasefire before any talks.", "a ceasefire before any talks"),
    ("Governor John Hale warned of severe flooding in the coming days.",
     "severe flooding in the coming days"),
    ("Mayor Erik Lund expressed hope that the strike would end soon.",
     "the strike would end soon"),
    ("Prime Minister Erik Lund expressed concern that continued strikes in the south could "
     "derail the process.", "continued strikes in the south could derail the process"),
    ("Senator Anna Berg criticized the decision to close the base.", "the decision to close the base"),
    ("Foreign Minister Tomas Ekberg commented on the proposal from Oslo.", "the proposal from Oslo"),
    ("The union called for a ceasefire and the release of all hostages.",
     "a ceasefire and the release of all hostages"),
])
def test_verbs_whose_complement_is_what_was_said(run, text, content):
    doc, sts = run(text)
    assert one(sts).content == content


@pytest.mark.parametrize("text,stance", [
    ("Governor John Hale warned of severe flooding in the coming days.", "warn"),
    ("Mayor Erik Lund expressed hope that the strike would end soon.", "hope"),
    ("Minister Anna Berg expressed concern over the rising number of casualties.", "warn"),
    ("Prime Minister Tomas Ekberg vowed to keep supporting the farmers.", "expect"),
    ("The union called for a ceasefire and the release of all hostages.", "demand"),
    ("Senator Anna Berg criticized the decision to close the base.", "assert"),
    ("Minister Anna Berg said the delegation would arrive on Monday.", "expect"),
    ("Minister Anna Berg said the government plans to raise taxes.", "expect"),
    ("Minister Anna Berg asked whether the plan was legal.", "question"),
    ("Minister Anna Berg said the plan was legal.", "assert"),
])
def test_stance(run, text, stance):
    doc, sts = run(text)
    assert one(sts).stance == stance


def test_a_frame_the_speaker_declines_or_a_thing_utters_is_no_statement(run):
    doc, sts = run("Minister Anna Berg declined to comment on the details.")
    assert not sts
    doc, sts = run("The draft calls for a ceasefire along the current line.")
    assert not sts


def test_criticized_then_saying_is_two_statements(run):
    doc, sts = run("Senator Anna Berg criticized the plan, saying it was written in haste.")
    assert [s.content for s in sts] == ["the plan", "it was written in haste"]


def test_joint_statement_speaks_for_who_issued_it(run):
    doc, sts = run("European partners issued a joint statement calling for an immediate "
                   "ceasefire in the region.")
    s = one(sts)
    assert s.content == "an immediate ceasefire in the region"
    assert s.speaker is None and s.speaker_text == "European partners"
    assert s.stance == "demand"


# ------------------------------------------------------------ outlets and replies

def test_outlet_report_with_a_colon_takes_the_next_sentence(run):
    doc, sts = run("Nordic Wire reported: The French army will send two more frigates. "
                   "Officials did not comment.")
    s = one(sts)
    assert s.content == "The French army will send two more frigates"
    assert s.kind == "report" and s.speaker_text == "Nordic Wire"


def test_one_word_reply_after_a_colon_is_a_denial(run):
    doc, sts = run("The senator challenged it with a one-word post: Fake.")
    s = one(sts)
    assert s.content == "Fake" and s.stance == "deny"


def test_a_list_after_a_colon_is_no_statement(run):
    doc, sts = run("The plan has three parts: a ceasefire, elections and aid.")
    assert not sts


# ------------------------------------------------------------ shapes of content

def test_quote_broken_after_a_short_first_half_is_one_statement(run):
    doc, sts = run('"The talks", he said, "were useful and honest."')
    s = one(sts)
    assert s.kind == "direct" and s.content.startswith("The talks were useful")


# ------------------------------------------------------------ denials

@pytest.mark.parametrize("text,content", [
    ("The ministry denied claims that its troops had crossed the border.",
     "its troops had crossed the border"),
    ("Spokesman Erik Lund dismissed the report as speculation.", "the report as speculation"),
    ("Spokesman Erik Lund called it a fake.", "it a fake"),
    ("Spokesman Erik Lund said the reports were false.", "the reports were false"),
])
def test_denials_are_statements_with_stance_deny(run, text, content):
    doc, sts = run(text)
    s = one(sts)
    assert s.content == content and s.stance == "deny"


def test_not_denying_is_no_denial(run):
    doc, sts = run("Spokesman Erik Lund did not deny that the talks had stalled.")
    assert all(s.stance != "deny" for s in sts)


# ------------------------------------------------------------ who speaks

def test_unnamed_source_speaking_to_an_outlet(run):
    doc, sts = run("Sweden hosts the talks. A Swedish government source speaking to Nordic Wire "
                   "said the delegation would arrive on Monday.")
    s = one(sts)
    assert s.speaker is None and s.speaker_text == "A Swedish government source"
    assert s.source == "Nordic Wire" and s.kind == "report"
    assert names(doc).get(s.on_behalf_of) == "Sweden"


def test_unnamed_official_speaks_for_the_state_it_names(run):
    doc, sts = run("Sweden and Norway met in Oslo. A senior Swedish official said the talks "
                   "went well.")
    s = one(sts)
    assert s.speaker is None and s.speaker_text == "A senior Swedish official"
    assert names(doc)[s.on_behalf_of] == "Sweden"


def test_office_is_not_its_head(run):
    doc, sts = run("President Anna Berg met Tomas Ekberg. Berg's office said the president "
                   "would travel to Oslo on Friday.")
    s = one(sts)
    assert s.speaker is None and s.speaker_text == "Berg's office"
    assert names(doc)[s.on_behalf_of] == "Anna Berg"


def test_group_speaks_as_a_group(run):
    doc, sts = run("The leaders of Germany, France and Britain stressed that any deal must "
                   "include Kyiv.")
    s = one(sts)
    assert s.speaker is None
    assert s.speaker_text == "The leaders of Germany, France and Britain"
    assert s.on_behalf_of is None


def test_officials_with_a_country_adjective_are_not_the_adjective(run):
    doc, sts = run("European officials have warned that the plan rewards aggression.")
    s = one(sts)
    assert s.speaker is None and s.speaker_text == "European officials"
    assert s.stance == "warn"


def test_named_aide_is_the_speaker(run):
    doc, sts = run("Kremlin aide Yuri Lagunov described the talks as constructive.")
    s = one(sts)
    assert names(doc)[s.speaker] == "Yuri Lagunov"


def test_named_person_telling_an_outlet_stays_the_speaker(run):
    doc, sts = run("Minister Anna Berg told Nordic Wire that the talks would continue.")
    s = one(sts)
    assert names(doc)[s.speaker] == "Anna Berg" and s.source is None


# ------------------------------------------------------------ labels, questions, clauses

def test_transcript_labels_name_the_speaker(run):
    doc, sts = run("President Peter Lindqvist met Anna Berg in Oslo.\nLINDQVIST: We are ready to "
                   "continue the talks.\nBERG: The government wants a deal before winter.")
    assert [(names(doc)[s.speaker], s.content) for s in sts] == [
        ("Peter Lindqvist", "We are ready to continue the talks."),
        ("Anna Berg", "The government wants a deal before winter.")]


def test_round_up_items_name_the_speaker(run):
    doc, sts = run("Reactions:\n- Tomas Ekberg (Sweden): We will not send troops to the region.")
    s = one(sts)
    assert s.speaker_text == "Tomas Ekberg" and s.content.startswith("We will not send troops")


def test_a_question_put_to_the_speaker_is_not_his(run):
    doc, sts = run('Asked whether the talks had failed, Nils Dahl said: "No."')
    s = one(sts)
    assert s.kind == "direct" and s.content == "No." and names(doc)[s.speaker] == "Nils Dahl"


def test_a_while_clause_with_its_own_speaker_is_its_own_statement(run):
    doc, sts = run("The ministry said nothing had been agreed yet, while the Swedish government "
                   "insisted that the plan was dead.")
    assert [s.content for s in sts] == ["nothing had been agreed yet", "the plan was dead"]
    assert [s.stance for s in sts] == ["assert", "assert"]


def test_which_called_it_credits_the_antecedent(run):
    doc, sts = run('The move drew criticism from Stockholm, which called it "a provocation".')
    s = one(sts)
    assert names(doc)[s.speaker] == "Stockholm" and s.stance != "deny"


# ------------------------------------------------------------ relays, groups, titles

def test_outlet_citing_a_source_relays_it(run):
    doc, sts = run("The news portal Nordnet, citing two sources inside the campaign, reported "
                   "that the candidate would not concede.")
    s = one(sts)
    assert s.speaker is None and s.speaker_text == "two sources inside the campaign"
    assert s.source == "Nordnet" and s.kind == "report"


def test_conjoined_parties_speak_through_the_first_in_the_words_of_all(run):
    doc, sts = run("France, Britain and Denmark issued a joint statement calling for targeted "
                   "sanctions.")
    s = one(sts)
    assert names(doc)[s.speaker] == "France" and s.speaker_text == "France, Britain and Denmark"


def test_the_two_companies_announced_speaks_through_the_first_member(run):
    doc, sts = run("OSLO - Norsk Kraft AS and Baltic Energy Corporation will build a joint "
                   "plant in Poland, the two companies announced on Thursday.")
    s = one(sts)
    assert names(doc)[s.speaker].startswith("Norsk Kraft")
    assert s.content.startswith("Norsk Kraft AS and Baltic Energy")


def test_the_three_leaders_stand_for_the_fuller_phrase(run):
    doc, sts = run("Leaders of Germany, France and Britain stressed that no deal could be made "
                   "without Kyiv. After a call, the three leaders issued a joint statement "
                   "calling for a ceasefire.")
    assert [s.speaker_text for s in sts] == ["Leaders of Germany, France and Britain"] * 2
    assert all(s.speaker is None for s in sts)


def test_title_phrase_ending_with_a_name_is_that_person(run):
    doc, sts = run("The Swedish envoy for the Baltic region, Henrik Lund, said the bloc was "
                   "ready to help.")
    s = one(sts)
    assert names(doc)[s.speaker] == "Henrik Lund"


def test_analysts_at_a_firm_speak_for_the_firm(run):
    doc, sts = run("Analysts at Holm & Berg described the price as full.")
    assert one(sts).speaker_text == "Holm & Berg"


def test_it_stands_for_the_organisation_before(run):
    doc, sts = run("The African Union observer mission said voting had been peaceful, but it "
                   "criticized the shutdown of mobile internet in two provinces.")
    assert [names(doc).get(s.speaker) for s in sts] == ["African Union", "African Union"]
    assert sts[1].content == "the shutdown of mobile internet in two provinces"


def test_that_clause_hung_on_the_statement_noun(run):
    doc, sts = run("Norway's Foreign Ministry said in a statement that the next round could take "
                   "place in Bergen.")
    assert one(sts).content == "the next round could take place in Bergen"


def test_speaker_hung_on_the_clause_before_the_verb(run):
    doc, sts = run("The Secretary-General is deeply alarmed by the fighting around the city, his "
                   "spokesperson, Stefan Lindqvist, told reporters on Wednesday.")
    s = one(sts)
    assert names(doc)[s.speaker] == "Stefan Lindqvist"
    assert s.content == "The Secretary-General is deeply alarmed by the fighting around the city"


def test_a_reporting_clause_and_a_conjoined_frame_are_two_statements(run):
    doc, sts = run("Senator Anna Berg said the Senate had done its job and urged the House to act "
                   "before Christmas.")
    assert [(names(doc)[s.speaker], s.content) for s in sts] == [
        ("Anna Berg", "the Senate had done its job"),
        ("Anna Berg", "the House to act before Christmas")]


def test_a_reply_labelled_by_its_owner(run):
    doc, sts = run("Union leader Stefan Kuehn was asked whether the strike would end. His reply: "
                   '"No."')
    s = one(sts)
    assert s.content == "No" and s.kind == "direct" and s.stance == "deny"
    assert names(doc)[s.speaker] == "Stefan Kuehn"


def test_a_journalists_question_is_not_a_statement(run):
    doc, sts = run("Question: Can you confirm reports that the navy will buy twelve frigates?")
    assert not sts


def test_not_saying_is_no_statement(run):
    doc, sts = run("Press secretary Kayla Holm did not say whether the president would veto it.")
    assert not sts
    doc, sts = run("Press secretary Kayla Holm declined to say whether the president would veto it.")
    assert not sts


def test_a_participle_clause_before_the_speaker(run):
    doc, sts = run("Briefing the Council, the head of the mission, Beatrice Lindqvist, warned that "
                   "the rebels were consolidating their hold.")
    s = one(sts)
    assert s.speaker_text.endswith("Beatrice Lindqvist") or "Lindqvist" in names(doc).get(s.speaker, "")


def test_a_group_opening_a_lead_glued_to_its_headline(run):
    doc, sts = run("Sweden, Norway and Denmark press for talks after leaders' call\nOSLO - Leaders "
                   "of Sweden, Norway and Denmark stressed on Saturday that no deal could be made "
                   "without Kyiv.")
    assert [s.speaker_text for s in sts if s.cue == "stressed"] == [
        "Leaders of Sweden, Norway and Denmark"]


def test_person_inside_an_unnamed_phrase_is_not_the_speaker(run):
    doc, sts = run("Candidate Radu Lindqvist spoke late. Citing two sources inside the Lindqvist "
                   "campaign, the portal Nordnet reported that the candidate would not concede.")
    s = [x for x in sts if x.cue == "reported"][0]
    assert s.speaker is None and s.speaker_text == "two sources inside the Lindqvist campaign"


def test_a_campaign_named_after_a_person_is_not_the_person(run):
    doc, sts = run("Anna Berg spoke in Oslo. The Berg campaign said in a statement that the "
                   "emails had been released in full.")
    s = one(sts)
    assert s.speaker is None and s.speaker_text == "The Berg campaign"
    assert names(doc)[s.on_behalf_of] == "Anna Berg"


def test_frame_content_leaves_the_date_out(run):
    doc, sts = run("Senator Anna Berg slammed the proposal on Tuesday.")
    assert one(sts).content == "the proposal"


def test_a_study_that_found_is_credited_to_its_author(run):
    doc, sts = run("The report, released by the Nordic Budget Office, found that 22 million "
                   "people would lose coverage.")
    s = one(sts)
    assert names(doc)[s.speaker] == "Nordic Budget Office" and s.kind == "report"
    doc, sts = run("He found that the door was locked.")
    assert not sts


# ------------------------------------------------------------ figures given by a party

def test_put_the_toll_at_is_a_statement_of_the_figure(run):
    doc, sts = run("The regional government later put the toll at 23. Rescue teams worked "
                   "through the night.")
    s = one(sts)
    assert s.content == "the toll at 23" and s.cue == "put"
    assert "regional government" in s.speaker_text


@pytest.mark.parametrize("text", ["Officials put pressure on the contractor to finish.",
                                  "The storm put the harvest at risk, farmers fear.",
                                  "The council put the contract out to tender."])
def test_put_without_a_figure_noun_is_no_statement(run, text):
    doc, sts = run(text)
    assert not [s for s in sts if s.cue == "put"]


# ------------------------------------------------------------ a live blog's "<noun> by X:"

def test_speech_by_a_named_speaker_before_a_colon_is_theirs(run):
    doc, sts = run("09:15 - Opening speech by Norwegian foreign minister Tomas Veldor: "
                   "\"Neighbours must talk before the rivers rise.\"")
    s = one(sts)
    assert s.content == "Neighbours must talk before the rivers rise" and s.kind == "direct"
    assert names(doc)[s.speaker] == "Tomas Veldor"


def test_a_verb_before_the_colon_keeps_its_own_subject(run):
    doc, sts = run("Crowds gathered by the river for the speech: nobody expected it.")
    assert not [s for s in sts if s.cue == "speech"]
