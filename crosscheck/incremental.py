"""Incremental nights: match and assess only the blocks a night's new or changed claims touch.

Matching never crosses a block: a block is every window claim with one fact key less its
subject (`match.facts.base_key`), since `fact_keys` resolves an article-lent subject among the
subjects other claims of that block state (a claim whose fact cannot be read is a block of its
article's unreadable claims, each of them then a cluster alone). Assessing a cluster reads its
claims, their articles, every other claim of those articles (a source credited elsewhere, a
revision's old figure) and of the articles they copy, the copies found, and the publishers.

So a block's clusters and findings change only when an article with claims in it is new,
changed, leaves the window, or is copied from another article than before (or that article
changes). Every article keeps a signature of exactly that (the text its claims were read from,
its origin, and the text its origin's claims were read from) and the blocks its claims were in.
A night recomputes every block an article whose signature differs was or is in, with the same
functions a cold run calls on the same whole block (`match_claims`, `assess`), and keeps every
other block's clusters and findings as stored: equal to a cold run by construction.

The state is dropped, and the night is a cold one, when the code of the rules, the extractor
version or the publishers' metadata differ from those the state was built with (the
fingerprint): a rule change or a publisher's new owner can change any finding.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck import increment_store as state
from crosscheck.increment_store import BlockResult, Increment
from crosscheck.match.facts import Cluster, base_key
from crosscheck.models import (
    EXTRACTOR_VERSION,
    Article,
    Claim,
    Finding,
    follow_to_root,
    stable_id,
)
from crosscheck.store import Store, finding_from_row, finding_row

PACKAGE = Path(__file__).resolve().parent
# The code that decides blocks, clusters and findings: when any of it changes, so may any
# finding, and the next night is a cold one.
RULE_CODE = ("match", "assess", "independence.py", "models.py", "incremental.py")


def block_of(claim: Claim) -> str:
    """The block a claim is matched in: its fact key without the subject, hashed; a claim
    whose fact cannot be read is in its article's block of such claims."""
    base = base_key(claim)
    return stable_id("block", base) if base else stable_id("alone", claim.article_id)


def rules_fingerprint(publishers: Mapping[str, Any]) -> str:
    """A digest of the rule code, the extractor version and every publisher's facts."""
    digest = hashlib.sha1(EXTRACTOR_VERSION.encode())
    for name in RULE_CODE:
        path = PACKAGE / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(PACKAGE).as_posix().encode())
            digest.update(file.read_bytes())
    for source_id in sorted(publishers):
        digest.update(repr((source_id, publishers[source_id])).encode())
    return digest.hexdigest()


@dataclass(slots=True)
class Plan:
    """What one night recomputes (the touched blocks' claims) and what it keeps."""

    cold: bool
    fingerprint: str
    claims: list[Claim]  # every window claim of the touched blocks, in id order: to match
    context: list[Claim]  # those, and every claim of their articles and origins: to assess
    blocks: dict[str, str]  # claim id → block, for `claims`
    touched: set[str]
    kept: dict[str, BlockResult]  # the untouched blocks' stored results
    signatures: dict[str, tuple[str, list[str]]]  # articles to record: (signature, blocks)
    dropped: list[str] = field(default_factory=list)  # articles that left the window
    why_cold: str = ""
    pairs: dict[str, Any] = field(default_factory=dict)  # the touched facts' stored verdicts


def signatures(articles: Sequence[Article], copies: Mapping[str, str],
               extracted: Mapping[str, str]) -> dict[str, str]:
    """Article id → a digest of what its claims' assessment reads of articles: the text its
    claims were read from, the article it copies and the text that one's claims come from."""
    out = {}
    for a in articles:
        origin = follow_to_root(a.id, copies)
        out[a.id] = stable_id(extracted.get(a.id, ""), origin, extracted.get(origin, ""))
    return out


def plan_night(store: Store, articles: Sequence[Article], claims: Sequence[Claim],
               copies: Mapping[str, str], fingerprint: str, cold: bool = False) -> Plan:
    """The night's plan: the touched blocks' claims, and the stored results of the others.

    `claims` are the window's claims (the report reads them all): the touched blocks' claim
    ids come through the block index, their records from these.
    """
    extracted = state.extracted_hashes(store, [a.id for a in articles])
    sigs = signatures(articles, copies, extracted)
    why = "asked for" if cold else _why_cold(store, fingerprint)
    if why:
        return _cold_plan(store, claims, sigs, fingerprint, why)
    stored = state.assessed_articles(store)
    changed = sorted(a for a, sig in sigs.items() if stored.get(a, ("",))[0] != sig)
    dropped = sorted(set(stored) - set(sigs))
    now = state.claim_blocks(store, changed)
    if any(not block for _, _, block in now):
        return _cold_plan(store, claims, sigs, fingerprint, "claims without a block")
    touched = {b for a in changed + dropped if a in stored for b in stored[a][1]}
    touched |= {block for _, _, block in now}
    window = {c.id: c for c in claims}
    found = [(b, window[cid]) for b, cid in state.claims_in_blocks(store, touched)
             if cid in window]  # a claim of an article that left the window is in none
    mine = sorted((c for _, c in found), key=lambda c: c.id)
    record: dict[str, tuple[str, list[str]]] = {a: (sigs[a], []) for a in changed}
    for article_id, _, block in now:
        record[article_id][1].append(block)
    return Plan(False, fingerprint, mine, _context(claims, mine, copies),
                {c.id: b for b, c in found}, touched, state.block_results(store, touched),
                _distinct_blocks(record), dropped, pairs=state.block_pairs(store, touched))


