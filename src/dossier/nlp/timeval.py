"""Normalise time expressions to contract date values (no spaCy here: plain text in, ISO out).

Values are ISO 8601 at the precision the text supports: ``2025-12-01``, ``2025-12``, ``2025``,
a week ``2025-W48`` or its weekend ``2025-W48-WE``; ``X`` stands for digits the text leaves
unknown (``XXXX-12-04``: no year and no publication date); ``None`` when nothing resolves.

The grammar is built from ``data/times/lexicon.json``. ``scan(text)`` finds the expressions in
a piece of text already known to be about time (a spaCy DATE entity or a matcher hit) and
classifies them; ``resolve(expr, published, tense, anchor)`` values one. ``resolve_time`` is
the one-call version other components use.

Resolution rules:
- absolute dates keep the precision written; a day or month without a year takes the
  publication year, moved a year back (past tense) or forward (future tense) when the date
  would otherwise fall on the wrong side of publication (no tense: the nearest one);
- weekday names follow the tense of their clause: past (the default in news) → the most recent
  such day on or before publication, future → the next one on or after it; ``last``/``next``
  move strictly before/after;
- ``this/last/next week|month|year|weekend``, ``yesterday``, ``N days ago`` ... count from the
  publication date;
- ``the day before``, ``the next day``, ``two days later``, ``the following week`` ... count
  from an anchor value (an earlier date in the text) or else from publication.
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Callable

from ..data import load_json

PAST, FUTURE, PRESENT = "past", "future", "present"


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_json("times/lexicon.json")


# ------------------------------------------------------------------ values

@dataclass(frozen=True)
class TV:
    """A (possibly partial) calendar value; ``year`` None means unknown (``XXXX``)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekend: bool = False

    @property
    def precision(self) -> str:
        if self.week is not None:
            return "weekend" if self.weekend else "week"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        y = "XXXX" if self.year is None else f"{self.year:04d}"
        if self.week is not None:
            return f"{y}-W{self.week:02d}" + ("-WE" if self.weekend else "")
        if self.month is None:
            return y
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        """The day (or first day of the month/year/week) this value stands for; leap 2000 for XXXX."""
        year = self.year if self.year is not None else 2000
        try:
            if self.week is not None:
                return dt.date.fromisocalendar(year, self.week, 1)
            return dt.date(year, self.month or 1, self.day or 1)
        except ValueError:
            return None


_VALUE_RE = re.compile(r"^(\d{4}|XXXX)(?:-(\d\d|XX)(?:-(\d\d|XX))?|-W(\d\d)(-WE)?)?$")


def parse_value(value: str | None) -> TV | None:
    """``"2025-12-01"`` → TV; None for null or unparseable values (and fully unknown ones)."""
    m = _VALUE_RE.match(value or "")
    if not m:
        return None
    y, mo, d, w, we = m.groups()
    year = None if y == "XXXX" else int(y)
    month = None if mo in (None, "XX") else int(mo)
    day = None if d in (None, "XX") else int(d)
    if year is None and month is None:
        return None
    return TV(year, month, day, int(w) if w else None, bool(we))


def day_tv(d: dt.date, known_year: bool = True) -> TV:
    return TV(d.year if known_year else None, d.month, d.day)


def week_tv(d: dt.date, weekend: bool = False) -> TV:
    y, w, _ = d.isocalendar()
    return TV(y, week=w, weekend=weekend)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def shift(tv: TV, unit: str, n: int) -> TV | None:
    """Move a value ``n`` units (day/week/fortnight/month/year/weekend) keeping a sensible precision."""
    known = tv.year is not None
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit == "day":
        if tv.day is None:
            return None
        d = tv.as_date()
        return day_tv(d + dt.timedelta(days=n), known) if d else None
    if unit in ("week", "weekend"):
        d = tv.as_date()
        if d is None or (tv.precision not in ("day", "week", "weekend")):
            return None
        if not known:
            return None
        return week_tv(d + dt.timedelta(weeks=n), weekend=unit == "weekend")
    if unit == "month":
        if tv.month is None or tv.week is not None:
            d = tv.as_date() if tv.week is not None else None
            if d is None:
                return None
            tv = TV(d.year, d.month)
        y, m = add_months(tv.year if known and tv.year is not None else 2000, tv.month or 1, n)
        return TV(y if known else None, m)
    if unit == "year":
        if tv.year is None:
            return None
        year = tv.year
        if tv.week is not None:
            d = tv.as_date()
            year = d.year if d else year
        return TV(year + n)
    return None


