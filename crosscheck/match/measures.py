"""What a figure measures beyond its unit, and why two claims of one block cannot match."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import utils

from crosscheck.claims import COUNTRY_NAMES, PLACE_COUNTRY, figure_actor, subject_entities
from crosscheck.match.options import PRECISE_DIGITS
from crosscheck.models import Claim

# Measures that share a unit but are different facts ("62 killed" vs "145 injured").
_MEASURE_CLASSES = {
    "deaths": "killed dead death deaths died toll fatalities lives perished bodies",
    "injuries": "injured wounded hurt injuries hospitalized hospitalised",
    "capacity": "capacity produce produces production produced manufacture manufactured output",
    "usage": "used use fired expended consumed consumption",
    "supply": "sold supplied delivered shipped sent transferred provided exported",
    "identified": "identified",
    "damage": "destroyed damaged razed collapsed",
    "convoy": "convoy column",
    "hunger": "hunger hungry famine starvation malnutrition malnourished",
    "refugees": "refugees refugee fled",
    "stock": "stockpile stockpiles stock stocks reserve reserves inventory",
    "missing": "missing",
    "arrests": "arrested detained arrests",
    "hospitalized": "hospital hospitalized hospitalised treated",
    "displaced": "displaced homeless evacuated",
}
_CLASS_OF = {w: c for c, words in _MEASURE_CLASSES.items() for w in words.split()}
_FLOW_CLASSES = frozenset({"usage", "supply"})
# A measure word after the figure names it only inside the same phrase ("145 injured", "62 people
# had been killed"); past a comma or preposition it belongs to a later clause ("risen to 144
# after more of the injured died").
_CLAUSE_BREAK_RE = re.compile(r"[,;:()]|\b(after|before|and|but|while|among|including|as|when|"
                              r"than)\b", re.IGNORECASE)
_CLASS_RE = re.compile(r"\b(" + "|".join(sorted(_CLASS_OF, key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)
# What is counted: two figures about different things (gas vs coal, troops vs battalions,
# people vs buildings) are different facts. "people" is compatible with every human class.
_THING_CLASSES = {
    "gas": "gas lng", "oil": "oil crude petroleum barrel", "coal": "coal",
    "electricity": "electricity power", "grain": "grain wheat corn maize barley food foodstuff",
    "personnel": "troop soldier army fighter men man servicemen personnel force",
    "military_units": "battalion brigade division regiment",
    "ships": "ship vessel boat tanker", "buildings": "building structure home house",
    "shells": "shell round", "missiles": "missile rocket", "drones": "drone",
    "containers": "container", "countries": "country nation", "refugees": "refugee",
    "people": "people person resident civilian victim",
    "aid": "aid assistance package funding",
}
_HUMAN = frozenset({"personnel", "refugees", "people"})
# Words that name no particular thing: a measured phrase made only of them is no evidence.
_GENERIC_WORDS = frozenset("people person individual time case unit figure number total share "
                           "percent percentage rate level amount".split())
_THING_OF = {w: c for c, words in _THING_CLASSES.items() for w in words.split()}
_RATE_RE = re.compile(
    r"^\W*(?:(?!in\b|within\b|for\b|over\b|after\b|by\b)\w+\W+){0,3}?"
    r"(?:(?:a|per|each|every)\s+(day|week|month|year|annum)|"
    r"(daily|weekly|monthly|annually|yearly))\b", re.IGNORECASE)
_RATE_NAMES = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
               "yearly": "year", "annum": "year"}
_PERIOD_RE = re.compile(r"\b(?:in|during|for|of|over)\s+((?:19|20)\d\d)\b")


def rate_period(claim: Claim) -> str | None:
    """'day' for '20,000 shells a day', 'year' for '55 bcm a year', None for a total."""
    unit = claim.quantity.unit.lower()
    if "/" in unit or " per " in unit:
        return unit.split("/")[-1].split(" per ")[-1].strip() or None
    m = _RATE_RE.match(claim.sentence[claim.quantity.end:claim.quantity.end + 40])
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return _RATE_NAMES.get(word, word)


def measure_class(claim: Claim) -> str | None:
    """Deaths, injuries, capacity, usage...: the measure word nearest the figure, if any."""
    q = claim.quantity
    best: tuple[float, str] | None = None
    for m in _CLASS_RE.finditer(claim.sentence):
        if q.unit_kind == "percent" and _CLASS_OF[m.group(1).lower()] in _FLOW_CLASSES:
            continue  # "55% of the gas Germany consumed" = "Russia supplied 55%": one share
        if m.end() <= q.start:
            gap = q.start - m.end() + 0.5  # ties go to the word after the figure ("145 injured")
        elif not _CLAUSE_BREAK_RE.search(claim.sentence[q.end:m.start()]):
            gap = max(0, m.start() - q.end)
        else:  # far after the figure: only when nothing comes before
            gap = 1000 + m.start() - q.end
        if best is None or gap < best[0]:
            best = (gap, _CLASS_OF[m.group(1).lower()])
    return best[1] if best else None


def thing_classes(claim: Claim) -> frozenset[str]:
    """Classes of the thing counted (gas, troops, ships...), from the measured phrase and unit."""
    words = re.findall(r"[a-z]+", f"{claim.measured} {claim.quantity.unit}".lower())
    return frozenset(_THING_OF[w] for w in (_singular(w) for w in words) if w in _THING_OF)


def _singular(word: str) -> str:
    if word in _THING_OF or not word.endswith("s"):
        return word
    return word[:-2] if word.endswith("es") and word[:-2] in _THING_OF else word[:-1]


def period_year(claim: Claim) -> str | None:
    """Explicit year the figure covers ('12 million shells used in 2022'), if any."""
    q = claim.quantity
    m = _PERIOD_RE.search(claim.sentence[max(0, q.start - 60):q.end + 60])
    return m.group(1) if m else None


def block_key(claim: Claim) -> tuple[str, str, str, str]:
    """Claims can only match inside the same block: kind, unit, change and rate period."""
    q = claim.quantity
    unit = "" if q.unit_kind == "count" else q.unit.lower()  # count nouns vary: troops/soldiers
    rate = rate_period(claim) or ""
    return q.unit_kind, unit, q.change, "" if rate == "year" else rate


@dataclass(frozen=True)
class Features:
    """What matching reads from a claim beyond its frame, computed once per claim."""

    measure: str | None
    rate: str | None
    year: str | None
    measured: str
    entities: frozenset[str]
    things: frozenset[str]
    bare_unit: bool  # the measured thing is only the unit ("tonnes"): says nothing
    precise: float | None  # the value when it has 3+ significant digits (719,549), else None
    informative: bool  # the measured phrase names a specific thing (not "people", not a unit)
    countries: frozenset[str]  # countries named, or implied by a place ("Moscow" → Russia)
    actor: str | None  # the country its clause is about ("Russia is firing 20,000"), if any


def features(claim: Claim) -> Features:
    """Measure class, rate period, period year, measured text, subject entities, things."""
    subject = subject_entities(claim.entities, claim.attribution)
    return Features(measure_class(claim), rate_period(claim), period_year(claim),
                    utils.default_process(_measured_text(claim)), frozenset(subject),
                    thing_classes(claim), _bare_unit(claim), _precise(claim),
                    _informative(claim), _countries(subject),
                    figure_actor(claim.sentence, claim.quantity, claim.attribution))


def _informative(claim: Claim) -> bool:
    words = {_singular(w) for w in re.findall(r"[a-z]+", claim.measured.lower())}
    return bool(words - _GENERIC_WORDS) and not _bare_unit(claim)


def _countries(entities: Sequence[str]) -> frozenset[str]:
    places = {PLACE_COUNTRY[e] for e in entities if e in PLACE_COUNTRY}
    return frozenset(set(entities) & COUNTRY_NAMES | places)


def _precise(claim: Claim) -> float | None:
    q = claim.quantity
    if q.low != q.high or not math.isfinite(q.low) or q.low == 0:
        return None
    digits = f"{abs(q.low):.6g}".replace(".", "").replace("-", "").strip("0")
    return abs(q.low) if len(digits) >= PRECISE_DIGITS and "e" not in digits else None


def _bare_unit(claim: Claim) -> bool:
    q = claim.quantity
    if q.unit_kind == "count" or not claim.measured:
        return False
    return {_singular(w) for w in claim.measured.lower().split()} <= \
        {_singular(w) for w in q.unit.lower().split()}


def _things_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a & b:
        return False
    return not ((a == {"people"} and b <= _HUMAN) or (b == {"people"} and a <= _HUMAN))


def incompatibility(a: Claim, b: Claim, fa: Features | None = None,
                    fb: Features | None = None) -> str | None:
    """Why two claims in one block still cannot be the same fact, or None."""
    if a.article_id == b.article_id and not _same_interval(a, b) and a.as_of == b.as_of:
        return "same article, different figures: two facts of one text"
    fa, fb = fa or features(a), fb or features(b)
    if fa.measure and fb.measure and fa.measure != fb.measure:
        return f"different measures ({fa.measure} vs {fb.measure})"
    if _things_clash(fa.things, fb.things):
        return f"different things counted ({'/'.join(sorted(fa.things))} vs " \
               f"{'/'.join(sorted(fb.things))})"
    if _rates_clash(fa.rate, fb.rate):
        return f"different rate periods ({fa.rate or 'total'} vs {fb.rate or 'total'})"
    if fa.year and fb.year and fa.year != fb.year:
        return f"different periods ({fa.year} vs {fb.year})"
    if _actors_clash(fa, fb):
        return f"different actors ({fa.actor} vs {fb.actor})"
    return None


def _rates_clash(a: str | None, b: str | None) -> bool:
    """Two rate periods, or a rate and a total, that cannot be one figure (a yearly figure and
    a total can: '55 bcm a year' is how a year's total is often put)."""
    return a != b and {a, b} != {None, "year"}


def _actors_clash(fa: Features, fb: Features) -> bool:
    """Each figure has its own actor and one of them is not named in the other claim at all.

    'Russia is firing 20,000 shells a day in Ukraine' and 'Ukraine is firing 6,000 a day' are
    two facts; 'North Korea sold 1 million shells to Russia' and 'Russia received 1 million
    shells from North Korea' name both countries, so they stay one.
    """
    if not fa.actor or not fb.actor or fa.actor == fb.actor:
        return False
    return fa.actor not in fb.entities | fb.countries or fb.actor not in fa.entities | fa.countries


def _same_interval(a: Claim, b: Claim) -> bool:
    qa, qb = a.quantity, b.quantity
    return (qa.low, qa.high, qa.unit) == (qb.low, qb.high, qb.unit)


def _measured_text(claim: Claim) -> str:
    unit = claim.quantity.unit if claim.quantity.unit_kind == "count" else ""
    return f"{claim.measured} {unit}".strip()
