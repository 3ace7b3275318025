"""Pair verdicts kept between nights give the verdicts of judging every pair again.

Facts of a few hundred claims (the MAX_PARTNERS cap binds), judged on a first night, then on a
second one with claims added among them, some gone, some changed: with the first night's memo
the second night's verdicts are those of a judgement from nothing, and most are reused. A
change of the fact's context (a revision, two event days told apart) judges it whole again.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from crosscheck.assess import PublisherFacts, assess
from crosscheck.assess.holders import AssessContext, AssessOptions, Holder
from crosscheck.assess.memo import PairMemo, verdicts
from crosscheck.assess.pairs import Revision
from crosscheck.assess.timing import MAX_PARTNERS
from crosscheck.claims import extract_claims
from crosscheck.match import match_claims
from crosscheck.models import Article, Claim, Finding
from tests.records import article

CTX = AssessContext({}, {}, {}, AssessOptions(), {})
LEVEL = "Ruritania has {n} tanks, the ministry said."  # a level: conflicts within half a year
TOLL = "The flood has killed {n} people in Ruritania, the ministry said."  # a running total


def _claim(text: str, n: int) -> Claim:
    (claim, *_), _ = extract_claims(article("a", text.format(n=f"{n:,}")))
    return claim


def _holders(text: str, count: int, seed: int, spread: int, start: int = 0) -> list[Holder]:
    rng = random.Random(seed)
    figures = {n: _claim(text, n) for n in (400, 450, 900, 2000)}
    out = []
    for k in range(start, start + count):
        day = None if rng.random() < 0.05 else date(2024, 1, 1) + timedelta(rng.randrange(spread))
        base = figures[rng.choice(sorted(figures))]
        claim = replace(base, id=f"c{k:05d}", article_id=f"a{k:05d}", as_of=day)
        out.append(Holder(claim, f"origin{k % 13}", ()))
    return out


def _ids(found: Sequence[tuple[Holder, Holder, object]]) -> list[tuple[str, str, object]]:
    return [(a.claim.id, b.claim.id, v) for a, b, v in found]


def _night(holders: list[Holder], memo: PairMemo, revisions: list[Revision] | None = None,
           apart: frozenset[tuple[str, str]] = frozenset()) -> None:
    """Judge with the memo and check the verdicts against a judgement from nothing."""
    with_memo = verdicts("fact", holders, revisions or [], apart, CTX, memo)
    assert _ids(with_memo) == _ids(verdicts("fact", holders, revisions or [], apart, CTX))


def _second_night(first: list[Holder], seed: int, spread: int, text: str) -> list[Holder]:
    """Some claims gone, some changed (another origin), some new among the old ones."""
    rng = random.Random(seed)
    kept = [h for h in first if rng.random() > 0.1]
    changed = [replace(h, origin_key="moved") if rng.random() < 0.05 else h for h in kept]
    return changed + _holders(text, 150, seed + 1, spread, start=len(first))


def test_a_second_night_reuses_the_verdicts_and_equals_judging_anew() -> None:
    for text in (LEVEL, TOLL):
        for seed, count, spread in ((1, 500, 3), (2, 400, 60), (3, 300, 400)):
            first = _holders(text, count, seed, spread)
            memo = PairMemo()
            _night(first, memo)
            assert memo.judged and not memo.reused
            found = memo.made["fact"]["found"]
            assert found, "the facts must hold verdicts that count, or nothing is checked"
            again = PairMemo(memo.made)
            _night(_second_night(first, seed, spread, text), again)
            assert again.reused > 0 and again.judged > 0, (text, seed)


def test_the_cap_binds_in_these_facts() -> None:
    first = _holders(LEVEL, 500, 1, 3)
    memo = PairMemo()
    _night(first, memo)
    assert memo.judged < len(first) * (len(first) - 1) // 2
    assert memo.judged >= MAX_PARTNERS * (len(first) - MAX_PARTNERS)


def test_a_changed_fact_context_rejudges_the_pairs_it_reaches() -> None:
    first = _holders(LEVEL, 300, 4, 30)
    memo = PairMemo()
    _night(first, memo)
    total = memo.judged
    revision = [Revision(_claim(LEVEL, 450), _claim(LEVEL, 400))]  # "revised from 450 to 400"
    added = PairMemo(memo.made)
    _night(first, added, revision)  # the pairs of claims of 400 or 450 are judged again
    assert 0 < added.judged < total and added.reused == total - added.judged
    gone = PairMemo(added.made)
    _night(first, gone)  # the revision gone: every pair is open again
    assert gone.judged == total and not gone.reused
    told = PairMemo(memo.made)
    _night(first, told, apart=frozenset({("2024-01-02", "2024-01-03")}))
    assert not told.judged  # no claim of this fact counts an event of those days
    same = PairMemo(memo.made)
    _night(first, same)
    assert not same.judged and same.reused == total


def _assess(texts: list[tuple[str, str, str]], memo: PairMemo | None = None) -> list[Finding]:
    """Findings of invented articles (source, ISO date, text), one publisher each."""
    articles, publishers, claims = {}, {}, []
    for i, (source, day, text) in enumerate(texts):
        a = Article(id=f"a{i}", source_id=source, url=f"https://example.test/{i}",
                    canonical_url=f"https://example.test/{i}", title="Landslide", text=text,
                    content_hash=str(i), published=datetime.fromisoformat(day))
        articles[a.id] = a
        publishers[source] = PublisherFacts(source, f"Outlet {source}", credibility=0.7)
        claims += extract_claims(a)[0]
    return assess(claims, match_claims(claims), articles, publishers, {}, memo=memo)


PERU = [("b", "2024-01-05", "Some 385 people are missing after the landslide in Peru, a local "
                            "official said."),
        ("c", "2024-01-05", "Some 120 people are missing after the landslide in Peru, the Red "
                            "Cross said.")]
LATER = ("d", "2024-01-05", "Some 385 people are missing after the landslide in Peru, the "
                            "governor said.")
REVISED = ("a", "2024-01-10", "Peru's interior ministry revised the number of missing from 385 "
                              "to 97 on Tuesday.")


def test_assess_with_a_memo_reuses_a_pair_and_equals_a_cold_run() -> None:
    first = PairMemo()
    assert "contradiction" in {f.kind for f in _assess(PERU, first)}
    night = PairMemo(first.made)
    found = _assess([*PERU, LATER], night)
    assert found == _assess([*PERU, LATER])
    assert night.reused == 1 and night.judged == 2  # b-c kept; b-d and c-d judged


def test_assess_rejudges_a_fact_whose_revisions_changed_and_equals_a_cold_run() -> None:
    first = PairMemo()
    _assess(PERU, first)
    night = PairMemo(first.made)
    found = _assess([*PERU, REVISED], night)
    assert found == _assess([*PERU, REVISED])
    assert "revision" in {f.kind for f in found}
    assert night.reused == 0 and night.judged >= 1
