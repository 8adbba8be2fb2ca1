"""Imports go one way (spec/DESIGN.md): cli, api/web -> query, pipeline; pipeline -> resolve ->
store; pipeline -> nlp -> clean -> ingest; everything -> the bottom (records, ids, errors,
data loading, the shared name and date helpers).

Read from the source with ``ast`` (imports inside functions count too): a part of the package
may import only the parts listed for it below, directly or through them. A new part must be
placed in ``DEPENDS`` before it can import or be imported.
"""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PKG = SRC / "dossier"

# part -> the parts it may import directly (what they may import is allowed too)
DEPENDS: dict[str, set[str]] = {
    # the bottom
    "errors": set(),
    "ids": set(),
    "records": set(),
    "limits": set(),
    "data": {"errors"},
    "lang": {"data", "errors"},
    "dates": set(),
    "names": {"data"},
    "orgnames": {"data", "names"},  # organisation keys, acronyms, short forms
    "dossier": {"errors", "records"},  # the package's own __init__
    # the stages
    "ingest": {"records", "ids", "errors", "limits", "lang"},
    "clean": {"ingest", "lang", "dates", "names"},
    "nlp": {"clean", "data", "dates", "names", "orgnames", "lang"},
    "store": {"records", "ids", "errors", "dates", "limits"},
    "resolve": {"store", "data", "dates", "names", "orgnames"},
    "distributed": {"nlp"},
    "parts": {"records"},  # long documents extracted in parts
    "pipeline": {"resolve", "nlp", "distributed", "parts"},
    # reading: the query library and what is built on it
    "analyze": {"store", "dates"},
    "query": {"analyze"},
    "web": {"query"},
    "api": {"web", "query", "pipeline"},
    "cli": {"api", "query", "pipeline"},
}


def _closure(part: str, seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    for dep in DEPENDS.get(part, ()):
        if dep not in seen:
            seen.add(dep)
            _closure(dep, seen)
    return seen


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _exists(module: str) -> bool:
    rel = Path(*module.split("."))
    return (SRC / rel).with_suffix(".py").is_file() or (SRC / rel / "__init__.py").is_file()


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every ``dossier`` module a file imports (at any depth), with its line."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # ``from dossier import query``: the module imported is dossier.query
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.append((sub if _exists(sub) else target, node.lineno))
    return [(m, line) for m, line in out if m == "dossier" or m.startswith("dossier.")]


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "dossier"


def _graph() -> dict[str, list[tuple[str, int]]]:
    return {_module_name(p): _imports(p) for p in sorted(PKG.rglob("*.py"))}


def test_every_part_is_placed():
    parts = {_part(m) for m in _graph()}
    assert parts - set(DEPENDS) == set(), "place the new part in DEPENDS (tests/test_layers.py)"


def test_imports_go_down():
    wrong = []
    for module, imports in _graph().items():
        here = _part(module)
        for target, line in imports:
            there = _part(target)
            if there != here and there not in _closure(here):
                wrong.append(f"{module}:{line} imports {target} ({here} may not import {there})")
    assert wrong == []


def test_no_two_parts_import_each_other():
    edges = {(_part(m), _part(t)) for m, imps in _graph().items() for t, _ in imps}
    both = sorted({tuple(sorted(e)) for e in edges if e[0] != e[1] and e[::-1] in edges})
    assert both == []


def test_no_module_cycles():
    """No two modules import each other, directly or round a loop (inside a part too)."""
    graph = {m: sorted({t for t, _ in imps if t != m}) for m, imps in _graph().items()}
    # a package's __init__ re-exporting its modules is not a loop back to itself
    graph = {m: [t for t in ts if not m.startswith(t + ".")] for m, ts in graph.items()}
    cycles, state, stack = [], {}, []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for t in graph.get(m, ()):
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m)
    assert cycles == []


def test_the_checker_sees_upward_and_nested_imports():
    """The rule itself: an import inside a function is read, and an upward one is caught."""
    f = PKG / "store" / "store.py"
    nested = [t for t, line in _imports(f) if line > 30]
    assert "dossier.dates" in nested  # imported inside a method
    assert "pipeline" not in _closure("store") and "store" in _closure("cli")
    assert "resolve" not in _closure("nlp") and "api" not in _closure("web")
