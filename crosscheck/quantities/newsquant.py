"""Conversion to the NewsQuant scorer's prediction format, and the file-level converter."""

from __future__ import annotations

import json
import math
import sys
from dataclasses import replace
from pathlib import Path

from crosscheck.errors import QuantityInputError
from crosscheck.models import Quantity
from crosscheck.quantities.engine import parse
from crosscheck.quantities.lexicon import SCALE_ABBREVIATIONS, STOP_WORDS, VULGAR_FRACTIONS
from crosscheck.quantities.units import TOKEN_RE
from crosscheck.words import FRACTION_WORDS, NUMBER_WORDS, singular

_QUALIFIER_SYMBOLS = {
    "exact": "=", "range": "=", "approx": "~", "more_than": ">", "at_least": ">",
    "less_than": "<", "at_most": "<",
}
# Where NewsQuant's vocabulary names a unit differently: counted people are "people", and
# share prices in pence ("118.5p") are "point".
_NEWSQUANT_NAMES = {"person": "people", "penny": "point"}
# Tokens that state a fraction of a whole ("a third", "one in five", "1/4", "¾"), and those
# that state a percentage ("7 3/4 %" is a percentage, not a share).
_SHARE_TOKENS = set(FRACTION_WORDS) | set(VULGAR_FRACTIONS) | {"/", "in", "out"}
_PERCENT_TOKENS = {"%", "percent", "per", "percentage", "pc", "pct"}


# The development half of NewsQuant splits into two fixed folds by sentence index parity:
# changes are made looking at fold A only, and fold B (never looked at) guards against tuning.
FOLDS = ("A", "B")


def newsquant_fold(rows: list[dict], fold: str) -> list[dict]:
    """The rows of one fold: even sentence indices are fold A, odd ones fold B."""
    if fold not in FOLDS:
        raise ValueError(f"unknown fold {fold!r}; use one of {', '.join(FOLDS)}")
    return rows[FOLDS.index(fold)::2]


def to_newsquant(quantities: list[Quantity], text: str | None = None) -> list[dict]:
    """Scorer rows: value float or [low, high], unit in NewsQuant's vocabulary, change symbol.

    With the sentence's text, "from X ... to Y" is one range, as NewsQuant annotates it
    ("from 20 mpg in 2008 to 29 mpg in 2020" is 20-29); the engine keeps such figures apart,
    since they are two levels at two moments."""
    rows, n = [], 0
    while n < len(quantities):
        a = quantities[n]
        if n + 1 < len(quantities) and text is not None and _from_to(text, a, quantities[n + 1]):
            rows.append(_from_to_row(a, quantities[n + 1]))
            n += 2
        else:
            rows.append(_row(a))
            n += 1
    return rows


FROM_TO_WORDS = 6  # words between "from X" and "to Y" ("in 2008", "combined", "U.S. per barrel")


def _from_to(text: str, a: Quantity, b: Quantity) -> bool:
    """a follows "from", b follows "to" a few words later, both single values of one unit."""
    if a.is_range and not (math.isinf(a.low) or math.isinf(a.high)) or b.is_range:
        return False
    if a.unit and b.unit and a.unit != b.unit:
        return False
    before = text[:a.start].split()
    between = text[a.end:b.start].split()
    return bool(before) and before[-1].lower() == "from" and bool(between) \
        and between[-1].lower() == "to" and len(between) <= FROM_TO_WORDS \
        and not any(w.lower() in ("from", "to") for w in between[:-1])


def _from_to_row(a: Quantity, b: Quantity) -> dict:
    low = a.high if math.isinf(a.low) else a.low  # "from up to 252 miles to 287 miles"
    unit = newsquant_unit(a if a.unit else b)
    return {"value": [low, b.low], "unit": unit, "change": "="}


def _row(q: Quantity) -> dict:
    if is_share(q):
        q = replace(q, low=q.low / 100, high=q.high / 100)  # NewsQuant writes "a third" 0.333
    if q.low != q.high and not math.isinf(q.low) and not math.isinf(q.high):
        value: float | list[float] = [q.low, q.high]
    else:
        value = q.high if math.isinf(q.low) else q.low
    change = q.change if q.change != "none" else _QUALIFIER_SYMBOLS.get(q.qualifier, "=")
    return {"value": value, "unit": newsquant_unit(q), "change": change}


# NewsQuant names the tonne "metric ton" (the shared scorer maps a bare "tonne" itself).
_NEWSQUANT_PARTS = {"tonne": "metric ton"}


def _newsquant_name(unit: str) -> str:
    """NewsQuant's name of a unit and of each part of a rate ("metric ton per year")."""
    if " per " not in unit:
        return _NEWSQUANT_NAMES.get(unit, unit)
    return " per ".join(_NEWSQUANT_PARTS.get(part, part) for part in unit.split(" per "))


