"""Word tables of the claim slots: measures, scopes, modality, revision and change cues.

Each table maps the words news prose uses to one normalized value, so that two outlets that
phrase one fact differently ("killed", "death toll", "claimed ... lives") read the same slot.
Kept to general news vocabulary (tolls, armies, trade, budgets, disasters): a word outside the
tables still gives a measure, its own singular form.
"""

from __future__ import annotations

import re

from crosscheck.words import singular

# Measures of people in an event. Each is a different fact: the dead are never compared with
# the injured or the missing.
_PEOPLE_MEASURES = {
    "deaths": "killed dead died death deaths toll fatalities fatality lives perished "
              "fatal drowned killing kill kills dying",
    "injured": "injured wounded hurt injuries injury injuring wounding hurting",
    "casualties": "casualties casualty",
    "missing": "missing unaccounted disappeared",
    "displaced": "displaced homeless uprooted",
    "refugees": "refugees refugee",
    "evacuated": "evacuated evacuees evacuee evacuation evacuations",
    "arrested": "arrested detained arrests detentions detainees",
    "rescued": "rescued survivors survived",
    "hospitalized": "hospitalized hospitalised hospitalizations",
    "identified": "identified",
    "affected": "affected",
    "stranded": "stranded trapped",
    "mobilized": "mobilized mobilised conscripted drafted reservists",
    "aboard": "aboard onboard carrying",
    # how many took part in a protest or rally: police and organisers often disagree
    "crowd": "crowd crowds protesters protester demonstrators demonstrator marchers marched "
             "protested rallied demonstrated protesting demonstrating rallying marching "
             "gathered attended participants",
}
# Things counted. Synonyms share a value; anything else is its own singular form.
_THING_MEASURES = {
    "troops": "troops troop soldiers soldier servicemen personnel fighters militants "
              "mercenaries men army",
    "attackers": "attackers attacker gunmen gunman assailants assailant perpetrators "
                 "perpetrator shooters shooter",
    "warheads": "warheads warhead nukes nuclear_weapons",
    "shells": "shells shell rounds",
    "missiles": "missiles missile rockets rocket",
    "drones": "drones drone uavs",
    "aircraft": "aircraft planes plane jets jet warplanes",
    "ships": "ships ship vessels vessel boats boat tankers tanker",
    "buildings": "buildings building structures structure houses house homes",
    "tanks": "tanks",
    "coaches": "coaches coach carriages carriage bogies bogie railcars railcar",
    "submarines": "submarines submarine submersibles submersible subs sub",
    "pilgrims": "pilgrims pilgrim",
    "hostages": "hostages hostage captives captive abductees",
    "grain": "grain wheat corn maize barley foodstuffs",
    "population": "population inhabitants residents",
}
# Money: what an amount is about.
_MONEY_MEASURES = {
    "spending": "spending spend spends spent expenditure expenditures outlays",
    "budget": "budget budgets",
    "aid": "aid assistance funding grant grants",
    "cost": "cost costs damage damages losses",
    "revenue": "revenue revenues income sales",
    "exports": "exports export",
    "imports": "imports import",
    "gdp": "gdp economy output",
    "debt": "debt debts borrowing",
    "investment": "investment investments",
    "bonds": "bonds bond",
}
MEASURES: dict[str, str] = {}  # a word, or two joined by "_" ("nuclear_weapons") → measure
for _table in (_PEOPLE_MEASURES, _THING_MEASURES, _MONEY_MEASURES):
    for _value, _words in _table.items():
        for _word in _words.split():
            MEASURES.setdefault(_word, _value)
PRONOUNS = frozenset("them those these it they one ones which".split())
# What happened to the things counted: "2,200 structures destroyed" and "500 damaged", "30
# drones launched" and "25 shot down", "grain shipped" and "grain stored" are other facts.
_THING_EVENTS = {
    "destroyed": "destroyed razed levelled leveled flattened burned burnt gutted lost wrecked "
                 "demolished collapsed toppled",
    "damaged": "damaged hit struck",
    "flooded": "flooded submerged inundated",
    "downed": "downed intercepted intercept intercepting",
    "launched": "launched fired",
    "captured": "captured seized",
    "sunk": "sunk",
    "supplied": "shipped exported carried transported moved delivered sent supplied left "
                "transferred sold provided received bought purchased",
    "stored": "stored stuck storage stockpiled awaiting waiting",
    "harvested": "harvested harvest",
    "produced": "produced manufactured made production output",
    "imported": "imported",
    "consumed": "consumed used expended burned_through",
    "ordered": "ordered",
}
THING_EVENTS = {w: v for v, words in _THING_EVENTS.items() for w in words.split()}
EVENT_MEASURES = frozenset(_PEOPLE_MEASURES)  # what happened to the people counted
# Counts of people in an event that move day by day (the dead, the missing, the evacuated);
# how many were aboard or called up does not.
# Bodies counted (recovered, found, brought to a morgue) are the dead as they are found: a count
# of one event that moves day by day and only grows, like the toll, though not the toll itself.
RECOVERED_DEAD = "body"
FAST_MEASURES = (EVENT_MEASURES - {"aboard", "mobilized"}) | {RECOVERED_DEAD}
# Running totals: a later report may only be larger (a smaller one is a revision or a conflict).
CUMULATIVE_MEASURES = frozenset({"deaths", "injured", "casualties", "arrested", "evacuated",
                                 "mobilized", "identified", RECOVERED_DEAD})
