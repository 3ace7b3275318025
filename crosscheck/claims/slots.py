"""Read every slot of one figure: measure, subject and partner, time, scope, modality, revision.

`read_slots` is the one entry point the extract stage calls per figure; each slot keeps the
words it was read from, and a slot nothing in the sentence gives stays unread (the subject
alone may fall back to the article's lead, marked as such).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from crosscheck.claims.attribution import clause_speaker, gapped_speaker
from crosscheck.claims.clauses import FigureContext, figure_context
from crosscheck.claims.concepts import (
    AREA_SCOPES,
    CUMULATIVE_MEASURES,
    HELD_RE,
    RECOVERED_DEAD,
    SCOPE_MARKERS,
    is_event_count,
)
from crosscheck.claims.events import (
    COMBINED_RE,
    NO_EVENTS,
    ArticleEvents,
    EventDay,
    event_slot,
)
from crosscheck.claims.measure import (
    MeasureReading,
    carry_measure,
    read_measure,
    with_article_gathering,
    with_article_measure,
)
from crosscheck.claims.modality import is_transition_start, read_modality, read_revision
from crosscheck.claims.parties import (
    Mention,
    bare_place,
    mentions,
    place_speaks,
    read_parties,
)
from crosscheck.claims.when import day_part, read_time
from crosscheck.models import ClaimSlots, Quantity, Slot

_WITHIN_RE = re.compile(r"\b(within|up to|inside|beyond|more than|less than)\s+([\d,.]+)\s*"
                        r"(km|kilometres?|kilometers?|miles?|m|metres?|meters?)\s+(of|from)\b",
                        re.IGNORECASE)


# The dimension a physical figure gives of a named thing: its length, its mass...
_DIMENSION_OF = {"length": "length", "mass": "mass", "area": "area", "volume": "volume",
                 "speed": "speed"}
_PARTITIVE_RE = re.compile(r"^\W*(?:of|among)\s+(?:the|those|these|them)\b[^,]{0,60},",
                           re.IGNORECASE)

# A count made at one of several places ("counted 20 bodies at a local hospital", "treated in
# a field clinic") is a part of the story's count, not a rival figure for the whole.
_ONE_PLACE_RE = re.compile(
    r"\b(?:at|in|inside)\s+(?:a|one|a\s+single)\s+(?:(?:local|nearby|district|field|city|"
    r"single|regional)\s+)?(?:hospital|morgue|mortuary|clinic|shelter|camp|cemetery)\b"
    r"(?:\s+(?:morgue|mortuary))?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SlotReading:
    """The slots of a figure, the day it refers to, its source, and its measure reading."""

    slots: ClaimSlots
    as_of: date | None
    measure: MeasureReading
    span: tuple[date, date] | None
    attribution: str | None = None  # the figure's own source: its clause's, else the sentence's
    floor: str | None = None  # the qualifier of a figure read as the floor of a whole (`_floor`)


def read_slots(sentence: str, q: Quantity, quantities: Sequence[Quantity],
               attribution: str | None, published: date | None, lead: Slot,
               previous: SlotReading | None = None,
               names: Sequence[Mention] | None = None, lead_text: str = "",
               commodity: Slot | None = None,
               things: dict[str, tuple[str, str]] | None = None,
               events: Sequence[EventDay] = (),
               article: ArticleEvents = NO_EVENTS) -> SlotReading:
    """Every slot of figure `q` in `sentence` (whose figures are `quantities`).

    `previous` is the reading of the sentence's figure before this one: its measure is lent
    to a figure that names none ('... 6,255 warheads and the US followed with 5,550').
    `events` are the event days the sentence names, `article` those of the whole article.
    """
    ctx = figure_context(sentence, q, [o for o in quantities if o is not q])
    own = gapped_speaker(sentence, q.start) or clause_speaker(_clause_text(ctx))
    # the clause's own speaker, unless the sentence's attribution already says it and more
    # ("Minister X said 62 were killed, according to TASS" → "Minister X (according to TASS)")
    source = attribution if not own or (attribution and own in attribution) else own
    if source and not own and _contrasted_after(sentence, source, q):
        source = None  # "Officials estimate 3,000, but aid groups say 1,800": the aid groups'
        # word is the second figure's, not the first's
    names = mentions(ctx.words, sentence) if names is None else names
    if source and place_speaks(source, names):
        source = None  # "Rukum West counted 38 casualties": where the count is, not who
    reading = read_measure(ctx)
    if source and reading.measure.read and reading.measure.words and re.search(
            rf"\b{re.escape(reading.measure.words)}\b", source, re.IGNORECASE):
        reading = replace(reading, measure=Slot())  # "aid groups say the figure is 1,800":
        # a word of who speaks names nothing counted; the figure before lends its measure
    lender = previous.measure if previous and _may_take(previous.measure, q) else None
    measure = carry_measure(reading, lender, q.surface)
    if source and q.surface in source:  # "Two security sources say ...": the figure counts
        measure = replace(measure, measure=Slot())  # who speaks, it states no fact
    measure = with_article_measure(measure, commodity or Slot(), ctx)
    measure = with_article_gathering(measure, lead_text, ctx)
    # the sources a gapped list names for the sentence's other figures are no one's subject
    sources = " | ".join(filter(None, [source, *(gapped_speaker(sentence, o.start)
                                                 for o in quantities if o is not q)]))
    parties = read_parties(ctx, names, sources or None, lead, lead_text,
                           [(o.start, o.end) for o in quantities if o is not q])
    if parties.named_thing and q.unit_kind in _DIMENSION_OF:  # "the 22-foot (6.7-meter) Titan"
        measure = replace(measure, measure=Slot(_DIMENSION_OF[q.unit_kind],
                                                parties.subject.words, "sentence"))
    elif q.unit_kind in _DIMENSION_OF and parties.subject.origin != "sentence" and \
            (thing := (things or {}).get(measure.measure.value)):
        # "It is a 22-foot submersible" in an article that named it ("Their submersible, the
        # Titan"): the length of the Titan, its name lent by the article and marked as such
        parties = replace(parties, subject=Slot(thing[0], thing[1], "article"))
        measure = replace(measure, measure=Slot(_DIMENSION_OF[q.unit_kind],
                                                measure.measure.words, "sentence"))
    floor = _floor(ctx, measure)
    if floor and measure.measure.value == RECOVERED_DEAD:
        measure = replace(measure, measure=Slot(
            "deaths", f"{measure.measure.words} (at least as many dead)", measure.measure.origin))
    time = read_time(ctx, published, [(e.start, e.end, e.day) for e in events])
    period = time.period if time.period.read else _event_year(sentence, parties.subject_start)
    modality = read_modality(ctx, time.target, [o for o in quantities if o is not q])
    if modality.value == "previous" and time.as_of and time.as_of != published:
        modality = Slot("reported", f"{modality.words} (dated)", "sentence")  # "issued on
        # Saturday, had put the number killed at 133": Saturday's figure, not a superseded one
    if is_transition_start(sentence, q) and not time.period.read:
        modality = Slot("previous", "from", "sentence")
    event, told = Slot(), ""
    if is_event_count(measure.measure.value):
        event = event_slot(events, article.recent, (ctx.clause_start, _clause_end(ctx)),
                           (q.start, q.end), sentence)
        told = article.told
    slots = ClaimSlots(
        measure=measure.measure, change=measure.change, subject=parties.subject,
        partner=parties.partner, period=period, rate=time.rate,
        scope=_breakdown(_scope(ctx, measure, parties.places + _body_area(source),
                                floor is not None), q, quantities), modality=modality,
        revision=read_revision(sentence, q, quantities),
        running=bool(_RUNNING_RE.search(ctx.sentence[ctx.clause_start:_clause_end(ctx)]))
        or period.value.startswith("since"), event=event, event_days=told,
        incomplete=measure.measure.value in CUMULATIVE_MEASURES
        and bool(_INCOMPLETE_RE.search(sentence)),
        day_part=day_part(ctx))
    if previous is not None and previous.attribution == source and (
            "(carried" in measure.measure.words or _part_coordinated(ctx, measure, previous)):
        slots = _sibling(slots, previous.slots, sentence[q.start:q.end + 10])
    return SlotReading(slots, time.as_of, measure, time.span, source, floor)


# How a count bounds the whole it is part of: "39 bodies" are at least 39 dead, "more than 40
# bodies" more than 40; "up to 40" says nothing of the whole's floor.
_FLOOR_OF = {"exact": "at_least", "at_least": "at_least", "more_than": "more_than"}


def _floor(ctx: FigureContext, measure: MeasureReading) -> str | None:
    """The qualifier of a count read as the floor of a whole, or None: bodies counted (found,
    recovered, at a morgue) are at least as many dead, and what one event did counted at one
    of several places ('30 died at a local hospital') is at least as many in all. So the
    toll of that day may not be lower, and a higher count does not contradict it."""
    floor = _FLOOR_OF.get(ctx.quantity.qualifier)
    if floor is None or measure.change != "level" or ctx.quantity.unit_kind != "count":
        return None
    if measure.measure.value == RECOVERED_DEAD:
        return floor
    if is_event_count(measure.measure.value) and _ONE_PLACE_RE.search(ctx.clause_text):
        return floor
    return None


# A running total still being counted, with more expected ('207 dead had already been counted
# and the figure was going to climb').
_RISE = r"(?:climb|rise|increase|grow|go up)"
_MORE_EXPECTED = (rf"(?:expected|likely|feared|set|going|bound) to {_RISE}|"
                  rf"(?:could|may|might|will|would) (?:still )?{_RISE}|"
                  rf"still (?:rising|climbing|growing)|continu(?:es|ed|ing|e) to {_RISE}")
_INCOMPLETE_RE = re.compile(
    rf"\b(?:already|{_MORE_EXPECTED}|and counting|not (?:yet )?(?:final|complete))\b",
    re.IGNORECASE)
# An article saying its toll will rise ('officials expected the toll to rise sharply', 'the
# number of dead is likely to climb'): the day's toll it gives is still being counted.
_TOLL_WORDS = r"(?:death toll|toll|number of (?:the )?(?:dead|deaths|victims|casualties)|" \
              r"death count|casualty count)"
_TOLL_RISING_RE = re.compile(
    rf"\b{_TOLL_WORDS}\b(?:(?!\b(?:{_TOLL_WORDS})\b)[^.;]){{0,60}}?\b(?:{_MORE_EXPECTED})\b|"
    rf"\b(?:expect(?:s|ed)?|fear(?:s|ed)?)\s+(?:the\s+)?{_TOLL_WORDS}\s+(?:to|would|will)\s+"
    rf"{_RISE}", re.IGNORECASE)
TOLL_MEASURES = frozenset({"deaths", "casualties"})  # what an article's "toll" counts


def toll_still_rising(sentences: Sequence[str]) -> bool:
    """Does one of the article's sentences say its toll will rise?"""
    return any(_TOLL_RISING_RE.search(text) for text in sentences)