# ------------------------------------------------------------------ grammar

def _alt(words) -> str:
    """Regex alternation, longest first; spaces match any run of spaces or a hyphen."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        out.append(re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?"))
    return "(?:" + "|".join(out) + ")"


@dataclass
class Expr:
    """A time expression found by ``scan``: offsets into the scanned text, kind and fields."""

    start: int
    end: int
    text: str
    kind: str
    f: dict = field(default_factory=dict)

    @property
    def anchored(self) -> bool:
        """Counts from another date in the text (or publication when none)."""
        return self.kind in ("shift", "anaphor", "the_day")



@functools.lru_cache(maxsize=1)
def grammar() -> list[tuple[str, re.Pattern]]:
    lx = lexicon()
    MONTH = (r"(?P<month>" + _alt([m for m in lx["months"] if len(m) > 4 or m in ("may", "june", "july")])
             + r"|" + _alt([m for m in lx["months"] if len(m) <= 4 and m not in ("may", "june", "july")]) + r"\.?)")
    MONTH_FULL = r"(?P<month>" + _alt([m for m in lx["months"] if len(m) > 3 or m == "may"]) + r")"
    WD = (r"(?P<wd>" + _alt([w for w in lx["weekdays"] if w.endswith("day")])
          + r"|" + _alt([w for w in lx["weekdays"] if not w.endswith("day")]) + r"\.?)")
    DAYN = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    DAYO = r"(?P<day>[0-3]?\d(?:st|nd|rd|th)?|" + _alt(lx["ordinals"]) + r")"
    YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
    NUM = r"(?P<num>\d{1,3}|" + _alt(lx["numbers"]) + r")"
    UNIT = r"(?P<unit>" + _alt(lx["units"]) + r")"
    MOD = r"(?:(?P<mod>" + _alt(lx["month_modifiers"]) + r")(?:\s+|-|\s*-\s*))?"
    REL = (r"(?P<rel>" + _alt(lx["relative_this"] + lx["relative_last"] + lx["relative_next"]) + r")")
    DAYWORD = r"(?P<dayword>" + _alt(lx["day_words"]) + r")"
    PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
    E = r"(?![\w%])"  # end of a word, not a percentage
    rules = [
        ("iso", rf"(?P<year>1[5-9]\d\d|20\d\d)(?P<sep>[-/.])(?P<mo>\d\d?)(?P=sep)(?P<day>\d\d?){E}"),
        ("iso_month", rf"(?P<year>1[5-9]\d\d|20\d\d)-(?P<mo>0[1-9]|1[0-2])(?![\w-])"),
        ("week_of", rf"the\s+(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+{MONTH_FULL}(?:\s*,?\s*{YEAR})?{E}"),
        ("slash", rf"(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d\d){E}"),
        ("date", rf"{MOD}{MONTH}\s+{DAYN}(?:\s*,?\s*{YEAR})?{E}"),
        ("date", rf"{MOD}(?:the\s+)?{DAYO}(?:\s+of)?\s+{MONTH}(?:\s*,?\s*{YEAR})?{E}"),
        ("date", rf"{WD},?\s+{MONTH}\s+{DAYN}(?:\s*,?\s*{YEAR})?{E}"),
        ("date", rf"{WD},?\s+(?:the\s+)?{DAYO}(?:\s+of)?\s+{MONTH}(?:\s*,?\s*{YEAR})?{E}"),
        ("month_rel_year", rf"{MONTH_FULL}\s+(?:of\s+)?(?P<yrel>next|last|this)\s+year{E}"),
        ("month_year", rf"{MOD}{MONTH}\s*,?\s+(?:of\s+)?{YEAR}{E}"),
        ("month_rel", rf"(?P<rel>last|next|this|this\s+coming|this\s+past|the\s+past)\s+{MONTH_FULL}{E}"),
        ("month", rf"{MOD}{MONTH_FULL}{E}"),
        ("month", rf"{MOD}(?P<month>jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.(?!\w)"),
        ("dayword", rf"{DAYWORD}{E}"),
        ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<holiday>{_alt(lx['holidays'])}){E}"),
        ("in_n", rf"in\s+{NUM}\s+{UNIT}{E}"),
        ("weekday", rf"(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+past|the\s+coming|coming|past)\s+)?"
                    rf"(?:(?:early|late)\s+)?{WD}(?:'s)?{PART}{E}"),
        ("ago", rf"{NUM}\s+{UNIT}\s+ago{E}"),
        ("shift", rf"{NUM}\s+{UNIT}\s+(?P<dir>later|earlier|before|after|prior){E}"),
        ("anaphor", rf"(?:the\s+)?(?P<unit>day|night|week|weekend|month|year)\s+(?P<dir>before|after|earlier|later|previous|prior)(?![\w%-])"),
        ("anaphor", rf"(?P<which>{_alt(lx['anaphor_next'] + lx['anaphor_prev'] + lx['anaphor_same'])})\s+"
                    rf"(?P<unit>day|week|weekend|month|year|morning|afternoon|evening|night)(?![\w%-])"),
        ("weekend", rf"(?P<rel>over|at)\s+the\s+weekend{E}"),
        ("rel_unit", rf"{REL}\s+(?P<unit>week|weekend|month|year){E}"),
        ("the_year", rf"(?P<mod>the\s+(?:beginning|start|end|middle)\s+of|(?:earlier|later)\s+in)\s+the\s+"
                     rf"(?P<unit>week|month|year){E}"),
        ("year", rf"{MOD}(?<![\d$£€.,])(?:the\s+year\s+)?{YEAR}(?![\d,.%]\d|\s*%|\s*percent)(?:'s)?{E}"),
        ("yy", r"(?<![\w$])['’](?P<yy>\d\d)(?![\w'])"),
        ("the_day", r"the\s+day(?![\w-])"),
    ]
    return [(kind, re.compile(rx, re.I)) for kind, rx in rules]


def _num(s: str) -> int | None:
    s = s.lower()
    if s.isdigit():
        return int(s)
    return lexicon()["numbers"].get(s)


def _month(s: str) -> int:
    return lexicon()["months"][s.lower().rstrip(".")]


def _day(s: str) -> int | None:
    s = s.lower()
    m = re.match(r"(\d+)", s)
    if m:
        return int(m.group(1))
    return lexicon()["ordinals"].get(s.replace(" ", "-"))


def _clean_rel(s: str | None) -> str:
    return re.sub(r"[\s-]+", " ", (s or "").lower()).strip()


def scan(text: str, start: int = 0, end: int | None = None) -> list[Expr]:
    """The time expressions starting in ``text[start:end]`` (left to right, longest match first,
    not overlapping), offsets into ``text``. The text around the window is context: a word does
    not start mid-word, "that day" is not "that day-to-day", and an expression may run past ``end``
    ("Dec. 1" of a window goes on to ", 2025")."""
    rules = grammar()
    out: list[Expr] = []
    pos = start
    n = len(text) if end is None else min(end, len(text))
    while pos < n:
        if pos > 0 and text[pos - 1].isalnum() and text[pos].isalnum():
            pos += 1
            continue
        best = None
        for kind, rx in rules:
            m = rx.match(text, pos)
            if m and m.end() > n:
                # runs past the window: take the part inside it, if the window ends at a word boundary
                m = rx.match(text, pos, n) if n == len(text) or not (text[n].isalnum() or text[n] == "-") else None
            if m and m.end() > pos and _context_ok(kind, m, text) and (best is None or m.end() > best[1].end()):
                best = (kind, m)
        if best is None:
            pos += 1
            continue
        kind, m = best
        gd = {k: v for k, v in m.groupdict().items() if v is not None}
        if kind == "month_rel_year":   # "October of next year": the month and the year, as MEANTIME does
            ms, me = m.span("month")
            ys = m.start("yrel")
            out.append(Expr(ms, me, text[ms:me], "month", {"month": gd["month"], "yrel": gd["yrel"].lower()}))
            out.append(Expr(ys, m.end(), text[ys:m.end()], "rel_unit", {"rel": gd["yrel"], "unit": "year"}))
        else:
            e = Expr(m.start(), m.end(), m.group(0), kind, gd)
            if _valid(e):
                out.append(e)
        pos = m.end()
    return out


_NP_START_CASED = re.compile(r"\s*[A-Z0-9]")


def _context_ok(kind: str, m: re.Match, text: str) -> bool:
    """"two days after the talks", "a day after Chrysler ...": counted from an event, not a date."""
    if kind not in ("shift", "anaphor") or (m.groupdict().get("dir") or "").lower() not in ("before", "after"):
        return True
    rest = text[m.end():m.end() + 12]
    low = re.match(r"\s*(the|a|an|his|her|their|its|this|these|those|our|my|your)\b", rest, re.I)
    return not (low or _NP_START_CASED.match(rest))


def _valid(e: Expr) -> bool:
    f = e.f
    if e.kind == "date":
        d = _day(f["day"])
        return d is not None and 1 <= d <= 31
    if e.kind in ("ago", "shift"):
        return _num(f["num"]) is not None and f["unit"].lower() not in ("night", "evening", "morning", "afternoon")
    return True


# ------------------------------------------------------------------ resolution

def _pick_year(month: int, day: int | None, pub: dt.date, tense: str | None) -> int:
    """The year of a month (and day) written without one, from publication and tense."""
    def when(y):
        try:
            return dt.date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))
        except ValueError:
            return None
    here = when(pub.year)
    if here is None:
        return pub.year
    ref = pub if day else pub.replace(day=1)
    slack = dt.timedelta(days=14 if day else 31)
    if tense == PAST:
        return pub.year if here <= ref + slack else pub.year - 1
    if tense == FUTURE:
        return pub.year if here >= ref - slack else pub.year + 1
    # no tense: the nearest, with news' bias to the past (a future date must be much nearer)
    if here <= ref:
        ahead = when(pub.year + 1)
        return pub.year + 1 if ahead and (ahead - ref).days * 3 < (ref - here).days else pub.year
    behind = when(pub.year - 1)
    return pub.year - 1 if behind and (ref - behind).days <= 3 * (here - ref).days else pub.year


def _unit_offset(rel: str) -> int:
    lx = lexicon()
    if rel in lx["relative_last"]:
        return -1
    if rel in lx["relative_next"]:
        return 1
    return 0


def resolve(e: Expr, published: dt.date | None, tense: str | None = None,
            anchor: TV | None = None) -> tuple[str | None, str]:
    """(value, anchor kind) of an expression; anchor kind is absolute | publication | text."""
    tv, kind = _resolve(e, published, tense, anchor)
    return (tv.iso() if tv else None), kind


def two_digit_year(yy: int, pub: dt.date | None = None) -> int:
    """The year ``'28`` or ``1/2/28`` names: the one nearest the publication year (2000 when
    unknown), the earlier on a tie (``'75`` in 2025 is 1975, ``'28`` is 2028)."""
    ref = pub.year if pub else 2000
    candidates = [c * 100 + yy for c in (ref // 100 - 1, ref // 100, ref // 100 + 1)]
    return min(candidates, key=lambda year: (abs(year - ref), year))


Resolved = tuple[TV | None, str]  # (value, anchor kind: absolute | publication | text)


@dataclass(frozen=True)
class _At:
    """What an expression is resolved against: publication, the clause's tense, an anchor."""

    pub: dt.date | None
    tense: str | None
    anchor: TV | None

    @property
    def pub_tv(self) -> TV | None:
        return day_tv(self.pub) if self.pub else None


