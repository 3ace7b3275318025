"""Shared helpers for the claims/match/assess/independence tests: hand-built records."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from crosscheck.models import Article, Claim, ClaimSlots, Quantity

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
INF = math.inf


def quantity(sentence: str, surface: str, low: float, high: float | None = None,
             unit: str = "", kind: str = "count", qualifier: str = "exact",
             change: str = "none") -> Quantity:
    """A Quantity whose span is where `surface` sits in `sentence`."""
    start = sentence.index(surface)
    return Quantity(low, low if high is None else high, unit, kind, qualifier, change, surface,
                    start, start + len(surface))


def parser_for(table: dict[str, tuple]) -> Callable[[str], list[Quantity]]:
    """A parse function that finds each known surface (args for `quantity`) in a sentence."""

    def parse(sentence: str) -> list[Quantity]:
        return [quantity(sentence, surface, *args) for surface, args in table.items()
                if surface in sentence]

    return parse


def article(aid: str, text: str, source: str = "s1", published: datetime | None = None,
            syndicated_from: str | None = None) -> Article:
    """An Article with just what the cross-checker reads."""
    return Article(id=aid, source_id=source, url=f"https://example.test/{aid}",
                   canonical_url=f"https://example.test/{aid}", title=aid, text=text,
                   content_hash=aid, published=published, syndicated_from=syndicated_from)


def real_parser() -> Callable[[str], list[Quantity]] | None:
    """The quantity engine when it is installed, else None."""
    try:
        from crosscheck.quantities import parse_quantities
    except ImportError:
        return None
    return parse_quantities


def one_claim(claims: list[Claim], low: float) -> Claim:
    """The single claim whose figure starts at `low`."""
    found = [c for c in claims if c.quantity.low == low]
    assert len(found) == 1, [(c.quantity.surface, c.sentence[:60]) for c in claims]
    return found[0]


def slots_of(claim: Claim) -> ClaimSlots:
    """The slots extraction read for a claim (every extracted claim has them)."""
    assert claim.slots is not None, f"no slots read for {claim.quantity.surface!r}"
    return claim.slots
