"""The subject and partner slots: whose figure it is, and the other party of a flow.

The subject is read, in this order, from the figure's owner ("China's arsenal at 350",
"5,937 Russian soldiers"), the actor of its clause ("Russia has massed 100,000 troops"), a
place the clause puts it in ("killed in Khartoum state"), the nearest name before it in the
sentence, and only then the article's lead (its title and first sentence), marked as such.
Names that are the figure's source ("SIPRI said", "according to Maui County") are never its
subject. A place is kept as named (Derna, not Libya): a city's toll is not the country's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.claims.clauses import FigureContext, Word
from crosscheck.claims.concepts import PLACE_NOUNS, is_place_noun
from crosscheck.claims.lexicon import ALIASES, GAZETTEER_ALIASES, NOT_NAMES, PLACE_COUNTRY
from crosscheck.models import Slot
from crosscheck.words import MONTH_NUMBERS

_WORLD_WORDS = frozenset("world world's worldwide global globally planet's".split())
_RANKING_RE = re.compile(r"^(?:(?:second|third|fourth|fifth|\d+\w*)-)?(?:largest|biggest|"
                         r"deadliest|highest|lowest|most|least|top|leading|fastest|worst|best|"
                         r"smallest|richest|poorest|strongest)$")
# Prepositions that put a name in the object of the clause (the figure's partner or place),
# not its subject.
_PARTNER_PREPS = frozenset("to from against with into toward towards at on by behind than "
                           "ahead beyond unlike like after over".split())
_COMPARED = frozenset("behind than ahead beyond unlike like after versus against with between "
                      "and to from".split())
_BLOCS = frozenset({"United Nations", "European Union", "NATO"})
_PLACE_PREPS = frozenset("in across inside throughout within near around".split())
# Prepositions of an adjunct of time or control: "under Russia's control", "after Russia's
# attack", "amid Israel's offensive" name the setting of a figure, never whose it is.
_ADJUNCT_PREPS = frozenset("under after before since during amid following despite".split())
_ORG_HINTS = frozenset("ministry committee office agency institute department council "
                       "commission bureau organization organisation service services forces "
                       "army navy police government authority authorities university "
                       "centre center group project monitor court bank fund".split())
_EVENT_HINTS = frozenset("fire fires wildfire storm hurricane typhoon cyclone earthquake "
                         "quake flood floods war attack attacks massacre crush disaster "
                         "initiative deal".split())
LEAD_SENTENCES = 1  # sentences of the body read with the title for the article's lead
LEAD_WEIGHTS = (3, 2, 1)  # title, first sentence, rest: "Maui" in a title outweighs a passing "US"
LEAD_SCAN_CHARS = 20_000  # text read for the article's country when its lead names none
PLACE_REACH = 4  # words between a figure and a place that narrows it ("2,000 in Derna alone")
_CAP_RE = re.compile(r"[A-Z][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a sentence: a country, a place, the world, or another proper name."""

    name: str  # canonical: "Russia" for "Russian", "World" for "global"
    kind: str  # country | place | world | name
    start: int
    end: int
    text: str


def mentions(words: Sequence[Word], sentence: str,
             places: frozenset[str] = frozenset()) -> list[Mention]:
    """Every country, place and proper name of the sentence, with demonyms folded.

    `places` are the names its article puts figures or events in (`article_places`): such a
    name is a place wherever the article names it, also opening a sentence ("Jajarkot lost
    the most") or speaking ("Rukum West counted 38 casualties").
    """
    out: list[Mention] = []
    dateline = _DATELINE_RE.match(sentence)
    i = 0
    while i < len(words):
        m, used = _mention_at(words, i, sentence)
        if m is None and places and i == 0:
            m, used = _known_place(words, sentence, places)
        if m and m.kind == "name" and bare_place(m.name) in places and not (
                i and words[i - 1].low == "of"):  # "the City of Justice of Valencia"
            m = Mention(m.name, "place", m.start, m.end, m.text)
        if m and not (dateline and m.start < dateline.end() and "(" in sentence[:m.start]):
            out.append(m)  # "MOSCOW (Northgate) —": the outlet in a dateline names no one
        i += max(1, used)
    return out


def _known_place(words: Sequence[Word], sentence: str, places: frozenset[str]
                 ) -> tuple[Mention | None, int]:
    """A place of the article opening the sentence, which a lone capitalised word there is
    not taken for otherwise."""
    w = words[0]
    name = w.text[:-2] if w.text.endswith(("'s", "’s")) else w.text
    if name in places:
        return Mention(name, "place", w.start, w.start + len(name), name), 1
    return None, 1


