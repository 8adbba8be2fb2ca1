"""Component `dossier_titles` (placeholder: registered, does nothing yet)."""
from spacy.language import Language


@Language.factory("dossier_titles")
def make_titles(nlp, name):
    def component(doc):
        return doc
    return component
