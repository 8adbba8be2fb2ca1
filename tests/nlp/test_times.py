"""dossier_times: finding time expressions and valuing them (dossier.nlp.timeval)."""
import pytest

from dossier.nlp.timeval import resolve_time

PUB = "2025-12-02"  # a Tuesday, ISO week 2025-W49


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text, published=PUB):
        doc = nlp.make_doc(text)
        doc._.published = published
        doc = nlp(doc)
        return doc
    return _run


def found(doc):
    return [(t.text, t.value) for t in doc._.times]


def value_of(doc, text):
    hits = [t.value for t in doc._.times if t.text == text]
    assert hits, f"{text!r} not found in {found(doc)}"
    return hits[0]


# ------------------------------------------------------------------ absolute

@pytest.mark.parametrize("text,value", [
    ("The attack took place on December 1.", "2025-12-01"),
    ("Talks resumed on Dec. 2 in Geneva.", "2025-12-02"),
    ("The decree was signed on 1 December 2025.", "2025-12-01"),
    ("The war began in earnest in 2022.", "2022"),
    ("The plant was closed in March 2008.", "2008-03"),
    ("Russia invaded on Feb. 24, 2022, and the war goes on.", "2022-02-24"),
    ("The line had held since October.", "2025-10"),
])
def test_absolute(run, text, value):
    doc = run(text)
    assert [v for _, v in found(doc)] == [value]
    assert doc._.times[0].anchor in ("absolute", "publication")


def test_range_of_years_gives_each_year(run):
    assert found(run("Deliveries are planned between 2014 and 2016.")) == [("2014", "2014"), ("2016", "2016")]


# ------------------------------------------------------------------ relative to publication

@pytest.mark.parametrize("text,expr,value", [
    ("Zelensky met Macron on Monday.", "Monday", "2025-12-01"),
    ("The envoy arrived in Moscow on Tuesday.", "Tuesday", "2025-12-02"),
    ("The Kremlin said yesterday that it had not seen the plan.", "yesterday", "2025-12-01"),
    ("Officials confirmed today that talks continue.", "today", "2025-12-02"),
    ("The draft was circulated last week.", "last week", "2025-W48"),
    ("Prices rose earlier this month.", "earlier this month", "2025-12"),
    ("Elections could be held next year.", "next year", "2026"),
    ("Exports fell last month.", "last month", "2025-11"),
    ("The leaders will meet this weekend.", "this weekend", "2025-W49-WE"),
    ("The first round was held two weeks ago.", "two weeks ago", "2025-11-18"),
    ("Sales fell 42% last year.", "last year", "2024"),
])
def test_relative_to_publication(run, text, expr, value):
    doc = run(text)
    assert value_of(doc, expr) == value
    assert [t.anchor for t in doc._.times if t.text == expr] == ["publication"]


def test_weekday_follows_tense(run):
    # published on a Tuesday: past → the most recent such day, future → the next one
    assert value_of(run("Umerov met Witkoff on Friday."), "Friday") == "2025-11-28"
    assert value_of(run("Umerov will meet Witkoff on Friday."), "Friday") == "2025-12-05"
    assert value_of(run("Umerov is scheduled to meet Witkoff on Friday."), "Friday") == "2025-12-05"
    # the day of publication itself counts as the most recent one
    assert value_of(run("Witkoff landed in Moscow on Tuesday."), "Tuesday") == "2025-12-02"


def test_present_tense_through_an_event_noun_does_not_look_ahead(run):
    # published on a Thursday: "says ... after the meeting on Tuesday" is that week's Tuesday
    doc = run("Headline\nThe minister says she expects answers after the envoy's meeting with "
              "the president on Tuesday.", "2025-12-04")
    assert value_of(doc, "Tuesday") == "2025-12-02"
    # the verb itself in the present tense still looks ahead
    doc = run("Headline\nThe vote takes place on Friday.", "2025-12-04")
    assert value_of(doc, "Friday") == "2025-12-05"