def bare_place(name: str) -> str:
    """A place without the noun of its kind: outlets write "Rukum West district" and "Rukum
    West", "Khartoum state" and "Khartoum" for one place."""
    head, _, last = name.rstrip(".,").rpartition(" ")
    return head if head and is_place_noun(last.lower()) else name


# "in Jajarkot", "near Lamidada", "the Jajarkot district", "Rukum West districts": where an
# article puts what it tells of. A name in an organisation's or event's words is none.
_PLACE_IN_RE = re.compile(
    r"\b(?:in|near|across|around|inside|within)\s+(the\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?![\w'’-])(?!\s+[A-Z])(?:\s+([a-z]+))?")
_NAMED_PLACE_RE = re.compile(
    r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?:district|districts|province|"
    r"provinces|region|county|municipality|village|town|valley|prefecture|oblast|governorate)\b")
_NOT_PLACES = frozenset("congress parliament senate court europe africa asia america americas "
                        "oceania antarctica arctic pacific atlantic".split())


def article_places(text: str) -> frozenset[str]:
    """The names an article puts figures or events in: unknown to the gazetteer, but places
    in this story ("in Jajarkot", "the Rukum West district")."""
    found: Counter[str] = Counter()
    for rx in (_PLACE_IN_RE, _NAMED_PLACE_RE):
        for m in rx.finditer(text):
            if rx is _PLACE_IN_RE and m.group(1) and not (
                    m.group(3) and is_place_noun(m.group(3))):
                continue  # "in the Himalayan country", "in the Titanic": a description, a thing
            if rx is _PLACE_IN_RE and m.group(3) in _EVENT_HINTS | _ORG_HINTS:
                continue  # "Pagers in Hezbollah attack": a name modifying a noun
            name = bare_place(m.group(2 if rx is _PLACE_IN_RE else 1))
            if name.endswith(("'s", "’s")) or "-" in name or " " in name and \
                    name.split(" ", 1)[0].lower().rstrip("'s’") in ALIASES:
                continue  # "in Wagner's mutiny", "Russian-occupied", "Ukraine's Donetsk"
            words = name.lower().split()
            if not _may_name(words[0]) or words[0] in _NOT_PLACES or name.isupper() or \
                    words[-1] in _ORG_HINTS or words[-1] in _EVENT_HINTS or \
                    " ".join(words) in ALIASES or name in PLACE_COUNTRY:
                continue
            found[name] += 1
    return frozenset(n for n, k in found.items() if k >= 2)


_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,40}\))?\s*[—–-]+\s*")


def _mention_at(words: Sequence[Word], i: int, sentence: str) -> tuple[Mention | None, int]:
    w = words[i]
    base = w.low[:-2] if w.low.endswith(("'s", "’s")) else w.low
    if base in _WORLD_WORDS or w.low in _WORLD_WORDS:
        if i + 1 < len(words) and _RANKING_RE.match(words[i + 1].low):
            return None, 1  # "the world's second-largest": a ranking, not the world's figure
        return Mention("World", "world", w.start, w.end, w.text), 1
    for n in (3, 2, 1) if _may_open_known(w) else ():  # longest first: "north korean"
        span = words[i:i + n]
        if len(span) < n:
            continue
        text = " ".join(x.low for x in span)
        text = text[:-2] if text.endswith("'s") else text
        if text in ALIASES and _cased_alias(span, text):
            return Mention(ALIASES[text], "country", span[0].start, span[-1].end,
                           sentence[span[0].start:span[-1].end]), n
        place = " ".join(x.text.title() if x.text.isupper() and len(x.text) > 3 else x.text
                         for x in span)  # "MOSCOW —" in a dateline is Moscow
        place = place[:-2] if place.endswith(("'s", "’s")) else place
        inside_name = i + n < len(words) and words[i + n].text[0].isupper() \
            and not place.endswith("'s")  # "Stockholm International Peace Research Institute"
        if place in PLACE_COUNTRY and not inside_name:
            return Mention(place, "place", span[0].start, span[-1].end, place), n
    if w.text[0].isupper() and _may_name(base) and not w.text.isdigit():  # "Monday's blast"
        return _proper_name(words, i, sentence)
    return None, 1


# First words of every alias and known place: a word that is none of them opens neither, and
# the spans of up to three words from it need not be joined and looked up (most words of a
# text; the lookups were half of the extraction's time).
_KNOWN_FIRST_WORDS = frozenset(k.split(" ", 1)[0] for k in (*ALIASES, *PLACE_COUNTRY))


def _may_open_known(w: Word) -> bool:
    """The word, as a span's first word is looked up (lower-cased for an alias, as cased for a
    place, with or without its 's), is the first word of an alias or a known place."""
    for word in (w.low, w.text.title() if w.text.isupper() and len(w.text) > 3 else w.text):
        if word in _KNOWN_FIRST_WORDS or (
                word.endswith(("'s", "’s")) and word[:-2] in _KNOWN_FIRST_WORDS):
            return True
    return False


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _may_name(low: str) -> bool:
    """A capitalised word (lower-cased, without its 's) that can open a name: no function
    word, month or weekday."""
    return low not in NOT_NAMES and low.rstrip(".") not in MONTH_NUMBERS and low not in _WEEKDAYS