def _resolve(e: Expr, pub: dt.date | None, tense: str | None, anchor: TV | None) -> Resolved:
    """Dispatch on the expression's kind (``RESOLVERS``): one small rule per kind."""
    rule = RESOLVERS.get(e.kind)
    return rule(e, _At(pub, tense, anchor)) if rule else (None, "publication")


def _day_or_none(year: int, month: int, day: int | None, how: str) -> Resolved:
    try:
        return day_tv(dt.date(year, month, day or 0)), how
    except ValueError:
        return None, how


def _r_iso(e: Expr, at: _At) -> Resolved:
    f = e.f
    return _day_or_none(int(f["year"]), int(f["mo"]), int(f["day"]), "absolute")


def _r_slash(e: Expr, at: _At) -> Resolved:
    f = e.f
    a, b, y = int(f["a"]), int(f["b"]), f["y"]
    year = int(y) if len(y) == 4 else two_digit_year(int(y), at.pub)
    # 7/8/07 is American (month first) unless impossible; 12.01.2025 is European (day first)
    mo, d = (b, a) if (f["sep"] == "." and b <= 12) or a > 12 else (a, b)
    return _day_or_none(year, mo, d, "absolute")


def _r_date(e: Expr, at: _At) -> Resolved:
    f = e.f
    mo, d = _month(f["month"]), _day(f["day"])
    if "year" in f:
        return _day_or_none(int(f["year"]), mo, d, "absolute")
    if at.pub is None:
        ok = d is not None and d <= calendar.monthrange(2000, mo)[1]
        return (TV(None, mo, d) if ok else None), "absolute"
    return _day_or_none(_pick_year(mo, d, at.pub, at.tense), mo, d, "publication")


