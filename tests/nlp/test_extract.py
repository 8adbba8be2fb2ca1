"""extract_documents: in process and in worker processes, the same records in input order."""
from dossier.nlp import extract_documents
from dossier.records import Document


def _docs(n):
    return [Document(id=f"d{i}", raw_text="", published="2025-12-02",
                     text=f"Report {i}\nZelensky met Trump in Paris on Monday. "
                          f"He said the talks went well.") for i in range(n)]


def test_worker_processes_give_the_same_records_in_order():
    docs = _docs(5)
    alone = [x.to_json() for x in extract_documents(docs)]
    workers = [x.to_json() for x in extract_documents(docs, batch_size=2, n_process=2)]
    assert [x["doc"]["id"] for x in workers] == [d.id for d in docs]
    assert workers == alone
    assert any(e["type"] == "PERSON" for e in alone[0]["entities"])


def test_streams_lazily():
    def endless():
        i = 0
        while True:
            yield _docs(1)[0]
            i += 1
    first = next(iter(extract_documents(endless(), batch_size=1)))
    assert first.doc.id == "d0"


def test_agency_tag_between_slashes_is_a_token(nlp):
    assert [t.text for t in nlp.make_doc("MOSCOW, May 5 /TASS/. Talks")][-5:] == ["/", "TASS", "/", ".", "Talks"]
    assert "https://x.org/AB/cd" in [t.text for t in nlp.make_doc("see https://x.org/AB/cd now")]


def _title_doc(title, body):
    return Document(id="t1", raw_text="", published="2027-03-12", title=title,
                    text=title + "\n" + body)


def test_a_title_line_without_final_punctuation_is_not_glued_to_the_body(nlp):
    from dossier.nlp.extract import mark_title_line
    title = "Envoy Brask in Palmora: talks fixed for Monday"
    body = ("The Minister of Foreign Affairs of Portugal, Mr. Anton Brask, has been received "
            "this Friday at Lisbon by the Minister of Defence, Mr. Pieter Valk.")
    doc = nlp.make_doc(title + "\n" + body)
    mark_title_line(doc, title)
    sents = [s.text.strip() for s in nlp(doc).sents]
    assert sents[0] == title and sents[1].startswith("The Minister of Foreign Affairs")
    x = next(iter(extract_documents([_title_doc(title, body)]))).to_json()
    names = {e["id"]: e["name"] for e in x["entities"]}
    met = [e for e in x["events"] if e["type"] == "CONSULT" and e["trigger"] == "received"]
    assert met and {names[a] for a in met[0]["actors"] + met[0]["targets"]} == {
        "Anton Brask", "Pieter Valk"}


def test_a_body_opening_with_a_dateline_or_a_punctuated_title_keeps_its_parse(nlp):
    from dossier.nlp.extract import mark_title_line
    for title, body in (("Envoy in Palmora", "LISBON, March 12 (Wire) - The envoy arrived."),
                        ("Envoy arrives.", "The envoy arrived.")):
        doc = nlp.make_doc(title + "\n" + body)
        mark_title_line(doc, title)
        assert all(t.is_sent_start is None for t in doc[1:]), title
