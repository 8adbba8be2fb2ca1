"""Component `dossier_statements` (placeholder: registered, does nothing yet)."""
from spacy.language import Language


@Language.factory("dossier_statements")
def make_statements(nlp, name):
    def component(doc):
        return doc
    return component
