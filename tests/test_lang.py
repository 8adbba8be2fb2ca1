"""The language stage: identified when cleaned (a declared language wins), and the pipeline,
repair lists, date parsing and word frequencies chosen through the language's data folder."""
from __future__ import annotations

import json

import pytest
from spacy.language import Language

from dossier import lang as L
from dossier.clean import clean_document
from dossier.errors import DossierError
from dossier.ingest.jsonl import parse_jsonl
from dossier.nlp import extract_documents
from dossier.nlp.pipeline import load_pipeline
from dossier.records import Entity, Mention, RawDocument

GERMAN = ("Bundeskanzler Friedrich Merz hat am Dienstag in Berlin den ukrainischen Präsidenten "
          "Wolodymyr Selenskyj empfangen. Die beiden sprachen über einen möglichen Waffenstillstand "
          "und die Rolle der Vereinigten Staaten bei den Verhandlungen.")
RUSSIAN = ("Президент России Владимир Путин во вторник встретился в Кремле со специальным "
           "посланником США Стивом Уиткоффом. Стороны обсудили американский мирный план.")
ENGLISH = ("Russian President Vladimir Putin met US special envoy Steve Witkoff in the Kremlin on "
           "Tuesday. The two discussed the American peace plan for Ukraine.")


def _raw(text, lang=None, id="r1"):
    return RawDocument(id=id, raw_text=text, title=None, published="2025-12-02", lang=lang)


def test_german_and_russian_reports_are_identified():
    assert clean_document(_raw(GERMAN)).lang == "de"
    assert clean_document(_raw(RUSSIAN)).lang == "ru"
    assert clean_document(_raw(ENGLISH)).lang == "en"


def test_a_declared_language_wins():
    line = json.dumps({"id": "x1", "title": "Talks", "text": ENGLISH, "lang": "fr-FR"})
    raw = next(iter(parse_jsonl(line, base_id="f")))
    assert clean_document(raw).lang == "fr"
    undeclared = json.dumps({"id": "x2", "title": "Gespräche", "text": GERMAN})
    assert clean_document(next(iter(parse_jsonl(undeclared, base_id="f")))).lang == "de"


def test_short_or_unsure_text_counts_as_english():
    assert L.identify("Witkoff met Putin.") == ("en", 0.0)


def test_a_language_without_a_pipeline_is_not_extracted_with_english_guesses(nlp):
    docs = [clean_document(_raw(t, id=f"d{i}")) for i, t in enumerate([ENGLISH, GERMAN, RUSSIAN])]
    en, de, ru = list(extract_documents(docs, nlp=nlp))
    assert [x.doc.lang for x in (en, de, ru)] == ["en", "de", "ru"]
    assert en.entities and "notice" not in en.to_json()["doc"]
    for x in (de, ru):
        assert x.entities == x.events == x.statements == x.times == []
        assert "no pipeline for language" in x.to_json()["doc"]["notice"]
    assert de.doc.repairs == []  # German compounds are not "glued English words"


def test_a_german_report_is_stored_and_searchable(tmp_path, nlp):
    from dossier.pipeline import ingest
    from dossier.store import open_store
    path = tmp_path / "bericht.txt"
    path.write_text("date 2025-12-02 Merz empfängt Selenskyj\n" + GERMAN, "utf-8")
    with open_store(str(tmp_path / "kb.db")) as store:
        summary = ingest([str(path)], store, progress=False, nlp=nlp)
        assert summary.ingested == 1 and "no pipeline for language 'de'" in summary.notices[0]
        doc = store.get_document(summary.ids[0])
        assert doc.lang == "de" and "notice" in doc.meta
        assert store.get_extraction(doc.id).entities == []
        assert [h["id"] for h in store.search("Waffenstillstand")] == [doc.id]


def test_no_pipeline_is_an_error_naming_the_language():
    with pytest.raises(DossierError) as err:
        load_pipeline(lang="de")
    assert err.value.code == "E304" and "'de'" not in str(err.value) and "de" in str(err.value)


@Language.factory("dossier_test_stub", default_config={"label": "PERSON"})
def _stub(nlp, name, label):
    """A stand-in extraction component for the stub language: capitalised words are people."""
    def component(doc):
        doc._.entities = [Entity(id=f"e{i + 1}", name=t.text, type=label,
                                 mentions=[Mention(start=t.idx, end=t.idx + len(t), text=t.text)])
                          for i, t in enumerate(t for t in doc if t.is_title)]
        return doc
    return component


def test_a_language_is_a_data_folder(tmp_path):
    """A stub language package (folder ``xx`` with a manifest) goes through the same path."""
    folder = tmp_path / "xx"
    (folder / "clean").mkdir(parents=True)
    (folder / "clean" / "function_words.txt").write_text("ka\n", "utf-8")
    (folder / "clean" / "determiners.txt").write_text("lo\n", "utf-8")
    (folder / "manifest.json").write_text(json.dumps({
        "lang": "xx", "name": "Stub",
        "pipeline": {"model": "blank:xx", "components": [
            {"factory": "dossier_test_stub", "module": "dossier.nlp.extensions",
             "config": {"label": "PERSON"}}]},
        "repair": {"function_words": "./clean/function_words.txt",
                   "determiners": "./clean/determiners.txt"},
        "wordfreq": "en"}), "utf-8")
    L.add_language_dir(tmp_path)
    try:
        assert L.has_pipeline("xx") and not L.has_pipeline("de")
        from dossier.clean.repair import function_words
        assert function_words("xx") == {"ka"}
        doc = clean_document(_raw("Ama lo Bela ka sumi.", lang="xx"))
        assert doc.lang == "xx" and "notice" not in doc.meta
        (x,) = extract_documents([doc])
        assert [e.name for e in x.entities] == ["Ama", "Bela"]
        assert load_pipeline(lang="xx").pipe_names == ["dossier_test_stub"]
    finally:
        L._EXTRA_DIRS.remove(tmp_path)
        L.manifest.cache_clear()