# Damage counts grow as surveys reach more of the area ("2,818 buildings collapsed" on the
# first day, "more than 6,000" three days later): things destroyed, damaged or flooded.
CUMULATIVE_THING_EVENTS = frozenset({"destroyed", "damaged", "flooded"})


def is_damage(measure: str) -> bool:
    """Things destroyed, damaged or flooded: counted anew as surveys reach more of the area."""
    thing, _, event = measure.rpartition(" ")
    return bool(thing) and event in CUMULATIVE_THING_EVENTS


def is_event_count(measure: str) -> bool:
    """A count of what one event did (the dead, the evacuated, the houses destroyed): it is
    of one day, and of one event."""
    return measure in FAST_MEASURES or is_damage(measure)


# Measures that change slowly (holdings, populations, yearly money): levels of two dates
# half a year apart may still be compared.
SLOW_MEASURES = frozenset({"warheads", "troops", "population", "spending", "budget", "gdp",
                           "debt",
                           "missiles", "aircraft", "ships", "tanks"})

# What a response sends to the scene of an event (ambulances at the site, rescuers at work):
# more are sent hour by hour, so two days' counts are of two moments. The head noun of the
# measure, as `measure_head` gives it.
RESPONSE_MEASURES = frozenset({"ambulance", "rescuer", "firefighter", "paramedic", "medic",
                               "responder", "lifeboat"})


def measure_head(measure: str) -> str:
    """The counted noun of a measure value, without the event it was read with ('rescuer
    supplied' -> 'rescuer')."""
    return measure.split(" ", 1)[0]


# Nouns that hold the measure rather than name it: "the number of deaths", "the death toll".
CONTAINERS = frozenset("number total tally count figure figures estimate estimates toll "
                       "amount level levels sum".split())
# Nouns that say the figure is a stock of the thing named with them ("a stockpile of 500
# warheads", "its arsenal"): not a measure of their own.
HOLDINGS = frozenset("stockpile stockpiles arsenal arsenals inventory inventories stock stocks "
                     "force forces fleet".split())
# Counted nouns that name nothing in particular: a figure of "people" is read by its verb.
GENERIC_NOUNS = frozenset("people person persons individuals individual others units unit "
                          "cases case times ones".split())
# Shares and changes of a percentage.
SHARE_WORDS = frozenset("share proportion percent percentage part".split())
CHANGE_NOUNS = frozenset("rise increase increases growth jump gain hike boost surge drop fall "
                         "decline decrease cut cuts reduction slump loss dip".split())
CHANGE_VERBS = frozenset("rose rise rises risen grew grow grows grown increased increase "
                         "increases jumped jumps climbed climbs gained gains soared surged "
                         "fell fall falls fallen dropped drops declined declines decreased "
                         "decreases slumped slipped shrank shrunk cut cuts raised raise raises "
                         "raising boosted boost expanded expand lowered reduced added adds add "
                         "increasing".split())
COMPARATIVES = frozenset("more fewer less higher lower larger smaller bigger up down".split())
# Scope words that restrict the measure to a part of it.
SCOPE_WORDS = frozenset(
    "operational deployed strategic tactical active stored reserve reserves confirmed "
    "registered recorded identified direct indirect violent civilian military "
    "domestic foreign additional new initial northern southern eastern western central "
    "northeastern northwestern southeastern southwestern".split())
# Place words that make a named place a sub-national scope ("Khartoum state").
PLACE_NOUNS = frozenset("state province region district city town county village area "
                        "oblast governorate prefecture island port capital".split())


def is_place_noun(word: str) -> bool:
    """A place noun, singular or plural ("district", "the Jajarkot and Rukum West districts")."""
    return word in PLACE_NOUNS or singular(word) in PLACE_NOUNS

