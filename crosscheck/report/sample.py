"""A hand-built ReportInput with realistic figures, for previews and tests.

`python -m crosscheck.report.sample OUT_DIR [--hostile]` writes a sample report, so the page can
be looked at without running the pipeline. `hostile=True` adds an article whose title, sentence,
URL and source name carry script/onerror markup, to prove the page renders them inert.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crosscheck.models import Article, Claim, Finding, Quantity, SkipRecord, stable_id
from crosscheck.report.model import (
    GateResult,
    ReportInput,
    ReviewVerdict,
    SourceHealth,
    SourceInfo,
)

RUN_START = datetime(2026, 11, 23, 2, 0, 12, tzinfo=UTC)
XSS_SENTENCE = ('Officials said <script>alert("xss")</script> 12 drones were shot down '
                '<img src=x onerror=alert(1)> overnight.')
XSS_TITLE = "Drones <img src=x onerror=alert('title')> downed"
XSS_SOURCE = "Evil <b>Outlet</b> onerror=alert(2)"

SOURCES = [
    SourceInfo("northgate", "Northgate Ledger", "files", "Northgate Ledger Media", "Ledger Group",
               "US", "en", "news", 0.86, "demo ratings", "centre"),
    SourceInfo("eastern-courier", "Eastern Courier", "files", "Eastern Courier", "Han Press Co.",
               "KR", "en", "news", 0.72, "demo ratings", "centre-right"),
    SourceInfo("daily-relay", "Daily Relay", "jsonl", "Daily Relay", None, "GB", "en",
               "aggregator", 0.45, "demo ratings", None),
    SourceInfo("rhine-observer", "Rhine Observer", "files", "Rhine Observer GmbH", "Rhein Medien",
               "DE", "de", "news", 0.81, "demo ratings", "centre-left"),
    SourceInfo("baltic-wire", "Baltic Wire", "rss", "Baltic Wire", "State Broadcasting Fund",
               "RU", "en", "state_media", 0.28, "demo ratings", "pro-government"),
    SourceInfo("harbor-dispatch", "Harbor Dispatch", "rss", "Harbor Dispatch", None, "CA", "en",
               "news", 0.66, None, None),
    SourceInfo("quiet-gazette", "Quiet Gazette", "html", "Quiet Gazette", None, "FR", "fr",
               "opinion", None, None, None),
]


@dataclass
class _Builder:
    """Collects articles and claims so findings can refer to them by a short key."""

    articles: dict[str, Article] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)

    def article(self, key: str, source: str, title: str, url: str, days_ago: int,
                syndicated_from: str | None = None) -> None:
        """Add an article published `days_ago` days before the run."""
        published = RUN_START - timedelta(days=days_ago, hours=3)
        origin = self.articles[syndicated_from].id if syndicated_from else None
        self.articles[key] = Article(
            id=stable_id("article", url), source_id=source, url=url, canonical_url=url,
            title=title, text=title, content_hash=stable_id("hash", url), published=published,
            fetched_at=RUN_START, syndicated_from=origin)

    def claim(self, key: str, article: str, sentence: str, surface: str, quantity: tuple,
              measured: str, entities: tuple[str, ...], attribution: str | None) -> None:
        """Add a claim whose figure is `surface` inside `sentence`."""
        low, high, unit, kind, qualifier = quantity
        art = self.articles[article]
        start = sentence.index(surface)
        q = Quantity(low, high, unit, kind, qualifier, "none", surface, start,
                     start + len(surface))
        self.claims[key] = Claim(
            id=stable_id("claim", art.id, sentence), article_id=art.id, source_id=art.source_id,
            sentence=sentence, quantity=q, measured=measured, entities=entities,
            predicate="", attribution=attribution,
            as_of=art.published.date() if art.published else None, frame=measured)

    def ids(self, *keys: str) -> tuple[str, ...]:
        """Claim ids for short keys."""
        return tuple(self.claims[k].id for k in keys)


def _shells(b: _Builder) -> None:
    """North Korean shells: 1–3 million (plus a republished copy) vs about 5 million."""
    b.article("ng-shells", "northgate", "How North Korea keeps Russia's guns firing",
              "https://northgate.example/2024/shells", 2)
    b.article("ec-shells", "eastern-courier", "Seoul: Pyongyang's shell shipments keep growing",
              "https://eastern-courier.example/news/8841", 1)
    b.article("dr-shells", "daily-relay", "How North Korea keeps Russia's guns firing",
              "https://daily-relay.example/r/551", 1, syndicated_from="ng-shells")
    sentence = ("North Korea has sold 1 million to 3 million artillery shells to Russia, "
                "according to Hal Brands, writing for Bloomberg.")
    shells = (1e6, 3e6, "shell", "count", "range")
    b.claim("ng", "ng-shells", sentence, "1 million to 3 million artillery shells", shells,
            "artillery shells", ("North Korea", "Russia"), "Hal Brands, Bloomberg")
    b.claim("dr", "dr-shells", sentence, "1 million to 3 million artillery shells", shells,
            "artillery shells", ("North Korea", "Russia"), "Hal Brands, Bloomberg")
    b.claim("ec", "ec-shells",
            "South Korea's defence ministry believes the North has shipped about 5 million "
            "artillery shells to Russia since August 2023.",
            "about 5 million artillery shells", (5e6, 5e6, "shell", "count", "approx"),
            "artillery shells", ("North Korea", "Russia", "South Korea"),
            "South Korean defence ministry")


def _gas(b: _Builder) -> None:
    """Share of German gas from Russia: 55% vs an unattributed 'about 40%'."""
    b.article("ro-gas", "rhine-observer", "Germany's long goodbye to Russian gas",
              "https://rhine-observer.example/energie/gas-2022", 3)
    b.article("bw-gas", "baltic-wire", "Berlin overstates its dependence, analysts say",
              "https://baltic-wire.example/en/a/30771", 2)
    b.claim("ro", "ro-gas",
            "In 2021 Germany imported 55% of its natural gas from Russia, the economy ministry "
            "said.", "55%", (55.0, 55.0, "percent", "percent", "exact"),
            "share of German gas imports from Russia", ("Germany", "Russia"),
            "German economy ministry")
    b.claim("bw", "bw-gas",
            "Only about 40% of German gas imports came from Russia before the war.",
            "about 40%", (40.0, 40.0, "percent", "percent", "approx"),
            "share of German gas imports from Russia", ("Germany", "Russia"), None)


def _troops(b: _Builder) -> None:
    """Troops near Ukraine: open-ended 'more than' vs 'fewer than'."""
    b.article("ng-troops", "northgate", "Satellite images show build-up near Ukraine",
              "https://northgate.example/2021/12/buildup", 4)
    b.article("bw-troops", "baltic-wire", "Western claims of a troop build-up are hysteria",
              "https://baltic-wire.example/en/a/30802", 4)
    b.claim("ngt", "ng-troops",
            "US intelligence estimates Russia has massed more than 100,000 troops near the "
            "Ukrainian border.", "more than 100,000 troops",
            (100000.0, math.inf, "troop", "count", "more_than"), "troops near Ukraine",
            ("Russia", "Ukraine", "United States"), "US intelligence officials")
    b.claim("bwt", "bw-troops",
            "Fewer than 10,000 soldiers are on routine exercises in the region, the defence "
            "ministry said.", "Fewer than 10,000 soldiers",
            (-math.inf, 10000.0, "troop", "count", "less_than"), "troops near Ukraine",
            ("Russia", "Ukraine"), "Russian defence ministry")


def _hostile(b: _Builder, sources: list[SourceInfo]) -> None:
    """A source and article carrying script and onerror markup everywhere."""
    sources.append(SourceInfo("evil-outlet", XSS_SOURCE, "files", XSS_SOURCE, "<i>owner</i>",
                              "XX", "en", "news", 0.5, None, None))
    b.article("evil", "evil-outlet", XSS_TITLE, "javascript:alert(3)", 0)
    b.claim("evil", "evil", XSS_SENTENCE, "12 drones", (12.0, 12.0, "drone", "count", "exact"),
            "drones shot down", ("<svg onload=alert(4)>",), "<b>ministry</b>")


def _breakdown(rating: float, name: str, attribution: str) -> dict[str, object]:
    """A per-claim credibility breakdown shaped like the assessment's."""
    weights = {"publisher": 0.4, "attribution": 0.3, "corroboration": 0.2, "agreement": 0.1}
    parts = {"publisher": rating, "attribution": 1.0, "corroboration": 0.0, "agreement": 0.0}
    return {
        "publisher": {"value": rating, "label": f"{rating:.2f}", "name": name},
        "attribution": {"value": 1.0, "label": attribution},
        "corroboration": {"value": 0, "label": "0 other independent origin(s) agree"},
        "agreement": {"value": 0.0, "label": "0 of 1 other origins agree"},
        "weights": weights,
        "score": round(sum(weights[k] * v for k, v in parts.items()), 3),
    }


