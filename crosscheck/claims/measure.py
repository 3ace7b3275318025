"""The measure slot: what a figure counts or measures, and whether it is a level or a change.

"62 people had been killed" measures deaths, "145 injured" the injured, "350 warheads" warheads,
"55% of Germany's gas" the share of gas, "a 7.2% rise in its defence budget" a change of the
budget. A figure whose words name nothing ("followed with 5,550") leaves the slot unread, and
`carry_measure` lends it the measure of the sentence's previous figure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.claims.clauses import LIST_JOINERS, FigureContext, Word
from crosscheck.claims.concepts import (
    CHANGE_NOUNS,
    CHANGE_VERBS,
    COMPARATIVES,
    CONTAINERS,
    EVENT_MEASURES,
    GENERIC_NOUNS,
    HOLDINGS,
    MEASURES,
    PRONOUNS,
    SCOPE_WORDS,
    SHARE_WORDS,
    THING_EVENTS,
    is_place_noun,
)
from crosscheck.claims.lexicon import DETERMINERS, FIGURE_WORDS, STOP_WORDS
from crosscheck.models import Quantity, Slot
from crosscheck.words import singular

# Goods a share or an amount is often of; preferred over the head noun of "natural gas imports".
COMMODITIES = frozenset("gas oil coal electricity power uranium grain wheat lng crude fuel "
                        "diesel petrol gasoline fertiliser fertilizer steel copper gold".split())
# Human nouns that, counted with an event word, restrict the event to a group ("58 medical
# workers killed"); "people", "lives" and "victims" restrict nothing.
_EVERYONE = frozenset("people person persons lives victims individuals".split())
_AUX = frozenset("had have has been were was are is be being remain remained remains still "
                 "reportedly reported confirmed believed feared presumed now already so far "
                 "feared more than at least estimated thought known likely to said who that "
                 "since may might could".split())
# Adjectives that name the usual kind of the thing counted ("nuclear warheads", "artillery
# shells"): omitted as often as written, so they restrict nothing.
_KIND_WORDS = frozenset("nuclear artillery military armed total overall estimated reported "
                        "metric such".split())
_QUALIFYING = frozenset("more than less fewer about nearly almost over under some around up to "
                        "at least most roughly approximately estimated".split())
CUE_REACH = 6  # words after a figure read for its event word ("people have since been killed")
# A place phrase between the counted noun and its verb ("people in the Lamu district were
# evacuated") is read past, up to this many words.
PLACE_PHRASE_REACH = 5
# Prepositions that open another noun's phrase after a thing counted ("autopsies of people who
# died"): an event after them is that noun's.
_OTHER_NOUN_PREPS = frozenset("of on for from about".split())
_TIME_NOUNS = frozenset("night morning evening afternoon day days weekend week time".split())


def _opens_noun_phrase(words: Sequence[Word]) -> bool:
    """The words after a preposition name another thing ("on bodies", "of the people"), not a
    time ("on Tuesday", "on the night of")."""
    rest = list(words)
    if rest and rest[0].low in ("the", "a", "an"):
        rest = rest[1:]
    return bool(rest) and rest[0].text[0].islower() and rest[0].text[0].isalpha() and \
        rest[0].low not in _TIME_NOUNS


_PLACE_PHRASE_PREPS = frozenset("in across near around throughout inside of".split())
PHYSICAL_KINDS = frozenset({"length", "area", "mass", "volume", "energy", "power", "speed",
                            "temperature", "duration", "other"})


@dataclass(frozen=True, slots=True)
class MeasureReading:
    """The measure slot, level or change, and the scope words found with the measure."""

    measure: Slot
    change: str
    scope: tuple[str, ...]
    kind: str = ""  # the figure's unit kind: a measure is only carried to a figure of its kind
    own_verb: bool = False  # a content verb follows the figure ("1.3 million have crossed")


def read_measure(ctx: FigureContext) -> MeasureReading:
    """What the figure measures, read from its own words and its clause."""
    kind = ctx.quantity.unit_kind
    if (magnitude := _magnitude(ctx)) is not None:
        slot = magnitude
    elif kind == "percent":
        slot = _percent_measure(ctx)
    elif kind == "currency":
        slot = _nearest_measure(ctx, prefer_money=True)
    elif kind in PHYSICAL_KINDS:
        slot = _physical_measure(ctx)
    else:
        slot = _count_measure(ctx)
    # A magnitude's words ("moment magnitude", "initial", "7.8 magnitude quake") qualify the
    # reading, not which thing is measured: no scope.
    scope = () if magnitude is not None else _scope_words(ctx, slot)
    return MeasureReading(slot, _level_or_change(ctx), scope, kind, _own_verb(ctx))


# A quake's magnitude: "a 7.8 magnitude quake", "7.8-magnitude", "magnitude of 7.5", "M 7.5",
# "Mw 6.9", "6.8 on the Richter scale", "a 6.8 earthquake" (a decimal before one quake; "two
# earthquakes", "five aftershocks" are counts). Magnitude scales end below 10.
MAX_MAGNITUDE = 10.0
_MAGNITUDE_BEFORE = re.compile(r"(?:\bmagnitude(?:\s+of)?|\bmagnitude-|(?-i:\bMw|(?<![\w.'’])M)|"
                               r"\bRichter scale of)\s*$", re.IGNORECASE)
_MAGNITUDE_AFTER = re.compile(r"^\s*-?\s*(?:magnitude\b|on the Richter\b)", re.IGNORECASE)
_ONE_QUAKE_AFTER = re.compile(r"^\s*-?\s*(?:earthquake|quake|tremor|temblor|aftershock)\b(?!s)",
                              re.IGNORECASE)


# A sentence about a quake's strength: its bare decimals below 10 are magnitudes.
_QUAKE_RE = re.compile(r"\b(?:earthquakes?|quakes?|tremors?|temblors?|aftershocks?)\b",
                       re.IGNORECASE)
_STRENGTH_RE = re.compile(r"\b(?:magnitudes?|how strong|strength|Richter)\b", re.IGNORECASE)


def _magnitude(ctx: FigureContext) -> Slot | None:
    """The magnitude slot when the figure is a quake's magnitude, else None."""
    q = ctx.quantity
    if q.unit_kind in PHYSICAL_KINDS | {"percent", "currency"} or q.low is None \
            or q.low > MAX_MAGNITUDE or (q.high is not None and q.high > MAX_MAGNITUDE):
        return None
    before = ctx.sentence[max(0, q.start - 24):q.start]
    own = ctx.sentence[q.start:q.end + 24]
    digits = re.search(r"\d+(?:\.\d+)?", own)
    after = own[digits.end():] if digits else ctx.sentence[q.end:q.end + 24]
    cue = _MAGNITUDE_BEFORE.search(before) or _MAGNITUDE_AFTER.search(after)
    if cue is None and digits and "." in digits.group(0):
        cue = _ONE_QUAKE_AFTER.search(after) or (
            _QUAKE_RE.search(ctx.sentence) and _STRENGTH_RE.search(ctx.sentence))
        # "how strong the tremor was: the centre recorded 6.4, the GFZ 5.7 and the USGS 5.6"
    if cue is not None:
        return Slot("magnitude", cue.group(0).strip(" -"), "sentence")
    named = [w for w in ctx.left if w.low == "magnitude"]  # "put the magnitude ... at 6.9"
    if named and not q.unit and not any(w.text[0].isdigit() for w in ctx.left[ctx.left.index(
            named[-1]):]):
        return Slot("magnitude", named[-1].text, "sentence")
    return None


