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


SHARED_LISTS = "shared_lists"


def expand_shared_lists(doc: dict) -> dict:
    """A JSON data file's content with its named shared lists written out: a file that
    repeats a list defines it once under ``"shared_lists": {name: [...]}`` and writes
    ``"@name"`` where it is used, as a value (the list) or as an item of a list (its items,
    in place). A shared list may use another defined before it. A new structure: the cached
    file stays as read. E303 for an unknown name."""
    shared: dict[str, list] = {}
    for name, items in doc.get(SHARED_LISTS, {}).items():
        shared[name] = _expanded(items, shared)
    return {k: _expanded(v, shared) for k, v in doc.items() if k != SHARED_LISTS}


def _expanded(node: Any, shared: dict[str, list]) -> Any:
    if isinstance(node, dict):
        return {k: _expanded(v, shared) for k, v in node.items()}
    if isinstance(node, list):
        out: list = []
        for x in node:
            if isinstance(x, str) and x.startswith("@"):
                out.extend(_shared(x, shared))
            else:
                out.append(_expanded(x, shared))
        return out
    if isinstance(node, str) and node.startswith("@"):
        return _shared(node, shared)
    return node


def _shared(ref: str, shared: dict[str, list]) -> list:
    if ref[1:] not in shared:
        raise DossierError(E.E303, path=ref, detail="no such shared list")
    return list(shared[ref[1:]])


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
