#!/usr/bin/env python3
"""Store-level (cross-document) entity gold from MEANTIME's cross-document coreference.

  python3 eval/meantime_store_gold.py [--src DIR] [--ids FILE] [--out DIR]

Reads the CAT XML of ``intra_cross-doc_annotation/`` (default: ../shared/datasets/
meantime_en), converts each listed article with the shared converter
(../shared/eval/meantime.py: the same texts, names and heuristics as the per-document
gold in ../shared/eval/meantime-dev), and joins the entities of all articles that share a
MEANTIME instance id (or a DBpedia link) into one cross-document entity:
``entities.json`` = [{"name", "type", "aliases", "documents", "meantime"}]. MEANTIME's
events are not PLOVER events, so ``timeline.json`` is written as [] (not annotated).
Only names are written, never article text. Standard library only.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def load_converter(path: Path):
    spec = importlib.util.spec_from_file_location("meantime_converter", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build(src: Path, ids_file: Path | None, converter) -> list[dict]:
    files = {}
    for p in sorted(src.rglob("*.xml")):
        if "intra_cross-doc_annotation" not in p.parts:
            continue
        k = converter.doc_key(p)
        if k.isdigit():
            files[k] = p
    if ids_file:
        want = converter.read_ids(ids_file)
        files = {k: v for k, v in files.items() if k in want}
    parent: dict[str, str] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    per_key: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    by_dbpedia: dict[tuple[str, str], str] = {}
    for k in sorted(files):
        doc = converter.Doc(files[k])
        _, gold = converter.convert(doc, False, False)
        did = f"mt_{k}"
        for e in gold.get("entities", []):
            mt = e.get("meantime") or {}
            inst = mt.get("instance") or f"{did}:{e['name']}"
            key = f"{e['type'] if e['type'] not in ('GPE', 'LOC') else 'PLACE'}|{inst}"
            find(key)
            per_key[key].append((did, e))
            if mt.get("dbpedia"):
                dk = (key.split("|")[0], mt["dbpedia"])
                if dk in by_dbpedia:
                    union(by_dbpedia[dk], key)
                else:
                    by_dbpedia[dk] = key
    groups: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for key, items in per_key.items():
        groups[find(key)].extend(items)
    out = []
    for root in sorted(groups):
        items = groups[root]
        names = Counter(e["name"] for _, e in items)
        aliases: list[str] = []
        for _, e in items:
            for a in [e["name"], *e.get("aliases", [])]:
                if a not in aliases:
                    aliases.append(a)
        types = Counter(e["type"] for _, e in items)
        out.append({"name": names.most_common(1)[0][0], "type": types.most_common(1)[0][0],
                    "aliases": aliases, "documents": sorted({d for d, _ in items}),
                    "meantime": sorted({(e.get("meantime") or {}).get("instance", "") for _, e in items} - {""})})
    out.sort(key=lambda g: (-len(g["documents"]), g["name"]))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=str(SHARED / "datasets" / "meantime_en"))
    ap.add_argument("--ids", default=str(SHARED / "eval" / "meantime-dev.ids"))
    ap.add_argument("--converter", default=str(SHARED / "eval" / "meantime.py"))
    ap.add_argument("--out", default=str(ROOT / "eval" / "gold" / "meantime-dev"))
    args = ap.parse_args(argv)
    converter = load_converter(Path(args.converter))
    ents = build(Path(args.src), Path(args.ids) if args.ids else None, converter)
    if not ents:
        print("meantime_store_gold.py: no entities (no cross-doc XML found?)", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "entities.json").write_text(json.dumps(ents, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "timeline.json").write_text("[]\n", encoding="utf-8")
    multi = sum(1 for e in ents if len(e["documents"]) > 1)
    print(f"{len(ents)} entities ({multi} in more than one article) -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