def test_month_day_without_year_follows_tense_across_new_year(run):
    assert value_of(run("The talks took place on Dec. 30.", "2026-01-03"), "Dec. 30") == "2025-12-30"
    assert value_of(run("The talks will resume on Jan. 10.", "2025-12-20"), "Jan. 10") == "2026-01-10"


# ------------------------------------------------------------------ relative to another date

def test_founding_example_anchors(run):
    doc = run("Zelenskyy briefs team on conversations which took place the day before in Paris. "
              "On the afternoon of December 1, Zelenskyy had a conversation with Vitkoff, who is "
              "scheduled to leave for Moscow the next day.")
    assert value_of(doc, "the day before") == "2025-12-01"       # no date before it: publication
    assert doc._.times[0].anchor == "publication"
    assert value_of(doc, "December 1") == "2025-12-01"
    assert value_of(doc, "the next day") == "2025-12-02"          # December 1 + 1
    assert [t.anchor for t in doc._.times if t.text == "the next day"] == ["text"]


def test_anchor_in_previous_sentence(run):
    doc = run("Sybiha spoke with Rubio on Nov. 20. Two days later, he flew to Brussels. "
              "The following week, he was in Washington.")
    assert value_of(doc, "Nov. 20") == "2025-11-20"
    assert value_of(doc, "Two days later") == "2025-11-22"
    assert value_of(doc, "The following week") == "2025-W48"


def test_spacy_short_span_is_extended(run):
    doc = run("The president said the day before that a lot of work remained.")
    assert [t.text for t in doc._.times] == ["the day before"]


# ------------------------------------------------------------------ X and null

def test_unknown_publication_gives_x_digits_or_null(run):
    doc = run("The talks on Dec. 4 followed a call on Monday. The accord of 12 March 2024 stands.", None)
    assert value_of(doc, "Dec. 4") == "XXXX-12-04"
    assert value_of(doc, "Monday") is None
    assert value_of(doc, "12 March 2024") == "2024-03-12"


# ------------------------------------------------------------------ what is not a date

@pytest.mark.parametrize("text", [
    "He has served as minister for two years and spent three days in Moscow.",
    "Putin, 73, met the envoy for five hours.",
    "We may see progress, and we will see.",
    "The company reported results for the first quarter of 2025.",
    "More than 2000 troops were deployed.",
])
def test_not_dates(run, text):
    assert found(run(text)) == []


def test_may_the_month_is_a_date_but_the_modal_is_not(run):
    doc = run("We may meet again in May.")
    assert found(doc) == [("May", "2026-05")]


# ------------------------------------------------------------------ the doc extensions

def test_offsets_and_token_map(run):
    doc = run("Talks opened in Geneva on Sunday and ended on Monday.")
    times = doc._.times
    assert [t.text for t in times] == ["Sunday", "Monday"]
    assert all(doc.text[t.start:t.end] == t.text for t in times)
    assert times == sorted(times, key=lambda t: t.start)
    by_text = {doc[i].text: j for i, j in doc._.token_time.items()}
    assert by_text == {"Sunday": 0, "Monday": 1}


# ------------------------------------------------------------------ the plain function

def test_resolve_time_function():
    assert resolve_time("last Tuesday", PUB) == "2025-11-25"
    assert resolve_time("next Monday", PUB) == "2025-12-08"
    assert resolve_time("Friday", PUB, tense="future") == "2025-12-05"
    assert resolve_time("Friday", PUB, tense="past") == "2025-11-28"
    assert resolve_time("Dec. 4", None) == "XXXX-12-04"
    assert resolve_time("the day before", PUB, anchor="2025-11-20") == "2025-11-19"
    assert resolve_time("a week ago", "2011-03-18") == "2011-03-11"
    assert resolve_time("mid-2011", PUB) == "2011-06"
    assert resolve_time("for three days", PUB) is None
    assert resolve_time("we", PUB) is None


# ------------------------------------------------------------------ more forms