_RUNNING_RE = re.compile(
    r"\b(?:since|so far|to date|in total|in all|a total of|altogether|cumulative(?:ly)?|"
    r"and counting|by (?:the end of )?(?:\d{1,2} )?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)|under the (?:[\w-]+ ){0,4}?(?:deal|agreement|"
    r"arrangement|initiative|programme|program|corridor|scheme|accord))\b", re.IGNORECASE)


def _contrasted_after(sentence: str, source: str, q: Quantity) -> bool:
    """The sentence's speaker opens a contrasting clause after the figure ('..., but aid
    groups say ...', 'while the UN says ...')."""
    m = re.search(r"\b(?:but|while|whereas)\s+(?:the\s+)?" + re.escape(source), sentence)
    return m is not None and m.start() >= q.end


def _clause_end(ctx: FigureContext) -> int:
    return ctx.right[-1].end if ctx.right else ctx.quantity.end


def _clause_text(ctx: FigureContext) -> str:
    end = ctx.right[-1].end if ctx.right else ctx.quantity.end
    return ctx.sentence[ctx.clause_start:end]


def _part_coordinated(ctx: FigureContext, measure: MeasureReading, previous: SlotReading
                      ) -> bool:
    """The figure is joined by 'and' / 'or' to a part of a whole before it, counting the
    same thing: another part ('420 ships ..., 217 of them inbound and 203 outbound')."""
    i = len(ctx.before) - len(ctx.left) - 1
    return "part" in previous.slots.scope.value.split("+") and i >= 0 and \
        ctx.before[i].low in ("and", "or") and \
        measure.measure.value == previous.slots.measure.value


