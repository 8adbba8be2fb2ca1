"""Component ``dossier_times``: find the expressions that name or imply a date, and value them.

Candidates are spaCy's DATE and TIME entities, extended and completed by Matcher patterns
(``data/times/patterns.json``: "the day before" that NER cuts to "the day", weekday names,
"in 2009", "two weeks ago" ...). Overlapping candidates merge into one region; the grammar of
``dossier.nlp.timeval`` then finds the expressions inside each region (so "between 2014 and
2016" gives two years and "June 17, two days" gives one date) and drops the rest: durations
("for two years"), ages, quarters, seasons.

Values (``timeval.resolve``): absolute dates as written; relative ones against
``doc._.published`` with the tense of their clause (past → the most recent such day, future →
the next one); "the day before", "the next day", "two days later" against the nearest earlier
date in the same or the previous sentence, else publication. dateparser is only a fallback for
DATE entities the grammar does not read (odd formats), never run on free text.

Fills ``doc._.times`` (list[TimeExpr], sorted by start, offsets into ``doc.text``) and
``doc._.token_time`` ({token index: index into doc._.times}).
"""
from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from ..data import load_json
from ..records import TimeExpr
from . import extensions  # noqa: F401
from . import timeval
from .timeval import FUTURE, PAST, PRESENT, TV, Expr, parse_value, to_date

__all__ = ["TimeTagger", "make_times", "resolve_time", "clause_tense"]

resolve_time = timeval.resolve_time

VERBAL = {"VERB", "AUX"}
# kinds that name a date even when nothing in the text values them (no publication date): null
NULL_OK = {"dayword", "weekday", "rel_unit", "ago", "anaphor", "shift", "holiday", "weekend", "the_year",
           "month_rel", "week_of", "in_n"}
NOT_TIME_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT", "LAW"}


