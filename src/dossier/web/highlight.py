"""Cut an article's text into segments for highlighting, from the extraction's offsets.

Each annotation (an entity mention, a time expression, a statement's content, an event's
trigger or evidence sentence, a glued-word repair) is a ``[start, end)`` range in
``Document.text``. Overlapping ranges are flattened: the text is cut at every boundary
and each piece carries the classes, tooltip and link of every annotation covering it.
Pieces stay plain strings: the template escapes each one (autoescape), so no markup from
the article can get through.
"""
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Annotation:
    start: int
    end: int
    kind: str  # ent | time | stmt | event | trigger | repair
    css: str  # extra class, e.g. the entity type
    title: str
    href: str | None = None


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    title: str = ""
    href: str | None = None

    @property
    def css(self) -> str:
        return " ".join(self.classes)


def annotations(ext, entity_href: Callable[[str], str | None] | None = None) -> list[Annotation]:
    """Annotations of an ``Extraction`` (entities, times, statements, events, repairs)."""
    out: list[Annotation] = []
    names = {e.id: e.name for e in ext.entities}
    for ent in ext.entities:
        href = entity_href(ent.id) if entity_href else None
        for m in ent.mentions:
            kind = getattr(m, "kind", "name")
            label = f"{ent.type}: {ent.name}" + (f" ({kind})" if kind != "name" else "")
            out.append(Annotation(m.start, m.end, "ent", f"ent-{ent.type.lower()}", label, href))
    for t in ext.times:
        out.append(Annotation(t.start, t.end, "time", "time", f"time: {t.value or '?'}"))
    for s in ext.statements:
        span = s.content_span or {}
        if "start" in span and "end" in span:
            who = s.speaker_text or names.get(s.speaker or "", "") or "unattributed"
            out.append(Annotation(span["start"], span["end"], "stmt", f"stmt-{s.kind}",
                                  f"statement ({s.kind}) by {who}"))
    for v in ext.events:
        ev = v.evidence or {}
        if "start" in ev and "end" in ev:
            out.append(Annotation(ev["start"], ev["end"], "event", "event",
                                  f"event {v.type} ({v.status})"
                                  + (f" on {v.date}" if v.date else "")))
        tr = v.trigger_span or {}
        if "start" in tr and "end" in tr:
            out.append(Annotation(tr["start"], tr["end"], "trigger", "trigger",
                                  f"{v.type} trigger: {v.trigger}"))
    for r in ext.doc.repairs:
        out.append(Annotation(r.start, r.end, "repair", "repair",
                              f"repaired: {r.original!r} -> {r.replacement!r}"))
    return out


def segments(text: str, anns: list[Annotation]) -> list[Segment]:
    """Cut ``text`` at every annotation boundary; each piece lists what covers it."""
    n = len(text)
    good: list[tuple[int, int, Annotation]] = []
    for item in anns:
        try:
            s, e = max(0, int(item.start)), min(n, int(item.end))
        except (TypeError, ValueError):
            continue
        if s < e:
            good.append((s, e, item))
    cuts = sorted({0, n, *(s for s, _, _ in good), *(e for _, e, _ in good)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [ann for s, e, ann in good if s <= a and e >= b]
        if not cover:
            out.append(Segment(text[a:b]))
            continue
        classes: list[str] = []
        for ann in cover:
            for c in (ann.kind, ann.css):
                if c not in classes:
                    classes.append(c)
        # the narrowest entity mention wins the link
        ents = sorted((ann for ann in cover if ann.href), key=lambda x: x.end - x.start)
        out.append(Segment(text[a:b], classes, " | ".join(dict.fromkeys(x.title for x in cover)),
                           ents[0].href if ents else None))
    return out


def highlight(ext, entity_href: Callable[[str], str | None] | None = None) -> list[Segment]:
    return segments(ext.doc.text, annotations(ext, entity_href))


def plain(text: str) -> list[Segment]:
    return [Segment(text)]


def _mark_terms(text: str, terms: list[str]) -> list[dict[str, Any]]:
    """Split ``text`` around case-insensitive occurrences of ``terms`` (search snippets)."""
    import re

    terms = [t for t in terms if t]
    if not terms:
        return [{"text": text, "hit": False}]
    rx = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                    re.IGNORECASE)
    out, pos = [], 0
    for m in rx.finditer(text):
        if m.start() > pos:
            out.append({"text": text[pos:m.start()], "hit": False})
        out.append({"text": m.group(0), "hit": True})
        pos = m.end()
    if pos < len(text):
        out.append({"text": text[pos:], "hit": False})
    return out


mark_terms = _mark_terms


def snippet_pieces(snippet: str, terms: list[str]) -> list[dict[str, Any]]:
    """A search snippet as pieces: the store marks hits ``[like this]`` (FTS5 ``snippet``,
    PostgreSQL ``ts_headline``); without markers, the query terms are marked instead."""
    import re

    parts = re.split(r"\[([^\[\]\n]{1,80})\]", snippet)
    if len(parts) == 1:
        return _mark_terms(snippet, terms)
    return [{"text": p, "hit": i % 2 == 1} for i, p in enumerate(parts) if p]
