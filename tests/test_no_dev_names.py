"""Nothing the code or its data files use names a person, organisation or outlet that only
the development sets know: rules must generalise, not remember the dev files.

The names are every PERSON and ORG name form in the project's gold sets (eval/gold,
eval/styles, eval/attribution) and the founding report's gold; what is checked is every
string literal in src/dossier (docstrings and comments are prose and not checked) and
every data file under src/dossier/data (its ``_doc``/``_comment`` prose left out).
Well-known institutions that a gazetteer must know (NATO, the Kremlin) are listed in
ALLOWED with the reason.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "dossier"
SHARED = ROOT.parent / "shared"

# real-world bodies and common words a general gazetteer or grammar needs whatever the dev
# sets say; a person or an invented outlet never belongs here
ALLOWED = {
    "nato", "european union", "kremlin", "white house", "pentagon", "senate", "council",
    "commission", "treasury", "house", "air force", "united nations", "red cross",
    "african union", "osce", "icrc", "telegram", "reuters", "associated press", "bbc", "cnn",
    "interfax", "tass", "ria novosti", "axios", "politico", "european commission",
    "state department", "foreign ministry", "defence ministry", "defense ministry",
    "security council", "un security council", "world food programme", "wfp",
    "national security and defense council", "verkhovna rada", "state duma", "bundestag",
    "elysee", "élysée", "downing street", "matignon", "fed", "federal reserve",
    "general staff", "ministry of foreign affairs", "commonwealth of independent states",
    "international committee of the red cross", "bank for international settlements",
    "european central bank", "imf", "world bank", "g7", "g20", "eu", "un", "us", "ap",
    "afp", "agence france-presse", "al jazeera", "ukrinform", "unian", "nbc", "abc",
    "abc news", "cbs", "fox news", "new york times", "washington post", "the guardian",
    "financial times", "wall street journal", "bloomberg", "kyiv independent", "kyiv post",
    "ukrainska pravda", "rbc-ukraine", "suspilne", "ministry of defence", "army",
    "air france", "apple", "apple inc.", "apple computer", "boeing", "ford", "general motors",
    "chrysler", "singapore airlines", "supreme court", "congress", "parliament", "cabinet",
    "government", "police", "navy", "opec", "who", "unicef", "unhcr", "iaea", "eu council",
    "elysee palace", "international monetary fund", "asean", "hamas", "hezbollah",
    "us senate", "house of representatives", "treasury department", "us treasury",
    "national security and defense council of ukraine", "ministry of foreign affairs of ukraine",
    "ministry of energy of ukraine", "russian direct investment fund", "xinhua",
    "lockheed martin", "airbus",
    # regional bodies the gazetteer listed (with AU, ECOWAS, SADC) before a dev set named one
    "eccas", "economic community of central african states",
    "ecowas", "economic community of west african states",
    "ministry of defense",  # US spelling of the allowed "ministry of defence"
    "aurora",  # a stop word of the city gazetteer (a name that is rarely the city)
}

# general-knowledge lists that name many real bodies whatever the dev sets hold: the
# companies gazetteer lists a few hundred widely known companies (weak entries) and is
# not drawn from the dev files
GENERAL_LISTS = {"data/gazetteer/companies.jsonl"}


def _gold_names() -> set[str]:
    files = [*ROOT.glob("eval/gold/*/entities.json")]
    per_doc = [*ROOT.glob("eval/gold/*/*.json"), *ROOT.glob("eval/styles/gold/*.json"),
               *ROOT.glob("eval/attribution/gold/*.json"), *SHARED.glob("eval/dev/*.json")]
    names: set[str] = set()

    def add(e: dict) -> None:
        if e.get("type") in ("PERSON", "ORG"):
            for a in [e.get("name", ""), *e.get("aliases", [])]:
                if isinstance(a, str) and len(a) >= 4:
                    names.add(a.lower())

    for f in files:
        for e in json.loads(f.read_text("utf-8")):
            add(e)
    for f in per_doc:
        data = json.loads(f.read_text("utf-8"))
        if isinstance(data, dict):
            for e in data.get("entities", []):
                add(e)
    return names - ALLOWED


def _code_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _data_strings(path: Path) -> list[str]:
    text = path.read_text("utf-8", errors="replace")
    if path.suffix == ".json":
        out: list[str] = []

        def walk(x, key=None):
            if isinstance(x, dict):
                for k, v in x.items():
                    if not str(k).startswith("_"):
                        out.append(str(k))
                        walk(v, k)
            elif isinstance(x, list):
                for v in x:
                    walk(v)
            elif isinstance(x, str):
                out.append(x)
        walk(json.loads(text))
        return out
    return [line.split("#")[0] for line in text.splitlines()]


def test_no_dev_set_name_in_code_or_data():
    names = _gold_names()
    rx = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                    + r")(?![\w])", re.I)
    found = []
    for path in sorted(SRC.rglob("*")):
        if "vendor" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            strings = _code_strings(path)
        elif path.relative_to(SRC).as_posix() in GENERAL_LISTS:
            continue
        elif "data" in path.relative_to(SRC).parts[:1]:
            strings = _data_strings(path)
        else:
            continue
        for s in strings:
            for m in rx.finditer(s):
                found.append(f"{path.relative_to(ROOT)}: {m.group(0)!r}")
    assert sorted(set(found)) == []
