"""Issue #14, recall: cues and shapes the extractor used to miss — repeated and restated
claims, "made clear that", a trailing source parsed as an apposition, "accused X of Y",
live-blog labels after a time stamp, transcript labels, a cue with its own modifiers before
a colon, a speaker's "line" or "message" before a colon, evaluative "praised/hailed/framed
X as", a negated "true" as a denial, and "she said" never a man's (or a reported subject's).

Names and outlets here are invented; each test states one construction in several shapes."""
import pytest


def names(doc):
    return {e.id: e.name for e in doc._.entities}


def one(sts):
    assert len(sts) == 1, [(s.cue, s.content) for s in sts]
    return sts[0]


# ------------------------------------------------------------ repeated claims

@pytest.mark.parametrize("text,speaker,content,stance", [
    ("Interior Minister Petra Novak repeated that the reports of a curfew were false.",
     "Petra Novak", "the reports of a curfew were false", "deny"),
    ("Senator Lena Ortiz restated that the bill would pass before the recess.",
     "Lena Ortiz", "the bill would pass before the recess", "expect"),
    ("Minister Karl Brandt reaffirmed on Monday that Berlin would pay its share.",
     "Karl Brandt", "Berlin would pay its share", "expect"),
    ('Spokeswoman Ana Ruiz repeated that reports of a secret deal were "not true".',
     "Ana Ruiz", 'reports of a secret deal were "not true"', "deny"),
])
def test_repeated_and_restated_claims(run, text, speaker, content, stance):
    doc, sts = run(text)
    s = one(sts)
    assert (names(doc)[s.speaker], s.content, s.stance) == (speaker, content, stance)


def test_repeating_a_thing_is_no_statement(run):
    doc, sts = run("She repeated the question twice before the vote.")
    assert not sts


@pytest.mark.parametrize("text,stance", [
    ("The minister said the claims were not accurate.", "deny"),
    ("The minister said that was not the case.", "deny"),
    ("The minister said the weather was not right for sailing.", "assert"),
])
def test_a_negated_true_denies_a_claim(run, text, stance):
    doc, sts = run(text)
    assert one(sts).stance == stance


# ------------------------------------------------------------ made clear

@pytest.mark.parametrize("text,speaker,content,cue", [
    ("Minister Karl Brandt has made clear that Berlin will not pay the bill.",
     "Karl Brandt", "Berlin will not pay the bill", "made clear"),
    ("The foreign minister, Ilse Varga, made it clear that Vienna wants guarantees.",
     "Ilse Varga", "Vienna wants guarantees", "made it clear"),
    ("Senator Lena Ortiz made it plain on Sunday that she would vote against the bill.",
     "Lena Ortiz", "she would vote against the bill", "made it plain"),
])
def test_made_clear_that(run, text, speaker, content, cue):
    doc, sts = run(text)
    s = one(sts)
    assert (names(doc)[s.speaker], s.content, s.cue) == (speaker, content, cue)


def test_making_a_road_clear_is_no_statement(run):
    doc, sts = run("The storm made the roads clear of snow.")
    assert not sts


# ------------------------------------------------------------ trailing sources

@pytest.mark.parametrize("text,speaker,content", [
    ("Valdor offered at the talks to invite monitors to the line between Kessel and Brand, "
     "a senior diplomat told the Lakeside Courier.", "a senior diplomat",
     "Valdor offered at the talks to invite monitors to the line between Kessel and Brand"),
    ("Poland sent tanks to the border with Belarus and Ukraine, two officials told reporters.",
     "two officials", "Poland sent tanks to the border with Belarus and Ukraine"),
])
def test_a_trailing_source_parsed_as_an_apposition(run, text, speaker, content):
    doc, sts = run(text)
    s = one(sts)
    assert (s.speaker_text, s.content, s.kind) == (speaker, content, "report")


def test_a_titled_subject_with_a_named_apposition_is_the_person(run):
    doc, sts = run("The Valdorian foreign ministry spokesman, Tarek Haddad, said the troops had "
                   "not opened fire.")
    s = one(sts)
    assert names(doc)[s.speaker] == "Tarek Haddad"


# ------------------------------------------------------------ accusations