def _findings(b: _Builder, hostile: bool) -> list[Finding]:
    """The findings over the sample claims, as the assessment would give them."""
    findings = [
        Finding(stable_id("finding", "shells"), "contradiction", "high",
                "Outlets disagree on how many artillery shells North Korea has sent Russia: "
                "1–3 million vs about 5 million.", b.ids("ng", "dr", "ec"), "cluster-shells",
                independent_origins=2,
                details={"origin_of": {b.claims["dr"].id: b.claims["ng"].id},
                         "groups": [list(b.ids("ng", "dr")), list(b.ids("ec"))],
                         "credibility": {
                             b.claims["ng"].id: _breakdown(0.86, "Northgate Ledger", "named"),
                             b.claims["ec"].id: _breakdown(0.72, "Eastern Courier", "named"),
                         }}),
        Finding(stable_id("finding", "gas"), "contradiction", "medium",
                "Share of German gas imports from Russia: 55% (economy ministry) vs about 40% "
                "(unattributed).", b.ids("ro", "bw"), "cluster-gas", independent_origins=2,
                details={"credibility": {"Rhine Observer": 0.81, "Baltic Wire": 0.28,
                                         "weighted_agreement": 0.74}}),
        Finding(stable_id("finding", "troops"), "contradiction", "high",
                "Russian troops near Ukraine: more than 100,000 (US intelligence) vs fewer than "
                "10,000 (Russian defence ministry).", b.ids("ngt", "bwt"), "cluster-troops",
                independent_origins=2),
        Finding(stable_id("finding", "gas-unsupported"), "unsupported", "low",
                "“About 40%” of German gas from Russia is stated with no source and no other "
                "outlet backs it.", b.ids("bw"), "cluster-gas", independent_origins=1),
    ]
    if hostile:
        findings.append(Finding(stable_id("finding", "evil"), "unsupported", "medium",
                                "Explanation with <script>alert('expl')</script> markup",
                                b.ids("evil"), "cluster-evil", independent_origins=1))
    return findings


