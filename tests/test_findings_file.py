"""findings.json's layout without ../shared: the list the shared scorer reads, no repeats.

The scorer (tests/test_shared_scorer.py runs it) reads a JSON list of findings whose claims
each carry `article_url`, `low` and `high`; a claim's sentence is written once, in claims.csv.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from crosscheck.report import build_view, write_report
from crosscheck.report.exports import finding_json
from crosscheck.report.findings_file import whole_finding
from crosscheck.report.sample import large_input, sample_input


@pytest.fixture(params=["sample", "large"])
def inp(request):
    return sample_input(hostile=True) if request.param == "sample" \
        else large_input(findings=12, claims=10)


def test_findings_json_is_a_list_of_findings_with_figures_the_scorer_reads(inp, tmp_path):
    text = write_report(inp, tmp_path)["findings"].read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, list) and len(data) == len(inp.findings)
    for f in data:
        assert isinstance(f["kind"], str) and isinstance(f["explanation"], str)
        assert f["claims"] and all({"article_url", "low", "high"} <= set(c) for c in f["claims"])
    assert len(text.splitlines()) == len(data) + 2  # one finding a line, between the brackets


def test_a_claims_sentence_is_written_once(inp, tmp_path):
    """In claims.csv, in its claim's row, and nowhere in findings.json or credibility.json."""
    paths = write_report(inp, tmp_path)
    text = paths["findings"].read_text(encoding="utf-8") + \
        paths["credibility"].read_text(encoding="utf-8")
    rows = pd.read_csv(paths["claims"], keep_default_na=False)
    listed = {c["claim_id"] for f in json.loads(paths["findings"].read_text(encoding="utf-8"))
              for c in f["claims"]}
    sentences = {c.id: c.sentence for c in inp.claims if c.id in listed}
    assert sentences
    for cid, sentence in sentences.items():  # a copy's claim states the same sentence
        said = sum(c.sentence == sentence for c in inp.claims)
        assert (rows.sentence == sentence).sum() == said, cid
        assert rows.set_index("claim_id").loc[cid, "sentence"] == sentence
        assert sentence not in text and json.dumps(sentence, ensure_ascii=False)[1:-1] not in text


def test_findings_json_keeps_every_detail(inp, tmp_path):
    """Read back whole, each finding is what the assessment's details made it."""
    paths = write_report(inp, tmp_path)
    data = json.loads(paths["findings"].read_text(encoding="utf-8"))
    parts = json.loads(paths["credibility"].read_text(encoding="utf-8"))["parts"]
    made = [finding_json(fv) for fv in build_view(inp).findings]
    for f, original in zip(data, made, strict=True):
        whole = whole_finding(f, parts)
        assert whole["details"] == original["details"]
        assert [c["claim_id"] for c in whole["claims"]] == \
            [c["claim_id"] for c in original["claims"]]
