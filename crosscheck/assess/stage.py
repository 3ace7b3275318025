"""The assess stage: contradiction, revision, trajectory, unsupported or corroborated, fact by fact.

Within one fact (claims with one fact key, `crosscheck.match`), every pair of holders is judged
(`pairs.judge`); pairs that conflict are joined into one contradiction finding per connected
group. A sentence that revises a figure ("revised to 97, down from 115") is a revision finding,
and the old figure never contradicts the new one. A running total that grows is a trajectory.
A figure several independent origins state alike is corroborated; one that a single origin
states, with no source named or only low-credibility carriers, is unsupported when it is
central to its article (its title or lead) or contested by another outlet.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from crosscheck.assess.credibility import attribution_strength, strength
from crosscheck.assess.findings import build, figure_groups, who
from crosscheck.assess.holders import (
    AssessContext,
    AssessOptions,
    Holder,
    PublisherFacts,
    holders_of,
    origin_claims,
)
from crosscheck.assess.intervals import AgreeKey, agree, agree_key, is_vague
from crosscheck.assess.memo import PairMemo, verdicts
from crosscheck.assess.pairs import Revision, events_apart, same_authority
from crosscheck.assess.timing import is_cumulative, label_span
from crosscheck.match import Cluster, fact_key
from crosscheck.match.facts import base_key
from crosscheck.models import Article, Claim, Finding, Quantity

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def assess(claims: list[Claim], clusters: list[Cluster], articles: dict[str, Article],
           publishers: Mapping[str, PublisherFacts], copies: Mapping[str, str],
           options: AssessOptions | None = None, memo: PairMemo | None = None
           ) -> list[Finding]:
    """Findings for every fact and every lone claim; with a memo of the pair verdicts of an
    earlier night, only the pairs not judged then are judged (`crosscheck.assess.memo`)."""
    by_id = {c.id: c for c in claims}
    ctx = AssessContext(articles, publishers, copies, options or AssessOptions(), by_id)
    origin_of = origin_claims(claims, articles, copies)
    by_new = {r.new.id: r for found in find_revisions(claims, articles).values()
              for r in found}
    revisions: dict[str, list[Revision]] = {}  # by the fact the new figure was matched into
    facts: dict[str, list[Claim]] = {}  # the claims of each revised fact
    findings: list[Finding] = []
    for cluster in clusters:
        revised = [by_new[i] for i in cluster.claim_ids if i in by_new] if cluster.key else []
        members = [by_id[i] for i in cluster.claim_ids if i in by_id]
        updates: list[Revision] = []
        if members:
            holders = holders_of(members, origin_of, ctx)
            findings.extend(assess_fact(cluster, holders, revised, ctx, updates, memo))
        if revised or updates:
            revisions.setdefault(cluster.key, []).extend(revised + updates)
            facts.setdefault(cluster.key, []).extend(members)
    findings.extend(revision_findings(revisions, origin_of, ctx, facts))
    return sorted(findings, key=finding_order)


def finding_order(f: Finding) -> tuple[int, str, str]:
    """Where a finding stands among a run's: the most severe first, then by kind and id."""
    return _SEVERITY_ORDER[f.severity], f.kind, f.id


def find_revisions(claims: Sequence[Claim], articles: Mapping[str, Article] | None = None
                   ) -> dict[str, list[Revision]]:
    """Revisions an article states, by the fact key of the new figure.

    A sentence's revising words mark its old and new figures ("revised from 385 to 97"). An
    earlier figure the sentence names beside a current one of the same measure, with no new
    figure marked for it, is revised by that one: "45 were confirmed dead; on Sunday she had
    put the toll at 43", "the government had earlier reported four missing; the minister now
    says 10 are unaccounted for". A marked figure whose partner is in another sentence of
    its article ("Authorities on Thursday raised the toll to 50 ... as of last week the
    count stood at 49"; "The toll has risen to 39 ... The government had earlier reported
    27") is paired there: with the same measure and subject, the new figure's latest earlier
    one, the old figure's current one that the article states first."""
    by_sentence: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    by_article: dict[str, list[Claim]] = defaultdict(list)
    revising: set[tuple[str, str]] = set()
    for c in claims:
        if c.slots:
            by_sentence[(c.article_id, c.sentence)].append(c)
            by_article[c.article_id].append(c)
            if c.slots.revision.read or c.slots.modality.value == "previous":
                revising.add((c.article_id, c.sentence))
    out: dict[str, list[Revision]] = defaultdict(list)
    for where in sorted(revising):
        group = by_sentence[where]
        olds = [c for c in group if c.slots and c.slots.revision.value == "old"]
        news = [c for c in group if c.slots and c.slots.revision.value == "new"]
        for new in news:
            # the old figure of the same measure ("45 dead and 47 missing; she had put the
            # toll at 43": the 43 is the dead's, not the missing's)
            same = [o for o in olds if _same_measure(o, new)]
            old = min(same, key=lambda o: abs(o.quantity.start - new.quantity.start),
                      default=None) or _earlier_in_article(new, by_article[where[0]])
            if old is not None and (key := fact_key(new)):
                out[key].append(Revision(old, new))
        earlier = olds + [c for c in group if c.slots and not c.slots.revision.read
                          and c.slots.modality.value == "previous"]
        for old in earlier:
            if any(_same_measure(old, n) for n in news):
                continue
            current = [c for c in group if c is not old and _current(c) and _measured_alike(
                old, c)]
            latest = min(current, key=lambda c: abs(c.quantity.start - old.quantity.start),
                         default=None) or _current_in_article(old, by_article[where[0]],
                                                             (articles or {}).get(where[0]))
            if latest is not None and (key := fact_key(latest)):
                out[key].append(Revision(old, latest))
    return out