def _cased_alias(span: Sequence[Word], text: str) -> bool:
    """Short or ambiguous aliases count only in their proper case ('US', not 'us')."""
    first = span[0].text
    if text in ("us", "un", "eu", "uk"):
        return first.isupper()
    if text in ("turkey", "georgia", "chad", "jordan", "china", "niger", "chinese", "polish") \
            or text in GAZETTEER_ALIASES:
        return first[0].isupper()
    return True


def _proper_name(words: Sequence[Word], i: int, sentence: str) -> tuple[Mention | None, int]:
    """A run of capitalised words ('Camp Fire', 'Khartoum state', 'Rapid Support Forces')."""
    j = i
    while j < len(words) and (words[j].text[0].isupper() or (
            words[j].low in ("of", "the", "and", "for") and j + 1 < len(words)
            and words[j + 1].text[0].isupper() and j > i)):
        j += 1
    span = list(words[i:j])
    while span and span[-1].low in ("of", "the", "and", "for"):
        span.pop()
    if not span:
        return None, 1
    if j < len(words) and is_place_noun(words[j].low) and \
            sum(w.text[0].isupper() for w in span) <= 3:
        span.append(words[j])  # "Khartoum state", "Lahaina town", "Jajarkot and Rukum West
        # districts"
    text = sentence[span[0].start:span[-1].end].rstrip(".,")
    text = text[:-2] if text.endswith(("'s", "’s")) else text
    if i == 0 and len(span) == 1 and not words[i].low.endswith("'s"):
        return None, len(span)  # a lone capitalised word opening the sentence
    return Mention(text, "name", span[0].start, span[-1].end, text), len(span)


def name_kind(m: Mention) -> str:
    """'org', 'event', 'place' or 'name' for a proper name, else its kind."""
    if m.kind != "name":
        return m.kind
    last = m.name.split()[-1].lower()
    if last in _ORG_HINTS:
        return "org"
    if last in _EVENT_HINTS:
        return "event"
    if is_place_noun(last):  # "... state", "... districts"
        return "place"
    return "name"


@dataclass(frozen=True, slots=True)
class Parties:
    """Subject, partner and the places the clause names."""

    subject: Slot
    partner: Slot
    places: tuple[str, ...]
    subject_start: int = -1  # where the subject is named in the sentence (-1: not there)
    named_thing: bool = False  # the subject is a named thing the figure describes ("Titan")


def read_parties(ctx: FigureContext, names: Sequence[Mention], source: str | None,
                 lead: Slot, lead_text: str = "",
                 figures: Sequence[tuple[int, int]] = ()) -> Parties:
    """Whose figure it is (and with whom), from the sentence, else from the article's lead.

    A place stands for its country (Lahaina, Maui → United States; Moscow → Russia): outlets
    name one event's place at different levels. A place that narrows the figure ("in Derna
    alone", "in Khartoum state") is kept as its scope.
    """
    names = [_as_place(ctx, m) for m in names]
    usable = [m for m in names if not _is_source(m, source, ctx.sentence)
              and not _governed(ctx, m, _ADJUNCT_PREPS) and not _origin_of_people(ctx, m)]
    owner = _owner(ctx, usable)
    usable = [m for m in usable if _can_be_subject(m)]
    actor = _actor(ctx, usable)
    place = _place(ctx, usable)
    named = None if owner or actor else _named_object(ctx, names, source)
    subject = owner or actor or named or place or _nearest(ctx, usable)
    speaker = [m for m in names if m.kind == "country" and m.name not in _BLOCS
               and source and source.startswith(m.text)] if source else []
    if subject is None and source:  # a government announcing its own figure ("China said")
        subject = _nearest(ctx, speaker)
    elif subject is not None and not _in_clause(ctx, subject) and \
            (own := [m for m in speaker if _in_clause(ctx, m) and _is_state(m, source)]):
        subject = own[-1]  # "In Myanmar 144 are dead, while Thailand has reported 10
        # fatalities": the country speaking in the figure's clause, not one named before it
    partners = _partners(ctx, usable)
    # figures given place by place ("92 died in Jajarkot and 36 in Rukum West") are parts,
    # even of a place the lead names
    by_place = len({m.name for m in names if name_kind(m) == "place"
                    and _governed(ctx, m, _PLACE_PREPS)}) >= 2
    paired = _paired_place(ctx, names, figures)
    places = (paired.name,) if paired else tuple(sorted(
        {m.name for m in names if _restricts(ctx, m, lead_text, by_place)}))
    area = _AREA_RE.search(ctx.sentence)  # an area named without a name ("across the states")
    if area and subject is not None and not _in_clause(ctx, subject) and \
            ctx.holds(area.start(), area.end()):
        subject = None  # "Rescuers in Turkey and Syria ..., and the toll in both countries ..."
    own_area = area if area and _area_of(ctx, area) else None
    if subject is None and own_area is None:
        subject = _only_country([m for m in names if not _origin_of_people(ctx, m)])
        # "With 5,914 deaths, the toll Syria announced, ...": the one country named
    if subject is None and own_area:
        final = Slot(own_area.group(1), own_area.group(0), "sentence")
    else:
        setting = [m for m in names if not _governed(ctx, m, _ADJUNCT_PREPS)
                   and m.name not in _BLOCS and not _is_source(m, source, ctx.sentence)]
        final = lead if subject is None else _canonical(subject, setting, lead)
    partner = next((m for m in partners if m is not subject and m.name != final.value), None)
    return Parties(final, _slot(partner), places, subject.start if subject is not None else -1,
                   named is not None and subject is named)


