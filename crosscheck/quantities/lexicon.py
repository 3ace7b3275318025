"""Word tables the quantity engine reads: number words, scales, qualifiers, changes, filters."""

from __future__ import annotations

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# Abbreviated scales written after digits; "m" and "b" are read as scales only after a currency.
SCALE_ABBREVIATIONS = {
    "bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "mil": 1e6, "tn": 1e12, "trn": 1e12,
    "k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9,
}
CURRENCY_ONLY_SCALES = {"m": 1e6, "b": 1e9, "bn": 1e9, "T": 1e12, "tn": 1e12}
# Words after a figure and a one-letter unit that keep the letter a unit of length, mass or
# volume ("4.1 m long", "5 g of sugar", "a 100m sprint"): what follows decides, not the letter.
DIMENSION_WORDS = {"long", "high", "tall", "wide", "deep", "thick", "away", "across", "of",
                   "below", "above", "underground", "underwater", "deeper", "higher", "longer",
                   "wider", "taller", "sprint", "race", "dash", "hurdles", "relay", "freestyle",
                   "butterfly", "backstroke", "breaststroke", "medley", "final", "finals",
                   "heat", "heats", "run", "swim", "title", "record", "mark", "event", "radius",
                   "span", "drop", "fall", "jump", "dive", "tower", "wall", "wave", "waves"}
SCALE_PHRASE_MAX = 2  # words after "4.1m" searched for the plural it counts ("American viewers")
# Vague plurals as decade ranges (NewsQuant convention: "dozens" 12-120, "thousands" 1e3-1e4).
VAGUE_PLURALS = {
    "dozens": (12.0, 120.0), "hundreds": (100.0, 1000.0), "thousands": (1e3, 1e4),
    "millions": (1e6, 1e7), "billions": (1e9, 1e10), "trillions": (1e12, 1e13),
}
# Words that state a multiple ("sales tripled", "a fivefold rise"): the factor, read as a
# count of times. "double" and "twice" stay out: they compare ("twice as loud") far more often.
MULTIPLIER_VERBS = {"doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "tripling": 3.0,
                    "trebled": 3.0, "trebling": 3.0, "quadrupled": 4.0, "quadrupling": 4.0}
MULTIPLIERS = {**MULTIPLIER_VERBS,
               **{f"{w}fold": float(v) for w, v in {**SMALL_NUMBERS, **TENS}.items() if v > 1},
               "hundredfold": 100.0, "thousandfold": 1000.0}
FRACTION_WORDS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3,
                  "quarter": 0.25, "quarters": 0.25, "fifth": 0.2, "fifths": 0.2,
                  "sixth": 1 / 6, "sixths": 1 / 6, "eighth": 0.125, "eighths": 0.125,
                  "tenth": 0.1, "tenths": 0.1}

# Qualifier phrases, read right to left from the figure (lower case token tuples).
QUALIFIER_PHRASES = {
    ("about",): "approx", ("around",): "approx", ("approximately",): "approx",
    ("approx",): "approx", ("roughly",): "approx", ("nearly",): "approx",
    ("almost",): "approx", ("some",): "approx", ("circa",): "approx", ("ca",): "approx",
    ("close", "to"): "approx", ("in", "the", "region"): "approx", ("the", "region", "of"): "approx",
    ("region", "of"): "approx", ("an", "estimated"): "approx", ("estimated",): "approx",
    ("nearer",): "approx", ("closer", "to"): "approx",
    ("~",): "approx", ("≈",): "approx", ("barely",): "approx", ("about", "some"): "approx",
    ("more", "than"): "more_than", ("over",): "more_than", ("above",): "more_than",
    ("exceeds",): "more_than", ("exceeded",): "more_than", ("exceeding",): "more_than",
    ("exceed",): "more_than", ("upwards", "of"): "more_than", ("upward", "of"): "more_than",
    ("in", "excess", "of"): "more_than", ("greater", "than"): "more_than",
    ("higher", "than"): "more_than", ("north", "of"): "more_than", (">",): "more_than",
    ("more", "then"): "more_than", ("over", "than"): "more_than",
    ("at", "least"): "at_least", ("no", "less", "than"): "at_least",
    ("not", "less", "than"): "at_least", ("no", "fewer", "than"): "at_least",
    ("a", "minimum", "of"): "at_least", ("minimum", "of"): "at_least", ("≥",): "at_least",
    ("up", "to"): "at_most", ("at", "most"): "at_most", ("no", "more", "than"): "at_most",
    ("not", "more", "than"): "at_most", ("a", "maximum", "of"): "at_most",
    ("maximum", "of"): "at_most", ("≤",): "at_most",
    ("less", "than"): "less_than", ("fewer", "than"): "less_than", ("under",): "less_than",
    ("below",): "less_than", ("lower", "than"): "less_than", ("<",): "less_than",
    ("sub",): "less_than", ("short", "of"): "less_than",
}
QUALIFIER_MAX_WORDS = 3
# Verbs of motion that take "up to" as particle and preposition ("edged up to 3.9%"), unlike
# "offered up to $5,000" (a maximum).
MOTION_VERBS = {"edged", "ticked", "inched", "crept", "moved", "went", "climbed", "shot",
                "jumped", "crawled", "bumped", "nudged", "revised", "pushed", "rose", "came"}