def _earlier_in_article(new: Claim, claims: Sequence[Claim]) -> Claim | None:
    """The article's latest figure of the new one's measure and subject dated before it, in
    another sentence: what it replaced."""
    if new.as_of is None:
        return None
    before = [c for c in claims if c.sentence != new.sentence and c.as_of is not None
              and c.as_of < new.as_of and _measured_alike(c, new) and _same_subject(c, new)
              and _not_another_authority(c, new)]
    return max(before, key=lambda c: (c.as_of, c.id), default=None)


def _current_in_article(old: Claim, claims: Sequence[Claim], article: Article | None
                        ) -> Claim | None:
    """The current figure of the old one's measure and subject that its article states
    first, in another sentence: what replaced it."""
    if article is None:
        return None
    text = f"{article.title or ''} {article.text or ''}"
    later = [c for c in claims if c.sentence != old.sentence and _current(c)
             and _measured_alike(c, old) and _same_subject(c, old)
             and (old.as_of is None or c.as_of is None or c.as_of >= old.as_of)
             and c.quantity.base_low != old.quantity.base_low
             and _not_another_authority(c, old)]

    def place(c: Claim) -> tuple[bool, int, str]:  # where the article states it; unfound last
        at = text.find(c.sentence)
        return at < 0, at, c.id

    return min(later, key=place, default=None)


def _not_another_authority(a: Claim, b: Claim) -> bool:
    """Across sentences a revision is one authority's: two figures credited to two different
    sources are rival figures ('the minister said 125; the ombudsman put the toll at 68')."""
    return not (a.attribution and b.attribution) or same_authority(a.attribution,
                                                                   b.attribution)


def _same_subject(a: Claim, b: Claim) -> bool:
    return bool(a.slots and b.slots and a.slots.subject.value == b.slots.subject.value)


def _current(c: Claim) -> bool:
    """A figure the sentence gives as standing now: no old or earlier one."""
    return c.slots is not None and c.slots.revision.value != "old" and \
        c.slots.modality.value not in ("previous", "rejected")


def _measured_alike(a: Claim, b: Claim) -> bool:
    """Two figures whose measures are both read and the same."""
    return bool(a.slots and b.slots and a.slots.measure.read and b.slots.measure.read
                and a.slots.measure.value == b.slots.measure.value)


def _same_measure(a: Claim, b: Claim) -> bool:
    """Two figures of one measure, or of one whose measure one of them does not say."""
    ma = a.slots.measure if a.slots else None
    mb = b.slots.measure if b.slots else None
    return not (ma and mb and ma.read and mb.read) or ma.value == mb.value


