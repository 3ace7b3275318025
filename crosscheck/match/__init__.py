"""Find the same claim across outlets: claims are grouped by the fact their slots state.

A fact is the measure, subject, scope, modality and kind of figure (level or change, rate,
unit family) a claim's slots read (`crosscheck.claims`); claims with one fact key state one
fact. Grouping is one pass, so matching grows linearly with the claims, and each group keeps
why its claims are one (the shared slots) for the reviewer.
"""

from __future__ import annotations

from crosscheck.match.facts import (
    Cluster,
    Link,
    clusters_by_claim,
    describe_key,
    fact_key,
    in_claim_order,
    match_claims,
    match_parts,
    unit_family,
)

__all__ = ["Cluster", "Link", "clusters_by_claim", "describe_key", "fact_key", "in_claim_order",
           "match_claims", "match_parts", "unit_family"]