@functools.lru_cache(maxsize=4)
def _patterns(name: str = "times/patterns.json") -> list[tuple[str, list[dict]]]:
    lx = timeval.lexicon()
    lists = {
        "months": sorted(set(lx["months"]) | {m + "." for m in lx["months"] if len(m) <= 4}),
        "month_names": sorted(m for m in lx["months"] if len(m) > 3 and m != "may"),
        "year_preps": lx["year_preps"],
        "numbers": sorted(lx["numbers"]),
    }

    def expand(obj):
        if isinstance(obj, dict):
            return {k: expand(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [expand(v) for v in obj]
        if isinstance(obj, str) and obj.startswith("@"):
            return lists[obj[1:]]
        return obj

    raw = load_json(name)
    return [(p["label"], expand(p["pattern"])) for p in raw["patterns"]]


# ------------------------------------------------------------------ tense of a clause

def clause_tense(tok) -> str | None:
    """``"past"``, ``"future"``, ``"present"`` or None: the tense of the clause governing ``tok``.

    The governing verb's auxiliaries decide (will/'ll/shall/going, an infinitive "to" under
    scheduled/expected/plans..., modals → future; a past form or has/had + participle → past);
    a verb that shows no tense of its own takes the one of the clause it depends on; failing
    that, "until Friday" / "by June 10" look forward.
    """
    doc = tok.doc
    if not doc.has_annotation("DEP"):
        return None
    t = tok
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.dep_ == "prep" and not _same_line(doc, tok.i, tok.head.i) \
            and _same_line(doc, prev.i, prev.head.i):
        # a headline glued to the lead ("ministers to meet on Thursday\nKYIV - X spoke"):
        # the date hangs on the lead's noun; its own line's preposition says where it belongs
        t = prev
    nominal = False     # the date hangs on a noun ("the meeting on Tuesday"), not on the verb
    for _ in range(10):
        if t.pos_ in VERBAL and t.dep_ not in ("aux", "auxpass"):
            break
        if t.head is t:
            break
        t = t.head
        if t.pos_ == "NOUN" and not _is_time_word(t):
            nominal = True
    tense = None
    for _ in range(3):
        if t.pos_ not in VERBAL:
            break
        tense = _verb_tense(t, weak_modals=not nominal)
        if tense is not None or t.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acomp") or t.head is t:
            break
        t = t.head
    if tense == PRESENT and nominal:
        # "says he expects answers after the meeting on Tuesday": a present tense reaching
        # the date through a noun says nothing of when that event is; the default decides
        tense = None
    if tense in (None, PRESENT):
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.lower_ in timeval.lexicon()["future_preps"]:
            return FUTURE
    return tense


def _same_line(doc, a: int, b: int) -> bool:
    """No line break between tokens ``a`` and ``b``."""
    lo, hi = min(a, b), max(a, b)
    return not any("\n" in doc[i].text for i in range(lo, hi))


def _is_time_word(t) -> bool:
    return t.lower_ in ("morning", "afternoon", "evening", "night", "day", "week", "weekend", "month", "year")


def _verb_tense(t, weak_modals: bool = True) -> str | None:
    """Tense shown by a verb and its auxiliaries; ``weak_modals``: would/could/may also mean future
    (not for a date on a noun: "would keep working after the meeting on Tuesday")."""
    lx = timeval.lexicon()
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    lows = {a.lower_ for a in auxes}
    if lows & set(lx["future_aux"]):
        return FUTURE
    if "to" in lows:   # infinitive: "to remain closed until Friday", "is to visit", "plans to meet"
        head = t.head
        if head is t or head.lemma_.lower() in lx["schedule_words"] or head.lower_ in lx["schedule_words"] \
                or head.pos_ not in VERBAL:
            return FUTURE
        if head.tag_ == "VBD":
            return PAST   # "failed to agree at Tuesday's meeting"
        return FUTURE
    if lows & set(lx["modal_future"]) and lows & {"have", "'ve"} and t.tag_ == "VBN":
        return PAST     # a modal perfect: "should have met on Monday", "may have left on Friday"
    if lows & set(lx["modal_future"]):
        return FUTURE if weak_modals else None
    if t.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if lows & {"has", "have", "had", "'ve", "'s"} and t.tag_ == "VBN":
        return PAST
    if t.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return FUTURE   # "is meeting on Friday"
    if t.tag_ == "VBN" and t.dep_ in ("acl", "relcl", "advcl"):
        return PAST     # "the talks held on Sunday"
    if t.tag_ in ("VBZ", "VBP") and not auxes and t.lemma_.lower() not in lx["reporting_verbs"] \
            and t.lower_ not in lx["reporting_verbs"] and not _in_headline(t):
        return PRESENT  # the body's present tense: a weekday in it looks ahead ("the vote takes place on Thursday")
    return None


def _in_headline(t) -> bool:
    """Is ``t`` on the first line of a text that has more lines (a title: present tense for the past)?"""
    nl = t.doc.text.find("\n")
    return 0 <= t.idx < nl


# ------------------------------------------------------------------ the component

class TimeTagger:
    def __init__(self, nlp: Language, name: str = "dossier_times", use_dateparser: bool = True,
                 patterns: str = "times/patterns.json", dateparser_languages=("en",)):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        self.languages = tuple(dateparser_languages)
        for label, pattern in _patterns(patterns):
            self.matcher.add(label, [pattern])
        self.use_dateparser = use_dateparser
        self.excluded = set(timeval.lexicon()["excluded"])

    # candidate regions: token spans (start, end, from_ner)
    def regions(self, doc: Doc) -> list[tuple[int, int, bool]]:
        spans = [(e.start, e.end, True) for e in doc.ents if e.label_ in ("DATE", "TIME")]
        holiday = doc.vocab.strings["HOLIDAY"]
        for label, s, e in self.matcher(doc):
            if label != holiday and any(doc[i].ent_type_ in NOT_TIME_ENTS for i in range(s, e)
                   if doc[i].lower_ not in ("in", "since", "of", "by", "from", "on", "last", "next", "this")):
                continue
            spans.append((s, e, False))
        spans.sort()
        merged: list[list] = []
        for s, e, ner in spans:
            # overlapping, or only a comma apart ("on Friday, Dec. 5")
            if merged and (s < merged[-1][1] or (s == merged[-1][1] + 1 and doc[s - 1].text == ",")):
                merged[-1][1] = max(merged[-1][1], e)
                merged[-1][2] = merged[-1][2] or ner
            else:
                merged.append([s, e, ner])
        return [tuple(m) for m in merged]

    def find(self, doc: Doc) -> list[Expr]:
        out: list[Expr] = []
        for s, e, ner in self.regions(doc):
            span = doc[s:e]
            words = {t.lower_ for t in span}
            if words & self.excluded:
                continue
            found = timeval.scan(doc.text, span.start_char, span.end_char)
            if not found and ner and self.use_dateparser:
                found = _dateparser_fallback(span.text, to_date(doc._.published), clause_tense(span[0]),
                                             self.languages)
                for x in found:
                    x.start += span.start_char
                    x.end += span.start_char
            for x in found:
                if x.kind == "year" and self._not_a_year(doc, x):
                    continue
                out.append(x)
        out.sort(key=lambda x: (x.start, -x.end))
        kept: list[Expr] = []
        for x in out:
            if kept and x.start < kept[-1].end:
                continue
            kept.append(x)
        return kept

    @staticmethod
    def _not_a_year(doc: Doc, x: Expr) -> bool:
        """"2000 troops", "$2025": a number, not a year."""
        span = doc.char_span(x.start, x.end, alignment_mode="expand")
        if span is None:
            return False
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.tag_ == "NNS" and not x.f.get("mod"):
            return True
        prev = doc[span.start - 1] if span.start > 0 else None
        return prev is not None and prev.tag_ == "$"

    def __call__(self, doc: Doc) -> Doc:
        pub = to_date(doc._.published)
        exprs = self.find(doc)
        sent_of = _sentence_index(doc)
        times: list[TimeExpr] = []
        token_time: dict[int, int] = {}
        seen: list[tuple[int, TV]] = []      # (sentence, value) of the expressions valued so far
        for x in exprs:
            span = doc.char_span(x.start, x.end, alignment_mode="expand")
            first = span[0] if span is not None and len(span) else None
            sent = sent_of.get(first.i, 0) if first is not None else 0
            tense = clause_tense(first) if first is not None else None
            anchor = _anchor_for(x, sent, seen) if x.anchored else None
            if x.kind == "dateparser":
                value, how = x.f.get("value"), "absolute"
            else:
                try:
                    value, how = timeval.resolve(x, pub, tense, anchor)
                except (ValueError, OverflowError, KeyError):   # an impossible date: not a value
                    value, how = None, "publication"
            if value is None and (pub is not None or x.kind not in NULL_OK
                                  or (x.kind == "in_n" and tense != FUTURE)):
                continue   # not a date we can give (with no publication date: a date, value unknown)
            tv = parse_value(value)
            if tv is not None:
                seen.append((sent, tv))
            idx = len(times)
            times.append(TimeExpr(start=x.start, end=x.end, text=doc.text[x.start:x.end], value=value,
                                  anchor=how))
            if span is not None:
                for t in span:
                    token_time.setdefault(t.i, idx)
        doc._.times = times
        doc._.token_time = token_time
        return doc


def _sentence_index(doc: Doc) -> dict[int, int]:
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return {}
    out = {}
    for i, s in enumerate(doc.sents):
        for t in s:
            out[t.i] = i
    return out


def _anchor_for(x: Expr, sent: int, seen: list[tuple[int, TV]]) -> TV | None:
    """The nearest earlier value in the same or the previous sentence that ``x`` can count from."""
    unit = (x.f.get("unit") or "day").lower()
    unit = timeval.lexicon()["units"].get(unit, unit)
    ok = {"day": ("day",), "week": ("day", "week", "weekend"), "weekend": ("day", "week", "weekend"),
          "fortnight": ("day", "week"), "month": ("day", "month"),
          "year": ("day", "month", "year", "week", "weekend")}.get(unit, ("day",))
    for s, tv in reversed(seen):
        if s < sent - 1:
            break
        if tv.precision in ok and (unit == "day" or tv.year is not None):
            return tv
    return None


_DP_OK = re.compile(r"\d{4}|\d{1,2}[./-]\d{1,2}", re.I)
_DP_RANGE = re.compile(r"\b\d{4}\s*[/–-]\s*\d{2}\b(?![/.-]\d)")   # "2025/26", "2025-26": a season, not a date
_DP_PERIOD = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def _dateparser_fallback(text: str, published=None, tense: str | None = None,
                         languages=("en",)) -> list[Expr]:
    """dateparser on a DATE entity the grammar could not read ("2025/12/01", "12.01.2025").

    Only spans NER tagged as dates, only with a year or a numeric date in them (dateparser reads
    "33 years" as a date 33 years back), relative to publication and preferring the tense's side.
    """
    if not _DP_OK.search(text) or set(re.findall(r"[a-z]+", text.lower())) & _DURATION_WORDS \
            or _DP_RANGE.search(text) or re.search(r"\d0s\b", text):
        return []
    try:
        data = _ddp(published, tense, tuple(languages)).get_date_data(text)
    except Exception:  # noqa: BLE001  (dateparser raises assorted errors on odd input)
        return []
    if data is None or data.date_obj is None or data.period not in _DP_PERIOD:
        return []
    d = data.date_obj
    numbers = {int(n) for n in re.findall(r"(?<!\d)\d{1,4}(?!\d)", text)}
    if d.year not in numbers or (data.period == "day" and d.day not in numbers):
        return []   # dateparser filled in what the text does not say ("1990s" → this month)
    return [Expr(0, len(text), text, "dateparser", {"value": d.strftime(_DP_PERIOD[data.period])})]


_DURATION_WORDS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours",
                   "minute", "minutes", "decade", "decades", "ago", "old"}


@functools.lru_cache(maxsize=32)
def _ddp(published, tense, languages=("en",)):
    import datetime as dt

    from dateparser.date import DateDataParser
    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"],
                "PREFER_DATES_FROM": "future" if tense == FUTURE else "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    return DateDataParser(languages=list(languages), settings=settings)


@Language.factory("dossier_times", default_config={
    "use_dateparser": True, "patterns": "times/patterns.json", "dateparser_languages": ["en"]})
def make_times(nlp: Language, name: str, use_dateparser: bool, patterns: str,
               dateparser_languages: list[str]):
    return TimeTagger(nlp, name, use_dateparser=use_dateparser, patterns=patterns,
                      dateparser_languages=dateparser_languages)