def assess_fact(cluster: Cluster, holders: Sequence[Holder], revisions: list[Revision],
                ctx: AssessContext, updates: list[Revision] | None = None,
                memo: PairMemo | None = None) -> list[Finding]:
    """The findings of one fact (or of one claim whose fact could not be read). An authority
    that replaced its own figure on a later day is added to `updates` (old → new)."""
    conflicts: list[tuple[Holder, Holder, str]] = []
    grew: list[tuple[Holder, Holder]] = []
    latest: dict[str, tuple[Claim, Claim]] = {}  # new claim id → (replaced figure, new one)
    if cluster.key:
        apart = events_apart(h.claim for h in holders)
        for a, b, verdict in verdicts(cluster.id, holders, revisions, apart, ctx, memo):
            if verdict.conflict:
                conflicts.append((a, b, verdict.reason))
            elif verdict.growth:
                grew.append((a, b))
            elif verdict.update and updates is not None:
                # pairs come earlier claim first, earlier claims first: the last one kept for
                # a new figure is the authority's latest before it
                latest[b.claim.id] = a.claim, b.claim
    if updates is not None:
        updates.extend(Revision(old, new) for old, new in latest.values())
    out = [_contradiction(cluster.key, part, conflicts, ctx) for part in _components(conflicts)]
    contested = {id(h) for a, b, _ in conflicts for h in (a, b)}
    # A running total keeps its steps when one report runs ahead of it: of each conflicting
    # pair, only the weaker side (fewer named sources, lower rating) leaves the trajectory.
    power: dict[int, float] = {}

    def rank(h: Holder) -> tuple[float, str]:
        if id(h) not in power:
            power[id(h)] = strength(h, ctx)
        return power[id(h)], h.claim.id

    weaker = {id(min((a, b), key=rank)) for a, b, _ in conflicts}
    steps = [h for h in holders if id(h) not in weaker]
    if grew and steps and all(is_cumulative(h.claim) for h in steps):
        # one trajectory for each set of reports joined by growth: the tolls of two events
        # of one country, years apart, are two counts, never one
        kept = [(a, b, "") for a, b in grew if id(a) not in weaker and id(b) not in weaker]
        out.extend(_trajectory(cluster.key, part, ctx) for part in _components(kept))
    out.extend(_group_findings(cluster, holders, contested, conflicts, ctx, rank))
    return out


def _components(conflicts: Sequence[tuple[Holder, Holder, str]]) -> list[list[Holder]]:
    """Holders joined by conflicts into connected groups, in first-seen order."""
    parent: dict[int, int] = {}
    holder: dict[int, Holder] = {}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in conflicts:
        for h in (a, b):
            parent.setdefault(id(h), id(h))
            holder[id(h)] = h
        parent[root(id(a))] = root(id(b))
    groups: dict[int, list[Holder]] = defaultdict(list)
    for key in parent:
        groups[root(key)].append(holder[key])
    return list(groups.values())


def _anchor(holders: Sequence[Holder]) -> str:
    """The earliest claim of a group (by as-of day, then id): a stable finding id."""
    first = min(holders, key=lambda h: (h.claim.as_of.isoformat() if h.claim.as_of else "",
                                        h.claim.id))
    return first.claim.id


def _contradiction(key: str, part: list[Holder], conflicts: Sequence[tuple[Holder, Holder, str]],
                   ctx: AssessContext) -> Finding:
    ids = {id(h) for h in part}
    mine = [c for c in conflicts if id(c[0]) in ids]
    pairs = "; ".join(f"{a.claim.quantity.display()} ({ctx.name(a.claim.source_id)}) vs "
                      f"{b.claim.quantity.display()} ({ctx.name(b.claim.source_id)}): {r}"
                      for a, b, r in mine[:4])
    return build("contradiction", key, _anchor(part), part, ctx, pairs, mine)


def _trajectory(key: str, holders: list[Holder], ctx: AssessContext) -> Finding:
    ordered = sorted(holders, key=lambda h: (h.claim.as_of or h.claim.id, h.claim.id))
    steps = " → ".join(f"{h.claim.quantity.display()} ({h.claim.as_of})" for h in ordered)
    return build("trajectory", key, _anchor(holders), ordered, ctx, steps)


def _group_findings(cluster: Cluster, holders: Sequence[Holder], contested: set[int],
                    conflicts: Sequence[tuple[Holder, Holder, str]],
                    ctx: AssessContext, rank: Any) -> list[Finding]:
    """Corroborated or unsupported, judged for each figure the fact's outlets state."""
    out: list[Finding] = []
    # A figure is contested when a stronger report (a named source, a higher rating)
    # conflicts with it; of two equally unsourced figures neither is singled out.
    weaker = {id(x) for a, b, _ in conflicts for x, y in ((a, b), (b, a))
              if rank(y)[0] > rank(x)[0]}
    for agreeing in figure_groups(holders):
        group = backing(agreeing)
        origins = len({h.origin_key for h in group})
        disputed = any(id(h) in contested for h in group)
        challenged = any(id(h) in weaker for h in group)
        why = _unsupported_reason(group, ctx, challenged)
        if why and ctx.options.report_unsupported:
            mine = [c for c in conflicts if id(c[0]) in {id(h) for h in group}
                    or id(c[1]) in {id(h) for h in group}]
            out.append(build("unsupported", cluster.key, _anchor(group), group, ctx, why, mine))
        elif origins >= 2 and not disputed and cluster.key and ctx.options.report_corroborated:
            out.append(build("corroborated", cluster.key, _anchor(group), group, ctx,
                             f"{origins} independent origins state it"))
    return out