_COPULAS = frozenset("is are was were be been being has have had followed stood stands "
                     "came comes".split())


def _own_verb(ctx: FigureContext) -> bool:
    """A verb of its own after the figure: 'about 1.3 million have crossed into Chad'."""
    for w in ctx.right[:4]:
        if w.low in _COPULAS or w.low in _AUX:
            continue
        return w.low.endswith("ed") and w.low not in MEASURES and w.low not in SCOPE_WORDS
    return False


def _noun_words(ctx: FigureContext) -> list[Word]:
    """The figure's own words after its number ('more than 500 operational warheads')."""
    numeric = [i for i, w in enumerate(ctx.inside)
               if w.text[0].isdigit() or w.low in FIGURE_WORDS]
    start = numeric[-1] + 1 if numeric else 0
    return [w for w in ctx.inside[start:] if w.text[0].isalpha() and w.low not in FIGURE_WORDS]


def _count_measure(ctx: FigureContext) -> Slot:
    """A count: its event ('62 killed', '11 suspects detained'), else its counted noun.

    A person noun with no event ('five children', 'the 3,200 people') says nothing about what
    is counted: the slot stays unread.
    """
    unit = ctx.quantity.unit.lower()
    nouns = _noun_words(ctx)
    if not nouns and ctx.right and ctx.right[0].low == "of":  # "2,100 of the deployed warheads"
        thing = _thing_of(ctx.right[1:7])
        if thing:
            return thing
    head = singular(nouns[-1].low) if nouns else singular(unit) if unit else ""
    event = _event_cue(ctx) or _displaced(ctx) or _hurt(ctx) or _role(ctx)
    if event:
        return event
    named = MEASURES.get(nouns[-1].low if nouns else unit) or MEASURES.get(head)
    if not head or head in GENERIC_NOUNS or head in _EVERYONE or (
            head in _human_nouns() and named is None):
        return _held_measure(ctx)  # "five children", "3,200 people": counted, but as what?
    value = MEASURES.get(nouns[-1].low if nouns else unit, MEASURES.get(head, head))
    return with_thing_event(ctx, Slot(value, " ".join(w.text for w in nouns) or
                                      ctx.quantity.unit, "sentence"))


def with_thing_event(ctx: FigureContext, thing: Slot) -> Slot:
    """A thing with what happened to it, when the clause says: 'structures destroyed',
    'drones launched', 'grain shipped'."""
    event = _thing_event(ctx) or _list_event(ctx)
    if event is None:
        return thing
    return Slot(f"{thing.value} {event[0]}", f"{thing.words} {event[1]}", "sentence")


def _thing_event(ctx: FigureContext, after: list[Word] | None = None) -> tuple[str, str] | None:
    """What happened to the things counted, from the verb after the figure ("2,200 structures
    had been destroyed", "33 million tonnes of grain ... left the ports") or before it ("Russia
    launched 30 drones", "shot down 25"). A participle on the thing ("the drones launched on
    Saturday had been intercepted") gives way to the clause's own verb after it."""
    right = (ctx.right if after is None else after)[:CUE_REACH + 4]
    bare: tuple[str, str] | None = None
    for i, w in enumerate(right):
        if _event_word(right, i):
            found = THING_EVENTS[w.low], w.text
            if i > 0 and right[i - 1].low in _AUX:
                return found
            bare = bare or found
            continue
        if w.low == "and" and i + 1 < len(right) and right[i + 1].text[0].isupper():
            break  # "30 drones and Ukraine destroyed 25": the next clause's own subject
        if w.low in _OTHER_NOUN_PREPS - {"of"} and _opens_noun_phrase(right[i + 1:i + 3]):
            break  # "95 autopsies on bodies received since": the bodies were received
        if w.low in _AUX or w.low.endswith("ly") or w.low in _EVENT_SKIP or w.low in (
                "down", "and", "other") or (w.text[0].isalpha() and w.low not in STOP_WORDS
                                            and not _verb_like(w.low)):
            continue
        if w.low.endswith("ed") and not (i > 0 and right[i - 1].low in _AUX):
            continue  # a participle on the thing ("the drones fired on Tuesday were ...")
        break
    if bare:
        return bare
    left = ctx.left[-4:]
    for i in range(len(left) - 1, -1, -1):
        w = left[i]
        if w.low in _LEFT_STOPS:
            break
        if _event_word(left, i):
            return THING_EVENTS[w.low], w.text
        if w.low == "down" and i > 0 and left[i - 1].low in _BRING_DOWN:
            return "downed", f"{left[i - 1].text} down"  # "shot down 99% of the missiles"
    return None


