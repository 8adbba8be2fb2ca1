"""Statements an outlet relays, two statements in one sentence, officialese communiqués and
pronouns after a speaker's own sentence (issue #11: claims across outlets)."""


def names(doc):
    from dossier.nlp.attribution import DocView
    return {k: e.name for k, e in DocView(doc).entities.items()}


def test_a_named_speaker_relayed_by_an_outlet_in_a_tail_is_the_speaker(run):
    doc, sts = run("Valdor's foreign minister, Ilse Marten, said on Monday that the water had been "
                   "released at night, Tidewell reported.")
    assert len(sts) == 1
    s = sts[0]
    assert names(doc)[s.speaker] == "Ilse Marten"
    assert s.content == "the water had been released at night"
    assert s.source == "Tidewell"


def test_two_speakers_relayed_by_one_outlet(run):
    doc, sts = run("Valdor says 17 crew are being held; the ship's operator, Kessler Lines, says "
                   "there were 19 people on board, Plains Courier reported.")
    got = {names(doc).get(s.speaker): s.content for s in sts}
    assert got == {"Valdor": "17 crew are being held", "Kessler Lines": "there were 19 people on board"}
    assert all(s.source == "Plains Courier" for s in sts)


def test_an_outlet_reporting_that_a_named_speaker_said(run):
    doc, sts = run("Plains Courier reported that Ilse Marten said the dam had been opened at night.")
    s = next(iter(sts))
    assert names(doc)[s.speaker] == "Ilse Marten" and s.source == "Plains Courier"


def test_according_to_an_outlet_a_named_speaker_accused(run):
    doc, sts = run("Minister Tomas Verhaal had accused Borvian troops of carrying out the attack, "
                   "according to Plains Courier.")
    s = next(iter(sts))
    assert names(doc)[s.speaker] == "Tomas Verhaal" and s.source == "Plains Courier"
    assert "according" not in s.content


def test_unnamed_officials_relayed_by_an_outlet_stay_the_outlets_report(run):
    doc, sts = run("Prairie Wire reported that Borvian officials had told the envoys that the deal was off.")
    assert [s.speaker_text for s in sts] == ["Prairie Wire"]


def test_one_sentence_two_statements_of_one_speaker(run):
    doc, sts = run("Valdor says it is holding 17 and accuses them of photographing military installations.")
    assert len(sts) == 2
    assert sts[0].content == "it is holding 17"
    assert "photographing military installations" in sts[1].content
    assert [s.speaker_text for s in sts] == ["Valdor", "Valdor"]


def test_a_communique_informs_the_public_that(run):
    doc, sts = run("The Government of Valdoria informs the national and international opinion that "
                   "on Saturday, elements of the Borvian army have crossed the border.")
    assert len(sts) == 1
    assert sts[0].content.endswith("elements of the Borvian army have crossed the border")


def test_holds_a_party_responsible_and_asks_a_body_to_act(run):
    doc, sts = run("The Minister of Defence, Mr. KAROVAN Teodor, condemns this aggression and holds "
                   "the Republic of Borvia responsible. The Government asks the African Union to take "
                   "its responsibilities.")
    contents = [s.content for s in sts]
    assert "the Republic of Borvia responsible" in contents
    asks = next(s for s in sts if s.cue == "asks")
    assert asks.stance == "demand" and asks.content.startswith("the African Union to take")


def test_being_asked_to_act_is_no_statement(run):
    doc, sts = run("Tomas Verhaal was asked to leave the room.")
    assert sts == []


def test_a_pronoun_after_the_speakers_own_sentence(run):
    doc, sts = run("Minister Tomas Verhaal received his counterpart Piet Aldo in Brenn. At the end of "
                   "the audience, Mr. Aldo declared that he had found \"a real will for peace\". "
                   "\"Neighbours must talk,\" he repeated.")
    quote = next(s for s in sts if s.content == "Neighbours must talk")
    assert names(doc)[quote.speaker] == "Piet Aldo"


def test_an_outlet_in_a_report_tail_is_no_person(nlp):
    doc = nlp("The minister said on Monday that the bridge was closed, Tidewell reported. "
              "Ilse Marten told Tidewell by telephone that it was bad.")
    assert [e.label_ for e in doc.ents if e.text == "Tidewell"] == ["ORG", "ORG"]


def test_a_surname_reporting_stays_a_person(nlp):
    doc = nlp("John Smith is a reporter. Smith reported that the minister resigned.")
    assert [e.label_ for e in doc.ents if e.text == "Smith"] == ["PERSON"]


