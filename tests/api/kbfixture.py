"""Stores for the API and web tests.

``build_sample_store(path)`` ingests the bundled sample plus one hostile report (markup and
quote-breaking strings in its title and body) with the real pipeline. ``build_handmade_store``
writes a small knowledge base of records by hand through the real store, with the same
hostile strings in every text field; it needs no spaCy model and is used when the pipeline
is not available.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from dossier.records import (CanonicalEntity, Claim, Document, Entity, Event, Extraction,
                             Mention, Repair, Statement, TimeExpr, TimelineItem)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample"
STORIES = ROOT / "eval" / "corpus" / "stories"  # the multi-story development set

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTE = '"><svg onload=alert(1)>'
HOSTILE_ID = "999_hostile-report"
ODD_ID = "wire/2025 item?x=1#frag"  # ids from JSONL or feeds may hold any character
HOSTILE_TITLE = f'Talks {QUOTE} resume'
HOSTILE_BODY = (f"Marco Rubio met Rustem Umerov in Geneva on Monday. {SCRIPT} "
                f"The delegation said {IMG} that progress was made.\n\n"
                f"Umerov said the talks were \"productive {QUOTE}\" and would continue.\n")


def write_hostile_report(directory: Path) -> Path:
    """The hostile report in the founding input format."""
    path = Path(directory) / f"{HOSTILE_ID}.txt"
    path.write_text(f"date 2025-12-08 {HOSTILE_TITLE}\nsource Evil {QUOTE} Wire\n"
                    f"{HOSTILE_BODY}", encoding="utf-8")
    return path


_SAMPLE_CACHE: dict[str, Any] = {}


def build_sample_store(db: str, tmp: Path, corpus: Path | None = None,
                       kind: str = "sample") -> dict:
    """Ingest ``corpus`` (the bundled sample by default) and the hostile report into the
    SQLite store ``db`` (ingested once per test session and corpus, then copied)."""
    from dossier.pipeline import ingest
    from dossier.store import open_store

    cached = _SAMPLE_CACHE.get(kind)
    if cached and Path(cached["db"]).exists():
        shutil.copyfile(cached["db"], db)
        return {"summary": cached["summary"], "hostile_id": HOSTILE_ID, "kind": kind}
    hostile = write_hostile_report(tmp)
    with open_store(db) as store:
        summary = ingest([str(corpus or SAMPLE), str(hostile)], store, progress=False)
    cache_dir = tempfile.mkdtemp(prefix=f"dossier-{kind}-kb-")
    atexit.register(shutil.rmtree, cache_dir, True)
    cache = Path(cache_dir) / "kb.db"
    shutil.copyfile(db, cache)  # closed store: the WAL is checkpointed into the file
    _SAMPLE_CACHE[kind] = {"db": str(cache), "summary": summary}
    return {"summary": summary, "hostile_id": HOSTILE_ID, "kind": kind}


def sample_store_or_skip(db: str, tmp: Path) -> dict:
    """``build_sample_store`` (an import error fails the test: every stage is built)."""
    return build_sample_store(db, tmp)


def _span(text: str, piece: str) -> tuple[int, int]:
    i = text.index(piece)
    return i, i + len(piece)


def build_handmade_store(db: str) -> dict:
    """A small knowledge base written record by record (no NLP)."""
    from dossier.store import open_store

    text1 = ("US envoy Steve Witkoff met Rustem Umerov in Geneva on 23 November. "
             "Witkoff said that the framework has 27 points. The talks were reportedhe said "
             "productive.\n\nUmerov thanked the American side.")
    text2 = ("Steve Vitkoff and Rustem Umerov held talks in Geneva, Kyiv Ledger reported. "
             "According to Umerov, the framework has 20 points.")
    text3 = HOSTILE_BODY
    docs = [
        Document(id="001_geneva", text=text1, raw_text=text1, title="Geneva talks open",
                 published="2025-11-23", source="Harbor Wire",
                 repairs=[Repair(*_span(text1, "reported he"), "reportedhe", "reported he")]
                 if "reported he" in text1 else []),
        Document(id="002_geneva-ledger", text=text2, raw_text=text2,
                 title="Ledger: Geneva talks", published="2025-11-24", source="Kyiv Ledger"),
        Document(id=HOSTILE_ID, text=text3, raw_text=text3, title=HOSTILE_TITLE,
                 published="2025-12-08", source=f"Evil {QUOTE} Wire",
                 url="javascript:alert(1)"),
    ]
    # the repair in text1: the cleaned text says "reported he"; keep the raw glued form
    docs[0].text = docs[0].text.replace("reportedhe said", "reported he said")
    docs[0].repairs = [Repair(*_span(docs[0].text, "reported he"), "reportedhe", "reported he")]
    t1 = docs[0].text

    def ment(text, piece, kind="name"):
        s, e = _span(text, piece)
        return Mention(s, e, piece, kind)

    ex1 = Extraction(doc=docs[0], entities=[
        Entity("e1", "Steve Witkoff", "PERSON", ["Steve Witkoff", "Witkoff"], ["US envoy"], "USA",
               [ment(t1, "Steve Witkoff"), ment(t1, "Witkoff said")]),
        Entity("e2", "Rustem Umerov", "PERSON", ["Rustem Umerov", "Umerov"], [], "UKR",
               [ment(t1, "Rustem Umerov")]),
        Entity("e3", "Geneva", "GPE", ["Geneva"], [], "CHE", [ment(t1, "Geneva")]),
    ], times=[TimeExpr(*_span(t1, "23 November"), "23 November", "2025-11-23")],
        events=[Event("v1", "CONSULT", "met", ["e1"], ["e2"], "e3", "2025-11-23",
                      evidence=dict(zip(("start", "end"), _span(t1, t1.split(". ")[0]))),
                      trigger_span=dict(zip(("start", "end"), _span(t1, "met"))))],
        statements=[Statement("s1", "indirect", "said", "the framework has 27 points",
                              dict(zip(("start", "end"), _span(t1, "the framework has 27 points"))),
                              "e1", "Witkoff", "2025-11-23", [])])
    # fix mention of "Witkoff said" to cover only the name
    ex1.entities[0].mentions[1].end = ex1.entities[0].mentions[1].start + len("Witkoff")
    ex1.entities[0].mentions[1].text = "Witkoff"
    ex2 = Extraction(doc=docs[1], entities=[
        Entity("e1", "Steve Vitkoff", "PERSON", ["Steve Vitkoff"], [], "USA",
               [ment(text2, "Steve Vitkoff")]),
        Entity("e2", "Rustem Umerov", "PERSON", ["Rustem Umerov", "Umerov"], [], "UKR",
               [ment(text2, "Rustem Umerov")]),
    ], events=[Event("v1", "CONSULT", "held talks", ["e1", "e2"], [], None, "2025-11-23",
                     evidence={"start": 0, "end": text2.index(".") + 1})])
    ex3 = Extraction(doc=docs[2], entities=[
        Entity("e1", f"Marco {QUOTE} Rubio", "PERSON", ["Marco Rubio"], [], "USA",
               [ment(text3, "Marco Rubio")]),
        Entity("e2", "Rustem Umerov", "PERSON", ["Rustem Umerov", "Umerov"], [], "UKR",
               [ment(text3, "Rustem Umerov")]),
    ], times=[TimeExpr(*_span(text3, "on Monday"), "on Monday", "2025-12-08")],
        events=[Event("v1", "CONSULT", "met", ["e1"], ["e2"], None, "2025-12-08",
                      evidence={"start": 0, "end": text3.index(SCRIPT) + len(SCRIPT)})],
        statements=[Statement("s1", "direct", "said", f"productive {QUOTE}",
                              dict(zip(("start", "end"), _span(text3, f"productive {QUOTE}"))),
                              "e2", "Umerov", "2025-12-08", [])])
    witkoff = CanonicalEntity("ent_witkoff", "Steve Witkoff", "PERSON",
                              ["Steve Witkoff", "Witkoff", "Steve Vitkoff"], "USA",
                              ["001_geneva", "002_geneva-ledger"],
                              [{"role": "US envoy", "date": "2025-11-23", "doc": "001_geneva"}],
                              members=[{"doc": "001_geneva", "entity": "e1"},
                                       {"doc": "002_geneva-ledger", "entity": "e1"}])
    umerov = CanonicalEntity("ent_umerov", "Rustem Umerov", "PERSON", ["Rustem Umerov", "Umerov"],
                             "UKR", ["001_geneva", "002_geneva-ledger", HOSTILE_ID],
                             members=[{"doc": "001_geneva", "entity": "e2"},
                                      {"doc": "002_geneva-ledger", "entity": "e2"},
                                      {"doc": HOSTILE_ID, "entity": "e2"}])
    geneva = CanonicalEntity("ent_geneva", "Geneva", "GPE", ["Geneva"], "CHE", ["001_geneva"],
                             members=[{"doc": "001_geneva", "entity": "e3"}],
                             lat=46.2, lon=6.15)
    rubio = CanonicalEntity("ent_rubio", f"Marco {QUOTE} Rubio", "PERSON",
                            ["Marco Rubio", SCRIPT], "USA", [HOSTILE_ID],
                            conflicts=[{"name": IMG, "doc": HOSTILE_ID, "reason": SCRIPT}],
                            members=[{"doc": HOSTILE_ID, "entity": "e1"}])
    items = [
        TimelineItem("evt_geneva", "2025-11-23", "CONSULT", "meet", "occurred",
                     "Steve Witkoff met Rustem Umerov in Geneva",
                     ["Steve Witkoff", "Rustem Umerov"], ["ent_witkoff", "ent_umerov"], "Geneva",
                     ["001_geneva", "002_geneva-ledger"], 2, ["clm_27"],
                     [{"doc": "001_geneva", "event": "v1", "source": "Harbor Wire",
                       "evidence": ex1.events[0].evidence, "location": "ent_geneva"},
                      {"doc": "002_geneva-ledger", "event": "v1", "source": "Kyiv Ledger",
                       "evidence": ex2.events[0].evidence}]),
        TimelineItem("evt_hostile", "2025-12-08", "CONSULT", "meet", "occurred",
                     f"{SCRIPT} {IMG} {QUOTE}",
                     [f"Marco {QUOTE} Rubio", "Rustem Umerov"], ["ent_rubio", "ent_umerov"],
                     None, [HOSTILE_ID], 1, [],
                     [{"doc": HOSTILE_ID, "event": "v1", "source": f"Evil {QUOTE} Wire",
                       "evidence": ex3.events[0].evidence}]),
        TimelineItem("evt_undated", "XXXX-11-27", "AGREE", None, "planned",
                     "An agreement is planned", ["Rustem Umerov"], ["ent_umerov"], None,
                     ["001_geneva"], 1),
    ]
    claims = [
        Claim("clm_27", "the framework has 27 points", "Steve Witkoff", "ent_witkoff", "indirect",
              "2025-11-23", "001_geneva", ["Harbor Wire"], ["001_geneva"], 1, [],
              [{"doc": "001_geneva", "statement": "s1", "content": "the framework has 27 points",
                "source": "Harbor Wire"}],
              [{"claim": "clm_20", "kind": "number", "this": "27", "other": "20",
                "evidence": [{"doc": "002_geneva-ledger",
                              "text": "According to Umerov, the framework has 20 points."}]}]),
        Claim("clm_20", "the framework has 20 points", "Rustem Umerov", "ent_umerov", "indirect",
              "2025-11-24", "002_geneva-ledger", ["Kyiv Ledger"], ["002_geneva-ledger"], 1, [],
              [{"doc": "002_geneva-ledger", "statement": "s1",
                "content": "the framework has 20 points", "source": "Kyiv Ledger"}],
              [{"claim": "clm_27", "kind": "number", "this": "20", "other": "27",
                "evidence": [{"doc": "001_geneva", "text": "the framework has 27 points"}]}]),
        Claim("clm_hostile", f"productive {QUOTE} {SCRIPT}", "Rustem Umerov", "ent_umerov",
              "direct", "2025-12-08", HOSTILE_ID, [f"Evil {QUOTE} Wire"], [HOSTILE_ID], 1,
              [f"Marco {QUOTE} Rubio"],
              [{"doc": HOSTILE_ID, "statement": "s1", "content": f"{IMG} productive",
                "source": f"Evil {QUOTE} Wire"}]),
    ]
    with open_store(db) as store:
        for doc, ext in zip(docs, (ex1, ex2, ex3)):
            store.add_document(doc, ext)
        odd = Document(id=ODD_ID, text="A wire item with an odd id.", raw_text="x",
                       title="Odd id", source="Feed")
        store.add_document(odd)  # no extraction: shown as plain text
        store.replace_resolution([witkoff, umerov, geneva, rubio], items, claims)
    return {"summary": None, "hostile_id": HOSTILE_ID, "kind": "handmade"}