def _r_iso_month(e: Expr, at: _At) -> Resolved:
    return TV(int(e.f["year"]), int(e.f["mo"])), "absolute"


def _r_week_of(e: Expr, at: _At) -> Resolved:
    """"the first week of December": the ISO week of its first Thursday (+ n-1 weeks)."""
    f = e.f
    mo = _month(f["month"])
    if "year" in f:
        y, how = int(f["year"]), "absolute"
    elif at.pub is not None:
        y, how = _pick_year(mo, None, at.pub, at.tense), "publication"
    else:
        return None, "publication"
    first = dt.date(y, mo, 1)
    thursdays = [first + dt.timedelta(days=(3 - first.weekday()) % 7 + 7 * i) for i in range(5)]
    thursdays = [d for d in thursdays if d.month == mo]
    n = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(f["ord"].lower(), len(thursdays) - 1)
    return week_tv(thursdays[min(n, len(thursdays) - 1)]), how


def _r_month_year(e: Expr, at: _At) -> Resolved:
    return TV(int(e.f["year"]), _month(e.f["month"])), "absolute"


def _r_month(e: Expr, at: _At) -> Resolved:
    f, pub = e.f, at.pub
    mo = _month(f["month"])
    if f.get("yrel"):
        if pub is None:
            return TV(None, mo), "publication"
        return TV(pub.year + {"next": 1, "last": -1}.get(f["yrel"], 0), mo), "publication"
    if pub is None:
        return TV(None, mo), "absolute"
    return TV(_pick_year(mo, None, pub, at.tense), mo), "publication"