# Words that may sit between a qualifier or change verb and the figure ("rose by just 3%").
FILLER_WORDS = {"just", "only", "well", "still", "even", "already", "by", "of",
                "slightly", "sharply", "roughly", "nearly", "some", "another", "further",
                "around", "about", "almost", "approximately", "as", "much", "many"}

CHANGE_WORDS = {
    "up": "up", "rose": "up", "rise": "up", "rises": "up", "rising": "up", "risen": "up",
    "increase": "up", "increased": "up", "increases": "up", "increasing": "up",
    "gain": "up", "gained": "up", "gains": "up", "gaining": "up", "jump": "up",
    "jumped": "up", "jumps": "up", "jumping": "up", "climb": "up", "climbed": "up",
    "climbs": "up", "climbing": "up", "surge": "up", "surged": "up", "surges": "up",
    "surging": "up", "soar": "up", "soared": "up", "soars": "up", "soaring": "up",
    "advance": "up", "advanced": "up", "advances": "up", "added": "up", "adds": "up",
    "grew": "up", "grow": "up", "grows": "up", "growing": "up", "rallied": "up",
    "spiked": "up", "boosted": "up", "+": "up", "higher": "up", "widened": "up",
    "down": "down", "fell": "down", "fall": "down", "falls": "down", "falling": "down",
    "fallen": "down", "drop": "down", "dropped": "down", "drops": "down", "dropping": "down",
    "decline": "down", "declined": "down", "declines": "down", "declining": "down",
    "decrease": "down", "decreased": "down", "decreases": "down", "decreasing": "down",
    "lost": "down", "lose": "down", "loses": "down", "losing": "down", "slid": "down",
    "slide": "down", "slides": "down", "sliding": "down", "slipped": "down", "slip": "down",
    "slips": "down", "plunged": "down", "plunge": "down", "plunges": "down",
    "plummeted": "down", "plummeting": "down", "plummets": "down", "tumbled": "down",
    "tumble": "down", "tumbles": "down", "sank": "down", "sink": "down", "sinks": "down",
    "shed": "down", "sheds": "down", "dipped": "down", "dip": "down", "dips": "down",
    "upward": "up", "upwards": "up", "downward": "down", "downwards": "down",
    "slumped": "down", "slump": "down", "slumps": "down", "dived": "down", "dove": "down",
    "dives": "down", "tanked": "down", "sagged": "down", "crashed": "down", "collapsed": "down",
    "rocketed": "up", "skyrocketed": "up", "rebounded": "up", "expanded": "up", "expands": "up",
    "accelerated": "up", "spikes": "up", "spike": "up", "rallies": "up", "rally": "up",
    "eased": "down", "eases": "down", "retreated": "down", "shrank": "down",
    "shrunk": "down", "contracted": "down", "lower": "down", "narrowed": "down",
    "lowered": "down", "slashed": "down", "trimmed": "down", "reduced": "down", "cut": "down",
    "cuts": "down",
}
# Words before a signed percentage that make it a level ("a rate of -0.5%"), not a change
# ("Nikkei -0.8%").
LEVEL_WORDS = {"of", "at", "to", "is", "was", "were", "be", "been", "from", "between", "=",
               "and", "or", "than", "stood", "remained", "hit", "reached"}
# After a figure: it is a difference, a change up or down ("100 more than in 2024",
# "3,000 fewer patients").
DIFFERENCE_WORDS = {"more": "up", "fewer": "down", "less": "down"}
# Change verbs that take counted things as their object: "lost 2,900 tanks" counts losses.
COUNTING_VERBS = {"lost", "lose", "loses", "losing", "added", "adds", "add", "adding", "shed",
                  "sheds", "shedding", "gained", "gain", "gains", "gaining", "cut", "cuts",
                  "slashed", "trimmed"}
# A change verb followed by one of these before the figure names a level, not a change.
CHANGE_BLOCKERS = {"to", "at", "from", "between", "than", "in", "on", "for", "with", "after"}

MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
}
# Lower-case month names that are never ordinary words; "may" and "march" count as months only
# after a date preposition ("on may 19", "on 1 may").
MONTHS_LOWER = {"january", "february", "april", "june", "july", "august", "september",
                "october", "november", "december", "jan", "feb", "apr", "jun", "jul", "aug",
                "sep", "sept", "oct", "nov", "dec"}
