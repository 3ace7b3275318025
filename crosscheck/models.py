"""Core records that flow between the stages: Quantity, Article, Claim, Finding, RunRecord.

Records are frozen dataclasses so a stage cannot change what an earlier stage produced;
`as_row` flattens a record for pandas, CSV and the store.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any

UNIT_KINDS = (
    "count", "percent", "currency", "length", "area", "mass", "volume",
    "duration", "speed", "temperature", "energy", "power", "rate", "other",
)
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "at_most", "less_than", "range")
CHANGES = ("none", "up", "down")
FINDING_KINDS = ("contradiction", "revision", "unsupported", "trajectory", "corroborated")
# What a figure is: a count or estimate of what is (reported), or something else that a count
# of what is can never contradict.
MODALITIES = ("reported", "projection", "plan", "capacity", "target", "hypothetical", "previous",
              "rejected")
SLOT_ORIGINS = ("sentence", "article", "unread")
# Version of the claim reading (quantities, slots). Claims stored by another version are read
# again from their article on the next run, so a store never mixes two readings.
# slots-4: bodies as the toll's floor, the part of the day, every claim rule since slots-3
# slots-5: a vessel named by its crew, cargo or charter lends its name to its lengths and speeds
# slots-6: a running total said to be still climbing is marked incomplete
# slots-7: "official" is who gives a count, not a scope of it
# slots-8: a toll in an article that expects it to rise is still being counted
# slots-9: carriages are coaches; a figure with its own noun before "of the" is no part
# slots-10: whoever revises a count ("the ministry cut its estimate") is its source
# slots-11: a dateline is not the article's lead subject
# slots-12: an earlier report's figure named after it ("up from the 97 it gave on Monday")
EXTRACTOR_VERSION = "slots-12"
SEVERITIES = ("high", "medium", "low", "info")


def stable_id(*parts: object, length: int = 16) -> str:
    """Hex digest of the parts, so the same inputs give the same id in every run."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def follow_to_root(key: str, links: Mapping[str, str]) -> str:
    """Follow copy links (copy → origin) to the first origin, stopping on a cycle."""
    seen = {key}
    while key in links and links[key] not in seen:
        key = links[key]
        seen.add(key)
    return key


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure stated in a sentence, normalized to an interval with a unit."""

    low: float
    high: float
    unit: str  # canonical, lower case ("shell", "percentage", "dollar"); "" when none
    unit_kind: str  # one of UNIT_KINDS
    qualifier: str  # one of QUALIFIERS
    change: str  # one of CHANGES
    surface: str  # the text the figure was read from
    start: int  # character span in the sentence
    end: int
    # The interval in one base unit per physical kind, for comparing "2,615 miles" with
    # "4,209 km": metre, square metre, cubic metre, kilogram, second, metre per second, joule,
    # watt, celsius (levels affine, changes scaled), pascal, hertz ...; counts, percentages and
    # currencies keep their unit. Derived from low, high, unit and change on construction.
    base_unit: str = field(default="", init=False)
    base_low: float = field(default=math.nan, init=False)
    base_high: float = field(default=math.nan, init=False)

    def __post_init__(self) -> None:
        from crosscheck.quantities import base_interval  # here: that package imports this one

        base = base_interval(self.unit, self.low, self.high, self.change)
        for name, value in zip(("base_unit", "base_low", "base_high"), base, strict=True):
            object.__setattr__(self, name, value)

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def display(self) -> str:
        """Short human form: '1,000,000–3,000,000 shell', '> 4,300 kilometre'."""
        return format_interval(self.low, self.high, self.unit)


def _fmt_number(value: float) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def format_interval(low: float, high: float, unit: str) -> str:
    """Human form of an interval: exact value, 'a–b', '≥ a' or '≤ b'."""
    suffix = f" {unit}" if unit else ""
    if low == high:
        return f"{_fmt_number(low)}{suffix}"
    if math.isinf(high):
        return f"≥ {_fmt_number(low)}{suffix}"
    if math.isinf(low):
        return f"≤ {_fmt_number(high)}{suffix}"
    return f"{_fmt_number(low)}–{_fmt_number(high)}{suffix}"


@dataclass(frozen=True, slots=True)
class Article:
    """One article as ingested from a source, before claims are extracted."""

    id: str
    source_id: str
    url: str
    canonical_url: str
    title: str
    text: str
    content_hash: str
    published: datetime | None = None
    fetched_at: datetime | None = None
    author: str | None = None
    syndicated_from: str | None = None  # id of the article this one copies, when known


@dataclass(frozen=True, slots=True)
class Slot:
    """One slot of a claim: its normalized value and the words it was read from.

    `origin` says where the value came from: the figure's own sentence, the article (its title
    and lead, when the sentence names nothing), or nowhere ("unread", value "").
    """

    value: str = ""
    words: str = ""
    origin: str = "unread"  # one of SLOT_ORIGINS

    @property
    def read(self) -> bool:
        return self.origin != "unread"

    def show(self) -> str:
        """'China (from the article: "China's nuclear arsenal ...")', '-' when unread."""
        if not self.read:
            return "-"
        where = " from the article" if self.origin == "article" else ""
        return f"{self.value} ({where.strip() + ': ' if where else ''}\"{self.words}\")"


