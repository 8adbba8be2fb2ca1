"""Component `dossier_gazetteer` (placeholder: registered, does nothing yet)."""
from spacy.language import Language


@Language.factory("dossier_gazetteer")
def make_gazetteer(nlp, name):
    def component(doc):
        return doc
    return component
