"""Report stage on hand-built inputs: files, ordering, new/resolved, verdicts, escaping."""

from __future__ import annotations

import dataclasses
import html
import json
import math
import re
from datetime import UTC, datetime

import pandas as pd
import pytest

from crosscheck.models import Claim, Finding, Quantity, SkipRecord
from crosscheck.report import (
    REPORT_FILES,
    GateResult,
    ReviewVerdict,
    build_view,
    figures_key,
    findings_table,
    summary_markdown,
    write_report,
)
from crosscheck.report.build import (
    EXPLANATION_CHARS,
    MAX_CLAIMS_SHOWN,
    MAX_SIDES_SHOWN,
    is_new,
    shorten_text,
)
from crosscheck.report.figures import MAX_FIGURES_DRAWN, human_interval
from crosscheck.report.findings_file import CLAIM_KEYS, whole_finding
from crosscheck.report.html import render_html, script_hash
from crosscheck.report.sample import (
    XSS_SENTENCE,
    XSS_SOURCE,
    XSS_TITLE,
    large_input,
    sample_input,
)
from crosscheck.report.sample import main as sample_main


@pytest.fixture
def inp():
    return sample_input(hostile=True)


@pytest.fixture
def written(inp, tmp_path):
    return write_report(inp, tmp_path / "out")


def _finding(inp, fragment):
    return next(f for f in inp.findings if fragment in f.explanation)


def _reject_constant(name):
    raise ValueError(f"non-standard JSON constant {name}")


def test_write_report_writes_the_four_files(written, tmp_path):
    assert set(written) == set(REPORT_FILES)
    for role, name in REPORT_FILES.items():
        assert written[role] == tmp_path / "out" / name
        assert written[role].stat().st_size > 0
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_findings_json_contract(written, inp):
    data = json.loads(written["findings"].read_text(), parse_constant=_reject_constant)
    assert [f["id"] for f in data] == [fv.finding.id for fv in build_view(inp).findings]
    rows = pd.read_csv(written["claims"]).set_index("claim_id")
    for f in data:
        assert {"id", "kind", "severity", "explanation", "independent_origins", "review",
                "new", "claims"} <= set(f)
        for c in f["claims"]:
            assert set(CLAIM_KEYS) <= set(c) <= {*CLAIM_KEYS, "qualifier", "copy_of"}
            assert rows.loc[c["claim_id"], "sentence"]  # its text: claims.csv
            assert c.get("qualifier", "exact") == rows.loc[c["claim_id"], "qualifier"]
    shells = next(f for f in data if "artillery shells" in f["explanation"])
    assert shells["review"]["verdict"] == "confirmed"
    assert shells["independent_origins"] == 2
    source = {c["claim_id"]: rows.loc[c["claim_id"], "source_id"] for c in shells["claims"]}
    northgate = next(c for c in shells["claims"] if source[c["claim_id"]] == "northgate")
    assert (northgate["low"], northgate["high"], northgate["unit"]) == (1e6, 3e6, "shell")
    assert rows.loc[northgate["claim_id"], "attribution"] == "Hal Brands, Bloomberg"
    relay = next(c for c in shells["claims"] if source[c["claim_id"]] == "daily-relay")
    assert relay["copy_of"] == northgate["claim_id"]
    assert "copy_of" not in northgate  # only a copy names its origin


def test_open_ends_are_null_in_json(written):
    data = json.loads(written["findings"].read_text(), parse_constant=_reject_constant)
    troops = next(f for f in data if "troops" in f["explanation"])
    bounds = {(c["low"], c["high"], c["qualifier"]) for c in troops["claims"]}
    assert bounds == {(100000.0, None, "more_than"), (None, 10000.0, "less_than")}


def test_claims_csv_has_one_row_per_claim(written, inp):
    df = pd.read_csv(written["claims"])
    assert len(df) == len(inp.claims)
    required = {"source_id", "article_url", "sentence", "low", "high", "unit", "qualifier",
                "attribution", "article_title", "published", "unit_kind", "change",
                "measured", "entities", "as_of"}
    assert required <= set(df.columns)
    row = df[df.surface == "more than 100,000 troops"].iloc[0]
    assert row["low"] == 100000 and math.isnan(row["high"])
    assert row["article_title"] == "Satellite images show build-up near Ukraine"
    assert row["published"].startswith("2026-11-18")
    gas = df[df.surface == "55%"].iloc[0]
    assert gas["entities"] == "Germany; Russia" and gas["as_of"] == "2026-11-19"


