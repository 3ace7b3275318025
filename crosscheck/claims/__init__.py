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

from crosscheck.claims.parties import countries_named, mentions
from crosscheck.claims.sentences import boilerplate_reason, skip_reason, split_sentences
from crosscheck.claims.stage import extract_claims

__all__ = ["boilerplate_reason", "countries_named", "extract_claims", "mentions", "skip_reason",
           "split_sentences"]