@dataclass(frozen=True, slots=True)
class ClaimSlots:
    """Which fact a figure states, slot by slot, each with the words it was read from.

    Two claims state the same fact only when measure, subject, scope, modality and the kind
    of figure (level or change, rate) agree and their times can be compared (`crosscheck.match`).
    """

    measure: Slot  # what is counted or measured: "deaths", "warhead", "share of gas"
    change: str  # "level" (stands at, reached) or "change" (rose by, a 7% rise)
    subject: Slot  # whose or where: "China", "Maui", "World", "Camp Fire"
    partner: Slot  # the other party of a flow: Russia in "North Korea sold ... to Russia"
    period: Slot  # the period the figure covers: "2023", "2024-01", "2023-H1", "since 2023-04"
    rate: str  # "day", "month", "year" for "a day", "per month", ... ; "" for a total or level
    scope: Slot  # restrictions: "operational", "Khartoum", "within 50 km"; "" when none
    modality: Slot  # one of MODALITIES ("reported" when nothing says otherwise)
    revision: Slot  # "new" or "old" when the sentence revises a figure ("revised to 97 from 115")
    running: bool = False  # a running total ("since", "so far", "by 23 August", "in all")
    event: Slot = Slot()  # the day the counted event happened ("2024-09-17"), for event counts
    event_days: str = ""  # every event day its article tells of ("2024-09-17 2024-09-18")
    day_part: str = ""  # the part of its as-of day: "morning", "afternoon", "evening", "night"
    # a running total its sentence says is still being counted ("had already been counted and
    # the figure was going to climb"): a higher count that day may be a later one
    incomplete: bool = False

    def describe(self) -> dict[str, str]:
        """Slot name → what a reviewer reads ('-' for an unread slot)."""
        out = {name: getattr(self, name).show() for name in
               ("measure", "subject", "partner", "period", "scope", "modality", "revision",
                  "event")}
        out["change"] = self.change + (" (running total)" if self.running else "") + (
            " (still being counted)" if self.incomplete else "")
        out["rate"] = self.rate or "-"
        return out


@dataclass(frozen=True, slots=True)
class Claim:
    """A quantity in context: what was measured, who is involved, who said it, and when."""

    id: str
    article_id: str
    source_id: str
    sentence: str
    quantity: Quantity
    measured: str  # the thing counted or measured ("artillery shells")
    entities: tuple[str, ...]  # countries, organisations, people named in the sentence
    predicate: str  # main verb near the figure ("sold", "massed")
    attribution: str | None  # who the article says the figure came from
    as_of: date | None  # the day the figure refers to: a date in the sentence, else the article's
    frame: str  # the fact the claim states, as one readable key (see `ClaimSlots`)
    slots: ClaimSlots | None = None

    def as_row(self) -> dict[str, object]:
        """Flat dict for DataFrames and CSV."""
        q = asdict(self.quantity)
        # the fields one by one, not asdict(self): that deep-copies the slots and the quantity
        # only to drop them (most of the gates' frame time); the other fields are immutable
        row: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)
                                  if f.name not in ("quantity", "slots")}
        row["entities"] = "; ".join(self.entities)
        row.update(q)
        if self.slots is not None:
            row.update({f"slot_{k}": v for k, v in self.slots.describe().items()})
        return row


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a reviewer should look at, traceable to the claims behind it."""

    id: str
    kind: str  # one of FINDING_KINDS
    severity: str  # one of SEVERITIES
    explanation: str
    claim_ids: tuple[str, ...]
    cluster_id: str
    independent_origins: int = 0
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SkipRecord:
    """Something the run could not use, with the reason kept for the report."""

    stage: str
    source_id: str
    item: str  # file path, URL or claim id
    reason: str


@dataclass(slots=True)
class NoteRecord:
    """A warning about something the run still used (a bad date, a cut text), for the report."""

    stage: str
    source_id: str
    item: str  # file path, URL or sources.yaml key path
    message: str
