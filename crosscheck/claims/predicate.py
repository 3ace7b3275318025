"""The predicate of a figure: the content verb nearest it ("sold", "massed", "killed")."""

from __future__ import annotations

import re

from crosscheck.claims.lexicon import AUXILIARIES, REPORTING, VERBS
from crosscheck.models import Quantity

_TOKEN_RE = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z]|[A-Za-z]|\d(?:[\d,.]*\d)?%?|%|[,;:()“”\"$€£+]")


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".") if t.endswith(".") and t.count(".") == 1 else t
            for t in _TOKEN_RE.findall(text.replace("’", "'"))]


def find_predicate(sentence: str, q: Quantity) -> str:
    """Main verb nearest the figure, preferring a content verb over 'is'/'has'."""
    before = [t.lower() for t in _tokens(sentence[:q.start])][-8:]
    after = [t.lower() for t in _tokens(sentence[q.end:])][:6]
    for tok in reversed(before):
        if tok in VERBS and tok not in AUXILIARIES and tok not in REPORTING:
            return tok
    for tok in after:
        if tok in VERBS and tok not in AUXILIARIES and tok not in REPORTING:
            return tok
    for tok in reversed(before):
        if tok in AUXILIARIES:
            return tok
    return ""
