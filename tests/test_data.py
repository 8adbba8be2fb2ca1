"""One loader for the package's data files, and components configured through it."""
from __future__ import annotations

import pytest
import spacy

from dossier import data
from dossier.errors import DossierError


def test_a_missing_file_is_an_error_naming_it():
    with pytest.raises(DossierError) as err:
        data.load_json("resolve/no_such_file.json")
    assert err.value.code == "E303"
    assert "no_such_file.json" in str(err.value)


def test_files_are_read_once_and_parsed():
    a = data.load_json("resolve/thresholds.json")
    assert a is data.load_json("resolve/thresholds.json")
    assert a["timeline"]["undated_max_age_days"] >= 1
    assert "said" in data.load_words("statements/reporting_verbs.txt") or \
        "say" in data.load_words("statements/reporting_verbs.txt")
    assert all(not ln.startswith("#") for ln in data.load_lines("gazetteer/variants.tsv"))
    assert any(rec.get("name") == "Ukraine" for rec in data.load_jsonl("gazetteer/countries.jsonl"))


def test_timeline_weights_come_from_data():
    from dossier.resolve import timeline
    w = timeline.weights()
    assert w == data.load_json("resolve/weights.json")["timeline"]
    assert timeline._w("p1", {"p1": {"type": "PERSON"}}) == w["participant"]["PERSON"]
    assert timeline._w("x", {}) == w["participant"]["other"]


@pytest.mark.parametrize("factory, config", [
    ("dossier_statements", {"reporting_verbs": "statements/missing_verbs.txt"}),
    ("dossier_events", {"triggers": "events/missing_triggers.json"}),
    ("dossier_titles", {"grammar": "titles/missing_titles.json"}),
    ("dossier_times", {"patterns": "times/missing_patterns.json"}),
])
def test_components_read_the_data_their_config_names(factory, config):
    import dossier.nlp.events  # noqa: F401 - registers the factories
    import dossier.nlp.statements  # noqa: F401
    import dossier.nlp.times  # noqa: F401
    import dossier.nlp.titles  # noqa: F401
    nlp = spacy.blank("en")
    with pytest.raises(DossierError) as err:
        nlp.add_pipe(factory, config=config)
    assert next(iter(config.values())).rsplit("/", 1)[1] in str(err.value)


def test_limits_are_one_constant():
    import inspect

    from dossier.api.app import create_app
    from dossier.ingest import url
    from dossier.ingest.sniff import DEFAULT_MAX_BYTES
    from dossier.limits import MAX_BYTES
    from dossier.pipeline import ingest
    assert DEFAULT_MAX_BYTES == url.DEFAULT_MAX_BYTES == MAX_BYTES
    assert inspect.signature(ingest).parameters["max_bytes"].default == MAX_BYTES
    assert inspect.signature(create_app).parameters["max_upload_bytes"].default == MAX_BYTES


def test_event_triggers_name_contract_event_types():
    """A trigger's type is one of the contract's (records.EventType): a new type is added
    there and in data/events/triggers.json together (docs/architecture.md)."""
    from typing import get_args

    from dossier.records import EventType
    trig = data.load_json("events/triggers.json")
    specs = [s for sec in ("verbs", "nouns") for v in trig[sec].values()
             for s in (v if isinstance(v, list) else [v]) if isinstance(s, dict) and "type" in s]
    assert specs and {s["type"] for s in specs} <= set(get_args(EventType))
    assert set(trig["type_preps"]) <= set(get_args(EventType))


def test_shared_lists_expand_in_place():
    """A list defined once under "shared_lists" and written "@name" where it is used."""
    doc = {"_doc": "d", "shared_lists": {"a": ["x", "y"], "b": ["@a", "z"]},
           "verbs": {"v": {"object_lemmas": ["@b"]}, "w": [{"m": ["q", "@a"]}], "u": "@a"}}
    out = data.expand_shared_lists(doc)
    assert out == {"_doc": "d", "verbs": {"v": {"object_lemmas": ["x", "y", "z"]},
                                          "w": [{"m": ["q", "x", "y"]}], "u": ["x", "y"]}}
    assert doc["shared_lists"]["b"] == ["@a", "z"]  # the file as read is left alone
    with pytest.raises(DossierError):
        data.expand_shared_lists({"k": ["@nope"]})


def test_event_triggers_repeat_no_list():
    """data/events/triggers.json defines each long list once (shared_lists)."""
    import json
    trig = data.load_json("events/triggers.json")
    seen: list[str] = []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            if len(x) > 2 and all(isinstance(i, str) for i in x):
                seen.append(json.dumps(x))
            for v in x:
                walk(v)
    walk(trig)
    assert len(seen) == len(set(seen))
    verbs = data.expand_shared_lists(trig)["verbs"]
    assert "prisoner of war" in verbs["exchange"]["object_lemmas"]