def _r_month_rel(e: Expr, at: _At) -> Resolved:
    f, pub = e.f, at.pub
    mo = _month(f["month"])
    if pub is None:
        return TV(None, mo), "publication"
    rel = _clean_rel(f["rel"])
    if rel in ("last", "this past", "the past"):
        y = pub.year if mo < pub.month else pub.year - 1
    elif rel in ("next", "this coming"):
        y = pub.year if mo > pub.month else pub.year + 1
    else:
        y = pub.year
    return TV(y, mo), "publication"


def _r_year(e: Expr, at: _At) -> Resolved:
    y = int(e.f["year"])
    if _clean_rel(e.f.get("mod")) in ("mid", "mid-", "the middle of"):
        return TV(y, 6), "absolute"   # TIMEX convention: mid-2011 → 2011-06
    return TV(y), "absolute"


def _r_yy(e: Expr, at: _At) -> Resolved:
    return TV(two_digit_year(int(e.f["yy"]), at.pub)), "absolute"


def _r_dayword(e: Expr, at: _At) -> Resolved:
    if at.pub is None:
        return None, "publication"
    return day_tv(at.pub + dt.timedelta(days=_dayword_offset(e.f["dayword"]))), "publication"


def _r_holiday(e: Expr, at: _At) -> Resolved:
    f, pub, tense = e.f, at.pub, at.tense
    rule = lexicon()["holidays"][_clean_rel(f["holiday"]).replace("’", "'")]
    if pub is None:
        return (TV(None, *rule) if isinstance(rule, list) else None), "absolute"
    rel = _clean_rel(f.get("rel"))
    days = [d for d in (_holiday(rule, y) for y in (pub.year - 1, pub.year, pub.year + 1))
            if d is not None]
    if rel == "last" or (not rel and tense == PAST):
        past = [d for d in days if d <= pub]
        return (day_tv(past[-1]) if past else None), "publication"
    if rel == "next" or (not rel and tense in (FUTURE, PRESENT)):
        ahead = [d for d in days if d >= pub]
        return (day_tv(ahead[0]) if ahead else None), "publication"
    return day_tv(min(days, key=lambda d: (abs((d - pub).days), d > pub))), "publication"


