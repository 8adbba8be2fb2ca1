"""``Store`` implements ``StoreProtocol`` method by method, with the same parameters; the
query library and the resolvers are written against the protocol."""
from __future__ import annotations

import inspect

from dossier.store import Store, StoreProtocol, open_store


def _methods(cls):
    return {n: f for n, f in vars(cls).items() if callable(f) and not n.startswith("_")}


def test_store_has_every_protocol_method_with_its_parameters():
    for name, proto in _methods(StoreProtocol).items():
        impl = getattr(Store, name, None)
        assert impl is not None, f"Store lacks {name}"
        want = list(inspect.signature(proto).parameters.values())
        got = list(inspect.signature(impl).parameters.values())
        assert [(p.name, p.kind, p.default) for p in want] == \
            [(p.name, p.kind, p.default) for p in got], name


def test_an_open_store_is_a_store_protocol(tmp_path):
    with open_store(str(tmp_path / "kb.db")) as store:
        assert isinstance(store, StoreProtocol)


def test_the_query_library_takes_the_protocol():
    from dossier import analyze
    from dossier.resolve import rebuild
    for fn in (analyze.timeline, analyze.entities, analyze.claims, analyze.search, rebuild):
        assert inspect.signature(fn).parameters["store"].annotation == "StoreProtocol"
