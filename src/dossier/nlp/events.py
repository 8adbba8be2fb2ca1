"""Component `dossier_events` (placeholder: registered, does nothing yet)."""
from spacy.language import Language


@Language.factory("dossier_events")
def make_events(nlp, name):
    def component(doc):
        return doc
    return component
