"""The assess stage: contradiction, trajectory, unsupported or corroborated, cluster by cluster."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from crosscheck.assess.credibility import _strength
from crosscheck.assess.findings import _finding, figure_groups
from crosscheck.assess.holders import (
    AssessOptions,
    PublisherFacts,
    _Context,
    _Holder,
    _holders,
    origin_claims,
)
from crosscheck.assess.intervals import is_cumulative, is_vague, widened
from crosscheck.match import Cluster
from crosscheck.models import Article, Claim, Finding

# Figures of a count, mass or sum this many days apart, the later one larger, are a change over
# time even without a word like "so far" (grain shipped: 33 ships in Aug 2022, 1,000 in Jul 2023).
LONG_GAP_DAYS = 30
_GROWING_KINDS = frozenset({"count", "mass", "volume", "currency"})


def assess(claims: list[Claim], clusters: list[Cluster], articles: dict[str, Article],
           publishers: Mapping[str, PublisherFacts], copies: Mapping[str, str],
           options: AssessOptions | None = None) -> list[Finding]:
    """Findings for every cluster: contradiction, trajectory, unsupported or corroborated."""
    by_id = {c.id: c for c in claims}
    ctx = _Context(articles, publishers, copies, options or AssessOptions(), by_id)
    origin_of = origin_claims(claims, articles, copies)
    findings: list[Finding] = []
    for cluster in clusters:
        members = [by_id[i] for i in cluster.claim_ids if i in by_id]
        if members:
            findings.extend(assess_cluster(cluster, members, origin_of, ctx))
    return sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.kind, f.id))


_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def assess_cluster(cluster: Cluster, members: Sequence[Claim], origin_of: Mapping[str, str],
                   ctx: _Context) -> list[Finding]:
    """The findings of one cluster (none when there is nothing to say)."""
    holders = _holders(members, origin_of, ctx)
    cumulative = is_cumulative(members)
    conflicts = _conflicts(holders)
    unexplained = [p for p in conflicts if not _grew(p, cumulative)]
    explained = [p for p in conflicts if _grew(p, cumulative)]
    out: list[Finding] = []
    if unexplained:
        outliers = _outliers(holders, unexplained, ctx)
        rest = [h for h in holders if h not in outliers]
        kept = set(rest)  # holders are hashable: set membership is list membership, faster
        growing = [(a, b) for a, b in explained if a in kept and b in kept]
        out.append(_finding("contradiction", cluster, holders, holders, origin_of, ctx,
                            unexplained, outliers=outliers, growing=bool(outliers and growing)))
        if outliers and growing:
            out.append(_finding("trajectory", cluster, rest, holders, origin_of, ctx, growing))
    elif explained:
        out.append(_finding("trajectory", cluster, holders, holders, origin_of, ctx, explained))
    contested = {id(h) for pair in unexplained for h in pair}
    out.extend(_group_findings(cluster, holders, origin_of, ctx, contested))
    return out


def _group_findings(cluster: Cluster, holders: Sequence[_Holder], origin_of: Mapping[str, str],
                    ctx: _Context, contested_ids: set[int]) -> list[Finding]:
    """Unsupported or corroborated, judged for each figure the cluster's outlets state."""
    out: list[Finding] = []
    for group in figure_groups(holders):
        why = _unsupported_reason(group, ctx)
        origins = len({h.origin_key for h in group})
        contradicted = any(id(h) in contested_ids for h in group)
        if why and ctx.options.report_unsupported:
            if contradicted:
                why += "; other outlets state a different figure"
            out.append(_finding("unsupported", cluster, group, holders, origin_of, ctx, [], why,
                                contested=contradicted))
        elif not why and origins >= 2 and not contradicted and ctx.options.report_corroborated:
            out.append(_finding("corroborated", cluster, group, holders, origin_of, ctx, []))
    return out


def _conflicts(holders: Sequence[_Holder]) -> list[tuple[_Holder, _Holder]]:
    """Pairs whose figures cannot both be right; vague figures ("dozens") never conflict."""
    spans = [None if is_vague(h.claim.quantity) else widened(h.claim.quantity) for h in holders]
    pairs = []
    for i, a in enumerate(holders):
        sa = spans[i]
        if sa is None:
            continue
        for j in range(i + 1, len(holders)):
            sb = spans[j]
            if sb is not None and not (sa[0] <= sb[1] and sb[0] <= sa[1]):  # `agree`, widened once
                pairs.append((a, holders[j]))
    return pairs


def _grew(pair: tuple[_Holder, _Holder], cumulative: bool) -> bool:
    """The later of two disagreeing figures is the larger: a count that grew, not a conflict."""
    a, b = pair
    da, db = a.claim.as_of, b.claim.as_of
    if da is None or db is None or da == db:
        return False
    early, late = (a, b) if da < db else (b, a)
    if late.claim.quantity.low < early.claim.quantity.low:
        return False
    if cumulative:
        return True
    kind = a.claim.quantity.unit_kind
    return kind in _GROWING_KINDS and abs((db - da).days) >= LONG_GAP_DAYS


def _outliers(holders: Sequence[_Holder], unexplained: Sequence[tuple[_Holder, _Holder]],
              ctx: _Context) -> list[_Holder]:
    """The few figures that cause every unexplained conflict (weakest first), or none.

    Conflict counts are updated as each outlier is taken out rather than recounted, and the
    search stops once outliers are half the holders (the answer is then none).
    """
    counts: dict[int, int] = {}
    partners: dict[int, list[_Holder]] = {}
    for a, b in unexplained:
        counts[id(a)] = counts.get(id(a), 0) + 1
        counts[id(b)] = counts.get(id(b), 0) + 1
        partners.setdefault(id(a), []).append(b)
        partners.setdefault(id(b), []).append(a)
    strength = {id(h): _strength(h, ctx) for h in holders if id(h) in counts}
    out: list[_Holder] = []
    while any(counts.values()):
        worst = max((h for h in holders if counts.get(id(h), 0) > 0),
                    key=lambda h: (counts[id(h)], -strength[id(h)]))
        out.append(worst)
        if len(out) * 2 >= len(holders):
            return []
        counts[id(worst)] = 0
        for p in partners[id(worst)]:
            if counts[id(p)] > 0:  # the pair is still open (a partner taken out is at 0)
                counts[id(p)] -= 1
    return out


def _unsupported_reason(group: Sequence[_Holder], ctx: _Context) -> str | None:
    creds = [ctx.credibility(h.claim.source_id) for h in group]
    if creds and all(c is not None and c < ctx.options.low_credibility for c in creds):
        return "only low-credibility publishers state it"
    if len({h.origin_key for h in group}) == 1 and not any(h.claim.attribution for h in group):
        return "one independent origin states it and names no source for it"
    return None
