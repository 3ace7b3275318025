"""The event a count of people belongs to: the day it happened, from the sentence or the article.

One story can hold several events of one kind: pagers exploding on a Tuesday and radios on the
Wednesday, a truck bomb and a drone attack on one bridge, a quake and the one after it. A toll
belongs to one of them, and two tolls of two events are two facts. The day an event happened
is not the day a figure was counted: "25 people were killed on Wednesday", printed on Thursday,
is Thursday's count of Wednesday's dead.

A day is an event's when an event word governs it: "blew up across Lebanon on Wednesday",
"killed by the explosion ... on Sept. 25", "Monday's blast", "the explosions on Tuesday",
"On Wednesday the radios went off". A day after a reporting verb ("said on Thursday") dates a
report, and one after a count ("the toll rose to 68 on Tuesday", "68 as of Tuesday") dates the
count; "the injured were flown out on Tuesday" names people, not an event. "A day earlier" /
"the next day" count from the day the sentence named before, else from the event the article
told of last; "a day after pagers exploded" dates the pagers. "The first wave" and "the latest
blasts" name the earliest and the latest of the article's recent events.

Each count gets the day its own clause or sentence gives. With none, the article lends its
event when it tells of one recent event only (news is of the last few days: an event dated
weeks before publication is background, and lends nothing); when it tells of recent events on
several days, which one the count belongs to is not read (`SEVERAL`), and such a count is
compared with nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from crosscheck.claims.when import phrases
from crosscheck.models import Slot

SEVERAL = "several"  # the article tells of events on several days; the count's is not read
_EVENT_WORD = (r"(?:kill(?:ed|ing|s)?|died|dead|deaths?|wound(?:ed|ing)|injur(?:ed|ing|ies)|"
               r"hurt|blew\s+up|blown\s+up|explod(?:ed|ing)|explosions?|blasts?|went\s+off|"
               r"gone\s+off|detonat(?:ed|ions?)|attacks?|attacked|struck|strikes?|bomb(?:ing|ed)?s?|"
               r"shelling|raids?|ambush(?:ed)?|shootings?|massacres?|(?:earth)?quakes?|tremors?|"
               r"aftershocks?|floods?|flooding|storms?|fires?|wildfires?|blaze|crash(?:ed)?|"
               r"sank|sinking|collapsed?|erupt(?:ed|ion)|derail(?:ed|ment)|stampede)")
_EVENT_RE = re.compile(r"\b" + _EVENT_WORD + r"\b", re.IGNORECASE)
# An event word anywhere, even inside a word: every pattern that makes a day an event's holds
# one, so a sentence without any names no event day (found also in a part of the sentence).
_ANY_EVENT_RE = re.compile(_EVENT_WORD, re.IGNORECASE)
_KINDS = (r"(?:blasts?|explosions?|attacks?|strikes?|bombings?|raids?|(?:earth)?quakes?|"
          r"tremors?|floods?|storms?|fires?)\b")
# A reporting verb or a count before the day in its clause, or a reporting verb right after it
# ("the ministry on Tuesday said"; after a comma it is another clause's): the day of a
# statement or of a count, not of the event.
_SAID_RE = re.compile(r"\b(?:said|says|told|announced|reported|confirmed|stated|added|"
                      r"according\s+to|warned|(?:death\s+)?toll|tally|count|rose|risen|climbed|"
                      r"reached|stood|stands|passed|surpassed|exceeded|increased|jumped|topped|"
                      r"as\s+of)\b", re.IGNORECASE)
_SAID_AFTER_RE = re.compile(r"^\s*(?:that\s+)?(?:\w+\s+){0,3}?(?:said|told|announced|reported|"
                            r"confirmed)\b", re.IGNORECASE)
# People named by what happened to them ("the injured", "of the dead"): no event is told.
_PEOPLE_NOUN_RE = re.compile(r"\b(?:the|those|of)\s+$", re.IGNORECASE)
_PEOPLE_WORDS = frozenset({"killed", "dead", "wounded", "injured", "hurt"})
RECENT_DAYS = 3  # an event this many days before the article or less is its news
# How far (characters) an event word before the day may stand in its clause.
EVENT_REACH = 90
_CLAUSE_BREAK_RE = re.compile(r"[;:]|,\s+(?:and|but|while|as|which|who)\b|\b(?:and|but)\s+"
                              r"(?:on|then)\b", re.IGNORECASE)
_POSSESSIVE_EVENT_RE = re.compile(r"^(?:\s+(?:night|evening|morning|afternoon))?['’]s\s+"
                                  r"(?:[\w-]+\s+){0,3}?" + _EVENT_WORD + r"\b", re.IGNORECASE)
_OF_DAY_RE = re.compile(_EVENT_WORD + r"\s+of\s+$", re.IGNORECASE)
_OPENING_RE = re.compile(r"^\W*(?:[\w-]+\W+){0,6}?" + _EVENT_WORD + r"\b", re.IGNORECASE)
# "a day earlier", "the day before", "a day after pagers exploded", "the next day"
_RELATIVE_RE = re.compile(
    r"\b(?:(?:a|one)\s+day\s+(earlier|before|after|later)|the\s+(?:day|night)\s+(before|after)|"
    r"the\s+(previous|next|following)\s+day|(two|three)\s+days\s+(earlier|later|before|after))\b",
    re.IGNORECASE)
_BACK = {"earlier": -1, "before": -1, "previous": -1, "after": 1, "later": 1, "next": 1,
         "following": 1}
_COUNT = {"two": 2, "three": 3}


@dataclass(frozen=True, slots=True)
class EventDay:
    """A day the sentence says an event happened on, and where it says so."""

    day: date
    start: int
    end: int
    words: str


def sentence_events(sentence: str, published: date | None, last: date | None
                    ) -> list[EventDay]:
    """The event days a sentence names, in order; `last` is the day of the event the article
    told of before (what "a day earlier" counts from when the sentence names no day)."""
    if not _ANY_EVENT_RE.search(sentence):
        return []  # every way a day is an event's needs an event word: most sentences have none
    out: list[EventDay] = []
    named: list[tuple[int, date]] = []  # every day the sentence names, an event's or not
    for f in phrases(sentence, published):
        if f.kind not in ("day", "relative") or not f.span or f.span[0] != f.span[1] \
                or not _DAY_WORD_RE.search(f.text):
            continue  # "two weeks ago" is no day of an event
        named.append((f.end, f.span[0]))
        if _governed(sentence, f.start, f.end):
            out.append(EventDay(f.span[0], f.start, f.end, f.text))
    for m in _RELATIVE_RE.finditer(sentence):
        if not _EVENT_RE.search(sentence):
            continue
        before = [d for end, d in named if end <= m.start()]
        reference = before[-1] if before else last or published
        if reference is None:
            continue
        word = next(g for g in (m.group(1), m.group(2), m.group(3), m.group(5)) if g).lower()
        steps = _COUNT.get((m.group(4) or "").lower(), 1)
        sign = _BACK[word]
        if word == "after" and re.match(r"\s+\w", sentence[m.end():]):
            sign = -1  # "it came a day after pagers exploded": the pagers, a day before
        day = reference + timedelta(days=sign * steps)
        if published is None or day <= published:
            out.append(EventDay(day, m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda e: e.start)


# A phrase that names a day (a weekday, a date, yesterday), not a span of weeks.
_DAY_WORD_RE = re.compile(r"\b(?:\w+day|yesterday|today|tonight|\d{1,2})\b", re.IGNORECASE)


def _events_in(text: str) -> list[re.Match[str]]:
    """Event words of `text`, people named by what happened to them left out."""
    return [m for m in _EVENT_RE.finditer(text)
            if m.group(0).lower() not in _PEOPLE_WORDS
            or not _PEOPLE_NOUN_RE.search(text[max(0, m.start() - 8):m.start()])]


def _governed(sentence: str, start: int, end: int) -> bool:
    """An event word governs the day phrase at start..end, and no reporting verb does."""
    before, after = sentence[:start], sentence[end:]
    if _SAID_AFTER_RE.match(after):
        return False  # "the ministry on Tuesday said ..."
    if _POSSESSIVE_EVENT_RE.match(after) or _OF_DAY_RE.search(before):
        return True  # "Monday's blast", "the deaths of Tuesday"
    window = before[-EVENT_REACH:]
    breaks = list(_CLAUSE_BREAK_RE.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    event = [m.end() for m in _events_in(window)]
    said = [m.end() for m in _SAID_RE.finditer(window)]
    if event and (not said or event[-1] > said[-1]):
        return True  # "blew up across Lebanon on Wednesday", "said 14 were killed on Monday"
    if said:
        return False  # "told a news conference on Sept. 26"
    opening = not before.strip() or before.rstrip().endswith((",", ";", ":"))
    return opening and bool(_OPENING_RE.match(after))  # "On Wednesday the radios went off"


_FIRST_RE = re.compile(r"\b(?:first|initial|original|earlier)\s+(?:wave|round|" + _KINDS + r")",
                       re.IGNORECASE)
_LATEST_RE = re.compile(r"\b(?:latest|second|later|new|last|most\s+recent)\s+(?:wave|round|"
                        + _KINDS + r")", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    """The event days of an article: per sentence, the recent ones, and every one it tells of."""

    by_sentence: dict[int, tuple[EventDay, ...]]  # sentence index → its event days
    recent: frozenset[date]  # RECENT_DAYS before the article's date or less: its news
    told: str  # every event day, background events included ('2024-09-17 2024-09-18')


NO_EVENTS = ArticleEvents({}, frozenset(), "")


def article_events(sentences: Sequence[tuple[int, str]], published: date | None
                   ) -> ArticleEvents:
    """Each sentence's event days, read in order (a relative day counts from the last one),
    with the article's recent event days and every day it tells of; `sentences` are (index,
    text) pairs."""
    out: list[list[EventDay]] = []
    last: date | None = None
    for _, text in sentences:
        found = sentence_events(text, published, last)
        if found:
            last = found[-1].day
        out.append(found)
    days = frozenset(e.day for found in out for e in found)
    recent = frozenset(d for d in days if published is None
                       or (published - d).days <= RECENT_DAYS)
    if len(recent) > 1:  # "the first wave", "the latest blasts": the earliest, the latest
        for (_, text), found in zip(sentences, out, strict=True):
            for rx, day in ((_FIRST_RE, min(recent)), (_LATEST_RE, max(recent))):
                found.extend(EventDay(day, m.start(), m.end(), m.group(0))
                             for m in rx.finditer(text))
            found.sort(key=lambda e: e.start)
    return ArticleEvents({i: tuple(f) for (i, _), f in zip(sentences, out, strict=True)},
                         recent, " ".join(sorted(d.isoformat() for d in days)))


# A count summed over several events or days of a story ("both waves together", "both sets of
# explosions add up to 37 dead", "32 dead over both days", "the two quakes", "the combined
# toll"): another fact than any one event's count. Both countries, nations or states are an
# area the subject names instead.
COMBINED_RE = re.compile(
    r"\bboth\s+(?!countries\b|nations\b|states\b|sides\b)(?:[\w-]+\s+){0,2}?(?:waves?|attacks?|"
    r"days?|blasts?|explosions?|strikes?|quakes?|earthquakes?|sets?|incidents?|events?|rounds?)\b"
    r"|\b(?:the\s+)?(?:two|three)\s+(?:waves|attacks|days|blasts|explosions|strikes|quakes|"
    r"earthquakes)\b|\badd(?:s|ed)?\s+up\s+to\b|\bcombined\b", re.IGNORECASE)
COMBINED = "combined"  # a count summed over several events of the story


def event_slot(sentence_days: Sequence[EventDay], article_days: frozenset[date],
               clause: tuple[int, int], figure: tuple[int, int], sentence: str = "") -> Slot:
    """The event of one count: `COMBINED` when its clause sums several events, else the day
    its clause names (nearest the figure), else the one day its sentence names, else the
    article's only recent event day (lent), else `SEVERAL` when the article tells of recent
    events on several days, else unread."""
    if m := COMBINED_RE.search(sentence, clause[0], clause[1]):
        return Slot(COMBINED, m.group(0), "sentence")
    own = [e for e in sentence_days if clause[0] <= e.start and e.end <= clause[1]]
    if own:
        best = min(own, key=lambda e: abs(e.start - figure[0]))
        return Slot(best.day.isoformat(), best.words, "sentence")
    if len({e.day for e in sentence_days}) == 1:
        return Slot(sentence_days[0].day.isoformat(), sentence_days[0].words, "sentence")
    if len(article_days) == 1:
        day = next(iter(article_days))
        return Slot(day.isoformat(), "the article's only recent event day", "article")
    if len(article_days) > 1:
        days = ", ".join(sorted(d.isoformat() for d in article_days))
        return Slot(SEVERAL, f"the article tells of events on {days}", "article")
    return Slot()
