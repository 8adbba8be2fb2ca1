"""The records that flow between Dossier's stages.

ingest → ``RawDocument``; clean → ``Document`` (+ ``Repair``); nlp → ``Extraction``
(``Entity``/``Mention``, ``TimeExpr``, ``Event``, ``Statement``), whose ``to_json`` is
section 1 of the output contract; resolve → ``CanonicalEntity``, ``TimelineItem``,
``Claim``, ``Dispute`` (sections 2 to 4).

Every record is a plain dataclass with ``to_json``/``from_json`` so stages, the store,
worker processes and the HTTP API exchange the same shapes.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

# the contract's closed vocabularies (CONTRACT.md section 1)
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "OTHER"]
EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                    "MOBILIZE", "COERCE", "ASSAULT"]
EventStatus = Literal["occurred", "planned", "hypothetical", "negated"]
StatementKind = Literal["direct", "indirect", "report"]
MentionKind = Literal["name", "title", "pronoun"]

EXTRACT_SCHEMA = "dossier.extract/1"


class _Record:
    """Mixin: JSON round-trip for flat dataclasses (nested records override)."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_json(cls, data: dict[str, Any]):
        names = field_names(cls)
        return cls(**{k: v for k, v in data.items() if k in names})


_NAMES: dict[type, frozenset[str]] = {}


def field_names(cls: type) -> frozenset[str]:
    """A record class's field names (``fields`` walks the class each time: once per loaded
    record, a large part of loading a store's extractions)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
    return names


@dataclass
class RawDocument(_Record):
    """One document as a reader found it, before any cleaning."""

    id: str
    raw_text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    source: str | None = None  # outlet, e.g. "kyivindependent.com"
    url: str | None = None
    origin: str | None = None  # file path (or "-", or feed path#item) it came from
    format: str = "text"  # text | founding | html | rss | atom | jsonl
    lang: str | None = None  # as the report declares it (None: identified when cleaned)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Repair(_Record):
    """A glued-word split: offsets point into the cleaned text."""

    start: int
    end: int
    original: str
    replacement: str


@dataclass
class Document(_Record):
    """A cleaned document: ``text`` is what every offset downstream points into."""

    id: str  # contract doc.id (file stem, or a stable id of the source)
    text: str
    raw_text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str = "en"
    origin: str | None = None
    format: str = "text"
    repairs: list[Repair] = field(default_factory=list)
    content_hash: str = ""  # sha256 of the normalised text: exact-duplicate key
    copy_of: str | None = None  # doc id of the original when a near-duplicate
    similarity: float | None = None  # estimated Jaccard with copy_of
    meta: dict[str, Any] = field(default_factory=dict)

    def doc_json(self) -> dict[str, Any]:
        """The contract's ``doc`` object (``notice``: why it was not extracted, if it was not)."""
        out = {"id": self.id, "title": self.title, "published": self.published,
               "source": self.source, "url": self.url, "lang": self.lang,
               "copy_of": self.copy_of}
        if self.meta.get("notice"):
            out["notice"] = self.meta["notice"]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Document":
        data = dict(data)
        data["repairs"] = [Repair.from_json(r) if isinstance(r, dict) else r
                           for r in data.get("repairs", [])]
        return super().from_json(data)


@dataclass
class Mention(_Record):
    start: int
    end: int
    text: str
    kind: MentionKind = "name"


@dataclass
class Entity(_Record):
    """One real-world referent within one document."""

    id: str  # "e1", "e2", ... within the document
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-3
    mentions: list[Mention] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    # variant spellings joined here that disagree with the canonical name (filled across docs)
    conflicts: list[str] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Entity":
        data = dict(data)
        data["mentions"] = [Mention.from_json(m) if isinstance(m, dict) else m
                            for m in data.get("mentions", [])]
        return super().from_json(data)


@dataclass
class TimeExpr(_Record):
    start: int
    end: int
    text: str
    value: str | None  # ISO date at the precision the text supports, X for unknown digits
    anchor: str | None = None  # publication | text | absolute


@dataclass
class Event(_Record):
    id: str  # "v1", ...
    type: EventType  # PLOVER type
    trigger: str
    actors: list[str] = field(default_factory=list)  # entity ids
    targets: list[str] = field(default_factory=list)
    location: str | None = None  # entity id
    date: str | None = None
    status: EventStatus = "occurred"
    mode: str | None = None
    evidence: dict[str, int] = field(default_factory=dict)  # {"start", "end"}: the sentence
    trigger_span: dict[str, int] = field(default_factory=dict)
    # person id → the party (state, organisation) whose delegation the text puts them in
    affiliation: dict[str, str] = field(default_factory=dict)
    date_inferred: bool = False  # the date is the publication's, not one the text states
    mediators: list[str] = field(default_factory=list)  # entity ids of who mediates
    place_in: str | None = None  # entity id of the wider place the text puts the location in


@dataclass
class Statement(_Record):
    id: str  # "s1", ...
    kind: StatementKind
    cue: str
    content: str
    content_span: dict[str, int] = field(default_factory=dict)
    speaker: str | None = None  # entity id
    speaker_text: str | None = None
    date: str | None = None
    about: list[str] = field(default_factory=list)  # entity ids
    # added fields (contract: add, never rename): what the speaker does with the content
    # (assert | deny | expect | hope | warn | question | demand: dossier.nlp.stance), the
    # outlet that relayed an unnamed source's words (its name as written), and the entity an
    # office, spokesperson, unnamed official or delegation speaks for
    stance: str = "assert"
    source: str | None = None
    on_behalf_of: str | None = None  # entity id