_BOUNDS = frozenset({"more_than", "at_least", "less_than", "at_most"})


def backing(group: Sequence[Holder]) -> list[Holder]:
    """The holders of a group of agreeing figures that state its figure: a bound ('at least
    39 bodies') agrees with 40 but does not back it, unless it names the same number ('at
    least 40'). A group of bounds alone is its own figure."""
    points = [h for h in group if h.claim.quantity.qualifier not in _BOUNDS]
    if not points or len(points) == len(group):
        return list(group)
    return [h for h in group if h.claim.quantity.qualifier not in _BOUNDS or any(
        _same_number(h.claim.quantity, p.claim.quantity) for p in points)]


def _unsupported_reason(group: Sequence[Holder], ctx: AssessContext, disputed: bool
                        ) -> str | None:
    """Why a reviewer should check this figure, or None: a single origin with no source named
    (or only low-credibility carriers), central to its article or contested by another."""
    if not all(fact_key(h.claim) for h in group):
        return None  # a figure whose fact could not be read: nothing a reviewer can check
    if any(h.claim.slots and "part" in h.claim.slots.scope.value.split("+") for h in group):
        return None  # a part of a figure the article states ("three of them children")
    if all(is_vague(h.claim.quantity) for h in group):
        return None  # "hundreds of drones": too loose for a reviewer to check
    if all(h.claim.slots and h.claim.slots.modality.value == "rejected" for h in group):
        return None  # "false reports claimed 700 bodies": the article already says it is false
    if all(h.claim.slots and (h.claim.slots.revision.value == "old" or
                              h.claim.slots.modality.value == "previous") for h in group):
        return None  # "revised from 385 to 97": the 385 its own article says was replaced
    if all(h.claim.slots and h.claim.slots.measure.value in SETTING_MEASURES for h in group):
        return None  # "Mandalay, home to 1.5 million": the setting of the news, not its figure
    if all(_background(h.claim, ctx) for h in group):
        return None  # "the 2018 Camp Fire killed 86": a past period's figure, not the news
    creds = [ctx.credibility(h.claim.source_id) for h in group]
    low = bool(creds) and all(c is not None and c < ctx.options.low_credibility for c in creds)
    named = [h.claim.attribution for h in group if h.claim.attribution] + [
        a for h in group for a in _sources_elsewhere(h.claim, ctx)]
    single = len({h.origin_key for h in group}) == 1
    unnamed = single and not named
    # low-credibility carriers make a figure unsupported only when they carry one origin:
    # two independent outlets that agree corroborate it, whatever their ratings
    low = single and low and not any(attribution_strength(a)[0] >= 1 for a in named)
    if not (unnamed or low):
        return None  # independent origins state it, or a named source stands behind it
    central = any(_central(h.claim, ctx) for h in group)
    if not (central or disputed):
        return None
    if _backed_elsewhere(group, ctx):
        return None  # another origin states it, read with another subject of the story
    base = "only low-credibility publishers state it" if low and not unnamed else \
        "one independent origin states it and names no source for it"
    where = "it leads its article" if central else "another outlet states a different figure"
    return f"{base}; {where}"


def _backed_elsewhere(group: Sequence[Holder], ctx: AssessContext) -> bool:
    """Another independent origin states the same number for the same measure, scope and kind,
    read with another subject that the figure's article names in its title or opening (or the
    other way round): "Models of the United States Geological Survey ... magnitude 7.7" is
    read as the United States' 7.7, other outlets state Myanmar's 7.7, and the article is on
    Myanmar. Two readings of one story's figure, not a figure nobody backs."""
    first = group[0].claim
    base = base_key(first)
    if base is None or first.slots is None:
        return False
    mine = {h.claim.id for h in group}
    origins = {h.origin_key for h in group}
    subject = first.slots.subject.value
    for c in ctx.base_claims(base):
        if c.id in mine or c.slots is None or c.slots.subject.value == subject or \
                ctx.origin_key(c) in origins or \
                not any(_same_number(c.quantity, h.claim.quantity) for h in group):
            continue
        if c.slots.subject.value in ctx.story_countries(first.article_id) or \
                subject in ctx.story_countries(c.article_id):
            return True
    return False


