"""Build small Extraction records for resolver tests."""
from dossier.records import Document, Entity, Event, Extraction, Statement


def doc(doc_id, published="2025-12-02", source="example.com", copy_of=None, text=""):
    return Document(id=doc_id, text=text, raw_text=text, published=published, source=source,
                    copy_of=copy_of)


def ent(eid, name, type_="PERSON", aliases=(), roles=(), country=None):
    return Entity(id=eid, name=name, type=type_, aliases=list(aliases) or [name],
                  roles=list(roles), country=country)


def ex(doc_id, entities=(), events=(), statements=(), **kw):
    return Extraction(doc=doc(doc_id, **kw), entities=list(entities), events=list(events),
                      statements=list(statements))


def evt(vid, type_, actors=(), targets=(), location=None, date=None, status="occurred",
        mode=None, evidence=None):
    return Event(id=vid, type=type_, trigger="met", actors=list(actors), targets=list(targets),
                 location=location, date=date, status=status, mode=mode,
                 evidence=evidence or {})


def stm(sid, content, speaker=None, kind="indirect", date=None, about=(), span=None):
    return Statement(id=sid, kind=kind, cue="said", content=content, speaker=speaker,
                     date=date, about=list(about), content_span=span or {})