def _r_in_n(e: Expr, at: _At) -> Resolved:
    """"in two weeks": a date only in a clause about the future ("the first time in two
    years" is not)."""
    if at.pub is None or at.tense != FUTURE:
        return None, "publication"
    n, unit = _num(e.f["num"]) or 0, lexicon()["units"][e.f["unit"].lower()]
    if unit in ("day", "week", "fortnight"):
        days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return day_tv(at.pub + dt.timedelta(days=days)), "publication"
    pub_tv = at.pub_tv
    return (shift(pub_tv, unit, n) if pub_tv and unit in ("month", "year") else None), "publication"


def _r_weekday(e: Expr, at: _At) -> Resolved:
    f, pub, tense = e.f, at.pub, at.tense
    if pub is None:
        return None, "publication"
    wd = lexicon()["weekdays"][f["wd"].lower().rstrip(".")]
    rel = _clean_rel(f.get("rel"))
    delta_back = (pub.weekday() - wd) % 7       # days back to the most recent such day (0 = today)
    delta_fwd = (wd - pub.weekday()) % 7
    if rel in ("last", "this past", "the past", "past"):
        d = pub - dt.timedelta(days=delta_back or 7)
    elif rel in ("next", "this coming", "the coming", "coming"):
        d = pub + dt.timedelta(days=delta_fwd or 7)
    elif rel == "this":
        d = pub + dt.timedelta(days=wd - pub.weekday())
    elif tense in (FUTURE, PRESENT):   # "the vote takes place on Thursday"
        d = pub + dt.timedelta(days=delta_fwd)
    else:
        d = pub - dt.timedelta(days=delta_back)
    return day_tv(d), "publication"


def _r_rel_unit(e: Expr, at: _At) -> Resolved:
    pub, pub_tv = at.pub, at.pub_tv
    if pub is None or pub_tv is None:
        return None, "publication"
    rel = _clean_rel(e.f["rel"])
    unit = e.f["unit"].lower()
    off = _unit_offset(rel)
    if rel == "the last" and unit != "year":
        return None, "publication"   # "the last week" is a duration
    if unit == "weekend":
        if off == 0 and at.tense == PAST and pub.weekday() < 5:
            off = -1                     # "this weekend" said of a past one, on a weekday
        return week_tv(pub + dt.timedelta(weeks=off), weekend=True), "publication"
    return shift(pub_tv, unit, off) if unit != "day" else None, "publication"


def _r_the_year(e: Expr, at: _At) -> Resolved:
    """"the beginning of the year", "earlier in the week": the current one."""
    pub_tv = at.pub_tv
    return (shift(pub_tv, e.f["unit"].lower(), 0) if pub_tv else None), "publication"


def _r_weekend(e: Expr, at: _At) -> Resolved:
    """"over the weekend": the last one (the next one in a future clause)."""
    if at.pub is None:
        return None, "publication"
    off = 0 if (at.tense == FUTURE or at.pub.weekday() >= 5) else -1
    return week_tv(at.pub + dt.timedelta(weeks=off), weekend=True), "publication"


