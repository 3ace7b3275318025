"""The number line: scale choice, ticks, open ends, colours, escaping."""

from __future__ import annotations

import math
import re

import pytest

from crosscheck.report.figures import FigureView, group_figures
from crosscheck.report.svg import (
    CRED_BANDS,
    UNKNOWN_COLOUR,
    choose_scale,
    compact,
    credibility_band,
    number_line,
)


def fig(low, high, unit="shell", cred=0.8, source="s", name="Source"):
    return FigureView(source, name, f"{low}-{high}", low, high, unit, cred)


def test_linear_scale_for_close_figures():
    scale = choose_scale([fig(1e6, 3e6), fig(5e6, 5e6)])
    assert not scale.log
    assert scale.lo < 1e6 and scale.hi > 5e6
    ticks = scale.ticks()
    assert ticks == sorted(ticks) and 4 <= len(ticks) <= 11
    assert all(scale.lo <= t <= scale.hi for t in ticks)


def test_log_scale_when_figures_span_more_than_two_orders_of_magnitude():
    scale = choose_scale([fig(719549, 719549, "tonne"), fig(2.5e8, 2.5e8, "tonne")])
    assert scale.log
    assert 1e6 in scale.ticks() and 1e8 in scale.ticks()
    assert not choose_scale([fig(1, 1), fig(100, 100)]).log  # exactly 100x stays linear


def test_zero_or_negative_figures_stay_linear():
    assert not choose_scale([fig(0, 0), fig(1e6, 1e6)]).log
    assert not choose_scale([fig(-5, -5, "percent"), fig(300, 300, "percent")]).log


def test_positions_increase_with_value_and_stay_inside_the_plot():
    for figures in ([fig(40, 40, "percent"), fig(55, 55, "percent")],
                    [fig(1e3, 1e3), fig(1e7, 1e7)]):
        scale = choose_scale(figures)
        xs = [scale.x(f.low) for f in figures]
        assert xs == sorted(xs) and all(0 < x < 100 for x in xs)


def test_open_ends_drawn_as_arrows_reaching_the_edge():
    svg = str(number_line([fig(1e5, math.inf, "troop"), fig(-math.inf, 1e4, "troop")], "t"))
    assert svg.count("marker-end=") == 1 and svg.count("marker-start=") == 1
    spans = re.findall(r'<line class="span" x1="([\d.]+)%" y1="\d+" x2="([\d.]+)%"', svg)
    assert float(spans[0][1]) == pytest.approx(98.5)  # "more than" runs to the right edge
    assert float(spans[1][0]) == pytest.approx(1.5)  # "fewer than" runs to the left edge
    assert 'id="t-' in svg and 'url(#t-' in svg


def test_points_ranges_and_rows():
    svg = str(number_line([fig(1e6, 3e6), fig(5e6, 5e6), fig(2e6, 2e6)]))
    assert svg.count('<g class="interval"') == 3
    assert svg.count('<circle class="point"') == 2
    assert svg.count('<line class="span"') == 1


def test_intervals_coloured_by_credibility():
    svg = str(number_line([fig(1, 1, cred=0.9, source="a"), fig(2, 2, cred=0.6, source="b"),
                           fig(3, 3, cred=0.1, source="c"), fig(4, 4, cred=None, source="d")]))
    colours = re.findall(r'<circle class="point" [^>]*fill="(#[0-9a-f]{6})"', svg)
    assert colours == [c for _, c, _ in CRED_BANDS] + [UNKNOWN_COLOUR]
    assert re.findall(r'data-band="(\w+)"', svg) == ["high", "medium", "low", "unknown"]
    assert credibility_band(0.75) == (CRED_BANDS[0][1], "high")


def test_no_finite_bound_draws_nothing():
    assert number_line([fig(-math.inf, math.inf)]) is None
    assert number_line([]) is None


def test_single_value_still_gets_a_sensible_scale():
    svg = str(number_line([fig(12, 12, "drone"), fig(12, 12, "drone")]))
    assert svg.count('<circle class="point"') == 2


def test_names_are_escaped():
    svg = str(number_line([fig(1, 1, name='<script>alert("x")</script>', source='"><b>'),
                           fig(2, 2)]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'data-source="&#34;&gt;&lt;b&gt;"' in svg


def test_compact_labels():
    assert compact(1_500_000) == "1.5M" and compact(300_000) == "300k"
    assert compact(55, "percent") == "55%" and compact(2.5e9) == "2.5B" and compact(12) == "12"


def test_group_figures_by_overlap_without_groups():
    more_than = fig(1e6, math.inf, source="a")
    three = fig(3e6, 3e6, source="b")
    half = fig(5e5, 5e5, source="c")
    groups = group_figures([more_than, three, half])
    assert [[f.source_id for f in g.figures] for g in groups] == [["a", "b"], ["c"]]