def _health() -> list[SourceHealth]:
    """Five healthy sources, one failing feed and one disabled source."""
    last = RUN_START - timedelta(days=1)
    return [
        SourceHealth("northgate", "ok", 14, 2, None, RUN_START, 0),
        SourceHealth("eastern-courier", "ok", 9, 1, None, RUN_START, 0),
        SourceHealth("daily-relay", "ok", 31, 1, None, RUN_START, 0),
        SourceHealth("rhine-observer", "ok", 6, 1, None, RUN_START, 0),
        SourceHealth("baltic-wire", "ok", 22, 2, None, RUN_START, 0),
        SourceHealth("harbor-dispatch", "failed", 0, 0,
                     "HTTP 503 from https://harbor-dispatch.example/feed.xml after 3 tries",
                     last, 2),
        SourceHealth("quiet-gazette", "disabled", 0, 0, None, None, 0),
    ]


def _gates() -> list[GateResult]:
    """Data checks with one failure."""
    return [
        GateResult("claims", "expect_column_pair_values_a_to_be_greater_than_b", "high", True),
        GateResult("claims", "expect_column_values_to_not_be_null", "sentence", True),
        GateResult("claims", "expect_column_values_to_be_in_set", "qualifier", False, 1,
                   "unexpected value 'roughly' (allowed: exact, approx, more_than, ...)"),
        GateResult("findings", "expect_column_values_to_be_in_set", "kind", True),
    ]


def _skips() -> list[SkipRecord]:
    """A dead feed and a non-UTF-8 file."""
    return [
        SkipRecord("ingest", "harbor-dispatch", "https://harbor-dispatch.example/feed.xml",
                   "HTTP 503 Service Unavailable after 3 tries; will retry next run"),
        SkipRecord("ingest", "rhine-observer", "data/demo/rhine/2024-01-09.html",
                   "not UTF-8 (byte 0xe4 at offset 412): re-save the file as UTF-8"),
    ]


def sample_input(hostile: bool = False) -> ReportInput:
    """A realistic ReportInput: three contradictions, one unsupported figure, one copy."""
    b = _Builder()
    sources = list(SOURCES)
    _shells(b)
    _gas(b)
    _troops(b)
    if hostile:
        _hostile(b, sources)
    findings = _findings(b, hostile)
    inp = ReportInput(
        run_id="run-20261123-0200", started_at=RUN_START,
        finished_at=RUN_START + timedelta(seconds=47), sources_file="sources.yaml",
        sources=sources, health=_health(), articles={a.id: a for a in b.articles.values()},
        claims=list(b.claims.values()), findings=findings, gates=_gates(), skips=_skips(),
        previous_finding_ids={findings[0].id, findings[2].id, "0f3c9a1b2d4e5f60"},
        window_days=7)
    inp.reviews = _reviews(inp)
    return inp