def _list_event(ctx: FigureContext) -> tuple[str, str] | None:
    """The verb a list of figures shares, after its last item ("170 drones, 40 cruise
    missiles and 150 ballistic missiles were fired") or before its first ("fired 170 attack
    drones, 120 ballistic missiles and 30 cruise missiles"): an item's own clause ends at the
    next figure or opens after the one before."""
    if ctx.right and all(w.low in LIST_JOINERS for w in ctx.right):
        after = ctx.clause_after()
        figures = [i for i, w in enumerate(after) if _figure_word(w)]
        if figures and figures[-1] + 1 < len(after) and (
                found := _thing_event(ctx, after[figures[-1] + 1:])):
            return found
    before = ctx.list_opening()[-4:]
    for i in range(len(before) - 1, -1, -1):
        if before[i].low in _LEFT_STOPS:
            break
        if _event_word(before, i):
            return THING_EVENTS[before[i].low], before[i].text
    return None


def _figure_word(w: Word) -> bool:
    return w.text[0].isdigit() or w.low in FIGURE_WORDS


def _event_word(words: Sequence[Word], i: int) -> bool:
    """words[i] says what happened to the things counted ("carried out 195 autopsies" is
    performing them, not carrying them)."""
    return words[i].low in THING_EVENTS and not (i + 1 < len(words) and words[i + 1].low == "out")


# Verbs that with "down" say a thing in the air was destroyed: "shot down", "brought down".
_BRING_DOWN = frozenset("shot shoot shoots shooting brought bring brings bringing took take "
                        "takes taking taken knocked".split())


def _human_nouns() -> frozenset[str]:
    return frozenset(singular(w) for w, v in MEASURES.items() if v in ("troops", "attackers")) | {
        "civilian", "child", "children", "woman", "women", "worker", "migrant", "pilgrim",
        "resident", "passenger", "student", "journalist", "doctor", "medic", "patient",
        "suspect", "victim", "native", "citizen", "national", "man", "person", "people",
        "survivor", "member", "employee", "staff", "officer", "guard", "prisoner"}


_EVENT_SKIP = frozenset("in on by of for from among at the a an".split())
_LEFT_STOPS = frozenset(", ; : and or but while whereas which who".split())


# "107,000 people took part", "about 107,000 people at the height of the protest": a crowd
_CROWD_RE = re.compile(r"^\W*(?:(?:people|persons|citizens)\s+)?(?:(?:have|had|has|who)\s+)?"
                       r"(?:(?:were|was|are)\s+(?:there\s+)?)?"
                       r"((?:took|take|taking|taken)\s+part|(?:at|during)\s+the\s+"
                       r"(?:height|peak)\s+of\s+the\s+(?:protests?|rally|rallies|"
                       r"demonstrations?|march))\b", re.IGNORECASE)
# "2,122 people lost their lives", "... may have lost their lives": the dead, in other words
_LOST_LIVES_RE = re.compile(r"^\W*(?:people\s+|persons\s+)?(?:(?:have|had|has|who|may|might|"
                            r"could|would|will|must|reportedly|probably|likely)\s+){0,3}"
                            r"(lost\s+(?:their\s+|his\s+|her\s+)?li(?:ves|fe))\b", re.IGNORECASE)


def _event_cue(ctx: FigureContext) -> Slot | None:
    """An event word next to the figure: '62 killed', 'killed 89 people', 'death toll of 93'.

    After the figure it may follow its noun and auxiliaries ('people have since been
    killed', 'among the dead'); before it, it must stand in the same phrase ('killed at
    least 89', 'the death toll ... rose to 114'), not across an 'and' or a comma.
    """
    right = ctx.right[:CUE_REACH + PLACE_PHRASE_REACH]
    if lost := _LOST_LIVES_RE.match(ctx.right_text()):
        return Slot("deaths", lost.group(1), "sentence")
    if crowd := _CROWD_RE.match(ctx.right_text()):
        return Slot("crowd", crowd.group(1), "sentence")
    skipped, phrase = 0, "before"  # a place phrase between the noun and its verb
    nouns = _noun_words(ctx)
    thing = bool(nouns) and nouns[-1].low not in _EVERYONE and \
        singular(nouns[-1].low) not in _human_nouns()
    for i, w in enumerate(right):
        if i - skipped >= CUE_REACH:
            break
        if thing and w.low in _OTHER_NOUN_PREPS and _opens_noun_phrase(right[i + 1:i + 3]):
            break  # "95 autopsies on the people who died": the people died, the autopsies
            # were conducted
        if phrase != "over" and skipped < PLACE_PHRASE_REACH and (
                w.low in _PLACE_PHRASE_PREPS or phrase == "in" and w.text[0].isalpha() and (
                    w.text[0].isupper() or w.low in ("the", "a", "an") or
                    is_place_noun(w.low))):
            phrase, skipped = "in", skipped + 1  # "3,000 people in the Lamu district were
            continue  # evacuated"
        if phrase == "in":
            phrase = "over"
        value = MEASURES.get(w.low)
        if w.low == "board" and i > 0 and right[i - 1].low == "on":
            value = "aboard"  # "five people on board"
        if (two := _two_fates(right, i)) is not None:
            return two
        if value in EVENT_MEASURES:
            return Slot(value, w.text, "sentence")
        if w.low in _AUX or w.low.endswith("ly") or w.low in _EVENT_SKIP or \
                w.low in _human_nouns() or singular(w.low) in _human_nouns():
            continue
        break
    left = _left_across_magnitude(ctx)
    for k in range(len(left) - 1, -1, -1):
        w = left[k]
        if w.low in _LEFT_STOPS:
            break
        value = MEASURES.get(w.low)
        if value in EVENT_MEASURES and not _names_a_kind_of(w, ctx):
            # "the number of people killed or missing has climbed to nearly 100"
            return (_two_fates(left, k - 2) if k >= 2 else None) or Slot(value, w.text,
                                                                         "sentence")
    if len(ctx.left) >= 2 and ctx.left[-1].low == "to" and ctx.left[-2].low in ("home", "homes"):
        return Slot("population", "home to", "sentence")  # "Derna, home to 90,000"
    return None


