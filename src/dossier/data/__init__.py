"""The package's data files (lexicons, gazetteers, patterns, thresholds, weights), loaded one way.

Every stage reads its data through these functions, by a path relative to this folder
(``load_json("resolve/thresholds.json")``). Files are read once and cached; a missing or
unreadable file raises ``DossierError(E.E303)`` naming it, never an empty default.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from ..errors import DossierError, E

DATA_DIR = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """The path of data file ``name`` (relative to ``dossier/data``); E303 if it is missing."""
    path = DATA_DIR / name
    if not path.is_file():
        raise DossierError(E.E303, path=str(path), detail="no such file")
    return path


@functools.lru_cache(maxsize=None)
def load_text(name: str) -> str:
    """The text of data file ``name`` (UTF-8)."""
    path = data_path(name)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DossierError(E.E303, path=str(path), detail=str(exc)) from None


@functools.lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """A JSON data file, parsed (cached: treat the result as read-only)."""
    try:
        return json.loads(load_text(name))
    except ValueError as exc:
        raise DossierError(E.E303, path=str(DATA_DIR / name), detail=f"bad JSON: {exc}") from None


@functools.lru_cache(maxsize=None)
def load_jsonl(name: str) -> tuple[Any, ...]:
    """A JSON Lines data file: one parsed record per non-blank line."""
    try:
        return tuple(json.loads(line) for line in load_text(name).splitlines() if line.strip())
    except ValueError as exc:
        raise DossierError(E.E303, path=str(DATA_DIR / name), detail=f"bad JSON line: {exc}") from None


def load_lines(name: str) -> list[str]:
    """The non-blank lines of a text data file that are not ``#`` comments, unstripped."""
    return [ln for ln in load_text(name).splitlines() if ln.strip() and not ln.startswith("#")]


@functools.lru_cache(maxsize=None)
def load_words(name: str) -> frozenset[str]:
    """A word list: one entry a line, lower-cased, ``#`` starting a comment."""
    return frozenset(w for w in (ln.split("#", 1)[0].strip().lower()
                                 for ln in load_text(name).splitlines()) if w)