def _sibling(slots: ClaimSlots, previous: ClaimSlots, surface: str = "") -> ClaimSlots:
    """A figure that borrows its measure from the one before and shares its subject, period
    and modality counts another part of it ('12,241 warheads ..., about 9,614 in stockpiles
    and 3,912 deployed'): its scope says so."""
    if (slots.subject.value, slots.period.value, slots.modality.value, slots.change) != (
            previous.subject.value, previous.period.value, previous.modality.value,
            previous.change) or slots.revision.read:
        return slots
    own = {p for p in slots.scope.value.split("+") if p.startswith("in ")}
    if own - set(previous.scope.value.split("+")) and not _SUBGROUP_RE.search(surface):
        return slots  # "133 dead, 95 in Jajarkot and 38 in Rukum West": the part is named;
    # "19 men and 19 women in Rukum West" still count a part of the place's dead
    parts = sorted({*filter(None, slots.scope.value.split("+")), "part"})
    return replace(slots, scope=Slot("+".join(parts), slots.scope.words or "another part of "
                                     "the figure before it", "sentence"))


def _breakdown(scope: Slot, q: Quantity, quantities: Sequence[Quantity]) -> Slot:
    """A count of people by sex or age beside another such count in its sentence ('29 men and
    10 women', '19 men, 19 women') breaks a whole down: each is a part of it."""
    if q.unit_kind != "count" or not _SUBGROUP_RE.search(q.surface) or \
            "part" in scope.value.split("+") or not any(
                o is not q and o.unit_kind == "count" and _SUBGROUP_RE.search(o.surface)
                for o in quantities):
        return scope
    parts = "+".join(sorted({*filter(None, scope.value.split("+")), "part"}))
    return Slot(parts, ", ".join(filter(None, [scope.words, "a breakdown by sex or age"])),
                "sentence")


