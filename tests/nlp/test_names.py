"""Name variants: transliterations join, different people never do."""
import pytest

from dossier.names import (canonical_variant, initials, is_variant, name_key, normalize,
                           person_parts, same_person)


@pytest.mark.parametrize("a,b", [
    ("Witkoff", "Vitkoff"), ("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelensky"),
    ("Umerov", "Umierov"), ("Dmitriev", "Dimitriev"), ("Kyiv", "Kiev"), ("Odessa", "Odesa"),
    ("Sergey Lavrov", "Sergei Lavrov"), ("Dmitry Peskov", "Dmitriy Peskov"),
    ("Kharkov", "Kharkiv"),
])
def test_variants_join(a, b):
    assert is_variant(a, b)
    assert is_variant(b, a)


@pytest.mark.parametrize("a,b", [
    ("Rubio", "Ruto"), ("Trump", "Tramp"), ("Zelenska", "Zelensky"), ("Putin", "Patin"),
    ("Kyiv", "Kirov"),
])
def test_different_names_stay_apart(a, b):
    assert not is_variant(a, b)


def test_surname_joins_full_name():
    assert same_person("Umerov", "Rustem Umerov")
    assert same_person("Steve Witkoff", "Vitkoff")
    assert same_person("D. Trump", "Donald Trump")
    assert not same_person("Melania Trump", "Donald Trump")
    assert not same_person("Marco Rubio", "William Ruto")


def test_keys_and_helpers():
    assert name_key("Witkoff") == name_key("Vitkoff")
    assert normalize("The Kremlin's") == "kremlin"
    assert canonical_variant("Kiev") == "Kyiv"
    assert initials("European Union") == "EU"


@pytest.mark.parametrize("a,b", [
    ("Sybiha", "Sybiga"), ("Olga", "Olha"), ("Sergei", "Serhii"), ("Andrei", "Andrii"),
    ("Smirnoff", "Smirnov"), ("Yevgeny", "Evgeny"), ("Syrskyi", "Syrsky"),
    ("Andriy Yermak", "Andrii Yermak"), ("Chrysler", "Chrylser"),
])
def test_more_romanisations(a, b):
    assert is_variant(a, b)


@pytest.mark.parametrize("a,b", [("Hill", "Gill"), ("Lei", "Li"), ("Ruslan Umerov", "Rustem Umerov")])
def test_more_distinct_names(a, b):
    assert not same_person(a, b)


def test_short_given_names():
    assert same_person("Steve Witkoff", "Steven Witkoff")
    assert same_person("Alex Smith", "Alexander Smith")
    assert not same_person("Steve Witkoff", "Stanley Witkoff")


def test_ukrainian_and_russian_given_names():
    assert same_person("Vladimir Zelensky", "Volodymyr Zelenskyy")
    assert same_person("Aleksandr Syrsky", "Oleksandr Syrskyi")
    assert not same_person("Ivan Petrov", "John Petrov")
    assert not same_person("Ruslan Umerov", "Rustem Umerov")


def test_surname_then_initial():
    assert person_parts("Petrenko V.") == (["v"], "petrenko")
    assert same_person("Petrenko V.", "Viktor Petrenko")
    assert not same_person("Petrenko V.", "Anna Petrenko")


@pytest.mark.parametrize("inverted,usual", [
    ("Ivanov Sergei", "Sergei Ivanov"), ("Bekova Aigul", "Aigul Bekova"),
    ("Pashinyan Nikol", "Nikol Pashinyan"), ("Kvirikashvili Giorgi", "Giorgi Kvirikashvili"),
])
def test_surname_written_first(inverted, usual):
    assert same_person(inverted, usual)


@pytest.mark.parametrize("name,given", [
    ("Adrian Smith", "adrian"), ("Julian Assange", "julian"), ("Lev Ivanov", "lev"),
    ("Anna Ivanova", "anna"), ("Bryan Adams", "bryan"),
])
def test_usual_order_kept(name, given):
    assert person_parts(name)[0] == [given]


