"""Long documents extracted in parts (issue #16).

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters) and its parser's
memory grows with the text, so a report longer than ``PART_CHARS`` is cut into parts at
paragraph boundaries (else line, sentence, space), each part is extracted as if it were a
document, and the parts' extractions are joined back into one: offsets shifted into the
full cleaned text, entity, event and statement ids renumbered, and an entity named the
same way (same type and name) in several parts made one entity. What the text says across
a part boundary (a pronoun for a name in the previous part) is not linked.

``in_parts(extract)`` wraps a streaming extractor, ``one_in_parts(extract_one)`` the
one-document fallback; documents under the limit pass through untouched.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import replace
from typing import Callable, Iterable, Iterator

from .records import Document, Entity, Event, Extraction, Mention, Statement, TimeExpr

PART_CHARS = 100_000  # characters per part: well under spaCy's max_length, bounded memory
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"),
           re.compile(r"\s"))


def split_spans(text: str, limit: int = PART_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive parts covering ``text``, each at most ``limit``
    characters, cut after the last paragraph break (else line, sentence end, space) in
    the second half of the window."""
    if len(text) <= limit:
        return [(0, len(text))]
    spans, start, n = [], 0, len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = None
        for pattern in _BREAKS:
            last = None
            for m in pattern.finditer(window, limit // 2):
                last = m
            if last is not None:
                cut = start + last.end()
                break
        if cut is None or cut <= start:
            cut = start + limit
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


def part_document(doc: Document, start: int, end: int, k: int) -> Document:
    """Part ``k`` of ``doc`` (text ``doc.text[start:end]``) as a document of its own."""
    return replace(doc, id=f"{doc.id}#part{k}", text=doc.text[start:end],
                   raw_text=doc.text[start:end], repairs=[], meta={})


def _span(d: dict, shift: int) -> dict:
    return {k: (v + shift if k in ("start", "end") and isinstance(v, int) else v)
            for k, v in (d or {}).items()}


def _key(e: Entity) -> tuple[str, str]:
    return e.type, " ".join(e.name.lower().split())


def merge_parts(doc: Document, spans: list[tuple[int, int]], parts: list[Extraction]
                ) -> Extraction:
    """One extraction of ``doc`` from those of its parts (see the module docstring)."""
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], Entity] = {}
    times: list[TimeExpr] = []
    events: list[Event] = []
    statements: list[Statement] = []
    for (shift, _end), ext in zip(spans, parts):
        ids: dict[str, str] = {}
        for e in ext.entities:
            mentions = [Mention(start=m.start + shift, end=m.end + shift, text=m.text,
                                kind=m.kind) for m in e.mentions]
            same = by_key.get(_key(e))
            if same is None:
                same = replace(e, id=f"e{len(entities) + 1}", mentions=mentions,
                               aliases=list(e.aliases), roles=list(e.roles))
                entities.append(same)
                by_key[_key(e)] = same
            else:
                same.mentions.extend(mentions)
                same.aliases.extend(a for a in e.aliases if a not in same.aliases)
                same.roles.extend(r for r in e.roles if r not in same.roles)
                same.country = same.country or e.country
            ids[e.id] = same.id

        def ref(x: str | None) -> str | None:
            return ids.get(x, x) if x is not None else None

        def refs(xs: list[str]) -> list[str]:
            return [ids.get(x, x) for x in xs]

        for t in ext.times:
            times.append(replace(t, start=t.start + shift, end=t.end + shift))
        for v in ext.events:
            events.append(replace(v, id=f"v{len(events) + 1}",
                                  actors=refs(v.actors),
                                  targets=refs(v.targets),
                                  location=ref(v.location), evidence=_span(v.evidence, shift),
                                  trigger_span=_span(v.trigger_span, shift)))
        for s in ext.statements:
            statements.append(replace(s, id=f"s{len(statements) + 1}", speaker=ref(s.speaker),
                                      about=refs(s.about),
                                      content_span=_span(s.content_span, shift)))
    for e in entities:
        e.mentions.sort(key=lambda m: (m.start, m.end))
    return Extraction(doc=doc, entities=entities, times=times, events=events,
                      statements=statements)


def in_parts(extract: Callable[[Iterable[Document]], Iterator[Extraction]],
             limit: int = PART_CHARS) -> Callable[[Iterable[Document]], Iterator[Extraction]]:
    """``extract`` (a stream of documents to a stream of extractions, in order) taking
    long documents in parts: one extraction per input document still comes out."""
    def run(docs: Iterable[Document]) -> Iterator[Extraction]:
        held: deque[tuple[Document, list[tuple[int, int]]]] = deque()

        def feed() -> Iterator[Document]:
            for doc in docs:
                spans = split_spans(doc.text, limit)
                held.append((doc, spans))
                if len(spans) == 1:
                    yield doc
                else:
                    for k, (a, b) in enumerate(spans, 1):
                        yield part_document(doc, a, b, k)

        results = iter(extract(feed()))
        for first in results:
            doc, spans = held.popleft()
            if len(spans) == 1:
                yield first
                continue
            parts = [first] + [next(results) for _ in spans[1:]]
            yield merge_parts(doc, spans, parts)

    return run


def one_in_parts(extract_one: Callable[[Document], Extraction], limit: int = PART_CHARS
                 ) -> Callable[[Document], Extraction]:
    """``extract_one`` taking a long document in parts."""
    def run(doc: Document) -> Extraction:
        spans = split_spans(doc.text, limit)
        if len(spans) == 1:
            return extract_one(doc)
        return merge_parts(doc, spans, [extract_one(part_document(doc, a, b, k))
                                        for k, (a, b) in enumerate(spans, 1)])
    return run