def _two_fates(words: Sequence[Word], i: int) -> Slot | None:
    """One count of two fates, a measure of its own, when the event word at `i` is joined to
    another: "100,000 killed or wounded" (casualties), "100 dead or missing"."""
    value = MEASURES.get(words[i].low)
    if value not in EVENT_MEASURES or i + 2 >= len(words) or words[i + 1].low not in ("or", "and"):
        return None
    other = MEASURES.get(words[i + 2].low)
    if other not in EVENT_MEASURES or other == value:
        return None
    pair = sorted((value, other))
    return Slot("casualties" if pair == ["deaths", "injured"] else " or ".join(pair),
                " ".join(w.text for w in words[i:i + 3]), "sentence")


_QUAKE_WORDS = frozenset("earthquake quake tremor temblor".split())
_QUAKE_END_RE = re.compile(r"\b(?:earthquake|quake|tremor|temblor)\W*$")


def _left_across_magnitude(ctx: FigureContext) -> list[Word]:
    """The figure's clause before it, read across a quake's magnitude that names the quake
    ("the toll of the magnitude 7.7 earthquake has climbed to 694", "puts the dead from the
    7.7 magnitude earthquake at 1,000"): that figure is inside a noun phrase, not a clause of
    its own, and the measure word stands before it."""
    start = ctx.left[0].start if ctx.left else ctx.quantity.start
    cut = ctx.sentence[max(ctx.clause_start, start - 40):start].lower()
    quake = bool(ctx.left) and ctx.left[0].low in _QUAKE_WORDS or bool(_QUAKE_END_RE.search(cut))
    if not quake or "magnitude" not in cut:
        return ctx.left
    before = [w for w in ctx.before if ctx.clause_start <= w.start and w.end <= start]
    return before + ctx.left


_ROLE_RE = re.compile(
    r"^[\w\s-]{0,30}?\b(?:who\s+(?:stormed|attacked|opened fire|carried out|shot|raided)|"
    r"(?:are|were|is|was|have been|had been)\s+(?:named|identified|described|charged)\s+as\s+"
    r"(?:the\s+)?(?P<role>\w+))", re.IGNORECASE)


def _role(ctx: FigureContext) -> Slot | None:
    """People counted by the role the sentence gives them: 'four armed suspects who stormed
    the venue', 'Four natives of Tajikistan are named as the perpetrators' → attackers."""
    m = _ROLE_RE.match(ctx.right_text())
    if not m:
        return None
    role = m.group("role")
    value = MEASURES.get(role.lower(), singular(role)) if role else "attackers"
    return Slot(value, m.group(0).strip(), "sentence")


_DISPLACED_RE = re.compile(r"\b(?:from|fled|left|lost)\s+their\s+homes\b", re.IGNORECASE)


_HURT_RE = re.compile(r"^\W*(?:(?:people|persons|patients|civilians|children)\s+)?with\s+"
                      r"(?:\w+\s+)?(?:burns|injuries|wounds|fractures)\b", re.IGNORECASE)


def _hurt(ctx: FigureContext) -> Slot | None:
    """'290 people with burns', '40 patients with serious injuries': the injured."""
    m = _HURT_RE.match(ctx.right_text())
    return Slot("injured", m.group(0).strip(), "sentence") if m else None


def _displaced(ctx: FigureContext) -> Slot | None:
    """'driven 11 million people from their homes', 'fled their homes': the displaced."""
    m = _DISPLACED_RE.search(ctx.right_text()[:60])
    return Slot("displaced", m.group(0), "sentence") if m else None


def _held_measure(ctx: FigureContext) -> Slot:
    """A measure named before the figure: 'the toll rose to 133', 'the number of clashes'."""
    for i, w in enumerate(ctx.left[:-1]):
        if w.low in CONTAINERS and ctx.left[i + 1].low == "of":  # "the number of nuclear weapons"
            thing = _thing_of(ctx.left[i + 2:i + 8])
            if thing:
                return thing
    for w in reversed(ctx.left):
        value = MEASURES.get(w.low) or MEASURES.get(singular(w.low))
        if value:
            return Slot(value, w.text, "sentence")
    return Slot()


