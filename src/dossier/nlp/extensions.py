"""The ``Doc`` extensions our components read and write (declared once, here).

Set before the pipeline runs (by ``extract``):
  ``doc._.published``  ISO date of publication or None
  ``doc._.doc_id``     the document id
  ``doc._.source``     the outlet the document names as its source, or None
Filled by components, in pipeline order:
  ``doc._.entities``      list[Entity] (resolver)        ``doc._.token_entity`` {token i: entity id}
  ``doc._.times``         list[TimeExpr] (times)         ``doc._.token_time``   {token i: index in times}
  ``doc._.statements``    list[Statement] (statements)
  ``doc._.events``        list[Event] (events)
Spans: ``span._.role`` title/role text attached to a person or organisation mention.
"""
from spacy.tokens import Doc, Span

_DOC = {
    "published": None, "doc_id": None, "source": None,
    "entities": None, "token_entity": None,
    "times": None, "token_time": None,
    "statements": None, "events": None,
}


def register() -> None:
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("role"):
        Span.set_extension("role", default=None)


register()
