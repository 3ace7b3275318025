"""Modality and revision slots: is the figure a count of what is, and does it replace another?

"a fleet expected to reach 300 ships", "could field 1,500 warheads by 2035", "plans to spend",
"silos that could hold 2 million tonnes", "a goal of $1 trillion", "if ..." are not counts of
what is: a reported count never contradicts them. "the previous count of 115" is a figure an
authority has since replaced. In "revised to 97, down from the previous count of 115" the 97 is
the new figure and the 115 the old one: a revision, never a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crosscheck.claims.clauses import FigureContext
from crosscheck.claims.concepts import MODALITY_CUES, PREVIOUS_RE, REVISION_VERBS
from crosscheck.models import Quantity, Slot

MODAL_REACH_AFTER = 4  # words after a figure that may still carry its modality ("... expected")
_AFTER_CUES = re.compile(r"\b(expected|projected|forecast|planned|predicted|likely|set|due)\b",
                         re.IGNORECASE)
# "Up to 10,000 people could be displaced if the river bursts its banks": a condition after
# the figure makes it hypothetical ("2,000 may have been buried" is an estimate, no condition)
_CONDITIONAL_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:could|would|might)\b[^.;]{0,60}?"
                                r"\b(?:if|unless)\b", re.IGNORECASE)
_OLD_BEFORE = re.compile(
    r"(?:\b(?:down|up)\s+from|\bfrom|\b(?:previous(?:ly)?|earlier|former|original|initial)\b"
    r"[\w\s]{0,30}?(?:of|at|was|as)?|\b(?:had|having)\s+(?:earlier\s+|first\s+)?(?:put|given|reported|"
    r"estimated|said)[\w\s]{0,25}?(?:at|as)?)\s*$", re.IGNORECASE)
_NEW_BEFORE = re.compile(r"\b(?:to|at|as|now)\s*$", re.IGNORECASE)
# "45 were confirmed dead; on Sunday she had put the toll at 43": an earlier figure of the
# sentence's own, named beside the current one, revises without a revising verb
_EARLIER_PUT = re.compile(r"\b(?:had|having)\s+(?:earlier\s+|first\s+|initially\s+)?"
                          r"(?:put|given|reported|estimated)\b", re.IGNORECASE)
_DOWN_FROM = re.compile(r"\bdown\s+from\b", re.IGNORECASE)
# A figure followed by the report that gave it before ("the 97 it gave on Monday", "385 given
# earlier", "the 97 reported on Monday", "385 were reported earlier").
_TOLD_BEFORE = re.compile(
    r"^\s*(?:[a-z]+\s+){0,1}?(?:(?:it|they|he|she|officials|authorities)\s+)?(?:had\s+)?"
    r"(?:(?:were|was)\s+)?(?:first\s+|initially\s+|earlier\s+|previously\s+)?"
    r"(?:gave|given|reported|announced|released|published|put\s+out)\s+"
    r"(?:on\s+[A-Z][a-z]+|earlier|previously|before|the\s+day\s+before|the\s+previous\s+day|"
    r"on\s+the\s+previous\s+day|(?:on\s+)?[A-Z][a-z]+\s+"
    r"(?:morning|afternoon|evening|night))\b")
# What joins an earlier report's figure to the current one: up or down from it ("up from",
# "an increase from"), after it, having given it.
_TRANSITION_NEAR = re.compile(r"\b(?:from|after|having)\b", re.IGNORECASE)
_TRANSITION = re.compile(r"\b(?:rose|risen|rises|grew|grown|increased|jumped|climbed|fell|"
                         r"dropped|declined|decreased|went)\b[\w\s,]{0,40}?\bfrom\s*$",
                         re.IGNORECASE)


# A figure the sentence itself reports as false: "false reports claimed that over 700 bodies
# had been found", "the ministry denied reports that 500 soldiers died", "a rumour of 40 dead".
_REJECTED_RE = re.compile(
    r"\b(?:false|fake|bogus|unfounded|unverified|debunked)\s+(?:reports?|claims?|news|rumou?rs?|"
    r"figures?|posts?)\b|\brumou?rs?\b|\bhoax(?:es)?\b|\bdisinformation\b|\bmisinformation\b|"
    r"\b(?:denied|denies|deny|dismissed|dismisses|rejected|rejects|refuted|refutes)\s+"
    r"(?:the\s+|online\s+|media\s+)?(?:reports?|claims?|allegations?|rumou?rs?|that)\b",
    re.IGNORECASE)
REJECTED_REACH = 150  # characters before a figure read for a rejection of it


# Words that open a new statement after a figure: the cue of an earlier figure before that
# figure is not this one's ("which had initially said 100 died, now says 670").
_NEW_CLAUSE_RE = re.compile(r"\b(?:now|says|said|say|is|are|was|were|stands|puts|gives|"
                            r"reports|increased|raised|lowered|revised|updated)\b",
                            re.IGNORECASE)


def read_modality(ctx: FigureContext, target_year: str,
                  others: Sequence[Quantity] = ()) -> Slot:
    """'reported' unless the figure's clause says projection, plan, capacity, target or if;
    'rejected' when the sentence reports it as false before stating it. A word that marks an
    earlier figure ('had initially said 100 ..., now says 670') marks the figure it precedes,
    not one after it."""
    before = ctx.sentence[max(0, ctx.quantity.start - REJECTED_REACH):ctx.quantity.start]
    if m := _REJECTED_RE.search(before):
        return Slot("rejected", m.group(0), "sentence")
    left = ctx.opening_text()
    cut = max((o.end for o in others if ctx.clause_start <= o.end <= ctx.quantity.start),
              default=ctx.clause_start)
    if not _NEW_CLAUSE_RE.search(ctx.sentence[cut:ctx.quantity.start]):
        cut = ctx.clause_start  # "The first figures spoke of 62 killed and 145 injured": both
    if m := PREVIOUS_RE.search(ctx.sentence[cut:ctx.quantity.start]):
        return Slot("previous", m.group(0), "sentence")
    for value, rx in MODALITY_CUES:
        m = rx.search(left)
        if m and not _estimate_only(m.group(0), left):
            return Slot(value, m.group(0), "sentence")
    if m := _CONDITIONAL_AFTER.match(ctx.sentence[ctx.quantity.end:]):
        return Slot("hypothetical", m.group(0).strip(), "sentence")
    after = _words_until_and(ctx)
    if m := _AFTER_CUES.search(after):  # "300,000 reservists are expected to be called up"
        return Slot("projection" if m.group(1).lower() != "planned" else "plan", m.group(0),
                    "sentence")
    if target_year:
        return Slot("projection", f"by {target_year}", "sentence")
    return Slot("reported", "", "sentence")


def _words_until_and(ctx: FigureContext) -> str:
    """The words just after the figure, up to an 'and' that starts another clause."""
    out = []
    for w in ctx.right[:MODAL_REACH_AFTER]:
        if w.low in ("and", "but", "while", "which"):
            break
        out.append(w.text)
    return " ".join(out)


def _estimate_only(cue: str, left: str) -> bool:
    """'estimated' alone is a reported estimate; only 'estimated to reach' projects."""
    return cue.lower() == "estimated" and not re.search(r"estimated to (reach|rise|grow)", left)


# A correction stated by negation: "was 2,323 and not about 2,800 as first announced",
# "340 were hurt, not 410 as earlier reported": the negated figure is the old one.
_NOT_BEFORE = re.compile(r"\s*(?:,|\band)?\s*\bnot\s+(?:about|around|roughly|some|the)?\s*$",
                         re.IGNORECASE)
_NOT_RE = re.compile(r"\bnot\b", re.IGNORECASE)
_AS_FIRST_AFTER = re.compile(r"^[\w\s]{0,20}?\bas\s+(?:(?:was\s+|had\s+been\s+)?(?:first|initially|"
                             r"earlier|previously|originally)\s+(?:announced|reported|stated|"
                             r"said|given|thought|counted|published)|(?:it|they|he|she)\s+(?:had\s+)?"
                             r"(?:first\s+|earlier\s+)?(?:said|reported|announced|stated))\b",
                             re.IGNORECASE)


def _corrected(sentence: str, q: Quantity, partners: Sequence[Quantity]) -> Slot:
    """'old' for the negated figure of a stated correction, 'new' for the one it corrects."""
    if not _NOT_RE.search(sentence):
        return Slot()  # most sentences: no negation, no partner to look at
    if _NOT_BEFORE.search(sentence[max(0, q.start - 30):q.start]) and \
            _AS_FIRST_AFTER.match(sentence[q.end:q.end + 60]):
        return Slot("old", sentence[max(0, q.start - 8):q.end + 30].strip(), "sentence")
    for o, between in _gaps_after(sentence, q, partners):
        if _NOT_BEFORE.search(between) and _AS_FIRST_AFTER.match(sentence[o.end:o.end + 60]):
            return Slot("new", between.strip(), "sentence")
    return Slot()


GAP_REACH = 80  # characters between two figures that one revision phrase may join


def _gaps_after(sentence: str, q: Quantity, partners: Sequence[Quantity]
                ) -> list[tuple[Quantity, str]]:
    """Each partner after `q` within GAP_REACH characters, with the text between them."""
    return [(o, sentence[q.end:o.start]) for o in partners
            if o.start > q.end and o.start - q.end < GAP_REACH]


def read_revision(sentence: str, q: Quantity, others: Sequence[Quantity]) -> Slot:
    """'new' or 'old' when the sentence revises one figure into another, else unread."""
    partners = [o for o in others if o is not q and o.unit_kind == q.unit_kind]
    before = sentence[max(0, q.start - 60):q.start]
    if not partners:
        # "The agency raised its estimate to 14,000": the new figure of a revision whose old
        # one another sentence of the article gives (paired in crosscheck.assess)
        if _NEW_BEFORE.search(before) and (verb := REVISION_VERBS.search(sentence[:q.start])) \
                and not _TRANSITION.search(before):
            return Slot("new", verb.group(0), "sentence")
        return Slot()
    if (corrected := _corrected(sentence, q, partners)).read:
        return corrected
    told_before = [o for o in (q, *partners) if _TOLD_BEFORE.match(sentence[o.end:o.end + 50])]
    if len(told_before) == 1 and _TRANSITION_NEAR.search(sentence):
        # "385 were dead, up from the 97 it gave on Monday": the figure an earlier report gave,
        # beside the one now given, of one measure
        if told_before[0] is q:
            return Slot("old", sentence[q.end:q.end + 30].strip(), "sentence")
        return Slot("new", sentence[told_before[0].end:told_before[0].end + 30].strip(),
                    "sentence")
    if not REVISION_VERBS.search(sentence) and not _DOWN_FROM.search(sentence) \
            and not _EARLIER_PUT.search(sentence):
        return Slot()
    if _TRANSITION.search(before):
        return Slot()  # "rose from 3,720 to 3,825": change over time, not a correction
    if old := _OLD_BEFORE.search(before):
        return Slot("old", old.group(0).strip(), "sentence")
    # "97, down from 115": the figure before "from" is the new one
    for _, between in _gaps_after(sentence, q, partners):
        if _OLD_BEFORE.search(between):
            return Slot("new", (sentence[max(0, q.start - 25):q.start] + between).strip(),
                        "sentence")
    if _NEW_BEFORE.search(before) and (verb := REVISION_VERBS.search(sentence[:q.start])):
        return Slot("new", verb.group(0), "sentence")
    # "the figure of 385 was later reduced to 97": the figure before the verb is the old one
    for _, between in _gaps_after(sentence, q, partners):
        if (verb := REVISION_VERBS.search(between)) and _NEW_BEFORE.search(between):
            return Slot("old", verb.group(0), "sentence")
    return Slot()


def is_transition_start(sentence: str, q: Quantity) -> bool:
    """The figure is where a change started: 'rose from 3,720 to 3,825' (the 3,720)."""
    return bool(_TRANSITION.search(sentence[max(0, q.start - 60):q.start]))