def is_share(q: Quantity) -> bool:
    """A percentage read from a fraction of a whole ("a third", "one in five")."""
    if q.unit != "percentage":
        return False
    tokens = {w.lower() for w in TOKEN_RE.findall(q.surface)}
    return bool(tokens & _SHARE_TOKENS) and not tokens & _PERCENT_TOKENS


def newsquant_unit(q: Quantity) -> str:
    """The unit as NewsQuant names it: counted nouns keep their modifiers ("heart transplant")."""
    if q.unit == "penny" and not q.surface.endswith("p"):
        return "penny"  # NewsQuant calls "118.5p" a point but "197 pence" a penny
    if q.unit_kind != "count" or not q.unit or q.unit in ("count",):
        return _newsquant_name(q.unit) or "-"
    words = [w for w in TOKEN_RE.findall(q.surface)]
    phrase: list[str] = []
    for w in reversed(words):
        low = w.lower()
        if not (w[0].isalpha() or w == "-") or low in STOP_WORDS or low in NUMBER_WORDS \
                or w in SCALE_ABBREVIATIONS or w == "m":
            break
        phrase.append(w)
    phrase.reverse()
    text = " ".join(phrase).replace(" - ", "-").strip("- ")
    if not text:
        return _NEWSQUANT_NAMES.get(q.unit, q.unit)
    head_start = text.rfind(" ") + 1
    head = text[head_start:]
    head = head if head.lower() == "people" else singular(head)
    modifiers = [base_adjective(w) for w in text[:head_start].split()]
    return " ".join([*modifiers, head]).lower()


# Superlatives NewsQuant names by their base adjective ("one of the best screens" is a
# "good screen"), as a lemmatizer does.
_IRREGULAR_SUPERLATIVES = {"best": "good", "worst": "bad"}
_SUPERLATIVE_MIN = 6  # letters: "largest" yes, "nest" and "chest" no
# Words ending in "est" that are no superlatives.
_NOT_SUPERLATIVES = {"honest", "modest", "forest", "contest", "protest", "interest", "harvest",
                     "request", "conquest", "manifest", "suggest", "invest", "arrest", "digest",
                     "inquest", "midwest", "southwest", "northwest", "behest", "earnest",
                     "priest", "tempest", "unrest", "bequest", "dishonest", "immodest"}
_VOWELS = set("aeiou")


def base_adjective(word: str) -> str:
    """"largest" -> "large", "biggest" -> "big", "busiest" -> "busy"; other words unchanged."""
    low = word.lower()
    if low in _IRREGULAR_SUPERLATIVES:
        return _IRREGULAR_SUPERLATIVES[low]
    if len(low) < _SUPERLATIVE_MIN or not low.endswith("est") or low in _NOT_SUPERLATIVES:
        return word
    stem = low[:-3]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
        return stem[:-1]  # "biggest", "hottest"
    if stem.endswith(("rg", "dg")) or (stem[-1] not in _VOWELS and stem[-2] in _VOWELS
                                       and stem[-3] not in _VOWELS and stem[-1] not in "wxy"):
        return stem + "e"  # "largest", "latest", "finest"
    return stem


def convert_file(in_path: Path, out_path: Path | None) -> int:
    """Read a JSON list of {"text": ...}, write scorer predictions; return the sentence count."""
    rows = _load_rows(Path(in_path))
    out = [{"text": r["text"], "quantities": to_newsquant(parse(r["text"]), r["text"])}
           for r in rows]
    payload = json.dumps(out, ensure_ascii=False, indent=1)
    if out_path is None:
        sys.stdout.write(payload + "\n")
    else:
        try:
            Path(out_path).write_text(payload + "\n", encoding="utf-8")
        except OSError as exc:
            raise QuantityInputError(
                f"{out_path}: cannot write predictions ({exc.strerror}); "
                "choose a writable output path") from exc
    return len(out)


def _load_rows(path: Path) -> list[dict]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise QuantityInputError(f"{path}: no such file; pass a JSON list of "
                                 '{"text": ...} objects') from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise QuantityInputError(f"{path}: cannot read as UTF-8 text ({exc}); "
                                 "pass a UTF-8 JSON file") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise QuantityInputError(f"{path}: not valid JSON (line {exc.lineno}, column "
                                 f"{exc.colno}: {exc.msg}); fix the file or regenerate it") from exc
    if not isinstance(data, list):
        raise QuantityInputError(f"{path}: expected a JSON list of objects with a \"text\" "
                                 f"field, found a {type(data).__name__}; wrap the objects in [ ]")
    for n, row in enumerate(data):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise QuantityInputError(f"{path}: item {n} has no string \"text\" field; every "
                                     'item must look like {"text": "..."}')
    return data
