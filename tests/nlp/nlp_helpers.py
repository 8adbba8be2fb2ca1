"""Helpers of the nlp tests (imported, not fixtures)."""


def event_rows(nlp, text, published):
    """``text`` through the full pipeline, published on ``published``: the doc and one row
    per event (type, trigger, status, date, mode; actors, targets and both as ``parts``, and
    the location, by entity name; the record itself as ``event``)."""
    from dossier.nlp.attribution import DocView
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    ents = DocView(doc).entities
    rows = []
    for v in doc._.events:
        actors, targets = {ents[a].name for a in v.actors}, {ents[t].name for t in v.targets}
        rows.append({"type": v.type, "trigger": v.trigger, "status": v.status, "date": v.date,
                     "mode": v.mode, "actors": actors, "targets": targets,
                     "parts": actors | targets,
                     "location": ents[v.location].name if v.location else None, "event": v})
    return doc, rows
