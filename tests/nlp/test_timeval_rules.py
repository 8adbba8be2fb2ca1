"""Time values are resolved by one small rule per expression kind (``timeval.RESOLVERS``)."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

from dossier.nlp import timeval

SRC = Path(__file__).resolve().parents[2] / "src" / "dossier"


def test_every_kind_the_grammar_finds_has_a_rule():
    kinds = {kind for kind, _ in timeval.grammar()}
    # "October of next year" is scanned as a month and a relative year
    assert kinds - set(timeval.RESOLVERS) == {"month_rel_year"}
    assert {e.kind for e in timeval.scan("October of next year")} == {"month", "rel_unit"}


def test_the_rules_are_small():
    for kind, rule in timeval.RESOLVERS.items():
        assert len(inspect.getsource(rule).splitlines()) <= 45, kind


def test_functions_stay_under_120_lines():
    """Every function in src/dossier (the project rule: under about 120 lines; no exemptions)."""
    long = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                    and node.end_lineno - node.lineno + 1 > 120:
                long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name}")
    assert long == []