def _percent_measure(ctx: FigureContext) -> Slot:
    """'55% of Germany's gas' → share of gas; 'a 7.2% rise in the budget' → budget."""
    right = ctx.right
    if right and right[0].low == "of" or (len(right) > 1 and right[0].low in SHARE_WORDS
                                          and right[1].low == "of"):
        start = 1 if right[0].low == "of" else 2
        whole = ctx.clause_after()  # "of the 300 missiles": past the whole's own count
        thing = _thing_of(whole[start:start + 6])
        event = _thing_event(ctx, whole)
        if thing and event and thing.value not in COMMODITIES:
            # "99% of the threats were intercepted", "intercepted 90% of the missiles": the
            # share of what was launched that met the event, however the launches are named
            return Slot(f"share {event[0]}", f"of {thing.words} {event[1]}", "sentence")
        if thing:
            return Slot(f"share of {thing.value}", f"of {thing.words}", "sentence")
    elif right and right[0].low in _AUX and (event := _thing_event(ctx)):
        return Slot(f"share {event[0]}", event[1], "sentence")  # "70 percent were intercepted"
    slot = _nearest_measure(ctx, prefer_money=False)
    if slot.read:
        return slot
    left = [w for w in ctx.left if w.text[0].isalpha()]
    while left and (left[-1].low in _LINKS or left[-1].low in _AUX):
        left.pop()  # "inflation reached 5%", "a turnout of 60%", "unemployment stood at 4%"
    if len(left) >= 3 and left[-3].low in ("in", "across", "among") and left[-2].low == "the":
        left = left[:-3]  # "turnout in the capital was 41%": the turnout
    opening = bool(left) and left[-1].start == (ctx.words[0].start if ctx.words else -1)
    if left and len(ctx.left) - len(left) <= 4 and left[-1].low not in _PHRASE_ENDS \
            and left[-1].low not in DETERMINERS and (opening or not left[-1].text[0].isupper()):
        return Slot(MEASURES.get(left[-1].low, singular(left[-1].low)), left[-1].text,
                    "sentence")
    return Slot()


# What killed or hurt them ("killed by gunshot wounds"); a name there is who counted or who
# did it ("confirmed dead by the Red Crescent", "killed by Hamas"), not a cause.
_CAUSE_RE = re.compile(r"\b(?:killed|died|dead|injured|hurt|wounded)\s+(?:by|of|from)\s+"
                       r"(?!(?:the\s+|a\s+|an\s+)?(?-i:[A-Z]))(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}?(\w+?)"
                       r"(?:\s+wounds?)?\b", re.IGNORECASE)
# Causes that are the story's event itself: "killed by the explosion" is the blast's toll, not
# a part of it (as "killed by gunshot wounds" is).
_STORY_EVENTS = frozenset("explosion blast quake earthquake tremor flood flooding fire wildfire "
                          "attack strike bombing storm hurricane cyclone typhoon tsunami "
                          "landslide collapse crash shelling eruption".split())
_LINKS = frozenset("of at to reached hit stood stands rose fell by".split())


def _thing_of(words: list[Word]) -> Slot | None:
    """The thing of an 'of' phrase: a commodity if named, else its head noun."""
    picked: list[Word] = []
    for w in words:
        if w.low in DETERMINERS or w.low.endswith(("'s", "s'")) or w.text[0].isupper():
            continue
        if not picked and _NUMERAL_RE.match(w.text):
            continue  # "99% of the 300 missiles": the whole's own count names no thing
        if not w.text[0].isalpha() or w.low in _PHRASE_ENDS or w.low in PRONOUNS \
                or (w.low.endswith("ing") and picked) or w.low in _AUX \
                or (picked and _verb_like(w.low)) \
                or w.low in CHANGE_VERBS or w.low in _SAYS:
            break
        picked.append(w)
    for w in picked:
        if w.low in COMMODITIES:
            return Slot(w.low, " ".join(p.text for p in picked), "sentence")
    for two in (_two_fates(words, words.index(w)) for w in picked):
        if two is not None:
            return two  # "the number of people killed or missing"
    if picked:
        return Slot(measure_of(picked), " ".join(p.text for p in picked), "sentence")
    return None


_SAYS = frozenset("said says told reported estimated announced according".split())
_NUMERAL_RE = re.compile(r"^\d[\d,.]*$")
_PHRASE_ENDS = frozenset("that which who whom to in from for on by and or at than as with "
                         "came come comes since after before during".split())


def measure_of(words: list[Word]) -> str:
    """The measure a noun phrase names: a known pair or word ('nuclear weapons' → warheads),
    else the singular of its head."""
    for a, b in zip(words, words[1:], strict=False):
        if f"{a.low}_{b.low}" in MEASURES:
            return MEASURES[f"{a.low}_{b.low}"]
    head = words[-1].low
    return MEASURES.get(head) or MEASURES.get(singular(head)) or singular(head)


def _nearest_measure(ctx: FigureContext, prefer_money: bool, sentence_wide: bool = True
                     ) -> Slot:
    """The measure word nearest the figure in its clause, then in the sentence."""
    pools = [_by_distance(ctx.left, ctx.right)]
    if sentence_wide:
        pools.append(_by_distance(ctx.before, ctx.after))
    for pool in pools:
        for w in pool:
            if w.low in COMMODITIES and not prefer_money:
                return Slot(w.low, w.text, "sentence")
            if _names_a_kind_of(w, ctx):
                continue
            value = MEASURES.get(w.low)
            if value and (not prefer_money or value in _MONEY_VALUES or value == "grain"):
                return Slot(value, w.text, "sentence")
    return Slot()


