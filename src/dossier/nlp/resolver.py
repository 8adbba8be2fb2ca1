"""Component `dossier_resolver` (placeholder: registered, does nothing yet)."""
from spacy.language import Language


@Language.factory("dossier_resolver")
def make_resolver(nlp, name):
    def component(doc):
        return doc
    return component
