"""Sentences → claim frames: what a figure measures, who is involved, who said it, and when.

`extract_claims` splits an article into sentences (a rule-based, abbreviation-safe splitter: no
model downloads), drops link and boilerplate lines that survived cleaning, asks the quantity engine
for the figures of each sentence, skips figures that are not claims (years, dates, ordinals, list
markers, questions) with the reason kept, and builds one `Claim` per remaining figure.

Attribution is read from the sentence ("according to X", "X said", "X wrote in Bloomberg",
"citing X", "X told reporters") and resolved against the article: a surname or a pronoun refers
back to the full name (and outlet) the article introduced earlier.

Modules, in reading order: `lexicon` (word lists, gazetteers), `sentences` (splitter,
boilerplate, which figures are claims), `frames` (measured thing, entities, predicate,
frame text), `attribution`, `dates`, and `extract` (the stage itself).
"""

from __future__ import annotations

from crosscheck.claims.attribution import PRONOUN_LOOKBACK, attributions
from crosscheck.claims.dates import DATE_AHEAD_DAYS, sentence_date
from crosscheck.claims.extract import Parser, build_claim, extract_claims
from crosscheck.claims.frames import (
    FRAME_WINDOW,
    MAX_PP_JUMPS,
    MEASURED_MAX_WORDS,
    PHRASE_SCAN_WORDS,
    TITLE_WORDS,
    figure_actor,
    find_entities,
    find_predicate,
    frame_text,
    measured_thing,
    subject_entities,
)
from crosscheck.claims.lexicon import COUNTRY_NAMES, PLACE_COUNTRY
from crosscheck.claims.sentences import (
    HEADLINE_MAX_WORDS,
    SMALL_COUNT_MAX,
    Sentence,
    boilerplate_reason,
    skip_reason,
    split_sentences,
)

__all__ = ["COUNTRY_NAMES", "PLACE_COUNTRY", "Sentence", "attributions", "boilerplate_reason",
           "build_claim", "extract_claims", "figure_actor", "find_entities", "find_predicate",
           "frame_text", "measured_thing", "sentence_date", "skip_reason", "split_sentences",
           "subject_entities",
           # tuned constants and the parser type, importable from here as before the split
           "DATE_AHEAD_DAYS", "FRAME_WINDOW", "HEADLINE_MAX_WORDS", "MAX_PP_JUMPS",
           "MEASURED_MAX_WORDS", "PHRASE_SCAN_WORDS", "PRONOUN_LOOKBACK", "Parser",
           "SMALL_COUNT_MAX", "TITLE_WORDS"]
