"""Inline SVG number line: one row per competing figure, open ends as arrows.

Built as a string with every text escaped here, because the SVG is inserted into the page as
markup. Coordinates are in a fixed viewBox; the page scales the picture to its width.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from crosscheck.report.build import FigureView

WIDTH = 640
LABEL_W = 170  # left column for source names; fits ~24 characters at 12px
PLOT_LEFT = LABEL_W + 16
PLOT_RIGHT = WIDTH - 24
ROW_H = 30
TOP = 8
AXIS_H = 34
LOG_SPAN = 100.0  # log scale when max/min exceeds this: "spans more than two orders of magnitude"
PAD_FRACTION = 0.08  # room at each end so points and arrowheads are not clipped
ARROW = 8  # arrowhead length in viewBox units
NAME_CHARS = 26

# credibility bands (0..1) and their colours; chosen to read on white and in greyscale print
CRED_BANDS = ((0.75, "#1a7f4b", "high"), (0.5, "#b7791f", "medium"), (0.0, "#c2410c", "low"))
UNKNOWN_COLOUR = "#6b7280"


def credibility_band(cred: float | None) -> tuple[str, str]:
    """Colour and band name of a credibility score."""
    if cred is None:
        return UNKNOWN_COLOUR, "unknown"
    for floor, colour, name in CRED_BANDS:
        if cred >= floor:
            return colour, name
    return CRED_BANDS[-1][1], CRED_BANDS[-1][2]


class Scale:
    """Maps values to x positions, linear or log10."""

    def __init__(self, lo: float, hi: float, log: bool):
        self.log = log
        self.lo, self.hi = self._padded(lo, hi)

    def _padded(self, lo: float, hi: float) -> tuple[float, float]:
        if self.log:
            lo, hi = math.log10(lo), math.log10(hi)
        span = hi - lo or (abs(lo) * 0.5 if lo else 1.0)
        pad = span * PAD_FRACTION
        new_lo = lo - pad
        if not self.log and lo >= 0 > new_lo:
            new_lo = 0.0 if lo > 0 else -pad  # counts and shares: start the axis at zero
        return new_lo, hi + pad

    def t(self, value: float) -> float:
        """Value in domain units (log10 when the scale is log)."""
        return math.log10(value) if self.log else value

    def x(self, value: float) -> float:
        """x position of a finite value."""
        frac = (self.t(value) - self.lo) / (self.hi - self.lo)
        return PLOT_LEFT + frac * (PLOT_RIGHT - PLOT_LEFT)

    def ticks(self) -> list[float]:
        """Round values to label on the axis."""
        return self._log_ticks() if self.log else self._linear_ticks()

    def _linear_ticks(self) -> list[float]:
        raw = (self.hi - self.lo) / 5
        mag = 10 ** math.floor(math.log10(raw))
        step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
        first = math.ceil(self.lo / step) * step
        count = int((self.hi - first) / step) + 1
        return [round(first + i * step, 10) for i in range(count)]

    def _log_ticks(self) -> list[float]:
        powers = range(math.ceil(self.lo), math.floor(self.hi) + 1)
        ticks = [10.0 ** p for p in powers]
        if len(ticks) < 3:
            extra = [m * 10.0 ** p for p in range(math.floor(self.lo), math.ceil(self.hi))
                     for m in (2, 5)]
            ticks = sorted(ticks + [v for v in extra if self.lo <= math.log10(v) <= self.hi])
        return ticks


def compact(value: float, unit: str = "") -> str:
    """Short axis label: 1.5M, 300k, 40%."""
    if unit in ("percent", "percentage", "%"):
        return f"{value:g}%"
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def _finite(figures: Sequence[FigureView]) -> list[float]:
    return [v for f in figures for v in (f.low, f.high) if math.isfinite(v)]


def choose_scale(figures: Sequence[FigureView]) -> Scale | None:
    """A scale covering every finite bound, log when they span > two orders of magnitude."""
    values = _finite(figures)
    if not values:
        return None
    lo, hi = min(values), max(values)
    return Scale(lo, hi, log=lo > 0 and hi / lo > LOG_SPAN)


def _arrow(x: float, y: float, direction: int, colour: str) -> str:
    tip = x + direction * ARROW
    points = f"{tip:.1f},{y:.1f} {x:.1f},{y - 6:.1f} {x:.1f},{y + 6:.1f}"
    return f'<polygon class="arrow" points="{points}" fill="{colour}"/>'


def _interval(fig: FigureView, scale: Scale, y: float, colour: str) -> str:
    left = PLOT_LEFT if math.isinf(fig.low) else scale.x(fig.low)
    right = PLOT_RIGHT if math.isinf(fig.high) else scale.x(fig.high)
    if fig.low == fig.high:
        return f'<circle cx="{left:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/>'
    parts = []
    if math.isinf(fig.low):
        parts.append(_arrow(PLOT_LEFT, y, -1, colour))
        left += ARROW / 2
    if math.isinf(fig.high):
        parts.append(_arrow(PLOT_RIGHT - ARROW, y, 1, colour))
        right -= ARROW
    parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                 f'stroke="{colour}" stroke-width="7" stroke-linecap="round"/>')
    for end, value in ((left, fig.low), (right, fig.high)):
        if math.isfinite(value):
            parts.append(f'<line x1="{end:.1f}" y1="{y - 8:.1f}" x2="{end:.1f}" '
                         f'y2="{y + 8:.1f}" stroke="{colour}" stroke-width="2"/>')
    return "".join(parts)


def _row(fig: FigureView, scale: Scale, index: int) -> str:
    y = TOP + index * ROW_H + ROW_H / 2
    colour, band = credibility_band(fig.credibility)
    name = fig.source_name if len(fig.source_name) <= NAME_CHARS \
        else fig.source_name[:NAME_CHARS - 1] + "…"
    cred = "unknown" if fig.credibility is None else f"{fig.credibility:.2f}"
    copies = f", +{fig.copies} cop{'y' if fig.copies == 1 else 'ies'}" if fig.copies else ""
    tip = f"{fig.source_name}: {fig.display} (credibility {cred}, {band}{copies})"
    return (
        f'<g class="interval" data-source="{escape(fig.source_id)}" data-band="{band}">'
        f"<title>{escape(tip)}</title>"
        f'<text x="{LABEL_W}" y="{y + 4:.1f}" text-anchor="end" class="nl-name">'
        f"{escape(name)}</text>"
        f"{_interval(fig, scale, y, colour)}</g>"
    )


def _axis(scale: Scale, y: float, unit: str) -> str:
    parts = [f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}" '
             'stroke="#9ca3af" stroke-width="1"/>']
    for tick in scale.ticks():
        x = scale.x(tick)
        if PLOT_LEFT - 0.5 <= x <= PLOT_RIGHT + 0.5:
            parts.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 5:.1f}" stroke="#9ca3af"/>'
                f'<text x="{x:.1f}" y="{y + 17:.1f}" text-anchor="middle" class="nl-tick">'
                f"{escape(compact(tick, unit))}</text>")
    label = ("log scale" if scale.log else "linear scale") + (f" · {unit}" if unit else "")
    parts.append(f'<text x="{PLOT_RIGHT}" y="{y + 31:.1f}" text-anchor="end" class="nl-axis">'
                 f"{escape(label)}</text>")
    return "".join(parts)


def number_line(figures: Sequence[FigureView]) -> Markup | None:
    """SVG markup for the figures, or None when no figure has a finite bound."""
    scale = choose_scale(figures)
    if scale is None:
        return None
    rows = "".join(_row(f, scale, i) for i, f in enumerate(figures))
    axis_y = TOP + len(figures) * ROW_H + 4
    height = axis_y + AXIS_H
    unit = next((f.unit for f in figures if f.unit), "")
    grid = "".join(
        f'<line x1="{scale.x(t):.1f}" y1="{TOP}" x2="{scale.x(t):.1f}" y2="{axis_y:.1f}" '
        'stroke="#e5e7eb"/>' for t in scale.ticks()
        if PLOT_LEFT - 0.5 <= scale.x(t) <= PLOT_RIGHT + 0.5)
    label = f"Number line of {len(figures)} competing figures"
    return Markup(
        f'<svg class="number-line" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="{escape(label)}" data-scale="{"log" if scale.log else "linear"}" '
        f'xmlns="http://www.w3.org/2000/svg">{grid}{rows}{_axis(scale, axis_y, unit)}</svg>'
    )
