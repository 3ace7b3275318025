"""Candidate pairs: blocking, vectorized pruning and the pair rules over whole strips at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from crosscheck.match import vectors as v
from crosscheck.match.measures import Features, block_key, features
from crosscheck.match.options import (
    _DEFAULT,
    MAX_BLOCK_ALL_PAIRS,
    MAX_CANDIDATES,
    MAX_SPLIT_DEPTH,
    PRUNE_CUTOFF,
    PRUNE_MARGIN,
    MatchOptions,
)
from crosscheck.models import Claim

# Rows compared per strip of a block: 256 × a 1,000-claim block is 256 k cells per matrix,
# small enough that memory stays flat, large enough that rapidfuzz keeps both cores busy.
ROW_CHUNK = 256
SCORE_DIGITS = 4  # pair scores are rounded to this many places, as `scoring._score` does


@dataclass(frozen=True)
class Pairs:
    """The candidate pairs of one matching run as parallel arrays, each pair once, i < j."""

    i: np.ndarray
    j: np.ndarray
    frame: np.ndarray  # frame similarity, 0..1
    score: np.ndarray  # combined score, rounded to SCORE_DIGITS
    cannot: np.ndarray  # the pair can never be one fact (`incompatibility`)


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
                    options: MatchOptions | None = None) -> Pairs:
    """The pairs worth scoring, found block by block, each with its score or cannot-link.

    Frames are compared all-against-all inside a block part with rapidfuzz on every core; a
    pair is kept only when its frame passes `prune_cutoff` and an upper bound of its combined
    score (best case for entities and the precise-value bonus) reaches the threshold, and
    each claim keeps its MAX_CANDIDATES best. The kept pairs are then scored, and checked
    for what makes two claims different facts, a strip at a time (`vectors`).
    """
    o = options or _DEFAULT
    feats = feats or [features(c) for c in claims]
    table = v.feature_table(claims, feats)
    found: list[tuple[np.ndarray, ...]] = []
    for block in _blocks(claims):
        # many claims share a frame: score each distinct pair of frames once for the block
        uniq, inv = _distinct([claims[i].frame for i in block])
        sims = process.cdist(uniq, uniq, scorer=fuzz.token_set_ratio,
                             processor=utils.default_process, score_cutoff=prune_cutoff,
                             dtype=np.uint8, workers=-1)
        members = np.asarray(block)
        for start in range(0, len(block), ROW_CHUNK):
            frames = sims[np.ix_(inv[start:start + ROW_CHUNK], inv[start:])]
            found.append(_strip_pairs(table, members, start, frames, o))
    return _unique_pairs(found)


def _distinct(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts and, for each input, the index of its text among them."""
    uniq, inv = np.unique(np.array(texts, dtype=object), return_inverse=True)
    return uniq.tolist(), inv.reshape(-1)


def _strip_pairs(table: v.FeatureTable, block: np.ndarray, start: int, frames: np.ndarray,
                 o: MatchOptions) -> tuple[np.ndarray, ...]:
    """Kept pairs of rows start..start+ROW_CHUNK against the block's later members.

    `frames` is that strip's frame similarity. Scores are symmetric, so only columns from
    `start` on are looked at (the upper triangle): the memory of one strip.
    """
    strip = v.strip(table, block[start:start + ROW_CHUNK], block[start:])
    approx = v.score_estimate(table, strip, frames, o)
    keep = np.triu((frames > 0) & (approx >= o.threshold - PRUNE_MARGIN), k=1)
    _nearest_only(keep, approx)
    r, c = np.nonzero(keep)
    a, b = strip.rows[r], strip.cols[c]
    frame = frames[r, c].astype(np.float64) / 100  # float64 / 100: as float(x) / 100
    score = v.exact_scores(table, strip, r, c, frame, o)
    return np.minimum(a, b), np.maximum(a, b), frame, score, v.cannot_link(table, a, b)


def _unique_pairs(found: list[tuple[np.ndarray, ...]]) -> Pairs:
    """Concatenate the strips' pairs; a pair found in two parts of a block is kept once."""
    if not found:
        empty = np.zeros(0)
        return Pairs(empty.astype(np.int64), empty.astype(np.int64), empty, empty,
                     empty.astype(bool))
    i, j, frame, score, cannot = (np.concatenate(col) for col in zip(*found, strict=True))
    _, first = np.unique(i * (int(j.max(initial=0)) + 1) + j, return_index=True)
    first.sort()
    rounded = np.array([round(x, SCORE_DIGITS) for x in score[first].tolist()])
    return Pairs(i[first], j[first], frame[first], rounded, cannot[first])


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
