"""The extract stage: one `Claim` per figure of an article, skipped figures with their reasons."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from crosscheck.claims.attribution import attributions
from crosscheck.claims.dates import _published_date, sentence_date
from crosscheck.claims.frames import find_entities, find_predicate, frame_text, measured_thing
from crosscheck.claims.sentences import Sentence, boilerplate_reason, skip_reason, split_sentences
from crosscheck.models import Article, Claim, Quantity, SkipRecord, stable_id

Parser = Callable[[str], list[Quantity]]


def _default_parser() -> Parser:
    from crosscheck.quantities import parse_quantities  # the quantity engine (another module)

    return parse_quantities


def extract_claims(article: Article, parse: Parser | None = None
                   ) -> tuple[list[Claim], list[SkipRecord]]:
    """Claims of one article, and the figures skipped with their reasons."""
    parse = parse or _default_parser()
    sentences = split_sentences(article.text or "")
    texts = [s for s in sentences if boilerplate_reason(s.text) is None]
    attributed = attributions(texts)
    published = _published_date(article)
    claims: list[Claim] = []
    skips: list[SkipRecord] = []
    for s in sentences:
        reason = boilerplate_reason(s.text)
        for q in parse(s.text):
            why = reason or skip_reason(s.text, q)
            if why:
                skips.append(_skip(article, s, q, why))
                continue
            claims.append(build_claim(article, s, q, attributed.get(s.index), published))
    return claims, skips


def _skip(article: Article, s: Sentence, q: Quantity, why: str) -> SkipRecord:
    return SkipRecord("extract", article.source_id,
                      f"{article.id} sentence {s.index}: {q.surface!r}", why)


def build_claim(article: Article, s: Sentence, q: Quantity, attribution: str | None,
                published: date | None) -> Claim:
    """One claim record for a figure in a sentence."""
    measured = measured_thing(s.text, q)
    if attribution and measured and all(w in attribution for w in measured.split()):
        measured = q.unit  # the phrase found was the source ("the JCC had counted 721,449 t")
    entities = find_entities(s.text)
    predicate = find_predicate(s.text, q)
    return Claim(
        id=stable_id(article.id, s.index, q.start),
        article_id=article.id,
        source_id=article.source_id,
        sentence=s.text,
        quantity=q,
        measured=measured,
        entities=entities,
        predicate=predicate,
        attribution=attribution,
        as_of=sentence_date(s.text, published) or published,
        frame=frame_text(s.text, q, measured, entities, predicate, attribution,
                         article.title or ""),
    )
