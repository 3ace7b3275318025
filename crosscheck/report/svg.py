"""Inline SVG number line: one row per competing figure, open ends as arrows.

Built as a string with every text escaped here, because the SVG is inserted into the page as
markup. x positions are percentages of the picture's width and y positions are pixels, so the
line stretches to any screen width while the text keeps its size (legible on a phone).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from crosscheck.report.figures import FigureView

PLOT_LEFT = 1.5  # % of the width; the margins leave room for dots and arrowheads
PLOT_RIGHT = 98.5
ROW_H = 40  # px: a name line above each interval
TOP = 4
AXIS_H = 40
LOG_SPAN = 100.0  # log scale when max/min exceeds this: "spans more than two orders of magnitude"
PAD_FRACTION = 0.08  # room at each end so points and arrowheads are not clipped
OPEN_FRACTION = 0.25  # extra room on a side where an interval is open, so its arrow shows length
LABEL_CHARS = 60

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

    def __init__(self, lo: float, hi: float, log: bool, open_low: bool = False,
                 open_high: bool = False):
        """Scale over [lo, hi] with padding; extra room on open sides."""
        self.log = log
        self.lo, self.hi = self._padded(lo, hi, open_low, open_high)

    def _padded(self, lo: float, hi: float, open_low: bool, open_high: bool
                ) -> tuple[float, float]:
        """The domain in scale units, padded, starting at zero for counts."""
        if self.log:
            lo, hi = math.log10(lo), math.log10(hi)
        span = hi - lo or (abs(lo) * 0.5 if lo else 1.0)
        new_lo = lo - span * (PAD_FRACTION + (OPEN_FRACTION if open_low else 0))
        new_hi = hi + span * (PAD_FRACTION + (OPEN_FRACTION if open_high else 0))
        if not self.log and lo >= 0 > new_lo:
            new_lo = 0.0 if lo > 0 else -span * PAD_FRACTION  # counts and shares start at 0
        return new_lo, new_hi

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
        """About five ticks at 1, 2 or 5 times a power of ten."""
        raw = (self.hi - self.lo) / 5
        mag = 10 ** math.floor(math.log10(raw))
        step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
        first = math.ceil(self.lo / step) * step
        count = int((self.hi - first) / step) + 1
        return [round(first + i * step, 10) for i in range(count)]

    def _log_ticks(self) -> list[float]:
        """Powers of ten, with 2x and 5x added when there are too few."""
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
    """Every finite bound of the figures."""
    return [v for f in figures for v in (f.low, f.high) if math.isfinite(v)]


def choose_scale(figures: Sequence[FigureView]) -> Scale | None:
    """A scale covering every finite bound, log when they span > two orders of magnitude."""
    values = _finite(figures)
    if not values:
        return None
    lo, hi = min(values), max(values)
    return Scale(lo, hi, log=lo > 0 and hi / lo > LOG_SPAN,
                 open_low=any(math.isinf(f.low) for f in figures),
                 open_high=any(math.isinf(f.high) for f in figures))


def arrow_markers(uid: str) -> Markup:
    """The arrowheads as a hidden SVG, once per page, for number lines drawn with `shared`."""
    return Markup(f'<svg class="nl-defs" width="0" height="0" aria-hidden="true" '
                  f'xmlns="http://www.w3.org/2000/svg">{_markers(uid)}</svg>')


def _markers(uid: str) -> str:
    """One arrowhead marker per credibility colour; orient makes marker-start point left."""
    colours = [c for _, c, _ in CRED_BANDS] + [UNKNOWN_COLOUR]
    return "<defs>" + "".join(
        f'<marker id="{uid}-{c[1:]}" viewBox="0 0 10 12" refX="9" refY="6" markerWidth="10" '
        f'markerHeight="12" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,6 L0,12 z" fill="{c}"/></marker>' for c in colours) + "</defs>"


def _interval(fig: FigureView, scale: Scale, y: float, colour: str, uid: str) -> str:
    """A dot for one value, a bar for a range, arrows for open ends."""
    open_low, open_high = not math.isfinite(fig.low), not math.isfinite(fig.high)
    left = PLOT_LEFT if open_low else scale.x(fig.low)
    right = PLOT_RIGHT if open_high else scale.x(fig.high)
    if fig.low == fig.high:
        return f'<circle class="point" cx="{left:.2f}%" cy="{y}" r="6" fill="{colour}"/>'
    arrow = f'url(#{uid}-{colour[1:]})'
    ends = (f' marker-start="{arrow}"' if open_low else "") + \
        (f' marker-end="{arrow}"' if open_high else "")
    parts = [f'<line class="span" x1="{left:.2f}%" y1="{y}" x2="{right:.2f}%" y2="{y}" '
             f'stroke="{colour}" stroke-width="7"{ends}/>']
    for end, value in ((left, fig.low), (right, fig.high)):
        if math.isfinite(value):
            parts.append(f'<line x1="{end:.2f}%" y1="{y - 8}" x2="{end:.2f}%" y2="{y + 8}" '
                         f'stroke="{colour}" stroke-width="3"/>')
    return "".join(parts)


def _label(fig: FigureView) -> str:
    """'Source · figure' above the interval, shortened when long."""
    text = f"{fig.source_name} · {fig.display}"
    if fig.copies:
        text += f" (+{fig.copies} cop{'y' if fig.copies == 1 else 'ies'})"
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


def _row(fig: FigureView, scale: Scale, index: int, uid: str) -> str:
    """One figure's row: label, tooltip and interval."""
    top = TOP + index * ROW_H
    colour, band = credibility_band(fig.credibility)
    cred = "unrated" if fig.credibility is None else f"{fig.credibility:.2f}"
    tip = f"{fig.source_name}: {fig.display} (credibility {cred}, {band})"
    return (
        f'<g class="interval" data-source="{escape(fig.source_id)}" data-band="{band}">'
        f"<title>{escape(tip)}</title>"
        f'<text x="{PLOT_LEFT}%" y="{top + 13}" class="nl-name">{escape(_label(fig))}</text>'
        f"{_interval(fig, scale, top + 27, colour, uid)}</g>"
    )