@pytest.mark.parametrize("text,speaker,content", [
    ('Opposition leader Tomas Reiner accused the government of a "cynical cover-up".',
     "Tomas Reiner", 'the government of a "cynical cover-up"'),
    ("Mayor Elena Petrova accused the police of lying about the arrests.",
     "Elena Petrova", "the police of lying about the arrests"),
    ('After the shelling, when spokeswoman Ana Ruiz accused Valdor of a "gross violation", '
     "the talks went on.", "Ana Ruiz", 'Valdor of a "gross violation"'),
])
def test_accused_x_of_y_with_of_hung_on_the_object(run, text, speaker, content):
    doc, sts = run(text)
    s = one(sts)
    assert (names(doc)[s.speaker], s.content) == (speaker, content)


def test_being_accused_is_no_statement(run):
    doc, sts = run("He was accused of theft.")
    assert not sts


# ------------------------------------------------------------ evaluative verbs

@pytest.mark.parametrize("text,content,stance", [
    ("Minister Ivo Petrov praised the agreement as a breakthrough.",
     "the agreement as a breakthrough", "assert"),
    ("Minister Ivo Petrov hailed the deal as historic.", "the deal as historic", "assert"),
    ("Envoy Amara Diallo framed the exchange as purely humanitarian.",
     "the exchange as purely humanitarian", "assert"),
    ("Mayor Elena Petrova appealed for calm.", "calm", "demand"),
])
def test_evaluative_verbs_with_a_complement(run, text, content, stance):
    doc, sts = run(text)
    s = one(sts)
    assert (s.content, s.stance) == (content, stance)


@pytest.mark.parametrize("text", ["The teacher praised the pupils.",
                                  "The picture was framed as a gift."])
def test_evaluative_verbs_without_a_complement_say_nothing(run, text):
    doc, sts = run(text)
    assert not sts


# ------------------------------------------------------------ labels and colons

@pytest.mark.parametrize("text,speaker,content", [
    ('14:20 - Minister Pavel Horak at the podium: "We will not give up on the harbour."',
     "Pavel Horak", "We will not give up on the harbour."),
    ('15:35 - No agreement today. Sofia Almeida, leaving: "The veto stays until the grain '
     'moves."', "Sofia Almeida", "The veto stays until the grain moves."),
    ('11:05 Jonas Berg, on his way out: "We made progress, but not enough."',
     "Jonas Berg", "We made progress, but not enough."),
    ('10:12 GMT - Prime Minister Jonas Berg to reporters: "Nobody wants a war here."',
     "Jonas Berg", "Nobody wants a war here."),
])
def test_live_blog_labels_after_a_time_stamp(run, text, speaker, content):
    doc, sts = run(text)
    s = one(sts)
    assert (names(doc)[s.speaker], s.content, s.kind) == (speaker, content, "direct")


def test_a_label_after_a_sentence_takes_only_a_quotation(run):
    doc, sts = run("15:35 - No agreement today. Update: the talks resume on Monday.")
    assert not sts


def test_transcript_question_labels_are_the_journalists(run):
    doc, sts = run("QUESTION: Will the border open?\nMR. HALVARD: It will open on Monday, "
                   "as planned.\nQ: And the port?\nMR. HALVARD: Not yet.")
    assert [(s.speaker_text, s.content) for s in sts] == [
        ("HALVARD", "It will open on Monday, as planned."), ("HALVARD", "Not yet.")]


@pytest.mark.parametrize("text,speaker,content", [
    ("The Eastgate Times reported on Tuesday: The government will raise the minimum wage.",
     None, "The government will raise the minimum wage"),
    ("Minister Ivo Petrov told reporters on Friday: the bridge will reopen in June.",
     "Ivo Petrov", "the bridge will reopen in June"),
])
def test_a_cue_with_its_own_modifiers_before_a_colon(run, text, speaker, content):
    doc, sts = run(text)
    s = one(sts)
    assert s.content == content
    if speaker:
        assert names(doc)[s.speaker] == speaker


@pytest.mark.parametrize("text,content", [
    ("Lotte Varenne's public line has not changed since the crisis began: energy in transit "
     "is not a weapon.", "energy in transit is not a weapon"),
    ("Minister Ivo Petrov spoke last. His message was clear: the reform will go ahead.",
     "the reform will go ahead"),
])
def test_a_speakers_line_before_a_colon(run, text, content):
    doc, sts = run(text)
    assert content in [s.content for s in sts]


def test_a_front_line_is_no_position(run):
    doc, sts = run("The army's front line is long: it runs from the sea to the hills.")
    assert not sts


# ------------------------------------------------------------ who "she" is

