"""Component `dossier_times` (placeholder: registered, does nothing yet)."""
from spacy.language import Language


@Language.factory("dossier_times")
def make_times(nlp, name):
    def component(doc):
        return doc
    return component
