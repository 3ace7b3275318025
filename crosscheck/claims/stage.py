"""The extract stage: one `Claim` per figure of an article, skipped figures with their reasons."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from crosscheck.claims.attribution import attributions
from crosscheck.claims.clauses import words_of
from crosscheck.claims.events import NO_EVENTS, ArticleEvents, article_events
from crosscheck.claims.measure import article_commodity
from crosscheck.claims.modality import is_transition_start
from crosscheck.claims.parties import (
    Mention,
    article_lead,
    article_places,
    mentions,
    named_things,
)
from crosscheck.claims.predicate import find_predicate
from crosscheck.claims.sentences import Sentence, boilerplate_reason, skip_reason, split_sentences
from crosscheck.claims.slots import TOLL_MEASURES, SlotReading, read_slots, toll_still_rising
from crosscheck.models import Article, Claim, ClaimSlots, Quantity, SkipRecord, Slot, stable_id

Parser = Callable[[str], list[Quantity]]
_FROM_TO_RE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_TO_RE = re.compile(r"\s+to\s+")


def _default_parser() -> Parser:
    from crosscheck.quantities import parse_quantities  # the quantity engine (another module)

    return parse_quantities


def extract_claims(article: Article, parse: Parser | None = None
                   ) -> tuple[list[Claim], list[SkipRecord]]:
    """Claims of one article, and the figures skipped with their reasons."""
    parse = parse or _default_parser()
    sentences = split_sentences(article.text or "")
    texts = [s for s in sentences if boilerplate_reason(s.text) is None]
    attributed = attributions(texts)
    published = published_date(article)
    lead = article_lead(article.title or "", texts[0].text if texts else "",
                        attributed.get(texts[0].index) if texts else None,
                        " ".join(s.text for s in texts[1:]))
    lead_text = f"{article.title or ''} {texts[0].text if texts else ''}"
    commodity = article_commodity(f"{article.title or ''} {article.text or ''}")
    things = named_things(f"{article.title or ''}. {article.text or ''}")
    places = article_places(f"{article.title or ''}. {article.text or ''}")
    events = article_events([(s.index, s.text) for s in texts], published)
    claims: list[Claim] = []
    skips: list[SkipRecord] = []
    for s in sentences:
        reason = boilerplate_reason(s.text)
        found = [q for q in parse(s.text) for q in split_transition(s.text, q, parse)]
        kept = []
        for q in found:
            why = reason or skip_reason(s.text, q)
            if why:
                skips.append(_skip(article, s, q, why))
            else:
                kept.append(q)
        claims.extend(_sentence_claims(article, s, kept, attributed.get(s.index), published,
                                       lead, lead_text, commodity, things,
                                       events, places))
    if toll_still_rising([s.text for s in texts]):
        claims = [_still_counted(c, published) for c in claims]
    return claims, skips


def _still_counted(claim: Claim, published: date | None) -> Claim:
    """A toll of the article's own day, in an article that says its toll will rise: still
    being counted. Tolls of earlier days ('on Sunday it stood at 40') are not."""
    s = claim.slots
    if s is None or s.incomplete or s.measure.value not in TOLL_MEASURES or \
            s.change != "level" or s.modality.value != "reported" or claim.as_of != published:
        return claim
    return replace(claim, slots=replace(s, incomplete=True))


def split_transition(sentence: str, q: Quantity, parse: Parser) -> list[Quantity]:
    """'rose from 12,512 to 12,815': two figures, where the change started and where it ended.

    The quantity engine reads 'X to Y' as a range; after a 'from' it is a change between two
    values ('revised from 385 to 97'), each its own figure, read again on its own.
    """
    if q.qualifier != "range" or not _FROM_TO_RE.search(sentence[max(0, q.start - 8):q.start]):
        return [q]
    m = _TO_RE.search(q.surface)
    if not m:
        return [q]
    halves = [(q.surface[:m.start()], q.start), (q.surface[m.end():], q.start + m.end())]
    out = []
    for text, offset in halves:
        read = parse(text)
        if len(read) != 1:
            return [q]
        one = read[0]
        unit = one.unit or q.unit  # "from 12,512 to 12,815 units": the unit is said once
        out.append(replace(one, unit=unit, unit_kind=q.unit_kind, start=offset + one.start,
                           end=offset + one.end))
    return out


def _sentence_claims(article: Article, s: Sentence, quantities: Sequence[Quantity],
                     attribution: str | None, published: date | None, lead: Slot,
                     lead_text: str = "", commodity: Slot | None = None,
                     things: dict[str, tuple[str, str]] | None = None,
                     events: ArticleEvents = NO_EVENTS,
                     places: frozenset[str] = frozenset()) -> list[Claim]:
    """The claims of one sentence's figures, each figure read against the others."""
    names = mentions(words_of(s.text), s.text, places)
    own_events = events.by_sentence.get(s.index, ())
    out: list[Claim] = []
    previous: SlotReading | None = None
    last: Quantity | None = None
    for q in quantities:
        if previous is not None and last is not None and _restates(s.text, last, q):
            reading = previous  # "1.665 trillion yuan ($231.4 billion)": one figure, two units
        else:
            reading = read_slots(s.text, q, quantities, attribution, published, lead,
                                 previous, names, lead_text, commodity, things, own_events,
                                 events)
        previous, last = reading, q
        figure = replace(q, qualifier=reading.floor) if reading.floor else q
        out.append(build_claim(article, s, figure, reading.attribution, reading.slots,
                               reading.as_of or published, names))
    return _earlier_and_now(out)