def test_she_is_not_a_man_named_more_often(run):
    doc, sts = run("Foreign Minister Karl Brandt said the deal was fair. Brandt thanked the "
                   "mediators. He said Brandt's team had worked hard. Spokeswoman Ana Ruiz "
                   'repeated that reports of a bribe were false. "There was no bribe," she said.')
    last = sts[-1]
    assert last.content == "There was no bribe" and names(doc)[last.speaker] == "Ana Ruiz"


def test_she_is_not_the_subject_of_what_she_reports(run):
    doc, sts = run("Spokeswoman Ana Ruiz confirmed that Karl Brandt would lead the delegation. "
                   "Karl Brandt met Ivo Petrov on Tuesday, she said.")
    last = sts[-1]
    assert last.content.startswith("Karl Brandt met") and names(doc)[last.speaker] == "Ana Ruiz"


# ------------------------------------------------------------ a clause around its cue

@pytest.mark.parametrize("text,content,stance", [
    ("The deal, Petrov said, is dead.", "The deal is dead", "assert"),
    ("The new bridge, Mayor Elena Petrova said on Monday, will open in May.",
     "The new bridge will open in May", "expect"),
    ("The talks, the minister told reporters on Monday, would resume next week.",
     "The talks would resume next week", "expect"),
    ("The ceasefire, the ministry said, was holding.", "The ceasefire was holding", "assert"),
])
def test_a_reported_clause_split_by_its_cue_is_one_statement(run, text, content, stance):
    doc, sts = run(text)
    s = one(sts)
    assert (s.content, s.stance) == (content, stance)
    a, b = s.content_span["start"], s.content_span["end"]
    assert text[a:b].startswith(content.split()[0]) and text[a:b].rstrip(".").endswith(
        content.split()[-1])


# ------------------------------------------------------------ translated constructions

@pytest.mark.parametrize("text,speaker_text", [
    ("The talks will continue next week. This is stated in a statement of the Foreign "
     "Ministry of Valdor.", "Foreign Ministry of Valdor"),
    ("The port will reopen. This was reported in the ministry's statement.", "the ministry"),
])
def test_this_is_stated_in_a_document_of_x(run, text, speaker_text):
    doc, sts = run(text)
    s = one(sts)
    assert s.speaker_text == speaker_text and s.content.startswith("The ")


def test_stated_in_the_press_credits_nobody(run):
    doc, sts = run("The port will reopen. This was reported in the press.")
    assert not sts


def test_a_short_quotation_after_said_and_a_comma(run):
    doc, sts = run('Asked if he would run again, Senator Tom Harlow said, "Probably not."')
    s = one(sts)
    assert (s.kind, s.content, names(doc)[s.speaker]) == ("direct", "Probably not.", "Tom Harlow")


def test_a_bare_day_is_no_part_of_a_frames_content(run):
    doc, sts = run("Senator Tom Harlow vowed Tuesday to block the nomination.")
    assert one(sts).content == "to block the nomination"


# ------------------------------------------------------------ hopes, fears, convictions

@pytest.mark.parametrize("text,cue,content,stance", [
    ("Minister Ivo Petrov hopes that the talks will resume.", "hopes",
     "the talks will resume", "hope"),
    ("Minister Ivo Petrov hoped the talks would resume.", "hoped", "the talks would resume", "hope"),
    ("The ministry fears the truce will collapse.", "fears", "the truce will collapse", "warn"),
    ("Minister Ivo Petrov is confident that the deal will hold.", "is confident",
     "the deal will hold", "expect"),
    ("Minister Ivo Petrov was adamant that the deal was dead.", "was adamant",
     "the deal was dead", "assert"),
    ("The ministry is concerned that the truce will collapse.", "is concerned",
     "the truce will collapse", "warn"),
])
def test_hopes_fears_and_convictions(run, text, cue, content, stance):
    doc, sts = run(text)
    s = one(sts)
    assert (s.cue, s.content, s.stance) == (cue, content, stance)


@pytest.mark.parametrize("text", ["Many fear that the dam will break.",
                                  "It is clear that the deal is dead.",
                                  "Minister Ivo Petrov is not sure that the deal will hold.",
                                  "The boy hopped over the fence."])
def test_nobodys_feelings_are_no_statements(run, text):
    doc, sts = run(text)
    assert not sts


def test_a_quotation_inside_a_reported_clause_is_not_the_next_subjects(run):
    doc, sts = run('Minister Ivo Petrov said the exchange proved that "where there is will, '
                   'there is a way", and that Valdor hoped the summit would take place.')
    assert all(names(doc).get(s.speaker) == "Ivo Petrov" for s in sts)


