"""Sentences → claims: every figure with the slots that say which fact it states.

`extract_claims` splits an article into sentences (a rule-based, abbreviation-safe splitter: no
model downloads), drops link and boilerplate lines that survived cleaning, asks the quantity
engine for the figures of each sentence, skips figures that are not claims (years, dates,
ordinals, list markers, questions) with the reason kept, and reads each remaining figure's
slots: what it measures, whose figure it is, the period it covers and the day it refers to,
its scope and modality, whether it revises another figure, and who the article says it came
from. Each slot keeps the words it was read from; one nothing gives stays unread.

Modules, in reading order: `lexicon` and `concepts` (word tables), `sentences` (splitter,
boilerplate, which figures are claims), `clauses` (the words around a figure), `measure`,
`parties` (subject and partner), `when` (time), `modality` (modality and revision),
`attribution`, `slots` (all slots of one figure), `predicate` and `stage` (the stage).
"""

from __future__ import annotations

from crosscheck.claims.attribution import PRONOUN_LOOKBACK, attributions, clause_speaker
from crosscheck.claims.lexicon import COUNTRY_NAMES, PLACE_COUNTRY
from crosscheck.claims.parties import article_lead, mentions
from crosscheck.claims.predicate import find_predicate
from crosscheck.claims.sentences import (
    HEADLINE_MAX_WORDS,
    Sentence,
    boilerplate_reason,
    skip_reason,
    split_sentences,
)
from crosscheck.claims.slots import SlotReading, read_slots
from crosscheck.claims.stage import Parser, build_claim, extract_claims, fact_text
from crosscheck.claims.when import read_time

__all__ = ["COUNTRY_NAMES", "HEADLINE_MAX_WORDS", "PLACE_COUNTRY", "PRONOUN_LOOKBACK", "Parser",
           "Sentence", "SlotReading", "article_lead", "attributions", "boilerplate_reason",
           "build_claim", "clause_speaker", "extract_claims", "fact_text", "find_predicate",
           "mentions", "read_slots", "read_time", "skip_reason", "split_sentences"]