def _earlier_and_now(claims: list[Claim]) -> list[Claim]:
    """A sentence that gives one source's earlier figure and its current one of the same
    measure revises the first into the second ("An earlier count of 100 deaths was raised
    to 670", "The IOM, which had initially said 100 died, now says 670"), when no revision
    verb around the figures said so already."""
    def slots(c: Claim) -> ClaimSlots:
        assert c.slots is not None
        return c.slots

    read = [c for c in claims if c.slots is not None]
    if any(slots(c).revision.read for c in read):
        return claims
    olds = [c for c in read if slots(c).modality.value == "previous"]
    if len(olds) != 1:
        return claims
    old = olds[0]
    if is_transition_start(old.sentence, old.quantity):
        return claims  # "rose to 14,000, up from 9,000 a week ago": a change, not a revision
    news = [c for c in read if c is not old and slots(c).modality.value == "reported"
            and slots(c).measure.read and slots(c).measure.value == slots(old).measure.value
            and c.quantity.unit_kind == old.quantity.unit_kind
            and (c.attribution or "") == (old.attribution or "")
            and "part" not in slots(c).scope.value.split("+")]
    if len(news) != 1:
        return claims
    marked = {old.id: Slot("old", slots(old).modality.words, "sentence"),
              news[0].id: Slot("new", f"now, after {old.quantity.surface}", "sentence")}
    return [replace(c, slots=replace(slots(c), revision=marked[c.id])) if c.id in marked
            else c for c in claims]


_RESTATES_RE = re.compile(r"\s*(?:[(\[]|,?\s*or|,)\s*(?:about|around|roughly|some|nearly|"
                          r"approximately|almost)?\s*")


def _restates(sentence: str, before: Quantity, q: Quantity) -> bool:
    """`q` gives the figure before it in another unit: 'X yuan ($Y)', 'X km, or Y miles',
    '8 knots, roughly 9 mph'."""
    gap = sentence[before.end:q.start]
    if before.unit_kind != q.unit_kind or before.unit == q.unit or before.unit_kind == "count" \
            and "," in gap:
        return False  # "170 drones, 40 cruise missiles": a list of counts, not one figure
    return bool(_RESTATES_RE.fullmatch(gap))


def _skip(article: Article, s: Sentence, q: Quantity, why: str) -> SkipRecord:
    return SkipRecord("extract", article.source_id,
                      f"{article.id} sentence {s.index}: {q.surface!r}", why)


def build_claim(article: Article, s: Sentence, q: Quantity, attribution: str | None,
                slots: ClaimSlots, as_of: date | None, names: Sequence[Mention]) -> Claim:
    """One claim record for a figure in a sentence, with its slots."""
    return Claim(
        id=stable_id(article.id, s.index, q.start),
        article_id=article.id,
        source_id=article.source_id,
        sentence=s.text,
        quantity=q,
        measured=slots.measure.words or slots.measure.value,
        entities=tuple(sorted({m.name for m in names})),
        predicate=find_predicate(s.text, q),
        attribution=attribution,
        as_of=as_of,
        frame=fact_text(q, slots),
        slots=slots,
    )


def fact_text(q: Quantity, slots: ClaimSlots) -> str:
    """The fact a claim states, as one readable line: measure, subject, period, scope..."""
    parts = [slots.measure.value or "?", slots.change, slots.subject.value or "?"]
    if slots.partner.read:
        parts.append(f"with {slots.partner.value}")
    if slots.period.read:
        parts.append(slots.period.value)
    if slots.rate:
        parts.append(f"per {slots.rate}")
    if slots.scope.value:
        parts.append(slots.scope.value)
    if slots.modality.value != "reported":
        parts.append(slots.modality.value)
    return " | ".join(parts)


def published_date(article: Article) -> date | None:
    """The article's date as a day."""
    if isinstance(article.published, datetime):
        return article.published.date()
    return article.published