_STATE_WORDS = frozenset("government authorities officials".split())


def _is_state(m: Mention, source: str | None) -> bool:
    """The source is the country itself or its government ("Thailand", "Thai authorities"),
    not a body whose name opens with it ("German Research Centre for Geosciences")."""
    rest = (source or "")[len(m.text):].strip(" '’s").split()
    return not rest or (len(rest) == 1 and rest[0].lower() in _STATE_WORDS)


_ORIGIN_NOUNS = frozenset("native natives citizen citizens national nationals".split())
_MADE_VERBS = frozenset("made built manufactured produced assembled designed".split())


def _origin_of_people(ctx: FigureContext, m: Mention) -> bool:
    """The country people or things come from, not where or whose the figure is: "four natives
    of Tajikistan", "three Tajik citizens", "nationals of India", "made in Budapest"."""
    before = [w.text for w in ctx.words if w.end <= m.start][-2:]
    after = [w.text for w in ctx.words if w.start >= m.end][:1]
    if len(before) == 2 and before[1] == "in" and before[0].lower() in _MADE_VERBS:
        return True  # "the pagers ... were made in Budapest": where things come from
    return (len(before) == 2 and before[1] == "of" and before[0].lower() in _ORIGIN_NOUNS) or (
        m.kind == "country" and m.text.lower() != m.name.lower() and bool(after)
        and not m.text.endswith(("'s", "’s")) and after[0] in _ORIGIN_NOUNS)  # lower case:
    # "Nepal's National Seismological Centre" is a name


def _paired_place(ctx: FigureContext, names: Sequence[Mention],
                  figures: Sequence[tuple[int, int]]) -> Mention | None:
    """The place a sentence that gives its figures place by place gives this figure: places
    and figures take turns ("Jajarkot lost 95 and Rukum West counted 38", "92 died in
    Jajarkot and 36 in Rukum West"), so each figure is its neighbouring place's, even a
    place the lead names. None when the sentence does not take turns."""
    own = [m for m in names if m.kind == "place" or name_kind(m) == "place"]
    if len({m.name for m in own}) < 2 or not figures:
        return None
    q = ctx.quantity
    marks = sorted([(m.start, "P") for m in own] + [(a, "F") for a, _ in figures]
                   + [(q.start, "F")])
    turns = "".join(kind for _, kind in marks)
    if re.fullmatch(r"(?:PF+){2,}", turns):
        return max((m for m in own if m.start < q.start), key=lambda m: m.start)
    if re.fullmatch(r"(?:F+P){2,}", turns):
        place = min((m for m in own if m.start > q.start), key=lambda m: m.start)
        if not re.search(r"[,;:]", ctx.sentence[q.end:place.start]):
            return place  # "67 women and 29 men in X": both; "put the dead at 52, 40 in X
    return None  # and 12 in Y": the total set off before them is no place's


def place_speaks(source: str, names: Sequence[Mention]) -> bool:
    """The source is a town or district the sentence names ("Rukum West counted 38"): the
    place of the count, not an authority. A country, a capital or a known city speaking is
    its government ("Nepal said", "Kyiv says") and stays a source."""
    who = source.strip()
    who = who[4:] if who.lower().startswith("the ") else who
    return any(m.kind == "place" and m.name not in PLACE_COUNTRY and
               bare_place(m.text) == bare_place(who) for m in names)


def _only_country(names: Sequence[Mention]) -> Mention | None:
    """The one country a sentence names (outside the figure's clause, since its clause named
    none): the sentence's, a better guess than the article's."""
    found = {m.name: m for m in names if m.kind == "country" and m.name not in _BLOCS}
    return next(iter(found.values())) if len(found) == 1 else None


