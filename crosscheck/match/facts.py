"""Facts: claims whose slots say they state the same thing, grouped by one key.

Two claims state the same fact only when what they measure, whose figure it is, its scope,
its modality and its kind (level or change, a rate or a total, the unit's family) agree. Each
of those slots is part of one key, so grouping is one pass over the claims (linear, and the
key is an index a store can keep). A claim whose measure or subject could not be read states
no fact that can be compared: it stays alone, and an unread slot never counts as agreement.
Time is not in the key: two figures of one fact at different dates are a trajectory, a
revision or a conflict, and that is the assessment's to decide.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crosscheck.claims import countries_named
from crosscheck.models import Claim, stable_id

# Unit families: counts of different nouns are told apart by the measure slot; money is
# compared only in one currency (no exchange rates); physical quantities in their base unit.
_SAME_FAMILY = {"count": "count", "percent": "percent", "rate": "rate"}


@dataclass(frozen=True)
class Link:
    """Two claims of one fact, and why they are one."""

    a: str
    b: str
    score: float
    reason: str


@dataclass(frozen=True)
class Cluster:
    """The claims that state one fact (a claim alone when its fact could not be read)."""

    id: str
    claim_ids: tuple[str, ...]
    links: tuple[Link, ...]
    key: str = ""  # the fact key ("" for a claim whose fact could not be read)


def unit_family(claim: Claim) -> str:
    """What a figure's number is in: 'count', 'percent', a currency, a base unit."""
    q = claim.quantity
    if q.unit_kind in _SAME_FAMILY:
        return _SAME_FAMILY[q.unit_kind]
    base = getattr(q, "base_unit", "") or q.unit
    return f"{q.unit_kind}:{base}"


def fact_key(claim: Claim, subject: str | None = None) -> str | None:
    """The fact a claim states, as a key; None when its measure or subject is unread.
    `subject` replaces the claim's own (a subject its article lent, resolved by fact_keys)."""
    base = _base(claim)
    if base is None or claim.slots is None:
        return None
    return _with_subject(base, subject or claim.slots.subject.value)


# A fact key without its subject: unit family, measure, change, rate, scope, modality.
_Base = tuple[str, str, str, str, str, str]


def _base(claim: Claim) -> _Base | None:
    s = claim.slots
    if s is None or not s.measure.read or not s.subject.read or not s.measure.value:
        return None
    return unit_family(claim), s.measure.value, s.change, s.rate, s.scope.value, s.modality.value


def _with_subject(base: _Base, subject: str) -> str:
    family, measure, change, rate, scope, modality = base
    return "|".join((family, measure, change, rate, subject.lower(), scope, modality))


def base_key(claim: Claim) -> str | None:
    """The fact key without its subject: the facts a lent subject may be resolved among."""
    base = _base(claim)
    return "|".join(base) if base else None


def fact_keys(claims: Sequence[Claim]) -> dict[str, str]:
    """Claim id → fact key, for every claim whose fact can be read.

    When a sentence names no one, its article's lead lends the subject, and two articles of one
    story may lend different countries of it ("Iran's attack on Israel" lends Israel to one,
    Iran to the other). A lent subject that no claim of the same measure, scope and kind states
    in its own words is resolved to one that does and that the lead also names (the one most
    claims state): the lead names both sides, the sentences say whose figure it is.
    """
    readable = [(c, base, c.slots.subject) for c in claims
                if c.slots is not None and (base := _base(c)) is not None]
    stated: dict[_Base, Counter[str]] = defaultdict(Counter)
    for _, base, subject in readable:
        if subject.origin == "sentence":
            stated[base][subject.value] += 1
    keys: dict[str, str] = {}
    leads: dict[str, set[str]] = {}
    for c, base, subject in readable:
        value = subject.value
        options = stated.get(base)
        if subject.origin == "article" and options and value not in options:
            if subject.words not in leads:
                leads[subject.words] = countries_named(subject.words)
            named = [s for s in options if s in leads[subject.words]]
            if named:
                value = max(named, key=lambda s: (options[s], s))
        keys[c.id] = _with_subject(base, value)
    return keys


def describe_key(key: str) -> str:
    """A fact key as the words a reviewer reads."""
    family, measure, change, rate, subject, scope, modality = key.split("|")
    parts = [f"{measure} ({change})", f"of {subject}", f"in {family}"]
    if rate:
        parts.append(f"per {rate}")
    if scope:
        parts.append(f"scope {scope}")
    if modality != "reported":
        parts.append(modality)
    return ", ".join(parts)


def match_claims(claims: Sequence[Claim]) -> list[Cluster]:
    """Claims grouped by the fact they state; a claim with no readable fact stays alone.

    Clusters come in the order of their first claim, so any split of the claims into parts
    by fact key (`match_parts`) gives the same clusters.
    """
    groups: dict[str, list[Claim]] = defaultdict(list)
    alone: list[Cluster] = []
    keys = fact_keys(claims)
    for c in claims:
        key = keys.get(c.id)
        if key is None:
            alone.append(Cluster(stable_id("cluster", c.id), (c.id,), (), ""))
        else:
            groups[key].append(c)
    facts = [_fact(key, members) for key, members in groups.items()]
    return in_claim_order(claims, facts + alone)


def _fact(key: str, members: list[Claim]) -> Cluster:
    ids = tuple(sorted(c.id for c in members))
    reason = f"same fact: {describe_key(key)}"
    links = tuple(Link(ids[0], other, 1.0, reason) for other in ids[1:])
    return Cluster(stable_id("fact", key), ids, links, key)


def match_parts(claims: Sequence[Claim], n: int) -> list[list[Claim]]:
    """The claims in at most `n` parts that can be matched apart (whole facts in each)."""
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_key[base_key(c) or f"alone:{c.id}"].append(i)  # a lent subject is resolved in its part
    load = [0] * max(1, n)
    parts: list[list[int]] = [[] for _ in load]
    for members in sorted(by_key.values(), key=len, reverse=True):
        k = load.index(min(load))
        parts[k].extend(members)
        load[k] += len(members)
    return [[claims[i] for i in sorted(part)] for part in parts if part]


def in_claim_order(claims: Sequence[Claim], clusters: Iterable[Cluster]) -> list[Cluster]:
    """Clusters sorted by where their first claim stands among `claims`."""
    at = {c.id: k for k, c in enumerate(claims)}
    return sorted(clusters, key=lambda cl: min(at[i] for i in cl.claim_ids))


def clusters_by_claim(clusters: Iterable[Cluster]) -> dict[str, Cluster]:
    """Claim id → the cluster it belongs to."""
    return {cid: cl for cl in clusters for cid in cl.claim_ids}