def test_findings_sorted_by_severity_then_kind(inp):
    view = build_view(inp)
    order = [(fv.finding.severity, fv.finding.kind) for fv in view.findings]
    ranks = [("high", "medium", "low", "info").index(s) for s, _ in order]
    assert ranks == sorted(ranks)
    assert order[0] == ("high", "contradiction")


def test_new_and_resolved_since_previous_run(inp):
    view = build_view(inp)
    by_text = {fv.finding.explanation[:20]: fv for fv in view.findings}
    new = {k for k, fv in by_text.items() if fv.new}
    # gas and the hostile one are not in the previous run; troops was, but its figures changed
    # since its verdict; shells was seen and confirmed; the unsupported one was dismissed.
    assert new == {"Share of German gas ", "Explanation with <sc", "Russian troops near "}
    assert view.resolved_ids == ["0f3c9a1b2d4e5f60"]
    troops = by_text["Russian troops near "]
    assert troops.review_stale and troops.status == "needs-work"


def test_first_run_marks_everything_new_but_dismissed(inp):
    inp.previous_finding_ids = None
    view = build_view(inp)
    assert view.first_run and view.resolved_ids == []
    assert [fv.status for fv in view.findings if not fv.new] == ["dismissed"]


def test_figures_key_ignores_order_and_repeated_figures(inp):
    by_id = {c.id: c for c in inp.claims}
    shells = _finding(inp, "artillery shells")
    reordered = dataclasses.replace(shells, claim_ids=tuple(reversed(shells.claim_ids)))
    assert figures_key(reordered, by_id) == figures_key(shells, by_id)
    # the Daily Relay copy repeats Northgate's figure: dropping it leaves the figures unchanged
    without_copy = dataclasses.replace(shells, claim_ids=shells.claim_ids[::2])
    assert figures_key(without_copy, by_id) == figures_key(shells, by_id)


def test_dismissed_stays_dismissed_until_figures_change(inp):
    by_id = {c.id: c for c in inp.claims}
    gas = _finding(inp, "Share of German gas")
    verdict = ReviewVerdict(gas.id, "dismissed", "same old", "ana",
                            datetime(2026, 11, 22, tzinfo=UTC), figures_key(gas, by_id))
    assert not is_new(verdict, False, gas.id, previous=set())
    bw = next(by_id[c] for c in gas.claim_ids if by_id[c].source_id == "baltic-wire")
    moved = dataclasses.replace(bw, quantity=dataclasses.replace(bw.quantity, low=35.0,
                                                                 high=35.0))
    changed = {**by_id, bw.id: moved}
    new_key = figures_key(gas, changed)
    assert new_key != verdict.figures_key
    assert is_new(verdict, new_key != verdict.figures_key, gas.id, previous={gas.id})


def test_xss_payload_is_escaped_in_html(written):
    page = written["html"].read_text()
    assert page.count("<script") == 2  # the page's own script and its data block
    assert page.count('<script type="application/json" id="f-data">') == 1
    assert "<img" not in page and "<svg onload" not in page and "<b>Outlet" not in page
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt; onerror=alert(2)" in page
    assert 'href="javascript:' not in page
    assert "Drones &lt;img src=x onerror=alert(&#39;title&#39;)&gt; downed" in page


def test_figure_is_marked_after_escaping(written):
    page = written["html"].read_text()
    assert "sold <mark>1 million to 3 million artillery shells</mark> to Russia" in page
    assert "&lt;/script&gt; <mark>12 drones</mark> were shot down" in page