def _why_cold(store: Store, fingerprint: str) -> str:
    """Why the stored state cannot be kept ('' when it can)."""
    stored = state.fingerprint(store)
    if stored is None:
        return "no incremental state in the store"
    return "" if stored == fingerprint else "rules, extractor or publishers changed"


def _cold_plan(store: Store, claims: Sequence[Claim], sigs: Mapping[str, str],
               fingerprint: str, why: str) -> Plan:
    """Every block touched: the whole window is matched and assessed, the state rebuilt."""
    blocks = {c.id: block_of(c) for c in claims}
    stored = dict((cid, block) for _, cid, block in state.claim_blocks(store, list(sigs)))
    state.set_claim_blocks(store, {c: b for c, b in blocks.items() if stored.get(c) != b})
    record: dict[str, tuple[str, list[str]]] = {a: (sig, []) for a, sig in sigs.items()}
    for c in claims:
        record[c.article_id][1].append(blocks[c.id])
    return Plan(True, fingerprint, list(claims), list(claims), blocks, set(blocks.values()),
                {}, _distinct_blocks(record), [], why)


def _distinct_blocks(record: dict[str, tuple[str, list[str]]]
                     ) -> dict[str, tuple[str, list[str]]]:
    return {a: (sig, sorted(set(blocks))) for a, (sig, blocks) in record.items()}


def _context(window: Sequence[Claim], claims: Sequence[Claim], copies: Mapping[str, str]
             ) -> list[Claim]:
    """The window's claims of the claims' articles and of the articles those copy, in id
    order: the order a cold run reads an article's claims in (a revision's nearest old
    figure is the first of equals)."""
    ids = {c.article_id for c in claims}
    ids |= {follow_to_root(a, copies) for a in ids}
    return sorted((c for c in window if c.article_id in ids), key=lambda c: c.id)


@dataclass(slots=True)
class Night:
    """One night's matched and assessed window: every cluster and finding, and the change of
    the incremental state to store with them."""

    cluster_rows: list[dict[str, Any]]
    findings: list[Finding]
    increment: Increment
    pairs: dict[str, int] = field(default_factory=dict)  # pairs judged and taken from the memo
    # the findings in stored form (`finding_row`), the kept blocks' ones as read: what is saved
    finding_rows: list[dict[str, Any]] = field(default_factory=list)


def cluster_rows(clusters: Iterable[Cluster]) -> list[dict[str, Any]]:
    """Clusters as plain rows for the store."""
    return [{"id": c.id, "claim_ids": list(c.claim_ids),
             "links": [{"a": lk.a, "b": lk.b, "score": lk.score, "reason": lk.reason}
                       for lk in c.links]} for c in clusters]


def combine(plan: Plan, clusters: Sequence[Cluster], findings: Sequence[Finding],
            run_id: str, pairs: Mapping[str, Any] | None = None) -> Night:
    """The touched blocks' new clusters and findings beside the kept ones, in stored form;
    `pairs` (cluster id → pair verdicts, `crosscheck.assess.memo`) are kept with each block."""
    from crosscheck.assess import finding_order

    block_of_cluster = {cl.id: plan.blocks[cl.claim_ids[0]] for cl in clusters}
    by_block: dict[str, BlockResult] = defaultdict(lambda: BlockResult([], []))
    for row in cluster_rows(clusters):
        by_block[block_of_cluster[row["id"]]].clusters.append(row)
    for cluster_id, memo in (pairs or {}).items():
        by_block[block_of_cluster[cluster_id]].pairs[cluster_id] = memo
    for f in findings:
        block = block_of_cluster.get(f.cluster_id)
        if block is None:  # every finding is of one cluster: anything else is a bug
            raise ValueError(f"finding {f.id} names cluster {f.cluster_id}, not assessed")
        by_block[block].findings.append(finding_row(f))
    results = dict(by_block)
    every = [*plan.kept.values(), *results.values()]
    rows = [row for r in every for row in r.clusters]
    stored = [f for r in every for f in r.findings]
    found = sorted((finding_from_row(f) for f in stored), key=finding_order)
    return Night(rows, found, Increment(plan.fingerprint, run_id, plan.cold, plan.touched,
                                        results, plan.signatures, plan.dropped),
                 finding_rows=stored)
