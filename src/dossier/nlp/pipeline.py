"""Build a language's spaCy pipeline: its model plus our registered components."""
from __future__ import annotations

import functools
import importlib
import logging

import spacy
from spacy.language import Language

from ..errors import DossierError, E
from ..lang import DEFAULT, manifest
from . import extensions  # noqa: F401  (declares Doc extensions)

LOG = logging.getLogger(__name__)

# factory name -> the module that registers it (a manifest may name others: "module")
FACTORY_MODULES = {
    "dossier_gazetteer": "dossier.nlp.gazetteer",
    "dossier_titles": "dossier.nlp.titles",
    "dossier_resolver": "dossier.nlp.resolver",
    "dossier_times": "dossier.nlp.times",
    "dossier_statements": "dossier.nlp.statements",
    "dossier_events": "dossier.nlp.events",
}
_PLACEMENT = ("before", "after", "first", "last")


def _split_agency_slashes(nlp: Language) -> None:
    """An agency's tag between slashes in a dateline ("BAKU, May 5 /TASS/.") is three tokens,
    so the agency's name is a token of its own."""
    from spacy.util import compile_prefix_regex, compile_suffix_regex
    prefixes = list(nlp.Defaults.prefixes or []) + [r"/(?=[A-Z]{2,}/)"]
    suffixes = list(nlp.Defaults.suffixes or []) + [r"(?<=[A-Z]{2})/", r"(?<=[A-Z]{2}/)\."]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search  # type: ignore[union-attr]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]


@functools.lru_cache(maxsize=4)
def load_pipeline(components: tuple[str, ...] | None = None, lang: str = DEFAULT) -> Language:
    """The pipeline of language ``lang`` as its manifest (``data/lang/<lang>/manifest.json``)
    names it: the spaCy model plus our components (all, or the named ones), each configured
    from the manifest; loaded once per process."""
    spec = (manifest(lang) or {}).get("pipeline")
    if not spec:
        raise DossierError(E.E304, detail=lang)
    model = spec["model"]
    try:
        nlp = spacy.blank(model[6:]) if model.startswith("blank:") else spacy.load(model, exclude=[])
    except OSError as exc:
        raise DossierError(E.E301, model=model) from exc
    _split_agency_slashes(nlp)
    for comp in spec.get("components", []):
        name = comp["factory"]
        if components is not None and name not in components:
            continue
        importlib.import_module(comp.get("module") or FACTORY_MODULES[name])  # registers it
        where = {k: comp[k] for k in _PLACEMENT if k in comp
                 and (comp[k] in nlp.pipe_names or isinstance(comp[k], bool))}
        nlp.add_pipe(name, config=comp.get("config") or {}, **where)
    return nlp