# ------------------------------------------------------------ relays and time stamps

def test_a_document_relaying_what_a_named_speaker_said(run):
    doc, sts = run("Envoy Amara Diallo said after the signing that the release of the prisoners "
                   "was a humanitarian matter, according to a statement by the African Union.")
    s = one(sts)
    assert names(doc)[s.speaker] == "Amara Diallo"
    assert s.content == "the release of the prisoners was a humanitarian matter"


def test_an_outlet_relaying_a_named_speaker_still_reports_the_exchange(run):
    doc, sts = run("The minister said the deal was dead, according to the Harbor Gazette.")
    s = one(sts)
    assert s.kind == "report" and s.speaker_text == "Harbor Gazette"


def test_a_live_blog_time_stamp_is_no_part_of_the_speaker(run):
    doc, sts = run("12:30 - A Valdorian delegation source tells Prairie Wire the draft now "
                   "runs to 12 points.")
    assert one(sts).speaker_text == "A Valdorian delegation source"


# ------------------------------------------------------------ asides and short replies

def test_an_asked_aside_is_not_the_speakers_question(run):
    doc, sts = run("Senator Tom Harlow, asked Tuesday whether he would run again, said he had "
                   "not decided.")
    s = one(sts)
    assert (s.content, s.speaker_text) == ("he had not decided", "Senator Tom Harlow")


@pytest.mark.parametrize("text,content,stance", [
    ('"No," Senator Tom Harlow said flatly when asked about the deal.', "No", "deny"),
    ('The talks ended. "Never," the minister replied.', "Never", "assert"),
    ('"Fake," said Senator Tom Harlow.', "Fake", "deny"),
])
def test_a_short_quotation_opening_its_sentence_before_the_cue(run, text, content, stance):
    doc, sts = run(text)
    s = one(sts)
    assert (s.kind, s.content, s.stance) == ("direct", content, stance)


def test_a_scare_quote_inside_a_reported_clause_is_no_reply(run):
    doc, sts = run('He called the plan "dead", Senator Tom Harlow said.')
    s = one(sts)
    assert s.kind == "indirect" and s.content == 'He called the plan "dead"'


def test_denying_a_single_noun(run):
    doc, sts = run("Senator Tom Harlow denied wrongdoing.")
    s = one(sts)
    assert (s.content, s.stance) == ("wrongdoing", "deny")


@pytest.mark.parametrize("text,content", [
    ("Minister Ivo Petrov ruled out a second round of talks.", "a second round of talks"),
    ("Minister Ivo Petrov ruled out sending troops.", "sending troops"),
])
def test_ruling_something_out_denies_it(run, text, content):
    doc, sts = run(text)
    s = one(sts)
    assert (s.content, s.stance) == (content, "deny")


@pytest.mark.parametrize("text", ["The minister ruled the country for ten years.",
                                  "Minister Ivo Petrov did not rule out new sanctions."])
def test_ruling_without_out_or_not_ruling_out_is_no_denial(run, text):
    doc, sts = run(text)
    assert not sts


def test_a_round_up_label_in_capitals_opening_with_a_given_name(run):
    doc, sts = run("Reactions:\nANNA VARGAS, foreign minister: We welcome the result and hope "
                   "for calm.")
    s = one(sts)
    assert s.speaker_text == "ANNA VARGAS" and s.content.startswith("We welcome the result")


@pytest.mark.parametrize("text,content,stance", [
    ("Two drones were shot down overnight. The regional police reported this on Monday.",
     "Two drones were shot down overnight", "assert"),
    ("The bridge will reopen next week. Mayor Elena Petrova said so on Monday.",
     "The bridge will reopen next week", "expect"),
    ("The bridge will reopen next week. The mayor denied this.",
     "The bridge will reopen next week", "deny"),
])
def test_reported_this_or_said_so_credits_the_sentence_before(run, text, content, stance):
    doc, sts = run(text)
    s = one(sts)
    assert (s.content, s.stance) == (content, stance)


def test_doing_this_is_no_statement(run):
    doc, sts = run("The bridge will reopen next week. He did this on Monday.")
    assert not sts


def test_a_question_put_by_a_reporter_is_not_the_answerers(run):
    doc, sts = run("Minister Ivo Petrov arrived first. Asked by our reporter whether a deal was "
                   'close, he said only: "Closer than yesterday."')
    s = one(sts)
    assert s.content == "Closer than yesterday." and names(doc)[s.speaker] == "Ivo Petrov"