# People counted as a group of the whole by sex or age: a breakdown, not the whole.
_SUBGROUP_RE = re.compile(r"\b(?:women|men|woman|man|children|child|girls|boys|girl|boy|"
                          r"minors|infants|elderly|adults|females|males)\b", re.IGNORECASE)
_EVENT_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\s+$")


def _event_year(sentence: str, subject_start: int) -> Slot:
    """The year of a named event the figure is about: 'the 2018 Camp Fire ... left 85 dead'."""
    if subject_start < 0:
        return Slot()
    m = _EVENT_YEAR_RE.search(sentence[max(0, subject_start - 6):subject_start])
    return Slot(m.group(1), m.group(0).strip(), "sentence") if m else Slot()


# Words between "only" and a figure it stresses ("only about 250,000 tons moved").
_STRESSED_GAP_RE = re.compile(r"^\W*(?:(?:about|around|some|roughly|nearly|just|almost|"
                              r"approximately)\s+)?$", re.IGNORECASE)
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|an|its|their|his|her|our)\s+$", re.IGNORECASE)
# A relative clause opening between a marker and the figure: the marker is the other clause's
# ("these counts cover only the Mandalay region, where 68 people are missing").
_RELATIVE_RE = re.compile(r",\s*(?:where|which|who|whom|whose|when|while)\b", re.IGNORECASE)


# A body of one province or state: "the Karnali Province Emergency Operations Center".
_AREA_BODY_RE = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(Province|State|Region|"
                           r"County|Oblast|Prefecture|Governorate)\s+(?:[A-Z][\w'’-]+\s*)+")