def _r_ago(e: Expr, at: _At) -> Resolved:
    pub, pub_tv = at.pub, at.pub_tv
    if pub is None or pub_tv is None:
        return None, "publication"
    n, unit = _num(e.f["num"]) or 0, lexicon()["units"][e.f["unit"].lower()]
    if unit in ("week", "fortnight"):
        return day_tv(pub - dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))), "publication"
    if unit == "weekend":
        return None, "publication"
    return shift(pub_tv, unit, -n), "publication"


def _r_anchored(e: Expr, at: _At) -> Resolved:
    """"the day before", "two days later", "the following week", "that day": from the
    anchor in the text, else from publication."""
    f, k = e.f, e.kind
    base, how = (at.anchor, "text") if at.anchor is not None else (at.pub_tv, "publication")
    if base is None:
        return None, how
    if k == "the_day":
        return (base if base.precision == "day" else None), how
    unit = lexicon()["units"].get(f["unit"].lower(), f["unit"].lower())
    if k == "shift":
        n = _num(f["num"]) or 0
        sign = 1 if f["dir"].lower() in lexicon()["after_words"] else -1
    else:
        if "which" in f:
            which = _clean_rel(f["which"])
            lx = lexicon()
            sign = 1 if which in lx["anaphor_next"] else -1 if which in lx["anaphor_prev"] else 0
        else:
            sign = 1 if f["dir"].lower() in ("after", "later") else -1
        n = 1
    weeks = sign * n * (2 if unit == "fortnight" else 1)
    if unit in ("week", "fortnight", "weekend") and base.precision in ("week", "weekend"):
        d = base.as_date()
        if d is None or base.year is None:
            return None, how
        return week_tv(d + dt.timedelta(weeks=weeks), weekend=unit == "weekend"), how
    if unit in ("week", "fortnight") and k == "shift":
        d = base.as_date()
        if base.precision != "day" or d is None:
            return None, how
        return day_tv(d + dt.timedelta(weeks=weeks), base.year is not None), how
    return shift(base, unit, sign * n), how


# expression kind (``grammar()``) -> the rule that values it
RESOLVERS: dict[str, Callable[[Expr, _At], Resolved]] = {
    "iso": _r_iso, "slash": _r_slash, "date": _r_date, "iso_month": _r_iso_month,
    "week_of": _r_week_of, "month_year": _r_month_year, "month": _r_month,
    "month_rel": _r_month_rel, "year": _r_year, "yy": _r_yy, "dayword": _r_dayword,
    "holiday": _r_holiday, "in_n": _r_in_n, "weekday": _r_weekday, "rel_unit": _r_rel_unit,
    "the_year": _r_the_year, "weekend": _r_weekend, "ago": _r_ago,
    "shift": _r_anchored, "anaphor": _r_anchored, "the_day": _r_anchored,
}


def _holiday(rule, year: int) -> dt.date | None:
    if isinstance(rule, list):
        return dt.date(year, rule[0], rule[1])
    if rule == "thanksgiving":   # US: fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if rule == "easter":
        from dateutil.easter import easter
        return easter(year)
    return None


def _dayword_offset(word: str) -> int:
    w = re.sub(r"['’]s$", "", _clean_rel(word))
    return lexicon()["day_words"].get(w, 0)


# ------------------------------------------------------------------ one call

def to_date(published) -> dt.date | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def resolve_time(text: str, published=None, tense: str | None = None, anchor: str | None = None) -> str | None:
    """The contract value of one time expression ``text`` (``"last Tuesday"``, ``"Dec. 4"``).

    ``published``: ISO date string or ``datetime.date`` (None: unknown, X digits or null);
    ``tense``: ``"past"`` | ``"future"`` | ``"present"`` | None, the tense of the clause it sits in
    (present: weekdays look ahead, other dates take the nearest year);
    ``anchor``: the value of the date it is relative to (``"the day before"``), if not publication.
    Returns None when the text names no date this module can value.
    """
    exprs = [e for e in scan(text or "")]
    if not exprs:
        return None
    e = max(exprs, key=lambda x: x.end - x.start)
    value, _ = resolve(e, to_date(published), tense, parse_value(anchor) if anchor else None)
    return value