def _names_a_kind_of(w: Word, ctx: FigureContext) -> bool:
    """A people word naming the kind of the noun right after it ('the crowd crush', 'refugee
    camps', 'evacuation centres'): that noun is the thing, not the people ('injured people',
    'missing children' and 'protesters gathered' keep theirs)."""
    if MEASURES.get(w.low) not in EVENT_MEASURES:
        return False  # most words: no people word, no next word to look up
    nxt = next((x for x in ctx.words if x.start == w.end + 1), None)
    if nxt is None:
        return False
    return nxt.text.isalpha() and nxt.text.islower() and nxt.low not in MEASURES \
        and nxt.low not in STOP_WORDS and nxt.low not in FIGURE_WORDS \
        and not _verb_like(nxt.low) and singular(nxt.low) not in _human_nouns() \
        and not nxt.low.endswith(("ing", "ly"))


_MONEY_VALUES = frozenset({"spending", "budget", "aid", "cost", "revenue", "exports", "imports",
                           "gdp", "debt", "investment", "bonds"})


def _by_distance(left: list[Word], right: list[Word]) -> list[Word]:
    """Words ordered by distance from the figure, the nearer side first on ties."""
    out: list[Word] = []
    for i in range(max(len(left), len(right))):
        if i < len(right):
            out.append(right[i])
        if i < len(left):
            out.append(left[-1 - i])
    return out


def _physical_measure(ctx: FigureContext) -> Slot:
    """'55 bcm of gas' → gas; 'a border of 4,300 km' → border; 'the pipeline runs 1,200 km'."""
    right = ctx.right
    if right and right[0].low == "of":
        thing = _thing_of(right[1:7])
        if thing:
            return with_thing_event(ctx, thing) if thing.value in _GOODS else thing
    if ctx.quantity.unit_kind == "duration":
        return Slot()  # "in seven or eight years", "16 months of war": how long, of nothing
    dimension = _DIMENSIONS.get(right[0].low if right else "")
    if ctx.quantity.unit_kind == "area" and (cue := _AREA_CUE_RE.search(ctx.right_text()[:40])):
        return Slot(f"area {_AREA_CUES[cue.group(1).lower()]}", cue.group(0), "sentence")
    right = _past_restatement(ctx) or right  # "the 985-foot (300-meter) vessel"
    if _ADJECTIVAL_RE.search(ctx.quantity.surface) and right and _noun_like(right[0]):
        noun = right[0]  # "a 22-foot submersible": the submersible is measured; "a 948-foot
        for w in right[1:4]:  # container ship": the compound's last noun, the ship
            if not _noun_like(w) or w.text[0].isupper() or w.low not in MEASURES:
                break
            noun = w
        return Slot(MEASURES.get(noun.low, singular(noun.low)), noun.text, "sentence")
    left = [w for w in ctx.left if w.text[0].isalpha()]
    links = [i for i, w in enumerate(left) if w.low in _MEASURING_VERBS]
    if links:  # "the northern segment ... is under 60 km": what stands before the verb
        left = _head_phrase(left[:links[-1]])
    elif len(left) > PHYSICAL_REACH:  # "a border of 4,300 km": the noun just before
        left = left[-PHYSICAL_REACH:]
    nouns = [i for i, w in enumerate(left) if w.low not in _PHYSICAL_SKIP and w.low not in
             STOP_WORDS and not w.text[0].isupper() and not w.low.endswith(("est", "most"))
             and not _verb_like(w.low)]
    if nouns:
        i = nouns[-1]  # "the northern segment of the frontier is under 60 km": the segment
        while i >= 2 and left[i - 1].low in ("the", "a", "an", "its") and left[i - 2].low == "of" \
                or i >= 1 and left[i - 1].low == "of":
            head = i - 2 if left[i - 1].low != "of" else i - 1
            if head - 1 < 0 or left[head - 1].low in CONTAINERS | _PROPERTIES:
                break  # "the length of the border": the border is what is measured
            i = head - 1
        w = left[i]
        return Slot(MEASURES.get(w.low, singular(w.low)), w.text, "sentence")
    if dimension:  # "... stood more than 5.6 metres deep", with no thing named: a depth
        return Slot(dimension, right[0].text, "sentence")
    return _nearest_measure(ctx, prefer_money=False, sentence_wide=False)


def _past_restatement(ctx: FigureContext) -> list[Word]:
    """The words after a figure's restatement in brackets ('985-foot (300-meter) vessel' →
    'vessel'), or after the closing bracket of the restatement itself; [] when there is none."""
    after = ctx.after
    if after and after[0].text == "(":
        close = next((i for i, w in enumerate(after) if w.text == ")"), None)
        if close is None or close > 4:
            return []
        after = after[close + 1:]
    elif after and after[0].text == ")" and "(" in ctx.sentence[max(0, ctx.quantity.start - 2):
                                                                 ctx.quantity.start]:
        after = after[1:]
    else:
        return []
    for i, w in enumerate(after):
        if not w.text[0].isalnum():
            return after[:i]
    return after


def _noun_like(w: Word) -> bool:
    """A word that may be (part of) the noun a figure describes: no stop word, no verb form."""
    return w.text[0].isalpha() and w.low not in STOP_WORDS and not _verb_like(w.low)


def _head_phrase(words: list[Word]) -> list[Word]:
    """A subject noun phrase without its trailing modifiers: 'the water in the region' → 'the
    water'; 'the length of the border' keeps its 'of' (the border is what is measured)."""
    for i, w in enumerate(words):
        if w.low in ("in", "on", "at", "for", "from", "with", "across", "near") and i > 0:
            return words[:i]
    return words


