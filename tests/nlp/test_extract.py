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