@dataclass
class Extraction(_Record):
    """Everything extracted from one document: section 1 of the contract."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": EXTRACT_SCHEMA,
            "doc": self.doc.doc_json(),
            "text": self.doc.text,
            "repairs": [r.to_json() for r in self.doc.repairs],
            "entities": [e.to_json() for e in self.entities],
            "times": [t.to_json() for t in self.times],
            "events": [v.to_json() for v in self.events],
            "statements": [s.to_json() for s in self.statements],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], document: Document | None = None) -> "Extraction":
        doc = document or Document(id=data["doc"]["id"], text=data.get("text", ""),
                                   raw_text=data.get("text", ""),
                                   title=data["doc"].get("title"),
                                   published=data["doc"].get("published"),
                                   source=data["doc"].get("source"), url=data["doc"].get("url"),
                                   lang=data["doc"].get("lang", "en"),
                                   copy_of=data["doc"].get("copy_of"),
                                   repairs=[Repair.from_json(r) for r in data.get("repairs", [])])
        return cls(
            doc=doc,
            entities=[Entity.from_json(e) for e in data.get("entities", [])],
            times=[TimeExpr.from_json(t) for t in data.get("times", [])],
            events=[Event.from_json(v) for v in data.get("events", [])],
            statements=[Statement.from_json(s) for s in data.get("statements", [])],
        )


# ------------------------------------------------------------------ across documents

@dataclass
class CanonicalEntity(_Record):
    """Section 2 of the contract: one entity across the whole store."""

    id: str  # stable content hash, "ent_…"
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    documents: list[str] = field(default_factory=list)  # doc ids
    roles: list[dict[str, Any]] = field(default_factory=list)  # {"role", "date", "doc"}
    # name forms that joined this entity but disagree with it (wrong first name on a known
    # surname): {"name", "doc", "reason"}
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, str]] = field(default_factory=list)  # {"doc", "entity"}: doc-level ids
    lat: float | None = None
    lon: float | None = None


@dataclass
class TimelineItem(_Record):
    """Section 3 of the contract: one real-world event across reports."""

    id: str  # stable content hash, "evt_…"
    date: str | None
    type: EventType
    mode: str | None
    status: EventStatus
    summary: str
    participants: list[str] = field(default_factory=list)  # canonical entity names
    participant_ids: list[str] = field(default_factory=list)  # canonical entity ids
    location: str | None = None
    documents: list[str] = field(default_factory=list)
    independent_reports: int = 0
    statements: list[str] = field(default_factory=list)  # claim or statement ids
    reports: list[dict[str, Any]] = field(default_factory=list)  # {"doc","event","evidence","source"}
    planned_by: list[str] = field(default_factory=list)  # timeline ids of plans this fulfils
    # reports of one event that disagree (place, participants): {"kind","this","other","evidence"}
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    # what the item's reports say it was: each participant's part ("actor", "target",
    # "host", "member"), a person's delegation ({name: party}), the days and places reports
    # give ({"value", "documents"}), a multi-day span [first, last], and the plans (announced,
    # expected, hypothetical meetings) that it fulfilled: {"id", "status", "date", "summary",
    # "location", "documents", "first_reported"}
    roles: dict[str, str] = field(default_factory=dict)
    affiliations: dict[str, str] = field(default_factory=dict)
    host: str | None = None
    date_range: list[str] | None = None
    dates_reported: list[dict[str, Any]] = field(default_factory=list)
    places_reported: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Claim(_Record):
    """A statement's content as carried across reports, with contradictions."""

    id: str  # stable content hash, "clm_…"
    content: str
    speaker: str | None  # canonical entity name
    speaker_id: str | None = None
    kind: StatementKind = "indirect"
    first_reported: str | None = None  # date
    first_document: str | None = None
    outlets: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    independent_reports: int = 0
    about: list[str] = field(default_factory=list)  # canonical entity names
    reports: list[dict[str, Any]] = field(default_factory=list)  # {"doc","statement","content","source","span"}
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    # {"claim": other id, "kind": number|date|place|participant|name|denial, "this": ...,
    #  "other": ..., "evidence": [{"doc","source","text","claim"}...], "dispute": dispute id,
    #  "claims": every claim on the other side}
    unnamed: bool = False  # the speaker is an unnamed source (``speaker`` describes it)
    speaker_key: str = ""  # e:<entity id> | u:<class>:<country> | d:<description> | ""
    signature: dict[str, Any] = field(default_factory=dict)  # blocking keys (resolve.claims)
    disputes: list[str] = field(default_factory=list)  # ids of the disputes it takes part in


@dataclass
class Dispute(_Record):
    """One point on which reports disagree (a number, a date, a name, a denial), once,
    with the claims (or timeline items, entities) on each side."""

    id: str  # stable content hash, "dsp_…"
    kind: str  # number | date | name | place | participants | denial
    topic: str
    # [{"value", "claims": [ids], "documents": [doc ids], "outlets": [...],
    #   "evidence": [{"doc","source","text","claim"}]}]
    sides: list[dict[str, Any]] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # timeline item ids
    entity: str | None = None  # canonical entity id (name disputes)
    documents: list[str] = field(default_factory=list)
