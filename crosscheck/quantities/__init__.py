"""Quantity engine: every figure a sentence states, normalized to an interval with a unit.

`parse_quantities("North Korea has sold 1 million to 3 million artillery shells")` returns one
Quantity with low 1e6, high 3e6, unit "shell", qualifier "range". The engine is a hand-written
tokenizer with word tables (no model), linear in the length of the text, and never raises on
a string.
Every Quantity also carries its interval in one base unit per physical kind (`base_unit`,
`base_low`, `base_high`: metres, kilograms, seconds, °C ...; see `base_interval`).
"""

from __future__ import annotations

from crosscheck.models import Quantity
from crosscheck.quantities.base import BASE_UNITS, base_interval, unit_conversions
from crosscheck.quantities.engine import parse as _parse
from crosscheck.quantities.newsquant import (
    FOLDS,
    QuantityInputError,
    convert_file,
    newsquant_fold,
    newsquant_unit,
    to_newsquant,
)

__all__ = ["BASE_UNITS", "FOLDS", "QuantityInputError", "base_interval", "convert_file",
           "newsquant_fold", "newsquant_unit", "parse_quantities", "to_newsquant",
           "unit_conversions"]


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity the text states, with spans relative to text; [] for non-strings."""
    return _parse(text)