@pytest.mark.parametrize("text,expr,value", [
    ("Zelensky said over the weekend that talks would go on.", "over the weekend", "2025-W48-WE"),
    ("Earlier in the week, the minister visited Kyiv.", "Earlier in the week", "2025-W49"),
    ("A spokesman said on Friday, Nov. 28, that no date was set.", "Friday, Nov. 28", "2025-11-28"),
    ("The decree was published on 2025/11/20.", "2025/11/20", "2025-11-20"),
    ("The Boeing was unveiled on 7/8/07.", "7/8/07", "2007-07-08"),
    ("The offensive was halted by mid-March 2025.", "mid-March 2025", "2025-03"),
])
def test_more_forms(run, text, expr, value):
    assert value_of(run(text), expr) == value


def test_following_morning_counts_from_the_date_before(run):
    doc = run("The operation began at dawn on Nov. 29 and ended the following morning.")
    assert value_of(doc, "the following morning") == "2025-11-30"


def test_unresolvable_expression_is_left_out_when_publication_is_known(run):
    assert found(run("The ceasefire held for the rest of the week.")) == []


def test_present_tense_weekday_looks_ahead_but_not_in_a_headline(run):
    assert value_of(run("The vote takes place on Thursday."), "Thursday") == "2025-12-04"
    assert value_of(run("Kremlin says it was not consulted on Monday\nThe Kremlin said so."), "Monday") == "2025-12-01"
    assert value_of(run("Zelensky says he spoke with Macron on Monday."), "Monday") == "2025-12-01"


def test_present_tense_state_keeps_the_nearest_month(run):
    doc = run("As of February, the company accounts for 70% of sales.", "2008-04-09")
    assert value_of(doc, "February") == "2008-02"


def test_holidays(run):
    assert value_of(run("Zelensky hopes for a ceasefire by Christmas."), "Christmas") == "2025-12-25"
    assert value_of(run("Putin will meet Witkoff again on New Year's Eve."), "New Year's Eve") == "2025-12-31"
    assert resolve_time("Thanksgiving", PUB, tense="past") == "2025-11-27"


def test_in_n_units_is_a_date_only_looking_ahead(run):
    assert value_of(run("The talks will resume in two weeks."), "in two weeks") == "2025-12-16"
    assert found(run("The index reached its lowest level in two years.")) == []


def test_week_of_month_and_iso_month(run):
    doc = run("The report covering 2025-11 was published in the first week of December.")
    assert found(doc) == [("2025-11", "2025-11"), ("the first week of December", "2025-W49")]


def test_counted_from_an_event_or_hyphenated_is_not_a_date(run):
    assert found(run("GM's move comes a day after Chrysler released a list.")) == []
    assert found(run("Five years after its launch, the store leads the market.")) == []
    assert found(run("He said that day-to-day operations continued.")) == []


def test_sentence_final_period_stays_out(run):
    doc = run("Talks will resume in December. They met on Monday.")
    assert [t.text for t in doc._.times] == ["December", "Monday"]


def test_dateparser_fallback_only_keeps_what_the_text_says():
    import datetime as dt

    from dossier.nlp.times import _dateparser_fallback
    pub = dt.date(2025, 12, 2)
    assert [x.f["value"] for x in _dateparser_fallback("12.2025", pub)] == ["2025-12"]
    for text in ("1990s", "the 2010s", "2025/26", "33 years", "51"):
        assert _dateparser_fallback(text, pub) == [], text


def test_reported_would_does_not_move_a_date_on_a_noun(run):
    doc = run("Kirill Dmitriev said on Thursday that Russian and American negotiators would keep working "
              "after the Kremlin meeting on Tuesday.", "2025-12-04")
    assert value_of(doc, "Tuesday") == "2025-12-02"
    assert value_of(run("He said he would report to Zelensky on Monday.", "2025-11-30"), "Monday") == "2025-12-01"


def test_no_publication_keeps_null_dates_but_not_durations(run):
    doc = run("It was the lowest level in two years. They will meet in two weeks.", None)
    assert found(doc) == [("in two weeks", None)]