def _area_of(ctx: FigureContext, area: re.Match[str]) -> bool:
    """An area the figure's clause names, or one named before it in its sentence: "the dead
    in both countries passed 50,000" after "With 5,914 deaths, ..." is the other clause's."""
    return ctx.holds(area.start(), area.end()) or area.end() <= ctx.quantity.start


def _canonical(m: Mention, names: Sequence[Mention], lead: Slot) -> Slot:
    """A place as its country (known places by the gazetteer, others by the sentence's or the
    article's country); countries, the world, events and bodies as named."""
    if m.kind == "place" and m.name in PLACE_COUNTRY:
        return Slot(PLACE_COUNTRY[m.name], m.text, "sentence")
    if name_kind(m) == "place":  # a known place's kind, or "the Jajarkot region": Nepal's
        country = next((n.name for n in names if n.kind == "country"), None) or (
            lead.value if lead.read else None)
        return Slot(country or m.name, m.text, "sentence")
    return Slot(m.name, m.text, "sentence")


def _restricts(ctx: FigureContext, m: Mention, lead_text: str = "",
               by_place: bool = False) -> bool:
    """A place in the figure's clause that narrows it to a part of a country: 'in Derna
    alone', 'in Khartoum state', 'the city of Bakhmut', or a place next to the figure that
    the article's lead does not name ('16 structures in Kula' in a story about Maui) or, in
    a sentence giving its figures place by place (`by_place`), any place next to it."""
    if not _in_clause(ctx, m) or (m.kind != "place" and name_kind(m) != "place"):
        return False
    if m.name.split()[-1].lower() in PLACE_NOUNS:
        return True
    q = ctx.quantity
    gap = ctx.sentence[q.end:m.start] if m.start >= q.end else ctx.sentence[m.end:q.start]
    lead_words = set(re.findall(r"[\w'’-]+", lead_text.lower()))
    if len(gap.split()) <= PLACE_REACH and _governed(ctx, m, _PLACE_PREPS | {"at"}) \
            and lead_text and (by_place or not lead_words & set(m.name.lower().split())):
        return True
    after = ctx.sentence[m.end:m.end + 12].lower()
    before = ctx.sentence[max(0, m.start - 20):m.start].lower()
    # "the province of Valencia" in a story about Valencia's floods is the story's place
    told = bool(lead_text) and not by_place and bool(lead_words & set(m.name.lower().split()))
    return after.lstrip().startswith(("alone", "only")) or not told and bool(
        re.search(r"\b(?:city|town|region|province|state|district|county|oblast) of\s*$",
                  before))


def _slot(m: Mention | None) -> Slot:
    return Slot(m.name, m.text, "sentence") if m else Slot()


def _is_source(m: Mention, source: str | None, sentence: str = "") -> bool:
    """Named as the figure's source: in the attribution, or speaking ('the Pentagon said')."""
    if source and m.text in source:
        return True
    return bool(sentence) and bool(_SPEAKS_RE.match(sentence[m.end:m.end + 40]))


_SPEAKS_RE = re.compile(
    r"^(?:'s?\s+\w+\s+)?\s*(?:\w+ly\s+)?(?:had\s+|has\s+|have\s+)?(?:said|says|estimated|"
    r"estimates|reported|reports|announced|believes|believed|wrote|writes|puts|put|counted|"
    r"recorded|told|stated|confirmed|calculated|claims|claimed)\b", re.IGNORECASE)


def _can_be_subject(m: Mention) -> bool:
    """Countries, places and events; people and bodies are sources unless they own the figure
    ("the army's losses", taken by `_owner` before this filter)."""
    if m.name == "United Nations":
        return False
    return m.kind != "name" or name_kind(m) in ("event", "place")


def _as_place(ctx: FigureContext, m: Mention) -> Mention:
    """An unknown name after 'in', 'near', 'across' is a place: 'killed in El Geneina'."""
    if m.kind == "name" and name_kind(m) == "name" and _governed(ctx, m, _PLACE_PREPS):
        return Mention(m.name, "place", m.start, m.end, m.text)
    return m


def _in_clause(ctx: FigureContext, m: Mention) -> bool:
    span = ctx.left + ctx.inside + ctx.right
    return bool(span) and span[0].start <= m.start and m.end <= span[-1].end