def test_page_is_self_contained_with_a_strict_csp(inp):
    page = render_html(build_view(inp))
    # no tag loads anything; url() only points at the page's own SVG markers
    assert not re.search(r"<[^>]*\s(src|href)=\"(?!#|https?://[a-z-]+\.example/)|<link|@import",
                         page)
    assert not re.search(r"url\((?!#nl-)", page)
    script = re.search(r"<script>(.*)</script>", page, re.S).group(1)
    csp = html.unescape(re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp and script_hash(script) in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_summary_section_names_failed_gate_skips_and_health(written):
    page = written["html"].read_text()
    gates = page[page.index('id="gates"'):page.index('id="skips"')]
    assert "expect_column_values_to_be_in_set" in gates and "1 of 4" in gates
    assert "not UTF-8 (byte 0xe4 at offset 412)" in page
    health = page[page.index('id="health"'):]
    assert "HTTP 503 from https://harbor-dispatch.example/feed.xml" in health
    assert health.count("<tr class=") == 8  # seven configured sources plus the hostile one


def test_one_number_line_per_contradiction(inp):
    page = render_html(build_view(inp))
    contradictions = [f for f in inp.findings if f.kind == "contradiction"]
    assert page.count('<svg class="number-line"') == len(contradictions)
    # shells: the Daily Relay copy is folded under Northgate, so two intervals, not three
    shells = page[page.index(f'id="f-{_finding(inp, "artillery shells").id}"'):]
    shells_svg = shells[:shells.index("</svg>")]
    assert shells_svg.count('<g class="interval"') == 2
    assert "(+1 copy)" in shells_svg


def test_copies_folded_under_origin(inp):
    view = build_view(inp)
    shells = next(fv for fv in view.findings if "artillery" in fv.finding.explanation)
    assert [cv.source.id for cv in shells.claims] == ["northgate", "eastern-courier"]
    assert [cp.source.id for cp in shells.claims[0].copies] == ["daily-relay"]
    assert shells.claim_count == 3 and shells.source_ids[-1] == "eastern-courier"


def test_copy_found_from_syndicated_article_without_details(inp):
    shells = _finding(inp, "artillery shells")
    inp.findings[inp.findings.index(shells)] = dataclasses.replace(shells, details={})
    view = build_view(inp)
    fv = next(fv for fv in view.findings if fv.finding.id == shells.id)
    assert [cp.source.id for cp in fv.claims[0].copies] == ["daily-relay"]


def test_copy_cycle_keeps_one_origin(inp):
    shells = _finding(inp, "artillery shells")
    ng, dr = shells.claim_ids[0], shells.claim_ids[1]
    inp.findings[inp.findings.index(shells)] = dataclasses.replace(
        shells, details={"origin_of": {ng: dr, dr: ng}})
    fv = next(f for f in build_view(inp).findings if f.finding.id == shells.id)
    assert fv.claim_count == 3 and len(fv.claims) == 2
    assert sum(len(cv.copies) for cv in fv.claims) == 1


def test_detail_figures_add_origins_the_run_does_not_hold(inp):
    gas = _finding(inp, "Share of German gas")
    by_source = {c.source_id: c.id for c in inp.claims if c.id in gas.claim_ids}
    figures = [
        {"claim_id": by_source["rhine-observer"], "source_id": "rhine-observer",
         "display": "55 percentage", "low": 55, "high": 55, "unit": "percent"},
        {"claim_id": by_source["baltic-wire"], "source_id": "baltic-wire",
         "display": "40 percentage", "low": 40, "high": 40, "unit": "percent"},
        {"claim_id": "claim-from-last-week", "source_id": "daily-relay", "display": "",
         "low": 30, "high": None, "unit": "percent", "credibility": None},
    ]
    inp.findings[inp.findings.index(gas)] = dataclasses.replace(
        gas, details={**gas.details, "figures": figures})
    fv = next(f for f in build_view(inp).findings if f.finding.id == gas.id)
    assert [(f.source_name, f.display) for f in fv.figures] == [
        ("Baltic Wire", "about 40%"), ("Rhine Observer", "55%"),
        ("Daily Relay", "at least 30%")]
    assert fv.figures[2].credibility == 0.45  # taken from the source when the figure has none
    page = render_html(build_view(inp))
    block = page[page.index(f'id="f-{gas.id}"'):]
    svg = block[:block.index("</svg>")]
    assert svg.count('<g class="interval"') == 3 and "marker-end=" in svg


def test_detail_figures_alone_when_no_claim_is_held(inp):
    finding = Finding("only-details", "contradiction", "medium", "Grain shipped", ("gone-1",),
                      "c-grain", 2, details={"figures": [
                          {"source_id": "a", "low": 719549, "high": 719549, "unit": "tonne"},
                          {"source_id": "b", "low": 50.6e6, "high": 50.6e6, "unit": "tonne"}]})
    inp.findings = [finding]
    fv = build_view(inp).findings[0]
    assert [f.display for f in fv.figures] == ["719,549 tonnes", "50.6 million tonnes"]
    page = render_html(build_view(inp))
    assert 'data-scale="log"' not in page  # 70x: less than two orders of magnitude
    assert page.count('<g class="interval"') == 2


def test_figures_grouped_by_the_findings_groups(inp):
    fv = next(f for f in build_view(inp).findings if "artillery" in f.finding.explanation)
    assert [[f.source_id for f in g.figures] for g in fv.groups] == [
        ["northgate"], ["eastern-courier"]]
    assert [g.displays for g in fv.groups] == [["1–3 million shells"],
                                               ["about 5 million shells"]]


def test_credibility_breakdown_rendered_per_claim(written, inp):
    page = written["html"].read_text()
    shells = page[page.index(f'id="f-{_finding(inp, "artillery shells").id}"'):]
    shells = shells[:shells.index("</article>")]
    assert shells.count('class="cred-detail"') == 2
    assert "score <strong>0.64</strong>" in shells and "publisher 0.86</span>" in shells
    # the names the card shows above and the weights all claims share are not repeated
    assert "(Northgate Ledger)" not in shells and "named (Hal Brands" not in shells
    assert "<small>×" not in shells and "0.4 × publisher" in page  # once, under the filters
    # a breakdown not keyed by claim is shown for the finding as a whole
    assert "Credibility notes" in page and "weighted_agreement" in page


def test_unknown_source_and_missing_article_still_render(inp, tmp_path):
    q = Quantity(7.0, 7.0, "ship", "count", "exact", "none", "seven ships", 0, 0)
    orphan = Claim("orphan", "no-such-article", "no-such-source", "Officials counted seven ships.",
                   q, "ships", (), "", None, None, "ships")
    inp.claims.append(orphan)
    inp.findings.append(Finding("orphan-finding", "unsupported", "info", "Seven ships, once.",
                                ("orphan", "missing-claim"), "c-orphan", 1))
    paths = write_report(inp, tmp_path)
    page = paths["html"].read_text()
    assert "Officials counted <mark>seven ships</mark>." in page
    assert "article no-such-article not in this run" in page
    assert "no-such-source" in page


def test_malformed_figures_do_not_break_the_report(inp, tmp_path):
    q = Quantity(math.nan, math.nan, "ship", "count", "exact", "none", "many ships", 10, 20)
    odd = Claim("nan-claim", "no-article", "northgate", "Officials many ships counted.", q,
                "ships", (), "", None, None, "ships")
    inp.claims.append(odd)
    inp.findings.append(Finding("odd-finding", "contradiction", "low", "Odd figures",
                                ("nan-claim",), "c-odd", 1, details={"figures": [
                                    {"claim_id": "x", "source_id": "a", "low": "lots"},
                                    {"claim_id": "y", "source_id": "b", "low": 3, "high": 3}]}))
    paths = write_report(inp, tmp_path)
    page = paths["html"].read_text()
    assert "unreadable figure (not a number)" in page and "nan%" not in page
    data = json.loads(paths["findings"].read_text(), parse_constant=_reject_constant)
    odd_json = next(f for f in data if f["id"] == "odd-finding")
    assert odd_json["claims"][0]["low"] is None


def test_empty_run(inp, tmp_path):
    inp.findings, inp.claims, inp.articles, inp.previous_finding_ids = [], [], {}, None
    inp.gates = [GateResult("claims", "expect_column_values_to_not_be_null", "sentence", True)]
    paths = write_report(inp, tmp_path)
    assert json.loads(paths["findings"].read_text()) == []
    assert len(pd.read_csv(paths["claims"])) == 0
    page = paths["html"].read_text()
    assert "No findings in this run." in page and "All 1 data checks passed." in page
    assert "No findings in this run." in paths["markdown"].read_text()


def test_summary_markdown_and_table(inp):
    md = summary_markdown(inp)
    assert "5 ok, 1 failed, 1 disabled" in md
    assert "**expect\\_column\\_values\\_to\\_be\\_in\\_set**" in md
    assert "new: 3" in md and "resolved: 1" in md and "to review: 3" in md
    assert "<script" not in md and "<img" not in md
    rows = findings_table(inp)
    assert [r["id"] for r in rows] == [fv.finding.id for fv in build_view(inp).findings]
    shells = next(r for r in rows if "artillery" in r["explanation"])
    assert shells["figures"] == ("1–3 million shells (Northgate Ledger, +1 copies) vs "
                                 "about 5 million shells (Eastern Courier)")
    assert shells["review"] == "confirmed" and shells["new"] is False
    assert findings_table(inp, limit=2) == rows[:2]  # the most severe, for Prefect's UI


def test_findings_table_cells_stay_short(inp):
    from crosscheck.report.exports import ARTIFACT_TEXT

    long = dataclasses.replace(inp.findings[0], explanation="the figures disagree " * 100)
    inp.findings = [long, *inp.findings[1:]]
    row = next(r for r in findings_table(inp) if r["id"] == long.id)
    assert len(row["explanation"]) == ARTIFACT_TEXT and row["explanation"].endswith("…")


def test_many_skips_are_summarised_with_ingest_first(inp):
    inp.skips = [SkipRecord("extract", "northgate", f"a1 sentence {i}", "a time reference")
                 for i in range(20)] + inp.skips
    md = summary_markdown(inp)
    listed = [line for line in md.splitlines() if line.startswith("- ⚠️ skipped")]
    assert len(listed) == 5 and "(ingest, harbor-dispatch)" in listed[0]
    assert "…17 more skipped inputs (22 in all: 2 at ingest, 20 at extract)" in md
    page = render_html(build_view(inp))
    assert "2 at ingest, 20 at extract" in page
    assert re.search(r'<details open>\s*<summary><h2>Skipped inputs \(22\)', page)


def test_report_markdown_quotes_sentences_with_bold_figures(written):
    md = written["markdown"].read_text()
    assert "> North Korea has sold **1 million to 3 million artillery shells** to Russia" in md
    assert "[How North Korea keeps Russia's guns firing](<https://northgate.example/2024/shells>)" \
        in md
    assert "&lt;script&gt;" in md and "<script" not in md
    assert XSS_TITLE not in md and XSS_SOURCE not in md and XSS_SENTENCE not in md


@pytest.mark.parametrize(("low", "high", "unit", "text"), [
    (1e6, 3e6, "shell", "1–3 million shells"),
    (55.0, 55.0, "percent", "55%"),
    (1e5, math.inf, "troop", "at least 100,000 troops"),
    (-math.inf, 1e4, "troop", "at most 10,000 troops"),
    (900000.0, 1.2e6, "tonne", "900,000–1.2 million tonnes"),
    (1.0, 1.0, "drone", "1 drone"),
])
def test_human_interval(low, high, unit, text):
    assert human_interval(low, high, unit) == text


def test_sample_command_writes_a_report(tmp_path, capsys):
    assert sample_main([str(tmp_path), "--hostile"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(REPORT_FILES.values())
    assert str(tmp_path / "report.html") in capsys.readouterr().out
    assert sample_main([]) == 2


def _decoded_conflicts(f: dict) -> list[tuple[str, str, str]]:
    """findings.json's conflicts back as (claim id, claim id, reason)."""
    ids = [c["claim_id"] for c in f["claims"]]
    reasons = f["details"]["conflict_reasons"]
    return [(ids[i], ids[j], reasons[r]) for i, j, r in f["details"]["conflicts"]]


def test_findings_json_at_scale_refers_to_claims_and_keeps_every_detail(tmp_path):
    inp = large_input(findings=40, claims=24)
    paths = write_report(inp, tmp_path)
    text = paths["findings"].read_text()
    data = json.loads(text)
    table = json.loads(paths["credibility"].read_text())["parts"]
    assert len(data) == 40 and all(len(f["claims"]) == 24 for f in data)
    assert len(table) < 40 * 24  # each distinct part once for the whole run
    assert "displaced people, report" not in text  # no sentence: claims.csv has them once
    originals = {f.id: f for f in inp.findings}
    for f in data:
        original = originals[f["id"]].details
        assert _decoded_conflicts(f) == [tuple(p) for p in original["conflicts"]]
        assert "figures" not in f["details"]  # every figure is one of the claims listed
        whole = whole_finding(f, table)["details"]
        weights = whole["credibility_weights"]
        for cid, parts in whole["credibility"].items():
            assert {**parts, "weights": weights} == original["credibility"][cid]
        assert whole["groups"] == original["groups"]
        assert all(isinstance(i, int) for g in f["details"]["groups"] for i in g)  # positions
    contradictions = [f for f in data if f["kind"] == "contradiction"]
    assert contradictions and all(len(f["details"]["conflicts"]) == 24 * 18 // 2
                                  for f in contradictions)  # pairs of differing figures
    assert len(text.splitlines()) == 42  # one finding a line, between the brackets


def test_report_shows_a_few_claims_per_finding_and_says_how_many_more(tmp_path):
    inp = large_input(findings=40, claims=24)
    paths = write_report(inp, tmp_path)
    page = paths["html"].read_text()
    cards = re.findall(r'<article class="finding.*?</article>', page, re.S)
    assert len(cards) == 40  # every finding is listed
    for card in cards:  # each fact states four figures: one card for each of three
        shown = re.findall(r'<span class="norm">([\d,]+) person', card)
        assert len(shown) == len(set(shown)) == MAX_SIDES_SHOWN
        assert f"{24 - len(shown)} more claims: all in findings.json and claims.csv" in card
        assert card.count('<g class="interval"') <= MAX_FIGURES_DRAWN
    assert sum('data-kind="contradiction"' in c and '<g class="interval"' in c
               for c in cards) == 10
    md = paths["markdown"].read_text()
    assert md.count("more claims: all in findings.json and claims.csv") == 40


def test_explanations_are_cut_on_the_page_and_whole_in_json(tmp_path):
    inp = large_input(findings=4, claims=24)
    paths = write_report(inp, tmp_path)
    page = paths["html"].read_text()
    whole = inp.findings[0].explanation
    assert len(whole) > EXPLANATION_CHARS and whole not in page
    assert shorten_text(whole) in page and shorten_text(whole).endswith(" …")
    assert {f["explanation"] for f in json.loads(paths["findings"].read_text())} == \
        {f.explanation for f in inp.findings}


def test_agreeing_figures_show_one_claim_and_two_sides_show_two(inp):
    view = build_view(inp)
    shells = next(fv for fv in view.findings if "artillery shells" in fv.finding.explanation)
    assert len(shells.groups) == 2 and len(shells.shown) == MAX_CLAIMS_SHOWN == 2
    corroborated = dataclasses.replace(shells.finding, id="agree", kind="corroborated",
                                       details={**shells.finding.details, "groups": [
                                           [c.claim.id for c in shells.claims]]})
    inp.findings = [corroborated]
    (agree,) = build_view(inp).findings
    assert len(agree.groups) == 1 and len(agree.shown) == 1
    assert agree.claims_not_shown == agree.claim_count - 1 - len(agree.shown[0].copies)


def test_a_long_skip_list_shows_whole_sources_first_and_counts_the_rest(inp):
    from crosscheck.report.html import MAX_SKIPS_SHOWN

    inp.skips = [SkipRecord("extract", "northgate", f"a1 sentence {i}", "a time reference")
                 for i in range(MAX_SKIPS_SHOWN + 40)] + inp.skips
    page = render_html(build_view(inp))
    table = page[page.index('id="skips"'):page.index("</table>", page.index('id="skips"'))]
    assert table.count("<tr><td>") == MAX_SKIPS_SHOWN
    assert table.index("<tr><td>ingest</td>") < table.index("<tr><td>extract</td>")
    assert f"{len(inp.skips) - MAX_SKIPS_SHOWN} more not listed here" in page


def test_the_figures_row_names_a_few_figures_and_counts_the_rest(tmp_path):
    from crosscheck.report.build import MAX_GROUPS_SHOWN

    inp = large_input(findings=1, claims=2 * MAX_GROUPS_SHOWN)
    finding = inp.findings[0]
    ids = finding.claim_ids
    inp.findings = [dataclasses.replace(finding, details={**finding.details, "groups": [
        [cid] for cid in ids]})]  # every claim its own figure group
    page = render_html(build_view(inp))
    row = page[page.index('<div class="figures-row"'):]
    assert row[:row.index('<p class="')].count('<div class="fig"') == MAX_GROUPS_SHOWN
    assert f"and {len(ids) - MAX_GROUPS_SHOWN} more figures" in row


def test_the_data_block_cannot_be_ended_by_a_text():
    from crosscheck.report.page_data import script_json

    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    text = script_json({"sentence": hostile})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"sentence": hostile}


def test_later_findings_are_data_not_html(tmp_path):
    from crosscheck.report.html import PAGE_SIZE

    inp = large_input(findings=PAGE_SIZE + 20, claims=6)
    page = write_report(inp, tmp_path)["html"].read_text()
    assert page.count('<article class="finding') == PAGE_SIZE
    block = page.split('<script type="application/json" id="f-data">')[1].split("</script>")[0]
    data = json.loads(block)
    order = [fv.finding.id for fv in build_view(inp).findings]
    assert [r["id"] for r in data["findings"]] == order[PAGE_SIZE:]