def _verb_like(word: str) -> bool:
    """A verb form that cannot be the thing measured ('had counted 721,449 tonnes')."""
    return word in CHANGE_VERBS or word in _SAYS or word in _EN_PARTICIPLES or (
        word.endswith("ed") and word not in MEASURES)


# Participles not ending in -ed: "three grams of explosives hidden in the pagers".
_EN_PARTICIPLES = frozenset("hidden stolen taken given broken driven written seen known shown "
                            "thrown frozen".split())


# Words that link a thing to its figure ("the border stretches over 4,300 km") or name the
# dimension measured ("the length of", "is 1,200 km long"), not the thing.
_PHYSICAL_SKIP = _AUX | frozenset(
    "of at to by about around some nearly over almost than more less stretches stretch spans "
    "span measures runs run covers covering reaching reached weighs totalling totaling "
    "totalled totaled long wide high deep tall a an the roughly approximately estimated up "
    "down only just under below above between among with and or for from in on into".split())
_GOODS = COMMODITIES | {"grain"}
COMMODITY_DOMINANCE = 2  # the article's good must be named this many times more than any other
# Words after a length that name its dimension: "5.6 metres deep" is a depth.
_DIMENSIONS = {"deep": "depth", "long": "length", "high": "height", "tall": "height",
               "wide": "width", "thick": "thickness", "across": "width"}
# What an area is of: "600 square kilometres were flooded", "an area of 7,600 sq mi searched".
_AREA_CUES = {"flooded": "flooded", "under": "flooded", "inundated": "flooded",
              "submerged": "flooded", "burned": "burned", "burnt": "burned",
              "scorched": "burned", "searched": "searched", "destroyed": "destroyed"}
_AREA_CUE_RE = re.compile(r"\b(?:were|was|is|are|has been|have been|had been)?\s*"
                          r"(flooded|under(?= water)|inundated|submerged|burned|burnt|scorched|"
                          r"searched|destroyed)\b", re.IGNORECASE)
_ADJECTIVAL_RE = re.compile(r"\d-[a-z]+(?:-[a-z]+)?$", re.IGNORECASE)  # "22-foot", "16-meter-long"
PHYSICAL_REACH = 3  # words before a length or mass that may name its thing, with no verb between
_MEASURING_VERBS = frozenset("is are was were stretches stretch spans span measures measure runs "
                             "run covers cover weighs weigh totals total totalled totaled "
                             "reaches reached stands stood".split())
_PROPERTIES = frozenset("length width height depth area size surface weight distance range "
                        "reach".split())


_NAMED_AS = frozenset("at was is were stood stands".split())  # "the loss at", "the rise was"


def _level_or_change(ctx: FigureContext) -> str:
    """'change' for 'rose by 5%', 'a 7% rise', '100 more than', 'added 100'; else 'level'."""
    q = ctx.quantity
    if q.change in ("up", "down") or _added(ctx):
        return "change"
    left = [w.low for w in ctx.words if w.end <= q.start and w.start >= ctx.clause_start][-7:]
    right = [w.low for w in ctx.right][:2]
    if left and left[-1] == "by" and any(w in CHANGE_VERBS or w in CHANGE_NOUNS
                                         for w in left[:-1]):
        return "change"
    if left and left[-1] in ("added", "adding", "adds", "gained", "lost", "shed"):
        return "change"
    if len(left) >= 2 and left[-1] == "of" and left[-2] in CHANGE_NOUNS:
        return "change"
    if left and left[-1] in _NAMED_AS and any(w in CHANGE_NOUNS for w in left[-5:-1]):
        return "change"  # "put the loss at 14 cubic km", "the increase was 5%"
    if right and (right[0] in COMPARATIVES and right[0] not in ("up", "down")
                  or right[0] in CHANGE_NOUNS or right[:2] == ["percent", "rise"]):
        return "change"
    if len(right) > 1 and right[0] in ("percent", "per", "pct") and right[1] in CHANGE_NOUNS:
        return "change"
    if left and left[-1] in CHANGE_VERBS and ctx.quantity.unit_kind == "percent":
        return "change"  # "the economy grew 5.2 percent"
    return "level"


def _added(ctx: FigureContext) -> bool:
    """'two more victims', 'an additional 500 troops': a change, not a level ('more than' is a
    qualifier, not a change)."""
    words = ctx.inside + ctx.right[:1]
    for i, w in enumerate(words):
        follows = words[i + 1].low if i + 1 < len(words) else ""
        if w.low in ("more", "fewer", "additional", "extra") and follows not in ("than", "then"):
            before = [x for x in words[:i] if x.text[0].isdigit() or x.low in FIGURE_WORDS]
            if before or w.low in ("additional", "extra"):
                return True
    return False


def _has_own_noun(q: Quantity) -> bool:
    """The figure's words end with the thing it counts ('12 coaches'), not with the number
    alone ('74', carried its unit from '97 victims' after it)."""
    last = q.surface.split()[-1].lower() if q.surface.split() else ""
    return bool(q.unit) and singular(last) == q.unit.lower()