def _owner(ctx: FigureContext, names: Sequence[Mention]) -> Mention | None:
    """A possessive or demonym on the figure's thing: "China's arsenal", "Russian soldiers"."""
    near = ctx.left[-5:] + ctx.inside + ctx.right[:2]
    lo, hi = (near[0].start, near[-1].end) if near else (0, 0)
    for m in names:
        if not lo <= m.start < hi or m.kind == "name" and name_kind(m) != "event":
            continue
        possessive = ctx.sentence[m.end:m.end + 2] in ("'s", "’s") or m.text.endswith("'s")
        demonym = m.kind == "country" and m.text.lower() != m.name.lower() and \
            not m.text.lower().endswith("'s")
        if possessive or (demonym and m.start >= (ctx.left[-5].start if len(ctx.left) >= 5
                                                    else lo)):
            return m
    return None


def _actor(ctx: FigureContext, names: Sequence[Mention]) -> Mention | None:
    """The nearest name before the figure in its clause not governed by a preposition."""
    if not ctx.left:
        return None
    lo = ctx.left[0].start
    found = [m for m in names if lo <= m.start < ctx.quantity.start
             and not _governed(ctx, m, _PARTNER_PREPS | _PLACE_PREPS | {"of", "than", "between"})
             and not _second_of_pair(ctx, m)]
    return found[-1] if found else None


def _second_of_pair(ctx: FigureContext, m: Mention) -> bool:
    """The second name of 'X and Y' ('between Chile and Argentina'), not a new clause's
    subject ('... 6,255 warheads and the United States follows with 5,550')."""
    before = [w for w in ctx.words if w.end <= m.start][-3:]
    while before and before[-1].low in ("the",):
        before.pop()
    return len(before) >= 2 and before[-1].low == "and" and before[-2].text[0].isupper()


def _governed(ctx: FigureContext, m: Mention, preps: frozenset[str]) -> bool:
    """The word before the mention (past determiners and adjectives) is one of `preps`."""
    before = [w for w in ctx.words if w.end <= m.start][-4:]
    for w in reversed(before):
        if w.low in ("the", "a", "an", "its", "their", "northern", "southern", "eastern",
                     "western", "central", "north", "south", "east", "west", "historic",
                     "coastal", "city", "town", "island", "state", "region", "province",
                     "hawaiian"):
            continue
        return w.low in preps
    return False


def _place(ctx: FigureContext, names: Sequence[Mention]) -> Mention | None:
    """A place the clause puts the figure in: 'in Khartoum state', 'on Maui', 'in Derna'."""
    span = ctx.left + ctx.right
    lo = span[0].start if span else ctx.quantity.start
    hi = span[-1].end if span else ctx.quantity.end
    found = [m for m in names if lo <= m.start < hi and m.kind != "name" or
             (lo <= m.start < hi and name_kind(m) in ("place", "event"))]
    placed = [m for m in found if _governed(ctx, m, _PLACE_PREPS | {"on", "of", "at"})]
    if not placed:
        return None
    return min(placed, key=lambda m: abs(m.start - ctx.quantity.start))


def _named_object(ctx: FigureContext, names: Sequence[Mention], source: str | None
                  ) -> Mention | None:
    """A named thing the figure describes: 'the 21-foot submarine Titan', 'the 22-foot
    (6.7-meter) Titan', 'The Titan is a 16-meter-long submersible', 'Hamish Harding (58)'."""
    q = ctx.quantity
    for m in names:
        if m.kind != "name" or name_kind(m) != "name" or _is_source(m, source, ctx.sentence) \
                or _governed(ctx, m, _PLACE_PREPS | _PARTNER_PREPS | {"of"}):
            continue  # "the attack at Crocus City Hall": a place, not the thing measured
        after = ctx.sentence[q.end:m.start] if m.start >= q.end else None
        if after is not None and len(after.split()) <= 2 and not re.search(r"[,;:]|\.\s", after):
            return m  # "21-foot submarine Titan", "22-foot (6.7-meter) Titan"
        before = ctx.sentence[m.end:q.start] if m.end <= q.start else None
        if before is not None and re.fullmatch(r"\s*(?:\(|,\s*)", before):
            return m  # "Hamish Harding (58)", "Ms Lee, 52,"
        if before is not None and re.fullmatch(r"\s+(?:is|was)\s+(?:a|an|the)\s*"
                                               r"(?:[\w-]+\s+){0,2}?", before):
            return m  # "The Titan is a 16-meter-long submersible"
    return None


def _nearest(ctx: FigureContext, names: Sequence[Mention]) -> Mention | None:
    """The nearest usable name before the figure (not one it is compared with: 'behind the
    United States'), else the nearest after it in its clause."""
    before = [m for m in names if m.end <= ctx.quantity.start
              and not _governed(ctx, m, _COMPARED)]
    heads = [m for m in before if not _governed(ctx, m, _PLACE_PREPS)]
    if heads or before:  # "the toll of the Camp Fire in northern California": the Camp Fire
        return (heads or before)[-1]
    after = [m for m in names if m.start >= ctx.quantity.end and m.kind != "name"
             and _in_clause(ctx, m)]
    return after[0] if after else None


