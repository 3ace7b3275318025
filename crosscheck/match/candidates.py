"""Candidate pairs: blocking and vectorized pruning, so only pairs that can match are scored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

from crosscheck.match.measures import Features, block_key, features
from crosscheck.match.options import (
    _DEFAULT,
    MAX_BLOCK_ALL_PAIRS,
    MAX_CANDIDATES,
    MAX_SPLIT_DEPTH,
    NEUTRAL,
    PRECISE_REL,
    PRUNE_CUTOFF,
    PRUNE_MARGIN,
    SAME_CLASS_MEASURED,
    SAME_THING_MEASURED,
    MatchOptions,
)
from crosscheck.models import Claim

# Rows compared per strip of a block: 256 × a 1,000-claim block is 256 k cells per matrix,
# small enough that memory stays flat, large enough that rapidfuzz keeps both cores busy.
ROW_CHUNK = 256


def _blocks(claims: Sequence[Claim]) -> list[list[int]]:
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_key[block_key(c)].append(i)
    keys = [_split_keys(c) for c in claims]
    out: list[list[int]] = []
    for members in by_key.values():
        out.extend(_split_large(keys, members, frozenset(), MAX_SPLIT_DEPTH))
    return [b for b in out if len(b) > 1]


def _split_keys(claim: Claim) -> frozenset[str]:
    """What an oversized block is split on: the measured head word and each entity."""
    head = utils.default_process(claim.measured).split()[-1:] or [""]
    return frozenset({"m:" + head[0], *("e:" + e for e in claim.entities)})


def _split_large(keys: Sequence[frozenset[str]], members: list[int], used: frozenset[str],
                 depth: int) -> list[list[int]]:
    """Split a block over MAX_BLOCK_ALL_PAIRS by key: one part per key, a claim in each of its.

    A part still too large is split again, each member going only to the part of its rarest
    other key (so a claim's parts stay as many as its keys, and the all-pairs cost linear in
    the claims), until every part is at most MAX_BLOCK_ALL_PAIRS or its members share every
    key. Two claims of one fact that share no key of a part are not compared: the price of
    not going quadratic on a large block.
    """
    if len(members) <= MAX_BLOCK_ALL_PAIRS or depth == 0:
        return [members]
    parts: dict[str, list[int]] = defaultdict(list)
    for i in members:
        for k in keys[i] - used:
            parts[k].append(i)
    if used:  # below the first split: only the rarest key of each member
        df = {k: len(part) for k, part in parts.items()}
        parts = defaultdict(list)
        for i in members:
            if rest := keys[i] - used:
                parts[min(rest, key=lambda k: (df[k], k))].append(i)
            else:  # only the keys every claim of this part has
                parts["="].append(i)
    splitting = {k: part for k, part in parts.items() if len(part) < len(members)}
    if not splitting:
        return [members]  # every member has the same keys: nothing left to split on
    shared = used | (parts.keys() - splitting.keys())
    return [sub for k, part in splitting.items()
            for sub in _split_large(keys, part, shared | {k}, depth - 1)]


def candidate_pairs(claims: Sequence[Claim], prune_cutoff: int = PRUNE_CUTOFF,
                    feats: Sequence[Features] | None = None,
                    options: MatchOptions | None = None) -> dict[tuple[int, int], float]:
    """(i, j) → frame similarity for pairs worth scoring, found block by block.

    Frames and measured phrases are compared all-against-all inside a block with rapidfuzz on
    every core; a pair is kept only when its frame passes `prune_cutoff` and an upper bound of
    its combined score (best case for entities and the precise-value bonus) reaches the
    threshold, so the per-pair Python scoring only sees pairs that can match.
    """
    o = options or _DEFAULT
    feats = feats or [features(c) for c in claims]
    pairs: dict[tuple[int, int], float] = {}
    for block in _blocks(claims):
        # many claims share a frame: score each distinct pair of frames once for the block
        uniq, inv = _distinct([claims[i].frame for i in block])
        sims = process.cdist(uniq, uniq, scorer=fuzz.token_set_ratio,
                             processor=utils.default_process, score_cutoff=prune_cutoff,
                             dtype=np.uint8, workers=-1)
        for start in range(0, len(block), ROW_CHUNK):
            frames = sims[np.ix_(inv[start:start + ROW_CHUNK], inv[start:])]
            _chunk_pairs(feats, block, start, frames, o, pairs)
    return pairs


def _distinct(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts and, for each input, the index of its text among them."""
    uniq, inv = np.unique(np.array(texts, dtype=object), return_inverse=True)
    return uniq.tolist(), inv.reshape(-1)