def _scope_words(ctx: FigureContext, measure: Slot) -> tuple[str, ...]:
    """Words restricting the measure: 'operational', 'violent', '58 medical workers'.

    Read from the figure's own words, the words just before it, and the words just before
    the measure's own word wherever the clause names it ('a confirmed death toll of 93').
    """
    nouns = _noun_words(ctx)
    anchor = [i for i, w in enumerate(ctx.left) if measure.words and
              w.text in measure.words.split(" (carried")[0].split()]
    before_anchor = ctx.left[max(0, anchor[0] - 2):anchor[0]] if anchor else []
    near = [w.low for w in nouns] + [w.low for w in ctx.left[-3:]] + \
        [w.low for w in before_anchor] + [w.low for w in ctx.left if w.text in
                                          measure.words.split()] + \
        [w.low for w in ctx.right[:2] if w.low in SCOPE_WORDS]
    named = {w.low for w in ctx.words if w.start > 0 and w.text[0].isupper()}
    scope = {w for w in near if w in SCOPE_WORDS and w not in named}  # "Official Journal"
    if ctx.quantity.unit_kind == "count" and ctx.right and ctx.right[0].low == "of" and \
            len(ctx.right) > 1 and not _has_own_noun(ctx.quantity) and \
            (ctx.right[1].low in PRONOUNS or ctx.right[1].low in DETERMINERS):
        scope.add("part")  # "2,000 of them", "74 of the 97 victims": a part of a whole; a
        # figure with its own noun names what it belongs to ("12 coaches of the train")
    group = nouns[-1:] or [w for w in ctx.left[-4:] if w.text[0].isalpha()
                           and singular(w.low) in _human_nouns()][-1:]
    if measure.value in EVENT_MEASURES and group:  # "5,937 soldiers killed", "11 suspects held",
        head = singular(group[-1].low)  # "the number of Russian soldiers killed at 55,110"
        if head not in _EVERYONE and head not in GENERIC_NOUNS and \
                MEASURES.get(group[-1].low) not in EVENT_MEASURES:
            scope.add(MEASURES.get(group[-1].low) or head)
    if measure.value in EVENT_MEASURES and (cause := _CAUSE_RE.search(ctx.right_text()[:50])) \
            and singular(cause.group(1).lower()) not in _STORY_EVENTS:
        scope.add(f"by {singular(cause.group(1).lower())}")  # "40 killed by gunshot wounds"
    if any(w.low == "such" for w in ctx.left[-2:]):
        scope.add("such")
    if measure.value not in EVENT_MEASURES and ctx.quantity.unit_kind == "count":
        scope |= {w.low for w in nouns[:-1] if not w.text[0].isupper()  # "search dogs" vs
                  and w.low not in _KIND_WORDS and w.low not in SCOPE_WORDS - {"new"}  # "cadaver
                  and w.low not in _QUALIFYING}  # dogs": two things
    if any(w.low in HOLDINGS for w in nouns):
        scope.discard("new")
    return tuple(sorted(scope))


def carry_measure(reading: MeasureReading, previous: MeasureReading | None,
                  surface: str) -> MeasureReading:
    """An unread measure takes the measure of the sentence's previous figure ('followed with
    5,550' after '6,255 warheads'), saying so in its words."""
    if reading.measure.read or previous is None or not previous.measure.read \
            or previous.kind != reading.kind or reading.own_verb:
        return reading
    words = previous.measure.words.split(" (carried")[0]
    carried = Slot(previous.measure.value, f"{words} (carried to {surface})", "sentence")
    return MeasureReading(carried, reading.change, reading.scope, reading.kind, reading.own_verb)


def is_container(word: str) -> bool:
    """A noun that holds the measure ('number', 'toll') rather than naming a thing."""
    return word.lower() in CONTAINERS


def article_commodity(text: str) -> Slot:
    """The one good an article is about, when it names a single one ('grain' in a story on
    the grain corridor): what a bare '721,449 tonnes' there is of."""
    words = re.findall(r"[a-z]+", text.lower())
    found = Counter("grain" if MEASURES.get(w) == "grain" else w for w in words
                    if w in COMMODITIES or MEASURES.get(w) == "grain")
    ranked = found.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] < COMMODITY_DOMINANCE * ranked[1][1]):
        return Slot()
    return Slot(ranked[0][0], "the good the article is about", "article")


def with_article_measure(reading: MeasureReading, commodity: Slot,
                         ctx: FigureContext | None = None) -> MeasureReading:
    """A mass or volume that names no good takes the article's one good (and what its clause
    says happened to it)."""
    if reading.measure.read or not commodity.read or reading.kind not in ("mass", "volume"):
        return reading
    good = with_thing_event(ctx, commodity) if ctx is not None else commodity
    if good is not commodity:
        good = Slot(good.value, good.words, "article")
    return MeasureReading(good, reading.change, reading.scope, reading.kind, reading.own_verb)


# A story about a gathering, told by its title or first sentence.
_GATHERING_RE = re.compile(r"\b(?:protests?|protesters|rall(?:y|ies)|demonstrations?|"
                           r"demonstrators|marches|marchers)\b", re.IGNORECASE)
# People said to be somewhere: "800,000 people were in Belgrade", "filled the square".
_PRESENT_RE = re.compile(r"^\W*(?:(?:were|was|are)\s+(?:in|on|at|out)\b|(?:filled|packed|"
                         r"thronged|crowded)\b|(?:in|on)\s+the\s+streets\b)", re.IGNORECASE)


def with_article_gathering(reading: MeasureReading, lead_text: str,
                           ctx: FigureContext) -> MeasureReading:
    """People a protest story says were somewhere ('800,000 to 1,000,000 people were in
    Belgrade', 'filled the square') are its crowd, the measure lent by the article."""
    if reading.measure.read or reading.kind != "count" or not _GATHERING_RE.search(lead_text):
        return reading
    nouns = _noun_words(ctx)
    if not nouns or nouns[-1].low not in _EVERYONE:
        return reading
    if not (cue := _PRESENT_RE.match(ctx.right_text())):
        return reading
    crowd = Slot("crowd", f"{cue.group(0).strip()} (in a story of a protest)", "article")
    return MeasureReading(crowd, reading.change, reading.scope, reading.kind, reading.own_verb)