SCOPE_MARKERS = re.compile(r"\b(alone|only|excluding|not including)\b", re.IGNORECASE)
# Areas named without a name: "in the capital", "nationwide", "in rural areas".
AREA_SCOPES = re.compile(r"\b(?:in\s+the\s+(capital|countryside|north|south|east|west|"
                         r"north-east|north-west|south-east|south-west|northeast|northwest|"
                         r"southeast|southwest|provinces|regions|cities)|"
                         r"(nationwide|countrywide|national|nationally|rural|urban)|"
                         r"on\s+(?:the\s+|both\s+)?((?:[\w-]+\s+){0,2}(?:bank|banks|side|sides|"
                         r"shore|coast))|"
                         r"((?:rebel|opposition|government|regime|insurgent|separatist|army|"
                         r"militia|kurdish|russian|ukrainian|israeli)[- ](?:held|controlled|run|"
                         r"occupied)))\b", re.IGNORECASE)
# "government-controlled", "rebel-run": the side that holds an area, written one way.
HELD_RE = re.compile(r"[- ](?:held|controlled|run|occupied)$", re.IGNORECASE)

# Modality cues, read in the figure's clause.
_PROJECTION = (r"will|would|could|might|may|expected|expects|expect|projected|projects|"
               r"projection|forecast|forecasts|predicted|predicts|likely|on track|set to|"
               r"poised|anticipated|estimated to reach|could reach|is to|are to|"
               r"going to|potentially|possibly|possible")
# "explosions aimed at walkie-talkies had killed 14": targeted, no plan ("aims at 5 million" is)
_PLAN = (r"plans?|planned|planning|intends?|intended|aims?(?!\s+at\b(?!\s*$))|"
         r"aimed(?!\s+at\b(?!\s*$))|budgeted|allocated|earmarked|hopes?\s+to|hoping\s+to|"
         r"wants?\s+to|seeks?\s+to|seeking\s+to")
_CAPACITY = r"capacity|capable|can hold|could hold|able to|designed to|up to .{0,20}a year"
_TARGET = r"target|targets|goal|goals|aim of|ambition|pledged|pledge|promised|vowed"
_HYPOTHETICAL = r"if|unless|would have|could have|hypothetical|scenario|in case"
MODALITY_CUES = (
    ("hypothetical", re.compile(r"\b(" + _HYPOTHETICAL + r")\b", re.IGNORECASE)),
    ("target", re.compile(r"\b(" + _TARGET + r")\b", re.IGNORECASE)),
    ("capacity", re.compile(r"\b(" + _CAPACITY + r")\b", re.IGNORECASE)),
    ("plan", re.compile(r"\b(" + _PLAN + r")\b", re.IGNORECASE)),
    ("projection", re.compile(r"\b(" + _PROJECTION + r")\b", re.IGNORECASE)),
)
# A figure that an authority has since replaced: "the previous count of 115".
PREVIOUS_RE = re.compile(
    r"\b(previous(?:ly)?|earlier|former|original(?:ly)?|initial(?:ly)?|had (?:earlier |first )?"
    r"(?:put|given|estimated|reported|said)|first (?:put|given|reported|figures?|count|reports?|"
    r"toll|tally)|early (?:figures?|reports?|counts?))\b", re.IGNORECASE)
# Revision of one figure to another in one sentence: "revised to 97, down from 115".
REVISION_VERBS = re.compile(
    r"\b(revis\w*|lowered|correct\w*|adjust\w*|downgrad\w*|amended|restat\w*|"
    # an authority changing its own count: "raised its estimate", "cut the toll", and the
    # passive "was later reduced to"
    r"(?:raised|cut|reduced|updated|scaled\s+back)\s+(?:its|the|their|his|her)\s+(?:[\w-]+\s+){0,2}"
    r"(?:estimates?|toll|count|figures?|number|tally|forecast)|"
    # verbs that also change what is counted ("increased the number of troops") revise only
    # a count or an estimate: "lifted its count of the dead", "trimmed its estimate"
    r"(?:increased|lifted|boosted|slashed|trimmed)\s+(?:its|the|their|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}(?:estimates?|toll|count|tally|forecast|projections?)|"
    r"(?:was|were|has\s+been|had\s+been)\s+(?:later\s+|since\s+|then\s+)?(?:reduced|cut|"
    r"raised|updated))\b", re.IGNORECASE)
FROM_RE = re.compile(r"\b(?:down|up)?\s*from\s*$|\bprevious(?:ly)?\b|\bearlier\b", re.IGNORECASE)