def test_arabic_compound_names_written_apart_or_joined():
    assert same_person("Khaled Abdel Rahman", "Khalid Abdelrahman")
    assert same_person("Abdul Aziz Hamdan", "Abdulaziz Hamdan")
    assert not same_person("Abdel Rahman Hamdan", "Abdel Aziz Hamdan")


@pytest.mark.parametrize("a,b", [
    ("Tolimani", "Tuleimani"), ("al-Bowairi", "Al Buwairi"), ("Fathallah", "Fathalla"),
    ("Haileselet", "Haileselot"), ("Radošević", "Radoshevich"), ("Radosevic", "Radošević"),
    ("Kovačić", "Kovachich"), ("Đurković", "Djurkovic"), ("Žarković", "Zharkovic"),
])
def test_loose_romanisations(a, b):
    from dossier.names import loose_skeleton, loose_variant
    assert loose_variant(a, b) and loose_variant(b, a)
    assert loose_skeleton(a) == loose_skeleton(b)


@pytest.mark.parametrize("a,b", [
    ("Trump", "Tramp"), ("Hassan", "Hussein"), ("Rubio", "Ruto"), ("Ivanov", "Ivanova"),
    ("Petrovic", "Petrovac"),
])
def test_loose_romanisations_keep_other_names_apart(a, b):
    from dossier.names import loose_variant
    assert not loose_variant(a, b)


def test_loose_first_names():
    from dossier.names import loose_given
    assert loose_given("Abdelkerim", "Abdelkarim") and loose_given("Ahmed", "Ahmad")
    assert loose_given("D.", "Dragana")
    assert not loose_given("Maria", "Mario") and not loose_given("Milan", "Dragana")


def test_hyphenated_and_capitals_first_surnames():
    assert person_parts("Honorine Makita-Ngoyi") == (["honorine"], "makita ngoyi")
    assert person_parts("Makita-Ngoyi") == ([], "makita ngoyi")
    assert person_parts("MAKITA-NGOYI Honorine") == (["honorine"], "makita ngoyi")
    assert person_parts("Jean-Luc Marchetti") == (["jean", "luc"], "marchetti")
    assert person_parts("Nour al-Bowairi") == (["nour"], "al bowairi")
    assert person_parts("UN Envoy Smith")[1] == "smith"
    assert same_person("Makita-Ngoyi", "Honorine Makita-Ngoyi")


def test_the_last_part_of_a_double_surname_alone_is_the_same_person():
    assert same_person("Ngoyi", "Honorine Makita-Ngoyi")


def test_one_fold_three_strengths():
    from dossier.names import key_frame, name_frame, name_key
    # the strict fold is the frame of name_key: one vowel romanised another way meets
    assert name_frame("Karimov", "strict") == name_frame("Karimav", "strict") == "krmv"
    assert key_frame(name_key("Karimov"), "strict") == name_frame("Karimov", "strict")
    # loose: sh for s (a dropped diacritic); the strict fold keeps them apart
    assert name_frame("Novakovich", "loose") == name_frame("Novakovic", "loose")
    assert name_frame("Novakovich", "strict") != name_frame("Novakovic", "strict")
    # speaker: digraphs either way, a final h and an article-free surname
    assert name_frame("Qaddouh", "speaker") == name_frame("Qadduh", "speaker")
    assert name_frame("Mazwish", "speaker") == name_frame("Mezvish", "speaker")
    assert name_frame("", "speaker") == ""


def test_same_given_is_another_form_not_another_name():
    from dossier.names import same_given
    for a, b in [("Zayna", "Zeina"), ("Omar", "Umar"), ("Oleksandr", "Aleksandr"),
                 ("Serhii", "Sergei"), ("Hamed", "Hamid")]:
        assert same_given(a, b), (a, b)
    for a, b in [("Hassan", "Hussein"), ("Omar", "Amir"), ("Karim", "Karam"),
                 ("Mahmoud", "Mohamed"), ("Marek", "Marcin"), ("Maria", "Mario")]:
        assert not same_given(a, b), (a, b)
