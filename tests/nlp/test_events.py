"""dossier_events: PLOVER types, participants, place, date and status."""
import pytest

from .nlp_helpers import event_rows


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published="2025-03-04"):
        return event_rows(nlp, text, published)
    return _run


def parts(ev):
    return ev["actors"] | ev["targets"]


def test_meet_verb_with_place_and_date(run):
    doc, evs = run("Sergei Lavrov met Marco Rubio in Riyadh on Tuesday.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev["type"] == "CONSULT" and ev["mode"] == "meet" and ev["status"] == "occurred"
    assert ev["actors"] == {"Sergei Lavrov"} and ev["targets"] == {"Marco Rubio"}
    assert ev["location"] == "Riyadh"
    assert ev["date"] and ev["date"].startswith("2025-03")
    v = ev["event"]
    assert v.id == "v1"
    assert doc.text[v.trigger_span["start"]:v.trigger_span["end"]] == "met"
    assert v.evidence == {"start": 0, "end": len(doc.text)}


def test_light_verb_talks_groups_map_to_states_and_planned(run):
    doc, evs = run("Russia and the United States traded notes. The Russian delegation will hold "
                   "talks with the American side in Istanbul next week.")
    talks = [e for e in evs if e["trigger"] == "talks"]
    assert len(talks) == 1
    assert talks[0]["status"] == "planned"
    participants = parts(talks[0])
    assert "Russia" in participants and "United States" in participants, participants
    assert talks[0]["location"] == "Istanbul"


def test_phone_call_mode(run):
    doc, evs = run("Donald Trump had a phone call with Vladimir Putin on Monday.")
    assert [e["type"] for e in evs] == ["CONSULT"]
    assert evs[0]["mode"] == "phone"
    assert evs[0]["actors"] == {"Donald Trump"} and evs[0]["targets"] == {"Vladimir Putin"}
    assert evs[0]["date"] == "2025-03-03"


def test_possessive_meeting_with(run):
    doc, evs = run("Critics watched Steve Witkoff's meeting with Vladimir Putin closely.")
    consult = [e for e in evs if e["type"] == "CONSULT"]
    assert consult and consult[0]["actors"] == {"Steve Witkoff"}
    assert consult[0]["targets"] == {"Vladimir Putin"}


def test_between_x_and_y(run):
    doc, evs = run("The meeting between Keir Starmer and Volodymyr Zelensky took place in London on March 2.")
    assert len(evs) == 1
    assert {"Keir Starmer", "Volodymyr Zelensky"} <= parts(evs[0])
    assert evs[0]["location"] == "London" and evs[0]["date"] == "2025-03-02"


def test_assault_and_sanction(run):
    doc, evs = run("Russia launched a massive missile attack on Kyiv overnight. "
                   "The European Union imposed new sanctions on Russia.")
    types = {e["type"]: e for e in evs}
    assert types["ASSAULT"]["actors"] == {"Russia"} and types["ASSAULT"]["targets"] == {"Kyiv"}
    assert types["SANCTION"]["actors"] == {"European Union"}
    assert types["SANCTION"]["targets"] == {"Russia"}


def test_status_hypothetical_and_negated(run):
    doc, evs = run("Volodymyr Zelensky may meet Vladimir Putin if the ceasefire holds.")
    assert evs[0]["status"] == "hypothetical"
    doc, evs = run("Hungary did not support Ukraine.")
    assert evs[0]["type"] == "SUPPORT" and evs[0]["status"] == "negated"
    doc, evs = run("Dmitry Peskov said talks between Moscow and Kyiv were not planned.")
    assert [e["status"] for e in evs if e["type"] == "CONSULT"] == ["negated"]


def test_request_and_accuse(run):
    doc, evs = run("Emmanuel Macron accused Russia of stalling. Ukraine rejected Russia's demand.")
    by = {e["type"]: e for e in evs}
    assert by["ACCUSE"]["actors"] == {"Emmanuel Macron"} and by["ACCUSE"]["targets"] == {"Russia"}
    assert by["REQUEST"]["actors"] == {"Russia"}
    assert by["REJECT"]["actors"] == {"Ukraine"}


def test_demanded_action_is_not_an_event(run):
    doc, evs = run("Russia repeated its demand to withdraw from Donetsk.")
    assert "RETREAT" not in {e["type"] for e in evs}


def test_past_event_without_time_is_undated(run):
    doc, evs = run("Talks resumed on Monday. Earlier, Keir Starmer met Volodymyr Zelensky in London.")
    met = [e for e in evs if e["trigger"] == "met"]
    assert met and met[0]["date"] is None


def test_lead_sentence_event_takes_publication_date(run):
    doc, evs = run("Keir Starmer met Volodymyr Zelensky in London. The two discussed guarantees.",
                   published="2025-03-02")
    assert evs[0]["date"] == "2025-03-02"


def test_headline_present_tense_takes_publication_date(run):
    doc, evs = run("Starmer meets Zelensky in London\nThe two leaders discussed security guarantees.",
                   published="2025-03-02")
    assert evs[0]["date"] == "2025-03-02"


def test_no_participant_no_event(run):
    doc, evs = run("The talks were long and difficult.")
    assert evs == []


def test_one_event_per_sentence(run):
    doc, evs = run("Marco Rubio held talks with Sergei Lavrov, and the negotiations with Lavrov lasted hours.")
    assert len([e for e in evs if e["type"] == "CONSULT"]) == 1


def test_accusation_from_statement(run):
    doc, evs = run("According to Volodymyr Zelensky, Russia has launched a new disinformation campaign.")
    acc = [e for e in evs if e["type"] == "ACCUSE"]
    assert acc and acc[0]["actors"] == {"Volodymyr Zelensky"} and acc[0]["targets"] == {"Russia"}


def test_two_party_subject_by_phone(run):
    doc, evs = run("Donald Trump and Vladimir Putin spoke by phone on Tuesday.")
    assert len(evs) == 1
    assert evs[0]["mode"] == "phone" and {"Donald Trump", "Vladimir Putin"} <= parts(evs[0])


def test_compound_trigger_uses_its_phrase(run):
    doc, evs = run("Germany announced a new military aid package for Ukraine.")
    aid = [e for e in evs if e["type"] == "AID"]
    assert aid and aid[0]["actors"] == {"Germany"} and aid[0]["targets"] == {"Ukraine"}


def test_place_named_before_talks_is_location(run):
    doc, evs = run("Russia and Ukraine resumed the Istanbul talks.")
    consult = [e for e in evs if e["type"] == "CONSULT"]
    assert consult and consult[0]["location"] == "Istanbul"
    assert "Istanbul" not in parts(consult[0])


def test_status_from_governing_verbs(run):
    doc, evs = run("Vladimir Putin and Donald Trump agreed to meet in Budapest.")
    assert [e["status"] for e in evs if e["trigger"] == "meet"] == ["planned"]
    doc, evs = run("Washington gave Ukraine a deadline to accept the deal with Russia.")
    assert all(e["status"] != "occurred" for e in evs if e["trigger"] == "accept")
    doc, evs = run("A source told Reuters that Ukraine would not accept the deal with Russia.")
    assert [e["status"] for e in evs if e["trigger"] == "accept"] == ["negated"]


def test_dateline_is_no_participant(run):
    doc, evs = run("WASHINGTON (Reuters) - Donald Trump hosted Volodymyr Zelensky at the White House on Friday.")
    assert evs and evs[0]["actors"] == {"Donald Trump"}
    assert "Reuters" not in parts(evs[0]) and "Washington" not in parts(evs[0])


def test_headline_glued_to_lead_keeps_lead_subject(run):
    doc, evs = run("Kiev and Moscow trade blame over energy strikes\nRussia launched a large drone "
                   "attack on Ukraine's energy system overnight, Ukrainian officials said on Friday.",
                   published="2025-12-05")
    att = [e for e in evs if e["trigger"] == "attack"]
    assert att and "Russia" in att[0]["actors"]


def test_sat_down_for_talks_is_a_consultation(run):
    _, evs = run("US and Ukrainian negotiators sat down in Geneva on Sunday for talks on a plan.",
                 published="2025-11-23")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert ev["status"] == "occurred" and ev["location"] == "Geneva" and ev["date"] == "2025-11-23"
    assert len(parts(ev)) == 2


def test_attending_the_meeting_joins_the_meeting_reported_before(run):
    _, evs = run("Vladimir Putin met Steve Witkoff at the Kremlin on Tuesday. "
                 "Kirill Dmitriev also attended the meeting.", published="2025-12-03")
    last = [e for e in evs if e["type"] == "CONSULT"][-1]
    assert last["trigger"] == "meeting"
    assert parts(last) == {"Vladimir Putin", "Steve Witkoff", "Kirill Dmitriev"}
    assert last["date"] == "2025-12-02"


def test_talks_at_a_place_with_nobody_named_are_a_mention(run):
    _, evs = run("The talks in Geneva ended on Monday with a revised framework.",
                 published="2025-11-24")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert ev["location"] == "Geneva" and not parts(ev) and ev["date"] == "2025-11-24"


def test_participle_after_reported_speech_is_the_speakers_act(run):
    _, evs = run("President Volodymyr Zelensky said on Wednesday that Ukraine would not withdraw its "
                 "troops, rejecting the demand Moscow repeated.", published="2025-12-03")
    ev = next(e for e in evs if e["type"] == "REJECT")
    assert "Volodymyr Zelensky" in ev["actors"]


def test_second_verb_of_a_glued_headline_line_keeps_its_subject(run):
    _, evs = run("Envoy arrives in Moscow ahead of Kremlin meeting\nUS envoy Steve Witkoff landed in "
                 "Moscow on Tuesday morning and was met by Kirill Dmitriev, state media reported.",
                 published="2025-12-02")
    ev = next(e for e in evs if e["trigger"] == "met")
    assert {"Steve Witkoff", "Kirill Dmitriev"} <= parts(ev)
    assert ev["location"] == "Moscow" and ev["date"] == "2025-12-02"


def test_headline_present_takes_the_body_date_and_also_takes_the_previous_date(run):
    _, evs = run("Putin receives Witkoff and Kushner at the Kremlin\n"
                 "President Vladimir Putin met Steve Witkoff and Jared Kushner at the Kremlin on "
                 "Tuesday evening. Putin also spoke with Yuri Ushakov.", published="2025-12-03")
    consult = [e for e in evs if e["type"] == "CONSULT"]
    assert consult[0]["trigger"] == "receives" and consult[0]["date"] == "2025-12-02"
    also = next(e for e in consult if e["trigger"] == "spoke")
    assert also["date"] == "2025-12-02"


def test_he_in_what_a_person_said_is_that_person(run):
    _, evs = run("President Volodymyr Zelensky said on Sunday that he had held a call with "
                 "Steve Witkoff.", published="2025-12-07")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert parts(ev) == {"Volodymyr Zelensky", "Steve Witkoff"}


def test_speaker_at_a_meeting_took_part_in_it_on_the_day_of_the_report(run):
    _, evs = run('Foreign Minister Sergei Lavrov said at a meeting of NATO foreign ministers '
                 'in Brussels that the war must end.', published="2025-12-03")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert parts(ev) == {"Sergei Lavrov", "NATO"}
    assert ev["location"] == "Brussels" and ev["date"] == "2025-12-03"


def test_attack_on_a_states_property_targets_the_state(run):
    _, evs = run("Russia launched a large drone and missile attack on Ukraine's energy system "
                 "overnight, officials said on Friday.", published="2025-12-05")
    ev = next(e for e in evs if e["type"] == "ASSAULT")
    assert ev["actors"] == {"Russia"} and ev["targets"] == {"Ukraine"}


def test_talks_held_between_two_parties_at_a_place(run):
    _, evs = run("Talks were held between Russian and Ukrainian delegations in Istanbul on Friday.",
                 published="2025-12-03")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert len(parts(ev)) == 2 and ev["location"] == "Istanbul" and ev["date"] == "2025-11-28"


def test_the_two_sides_are_the_parties_of_the_meeting_before(run):
    _, evs = run("Sergei Lavrov met Marco Rubio in Riyadh on Tuesday. The two sides discussed "
                 "security guarantees.", published="2025-12-03")
    ev = next(e for e in evs if e["trigger"] == "discussed")
    assert parts(ev) == {"Sergei Lavrov", "Marco Rubio"}


def test_a_mention_of_talks_takes_the_parties_of_a_later_report_there(run):
    _, evs = run("The talks in Geneva ended on Monday with a revised framework. US and Ukrainian "
                 "officials met in Geneva for a second day.", published="2025-11-24")
    ev = evs[0]
    assert ev["trigger"] == "talks" and len(parts(ev)) == 2 and ev["location"] == "Geneva"


def test_talks_that_involved_officials_and_were_held_at_a_place(run):
    _, evs = run("The talks, held in Abu Dhabi on Friday, involved Russian and Ukrainian military "
                 "officials.", published="2025-12-03")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert len(parts(ev)) == 2 and ev["location"] == "Abu Dhabi" and ev["date"] == "2025-11-28"


def test_place_at_the_end_of_a_between_phrase(run):
    _, evs = run("Negotiations took place between the delegations of Ukraine and the United States "
                 "in Geneva on Sunday.", published="2025-12-03")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert parts(ev) == {"Ukraine", "United States"} and ev["location"] == "Geneva"


def test_a_time_in_a_relative_clause_on_the_place_is_another_events(run):
    _, evs = run("Steve Witkoff arrived in Moscow, where he will meet Vladimir Putin on Tuesday.",
                 published="2025-12-01")
    ev = next(e for e in evs if e["trigger"] == "arrived")
    assert ev["date"] == "2025-12-01" and ev["location"] == "Moscow"


def test_where_clause_on_a_place_is_the_events_place_and_he_its_subject(run):
    _, evs = run("US envoy Steve Witkoff arrived in Moscow, where he will meet Vladimir Putin on "
                 "Tuesday.", published="2025-12-01")
    ev = next(e for e in evs if e["trigger"] == "meet")
    assert parts(ev) == {"Steve Witkoff", "Vladimir Putin"} and ev["location"] == "Moscow"
    assert ev["status"] == "planned" and ev["date"] == "2025-12-02"


def test_a_meeting_as_a_topic_has_not_taken_place(run):
    _, evs = run("Dmitry Peskov said it was too early to talk about a meeting between Vladimir Putin "
                 "and Volodymyr Zelensky.", published="2025-12-03")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert ev["status"] == "hypothetical"


def test_a_meeting_the_present_is_ahead_of_is_planned(run):
    _, evs = run("Steve Witkoff arrives in Moscow ahead of a meeting with Vladimir Putin.",
                 published="2025-12-02")
    ev = next(e for e in evs if e["trigger"] == "meeting")
    assert ev["status"] == "planned"


def test_topic_talks_nouns_are_no_consultations(run):
    _, evs = run("Moldova trade talks live: ministers arrive\n"
                 "Welcome to our live coverage of the Moldova trade talks. Farmers want "
                 "subsidies to continue while the talks continue. Chisinau was waiting for a "
                 "briefing from Bucharest. Moldova is open to further contacts with Romania.")
    assert [e for e in evs if e["type"] == "CONSULT"] == []


def test_talks_nouns_with_holder_date_place_or_two_parties_stay(run):
    _, evs = run("Moldova held talks with Romania. The talks in Vienna were useful. "
                 "Last week's talks ended late. Moldova's talks with Romania were tense.")
    consults = [e for e in evs if e["type"] == "CONSULT"]
    assert len(consults) >= 3
    assert any(e["location"] == "Vienna" for e in consults)


def test_negated_agree_without_counterpart_is_dropped(run):
    _, evs = run("Moldova would not accept any deal made behind its back.")
    assert not [e for e in evs if e["type"] == "AGREE"]


def test_called_a_person_is_a_phone_consultation(run):
    _, evs = run("Prime Minister Petr Fiala has called Maia Sandu this morning.")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert ev["mode"] == "phone" and ev["actors"] == {"Petr Fiala"} and ev["targets"] == {"Maia Sandu"}
    _, evs = run("Petr Fiala called Maia Sandu a reliable partner.")
    assert not [e for e in evs if e["type"] == "CONSULT"]


def test_spent_hours_with_a_person_is_a_meeting(run):
    _, evs = run("Maia Sandu spent three hours with Petr Fiala in Prague on Monday.")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert ev["mode"] == "meet" and parts(ev) == {"Maia Sandu", "Petr Fiala"}
    _, evs = run("Maia Sandu spent the money with Petr Fiala's approval.")
    assert not [e for e in evs if e["type"] == "CONSULT"]


def test_launched_drones_on_places_is_an_assault_on_them(run):
    _, evs = run("Yesterday the enemy launched more than 300 drones on Lviv region and Rivne.")
    ev = next(e for e in evs if e["type"] == "ASSAULT")
    assert ev["actors"] == set()  # "the enemy" names nobody
    assert len(ev["targets"]) == 2
    _, evs = run("The agency launched a new website for Lviv region.")
    assert not [e for e in evs if e["type"] == "ASSAULT"]


def test_thanked_a_state_for_assistance_is_aid_to_the_thanker(run):
    _, evs = run("Maia Sandu thanked Romania for the new package of energy assistance.")
    ev = next(e for e in evs if e["type"] == "AID")
    assert ev["actors"] == {"Romania"}
    assert ev["targets"] and "Romania" not in ev["targets"]
    _, evs = run("Maia Sandu thanked reporters for the questions.")
    assert not [e for e in evs if e["type"] == "AID"]


def test_called_a_person_on_a_day_is_no_call_on_them(run):
    _, evs = run("Petr Fiala called Maia Sandu on Monday.", published="2025-12-03")
    ev = next(e for e in evs if e["trigger"] == "called")
    assert ev["type"] == "CONSULT" and ev["mode"] == "phone" and ev["date"] == "2025-12-01"
    _, evs = run("Petr Fiala called for a ceasefire on Monday.")
    assert [e["type"] for e in evs if e["trigger"] == "called"] == ["REQUEST"]


def test_not_recognizing_is_a_rejection(run):
    _, evs = run("Moldova would not recognize the referendum in Transnistria.")
    ev = next(e for e in evs if e["type"] == "REJECT")
    assert ev["status"] == "occurred" and "Moldova" in ev["actors"]
    _, evs = run("Moldova recognized the new government.")
    assert not [e for e in evs if e["type"] == "REJECT"]


def test_delegation_members_join_the_meeting_on_their_side(run):
    # invented names: the delegation sentences after the lead name who met
    doc, evs = run("French and Brazilian negotiators met in Lisbon on Monday. The French side was "
                   "led by Foreign Minister Pierre Dalmont, who was joined by envoy Claire Vautrin. "
                   "The Brazilian delegation was headed by Joao Ferraz.")
    ev = next(e for e in evs if e["type"] == "CONSULT" and e["location"] == "Lisbon")
    assert {"Pierre Dalmont", "Claire Vautrin", "Joao Ferraz"} <= parts(ev)
    # the side each joins (the state, or its nationality when the text names no state)
    aff = ev["event"].affiliation
    from dossier.nlp.attribution import DocView
    names = {k: v.name for k, v in DocView(doc).entities.items()}
    side = {names[m]: names[p] for m, p in aff.items()}
    assert side["Pierre Dalmont"] == side["Claire Vautrin"] != side["Joao Ferraz"]
    assert side["Pierre Dalmont"].startswith("Fr") and side["Joao Ferraz"].startswith("Bra")
    assert side["Pierre Dalmont"] in parts(ev) and side["Joao Ferraz"] in parts(ev)


def test_who_took_part_and_accompanied_by(run):
    _, evs = run("Prime Minister Anna Kerr met President Luis Orbea in Madrid on Friday. "
                 "Kerr was accompanied by her adviser, Tomas Bell. Ines Roldan, who took part, "
                 "told reporters the talks were useful.")
    ev = next(e for e in evs if e["type"] == "CONSULT" and e["location"] == "Madrid")
    assert {"Anna Kerr", "Luis Orbea", "Tomas Bell", "Ines Roldan"} <= parts(ev)
    assert "Tomas Bell" in ev["actors"]  # on the side of the person accompanied


def test_seat_of_an_institution_is_the_place(run):
    _, evs = run("President Anna Kerr met the envoy Tomas Bell at the White House on Tuesday.")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    assert ev["location"] == "White House" and "White House" not in parts(ev)


def test_two_subjects_of_one_verb_both_take_part(run):
    _, evs = run("Energy Minister Tomas Varga and Foreign Minister Ilse Berger reached an "
                 "agreement in Graz on Thursday. The meeting was their first in person.")
    agree = next(e for e in evs if e["type"] == "AGREE")
    assert {"Tomas Varga", "Ilse Berger"} <= parts(agree)
    # the meeting the agreement came out of: its parties, place and day
    meet = next(e for e in evs if e["type"] == "CONSULT")
    assert {"Tomas Varga", "Ilse Berger"} <= parts(meet)
    assert meet["location"] == "Graz" and meet["date"] == agree["date"]


def test_the_meeting_was_opened_by(run):
    _, evs = run("Talks between the delegations of Chile and Peru opened today in Lima. "
                 "The meeting was opened by Bolivian Foreign Minister Ana Rocha.")
    ev = next(e for e in evs if e["type"] == "CONSULT" and e["location"] == "Lima")
    assert "Ana Rocha" in parts(ev)


def test_talks_ended_by_a_participle_and_counted_in_days(run):
    _, evs = run("Chile and Peru agreed on Monday to exchange prisoners, ending two days of talks "
                 "in Lima. Bolivia and Paraguay signed a protocol on Tuesday after two days of "
                 "talks in Asuncion.", published="2025-03-04")
    talks = [e for e in evs if e["type"] == "CONSULT"]
    assert any({"Chile", "Peru"} <= parts(e) for e in talks)
    # "after two days of talks in Asuncion": the talks held there, mentioned in passing
    assert any((e["location"] or "").startswith("Asunci") for e in talks), talks


def test_who_mediates(run):
    doc, evs = run("Chile and Peru held talks mediated by Norway in Lima on Monday.")
    ev = next(e for e in evs if e["type"] == "CONSULT")
    from dossier.nlp.attribution import DocView
    names = {k: v.name for k, v in DocView(doc).entities.items()}
    assert [names[m] for m in ev["event"].mediators] == ["Norway"]
    assert {"Chile", "Peru", "Norway"} <= parts(ev)


def test_prisoner_exchange_and_halted_transit(run):
    _, evs = run("Chile and Peru exchanged 300 prisoners of war on Monday. Bolivia stopped gas "
                 "transit to Paraguay on Tuesday. A joint statement released by the ministry "
                 "said talks would continue.")
    concede = [e for e in evs if e["type"] == "CONCEDE"]
    assert len(concede) == 1 and {"Chile", "Peru"} <= parts(concede[0])
    sanction = [e for e in evs if e["type"] == "SANCTION"]
    assert len(sanction) == 1 and sanction[0]["actors"] == {"Bolivia"}


def test_agency_in_a_long_dateline_is_no_party(nlp):
    doc = nlp("BOROVOE, Kazakhstan, Nov 4 (Steppe Wire) - Kyrgyzstan and Tajikistan agreed on Wednesday "
              "to pull heavy weapons back from their border.")
    names = {e.id: e.name for e in doc._.entities}
    agree = [v for v in doc._.events if v.type == "AGREE"]
    assert agree
    parties = {names.get(x) for v in agree for x in v.actors + v.targets}
    assert "Steppe Wire" not in parties
    assert {"Kyrgyzstan", "Tajikistan"} <= parties