def _visible_ticks(scale: Scale) -> list[tuple[float, float]]:
    """Ticks with their positions, only those inside the plot."""
    ticks = [(t, scale.x(t)) for t in scale.ticks()]
    return [(t, x) for t, x in ticks if PLOT_LEFT - 0.01 <= x <= PLOT_RIGHT + 0.01]


def _axis(scale: Scale, y: float, unit: str) -> str:
    """The axis line, tick labels and the scale's name."""
    parts = [f'<line x1="{PLOT_LEFT}%" y1="{y}" x2="{PLOT_RIGHT}%" y2="{y}" stroke="#9ca3af"/>']
    for tick, x in _visible_ticks(scale):
        parts.append(
            f'<line x1="{x:.2f}%" y1="{y}" x2="{x:.2f}%" y2="{y + 5}" stroke="#9ca3af"/>'
            f'<text x="{x:.2f}%" y="{y + 17}" text-anchor="middle" class="nl-tick">'
            f"{escape(compact(tick, unit))}</text>")
    label = ("log scale" if scale.log else "linear scale") + (f" · {unit}" if unit else "")
    parts.append(f'<text x="{PLOT_RIGHT}%" y="{y + 33}" text-anchor="end" class="nl-axis">'
                 f"{escape(label)}</text>")
    return "".join(parts)


def number_line(figures: Sequence[FigureView], uid: str = "nl",
                shared: bool = False) -> Markup | None:
    """SVG markup for the figures, or None when no figure has a finite bound.

    `uid` prefixes the arrow marker ids, which must be unique within the page; with `shared`
    the line uses the page's arrow_markers(uid) instead of its own (0.65 MB of a 16 MB page
    of 718 number lines were their own copies of the same five markers).
    """
    scale = choose_scale(figures)
    if scale is None:
        return None
    rows = "".join(_row(f, scale, i, uid) for i, f in enumerate(figures))
    axis_y = TOP + len(figures) * ROW_H + 4
    unit = next((f.unit for f in figures if f.unit), "")
    grid = "".join(f'<line x1="{x:.2f}%" y1="{TOP}" x2="{x:.2f}%" y2="{axis_y}" '
                   'stroke="#e5e7eb"/>' for _, x in _visible_ticks(scale))
    label = f"Number line of {len(figures)} competing figures"
    return Markup(
        f'<svg class="number-line" width="100%" height="{axis_y + AXIS_H}" role="img" '
        f'aria-label="{escape(label)}" data-scale="{"log" if scale.log else "linear"}" '
        f'xmlns="http://www.w3.org/2000/svg">{"" if shared else _markers(uid)}{grid}{rows}'
        f"{_axis(scale, axis_y, unit)}</svg>"
    )
