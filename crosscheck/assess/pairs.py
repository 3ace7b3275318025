"""Decide, for two claims of one fact, whether their figures conflict — with the reason.

Two holders conflict only when every test passes: they come from independent origins (or,
inside one article, from two named sources); no partner or event slot tells them apart (tolls
of events on two days, or a toll whose event is not read among several its article tells of);
their times are comparable (`timing`); no revision and no update by one authority explains the
change; neither figure is vague nor SCALE_APART times the other; a running total given twice in
one day names a source on at least one side (else it may have grown between the two reports);
and their intervals cannot both hold — or, for a running total, the later figure is the
smaller one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz, utils

from crosscheck.assess.holders import Holder
from crosscheck.assess.intervals import agree, at_most, in_base, is_vague
from crosscheck.assess.timing import is_cumulative, timing
from crosscheck.claims.events import COMBINED, SEVERAL
from crosscheck.models import Claim, Quantity

# Attributions this similar (rapidfuzz token_set_ratio, processed) name one authority:
# "Maui County" / "a Maui County statement", "Governor Josh Green" / "Gov. Josh Green".
SAME_AUTHORITY = 85
# Figures this many times apart are not two estimates of one fact: real disputes in the news
# run to a few times (20 against 125 dead, 15,000 against 150,000), while "12 killed" against
# "12,000 displaced" read as one fact is a slot misread. Such a pair is compared with nothing.
SCALE_APART = 20
_GENERIC_SOURCES = re.compile(r"^(?:the\s+)?(?:report|reports|study|officials?|authorities|"
                              r"researchers|data|figures|statement|estimate|estimates|it|they|"
                              r"he|she|sources?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Revision:
    """One authority replacing a figure: the old claim, the new one, and when."""

    old: Claim
    new: Claim

    def explains(self, a: Quantity, b: Quantity) -> bool:
        """One figure is the old value and the other the new one."""
        o, n = self.old.quantity, self.new.quantity
        return (agree(a, o) and agree(b, n)) or (agree(a, n) and agree(b, o))


@dataclass(frozen=True)
class PairVerdict:
    """Whether two holders conflict, grew apart, or neither, and why."""

    conflict: bool
    growth: bool
    reason: str
    update: bool = False  # one authority replacing its own figure on a later day: a revision


NO = PairVerdict(False, False, "")


@lru_cache(maxsize=65536)
def same_authority(a: str | None, b: str | None) -> bool:
    """Both name one specific source (not 'officials', not 'the report')."""
    if not (a and b and _named(a) and _named(b)):
        return False
    return fuzz.token_set_ratio(_body(a), _body(b), processor=utils.default_process) \
        >= SAME_AUTHORITY


_MINISTER_RE = re.compile(r"\b(\w+)\s+minister\b", re.IGNORECASE)


def _body(source: str) -> str:
    """A minister speaks for the ministry: 'Health Minister Firass Abiad' is of the health
    ministry, as 'the health ministry' is."""
    return _MINISTER_RE.sub(r"\1 ministry", source)


def judge(a: Holder, b: Holder, revisions: list[Revision],
          apart: frozenset[tuple[str, str]] = frozenset()) -> PairVerdict:
    """Do the figures of two holders of one fact conflict? `apart` holds the pairs of event
    days that some article of the fact tells of both (`events_apart`)."""
    ca, cb = a.claim, b.claim
    if not _independent(a, b) or _a_part(ca) or _a_part(cb):
        return NO
    if _partners_differ(ca, cb) or _events_differ(ca, cb, apart):
        return NO
    t = timing(ca, cb)
    if t.relation == "apart":
        return NO
    qa, qb = ca.quantity, cb.quantity
    if is_vague(qa) or is_vague(qb) or any(r.explains(qa, qb) for r in revisions):
        return NO
    updating = ca.as_of != cb.as_of and same_authority(ca.attribution, cb.attribution)
    if t.relation == "same" and updating:  # one authority replacing its own figure
        if agree(qa, qb) or _apart_in_scale(qa, qb):
            return NO
        return PairVerdict(False, False, f"updated by {ca.attribution}: {t.reason}", True)
    if t.relation == "same":
        if agree(qa, qb):
            return NO
        if is_cumulative(ca) and is_cumulative(cb) and (not (
                _named(ca.attribution) or _named(cb.attribution))
                or same_authority(ca.attribution, cb.attribution)):
            return NO  # a running total reported twice in a day (by one authority, or by no
            # one named on either side): it may have grown between
        if is_cumulative(ca) and is_cumulative(cb) and _still_counted_below(ca, cb):
            return NO  # the lower count was said to be still climbing: the higher may be later
        if _apart_in_scale(qa, qb):
            return NO
        return PairVerdict(True, False, f"different figures for one fact, {t.reason}")
    early, late = (ca, cb) if t.earlier is ca else (cb, ca)
    if at_most(early.quantity, late.quantity):  # growth, also when one authority updates it
        return PairVerdict(False, not agree(qa, qb), f"grew: {t.reason}")
    if updating and not _apart_in_scale(qa, qb):  # one authority lowering its running total
        return PairVerdict(False, False, f"lowered by {ca.attribution}: {t.reason}", True)
    return NO  # a later, smaller running total: a correction or a narrower count, not judged


def _still_counted_below(a: Claim, b: Claim) -> bool:
    """Of two counts of a running total on one day, the lower is one its sentence says is
    still being counted."""
    if at_most(a.quantity, b.quantity):
        low = a
    elif at_most(b.quantity, a.quantity):
        low = b
    else:
        return False
    return bool(low.slots and low.slots.incomplete)


def _named(source: str | None) -> bool:
    """A source that names someone, not 'officials' or 'the report'."""
    return bool(source) and not _GENERIC_SOURCES.match((source or "").strip())


def _apart_in_scale(a: Quantity, b: Quantity) -> bool:
    """The figures lie more than SCALE_APART times apart: one fact misread, not a dispute."""
    ends = [abs(x) for q in (in_base(a), in_base(b)) for x in (q.low, q.high)
            if math.isfinite(x)]
    return bool(ends) and min(ends) > 0 and max(ends) / min(ends) > SCALE_APART


def _a_part(c: Claim) -> bool:
    """A part of a figure the sentence named before ('three of them children', 'Of the dead,
    40 ...'): which part it is is not read, so it is compared with nothing."""
    return c.slots is not None and "part" in c.slots.scope.value.split("+")


def _independent(a: Holder, b: Holder) -> bool:
    """Different origins — or one article quoting two different named sources."""
    ca, cb = a.claim, b.claim
    if ca.article_id == cb.article_id:
        return bool(ca.attribution and cb.attribution) and not same_authority(
            ca.attribution, cb.attribution)
    return a.origin_key != b.origin_key


def _partners_differ(a: Claim, b: Claim) -> bool:
    pa, pb = a.slots.partner, b.slots.partner  # type: ignore[union-attr]
    return pa.read and pb.read and pa.value != pb.value


def events_apart(claims: Iterable[Claim]) -> frozenset[tuple[str, str]]:
    """The pairs of event days (earlier day first) that one article of these claims tells of
    both: two events of the story (pagers on the Tuesday, radios on the Wednesday)."""
    out: set[tuple[str, str]] = set()
    for told in {c.slots.event_days for c in claims if c.slots and " " in c.slots.event_days}:
        out.update(combinations(sorted(told.split()), 2))
    return frozenset(out)


def _events_differ(a: Claim, b: Claim, apart: frozenset[tuple[str, str]]) -> bool:
    """Counts of two events, a sum over events against one event's count, or a count of an
    event not read among several its article tells of.

    Two days tell two events apart only when an article of the fact tells of both (pagers on
    the Tuesday, radios on the Wednesday): outlets name different days of one long event (a
    fire that broke out on Tuesday and reached the town on Wednesday), and days read from
    articles that each tell of one do not split a story.
    """
    ea, eb = a.slots.event, b.slots.event  # type: ignore[union-attr]
    if SEVERAL in (ea.value, eb.value):
        return True
    if not (ea.read and eb.read) or ea.value == eb.value:
        return False
    if COMBINED in (ea.value, eb.value):
        return True  # a sum over the story's events against one event's count
    return (min(ea.value, eb.value), max(ea.value, eb.value)) in apart