def test_a_live_blog_line_with_two_labels_is_two_statements(run):
    doc, sts = run('Live: talks in Brenn\n14:20 - Verhaal: the compensation claim "stays on the table". '
                   'Aldo: "Today we talked about the future."\n')
    got = [(s.speaker_text, s.content) for s in sts]
    assert got[0][0] == "Verhaal" and "Aldo" not in got[0][1]
    assert got[1] == ("Aldo", "Today we talked about the future.")


def test_a_lead_glued_to_its_headline_keeps_its_conjoined_denial(run):
    doc, sts = run('Aldo demands Valdor free Sea Lark crew "without delay"\n'
                   "Borvian Foreign Minister Piet Aldo on Wednesday demanded the immediate release of the "
                   "crew of the cargo ship Sea Lark, held in Valdor since Monday, and rejected Valdor's "
                   "accusation that the sailors had been spying.\n")
    deny = next(s for s in sts if s.cue == "rejected")
    assert deny.stance == "deny" and deny.content == "the sailors had been spying"
    assert names(doc)[deny.speaker] == "Piet Aldo"


def test_a_pronoun_after_a_clause_an_unnamed_source_reports_is_that_clauses_subject(run):
    doc, sts = run("09:30 - Norland's deputy trade minister Pavel Orsk walked in without comment. The other "
                   "side is led by envoy Marta Lindqvist.\n\n"
                   "10:10 - Velmont's minister of state Idris Kaleb opened the session, a Velmontese "
                   "official tells Harbour Post. He again called the dispute \"regrettable\".\n")
    called = next(s for s in sts if s.speaker_text == "He")
    assert names(doc)[called.speaker] == "Idris Kaleb"


def test_a_pronoun_after_a_named_reporter_is_the_reporter(run):
    doc, sts = run("Pavel Orsk said that Idris Kaleb would lead the delegation. "
                   "\"We are ready,\" he added.")
    quote = next(s for s in sts if s.content == "We are ready")
    assert names(doc)[quote.speaker] == "Pavel Orsk"


def test_accounts_listed_with_according_to_are_each_their_own_statement(run):
    doc, sts = run("Neither side agrees even on the toll: 14 dead according to local officials, "
                   "21 according to the Valdorian government.")
    got = sorted((s.speaker_text, s.content) for s in sts)
    assert got == [("local officials", "14 dead"), ("the Valdorian government", "21")]


def test_one_according_to_keeps_its_whole_clause(run):
    doc, sts = run("The road to the border is open again, according to police.")
    assert [s.content for s in sts] == ["The road to the border is open again"]


def test_a_count_given_is_a_statement_and_other_things_given_are_not(run):
    doc, sts = run("The ministry confirmed on Friday that Tomas Verhaal would receive the envoy "
                   "but did not give a date. Valdor had earlier given the number of crew held as 12.")
    got = [s.content for s in sts]
    assert "Tomas Verhaal would receive the envoy but did not give a date" in got
    assert "the number of crew held as 12" in got


RELEASE = ("Communique of the Government: attack on the post of Valby\n"
           "The Government of the Republic of Norland informs the national and international "
           "opinion that on Saturday, elements of the Borvian army have crossed the border and "
           "have attacked the post of Valby.\n\n"
           "The provisional balance is of 21 dead, of which 12 soldiers and 9 civilians.\n\n"
           "The Minister of Defence, Mr. KAROVAN Teodor, condemns this aggression.\n")


def test_a_release_in_its_issuers_voice_credits_its_own_sentences_to_the_issuer(run):
    doc, sts = run(RELEASE)
    toll = next(s for s in sts if s.content.startswith("The provisional balance"))
    assert toll.speaker_text == "The Government of the Republic of Norland"
    assert toll.content.endswith("9 civilians")


def test_a_wire_reporting_in_the_past_credits_no_background_sentence(run):
    doc, sts = run("Norland says border post attacked\n"
                   "The Government of Norland said on Sunday that Borvian troops had attacked "
                   "the post of Valby.\n\nThe provisional balance is of 21 dead.\n")
    assert not any(s.content.startswith("The provisional balance") for s in sts)


def test_a_quotation_a_possessors_line_introduces_is_the_possessors(run):
    doc, sts = run("The EU envoy, Marta Lindqvist, deserves credit for getting the two ministers on "
                   "the phone. Her line that \"water should unite, not divide\" has become the "
                   "slogan of the talks.")
    line = next(s for s in sts if s.content == "water should unite, not divide")
    assert names(doc)[line.speaker] == "Marta Lindqvist"


def test_a_line_without_a_quotation_or_possessor_is_no_statement(run):
    doc, sts = run("Marta Lindqvist arrived late. The line that \"nobody would come\" was wrong. "
                   "Her line that the talks would fail proved wrong.")
    assert not any(s.cue == "line" for s in sts)
