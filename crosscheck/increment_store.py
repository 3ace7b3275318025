"""The incremental state's reads and writes: claims by block, assessed articles, block results.

The tables are the store's (crosscheck.store defines them, so every store has them); this
module holds the queries of crosscheck.incremental, each read through an index or a primary
key, each write one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from crosscheck.store import (
    Store,
    articles_t,
    assessed_articles_t,
    block_results_t,
    chunks,
    claims_t,
    increment_state_t,
    utcnow,
)

# Ids per IN (...) list: SQLite allows 32,766 bound parameters, PostgreSQL 65,535.
CHUNK = 500


@dataclass(frozen=True, slots=True)
class BlockResult:
    """What one block's recomputation gave: its cluster rows, its findings' rows and its
    facts' pair verdicts (cluster id → memo, kept for the next night that touches it)."""

    clusters: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    pairs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Increment:
    """One night's change to the incremental state, written in one transaction."""

    fingerprint: str
    run_id: str
    cold: bool  # replace the whole state (its rules or publishers changed, or none was kept)
    touched: set[str]  # blocks recomputed: their stored results are replaced
    results: Mapping[str, BlockResult]  # the recomputed blocks that still hold claims
    signatures: Mapping[str, tuple[str, list[str]]]  # article id → (signature, blocks) to keep
    dropped: Sequence[str]  # articles that left the window (or changed: written again)


def fingerprint(store: Store) -> str | None:
    """The fingerprint of the stored state, or None when no state is kept."""
    with store.engine.connect() as conn:
        return conn.execute(sa.select(increment_state_t.c.fingerprint)).scalar()


def extracted_hashes(store: Store, article_ids: Sequence[str]) -> dict[str, str]:
    """Article id → the content hash its stored claims were read from ('' when not read)."""
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        for chunk in chunks(list(article_ids), CHUNK):
            rows = conn.execute(sa.select(articles_t.c.id, articles_t.c.extracted_hash)
                                .where(articles_t.c.id.in_(chunk))).all()
            out.update({aid: h or "" for aid, h in rows})
    return out


def assessed_articles(store: Store) -> dict[str, tuple[str, list[str]]]:
    """Article id → (signature, blocks) of every article the stored state holds."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(assessed_articles_t)).all()
    return {r.article_id: (r.signature, list(r.blocks)) for r in rows}


def claim_blocks(store: Store, article_ids: Sequence[str]) -> list[tuple[str, str, str]]:
    """(article id, claim id, stored block or '') of these articles' claims (article index)."""
    out: list[tuple[str, str, str]] = []
    with store.engine.connect() as conn:
        for chunk in chunks(list(article_ids), CHUNK):
            rows = conn.execute(sa.select(claims_t.c.article_id, claims_t.c.id, claims_t.c.block)
                                .where(claims_t.c.article_id.in_(chunk))).all()
            out.extend((aid, cid, block or "") for aid, cid, block in rows)
    return out


def claims_in_blocks(store: Store, blocks: Iterable[str]) -> list[tuple[str, str]]:
    """(block, claim id) of every stored claim in these blocks (through the block index)."""
    out: list[tuple[str, str]] = []
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(blocks), CHUNK):
            rows = conn.execute(sa.select(claims_t.c.block, claims_t.c.id)
                                .where(claims_t.c.block.in_(chunk))).all()
            out.extend((block, cid) for block, cid in rows)
    return out


def set_claim_blocks(store: Store, blocks: Mapping[str, str]) -> None:
    """Write claims' blocks (claim id → block): a store from before blocks, or new rules."""
    if not blocks:
        return
    stmt = claims_t.update().where(claims_t.c.id == sa.bindparam("cid")).values(
        block=sa.bindparam("blk"))
    with store.engine.begin() as conn:
        for chunk in chunks(list(blocks.items()), 1000):
            conn.execute(stmt, [{"cid": cid, "blk": blk} for cid, blk in chunk])


def block_results(store: Store, skip: set[str]) -> dict[str, BlockResult]:
    """Every stored block's clusters and findings, but those of the blocks in `skip` (their
    pair verdicts are not read: a kept block's row stays as stored). The skipped blocks'
    rows are not even read: on night 4 of 4 x 2,000 they hold most of the stored JSON."""
    out: dict[str, BlockResult] = {}
    t = block_results_t
    with store.engine.connect() as conn:
        kept = sorted(set(conn.execute(sa.select(t.c.block)).scalars()) - skip)
        for chunk in chunks(kept, CHUNK):
            query = sa.select(t.c.block, t.c.clusters, t.c.findings).where(t.c.block.in_(chunk))
            for r in conn.execute(query):
                out[r.block] = BlockResult(list(r.clusters), list(r.findings))
    return out


def block_pairs(store: Store, blocks: Iterable[str]) -> dict[str, Any]:
    """Cluster id → the stored pair verdicts of every fact of these blocks (primary key)."""
    out: dict[str, Any] = {}
    t = block_results_t
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(blocks), CHUNK):
            for (pairs,) in conn.execute(sa.select(t.c.pairs).where(t.c.block.in_(chunk))):
                out.update(pairs or {})
    return out


def save_increment(store: Store, inc: Increment) -> None:
    """Write one night's change to the state: the blocks, the articles, the fingerprint."""
    with store.engine.begin() as conn:
        if inc.cold:
            conn.execute(block_results_t.delete())
            conn.execute(assessed_articles_t.delete())
        else:
            for chunk in chunks(sorted(inc.touched), CHUNK):
                conn.execute(block_results_t.delete().where(block_results_t.c.block.in_(chunk)))
            gone = sorted(set(inc.dropped) | set(inc.signatures))
            for chunk in chunks(gone, CHUNK):
                conn.execute(assessed_articles_t.delete()
                             .where(assessed_articles_t.c.article_id.in_(chunk)))
        rows = [{"block": b, "clusters": r.clusters, "findings": r.findings, "pairs": r.pairs}
                for b, r in sorted(inc.results.items())]
        for chunk in chunks(rows, 1000):
            conn.execute(block_results_t.insert(), chunk)
        arts = [{"article_id": a, "signature": sig, "blocks": blocks}
                for a, (sig, blocks) in sorted(inc.signatures.items())]
        for chunk in chunks(arts, 1000):
            conn.execute(assessed_articles_t.insert(), chunk)
        conn.execute(increment_state_t.delete())
        conn.execute(increment_state_t.insert().values(
            id=1, fingerprint=inc.fingerprint, run_id=inc.run_id, updated_at=utcnow()))