AMBIGUOUS_MONTHS = {"may", "march"}
DATE_PREPOSITIONS = {"on", "since", "by", "until", "till", "from", "in", "early", "late", "mid",
                     "of", "before", "after", "through", "to", "between", "and"}
# Vulgar fraction characters (one token each).
VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅕": 0.2, "⅖": 0.4,
                    "⅗": 0.6, "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375,
                    "⅝": 0.625, "⅞": 0.875}
CENT_WORDS = {"cents", "cent", "pence", "penny", "p"}

# Words before a 4-digit number that make it a year ("in 2018", "since 1985").
YEAR_CONTEXT = {
    "in", "since", "of", "by", "until", "till", "from", "to", "between", "and", "during",
    "before", "after", "early", "late", "mid", "year", "fiscal", "season", "summer", "winter",
    "spring", "autumn", "fall", "through", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "the",
    "for", "at", "end", "as", "-", "or", "into", "beyond",
}
# A 4-digit figure before a noun in this span reads as a year ("2024 forecasts") unless a
# qualifier leads it ("more than 2000 people").
MODERN_YEAR_MIN, MODERN_YEAR_MAX = 1900, 2100
COUNT_LEADS = {"than", "about", "around", "some", "nearly", "almost", "over", "under", "least",
               "approximately", "roughly", "only", "just", "exactly", "estimated", "all"}
YEAR_MIN, YEAR_MAX = 1000, 2200  # "by 2120" in climate reporting is still a year
# Lower-case words that name an item by number ("section 427", "channel 1").
IDENTIFIER_WORDS = {
    "section", "channel", "row", "case", "unit", "category", "chapter", "article", "page",
    "no", "number", "level", "phase", "round", "room", "route", "flight", "item", "part",
    "step", "stage", "grade", "class", "type", "version", "episode", "clause", "paragraph",
    "amendment", "district", "lane", "gate", "platform", "highway", "interstate", "apartment",
    "suite", "floor", "box", "line", "exit", "junction", "tier", "act", "vol", "volume", "issue",
    "sp", "s&p",
    "ftse", "covid", "model", "figure", "fig", "table", "appendix", "rule", "bill",
    "resolution", "precinct", "ward", "block", "plot", "building", "terminal", "bus", "train",
    "pier", "dock", "zone", "region", "sector", "team", "player", "jersey", "group", "pool",
    "match", "game", "week", "day", "heat", "lap", "hole", "stanza", "verse", "psalm",
}
# Capitalised words that may stand before a figure without making it an identifier.
FUNCTION_WORDS = {
    "the", "a", "an", "about", "around", "approximately", "nearly", "almost", "roughly",
    "some", "over", "under", "more", "less", "fewer", "just", "only", "all", "at", "in", "on",
    "by", "with", "for", "from", "to", "of", "and", "but", "or", "since", "after", "before",
    "than", "its", "his", "her", "their", "our", "my", "your", "another", "every", "each",
    "last", "first", "between", "up", "down", "plus", "minus", "total", "estimated", "these",
    "those", "this", "that", "there", "here", "when", "while", "if", "as", "also", "then", "now",
    "still", "even", "exactly", "precisely", "top",
    "rose", "fell", "jumped", "added", "gained", "lost", "expect", "expects", "sold", "has",
    "have", "had", "is", "are", "was", "were", "be", "will", "would", "could", "may", "might",
    "during", "among", "across", "within", "without", "into", "onto", "upon", "through",
    "towards", "toward", "per", "via", "circa", "approx", "barely", "least",
    "most", "well", "below", "above", "beyond", "except", "including", "includes", "like",
    "what", "which", "who", "whom", "whose", "why", "how", "where", "whereas", "although",
    "though", "because", "so", "yet", "nor", "not", "no", "never", "ever", "already", "again",
    "once", "twice", "both", "either", "neither", "many", "much", "several", "few", "such",
    "own", "other", "same", "different", "new", "old", "i", "we", "you", "he", "she", "it",
    "they", "them", "us", "him", "me", "mr", "mrs", "ms", "dr", "st", "ad", "bc", "perhaps",
    "maybe", "possibly", "probably", "today", "yesterday", "overall", "average",
}
STREET_WORDS = {"Street", "St", "Road", "Rd", "Avenue", "Ave", "Way", "Lane", "Ln", "Drive",
                "Dr", "Boulevard", "Blvd", "Place", "Pl", "Court", "Ct", "Terrace", "Highway"}
TIME_SUFFIXES = {"am", "pm", "GMT", "BST", "UTC", "ET", "EST", "EDT", "PST", "PDT", "CET",
                 "hrs", "IST", "JST"}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "ST", "ND", "RD", "TH"}
# Determiners before a bare number word that make it a name or rank ("the bottom three").
BARE_WORD_BLOCKERS = {"the", "top", "bottom", "big", "all", "those", "these", "first", "last",
                      "'s", "s", "of", "several", "few", "many", "couple"}
