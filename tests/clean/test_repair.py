"""Glued-word repair: the glue a machine translation leaves is split, real words and
names never are."""
from pathlib import Path

import pytest

from dossier.clean import clean_document, split_glued
from dossier.clean.repair import find_glued, function_words, repair_glued
from dossier.ingest import read_path

ROOT = Path(__file__).resolve().parents[2]
FOUNDING = ROOT.parent / "shared" / "corpus" / "000_delegation-reports-to-zelensky.txt"
MEANTIME = ROOT.parent / "shared" / "eval" / "meantime-dev" / "corpus"

HARD_WORDS = """
Zelenskyy Zelenskiy Zelensky Umerov Umierov Kushner Hnatov Zaporizhzhia Syrskyi Rustem
disinformation therein Dmitriev Dimitriev Peskov Kyrylo Budanov Stefanishyna Yermak Sybiha
nonetheless whereupon outskirts Zaluzhnyi Kellogg Ushakov herein hereby notwithstanding
Witkoff Vitkoff Kyslytsya Hrynchuk Svyrydenko Shmyhal Kostiantynivka Huliaipole Pokrovsk
Myrnohrad Klymenko Wadephul Hegseth Barrot Kallas Kyivan hereinafter thereupon forthwith
whereof heretofore hereunto inasmuch deoccupation counteroffensive narrowbody winglet
cyberattacks peacekeepers Andrii Oleksandr Volodymyr Medinsky Nebenzia Arakhamia Podolyak
Malyuk Kherson Mariupol Avdiivka Kupiansk Vovchansk Sloviansk Kramatorsk Khmelnytskyi
Dnipropetrovsk Yurii Kirill Abdulrahman Copeland Bertrand Ferdinand Everton Hamilton
Gaither Mather thereto whereby thereof another anyone cannot somewhat theater thesis
heritage herself therapist Lukashenko Shevchenko Tymoshenko Poroshenko Klitschko
""".split()


@pytest.mark.parametrize("word", HARD_WORDS)
def test_real_words_and_names_are_never_split(word):
    assert split_glued(word) is None
    # not even when the word also stands alone in the same text
    text = f"{word} arrived. Later {word} said that {word.lower()} was fine."
    assert find_glued(text) == []


@pytest.mark.parametrize("glued,parts", [
    ("reportedhe", ("reported", "he")),
    ("explainedthat", ("explained", "that")),
    ("saidthe", ("said", "the")),
    ("Kushnerwho", ("Kushner", "who")),
    ("theKremlin", ("the", "Kremlin")),
    ("inKyiv", ("in", "Kyiv")),
    ("theplan", ("the", "plan")),
])
def test_glued_words_split(glued, parts):
    assert split_glued(glued) == parts


def test_name_known_from_the_text_splits_before_a_function_word():
    # "Witkoff" is rare in general English but stands alone elsewhere in the text
    text = "He met envoy Steve Witkoffwhich was planned. Witkoff's trip went ahead."
    fixed, repairs = repair_glued(text)
    assert fixed.startswith("He met envoy Steve Witkoff which was planned.")
    [r] = repairs
    assert (r.original, r.replacement) == ("Witkoffwhich", "Witkoff which")
    assert fixed[r.start:r.end] == "Witkoff which"


def test_unknown_name_alone_is_not_split():
    assert split_glued("Zelenskyyand") is None
    assert split_glued("Zelenskyyand", {"Zelenskyy"}) == ("Zelenskyy", "and")


def test_urls_and_handles_are_left_alone():
    text = "See https://www.harborwire.example/reportedhe and @saidthe or file_saidthe."
    assert repair_glued(text) == (text, [])


def test_offsets_point_into_the_repaired_text():
    text = "Officials reportedhe left. The minister explainedthat talks went on."
    fixed, repairs = repair_glued(text)
    assert fixed == "Officials reported he left. The minister explained that talks went on."
    assert [fixed[r.start:r.end] for r in repairs] == ["reported he", "explained that"]


def test_founding_report_repaired_exactly_twice():
    [raw] = list(read_path(FOUNDING))
    doc = clean_document(raw)
    assert [(r.original, r.replacement) for r in doc.repairs] == [
        ("reportedhe", "reported he"), ("Witkoffwhich", "Witkoff which")]
    for r in doc.repairs:
        assert doc.text[r.start:r.end] == r.replacement
    assert "He is reported he said" in doc.text
    assert "Steve Witkoff which took place" in doc.text


def test_wikinews_texts_need_no_repair():
    files = sorted(MEANTIME.glob("*.txt"))
    if not files:
        pytest.skip("MEANTIME dev corpus not available")
    repaired = []
    for path in files:
        for raw in read_path(path):
            repaired += [r.original for r in clean_document(raw).repairs]
    assert repaired == []


def test_function_words_are_data():
    words = function_words()
    assert {"he", "which", "that", "the", "who"} <= words
    assert all(w == w.lower() and " " not in w for w in words)


def test_second_word_of_a_name_is_not_split_on_frequency_alone():
    # "Sangare" is no English word, but "Sang" + "are" would be a split: after a given
    # name in mid-sentence it is a surname unless the left half stands alone in the text
    text = "The session was opened by the envoy Mariama Sangare, and talks went on."
    assert find_glued(text) == []
    assert split_glued("Sangare") == ("Sang", "are")  # without the context it would split


def test_name_glued_to_a_pronoun_after_a_given_name_still_splits():
    fixed, _ = repair_glued("They met envoy Jared Kushnerwho flew in on Monday.")
    assert "Jared Kushner who" in fixed


def test_place_name_after_an_article_word_is_not_split():
    assert find_glued("The fighting around El Fasher escalated on Monday.") == []