SETTING_MEASURES = frozenset({"population"})  # a place's standing size: context of the story
BACKGROUND_DAYS = 365  # a figure of a period ending this long before its article is background


def _background(claim: Claim, ctx: AssessContext) -> bool:
    """The figure is of a labelled period that ended a year or more before its article."""
    article = ctx.articles.get(claim.article_id)
    span = label_span(claim.slots.period.value) if claim.slots and claim.slots.period.read \
        else None
    if article is None or article.published is None or span is None:
        return False
    return (article.published.date() - span[1]).days >= BACKGROUND_DAYS


def _sources_elsewhere(claim: Claim, ctx: AssessContext) -> list[str]:
    """Sources the claim's article names for the same figure in another sentence: a headline's
    "125 killed" is the minister's "at least 125", credited further down."""
    q = claim.quantity
    return [c.attribution for c in ctx.article_claims(claim.article_id)
            if c.id != claim.id and c.attribution and c.quantity.unit_kind == q.unit_kind
            and _same_number(c.quantity, q)]


def _same_number(a: Quantity, b: Quantity) -> bool:
    """The same number stated, whatever its qualifier: '125' and 'at least 125'."""
    numbers = {x for x in (a.low, a.high) if math.isfinite(x)}
    return bool(numbers & {x for x in (b.low, b.high) if math.isfinite(x)})


def _central(claim: Claim, ctx: AssessContext) -> bool:
    """The figure is in its article's title or opening sentence."""
    article = ctx.articles.get(claim.article_id)
    if article is None:
        return False
    surface = claim.quantity.surface.strip()
    digits = "".join(ch for ch in surface if ch.isdigit() or ch in ",.").strip(",.")
    if digits and re.search(rf"(?<![\d.,]){re.escape(digits)}(?![\d]|[.,]\d)",
                            article.title or ""):
        return True  # the number itself, not a digit of another ("2" is not in "2023")
    text = (article.text or "").lstrip()
    return bool(text) and text.startswith(claim.sentence[:60])


def revision_findings(revisions: Mapping[str, list[Revision]], origin_of: Mapping[str, str],
                      ctx: AssessContext, facts: Mapping[str, Sequence[Claim]] | None = None
                      ) -> list[Finding]:
    """One revision finding per fact and change of figure (old → new), every report of it."""
    out: list[Finding] = []
    for key, found in revisions.items():
        by_change: dict[tuple[float, float, float, float], list[Revision]] = defaultdict(list)
        for r in found:
            o, n = r.old.quantity, r.new.quantity
            by_change[(o.low, o.high, n.low, n.high)].append(r)
        for group in by_change.values():
            out.append(_revision(key, group, origin_of, ctx, (facts or {}).get(key, ())))
    return out


def _revision(key: str, group: list[Revision], origin_of: Mapping[str, str],
              ctx: AssessContext, fact: Sequence[Claim] = ()) -> Finding:
    """The revision, with every report of it and the reports of the old figure made before
    it: right when they were published, outdated since ('wounding 2,800' a day before the
    minister's 'not about 2,800: 2,323')."""
    claims = [c for r in group for c in (r.old, r.new)]
    first = min(group, key=lambda r: (r.new.as_of or r.new.id, r.new.id))
    taken = {c.id for c in claims}
    when = first.new.as_of
    old_only: dict[AgreeKey, bool] = {}  # per figure: the old, not the new

    def outdated_figure(q: Quantity) -> bool:
        key = agree_key(q)
        if key not in old_only:
            old_only[key] = agree(q, first.old.quantity) and not agree(q, first.new.quantity)
        return old_only[key]

    outdated = [c for c in fact if c.id not in taken and c.as_of is not None
                and c.as_of <= when and outdated_figure(c.quantity)] if when is not None else []
    holders = holders_of(claims + outdated, origin_of, ctx)
    by = first.new.attribution or "the source"
    why = (f"{first.old.quantity.display()} → {first.new.quantity.display()}, by {by}, "
           f"as of {first.new.as_of}; reported by " + ", ".join(
               who(r.new, ctx) for r in group))
    if outdated:
        why += "; the old figure was reported before it by " + ", ".join(
            who(c, ctx) for c in outdated)
    extra = {"old": {"claim_id": first.old.id, "display": first.old.quantity.display()},
             "new": {"claim_id": first.new.id, "display": first.new.quantity.display()},
             "by": by, "when": first.new.as_of.isoformat() if first.new.as_of else None,
             "outdated": [c.id for c in outdated]}
    return build("revision", key, f"{first.new.id}:{first.old.id}", holders, ctx, why,
                 extra=extra)  # one new figure may replace several old ones
