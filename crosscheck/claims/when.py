"""The time slots: the period a figure covers, the day it refers to, its rate and target year.

Time phrases are found near the figure ("in 2023", "in January 2024", "as of mid-2024", "the
first half of 2023", "since April", "last year", "on Tuesday"); relative ones are resolved
against the article's date with dateparser (weekdays, "last month", "two days ago"). The
phrase nearest the figure in its clause wins; otherwise the day the sentence says something
was reported ("said on Saturday") gives the as-of day, and the article's date is the fallback.
"by 2030" after a figure is a projection's target year, not its period.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from crosscheck.claims.clauses import FigureContext
from crosscheck.models import Slot
from crosscheck.words import MONTH_NUMBERS, MONTH_RE, SPELLED_NUMBER_RE, spelled_number

_Y = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?:\d+|" + SPELLED_NUMBER_RE + ")"
# (kind, pattern): the first pattern of the list that matches a phrase decides its kind.
_PHRASES: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p, re.IGNORECASE)) for k, p in [
    ("half", r"\b(?:the\s+)?(first|second)\s+half\s+(?:of\s+)?(?:the\s+year\s+)?(" + _Y + r")?"),
    ("months", r"\b(?:the\s+|its\s+)?(first|past|last|previous)\s+(" + _NUM + r")\s+months?"
               r"(?:\s+of\s+(" + _Y + r"|the\s+year|the\s+war|the\s+conflict))?"),
    ("between", r"\bbetween\s+(" + MONTH_RE + r"\.?\s+\d{1,2}|\d{1,2}\s+" + MONTH_RE + r")"
                r"\s+and\s+(" + MONTH_RE + r"\.?\s+\d{1,2}|\d{1,2}\s+" + MONTH_RE + r")"
                r"(?:,?\s+(" + _Y + r"))?"),
    ("since", r"\bsince\s+(" + MONTH_RE + r"\.?(?:\s+" + _Y + r")?|" + _Y + r"|mid-" + MONTH_RE
              + r"|the\s+(?:war|conflict|fighting|invasion|start|beginning)[\w\s]{0,20}?"
              r"(?:began|started|broke out)?)"),
    ("past", r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(year|month|week|decade|"
             + _NUM + r"\s+(?:years|months|weeks|days))"),
    ("part", r"\b(mid|early|late|end\s+of|start\s+of|beginning\s+of)[-\s]+(" + _Y + r")"),
    ("day", r"\b(" + MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(" + _Y + r"))?\b"),
    ("day", r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + MONTH_RE + r")(?:,?\s+(" + _Y + r"))?\b"),
    ("month", r"\b(" + MONTH_RE + r")\.?\s+(?:of\s+)?(?:(this|last|next)\s+year|(" + _Y + r"))"),
    ("month", r"\b(?:in|as of|by|since|until|from|through|of|during)\s+(" + MONTH_RE
              + r")\b(?!\.?\s*\d)"),
    ("projection", r"\bby\s+(?:the\s+end\s+of\s+)?(" + _Y + r")\b"),
    ("year", r"\b(?:in|during|for|of|throughout|as\s+of|at\s+the\s+start\s+of|at\s+the\s+end\s+of|"
             r"through|until|to)\s+(?:fiscal\s+|calendar\s+)?(" + _Y + r")\b"),
    ("year", r"\b(" + _Y + r")(?:'s|’s)?\s+(?!\d)(?=[a-z])"),
    ("relyear", r"\b(this|last|next|the\s+previous|the\s+past)\s+year\b|\ba\s+year\s+(?:ago|"
                r"earlier|before)\b"),
    ("relspan", r"\b(?:last|this)\s+(?:week|month)\b"),
    ("relative", r"\b(?:on\s+)?(?:last\s+)?" + _WEEKDAY + r"\b|\byesterday\b|\btoday\b|"
                 r"\b" + _NUM
                 + r"\s+(?:days|weeks|months)\s+(?:ago|earlier)\b"),
]]
_RATE_RE = re.compile(
    r"^\W*(?:(?!in\b|within\b|for\b|over\b|after\b|by\b)[\w-]+\W+){0,3}?"
    r"(?:(?:a|per|each|every|an)\s+(day|week|month|year|annum|hour)|"
    r"(daily|weekly|monthly|annually|yearly|a\s+year|per\s+year))\b", re.IGNORECASE)
_RATE_NAMES = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
               "yearly": "year", "annum": "year", "a year": "year", "per year": "year"}
_SAID_RE = re.compile(r"\b(?:said|says|announced|reported|confirmed|told|stated|put it|issued|"
                      r"released|published|updated|gave)\b", re.IGNORECASE)
FUTURE_DAYS = 1  # a date more than this after the article is not an as-of date
SINCE_REACH = 80  # characters between "since" and the date of its clause ("since the deal ...")
_SINCE_CLAUSE_RE = re.compile(r"\bsince\b[^,;:]*$", re.IGNORECASE)
# Characters added to the distance of a phrase before the figure: "350 warheads this year,
# compared with 320 last year" — a phrase after a figure is usually its own.
LEFT_PENALTY = 30
# Phrases that name a day: they give the figure's as-of day, not a period it covers.
_POINT_KINDS = frozenset({"day", "relative", "relspan"})
# A time phrase that names when something else happened: "last month's fires", "Friday
# night's attack" — not the figure's own time.
_POSSESSIVE_RE = re.compile(r"^(?:\s+(?:night|evening|morning|afternoon))?['’]s\b")
# A time named as another thing's date: "named 2028 as the completion date", "set 2030 as
# its deadline" is when the work ends, not the period of the cost beside it.
_NAMED_AS_DATE_RE = re.compile(r"^\s*as\s+(?:the|its|their|a)\s+(?:[\w-]+\s+)?"
                               r"(?:date|deadline|target|year)\b", re.IGNORECASE)


# A part of the day a figure is given for: "on Sunday morning she had put the toll at 43",
# "On Sunday afternoon, the authorities said 48". Only as an adverb (after a weekday, "on",
# "this", "in the", "late", "early"), not "the morning news conference".
OPENING = 4  # characters before a phrase that opens its sentence ("On Sunday ...")
DAY_PARTS = {"morning": 1, "afternoon": 2, "evening": 3, "night": 4}
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY_PART_RE = re.compile(
    rf"\b(?:{_WEEKDAY}\s+|(?:on|this|that|by|late|early|in\s+the|late\s+on|early\s+on)\s+"
    rf"(?:{_WEEKDAY}\s+)?)(morning|afternoon|evening|night)\b(?!\s+(?:news|press|session|"
    r"briefing|conference|meeting|edition|show|programme|program|bulletin|shift)\b)",
    re.IGNORECASE)


def day_part(ctx: FigureContext) -> str:
    """The part of its day the figure's clause or sentence gives it ('morning', 'afternoon',
    'evening', 'night'), the phrase nearest before the figure first; '' when none."""
    q = ctx.quantity
    end = ctx.right[-1].end if ctx.right else q.end
    found = list(_DAY_PART_RE.finditer(ctx.sentence))
    # in the figure's clause, or opening the sentence ("On Sunday afternoon, ... said 48")
    before = [m for m in found if m.end() <= q.start and (
        m.start() >= ctx.clause_start or (m.start() <= OPENING and ";" not in
                                          ctx.sentence[m.end():q.start]))]
    after = [m for m in found if q.end <= m.start() < end]
    pick = before[-1] if before else after[0] if after else None
    return pick.group(1).lower() if pick else ""


@dataclass(frozen=True, slots=True)
class TimeReading:
    """The period label, the dates it covers, the as-of day, the rate and a target year."""

    period: Slot
    span: tuple[date, date] | None
    as_of: date | None
    rate: str
    target: str


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    label: str
    span: tuple[date, date] | None
    start: int
    end: int
    text: str


def read_time(ctx: FigureContext, published: date | None,
              event_spans: Sequence[tuple[int, int, date]] = ()) -> TimeReading:
    """The time of one figure, read from its clause and sentence, against the article date.

    `event_spans` are the sentence's phrases that date an event ("killed by the explosion on
    Sept. 25"), with their days: the day of what happened, not of the count, which a day
    the sentence gives a report ("told a news conference on Sept. 26") dates instead."""
    found = [f for f in phrases(ctx.sentence, published) if not _overlaps(f, ctx)
             and not _POSSESSIVE_RE.match(ctx.sentence[f.end:f.end + 20])
             and not _NAMED_AS_DATE_RE.match(ctx.sentence[f.end:f.end + 40])
             and not _record_since(ctx.sentence, f)]
    target = next((f.label for f in found if f.kind == "projection"
                   and _near(f, ctx) and _after_article(f, published)), "")
    own = [f for f in found if f.kind not in _POINT_KINDS and f.kind != "projection"
           and _near(f, ctx) and not _reporting_date(f, ctx)]
    days = [f for f in found if f.kind in _POINT_KINDS and f.span and _in_opening(f, ctx)]
    rate = _rate(ctx)
    if own:
        best = min(own, key=lambda f: _distance(f, ctx))
        as_of = best.span[1] if best.span else published
        label, span = best.label, best.span
        if best.kind not in ("since", "past", "months") and _SINCE_CLAUSE_RE.search(
                ctx.sentence[max(0, best.start - SINCE_REACH):best.start]):
            label, span = f"since {label}", None  # "since the deal was brokered in July 2022"
        if best.kind in ("since", "past", "months") or label.startswith("since"):
            as_of = published
        return TimeReading(Slot(label, best.text, "sentence"), span,
                           _not_future(as_of, published), rate, target)
    # A day named elsewhere in the sentence dates its figures too ("The committee's report,
    # issued on Saturday, had put the number killed at 133, of whom 29 ..."); one next to a
    # reporting verb first ("said on Tuesday").
    anywhere = [f for f in found if f.kind in _POINT_KINDS and f.span]
    said = [f for f in anywhere if _SAID_RE.search(ctx.sentence[max(0, f.start - 25):f.start])
            or _SAID_RE.search(ctx.sentence[f.end:f.end + 12])]
    pick = _count_days(anywhere, event_spans) or days or said
    as_of = pick[0].span[1] if pick and pick[0].span else published
    return TimeReading(Slot(), None, _not_future(as_of, published), rate, target)


# "the country's biggest disaster since 1939", "the first time since 2014": the year a record
# is measured against, not the period of the figure.
_RECORD_BEFORE_RE = re.compile(
    r"\b(?:(?!(?:west|rest|interest|latest|protest|request|arrest|forest|honest|modest|"
    r"earnest|suggest|contest|harvest|invest|test|manifest|digest|chest|guest|quest)\b)"
    r"[a-z]{2,}est|worst|most|least|first\s+time|record)\b[^,;:.]{0,40}$", re.IGNORECASE)


def _record_since(sentence: str, f: _Found) -> bool:
    """A 'since' phrase that dates the record a superlative compares with."""
    return f.kind == "since" and bool(_RECORD_BEFORE_RE.search(sentence[max(0, f.start - 60):
                                                                        f.start]))


def _count_days(anywhere: Sequence[_Found], event_spans: Sequence[tuple[int, int, date]]
                ) -> list[_Found]:
    """When the sentence dates an event, the days it names after that event: the day of the
    count or of the report ("killed by the explosion on Sept. 25, ... told a news conference
    on Sept. 26"), in order. A day before the event is background, no count's."""
    if not event_spans:
        return []
    last = max(day for _, _, day in event_spans)
    return [f for f in anywhere if f.span and f.span[1] >= last and not _is_event(f, event_spans)]


def _is_event(f: _Found, event_spans: Sequence[tuple[int, int, date]]) -> bool:
    return any(f.start < end and start < f.end for start, end, _ in event_spans)


def _overlaps(f: _Found, ctx: FigureContext) -> bool:
    q = ctx.quantity
    return f.start < q.end and q.start < f.end


def _near(f: _Found, ctx: FigureContext) -> bool:
    """The phrase is in the figure's own clause."""
    return ctx.holds(f.start, f.end)


def _in_opening(f: _Found, ctx: FigureContext) -> bool:
    """The phrase is in the figure's clause, the other figures of that clause included ("By 23
    August 2022 the centre had counted 721,449 tonnes carried on 33 ships")."""
    return _near(f, ctx) or (ctx.clause_start <= f.start and f.end <= ctx.quantity.start)


def _distance(f: _Found, ctx: FigureContext) -> int:
    q = ctx.quantity
    return f.start - q.end if f.start >= q.end else (q.start - f.end) + LEFT_PENALTY


def _reporting_date(f: _Found, ctx: FigureContext) -> bool:
    """A phrase before a reporting verb dates the report: 'a report in January said 10,000'."""
    return f.end <= ctx.quantity.start and \
        bool(_SAID_RE.search(ctx.sentence[f.end:ctx.quantity.start]))


def _after_article(f: _Found, published: date | None) -> bool:
    return published is None or (f.span is not None and f.span[0].year > published.year)


def _not_future(day: date | None, published: date | None) -> date | None:
    if day and published and (day - published).days > FUTURE_DAYS:
        return published
    return day


def _rate(ctx: FigureContext) -> str:
    unit = ctx.quantity.unit.lower()
    if "/" in unit or " per " in unit:
        return unit.split("/")[-1].split(" per ")[-1].strip()
    m = _RATE_RE.match(ctx.sentence[ctx.quantity.end:ctx.quantity.end + 40])
    if not m:
        return ""
    word = (m.group(1) or m.group(2)).lower()
    return _RATE_NAMES.get(word, word)


def phrases(sentence: str, published: date | None) -> list[_Found]:
    """Every time phrase of the sentence, resolved against the article's date."""
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PHRASES:
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            found = _resolve(kind, m, published)
            if found:
                out.append(found)
                taken.append((m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


def _resolve(kind: str, m: re.Match[str], published: date | None) -> _Found | None:
    text = m.group(0).strip()
    label, span = _LABELLERS[kind](m, published)
    if not label:
        return None
    return _Found(kind, label, span, m.start(), m.end(), text)


def _year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _label_half(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    year = int(m.group(2)) if m.group(2) else (pub.year if pub else None)
    if year is None:
        return "", None
    first = m.group(1).lower() == "first"
    span = (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1),
                                                               date(year, 12, 31))
    return f"{year}-H{1 if first else 2}", span


def _label_months(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    n = m.group(2).lower()
    count = int(n) if n.isdigit() else spelled_number(n) or 0
    which = m.group(1).lower()
    of = (m.group(3) or "").lower()
    if which == "first":
        return f"first {count} months{' of ' + of if of else ''}", None
    if pub is None:
        return "", None
    return f"{count} months to {pub.isoformat()}", (pub - timedelta(days=30 * count), pub)


def _label_between(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    year = int(m.group(3)) if m.group(3) else (pub.year if pub else None)
    a, b = _day_of(m.group(1), year), _day_of(m.group(2), year)
    if not a or not b:
        return "", None
    return f"{a.isoformat()}..{b.isoformat()}", (a, b)


def _day_of(text: str, year: int | None) -> date | None:
    parts = text.replace(".", " ").split()
    if year is None or len(parts) != 2:
        return None
    mon, day = (parts[0], parts[1]) if not parts[0].isdigit() else (parts[1], parts[0])
    try:
        return date(year, MONTH_NUMBERS[mon.lower()[:3]], int(day))
    except (KeyError, ValueError):
        return None


def _label_since(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    what = re.sub(r"\s+", " ", m.group(1).lower().strip())
    if re.fullmatch(_Y, what):
        return f"since {what}", (date(int(what), 1, 1), pub or date(int(what), 12, 31))
    mon = re.match(MONTH_RE, what)
    if mon and pub:
        year = re.search(_Y, what)
        month = MONTH_NUMBERS[mon.group(0)[:3]]
        y = int(year.group(0)) if year else (pub.year if month <= pub.month else pub.year - 1)
        return f"since {y}-{month:02d}", (date(y, month, 1), pub)
    return "since the start", None


def _label_past(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    return (f"past {m.group(1).lower()} to {pub.isoformat()}", None) if pub else ("", None)


def _label_part(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    part = m.group(1).lower().split()[0]
    year = int(m.group(2))
    months = {"mid": (5, 8), "early": (1, 4), "late": (9, 12), "end": (11, 12), "start": (1, 2),
              "beginning": (1, 2)}[part]
    return f"{year}-{part}", (date(year, months[0], 1), _month_span(year, months[1])[1])


def _label_day(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    groups = m.groups()
    mon, day = (groups[0], groups[1]) if not groups[0].isdigit() else (groups[1], groups[0])
    year = int(groups[2]) if groups[2] else None
    try:
        month, d = MONTH_NUMBERS[mon.lower()[:3]], int(day)
        if year is None:
            if pub is None:
                return "", None
            year = pub.year
            if (date(year, month, d) - pub).days > FUTURE_DAYS:
                year -= 1  # "Sept. 12" in an August article is last year's
        found = date(year, month, d)
    except (KeyError, ValueError):
        return "", None
    return found.isoformat(), (found, found)


def _label_month(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    month = MONTH_NUMBERS.get(m.group(1).lower().rstrip(".")[:3])
    if not month:
        return "", None
    groups = m.groups()
    rel = groups[1].lower() if len(groups) > 1 and groups[1] else ""
    year_text = groups[2] if len(groups) > 2 else None
    if year_text:
        year = int(year_text)
    elif pub is None:
        return "", None
    else:
        year = pub.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and month > pub.month:
            year -= 1
    return f"{year}-{month:02d}", _month_span(year, month)


def _label_year(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    year = int(m.group(1))
    return str(year), _year_span(year)


def _label_relyear(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    if pub is None:
        return "", None
    word = (m.group(1) or "last").lower()
    year = pub.year + {"this": 0, "next": 1}.get(word, -1)
    return str(year), _year_span(year)


def _label_relative(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    if pub is None:
        return "", None
    found = resolve_relative(m.group(0).lower().removeprefix("on ").strip(), pub)
    if found is None:
        return "", None
    return found.isoformat(), (found, found)


def _label_relspan(m: re.Match[str], pub: date | None) -> tuple[str, tuple[date, date] | None]:
    """'this week', 'last month': the span they name, not one day."""
    if pub is None:
        return "", None
    phrase = re.sub(r"\s+", " ", m.group(0).lower())
    if phrase == "this week":
        return f"week to {pub.isoformat()}", (pub - timedelta(days=6), pub)
    if phrase == "last week":
        return f"week to {(pub - timedelta(days=7)).isoformat()}", (
            pub - timedelta(days=13), pub - timedelta(days=7))
    month = pub.replace(day=1) - timedelta(days=1) if phrase == "last month" else pub
    return f"{month.year}-{month.month:02d}", _month_span(month.year, month.month)


_WEEKDAY_NUMBERS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}


@lru_cache(maxsize=4096)
def resolve_relative(phrase: str, base: date) -> date | None:
    """A relative day ('tuesday', 'yesterday', 'two days ago') against `base`.

    A weekday is the latest such day on or before the article's date (news says "on Friday"
    of the day it is published, too); other phrases go to dateparser.
    """
    if phrase in _WEEKDAY_NUMBERS:
        return base - timedelta(days=(base.weekday() - _WEEKDAY_NUMBERS[phrase]) % 7)
    import dateparser  # imported on first use: most sentences need no relative date

    when = dateparser.parse(phrase, languages=["en"], settings={
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    return when.date() if when else None


_LABELLERS = {"half": _label_half, "months": _label_months, "between": _label_between,
              "since": _label_since, "past": _label_past, "part": _label_part,
              "day": _label_day, "month": _label_month, "projection": _label_year,
              "year": _label_year, "relyear": _label_relyear, "relative": _label_relative,
              "relspan": _label_relspan}
