"""The package's English word tables: function words, number words, months, singular forms.

One table each, read by the quantity engine (`crosscheck.quantities`) and by claim reading
(`crosscheck.claims`); what only one of them needs stays in its own lexicon.
"""

from __future__ import annotations

# Grammar words: determiners, pronouns, prepositions, conjunctions, auxiliaries, modals and
# the adverbs of degree and time that stand between a figure and what it counts.
FUNCTION_WORDS = frozenset("""
a an the this that these those which who whom whose what when where while why how and or but
nor so yet if because though although unless whereas whether of in on at to from by for with
without within into onto over under above below up down off out about around after before since
until till during between among amid across through toward towards against despite per than as
like via versus vs is are was were be been being am has have had having do does did will would
shall should can could may might must not no only just also even still already ever never again
more most less least fewer much many few several some any each every all both either neither
other another such same own very too quite rather really almost nearly roughly approximately
approx it its he his she her they their them we our us you your i me my mine there here then
now ago later earlier ahead away back last next worth apiece respectively lower higher compared
plus minus cent percent year's
""".split())
# Verbs that end a counted-noun phrase ("12 people died", "5,000 troops, officials said").
PHRASE_END_VERBS = frozenset("""
said says say told tells reported according including include includes included left died
killed injured remain remained remains voted went came made took gave got saw found
""".split())

SMALL_NUMBERS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {word: 10 * (i + 2) for i, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
               "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
FRACTION_WORDS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3,
                  "quarter": 0.25, "quarters": 0.25, "fifth": 0.2, "fifths": 0.2,
                  "sixth": 1 / 6, "sixths": 1 / 6, "eighth": 0.125, "eighths": 0.125,
                  "tenth": 0.1, "tenths": 0.1}
# Vague plurals as decade ranges (NewsQuant convention: "dozens" 12-120, "thousands" 1e3-1e4).
VAGUE_PLURALS = {
    "dozens": (12.0, 120.0), "hundreds": (100.0, 1000.0), "thousands": (1e3, 1e4),
    "millions": (1e6, 1e7), "billions": (1e9, 1e10), "trillions": (1e12, 1e13),
}
# Every spelled number word: counts, tens, scales, vague plurals and fractions.
NUMBER_WORDS = frozenset(set(SMALL_NUMBERS) | set(TENS) | set(SCALE_WORDS) | set(VAGUE_PLURALS)
                         | set(FRACTION_WORDS) | {"hundred", "dozen", "tens"})
PERCENT_WORDS = frozenset({"percent", "per", "cent", "%"})

_MONTH_NAMES = ("january february march april may june july august september october november "
                "december").split()
# Month name or abbreviation (lower case) → month number.
MONTH_NUMBERS = {**{m: i + 1 for i, m in enumerate(_MONTH_NAMES)},
                 **{m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)}, "sept": 9}
# One alternation, longest first, so "sept" wins over "sep" and "june" over "jun".
MONTH_RE = "(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + ")"
MONTH_WORDS = frozenset(m.capitalize() for m in MONTH_NUMBERS)  # as written in prose
# "may", "march" and "mar" are ordinary words too: lower case, only a date preposition makes
# them months ("on may 19").
AMBIGUOUS_MONTHS = frozenset({"may", "march"})
MONTHS_LOWER = frozenset(MONTH_NUMBERS) - AMBIGUOUS_MONTHS - {"mar"}

IRREGULAR_SINGULARS = dict(pair.split("=") for pair in """
people=person persons=person men=man women=woman children=child feet=foot teeth=tooth
mice=mouse geese=goose police=police cattle=cattle staff=staff personnel=personnel lives=life
knives=knife wives=wife wolves=wolf halves=half leaves=leaf thieves=thief shelves=shelf
calves=calf heroes=hero potatoes=potato tomatoes=tomato echoes=echo vetoes=veto
torpedoes=torpedo data=data media=media criteria=criterion phenomena=phenomenon series=series
species=species fishermen=fisherman aircraft=aircraft crises=crisis analyses=analysis
bases=base troops=troop gas=gas news=news viruses=virus buses=bus bonuses=bonus
campuses=campus statuses=status censuses=census focuses=focus physics=physics
economics=economics
""".split())
IRREGULAR_PLURALS = frozenset("""
people men women children feet teeth mice geese police cattle personnel staff aircraft
fishermen crew
""".split())
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "'s")


def looks_plural(word: str) -> bool:
    """True for a word that reads as a plural noun ("shells", "people")."""
    low = word.lower()
    if low in IRREGULAR_PLURALS or low.endswith("men"):
        return len(low) > 3 or low == "men"
    if len(low) < 3 or not low.endswith("s") or low in FUNCTION_WORDS or low in PHRASE_END_VERBS:
        return False
    return not low.endswith(NOT_PLURAL_ENDINGS)


def singular(word: str) -> str:
    """Lower-case singular of a noun by common English rules ("casualties" → "casualty")."""
    low = word.lower()
    if low in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[low]
    if "-" in low:
        head, _, tail = low.rpartition("-")
        return f"{head}-{singular(tail)}"
    if low.endswith("men") and len(low) > 4:
        return low[:-3] + "man"
    if not low.endswith("s") or low.endswith(NOT_PLURAL_ENDINGS) or len(low) < 4:
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return low[:-2]
    return low[:-1]



# A whole number in words up to ninety-nine ("seven", "twenty-four"), longest first.
SPELLED_NUMBER_RE = "(?:" + "|".join(
    [f"{t}(?:-(?:{'|'.join(w for w, v in SMALL_NUMBERS.items() if 0 < v < 10)}))?" for t in TENS]
    + sorted(SMALL_NUMBERS, key=len, reverse=True)) + ")"


def spelled_number(text: str) -> int | None:
    """The number a spelled whole number up to ninety-nine names ("twenty-four" → 24)."""
    tens, _, unit = text.lower().partition("-")
    if tens in TENS and (not unit or unit in SMALL_NUMBERS and 0 < SMALL_NUMBERS[unit] < 10):
        return TENS[tens] + SMALL_NUMBERS.get(unit, 0)
    return SMALL_NUMBERS.get(text.lower()) if not unit else None