def _body_area(source: str | None) -> tuple[str, ...]:
    """The province or state whose body the source is: its count is that area's."""
    m = _AREA_BODY_RE.search(source or "")
    return (f"{m.group(1)} {m.group(2).lower()}",) if m else ()


MAGNITUDE_TOP = 10.0  # no earthquake scale reading is above this


def _may_take(previous: MeasureReading, q: Quantity) -> bool:
    """The figure may take the measure of the figure before it: a quake's magnitude is lent
    to no number off its scale ("the dead from the 7.7 magnitude earthquake at 1,000")."""
    return previous.measure.value != "magnitude" or q.high <= MAGNITUDE_TOP


def _scope_marker(ctx: FigureContext) -> re.Match[str] | None:
    """A word restricting what the figure counts ('in Derna alone', 'excluding the army').

    "only" stressing the figure itself ("only 21 of the 68 bodies", "only about 250,000 tons")
    says it is small, not what it covers; "the only road" is a determiner's; and a marker in
    another clause, across a relative pronoun, restricts that clause's words."""
    sentence, q = ctx.sentence, ctx.quantity
    ws = ctx.left + ctx.inside + ctx.right
    offset = ws[0].start if ws else 0
    for m in SCOPE_MARKERS.finditer(ctx.clause_text):
        start, end = offset + m.start(), offset + m.end()
        if m.group(1).lower() == "only" and (
                (end <= q.start and _STRESSED_GAP_RE.match(sentence[end:q.start]))
                or _DETERMINER_BEFORE_RE.search(sentence[max(0, start - 8):start])):
            continue
        between = sentence[end:q.start] if end <= q.start else sentence[q.end:start]
        if _RELATIVE_RE.search(between):
            continue
        return m
    return None


def _scope(ctx: FigureContext, measure: MeasureReading, places: tuple[str, ...],
           floor: bool = False) -> Slot:
    """Scope words of the measure, places that restrict it ('in Derna alone'), distances.
    A count that is the floor of the whole (`_floor`) is not a part of it."""
    parts = list(measure.scope)
    words = []
    if _PARTITIVE_RE.match(ctx.sentence[:ctx.quantity.start]) and \
            ctx.quantity.unit_kind == "count":
        parts.append("part")  # "Of the dead, 40 were killed by gunshot wounds ..."
        words.append("of the whole the sentence opens with")
    if ctx.quantity.unit_kind == "count" and not floor and \
            (one := _ONE_PLACE_RE.search(ctx.clause_text)):
        parts.append("part")
        words.append(one.group(0))
    if combined := COMBINED_RE.search(ctx.clause_text):
        parts.append("combined")  # "both waves together left 37 dead": a sum of two events
        words.append(combined.group(0))
    if marker := _scope_marker(ctx):
        parts.append(marker.group(1).lower())
        words.append(marker.group(0))
    for place in places if measure.measure.value != "magnitude" else ():  # a quake's, whole
        parts.append(f"in {bare_place(place)}")
        words.append(place)
    if m := _WITHIN_RE.search(ctx.sentence, ctx.quantity.end, ctx.quantity.end + 60):
        parts.append(f"{m.group(1).lower()} {m.group(2)} {m.group(3).lower()}")
        words.append(m.group(0))
    for m in AREA_SCOPES.finditer(ctx.clause_text):
        if m.group(2) and m.group(2)[0].isupper() and m.start() > 0:
            continue  # "Nepal's National Seismological Centre": a name, not a scope
        area = re.sub(r"\s+", " ", (m.group(1) or m.group(2) or m.group(3) or
                                   HELD_RE.sub("-held", m.group(4))).lower())
        parts.append("nationwide" if area in ("countrywide", "national", "nationally") else area)
        words.append(m.group(0))
    if not parts:
        return Slot("", "", "sentence")
    return Slot("+".join(sorted(set(parts))), ", ".join(words + list(measure.scope)),
                "sentence")


def with_time(reading: SlotReading, as_of: date | None) -> SlotReading:
    """The same reading with another as-of day."""
    return replace(reading, as_of=as_of)