_AREA_RE = re.compile(r"\b(?:across|throughout|among|in|for)\s+(?:all\s+)?(?:the\s+)?"
                      r"((?:[a-z-]+\s+){0,2}(?:states|countries|nations|powers|members|region|"
                      r"regions|world|continent|bloc))\b", re.IGNORECASE)


def _partners(ctx: FigureContext, names: Sequence[Mention]) -> list[Mention]:
    """Countries the clause names as the other party of a flow: 'to Russia', 'from Niger',
    'of France's', 'between Chile and Argentina'."""
    span = ctx.left + ctx.inside + ctx.right
    if not span:
        return []
    relational = frozenset({"to", "from", "of", "into", "with", "between"})
    out = []
    for m in names:
        if not (span[0].start <= m.start <= span[-1].end and m.kind == "country"
                and m.name not in _BLOCS):
            continue
        between = re.search(r"\bbetween\s+[\w\s'’.-]{1,40}\band\s*$",
                            ctx.sentence[max(0, m.start - 50):m.start])
        if _governed(ctx, m, relational) or between:
            out.append(m)
    return out


_TITLE_SOURCE_RE = re.compile(
    r"(?:^|[,:;-]\s*)([A-Z][\w.'’ -]{1,60}?)\s+(?:says|said|report|reports|warns|estimates)\b"
    r"|(?:[:,-]|says|reports?)\s+([A-Z][\w.'’ -]{1,40}?)\s*$")


# A dateline opening the text ("MOSCOW: ...", "BALTIMORE (AP) - ..."): where the story was
# filed, which is often not what it is about (a blast in Karabakh filed from Moscow).
_DATELINE_RE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{1,30}?(?:,\s*[A-Z][\w.]*)?\s*(?:\([^)]{1,30}\))?"
                          r"\s*(?::|[-–—]\s)\s*")


def article_lead(title: str, first: str, first_source: str | None, rest: str = "") -> Slot:
    """The article's lead subject: the country (or event) it is about.

    Names are counted with weights (title LEAD_WEIGHTS[0], first sentence [1], the rest of
    the text [2]); a place counts for its country, so "Moscow" and "Russia" add up. Names the
    title or the lead give as a speaker ("Pentagon says ...", "China announced") are left out,
    and so is the dateline the text opens with.
    """
    from crosscheck.claims.clauses import words_of

    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    shown: dict[str, str] = {}
    events: set[str] = set()
    title_sources = [g for m in _TITLE_SOURCE_RE.finditer(title) for g in m.groups() if g]
    first = _DATELINE_RE.sub("", first, count=1)
    parts: tuple[tuple[str, list[str], int], ...] = (
             (title, title_sources, LEAD_WEIGHTS[0]),
             (first, [first_source or ""], LEAD_WEIGHTS[1]),
             (rest[:LEAD_SCAN_CHARS], [], LEAD_WEIGHTS[2]))
    for text, sources, weight in parts:
        for m in mentions(words_of(text), text):
            if m.name in _BLOCS or not (m.kind in ("country", "place", "world")
                                        or name_kind(m) == "event"):
                continue
            if _SPEAKS_RE.match(text[m.end:m.end + 40]) or (
                    m.kind != "country" and any(m.text in src for src in sources if src)):
                continue
            name = _country_of(m)
            if m.kind == "name":
                events.add(name)
            counts[name] += weight
            order.setdefault(name, len(order))
            shown.setdefault(name, text)
    if not counts:
        return Slot()
    # an event's name ("Jajarkot Earthquake Disaster") is how one outlet titles the story,
    # its country how every outlet can: a country or place the article names comes first
    ranked = [n for n in counts if n not in events] or list(counts)
    best = max(ranked, key=lambda n: (counts[n], -order[n]))
    return Slot(best, shown[best][:120], "article")


def _country_of(m: Mention) -> str:
    """The name a mention counts for: a known place its country, anything else itself."""
    return PLACE_COUNTRY.get(m.name, m.name) if m.kind == "place" else m.name


def countries_named(text: str) -> set[str]:
    """The countries a text names, a known place counting for its country."""
    from crosscheck.claims.clauses import words_of

    return {_country_of(m) for m in mentions(words_of(text), text)
            if m.kind in ("country", "place")}


def article_country(text: str) -> Slot:
    """The country an article names most (a known place counts for its country): the lead
    of last resort when its title and first sentence name none."""
    from crosscheck.claims.clauses import words_of

    counts: Counter[str] = Counter()
    for m in mentions(words_of(text[:LEAD_SCAN_CHARS]), text[:LEAD_SCAN_CHARS]):
        if m.kind == "country" and m.name not in ("United Nations", "European Union", "NATO"):
            counts[m.name] += 1
        elif m.kind == "place" and m.name in PLACE_COUNTRY:
            counts[PLACE_COUNTRY[m.name]] += 1
    if not counts:
        return Slot()
    best, n = counts.most_common(1)[0]
    return Slot(best, f"named {n} time(s) in the article", "article")