LARGE_KINDS = ("contradiction", "corroborated", "unsupported", "trajectory")


def large_input(findings: int = 3000, claims: int = 40) -> ReportInput:
    """A run at scale: `findings` findings over `claims` claims each, from 40 outlets.

    Each fact's claims state one of four figures (so a contradiction has four sides), every
    pair of differing figures is a conflict and every claim has a credibility breakdown, as
    the assessment writes them. Texts are plain; the hostile sample covers escaping.
    """
    inp = sample_input()
    b = _Builder()
    outlets = [SourceInfo(f"outlet-{k:02d}", f"Outlet {k:02d}", "jsonl", f"Outlet {k:02d}",
                          f"Owner {k % 7}", "GB", "en", "news", round(0.3 + k % 7 / 10, 2))
               for k in range(40)]
    made = [_large_finding(b, n, claims, outlets) for n in range(findings)]
    inp.sources, inp.findings, inp.reviews = [*inp.sources, *outlets], made, {}
    inp.articles, inp.claims = {a.id: a for a in b.articles.values()}, list(b.claims.values())
    return inp


def _large_finding(b: _Builder, n: int, claims: int, outlets: list[SourceInfo]) -> Finding:
    """Finding `n` of a large input, with its articles and claims added to `b`."""
    keys = []
    for k in range(claims):
        key, source = f"{n}-{k}", outlets[(n + k) % len(outlets)].id
        b.article(key, source, f"Report {key} on place {n}", f"https://large.example/{key}",
                  k % 20)
        figure = 1000 * (1 + k % 4)
        b.claim(key, key, f"Officials in place {n} counted {figure:,} displaced people, "
                f"report {k} said.", f"{figure:,} displaced people",
                (figure, figure, "person", "count", "exact"), "displaced people",
                (f"Place {n}",), "officials" if k % 3 else None)
        keys.append(key)
    ids = b.ids(*keys)
    kind = LARGE_KINDS[n % len(LARGE_KINDS)]
    return Finding(
        stable_id("large", str(n)), kind, ("high", "medium", "low", "info")[n % 4],
        f"Outlets report displaced people in place {n}: " + "; ".join(
            f"{1000 * (1 + k % 4):,} from outlet {k}" for k in range(claims)), ids,
        stable_id("fact", str(n)), claims, details={
            "groups": [[cid for k, cid in enumerate(ids) if k % 4 == g] for g in range(4)],
            "conflicts": [[a, b_, "different figures for one fact, as of the same day"]
                          for i, a in enumerate(ids) for j, b_ in enumerate(ids)
                          if i < j and i % 4 != j % 4] if kind == "contradiction" else [],
            "credibility": {cid: _breakdown(0.3 + k % 7 / 10, f"Outlet {k:02d}", "officials")
                            for k, cid in enumerate(ids)},
            "reason": "different figures for one fact", "slots": {"measure": "displaced"}})


def _reviews(inp: ReportInput) -> dict[str, ReviewVerdict]:
    """A confirmed, a dismissed and a stale needs-work verdict."""
    from crosscheck.report.build import figures_key

    by_id = {c.id: c for c in inp.claims}
    shells, _, troops, unsupported = inp.findings[:4]
    return {
        shells.id: ReviewVerdict(shells.id, "confirmed", "Both figures are real estimates; keep.",
                                 "ana", RUN_START - timedelta(hours=20),
                                 figures_key(shells, by_id)),
        unsupported.id: ReviewVerdict(unsupported.id, "dismissed", "Known talking point.",
                                      "ben", RUN_START - timedelta(days=1),
                                      figures_key(unsupported, by_id)),
        troops.id: ReviewVerdict(troops.id, "needs-work", "Check the dates of both claims.",
                                 "ana", RUN_START - timedelta(days=2), "figures-before-update"),
    }


def main(argv: list[str]) -> int:
    """Write a sample report into the folder given on the command line."""
    from crosscheck.report.write import write_report

    if not argv:
        print("usage: python -m crosscheck.report.sample OUT_DIR [--hostile]", file=sys.stderr)
        return 2
    paths = write_report(sample_input(hostile="--hostile" in argv), Path(argv[0]))
    for path in paths.values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
