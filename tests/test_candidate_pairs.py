"""The pairs a fact's claims are judged in: the binary-search path equals the plain scan."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from crosscheck.assess.timing import candidate_pairs, pairs_by_scan, window_days
from crosscheck.claims import extract_claims
from crosscheck.models import Claim
from tests.records import article


@dataclass(frozen=True)
class Held:
    claim: Claim


def _claims(text: str, n: int, seed: int, spread: int) -> list[Held]:
    (base, *_), _ = extract_claims(article("a", text))
    rng = random.Random(seed)
    out = []
    for k in range(n):
        day = None if rng.random() < 0.1 else date(2024, 1, 1) + timedelta(rng.randrange(spread))
        out.append(Held(replace(base, id=f"c{k:04d}", as_of=day)))
    return out


def test_the_search_gives_the_pairs_the_scan_gives() -> None:
    for text in ("The flood has killed 40 people in Ruritania.",  # a running total, 0-day window
                 "Ruritania has 400 tanks, the ministry said."):  # a level, a slow window
        for seed, n, spread in ((1, 40, 3), (2, 400, 30), (3, 600, 2), (4, 250, 900)):
            held = _claims(text, n, seed, spread)
            assert len({window_days(h.claim) for h in held}) == 1
            order = sorted(held, key=lambda h: (h.claim.as_of or date.min, h.claim.id))
            fast = [(a.claim.id, b.claim.id) for a, b in candidate_pairs(held)]
            scan = [(a.claim.id, b.claim.id) for a, b in pairs_by_scan(order, 0)]
            assert fast == scan and fast, (text, seed)