# Things an accident or an attack is often about, named once and measured often: "Their
# submersible, the Titan", "the cargo ship Dali", "the Titan submersible".
_THING_MEASURES = frozenset({"ships", "submarines", "aircraft", "bridge", "dam", "tower"})


_ORIGIN_ADJ_RE = re.compile(r"-(?:flagged|based|owned|registered|built|made|led|backed|bound)$")


def named_things(text: str) -> dict[str, tuple[str, str]]:
    """Measure value of a thing noun → (its name, the words it was named in), for the things
    an article names in apposition ('the cargo ship Dali', 'Their submersible, the Titan')."""
    from crosscheck.claims.concepts import MEASURES
    from crosscheck.words import singular

    found: dict[str, Counter[str]] = defaultdict(Counter)
    shown: dict[tuple[str, str], str] = {}
    for name_first, rx in _thing_patterns():
        for m in rx.finditer(text):
            who, thing = (m.group(1), m.group(2)) if name_first else (m.group(2), m.group(1))
            who = " ".join(w for w in who.split() if not _ORIGIN_ADJ_RE.search(w))
            if not who:
                continue  # "the Singapore-flagged ship": an origin, not a name
            if who.lower() in ALIASES or who in PLACE_COUNTRY or not _may_name(
                    who.split()[0].lower()):
                continue
            value = MEASURES.get(thing.lower(), singular(thing.lower()))
            found[value][who] += 1
            shown.setdefault((value, who), m.group(0))
    for m in _vessel_reference_re().finditer(text):
        who = re.sub(r"['’]s$", "", m.group("name") or m.group("owned"))
        if who.lower() in ALIASES or who in PLACE_COUNTRY or not _may_name(who.split()[0].lower()):
            continue
        found["ships"][who] += 1
        shown.setdefault(("ships", who), m.group(0))
    out = {}
    for value, names in found.items():
        best = max(names, key=lambda n: (names[n], n))
        out[value] = best, shown[(value, best)]
    return out


# A vessel named by what only a vessel has: "the crew of the Dali", "aboard the Sea Lark",
# "the cargo manifest of the Dali", "the Dali's captain", "the Dali, chartered by ...". No
# apposition says what the name is, but these frames say it is a ship's.
_VESSEL_PARTS = ("crew", "crews", "captain", "master", "hull", "manifest", "charterer", "deck",
                 "cargo", "sailors")
_VESSEL_VERBS = ("chartered", "operated", "managed", "owned", "crewed", "flagged", "registered",
                 "berthed", "anchored", "docked", "moored")


@lru_cache(maxsize=1)
def _vessel_reference_re() -> re.Pattern[str]:
    """'crew of the Dali', 'aboard the Dali', "the Dali's crew", 'the Dali, chartered by'."""
    name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]*){0,2}"  # "the Eternity C"
    parts = "|".join(_VESSEL_PARTS)
    verbs = "|".join(_VESSEL_VERBS)
    ends = r"(?=\s*[,.;:)(]|\s+(?:was|is|had|has|sent|which|when|that|and|as|after|before|" \
        r"while|in|on|at|to|from|for|off|near)\b)"  # the name ends: "the National Guard unit" is
    return re.compile(  # no ship
        rf"(?:\b(?:{parts})\s+of|\baboard|\bon\s+board)\s+the\s+(?P<name>{name}){ends}"
        rf"|\b[Tt]he\s+(?P<owned>{name})(?:['’]s\s+(?:{parts})\b|,\s+(?:{verbs})\b)")


@lru_cache(maxsize=1)
def _thing_patterns() -> tuple[tuple[bool, re.Pattern[str]], ...]:
    """The appositions named_things reads, each with whether the name comes first."""
    from crosscheck.claims.concepts import MEASURES

    nouns = sorted({w for w, v in MEASURES.items() if v in _THING_MEASURES} |
                   {w for w in _THING_MEASURES if w not in MEASURES.values()}, key=len,
                   reverse=True)
    noun = "|".join(map(re.escape, nouns))
    name = r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
    ends = r"(?=\s*[,.;:)(]|\s+(?:was|is|had|has)\b)"
    return ((False, re.compile(rf"\b({noun}),\s+(?:the\s+)?{name}{ends}")),
            (False, re.compile(rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,3}}?({noun})\s+{name}\b")),
            (True, re.compile(rf"\b[Tt]he\s+{name}\s+({noun})\b")))