def _chunk_pairs(feats: Sequence[Features], block: list[int], start: int, frames: np.ndarray,
                 o: MatchOptions, pairs: dict[tuple[int, int], float]) -> None:
    """Pairs of rows start..start+ROW_CHUNK against the block's later members (upper triangle).

    `frames` is that strip's frame similarity. Scores are symmetric, so only columns from
    `start` on are looked at: the memory of one strip, the same pairs in the same row-major order.
    """
    rows, cols = block[start:start + ROW_CHUNK], block[start:]
    fr, fc = [feats[i] for i in rows], [feats[i] for i in cols]
    approx = o.frame_weight * frames.astype(np.float32) / 100 \
        + o.measured_weight * _measured_bound(fr, fc) + o.entity_weight * _entity_matrix(fr, fc) \
        + o.precise_value_bonus * _precise_matrix(fr, fc)
    keep = np.triu((frames > 0) & (approx >= o.threshold - PRUNE_MARGIN), k=1)
    _nearest_only(keep, approx)
    r, c = np.nonzero(keep)  # row-major, as the pairs were always added
    a, b = np.asarray(rows)[r], np.asarray(cols)[c]
    low, high = np.minimum(a, b).tolist(), np.maximum(a, b).tolist()
    sims = (frames[r, c].astype(np.float64) / 100).tolist()  # float64 / 100: as float(x) / 100
    pairs.update(zip(zip(low, high, strict=True), sims, strict=True))


def _nearest_only(keep: np.ndarray, approx: np.ndarray) -> None:
    """Keep at most MAX_CANDIDATES partners per row: those with the best score estimate.

    Only rows with more candidates than that change (in place); among equal estimates the
    nearer column (the earlier claim) is kept, so the result does not depend on the sort.
    """
    over = np.flatnonzero(keep.sum(axis=1) > MAX_CANDIDATES)
    if not over.size:
        return
    ranked = np.where(keep[over], approx[over], -np.inf)
    best = np.argsort(-ranked, axis=1, kind="stable")[:, :MAX_CANDIDATES]
    kept = np.zeros_like(ranked, dtype=bool)
    np.put_along_axis(kept, best, True, axis=1)
    keep[over] = kept


def _measured_bound(fr: Sequence[Features], fc: Sequence[Features]) -> np.ndarray:
    """Matrix of the measured similarity each pair can reach (fuzzy, class and neutral rules)."""
    sim = _unique_cdist([f.measured for f in fr], [f.measured for f in fc]) / 100
    cr, cc = (np.array([hash(f.measure) if f.measure else 0 for f in fs]) for fs in (fr, fc))
    same = (cr[:, None] == cc[None, :]) & (cr[:, None] != 0)
    sim = np.maximum(sim, same * SAME_CLASS_MEASURED)
    vr, vc = (np.array([not f.measured or f.bare_unit for f in fs]) for fs in (fr, fc))
    sim = np.maximum(sim, (vr[:, None] | vc[None, :]) * NEUTRAL)
    return np.maximum(sim, SAME_THING_MEASURED * _shared_things(fr, fc))


def _unique_cdist(rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
    """token_set_ratio of every row/column text as float32, each distinct pair scored once."""
    ur, ri = _distinct(rows)
    uc, ci = _distinct(cols)
    sim = process.cdist(ur, uc, scorer=fuzz.token_set_ratio, dtype=np.uint8,
                        workers=-1).astype(np.float32)
    return sim[np.ix_(ri, ci)]


def _onehot(rows: Sequence[frozenset[str]], cols: Sequence[frozenset[str]]
            ) -> tuple[np.ndarray, np.ndarray]:
    names = {t: k for k, t in enumerate(sorted({t for s in (*rows, *cols) for t in s}))}
    out = []
    for sets in (rows, cols):
        m = np.zeros((len(sets), max(1, len(names))), dtype=np.float32)
        for row, s in enumerate(sets):
            for t in s:
                m[row, names[t]] = 1
        out.append(m)
    return out[0], out[1]


def _entity_matrix(fr: Sequence[Features], fc: Sequence[Features]) -> np.ndarray:
    """Entity overlap of every pair as `_entity_overlap` computes it (neutral when one is empty)."""
    hr, hc = _onehot([f.entities for f in fr], [f.entities for f in fc])
    shared = hr @ hc.T
    smaller = np.minimum(hr.sum(axis=1)[:, None], hc.sum(axis=1)[None, :])
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), NEUTRAL).astype(np.float32)


def _precise_matrix(fr: Sequence[Features], fc: Sequence[Features]) -> np.ndarray:
    """1 where both figures are specific and within PRECISE_REL of each other."""
    vr, vc = (np.array([f.precise if f.precise is not None else np.nan for f in fs])
              for fs in (fr, fc))
    close = np.abs(vr[:, None] - vc[None, :]) <= PRECISE_REL * np.fmax(vr[:, None], vc[None, :])
    return np.nan_to_num(close.astype(np.float32))


def _shared_things(fr: Sequence[Features], fc: Sequence[Features]) -> np.ndarray:
    """1 where two claims count the same class of thing, else 0."""
    if not any(f.things for f in (*fr, *fc)):
        return np.zeros((len(fr), len(fc)), dtype=np.float32)
    hr, hc = _onehot([f.things for f in fr], [f.things for f in fc])
    return (hr @ hc.T > 0).astype(np.float32)
