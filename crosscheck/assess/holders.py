"""Publisher facts, options, and holders: the claims that count, copies folded under origin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosscheck.independence import independent_origin
from crosscheck.models import Article, Claim, Quantity, follow_to_root

LOW_CREDIBILITY = 0.4  # publisher credibility below this is "low" (config scale 0..1)


STORY_CHARS = 600  # text of an article read with its title for the countries of its story


@dataclass(frozen=True)
class PublisherFacts:
    """What the config knows about the publisher behind a source."""

    source_id: str
    name: str
    owner: str | None = None
    country: str | None = None
    media_type: str | None = None
    credibility: float | None = None


def facts_from_source(source: Any) -> PublisherFacts:
    """PublisherFacts from a configured `crosscheck.config.Source` (read by attribute)."""
    p = getattr(source, "publisher", None)
    return PublisherFacts(
        source_id=source.id,
        name=getattr(p, "name", None) or getattr(source, "name", source.id),
        owner=getattr(p, "owner", None),
        country=getattr(p, "country", None),
        media_type=getattr(p, "media_type", None),
        credibility=getattr(p, "credibility", None),
    )


@dataclass(frozen=True)
class AssessOptions:
    """Switches for one assessment run."""

    low_credibility: float = LOW_CREDIBILITY
    report_corroborated: bool = True
    report_unsupported: bool = True


@dataclass(frozen=True)
class Holder:
    """A claim that counts in an assessment, with the copies of it folded under it."""

    claim: Claim
    origin_key: str  # the independent origin (publisher owner, or the outlet a copy credits)
    copies: tuple[str, ...]  # claim ids folded into this one


def origin_claims(claims: Sequence[Claim], articles: Mapping[str, Article],
                  copies: Mapping[str, str]) -> dict[str, str]:
    """Copy claim id → the claim in the origin article that states the same figure."""
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    out: dict[str, str] = {}
    for c in claims:
        origin = follow_to_root(c.article_id, copies)
        if origin == c.article_id:
            continue
        same = [o for o in by_article.get(origin, []) if _same_figure(o.quantity, c.quantity)]
        if same:
            out[c.id] = min(same, key=lambda o: (o.sentence != c.sentence, o.id)).id
    return out


def _same_figure(a: Quantity, b: Quantity) -> bool:
    return (a.low, a.high, a.unit) == (b.low, b.high, b.unit)


def holders_of(members: Sequence[Claim], origin_of: Mapping[str, str], ctx: AssessContext
               ) -> list[Holder]:
    """The members that count, each copy folded under the origin claim it repeats."""
    ids = {c.id for c in members}
    folded: dict[str, list[str]] = {}
    for c in members:
        target = origin_of.get(c.id)
        if target in ids:
            folded.setdefault(target, []).append(c.id)
    return [Holder(c, ctx.origin_key(c), tuple(sorted(folded.get(c.id, ()))))
            for c in members if origin_of.get(c.id) not in ids]


@dataclass
class AssessContext:
    """What one assessment reads: articles, publishers, copies, options and every claim."""

    articles: Mapping[str, Article]
    publishers: Mapping[str, PublisherFacts]
    copies: Mapping[str, str]
    options: AssessOptions
    claims: Mapping[str, Claim]
    origin_keys: dict[str, str] = field(default_factory=dict)  # article id → origin (memo)
    by_article: dict[str, list[Claim]] = field(default_factory=dict)  # article id → claims
    by_base: dict[str, list[Claim]] = field(default_factory=dict)  # fact key less subject
    story: dict[str, frozenset[str]] = field(default_factory=dict)  # article id → countries

    def article_claims(self, article_id: str) -> list[Claim]:
        """Every claim of one article (the index is built on first use)."""
        if not self.by_article and self.claims:
            for c in self.claims.values():
                self.by_article.setdefault(c.article_id, []).append(c)
        return self.by_article.get(article_id, [])

    def base_claims(self, base: str) -> list[Claim]:
        """Every claim whose fact key less its subject is `base` (one block of claims: a
        night assesses a block whole, so this reads nothing outside what it recomputes)."""
        if not self.by_base and self.claims:
            from crosscheck.match.facts import base_key

            for c in self.claims.values():
                if (key := base_key(c)) is not None:
                    self.by_base.setdefault(key, []).append(c)
        return self.by_base.get(base, [])

    def story_countries(self, article_id: str) -> frozenset[str]:
        """The countries an article's title and opening name (memoized per article)."""
        if article_id not in self.story:
            from crosscheck.claims.parties import countries_named

            article = self.articles.get(article_id)
            text = f"{article.title or ''}. {(article.text or '')[:STORY_CHARS]}" \
                if article else ""
            self.story[article_id] = frozenset(countries_named(text))
        return self.story[article_id]

    def origin_key(self, claim: Claim) -> str:
        """The independent origin of a claim's article (memoized per article)."""
        key = self.origin_keys.get(claim.article_id)
        if key is None:
            key = independent_origin(claim.article_id, self.articles, self.copies,
                                     self.publishers).key
            self.origin_keys[claim.article_id] = key
        return key

    def credibility(self, source_id: str) -> float | None:
        facts = self.publishers.get(source_id)
        return facts.credibility if facts else None

    def name(self, source_id: str) -> str:
        facts = self.publishers.get(source_id)
        return facts.name if facts else source_id
