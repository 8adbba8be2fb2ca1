"""A small store with hand-built extractions, resolved (shared by analyze and CLI tests)."""
from dossier.records import Document, Entity, Event, Extraction, Statement
from dossier.resolve import rebuild
from dossier.store import open_store


def _doc(doc_id, published, source, text, copy_of=None):
    return Document(id=doc_id, text=text, raw_text=text, published=published, source=source,
                    copy_of=copy_of)


def _people():
    return [Entity("e1", "Steve Witkoff", "PERSON", ["Steve Witkoff", "Witkoff"], ["US special envoy"], "USA"),
            Entity("e2", "Vladimir Putin", "PERSON", ["Vladimir Putin", "Putin"], ["President"], "RUS"),
            Entity("e3", "Moscow", "GPE", ["Moscow"], [], "RUS", lat=55.75, lon=37.62),
            Entity("e4", "Yuri Ushakov", "PERSON", ["Yuri Ushakov", "Ushakov"], ["presidential aide"], "RUS")]


def build_store(path):
    t1 = "Witkoff met Putin in Moscow on Tuesday. Ushakov said the plan has 27 points."
    t2 = "Vitkoff and Putin held talks in Moscow. Ushakov said the plan has 20 points now."
    t3 = t2 + " (syndicated)"
    exs = []
    for did, pub, src, text, copy in (("a", "2025-12-02", "Harbor Wire", t1, None),
                                      ("b", "2025-12-03", "Kyiv Ledger", t2, None),
                                      ("b2", "2025-12-03", "Northern Standard", t3, "b")):
        ents = _people()
        if did != "a":
            ents[0] = Entity("e1", "Vitkoff", "PERSON", ["Vitkoff"], [], None)
        ev_end = text.index(".") + 1
        evs = [Event("v1", "CONSULT", "met", ["e1"], ["e2"], "e3", "2025-12-02" if did == "a" else None,
                     "occurred", "meet", {"start": 0, "end": ev_end})]
        start = text.index("the plan")
        sts = [Statement("s1", "indirect", "said", text[start:text.index(".", start)],
                         {"start": start, "end": text.index(".", start)}, "e4", "Ushakov", pub, ["e2"])]
        exs.append(Extraction(doc=_doc(did, pub, src, text, copy), entities=ents, events=evs,
                              statements=sts))
    store = open_store(str(path))
    for ex in exs:
        store.add_document(ex.doc, ex)
    rebuild(store)
    return store
